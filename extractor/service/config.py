"""Everything the service is configured with, passed to ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from extractor.pipeline import ExtractOptions


@dataclass(frozen=True)
class ServiceConfig:
    data_dir: Path  # the job database, uploads and results live here
    workers: int = 1  # extraction processes
    max_bytes: int = 50 << 20
    max_pages: int | None = 500
    ocr: Literal["auto", "always", "never"] = "auto"
    dpi: int = 200
    renderer: Literal["pdfium", "poppler"] = "pdfium"
    # Back-pressure: beyond these, requests get 429 with Retry-After instead
    # of piling up memory and latency.
    max_queued_jobs: int = 1000
    max_waiting_sync: int = 32
    # A job that was running when the server (or its worker) died is run
    # again until it has been started this many times, then failed with the reason.
    max_attempts: int = 2

    @property
    def extract_options(self) -> ExtractOptions:
        from extractor.pipeline import ExtractOptions

        return ExtractOptions(ocr=self.ocr, dpi=self.dpi, max_pages=self.max_pages, max_bytes=self.max_bytes,
                              renderer=self.renderer)
