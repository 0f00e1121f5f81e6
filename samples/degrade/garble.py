"""Copies of PDFs that look exactly like the source but whose text layer lies.

Real reports arrive like this: fonts whose ToUnicode map was lost or mangled
by a converter, and scans carrying a poor invisible OCR layer. The extractor
must notice such pages (extractor.ingest.triage) and read them from the image
instead. Each kind below reproduces one of these failures the way it happens
in the wild, so the page still renders as the original does.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from samples.degrade.cmap import build_tounicode, parse_tounicode
from samples.degrade.fonts import CJK_FONT

FONT_KINDS = ("mojibake", "private-use", "shifted", "unmapped")
KINDS = FONT_KINDS + ("bad-ocr",)

# A page needs this many CJK characters before a wrong layer on it can be told from a right one.
MIN_CJK_CHARS = 15
_OCR_DPI = 150
_PUA_SIZE = 0x1900  # U+E000..U+F8FF
_MOJIBAKE_CODECS = ("cp1252", "latin-1", "big5", "shift_jis", "euc_kr")
_OCR_FONT = "GarbleCJK"
# Misreadings an OCR engine really makes on these reports.
_OCR_CONFUSIONS = {
    "入": "人", "人": "入", "己": "已", "已": "己", "未": "末", "末": "未", "土": "士", "士": "土",
    "支": "文", "出": "山", "元": "无", "无": "元", "日": "曰", "目": "自", "自": "目", "办": "力",
    "计": "汁", "预": "顶", "决": "诀", "算": "箅", "款": "欸", "项": "顷", "收": "牧", "经": "轻",
}


def garble_pdf(src: Path, dst: Path, seed: int, *, kinds: Sequence[str] = KINDS) -> list[int]:
    """Write a garbled copy of ``src``; the 1-based numbers of the pages whose text layer is now wrong.

    Some or all pages with enough CJK text are garbled (how many, and which kind
    on each, from the seed); the others are left as they were.
    """
    unknown = set(kinds) - set(KINDS)
    if unknown or not kinds:
        raise ValueError(f"unknown garble kinds {sorted(unknown)}; choose from {KINDS}")
    rng = np.random.default_rng(seed)
    source = pdfium.PdfDocument(str(src))
    try:
        texts = [source[i].get_textpage().get_text_range() for i in range(len(source))]
        candidates = [i for i, text in enumerate(texts) if cjk_count(text) >= MIN_CJK_CHARS]
        share = float(rng.choice((0.3, 0.6, 1.0)))
        chosen = [i for i in candidates if rng.random() < share] or candidates[:1]
        plan = {i: str(rng.choice(allowed)) for i in chosen if (allowed := _kinds_for(source[i], kinds))}
        ocr_pages = {i: _bad_ocr_page(source[i], rng) for i, kind in plan.items() if kind == "bad-ocr"}
    finally:
        source.close()
    with pikepdf.open(src) as pdf:
        for index, kind in plan.items():
            if kind in FONT_KINDS:
                _rewrite_fonts(pdf, pdf.pages[index], glyph_rewriter(kind, rng), rng)
        for index, page_pdf in ocr_pages.items():
            with pikepdf.open(io.BytesIO(page_pdf)) as single:
                pdf.pages.insert(index, single.pages[0])
                del pdf.pages[index + 1]
        dst.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(dst, deterministic_id=True)
    return _changed_pages(dst, texts, sorted(plan))


def _kinds_for(page: pdfium.PdfPage, kinds: Sequence[str]) -> list[str]:
    """A rotated page keeps to the font kinds: the OCR layer is placed in unrotated page space."""
    return [k for k in kinds if k != "bad-ocr" or page.get_rotation() == 0]


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _changed_pages(path: Path, before: list[str], planned: list[int]) -> list[int]:
    """The planned pages whose extracted text really differs now (a page drawn without ToUnicode fonts may not)."""
    out = pdfium.PdfDocument(str(path))
    try:
        return [i + 1 for i in planned if out[i].get_textpage().get_text_range() != before[i]]
    finally:
        out.close()


# --- wrong ToUnicode maps -------------------------------------------------------------------------


def glyph_rewriter(kind: str, rng: np.random.Generator) -> Callable[[str], str | None]:
    """What a damaged ToUnicode map says one glyph is; None drops the map altogether."""
    if kind == "mojibake":
        codec = str(rng.choice(_MOJIBAKE_CODECS))
        return lambda text: _mojibake(text, codec)
    if kind == "private-use":
        offset = int(rng.integers(0, _PUA_SIZE))
        return lambda text: "".join(chr(0xE000 + (offset + ord(ch)) % _PUA_SIZE) if ord(ch) > 0x7F else ch for ch in text)
    if kind == "shifted":
        return lambda text: "".join(_neighbour(ch, rng) for ch in text)
    return lambda text: None


def _mojibake(text: str, codec: str) -> str:
    """GBK bytes read in another code page: 支出 becomes Ö§³ö (cp1252), 盓堤 (Big5), ﾖｧｳ� (Shift-JIS)."""
    return text.encode("gbk", errors="replace").decode(codec, errors="replace")


def _neighbour(ch: str, rng: np.random.Generator) -> str:
    """A nearby code point: another real character, so the text still looks like Chinese, or another digit."""
    if "\u4e00" <= ch <= "\u9fff":
        return chr(ord(ch) + int(rng.choice((-3, -2, -1, 1, 2, 3))))
    if ch.isdigit() and ch.isascii():
        return str((int(ch) + int(rng.integers(1, 10))) % 10)
    return ch


def broken_font(pdf: pikepdf.Pdf, font: pikepdf.Object, rewrite: Callable[[str], str | None]) -> pikepdf.Object:
    """A copy of ``font`` (one with a ToUnicode map) whose map says ``rewrite``'s text instead, or
    that has no map at all when ``rewrite`` leaves a glyph unmapped (None)."""
    codespace, mapping = parse_tounicode(font.ToUnicode.read_bytes())
    copy = pikepdf.Dictionary({k: v for k, v in font.items()})
    rewritten = {code: rewrite(text) for code, text in mapping.items()}
    if any(value is None for value in rewritten.values()):
        del copy[pikepdf.Name.ToUnicode]
    else:
        copy.ToUnicode = pdf.make_stream(build_tounicode(codespace, rewritten))  # type: ignore[arg-type]
    return pdf.make_indirect(copy)


def _rewrite_fonts(
    pdf: pikepdf.Pdf, page: pikepdf.Page, rewrite: Callable[[str], str | None], rng: np.random.Generator
) -> None:
    """Give this page private copies of its fonts with rewritten maps, so other pages keep reading right.

    Every font that carries Chinese is broken; a Latin-only font (the digits'
    Times New Roman, say) half the time survives, as it often does in the wild.
    """
    resources = page.obj.get(pikepdf.Name.Resources)
    if resources is None or pikepdf.Name.Font not in resources:
        return
    fonts = pikepdf.Dictionary()
    for name, font in resources.Font.items():
        fonts[name] = font
        if pikepdf.Name.ToUnicode not in font:
            continue
        _, mapping = parse_tounicode(font.ToUnicode.read_bytes())
        if cjk_count("".join(mapping.values())) == 0 and rng.random() < 0.5:
            continue
        fonts[name] = broken_font(pdf, font, rewrite)
    page_resources = pikepdf.Dictionary({k: v for k, v in resources.items()})
    page_resources.Font = fonts
    page.obj.Resources = page_resources


# --- a bad invisible OCR layer over a page image -----------------------------------------------------


def _bad_ocr_page(page: pdfium.PdfPage, rng: np.random.Generator) -> bytes:
    """A one-page PDF: the page as an image under invisible text that misreads some digits and characters.

    The text sits at the source characters' own boxes, as an OCR engine would
    place it, so only reading the image shows the layer is wrong.
    """
    return ocr_layered_page(page, lambda chars: _misread(chars, rng))


def ocr_layered_page(page: pdfium.PdfPage, misread: Callable[[list[str]], list[str]] | None = None) -> bytes:
    """A one-page PDF: the page as an image under an invisible text layer of its characters, as a
    scanner's OCR leaves it; ``misread`` alters them (None: a faithful layer)."""
    _register_font()
    width, height = page.get_size()
    image = page.render(scale=_OCR_DPI / 72, rotation=0).to_pil().convert("RGB")
    textpage = page.get_textpage()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    pdf.drawImage(ImageReader(image), 0, 0, width=width, height=height)
    chars = [textpage.get_text_range(i, 1) for i in range(textpage.count_chars())]
    wrong = misread(chars) if misread is not None else chars
    layer = pdf.beginText()
    layer.setTextRenderMode(3)
    for i, ch in enumerate(wrong):
        if not ch.strip():
            continue
        left, _, right, _ = textpage.get_charbox(i, loose=True)
        x, y = _char_origin(textpage, i)
        size = max(1.0, _char_size(textpage, i))
        layer.setFont(_OCR_FONT, size)
        advance = pdfmetrics.stringWidth(ch, _OCR_FONT, size) or size
        layer.setHorizScale(100.0 * max(0.1, right - left) / advance)
        layer.setTextOrigin(x, y)
        layer.textOut(ch)
    pdf.drawText(layer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _char_origin(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, float]:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
    return x.value, y.value


def _char_size(textpage: pdfium.PdfTextPage, index: int) -> float:
    """The size the character is printed at: the font size scaled by its text matrix (some writers use 360 pt x 0.05)."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix))
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return pdfium_c.FPDFText_GetFontSize(textpage.raw, index) * scale


def _misread(chars: list[str], rng: np.random.Generator) -> list[str]:
    """About a third of the digits and a tenth of the characters read wrong, never none."""
    out = list(chars)
    changed = 0
    for i, ch in enumerate(chars):
        if ch.isascii() and ch.isdigit() and rng.random() < 0.35:
            out[i] = str((int(ch) + int(rng.integers(1, 10))) % 10)
        elif "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.10:
            out[i] = _OCR_CONFUSIONS.get(ch) or _neighbour(ch, rng)
        changed += out[i] != ch
    if not changed:
        cjk = [i for i, ch in enumerate(chars) if "\u4e00" <= ch <= "\u9fff"]
        pick = cjk[int(rng.integers(0, len(cjk)))]
        out[pick] = _neighbour(chars[pick], rng)
    return out


def _register_font() -> None:
    if _OCR_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_OCR_FONT, str(CJK_FONT), subfontIndex=0))
