"""Correcting printed item names against the code vocabulary.

A code pins down its standard name, so when the printed name is a near miss
(an OCR slip, a traditional character, a dropped character) the standard name
is used and the change is reported. A name that differs a lot is kept as
printed: localities rename items and the vocabulary is not complete.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from extractor.model import Issue
from extractor.normalise.numbers import clean
from extractor.vocab import name_for

_FOLD = str.maketrans("（）【】［］「」：", "()[][]\"\":")
# At most one differing character per five of the standard name (at least one):
# OCR slips and traditional forms, not an older or local name for the item.
CHARS_PER_SLIP = 5


def _key(text: str) -> str:
    return clean(text).translate(_FOLD)


def snap_name(code: str | None, printed: str | None) -> tuple[str | None, Issue | None]:
    """The item name to emit for a row, and an issue when it was corrected."""
    if not code:
        return printed, None
    standard = name_for(code)
    if standard is None:
        return printed, None
    if not printed:
        return standard, Issue("name-from-code", f"{code}: name missing, filled in as {standard}")
    if _key(printed) == _key(standard):
        return printed, None
    if differing_chars(_key(printed), _key(standard)) <= max(1, len(_key(standard)) // CHARS_PER_SLIP):
        return standard, Issue("name-snapped", f"{code}: printed name {printed!r} corrected to {standard!r}")
    return printed, None


def differing_chars(a: str, b: str) -> int:
    """Characters changed, inserted or dropped between two strings (by longest matching blocks)."""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
