"""Batch throughput with one worker process against N: is scale-out real?

    .venv/bin/python scripts/bench_batch.py [--files 16 --pages 4 --workers 2]
    .venv/bin/python scripts/bench_batch.py --source 'samples/fixtures/*.pdf' --repeat 3

Runs the same batch (generated born-digital PDFs unless --source is given)
with a 1-process pool and an N-process pool, into fresh output folders, and
prints wall time, pages per second and the speed-up. Pool start-up (process
spawn, imports) is included: it is what a user waits for too.
"""

from __future__ import annotations

import argparse
import glob
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from extractor.batch.pool import LocalExecutor  # noqa: E402
from extractor.batch.runner import BatchConfig, BatchReport, run_batch  # noqa: E402
from extractor.batch.work import PipelineExtract  # noqa: E402
from extractor.pipeline import ExtractOptions  # noqa: E402


def timed_batch(source: str, out: Path, workers: int, ocr: str) -> tuple[BatchReport, float, float]:
    """The report, wall seconds and the CPU seconds the worker processes used."""
    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    executor = LocalExecutor(PipelineExtract(ExtractOptions(ocr=ocr)), workers)  # type: ignore[arg-type]
    report = run_batch(BatchConfig(source, out, show_progress=False), executor)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return report, time.perf_counter() - started, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", help="glob of PDFs (default: generate --files PDFs)")
    parser.add_argument("--repeat", type=int, default=1, help="with --source: copies of each file, to amortise start-up")
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ocr", choices=("auto", "always", "never"), default="auto")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        if args.source:
            for path in map(Path, sorted(glob.glob(args.source))):
                for copy in range(args.repeat):
                    shutil.copyfile(path, root / "in" / f"{path.stem}-{copy}.pdf")
        else:
            from pdf_factory import budget_pdf

            for i in range(args.files):
                budget_pdf(root / "in" / f"doc{i:03d}.pdf", pages=args.pages, variant=i)
        source = str(root / "in")
        rates = {}
        for workers in (1, args.workers):
            load = os.getloadavg()[0]
            report, seconds, cpu = timed_batch(source, root / f"out{workers}", workers, args.ocr)
            rates[workers] = report.pages / seconds
            # Load average and the cores the workers actually got show how much
            # of the machine other processes took: on a shared machine the
            # speed-up measures contention as much as the code.
            print(f"{workers} worker(s): {report.extracted} files, {report.pages} pages, {len(report.failures)} failed, "
                  f"{seconds:.1f} s, {rates[workers]:.2f} pages/s; workers used {cpu / seconds:.2f} cores "
                  f"({cpu:.1f} CPU s); load average before {load:.1f}")
            for failure in report.failures[:3]:
                print(f"  failed: {failure['file']}: {failure['code']}: {failure['message']}")
        print(f"speed-up with {args.workers} workers: {rates[args.workers] / rates[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
