"""Copies of PDFs damaged in part of a page only, so a page needs both its text layer and OCR.

Two failures seen in real reports, each confined to the tables of a page:

- ``garble_tables``: the text inside some tables is drawn with a font whose
  ToUnicode map is broken, while the title, unit line and notes around them
  keep a good one (an office suite that embedded the table's font badly).
- ``paste_table_images``: a table is replaced by a picture of itself under its
  typed title, as when a scanned 三公 table is pasted into a typed report.

Both leave the page looking as it did, so the source's truth stays valid;
every random choice comes from the seed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from samples.degrade.garble import FONT_KINDS, MIN_CJK_CHARS, broken_font, cjk_count, glyph_rewriter
from samples.degrade.scan import jpeg_image_xobject

# Every way a font's map breaks can hit one table alone (a bad OCR layer covers a whole page instead).
REGION_KINDS = FONT_KINDS
# Pasted tables are usually smaller than half the page; a larger one tests the typed text beside a page-sized picture.
MAX_PASTED_SHARE = 0.45
_EDGE = 1.5  # pt: how far a ruling may stick out of the box its table spans


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF user space (origin bottom-left)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def contains(self, x: float, y: float) -> bool:
        return self.x0 - _EDGE <= x <= self.x1 + _EDGE and self.y0 - _EDGE <= y <= self.y1 + _EDGE

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0)


def table_boxes(page: pikepdf.Page) -> list[Box]:
    """The areas the page's drawn rulings span, one per table, top to bottom.

    Lines that touch or cross belong to one table; a table is at least two
    lines each way (a lone underline is not one).
    """
    groups: list[tuple[Box, int, int]] = []  # box, horizontal lines, vertical lines
    for (x0, y0), (x1, y1) in _line_segments(page):
        box = Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        flat = abs(y1 - y0) <= abs(x1 - x0)
        merged = [g for g in groups if _touch(g[0], box)]
        for g in merged:
            groups.remove(g)
            box = Box(min(box.x0, g[0].x0), min(box.y0, g[0].y0), max(box.x1, g[0].x1), max(box.y1, g[0].y1))
        groups.append((box, int(flat) + sum(g[1] for g in merged), int(not flat) + sum(g[2] for g in merged)))
    return sorted((box for box, flat, upright in groups if flat >= 2 and upright >= 2), key=lambda b: -b.y1)


def garble_tables(src: Path, dst: Path, seed: int, *, kinds: Sequence[str] = REGION_KINDS) -> list[int]:
    """Write a copy whose text inside some tables reads wrong; the 1-based numbers of the pages that now read wrong.

    On each chosen page some or all of the tables with enough Chinese to be
    judged get private copies of their fonts with a broken map; the text
    outside them, and every other page, read as before.
    """
    unknown = set(kinds) - set(REGION_KINDS)
    if unknown or not kinds:
        raise ValueError(f"unknown region garble kinds {sorted(unknown)}; choose from {REGION_KINDS}")
    rng = np.random.default_rng(seed)
    with pikepdf.open(src) as pdf:
        source = pdfium.PdfDocument(str(src))
        try:
            candidates = {i: [b for b in table_boxes(page) if cjk_count(_text_in(source[i], b)) >= MIN_CJK_CHARS]
                          for i, page in enumerate(pdf.pages) if source[i].get_rotation() == 0}
        finally:
            source.close()
        plan = {i: [b for b in boxes if rng.random() < 0.5] or boxes[:1] for i, boxes in _some(candidates, rng).items()}
        if not plan:
            raise ValueError(f"{src.name} has no table with enough Chinese text to garble")
        for index, boxes in plan.items():
            _garble_text_in(pdf, pdf.pages[index], boxes, str(rng.choice(list(kinds))), rng)
        dst.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(dst, deterministic_id=True)
    changed = [n for n in sorted(plan) if _page_text(src, n) != _page_text(dst, n)]
    return [i + 1 for i in changed]


def paste_table_images(
    src: Path, dst: Path, seed: int, *, dpi: int | None = None, max_share: float = MAX_PASTED_SHARE
) -> list[int]:
    """Write a copy where some tables are pictures of themselves; the 1-based numbers of those pages.

    A table qualifies when it covers less than ``max_share`` of its page.
    Its rulings and text are taken out of the page and a grey JPEG of the
    same area, rendered from the source, is drawn in their place; the title
    and notes around it stay typed.
    """
    rng = np.random.default_rng(seed)
    dpi = dpi if dpi is not None else int(rng.integers(150, 241))
    with pikepdf.open(src) as pdf:
        source = pdfium.PdfDocument(str(src))
        try:
            candidates = {i: [b for b in table_boxes(page) if b.area < max_share * _area(source[i])]
                          for i, page in enumerate(pdf.pages) if source[i].get_rotation() == 0}
            plan = {i: [(b, *_picture_of(source[i], b, dpi, rng)) for b in boxes if rng.random() < 0.5] or
                    [(boxes[0], *_picture_of(source[i], boxes[0], dpi, rng))]
                    for i, boxes in _some(candidates, rng).items()}
        finally:
            source.close()
        if not plan:
            raise ValueError(f"{src.name} has no table small enough to paste as a picture")
        for index, pictures in plan.items():
            _replace_by_pictures(pdf, pdf.pages[index], pictures)
        dst.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(dst, deterministic_id=True)
    return [i + 1 for i in sorted(plan)]


def _some(candidates: dict[int, list[Box]], rng: np.random.Generator) -> dict[int, list[Box]]:
    """About half of the pages that have boxes to damage, and never none."""
    pages = [i for i, boxes in candidates.items() if boxes]
    chosen = [i for i in pages if rng.random() < 0.5] or pages[:1]
    return {i: candidates[i] for i in chosen}


def _area(page: pdfium.PdfPage) -> float:
    width, height = page.get_size()
    return width * height


# --- reading the content stream -----------------------------------------------------------------------


_PAINTS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})
_BUILDS = frozenset({"m", "l", "re", "c", "v", "y", "h"})


@dataclass
class _Subpath:
    indexes: list[int]
    points: list[tuple[float, float]]  # user space
    straight: bool = True  # no curves: its points are all it covers


@dataclass
class _Path:
    """One path of the content stream, up to the instruction that paints it (or ``n``)."""

    subpaths: list[_Subpath]
    rest: list[int]  # the clip and paint instructions
    drawn: bool = False  # painted, and not a clipping path

    def segments(self) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
        for sub in self.subpaths:
            if sub.straight:
                yield from zip(sub.points, sub.points[1:])


def _paths(instructions: list[tuple[str, list]]) -> Iterator[_Path]:
    ctm = _Ctm()
    path = _Path([], [])
    clip = False
    for i, (op, operands) in enumerate(instructions):
        ctm.follow(op, operands)
        if op == "re":
            x, y, w, h = (float(v) for v in operands)
            corners = [ctm.apply(x, y), ctm.apply(x + w, y), ctm.apply(x + w, y + h), ctm.apply(x, y + h)]
            path.subpaths.append(_Subpath([i], corners + corners[:1]))
        elif op == "m" or (op in _BUILDS and not path.subpaths):
            path.subpaths.append(_Subpath([i], [ctm.apply(float(operands[0]), float(operands[1]))] if op == "m" else [], op == "m"))
        elif op == "l":
            path.subpaths[-1].indexes.append(i)
            path.subpaths[-1].points.append(ctm.apply(float(operands[0]), float(operands[1])))
        elif op in _BUILDS:  # curves and closing: a shape, not a ruling
            path.subpaths[-1].indexes.append(i)
            path.subpaths[-1].straight = False
        elif op in ("W", "W*"):
            path.rest.append(i)
            clip = True
        elif op in _PAINTS or op == "n":
            path.rest.append(i)
            path.drawn = op != "n" and not clip
            yield path
            path, clip = _Path([], []), False


def _line_segments(page: pikepdf.Page) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight, axis-aligned edges of the drawn paths (clipping paths are not drawn), in user space."""
    for path in _paths(list(_instructions(page))):
        if path.drawn:
            yield from ((a, b) for a, b in path.segments() if abs(b[0] - a[0]) < 0.5 or abs(b[1] - a[1]) < 0.5)


def _touch(a: Box, b: Box) -> bool:
    return a.x0 - _EDGE <= b.x1 and b.x0 - _EDGE <= a.x1 and a.y0 - _EDGE <= b.y1 and b.y0 - _EDGE <= a.y1


def _instructions(page: pikepdf.Page) -> Iterator[tuple[str, list]]:
    for instruction in pikepdf.parse_content_stream(page):
        yield str(instruction.operator), list(instruction.operands)


class _Ctm:
    """The current transformation matrix through q/Q/cm, enough to place text and lines."""

    def __init__(self) -> None:
        self.matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        self.stack: list[tuple[float, ...]] = []

    def follow(self, op: str, operands: list) -> None:
        if op == "q":
            self.stack.append(self.matrix)
        elif op == "Q" and self.stack:
            self.matrix = self.stack.pop()
        elif op == "cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            m = self.matrix
            self.matrix = (a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2], c * m[1] + d * m[3],
                           e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5])

    def apply(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.matrix
        return a * x + c * y + e, b * x + d * y + f


def _text_blocks(instructions: list[tuple[str, list]]) -> Iterator[tuple[int, int, tuple[float, float] | None]]:
    """Each BT..ET block as (first index, last index, where its first Tm, Td or TD puts the text)."""
    ctm = _Ctm()
    start: int | None = None
    origin: tuple[float, float] | None = None
    for i, (op, operands) in enumerate(instructions):
        ctm.follow(op, operands)
        if op == "BT":
            start, origin = i, None
        elif op in ("Tm", "Td", "TD") and start is not None and origin is None:
            origin = ctm.apply(float(operands[-2]), float(operands[-1]))  # the text matrix starts as identity in BT
        elif op == "ET" and start is not None:
            yield start, i, origin
            start = None


def _page_text(path: Path, index: int) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return document[index].get_textpage().get_text_range()
    finally:
        document.close()


def _text_in(page: pdfium.PdfPage, box: Box) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_bounded(box.x0, box.y0, box.x1, box.y1)
    finally:
        textpage.close()


def _write(pdf: pikepdf.Pdf, page: pikepdf.Page, instructions: list[tuple[str, list]]) -> None:
    data = pikepdf.unparse_content_stream([pikepdf.ContentStreamInstruction(ops, pikepdf.Operator(op))
                                           for op, ops in instructions])
    page.obj.Contents = pdf.make_stream(data)


def _own_resources(page: pikepdf.Page, key: pikepdf.Name) -> pikepdf.Dictionary:
    """The page's own copy of one resource dictionary (fonts, images), so shared ones stay as they were."""
    resources = pikepdf.Dictionary({k: v for k, v in page.obj.Resources.items()})
    own = pikepdf.Dictionary({k: v for k, v in resources.get(key, pikepdf.Dictionary()).items()})
    resources[key] = own
    page.obj.Resources = resources
    return own


# --- garbled table text ---------------------------------------------------------------------------------


def _garble_text_in(pdf: pikepdf.Pdf, page: pikepdf.Page, boxes: list[Box], kind: str, rng: np.random.Generator) -> None:
    """Text blocks placed inside ``boxes`` switch to broken copies of their fonts."""
    instructions = list(_instructions(page))
    fonts = _own_resources(page, pikepdf.Name.Font)
    rewrite = glyph_rewriter(kind, rng)
    broken: dict[str, pikepdf.Name] = {}
    for start, end, origin in _text_blocks(instructions):
        if origin is None or not any(b.contains(*origin) for b in boxes):
            continue
        for i in range(start, end):
            op, operands = instructions[i]
            if op != "Tf" or str(operands[0]) not in fonts:
                continue
            name = str(operands[0])
            if name not in broken:
                broken[name] = _broken_copy(pdf, fonts, name, rewrite)
            instructions[i] = (op, [broken[name], *operands[1:]])
    _write(pdf, page, instructions)


def _broken_copy(pdf: pikepdf.Pdf, fonts: pikepdf.Dictionary, name: str, rewrite) -> pikepdf.Name:
    """A copy of font ``name`` whose ToUnicode map says the wrong text; fonts without a map are left alone."""
    font = fonts[name]
    if pikepdf.Name.ToUnicode not in font:
        return pikepdf.Name(name)
    alias = pikepdf.Name(f"{name}-broken")
    fonts[alias] = broken_font(pdf, font, rewrite)
    return alias


# --- tables pasted as pictures --------------------------------------------------------------------------


def _picture_of(page: pdfium.PdfPage, box: Box, dpi: int, rng: np.random.Generator) -> tuple[bytes, tuple[int, int]]:
    """A grey JPEG of ``box`` (plus the rulings' width) as a scanner would give it: a little soft, compressed."""
    scale = dpi / 72
    height = page.get_height()
    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    pad = _EDGE
    crop = image.crop((round((box.x0 - pad) * scale), round((height - box.y1 - pad) * scale),
                       round((box.x1 + pad) * scale), round((height - box.y0 + pad) * scale)))
    crop = crop.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(0.2, 0.6))))
    buffer = io.BytesIO()
    crop.save(buffer, format="JPEG", quality=int(rng.integers(60, 90)))
    return buffer.getvalue(), Image.open(io.BytesIO(buffer.getvalue())).size


def _replace_by_pictures(pdf: pikepdf.Pdf, page: pikepdf.Page, pictures: list[tuple[Box, bytes, tuple[int, int]]]) -> None:
    instructions = list(_instructions(page))
    boxes = [box for box, _, _ in pictures]
    drop = {i for start, end, origin in _text_blocks(instructions)
            if origin is not None and any(b.contains(*origin) for b in boxes) for i in range(start, end + 1)}
    drop |= _paths_inside(instructions, boxes)
    kept = [ins for i, ins in enumerate(instructions) if i not in drop]
    images = _own_resources(page, pikepdf.Name.XObject)
    for n, (box, jpeg, size) in enumerate(pictures):
        name = pikepdf.Name(f"/Pasted{n}")
        images[name] = jpeg_image_xobject(pdf, jpeg, size, "L")
        w, h = box.x1 - box.x0 + 2 * _EDGE, box.y1 - box.y0 + 2 * _EDGE
        kept += [("q", []), ("cm", [w, 0, 0, h, box.x0 - _EDGE, box.y0 - _EDGE]), ("Do", [name]), ("Q", [])]
    _write(pdf, page, kept)


def _paths_inside(instructions: list[tuple[str, list]], boxes: list[Box]) -> set[int]:
    """Indexes of the drawn straight subpaths lying wholly inside one of ``boxes``: the tables' rulings.

    A path left with no subpath loses its paint instruction too.
    """
    out: set[int] = set()
    for path in _paths(instructions):
        if not path.drawn:
            continue
        inside = [sub for sub in path.subpaths
                  if sub.straight and sub.points and all(any(b.contains(*pt) for b in boxes) for pt in sub.points)]
        out.update(i for sub in inside for i in sub.indexes)
        if len(inside) == len(path.subpaths):
            out.update(path.rest)
    return out
