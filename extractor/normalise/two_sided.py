"""Two-sided summary tables (公开01, 公开04, 预算01, 预算04): income left, expenditure right.

Each printed row carries an income line and an expenditure line; they become
one record per side. The split is where the top header level changes (收入 →
支出); without a header, at the second column of item names.
"""

from __future__ import annotations

from extractor.checks.summary import two_sided_checks
from extractor.model import Issue, Normalised, RawTable, Record
from extractor.normalise.coded import body_rows, value_names
from extractor.normalise.header import Header, read_header, width
from extractor.normalise.names import restore_numbering, snap_summary_line
from extractor.normalise.records import Columns, columns_from_content, columns_from_header, corrections, read_rows

SIDES = ("收入", "支出")


def _split(header: Header, rows: list[list[str]], n_cols: int) -> int | None:
    """The first expenditure column: under a 支出 heading, else the second item-name column."""
    tops = [n.split("/")[0] for n in header.names]
    spending = [j for j in range(1, n_cols) if "支出" in tops[j] and "支出" not in tops[0]]
    if spending:
        return spending[0]
    names = columns_from_header(header.names, range(n_cols), rows).name if header.rows else []
    if len(names) < 2:
        names = columns_from_content(rows, range(n_cols)).name
    return names[1] if len(names) > 1 else None


def _side_name(header: Header, first_col: int, position: int) -> str:
    top = header.names[first_col].split("/")[0] if header.names[first_col] else ""
    for side in SIDES:
        if side in top:
            return side
    return SIDES[position]


def _side_columns(header: Header, rows: list[list[str]], cols: range) -> Columns:
    if header.rows:
        return columns_from_header(header.names, cols, rows)
    found = columns_from_content(rows, cols)
    if found.code:  # summary tables have no codes: a column of small integers is the 行次
        found.line = found.code[0]
        found.code = []
    return found


def normalise_two_sided(raw: RawTable, label: str) -> Normalised:
    grid = raw.grid
    header = read_header(grid)
    rows = body_rows(grid, header)
    n_cols = width(grid)
    split = _split(header, rows, n_cols)
    issues: list[Issue] = []
    if not header.rows:
        issues.append(Issue("header-missing", "no header row found; sides and columns guessed from their content"))
    if split is None:
        issues.append(Issue("one-sided", "could not find where the expenditure side starts; read as one side"))
        split = n_cols
    columns: dict[str, list[str]] = {}
    read: list[tuple[int, int, Record]] = []
    corrected: dict[tuple[int, int], str] = {}
    for position, cols in enumerate((range(0, split), range(split, n_cols))):
        if not cols:
            continue
        side = _side_name(header, cols[0], position)
        side_cols = _side_columns(header, rows, cols)
        top = header.names[cols[0]].split("/")[0] if header.rows else ""
        columns[side] = value_names(header, side_cols, strip=top)
        readings, row_issues = read_rows(rows, side_cols, header.height, join_wrapped=not raw.ruled)
        issues.extend(row_issues)
        renumbered, renumber_issues = restore_numbering([r.item for r in readings])
        issues.extend(renumber_issues)
        for r, item in zip(readings, renumbered):
            r.item = item
        for r in readings:
            r.item, snapped = snap_summary_line(r.item)
            issues.extend([snapped] if snapped else [])
            read.append((r.row, position, r.to_record(side=side)))
        corrected.update(corrections(readings, side_cols, header.height))
    records = [rec for _, _, rec in sorted(read, key=lambda t: (t[0], t[1]))]  # printed order: row by row
    return Normalised(columns=columns, records=records, checks=two_sided_checks(records, columns), issues=issues,
                      corrections=corrected)
