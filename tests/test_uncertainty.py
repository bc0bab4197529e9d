"""Tests of inovlab.analysis.uncertainty (rank uncertainty Monte Carlo)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inovlab.analysis.uncertainty import (
    observed_changes,
    rank_uncertainty,
    region_claims,
)
from inovlab.errors import UsageError
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score

FW = load_framework(2026)
URUSAN = ["pendidikan", "kesehatan", "sosial", "pekerjaan umum dan penataan ruang",
          "perumahan rakyat dan kawasan permukiman", "pariwisata"]


def _panel(n_regions=24, seed=3):
    """Small synthetic cycle: two clusters, 3-20 innovations per region, some not counted."""
    rng = np.random.default_rng(seed)
    codes = [f"99.{i:02d}" for i in range(n_regions)]
    skill = rng.uniform(0.2, 0.95, n_regions)
    n = rng.integers(3, 20, n_regions)
    rid = np.repeat(np.arange(n_regions), n)
    inov = pd.DataFrame(rng.binomial(3, skill[rid][:, None], (len(rid), 20)),
                        columns=FW.sid_columns)
    inov.insert(0, "urusan", rng.choice(URUSAN, len(rid)))
    inov.insert(0, "tahapan", np.where(rng.random(len(rid)) < 0.9, "penerapan", "uji coba"))
    inov.insert(0, "kode_wilayah", np.array(codes)[rid])
    inov.insert(0, "tahun", 2026)
    spd = pd.DataFrame(rng.binomial(3, skill[:, None], (n_regions, 20)), columns=FW.spd_columns)
    spd.insert(0, "kode_wilayah", codes)
    spd.insert(0, "tahun", 2026)
    jenis = {c: ("kota" if i % 3 == 0 else "kabupaten") for i, c in enumerate(codes)}
    return inov, spd, jenis


@pytest.fixture(scope="module")
def panel():
    return _panel()


def test_claims_match_scoring(panel):
    inov, spd, jenis = panel
    claims = region_claims(inov, spd, jenis=jenis)
    regions, _ = score(inov, spd)
    expected = regions.set_index("kode_wilayah")["skor_iid"].reindex(claims.table["kode_wilayah"])
    np.testing.assert_allclose(claims.table["skor_iid"], expected.to_numpy(), rtol=0, atol=1e-9)
    np.testing.assert_allclose(claims.iid(), expected.to_numpy(), rtol=0, atol=1e-9)


def test_same_seed_same_result(panel):
    inov, spd, jenis = panel
    kw = dict(jenis=jenis, yoy_changes=[-3.0, 0.0, 4.0], downgrade_prob=0.2,
              weight_noise=0.2, n_draws=700)
    a = rank_uncertainty(inov, spd, seed=5, **kw)
    b = rank_uncertainty(inov, spd, seed=5, **kw)
    c = rank_uncertainty(inov, spd, seed=6, **kw)
    pd.testing.assert_frame_equal(a, b)
    assert not a["iid_median"].equals(c["iid_median"])


def test_zero_risk_reproduces_deterministic_rank(panel):
    inov, spd, jenis = panel
    out = rank_uncertainty(inov, spd, jenis=jenis, downgrade_prob=0.0, n_draws=300)
    for col in ("peringkat_median", "peringkat_p05", "peringkat_p95"):
        assert (out[col] == out["peringkat"]).all()
    np.testing.assert_allclose(out["iid_median"], out["skor_iid"], atol=1e-9)
    assert ((out["p_top_k"] == 1.0) == (out["peringkat"] <= 10)).all()
    assert out["p_top_k"].isin([0.0, 1.0]).all()
    # Deterministic rank: 1 + regions of the same cluster with a higher IID.
    for _, g in out.groupby("jenis"):
        expected = g["skor_iid"].rank(ascending=False, method="min").astype(int)
        assert (g["peringkat"] == expected).all()


@pytest.mark.parametrize("downgrade", ["satu", "nol"])
def test_probability_one_gives_the_floor(panel, downgrade):
    inov, spd, jenis = panel
    out = rank_uncertainty(inov, spd, jenis=jenis, downgrade_prob=1.0, downgrade=downgrade,
                           n_draws=200)
    floor_inov, floor_spd = inov.copy(), spd.copy()
    if downgrade == "satu":
        floor_inov[FW.sid_columns] = (inov[FW.sid_columns] - 1).clip(lower=0)
        floor_spd[FW.spd_columns] = (spd[FW.spd_columns] - 1).clip(lower=0)
    else:
        floor_inov[FW.sid_columns] = 0
        floor_spd[FW.spd_columns] = 0
    floor, _ = score(floor_inov, floor_spd)
    expected = floor.set_index("kode_wilayah")["skor_iid"].reindex(out["kode_wilayah"])
    for col in ("iid_median", "iid_p05", "iid_p95"):
        np.testing.assert_allclose(out[col], expected.to_numpy(), atol=1e-9)


def test_probabilities_within_bounds(panel):
    inov, spd, jenis = panel
    for prob, noise in [(0.0, 0.0), (0.3, 0.0), (0.5, 0.4), (1.0, 0.2)]:
        out = rank_uncertainty(inov, spd, jenis=jenis, downgrade_prob=prob, weight_noise=noise,
                               yoy_changes=[-5.0, 5.0], n_draws=200)
        for col in ("p_top_k", "p_sangat_inovatif"):
            assert out[col].between(0, 1).all()
        assert (out["peringkat_p05"] <= out["peringkat_median"]).all()
        assert (out["peringkat_median"] <= out["peringkat_p95"]).all()
        assert (out["peringkat_p95"] <= out["n_klaster"]).all()
        # every region moves too (changes of -5 or +5), so the IID can rise by 5 at most
        assert (out["iid_p95"] <= out["skor_iid"] + 5 + 1e-9).all() or noise > 0


def test_risk_lowers_iid_monotonically(panel):
    inov, spd, jenis = panel
    med = [rank_uncertainty(inov, spd, jenis=jenis, downgrade_prob=p, n_draws=400)["iid_median"]
           for p in (0.0, 0.2, 0.6)]
    assert (med[0] >= med[1] - 1e-9).all() and (med[1] >= med[2] - 1e-9).all()


def test_fast_agrees_with_naive_rescoring(panel):
    inov, spd, jenis = panel
    kw = dict(jenis=jenis, yoy_changes=[-4.0, 0.0, 3.0], downgrade_prob=0.3, downgrade="nol")
    fast = rank_uncertainty(inov, spd, n_draws=3000, **kw)
    naive = rank_uncertainty(inov, spd, n_draws=300, method="naive", **kw)
    assert np.abs(fast["iid_median"] - naive["iid_median"]).max() < 1.0
    assert np.abs(fast["p_top_k"] - naive["p_top_k"]).max() < 0.2


def test_weight_noise_agrees_with_naive_rescoring(panel):
    inov, spd, jenis = panel
    kw = dict(jenis=jenis, downgrade_prob=0.0, weight_noise=0.3)
    fast = rank_uncertainty(inov, spd, n_draws=3000, **kw)
    naive = rank_uncertainty(inov, spd, n_draws=200, method="naive", **kw)
    assert np.abs(fast["iid_median"] - naive["iid_median"]).max() < 1.0
    assert np.abs(fast["iid_p95"] - fast["iid_p05"]).min() > 0   # the noise is felt


def test_region_and_cluster_selection(panel):
    inov, spd, jenis = panel
    one = rank_uncertainty(inov, spd, jenis=jenis, region="99.03", n_draws=100)
    assert one["kode_wilayah"].tolist() == ["99.03"]
    kota = rank_uncertainty(inov, spd, jenis=jenis, cluster="kota", n_draws=100)
    assert set(kota["jenis"]) == {"kota"} and len(kota) == 8
    with pytest.raises(UsageError):
        rank_uncertainty(inov, spd, jenis=jenis, region="tidak ada", n_draws=10)
    with pytest.raises(UsageError):
        rank_uncertainty(inov, spd, jenis=jenis, downgrade_prob=1.5, n_draws=10)


def _identical(n=30):
    """``n`` regions of one cluster with exactly the same claims."""
    inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": np.repeat([f"99.{i:02d}" for i in
                                                                  range(n)], 12),
                         "tahapan": "penerapan", "urusan": "pendidikan"})
    for i, col in enumerate(FW.sid_columns):
        inov[col] = 1 + i % 3
    spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": [f"99.{i:02d}" for i in range(n)],
                        **{c: 2 for c in FW.spd_columns}})
    return inov, spd, {f"99.{i:02d}": "kota" for i in range(n)}


@pytest.mark.parametrize("moves", [False, True])
def test_symmetric_field_gives_k_over_n(moves):
    """30 identical regions: verification risk (and moves) hit all alike, so P(top 10) = 1/3."""
    inov, spd, jenis = _identical()
    changes = np.linspace(-5, 5, 41) if moves else None
    out = rank_uncertainty(inov, spd, jenis=jenis, region="99.07", downgrade_prob=0.2,
                           yoy_changes=changes, n_draws=20_000, seed=4)
    p = float(out["p_top_k"].iloc[0])
    se = np.sqrt(p * (1 - p) / 20_000)
    assert abs(p - 1 / 3) < 4 * se
    assert out["peringkat_p05"].iloc[0] < out["peringkat_p95"].iloc[0]


def test_observed_changes_consecutive_only():
    h = pd.DataFrame({"tahun": [2023, 2025, 2024, 2025], "kode_wilayah": ["a", "a", "b", "b"],
                      "skor_iid": [40.0, 50.0, 30.0, 33.0]})
    assert observed_changes(h).tolist() == [3.0]
    assert observed_changes(h, tahun=2024).tolist() == []


def _direct_ranks(field, clusters, focal, u):
    """Rank by direct counts on published (2-decimal) IIDs: 1 + higher + floor(u (level + 1))."""
    pub = np.rint(field * 100)
    mine = pub[:, focal][:, :, None]
    same = (clusters[None, focal, None] == clusters[None, None, :])
    higher = ((pub[:, None, :] > mine) & same).sum(axis=2)
    level = ((pub[:, None, :] == mine) & same).sum(axis=2) - 1
    return 1 + higher + np.floor(u * (level + 1)).astype(int)


@given(st.integers(1, 40), st.integers(1, 30), st.integers(0, 2 ** 32 - 1))
@example(n=1, draws=1, seed=0)
@example(n=40, draws=3, seed=7)
@settings(max_examples=60, deadline=None)
def test_ranks_in_field_equal_direct_counts(n, draws, seed):
    # Few distinct values (many ties, some only equal once published) in up to 3 clusters.
    from types import SimpleNamespace

    from inovlab.analysis.uncertainty import _ranks_in_field
    rng = np.random.default_rng(seed)
    field = rng.choice([0.0, 12.344, 12.34, 12.336, 50.0, 50.005, 99.999, 100.0], (draws, n))
    clusters = rng.choice(["kota", "kabupaten", "provinsi"], n)
    focal = np.flatnonzero(rng.random(n) < 0.6) if n > 1 else np.arange(1)
    setup = SimpleNamespace(claims=SimpleNamespace(table=pd.DataFrame({"jenis": clusters})),
                            focal=focal)
    got = _ranks_in_field(field, setup, np.random.default_rng(seed))
    u = np.random.default_rng(seed).random((draws, len(focal)))
    np.testing.assert_array_equal(got, _direct_ranks(field, clusters, focal, u))


def test_count_from_sorted_rows_matches_a_full_count():
    from inovlab.analysis.uncertainty import _count_from
    rows = np.sort(np.random.default_rng(0).choice([1.0, 2.0, 2.0, 3.0, np.nan], (50, 33)),
                   axis=1)
    for cut in (0.5, 1.0, 2.0, 2.5, 3.0, 4.0):
        got = _count_from(rows, lambda x, c=cut: ~(x < c)) - _count_from(rows, np.isnan)
        np.testing.assert_array_equal(got, np.count_nonzero(rows >= cut, axis=1))


def test_ranks_in_field_with_many_clusters_use_wide_keys():
    # 300 clusters x 10,002 published values x 1,024 regions do not fit in int32 keys.
    from types import SimpleNamespace

    from inovlab.analysis.uncertainty import _ranks_in_field, _sorted_keys
    rng = np.random.default_rng(5)
    n = 1000
    clusters = np.array([f"c{i}" for i in rng.integers(0, 300, n)])
    field = np.round(rng.uniform(0, 100, (2, n)), 1)
    setup = SimpleNamespace(claims=SimpleNamespace(table=pd.DataFrame({"jenis": clusters})),
                            focal=np.arange(n))
    assert _sorted_keys(field, pd.factorize(clusters)[0], 10).dtype == np.int64
    got = _ranks_in_field(field, setup, np.random.default_rng(1))
    u = np.random.default_rng(1).random((2, n))
    np.testing.assert_array_equal(got, _direct_ranks(field, clusters, np.arange(n), u))
