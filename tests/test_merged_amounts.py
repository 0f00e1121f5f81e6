"""An amount in an OCR'd cell that spans columns is named in a warning; text spanning columns is not."""

from __future__ import annotations

from extractor.model import BBox, Cell, TableRegion
from extractor.ocr.merged_amounts import merged_amount_cells


def _cell(row: int, col: int, text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(row=row, col=col, rowspan=rowspan, colspan=colspan, bbox=BBox(col * 50, row * 20, (col + colspan) * 50, (row + rowspan) * 20), text=text)


def test_an_amount_across_two_columns_is_named_and_a_heading_is_not() -> None:
    region = TableRegion(
        page=14, bbox=BBox(0, 0, 200, 60), n_rows=3, n_cols=4,
        cells=[
            _cell(0, 0, "“三公”经费合计", colspan=4),  # a heading over four columns
            _cell(1, 0, "24.90", colspan=2),  # 合计 and an empty 因公出国 cell, their rule lost under a seal
            _cell(1, 2, "14.62"),
            _cell(1, 3, "10.28"),
            _cell(2, 0, "项目资金", rowspan=2),
        ],
    )
    (issue,) = merged_amount_cells(region)
    assert issue.code == "merged-amount-cell" and issue.page == 14 and "cols 1-2" in issue.message and "'24.90'" in issue.message


def test_a_form_row_whose_amounts_are_all_merged_alike_is_no_sign_of_a_lost_rule() -> None:
    """绩效目标表 fund rows print every amount across two columns, and their dates too."""
    region = TableRegion(
        page=9, bbox=BBox(0, 0, 400, 40), n_rows=2, n_cols=8,
        cells=[
            _cell(0, 0, "计划开始日期"), _cell(0, 1, "2024-01-01", colspan=3), _cell(0, 4, "计划完成日期"), _cell(0, 5, "2024-12-31", colspan=3),
            _cell(1, 0, "项目资金总额", colspan=2), _cell(1, 2, "3,573,511.17", colspan=2),
            _cell(1, 4, "年度资金申请总额", colspan=2), _cell(1, 6, "3,573,511.17", colspan=2),
        ],
    )
    assert merged_amount_cells(region) == []
