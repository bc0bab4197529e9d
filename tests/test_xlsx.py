"""Tests for inovlab.io.xlsx: workbooks read by real content, sheets chosen, hidden rows."""

import hashlib
import tracemalloc
from pathlib import Path

import pytest
from openpyxl import Workbook

from inovlab.errors import UsageError
from inovlab.io.read import MAX_COLUMNS, read_raw_table
from inovlab.io.xlsx import cell_text

HOSTILE = Path(__file__).parent / "data" / "hostile"


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _workbook(path, sheets: dict, hidden_rows=(), hidden_sheets=()):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for r in hidden_rows:
            ws.row_dimensions[r].hidden = True
        if title in hidden_sheets:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


HASIL = [["tahun", "nama_daerah", "skor_iid"], [2024, "Kota Bogor", 60.5],
         [2024, "Kota Depok", 50]]


def test_stray_space_in_the_last_cell_costs_no_memory():
    path = HOSTILE / "hasil_xfd_space.xlsx"
    before = digest(path)
    tracemalloc.start()
    t = read_raw_table(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50 * 1024 ** 2  # the stated 17 billion cells are never built
    assert not t.problems and t.headers == ["tahun", "nama_daerah", "skor_iid"]
    assert t.frame.index.tolist() == [2]
    assert digest(path) == before


def test_content_beyond_the_column_limit_is_refused_with_its_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in HASIL:
        ws.append(row)
    ws.cell(row=3, column=MAX_COLUMNS + 500, value="x")
    wb.save(tmp_path / "lebar.xlsx")
    [p] = read_raw_table(tmp_path / "lebar.xlsx").problems
    assert (p.code, p.row) == ("TOO_MANY_COLUMNS", 3)


def test_other_data_sheets_are_named_and_sheet_chooses(tmp_path):
    path = _workbook(tmp_path / "dua.xlsx", {"Dinkes": HASIL, "Dinsos": HASIL[:2],
                                             "Catatan": [["dibuat oleh Bappeda"]]})
    t = read_raw_table(path)
    assert t.sheet == "Dinkes" and len(t.frame) == 2
    [w] = t.warnings
    assert w.code == "SEVERAL_SHEETS" and "'Dinsos'" in w.reason and "--sheet" in w.reason
    assert "Catatan" not in w.reason  # not a table
    chosen = read_raw_table(path, sheet="Dinsos")
    assert chosen.sheet == "Dinsos" and len(chosen.frame) == 1 and not chosen.warnings
    with pytest.raises(UsageError, match="Dinkes, Dinsos, Catatan"):
        read_raw_table(path, sheet="Dinas")


def test_instructions_first_points_to_the_sheet_option(tmp_path):
    path = _workbook(tmp_path / "petunjuk.xlsx", {
        "Petunjuk": [["Isi tabel di sheet Data"], ["Simpan sebagai .xlsx"]], "Data": HASIL})
    [p] = read_raw_table(path).problems
    assert p.code == "SHEET_NOT_DATA"
    assert "--sheet" in p.reason and "'Data'" in p.reason and "save as" not in p.reason.lower()
    en = read_raw_table(path, lang="en").problems[0].reason
    assert "--sheet \"Data\"" in en


def test_a_table_of_another_kind_is_not_a_lost_sheet(tmp_path):
    spd = [["tahun", "nama_daerah", "indikator", "level"], [2026, "Kota Bogor", "1", 2]]
    path = _workbook(tmp_path / "opd.xlsx", {"Inovasi": HASIL, "SPD": spd})
    assert not read_raw_table(path).warnings


def test_hidden_sheets_are_not_offered(tmp_path):
    path = _workbook(tmp_path / "template.xlsx", {"Inovasi": HASIL, "Daftar": HASIL},
                     hidden_sheets=("Daftar",))
    t = read_raw_table(path)
    assert t.sheet == "Inovasi" and not t.warnings


def test_hidden_rows_are_kept_and_named(tmp_path):
    path = _workbook(tmp_path / "sembunyi.xlsx", {"Data": HASIL + [[2024, "Kota Bekasi", 40]]},
                     hidden_rows=(3, 4, 9))
    t = read_raw_table(path)
    assert t.frame.index.tolist() == [2, 3, 4]  # kept: hiding a row does not withdraw it
    [w] = t.warnings
    assert w.code == "HIDDEN_ROWS" and "2 baris" in w.reason and "3–4" in w.reason


def test_password_protected_workbook_is_told_so():
    path = HOSTILE / "hasil_password.xlsx"
    before = digest(path)
    [p] = read_raw_table(path).problems
    assert p.code == "FILE_ENCRYPTED" and "kata sandi" in p.reason
    assert "zip" not in p.reason.lower()
    assert "password" in read_raw_table(path, lang="en").problems[0].reason
    assert digest(path) == before


def test_old_xls_named_xlsx(tmp_path):
    p = tmp_path / "lama.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    assert [x.code for x in read_raw_table(p).problems] == ["FILE_XLS_OLD"]


def test_cell_text():
    import datetime as dt

    assert cell_text(None) == "" and cell_text(3) == "3" and cell_text(2.5) == "2.5"
    assert cell_text(dt.datetime(2025, 1, 2, 8, 30)) == "2025-01-02 08:30:00"
    assert cell_text(dt.date(2025, 1, 2)) == "2025-01-02"
