"""OCR of a prepared page: the cells of its tables and the text around them.

The layout stage gives cell boxes in page points; here they become pixel
boxes on the page with its rulings erased, are read in one batch by the
primary engine, and the unsure amounts are read again by the second one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.imaging.lines import text_ink
from extractor.imaging.prepare import PreparedImage
from extractor.imaging.textboxes import find_text_lines
from extractor.model import BBox, TableRegion, TextSpan
from extractor.ocr.engine import OcrEngine
from extractor.ocr.numeric import doubt_lost_points, read_numeric_cells

# Cell boxes run along the middle of their rulings; this much (points) is
# shaved off each side so the erased line's leftovers stay out of the crop.
_CELL_INSET_PT = 0.6


def _inset(box: BBox, by: float) -> BBox:
    if box.width <= 2 * by or box.height <= 2 * by:
        return box
    return BBox(box.x0 + by, box.y0 + by, box.x1 - by, box.y1 - by)


# A cell printed as a dash (——) is often read as a run of low lines or hyphens.
_DASH_READING = re.compile(r"^[_＿\-－—–]{2,}$")


def _dash(text: str) -> str:
    """The reports print no underscores: a cell of low lines or hyphens is the dash that marks 'none'."""
    return "——" if _DASH_READING.match(text) else text


def read_table_cells(
    prepared: PreparedImage,
    region: TableRegion,
    primary: OcrEngine,
    second: OcrEngine | None = None,
) -> TableRegion:
    """The region with every cell's text, confidence and alternative readings filled in by OCR."""
    boxes = [prepared.to_pixels(_inset(c.bbox, _CELL_INSET_PT)) for c in region.cells]
    readings = primary.read_cells(prepared.lineless, boxes)
    if second is not None:
        readings = read_numeric_cells(prepared.lineless, boxes, readings, second)
    readings = doubt_lost_points([c.col for c in region.cells], readings)
    cells = [
        replace(cell, text=_dash(r.text), confidence=r.confidence, alternatives=r.alternatives)
        for cell, r in zip(region.cells, readings)
    ]
    return replace(region, cells=cells)


def read_text_lines(prepared: PreparedImage, engine: OcrEngine, outside: list[BBox] | None = None) -> list[TextSpan]:
    """Text lines of the page (page points), one span per line, skipping those inside ``outside`` boxes (points).

    Lines are found by their ink and read by the recogniser alone, which is
    several times cheaper than running the detector over the whole page.
    """
    ink = text_ink(prepared.binary, prepared.rulings.mask, prepared.scale)
    boxes = find_text_lines(ink, prepared.lineless, prepared.scale)
    if outside:
        boxes = [b for b in boxes if not any(t.contains_point(b.cx / prepared.scale, b.cy / prepared.scale) for t in outside)]
    spans = []
    for box, reading in zip(boxes, engine.read_cells(prepared.lineless, boxes)):
        if reading.text:
            spans.append(TextSpan(reading.text, prepared.to_points(box), reading.confidence))
    return spans
