"""Normalising the tables of the three real reports (/work/shared/seeds)."""

import pytest

from extractor.model import Record
from extractor.normalise import normalise_table
from tests.seedtables import SEEDS, grid_containing, raw, seed_grids, seed_table

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="seed reports not available")


def _by_code(records: list[Record]) -> dict[str, Record]:
    return {r.code: r for r in records if r.code}


def _statuses(checks) -> set[str]:
    return {c.status for c in checks}


def test_datong_02_records_and_checks():
    n = normalise_table(seed_table("datong-2024-juesuan", "公开02表"), "公开02", "万元")
    assert n.columns == {"": ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]}
    assert n.records[0] == Record(None, None, None, "合计", None, [1126.93, 1126.92, None, None, None, None, 0.01])
    rows = _by_code(n.records)
    assert rows["2010301"] == Record(None, "2010301", None, "行政运行", None, [135.49, 135.49, None, None, None, None, None])
    assert rows["20103"].item == "政府办公厅（室）及相关机构事务"
    assert len(rows) == 26
    assert _statuses(n.checks) == {"pass"}
    assert {c.rule for c in n.checks} >= {"合计 = Σ 类", "类 = Σ 款", "款 = Σ 项"}


def test_datong_05_column_paths_and_row_totals():
    n = normalise_table(seed_table("datong-2024-juesuan", "公开05表"), "公开05", "万元")
    assert n.columns[""] == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    assert _by_code(n.records)["2080506"].values == [None, None, None]  # printed with no amounts
    rules = {c.rule: c for c in n.checks}
    assert rules["本年支出/小计 = 基本支出 + 项目支出"].status == "pass"


def test_rounding_differences_pass_within_tolerance():
    # 公开06: 301 is printed as 181.22 while its items add up to 181.21 (尾数误差).
    n = normalise_table(seed_table("datong-2024-juesuan", "公开06表"), "公开06", "万元")
    hierarchy = next(c for c in n.checks if c.rule.startswith("类 = Σ 款"))
    assert hierarchy.status == "pass"
    # fenyang 预算02: 20103 is 1194.16, its 项 add up to 1194.17.
    n = normalise_table(seed_table("fenyang-2024-yusuan", "2024年预算收入总表"), "预算02", "万元")
    assert next(c for c in n.checks if c.rule == "款 = Σ 项").status == "pass"


def test_datong_01_two_sided():
    n = normalise_table(seed_table("datong-2024-juesuan", "公开01表"), "公开01", "万元")
    assert n.columns == {"收入": ["金额"], "支出": ["金额"]}
    income = [r for r in n.records if r.side == "收入"]
    spend = [r for r in n.records if r.side == "支出"]
    assert income[0] == Record("收入", None, 1, "一、一般公共预算财政拨款收入", None, [1126.92])
    assert Record("收入", None, 29, "年初结转和结余", None, [7.15]) in income
    assert Record("支出", None, 62, "总计", None, [1134.08]) in spend
    blank = [r for r in income if not r.item]  # lines printed with only their 行次 are lines all the same
    assert [r.line for r in blank] == [*range(9, 27), 30] and all(v is None for r in blank for v in r.values)
    assert len(spend) == 31 and len(income) == 31  # datong prints a blank line 30 / 61 before 总计
    assert _statuses(n.checks) == {"pass"}
    assert "本年收入合计 = Σ 收入 1..8" in {c.rule for c in n.checks}
    assert "总计 收入 = 总计 支出" in {c.rule for c in n.checks}


def test_datong_04_carry_over_breakdown():
    n = normalise_table(seed_table("datong-2024-juesuan", "公开04表"), "公开04", "万元")
    assert n.columns["支出"] == ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    rules = {c.rule: c for c in n.checks}
    assert rules["年初财政拨款结转和结余 = 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 国有资本经营预算财政拨款"].status == "pass"
    assert rules["总计 = 本年收入合计 + 年初财政拨款结转和结余"].detail == "1131.45 = 1131.45"
    assert _statuses(n.checks) == {"pass"}


def test_datong_06_triples_and_groups():
    n = normalise_table(seed_table("datong-2024-juesuan", "公开06表"), "公开06", "万元")
    rows = _by_code(n.records)
    assert rows["30101"] == Record(None, "30101", None, "基本工资", "人员经费", [59.99])
    assert rows["30302"].group == "人员经费" and rows["30239"].values == [8.82]
    assert rows["30201"].group == "公用经费"
    assert rows["309"].values == [None]  # printed ———
    totals = [r for r in n.records if r.code is None]
    assert totals == [Record(None, None, None, "人员经费合计", "人员经费", [188.72]),
                      Record(None, None, None, "公用经费合计", "公用经费", [15.57])]
    assert {c.rule: c.status for c in n.checks}["人员经费合计 = 301 + 303"] == "pass"
    assert _statuses(n.checks) == {"pass"}


def test_blank_tables_skip_their_checks():
    n = normalise_table(seed_table("datong-2024-juesuan", "公开07表"), "公开07", "万元")
    assert n.records == [Record(None, None, None, "合计", None, [None] * 6)]
    assert n.checks and _statuses(n.checks) == {"skipped"}
    n = normalise_table(seed_table("datong-2024-juesuan", "公开09表"), "公开09", "万元")
    assert n.records == [] and len(n.columns[""]) == 12
    assert _statuses(n.checks) == {"skipped"}


def test_lanxian_09_budget_then_actual():
    n = normalise_table(seed_table("lanxian-2024-juesuan", "公开09表"), "公开09", "万元")
    assert n.columns[""][0] == "预算数/合计" and n.columns[""][10] == "决算数/公务用车购置及运行维护费/公务用车运行维护费"
    assert n.records == [Record(None, None, None, None, None, [2.49, None, 2.49, None, 2.49, None] * 2)]
    assert len(n.checks) == 4 and _statuses(n.checks) == {"pass"}


def test_lanxian_01_without_header():
    n = normalise_table(raw(grid_containing("lanxian-2024-juesuan", "二十四、债务还本支出")), "公开01", "万元")
    assert Record("收入", None, 27, "本年收入合计", None, [682.83]) in n.records
    assert Record("支出", None, 62, "总计", None, [682.83]) in n.records
    assert "header-missing" in {i.code for i in n.issues}
    rules = {c.rule: c.status for c in n.checks}
    assert rules["本年支出合计 = Σ 支出"] == "skipped"  # the top of the table is missing
    assert rules["总计 收入 = 总计 支出"] == "pass"


def test_datong_10_statistics():
    n = normalise_table(seed_table("datong-2024-juesuan", "公开10表"), "公开10", "万元")
    by_line = {r.line: r for r in n.records if r.line}
    assert by_line[1] == Record(None, None, 1, "合计", None, [640.57])
    assert by_line[6].values == [15.57] and by_line[10].values == [1.0]
    assert Record(None, None, None, "一、政府采购情况", None, [None]) in n.records
    assert _statuses(n.checks) == {"pass"} and len(n.checks) == 2


def test_fenyang_budget_tables():
    n = normalise_table(seed_table("fenyang-2024-yusuan", "预算公开表1"), "预算01", "万元")
    assert n.columns["支出"] == ["2024年合计", "当年预算安排", "上年结转安排"]
    assert Record("收入", None, None, "一、一般公共预算", None, [1256.36]) in n.records
    assert _statuses(n.checks) == {"pass"}
    n = normalise_table(seed_table("fenyang-2024-yusuan", "2024年预算支出总表"), "预算03", "万元")
    assert _by_code(n.records)["2010306"].values == [1027.12, None, 1027.12]
    assert _statuses(n.checks) == {"pass"}
    n = normalise_table(seed_table("fenyang-2024-yusuan", "预算公开表10"), "预算10", "万元")
    items = [r.item for r in n.records]
    assert items == ["因公出国（境）费", "公务接待费", "公务用车购置及运行费", "①公务用车购置费", "②公务用车运行维护费", "合计"]
    assert "合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费" in {c.rule for c in n.checks}
    assert _statuses(n.checks) == {"pass"}


def test_self_evaluation_forms():
    grids = seed_grids("lanxian-2024-juesuan", "项目名称")
    form = normalise_table(raw(grids[0]), "绩效自评表", "万元").form
    assert form.project == "13710督办系统运维费"
    assert form.department == "034-岚县人民政府办公室"
    assert form.implementing_unit == "034001-岚县人民政府办公室"
    total = form.funds[0]
    assert (total.source, total.initial_budget, total.annual_budget, total.executed) == ("资金总额", 2, 2, 2)
    assert (total.weight, total.execution_rate, total.score) == (None, 100, 10)  # no 分值 column printed
    assert form.goals[0].actual == "已完成"
    first = form.indicators[0]
    assert (first.level1, first.level2, first.level3, first.target, first.actual, first.weight, first.score, first.note) == (
        "产出指标", "数量指标", "13710系统运维", "≥1个", "≥1个", 20, 20, None)
    assert [i.level1 for i in form.indicators].count("产出指标") == 4  # filled down from the merged cell
    assert (form.total_score, form.grade) == (100, "优")

    datong = [normalise_table(raw(g), "绩效自评表", "万元").form for g in seed_grids("datong-2024-juesuan", "项目名称")]
    assert [(f.total_score, f.grade) for f in datong[:2]] == [(89.83, "良"), (100, "优")]
    assert datong[0].funds[0].executed == 1.894 and datong[0].funds[1].source == "市县区财政资金"
    cost = datong[0].indicators[3]
    assert (cost.level2, cost.target, cost.actual, cost.weight, cost.score, cost.note) == (
        "成本指标", "≤24200元", "≤18944.4元", 10, 7, "人员变更")
    assert all(f.total_score is not None and f.grade in ("优", "良") for f in datong)


def test_target_forms():
    grids = [g for g in seed_grids("fenyang-2024-yusuan", "项目名称") if "绩效指标" in {c for r in g for c in r}]
    form = normalise_table(raw(grids[0]), "绩效目标表", "万元").form
    assert form.project == "镇(街道)便民服务中心7乘24小时政务服务专区建设经费"
    assert form.implementing_unit == "汾阳市行政审批服务管理局"
    assert form.funds[0].source == "资金总额" and form.funds[0].annual_budget == 1456000
    assert form.goals[0].expected.startswith("给办事群众提供多样化")
    first = form.indicators[0]
    assert (first.level3, first.target, first.actual, first.score) == ("智慧政务自助服务一体机", "14套", None, None)
    assert form.total_score is None and form.grade is None

    whole = normalise_table(raw(seed_grids("fenyang-2024-yusuan", "部门基本信息")[0]), "整体绩效目标表", "万元").form
    assert whole.department == "汾阳市行政审批服务管理局" and whole.project is None
    assert whole.funds[0].annual_budget == 1256.36
    assert [i.level2 for i in whole.indicators][-1] == "服务对象满意度指标"


def test_normalised_tables_fit_the_contract():
    from extractor.model import DocumentMeta, ExtractedTable, ExtractionResult, Page
    from extractor.output.contract import result_json
    from extractor.schema import validate_contract

    picked = [("公开01表", "公开01"), ("公开06表", "公开06"), ("公开09表", "公开09"), ("公开10表", "公开10")]
    tables = []
    for marker, label in picked:
        table = seed_table("datong-2024-juesuan", marker)
        tables.append((table, label))
    tables += [(raw(g), "绩效自评表") for g in seed_grids("datong-2024-juesuan", "项目名称")[:2]]
    extracted = [ExtractedTable(f"t{i}", table, label, 1.0, "万元", normalise_table(table, label, "万元"))
                 for i, (table, label) in enumerate(tables, start=1)]
    result = ExtractionResult("datong.pdf", "0" * 64, DocumentMeta("大同市政务服务中心", 2024, "决算", "万元"),
                              [Page(1, 595.0, 842.0)], extracted, [])
    validate_contract(result_json(result))


def test_every_seed_self_evaluation_adds_up():
    forms = [normalise_table(raw(g), "绩效自评表", "万元") for name in ("datong-2024-juesuan", "lanxian-2024-juesuan")
             for g in seed_grids(name, "项目名称")]
    forms = [f for f in forms if f.form.indicators]
    assert len(forms) == 29
    for f in forms:
        assert [(c.rule.split(" ")[0], c.status) for c in f.checks] == [("总分", "pass"), ("满分", "pass"), ("执行率", "pass"), ("资金总额", "pass")], f.form.project
