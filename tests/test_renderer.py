"""Poppler (pdftoppm through pdf2image) as the renderer for OCR, chosen per run."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from extractor.commands.options import add_extract_options, extract_options
from extractor.evaluation import score_document
from extractor.pipeline import ExtractOptions, extract_file
from extractor.service.config import ServiceConfig

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "samples" / "fixtures" / "0003-shanghai-juesuan-digital-103.pdf"
PAGE = 12  # the 三公 table: one small table, so two OCR runs stay quick


@pytest.fixture(scope="module")
def one_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("renderer") / "sangong.pdf"
    with pikepdf.open(FIXTURE) as full, pikepdf.new() as out:
        out.pages.append(full.pages[PAGE - 1])
        out.save(path)
    return path


def test_poppler_renders_the_page_as_pdfium_does(one_page: Path) -> None:
    from extractor.scan_reader import page_pixels

    document = pdfium.PdfDocument(str(one_page))
    try:
        pdfium_pixels, pdfium_scale = page_pixels(document, 0, 150)
        poppler_pixels, poppler_scale = page_pixels(document, 0, 150, renderer="poppler", path=one_page)
    finally:
        document.close()
    assert pdfium_scale == poppler_scale == 150 / 72
    assert abs(pdfium_pixels.shape[0] - poppler_pixels.shape[0]) <= 1 and abs(pdfium_pixels.shape[1] - poppler_pixels.shape[1]) <= 1
    h, w = min(pdfium_pixels.shape[0], poppler_pixels.shape[0]), min(pdfium_pixels.shape[1], poppler_pixels.shape[1])
    pdfium_ink, poppler_ink = (px[:h, :w].mean(axis=2) < 128 for px in (pdfium_pixels, poppler_pixels))
    # Anti-aliasing differs at stroke edges, so the two renders share most ink pixels, not all.
    assert (pdfium_ink & poppler_ink).sum() > 0.6 * (pdfium_ink | poppler_ink).sum()


def test_poppler_needs_the_file(one_page: Path) -> None:
    from extractor.scan_reader import page_pixels

    document = pdfium.PdfDocument(str(one_page))
    try:
        with pytest.raises(ValueError, match="needs a file path"):
            page_pixels(document, 0, 150, renderer="poppler")
    finally:
        document.close()


def test_a_page_ocrd_from_a_poppler_render_reads_like_one_from_pdfium(one_page: Path) -> None:
    full = json.loads(FIXTURE.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))
    tables = [dict(t, pages=[1]) for t in full["tables"] if t["pages"] == [PAGE]]
    truth = dict(full, file=one_page.name, pages=[dict(full["pages"][PAGE - 1], number=1)], tables=tables)
    outputs = {r: extract_file(one_page, ExtractOptions(ocr="always", renderer=r)) for r in ("pdfium", "poppler")}
    for output in outputs.values():
        assert [p["source"] for p in output["pages"]] == ["ocr"]
        metrics = score_document(output, truth).metrics()
        assert metrics["table_recall"] == 1.0 and metrics["value_f1"] == 1.0
    records = {r: [t["records"] for t in o["tables"]] for r, o in outputs.items()}
    assert records["poppler"] == records["pdfium"]


def test_the_renderer_is_an_option_of_every_command_and_of_the_service(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    add_extract_options(parser, max_bytes=None, max_pages=None)
    assert extract_options(parser.parse_args([])).renderer == "pdfium"
    assert extract_options(parser.parse_args(["--renderer", "poppler"])).renderer == "poppler"
    with pytest.raises(SystemExit):
        parser.parse_args(["--renderer", "ghostscript"])
    assert ServiceConfig(data_dir=tmp_path, renderer="poppler").extract_options.renderer == "poppler"
