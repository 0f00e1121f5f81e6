"""Identities of the two-sided summary tables (公开01/04, 预算01/04).

On each side the numbered lines (一、… 八、) add up to 本年收入合计 /
本年支出合计; the year's total plus the carry-over lines (结转, 结余, 分配)
gives 总计, and the two sides' 总计 agree. A carry-over line followed by its
breakdown (年初财政拨款结转和结余: 一般公共预算 …) must equal that breakdown.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.checks.arith import combine, equal_check, sum_check
from extractor.checks.tables import row_total_checks
from extractor.model import Check, Record
from extractor.normalise.header import has_ordinal

_CARRY = ("结转", "结余", "分配")


def _is_year_total(item: str | None) -> bool:
    return bool(item) and "本年" in item and "合计" in item


def _is_grand_total(item: str | None) -> bool:
    return bool(item) and item.endswith("总计")


def _per_column(rule: str, total: Record, parts: Sequence[Record], names: Sequence[str]) -> Check:
    return combine(rule, [(names[k] if k < len(names) else f"col {k + 1}", sum_check(rule, v, [p.values[k] for p in parts]))
                          for k, v in enumerate(total.values)])


def side_checks(side: str, records: Sequence[Record], names: Sequence[str]) -> list[Check]:
    out: list[Check] = []
    year = next((i for i, r in enumerate(records) if _is_year_total(r.item)), None)
    grand = next((i for i, r in enumerate(records) if _is_grand_total(r.item)), None)
    if year is not None:
        numbered = [r for r in records[:year] if has_ordinal(r.item or "")]
        if numbered and not numbered[0].item.startswith(("一、", "1")):
            out.append(Check(f"{records[year].item} = Σ {side}", "skipped", f"numbered lines start at {numbered[0].item}: the table is incomplete"))
        elif numbered:
            out.append(_per_column(f"{records[year].item} = Σ {side} 1..{len(numbered)}", records[year], numbered, names))
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
