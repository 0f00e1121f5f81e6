"""Text lines found by their ink alone, without a detector model.

Characters of a line sit closer to each other than lines do, so closing the
ink with a short horizontal kernel fuses each line into one blob, and a
second cut by row profile splits blobs that two wrapped lines fused into.
This is what reads the title, unit and organisation around a table (the
table's own cells come from the grid) and what the unruled fallback uses.
It also tells a page's text direction: the same closing done vertically
fuses far fewer glyphs on an upright page.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.model import BBox
from extractor.ocr.crops import split_text_lines

# Kernel in points: wider than the gap between glyphs of a line (~1-2 pt at
# 10.5 pt), narrower than the gap between table columns.
_GLYPH_GAP_PT = 3.5
# Vertical kernel that joins the strokes of one glyph (三, 二) but not lines.
_STROKE_GAP_PT = 1.5
_MIN_HEIGHT_PT = 3.0
_MAX_HEIGHT_PT = 60.0
# A blob this many times longer than thick is a run of glyphs, not one glyph.
_LINE_ASPECT = 2.5


def _blobs(ink: np.ndarray, kernel: tuple[int, int]) -> tuple[int, np.ndarray]:
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    count, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    return count - 1, stats[1:]


def find_text_lines(text_ink: np.ndarray, lineless_grey: np.ndarray, scale: float) -> list[BBox]:
    """Boxes (pixels) of the text lines on an upright page, top to bottom then left to right.

    ``text_ink`` is the binary page (ink 255) with rulings removed;
    ``lineless_grey`` the matching grey image, used to split fused lines.
    """
    gap = max(2, int(round(_GLYPH_GAP_PT * scale)))
    stroke = max(1, int(round(_STROKE_GAP_PT * scale)))
    _, stats = _blobs(text_ink, (gap, stroke))
    min_h, max_h = _MIN_HEIGHT_PT * scale, _MAX_HEIGHT_PT * scale
    lines: list[BBox] = []
    for x, y, w, h, _area in stats:
        if h < min_h and w < min_h:
            continue
        if h > max_h:
            continue
        lines.extend(split_text_lines(lineless_grey, BBox(float(x), float(y), float(x + w), float(y + h))))
    lines.sort(key=lambda b: (round(b.y0 / (4 * scale)), b.x0))
    return lines


def glyph_size(text_ink: np.ndarray, scale: float) -> float | None:
    """Typical size (pixels) of the larger glyphs on the page, None when it has none."""
    _, stats = _blobs(text_ink, (max(1, int(round(_STROKE_GAP_PT * scale))),) * 2)
    size = np.maximum(stats[:, 2], stats[:, 3])
    size = size[(size >= _MIN_HEIGHT_PT * scale) & (size <= _MAX_HEIGHT_PT * scale)]
    return float(np.percentile(size, 75)) if len(size) else None


def line_blobs(text_ink: np.ndarray, scale: float, horizontal: bool, gap: int | None = None) -> list[BBox]:
    """Blobs (pixels) that look like a run of several glyphs after closing along one direction,
    longest first. On an upright page the horizontal ones are text lines and the vertical ones
    are mostly chance stacks of glyphs; on a page turned a quarter it is the other way round.
    ``gap`` (pixels) is the widest space bridged between glyphs; body-text spacing by default."""
    gap = gap or max(2, int(round(_GLYPH_GAP_PT * scale)))
    _, stats = _blobs(text_ink, (gap, 1) if horizontal else (1, gap))
    along, across = (stats[:, 2], stats[:, 3]) if horizontal else (stats[:, 3], stats[:, 2])
    keep = (across >= _MIN_HEIGHT_PT * scale) & (across <= _MAX_HEIGHT_PT * scale) & (along >= _LINE_ASPECT * across)
    order = np.argsort(-along[keep], kind="stable")
    return [BBox(float(x), float(y), float(x + w), float(y + h)) for x, y, w, h, _ in stats[keep][order]]
