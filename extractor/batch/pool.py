"""Runs a batch on local worker processes (extraction is CPU-bound)."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.queues import Queue

from extractor.batch.tasks import PageProgress, Task, die_with_parent
from extractor.batch.work import ExtractFn, Failure, Outcome, extract_safely

# How many times a file may be in flight when a worker process dies before it
# is blamed and reported as failed (the culprit is unknown: every file in
# flight is a suspect, so an innocent one gets another chance).
MAX_STRIKES = 2

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
        ctx = multiprocessing.get_context("spawn")
        progress: Queue = ctx.Queue()
        todo = list(reversed(tasks))
        strikes: dict[str, int] = {}
        while todo:
            with ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=(progress,)) as pool:
                in_flight: dict[Future[Outcome], Task] = {}
                broken = False
                while (todo or in_flight) and not broken:
                    while todo and len(in_flight) < self.workers:
                        task = todo.pop()
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
                if broken:
                    yield from self._blame(in_flight.values(), strikes, todo)

    @staticmethod
    def _blame(suspects: Iterable[Task], strikes: dict[str, int], todo: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        for task in suspects:
            strikes[task.key] = strikes.get(task.key, 0) + 1
            if strikes[task.key] >= MAX_STRIKES:
                message = f"a worker process died {MAX_STRIKES} times while extracting this file (out of memory?)"
                yield task, Outcome(None, Failure("worker-died", message))
            else:
                todo.append(task)


def _drain(progress: Queue, on_pages: PageProgress) -> None:
    while True:
        try:
            key, done, total = progress.get_nowait()
        except queue.Empty:
            return
        on_pages(key, done, total)
