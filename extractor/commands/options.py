"""Command-line flags shared by the commands that run the pipeline
(batch, serve): how to read documents and how much to accept."""

from __future__ import annotations

import argparse
import re

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.pipeline import ExtractOptions

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def byte_size(text: str) -> int:
    """``52428800``, ``50M``, ``50MB`` or ``1.5G`` as a number of bytes."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 50M or 52428800)")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_extract_options(parser: argparse.ArgumentParser, *, max_bytes: int | None, max_pages: int | None) -> None:
    parser.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                        help="OCR pages whose text layer cannot be trusted (auto), every page, or none (default: auto)")
    parser.add_argument("--dpi", type=positive_int, default=200, help="rendering resolution for OCR (default: 200)")
    parser.add_argument("--renderer", choices=("pdfium", "poppler"), default="pdfium",
                        help="what renders pages for OCR: pdfium, or poppler's pdftoppm through pdf2image "
                             "(default: pdfium; a page that is one embedded scan is used as it is)")
    parser.add_argument("--max-bytes", type=byte_size, default=max_bytes,
                        help=f"reject PDFs larger than this, e.g. 50M (default: {max_bytes or 'no limit'})")
    parser.add_argument("--max-pages", type=positive_int, default=max_pages,
                        help=f"reject PDFs with more pages (default: {max_pages or 'no limit'})")


def extract_options(args: argparse.Namespace) -> ExtractOptions:
    from extractor.pipeline import ExtractOptions  # the pipeline loads only when a command runs

    return ExtractOptions(ocr=args.ocr, dpi=args.dpi, max_pages=args.max_pages, max_bytes=args.max_bytes,
                          renderer=args.renderer)
