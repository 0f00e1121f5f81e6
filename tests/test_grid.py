"""The grid builder: ruling segments to cells with spans."""

from __future__ import annotations

from extractor.layout.grid import grids_from_segments, merge_segments
from extractor.model import Segment


def _box_grid(xs: list[float], ys: list[float], skip_v: set[tuple[int, int]] = frozenset(), skip_h: set[tuple[int, int]] = frozenset()) -> list[Segment]:
    """Ruling of a full grid, leaving out vertical border (row, x-index) and horizontal border (y-index, col) pieces."""
    segs: list[Segment] = []
    for j, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (r, j) not in skip_v:
                segs.append(Segment(x, ys[r], x, ys[r + 1]))
    for i, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if (i, c) not in skip_h:
                segs.append(Segment(xs[c], y, xs[c + 1], y))
    return segs


def test_full_grid_gives_every_cell() -> None:
    grids = grids_from_segments(_box_grid([0, 50, 100, 150], [0, 20, 40]))
    assert len(grids) == 1
    g = grids[0]
    assert (g.n_rows, g.n_cols) == (2, 3)
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in g.cells] == [(0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1)]


def test_missing_borders_merge_cells() -> None:
    # Header "收入" spanning columns 1-2 in row 0; "项目" spanning rows 0-1 in column 0.
    segs = _box_grid([0, 50, 100, 150], [0, 20, 40, 60], skip_v={(0, 2)}, skip_h={(1, 0)})
    g = grids_from_segments(segs)[0]
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in g.cells}
    assert spans[(0, 0)] == (2, 1)
    assert spans[(0, 1)] == (1, 2)
    assert (1, 0) not in spans
    assert sum(rs * cs for rs, cs in spans.values()) == 9


def test_split_and_doubled_lines_are_merged() -> None:
    segs = [Segment(0, 0, 60, 0), Segment(58, 0.8, 120, 0.8), Segment(0, 30, 120, 30), Segment(0, 30.5, 120, 30.5),
            Segment(0, 0, 0, 30), Segment(60, 0, 60, 30), Segment(120, 0, 120, 30)]
    lines = merge_segments(segs)
    assert sum(ln.horizontal for ln in lines) == 2
    g = grids_from_segments(segs)[0]
    assert (g.n_rows, g.n_cols) == (1, 2)


def test_open_sided_table_uses_line_ends() -> None:
    # No outer vertical borders: horizontal rules from x=0 to 200, inner verticals at 80 and 140.
    segs = [Segment(0, y, 200, y) for y in (0, 20, 40)] + [Segment(x, 0, x, 40) for x in (80, 140)]
    g = grids_from_segments(segs)[0]
    assert g.xs[0] == 0 and g.xs[-1] == 200
    assert g.n_cols == 3


def test_two_separate_tables() -> None:
    segs = _box_grid([0, 50, 100], [0, 20, 40]) + _box_grid([0, 50, 100], [100, 120, 140])
    assert len(grids_from_segments(segs)) == 2
