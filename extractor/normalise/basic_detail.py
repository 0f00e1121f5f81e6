"""公开06 一般公共预算财政拨款基本支出决算明细表: economic codes printed in side-by-side blocks.

Each printed row holds several (code, name, amount) triples (four in Shanxi,
two in Shanghai, where the code is split into 类 and 款 columns). Every
triple becomes a record; the group follows from the economic class (301 and
303 are 人员经费, the rest 公用经费). The 人员经费合计 / 公用经费合计 line
becomes records with no code.
"""

from __future__ import annotations

from extractor.checks.arith import combine, sum_check
from extractor.model import Check, Issue, Normalised, RawTable, Record
from extractor.normalise.coded import blank_row, body_rows, table_columns
from extractor.normalise.header import label, read_header, width
from extractor.normalise.records import Columns, corrections, read_rows
from extractor.normalise.numbers import read_number

PERSONNEL = "人员经费"
PUBLIC = "公用经费"
_PERSONNEL_CLASSES = ("301", "303")


def group_of(code: str | None, item: str | None) -> str | None:
    if code:
        return PERSONNEL if code[:3] in _PERSONNEL_CLASSES else PUBLIC
    if item and PERSONNEL in item:
        return PERSONNEL
    if item and PUBLIC in item:
        return PUBLIC
    return None


def triples(cols: Columns) -> list[Columns]:
    """Split the table's columns into (code…, name, amount) blocks, left to right."""
    roles = sorted([(j, "code") for j in cols.code] + [(j, "name") for j in cols.name] + [(j, "value") for j in cols.values])
    blocks: list[Columns] = []
    current = Columns()
    for j, role in roles:
        if role == "code" and (current.name or current.values):
            blocks.append(current)
            current = Columns()
        getattr(current, role if role != "value" else "values").append(j)
    if current.code or current.name or current.values:
        blocks.append(current)
    return [b for b in blocks if b.values]


def _is_total_row(row: list[str]) -> bool:
    return any("经费合计" in label(c) for c in row)


def _total_records(row: list[str]) -> list[Record]:
    """人员经费合计 … 188.72 公用经费合计 … 15.57: each label takes the next amount to its right."""
    out = []
    for j, text in enumerate(row):
        t = label(text)
        if "合计" not in t or (j and label(row[j - 1]) == t):
            continue
        amount = None
        for nxt in row[j + 1:]:
            if "合计" in label(nxt) and label(nxt) != t:
                break
            r = read_number(nxt)
            if r.value is not None:
                amount = r.value
                break
        out.append(Record(side=None, code=None, line=None, item=t, group=group_of(None, t), values=[amount]))
    return out


def normalise_basic_detail(raw: RawTable, label_: str) -> Normalised:
    grid = raw.grid
    header = read_header(grid)
    cols, issues = table_columns(grid, header, range(width(grid)))
    rows = body_rows(grid, header)
    blocks = triples(cols)
    if not blocks:
        return Normalised(columns={"": []}, issues=issues + [Issue("no-columns", "no (code, name, amount) columns found")])
    body = [blank_row(r) if _is_total_row(r) else r for r in rows]
    records: list[Record] = []
    corrected: dict[tuple[int, int], str] = {}
    for block in blocks:
        readings, row_issues = read_rows(body, block, header.height, join_wrapped=not raw.ruled)
        issues.extend(row_issues)
        records.extend(r.to_record(group=group_of(r.code, r.item)) for r in readings)
        corrected.update(corrections(readings, block, header.height))
    for row in rows:
        if _is_total_row(row):
            records.extend(_total_records(row))
    names = [header.names[b.values[0]].split("/")[-1] or "决算数" for b in blocks[:1]]
    return Normalised(columns={"": names}, records=records, checks=basic_detail_checks(records), issues=issues,
                      corrections=corrected)


def basic_detail_checks(records: list[Record]) -> list[Check]:
    """301 = Σ 301xx for each class; 人员经费合计 = 301 + 303; 公用经费合计 = Σ the other classes."""
    out: list[Check] = []
    coded = [r for r in records if r.code]
    classes = [r for r in coded if len(r.code) == 3]
    instances = []
    for cls in classes:
        items = [r for r in coded if len(r.code) == 5 and r.code.startswith(cls.code)]
        if items:
            rule = f"{cls.code} = Σ {cls.code}xx"
            instances.append((cls.code, sum_check(rule, cls.values[0], [r.values[0] for r in items])))
    if instances:
        out.append(combine("类 = Σ 款 (经济分类, 301 = Σ 301xx …)", instances))
    for total in (r for r in records if r.code is None and r.group):
        parts = [c for c in classes if group_of(c.code, None) == total.group]
        rule = f"{total.item} = " + (" + ".join(c.code for c in parts) or "Σ 类")
        out.append(sum_check(rule, total.values[0], [c.values[0] for c in parts]))
    return out

