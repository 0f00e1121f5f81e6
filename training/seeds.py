"""Labelled tables from the seed texts (real reports as TAB-separated text).

A table is a run of lines holding TABs; blank lines inside the run are page
breaks of one table, any other line ends it. The lines above a table are read
with the extractor's own context reader, so titles and captions come out as
the digital path would find them. Labels come from the titles (``titles``).
"""

from __future__ import annotations

from pathlib import Path

from extractor.classify.features import normalise_text
from extractor.layout.context import read_context
from extractor.model import RawTable
from extractor.tables.header import guess_header_rows
from training.titles import label_from_title

# Lines above a table searched for its title, caption and header fields.
_CONTEXT_LINES = 6


def _rows(block: list[str]) -> list[list[str]]:
    rows = [line.split("\t") for line in block if line.strip()]
    width = max(len(r) for r in rows)
    return [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows]


def seed_tables(text: str) -> list[RawTable]:
    lines = text.splitlines()
    tables: list[RawTable] = []
    above: list[str] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            if lines[i].strip():
                above.append(lines[i].strip())
            i += 1
            continue
        block: list[str] = []
        while i < len(lines):
            if "\t" in lines[i]:
                block.append(lines[i])
            elif lines[i].strip():
                break
            i += 1
        below = [ln.strip() for ln in lines[i:i + 2] if ln.strip() and "\t" not in ln]
        grid = _rows(block)
        tables.append(RawTable(
            pages=[1], grid=grid, confidence=[[1.0] * len(r) for r in grid],
            header_rows=guess_header_rows(grid), context=read_context(above[-_CONTEXT_LINES:], below),
        ))
        above = []
    return tables


def _label(table: RawTable, kind: str) -> str | None:
    """The title's label; an untitled table is a contents page (其他) or else unknown (None)."""
    if table.context.title:
        return label_from_title(table.context.title, kind)
    if any(normalise_text(line) == "目录" for line in table.context.lines_above):
        return "其他"
    return None


def labelled_seed_tables(path: Path) -> list[tuple[RawTable, str | None, str]]:
    """(table, label or None when unknown, report kind) for every table of one seed file; the kind is in the file name."""
    kind = "决算" if "juesuan" in path.stem else "预算"
    return [(t, _label(t, kind), kind) for t in seed_tables(path.read_text(encoding="utf-8"))]
