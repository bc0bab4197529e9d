"""Languages, number and date formats, source and confidence labels (inovlab.i18n)."""

import datetime as dt

import pytest

from inovlab.i18n import (
    check_lang,
    confidence_label,
    format_date,
    format_number,
    format_numbers,
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


@pytest.mark.parametrize("lang", ["id", "en"])
def test_format_numbers_equals_format_number_value_by_value(lang):
    import numpy as np
    import pandas as pd

    values = [1234.5, float("nan"), 1234.5, -0.0004, None, 3, 3.0, -2.25, pd.NA, 1e9]
    expected = [format_number(v, 2, lang) for v in values]
    assert format_numbers(values, 2, lang) == expected
    assert format_numbers(np.array([0.5, np.nan, 0.5]), 0, lang) == [
        format_number(0.5, 0, lang), "–", format_number(0.5, 0, lang)]
    assert format_numbers(pd.Series([], dtype=float), 1, lang) == []


def test_format_dates_formats_each_day_once_and_marks_missing():
    import datetime as dt

    import pandas as pd

    from inovlab.i18n import format_dates

    days = pd.Series([pd.Timestamp("2024-01-01 08:30"), pd.NaT, pd.Timestamp("2024-01-01")])
    assert format_dates(days, "en") == ["1 January 2024", "–", "1 January 2024"]
    assert format_dates([dt.date(2025, 12, 31)]) == ["31 Desember 2025"]
