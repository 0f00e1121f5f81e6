"""The performance forms: 项目支出绩效自评表, 部门整体支出绩效自评情况表, 项目支出绩效目标表, 整体支出绩效目标申报表.

A form is laid out as a grid of labelled blocks (funds, goals, indicators,
score) rather than a table of rows; its truth is the contract's ``form``
object, with indicator levels filled down from the merged cells.
"""

from __future__ import annotations

import random
import re
from typing import Any

from samples.generator.docstyle import DocStyle
from samples.generator.grid import Cell, place
from samples.generator.ledger import Ledger, Project
from samples.generator.spec import TableSpec

# level1 -> level2 -> (level3, target pattern); patterns see _target().
INDICATORS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "产出指标": {
        "数量指标": (("完成项目数量", "≥{n}项"), ("服务保障人数", "≥{n}人"), ("系统运维数量", "={n}个"), ("印制资料份数", "≥{n}份")),
        "质量指标": (("验收合格率", "≥{p}%"), ("符合国家标准", "符合"), ("系统正常运行率", "≥{p}%")),
        "时效指标": (("资金支付及时率", "≥{p}%"), ("完成时间", "{year}年12月前"), ("故障响应时间", "≤{h}小时")),
        "成本指标": (("项目成本", "≤{cost}万元"), ("运维成本", "≤{cost}万元")),
    },
    "效益指标": {
        "社会效益指标": (("提升政务服务水平", "有效提升"), ("保障单位正常运转", "有效保障"), ("办事效率提升", "≥{p0}%")),
        "可持续影响指标": (("长效管理机制", "持续完善"), ("持续保障工作运行", "持续保障")),
        "经济效益指标": (("降低运行成本", "有所降低"),),
    },
    "满意度指标": {
        "服务对象满意度指标": (("群众满意度", "≥{p}%"), ("单位职工满意度", "≥{p}%")),
    },
}
WHOLE_INDICATORS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "投入管理指标": {
        "预算执行": (("预算执行率", "≥{p}%"), ("结转结余率", "≤{p0}%")),
        "预算管理": (("“三公经费”变动率", "≤0"), ("资产管理规范性", "规范")),
    },
    **INDICATORS,
}


def _target(pattern: str, rng: random.Random, year: int, cost: str) -> str:
    return pattern.format(n=rng.randint(1, 30), p=rng.choice([90, 95, 98, 100]), p0=rng.choice([5, 10, 20, 30]),
                          h=rng.choice([2, 4, 24, 48]), year=year, cost=cost)


def _pick_indicators(rng: random.Random, pool: dict[str, dict[str, tuple[tuple[str, str], ...]]],
                     year: int, cost: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for level1, seconds in pool.items():
        for level2, thirds in seconds.items():
            if level2 != next(iter(seconds)) and rng.random() < 0.35:
                continue
            for level3, pattern in rng.sample(thirds, k=rng.randint(1, min(2, len(thirds)))):
                rows.append((level1, level2, level3, _target(pattern, rng, year, cost)))
    return rows


def _weights(n: int, total: int) -> list[int]:
    base = [total // n] * n
    for i in range(total - sum(base)):
        base[i % n] += 1
    return base


def _grade(score: float) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def _level_cells(rows: list[tuple[str, str, str, str]]) -> list[list[Cell | str]]:
    """The 一级/二级 columns of an indicator block, merged down over their rows."""
    out: list[list[Cell | str]] = [[] for _ in rows]
    for level, key in ((0, lambda r: r[0]), (1, lambda r: (r[0], r[1]))):
        i = 0
        while i < len(rows):
            j = i
            while j < len(rows) and key(rows[j]) == key(rows[i]):
                j += 1
            out[i].append(Cell(rows[i][level], rowspan=j - i))
            i = j
    return out


def _form_spec(style: DocStyle, type: str, title: str, rows: list[list[Cell | str]], ncols: int,
               form: dict[str, Any], unit: str, period: str | None) -> TableSpec:
    grid, merges = place(rows, ncols)
    return TableSpec(type=type, title=title, caption=None, unit=unit, header_rows=0, grid=grid, merges=merges,
                     columns={}, records=[], form=form, wide=ncols > 9, period_line=period)


def _plain(value: float) -> str:
    """Forms print amounts without separators or trailing zeros: 2, 2.4, 12519.03."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _cash(cents: int) -> tuple[str, float]:
    value = round(cents / 100, 2)
    return _plain(value), value


def _wan(style: DocStyle, cents: int) -> str:
    """An amount of the document's unit as 万元 text, for cost targets (≤238.71万元)."""
    return _plain(round(cents / 100 / (10000 if style.unit == "元" else 1), 2))


def self_evaluation(style: DocStyle, rng: random.Random, project: Project, dept: str, unit_code: str) -> TableSpec:
    """项目支出绩效自评表 for one project (决算)."""
    shanxi = style.locality == "shanxi"
    rate = round(project.executed / project.annual * 100, 2) if project.annual else 0.0
    fund_score = round(rate / 10, 2)
    indicators = _pick_indicators(rng, INDICATORS, style.year, _wan(style, project.annual))
    weights = _weights(len(indicators), 90)
    scores = [w if rng.random() < 0.7 else max(0, w - rng.randint(1, 3)) for w in weights]
    total = round(fund_score + sum(scores), 2)
    department = f"{dept}-{style.org}"
    implementing = f"{unit_code}-{style.org}"
    rows: list[list[Cell | str]] = [
        [Cell("项目名称", colspan=2), Cell(project.name, colspan=9)],
        [Cell("主管部门及代码", colspan=2), Cell(department, colspan=4), "预算单位", Cell(implementing, colspan=4)],
    ]
    init_t, init_v = _cash(project.initial)
    annual_t, annual_v = _cash(project.annual)
    exec_t, exec_v = _cash(project.executed)
    rest_t, _ = _cash(project.annual - project.executed)
    rate_t, score_t = f"{rate:.2f}", f"{fund_score:.2f}"
    reason = "无偏差" if rate >= 100 else rng.choice(["项目尚未完工", "按合同进度支付", "人员变动"])
    fund_rows = [("资金总额", ""), ("财政拨款" if not shanxi else "市县区财政资金", reason)]
    funds = []
    if shanxi:
        rows.append([Cell("项目资金预算安排及执行进度（万元）", rowspan=4), Cell("", rowspan=2), Cell("年初预算数", colspan=2),
                     *(Cell(h, rowspan=2) for h in ("全年预算数", "全年执行数", "资金结（转）余", "执行率", "得分")),
                     Cell("偏差原因", colspan=2, rowspan=2)])
        rows.append(["目标申报数", "预算编制数"])
        for source, why in fund_rows:
            label = f"{source}：" if source == "资金总额" else source
            rows.append([label, init_t, init_t, annual_t, exec_t, rest_t, rate_t, score_t, Cell(why, colspan=2)])
            funds.append({"source": source, "initial_budget": init_v, "annual_budget": annual_v, "executed": exec_v,
                          "weight": None, "execution_rate": rate, "score": fund_score})
    else:
        rows.append([Cell("项目资金（万元）", rowspan=3), "", Cell("年初预算数", colspan=2),
                     *("全年预算数", "全年执行数", "分值", "执行率", "得分"), Cell("偏差原因", colspan=2)])
        for source, why in fund_rows:
            rows.append([source, Cell(init_t, colspan=2), annual_t, exec_t, "10" if source == "资金总额" else "——",
                         rate_t, score_t if source == "资金总额" else "——", Cell(why, colspan=2)])
            weighted = source == "资金总额"
            funds.append({"source": source, "initial_budget": init_v, "annual_budget": annual_v, "executed": exec_v,
                          "weight": 10 if weighted else None, "execution_rate": rate,
                          "score": fund_score if weighted else None})
    expected = rng.choice(["保障项目按计划实施，资金使用规范高效。", "确保系统全年稳定运行，提升服务效率。",
                           "完成年度工作任务，提升群众满意度。"])
    actual = rng.choice(["已完成。", "全年目标基本完成。", "按计划完成年度目标。"])
    rows += [[Cell("项目年度绩效目标", rowspan=2), Cell("年度目标", colspan=5), Cell("实际完成情况", colspan=5)],
             [Cell(expected, colspan=5), Cell(actual, colspan=5)]]
    rows.append([Cell("绩效指标", rowspan=len(indicators) + 1), "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值",
                 "实际完成值", "定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施"])
    levels = _level_cells(indicators)
    records = []
    for (level1, level2, level3, target), weight, score, lead in zip(indicators, weights, scores, levels):
        note = "无偏差" if score == weight else "部分指标未达预期"
        initial = re.sub(r"\d+(\.\d+)?", "", target) if rng.random() < 0.5 else ""
        rows.append([*lead, level3, initial, target, target, "", str(weight), str(score), note])
        records.append({"level1": level1, "level2": level2, "level3": level3, "target": target, "actual": target,
                        "weight": float(weight), "score": float(score), "note": note})
    grade = _grade(total)
    rows.append([Cell("总分", colspan=9), f"{total:g}", grade])
    rows += [[Cell("项目绩效分析", rowspan=3), Cell("主要经验做法", colspan=2), Cell("严格按照预算管理要求实施项目。", colspan=8)],
             [Cell("项目管理中存在的主要问题及原因分析", colspan=2), Cell("无", colspan=8)],
             [Cell("下一步改进措施及管理建议", colspan=2), Cell("继续规范项目预算管理。", colspan=8)]]
    form = {"project": project.name, "department": department, "implementing_unit": implementing, "funds": funds,
            "goals": [{"expected": expected, "actual": actual}], "indicators": records,
            "total_score": total, "grade": grade}
    title = f"{project.name}项目支出绩效自评表" if shanxi else "项目支出绩效自评表"
    return _form_spec(style, "绩效自评表", title, rows, 11, form, "万元", f"（{style.year}年度）")


def whole_self_evaluation(style: DocStyle, rng: random.Random, basic: int, project_total: int) -> TableSpec:
    """部门整体支出绩效自评情况表: the whole department's year, with 投入管理指标 as well."""
    total_cents = basic + project_total
    rows: list[list[Cell | str]] = [[Cell("部门（单位）名称", colspan=2), Cell(style.org, colspan=8)]]
    rows.append([Cell("年度预算执行情况（万元）", rowspan=4), "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                 Cell("偏差原因", colspan=2)])
    funds = []
    score = 0.0
    for source, cents in (("年度资金总额", total_cents), ("其中：基本支出", basic), ("项目支出", project_total)):
        budget = int(cents * rng.uniform(1.0, 1.08))
        rate = round(cents / budget * 100, 2) if budget else 0.0
        weighted = source == "年度资金总额"
        fund_score = round(rate / 10, 2) if weighted else None
        score += fund_score or 0
        cells = [_cash(budget)[0], _cash(budget)[0], _cash(cents)[0]]
        rows.append([source, *cells, "10" if weighted else "——", f"{rate:.2f}",
                     f"{fund_score:.2f}" if weighted else "——", Cell("", colspan=2)])
        funds.append({"source": source, "initial_budget": _cash(budget)[1], "annual_budget": _cash(budget)[1],
                      "executed": _cash(cents)[1], "weight": 10 if weighted else None, "execution_rate": rate,
                      "score": fund_score})
    expected = "履行部门职责，保障机关正常运转，完成年度重点工作任务。"
    actual = rng.choice(["全面完成年度履职目标。", "年度目标基本完成。"])
    rows += [[Cell("年度履职目标", rowspan=2), Cell("预期目标", colspan=4), Cell("实际完成情况", colspan=5)],
             [Cell(expected, colspan=4), Cell(actual, colspan=5)]]
    indicators = _pick_indicators(rng, WHOLE_INDICATORS, style.year, _wan(style, total_cents))
    weights = _weights(len(indicators), 90)
    scores = [w if rng.random() < 0.75 else max(0, w - rng.randint(1, 2)) for w in weights]
    rows.append([Cell("绩效指标", rowspan=len(indicators) + 1), "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                 "分值", "得分", Cell("偏差原因分析及改进措施", colspan=2)])
    records = []
    for (level1, level2, level3, target), weight, got, lead in zip(indicators, weights, scores, _level_cells(indicators)):
        rows.append([*lead, level3, target, target, str(weight), str(got), Cell("", colspan=2)])
        records.append({"level1": level1, "level2": level2, "level3": level3, "target": target, "actual": target,
                        "weight": float(weight), "score": float(got), "note": None})
    total = round(score + sum(scores), 2)
    grade = _grade(total)
    rows.append([Cell("总分", colspan=7), f"{total:g}", Cell(grade, colspan=2)])
    form = {"project": None, "department": style.org, "implementing_unit": None, "funds": funds,
            "goals": [{"expected": expected, "actual": actual}], "indicators": records, "total_score": total,
            "grade": grade}
    return _form_spec(style, "整体绩效自评表", "部门整体支出绩效自评情况表", rows, 10, form, "万元", f"（{style.year}年度）")


def project_target(style: DocStyle, rng: random.Random, project: Project, dept: str) -> TableSpec:
    """项目支出绩效目标表 (预算), amounts in 元: Shanxi's 实施期/年度 layout or Shanghai's 财政项目支出绩效目标申报表."""
    yuan = project.annual * 10000 if style.unit == "万元" else project.annual  # cents of 元
    goal = rng.choice(["保障项目按计划实施，提升服务质量和效率。", "确保系统稳定运行，提升群众办事便利度。",
                       "按时完成年度工作任务，发挥资金使用效益。"])
    indicators = _pick_indicators(rng, INDICATORS, style.year, _wan(style, project.annual))
    if style.locality == "shanghai":
        indicators = [(l1, l2, l3, re.sub(r"(\d+)%$", r"\1.00(%)", target)) for l1, l2, l3, target in indicators]
        rows, funds, department = _shanghai_target_head(style, rng, project, yuan, goal)
        title, value_head = "财政项目支出绩效目标申报表", "年度(/项目)指标值"
    else:
        rows, funds, department = _shanxi_target_head(style, rng, project, dept, yuan, goal)
        title, value_head = "项目支出绩效目标表", "指标值"
    rows.append([Cell("绩效指标", rowspan=len(indicators) + 1), "一级指标", "二级指标", Cell("三级指标", colspan=3),
                 Cell(value_head, colspan=2)])
    records = []
    for (level1, level2, level3, target), lead in zip(indicators, _level_cells(indicators)):
        rows.append([*lead, Cell(level3, colspan=3), Cell(target, colspan=2)])
        records.append({"level1": level1, "level2": level2, "level3": level3, "target": target, "actual": None,
                        "weight": None, "score": None, "note": None})
    form = {"project": project.name, "department": department, "implementing_unit": style.org, "funds": funds,
            "goals": [{"expected": goal, "actual": None}], "indicators": records, "total_score": None, "grade": None}
    return _form_spec(style, "绩效目标表", title, rows, 8, form, "元", f"（{style.year}年度）")


def _target_fund(source: str, whole: float | None, year: float | None) -> dict[str, Any]:
    """A money row of a target form: 实施期 (whole project) as initial_budget, 年度 as annual_budget."""
    return {"source": source, "initial_budget": whole, "annual_budget": year, "executed": None, "weight": None,
            "execution_rate": None, "score": None}


def _shanxi_target_head(style: DocStyle, rng: random.Random, project: Project, dept: str, yuan: int,
                        goal: str) -> tuple[list[list[Cell | str]], list[dict[str, Any]], str]:
    amount = f"{yuan // 100:,}" + (f".{yuan % 100:02d}".rstrip("0").rstrip(".") if yuan % 100 else "")
    value = round(yuan / 100, 2)
    department = f"{dept}-{style.org}"
    rows: list[list[Cell | str]] = [
        [Cell("项目名称", colspan=2), Cell(project.name, colspan=6)],
        [Cell("主管部门及代码", colspan=2), Cell(department, colspan=2), Cell("实施单位", colspan=2),
         Cell(style.org, colspan=2)],
        [Cell("项目属性", colspan=2), Cell(rng.choice(["一次性项目（1年结束）", "经常性项目"]), colspan=2),
         Cell("项目期", colspan=2), Cell("1年", colspan=2)],
        [Cell("项目资金（元）", colspan=2, rowspan=3), "实施期资金总额：", amount, Cell("年度资金总额：", colspan=2),
         Cell(amount, colspan=2)],
        ["其中：财政拨款", amount, Cell("其中：财政拨款", colspan=2), Cell(amount, colspan=2)],
        ["其他资金", "0", Cell("其他资金", colspan=2), Cell("0", colspan=2)],
        [Cell("总体目标", colspan=2, rowspan=2), Cell("实施期目标", colspan=3), Cell("年度目标", colspan=3)],
        [Cell(goal, colspan=3), Cell(goal, colspan=3)],
    ]
    funds = [_target_fund("资金总额", value, value), _target_fund("财政拨款", value, value), _target_fund("其他资金", 0.0, 0.0)]
    return rows, funds, department


def _shanghai_target_head(style: DocStyle, rng: random.Random, project: Project, yuan: int,
                          goal: str) -> tuple[list[list[Cell | str]], list[dict[str, Any]], str]:
    amount = f"{yuan / 100:,.2f}"
    value = round(yuan / 100, 2)
    y = style.year
    rows: list[list[Cell | str]] = [
        ["项目名称", Cell(project.name, colspan=3), "项目性质", rng.choice(["阶段性项目", "经常性项目"]), "项目类别",
         rng.choice(["特定目标类", "其他运转类"])],
        ["主管部门", Cell(style.org, colspan=3), "实施单位", Cell(style.org, colspan=3)],
        ["计划开始日期", Cell(f"{y}-01-01", colspan=3), "计划完成日期", Cell(f"{y}-12-31", colspan=3)],
        [Cell("项目资金（元）", rowspan=4), Cell("项目资金总额", colspan=2), amount, Cell("年度资金申请总额", colspan=2),
         Cell(amount, colspan=2)],
        [Cell("其中：财政资金", colspan=2), amount, Cell("其中：当年财政拨款", colspan=2), Cell(amount, colspan=2)],
        [Cell("", colspan=2), "", Cell("上年结转资金", colspan=2), Cell("0.00", colspan=2)],
        [Cell("其他资金", colspan=2), "0.00", Cell("其他资金", colspan=2), Cell("0.00", colspan=2)],
        [Cell("项目绩效目标", rowspan=2), Cell(f"项目总体目标（{y}年）", colspan=4), Cell("年度总体目标", colspan=3)],
        [Cell(goal, colspan=4), Cell(goal, colspan=3)],
    ]
    funds = [_target_fund("项目资金总额", value, value), _target_fund("财政资金", value, value),
             _target_fund("上年结转资金", None, 0.0), _target_fund("其他资金", 0.0, 0.0)]
    return rows, funds, style.org


def whole_target(style: DocStyle, rng: random.Random, ledger: Ledger, basic: int, project_total: int) -> TableSpec:
    """整体支出绩效目标申报表 (预算)."""
    total = ledger.received
    rows: list[list[Cell | str]] = [[Cell("部门名称", colspan=2), Cell(style.org, colspan=4)]]
    pairs = [("合计", total, "合计", total), ("其中：一般公共预算资金", ledger.fiscal_income, "其中：基本支出", basic),
             ("政府性基金预算资金", ledger.fund_income, "项目支出", project_total), ("单位资金", ledger.unit_funds, "", None)]
    heading = f"资金总额（{style.unit}）"
    rows.append([Cell("年度预算情况", rowspan=len(pairs) + 1), "按资金来源划分", heading, "按资金方向划分",
                 Cell(heading, colspan=2)])
    funds = []
    for source, cents, direction, dir_cents in pairs:
        rows.append([source, _cash(cents)[0], direction, Cell("" if dir_cents is None else _cash(dir_cents)[0], colspan=2)])
        funds.append({"source": source, "initial_budget": None, "annual_budget": _cash(cents)[1], "executed": None,
                      "weight": None, "execution_rate": None, "score": None})
        if dir_cents is not None and direction != source:
            funds.append({"source": direction, "initial_budget": None, "annual_budget": _cash(dir_cents)[1],
                          "executed": None, "weight": None, "execution_rate": None, "score": None})
    goal = "优化营商环境，提高办事效率，提升服务水平和群众满意度。"
    rows.append([Cell("年度绩效目标", colspan=2), Cell(goal, colspan=4)])
    indicators = _pick_indicators(rng, INDICATORS, style.year, _wan(style, total))
    rows.append([Cell("年度绩效指标", rowspan=len(indicators) + 1), "一级指标", "二级指标", Cell("三级指标", colspan=2), "指标值"])
    records = []
    for (level1, level2, level3, target), lead in zip(indicators, _level_cells(indicators)):
        rows.append([*lead, Cell(level3, colspan=2), target])
        records.append({"level1": level1, "level2": level2, "level3": level3, "target": target, "actual": None,
                        "weight": None, "score": None, "note": None})
    form = {"project": None, "department": style.org, "implementing_unit": None, "funds": funds,
            "goals": [{"expected": goal, "actual": None}], "indicators": records, "total_score": None, "grade": None}
    return _form_spec(style, "整体绩效目标表", "整体支出绩效目标申报表", rows, 6, form, style.unit, f"（{style.year}）年度")
