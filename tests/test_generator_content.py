"""The generated reports' truth must be internally consistent, printable and contract-valid.

Every identity an extractor's checks test (column totals, 类 = Σ 款 = Σ 项, both
sides of the summary tables, one table's totals reappearing in another) is
tested here on the generator's own truth, within 0.01 per summed term as real
reports' 尾数误差 allows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict
from typing import Any

import pytest

from extractor.schema import contract_errors
from extractor.vocab import name_for
from samples.generator.content import build_document
from samples.generator.spec import DocSpec, Prose, TableSpec

COMBOS = [("决算", "shanxi"), ("决算", "shanghai"), ("决算", "jiangsu"), ("预算", "shanxi"), ("预算", "shanghai"), ("预算", "jiangsu")]
SEEDS = range(6)
# Shanghai budgets 6 and 8 print zeros as 0.00 and whole 元 respectively.
DOCS = [(seed, kind, loc) for kind, loc in COMBOS for seed in SEEDS] + [(6, "预算", "shanghai"), (8, "预算", "shanghai")]
DASHES = {"—", "——", "———", "-"}
NUMBER = re.compile(r"-?[\d,]+(\.\d+)?")

# Per table type: value position that is the sum of other positions in every record row.
ROW_SUMS: dict[str, list[tuple[int, list[int]]]] = {
    "公开02": [(0, [1, 2, 3, 4, 5, 6])],
    "公开03": [(0, [1, 2, 3, 4, 5])],
    "公开05": [(0, [1, 2])],
    "预算03": [(0, [1, 2])],
    "预算05": [(0, [1, 2])],
}


def tables_of(doc: DocSpec) -> list[TableSpec]:
    return [b for b in doc.blocks if isinstance(b, TableSpec)]


@pytest.fixture(scope="module", params=DOCS, ids=[f"{k}-{loc}-{s}" for s, k, loc in DOCS])
def doc(request: pytest.FixtureRequest) -> DocSpec:
    seed, kind, locality = request.param
    return build_document(seed, kind, locality)


def close(a: float | None, b: float | None, terms: int = 1) -> bool:
    """Equal within one cent per summed term, compared in cents (amounts in 元 exceed float's 0.01 resolution)."""
    return abs(round((a or 0) * 100) - round((b or 0) * 100)) <= max(1, terms)


def total_of(table: TableSpec, item: str = "合计", side: str | None = None) -> list[float | None]:
    return next(r["values"] for r in table.records if r["item"] == item and r["side"] == side and r["code"] is None)


def by_type(doc: DocSpec) -> dict[str, TableSpec]:
    return {t.type: t for t in tables_of(doc) if t.form is None and t.type != "其他"}


def parse(cell: str) -> float:
    return float(cell.replace(",", ""))


def test_same_seed_same_document() -> None:
    assert asdict(build_document(7, "决算", "shanxi")) == asdict(build_document(7, "决算", "shanxi"))
    assert asdict(build_document(7, "预算", "shanghai")) != asdict(build_document(8, "预算", "shanghai"))


def test_unknown_kind_or_locality_is_refused() -> None:
    with pytest.raises(ValueError):
        build_document(1, "年报", "shanxi")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        build_document(1, "预算", "beijing")  # type: ignore[arg-type]


def test_grid_is_rectangular_and_merges_repeat_text(doc: DocSpec) -> None:
    for table in tables_of(doc):
        width = len(table.grid[0])
        assert all(len(row) == width for row in table.grid), table.title
        for m in table.merges:
            texts = {table.grid[r][c] for r in range(m.row, m.row + m.rowspan) for c in range(m.col, m.col + m.colspan)}
            assert len(texts) == 1, (table.title, m)


def test_records_agree_with_grid(doc: DocSpec) -> None:
    for table in tables_of(doc):
        if table.form is not None:
            continue
        body = table.grid[table.header_rows:]
        printed = Counter(round(parse(row[c]), 2) for row in body for c in table.numeric_cols
                          if NUMBER.fullmatch(row[c]))
        labels = {row[c] for row in body for c in table.numeric_cols if row[c] and not NUMBER.fullmatch(row[c])}
        assert labels <= DASHES | {row[0] for row in body}, (table.title, labels)  # dashes, or a title spanning the row
        recorded = Counter(v for r in table.records for v in r["values"] if v is not None)
        assert printed == recorded, table.title
        body_text = {cell for row in body for cell in row}
        for rec in table.records:
            assert rec["item"] is None or rec["item"] in body_text, (table.title, rec)
            width = len(table.columns[rec["side"] or ""])
            assert len(rec["values"]) == width, (table.title, rec)


def test_record_codes_are_in_the_vocabulary(doc: DocSpec) -> None:
    for table in tables_of(doc):
        for rec in table.records:
            if rec["code"] is not None:
                assert name_for(rec["code"]) == rec["item"], (table.title, rec)


def _check_hierarchy(table: TableSpec) -> None:
    coded = [r for r in table.records if r["code"]]
    for group in {r["group"] for r in coded}:
        rows = {r["code"]: r["values"] for r in coded if r["group"] == group}
        for code, values in rows.items():
            children = [v for c, v in rows.items() if c.startswith(code) and len(c) == len(code) + 2]
            if not children:
                continue
            for i, value in enumerate(values):
                assert close(value, sum(v[i] or 0 for v in children), len(children)), (table.title, code, i)


def test_code_hierarchy_and_column_totals(doc: DocSpec) -> None:
    for table in tables_of(doc):
        _check_hierarchy(table)
        tops = [r["values"] for r in table.records if r["code"] and len(r["code"]) == 3]
        totals = [r for r in table.records if r["item"] == "合计" and r["code"] is None]
        if tops and totals:
            for i, value in enumerate(totals[0]["values"]):
                assert close(value, sum(v[i] or 0 for v in tops), len(tops)), (table.title, i)
        for target, parts in ROW_SUMS.get(table.type, []):
            for rec in table.records:
                v = rec["values"]
                if len(v) <= max(parts):
                    break
                assert close(v[target], sum(v[p] or 0 for p in parts), len(parts)), (table.title, rec)


def test_two_sided_tables_balance(doc: DocSpec) -> None:
    for table in tables_of(doc):
        if table.type not in ("公开01", "公开04", "预算01", "预算04"):
            continue
        assert {r["side"] for r in table.records} == {"收入", "支出"}, table.title
        last_in = [r for r in table.records if r["side"] == "收入" and r["item"]][-1]
        last_ex = [r for r in table.records if r["side"] == "支出" and r["item"]][-1]
        assert re.search("总计|合计", last_in["item"]) and re.search("总计|合计", last_ex["item"]), table.title
        assert close(last_in["values"][0], last_ex["values"][0]), table.title


def test_juesuan_summary_lines_add_up(doc: DocSpec) -> None:
    t = by_type(doc)
    if "公开01" not in t:
        pytest.skip("not a 决算 report")
    summary = t["公开01"]
    income = [r for r in summary.records if r["side"] == "收入" and r["item"] and "、" in r["item"]]
    expense = [r for r in summary.records if r["side"] == "支出" and r["item"] and "、" in r["item"]]
    received = total_of(summary, "本年收入合计", "收入")[0]
    spent = total_of(summary, "本年支出合计", "支出")[0]
    assert close(received, sum(r["values"][0] or 0 for r in income), len(income))
    assert close(spent, sum(r["values"][0] or 0 for r in expense), len(expense))
    opening = total_of(summary, "年初结转和结余", "收入")[0]
    assert close(total_of(summary, "总计", "收入")[0], (received or 0) + (opening or 0), 2)


def test_juesuan_cross_table_equalities(doc: DocSpec) -> None:
    t = by_type(doc)
    if "公开01" not in t:
        pytest.skip("not a 决算 report")
    s01, s04 = t["公开01"], t["公开04"]
    assert close(total_of(s01, "本年收入合计", "收入")[0], total_of(t["公开02"])[0])
    assert close(total_of(s01, "本年支出合计", "支出")[0], total_of(t["公开03"])[0])
    lines = {r["item"]: r["values"][0] or 0 for r in s01.records if r["side"] == "收入" and r["item"]}
    granted = lines["一、一般公共预算财政拨款收入"] + lines["二、政府性基金预算财政拨款收入"]
    assert close(granted, total_of(t["公开02"])[1], 2)
    assert close(granted, total_of(s04, "本年收入合计", "收入")[0], 2)
    assert close(total_of(s04, "本年支出合计", "支出")[1], total_of(t["公开05"])[0])
    assert close(total_of(s04, "本年支出合计", "支出")[2], total_of(t["公开07"])[2])
    assert close(total_of(s04, "总计", "收入")[0], total_of(s04, "总计", "支出")[0])
    staff = total_of(t["公开06"], "人员经费合计")[0]
    office = total_of(t["公开06"], "公用经费合计")[0]
    assert close(total_of(t["公开05"])[1], (staff or 0) + (office or 0), 2)
    for group, label in (("人员经费", "人员经费合计"), ("公用经费", "公用经费合计")):
        tops = [r["values"][0] or 0 for r in t["公开06"].records if r["group"] == group and r["code"] and len(r["code"]) == 3]
        assert close(total_of(t["公开06"], label)[0], sum(tops), len(tops))
    for rec in t["公开09"].records:
        _check_sangong(rec["values"], shanghai=doc.locality == "shanghai")
    if "公开10" in t:
        lines = {r["line"]: r["values"][0] or 0 for r in t["公开10"].records if r["line"]}
        assert close(lines[1], lines[2] + lines[3] + lines[4], 3)
        assert close(lines[5] + lines[6], office or 0, 2)


def _check_sangong(values: list[float | None], shanghai: bool) -> None:
    v = [x or 0 for x in values]
    blocks = [v[0::2], v[1::2]] if shanghai else [v[:6], v[6:]]
    for total, abroad, cars, buy, run, host in blocks:
        assert close(cars, buy + run, 2) and close(total, abroad + cars + host, 3)


def test_yusuan_cross_table_equalities(doc: DocSpec) -> None:
    t = by_type(doc)
    if "预算01" not in t:
        pytest.skip("not a 预算 report")
    s01, s04 = t["预算01"], t["预算04"]
    income_total = [r for r in s01.records if r["side"] == "收入" and r["item"] and re.search("合计|总计|小计", r["item"])][0]
    grand_total = [r for r in s01.records if r["side"] == "支出" and r["item"] in ("支出总计", "支出合计")][0]
    assert close(income_total["values"][0], total_of(t["预算02"])[0])
    assert close(grand_total["values"][0], total_of(t["预算03"])[0])
    fiscal_total = [r for r in s04.records if r["side"] == "支出" and r["item"] and re.search("合计|总计", r["item"])][0]
    carried = next((r["values"][0] or 0 for r in s04.records if r["item"] == "上年财政拨款结转"), 0)
    assert close(fiscal_total["values"][1] - carried, total_of(t["预算05"])[0], 2)
    assert close(fiscal_total["values"][2], total_of(t["预算08"])[0])
    if "预算13" in t:
        carried_projects = [r["values"][0] for r in t["预算13"].records[1:]]
        stated = next(r["values"][0] for r in s01.records if r["item"] == "上年结转")
        assert close(sum(carried_projects), stated or 0, len(carried_projects))
        assert not t["预算13"].records or close(t["预算13"].records[0]["values"][0], stated)
    if len(total_of(t["预算05"])) > 1:
        assert close(total_of(t["预算05"])[1], total_of(t["预算06"])[0])


def _prose_amounts(doc: DocSpec, heading_start: str) -> list[float]:
    paragraphs = [p for b in doc.blocks if isinstance(b, Prose) and (b.heading or "").startswith(heading_start)
                  for p in b.paragraphs]
    return [float(x.replace(",", "")) for p in paragraphs for x in re.findall(r"([\d,]+\.\d{2})(?:万元|元)", p)]


def test_prose_quotes_the_tables(doc: DocSpec) -> None:
    t = by_type(doc)
    spending = t["公开03"] if "公开03" in t else t["预算03"]
    heading = "三、支出"
    quoted = _prose_amounts(doc, heading)
    for value in total_of(spending)[:2]:
        assert any(close(value, q) for q in quoted), (heading, value, quoted)
    if "公开01" in t:
        assert any(close(total_of(t["公开01"], "总计", "收入")[0], q) for q in _prose_amounts(doc, "一、"))


def test_forms_fill_levels_down(doc: DocSpec) -> None:
    forms = [t for t in tables_of(doc) if t.form is not None]
    assert forms, "every generated report has performance forms"
    for table in forms:
        indicators = table.form["indicators"]
        assert indicators and all(i["level1"] and i["level2"] and i["level3"] for i in indicators)
        text = {cell for row in table.grid for cell in row}
        assert all(i["level3"] in text and i["target"] in text for i in indicators)
        if table.form["total_score"] is not None:
            scores = sum(i["score"] for i in indicators) + sum(f["score"] or 0 for f in table.form["funds"][:1])
            assert close(table.form["total_score"], scores, len(indicators))


def test_project_targets_match_the_project_table(doc: DocSpec) -> None:
    t = by_type(doc)
    if "预算12" not in t:
        pytest.skip("no 项目支出预算表 in this report")
    per_unit = 10000 if t["预算12"].unit == "万元" else 1
    amounts = {r["item"]: r["values"][0] for r in t["预算12"].records}
    targets = [b for b in tables_of(doc) if b.type == "绩效目标表"]
    assert targets
    for form in targets:
        assert close(form.form["funds"][0]["annual_budget"], amounts[form.form["project"]] * per_unit)


def _as_contract(doc: DocSpec) -> dict[str, Any]:
    tables = [
        {"id": f"t{i}", "type": t.type, "type_confidence": 1.0, "title": t.title, "pages": [1], "unit": t.unit,
         "grid": t.grid, "columns": t.columns, "records": t.records, "form": t.form, "checks": []}
        for i, t in enumerate(tables_of(doc), 1)
    ]
    return {"schema": "budget-tables/1", "file": "generated.pdf", "sha256": "0" * 64,
            "document": {"organization": doc.organization, "year": doc.year, "kind": doc.kind, "unit": doc.unit},
            "pages": [{"number": 1, "source": "text-layer", "rotation": 0, "seconds": 0.0}], "tables": tables,
            "warnings": []}


def test_truth_validates_against_the_contract(doc: DocSpec) -> None:
    assert contract_errors(_as_contract(doc)) == []


def test_number_formats_vary_between_documents() -> None:
    def cells(seed: int) -> set[str]:
        doc = build_document(seed, "预算", "shanghai")
        return {t.grid[r][c] for t in tables_of(doc) if t.form is None
                for r in range(t.header_rows, len(t.grid)) for c in t.numeric_cols}

    assert "0.00" in cells(6)
    assert all("." not in cell for cell in cells(8) if NUMBER.fullmatch(cell))
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", cell) for cell in cells(8))


def test_blank_template_keeps_tables_and_empties_values() -> None:
    filled = build_document(11, "决算", "shanghai")
    blank = build_document(11, "决算", "shanghai", blank_template=True)
    assert [t.type for t in tables_of(blank)] == [t.type for t in tables_of(filled) if t.form is None]
    for table in tables_of(blank):
        assert all(v is None for r in table.records for v in r["values"]), table.title
        assert all(not table.grid[r][c] for r in range(table.header_rows, len(table.grid)) for c in table.numeric_cols)
    assert contract_errors(_as_contract(blank)) == []


def test_some_reports_carry_a_rounding_difference() -> None:
    def off_by_a_cent(doc: DocSpec) -> bool:
        for table in tables_of(doc):
            tops = [r["values"][0] or 0 for r in table.records if r["code"] and len(r["code"]) == 3]
            totals = [r["values"][0] for r in table.records if r["item"] == "合计" and r["code"] is None]
            if tops and totals and abs((totals[0] or 0) - sum(tops)) > 0.005:
                return True
        return False

    flagged = sum(off_by_a_cent(build_document(seed, "决算", "shanxi")) for seed in range(30))
    assert 1 <= flagged <= 15
