"""One call from a raw page bitmap to the images the later steps read.

Order matters: red seals go first (while there is colour), then the paper is
flattened and thresholded, the skew measured and undone, the rulings found,
and only then the quarter turn decided, on the text alone (rulings erased),
which is what Tesseract's orientation detector is good at.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.imaging.clean import binarise, denoise, grey_without_red, normalise_background
from extractor.imaging.lines import RulingMasks, erase_rulings, ruling_masks
from extractor.imaging.orient import OrientationDetector, deskew, estimate_skew, undo_rotation
from extractor.model import BBox, TextSpan

DEFAULT_SCALE = 200 / 72
# OSD gains nothing above ~200 dpi and its time grows with the pixel count.
_OSD_MAX_SCALE = 200 / 72


@dataclass(frozen=True)
class PreparedImage:
    """An upright, deskewed page and what was done to get there.

    All images share one pixel grid; ``scale`` is pixels per PDF point, so a
    pixel box divided by it is a box in page points of the upright page.
    """

    grey: np.ndarray  # red removed, paper flattened
    binary: np.ndarray  # ink 255 on 0
    rulings: RulingMasks
    lineless: np.ndarray  # grey with rulings painted white: what OCR reads
    rotation: int  # clockwise quarter turn found in the input and undone
    skew: float  # degrees counter-clockwise found in the input and undone
    scale: float

    @property
    def width_pt(self) -> float:
        return self.grey.shape[1] / self.scale

    @property
    def height_pt(self) -> float:
        return self.grey.shape[0] / self.scale

    def to_points(self, box: BBox) -> BBox:
        s = self.scale
        return BBox(box.x0 / s, box.y0 / s, box.x1 / s, box.y1 / s)

    def to_pixels(self, box: BBox) -> BBox:
        s = self.scale
        return BBox(box.x0 * s, box.y0 * s, box.x1 * s, box.y1 * s)

    def span_to_points(self, span: TextSpan) -> TextSpan:
        return TextSpan(span.text, self.to_points(span.bbox), span.confidence, span.alternatives)


def prepare_page_image(
    image: np.ndarray,
    scale: float = DEFAULT_SCALE,
    orientation: OrientationDetector | None = None,
    detect_rotation: bool = True,
) -> PreparedImage:
    """Clean, deskew and turn upright a page bitmap (RGB or grey, ``scale`` px per pt).

    ``orientation`` is reused across pages when given (it holds a Tesseract
    handle); with ``detect_rotation=False`` the page is taken as upright,
    which is right for rendered born-digital pages.
    """
    if image.ndim not in (2, 3) or image.shape[0] < 16 or image.shape[1] < 16:
        raise ValueError(f"not a page image: shape {image.shape}")
    grey = normalise_background(grey_without_red(image), scale)
    binary = binarise(denoise(grey))
    skew = estimate_skew(binary)
    grey, binary = deskew(grey, skew), deskew(binary, skew, border=0)
    masks = ruling_masks(binary, scale)
    rotation = 0
    if detect_rotation:
        text_only = binary.copy()
        text_only[masks.both > 0] = 0
        rotation = _detect_rotation(text_only, scale, orientation)
    if rotation:
        grey, binary = undo_rotation(grey, rotation), undo_rotation(binary, rotation)
        h, v = undo_rotation(masks.horizontal, rotation), undo_rotation(masks.vertical, rotation)
        masks = RulingMasks(v, h) if rotation in (90, 270) else RulingMasks(h, v)
    return PreparedImage(grey, binary, masks, erase_rulings(grey, masks), rotation, skew, scale)


def _detect_rotation(text_only: np.ndarray, scale: float, orientation: OrientationDetector | None) -> int:
    if scale > _OSD_MAX_SCALE:
        f = _OSD_MAX_SCALE / scale
        text_only = cv2.resize(text_only, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    if orientation is not None:
        return orientation.detect(text_only)
    detector = OrientationDetector()
    try:
        return detector.detect(text_only)
    finally:
        detector.close()
