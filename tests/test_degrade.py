"""The damaged copies the corpus is built from: scans with no text layer, and garbled text layers that still look right."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from samples.degrade.cmap import build_tounicode, parse_tounicode
from samples.degrade.garble import FONT_KINDS, KINDS, garble_pdf
from samples.degrade.scan import degrade_image, scan_pdf, stamp_seal
from pdf_factory import render_grey

PUTUO = "shanghai-putuo-caizhengju-2024-juesuan.pdf"
# 目录 page, a portrait table page and a landscape table page.
PAGES = (2, 6, 8)


@pytest.fixture(scope="module")
def source(realdocs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three pages of a real report, so scanning and garbling stay fast."""
    path = tmp_path_factory.mktemp("degrade") / "putuo-3p.pdf"
    with pikepdf.open(realdocs / PUTUO) as full, pikepdf.new() as out:
        for number in PAGES:
            out.pages.append(full.pages[number - 1])
        out.save(path)
    return path


def _texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _block_mean(pixels: np.ndarray, k: int = 4) -> np.ndarray:
    h, w = (pixels.shape[0] // k) * k, (pixels.shape[1] // k) * k
    return pixels[:h, :w].reshape(h // k, k, w // k, k).mean(axis=(1, 3))


def _sizes(path: Path) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


# --- scans ---------------------------------------------------------------------------------------------


def test_scan_has_no_text_layer_and_one_jpeg_per_page_sized_like_the_original(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "scan.pdf"
    pages = scan_pdf(source, out, seed=3, dpi=100)
    assert [p["number"] for p in pages] == [1, 2, 3]
    assert all(not text.strip() for text in _texts(out))
    for (w, h), (sw, sh), page in zip(_sizes(source), _sizes(out), pages):
        expected = (h, w) if page["rotation"] in (90, 270) else (w, h)
        assert (sw, sh) == pytest.approx(expected, abs=0.01)
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            images = list(page.get_images().values())
            assert len(images) == 1 and images[0].Filter == pikepdf.Name.DCTDecode
            assert images[0].read_raw_bytes()[:2] == b"\xff\xd8"  # the JPEG itself, not re-encoded


def test_scan_is_deterministic_from_the_seed(source: Path, tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    assert scan_pdf(source, first, seed=11, dpi=72) == scan_pdf(source, second, seed=11, dpi=72)
    assert first.read_bytes() == second.read_bytes()
    scan_pdf(source, other, seed=12, dpi=72)
    assert other.read_bytes() != first.read_bytes()


def test_a_sideways_page_is_undone_by_turning_it_back_by_the_reported_rotation(source: Path, tmp_path: Path) -> None:
    one_page = tmp_path / "one.pdf"
    with pikepdf.open(source) as pdf, pikepdf.new() as out:
        out.pages.append(pdf.pages[1])
        out.save(one_page)
    out = tmp_path / "scan.pdf"
    rotation = next(r for seed in range(200) if (r := scan_pdf(one_page, out, seed=seed, dpi=50)[0]["rotation"]))
    original = Image.fromarray(render_grey(one_page, 0, scale=50 / 72).astype(np.uint8))
    scanned = Image.fromarray(render_grey(out, 0, scale=50 / 72).astype(np.uint8))

    def likeness(turn: int) -> float:
        back = scanned.rotate(turn, expand=True).resize((60, 85))
        a = np.asarray(back, np.float32).ravel()
        b = np.asarray(original.resize((60, 85)), np.float32).ravel()
        return float(np.corrcoef(a, b)[0, 1])

    # PIL turns counter-clockwise: turning back by ``rotation`` restores the page, other turns do not.
    assert max((0, 90, 180, 270), key=likeness) == rotation


def test_degrade_image_keeps_the_size_changes_the_pixels_and_follows_the_rng() -> None:
    img = Image.new("RGB", (400, 300), "white")
    img.paste((0, 0, 0), (50, 100, 350, 104))
    a = degrade_image(img, np.random.default_rng(5))
    b = degrade_image(img, np.random.default_rng(5))
    assert a.size == img.size
    assert np.array_equal(np.asarray(a), np.asarray(b))
    assert np.abs(np.asarray(a, np.float32) - np.asarray(img, np.float32)).mean() > 2


def test_seals_land_on_tables_only() -> None:
    page = Image.new("RGB", (600, 800), "white")
    assert stamp_seal(page, np.random.default_rng(1)) is page
    for y in range(200, 600, 40):
        page.paste((0, 0, 0), (60, y, 540, y + 2))
    stamped = np.asarray(stamp_seal(page, np.random.default_rng(1)), np.int32)
    red = (stamped[..., 0] - stamped[..., 2] > 60) & (stamped[..., 0] > 150)
    ys = np.nonzero(red)[0]
    assert red.sum() > 500 and 150 <= ys.mean() <= 650


# --- garbled text layers -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_garbles_the_text_but_not_the_look(source: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    garbled = garble_pdf(source, out, seed=4, kinds=(kind,))
    assert garbled, f"{kind}: no page garbled"
    before, after = _texts(source), _texts(out)
    for number in range(1, len(before) + 1):
        changed = before[number - 1] != after[number - 1]
        assert changed == (number in garbled)
    for number in garbled:
        a, b = render_grey(source, number - 1, scale=1.0), render_grey(out, number - 1, scale=1.0)
        if kind in FONT_KINDS:
            assert np.array_equal(a, b)  # same glyphs drawn: only the text behind them changed
        else:
            a, b = _block_mean(a), _block_mean(b)  # the page as a 150 dpi image: compare at reading scale
            assert np.corrcoef(a.ravel(), b.ravel())[0, 1] > 0.95


def test_garbling_is_deterministic_and_can_spare_pages(source: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert garble_pdf(source, a, seed=21) == garble_pdf(source, b, seed=21)
    assert a.read_bytes() == b.read_bytes()
    garbled_sets = {tuple(garble_pdf(source, tmp_path / f"s{seed}.pdf", seed=seed, kinds=FONT_KINDS)) for seed in range(8)}
    assert any(len(pages) < len(PAGES) for pages in garbled_sets)


def test_unknown_kind_is_refused(source: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown garble kinds"):
        garble_pdf(source, tmp_path / "x.pdf", seed=1, kinds=("rot13",))


def test_tounicode_round_trip_reads_bfchar_and_both_bfrange_forms() -> None:
    cmap = b"""1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0001> <0031>
<0002> <652F51FA>
endbfchar
2 beginbfrange
<0010> <0012> <4E00>
<0020> <0021> [<0041> <0042>]
endbfrange"""
    codespace, mapping = parse_tounicode(cmap)
    assert mapping == {"0001": "1", "0002": "支出", "0010": "一", "0011": "丁", "0012": "丂", "0020": "A", "0021": "B"}
    assert parse_tounicode(build_tounicode(codespace, mapping))[1] == mapping
