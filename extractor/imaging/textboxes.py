"""Text lines found by their ink alone, without a detector model.

Glyphs of a line sit closer to each other (relative to their size) than
table columns do, so glyph blobs are chained along their row across spaces
narrower than most of a glyph, and a second cut by row profile splits boxes
that two wrapped lines fused into.
This is what reads the title, unit and organisation around a table (the
table's own cells come from the grid) and what the unruled fallback uses.
Runs of glyphs along either direction (``line_blobs``) are what the
orientation check reads.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.model import BBox
from extractor.ocr.crops import split_text_lines

# Kernel in points: wider than the gap between glyphs of a body-text line
# (~1-2 pt at 10.5 pt), narrower than the gap between table columns.
_GLYPH_GAP_PT = 3.5
# Widest space inside a line, in glyph heights (titles are letter-spaced).
_SPACE_PER_EM = 1.2
_MIN_GLYPH_PT = 2.0
# Vertical kernel that joins the strokes of one glyph (三, 二) but not lines.
_STROKE_GAP_PT = 1.5
_MIN_HEIGHT_PT = 3.0
_MAX_HEIGHT_PT = 60.0
# A blob this many times longer than thick is a run of glyphs, not one glyph.
_LINE_ASPECT = 2.5


def _blobs(ink: np.ndarray, kernel: tuple[int, int]) -> np.ndarray:
    """x, y, w, h, area of each blob after closing the ink with a ``kernel`` (width, height) rectangle."""
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    _, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    return stats[1:]


def _glyph_boxes(text_ink: np.ndarray, scale: float) -> np.ndarray:
    """x0, y0, x1, y1 of glyph-sized blobs (strokes of one glyph joined), sorted by x0."""
    stroke = max(1, int(round(_STROKE_GAP_PT * scale)))
    stats = _blobs(text_ink, (stroke, stroke))
    w, h = stats[:, 2], stats[:, 3]
    keep = (np.maximum(w, h) >= _MIN_GLYPH_PT * scale) & (h <= _MAX_HEIGHT_PT * scale)
    boxes = np.stack([stats[:, 0], stats[:, 1], stats[:, 0] + w, stats[:, 1] + h], axis=1)[keep]
    return boxes[np.argsort(boxes[:, 0], kind="stable")]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def find_text_lines(text_ink: np.ndarray, lineless_grey: np.ndarray, scale: float) -> list[BBox]:
    """Boxes (pixels) of the text lines on an upright page, top to bottom then left to right.

    Glyphs join a line when they overlap it vertically and the space between
    them is under ``_SPACE_PER_EM`` of their height, so a letter-spaced title
    stays one line while table columns further apart stay separate.
    ``text_ink`` is the binary page (ink 255) with rulings removed;
    ``lineless_grey`` the matching grey image, used to split fused lines.
    """
    boxes = _glyph_boxes(text_ink, scale)
    n = len(boxes)
    parent = list(range(n))
    heights = boxes[:, 3] - boxes[:, 1]
    reach = _SPACE_PER_EM * (heights.max() if n else 0)
    for i in range(n):
        x1, y0, y1, h = boxes[i, 2], boxes[i, 1], boxes[i, 3], heights[i]
        for j in range(i + 1, n):
            if boxes[j, 0] - x1 > reach:
                break
            overlap = min(y1, boxes[j, 3]) - max(y0, boxes[j, 1])
            if overlap >= 0.5 * min(h, heights[j]) and boxes[j, 0] - x1 <= _SPACE_PER_EM * max(h, heights[j]):
                parent[_root(parent, j)] = _root(parent, i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(_root(parent, i), []).append(i)
    lines: list[BBox] = []
    for members in groups.values():
        x0, y0 = boxes[members, 0].min(), boxes[members, 1].min()
        x1, y1 = boxes[members, 2].max(), boxes[members, 3].max()
        if y1 - y0 < _MIN_HEIGHT_PT * scale:
            continue
        lines.extend(split_text_lines(lineless_grey, BBox(float(x0), float(y0), float(x1), float(y1))))
    lines.sort(key=lambda b: (round(b.y0 / (4 * scale)), b.x0))
    return lines


def glyph_size(text_ink: np.ndarray, scale: float) -> float | None:
    """Typical size (pixels) of the larger glyphs on the page, None when it has none."""
    stats = _blobs(text_ink, (max(1, int(round(_STROKE_GAP_PT * scale))),) * 2)
    size = np.maximum(stats[:, 2], stats[:, 3])
    size = size[(size >= _MIN_HEIGHT_PT * scale) & (size <= _MAX_HEIGHT_PT * scale)]
    return float(np.percentile(size, 75)) if len(size) else None


def line_blobs(
    text_ink: np.ndarray, scale: float, horizontal: bool, gap: int | None = None, aspect: float = _LINE_ASPECT
) -> list[BBox]:
    """Blobs (pixels) that look like a run of several glyphs after closing along one direction,
    longest first. On an upright page the horizontal ones are text lines and the vertical ones
    are mostly chance stacks of glyphs; on a page turned a quarter it is the other way round.
    ``gap`` (pixels) is the widest space bridged between glyphs; body-text spacing by default.
    ``aspect`` is the least length of a run in its own heights."""
    gap = gap or max(2, int(round(_GLYPH_GAP_PT * scale)))
    stats = _blobs(text_ink, (gap, 1) if horizontal else (1, gap))
    along, across = (stats[:, 2], stats[:, 3]) if horizontal else (stats[:, 3], stats[:, 2])
    keep = (across >= _MIN_HEIGHT_PT * scale) & (across <= _MAX_HEIGHT_PT * scale) & (along >= aspect * across)
    order = np.argsort(-along[keep], kind="stable")
    return [BBox(float(x), float(y), float(x + w), float(y + h)) for x, y, w, h, _ in stats[keep][order]]
