"""Tests of inovlab.workbook.sections.overview on every data situation."""

import matplotlib.pyplot as plt
import pytest
from test_situation import SITUATIONS, WITH_OWN, situation_inputs

from inovlab.workbook.sections import common, overview
from inovlab.workbook.situation import situation_of

N_DRAWS = 2000


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


NO_HASIL = ("Tidak ada daftar hasil IID (tabel hasil): gambaran klaster butuh skor atau "
            "predikat banyak pemda")


@pytest.mark.parametrize("name", SITUATIONS)
def test_no_section_raises(name):
    inputs = situation_inputs(name)
    for s in (overview.results_overview(inputs), overview.trajectory(inputs),
              overview.key_numbers(inputs, n_draws=N_DRAWS), overview.published_record(inputs)):
        assert s.note
        assert s.available == (s.table is not None)


@pytest.mark.parametrize("name", WITH_OWN)
def test_key_numbers_from_own_files(name):
    inputs = situation_inputs(name)
    s = overview.key_numbers(inputs, n_draws=N_DRAWS)
    own = common.own_score_of(inputs)
    assert s.numbers["ikhtisar_skor_iid"][0] == pytest.approx(own.skor_iid)
    assert s.numbers["ikhtisar_predikat"][0] == own.predikat
    src = "data demo (sintetis)" if name == "demo" else "data pengguna"
    assert s.note.splitlines()[0] == (f"Angka kunci {inputs.region_name} siklus 2026 "
                                      f"(dihitung dari berkas inovasi, {src}).")
    assert s.note.splitlines()[1] == situation_of(inputs).field_note
    summary = common.rank_summary(inputs, n_draws=N_DRAWS)
    rank_rows = s.table[s.table.iloc[:, 0].str.startswith("Peringkat")]
    if summary is None:
        assert rank_rows.empty and "peringkat" not in s.numbers
    else:
        point = rank_rows.iloc[-1]
        assert point.iloc[0] == (f"Peringkat di antara {summary['bidang']}, bila daerah lain "
                                 "tidak berubah")
        assert point.iloc[1] == f"{summary['proyeksi']} / {summary['n_bidang']}"
        if summary["median"] is not None:     # the headline: the median with its band
            head = rank_rows.iloc[0]
            assert head.iloc[0].startswith(f"Peringkat pada hasil {summary['siklus_sebaran']}")
            assert head.iloc[1] == (f"{summary['median']} ({summary['p05']}–{summary['p95']}) "
                                    f"/ {summary['n_bidang']}")
        assert s.numbers["peringkat"][0] == summary


def test_key_numbers_rank_names_the_field():
    s = overview.key_numbers(situation_inputs("sendiri_daftar_skor"), n_draws=N_DRAWS)
    row = s.table.iloc[2].tolist()
    assert row == ["Peringkat di antara 7 pemda dalam berkas Anda: Kepulauan Bangka "
                   "Belitung 2024, bila daerah lain tidak berubah", "3 / 7"]
    assert "skor mereka dari siklus 2024, bukan 2026" in s.note


@pytest.mark.parametrize("name", ["hasil_saja", "lain"])
def test_key_numbers_without_own_files_are_missing(name):
    s = overview.key_numbers(situation_inputs(name), n_draws=N_DRAWS)
    assert not s.available
    assert s.note == ("Skor IID 2026 tidak dapat dihitung: tidak ada berkas inovasi daerah ini "
                      "untuk siklus 2026 dan tidak ada barisnya di berkas hasil.")


@pytest.mark.parametrize("name", ["sendiri", "sendiri_siklus_lalu"])
def test_results_overview_without_hasil(name):
    s = overview.results_overview(situation_inputs(name))
    assert not s.available and s.note.startswith(NO_HASIL)


def test_results_overview_own_predicates_only():
    s = overview.results_overview(situation_inputs("sendiri_predikat"))
    assert not s.available
    assert s.note == situation_of(situation_inputs("sendiri_predikat")).field_note


def test_results_overview_predicates_only_counts():
    s = overview.results_overview(situation_inputs("predikat_lain"))
    counts = dict(zip(s.table["predikat"], s.table["jumlah_pemda"], strict=True))
    assert counts == {"Inovatif": 3, "Sangat Inovatif": 2, "Tidak Dapat Dinilai": 1}
    assert s.note.startswith("Jumlah pemda per predikat di 6 kabupaten dalam berkas Anda")


@pytest.mark.parametrize("name, n_rows, year", [("sendiri_daftar_skor", 1, 2024),
                                                ("hasil_saja", 1, 2024),
                                                ("provinsi_lengkap", 1, 2025),
                                                ("lain", 1, 2025), ("demo", 1, 2026)])
def test_results_overview_summarises_the_field_as_one_group(name, n_rows, year):
    s = overview.results_overview(situation_inputs(name))
    assert len(s.table) == n_rows and s.table["tahun"].tolist() == [year]
    field = situation_of(situation_inputs(name)).field
    assert s.note.splitlines()[0].startswith(f"Ringkasan {field.label}")
    assert s.figure is not None


def _rows(name):
    t = overview.trajectory(situation_inputs(name)).table
    return t


def test_trajectory_published_predicates_for_own_files_only():
    t = _rows("sendiri")
    scored = t[t["skor_iid"].notna()]
    assert scored["tahun"].tolist() == [2026]
    assert scored["asal"].str.startswith("dihitung dari berkas").all()
    pred = t[t["skor_iid"].isna()]
    assert pred["tahun"].tolist() == [2020, 2021, 2024]
    assert (pred["asal"] == "data resmi terpublikasi").all()
    assert (pred["predikat"] == "Sangat Inovatif").all()


def test_trajectory_own_predicates():
    s = overview.trajectory(situation_inputs("sendiri_predikat"))
    t = s.table
    mine = t[t["asal"] == "berkas hasil Anda"]
    assert mine["tahun"].tolist() == [2020, 2021, 2024]
    assert mine["skor_iid"].isna().all() and (mine["predikat"] == "Sangat Inovatif").all()
    assert "Untuk 2020, 2021 dan 2024 hanya predikat yang diketahui" in s.note


def test_trajectory_earlier_own_files_are_scored():
    t = _rows("sendiri_siklus_lalu")
    computed = t[t["asal"].str.startswith("dihitung dari berkas")]
    assert computed["tahun"].tolist() == [2024, 2025, 2026]
    assert computed["skor_iid"].notna().all()
    assert computed["skor_iid"].iloc[-1] == pytest.approx(
        common.own_score_of(situation_inputs("sendiri_siklus_lalu")).skor_iid)


def test_trajectory_scores_from_the_results_list():
    t = _rows("sendiri_daftar_skor")
    listed = t[t["asal"] == "berkas hasil Anda"]
    assert listed["tahun"].tolist() == [2024]
    assert listed["skor_iid"].tolist() == [pytest.approx(60.64)]


def test_trajectory_in_english():
    s = overview.trajectory(situation_inputs("sendiri_siklus_lalu", "en"))
    assert s.note.startswith("The IID trajectory is built from: 2024, 2025 and 2026")


def test_published_record_is_kept_apart():
    s = overview.published_record(situation_inputs("sendiri"))
    assert s.note == "data resmi terpublikasi"
    assert s.table["tahun"].tolist() == [2020, 2021, 2024]


def test_key_numbers_in_english():
    s = overview.key_numbers(situation_inputs("provinsi_lengkap", "en"), n_draws=N_DRAWS)
    assert s.table.iloc[-1].tolist() == ["Rank among 9 cities in your files: Jawa Barat 2025, "
                                         "if nobody else changes", "8 / 9"]
    assert s.table.iloc[2, 0] == "Rank in the 2026 results: median (90% range)"
