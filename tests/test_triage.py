"""The per-page verdict on a text layer: every real page trusted, every garbled page caught."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from extractor.ingest.text_layer import read_page
from extractor.model import BBox, TextSpan
from extractor.ingest.triage import (
    GARBLED,
    IMAGE_ONLY,
    NO_TEXT,
    SPOT_CHECK_MIN,
    UNVERIFIED_OCR,
    TextLayerVerdict,
    assess_text_layer,
    pooled_spot_check,
    spot_check,
    spot_check_boxes,
    text_stats,
)
from samples.degrade.garble import FONT_KINDS, garble_pdf

REAL_PDFS = (
    "jiangsu-renda-2018-yusuan.pdf",
    "shanghai-juesuan-template-blank.pdf",
    "shanghai-putuo-caizhengju-2024-juesuan.pdf",
    "shanghai-putuo-qufuban-2025-yusuan.pdf",
)
REAL_SENTENCE = "一般公共预算财政拨款支出决算表：本年支出合计2940.05万元，其中基本支出2336.91万元，项目支出603.14万元。"


def _verdict(page: pdfium.PdfPage) -> tuple[TextLayerVerdict, str]:
    """Judge a page exactly as the pipeline does: the text-layer reader's characters, its image coverage."""
    content = read_page(page)
    text = "".join(s.text for s in content.spans)
    verdict = assess_text_layer(text, page_has_images=content.image_coverage > 0, image_coverage=content.image_coverage)
    return verdict, text


@pytest.fixture(scope="module")
def source(realdocs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Prose, a table of contents, tables and a title page from two reports."""
    path = tmp_path_factory.mktemp("triage") / "mixed.pdf"
    with pikepdf.new() as out:
        for name, numbers in (("jiangsu-renda-2018-yusuan.pdf", (1, 4, 11)), ("shanghai-putuo-qufuban-2025-yusuan.pdf", (8, 20))):
            with pikepdf.open(realdocs / name) as pdf:
                for number in numbers:
                    out.pages.append(pdf.pages[number - 1])
        out.save(path)
    return path


@pytest.mark.parametrize("name", REAL_PDFS)
def test_no_real_page_is_flagged(realdocs: Path, name: str) -> None:
    doc = pdfium.PdfDocument(str(realdocs / name))
    try:
        for index in range(len(doc)):
            verdict, text = _verdict(doc[index])
            if text.strip():
                assert verdict.trusted, f"{name} page {index + 1}: {verdict.reason} ({verdict.detail})"
            else:
                assert verdict.reason == NO_TEXT  # a page with only ruling lines: nothing to trust, nothing wrong
    finally:
        doc.close()


def test_seed_report_texts_are_trusted(seeds: Path) -> None:
    """The three Shanxi reports (other fonts, other wording, a watermark mixed in), a page's worth of lines at a time."""
    for path in sorted(seeds.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for start in range(0, len(lines), 40):
            chunk = "\n".join(lines[start : start + 40])
            verdict = assess_text_layer(chunk, page_has_images=False, image_coverage=0.0)
            assert verdict.trusted, f"{path.name} lines {start + 1}-: {verdict.detail}"


@pytest.mark.parametrize("kind", FONT_KINDS)
def test_every_page_with_a_broken_tounicode_map_is_caught(source: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    garbled = garble_pdf(source, out, seed=9, kinds=(kind,))
    doc = pdfium.PdfDocument(str(out))
    try:
        for index in range(len(doc)):
            verdict, _ = _verdict(doc[index])
            if index + 1 in garbled:
                assert verdict.reason == GARBLED, f"{kind} page {index + 1} missed: {verdict.stats}"
            else:
                assert verdict.trusted
    finally:
        doc.close()
    assert garbled


def _lines(path: Path, index: int) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [line for line in doc[index].get_textpage().get_text_range().splitlines() if line.strip()]
    finally:
        doc.close()


def test_a_wrong_invisible_ocr_layer_is_caught_by_the_spot_check(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "bad-ocr.pdf"
    garbled = garble_pdf(source, out, seed=9, kinds=("bad-ocr",))
    doc = pdfium.PdfDocument(str(out))
    try:
        for number in garbled:
            verdict, text = _verdict(doc[number - 1])
            assert verdict.reason == UNVERIFIED_OCR and verdict.needs_spot_check and not verdict.trusted
            # What the image really shows is the source's text, line for line: a faithful OCR reading.
            layer, printed = _lines(out, number - 1), _lines(source, number - 1)
            assert len(layer) == len(printed)
            score = pooled_spot_check(zip(layer, printed))
            assert score < SPOT_CHECK_MIN
            checked = assess_text_layer(text, page_has_images=True, image_coverage=1.0, spot_check_score=score)
            assert checked.reason == GARBLED and not checked.trusted
    finally:
        doc.close()


@pytest.mark.slow
def test_spot_check_with_rapidocr_tells_the_wrong_layer_from_the_right_one(source: Path, tmp_path: Path) -> None:
    from rapidocr import RapidOCR

    out = tmp_path / "bad-ocr.pdf"
    number = garble_pdf(source, out, seed=9, kinds=("bad-ocr",))[0]
    engine = RapidOCR()
    scale = 150 / 72
    image = pdfium.PdfDocument(str(source))[number - 1].render(scale=scale).to_pil().convert("RGB")

    def agreement(path: Path) -> float:
        """OCR each line of the page image and compare it with the layer's characters in that line's box."""
        spans = read_page(pdfium.PdfDocument(str(path))[number - 1]).spans
        lines: list[list[TextSpan]] = []
        for span in spans:
            if lines and abs(lines[-1][-1].bbox.cy - span.bbox.cy) < 3 and span.bbox.x0 - lines[-1][-1].bbox.x1 < span.bbox.height:
                lines[-1].append(span)
            else:
                lines.append([span])
        boxes = []
        for line in [ln for ln in lines if len(ln) >= 3][:12]:
            box = line[0].bbox
            for s in line[1:]:
                box = box.union(s.bbox)
            crop = image.crop((int(box.x0 * scale) - 4, int(box.y0 * scale) - 4, int(box.x1 * scale) + 4, int(box.y1 * scale) + 4))
            result = engine(np.asarray(crop), use_det=False, use_cls=False)
            boxes.append((box, "".join(result.txts or ())))
        return spot_check_boxes(spans, boxes)

    assert agreement(source) >= SPOT_CHECK_MIN
    assert agreement(out) < SPOT_CHECK_MIN


def _shift(text: str, by: int = 1) -> str:
    return "".join(chr(ord(ch) + by) if "\u4e00" <= ch <= "\u9fff" else ch for ch in text)


@pytest.mark.parametrize(
    "text",
    [
        "(cid:12)(cid:345)(cid:78) (cid:9)(cid:10)2024(cid:11)",
        REAL_SENTENCE.encode("gbk").decode("latin-1"),
        REAL_SENTENCE.encode("gbk").decode("cp1252", errors="replace"),
        REAL_SENTENCE.encode("gbk").decode("big5", errors="replace"),
        REAL_SENTENCE.encode("gbk").decode("shift_jis", errors="replace"),
        REAL_SENTENCE.encode("gbk").decode("euc_kr", errors="replace"),
        "".join(chr(0xE000 + ord(ch) % 0x1900) if ord(ch) > 0x7F else ch for ch in REAL_SENTENCE),
        "\x10\x11\r\n\x12\x13\x0c\x14 \x01\x04\x05\x06\x07\x08\t\x15\x16 2024",
        _shift(REAL_SENTENCE),
        _shift(REAL_SENTENCE, -2),
    ],
    ids=["cid", "mojibake-latin1", "mojibake-cp1252", "mojibake-big5", "mojibake-sjis", "mojibake-euckr", "private-use", "control", "shifted+1", "shifted-2"],
)
def test_garbled_text_is_flagged(text: str) -> None:
    verdict = assess_text_layer(text, page_has_images=False, image_coverage=0.0)
    assert verdict.reason == GARBLED and not verdict.trusted and verdict.detail


def test_clean_text_is_trusted_and_short_text_is_not_judged_by_its_words() -> None:
    assert assess_text_layer(REAL_SENTENCE, page_has_images=False, image_coverage=0.0).trusted
    assert assess_text_layer("×÷ 12.5% · “三公”经费", page_has_images=False, image_coverage=0.0).trusted
    assert assess_text_layer("2024年 第3页", page_has_images=False, image_coverage=0.0).trusted
    assert assess_text_layer("\uf0b7 主要职能 \uf0b7 机构设置", page_has_images=False, image_coverage=0.0).trusted


def test_pages_without_text() -> None:
    assert assess_text_layer("", page_has_images=True, image_coverage=0.98).reason == IMAGE_ONLY
    assert assess_text_layer(" \r\n", page_has_images=False, image_coverage=0.0).reason == NO_TEXT
    assert assess_text_layer("", page_has_images=True, image_coverage=0.1).reason == NO_TEXT


def test_text_over_a_page_image_is_trusted_only_after_a_good_spot_check() -> None:
    first = assess_text_layer(REAL_SENTENCE, page_has_images=True, image_coverage=1.0)
    assert not first.trusted and first.needs_spot_check and first.reason == UNVERIFIED_OCR
    assert assess_text_layer(REAL_SENTENCE, page_has_images=True, image_coverage=1.0, spot_check_score=0.99).trusted
    low = assess_text_layer(REAL_SENTENCE, page_has_images=True, image_coverage=1.0, spot_check_score=0.7)
    assert low.reason == GARBLED
    # A small logo does not make the page a scan.
    assert assess_text_layer(REAL_SENTENCE, page_has_images=True, image_coverage=0.05).trusted


def test_spot_check_ignores_widths_spaces_and_separators_but_not_digits() -> None:
    assert spot_check("合计 2,940.05", "合计2940.05") == 1.0
    assert spot_check("（增加）", "(增加)") == 1.0
    assert spot_check("2940.05", "2946.05") == pytest.approx(1 - 1 / 6)  # one digit in six
    assert spot_check("", "") == 1.0 and spot_check("支出", "") == 0.0
    assert pooled_spot_check([("合计", "合计"), ("2940.05", "2946.05")]) == pytest.approx(1 - 1 / 6)
    # A title right in its words and wrong in its year: the digits are judged on their own.
    title = ("6093年政府性基金预算收入表（不含上年结转）", "2024年政府性基金预算收入表（不含上年结转）")
    assert pooled_spot_check([title]) == pytest.approx(1 - 3 / 4)


def test_stats_count_cid_markers_as_characters() -> None:
    stats = text_stats("(cid:1)(cid:2)支出")
    assert stats.chars == 4 and stats.bad_ratio == 0.5 and stats.cjk == 2


def test_spot_check_boxes_pairs_each_ocr_box_with_the_layer_characters_inside_it() -> None:
    def spans(text: str, x: float, y: float) -> list[TextSpan]:
        return [TextSpan(ch, BBox(x + 10 * i, y, x + 10 * i + 9, y + 10)) for i, ch in enumerate(text)]

    layer = spans("合计", 0, 0) + spans("2940.05", 100, 0) + spans("支出", 0, 50)
    right = [(BBox(-1, -1, 25, 11), "合计"), (BBox(95, -1, 175, 11), "2940.05"), (BBox(-1, 49, 25, 61), "支出")]
    assert spot_check_boxes(layer, right) == 1.0
    misread = [(BBox(95, -1, 175, 11), "2946.05"), (BBox(-1, 49, 25, 61), "支山")]
    assert spot_check_boxes(layer, misread) == pytest.approx(1 - 2 / 9)


def test_unicode_map_errors_condemn_a_short_numeric_layer() -> None:
    # A continuation page of amounts whose few labels came out as mojibake: too little text for the statistics.
    text = "22102)*YZÄ201.45201.452210201)*á[ì161.72161.72"
    assert assess_text_layer(text, page_has_images=False, image_coverage=0.0).trusted
    verdict = assess_text_layer(text, page_has_images=False, image_coverage=0.0, unicode_map_errors=True)
    assert not verdict.trusted and verdict.reason == "garbled-text-layer"


def test_a_faithful_invisible_layer_is_used_with_the_rulings_of_its_image(tmp_path: Path) -> None:
    """A scan carrying a good OCR layer: the layer's text is kept, and its tables, whose rulings
    are only in the image, are found (they were lost: the layer has no vector lines)."""
    import io

    import pikepdf

    from extractor.pipeline import ExtractOptions, extract_file
    from samples.degrade.garble import ocr_layered_page

    fixture = Path(__file__).resolve().parents[1] / "samples" / "fixtures" / "0003-shanghai-juesuan-digital-103.pdf"
    digital = extract_file(fixture, ExtractOptions(ocr="never"))
    sangong = next(t for t in digital["tables"] if t["type"] == "公开07")
    number = sangong["pages"][0]
    doc = pdfium.PdfDocument(str(fixture))
    try:
        page_pdf = ocr_layered_page(doc[number - 1])
    finally:
        doc.close()
    out = tmp_path / "scan-with-layer.pdf"
    with pikepdf.open(io.BytesIO(page_pdf)) as single:
        single.save(out)
    scanned = extract_file(out)
    assert scanned["pages"][0]["source"] == "text-layer"
    [table] = [t for t in scanned["tables"] if t["type"] == "公开07"]
    assert table["records"] == sangong["records"]


def test_a_few_look_alike_characters_from_a_shifted_map_are_caught() -> None:
    """Seed 9946's page 3 kept 96.6% common characters and 27% domain pairs: only its rare ones gave it away."""
    page = ("第一部分 概况 一、主要职责（一）负责政务信息化廷访的统筼推进和指寺监督工作。（二）负责统筹指导、协调、监督、"
            "推进政务服务及政务改革和管理工作。（三）负责统筼推进政务服务平台“互联网+监管”体系建设。二、朹构设置情况 "
            "上海市徐汇区行政审批服务管理局内设5个科室，核定编制34名。纳入本年度预算编制范囶的单位共1家，即上海市徐汇区"
            "行政审批服务管琈局本级。")
    verdict = assess_text_layer(page, page_has_images=False, image_coverage=0.0)
    assert verdict.reason == GARBLED and "rare" in verdict.detail
    over_image = assess_text_layer(page, page_has_images=True, image_coverage=1.0, spot_check_score=0.97)
    assert over_image.reason == GARBLED and not over_image.trusted  # 7 swapped in 148 pass the spot-check alone
    one_name = page.replace("筼", "筹").replace("朹", "机").replace("囶", "围").replace("琈", "理") + "岚县岚县岚县"
    assert assess_text_layer(one_name, page_has_images=False, image_coverage=0.0).trusted  # one rare name, repeated
