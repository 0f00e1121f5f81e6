"""One page from two readings: the parts of its text layer that can be kept, OCR for the rest.

A text layer can be right in one place and wrong in another: a table set in a
font whose ToUnicode map is broken under a title in a good one, or a typed
page with a scanned table pasted in as a picture, which has no text at all.
Reading such a page wholly by OCR throws away exact text; trusting its layer
wholly gives garbled or missing tables. So the page is put together part by
part: each table region of the layer and the layer's text outside tables is
kept or replaced by what OCR read in the same place, and tables OCR found in
the page's pictures are added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractor.ingest.triage import GARBLED
from extractor.layout.page import table_context
from extractor.layout.text import TextLine
from extractor.model import BBox, Issue, PageSource, TableRegion

# Two regions are one table when they share this much of the smaller one's area.
_SAME_TABLE = 0.5

IMAGE_TABLE = "table-from-image"
IMAGE_TEXT_SKIPPED = "image-text-skipped"


@dataclass(frozen=True)
class Reading:
    """One reading of a page: its table regions and the text lines outside them, in page points."""

    regions: list[TableRegion]
    lines: list[TextLine]


@dataclass(frozen=True)
class Trust:
    """Whether one part of the text layer can be kept, and if not, why."""

    kept: bool
    why: str = ""


@dataclass(frozen=True)
class LayerTrust:
    regions: tuple[Trust, ...]  # one per table region of the layer, in its order
    lines: Trust  # the text outside the tables, judged as one

    @property
    def complete(self) -> bool:
        return self.lines.kept and all(t.kept for t in self.regions)


@dataclass(frozen=True)
class ComposedPage:
    reading: Reading
    source: PageSource
    issues: list[Issue]


def compose_page(page_number: int, layer: Reading, trust: LayerTrust, ocr: Reading, image_boxes: list[BBox]) -> ComposedPage:
    """Put the page together from the kept parts of ``layer`` and, for the rest, ``ocr``.

    An untrusted layer region is replaced by the OCR region that overlaps it
    most, or kept as an empty grid with a warning when OCR found no table
    there. Untrusted text outside tables is replaced by OCR's lines and the
    tables OCR found among them. OCR tables that lie in one of
    ``image_boxes`` and clear of the layer's tables are added with the OCR
    lines of their picture. Every table's title and
    unit are then read again from the lines around it on the composed page.
    When no part of the layer can be kept, the page is OCR's reading as it stands.
    """
    if not trust.lines.kept and not any(t.kept for t in trust.regions):
        return ComposedPage(ocr, "ocr", [])
    issues: list[Issue] = []
    regions: list[TableRegion] = []
    used_ocr = not trust.lines.kept
    for region, verdict in zip(layer.regions, trust.regions):
        if verdict.kept:
            regions.append(region)
            continue
        used_ocr = True
        where = _where(region.bbox)
        match = _best_match(region.bbox, ocr.regions)
        if match is None:
            regions.append(_emptied(region))
            issues.append(Issue(GARBLED, f"the text layer of the table at {where} is garbled ({verdict.why}) and OCR "
                                         "found no table there: its cells are left empty", page_number))
            continue
        regions.append(replace(match, page=page_number))
        issues.append(Issue(GARBLED, f"the text layer of the table at {where} is garbled ({verdict.why}); "
                                     "that table was read by OCR", page_number))
    if trust.lines.kept:
        lines = layer.lines
    else:  # OCR's reading of that text, with any table OCR found in it that the garbled layer hid
        regions += [replace(r, page=page_number) for r in ocr.regions if not _clashes(r.bbox, regions)]
        lines = [ln for ln in ocr.lines if not _inside_any(ln.bbox, regions)]
        issues.append(Issue(GARBLED, f"the text outside the tables is garbled ({trust.lines.why}); it was read by OCR",
                            page_number))
    for image in image_boxes:
        pictured = [r for r in ocr.regions if image.contains_point(r.bbox.cx, r.bbox.cy) and not _clashes(r.bbox, regions)]
        text = [ln for ln in ocr.lines if image.contains_point(ln.bbox.cx, ln.bbox.cy) and not _clashes(ln.bbox, lines)]
        if not pictured:
            if text:
                issues.append(Issue(IMAGE_TEXT_SKIPPED, f"the picture at {_where(image)} holds text but no table "
                                                        "(a chart or photo?); its text is not in the output", page_number))
            continue
        used_ocr = True
        regions += [replace(r, page=page_number) for r in pictured]
        lines = lines + text
        issues.append(Issue(IMAGE_TABLE, f"the picture at {_where(image)} holds a table; it was read by OCR", page_number))
    source: PageSource = "mixed" if used_ocr else "text-layer"
    lines = sorted(lines, key=_reading_order)
    return ComposedPage(Reading(_with_contexts(regions, lines), lines), source, issues)


def _with_contexts(regions: list[TableRegion], lines: list[TextLine]) -> list[TableRegion]:
    ordered = sorted(regions, key=_reading_order)
    return [replace(r, context=table_context(r.bbox, lines, ordered[i - 1].bbox.y1 if i else 0.0,
                                             ordered[i + 1].bbox.y0 if i + 1 < len(ordered) else float("inf")))
            for i, r in enumerate(ordered)]


def _reading_order(item: TableRegion | TextLine) -> tuple[float, float]:
    return item.bbox.y0, item.bbox.x0


def _where(box: BBox) -> str:
    return f"({box.x0:.0f}, {box.y0:.0f})–({box.x1:.0f}, {box.y1:.0f}) pt"


def _overlap(a: BBox, b: BBox) -> float:
    """The shared area as a share of the smaller box."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(min(a.width * a.height, b.width * b.height), 1e-9)


def _clashes(box: BBox, taken: Sequence[TableRegion | TextLine]) -> bool:
    return any(_overlap(box, t.bbox) > 0 for t in taken)


def _best_match(box: BBox, candidates: list[TableRegion]) -> TableRegion | None:
    scored = [(_overlap(box, r.bbox), i) for i, r in enumerate(candidates)]
    best = max(scored, default=(0.0, -1))
    return candidates[best[1]] if best[0] >= _SAME_TABLE else None


def _inside_any(box: BBox, regions: list[TableRegion]) -> bool:
    return any(r.bbox.contains_point(box.cx, box.cy) for r in regions)


def _emptied(region: TableRegion) -> TableRegion:
    """The region's grid with no text: the table is listed, none of its garbled text is."""
    return replace(region, cells=[replace(c, text="", confidence=0.0, alternatives=()) for c in region.cells])
