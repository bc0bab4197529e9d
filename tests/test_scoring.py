"""The IID arithmetic: hand-worked examples for 2023 and 2026, and properties that must hold."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import (
    break_even,
    break_even_table,
    canonical_urusan,
    score,
    score_innovations,
    score_regions,
    score_spd,
    spd_wide,
)

SID = [f"ind_{c}" for c in range(16, 36)]


def innovations(year, code, levels, tahapan="penerapan", urusan=None, tanggal=None):
    """Rows with the same level on every SID indicator (one level per innovation)."""
    rows = []
    for i, level in enumerate(levels):
        row = {"tahun": year, "kode_wilayah": code, "nama_daerah": f"Daerah {code}",
               "id_inovasi": f"{code}-{i}", "tahapan": tahapan if isinstance(tahapan, str)
               else tahapan[i], **dict.fromkeys(SID, level)}
        if urusan is not None:
            row["urusan"] = urusan[i]
        if tanggal is not None:
            row["tanggal_penerapan"] = pd.Timestamp(tanggal[i]) if tanggal[i] else pd.NaT
        rows.append(row)
    return pd.DataFrame(rows)


def spd_all(year, code, level):
    fw = load_framework(year)
    return pd.DataFrame([{"tahun": year, "kode_wilayah": code,
                          **dict.fromkeys(fw.spd_columns, level)}])


# -- hand-worked examples -------------------------------------------------------------

def test_hand_worked_2023():
    """12 counted innovations at level 2, SPD at level 3, cycle 2023.

    kematangan = 2 x 37 = 74 each; sum 888 / MAX(10, 12) = 74.
    jumlah = 0.38 x 12 = 4.56 (no urusan rule known for 2023).
    SPD = 3 x 21 = 63. Total = 63 + 74 + 4.56 = 141.56. IID = 141.56 / 250 x 100 = 56.624.
    Predikat: 35.00 <= 56.62 < 60.01 -> Inovatif.
    An innovation dated 2019 still counts (no 2023 window known).
    """
    inn = innovations(2023, "19.71", [2] * 12, tanggal=["2019-01-01"] + [None] * 11)
    regions, scored = score(inn, spd_all(2023, "19.71", 3))
    assert scored["skor_kematangan"].tolist() == [74.0] * 12
    assert scored["dihitung"].all()
    r = regions.iloc[0]
    assert r.skor_spd == 63
    assert r.rata_kematangan == pytest.approx(74.0)
    assert r.skor_jumlah_inovasi == pytest.approx(4.56)
    assert r.skor_total == pytest.approx(141.56)
    assert r.skor_iid == pytest.approx(56.624)
    assert r.predikat == "Inovatif"
    assert r.nama_daerah == "Daerah 19.71"


def test_hand_worked_2026():
    """Cycle 2026: divisor 12, jumlah only with >= 5 of 6 basic-service urusan.

    Counted: level 3 (111) and level 1 (37), sum 148 / MAX(12, 2) = 12.333...
    A trial-stage (uji coba) innovation and one implemented in 2023 (before the 2024-2025
    window) do not count. Two urusan covered < 5 -> jumlah = 0.
    SPD all level 2 -> 42. Total 54.333..., IID 21.7333 -> Kurang Inovatif (< 40.01).
    """
    inn = innovations(2026, "17.71", [3, 1, 3, 3],
                      tahapan=["penerapan", "penerapan", "uji coba", "penerapan"],
                      urusan=["Kesehatan", "pendidikan", "sosial", "PUPR"],
                      tanggal=["2024-03-01", "2025-12-31", "2024-05-01", "2023-06-30"])
    regions, scored = score(inn, spd_all(2026, "17.71", 2))
    assert scored["dihitung"].tolist() == [True, True, False, False]
    assert "uji coba" in scored["alasan"].iloc[2]
    assert "jendela" in scored["alasan"].iloc[3]
    r = regions.iloc[0]
    assert (r.n_inovasi, r.n_inovasi_dihitung, r.urusan_dasar_tercakup) == (4, 2, 2)
    assert not r.syarat_urusan_terpenuhi
    assert r.skor_jumlah_inovasi == 0
    assert r.rata_kematangan == pytest.approx(148 / 12)
    assert r.kematangan_per_inovasi == pytest.approx(74.0)
    assert r.skor_iid == pytest.approx((42 + 148 / 12) / 250 * 100)
    assert r.predikat == "Kurang Inovatif"
    # Only "penerapan counts" is an assumption in 2026; it is named in the output.
    assert r.keyakinan_aturan == "inferred"
    assert r.aturan_asumsi == "counted_stage"


def test_2026_jumlah_with_five_basic_urusan():
    urusan = ["kesehatan", "pendidikan", "sosial", "PUPR", "perkim", "pariwisata"]
    inn = innovations(2026, "61.71", [3] * 6, urusan=urusan)
    r = score(inn, spd_all(2026, "61.71", 3))[0].iloc[0]
    assert r.urusan_dasar_tercakup == 5 and r.syarat_urusan_terpenuhi
    assert r.skor_jumlah_inovasi == pytest.approx(0.38 * 6)
    assert r.skor_iid == pytest.approx((63 + 6 * 111 / 12 + 0.38 * 6) / 2.5)


def test_without_spd_the_spd_parts_are_missing_not_zero():
    regions = score(innovations(2026, "19.71", [3, 3]))[0]
    r = regions.iloc[0]
    assert np.isnan(r.skor_spd) and np.isnan(r.skor_total) and np.isnan(r.skor_iid)
    assert r.predikat == ""
    assert r.skor_sid == pytest.approx(2 * 111 / 12)


def test_regions_with_spd_only_score_zero_sid():
    regions = score_regions(score_innovations(innovations(2026, "19.71", [2])),
                            pd.concat([spd_all(2026, "19.71", 1), spd_all(2026, "17.71", 1)]))
    other = regions.set_index("kode_wilayah").loc["17.71"]
    assert other.n_inovasi == 0 and other.skor_sid == 0 and other.skor_spd == 21


def test_several_cycles_in_one_table_use_their_own_rules():
    inn = pd.concat([innovations(2023, "19.71", [3] * 3), innovations(2026, "19.71", [3] * 3)])
    regions = score(inn, pd.concat([spd_all(2023, "19.71", 0), spd_all(2026, "19.71", 0)]))[0]
    by_year = regions.set_index("tahun")
    assert by_year.loc[2023, "rata_kematangan"] == pytest.approx(333 / 10)
    assert by_year.loc[2026, "rata_kematangan"] == pytest.approx(333 / 12)


def test_spd_long_and_wide_agree():
    long = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                         "indikator": ["1", "2A", "12"], "level": [3, 2, 1]})
    wide = spd_wide(long)
    assert set(wide.columns) == {"tahun", "kode_wilayah", "spd_1", "spd_2a", "spd_12"}
    assert score_spd(long)["skor_spd"].iloc[0] == pytest.approx(3 * 1 + 2 * 1 + 1 * 2)


def test_canonical_urusan():
    fw = load_framework(2026)
    got = canonical_urusan(pd.Series(["  Kesehatan ", "Trantibum", None]), fw).tolist()
    assert got[:2] == ["kesehatan",
                       "ketenteraman dan ketertiban umum serta pelindungan masyarakat"]
    assert pd.isna(got[2])


def test_break_even_examples_from_the_methodology():
    fw = load_framework(2026)
    # s* = mean - 0.38 (n + 1) when n >= divisor: 80 - 0.38 x 26 = 70.12
    assert break_even([25, 50], [80, 85], fw).tolist() == pytest.approx([70.12, 65.62])
    # below the divisor floor any innovation helps
    assert break_even([3], [90], fw)[0] < 0
    # at the cap the jumlah term no longer moves: break-even is the mean
    assert break_even([250], [80], fw)[0] == pytest.approx(80)
    # without the urusan rule met there are no jumlah points either
    assert break_even([25], [80], fw, urusan_ok=False)[0] == pytest.approx(80)


def test_break_even_table_beside_rule_of_thumb():
    regions = score(innovations(2026, "19.71", [2] * 30), spd_all(2026, "19.71", 2))[0]
    table = break_even_table(regions)
    assert table["aturan_praktis"].iloc[0] == 70
    assert table["selisih"].iloc[0] == pytest.approx(70 - table["skor_impas"].iloc[0])


def test_empty_input():
    empty = innovations(2026, "19.71", [])
    assert score_innovations(empty).empty


# -- properties ---------------------------------------------------------------------

CYCLE = st.sampled_from([2022, 2023, 2024, 2025, 2026, 2027, 2029])
URUSAN = ["kesehatan", "pendidikan", "sosial", "pupr", "perkim", "trantibum", "pariwisata"]


@st.composite
def portfolios(draw):
    cycle = draw(CYCLE)
    fw = load_framework(cycle)
    n = draw(st.integers(0, 30))
    levels = draw(st.lists(st.lists(st.integers(0, 3), min_size=20, max_size=20),
                           min_size=n, max_size=n))
    stages = draw(st.lists(st.sampled_from(["penerapan", "penerapan", "uji coba"]),
                           min_size=n, max_size=n))
    urusan = draw(st.lists(st.sampled_from(URUSAN), min_size=n, max_size=n))
    spd = draw(st.lists(st.integers(0, 3), min_size=len(fw.spd_codes),
                        max_size=len(fw.spd_codes)))
    inn = pd.DataFrame(levels, columns=fw.sid_columns) if n else pd.DataFrame(
        columns=fw.sid_columns)
    inn.insert(0, "tahun", cycle)
    inn.insert(1, "kode_wilayah", "19.71")
    inn["tahapan"] = stages
    inn["urusan"] = urusan
    spd_df = pd.DataFrame([[cycle, "19.71", *spd]], columns=["tahun", "kode_wilayah",
                                                              *fw.spd_columns])
    return fw, inn, spd_df


def iid(inn, spd_df):
    return score(inn, spd_df)[0]["skor_iid"].iloc[0]


@settings(max_examples=60, deadline=None)
@given(portfolios())
def test_iid_within_bounds(case):
    _, inn, spd_df = case
    value = iid(inn, spd_df)
    assert 0 <= value <= 100


@settings(max_examples=60, deadline=None)
@given(portfolios(), st.data())
def test_iid_never_decreases_when_a_level_rises(case, data):
    fw, inn, spd_df = case
    before = iid(inn, spd_df)
    if len(inn) and data.draw(st.booleans()):
        row = data.draw(st.integers(0, len(inn) - 1))
        col = data.draw(st.sampled_from(fw.sid_columns))
        inn = inn.copy()
        inn.loc[inn.index[row], col] = min(3, int(inn.iloc[row][col]) + 1)
    else:
        col = data.draw(st.sampled_from(fw.spd_columns))
        spd_df = spd_df.copy()
        spd_df[col] = min(3, int(spd_df[col].iloc[0]) + 1)
    assert iid(inn, spd_df) >= before - 1e-9


@settings(max_examples=80, deadline=None)
@given(portfolios(), st.integers(0, 3), st.data())
def test_adding_an_innovation_and_the_break_even(case, level, data):
    fw, inn, spd_df = case
    regions = score(inn, spd_df)[0].iloc[0]
    before = regions.skor_iid
    # Keep the urusan coverage unchanged: reuse an urusan already counted (or a
    # non-basic one when none is).
    counted = score_innovations(inn)["dihitung"] if len(inn) else pd.Series(dtype=bool)
    urusan = inn.loc[counted, "urusan"].iloc[0] if counted.any() else "pariwisata"
    new_levels = data.draw(st.lists(st.integers(0, 3), min_size=20, max_size=20))
    new = pd.DataFrame([new_levels], columns=fw.sid_columns)
    new.insert(0, "tahun", fw.cycle)
    new.insert(1, "kode_wilayah", "19.71")
    new["tahapan"] = "penerapan"
    new["urusan"] = urusan
    s = float(np.dot(new_levels, fw.sid_weights.to_numpy()))
    after = iid(pd.concat([inn, new], ignore_index=True), spd_df)
    threshold = regions.skor_impas
    if s > threshold + 1e-9:
        assert after >= before - 1e-9
    elif s < threshold - 1e-9:
        assert after <= before + 1e-9
