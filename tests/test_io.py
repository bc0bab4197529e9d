"""Tests for inovlab.io.read: reading CSV/XLSX as text with the header row found."""

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from inovlab.errors import UsageError
from inovlab.io.read import decode_bytes, find_header, read_raw_table, sniff_delimiter

VALID = Path(__file__).parent / "data" / "valid"
BROKEN = Path(__file__).parent / "data" / "broken"


def test_semicolon_bom_csv():
    t = read_raw_table(VALID / "inovasi_semicolon_bom.csv")
    assert (t.delimiter, t.encoding, t.header_row) == (";", "utf-8-sig", 1)
    assert t.headers[0] == "tahun"  # BOM stripped from the first header
    assert t.frame.loc[2, "durasi_video_detik"] == "90,5"  # nothing parsed yet
    assert t.frame.index.tolist() == [2, 3, 4]
    assert t.name == "inovasi_semicolon_bom.csv"


def test_cp1252_fallback():
    t = read_raw_table(VALID / "hasil_cp1252.csv")
    assert t.encoding == "cp1252"
    assert t.frame.loc[2, "sumber"] == "Keputusan Mendagri – Café é"


def test_all_cells_are_text():
    t = read_raw_table(VALID / "hasil_bom.csv")
    assert all(isinstance(v, str) for v in t.frame.to_numpy().ravel())
    assert t.frame["Kode Wilayah"].tolist() == ["19.71", "74.04"]


def test_empty_and_header_only():
    t = read_raw_table(BROKEN / "empty.csv")
    assert t.empty and t.header_row is None and t.frame.empty
    t = read_raw_table(BROKEN / "header_only.csv")
    assert not t.empty and t.header_row == 1 and len(t.frame) == 0 and "tahun" in t.headers


def test_csv_title_rows_and_blank_rows(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("Rekap IID;;\n;;\ntahun;nama_daerah;skor_iid\n2024;Baubau;60,01\n;;\n2024;Buton;1\n")
    t = read_raw_table(p)
    assert t.header_row == 3
    assert t.frame.index.tolist() == [4, 6]  # blank row 5 skipped, numbers kept


def test_repeated_and_blank_headers(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("tahun,tahun,,skor_iid\n2024,2025,x,1\n")
    t = read_raw_table(p)
    assert t.frame.columns.tolist() == ["tahun", "tahun (2)", "kolom_3", "skor_iid"]
    assert t.headers == ["tahun", "tahun", "", "skor_iid"]


def test_ragged_rows_are_padded(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("tahun,nama_daerah,skor_iid\n2024,Baubau\n2024,Buton,1,extra\n")
    t = read_raw_table(p)
    assert t.frame.loc[2, "skor_iid"] == ""
    assert t.frame.loc[3].tolist()[-1] == "extra"


def test_xlsx_title_row_named_sheet_and_cell_types(tmp_path):
    p = tmp_path / "h.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkas"
    ws.append(["catatan"])
    data = wb.create_sheet("Data")
    data.append(["Rekap Indeks Inovasi Daerah"])
    data.append(["Tahun", "Kode Wilayah", "Skor IID", "Tanggal", "Lulus"])
    data.append([2024, 11.1, 60.01, dt.datetime(2025, 3, 31), True])
    wb.save(p)
    before = hashlib.sha256(p.read_bytes()).hexdigest()
    t = read_raw_table(p, sheet="Data")
    assert (t.header_row, t.sheet) == (2, "Data")
    assert t.frame.loc[3].tolist() == ["2024", "11.1", "60.01", "2025-03-31", "TRUE"]
    assert hashlib.sha256(p.read_bytes()).hexdigest() == before
    assert read_raw_table(p).sheet == "Ringkas"  # first sheet by default
    with pytest.raises(UsageError, match="Ringkas, Data"):
        read_raw_table(p, sheet="Nope")


def test_missing_file_and_unsupported_format(tmp_path):
    with pytest.raises(UsageError):
        read_raw_table(tmp_path / "nope.csv")
    p = tmp_path / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0")
    t = read_raw_table(p)
    assert [x.code for x in t.problems] == ["FILE_FORMAT"]


def test_helpers():
    assert decode_bytes("é".encode()) == ("é", "utf-8")
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter("tahun;skor_iid\n2024;60,5\n2025;1,5\n") == ";"
    assert find_header([[], ["x"], ["year", "region", "score"]]) == 2
    assert find_header([[""], ["a", "b"]]) == 1
    assert find_header([]) is None


def test_xlsx_formula_without_computed_value_is_kept_as_text(tmp_path):
    p = tmp_path / "f.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["tahun", "nama_daerah", "skor_iid"])
    ws.append([2024, "Baubau", "=SUM(A1)"])  # openpyxl stores a formula, no cached value
    wb.save(p)
    t = read_raw_table(p)
    assert t.frame.loc[2, "skor_iid"] == "=SUM(A1)"


def test_excel_sep_hint_line(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("sep=;\ntahun;nama_daerah;skor_iid\n2024;Baubau;60,01\n")
    t = read_raw_table(p)
    assert (t.delimiter, t.header_row, t.frame.index.tolist()) == (";", 1, [2])


# -- hostile and broken inputs (issue 13) ----------------------------------------------
HOSTILE = Path(__file__).parent / "data" / "hostile"


def test_utf16_file_is_told_it_is_utf16():
    t = read_raw_table(HOSTILE / "hasil_utf16.csv")
    assert [p.code for p in t.problems] == ["FILE_UTF16"]
    assert "UTF-16" in t.problems[0].reason and "CSV UTF-8" in t.problems[0].reason
    assert "koma" not in t.problems[0].reason
    en = read_raw_table(HOSTILE / "hasil_utf16.csv", lang="en").problems[0].reason
    assert "UTF-16" in en and "Save As" in en


def test_mixed_encodings_are_decoded_per_line_and_the_rows_named():
    path = HOSTILE / "hasil_mixed_encoding.csv"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    t = read_raw_table(path)
    assert t.encoding == "utf-8+cp1252"
    assert t.frame["sumber"].tolist() == ["Kepmendagri – Café"] * 2 + ["Surat ’resmi’"] * 2
    assert not t.frame["sumber"].str.contains("â€").any()  # no mojibake
    [w] = t.warnings
    assert (w.code, w.row) == ("MIXED_ENCODING", None)
    assert "baris 3, 5" in w.reason and "2 baris" in w.reason
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_mixed_encoding_rows_count_records_not_lines(tmp_path):
    p = tmp_path / "h.csv"
    p.write_bytes(b'tahun,nama_daerah,sumber\n2024,Kota Bogor,"dua\nbaris \xe2\x80\x93"\n'
                  b"2024,Kota Depok,Caf\xe9\n")
    t = read_raw_table(p)
    assert t.frame.loc[3, "sumber"] == "Café"
    assert "baris 3 " in t.warnings[0].reason or "baris 3)" in t.warnings[0].reason


def test_control_characters_are_removed_with_a_warning_per_cell():
    t = read_raw_table(HOSTILE / "hasil_nul.csv")
    assert t.frame.loc[2, "sumber"] == "Kepmendagri"
    assert t.frame.loc[4, "nama_daerah"] == "Kota Depok" and t.frame.loc[4, "sumber"] == "xy"
    assert [(w.code, w.row, w.column) for w in t.warnings] == [
        ("CONTROL_CHARS", 4, "nama_daerah"), ("CONTROL_CHARS", 2, "sumber"),
        ("CONTROL_CHARS", 4, "sumber")]


def test_unclosed_quote_names_its_row():
    t = read_raw_table(HOSTILE / "hasil_unclosed_quote.csv")
    [p] = t.problems
    assert (p.code, p.row) == ("UNCLOSED_QUOTE", 3)
    assert "tidak pernah ditutup" in p.reason


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "gambar.csv"
    p.write_bytes(bytes(range(256)) * 20)
    assert [x.code for x in read_raw_table(p).problems] == ["FILE_BINARY"]


def test_twenty_thousand_columns_are_refused_with_the_row(tmp_path):
    p = tmp_path / "lebar.csv"
    p.write_text("tahun,nama_daerah,skor_iid\n2024,Kota Bogor,1\n" + ",".join(["x"] * 20_000) + "\n")
    [problem] = read_raw_table(p).problems
    assert (problem.code, problem.row) == ("TOO_MANY_COLUMNS", 3)
    assert "1000 kolom pertama" in problem.reason


def test_empty_extra_columns_are_not_refused(tmp_path):
    p = tmp_path / "koma.csv"
    p.write_text("tahun,nama_daerah,skor_iid" + "," * 5000 + "\n2024,Kota Bogor,1\n")
    t = read_raw_table(p)
    assert not t.problems and t.headers == ["tahun", "nama_daerah", "skor_iid"]


def test_overlong_field_is_refused_with_row_and_column(tmp_path):
    p = tmp_path / "panjang.csv"
    p.write_text("tahun,nama_daerah,sumber\n2024,Kota Bogor," + "a" * 200_000 + "\n")
    [problem] = read_raw_table(p).problems
    assert (problem.code, problem.row, problem.column) == ("CELL_TOO_LONG", 2, "kolom 3")
    assert "200000" in problem.reason


def test_irregular_csv_takes_the_general_path(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text('Rekap\n\ntahun;nama_daerah;skor_iid\n2024;"Kota\nBogor";1\n\n2024;Depok\n')
    t = read_raw_table(p)
    assert t.header_row == 3 and t.frame.index.tolist() == [4, 6]  # records, as Excel shows
    assert t.frame.loc[4, "nama_daerah"] == "Kota\nBogor" and t.frame.loc[6, "skor_iid"] == ""


def test_row_list_and_record_mapping():
    from inovlab.io.read import record_of_line, row_list, to_utf8

    assert row_list([9, 2, 3, 4]) == "2–4, 9"
    assert record_of_line(b'a\n"b\nc"\nd\n', np.array([3])).tolist() == [2]
    text, encoding, bad = to_utf8("é".encode("cp1252"))
    assert (text, encoding, bad.tolist()) == ("é".encode(), "cp1252", [])


@pytest.mark.parametrize("text", [
    "tahun,nama_daerah,skor_iid\n2024,Kota Bogor,60.5\n2024,\"Kota, Depok\",1\n",
    "\ufeffJudul rekap;;\r\ntahun;nama_daerah;skor_iid\r\n2024;Kota Bogor; 60,5 \r\n2024;;\r\n",
    "tahun\tnama_daerah\tskor_iid\n2024\t\"dua\nbaris\"\t1\n2025\tx\t\"kutip \"\"dalam\"\"\"",
])
def test_fast_and_general_csv_paths_agree(text):
    from inovlab.io.read import _cells_arrow, _cells_pandas, build_table, sniff_delimiter

    payload = text.encode("utf-8").removeprefix(b"\xef\xbb\xbf")
    delim = sniff_delimiter(text)
    fast = _cells_arrow(payload, delim)
    assert fast is not None  # a regular file takes the fast path
    a, b = build_table(fast), build_table(_cells_pandas(payload, delim))
    assert a[1:] == b[1:]
    pd.testing.assert_frame_equal(a[0], b[0])
