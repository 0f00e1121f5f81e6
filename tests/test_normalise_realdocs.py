"""Normalising the tables the layout stage finds in real Shanghai PDFs (text layer, ruled grids)."""

from pathlib import Path

import pytest

from extractor.checks import cross_table_checks
from extractor.ingest.pdf import open_pdf
from extractor.ingest.text_layer import read_page
from extractor.layout.page import layout_page
from extractor.model import RawTable
from extractor.normalise import normalise_table
from extractor.tables.join import join_regions

# Shanghai's order: the 三公 table comes before 07/08; the first table lists the department's units.
SHANGHAI_ORDER = ["其他", "公开01", "公开02", "公开03", "公开04", "公开05", "公开06", "公开09", "公开07", "公开08"]


def _raw_tables(pdf: Path) -> list[RawTable]:
    opened = open_pdf(pdf)
    regions = []
    try:
        for index in range(opened.page_count):
            page = opened.document[index]
            content = read_page(page)
            page.close()
            regions += layout_page(index + 1, content.spans, content.segments)[0]
    finally:
        opened.document.close()
    return join_regions(regions)


@pytest.fixture(scope="module")
def putuo(realdocs):
    raws = _raw_tables(realdocs / "shanghai-putuo-caizhengju-2024-juesuan.pdf")
    assert len(raws) == len(SHANGHAI_ORDER)
    return [(label, normalise_table(raw, label, "万元")) for label, raw in zip(SHANGHAI_ORDER, raws)]


def test_putuo_records(putuo):
    tables = dict(putuo)
    income = tables["公开02"].records
    assert income[0].item == "合计" and income[0].values[:2] == [2946.25, 2940.05]
    by_code = {r.code: r for r in income if r.code}
    assert by_code["2010601"].values[:2] == [1511.9, 1511.89]
    assert by_code["2080505"].item == "机关事业单位基本养老保险缴费支出"
    detail = {r.code: r for r in tables["公开06"].records if r.code}
    assert detail["30102"].values == [1238.58] and detail["30102"].group == "人员经费"
    assert tables["公开09"].records[0].values[0] == 0.95


def test_putuo_identities_all_hold(putuo):
    for label, n in putuo:
        assert not [c for c in n.checks if c.status == "fail"], label
    cross = cross_table_checks(putuo)
    statuses = [c.status for checks in cross.values() for c in checks]
    assert statuses and set(statuses) == {"pass"}


def test_blank_template_gives_nulls_not_failures(realdocs):
    raws = _raw_tables(realdocs / "shanghai-juesuan-template-blank.pdf")
    tables = [(label, normalise_table(raw, label, "万元")) for label, raw in zip(SHANGHAI_ORDER, raws)]
    for label, n in tables[1:]:
        assert all(v is None for r in n.records for v in r.values), label
        assert {c.status for c in n.checks} <= {"skipped"}, label
    assert dict(tables)["公开02"].records[1].code == "205"
