"""A page read from its pixels: the pipeline's stage for scanned pages and untrusted text layers.

The page's own scan is used when it is one image (no resampling), otherwise
the page is rendered. After cleaning and turning it upright, the rulings go
through the same layout code as a born-digital page's vector lines, so both
paths build grids alike; then every cell is read from its crop and the text
around the tables from its line crops. Amounts both engines left in doubt
are read once more from a sharper image of the page, when one can be had.

The engines take about a second to load, so each process loads them once,
on the first page that needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from extractor.imaging.lines import detect_ruling_segments
from extractor.imaging.orient import OrientationDetector
from extractor.imaging.prepare import PreparedImage, prepare_page_image
from extractor.imaging.render import Backend, page_scan_image, render_page
from extractor.layout.page import layout_page
from extractor.layout.text import TextLine
from extractor.model import BBox, Issue, Segment, TableRegion, TextSpan
from extractor.ocr.column_numbers import mend_column_numbers
from extractor.ocr.ctc import barred_sign_cells
from extractor.ocr.merged_amounts import merged_amount_cells
from extractor.ocr.rapid import RapidOcrEngine
from extractor.ocr.table import has_doubtful_amounts, read_table_cells, read_text_lines, reread_doubtful_amounts
from extractor.ocr.tesseract import TesseractEngine

# A scan finer than this many times the requested resolution is scaled down:
# more pixels cost time and the recogniser sees 48-px lines anyway.
_MAX_OVERSAMPLING = 1.25
# Amounts still in doubt after both engines are read again from the page at this many times the
# resolution (rendered again, or the embedded scan at its own resolution when it was scaled down),
# if that gives at least _MIN_GAIN times the pixels per point.
_SHARPER = 2
_MIN_GAIN = 1.3


@dataclass
class ScannedPage:
    rotation: int  # clockwise quarter turn found in the page's content and undone
    width: float  # the upright page in points: width and height swap after a quarter turn
    height: float
    regions: list[TableRegion]
    lines: list[TextLine]  # text outside tables, top to bottom
    spans: list[TextSpan] = field(default_factory=list)  # those lines, in page points
    segments: list[Segment] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


# Table cells are recognised from crops narrowed to this share of their width, at 0.65 of the
# recogniser's time. The model steps every 8 px: a digit keeps about two steps and a CJK glyph three,
# which still parts a doubled digit by a blank. On 1189 cell crops of a scanned seed the text came
# out the same but for two O read as 0, and a seed's 2673 amounts as well as before. Text around the
# tables is read at full width: a page number -9- narrowed came out .9., and the text layer's spot
# check and the orientation vote were measured on full-width readings.
CELL_SQUEEZE = 0.65
# ... and no cell crop is padded to more than this many times its width: a batch is padded with
# grey, and a narrowed 11 padded to twice its width read 117 (alone, 11).
CELL_MOST_PADDING = 1.5


@dataclass(frozen=True)
class Engines:
    primary: RapidOcrEngine  # text around tables, and the orientation vote
    cells: RapidOcrEngine  # the same models, reading table cells narrowed
    digits: TesseractEngine
    orientation: OrientationDetector


@lru_cache(maxsize=1)
def engines() -> Engines:
    """The OCR engines of this process, loaded on first use."""
    primary = RapidOcrEngine()
    return Engines(
        primary=primary,
        cells=primary.with_recognition(CELL_SQUEEZE, CELL_MOST_PADDING),
        digits=TesseractEngine(numeric=True),
        orientation=OrientationDetector(primary.read_line_crops),
    )


def page_pixels(
    document: pdfium.PdfDocument, index: int, dpi: int, *, renderer: Backend = "pdfium", path: Path | None = None
) -> tuple[np.ndarray, float]:
    """The page as an image and its pixels per point: the embedded scan when there is one.

    Other pages are rendered by ``renderer``; poppler reads the file itself,
    so it needs the document's ``path``.
    """
    page = document[index]
    try:
        width_pt = page.get_width()
        scan = page_scan_image(page)
    finally:
        page.close()
    if scan is None:
        return render_page(path if renderer == "poppler" and path is not None else document, index, dpi, renderer), dpi / 72
    scale = scan.shape[1] / width_pt
    wanted = dpi / 72
    if scale > _MAX_OVERSAMPLING * wanted:
        scan = cv2.resize(scan, None, fx=wanted / scale, fy=wanted / scale, interpolation=cv2.INTER_AREA)
        scale = scan.shape[1] / width_pt
    return scan, scale


def read_prepared_page(page_number: int, prepared: PreparedImage, found: Engines) -> ScannedPage:
    """Tables and text lines of an upright, cleaned page image."""
    segments = detect_ruling_segments(prepared)
    ruled, _ = layout_page(page_number, [], segments)
    spans = read_text_lines(prepared, found.primary, [r.bbox for r in ruled if r.ruled])
    regions, lines = layout_page(page_number, spans, segments)
    regions = [read_table_cells(prepared, r, found.cells, found.digits) if r.ruled else r for r in regions]
    issues = []
    if not regions and not spans:
        issues.append(Issue("ocr-no-text", "no text could be read on this page image", page_number))
    return ScannedPage(prepared.rotation, prepared.width_pt, prepared.height_pt, regions, lines, spans, segments, issues)


def read_page_by_ocr(
    document: pdfium.PdfDocument,
    index: int,
    dpi: int = 200,
    *,
    renderer: Backend = "pdfium",
    path: Path | None = None,
    only: list[BBox] | None = None,
) -> ScannedPage:
    """Read page ``index`` (0-based) by OCR at about ``dpi`` (see ``page_pixels`` for ``renderer`` and ``path``).

    With ``only`` (boxes in page points) the rest of the page is blanked out
    first and the page is taken as upright: the pictures on a typed page are
    read without paying for its typed text, whose layer says which way is up.
    """
    pixels, scale = page_pixels(document, index, dpi, renderer=renderer, path=path)
    found = engines()
    if only is not None:
        pixels = _blank_outside(pixels, scale, only)
    prepared = prepare_page_image(pixels, scale, None if only is not None else found.orientation)
    page = read_prepared_page(index + 1, prepared, found)
    if has_doubtful_amounts(page.regions):
        sharper_pixels, sharper_scale = page_pixels(document, index, _SHARPER * dpi, renderer=renderer, path=path)
        if sharper_scale >= _MIN_GAIN * scale:  # an embedded scan already read at its own resolution has nothing sharper
            if only is not None:
                sharper_pixels = _blank_outside(sharper_pixels, sharper_scale, only)
            sharper = prepare_page_image(sharper_pixels, sharper_scale, prepared.rotation)
            page.regions = [reread_doubtful_amounts(sharper, r, found.cells) for r in page.regions]
    mended = [mend_column_numbers(r) for r in page.regions]
    page.regions = [r for r, _ in mended]
    page.issues.extend(i for _, issues in mended for i in issues)
    page.issues.extend(i for r in page.regions for i in merged_amount_cells(r))
    page.issues.extend(i for r in page.regions for i in barred_sign_cells(r))
    return page


def _blank_outside(pixels: np.ndarray, scale: float, boxes: list[BBox]) -> np.ndarray:
    out = np.full_like(pixels, 255)
    height, width = pixels.shape[:2]
    for b in boxes:
        x0, y0 = max(0, int(b.x0 * scale)), max(0, int(b.y0 * scale))
        x1, y1 = min(width, int(np.ceil(b.x1 * scale))), min(height, int(np.ceil(b.y1 * scale)))
        out[y0:y1, x0:x1] = pixels[y0:y1, x0:x1]
    return out
