"""The ``mixed`` corpus variant: typed reports with garbled tables on some pages and pasted pictures of tables on others."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor.evaluation import score_document
from extractor.ingest.compose import IMAGE_TABLE
from extractor.ingest.triage import GARBLED
from extractor.pipeline import extract_file
from extractor.schema import contract_errors
from samples.generator.corpus import Job, generate

# Five pages: 预算01 runs from a pasted page onto a garbled one, 预算02 from that garbled page onto a pasted one.
MIXED = Job(3, 3, "预算", "shanxi", "mixed")
PAGES = 5


def _generated(job: Job, out: Path) -> tuple[Path, dict]:
    truth = generate(job, out, PAGES)
    return out / f"{job.stem}.pdf", truth


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    return _generated(MIXED, tmp_path_factory.mktemp("mixed"))


def _page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _damage(truth: dict) -> dict[str, set[int]]:
    return {code: {w["page"] for w in truth["warnings"] if w["code"] == code} for code in (GARBLED, IMAGE_TABLE)}


def test_a_mixed_document_follows_its_seed_and_keeps_the_digital_tables(mixed: tuple[Path, dict], tmp_path: Path) -> None:
    pdf, truth = mixed
    again, truth_again = _generated(MIXED, tmp_path / "again")
    assert again.read_bytes() == pdf.read_bytes() and truth_again == truth
    assert contract_errors(truth) == []
    assert json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8")) == truth

    digital_pdf, digital = _generated(Job(MIXED.index, MIXED.seed, MIXED.kind, MIXED.locality, "digital"), tmp_path / "digital")
    assert truth["tables"] == digital["tables"] and truth["document"] == digital["document"]
    damage = _damage(truth)
    assert damage[GARBLED] and damage[IMAGE_TABLE] and not damage[GARBLED] & damage[IMAGE_TABLE]
    damaged = damage[GARBLED] | damage[IMAGE_TABLE]
    assert {p["number"] for p in truth["pages"] if p["source"] == "mixed"} == damaged
    assert {p["source"] for p in truth["pages"] if p["number"] not in damaged} == {"text-layer"}
    # The layer changed on exactly the damaged pages: the degraders really did what the truth says.
    changed = {n for n, (a, b) in enumerate(zip(_page_texts(digital_pdf), _page_texts(pdf)), start=1) if a != b}
    assert changed == damaged


@pytest.mark.slow
def test_a_mixed_document_is_read_as_its_truth(mixed: tuple[Path, dict]) -> None:
    """Every damaged page is composed from its layer and OCR, with the warning its damage calls for; the rest skip OCR."""
    pdf, truth = mixed
    output = extract_file(pdf)
    assert {p["number"]: p["source"] for p in output["pages"]} == {p["number"]: p["source"] for p in truth["pages"]}
    assert _damage(output) == _damage(truth)
    metrics = score_document(output, truth).metrics()
    assert metrics["table_recall"] == 1.0 and metrics["type_accuracy"] == 1.0
    assert metrics["value_f1"] == 1.0
