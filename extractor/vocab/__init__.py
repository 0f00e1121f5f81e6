"""The code vocabulary: 支出功能分类 (functional) and 支出经济分类 (economic) codes and names.

Normalisers use it to check and correct item names (an OCR misread name is
snapped to the name its code pins down); the report generator draws realistic
rows from it. The data files list where each entry was verified
(``extractor/vocab/data/*.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, str]:
    text = resources.files(__package__).joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    return dict(json.loads(text)["codes"])


def functional_codes() -> dict[str, str]:
    """支出功能分类科目: 3-digit 类, 5-digit 款, 7-digit 项 codes to names."""
    return _load("functional")


def economic_codes() -> dict[str, str]:
    """支出经济分类科目 (部门预算): 3-digit 类 and 5-digit 款 codes to names."""
    return _load("economic")


def name_for(code: str) -> str | None:
    """The standard name of a functional (3/5/7 digits) or economic (3/5 digits, starting with 3) code."""
    if code.startswith(("30", "31", "39")) and len(code) in (3, 5):
        return economic_codes().get(code) or functional_codes().get(code)
    return functional_codes().get(code) or economic_codes().get(code)
