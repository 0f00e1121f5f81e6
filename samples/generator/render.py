"""Draws a ``DocSpec`` as a born-digital PDF and returns its truth.

The look is chosen from the seed (``render_style``), the pages are laid out
as data (``render_flow``, ``render_table``) and only then painted with
reportlab's canvas (``render_page``). reportlab runs with ``invariant=1`` so
the same content and seed give byte-identical files.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from samples.generator.render_flow import Placement, lay_out
from samples.generator.render_page import Watermark, paint
from samples.generator.render_style import choose_style, ensure_font
from samples.generator.spec import DocSpec, TableSpec
from samples.generator.truth import document_truth

WATERMARK_TEXT = "仅供内部审核"


def render_document(
    spec: DocSpec, out_pdf: Path, *, seed: int, watermark: bool = False, max_pages: int | None = None
) -> dict[str, Any]:
    """Write ``out_pdf`` and return its contract truth.

    ``max_pages`` drops whole trailing blocks until the document fits, so a
    table is never cut off in the middle (the first block is always kept).
    """
    _check(spec)
    style = choose_style(seed)
    for font in {style.body_font, style.title_font}:
        ensure_font(font)
    placement = lay_out(spec, style)
    if max_pages is not None and len(placement.pages) > max_pages:
        fitting = itertools.takewhile(lambda pages: not pages or pages[-1] <= max_pages, placement.block_pages)
        keep = max(1, sum(1 for _ in fitting))
        spec = dataclasses.replace(spec, blocks=spec.blocks[:keep])
        placement = lay_out(spec, style)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(out_pdf), invariant=1, pageCompression=1)
    canvas.setTitle(f"{spec.organization}{spec.year}年{spec.kind}")
    paint(canvas, placement.pages, Watermark(WATERMARK_TEXT, style.title_font) if watermark else None)
    canvas.save()
    return document_truth(spec, out_pdf, len(placement.pages), _placed_tables(spec, placement))


def _check(spec: DocSpec) -> None:
    """Reject content the truth could not describe honestly (a table with no rows, a merge off the grid)."""
    for block in spec.blocks:
        if not isinstance(block, TableSpec):
            continue
        if not block.grid or not any(block.grid):
            raise ValueError(f"table {block.title!r} has an empty grid")
        width = max(len(row) for row in block.grid)
        for m in block.merges:
            if m.rowspan < 1 or m.colspan < 1 or m.row + m.rowspan > len(block.grid) or m.col + m.colspan > width:
                raise ValueError(f"table {block.title!r}: merge {m} lies outside its {len(block.grid)}x{width} grid")


def _placed_tables(spec: DocSpec, placement: Placement) -> list[tuple[TableSpec, list[int]]]:
    return [(block, pages) for block, pages in zip(spec.blocks, placement.block_pages) if isinstance(block, TableSpec)]
