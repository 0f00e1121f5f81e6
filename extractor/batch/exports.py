"""The contract JSON as files: the JSON itself, or its records flattened to
one row per value for spreadsheets (CSV, XLSX)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from extractor.batch.atomic import write_atomic, write_bytes_atomic

COLUMNS = (
    "document", "table_id", "table_type", "row_index", "side", "code", "line",
    "item", "group", "column_index", "column_name", "value",
)
FORMATS = ("json", "csv", "xlsx")


def value_rows(document: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Every amount of every record, with what identifies it, in ``COLUMNS`` order.
    Forms (self-evaluation tables) have no records and so no rows; the JSON keeps them."""
    for table in document["tables"]:
        columns = table.get("columns") or {}
        for row_index, record in enumerate(table.get("records") or []):
            names = columns.get(record.get("side") or "", [])
            for column_index, value in enumerate(record["values"]):
                yield (
                    document["file"], table["id"], table["type"], row_index, record.get("side"),
                    record.get("code"), record.get("line"), record.get("item"), record.get("group"),
                    column_index, names[column_index] if column_index < len(names) else None, value,
                )


def document_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def write_json(path: Path, document: dict[str, Any]) -> None:
    write_bytes_atomic(path, document_json(document))


def write_csv(path: Path, document: dict[str, Any]) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows(value_rows(document))
    # utf-8-sig: Excel opens a BOM-marked CSV with the Chinese text intact.
    write_bytes_atomic(path, text.getvalue().encode("utf-8-sig"))


def write_xlsx(path: Path, document: dict[str, Any]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("values")
    sheet.append(COLUMNS)
    for row in value_rows(document):
        sheet.append(row)

    def save(handle: IO[bytes]) -> None:
        workbook.save(handle)

    write_atomic(path, save)


WRITERS = {"json": write_json, "csv": write_csv, "xlsx": write_xlsx}
