"""Vectorised parsers for numbers and dates as civil servants type them.

``60,01`` and ``60.01`` are both 60.01; ``1.234`` in a count is 1234; dates are ISO
(``2024-03-31``) or day-first (``31/03/2024``). Each parser returns the parsed values and
boolean masks of what could not be read, so :mod:`inovlab.io.validation` can report every
bad cell at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def parse_numbers(text: pd.Series, integer: bool = False) -> pd.DataFrame:
    """Parse text numbers with a decimal comma or point; vectorised.

    ``60,01`` and ``60.01`` are 60.01; ``1.234,5`` and ``1,234.5`` are 1234.5; in integer
    columns ``1.234`` is 1234 (thousands separator). Blank gives NaN.

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
    """
    raw = text.astype(str)
    blank = raw.str.strip().eq("")
    # fast path: plain numbers (most cells); only the rest goes through text rules
    value = pd.to_numeric(raw.mask(blank), errors="coerce").astype(float)
    value[np.isinf(value)] = np.nan
    slow = value.isna() & ~blank
    if integer:
        # "5.000" is a whole number to to_numeric, but in a count it means five thousand
        grouped = raw.str.strip().str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+")
        slow |= (value.notna() & (np.floor(value) != value)) | grouped
    formula = pd.Series(False, index=text.index)
    if slow.any():
        s = raw[slow].str.replace(r"[\s\u00a0]", "", regex=True)
        formula[slow] = s.str.startswith("=").to_numpy()
        if integer:
            thousands = s.str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+")
            s = s.mask(thousands, s.str.replace(".", "", regex=False))
        both = s.str.contains(",", regex=False) & s.str.contains(".", regex=False)
        comma_last = s.str.rfind(",") > s.str.rfind(".")
        s = s.mask(both & comma_last, s.str.replace(".", "", regex=False))
        s = s.mask(both & ~comma_last, s.str.replace(",", "", regex=False))
        s = s.str.replace(",", ".", regex=False)
        parsed = pd.to_numeric(s.mask(formula[slow]), errors="coerce").astype(float)
        parsed[np.isinf(parsed)] = np.nan
        value[slow] = parsed.to_numpy()
    bad = ~blank & ~formula & value.isna()
    not_integer = value.notna() & (np.floor(value) != value) if integer else pd.Series(
        False, index=text.index)
    return pd.DataFrame({"value": value, "blank": blank, "formula": formula, "bad": bad,
                         "not_integer": not_integer}, index=text.index)


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse ISO (``2024-03-31``) or day-first (``31/03/2024``, ``31-03-2024``) dates.

    Returns ``(dates, bad)``; blank gives NaT and is not bad.

    Examples
    --------
    >>> d, bad = parse_dates(pd.Series(["2024-03-31", "1/4/2024", "", "kemarin"]))
    >>> [str(x.date()) if pd.notna(x) else None for x in d], bad.tolist()
    (['2024-03-31', '2024-04-01', None, None], [False, False, False, True])
    """
    s = text.astype(str).str.strip()
    blank = s.eq("")
    iso_src = s.str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T][\d:.]+)?$")[0]
    iso = pd.to_datetime(iso_src, format="%Y-%m-%d", errors="coerce")
    dmy_src = s.where(s.str.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}")).str.replace(
        r"[.\-]", "/", regex=True)
    dmy = pd.to_datetime(dmy_src, format="%d/%m/%Y", errors="coerce")
    dates = iso.fillna(dmy).astype("datetime64[ns]")
    return dates, ~blank & dates.isna()
