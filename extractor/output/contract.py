"""The one mapping from working objects to the public JSON contract."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from extractor.model import ExtractedTable, ExtractionResult, Issue
from extractor.normalise.corrections import corrected_grid
from extractor.schema import SCHEMA_ID


def issue_json(issue: Issue) -> dict[str, Any]:
    return {"page": issue.page, "code": issue.code, "message": issue.message}


def table_json(table: ExtractedTable) -> dict[str, Any]:
    norm = table.normalised
    return {
        "id": table.id,
        "type": table.type,
        "type_confidence": round(float(table.type_confidence), 4),
        "title": table.raw.context.title,
        "pages": list(table.raw.pages),
        "unit": table.unit,
        "grid": corrected_grid(table.raw.grid, norm.corrections),
        "columns": {k: list(v) for k, v in norm.columns.items()},
        "records": [asdict(r) for r in norm.records],
        "form": asdict(norm.form) if norm.form is not None else None,
        "checks": [asdict(c) for c in norm.checks],
    }


def result_json(result: ExtractionResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "file": result.file,
        "sha256": result.sha256,
        "document": asdict(result.document),
        "pages": [
            {"number": p.number, "source": p.source, "rotation": p.rotation, "seconds": round(p.seconds, 4)}
            for p in result.pages
        ],
        "tables": [table_json(t) for t in result.tables],
        "warnings": [issue_json(i) for i in result.issues],
    }
