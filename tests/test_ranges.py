"""Tests of the one range check shared by options, parameters and config keys (inovlab.ranges)."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from inovlab.errors import UsageError
from inovlab.ranges import RANGES, Range, check_range, check_ranges


@pytest.mark.parametrize("name, value", [("workers", 0), ("workers", "two"), ("workers", 1.5),
                                         ("seed", -1), ("target_per_opd", -5),
                                         ("min_kematangan", "nan"), ("min_kematangan", math.inf),
                                         ("n_draws", True), ("target_iid", 100.01)])
def test_out_of_range_names_option_value_and_range(name, value):
    with pytest.raises(UsageError) as info:
        check_range(name, value, "en", f"--{name}")
    text = str(info.value)
    assert text.startswith(f"--{name} {value}: the value must be")
    assert RANGES[name].describe("en") in text


def test_text_and_decimal_comma_accepted():
    assert check_range("min_kematangan", "72,5") == 72.5
    assert check_range("workers", "3") == 3 and isinstance(check_range("workers", 3.0), int)
    assert check_range("no_such_option", "anything") == "anything"


def test_check_ranges_reports_every_problem_and_skips_none():
    checked, problems = check_ranges({"seed": None, "workers": 0, "n_boot": -1, "x": "y"})
    assert checked["seed"] is None and checked["x"] == "y" and len(problems) == 2


@given(st.floats(allow_nan=True, allow_infinity=True))
@example(float("nan"))
@example(-0.0)
@example(1000.0)
def test_contains_is_finite_and_inside(value):
    r = Range(0, 1000, False)
    assert r.contains(value) == (math.isfinite(value) and 0 <= value <= 1000)
