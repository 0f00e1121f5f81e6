"""Document-level facts (organisation, year, unit) from what the tables and the cover say."""

from __future__ import annotations

import re
from collections import Counter

from extractor.layout.context import find_year
from extractor.model import RawTable

_COVER_ORG = re.compile(r"^(.{2,40}?)(?:(?:19|20)\d{2}\s*年度?)?\s*(?:部门|单位)?\s*(?:预算|决算)")


def _majority(values: list) -> object | None:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def document_organization(tables: list[RawTable], cover_lines: list[str]) -> str | None:
    """The organisation printed in the tables' header fields, else the cover's first line."""
    org = _majority([t.context.organization for t in tables])
    if org:
        return str(org)
    for i, line in enumerate(cover_lines[:6]):
        text = line.strip()
        if not text or re.fullmatch(r"[\d\s]+", text):
            continue
        m = _COVER_ORG.match(text)
        if m and m.group(1).strip():
            return m.group(1).strip()
        if i + 1 < len(cover_lines) and re.search(r"(预算|决算)", cover_lines[i + 1]) and not re.search(r"(预算|决算|目\s*录)", text):
            return text
    return None


def document_year(tables: list[RawTable], cover_text: str) -> int | None:
    year = find_year(cover_text)
    if year:
        return year
    found = _majority([t.context.year for t in tables])
    return int(found) if found else None


def document_unit(units: list[str | None]) -> str | None:
    found = _majority(list(units))
    return str(found) if found else None
