"""What a generated report contains, independent of how it is drawn.

The content builder (``content``) makes a ``DocSpec``; the renderer draws it
as a PDF and, once it knows on which pages each table landed, writes the truth
JSON (the contract's format). Keeping the two apart lets the same content be
drawn in many layouts, and lets the truth come from the content rather than
from the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Union


@dataclass
class Merge:
    """A merged cell in the printed grid: top-left (row, col) and its span."""

    row: int
    col: int
    rowspan: int
    colspan: int


@dataclass
class TableSpec:
    type: str  # a contract label, e.g. "公开01", "绩效自评表", "预算05", "其他"
    title: str  # the printed title (locality wording), e.g. "收入支出决算总表"
    caption: str | None  # "公开01表", "公开 01 表", "预算公开表1" … or None when not printed
    unit: str  # "万元" or "元"
    header_rows: int  # how many leading grid rows are header (repeated on continuation pages)
    grid: list[list[str]]  # exactly the contract's grid: merged cells repeated in every position
    merges: list[Merge]
    columns: dict[str, list[str]]  # contract "columns"
    records: list[dict[str, Any]]  # contract records (side, code, line, item, group, values)
    form: dict[str, Any] | None  # contract form, for 绩效自评表 / 整体绩效自评表 / 绩效目标表 / 整体绩效目标表
    note: str | None = None  # 注：… line printed under the table
    empty_note: str | None = None  # 说明：本表无数据 when the table has no data
    wide: bool = False  # better printed landscape
    # Column indices holding amounts (drawn right-aligned, may get thousands separators).
    numeric_cols: list[int] = field(default_factory=list)
    # Lines printed between title and table (None: not printed).
    org_line: str | None = None  # "部门名称：大同市政务服务中心", "编制部门：…"
    period_line: str | None = None  # "2024年度"
    unit_line: str | None = None  # "金额单位：万元", "单位：元"


@dataclass
class Prose:
    heading: str | None
    paragraphs: list[str]


@dataclass
class Cover:
    organization: str
    title: str  # e.g. "2024年度单位决算公开"


@dataclass
class Toc:
    entries: list[str]


Block = Union[Cover, Toc, Prose, TableSpec]


@dataclass
class DocSpec:
    organization: str
    year: int
    kind: Literal["决算", "预算"]
    unit: str
    locality: Literal["shanxi", "shanghai", "jiangsu"]
    blocks: list[Block]
    blank_template: bool = False  # values all empty (Shanghai's blank 决算 template)
