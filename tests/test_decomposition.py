"""Tests of the exact IID decomposition (inovlab.rules.decomposition)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inovlab.errors import UsageError
from inovlab.rules.decomposition import (
    decompose,
    indicator_catalogue,
    indicator_points,
    point_values,
    points_available,
    region_table,
)
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score

CODES = ["19.71", "19.01", "19.02", "19.03"]


def _panel(seed: int, cycle: int = 2026, n_max: int = 25):
    rng = np.random.default_rng(seed)
    fw = load_framework(cycle)
    n = rng.integers(0, n_max, len(CODES))
    owner = np.repeat(np.arange(len(CODES)), n)
    inovasi = pd.DataFrame({"tahun": cycle, "kode_wilayah": np.array(CODES)[owner],
                            "tahapan": rng.choice(["penerapan", "penerapan", "uji coba"],
                                                  len(owner)),
                            "urusan": rng.choice(["kesehatan", "pendidikan", "sosial",
                                                  "pekerjaan umum dan penataan ruang",
                                                  "perumahan rakyat dan kawasan permukiman",
                                                  "ketenteraman, ketertiban umum, dan "
                                                  "pelindungan masyarakat"], len(owner))})
    for c in fw.sid_columns:
        inovasi[c] = rng.integers(0, 4, len(owner))
    spd = pd.DataFrame({"tahun": cycle, "kode_wilayah": CODES})
    for c in fw.spd_columns:
        spd[c] = rng.integers(0, 4, len(CODES))
    return inovasi, spd


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), cycle=st.sampled_from([2023, 2025, 2026]))
def test_points_sum_exactly_to_the_iid(seed, cycle):
    inovasi, spd = _panel(seed, cycle)
    table = region_table(inovasi, spd, cycle)
    points = indicator_points(table)
    np.testing.assert_allclose(points.sum(axis=1), table["skor_iid"], atol=1e-9)
    parts = decompose(table)
    np.testing.assert_allclose(parts[["poin_spd", "poin_kematangan", "poin_jumlah_inovasi"]]
                               .sum(axis=1), table["skor_iid"], atol=1e-9)
    # the SID indicator points add up to the averaged kematangan part
    fw = load_framework(cycle)
    np.testing.assert_allclose(points[fw.sid_columns].sum(axis=1), parts["poin_kematangan"],
                               atol=1e-9)


def test_region_table_matches_the_scoring_engine():
    inovasi, spd = _panel(3)
    table = region_table(inovasi, spd, 2026)
    regions, _ = score(inovasi, spd)
    merged = table.merge(regions, on=["tahun", "kode_wilayah"], suffixes=("", "_engine"))
    np.testing.assert_allclose(merged["skor_iid"], merged["skor_iid_engine"])
    assert set(table["jenis"]) <= {"kota", "kabupaten"}
    # mean SID level over counted innovations
    counted = inovasi[inovasi["tahapan"] == "penerapan"]
    expected = counted.groupby("kode_wilayah")["ind_35"].mean()
    got = table.set_index("kode_wilayah")["ind_35"]
    np.testing.assert_allclose(got.reindex(expected.index), expected)


def test_decompose_long_sums_per_region():
    inovasi, spd = _panel(5)
    table = region_table(inovasi, spd, 2026)
    long = decompose(table, by="indicator")
    sums = long.groupby("kode_wilayah")["poin_iid"].sum()
    np.testing.assert_allclose(sums.reindex(table["kode_wilayah"]), table["skor_iid"])
    assert set(long["bagian"]) == {"spd", "kematangan", "jumlah_inovasi"}
    with pytest.raises(ValueError):
        decompose(table, by="wrong")


def test_point_values_below_the_divisor_floor():
    fw = load_framework(2026)
    table = pd.DataFrame({"tahun": [2026, 2026], "kode_wilayah": ["a", "b"],
                          "n_inovasi_dihitung": [6, 24], "syarat_urusan_terpenuhi": [True, True]})
    v = point_values(table, fw)
    w35 = fw.sid_weights["35"]
    assert v["ind_35"].tolist() == pytest.approx([w35 * 6 / 12 * 0.4, w35 * 0.4])
    assert v["spd_12"].tolist() == pytest.approx([fw.spd_weights["12"] * 0.4] * 2)


def test_points_available_one_region():
    inovasi, spd = _panel(7)
    table = region_table(inovasi, spd, 2026)
    fw = load_framework(2026)
    pa = points_available(table, "19.71").set_index("indikator")
    assert (pa["poin_iid_tersedia"] >= 0).all()
    level = table.set_index("kode_wilayah").loc["19.71", "spd_12"]
    assert pa.loc["spd_12", "poin_iid_tersedia"] == pytest.approx(
        fw.spd_weights["12"] * (3 - level) * 100 / fw.total_max)
    assert pa.loc["spd_12", "poin_maksimum"] == pytest.approx(3 * fw.spd_weights["12"] * 0.4)
    # by name too
    assert points_available(table, "Kota Pangkal Pinang").attrs["kode_wilayah"] == "19.71"
    with pytest.raises(UsageError):
        points_available(table, "Kota Bandung")


def test_catalogue_nominal_weights_sum_to_one():
    cat = indicator_catalogue(load_framework(2026))
    assert cat["bobot_nominal"].sum() == pytest.approx(1.0)
    assert cat["poin_maksimum"].sum() == pytest.approx(100.0)
    assert cat["nama_indikator"].notna().all()
