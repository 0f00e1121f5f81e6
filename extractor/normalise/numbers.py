"""Reading the amounts printed in the tables.

Cells come from a PDF text layer or from OCR, so besides the clean
``1,126.92`` we meet full-width digits, spaces inside numbers, dashes meaning
"nothing", accounting parentheses and thousands separators read as points
(``1.126.92``). Each reading says whether it had to guess, so the caller can
warn the person checking the result.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋％（）　：",
    "0123456789.,-+%() :",
)
# OCR confusions between letters and digits, applied only to cells that are
# otherwise numeric.
_LETTER_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"})
_DASHES = set("-—–―‐‑−一~～_/")
_NUMERIC = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_SMALL_INT = re.compile(r"^\d{1,3}$")

#: Reading flags: ``misread-separator`` (a thousands separator read as a
#: point or comma), ``ocr-letter`` (a letter read where a digit belongs).
MISREAD_SEPARATOR = "misread-separator"
OCR_LETTER = "ocr-letter"


class Reading(NamedTuple):
    """One cell read as a number: ``value`` None for an empty cell or a dash."""

    value: float | None
    ok: bool  # False: the cell holds text that is not a number
    flag: str | None = None  # set when the reading had to repair the text


def dash_read_as_one(text: str) -> str | None:
    """The dash OCR read as 一 (its reading of — and ——, with a speck read as _ beside it), or None
    for any other text, a dash read as a dash included."""
    t = clean(text)
    return "—" * len(t) if "一" in t and all(ch in _DASHES for ch in t) else None


def clean(text: str) -> str:
    """The cell text with full-width forms folded and all whitespace removed."""
    return re.sub(r"\s+", "", text.translate(_FULL_WIDTH))


def is_blank(text: str) -> bool:
    """True for an empty cell or one holding only dashes (printed as 'no amount')."""
    t = clean(text)
    return t == "" or all(ch in _DASHES for ch in t)


def read_number(text: str) -> Reading:
    """Parse one cell; never raises."""
    if is_blank(text):
        return Reading(None, True)
    t = clean(text).rstrip("%")
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    if t.startswith("-"):
        negative, t = not negative, t[1:]
    elif t.startswith("+"):
        t = t[1:]
    value, flag = _unsigned(t)
    if value is None:
        repaired = t.translate(_LETTER_DIGITS)
        if repaired != t:
            value, inner = _unsigned(repaired)
            flag = inner or OCR_LETTER
    if value is None:
        return Reading(None, False)
    return Reading(-value if negative else value, True, flag)


def _unsigned(t: str) -> tuple[float | None, str | None]:
    if _NUMERIC.match(t):
        return float(t), None
    if _GROUPED.match(t):
        return float(t.replace(",", "")), None
    return _misread_separators(t)


def _misread_separators(t: str) -> tuple[float | None, str | None]:
    """``1.126.92`` / ``1,126,92`` / ``1.126,92``: separators read as the wrong mark.

    The last mark is the decimal point when two digits follow it; every
    earlier mark must separate groups of three digits.
    """
    parts = re.split(r"[.,]", t)
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return None, None
    head, groups, last = parts[0], parts[1:-1], parts[-1]
    if not _SMALL_INT.match(head) or any(len(g) != 3 for g in groups):
        return None, None
    if len(last) == 3 and groups == [] and "," in t:
        return None, None  # "1,234" is a clean grouping handled earlier
    if len(last) == 3:
        return float(head + "".join(groups) + last), MISREAD_SEPARATOR
    if len(parts) == 2:
        return float(f"{head}.{last}"), MISREAD_SEPARATOR  # "126,92": decimal comma
    return float(f"{head}{''.join(groups)}.{last}"), MISREAD_SEPARATOR


def repair_digits(text: str) -> str:
    """A digit string with OCR letter confusions (O for 0, l for 1) undone; other text unchanged."""
    t = clean(text)
    fixed = t.translate(_LETTER_DIGITS)
    return fixed if fixed.isdigit() else t


def looks_numeric(text: str) -> bool:
    """True when the cell holds a number (not a blank, not text)."""
    r = read_number(text)
    return r.ok and r.value is not None


_UNIT_FACTORS = {"元": 1.0, "千元": 1_000.0, "万元": 10_000.0, "亿元": 100_000_000.0}


def convert(value: float | None, from_unit: str, to_unit: str) -> float | None:
    """An amount in ``from_unit`` expressed in ``to_unit`` (元, 千元, 万元, 亿元)."""
    if value is None:
        return None
    try:
        factor = _UNIT_FACTORS[from_unit] / _UNIT_FACTORS[to_unit]
    except KeyError as exc:
        raise ValueError(f"unknown money unit {exc.args[0]!r}; expected one of {sorted(_UNIT_FACTORS)}") from None
    return round(value * factor, 10)


def unit_of(text: str | None) -> str | None:
    """The money unit named in a caption such as '金额单位：万元' or '单位:元'."""
    if not text:
        return None
    t = clean(text)
    for unit in ("亿元", "万元", "千元", "元"):
        if unit in t:
            return unit
    return None
