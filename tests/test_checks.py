import pytest

from extractor.checks import cross_table_checks
from extractor.checks.arith import combine, equal_check, sum_check, tolerance
from extractor.checks.tables import hierarchy_checks, row_total_groups, top_codes
from extractor.model import Check, Normalised, Record
from extractor.normalise import normalise_table
from tests.seedtables import SEEDS, seed_table


def test_sum_within_rounding_tolerance():
    assert sum_check("t = a + b", 1.00, [0.33, 0.66]).status == "pass"  # 0.01 off, 2 terms allowed 0.02
    assert sum_check("t = a + b", 1.00, [0.33, 0.64]).status == "fail"
    assert sum_check("t = a", 5.0, [5.0]).detail == "5.00 = 5.00"
    assert tolerance(3) == pytest.approx(0.03)


def test_missing_amounts_count_as_zero_but_all_missing_is_skipped():
    assert sum_check("t = a + b", None, [None, None]).status == "skipped"
    assert sum_check("t = a + b", 2.0, [2.0, None]).status == "pass"
    failed = sum_check("t = a + b", None, [2.0, None])
    assert failed.status == "fail" and failed.detail == "— ≠ 2.00"
    assert equal_check("x = y", 1.0, 1.0).status == "pass"


def test_combine_names_the_failures():
    ok, bad = Check("r", "pass", "1.00 = 1.00"), Check("r", "fail", "1.00 ≠ 2.00")
    assert combine("r", [("201", ok), ("208", bad)]) == Check("r", "fail", "1 of 2 differ: 208: 1.00 ≠ 2.00")
    assert combine("r", [("201", ok)]).detail == "1.00 = 1.00"
    assert combine("r", [("201", Check("r", "skipped"))]).status == "skipped"


def _rec(code, *values, item=None):
    return Record(None, code, None, item, None, list(values))


def test_code_hierarchy_finds_the_wrong_parent():
    records = [_rec("201", 10.0), _rec("20103", 6.0), _rec("2010301", 6.0), _rec("20199", 3.0), _rec("2019999", 3.0)]
    checks = {c.rule: c for c in hierarchy_checks(records, ["金额"])}
    assert checks["类 = Σ 款"].status == "fail" and "201 金额: 10.00 ≠ 9.00" in checks["类 = Σ 款"].detail
    assert checks["款 = Σ 项"].status == "pass"
    assert [r.code for r in top_codes(records)] == ["201"]


def test_row_total_groups_follow_the_header_tree():
    shanxi = ["预算数/合计", "预算数/因公出国(境)费", "预算数/公务用车购置及运行维护费/小计",
              "预算数/公务用车购置及运行维护费/公务用车购置费", "预算数/公务用车购置及运行维护费/公务用车运行维护费", "预算数/公务接待费"]
    assert row_total_groups(shanxi) == [(0, [1, 2, 5]), (2, [3, 4])]
    # Shanghai prints 预算数/决算数 as the lowest level, alternating.
    shanghai = [f"三公/{name}/{m}" for name in ("合计", "出国") for m in ("预算数", "决算数")]
    shanghai += [f"三公/车/{sub}/{m}" for sub in ("小计", "购置", "运行") for m in ("预算数", "决算数")]
    shanghai += [f"三公/接待/{m}" for m in ("预算数", "决算数")]
    groups = dict(row_total_groups(shanghai))
    assert groups[0] == [2, 4, 10] and groups[1] == [3, 5, 11]
    assert groups[4] == [6, 8] and groups[5] == [7, 9]
    assert row_total_groups(["本年收入合计", "财政拨款收入", "其他收入"]) == [(0, [1, 2])]


@pytest.mark.skipif(not SEEDS.exists(), reason="seed reports not available")
def test_cross_table_checks_on_datong():
    labels = [("公开01表", "公开01"), ("公开02表", "公开02"), ("公开03表", "公开03"), ("公开04表", "公开04"),
              ("公开05表", "公开05"), ("公开06表", "公开06")]
    tables = [(label, normalise_table(seed_table("datong-2024-juesuan", marker), label, "万元")) for marker, label in labels]
    cross = cross_table_checks(tables)
    rules = {c.rule: c for checks in cross.values() for c in checks}
    assert rules["公开01 本年收入合计 = 公开02 合计"].detail == "1126.93 = 1126.93"
    assert rules["公开05 基本支出 = 公开06 人员经费合计 + 公用经费合计"].detail == "204.29 = 204.29"
    assert rules["公开04 支出功能分类(一般公共预算) = 公开05 类"].status == "pass"
    assert {c.status for c in rules.values()} == {"pass"}
    assert rules["公开01 本年支出合计 = 公开03 合计"] in cross[0] and rules["公开01 本年支出合计 = 公开03 合计"] in cross[2]

    # A misread amount in 公开05 shows up as failed equalities, not as an error.
    general = tables[4][1]
    total = next(r for r in general.records if r.item == "合计")
    total.values[1] = 214.29
    cross = cross_table_checks(tables)
    rules = {c.rule: c for checks in cross.values() for c in checks}
    assert rules["公开05 基本支出 = 公开06 人员经费合计 + 公用经费合计"].status == "fail"


def test_cross_table_checks_need_both_tables():
    lone = Normalised(columns={"": ["合计"]}, records=[_rec(None, 1.0, item="合计")])
    assert cross_table_checks([("公开02", lone)]) == {}


def test_carry_over_identity_of_fund_tables():
    from tests.seedtables import raw

    grid = [["项目", "项目", "年初结转和结余", "本年收入", "本年支出", "本年支出", "本年支出", "年末结转和结余"],
            ["科目编码", "科目名称", "年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"],
            ["212", "城乡社区支出", "1.00", "10.00", "9.50", "", "9.50", "1.50"],
            ["229", "其他支出", "", "2.00", "1.00", "", "1.00", "0.50"]]
    checks = {c.rule: c for c in normalise_table(raw(grid), "公开07", "万元").checks}
    carry = checks["年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出"]
    assert carry.status == "fail" and carry.detail.startswith("1 of 2 differ: 229")


def test_a_project_forms_fund_total_is_the_sum_of_its_sources() -> None:
    """A scanned 绩效目标表 read 3,607,900 as 8,607,900 in its 资金总额 line; no other identity saw it."""
    from extractor.checks.forms import form_checks
    from extractor.model import Form, Fund

    def form(total: float) -> Form:
        return Form(project="p", funds=[Fund("资金总额", total, 3607900.0), Fund("财政拨款", 3607900.0, 3607900.0), Fund("其他资金", 0.0, 0.0)])

    (misread,) = form_checks(form(8607900.0), "绩效目标表")
    assert misread.status == "fail" and "年初预算数" in misread.detail and "全年预算数" not in misread.detail
    assert [c.status for c in form_checks(form(3607900.0), "绩效目标表")] == ["pass"]


def test_a_department_forms_total_is_the_sum_of_each_of_its_breakdowns() -> None:
    """A scanned 整体绩效目标表 read its 合计 3171.56 as 171.56 and no check failed (fenyang 2024's own form:
    1256.36 = 1256.36 + 0 … by source, = 229.24 + 1027.12 by direction)."""
    from extractor.checks.forms import form_checks
    from extractor.model import Form, Fund

    def form(total: float) -> Form:
        return Form(funds=[Fund("合计", annual_budget=total), Fund("其中：一般公共预算资金", annual_budget=1256.36),
                           Fund("其中：基本支出", annual_budget=229.24), Fund("政府性基金预算资金", annual_budget=0.0),
                           Fund("项目支出", annual_budget=1027.12), Fund("单位资金", annual_budget=0.0),
                           Fund("人员经费", annual_budget=200.0)])  # a breakdown of 基本支出: in neither sum

    assert [c.status for c in form_checks(form(1256.36), "整体绩效目标表")] == ["pass", "pass"]
    assert [c.status for c in form_checks(form(256.36), "整体绩效目标表")] == ["fail", "fail"]
    whole_eval = Form(funds=[Fund("年度资金总额", 100.0, 100.0, 90.0), Fund("其中：基本支出", 60.0, 60.0, 50.0)])
    assert not [c for c in form_checks(whole_eval, "整体绩效自评表") if "资金总额" in c.rule]  # no real form to go by


def test_a_self_evaluations_weights_add_up_to_full_marks() -> None:
    """A scanned 整体绩效自评表 read two weights of 7 as 77; the 总分 identity uses scores only, so nothing failed."""
    from extractor.checks.forms import weight_total_check
    from extractor.model import Form, Fund, Indicator

    def form(weights: list[float | None], funds_weight: float | None) -> Form:
        return Form(funds=[Fund("年度资金总额", weight=funds_weight)],
                    indicators=[Indicator(None, None, f"i{k}", None, None, w, 1.0, None) for k, w in enumerate(weights)])

    assert weight_total_check(form([7.0] * 12 + [6.0], 10.0)).status == "pass"
    assert weight_total_check(form([77.0, 77.0] + [7.0] * 10 + [6.0], 10.0)).status == "fail"
    assert weight_total_check(form([20.0, 10.0, 10.0, 10.0, 30.0, 10.0], None)).status == "pass"  # 执行率 weighs 10 unprinted
    assert weight_total_check(form([20.0, None], None)) is None  # a weight not read: nothing to add up
