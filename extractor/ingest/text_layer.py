"""Reading a born-digital page: its characters with boxes and its ruling lines.

PDFium gives both in PDF user space (origin bottom-left); everything leaving
this module is in display space (origin top-left, rotation applied), the
space every later stage works in.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.model import BBox, Segment, TextSpan

# A path thinner than this (pt) in one direction is a drawn line, whatever its
# construction (stroked line, thin filled rectangle).
_THIN = 2.5
# Segments shorter than this are glyph parts or ticks, not ruling.
_MIN_RULE = 4.0
# Filled shapes smaller than this (pt) each way that are not rules are glyph outlines.
_GLYPH = 30.0


@dataclass
class PageContent:
    width: float
    height: float
    rotation: int
    spans: list[TextSpan]
    segments: list[Segment]
    overlay_chars: int  # rotated or faint characters (watermarks) left out of ``spans``
    image_coverage: float  # share of the page area covered by images
    image_boxes: list[BBox]  # where the images are: a picture of a table on a typed page must be read by OCR
    glyph_paths: int  # small filled shapes that are not rules: text drawn as outlines
    unmapped: list[BBox]  # characters whose font's ToUnicode map does not cover their glyph, by PDFium

    @property
    def has_unicode_errors(self) -> bool:
        return bool(self.unmapped)


class _Frame:
    """Maps PDF user-space points to display space for one page."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        left, bottom, right, top = page.get_mediabox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = page.get_rotation() % 360
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        ux, uy = x - self.left, self.top - y  # top-left origin, unrotated
        w, h = self.right - self.left, self.top - self.bottom
        if self.rotation == 90:
            return h - uy, ux
        if self.rotation == 180:
            return w - ux, h - uy
        if self.rotation == 270:
            return uy, w - ux
        return ux, uy

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        x0, y0 = self.point(left, top)
        x1, y1 = self.point(right, bottom)
        return BBox(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def read_page(page: pdfium.PdfPage) -> PageContent:
    frame = _Frame(page)
    textpage = page.get_textpage()
    try:
        spans, overlay, unmapped = _read_chars(textpage, frame)
    finally:
        textpage.close()
    segments, images, glyph_paths = _read_graphics(page, frame)
    image_area = sum(box.width * box.height for box in images)
    return PageContent(
        width=frame.width,
        height=frame.height,
        rotation=frame.rotation,
        spans=spans,
        segments=segments,
        overlay_chars=overlay,
        image_coverage=min(1.0, image_area / max(frame.width * frame.height, 1.0)),
        image_boxes=images,
        glyph_paths=glyph_paths,
        unmapped=unmapped,
    )


def _is_overlay(raw, i: int) -> bool:
    """Watermarks (仅供内部审核 …) are drawn rotated or faint over the page; table text never is."""
    angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
    if angle > 0.05 and abs(angle - 2 * math.pi) > 0.05:
        return True
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if pdfium_c.FPDFText_GetFillColor(raw, i, r, g, b, a):
        if a.value < 200 or min(r.value, g.value, b.value) > 170:
            return True
    return False


def _read_chars(textpage: pdfium.PdfTextPage, frame: _Frame) -> tuple[list[TextSpan], int, list[BBox]]:
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    spans: list[TextSpan] = []
    overlay = 0
    unmapped: list[BBox] = []
    for i in range(n):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code in (0xFFFE, 0xFEFF) or code in (0x0D, 0x0A):
            continue
        if _is_overlay(raw, i):
            overlay += 1
            continue
        ch = chr(code) if code else "\ufffd"
        if not pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
            continue
        box = frame.box(left.value, bottom.value, right.value, top.value)
        if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1:
            unmapped.append(box)
        if ch.isspace() and box.width <= 0:
            continue
        spans.append(TextSpan(ch, box))
    return spans, overlay, unmapped


def _visible(obj: pdfium.PdfObject) -> bool:
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke):
        return True
    if fill.value == 0 and not stroke.value:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    getter = pdfium_c.FPDFPageObj_GetStrokeColor if stroke.value else pdfium_c.FPDFPageObj_GetFillColor
    if getter(obj.raw, r, g, b, a):
        if a.value == 0 or min(r.value, g.value, b.value) > 235:
            return False  # white or transparent: not a printed line
    return True


def _read_graphics(page: pdfium.PdfPage, frame: _Frame) -> tuple[list[Segment], list[BBox], int]:
    segments: list[Segment] = []
    images: list[BBox] = []
    glyphs = 0
    for obj in page.get_objects(max_depth=4):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(frame.box(*obj.get_bounds()))
            continue
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH or not _visible(obj):
            continue
        box = frame.box(*obj.get_bounds())
        if box.height <= _THIN and box.width >= _MIN_RULE:
            segments.append(Segment(box.x0, box.cy, box.x1, box.cy))
        elif box.width <= _THIN and box.height >= _MIN_RULE:
            segments.append(Segment(box.cx, box.y0, box.cx, box.y1))
        elif box.width < _GLYPH and box.height < _GLYPH:
            glyphs += 1
        else:
            segments.extend(_path_edges(obj, frame))
    return segments, images, glyphs


def _path_edges(obj: pdfium.PdfObject, frame: _Frame) -> list[Segment]:
    """Axis-aligned edges of a multi-segment path (rectangles, grids drawn as one path)."""
    matrix = obj.get_matrix()
    points: list[tuple[float, float]] = []
    edges: list[Segment] = []
    start: tuple[float, float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    n = pdfium_c.FPDFPath_CountSegments(obj.raw)
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        px, py = matrix.on_point(x.value, y.value)
        p = frame.point(px, py)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not points:
            start = p
        else:
            edges.extend(_axis_edge(points[-1], p))
        points.append(p)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            edges.extend(_axis_edge(p, start))
    return edges


def _axis_edge(a: tuple[float, float], b: tuple[float, float]) -> list[Segment]:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= _MIN_RULE:
        return [Segment(min(x0, x1), y0, max(x0, x1), y0)]
    if abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= _MIN_RULE:
        return [Segment(x0, min(y0, y1), x0, max(y0, y1))]
    return []
