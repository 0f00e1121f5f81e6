"""Carrying the normaliser's corrections back into the table's grid.

The contract's grid is the table as printed. When a code, the vocabulary or
an identity pins down that OCR misread a cell, the records hold the mended
reading, and the grid should agree with them rather than show the slip.
"""

from __future__ import annotations

Position = tuple[int, int]


def changed_cells(before: list[list[str]], after: list[list[str]]) -> dict[Position, str]:
    """The cells of ``after`` that differ from ``before`` (same shape)."""
    return {
        (i, j): text
        for i, (old_row, new_row) in enumerate(zip(before, after))
        for j, (old, text) in enumerate(zip(old_row, new_row))
        if old != text
    }


def corrected_grid(grid: list[list[str]], corrections: dict[Position, str]) -> list[list[str]]:
    """A copy of ``grid`` with the corrections made, in every position of a merged cell."""
    out = [list(row) for row in grid]
    for (i, j), text in corrections.items():
        if i < len(grid) and j < len(grid[i]):
            for k in _merged_run(grid[i], j):
                out[i][k] = text
    return out


def _merged_run(row: list[str], j: int) -> range:
    """The positions a merged cell repeats its text in along a row; a blank cell is its own."""
    text = row[j]
    if not text.strip():
        return range(j, j + 1)
    start, stop = j, j + 1
    while start > 0 and row[start - 1] == text:
        start -= 1
    while stop < len(row) and row[stop] == text:
        stop += 1
    return range(start, stop)
