"""Tests of the submission-readiness check (inovlab.analysis.readiness)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from inovlab.analysis.readiness import (
    CODES,
    check_innovations,
    check_opd,
    find_duplicates,
    read_opd_list,
    recommend,
    run_check,
)
from inovlab.cli.main import main
from inovlab.io.validation import load_table
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_regions

DATA = Path(__file__).parent / "data" / "readiness"
INOVASI = DATA / "inovasi_kota.csv"
OPD_LIST = DATA / "opd.txt"
TODAY = dt.date(2026, 11, 23)

# Every planted problem of the fixture portfolio, and nothing else.
EXPECTED = {
    "G01": {"DUPLIKAT"}, "G02": {"DUPLIKAT"},
    "P01": {"TAHAPAN"},
    "P02": {"JENDELA_WAKTU"},
    "P03": {"WAJIB_KOSONG"},
    "P04": {"RANCANG_BANGUN"},
    "P05": {"VIDEO"},
    "P06": {"DI_BAWAH_IMPAS"},
    "P07": {"DI_BAWAH_IMPAS", "DI_BAWAH_MINIMUM"},
    "P08": {"TAHAPAN", "DI_BAWAH_MINIMUM"},
}


@pytest.fixture(scope="module")
def fw():
    return load_framework(2026)


@pytest.fixture(scope="module")
def inovasi():
    return load_table(INOVASI, "inovasi", cycle=2026)


@pytest.fixture(scope="module")
def result(inovasi, fw):
    return run_check(inovasi, fw, opd_list=read_opd_list(OPD_LIST), target_per_opd=2,
                     deadline=dt.date(2026, 12, 15), today=TODAY)


def _codes(checked):
    return {i: set(m.split(";")) - {""} for i, m in zip(checked["id_inovasi"], checked["masalah"], strict=False)}


def test_every_planted_problem_found_and_nothing_else(result):
    found = _codes(result.inovasi)
    expected = {i: EXPECTED.get(i, set()) for i in found}
    assert found == expected
    # every code is planted at least once
    assert set().union(*EXPECTED.values()) == set(CODES)


def test_explanations_name_the_problem(result):
    inn = result.inovasi.set_index("id_inovasi")
    assert "G02" in inn.at["G01", "penjelasan"] and inn.at["G01", "duplikat_dengan"] == "G02"
    assert "16 Regulasi Inovasi Daerah" in inn.at["P03", "penjelasan"]
    assert "150" in inn.at["P04", "penjelasan"] and "300" in inn.at["P04", "penjelasan"]
    assert "420" in inn.at["P05", "penjelasan"]
    # the counted stage is an inferred rule: labelled as such
    assert "disimpulkan (asumsi)" in inn.at["P01", "penjelasan"]
    assert inn.at["G03", "penjelasan"] == ""
    assert inn.at["P01", "keyakinan_aturan"] == "inferred"
    assert inn.at["P05", "keyakinan_aturan"] == "secondary"
    assert inn.at["G03", "keyakinan_aturan"] == ""


def test_dihitung_follows_stage_and_window(result):
    inn = result.inovasi.set_index("id_inovasi")
    assert not inn.loc[["P01", "P02", "P08"], "dihitung"].any()
    assert inn["dihitung"].sum() == 18


def test_break_even_flag_is_exact(result, fw):
    """perubahan_iid = IID with the innovation - IID without it, from scoring itself."""
    inn = result.inovasi
    spd = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "spd_1": [3]})
    base = score_regions(inn, spd, fw)["skor_iid"].iloc[0]
    for i in inn.index[inn["dihitung"]]:
        without = inn.copy()
        without.loc[i, "dihitung"] = False
        iid = score_regions(without, spd, fw)["skor_iid"].iloc[0]
        assert inn.at[i, "perubahan_iid"] == pytest.approx(base - iid, abs=1e-9)
        lowers = base - iid < 0
        assert lowers == ("DI_BAWAH_IMPAS" in inn.at[i, "masalah"])
        assert lowers == (inn.at[i, "skor_kematangan"] < inn.at[i, "skor_impas"])


def test_min_kematangan_parameter(inovasi, fw):
    out = check_innovations(inovasi, fw, min_kematangan=95)
    assert out["m_DI_BAWAH_MINIMUM"].all()


def test_rules_checked_only_where_known(inovasi):
    fw23 = load_framework(2023)  # no window, no design-word minimum known
    out = check_innovations(inovasi.assign(tahun=2023), fw23)
    assert not out["m_JENDELA_WAKTU"].any()
    assert not out["m_RANCANG_BANGUN"].any()
    assert out["m_VIDEO"].sum() == 1


def test_english_explanations(inovasi, fw):
    out = check_innovations(inovasi, fw, lang="en").set_index("id_inovasi")
    assert "Mandatory indicator at level 0" in out.at["P03", "penjelasan"]
    assert out.at["P03", "masalah"] == "WAJIB_KOSONG"


def test_duplicates_word_order_and_no_false_pairs():
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["19.71"] * 4 + ["11.01"],
                       "id_inovasi": list("abcde"),
                       "nama_inovasi": ["Posyandu Digital", "digital posyandu",
                                        "Pasar Rakyat Online", "Layanan Pajak Keliling",
                                        "Posyandu Digital"]})
    pairs = find_duplicates(df)
    assert sorted(map(tuple, pairs[["id_a", "id_b"]].values)) == [("a", "b"), ("b", "a")]


def test_duplicates_different_brands_are_different():
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71", "id_inovasi": list("abcd"),
                       "nama_inovasi": ["GEDULA - Pengaduan Masyarakat Daring",
                                        "PEPERU - Pengaduan Masyarakat Daring",
                                        "Gedula: pengaduan masyarakat daring",
                                        "E-Retribusi Pasar"]})
    pairs = find_duplicates(df)
    assert sorted(map(tuple, pairs[["id_a", "id_b"]].values)) == [("a", "c"), ("c", "a")]


def test_duplicates_scale_to_hundreds():
    rng = np.random.default_rng(0)
    words = ["layanan", "sistem", "digital", "pasar", "sekolah", "sehat", "desa", "pajak",
             "antrean", "data", "kota", "warga", "bank", "sampah", "air", "jalan"]
    names = [" ".join(rng.choice(words, 4, replace=False)) + f" {i}" for i in range(400)]
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                       "id_inovasi": [f"x{i}" for i in range(400)], "nama_inovasi": names})
    out = find_duplicates(df)
    assert set(out.columns) >= {"id_a", "id_b", "kemiripan"}


def test_opd_shortfall_and_missing(result):
    opd = result.opd.set_index("opd")
    assert opd.at["Bappeda", "dihitung"] == 1 and opd.at["Bappeda", "kekurangan"] == 1
    assert opd.at["Dinas Kesehatan", "diajukan"] == 5 and opd.at["Dinas Kesehatan", "dihitung"] == 4
    assert opd.at["Dinas Kesehatan", "kekurangan"] == 0
    missing = set(opd.index[opd["tidak_mengirim"]])
    assert missing == {"Satpol PP", "Dinas Pariwisata"}
    assert (opd.loc[list(missing), "kekurangan"] == 2).all()
    assert result.summary["opd_tidak_mengirim"] == ["Dinas Pariwisata", "Satpol PP"]


def test_opd_not_on_list_is_marked(result):
    opd = check_opd(result.inovasi, ["dinas kesehatan"], 2).set_index("opd")
    assert opd.at["Dinas Kesehatan", "di_daftar"]  # matched ignoring case
    assert not opd.at["Bappeda", "di_daftar"]


def test_urusan_coverage(result, inovasi, fw):
    p = result.pemda.iloc[0]
    assert p["urusan_dasar_tercakup"] == 5 and p["syarat_urusan_terpenuhi"]
    assert p["urusan_dasar_kurang"] == "ketenteraman dan ketertiban umum serta pelindungan masyarakat"
    fewer = inovasi[inovasi["urusan"] != "pendidikan"]
    r = run_check(fewer, fw, today=TODAY)
    p = r.pemda.iloc[0]
    assert p["urusan_dasar_tercakup"] == 4 and not p["syarat_urusan_terpenuhi"]
    assert "pendidikan" in p["urusan_dasar_kurang"]
    assert (r.rekomendasi["jenis"] == "tambah").any()


def test_pemda_projection_and_deadline(result, fw):
    p = result.pemda.iloc[0]
    assert p["n_dihitung"] == 18 and p["pembagi_minimum"] == fw.divisor_floor
    assert p["kurang_dari_pembagi"] == 0
    assert p["sisa_hari"] == 22
    assert np.isnan(p["skor_iid"])  # no SPD and no earlier results: not projected


def test_rank_against_previous_cycle(inovasi, fw):
    hasil = pd.DataFrame({"tahun": [2025] * 4 + [2024] * 4,
                          "kode_wilayah": ["19.71", "17.71", "13.71", "13.72"] * 2,
                          "skor_iid": [50.0, 90.0, 10.0, 20.0, 48.0, 85.0, 12.0, 20.0],
                          "skor_spd": [40.0, 50.0, 10.0, 10.0] * 2})
    r = run_check(inovasi, fw, hasil=hasil, hasil_source="user", today=TODAY, seed=1)
    p = r.pemda.iloc[0]
    assert p["sumber_spd"] == "hasil 2025" and p["skor_spd"] == 40.0
    assert p["peringkat_proyeksi"] == 2 and p["jumlah_pembanding"] == 4
    assert 0 <= p["p_top10"] <= 1
    assert p["p_top10"] == 1.0  # only three others: always in the top 10


def test_recommendations(result, fw):
    rec = result.rekomendasi
    leave = rec[rec["jenis"] == "keluarkan"]
    assert list(leave["id_inovasi"]) == ["P07", "P06"]  # the one that hurts most first
    raise_ = rec[rec["jenis"] == "naikkan"]
    assert raise_["tambahan_iid"].is_monotonic_decreasing
    top = raise_.iloc[0]
    w = fw.sid_weights[top["indikator"]]
    assert top["tambahan_iid"] == pytest.approx(w * 100 / fw.total_max / max(fw.divisor_floor, 18))
    chase = rec[rec["jenis"] == "kejar_opd"]
    assert set(chase["opd"]) == {"Satpol PP", "Dinas Pariwisata", "Bappeda",
                                 "Dinas Kependudukan dan Pencatatan Sipil"}


def test_recommend_empty_portfolio(fw):
    empty = check_innovations(pd.DataFrame(columns=["tahun", "kode_wilayah", "id_inovasi",
                                                    "nama_inovasi", "opd", "tahapan"]), fw)
    assert recommend(empty, pd.DataFrame(columns=["kurang_dari_pembagi"]),
                     check_opd(empty), fw).empty


# -- command line -------------------------------------------------------------------------
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
    assert summary["sumber_pembanding"] == "data demo (sintetis)"
    assert summary["masalah_per_kode"]["DUPLIKAT"] == 2
    assert summary["pemda"][0]["peringkat_proyeksi"] is not None


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


# -- property: the break-even flag is exact, whatever the portfolio ----------------------

_URUSAN = ["pendidikan", "kesehatan", "pupr", "perkim", "trantibum", "sosial", "pariwisata"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.sampled_from(_URUSAN)),
                min_size=1, max_size=25))
def test_break_even_flag_matches_removal(rows):
    fw = load_framework(2026)
    n = len(rows)
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                       "id_inovasi": [f"i{k}" for k in range(n)],
                       "nama_inovasi": [f"inovasi nomor {k} " + "abcdefghij"[k % 10] * (k + 1)
                                        for k in range(n)],
                       "opd": "Dinas X", "tahapan": "penerapan",
                       "urusan": [r[2] for r in rows]})
    for j, c in enumerate(fw.sid_columns):
        df[c] = [r[j % 2] for r in rows]
    out = check_innovations(df, fw)
    spd = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "spd_1": [3]})
    base = score_regions(out, spd, fw)["skor_iid"].iloc[0]
    for i in out.index:
        without = out.copy()
        without.loc[i, "dihitung"] = False
        delta = base - score_regions(without, spd, fw)["skor_iid"].iloc[0]
        assert out.at[i, "perubahan_iid"] == pytest.approx(delta, abs=1e-9)
        assert out.at[i, "m_DI_BAWAH_IMPAS"] == (delta < -1e-9)
