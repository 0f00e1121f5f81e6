"""Tesseract (chi_sim) through tesserocr's C API, as the second reader.

One ``PyTessBaseAPI`` is kept per engine and reused for every cell: loading
chi_sim costs about half a second, reading a cell a few milliseconds.
Tesseract's OpenMP threads fight with onnxruntime's on a small machine and make
single-line reads slower, so OMP_THREAD_LIMIT=1 is set before the library is
first loaded (it is read once, at load time).

Tesseract mistakes ruling lines for text, so it must be given crops with the
rulings erased (``PreparedImage.lineless``), never raw table images.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

from extractor.errors import MissingDependencyError
from extractor.model import BBox, TextSpan
from extractor.ocr.crops import line_crop, split_text_lines
from extractor.ocr.engine import CellReading, squeeze_spaces

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

NUMERIC_WHITELIST = "0123456789.,-%()"


def tessdata_path() -> str:
    """Where the traineddata files are: $TESSDATA_PREFIX, else the Debian/Ubuntu location."""
    env = os.environ.get("TESSDATA_PREFIX")
    if env and Path(env).is_dir():
        return env
    found = sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata")) + sorted(glob.glob("/usr/share/tessdata"))
    if not found:
        raise MissingDependencyError("Tesseract language data not found; install tesseract-ocr-chi-sim or set TESSDATA_PREFIX")
    return found[-1]


def new_api(lang: str, psm: int):
    """An initialised tesserocr API, or MissingDependencyError naming what is missing."""
    try:
        import tesserocr
    except ImportError as exc:
        raise MissingDependencyError("tesserocr is not installed") from exc
    path = tessdata_path()
    if not Path(path, f"{lang}.traineddata").is_file():
        raise MissingDependencyError(f"Tesseract language '{lang}' is missing from {path}; install tesseract-ocr-{lang.replace('_', '-')}")
    return tesserocr.PyTessBaseAPI(path=path, lang=lang, psm=psm, oem=tesserocr.OEM.LSTM_ONLY)


class TesseractEngine:
    """chi_sim line reader; ``numeric=True`` restricts it to digits and number punctuation."""

    name = "tesseract"

    def __init__(self, lang: str = "chi_sim", numeric: bool = False) -> None:
        import tesserocr

        self._psm = tesserocr.PSM
        self._api = new_api(lang, tesserocr.PSM.SINGLE_LINE)
        if numeric:
            self._api.SetVariable("tessedit_char_whitelist", NUMERIC_WHITELIST)
        self.numeric = numeric

    def close(self) -> None:
        self._api.End()

    def read_cells(self, image: np.ndarray, boxes: Sequence[BBox]) -> list[CellReading]:
        readings = []
        for box in boxes:
            texts, confidences = [], []
            for line in split_text_lines(image, box):
                text, confidence = self._read_line(line_crop(image, line, box))
                texts.append(text)
                confidences.append(confidence)
            readings.append(CellReading("".join(texts), min(confidences, default=1.0)))
        return readings

    def _read_line(self, crop: np.ndarray) -> tuple[str, float]:
        self._api.SetImage(Image.fromarray(crop))
        text = squeeze_spaces(self._api.GetUTF8Text())
        return text, (self._api.MeanTextConf() / 100.0 if text else 0.0)

    def read_lines(self, image: np.ndarray) -> list[TextSpan]:
        import tesserocr

        self._api.SetPageSegMode(self._psm.AUTO)
        try:
            self._api.SetImage(Image.fromarray(image))
            self._api.Recognize()
            spans = []
            iterator = self._api.GetIterator()
            level = tesserocr.RIL.TEXTLINE
            for item in tesserocr.iterate_level(iterator, level):
                text = item.GetUTF8Text(level)
                box = item.BoundingBox(level)
                if not text or not text.strip() or box is None:
                    continue
                spans.append(TextSpan(squeeze_spaces(text), BBox(*map(float, box)), item.Confidence(level) / 100.0))
            return spans
        finally:
            self._api.SetPageSegMode(self._psm.SINGLE_LINE)
