"""Reading a table's context lines: captions, units, organisation, year, title, page furniture."""

from __future__ import annotations

import pytest

from extractor.layout.context import find_caption, find_organization, find_title, find_unit, find_year, is_noise_line, read_context


@pytest.mark.parametrize(("text", "caption"), [
    ("公开01表", "公开01表"),
    ("公开 01 表", "公开01表"),
    ("公开02\n表", "公开02表"),  # lanxian: the caption broken over two lines
    ("预算公开表1\n2024年预算收支总表", "预算公开表1"),  # the next line's year is not part of the number
    ("部门公开表9\n2024年国有资本经营预算收支预算表", "部门公开表9"),
    ("收入支出决算总表", None),
])
def test_captions(text: str, caption: str | None) -> None:
    assert find_caption(text) == caption


def test_header_fields_on_one_line() -> None:
    line = "部门名称：岚县人民政府办公室2024年度单位：万元"
    assert find_organization(line) == "岚县人民政府办公室"
    assert find_year(line) == 2024
    assert find_unit(line) == "万元"


def test_unit_is_not_an_organisation() -> None:
    assert find_organization("单位：万元") is None
    assert find_unit("编制部门：上海市普陀区人民政府办公室  单位：元") == "元"
    assert find_unit("部门名称：大同市行政审批服务管理局  2022年度  金额单位  万元") == "万元"  # OCR lost the colon
    assert find_unit("本单位元旦期间") is None
    assert find_organization("编制部门：上海市普陀区人民政府办公室  单位：元") == "上海市普陀区人民政府办公室"
    assert find_organization("部门：大同市生态环境局 单位 万元") == "大同市生态环境局"  # OCR lost the unit's colon
    assert find_organization("部门：大同市生态环境局 单位万元") == "大同市生态环境局"
    assert find_organization("单位：大同市第一中学单位部") == "大同市第一中学单位部"  # 单位 inside a name, no money unit after it
    assert find_organization("部门  南京市建设和管理委员会") == "南京市建设和管理委员会"  # OCR lost the colon, not the gap
    assert find_organization("2024年度部门 决算公开") is None


@pytest.mark.parametrize("line", ["- 1  1 -", "— 3 —", "第 2 页", "12", "3/25", "C", "l .", "-n-", "— lO —", "-4.", ".9.", "•7-", "己"])
def test_page_numbers_and_stray_marks_are_noise(line: str) -> None:
    assert is_noise_line(line)


@pytest.mark.parametrize("line", ["注：本表无数据", "注", "无"])
def test_short_notes_are_not_noise(line: str) -> None:
    assert not is_noise_line(line)


def test_title_is_the_nearest_title_like_line() -> None:
    lines = ["第二部分 2024年部门决算表", "收入支出决算总表", "公开01表", "部门名称：大同市政务服务中心", "2024年度", "金额单位：万元"]
    assert find_title(lines) == "收入支出决算总表"
    ctx = read_context(lines, ["注：本表反映部门本年度的总收支。", "- 4 -"])
    assert ctx.caption == "公开01表" and ctx.unit == "万元" and ctx.year == 2024
    assert ctx.lines_below == ["注：本表反映部门本年度的总收支。"]
