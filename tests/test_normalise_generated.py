"""Normalising the generator's tables (grids with merged cells repeated, as a ruled layout gives them).

The generator writes the truth from the content, not from the grid, so these
compare the normaliser with an independent account of every record and form.
"""

from dataclasses import asdict

import pytest

from extractor.model import RawTable, TableContext
from extractor.normalise import normalise_table
from samples.generator.content import build_document
from samples.generator.spec import TableSpec


def _tables(seed: int, kind: str, locality: str, blank: bool = False) -> list[TableSpec]:
    doc = build_document(seed, kind, locality, blank_template=blank)
    return [b for b in doc.blocks if isinstance(b, TableSpec)]


def _normalise(spec: TableSpec):
    raw = RawTable(pages=[1], grid=spec.grid, confidence=[], header_rows=spec.header_rows, context=TableContext())
    return normalise_table(raw, spec.type, spec.unit)


@pytest.mark.parametrize("locality", ["shanxi", "shanghai", "jiangsu"])
@pytest.mark.parametrize("kind", ["决算", "预算"])
def test_records_and_columns_match_the_truth(kind, locality):
    for seed in (1, 2):
        for spec in _tables(seed, kind, locality):
            if spec.form is not None:
                continue
            out = _normalise(spec)
            assert [asdict(r) for r in out.records] == spec.records, (seed, spec.type)  # lines with only a 行次 too
            assert out.columns == spec.columns, (seed, spec.type)
            assert not [c for c in out.checks if c.status == "fail"], (seed, spec.type)


@pytest.mark.parametrize("locality", ["shanxi", "shanghai", "jiangsu"])
@pytest.mark.parametrize("kind", ["决算", "预算"])
def test_forms_match_the_truth(kind, locality):
    forms = [s for seed in (1, 2, 5) for s in _tables(seed, kind, locality) if s.form is not None]
    assert forms
    for spec in forms:
        assert asdict(_normalise(spec).form) == spec.form, spec.title


@pytest.mark.parametrize("locality", ["shanxi", "shanghai", "jiangsu"])
def test_a_form_header_word_with_one_misread_character_is_still_found(locality):
    """OCR read 全年预算数 as 全午预算数 and the whole fund block was lost without a warning."""
    misread = {"全年预算数": "全午预算数", "全年执行数": "全年执行敖", "年初预算数": "年初预箅数", "实际完成值": "实际完戍值"}
    forms = [s for seed in (1, 2) for s in _tables(seed, "决算", locality) if s.form is not None]
    assert forms
    for spec in forms:
        grid = [[misread.get(cell, cell) for cell in row] for row in spec.grid]
        assert grid != spec.grid
        raw = RawTable(pages=[1], grid=grid, confidence=[], header_rows=spec.header_rows, context=TableContext())
        assert asdict(normalise_table(raw, spec.type, spec.unit).form) == spec.form, spec.title


def test_a_score_misread_as_a_letter_is_reported():
    """OCR read a 得分 of 11 as M: the form reader took the row's other numbers and said nothing."""
    spec = next(s for s in _tables(1, "决算", "shanxi") if s.type == "绩效自评表")
    head = next(i for i, row in enumerate(spec.grid) if "三级指标" in row)
    score_col = max(j for j, cell in enumerate(spec.grid[head]) if cell == "得分")
    grid = [list(row) for row in spec.grid]
    grid[head + 1][score_col] = "M"
    raw = RawTable(pages=[1], grid=grid, confidence=[], header_rows=spec.header_rows, context=TableContext())
    issues = [i for i in normalise_table(raw, spec.type, spec.unit).issues if i.code == "not-a-number"]
    assert len(issues) == 1 and "'M' under 得分" in issues[0].message
    assert not [i for i in _normalise(spec).issues if i.code == "not-a-number"]


def test_blank_template_gives_null_values_and_skipped_checks():
    for spec in _tables(3, "决算", "shanghai", blank=True):
        out = _normalise(spec)
        assert all(v is None for r in out.records for v in r.values)
        assert {c.status for c in out.checks} <= {"skipped"}
        assert [asdict(r) for r in out.records] == spec.records, spec.type


@pytest.mark.parametrize("kind", ["决算", "预算"])
def test_cross_table_identities_hold_on_generated_reports(kind):
    from extractor.checks import cross_table_checks

    for locality in ("shanxi", "shanghai", "jiangsu"):
        for seed in (0, 1, 2):
            tables = [(spec.type, _normalise(spec)) for spec in _tables(seed, kind, locality)]
            checks = [c for found in cross_table_checks(tables).values() for c in found]
            assert checks, (seed, locality)
            assert not [c for c in checks if c.status == "fail"], (seed, locality)
