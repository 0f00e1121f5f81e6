"""Page flow: places a document's blocks on pages and records where each landed.

The result is data only (``Placement``): the pages with everything to paint,
and for every block the pages it occupies. For a table those are the pages
holding its rows, which is what the truth's ``pages`` must say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape

from samples.generator.render_page import Align, Item, PageLayout, Text
from samples.generator.render_style import Style, text_width
from samples.generator.render_table import TableGeometry, draw_slice, measure_table, natural_width, wrap
from samples.generator.spec import Block, Cover, DocSpec, Prose, TableSpec, Toc

_TOC_NUMBERING = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d+[.、])\s*")


_Line = tuple[str, str, float, Align, float]  # text, font, size, align, line gap (multiple of size)


@dataclass
class Placement:
    pages: list[PageLayout]
    block_pages: list[list[int]]  # 1-based page numbers per block, in block order


@dataclass
class _Cursor:
    """Where the next line goes; the only mutable state of a layout run."""

    style: Style
    pages: list[PageLayout] = field(default_factory=list)
    y: float = 0.0
    touched: set[int] = field(default_factory=set)  # pages the current block has drawn on

    @property
    def page(self) -> PageLayout:
        return self.pages[-1]

    @property
    def number(self) -> int:
        return len(self.pages)

    @property
    def left(self) -> float:
        return self.style.margin

    @property
    def right(self) -> float:
        return self.page.width - self.style.margin

    @property
    def room(self) -> float:
        return self.page.height - self.style.margin - self.y

    def new_page(self, wide: bool = False) -> None:
        w, h = landscape(A4) if wide else A4
        self.pages.append(PageLayout(w, h))
        self.y = self.style.margin

    def ensure(self, height: float, wide: bool = False) -> None:
        if not self.pages or self.room < height or self.is_wide != wide:
            self.new_page(wide)

    @property
    def is_wide(self) -> bool:
        return self.page.width > self.page.height

    @property
    def fresh(self) -> bool:
        return self.y <= self.style.margin

    def add(self, items: list[Item]) -> None:
        self.page.items.extend(items)
        self.touched.add(self.number)

    def line(self, text: str, font: str, size: float, align: Align, gap: float = 1.5, wide: bool = False,
             span: tuple[float, float] | None = None) -> None:
        """One line of text aligned within ``span`` (default: the text width of the page)."""
        self.ensure(size * gap, wide)
        left, right = span or (self.left, self.right)
        x = {"left": left, "right": right, "centre": (left + right) / 2}[align]
        self.add([Text(x, self.y + size, text, font, size, align)])
        self.y += size * gap


def lay_out(spec: DocSpec, style: Style) -> Placement:
    cursor = _Cursor(style)
    block_pages: list[list[int]] = []
    tocs: list[tuple[int, Toc, float]] = []
    previous: Block | None = None
    for block in spec.blocks:
        cursor.touched = set()
        if isinstance(block, Cover):
            _cover(cursor, block, spec.year)
        elif isinstance(block, Toc):
            cursor.new_page()
            tocs.append((cursor.number, block, _toc_space(cursor, block)))
        elif isinstance(block, Prose):
            if not isinstance(previous, Prose):
                cursor.new_page()
            _prose(cursor, block)
        else:
            _table(cursor, block)
        block_pages.append(sorted(cursor.touched))
        previous = block
    for page_number, toc, step in tocs:
        _toc_entries(cursor.pages[page_number - 1], style, toc, step, spec.blocks, block_pages)
    _footers(cursor.pages, style, has_cover=bool(spec.blocks) and isinstance(spec.blocks[0], Cover))
    return Placement(cursor.pages, block_pages)


def _cover(cursor: _Cursor, cover: Cover, year: int) -> None:
    style = cursor.style
    cursor.new_page()
    cursor.y = cursor.page.height * 0.33
    cursor.line(cover.organization, style.title_font, style.title_size + 8, "centre", gap=2.5)
    cursor.line(cover.title, style.title_font, style.title_size + 6, "centre", gap=2.5)
    cursor.y = cursor.page.height * 0.75
    cursor.line(f"{year + 1}年", style.body_font, style.body_size + 2, "centre")


def _toc_space(cursor: _Cursor, toc: Toc) -> float:
    """Reserve the contents page (entries are written once every block's page is known); returns the line step."""
    style = cursor.style
    cursor.line("目  录", style.title_font, style.title_size, "centre", gap=2.5)
    step = min(style.body_size * style.leading, cursor.room / max(1, len(toc.entries)))
    cursor.y += len(toc.entries) * step
    return step


def _toc_entries(page: PageLayout, style: Style, toc: Toc, step: float, blocks: list[Block], block_pages: list[list[int]]) -> None:
    """Entries with dot leaders and the real page of the block each names (none when the block is not in the file)."""
    size = style.body_size
    y = style.margin + style.title_size * 2.5
    left, right = style.margin, page.width - style.margin
    for entry in toc.entries:
        top_level = entry.startswith("第")
        x = left if top_level else left + 2 * size
        page_no = _toc_target(entry, blocks, block_pages)
        y += step
        page.items.append(Text(x, y, entry, style.body_font, size))
        if page_no is None:
            continue
        number = str(page_no)
        start = x + text_width(entry, style.body_font, size) + size / 2
        end = right - text_width(number, style.body_font, size) - size / 2
        dots = int(max(0.0, end - start) / text_width(".", style.body_font, size))
        if dots:
            page.items.append(Text(start, y, "." * dots, style.body_font, size))
        page.items.append(Text(right, y, number, style.body_font, size, "right"))


def _toc_target(entry: str, blocks: list[Block], block_pages: list[list[int]]) -> int | None:
    name = _TOC_NUMBERING.sub("", entry.strip().rstrip(".…").strip())
    if not name:
        return None
    for block, pages in zip(blocks, block_pages):
        label = block.title if isinstance(block, TableSpec) else block.heading if isinstance(block, Prose) else None
        if label and (name in label or _TOC_NUMBERING.sub("", label) in name) and pages:
            return pages[0]
    return None


def _prose(cursor: _Cursor, prose: Prose) -> None:
    style = cursor.style
    size = style.body_size
    step = size * style.leading
    if prose.heading:
        centred = prose.heading.startswith("第") and "部分" in prose.heading
        cursor.ensure(step * 3)
        cursor.line(prose.heading, style.title_font, size + 2, "centre" if centred else "left", gap=style.leading + 0.3)
    width = cursor.right - cursor.left
    for paragraph in prose.paragraphs:
        lines = wrap(paragraph, style.body_font, size, width - 2 * size)
        # First line indented by two characters, the way Chinese prose is set; later lines use the full width.
        rest = "".join(lines[1:])
        body = [lines[0]] + (wrap(rest, style.body_font, size, width) if rest else [])
        for i, line in enumerate(body):
            cursor.ensure(step)
            x = cursor.left + (2 * size if i == 0 else 0)
            cursor.add([Text(x, cursor.y + size, line, style.body_font, size)])
            cursor.y += step
        cursor.y += size * 0.4


def _table(cursor: _Cursor, table: TableSpec) -> None:
    style = cursor.style
    portrait_width = A4[0] - 2 * style.margin
    wide = table.wide or natural_width(table, style, style.table_size) > portrait_width * 1.15
    page_width = (landscape(A4) if wide else A4)[0]
    geo = measure_table(table, style, page_width - 2 * style.margin)
    heading = _heading_lines(table, style, geo.width)
    heading_height = sum(size * gap for _, _, size, _, gap in heading)
    first_rows = min(len(table.grid), geo.header_rows + 2)
    needed = heading_height + (0.0 if style.orphan_titles else geo.height(0, first_rows) + style.margin * 0.2)
    if style.table_new_page or not cursor.pages or cursor.is_wide != wide:
        cursor.new_page(wide)
    else:
        cursor.y += style.body_size
        cursor.ensure(needed, wide)
    x0 = cursor.left + (cursor.right - cursor.left - geo.width) / 2
    # Header fields line up with the table's edges, as office software prints them.
    span = (x0, x0 + geo.width)
    for text, font, size, align, gap in heading:
        cursor.line(text, font, size, align, gap, wide, span)
    row_pages = _table_rows(cursor, geo, x0, wide)
    _notes(cursor, table, wide)
    # The truth names the pages holding rows; a note pushed onto the next page does not extend the table.
    cursor.touched = set(row_pages)


def _heading_lines(table: TableSpec, style: Style, width: float) -> list[_Line]:
    """Caption, title and the content's 部门名称 / 年度 / 单位 lines, each as (text, font, size, align, gap)."""
    small = style.table_size + 1
    lines: list[_Line] = []
    caption = table.caption
    if caption and style.caption != "below-title":
        lines.append((caption, style.body_font, small, "left" if style.caption == "above-left" else "right", 1.6))
    lines.append((table.title, style.title_font, style.title_size, "centre", 2.0))
    if caption and style.caption == "below-title":
        lines.append((caption, style.body_font, small, "centre", 1.8))
    printed: list[tuple[str | None, Align]] = [(table.org_line, "left"), (table.period_line, "centre"), (table.unit_line, "right")]
    fields = [(text, align) for text, align in printed if text]
    widths = {align: text_width(text, style.body_font, small) for text, align in fields}
    half = widths.get("centre", 0.0) / 2 + small
    crowded = max(widths.get("left", 0.0), widths.get("right", 0.0)) + half > width / 2
    if style.header_layout == "three-lines" or len(fields) == 1 or crowded:
        lines += [(text, style.body_font, small, align, 1.6) for text, align in fields]
    else:
        # The fields share one baseline: a zero gap keeps all but the last from advancing the cursor.
        lines += [(text, style.body_font, small, align, 0.0 if i < len(fields) - 1 else 1.7)
                  for i, (text, align) in enumerate(fields)]
    return lines


def _table_rows(cursor: _Cursor, geo: TableGeometry, x0: float, wide: bool) -> list[int]:
    style = cursor.style
    nrows = len(geo.heights)
    pages: list[int] = []
    start = 0
    repeat = style.repeat_header and geo.header_rows > 0
    while start < nrows:
        prefix = [(0, geo.header_rows)] if pages and repeat else []
        room = cursor.room - (geo.height(0, geo.header_rows) if prefix else 0.0)
        stop = _fit(geo, start, room)
        if stop == start:
            if not cursor.fresh:
                cursor.new_page(wide)
                continue
            stop = start + 1
        items, height = draw_slice(geo, prefix + [(start, stop)], x0, cursor.y)
        cursor.add(items)
        cursor.y += height
        pages.append(cursor.number)
        start = stop
        if start < nrows:
            cursor.new_page(wide)
    return pages


def _fit(geo: TableGeometry, start: int, room: float) -> int:
    """The last row index (exclusive) from ``start`` that fits in ``room``, at a point that cuts no merge if possible."""
    used = 0.0
    stop = start
    while stop < len(geo.heights) and used + geo.heights[stop] <= room:
        used += geo.heights[stop]
        stop += 1
    if stop >= len(geo.heights) or stop == start:
        return stop
    clean = [r for r in range(start + 1, stop + 1) if r in geo.breakable]
    return max(clean) if clean else stop


def _notes(cursor: _Cursor, table: TableSpec, wide: bool) -> None:
    style = cursor.style
    size = style.table_size + 0.5
    cursor.y += size * 0.6
    for note in (table.note, table.empty_note):
        if not note:
            continue
        for line in wrap(note, style.body_font, size, cursor.right - cursor.left):
            cursor.line(line, style.body_font, size, "left", 1.5, wide)


def _footers(pages: list[PageLayout], style: Style, has_cover: bool) -> None:
    if style.footer == "none":
        return
    for number, page in enumerate(pages, start=1):
        if has_cover and number == 1:
            continue
        text = f"- {number} -" if style.footer == "dash" else f"第 {number} 页"
        page.items.append(Text(page.width / 2, page.height - style.margin / 2, text, style.body_font, 9.0, "centre"))
