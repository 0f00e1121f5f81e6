"""The 决算 tables 公开01–10 drawn from a ledger, in the national (Shanxi, Jiangsu) or Shanghai layout.

Shanxi and Jiangsu print 公开NN表 captions, 行次 and 栏次, the full 26-line class list and
the fixed 经济分类 template of 公开06 with four code/name/amount blocks;
Shanghai prints nine tables without captions, codes split into 类/款/项,
no 行次, 06 as two blocks, and the 三公 table before 07/08.
"""

from __future__ import annotations

import random
from extractor.vocab import economic_codes, functional_codes
from samples.generator.coded import ECONOMIC_LEVELS, coded_table
from samples.generator.docstyle import DocStyle, assemble
from samples.generator.grid import Cell, record
from samples.generator.ledger import OTHER_INCOME, Leaf, Ledger, hierarchy
from samples.generator.spec import TableSpec
from samples.generator.twosided import two_sided

CLASSES_2024 = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"), ("205", "教育支出"),
    ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
    ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"), ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"), ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"), ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
)
ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
            "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十")

# 公开06's printed template: Shanxi's four blocks and Shanghai's two, as printed codes.
SHANXI_06 = (
    ("人员经费", "301 30101 30102 30103 30106 30107 30108 30109 30110 30111 30112 30113 30114 30199 303 30301 30302 30303 "
                 "30304 30305 30306 30307 30308 30309 30310 30311 30399"),
    ("公用经费", "302 30201 30202 30203 30204 30205 30206 30207 30208 30209 30211 30212 30213 30214 30215 30216 30217 30218 "
                 "30224 30225 30226 30227 30228 30229 30231 30239 30240 30299"),
    ("公用经费", "307 30701 30702 30703 30704 309 30901 30902 30903 30905 30906 30907 30908 30913 30919 30921 30922 30999 310 "
                 "31001 31002 31003 31005 31006 31007 31008 31009 31010"),
    ("公用经费", "31011 31012 31013 31019 31021 31022 31099 311 31101 31199 312 31201 31203 31204 31205 31206 31299 313 "
                 "31302 31303 31304 399 39907 39908 39909 39910 39999"),
)
SHANGHAI_06 = (
    ("人员经费", "301 30101 30102 30103 30106 30107 30108 30109 30110 30111 30112 30113 30114 30199 303 30301 30302 30303 "
                 "30304 30305 30307 30308 30309 30310 30311 30399"),
    ("公用经费", "302 30201 30202 30203 30204 30205 30206 30207 30208 30209 30211 30212 30213 30214 30215 30216 30217 30218 "
                 "30224 30225 30226 30227 30228 30229 30231 30239 30240 30299 310 31001 31002 31003 31007 31013 31019 31021 "
                 "31022 31099"),
)
# Economic codes that cannot carry basic spending: Shanxi prints a dash in them.
DASHED = ("309", "311")


def class_totals(ledger: Ledger, amount) -> dict[str, int]:
    totals: dict[str, int] = {}
    for leaf in ledger.leaves:
        totals[leaf.code[:3]] = totals.get(leaf.code[:3], 0) + amount(leaf)
    return totals


def _summary(
    style: DocStyle,
    rng: random.Random,
    *,
    type: str,
    number: int,
    title: str,
    income: list[tuple[str, list[int]]],
    expense: list[tuple[str, list[int]]],
    expense_heads: list[str],
    income_head: str,
    note: str | None,
) -> TableSpec:
    """公开01/04: Shanxi numbers the lines (行次) and adds a 栏次 row; Shanghai prints neither."""
    ne = len(expense_heads)
    if style.numbered:
        header = [
            [Cell("收入", colspan=3), Cell("支出", colspan=2 + ne)],
            ["项目", "行次", income_head, "项目", "行次", *expense_heads],
            [Cell("栏次", colspan=2), "1", Cell("栏次", colspan=2), *(str(i + 2) for i in range(ne))],
        ]
        first_line: int | None = len(income) + 1
    else:
        header = [[Cell("收入", colspan=2), Cell("支出", colspan=1 + ne)], ["项目", income_head, "项目", *expense_heads]]
        first_line = None
    return two_sided(style, rng, type=type, number=number, title=title, header=header, label_rows=2, income=income,
                     expense=expense, first_expense_line=first_line, drop=("收入", "支出"), note=note)


def _pad(items: list[tuple[str, list[int | None]]], upto: int, width: int) -> list[tuple[str, list[int | None]]]:
    """Blank rows (no item, no amounts) until the side is ``upto`` rows long."""
    return items + [("", [None] * width)] * (upto - len(items))


def table_01(style: DocStyle, rng: random.Random, ledger: Ledger, pad_line: bool) -> TableSpec:
    shanxi = style.numbered
    fiscal = ledger.fiscal_income
    sources = [("一般公共预算财政拨款收入", fiscal), ("政府性基金预算财政拨款收入", ledger.fund_income),
               ("国有资本经营预算财政拨款收入", 0)]
    sources += [(name, ledger.other_income(name)) for name in OTHER_INCOME]
    income = [(f"{ORDINALS[i]}、{name}", [v]) for i, (name, v) in enumerate(sources)]
    received = sum(v for _, v in sources)
    spent_by_class = class_totals(ledger, lambda leaf: leaf.spent)
    expense = [(f"{ORDINALS[i]}、{name}", [spent_by_class.get(code, 0)]) for i, (code, name) in enumerate(CLASSES_2024)]
    spent = sum(spent_by_class.values())
    opening = ledger.fiscal_open + ledger.other_open
    closing = ledger.fiscal_close + ledger.other_close
    tail_in = [("本年收入合计", [received]), ("使用非财政拨款结余（含专用结余）", [0]), ("年初结转和结余", [opening])]
    tail_ex = [("本年支出合计", [spent]), ("结余分配", [0]), ("年末结转和结余", [closing])]
    if shanxi and pad_line:
        tail_in.append(("", [None]))
        tail_ex.append(("", [None]))
    tail_in.append(("总计", [received + opening]))
    tail_ex.append(("总计", [spent + closing]))
    income = _pad(income, len(expense), 1) + tail_in
    expense = expense + tail_ex
    return _summary(
        style, rng, type="公开01", number=1, title="收入支出决算总表", income=income, expense=expense,
        expense_heads=["金额" if shanxi else "决算数"], income_head="金额" if shanxi else "决算数",
        note="注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。" if shanxi else None,
    )


def table_04(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    shanxi = style.numbered
    fiscal, fund = ledger.fiscal_income, ledger.fund_income
    general = class_totals(ledger, lambda leaf: leaf.fiscal)
    funds = class_totals(ledger, lambda leaf: leaf.gf)
    expense = [(f"{ORDINALS[i]}、{name}", [general.get(code, 0) + funds.get(code, 0), general.get(code, 0),
                                          funds.get(code, 0), 0])
               for i, (code, name) in enumerate(CLASSES_2024)]
    income = [("一、一般公共预算财政拨款", [fiscal]), ("二、政府性基金预算财政拨款", [fund]), ("三、国有资本经营预算财政拨款", [0])]
    income = _pad(income, len(expense), 1)
    spent, spent_fund = ledger.fiscal_spent, ledger.fund_spent
    close = ledger.fiscal_close
    tail_in = [("本年收入合计", [fiscal + fund]), ("年初财政拨款结转和结余", [ledger.fiscal_open]),
               ("一般公共预算财政拨款" if shanxi else "一、一般公共预算财政拨款", [ledger.fiscal_open]),
               ("政府性基金预算财政拨款" if shanxi else "二、政府性基金预算财政拨款", [0]),
               ("国有资本经营预算财政拨款" if shanxi else "三、国有资本经营预算财政拨款", [0]),
               ("总计", [fiscal + fund + ledger.fiscal_open])]
    tail_ex = [("本年支出合计", [spent + spent_fund, spent, spent_fund, 0]), ("年末财政拨款结转和结余", [close, close, 0, 0]),
               ("", [None] * 4), ("", [None] * 4), ("", [None] * 4),
               ("总计", [spent + spent_fund + close, spent + close, spent_fund, 0])]
    heads = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    return _summary(
        style, rng, type="公开04", number=4, title="财政拨款收入支出决算总表", income=income + tail_in,
        expense=expense + tail_ex, expense_heads=heads, income_head="金额" if shanxi else "决算数",
        note="注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。"
        if shanxi else None,
    )


def table_02(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.received, leaf.fiscal_in + leaf.fund_in,
                                                  *(leaf.other_in.get(name, 0) for name in OTHER_INCOME)))
    total = tuple(map(sum, zip(*(values for code, _, values in rows if len(code) == 3))))
    shanxi = style.numbered
    return coded_table(
        style, rng, type="公开02", number=2, title="收入决算表",
        groups=[(name, ()) for name in ("本年收入合计", "财政拨款收入", *OTHER_INCOME)],
        rows=rows, total=total, lanci=shanxi,
        code_header="科目代码" if shanxi else "支出功能分类科目编码",
        note="注：本表反映部门本年度取得的各项收入情况。" if shanxi else None,
    )


def table_03(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.spent, leaf.gb + leaf.nb, leaf.project, 0, 0, 0))
    total = tuple(map(sum, zip(*(values for code, _, values in rows if len(code) == 3))))
    shanxi = style.numbered
    return coded_table(
        style, rng, type="公开03", number=3, title="支出决算表",
        groups=[(name, ()) for name in ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")],
        rows=rows, total=total, lanci=shanxi,
        code_header="科目代码" if shanxi else "支出功能分类科目编码",
        note="注：本表反映部门本年度各项支出情况。" if shanxi else None,
    )


def _idle_sibling(rng: random.Random, ledger: Ledger) -> list[Leaf]:
    """Sometimes a 项 printed with no money at all, as real 05 tables list budgeted-but-unspent items."""
    present = {leaf.code for leaf in ledger.general_leaves}
    parents = {code[:5] for code in present}
    idle = sorted(code for code in functional_codes() if len(code) == 7 and code[:5] in parents and code not in present)
    return [Leaf(rng.choice(idle))] if idle and rng.random() < 0.25 else []


def table_05(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    rows = hierarchy(ledger.general_leaves + _idle_sibling(rng, ledger), lambda leaf: (leaf.fiscal, leaf.gb, leaf.gp))
    total = tuple(map(sum, zip(*(values for code, _, values in rows if len(code) == 3))))
    shanxi = style.numbered
    return coded_table(
        style, rng, type="公开05", number=5, title="一般公共预算财政拨款支出决算表",
        groups=[("本年支出", ("小计", "基本支出", "项目支出"))] if shanxi else [(n, ()) for n in ("合计", "基本支出", "项目支出")],
        rows=rows, total=total, lanci=shanxi, total_first=shanxi,
        code_header="科目代码" if shanxi else "支出功能分类科目编码",
        note="注：本表反映部门本年度一般公共预算财政拨款支出情况。" if shanxi else None,
    )


def _fund_table(style: DocStyle, rng: random.Random, ledger: Ledger | None, type: str, title: str, number: int,
                fund: str) -> TableSpec:
    """公开07/08: 政府性基金 spending when the department has any; 国有资本经营 money never (as nearly everywhere)."""
    shanxi = style.numbered
    spending = ("小计", "基本支出", "项目支出")
    if type == "公开08" and shanxi:
        groups = [("本年支出", ("合计", "基本支出", "项目支出"))]
    else:
        groups = [("年初结转和结余", ()), ("本年收入", ()), ("本年支出", spending), ("年末结转和结余", ())]
    width = sum(max(1, len(s)) for _, s in groups)
    funded = [leaf for leaf in ledger.leaves if leaf.gf] if ledger else []
    rows = hierarchy(funded, lambda leaf: (0, leaf.fund_in, leaf.gf, 0, leaf.gf, 0)) if funded else []
    total = tuple(map(sum, zip(*(values for code, _, values in rows if len(code) == 3)))) if rows else [0] * width
    empty = "说明：本表无数据" if shanxi else f"注：{style.org}无{fund}财政拨款支出，故本表无数据。"
    return coded_table(
        style, rng, type=type, number=number, title=title, groups=groups, rows=rows, total=total,
        lanci=shanxi, code_header="科目代码" if shanxi else "支出功能分类科目编码", empty_note=None if rows else empty,
        total_first=shanxi,
    )


def table_06(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    shanxi = style.numbered
    names = economic_codes()
    money = style.money
    spent = {**ledger.personnel, **ledger.operating}
    for code, cents in list(spent.items()):
        spent[code[:3]] = spent.get(code[:3], 0) + cents
    blocks = SHANXI_06 if shanxi else SHANGHAI_06
    per_block = 3 if shanxi else 4
    height = max(len(codes.split()) for _, codes in blocks)
    body: list[list[Cell | str]] = [[] for _ in range(height)]
    records = []
    for group, codes in blocks:
        listed = codes.split()
        for r in range(height):
            if r >= len(listed):
                body[r] += [""] * per_block
                continue
            code = listed[r]
            dashed = shanxi and code[:3] in DASHED
            text = "——" if dashed else money.text(spent.get(code))
            printed = [code] if shanxi else [code[:3], code[3:]]
            body[r] += [*printed, names[code], text]
            records.append(record([None if dashed else money.value(spent.get(code))], code=code, item=names[code],
                                  group=group))
    personnel, operating = sum(ledger.personnel.values()), sum(ledger.operating.values())
    width = per_block * len(blocks)
    label = per_block - 1
    gap = [""] * (width - 2 * per_block)
    body.append([Cell("人员经费合计", colspan=label), money.text(personnel), Cell("公用经费合计", colspan=label), *gap,
                 money.text(operating)])
    records.append(record([money.value(personnel)], item="人员经费合计", group="人员经费"))
    records.append(record([money.value(operating)], item="公用经费合计", group="公用经费"))
    if shanxi:
        header = [[Cell("人员经费", colspan=3), Cell("公用经费", colspan=9)], ["科目代码", "科目名称", "决算数"] * 4]
        title = "一般公共预算财政拨款基本支出决算明细表"
    else:
        header = [[Cell("经济分类科目编码", colspan=2), Cell("科目名称", rowspan=2), Cell("决算数", rowspan=2)] * 2,
                  [*ECONOMIC_LEVELS] * 2]
        title = "一般公共预算财政拨款基本支出决算表"
    value_cols = [per_block * b + per_block - 1 for b in range(len(blocks))]
    spec = assemble(style, rng, type="公开06", number=6, title=title, header=header, body=body, ncols=width,
                    value_cols={"": value_cols[:1]}, records=records, drop=("人员经费", "公用经费"),
                    note="注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。" if shanxi else None, wide=shanxi)
    spec.numeric_cols = value_cols
    return spec


def _sangong_values(amounts: dict[str, int]) -> list[int]:
    car = amounts["购置"] + amounts["运行"]
    return [amounts["出国"] + car + amounts["接待"], amounts["出国"], car, amounts["购置"], amounts["运行"], amounts["接待"]]


def table_09(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    shanxi = style.numbered
    money = style.money
    budget, actual = _sangong_values(ledger.sangong_budget), _sangong_values(ledger.sangong_actual)
    has_data = any(budget) or any(actual)
    if shanxi:
        block = [Cell("合计", rowspan=2), Cell("因公出国（境）费", rowspan=2), Cell("公务用车购置及运行维护费", colspan=3),
                 Cell("公务接待费", rowspan=2)]
        header = [[Cell("预算数", colspan=6), Cell("决算数", colspan=6)], block * 2,
                  ["小计", "公务用车购置费", "公务用车运行维护费"] * 2, [str(i) for i in range(1, 13)]]
        values = budget + actual
        label_rows = 3
    else:
        pair = ["预算数", "决算数"]
        header = [[Cell("财政拨款“三公”经费", colspan=12)],
                  [Cell("合计", colspan=2, rowspan=2), Cell("因公出国（境）费", colspan=2, rowspan=2),
                   Cell("公务用车购置及运行费", colspan=6), Cell("公务接待费", colspan=2, rowspan=2)],
                  [Cell("小计", colspan=2), Cell("公务用车购置费", colspan=2), Cell("公务用车运行费", colspan=2)],
                  pair * 6]
        values = [v for pair_values in zip(budget, actual) for v in pair_values]
        label_rows = 4
    body = [[money.text(v) for v in values]] if has_data or not shanxi else []
    records = [record([money.value(v) for v in values])] if body else []
    return assemble(
        style, rng, type="公开09", number=9, title="财政拨款“三公”经费支出决算表", header=header, body=body, ncols=12,
        value_cols={"": list(range(12))}, records=records, label_rows=label_rows,
        note="注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；"
             "决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。" if shanxi else None,
        empty_note="说明：本表无数据" if shanxi and not has_data else None,
    )


def table_10(style: DocStyle, rng: random.Random, ledger: Ledger, civil_service: bool) -> TableSpec:
    money = style.money
    goods, works, services = ledger.procurement
    running = sum(ledger.operating.values())
    cars = ledger.vehicles
    lines: list[tuple[str, int | None, float | None, str]] = [
        ("合计", 1, money.value(goods + works + services), money.text(goods + works + services)),
        ("货物", 2, money.value(goods), money.text(goods)),
        ("工程", 3, money.value(works), money.text(works)),
        ("服务", 4, money.value(services), money.text(services)),
    ]
    body: list[list[Cell | str]] = [[Cell("一、政府采购情况", colspan=3)]]
    records = [record([None], item="一、政府采购情况")]
    for item, line, value, text in lines:
        body.append([item, str(line), text])
        records.append(record([value], item=item, line=line))
    body.append([Cell("二、机关运行经费", colspan=3)])
    records.append(record([None], item="二、机关运行经费"))
    for item, line, cents in (("（一）行政单位", 5, 0 if civil_service else running),
                              ("（二）参照公务员法管理事业单位", 6, running if civil_service else 0)):
        body.append([item, str(line), money.text(cents)])
        records.append(record([money.value(cents)], item=item, line=line))
    body.append([Cell("三、国有资产占用情况", colspan=3)])
    records.append(record([None], item="三、国有资产占用情况"))
    counts = [("（一）车辆数合计（辆）", sum(cars.values())), ("1. 副部（省）级及以上领导用车", 0), ("2. 主要负责人用车", 0),
              ("3. 机要通信用车", cars["机要通信用车"]), ("4. 应急保障用车", cars["应急保障用车"]),
              ("5. 执法执勤用车", cars["执法执勤用车"]), ("6. 特种专业技术用车", 0), ("7. 离退休干部服务用车", 0),
              ("8. 其他用车", cars["其他用车"]), ("（二）单价100万元（含）以上设备（不含车辆）", 0)]
    blank = style.money.blank
    for offset, (item, count) in enumerate(counts):
        line = 7 + offset
        body.append([item, str(line), str(count) if count and not blank else ""])
        records.append(record([float(count) if count and not blank else None], item=item, line=line))
    return assemble(style, rng, type="公开10", number=10, title="部门决算公开相关信息统计表",
                    header=[["项目", "行次", "统计数"]], body=body, ncols=3, value_cols={"": [2]}, records=records,
                    note="注：本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。")


def juesuan_tables(style: DocStyle, rng: random.Random, ledger: Ledger) -> list[TableSpec]:
    """The report's tables in printed order for its locality."""
    pad_line = rng.random() < 0.7
    tables = [table_01(style, rng, ledger, pad_line), table_02(style, rng, ledger), table_03(style, rng, ledger),
              table_04(style, rng, ledger), table_05(style, rng, ledger), table_06(style, rng, ledger)]
    fund = _fund_table(style, rng, ledger, "公开07", "政府性基金预算财政拨款收入支出决算表", 7, "政府性基金预算")
    soe_title = "国有资本经营预算财政拨款支出决算表" if style.numbered else "国有资本经营预算财政拨款收入支出决算表"
    soe = _fund_table(style, rng, None, "公开08", soe_title, 8, "国有资本经营预算")
    sangong = table_09(style, rng, ledger)
    if not style.numbered:
        return tables + [sangong, fund, soe]
    statistics = [table_10(style, rng, ledger, rng.random() < 0.5)] if style.locality == "shanxi" or rng.random() < 0.5 else []
    return tables + [fund, soe, sangong, *statistics]
