"""Tests for inovlab.io.problems: the cell checker helpers and input warnings."""

import io
import warnings

import pandas as pd
import pytest

from inovlab.errors import Problem
from inovlab.io.problems import (
    CellChecker,
    InputWarning,
    emit_warnings,
    format_warning,
    map_text,
    printed_warnings,
    squeeze_spaces,
)
from inovlab.io.read import RawTable

HIDDEN = Problem("a.xlsx", None, None, None, "baris tersembunyi", "HIDDEN_ROWS")


def test_printed_warnings_once_each_in_order_and_others_untouched():
    out = io.StringIO()
    cell = Problem("b.csv", 4, "opd", None, "karakter kontrol dihapus", "CONTROL_CHARS")
    with printed_warnings("id", out):
        emit_warnings([HIDDEN, cell])
        emit_warnings([HIDDEN])  # a file read twice (e.g. every cycle, then one) warns once
        with pytest.warns(DeprecationWarning):
            warnings.warn("lain", DeprecationWarning, stacklevel=1)
    assert out.getvalue().splitlines() == [
        "Peringatan: a.xlsx: baris tersembunyi",
        "Peringatan: b.csv, baris 4, kolom 'opd': karakter kontrol dihapus"]


def test_input_warning_carries_its_problem():
    with pytest.warns(InputWarning) as record:
        emit_warnings([HIDDEN])
    assert record[0].message.problem == HIDDEN
    assert format_warning(HIDDEN, "en") == "Warning: a.xlsx: baris tersembunyi"


def test_squeeze_spaces_and_map_text():
    s = pd.Series(["  Dinas \t Kesehatan ", "Bappeda", "a\u00a0\u3000b", ""], dtype="str")
    assert squeeze_spaces(s).tolist() == ["Dinas Kesehatan", "Bappeda", "a b", ""]
    assert map_text(pd.Series(["x", None, "x"]), {"x": "y"}).tolist() == ["y", None, "y"]


def test_levels_fast_path_and_parsed_rest():
    frame = pd.DataFrame({"ind": ["", "0", "3", "2,0", "4", "x", " 1"]}, index=range(2, 9))
    col = CellChecker(RawTable(frame, 1, "a.csv", ["ind"]), {"ind": "ind"}, "id")
    assert col.levels("ind").tolist() == [0, 0, 3, 2, 0, 0, 1]
    assert sorted((p.row, p.code) for p in col.problems) == [(6, "LEVEL_RANGE"),
                                                             (7, "NOT_NUMBER")]


def test_warning_text_follows_the_language():
    with pytest.warns(InputWarning, match="^Warning: a.xlsx"):
        emit_warnings([HIDDEN], "en")
