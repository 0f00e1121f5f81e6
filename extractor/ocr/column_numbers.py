"""The 栏次 row of an OCR'd table: column numbers 1, 2, 3 … that a misreading breaks.

决算 tables number their amount columns in a row labelled 栏次, left to right
from 1 (a two-sided table numbers each side's amount: 1, 2). OCR of that row
on a poor scan gives 26 for 2, 71 for 7 or 2Gor; the sequence itself says
what was printed. A reading is only replaced when the rest of the row keeps
to the sequence, and every replacement is reported. A cell that reads as two
numbers of the sequence (910) is no misreading but two columns whose rule
the image path missed; it is reported, not changed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.model import Cell, Issue, TableRegion

_LABEL = "栏次"
# Without a 栏次 label (Jiangsu prints a bare 1 … 12 row under a 三公 header) a row
# is taken for column numbers only when it is this long and all but one cell keep to it.
_BARE_MIN = 6
# A misreading of a column number is short and holds no Chinese; longer text is something else.
_MISREAD = re.compile(r"^[^\u4e00-\u9fff]{1,4}$")


def _is_label(text: str) -> bool:
    """栏次, or 栏次 with one character misread (栏欠)."""
    t = text.strip()
    return t == _LABEL or (len(t) == 2 and (t[0] == _LABEL[0] or t[1] == _LABEL[1]))


def _row_cells(region: TableRegion) -> dict[int, list[int]]:
    rows: dict[int, list[int]] = {}
    for i, cell in enumerate(region.cells):
        if cell.rowspan == 1:
            rows.setdefault(cell.row, []).append(i)
    return {r: sorted(idx, key=lambda i: region.cells[i].col) for r, idx in rows.items()}


def _numbered(cells: list[Cell]) -> list[int]:
    """Positions of the row's cells that hold a column number (or what OCR made of one)."""
    return [k for k, c in enumerate(cells) if c.text.strip() and not _is_label(c.text)]


def _mended_row(cells: list[Cell], labelled: bool) -> dict[int, str] | None:
    """Position in ``cells`` -> the column number it should read, or None when the row is no 栏次 row."""
    numbered = _numbered(cells)
    if not numbered or any(re.search(r"[=+]", cells[k].text) for k in numbered):
        return None  # 1=2+3: a row of formulas, not a plain count
    wrong = {k: str(n) for n, k in enumerate(numbered, start=1) if cells[k].text.strip() != str(n)}
    if not wrong or not all(_MISREAD.match(cells[k].text.strip()) for k in wrong):
        return None
    if labelled:
        fits = len(wrong) < len(numbered) and len(wrong) <= max(1, len(numbered) // 4)
    else:
        # A digit misread is a digit or a letter (5 as C, 0 as O); a dash is an empty cell.
        fits = len(numbered) >= _BARE_MIN and len(wrong) == 1 and any(ch.isascii() and ch.isalnum() for k in wrong for ch in cells[k].text)
    return wrong if fits else None


def _merged_numbers(cells: list[Cell], labelled: bool) -> list[int]:
    """Positions in ``cells`` that read as two numbers in a row (910 between 8 and 11): two columns as one.

    A row without the 栏次 label counts only when every other cell keeps to the sequence.
    """
    numbered = _numbered(cells)
    merged, astray, expected = [], 0, 1
    for k in numbered:
        text = cells[k].text.strip()
        if text == f"{expected}{expected + 1}":
            merged.append(k)
            expected += 1
        elif text != str(expected):
            astray += 1
        expected += 1
    return merged if labelled or (len(numbered) >= _BARE_MIN and astray == 0) else []


def mend_column_numbers(region: TableRegion) -> tuple[TableRegion, list[Issue]]:
    """The region with its 栏次 row's misread numbers restored from their place in the sequence,
    and a warning where one cell holds two numbers (a column rule missed)."""
    cells = list(region.cells)
    issues = []
    for row, idx in sorted(_row_cells(region).items()):
        in_row = [cells[i] for i in idx]
        labelled = any(_is_label(c.text) for c in in_row)
        merged = _merged_numbers(in_row, labelled)
        issues += [
            Issue(
                "column-rule-missing",
                f"row {row + 1} col {in_row[k].col + 1}: 栏次 {in_row[k].text!r} holds two column numbers: a column rule "
                "was not found there, and the amounts of two columns are read as one",
                region.page,
            )
            for k in merged
        ]
        wrong = None if merged else _mended_row(in_row, labelled)
        if wrong is None:
            continue
        for k, number in wrong.items():
            i = idx[k]
            issues.append(Issue(
                "column-number-restored",
                f"row {row + 1} col {cells[i].col + 1}: 栏次 {cells[i].text!r} read as {number!r} (its place in the column numbering)",
                region.page,
            ))
            cells[i] = replace(cells[i], text=number)
    return replace(region, cells=cells), issues
