"""Tests of the per-pemda submission check (inovlab.analysis.pemda_check), through run_check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.innovation_check import check_innovations
from inovlab.analysis.pemda_check import PEMDA_COLUMNS, check_pemda, previous_results
from inovlab.analysis.readiness import read_opd_list, run_check
from inovlab.io.validation import load_table
from inovlab.rules.framework import load_framework

DATA = Path(__file__).parent / "data" / "readiness"
INOVASI = DATA / "inovasi_kota.csv"
OPD_LIST = DATA / "opd.txt"
TODAY = dt.date(2026, 11, 23)


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
    assert p["bidang"] == "4 kota dalam berkas Anda 2025" and p["n_bidang"] == 4
    assert p["tahun_pembanding"] == 2025
    assert "siklus 2025, bukan 2026" in p["catatan_peringkat"]


def test_previous_results_without_earlier_cycle():
    h = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "skor_iid": [50.0]})
    results, year = previous_results(h, 2026)
    assert year is None and results.empty


OLD_COLUMNS = ["tahun", "kode_wilayah", "nama_daerah", "jenis", "n_diajukan", "n_dihitung",
               "pembagi_minimum", "kurang_dari_pembagi", "urusan_dasar_tercakup",
               "urusan_minimum", "urusan_dasar_kurang", "syarat_urusan_terpenuhi", "skor_spd",
               "sumber_spd", "kematangan_per_inovasi", "rata_kematangan",
               "skor_jumlah_inovasi", "skor_sid", "skor_iid", "predikat", "skor_impas",
               "tahun_pembanding", "jumlah_pembanding", "peringkat_proyeksi",
               "peringkat_median", "peringkat_p05", "peringkat_p95", "p_top10",
               "p_sangat_inovatif", "tenggat", "sisa_hari", "keyakinan_aturan"]
BABEL = ["19.01", "19.02", "19.03", "19.04", "19.05", "19.06", "19.71"]


def test_columns_only_added():
    assert PEMDA_COLUMNS[:len(OLD_COLUMNS)] == OLD_COLUMNS
    assert PEMDA_COLUMNS[len(OLD_COLUMNS):] == ["bidang", "n_bidang", "catatan_peringkat",
                                                "galat_p_top10", "n_simulasi"]


def test_partial_province_list_of_an_earlier_cycle(inovasi, fw):
    """7 Bangka Belitung kab/kota with scores for 2024 only: the field is named and used."""
    scores = [61.5, 48.25, 55.0, 39.9, 70.1, 52.0, 58.3]
    hasil = pd.DataFrame({"tahun": 2024, "kode_wilayah": BABEL, "skor_iid": scores,
                          "skor_spd": 40.0})
    p = run_check(inovasi, fw, hasil=hasil, today=TODAY, seed=1).pemda.iloc[0]
    assert p["bidang"] == "7 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024"
    assert p["n_bidang"] == 7 and p["tahun_pembanding"] == 2024 and p["jumlah_pembanding"] == 7
    assert p["peringkat_proyeksi"] == 1 + sum(s > p["skor_iid"] for s in scores[:-1])
    assert "siklus 2024, bukan 2026" in p["catatan_peringkat"]
    # one cycle only: no observed changes, so no next-cycle range is invented
    assert all(pd.isna(p[c]) for c in ("peringkat_median", "peringkat_p05", "peringkat_p95"))


def test_predicates_only_leave_the_rank_empty(inovasi, fw):
    kota = ["19.71", "17.71", "13.71", "13.72", "11.71", "11.72"]
    hasil = pd.DataFrame({"tahun": 2025, "kode_wilayah": kota,
                          "predikat": ["Inovatif", "Sangat Inovatif", "Inovatif", "Inovatif",
                                       "Kurang Inovatif", "Sangat Inovatif"]})
    p = run_check(inovasi, fw, hasil=hasil, today=TODAY).pemda.iloc[0]
    assert p["bidang"] == "6 kota dalam berkas Anda 2025" and p["n_bidang"] == 6
    assert all(pd.isna(p[c]) for c in ("peringkat_proyeksi", "peringkat_median",
                                       "jumlah_pembanding", "p_top10"))
    note = p["catatan_peringkat"]
    assert "skor_iid" in note and "2 Sangat Inovatif, 3 Inovatif, 1 Kurang Inovatif" in note


def test_no_field_says_why(inovasi, fw):
    p = run_check(inovasi, fw, today=TODAY).pemda.iloc[0]
    assert p["catatan_peringkat"].startswith("Peringkat tidak dihitung: tidak ada tabel hasil")
    assert pd.isna(p["bidang"]) and pd.isna(p["peringkat_proyeksi"])
    own_only = pd.DataFrame({"tahun": [2025], "kode_wilayah": ["19.71"], "skor_iid": [50.0],
                             "skor_spd": [40.0]})
    p = run_check(inovasi, fw, hasil=own_only, today=TODAY).pemda.iloc[0]
    assert "tidak memuat pemda lain" in p["catatan_peringkat"] and "2026" in p["catatan_peringkat"]


def test_field_label_names_the_demo_source(inovasi, fw):
    from inovlab.sources.demo import load_demo

    hasil = load_demo(seed=2026).hasil
    checked = check_innovations(inovasi, fw)
    p = check_pemda(checked, fw, hasil=hasil, today=TODAY, hasil_source="demo", lang="en").iloc[0]
    # the same field as the notebooks: the latest results up to the cycle checked
    assert p["bidang"] == "98 cities in demo data (synthetic) 2026" and p["n_bidang"] == 98
    assert p["jumlah_pembanding"] == 98 and p["tahun_pembanding"] == 2026
