"""Tests of the per-pemda submission check (inovlab.analysis.pemda_check), through run_check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.pemda_check import previous_distribution
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


def test_previous_distribution_without_earlier_cycle():
    h = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "skor_iid": [50.0]})
    field, yoy, year = previous_distribution(h, 2026)
    assert year is None and field.empty and yoy.size == 0
