"""Own-region score decomposition (inovlab.analysis.own_score): exact, by the one formula."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.own_score import PART_TOTAL, own_score
from inovlab.errors import UsageError
from inovlab.io.validation import load_table
from inovlab.report.tables import format_table, value_words
from inovlab.resources import data_path
from inovlab.rules.decomposition import region_table
from inovlab.rules.framework import load_framework
from inovlab.testing import example_tables

FW = load_framework(2026)
SCALE = 100.0 / FW.total_max
BASIC = list(FW.basic_service_urusan)


@pytest.fixture(scope="module")
def contoh():
    inv = load_table(data_path("contoh", "inovasi_contoh.csv"), "inovasi", cycle=2026)
    spd = load_table(data_path("contoh", "spd_contoh.csv"), "spd", cycle=2026)
    return inv, spd


def _identical(n: int, level: int = 2, opd=None, urusan=None) -> pd.DataFrame:
    """``n`` counted innovations of 19.71 with every SID indicator at ``level``."""
    urusan = urusan if urusan is not None else [BASIC[i % len(BASIC)] for i in range(n)]
    return pd.DataFrame({
        "tahun": 2026, "kode_wilayah": "19.71", "id_inovasi": [f"i{i}" for i in range(n)],
        "opd": opd if opd is not None else ["Dinkes"] * n, "tahapan": "penerapan",
        "urusan": urusan, **{c: level for c in FW.sid_columns}})


SPD_WIDE = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"],
                         **{c: [1] for c in FW.spd_columns}})


def test_parts_sum_to_the_region_tables_iid(contoh):
    inv, spd = contoh
    own = own_score(inv, spd, None, 2026)
    table = region_table(inv, spd, 2026)
    parts = own.parts.set_index("bagian")
    assert own.skor_iid == pytest.approx(float(table["skor_iid"].iloc[0]), abs=1e-12)
    assert parts.drop(PART_TOTAL)["poin_iid"].sum() == pytest.approx(own.skor_iid, abs=1e-9)
    assert parts.loc[PART_TOTAL, "poin_maksimum"] == pytest.approx(100.0)
    # independently: SPD points = skor_spd * 100 / T
    assert parts.loc["spd", "poin_iid"] == pytest.approx(
        float(table["skor_spd"].iloc[0]) * SCALE)
    assert own.n_dihitung == int(table["n_inovasi_dihitung"].iloc[0]) == 18
    assert own.pembagi == 18 and own.skor_spd_ada and own.predikat == "Inovatif"
    # indicator points and losses add up to the parts
    by_part = own.indicators.groupby("bagian")[["poin_saat_ini", "poin_hilang"]].sum()
    np.testing.assert_allclose(by_part.loc[["spd", "kematangan", "jumlah_inovasi"]].to_numpy(),
                               parts.loc[["spd", "kematangan", "jumlah_inovasi"],
                                         ["poin_iid", "poin_hilang"]].to_numpy(), atol=1e-9)
    assert len(own.indicators) == len(FW.spd_columns) + len(FW.sid_columns) + 1
    assert own.indicators["poin_satu_langkah"].is_monotonic_decreasing


def test_one_sid_step_equals_rescoring(contoh):
    inv, spd = contoh
    own = own_score(inv, spd, None, 2026)
    sid = own.indicators[(own.indicators["bagian"] == "kematangan")
                         & (own.indicators["n_bisa_naik"] > 0)].iloc[0]
    col = sid["indikator"]
    w = float(FW.sid_weights.to_numpy()[FW.sid_columns.index(col)])
    assert sid["poin_satu_langkah"] == pytest.approx(w / 18 * SCALE)
    scored = inv.assign(_ok=inv["tahapan"].eq("penerapan"))
    row = scored.index[(scored[col] < 3) & scored["_ok"]
                       & scored["tanggal_penerapan"].dt.year.lt(2026)][0]
    bumped = inv.copy()
    bumped.loc[row, col] += 1
    after = own_score(bumped, spd, None, 2026)
    assert after.n_dihitung == own.n_dihitung
    assert after.skor_iid - own.skor_iid == pytest.approx(sid["poin_satu_langkah"], abs=1e-12)


def test_one_spd_step_equals_rescoring():
    inv = _identical(4)
    own = own_score(inv, SPD_WIDE, "19.71", 2026)
    row = own.indicators.set_index("indikator").loc["spd_12"]
    w = float(FW.spd_weights.to_numpy()[FW.spd_columns.index("spd_12")])
    assert row["poin_satu_langkah"] == pytest.approx(w * SCALE) and row["n_bisa_naik"] == 1
    after = own_score(inv, SPD_WIDE.assign(spd_12=2), "19.71", 2026)
    assert after.skor_iid - own.skor_iid == pytest.approx(row["poin_satu_langkah"], abs=1e-12)


@pytest.mark.parametrize("n", [5, 15])  # below and above the divisor floor d = 12
def test_one_more_innovation_equals_rescoring(n):
    inv = _identical(n)
    own = own_score(inv, SPD_WIDE, "19.71", 2026)
    gain = own.indicators.set_index("indikator").loc["jumlah_inovasi", "poin_satu_langkah"]
    plus = pd.concat([inv, _identical(1).assign(id_inovasi="extra")], ignore_index=True)
    after = own_score(plus, SPD_WIDE, "19.71", 2026)
    assert after.skor_iid - own.skor_iid == pytest.approx(gain, abs=1e-12)
    k = 2 * float(FW.sid_weights.sum())  # every indicator at level 2
    expected = (k / 12 if n < 12 else 0.0) + FW.jumlah_points
    assert gain == pytest.approx(expected * SCALE)


def test_no_jumlah_points_without_the_urusan_rule():
    inv = _identical(15, urusan=["pariwisata"] * 15)
    own = own_score(inv, SPD_WIDE, "19.71", 2026)
    assert not own.syarat_urusan_terpenuhi and own.urusan_tercakup == 0
    assert own.parts.set_index("bagian").loc["jumlah_inovasi", "poin_iid"] == 0.0
    row = own.priorities(top=None).set_index("indikator")
    assert "jumlah_inovasi" not in row.index  # n >= d and no jumlah term: no gain at all


def test_opd_contributions_and_shortfall():
    opd = ["Dinkes"] * 3 + ["Disdik"] * 1 + ["Dinsos"] * 2
    inv = _identical(6, opd=opd)
    inv.loc[5, "tahapan"] = "uji coba"  # one Dinsos innovation not counted
    own = own_score(inv, SPD_WIDE, "19.71", 2026, target_per_opd=2)
    parts = own.parts.set_index("bagian")["poin_iid"]
    assert own.opd["poin_iid"].sum() == pytest.approx(parts["kematangan"] + parts["jumlah_inovasi"])
    t = own.opd.set_index("opd")
    assert t.loc["Dinkes", "poin_iid"] == pytest.approx(
        3 * 2 * FW.sid_weights.sum() / 12 * SCALE + parts["jumlah_inovasi"] * 3 / 5)
    assert t.loc["Disdik", "kekurangan"] == 1 and t.loc["Dinkes", "kekurangan"] == 0
    # uncounted innovation loses its whole maximum kematangan over the divisor
    assert t.loc["Dinsos", "poin_hilang"] == pytest.approx(
        (FW.kematangan_max - 2 * FW.sid_weights.sum() + FW.kematangan_max) / 12 * SCALE)
    # filling Disdik's shortfall with one innovation at the mean = re-scoring with it
    plus = pd.concat([inv, _identical(1, opd=["Disdik"]).assign(id_inovasi="x")],
                     ignore_index=True)
    after = own_score(plus, SPD_WIDE, "19.71", 2026)
    assert t.loc["Disdik", "poin_kekurangan"] == pytest.approx(after.skor_iid - own.skor_iid)


def test_missing_spd_counts_zero_and_is_flagged():
    inv = _identical(4)
    own = own_score(inv, None, "19.71", 2026)
    assert not own.skor_spd_ada and own.sources["spd"] is None
    assert own.parts.set_index("bagian").loc["spd", "poin_iid"] == 0.0
    k = 2 * float(FW.sid_weights.sum())
    expected = (4 * k / 12 + FW.jumlah_points * 4 * 0) * SCALE  # 4 urusan < 5: no jumlah term
    assert own.skor_iid == pytest.approx(expected)
    assert "Data SPD tidak ada" in own.sentence()
    assert own_score(inv, SPD_WIDE.iloc[0:0], "19.71", 2026).skor_spd_ada is False


def test_region_selection(contoh):
    inv, spd = contoh
    assert own_score(inv, spd, "Pangkalpinang", 2026).kode_wilayah == "19.71"
    two = pd.concat([_identical(2), _identical(2).assign(kode_wilayah="19.72")])
    with pytest.raises(UsageError):
        own_score(two, None, None, 2026)
    assert own_score(two, None, "19.72", 2026).kode_wilayah == "19.72"
    with pytest.raises(UsageError):
        own_score(inv, spd, None, 2025)


def test_priorities_and_costs(contoh):
    inv, spd = contoh
    own = own_score(inv, spd, None, 2026)
    p = own.priorities()
    assert len(p) == 10 and p["peringkat_prioritas"].tolist() == list(range(1, 11))
    assert (p["poin_satu_langkah"] > 0).all() and p["saran"].str.len().gt(0).all()
    assert p["kode_wilayah"].eq("19.71").all()
    costed = own.priorities(top=None, costs=True)
    assert "spd_8" not in set(costed["indikator"])  # BPK opinion: not changeable this cycle
    assert costed["poin_per_biaya"].is_monotonic_decreasing
    assert own.priorities(lang="en")["saran"].iloc[0].startswith("raise")


def test_sentence_names_the_parts(contoh):
    inv, spd = contoh
    own = own_score(inv, spd, None, 2026)
    text = own.sentence()
    assert text.startswith("Skor IID 55,52 (Inovatif) = SPD 17,30 + kematangan 35,49 + "
                           "jumlah inovasi 2,74 poin")
    assert "Opini BPK" in text
    assert own.sentence("en").startswith("IID 55.52 (Inovatif) = SPD 17.30")


@pytest.mark.parametrize("level", [0, 2, 3])
def test_priorities_never_point_at_unreachable_steps(level):
    """Indicators at level 3 and innovations at the cycle's cap are never priorities."""
    cap = FW.jumlah_cap
    inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71", "tahapan": "penerapan",
                         "id_inovasi": [f"i{k}" for k in range(cap)], "opd": "Dinkes",
                         "urusan": "pendidikan",
                         **{c: (3 if i % 2 else level) for i, c in enumerate(FW.sid_columns)}})
    spd = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"],
                        **{c: [3 if i % 2 else level] for i, c in enumerate(FW.spd_columns)}})
    own = own_score(inov, spd, "19.71", 2026)
    for costs in (None, True):
        p = own.priorities(top=None, costs=costs)
        assert (p["level_saat_ini"][p["indikator"] != "jumlah_inovasi"] < 3).all()
        assert "jumlah_inovasi" not in set(p["indikator"])      # n is at the cap already
        assert (p["n_bisa_naik"] > 0).all() and (p["poin_satu_langkah"] > 0).all()


@pytest.mark.parametrize("lang, words", [("id", "yang dihitung (2 dari maks. 200)"),
                                         ("en", "counted innovations (2 of max. 200)")])
def test_count_row_has_no_level_and_states_the_count_in_its_name(lang, words):
    own = own_score(*example_tables(), "19.71", 2026, lang=lang)
    row = own.indicators.set_index("indikator").loc["jumlah_inovasi"]
    assert pd.isna(row["level_saat_ini"]) and pd.isna(row["n_bisa_naik"])
    assert row["nama_indikator"].endswith(words) and own.n_dihitung == 2
    others = own.indicators[own.indicators["indikator"] != "jumlah_inovasi"]
    assert others["level_saat_ini"].notna().all() and others["n_bisa_naik"].notna().all()
    shown = format_table(own.indicators, lang)
    count_row = shown[shown.iloc[:, 0] == value_words("jumlah_inovasi", lang)].iloc[0]
    assert count_row.iloc[3] == "" and count_row.iloc[-1] == ""
