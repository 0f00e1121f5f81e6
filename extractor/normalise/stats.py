"""公开10 部门决算公开相关信息统计表: sections of numbered statistics.

The table is a list, not a grid of amounts: section titles (一、政府采购情况),
repeated mini-headers (项目 行次 统计数) and rows with a 行次 and one figure.
Mini-headers are not records; section titles and numbered lines are.
"""

from __future__ import annotations

import re

from extractor.checks.arith import sum_check
from extractor.model import Check, Normalised, RawTable, Record
from extractor.normalise.coded import blank_row
from extractor.normalise.header import is_column_number_row, label, width
from extractor.normalise.names import snap_stats_line
from extractor.normalise.records import Columns, corrections, read_rows

_HEADER_WORDS = {"项目", "行次", "统计数", "金额", "数量", "单位", "计量单位", "栏次"}
_SUB_ITEM = re.compile(r"^\d+[.、．]")


def _is_header_row(row: list[str]) -> bool:
    cells = [label(c) for c in row if label(c)]
    return (bool(cells) and all(c in _HEADER_WORDS for c in cells)) or is_column_number_row(row)


def _columns(header: list[str] | None, rows: list[list[str]], n_cols: int) -> Columns:
    """Names left of the 行次 column, figures right of it (行次 found from the header or as a column of integers)."""
    if header is not None and "行次" in header:
        line = header.index("行次")
    else:
        ints = [j for j in range(1, n_cols) if all(label(r[j]).isdigit() for r in rows if j < len(r) and label(r[j]))]
        line = ints[0] if ints and ints[0] < n_cols - 1 else None
    first_value = (line + 1) if line is not None else 1
    return Columns(name=list(range(0, line if line is not None else 1)), line=line, values=list(range(first_value, n_cols)))


def normalise_stats(raw: RawTable, label_: str) -> Normalised:
    grid = raw.grid
    n_cols = width(grid)
    headers = [[label(c) for c in r] for r in grid if _is_header_row(r) and not is_column_number_row(r)]
    body = [blank_row(r) if _is_header_row(r) else r for r in grid]
    cols = _columns(headers[0] if headers else None, body, n_cols)
    readings, issues = read_rows(body, cols, 0, join_wrapped=not raw.ruled)
    for reading in readings:
        reading.item, snapped = snap_stats_line(reading.item)
        issues.extend([snapped] if snapped else [])
    records: list[Record] = [r.to_record() for r in readings]
    names = [(headers[0][j] if headers and j < len(headers[0]) else "") or "统计数" for j in cols.values]
    return Normalised(columns={"": names}, records=records, checks=stats_checks(records), issues=issues,
                      corrections=corrections(readings, cols, 0))


def _value(r: Record) -> float | None:
    return r.values[0] if r.values else None


def stats_checks(records: list[Record]) -> list[Check]:
    """政府采购 合计 = 货物 + 工程 + 服务; 车辆数合计 = Σ the numbered kinds of vehicle."""
    out: list[Check] = []
    for i, r in enumerate(records):
        item = r.item or ""
        if item == "合计":
            parts = [p for p in records[i + 1:i + 4] if p.item in ("货物", "工程", "服务")]
            if len(parts) == 3:
                out.append(sum_check("政府采购 合计 = 货物 + 工程 + 服务", _value(r), [_value(p) for p in parts]))
        if "车辆数合计" in item:
            parts = []
            for p in records[i + 1:]:
                if not _SUB_ITEM.match(p.item or ""):
                    break
                parts.append(p)
            if parts:
                out.append(sum_check(f"车辆数合计 = Σ 1..{len(parts)}", _value(r), [_value(p) for p in parts]))
    return out
