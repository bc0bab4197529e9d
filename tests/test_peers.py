"""Peer sets and strengths/weaknesses against peers, on small synthetic fixtures."""

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.peers import (
    compare_to_peers,
    custom,
    indicator_levels,
    most_similar,
    peer_table,
    same_cluster,
    same_province,
)
from inovlab.errors import UsageError
from inovlab.rules.framework import load_framework
from inovlab.sources.provenance import Inputs

REGIONS = pd.DataFrame({
    "kode_wilayah": ["1", "2", "1.01", "1.02", "2.01", "1.71", "1.72", "2.71", "2.72", "2.73"],
    "nama_daerah": ["Prov P", "Prov Q", "Kabupaten A", "Kabupaten B", "Kabupaten C",
                    "Kota E", "Kota F", "Kota G", "Kota H", "Kota I"],
    "jenis": ["provinsi"] * 2 + ["kabupaten"] * 3 + ["kota"] * 5,
    "provinsi": ["Prov P", "Prov Q", "Prov P", "Prov P", "Prov Q", "Prov P", "Prov P",
                 "Prov Q", "Prov Q", "Prov Q"],
    # Kota E is the reference; F is nearly its twin, G ten times larger, H 100 times, and
    # I has no population (left out of most_similar).
    "penduduk": [5e6, 3e6, 4e5, 3e5, 5e5, 100_000, 110_000, 1_000_000, 10_000_000, np.nan],
    "luas_km2": [5e4, 3e4, 4e3, 3e3, 5e3, 10.0, 11.0, 10.0, 100.0, 20.0],
})

FW = load_framework(2026)


# -- peer sets -----------------------------------------------------------------------------
def test_same_cluster_excludes_region_and_other_clusters():
    peers = same_cluster("1.71", REGIONS)
    assert peers["kode_wilayah"].tolist() == ["1.72", "2.71", "2.72", "2.73"]
    assert set(peers["jenis"]) == {"kota"}
    assert peers.attrs["kelompok"] == "same_cluster"
    assert same_cluster("Kota E", REGIONS)["kode_wilayah"].tolist() == peers[
        "kode_wilayah"].tolist()


def test_same_province_kab_and_kota_of_the_province():
    assert same_province("1.01", REGIONS)["kode_wilayah"].tolist() == ["1.02", "1.71", "1.72"]
    assert same_province("1.01", REGIONS, same_jenis=True)["kode_wilayah"].tolist() == ["1.02"]
    assert same_province("1", REGIONS).empty


def test_most_similar_same_cluster_sorted_by_distance():
    peers = most_similar("1.71", k=10, regions=REGIONS)
    assert peers["kode_wilayah"].tolist() == ["1.72", "2.71", "2.72"]
    assert set(peers["jenis"]) == {"kota"}
    assert peers["jarak"].is_monotonic_increasing
    assert (peers["jarak"] > 0).all()
    assert most_similar("1.71", k=2, regions=REGIONS)["kode_wilayah"].tolist() == ["1.72", "2.71"]


def test_most_similar_distance_is_log_standardised():
    peers = most_similar("1.71", k=1, by=("penduduk",), regions=REGIONS)
    logs = np.log([100_000, 110_000, 1_000_000, 10_000_000])
    expected = abs(np.log(110_000) - np.log(100_000)) / logs.std()
    assert peers["jarak"].iloc[0] == pytest.approx(expected)
    with pytest.raises(UsageError):
        most_similar("2.73", regions=REGIONS)   # no population
    with pytest.raises(UsageError):
        most_similar("1.71", k=0, regions=REGIONS)


def test_custom_resolves_names_and_codes_in_order():
    peers = custom(["Kota G", "1.01", "kota g"], REGIONS)
    assert peers["kode_wilayah"].tolist() == ["2.71", "1.01"]
    assert peers.attrs["kelompok"] == "custom"
    with pytest.raises(UsageError):
        custom(["Negeri Antah Berantah"], REGIONS)


def test_custom_with_the_real_reference():
    peers = custom(["Pangkalpinang", "Kab. Buton"])
    assert peers["kode_wilayah"].tolist() == ["19.71", "74.04"]


# -- indicator levels ------------------------------------------------------------------------
def test_indicator_levels_means_over_counted_innovations():
    inovasi = pd.DataFrame({
        "tahun": 2026, "kode_wilayah": ["a", "a", "a", "b"],
        "tahapan": ["penerapan", "penerapan", "uji coba", "uji coba"],
        "ind_16": [3, 1, 3, 2], "ind_17": [2, None, 0, 1],
    })
    spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "a", "c"],
                        "indikator": ["1", "12", "1"], "level": [3, 2, 1]})
    lv = indicator_levels(spd, inovasi).set_index("kode_wilayah")
    assert lv.loc["a", "n_inovasi_dihitung"] == 2
    assert lv.loc["a", "ind_16"] == 2.0
    assert lv.loc["a", "ind_17"] == 1.0            # blank counts as level 0
    assert lv.loc["b", "n_inovasi_dihitung"] == 0
    assert np.isnan(lv.loc["b", "ind_16"])           # no counted innovation
    assert lv.loc["a", "spd_12"] == 2.0
    assert lv.loc["c", "spd_12"] == 0.0
    assert lv.loc["c", "n_inovasi_dihitung"] == 0


# -- comparison --------------------------------------------------------------------------------
def values():
    return pd.DataFrame({
        "tahun": 2026,
        "kode_wilayah": ["a", "b", "c", "d", "z"],
        "n_inovasi_dihitung": [6, 20, 30, 0, 40],
        "spd_1": [3, 1, 1, 2, 0],      # a above the peers' median (1)
        "spd_12": [0, 2, 2, 3, 0],     # a below (median 2)
        "spd_2a": [1, 1, 1, 1, 0],     # a on par
        "ind_16": [3.0, 1.0, 2.0, np.nan, 0.0],  # d has no counted innovation
    })


def test_compare_to_peers_signs_and_formula():
    out = compare_to_peers(values(), "a", ["b", "c", "d", "a"], FW)
    ind = out[out["tingkat"] == "indikator"].set_index("indikator")
    w = FW.indicators.set_index("code")["weight"]
    assert ind.loc["1", "posisi"] == "kekuatan"
    assert ind.loc["12", "posisi"] == "kelemahan"
    assert ind.loc["2a", "posisi"] == "setara"
    assert ind.loc["16", "posisi"] == "kekuatan"
    # SPD: gap x 100 / total_max
    assert ind.loc["1", "median_pembanding"] == 1.0
    assert ind.loc["1", "selisih_poin"] == pytest.approx(2 * w["1"])
    assert ind.loc["1", "selisih_iid"] == pytest.approx(2 * w["1"] * 100 / FW.total_max)
    assert ind.loc["12", "selisih_iid"] == pytest.approx(-2 * w["12"] * 100 / FW.total_max)
    # SID: gap x n / max(d, n) x 100 / total_max, with the region's n = 6; peer d left out.
    assert ind.loc["16", "n_pembanding"] == 2
    assert ind.loc["16", "median_pembanding"] == 1.5
    factor = 6 / max(FW.divisor_floor, 6)
    assert ind.loc["16", "selisih_iid"] == pytest.approx(
        1.5 * w["16"] * factor * 100 / FW.total_max)
    assert ind.loc["1", "persentil"] == 100.0
    assert ind.loc["12", "persentil"] == 0.0
    assert ind.loc["2a", "persentil"] == 50.0
    assert out.attrs["n_pembanding"] == 3


def test_compare_to_peers_per_variable():
    out = compare_to_peers(values(), "a", ["b", "c", "d"], FW)
    var = out[out["tingkat"] == "variabel"].set_index("variabel")
    w = FW.indicators.set_index("code")["weight"]
    v1, v12 = (FW.indicators.set_index("code").at[c, "variable"] for c in ("1", "12"))
    assert v1 != v12
    # Institusi: a = w1*3 + w2a*1; peers b, c = w1 + w2a, d = 2 w1 + w2a -> median w1 + w2a.
    assert var.loc[v1, "poin_daerah"] == pytest.approx(3 * w["1"] + w["2a"])
    assert var.loc[v1, "median_pembanding"] == pytest.approx(w["1"] + w["2a"])
    assert var.loc[v1, "posisi"] == "kekuatan"
    assert var.loc[v12, "posisi"] == "kelemahan"
    assert (var["indikator"] == "").all()


def test_compare_to_peers_order_language_and_missing_sid():
    out = compare_to_peers(values(), "a", ["b", "c"], FW, lang="en")
    assert out["tingkat"].iloc[0] == "indikator" and out["tingkat"].iloc[-1] == "variabel"
    ind = out[(out["tingkat"] == "indikator") & out["selisih_iid"].notna()]
    assert ind["selisih_iid"].is_monotonic_decreasing
    assert set(ind["posisi"]) <= {"strength", "weakness", "on par"}
    assert ind.set_index("indikator").at["1", "nama"] == "Vision and mission"
    # variables are named in English too, in their column and on their own rows
    assert "Institutions" in set(out["variabel"]) and "Institusi" not in set(out["variabel"])
    assert "Institutions" in set(out.loc[out["tingkat"] == "variabel", "nama"])
    # A region with no counted innovation has no SID comparison.
    d = compare_to_peers(values(), "d", ["a", "b"], FW).set_index("indikator")
    assert d.at["16", "posisi"] == "" and np.isnan(d.at["16", "selisih_iid"])
    with pytest.raises(UsageError):
        compare_to_peers(values(), "zz", ["a"], FW)


def test_compare_to_peers_accepts_peer_table_and_cycle():
    vals = values().assign(kode_wilayah=["1.71", "1.72", "2.71", "2.72", "1.01"])
    peers = same_cluster("1.71", REGIONS)
    out = compare_to_peers(vals, "1.71", peers, 2026)
    assert out.attrs["n_pembanding"] == 3        # 2.73 has no values; 1.01 is no peer
    assert out.set_index("indikator").at["12", "posisi"] == "kelemahan"


def test_peer_table_ranks_region_among_peers():
    panel = pd.DataFrame({"tahun": [2025, 2026, 2026, 2026, 2026],
                          "kode_wilayah": ["a", "a", "b", "c", "x"],
                          "skor_iid": [10.0, 50.0, 70.0, 50.0, 99.0]})
    t = peer_table(panel, "a", ["b", "c"])
    assert t["kode_wilayah"].tolist() == ["b", "a", "c"]
    assert t["peringkat_pembanding"].tolist() == [1, 2, 2]
    assert t["daerah_ini"].tolist() == [False, True, False]
    assert "sumber_data" not in t.attrs       # provenance travels in Inputs, not attrs
    assert peer_table(panel, "a", ["b"], tahun=2025)["kode_wilayah"].tolist() == ["a"]


def test_demo_panel_integration():
    demo = pytest.importorskip("inovlab.sources.demo")
    data = demo.load_demo(seed=2026)
    year = int(data.hasil["tahun"].max())
    fw = load_framework(year)
    levels = indicator_levels(data.spd, data.inovasi, fw)
    code = levels["kode_wilayah"].iloc[0]
    peers = most_similar(code, k=10)
    out = compare_to_peers(levels, code, peers, fw)
    assert len(out) > 0
    assert set(out["posisi"]) <= {"kekuatan", "kelemahan", "setara", ""}


def test_indicator_levels_restricted_to_the_framework_cycle():
    inovasi = pd.DataFrame({"tahun": [2025, 2026], "kode_wilayah": "a",
                            "tahapan": "penerapan", "ind_16": [1, 3]})
    lv = indicator_levels(inovasi=inovasi, framework=FW)
    assert lv["tahun"].tolist() == [2026] and lv["ind_16"].tolist() == [3.0]


def test_source_is_carried_to_the_comparison():
    inovasi = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b"], "dihitung": True,
                            "ind_16": [3, 1]})
    inovasi.attrs["sumber_data"] = "demo"          # a stale attr is not trusted or passed on
    bundle = Inputs.from_tables(2026, inovasi=inovasi, source="demo")
    lv = indicator_levels(inovasi=bundle.inovasi)
    assert "sumber_data" not in lv.attrs
    out = compare_to_peers(lv, "a", ["b"], FW)
    assert "sumber_data" not in out.attrs
    assert bundle.source("inovasi") == "demo" and bundle.label() == "data demo (sintetis)"
