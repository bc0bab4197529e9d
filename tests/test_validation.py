"""Tests for inovlab.io.validation: the broken-file corpus and accepted variants."""

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from inovlab.cli.main import main
from inovlab.errors import DataError, UsageError
from inovlab.io.validation import load_table
from inovlab.rules.framework import load_framework

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"
VALID = DATA / "valid"
IND = load_framework(2026).sid_columns


def problems(path, kind=None, **kw):
    with pytest.raises(DataError) as info:
        load_table(path, kind, **kw)
    return [(p.code, p.row, p.column) for p in info.value.problems], info.value


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# -- the broken corpus: each file, the exact problems ----------------------------------
@pytest.mark.parametrize("name, kind, expected", [
    ("wrong_delimiter.csv", None, [("DELIMITER", None, "tahun|nama_daerah|skor_iid")]),
    ("missing_column.csv", "inovasi", [("MISSING_COLUMN", None, "opd"),
                                       ("MISSING_COLUMN", None, "ind_35")]),
    ("duplicate_id.csv", "inovasi", [("DUPLICATE_ID", 2, "id_inovasi"),
                                     ("DUPLICATE_ID", 4, "id_inovasi")]),
    ("level_4.csv", "inovasi", [("LEVEL_RANGE", 2, "ind_17")]),
    ("negative_or_text.csv", "hasil", [("SCORE_RANGE", 2, "skor_iid"),
                                       ("NOT_NUMBER", 3, "skor_iid"),
                                       ("SCORE_RANGE", 4, "skor_iid"),
                                       ("NEGATIVE", 4, "jumlah_inovasi")]),
    ("unknown_region.csv", "hasil", [("REGION_UNKNOWN", 2, "nama_daerah")]),
    ("ambiguous_region.csv", "hasil", [("REGION_AMBIGUOUS", 2, "nama_daerah")]),
    ("empty.csv", "hasil", [("EMPTY_FILE", None, None)]),
    ("empty.csv", None, [("EMPTY_FILE", None, None)]),
    ("header_only.csv", "inovasi", [("HEADER_ONLY", None, None)]),
    ("formula.csv", "inovasi", [("FORMULA", 2, "ind_16")]),
    ("unknown_year.csv", "inovasi", [("UNKNOWN_CYCLE", 2, "tahun")]),
    ("spd_unknown_indicator.csv", "spd", [("INDICATOR_UNKNOWN", 2, "indikator")]),
    ("bad_stage_and_date.csv", "inovasi", [("STAGE_UNKNOWN", 2, "tahapan"),
                                           ("DATE_INVALID", 2, "tanggal_penerapan")]),
])
def test_broken_corpus_reports_exact_problems(name, kind, expected):
    path = BROKEN / name
    before = digest(path)
    found, _ = problems(path, kind)
    assert found == expected
    assert digest(path) == before  # input never modified


def test_problem_details_name_value_and_reason():
    _, err = problems(BROKEN / "ambiguous_region.csv", "hasil")
    p = err.problems[0]
    assert p.file == "ambiguous_region.csv" and p.value == "Bekasi"
    assert "Kabupaten Bekasi, Kota Bekasi" in p.reason and "ambigu" in p.reason
    _, err = problems(BROKEN / "unknown_region.csv", "hasil")
    assert err.problems[0].reason.split(": ")[1].startswith("Kota Pangkal Pinang")
    _, err = problems(BROKEN / "duplicate_id.csv", "inovasi")
    assert "baris 4" in err.problems[0].reason and "baris 2" in err.problems[1].reason
    _, err = problems(BROKEN / "missing_column.csv", "inovasi")
    assert "tahun, nama_daerah, id_inovasi" in err.problems[0].reason


def test_english_reasons():
    _, err = problems(BROKEN / "level_4.csv", "inovasi", lang="en")
    assert err.problems[0].reason.startswith("Level must be 0, 1, 2 or 3")
    _, err = problems(BROKEN / "ambiguous_region.csv", "hasil", lang="en")
    assert "Closest official names" in err.problems[0].reason


def test_every_problem_of_every_file_at_once():
    found, _ = problems([BROKEN / "level_4.csv", BROKEN / "formula.csv", BROKEN / "empty.csv"],
                        "inovasi")
    # both files use INV-01 for the same pemda and year: a duplicate across files too
    assert found == [("LEVEL_RANGE", 2, "ind_17"), ("DUPLICATE_ID", 2, "id_inovasi"),
                     ("FORMULA", 2, "ind_16"), ("DUPLICATE_ID", 2, "id_inovasi"),
                     ("EMPTY_FILE", None, None)]


def test_duplicate_id_across_opd_files(tmp_path):
    text = (VALID / "inovasi_ok.csv").read_text()
    (tmp_path / "opd_a.csv").write_text(text)
    (tmp_path / "opd_b.csv").write_text(text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n")
    _, err = problems([tmp_path / "opd_a.csv", tmp_path / "opd_b.csv"], "inovasi")
    where = [(p.file, p.row, p.code) for p in err.problems]
    assert where == [("opd_a.csv", 2, "DUPLICATE_ID"), ("opd_b.csv", 2, "DUPLICATE_ID")]
    assert "opd_b.csv baris 2" in err.problems[0].reason


def test_several_valid_opd_files_combine(tmp_path):
    lines = (VALID / "inovasi_ok.csv").read_text().splitlines()
    (tmp_path / "a.csv").write_text("\n".join(lines[:2]) + "\n")
    (tmp_path / "b.csv").write_text("\n".join([lines[0]] + lines[2:]) + "\n")
    t = load_table([tmp_path / "a.csv", tmp_path / "b.csv"], "inovasi")
    assert t["berkas"].tolist() == ["a.csv", "b.csv", "b.csv"]
    assert t["baris"].tolist() == [2, 2, 3]


# -- accepted variants -----------------------------------------------------------------
def test_inovasi_canonical_table():
    t = load_table(VALID / "inovasi_ok.csv", "inovasi")
    assert t.columns.tolist()[:11] == [
        "tahun", "kode_wilayah", "nama_daerah", "id_inovasi", "nama_inovasi", "opd", "tahapan",
        "urusan", "tanggal_penerapan", "kata_rancang_bangun", "durasi_video_detik"]
    assert t.columns.tolist()[11:] == IND + ["berkas", "baris"]
    assert t["tahun"].dtype == np.int64 and t["ind_16"].dtype == np.int64
    assert t["kode_wilayah"].tolist() == ["19.71"] * 3
    assert t["nama_daerah"].unique().tolist() == ["Kota Pangkal Pinang"]
    assert t["tahapan"].tolist() == ["penerapan", "uji coba", "uji coba"]
    assert t["urusan"].tolist() == ["kesehatan", "pendidikan", "pekerjaan umum dan penataan ruang"]
    assert pd.api.types.is_datetime64_any_dtype(t["tanggal_penerapan"])
    assert t["tanggal_penerapan"].dt.strftime("%Y-%m-%d").fillna("-").tolist() == [
        "2025-03-31", "2025-02-01", "-"]
    assert t[["ind_16", "ind_17", "ind_18", "ind_35"]].values.tolist() == [
        [3, 2, 1, 0], [2, 2, 0, 0], [1, 0, 0, 0]]
    assert t["baris"].tolist() == [2, 3, 4]
    assert "sumber_data" not in t.attrs        # provenance travels in Inputs, not attrs


def test_semicolon_bom_decimal_comma_and_thousands():
    t = load_table(VALID / "inovasi_semicolon_bom.csv")  # kind guessed
    assert t.attrs["kind"] == "inovasi"
    assert t["durasi_video_detik"].tolist() == [90.5] * 3
    assert t["kata_rancang_bangun"].tolist() == [1234] * 3
    assert t["tahun"].tolist() == [2026] * 3


def test_hasil_english_headers_decimal_comma_and_predicate():
    t = load_table(VALID / "hasil_decimal_comma.csv")
    assert t.attrs["kind"] == "hasil"
    assert t["skor_iid"].tolist() == [60.01, 45.5, 12.3]
    # computed from skor_iid by the cycle's cut-offs where missing; normalised otherwise
    assert t["predikat"].tolist() == ["Sangat Inovatif", "Inovatif", "Kurang Inovatif"]
    assert t["nama_daerah"].tolist() == ["Kota Pangkal Pinang", "Kabupaten Buton", "Bengkulu"]
    assert t["peringkat"].tolist()[0] == 3 and pd.isna(t["peringkat"].iloc[1])


def test_cp1252_and_bom():
    t = load_table(VALID / "hasil_cp1252.csv", "hasil")
    assert t["sumber"].iloc[0] == "Keputusan Mendagri – Café é"
    assert t["kode_wilayah"].tolist() == ["74.72", "74.04"]
    t = load_table(VALID / "hasil_bom.csv", "hasil")
    assert t["kode_wilayah"].tolist() == ["19.71", "74.04"]
    assert t["predikat"].tolist() == ["Inovatif", "Tidak Dapat Dinilai"]


def test_spd_long_and_wide_become_wide():
    codes = load_framework(2026).spd_codes
    long = load_table(VALID / "spd_long.csv")
    assert long.columns.tolist() == ["tahun", "kode_wilayah", "nama_daerah"] + [
        f"spd_{c}" for c in codes]
    assert long.loc[0, ["spd_1", "spd_2a", "spd_5b"]].tolist() == [3, 2, 0]
    assert long["kode_wilayah"].tolist() == ["19.71", "74.04"]
    wide = load_table(VALID / "spd_wide.csv")
    assert wide.loc[0, "spd_15"] == 3 and wide.loc[0, "nama_daerah"] == "Kota Pangkal Pinang"


def test_spd_wide_unknown_and_missing_indicator_columns(tmp_path):
    p = tmp_path / "spd.csv"
    p.write_text("tahun,kode_wilayah,spd_1,spd_99\n2026,19.71,3,1\n")
    found, _ = problems(p, "spd")
    assert found[0] == ("INDICATOR_UNKNOWN", None, "spd_99")
    assert found[1][0] == "MISSING_COLUMN" and found[1][2].startswith("spd_2a, spd_2b")


def _xlsx(path, rows, title=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    if title:
        ws.append([title])
        ws.append([])
    for r in rows:
        ws.append(r)
    wb.create_sheet("Lain").append(["x"])
    wb.save(path)
    return path


def test_excel_title_row_above_header(tmp_path):
    p = _xlsx(tmp_path / "hasil.xlsx", [["Tahun", "Nama Daerah", "Skor IID"],
                                        [2024, "Baubau", 60.01], [2024, "Kab. Buton", "abc"]],
              title="Rekap IID 2024")
    before = digest(p)
    found, _ = problems(p, "hasil")
    assert found == [("NOT_NUMBER", 5, "Skor IID")]  # title row 1, blank row 2, header row 3
    assert digest(p) == before
    p2 = _xlsx(tmp_path / "ok.xlsx", [["Tahun", "Nama Daerah", "Skor IID"], [2024, "Baubau", 60.01]],
               title="Rekap")
    t = load_table(p2)
    assert t.loc[0, ["kode_wilayah", "skor_iid", "predikat"]].tolist() == [
        "74.72", 60.01, "Sangat Inovatif"]


def test_excel_named_sheet_and_missing_sheet(tmp_path):
    p = _xlsx(tmp_path / "h.xlsx", [["tahun", "kode_wilayah", "skor_iid"], [2024, 19.71, 50]])
    assert load_table(p, "hasil", sheet="Data")["nama_daerah"].tolist() == ["Kota Pangkal Pinang"]
    with pytest.raises(UsageError, match="Lain"):
        load_table(p, "hasil", sheet="Tidak Ada")


def test_blank_rows_skipped_and_row_numbers_kept(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("tahun,nama_daerah,skor_iid\n2024,Baubau,50\n,,\n\n2024,Kab Buton,500\n")
    found, _ = problems(p, "hasil")
    assert found == [("SCORE_RANGE", 5, "skor_iid")]


def test_cell_starting_with_equals_in_text_is_kept_and_neutralised_on_export(tmp_path):
    p = tmp_path / "i.csv"
    text = (BROKEN / "formula.csv").read_text().replace("=SUM(A1)", "3")
    p.write_text(text)
    t = load_table(p, "inovasi")
    assert t.loc[0, "nama_inovasi"] == '=HYPERLINK("http://x")'
    out = tmp_path / "clean.csv"
    assert main(["validate", str(p), "--out", str(out)]) == 0
    assert pd.read_csv(out)["nama_inovasi"].iloc[0] == '\'=HYPERLINK("http://x")'


def test_region_code_and_name_mismatch(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("tahun,kode_wilayah,nama_daerah,skor_iid\n2024,19.71,Baubau,50\n"
                 "2025,19.71,Pangkalpinang,50\n2025,,Kab. Buton,10\n")
    found, err = problems(p, "hasil")
    assert found == [("REGION_MISMATCH", 2, "nama_daerah")]
    assert "Kota Bau Bau" in err.problems[0].reason


def test_jenis_column_resolves_ambiguous_names(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("tahun,nama_daerah,jenis,skor_iid\n2024,Bekasi,kota,50\n2024,Bekasi,Kab,40\n")
    assert load_table(p, "hasil")["nama_daerah"].tolist() == ["Kota Bekasi", "Kabupaten Bekasi"]


def test_cycle_argument(tmp_path):
    p = tmp_path / "i.csv"
    text = (VALID / "inovasi_ok.csv").read_text()
    p.write_text(text)
    found, _ = problems(p, "inovasi", cycle=2025)
    assert found == [("CYCLE_MISMATCH", r, "tahun") for r in (2, 3, 4)]
    with pytest.raises(UsageError):
        load_table(p, "inovasi", cycle=1999)
    # without a tahun column, the cycle fills it
    q = tmp_path / "no_year.csv"
    q.write_text("\n".join(",".join(line.split(",")[1:]) for line in text.splitlines()) + "\n")
    assert load_table(q, "inovasi", cycle=2026)["tahun"].tolist() == [2026] * 3


def test_rancang_bangun_text_is_counted(tmp_path):
    p = tmp_path / "i.csv"
    lines = (VALID / "inovasi_ok.csv").read_text().splitlines()
    p.write_text("\n".join([lines[0] + ",rancang_bangun,durasi_video_detik"]
                           + [lines[1] + ",\"Latar belakang  masalah, solusi\",2:30"]) + "\n")
    t = load_table(p, "inovasi")
    assert t.loc[0, "kata_rancang_bangun"] == 4
    assert t.loc[0, "durasi_video_detik"] == 150


def test_kind_cannot_be_guessed(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n")
    with pytest.raises(UsageError, match="--kind"):
        load_table(p)


def test_large_file_validates(tmp_path):
    """50,000 innovations (generated here, not committed) load and one bad cell is found."""
    rng = np.random.default_rng(0)
    n = 50_000
    df = pd.DataFrame({"tahun": 2026, "nama_daerah": rng.choice(
        ["Pangkalpinang", "Kab. Buton", "Baubau", "Kota Bekasi"], n),
        "id_inovasi": [f"I{i}" for i in range(n)], "nama_inovasi": "Inovasi", "opd": "Dinas",
        "tahapan": rng.choice(["penerapan", "Uji Coba", "inisiatif"], n)})
    for c in IND:
        df[c] = rng.integers(0, 4, n)
    p = tmp_path / "big.csv"
    df.to_csv(p, sep=";", index=False)
    t = load_table(p, "inovasi")
    assert len(t) == n and t["kode_wilayah"].nunique() == 4
    df.loc[40_000, "ind_20"] = 7
    df.to_csv(p, sep=";", index=False)
    found, _ = problems(p, "inovasi")
    assert found == [("LEVEL_RANGE", 40_002, "ind_20")]


def test_xlsx_formula_in_numeric_column(tmp_path):
    p = _xlsx(tmp_path / "f.xlsx", [["tahun", "nama_daerah", "skor_iid"], [2024, "Baubau", "=SUM(A1)"]])
    found, _ = problems(p, "hasil")
    assert found == [("FORMULA", 2, "skor_iid")]


# -- hostile inputs through load_table and the command line (issue 13) -----------------
HOSTILE = DATA / "hostile"


@pytest.mark.parametrize("name, code, words", [
    ("hasil_utf16.csv", "FILE_UTF16", "UTF-16"),
    ("hasil_unclosed_quote.csv", "UNCLOSED_QUOTE", "baris 3"),
    ("hasil_password.xlsx", "FILE_ENCRYPTED", "kata sandi"),
])
def test_refused_files_exit_1_with_a_truthful_message_and_nothing_written(
        name, code, words, tmp_path, capsys):
    path = HOSTILE / name
    before = digest(path)
    found, _ = problems(path, "hasil")
    assert [c for c, _, _ in found] == [code]
    out = tmp_path / "bersih.csv"
    assert main(["validate", str(path), "--kind", "hasil", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "zip" not in err
    assert not out.exists() and digest(path) == before


def test_warnings_reach_python_and_the_command_line(tmp_path, capsys):
    from inovlab.io.problems import InputWarning

    path = HOSTILE / "hasil_mixed_encoding.csv"
    with pytest.warns(InputWarning, match="baris 3, 5"):
        table = load_table(path, "hasil")
    assert table["sumber"].tolist() == ["Kepmendagri – Café"] * 2 + ["Surat ’resmi’"] * 2
    out = tmp_path / "bersih.csv"
    assert main(["validate", str(path), "--out", str(out), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("Warning: hasil_mixed_encoding.csv: The file mixes two") == 1
    assert "OK: 1 file(s), 4 rows" in captured.out
    assert "â€" not in out.read_text(encoding="utf-8-sig")


def test_control_characters_warned_per_cell_on_the_command_line(capsys):
    assert main(["validate", str(HOSTILE / "hasil_nul.csv")]) == 0
    err = capsys.readouterr().err
    assert "Peringatan: hasil_nul.csv, baris 2, kolom 'sumber': Karakter kontrol" in err


def test_warnings_are_shown_beside_the_problems(tmp_path, capsys):
    p = tmp_path / "hasil.csv"
    p.write_bytes(b"tahun,nama_daerah,skor_iid\n2024,Kota Bogor,\x0060\n2024,Kota Atlantis,1\n")
    assert main(["validate", str(p)]) == 1
    err = capsys.readouterr().err
    assert "Peringatan: hasil.csv, baris 2, kolom 'skor_iid'" in err
    assert "REGION" not in err and "Kota Atlantis" in err


def test_instructions_sheet_first_names_the_sheet_option(tmp_path, capsys):
    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi data inovasi di sheet berikutnya."])
    data = wb.create_sheet("Data")
    data.append(["tahun", "nama_daerah", "skor_iid"])
    data.append([2024, "Kota Bogor", 60.5])
    wb.save(tmp_path / "hasil.xlsx")
    found, err = problems(tmp_path / "hasil.xlsx", "hasil")
    assert [c for c, _, _ in found] == ["SHEET_NOT_DATA"]
    assert main(["validate", str(tmp_path / "hasil.xlsx")]) == 1
    assert "--sheet" in capsys.readouterr().err
    assert load_table(tmp_path / "hasil.xlsx", "hasil", sheet="Data")["skor_iid"].tolist() == [60.5]


def test_a_sheet_without_a_table_is_not_told_to_use_commas(tmp_path):
    wb = Workbook()
    wb.active.append(["Catatan rapat"])
    wb.active.append(["tidak ada tabel di sini"])
    wb.save(tmp_path / "catatan.xlsx")
    found, err = problems(tmp_path / "catatan.xlsx", "hasil")
    assert [c for c, _, _ in found] == ["NO_TABLE"]
    assert "--sheet" in err.problems[0].reason and "koma" not in err.problems[0].reason


def test_several_data_sheets_warn_through_load_table(tmp_path):
    from inovlab.io.problems import InputWarning

    wb = Workbook()
    wb.active.title = "Dinkes"
    for ws in (wb.active, wb.create_sheet("Dinsos")):
        ws.append(["tahun", "nama_daerah", "skor_iid"])
        ws.append([2024, "Kota Bogor", 60.5])
    wb.save(tmp_path / "hasil.xlsx")
    with pytest.warns(InputWarning, match="'Dinsos'"):
        assert len(load_table(tmp_path / "hasil.xlsx", "hasil")) == 1


def test_national_scale_duplicate_check_uses_codes():
    from inovlab.io.validation import _repeated

    df = pd.DataFrame({"tahun": [2026] * 4, "kode_wilayah": ["19.71", "19.71", "17", "17"],
                       "id_inovasi": ["A", "A", "A", "B"]})
    assert _repeated(df, ["tahun", "kode_wilayah", "id_inovasi"]).tolist() == [True, True,
                                                                              False, False]


def test_score_and_check_choose_the_sheet(tmp_path, capsys):
    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi tabel di sheet Data."])
    data = wb.create_sheet("Data")
    rows = pd.read_csv(VALID / "inovasi_ok.csv", dtype=str, keep_default_na=False)
    data.append(list(rows.columns))
    for r in rows.itertuples(index=False):
        data.append(list(r))
    wb.save(tmp_path / "inovasi.xlsx")
    xlsx = str(tmp_path / "inovasi.xlsx")
    assert main(["score", "--cycle", "2026", "--inovasi", xlsx, "--out", str(tmp_path / "a")]) == 1
    assert "--sheet" in capsys.readouterr().err and not (tmp_path / "a").exists()
    assert main(["score", "--cycle", "2026", "--inovasi", xlsx, "--sheet", "Data",
                 "--out", str(tmp_path / "b")]) == 0
    assert (tmp_path / "b" / "skor_inovasi.csv").exists()
    assert main(["check", "--cycle", "2026", "--inovasi", xlsx, "--sheet", "Data",
                 "--out", str(tmp_path / "c")]) == 0
