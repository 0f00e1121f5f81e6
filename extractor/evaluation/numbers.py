"""Reading the numbers printed in grid cells, for scoring.

The scorer needs its own small reader so that it judges every extractor the
same way, whatever the extractor's normaliser does: a cell is blank (empty or
a dash), a number ("1,126.92", "-3.5", "12.5%", full-width digits), or text.
The reader is strict on purpose: "1,12.6" or "12a" are text, so a misread
number is never silently accepted as some other number. That is also why it
is not ``extractor.normalise.numbers``: that reader repairs OCR slips (letters
for digits, misplaced separators, 一 read as a dash), and a judge must not
share the repairs of the extractor it judges.
"""

from __future__ import annotations

import re
import unicodedata

# Dashes printed for "no amount": -, —, ——, –, ―, ─ and their repeats.
_DASHES = frozenset("-‐‑‒–—―─−－")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(text: str) -> bool:
    """True for a cell that holds no amount: empty, spaces only, or dashes only."""
    return all(ch in _DASHES or ch.isspace() for ch in _clean(text))


def parse_number(text: str) -> float | None:
    """The number a cell holds, or None when it is blank or not a number.

    A trailing % is dropped (the contract stores percent cells as bare
    numbers); a leading U+2212 minus counts as a minus sign. Spaces inside
    ("1 126.92") make the cell text: they may join two numbers.
    """
    cleaned = _clean(text).replace("−", "-")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if not _NUMBER.fullmatch(cleaned):
        return None
    return float(cleaned.replace(",", ""))
