"""Generate a corpus of synthetic reports with truth files.

    python -m samples.generator --out DIR --count N --seed S \
        [--variants digital,watermarked,scanned,garbled,mixed] [--kinds 决算,预算] [--pages-max K]

Writes ``<stem>.pdf`` and ``<stem>.truth.json`` per document and prints the
throughput at the end. Variants, kinds and localities rotate so any run of a
few documents is already mixed; each document's own seed comes from the run
seed and its index, so one document can be regenerated alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from extractor.errors import ExtractorError, MissingDependencyError, OutputError
from samples.generator.corpus import DEGRADED, KINDS, LOCALITIES, VARIANTS, degrader, generate, plan

def _choices(allowed: tuple[str, ...]) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        values = [v.strip() for v in text.split(",") if v.strip()]
        unknown = [v for v in values if v not in allowed]
        if unknown or not values:
            raise argparse.ArgumentTypeError(f"choose from {','.join(allowed)} (got {text!r})")
        return values

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for <stem>.pdf and <stem>.truth.json")
    parser.add_argument("--count", type=int, required=True, help="number of documents")
    parser.add_argument("--seed", type=int, required=True, help="run seed: same seed, same files")
    parser.add_argument("--variants", type=_choices(VARIANTS), default=["digital"], help="comma list of " + ",".join(VARIANTS))
    parser.add_argument("--kinds", type=_choices(KINDS), default=list(KINDS), help="comma list of 决算,预算")
    parser.add_argument("--localities", type=_choices(LOCALITIES), default=list(LOCALITIES))
    parser.add_argument("--pages-max", type=int, default=None, help="drop trailing sections beyond this many pages")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.count < 1 or (args.pages_max is not None and args.pages_max < 1):
        print("error: --count and --pages-max must be positive", file=sys.stderr)
        return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"error: {OutputError(f'cannot create {args.out}: {exc}').message}", file=sys.stderr)
        return OutputError.exit_code
    jobs = plan(args.count, args.seed, args.variants, args.kinds, args.localities)
    unavailable = set()
    for variant in sorted(set(args.variants) & set(DEGRADED)):
        try:
            degrader(variant)
        except MissingDependencyError as exc:
            unavailable.add(variant)
            print(f"error: {exc.message}; skipping the {variant} documents", file=sys.stderr)
    tally: dict[str, list[float]] = {}  # variant -> [documents, pages, seconds]
    failed = 0
    for job in jobs:
        if job.variant in unavailable:
            failed += 1
            continue
        started = time.perf_counter()
        try:
            truth = generate(job, args.out, args.pages_max)
        except ExtractorError as exc:
            print(f"error: {job.stem}: {exc.message}", file=sys.stderr)
            failed += 1
            continue
        counts = tally.setdefault(job.variant, [0, 0, 0.0])
        counts[0] += 1
        counts[1] += len(truth["pages"])
        counts[2] += time.perf_counter() - started
    for variant, counts in tally.items():
        print("  " + _rate(variant, *counts))
    total = [sum(counts[i] for counts in tally.values()) for i in range(3)]
    print(_rate("all", *total) + (f"; {failed} not generated" if failed else ""))
    return 1 if failed else 0


def _rate(label: str, documents: float, pages: float, seconds: float) -> str:
    seconds = max(seconds, 1e-9)
    return (f"{label}: {documents:.0f} documents, {pages:.0f} pages in {seconds:.1f} s: "
            f"{documents / seconds:.2f} documents/s, {pages / seconds:.1f} pages/s ({pages * 60 / seconds:.0f} pages/min)")


if __name__ == "__main__":
    sys.exit(main())
