"""Scanned look-alikes of real pages with a known truth, and engines loaded once per test run.

The truth is the born-digital page itself: its vector rulings and its text
layer, read by the digital path. The scan is the same page rendered, turned
by a known skew and quarter turn, stamped with a red seal, blurred, noised
and JPEG-compressed.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from extractor.imaging.orient import OrientationDetector, rotate_by
from extractor.imaging.render import render_page
from extractor.ingest.text_layer import PageContent, read_page
from extractor.ocr.rapid import RapidOcrEngine
from extractor.ocr.tesseract import TesseractEngine
from extractor.scan_reader import CELL_MOST_PADDING, CELL_SQUEEZE
from samples.degrade.scan import stamp_seal

JUESUAN = "shanghai-putuo-caizhengju-2024-juesuan.pdf"
SANGONG_PNG = "shanghai-shiquanlu-2026-sangong-page.png"


@lru_cache(maxsize=None)
def rapid() -> RapidOcrEngine:
    return RapidOcrEngine()


def cell_reader() -> RapidOcrEngine:
    """The engine as the scan reader uses it on table cells."""
    return rapid().with_recognition(CELL_SQUEEZE, CELL_MOST_PADDING)


@lru_cache(maxsize=None)
def tesseract_digits() -> TesseractEngine:
    return TesseractEngine(numeric=True)


@lru_cache(maxsize=None)
def orientation() -> OrientationDetector:
    engine = rapid()
    return OrientationDetector(engine.read_line_crops)


def digital_page(pdf: Path, number: int) -> PageContent:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return read_page(doc[number - 1])
    finally:
        doc.close()


def scan_like(
    pdf: Path, number: int, dpi: int, *, skew: float, turn: int, seed: int, fade: float = 1.0, blur: float = 0.7
) -> np.ndarray:
    """Page ``number`` as a degraded scan: seal, ``skew`` degrees counter-clockwise, then ``turn`` clockwise.

    ``fade`` < 1 lightens the ink as a worn photocopier does (0.5: black prints mid-grey).
    """
    rng = np.random.default_rng(seed)
    img = stamp_seal(Image.fromarray(render_page(pdf, number - 1, dpi)), rng)
    faded = 255 - (255 - np.asarray(img, dtype=np.float32)) * fade
    pixels = rotate_by(faded.astype(np.uint8), skew)
    pixels = cv2.GaussianBlur(pixels, (0, 0), blur)
    noisy = pixels.astype(np.float32) * rng.uniform(0.88, 1.0) + rng.normal(0, 6, pixels.shape[:2])[..., None]
    buffer = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buffer, format="JPEG", quality=45)
    scanned = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))
    return np.ascontiguousarray(np.rot90(scanned, k=-(turn // 90)))
