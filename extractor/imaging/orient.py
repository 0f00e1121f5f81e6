"""Put a scanned page upright: quarter turns first, then the small skew.

Quarter turns (a landscape table scanned in portrait, a sheet fed upside
down) are decided by reading: the longest runs of glyphs are cut out as they
would be read at 0, 90, 180 and 270 degrees and scored by the line
recogniser, whose confidence collapses on rotated text. This works on a
sparse 三公 page with a dozen words, where Tesseract's OSD guessed wrong
(measured on the Putuo report's page 18), and costs a few dozen small crops.

Skew is found by projection profiles: at the right angle, text lines and
ruling lines fall into few rows, so the row histogram of ink is peakiest.
That needs neither long lines nor text, and is exact to a twentieth of a
degree on a downscaled copy.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import cv2
import numpy as np

from extractor.imaging.textboxes import glyph_size, line_blobs
from extractor.model import BBox
from extractor.ocr.crops import crop_box

# Reads a batch of single-line crops: (text, confidence 0..1) for each.
LineReader = Callable[[Sequence[np.ndarray]], list[tuple[str, float]]]

_MAX_SKEW_DEGREES = 5.0
_SKEW_SAMPLE_WIDTH = 1200
_MAX_SKEW_POINTS = 150_000
# Runs of glyphs read per direction: enough to outvote one odd line.
_RUNS_PER_DIRECTION = 4
# Least length, in heights, of the words read on a page with fewer runs than that (合计 is 2.1).
_WORD_ASPECT = 1.5
# Runs are read at this resolution (150 dpi): glyphs are then ~20 px, about
# the recogniser's 48-px line height, and crops stay small.
_WORK_SCALE = 150 / 72
_MAX_RUN_ASPECT = 6.0
_GAP_PER_GLYPH = 0.5
# A turn must read this much better than upright to be believed.
_TURN_MARGIN = 1.25
# Weight of a character read that is not Chinese (see _glyph_weight).
_OTHER_GLYPH = 0.5
_MIN_EVIDENCE = 2.0


def undo_rotation(image: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    """Turn an image whose content is rotated clockwise by ``clockwise_degrees`` back upright."""
    turns = (clockwise_degrees // 90) % 4
    if turns == 0:
        return image
    # np.rot90 with positive k turns counter-clockwise, which undoes a clockwise turn.
    return np.ascontiguousarray(np.rot90(image, k=turns))


class OrientationDetector:
    """Chooses the quarter turn under which the page's longest glyph runs read best."""

    def __init__(self, reader: LineReader) -> None:
        self._read = reader

    def detect(self, text_ink: np.ndarray, grey: np.ndarray, scale: float) -> int:
        """Clockwise quarter turn (0, 90, 180 or 270) the page content shows.

        ``text_ink`` is the deskewed binary page (ink 255) with rulings removed,
        ``grey`` the matching grey image the crops are cut from.
        """
        if scale > _WORK_SCALE:
            f = _WORK_SCALE / scale
            text_ink = cv2.resize(text_ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
            grey = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
            scale = _WORK_SCALE
        size = glyph_size(text_ink, scale)
        if size is None:
            return 0
        # Titles are often letter-spaced: bridge gaps relative to the glyphs actually printed.
        gap = max(2, int(round(_GAP_PER_GLYPH * size)))
        runs = {horizontal: line_blobs(text_ink, scale, horizontal, gap)[:_RUNS_PER_DIRECTION] for horizontal in (True, False)}
        if len(runs[True]) + len(runs[False]) < _RUNS_PER_DIRECTION:
            # A sparse page (a table's last row carried over): its short words are read too, or
            # two amounts are all the evidence and the vote stays short of its margin.
            runs = {h: line_blobs(text_ink, scale, h, gap, _WORD_ASPECT)[:_RUNS_PER_DIRECTION] for h in (True, False)}
        crops, owners = [], []
        for turn in (0, 90, 180, 270):
            for box in runs[turn in (0, 180)]:
                crops.append(undo_rotation(_padded(grey, _line_start(box, turn)), turn))
                owners.append(turn)
        if not crops:
            return 0
        # Confident characters: a wrong turn reads few glyphs (a stack of 2-3 across
        # wrapped lines can look upright), or many with low confidence.
        evidence = dict.fromkeys((0, 90, 180, 270), 0.0)
        for (text, confidence), turn in zip(self._read(crops), owners):
            evidence[turn] += confidence * _glyph_weight(text)
        best = max(evidence, key=evidence.get)
        return best if evidence[best] > _TURN_MARGIN * evidence[0] + _MIN_EVIDENCE else 0


def _glyph_weight(text: str) -> float:
    """Characters read, a Chinese one counting full and others half: digits and Latin letters
    also come out of a wrong turn (a sideways row of 栏次 numbers read 5678 at 1.0 and
    outvoted four upright titles)."""
    return sum(1.0 if "\u4e00" <= ch <= "\u9fff" else _OTHER_GLYPH for ch in text)


def _line_start(box: BBox, turn: int) -> BBox:
    """The first few glyphs of a run as it reads under ``turn``: enough to read, and a long run costs the
    recogniser dearly. A line starts at its left end upright, at its right end turned 180°, at its top
    turned 90° clockwise and at its bottom turned 270°; a 目录 line ends in dot leaders and a page
    number, which read alike under every turn, so the end a turn would start from matters."""
    along = _MAX_RUN_ASPECT * (box.height if turn in (0, 180) else box.width)
    if turn == 0:
        return BBox(box.x0, box.y0, min(box.x1, box.x0 + along), box.y1)
    if turn == 180:
        return BBox(max(box.x0, box.x1 - along), box.y0, box.x1, box.y1)
    if turn == 90:
        return BBox(box.x0, box.y0, box.x1, min(box.y1, box.y0 + along))
    return BBox(box.x0, max(box.y0, box.y1 - along), box.x1, box.y1)


def _padded(grey: np.ndarray, box: BBox) -> np.ndarray:
    crop = crop_box(grey, box)
    margin = max(2, min(crop.shape[:2]) // 4)
    return np.pad(crop, margin, constant_values=255)


def estimate_skew(binary: np.ndarray) -> float:
    """Angle in degrees by which the content is rotated counter-clockwise as displayed.

    Searched in [-5, 5] degrees, coarse then fine. Returns 0.0 for an empty page.
    """
    factor = max(1.0, binary.shape[1] / _SKEW_SAMPLE_WIDTH)
    small = binary if factor == 1.0 else cv2.resize(binary, None, fx=1 / factor, fy=1 / factor, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small > 96)
    if len(xs) < 50:
        return 0.0
    if len(xs) > _MAX_SKEW_POINTS:
        pick = np.random.default_rng(0).choice(len(xs), _MAX_SKEW_POINTS, replace=False)
        xs, ys = xs[pick], ys[pick]
    xs = xs.astype(np.float64) - small.shape[1] / 2
    ys = ys.astype(np.float64)

    def sharpness(angle: float) -> float:
        # Row of each ink point after rotating the page by +angle (counter-clockwise, y down).
        t = math.radians(angle)
        rows = ys * math.cos(t) - xs * math.sin(t)
        hist = np.bincount((rows - rows.min()).astype(np.int64))
        return float(np.dot(hist, hist))

    best = 0.0
    for step, span in ((0.5, _MAX_SKEW_DEGREES), (0.1, 0.5), (0.02, 0.1)):
        candidates = np.arange(best - span, best + span + step / 2, step)
        best = float(max(candidates, key=sharpness))
    # The search found the rotation that undoes the skew; the skew is its opposite.
    return -best


def rotate_by(image: np.ndarray, degrees: float, border: int = 255) -> np.ndarray:
    """Rotate counter-clockwise (as displayed) about the centre, keeping the size."""
    if abs(degrees) < 1e-3:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    value = border if image.ndim == 2 else (border,) * image.shape[2]
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=value)


def deskew(image: np.ndarray, skew_degrees: float, border: int = 255) -> np.ndarray:
    """Undo a counter-clockwise skew found by ``estimate_skew``."""
    return rotate_by(image, -skew_degrees, border)
