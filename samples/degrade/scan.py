"""Image-only copies of PDFs that look like office scans.

The extractor has to read reports that were printed, stamped, photocopied and
scanned; these copies give the test corpus such pages with a known truth (the
source PDF). Every random choice comes from one seeded generator, so a corpus
can be rebuilt bit for bit.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from samples.degrade.fonts import CJK_FONT

_SEAL_RED = (215, 25, 30)
_SEAL_NAMES = ("财务专用章", "部门预算专用章", "办公室", "财政局", "人民政府办公室", "政务服务中心")
_SEAL_CHANCE = 0.35
_ROTATION_CHANCE = 0.12
_GREY_CHANCE = 0.6  # office scanners often save unstamped pages in grey


def scan_pdf(src: Path, dst: Path, seed: int, *, dpi: int | None = None) -> list[dict]:
    """Write an image-only "scan" of ``src`` to ``dst``; per page the rotation a reader must undo.

    A page fed sideways is stored as a landscape image on a landscape page (and
    vice versa), as a scanner would store it; ``rotation`` is how far, clockwise,
    the content was turned.
    """
    rng = np.random.default_rng(seed)
    dpi = dpi if dpi is not None else int(rng.integers(150, 301))
    source = pdfium.PdfDocument(str(src))
    out = pikepdf.new()
    pages: list[dict] = []
    try:
        for index in range(len(source)):
            page = source[index]
            width, height = page.get_size()
            img = page.render(scale=dpi / 72, grayscale=False).to_pil().convert("RGB")
            if rng.random() < _SEAL_CHANCE:
                img = stamp_seal(img, rng)
            elif rng.random() < _GREY_CHANCE:
                img = img.convert("L")
            rotation = int(rng.choice((90, 180, 270))) if rng.random() < _ROTATION_CHANCE else 0
            if rotation:
                img = img.rotate(-rotation, expand=True)
            _, jpeg = _degrade(img, rng)
            if rotation in (90, 270):
                width, height = height, width
            _append_jpeg_page(out, jpeg, img.size, img.mode, width, height)
            pages.append({"number": index + 1, "rotation": rotation})
    finally:
        source.close()
    dst.parent.mkdir(parents=True, exist_ok=True)
    out.save(dst, deterministic_id=True)
    return pages


def degrade_image(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Skew, blur, photocopy tone, noise and JPEG artifacts, as one pass through a scanner."""
    degraded, _ = _degrade(img, rng)
    return degraded


def _degrade(img: Image.Image, rng: np.random.Generator) -> tuple[Image.Image, bytes]:
    """The degraded image and the JPEG bytes it decodes from (so a PDF can embed them as they are)."""
    mode = "L" if img.mode == "L" else "RGB"
    img = img.convert(mode)
    angle = float(rng.uniform(-2.0, 2.0))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255 if mode == "L" else (255, 255, 255))
    img = img.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(0.3, 1.1))))
    pixels = _photocopy_tone(np.asarray(img, dtype=np.float32), rng)
    pixels += _per_pixel(rng.normal(0.0, float(rng.uniform(2.0, 9.0)), size=pixels.shape[:2]), pixels)
    _speckle(pixels, rng)
    img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode)
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=int(rng.integers(35, 86)), optimize=False)
    jpeg = buffer.getvalue()
    return Image.open(io.BytesIO(jpeg)).convert(mode), jpeg


def _per_pixel(field: np.ndarray, like: np.ndarray) -> np.ndarray:
    """A one-channel field shaped to apply to every channel of ``like`` (grey or colour)."""
    return field if like.ndim == 2 else field[..., None]


def _photocopy_tone(pixels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Greyish, uneven paper and heavier ink: a smooth random light field times a contrast curve."""
    h, w = pixels.shape[:2]
    coarse = rng.uniform(0.86, 1.0, size=(4, 3)).astype(np.float32)
    light = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)
    gamma = float(rng.uniform(1.0, 1.8))  # >1 darkens mid-tones: thin strokes get bolder
    toned = 255.0 * (pixels / 255.0) ** gamma
    paper = float(rng.uniform(0.88, 1.0))
    return toned * _per_pixel(light * paper, toned)


def _speckle(pixels: np.ndarray, rng: np.random.Generator) -> None:
    """Toner specks and dust: a few dark dots scattered over the page."""
    h, w = pixels.shape[:2]
    count = int(rng.integers(0, max(1, h * w // 20000)))
    ys = rng.integers(0, h, size=count)
    xs = rng.integers(0, w, size=count)
    pixels[ys, xs] = _per_pixel(rng.uniform(0, 90, size=count), pixels)


def stamp_seal(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Press a semi-transparent red seal onto the page's table, if it has one (pages without ruled lines are left alone)."""
    area = _table_area(img)
    if area is None:
        return img
    x0, y0, x1, y1 = area
    radius = int(min(img.size) * rng.uniform(0.09, 0.13))
    cx = int(rng.uniform(x0 + radius * 0.5, max(x0 + radius * 0.5 + 1, x1 - radius * 0.5)))
    cy = int(rng.uniform(y0 + radius * 0.5, max(y0 + radius * 0.5 + 1, y1 - radius * 0.5)))
    seal = _draw_seal(radius, str(rng.choice(_SEAL_NAMES)), rng)
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    layer.paste(seal, (cx - seal.width // 2, cy - seal.height // 2))
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def _table_area(img: Image.Image) -> tuple[int, int, int, int] | None:
    """The box spanned by long horizontal ruling lines, or None when the page has no table."""
    grey = np.asarray(img.convert("L"))
    ink = (grey < 160).astype(np.uint8)
    run = max(20, img.width // 5)
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    ys, xs = np.nonzero(lines)
    if len(ys) == 0 or ys.max() - ys.min() < img.height // 10:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def _draw_seal(radius: int, name: str, rng: np.random.Generator) -> Image.Image:
    """A round seal: ring, five-pointed star, name along the upper arc; worn and semi-transparent."""
    size = 2 * radius + 4
    seal = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    c = size / 2
    ring = max(2, radius // 14)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=_SEAL_RED + (255,), width=ring)
    star_r = radius * 0.32
    points = []
    for k in range(10):
        r = star_r if k % 2 == 0 else star_r * 0.40
        a = -math.pi / 2 + k * math.pi / 5
        points.append((c + r * math.cos(a), c + r * math.sin(a)))
    draw.polygon(points, fill=_SEAL_RED + (255,))
    glyph = max(8, int(radius * 0.34))
    font = ImageFont.truetype(str(CJK_FONT), glyph)
    span = math.radians(min(250.0, 34.0 * len(name)))
    for k, ch in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (k + 0.5) / len(name)
        tile = Image.new("RGBA", (glyph * 2, glyph * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((glyph, glyph), ch, font=font, fill=_SEAL_RED + (255,), anchor="mm")
        tile = tile.rotate(-math.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
        r = radius - ring - glyph * 0.65
        seal.alpha_composite(tile, (int(c + r * math.cos(a) - glyph), int(c + r * math.sin(a) - glyph)))
    alpha = np.asarray(seal.getchannel("A"), dtype=np.float32)
    wear = rng.uniform(0.45, 0.8) * rng.uniform(0.6, 1.0, size=alpha.shape)
    seal.putalpha(Image.fromarray((alpha * wear).astype(np.uint8), "L"))
    return seal.filter(ImageFilter.GaussianBlur(radius=0.6))


def jpeg_image_xobject(out: pikepdf.Pdf, jpeg: bytes, pixel_size: tuple[int, int], mode: str) -> pikepdf.Stream:
    """An image XObject holding the JPEG bytes unchanged (DCTDecode), so they are not compressed twice."""
    image = pikepdf.Stream(out, jpeg)
    image.Type = pikepdf.Name.XObject
    image.Subtype = pikepdf.Name.Image
    image.Width, image.Height = pixel_size
    image.ColorSpace = pikepdf.Name.DeviceGray if mode == "L" else pikepdf.Name.DeviceRGB
    image.BitsPerComponent = 8
    image.Filter = pikepdf.Name.DCTDecode
    return image


def _append_jpeg_page(
    out: pikepdf.Pdf, jpeg: bytes, pixel_size: tuple[int, int], mode: str, width: float, height: float
) -> None:
    """Add a page showing the JPEG full-size."""
    image = jpeg_image_xobject(out, jpeg, pixel_size, mode)
    content = f"q {width:.3f} 0 0 {height:.3f} 0 0 cm /Im0 Do Q".encode()
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, width, height],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
        Contents=pikepdf.Stream(out, content),
    )
    out.pages.append(pikepdf.Page(page))
