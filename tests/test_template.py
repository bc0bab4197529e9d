"""Tests of the OPD Excel template (inovlab.report.template)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from inovlab.cli.main import main
from inovlab.io.validation import load_table
from inovlab.report.template import BASE_COLUMNS, build_template, write_template
from inovlab.rules.framework import load_framework

DATA = Path(__file__).parent / "data" / "readiness"


def _fill(path: Path, out: Path, rows: list[dict], spd_level: int | None = None) -> Path:
    wb = load_workbook(path)
    ws = wb["Inovasi"]
    headers = [c.value for c in ws[1]]
    for r, row in enumerate(rows, start=2):
        for j, name in enumerate(headers, start=1):
            ws.cell(row=r, column=j, value=row.get(name, 2 if name.startswith("ind_") else None))
    if spd_level is not None:
        spd = wb["SPD"]
        for i in range(2, spd.max_row + 1):
            spd.cell(row=i, column=4, value=spd_level)
    wb.save(out)
    return out


def _row(i, opd, **kw):
    row = {"tahun": 2026, "nama_daerah": "Kota Pangkal Pinang", "id_inovasi": f"{opd.split()[-1][:6].upper()}-{i}",
           "nama_inovasi": f"Inovasi {opd} nomor {i} {'xyz'[i % 3] * 5}", "opd": opd,
           "tahapan": "penerapan", "urusan": "kesehatan",
           "tanggal_penerapan": dt.datetime(2024, 5, 1), "kata_rancang_bangun": 350,
           "durasi_video_detik": 240}
    row.update(kw)
    return row


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "templat.xlsx"
    return write_template(2026, path, ["Dinas Kesehatan", "Dinas Sosial"], "Kota Pangkal Pinang")


def test_sheets_and_headers(template):
    fw = load_framework(2026)
    wb = load_workbook(template)
    assert wb.sheetnames[:4] == ["Inovasi", "Petunjuk", "Indikator", "SPD"]
    assert wb["Daftar"].sheet_state == "hidden"
    headers = [c.value for c in wb["Inovasi"][1]]
    assert headers == list(BASE_COLUMNS) + fw.sid_columns
    # the mandatory indicators' level descriptions are in the header comments
    comment = wb["Inovasi"].cell(row=1, column=headers.index("ind_16") + 1).comment.text
    assert "WAJIB" in comment and "3:" in comment


def test_drop_downs(template):
    ws = load_workbook(template)["Inovasi"]
    headers = [c.value for c in ws[1]]
    letter = {h: ws.cell(row=1, column=j + 1).column_letter for j, h in enumerate(headers)}
    by_col = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_col[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    assert by_col[letter["tahapan"]].formula1.startswith("Daftar!")
    assert by_col[letter["urusan"]].formula1.startswith("Daftar!")
    assert by_col[letter["opd"]].formula1.startswith("Daftar!")
    dv = by_col[letter["ind_33"]]
    assert dv.formula1 == '"0,1,2,3"' and dv.prompt and len(dv.prompt) <= 255
    lists = load_workbook(template)["Daftar"]
    assert [lists[f"A{i}"].value for i in range(2, 5)] == ["inisiatif", "uji coba", "penerapan"]
    assert [lists[f"C{i}"].value for i in range(2, 4)] == ["Dinas Kesehatan", "Dinas Sosial"]


def test_indicator_and_spd_sheets(template):
    fw = load_framework(2026)
    wb = load_workbook(template)
    ind = pd.DataFrame(wb["Indikator"].values)
    assert len(ind) - 1 == len(fw.indicators)
    assert ind.iloc[0].tolist()[:5] == ["kode", "jenis", "nama indikator", "bobot", "wajib"]
    spd = pd.DataFrame(wb["SPD"].values)
    assert spd.iloc[0].tolist()[:4] == ["tahun", "nama_daerah", "indikator", "level"]
    assert spd.iloc[1:, 2].tolist() == fw.spd_codes
    assert set(spd.iloc[1:, 1]) == {"Kota Pangkal Pinang"}
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "2024-01-01" in petunjuk and "penerapan" in petunjuk


def test_round_trip(template, tmp_path):
    filled = _fill(template, tmp_path / "dinkes.xlsx",
                   [_row(1, "Dinas Kesehatan"), _row(2, "Dinas Kesehatan", tahapan="uji coba",
                                                     urusan="Dinas Kesehatan")], spd_level=2)
    inn = load_table(filled, "inovasi", cycle=2026)
    assert inn["id_inovasi"].tolist() == ["KESEHA-1", "KESEHA-2"]
    assert inn["kode_wilayah"].unique().tolist() == ["19.71"]
    assert inn["tahapan"].tolist() == ["penerapan", "uji coba"]
    assert inn["urusan"].tolist() == ["kesehatan", "kesehatan"]
    assert (inn["ind_20"] == 2).all()
    spd = load_table(filled, "spd", cycle=2026, sheet="SPD")
    assert spd.filter(like="spd_").eq(2).all(axis=None)


def test_several_opd_files_checked_together(template, tmp_path):
    a = _fill(template, tmp_path / "dinkes.xlsx",
              [_row(1, "Dinas Kesehatan"), _row(2, "Dinas Kesehatan")], spd_level=2)
    b = _fill(template, tmp_path / "dinsos.xlsx",
              [_row(1, "Dinas Sosial", urusan="sosial", tahapan="inisiatif")])
    out = tmp_path / "cek"
    assert main(["check", "--cycle", "2026", "--inovasi", str(a), str(b), "--spd", str(a),
                 "--out", str(out)]) == 0
    table = pd.read_csv(out / "cek_inovasi.csv", keep_default_na=False)
    assert len(table) == 3 and set(table["berkas"]) == {"dinkes.xlsx", "dinsos.xlsx"}
    opd = pd.read_csv(out / "cek_opd.csv").set_index("opd")
    assert opd.at["Dinas Sosial", "kekurangan"] == 2
    pemda = pd.read_csv(out / "cek_pemda.csv")
    assert pemda["sumber_spd"].iloc[0] == "spd" and pemda["skor_spd"].iloc[0] > 0


def test_english_help():
    wb = build_template(2026, lang="en", n_rows=5)
    assert "mandatory" in [c.value for c in wb["Indikator"][1]]


def test_cli_template(tmp_path):
    out = tmp_path / "t.xlsx"
    opd = DATA / "opd.txt"
    assert main(["template", "--cycle", "2026", "--out", str(out), "--opd-list", str(opd),
                 "--region", "Pangkalpinang"]) == 0
    assert load_workbook(out)["Daftar"]["D2"].value == "Kota Pangkal Pinang"
    assert main(["template", "--cycle", "1999", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert main(["template", "--cycle", "2026", "--out", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.xlsx").exists()
