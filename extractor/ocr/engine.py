"""The interface every OCR engine offers to the pipeline.

Tables on a scanned page already give the cells, so the main call is
recognition only, over many small crops at once (``read_cells``): detection
would be slower and would split or merge cells differently from the grid.
``read_lines`` (detection and recognition) is for the text around tables:
titles, captions, units, and pages without rulings.
Boxes and spans are in pixels of the image given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

import numpy as np

from extractor.model import BBox, TextSpan


@dataclass(frozen=True)
class CellReading:
    """What an engine read in one box; ``alternatives`` are other plausible readings, best first."""

    text: str
    confidence: float
    alternatives: tuple[str, ...] = ()


class OcrEngine(Protocol):
    name: str

    def read_cells(self, image: np.ndarray, boxes: Sequence[BBox]) -> list[CellReading]:
        """Recognise the text inside each box (pixels of ``image``), one reading per box, in order."""
        ...

    def read_lines(self, image: np.ndarray) -> list[TextSpan]:
        """Find and recognise the text lines of ``image``, top to bottom."""
        ...
