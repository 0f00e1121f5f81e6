"""Identities of the two-sided summary tables (公开01/04, 预算01/04).

On each side the numbered lines (一、… 八、) add up to 本年收入合计 /
本年支出合计; the year's total plus the carry-over lines (结转, 结余, 分配)
gives 总计, and the two sides' 总计 agree. A carry-over line followed by its
breakdown (年初财政拨款结转和结余: 一般公共预算 …) must equal that breakdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.checks.arith import combine, equal_check, sum_check
from extractor.checks.tables import row_total_checks
from extractor.model import Check, Record
from extractor.normalise.header import has_ordinal

_CARRY = ("结转", "结余", "分配")
_TOP_LEVEL = re.compile(r"^[一二三四五六七八九十]+、")


def _is_year_total(item: str | None) -> bool:
    return bool(item) and "本年" in item and "合计" in item


def _is_grand_total(item: str | None) -> bool:
    return bool(item) and item.endswith("总计")


def _per_column(rule: str, total: Record, parts: Sequence[Record], names: Sequence[str]) -> Check:
    return combine(rule, [(names[k] if k < len(names) else f"col {k + 1}", sum_check(rule, v, [p.values[k] for p in parts]))
                          for k, v in enumerate(total.values)])


def _numbered_checks(side: str, records: Sequence[Record], end: int, names: Sequence[str]) -> list[Check]:
    """The year's (or grand) total = Σ the top-level numbered lines; a top-level line = Σ its 1. 2. 3. lines."""
    numbered = [r for r in records[:end] if has_ordinal(r.item or "")]
    top = [r for r in numbered if _TOP_LEVEL.match(r.item or "")] or numbered
    if not top:
        return []
    total = records[end]
    if not top[0].item.startswith(("一、", "1")):
        return [Check(f"{total.item} = Σ {side}", "skipped", f"numbered lines start at {top[0].item}: the table is incomplete")]
    out = []
    terms = list(top)
    if not _is_year_total(total.item):  # no 本年合计 line: the carry-over lines add straight into 总计
        terms += [r for r in records[records.index(top[-1]) + 1:end] if any(k in (r.item or "") for k in _CARRY)]
    extra = "".join(f" + {r.item}" for r in terms[len(top):])
    out.append(_per_column(f"{total.item} = Σ {side} 1..{len(top)}{extra}", total, terms, names))
    for k, parent in enumerate(top):
        start = records.index(parent) + 1
        stop = records.index(top[k + 1]) if k + 1 < len(top) else end
        subs = [r for r in records[start:stop] if has_ordinal(r.item or "") and r not in top]
        if subs:
            out.append(_per_column(f"{parent.item} = Σ {len(subs)} 项", parent, subs, names))
    return out


def side_checks(side: str, records: Sequence[Record], names: Sequence[str]) -> list[Check]:
    out: list[Check] = []
    year = next((i for i, r in enumerate(records) if _is_year_total(r.item)), None)
    grand = next((i for i, r in enumerate(records) if _is_grand_total(r.item)), None)
    end = year if year is not None else grand
    if end is not None:
        out.extend(_numbered_checks(side, records, end, names))
    if year is not None and grand is not None and grand > year:
        between = records[year + 1:grand]
        carry = [r for r in between if any(k in (r.item or "") for k in _CARRY)]
        terms = [records[year].item or "本年合计"] + [r.item or "" for r in carry]
        out.append(_per_column(f"{records[grand].item} = " + " + ".join(terms), records[grand], [records[year], *carry], names))
        for i, r in enumerate(between):
            if r not in carry:
                continue
            breakdown = []
            for nxt in between[i + 1:]:
                if nxt in carry:
                    break
                if nxt.item:
                    breakdown.append(nxt)
            if breakdown:
                out.append(_per_column(f"{r.item} = " + " + ".join(b.item or "" for b in breakdown), r, breakdown, names))
    out.extend(row_total_checks(records, names))
    return out


def two_sided_checks(records: Sequence[Record], columns: dict[str, list[str]]) -> list[Check]:
    out: list[Check] = []
    grands: dict[str, Record] = {}
    for side, names in columns.items():
        mine = [r for r in records if r.side == side]
        out.extend(side_checks(side, mine, names))
        grand = next((r for r in mine if _is_grand_total(r.item)), None)
        if grand is not None and grand.values:
            grands[side] = grand
    if len(grands) == 2:
        (a, ra), (b, rb) = grands.items()
        out.append(equal_check(f"总计 {a} = 总计 {b}", ra.values[0], rb.values[0]))
    return out
