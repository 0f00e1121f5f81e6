"""Amounts in OCR'd cells that span columns: the sign of a column rule the image path missed.

An amount in these reports sits in one column. When a seal or blur hides a
stretch of a column rule, two cells become one: the amount is repeated into
the neighbouring column by the grid (merged cells fill every position they
cover), or two amounts run together (100.0010.00). No identity need fail
for it, so the cell is named in a warning.
"""

from __future__ import annotations

from extractor.model import Cell, Issue, TableRegion
from extractor.ocr.numeric import looks_like_amount


def _amount(cell: Cell) -> bool:
    return looks_like_amount(cell.text) and any(ch.isdigit() for ch in cell.text)


def merged_amount_cells(region: TableRegion) -> list[Issue]:
    """One warning per cell of one row that spans columns and holds an amount, in a row whose other
    amounts sit one to a column. A form prints its fund amounts across two columns on purpose, and
    every amount of such a row is merged alike."""
    single_rows = {c.row for c in region.cells if c.colspan == 1 and c.rowspan == 1 and _amount(c)}
    return [
        Issue(
            "merged-amount-cell",
            f"row {cell.row + 1} cols {cell.col + 1}-{cell.col + cell.colspan}: amount {cell.text!r} fills one cell across "
            "columns; a column rule may be hidden (seal, blur) and the amounts of this row may sit in the wrong columns",
            region.page,
        )
        for cell in region.cells
        if cell.colspan > 1 and cell.rowspan == 1 and cell.row in single_rows and _amount(cell)
    ]
