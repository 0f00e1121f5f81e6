"""“三公”经费 tables (公开09, 预算10).

决算 reports print the three expenses as columns (Shanxi: 预算数 1–6 then 决算数
7–12; Shanghai: 预算数/决算数 pairs under each expense), one row with no label;
the header tree gives 合计 = 出国 + 车 + 接待 and 车 = 购置 + 运行 there.
Budget reports often print them as rows (因公出国（境）费, 公务接待费,
公务用车购置及运行费, ①购置费, ②运行维护费, 合计) with the funds as columns;
the same identities are then checked down each column.
"""

from __future__ import annotations

from extractor.checks.arith import combine, sum_check
from extractor.model import Check, Normalised, RawTable, Record
from extractor.normalise.coded import normalise_coded
from extractor.normalise.header import read_header
from extractor.normalise.numbers import is_blank


def _find(records: list[Record], *words: str, exclude: str = "") -> Record | None:
    for r in records:
        item = r.item or ""
        if all(w in item for w in words) and not (exclude and exclude in item):
            return r
    return None


def row_checks(records: list[Record], names: list[str]) -> list[Check]:
    total = next((r for r in records if (r.item or "").endswith("合计")), None)
    abroad = _find(records, "出国")
    hosting = _find(records, "接待")
    cars = _find(records, "购置及运行") or _find(records, "车", "小计")
    buying = _find(records, "购置费", exclude="运行")
    running = _find(records, "运行", exclude="购置及")
    out = []
    for rule, whole, parts in (
        ("合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费", total, [abroad, cars, hosting]),
        ("公务用车购置及运行费 = 购置费 + 运行维护费", cars, [buying, running]),
    ):
        if whole is None or any(p is None for p in parts):
            continue
        out.append(combine(rule, [(names[k] if k < len(names) else f"col {k + 1}", sum_check(rule, v, [p.values[k] for p in parts]))
                                  for k, v in enumerate(whole.values)]))
    return out


def normalise_sangong(raw: RawTable, label: str) -> Normalised:
    out = normalise_coded(raw, label)
    body = raw.grid[read_header(raw.grid).height:]
    if not out.records and body and all(is_blank(c) for c in body[0]):
        # a blank template prints the amounts row with nothing in it: a record of nulls
        out.records.append(Record(None, None, None, None, None, [None] * len(out.columns[""])))
    out.checks.extend(row_checks(out.records, out.columns[""]))
    return out
