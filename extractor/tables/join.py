"""Joining the pieces of a table that runs over several pages.

A region continues the previous page's last table when nothing that reads
like a new table's title or caption stands between them, nothing closes the
previous piece (a note under it), and their outer edges agree. The pieces
need not have the same columns: a form's continuation often has fewer
vertical rules. So the joined table is laid out on the union of the pieces'
column edges, each cell spanning the columns it covers, and header rows
repeated on a continuation are dropped.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from extractor.layout.grid import snap_positions
from extractor.layout.text import tidy
from extractor.model import Cell, Issue, RawTable, TableRegion
from extractor.normalise.header import header_height
from extractor.tables.header import guess_header_rows

# A repeated header cell read by OCR may differ from the first page's by a misread character (卜缴 for 上缴).
_SAME_HEADER_CELL = 0.75
# A repeated header row may hold one wholly misread cell per this many filled cells.
_CELLS_PER_MISREAD = 4
# Outer edges of two pieces of one table agree within this share of the table width.
_EDGE_TOLERANCE = 0.03


def _edges(region: TableRegion) -> list[float]:
    return sorted({c.bbox.x0 for c in region.cells} | {c.bbox.x1 for c in region.cells})


def _same_frame(a: TableRegion, b: TableRegion) -> bool:
    tol = _EDGE_TOLERANCE * max(a.bbox.width, b.bbox.width, 1.0)
    return abs(a.bbox.x0 - b.bbox.x0) <= tol and abs(a.bbox.x1 - b.bbox.x1) <= tol


def continues(prev: TableRegion, region: TableRegion, first_on_page: bool, last_page: int) -> bool:
    if not first_on_page or region.page != last_page + 1:
        return False
    if region.context.title or region.context.caption:
        return False
    if prev.context.lines_below:
        return False  # a note under the previous piece closes that table
    return _same_frame(prev, region)


def _chains(regions: list[TableRegion]) -> list[list[TableRegion]]:
    chains: list[list[TableRegion]] = []
    seen_pages: set[int] = set()
    for region in regions:
        first_on_page = region.page not in seen_pages
        seen_pages.add(region.page)
        if chains and continues(chains[-1][-1], region, first_on_page, chains[-1][-1].page):
            chains[-1].append(region)
        else:
            chains.append([region])
    return chains


def _relative(region: TableRegion, x: float, anchor: TableRegion) -> float:
    """x of ``region`` mapped onto ``anchor``'s frame (pieces may be shifted or scaled a little)."""
    scale = anchor.bbox.width / max(region.bbox.width, 1.0)
    return anchor.bbox.x0 + (x - region.bbox.x0) * scale


def _regrid(chain: list[TableRegion]) -> tuple[list[list[list[str]]], list[list[list[float]]], list[list[Cell]]]:
    """Each piece's grid, confidences and cells laid out on the chain's common columns."""
    if len(chain) == 1:
        region = chain[0]
        return [region.grid()], [region.confidences()], [region.cells]
    anchor = chain[0]
    columns = snap_positions([_relative(r, x, anchor) for r in chain for x in _edges(r)])

    def index(x: float) -> int:
        return min(range(len(columns)), key=lambda i: abs(columns[i] - x))

    grids, confs, cells_out = [], [], []
    n_cols = len(columns) - 1
    for region in chain:
        grid = [["" for _ in range(n_cols)] for _ in range(region.n_rows)]
        conf = [[1.0 for _ in range(n_cols)] for _ in range(region.n_rows)]
        placed: list[Cell] = []
        for cell in region.cells:
            c0 = min(index(_relative(region, cell.bbox.x0, anchor)), n_cols - 1)
            c1 = max(c0 + 1, index(_relative(region, cell.bbox.x1, anchor)))
            placed.append(Cell(cell.row, c0, cell.rowspan, c1 - c0, cell.bbox, cell.text, cell.confidence, cell.alternatives))
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(c0, c1):
                    grid[r][c] = cell.text
                    conf[r][c] = cell.confidence
        grids.append(grid)
        confs.append(conf)
        cells_out.append(placed)
    return grids, confs, cells_out


def _same_header_cell(a: str, b: str) -> bool:
    a, b = tidy(a), tidy(b)
    return a == b or (bool(a) and bool(b) and SequenceMatcher(None, a, b, autojunk=False).ratio() >= _SAME_HEADER_CELL)


def _same_header_row(a: list[str], b: list[str]) -> bool:
    """Rows alike cell by cell, but for one cell in four of a wide row: a repeated 12-column 公开06
    header lost to the body when one 决算数 was read 決算数 (a short cell's one misread is a third of it)."""
    if len(a) != len(b):
        return False
    differing = sum(not _same_header_cell(x, y) for x, y in zip(a, b))
    filled = sum(bool(tidy(x)) for x in a)
    return differing <= filled // _CELLS_PER_MISREAD


def _repeated_header_rows(first: list[list[str]], header_rows: int, grid: list[list[str]]) -> int:
    for k in range(min(header_rows, len(grid)), 0, -1):
        if all(_same_header_row(a, b) for a, b in zip(grid[:k], first[:k])):
            return k
    return 0


def _join_chain(chain: list[TableRegion]) -> RawTable:
    grids, confs, cells = _regrid(chain)
    head = chain[0]
    header_rows = guess_header_rows(grids[0])
    table = RawTable(
        pages=[head.page], grid=[list(r) for r in grids[0]], confidence=[list(r) for r in confs[0]],
        header_rows=header_rows, context=head.context, ruled=head.ruled,
    )
    _carry_alternatives(table, cells[0], base=0, skip=0)
    # The header as the normaliser will find it (from content; 本年支出合计 in a header row ends the guess above).
    printed_header = header_height(grids[0])
    for region, grid, conf, placed in zip(chain[1:], grids[1:], confs[1:], cells[1:]):
        dropped = _repeated_header_rows(grids[0], printed_header, grid)
        base = len(table.grid)
        table.grid.extend(grid[dropped:])
        table.confidence.extend(conf[dropped:])
        table.pages.append(region.page)
        table.context.lines_below = region.context.lines_below
        _carry_alternatives(table, placed, base=base, skip=dropped)
    if not any(any(c.strip() for c in row) for row in table.grid):
        table.issues.append(Issue("empty-table", "a ruled table with no text in any cell", head.page))
    return table


def join_regions(regions: list[TableRegion]) -> list[RawTable]:
    """Regions in reading order (page by page, top to bottom) to logical tables."""
    return [_join_chain(chain) for chain in _chains(regions)]


def _carry_alternatives(table: RawTable, cells: list[Cell], *, base: int, skip: int) -> None:
    """OCR's alternative readings follow their cells into the joined grid (rows ``skip``.. land at ``base``..)."""
    for cell in cells:
        if cell.alternatives and cell.row >= skip:
            table.alternatives[(base + cell.row - skip, cell.col)] = cell.alternatives
