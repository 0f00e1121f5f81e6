"""The extraction pipeline: an explicit list of stages from a PDF to the contract JSON.

Page stages fill one ``Page`` each (text layer, triage, OCR when needed,
layout); document stages then work on all pages' tables (join, classify,
normalise, cross-table checks, document facts). A page that fails is
reported in ``warnings`` and the rest of the document still comes out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from extractor.checks import cross_table_checks
from extractor.classify import classify, infer_document_kind
from extractor.classify.sequence import settle_by_sequence
from extractor.imaging.render import Backend
from extractor.ingest.compose import Reading, compose_page
from extractor.ingest.part_trust import trust_before_ocr, trust_confirmed_by_ocr
from extractor.ingest.pdf import OpenedPdf, open_pdf
from extractor.ingest.text_layer import PageContent, read_page
from extractor.ingest.triage import GARBLED, TextLayerVerdict, assess_text_layer, spot_check_boxes
from extractor.layout.page import layout_page
from extractor.meta import document_organization, document_unit, document_year
from extractor.model import (
    BBox,
    DocumentMeta,
    ExtractedTable,
    ExtractionResult,
    Issue,
    Page,
    RawTable,
    Segment,
    TableRegion,
)
from extractor.normalise import normalise_table
from extractor.output.contract import result_json
from extractor.schema import validate_contract
from extractor.tables.join import join_regions

if TYPE_CHECKING:
    from extractor.scan_reader import ScannedPage

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractOptions:
    """How to read a document.

    ``ocr``: auto (OCR pages, or parts of pages, whose text layer cannot be
    trusted, and pictures on typed pages), always, never. ``renderer``: what
    rasterises pages for OCR (a page that is one embedded scan is used as it is).
    """

    ocr: Literal["auto", "always", "never"] = "auto"
    dpi: int = 200
    max_pages: int | None = None
    max_bytes: int | None = None
    renderer: Backend = "pdfium"


@dataclass
class _PageResult:
    page: Page
    regions: list[TableRegion] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


# A page needs OCR only if something on it could be text: an image, glyph outlines, or a bad layer.
_MIN_IMAGE_COVERAGE = 0.02
_MIN_GLYPH_PATHS = 30


def _has_readable_ink(content: PageContent, text: str) -> bool:
    return bool(text.strip()) or content.image_coverage >= _MIN_IMAGE_COVERAGE or content.glyph_paths >= _MIN_GLYPH_PATHS


def _layer_reading(page: Page, content: PageContent, segments: list[Segment] | None = None) -> Reading:
    """The page laid out from its text layer, with its own vector lines or the given ones."""
    page.spans, page.segments = content.spans, content.segments if segments is None else segments
    return Reading(*layout_page(page.number, content.spans, page.segments))


def _result(page: Page, reading: Reading) -> _PageResult:
    return _PageResult(page, reading.regions, [ln.text for ln in reading.lines])


def _from_ocr(page: Page, scanned: "ScannedPage") -> _PageResult:
    page.source, page.rotation = "ocr", scanned.rotation
    page.width, page.height = scanned.width, scanned.height
    page.spans, page.segments = scanned.spans, scanned.segments
    page.issues.extend(scanned.issues)
    return _result(page, Reading(scanned.regions, scanned.lines))


def _ocr_readings(scanned: "ScannedPage") -> list[tuple[BBox, str]]:
    """Everything OCR read on the page, where it read it: to compare with the text layer."""
    cells = [(c.bbox, c.text) for r in scanned.regions for c in r.cells if c.text]
    return cells + [(s.bbox, s.text) for s in scanned.spans]


def _pictures(content: PageContent) -> list[BBox]:
    """Images big enough to hold a table or a paragraph (logos and seals are smaller)."""
    least = _MIN_IMAGE_COVERAGE * content.width * content.height
    return [b for b in content.image_boxes if b.width * b.height >= least]


def _composable(verdict: TextLayerVerdict) -> bool:
    """Whether the layer may be kept in part: its statistics or map errors may fault only some regions.

    A layer over a page-sized image is the image's OCR, and no layer is no
    layer: those pages are read whole.
    """
    return verdict.trusted or verdict.reason == GARBLED


class _PageReader:
    """Reads the pages of one open document with one set of options."""

    def __init__(self, opened: OpenedPdf, options: ExtractOptions) -> None:
        self.document, self.path, self.options = opened.document, opened.path, options

    def ocr(self, index: int, only: list[BBox] | None = None) -> "ScannedPage":
        from extractor.scan_reader import read_page_by_ocr  # OCR engines load only when a page needs them

        return read_page_by_ocr(self.document, index, dpi=self.options.dpi, renderer=self.options.renderer,
                                path=self.path, only=only)

    def read(self, index: int) -> _PageResult:
        started = time.perf_counter()
        pdf_page = self.document[index]
        try:
            content: PageContent = read_page(pdf_page)
        finally:
            pdf_page.close()
        page = Page(number=index + 1, width=content.width, height=content.height, rotation=content.rotation)
        text = "".join(s.text for s in content.spans)
        verdict = _assess(content, text)
        auto = self.options.ocr == "auto"
        if self.options.ocr == "never" or (auto and not _has_readable_ink(content, text)):
            if not verdict.trusted and text.strip():
                page.issues.append(Issue(verdict.reason or "untrusted-text-layer",
                                         f"text layer looks wrong ({verdict.detail}) but OCR is disabled", page.number))
            result = _result(page, _layer_reading(page, content))
        elif auto and _composable(verdict):
            result = self._compose(index, page, content, verdict)
        else:
            result = self._whole_page(index, page, content, verdict, text)
        page.tables, page.lines = result.regions, result.lines
        if not content.spans and not result.regions and content.image_coverage == 0:
            page.issues.append(Issue("empty-page", "the page has no text and no image", page.number))
        page.seconds = time.perf_counter() - started
        return result

    def _whole_page(self, index: int, page: Page, content: PageContent, verdict: TextLayerVerdict, text: str) -> _PageResult:
        """The page read from one source: OCR, or a layer over a page image that OCR confirms."""
        auto = self.options.ocr == "auto"
        scanned = self.ocr(index)
        if auto and verdict.needs_spot_check:
            verdict = _assess(content, text, spot_check_boxes(content.spans, _ocr_readings(scanned)))
        if auto and verdict.trusted:
            # The invisible layer agrees with the image; the table rulings are in the image, not the layer.
            rulings = scanned.segments if not scanned.rotation and not content.segments else None
            return _result(page, _layer_reading(page, content, rulings))
        if auto and text.strip() and verdict.reason:
            page.issues.append(Issue(verdict.reason, f"{verdict.detail}; page read by OCR", page.number))
        return _from_ocr(page, scanned)

    def _compose(self, index: int, page: Page, content: PageContent, verdict: TextLayerVerdict) -> _PageResult:
        """The layer where it can be trusted, OCR where it cannot and for pictures; OCR only when needed."""
        layer = _layer_reading(page, content)
        trust = trust_before_ocr(layer, content.unmapped)
        pictures = _pictures(content)
        in_doubt = not (verdict.trusted and trust.complete)
        if not in_doubt and not pictures:
            return _result(page, layer)
        # A layer in doubt is checked against OCR of the whole page; a trusted one needs only its pictures read.
        scanned = self.ocr(index, only=None if in_doubt else pictures)
        doubt = f"{verdict.detail or 'part of the text layer is garbled'}; page read by OCR"
        if scanned.rotation:  # OCR found the page turned: its boxes do not line up with the layer's
            page.issues.append(Issue(GARBLED, doubt, page.number))
            return _from_ocr(page, scanned)
        ocr = Reading(scanned.regions, scanned.lines)
        if in_doubt:
            trust = trust_confirmed_by_ocr(layer, trust, content.spans, ocr)
        composed = compose_page(page.number, layer, trust, ocr, pictures)
        if composed.source == "ocr":
            page.issues.append(Issue(GARBLED, doubt, page.number))
            return _from_ocr(page, scanned)
        page.source = composed.source
        page.issues.extend(composed.issues)
        return _result(page, composed.reading)


def _assess(content: PageContent, text: str, spot_check_score: float | None = None) -> TextLayerVerdict:
    return assess_text_layer(text, page_has_images=content.image_coverage > 0, image_coverage=_coverage_under_text(content),
                             spot_check_score=spot_check_score, unicode_map_errors=content.has_unicode_errors)


def _coverage_under_text(content: PageContent) -> float:
    """The page's image coverage, counting only images some of the layer's text lies on once there is text.

    Text over a scan is its OCR layer and must be spot-checked; typed text
    beside a page-sized picture (a pasted table under its typed title) is not
    and is judged as typed text, the picture being read on its own.
    """
    if not content.spans:
        return content.image_coverage
    carrying = [b for b in content.image_boxes if any(b.contains_point(s.bbox.cx, s.bbox.cy) for s in content.spans)]
    return min(content.image_coverage, sum(b.width * b.height for b in carrying) / max(content.width * content.height, 1.0))


def _read_pages(opened: OpenedPdf, options: ExtractOptions, progress: Progress | None) -> list[_PageResult]:
    reader = _PageReader(opened, options)
    results: list[_PageResult] = []
    for index in range(opened.page_count):
        try:
            results.append(reader.read(index))
        except Exception as exc:  # one unreadable page must not lose the rest of the document
            page = Page(number=index + 1, width=0.0, height=0.0)
            page.issues.append(Issue("page-failed", f"page could not be read: {type(exc).__name__}: {exc}", index + 1))
            results.append(_PageResult(page))
        if progress is not None:
            progress(index + 1, opened.page_count)
    return results


def _classify_and_normalise(
    raw_tables: list[RawTable], doc_kind: str | None, doc_unit: str | None, issues: list[Issue]
) -> list[ExtractedTable]:
    tables: list[ExtractedTable] = []
    verdicts, placed = settle_by_sequence([classify(raw, doc_kind) for raw in raw_tables], [raw.pages[0] for raw in raw_tables])
    issues.extend(placed)
    for i, (raw, verdict) in enumerate(zip(raw_tables, verdicts), start=1):
        label, confidence = verdict.label, verdict.confidence
        if verdict.low_confidence:
            issues.append(Issue(
                "unclassified-table",
                f"table t{i} ({raw.context.title or 'untitled'}) matches no known type with confidence; "
                f"best guess {verdict.best_guess} ({verdict.best_confidence:.2f})",
                raw.pages[0],
            ))
        unit = raw.context.unit or doc_unit
        normalised = normalise_table(raw, label, unit)
        issues.extend(raw.issues)
        issues.extend(normalised.issues)
        tables.append(ExtractedTable(id=f"t{i}", raw=raw, type=label, type_confidence=confidence, unit=unit, normalised=normalised))
    cross = cross_table_checks([(t.type, t.normalised) for t in tables])
    for index, checks in cross.items():
        tables[index].normalised.checks.extend(checks)
    return tables


def extract_file(
    path: Path,
    options: ExtractOptions = ExtractOptions(),
    *,
    progress: Progress | None = None,
    display_name: str | None = None,
) -> dict[str, Any]:
    """Extract one PDF into a validated ``budget-tables/1`` document."""
    opened = open_pdf(Path(path), max_bytes=options.max_bytes, max_pages=options.max_pages)
    try:
        page_results = _read_pages(opened, options, progress)
    finally:
        opened.document.close()
    pages = [r.page for r in page_results]
    issues = [i for p in pages for i in p.issues]
    raw_tables = join_regions([region for r in page_results for region in r.regions])
    front_text = "\n".join(line for r in page_results[:3] for line in r.lines)
    doc_kind = infer_document_kind(front_text, [t.context.title or "" for t in raw_tables])
    doc_unit = document_unit([t.context.unit for t in raw_tables])
    tables = _classify_and_normalise(raw_tables, doc_kind, doc_unit, issues)
    cover_lines = page_results[0].lines if page_results else []
    meta = DocumentMeta(
        organization=document_organization(raw_tables, cover_lines),
        year=document_year(raw_tables, "\n".join(cover_lines)),
        kind=doc_kind,  # type: ignore[arg-type]
        unit=doc_unit,
    )
    result = ExtractionResult(
        file=display_name or Path(path).name, sha256=opened.sha256, document=meta, pages=pages, tables=tables, issues=issues
    )
    document = result_json(result)
    validate_contract(document)
    return document
