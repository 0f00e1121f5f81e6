"""Cut a cell into the text-line crops a line recogniser expects.

Recognisers such as PP-OCR's are trained on single, tightly cropped lines;
a cell is often taller than its text, or holds a wrapped label on two lines.
The ink's row profile inside the cell gives the lines without running a
detector: bands of inked rows, with thin bands (a stroke of 三, an underline,
a stray dot) folded into their neighbour. Each band is then trimmed to its
ink left and right and given a margin, as the recogniser was trained with.
"""

from __future__ import annotations

import numpy as np

from extractor.model import BBox

# Grey level below which a pixel of a cleaned image counts as ink.
INK_LEVEL = 150
# Bands thinner than this share of the tallest band are parts of a neighbour.
_FRAGMENT_SHARE = 0.45
# Margin around a line crop, as a share of the line height.
_MARGIN = 0.25
# Fewer inked pixels than this in a whole cell is noise, not text.
_MIN_INK_PIXELS = 6


def _grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else image.mean(axis=2).astype(np.uint8)


def _clip(box: BBox, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    h, w = shape[:2]
    x0 = int(np.clip(np.floor(box.x0), 0, w))
    x1 = int(np.clip(np.ceil(box.x1), 0, w))
    y0 = int(np.clip(np.floor(box.y0), 0, h))
    y1 = int(np.clip(np.ceil(box.y1), 0, h))
    return x0, y0, x1, y1


def crop_box(image: np.ndarray, box: BBox) -> np.ndarray:
    """The pixels inside ``box`` (clipped to the image)."""
    x0, y0, x1, y1 = _clip(box, image.shape)
    return image[y0:y1, x0:x1]


def _bands(profile: np.ndarray) -> list[list[int]]:
    inked = profile > 0
    bands: list[list[int]] = []
    start = None
    for i, on in enumerate(inked):
        if on and start is None:
            start = i
        elif not on and start is not None:
            bands.append([start, i])
            start = None
    if start is not None:
        bands.append([start, len(inked)])
    return bands


def _fold_fragments(bands: list[list[int]]) -> list[list[int]]:
    while len(bands) > 1:
        tallest = max(b - a for a, b in bands)
        thin = [i for i, (a, b) in enumerate(bands) if b - a < _FRAGMENT_SHARE * tallest]
        if not thin:
            break
        i = thin[0]
        # Join the nearer neighbour.
        gap_up = bands[i][0] - bands[i - 1][1] if i > 0 else None
        gap_down = bands[i + 1][0] - bands[i][1] if i + 1 < len(bands) else None
        j = i - 1 if gap_down is None or (gap_up is not None and gap_up <= gap_down) else i + 1
        a, b = min(i, j), max(i, j)
        bands[a] = [bands[a][0], bands[b][1]]
        del bands[b]
    return bands


def split_text_lines(image: np.ndarray, box: BBox) -> list[BBox]:
    """Tight boxes (image pixels, inside ``box``) of its text lines, top to bottom; [] for an empty cell."""
    x0, y0, x1, y1 = _clip(box, image.shape)
    ink = _grey(image[y0:y1, x0:x1]) < INK_LEVEL
    if int(ink.sum()) < _MIN_INK_PIXELS:
        return []
    lines = []
    for top, bottom in _fold_fragments(_bands(ink.sum(axis=1))):
        cols = np.flatnonzero(ink[top:bottom].any(axis=0))
        lines.append(BBox(x0 + cols[0], y0 + top, x0 + cols[-1] + 1, y0 + bottom))
    return lines


def line_crop(image: np.ndarray, line: BBox) -> np.ndarray:
    """A tight line box cut out with a white margin around it.

    The margin is painted rather than taken from the page so that text of the
    neighbouring cell, just beyond an erased ruling, never enters the crop.
    """
    crop = crop_box(image, line)
    margin = max(2, int(round(_MARGIN * crop.shape[0])))
    pad = ((margin, margin), (margin, margin)) + (((0, 0),) if crop.ndim == 3 else ())
    return np.pad(crop, pad, constant_values=255)
