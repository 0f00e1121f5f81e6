"""Tables whose rows are classification codes with amounts (收入/支出 决算表, 预算支出表 …).

They share one shape across localities: a code column (Shanghai splits it
into 类/款/项 columns), a name column, value columns under one or two header
levels, a 合计 row at the top or the bottom, and in Shanxi a 栏次 row.
"""

from __future__ import annotations

import random
from typing import Sequence

from samples.generator.docstyle import DocStyle, assemble
from samples.generator.grid import Cell, record
from samples.generator.spec import TableSpec

# A value column group: its top header and the headers under it (empty: one column).
Group = tuple[str, Sequence[str]]

FUNCTIONAL_LEVELS = ("类", "款", "项")
ECONOMIC_LEVELS = ("类", "款")


def _split(code: str, parts: int) -> list[str]:
    pieces = [code[:3]] + [code[i : i + 2] for i in range(3, len(code), 2)]
    return pieces + [""] * (parts - len(pieces))


def coded_table(
    style: DocStyle,
    rng: random.Random,
    *,
    type: str,
    number: int,
    title: str,
    groups: Sequence[Group],
    rows: Sequence[tuple[str, str, Sequence[int]]],
    total: Sequence[int],
    total_first: bool = True,
    lanci: bool = False,
    code_header: str = "科目代码",
    name_header: str = "科目名称",
    head_label: str | None = "项目",
    levels: Sequence[str] = FUNCTIONAL_LEVELS,
    note: str | None = None,
    empty_note: str | None = None,
) -> TableSpec:
    split = style.split_codes
    ncode = len(levels) if split else 1
    nvals = sum(max(1, len(subs)) for _, subs in groups)
    ncols = ncode + 1 + nvals
    two_level = split or head_label is not None or any(subs for _, subs in groups)
    depth = (3 if split else 2) if two_level else 1
    header: list[list[Cell | str]] = [[] for _ in range(depth)]
    if depth == 1:
        header[0] += [code_header, name_header]
    elif split:
        header[0].append(Cell(head_label or "", colspan=ncode + 1))
        header[1] += [Cell(code_header, colspan=ncode), Cell(name_header, rowspan=2)]
        header[2] += list(levels)
    else:
        header[0].append(Cell(head_label or "", colspan=2))
        header[1] += [code_header, name_header]
    for top, subs in groups:
        if not subs:
            header[0].append(Cell(top, rowspan=depth))
            continue
        header[0].append(Cell(top, colspan=len(subs)))
        header[1] += [Cell(sub, rowspan=depth - 1) for sub in subs]
    if lanci:
        header.append([Cell("栏次", colspan=ncode + 1)] + [str(i + 1) for i in range(nvals)])
    money = style.money
    body: list[list[Cell | str]] = []
    records = []
    for code, name, values in rows:
        codes = _split(code, ncode) if split else [code]
        body.append([*codes, name, *(money.text(v) for v in values)])
        records.append(record([money.value(v) for v in values], code=code, item=name))
    total_row: list[Cell | str] = [Cell("合计", colspan=ncode + 1), *(money.text(v) for v in total)]
    total_record = record([money.value(v) for v in total], item="合计")
    if total_first:
        body.insert(0, total_row)
        records.insert(0, total_record)
    else:
        body.append(total_row)
        records.append(total_record)
    return assemble(
        style, rng, type=type, number=number, title=title, header=header, body=body, ncols=ncols,
        value_cols={"": list(range(ncode + 1, ncols))}, records=records, label_rows=depth,
        note=note, empty_note=empty_note,
    )
