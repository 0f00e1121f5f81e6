import pytest

from extractor.normalise.numbers import (
    MISREAD_SEPARATOR,
    OCR_LETTER,
    convert,
    is_blank,
    looks_numeric,
    read_number,
    repair_digits,
    unit_of,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("1126.92", 1126.92),
        ("1,126.92", 1126.92),
        ("2,946.25", 2946.25),
        ("１１２６．９２", 1126.92),
        ("1 126.92", 1126.92),
        (" 0.01 ", 0.01),
        ("100%", 100.0),
        ("78.28％", 78.28),
        ("(12.50)", -12.5),
        ("（12.50）", -12.5),
        ("-3.2", -3.2),
        ("－3.2", -3.2),
        ("1.894", 1.894),
        ("1,456,000", 1456000.0),
        ("0", 0.0),
    ],
)
def test_clean_numbers(text, value):
    r = read_number(text)
    assert r.ok and r.flag is None
    assert r.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "  ", "—", "——", "———", "-", "－", "–", "--"])
def test_dashes_and_empty_are_null(text):
    assert read_number(text) == (None, True, None)
    assert is_blank(text)
    assert not looks_numeric(text)


@pytest.mark.parametrize(
    "text, value",
    [("1.126.92", 1126.92), ("1,126,92", 1126.92), ("1.126,92", 1126.92), ("12.345.678", 12345678.0), ("126,92", 126.92)],
)
def test_misread_separators_are_repaired_and_flagged(text, value):
    r = read_number(text)
    assert r.ok and r.flag == MISREAD_SEPARATOR
    assert r.value == pytest.approx(value)


def test_ocr_letters_in_numbers_are_flagged():
    r = read_number("1O6.5")
    assert r.value == pytest.approx(106.5) and r.flag == OCR_LETTER


@pytest.mark.parametrize("text", ["行政运行", "≥90%", "=1项", "1.2.3.4", "12a", "2024年"])
def test_text_is_not_a_number(text):
    r = read_number(text)
    assert r.value is None and not r.ok


def test_unit_conversion():
    assert convert(1456000, "元", "万元") == pytest.approx(145.6)
    assert convert(145.6, "万元", "元") == pytest.approx(1456000)
    assert convert(None, "元", "万元") is None
    with pytest.raises(ValueError):
        convert(1, "元", "美元")


def test_unit_of_caption():
    assert unit_of("金额单位：万元") == "万元"
    assert unit_of("单位:元") == "元"
    assert unit_of("2024年度") is None
    assert unit_of(None) is None


def test_repair_digits_only_touches_digit_strings():
    assert repair_digits("2O1O3O1") == "2010301"
    assert repair_digits("2010301") == "2010301"
    assert repair_digits("合计") == "合计"
    assert repair_digits("Other") == "Other"
