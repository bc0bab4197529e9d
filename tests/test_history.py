"""History panels: ranks, changes, transitions and distances on a hand-checkable fixture.

The fixture has 3 provinces, 4 kabupaten and 3 kota over two cycles (2024, 2025). Kota
2.72 is missing in 2024; province 3 scores 0 in 2024 (Tidak Dapat Dinilai, not ranked).
Expected values below are worked out by hand from the scores in ``SCORES``.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inovlab.analysis.history import (
    add_ranks,
    build_panel,
    changes,
    cluster_summary,
    coverage,
    distance_to_targets,
    leaders,
    predicate_transitions,
    trajectory,
)
from inovlab.errors import UsageError
from inovlab.sources.provenance import Inputs
from inovlab.testing import HISTORY_SCORES, history_hasil, history_regions

REGIONS = history_regions()
SCORES = HISTORY_SCORES


def make_hasil():
    return history_hasil()


@pytest.fixture
def panel():
    return build_panel(make_hasil(), REGIONS)


def value(df, year, code, column):
    row = df[(df["tahun"] == year) & (df["kode_wilayah"] == code)]
    assert len(row) == 1
    return row.iloc[0][column]


# -- ranks -------------------------------------------------------------------------------
def test_ranks_within_cluster_ties_min_and_unassessed_unranked(panel):
    r = add_ranks(panel)
    expected_2024 = {"1": 1, "2": 2, "1.01": 1, "2.01": 1, "1.02": 3, "2.02": 4,
                     "1.71": 1, "2.71": 2}
    for code, rank in expected_2024.items():
        assert value(r, 2024, code, "peringkat_klaster") == rank, code
    assert pd.isna(value(r, 2024, "3", "peringkat_klaster"))
    assert pd.isna(value(r, 2024, "3", "n_klaster"))
    assert value(r, 2024, "1", "n_klaster") == 2
    expected_2025 = {"2": 1, "1": 2, "3": 3, "2.01": 1, "1.02": 2, "1.01": 3, "2.02": 4,
                     "2.71": 1, "1.71": 2, "2.72": 3}
    for code, rank in expected_2025.items():
        assert value(r, 2025, code, "peringkat_klaster") == rank, code
    assert r["peringkat_klaster"].dtype == "Int64"


def test_ranks_within_province_kab_and_kota_only(panel):
    r = add_ranks(panel)
    # Prov P 2024: Kota E 66, Kab A 60, Kab B 40; Prov Q: Kab C 60, Kota F 55, Kab D 30.
    assert [value(r, 2024, c, "peringkat_provinsi") for c in ("1.71", "1.01", "1.02")] == [
        1, 2, 3]
    assert [value(r, 2024, c, "peringkat_provinsi") for c in ("2.01", "2.71", "2.02")] == [
        1, 2, 3]
    assert value(r, 2025, "2.72", "n_provinsi") == 4
    assert pd.isna(value(r, 2024, "1", "peringkat_provinsi"))


# -- changes and transitions ---------------------------------------------------------------
def test_changes_in_iid_and_rank(panel):
    c = changes(panel)
    expected = {  # code: (perubahan_iid, perubahan_peringkat)
        "1": (-8.0, -1), "2": (18.0, 1), "1.01": (-15.0, -2), "1.02": (10.0, 1),
        "2.01": (10.0, 0), "2.02": (-10.0, 0), "1.71": (0.0, -1), "2.71": (15.0, 1),
    }
    for code, (diid, drank) in expected.items():
        assert value(c, 2025, code, "perubahan_iid") == pytest.approx(diid), code
        assert value(c, 2025, code, "perubahan_peringkat") == drank, code
        assert value(c, 2025, code, "tahun_sebelumnya") == 2024
    # Province 3 was not ranked in 2024: the IID change exists, the rank change does not.
    assert value(c, 2025, "3", "perubahan_iid") == pytest.approx(30.0)
    assert pd.isna(value(c, 2025, "3", "perubahan_peringkat"))
    assert pd.isna(value(c, 2025, "2.72", "tahun_sebelumnya"))
    assert pd.isna(value(c, 2024, "1", "perubahan_iid"))
    assert "sumber_data" not in c.attrs


def test_changes_bridge_a_gap_in_partial_years():
    hasil = pd.DataFrame({"tahun": [2022, 2024], "kode_wilayah": ["1.71", "1.71"],
                          "skor_iid": [50.0, 61.0]})
    c = changes(build_panel(hasil, REGIONS))
    assert c["tahun_sebelumnya"].tolist()[1] == 2022
    assert c["perubahan_iid"].tolist()[1] == pytest.approx(11.0)


def test_predicate_transitions_counts(panel):
    t = predicate_transitions(panel)
    got = {(a, b): n for a, b, n in t[["predikat_dari", "predikat_ke", "jumlah"]].values}
    assert got == {
        ("Sangat Inovatif", "Sangat Inovatif"): 1, ("Sangat Inovatif", "Inovatif"): 1,
        ("Inovatif", "Sangat Inovatif"): 3, ("Inovatif", "Inovatif"): 2,
        ("Kurang Inovatif", "Kurang Inovatif"): 1,
        ("Tidak Dapat Dinilai", "Kurang Inovatif"): 1,
    }
    assert set(t["tahun_dari"]) == {2024} and set(t["tahun_ke"]) == {2025}
    inov = t[t["predikat_dari"] == "Inovatif"].set_index("predikat_ke")["proporsi"]
    assert inov.to_dict() == pytest.approx({"Sangat Inovatif": 0.6, "Inovatif": 0.4})
    assert t["jumlah"].sum() == 9  # 2.72 has no 2024 row
    assert "sumber_data" not in t.attrs
    # best predicate first
    assert t["predikat_dari"].iloc[0] == "Sangat Inovatif"


def test_predicate_transitions_by_cluster(panel):
    t = predicate_transitions(panel, by="jenis")
    kota = t[t["jenis"] == "kota"]
    assert kota[["predikat_dari", "predikat_ke", "jumlah"]].values.tolist() == [
        ["Sangat Inovatif", "Sangat Inovatif", 1], ["Inovatif", "Sangat Inovatif", 1]]


# -- distances -----------------------------------------------------------------------------
def test_distance_to_top_k_and_sangat_inovatif(panel):
    d = distance_to_targets(panel, top_k=2)
    # 2025 kabupaten: 70, 50, 45, 20 -> second best 50.
    assert value(d, 2025, "1.01", "batas_top_k") == 50.0
    assert value(d, 2025, "1.01", "jarak_top_k") == pytest.approx(5.0)
    assert value(d, 2025, "1.02", "dalam_top_k")
    assert not value(d, 2025, "1.01", "dalam_top_k")
    # 2025 kota: 70, 66, 40 -> 66; kota G is 26 points away.
    assert value(d, 2025, "2.72", "jarak_top_k") == pytest.approx(26.0)
    # 2024 provinces: only two assessed (70, 50); province 3 (0) is not in the top 2.
    assert value(d, 2024, "3", "batas_top_k") == 50.0
    assert not value(d, 2024, "3", "dalam_top_k")
    # Sangat Inovatif cut-off per cycle from the framework.
    assert value(d, 2024, "1.01", "batas_sangat_inovatif") == pytest.approx(60.01)
    assert value(d, 2025, "1.01", "jarak_sangat_inovatif") == pytest.approx(20.01)
    assert value(d, 2025, "2.01", "jarak_sangat_inovatif") == pytest.approx(-4.99)
    assert "sumber_data" not in d.attrs


def test_top_k_cutoff_missing_when_cluster_too_small(panel):
    d = distance_to_targets(panel, top_k=3)
    assert np.isnan(value(d, 2024, "1.71", "batas_top_k"))  # only 2 kota in 2024
    assert value(d, 2025, "1.71", "batas_top_k") == 40.0
    with pytest.raises(UsageError):
        distance_to_targets(panel, top_k=0)


def test_cluster_summary(panel):
    s = cluster_summary(panel, top_k=2).set_index(["tahun", "jenis"])
    assert s.loc[(2025, "kota"), "median"] == 66.0
    assert s.loc[(2025, "kota"), "batas_top_k"] == 66.0
    assert s.loc[(2024, "provinsi"), "n_dinilai"] == 2
    assert s.loc[(2024, "provinsi"), "n_tidak_dapat_dinilai"] == 1
    assert s.loc[(2025, "kabupaten"), "n_sangat_inovatif"] == 1


def test_trajectory_of_one_region(panel):
    t = trajectory(panel, "2.71")
    assert t["tahun"].tolist() == [2024, 2025]
    assert t["peringkat_klaster"].tolist() == [2, 1]
    assert pd.isna(t["perubahan_peringkat"].iloc[0]) and t["perubahan_peringkat"].iloc[1] == 1
    assert t["median_klaster"].tolist() == [60.5, 66.0]
    assert "sumber_data" not in t.attrs
    assert trajectory(panel, "Kota F")["kode_wilayah"].unique().tolist() == ["2.71"]


def test_published_source_is_carried():
    bundle = Inputs.from_tables(2025, hasil=make_hasil(), source="published")
    p = build_panel(bundle.hasil, REGIONS)
    for out in (add_ranks(p), changes(p), distance_to_targets(p), predicate_transitions(p),
                trajectory(p, "1.71"), coverage(p, REGIONS)):
        assert "sumber_data" not in out.attrs      # nothing that concat/groupby could drop
    assert bundle.source("hasil") == "published"
    assert bundle.label() == "data resmi terpublikasi"


def test_demo_panel_integration():
    demo = pytest.importorskip("inovlab.sources.demo")
    data = demo.load_demo(seed=2026)
    panel = changes(distance_to_targets(add_ranks(build_panel(data.hasil))))
    assert "sumber_data" not in panel.attrs
    assert set(panel.groupby("tahun").size()) == {552}
    ranked = panel[panel["dinilai"]]
    assert ranked["peringkat_klaster"].notna().all()
    first = ranked.groupby(["tahun", "jenis"])["peringkat_klaster"].min()
    assert (first == 1).all()
    assert (ranked["peringkat_klaster"] <= ranked["n_klaster"]).all()
    t = predicate_transitions(panel)
    assert t.groupby(["tahun_dari", "predikat_dari"])["proporsi"].sum().round(9).eq(1).all()


def test_published_predikat_without_score_is_assessed_but_not_ranked():
    hasil = pd.DataFrame({"tahun": 2025, "kode_wilayah": ["1.71", "2.71", "2.72"],
                          "skor_iid": [None, 70.0, 40.0],
                          "predikat": ["Sangat Inovatif", None, "Tidak Dapat Dinilai"]})
    p = add_ranks(build_panel(hasil, REGIONS))
    assert p["dinilai"].tolist() == [True, True, False]
    assert pd.isna(p["peringkat_klaster"].iloc[0])
    assert p["peringkat_klaster"].iloc[1] == 1
    assert p["n_klaster"].iloc[1] == 1


@settings(max_examples=60, deadline=None)
@given(scores=st.lists(st.one_of(st.none(), st.floats(0, 100).map(lambda x: round(x, 1))),
                       min_size=1, max_size=12),
       k=st.integers(1, 5))
def test_ranks_and_top_k_agree(scores, k):
    """Property: a region is inside the top k exactly when its min-rank is <= k, ranks run
    from 1 and a higher IID never has a worse rank."""
    codes = [f"9.{i:02d}" for i in range(len(scores))]
    ref = pd.DataFrame({"kode_wilayah": codes, "nama_daerah": codes, "jenis": "kota",
                        "provinsi": "P"})
    hasil = pd.DataFrame({"tahun": 2026, "kode_wilayah": codes, "skor_iid": scores})
    d = distance_to_targets(add_ranks(build_panel(hasil, ref)), top_k=k)
    ranked = d[d["peringkat_klaster"].notna()]
    assert (ranked["skor_iid"] > 0).all()
    if len(ranked):
        assert ranked["peringkat_klaster"].min() == 1
        order = ranked.sort_values("skor_iid", ascending=False)["peringkat_klaster"]
        assert order.is_monotonic_increasing
    if len(ranked) >= k:
        assert (d["dalam_top_k"] == (d["peringkat_klaster"] <= k).fillna(False)).all()
    else:
        assert not d["dalam_top_k"].any()


def test_leaders_per_cluster(panel):
    top = leaders(panel, tahun=2024, top_k=1)
    assert top["kode_wilayah"].tolist() == ["1", "1.01", "2.01", "1.71"]  # kab tie at 1
    assert leaders(panel, top_k=2)["tahun"].unique().tolist() == [2025]
    assert "sumber_data" not in top.attrs
