"""``extractor batch``: extract every PDF of a folder or glob, in parallel, resumably."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from extractor.batch.exports import FORMATS
from extractor.batch.runner import SUMMARY_NAME, BatchConfig, run_batch
from extractor.batch.tasks import Executor
from extractor.batch.work import PipelineExtract
from extractor.commands.options import add_extract_options, extract_options, positive_int

CLUSTER_ENV = "EXTRACTOR_CLUSTER"


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = sub.add_parser(
        "batch",
        help="extract many PDFs (resumable, parallel, optionally on a Dask cluster)",
        description="Extract every PDF under IN into OUT_DIR, one JSON per PDF. Files whose output is "
        "up to date (same sha256) are skipped, so an interrupted batch resumes where it stopped. "
        f"Failures are listed in OUT_DIR/{SUMMARY_NAME}; the exit code is 1 when any file failed.",
    )
    parser.add_argument("source", metavar="IN", help="a folder (searched recursively) or a glob such as 'reports/**/*.pdf'")
    parser.add_argument("-o", "--out", dest="out_dir", required=True, metavar="OUT_DIR", help="output folder")
    parser.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1,
                        help="local worker processes (default: one per core)")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="json: one JSON per PDF; csv / xlsx: also one value-per-row sheet per PDF")
    parser.add_argument("--sqlite", metavar="FILE", help="also load every result into this SQLite database")
    parser.add_argument("--cluster", default=os.environ.get(CLUSTER_ENV), metavar="tcp://HOST:8786",
                        help=f"run on this Dask scheduler instead of local processes (default: ${CLUSTER_ENV})")
    parser.add_argument("--force", action="store_true",
                        help="extract every file again, even those whose output is up to date (e.g. after changing --ocr)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    add_extract_options(parser, max_bytes=None, max_pages=None)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = BatchConfig(
        source=args.source,
        out_dir=Path(args.out_dir),
        format=args.format,
        sqlite=Path(args.sqlite) if args.sqlite else None,
        show_progress=not args.no_progress,
        force=args.force,
    )
    report = run_batch(config, _executor(args))
    print(
        f"{report.files} files: {report.extracted} extracted, {report.skipped} up to date, "
        f"{len(report.failures)} failed ({report.pages} pages, {report.seconds:.1f} s); "
        f"summary in {config.out_dir / SUMMARY_NAME}",
        file=sys.stderr,
    )
    return report.exit_code


def _executor(args: argparse.Namespace) -> Executor:
    extract = PipelineExtract(extract_options(args))
    if args.cluster:
        from extractor.batch.dask_executor import DaskExecutor

        return DaskExecutor(args.cluster, extract)
    from extractor.batch.pool import LocalExecutor

    return LocalExecutor(extract, args.workers)
