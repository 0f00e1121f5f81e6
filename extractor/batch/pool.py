"""Runs a batch on local worker processes (extraction is CPU-bound)."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.queues import Queue

from extractor.batch.tasks import PageProgress, Task, die_with_parent
from extractor.batch.work import ExtractFn, Failure, Outcome, extract_safely

_progress_queue: Queue | None = None  # set once per worker process by _init_worker


def _init_worker(progress_queue: Queue) -> None:
    global _progress_queue
    _progress_queue = progress_queue
    die_with_parent()


def _run(extract: ExtractFn, task: Task) -> Outcome:
    def progress(done: int, total: int) -> None:
        if _progress_queue is not None:
            _progress_queue.put((task.key, done, total))

    return extract_safely(extract, task.path, task.name, progress)


@dataclass(frozen=True)
class LocalExecutor:
    extract: ExtractFn
    workers: int

    def run(self, tasks: Sequence[Task], on_pages: PageProgress) -> Iterator[tuple[Task, Outcome]]:
        """When a worker process dies, every file in flight is a suspect; the
        suspects are then run one at a time, so the file that kills a worker
        while alone in flight is the culprit and fails, and the others succeed."""
        ctx = multiprocessing.get_context("spawn")
        progress: Queue = ctx.Queue()
        todo, suspects = list(reversed(tasks)), []
        workers = max(1, min(self.workers, len(tasks)))  # every process pays the imports; start no idle ones
        while todo or suspects:
            with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(progress,)) as pool:
                in_flight: dict[Future[Outcome], Task] = {}
                broken = False
                while (todo or suspects or in_flight) and not broken:
                    while (suspects or todo) and len(in_flight) < (1 if suspects else workers):
                        task = (suspects or todo).pop()
                        in_flight[pool.submit(_run, self.extract, task)] = task
                    done, _ = wait(in_flight, timeout=0.25, return_when=FIRST_COMPLETED)
                    _drain(progress, on_pages)
                    for future in done:
                        try:
                            outcome = future.result()
                        except BrokenProcessPool:
                            broken = True
                            continue
                        yield in_flight.pop(future), outcome
                if broken and len(in_flight) == 1:
                    message = "the worker process died while extracting this file (out of memory, or a crash in a PDF library)"
                    yield next(iter(in_flight.values())), Outcome(None, Failure("worker-died", message))
                elif broken:
                    suspects.extend(in_flight.values())


def _drain(progress: Queue, on_pages: PageProgress) -> None:
    while True:
        try:
            key, done, total = progress.get_nowait()
        except queue.Empty:
            return
        on_pages(key, done, total)
