"""Make a scan look like a clean print before lines and text are looked for.

Official reports carry a red seal, often over the table's last rows; its ring
and characters would otherwise turn into fake ruling lines and fake text. Red
is removed while the image still has colour. Uneven lighting and yellowed
paper are flattened by dividing by an estimate of the paper, and faded ink
is darkened, so one global threshold then separates ink from paper across
the whole page.
"""

from __future__ import annotations

import cv2
import numpy as np

# Contrast stretch: the darkest share of pixels taken as ink, where it should
# end up, and the most the contrast may be raised.
_INK_SHARE = 0.001
_TARGET_INK = 40
_MAX_GAIN = 4.0
# OpenCV hue runs 0..179; red wraps around 0.
_RED_HUE_LOW = 14
_RED_HUE_HIGH = 150
_RED_MIN_SATURATION = 35


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """Where red ink (seals, stamps, red headers) is, loosely: 255 where red, grown by a few pixels."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat = hsv[:, :, 0], hsv[:, :, 1]
    red = ((hue <= _RED_HUE_LOW) | (hue >= _RED_HUE_HIGH)) & (sat >= _RED_MIN_SATURATION)
    # JPEG halves colour resolution, so a seal's edge shows up grey-pink next to it.
    return cv2.dilate(red.astype(np.uint8) * 255, np.ones((5, 5), np.uint8))


def grey_without_red(image: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Grey image in which red ink has turned to paper and black ink under it stays black,
    and where the red was (``red_mask``; None for a grey image).

    Inside the red areas the red channel stands in for brightness: red ink is
    bright there, black and blue ink are dark. Painting the areas white
    instead would also punch holes in the text a seal covers. Where a seal's
    ink was opaque, the black under it is lost all the same; the mask tells
    the line finder that a break there is not one.
    """
    if image.ndim == 2:
        return image, None
    image = image[:, :, :3]  # an alpha channel carries no ink
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    mask = red_mask(image)
    if not mask.any():
        return grey, None
    red_channel = image[:, :, 0]
    return np.where(mask > 0, np.maximum(grey, red_channel), grey), mask


def normalise_background(grey: np.ndarray, scale: float) -> np.ndarray:
    """Divide by the paper brightness so shadows and yellowing become white.

    The paper is estimated by closing away ink strokes (a grey dilation wider
    than a stroke) on a downscaled copy, which is cheap and smooth. ``scale``
    is pixels per point, so the kernel stays a few points wide at any dpi.
    """
    factor = 4
    small = cv2.resize(grey, (max(1, grey.shape[1] // factor), max(1, grey.shape[0] // factor)), interpolation=cv2.INTER_AREA)
    k = max(3, int(round(12 * scale / factor)) | 1)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = cv2.blur(paper, (k, k))
    paper = cv2.resize(paper, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(grey, np.maximum(paper, 1), scale=255)
    return flat


def stretch_contrast(grey: np.ndarray) -> np.ndarray:
    """Darken faded ink (a light photocopy, a worn toner) so its darkest pixels come out near black.

    The darkest thousandth of the page is taken as the ink level; paper stays
    white. The gain is capped so a blank page's noise is not blown up into ink.
    """
    hist = np.bincount(grey.ravel(), minlength=256)
    ink_level = int(np.searchsorted(np.cumsum(hist), _INK_SHARE * grey.size))
    gain = min(_MAX_GAIN, (255 - _TARGET_INK) / max(1, 255 - ink_level))
    if gain <= 1.0:
        return grey
    lut = np.clip(255 - (255 - np.arange(256)) * gain, 0, 255).astype(np.uint8)
    return lut[grey]


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, from a background-normalised grey image (Otsu, clamped for blank pages)."""
    threshold, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # On an almost blank page Otsu splits paper noise; ink is never lighter than this.
    threshold = min(threshold, 200)
    return np.where(grey < threshold, 255, 0).astype(np.uint8)
