"""Turning body rows into records, given which column holds what.

Every family of tables reads its rows the same way once the columns are
known: code columns (one 科目代码 column, or Shanghai's split 类/款/项),
name columns, an optional 行次 column, and value columns in printed order.
The families differ only in how they find those columns and which rows they
keep, so that lives in their own modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.model import Issue, Record
from extractor.normalise.header import has_ordinal, is_code, label
from extractor.normalise.names import code_from_name, code_in_place, snap_name, snap_total
from extractor.normalise.numbers import OCR_LETTER, Reading, clean, dash_read_as_one, is_blank, read_number, repair_digits

_CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\D.*)$")
_SPLIT_PART = re.compile(r"^\d{2,3}$")
_STANDALONE = ("合计", "总计", "结余", "结转", "分配")
_CODE_HEADINGS = ("类", "款", "项", "科目代码", "科目编码")


@dataclass
class Columns:
    """Which grid columns hold what, for one table or one side of a two-sided table."""

    code: list[int] = field(default_factory=list)
    name: list[int] = field(default_factory=list)
    line: int | None = None
    values: list[int] = field(default_factory=list)


def column_role(name: str) -> str:
    """code / line / name / value, from a column's joined header text."""
    last = name.split("/")[-1] if name else ""
    if last == "行次":
        return "line"
    if "代码" in last or "编码" in last or last in ("类", "款", "项"):
        return "code"
    if "名称" in last or last in ("项目", "科目"):
        return "name"
    return "value"


def columns_from_header(names: list[str], cols: range, rows: list[list[str]] | None = None) -> Columns:
    """Column roles from the header, corrected by the body below it when given.

    A column the header calls an amount but that holds words is a name column;
    a column with neither header nor content (a margin the grid picked up) is left out.
    """
    out = Columns()
    for j in cols:
        role = column_role(names[j])
        body = [r[j] for r in rows if j < len(r)] if rows is not None else None
        if role == "value" and body is not None and not names[j] and all(is_blank(c) for c in body):
            continue  # an empty margin column the grid picked up
        if role == "value" and body is not None and _code_tree(body):
            role = "code"  # a misread 科目编码 heading over a column of codes
        elif role == "value" and body is not None and out.code and out.code[-1] == j - 1 and _code_parts(body):
            role = "code"  # a misread 款 (read 故) beside the 类 column
        elif role == "value" and body is not None and out.line is None and _line_numbers(body):
            role = "line"  # a misread 行次 heading
        elif role == "value" and body is not None and _mostly_words(body):
            role = "name"
        if role == "code":
            out.code.append(j)
        elif role == "name":
            out.name.append(j)
        elif role == "line" and out.line is None:
            out.line = j
        else:
            out.values.append(j)
    return out


# Share of a column's filled cells that must be codes: a 公开06 code column also crosses its
# 人员经费合计 / 公用经费合计 line.
_CODE_SHARE = 0.8


def _code_tree(cells: list[str]) -> bool:
    """Classification codes (2xx functional, 3xx economic) where some code is printed under its parent."""
    filled = [clean(c) for c in cells if not is_blank(c)]
    codes = {c for c in filled if is_code(c) and c[0] in "23"}
    if not codes or len(codes) < _CODE_SHARE * len(set(filled)):
        return False
    return any(c[:n] in codes for c in codes for n in range(3, len(c), 2))


def _code_parts(cells: list[str]) -> bool:
    """Two-digit parts of a split code (01, 05, 99), zero-padded as no amount is."""
    filled = [clean(c) for c in cells if not is_blank(c)]
    parts = [c for c in filled if re.fullmatch(r"\d{2}", c)]
    return bool(parts) and len(parts) >= _CODE_SHARE * len(filled) and any(c.startswith("0") for c in parts)


def _line_numbers(cells: list[str]) -> bool:
    """1, 2, 3 … (or 32, 33 …) down the column: 行次, not amounts."""
    t = [clean(c) for c in cells if not is_blank(c)]
    if len(t) < 3 or not all(c.isdigit() and len(c) <= 3 for c in t):
        return False
    nums = [int(c) for c in t]
    return all(b == a + 1 for a, b in zip(nums, nums[1:]))


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _mostly_words(cells: list[str]) -> bool:
    """Most filled cells hold Chinese words: item names. OCR's reading of specks or a seal's
    leftovers in empty amount cells (U, yps, _) is no name and does not make the column one."""
    filled = [c for c in cells if not is_blank(c)]
    words = sum(read_number(c).value is None and bool(_CJK.search(c)) for c in filled)
    return bool(filled) and words * 2 > len(filled)


def columns_from_content(rows: list[list[str]], cols: range) -> Columns:
    """Column roles when the header is missing: codes, words or numbers below it."""
    out = Columns()
    for j in cols:
        cells = [r[j] for r in rows if j < len(r) and not is_blank(r[j])]
        codes = sum(is_code(c) or bool(_SPLIT_PART.match(clean(c))) for c in cells)
        if cells and codes == len(cells) and not any("." in c for c in cells):
            out.code.append(j)
        elif _mostly_words(cells):
            out.name.append(j)
        else:
            out.values.append(j)
    return out


def cell(row: list[str], j: int | None) -> str:
    return row[j] if j is not None and j < len(row) else ""


@dataclass
class RowReading:
    code: str | None
    line: int | None
    item: str | None
    values: list[float | None]
    issues: list[Issue]
    row: int = 0  # index of the body row it was read from
    # Where the item and code were read from, to carry their corrections back to the grid: the one
    # column the item came from with its text as read, and the code columns' texts when the code is theirs.
    name_col: int | None = None
    printed_item: str | None = None
    printed_code: list[str] | None = None
    # Amount cells read as no amount, by column: what the grid should show for them.
    blank_values: dict[int, str] = field(default_factory=dict)
    printed_line: str = ""
    code_blank: bool = False  # the table has code columns and this row's came out empty

    @property
    def empty(self) -> bool:
        """Nothing read: a row with only a 行次 is a line all the same (公开01's blank income lines 9-26)."""
        return self.code is None and self.item is None and self.line is None and all(v is None for v in self.values)

    def to_record(self, side: str | None = None, group: str | None = None) -> Record:
        return Record(side=side, code=self.code, line=self.line, item=self.item, group=group, values=list(self.values))


def read_row(row: list[str], cols: Columns, index: int = 0, where: str = "") -> RowReading:
    """One row's code, 行次, item and values; text in an amount column is reported, not guessed."""
    issues: list[Issue] = []
    # Shanghai prints the 类/款/项 labels on the 合计 line: they are header, not item text
    printed = [clean(cell(row, j)) for j in cols.code]
    code_parts = [repair_digits(p) if p not in _CODE_HEADINGS else "" for p in printed]
    if [p for p in code_parts if p] != [p for p in printed if p and p not in _CODE_HEADINGS]:
        issues.append(Issue(OCR_LETTER, f"{where}: code {''.join(printed)!r} read as {''.join(code_parts)!r}"))
    words = [label(cell(row, j)) for j in cols.name]
    code = None
    printed_code = None
    if code_parts and all(p.isdigit() or p == "" for p in code_parts) and any(code_parts):
        code = "".join(p for p in code_parts if p)
        printed_code = printed
    elif _unreadable_parts(code_parts):
        code = "".join(p if p.isdigit() else _UNREAD * _PART_WIDTH for p in code_parts)
        printed_code = printed
        issues.append(Issue("bad-code", f"{where}: code {' '.join(p for p in printed if p)!r} has a part that could not be read"))
    else:
        for p in code_parts:
            m = _CODE_AND_NAME.match(p)
            if m:  # code and name read into one cell
                code, p = m.group(1), m.group(2)
            if p and p not in words:
                words.insert(0, p)
    sources = [j for j in cols.name if label(cell(row, j))]
    name_col = sources[0] if len(sources) == 1 and len([w for w in words if w]) == 1 else None
    if code is not None and _UNREAD not in code and not is_code(code):
        issues.append(Issue("bad-code", f"{where}: {code!r} is not a 3/5/7-digit classification code"))
    item = "/".join(dict.fromkeys(w for w in words if w)) or None
    line_text = clean(cell(row, cols.line))
    line = int(line_text) if line_text.isdigit() else None
    values: list[float | None] = []
    blank_values: dict[int, str] = {}
    for j in cols.values:
        r = read_number(cell(row, j))
        if not r.ok and label(cell(row, j)) in words:
            values.append(None)  # a heading merged across the row (公开10's 一、政府采购情况) repeats in it
            continue
        if not r.ok:
            issues.append(Issue("not-a-number", f"{where}: {cell(row, j)!r} in an amount column read as empty"))
        elif r.flag:
            issues.append(Issue(r.flag, f"{where}: {cell(row, j)!r} read as {r.value}"))
        values.append(r.value)
        if r.value is None and (shown := _no_amount(cell(row, j), r)) is not None:
            blank_values[j] = shown
    return RowReading(code, line, item, values, issues, index, name_col=name_col, printed_item=item if name_col is not None else None,
                      printed_code=printed_code, blank_values=blank_values, printed_line=line_text,
                      code_blank=bool(printed) and not any(printed))


# Longer text in an amount column is more than a speck: a merged heading or a name, kept as read.
_MOST_SPECK_CHARS = 2


def _no_amount(text: str, reading: Reading) -> str | None:
    """How an amount cell read as no amount shows in the grid, when OCR's text is not what is printed:
    a dash read as 一 is a dash; a character or two with no digit (seal lettering over a dash) is
    illegible, so blank, its not-a-number warning keeping what OCR saw."""
    if reading.ok:
        return dash_read_as_one(text)
    t = clean(text)
    if t and len(t) <= _MOST_SPECK_CHARS and not any(ch.isdigit() for ch in t):
        return ""
    return None


# Stands for each digit of a split code's part OCR could not read; ``read_rows`` fills it in from the
# item's name or drops the code.
_UNREAD = "?"
_PART_WIDTH = 2
_MOST_UNREAD_CHARS = 3


def _unreadable_parts(parts: list[str]) -> bool:
    """A split code whose 类 reads and whose 款 or 项 is a few characters that are no digits: a seal's
    stroke over 01 read as 'on', or beside 11 as '11号'. A name read into a code column is longer, and
    the 合计 line has no 类."""
    if len(parts) < 2 or not re.fullmatch(r"\d{3}", parts[0]):
        return False
    rest = parts[1:]
    unread = [k for k, p in enumerate(rest) if p and not p.isdigit()]
    filled = [k for k, p in enumerate(rest) if p]
    return bool(unread) and filled == list(range(len(filled))) and all(len(rest[k]) <= _MOST_UNREAD_CHARS for k in unread)


def is_continuation(reading: RowReading) -> bool:
    """A row holding only the wrapped tail of the item name above it."""
    if reading.code is not None or reading.line is not None or reading.item is None:
        return False
    if any(v is not None for v in reading.values) or has_ordinal(reading.item):
        return False
    return not any(k in reading.item for k in _STANDALONE)


def read_rows(
    rows: list[list[str]], cols: Columns, first_row: int = 0, join_wrapped: bool = False
) -> tuple[list[RowReading], list[Issue]]:
    """The readings of a run of body rows, names checked against codes.

    ``join_wrapped`` (for unruled tables, where a wrapped name arrives as rows
    of its own) appends name-only rows to the item above.
    """
    out: list[RowReading] = []
    issues: list[Issue] = []
    for i, row in enumerate(rows):
        reading = read_row(row, cols, i, where=f"row {first_row + i + 1}")
        if reading.empty:
            continue
        if join_wrapped and out and is_continuation(reading):
            out[-1].item = (out[-1].item or "") + reading.item
            out[-1].name_col = None  # read from two rows: no one cell to correct
            continue
        out.append(reading)
    issues.extend(_restore_lines(out, first_row))
    for reading in out:
        reading.code, code_issue = code_from_name(reading.code, reading.item)
        if reading.code is not None and _UNREAD in reading.code:
            reading.code = None  # no code of the item's name fits the parts that were read
        reading.item, issue = snap_name(reading.code, reading.item) if reading.code else snap_total(reading.item)
        issues.extend(i for i in (code_issue, issue) if i)
        issues.extend(reading.issues)
    issues.extend(_fill_blank_codes(out, len(cols.code)))
    return out, issues


def _fill_blank_codes(readings: list[RowReading], code_columns: int) -> list[Issue]:
    """Codes whose cells came out blank, from the row's name and the codes around it (``code_in_place``)."""
    issues = []
    codes = [r.code for r in readings]
    for k, reading in enumerate(readings):
        if not reading.code_blank or reading.code is not None or not reading.item:
            continue
        before = next((c for c in reversed(codes[:k]) if c and is_code(c)), None)
        after = next((c for c in codes[k + 1:] if c and is_code(c)), None)
        reading.code, issue = code_in_place(reading.item, before, after)
        if reading.code is not None:
            codes[k] = reading.code
            reading.printed_code = [""] * code_columns
        issues.extend([issue] if issue else [])
    return issues


def _restore_lines(readings: list[RowReading], first_row: int) -> list[Issue]:
    """A 行次 OCR misread (11 as ni, 2 as 22) between the lines before and after it that leave one number for it.
    Only a few letters or digits are a misread 行次; words there are a heading merged across the row."""
    issues = []
    for before, reading, after in zip(readings, readings[1:], readings[2:]):
        misread = 0 < len(reading.printed_line) <= _MOST_UNREAD_CHARS and not _CJK.search(reading.printed_line)
        pinned = before.line is not None and after.line == before.line + 2
        if misread and pinned and reading.line != before.line + 1:
            reading.line = before.line + 1
            issues.append(Issue("line-restored", f"row {first_row + reading.row + 1}: 行次 {reading.printed_line!r} read as "
                                                 f"{reading.line}, between {before.line} and {after.line}"))
    return issues


def corrections(readings: list[RowReading], cols: Columns, first_row: int) -> dict[tuple[int, int], str]:
    """The grid cells whose reading the rows' names and codes put right, by (row, col) in the grid.

    ``first_row`` is the grid row of body row 0. A split code (类/款/项) is
    written back part by part: three digits, then two for each further column.
    """
    out: dict[tuple[int, int], str] = {}
    for reading in readings:
        i = first_row + reading.row
        if reading.name_col is not None and reading.item and reading.item != reading.printed_item:
            out[(i, reading.name_col)] = reading.item
        out.update({(i, j): text for j, text in reading.blank_values.items()})
        if cols.line is not None and reading.line is not None and reading.printed_line != str(reading.line):
            out[(i, cols.line)] = str(reading.line)
        out.update({(i, j): part for j, part in _code_cells(reading, cols.code).items()})
    return out


def _code_cells(reading: RowReading, code_cols: list[int]) -> dict[int, str]:
    """The code columns whose text the row's code puts right, when it was read from them in their layout."""
    if reading.code is None or reading.printed_code is None or _UNREAD in reading.code:
        return {}
    if len(code_cols) == 1:
        parts = [reading.code]
    else:
        widths = [3] + [_PART_WIDTH] * (len(code_cols) - 1)
        parts = [reading.code[sum(widths[:k]):sum(widths[:k + 1])] for k in range(len(code_cols))]
    printed = [p if p not in _CODE_HEADINGS else "" for p in reading.printed_code]
    if "".join(parts) != reading.code or (len(parts) > 1 and any(len(w) > len(p) for w, p in zip(printed, parts))):
        return {}  # a code printed in some other layout than the columns' (a whole code in 类)
    return {j: part for j, part, was in zip(code_cols, parts, printed) if part != was}
