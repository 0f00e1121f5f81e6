"""The renderer draws what the truth says, where the truth says it.

Documents are built from real table rows (the seed reports) so the tests do
not depend on the content generator, then rendered into tmp_path and read
back through pdfium's text layer and path objects.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from extractor.schema import contract_errors
from samples.generator.render import WATERMARK_TEXT, render_document
from samples.generator.render_style import choose_style
from samples.generator.render_page import Rule
from samples.generator.render_table import draw_slice, measure_table, wrap
from samples.generator.spec import Cover, DocSpec, Merge, Prose, TableSpec, Toc
from samples.generator.truth import garbled_truth, scanned_truth

SEEDS = Path("/work/shared/seeds")
_SPACE = re.compile(r"\s+")


def _seed_rows(seed_file: str, caption: str) -> list[list[str]]:
    """The TAB-separated rows printed after ``caption`` (blank lines are the real file's page breaks)."""
    lines = (SEEDS / seed_file).read_text(encoding="utf-8").splitlines()
    start = lines.index(caption)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if "\t" in line:
            rows.append(line.split("\t"))
        elif line.strip() and rows:
            break
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _fill_merges(grid: list[list[str]], merges: list[Merge]) -> list[list[str]]:
    for m in merges:
        for r in range(m.row, m.row + m.rowspan):
            for c in range(m.col, m.col + m.colspan):
                grid[r][c] = grid[m.row][m.col]
    return grid


def _table(seed_file: str, caption: str, title: str, label: str, header_rows: int, merges: list[Merge],
           numeric_cols: list[int], **extra: object) -> TableSpec:
    grid = _fill_merges(_seed_rows(seed_file, caption), merges)
    return TableSpec(type=label, title=title, caption=caption, unit="万元", header_rows=header_rows, grid=grid,
                     merges=merges, columns={"": []}, records=[], form=None, numeric_cols=numeric_cols,
                     org_line="部门名称：大同市政务服务中心", period_line="2024年度", unit_line="金额单位：万元", **extra)


def _gongkai01() -> TableSpec:
    return _table("datong-2024-juesuan.txt", "公开01表", "收入支出决算总表", "公开01", 2,
                  [Merge(0, 0, 1, 3), Merge(0, 3, 1, 3)], [2, 5], note="注：本表反映部门本年度的总收支和年末结转结余情况。")


def _gongkai06() -> TableSpec:
    return _table("datong-2024-juesuan.txt", "公开06表", "一般公共预算财政拨款基本支出决算明细表", "公开06", 2,
                  [Merge(0, 0, 1, 3), Merge(0, 3, 1, 9)], [2, 5, 8, 11], wide=True)


def _gongkai07_empty() -> TableSpec:
    return _table("datong-2024-juesuan.txt", "公开07表", "政府性基金预算财政拨款收入支出决算表", "公开07", 3,
                  [Merge(0, 0, 1, 2), Merge(1, 0, 1, 1), Merge(2, 0, 1, 2), Merge(0, 2, 2, 1), Merge(0, 3, 2, 1),
                   Merge(0, 4, 1, 3), Merge(0, 7, 2, 1)], [2, 3, 4, 5, 6, 7], empty_note="说明：本表无数据")


def _form() -> TableSpec:
    """A self-evaluation form: label cells merged down, a long goal text merged across."""
    goal = "保质保量做好办公设备购置工作，按时足额的拨付到位，每一笔支出要确保运行、保运转、保重点的原则，保证单位正常运转，各项工作有序开展。"
    rows = [
        ["项目名称", "A4纸采购(补充公用经费)", "", "", "", ""],
        ["主管部门及代码", "034-岚县人民政府办公室", "", "预算单位", "034001-岚县人民政府办公室", ""],
        ["年度目标", goal, "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值", "得分"],
        ["产出指标", "数量指标", "采购A4纸数量", "<150件", "20", "20"],
        ["", "质量指标", "采购A4纸质量合格率", "=100%", "10", "10"],
        ["效益指标", "社会效益", "打印纸利用水平", "正常", "30", "30"],
        ["总分", "", "", "", "100", "优"],
    ]
    merges = [Merge(0, 1, 1, 5), Merge(1, 1, 1, 2), Merge(1, 4, 1, 2), Merge(2, 1, 1, 5), Merge(4, 0, 2, 1),
              Merge(7, 0, 1, 4)]
    form = {"project": "A4纸采购(补充公用经费)", "department": "034-岚县人民政府办公室",
            "implementing_unit": "034001-岚县人民政府办公室", "funds": [], "goals": [{"expected": goal, "actual": None}],
            "indicators": [], "total_score": 100, "grade": "优"}
    return TableSpec(type="绩效自评表", title="A4纸采购(补充公用经费)项目支出绩效自评表", caption=None, unit="万元",
                     header_rows=0, grid=_fill_merges(rows, merges), merges=merges, columns={}, records=[], form=form,
                     period_line="（2024年度）")


def _document(tables: list[TableSpec]) -> DocSpec:
    blocks = [
        Cover("大同市政务服务中心", "2024年度单位决算公开"),
        Toc(["第一部分 概况", "一、本部门（单位）职责", "第二部分 2024年部门决算表"] + [f"{i}、{t.title}" for i, t in enumerate(tables)]),
        Prose("第一部分 概况", ["负责落实“放管服”改革政务服务方面有关政策措施，积极推进政务服务标准化规范化便利化。" * 3,
                            "2024年度收入合计1126.93万元，支出合计1127.00万元。"]),
        *tables,
    ]
    return DocSpec("大同市政务服务中心", 2024, "决算", "万元", "shanxi", blocks)


def _page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [_SPACE.sub("", page.get_textpage().get_text_range()) for page in doc]
    finally:
        doc.close()


def _printed_in(cell: str, text: str, max_lines: int = 4) -> bool:
    """Whether ``cell`` is in ``text`` as at most ``max_lines`` wrapped pieces.

    pdfium orders a wrapped cell's second line after the other cells of that
    line, so a wrapped cell is found as consecutive pieces, longest first.
    """
    rest = _SPACE.sub("", cell)
    for _ in range(max_lines):
        if rest in text:
            return True
        cut = next((n for n in range(len(rest) - 1, 0, -1) if rest[:n] in text), 0)
        if cut == 0:
            return False
        rest = rest[cut:]
    return False


def _assert_cells_on_pages(truth: dict, texts: list[str]) -> None:
    for table in truth["tables"]:
        text = "".join(texts[n - 1] for n in table["pages"])
        for row in table["grid"]:
            for cell in row:
                assert _printed_in(cell, text), (table["id"], cell, table["pages"])


ALL_TABLES = (_gongkai01, _gongkai06, _gongkai07_empty, _form)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_every_grid_cell_is_in_the_text_layer_of_its_pages(tmp_path: Path, seed: int) -> None:
    pdf = tmp_path / "doc.pdf"
    truth = render_document(_document([make() for make in ALL_TABLES]), pdf, seed=seed)
    assert contract_errors(truth) == []
    texts = _page_texts(pdf)
    assert len(truth["pages"]) == len(texts)
    assert [t["id"] for t in truth["tables"]] == ["t1", "t2", "t3", "t4"]
    _assert_cells_on_pages(truth, texts)
    assert WATERMARK_TEXT not in "".join(texts)


def test_watermark_is_in_the_text_layer_of_every_page(tmp_path: Path) -> None:
    pdf = tmp_path / "doc.pdf"
    truth = render_document(_document([_gongkai01()]), pdf, seed=7, watermark=True)
    texts = _page_texts(pdf)
    assert all(WATERMARK_TEXT in text for text in texts)
    _assert_cells_on_pages(truth, texts)


def test_same_seed_same_bytes_and_other_seed_other_layout(tmp_path: Path) -> None:
    spec = _document([_gongkai01(), _form()])
    a, b, c = (tmp_path / name / "doc.pdf" for name in "abc")
    truth_a = render_document(spec, a, seed=11)
    truth_b = render_document(spec, b, seed=11)
    render_document(spec, c, seed=12)
    assert a.read_bytes() == b.read_bytes()
    assert truth_a == truth_b
    assert a.read_bytes() != c.read_bytes()


@pytest.mark.parametrize("repeat", [True, False])
def test_long_table_continues_onto_more_pages_as_one_table(tmp_path: Path, repeat: bool) -> None:
    table = _gongkai01()
    body = table.grid[3:]
    table.grid = table.grid + [list(row) for row in body * 4]
    seed = next(s for s in range(100) if choose_style(s).repeat_header == repeat)
    truth = render_document(_document([table]), tmp_path / "long.pdf", seed=seed)
    pages = truth["tables"][0]["pages"]
    assert len(pages) >= 2 and pages == list(range(pages[0], pages[-1] + 1))
    texts = _page_texts(tmp_path / "long.pdf")
    _assert_cells_on_pages(truth, texts)
    header = "".join(table.grid[1])  # 项目 行次 金额 项目 行次 金额: printed nowhere but in the header
    assert header in texts[pages[0] - 1]
    assert all((header in texts[p - 1]) == repeat for p in pages[1:])


def test_max_pages_drops_whole_trailing_blocks(tmp_path: Path) -> None:
    pdf = tmp_path / "short.pdf"
    truth = render_document(_document([make() for make in ALL_TABLES]), pdf, seed=2, max_pages=4)
    assert len(truth["pages"]) <= 4
    assert all(p <= 4 for t in truth["tables"] for p in t["pages"])


def test_tables_are_ruled_with_vector_lines_and_merges_have_no_inner_line(tmp_path: Path) -> None:
    """The 公开01 header row 收入 | 支出 is two merged cells: no vertical rule may cross either inside."""
    table = _gongkai01()
    style = choose_style(5)
    geo = measure_table(table, style, 480.0)
    assert [(c.col, c.colspan) for c in geo.cells if c.row == 0] == [(0, 3), (3, 3)]
    items, _ = draw_slice(geo, [(0, len(table.grid))], 0.0, 0.0)
    verticals = [r for r in items if isinstance(r, Rule) and r.x0 == r.x1]
    edges = [sum(geo.widths[:c]) for c in range(len(geo.widths) + 1)]
    row0, row1 = (0.0, geo.heights[0]), (geo.heights[0], geo.heights[0] + geo.heights[1])

    def crosses(x: float, rows: tuple[float, float]) -> bool:
        return any(abs(r.x0 - x) < 1e-6 and min(r.y0, r.y1) < rows[1] and max(r.y0, r.y1) > rows[0] for r in verticals)

    assert not any(crosses(edges[c], row0) for c in (1, 2, 4, 5))
    assert crosses(edges[3], row0)
    assert all(crosses(edges[c], row1) for c in range(len(edges)))
    pdf = tmp_path / "ruled.pdf"
    truth = render_document(_document([table]), pdf, seed=5)
    doc = pdfium.PdfDocument(pdf)
    page = doc[truth["tables"][0]["pages"][0] - 1]
    assert any(obj.type == pdfium_c.FPDF_PAGEOBJ_PATH for obj in page.get_objects()), "rules must be vector paths"
    doc.close()


def test_wrap_splits_a_long_name_into_lines_that_fit() -> None:
    style = choose_style(1)
    name = "机关事业单位基本养老保险缴费支出"
    lines = wrap(name, style.body_font, 9.0, 60.0)
    assert len(lines) >= 2 and "".join(lines) == name


def test_header_fields_and_notes_are_printed_on_the_tables_first_and_last_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "doc.pdf"
    tables = [_gongkai01(), _gongkai07_empty()]
    truth = render_document(_document(tables), pdf, seed=4)
    texts = _page_texts(pdf)
    for spec, table in zip(tables, truth["tables"]):
        first, last = texts[table["pages"][0] - 1], texts[table["pages"][-1] - 1]
        assert spec.title in first and spec.org_line in first and spec.unit_line in first
        for note in (spec.note, spec.empty_note):
            assert note is None or _SPACE.sub("", note) in last + texts[min(table["pages"][-1], len(texts) - 1)]


FIXTURES = Path(__file__).resolve().parent.parent / "samples" / "fixtures"


@pytest.mark.parametrize("truth_file", sorted(FIXTURES.glob("*.truth.json")), ids=lambda p: p.name)
def test_committed_fixture_matches_its_truth(truth_file: Path) -> None:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pdf = truth_file.with_name(truth["file"])
    assert contract_errors(truth) == []
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == truth["sha256"]
    if all(page["source"] == "text-layer" for page in truth["pages"]):
        _assert_cells_on_pages(truth, _page_texts(pdf))


def test_cli_writes_a_mixed_corpus_with_valid_truth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("samples.generator.content")
    from samples.generator.__main__ import main

    assert main(["--out", str(tmp_path), "--count", "4", "--seed", "3", "--variants", "digital,watermarked",
                 "--pages-max", "6"]) == 0
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert len(truths) == 4 and len(list(tmp_path.glob("*.pdf"))) == 4
    kinds = set()
    for truth_file in truths:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        assert contract_errors(truth) == [] and len(truth["pages"]) <= 6
        kinds.add(truth["document"]["kind"])
        texts = _page_texts(tmp_path / truth["file"])
        _assert_cells_on_pages(truth, texts)
        assert ("watermarked" in truth["file"]) == all(WATERMARK_TEXT in t for t in texts)
    assert kinds == {"决算", "预算"}
    assert "pages/s" in capsys.readouterr().out


def test_a_merge_outside_the_grid_is_rejected(tmp_path: Path) -> None:
    table = _gongkai01()
    table.merges.append(Merge(len(table.grid) - 1, 0, 2, 1))
    with pytest.raises(ValueError, match="outside"):
        render_document(_document([table]), tmp_path / "bad.pdf", seed=1)


def test_degraded_truth_keeps_the_tables_and_says_how_pages_must_be_read(tmp_path: Path) -> None:
    pdf = tmp_path / "doc.pdf"
    truth = render_document(_document([_gongkai01()]), pdf, seed=8)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(pdf.read_bytes() + b"\n%damaged\n")
    rotations = [{"number": n, "rotation": 90 if n == 2 else 0} for n in range(1, len(truth["pages"]) + 1)]
    scanned = scanned_truth(truth, copy, rotations)
    garbled = garbled_truth(truth, copy, [2])
    for degraded in (scanned, garbled):
        assert contract_errors(degraded) == []
        assert degraded["tables"] == truth["tables"]
        assert degraded["file"] == "copy.pdf" and degraded["sha256"] != truth["sha256"]
    assert {p["source"] for p in scanned["pages"]} == {"ocr"}
    assert [p["rotation"] for p in scanned["pages"]][:3] == [0, 90, 0]
    assert [p["number"] for p in garbled["pages"] if p["source"] == "ocr"] == [2]
    assert [w["page"] for w in garbled["warnings"]] == [2]
    assert truth["pages"][1]["source"] == "text-layer"
