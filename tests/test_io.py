"""Tests for inovlab.io.read: reading CSV/XLSX as text with the header row found."""

import datetime as dt
import hashlib
from pathlib import Path

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
