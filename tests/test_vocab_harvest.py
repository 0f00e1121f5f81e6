"""The vocabulary is harvested from real reports; the harvester must read every way they print codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.vocab import economic_codes, functional_codes, name_for
from extractor.vocab.harvest import document_text, harvest_text, pairs_in_line

SHARED = Path("/work/shared")


def test_tab_separated_cells_and_several_triples_on_one_line() -> None:
    line = "30101\t基本工资\t59.99\t30201\t办公费\t1.11\t30701\t国内债务付息\t"
    assert pairs_in_line(line) == [("30101", "基本工资"), ("30201", "办公费"), ("30701", "国内债务付息")]


def test_codes_split_into_lei_kuan_xiang_columns() -> None:
    assert pairs_in_line("201 06 01 行政运行 1,511.90 1,511.89 0.01") == [("2010601", "行政运行")]
    assert pairs_in_line("301 01 基本工资 262.33") == [("30101", "基本工资")]


def test_a_name_wrapped_onto_the_next_line_is_joined() -> None:
    text = "208 05 05 机关事业单位基本养老保险\n缴费支出 160.75 160.75\n208 05 06 机关事业单位职业年金缴费支出 80.38"
    codes = harvest_text(text)
    assert codes["2080505"] == "机关事业单位基本养老保险缴费支出"
    assert codes["2080506"] == "机关事业单位职业年金缴费支出"


def test_amounts_and_prose_numbers_are_not_codes() -> None:
    assert harvest_text("编制338 名，其中行政编制 200 名\n合计 1126.93 1126.92") == {}


def test_shipped_vocabulary_agrees_with_a_real_report() -> None:
    seed = SHARED / "seeds" / "datong-2024-juesuan.txt"
    if not seed.exists():
        pytest.skip("shared seeds not available")
    harvested = harvest_text(document_text(seed))
    assert len(harvested) > 100
    assert all(name_for(code) == name for code, name in harvested.items())
    assert functional_codes()["2010301"] == "行政运行" and economic_codes()["302"] == "商品和服务支出"
