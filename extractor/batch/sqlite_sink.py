"""An optional SQLite copy of a batch's results, for querying across documents.

Writing a document replaces whatever the sink held for that file in one
transaction, so re-running a batch (or a retried file) never duplicates rows.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from extractor.batch.exports import COLUMNS, value_rows

_QUOTED = ", ".join(f'"{c}"' for c in COLUMNS)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    file TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    organization TEXT,
    year INTEGER,
    kind TEXT,
    unit TEXT,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS record_values ({_QUOTED});
CREATE INDEX IF NOT EXISTS record_values_document ON record_values (document);
"""


class SqliteSink:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.executescript(_SCHEMA)

    def has(self, file: str, sha256: str) -> bool:
        row = self._db.execute("SELECT 1 FROM documents WHERE file = ? AND sha256 = ?", (file, sha256)).fetchone()
        return row is not None

    def put(self, document: dict[str, Any]) -> None:
        meta = document.get("document") or {}
        with self._db:
            self._db.execute("DELETE FROM record_values WHERE document = ?", (document["file"],))
            self._db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                (document["file"], document["sha256"], meta.get("organization"), meta.get("year"),
                 meta.get("kind"), meta.get("unit"), json.dumps(document, ensure_ascii=False)),
            )
            placeholders = ", ".join("?" for _ in COLUMNS)
            self._db.executemany(f"INSERT INTO record_values VALUES ({placeholders})", value_rows(document))

    def close(self) -> None:
        self._db.close()
