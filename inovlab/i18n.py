"""Words and number formats for Indonesian (default) and English output.

Each module keeps its own messages as ``{key: {"id": ..., "en": ...}}`` and renders them
with :func:`message`; this module owns the languages, number and date formats, and the
labels for data provenance and rule confidence that every report shows.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math

LANGS = ("id", "en")

# Shown on every table, figure and report built on the data.
SOURCE_LABELS = {
    "published": {"id": "data resmi terpublikasi", "en": "published official data"},
    "demo": {"id": "data demo (sintetis)", "en": "demo data (synthetic)"},
    "user": {"id": "data pengguna", "en": "user data"},
}

CONFIDENCE_LABELS = {
    "confirmed": {"id": "terkonfirmasi", "en": "confirmed"},
    "secondary": {"id": "sumber sekunder", "en": "secondary source"},
    "inferred": {"id": "diasumsikan", "en": "assumed"},
    "unknown": {"id": "tidak diketahui (asumsi)", "en": "unknown (assumption)"},
}

def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ValueError naming the choices.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang


def message(messages: dict, key: str, lang: str = "id", **values) -> str:
    """Render message ``key`` from a module's catalogue in ``lang``.

    Falls back to Indonesian when the English text is missing.

    Examples
    --------
    >>> m = {"hi": {"id": "Halo {nama}", "en": "Hello {nama}"}}
    >>> message(m, "hi", "en", nama="Pangkalpinang")
    'Hello Pangkalpinang'
    """
    texts = messages[key]
    text = texts.get(lang) or texts["id"]
    return text.format(**values) if values else text


def _missing(value) -> bool:
    """True for None, NaN, ``pd.NA`` and ``NaT`` (what a report shows as blank or dash)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _locale(lang: str) -> str:
    return "id_ID" if lang == "id" else "en_GB"


def format_number(value, decimals: int = 2, lang: str = "id") -> str:
    """Format a number the Indonesian way (``1.234,56``) or the English way (``1,234.56``).

    Uses Babel's locale data (``id_ID``, ``en_GB``). Missing values render as an en dash.

    Examples
    --------
    >>> format_number(1234.5, 2)
    '1.234,50'
    >>> format_number(1234.5, 1, "en")
    '1,234.5'
    >>> format_number(float("nan")), format_number(-0.001)
    ('–', '0,00')
    """
    if _missing(value):
        return "–"
    number = float(value)
    if round(number, decimals) == 0:  # no "-0,00"
        number = 0.0
    pattern, locale = _number_pattern(decimals, lang)
    return pattern.apply(number, locale)


@functools.lru_cache(maxsize=32)
def _number_pattern(decimals: int, lang: str):
    """Babel's parsed pattern ``#,##0.00`` (``decimals`` zeros) and the locale of ``lang``
    (parsed once: a report formats thousands of numbers)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return parse_pattern(pattern), Locale.parse(_locale(lang))


def format_numbers(values, decimals: int = 2, lang: str = "id") -> list[str]:
    """:func:`format_number` of every value of a column, each distinct value formatted once.

    A check of 20,000 innovations writes a few numbers into every explanation; most
    values repeat, so formatting the distinct ones and mapping them back gives the same
    texts many times faster.

    Examples
    --------
    >>> format_numbers([1234.5, float("nan"), 1234.5, -0.001], 1)
    ['1.234,5', '–', '1.234,5', '0,0']
    """
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    texts = [format_number(v, decimals, lang) for v in uniques] + ["–"]
    return [texts[c] for c in codes]  # code -1 (missing) picks the last entry, the dash


def format_percent(value, decimals: int = 1, lang: str = "id") -> str:
    """Format a fraction (0.25) as a percentage (``25,0%``).

    Examples
    --------
    >>> format_percent(0.255)
    '25,5%'
    >>> format_percent(0.0004, 2, "en")
    '0.04%'
    """
    if _missing(value):
        return "–"
    return format_number(100 * float(value), decimals, lang) + "%"


def format_date(value: _dt.date, lang: str = "id") -> str:
    """Format a date as ``17 Agustus 2026`` (id) or ``17 August 2026`` (en), via Babel.

    Examples
    --------
    >>> import datetime as dt
    >>> format_date(dt.date(2026, 8, 17))
    '17 Agustus 2026'
    >>> format_date(dt.date(2026, 8, 17), "en")
    '17 August 2026'
    """
    from babel.dates import format_date as babel_date

    return babel_date(value, format="d MMMM y", locale=_locale(lang))


def format_dates(values, lang: str = "id", missing: str = "–") -> list[str]:
    """:func:`format_date` of every value of a column (dates, timestamps or ISO text), each
    distinct day formatted once; ``missing`` where a value is not a date.

    Examples
    --------
    >>> format_dates(["2023-06-07", None, "2023-06-07"], missing="…")
    ['7 Juni 2023', '…', '7 Juni 2023']
    """
    import pandas as pd

    days = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce").dt.normalize()
    codes, uniques = pd.factorize(days, use_na_sentinel=True)
    texts = [format_date(d.date(), lang) for d in uniques] + [missing]
    return [texts[c] for c in codes]  # code -1 (missing) picks the last entry


def source_label(kind: str, lang: str = "id") -> str:
    """Label for a data source kind: ``published``, ``demo`` or ``user``.

    A combined kind (``"user+demo"``, from a bundle that mixes sources on purpose, see
    :class:`inovlab.sources.provenance.Inputs`) names every part.

    Examples
    --------
    >>> source_label("demo")
    'data demo (sintetis)'
    >>> source_label("user+demo", "en")
    'user data + demo data (synthetic)'
    """
    return " + ".join(SOURCE_LABELS[part][lang] for part in str(kind).split("+"))


def confidence_label(level: str, lang: str = "id") -> str:
    """Label for a rule confidence level.

    Examples
    --------
    >>> confidence_label("inferred", "en")
    'assumed'
    """
    return CONFIDENCE_LABELS[level][lang]


def catalogue_phrases(catalogues, lang: str, min_length: int = 10) -> set[str]:
    """Phrases of ``lang`` in message catalogues, to find text of one language in the other.

    Each message is split at its ``{placeholders}``; pieces of at least ``min_length``
    characters that do not also occur in the other language's message are kept. A report
    in English must contain none of the Indonesian phrases (and the other way round).

    Examples
    --------
    >>> m = {"k": {"id": "Sumber data: {s}", "en": "Data source: {s}"},
    ...      "p": {"id": "Sangat Inovatif", "en": "Sangat Inovatif"}}
    >>> sorted(catalogue_phrases([m], "id"))
    ['Sumber data']
    """
    import re

    other = "en" if lang == "id" else "id"
    phrases = set()
    for catalogue in catalogues:
        for texts in catalogue.values():
            text, foreign = texts.get(lang), texts.get(other, "")
            if not isinstance(text, str):
                continue
            for piece in re.split(r"\{[^}]*\}", text):
                piece = piece.strip(" .,;:()\n")
                if len(piece) >= min_length and piece not in str(foreign):
                    phrases.add(piece)
    return phrases
