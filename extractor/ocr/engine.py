"""The interface every OCR engine offers to the pipeline.

Tables on a scanned page already give the cells, so the main call is
recognition only, over many small crops at once (``read_cells``): detection
would be slower and would split or merge cells differently from the grid.
``read_lines`` (detection and recognition) is for the text around tables:
titles, captions, units, and pages without rulings.
Boxes and spans are in pixels of the image given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, Sequence

import numpy as np

from extractor.model import BBox, TextSpan


_SPACES = re.compile(r"\s+")


def squeeze_spaces(text: str) -> str:
    """Drop the spaces a recogniser puts into CJK text and amounts (4, 213, 779.28; 1. 一般).

    The printed text has none there, and the text layer of a born-digital
    copy shows none; spaces between Latin words are kept.
    """
    text = text.strip()

    def keep(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1], text[match.end()]
        return " " if before.isascii() and before.isalpha() and after.isascii() and after.isalpha() else ""

    return _SPACES.sub(keep, text)


# Below this confidence a cell's reading is in doubt: it is read again where a sharper image of the
# page can be had, and the normaliser names the amounts still below it in a warning.
DOUBTFUL = 0.6


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
