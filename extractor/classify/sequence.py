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
# A label the model ranks lower is taken only where both neighbours pin its number, and only with this much.
_MIN_PINNED = 0.1


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
        if not verdict.low_confidence:
            continue
        label = _best_fits(verdict, trusted, i, taken) or _pinned(verdict, trusted, i, taken)
        if label is None:
            continue
        confidence = dict(verdict.ranked).get(label, verdict.best_confidence)
        settled[i] = replace(verdict, label=label, confidence=confidence, low_confidence=False)
        taken.add(label)
        guessed = "" if label == verdict.best_guess else f"; its best guess was {verdict.best_guess}"
        issues.append(Issue(
            "type-from-sequence",
            f"table t{i + 1}: typed {label} by its place between the document's other numbered tables "
            f"(the model's {confidence:.2f} is under its trust threshold{guessed})",
            pages[i],
        ))
    return settled, issues


def _best_fits(verdict: Classification, trusted: list[tuple[str, int] | None], i: int, taken: set[str]) -> str | None:
    """The model's best guess, where it is a fair guess, no other table took it, and its place fits it."""
    guess = _number(verdict.best_guess)
    if guess is None or verdict.best_confidence < _MIN_GUESS or verdict.best_guess in taken:
        return None
    family, number = guess
    before = [n for _, n in (t for t in trusted[:i] if t and t[0] == family)]
    after = [n for _, n in (t for t in trusted[i + 1 :] if t and t[0] == family)]
    if not before and not after:
        return None
    in_order = not (before and before[-1] >= number) and not (after and after[0] <= number)
    return verdict.best_guess if in_order or _next_to(trusted, i, family, number) else None


def _pinned(verdict: Classification, trusted: list[tuple[str, int] | None], i: int, taken: set[str]) -> str | None:
    """The one number the tables just before and after leave (预算05 between a 预算04 and a 预算06), when
    the model ranks it among its likeliest: a 预算05 whose title was lost reads like a 预算03, which
    the document already has."""
    if i == 0 or i + 1 >= len(trusted) or trusted[i - 1] is None or trusted[i + 1] is None:
        return None
    (family, before), (after_family, after) = trusted[i - 1], trusted[i + 1]
    if family != after_family or after != before + 2:
        return None
    label = f"{family}{before + 1:02d}"
    return label if label not in taken and dict(verdict.ranked).get(label, 0.0) >= _MIN_PINNED else None
