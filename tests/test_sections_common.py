"""Tests of inovlab.workbook.sections.common: data section, own score, rank summary."""

import json
import math

import pandas as pd
import pytest
from test_situation import DATA, SITUATIONS, read_hasil_daftar, situation_inputs

from inovlab.io.regions import load_regions
from inovlab.rules.decomposition import region_table
from inovlab.workbook.sections import common
from inovlab.workbook.situation import situation_of

N_DRAWS = 2000
CONTRACT_KEYS = {"bidang", "n_bidang", "saat_ini", "proyeksi", "median", "p05", "p95",
                 "p_top_k", "top_k", "mc_se", "n_draws", "sumber"}
EXTRA_KEYS = {"siklus_bidang", "siklus_sebaran", "p_sangat_inovatif",
              "p_top_k_tanpa_syarat_level", "peluang_turun_level"}
"""Keys added to the contract's ``peringkat`` object (additive, documented in the README)."""
RANKED = ("sendiri_daftar_skor", "provinsi_lengkap", "demo", "hasil_saja")
UNRANKED = ("sendiri", "sendiri_predikat", "sendiri_siklus_lalu", "predikat_lain", "lain")


def own_iid(inputs) -> float:
    """The region's IID by the region table (a path independent of own_score)."""
    table = region_table(inputs.of_region("inovasi"), inputs.of_region("spd"), inputs.cycle,
                         inputs.framework)
    return float(table["skor_iid"].iloc[0])


def field_scores(name: str) -> tuple[pd.Series, float | None]:
    """Other members' scores and the own score in the field's cycle, read with pandas."""
    if name in ("sendiri_daftar_skor", "hasil_saja"):
        h = read_hasil_daftar()
        own = h["nama_daerah"].str.lower().str.contains("pangkal")
        return h.loc[~own, "skor_iid"], float(h.loc[own, "skor_iid"].iloc[0])
    if name == "provinsi_lengkap":
        h = pd.read_csv(DATA / "provinsi_lengkap" / "hasil.csv", dtype={"kode_wilayah": str})
        kota = h[(h["tahun"] == 2025) & h["kode_wilayah"].str.startswith("32.7")]
        own = kota["kode_wilayah"] == "32.71"
        return kota.loc[~own, "skor_iid"], float(kota.loc[own, "skor_iid"].iloc[0])
    h = situation_inputs("demo").hasil
    jenis = load_regions().set_index("kode_wilayah")["jenis"]
    kota = h[(h["tahun"] == 2026) & h["kode_wilayah"].map(jenis).eq("kota")]
    own = kota["kode_wilayah"] == "19.71"
    return kota.loc[~own, "skor_iid"], float(kota.loc[own, "skor_iid"].iloc[0])


@pytest.fixture(scope="module")
def summaries():
    return {n: common.rank_summary(situation_inputs(n), n_draws=N_DRAWS) for n in SITUATIONS}


@pytest.mark.parametrize("name", SITUATIONS)
def test_data_section_says_what_was_loaded(name):
    inputs = situation_inputs(name)
    s = common.data_section(inputs)
    assert not s.available
    lines = s.note.splitlines()
    assert lines[0] == inputs.describe()
    assert lines[1:] == situation_of(inputs).lines(len(inputs.of_region("inovasi")))


@pytest.mark.parametrize("name", UNRANKED)
def test_no_rank_without_a_field_with_scores(summaries, name):
    assert summaries[name] is None
    s = common.rank_section(situation_inputs(name), n_draws=N_DRAWS)
    assert not s.available
    sit = situation_of(situation_inputs(name))
    assert s.note.splitlines()[0] == sit.field_note


def test_no_rank_without_own_score_or_membership_says_so():
    s = common.rank_section(situation_inputs("lain"), n_draws=N_DRAWS)
    sit = situation_of(situation_inputs("lain"))
    assert s.note.splitlines() == [sit.field_note, sit.why_not("own")]


@pytest.mark.parametrize("name", RANKED)
def test_rank_summary_matches_the_contract(summaries, name):
    r = summaries[name]
    assert set(r) == CONTRACT_KEYS | EXTRA_KEYS
    field = situation_of(situation_inputs(name)).field
    assert (r["bidang"], r["n_bidang"], r["top_k"]) == (field.label, field.n, 10)
    assert r["sumber"] == ("data demo (sintetis)" if name == "demo" else "data pengguna")
    if r["median"] is not None:
        assert r["p05"] <= r["median"] <= r["p95"]
        assert all(isinstance(r[k], int) for k in ("median", "p05", "p95"))
        assert 1 <= r["p05"] and r["p95"] <= r["n_bidang"]
        assert r["n_draws"] == N_DRAWS
        p = r["p_top_k"]
        assert 0.0 <= p <= 1.0
        # the per-draw conditional probability has no more spread than the indicator
        assert 0.0 <= r["mc_se"] <= math.sqrt(p * (1 - p) / N_DRAWS) + 1e-12
    else:
        assert (r["p05"], r["p95"], r["p_top_k"], r["mc_se"], r["n_draws"]) == (
            None, None, None, None, 0)
    json.dumps(r)  # plain JSON values only


@pytest.mark.parametrize("name", ["sendiri_daftar_skor", "provinsi_lengkap", "demo"])
def test_projection_and_current_rank_are_independent_counts(summaries, name):
    others, own_then = field_scores(name)
    score = own_iid(situation_inputs(name))
    assert summaries[name]["proyeksi"] == 1 + int((others > score).sum())
    assert summaries[name]["saat_ini"] == 1 + int((others > own_then).sum())


def test_known_ranks(summaries):
    assert (summaries["sendiri_daftar_skor"]["saat_ini"],
            summaries["sendiri_daftar_skor"]["proyeksi"]) == (2, 3)
    assert (summaries["provinsi_lengkap"]["saat_ini"],
            summaries["provinsi_lengkap"]["proyeksi"]) == (7, 8)
    # a results list of one cycle holds no changes between cycles: no range
    assert summaries["sendiri_daftar_skor"]["median"] is None
    assert summaries["provinsi_lengkap"]["median"] is not None
    # results only: the rank in the list, no projection
    assert (summaries["hasil_saja"]["saat_ini"], summaries["hasil_saja"]["proyeksi"]) == (2, None)


def test_rank_summary_is_reproducible_with_a_seed():
    a = common.rank_summary(situation_inputs("demo"), n_draws=N_DRAWS, seed=3)
    b = common.rank_summary(situation_inputs("demo"), n_draws=N_DRAWS, seed=3)
    assert a == b


def test_rank_section_names_field_size_and_earlier_cycle():
    s = common.rank_section(situation_inputs("sendiri_daftar_skor"), n_draws=N_DRAWS)
    lines = s.note.splitlines()
    assert lines[0] == situation_of(situation_inputs("sendiri_daftar_skor")).field_note
    assert "bukan 2026" in lines[0]
    assert lines[1] == ("Peringkat di antara 7 pemda dalam berkas Anda: Kepulauan Bangka "
                        "Belitung 2024: pada hasil 2024 2; proyeksi usulan siklus 2026 ini 3 "
                        "(bila daerah lain tidak berubah).")
    assert lines[2].startswith("Rentang peringkat siklus berikutnya butuh perubahan skor")
    assert s.numbers["peringkat"][0]["siklus_sebaran"] == 2026
    assert s.numbers["peringkat"][0]["proyeksi"] == 3
    assert s.table.loc[0, "bidang"] == "7 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024"


def test_rank_section_with_range_and_same_cycle():
    s = common.rank_section(situation_inputs("demo"), n_draws=N_DRAWS)
    r = s.numbers["peringkat"][0]
    assert "98 kota dalam data demo (sintetis) 2026 (siklus yang sama)" in s.note
    assert (f"Sebaran peringkat pada hasil 2027: median {r['median']}, kemungkinan besar (90%) "
            f"antara {r['p05']} dan {r['p95']}" in s.note)
    assert "2.000 simulasi" in s.note
    assert "Skor sendiri bergerak dengan cara yang sama." in s.note     # symmetric model
    assert "tanpa memperhatikan tingkat skor" in s.note               # the level choice shown


def test_rank_section_results_only_says_why_no_projection():
    s = common.rank_section(situation_inputs("hasil_saja"), n_draws=N_DRAWS)
    assert "proyeksi usulan siklus 2026 ini –" in s.note
    assert situation_of(situation_inputs("hasil_saja")).why_not("own") in s.note


def test_rank_section_writes_the_contract_entry(tmp_path):
    common.rank_section(situation_inputs("provinsi_lengkap"), n_draws=N_DRAWS).show(
        tmp_path, notebook="03_penggerak_peringkat")
    entry = json.loads((tmp_path / "ringkasan.json").read_text(encoding="utf-8"))["peringkat"]
    assert set(entry["value"]) == CONTRACT_KEYS | EXTRA_KEYS
    assert entry["value"]["peluang_turun_level"] == 0.1           # own files: verification risk
    assert entry["label"] == "Peringkat di antara 9 kota dalam berkas Anda: Jawa Barat 2025"
    assert entry["notebook"] == "03_penggerak_peringkat"


def test_rank_section_in_english():
    s = common.rank_section(situation_inputs("sendiri_daftar_skor", "en"), n_draws=N_DRAWS)
    assert s.numbers["peringkat"][0]["bidang"] == ("7 pemda in your files: Kepulauan Bangka "
                                                   "Belitung 2024")
    assert "in the 2024 results 2; this cycle 2026 submission's projection 3" in s.note
    assert s.numbers["peringkat"][0]["sumber"] == "user data"


@pytest.mark.parametrize("name", ["sendiri", "provinsi_lengkap", "sendiri_siklus_lalu"])
def test_own_score_and_current_score(name):
    inputs = situation_inputs(name)
    own = common.own_score_of(inputs)
    assert own.skor_iid == pytest.approx(own_iid(inputs))
    assert common.current_score(inputs) == pytest.approx(own.skor_iid)
    parts = own.parts.set_index("bagian")["poin_iid"]
    assert parts.drop("total").sum() == pytest.approx(own.skor_iid)


def test_no_own_files_no_own_score():
    assert common.own_score_of(situation_inputs("hasil_saja")) is None
    # the results list is of 2024: no score of this cycle from it either
    assert common.current_score(situation_inputs("hasil_saja")) is None
