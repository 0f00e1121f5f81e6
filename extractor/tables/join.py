"""Joining the pieces of a table that runs over several pages.

A region continues the previous page's last table when nothing that reads
like a new table's title or caption stands between them and the column
structure agrees. Header rows repeated on the continuation are dropped.
"""

from __future__ import annotations

from extractor.layout.text import tidy
from extractor.model import Issue, RawTable, TableRegion
from extractor.tables.header import guess_header_rows

# Column boundaries of two pieces of one table agree within this share of the table width.
_COLUMN_TOLERANCE = 0.03


def _column_edges(region: TableRegion) -> list[float]:
    edges = sorted({c.bbox.x0 for c in region.cells} | {c.bbox.x1 for c in region.cells})
    width = max(region.bbox.width, 1.0)
    return [(e - region.bbox.x0) / width for e in edges]


def _same_columns(a: TableRegion, b: TableRegion) -> bool:
    if a.n_cols != b.n_cols:
        return False
    ea, eb = _column_edges(a), _column_edges(b)
    return all(any(abs(x - y) <= _COLUMN_TOLERANCE for y in eb) for x in ea)


def continues(prev: RawTable, prev_region: TableRegion, region: TableRegion, first_on_page: bool) -> bool:
    if not first_on_page or region.page != prev.pages[-1] + 1:
        return False
    ctx = region.context
    if ctx.title or ctx.caption:
        return False
    if prev_region.context.lines_below:
        return False  # a note under the previous piece closes that table
    return _same_columns(prev_region, region)


def _drop_repeated_header(prev_grid: list[list[str]], header_rows: int, grid: list[list[str]]) -> list[list[str]]:
    for k in range(min(header_rows, len(grid)), 0, -1):
        if [[tidy(c) for c in r] for r in grid[:k]] == [[tidy(c) for c in r] for r in prev_grid[:k]]:
            return grid[k:]
    return grid


def join_regions(regions: list[TableRegion]) -> list[RawTable]:
    """Regions in reading order (page by page, top to bottom) to logical tables."""
    tables: list[RawTable] = []
    last_region: TableRegion | None = None
    seen_pages: set[int] = set()
    for region in regions:
        first_on_page = region.page not in seen_pages
        seen_pages.add(region.page)
        grid = region.grid()
        conf = region.confidences()
        if tables and last_region is not None and continues(tables[-1], last_region, region, first_on_page):
            prev = tables[-1]
            kept = _drop_repeated_header(prev.grid, prev.header_rows, grid)
            dropped = len(grid) - len(kept)
            base = len(prev.grid)
            prev.grid.extend(kept)
            prev.confidence.extend(conf[dropped:])
            prev.pages.append(region.page)
            prev.context.lines_below = region.context.lines_below
            _carry_alternatives(prev, region, base=base, skip=dropped)
        else:
            table = RawTable(
                pages=[region.page], grid=grid, confidence=conf, header_rows=guess_header_rows(grid),
                context=region.context, ruled=region.ruled,
            )
            _carry_alternatives(table, region, base=0, skip=0)
            if not any(any(c.strip() for c in row) for row in grid):
                table.issues.append(Issue("empty-table", "a ruled table with no text in any cell", region.page))
            tables.append(table)
        last_region = region
    return tables


def _carry_alternatives(table: RawTable, region: TableRegion, *, base: int, skip: int) -> None:
    """OCR's alternative readings follow their cells into the joined grid (rows ``skip``.. land at ``base``..)."""
    for cell in region.cells:
        if cell.alternatives and cell.row >= skip:
            table.alternatives[(base + cell.row - skip, cell.col)] = cell.alternatives
