"""Shared helpers of the driver methods (inovlab.analysis.driver_inputs)."""

import numpy as np
import pandas as pd

from inovlab.analysis.driver_inputs import (
    bootstrap_weights,
    cluster_rank,
    indicator_features,
    participants,
    percentile_interval,
    with_indicator_names,
)
from inovlab.rules.decomposition import region_table
from inovlab.rules.framework import load_framework
from inovlab.testing import example_tables


def test_participants_and_cluster_rank():
    t = pd.DataFrame({"skor_iid": [0.0, 40.0, 55.0, 55.0, np.nan],
                      "jenis": ["kota", "kota", "kota", "kabupaten", "kota"]})
    assert participants(t).index.tolist() == [1, 2, 3]
    assert participants(t, "kabupaten").index.tolist() == [3]
    assert cluster_rank(participants(t)).tolist() == [2.0, 1.0, 1.0]


def test_bootstrap_weights_are_resample_shares_and_reproducible():
    w = bootstrap_weights(7, 50, seed=3)
    assert w.shape == (50, 7)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    assert np.allclose(w * 7, np.round(w * 7))             # whole draws per region
    np.testing.assert_array_equal(w, bootstrap_weights(7, 50, seed=3))
    assert bootstrap_weights(7, 0, seed=3).shape == (0, 7)


def test_percentile_interval_without_resamples_is_nan():
    low, high = percentile_interval(np.empty((0, 3)))
    assert np.isnan(low).all() and np.isnan(high).all()


def test_features_and_names():
    fw = load_framework(2026)
    t = region_table(*example_tables(), 2026)
    x = indicator_features(t, fw)
    assert x.columns.tolist() == fw.spd_columns + fw.sid_columns + ["jumlah_inovasi"]
    named = with_indicator_names(pd.DataFrame({"indikator": ["spd_1", "ind_16"]}), fw, "en")
    assert named.columns.tolist() == ["indikator", "nama_indikator", "bagian", "bobot_nominal"]
    assert named["nama_indikator"].notna().all()
