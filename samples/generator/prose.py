"""The report's text: cover, 目录, 概况, 情况说明 and 名词解释.

The 情况说明 quotes the same totals the tables print (收入总计, 基本支出, 人员经费 …)
so a reader, or a check, can tie the text to the tables; the blank template
prints XXX where the numbers go, as Shanghai's does.
"""

from __future__ import annotations

import random

from samples.generator.docstyle import DocStyle
from samples.generator.ledger import Ledger
from samples.generator.names import Profile
from samples.generator.spec import Prose
from samples.generator.tables_juesuan import CLASSES_2024, class_totals

GLOSSARY_JUESUAN = (
    "财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
    "事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。",
    "其他收入：指单位取得的除上述收入以外的各项收入。主要是存款利息收入等。",
    "年初结转和结余：指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。",
    "年末结转和结余：指单位按有关规定结转到下年或以后年度继续使用的资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用经费支出。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费支出。",
    "机关运行经费：指行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。",
)
GLOSSARY_YUSUAN = (
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指用财政拨款安排的因公出国（境）费用、公务用车购置及运行费和公务接待费。",
    "机关运行经费：指行政单位和参照公务员法管理的事业单位使用财政拨款安排的基本支出中的公用经费支出。",
    "单位资金：是指除政府预算资金和财政专户管理资金以外的资金，包括事业收入、上级补助收入、其他收入等。",
    "上年结转：指以前年度预算安排、结转到本年仍按原规定用途继续使用的资金。",
)
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


class Amounts:
    """How the text writes an amount: 1,134.08万元, or XXX万元 in the blank template."""

    def __init__(self, style: DocStyle) -> None:
        self.unit = style.unit
        self.blank = style.money.blank

    def __call__(self, cents: int) -> str:
        if self.blank:
            return f"XXX{self.unit}"
        return f"{cents / 100:,.2f}{self.unit}"

    def share(self, part: int, whole: int) -> str:
        return "XX%" if self.blank or not whole else f"{part / whole * 100:.2f}%"


def cover_title(style: DocStyle) -> str:
    noun = "单位" if style.locality == "shanxi" else "部门"
    return f"{style.year}年度{noun}{style.kind}公开" if style.locality != "shanghai" else f"{style.year}年度部门{style.kind}"


def overview(style: DocStyle, rng: random.Random, profile: Profile) -> list[Prose]:
    duties = [f"（{NUMERALS[i]}）{text}" for i, text in enumerate(rng.sample(profile.duties, k=len(profile.duties)))]
    offices = rng.randint(3, 12)
    staff = rng.randint(8, 60)
    return [
        Prose("第一部分 概况", []),
        Prose("一、主要职责", duties),
        Prose("二、机构设置情况", [f"{style.org}内设{offices}个科室，核定编制{staff}名。纳入本年度{style.kind}编制范围的单位共1家，"
                               f"即{style.org}本级。"]),
    ]


def juesuan_explanation(style: DocStyle, ledger: Ledger) -> list[Prose]:
    amount = Amounts(style)
    received, spent = ledger.received, ledger.spent
    granted = ledger.fiscal_income + ledger.fund_income
    opening = ledger.fiscal_open + ledger.other_open
    basic = sum(leaf.gb + leaf.nb for leaf in ledger.leaves)
    projects = spent - basic
    fiscal = ledger.fiscal_spent
    personnel, operating = sum(ledger.personnel.values()), sum(ledger.operating.values())
    by_class = class_totals(ledger, lambda leaf: leaf.fiscal)
    structure = "；".join(f"{name}（类）{amount(by_class[code])}，占比{amount.share(by_class[code], fiscal)}"
                         for code, name in CLASSES_2024 if by_class.get(code))
    sangong = ledger.sangong_actual
    return [
        Prose("第三部分 情况说明", []),
        Prose("一、收入支出决算总体情况说明", [f"{style.year}年度收入总计{amount(received + opening)}，"
                                        f"支出总计{amount(received + opening)}。"]),
        Prose("二、收入决算情况说明", [f"{style.year}年度收入合计{amount(received)}，其中：财政拨款收入"
                                  f"{amount(granted)}，占比{amount.share(granted, received)}。"]),
        Prose("三、支出决算情况说明", [f"{style.year}年度支出合计{amount(spent)}，其中：基本支出{amount(basic)}，"
                                  f"占比{amount.share(basic, spent)}；项目支出{amount(projects)}，"
                                  f"占比{amount.share(projects, spent)}。"]),
        Prose("四、财政拨款收支决算总体情况说明", [f"{style.year}年度财政拨款收入总计{amount(granted + ledger.fiscal_open)}，"
                                          f"支出总计{amount(fiscal + ledger.fund_spent + ledger.fiscal_close)}。"]),
        Prose("五、一般公共预算财政拨款支出决算情况说明", [f"{style.year}年度一般公共预算财政拨款支出{amount(fiscal)}，主要用于以下方面："
                                               f"{structure}。"]),
        Prose("六、一般公共预算财政拨款基本支出决算情况说明", [f"{style.year}年度财政拨款基本支出{amount(ledger.basic)}，其中：人员经费"
                                                 f"{amount(personnel)}，公用经费{amount(operating)}。"]),
        Prose("七、政府性基金预算财政拨款收支决算情况说明",
              [f"{style.year}年度政府性基金预算财政拨款支出{amount(ledger.fund_spent)}。" if ledger.fund_spent
               else "本年度无此项收支。"]),
        Prose("八、国有资本经营预算财政拨款支出决算情况说明", ["本年度无此项支出。"]),
        Prose("九、财政拨款“三公”经费支出决算情况说明", [f"{style.year}年度“三公”经费财政拨款支出决算{amount(sum(sangong.values()))}，"
                                              f"其中：因公出国（境）费{amount(sangong['出国'])}，公务用车购置费"
                                              f"{amount(sangong['购置'])}，公务用车运行维护费{amount(sangong['运行'])}，"
                                              f"公务接待费{amount(sangong['接待'])}。"]),
        Prose("十、其他重要事项情况说明", [f"{style.year}年机关运行经费支出{amount(operating)}。政府采购支出总额"
                                      f"{amount(sum(ledger.procurement))}。"]),
        Prose("第四部分 名词解释", [f"{NUMERALS[i]}、{text}" for i, text in enumerate(GLOSSARY_JUESUAN)]),
    ]


def yusuan_explanation(style: DocStyle, ledger: Ledger) -> list[Prose]:
    amount = Amounts(style)
    total = ledger.spent + ledger.carried_total
    basic = sum(leaf.gb + leaf.nb for leaf in ledger.leaves)
    personnel, operating = sum(ledger.personnel.values()), sum(ledger.operating.values())
    projects = sum(p.annual for p in ledger.projects)
    return [
        Prose("第三部分 预算情况说明", []),
        Prose("一、收支预算总体情况说明", [f"{style.year}年度{style.org}预算收入总计{amount(total)}，支出总计{amount(total)}。"]),
        Prose("二、收入预算情况说明", [f"{style.year}年度预算收入{amount(total)}，其中一般公共预算拨款收入"
                                  f"{amount(ledger.fiscal_income)}，占{amount.share(ledger.fiscal_income, total)}。"]),
        Prose("三、支出预算情况说明", [f"{style.year}年度支出预算{amount(total)}，其中：基本支出{amount(basic)}，"
                                  f"占{amount.share(basic, total)}；项目支出{amount(total - basic)}，"
                                  f"占{amount.share(total - basic, total)}。"]),
        Prose("四、一般公共预算基本支出情况说明", [f"{style.year}年度一般公共预算安排基本支出{amount(ledger.basic)}，其中：人员经费"
                                          f"{amount(personnel)}，公用经费{amount(operating)}。"]),
        Prose("五、“三公”经费预算情况说明", [f"{style.year}年财政拨款安排的“三公”经费预算{amount(sum(ledger.sangong_budget.values()))}。"]),
        Prose("六、机关运行经费情况说明", [f"本单位机关运行经费财政拨款预算{amount(operating)}。"]),
        Prose("七、绩效管理情况", [f"{style.year}年纳入绩效目标管理的项目{len(ledger.projects)}个，共计金额{amount(projects)}。"]),
    ]


def glossary_yusuan() -> Prose:
    return Prose("第四部分 名词解释", [f"{NUMERALS[i]}、{text}" for i, text in enumerate(GLOSSARY_YUSUAN)])
