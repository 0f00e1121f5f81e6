"""One page's layout: table regions with their cell texts, and the text lines around them."""

from __future__ import annotations

import bisect

from extractor.layout.context import read_context
from extractor.layout.grid import Grid, grids_from_segments
from extractor.layout.text import TextLine, cell_text, group_lines
from extractor.layout.unruled import find_unruled_tables
from extractor.model import BBox, Cell, Segment, TableContext, TableRegion, TextSpan

# Lines this far (pt) above a table, at most, can be its title and header fields.
_CONTEXT_REACH = 160.0


def _locate(grid: Grid, x: float, y: float) -> tuple[int, int] | None:
    if not (grid.xs[0] <= x <= grid.xs[-1] and grid.ys[0] <= y <= grid.ys[-1]):
        return None
    c = min(max(bisect.bisect_right(grid.xs, x) - 1, 0), grid.n_cols - 1)
    r = min(max(bisect.bisect_right(grid.ys, y) - 1, 0), grid.n_rows - 1)
    return r, c


def _is_table(grid: Grid) -> bool:
    """A frame around a page or a lone box is not a table."""
    return len(grid.cells) >= 2 and grid.bbox.width > 40 and grid.bbox.height > 8


def table_grids(segments: list[Segment]) -> list[Grid]:
    """The grids of the ruled tables among a page's segments, top to bottom."""
    return _drop_nested([g for g in grids_from_segments(segments) if _is_table(g)])


def grid_cells(grid: Grid, texts: dict[tuple[int, int], str]) -> list[Cell]:
    """Cells of ``grid`` with their texts, keyed by each cell's top-left (row, col)."""
    return [
        Cell(row=gc.row, col=gc.col, rowspan=gc.rowspan, colspan=gc.colspan, bbox=gc.bbox, text=texts.get((gc.row, gc.col), ""))
        for gc in grid.cells
    ]


def assemble_regions(
    page_number: int, ruled: list[tuple[Grid, list[Cell]]], lines: list[TextLine]
) -> tuple[list[TableRegion], list[TextLine]]:
    """Ruled tables plus the unruled ones found in the free lines, each with the context around it."""
    found: list[tuple[BBox, int, int, list[Cell], bool]] = [(g.bbox, g.n_rows, g.n_cols, cells, True) for g, cells in ruled]
    for box, n_rows, n_cols, cells, used in find_unruled_tables(lines, page_number):
        found.append((box, n_rows, n_cols, cells, False))
        lines = [ln for ln in lines if ln not in used]
    found.sort(key=lambda f: (f[0].y0, f[0].x0))
    regions: list[TableRegion] = []
    for i, (box, n_rows, n_cols, cells, is_ruled) in enumerate(found):
        top = found[i - 1][0].y1 if i else 0.0
        bottom = found[i + 1][0].y0 if i + 1 < len(found) else float("inf")
        regions.append(TableRegion(page=page_number, bbox=box, n_rows=n_rows, n_cols=n_cols, cells=cells,
                                   ruled=is_ruled, context=table_context(box, lines, top, bottom)))
    return regions, lines


def table_context(box: BBox, lines: list[TextLine], top: float, bottom: float) -> TableContext:
    """What the lines around a table say about it; ``top`` and ``bottom`` are where its neighbours end and begin."""
    above = [ln.text for ln in lines if top - 1 <= ln.bbox.cy < box.y0 and box.y0 - ln.bbox.cy <= _CONTEXT_REACH]
    below = [ln.text for ln in lines if box.y1 < ln.bbox.cy <= bottom]
    return read_context(above, below)


def layout_page(page_number: int, spans: list[TextSpan], segments: list[Segment]) -> tuple[list[TableRegion], list[TextLine]]:
    """Tables (in reading order) and the text lines outside them, from a text layer."""
    grids = table_grids(segments)
    owners: list[dict[tuple[int, int], tuple[int, int]]] = []
    for g in grids:
        index: dict[tuple[int, int], tuple[int, int]] = {}
        for cell in g.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    index[(r, c)] = (cell.row, cell.col)
        owners.append(index)
    per_cell: list[dict[tuple[int, int], list[TextSpan]]] = [{} for _ in grids]
    free: list[TextSpan] = []
    for span in spans:
        for gi, g in enumerate(grids):
            pos = _locate(g, span.bbox.cx, span.bbox.cy)
            if pos is not None:
                per_cell[gi].setdefault(owners[gi][pos], []).append(span)
                break
        else:
            free.append(span)
    ruled = [
        (g, grid_cells(g, {key: cell_text(found) for key, found in per_cell[gi].items()}))
        for gi, g in enumerate(grids)
    ]
    return assemble_regions(page_number, ruled, group_lines(free))


def _drop_nested(grids: list[Grid]) -> list[Grid]:
    """A grid lying inside another one (a boxed note inside a cell) belongs to the outer table."""
    out = []
    for g in grids:
        if not any(o is not g and o.bbox.x0 <= g.bbox.x0 + 1 and o.bbox.y0 <= g.bbox.y0 + 1
                   and o.bbox.x1 >= g.bbox.x1 - 1 and o.bbox.y1 >= g.bbox.y1 - 1 and
                   (o.bbox.width * o.bbox.height > g.bbox.width * g.bbox.height) for o in grids):
            out.append(g)
    return out
