"""Top-group classifiers (inovlab.analysis.top_group): scores, importance, baseline warnings."""

import numpy as np
import pytest

from inovlab.analysis.top_group import auc_rows, top_group_models
from inovlab.rules.decomposition import region_table
from inovlab.rules.framework import load_framework
from inovlab.testing import synthetic_panel

DECISIVE = ["ind_35", "ind_33", "spd_12", "ind_31", "spd_6"]


@pytest.fixture(scope="module")
def synthetic():
    panel = synthetic_panel(n_regions=250, decisive=DECISIVE, seed=11)
    return region_table(panel["inovasi"], panel["spd"], 2026)


def test_top_group_models_scores_and_importance(synthetic):
    res = top_group_models(synthetic, n_repeats=2, n_estimators=30, seed=0)
    assert set(res.scores["model"]) == {"logistik", "hutan_acak"}
    assert set(res.scores["target"]) <= {"top10", "sangat_inovatif"}
    assert (res.scores["auc_cv"] > 0.7).all()
    assert res.scores["lebih_baik_dari_baseline"].all()
    assert {"indikator", "metode", "nilai", "ci_low", "ci_high"} <= set(res.importance.columns)


def test_top_group_models_warn_when_no_better_than_baseline(synthetic):
    rng = np.random.default_rng(3)
    noise = synthetic.copy()
    fw = load_framework(2026)
    cols = fw.spd_columns + fw.sid_columns
    noise[cols] = rng.integers(0, 4, size=(len(noise), len(cols))).astype(float)
    noise["n_inovasi_dihitung"] = rng.integers(5, 40, len(noise))
    res = top_group_models(noise, targets=("top10",), n_repeats=1, n_estimators=20, seed=0)
    bad = res.scores[~res.scores["lebih_baik_dari_baseline"]]
    assert len(bad) >= 1
    assert any("tidak lebih baik dari tebakan dasar" in w for w in res.warnings)


def test_auc_rows_matches_sklearn():
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 40)
    scores = rng.normal(size=(3, 40))
    expected = [roc_auc_score(y, row) for row in scores]
    np.testing.assert_allclose(auc_rows(y, scores), expected)
