"""The 栏次 row of an OCR'd table is mended from its sequence, and nothing else is touched."""

from __future__ import annotations

from extractor.model import BBox, Cell, TableRegion
from extractor.ocr.column_numbers import mend_column_numbers


def _region(*rows: list[str]) -> TableRegion:
    cells = [
        Cell(row=r, col=c, rowspan=1, colspan=1, bbox=BBox(c * 50, r * 20, c * 50 + 50, r * 20 + 20), text=text, confidence=0.9)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return TableRegion(page=3, bbox=BBox(0, 0, 50 * len(rows[0]), 20 * len(rows)), n_rows=len(rows), n_cols=len(rows[0]), cells=cells)


def _texts(region: TableRegion) -> list[list[str]]:
    return region.grid()


def test_a_misread_column_number_is_restored_from_its_place_and_reported() -> None:
    region = _region(["项目", "", "本年收入", "财政拨款", "上级补助", "事业收入"], ["栏次", "栏次", "1", "2Gor", "3", "4"])
    mended, issues = mend_column_numbers(region)
    assert _texts(mended)[1] == ["栏次", "栏次", "1", "2", "3", "4"]
    assert [i.code for i in issues] == ["column-number-restored"]
    assert "'2Gor'" in issues[0].message and issues[0].page == 3


def test_each_side_of_a_two_sided_table_counts_one_column() -> None:
    mended, issues = mend_column_numbers(_region(["栏次", "", "1", "栏次", "", "6e"]))
    assert _texts(mended)[0] == ["栏次", "", "1", "栏次", "", "2"] and len(issues) == 1


def test_a_bare_numbering_row_is_mended_only_when_long_and_all_but_one_fit() -> None:
    bare = ["", "1", "2", "3", "4", "5", "6", "71", "8"]
    mended, issues = mend_column_numbers(_region(bare))
    assert _texts(mended)[0][7] == "7" and len(issues) == 1
    short = ["", "1", "2", "31"]
    assert mend_column_numbers(_region(short))[1] == []
    letter = ["", "1", "2", "3", "4", "C", "6", "7", "8"]  # a garbled page's 5, read by OCR
    assert _texts(mend_column_numbers(_region(letter))[0])[0][5] == "5"
    dash = ["", "1", "2", "3", "4", "5", "6", "7", "——"]
    assert mend_column_numbers(_region(dash))[1] == []


def test_rows_that_are_not_a_plain_count_are_left_alone() -> None:
    for row in (
        ["栏次", "1", "2=3+4", "3", "4"],  # formulas
        ["栏次", "1", "5", "7", "9"],  # most of the row disagrees: not a count
        ["栏次", "1", "人员经费", "3"],  # a word is no misread number
        ["合计", "1", "2", "3", "5"],  # a data row of four amounts
        ["栏次", "1", "2", "3"],  # nothing to mend
    ):
        mended, issues = mend_column_numbers(_region(row))
        assert issues == [] and _texts(mended)[0] == row


def test_two_column_numbers_in_one_cell_say_a_column_rule_was_missed() -> None:
    """Jiangsu's bare 1 … 12 row read 910 where the rule between 9 and 10 was not found."""
    for row in (["1", "2", "3", "4", "5", "6", "7", "8", "910", "11", "12"], ["栏次", "1", "23"]):
        mended, issues = mend_column_numbers(_region(row))
        assert [i.code for i in issues] == ["column-rule-missing"] and _texts(mended)[0] == row
    assert mend_column_numbers(_region(["1", "2", "3", "45", "7"]))[1] == []  # too short and astray to tell
