"""Tests of inovlab.workbook.sections.simulation on every data situation."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from test_situation import SITUATIONS, WITHOUT_OWN, situation_inputs

from inovlab.workbook.sections import common, simulation
from inovlab.workbook.situation import situation_of

SCENARIOS = [
    {"skenario": "spd_14_penuh", "aksi": "atur_spd", "target": "spd_14", "nilai": 3},
    {"skenario": "tambah_5_inovasi", "aksi": "tambah_inovasi", "nilai": 80,
     "urusan": "kesehatan", "jumlah": 5},
]
# the notebook's defaults: target_iid 0, target_peringkat 10, kematangan_baru "pilih"
DEFAULTS = (0.0, 10, "", "pilih")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _has_field(name) -> bool:
    field = situation_of(situation_inputs(name)).field
    return field is not None and field.has_scores


@pytest.mark.parametrize("name", SITUATIONS)
def test_scenarios_rank_only_among_a_field(name):
    inputs = situation_inputs(name)
    s = simulation.scenarios(inputs, SCENARIOS)
    sit = situation_of(inputs)
    if name in WITHOUT_OWN:
        assert not s.available and s.note == sit.why_not("own")
        return
    t = s.table
    assert t["skenario"].tolist() == ["dasar", "spd_14_penuh", "tambah_5_inovasi"]
    assert t["skor_iid"].iloc[0] == pytest.approx(common.own_score_of(inputs).skor_iid)
    if _has_field(name):
        assert sit.field_note in s.note
        proj = common.rank_summary(inputs, n_draws=2000)["proyeksi"]
        assert int(t["peringkat"].iloc[0]) == proj
        assert int(t["n_klaster"].iloc[0]) == sit.field.n
    else:
        assert s.note.endswith("Kolom peringkat kosong: " + sit.field_note)
        for col in ("peringkat", "n_klaster", "selisih_peringkat"):
            assert t[col].isna().all()


@pytest.mark.parametrize("name", SITUATIONS)
def test_plan_rank_only_among_a_field(name):
    inputs = situation_inputs(name)
    steps, summary = simulation.plan(inputs, *DEFAULTS)
    sit = situation_of(inputs)
    if name in WITHOUT_OWN:
        assert not steps.available and steps.note == sit.why_not("own")
        assert not summary.available
        return
    assert steps.note.splitlines()[-1] == sit.field_note
    row = summary.table.iloc[0]
    if _has_field(name):
        assert "rencana_peringkat_baru" in steps.numbers
        value = steps.numbers["rencana_peringkat_baru"][0]
        assert value is None or isinstance(value, int)
        if not steps.table.empty:
            assert f"di antara {sit.field.label}" in steps.note
    else:
        assert steps.note.splitlines()[0].startswith("Tanpa daftar skor daerah lain")
        assert "peringkat" not in steps.note.splitlines()[1]
        assert "rencana_peringkat_baru" not in steps.numbers
        for col in ("peringkat_awal", "peringkat_baru", "n_klaster"):
            assert pd.isna(row[col])
        # the Sangat Inovatif cut-off is the target
        assert row["target_iid"] == pytest.approx(inputs.framework.cutoffs["Sangat Inovatif"])


def test_plan_with_a_province_names_the_field():
    steps, summary = simulation.plan(situation_inputs("provinsi_lengkap"), 0.0, 5, "", 80.0)
    first = steps.note.splitlines()[0]
    assert first.startswith("Rencana termurah: biaya ")
    row = summary.table.iloc[0]
    assert (f"peringkat {int(row['peringkat_awal'])} → {int(row['peringkat_baru'])} di antara "
            "9 kota dalam berkas Anda: Jawa Barat 2025 (bila daerah lain tidak berubah).") in first
    assert "Terverifikasi: rencana dihitung ulang" in first
    assert steps.numbers["rencana_peringkat_baru"][0] == int(row["peringkat_baru"]) <= 5
    assert steps.numbers["rencana_skor_baru"][0] == round(row["skor_iid_baru"], 2)
    assert steps.numbers["rencana_skor_baru"][0] > row["skor_iid_awal"]
    assert steps.numbers["rencana_tercapai"][0] == "ya" and row["terverifikasi"] == "ya"
    # the run's rank model gives the plan's own chance of the top 10, with the same draws
    p = steps.numbers["rencana_p_top_k"][0]
    assert 0.0 <= p <= 1.0


def test_plan_without_a_target():
    steps, summary = simulation.plan(situation_inputs("sendiri"), 0, 0, "", 80.0)
    assert not steps.available and not summary.available
    assert steps.note.startswith("Tidak ada target")


def test_plan_iid_target_without_field():
    steps, summary = simulation.plan(situation_inputs("sendiri"), 60.0, 0, "", 80.0)
    assert summary.table.iloc[0]["target_iid"] == pytest.approx(60.0)
    assert steps.numbers["rencana_skor_baru"][0] >= 60.0
    assert "rencana_peringkat_baru" not in steps.numbers


def test_field_hasil_is_the_field_without_the_region():
    inputs = situation_inputs("sendiri_daftar_skor")
    h = simulation.field_hasil(inputs)
    assert len(h) == 6 and inputs.region_code not in set(h["kode_wilayah"])
    assert set(h["tahun"]) == {2026} and set(h["jenis"]) == {"kota"}
    assert simulation.field_hasil(situation_inputs("predikat_lain")) is None
    assert simulation.field_hasil(situation_inputs("sendiri")) is None


def test_plan_in_english():
    steps, _ = simulation.plan(situation_inputs("sendiri", "en"), *DEFAULTS)
    lines = steps.note.splitlines()
    assert lines[0].startswith("Without other pemda's scores a rank target cannot be checked")
    assert lines[1].startswith("Least-cost plan: cost ") and "rank" not in lines[1]
    assert steps.numbers["rencana_total_biaya"][1] == "Plan cost (person-days)"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plan_key_numbers_have_human_labels(lang):
    steps, _ = simulation.plan(situation_inputs("sendiri_daftar_skor", lang), *DEFAULTS)
    labels = [label for _, label in steps.numbers.values()]
    assert len(labels) >= 4
    assert all(" " in label and "_" not in label and label[0].isupper() for label in labels)


def _monotone_chance(inputs, **settings):
    return lambda scores: np.clip((np.asarray(scores, dtype=float) - 40.0) / 40.0, 0.0, 1.0)


def test_plan_with_a_chance_target(monkeypatch):
    monkeypatch.setattr(common, "chance_function", _monotone_chance)
    inputs = situation_inputs("provinsi_lengkap")
    steps, summary = simulation.plan(inputs, 0.0, 0, "", "pilih", peluang=0.5)
    row = summary.table.iloc[0]
    assert row["target_iid"] == pytest.approx(60.0) and row["p_top_k_baru"] >= 0.5
    assert steps.numbers["rencana_p_top_k"][0] == pytest.approx(row["p_top_k_baru"])
    assert "Peluang masuk 10 besar menurut model peringkat" in steps.note


def test_plan_without_a_rank_model_says_the_chance_target_is_unused(monkeypatch):
    monkeypatch.setattr(common, "chance_function", lambda inputs, **kw: None)
    steps, summary = simulation.plan(situation_inputs("sendiri"), 0.0, 0, "", "pilih",
                                     peluang=0.5)
    assert not steps.available and steps.note.startswith("Target peluang 50% tidak dipakai")


def test_plan_withdrawals_and_new_innovations_are_steps():
    steps, summary = simulation.plan(situation_inputs("provinsi_lengkap"), 0.0, 1, "", "pilih")
    row = summary.table.iloc[0]
    kinds = set(steps.table["indikator"])
    assert ("tarik_inovasi" in kinds) == (row["n_ditarik"] > 0)
    assert ("inovasi_baru" in kinds) == (row["n_baru"] > 0)
    none = simulation.plan(situation_inputs("provinsi_lengkap"), 0.0, 1, "", 0, tarik=False)[1]
    assert none.table.iloc[0][["n_ditarik", "n_baru"]].tolist() == [0, 0]


@pytest.mark.parametrize("lang, words", [("id", "menurunkan IID 0,03 poin"),
                                         ("en", "lowers the IID by 0.03 points")])
def test_a_withdrawal_that_costs_points_is_explained(lang, words):
    from types import SimpleNamespace

    summary = pd.DataFrame([{"total_biaya": 12.0, "satuan_biaya": "hari-orang",
                             "skor_iid_awal": 60.0, "skor_iid_baru": 61.0,
                             "skor_iid_dibulatkan": 61.0, "target_rencana": 61.0,
                             "predikat_baru": "Inovatif", "n_ditarik": 2, "n_baru": 1,
                             "p_top_k_awal": np.nan, "p_top_k_baru": np.nan}])
    steps = pd.DataFrame({"indikator": ["ind_16", "tarik_inovasi", "inovasi_baru"],
                          "tambahan_iid": [0.9, -0.03, 0.13]})
    result = SimpleNamespace(tercapai=True, rencana=steps, ringkasan=summary, pesan="")
    text = simulation._plan_sentence(result, None, 10, lang)
    assert words in text and "inovasi_baru" not in text and "tarik_inovasi" not in text
    result.rencana = steps.assign(tambahan_iid=[0.8, 0.07, 0.13])
    assert words.split(" 0")[0] not in simulation._plan_sentence(result, None, 10, lang)
