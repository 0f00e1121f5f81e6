"""The performance forms: 绩效自评表, 整体绩效自评表, 绩效目标表, 整体绩效目标表.

A form is a sheet of labelled blocks rather than a table of columns: each
block (fields, funds, goals, indicators, total) has its own header and its own
column split. Each block is read against its own header row: a value belongs
to the header over its column. When the cells of a row do not line up with
that header (text extraction shifts them), the row is read by content
instead: level names recognised from the standard vocabulary, then texts,
then the 分值/得分 numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.checks.forms import form_checks
from extractor.model import Form, Fund, Goal, Indicator, Issue, Normalised, RawTable
from extractor.normalise.header import label
from extractor.normalise.numbers import dash_read_as_one, is_blank, read_number

_LEVEL1 = re.compile(r"^(产出|效益|满意度|成本|投入管理|投入|过程|管理|履职效能|影响)指标")
_LEVEL2 = re.compile(
    r"^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|可持续影响|可持续性影响|可持续性|"
    r"服务对象满意度|社会公众满意度|满意度|预算执行|预算管理|资金管理|资产管理|项目管理|人员管理|制度管理|职责履行|履职效益)(指标)?$"
)
_GRADES = ("优", "良", "中", "差")
_FIELDS = {
    "project": ("项目名称",),
    "department": ("主管部门及代码", "主管部门", "部门（单位）名称", "部门(单位)名称", "部门名称", "单位名称"),
    "implementing_unit": ("预算单位", "实施单位"),
}
# Fund header words -> Fund attribute, most specific first.
_FUND_HEADER = (
    ("预算编制数", "initial_budget"),
    ("申报数", "declared"),
    ("全年预算数", "annual_budget"),
    ("全年执行数", "executed"),
    ("年初预算数", "initial_budget"),
    ("分值", "weight"),
    ("执行率", "execution_rate"),
    ("得分", "score"),
    ("结", "balance"),
    ("偏差", "reason"),
)
# Indicator header words -> field, most specific first.
_INDICATOR_HEADER = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "level3"),
    ("年初指标值", "initial"),
    ("调整后指标值", "target"),
    ("全年指标值", "target"),
    ("年度指标值", "target"),
    ("指标值", "target"),
    ("实际完成", "actual"),
    ("定性", "qualitative"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
    ("偏差", "note"),
    ("备注", "note"),
    ("绩效指标", "label"),
)
_END_OF_INDICATORS = ("总分", "项目绩效分析", "项目支出绩效分析", "绩效分析", "负责人", "备注", "评价结论", "主要经验")
_GOAL_LABELS = ("年度绩效目标", "总体目标", "年度目标", "绩效目标", "年度履职目标", "项目年度绩效目标", "项目年度目标", "项目绩效目标")


def _is_goal_heading(text: str) -> bool:
    """实施期目标, 年度总体目标, 项目总体目标（2022年）…: a column heading, not a goal."""
    return "目标" in text and len(text) <= 14


@dataclass
class _Cell:
    col: int
    text: str


def _cells(row: list[str]) -> list[_Cell]:
    """The row's non-empty cells (a merged cell appears in every column it covers)."""
    return [_Cell(j, label(c)) for j, c in enumerate(row) if label(c)]


def _number(text: str) -> float | None:
    return read_number(text).value


# Header words this long are still found with one character misread by OCR (全午预算数).
_FUZZY_WORD = 4


def _nearly_has(text: str, word: str) -> bool:
    """``word`` in ``text`` with one character misread, for long words only."""
    n = len(word)
    return n >= _FUZZY_WORD and any(sum(a != b for a, b in zip(text[i : i + n], word)) <= 1 for i in range(len(text) - n + 1))


def _word_field(text: str, words: tuple[tuple[str, str], ...]) -> str | None:
    """The field of the first header word in ``text``; failing that, of one OCR misread by a character.

    A form whose header word is misread (全午预算数) would otherwise lose its
    whole fund or indicator block without a trace. Exact words go first, as
    some differ by one character themselves (一级指标, 二级指标).
    """
    exact = next((f for key, f in words if key in text), None)
    return exact or next((f for key, f in words if _nearly_has(text, key)), None)


def _find_row(rows: list[list[_Cell]], *words: str, start: int = 0, stop: int | None = None) -> int | None:
    end = len(rows) if stop is None else stop
    for found in (lambda t, w: w in t, _nearly_has):
        for i in range(start, end):
            texts = [c.text for c in rows[i]]
            if all(any(found(t, w) for t in texts) for w in words):
                return i
    return None


def _header_map(cells: list[_Cell], words: tuple[tuple[str, str], ...]) -> dict[int, str]:
    out = {}
    for c in cells:
        field = _word_field(c.text, words)
        if field:
            out[c.col] = field
    return out


def _field_value(rows: list[list[_Cell]], keys: tuple[str, ...]) -> str | None:
    """The first cell right of a label cell that is neither the label again nor another label."""
    all_keys = [k for ks in _FIELDS.values() for k in ks]
    for cells in rows:
        for i, c in enumerate(cells):
            if not any(c.text.rstrip(":：").startswith(k) for k in keys):
                continue
            for nxt in cells[i + 1:]:
                if nxt.text == c.text:
                    continue  # the label's own merged cell
                if not any(nxt.text.startswith(k) for k in all_keys):
                    return nxt.text
                break
    return None


# --- funds ----------------------------------------------------------------


def _source(text: str, target_form: bool = False) -> str:
    """The fund's name as printed; on 项目目标表 without 其中： and the 实施期/年度 prefix that splits its two columns."""
    t = text.rstrip(":：")
    return re.sub(r"^(其中[:：]?)?(实施期|年度)?", "", t) if target_form else t


def _fill_fund(fund: Fund, fields: dict[str, float]) -> Fund:
    for name, value in fields.items():
        if name in ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score"):
            setattr(fund, name, value)
    return fund


def _self_eval_funds(rows: list[list[_Cell]], stop: int, issues: list[Issue]) -> list[Fund]:
    h = _find_row(rows, "全年预算数", stop=stop)
    if h is None:
        return []
    block = rows[h][0].text if rows[h] else ""
    header = list(rows[h])
    start = h + 1
    if start < stop and any("申报数" in c.text or "编制数" in c.text for c in rows[start]):
        header += rows[start]
        start += 1
    columns: dict[int, str] = {}
    for c in header:  # sub-header cells override the 年初预算数 span above them
        field = _word_field(c.text, _FUND_HEADER)
        if field and (c.col not in columns or field in ("initial_budget", "declared")):
            columns[c.col] = field
    order = [f for _, f in sorted(columns.items())]
    order = [f for k, f in enumerate(order) if k == 0 or order[k - 1] != f]
    funds = []
    for cells in rows[start:stop]:
        words = [c for c in cells if _number(c.text) is None and not is_blank(c.text) and c.text != block]
        if not words or any(w.text.startswith(_GOAL_LABELS) for w in words):
            break
        name = words[0]
        numbers = [(c.col, v) for c in cells if c.col > name.col and (v := _number(c.text)) is not None]
        positional: dict[str, float] = {}
        for col, v in numbers:
            if col in columns:
                positional.setdefault(columns[col], v)
        if all(columns.get(col) not in (None, "reason") for col, _ in numbers):
            fields = positional
        else:  # shifted cells: take the amounts in header order
            fields = dict(zip(order, (v for _, v in numbers)))
            if len(numbers) > len(order):
                issues.append(Issue("form-funds", f"{name.text}: {len(numbers)} amounts for {len(order)} columns"))
        funds.append(_fill_fund(Fund(source=_source(name.text)), fields))
    return funds


_BLOCK_LABEL = re.compile(r"[（(]万?元[)）]$")  # 项目资金（元）: the block's own label


def _pairs(cells: list[_Cell]) -> list[tuple[int, str, float]]:
    """(column, label, amount) for each text cell followed by an amount."""
    out = []
    for c, n in zip(cells, cells[1:]):
        value = _number(n.text)
        if value is not None and _number(c.text) is None and not _BLOCK_LABEL.search(c.text):
            out.append((c.col, c.text, value))
    return out


def _target_funds(rows: list[list[_Cell]], stop: int, whole: bool) -> list[Fund]:
    """目标表 funds: the block starts at the first row pairing a 资金/合计 label with an amount.

    整体目标表 lists every pair (by source and by direction). 项目目标表 prints
    the 实施期 (or 项目) amounts on the left and the 年度 amounts on the right:
    a row is one fund, named by its left label (the right one when the left is
    blank), with the left amount as initial_budget and the right as annual_budget.
    """
    funds: list[Fund] = []
    split: int | None = None
    for cells in rows[:stop]:
        pairs = _pairs(cells)
        if not funds and not any("资金" in t or t == "合计" for _, t, _ in pairs):
            continue
        if not pairs:
            break
        if whole:  # a label printed on both sides of the row (合计) is one fund
            first: dict[str, float] = {}
            for _, t, v in pairs:
                first.setdefault(t, v)
            funds.extend(Fund(source=_source(t), annual_budget=v) for t, v in first.items())
            continue
        if not funds:
            split = pairs[1][0] if len(pairs) > 1 else None
        left = [p for p in pairs if split is None or p[0] < split]
        right = [p for p in pairs if split is not None and p[0] >= split]
        initial = left[0][2] if left else None
        annual = right[0][2] if right else (initial if split is None else None)
        funds.append(Fund(source=_source((left or right)[0][1], target_form=True), initial_budget=initial, annual_budget=annual))
    return funds


# --- goals ----------------------------------------------------------------


def _goals(rows: list[list[_Cell]], stop: int) -> list[Goal]:
    h = _find_row(rows, "实际完成", stop=stop)
    if h is not None and any(w in c.text for c in rows[h] for w in ("目标", "任务")):
        return _goals_with_results(rows[h], rows[h + 1:stop])
    goals = []
    for cells in rows[:stop]:
        if cells and cells[0].text in _GOAL_LABELS:
            texts = [t for t in dict.fromkeys(c.text for c in cells[1:]) if not _is_goal_heading(t)]
            if texts:  # with 实施期目标 / 年度目标 side by side, the year's is the last
                goals.append(Goal(expected=texts[-1], actual=None))
    return goals


def _goals_with_results(header: list[_Cell], rows: list[list[_Cell]]) -> list[Goal]:
    """自评表: each row under 年度目标 | 实际完成情况 is one goal with its result."""
    actual_col = min(c.col for c in header if _word_field(c.text, (("实际完成", "actual"),)))
    skip = {c.text for c in header if c.col < actual_col} | set(_GOAL_LABELS)
    goals = []
    for cells in rows:
        texts = [c for c in cells if c.text not in skip]
        expected = list(dict.fromkeys(c.text for c in texts if c.col < actual_col))
        actual = list(dict.fromkeys(c.text for c in texts if c.col >= actual_col))
        if expected or actual:
            goals.append(Goal(expected=expected[-1] if expected else None, actual=actual[0] if actual else None))
    return goals


# --- indicators -----------------------------------------------------------


@dataclass
class _IndicatorHeader:
    row: int
    columns: dict[int, str]  # grid column -> field
    stop_col: int | None  # a second, 年度 copy of the indicators starts here (目标表)
    has_initial: bool  # 年初指标值 printed next to the adjusted value
    scored: bool  # 分值 / 得分 printed (自评表, not 目标表)


def _indicator_header(rows: list[list[_Cell]]) -> _IndicatorHeader | None:
    h = _find_row(rows, "一级指标", "三级指标")
    if h is None:
        return None
    cells = rows[h]
    level2 = [c.col for c in cells if c.text == "二级指标"]
    repeat = next((col for col in level2 if any(c.col < col and c.text == "三级指标" for c in cells)), None)
    kept = [c for c in cells if repeat is None or c.col < repeat]  # 目标表 prints a 年度 copy to the right
    columns = _header_map(kept, _INDICATOR_HEADER)
    fields = set(columns.values())
    return _IndicatorHeader(h, columns, repeat, "initial" in fields, "score" in fields)


def _is_level2(text: str) -> bool:
    return bool(_LEVEL2.match(text))


def _by_position(cells: list[_Cell], head: _IndicatorHeader) -> dict[str, str] | None:
    """The row read against the header's columns; None when the cells do not line up with it."""
    fields: dict[str, str] = {}
    for c in cells:
        if head.stop_col is not None and c.col >= head.stop_col:
            continue
        field = head.columns.get(c.col)
        if field is None:
            return None
        fields.setdefault(field, c.text)
    for numeric in ("weight", "score"):
        if numeric in fields and _number(fields[numeric]) is None:
            return None
    if head.scored and "score" not in fields and any(_number(c.text) is not None for c in cells):
        return None  # amounts printed but none under 得分: the cells are shifted
    if _number(fields.get("note", "")) is not None or (_is_level2(fields.get("level3", "")) and "level2" not in fields):
        return None  # an amount under 偏差原因, a level name under 三级指标: shifted
    if "level1" in fields and not _LEVEL1.match(fields["level1"]) and fields["level1"] != fields.get("level2"):
        return None
    fields.pop("label", None)
    return fields


def _by_content(cells: list[_Cell], head: _IndicatorHeader) -> dict[str, str]:
    """Level names from the vocabulary, then texts, then the trailing 分值/得分 numbers."""
    cells = [c for c in cells if (head.stop_col is None or c.col < head.stop_col) and head.columns.get(c.col) != "label"]
    texts = [c.text for c in cells]
    level2_col = next((col for col, f in head.columns.items() if f == "level2"), None)
    fields: dict[str, str] = {}
    i = 0
    if texts and _LEVEL1.match(texts[0]):
        # 成本指标 is a level-1 name in newer forms and a level-2 name in older ones
        before_level2 = level2_col is None or cells[0].col < level2_col
        if not _is_level2(texts[0]) or (len(texts) > 1 and _is_level2(texts[1]) and before_level2):
            fields["level1"], i = texts[0], 1
    if i < len(texts) and _is_level2(texts[i]):
        fields["level2"], i = texts[i], i + 1
    rest = texts[i:]
    if head.scored:
        nums = [k for k, t in enumerate(rest) if _number(t) is not None]
        if nums:
            last = nums[-1]
            fields["score"] = rest[last]
            if rest[last + 1:]:
                fields["note"] = " ".join(rest[last + 1:])
            if len(nums) > 1 and nums[-2] == last - 1:
                fields["weight"] = rest[last - 1]
                last -= 1
            rest = rest[:last]
    if rest:
        fields["level3"] = rest[0]
    mids = rest[1:]
    if head.has_initial and len(mids) >= 3:
        mids = mids[1:]
    if mids:
        fields["target"] = mids[0]
    if len(mids) > 1 and head.scored:
        fields["actual"] = mids[1]
    return fields


def _indicators(rows: list[list[_Cell]], head: _IndicatorHeader | None, issues: list[Issue]) -> list[Indicator]:
    """The indicator rows; text that is no number under 分值 or 得分 (OCR read 11 as M) is reported in ``issues``."""
    if head is None:
        return []
    out: list[Indicator] = []
    level1 = level2 = None
    for i, cells in enumerate(rows[head.row + 1:], start=head.row + 2):
        if any(c.text.startswith(_END_OF_INDICATORS) for c in cells[:2]):
            break
        issues.extend(
            Issue("not-a-number", f"row {i}: {c.text!r} under {'分值' if head.columns[c.col] == 'weight' else '得分'} read as no number")
            for c in cells
            if head.columns.get(c.col) in ("weight", "score") and _number(c.text) is None and not is_blank(c.text)
        )
        fields = _by_position(cells, head)
        if fields is None:
            fields = _by_content(cells, head)
        if not any(k in fields for k in ("level1", "level2", "level3", "target")):
            continue
        if fields.get("level1") and fields["level1"] != level1:
            level1, level2 = fields["level1"], None
        level2 = fields.get("level2") or level2
        out.append(Indicator(
            level1=level1, level2=level2, level3=fields.get("level3"),
            target=fields.get("target") or fields.get("initial"), actual=fields.get("actual"),
            weight=_number(fields.get("weight", "")), score=_number(fields.get("score", "")), note=fields.get("note"),
        ))
    return out


def _total(rows: list[list[_Cell]]) -> tuple[float | None, str | None]:
    i = _find_row(rows, "总分")
    if i is None:
        return None, None
    numbers = [v for c in rows[i] if (v := _number(c.text)) is not None]
    grade = next((c.text for c in rows[i] if c.text in _GRADES), None)
    return (numbers[-1] if numbers else None), grade


def read_form(grid: list[list[str]], label_: str) -> tuple[Form, list[Issue]]:
    rows = [_cells(r) for r in grid]
    issues: list[Issue] = []
    head = _indicator_header(rows)
    stop = head.row if head else len(rows)
    goals_at = _find_row(rows, "实际完成", stop=stop) or stop
    is_target = "目标表" in label_
    form = Form(
        project=_field_value(rows, _FIELDS["project"]),
        department=_field_value(rows, _FIELDS["department"]),
        implementing_unit=_field_value(rows, _FIELDS["implementing_unit"]),
        funds=_target_funds(rows, stop, whole=label_.startswith("整体")) if is_target else _self_eval_funds(rows, goals_at, issues),
        goals=_goals(rows, stop),
        indicators=_indicators(rows, head, issues),
    )
    if not is_target:
        form.total_score, form.grade = _total(rows)
    if head is None:
        issues.append(Issue("form-indicators", "no indicator header (一级指标 / 三级指标) found in the form"))
    return form, issues


def normalise_form(raw: RawTable, label_: str) -> Normalised:
    form, issues = read_form(raw.grid, label_)
    checks = form_checks(form, label_)
    return Normalised(columns={}, form=form, checks=checks, issues=issues, corrections=_dashes(raw.grid))


def _dashes(grid: list[list[str]]) -> dict[tuple[int, int], str]:
    """Dashes OCR read as 一 in rows that hold amounts or scores (分值 —— on a 基本支出 line): no text
    field of a form is 一 alone."""
    return {
        (i, j): dash
        for i, row in enumerate(grid) if any(_number(c) is not None for c in row)
        for j, text in enumerate(row) if (dash := dash_read_as_one(text)) is not None
    }
