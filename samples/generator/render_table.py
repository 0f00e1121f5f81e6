"""Ruled tables: column widths, wrapped cell text, merged cells, page slices.

A table is measured once (``measure_table``) and then drawn a slice of rows
at a time (``draw_slice``), so the page flow can break it wherever a page
ends, repeat its header rows or not, and never cut through a merged cell
unless a single merged block is taller than a page. Every ruling line is a
real vector line; a merged cell is one box with no inner lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samples.generator.render_page import Align, Item, Rule, Text
from samples.generator.render_style import Style, text_width
from samples.generator.spec import TableSpec

_AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?%?$")
_DASHES = {"-", "—", "——", "———", "–", "－"}
_NO_LINE_START = set("）)」』】〕，。、：；！？%”’")
_CODE = re.compile(r"^\d{3,7}$")
MIN_TABLE_SIZE = 5.0


def is_amount(text: str) -> bool:
    return text in _DASHES or (bool(text) and any(ch.isdigit() for ch in text) and bool(_AMOUNT.match(text)))


def _amount_cell(table: TableSpec, r: int, c: int, text: str) -> bool:
    return r >= table.header_rows and c in table.numeric_cols and is_amount(text)


def _font_for(text: str, amount: bool, style: Style) -> str:
    """Amounts may be set in the style's Latin face, which only has ASCII glyphs."""
    return style.amount_font if amount and text.isascii() else style.body_font


@dataclass(frozen=True)
class Cell:
    """A drawn box: a plain cell or the top-left anchor of a merge."""

    row: int
    col: int
    rowspan: int
    colspan: int
    lines: tuple[str, ...]
    align: Align
    indent: float
    font: str


@dataclass(frozen=True)
class TableGeometry:
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    size: float
    cells: tuple[Cell, ...]
    header_rows: int
    breakable: frozenset[int]  # row indices a page may start at without cutting a merge
    outer_rule: float
    inner_rule: float
    pad: float

    @property
    def width(self) -> float:
        return sum(self.widths)

    def height(self, start: int, stop: int) -> float:
        return sum(self.heights[start:stop])


def natural_width(table: TableSpec, style: Style, size: float) -> float:
    return sum(_natural_widths(table, style, size))


def measure_table(table: TableSpec, style: Style, available: float) -> TableGeometry:
    size = style.table_size
    for _ in range(6):
        widths = _fit_widths(table, style, size, available)
        if widths is not None:
            break
        size = max(MIN_TABLE_SIZE, size * 0.85)
    else:
        widths = _squeeze(_natural_widths(table, style, size), available)
    return _geometry(table, style, size, widths)


def _spans(table: TableSpec) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for m in table.merges:
        anchors[(m.row, m.col)] = (m.rowspan, m.colspan)
        covered.update(
            (r, c) for r in range(m.row, m.row + m.rowspan) for c in range(m.col, m.col + m.colspan) if (r, c) != (m.row, m.col)
        )
    return anchors, covered


def _ncols(grid: list[list[str]]) -> int:
    return max((len(row) for row in grid), default=0)


def _cell(grid: list[list[str]], r: int, c: int) -> str:
    row = grid[r]
    return row[c].strip() if c < len(row) else ""


def _natural_widths(table: TableSpec, style: Style, size: float) -> list[float]:
    grid = table.grid
    anchors, covered = _spans(table)
    pad2 = 2 * style.cell_pad
    widths = [2 * size + pad2] * _ncols(grid)
    for r, row in enumerate(grid):
        for c in range(len(row)):
            if (r, c) in covered or anchors.get((r, c), (1, 1))[1] != 1:
                continue
            text = _cell(grid, r, c)
            amount = _amount_cell(table, r, c, text)
            w = text_width(text, _font_for(text, amount, style), size) + pad2
            if r < table.header_rows:
                w = min(w, 5 * size + pad2)
            elif not amount:
                w = min(w, style.name_cap_chars * size + pad2)
            widths[c] = max(widths[c], w)
    return widths


def _fit_widths(table: TableSpec, style: Style, size: float, available: float) -> list[float] | None:
    """Column widths that fit ``available`` at this font size, or None when the size must shrink."""
    widths = _natural_widths(table, style, size)
    total = sum(widths)
    if total <= available:
        target = available if style.stretch else max(total, 0.7 * available)
        return [w * target / total for w in widths]
    numeric = set(table.numeric_cols)
    floor = 3 * size + 2 * style.cell_pad
    shrinkable = [c for c in range(len(widths)) if c not in numeric and widths[c] > floor]
    excess = total - available
    room = sum(widths[c] - floor for c in shrinkable)
    if room < excess:
        return None
    for c in shrinkable:
        widths[c] -= (widths[c] - floor) * excess / room
    return widths


def _squeeze(widths: list[float], available: float) -> list[float]:
    total = sum(widths)
    return [w * available / total for w in widths]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy wrap by character: Chinese has no spaces to break at, and that is how real reports wrap.

    Closing punctuation never starts a line: the character before it moves down with it.
    """
    lines: list[str] = []
    for part in text.split("\n"):
        if text_width(part, font, size) <= width:
            lines.append(part)
            continue
        line, used = "", 0.0  # glyph widths simply add up: reportlab applies no kerning
        for ch in part:
            w = text_width(ch, font, size)
            if not line or used + w <= width:
                line, used = line + ch, used + w
            elif ch in _NO_LINE_START and len(line) > 1:
                lines.append(line[:-1])
                line = line[-1] + ch
                used = text_width(line, font, size)
            else:
                lines.append(line)
                line, used = ch, w
        lines.append(line)
    return lines


def _code_columns(table: TableSpec, grid: list[list[str]]) -> set[int]:
    """Columns that hold classification codes (the column right of one holds the item name)."""
    body = grid[table.header_rows :]
    found = set()
    for c in range(_ncols(grid) - 1):
        values = [_cell(grid, r, c) for r in range(table.header_rows, len(grid))]
        filled = [v for v in values if v]
        if filled and sum(bool(_CODE.match(v)) for v in filled) >= 0.6 * len(filled) and len(filled) >= 0.3 * len(body):
            found.add(c)
    return found


def _align(table: TableSpec, grid: list[list[str]], r: int, c: int, text: str, fits: bool) -> Align:
    if r < table.header_rows or "栏次" in grid[r]:
        return "centre"
    if _amount_cell(table, r, c, text):
        return "right"
    if table.form is not None:
        return "centre" if fits else "left"
    if text.isdigit() and len(text) <= 2:
        return "centre"
    return "left"


def _geometry(table: TableSpec, style: Style, size: float, widths: list[float]) -> TableGeometry:
    grid = table.grid
    anchors, covered = _spans(table)
    pad = style.cell_pad
    leading = size * 1.25
    codes = _code_columns(table, grid) if style.indent_names else set()
    nrows = len(grid)
    heights = [max(style.row_height * size / style.table_size, size + 2 * pad)] * nrows
    cells: list[Cell] = []
    tall: list[tuple[int, int, float]] = []
    for r in range(nrows):
        for c in range(_ncols(grid)):
            if (r, c) in covered:
                continue
            rowspan, colspan = anchors.get((r, c), (1, 1))
            text = _cell(grid, r, c)
            code = _cell(grid, r, c - 1) if c - 1 in codes and r >= table.header_rows else ""
            indent = size * ((len(code) - 3) // 2) if _CODE.match(code) else 0.0
            inner = sum(widths[c : c + colspan]) - 2 * pad - indent
            font = _font_for(text, _amount_cell(table, r, c, text), style)
            lines = tuple(wrap(text, font, size, inner)) if text else ()
            align = _align(table, grid, r, c, text, len(lines) <= 1)
            cells.append(Cell(r, c, rowspan, colspan, lines, align, indent, font))
            need = len(lines) * leading + 2 * pad
            if rowspan == 1:
                heights[r] = max(heights[r], need)
            else:
                tall.append((r, rowspan, need))
    for r, rowspan, need in tall:
        have = sum(heights[r : r + rowspan])
        if need > have:
            heights[r + rowspan - 1] += need - have
    blocked = {r for m in table.merges for r in range(m.row + 1, m.row + m.rowspan)}
    breakable = frozenset(r for r in range(table.header_rows, nrows) if r not in blocked)
    return TableGeometry(
        widths=tuple(widths),
        heights=tuple(heights),
        size=size,
        cells=tuple(cells),
        header_rows=table.header_rows,
        breakable=breakable,
        outer_rule=style.outer_rule,
        inner_rule=style.inner_rule,
        pad=pad,
    )


def draw_slice(geo: TableGeometry, segments: list[tuple[int, int]], x0: float, y0: float) -> tuple[list[Item], float]:
    """Draw row ranges [start, stop) stacked from (x0, y0) as one ruled block; returns the items and the height used.

    A merge cut by a segment boundary is drawn as a box clipped to the segment,
    its text repeated, so a form taller than a page still reads correctly.
    """
    items: list[Item] = []
    xs = [x0]
    for w in geo.widths:
        xs.append(xs[-1] + w)
    y = y0
    for start, stop in segments:
        ys = [y]
        for r in range(start, stop):
            ys.append(ys[-1] + geo.heights[r])
        for cell in geo.cells:
            top, bottom = max(cell.row, start), min(cell.row + cell.rowspan, stop)
            if top >= bottom:
                continue
            left, right = xs[cell.col], xs[cell.col + cell.colspan]
            cy0, cy1 = ys[top - start], ys[bottom - start]
            if cy0 > y0:
                items.append(Rule(left, cy0, right, cy0, geo.inner_rule))
            if cell.col > 0:
                items.append(Rule(left, cy0, left, cy1, geo.inner_rule))
            items.extend(_cell_text(geo, cell, left, right, cy0, cy1))
        y = ys[-1]
    right_edge = xs[-1]
    for edge in (
        Rule(x0, y0, right_edge, y0, geo.outer_rule),
        Rule(x0, y, right_edge, y, geo.outer_rule),
        Rule(x0, y0, x0, y, geo.outer_rule),
        Rule(right_edge, y0, right_edge, y, geo.outer_rule),
    ):
        items.append(edge)
    return items, y - y0


def _cell_text(geo: TableGeometry, cell: Cell, left: float, right: float, top: float, bottom: float) -> list[Text]:
    if not cell.lines:
        return []
    leading = geo.size * 1.25
    block = len(cell.lines) * leading
    # Baseline of the first line: centre the block vertically; 0.8 of the size is about the CJK ascent.
    first = top + (bottom - top - block) / 2 + (leading - geo.size) / 2 + geo.size * 0.85
    if cell.align == "right":
        x = right - geo.pad
    elif cell.align == "centre":
        x = (left + right) / 2
    else:
        x = left + geo.pad + cell.indent
    return [Text(x, first + i * leading, line, cell.font, geo.size, cell.align) for i, line in enumerate(cell.lines)]
