"""Tests of inovlab.analysis.planner (least-cost plan as an integer program)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.planner import PLAN_COLUMNS, load_costs, plan_target
from inovlab.analysis.scenarios import kematangan_levels
from inovlab.errors import DataError, UsageError
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score

FW = load_framework(2026)


def _tiny():
    """Region 'a': 4 innovations on 4 basic urusan (coverage 5 needs a 'sosial' one)."""
    inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": "a", "tahapan": "penerapan",
                         "id_inovasi": ["i1", "i2", "i3", "i4"],
                         "urusan": ["pendidikan", "kesehatan", "pekerjaan umum dan penataan ruang",
                                    "perumahan rakyat dan kawasan permukiman"]})
    for col in FW.sid_columns:
        inov[col] = 2
    inov["ind_33"] = [1, 3, 0, 2]
    inov["ind_35"] = [2, 2, 3, 1]
    spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"]})
    for col in FW.spd_columns:
        spd[col] = 2
    spd["spd_12"] = 1
    spd["spd_1"] = 2
    costs = pd.DataFrame({"indikator": ["spd_12", "spd_1", "ind_33", "ind_35", "inovasi_baru"],
                          "biaya_per_langkah": [5, 3, 2, 4, 7],
                          "dapat_diubah": ["ya"] * 5})
    return inov, spd, costs


def _iid(inov, spd):
    regions, _ = score(inov, spd)
    return float(regions["skor_iid"].iloc[0])


@pytest.fixture(scope="module")
def brute():
    """Every combination of changes, scored with inovlab.rules.scoring: (cost, iid)."""
    inov, spd, costs = _tiny()
    c = dict(zip(costs["indikator"], costs["biaya_per_langkah"], strict=True))
    extra_levels = kematangan_levels(30, FW).astype(int)
    out = []
    for x12, x1, z33, z35, a in itertools.product(range(3), range(2), range(6), range(3),
                                                  range(3)):
        i2, s2 = inov.copy(), spd.copy()
        s2["spd_12"] += x12
        s2["spd_1"] += x1
        for col, z in (("ind_33", z33), ("ind_35", z35)):
            lev = i2[col].to_numpy().copy()
            for _ in range(z):          # any spread of the steps gives the same score
                j = int(np.argmin(np.where(lev < 3, lev, 99)))
                lev[j] += 1
            i2[col] = lev
        if a:
            new = pd.DataFrame(np.repeat(extra_levels[None, :], a, axis=0),
                               columns=FW.sid_columns)
            new["tahun"], new["kode_wilayah"], new["tahapan"] = 2026, "a", "penerapan"
            new["urusan"] = "sosial"
            i2 = pd.concat([i2, new], ignore_index=True)
        cost = 5 * x12 + 3 * x1 + 2 * z33 + 4 * z35 + 7 * a
        assert cost == c["spd_12"] * x12 + c["spd_1"] * x1 + c["ind_33"] * z33 + \
            c["ind_35"] * z35 + c["inovasi_baru"] * a
        out.append((cost, _iid(i2, s2)))
    return np.array(out)


@pytest.mark.parametrize("extra", [0.3, 1.0, 2.0, 3.5, 5.0])
def test_milp_matches_brute_force(brute, extra):
    inov, spd, costs = _tiny()
    target = _iid(inov, spd) + extra
    ok = brute[:, 1] >= target - 1e-9
    plan = plan_target(inov, spd, "a", target_iid=target, costs=costs, kematangan_baru=30,
                       urusan_baru="sosial", max_baru=2)
    if not ok.any():
        assert not plan.tercapai
        return
    assert plan.tercapai
    expected = brute[ok, 0].min()
    summary = plan.ringkasan.iloc[0]
    assert summary["total_biaya"] == pytest.approx(expected)
    assert plan.rencana["biaya"].sum() == pytest.approx(expected)
    # The plan, applied and re-scored, reaches the target; the IID gains add up.
    assert summary["skor_iid_baru"] >= target - 1e-9
    assert _iid(plan.inovasi, plan.spd) == pytest.approx(summary["skor_iid_baru"])
    assert plan.rencana["tambahan_iid"].sum() == pytest.approx(
        summary["skor_iid_baru"] - summary["skor_iid_awal"])
    assert plan.rencana.columns.tolist() == PLAN_COLUMNS


def test_infeasible_target_is_reported_not_raised():
    inov, spd, costs = _tiny()
    plan = plan_target(inov, spd, "a", target_iid=95.0, costs=costs)
    assert not plan.tercapai
    assert "tidak dapat dicapai" in plan.pesan
    assert plan.rencana.empty
    best = plan.ringkasan["iid_maksimum"].iloc[0]
    assert best < 95.0
    # The maximum is the IID with every allowed step taken.
    top_inov, top_spd = inov.copy(), spd.copy()
    top_inov[["ind_33", "ind_35"]] = 3
    top_spd[["spd_12", "spd_1"]] = 3
    assert best == pytest.approx(_iid(top_inov, top_spd))
    english = plan_target(inov, spd, "a", target_iid=95.0, costs=costs, lang="en")
    assert "cannot be reached" in english.pesan


def test_target_already_met():
    inov, spd, costs = _tiny()
    plan = plan_target(inov, spd, "a", target_iid=1.0, costs=costs)
    assert plan.tercapai and plan.rencana.empty
    assert plan.ringkasan["total_biaya"].iloc[0] == 0


def test_rank_and_sangat_inovatif_targets():
    inov, spd, costs = _tiny()
    hasil = pd.DataFrame({"tahun": 2025, "kode_wilayah": ["a", "b", "c", "d"],
                          "jenis": "kota", "skor_iid": [10.0, 42.0, 27.5, 20.0]})
    plan = plan_target(inov, spd, "a", target_peringkat=2, hasil=hasil, costs=costs)
    summary = plan.ringkasan.iloc[0]
    assert summary["target_iid"] == 27.5        # second highest of the others (2025)
    assert summary["peringkat_awal"] == 3
    assert summary["peringkat_baru"] == 2 and summary["skor_iid_baru"] >= 27.5
    si = plan_target(inov, spd, "a", sangat_inovatif=True, costs=costs)
    assert si.ringkasan["target_iid"].iloc[0] == FW.cutoffs["Sangat Inovatif"]
    with pytest.raises(UsageError):
        plan_target(inov, spd, "a", costs=costs)


def test_default_cost_table_is_valid_and_documented():
    costs = load_costs(framework=FW)
    assert set(FW.spd_columns) | set(FW.sid_columns) | {"inovasi_baru"} == set(costs.index)
    assert (costs["biaya_per_langkah"] >= 0).all()
    bad = pd.DataFrame({"indikator": ["ind_99", "spd_1"], "biaya_per_langkah": ["x", "-1"]})
    with pytest.raises(DataError) as err:
        load_costs(bad, FW)
    assert len(err.value.problems) == 3
