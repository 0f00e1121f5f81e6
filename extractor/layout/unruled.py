"""Tables printed without ruling lines, found from the alignment of text.

Runs of consecutive lines that split into several far-apart chunks, with
amounts among them, form a block; the x ranges no chunk of the block covers
are the column gaps. Prose (one continuous chunk per line) and tables of
contents (no amounts) never form a block.
"""

from __future__ import annotations

import re
import statistics

from extractor.layout.text import TextLine, tidy
from extractor.model import BBox, Cell, TextSpan

_AMOUNT = re.compile(r"^[-−]?[\d,]*\d\.\d{1,2}%?$")
_MIN_ROWS = 3
_MIN_AMOUNT_ROWS = 2
_MAX_HEADER_LINES = 3
_LEADER = re.compile(r"\.{4,}|…{2,}|·{4,}")


def _chunks(line: TextLine) -> list[tuple[float, float, str]]:
    spans = sorted(line.spans, key=lambda s: s.bbox.x0)
    size = statistics.median(max(s.bbox.height, 1.0) for s in spans)
    out: list[list[TextSpan]] = [[spans[0]]]
    for prev, cur in zip(spans, spans[1:]):
        if cur.bbox.x0 - prev.bbox.x1 > size * 1.2:
            out.append([cur])
        else:
            out[-1].append(cur)
    result = []
    for chunk in out:
        text = tidy("".join(s.text for s in chunk))
        if text:
            result.append((chunk[0].bbox.x0, chunk[-1].bbox.x1, text))
    return result


def _has_amount(chunks: list[tuple[float, float, str]]) -> bool:
    return any(_AMOUNT.match(t) for _, _, t in chunks)


def _tabular(chunks: list[tuple[float, float, str]]) -> bool:
    if any(_LEADER.search(t) for _, _, t in chunks):
        return False  # a contents line: title, dot leaders, page number
    return len(chunks) >= 3 or (len(chunks) >= 2 and _has_amount(chunks))


def _trim(block: list[tuple[TextLine, list[tuple[float, float, str]]]]) -> list[tuple[TextLine, list[tuple[float, float, str]]]]:
    """A table ends on a data row and has at most a few header lines before its first one."""
    amounts = [i for i, (_, chunks) in enumerate(block) if _has_amount(chunks)]
    if not amounts:
        return []
    return block[max(0, amounts[0] - _MAX_HEADER_LINES): amounts[-1] + 1]


def _column_ranges(rows: list[list[tuple[float, float, str]]]) -> list[tuple[float, float]]:
    intervals = sorted((a, b) for row in rows for a, b, _ in row)
    merged: list[list[float]] = []
    for a, b in intervals:
        if merged and a <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def find_unruled_tables(lines: list[TextLine], page: int) -> list[tuple[BBox, int, int, list[Cell], list[TextLine]]]:
    """Blocks of aligned lines: (bbox, rows, cols, cells, the lines used)."""
    blocks: list[list[tuple[TextLine, list[tuple[float, float, str]]]]] = []
    current: list[tuple[TextLine, list[tuple[float, float, str]]]] = []
    for line in lines:
        chunks = _chunks(line)
        if _tabular(chunks):
            current.append((line, chunks))
            continue
        if current:
            blocks.append(current)
        current = []
    if current:
        blocks.append(current)
    found = []
    for block in map(_trim, blocks):
        rows = [chunks for _, chunks in block]
        amount_rows = sum(1 for row in rows if _has_amount(row))
        if len(rows) < _MIN_ROWS or amount_rows < _MIN_AMOUNT_ROWS:
            continue
        columns = _column_ranges(rows)
        if len(columns) < 2:
            continue
        cells: list[Cell] = []
        used = [line for line, _ in block]
        for r, (line, chunks) in enumerate(block):
            texts = [""] * len(columns)
            for a, b, text in chunks:
                col = max(range(len(columns)), key=lambda k: min(b, columns[k][1]) - max(a, columns[k][0]))
                texts[col] = f"{texts[col]}{text}"
            for c, text in enumerate(texts):
                cells.append(Cell(row=r, col=c, rowspan=1, colspan=1,
                                  bbox=BBox(columns[c][0], line.bbox.y0, columns[c][1], line.bbox.y1), text=text))
        box = used[0].bbox
        for line in used[1:]:
            box = box.union(line.bbox)
        found.append((box, len(block), len(columns), cells, used))
    return found
