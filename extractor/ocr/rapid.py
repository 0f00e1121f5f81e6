"""RapidOCR (PP-OCRv6 small, ONNX) as the primary reader.

The models are the ones shipped inside the rapidocr 3.10.0 wheel. They are
named by path and checked by SHA-256 here, so nothing is ever downloaded at
run time and a different rapidocr release cannot silently swap the model.

Cells are read with the recogniser alone, many line crops per onnxruntime
call, decoded by ``ctc``; the detector runs only for text outside tables
(``read_lines``).
"""

from __future__ import annotations

import copy
import hashlib
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from extractor.errors import MissingDependencyError
from extractor.model import BBox, TextSpan
from extractor.ocr.ctc import CtcRecogniser, Recognition
from extractor.ocr.crops import is_dash, line_crop, split_text_lines
from extractor.ocr.engine import CellReading, squeeze_spaces

# The files in rapidocr/models of the rapidocr==3.10.0 wheel.
PINNED_MODELS = {
    "Det": ("PP-OCRv6_det_small.onnx", "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f"),
    "Rec": ("PP-OCRv6_rec_small.onnx", "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884"),
    "Cls": ("ch_ppocr_mobile_v2.0_cls_mobile.onnx", "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c"),
}


@dataclass(frozen=True)
class RapidSettings:
    """Knobs measured on 2 cores (see tests/test_ocr.py and the OCR report)."""

    threads: int = 2
    rec_batch: int = 8
    # Narrowest input the recogniser is fed (pixels at its 48-px height).
    # PP-OCR pads every crop to 320 (a 6.7:1 line); table cells are mostly
    # 1:1 to 5:1, so the padding alone was 60% of the compute.
    rec_min_width: int = 48
    # Most padded pixels (width at the 48-px height, summed over a batch) per onnxruntime call.
    rec_batch_width: int = 8 * 480
    # Crops are narrowed to this share of their width at the model's height, which cuts the
    # recogniser's work in proportion, and no crop is padded to more than ``rec_most_padding`` times
    # its width in a batch (see ``scan_reader`` for where they are used).
    rec_squeeze: float = 1.0
    rec_most_padding: float = math.inf
    # Below this recogniser score a detected line outside tables is dropped.
    min_line_score: float = 0.5


def bundled_model_dir() -> Path:
    try:
        import rapidocr
    except ImportError as exc:
        raise MissingDependencyError("rapidocr is not installed") from exc
    return Path(rapidocr.__file__).parent / "models"


def verified_model(section: str) -> Path:
    """The bundled model file for ``section`` (Det, Rec, Cls), checked against its pinned SHA-256."""
    name, digest = PINNED_MODELS[section]
    path = bundled_model_dir() / name
    if not path.is_file():
        raise MissingDependencyError(f"RapidOCR model {name} is missing from {path.parent}; reinstall rapidocr==3.10.0")
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != digest:
        raise MissingDependencyError(f"RapidOCR model {path} is not the pinned one (sha256 {actual}); reinstall rapidocr==3.10.0")
    return path


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self, settings: RapidSettings = RapidSettings()) -> None:
        from rapidocr import RapidOCR

        params = {
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Global.text_score": settings.min_line_score,
            "Rec.rec_batch_num": settings.rec_batch,
            "Rec.rec_img_shape": [3, 48, settings.rec_min_width],
            "EngineConfig.onnxruntime.intra_op_num_threads": settings.threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        for section in PINNED_MODELS:
            params[f"{section}.model_path"] = str(verified_model(section))
        self._ocr = RapidOCR(params=params)
        self._recogniser = CtcRecogniser(verified_model("Rec"), settings.threads)
        self.settings = settings

    def with_recognition(self, squeeze: float, most_padding: float) -> RapidOcrEngine:
        """This engine recognising crops narrowed and batched as given (see ``RapidSettings``), sharing its loaded models."""
        other = copy.copy(self)
        other.settings = replace(self.settings, rec_squeeze=squeeze, rec_most_padding=most_padding)
        return other

    def read_cells(self, image: np.ndarray, boxes: Sequence[BBox]) -> list[CellReading]:
        """Cells' line crops recognised in batches; a cell holding only a dash is not recognised,
        as the recogniser stretches so flat a line to its 48-px height and reads garbage (mmmn s)."""
        per_cell = [split_text_lines(image, box) for box in boxes]
        dashes = [len(lines) == 1 and is_dash(image, lines[0], box) for box, lines in zip(boxes, per_cell)]
        crops = [line_crop(image, line, box) for box, lines, dash in zip(boxes, per_cell, dashes) if not dash for line in lines]
        lines_read = self.recognise(crops)
        readings, i = [], 0
        for lines, dash in zip(per_cell, dashes):
            n = len(lines)
            if dash:
                readings.append(CellReading("——", 1.0))
                continue
            if n == 0:
                readings.append(CellReading("", 1.0))
                continue
            read = lines_read[i : i + n]
            text = "".join(r.text for r in read)
            first_choices = "".join(r.alternative or r.text for r in read)
            readings.append(CellReading(text, min(r.score for r in read), (first_choices,) if first_choices != text else ()))
            i += n
        return readings

    def recognise(self, crops: list[np.ndarray]) -> list[Recognition]:
        """Recognition only, for ready-made single-line crops (BGR or grey).

        Crops go to onnxruntime in groups of similar width whose padded size
        stays under ``rec_batch_width``: a batch is padded to its widest crop,
        and eight full-width prose lines in one batch took 1 GB.
        """
        read = [Recognition("", 0.0)] * len(crops)
        for group in self._width_groups(crops):
            batch = self._recogniser.recognise_batch([_as_bgr(crops[i]) for i in group], self.settings.rec_min_width,
                                                     self.settings.rec_squeeze)
            for i, r in zip(group, batch):
                read[i] = Recognition(squeeze_spaces(r.text), r.score, squeeze_spaces(r.alternative))
        return read

    def read_line_crops(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Text and score of each crop: the ``LineReader`` the orientation vote asks for."""
        return [(r.text, r.score) for r in self.recognise(list(crops))]

    def _width_groups(self, crops: list[np.ndarray]) -> list[list[int]]:
        widths = [48 * max(self.settings.rec_squeeze * c.shape[1] / max(c.shape[0], 1), self.settings.rec_min_width / 48) for c in crops]
        groups: list[list[int]] = []
        for i in sorted(range(len(crops)), key=widths.__getitem__):
            group = groups[-1] if groups else None
            # Sorted by width, so the newcomer is the widest: it sets the padding.
            if (group is not None and len(group) < self.settings.rec_batch and (len(group) + 1) * widths[i] <= self.settings.rec_batch_width
                    and widths[i] <= self.settings.rec_most_padding * widths[group[0]]):
                group.append(i)
            else:
                groups.append([i])
        return groups

    def read_lines(self, image: np.ndarray) -> list[TextSpan]:
        result = self._ocr(_as_bgr(image))
        if result.boxes is None or result.txts is None or len(result.txts) == 0:
            return []
        spans = []
        for quad, text, score in zip(result.boxes, result.txts, result.scores):
            xs, ys = quad[:, 0], quad[:, 1]
            spans.append(TextSpan(squeeze_spaces(text), BBox(float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())), float(score)))
        spans.sort(key=lambda s: (s.bbox.y0, s.bbox.x0))
        return spans


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return np.repeat(image[:, :, None], 3, axis=2)
    return image
