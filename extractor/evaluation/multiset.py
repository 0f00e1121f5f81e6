"""Multisets of keyed numeric facts, compared with a tolerance.

Facts are counted, never collapsed: two records with the same key (two rows
named 其他 without a code, sixteen forms each with a 资金总额 line) are two
facts, and an output earns each one at most once. Within a key, facts pair up
one-to-one when every number agrees within ``TOLERANCE``; the pairing is a
maximum bipartite matching, so the count does not depend on the order facts
were listed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterator

# Amounts are printed to 0.01: two readings of the same cell differ by less than half of that.
TOLERANCE = 0.005
_SLACK = 1e-9  # so that 1.005 vs 1.000 counts as equal despite binary rounding

Value = tuple[float | None, ...]


def values_equal(a: Value, b: Value) -> bool:
    """Same length and, position by position, both missing or both within TOLERANCE."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is None or y is None:
            if x is not y:
                return False
        elif abs(x - y) > TOLERANCE + _SLACK:
            return False
    return True


def _max_matching(left: list[Value], right: list[Value]) -> int:
    """Size of a maximum one-to-one pairing of equal values (Kuhn's augmenting paths)."""
    edges = [[j for j, r in enumerate(right) if values_equal(l, r)] for l in left]
    owner: list[int | None] = [None] * len(right)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(1 for i in range(len(left)) if edges[i] and augment(i, set()))


class Bag:
    """A multiset of (key, value) facts."""

    def __init__(self) -> None:
        self._groups: dict[Hashable, list[Value]] = defaultdict(list)
        self._size = 0

    def add(self, key: Hashable, value: Value) -> None:
        self._groups[key].append(value)
        self._size += 1

    def extend(self, other: "Bag") -> None:
        for key, values in other.items():
            for value in values:
                self.add(key, value)

    def items(self) -> Iterator[tuple[Hashable, list[Value]]]:
        return iter(self._groups.items())

    def __len__(self) -> int:
        return self._size

    def matched(self, other: "Bag") -> int:
        """How many facts of this bag find a partner in ``other`` (one partner each)."""
        total = 0
        for key, mine in self._groups.items():
            theirs = other._groups.get(key)
            if theirs:
                total += _max_matching(mine, theirs)
        return total
