"""Pages read partly from their text layer and partly by OCR: the composition rules, and generated mixed pages end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor.evaluation import score_document
from extractor.ingest.compose import IMAGE_TABLE, IMAGE_TEXT_SKIPPED, LayerTrust, Reading, Trust, compose_page
from extractor.ingest.part_trust import trust_before_ocr, trust_confirmed_by_ocr
from extractor.ingest.triage import GARBLED
from extractor.layout.text import TextLine
from extractor.model import BBox, Cell, TableRegion, TextSpan
from extractor.pipeline import extract_file
from samples.degrade.regions import garble_tables, paste_table_images
from pdf_factory import pages_of

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "samples" / "fixtures" / "0003-shanghai-juesuan-digital-103.pdf"
PAGES = (12, 13)  # the 三公 table and the 政府性基金 table: small tables, so OCR stays quick

KEPT, GARBLED_TEXT = Trust(True), Trust(False, "only 40% of the Chinese characters are common ones")
TITLE = "财政拨款“三公”经费支出决算表"


def _region(box: BBox, texts: list[str]) -> TableRegion:
    width = box.width / len(texts)
    cells = [Cell(0, i, 1, 1, BBox(box.x0 + i * width, box.y0, box.x0 + (i + 1) * width, box.y1), t)
             for i, t in enumerate(texts)]
    return TableRegion(page=1, bbox=box, n_rows=1, n_cols=len(texts), cells=cells)


def _line(text: str, box: BBox) -> TextLine:
    return TextLine(text, box, ())


UPPER, LOWER = BBox(50, 100, 500, 200), BBox(50, 400, 500, 500)
LAYER = Reading([_region(UPPER, ["项目", "12.50"]), _region(LOWER, ["合计", "3.00"])],
                [_line(TITLE, BBox(100, 60, 400, 80)), _line("单位：万元", BBox(400, 380, 500, 395))])
OCR = Reading([_region(BBox(51, 101, 499, 201), ["项目", "12.5O"]), _region(BBox(49, 399, 501, 499), ["合计", "3.00"])],
              [_line("财政拨款三公经费支出决算表", BBox(100, 60, 400, 80)), _line("单位：万元", BBox(400, 380, 500, 395))])


def test_a_trusted_layer_is_the_page() -> None:
    composed = compose_page(1, LAYER, LayerTrust((KEPT, KEPT), KEPT), OCR, [])
    assert composed.source == "text-layer" and composed.issues == []
    assert [r.grid() for r in composed.reading.regions] == [r.grid() for r in LAYER.regions]
    assert composed.reading.regions[0].context.title == TITLE
    assert composed.reading.regions[1].context.unit == "万元"


def test_a_garbled_region_is_replaced_by_the_ocr_table_in_its_place() -> None:
    composed = compose_page(1, LAYER, LayerTrust((KEPT, GARBLED_TEXT), KEPT), OCR, [])
    assert composed.source == "mixed"
    assert [r.grid() for r in composed.reading.regions] == [[["项目", "12.50"]], [["合计", "3.00"]]]
    assert composed.reading.regions[1] is not LAYER.regions[1]
    assert composed.reading.regions[1].bbox == OCR.regions[1].bbox
    assert composed.reading.regions[1].context.unit == "万元"  # from the kept lines around it
    [issue] = composed.issues
    assert issue.code == GARBLED and "(50, 400)" in issue.message and "read by OCR" in issue.message
    assert [ln.text for ln in composed.reading.lines] == [TITLE, "单位：万元"]


def test_a_garbled_region_ocr_did_not_find_is_listed_empty() -> None:
    ocr = Reading(OCR.regions[:1], OCR.lines)
    composed = compose_page(1, LAYER, LayerTrust((KEPT, GARBLED_TEXT), KEPT), ocr, [])
    assert composed.reading.regions[1].grid() == [["", ""]]
    assert composed.reading.regions[1].cells[0].confidence == 0.0
    assert "cells are left empty" in composed.issues[0].message


def test_garbled_lines_are_replaced_and_titles_come_from_the_ocr_lines() -> None:
    composed = compose_page(1, LAYER, LayerTrust((KEPT, KEPT), GARBLED_TEXT), OCR, [])
    assert composed.source == "mixed"
    assert [ln.text for ln in composed.reading.lines] == ["财政拨款三公经费支出决算表", "单位：万元"]
    assert composed.reading.regions[0].grid() == [["项目", "12.50"]]  # the kept table keeps the layer's exact text
    assert composed.reading.regions[0].context.title == "财政拨款三公经费支出决算表"


def test_nothing_kept_means_the_ocr_reading() -> None:
    composed = compose_page(1, LAYER, LayerTrust((GARBLED_TEXT, GARBLED_TEXT), GARBLED_TEXT), OCR, [])
    assert composed.source == "ocr" and composed.reading is OCR and composed.issues == []


def test_a_table_in_a_picture_is_added_with_its_lines_and_a_chart_is_reported() -> None:
    picture, chart = BBox(40, 550, 520, 750), BBox(40, 780, 520, 830)
    layer = Reading(LAYER.regions[:1], LAYER.lines)
    ocr = Reading([OCR.regions[0], _region(BBox(50, 600, 500, 740), ["公务接待费", "4.31"])],
                  [_line("注：本表为扫描件", BBox(50, 560, 300, 575)), _line("一般公共预算收入100%", BBox(60, 790, 300, 800))])
    composed = compose_page(1, layer, LayerTrust((KEPT,), KEPT), ocr, [picture, chart])
    assert composed.source == "mixed"
    assert [r.grid() for r in composed.reading.regions] == [[["项目", "12.50"]], [["公务接待费", "4.31"]]]
    assert [ln.text for ln in composed.reading.lines] == [TITLE, "单位：万元", "注：本表为扫描件"]
    assert [i.code for i in composed.issues] == [IMAGE_TABLE, IMAGE_TEXT_SKIPPED]


def _spans(text: str, box: BBox) -> list[TextSpan]:
    step = box.width / len(text)
    return [TextSpan(ch, BBox(box.x0 + i * step, box.y0, box.x0 + (i + 1) * step, box.y1)) for i, ch in enumerate(text)]


def test_part_trust_judges_each_region_and_checks_kept_parts_against_ocr() -> None:
    garbled = "".join(chr(0xE000 + i) for i in range(20))
    layer = Reading([_region(UPPER, ["一般公共预算财政拨款支出", "12.50"]), _region(LOWER, [garbled, "3.00"])],
                    [_line("单位：万元", BBox(400, 380, 500, 395))])
    by_stats = trust_before_ocr(layer)
    assert [t.kept for t in by_stats.regions] == [True, False] and by_stats.lines.kept
    assert "private-use" in by_stats.regions[1].why
    spans = _spans("一般公共预算财政拨款支出", layer.regions[0].cells[0].bbox) + _spans("12.50", layer.regions[0].cells[1].bbox)
    spans += _spans("单位：万元", BBox(400, 380, 500, 395))
    agreeing = Reading([_region(UPPER, ["一般公共预算财政拨款支出", "12.50"])], [_line("单位：万元", BBox(400, 380, 500, 395))])
    confirmed = trust_confirmed_by_ocr(layer, by_stats, spans, agreeing)
    assert [t.kept for t in confirmed.regions] == [True, False] and confirmed.lines.kept
    disagreeing = Reading([_region(UPPER, ["一般公共预算财政拨款支出", "72.80"])], [])
    confirmed = trust_confirmed_by_ocr(layer, by_stats, spans, disagreeing)
    assert not confirmed.regions[0].kept and "disagrees with OCR" in confirmed.regions[0].why
    # Five characters are too few for the statistics to vouch for, and OCR read nothing there.
    assert not confirmed.lines.kept

    unmapped = trust_before_ocr(layer, [BBox(410, 385, 415, 390)])
    assert not unmapped.lines.kept and "ToUnicode" in unmapped.lines.why
    assert unmapped.regions[0].kept


# --- end to end on generated mixed pages ------------------------------------------------------------------


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pages_of(FIXTURE, PAGES, tmp_path_factory.mktemp("mixed") / "two.pdf")


@pytest.fixture(scope="module")
def truth(source: Path) -> dict:
    """The fixture's truth cut down to the two pages, renumbered."""
    full = json.loads(FIXTURE.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))
    renumber = {old: new for new, old in enumerate(PAGES, start=1)}
    tables = [dict(t, pages=[renumber[p] for p in t["pages"]]) for t in full["tables"] if set(t["pages"]) <= set(PAGES)]
    pages = [dict(p, number=renumber[p["number"]]) for p in full["pages"] if p["number"] in renumber]
    return dict(full, file=source.name, pages=pages, tables=tables)


def _layer_characters(path: Path) -> list[set[str]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [set(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def _printed(output: dict, number: int) -> str:
    tables = [t for t in output["tables"] if number in t["pages"]]
    return "".join(cell for t in tables for row in t["grid"] for cell in row) + "".join(t["title"] or "" for t in tables)


def _assert_matches_truth(output: dict, truth: dict) -> None:
    metrics = score_document(output, truth).metrics()
    assert metrics["table_recall"] == 1.0
    assert metrics["type_accuracy"] == 1.0
    assert metrics["value_f1"] == 1.0


@pytest.mark.parametrize("kind", ["shifted", "unmapped"])
def test_a_garbled_table_under_a_good_title_is_read_by_ocr(source: Path, truth: dict, tmp_path: Path, kind: str) -> None:
    """Plausible wrong Chinese (caught by the statistics), and glyphs with no map at all (caught by PDFium)."""
    damaged = tmp_path / "garbled.pdf"
    garbled_pages = garble_tables(source, damaged, seed=3, kinds=(kind,))
    output = extract_file(damaged)
    sources = {p["number"]: p["source"] for p in output["pages"]}
    assert garbled_pages and all(sources[n] == "mixed" for n in garbled_pages)
    assert all(sources[n] == "text-layer" for n in sources if n not in garbled_pages)
    warned = {w["page"] for w in output["warnings"] if w["code"] == GARBLED and "that table was read by OCR" in w["message"]}
    assert warned == set(garbled_pages)
    _assert_matches_truth(output, truth)
    clean, broken = _layer_characters(source), _layer_characters(damaged)
    for number in garbled_pages:
        # Wrong digits and ASCII OCR may print too are the value check's business; the rest must not appear at all.
        wrong = {ch for ch in broken[number - 1] - clean[number - 1] if not (ch.isascii() and ch.isprintable())}
        assert wrong and not wrong & set(_printed(output, number))
    titles = {t["pages"][0]: t["title"] for t in output["tables"]}
    assert titles[1] == TITLE  # the title is the layer's exact text


def test_a_table_pasted_as_a_picture_is_read_by_ocr_under_its_typed_title(source: Path, truth: dict, tmp_path: Path) -> None:
    damaged = tmp_path / "pasted.pdf"
    pasted = paste_table_images(source, damaged, seed=2)
    output = extract_file(damaged)
    sources = {p["number"]: p["source"] for p in output["pages"]}
    assert pasted and all(sources[n] == "mixed" for n in pasted)
    assert {w["page"] for w in output["warnings"] if w["code"] == IMAGE_TABLE} == set(pasted)
    _assert_matches_truth(output, truth)
    titles = {t["pages"][0]: t["title"] for t in output["tables"]}
    assert titles[1] == TITLE


@pytest.mark.parametrize("pdf", sorted((ROOT / "samples" / "fixtures").glob("*-digital-*.pdf")), ids=lambda p: p.stem)
def test_typed_pages_without_pictures_are_not_ocrd(monkeypatch: pytest.MonkeyPatch, pdf: Path) -> None:
    """Judging each region costs no OCR: born-digital documents keep their speed."""
    import extractor.scan_reader

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR ran on a born-digital page")

    monkeypatch.setattr(extractor.scan_reader, "read_page_by_ocr", refuse)
    output = extract_file(pdf)
    assert {p["source"] for p in output["pages"]} == {"text-layer"}
    assert not [w for w in output["warnings"] if w["code"] == "page-failed"]


def test_a_picture_over_half_the_page_beside_typed_text_is_not_taken_for_a_scan(tmp_path: Path) -> None:
    """Typed text beside a big picture is no OCR layer: no spot-check, no garbled warning, the picture read by OCR."""
    source = pages_of(FIXTURE, (7,), tmp_path / "big.pdf")  # a landscape 公开03 page: the table covers two thirds of it
    assert paste_table_images(source, tmp_path / "pasted.pdf", seed=1, max_share=1.0) == [1]
    output = extract_file(tmp_path / "pasted.pdf")
    assert [p["source"] for p in output["pages"]] == ["mixed"]
    codes = {w["code"] for w in output["warnings"]}
    assert IMAGE_TABLE in codes and GARBLED not in codes
    [table] = output["tables"]
    assert table["type"] == "公开03" and table["title"] == "支出决算表"


def test_a_table_ocr_found_in_garbled_lines_is_kept() -> None:
    """The layer's finder saw garbled lines where OCR saw an unruled table: with the lines replaced, the table stays."""
    unruled = _region(BBox(50, 250, 500, 330), ["人员经费", "88.00"])
    ocr = Reading([*OCR.regions, unruled], OCR.lines)
    composed = compose_page(1, LAYER, LayerTrust((KEPT, KEPT), GARBLED_TEXT), ocr, [])
    assert [r.grid() for r in composed.reading.regions] == [[["项目", "12.50"]], [["人员经费", "88.00"]], [["合计", "3.00"]]]


@pytest.mark.parametrize("damage", ["garbled", "pasted"])
def test_a_real_report_page_damaged_in_its_table_reads_like_the_original(realdocs: Path, tmp_path: Path, damage: str) -> None:
    """A page of a real report (ONLYOFFICE: clipped text, one font for title and table) with only its table damaged."""
    source = pages_of(realdocs / "shanghai-putuo-caizhengju-2024-juesuan.pdf", (12,), tmp_path / "putuo-12.pdf")  # 财政拨款收入支出决算总表
    damaged = tmp_path / f"{damage}.pdf"
    if damage == "garbled":
        assert garble_tables(source, damaged, seed=3) == [1]
    else:
        assert paste_table_images(source, damaged, seed=3, max_share=1.0) == [1]
    original, output = extract_file(source), extract_file(damaged)
    assert [p["source"] for p in output["pages"]] == ["mixed"]
    assert [(t["type"], t["title"], t["records"]) for t in output["tables"]] == [
        (t["type"], t["title"], t["records"]) for t in original["tables"]]
