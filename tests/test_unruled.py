"""Tables printed without ruling lines are still found; prose and contents pages are not tables."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractor.ingest.text_layer import read_page
from extractor.layout.page import layout_page

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
ROWS = [
    ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
    ("", "合计", "1,256.36", "229.24", "1,027.12"),
    ("201", "一般公共服务支出", "1,194.16", "167.04", "1,027.12"),
    ("2010301", "行政运行", "117.31", "117.31", ""),
    ("221", "住房保障支出", "20.56", "20.56", ""),
]
PROSE = [
    "2024年度汾阳市行政审批服务管理局预算收入总计1,256.36万元，其中：本年收入1,256.36万元，",
    "上年结转0万元，比上年增加239.27万元，增长23.52%，主要原因是2024年新增项目。",
]


def _write(path: Path) -> None:
    pdfmetrics.registerFont(TTFont("zh", FONT, subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("zh", 10)
    y = 780
    for line in PROSE:
        c.drawString(60, y, line)
        y -= 16
    c.drawString(200, 720, "2024年预算支出总表")
    y = 690
    xs = [60, 130, 330, 420, 500]
    for row in ROWS:
        for i, (x, text) in enumerate(zip(xs, row)):
            if i >= 2:
                c.drawRightString(x + 60, y, text)
            else:
                c.drawString(x, y, text)
        y -= 18
    c.drawString(60, y - 20, "第一部分 概况 ........................ 1")
    c.drawString(60, y - 38, "第二部分 预算报表 .................... 2")
    c.drawString(60, y - 56, "第三部分 情况说明 .................... 16")
    c.save()


def test_unruled_table_found_with_columns(tmp_path: Path) -> None:
    path = tmp_path / "unruled.pdf"
    _write(path)
    doc = pdfium.PdfDocument(str(path))
    content = read_page(doc[0])
    regions, lines = layout_page(1, content.spans, content.segments)
    assert len(regions) == 1
    region = regions[0]
    assert not region.ruled and region.n_cols == 5
    grid = region.grid()
    assert grid[2] == ["201", "一般公共服务支出", "1,194.16", "167.04", "1,027.12"]
    assert grid[3] == ["2010301", "行政运行", "117.31", "117.31", ""]
    assert region.context.title == "2024年预算支出总表"
    assert any("预算收入总计" in ln.text for ln in lines)  # prose stays prose
