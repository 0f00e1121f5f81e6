"""Opening a PDF: the one place that decides whether a file can be read at all.

Every kind of bad input becomes one of the errors in ``extractor.errors``
with a message that says what to do, before any page is processed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import CorruptPdfError, EncryptedPdfError, InputFileError, NotAPdfError, TooLargeError

_HEADER_WINDOW = 1024
_TRAILER_WINDOW = 4096


@dataclass(frozen=True)
class OpenedPdf:
    path: Path
    sha256: str
    document: pdfium.PdfDocument
    page_count: int


def check_pdf_bytes(head: bytes, tail: bytes) -> None:
    """Reject what is plainly not a complete PDF before handing it to PDFium.

    PDFium quietly repairs truncated files and may then show fewer pages; a
    result that silently misses pages is worse than a clear error.
    """
    if b"%PDF-" not in head[:_HEADER_WINDOW]:
        raise NotAPdfError("the file is not a PDF (no %PDF- header); only PDF files can be extracted")
    if b"%%EOF" not in tail[-_TRAILER_WINDOW:]:
        raise CorruptPdfError(
            "the PDF is truncated (no %%EOF marker at its end); re-download the complete file and retry"
        )


def open_pdf(path: Path, *, max_bytes: int | None = None, max_pages: int | None = None) -> OpenedPdf:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(_HEADER_WINDOW)
            fh.seek(max(0, size - _TRAILER_WINDOW))
            tail = fh.read()
    except FileNotFoundError as exc:
        raise InputFileError(f"no such file: {path}") from exc
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror}") from exc
    if size == 0:
        raise NotAPdfError(f"{path.name} is empty (0 bytes); only PDF files can be extracted")
    if max_bytes is not None and size > max_bytes:
        raise TooLargeError(f"{path.name} is {size} bytes, over the limit of {max_bytes}; split it or raise the limit")
    check_pdf_bytes(head, tail)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedPdfError(
                f"{path.name} is password-protected; remove the password (e.g. qpdf --decrypt) and retry"
            ) from exc
        raise CorruptPdfError(f"{path.name} is damaged and cannot be opened ({exc}); repair it (e.g. with qpdf) and retry") from exc
    page_count = len(document)
    if page_count == 0:
        document.close()
        raise CorruptPdfError(f"{path.name} has no pages")
    if max_pages is not None and page_count > max_pages:
        document.close()
        raise TooLargeError(f"{path.name} has {page_count} pages, over the limit of {max_pages}; split it or raise the limit")
    return OpenedPdf(path=path, sha256=file_sha256(path), document=document, page_count=page_count)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
