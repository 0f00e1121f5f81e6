"""Identities of the self-evaluation forms (绩效自评表, 整体绩效自评表).

The 总分 is the indicators' 得分 plus the score the funds block earns, and
each fund's 执行率 is its 全年执行数 over its 全年预算数. 目标表 carry no
scores, so nothing is checked on them.
"""

from __future__ import annotations

from extractor.checks.arith import combine, fmt, sum_check
from extractor.model import Check, Form

# 执行率 is printed to 0.01 % but computed from amounts the form rounds.
RATE_TOLERANCE = 0.1


def total_score_check(form: Form) -> Check | None:
    if form.total_score is None and not form.indicators:
        return None
    fund_score = next((f.score for f in form.funds if f.score is not None), None)
    parts = [i.score for i in form.indicators] + [fund_score]
    return sum_check("总分 = Σ 指标得分 + 预算执行得分", form.total_score, parts)


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


def form_checks(form: Form) -> list[Check]:
    out = []
    total = total_score_check(form)
    if total is not None:
        out.append(total)
    out.extend(execution_rate_checks(form))
    return out
