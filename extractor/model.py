"""The working objects that the pipeline stages hand to each other.

Data flows one way: ingest -> layout -> OCR -> tables -> classify -> normalise
-> output. Each stage reads the objects below and returns new ones; none of
them reaches into another stage's internals. These are working objects, kept
apart from the output schema (see ``extractor.output``), so the contract can
stay stable while the internals change.

Coordinates are PDF points with the origin at the top-left of the page as it is
displayed (rotation applied) and y growing downwards, whether the text came
from the text layer or from OCR of a rendered image.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PageSource = Literal["text-layer", "ocr", "mixed"]


@dataclass(frozen=True)
class BBox:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def contains_point(self, x: float, y: float, tol: float = 0.0) -> bool:
        return self.x0 - tol <= x <= self.x1 + tol and self.y0 - tol <= y <= self.y1 + tol

    def union(self, other: "BBox") -> "BBox":
        return BBox(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))


@dataclass(frozen=True)
class TextSpan:
    """A run of text with its box: one character from the text layer, or one OCR result."""

    text: str
    bbox: BBox
    confidence: float = 1.0
    # Alternative readings from a second engine or a re-read, best first.
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A ruling line: horizontal when y0 == y1, vertical when x0 == x1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= abs(self.x1 - self.x0)


@dataclass(frozen=True)
class Issue:
    """A warning for the person checking the result (``warnings`` in the contract)."""

    code: str
    message: str
    page: int | None = None


@dataclass
class Cell:
    """One cell of a detected table, possibly spanning several grid rows/columns."""

    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox
    text: str = ""
    confidence: float = 1.0
    alternatives: tuple[str, ...] = ()


@dataclass
class TableContext:
    """What is printed around a table: its title, caption and header fields."""

    title: str | None = None
    caption: str | None = None  # e.g. 公开01表 / 预算公开表1
    organization: str | None = None
    year: int | None = None
    unit: str | None = None  # 万元 / 元
    lines_above: list[str] = field(default_factory=list)
    lines_below: list[str] = field(default_factory=list)


@dataclass
class TableRegion:
    """A table found on one page (layout output)."""

    page: int
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: list[Cell]
    ruled: bool = True
    context: TableContext = field(default_factory=TableContext)

    def grid(self) -> list[list[str]]:
        """The cell texts laid out row by row, merged cells repeated in every position."""
        out = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[r][k] = c.text
        return out

    def confidences(self) -> list[list[float]]:
        out = [[1.0 for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[r][k] = c.confidence
        return out


@dataclass
class Page:
    """Everything known about one page; each stage fills its own slot."""

    number: int  # 1-based
    width: float
    height: float
    rotation: int = 0
    source: PageSource = "text-layer"
    spans: list[TextSpan] = field(default_factory=list)  # ingest (text layer) or OCR
    segments: list[Segment] = field(default_factory=list)  # ruling lines
    tables: list[TableRegion] = field(default_factory=list)  # layout
    lines: list[str] = field(default_factory=list)  # text lines outside tables, top to bottom
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class RawTable:
    """A logical table after joining its pieces across pages (tables stage output)."""

    pages: list[int]
    grid: list[list[str]]
    confidence: list[list[float]]
    header_rows: int
    context: TableContext
    ruled: bool = True
    issues: list[Issue] = field(default_factory=list)
    # Per cell alternative readings from OCR, keyed by (row, col) in ``grid``.
    alternatives: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Check:
    rule: str
    status: Literal["pass", "fail", "skipped"]
    detail: str = ""


@dataclass
class Record:
    side: str | None
    code: str | None
    line: int | None
    item: str | None
    group: str | None
    values: list[float | None]


@dataclass
class Indicator:
    level1: str | None
    level2: str | None
    level3: str | None
    target: str | None
    actual: str | None
    weight: float | None
    score: float | None
    note: str | None


@dataclass
class Fund:
    source: str
    initial_budget: float | None = None
    annual_budget: float | None = None
    executed: float | None = None
    weight: float | None = None
    execution_rate: float | None = None
    score: float | None = None


@dataclass
class Goal:
    expected: str | None
    actual: str | None


@dataclass
class Form:
    project: str | None = None
    department: str | None = None
    implementing_unit: str | None = None
    funds: list[Fund] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    total_score: float | None = None
    grade: str | None = None


@dataclass
class Normalised:
    """What a normaliser makes of one table (normalise stage output)."""

    columns: dict[str, list[str]]
    records: list[Record] = field(default_factory=list)
    form: Form | None = None
    checks: list[Check] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # Grid cells read differently from the detected table, by (row, col): an alternative OCR reading
    # kept, a name snapped to the vocabulary, a code mended from its name, a 行次 restored, a dash read
    # as 一. The contract's grid shows them so that it says what the records say was printed.
    corrections: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class ExtractedTable:
    """A table with everything the later stages found out about it."""

    id: str
    raw: RawTable
    type: str
    type_confidence: float
    unit: str | None
    normalised: Normalised


@dataclass
class DocumentMeta:
    organization: str | None = None
    year: int | None = None
    kind: Literal["决算", "预算"] | None = None
    unit: str | None = None


@dataclass
class ExtractionResult:
    file: str
    sha256: str
    document: DocumentMeta
    pages: list[Page]
    tables: list[ExtractedTable]
    issues: list[Issue]
