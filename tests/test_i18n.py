"""Languages, number and date formats, source and confidence labels (inovlab.i18n)."""

import datetime as dt

import pytest

from inovlab.i18n import (
    check_lang,
    confidence_label,
    format_date,
    format_number,
    source_label,
)


def test_source_labels_single_and_combined():
    assert source_label("published") == "data resmi terpublikasi"
    assert source_label("user", "en") == "user data"
    assert source_label("user+demo") == "data pengguna + data demo (sintetis)"
    with pytest.raises(KeyError):
        source_label("pengguna")


def test_dates_without_platform_specific_formats():
    assert format_date(dt.date(2026, 3, 5)) == "5 Maret 2026"
    assert format_date(dt.date(2026, 3, 5), "en").startswith("5 ")
    assert format_date(dt.date(2026, 3, 5), "en").endswith(" 2026")


def test_numbers_and_languages():
    assert format_number(1234.5, 2) == "1.234,50"
    assert format_number(1234.5, 2, "en") == "1,234.50"
    assert check_lang("id") == "id"
    with pytest.raises(ValueError):
        check_lang("fr")
    assert confidence_label("confirmed", "en") == "confirmed"
