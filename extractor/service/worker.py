"""Extraction in worker processes, so the event loop never runs CPU-bound work.

``run_job`` executes inside a worker: it reports page progress to the job
store itself and writes the result before marking the job done, so a job's
state never claims a result that is not on disk. ``WorkerPool`` is the
server side: it replaces the process pool when a worker dies.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from extractor.batch.exports import write_json
from extractor.batch.tasks import die_with_parent
from extractor.batch.work import ExtractFn, Failure, Outcome, extract_safely
from extractor.service.store import JobStore

log = logging.getLogger("extractor.service.worker")
T = TypeVar("T")


@lru_cache(maxsize=1)
def _store(data_dir: Path) -> JobStore:
    """One connection per worker process, opened on its first job."""
    return JobStore(data_dir)


def run_job(data_dir: Path, job_id: str, attempt: int, file_name: str, extract: ExtractFn) -> str:
    store = _store(data_dir)
    upload = store.upload_path(job_id)
    outcome = extract_safely(extract, upload, file_name, lambda done, total: store.progress(job_id, attempt, done, total))
    if outcome.document is None:
        store.fail(job_id, attempt, outcome.failure or Failure("internal-error", "no result"))
        upload.unlink(missing_ok=True)
        return "failed"
    result = store.result_path(job_id)
    write_json(result, outcome.document)
    if not store.finish(job_id, attempt, len(outcome.document["pages"])):
        result.unlink(missing_ok=True)  # deleted or superseded while running
        return "discarded"
    upload.unlink(missing_ok=True)
    return "done"


def run_sync(path: Path, file_name: str, extract: ExtractFn) -> Outcome:
    return extract_safely(extract, path, file_name, lambda done, total: None)


class WorkerPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Runs ``fn(*args)`` in a worker; raises BrokenProcessPool when the
        worker died, after starting a fresh pool for the requests that follow."""
        pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(fn, *args))
        except BrokenProcessPool:
            if self._pool is pool:
                log.error("a worker process died; starting a new pool")
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            raise

    def shutdown(self) -> None:
        """Drops what has not started and waits for running extractions:
        their workers record the results themselves, so a graceful stop
        completes them (a stop that cannot wait is a crash, and recovered)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
