"""What the table classifier looks at: a table's words, codes and shape.

Titles and captions are only part of the evidence: in real files they are
often missing, garbled or on the previous page, and a budget report may
caption its tables 公开01…12 like a final-accounts report. So every feature
group below stands on its own — header cells, the items of the first
columns, the classification codes, the grid's shape, the report's kind — and
the model learns how far to trust each one.

Features are sparse string -> 1.0 maps (names prefixed by their group), so
the vectoriser keeps a readable vocabulary and a new group never collides
with an old one. Pure functions: the same table always gives the same map.
"""

from __future__ import annotations

import re

from extractor.layout.text import tidy
from extractor.model import RawTable
from extractor.normalise.numbers import is_blank, looks_numeric

#: Bumped whenever the features change, so a stale model artefact is refused.
FEATURE_VERSION = 3

# Header rows looked at when the header guess is unusable (0, or the whole grid of an empty table).
_MAX_HEADER_ROWS = 5
# Body rows looked at: enough to see the items, few enough to stay fast on long tables.
_MAX_BODY_ROWS = 40
# Whole-cell tokens only for short cells (labels such as 本年收入合计); long prose adds only noise.
_MAX_TOKEN_CELL = 16

_FOLD = str.maketrans("（）【】［］：；，“”‘’決結預", "()[][]:;,\"\"''决结预")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?|[(（]\s*(?:19|20)\d{2}\s*年?度?\s*[)）]")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CAPTION = re.compile(r"(预算公开表|部门公开表|公开|附表|表)\s*0?(\d{1,2})")
# The words that tell the standard tables apart: the funds a table covers, what it lists, and
# the report it belongs to. Read left to right, longest first, they give a title's signature
# (一般公共预算+财政拨款+支出+决算), which stays the same across localities' prefixes and wording
# and so outweighs the many title bigrams that several tables share.
_KEYWORDS = sorted((
    "一般公共预算", "政府性基金", "国有资本经营", "财政拨款", "三公", "机关运行经费", "基本支出", "项目支出",
    "收支", "收入", "支出", "总表", "明细", "经济", "功能", "决算", "预算", "绩效", "自评", "目标", "整体",
    "统计", "上年结转", "政府采购",
), key=len, reverse=True)


def normalise_text(text: str) -> str:
    """Tidy, fold full-width punctuation and traditional forms, drop years and spaces."""
    return re.sub(r"\s+", "", _YEAR.sub("", tidy(text).translate(_FOLD)))


def _grams(prefix: str, text: str, sizes: tuple[int, ...] = (2,)) -> set[str]:
    out: set[str] = set()
    for n in sizes:
        out.update(f"{prefix}{text[i:i + n]}" for i in range(len(text) - n + 1))
    if 0 < len(text) < min(sizes):
        out.add(f"{prefix}{text}")
    return out


def title_keywords(title: str) -> list[str]:
    words, i = [], 0
    while i < len(title):
        word = next((w for w in _KEYWORDS if title.startswith(w, i)), None)
        if word:
            words.append(word)
        i += len(word) if word else 1
    return words


def _title_features(title: str) -> set[str]:
    if not title:
        return {"t:none"}
    words = title_keywords(title)
    return _grams("t:", title, (2, 3)) | {f"tk:{w}" for w in words} | {f"tsig:{'+'.join(words)}"}


def _caption_features(caption: str | None) -> set[str]:
    if not caption:
        return {"cap:none"}
    m = _CAPTION.search(normalise_text(caption))
    if not m:
        return {"cap:other"}
    family = m.group(1)
    return {f"cap:{family}", f"cap:{family}#{int(m.group(2))}"}


def _header_block(raw: RawTable) -> tuple[list[list[str]], list[list[str]]]:
    """The header rows and the body rows, trusting the header guess only when it is plausible."""
    grid = raw.grid
    h = raw.header_rows
    if h <= 0 or h >= len(grid) or h > _MAX_HEADER_ROWS + 2:
        h = min(_MAX_HEADER_ROWS, max(1, len(grid) // 2)) if len(grid) > 1 else len(grid)
    return grid[:h], grid[h:h + _MAX_BODY_ROWS]


def _cell_features(prefix: str, cells: set[str]) -> set[str]:
    out: set[str] = set()
    for cell in cells:
        if len(cell) <= _MAX_TOKEN_CELL:
            out.add(f"{prefix}c:{cell}")
        out |= _grams(f"{prefix}:", cell)
    return out


def _text_cells(rows: list[list[str]]) -> set[str]:
    cells = set()
    for row in rows:
        for c in row:
            t = normalise_text(c)
            if t and not is_blank(t) and not looks_numeric(t):
                cells.add(_ORDINAL.sub("", t) or t)
    return cells


def _code_features(rows: list[list[str]]) -> set[str]:
    out: set[str] = set()
    for row in rows:
        for c in row[:4]:
            t = normalise_text(c)
            if _CODE.match(t):
                out.add(f"code:{t[:3]}")
                out.add(f"codelen:{len(t)}")
    if out:
        classes = {f[5:] for f in out if f.startswith("code:")}
        out.add("codes:function" if any(c.startswith("2") for c in classes) else "codes:other")
        if any(c.startswith("3") for c in classes):
            out.add("codes:economic")
    return out


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value > e for e in edges)


def _shape_features(grid: list[list[str]], body: list[list[str]]) -> set[str]:
    n_cols = max((len(r) for r in grid), default=0)
    cells = [c for r in body for c in r]
    numeric = sum(looks_numeric(c) for c in cells)
    filled = sum(not is_blank(c) for c in cells)
    out = {
        f"ncol:{min(n_cols, 16)}",
        f"nrow:{_bucket(len(grid), (3, 8, 20, 40))}",
        f"numeric:{_bucket(numeric / len(cells), (0.0, 0.2, 0.5)) if cells else 'none'}",
        f"filled:{_bucket(filled / len(cells), (0.0, 0.3, 0.7)) if cells else 'none'}",
    }
    top = [normalise_text(c) for r in grid[:2] for c in r]
    if any(c.startswith("收入") for c in top) and any(c.startswith("支出") or c.endswith("支出") for c in top):
        out.add("two-sided")
    return out


def table_features(raw: RawTable, doc_kind: str | None) -> dict[str, float]:
    """The sparse feature map of one table; ``doc_kind`` is the report's 决算/预算 or None."""
    ctx = raw.context
    feats: set[str] = {f"kind:{doc_kind or 'none'}"}
    title = normalise_text(ctx.title or "")
    feats |= _title_features(title)
    feats |= _caption_features(ctx.caption)
    header, body = _header_block(raw)
    feats |= _cell_features("h", _text_cells(header))
    feats |= _cell_features("b", _text_cells(body))
    feats |= _code_features(body)
    feats |= _shape_features(raw.grid, body)
    return dict.fromkeys(sorted(feats), 1.0)
