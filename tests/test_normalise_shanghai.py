"""Shanghai layouts, typed from shanghai-putuo-caizhengju-2024-juesuan.pdf (上海市普陀区财政局 2024 部门决算)."""

from dataclasses import replace

from extractor.model import Record
from extractor.normalise import normalise_table
from tests.seedtables import raw

HEAD_02 = [
    ["项目", "项目", "项目", "项目", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    ["支出功能分类科目编码", "支出功能分类科目编码", "支出功能分类科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    ["类", "款", "项", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
]


def _row(cls, kuan, xiang, name, total, grant, other=""):
    return [cls, kuan, xiang, name, total, grant, "", "", "", "", other]


def test_split_codes_are_joined():
    grid = HEAD_02 + [
        ["", "", "", "合计", "2,112.86", "2,106.66", "", "", "", "", "6.20"],  # only class 201 typed
        _row("201", "", "", "一般公共服务支出", "2,112.86", "2,106.66", "6.20"),
        _row("201", "06", "", "财政事务", "2,112.86", "2,106.66", "6.20"),
        _row("201", "06", "01", "行政运行", "1,511.90", "1,511.89", "0.01"),
        _row("201", "06", "02", "一般行政管理事务", "16.19", "10.00", "6.19"),
        _row("201", "06", "07", "信息化建设", "135.25", "135.25"),
        _row("201", "06", "08", "财政委托业务支出", "449.52", "449.52"),
    ]
    n = normalise_table(raw(grid), "公开02", "万元")
    assert n.columns[""][0] == "本年收入合计"
    assert n.records[0] == Record(None, None, None, "合计", None, [2112.86, 2106.66, None, None, None, None, 6.2])
    assert n.records[3] == Record(None, "2010601", None, "行政运行", None, [1511.9, 1511.89, None, None, None, None, 0.01])
    assert [r.code for r in n.records[1:]] == ["201", "20106", "2010601", "2010602", "2010607", "2010608"]
    assert {c.status for c in n.checks} == {"pass"}


def test_wrapped_names_in_an_unruled_table():
    grid = HEAD_02 + [
        _row("208", "05", "", "行政事业单位养老支出", "241.13", "241.13"),
        _row("208", "05", "05", "", "160.75", "160.75"),
        ["", "", "", "机关事业单位基本养老保险", "", "", "", "", "", "", ""],
        ["", "", "", "缴费支出", "", "", "", "", "", "", ""],
        _row("208", "05", "06", "机关事业单位职业年金缴费", "80.38", "80.38"),
        ["", "", "", "支出", "", "", "", "", "", "", ""],
    ]
    n = normalise_table(replace(raw(grid), ruled=False), "公开02", "万元")
    items = {r.code: r.item for r in n.records}
    assert items == {"20805": "行政事业单位养老支出", "2080505": "机关事业单位基本养老保险缴费支出",
                     "2080506": "机关事业单位职业年金缴费支出"}


def test_basic_detail_with_two_blocks_and_split_economic_codes():
    head = [
        ["经济分类科目编码", "经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "经济分类科目编码", "科目名称", "决算数"],
        ["类", "款", "科目名称", "决算数", "类", "款", "科目名称", "决算数"],
    ]
    body = [
        ["301", "", "工资福利支出", "2,082.85", "302", "", "商品和服务支出", "171.07"],
        ["301", "01", "基本工资", "262.33", "302", "01", "办公费", ""],
        ["301", "02", "津贴补贴", "1,238.58", "302", "02", "印刷费", "7.61"],
        ["301", "99", "其他工资福利支出", "581.94", "302", "99", "其他商品和服务支出", "163.46"],
        ["303", "", "对个人和家庭的补助", "69.41", "310", "", "资本性支出", "13.58"],
        ["303", "02", "退休费", "69.10", "310", "02", "办公设备购置", "13.58"],
        ["303", "09", "奖励金", "0.31", "", "", "", ""],
        ["人员经费合计", "人员经费合计", "人员经费合计", "2,152.26", "公用经费合计", "公用经费合计", "公用经费合计", "184.65"],
    ]
    n = normalise_table(raw(head + body), "公开06", "万元")
    assert n.columns == {"": ["决算数"]}
    by_code = {r.code: r for r in n.records if r.code}
    assert by_code["30101"] == Record(None, "30101", None, "基本工资", "人员经费", [262.33])
    assert by_code["30201"].values == [None] and by_code["31002"].group == "公用经费"
    assert [r.code for r in n.records[:7]] == ["301", "30101", "30102", "30199", "303", "30302", "30309"]
    totals = [r for r in n.records if r.code is None]
    assert [(r.item, r.group, r.values) for r in totals] == [("人员经费合计", "人员经费", [2152.26]),
                                                            ("公用经费合计", "公用经费", [184.65])]
    rules = {c.rule: c.status for c in n.checks}
    assert rules["人员经费合计 = 301 + 303"] == "pass" and rules["公用经费合计 = 302 + 310"] == "pass"


def test_sangong_with_alternating_budget_and_actual_columns():
    top = "财政拨款“三公”经费"
    grid = [
        [top] * 12,
        ["合计", "合计", "因公出国（境）费", "因公出国（境）费"] + ["公务用车购置及运行费"] * 6 + ["公务接待费", "公务接待费"],
        ["合计", "合计", "因公出国（境）费", "因公出国（境）费", "小计", "小计", "公务用车购置费", "公务用车购置费",
         "公务用车运行费", "公务用车运行费", "公务接待费", "公务接待费"],
        ["预算数", "决算数"] * 6,
        ["0.95", "0.42", "", "", "", "", "", "", "", "", "0.95", "0.42"],
    ]
    n = normalise_table(raw(grid), "公开09", "万元")
    assert n.columns[""][:2] == [f"{top}/合计/预算数", f"{top}/合计/决算数"]
    assert n.columns[""][5] == f"{top}/公务用车购置及运行费/小计/决算数"
    assert n.records == [Record(None, None, None, None, None, [0.95, 0.42] + [None] * 8 + [0.95, 0.42])]
    assert [c.status for c in n.checks] == ["pass", "pass", "skipped", "skipped"]  # no car expenses printed
    grid[4][1] = "0.52"
    failed = [c for c in normalise_table(raw(grid), "公开09", "万元").checks if c.status == "fail"]
    assert [c.rule.split(" = ")[0] for c in failed] == [f"{top}/合计/决算数"]


def test_two_sided_wrapped_items_in_an_unruled_table():
    grid = [
        ["收入", "收入", "支出", "支出", "支出"],
        ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款"],
        ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "2,106.66", "2,106.66"],
        ["二、政府性基金预算财政拨", "", "二、外交支出", "", ""],
        ["款", "", "", "", ""],
        ["", "", "七、文化旅游体育与传媒支", "833.39", "833.39"],
        ["", "", "出", "", ""],
        ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05", "2,940.05"],
        ["年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", "21.63", "21.63"],
        ["总计", "2,961.68", "总计", "2,961.68", "2,961.68"],
    ]
    n = normalise_table(replace(raw(grid), ruled=False), "公开04", "万元")
    items = [(r.side, r.item) for r in n.records]
    assert ("收入", "二、政府性基金预算财政拨款") in items and ("支出", "七、文化旅游体育与传媒支出") in items
    assert ("收入", "款") not in items and len(items) == 11
    assert ("收入", "年初财政拨款结转和结余") in items  # a carry-over line is never a wrapped tail
    assert {c.status for c in n.checks} == {"pass"}


def test_sangong_header_given_only_in_first_cells_of_merges():
    # The same table as text extraction gives it: a merged label only in its first column.
    grid = [
        ["财政拨款“三公”经费"] + [""] * 11,
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
        ["预算数", "决算数"] * 6,
        ["0.95", "0.42", "", "", "", "", "", "", "", "", "0.95", "0.42"],
    ]
    n = normalise_table(raw(grid), "公开09", "万元")
    assert n.columns[""][7] == "财政拨款“三公”经费/公务用车购置及运行费/公务用车购置费/决算数"
    assert n.records[0].values[:2] == [0.95, 0.42]
    assert [c.status for c in n.checks] == ["pass", "pass", "skipped", "skipped"]
