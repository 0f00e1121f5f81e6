"""Durable jobs: an SQLite table of job states, with uploads and results as
files named by job id (never by the uploaded file's name).

The server process and its worker processes each open their own connection
(WAL mode lets them write concurrently). Every change a worker makes is
conditioned on the attempt number it was started with, so a worker left over
from before a restart, or one whose job was deleted, cannot overwrite the
state of a newer attempt.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.batch.work import Failure

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    request_id TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    pages_done INTEGER NOT NULL DEFAULT 0,
    pages_total INTEGER,
    error_code TEXT,
    error_status INTEGER,
    error_message TEXT
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, created);
"""


@dataclass(frozen=True)
class Job:
    id: str
    state: str
    file_name: str
    size: int
    request_id: str | None
    created: float
    updated: float
    attempts: int
    pages_done: int
    pages_total: int | None
    error_code: str | None
    error_status: int | None
    error_message: str | None

    @property
    def failure(self) -> Failure | None:
        if self.state != FAILED:
            return None
        return Failure(self.error_code or "extraction-failed", self.error_message or "", self.error_status or 500)


def new_job_id() -> str:
    return uuid.uuid4().hex


class JobStore:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        for folder in (self.uploads, self.results):
            folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(data_dir / "jobs.sqlite3", timeout=10, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a 202 means the job survives a power cut too
        self._db.executescript(_SCHEMA)

    @property
    def uploads(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def results(self) -> Path:
        return self.data_dir / "results"

    def upload_path(self, job_id: str) -> Path:
        return self.uploads / f"{job_id}.pdf"

    def result_path(self, job_id: str) -> Path:
        return self.results / f"{job_id}.json"

    def close(self) -> None:
        self._db.close()

    def create(self, job_id: str, file_name: str, size: int, request_id: str | None) -> Job:
        now = time.time()
        row = self._db.execute(
            "INSERT INTO jobs (id, state, file_name, size, request_id, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (job_id, QUEUED, file_name, size, request_id, now, now),
        ).fetchone()
        return Job(**dict(row))

    def get(self, job_id: str) -> Job | None:
        row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row)

    def count(self, state: str) -> int:
        return self._db.execute("SELECT COUNT(*) FROM jobs WHERE state = ?", (state,)).fetchone()[0]

    def claim_next(self) -> Job | None:
        """Moves the oldest queued job to running and starts a new attempt."""
        row = self._db.execute(
            "UPDATE jobs SET state = ?, attempts = attempts + 1, pages_done = 0, updated = ? "
            "WHERE id = (SELECT id FROM jobs WHERE state = ? ORDER BY created LIMIT 1) RETURNING *",
            (RUNNING, time.time(), QUEUED),
        ).fetchone()
        return _job(row)

    def progress(self, job_id: str, attempt: int, done: int, total: int) -> None:
        self._db.execute(
            "UPDATE jobs SET pages_done = ?, pages_total = ?, updated = ? WHERE id = ? AND attempts = ? AND state = ?",
            (done, total, time.time(), job_id, attempt, RUNNING),
        )

    def finish(self, job_id: str, attempt: int, pages_total: int) -> bool:
        """Marks the attempt done; False when the job was deleted or superseded meanwhile."""
        cursor = self._db.execute(
            "UPDATE jobs SET state = ?, pages_done = ?, pages_total = ?, updated = ? WHERE id = ? AND attempts = ? AND state = ?",
            (DONE, pages_total, pages_total, time.time(), job_id, attempt, RUNNING),
        )
        return cursor.rowcount == 1

    def fail(self, job_id: str, attempt: int, failure: Failure) -> bool:
        cursor = self._db.execute(
            "UPDATE jobs SET state = ?, error_code = ?, error_status = ?, error_message = ?, updated = ? "
            "WHERE id = ? AND attempts = ? AND state = ?",
            (FAILED, failure.code, failure.http_status, failure.message, time.time(), job_id, attempt, RUNNING),
        )
        return cursor.rowcount == 1

    def interrupted(self, job_id: str, attempt: int, max_attempts: int, why: str) -> None:
        """An attempt died with its worker: run the job again, or fail it
        with the reason once it has used up its attempts."""
        job = self.get(job_id)
        if job is None or job.state != RUNNING or job.attempts != attempt:
            return
        if attempt >= max_attempts:
            message = f"{why} during extraction, {attempt} time(s); giving up (the file may be too large or malformed)"
            self.fail(job_id, attempt, Failure("interrupted", message, 500))
        else:
            self._db.execute(
                "UPDATE jobs SET state = ?, updated = ? WHERE id = ? AND attempts = ? AND state = ?",
                (QUEUED, time.time(), job_id, attempt, RUNNING),
            )

    def recover(self, max_attempts: int) -> int:
        """At start-up: every job still marked running was cut off by a crash
        or a stop of the previous server; requeue or fail each one."""
        cut_off = self._db.execute("SELECT id, attempts FROM jobs WHERE state = ?", (RUNNING,)).fetchall()
        for job_id, attempts in cut_off:
            self.interrupted(job_id, attempts, max_attempts, "the server stopped")
        return len(cut_off)

    def delete(self, job_id: str) -> bool:
        cursor = self._db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
        self.upload_path(job_id).unlink(missing_ok=True)
        self.result_path(job_id).unlink(missing_ok=True)
        return cursor.rowcount == 1


def _job(row: Any) -> Job | None:
    return Job(**dict(row)) if row is not None else None
