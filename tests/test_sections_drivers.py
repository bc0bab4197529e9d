"""Tests of inovlab.workbook.sections.drivers on every data situation."""

import dataclasses

import matplotlib.pyplot as plt
import pytest
from test_situation import SITUATIONS, WITH_OWN, WITHOUT_OWN, situation_inputs

from inovlab.rules.decomposition import region_table
from inovlab.testing import causal_phrases_in
from inovlab.workbook.sections import common, drivers
from inovlab.workbook.situation import situation_of


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _own_iid(inputs) -> float:
    table = region_table(inputs.of_region("inovasi"), inputs.of_region("spd"), inputs.cycle,
                         inputs.framework)
    return float(table["skor_iid"].iloc[0])


@pytest.mark.parametrize("name", SITUATIONS)
def test_own_sections_on_every_situation(name):
    inputs = situation_inputs(name)
    sections = [drivers.own_parts(inputs), drivers.own_indicators(inputs),
                drivers.own_opd(inputs), drivers.priorities(inputs)]
    if name in WITHOUT_OWN:
        sentence = situation_of(inputs).why_not("own")
        assert all(not s.available and s.note == sentence for s in sections)
        return
    parts, indicators, opd, prio = sections
    score = _own_iid(inputs)
    by_part = parts.table.set_index("bagian")["poin_iid"]
    assert by_part.drop("total").sum() == pytest.approx(score)
    assert by_part["total"] == pytest.approx(score)
    assert indicators.table["poin_saat_ini"].sum() == pytest.approx(score)
    assert (indicators.table["poin_hilang"] >= -1e-12).all()
    assert opd.table["poin_iid"].sum() <= score + 1e-9
    assert len(prio.table) <= 10 and list(prio.numbers) == ["prioritas_1", "prioritas_2",
                                                            "prioritas_3"]
    assert parts.figure is not None and indicators.figure is not None


def test_own_parts_sentence():
    s = drivers.own_parts(situation_inputs("sendiri"))
    assert s.note.startswith("Uraian persis skor Kota Pangkal Pinang dari berkasnya sendiri "
                             "(data pengguna): Skor IID 55,52 (Inovatif) = SPD 17,30 + "
                             "kematangan 35,49 + jumlah inovasi 2,74 poin")


def test_own_opd_target_is_used():
    inputs = situation_inputs("sendiri")
    t1, t3 = drivers.own_opd(inputs, 1).table, drivers.own_opd(inputs, 3).table
    assert (t1["target"] == 1).all() and (t3["target"] == 3).all()
    assert (t3["kekurangan"] == (3 - t3["dihitung"]).clip(lower=0)).all()


@pytest.mark.parametrize("name", [n for n in SITUATIONS if n not in ("provinsi_lengkap", "demo",
                                                                      "lain")])
def test_cross_region_needs_enough_pemda(name):
    s = drivers.cross_region(situation_inputs(name), n_boot=5)
    assert not s.available
    assert s.note == situation_of(situation_inputs(name)).why_not("cross")
    assert "sedikitnya 8 pemda klaster kota" in s.note


@pytest.mark.parametrize("name, n", [("provinsi_lengkap", 9), ("lain", 9)])
def test_cross_region_with_a_province(name, n):
    s = drivers.cross_region(situation_inputs(name), n_boot=5)
    assert s.available
    assert s.note.startswith(f"Dihitung di antara {n} pemda klaster kota dalam data "
                             "(data pengguna) pada siklus 2026.")
    assert "bukan bukti sebab-akibat" in s.note
    assert "Paling berkaitan dengan perbedaan skor IID antar-daerah (bobot efektif" in s.note
    head = s.table
    assert head.columns.tolist()[:6] == ["peringkat", "indikator", "nama_indikator", "bagian",
                                         "bobot_nominal", "bobot_efektif"]
    assert head["bobot_efektif"].is_monotonic_decreasing
    assert list(s.numbers) == ["penggerak_1", "penggerak_2", "penggerak_3"]
    first, label = s.numbers["penggerak_1"]
    assert first.startswith(f"{head['nama_indikator'].iloc[0]}: ") and "(90%: " in first
    assert label == "Penggerak 1 (bobot efektif: porsi varians skor)"
    assert not causal_phrases_in(s.note + " ".join(v for v, _ in s.numbers.values()))
    labels = [t.get_text() for t in s.figure.axes[0].get_yticklabels()]
    assert labels[-1] == head["nama_indikator"].iloc[0]      # largest effective weight on top


def test_own_indicators_in_english(monkeypatch):
    s = drivers.own_indicators(situation_inputs("sendiri", "en"))
    assert s.note == ("Per indicator: points lost against the maximum and points one level step "
                      "wins (one innovation for SID indicators); kematangan is summed and "
                      "divided by 18, the number of counted innovations.")
    floor = dataclasses.replace(common.own_score_of(situation_inputs("sendiri")), pembagi=30)
    monkeypatch.setattr(drivers, "own_score_of", lambda inputs: floor)
    note = drivers.own_indicators(situation_inputs("sendiri")).note
    assert "dibagi 30, pembagi minimum siklus ini, karena baru 18 inovasi" in note
    assert "MAX(" not in note + s.note
    monkeypatch.undo()
    assert drivers.own_parts(situation_inputs("hasil_saja", "en")).note.startswith(
        "There is no innovation file of Kota Pangkal Pinang for cycle 2026")


def test_with_own_constant_is_consistent():
    assert set(WITH_OWN) | set(WITHOUT_OWN) == set(SITUATIONS)


def test_priorities_show_their_advice_second():
    prio = drivers.priorities(situation_inputs("sendiri"))
    assert list(prio.show("").columns)[:2] == ["peringkat_prioritas", "saran"]
    assert list(prio.table.columns)[-1] == "saran"  # the saved order


@pytest.mark.parametrize("lang, words", [("id", "kolom Bergerak bersama menyebut indikator"),
                                         ("en", "the Moves with column names that heavier")])
def test_cross_region_says_the_correlation_note_once_and_no_s_i(lang, words):
    from inovlab.report.tables import table_html

    s = drivers.cross_region(situation_inputs("provinsi_lengkap", lang), n_boot=5)
    flagged = s.table["catatan"].ne("")
    assert flagged.sum() >= 2 and s.table.loc[flagged, "catatan"].nunique() > 1  # CSV keeps them
    assert s.note.count(words) == 1 and "catatan" in s.hide
    shown = s.show("")
    assert "catatan" not in shown.columns
    page = table_html(shown, lang)
    assert "S_i" not in page and "S_i" not in s.note
    assert ("Efek utama" if lang == "id" else "Main effect") in page
