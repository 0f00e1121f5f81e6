"""A second opinion on amounts the primary reader is unsure of.

Amounts are where OCR errors hurt: a 6 read as 8 passes every format check
and breaks a total. When the primary reading of a number-like cell is
unconfident or does not parse, a second engine restricted to digits reads
the same box, and both readings travel on (best first) so the normaliser can
keep the one that satisfies the table's sums.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from extractor.model import BBox
from extractor.normalise.numbers import is_blank, read_number
from extractor.ocr.engine import DOUBTFUL, CellReading, OcrEngine

# Below this the primary's reading of an amount is checked. Measured on 1,130
# amounts of three real reports scanned at 150-300 dpi (all read right): 99%
# scored above 0.999, the lowest 0.927. A second read costs ~10 ms.
CONFIDENT = 0.98
# Share of characters that must be digits or number marks for a cell to be an amount.
_NUMBERISH_SHARE = 0.6
# Letters a recogniser makes of a blurred digit (a lone 0 read as O): they count towards an amount.
_NUMBER_MARKS = set("0123456789.,-()%") | set("OoDlI|SB")


def looks_like_amount(text: str) -> bool:
    """Mostly digits, number marks and digit look-alikes: an amount, possibly misread."""
    t = "".join(text.split())
    if not t:
        return False
    return sum(ch in _NUMBER_MARKS for ch in t) >= _NUMBERISH_SHARE * len(t)


def _parses(text: str) -> bool:
    reading = read_number(text)
    return reading.ok and reading.flag is None and (reading.value is not None or is_blank(text))


def _beyond_digits_reader(text: str) -> bool:
    """Chinese or a comparison sign (≥95%, ≤87.67万元): a target, not an amount, and ink that a
    digits-only reader cannot see, so its shorter reading would win by parsing and drop them."""
    return any(unicodedata.category(ch) in ("Lo", "Sm") for ch in text)


def needs_second_reading(reading: CellReading) -> bool:
    """An amount read with low confidence, or one that does not parse as a number."""
    if not looks_like_amount(reading.text) or _beyond_digits_reader(reading.text):
        return False
    return reading.confidence < CONFIDENT or not _parses(reading.text)


def combine(primary: CellReading, second: CellReading) -> CellReading:
    """Both readings, best first: one that parses beats one that does not, then the more confident.

    When they disagree the confidence is capped, so the cell is reported as
    uncertain unless the normaliser's sums settle it.
    """
    readings = [primary] + ([second] if second.text and second.text != primary.text else [])
    ranked = sorted(readings, key=lambda r: (_parses(r.text), r.confidence), reverse=True)
    best = ranked[0]
    others = tuple(r.text for r in ranked[1:]) + tuple(a for a in primary.alternatives if a != best.text)
    agree = len(readings) == 1 or read_number(primary.text).value == read_number(second.text).value
    confidence = max(primary.confidence, second.confidence) if agree else min(best.confidence, 0.5)
    return CellReading(best.text, confidence, tuple(dict.fromkeys(others)))


def is_doubtful_amount(reading: CellReading) -> bool:
    return reading.confidence < DOUBTFUL and looks_like_amount(reading.text) and not _beyond_digits_reader(reading.text)


def with_sharper_reading(reading: CellReading, sharper: CellReading) -> CellReading:
    """A doubtful amount weighed against the primary engine's reading of a sharper image of it.

    The sharper reading settles the cell when it parses and agrees with one of
    the readings already made (two readers out of three); a new reading is kept
    as one more alternative for the table's sums to decide, and the cell stays
    in doubt.
    """
    if not sharper.text or not _parses(sharper.text):
        return reading
    earlier = (reading.text,) + reading.alternatives
    if sharper.text in earlier:
        others = tuple(t for t in earlier if t != sharper.text)
        return CellReading(sharper.text, max(sharper.confidence, reading.confidence), others)
    return CellReading(reading.text, reading.confidence, tuple(dict.fromkeys(reading.alternatives + (sharper.text,))))


def read_numeric_cells(
    image: np.ndarray,
    boxes: list[BBox],
    readings: list[CellReading],
    second: OcrEngine,
) -> list[CellReading]:
    """``readings`` with the unsure amounts re-read by ``second`` (a digits-only engine) and combined."""
    unsure = [i for i, r in enumerate(readings) if needs_second_reading(r)]
    if not unsure:
        return list(readings)
    rereads = second.read_cells(image, [boxes[i] for i in unsure])
    out = list(readings)
    for i, reread in zip(unsure, rereads):
        out[i] = combine(readings[i], reread)
    return out


_TWO_DECIMALS = re.compile(r"^-?[\d,]*\d\.\d{2}$")
_BARE_INTEGER = re.compile(r"^-?\d[\d,]*\d\d$")
# Share of a column's amounts that must show two decimals before a bare integer in it is doubted.
_DECIMAL_COLUMN_SHARE = 0.7
_MIN_COLUMN_AMOUNTS = 3


def doubt_lost_points(columns: list[int], readings: list[CellReading]) -> list[CellReading]:
    """Mark amounts that probably lost their decimal point to blur (13525 among 135.25-style amounts).

    In a column printed with two decimals throughout, a bare integer of three
    or more digits is kept as read but gets a low confidence and the reading
    with the point restored as an alternative, for the sums to decide.
    """
    by_column: dict[int, list[str]] = {}
    for col, reading in zip(columns, readings):
        if looks_like_amount(reading.text) and not is_blank(reading.text):
            by_column.setdefault(col, []).append(reading.text)
    decimal_columns = {
        col
        for col, texts in by_column.items()
        if len(texts) >= _MIN_COLUMN_AMOUNTS and sum(bool(_TWO_DECIMALS.match(t)) for t in texts) >= _DECIMAL_COLUMN_SHARE * len(texts)
    }
    out = []
    for col, reading in zip(columns, readings):
        if col in decimal_columns and _BARE_INTEGER.match(reading.text):
            restored = f"{reading.text[:-2]}.{reading.text[-2:]}"
            reading = CellReading(reading.text, min(reading.confidence, 0.5), (restored,) + reading.alternatives)
        out.append(reading)
    return out


# Amounts print two decimals (万元) or none (元): three digits after a point are a thousands comma read as one.
_POINT_FOR_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def doubt_points_for_commas(readings: list[CellReading]) -> list[CellReading]:
    """Read 116.012 as 116,012: a thousands comma misread as a point, reported as a doubt with the reading kept as an alternative."""
    out = []
    for reading in readings:
        if _POINT_FOR_COMMA.match(reading.text):
            comma = reading.text.replace(".", ",")
            reading = CellReading(comma, min(reading.confidence, 0.5), (reading.text,) + reading.alternatives)
        out.append(reading)
    return out
