"""Tests of inovlab.rules.formula: hand-checked cases, and parity of every caller."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.claims import region_claims
from inovlab.analysis.planner import scores_with_new
from inovlab.analysis.scenarios import kematangan_levels
from inovlab.analysis.whatif import drop_scenarios
from inovlab.rules import formula
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score, urusan_position
from inovlab.sources.demo.generator import Year, covered_urusan, fast_iid, year_rules
from inovlab.sources.demo.panel import OPD_CATALOGUE

FW = load_framework(2026)


# -- hand-checked cases ---------------------------------------------------------------------

def test_hand_worked_region_2026():
    # 12 innovations all at level 3 (111 each), 6 basic urusan, SPD all level 3 (63):
    # 1332 / MAX(12, 12) = 111, jumlah 0.38 * 12 = 4.56, total 178.56, IID 71.424.
    t = formula.region_terms([63.0], [1332.0], [12], [6], FW)
    assert t["rata_kematangan"][0] == 111.0
    assert t["skor_jumlah_inovasi"][0] == pytest.approx(4.56)
    assert t["skor_total"][0] == pytest.approx(178.56)
    assert t["skor_iid"][0] == pytest.approx(71.424)
    assert formula.predikat(t["skor_iid"], FW).tolist() == ["Sangat Inovatif"]


def test_divisor_floor_and_urusan_rule():
    # Two innovations: the divisor is the floor (12), and 4 < 5 urusan switch jumlah off.
    t = formula.region_terms([0.0], [148.0], [2], [4], FW)
    assert t["rata_kematangan"][0] == pytest.approx(148 / 12)
    assert t["skor_jumlah_inovasi"][0] == 0.0
    assert t["kematangan_per_inovasi"][0] == 74.0
    # The cap: above 200 innovations the jumlah term stays 0.38 * 200.
    assert formula.jumlah_score([250], FW, True)[0] == pytest.approx(76.0)


def test_no_innovation_and_missing_spd():
    t = formula.region_terms([np.nan, 21.0], [0.0, 0.0], [0, 0], [0, 0], FW)
    assert np.isnan(t["kematangan_per_inovasi"]).all()
    assert np.isnan(t["skor_iid"][0]) and t["skor_iid"][1] == pytest.approx(21 / 2.5)
    assert formula.predikat(t["skor_iid"], FW).tolist() == ["", "Kurang Inovatif"]


def test_region_iid_is_region_terms_and_broadcasts_over_draws():
    spd, s, n, cov = np.array([40.0, 55.0]), np.array([500.0, 1332.0]), np.array([7, 12]), \
        np.array([5, 3])
    assert np.array_equal(formula.region_iid(spd, s, n, cov, FW),
                          formula.region_terms(spd, s, n, cov, FW)["skor_iid"])
    draws = formula.region_iid(np.stack([spd, spd + 1]), np.stack([s, s]), n, cov, FW)
    assert draws.shape == (2, 2)
    assert np.array_equal(draws[0], formula.region_iid(spd, s, n, cov, FW))


def test_rules_come_from_the_framework():
    for cycle in (2023, 2026, 2029):
        fw = load_framework(cycle)
        rules = formula.formula_rules(fw)
        assert rules.divisor_floor == fw.divisor_floor and rules.urusan_min == fw.urusan_min
        assert formula.divisor([1], fw)[0] == fw.divisor_floor
        assert formula.formula_rules(rules) is rules


def test_group_totals_and_coverage():
    s, n = formula.group_totals([1.0, 2.0, 4.0, 8.0], [0, 1, 1, 1], 3,
                                counted=[True, True, False, True])
    assert s.tolist() == [1.0, 10.0, 0.0] and n.tolist() == [1, 2, 0]
    covered = formula.basic_urusan_covered([0, 0, 1, 5, -1], [0, 0, 0, 1, 1], 2, 6,
                                           counted=[True, True, False, True, True])
    assert covered.tolist() == [1, 1]


# -- parity: every caller, the same tables, the same IID --------------------------------------

def _tables(n_regions=30, seed=11):
    """A small cycle whose urusan come from the demo's OPD catalogue (so the demo can read it)."""
    rng = np.random.default_rng(seed)
    codes = [f"98.{i:02d}" for i in range(n_regions)]
    n = rng.integers(1, 25, n_regions)
    n[0] = 0                                           # a region with SPD only
    rid = np.repeat(np.arange(n_regions), n)
    opd = rng.integers(0, len(OPD_CATALOGUE), len(rid))
    levels = rng.integers(0, 4, (len(rid), len(FW.sid_columns)))
    inov = pd.DataFrame(levels, columns=FW.sid_columns)
    inov.insert(0, "urusan", np.array([o[1] for o in OPD_CATALOGUE], dtype=object)[opd])
    inov.insert(0, "tahapan", np.where(rng.random(len(rid)) < 0.85, "penerapan", "uji coba"))
    inov.insert(0, "kode_wilayah", np.array(codes)[rid])
    inov.insert(0, "tahun", FW.cycle)
    spd = pd.DataFrame(rng.integers(0, 4, (n_regions, len(FW.spd_columns))),
                       columns=FW.spd_columns)
    spd.insert(0, "kode_wilayah", codes)
    spd.insert(0, "tahun", FW.cycle)
    return inov, spd, rid, opd, n


@pytest.fixture(scope="module")
def tables():
    return _tables()


@pytest.fixture(scope="module")
def reference(tables):
    inov, spd = tables[:2]
    regions, scored = score(inov, spd, FW)
    return regions.set_index("kode_wilayah"), scored


def test_demo_path_gives_the_scoring_iid(tables, reference):
    inov, spd, rid, opd, n = tables
    regions, _ = reference
    stage = np.where(inov["tahapan"].to_numpy() == "penerapan", 0, 1)
    y = Year(FW.cycle, FW, np.ones(len(spd), bool), n, rid, opd, stage,
             np.full(len(rid), np.datetime64("NaT"), dtype="datetime64[D]"), stage == 0,
             np.zeros(len(rid), bool), np.zeros(len(rid)), np.zeros(len(rid)))
    y.rules = year_rules(FW)
    y.covered = covered_urusan(y)
    got = fast_iid(y, 0.0, spd[FW.spd_columns].to_numpy(np.int8),
                   inov[FW.sid_columns].to_numpy(np.int8))
    assert np.array_equal(got, regions.loc[spd["kode_wilayah"], "skor_iid"].to_numpy())


def test_uncertainty_claims_give_the_scoring_iid(tables, reference):
    inov, spd = tables[:2]
    regions, _ = reference
    claims = region_claims(inov, spd, framework=FW, jenis={c: "kota" for c in spd.kode_wilayah})
    want = regions.loc[claims.table["kode_wilayah"], "skor_iid"].to_numpy()
    assert np.array_equal(claims.iid(), want)
    assert np.array_equal(claims.table["skor_iid"].to_numpy(), want)
    # One weight vector per draw: the nominal weights twice give the same IID twice.
    w_spd, w_sid = FW.spd_weights.to_numpy(), FW.sid_weights.to_numpy()
    draws = claims.iid(np.stack([w_spd, w_spd]), np.stack([w_sid, w_sid]))
    assert np.array_equal(draws, np.stack([want, want]))


def _region_arrays(inov, scored, code):
    mine = (inov["kode_wilayah"] == code).to_numpy() & scored["dihitung"].to_numpy()
    return (scored["skor_kematangan"].to_numpy(float)[mine],
            urusan_position(inov["urusan"], FW)[mine])


@pytest.mark.parametrize("code", ["98.00", "98.03", "98.07", "98.12"])
def test_whatif_drop_path_gives_the_scoring_iid(tables, reference, code):
    inov, spd = tables[:2]
    regions, scored = reference
    k_score, pos = _region_arrays(inov, scored, code)
    spd_score = regions.loc[code, "skor_spd"]
    # Half the innovations are candidates; k = 0 is the region as it is.
    half = np.arange(len(k_score)) % 2 == 0
    order, terms = drop_scenarios(k_score[half], pos[half], k_score[~half], pos[~half],
                                  spd_score, FW)
    assert terms["skor_iid"][0] == regions.loc[code, "skor_iid"]
    # k > 0 equals re-scoring the tables without the k lowest candidates.
    counted_rows = np.flatnonzero((inov["kode_wilayah"] == code).to_numpy()
                                  & scored["dihitung"].to_numpy())
    for k in range(1, len(order) + 1):
        dropped = counted_rows[np.flatnonzero(half)[order[:k]]]
        again, _ = score(inov.drop(index=inov.index[dropped]), spd, FW)
        want = again.set_index("kode_wilayah").loc[code, "skor_iid"]
        assert terms["skor_iid"][k] == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize("code", ["98.00", "98.05", "98.20"])
def test_planner_base_gives_the_scoring_iid(tables, reference, code):
    inov, spd = tables[:2]
    regions, scored = reference
    k_score, pos = _region_arrays(inov, scored, code)
    added = np.arange(4)
    base, _ = scores_with_new(added, float(regions.loc[code, "skor_spd"]), k_score.sum(),
                              len(k_score), pos, 60.0, 2, FW)
    assert formula.iid_from_total(base[0], FW) == regions.loc[code, "skor_iid"]
    # With a new innovations of kematangan 60 in basic urusan position 2.
    new_levels = kematangan_levels(60.0, FW).astype(int)
    for a in added[1:]:
        new = pd.DataFrame({"tahun": FW.cycle, "kode_wilayah": code, "tahapan": "penerapan",
                            "urusan": FW.basic_service_urusan[2]}, index=range(a))
        for col, lev in zip(FW.sid_columns, new_levels, strict=True):
            new[col] = lev
        again, _ = score(pd.concat([inov, new], ignore_index=True), spd, FW)
        want = again.set_index("kode_wilayah").loc[code, "skor_iid"]
        assert formula.iid_from_total(base[a], FW) == pytest.approx(want, abs=1e-12)

