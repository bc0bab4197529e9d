"""The allowed range of every numeric option and parameter, checked in one place.

A command-line option (``--workers``, ``--target-per-opd``, ``--seed`` ...), a notebook
parameter given with ``-p`` and a key of a ``--config`` file share a name (``workers``,
``target_per_opd``, ``seed``) and so share one :class:`Range` in :data:`RANGES`;
:func:`check_range` is the one check every caller uses. ``nan`` and infinities are never
allowed: a ``--min-kematangan nan`` would silently switch a check off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from inovlab.errors import UsageError
from inovlab.i18n import format_number, message


@dataclass(frozen=True)
class Range:
    """Closed interval ``[low, high]`` (``None``: unbounded on that side); ``integer`` for
    whole numbers only."""

    low: float | None
    high: float | None
    integer: bool

    def describe(self, lang: str = "id") -> str:
        """The range in words.

        Examples
        --------
        >>> Range(1, 64, True).describe("en"), Range(0, None, False).describe()
        ('a whole number from 1 to 64', 'bilangan dari 0 ke atas')
        """
        kind = message(_MESSAGES, "integer" if self.integer else "number", lang)

        def fmt(v):
            return format_number(v, 0 if float(v).is_integer() else 2, lang)

        if self.low is not None and self.high is not None:
            key, values = "between", {"low": fmt(self.low), "high": fmt(self.high)}
        elif self.low is not None:
            key, values = "at_least", {"low": fmt(self.low)}
        else:
            key, values = "at_most", {"high": fmt(self.high)}
        return message(_MESSAGES, key, lang, kind=kind, **values)

    def contains(self, value: float) -> bool:
        """True when ``value`` is finite, inside the interval and (if asked) whole.

        Examples
        --------
        >>> Range(0, 100, False).contains(float("nan")), Range(1, None, True).contains(2)
        (False, True)
        """
        if not math.isfinite(value):
            return False
        if self.integer and not float(value).is_integer():
            return False
        return (self.low is None or value >= self.low) and (self.high is None
                                                            or value <= self.high)


_MESSAGES = {
    "integer": {"id": "bilangan bulat", "en": "a whole number"},
    "number": {"id": "bilangan", "en": "a number"},
    "between": {"id": "{kind} dari {low} sampai {high}", "en": "{kind} from {low} to {high}"},
    "at_least": {"id": "{kind} dari {low} ke atas", "en": "{kind} of {low} or more"},
    "at_most": {"id": "{kind} sampai {high}", "en": "{kind} of at most {high}"},
    "bad": {"id": "{label} {value}: nilai harus {range}.",
            "en": "{label} {value}: the value must be {range}."},
}

SEED_MAX = 2**32 - 1
"""numpy seeds are unsigned 32-bit numbers in most generators users meet."""

RANGES: dict[str, Range] = {
    "workers": Range(1, 64, True),
    "seed": Range(0, SEED_MAX, True),
    "n_draws": Range(100, 1_000_000, True),
    "n_boot": Range(1, 10_000, True),
    "n_peers": Range(1, 551, True),
    "top_k": Range(1, 552, True),
    "target_per_opd": Range(0, 1_000, True),
    "target_peringkat": Range(0, 552, True),
    "target_iid": Range(0, 100, False),
    "min_kematangan": Range(0, 1_000, False),
}
"""Allowed values by option/parameter name (the ``dest`` of a command-line option). The cycle
is not here: it is checked against the cycles the framework has rules for."""


def _as_number(value):
    """A float from an int, float or text (``"0,5"`` or ``"0.5"``); None when not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace(",", ".") if "." not in value else value.strip()
        try:
            return float(text)
        except ValueError:
            return None
    return None


def check_range(name: str, value, lang: str = "id", label: str | None = None):
    """``value`` as a number (``int`` for whole-number ranges) when it lies in ``RANGES[name]``.

    Parameters
    ----------
    name : str
        Key of :data:`RANGES`; a name without a range is returned unchanged.
    value : int, float or str
        As typed or read from a config file (``"0,5"`` accepted).
    lang : {"id", "en"}
    label : str, optional
        How the user wrote the name (``--workers``, ``workers di config.yaml``); default
        ``name``.

    Raises
    ------
    UsageError
        Naming the option, the value and the allowed range.

    Examples
    --------
    >>> check_range("workers", "2")
    2
    >>> check_range("min_kematangan", float("nan"), "en", "--min-kematangan")
    Traceback (most recent call last):
    inovlab.errors.UsageError: --min-kematangan nan: the value must be a number from 0 to 1,000.
    """
    allowed = RANGES.get(name)
    if allowed is None:
        return value
    number = _as_number(value)
    if number is None or not allowed.contains(number):
        raise UsageError(message(_MESSAGES, "bad", lang, label=label or name, value=value,
                                 range=allowed.describe(lang)))
    return int(number) if allowed.integer else number


def check_ranges(values: dict, lang: str = "id", labels: dict | None = None):
    """Check every entry of ``values`` that has a range; returns ``(checked, problems)``.

    ``None`` values (an option not given) are skipped; ``problems`` lists one sentence per
    bad value, so a caller can report them all at once.

    Examples
    --------
    >>> checked, problems = check_ranges({"seed": "3", "workers": 0, "lang": "en"}, "en")
    >>> checked["seed"], len(problems)
    (3, 1)
    """
    labels = labels or {}
    out, problems = dict(values), []
    for name, value in values.items():
        if name not in RANGES or value is None:
            continue
        try:
            out[name] = check_range(name, value, lang, labels.get(name))
        except UsageError as exc:
            problems.append(str(exc))
    return out, problems
