"""The truth file of a generated document: what a perfect extractor would output.

Built from the content (``DocSpec``) and from where the renderer placed each
table, never by reading the PDF back, so it cannot inherit a rendering bug.
Degraded copies (scanned, garbled, mixed) change only file identity and how
each page's text has to be obtained; their tables are the same.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any, Iterable

from extractor.ingest.compose import IMAGE_TABLE
from extractor.ingest.triage import GARBLED
from extractor.schema import SCHEMA_ID, validate_contract
from samples.generator.spec import DocSpec, TableSpec


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def printed_grid(table: TableSpec) -> list[list[str]]:
    """The grid as a reader can see it on the page.

    A column boundary that falls inside a merged cell on every row is never
    drawn, so no reader can know it is there: it is not a column of the
    printed table.
    """
    owner: dict[tuple[int, int], int] = {}
    for i, m in enumerate(table.merges):
        for r in range(m.row, m.row + m.rowspan):
            for c in range(m.col, m.col + m.colspan):
                owner[(r, c)] = i
    n_rows, n_cols = len(table.grid), len(table.grid[0]) if table.grid else 0
    keep = [c for c in range(n_cols) if c == 0 or not all(
        (r, c) in owner and owner.get((r, c - 1)) == owner[(r, c)] for r in range(n_rows))]
    return [[row[c] for c in keep] for row in table.grid]


def table_truth(number: int, table: TableSpec, pages: list[int]) -> dict[str, Any]:
    return {
        "id": f"t{number}",
        "type": table.type,
        "type_confidence": 1.0,
        "title": table.title,
        "pages": list(pages),
        "unit": table.unit,
        "grid": printed_grid(table),
        "columns": {side: list(names) for side, names in table.columns.items()},
        "records": copy.deepcopy(table.records),
        "form": copy.deepcopy(table.form),
        "checks": [],
    }


def document_truth(
    spec: DocSpec,
    pdf: Path,
    page_count: int,
    tables: Iterable[tuple[TableSpec, list[int]]],
) -> dict[str, Any]:
    """The contract document for a born-digital rendering; ``tables`` in reading order with the pages holding their rows."""
    truth = {
        "schema": SCHEMA_ID,
        "file": pdf.name,
        "sha256": sha256_of(pdf),
        "document": {"organization": spec.organization, "year": spec.year, "kind": spec.kind, "unit": spec.unit},
        "pages": [{"number": n, "source": "text-layer", "rotation": 0, "seconds": 0} for n in range(1, page_count + 1)],
        "tables": [table_truth(i, table, pages) for i, (table, pages) in enumerate(tables, start=1)],
        "warnings": [],
    }
    validate_contract(truth)
    return truth


def scanned_truth(truth: dict[str, Any], pdf: Path, page_rotations: list[dict[str, int]]) -> dict[str, Any]:
    """A scan has no text layer: every page is read by OCR, at the rotation the scanner left it."""
    rotation = {p["number"]: p["rotation"] for p in page_rotations}
    result = _retarget(truth, pdf)
    for page in result["pages"]:
        page["source"] = "ocr"
        page["rotation"] = rotation.get(page["number"], 0)
    validate_contract(result)
    return result


def garbled_truth(truth: dict[str, Any], pdf: Path, garbled_pages: list[int]) -> dict[str, Any]:
    """Garbled pages carry a text layer that must not be trusted, so the extractor should OCR them and say so."""
    garbled = set(garbled_pages)
    result = _retarget(truth, pdf)
    for page in result["pages"]:
        if page["number"] in garbled:
            page["source"] = "ocr"
    result["warnings"] = [
        {"page": n, "code": GARBLED, "message": f"page {n}: the text layer does not match the printed text; read by OCR"}
        for n in sorted(garbled)
    ]
    validate_contract(result)
    return result


def mixed_truth(truth: dict[str, Any], pdf: Path, damage: tuple[list[int], list[int]]) -> dict[str, Any]:
    """Pages with a garbled table or a table pasted as a picture keep the rest of their layer: read partly by OCR.

    ``damage`` is (pages with a garbled table, pages with a pasted table); each
    page gets the warning the extractor gives for that damage.
    """
    garbled, pasted = (set(pages) for pages in damage)
    result = _retarget(truth, pdf)
    for page in result["pages"]:
        if page["number"] in garbled | pasted:
            page["source"] = "mixed"
    said = {GARBLED: "the text layer of a table does not match the printed text; that table is read by OCR",
            IMAGE_TABLE: "a table is a picture; it is read by OCR"}
    damaged = [(n, GARBLED) for n in garbled] + [(n, IMAGE_TABLE) for n in pasted]
    result["warnings"] = [{"page": n, "code": code, "message": f"page {n}: {said[code]}"} for n, code in sorted(damaged)]
    validate_contract(result)
    return result


def _retarget(truth: dict[str, Any], pdf: Path) -> dict[str, Any]:
    result = copy.deepcopy(truth)
    result["file"] = pdf.name
    result["sha256"] = sha256_of(pdf)
    return result
