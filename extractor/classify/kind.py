"""Whether a report is a final account (决算) or a budget (预算).

The cover and contents say it ("2024年度单位决算公开", "2025年区级部门预算",
"第二部分 2018年度部门预算表"), and so do the table titles (…决算表 against
…预算表 / …预算总表). Bare 预算 is no evidence: a final account is full of
一般公共预算 and 预算单位, so only phrases that name the report or a table count.
The tables' labels (公开01, 预算05 …) or their titles tip the balance when the
front pages are silent.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["决算", "预算"]

# The report's own name on the cover or in the contents: strong evidence.
_REPORT = re.compile(
    r"(?:19|20)\d{2}年度?(?:区级|市级|县级|省级)?(?:部门|单位)?(决|预)算|(?:部门|单位)(决|预)算(?:公开|表|报告)"
)
# A table title: weaker, one vote per title.
_TABLE = re.compile(r"(决|预)算(?:明细|总)?表")
# In a title the last 决算/预算 names the report (一般公共预算财政拨款支出决算表, 2024年预算收支总表).
_LAST_KIND_WORD = re.compile(r"(决|预)算")
_LABEL_KIND = (
    (re.compile(r"^(公开\d{2}|绩效自评表|整体绩效自评表)$"), "决算"),
    (re.compile(r"^(预算\d{2}|绩效目标表|整体绩效目标表)$"), "预算"),
)
_REPORT_WEIGHT = 3


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("決", "决").replace("預", "预"))


def infer_document_kind(text_of_first_pages: str, labels: list[str] | None = None) -> Kind | None:
    """决算, 预算, or None when the evidence is absent or evenly split.

    ``labels`` are the tables' labels or, before classification, their titles.
    """
    text = _fold(text_of_first_pages)
    votes = {"决算": 0, "预算": 0}
    for m in _REPORT.finditer(text):
        votes[(m.group(1) or m.group(2)) + "算"] += _REPORT_WEIGHT
    for m in _TABLE.finditer(text):
        votes[m.group(1) + "算"] += 1
    for label in labels or ():
        kind = next((k for pattern, k in _LABEL_KIND if pattern.match(label)), None)
        if kind:
            votes[kind] += 1
        elif found := _LAST_KIND_WORD.findall(_fold(label)):
            votes[found[-1] + "算"] += 1
    if votes["决算"] == votes["预算"]:
        return None
    return "决算" if votes["决算"] > votes["预算"] else "预算"
