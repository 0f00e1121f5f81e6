"""Feeds queued jobs from the store to the worker pool, at most one per worker.

The store is the queue: a job is claimed (queued -> running, new attempt)
only when a worker is free, so a restart finds every job either still
queued, or running and then recovered by ``JobStore.recover``.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures.process import BrokenProcessPool

from extractor.batch.work import ExtractFn
from extractor.service.request_id import set_request_id
from extractor.service.store import Job, JobStore
from extractor.service.worker import WorkerPool, run_job

log = logging.getLogger("extractor.service.jobs")


class Dispatcher:
    def __init__(self, store: JobStore, pool: WorkerPool, extract: ExtractFn, max_attempts: int) -> None:
        self._store = store
        self._pool = pool
        self._extract = extract
        self._max_attempts = max_attempts
        self._wake = asyncio.Event()
        self._running: set[asyncio.Task[None]] = set()

    @property
    def running(self) -> int:
        return len(self._running)

    def wake(self) -> None:
        """A job was queued (or a worker freed): look for work now."""
        self._wake.set()

    async def serve(self) -> None:
        try:
            while True:
                self._launch()
                self._wake.clear()
                try:
                    # The timeout also picks up jobs queued by anything
                    # other than this process's own requests.
                    await asyncio.wait_for(self._wake.wait(), timeout=1.0)
                except TimeoutError:
                    pass
        finally:
            for task in self._running:
                task.cancel()

    def _launch(self) -> None:
        while len(self._running) < self._pool.workers:
            job = self._store.claim_next()
            if job is None:
                return
            task = asyncio.create_task(self._run(job))
            self._running.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        self.wake()

    async def _run(self, job: Job) -> None:
        set_request_id(job.request_id or "-")  # this task's log lines carry the id of the request that queued the job
        log.info("job %s attempt %d started (%s, %d bytes)", job.id, job.attempts, job.file_name, job.size)
        try:
            state = await self._pool.run(run_job, self._store.data_dir, job.id, job.attempts, job.file_name, self._extract)
            log.info("job %s attempt %d %s", job.id, job.attempts, state)
        except BrokenProcessPool:
            log.error("job %s attempt %d: its worker process died", job.id, job.attempts)
            self._store.interrupted(job.id, job.attempts, self._max_attempts, "the worker process died")
        except Exception:
            log.exception("job %s attempt %d: the worker call failed", job.id, job.attempts)
            self._store.interrupted(job.id, job.attempts, self._max_attempts, "the worker call failed")
