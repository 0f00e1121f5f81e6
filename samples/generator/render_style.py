"""How one generated document looks: fonts, sizes, rules and header layout.

Every visual choice is drawn from the document's seed up front, so the page
flow and the table drawing are plain functions of (content, style) and the
same seed always gives the same bytes. Real reports differ in exactly these
ways between localities and office software, and the extractor must not come
to depend on any one of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from extractor.errors import MissingDependencyError

# reportlab embeds TrueType outlines only; the Noto CJK fonts are CFF and cannot be used.
_FONT_FILES: dict[str, tuple[str, int]] = {
    "UMingCN": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "ZenHei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "ZenHeiMono": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 1),
}
BODY_FONTS = ("UMingCN", "ZenHei")
# Office exports often set amounts in a Latin face; the standard PDF fonts need no embedding.
LATIN_FONTS = ("Helvetica", "Times-Roman")
TITLE_FONTS = ("ZenHei", "UMingCN", "ZenHeiMono")

CaptionPlace = Literal["above-left", "above-right", "below-title"]
HeaderLayout = Literal["one-line", "three-lines"]
Footer = Literal["none", "dash", "chinese"]


@lru_cache(maxsize=None)
def ensure_font(name: str) -> str:
    """Register a CJK font with reportlab once per process and return its name (standard fonts need nothing)."""
    if name in LATIN_FONTS:
        return name
    path, index = _FONT_FILES[name]
    if not Path(path).exists():
        raise MissingDependencyError(f"font file {path} is missing; install fonts-arphic-uming and fonts-wqy-zenhei")
    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    return name


@lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    """Cached: tables repeat the same labels and amounts many times over a corpus."""
    return pdfmetrics.stringWidth(text, ensure_font(font), size)


@dataclass(frozen=True)
class Style:
    body_font: str
    amount_font: str  # amounts (ASCII digits only) in the body font or a Latin face
    title_font: str
    title_size: float
    body_size: float  # prose
    table_size: float  # cell text, before shrinking a table to fit
    row_height: float  # minimum height of a one-line row
    cell_pad: float
    inner_rule: float
    outer_rule: float
    margin: float
    leading: float  # line spacing as a multiple of the font size
    caption: CaptionPlace
    header_layout: HeaderLayout
    repeat_header: bool  # repeat a table's header rows on its continuation pages
    table_new_page: bool  # every table starts on a fresh page
    orphan_titles: bool  # a table's title may end a page whose next page holds the rows, as in some real files
    stretch: bool  # tables fill the text width rather than keeping natural widths
    indent_names: bool  # item names indented by the depth of their code
    name_cap_chars: int  # a name column is at most this many characters wide before wrapping
    footer: Footer


def choose_style(seed: int) -> Style:
    rng = random.Random(f"style:{seed}")
    table_size = rng.choice([7.5, 8.0, 8.5, 9.0, 9.5, 10.0])
    body_font = rng.choice(BODY_FONTS)
    return Style(
        body_font=body_font,
        amount_font=rng.choice((body_font,) + LATIN_FONTS),
        title_font=rng.choice(TITLE_FONTS),
        title_size=rng.choice([14.0, 15.0, 16.0, 18.0]),
        body_size=rng.choice([10.0, 10.5, 11.0, 12.0]),
        table_size=table_size,
        row_height=round(table_size * rng.uniform(1.7, 2.4), 1),
        cell_pad=rng.choice([2.0, 2.5, 3.0, 4.0]),
        inner_rule=rng.choice([0.3, 0.5, 0.6, 0.75]),
        outer_rule=rng.choice([0.5, 0.75, 1.0, 1.5]),
        margin=rng.choice([42.0, 50.0, 56.0, 64.0, 72.0]),
        leading=rng.choice([1.5, 1.6, 1.8, 2.0]),
        caption=rng.choice(["above-left", "above-right", "below-title"]),
        header_layout=rng.choice(["one-line", "three-lines"]),
        repeat_header=rng.random() < 0.5,
        table_new_page=rng.random() < 0.7,
        orphan_titles=rng.random() < 0.15,
        stretch=rng.random() < 0.75,
        indent_names=rng.random() < 0.6,
        name_cap_chars=rng.choice([8, 10, 12, 14, 18]),
        footer=rng.choice(["none", "dash", "chinese"]),
    )
