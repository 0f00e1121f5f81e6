"""The arithmetic every accounting identity reduces to: a total against a sum.

Reports round each amount to 0.01 before printing, so a total may differ
from the sum of its printed parts by up to 0.01 per summed term (the reports
say so: 尾数误差). Missing amounts count as zero unless everything is
missing, which means the table has no data (a blank template) and the
identity is skipped, not failed.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.model import Check

TOLERANCE_PER_TERM = 0.01
_MAX_LISTED = 4


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def tolerance(n_terms: int) -> float:
    return TOLERANCE_PER_TERM * max(n_terms, 1) + 1e-9


def sum_check(rule: str, total: float | None, parts: Sequence[float | None]) -> Check:
    """``total = Σ parts`` within the rounding tolerance."""
    if total is None and all(p is None for p in parts):
        return Check(rule, "skipped", "no amounts printed")
    got = sum(p or 0.0 for p in parts)
    want = total or 0.0
    ok = abs(want - got) <= tolerance(len(parts))
    return Check(rule, "pass" if ok else "fail", f"{fmt(total)} {'=' if ok else '≠'} {fmt(got)}")


def equal_check(rule: str, left: float | None, right: float | None) -> Check:
    """Two amounts printed in different places that must agree."""
    return sum_check(rule, left, [right])


def combine(rule: str, checks: Sequence[tuple[str, Check]]) -> Check:
    """Many instances of one identity (each row, each parent code) as one check.

    The detail names the failing instances, or how many agreed.
    """
    failed = [(where, c) for where, c in checks if c.status == "fail"]
    passed = [(where, c) for where, c in checks if c.status == "pass"]
    if failed:
        listed = "; ".join(f"{where}: {c.detail}" for where, c in failed[:_MAX_LISTED])
        more = f"; … {len(failed) - _MAX_LISTED} more" if len(failed) > _MAX_LISTED else ""
        return Check(rule, "fail", f"{len(failed)} of {len(failed) + len(passed)} differ: {listed}{more}")
    if passed:
        where, first = passed[0]
        if len(passed) == 1:
            return Check(rule, "pass", first.detail)
        return Check(rule, "pass", f"{len(passed)} agree (e.g. {where}: {first.detail})")
    return Check(rule, "skipped", "no amounts printed" if checks else "nothing to compare")
