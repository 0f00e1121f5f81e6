"""Two-sided summary tables (公开01/04, 预算01/04): income on the left, expenditure on the right.

The contract wants one record per side per row, so each row is laid out and
recorded side by side; a side with nothing printed in a row gives no record.
"""

from __future__ import annotations

import random
from typing import Any, Sequence

from samples.generator.docstyle import DocStyle, assemble
from samples.generator.grid import Money, Row, record
from samples.generator.spec import TableSpec

SideRow = tuple[str, Sequence[int | None]]  # None: an empty cell (padding), not a zero


def _side(money: Money, item: str, values: Sequence[int | None], line: int | None) -> tuple[list[str], dict[str, Any] | None]:
    cells = [item, *([str(line) if line else ""] if line is not None else []), *(money.text(v) for v in values)]
    nums = [money.value(v) for v in values]
    if not item and not line and all(n is None for n in nums):
        return cells, None
    return cells, record(nums, item=item or None, line=line or None)


def two_sided(
    style: DocStyle,
    rng: random.Random,
    *,
    type: str,
    number: int,
    title: str,
    header: Sequence[Row],
    label_rows: int,
    income: Sequence[SideRow],
    expense: Sequence[SideRow],
    first_expense_line: int | None = None,
    drop: Sequence[str] = (),
    note: str | None = None,
) -> TableSpec:
    """Lay the two sides next to each other; with ``first_expense_line`` each side gets a 行次 column."""
    numbered = first_expense_line is not None
    n_in, n_ex = len(income[0][1]), len(expense[0][1])
    in_width = 1 + numbered + n_in
    body, records = [], []
    for i in range(max(len(income), len(expense))):
        in_item, in_vals = income[i] if i < len(income) else ("", [None] * n_in)
        ex_item, ex_vals = expense[i] if i < len(expense) else ("", [None] * n_ex)
        in_line = (i + 1 if i < len(income) else 0) if numbered else None
        ex_line = (first_expense_line + i if i < len(expense) else 0) if numbered else None
        in_cells, in_rec = _side(style.money, in_item, in_vals, in_line)
        ex_cells, ex_rec = _side(style.money, ex_item, ex_vals, ex_line)
        body.append(in_cells + ex_cells)
        for side, rec in (("收入", in_rec), ("支出", ex_rec)):
            if rec is not None:
                rec["side"] = side
                records.append(rec)
    value_cols = {"收入": list(range(1 + numbered, in_width)),
                  "支出": list(range(in_width + 1 + numbered, in_width + 1 + numbered + n_ex))}
    return assemble(style, rng, type=type, number=number, title=title, header=header, body=body,
                    ncols=in_width + 1 + numbered + n_ex, value_cols=value_cols, records=records,
                    label_rows=label_rows, drop=drop, note=note)
