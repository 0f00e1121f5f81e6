"""Small real PDFs for the batch, service and Dask tests: born-digital pages
with a ruled 收入支出 table in a CJK font, plus the usual kinds of bad file."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT = "uming"
FONT_FILE = "/usr/share/fonts/truetype/arphic/uming.ttc"
ROWS = (("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"),
        ("208", "社会保障和就业支出"), ("221", "住房保障支出"))


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    return FONT


def budget_pdf(path: Path, pages: int = 2, variant: int = 0) -> Path:
    """``variant`` changes the amounts, so each file has its own sha256."""
    font = _font()
    canvas = Canvas(str(path), invariant=1)
    for page in range(pages):
        canvas.setFont(font, 14)
        canvas.drawString(180, 790, "一般公共预算财政拨款支出决算表")
        canvas.setFont(font, 9)
        canvas.drawString(60, 770, "公开05表")
        canvas.drawString(460, 770, "单位：万元")
        top, height, xs = 760, 20, (60, 140, 360, 450, 540)
        header = ("科目编码", "科目名称", "本年支出", "基本支出")
        rows = [header] + [(code, name, f"{(variant + 1) * (i + 1) * 12.5 + page:.2f}", f"{(i + 1) * 3.25:.2f}")
                           for i, (code, name) in enumerate(ROWS)]
        for r, row in enumerate(rows):
            y = top - r * height
            for c, text in enumerate(row):
                canvas.drawString(xs[c] + 4, y - 14, text)
        bottom = top - len(rows) * height
        for r in range(len(rows) + 1):
            canvas.line(xs[0], top - r * height, xs[-1], top - r * height)
        for x in xs:
            canvas.line(x, top, x, bottom)
        canvas.showPage()
    canvas.save()
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret", R=6))
    return path


def truncated_pdf(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def text_file(path: Path) -> Path:
    path.write_text("这不是PDF文件，只是一段文字。\n", encoding="utf-8")
    return path


def pages_of(src: Path, numbers: tuple[int, ...], dst: Path) -> Path:
    """A PDF of some pages (1-based) of ``src``, for tests that need only those."""
    with pikepdf.open(src) as full, pikepdf.new() as out:
        for number in numbers:
            out.pages.append(full.pages[number - 1])
        out.save(dst)
    return dst


def render_grey(path: Path, index: int, scale: float = 0.5) -> "np.ndarray":
    """Page ``index`` (0-based) rendered in grey, as floats: for comparing a copy's look with its source's."""
    import numpy as np
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return np.asarray(doc[index].render(scale=scale).to_pil().convert("L"), dtype=np.float32)
    finally:
        doc.close()
