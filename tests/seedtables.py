"""Grids of the real reports in /work/shared/seeds, for the normaliser tests.

A seed file is the report's text with table rows as TAB-separated lines; a
table is a run of such lines (a blank line inside it is a page break). Tables
are found by the title printed above them, or by the first header cell for
forms, and padded to a rectangle as the layout stage would give them.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from extractor.model import RawTable, TableContext

SEEDS = Path(os.environ.get("EXTRACTOR_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))


@lru_cache(maxsize=None)
def _lines(name: str) -> list[str]:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8", errors="replace").splitlines()


def _runs(name: str) -> list[tuple[int, list[list[str]]]]:
    """(index of the first line, rows) for every run of TAB lines; blank lines inside a run are skipped."""
    lines = _lines(name)
    runs: list[tuple[int, list[list[str]]]] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            i += 1
            continue
        start, rows = i, []
        while i < len(lines) and ("\t" in lines[i] or (lines[i] == "" and i + 1 < len(lines) and "\t" in lines[i + 1])):
            if lines[i]:
                rows.append(lines[i].split("\t"))
            i += 1
        runs.append((start, rows))
    return runs


def seed_grids(name: str, marker: str) -> list[list[list[str]]]:
    """Every table in the seed printed after a line containing ``marker`` (its title) or starting with it."""
    lines = _lines(name)
    out = []
    for start, rows in _runs(name):
        above = " ".join(lines[max(0, start - 12):start])
        if marker in above or rows[0][0].startswith(marker) or marker in rows[0][0]:
            n = max(len(r) for r in rows)
            out.append([r + [""] * (n - len(r)) for r in rows])
    return out


def grid_containing(name: str, text: str) -> list[list[str]]:
    """The first table of the seed with a cell equal to ``text`` (for tables printed without a title)."""
    for _, rows in _runs(name):
        if any(text in row for row in rows):
            n = max(len(r) for r in rows)
            return [r + [""] * (n - len(r)) for r in rows]
    raise LookupError(f"no table with a cell {text!r} in {name}")


def seed_table(name: str, marker: str, index: int = 0) -> RawTable:
    grid = seed_grids(name, marker)[index]
    return RawTable(
        pages=[1],
        grid=grid,
        confidence=[[1.0] * len(r) for r in grid],
        header_rows=0,
        context=TableContext(),
    )


def raw(grid: list[list[str]]) -> RawTable:
    """A RawTable for a grid typed by hand in a test."""
    n = max(len(r) for r in grid)
    grid = [r + [""] * (n - len(r)) for r in grid]
    return RawTable(pages=[1], grid=grid, confidence=[[1.0] * n for _ in grid], header_rows=0, context=TableContext())
