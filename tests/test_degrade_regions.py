"""Copies damaged in part of a page: garbled table fonts under good titles, tables pasted as pictures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from extractor.ingest.text_layer import read_page
from samples.degrade.regions import garble_tables, paste_table_images, table_boxes
from pdf_factory import pages_of, render_grey

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "samples" / "fixtures" / "0003-shanghai-juesuan-digital-103.pdf"
PAGES = (4, 12, 13)  # a portrait 公开01 page over half the page, the 三公 table, a small landscape table


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pages_of(FIXTURE, PAGES, tmp_path_factory.mktemp("regions") / "three.pdf")


def _page_texts(path: Path) -> list[tuple[str, str]]:
    """Per page: the text inside its tables and the text outside them."""
    out = []
    with pikepdf.open(path) as pdf:
        boxes = [table_boxes(p) for p in pdf.pages]
    doc = pdfium.PdfDocument(str(path))
    try:
        for index, page_boxes in enumerate(boxes):
            textpage = doc[index].get_textpage()
            inside, outside = [], []
            for i in range(textpage.count_chars()):
                left, bottom, right, top = textpage.get_charbox(i)
                x, y = (left + right) / 2, (bottom + top) / 2
                into = any(b.contains(x, y) for b in page_boxes)
                (inside if into else outside).append(textpage.get_text_range(i, 1))
            out.append(("".join(inside), "".join(outside)))
    finally:
        doc.close()
    return out


def test_table_boxes_are_the_ruled_tables(source: Path) -> None:
    with pikepdf.open(source) as pdf:
        boxes = [table_boxes(p) for p in pdf.pages]
    assert [len(b) for b in boxes] == [1, 1, 1]
    first = boxes[0][0]
    assert first.x1 - first.x0 > 400 and first.y1 - first.y0 > 300


def test_garbled_tables_read_wrong_inside_and_right_outside(source: Path, tmp_path: Path) -> None:
    damaged = garble_tables(source, tmp_path / "g.pdf", seed=4)
    assert damaged
    before, after = _page_texts(source), _page_texts(tmp_path / "g.pdf")
    for number, ((inside, outside), (inside2, outside2)) in enumerate(zip(before, after), start=1):
        assert outside2 == outside
        assert (inside2 != inside) == (number in damaged)
    for number in damaged:
        assert np.abs(render_grey(source, number - 1) - render_grey(tmp_path / "g.pdf", number - 1)).mean() < 0.5


def test_region_garbling_follows_the_seed(source: Path, tmp_path: Path) -> None:
    garble_tables(source, tmp_path / "a.pdf", seed=11)
    garble_tables(source, tmp_path / "b.pdf", seed=11)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    with pytest.raises(ValueError, match="unknown region garble kinds"):
        garble_tables(source, tmp_path / "c.pdf", seed=1, kinds=("bad-ocr",))


def test_pasted_table_is_a_picture_under_its_typed_title(source: Path, tmp_path: Path) -> None:
    pasted = paste_table_images(source, tmp_path / "p.pdf", seed=2)
    assert pasted and 1 not in pasted  # the 公开01 table covers too much of its page to pass for a pasted picture
    doc = pdfium.PdfDocument(str(tmp_path / "p.pdf"))
    try:
        for number in pasted:
            content = read_page(doc[number - 1])
            assert 0.02 < content.image_coverage < 0.5 and len(content.image_boxes) == 1
            picture = content.image_boxes[0]
            assert not [s for s in content.spans if picture.contains_point(s.bbox.cx, s.bbox.cy)]
            assert "决算表" in "".join(s.text for s in content.spans)  # the title stays typed
            before, after = render_grey(source, number - 1, 2.0), render_grey(tmp_path / "p.pdf", number - 1, 2.0)
            inside = np.zeros(before.shape, dtype=bool)
            inside[int(picture.y0 * 2):int(picture.y1 * 2) + 1, int(picture.x0 * 2):int(picture.x1 * 2) + 1] = True
            assert np.abs(before - after)[~inside].max() == 0
            ink_before, ink_after = (255 - before[inside]).mean(), (255 - after[inside]).mean()
            assert abs(ink_after - ink_before) < 0.3 * ink_before  # the same table, drawn by a scanner
    finally:
        doc.close()
    with pikepdf.open(tmp_path / "p.pdf") as pdf:
        assert all(table_boxes(pdf.pages[n - 1]) == [] for n in pasted)
