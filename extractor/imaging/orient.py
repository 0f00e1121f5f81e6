"""Put a scanned page upright: quarter turns first, then the small skew.

Quarter turns (a landscape table scanned in portrait, a sheet fed upside
down) are decided by Tesseract's orientation detector, which looks at glyph
shapes and so also separates 0 from 180 degrees. It is unreliable on a page
with little text, so a weak answer is ignored and the page is left as it is.

Skew is found by projection profiles: at the right angle, text lines and
ruling lines fall into few rows, so the row histogram of ink is peakiest.
That needs neither long lines nor text, and is exact to a twentieth of a
degree on a downscaled copy.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image

from extractor.ocr.tesseract import new_api

# Tesseract's orient_conf below this is a guess (measured: upright tables score 10-25).
_MIN_ORIENTATION_CONFIDENCE = 2.0
_MAX_SKEW_DEGREES = 5.0
_SKEW_SAMPLE_WIDTH = 1200
_MAX_SKEW_POINTS = 150_000


class OrientationDetector:
    """Tesseract OSD behind a reusable API handle (loading osd.traineddata costs ~50 ms)."""

    def __init__(self) -> None:
        import tesserocr

        self._api = new_api(lang="osd", psm=tesserocr.PSM.OSD_ONLY)

    def close(self) -> None:
        self._api.End()

    def detect(self, binary: np.ndarray) -> int:
        """Clockwise quarter turn (0, 90, 180 or 270) that the page content shows.

        ``binary`` is ink 255 on 0 with ruling lines preferably erased; OSD is
        given black text on white as it was trained.
        """
        self._api.SetImage(Image.fromarray(255 - binary))
        result = self._api.DetectOrientationScript()
        if not result or result["orient_conf"] < _MIN_ORIENTATION_CONFIDENCE:
            return 0
        return int(result["orient_deg"]) % 360


def undo_rotation(image: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    """Turn an image whose content is rotated clockwise by ``clockwise_degrees`` back upright."""
    turns = (clockwise_degrees // 90) % 4
    if turns == 0:
        return image
    # np.rot90 with positive k turns counter-clockwise, which undoes a clockwise turn.
    return np.ascontiguousarray(np.rot90(image, k=turns))


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
        # Rotating the page by +angle (counter-clockwise, y down) maps a point's row to:
        t = math.radians(angle)
        rows = ys * math.cos(t) - xs * math.sin(t)
        hist = np.bincount((rows - rows.min()).astype(np.int64))
        return float(np.dot(hist, hist))

    best = 0.0
    for step, span in ((0.5, _MAX_SKEW_DEGREES), (0.1, 0.5), (0.02, 0.1)):
        candidates = np.arange(best - span, best + span + step / 2, step)
        best = float(max(candidates, key=sharpness))
    # A content rotation of +a is undone by rotating by -a; the search found the undoing angle.
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
