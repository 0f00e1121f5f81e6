"""The table classifier on the real PDFs, its artefact, its trust threshold and the report-kind rule."""

from __future__ import annotations

import json
import time
from pathlib import Path

import joblib
import pytest
import sklearn

from extractor.classify import classify, classify_table, infer_document_kind
from extractor.classify.features import table_features
from extractor.classify.model import DEFAULT_MODEL_PATH, TableClassifier, load_classifier
from extractor.errors import MissingDependencyError
from extractor.model import RawTable, TableContext
from training.extract import pdf_tables

METADATA = DEFAULT_MODEL_PATH.with_suffix(".json")

# Hand labels, in reading order. Shanghai prints 三公 before 07/08 and opens with a
# table of the units the account covers (其他).
SHANGHAI_JUESUAN = ["其他", "公开01", "公开02", "公开03", "公开04", "公开05", "公开06", "公开09", "公开07", "公开08"]
EXPECTED = {
    "shanghai-putuo-caizhengju-2024-juesuan.pdf": SHANGHAI_JUESUAN,
    "shanghai-juesuan-template-blank.pdf": SHANGHAI_JUESUAN,
    # 财务收支预算总表, 收入预算总表, 支出预算总表, 财政拨款收支预算总表, 一般公共预算支出功能分类,
    # 政府性基金预算支出, 国有资本经营预算支出, 一般公共预算基本支出经济分类, "三公"经费和机关运行经费.
    "shanghai-putuo-qufuban-2025-yusuan.pdf": ["预算01", "预算02", "预算03", "预算04", "预算05", "预算08", "预算09",
                                               "预算06", "预算10"],
}
JIANGSU = "jiangsu-renda-2018-yusuan.pdf"
# 财政拨款支出预算表（功能科目）, 财政拨款基本支出预算表（经济科目） and 政府采购支出预算表 have no
# label of their own (the 13 budget labels follow the national list), so they are 其他.
JIANGSU_LABELS = ["预算01", "预算02", "预算03", "预算04", "其他", "其他", "预算05", "预算06", "预算10", "预算08",
                  "预算11", "其他"]


def _read(path: Path) -> tuple[list[RawTable], str | None]:
    tables, first_pages = pdf_tables(path)
    titles = "\n".join(t.context.title or "" for t in tables)
    return tables, infer_document_kind(first_pages + "\n" + titles)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_reports_get_their_labels(realdocs: Path, name: str) -> None:
    tables, kind = _read(realdocs / name)
    assert kind == ("决算" if "juesuan" in name else "预算")
    assert [classify_table(t, kind)[0] for t in tables] == EXPECTED[name]


def test_budget_captioned_gongkai_gets_budget_labels(realdocs: Path) -> None:
    """Jiangsu captions its budget tables 公开01表…公开12表; none of them is a 决算 公开NN.

    Its 2018 layouts differ from every generated one, so a table may fall back to 其他 with a
    low confidence (a warning for the reader), but never get a confident wrong label.
    """
    tables, kind = _read(realdocs / JIANGSU)
    assert kind == "预算"
    results = [classify(t, kind) for t in tables]
    assert all(r.label.startswith("预算") or r.label == "其他" for r in results), [r.label for r in results]
    for result, expected in zip(results, JIANGSU_LABELS, strict=True):
        assert result.label == expected or (result.label == "其他" and result.low_confidence), (result, expected)
    assert sum(r.label == e for r, e in zip(results, JIANGSU_LABELS)) >= 10


def test_budget_labels_hold_without_the_kind(realdocs: Path) -> None:
    """Even when the report's kind is unknown, the content says budget."""
    tables, _ = _read(realdocs / JIANGSU)
    assert not any(classify_table(t, None)[0].startswith("公开") for t in tables)


def test_shanghai_juesuan_tables_without_titles(realdocs: Path) -> None:
    """The two-sided and coded tables are recognised from their content alone."""
    tables, kind = _read(realdocs / "shanghai-putuo-caizhengju-2024-juesuan.pdf")
    for table, expected in zip(tables, SHANGHAI_JUESUAN):
        table.context.title = None
        table.context.caption = None
        label, _ = classify_table(table, kind)
        if expected in ("公开01", "公开02", "公开03", "公开04", "公开06", "公开09"):
            assert label == expected


def test_model_loads_fast_and_matches_its_metadata() -> None:
    started = time.perf_counter()
    artefact = joblib.load(DEFAULT_MODEL_PATH)
    assert time.perf_counter() - started < 1.0
    assert DEFAULT_MODEL_PATH.stat().st_size < 5 * 1024 * 1024
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    assert meta["held_out_accuracy"] >= 0.99
    assert meta["sklearn_version"] == sklearn.__version__
    assert meta["threshold"] == artefact["threshold"]


@pytest.mark.parametrize("content", [None, b"not a model", b""])
def test_missing_or_broken_model_is_a_clear_error(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "table_classifier.joblib"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(MissingDependencyError, match="train_classifier"):
        load_classifier(path)


def _unknown_table() -> RawTable:
    grid = [["序号", "单位名称", "备注"], ["1", "某某中心", ""], ["2", "某某研究所", "并入本级"]]
    return RawTable(pages=[1], grid=grid, confidence=[[1.0] * 3 for _ in grid], header_rows=1, context=TableContext())


def test_untrusted_guess_falls_back_to_other() -> None:
    trained = load_classifier()
    strict = TableClassifier(pipeline=trained.pipeline, threshold=1.01)
    result = strict.classify(_unknown_table(), "决算")
    assert result.label == "其他" and result.low_confidence
    assert result.best_guess in trained.pipeline.classes_


def test_unknown_table_is_other() -> None:
    """A table of none of the standard kinds is 其他, and its confidence is that of 其他, not of the rejected guess."""
    result = classify(_unknown_table(), "决算")
    assert result.label == "其他"
    if result.low_confidence:
        assert result.confidence <= 1.0 - result.best_confidence or result.best_guess == "其他"
    assert classify_table(_unknown_table(), "决算") == (result.label, result.confidence)


def test_features_survive_a_table_with_nothing_around_it() -> None:
    feats = table_features(_unknown_table(), None)
    assert feats["t:none"] == 1.0 and feats["cap:none"] == 1.0 and feats["kind:none"] == 1.0
    assert feats == table_features(_unknown_table(), None)


@pytest.mark.parametrize(("text", "labels", "kind"), [
    ("大同市政务服务中心\n2024年度单位决算公开\n从部门预算机构构成情况看", None, "决算"),
    ("江苏省人大常委会办公厅2018年度部门\n预算公开\n第二部分 2018年度部门预算表", None, "预算"),
    ("上海市普陀区2025年区级部门预算\n1. 2025年部门财务收支预算总表", None, "预算"),
    ("一般公共预算财政拨款支出决算表\n政府性基金预算财政拨款收入支出决算表", None, "决算"),
    ("第一部分 概况", None, None),
    ("第一部分 概况", ["预算01", "预算02", "其他"], "预算"),
    ("第一部分 概况", ["公开01", "绩效自评表"], "决算"),
    ("第一部分 概况", ["2024年预算收支总表", "收入决算表", "2024年预算支出总表", ""], "预算"),
])
def test_document_kind(text: str, labels: list[str] | None, kind: str | None) -> None:
    assert infer_document_kind(text, labels) == kind


def _verdict(label: str, confidence: float, trusted: bool = True) -> "Classification":
    from extractor.classify.model import Classification

    return Classification(label if trusted else "其他", confidence if trusted else 0.0, label, confidence, not trusted)


def test_an_unsure_numbered_guess_is_taken_only_where_its_place_confirms_it() -> None:
    """A scanned 预算03 came out at 0.97, under the 0.9755 trust threshold, between a 预算02 and a 预算04."""
    from extractor.classify.sequence import settle_by_sequence

    verdicts = [_verdict("预算02", 1.0), _verdict("预算03", 0.97, trusted=False), _verdict("预算04", 1.0), _verdict("绩效目标表", 0.99)]
    settled, issues = settle_by_sequence(verdicts, [5, 6, 7, 19])
    assert [v.label for v in settled] == ["预算02", "预算03", "预算04", "绩效目标表"]
    assert settled[1].confidence == 0.97 and not settled[1].low_confidence
    assert [(i.code, i.page) for i in issues] == [("type-from-sequence", 6)]

    out_of_place = [_verdict("预算02", 1.0), _verdict("预算05", 0.97, trusted=False), _verdict("预算04", 1.0)]
    taken_already = [_verdict("预算02", 1.0), _verdict("预算02", 0.97, trusted=False), _verdict("预算04", 1.0)]
    a_mere_guess = [_verdict("预算02", 1.0), _verdict("预算03", 0.4, trusted=False), _verdict("预算04", 1.0)]
    alone = [_verdict("公开03", 0.97, trusted=False), _verdict("绩效自评表", 1.0)]
    for case in (out_of_place, taken_already, a_mere_guess, alone):
        settled, issues = settle_by_sequence(case, list(range(len(case))))
        assert settled == case and issues == []
    # Shanghai prints 预算05, 08, 09, 06, 10: a 预算09 at 0.94 is vouched for by the 预算08 just before it.
    shanghai = [_verdict("预算05", 1.0), _verdict("预算08", 1.0), _verdict("预算09", 0.94, trusted=False), _verdict("预算06", 1.0)]
    settled, issues = settle_by_sequence(shanghai, [8, 9, 10, 11])
    assert settled[2].label == "预算09" and [(i.code, i.page) for i in issues] == [("type-from-sequence", 10)]
    apart = [_verdict("预算08", 1.0), _verdict("公开02", 1.0), _verdict("预算09", 0.94, trusted=False), _verdict("预算06", 1.0)]
    assert settle_by_sequence(apart, [1, 2, 3, 4])[1] == []  # a table between: no neighbour vouches


def test_a_number_both_neighbours_pin_is_taken_from_the_models_ranking() -> None:
    """A scanned 预算05 lost its title and read like a 预算03 (0.63), which the document already had; its
    neighbours, a 预算04 and a 预算06, leave only 05, which the model ranked second (0.37)."""
    from dataclasses import replace

    from extractor.classify.sequence import settle_by_sequence

    unsure = replace(_verdict("预算03", 0.63, trusted=False), ranked=(("预算03", 0.63), ("预算05", 0.37)))
    verdicts = [_verdict("预算03", 1.0), _verdict("预算04", 1.0), unsure, _verdict("预算06", 1.0)]
    settled, issues = settle_by_sequence(verdicts, [5, 6, 8, 9])
    assert settled[2].label == "预算05" and settled[2].confidence == 0.37
    assert [(i.code, i.page) for i in issues] == [("type-from-sequence", 8)] and "best guess was 预算03" in issues[0].message

    unranked = replace(unsure, ranked=(("预算03", 0.63), ("预算12", 0.3), ("预算05", 0.05)))  # the model all but rules 05 out
    gap = [_verdict("预算04", 1.0), unsure, _verdict("预算07", 1.0)]  # 05 or 06: not pinned
    for case in ([_verdict("预算04", 1.0), unranked, _verdict("预算06", 1.0)], gap):
        assert settle_by_sequence(case, list(range(len(case))))[1] == []
