"""Repairing an OCR misreading with the table's own accounting identities.

When a table fails a check and OCR kept other readings for some cells, each
single substitution is tried; one that leaves no check failing (and fewer
than before) is kept and reported. A reading is never invented: only what
an engine actually read can replace what another read, and a table that no
single substitution mends is left as read, its failed checks telling the
user where to look.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from extractor.model import Issue, Normalised, RawTable

Normaliser = Callable[[RawTable, str, "str | None"], Normalised]

# More alternatives than this in one table are not searched: re-reading would be guesswork.
_MAX_TRIALS = 40


def _failures(out: Normalised) -> int:
    return sum(1 for c in out.checks if c.status == "fail")


def repair_by_identities(raw: RawTable, label: str, unit: str | None, first: Normalised, normalise: Normaliser) -> Normalised:
    """``first`` (the normalised table as read), or a re-normalisation with one cell's alternative reading."""
    failing = _failures(first)
    if not failing or not raw.alternatives:
        return first
    trials = [(pos, alt) for pos, alts in sorted(raw.alternatives.items()) for alt in alts][:_MAX_TRIALS]
    mended: list[tuple[tuple[int, int], str, Normalised]] = []
    for (r, c), alt in trials:
        if r >= len(raw.grid) or c >= len(raw.grid[r]) or raw.grid[r][c] == alt:
            continue
        grid = [list(row) for row in raw.grid]
        grid[r][c] = alt
        trial = normalise(replace(raw, grid=grid, alternatives={}), label, unit)
        if _failures(trial) == 0 and any(ch.status == "pass" for ch in trial.checks):
            mended.append(((r, c), alt, trial))
    if len(mended) != 1:
        if mended:
            first.issues.append(Issue("ocr-ambiguous-repair",
                                      f"{label}: {len(mended)} different OCR readings would each satisfy the failed checks; left as read"))
        return first
    (r, c), alt, out = mended[0]
    out.corrections = {(r, c): alt, **out.corrections}
    out.issues.append(Issue(
        "ocr-repaired",
        f"{label}: row {r + 1} col {c + 1} read {raw.grid[r][c]!r}; the alternative reading {alt!r} satisfies "
        f"the {failing} failed check(s) and was kept",
    ))
    return out
