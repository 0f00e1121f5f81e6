"""Characters to text: lines from boxes, and the spacing rules for CJK text.

Both the cells of a table and the free text of a page are built here, so a
wrapped cell and a wrapped title follow the same rules.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from extractor.model import BBox, TextSpan

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class TextLine:
    text: str
    bbox: BBox
    spans: tuple[TextSpan, ...]


def tidy(text: str) -> str:
    """Collapse white space; spaces printed in the text (1. 一般公共预算) are kept."""
    return _SPACES.sub(" ", text).strip()


def group_lines(spans: list[TextSpan], *, gap_factor: float = 1.0) -> list[TextLine]:
    """Spans to lines, top to bottom; within a line, far-apart runs are kept apart by spaces.

    A span joins the current line when its vertical centre lies within the
    line's extent or it overlaps the line enough, so a number set a little
    higher or lower than its neighbours in the same row stays in that row, and
    a comma hanging below the baseline stays in its number. Only full-size
    glyphs widen the line, so punctuation cannot chain two lines together.
    """
    if not spans:
        return []
    ordered = sorted(spans, key=lambda s: (s.bbox.cy, s.bbox.x0))
    rows: list[list[TextSpan]] = []
    top = bottom = 0.0
    for span in ordered:
        box = span.bbox
        # Small glyphs (commas, points) sit low in the line: their centre still
        # falls inside the line's extent, which is what joins them to it.
        overlap = min(bottom, box.y1) - max(top, box.y0)
        if rows and (top <= box.cy <= bottom or overlap >= 0.3 * min(box.height, bottom - top)):
            rows[-1].append(span)
            if box.height >= 0.6 * (bottom - top):
                top, bottom = min(top, box.y0), max(bottom, box.y1)
        else:
            rows.append([span])
            top, bottom = box.y0, box.y1
    return [_make_line(row, gap_factor) for row in rows]


def _make_line(row: list[TextSpan], gap_factor: float) -> TextLine:
    row = sorted(row, key=lambda s: s.bbox.x0)
    size = statistics.median(max(s.bbox.height, 1.0) for s in row)
    parts = [row[0].text]
    for prev, cur in zip(row, row[1:]):
        if cur.bbox.x0 - prev.bbox.x1 > size * gap_factor and not prev.text.isspace() and not cur.text.isspace():
            parts.append("  ")
        parts.append(cur.text)
    box = row[0].bbox
    for s in row[1:]:
        box = box.union(s.bbox)
    return TextLine("".join(parts), box, tuple(row))


def cell_text(spans: list[TextSpan]) -> str:
    """A cell's text: its lines joined without separators (wrapped CJK names continue)."""
    return tidy("".join(line.text for line in group_lines(spans, gap_factor=3.0)))
