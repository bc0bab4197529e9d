"""Tests of inovlab.analysis.whatif (scenarios as data, re-scored through inovlab.rules.scoring)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inovlab.analysis.scenarios import load_scenarios
from inovlab.analysis.whatif import apply_scenario, best_drop, best_kept_sums, compare_scenarios
from inovlab.errors import DataError
from inovlab.rules import formula
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score

FW = load_framework(2026)
BASIC = FW.basic_service_urusan


def _region():
    """Region 'a' (kota): 12 counted innovations, 4 of Dinas Kesehatan; two rivals."""
    opd = ["Dinas Kesehatan"] * 4 + ["Dinas Pendidikan"] * 8
    urusan = ["kesehatan"] * 4 + ["pendidikan"] * 8
    rows = pd.DataFrame({"tahun": 2026, "kode_wilayah": "a", "opd": opd, "urusan": urusan,
                         "tahapan": "penerapan", "id_inovasi": [f"a{i}" for i in range(12)]})
    for col in FW.sid_columns:
        rows[col] = 2
    rows["ind_33"] = 1
    rivals = rows.assign(kode_wilayah="b", id_inovasi=[f"b{i}" for i in range(12)])
    rivals2 = rows.assign(kode_wilayah="c", id_inovasi=[f"c{i}" for i in range(12)], ind_33=3)
    inov = pd.concat([rows, rivals, rivals2], ignore_index=True)
    spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b", "c"]})
    for col in FW.spd_columns:
        spd[col] = 2
    spd["spd_12"] = 1
    spd.loc[1, "spd_12"] = 2
    jenis = "kota"
    inov["jenis"] = jenis
    spd["jenis"] = jenis
    return inov, spd


@pytest.fixture()
def data():
    return _region()


def _base_iid(inov, spd):
    regions, _ = score(inov, spd)
    return regions.set_index("kode_wilayah")["skor_iid"]


def test_raise_sid_for_one_opd(data):
    inov, spd = data
    sc = pd.DataFrame({"skenario": ["Kes"], "aksi": ["naikkan_sid"], "target": ["ind_33"],
                       "nilai": [3], "opd": ["Dinas Kesehatan"]})
    out = apply_scenario(inov, spd, sc, "a")
    # 4 innovations x 2 levels x weight 3 = 24 points / MAX(12, 12) = 2 SID = 0.8 IID.
    assert out.ringkasan["skor_iid"].iloc[0] == pytest.approx(_base_iid(inov, spd)["a"] + 0.8)
    assert out.langkah["inovasi_berubah"].tolist() == [4]
    assert (out.inovasi.loc[out.inovasi["opd"] == "Dinas Kesehatan", "ind_33"] == 3).all()
    assert (out.inovasi.loc[out.inovasi["opd"] != "Dinas Kesehatan", "ind_33"] == 1).all()


def test_set_spd(data):
    inov, spd = data
    sc = pd.DataFrame({"skenario": ["S"], "aksi": ["atur_spd"], "target": [12], "nilai": [3]})
    out = apply_scenario(inov, spd, sc, "a").ringkasan.iloc[0]
    # spd_12 weight 2, level 1 -> 3: +4 SPD points = +1.6 IID.
    assert out["skor_iid"] == pytest.approx(_base_iid(inov, spd)["a"] + 1.6)
    assert out["skor_spd"] == pytest.approx(spd.loc[0, FW.spd_columns].to_numpy()
                                            @ FW.spd_weights.to_numpy() + 4)


def test_add_innovations(data):
    inov, spd = data
    sc = pd.DataFrame({"skenario": ["T"], "aksi": ["tambah_inovasi"], "nilai": [80],
                       "urusan": ["sosial"], "jumlah": [5], "target": [""]})
    out = apply_scenario(inov, spd, sc, "a").ringkasan.iloc[0]
    base_k = 2 * FW.sid_weights.sum() - 3  # every level 2, ind_33 at 1
    spd_score = 2 * FW.spd_weights.sum() - 2
    # Coverage: kesehatan, pendidikan, sosial = 3 < 5 basic urusan -> no jumlah points.
    expected = (spd_score + (12 * base_k + 5 * 80) / 17) / 250 * 100
    assert out["n_inovasi_dihitung"] == 17
    assert out["skor_iid"] == pytest.approx(expected)
    assert out["skor_jumlah_inovasi"] == 0


def test_drop_below_break_even_is_best_drop(data):
    inov, spd = data
    inov = inov.copy()
    low = inov.index[(inov["kode_wilayah"] == "a")][:3]
    inov.loc[low, FW.sid_columns] = 0   # three innovations scoring 0
    # 15 innovations now: add 3 more decent ones so that n > d.
    extra = inov.loc[inov.index[(inov["kode_wilayah"] == "a")][5:8]].assign(
        id_inovasi=["x1", "x2", "x3"])
    inov = pd.concat([inov, extra], ignore_index=True)
    sc = pd.DataFrame({"skenario": ["D"], "aksi": ["buang_di_bawah_impas"], "target": [""],
                       "nilai": [None]})
    out = apply_scenario(inov, spd, sc, "a")
    assert out.langkah["inovasi_berubah"].tolist() == [3]
    # Brute force over "drop the k lowest".
    mine = inov[inov["kode_wilayah"] == "a"]
    ks = mine[FW.sid_columns].to_numpy() @ FW.sid_weights.to_numpy()
    order = np.argsort(ks, kind="stable")
    best = max(_base_iid(pd.concat([mine.iloc[order[k:]], inov[inov["kode_wilayah"] != "a"]]),
                         spd)["a"] for k in range(len(mine)))
    assert out.ringkasan["skor_iid"].iloc[0] == pytest.approx(best)
    assert out.ringkasan["skor_iid"].iloc[0] > _base_iid(inov, spd)["a"]


def test_rank_against_cycle(data):
    inov, spd = data
    base = compare_scenarios(inov, spd, pd.DataFrame(
        {"skenario": ["S"], "aksi": ["atur_spd"], "target": ["spd_12"], "nilai": [3]}), "a")
    assert base["skenario"].tolist() == ["dasar", "S"]
    assert base["peringkat"].tolist() == [3, 2]      # c (ind_33 = 3) stays ahead
    assert base["selisih_peringkat"].tolist() == [0, 1]
    assert base["selisih_iid"].iloc[1] == pytest.approx(1.6)
    assert base["n_klaster"].tolist() == [3, 3]


def test_compare_many_scenarios_each_from_baseline(data):
    inov, spd = data
    sc = pd.DataFrame({
        "skenario": ["A", "B", "B"],
        "aksi": ["atur_spd", "atur_spd", "raise_sid"],
        "target": ["spd_12", "spd_12", "33"], "nilai": [3, 3, 3], "opd": ["", "", ""]})
    out = compare_scenarios(inov, spd, sc, "a").set_index("skenario")
    assert out.loc["A", "selisih_iid"] == pytest.approx(1.6)
    # B: +1.6 from SPD and 12 innovations x 2 levels x 3 / 12 x 0.4 = +2.4.
    assert out.loc["B", "selisih_iid"] == pytest.approx(4.0)


def test_invalid_rows_reported_with_row_column_reason(data):
    inov, spd = data
    sc = pd.DataFrame({"skenario": ["A", "B", "C", "", "E"],
                       "aksi": ["terbang", "naikkan_sid", "atur_spd", "atur_spd",
                                "tambah_inovasi"],
                       "target": ["", "ind_99", "spd_12", "spd_1", ""],
                       "nilai": [1, 2, 5, 1, 80], "jumlah": [None, None, None, None, 0]})
    with pytest.raises(DataError) as err:
        apply_scenario(inov, spd, sc, "a")
    table = err.value.to_frame()
    got = set(zip(table["row"], table["column"], strict=True))
    assert got == {(2, "aksi"), (3, "target"), (4, "nilai"), (5, "skenario"), (6, "jumlah")}
    assert table["reason"].str.contains("aksi tidak dikenal").any()
    assert table["reason"].str.contains("level harus").any()


def test_no_matching_opd_is_a_data_error(data):
    inov, spd = data
    sc = pd.DataFrame({"skenario": ["X"], "aksi": ["naikkan_sid"], "target": ["ind_33"],
                       "nilai": [3], "opd": ["Dinas Tidak Ada"]})
    with pytest.raises(DataError) as err:
        apply_scenario(inov, spd, sc, "a")
    assert err.value.problems[0].code == "NO_MATCH"


def test_yaml_and_csv_sources(tmp_path, data):
    inov, spd = data
    yml = tmp_path / "s.yaml"
    yml.write_text("SPD naik:\n  - {aksi: atur_spd, target: spd_12, nilai: 3}\n",
                   encoding="utf-8")
    csv = tmp_path / "s.csv"
    csv.write_text("skenario;aksi;target;nilai\nSPD naik;atur_spd;12;3\n", encoding="utf-8")
    a = compare_scenarios(inov, spd, yml, "a")
    b = compare_scenarios(inov, spd, csv, "a")
    pd.testing.assert_frame_equal(a, b)
    assert load_scenarios(csv, FW)["target"].tolist() == ["spd_12"]


@settings(max_examples=25, deadline=None)
@given(level=st.integers(0, 3), col=st.sampled_from(FW.sid_columns),
       spd_col=st.sampled_from(FW.spd_columns))
def test_raising_never_lowers_the_iid(level, col, spd_col):
    inov, spd = _region()
    sc = pd.DataFrame({"skenario": ["R", "S"], "aksi": ["naikkan_sid", "atur_spd"],
                       "target": [col, spd_col], "nilai": [level, 3]})
    out = compare_scenarios(inov, spd, sc, "a").set_index("skenario")
    assert out.loc["R", "skor_iid"] >= out.loc["dasar", "skor_iid"] - 1e-12
    assert out.loc["S", "skor_iid"] >= out.loc["dasar", "skor_iid"] - 1e-12
    assert 0 <= out["skor_iid"].min() and out["skor_iid"].max() <= 100


def _subset_totals(scores, pos, other_scores, other_pos, spd_score):
    """Total score after dropping each subset of the candidates (exhaustive, the formula)."""
    n = len(scores)
    out = {}
    for r in range(n + 1):
        for kept in itertools.combinations(range(n), r):
            kept = list(kept)
            keep_pos = np.concatenate([pos[kept], other_pos])
            covered = formula.basic_urusan_covered(keep_pos, np.zeros(len(keep_pos), int), 1,
                                                   len(BASIC))
            total = formula.region_terms([spd_score], [scores[kept].sum() + other_scores.sum()],
                                         [r + len(other_scores)], covered, FW)["skor_total"]
            out[tuple(sorted(set(range(n)) - set(kept)))] = float(total[0])
    return out


@settings(max_examples=40, deadline=None)
@given(scores=st.lists(st.sampled_from([0.0, 4.0, 10.0, 30.0, 55.5, 80.0, 95.25, 111.0]),
                       min_size=1, max_size=9),
       pos=st.lists(st.integers(-1, 5), min_size=9, max_size=9),
       n_other=st.integers(0, 10), other_pos=st.lists(st.integers(-1, 5), min_size=10,
                                                     max_size=10))
@example(scores=[100.0] * 11 + [4.0, 5.0], pos=[0, 1, 2, 3] + [0] * 7 + [4, 0], n_other=0,
         other_pos=[-1] * 10)   # the weakest is the only one of the fifth urusan
@example(scores=[60.0, 5.0, 4.0, 3.0], pos=[0, 1, 2, 3], n_other=8, other_pos=[4] * 10)
def test_best_drop_is_the_best_subset(scores, pos, n_other, other_pos):
    scores = np.array(scores)
    pos = np.array(pos[:len(scores)] + [0] * max(0, len(scores) - len(pos)))
    other_scores = np.full(n_other, 70.0)
    other = np.array(other_pos[:n_other], dtype=np.int64)
    totals = _subset_totals(scores, pos, other_scores, other, 20.0)
    dropped, total = best_drop(scores, pos, other_scores, other, 20.0, FW)
    assert total == pytest.approx(max(totals.values()), abs=1e-9)
    assert totals[tuple(dropped.tolist())] == pytest.approx(total, abs=1e-9)


def test_best_kept_sums_with_the_urusan_rule():
    s = best_kept_sums(np.array([90.0, 80.0, 10.0]), np.array([0, 0, 4]), np.array([1, 2, 3]),
                       FW)
    assert s.ruled.tolist() == [-np.inf, -np.inf, 100.0, 180.0]
    assert sorted(s.kept(2, True, np.array([0, 0, 4])).tolist()) == [0, 2]
    assert sorted(s.kept(2, False, np.array([0, 0, 4])).tolist()) == [0, 1]


def test_drop_what_if_beats_dropping_the_lowest(data):
    """The lowest innovation holds the fifth basic urusan: the exact drop keeps it."""
    inov, spd = data
    mine = pd.concat([inov[inov["kode_wilayah"] == "a"]] * 2, ignore_index=True)
    mine["id_inovasi"] = [f"a{j}" for j in range(len(mine))]
    mine["urusan"] = [BASIC[0], BASIC[1], BASIC[2], BASIC[3]] + [BASIC[0]] * 20
    extra = mine.iloc[:2].assign(id_inovasi=["low", "low2"], urusan=[BASIC[4], BASIC[0]])
    extra[FW.sid_columns] = 0
    extra.loc[extra.index[1], "ind_35"] = 1          # "low2" scores 1, "low" scores 0
    mine = pd.concat([mine, extra], ignore_index=True)
    sc = pd.DataFrame({"skenario": ["D"], "aksi": ["buang_di_bawah_impas"], "target": [""],
                       "nilai": [None]})
    out = apply_scenario(mine, spd[spd["kode_wilayah"] == "a"], sc, "a")
    kept = set(out.inovasi["id_inovasi"])
    assert "low" in kept and "low2" not in kept
    assert out.langkah["catatan"].iloc[0].startswith("tepat")
    lowest = _base_iid(mine[mine["id_inovasi"] != "low"], spd[spd["kode_wilayah"] == "a"])["a"]
    assert out.ringkasan["skor_iid"].iloc[0] > lowest
