"""Vectorised parsers for numbers and dates as civil servants type them.

``60,01`` and ``60.01`` are both 60.01; ``1.234`` in a count is 1234; dates are ISO
(``2024-03-31``) or day-first (``31/03/2024``). Each parser returns the parsed values and
boolean masks of what could not be read, so :mod:`inovlab.io.validation` can report every
bad cell at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SPACES = "[ \t\n\r\x0b\x0c\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""Whitespace as a character class of literal characters (Arrow's regex engine runs it)."""
RARE_SPACES = "[\x0b\x0c\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""The whitespace other than space, tab, line breaks and no-break space."""
_PLAIN = r"-?[0-9]+(\.[0-9]+)?"
_GROUPED = r"[+-]?[0-9]{1,3}(\.[0-9]{3})+"


def as_text(text: pd.Series) -> pd.Series:
    """Text cells as Arrow-backed strings, missing as ``""``.

    Examples
    --------
    >>> as_text(pd.Series(["a", None, 3])).tolist()
    ['a', '', '3']
    """
    if not isinstance(text.dtype, pd.StringDtype) or text.dtype.storage != "pyarrow":
        text = text.astype(object).where(text.notna(), "").astype(str).astype(
            pd.StringDtype("pyarrow", na_value=np.nan))
    return text.fillna("") if text.hasnans else text


def _to_float(text: pd.Series) -> np.ndarray:
    """Arrow's cast of plain decimal text (``-12.5``) to float."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.cast(pa.array(text), pa.float64()).to_numpy(zero_copy_only=False)


def parse_numbers(text: pd.Series, integer: bool = False) -> pd.DataFrame:
    """Parse text numbers with a decimal comma or point; vectorised.

    ``60,01`` and ``60.01`` are 60.01; ``1.234,5`` and ``1,234.5`` are 1234.5; in integer
    columns ``1.234`` is 1234 and ``1.000`` is 1000 (thousands separator). Blank gives NaN.

    Returns
    -------
    DataFrame
        ``value`` (float), ``blank``, ``formula`` (text starting with ``=``), ``bad`` (not
        a number), ``not_integer`` (a fraction where an integer is required).

    Examples
    --------
    >>> r = parse_numbers(pd.Series(["60,01", "1.234", "", "=SUM(A1)", "abc", "2,5"]), integer=True)
    >>> r["value"].tolist()[:2], r["bad"].tolist(), r["not_integer"].tolist()[-1]
    ([60.01, 1234.0], [False, False, False, False, True, False], True)
    >>> parse_numbers(pd.Series(["1.000", "12.000", "1.234,5"]), integer=True)["value"].tolist()
    [1000.0, 12000.0, 1234.5]
    """
    raw = as_text(text).str.strip()
    index = text.index
    blank = raw.eq("").to_numpy(dtype=bool, copy=True)
    # fast path: plain decimal text (most cells) cast by Arrow; the rest follows the rules
    plain = raw.str.fullmatch(_PLAIN).to_numpy(dtype=bool, copy=True)
    if integer:  # "5.000" is a plain decimal, but in a count it means five thousand
        plain &= ~raw.str.fullmatch(_GROUPED).to_numpy()
    value = np.full(len(raw), np.nan)
    if plain.any():
        value[plain] = _to_float(raw[plain])
    formula = np.zeros(len(raw), dtype=bool)
    slow = ~plain & ~blank
    if slow.any():
        value[slow], formula[slow] = _parse_written(raw[slow], integer)
    value[np.isinf(value)] = np.nan
    bad = ~blank & ~formula & np.isnan(value)
    not_integer = (~np.isnan(value) & (np.floor(value) != value)) if integer else np.zeros(
        len(raw), dtype=bool)
    return pd.DataFrame({"value": value, "blank": blank, "formula": formula, "bad": bad,
                         "not_integer": not_integer}, index=index)


def _parse_written(s: pd.Series, integer: bool) -> tuple[np.ndarray, np.ndarray]:
    """Values and formula flags of text that is not a plain decimal (``1.234,5``, ``=A1``)."""
    s = s.str.replace(SPACES, "", regex=True)
    formula = s.str.startswith("=").to_numpy()
    if integer:
        thousands = s.str.fullmatch(_GROUPED)
        s = s.mask(thousands, s.str.replace(".", "", regex=False))
    both = s.str.contains(",", regex=False) & s.str.contains(".", regex=False)
    comma_last = s.str.rfind(",") > s.str.rfind(".")
    s = s.mask(both & comma_last, s.str.replace(".", "", regex=False))
    s = s.mask(both & ~comma_last, s.str.replace(",", "", regex=False))
    s = s.str.replace(",", ".", regex=False)
    parsed = pd.to_numeric(s.astype(object).mask(formula), errors="coerce")
    return np.asarray(parsed, dtype=float), formula


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse ISO (``2024-03-31``) or day-first (``31/03/2024``, ``31-03-2024``) dates.

    Returns ``(dates, bad)``; blank gives NaT and is not bad.

    Examples
    --------
    >>> d, bad = parse_dates(pd.Series(["2024-03-31", "1/4/2024", "", "kemarin"]))
    >>> [str(x.date()) if pd.notna(x) else None for x in d], bad.tolist()
    (['2024-03-31', '2024-04-01', None, None], [False, False, False, True])
    """
    # a date column repeats a few thousand dates at most: each distinct text parsed once
    codes, uniques = pd.factorize(as_text(text).str.strip())
    parsed, bad = _parse_distinct_dates(pd.Series(uniques, dtype="str"))
    dates = pd.Series(np.append(parsed.to_numpy(), np.datetime64("NaT", "ns"))[codes],
                      index=text.index, dtype="datetime64[ns]")
    return dates, pd.Series(np.append(bad.to_numpy(), False)[codes], index=text.index)


def _parse_distinct_dates(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    blank = s.eq("")
    dates = pd.to_datetime(s.mask(blank), format="%Y-%m-%d", errors="coerce")
    rest = dates.isna() & ~blank
    if rest.any():  # ISO with a time part, or day first
        r = s[rest]
        timed = r.str.fullmatch(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T][0-9:.]+")
        iso = pd.to_datetime(r.where(timed).str.replace(r"[ T][0-9:.]+", "", regex=True),
                             format="%Y-%m-%d", errors="coerce")
        dmy_src = r.where(r.str.fullmatch(r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}"))
        dmy = pd.to_datetime(dmy_src.str.replace(r"[.\-]", "/", regex=True), format="%d/%m/%Y",
                             errors="coerce")
        dates[rest] = iso.fillna(dmy)
    dates = dates.astype("datetime64[ns]")
    return dates, ~blank & dates.isna()
