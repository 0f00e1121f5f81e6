"""Layout on real published PDFs: cells, merged headers, context and joins, exactly."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor.ingest.text_layer import read_page
from extractor.layout.page import layout_page
from extractor.model import TableRegion
from extractor.tables.join import join_regions


def _regions(path: Path) -> list[TableRegion]:
    doc = pdfium.PdfDocument(str(path))
    out: list[TableRegion] = []
    for i in range(len(doc)):
        content = read_page(doc[i])
        regions, _ = layout_page(i + 1, content.spans, content.segments)
        out.extend(regions)
    doc.close()
    return out


@pytest.fixture(scope="module")
def putuo(realdocs: Path) -> list[TableRegion]:
    return _regions(realdocs / "shanghai-putuo-caizhengju-2024-juesuan.pdf")


def test_income_table_cells_exact(putuo: list[TableRegion]) -> None:
    region = next(r for r in putuo if r.page == 8)
    grid = region.grid()
    assert region.context.title == "收入决算表" and region.context.unit == "万元"
    assert grid[0][:4] == ["项目"] * 4  # merged header repeated in every position
    assert ["201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"] in grid
    # A name wrapped over two lines inside one cell is one string.
    assert any(row[3] == "机关事业单位基本养老保险缴费支出" and row[4] == "160.75" for row in grid)


def test_tables_joined_across_pages(putuo: list[TableRegion]) -> None:
    tables = join_regions(putuo)
    assert tables[0].grid[0] == ["序号", "单位名称", "备注"]  # the 单位构成 list in the prose is a table too
    tables = tables[1:]
    titles = [t.context.title for t in tables]
    assert titles == [
        "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
    ]
    first = tables[0]
    assert first.pages == [6, 7]
    assert first.grid[-1] == ["总计", "2,995.39", "总计", "2,995.39"]
    assert tables[3].pages == [12, 13, 14]  # the last piece is an empty row alone on page 14
    income = tables[1]
    assert income.pages == [8, 9] and income.grid[-1][3] == "购房补贴"
    assert not any(row in income.grid[:income.header_rows] for row in income.grid[income.header_rows:])


def test_split_code_columns_and_alternating_sangong(putuo: list[TableRegion]) -> None:
    sangong = next(r for r in putuo if r.page == 18).grid()
    assert sangong[4] == ["预算数", "决算数"] * 6
    assert sangong[5][0] == "0.95" and sangong[5][10] == "0.95"


def test_budget_in_yuan_with_context(realdocs: Path) -> None:
    regions = _regions(realdocs / "shanghai-putuo-qufuban-2025-yusuan.pdf")
    first = regions[0]
    assert first.context.unit == "元"
    assert first.context.organization == "上海市普陀区人民政府办公室"
    assert first.context.year == 2025
    assert first.grid()[2][1] == "91,016,775.35"


def test_jiangsu_captions(realdocs: Path) -> None:
    regions = _regions(realdocs / "jiangsu-renda-2018-yusuan.pdf")
    captions = [r.context.caption for r in regions if r.context.caption]
    assert captions[:3] == ["公开01表", "公开02表", "公开03表"]


def test_prose_pages_have_no_tables(putuo: list[TableRegion]) -> None:
    assert not any(r.page in (1, 2, 3, 4, 21, 22, 23, 24, 25) for r in putuo)
