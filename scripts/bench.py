"""Accuracy and speed of the extractor on a freshly generated corpus.

    .venv/bin/python scripts/bench.py [--count 20] [--seed 9001] [--variants digital,watermarked]

Generates a corpus with a seed the classifier was not trained on (training
uses seeds below 9000), extracts every document in this one process (one
core), scores the output with extractor.evaluation, and measures peak memory
of a separate ``extractor extract`` process on a 100-page PDF. Prints the
figures that go into the README and writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.errors import ExtractorError  # noqa: E402
from extractor.evaluation import evaluate_dirs  # noqa: E402
from extractor.evaluation.report import variant_of  # noqa: E402
from extractor.pipeline import ExtractOptions, extract_file  # noqa: E402


def generate(out: Path, count: int, seed: int, variants: str) -> None:
    cmd = [sys.executable, "-m", "samples.generator", "--out", str(out), "--count", str(count), "--seed", str(seed),
           "--variants", variants]
    subprocess.run(cmd, check=True, cwd=ROOT)


def extract_all(corpus: Path, out: Path) -> dict[str, dict[str, float]]:
    """Extract every PDF; seconds and pages per variant."""
    timing: dict[str, dict[str, float]] = defaultdict(lambda: {"seconds": 0.0, "pages": 0, "docs": 0, "failed": 0})
    out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(corpus.glob("*.pdf")):
        t = timing[variant_of(pdf.stem)]
        started = time.perf_counter()
        try:
            document = extract_file(pdf, ExtractOptions())
        except ExtractorError as exc:
            t["failed"] += 1
            print(f"  {pdf.name}: {exc.code}: {exc.message}", file=sys.stderr)
            continue
        t["seconds"] += time.perf_counter() - started
        t["pages"] += len(document["pages"])
        t["docs"] += 1
        (out / f"{pdf.stem}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return dict(timing)


def hundred_page_pdf(corpus: Path, dst: Path, variant: str) -> Path | None:
    import pikepdf

    sources = sorted(p for p in corpus.glob("*.pdf") if variant_of(p.stem) == variant)
    if not sources:
        return None
    merged = pikepdf.new()
    while len(merged.pages) < 100:
        for src in sources:
            with pikepdf.open(src) as pdf:
                for page in pdf.pages:
                    if len(merged.pages) < 100:
                        merged.pages.append(page)
    merged.save(dst)
    return dst


def peak_memory_mb(pdf: Path) -> tuple[float, float]:
    """Peak RSS (MB) and seconds of one ``extractor extract`` process."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([str(ROOT / ".venv" / "bin" / "extractor"), "extract", str(pdf), "-o", os.devnull], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20, help="documents in the corpus (the variants take turns)")
    parser.add_argument("--seed", type=int, default=9001)
    parser.add_argument("--variants", default="digital,watermarked")
    parser.add_argument("--work", type=Path, default=ROOT / "corpus" / "bench")
    parser.add_argument("--memory-variant", default="digital", help="variant of the 100-page memory test ('' to skip)")
    args = parser.parse_args()

    corpus, out = args.work / "corpus", args.work / "out"
    if not any(corpus.glob("*.pdf")):
        generate(corpus, args.count, args.seed, args.variants)
    timing = extract_all(corpus, out)
    report = evaluate_dirs(out, corpus)
    results: dict[str, object] = {"seed": args.seed, "count": args.count, "variants": {}}
    for variant, t in sorted(timing.items()):
        rate = t["pages"] / t["seconds"] if t["seconds"] else 0.0
        results["variants"][variant] = {**t, "pages_per_second": round(rate, 2)}  # type: ignore[index]
        print(f"speed {variant}: {t['docs']} docs, {t['pages']} pages in {t['seconds']:.1f} s = {rate:.1f} pages/s (1 core); failed {t['failed']}")
    if args.memory_variant:
        big = hundred_page_pdf(corpus, args.work / f"hundred-{args.memory_variant}.pdf", args.memory_variant)
        if big is not None:
            peak, seconds = peak_memory_mb(big)
            results["memory_100_pages"] = {"variant": args.memory_variant, "peak_rss_mb": round(peak, 1), "seconds": round(seconds, 1)}
            print(f"memory: 100-page {args.memory_variant} PDF: peak RSS {peak:.0f} MB, {seconds:.1f} s")
    results["accuracy"] = report.as_dict()
    for line in report.summary_lines():
        print(line)
    (args.work / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
