"""An OCR misreading is mended by the table's identities only when exactly one alternative fits."""

from __future__ import annotations

from extractor.model import RawTable, TableContext
from extractor.normalise import normalise_table

HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]


def _table(rows: list[list[str]], alternatives: dict[tuple[int, int], tuple[str, ...]]) -> RawTable:
    grid = HEADER + rows
    return RawTable(pages=[5], grid=grid, confidence=[[1.0] * 5 for _ in grid], header_rows=1,
                    context=TableContext(title="一般公共预算财政拨款支出决算表", unit="万元"), alternatives=alternatives)


ROWS = [
    ["", "合计", "1126.92", "204.29", "922.63"],
    ["201", "一般公共服务支出", "1066.35", "154.03", "912.32"],
    ["20101", "人大事务", "2.47", "2.47", ""],
    ["2010150", "事业运行", "2.47", "2.47", ""],
    ["20103", "政府办公厅（室）及相关机构事务", "1063.88", "151.56", "912.32"],
    ["2010301", "行政运行", "151.56", "151.56", ""],
    ["2010306", "政务公开审批", "912.32", "", "912.32"],
    ["221", "住房保障支出", "60.57", "50.26", "10.31"],
    ["22102", "住房改革支出", "60.57", "50.26", "10.31"],
    ["2210201", "住房公积金", "60.57", "50.26", "10.31"],
]


def _failed(out) -> list[str]:
    return [c.rule for c in out.checks if c.status == "fail"]


def test_clean_table_passes() -> None:
    assert not _failed(normalise_table(_table(ROWS, {}), "公开05", "万元"))


def test_misread_digit_repaired_from_the_alternative() -> None:
    rows = [list(r) for r in ROWS]
    rows[5][2] = "157.56"  # 1 read as 7 ... the 款 20103 and the row total now disagree
    out = normalise_table(_table(rows, {(6, 2): ("151.56",)}), "公开05", "万元")
    assert not _failed(out)
    row = next(r for r in out.records if r.code == "2010301")
    assert row.values[0] == 151.56
    assert any(i.code == "ocr-repaired" for i in out.issues)


def test_no_fitting_alternative_leaves_the_failure_visible() -> None:
    rows = [list(r) for r in ROWS]
    rows[5][2] = "157.56"
    out = normalise_table(_table(rows, {(6, 2): ("187.56",)}), "公开05", "万元")
    assert _failed(out)
    assert next(r for r in out.records if r.code == "2010301").values[0] == 157.56
    assert not any(i.code == "ocr-repaired" for i in out.issues)
