"""Joining a table's pieces across pages: which rows of a continuation are its repeated header."""

from __future__ import annotations

from extractor.model import BBox, Cell, TableRegion
from extractor.tables.join import join_regions

HEADER = [["项目", "上缴上级支出", "金额"], ["栏次", "1", "2"]]


def _region(page: int, rows: list[list[str]]) -> TableRegion:
    cells = [
        Cell(row=r, col=c, rowspan=1, colspan=1, bbox=BBox(50 + 100 * c, 100 + 20 * r, 150 + 100 * c, 120 + 20 * r), text=text)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    width = len(rows[0])
    return TableRegion(page=page, bbox=BBox(50, 100, 50 + 100 * width, 100 + 20 * len(rows)), n_rows=len(rows), n_cols=width, cells=cells)


def test_repeated_header_with_a_misread_character_is_dropped() -> None:
    first = _region(1, HEADER + [["行政运行", "1.00", "2.00"]])
    misread = [["项目", "卜缴上级支出", "金额"], ["栏次", "1", "2"]]  # OCR of the repeat: 卜 for 上
    [table] = join_regions([first, _region(2, misread + [["事业运行", "3.00", "4.00"]])])
    assert table.pages == [1, 2]
    assert table.grid == HEADER + [["行政运行", "1.00", "2.00"], ["事业运行", "3.00", "4.00"]]


def test_a_continuation_without_a_header_keeps_every_row() -> None:
    first = _region(1, HEADER + [["行政运行", "1.00", "2.00"]])
    [table] = join_regions([first, _region(2, [["项目支出", "1", "2"], ["事业运行", "3.00", "4.00"]])])
    assert table.grid[-2:] == [["项目支出", "1", "2"], ["事业运行", "3.00", "4.00"]]


def test_a_header_naming_a_total_column_is_still_a_header() -> None:
    """本年支出合计 is a column's name here, not a total line: the repeat on page 2 is dropped."""
    header = [["项目", "本年支出合计", "基本支出"], ["栏次", "1", "2"]]
    first = _region(1, header + [["201", "1.00", "1.00"]])
    repeat = [["项目", "本年支出合计", "基本支出"], ["栏次", "1", "2"]]
    [table] = join_regions([first, _region(2, repeat + [["20101", "1.00", "1.00"]])])
    assert table.grid == header + [["201", "1.00", "1.00"], ["20101", "1.00", "1.00"]]


def test_a_wide_repeated_header_with_one_wholly_misread_cell_is_dropped() -> None:
    """A 公开06 header repeats 科目代码 / 科目名称 / 决算数 four times; one 决算数 read 決算数 is a third
    of that cell misread, but one cell of twelve: the row is the header, not a row of items."""
    header = [["科目代码", "科目名称", "决算数"] * 4]
    first = _region(1, header + [["301", "工资福利支出", "1.00"] * 4])
    repeat = [["科目代码", "科目名称", "决算数"] * 2 + ["科目代码", "科目名称", "決算数"] + ["科目代码", "科目名称", "决算数"]]
    [table] = join_regions([first, _region(2, repeat + [["302", "商品和服务支出", "2.00"] * 4])])
    assert table.grid == header + [["301", "工资福利支出", "1.00"] * 4, ["302", "商品和服务支出", "2.00"] * 4]
    twice = [["科目代码", "科目名称", "決算数", "科目代码", "科目名称", "決算数"]]  # two of six: not the header
    [table] = join_regions([_region(1, [["科目代码", "科目名称", "决算数"] * 2] + [["301", "工资", "1.00"] * 2]),
                            _region(2, twice + [["302", "办公费", "2.00"] * 2])])
    assert len(table.grid) == 4
