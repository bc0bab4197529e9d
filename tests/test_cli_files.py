"""Tests of wildcard expansion of file arguments (inovlab.cli.files)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from inovlab.cli.files import expand_file_arguments, expand_globs, is_pattern
from inovlab.errors import UsageError


@pytest.fixture
def folder(tmp_path):
    for name in ("opd_b.csv", "opd_a.csv", "opd_c.xlsx", "hasil [1].csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


def _names(paths):
    return [Path(p).name for p in paths]


def test_patterns_expand_sorted_and_plain_names_are_kept(folder):
    out = expand_globs([str(folder / "opd_*.csv"), str(folder / "tidak_ada.csv")])
    assert _names(out) == ["opd_a.csv", "opd_b.csv", "tidak_ada.csv"]  # missing: left to the reader
    assert _names(expand_globs(str(folder / "opd_?.xlsx"))) == ["opd_c.xlsx"]
    assert _names(expand_globs(str(folder / "opd_[ab].csv"))) == ["opd_a.csv", "opd_b.csv"]


def test_existing_file_with_bracket_in_its_name_is_not_a_pattern(folder):
    assert _names(expand_globs([str(folder / "hasil [1].csv")])) == ["hasil [1].csv"]


def test_overlapping_patterns_give_each_file_once(folder):
    out = expand_globs([str(folder / "opd_a.csv"), str(folder / "opd_*.csv")])
    assert _names(out) == ["opd_a.csv", "opd_b.csv"]


def test_pattern_without_match_is_a_usage_error_in_both_languages(folder):
    with pytest.raises(UsageError, match="tidak cocok"):
        expand_globs([str(folder / "*.parquet")])
    with pytest.raises(UsageError, match="matches no file"):
        expand_globs([str(folder / "*.parquet")], lang="en")


def test_namespace_single_and_multiple_file_options(folder):
    ns = argparse.Namespace(inovasi=[str(folder / "opd_*.csv")], spd=str(folder / "*.xlsx"),
                            hasil=str(folder / "opd_*.csv"), files=None, out="x*")
    expand_file_arguments(ns)
    assert _names(ns.inovasi) == ["opd_a.csv", "opd_b.csv"]
    assert Path(ns.spd).name == "opd_c.xlsx"  # one match: stays a single name
    assert _names(ns.hasil) == ["opd_a.csv", "opd_b.csv"]  # several: a list
    assert ns.files is None and ns.out == "x*"  # output options are never expanded


def test_is_pattern():
    assert is_pattern("*.csv") and is_pattern("a?.csv") and is_pattern("[ab].csv")
    assert not is_pattern(r"C:\data\inovasi.csv")
