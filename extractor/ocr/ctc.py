"""PP-OCR's line recogniser run directly on onnxruntime, decoded here.

RapidOCR's own recognition call returns only the best character at each
step. The decoding is done here instead so that the recogniser's second
choice can be used where it is known to be the better one: a ≥ or ≤ printed
in a thin face and blurred by a scan loses its lower bar into the chevron,
and the recogniser then puts > (or <) first but keeps the barred sign as a
strong second (6-45% on such scans). A > or < that was printed as such
never leaves its barred twin more than 0.2% (UMing and WenQuanYi, 18-28 px,
sharp and blurred), so from 5% up the barred sign is taken, and the bare
reading is kept as the alternative.

Input handling is PP-OCR's own: the crop is scaled to the model's 48-px
height, normalised to [-1, 1] and padded with zeros to the widest crop of
its batch; the score of a line is the mean probability of its characters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from extractor.model import Issue, TableRegion

_HEIGHT = 48
# Bare sign -> the barred sign whose lower bar a blurred thin face loses.
_BARRED = {">": "≥", "<": "≤"}
# The barred sign's probability, at the step where the bare one came first, from which it is taken.
_BARRED_SHARE = 0.05


@dataclass(frozen=True)
class Recognition:
    """One line's reading; ``alternative`` is the reading with the recogniser's first choices where a
    second choice was taken ('' when none was)."""

    text: str
    score: float
    alternative: str = ""


class CtcRecogniser:
    """The pinned recognition model (its character set is in the model's metadata)."""

    def __init__(self, model: Path, threads: int) -> None:
        from onnxruntime import GraphOptimizationLevel, InferenceSession, SessionOptions

        options = SessionOptions()
        options.log_severity_level = 4
        options.enable_cpu_mem_arena = False
        options.graph_optimization_level = GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        characters = self._session.get_modelmeta().custom_metadata_map["character"].splitlines()
        # Index 0 is CTC's blank; the model's last class is the space.
        self._charset = ["", *characters, " "]
        self._barred = {self._charset.index(bare): self._charset.index(barred) for bare, barred in _BARRED.items()}

    def recognise_batch(self, crops: list[np.ndarray], min_width: int, squeeze: float = 1.0) -> list[Recognition]:
        """Crops (BGR, one text line each) read in one run of the model, each narrowed by ``squeeze``
        after scaling to the model's height (see ``RapidSettings.rec_squeeze``)."""
        ratio = max([min_width / _HEIGHT] + [squeeze * c.shape[1] / max(c.shape[0], 1) for c in crops])
        width = int(_HEIGHT * ratio)
        batch = np.zeros((len(crops), 3, _HEIGHT, width), np.float32)
        for k, crop in enumerate(crops):
            scaled = min(width, max(1, int(math.ceil(_HEIGHT * squeeze * crop.shape[1] / max(crop.shape[0], 1)))))
            resized = cv2.resize(crop, (scaled, _HEIGHT)).astype(np.float32).transpose(2, 0, 1)
            batch[k, :, :, :scaled] = resized / 127.5 - 1.0
        probs = self._session.run(None, {self._input: batch})[0]
        return [decode(p, self._charset, self._barred) for p in probs]


def decode(probs: np.ndarray, charset: list[str], barred: dict[int, int]) -> Recognition:
    """Greedy CTC decoding of one line's (steps × classes) probabilities: repeats merged, blanks dropped,
    and a bare comparison sign replaced by its barred twin (``barred``) when that holds its share."""
    best = probs.argmax(axis=1)
    keep = best != 0
    keep[1:] &= best[1:] != best[:-1]
    steps = np.flatnonzero(keep)
    if not len(steps):
        return Recognition("", 0.0)
    first = [charset[best[t]] for t in steps]
    chosen = list(first)
    for k, t in enumerate(steps):
        twin = barred.get(int(best[t]))
        if twin is not None and probs[t, twin] >= _BARRED_SHARE:
            chosen[k] = charset[twin]
    score = float(np.mean(probs[steps, best[steps]]))
    alternative = "".join(first) if chosen != first else ""
    return Recognition("".join(chosen), score, alternative)


def barred_sign_cells(region: TableRegion) -> list[Issue]:
    """One warning per OCR'd cell whose ≥ or ≤ was the recogniser's second choice, so a reader can
    look at the sign where a form's target turns on it."""
    bare = str.maketrans({barred: plain for plain, barred in _BARRED.items()})
    return [
        Issue(
            "sign-second-choice",
            f"row {cell.row + 1} col {cell.col + 1}: {cell.text!r} was read first as {cell.text.translate(bare)!r}; "
            "the barred sign was taken as the recogniser kept it as a strong second choice",
            region.page,
        )
        for cell in region.cells
        if cell.text.translate(bare) != cell.text and cell.text.translate(bare) in cell.alternatives
    ]
