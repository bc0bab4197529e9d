"""Tests for inovlab.io.export: safe names, neutralised cells, atomic writes, run folders."""

import codecs
import os

import pandas as pd
import pytest
from openpyxl import load_workbook

from inovlab.io import export


@pytest.mark.parametrize("text, expected", [
    ("Kota Pangkal Pinang", "kota-pangkal-pinang"),
    ("../../etc/passwd", "etc-passwd"),
    ("C:\\Windows\\system32", "c-windows-system32"),
    ("a\x00b\nc", "a-b-c"),
    ("Dinas Kependudukan & Pencatatan Sipil", "dinas-kependudukan-pencatatan-sipil"),
    ("Bumi Sérasan", "bumi-serasan"),
    ("..", "tanpa-nama"),
    ("", "tanpa-nama"),
    (".hidden", "hidden"),
])
def test_safe_filename(text, expected):
    name = export.safe_filename(text)
    assert name == expected
    assert "/" not in name and "\\" not in name and ".." not in name


def test_safe_filename_length():
    assert len(export.safe_filename("x" * 500)) == 80


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+62 811", "'+62 811"), ("-cmd", "'-cmd"), ("@foo", "'@foo"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("-5", "-5"), ("+1.5", "+1.5"), ("normal", "normal"),
    (-5, -5), (3.5, 3.5), (None, None),
])
def test_neutralise(value, expected):
    assert export.neutralise(value) == expected


def test_write_csv_atomic_and_neutralised(tmp_path):
    df = pd.DataFrame({"nama": ["=1+1", "Baubau"], "skor": [-1.5, 60.01],
                       "tgl": pd.to_datetime(["2025-03-31", None])})
    p = export.write_csv(df, tmp_path / "sub" / "out.csv")
    back = pd.read_csv(p)
    assert back["nama"].tolist() == ["'=1+1", "Baubau"]
    assert back["skor"].tolist() == [-1.5, 60.01]
    assert p.read_text().splitlines()[1].endswith("2025-03-31")
    assert [f.name for f in p.parent.iterdir()] == ["out.csv"]  # no temp file left


def test_write_csv_has_bom_for_excel(tmp_path):
    df = pd.DataFrame({"nama_daerah": ["Kabupaten Bumi Sérasan"], "skor_iid": [60.01]})
    p = export.write_csv(df, tmp_path / "o.csv")
    raw = p.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert raw[len(codecs.BOM_UTF8):].decode("utf-8").startswith("nama_daerah,skor_iid\n")
    assert pd.read_csv(p)["nama_daerah"].iloc[0] == "Kabupaten Bumi Sérasan"
    plain = export.write_csv(df, tmp_path / "data.csv", bom=False).read_bytes()
    assert plain == raw[len(codecs.BOM_UTF8):]


def test_write_csv_semicolon_decimal_comma(tmp_path):
    df = pd.DataFrame({"nama_daerah": ["Kota Bau; Bau", "Kota Bengkulu"],
                       "skor_iid": [60.01, 1234.5], "peringkat": [3, 12],
                       "tgl": pd.to_datetime(["2025-03-31", None])})
    p = export.write_csv(df, tmp_path / "excel_id.csv", sep=";")
    lines = p.read_text(encoding="utf-8-sig").splitlines()
    assert lines == ["nama_daerah;skor_iid;peringkat;tgl",
                     '"Kota Bau; Bau";60,01;3;2025-03-31',
                     "Kota Bengkulu;1234,5;12;"]
    back = pd.read_csv(p, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["skor_iid"].tolist() == [60.01, 1234.5]
    assert back["nama_daerah"].tolist() == ["Kota Bau; Bau", "Kota Bengkulu"]
    assert export.write_table(df, tmp_path / "t.csv", sep=";").read_text(
        encoding="utf-8-sig").splitlines()[1].endswith(";60,01;3;2025-03-31")
    with pytest.raises(ValueError):
        export.write_csv(df, tmp_path / "x.csv", sep="\t")


def test_csv_separator_from_the_environment(tmp_path, monkeypatch):
    df = pd.DataFrame({"skor_iid": [60.01]})
    monkeypatch.setenv(export.CSV_SEP_ENV, ";")
    assert export.write_csv(df, tmp_path / "a.csv").read_text(encoding="utf-8-sig") == \
        "skor_iid\n60,01\n"
    assert export.write_csv(df, tmp_path / "b.csv", sep=",").read_text(
        encoding="utf-8-sig") == "skor_iid\n60.01\n"  # an explicit sep wins
    monkeypatch.setenv(export.CSV_SEP_ENV, "|")
    with pytest.raises(ValueError, match="INOVLAB_CSV_SEP"):
        export.write_csv(df, tmp_path / "c.csv")
    monkeypatch.delenv(export.CSV_SEP_ENV)
    assert export.csv_separator() == ","


def test_write_csv_read_back_by_inovlab(tmp_path):
    from inovlab.io.read import read_raw_table

    df = pd.DataFrame({"nama_daerah": ["Kota Bengkulu"], "skor_iid": [60.01]})
    for name, sep, score in (("koma.csv", ",", "60.01"), ("titik_koma.csv", ";", "60,01")):
        table = read_raw_table(export.write_csv(df, tmp_path / name, sep=sep))
        assert table.delimiter == sep and table.headers == ["nama_daerah", "skor_iid"]
        assert table.frame["skor_iid"].tolist() == [score]


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    export.atomic_write_text(p, "lama")

    def boom(*a, **k):
        raise OSError("disk penuh")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        export.atomic_write_text(p, "baru")
    assert p.read_text() == "lama"
    assert [f.name for f in tmp_path.iterdir()] == ["a.txt"]


def test_write_excel(tmp_path):
    sheets = {"hasil/2024": pd.DataFrame({"nama_daerah": ["@x", "Kota Bau Bau"],
                                          "skor_iid": [60.01, 12.0]}),
              "kosong": pd.DataFrame({"a": []})}
    p = export.write_excel(sheets, tmp_path / "o.xlsx")
    wb = load_workbook(p)
    assert wb.sheetnames == ["hasil-2024", "kosong"]
    ws = wb["hasil-2024"]
    assert [c.value for c in ws[2]] == ["'@x", 60.01]
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= len("Kota Bau Bau")


def test_write_table_by_extension(tmp_path):
    df = pd.DataFrame({"a": [1]})
    assert export.write_table(df, tmp_path / "x.xlsx").exists()
    # CSVs start with a UTF-8 BOM (Excel on Windows); the text after it is unchanged
    assert export.write_table(df, tmp_path / "x.csv").read_text(encoding="utf-8-sig") == "a\n1\n"


def test_run_folder_success(tmp_path):
    with export.run_folder(tmp_path, "Kota Bau Bau", "../2024", timestamp="t1") as d:
        assert d.name == ".t1.partial"
        (d / "hasil.csv").write_text("x")
    final = tmp_path / "kota-bau-bau" / "2024" / "t1"
    assert (final / "hasil.csv").read_text() == "x"
    assert export.final_path(d) == final
    assert sorted(p.name for p in final.parent.iterdir()) == ["t1"]
    with export.run_folder(tmp_path, "Kota Bau Bau", "2024", timestamp="t1") as d2:
        pass
    assert export.final_path(d2).name == "t1-2"  # never overwrites an earlier run


def test_two_runs_in_the_same_second_get_two_folders(tmp_path):
    import threading

    from inovlab.io.export import final_path, run_folder

    folders, errors = [], []
    barrier = threading.Barrier(4)

    def one_run():
        try:
            barrier.wait()
            with run_folder(tmp_path, "kota", timestamp="20261202-1500") as d:
                (d / "hasil.csv").write_text("x")
                folders.append(final_path(d).name)
        except Exception as exc:  # pragma: no cover - the failure this test guards against
            errors.append(exc)

    threads = [threading.Thread(target=one_run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(folders) == ["20261202-1500", "20261202-1500-2", "20261202-1500-3",
                               "20261202-1500-4"]
    assert sorted(p.name for p in (tmp_path / "kota").iterdir()) == sorted(folders)


def test_run_folder_failure_is_marked(tmp_path):
    with pytest.raises(RuntimeError):
        with export.run_folder(tmp_path, "x", timestamp="t1") as d:
            (d / "setengah.csv").write_text("x")
            raise RuntimeError("berhenti di tengah")
    names = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert names == ["t1-GAGAL"]
    error = (tmp_path / "x" / "t1-GAGAL" / "ERROR.txt").read_text()
    assert "GAGAL" in error and "berhenti di tengah" in error


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_atomic_files_follow_the_users_umask(tmp_path, umask, mode):
    import os
    import stat

    old = os.umask(umask)
    try:
        paths = [export.atomic_write_text(tmp_path / "a.html", "x"),
                 export.write_csv(pd.DataFrame({"a": [1]}), tmp_path / "t.csv"),
                 export.write_excel({"t": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")]
    finally:
        os.umask(old)
    assert [stat.S_IMODE(p.stat().st_mode) for p in paths] == [mode] * 3


def test_tables_carry_their_source_label(tmp_path):
    from openpyxl import load_workbook

    df = pd.DataFrame({"skor_iid": [61.5]})
    csv = export.write_csv(df, tmp_path / "t.csv", source="data demo (sintetis)")
    assert pd.read_csv(csv, encoding="utf-8-sig")["sumber_data"].tolist() == ["data demo (sintetis)"]
    ws = load_workbook(export.write_excel({"t": df}, tmp_path / "t.xlsx",
                                          source="data demo (sintetis)"))["t"]
    assert ws["B1"].value == "sumber_data" and ws["B2"].value == "data demo (sintetis)"
    assert "data demo (sintetis)" in ws["A1"].comment.text
    assert "data demo (sintetis)" in ws.oddHeader.center.text
    assert "sumber_data" not in df.columns  # the caller's table is not changed
