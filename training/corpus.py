"""Labelled tables from a generated corpus, as the extractor's digital path reads them.

The team's generator writes ``<stem>.pdf`` with a ``<stem>.truth.json``; each
table the extractor finds is matched to the truth table that shares its
pages and most of its cell texts, and takes that table's label. A table that
matches nothing (a contents page drawn as a grid, a box of notes) is 其他:
exactly the tables the classifier must learn to leave alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from extractor.classify.features import normalise_text
from extractor.model import RawTable
from training.extract import pdf_tables

# Share of a found table's distinct cell texts that must occur in a truth table for the two to match.
_MIN_OVERLAP = 0.5
REPO = Path(__file__).resolve().parents[1]


@dataclass
class Example:
    raw: RawTable
    label: str
    kind: str | None
    document: str


def generate_corpus(out: Path, count: int, seed: int) -> list[Path]:
    """Run the generator (digital variant) and return the PDFs it wrote, in order."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "samples.generator", "--out", str(out), "--count", str(count), "--seed", str(seed),
         "--variants", "digital"],
        cwd=REPO, check=True,
    )
    return sorted(out.glob("*.pdf"))


def _cells(grid: list[list[str]]) -> set[str]:
    return {t for row in grid for c in row if (t := normalise_text(c))}


def match_label(raw: RawTable, truth_tables: list[dict]) -> str:
    """The type of the truth table this one was cut from, by shared pages, title and cell texts."""
    found = _cells(raw.grid)
    if not found:
        return "其他"
    title = normalise_text(raw.context.title or "")
    best, best_score = "其他", 0.0
    for t in truth_tables:
        if not set(raw.pages) & set(t["pages"]):
            continue
        truth_cells = _cells(t["grid"])
        shared = found & truth_cells
        if len(shared) < _MIN_OVERLAP * len(found):
            continue
        score = len(shared) / len(found | truth_cells) + (title != "" and title == normalise_text(t["title"]))
        if score > best_score:
            best, best_score = t["type"], score
    return best


def corpus_examples(pdfs: list[Path]) -> list[Example]:
    examples = []
    for pdf in pdfs:
        truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
        tables, _ = pdf_tables(pdf)
        kind = truth["document"]["kind"]
        examples.extend(Example(t, match_label(t, truth["tables"]), kind, pdf.stem) for t in tables)
    return examples
