"""Accuracy and speed of the extractor on a freshly generated corpus.

    .venv/bin/python scripts/bench.py [--count 20] [--seed 9001] [--variants digital,watermarked]

Generates a corpus with a seed the classifier was not trained on (training
uses seeds below 9000), extracts every document in this one process (a text
layer is read on one core; OCR runs on two threads), scores the output with
extractor.evaluation, and measures peak memory of a separate ``extractor
extract`` process on a 100-page PDF. Prints the
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
from extractor.evaluation.facts import table_value_facts  # noqa: E402
from extractor.evaluation.matching import match_tables  # noqa: E402
from extractor.evaluation.report import variant_of  # noqa: E402
from extractor.ingest.compose import IMAGE_TABLE  # noqa: E402
from extractor.pipeline import ExtractOptions, extract_file  # noqa: E402


def generate(out: Path, count: int, seed: int, variants: str, pages_max: int | None) -> None:
    cmd = [sys.executable, "-m", "samples.generator", "--out", str(out), "--count", str(count), "--seed", str(seed),
           "--variants", variants]
    if pages_max:
        cmd += ["--pages-max", str(pages_max)]
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


# Warnings that tell the user a number on that page may be wrong.
DOUBT_CODES = {"low-confidence", "ocr-alternative", "ocr-ambiguous-repair", "not-a-number", "merged-amount-cell", "column-rule-missing",
               "line-misread"}


def audit(out_dir: Path, truth_dir: Path) -> dict[str, dict[str, int]]:
    """Per variant: wrong numbers that carry no warning, garbled pages left unread by OCR, and partly damaged pages.

    A wrong number is an output record/form number with no partner in the
    matched truth table; it is flagged when its table has a failed check or
    a doubt warning on one of its pages.
    """
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for truth_path in sorted(truth_dir.glob("*.truth.json")):
        stem = truth_path.name[: -len(".truth.json")]
        out_path = out_dir / f"{stem}.json"
        if not out_path.exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        output = json.loads(out_path.read_text(encoding="utf-8"))
        t = totals[variant_of(stem)]
        doubted_pages = {w["page"] for w in output["warnings"] if w["code"] in DOUBT_CODES}
        for pair in match_tables(truth["tables"], output["tables"]):
            mine, theirs = output["tables"][pair.output], truth["tables"][pair.truth]
            facts = table_value_facts(mine, None)
            wrong = len(facts) - facts.matched(table_value_facts(theirs, None))
            if not wrong:
                continue
            flagged = any(c["status"] == "fail" for c in mine["checks"]) or bool(doubted_pages & set(mine["pages"]))
            t["wrong_numbers"] += wrong
            t["wrong_unflagged"] += 0 if flagged else wrong
        garbled = {w["page"] for w in truth["warnings"] if w["code"] == "garbled-text-layer"}
        by_number = {p["number"]: p["source"] for p in output["pages"]}
        t["garbled_pages"] += len(garbled)
        # Detected: read by OCR whole, or mixed (its garbled tables replaced by OCR, the rest of its layer verified).
        t["garbled_detected"] += sum(1 for n in garbled if by_number.get(n) in ("ocr", "mixed"))
        t["garbled_mixed"] += sum(1 for n in garbled if by_number.get(n) == "mixed")
        _audit_partly_damaged(t, truth, by_number)
    return {k: dict(v) for k, v in totals.items()}


def _audit_partly_damaged(t: dict[str, int], truth: dict, by_number: dict[int, str]) -> None:
    """Pages the truth says hold a garbled or pasted table (source ``mixed``): how the extractor read them.

    Such a page read from its text layer alone let garbled text or a missing
    table through; a page the truth keeps as text-layer that was OCR'd cost time.
    """
    damaged = {p["number"] for p in truth["pages"] if p["source"] == "mixed"}
    pasted = {w["page"] for w in truth["warnings"] if w["code"] == IMAGE_TABLE}
    t["mixed_pages"] += len(damaged)
    for n in damaged:
        read_as = by_number.get(n)
        if read_as in ("mixed", "ocr"):
            t[f"mixed_read_{read_as}"] += 1
        else:  # left as text-layer (or missing from the output)
            t["mixed_missed_pasted" if n in pasted else "mixed_missed_garbled"] += 1
    clean = [p["number"] for p in truth["pages"] if p["source"] == "text-layer"]
    t["clean_pages"] += len(clean)
    t["clean_not_text_layer"] += sum(1 for n in clean if by_number.get(n, "text-layer") != "text-layer")


def ocr_table_page_seconds(out_dir: Path) -> dict[str, dict[str, float]]:
    """Per variant: seconds of the pages read by OCR (wholly or in part) that carry a table.

    The issue's speed target is per scanned table page; whole-document rates
    above also count prose pages and the engines' loading.
    """
    seconds: dict[str, list[float]] = defaultdict(list)
    for path in sorted(out_dir.glob("*.json")):
        if path.name == "bench.json":
            continue
        output = json.loads(path.read_text(encoding="utf-8"))
        with_tables = {n for table in output["tables"] for n in table["pages"]}
        seconds[variant_of(path.stem)] += [
            p["seconds"] for p in output["pages"] if p["source"] != "text-layer" and p["number"] in with_tables
        ]
    out = {}
    for variant, values in seconds.items():
        if values:
            ordered = sorted(values)
            out[variant] = {"pages": len(ordered), "median": round(ordered[len(ordered) // 2], 2),
                            "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 2), "max": round(ordered[-1], 2)}
    return out


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
    parser.add_argument("--pages-max", type=int, help="cut generated documents to at most this many pages (OCR runs)")
    parser.add_argument("--skip-extract", action="store_true", help="score the outputs already in WORK/out")
    parser.add_argument("--work", type=Path, default=ROOT / "corpus" / "bench")
    parser.add_argument("--memory-variant", default="digital", help="variant of the 100-page memory test ('' to skip)")
    args = parser.parse_args()

    corpus, out = args.work / "corpus", args.work / "out"
    if not any(corpus.glob("*.pdf")):
        generate(corpus, args.count, args.seed, args.variants, args.pages_max)
    if not args.skip_extract or not any(out.glob("*.json")):
        timing = extract_all(corpus, out)
    else:
        timing = {}
    report = evaluate_dirs(out, corpus)
    results: dict[str, object] = {"seed": args.seed, "count": args.count, "variants": {}}
    for variant, t in sorted(timing.items()):
        rate = t["pages"] / t["seconds"] if t["seconds"] else 0.0
        results["variants"][variant] = {**t, "pages_per_second": round(rate, 2)}  # type: ignore[index]
        print(f"speed {variant}: {t['docs']} docs, {t['pages']} pages in {t['seconds']:.1f} s = {rate:.1f} pages/s (one process: text on one core, OCR on two threads); failed {t['failed']}")
    if args.memory_variant:
        big = hundred_page_pdf(corpus, args.work / f"hundred-{args.memory_variant}.pdf", args.memory_variant)
        if big is not None:
            peak, seconds = peak_memory_mb(big)
            results["memory_100_pages"] = {"variant": args.memory_variant, "peak_rss_mb": round(peak, 1), "seconds": round(seconds, 1)}
            print(f"memory: 100-page {args.memory_variant} PDF: peak RSS {peak:.0f} MB, {seconds:.1f} s")
    results["ocr_table_pages"] = ocr_table_page_seconds(out)
    for variant, t in sorted(results["ocr_table_pages"].items()):  # type: ignore[union-attr]
        print(f"OCR'd table pages {variant}: {t['pages']} pages, median {t['median']} s, p90 {t['p90']} s, max {t['max']} s (one process, OCR on two threads)")
    results["accuracy"] = report.as_dict()
    results["audit"] = audit(out, corpus)
    for variant, a in sorted(results["audit"].items()):  # type: ignore[union-attr]
        print(f"audit {variant}: wrong numbers {a.get('wrong_numbers', 0)}, of which unflagged {a.get('wrong_unflagged', 0)}; "
              f"garbled pages detected {a.get('garbled_detected', 0)}/{a.get('garbled_pages', 0)} "
              f"({a.get('garbled_mixed', 0)} of them mixed)")
        if a.get("mixed_pages"):
            missed_garbled, missed_pasted = a.get("mixed_missed_garbled", 0), a.get("mixed_missed_pasted", 0)
            print(f"audit {variant} partly damaged pages: read as mixed {a.get('mixed_read_mixed', 0)}, "
                  f"ocr {a.get('mixed_read_ocr', 0)}, text-layer {missed_garbled + missed_pasted} of {a['mixed_pages']} "
                  f"({missed_garbled} with a garbled table, {missed_pasted} with a pasted one); "
                  f"undamaged pages not read as text-layer {a.get('clean_not_text_layer', 0)}/{a.get('clean_pages', 0)}")
    for line in report.summary_lines():
        print(line)
    (args.work / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
