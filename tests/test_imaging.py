"""The image path up to ruling lines: rendering, seal removal, turn and skew, rulings against vector truth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor.imaging.clean import grey_without_red
from extractor.imaging.lines import detect_ruling_segments
from extractor.imaging.prepare import prepare_page_image
from extractor.imaging.render import page_scan_image, render_page
from extractor.model import Segment
from scanned_pages import JUESUAN, digital_page, orientation, scan_like


def _near(x: float, y: float, segments: list[Segment], horizontal: bool, tol: float) -> bool:
    for s in segments:
        if s.horizontal != horizontal:
            continue
        if horizontal and abs(s.y0 - y) <= tol and s.x0 - tol <= x <= s.x1 + tol:
            return True
        if not horizontal and abs(s.x0 - x) <= tol and s.y0 - tol <= y <= s.y1 + tol:
            return True
    return False


def _uncovered(a: list[Segment], b: list[Segment], tol: float = 2.0) -> list[tuple[float, float]]:
    """Points every 2 pt along the segments of ``a`` that no segment of ``b`` passes within ``tol``."""
    misses = []
    for s in a:
        n = max(2, int(max(s.x1 - s.x0, s.y1 - s.y0) / 2.0))
        for t in np.linspace(0.0, 1.0, n):
            x, y = s.x0 + (s.x1 - s.x0) * t, s.y0 + (s.y1 - s.y0) * t
            if not _near(x, y, b, s.horizontal, tol):
                misses.append((round(x, 1), round(y, 1)))
    return misses


def test_render_page_is_sized_by_dpi_and_poppler_agrees(realdocs: Path) -> None:
    pdf = realdocs / JUESUAN
    pixels = render_page(pdf, 7, dpi=72)
    assert pixels.shape == (595, 842, 3) and pixels.dtype == np.uint8
    poppler = render_page(pdf, 7, dpi=72, backend="poppler")
    assert abs(poppler.shape[0] - 595) <= 1 and abs(poppler.shape[1] - 842) <= 1
    h, w = min(poppler.shape[0], 595), min(poppler.shape[1], 842)
    assert np.abs(poppler[:h, :w].astype(int) - pixels[:h, :w]).mean() < 20
    with pytest.raises(IndexError):
        render_page(pdf, 99)


def test_page_scan_image_takes_the_embedded_scan_turned_like_the_page(realdocs: Path, tmp_path: Path) -> None:
    pixels = render_page(realdocs / JUESUAN, 17, dpi=60)
    Image.fromarray(pixels).save(tmp_path / "scan.pdf", resolution=60)
    with pikepdf.open(tmp_path / "scan.pdf") as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(tmp_path / "turned.pdf")
    upright = page_scan_image(pdfium.PdfDocument(str(tmp_path / "scan.pdf"))[0])
    turned = page_scan_image(pdfium.PdfDocument(str(tmp_path / "turned.pdf"))[0])
    assert upright is not None and upright.shape == pixels.shape
    assert np.abs(upright.astype(int) - pixels).mean() < 3  # JPEG round trip only
    assert turned is not None and np.array_equal(turned, np.rot90(upright, k=-1))
    born_digital = pdfium.PdfDocument(str(realdocs / JUESUAN))[7]
    assert page_scan_image(born_digital) is None


def test_page_scan_image_declines_a_scan_placed_with_margins(tmp_path: Path) -> None:
    """Pixels would not map onto page points by one scale; such pages are rendered instead."""
    from reportlab.pdfgen import canvas

    Image.fromarray(np.full((100, 150, 3), 128, np.uint8)).save(tmp_path / "small.png")
    pdf = canvas.Canvas(str(tmp_path / "margins.pdf"), pagesize=(842, 595))
    pdf.drawImage(str(tmp_path / "small.png"), 40, 40, width=762, height=515)
    pdf.save()
    assert page_scan_image(pdfium.PdfDocument(str(tmp_path / "margins.pdf"))[0]) is None


def test_red_seal_turns_to_paper_and_black_ink_under_it_stays() -> None:
    page = np.full((60, 60, 3), 255, np.uint8)
    page[:, 20:40] = (210, 30, 35)  # seal stroke
    page[28:32, :] = (20, 20, 20)  # black text stroke crossing it
    grey, _ = grey_without_red(page)
    assert grey[10, 30] > 190  # red alone: paper
    assert grey[30, 30] < 60  # black over red: still ink
    assert grey[30, 5] < 60


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_sparse_sangong_page_is_turned_upright_and_deskewed(realdocs: Path, turn: int) -> None:
    scan = scan_like(realdocs / JUESUAN, 18, 150, skew=1.6, turn=turn, seed=turn)
    prepared = prepare_page_image(scan, 150 / 72, orientation())
    assert prepared.rotation == turn
    assert abs(prepared.skew - 1.6) <= 0.3
    assert abs(prepared.width_pt - 842) < 1 and abs(prepared.height_pt - 595) < 1  # landscape again


def test_rulings_of_a_degraded_scan_match_the_vector_lines(realdocs: Path) -> None:
    truth = digital_page(realdocs / JUESUAN, 8).segments
    scan = scan_like(realdocs / JUESUAN, 8, 200, skew=-1.2, turn=0, seed=8)
    prepared = prepare_page_image(scan, 200 / 72)
    assert abs(prepared.skew + 1.2) <= 0.3
    found = detect_ruling_segments(prepared)
    # Deskewing turns about the page centre, as the scan was skewed, so the frames agree.
    assert _uncovered(truth, found) == []
    assert _uncovered(found, truth) == []


def test_strokes_hanging_from_a_header_rule_are_not_rulings() -> None:
    """A title's stems touching a rule at one end stay text; cell borders run rule to rule."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.0
    ink = np.zeros((400, 800), np.uint8)
    ink[40:42, 20:780] = 255  # header rule across the page
    for x in (300, 330, 360):
        ink[42:80, x : x + 3] = 255  # 19 pt stems of a big title glyph, hanging from the rule
    for y in (150, 200, 250):
        ink[y : y + 2, 100:700] = 255  # table rows
    for x in (100, 400, 698):
        ink[150:252, x : x + 2] = 255  # table columns, rule to rule
    ink[200:252, 550:552] = 255  # a short border between two rows: 26 pt, ends on both
    segments = segments_in_points(find_rulings(ink, scale), scale)
    vertical_x = sorted(s.x0 for s in segments if not s.horizontal)
    assert vertical_x == pytest.approx([50.5, 200.5, 275.5, 349.5])
    assert sum(s.horizontal for s in segments) == 4


def test_text_strokes_starting_at_a_cell_rule_are_not_rulings() -> None:
    """Blurred strokes of a line of text run together into one long run that starts at the
    cell's left rule and ends mid-cell; erasing it as a ruling cut 年初结转和结余 to 年转余."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.0
    ink = np.zeros((400, 800), np.uint8)
    for y in (100, 160, 220):
        ink[y : y + 2, 100:700] = 255  # row rules
    for x in (100, 400, 698):
        ink[100:222, x : x + 2] = 255  # column rules
    ink[130:132, 103:200] = 255  # 48 pt of text strokes from the left rule into the cell
    segments = segments_in_points(find_rulings(ink, scale), scale)
    assert sorted(s.y0 for s in segments if s.horizontal) == pytest.approx([50.5, 80.5, 110.5])


def test_a_run_through_the_middle_of_a_text_line_is_not_a_ruling() -> None:
    """Long enough to count as a ruling on its own, but glyph ink lies close above and below it."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.0
    ink = np.zeros((400, 800), np.uint8)
    for y in (100, 160):
        ink[y : y + 2, 100:700] = 255  # row rules
    for x in (100, 698):
        ink[100:162, x : x + 2] = 255  # column rules
    ink[130:132, 200:400] = 255  # 100 pt of strokes run together ...
    for x in range(200, 400, 8):
        ink[116:146, x : x + 4] = 255  # ... through the glyphs of a text line
    segments = segments_in_points(find_rulings(ink, scale), scale)
    assert sorted(s.y0 for s in segments if s.horizontal) == pytest.approx([50.5, 80.5])


def test_a_ruling_broken_under_a_painted_out_seal_is_one_line() -> None:
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.0
    ink = np.zeros((400, 800), np.uint8)
    for y in (100, 160, 220):
        ink[y : y + 2, 100:700] = 255
    ink[160:162, 180:194] = 0  # 7 pt of the middle rule lost to the seal's ring
    for x in (100, 400, 698):
        ink[100:222, x : x + 2] = 255
    seal = np.zeros_like(ink)
    seal[150:175, 176:198] = 255  # where red ink was painted out

    def middle_rule(seal: np.ndarray | None) -> list[tuple[float, float]]:
        segments = segments_in_points(find_rulings(ink, scale, seal), scale)
        return [(s.x0, s.x1) for s in segments if s.horizontal and abs(s.y0 - 80.5) < 1]

    assert middle_rule(seal) == [pytest.approx((50, 350), abs=1)]
    assert middle_rule(None) == [pytest.approx((97, 350), abs=1)]  # the stub left of the break hangs free


def test_a_thick_outer_border_is_a_ruling_and_not_text_beside_itself() -> None:
    """A table's top border blurred to 9 px (3.9 pt): measured from its middle, its own ink filled the bands
    beside it, it was taken for text, and the table's long column rules lost the line they start on."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.32
    ink = np.zeros((400, 800), np.uint8)
    ink[100:109, 100:700] = 255  # the thick top border
    for y in (140, 180):
        ink[y : y + 2, 100:700] = 255
    for x in (100, 400, 698):
        ink[100:182, x : x + 2] = 255  # 35 pt column rules: kept only when they end on rules
    segments = segments_in_points(find_rulings(ink, scale), scale)
    assert len([s for s in segments if s.horizontal]) == 3
    assert len([s for s in segments if not s.horizontal]) == 3


def test_a_short_rule_whose_end_a_seal_hid_still_reaches_the_rule_above() -> None:
    """The rule between a form's 执行率 and 得分 lost its top 8 pt to a seal and hung in mid-air: the two cells became one."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.0
    ink = np.zeros((400, 800), np.uint8)
    for y in (100, 160, 220):
        ink[y : y + 2, 100:700] = 255
    for x in (100, 698):
        ink[100:222, x : x + 2] = 255
    ink[116:222, 400:402] = 255  # a 53 pt column rule whose top 8 pt the seal took
    seal = np.zeros_like(ink)
    seal[90:125, 370:430] = 255

    def middle_column(seal: np.ndarray | None) -> list[tuple[float, float]]:
        segments = segments_in_points(find_rulings(ink, scale, seal), scale)
        return [(s.y0, s.y1) for s in segments if not s.horizontal and abs(s.x0 - 200.5) < 1]

    assert middle_column(seal) == [pytest.approx((50.5, 111), abs=1)]
    assert middle_column(None) == []
    ink[100:222, 400:402] = 0
    ink[112:140, 400:402] = 255  # a glyph's stem run together with the seal's ring: mid-air at both ends
    seal[90:190, 370:430] = 255
    assert middle_column(seal) == []


def test_a_dash_filling_a_narrow_cell_is_no_rule_and_a_short_rule_splitting_a_cell_is() -> None:
    """A —— in a form's narrow 得分 cell (16 pt in a 21-pt column) ended within reach of both side rules
    and split its row in two; a rule as short that halves a 38-pt cell is kept."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.78
    ink = np.zeros((400, 900), np.uint8)
    for y in (50, 103, 209):  # a 19-pt row and a 38-pt one
        ink[y : y + 2, 100:800] = 255
    for x in (100, 600, 658, 798):
        ink[50:211, x : x + 2] = 255
    ink[78:81, 607:652] = 255  # the dash, mid-row
    ink[156:158, 600:660] = 255  # the short rule halving the tall row's narrow cell
    rows = sorted((round(s.y0), round(s.x1 - s.x0)) for s in segments_in_points(find_rulings(ink, scale), scale) if s.horizontal)
    assert rows == [(18, 252), (37, 252), (56, 22), (76, 252)]
    taller = np.zeros((400, 900), np.uint8)  # rows of 23.5 pt, a dash 12.2 pt under the top of one
    for y in (50, 115, 180):
        taller[y : y + 2, 100:800] = 255
    for x in (100, 600, 658, 798):
        taller[50:182, x : x + 2] = 255
    taller[84:87, 607:652] = 255
    rows = sorted(round(s.y0, 1) for s in segments_in_points(find_rulings(taller, scale), scale) if s.horizontal)
    assert len(rows) == 3 and all(abs(y - 85.5 / scale) > 3 for y in rows)


def test_a_pale_seal_stroke_between_two_rules_is_no_rule_and_a_black_rule_under_the_seal_is() -> None:
    """A straight stretch of a painted-out seal's lettering ran 41 pt across a narrow code cell, ending on
    its side rules, and split the row through its amount."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.78
    grey = np.full((400, 900), 250, np.uint8)
    for y in (50, 150, 250):  # rows of 36 pt
        grey[y : y + 2, 100:800] = 60
    for x in (100, 600, 720, 798):
        grey[50:252, x : x + 2] = 60
    grey[95:97, 602:718] = 165  # the seal's stroke, under a seal
    grey[200:202, 602:718] = 70  # a short black rule halving a cell, under the same seal
    seal = np.zeros_like(grey)
    seal[60:240, 560:760] = 255
    binary = np.where(grey < 200, 255, 0).astype(np.uint8)

    def rows(with_grey: bool) -> list[int]:
        found = find_rulings(binary, scale, seal, grey if with_grey else None)
        return sorted(round(s.y0) for s in segments_in_points(found, scale) if s.horizontal)

    assert rows(True) == [18, 54, 72, 90]
    assert rows(False) == [18, 35, 54, 72, 90]


def test_a_sparse_turned_page_is_deskewed_along_its_upright_text() -> None:
    """A short table under a title, tilted 1.2° and turned 270°: measured sideways, the skew came out 1.62°,
    enough for the short column rules to miss the row rules."""
    from PIL import ImageDraw, ImageFont

    from extractor.imaging.orient import rotate_by

    font = ImageFont.truetype("/usr/share/fonts/truetype/arphic/uming.ttc", 22)
    img = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(img)
    draw.text((300, 120), "政府性基金预算财政拨款支出预算表", font=ImageFont.truetype("/usr/share/fonts/truetype/arphic/uming.ttc", 30), fill=0)
    draw.text((90, 190), "部门：苏州市吴中区生态环境局", font=font, fill=0)
    draw.text((1000, 190), "单位：万元", font=font, fill=0)
    for y in (230, 275, 320):
        draw.line((85, y, 1120, y), fill=0, width=2)
    for x in (85, 500, 920, 1120):
        draw.line((x, 230, x, 320), fill=0, width=2)
    for x, text in ((200, "功能科目编码"), (640, "功能科目名称"), (990, "金额")):
        draw.text((x, 240), text, font=font, fill=0)
    draw.text((95, 285), "合计", font=font, fill=0)
    draw.text((95, 340), "注：本部门无相关收支项目", font=font, fill=0)
    draw.text((580, 1650), "第16页", font=font, fill=0)
    turned = np.ascontiguousarray(np.rot90(rotate_by(np.asarray(img), 1.2), k=-3))
    prepared = prepare_page_image(turned, 150 / 72, orientation())
    assert prepared.rotation == 270
    assert abs(prepared.skew - 1.2) <= 0.2
    assert sum(not s.horizontal for s in detect_ruling_segments(prepared)) == 4


@pytest.mark.parametrize(("quarter_turns_ccw", "turn"), [(2, 180), (1, 270)])
def test_a_turned_contents_page_is_read_from_the_start_of_its_lines(quarter_turns_ccw: int, turn: int) -> None:
    """A 目录 page scanned upside down was taken as turned 270°: its lines' first glyphs were never read,
    only their dot leaders and page numbers, while a sideways stack of the numerals 一 … 十 read as text."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/arphic/uming.ttc", 22)
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    draw.text((580, 150), "目  录", font=ImageFont.truetype("/usr/share/fonts/truetype/arphic/uming.ttc", 30), fill=0)
    entries = ["收入支出决算总体情况说明", "收入决算情况说明", "支出决算情况说明", "财政拨款收入支出决算总体情况说明",
               "一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款基本支出决算情况说明", "政府性基金预算财政拨款支出决算情况说明",
               "国有资本经营预算财政拨款支出决算情况说明", "财政拨款三公经费支出决算情况说明", "其他重要事项的情况说明"]
    for k, entry in enumerate(entries):
        y = 260 + 44 * k
        text = f"{'一二三四五六七八九十'[k]}、{entry}"
        draw.text((110, y), text, font=font, fill=0)
        start = 110 + int(draw.textlength(text, font=font)) + 2
        draw.text((start, y), "." * int((1060 - start) / 6), font=font, fill=0)  # dot leaders
        draw.text((1080, y), "16", font=font, fill=0)
    turned = np.ascontiguousarray(np.rot90(np.asarray(img), k=quarter_turns_ccw))
    assert prepare_page_image(turned, 150 / 72, orientation()).rotation == turn


def test_a_sparse_page_turned_upside_down_is_turned_back_by_its_words() -> None:
    """A table's last row carried over to a page of its own, scanned upside down: its two amounts were
    the only runs long enough to read, the vote fell short of its margin, and the row was read upside down."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/arphic/uming.ttc", 22)
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    for y in (120, 162):
        draw.line((130, y, 1110, y), fill=0, width=2)
    for x in (130, 730, 860, 990, 1110):
        draw.line((x, 120, x, 162), fill=0, width=2)
    draw.text((140, 130), "合计", font=font, fill=0)
    draw.text((740, 130), "28,104,483", font=font, fill=0)
    draw.text((870, 130), "28,104,483", font=font, fill=0)
    draw.text((600, 1650), "-6-", font=font, fill=0)
    upside_down = np.ascontiguousarray(np.rot90(np.asarray(img), k=2))
    assert prepare_page_image(upside_down, 150 / 72, orientation()).rotation == 180


def test_a_border_of_a_low_header_row_is_a_ruling() -> None:
    """科目代码 | 科目名称 in a 14.4 pt header row: dropped as too short, the two cells merged into one."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.0
    ink = np.zeros((400, 800), np.uint8)
    for y in (100, 127, 180):
        ink[y : y + 2, 100:700] = 255  # the header row is 13.5 pt between its rules
    for x in (100, 698):
        ink[100:182, x : x + 2] = 255
    ink[100:129, 400:402] = 255  # the border between its two cells: 14.5 pt of ink
    segments = segments_in_points(find_rulings(ink, scale), scale)
    assert sorted(s.x0 for s in segments if not s.horizontal) == pytest.approx([50.5, 200.5, 349.5])


def test_a_rule_does_not_run_on_into_the_text_of_a_merged_cell_beside_it() -> None:
    """The strokes of 产出指标 in a merged cell lay level with the next column's row rule and
    became its continuation; the merged cell was cut in two through its text."""
    from extractor.imaging.lines import find_rulings, segments_in_points

    scale = 2.0
    ink = np.zeros((400, 800), np.uint8)
    for y in (100, 220):
        ink[y : y + 2, 100:700] = 255
    ink[160:162, 300:700] = 255  # a row rule of the right-hand columns only
    for x in (100, 300, 698):
        ink[100:222, x : x + 2] = 255
    ink[160:162, 200:294] = 255  # the label's strokes, level with it and 3 pt short of it ...
    for x in range(200, 294, 8):
        ink[146:176, x : x + 4] = 255  # ... through the label's glyphs
    segments = segments_in_points(find_rulings(ink, scale), scale)
    middle = [(s.x0, s.x1) for s in segments if s.horizontal and abs(s.y0 - 80.5) < 1]
    assert middle == [pytest.approx((150, 350), abs=1)]


def test_chinese_characters_weigh_more_than_digits_in_the_turn_vote() -> None:
    """A sideways row of 栏次 numbers reads as 5678 with full confidence under the wrong turn."""
    from extractor.imaging.orient import _glyph_weight

    assert _glyph_weight("支出决算总表") == 6.0
    assert _glyph_weight("5678") == 2.0
    assert _glyph_weight("5062的") == 3.0
