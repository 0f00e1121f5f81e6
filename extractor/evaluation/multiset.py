"""Multisets of keyed numeric facts, compared with a tolerance.

Facts are counted, never collapsed: two records with the same key (two rows
named 其他 without a code, sixteen forms each with a 资金总额 line) are two
facts, and an output earns each one at most once. Within a key, facts pair up
one-to-one when every number agrees within ``TOLERANCE``; the pairing is a
maximum bipartite matching, so the count does not depend on the order facts
were listed in.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict, deque
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


def _sort_key(value: Value) -> tuple[bool, float]:
    first = value[0] if value else None
    return (first is not None, first or 0.0)


def _neighbours(left: list[Value], right: list[Value]) -> list[list[int]]:
    """For each left value, the right values equal to it; only right values whose first number is near are tested."""
    order = sorted(range(len(right)), key=lambda j: _sort_key(right[j]))
    keys = [_sort_key(right[j]) for j in order]
    out = []
    for value in left:
        present, first = _sort_key(value)
        reach = TOLERANCE + _SLACK if present else 0.0
        lo = bisect_left(keys, (present, first - reach))
        hi = bisect_right(keys, (present, first + reach))
        out.append([order[k] for k in range(lo, hi) if values_equal(value, right[order[k]])])
    return out


def _max_matching(left: list[Value], right: list[Value]) -> int:
    """Size of a maximum one-to-one pairing of equal values.

    Identical values are merged into one node with a count, and the pairing
    is found as a maximum flow (a greedy start, then augmenting paths), so a
    column of a thousand zeros costs no more than one zero.
    """
    l_count, r_count = Counter(left), Counter(right)
    l_vals, r_vals = list(l_count), list(r_count)
    l_free = [l_count[v] for v in l_vals]
    r_free = [r_count[v] for v in r_vals]
    edges = _neighbours(l_vals, r_vals)
    flow: dict[tuple[int, int], int] = defaultdict(int)
    for i, js in enumerate(edges):
        for j in js:
            push = min(l_free[i], r_free[j])
            if push:
                flow[i, j] += push
                l_free[i] -= push
                r_free[j] -= push
    users: dict[int, set[int]] = defaultdict(set)  # right node -> left nodes sending flow to it
    for (i, j), f in flow.items():
        if f:
            users[j].add(i)
    while path := _augmenting_path(edges, l_free, r_free, flow, users):
        push = min([l_free[path[0][0]], r_free[path[-1][1]]] + [flow[i, j] for i, j in _backward(path)])
        l_free[path[0][0]] -= push
        r_free[path[-1][1]] -= push
        for i, j in path:
            flow[i, j] += push
            users[j].add(i)
        for i, j in _backward(path):
            flow[i, j] -= push
            if not flow[i, j]:
                users[j].discard(i)
    return sum(flow.values())


def _backward(path: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The edges a path takes flow back from: from each right node to the next left node."""
    return [(path[k + 1][0], path[k][1]) for k in range(len(path) - 1)]


def _augmenting_path(
    edges: list[list[int]], l_free: list[int], r_free: list[int],
    flow: dict[tuple[int, int], int], users: dict[int, set[int]],
) -> list[tuple[int, int]] | None:
    """Forward edges (left, right) of a shortest path from a left node with spare count to a right one, if any."""
    queue = deque(i for i, free in enumerate(l_free) if free)
    reached = {i: None for i in queue}
    right_from: dict[int, int] = {}
    while queue:
        i = queue.popleft()
        for j in edges[i]:
            if j in right_from:
                continue
            right_from[j] = i
            if r_free[j]:
                path = []
                while True:
                    path.append((right_from[j], j))
                    back = reached[right_from[j]]
                    if back is None:
                        return path[::-1]
                    j = back
            for k in users[j]:
                if k not in reached and flow[k, j]:
                    reached[k] = j
                    queue.append(k)
    return None


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
