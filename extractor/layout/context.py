"""What the lines around a table say about it: title, caption, unit, organisation, year.

Pure functions over text lines, so the digital and the OCR path read context
the same way.
"""

from __future__ import annotations

import re

from extractor.model import TableContext
from extractor.layout.text import tidy

_CAPTION = re.compile(
    r"(公开\s*\d{1,2}\s*表|预算公开表\s*\d{1,2}(?!\d)|部门公开表\s*\d{1,2}(?!\d)|表\s*[一二三四五六七八九十]{1,3}(?=\s|\d{4}|$)|附表\s*\d{1,2}(?!\d))"
)
# OCR can lose the colon and leave a gap ("金额单位  万元").
_UNIT = re.compile(r"单\s*位\s*(?:[：:]|\s)\s*(万\s*元|元)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ORG = re.compile(
    r"(?:部门|单位|编制部门|预算单位|预算主管部门)(?:名称)?(?:\s*[：:]\s*|\s{2,})(?!万\s*元|元\b)(.+?)\s*(?=(?:19|20)\d{2}\s*年|金额单位|单\s*位\s*[：:]|单\s*位\s*(?:[万千亿]\s*)?元|\s{2,}|$)"
)
_TITLE_END = re.compile(r"(表|情况表|申报表)\s*(?:[（(][^（()）]{1,20}[)）])?$")
_HEADER_FIELD = re.compile(r"^(?:部门|单位|编制部门|预算单位)(?:名称)?[：:]|^金额单位|^单位[：:]|^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$")
# A page number between dashes may come out of OCR with its digits misread as letters (- 6 - as -n-)
# or its dashes as any other mark (-4. and .9., •7- on blurred scans, which closed tables at their
# first page): a number between marks that are neither letters, digits nor Chinese.
_PAGE_NUMBER = re.compile(r"^\W*\d{1,3}\W*$|^\W+[0-9A-Za-z]{1,3}\W+$|^第\d+页(共\d+页)?$|^\d{1,3}/\d{1,3}$")


def find_caption(text: str) -> str | None:
    """The caption (公开01表, 预算公开表1 …) on one line, else across a line break (公开02 / 表)."""
    for candidate in [*text.split("\n"), text.replace("\n", "")]:
        m = _CAPTION.search(candidate)
        if m:
            return re.sub(r"\s+", "", m.group(1))
    return None


def find_unit(text: str) -> str | None:
    m = _UNIT.search(text)
    return re.sub(r"\s+", "", m.group(1)) if m else None


def find_year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def find_organization(text: str) -> str | None:
    m = _ORG.search(text)
    if not m:
        return None
    org = tidy(m.group(1))
    return org or None


_ONE_CHARACTER_NOTES = ("注", "无")


def is_noise_line(line: str) -> bool:
    """Page numbers and similar furniture that say nothing about a table, and the stray letter or
    mark OCR makes of a speck or a seal's edge (a 'C' under a table closed it to its continuation).
    A character alone on its line says nothing either, unless it is a note's word (注, 无): OCR read
    the page number - 5 - as 己, which closed a 预算04 at its first page (seeds 9930, 9940)."""
    flat = re.sub(r"\s+", "", line)
    stray = (len(flat) == 1 and flat not in _ONE_CHARACTER_NOTES) or (len(flat) <= 2 and not re.search(r"[\u4e00-\u9fff\d]", flat))
    return stray or bool(_PAGE_NUMBER.match(flat))


def find_title(lines: list[str]) -> str | None:
    """The nearest line above the table that reads like a table title."""
    for raw in reversed(lines):
        line = tidy(_CAPTION.sub(" ", raw))
        if not line or _HEADER_FIELD.match(line) or is_noise_line(line):
            continue
        if _TITLE_END.search(line) and re.search(r"[\u4e00-\u9fff]{3}", line):
            return line
    return None


def read_context(lines_above: list[str], lines_below: list[str]) -> TableContext:
    above = [ln for ln in lines_above if ln.strip() and not is_noise_line(ln)]
    joined = "\n".join(above)
    flat = " ".join(above)
    return TableContext(
        title=find_title(above),
        caption=find_caption(joined),
        organization=find_organization(flat),
        year=find_year(flat),
        unit=find_unit(flat),
        lines_above=above,
        lines_below=[ln for ln in lines_below if ln.strip() and not is_noise_line(ln)],
    )
