"""``extractor batch``: outputs, failures, resume, exports, worker crashes."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest
from pdf_factory import budget_pdf, text_file, truncated_pdf

from extractor.batch.discover import find_inputs
from extractor.batch.exports import COLUMNS, value_rows
from extractor.batch.pool import LocalExecutor
from extractor.batch.runner import SUMMARY_NAME, BatchConfig, run_batch
from extractor.batch.work import PipelineExtract, Progress
from extractor.cli import main
from extractor.pipeline import ExtractOptions
from extractor.schema import contract_errors


def _inputs(folder: Path) -> Path:
    (folder / "2024").mkdir(parents=True)
    budget_pdf(folder / "a.pdf", pages=2, variant=1)
    budget_pdf(folder / "2024" / "b.pdf", pages=1, variant=2)
    good = budget_pdf(folder / "2024" / "a.pdf", pages=1, variant=3)  # same stem as ../a.pdf
    text_file(folder / "notes.pdf")
    truncated_pdf(folder / "cut.pdf", good)
    return folder


def _summary(out: Path) -> dict:
    return json.loads((out / SUMMARY_NAME).read_text(encoding="utf-8"))


@pytest.mark.slow
def test_batch_writes_outputs_reports_failures_and_resumes(tmp_path: Path) -> None:
    source, out, db = _inputs(tmp_path / "in"), tmp_path / "out", tmp_path / "all.sqlite"
    argv = ["batch", str(source), "-o", str(out), "--workers", "2", "--format", "csv", "--sqlite", str(db),
            "--ocr", "never", "--no-progress"]

    assert main(argv) == 1  # two bad files among five

    summary = _summary(out)
    assert (summary["files"], summary["extracted"], summary["failed"]) == (5, 3, 2)
    assert {(f["file"], f["code"]) for f in summary["failures"]} == {("notes.pdf", "not-a-pdf"), ("cut.pdf", "corrupt-pdf")}
    assert all(f["message"] for f in summary["failures"])
    outputs = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert outputs == {SUMMARY_NAME, "a.json", "a.csv", "2024/a.json", "2024/a.csv", "2024/b.json", "2024/b.csv"}
    for name in ("a", "2024/a", "2024/b"):
        document = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert contract_errors(document) == []
        assert document["file"] == f"{name}.pdf"
        with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == COLUMNS
        assert len(rows) - 1 == len(list(value_rows(document)))
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
        csv_rows = sum(len(list(value_rows(json.loads(p.read_text(encoding="utf-8"))))) for p in out.rglob("*.json")
                       if p.name != SUMMARY_NAME)
        assert con.execute("SELECT COUNT(*) FROM record_values").fetchone()[0] == csv_rows

    # Resume: nothing up to date is extracted (or rewritten) again; the bad files are retried.
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.json") if p.name != SUMMARY_NAME}
    assert main(argv) == 1
    summary = _summary(out)
    assert (summary["skipped"], summary["extracted"], summary["failed"]) == (3, 0, 2)
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps

    # A changed input is extracted again; a fixed one too; exit code 0 once nothing fails.
    budget_pdf(source / "2024" / "b.pdf", pages=1, variant=7)
    (source / "notes.pdf").unlink()
    (source / "cut.pdf").unlink()
    assert main(argv) == 0
    summary = _summary(out)
    assert (summary["files"], summary["skipped"], summary["extracted"], summary["failed"]) == (3, 2, 1, 0)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3


def test_resume_writes_a_newly_asked_format_from_the_existing_json(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    budget_pdf(source / "r.pdf", pages=1)
    assert main(["batch", str(source / "*.pdf"), "-o", str(out), "--workers", "1", "--ocr", "never", "--no-progress"]) == 0
    assert main(["batch", str(source / "*.pdf"), "-o", str(out), "--workers", "1", "--ocr", "never",
                 "--format", "xlsx", "--no-progress"]) == 0
    assert _summary(out)["skipped"] == 1
    from openpyxl import load_workbook

    sheet = load_workbook(out / "r.xlsx", read_only=True)["values"]
    rows = list(sheet.iter_rows(values_only=True))
    document = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert rows[0] == COLUMNS
    assert len(rows) - 1 == len(list(value_rows(document)))

    assert main(["batch", str(source / "*.pdf"), "-o", str(out), "--workers", "1", "--ocr", "never",
                 "--force", "--no-progress"]) == 0
    assert (_summary(out)["skipped"], _summary(out)["extracted"]) == (0, 1)


def test_no_inputs_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "*.pdf"), "-o", str(tmp_path / "out")]) == 2
    assert "no PDF files found" in capsys.readouterr().err


def test_inputs_are_named_by_their_path_below_the_root(tmp_path: Path) -> None:
    for name in ("x/1.pdf", "x/y/2.PDF", "x/skip.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"%PDF-")
    assert [i.name for i in find_inputs(str(tmp_path / "x"))] == ["1.pdf", "y/2.PDF"]
    assert [i.name for i in find_inputs(str(tmp_path / "x" / "**" / "*.pdf"))] == ["1.pdf"]


def test_value_rows_name_each_amount_by_its_column() -> None:
    document = {"file": "d.pdf", "tables": [{
        "id": "t1", "type": "公开01",
        "columns": {"收入": ["金额"], "支出": ["金额", "上年数"]},
        "records": [
            {"side": "收入", "code": None, "line": 1, "item": "财政拨款收入", "group": None, "values": [10.5]},
            {"side": "支出", "code": "201", "line": 2, "item": "一般公共服务支出", "group": None, "values": [3, None]},
        ],
    }]}
    assert list(value_rows(document)) == [
        ("d.pdf", "t1", "公开01", 0, "收入", None, 1, "财政拨款收入", None, 0, "金额", 10.5),
        ("d.pdf", "t1", "公开01", 1, "支出", "201", 2, "一般公共服务支出", None, 0, "金额", 3),
        ("d.pdf", "t1", "公开01", 1, "支出", "201", 2, "一般公共服务支出", None, 1, "上年数", None),
    ]


def crash_on_poison(path: Path, name: str, progress: Progress) -> dict:
    """Extracts normally, except that a file named poison* kills its worker
    process outright, as an out-of-memory kill would."""
    if name.startswith("poison"):
        os._exit(137)
    return PipelineExtract(ExtractOptions(ocr="never"))(path, name, progress)


@pytest.mark.slow
def test_a_worker_process_dying_fails_only_its_file(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for i in range(3):
        budget_pdf(source / f"ok{i}.pdf", pages=1, variant=i)
    budget_pdf(source / "poison.pdf", pages=1, variant=9)

    report = run_batch(BatchConfig(str(source), out, show_progress=False), LocalExecutor(crash_on_poison, 2))

    assert report.extracted == 3
    assert [(f["file"], f["code"]) for f in report.failures] == [("poison.pdf", "worker-died")]
    assert sorted(p.name for p in out.glob("*.json")) == [SUMMARY_NAME, "ok0.json", "ok1.json", "ok2.json"]
