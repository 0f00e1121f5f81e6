"""OCR of scanned tables: every amount read exactly from cell crops, the second reader, pinned models."""

from __future__ import annotations

import re
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.imaging.lines import detect_ruling_segments
from extractor.imaging.prepare import prepare_page_image
from extractor.layout.page import layout_page
from extractor.model import BBox
from extractor.ocr.engine import CellReading, squeeze_spaces
from extractor.ocr.numeric import (
    combine,
    doubt_lost_points,
    doubt_points_for_commas,
    needs_second_reading,
    read_numeric_cells,
    with_sharper_reading,
)
from extractor.ocr.rapid import PINNED_MODELS, bundled_model_dir, verified_model
from extractor.ocr.table import read_table_cells, read_text_lines, reread_doubtful_amounts
from extractor.ocr.tesseract import TesseractEngine
from scanned_pages import JUESUAN, SANGONG_PNG, cell_reader, digital_page, orientation, rapid, scan_like, tesseract_digits

_AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?$")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


def test_models_are_the_pinned_files_shipped_in_the_wheel() -> None:
    for section, (name, _digest) in PINNED_MODELS.items():
        path = verified_model(section)
        assert path.parent == bundled_model_dir() and path.name == name
    assert rapid().read_cells(np.full((40, 40, 3), 255, np.uint8), [BBox(0, 0, 40, 40)]) == [CellReading("", 1.0)]


@pytest.mark.parametrize(
    ("number", "dpi", "turn", "fade", "blur"),
    [(8, 200, 0, 1.0, 0.7), (18, 150, 90, 1.0, 0.7), (8, 200, 0, 0.45, 1.2)],
    ids=["income-table", "sangong-sideways", "income-table-faded-photocopy"],
)
def test_every_amount_of_a_degraded_scan_is_read_exactly(
    realdocs: Path, number: int, dpi: int, turn: int, fade: float, blur: float
) -> None:
    """Truth: the born-digital page's own cells and text layer; the scan's cells are read by OCR."""
    content = digital_page(realdocs / JUESUAN, number)
    regions, _ = layout_page(number, content.spans, content.segments)
    scan = scan_like(realdocs / JUESUAN, number, dpi, skew=0.8, turn=turn, seed=number, fade=fade, blur=blur)
    prepared = prepare_page_image(scan, dpi / 72, orientation())
    assert prepared.rotation == turn
    amounts = 0
    for region in regions:
        read = read_table_cells(prepared, region, cell_reader(), tesseract_digits())
        for truth, cell in zip(region.cells, read.cells):
            expected = truth.text.replace(" ", "")
            if _AMOUNT.match(expected):
                amounts += 1
                assert cell.text == expected, (truth.row, truth.col)
    assert amounts >= 2


def test_image_page_without_text_layer_reads_table_and_header(realdocs: Path) -> None:
    image = cv2.imread(str(realdocs / SANGONG_PNG))[:, :, ::-1]
    prepared = prepare_page_image(image, image.shape[1] / 842, orientation())
    regions, _ = layout_page(1, [], detect_ruling_segments(prepared))
    assert len(regions) == 1 and (regions[0].n_rows, regions[0].n_cols) == (4, 7)
    table = read_table_cells(prepared, regions[0], cell_reader(), tesseract_digits())
    grid = table.grid()
    assert grid[-1] == ["8.53", "", "1.53", "7", "", "7", "386.02"]
    assert grid[2][3:6] == ["小计", "购置费", "运行费"]
    lines = [s.text for s in read_text_lines(prepared, rapid(), [regions[0].bbox])]
    assert "单位:万元" in lines or "单位：万元" in lines
    assert any(text.startswith("编制单位") for text in lines)
    assert any("石泉路街道办事处" in text for text in lines)


def _printed(text: str, size: int = 28) -> np.ndarray:
    font = ImageFont.truetype(str(UMING), size)
    img = Image.new("L", (size * len(text), size * 2), 255)
    ImageDraw.Draw(img).text((size // 2, size // 3), text, font=font, fill=0)
    return np.asarray(img)


def test_tesseract_digits_reader_reads_a_printed_amount() -> None:
    image = _printed("1,511.90")
    reading = tesseract_digits().read_cells(image, [BBox(0, 0, image.shape[1], image.shape[0])])[0]
    assert reading.text == "1,511.90"
    assert reading.confidence > 0.5


def test_unsure_amounts_get_a_second_reading_and_text_does_not() -> None:
    assert needs_second_reading(CellReading("1,5l1.90", 0.99))  # does not parse
    assert needs_second_reading(CellReading("1,511.90", 0.6))  # unconfident
    assert not needs_second_reading(CellReading("1,511.90", 0.99))
    assert not needs_second_reading(CellReading("行政运行", 0.3))  # not an amount at all
    assert needs_second_reading(CellReading("O", 0.53))  # a blurred lone 0
    # Indicator targets: the digits-only reader would drop the sign and the unit.
    assert not needs_second_reading(CellReading("≥95%", 1.0))
    assert not needs_second_reading(CellReading("≤87.67万元", 0.9))


def test_combine_puts_the_parsing_reading_first_and_keeps_the_other() -> None:
    merged = combine(CellReading("1,51.90", 0.9), CellReading("1,511.90", 0.8))
    assert merged.text == "1,511.90" and merged.alternatives == ("1,51.90",)
    assert merged.confidence <= 0.5  # the two disagree
    repaired = combine(CellReading("1,5l1.90", 0.7), CellReading("1,511.90", 0.8))
    assert repaired.text == "1,511.90" and repaired.confidence == 0.8  # same amount once l is read as 1
    agreed = combine(CellReading("16.19", 0.85), CellReading("16.19", 0.9))
    assert agreed == CellReading("16.19", 0.9, ())
    rival = combine(CellReading("16.19", 0.85), CellReading("18.19", 0.9))
    assert rival.text == "18.19" and rival.alternatives == ("16.19",) and rival.confidence <= 0.5


def test_second_reader_only_reads_the_unsure_cells() -> None:
    image = np.hstack([_printed("2,946.25"), _printed("6.20")])
    width = _printed("2,946.25").shape[1]
    boxes = [BBox(0, 0, width, image.shape[0]), BBox(width, 0, image.shape[1], image.shape[0])]
    readings = [CellReading("2,946.25", 0.99), CellReading("6.2O", 0.7)]
    out = read_numeric_cells(image, boxes, readings, tesseract_digits())
    assert out[0] == readings[0]
    assert out[1].text == "6.20" and "6.2O" in out[1].alternatives


def test_scanned_pdf_page_reads_like_its_born_digital_original(realdocs: Path, tmp_path: Path) -> None:
    """A JPEG-only page (the pipeline's OCR stage) gives the same grid, title and unit as the digital page."""
    import pikepdf
    import pypdfium2 as pdfium

    from extractor.scan_reader import read_page_by_ocr
    from samples.degrade.scan import scan_pdf

    with pikepdf.open(realdocs / JUESUAN) as src:
        one = pikepdf.new()
        one.pages.append(src.pages[17])
        one.save(tmp_path / "page18.pdf")
    scan_pdf(tmp_path / "page18.pdf", tmp_path / "scan.pdf", seed=3, dpi=200)
    content = digital_page(tmp_path / "page18.pdf", 1)
    truth, _ = layout_page(1, content.spans, content.segments)
    scanned = read_page_by_ocr(pdfium.PdfDocument(str(tmp_path / "scan.pdf")), 0, dpi=200)
    assert [r.grid() for r in scanned.regions] == [[[t.replace(" ", "") for t in row] for row in r.grid()] for r in truth]
    assert scanned.regions[0].context.title == truth[0].context.title
    assert scanned.regions[0].context.unit == "万元"


@pytest.mark.parametrize("engine", ["rapidocr", "tesseract-chi_sim"])
def test_engines_find_and_read_the_lines_of_a_page_header(realdocs: Path, engine: str) -> None:
    """Detection plus recognition (``read_lines``), here on the header band of the image-only page."""
    image = cv2.imread(str(realdocs / SANGONG_PNG))[180:320, :, ::-1]
    reader = rapid() if engine == "rapidocr" else TesseractEngine()
    spans = reader.read_lines(np.ascontiguousarray(image))
    texts = [s.text for s in spans]
    assert any("三公" in t and "预算表" in t for t in texts)
    assert any("石泉路街道办事处" in t for t in texts)
    assert spans == sorted(spans, key=lambda s: (s.bbox.y0, s.bbox.x0))
    assert all(0 <= s.bbox.x0 < s.bbox.x1 <= image.shape[1] and 0 <= s.bbox.y0 < s.bbox.y1 <= image.shape[0] for s in spans)


def test_recogniser_spaces_are_dropped_except_between_latin_words() -> None:
    assert squeeze_spaces(" 4, 213, 779.28 ") == "4,213,779.28"
    assert squeeze_spaces("1. 一般公共预算资金") == "1.一般公共预算资金"
    assert squeeze_spaces("PP OCR  v6") == "PP OCR v6"


@pytest.mark.slow
def test_a_scanned_report_extracts_to_the_same_tables_as_its_born_digital_original(realdocs: Path, tmp_path: Path) -> None:
    """The whole pipeline: a JPEG-only copy (seals, skew, noise) gives the same contract tables."""
    import pikepdf

    from extractor.pipeline import extract_file
    from samples.degrade.scan import scan_pdf

    with pikepdf.open(realdocs / JUESUAN) as src:
        part = pikepdf.new()
        for index in (5, 6, 17):  # 公开01 over two pages, and the 三公 table
            part.pages.append(src.pages[index])
        part.save(tmp_path / "part.pdf")
    scan_pdf(tmp_path / "part.pdf", tmp_path / "scan.pdf", seed=1, dpi=200)
    digital = extract_file(tmp_path / "part.pdf")
    scanned = extract_file(tmp_path / "scan.pdf")
    assert len(scanned["tables"]) == len(digital["tables"]) >= 2
    assert scanned["tables"] == digital["tables"]


def test_an_amount_that_lost_its_point_is_doubted_in_a_two_decimal_column() -> None:
    readings = [CellReading(t, 1.0) for t in ("2,112.86", "13525", "449.52", "16.19", "201", "2010301")]
    out = doubt_lost_points([3, 3, 3, 3, 0, 0], readings)
    assert out[1] == CellReading("13525", 0.5, ("135.25",))
    assert out[0] == readings[0] and out[2:] == readings[2:]  # codes in an integer column are left alone


def test_line_crop_keeps_a_lightened_leading_stroke_but_not_distant_marks() -> None:
    from extractor.ocr.crops import split_text_lines

    cell = np.full((60, 320), 255, np.uint8)
    cell[24:28, 12:34] = 190  # a 一 lightened by the erased rule beside it ...
    cell[25:27, 16:30] = 152  # ... keeps a core of a few darker pixels (150-155 measured)
    cell[15:36, 42:200] = 20  # the rest of the line, in full ink
    cell[24:28, 270:276] = 190  # a faint mark far to the right: not part of the line
    (line,) = split_text_lines(cell, BBox(0, 0, 320, 60))
    assert line.x0 == 12 and line.x1 == 200
    spaced = np.full((60, 320), 255, np.uint8)  # 一、一般: the pale 一, then 11 px of paper before the 、
    spaced[24:28, 6:27] = 185
    spaced[25:27, 9:24] = 152
    spaced[22:30, 38:45] = 120
    spaced[18:38, 54:200] = 20
    (line,) = split_text_lines(spaced, BBox(0, 0, 320, 60))
    assert line.x0 == 6
    score = np.full((60, 120), 255, np.uint8)  # an 8, and a seal's painted-out lettering touching it
    score[20:40, 30:42] = 60
    score[12:40, 42:60] = 200
    score[20:30, 44:50] = 187  # its darkest: no core
    (line,) = split_text_lines(score, BBox(0, 0, 120, 60))
    assert (line.x0, line.x1) == (30, 42)  # read as 875 with the lettering


def test_line_crop_follows_pale_glyphs_with_an_ink_core_beyond_one_glyph() -> None:
    """The thin 22 of a pale 221: faint strokes with dark specks, wider than a glyph, still the line's."""
    from extractor.ocr.crops import split_text_lines

    cell = np.full((48, 80), 255, np.uint8)
    cell[16:31, 45:50] = 60  # the 1, in full ink
    cell[16:31, 14:42] = 185  # the 22: pale strokes, 28 px at a 15-px line height ...
    for x in range(15, 41, 4):
        cell[20:22, x : x + 2] = 120  # ... with dark cores too small to count as ink on their own
    (line,) = split_text_lines(cell, BBox(0, 0, 80, 48))
    assert (line.x0, line.x1) == (14, 50)


def test_line_crop_follows_a_faded_numeral_whose_core_is_a_few_pixels() -> None:
    """一、 of 一、一般公共预算…: a 160-180 stroke with a dark end of four pixels, which the speck filter drops."""
    from extractor.ocr.crops import split_text_lines

    cell = np.full((40, 200), 250, np.uint8)
    cell[18:21, 6:26] = 172  # the faded 一
    cell[19, 23:26] = 125  # its dark end
    cell[20, 24] = 125
    cell[17:24, 34:38] = 175  # the 、, pale
    cell[12:28, 36:190] = 40  # the rest of the line in full ink
    (line,) = split_text_lines(cell, BBox(0, 0, 200, 40))
    assert line.x0 == 6


def test_a_pale_thin_font_is_read_at_the_pale_level() -> None:
    """A thin digit font blurred on a 172-dpi scan: a 1 at grey 150-190 with specks at ink level read as nothing,
    and 6.73 whose dark pixels are a few cores read as 司."""
    from extractor.ocr.crops import split_text_lines

    one = np.full((40, 80), 248, np.uint8)
    one[8:30, 38:41] = 170
    one[12, 39] = one[20, 39] = 130  # cores too small to count as ink
    (line,) = split_text_lines(one, BBox(0, 0, 80, 40))
    assert (line.y0, line.y1) == (8, 30)
    amount = np.full((40, 120), 248, np.uint8)
    amount[10:28, 30:90] = 175  # the strokes of 6.73
    amount[18:20, 30:90:3] = 145  # their cores, in specks
    amount[14:17, 40:43] = 120  # and two dark enough to count as ink
    amount[20:23, 70:73] = 120
    (line,) = split_text_lines(amount, BBox(0, 0, 120, 40))
    assert (line.x0, line.x1, line.y0, line.y1) == (30, 90, 10, 28)
    dark = amount.copy()
    dark[10:28, 30:90] = 60  # a well-printed amount is found at the ink level as before
    assert split_text_lines(dark, BBox(0, 0, 120, 40)) == [line]
    tall = np.full((54, 120), 248, np.uint8)  # a row heightened by a wrapped name in the next cell
    tall[20:31, 60:86] = 175  # a pale 0.00, 11 px high: a fifth of the cell
    tall[24:26, 62:84:3] = 140
    (line,) = split_text_lines(tall, BBox(0, 0, 120, 54))
    assert (line.y0, line.y1) == (20, 31)
    edge = np.full((54, 120), 248, np.uint8)
    edge[1:4, :] = 150  # the grey edge of an erased rule, across the cell
    assert split_text_lines(edge, BBox(0, 0, 120, 54)) == []
    residue = np.full((40, 120), 248, np.uint8)
    residue[6:36, 20:80] = 190  # a seal's painted-out star in an empty cell: as tall, but no dark core
    residue[20, 30:33] = 176
    assert split_text_lines(residue, BBox(0, 0, 120, 40)) == []


def test_a_faded_glyph_is_one_line_and_two_printed_lines_stay_two() -> None:
    """A blurred, faded 2 keeps ink-level grey only in its top curve and its foot: it was read as ) and loe."""
    from extractor.ocr.crops import split_text_lines

    cell = np.full((48, 80), 255, np.uint8)
    cell[14:19, 34:44] = 130  # the top curve
    cell[19:28, 36:42] = 175  # the faded diagonal
    cell[28:31, 33:45] = 130  # the foot
    (line,) = split_text_lines(cell, BBox(0, 0, 80, 48))
    assert (line.y0, line.y1) == (14, 31)
    cell[19:28, 36:42] = 255  # clean paper between: two lines of a wrapped label
    assert len(split_text_lines(cell, BBox(0, 0, 80, 48))) == 2
    label = np.full((81, 313), 250, np.uint8)  # a wrapped name on a blurred scan, a seal's ring through it
    label[12:37, 10:300] = 120
    label[44:68, 10:180] = 120
    label[5:76, 120:130] = 200  # the painted-out ring: one faint blob through both lines
    assert len(split_text_lines(label, BBox(0, 0, 313, 81))) == 2
    label[:] = 250  # the second line is one 平 whose pale strokes left only its stem at ink level
    label[12:33, 10:300] = 120  # 21 and 17 px, 11 apart
    label[5:76, 120:130] = 200
    label[44:61, 123:127] = 90
    assert [(line.y0, line.y1) for line in split_text_lines(label, BBox(0, 0, 313, 81))] == [(12, 33), (44, 61)]


def test_two_flat_halves_of_one_line_grow_into_one_line() -> None:
    """A blurred 27 (a cell cut from seed 9945's scan) kept ink-level grey in its top and its foot only:
    each half grew into the whole pale glyph, the line was cut out twice, and both engines read 2727."""
    from extractor.ocr.crops import split_text_lines

    cell = cv2.imread(str(Path(__file__).parent / "data" / "cell-27-split-waist.png"), cv2.IMREAD_GRAYSCALE)
    lines = split_text_lines(cell, BBox(0, 0, cell.shape[1], cell.shape[0]))
    assert len(lines) == 1 and lines[0].y1 - lines[0].y0 >= 14


def test_a_cell_holding_one_flat_stroke_is_a_dash_and_is_not_recognised() -> None:
    """A —— stretched to the recogniser's 48-px height was read as 'mmmn s'."""
    box = BBox(0, 0, 110, 57)
    cell = np.full((57, 110), 250, np.uint8)
    cell[27:30, 40:62] = 40  # ——, in two strokes
    cell[27:30, 66:88] = 40
    amount = np.full((57, 110), 250, np.uint8)
    amount[18:38, 40:88] = 40  # text is about half the cell's height
    empty = np.full((57, 110), 250, np.uint8)
    assert cell_reader().read_cells(np.stack([cell, amount, empty]).reshape(171, 110), [
        box, BBox(0, 57, 110, 114), BBox(0, 114, 110, 171)])[0] == CellReading("——", 1.0)
    from extractor.ocr.crops import is_dash, split_text_lines

    (line,) = split_text_lines(amount, box)
    assert not is_dash(amount, line, box)
    assert split_text_lines(empty, box) == []  # an empty cell is no dash
    tall = BBox(0, 0, 160, 285)  # a label merged over five rows: 年度预算情况, six glyphs on one line
    label = np.full((285, 160), 250, np.uint8)
    for x in range(20, 140, 20):
        label[134:150, x : x + 16] = 40
        label[137:147, x + 4 : x + 12] = 250  # a glyph's open inside
    (line,) = split_text_lines(label, tall)
    assert not is_dash(label, line, tall)
    pale = np.full((57, 110), 250, np.uint8)
    pale[27:29, 40:88] = 158  # a thin dash blurred on a scan: two rows of grey, some of it as dark as ink
    for x in range(41, 85, 8):
        pale[27:29, x : x + 3] = 140
    (line,) = split_text_lines(pale, box)
    assert is_dash(pale, line, box)
    faint = np.full((57, 110), 250, np.uint8)  # fainter still: one row of 154-206 between its blurred edges
    faint[27:30:2, 40:80] = 200  # the blurred edges, half of them under the pale level
    faint[27:30:2, 40:80:2] = 185
    faint[28, 40:80] = 170
    faint[28, 59:61] = 210  # where the two strokes of —— meet
    faint[28, 44:80:8] = 154
    (line,) = split_text_lines(faint, box)
    assert is_dash(faint, line, box)


def test_a_thin_numeral_whose_feet_alone_are_ink_is_no_dash() -> None:
    """A thin serif 22 on a garbled page rendered at 200 dpi: at ink level only its feet, one pixel
    high, and specks; the line was taken for a dash."""
    from extractor.ocr.crops import is_dash, split_text_lines

    box = BBox(0, 0, 64, 34)
    cell = np.full((34, 64), 255, np.uint8)
    for x in (20, 28):
        cell[8, x : x + 6] = 185  # the 2's pale strokes, one pixel thin
        cell[9:18, x + 5] = 185
        cell[10:13, x + 5] = 130  # a speck of ink in them
        cell[18, x : x + 7] = 105  # its foot
    (line,) = split_text_lines(cell, box)
    assert (line.y0, line.y1) == (8, 19)
    assert not is_dash(cell, line, box)


def test_dash_cells_read_as_low_lines_are_dashes() -> None:
    from extractor.ocr.table import _dash

    assert _dash("__") == "——" and _dash("--") == "——" and _dash("———") == "——"
    assert _dash("-") == "-" and _dash("12.50") == "12.50"


def test_a_sharper_reading_settles_a_doubt_only_when_it_agrees_with_an_earlier_one() -> None:
    doubted = CellReading("1,511.98", 0.4, ("1,511.90",))
    assert with_sharper_reading(doubted, CellReading("1,511.90", 0.99)) == CellReading("1,511.90", 0.99, ("1,511.98",))
    assert with_sharper_reading(doubted, CellReading("1,511.98", 0.97)) == CellReading("1,511.98", 0.97, ("1,511.90",))
    new = with_sharper_reading(doubted, CellReading("1,517.90", 0.99))  # a third opinion: still in doubt
    assert new == CellReading("1,511.98", 0.4, ("1,511.90", "1,517.90"))
    assert with_sharper_reading(doubted, CellReading("1,5l1.90", 0.99)) == doubted  # does not parse
    assert with_sharper_reading(doubted, CellReading("", 1.0)) == doubted


def test_a_doubtful_amount_is_read_again_from_a_sharper_image(realdocs: Path) -> None:
    from dataclasses import replace

    from extractor.imaging.render import render_page

    content = digital_page(realdocs / JUESUAN, 8)
    region = layout_page(8, content.spans, content.segments)[0][0]
    index = next(i for i, c in enumerate(region.cells) if c.text == "1,511.90")
    cells = list(region.cells)
    cells[index] = replace(cells[index], text="1,511.98", confidence=0.4, alternatives=("1,511.90",))
    sharper = prepare_page_image(render_page(realdocs / JUESUAN, 7, 400), 400 / 72)
    out = reread_doubtful_amounts(sharper, replace(region, cells=cells), cell_reader())
    assert (out.cells[index].text, out.cells[index].alternatives) == ("1,511.90", ("1,511.98",))
    assert out.cells[index].confidence > 0.9
    assert [c for i, c in enumerate(out.cells) if i != index] == [c for i, c in enumerate(region.cells) if i != index]


def test_a_thousands_comma_read_as_a_point_is_turned_back_and_doubted() -> None:
    out = doubt_points_for_commas([CellReading("116.012", 0.99), CellReading("1.234.567", 0.9), CellReading("116.01", 0.99)])
    assert out[0] == CellReading("116,012", 0.5, ("116.012",))
    assert out[1] == CellReading("1,234,567", 0.5, ("1.234.567",))
    assert out[2] == CellReading("116.01", 0.99)


def _probabilities(charset: list[str], steps: list[dict[str, float]]) -> np.ndarray:
    probs = np.zeros((len(steps), len(charset)), np.float32)
    for t, shares in enumerate(steps):
        for ch, p in shares.items():
            probs[t, charset.index(ch)] = p
    return probs


def test_ctc_decoding_takes_the_barred_sign_only_when_it_is_a_strong_second() -> None:
    from extractor.ocr.ctc import decode

    charset = ["", ">", "≥", "<", "≤", "9", "5"]
    barred = {1: 2, 3: 4}
    lost_bar = [{">": 0.84, "≥": 0.16}, {"": 1.0}, {"9": 1.0}, {"9": 1.0}, {"5": 0.9, "": 0.1}]
    got = decode(_probabilities(charset, lost_bar), charset, barred)
    assert (got.text, got.alternative) == ("≥95", ">95")
    assert got.score == pytest.approx((0.84 + 1.0 + 0.9) / 3)  # repeats merged, blanks left out, first choices scored
    printed = [{"<": 0.998, "≤": 0.002}, {"5": 1.0}]
    assert decode(_probabilities(charset, printed), charset, barred).text == "<5"
    assert decode(_probabilities(charset, printed), charset, barred).alternative == ""
    assert decode(_probabilities(charset, [{"": 1.0}]), charset, barred).text == ""


def test_a_blurred_thin_ge_sign_is_read_with_its_bar_and_a_printed_gt_stays() -> None:
    """The crop is a 绩效自评表 target from a generated 200-dpi scan in a thin face: the recogniser's
    first choice was >95% (≥ second at 16%). A > printed as such, blurred alike, keeps its reading."""
    crop = cv2.imread(str(Path(__file__).parent / "data" / "blurred-thin-ge-95.png"), cv2.IMREAD_GRAYSCALE)
    (ge,) = rapid().recognise([crop])
    assert (ge.text, ge.alternative) == ("≥95%", ">95%")
    (ge,) = cell_reader().recognise([crop])  # narrowed as table cells are, the bar is the first choice
    assert ge.text == "≥95%"
    font = ImageFont.truetype(str(UMING), 88)
    image = Image.new("L", (400, 140), 255)
    ImageDraw.Draw(image).text((20, 20), ">95%", font=font, fill=0)
    small = cv2.GaussianBlur(cv2.resize(np.array(image), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA), (0, 0), 1.0)
    ys, xs = np.nonzero(small < 200)
    (gt,) = cell_reader().recognise([small[ys.min() - 4 : ys.max() + 4, xs.min() - 4 : xs.max() + 4]])
    assert (gt.text, gt.alternative) == (">95%", "")


def test_a_barred_sign_taken_from_the_second_choice_is_named_in_a_warning() -> None:
    from extractor.model import Cell, TableRegion
    from extractor.ocr.ctc import barred_sign_cells

    cells = [
        Cell(0, 0, 1, 1, BBox(0, 0, 10, 10), "≥95%", 0.9, (">95%",)),
        Cell(0, 1, 1, 1, BBox(10, 0, 20, 10), "≥90%", 0.9),
        Cell(0, 2, 1, 1, BBox(20, 0, 30, 10), ">90%", 0.9),
    ]
    region = TableRegion(page=3, bbox=BBox(0, 0, 30, 10), n_rows=1, n_cols=3, cells=cells)
    (issue,) = barred_sign_cells(region)
    assert issue.code == "sign-second-choice" and issue.page == 3 and "row 1 col 1" in issue.message
