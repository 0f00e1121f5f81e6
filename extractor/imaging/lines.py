"""Ruling lines of a scanned table, as Segments in page points.

Lines are long thin runs of ink: a morphological opening with a kernel longer
than any glyph stroke keeps them and drops text. Scans break lines (faint
toner, JPEG, a seal painted out on top of them), so the pieces that survive
the opening are joined along their row (or column) across small gaps, and
only joined lines long enough to bound a cell are kept. The same mask, grown
by a pixel, is what gets painted white before OCR: recognisers read ruling
lines as 1, l, | or 一.
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
_PIECE_MIN_PT = 12.0  # longer than a glyph stroke (a 一 at 10.5 pt is ~9 pt)
_JOIN_GAP_PT = 4.0  # breaks a scan leaves in a line
_LINE_MIN_PT = 15.0  # shortest cell side worth bounding
_SAME_ROW_PT = 1.2  # pieces this close across are one line


@dataclass(frozen=True)
class RulingMasks:
    horizontal: np.ndarray  # 255 on horizontal ruling pixels
    vertical: np.ndarray

    @property
    def both(self) -> np.ndarray:
        return cv2.bitwise_or(self.horizontal, self.vertical)


def ruling_masks(binary: np.ndarray, scale: float) -> RulingMasks:
    """Pixels of horizontal and vertical rulings in an upright, deskewed binary image (ink 255)."""
    piece = max(8, int(round(_PIECE_MIN_PT * scale)))
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (piece, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, piece)))
    return RulingMasks(horizontal, vertical)


def erase_rulings(grey: np.ndarray, masks: RulingMasks) -> np.ndarray:
    """The grey image with ruling pixels (and their anti-aliased fringe) painted white."""
    grown = cv2.dilate(masks.both, np.ones((3, 3), np.uint8))
    out = grey.copy()
    out[grown > 0] = 255
    return out


def _pieces(mask: np.ndarray, horizontal: bool) -> list[tuple[float, float, float]]:
    """(position across, start along, end along) of each connected run in pixels."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    pieces = []
    for x, y, w, h, _area in stats[1:count]:
        if horizontal:
            pieces.append((y + (h - 1) / 2, float(x), float(x + w)))
        else:
            pieces.append((x + (w - 1) / 2, float(y), float(y + h)))
    return pieces


def _join(pieces: list[tuple[float, float, float]], same_row: float, gap: float, min_len: float) -> list[tuple[float, float, float]]:
    """Chain pieces on one row (or column) across small gaps; keep long enough lines."""
    lines: list[list[float]] = []
    for across, start, end in sorted(pieces, key=lambda p: (p[1], p[0])):
        for line in lines:
            if abs(line[0] - across) <= same_row and start - line[2] <= gap:
                # Weighted position keeps a long line from being dragged by a short piece.
                len_line, len_piece = line[2] - line[1], end - start
                line[0] = (line[0] * len_line + across * len_piece) / (len_line + len_piece)
                line[2] = max(line[2], end)
                break
        else:
            lines.append([across, start, end])
    return [(a, s, e) for a, s, e in lines if e - s >= min_len]


def segments_from_masks(masks: RulingMasks, scale: float) -> list[Segment]:
    """Segments in points (x0 <= x1, y0 <= y1) from ruling masks in pixels at ``scale`` px/pt."""
    same_row, gap, min_len = _SAME_ROW_PT * scale, _JOIN_GAP_PT * scale, _LINE_MIN_PT * scale
    segments = []
    for y, x0, x1 in _join(_pieces(masks.horizontal, True), same_row, gap, min_len):
        segments.append(Segment(x0 / scale, (y + 0.5) / scale, x1 / scale, (y + 0.5) / scale))
    for x, y0, y1 in _join(_pieces(masks.vertical, False), same_row, gap, min_len):
        segments.append(Segment((x + 0.5) / scale, y0 / scale, (x + 0.5) / scale, y1 / scale))
    return segments


def detect_ruling_segments(prepared: "PreparedImage") -> list[Segment]:
    """The ruling lines of a prepared page, in page points (origin top-left, y down)."""
    return segments_from_masks(prepared.rulings, prepared.scale)
