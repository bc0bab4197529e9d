"""Tests of inovlab.analysis.claims (region names/clusters and ranks within a cluster)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from inovlab.analysis.claims import cluster_ranks, region_meta


def _tables():
    """Three regions: 'a' named and clustered by spd, 'b' only by inovasi, 'c' by neither."""
    inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b", "b"],
                         "nama_daerah": ["A dari inovasi", "Kota B", "Kota B"],
                         "jenis": ["kabupaten", "kota", "kota"]})
    spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"], "nama_daerah": ["Kota A"],
                        "jenis": ["kota"]})
    return pd.Series(["a", "b", "c"]), inov, spd


# -- cluster_ranks ------------------------------------------------------------------------

def test_ranks_are_counted_within_each_cluster():
    iid = np.array([50.0, 70.0, 60.0, 40.0, 45.0])
    cluster = np.array(["kota", "kota", "kota", "kabupaten", "kabupaten"])
    assert cluster_ranks(iid, cluster).tolist() == [3, 1, 2, 2, 1]


def test_ties_share_the_better_rank():
    iid = np.array([60.0, 60.0, 55.0, 70.0])
    assert cluster_ranks(iid, np.array(["kota"] * 4)).tolist() == [2, 2, 4, 1]


def test_missing_iid_has_no_rank_and_is_not_counted():
    iid = np.array([50.0, np.nan, 40.0])
    assert cluster_ranks(iid, np.array(["kota"] * 3)).tolist() == [1, 0, 2]


@given(st.lists(st.tuples(st.integers(0, 20), st.sampled_from(["kota", "kabupaten"])),
                min_size=1, max_size=30))
@example([(5, "kota")])
def test_rank_is_one_plus_strictly_higher_in_cluster(rows):
    iid = np.array([float(v) for v, _ in rows])
    cluster = np.array([c for _, c in rows], dtype=object)
    expected = [1 + sum(1 for w, d in rows if d == c and w > v) for v, c in rows]
    assert cluster_ranks(iid, cluster).tolist() == expected


# -- region_meta --------------------------------------------------------------------------

def test_meta_prefers_spd_then_inovasi_then_fallback():
    codes, inov, spd = _tables()
    names, clusters = region_meta(codes, inov, spd, None)
    assert names.tolist() == ["Kota A", "Kota B", "c"]       # unknown: the code itself
    assert clusters.tolist() == ["kota", "kota", "semua"]    # unknown: one cluster 'semua'


def test_given_clusters_win_over_the_inputs():
    codes, inov, spd = _tables()
    _, from_dict = region_meta(codes, inov, spd, {"a": "kabupaten", "c": "kota"})
    assert from_dict.tolist() == ["kabupaten", "kota", "kota"]  # 'b' still from inovasi
    _, from_series = region_meta(codes, inov, spd, pd.Series({"b": "kabupaten"}))
    assert from_series.tolist() == ["kota", "kabupaten", "semua"]


def test_meta_falls_back_to_the_bundled_region_list():
    codes = pd.Series(["17.71", "99.99"])
    empty = pd.DataFrame({"tahun": [], "kode_wilayah": []})
    names, clusters = region_meta(codes, empty, empty, None)
    assert names.tolist() == ["Kota Bengkulu", "99.99"]
    assert clusters.tolist() == ["kota", "semua"]


def test_meta_keeps_the_order_and_index_of_codes():
    codes, inov, spd = _tables()
    shuffled = pd.Series(["c", "a", "b"], index=[10, 20, 30])
    names, clusters = region_meta(shuffled, inov, spd, None)
    assert names.tolist() == ["c", "Kota A", "Kota B"]
    assert clusters.tolist() == ["semua", "kota", "kota"]
    assert isinstance(names, np.ndarray) and len(clusters) == 3


@pytest.mark.parametrize("column", ["nama_daerah", "jenis"])
def test_inputs_without_the_column_are_skipped(column):
    codes, inov, spd = _tables()
    names, clusters = region_meta(codes, inov.drop(columns=column), spd.drop(columns=column),
                                  None)
    if column == "nama_daerah":
        assert names.tolist() == ["a", "b", "c"]
        assert clusters.tolist() == ["kota", "kota", "semua"]
    else:
        assert names.tolist() == ["Kota A", "Kota B", "c"]
        assert clusters.tolist() == ["semua", "semua", "semua"]
