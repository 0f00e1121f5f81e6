"""Hard variants of a training table: what real files do to tables.

Titles and captions go missing or sit on the previous page, OCR misreads a
few characters, a header is lost when a table is cut, a budget report
captions its tables 公开NN, and the report's kind may be unknown. Each
variant is drawn from a seeded ``random.Random`` so a training run is
reproducible.
"""

from __future__ import annotations

import copy
import random
import re

from extractor.model import RawTable
from extractor.tables.header import guess_header_rows

# Characters OCR confuses in these reports (each with look-alikes), plus filler for random misreads.
_CONFUSIONS = {
    "决": "夬泱块", "预": "顶须", "算": "箅筧", "支": "文友", "出": "山击", "收": "牧攸", "入": "人八",
    "拨": "拔援", "款": "欵歘", "经": "径轻", "费": "贵赀", "财": "材则", "政": "故玫", "表": "衣责",
    "公": "么", "开": "井幵", "总": "息", "计": "汁讣", "合": "台含", "项": "顼", "目": "日自", "本": "木未",
    "年": "午", "基": "墓其", "金": "全会",
}
_FILLER = "口日曰田由甲申电目白自一二三十土士工干于王"
_HAN = re.compile(r"[\u4e00-\u9fff]")
# An amount as printed (with decimals or thousands separators), not a 行次 number or a code.
_AMOUNT = re.compile(r"^\s*[-−]?[\d,，]*\d[.,，]\d+%?\s*$")


def garble(text: str, rng: random.Random, rate: float) -> str:
    """Misread about ``rate`` of the Chinese characters, preferring known look-alikes."""
    out = []
    for ch in text:
        if _HAN.match(ch) and rng.random() < rate:
            out.append(rng.choice(_CONFUSIONS.get(ch, _FILLER)))
        else:
            out.append(ch)
    return "".join(out)


def _garble_table(raw: RawTable, rng: random.Random, rate: float) -> None:
    raw.grid = [[garble(c, rng, rate) for c in row] for row in raw.grid]
    ctx = raw.context
    ctx.title = garble(ctx.title, rng, rate) if ctx.title else ctx.title
    ctx.caption = garble(ctx.caption, rng, rate) if ctx.caption else ctx.caption


def _cut(raw: RawTable, rng: random.Random) -> None:
    """Keep only a continuation piece: body rows without the header, as when a join fails."""
    body = raw.grid[raw.header_rows:]
    if len(body) < 4:
        return
    start = rng.randrange(0, len(body) // 2)
    raw.grid = body[start:]
    raw.confidence = [[1.0] * len(r) for r in raw.grid]
    raw.header_rows = guess_header_rows(raw.grid)
    raw.context.title = None
    raw.context.caption = None


def _blank(raw: RawTable, rng: random.Random) -> None:
    """Blank every amount, and often keep only a few rows, as in a published template or a table
    with no data: then only the title tells, say, an empty 公开05 from an empty 公开08."""
    body = [["" if _AMOUNT.match(c) else c for c in row] for row in raw.grid[raw.header_rows:]]
    if rng.random() < 0.5:
        body = body[:rng.randint(1, 8)]
    raw.grid = raw.grid[:raw.header_rows] + body
    raw.confidence = [[1.0] * len(r) for r in raw.grid]


def _other_layout(raw: RawTable, rng: random.Random) -> None:
    """Drop some columns and most rows: another locality's or year's layout of the same table,
    where the title is the steadiest evidence left."""
    n_cols = max(len(r) for r in raw.grid)
    if n_cols > 2:
        keep = sorted(rng.sample(range(n_cols), rng.randint(max(2, n_cols // 2), n_cols - 1)))
        raw.grid = [[row[j] for j in keep if j < len(row)] for row in raw.grid]
    raw.grid = raw.grid[:raw.header_rows + rng.randint(1, 6)]
    raw.confidence = [[1.0] * len(r) for r in raw.grid]


def _wrong_caption(label: str, rng: random.Random) -> str:
    """Jiangsu-style 公开NN captions on budget tables, or any caption at all."""
    m = re.match(r"预算(\d\d)$", label)
    if m and rng.random() < 0.6:
        return f"公开{m.group(1)}表"
    return rng.choice([f"公开{rng.randint(1, 12):02d}表", f"预算公开表{rng.randint(1, 13)}", f"部门公开表{rng.randint(1, 13)}"])


def variant(raw: RawTable, label: str, kind: str | None, rng: random.Random) -> tuple[RawTable, str | None]:
    """One damaged copy of ``raw`` and the report kind the classifier will be told."""
    out = copy.deepcopy(raw)
    ctx = out.context
    if rng.random() < 0.5:
        ctx.title = None
    if rng.random() < 0.5:
        ctx.caption = None
    elif rng.random() < 0.4:
        ctx.caption = _wrong_caption(label, rng)
    if rng.random() < 0.15:
        _cut(out, rng)
    elif rng.random() < 0.15 and out.header_rows > 0:
        out.grid = out.grid[1:]
        out.header_rows = guess_header_rows(out.grid)
    if rng.random() < 0.2:
        _blank(out, rng)
    if rng.random() < 0.15:
        _other_layout(out, rng)
    if rng.random() < 0.35:
        _garble_table(out, rng, rate=rng.choice((0.03, 0.08, 0.15)))
    return out, (None if rng.random() < 0.2 else kind)


def stripped(raw: RawTable) -> RawTable:
    """The table with its title and caption removed: content alone must carry the label."""
    out = copy.deepcopy(raw)
    out.context.title = None
    out.context.caption = None
    return out
