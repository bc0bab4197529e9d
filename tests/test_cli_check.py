"""Tests of ``inovlab check`` (inovlab.cli.check): exit codes and written files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from inovlab.cli.main import main

DATA = Path(__file__).parent / "data" / "readiness"
INOVASI = DATA / "inovasi_kota.csv"
OPD_LIST = DATA / "opd.txt"


def test_cli_writes_everything_and_exits_0(tmp_path):
    out = tmp_path / "cek"
    code = main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--opd-list",
                 str(OPD_LIST), "--deadline", "2026-12-15", "--out", str(out)])
    assert code == 0
    names = {p.name for p in out.iterdir()}
    assert {"cek_inovasi.csv", "cek_opd.csv", "ringkasan.json", "cek_kesiapan.xlsx",
            "ringkasan.html"} <= names
    table = pd.read_csv(out / "cek_inovasi.csv", dtype=str, keep_default_na=False)
    assert list(table.columns[:5]) == ["id_inovasi", "opd", "skor_kematangan", "dihitung",
                                       "masalah"]
    assert table.set_index("id_inovasi").at["P07", "masalah"] == "DI_BAWAH_IMPAS;DI_BAWAH_MINIMUM"
    summary = json.loads((out / "ringkasan.json").read_text(encoding="utf-8"))
    assert summary["sumber_pembanding"] is None  # no --hasil: no rank, never the demo panel
    assert summary["masalah_per_kode"]["DUPLIKAT"] == 2
    assert summary["pemda"][0]["peringkat_proyeksi"] is None
    assert "hasil" in summary["pemda"][0]["catatan_peringkat"]
    # every table names where its data come from, so it cannot be forwarded as something else
    for name in ("cek_inovasi.csv", "cek_opd.csv", "cek_pemda.csv", "rekomendasi.csv"):
        labels = pd.read_csv(out / name, dtype=str, keep_default_na=False)["sumber_data"]
        assert set(labels) == {summary["sumber_data"]}, name
    ws = load_workbook(out / "cek_kesiapan.xlsx")["cek_opd"]
    assert summary["sumber_data"] in ws["A1"].comment.text


def test_cli_excel_neutralises_formulas(tmp_path):
    out = tmp_path / "cek"
    assert main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--out", str(out)]) == 0
    ws = load_workbook(out / "cek_kesiapan.xlsx")["cek_inovasi"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=1+2 Perencanaan Partisipatif" in values
    assert not any(v.startswith(("=", "+", "@")) for v in values)
    assert not any(v.startswith("-") and not v[1:2].isdigit() for v in values)


def test_cli_unreadable_input_exit_1_nothing_written(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("tahun,nama_daerah,id_inovasi\n2026,Kota Tidak Ada,x\n", encoding="utf-8")
    out = tmp_path / "cek"
    assert main(["check", "--cycle", "2026", "--inovasi", str(bad), "--out", str(out)]) == 1
    assert not out.exists()


def test_cli_usage_errors_exit_2(tmp_path):
    out = tmp_path / "cek"
    assert main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--deadline",
                 "15/12/2026", "--out", str(out)]) == 2
    assert main(["check", "--cycle", "1999", "--inovasi", str(INOVASI), "--out", str(out)]) == 2
    assert not out.exists()


def test_cli_region_and_user_hasil(tmp_path):
    hasil = tmp_path / "hasil.csv"
    hasil.write_text("tahun;nama_daerah;skor_iid;skor_spd\n2025;Kota Pangkalpinang;50,0;40\n"
                     "2025;Kota Bengkulu;70,0;45\n2024;Kota Pangkalpinang;48,0;40\n"
                     "2024;Kota Bengkulu;66,0;45\n", encoding="utf-8")
    out = tmp_path / "cek"
    assert main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--hasil", str(hasil),
                 "--region", "Pangkalpinang", "--lang", "en", "--out", str(out)]) == 0
    pemda = pd.read_csv(out / "cek_pemda.csv", dtype={"kode_wilayah": str})
    assert pemda["kode_wilayah"].tolist() == ["19.71"]
    assert pemda["jumlah_pembanding"].iloc[0] == 2
    # another region: nothing of that region in the files -> data problem
    assert main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--region",
                 "Kota Bengkulu", "--out", str(tmp_path / "x")]) == 1


def test_cli_glob_pattern_and_no_match(tmp_path):
    out = tmp_path / "cek"
    assert main(["check", "--cycle", "2026", "--inovasi", str(DATA / "inovasi_kota.c?v"),
                 "--out", str(out)]) == 0
    assert (out / "cek_inovasi.csv").exists()
    assert main(["check", "--cycle", "2026", "--inovasi", str(tmp_path / "*.xlsx"),
                 "--out", str(tmp_path / "x")]) == 2


def test_opd_list_in_windows_1252_is_read(tmp_path):
    out = tmp_path / "cek"
    opd = DATA.parent / "hostile_cli" / "opd_cp1252.txt"
    assert main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--opd-list", str(opd),
                 "--out", str(out)]) == 0
    listed = pd.read_csv(out / "cek_opd.csv")["opd"].tolist()
    assert "Badan Perencanaan – Litbang" in listed
    assert any(name.endswith("café") for name in listed)


def test_binary_opd_list_is_a_located_problem(tmp_path, capsys):
    out = tmp_path / "cek"
    opd = DATA.parent / "hostile_cli" / "opd_binary.txt"
    assert main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--opd-list", str(opd),
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "opd_binary.txt" in err and "bukan berkas teks" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["template", "--cycle", "2026", "--opd-list", str(opd), "--out",
                 str(tmp_path / "t.xlsx")]) == 1
    assert not (tmp_path / "t.xlsx").exists()
