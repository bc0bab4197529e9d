"""NNLS weight recovery (inovlab.analysis.weight_recovery) on data with known weights."""

import pytest

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
