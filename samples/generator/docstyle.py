"""The printed conventions of one generated report: locality wording, captions, number format.

Drawn once per document from its seed; the table builders consult it so the
same ledger comes out as a Shanxi, Shanghai or Jiangsu report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Sequence

from samples.generator.grid import Money, Row, column_paths, place
from samples.generator.spec import TableSpec


@dataclass(frozen=True)
class DocStyle:
    locality: str  # shanxi / shanghai / jiangsu
    kind: str  # 决算 / 预算
    org: str
    year: int
    unit: str  # 万元 / 元
    money: Money
    caption_pattern: str | None  # "公开{n:02d}表", "公开 {n:02d} 表", "预算公开表{n}" …
    caption_rate: float  # share of tables that print their caption
    org_label: str  # "部门名称：", "单位名称：", "编制部门：", "部门："
    split_codes: bool = False  # 类/款/项 in separate columns (Shanghai, most years)

    @property
    def numbered(self) -> bool:
        """The national 决算 template: 行次 and 栏次 columns, full class lists (all but Shanghai)."""
        return self.locality != "shanghai"

    def caption(self, n: int, rng: random.Random) -> str | None:
        if self.caption_pattern is None or rng.random() > self.caption_rate:
            return None
        return self.caption_pattern.format(n=n)

    def unit_line(self) -> str:
        return ("金额单位：" if self.locality == "shanxi" and self.kind == "决算" else "单位：") + self.unit


def draw_style(rng: random.Random, locality: str, kind: str, org: str, year: int, blank: bool) -> DocStyle:
    unit = "元" if locality == "shanghai" and kind == "预算" and rng.random() < 0.5 else "万元"
    thousands = unit == "元" or (locality == "shanghai" and not blank) or rng.random() < 0.25
    if locality == "shanxi":
        pattern = rng.choice(["公开{n:02d}表", "公开 {n:02d} 表"]) if kind == "决算" else rng.choice(["预算公开表{n}", "部门公开表{n}"])
        rate = 1.0 if kind == "决算" else rng.choice([0.3, 0.6, 1.0])
        label = "部门名称：" if kind == "决算" else "单位名称："
        label = label if rng.random() < 0.8 else "部门："
    elif locality == "jiangsu":
        pattern, rate, label = rng.choice(["公开{n:02d}表", "公开 {n:02d} 表"]), 1.0, rng.choice(["部门名称：", "部门："])
    else:
        pattern, rate, label = None, 0.0, "编制部门：" if kind == "预算" else ""
    zeros = locality == "shanghai" and not blank and rng.random() < (0.4 if kind == "预算" else 0.3)
    whole = unit == "元" and rng.random() < 0.4
    split = locality == "shanghai" and (blank or rng.random() < 0.75)
    money = Money(thousands, blank, zeros, not whole)
    return DocStyle(locality, kind, org, year, unit, money, pattern, rate, label, split)


def assemble(
    style: DocStyle,
    rng: random.Random,
    *,
    type: str,
    number: int,
    title: str,
    header: Sequence[Row],
    body: Sequence[Row],
    ncols: int,
    value_cols: dict[str, list[int]],
    records: list[dict[str, Any]],
    label_rows: int | None = None,
    drop: Sequence[str] = (),
    note: str | None = None,
    empty_note: str | None = None,
    wide: bool = False,
) -> TableSpec:
    """Place header and body on one grid and derive the contract's columns from the header."""
    head_grid, head_merges = place(header, ncols)
    body_grid, body_merges = place(body, ncols, first_row=len(head_grid))
    levels = head_grid[: label_rows if label_rows is not None else len(head_grid)]
    columns = {side: column_paths(levels, cols, drop) for side, cols in value_cols.items()}
    numeric = sorted({c for cols in value_cols.values() for c in cols})
    return TableSpec(
        type=type,
        title=title,
        caption=style.caption(number, rng) if number else None,
        unit=style.unit,
        header_rows=len(head_grid),
        grid=head_grid + body_grid,
        merges=head_merges + body_merges,
        columns=columns,
        records=records,
        form=None,
        note=note,
        empty_note=empty_note,
        wide=wide or ncols > 9,
        numeric_cols=numeric,
        org_line=f"{style.org_label}{style.org}" if style.org_label else None,
        period_line=f"{style.year}年度" if style.kind == "决算" and style.numbered else None,
        unit_line=style.unit_line(),
    )
