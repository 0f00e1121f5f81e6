"""Equalities between tables of one report.

The tables of a report are cuts of the same accounts, so some printed
amounts must agree across them: 公开01's income and expenditure against
公开02/03, the 财政拨款 summary 公开04 against 公开01 and 公开05, the basic
expenditure of 公开05 against 公开06's two groups, and the budget
equivalents (预算01 vs 02/03/04, 预算04 vs 05, 预算05 vs 06). Each check is
reported on both tables it compares; when a label occurs twice, its first
table is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from extractor.checks.arith import combine, equal_check, sum_check
from extractor.model import Check, Normalised, Record

_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
_SUFFIXES = re.compile(r"(收入|资金|预算)+$")

Table = tuple[int, Normalised]


def _first(tables: Sequence[tuple[str, Normalised]], label: str) -> Table | None:
    return next(((i, n) for i, (lab, n) in enumerate(tables) if lab == label), None)


def _record(n: Normalised, pred: Callable[[str], bool], side: str | None = None) -> Record | None:
    return next((r for r in n.records if r.side == side and r.item and pred(r.item)), None)


def _col(n: Normalised, word: str, side: str = "") -> int | None:
    names = n.columns.get(side, [])
    return next((k for k, name in enumerate(names) if word in name), None)


def _value(r: Record | None, k: int | None) -> float | None:
    if r is None or k is None or k >= len(r.values):
        return None
    return r.values[k]


def _total(n: Normalised) -> Record | None:
    return next((r for r in n.records if r.code is None and r.item in ("合计", "总计")), None)


def _is_year_total(kind: str) -> Callable[[str], bool]:
    return lambda item: "本年" in item and kind in item and "合计" in item


def _classes(n: Normalised) -> dict[str, Record]:
    return {r.code: r for r in n.records if r.code and len(r.code) == 3}


def _class_name(item: str) -> str:
    return _ORDINAL.sub("", item)


def _kind(name: str) -> str:
    """An income kind named the same way in every table: 二、政府性基金预算 / 政府性基金 / 政府性基金收入 -> 政府性基金."""
    return _SUFFIXES.sub("", _class_name(name))


def summary_vs_coded(summary: Normalised, coded: Normalised, name: str, other: str, side: str, kind: str) -> list[Check]:
    """公开01 本年收入/支出合计 and its lines against the 合计 row of 公开02/03."""
    out = []
    year = _record(summary, _is_year_total(kind), side)
    total = _total(coded)
    if year is not None and total is not None:
        out.append(equal_check(f"{name} 本年{kind}合计 = {other} 合计", _value(year, 0), _value(total, 0)))
    if side == "收入" and total is not None:
        pairs = []
        names = [n.split("/")[-1] for n in coded.columns.get("", [])]
        for line in summary.records:
            if line.side != side or not line.item or not _ORDINAL.match(line.item):
                continue
            k = next((k for k, n in enumerate(names) if _kind(n) == _kind(line.item)), None)
            if k is not None:
                pairs.append((names[k], equal_check(names[k], _value(line, 0), _value(total, k))))
        grants = [r for r in summary.records if r.side == side and r.item and "财政拨款收入" in r.item and _ORDINAL.match(r.item)]
        k = _col(coded, "财政拨款")
        if grants and k is not None:
            pairs.append(("财政拨款收入", sum_check("财政拨款收入", _value(total, k), [_value(g, 0) for g in grants])))
        if pairs:
            out.append(combine(f"{name} 收入各项 = {other} 合计行各栏", pairs))
    if side == "支出":
        classes = _classes(coded)
        pairs = []
        for r in summary.records:
            if r.side != side or not r.item or not _ORDINAL.match(r.item):
                continue
            match = next((c for c in classes.values() if c.item == _class_name(r.item)), None)
            if match is not None:
                pairs.append((match.code, equal_check(match.code, _value(r, 0), _value(match, 0))))
        if pairs:
            out.append(combine(f"{name} 支出功能分类 = {other} 类", pairs))
    return out


def grants_vs_general(grants: Normalised, general: Normalised, name: str, other: str) -> list[Check]:
    """公开04/预算04 一般公共预算 column against 公开05/预算05.

    预算05 is printed without the spending of last year's carry-over (不含上年结转),
    so the budget pair is compared only when 预算04 shows no carry-over.
    """
    k = _col(grants, "一般公共预算", "支出")
    carried = _record(grants, lambda item: "上年" in item and "结转" in item, "收入")
    if name.startswith("预算") and carried is not None and any(carried.values):
        rule = f"{name} 一般公共预算支出 = {other}"
        return [Check(rule, "skipped", f"{carried.item} {_value(carried, 0)}: {other} excludes the carried-over spending")]
    out = []
    year = _record(grants, _is_year_total("支出"), "支出")
    total = _total(general)
    if k is not None and year is not None and total is not None:
        out.append(equal_check(f"{name} 本年支出合计(一般公共预算) = {other} 合计", _value(year, k), _value(total, 0)))
    classes = _classes(general)
    pairs = []
    for r in grants.records:
        if r.side == "支出" and r.item and _ORDINAL.match(r.item):
            match = next((c for c in classes.values() if c.item == _class_name(r.item)), None)
            if match is not None:
                pairs.append((match.code, equal_check(match.code, _value(r, k), _value(match, 0))))
    if pairs:
        out.append(combine(f"{name} 支出功能分类(一般公共预算) = {other} 类", pairs))
    return out


def summary_vs_grants(summary: Normalised, grants: Normalised, name: str, other: str) -> list[Check]:
    """公开01's numbered income lines against the same lines of 公开04 (the 财政拨款 ones)."""
    pairs = []
    for r in summary.records:
        if r.side == "收入" and r.item and _ORDINAL.match(r.item):
            match = _record(grants, lambda item, key=_kind(r.item): bool(_ORDINAL.match(item)) and _kind(item) == key, "收入")
            if match is not None:
                pairs.append((_kind(r.item), equal_check(_kind(r.item), _value(r, 0), _value(match, 0))))
    return [combine(f"{name} 收入 = {other} 收入 (同名各项)", pairs)] if pairs else []


def general_vs_basic(general: Normalised, basic: Normalised, name: str, other: str) -> list[Check]:
    """公开05 合计 基本支出 = 公开06 人员经费合计 + 公用经费合计 (预算05 vs 预算06 合计)."""
    k = _col(general, "基本支出")
    total = _total(general)
    if k is None or total is None:
        return []
    groups = [r for r in basic.records if r.code is None and r.item and r.item.endswith("经费合计")]
    if groups:
        return [sum_check(f"{name} 基本支出 = {other} 人员经费合计 + 公用经费合计", _value(total, k), [_value(g, 0) for g in groups])]
    basic_total = _total(basic)
    if basic_total is not None:
        return [equal_check(f"{name} 基本支出 = {other} 合计", _value(total, k), _value(basic_total, 0))]
    return []


_RELATIONS: list[tuple[str, str, Callable[[Normalised, Normalised, str, str], list[Check]]]] = [
    ("公开01", "公开02", lambda a, b, x, y: summary_vs_coded(a, b, x, y, "收入", "收入")),
    ("公开01", "公开03", lambda a, b, x, y: summary_vs_coded(a, b, x, y, "支出", "支出")),
    ("公开01", "公开04", summary_vs_grants),
    ("公开04", "公开05", grants_vs_general),
    ("预算01", "预算04", summary_vs_grants),
    ("公开05", "公开06", general_vs_basic),
    ("预算01", "预算02", lambda a, b, x, y: summary_vs_coded(a, b, x, y, "收入", "收入")),
    ("预算01", "预算03", lambda a, b, x, y: summary_vs_coded(a, b, x, y, "支出", "支出")),
    ("预算04", "预算05", grants_vs_general),
    ("预算05", "预算06", general_vs_basic),
]


def cross_table_checks(tables: list[tuple[str, Normalised]]) -> dict[int, list[Check]]:
    """The cross-table equalities that apply, keyed by the index of each table they involve."""
    out: dict[int, list[Check]] = {}
    for left, right, relation in _RELATIONS:
        a, b = _first(tables, left), _first(tables, right)
        if a is None or b is None:
            continue
        for check in relation(a[1], b[1], left, right):
            out.setdefault(a[0], []).append(check)
            out.setdefault(b[0], []).append(check)
    return out
