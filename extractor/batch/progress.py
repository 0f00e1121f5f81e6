"""Two progress bars on stderr, files and pages, each with an ETA."""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from extractor.errors import ExtractorError
from extractor.ingest.pdf import open_pdf


def count_pages(path: Path) -> int:
    """The page count for the progress bar's total; 0 for a file that will
    fail anyway (its error is reported when it is extracted, not here)."""
    try:
        opened = open_pdf(path)
    except ExtractorError:
        return 0
    opened.document.close()
    return opened.page_count


class BatchProgress:
    def __init__(self, files: int, pages: int, enabled: bool) -> None:
        self._files = tqdm(total=files, desc="files", unit="file", file=sys.stderr, disable=not enabled, position=0)
        self._pages = tqdm(total=pages, desc="pages", unit="page", file=sys.stderr, disable=not enabled, position=1)
        self._reported: dict[str, int] = {}

    def pages(self, key: str, done: int, total: int) -> None:
        """A worker reports ``done`` of ``total`` pages of one file."""
        step = done - self._reported.get(key, 0)
        if step > 0:
            self._reported[key] = done
            self._pages.update(step)

    def file_done(self, key: str, pages: int) -> None:
        """Counts the pages the worker did not report (a failed file, or an
        executor without live page progress) so the pages bar ends at its total."""
        self.pages(key, max(pages, self._reported.get(key, 0)), pages)
        self._files.update(1)

    def close(self) -> None:
        self._pages.close()
        self._files.close()
