"""Tables with one row per classification code (公开02/03/05/07/08, 预算02/03/05/06/07/08/11/12/13 …).

Also the fallback for tables without a family of their own: code, name and
value columns are found from the header, or from the body when the header is
missing, and every body row with something in it becomes a record.
"""

from __future__ import annotations

from extractor.checks.tables import record_table_checks
from extractor.model import Issue, Normalised, RawTable, Record
from extractor.normalise.header import Header, read_header, repeats_header, width
from extractor.normalise.records import Columns, columns_from_content, columns_from_header, corrections, read_rows

def body_rows(grid: list[list[str]], header: Header) -> list[list[str]]:
    """The rows after the header; header rows repeated after a page break are blanked, not dropped,
    so that body row k stays grid row header.height + k."""
    return [blank_row(r) if repeats_header(r, header) else r for r in grid[header.height:]]


def blank_row(row: list[str]) -> list[str]:
    return [""] * len(row)


def table_columns(grid: list[list[str]], header: Header, cols: range) -> tuple[Columns, list[Issue]]:
    """Column roles from the header; guessed from the body when no header was printed."""
    rows = body_rows(grid, header)
    if header.rows:
        return columns_from_header(header.names, cols, rows), []
    return columns_from_content(rows, cols), [Issue("header-missing", "no header row found; columns guessed from their content")]


def value_names(header: Header, cols: Columns, strip: str = "") -> list[str]:
    """The ``columns`` entry: each value column's header path, or its 栏次 number when unprinted."""
    out = []
    for n, j in enumerate(cols.values, start=1):
        name = header.names[j] if j < len(header.names) else ""
        if strip and name.startswith(strip + "/"):
            name = name[len(strip) + 1:]
        out.append(name or str(n))
    return out


def normalise_coded(raw: RawTable, label: str) -> Normalised:
    grid = raw.grid
    header = read_header(grid)
    cols, issues = table_columns(grid, header, range(width(grid)))
    readings, row_issues = read_rows(body_rows(grid, header), cols, header.height, join_wrapped=not raw.ruled)
    records: list[Record] = [r.to_record() for r in readings]
    names = value_names(header, cols)
    checks = record_table_checks(records, names)
    return Normalised(columns={"": names}, records=records, checks=checks, issues=issues + row_issues,
                      corrections=corrections(readings, cols, header.height))
