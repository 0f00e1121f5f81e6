"""Where a table's header ends: the first row that carries data."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^[-−－]?[\d,，]*\d\.\d{1,4}%?$|^[-−－]?\d{1,3}(,\d{3})+$")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_DATA_WORDS = re.compile(r"^(合计|总计|本年收入合计|本年支出合计|收入总计|支出总计|[一二三四五六七八九十]+、|\d+[.．、])")


def is_data_row(row: list[str]) -> bool:
    """A row with an amount, a classification code or a numbered item is data, not header."""
    cells = [c.strip() for c in row]
    if any(_AMOUNT.match(c) for c in cells):
        return True
    if any(_CODE.match(c) for c in cells[:3]):
        return True
    return any(_DATA_WORDS.match(c) for c in cells[:4] if c)


def guess_header_rows(grid: list[list[str]]) -> int:
    for i, row in enumerate(grid):
        if is_data_row(row):
            return i
    return len(grid)
