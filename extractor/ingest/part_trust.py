"""Which parts of a page's text layer can be kept: each table region, and the text outside the tables.

The page-level triage (``extractor.ingest.triage``) judges all of a page's
text at once, so one table in a broken font condemns a page whose title and
other tables read right, and a small garbled table hides among good prose.
Here the same evidence is applied part by part. The character statistics
cost nothing and run on every page. Once OCR has read a page in doubt, a
part is kept only if it also agrees with what OCR read in the same place,
or, where OCR read nothing there, if the statistics had enough text to
vouch for it; a page's layer is never kept on weaker evidence than before.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from extractor.ingest.compose import LayerTrust, Reading, Trust
from extractor.ingest.triage import MIN_CJK_FOR_STATS, SPOT_CHECK_MIN, assess_text_layer, spot_check_boxes
from extractor.model import BBox, TextSpan


def trust_before_ocr(layer: Reading, unmapped: Sequence[BBox] = ()) -> LayerTrust:
    """Each part judged, without OCR, by the statistics of its own text and by PDFium's map errors inside it.

    ``unmapped`` are the boxes of characters PDFium found no ToUnicode entry for.
    """
    def judged(text: str, boxes: list[BBox]) -> Trust:
        if any(b.contains_point(u.cx, u.cy) for u in unmapped for b in boxes):
            return Trust(False, "a font's ToUnicode map does not cover its glyphs")
        return _by_statistics(text)

    return LayerTrust(
        regions=tuple(judged("".join(c.text for c in r.cells), [r.bbox]) for r in layer.regions),
        lines=judged("".join(ln.text for ln in layer.lines), [ln.bbox for ln in layer.lines]),
    )


def trust_confirmed_by_ocr(layer: Reading, trust: LayerTrust, spans: list[TextSpan], ocr: Reading) -> LayerTrust:
    """``trust`` with each kept part checked against OCR of the same place.

    ``spans`` are the layer's characters; OCR's cells (inside a region) and
    lines (outside) are the boxes compared.
    """
    regions = []
    for region, verdict in zip(layer.regions, trust.regions):
        boxes = [(c.bbox, c.text) for r in ocr.regions for c in r.cells if c.text and region.bbox.contains_point(c.bbox.cx, c.bbox.cy)]
        text = "".join(c.text for c in region.cells)
        regions.append(_confirmed(verdict, text, _inside(spans, region.bbox), boxes))
    tables = [r.bbox for r in layer.regions]
    outside = [s for s in spans if not any(t.contains_point(s.bbox.cx, s.bbox.cy) for t in tables)]
    boxes = [(ln.bbox, ln.text) for ln in ocr.lines if not any(t.contains_point(ln.bbox.cx, ln.bbox.cy) for t in tables)]
    lines = _confirmed(trust.lines, "".join(ln.text for ln in layer.lines), outside, boxes)
    return LayerTrust(tuple(regions), lines)


def _by_statistics(text: str) -> Trust:
    verdict = assess_text_layer(text, page_has_images=False, image_coverage=0.0)
    if verdict.stats.chars and not verdict.trusted:
        return Trust(False, verdict.detail)
    return Trust(True)


def _confirmed(verdict: Trust, text: str, spans: list[TextSpan], boxes: list[tuple[BBox, str]]) -> Trust:
    if not verdict.kept or not text.strip():
        return verdict
    if not boxes:
        if assess_text_layer(text, page_has_images=False, image_coverage=0.0).stats.cjk >= MIN_CJK_FOR_STATS:
            return verdict
        return Trust(False, "too little text to judge and OCR read nothing there to compare")
    agreement = spot_check_boxes([s for s in spans if _compared(s.text)], [(b, _compared(t)) for b, t in boxes])
    if agreement < SPOT_CHECK_MIN:
        return Trust(False, f"it disagrees with OCR of the same place (similarity {agreement:.2f})")
    return verdict


def _compared(text: str) -> str:
    """The text without punctuation other than the decimal point: OCR drops a colon or a bracket far more
    often than a broken map garbles one alone, and a part is not to be condemned for that."""
    return "".join(ch for ch in text if ch == "." or not unicodedata.category(ch).startswith("P"))


def _inside(spans: list[TextSpan], box: BBox) -> list[TextSpan]:
    return [s for s in spans if box.contains_point(s.bbox.cx, s.bbox.cy)]
