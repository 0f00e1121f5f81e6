"""Laying out a table's cells, and turning amounts into printed text and contract values.

Table builders describe rows as cells with spans; ``place`` puts them on the
rectangular grid the contract wants (a merged cell's text repeated in every
position it covers) and records the merges the renderer draws. Amounts are
kept as integer cents until printed so that every total is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from samples.generator.spec import Merge


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


Row = Sequence["Cell | str"]


def place(rows: Sequence[Row], ncols: int, first_row: int = 0) -> tuple[list[list[str]], list[Merge]]:
    """Put rows of spanning cells on a grid; ``first_row`` offsets the merges' row numbers."""
    grid: list[list[str | None]] = [[None] * ncols for _ in rows]
    merges: list[Merge] = []
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            cell = item if isinstance(item, Cell) else Cell(item)
            while c < ncols and grid[r][c] is not None:
                c += 1
            if c + cell.colspan > ncols or r + cell.rowspan > len(rows):
                raise ValueError(f"cell {cell.text!r} does not fit at row {r}, column {c}")
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if grid[r + dr][c + dc] is not None:
                        raise ValueError(f"cell {cell.text!r} overlaps another at row {r + dr}")
                    grid[r + dr][c + dc] = cell.text
            if cell.rowspan > 1 or cell.colspan > 1:
                merges.append(Merge(first_row + r, c, cell.rowspan, cell.colspan))
            c += cell.colspan
    return [[text if text is not None else "" for text in row] for row in grid], merges


def column_paths(header: list[list[str]], cols: Sequence[int], drop: Sequence[str] = ()) -> list[str]:
    """Each column's header levels joined by '/', a merged cell's text counted once."""
    paths = []
    for c in cols:
        parts: list[str] = []
        for row in header:
            text = row[c]
            if text and text not in drop and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append("/".join(parts))
    return paths


@dataclass(frozen=True)
class Money:
    """How this document prints amounts: thousands separators or not, zero as 0.00 or blank, or nothing at all.

    ``None`` is a cell with nothing to say (a padding row); 0 is a real zero, printed blank unless ``zeros``.
    """

    thousands: bool
    blank: bool = False  # the blank template: no amounts anywhere
    zeros: bool = False  # print 0.00 rather than leaving the cell empty
    decimals: bool = True  # False: whole units only ("278,076,101"); every amount is then a multiple of 100 cents

    def text(self, cents: int | None) -> str:
        if self.blank or cents is None or (cents == 0 and not self.zeros):
            return ""
        sign = "-" if cents < 0 else ""
        whole, frac = divmod(abs(cents), 100)
        digits = f"{whole:,}" if self.thousands else str(whole)
        return f"{sign}{digits}.{frac:02d}" if self.decimals else f"{sign}{digits}"

    def value(self, cents: int | None) -> float | None:
        if self.blank or cents is None or (cents == 0 and not self.zeros):
            return None
        return round(cents / 100, 2)


def record(
    values: list[float | None],
    *,
    item: str | None = None,
    code: str | None = None,
    line: int | None = None,
    side: str | None = None,
    group: str | None = None,
) -> dict[str, Any]:
    return {"side": side, "code": code, "line": line, "item": item, "group": group, "values": values}


def split_cents(total: int, weights: Sequence[float], step: int = 1) -> list[int]:
    """Split ``total`` cents in proportion to ``weights``, in multiples of ``step``, so the parts add up exactly."""
    if not weights:
        return []
    units, rest = divmod(total, step)
    whole = sum(weights)
    raw = [units * w / whole for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: units - sum(parts)]:
        parts[i] += 1
    cents = [p * step for p in parts]
    cents[0] += rest
    return cents
