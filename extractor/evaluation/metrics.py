"""Scoring one extractor output against its truth.

Every metric is kept as counts (hits over a total, or true/false positives
and false negatives) so that a variant's or the whole corpus's score pools
the counts of its documents (micro-average): a document with 40 tables
weighs more than one with 4. A metric with nothing to count (no truth
tables, no coded records, no facts on either side) is None, shown as n/a,
rather than a made-up 0 or 1; an empty truth against an empty output is
therefore n/a on every metric but doc_meta_accuracy, and adds nothing to the
pooled scores.

The metrics (numbers equal within ``multiset.TOLERANCE``):

- table_recall: truth tables paired with an output table (``matching``).
- type_accuracy: truth tables whose paired output table has the same type;
  an unpaired truth table counts as wrong.
- value_f1: F1 over the numeric facts of the whole document (record values
  and form numbers), each keyed by its OWN table's type, side, row key and
  column. So a wrong type costs value_f1 too, and facts are pooled over the
  document: a table split in two but typed right loses no facts.
- row_f1: F1 over the grid rows that hold a number (key: the row's words,
  value: its numbers in order), typeless.
- item_accuracy: coded truth records whose (side, code) also carries the same
  normalised item in the output.
- form_accuracy: truth forms with an output form of the same normalised
  project and total_score.
- doc_meta_accuracy: organization, year, kind, unit right, as a share of 4.
- spurious_tables: output tables paired with no truth table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from extractor.evaluation.facts import (
    Document,
    form_facts,
    item_facts,
    normalise_text,
    row_facts,
    value_facts,
)
from extractor.evaluation.matching import TablePair, match_tables
from extractor.evaluation.multiset import Bag

META_FIELDS = ("organization", "year", "kind", "unit")


@dataclass(frozen=True)
class Tally:
    hits: int = 0
    total: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.hits + other.hits, self.total + other.total)

    @property
    def ratio(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class F1Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "F1Tally") -> "F1Tally":
        return F1Tally(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @classmethod
    def compare(cls, truth: Bag, output: Bag) -> "F1Tally":
        tp = truth.matched(output)
        return cls(tp, len(output) - tp, len(truth) - tp)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


@dataclass(frozen=True)
class Scores:
    """The counts behind every metric, for one document or pooled over many."""

    docs: int = 0
    tables: Tally = Tally()
    types: Tally = Tally()
    values: F1Tally = F1Tally()
    rows: F1Tally = F1Tally()
    items: Tally = Tally()
    forms: Tally = Tally()
    meta: Tally = Tally()
    spurious_tables: int = 0

    def __add__(self, other: "Scores") -> "Scores":
        return Scores(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def metrics(self) -> dict[str, float | int | None]:
        """The published numbers, in the order the summary line prints them."""
        return {
            "table_recall": self.tables.ratio,
            "type_accuracy": self.types.ratio,
            "value_f1": self.values.f1,
            "row_f1": self.rows.f1,
            "item_accuracy": self.items.ratio,
            "form_accuracy": self.forms.ratio,
            "doc_meta_accuracy": self.meta.ratio,
            "spurious_tables": self.spurious_tables,
        }


@dataclass(frozen=True)
class TableMatch:
    """A truth table and the output table paired with it, for reading the results."""

    truth_id: str
    output_id: str
    truth_type: str
    output_type: str
    similarity: float


@dataclass
class DocScore:
    """One document's scores, with the table pairing that produced them."""

    scores: Scores
    matches: list[TableMatch] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)  # ids of output tables that matched nothing
    problems: list[str] = field(default_factory=list)  # why the output could not be read, if it could not
    # (truth type, type of the output table paired with it or None) for every truth table, in truth order.
    type_pairs: list[tuple[str, str | None]] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int | None]:
        return self.scores.metrics()


def _same_meta(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normalise_text(a) == normalise_text(b)
    return a == b


def _meta_tally(output: Document, truth: Document) -> Tally:
    got, want = output.get("document") or {}, truth.get("document") or {}
    return Tally(sum(_same_meta(got.get(name), want.get(name)) for name in META_FIELDS), len(META_FIELDS))


def _item_tally(output: Document, truth: Document) -> Tally:
    want = item_facts(truth)
    return Tally((want & item_facts(output)).total(), want.total())


def score_document(output: dict[str, Any], truth: dict[str, Any]) -> DocScore:
    """Score one output document against its truth (both in the contract format)."""
    truth_tables = truth.get("tables") or []
    output_tables = output.get("tables") or []
    pairs = match_tables(truth_tables, output_tables)
    paired_outputs = {p.output for p in pairs}
    right_type = sum(truth_tables[p.truth].get("type") == output_tables[p.output].get("type") for p in pairs)
    want_forms = form_facts(truth)
    scores = Scores(
        docs=1,
        tables=Tally(len(pairs), len(truth_tables)),
        types=Tally(right_type, len(truth_tables)),
        values=F1Tally.compare(value_facts(truth), value_facts(output)),
        rows=F1Tally.compare(row_facts(truth), row_facts(output)),
        items=_item_tally(output, truth),
        forms=Tally(want_forms.matched(form_facts(output)), len(want_forms)),
        meta=_meta_tally(output, truth),
        spurious_tables=len(output_tables) - len(pairs),
    )
    matches = [_table_match(truth_tables[p.truth], output_tables[p.output], p) for p in pairs]
    spurious = [_table_id(t, i) for i, t in enumerate(output_tables) if i not in paired_outputs]
    paired_type = {p.truth: str(output_tables[p.output].get("type")) for p in pairs}
    type_pairs = [(str(t.get("type")), paired_type.get(i)) for i, t in enumerate(truth_tables)]
    return DocScore(scores, matches, spurious, type_pairs=type_pairs)


def _table_id(table: dict[str, Any], index: int) -> str:
    return str(table.get("id") or f"#{index}")


def _table_match(truth: dict[str, Any], output: dict[str, Any], pair: TablePair) -> TableMatch:
    return TableMatch(
        _table_id(truth, pair.truth), _table_id(output, pair.output),
        str(truth.get("type")), str(output.get("type")), round(pair.similarity, 4),
    )
