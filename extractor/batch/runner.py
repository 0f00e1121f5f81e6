"""A batch: find the PDFs, skip those already extracted, run the rest on an
executor, write each result as it arrives, and summarise what failed.

The outputs are the resume state: ``<name>.json`` records the sha256 of the
input it came from, so a re-run skips every file whose JSON matches its
current bytes and redoes only new, changed or failed files.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from extractor.batch.atomic import write_bytes_atomic
from extractor.batch.discover import InputFile, find_inputs
from extractor.batch.exports import WRITERS, write_json
from extractor.batch.progress import BatchProgress, count_pages
from extractor.batch.sqlite_sink import SqliteSink
from extractor.batch.tasks import Executor, Task
from extractor.batch.work import Failure
from extractor.errors import OutputError
from extractor.ingest.pdf import file_sha256

SUMMARY_NAME = "_summary.json"


@dataclass(frozen=True)
class BatchConfig:
    source: str  # a folder (searched recursively) or a glob
    out_dir: Path
    format: str = "json"  # the JSON is always written; csv / xlsx are written beside it
    sqlite: Path | None = None
    show_progress: bool = True
    force: bool = False  # extract even files whose output is up to date (e.g. after changing --ocr)


@dataclass
class BatchReport:
    files: int = 0
    extracted: int = 0
    skipped: int = 0
    pages: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files, "extracted": self.extracted, "skipped": self.skipped,
            "failed": len(self.failures), "pages": self.pages, "seconds": round(self.seconds, 3),
            "failures": self.failures,
        }


def output_path(out_dir: Path, name: str, suffix: str) -> Path:
    return out_dir.joinpath(*PurePosixPath(name).with_suffix(suffix).parts)


def run_batch(config: BatchConfig, executor: Executor) -> BatchReport:
    started = time.monotonic()
    report = BatchReport()
    sink = SqliteSink(config.sqlite) if config.sqlite else None
    try:
        tasks = _plan(config, find_inputs(config.source), sink, report)
        pages = {task.key: count_pages(task.path) for task in tasks}
        progress = BatchProgress(len(tasks), sum(pages.values()), config.show_progress)
        try:
            for task, outcome in executor.run(tasks, progress.pages):
                if outcome.document is not None:
                    try:
                        _write(config, outcome.document, task.name, sink)
                    except OSError as exc:  # a full or read-only disk stops the batch: every file would fail
                        raise OutputError(f"cannot write the result of {task.name} into {config.out_dir}: {exc}") from exc
                    report.extracted += 1
                    report.pages += len(outcome.document["pages"])
                else:
                    report.failures.append(_failure_entry(task, outcome.failure))
                progress.file_done(task.key, pages[task.key])
        finally:
            progress.close()
    finally:
        if sink is not None:
            sink.close()
    report.seconds = time.monotonic() - started
    report.failures.sort(key=lambda entry: entry["file"])
    summary = {"source": config.source, "format": config.format, **report.to_dict()}
    write_bytes_atomic(config.out_dir / SUMMARY_NAME, json.dumps(summary, ensure_ascii=False, indent=2).encode())
    return report


def _plan(config: BatchConfig, inputs: list[InputFile], sink: SqliteSink | None, report: BatchReport) -> list[Task]:
    """The files to extract; brings the outputs of up-to-date files in line
    with this run's format and sink without extracting them again."""
    report.files = len(inputs)
    tasks = []
    for item in inputs:
        task = Task(item.path, item.name, file_sha256(item.path))
        previous = None if config.force else _previous_result(output_path(config.out_dir, item.name, ".json"), task.sha256)
        if previous is None:
            tasks.append(task)
            continue
        report.skipped += 1
        export = output_path(config.out_dir, item.name, f".{config.format}")
        if not export.exists():
            WRITERS[config.format](export, previous)
        if sink is not None and not sink.has(previous["file"], task.sha256):
            sink.put(previous)
    return tasks


def _previous_result(path: Path, sha256: str) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) and document.get("sha256") == sha256 else None


def _write(config: BatchConfig, document: dict[str, Any], name: str, sink: SqliteSink | None) -> None:
    # The format's file first and the JSON last: the JSON marks the file as
    # done, so a crash in between leaves it to be redone, never half-exported.
    if config.format != "json":
        WRITERS[config.format](output_path(config.out_dir, name, f".{config.format}"), document)
    if sink is not None:
        sink.put(document)
    write_json(output_path(config.out_dir, name, ".json"), document)


def _failure_entry(task: Task, failure: Failure | None) -> dict[str, Any]:
    failure = failure or Failure("internal-error", "no result and no error came back")
    return {"file": task.name, "sha256": task.sha256, **failure.to_dict()}

