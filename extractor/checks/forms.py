"""Identities of the performance forms.

On the self-evaluation forms (绩效自评表, 整体绩效自评表) the 总分 is the
indicators' 得分 plus the score the funds block earns, and each fund's 执行率
is its 全年执行数 over its 全年预算数, and the 分值 add up to 100. On a project's forms (绩效自评表,
绩效目标表) the 资金总额 line is the sum of the sources listed under it, in
every amount column. A department's 整体绩效目标表 breaks its total down twice,
by source and by use (基本支出 + 项目支出), and is held to both (fenyang 2024's
form holds them); no real 整体绩效自评表 shows which of its lines add up, so
its total is not checked.
"""

from __future__ import annotations

from extractor.checks.arith import combine, fmt, sum_check
from extractor.model import Check, Form, Fund

# 执行率 is printed to 0.01 % but computed from amounts the form rounds.
RATE_TOLERANCE = 0.1


def total_score_check(form: Form) -> Check | None:
    if form.total_score is None and not form.indicators:
        return None
    fund_score = next((f.score for f in form.funds if f.score is not None), None)
    parts = [i.score for i in form.indicators] + [fund_score]
    return sum_check("总分 = Σ 指标得分 + 预算执行得分", form.total_score, parts)


# A self-evaluation scores out of 100: its indicators' 分值 and the funds' 执行率, which forms that do
# not print its 分值 (datong, lanxian 2024: every indicator block sums to 90) weigh at 10.
FULL_MARKS = 100.0
FUNDS_WEIGHT = 10.0


def weight_total_check(form: Form) -> Check | None:
    """Σ 分值 = 100: a weight read with a digit doubled (7 as 77) breaks no other identity."""
    weights = [i.weight for i in form.indicators]
    if not weights or None in weights:
        return None
    funds_weight = next((f.weight for f in form.funds if f.weight is not None), FUNDS_WEIGHT)
    return sum_check("满分 100 = Σ 指标分值 + 预算执行分值", FULL_MARKS, [*weights, funds_weight])


def execution_rate_checks(form: Form) -> list[Check]:
    rule = "执行率 = 全年执行数 / 全年预算数"
    instances = []
    for fund in form.funds:
        if fund.execution_rate is None or fund.executed is None or not fund.annual_budget:
            continue
        rate = fund.executed / fund.annual_budget * 100
        ok = abs(rate - fund.execution_rate) <= RATE_TOLERANCE
        detail = f"{fmt(fund.execution_rate)}% {'=' if ok else '≠'} {fmt(fund.executed)} / {fmt(fund.annual_budget)} = {fmt(rate)}%"
        instances.append((fund.source, Check(rule, "pass" if ok else "fail", detail)))
    return [combine(rule, instances)] if instances else []


_FUND_AMOUNTS = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数"}


# A department's (整体) forms break their total down twice: by source (…资金) and by direction.
_DIRECTIONS = ("基本支出", "项目支出")


def fund_total_checks(form: Form, whole: bool = False) -> list[Check]:
    """资金总额 = Σ the sources under it, per amount column (a 3 read as 8 in 3,607,900 broke no other identity).

    A department's form (``whole``) is held to each of its breakdowns: the sources
    (一般公共预算资金 …) and the directions (基本支出 + 项目支出); other lines are left out, as a
    breakdown of a direction (人员经费 under 基本支出) would be counted twice.
    """
    total = next((f for f in form.funds if "总额" in f.source or "合计" in f.source), None)
    parts = [f for f in form.funds if f is not total]
    if total is None or not parts:
        return []
    if not whole:
        return _sum_of_funds("资金总额 = Σ 各来源资金", total, parts)
    sources = [f for f in parts if "资金" in f.source]
    directions = [f for f in parts if f.source.endswith(_DIRECTIONS)]
    return (_sum_of_funds("资金总额 = Σ 按资金来源", total, sources) if sources else []) + \
        (_sum_of_funds("资金总额 = Σ 按资金方向 (基本支出 + 项目支出)", total, directions) if directions else [])


def _sum_of_funds(rule: str, total: Fund, parts: list[Fund]) -> list[Check]:
    instances = []
    for field, name in _FUND_AMOUNTS.items():
        amounts = [getattr(f, field) for f in parts]
        if getattr(total, field) is None and all(a is None for a in amounts):
            continue
        instances.append((name, sum_check(rule, getattr(total, field), amounts)))
    return [combine(rule, instances)] if instances else []


def form_checks(form: Form, label: str) -> list[Check]:
    """The identities a form of type ``label`` can be held to: a 目标表 carries no scores or execution."""
    whole, target = label.startswith("整体"), "目标表" in label
    out = []
    if not target:
        out.extend(c for c in (total_score_check(form), weight_total_check(form)) if c is not None)
        out.extend(execution_rate_checks(form))
    if target or not whole:  # no real 整体绩效自评表 shows which of its lines add up
        out.extend(fund_total_checks(form, whole=whole))
    return out
