"""Page bitmaps for OCR: a rendered PDF page, or the page's own scan image.

Scanned reports are usually one JPEG per page. Taking that image as it is
avoids resampling it twice (scan -> render -> OCR), so ``page_scan_image`` is
tried first and ``render_page`` is the fallback for everything else. All
arrays are RGB ``uint8`` of shape (height, width, 3), oriented as the page is
displayed (its /Rotate applied).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import MissingDependencyError
from extractor.ingest.pdf import open_pdf

Backend = Literal["pdfium", "poppler"]

# A page counts as "one scan" when a single image covers it edge to edge, to
# this share of the page size: then image pixels map onto page points by one
# scale, with no offset. A scan placed with margins is rendered instead.
_EDGE_TOLERANCE = 0.02
# Text objects allowed next to the scan: an invisible OCR layer may be present.
_MAX_VISIBLE_OBJECTS_BESIDE_SCAN = 0


def render_page(
    pdf: str | Path | pdfium.PdfDocument,
    page_index: int,
    dpi: float = 200,
    backend: Backend = "pdfium",
) -> np.ndarray:
    """Rasterise one page (0-based index) at ``dpi``: pdfium, or poppler for sites that standardise on it."""
    if backend == "poppler":
        if isinstance(pdf, pdfium.PdfDocument):
            raise ValueError("the poppler backend needs a file path, not an open document")
        return _render_with_poppler(Path(pdf), page_index, dpi)
    doc = pdf if isinstance(pdf, pdfium.PdfDocument) else open_pdf(Path(pdf)).document
    if not 0 <= page_index < len(doc):
        raise IndexError(f"page index {page_index} out of range (document has {len(doc)} pages)")
    page = doc[page_index]
    bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
    return np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])


def _render_with_poppler(path: Path, page_index: int, dpi: float) -> np.ndarray:
    try:
        from pdf2image import convert_from_path
        from pdf2image.exceptions import PDFInfoNotInstalledError
    except ImportError as exc:
        raise MissingDependencyError("pdf2image is not installed") from exc
    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=page_index + 1, last_page=page_index + 1)
    except PDFInfoNotInstalledError as exc:
        raise MissingDependencyError("poppler-utils (pdftoppm) is not installed") from exc
    if not images:
        raise IndexError(f"page index {page_index} out of range")
    return np.asarray(images[0].convert("RGB"))


def page_scan_image(page: pdfium.PdfPage) -> np.ndarray | None:
    """The page's scan at its native resolution, or None when the page is not a single image.

    The image is drawn through its placement matrix (so flips and rotations in
    the content stream are applied) and then turned by the page's /Rotate.
    It covers the page edge to edge, so its pixels per point are its width
    over the displayed page width.
    """
    images = []
    visible_others = 0
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            visible_others += 1
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT and not _is_invisible_text(obj):
            visible_others += 1
    if len(images) != 1 or visible_others > _MAX_VISIBLE_OBJECTS_BESIDE_SCAN:
        return None
    if not _covers_page(images[0], page):
        return None
    pixels = images[0].get_bitmap(render=True, scale_to_original=True).to_numpy()
    rgb = _to_rgb(pixels)
    turns = (page.get_rotation() // 90) % 4
    # /Rotate is clockwise; np.rot90 turns counter-clockwise for positive k.
    return np.ascontiguousarray(np.rot90(rgb, k=-turns)) if turns else rgb


def _covers_page(image: pdfium.PdfImage, page: pdfium.PdfPage) -> bool:
    left, bottom, right, top = image.get_bounds()
    x0, y0, x1, y1 = page.get_cropbox()
    w, h = x1 - x0, y1 - y0
    tol_x, tol_y = _EDGE_TOLERANCE * w, _EDGE_TOLERANCE * h
    return abs(left - x0) <= tol_x and abs(right - x1) <= tol_x and abs(bottom - y0) <= tol_y and abs(top - y1) <= tol_y


def _is_invisible_text(obj: pdfium.PdfObject) -> bool:
    return pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


def _to_rgb(pixels: np.ndarray) -> np.ndarray:
    """pdfium bitmaps are grey, BGR or BGRA; OCR wants RGB."""
    if pixels.ndim == 2:
        return np.repeat(pixels[:, :, None], 3, axis=2)
    if pixels.shape[2] == 1:
        return np.repeat(pixels, 3, axis=2)
    return np.ascontiguousarray(pixels[:, :, 2::-1])
