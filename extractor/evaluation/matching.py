"""Pairing output tables with truth tables.

A truth table and an output table can pair only when they share a page. How
alike they are is the better of two views, so that an extractor is judged
fairly whether its grid or its records are the stronger part:

- grid similarity: Dice coefficient of the two grids' non-blank cells as
  multisets (numbers compared by value);
- record similarity: F1 of the two tables' numeric facts, keyed without the
  table type (type is scored separately, by type_accuracy).

Pairs at least ``MIN_SIMILARITY`` alike are assigned one-to-one so that the
total similarity is as large as possible (Hungarian method), ties going to
the pair whose types agree. A table split in two therefore matches once and
its other piece is spurious; two tables merged into one match one truth table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from extractor.evaluation.facts import Table, grid_tokens, table_value_facts
from extractor.evaluation.multiset import Bag

# Below this, an output table on the same page is taken to be some other table.
MIN_SIMILARITY = 0.3
# Breaks ties between equally similar candidates in favour of the right type; far below any real difference.
_SAME_TYPE_BONUS = 1e-6


@dataclass(frozen=True)
class TablePair:
    truth: int  # index into the truth document's tables
    output: int  # index into the output document's tables
    similarity: float


def dice(a_size: int, b_size: int, common: int) -> float:
    return 2 * common / (a_size + b_size) if a_size + b_size else 0.0


@dataclass(frozen=True)
class _Content:
    """What matching compares of one table, computed once per table rather than once per pair."""

    pages: frozenset[int]
    cells: Counter[tuple[str, Any]]
    facts: Bag

    @classmethod
    def of(cls, table: Table) -> "_Content":
        return cls(frozenset(table.get("pages") or []), grid_tokens(table), table_value_facts(table, None))


def _similarity(truth: _Content, output: _Content) -> float:
    """How alike two tables' contents are, 0..1; 0 when they share no page."""
    if not truth.pages & output.pages:
        return 0.0
    grid = dice(truth.cells.total(), output.cells.total(), (truth.cells & output.cells).total())
    records = dice(len(truth.facts), len(output.facts), truth.facts.matched(output.facts))
    return max(grid, records)


def match_tables(truth_tables: list[Table], output_tables: list[Table]) -> list[TablePair]:
    """The one-to-one pairing of truth and output tables, in truth order."""
    if not truth_tables or not output_tables:
        return []
    truths = [_Content.of(t) for t in truth_tables]
    outputs = [_Content.of(o) for o in output_tables]
    sims = np.array([[_similarity(t, o) for o in outputs] for t in truths])
    same_type = np.array([[t.get("type") == o.get("type") for o in output_tables] for t in truth_tables])
    gain = np.where(sims >= MIN_SIMILARITY, sims + _SAME_TYPE_BONUS * same_type, 0.0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [TablePair(int(r), int(c), float(sims[r, c])) for r, c in zip(rows, cols) if sims[r, c] >= MIN_SIMILARITY]
