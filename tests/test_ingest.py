"""Opening files: every kind of bad input gets its own clear error."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from extractor.errors import CorruptPdfError, EncryptedPdfError, InputFileError, NotAPdfError, TooLargeError
from extractor.ingest.pdf import open_pdf


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("pdf") / "one.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "hello")
    c.showPage()
    c.drawString(72, 720, "second page")
    c.save()
    return path


def test_opens_a_pdf(small_pdf: Path) -> None:
    opened = open_pdf(small_pdf)
    assert opened.page_count == 2 and len(opened.sha256) == 64
    opened.document.close()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        open_pdf(tmp_path / "nope.pdf")


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("收入支出决算总表\n", encoding="utf-8")
    with pytest.raises(NotAPdfError) as err:
        open_pdf(path)
    assert err.value.http_status == 415 and err.value.exit_code == 3


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(NotAPdfError):
        open_pdf(path)


def test_truncated(small_pdf: Path, tmp_path: Path) -> None:
    data = small_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptPdfError) as err:
        open_pdf(path)
    assert err.value.http_status == 422


def test_garbage_after_header(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500 + b"\n%%EOF\n")
    with pytest.raises(CorruptPdfError):
        open_pdf(path)


def test_encrypted(small_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    with pikepdf.open(small_pdf) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(EncryptedPdfError) as err:
        open_pdf(path)
    assert "password" in err.value.message and err.value.http_status == 422


def test_limits(small_pdf: Path) -> None:
    with pytest.raises(TooLargeError):
        open_pdf(small_pdf, max_pages=1)
    with pytest.raises(TooLargeError) as err:
        open_pdf(small_pdf, max_bytes=100)
    assert err.value.http_status == 413
