"""End to end: PDF in, contract JSON out, on the committed fixtures and the real reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.evaluation import score_document
from extractor.pipeline import ExtractOptions, extract_file
from extractor.schema import contract_errors

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "samples" / "fixtures").glob("*.pdf"))
BORN_DIGITAL = [p for p in FIXTURES if "-digital-" in p.name or "-watermarked-" in p.name]
JUESUAN_TYPES = ["公开01", "公开02", "公开03", "公开04", "公开05", "公开06", "公开09", "公开07", "公开08"]


@pytest.fixture(scope="module")
def putuo(realdocs: Path) -> dict:
    return extract_file(realdocs / "shanghai-putuo-caizhengju-2024-juesuan.pdf", ExtractOptions(ocr="never"))


def _records(document: dict, label: str) -> list[dict]:
    return next(t for t in document["tables"] if t["type"] == label)["records"]


@pytest.mark.parametrize("pdf", BORN_DIGITAL, ids=lambda p: p.stem)
def test_born_digital_fixture_is_exact(pdf: Path) -> None:
    output = extract_file(pdf)
    assert contract_errors(output) == []
    truth = json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))
    metrics = score_document(output, truth).metrics()
    assert metrics["table_recall"] == 1.0
    assert metrics["type_accuracy"] == 1.0
    assert metrics["doc_meta_accuracy"] == 1.0
    assert metrics["value_f1"] in (None, 1.0)
    assert all(p["source"] == "text-layer" for p in output["pages"])


def test_shanghai_final_accounts_all_tables_exact(putuo: dict) -> None:
    assert putuo["document"] == {"organization": "上海市普陀区财政局", "year": 2024, "kind": "决算", "unit": "万元"}
    labelled = [t["type"] for t in putuo["tables"] if t["type"] != "其他"]
    assert labelled == JUESUAN_TYPES
    income = _records(putuo, "公开02")
    row = next(r for r in income if r["code"] == "2010601")
    assert row["item"] == "行政运行" and row["values"] == [1511.90, 1511.89, None, None, None, None, 0.01]
    summary = _records(putuo, "公开01")
    assert {"side": "收入", "item": "总计", "values": [2995.39]}.items() <= next(
        r for r in summary if r["item"] == "总计" and r["side"] == "收入").items()
    detail = _records(putuo, "公开06")
    assert next(r for r in detail if r["code"] == "30102")["values"] == [1238.58]
    assert next(r for r in detail if r["item"] == "公用经费合计")["values"] == [184.65]
    checks = [c for t in putuo["tables"] for c in t["checks"]]
    assert checks and not [c for c in checks if c["status"] == "fail"]


def test_every_printed_number_is_in_the_output(putuo: dict, realdocs: Path) -> None:
    """Each amount printed in a table cell comes out as a record or form value, exactly."""
    printed = [cell for t in putuo["tables"] if t["type"] != "其他" for row in t["grid"] for cell in row
               if cell.replace(",", "").replace(".", "", 1).isdigit() and "." in cell]
    values = {v for t in putuo["tables"] for r in t["records"] for v in r["values"] if v is not None}
    missing = {c for c in printed if float(c.replace(",", "")) not in values}
    assert not missing


def test_blank_template_gives_tables_with_null_values(realdocs: Path) -> None:
    output = extract_file(realdocs / "shanghai-juesuan-template-blank.pdf")
    labelled = [t["type"] for t in output["tables"] if t["type"] != "其他"]
    assert labelled == JUESUAN_TYPES
    assert all(v is None for t in output["tables"] for r in t["records"] for v in r["values"])
    assert not [c for t in output["tables"] for c in t["checks"] if c["status"] == "fail"]


def test_jiangsu_budget_is_labelled_as_budget(realdocs: Path) -> None:
    output = extract_file(realdocs / "jiangsu-renda-2018-yusuan.pdf")
    assert output["document"]["kind"] == "预算"
    assert output["document"]["year"] == 2018
    labels = [t["type"] for t in output["tables"]]
    assert labels and not any(label.startswith("公开") for label in labels)
    assert sum(label.startswith("预算") for label in labels) >= 6


def test_cli_extract_and_exit_codes(tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "extractor.cli"]
    out = tmp_path / "out.json"
    done = subprocess.run([*exe, "extract", str(BORN_DIGITAL[0]), "-o", str(out), "--summary"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "budget-tables/1"
    assert "tables:" in done.stderr
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    done = subprocess.run([*exe, "extract", str(bad)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3 and "not a PDF" in done.stderr
