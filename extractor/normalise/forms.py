"""The performance forms: 绩效自评表, 整体绩效自评表, 绩效目标表, 整体绩效目标表.

A form is a sheet of labelled blocks rather than a table of columns, and the
cells of one block do not line up between rows (each block has its own column
split, and text extraction shifts cells). So every block is read by content:
a field's value is the next cell to the right of its label; a funds row is a
source label followed by its amounts in header order; an indicator row is
level labels recognised from the standard vocabulary, then texts, then the
分值/得分 numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.model import Form, Fund, Goal, Indicator, Issue, Normalised, RawTable
from extractor.normalise.header import label
from extractor.normalise.numbers import read_number

_LEVEL1 = re.compile(r"^(产出|效益|满意度|成本|投入管理|投入|过程|管理|履职效能|影响)指标")
_LEVEL2 = re.compile(
    r"^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|可持续影响|可持续性影响|可持续性|"
    r"服务对象满意度|社会公众满意度|满意度|预算执行|预算管理|资金管理|资产管理|项目管理|人员管理|制度管理|职责履行|履职效益)(指标)?$"
)
_GRADES = ("优", "良", "中", "差")
_FIELDS = {
    "project": ("项目名称",),
    "department": ("主管部门及代码", "主管部门", "部门名称", "单位名称"),
    "implementing_unit": ("预算单位", "实施单位"),
}
_FUND_FIELDS = (
    ("全年预算数", "annual_budget"),
    ("全年执行数", "executed"),
    ("年初预算数", "initial_budget"),
    ("分值", "weight"),
    ("执行率", "execution_rate"),
    ("得分", "score"),
    ("结", "balance"),
)
_END_OF_INDICATORS = ("总分", "项目绩效分析", "绩效分析", "负责人", "备注", "评价结论", "主要经验")


@dataclass
class _Cell:
    col: int
    text: str


def _cells(row: list[str]) -> list[_Cell]:
    """The row's non-empty cells (a merged cell may appear in several)."""
    return [_Cell(j, label(c)) for j, c in enumerate(row) if label(c)]


def _number(text: str) -> float | None:
    return read_number(text).value


def _field_value(rows: list[list[_Cell]], keys: tuple[str, ...]) -> str | None:
    all_keys = [k for ks in _FIELDS.values() for k in ks]
    for cells in rows:
        for i, c in enumerate(cells):
            if any(c.text.rstrip(":：").startswith(k) for k in keys):
                for nxt in cells[i + 1:]:
                    if nxt.text == c.text:
                        continue  # the label's own merged cell
                    if not any(nxt.text.startswith(k) for k in all_keys):
                        return nxt.text
                    break
    return None


def _find_row(rows: list[list[_Cell]], *words: str, start: int = 0) -> int | None:
    for i in range(start, len(rows)):
        texts = [c.text for c in rows[i]]
        if all(any(w in t for t in texts) for w in words):
            return i
    return None


# --- funds ----------------------------------------------------------------


def _fund_fields(header: list[_Cell], sub: list[_Cell] | None) -> list[str]:
    """Numeric fields in printed order; 年初预算数 may split into 目标申报数 / 预算编制数."""
    fields: list[str] = []
    for c in header:
        name = next((f for key, f in _FUND_FIELDS if key in c.text), None)
        if name == "initial_budget" and sub and any("预算编制数" in s.text for s in sub):
            fields.extend("initial_budget" if "预算编制数" in s.text else "declared" for s in sub
                          if "申报数" in s.text or "预算编制数" in s.text)
        elif name:
            fields.append(name)
    return fields


def _source(text: str) -> str:
    t = re.sub(r"^(其中[:：]?|实施期|年度)", "", text.rstrip(":：")).rstrip(":：")
    return re.sub(r"^(其中[:：]?)", "", t)


def _self_eval_funds(rows: list[list[_Cell]], issues: list[Issue]) -> list[Fund]:
    h = _find_row(rows, "全年预算数")
    if h is None:
        return []
    sub = rows[h + 1] if h + 1 < len(rows) and any("申报数" in c.text or "编制数" in c.text for c in rows[h + 1]) else None
    fields = _fund_fields(rows[h], sub)
    funds = []
    for cells in rows[h + 1:]:
        labels = [c for c in cells if _number(c.text) is None and ("资金" in c.text or "合计" in c.text)]
        if not labels:
            if funds:
                break
            continue
        numbers = [_number(c.text) for c in cells if c.col > labels[-1].col and _number(c.text) is not None]
        if not numbers:
            break
        fund = Fund(source=_source(labels[-1].text))
        if len(numbers) > len(fields):
            issues.append(Issue("form-funds", f"{fund.source}: {len(numbers)} amounts for {len(fields)} columns; extra ones ignored"))
        for field, value in zip(fields, numbers):
            if hasattr(fund, field):
                setattr(fund, field, value)
        funds.append(fund)
    return funds


def _target_funds(rows: list[list[_Cell]]) -> list[Fund]:
    """目标表: (source label, amount) pairs; the 年度 pair when both 实施期 and 年度 are printed."""
    funds: list[Fund] = []
    pick = 0
    for cells in rows:
        pairs = [(c.text, _number(n.text)) for c, n in zip(cells, cells[1:])
                 if _number(c.text) is None and _number(n.text) is not None and ("资金" in c.text or c.text == "合计")]
        if not pairs:
            if funds:
                break
            continue
        if not funds:
            pick = next((i for i, (t, _) in enumerate(pairs) if t.startswith("年度")), 0)
        text, value = pairs[min(pick, len(pairs) - 1)]
        funds.append(Fund(source=_source(text), annual_budget=value))
    return funds


# --- goals ----------------------------------------------------------------


_GOAL_LABELS = ("年度绩效目标", "总体目标", "年度目标", "绩效目标", "年度履职目标")


def _goals(rows: list[list[_Cell]], indicators_at: int | None) -> list[Goal]:
    stop = indicators_at if indicators_at is not None else len(rows)
    h = _find_row(rows[:stop], "年度目标") or _find_row(rows[:stop], "履职目标")
    if h is not None and any("实际完成" in c.text for c in rows[h]):
        return _goals_with_results(rows[h], rows[h + 1:stop])
    goals = []
    for cells in rows[:stop]:
        if cells and cells[0].text in _GOAL_LABELS:
            texts = list(dict.fromkeys(c.text for c in cells[1:]))
            if texts:  # with 实施期目标 / 年度目标 printed side by side, the year's is the last
                goals.append(Goal(expected=texts[-1], actual=None))
    return goals


def _goals_with_results(header: list[_Cell], rows: list[list[_Cell]]) -> list[Goal]:
    """自评表: each row under 年度目标 | 实际完成情况 is one goal with its result."""
    actual_col = next(c.col for c in header if "实际完成" in c.text)
    goals = []
    for cells in rows:
        texts = [c for c in cells if c.text not in _GOAL_LABELS and not c.text.endswith("绩效目标")]
        expected = list(dict.fromkeys(c.text for c in texts if c.col < actual_col))
        actual = list(dict.fromkeys(c.text for c in texts if c.col >= actual_col))
        if expected or actual:
            goals.append(Goal(expected=expected[-1] if expected else None, actual=actual[0] if actual else None))
    return goals


# --- indicators -----------------------------------------------------------


@dataclass
class _IndicatorHeader:
    row: int
    has_adjusted: bool
    scored: bool
    stop_col: int | None  # a second indicator set (目标表: 年度 copy) starts here
    label_cols: set[int]
    level2_col: int | None


def _indicator_header(rows: list[list[_Cell]]) -> _IndicatorHeader | None:
    h = _find_row(rows, "一级指标", "三级指标")
    if h is None:
        return None
    texts = [c.text for c in rows[h]]
    level2_cols = [c.col for c in rows[h] if c.text == "二级指标"]
    return _IndicatorHeader(
        row=h,
        has_adjusted=any("调整后" in t or "全年指标值" in t for t in texts) and any("年初" in t for t in texts),
        scored=any(t == "得分" for t in texts),
        stop_col=level2_cols[1] if len(level2_cols) > 1 else None,
        label_cols={c.col for c in rows[h] if c.text in ("绩效指标", "年度绩效指标")},
        level2_col=level2_cols[0] if level2_cols else None,
    )


def _is_level2(text: str) -> bool:
    return bool(_LEVEL2.match(text))


def _indicator(cells: list[_Cell], head: _IndicatorHeader, level1: str | None, level2: str | None) -> Indicator:
    texts = [c.text for c in cells]
    i = 0
    l1, l2 = None, None
    if texts and _LEVEL1.match(texts[0]):
        # 成本指标 is a level-1 name in newer forms and a level-2 name in older ones
        ambiguous = _is_level2(texts[0])
        before_level2 = head.level2_col is None or cells[0].col < head.level2_col
        if not ambiguous or (len(texts) > 1 and _is_level2(texts[1]) and before_level2):
            l1, i = texts[0], 1
    if i < len(texts) and _is_level2(texts[i]):
        l2, i = texts[i], i + 1
    rest = texts[i:]
    weight = score = None
    note = None
    if head.scored:
        nums = [k for k, t in enumerate(rest) if _number(t) is not None]
        if nums:
            last = nums[-1]
            score = _number(rest[last])
            note = " ".join(rest[last + 1:]) or None
            if len(nums) > 1 and nums[-2] == last - 1:
                weight = _number(rest[last - 1])
                rest = rest[: last - 1]
            else:
                rest = rest[:last]
    level3 = rest[0] if rest else None
    mids = rest[1:]
    if head.has_adjusted and len(mids) >= 3:
        target, actual = mids[1], mids[2]
    else:
        target = mids[0] if mids else None
        actual = mids[1] if len(mids) > 1 and head.scored else None
    if l1 is not None:
        level1, level2 = l1, None
    return Indicator(level1=level1, level2=l2 or level2, level3=level3, target=target, actual=actual,
                     weight=weight, score=score, note=note)


def _indicators(rows: list[list[_Cell]], head: _IndicatorHeader | None) -> list[Indicator]:
    if head is None:
        return []
    out: list[Indicator] = []
    level1 = level2 = None
    for cells in rows[head.row + 1:]:
        if any(c.text.startswith(_END_OF_INDICATORS) for c in cells[:2]):
            break
        kept = [c for c in cells if c.col not in head.label_cols and (head.stop_col is None or c.col < head.stop_col)]
        kept = [c for c in kept if c.text not in ("绩效指标", "年度绩效指标")]
        if not kept:
            continue
        ind = _indicator(kept, head, level1, level2)
        level1, level2 = ind.level1, ind.level2
        out.append(ind)
    return out


def _total(rows: list[list[_Cell]]) -> tuple[float | None, str | None]:
    i = _find_row(rows, "总分")
    if i is None:
        return None, None
    cells = rows[i]
    numbers = [_number(c.text) for c in cells if _number(c.text) is not None]
    grade = next((c.text for c in cells if c.text in _GRADES), None)
    return (numbers[-1] if numbers else None), grade


def read_form(grid: list[list[str]], label_: str) -> tuple[Form, list[Issue]]:
    rows = [_cells(r) for r in grid]
    issues: list[Issue] = []
    head = _indicator_header(rows)
    is_target = "目标表" in label_
    form = Form(
        project=_field_value(rows, _FIELDS["project"]),
        department=_field_value(rows, _FIELDS["department"]),
        implementing_unit=_field_value(rows, _FIELDS["implementing_unit"]),
        funds=_target_funds(rows) if is_target else _self_eval_funds(rows, issues),
        goals=_goals(rows, head.row if head else None),
        indicators=_indicators(rows, head),
    )
    if not is_target:
        form.total_score, form.grade = _total(rows)
    if head is None:
        issues.append(Issue("form-indicators", "no indicator header (一级指标 / 三级指标) found in the form"))
    return form, issues


def normalise_form(raw: RawTable, label_: str) -> Normalised:
    form, issues = read_form(raw.grid, label_)
    return Normalised(columns={}, form=form, issues=issues)
