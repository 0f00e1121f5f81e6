"""One call from a raw page bitmap to the images the later steps read.

Order matters: red seals go first (while there is colour), then the paper is
flattened and thresholded, the skew measured and undone, the rulings found
(their grid test does not care about quarter turns) and erased, and the
quarter turn decided by reading the text that is left.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extractor.imaging.clean import binarise, grey_without_red, normalise_background, stretch_contrast
from extractor.imaging.lines import Rulings, erase_rulings, find_rulings, text_ink
from extractor.imaging.orient import OrientationDetector, deskew, estimate_skew, undo_rotation
from extractor.model import BBox, TextSpan

DEFAULT_SCALE = 200 / 72


@dataclass(frozen=True)
class PreparedImage:
    """An upright, deskewed page and what was done to get there.

    All images share one pixel grid; ``scale`` is pixels per PDF point, so a
    pixel box divided by it is a box in page points of the upright page.
    """

    grey: np.ndarray  # red removed, paper flattened
    binary: np.ndarray  # ink 255 on 0
    rulings: Rulings
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
    orientation: OrientationDetector | int | None = None,
) -> PreparedImage:
    """Clean, deskew and turn upright a page bitmap (RGB or grey, ``scale`` px per pt).

    ``orientation`` finds the page's quarter turn, or is that turn when it is
    already known (a second, sharper image of a page read before). Without
    it the page is taken as upright (right for pages rendered from a PDF,
    whose /Rotate pdfium already applied).
    """
    if image.ndim not in (2, 3) or image.shape[0] < 16 or image.shape[1] < 16:
        raise ValueError(f"not a page image: shape {image.shape}")
    grey, red = grey_without_red(image)
    grey = stretch_contrast(normalise_background(grey, scale))
    # No median filter: it erases the 1-px strokes of thin fonts (三 vanished); specks are
    # harmless here, as line and text finding both drop tiny blobs.
    binary = binarise(grey)
    skew = estimate_skew(binary)
    grey, binary = deskew(grey, skew), deskew(binary, skew, border=0)
    red = None if red is None else deskew(red, skew, border=0)
    rulings = find_rulings(binary, scale, red, grey)
    rotation = orientation if isinstance(orientation, int) else 0
    if isinstance(orientation, OrientationDetector):
        text_only = text_ink(binary, rulings.mask, scale)
        rotation = orientation.detect(text_only, erase_rulings(grey, rulings.mask, scale), scale)
    if rotation:
        grey, binary = undo_rotation(grey, rotation), undo_rotation(binary, rotation)
        red = None if red is None else undo_rotation(red, rotation)
        # Skew is measured along text lines, which run down a sideways page: measured again upright
        # (a 1.2° tilt was left on a turned page, and its short column rules no longer met the rows).
        residual = estimate_skew(binary)
        grey, binary = deskew(grey, residual), deskew(binary, residual, border=0)
        red = None if red is None else deskew(red, residual, border=0)
        skew += residual
        rulings = find_rulings(binary, scale, red, grey)
    return PreparedImage(grey, binary, rulings, erase_rulings(grey, rulings.mask, scale), rotation, skew, scale)


