"""Finding a table's header rows and naming its columns from them.

The layout stage's guess of the header height is often wrong (repeated merged
cells, 栏次 rows, no ruling), so the header is found again from content: it
ends at the first row that looks like data (a classification code, an amount,
a numbered item or a total line). Column names join the header levels with
"/" top-down; merged cells may arrive repeated (from a ruled grid) or only in
their first position (from text), so a parent label is carried right over the
columns its children occupy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.normalise.numbers import clean, is_blank, read_number

_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_ORDINAL = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])")
TOTAL_LABELS = ("合计", "总计", "小计")
_INT = re.compile(r"^\d{1,2}$")
_HEADER_WORDS = ("项目", "科目", "编码", "代码", "名称", "单位", "栏次", "行次", "金额", "预算数", "决算数")
_WIDE_GAP = re.compile(r"(?<=[\u2e80-\uffef])\s+(?=[\u2e80-\uffef])")


def label(text: str) -> str:
    """A header or item text as printed, without the breaks and letter-spacing that layout put between CJK characters.

    Whitespace between two CJK characters (a wrapped line, 合 计, 公 务 用 车) goes;
    elsewhere it is kept as one space (1. 副部级…, 货物 A).
    """
    return re.sub(r"\s+", " ", _WIDE_GAP.sub("", text)).strip()


def is_code(text: str) -> bool:
    """A 3/5/7-digit classification code (functional 201/20103/2010301 or economic 301/30101)."""
    return bool(_CODE.match(clean(text)))


def has_ordinal(text: str) -> bool:
    """True for items numbered like 一、 (一) 1. as the summary tables print them."""
    return bool(_ORDINAL.match(clean(text)))


def is_total(text: str) -> bool:
    """合计, 总计, 小计 lines (also 本年收入合计, 部门合计 …)."""
    return label(text).endswith(TOTAL_LABELS)


def is_column_number_row(row: list[str]) -> bool:
    """The 栏次 row: '栏次' printed, or the cells are just 1, 2, 3 … in order."""
    cells = [clean(c) for c in row if not is_blank(c)]
    if any(c == "栏次" for c in cells):
        return True
    ints = [c for c in cells if _INT.match(c)]
    if len(cells) < 2 or len(ints) != len(cells):
        return False
    nums = [int(c) for c in _dedupe(ints)]
    return len(nums) >= 2 and nums[0] == 1 and all(b == a + 1 for a, b in zip(nums, nums[1:]))


def is_data_row(row: list[str]) -> bool:
    """A body row: it carries a code, an amount, a numbered item or a total line."""
    if is_column_number_row(row):
        return False
    texts = [c for c in row if not is_blank(c)]
    if not texts:
        return False
    if any(is_code(c) for c in texts):
        return True
    if any(is_amount(c) for c in texts):
        return True
    words = [c for c in texts if read_number(c).value is None]
    if words and has_ordinal(words[0]):
        return True
    return bool(words) and is_total(words[0]) and len(set(map(label, words))) == 1


def is_empty_item_row(row: list[str]) -> bool:
    """An item printed with all its amounts empty (因公出国（境）费 in a 预算 三公 table)."""
    texts = [c for c in row if not is_blank(c)]
    return len(texts) == 1 and row[0] == texts[0] and len(row) >= 3 and not any(w in label(row[0]) for w in _HEADER_WORDS)


def is_amount(text: str) -> bool:
    """An amount rather than a 行次/栏次 number or a year: decimals, thousands separators or many digits."""
    t = clean(text)
    if read_number(t).value is None:
        return False
    if "." in t or "," in t:
        return True
    digits = t.lstrip("-")
    return len(digits) >= 4 and not (len(digits) == 4 and 1990 <= int(digits) <= 2100)


def header_height(grid: list[list[str]]) -> int:
    """How many leading rows form the header (including 栏次 rows)."""
    for i, row in enumerate(grid):
        if is_data_row(row) or (i > 0 and is_empty_item_row(row)):
            return i
    filled = [i for i, row in enumerate(grid) if any(not is_blank(c) for c in row)]
    return filled[-1] + 1 if filled else 0  # trailing empty rows are an empty body, not header


@dataclass(frozen=True)
class Header:
    height: int  # rows before the body
    names: list[str]  # one per column: header levels joined by "/"
    rows: list[list[str]]  # the header rows as printed, 栏次 rows excluded


def read_header(grid: list[list[str]]) -> Header:
    """The header found from content, with each column's name."""
    height = header_height(grid)
    rows = [r for r in grid[:height] if not is_column_number_row(r)]
    return Header(height, column_names(rows, width(grid)), rows)


def width(grid: list[list[str]]) -> int:
    return max((len(r) for r in grid), default=0)


def column_names(rows: list[list[str]], n_cols: int) -> list[str]:
    """Each column's header levels joined by "/", a merged label counted once."""
    filled = _fill_spans([[label(c) for c in r] + [""] * (n_cols - len(r)) for r in rows])
    return ["/".join(_dedupe([r[j] for r in filled if r[j]])) for j in range(n_cols)]


def _fill_spans(rows: list[list[str]]) -> list[list[str]]:
    """Carry a label right over the empty cells its merged span covers.

    A cell is taken to be covered by its left neighbour when the rows below
    have content there (so the empty cell is a span, not a missing label) and,
    below the first row, when the parent row above spans both columns.
    """
    out = [list(r) for r in rows]
    for i, r in enumerate(out):
        for j in range(1, len(r)):
            if r[j] or not r[j - 1]:
                continue
            below = any(out[k][j] for k in range(i + 1, len(out)))
            same_parent = i == 0 or out[i - 1][j] == out[i - 1][j - 1]
            if below and same_parent:
                r[j] = r[j - 1]
    return out


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if not out or out[-1] != x:
            out.append(x)
    return out


def repeats_header(row: list[str], header: Header) -> bool:
    """A header row printed again after a page break."""
    key = [label(c) for c in row]
    return any(key == [label(c) for c in h] for h in header.rows) or is_column_number_row(row)
