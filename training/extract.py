"""Tables as the extractor's digital path sees them, for training and for tests on real PDFs."""

from __future__ import annotations

from pathlib import Path

from extractor.ingest.pdf import open_pdf
from extractor.ingest.text_layer import read_page
from extractor.layout.page import layout_page
from extractor.model import RawTable, TableRegion
from extractor.tables.join import join_regions


def pdf_tables(path: Path) -> tuple[list[RawTable], str]:
    """The joined tables of a born-digital PDF, and the text of its first pages (for the report's kind)."""
    pdf = open_pdf(path)
    regions: list[TableRegion] = []
    first_text: list[str] = []
    try:
        for i in range(pdf.page_count):
            content = read_page(pdf.document[i])
            page_regions, lines = layout_page(i + 1, content.spans, content.segments)
            regions.extend(page_regions)
            if i < 3:
                first_text.extend(line.text for line in lines)
    finally:
        pdf.document.close()
    return join_regions(regions), "\n".join(first_text)
