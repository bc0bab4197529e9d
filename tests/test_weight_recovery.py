"""NNLS weight recovery (inovlab.analysis.weight_recovery) on data with known weights."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inovlab.analysis.weight_recovery import recover_weights
from inovlab.rules.decomposition import region_table
from inovlab.rules.framework import load_framework
from inovlab.testing import synthetic_panel

DECISIVE = ["ind_35", "ind_33", "spd_12", "ind_31", "spd_6"]


@pytest.fixture(scope="module")
def synthetic():
    panel = synthetic_panel(n_regions=250, decisive=DECISIVE, seed=11)
    return region_table(panel["inovasi"], panel["spd"], 2026)


def test_recover_weights_on_known_weights(synthetic):
    rw = recover_weights(synthetic)
    assert rw.attrs["r2"] == pytest.approx(1.0)
    assert (rw["selisih_relatif"].abs() < 0.05).all()
    assert rw["bobot_pulih"].notna().all()
    # a published IID rounded to 2 decimals: still within 5% for every weight
    rounded = synthetic.assign(skor_iid_hasil=synthetic["skor_iid"].round(2))
    rw2 = recover_weights(rounded, n_boot=20, seed=0)
    assert rw2.attrs["outcome"] == "skor_iid_hasil"
    assert (rw2["selisih_relatif"].abs() < 0.05).all()
    assert rw2["ci_low"].notna().all()


def test_recover_weights_other_framework():
    fw = load_framework(2023)
    panel = synthetic_panel(n_regions=200, cycle=2023, seed=4)
    table = region_table(panel["inovasi"], panel["spd"], 2023)
    rw = recover_weights(table, fw)
    assert (rw["selisih_relatif"].abs() < 0.05).all()


def test_not_estimable_never_calls_nnls(synthetic):
    import numpy as np

    from inovlab.analysis.weight_recovery import estimable

    one = recover_weights(synthetic.iloc[[0]])  # one region: nothing varies
    assert one.attrs["estimable"] is False and one["nilai"].isna().all()
    assert np.isnan(one.attrs["r2"]) and one.attrs["n_daerah"] == 1
    few = recover_weights(synthetic.iloc[:10], n_boot=5)  # 10 regions < 41 weights + 1
    assert few.attrs["estimable"] is False and few["bobot_pulih"].isna().all()
    assert len(few) == len(one) == len(rw_columns())
    assert not estimable(np.ones((50, 3)))                      # constant columns
    assert not estimable(np.empty((0, 3)))
    x = np.random.default_rng(0).normal(size=(5, 3))
    assert estimable(x) and not estimable(x[:3])                # 3 rows, 3 columns


def rw_columns():
    fw = load_framework(2026)
    return fw.spd_columns + fw.sid_columns + ["jumlah_inovasi"]


# ---------------------------------------------------------------------------------------
# a free constant: exact on known weights plus an offset, constant columns named


@pytest.fixture(scope="module")
def with_constant_column():
    """120 regions scored by the engine, SPD 1 at level 2 everywhere (a constant column)."""
    panel = synthetic_panel(n_regions=120, seed=7)
    spd = panel["spd"].assign(spd_1=2)
    return region_table(panel["inovasi"], spd, 2026)


def test_exact_with_a_constant_offset_and_a_constant_column(with_constant_column):
    table = with_constant_column.assign(
        skor_iid_hasil=with_constant_column["skor_iid"] + 7.5)
    rw = recover_weights(table).set_index("indikator")
    varying = rw.index != "spd_1"
    np.testing.assert_allclose(rw.loc[varying, "bobot_pulih"], rw.loc[varying, "bobot"],
                               rtol=0, atol=1e-8)
    assert rw.attrs["r2"] == pytest.approx(1.0, abs=1e-12)
    # the constant absorbs the offset and the constant column's points (2 levels x 1.2 / 3)
    spd1_points = 2 * 1.0 * 100 / 250
    assert rw.attrs["konstanta_iid"] == pytest.approx(7.5 + spd1_points, abs=1e-8)
    assert rw.attrs["konstan"] == ["spd_1"] and rw.attrs["alasan"] == ""
    assert np.isnan(rw.loc["spd_1", "nilai"])
    assert rw.loc["spd_1", "catatan"].startswith("konstan di semua daerah")
    assert rw.loc[varying, "catatan"].eq("").all()


def test_without_the_constant_the_fit_would_misstate_weights(with_constant_column):
    """Why the constant is there: forcing the constant column's points onto the others."""
    from scipy.optimize import nnls

    from inovlab.analysis.weight_recovery import _design

    design, y, truth = _design(with_constant_column, "skor_iid", load_framework(2026))
    keep = design.std(axis=0) > 0
    coef, _ = nnls(design[:, keep], y)
    assert np.abs(coef / truth[keep] - 1).max() > 1e-3


def test_not_identifiable_is_said_and_kept_out(with_constant_column):
    from inovlab.analysis.drivers import drivers_table

    twins = with_constant_column.assign(ind_20=with_constant_column["ind_21"])
    rw = recover_weights(twins)   # ind_20 = ind_21 in every region: collinear
    assert rw.attrs["estimable"] is False and rw["nilai"].isna().all()
    assert "kolinear" in rw.attrs["alasan"]
    assert "collinear" in recover_weights(twins, lang="en").attrs["alasan"]
    few = recover_weights(with_constant_column.iloc[:30])
    assert few.attrs["alasan"] == "terlalu sedikit daerah (30) untuk 40 bobot dan satu konstanta"
    long, _ = drivers_table(twins, n_boot=0, n_perm=0, models=False)
    assert "bobot_pulih_nnls" not in set(long["metode"])
    assert "kolinear" in long.attrs["nnls"]["alasan"]


def test_identifiability_cases():
    from inovlab.analysis.weight_recovery import identifiability

    x = np.random.default_rng(1).normal(size=(20, 3))
    assert identifiability(x) == "ok"
    assert identifiability(np.c_[x, x[:, 0] - 2 * x[:, 1]]) == "collinear"
    assert identifiability(np.c_[x, np.ones(20)]) == "ok"   # constant columns are set aside
    assert identifiability(np.ones((20, 2))) == "nothing"
    assert identifiability(x[:3]) == "few"
    assert identifiability(np.c_[x, np.r_[np.nan, np.ones(19)]]) == "not_finite"


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), offset=st.floats(-50, 50), n_constant=st.integers(0, 3))
@example(seed=0, offset=0.0, n_constant=0)
@example(seed=1, offset=12.5, n_constant=3)
def test_fit_with_constant_is_exact_for_any_offset(seed, offset, n_constant):
    """Known non-negative weights, any offset, some constant columns: exact to 1e-8."""
    from inovlab.analysis.weight_recovery import _fit

    rng = np.random.default_rng(seed)
    design = rng.integers(0, 4, size=(60, 8)).astype(float)
    design[:, :n_constant] = 2.0
    weights = rng.uniform(0.25, 4.0, 8)
    y = design @ weights + offset
    keep = design.std(axis=0) > 0
    coef, intercept = _fit(design, y, keep)
    np.testing.assert_allclose(coef[keep], weights[keep], rtol=0, atol=1e-8)
    assert np.isnan(coef[~keep]).all()
    assert intercept == pytest.approx(offset + 2.0 * weights[:n_constant].sum(), abs=1e-8)
