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
from extractor.model import BBox, Cell, TableRegion, TextSpan
from extractor.ocr.engine import CellReading, OcrEngine
from extractor.ocr.numeric import doubt_lost_points, doubt_points_for_commas, is_doubtful_amount, read_numeric_cells, with_sharper_reading

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
    boxes = [_cell_pixels(prepared, c.bbox) for c in region.cells]
    readings = primary.read_cells(prepared.lineless, boxes)
    if second is not None:
        readings = read_numeric_cells(prepared.lineless, boxes, readings, second)
    readings = doubt_points_for_commas(doubt_lost_points([c.col for c in region.cells], readings))
    cells = [
        replace(cell, text=_dash(r.text), confidence=r.confidence, alternatives=r.alternatives)
        for cell, r in zip(region.cells, readings)
    ]
    return replace(region, cells=cells)


def _cell_pixels(prepared: PreparedImage, box: BBox) -> BBox:
    return prepared.to_pixels(_inset(box, _CELL_INSET_PT))


def has_doubtful_amounts(regions: list[TableRegion]) -> bool:
    return any(is_doubtful_amount(_reading(c)) for r in regions for c in r.cells)


def _reading(cell: Cell) -> CellReading:
    return CellReading(cell.text, cell.confidence, cell.alternatives)


def reread_doubtful_amounts(sharper: PreparedImage, region: TableRegion, engine: OcrEngine) -> TableRegion:
    """The region with its doubtful amounts weighed against ``engine``'s reading of a sharper image of the page."""
    doubtful = [i for i, c in enumerate(region.cells) if is_doubtful_amount(_reading(c))]
    if not doubtful:
        return region
    rereads = doubt_points_for_commas(engine.read_cells(sharper.lineless, [_cell_pixels(sharper, region.cells[i].bbox) for i in doubtful]))
    cells = list(region.cells)
    for i, reread in zip(doubtful, rereads):
        merged = with_sharper_reading(_reading(cells[i]), reread)
        cells[i] = replace(cells[i], text=_dash(merged.text), confidence=merged.confidence, alternatives=merged.alternatives)
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
