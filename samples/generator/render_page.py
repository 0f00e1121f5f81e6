"""Laid-out pages as plain data, and the one function that paints them.

Layout decides everything (positions, page breaks, which table lands where)
before anything is drawn, so the truth can be written from the layout and
the table of contents can show real page numbers. Coordinates here are points
from the top-left corner, y growing downwards; only ``paint`` flips them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from reportlab.pdfgen.canvas import Canvas

Align = Literal["left", "right", "centre"]


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    font: str
    size: float
    align: Align = "left"


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float


@dataclass(frozen=True)
class Watermark:
    text: str
    font: str


Item = Union[Text, Rule]


@dataclass
class PageLayout:
    width: float
    height: float
    items: list[Item] = field(default_factory=list)


def paint(canvas: Canvas, pages: list[PageLayout], watermark: Watermark | None) -> None:
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        if watermark is not None:
            _paint_watermark(canvas, page, watermark)
        _paint_items(canvas, page)
        canvas.showPage()


def _paint_items(canvas: Canvas, page: PageLayout) -> None:
    h = page.height
    rules = [item for item in page.items if isinstance(item, Rule)]
    # One path per line weight keeps the content stream small and fast to write.
    for weight in sorted({r.width for r in rules}):
        path = canvas.beginPath()
        for r in rules:
            if r.width == weight:
                path.moveTo(r.x0, h - r.y0)
                path.lineTo(r.x1, h - r.y1)
        canvas.setLineWidth(weight)
        canvas.drawPath(path, stroke=1, fill=0)
    for item in page.items:
        if isinstance(item, Text):
            canvas.setFont(item.font, item.size)
            if item.align == "left":
                canvas.drawString(item.x, h - item.y, item.text)
            elif item.align == "right":
                canvas.drawRightString(item.x, h - item.y, item.text)
            else:
                canvas.drawCentredString(item.x, h - item.y, item.text)


def _paint_watermark(canvas: Canvas, page: PageLayout, watermark: Watermark) -> None:
    """A light diagonal stamp, drawn first so the page's content lies on top of it, but kept in the text layer."""
    canvas.saveState()
    canvas.setFillGray(0.86)
    size = min(page.width, page.height) / 10
    canvas.setFont(watermark.font, size)
    for fx, fy in ((0.3, 0.25), (0.7, 0.5), (0.3, 0.75)):
        canvas.saveState()
        canvas.translate(page.width * fx, page.height * fy)
        canvas.rotate(35)
        canvas.drawCentredString(0, 0, watermark.text)
        canvas.restoreState()
    canvas.restoreState()
