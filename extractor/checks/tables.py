"""Identities inside one table of records: totals, sub-totals and the code tree.

Rules are found from the table itself (its codes, its column headers), so the
same functions serve 决算 and 预算 tables and the localities' variants:
- column totals: the 合计 row against the top-level codes;
- the code hierarchy: 类 = Σ 款, 款 = Σ 项 (economic codes: 类 = Σ 款);
- row totals: a 合计/小计 column against its sibling columns under the same
  header, e.g. 本年收入合计 = 财政拨款收入 + … or 本年支出/小计 = 基本支出 + 项目支出.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.checks.arith import combine, sum_check
from extractor.model import Check, Record

_MEASURES = ("预算数", "决算数", "执行数")
_LEVEL = {3: "类", 5: "款", 7: "项"}


def _total_label(level: str) -> bool:
    return level in ("合计", "小计") or level.endswith("合计") or level.endswith("总计")


def top_codes(records: Sequence[Record]) -> list[Record]:
    """Rows whose code has no parent printed in the table (normally the 类 rows)."""
    codes = {r.code for r in records if r.code}
    return [r for r in records if r.code and not any(r.code[:n] in codes for n in range(3, len(r.code), 2))]


def column_total_check(records: Sequence[Record], names: Sequence[str]) -> Check | None:
    """合计 row = Σ top-level code rows, column by column."""
    totals = [r for r in records if r.code is None and r.item in ("合计", "总计")]
    if not totals:
        return None
    top = top_codes(records)
    if not top:
        return None
    levels = sorted({_LEVEL.get(len(r.code or ""), "?") for r in top})
    rule = f"合计 = Σ {'/'.join(levels) if levels else '类'}"
    return combine(rule, [(names[k] if k < len(names) else f"col {k + 1}", sum_check(rule, v, [r.values[k] for r in top]))
                          for k, v in enumerate(totals[0].values)])


def hierarchy_checks(records: Sequence[Record], names: Sequence[str], economic: bool = False) -> list[Check]:
    """类 = Σ 款 and 款 = Σ 项 for every parent row that has children printed."""
    by_code = {r.code: r for r in records if r.code}
    out = []
    for parent_len, rule in ((3, "类 = Σ 款"), (5, "款 = Σ 项")):
        if economic and parent_len == 5:
            continue
        rule = rule + (" (经济分类)" if economic else "")
        instances = []
        for code, parent in by_code.items():
            if len(code) != parent_len:
                continue
            children = [r for c, r in by_code.items() if len(c) == parent_len + 2 and c.startswith(code)]
            if not children:
                continue
            for k, v in enumerate(parent.values):
                col = names[k] if k < len(names) else f"col {k + 1}"
                instances.append((f"{code} {col}", sum_check(rule, v, [ch.values[k] for ch in children])))
        if instances:
            out.append(combine(rule, instances))
    return out


def _path(name: str) -> list[str]:
    """Header levels with a 预算数/决算数 level moved to the front (Shanghai prints it last)."""
    levels = name.split("/") if name else []
    measures = [lv for lv in levels if lv in _MEASURES]
    return measures + [lv for lv in levels if lv not in _MEASURES]


def row_total_groups(names: Sequence[str]) -> list[tuple[int, list[int]]]:
    """(total column, part columns) pairs read off the header tree.

    A total column (合计/小计/…合计) adds up the columns after it under the same
    parent header, up to the next total at its level; a child group with its
    own 小计 counts through that sub-total.
    """
    paths = [_path(n) for n in names]
    groups = []
    for k, p in enumerate(paths):
        if not p or not _total_label(p[-1]):
            continue
        parent = p[:-1]
        members = []
        for j in range(k + 1, len(paths)):
            q = paths[j]
            if len(q) <= len(parent) or q[: len(parent)] != parent:
                continue
            if len(q) == len(p) and _total_label(q[-1]):
                break
            members.append(j)
        children: dict[str, list[int]] = {}
        for j in members:
            children.setdefault(paths[j][len(parent)], []).append(j)
        parts: list[int] = []
        for cols in children.values():
            exact = [j for j in cols if len(paths[j]) == len(parent) + 1]
            subtotal = [j for j in cols if len(paths[j]) == len(parent) + 2 and _total_label(paths[j][-1])]
            parts.extend(exact[:1] or subtotal[:1] or cols)
        if parts:
            groups.append((k, parts))
    return groups


def row_total_checks(records: Sequence[Record], names: Sequence[str]) -> list[Check]:
    """Each 合计/小计 column = Σ its sibling columns, row by row."""
    out = []
    for k, parts in row_total_groups(names):
        prefix = names[k][: names[k].rfind("/") + 1]
        rule = f"{names[k]} = " + " + ".join(names[j].removeprefix(prefix) for j in parts)
        instances = [
            (r.code or r.item or f"row {i + 1}", sum_check(rule, r.values[k], [r.values[j] for j in parts]))
            for i, r in enumerate(records)
            if len(r.values) > max(parts + [k])
        ]
        out.append(combine(rule, instances))
    return out


def _find_column(names: Sequence[str], *words: str) -> int | None:
    return next((k for k, n in enumerate(names) if all(w in n for w in words)), None)


def carry_over_checks(records: Sequence[Record], names: Sequence[str]) -> list[Check]:
    """年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出, row by row (公开07/08)."""
    opening, closing = _find_column(names, "年初结转"), _find_column(names, "年末结转")
    income = _find_column(names, "本年收入")
    spent = next((k for k, n in enumerate(names) if "本年支出" in n and _total_label(n.split("/")[-1])), None)
    if spent is None:
        spent = _find_column(names, "本年支出")
    if None in (opening, closing, income, spent):
        return []
    rule = "年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出"
    instances = []
    for i, r in enumerate(records):
        v = r.values
        negative_spent = None if v[spent] is None else -v[spent]
        instances.append((r.code or r.item or f"row {i + 1}", sum_check(rule, v[closing], [v[opening], v[income], negative_spent])))
    return [combine(rule, instances)]


def is_economic(records: Sequence[Record]) -> bool:
    """Codes 301/30101 … only: the 经济分类, which has no 项 level."""
    codes = [r.code for r in records if r.code]
    return bool(codes) and all(c.startswith("3") and len(c) in (3, 5) for c in codes)


def record_table_checks(records: Sequence[Record], names: Sequence[str]) -> list[Check]:
    """All the single-table identities that apply to a coded table."""
    economic = is_economic(records)
    out = []
    total = column_total_check(records, names)
    if total is not None:
        out.append(total)
    out.extend(hierarchy_checks(records, names, economic))
    out.extend(row_total_checks(records, names))
    out.extend(carry_over_checks(records, names))
    return out
