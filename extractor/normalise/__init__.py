"""The normalise stage: a detected table and its label -> columns, records or form, and checks.

``normalise_table`` picks the reader for the table's family (two-sided
summaries, coded tables, the 公开06 detail, 三公, the 公开10 statistics, the
performance forms) and reports what it could not read as issues. A failed
identity is information about the document, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extractor.model import Issue, Normalised, RawTable
from extractor.normalise.basic_detail import normalise_basic_detail
from extractor.normalise.coded import normalise_coded
from extractor.normalise.corrections import changed_cells
from extractor.normalise.forms import normalise_form
from extractor.normalise.numbers import read_number
from extractor.normalise.repair import repair_by_identities
from extractor.normalise.sangong import normalise_sangong
from extractor.normalise.stats import normalise_stats
from extractor.normalise.two_sided import normalise_two_sided
from extractor.ocr.engine import DOUBTFUL

Reader = Callable[[RawTable, str], Normalised]

TWO_SIDED = ("公开01", "公开04", "预算01", "预算04")
FORMS = ("绩效自评表", "整体绩效自评表", "绩效目标表", "整体绩效目标表")
_READERS: dict[str, Reader] = {
    **{label: normalise_two_sided for label in TWO_SIDED},
    **{label: normalise_form for label in FORMS},
    "公开06": normalise_basic_detail,
    "公开09": normalise_sangong,
    "预算10": normalise_sangong,
    "公开10": normalise_stats,
}


def reader_for(label: str) -> Reader:
    """The reader for a label; coded tables are the default (also for 其他)."""
    return _READERS.get(label, normalise_coded)


def normalise_table(raw: RawTable, label: str, unit: str | None) -> Normalised:
    """Normalise one table; an OCR misreading that an identity pins down is mended from the other readings."""
    return repair_by_identities(raw, label, unit, _normalise_as_read(raw, label, unit), _normalise_as_read)


def _normalise_as_read(raw: RawTable, label: str, unit: str | None) -> Normalised:
    """Normalise one table; never raises for bad content, reports it in ``issues``."""
    if not raw.grid or not any(any(c.strip() for c in row) for row in raw.grid):
        columns = {} if label in FORMS else {"": []}
        return Normalised(columns=columns, issues=[Issue("empty-table", f"{label}: the table has no cells to read", _page(raw))])
    fixed, issues = prefer_alternatives(raw)
    issues += doubtful_cells(fixed)
    try:
        out = reader_for(label)(fixed, label)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
        # A layout this reader does not understand: keep the table, say so.
        columns = {} if label in FORMS else {"": []}
        return Normalised(columns=columns, issues=issues + [Issue("normalise-failed", f"{label}: could not read the table ({exc})", _page(raw))])
    if unit is None and out.records and label not in FORMS:
        issues.append(Issue("unit-unknown", f"{label}: no money unit printed; amounts are as printed"))
    page = _page(raw)
    out.issues = [replace(i, page=i.page if i.page is not None else page) for i in issues + out.issues]
    out.corrections = {**changed_cells(raw.grid, fixed.grid), **out.corrections}
    return out


_LISTED = 5


def doubtful_cells(raw: RawTable) -> list[Issue]:
    """One warning naming the cells OCR read with low confidence, for a person to look at: amounts,
    and codes and names too, as a code part under a seal read as 'on' (0.19) took its row's code."""
    doubtful = [
        f"row {i + 1} col {j + 1} {text!r} ({conf:.2f})"
        for i, (row, confs) in enumerate(zip(raw.grid, raw.confidence))
        for j, (text, conf) in enumerate(zip(row, confs))
        if conf < DOUBTFUL and text.strip()
    ]
    if not doubtful:
        return []
    more = f", … {len(doubtful) - _LISTED} more" if len(doubtful) > _LISTED else ""
    return [Issue("low-confidence", f"{len(doubtful)} cells read with low OCR confidence: {', '.join(doubtful[:_LISTED])}{more}")]


def _number_like(text: str) -> bool:
    """Mostly digits: an amount OCR may have garbled (1O66.3S), not a name."""
    t = re.sub(r"\s+", "", text)
    return bool(t) and sum(ch.isdigit() for ch in t) * 2 >= len(t)


def _page(raw: RawTable) -> int | None:
    return raw.pages[0] if raw.pages else None


def prefer_alternatives(raw: RawTable) -> tuple[RawTable, list[Issue]]:
    """Replace an OCR reading that is not a clean number by an alternative reading that is.

    Only cells that look numeric are touched, and only when an alternative
    parses without repair, so names and text are never rewritten here.
    """
    if not raw.alternatives:
        return raw, []
    grid = [list(r) for r in raw.grid]
    issues = []
    for (i, j), alts in raw.alternatives.items():
        if i >= len(grid) or j >= len(grid[i]):
            continue
        text = grid[i][j]
        first = read_number(text)
        if not _number_like(text) or (first.ok and first.flag is None):
            continue
        for alt in alts:
            r = read_number(alt)
            if r.ok and r.flag is None and r.value is not None:
                grid[i][j] = alt
                issues.append(Issue("ocr-alternative", f"row {i + 1} col {j + 1}: {text!r} read as {alt!r} (alternative OCR reading)"))
                break
    return replace(raw, grid=grid), issues


__all__ = ["normalise_table", "reader_for", "prefer_alternatives", "doubtful_cells", "TWO_SIDED", "FORMS"]
