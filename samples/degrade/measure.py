"""Measure the text-layer triage on PDFs and garbled copies of them: detection and false-positive rates.

    python -m samples.degrade.measure [--seeds 3] FILE.pdf ...

Every page of the given PDFs counts as trustworthy; so does every page a
garbled copy left alone. Pages the garbler reports are the positives, per
kind. A bad invisible OCR layer counts as caught by the statistics alone only
when the verdict asks for a spot-check (the spot-check itself needs OCR).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from extractor.ingest.text_layer import read_page
from extractor.ingest.triage import GARBLED, NO_TEXT, TextLayerVerdict, assess_text_layer
from samples.degrade.garble import KINDS, garble_pdf


def judge(path: Path) -> list[tuple[TextLayerVerdict, bool]]:
    """Per page: the verdict, and whether the page has any text at all."""
    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for index in range(len(doc)):
            content = read_page(doc[index])
            text = "".join(s.text for s in content.spans)
            verdict = assess_text_layer(
                text, page_has_images=content.image_coverage > 0, image_coverage=content.image_coverage
            )
            out.append((verdict, bool(text.strip())))
        return out
    finally:
        doc.close()


def measure(pdfs: list[Path], seeds: int) -> Counter[str]:
    counts: Counter[str] = Counter()

    def negatives(verdicts: list[tuple[TextLayerVerdict, bool]], skip: set[int]) -> None:
        for number, (verdict, has_text) in enumerate(verdicts, 1):
            if number in skip or (not has_text and verdict.reason == NO_TEXT):
                continue
            counts["clean pages"] += 1
            counts["false positives"] += not verdict.trusted

    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            negatives(judge(pdf), set())
            for kind in KINDS:
                for seed in range(seeds):
                    copy = Path(tmp) / f"{pdf.stem}-{kind}-{seed}.pdf"
                    garbled = garble_pdf(pdf, copy, seed, kinds=(kind,))
                    verdicts = judge(copy)
                    negatives(verdicts, set(garbled))
                    for number in garbled:
                        verdict = verdicts[number - 1][0]
                        counts[f"{kind} pages"] += 1
                        caught = verdict.reason == GARBLED or (kind == "bad-ocr" and verdict.needs_spot_check)
                        counts[f"{kind} caught"] += caught
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--seeds", type=int, default=3, help="garbled copies per kind and file")
    args = parser.parse_args(argv)
    counts = measure(args.pdfs, args.seeds)
    clean = counts["clean pages"]
    print(f"false positives: {counts['false positives']}/{clean} clean pages")
    for kind in KINDS:
        total = counts[f"{kind} pages"]
        print(f"{kind:12s} caught {counts[f'{kind} caught']}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
