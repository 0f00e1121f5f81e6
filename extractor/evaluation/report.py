"""Scoring a directory of outputs against a directory of truths, and printing it.

Output files are ``<stem>.json`` in the output directory, truths
``<stem>.truth.json`` in the truth directory; every truth is scored, and
outputs without a truth are ignored. The variant of a document is read from
its stem (``variant_of``): a known variant name among its '-'-separated
parts, else the part after the last '-', else ``unknown``.

A truth that cannot be read or breaks the contract stops the run with an
InputFileError: the benchmark itself is broken. An output that is missing,
unreadable or breaks the contract scores as an empty output, and the reason
is shown on its document's line, so one failed extraction never hides the rest.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from extractor.errors import InputFileError
from extractor.evaluation.metrics import DocScore, Scores, score_document
from extractor.schema import SCHEMA_ID, contract_errors

TRUTH_SUFFIX = ".truth.json"
OUTPUT_SUFFIX = ".json"
UNKNOWN_VARIANT = "unknown"
# The variants the corpus generator makes (samples/generator/corpus.py VARIANTS).
KNOWN_VARIANTS = frozenset({"digital", "watermarked", "scanned", "garbled", "mixed"})


def empty_output() -> dict[str, Any]:
    """What a missing output counts as: nothing found."""
    return {
        "schema": SCHEMA_ID,
        "document": {"organization": None, "year": None, "kind": None, "unit": None},
        "tables": [],
    }


def variant_of(stem: str) -> str:
    """The variant a file name states.

    The generator's names hold it among other '-'-separated parts
    (``0003-shanghai-juesuan-scanned-103``, ``...-digital-blank-107``), so a
    known variant name anywhere wins (the last one, if several); otherwise
    the part after the last '-' when it has letters (``d0007-scanned``).
    """
    parts = stem.split("-")[1:]
    known = [part for part in parts if part in KNOWN_VARIANTS]
    if known:
        return known[-1]
    if parts and any(ch.isalpha() for ch in parts[-1]):
        return parts[-1]
    return UNKNOWN_VARIANT


@dataclass
class Report:
    documents: dict[str, DocScore]  # by stem, in name order

    def by_variant(self) -> dict[str, Scores]:
        pooled: dict[str, Scores] = {}
        for stem, doc in self.documents.items():
            variant = variant_of(stem)
            pooled[variant] = pooled.get(variant, Scores()) + doc.scores
        return dict(sorted(pooled.items()))

    def overall(self) -> Scores:
        return sum((doc.scores for doc in self.documents.values()), Scores())

    def type_confusion(self) -> dict[str, dict[str, int]]:
        """For each truth type, how often its tables came out as each type ("" = not found)."""
        confusion: dict[str, Counter[str]] = defaultdict(Counter)
        for doc in self.documents.values():
            for truth_type, output_type in doc.type_pairs:
                confusion[truth_type][output_type or ""] += 1
        return {t: dict(confusion[t].most_common()) for t in sorted(confusion)}

    def summary_lines(self) -> list[str]:
        """One line per document, one per variant, and the overall line last."""
        lines = []
        for stem, doc in self.documents.items():
            line = summary_line(stem, doc.scores)
            if doc.spurious:
                line += f" spurious_ids={','.join(doc.spurious)}"
            if doc.problems:
                line += f" ({'; '.join(doc.problems)})"
            lines.append(line)
        lines += [summary_line(f"variant {name}", scores) for name, scores in self.by_variant().items()]
        lines.append(summary_line("overall", self.overall()))
        return lines

    def as_dict(self) -> dict[str, Any]:
        """Every number of the report, for machines (``evaluate.py --json``)."""
        return {
            "overall": _scores_dict(self.overall()),
            "variants": {name: _scores_dict(scores) for name, scores in self.by_variant().items()},
            "type_confusion": self.type_confusion(),
            "documents": {
                stem: {
                    "variant": variant_of(stem),
                    **_scores_dict(doc.scores),
                    "matches": [asdict(m) for m in doc.matches],
                    "spurious": doc.spurious,
                    "problems": doc.problems,
                }
                for stem, doc in self.documents.items()
            },
        }


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _read_truth(path: Path) -> dict[str, Any]:
    try:
        truth = _load_json(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(f"cannot read truth file {path}: {exc}") from exc
    errors = contract_errors(truth) if isinstance(truth, dict) else ["<root>: not a JSON object"]
    if errors:
        raise InputFileError(f"truth file {path} breaks the contract: {'; '.join(errors[:3])}")
    return truth


def _read_output(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The output document, or an empty one and why."""
    if not path.is_file():
        return empty_output(), ["missing output"]
    try:
        output = _load_json(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return empty_output(), [f"unreadable output: {exc}"]
    errors = contract_errors(output) if isinstance(output, dict) else ["<root>: not a JSON object"]
    if errors:
        return empty_output(), [f"output breaks the contract ({len(errors)} errors), first: {errors[0]}"]
    return output, []


def evaluate_dirs(out_dir: str | Path, truth_dir: str | Path) -> Report:
    """Score every ``<stem>.truth.json`` in truth_dir against ``<stem>.json`` in out_dir."""
    out_dir, truth_dir = Path(out_dir), Path(truth_dir)
    for directory in (out_dir, truth_dir):
        if not directory.is_dir():
            raise InputFileError(f"not a directory: {directory}")
    truth_paths = sorted(truth_dir.glob(f"*{TRUTH_SUFFIX}"))
    if not truth_paths:
        raise InputFileError(f"no *{TRUTH_SUFFIX} files in {truth_dir}")
    documents: dict[str, DocScore] = {}
    for truth_path in truth_paths:
        stem = truth_path.name[: -len(TRUTH_SUFFIX)]
        output, problems = _read_output(out_dir / f"{stem}{OUTPUT_SUFFIX}")
        score = score_document(output, _read_truth(truth_path))
        score.problems.extend(problems)
        documents[stem] = score
    return Report(documents)


def _format_metric(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def summary_line(label: str, scores: Scores) -> str:
    metrics = " ".join(f"{name}={_format_metric(value)}" for name, value in scores.metrics().items())
    return f"{label}: docs={scores.docs} {metrics}"


def _scores_dict(scores: Scores) -> dict[str, Any]:
    return {"metrics": scores.metrics(), "counts": asdict(scores)}
