"""A document's numbered tables come in their fixed order: an unsure guess that fits it is taken.

The model's trust threshold is chosen so that trusted labels are right
99.8% of the time, and a table read by OCR sometimes falls just under it
(a 预算03 at 0.97). The reports print 公开01–10 and 预算01–13 in the
contract's order, each once, so a best guess that no other table of the
document took, and whose number lies between those of the trusted tables
before and after it, or follows the table just before it (precedes the one
just after), is taken; the table is then said to be typed by its place, so
a reader knows why.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.classify.model import Classification
from extractor.model import Issue

_NUMBERED = re.compile(r"^(公开|预算)(\d{2})$")
# Below this the model's best guess is no more than a guess, whatever its place.
_MIN_GUESS = 0.5


def _number(label: str) -> tuple[str, int] | None:
    match = _NUMBERED.match(label)
    return (match.group(1), int(match.group(2))) if match else None


def _next_to(trusted: list[tuple[str, int] | None], i: int, family: str, number: int) -> bool:
    """The table just before is number - 1, or the one just after number + 1: Shanghai prints its
    预算08 and 预算09 (政府性基金, 国有资本经营) before its 预算06, so only the closest neighbour vouches."""
    return (i > 0 and trusted[i - 1] == (family, number - 1)) or (i + 1 < len(trusted) and trusted[i + 1] == (family, number + 1))


def settle_by_sequence(verdicts: list[Classification], pages: list[int]) -> tuple[list[Classification], list[Issue]]:
    """The verdicts, in document order, with unsure numbered guesses taken where their place confirms them;
    ``pages`` is each table's first page, for the issues."""
    settled = list(verdicts)
    issues = []
    trusted = [None if v.low_confidence else _number(v.label) for v in verdicts]
    taken = {v.label for v in verdicts if not v.low_confidence}
    for i, verdict in enumerate(verdicts):
        guess = _number(verdict.best_guess)
        if not verdict.low_confidence or guess is None or verdict.best_confidence < _MIN_GUESS or verdict.best_guess in taken:
            continue
        family, number = guess
        before = [n for _, n in (t for t in trusted[:i] if t and t[0] == family)]
        after = [n for _, n in (t for t in trusted[i + 1 :] if t and t[0] == family)]
        if not before and not after:
            continue
        in_order = not (before and before[-1] >= number) and not (after and after[0] <= number)
        if not in_order and not _next_to(trusted, i, family, number):
            continue
        settled[i] = replace(verdict, label=verdict.best_guess, confidence=verdict.best_confidence, low_confidence=False)
        taken.add(verdict.best_guess)
        issues.append(Issue(
            "type-from-sequence",
            f"table t{i + 1}: typed {verdict.best_guess} by its place between the document's other numbered tables "
            f"(the model's {verdict.best_confidence:.2f} is under its trust threshold)",
            pages[i],
        ))
    return settled, issues
