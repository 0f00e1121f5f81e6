"""Runs a batch on a Dask distributed cluster: one task per file.

Workers may be other machines without the input folder, so each task carries
the file's bytes. Tasks return results instead of writing anything: only the
client writes outputs, once per file, so a task that Dask re-runs after its
worker died (or that ran twice) can never produce a second or torn write.
"""

from __future__ import annotations

import queue
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.batch.tasks import PageProgress, Task
from extractor.batch.work import ExtractFn, Failure, Outcome, extract_safely
from extractor.errors import ExtractorError

PROGRESS_TOPIC = "extractor-pages"


def _run_on_worker(extract: ExtractFn, key: str, name: str, data: bytes) -> Outcome:
    from distributed import get_worker

    worker = get_worker()

    def progress(done: int, total: int) -> None:
        worker.log_event(PROGRESS_TOPIC, (key, done, total))

    with tempfile.TemporaryDirectory(prefix="extractor-") as tmp:
        path = Path(tmp) / "input.pdf"
        path.write_bytes(data)
        return extract_safely(extract, path, name, progress)


@dataclass(frozen=True)
class DaskExecutor:
    address: str
    extract: ExtractFn
    # The scheduler itself re-runs a task whose worker died (up to
    # distributed.scheduler.allowed-failures). ``retries`` covers exceptions
    # a task raises: bad input comes back as a Failure value, so these are
    # infrastructure errors, such as a worker's full temp disk.
    retries: int = 2
    connect_timeout: float = 30.0

    def run(self, tasks: Sequence[Task], on_pages: PageProgress) -> Iterator[tuple[Task, Outcome]]:
        from distributed import Client, wait

        events: queue.SimpleQueue[tuple[str, int, int]] = queue.SimpleQueue()
        try:
            client = Client(self.address, timeout=self.connect_timeout)
        except (OSError, TimeoutError) as exc:
            raise ExtractorError(f"cannot reach the Dask scheduler at {self.address} ({exc}); "
                                 "start one with `dask scheduler` and workers with `dask worker ADDRESS`") from exc
        with client:
            client.subscribe_topic(PROGRESS_TOPIC, lambda event: events.put(event[1]))
            todo = list(reversed(tasks))
            in_flight: dict[Any, Task] = {}
            while todo or in_flight:
                # Every worker thread busy with one file queued behind it, without
                # shipping the whole batch's bytes at once; workers may come and go.
                window = 2 * max(1, sum(client.nthreads().values()))
                while todo and len(in_flight) < window:
                    task = todo.pop()
                    future = client.submit(
                        _run_on_worker, self.extract, task.key, task.name, task.path.read_bytes(),
                        key=task.key, retries=self.retries, pure=False,
                    )
                    in_flight[future] = task
                try:
                    done = wait(list(in_flight), timeout=0.25, return_when="FIRST_COMPLETED").done
                except TimeoutError:
                    done = set()
                while not events.empty():
                    on_pages(*events.get())
                for future in done:
                    yield in_flight.pop(future), _outcome(future)
                    future.release()


def _outcome(future: Any) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # KilledWorker after repeated worker deaths, or a lost task
        return Outcome(None, Failure("worker-died", f"the cluster could not run this file: {type(exc).__name__}: {exc}"))
