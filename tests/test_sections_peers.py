"""Tests of inovlab.workbook.sections.peers on every data situation."""

import matplotlib.pyplot as plt
import pytest
from test_situation import SITUATIONS, situation_inputs

from inovlab.workbook.sections import common, drivers, peers
from inovlab.workbook.situation import situation_of


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", SITUATIONS)
def test_no_section_raises(name):
    inputs = situation_inputs(name)
    for s in (peers.position(inputs), peers.indicators(inputs)):
        assert s.note
        assert s.available == (s.table is not None)


@pytest.mark.parametrize("name", ["sendiri", "sendiri_siklus_lalu", "sendiri_predikat",
                                  "predikat_lain"])
def test_position_needs_a_field_with_scores(name):
    s = peers.position(situation_inputs(name))
    assert not s.available
    assert s.note == situation_of(situation_inputs(name)).field_note


def test_position_without_own_score_or_membership():
    s = peers.position(situation_inputs("lain"))
    sit = situation_of(situation_inputs("lain"))
    assert not s.available and s.note.splitlines() == [sit.field_note, sit.why_not("own")]


@pytest.mark.parametrize("name", ["sendiri_daftar_skor", "provinsi_lengkap"])
def test_position_rank_agrees_with_the_rank_summary(name):
    inputs = situation_inputs(name)
    s = peers.position(inputs)
    field = situation_of(inputs).field
    t = s.table
    assert t["skor_iid"].is_monotonic_decreasing
    assert t["peringkat_pembanding"].tolist() == list(range(1, len(t) + 1))
    mine = t[t["nama_daerah"].str.endswith("(daerah ini)")]
    assert len(mine) == 1
    assert mine["skor_iid"].iloc[0] == pytest.approx(common.own_score_of(inputs).skor_iid)
    # the whole (small) field is shown, so the position is the projected rank
    assert len(t) == field.n
    rank = common.rank_summary(inputs, n_draws=2000)["proyeksi"]
    assert s.numbers["pembanding_peringkat"] == (
        rank, f"Urutan di antara pembanding dari {field.label}")
    assert int(mine["peringkat_pembanding"].iloc[0]) == rank
    assert field.label in s.note.splitlines()[0]
    assert s.note.splitlines()[1] == situation_of(inputs).field_note


def test_position_results_only_uses_the_listed_score():
    s = peers.position(situation_inputs("hasil_saja"))
    assert "memakai skor siklus 2024 di daftar hasil" in s.note
    assert s.numbers["pembanding_peringkat"][0] == 2


def test_position_in_english():
    s = peers.position(situation_inputs("sendiri_daftar_skor", "en"))
    assert s.note.startswith("Position among 6 comparison pemda from 7 pemda in your files: "
                             "Kepulauan Bangka Belitung 2024")
    assert s.table["nama_daerah"].str.endswith("(this region)").sum() == 1


@pytest.mark.parametrize("name", ["sendiri", "sendiri_daftar_skor", "sendiri_predikat"])
def test_indicators_fall_back_to_the_own_breakdown(name):
    inputs = situation_inputs(name)
    s = peers.indicators(inputs)
    own = drivers.own_indicators(inputs)
    # named as what it is, so the deck does not present it as a peer comparison
    assert s.name == own.name == "poin_indikator" and s.available
    assert s.table.equals(own.table)
    lines = s.note.splitlines()
    assert lines[0] == situation_of(inputs).why_not("cross")
    assert lines[1].startswith("Yang dapat dibandingkan tanpa data pembanding")


@pytest.mark.parametrize("name", ["provinsi_lengkap", "demo"])
def test_indicators_against_peers_with_indicator_data(name):
    s = peers.indicators(situation_inputs(name))
    assert s.note.startswith("Dibanding median ")
    assert {"indikator", "selisih_iid", "tingkat"} <= set(s.table.columns)
    assert s.figure is not None


@pytest.mark.parametrize("name", ["hasil_saja", "lain"])
def test_indicators_without_own_files(name):
    s = peers.indicators(situation_inputs(name))
    sit = situation_of(situation_inputs(name))
    assert not s.available
    assert s.note.splitlines()[-1] == sit.why_not("own")


def test_peer_codes_within_the_field():
    inputs = situation_inputs("demo")
    codes = peers.peer_codes(inputs)
    field = situation_of(inputs).field
    assert 3 <= len(codes) <= 10 and set(codes) <= set(field.codes)
    assert inputs.region_code not in codes
