"""Ruling lines of a scanned table, as Segments in page points.

Lines are long thin runs of ink: a morphological opening with a kernel longer
than most glyph strokes keeps them and drops text. Scans break lines (faint
toner, JPEG, a seal painted out on top of them), so the pieces that survive
the opening are joined along their row (or column) across small gaps.

Large bold glyphs (a title's 三, 一, the stems of 府) also survive the
opening. What tells a ruling apart is that it belongs to a grid: a line is
kept when it is long, or when it runs from one kept line to another, so the
strokes of a title are dropped even right under a header rule. On a blurred
scan the horizontal strokes of a line of text can run together into a long
run too; glyph ink close above and below it gives it away. Only kept lines
are painted white before OCR (recognisers read a ruling as 1, l, | or 一),
so text is never erased with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np

from extractor.model import Segment

if TYPE_CHECKING:
    from extractor.imaging.prepare import PreparedImage

# Lengths in points, so the behaviour is the same at every dpi.
_PIECE_MIN_PT = 12.0  # longer than a body-text stroke (a 一 at 10.5 pt is ~9 pt)
_JOIN_GAP_PT = 4.0  # breaks a scan leaves in a line
# Where a seal's opaque ink hid a ruling, painting the seal out leaves a longer break
# (measured: 6.9 and 14.6 pt under a seal's ring and star); a break this long is joined when
# most of it lies under the seal.
_SEAL_GAP_PT = 40.0
_UNDER_SEAL = 0.5
_LINE_MIN_PT = _PIECE_MIN_PT  # shortest cell side: a header row of 科目代码|科目名称 is 14.4 pt
_SAME_ROW_PT = 1.2  # pieces this close across are one line
_LONG_PT = 72.0  # a line this long is a ruling on its own (no glyph stroke is an inch)
_MEET_PT = 3.0  # how near a line's end must come to another line to end on it
_FRINGE_PT = 0.5  # blur around a scanned line, erased with it
# Ink beside a horizontal run, measured in the bands from 1 to 3 pt above and below it. On a
# blurred scan of a 公开01 page its 33 rulings showed at most 0.20 on either side; the strokes of
# a line of text that ran together (二十六、抗疫特别国债…) 0.45-0.99 on one side, mostly on both.
_BESIDE_NEAR_PT, _BESIDE_FAR_PT = 1.0, 3.0
_TEXT_BOTH_SIDES = 0.3
_TEXT_ONE_SIDE = 0.6
# A run's own rows are those inked along this share of it, for at most this far from its middle
# (a table's outer border, blurred on a 167-dpi scan, was 9 px: 3.9 pt).
_OWN_ROW_FILL = 0.8
_THICK_PT = 2.5
# A short line under a seal printing less than this share of the page's long rules' ink depth is a
# stroke of the painted-out seal (measured: 0.48; a pale scan's rules are 0.95-1.05 of each other).
_SEAL_STROKE_DEPTH = 0.6


@dataclass(frozen=True)
class Line:
    """A joined ruling in pixels: ``across`` is its y (horizontal) or x (vertical)."""

    across: float
    start: float
    end: float
    labels: tuple[int, ...]  # connected components of the opened mask it is made of

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Rulings:
    horizontal: list[Line]
    vertical: list[Line]
    mask: np.ndarray  # 255 on the pixels of the kept lines


def _opened(binary: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    piece = max(8, int(round(_PIECE_MIN_PT * scale)))
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (piece, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, piece)))
    return horizontal, vertical


def _under_seal(seal: np.ndarray | None, horizontal: bool, across: float, start: float, end: float) -> bool:
    """Whether most of the break from ``start`` to ``end`` on a row (column) lies where a seal was."""
    if seal is None:
        return False
    a, s, e = int(round(across)), int(start), int(np.ceil(end))
    run = seal[a, s:e] if horizontal else seal[s:e, a]
    return run.size > 0 and float((run > 0).mean()) >= _UNDER_SEAL


def _join(
    labels_stats: np.ndarray, horizontal: bool, scale: float, seal: np.ndarray | None = None, usable: np.ndarray | None = None
) -> list[Line]:
    """Chain the opened runs on one row (or column) across small gaps, and across longer ones under a seal.

    ``usable`` (one flag per run) leaves out runs that are no ruling's pieces before they are
    chained: the strokes of a label level with a rule's end would carry the rule into its cell.
    """
    same_row, gap, seal_gap = _SAME_ROW_PT * scale, _JOIN_GAP_PT * scale, _SEAL_GAP_PT * scale
    pieces = []
    for label, (x, y, w, h, _area) in enumerate(labels_stats):
        if label == 0 or (usable is not None and not usable[label]):
            continue
        if horizontal:
            pieces.append((y + h / 2, float(x), float(x + w), label))
        else:
            pieces.append((x + w / 2, float(y), float(y + h), label))
    chains: list[list] = []
    for across, start, end, label in sorted(pieces, key=lambda p: (p[1], p[0])):
        for chain in chains:
            if abs(chain[0] - across) > same_row:
                continue
            apart = start - chain[2]
            if apart <= gap or (apart <= seal_gap and _under_seal(seal, horizontal, chain[0], chain[2], start)):
                # Weighting by length keeps a long line from being dragged by a short piece.
                len_chain, len_piece = chain[2] - chain[1], end - start
                chain[0] = (chain[0] * len_chain + across * len_piece) / (len_chain + len_piece)
                chain[2] = max(chain[2], end)
                chain[3].append(label)
                break
        else:
            chains.append([across, start, end, [label]])
    min_len = _LINE_MIN_PT * scale
    return [Line(a, s, e, tuple(ls)) for a, s, e, ls in chains if e - s >= min_len]


def _reach_under_seal(lines: list[Line], across: list[Line], seal: np.ndarray | None, horizontal: bool, scale: float) -> list[Line]:
    """Lines whose end stops short of a crossing line, grown to it where the gap lies under a seal.

    A seal's ink can hide the last stretch of a rule, where it meets the next
    rule: painting the seal out then leaves it ending in mid-air, and the
    short rule between a form's 执行率 and 得分 was dropped for it. Only one
    end is grown, the other must meet a crossing line already: a glyph's stem
    run together with the seal's ring ends in mid-air at both ends, and grown
    to the rules above and below it split a name cell in two (seed 9924).
    """
    if seal is None:
        return lines
    tol, reach = _MEET_PT * scale, _SEAL_GAP_PT * scale

    def grown_end(ln: Line, crossing: list[float], end: float, outward: int) -> float:
        """``end`` moved ``outward`` (-1 before the start, +1 past the end) to the nearest crossing line
        when the gap lies under the seal."""
        beyond = [c for c in crossing if tol < (c - end) * outward <= reach]
        if not beyond:
            return end
        target = min(beyond, key=lambda c: abs(c - end))
        return target if _under_seal(seal, horizontal, ln.across, min(target, end), max(target, end)) else end

    grown = []
    for ln in lines:
        crossing = [o.across for o in across if o.start - tol <= ln.across <= o.end + tol]
        start_meets, end_meets = (any(abs(c - end) <= tol for c in crossing) for end in (ln.start, ln.end))
        start = grown_end(ln, crossing, ln.start, -1) if end_meets and not start_meets else ln.start
        end = grown_end(ln, crossing, ln.end, 1) if start_meets and not end_meets else ln.end
        grown.append(Line(ln.across, start, end, ln.labels))
    return grown


def _own_rows(binary: np.ndarray, y: int, x0: int, x1: int, scale: float) -> tuple[int, int]:
    """The rows the run itself fills (ink along most of it), up to a thick border's width: the
    bands beside it are measured from its edges, or a 4-pt table border counts as text beside itself."""
    most = int(round(_THICK_PT * scale))
    top = bottom = y
    while top > 0 and y - top < most and (binary[top - 1, x0:x1] > 0).mean() >= _OWN_ROW_FILL:
        top -= 1
    while bottom + 1 < binary.shape[0] and bottom - y < most and (binary[bottom + 1, x0:x1] > 0).mean() >= _OWN_ROW_FILL:
        bottom += 1
    return top, bottom


def _inside_text(line: Line, binary: np.ndarray, scale: float) -> bool:
    """Whether a horizontal run has glyph ink close above and below it along its length: text, not a ruling."""
    y, x0, x1 = int(round(line.across)), int(line.start), int(np.ceil(line.end))
    near, far = int(round(_BESIDE_NEAR_PT * scale)), int(round(_BESIDE_FAR_PT * scale))
    top, bottom = _own_rows(binary, y, x0, x1, scale)
    above = binary[max(0, top - far) : max(0, top - near), x0:x1]
    below = binary[bottom + near : bottom + far, x0:x1]
    density = sorted(float((band > 0).mean()) if band.size else 0.0 for band in (above, below))
    return density[0] >= _TEXT_BOTH_SIDES or density[1] >= _TEXT_ONE_SIDE


def _ends_on(line: Line, others: list[Line], tol: float) -> tuple[bool, bool]:
    """Whether each end of ``line`` lies on (within ``tol`` of) one of ``others``, the other direction."""
    def on(pos: float) -> bool:
        return any(abs(o.across - pos) <= tol and o.start - tol <= line.across <= o.end + tol for o in others)

    return on(line.start), on(line.end)


def _position(line: Line) -> tuple[float, float]:
    return line.across, line.start


def _free_end_aligned(line: Line, first_on: bool, parallel: list[Line], tol: float) -> bool:
    """Whether the end of ``line`` that meets nothing lines up with an end of a kept parallel line."""
    free = line.end if first_on else line.start
    return any(abs((p.end if first_on else p.start) - free) <= tol for p in parallel if p is not line)


def _grid_lines(horizontal: list[Line], vertical: list[Line], scale: float) -> tuple[list[Line], list[Line]]:
    """Long lines, and lines that end on them, grown to a fixed point.

    A cell border runs from one ruling to another, so a short line must end
    on kept lines at both ends; a glyph stroke of a title under a header rule
    touches it at one end only. Lines of half an inch may hang free at one
    end, on the open side of a table without side borders, where the other
    rulings end too: the blurred strokes of a line of text that starts at a
    cell's rule (年初结转和结余 read as one run) end in mid-cell.
    """
    long_len, half_len, tol = _LONG_PT * scale, _LONG_PT * scale / 2, _MEET_PT * scale
    kept = {True: [ln for ln in horizontal if ln.length >= long_len], False: [ln for ln in vertical if ln.length >= long_len]}
    pending = {True: [ln for ln in horizontal if ln.length < long_len], False: [ln for ln in vertical if ln.length < long_len]}
    changed = True
    while changed:
        changed = False
        for is_h in (True, False):
            for ln in list(pending[is_h]):
                first, last = _ends_on(ln, kept[not is_h], tol)
                hangs = (first != last) and ln.length >= half_len and _free_end_aligned(ln, first, kept[is_h], tol)
                if (first and last) or hangs:
                    kept[is_h].append(ln)
                    pending[is_h].remove(ln)
                    changed = True
    return sorted(kept[True], key=_position), sorted(kept[False], key=_position)


def _without_dashes(horizontal: list[Line], scale: float) -> list[Line]:
    """The horizontal lines less the short ones that leave too little room for a row above or below them.

    A —— printed for "none" in a narrow cell (a form's 得分) is 16-20 pt long
    and ends within reach of the cell's side rules, so it passes for a rule;
    but it sits in the middle of its row, and a row of 19 pt split at its
    dash leaves 9 and 10 pt, one of 23.5 pt 12.1 and 11.4: a row under 12 pt
    holds no text.
    """
    long_len, tol, room = _LONG_PT * scale, _MEET_PT * scale, _LINE_MIN_PT * scale

    def gaps(ln: Line) -> tuple[float, float]:
        covering = [p.across - ln.across for p in horizontal if p is not ln and p.start - tol <= ln.start and p.end + tol >= ln.end]
        above = [-d for d in covering if d < 0]
        below = [d for d in covering if d > 0]
        return min(above, default=np.inf), min(below, default=np.inf)

    return [ln for ln in horizontal if ln.length >= long_len or min(gaps(ln)) >= room]


def _ink_depth(line: Line, grey: np.ndarray, horizontal: bool) -> float:
    """How dark a line prints: 255 less the grey of its darkest pixel across it, the median along its length."""
    a, start, end = int(round(line.across)), int(line.start), int(np.ceil(line.end))
    band = grey[max(0, a - 1) : a + 2, start:end] if horizontal else grey[start:end, max(0, a - 1) : a + 2]
    if not band.size:
        return 0.0
    return 255.0 - float(np.median(band.min(axis=0 if horizontal else 1)))


def _without_seal_strokes(
    horizontal: list[Line], vertical: list[Line], seal: np.ndarray, grey: np.ndarray, scale: float
) -> tuple[list[Line], list[Line]]:
    """The lines less the short ones under a seal that print far paler than the page's long rules.

    A painted-out seal leaves its strokes grey (the red channel stands in
    for brightness there, and red over paper is light): a straight stretch
    of its lettering above a narrow code cell ran 41 pt between the cell's
    side rules, at 91 grey levels deep where the page's rules were 190, and
    split the row through its amount. Rules that a seal covers print black
    under it and stay as deep as the others; a pale print's rules are all
    pale alike.
    """
    long_len = _LONG_PT * scale
    depths = [_ink_depth(ln, grey, is_h) for is_h, lines in ((True, horizontal), (False, vertical)) for ln in lines if ln.length >= long_len]
    if not depths:
        return horizontal, vertical
    least = _SEAL_STROKE_DEPTH * float(np.median(depths))

    def kept(lines: list[Line], is_h: bool) -> list[Line]:
        return [
            ln for ln in lines
            if ln.length >= long_len or not _under_seal(seal, is_h, ln.across, ln.start, ln.end) or _ink_depth(ln, grey, is_h) >= least
        ]

    return kept(horizontal, True), kept(vertical, False)


def find_rulings(binary: np.ndarray, scale: float, seal: np.ndarray | None = None, grey: np.ndarray | None = None) -> Rulings:
    """The table rulings of an upright, deskewed binary page (ink 255) at ``scale`` px/pt;
    ``seal`` (255 where red ink was painted out, or None) lets a ruling run on under a seal, and with
    the page's ``grey`` the seal's own pale strokes are told from rules."""
    opened_h, opened_v = _opened(binary, scale)
    n_h, labels_h, stats_h, _ = cv2.connectedComponentsWithStats(opened_h, connectivity=8)
    n_v, labels_v, stats_v, _ = cv2.connectedComponentsWithStats(opened_v, connectivity=8)
    usable_h = np.array(
        [label == 0 or not _inside_text(Line(y + h / 2, float(x), float(x + w), (label,)), binary, scale)
         for label, (x, y, w, h, _area) in enumerate(stats_h)]
    )
    runs_h = [ln for ln in _join(stats_h, True, scale, seal, usable_h) if not _inside_text(ln, binary, scale)]
    runs_v = _reach_under_seal(_join(stats_v, False, scale, seal), runs_h, seal, False, scale)
    runs_h = _reach_under_seal(runs_h, runs_v, seal, True, scale)
    horizontal, vertical = _grid_lines(runs_h, runs_v, scale)
    horizontal = _without_dashes(horizontal, scale)
    if seal is not None and grey is not None:
        horizontal, vertical = _without_seal_strokes(horizontal, vertical, seal, grey, scale)
    keep_h = np.zeros(n_h, np.uint8)
    keep_v = np.zeros(n_v, np.uint8)
    for ln in horizontal:
        keep_h[list(ln.labels)] = 255
    for ln in vertical:
        keep_v[list(ln.labels)] = 255
    mask = cv2.bitwise_or(keep_h[labels_h], keep_v[labels_v])
    return Rulings(horizontal, vertical, mask)


def grow_mask(mask: np.ndarray, scale: float) -> np.ndarray:
    """The mask widened by about half a point: the blurred fringe of a scanned line."""
    k = 2 * max(1, int(round(_FRINGE_PT * scale))) + 1
    return cv2.dilate(mask, np.ones((k, k), np.uint8))


def erase_rulings(grey: np.ndarray, mask: np.ndarray, scale: float) -> np.ndarray:
    """The grey image with ruling pixels and their fringe painted white."""
    out = grey.copy()
    out[grow_mask(mask, scale) > 0] = 255
    return out


def text_ink(binary: np.ndarray, mask: np.ndarray, scale: float) -> np.ndarray:
    """The binary page (ink 255) without its rulings and their fringe: only text is left."""
    return np.where(grow_mask(mask, scale) > 0, 0, binary).astype(np.uint8)


def segments_in_points(rulings: Rulings, scale: float) -> list[Segment]:
    """Segments in points (x0 <= x1, y0 <= y1); pixel edges, so a run's middle is ``across``."""
    segments = [Segment(ln.start / scale, ln.across / scale, ln.end / scale, ln.across / scale) for ln in rulings.horizontal]
    segments += [Segment(ln.across / scale, ln.start / scale, ln.across / scale, ln.end / scale) for ln in rulings.vertical]
    return segments


def detect_ruling_segments(prepared: "PreparedImage") -> list[Segment]:
    """The ruling lines of a prepared page, in page points (origin top-left, y down)."""
    return segments_in_points(prepared.rulings, prepared.scale)
