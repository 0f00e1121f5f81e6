"""The 预算 tables drawn from a ledger: Shanxi's 13 (fenyang wording), Shanghai's 9, Jiangsu's 12.

Each locality prints its own selection and wording; every table maps onto a
contract label (预算01–13) except Jiangsu's 财政拨款 tables and 政府采购 table,
which have no label of their own and are ``其他``. In a budget the 单位资金 is
what the ledger books as other income.
"""

from __future__ import annotations

import random

from extractor.vocab import economic_codes
from samples.generator.coded import ECONOMIC_LEVELS, coded_table
from samples.generator.docstyle import DocStyle, assemble
from samples.generator.grid import Cell, record
from samples.generator.ledger import Ledger, hierarchy
from samples.generator.spec import TableSpec
from samples.generator.tables_juesuan import CLASSES_2024, ORDINALS, class_totals
from samples.generator.twosided import two_sided

CLASSES_BUDGET = (
    CLASSES_2024[:8] + (("209", "社会保险基金支出"),) + CLASSES_2024[8:22] + (("227", "预备费"), ("229", "其他支出"),
    ("230", "转移性支出"), ("231", "债务还本支出"), ("232", "债务付息支出"), ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"))
)
NO_DATA = "注：本表无数据"


def _total(rows: list[tuple[str, str, tuple[int, ...]]]) -> tuple[int, ...]:
    return tuple(map(sum, zip(*(values for code, _, values in rows if len(code) == 3))))


def _economic_rows(ledger: Ledger, with_groups: bool) -> list[tuple[str, str, tuple[int, ...]]]:
    """Basic spending by economic 类 and 款: (合计, 人员经费, 公用经费), or the amount alone."""
    names = economic_codes()
    cells: dict[str, list[int]] = {}
    for column, spent in ((1, ledger.personnel), (2, ledger.operating)):
        for code, cents in spent.items():
            for key in (code[:3], code):
                row = cells.setdefault(key, [0, 0, 0])
                row[0] += cents
                row[column] += cents
    return [(code, names[code], tuple(row) if with_groups else (row[0],)) for code, row in sorted(cells.items())]


def _classes_used(ledger: Ledger, amount) -> list[tuple[str, int]]:
    totals = class_totals(ledger, amount)
    return [(name, totals[code]) for code, name in CLASSES_2024 if totals.get(code)]


def _ordinal(items: list[tuple[str, int]], width: int) -> list[tuple[str, list[int]]]:
    return [(f"{ORDINALS[i]}、{name}", [v] * width) for i, (name, v) in enumerate(items)]


# ---- Shanxi (fenyang wording) ----

def shanxi_tables(style: DocStyle, rng: random.Random, ledger: Ledger) -> list[TableSpec]:
    y = style.year
    general, fund, unit_funds = ledger.fiscal_income, ledger.fund_income, ledger.unit_funds
    received = ledger.received
    spent_by_class = class_totals(ledger, lambda leaf: leaf.spent)
    general_by_class = class_totals(ledger, lambda leaf: leaf.fiscal)
    fund_by_class = class_totals(ledger, lambda leaf: leaf.gf)
    carried, carried_by_class = ledger.carried_total, class_totals(ledger, lambda leaf: leaf.cy)
    tables = []
    income = [("一、一般公共预算", [general]), ("二、政府性基金预算", [fund]), ("三、国有资本经营预算", [0]),
              ("四、财政专户管理资金", [0]), ("五、单位资金", [unit_funds])]
    expense = [(f"{ORDINALS[i]}、{name}", [spent_by_class.get(code, 0) + carried_by_class.get(code, 0),
                                          spent_by_class.get(code, 0), carried_by_class.get(code, 0)])
               for i, (code, name) in enumerate(CLASSES_BUDGET)]
    everything = [received + carried, received, carried]
    income += [("", [0])] * (len(expense) - len(income))
    tables.append(two_sided(
        style, rng, type="预算01", number=1, title=f"{y}年预算收支总表",
        header=[[Cell("收入", colspan=2), Cell("支出", colspan=4)], ["项目", f"{y}年", "项目", f"{y}年合计", "当年预算安排", "上年结转安排"]],
        label_rows=2, drop=("收入", "支出"),
        income=income + [("本年收入合计", [received]), ("上年结转", [carried]), ("收入总计", [received + carried])],
        expense=expense + [("本年支出合计", everything), ("年终结转", [0, 0, 0]), ("支出总计", everything)],
    ))
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.received, leaf.fiscal_in, leaf.fund_in, 0, 0,
                                                  sum(leaf.other_in.values()), leaf.cy))
    tables.append(coded_table(
        style, rng, type="预算02", number=2, title=f"{y}年预算收入总表", code_header="科目编码",
        groups=[("本年收入", ("合计", "一般公共预算", "政府性基金", "国有资本经营预算", "财政专户管理资金", "单位资金")),
                ("上年结转", ())], rows=rows, total=_total(rows)))
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.spent + leaf.cy, leaf.gb + leaf.nb, leaf.project + leaf.cy))
    tables.append(coded_table(style, rng, type="预算03", number=3, title=f"{y}年预算支出总表", code_header="科目编码",
                              groups=[(f"{y}年预算数", ("合计", "基本支出", "项目支出"))], rows=rows, total=_total(rows)))
    f_income = [("一、一般公共预算", [general]), ("二、政府性基金预算", [fund]), ("三、国有资本经营预算", [0])]
    f_expense = [(f"{ORDINALS[i]}、{name}", _by_fund(general_by_class.get(code, 0) + carried_by_class.get(code, 0),
                                                    fund_by_class.get(code, 0)))
                 for i, (code, name) in enumerate(CLASSES_BUDGET)]
    granted = general + fund
    f_income += [("", [0])] * (len(f_expense) - len(f_income))
    blank4 = [0, 0, 0, 0]
    tables.append(two_sided(
        style, rng, type="预算04", number=4, title=f"{y}年财政拨款收支总表",
        header=[[Cell("收入", colspan=2), Cell("支出", colspan=5)],
                [Cell("项目", rowspan=2), Cell("金额", rowspan=2), Cell("项目", rowspan=2), Cell("金额", colspan=4)],
                ["小计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]],
        label_rows=3, drop=("收入", "支出"),
        income=f_income + [("本年收入合计", [granted]), ("上年财政拨款结转", [carried]), ("一、一般公共预算", [carried]),
                           ("二、政府性基金预算", [0]), ("三、国有资本经营预算", [0]), ("收入总计", [granted + carried])],
        expense=f_expense + [("本年支出合计", _by_fund(general + carried, fund)), ("年终结转", blank4), ("", blank4),
                             ("", blank4), ("", blank4), ("支出总计", _by_fund(general + carried, fund))],
    ))
    rows = hierarchy(ledger.general_leaves, lambda leaf: (leaf.fiscal, leaf.gb, leaf.gp))
    tables.append(coded_table(style, rng, type="预算05", number=5, title=f"{y}年一般公共预算支出预算表（不含上年结转）",
                              code_header="科目编码", groups=[(f"{y}年预算数", ("合计", "基本支出", "项目支出"))],
                              rows=rows, total=_total(rows)))
    rows = _economic_rows(ledger, True)
    tables.append(coded_table(style, rng, type="预算06", number=6,
                              title=f"{y}年一般公共预算安排基本支出分经济科目表（不含上年结转）", code_header="科目编码",
                              groups=[(f"{y}年预算数", ("合计", "人员经费", "公用经费"))], rows=rows, total=_total(rows),
                              levels=ECONOMIC_LEVELS))
    tables.append(coded_table(style, rng, type="预算07", number=7, title=f"{y}年政府性基金预算收入表（不含上年结转）",
                              code_header="收入科目编码", groups=[("政府性基金收入预算", ())], rows=[], total=[fund],
                              empty_note=None if fund else NO_DATA))
    rows = _fund_rows(ledger)
    tables.append(coded_table(style, rng, type="预算08", number=8, title=f"{y}年政府性基金预算支出表（不含上年结转）",
                              code_header="科目编码", head_label=None,
                              groups=[(h, ()) for h in ("合计", "基本支出", "项目支出")], rows=rows,
                              total=_total(rows) if rows else [0, 0, 0], empty_note=None if rows else NO_DATA))
    tables.append(_soe_budget(style, rng, y))
    tables.append(_sangong_budget(style, rng, ledger, f"{y}年财政拨款安排“三公”经费支出预算表", f"{y}年预算数"))
    operating = sum(ledger.operating.values())
    tables.append(_split_by_fund(style, rng, type="预算11", number=11, title=f"{y}年财政拨款安排机关运行经费预算表",
                           head="单位名称", top=f"{y}预算数",
                           rows=[("部门合计", operating), (style.org, operating)]))
    tables.append(_projects(style, rng, ledger, 12, f"{y}年项目支出预算表（本年预算）", carried=False))
    tables.append(_projects(style, rng, ledger, 13, f"{y}年项目支出预算表（上年结转）", carried=True))
    return tables


def _by_fund(general: int, fund: int) -> list[int]:
    """合计, 一般公共预算, 政府性基金预算, 国有资本经营预算."""
    return [general + fund, general, fund, 0]


def _fund_rows(ledger: Ledger) -> list[tuple[str, str, tuple[int, ...]]]:
    """政府性基金 spending by 类/款/项: (合计, 基本支出, 项目支出); funds pay for projects only."""
    funded = [leaf for leaf in ledger.leaves if leaf.gf]
    return hierarchy(funded, lambda leaf: (leaf.gf, 0, leaf.gf)) if funded else []


def _split_by_fund(style: DocStyle, rng: random.Random, *, type: str, number: int, title: str, head: str, top: str,
                   rows: list[tuple[str, int]]) -> TableSpec:
    """Rows of one amount split by fund: 合计 = 一般公共预算 (+ 政府性基金 + 国有资本经营, none here)."""
    money = style.money
    header = [[Cell(head, rowspan=2), Cell(top, colspan=4)], ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
    body = [[item, money.text(v), money.text(v), "", ""] for item, v in rows]
    records = [record([money.value(v), money.value(v), None, None], item=item) for item, v in rows]
    return assemble(style, rng, type=type, number=number, title=title, header=header, body=body, ncols=5,
                    value_cols={"": [1, 2, 3, 4]}, records=records)


def _sangong_budget(style: DocStyle, rng: random.Random, ledger: Ledger, title: str, top: str) -> TableSpec:
    b = ledger.sangong_budget
    rows = [("因公出国（境）费", b["出国"]), ("公务接待费", b["接待"]), ("公务用车购置及运行费", b["购置"] + b["运行"]),
            ("①公务用车购置费", b["购置"]), ("②公务用车运行维护费", b["运行"]), ("合计", sum(b.values()))]
    return _split_by_fund(style, rng, type="预算10", number=10, title=title, head="项目", top=top, rows=rows)


def _soe_budget(style: DocStyle, rng: random.Random, year: int) -> TableSpec:
    header = [[Cell("国有资本经营预算收入", colspan=3), Cell("国有资本经营预算支出", colspan=5)],
              [Cell("项目", colspan=2), Cell("国有资本经营收入预算", rowspan=2), *(Cell(h, rowspan=2) for h in
               ("科目编码", "科目名称", "合计", "基本支出", "项目支出"))],
              ["收入科目编码", "科目名称"]]
    body = [[Cell("合计", colspan=2), "", "", "", "", "", ""]]
    return assemble(style, rng, type="预算09", number=9, title=f"{year}年国有资本经营预算收支预算表（不含上年结转）",
                    header=header, body=body, ncols=8, value_cols={"": [2, 5, 6, 7]},
                    records=[record([None] * 4, item="合计")], label_rows=3, empty_note=NO_DATA)


def _projects(style: DocStyle, rng: random.Random, ledger: Ledger, number: int, title: str, carried: bool) -> TableSpec:
    """项目支出预算表: the department's line first, then each project (本年预算, or money carried over)."""
    money = style.money
    y = style.year
    tail = [] if carried else ["财政专户管理资金", "单位资金"]
    header = [[Cell("项目名称", rowspan=2), Cell("合计", rowspan=2), Cell(f"{y}年财政拨款", colspan=3),
               *(Cell(h, rowspan=2) for h in tail)],
              ["一般公共预算", "政府性基金预算", "国有资本经营预算"],
              [str(i) for i in range(1, 6 + len(tail))]]
    ncols = 5 + len(tail)
    body, records = [], []
    if carried and ledger.carried:
        for name, cents in [(style.org, ledger.carried_total)] + ledger.carried:
            values = [cents, cents, 0, 0]
            body.append([name, *(money.text(v) for v in values)])
            records.append(record([money.value(v) for v in values], item=name))
    if not carried:
        unit_projects = sum(leaf.np for leaf in ledger.leaves)
        lines = [(p.name, 0 if p.fund else p.annual, p.annual if p.fund else 0, 0) for p in ledger.projects]
        if unit_projects:
            lines.append(("单位资金安排项目", 0, 0, unit_projects))
        general, fund = sum(line[1] for line in lines), sum(line[2] for line in lines)
        for name, gen, fnd, own in [(style.org, general, fund, unit_projects)] + lines:
            values = [gen + fnd + own, gen, fnd, 0, 0, own]
            body.append([name, *(money.text(v) for v in values)])
            records.append(record([money.value(v) for v in values], item=name))
    return assemble(style, rng, type="预算13" if carried else "预算12", number=number, title=title, header=header,
                    body=body, ncols=ncols, value_cols={"": list(range(1, ncols))}, records=records, label_rows=2,
                    empty_note=NO_DATA if carried and not ledger.carried else None)


# ---- Shanghai ----

def shanghai_tables(style: DocStyle, rng: random.Random, ledger: Ledger) -> list[TableSpec]:
    y = style.year
    general, fund, unit_funds = ledger.fiscal_income, ledger.fund_income, ledger.unit_funds
    tables = []
    income = [("一、财政拨款收入", [general + fund]), ("1. 一般公共预算资金", [general]), ("2. 政府性基金", [fund]),
              ("3. 国有资本经营预算", [0]), ("二、事业收入", [0]), ("三、事业单位经营收入", [0]), ("四、其他收入", [unit_funds])]
    expense = _ordinal(_classes_used(ledger, lambda leaf: leaf.spent), 1)
    total = ledger.received
    tables.append(two_sided(
        style, rng, type="预算01", number=1, title=f"{y}年部门财务收支预算总表",
        header=[[Cell("本年收入", colspan=2), Cell("本年支出", colspan=2)], ["项目", "预算数", "项目", "预算数"]],
        label_rows=2, drop=("本年收入", "本年支出"),
        income=income + [("", [None])] * (len(expense) - len(income)) + [("收入总计", [total])],
        expense=expense + [("", [None])] * (len(income) - len(expense)) + [("支出总计", [total])],
    ))
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.received, leaf.fiscal_in + leaf.fund_in, 0, 0,
                                                  sum(leaf.other_in.values())))
    tables.append(coded_table(
        style, rng, type="预算02", number=2, title=f"{y}年部门收入预算总表", code_header="功能分类科目编码",
        name_header="功能分类科目名称", groups=[("收入预算", ("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"))],
        rows=rows, total=_total(rows), total_first=False))
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.spent, leaf.gb + leaf.nb, leaf.project))
    tables.append(coded_table(
        style, rng, type="预算03", number=3, title=f"{y}年部门支出预算总表", code_header="功能分类科目编码",
        name_header="功能分类科目名称", groups=[("支出预算", ("合计", "基本支出", "项目支出"))], rows=rows,
        total=_total(rows), total_first=False))
    general_by_class = class_totals(ledger, lambda leaf: leaf.fiscal)
    fund_by_class = class_totals(ledger, lambda leaf: leaf.gf)
    granted_classes = [(code, name) for code, name in CLASSES_2024 if general_by_class.get(code) or fund_by_class.get(code)]
    f_expense = [(f"{ORDINALS[i]}、{name}", _by_fund(general_by_class.get(code, 0), fund_by_class.get(code, 0)))
                 for i, (code, name) in enumerate(granted_classes)]
    f_income = [("一、一般公共预算资金", [general]), ("二、政府性基金", [fund]), ("三、国有资本经营预算", [0])]
    height = max(len(f_income), len(f_expense))
    tables.append(two_sided(
        style, rng, type="预算04", number=4, title=f"{y}年部门财政拨款收支预算总表",
        header=[[Cell("财政拨款收入", colspan=2), Cell("财政拨款支出", colspan=5)],
                ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]],
        label_rows=2, drop=("财政拨款收入", "财政拨款支出"),
        income=f_income + [("", [None])] * (height - len(f_income)) + [("收入总计", [general + fund])],
        expense=f_expense + [("", [None] * 4)] * (height - len(f_expense)) + [("支出总计", _by_fund(general, fund))],
    ))
    rows = hierarchy(ledger.general_leaves, lambda leaf: (leaf.fiscal, leaf.gb, leaf.gp))
    tables.append(coded_table(
        style, rng, type="预算05", number=5, title=f"{y}年部门一般公共预算支出功能分类预算表", code_header="功能分类科目编码",
        name_header="功能分类科目名称", groups=[("一般公共预算支出", ("合计", "基本支出", "项目支出"))], rows=rows,
        total=_total(rows), total_first=False))
    for type, budget, rows in (("预算08", "政府性基金预算", _fund_rows(ledger)), ("预算09", "国有资本经营预算", [])):
        tables.append(coded_table(
            style, rng, type=type, number=0, title=f"{y}年部门{budget}支出功能分类预算表", code_header="功能分类科目编码",
            name_header="功能分类科目名称", groups=[(f"{budget}支出", ("合计", "基本支出", "项目支出"))], rows=rows,
            total=_total(rows) if rows else [None] * 3, total_first=False,
            empty_note=None if rows else f"注:本部门{y}年无{budget}财政拨款安排的预算，故本表为空表。"))
    rows = _economic_rows(ledger, True)
    tables.append(coded_table(
        style, rng, type="预算06", number=0, title=f"{y}年部门一般公共预算基本支出部门预算经济分类预算表",
        code_header="部门预算经济分类科目编码", name_header="经济分类科目名称",
        groups=[("一般公共预算基本支出", ("合计", "人员经费", "公用经费"))], rows=rows, total=_total(rows),
        total_first=False, levels=ECONOMIC_LEVELS))
    tables.append(_shanghai_sangong(style, rng, ledger))
    return tables


def _shanghai_sangong(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    """“三公”经费和机关运行经费预算表: one row of amounts."""
    b = ledger.sangong_budget
    money = style.money
    car = b["购置"] + b["运行"]
    values = [sum(b.values()), b["出国"], b["接待"], car, b["购置"], b["运行"], sum(ledger.operating.values())]
    header = [[Cell("“三公”经费预算数", colspan=6), Cell("机关运行经费预算数", rowspan=3)],
              [Cell("合计", rowspan=2), Cell("因公出国（境）费", rowspan=2), Cell("公务接待费", rowspan=2),
               Cell("公务用车购置及运行费", colspan=3)],
              ["小计", "购置费", "运行费"]]
    return assemble(style, rng, type="预算10", number=0, title=f"{style.year}年部门“三公”经费和机关运行经费预算表",
                    header=header, body=[[money.text(v) for v in values]], ncols=7, value_cols={"": list(range(7))},
                    records=[record([money.value(v) for v in values])])


# ---- Jiangsu ----

def jiangsu_tables(style: DocStyle, rng: random.Random, ledger: Ledger) -> list[TableSpec]:
    general, fund, unit_funds = ledger.fiscal_income, ledger.fund_income, ledger.unit_funds
    received = ledger.received
    spent_by_class = class_totals(ledger, lambda leaf: leaf.spent)
    general_by_class = class_totals(ledger, lambda leaf: leaf.fiscal)
    fund_by_class = class_totals(ledger, lambda leaf: leaf.gf)
    tables = []
    income = [("一、财政拨款", [general + fund]), ("1. 一般公共预算", [general]), ("2. 政府性基金预算", [fund]),
              ("二、财政专户管理资金", [0]), ("三、其他资金", [unit_funds])]
    expense = [(f"{ORDINALS[i]}、{name}", [spent_by_class.get(code, 0)]) for i, (code, name) in enumerate(CLASSES_2024)]
    income += [("", [0])] * (len(expense) - len(income))
    tables.append(two_sided(
        style, rng, type="预算01", number=1, title="收支预算总表",
        header=[[Cell("收入", colspan=2), Cell("支出", colspan=2)], ["项目名称", "金额", "功能科目名称", "金额"]],
        label_rows=2, drop=("收入", "支出"),
        income=income + [("当年收入小计", [received]), ("上年结转资金", [0]), ("收入合计", [received])],
        expense=expense + [("当年支出小计", [received]), ("结转下年资金", [0]), ("支出合计", [received])],
    ))
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.received, leaf.fiscal_in, leaf.fund_in, 0,
                                                  sum(leaf.other_in.values())))
    tables.append(coded_table(style, rng, type="预算02", number=2, title="收入预算总表", code_header="功能科目编码",
                              name_header="功能科目名称", head_label=None,
                              groups=[(h, ()) for h in ("合计", "一般公共预算", "政府性基金预算", "财政专户管理资金", "其他资金")],
                              rows=rows, total=_total(rows)))
    rows = hierarchy(ledger.leaves, lambda leaf: (leaf.spent, leaf.gb + leaf.nb, leaf.project))
    tables.append(coded_table(style, rng, type="预算03", number=3, title="支出预算总表", code_header="功能科目编码",
                              name_header="功能科目名称", head_label=None,
                              groups=[(h, ()) for h in ("合计", "基本支出", "项目支出")], rows=rows, total=_total(rows)))
    f_expense = [(f"{ORDINALS[i]}、{name}", _by_fund(general_by_class.get(code, 0), fund_by_class.get(code, 0))[:3])
                 for i, (code, name) in enumerate(CLASSES_2024)]
    f_income = [("一、一般公共预算", [general]), ("二、政府性基金预算", [fund])] + [("", [0])] * (len(f_expense) - 2)
    tables.append(two_sided(
        style, rng, type="预算04", number=4, title="财政拨款收支预算总表",
        header=[[Cell("收入", colspan=2), Cell("支出", colspan=4)], ["项目名称", "金额", "项目名称", "合计", "一般公共预算",
                                                                   "政府性基金预算"]],
        label_rows=2, drop=("收入", "支出"),
        income=f_income + [("收入合计", [general + fund])], expense=f_expense + [("支出合计", _by_fund(general, fund)[:3])],
    ))
    granted = hierarchy([leaf for leaf in ledger.leaves if leaf.fiscal or leaf.gf], lambda leaf: (leaf.fiscal + leaf.gf,))
    functional = hierarchy(ledger.general_leaves, lambda leaf: (leaf.fiscal,))
    economic = _economic_rows(ledger, False)
    for number, type, title, rows, code_head, name_head, levels in (
        (5, "其他", "财政拨款支出预算表（功能科目）", granted, "功能科目代码", "功能科目名称", None),
        (6, "其他", "财政拨款基本支出预算表（经济科目）", economic, "科目编码", "科目名称", ECONOMIC_LEVELS),
        (7, "预算05", "一般公共预算支出预算表（功能科目）", functional, "功能科目代码", "功能科目名称", None),
        (8, "预算06", "一般公共预算基本支出预算表（经济科目）", economic, "科目编码", "科目名称", ECONOMIC_LEVELS),
    ):
        tables.append(coded_table(style, rng, type=type, number=number, title=title, code_header=code_head,
                                  name_header=name_head, head_label=None, groups=[("金额", ())], rows=rows,
                                  total=_total(rows), **({"levels": levels} if levels else {})))
    tables.append(_jiangsu_sangong(style, rng, ledger))
    rows = [(code, name, values[:1]) for code, name, values in _fund_rows(ledger)]
    tables.append(coded_table(style, rng, type="预算08", number=10, title="政府性基金预算财政拨款支出预算表",
                              code_header="功能科目编码", name_header="功能科目名称", head_label=None,
                              groups=[("金额", ())], rows=rows, total=_total(rows) if rows else [0],
                              empty_note=None if rows else "注：本部门无相关收支项目"))
    operating = [row for row in _economic_rows(ledger, False) if row[0].startswith("302")]
    tables.append(coded_table(style, rng, type="预算11", number=11, title="一般公共预算机关运行经费支出预算表",
                              code_header="科目编码", name_header="科目名称", head_label=None,
                              groups=[("机关运行经费支出", ())], rows=operating, total=_total(operating),
                              levels=ECONOMIC_LEVELS))
    tables.append(_procurement(style, rng, ledger))
    return tables


def _jiangsu_sangong(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    b = ledger.sangong_budget
    money = style.money
    car = b["购置"] + b["运行"]
    meetings, training = ledger.operating.get("30215", 0), ledger.operating.get("30216", 0)
    values = [sum(b.values()), b["出国"], car, b["购置"], b["运行"], b["接待"], meetings, training]
    header = [[Cell("“三公”经费", colspan=6), Cell("会议费", rowspan=3), Cell("培训费", rowspan=3)],
              [Cell("合计", rowspan=2), Cell("因公出国（境）费", rowspan=2), Cell("公务用车购置及运行维护费", colspan=3),
               Cell("公务接待费", rowspan=2)],
              ["小计", "公务用车购置费", "公务用车运行维护费"]]
    return assemble(style, rng, type="预算10", number=9, title="一般公共预算“三公”经费、会议费、培训费支出预算表",
                    header=header, body=[[money.text(v) for v in values]], ncols=8, value_cols={"": list(range(8))},
                    records=[record([money.value(v) for v in values])])


def _procurement(style: DocStyle, rng: random.Random, ledger: Ledger) -> TableSpec:
    money = style.money
    goods, works, services = ledger.procurement
    lines = [("合计", goods + works + services), ("一、货物 A", goods), ("二、工程 B", works), ("三、服务 C", services)]
    body = [[item, money.text(v)] for item, v in lines]
    records = [record([money.value(v)], item=item) for item, v in lines]
    return assemble(style, rng, type="其他", number=12, title="政府采购支出预算表", header=[["采购品目大类", "总计"]], body=body,
                    ncols=2, value_cols={"": [1]}, records=records)


def yusuan_tables(style: DocStyle, rng: random.Random, ledger: Ledger) -> list[TableSpec]:
    build = {"shanxi": shanxi_tables, "shanghai": shanghai_tables, "jiangsu": jiangsu_tables}[style.locality]
    return build(style, rng, ledger)
