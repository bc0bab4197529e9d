"""Tests of inovlab.analysis.rank_model (the one rank model)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inovlab.analysis.claims import region_claims
from inovlab.analysis.field import comparison_field
from inovlab.analysis.rank_model import (
    ChangeModel,
    RankSettings,
    field_outlook,
    outlook,
    point_rank,
    published,
    rank_entry,
    target_cycle,
)
from inovlab.errors import UsageError
from inovlab.rules.framework import load_framework

FW = load_framework(2026)


def _regressing_changes(n=400, seed=0):
    """Observed changes that regress to the mean: high starters fall, low ones rise."""
    rng = np.random.default_rng(seed)
    start = rng.uniform(20, 90, n)
    return ChangeModel.from_pairs(start, -0.4 * (start - 55) + rng.normal(0, 3, n))


@pytest.mark.parametrize("n, k", [(30, 10), (12, 3), (50, 10)])
def test_symmetric_field_gives_k_over_n(n, k):
    m = ChangeModel.from_pairs(np.linspace(40, 60, 60), np.linspace(-6, 6, 60))
    o = outlook(np.full(n - 1, 50.0), 50.0, own_is_claim=False, steps=1, changes=m,
                settings=RankSettings(n_draws=20_000, top_k=k, seed=3))
    p, se = o.p_top_k()
    assert abs(p - k / n) < 4 * se
    assert se <= 0.005


def test_identical_scores_that_do_not_move_share_the_chances():
    """Ties broken at random: five regions level with the own one, top 3 -> 3/6."""
    o = outlook(np.full(5, 50.0), 50.0, own_is_claim=False, steps=0, changes=None,
                settings=RankSettings(n_draws=4000, top_k=3))
    assert o.p_top_k()[0] == pytest.approx(0.5)
    ranks = o.ranks()
    assert ranks.min() == 1 and ranks.max() == 6


def test_conditional_draws_come_from_similar_levels():
    m = _regressing_changes()
    rng = np.random.default_rng(1)
    high = m.move(np.full(5000, 85.0), rng) - 85.0
    low = m.move(np.full(5000, 25.0), rng) - 25.0
    assert high.mean() < -8 and low.mean() > 8           # regression to the mean kept
    flat = m.unconditional()
    high_flat = flat.move(np.full(5000, 85.0), rng) - 85.0
    assert abs(high_flat.mean()) < 2                      # ignoring the level loses it
    assert m.correlation < -0.8


def test_level_choice_is_reported_and_matters():
    """The 10th of a regressing field: conditioning on the level changes P(top 10)."""
    m = _regressing_changes()
    field = np.linspace(90, 30, 40)
    own, rivals = field[9], np.delete(field, 9)
    o = outlook(rivals, own, own_is_claim=False, steps=1, changes=m)
    p = o.p_top_k()[0]
    assert o.p_top_k_unconditional is not None
    assert abs(p - o.p_top_k_unconditional) > 0.05


def test_point_rank_compares_published_scores():
    assert point_rank(61.004, [61.0, 61.006, 70.0]) == 3    # 61.00 ties, 61.01 is above
    assert published([99.995]).tolist() == [10000.0]


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=30),
       st.floats(0, 100, allow_nan=False))
@example([61.005], 61.004)
@example([50.0, 50.0], 50.0)
@settings(max_examples=60, deadline=None)
def test_point_rank_is_one_plus_higher_published(others, score):
    expected = 1 + sum(round(o * 100) > round(score * 100) for o in others)
    assert point_rank(score, others) == expected


def test_own_claims_lose_points_to_verification():
    inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71", "tahapan": "penerapan",
                         "urusan": "pendidikan", **{c: [2] * 15 for c in FW.sid_columns}})
    spd = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"],
                        **{c: [2] for c in FW.spd_columns}})
    claims = region_claims(inov, spd, 2026, FW, jenis={"19.71": "kota"})
    own = float(claims.iid()[0])
    rivals = np.full(20, own - 0.5)
    o = outlook(rivals, own, own_is_claim=True, steps=0, changes=None, claims=claims,
                settings=RankSettings(n_draws=5000, downgrade_prob=0.1))
    assert (o.own <= own + 1e-9).all() and o.own.mean() < own - 0.5
    s = o.summary(si_cutoff=own - 1)
    assert 0 < s["p_sangat_inovatif"] < 1 and s["peluang_turun_level"] == 0.1
    none = outlook(rivals, own, own_is_claim=True, steps=0, changes=None, claims=claims,
                   settings=RankSettings(n_draws=500, downgrade_prob=0.0))
    assert none.summary()["median"] == 1 and none.loss is None


def test_chance_is_monotone_in_the_score():
    m = _regressing_changes()
    o = outlook(np.linspace(30, 90, 60), 55.0, own_is_claim=True, steps=1, changes=m,
                settings=RankSettings(n_draws=3000))
    p = o.chance([40, 55, 70, 85, 99])
    assert (np.diff(p) >= 0).all() and p[0] < p[-1]
    assert o.chance([55.0])[0] == pytest.approx(o.p_top_k()[0])   # at its own score
    delta, se = o.chance_gain([0.0, 10.0, 30.0])
    assert delta[0] == 0 and (np.diff(delta) >= 0).all() and (se >= 0).all()


def _hasil(years, scores):
    codes = ["19.01", "19.02", "19.03", "19.04", "19.05", "19.06", "19.71"]
    return pd.DataFrame({"tahun": np.repeat(years, len(codes)),
                         "kode_wilayah": codes * len(years), "skor_iid": scores})


def test_field_outlook_targets():
    rng = np.random.default_rng(2)
    h = _hasil([2024, 2025], rng.uniform(30, 80, 14))
    changes = ChangeModel.from_hasil(h)
    earlier = comparison_field(h, "19.71", 2026, source="user")       # 2025 field, 2026 cycle
    assert target_cycle(earlier, 2026) == 2026
    o = field_outlook(earlier, 2026, 60.0, changes=changes, settings=RankSettings(n_draws=500))
    assert o.steps == 1 and (o.own == 60.0).all()                      # no claims: no loss
    same = comparison_field(h, "19.71", 2025, source="user")          # own 2025 result known
    assert target_cycle(same, 2025) == 2026
    o = field_outlook(same, 2025, None, changes=changes, settings=RankSettings(n_draws=500))
    assert o.steps == 1 and o.own.std() > 0                            # own moves too
    assert field_outlook(earlier, 2026, 60.0, changes=None) is None


def test_rank_entry_keys_and_order():
    rng = np.random.default_rng(5)
    h = _hasil([2023, 2024, 2025], rng.uniform(30, 80, 21))
    f = comparison_field(h, "19.71", 2026, source="user")
    e = rank_entry(f, 2026, 58.0, changes=ChangeModel.from_hasil(h), si_cutoff=65.01)
    contract = {"bidang", "n_bidang", "saat_ini", "proyeksi", "median", "p05", "p95",
                "p_top_k", "top_k", "mc_se", "n_draws", "sumber"}
    assert contract <= set(e)
    assert e["p05"] <= e["median"] <= e["p95"] and e["n_draws"] == 20_000
    assert e["mc_se"] <= 0.005
    assert e["proyeksi"] == f.rank_of(58.0)
    assert rank_entry(None, 2026, 58.0) is None


def test_settings_are_checked():
    with pytest.raises(UsageError):
        RankSettings(downgrade_prob=1.5)
    with pytest.raises(UsageError):
        RankSettings(top_k=0)
