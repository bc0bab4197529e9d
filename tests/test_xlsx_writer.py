"""io.xlsx_writer: what the vectorised writer puts in a workbook, read back with openpyxl."""

import datetime as dt
import zipfile
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from inovlab.io import xlsx_writer
from inovlab.io.xlsx_writer import Sheet, column_letters, escape_text, write_workbook


def _values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_types_round_trip(tmp_path):
    df = pd.DataFrame({
        "teks": ["Kota Bau-Bau", None, ""],
        "bilangan": [1, 2, 3],
        "pecahan": [60.01, np.nan, 0.1 + 0.2],
        "nullable": pd.array([5, None, 7], dtype="Int64"),
        "dihitung": [True, False, True],
        "tanggal": pd.to_datetime(["2024-06-01", None, "1900-01-01"]),
        "tak_hingga": [np.inf, -np.inf, 1.5],
    })
    ws = load_workbook(write_workbook([Sheet("t", df, [10] * 7)], tmp_path / "t.xlsx"))["t"]
    rows = _values(ws)
    assert rows[0] == list(df.columns)
    assert rows[1][:5] == ["Kota Bau-Bau", 1, 60.01, 5, True]
    assert rows[1][5] == dt.datetime(2024, 6, 1) and ws["F2"].number_format == "yyyy-mm-dd"
    assert rows[2][:6] == [None, 2, None, None, False, None]
    assert rows[3][2] == 0.1 + 0.2  # the exact float, not a rounded text
    assert rows[3][5] == dt.datetime(1900, 1, 1)  # before Excel's fictitious 29 Feb 1900
    assert [r[6] for r in rows[1:]] == [None, None, 1.5]  # a cell cannot hold infinity
    assert ws["A2"].data_type == "s" and ws["C2"].data_type == "n" and ws["E2"].data_type == "b"


def test_text_is_never_a_formula_and_is_escaped(tmp_path):
    text = ['=HYPERLINK("http://x","x")', "+1+1", "a < b & c > d", "  spasi  ", "bel\x07"]
    p = write_workbook([Sheet("t", pd.DataFrame({"x": text}), [10])], tmp_path / "t.xlsx")
    ws = load_workbook(p)["t"]
    assert [ws.cell(r, 1).data_type for r in range(2, 7)] == ["s"] * 5
    assert [ws.cell(r, 1).value for r in range(2, 6)] == text[:4]
    assert ws["A6"].value == "bel_x0007_"  # Excel's escape for a control character
    with zipfile.ZipFile(p) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()


def test_mixed_object_column(tmp_path):
    values = [dt.date(2024, 6, 1), dt.datetime(2024, 6, 1, 12, 30), Decimal("2.5"), 3,
              ["a", "b"], np.int64(4), None, True, dt.timedelta(hours=36)]
    ws = load_workbook(write_workbook(
        [Sheet("t", pd.DataFrame({"x": pd.Series(values, dtype=object)}), [10])],
        tmp_path / "t.xlsx"))["t"]
    got = [ws.cell(r, 1).value for r in range(2, 11)]
    assert got[0] == dt.datetime(2024, 6, 1) and ws["A2"].number_format == "yyyy-mm-dd"
    assert got[1] == dt.datetime(2024, 6, 1, 12, 30)
    assert got[2:8] == [2.5, 3, "a, b", 4, None, True]
    assert got[8] == dt.timedelta(hours=36)


def test_layout_comment_header_and_sheet_order(tmp_path):
    sheets = [Sheet("satu", pd.DataFrame({"a": [1], "panjang": ["x"]}), [8, 30],
                    comment="Sumber data / data source: data pengguna",
                    page_header="data pengguna & mitra"),
              Sheet("kosong", pd.DataFrame({"a": []}), [8]),
              Sheet("tanpa kolom", pd.DataFrame(), [])]
    wb = load_workbook(write_workbook(sheets, tmp_path / "t.xlsx"))
    assert wb.sheetnames == ["satu", "kosong", "tanpa kolom"]
    ws = wb["satu"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold and not ws["A2"].font.bold
    assert ws.column_dimensions["B"].width == 30
    assert ws["A1"].comment.text == "Sumber data / data source: data pengguna"
    assert ws.oddHeader.center.text.replace("&&", "&") == "data pengguna & mitra"
    assert _values(wb["kosong"]) == [["a"]] and wb["kosong"]["A2"].value is None
    assert wb["kosong"]["A1"].comment is None


def test_large_table_is_written_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_writer, "CHUNK_CELLS", 10)  # 5 rows of 2 columns per chunk
    df = pd.DataFrame({"id": np.arange(23), "nama": [f"n{i}" for i in range(23)]})
    ws = load_workbook(write_workbook([Sheet("t", df, [8, 8])], tmp_path / "t.xlsx"))["t"]
    assert _values(ws)[1:] == df.values.tolist()
    assert ws.max_row == 24


def test_refuses_what_excel_cannot_hold(tmp_path, monkeypatch):
    with pytest.raises(ValueError):
        write_workbook([], tmp_path / "t.xlsx")
    monkeypatch.setattr(xlsx_writer, "MAX_ROWS", 3)
    with pytest.raises(ValueError, match="3"):
        write_workbook([Sheet("t", pd.DataFrame({"a": range(3)}), [8])], tmp_path / "t.xlsx")


def test_helpers():
    assert column_letters(26)[-1] == "Z" and column_letters(27)[-1] == "AA"
    assert escape_text(pd.Series(["<&>"])).tolist() == ["&lt;&amp;&gt;"]
