"""Ruling segments to table grids, merged cells included.

The steps are small and pure so that the digital path (vector paths) and the
image path (OpenCV line detection) share them: segments are merged into
lines, lines that touch form a table, the table's distinct line positions
form an elementary grid, and elementary cells with no printed border between
them are merged into one cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.model import BBox, Segment

# Positions closer than this (pt) are the same ruling line.
SNAP = 2.5
# Share of an elementary cell edge that a line must cover to count as a border.
BORDER_COVERAGE = 0.6


@dataclass(frozen=True)
class Line:
    """A merged ruling line: ``pos`` is y for horizontal lines and x for vertical ones."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]

    @property
    def bbox(self) -> BBox:
        return BBox(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def merge_segments(segments: list[Segment], snap: float = SNAP) -> list[Line]:
    """Collinear, overlapping or nearly touching segments become one line."""
    lines: list[Line] = []
    for horizontal in (True, False):
        items = sorted(
            (s.y0, min(s.x0, s.x1), max(s.x0, s.x1)) if horizontal else (s.x0, min(s.y0, s.y1), max(s.y0, s.y1))
            for s in segments
            if s.horizontal == horizontal
        )
        for group in _cluster_by_position(items, snap):
            pos = sum(p for p, _, _ in group) / len(group)
            spans = sorted((a, b) for _, a, b in group)
            cur_a, cur_b = spans[0]
            for a, b in spans[1:]:
                if a <= cur_b + snap:
                    cur_b = max(cur_b, b)
                else:
                    lines.append(Line(horizontal, pos, cur_a, cur_b))
                    cur_a, cur_b = a, b
            lines.append(Line(horizontal, pos, cur_a, cur_b))
    return lines


def _cluster_by_position(items: list[tuple[float, float, float]], snap: float) -> list[list[tuple[float, float, float]]]:
    groups: list[list[tuple[float, float, float]]] = []
    for item in items:
        if groups and item[0] - groups[-1][-1][0] <= snap:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _touch(h: Line, v: Line, snap: float) -> bool:
    return h.start - snap <= v.pos <= h.end + snap and v.start - snap <= h.pos <= v.end + snap


def table_components(lines: list[Line], snap: float = SNAP) -> list[list[Line]]:
    """Groups of lines connected by crossings; each group with enough lines is one table."""
    hs = [ln for ln in lines if ln.horizontal]
    vs = [ln for ln in lines if not ln.horizontal]
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v, snap):
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Line]] = {}
    for idx, line in enumerate(hs + vs):
        groups.setdefault(find(idx), []).append(line)
    tables = [g for g in groups.values() if sum(ln.horizontal for ln in g) >= 2 and sum(not ln.horizontal for ln in g) >= 2]
    return sorted(tables, key=lambda g: (min(ln.pos for ln in g if ln.horizontal), min(ln.pos for ln in g if not ln.horizontal)))


def snap_positions(values: list[float], snap: float = SNAP) -> list[float]:
    """Distinct line positions: values closer than ``snap`` (chained) are one line, at their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= snap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _covered(lines: list[Line], pos: float, a: float, b: float, snap: float) -> bool:
    need = (b - a) * BORDER_COVERAGE
    got = 0.0
    for ln in lines:
        if abs(ln.pos - pos) <= snap:
            got += max(0.0, min(b, ln.end) - max(a, ln.start))
    return got >= need


def build_grid(component: list[Line], snap: float = SNAP) -> Grid | None:
    """The cell structure of one table component, or None when it has no cells."""
    hs = [ln for ln in component if ln.horizontal]
    vs = [ln for ln in component if not ln.horizontal]
    # Open-sided tables have no outer vertical border: the horizontal lines' ends are the edges.
    xs = snap_positions([ln.pos for ln in vs] + [min(ln.start for ln in hs), max(ln.end for ln in hs)], snap)
    ys = snap_positions([ln.pos for ln in hs] + [min(ln.start for ln in vs), max(ln.end for ln in vs)], snap)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(n_cols - 1):
            if not _covered(vs, xs[c + 1], ys[r], ys[r + 1], snap):
                union(r * n_cols + c, r * n_cols + c + 1)
    for r in range(n_rows - 1):
        for c in range(n_cols):
            if not _covered(hs, ys[r + 1], xs[c], xs[c + 1], snap):
                union(r * n_cols + c, (r + 1) * n_cols + c)
    return Grid(tuple(xs), tuple(ys), tuple(_cells_from_groups(find, n_rows, n_cols, xs, ys)))


def _cells_from_groups(find, n_rows: int, n_cols: int, xs: list[float], ys: list[float]) -> list[GridCell]:
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells: list[GridCell] = []
    for members in groups.values():
        r0, r1 = min(r for r, _ in members), max(r for r, _ in members)
        c0, c1 = min(c for _, c in members), max(c for _, c in members)
        if len(members) == (r1 - r0 + 1) * (c1 - c0 + 1):
            cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, BBox(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
        else:
            # A non-rectangular merge comes from a broken border stub: keep the elementary cells.
            cells.extend(GridCell(r, c, 1, 1, BBox(xs[c], ys[r], xs[c + 1], ys[r + 1])) for r, c in members)
    return sorted(cells, key=lambda cell: (cell.row, cell.col))


def grids_from_segments(segments: list[Segment], snap: float = SNAP) -> list[Grid]:
    grids = [build_grid(comp, snap) for comp in table_components(merge_segments(segments, snap), snap)]
    return [g for g in grids if g is not None and g.n_rows >= 1 and g.n_cols >= 2]
