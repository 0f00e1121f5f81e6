"""A batch on a real Dask cluster survives a worker dying mid-batch: every
file is extracted, and each result reaches the writer exactly once."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pdf_factory import budget_pdf, text_file

from extractor.batch.dask_executor import DaskExecutor
from extractor.batch.runner import SUMMARY_NAME, BatchConfig, run_batch
from extractor.batch.tasks import PageProgress, Task
from extractor.batch.work import Outcome, PipelineExtract
from extractor.cli import main
from extractor.pipeline import ExtractOptions
from extractor.schema import contract_errors

distributed = pytest.importorskip("distributed")


class Recording:
    """Passes an executor's results through, counting how often each file is handed over."""

    def __init__(self, inner: DaskExecutor) -> None:
        self.inner = inner
        self.yielded: Counter[str] = Counter()
        self.first = threading.Event()

    def run(self, tasks: Sequence[Task], on_pages: PageProgress) -> Iterator[tuple[Task, Outcome]]:
        for task, outcome in self.inner.run(tasks, on_pages):
            self.yielded[task.name] += 1
            self.first.set()
            yield task, outcome


@pytest.mark.slow
def test_batch_on_a_cluster_survives_a_killed_worker(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    names = [f"r{i}.pdf" for i in range(6)]
    for i, name in enumerate(names):
        budget_pdf(source / name, pages=2, variant=i)
    text_file(source / "bad.pdf")

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        executor = Recording(DaskExecutor(cluster.scheduler_address, PipelineExtract(ExtractOptions(ocr="never"))))
        reports = []
        batch = threading.Thread(target=lambda: reports.append(
            run_batch(BatchConfig(str(source), out, show_progress=False), executor)))
        batch.start()
        assert executor.first.wait(120), "no file finished"
        victim = _busy_worker(client)
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        batch.join(300)
        assert not batch.is_alive()
        # The CLI on the same cluster: everything up to date is skipped, the bad file is tried again.
        assert main(["batch", str(source), "-o", str(out), "--cluster", cluster.scheduler_address, "--no-progress"]) == 1
        assert json.loads((out / SUMMARY_NAME).read_text(encoding="utf-8"))["skipped"] == len(names)

    report = reports[0]
    assert report.extracted == len(names)
    assert [(f["file"], f["code"]) for f in report.failures] == [("bad.pdf", "not-a-pdf")]
    assert set(executor.yielded) == {*names, "bad.pdf"}
    assert set(executor.yielded.values()) == {1}  # every result handed to the writer once
    assert sorted(p.name for p in out.iterdir()) == sorted([SUMMARY_NAME, *(n.replace(".pdf", ".json") for n in names)])
    for name in names:
        document = json.loads((out / name.replace(".pdf", ".json")).read_text(encoding="utf-8"))
        assert contract_errors(document) == [] and document["file"] == name


def _busy_worker(client: "distributed.Client") -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        busy = [worker for worker, keys in client.processing().items() if keys]
        if busy:
            return busy[0]
        time.sleep(0.05)
    raise AssertionError("no worker is processing a task")
