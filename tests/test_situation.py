"""Tests of inovlab.workbook.situation: what each data situation allows, in plain sentences.

This module also holds :func:`situation_inputs`, the one cached loader of the committed data
situations (``tests/data/situations``) that every ``tests/test_sections_*.py`` imports, so
each folder is read once per test run.
"""

import dataclasses
import functools
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from inovlab.analysis.drivers_report import MIN_CLUSTER_REGIONS
from inovlab.analysis.field import no_field_sentence
from inovlab.io.regions import load_regions
from inovlab.workbook.inputs import load_inputs
from inovlab.workbook.situation import situation_of

DATA = Path(__file__).parent / "data" / "situations"
CYCLE = 2026
PGK, BOGOR = "Kota Pangkal Pinang", "Kota Bogor"
FOLDERS = {"sendiri": PGK, "sendiri_daftar_skor": PGK, "sendiri_predikat": PGK,
           "sendiri_siklus_lalu": PGK, "provinsi_lengkap": BOGOR}
"""The committed folders and the region each is analysed for."""
EXTRA = ("demo", "hasil_saja", "predikat_lain", "lain")
"""Situations built from the committed files: the demo; a results list without own files;
own files + other pemda's predicates only; another province's full data (no own files)."""
SITUATIONS = (*FOLDERS, *EXTRA)
WITH_OWN = ("sendiri", "sendiri_daftar_skor", "sendiri_predikat", "sendiri_siklus_lalu",
            "provinsi_lengkap", "demo", "predikat_lain")
WITHOUT_OWN = ("hasil_saja", "lain")


def read_hasil_daftar() -> pd.DataFrame:
    """``sendiri_daftar_skor/hasil.csv`` read with plain pandas (independent of inovlab.io)."""
    raw = pd.read_csv(DATA / "sendiri_daftar_skor" / "hasil.csv", sep=";", encoding="utf-8-sig",
                      decimal=",")
    return raw.rename(columns={"Tahun": "tahun", "Nama Daerah": "nama_daerah",
                               "Skor IID": "skor_iid", "Predikat": "predikat"})


def _predicates_only_file() -> str:
    folder = Path(tempfile.mkdtemp(prefix="predikat_lain_"))
    table = read_hasil_daftar().drop(columns=["skor_iid"])
    table = table[~table["nama_daerah"].str.lower().str.contains("pangkal")]
    table.to_csv(folder / "hasil.csv", index=False)
    return str(folder / "hasil.csv")


def _load(name: str):
    if name in FOLDERS:
        return load_inputs(CYCLE, FOLDERS[name], data_dir=DATA / name, demo=False)
    if name == "demo":
        return load_inputs(CYCLE, PGK)
    if name == "hasil_saja":
        return load_inputs(CYCLE, PGK, hasil_path=str(DATA / "sendiri_daftar_skor" / "hasil.csv"),
                           demo=False)
    if name == "predikat_lain":
        own = DATA / "sendiri_siklus_lalu"
        return load_inputs(CYCLE, PGK, hasil_path=_predicates_only_file(),
                           inovasi_path=str(own / "inovasi_2026.csv"),
                           spd_path=str(own / "spd_2026.csv"), demo=False)
    if name == "lain":
        return load_inputs(CYCLE, PGK, data_dir=DATA / "provinsi_lengkap", demo=False)
    raise KeyError(name)


@functools.cache
def situation_inputs(name: str, lang: str = "id"):
    """The inputs of situation ``name`` (see :data:`SITUATIONS`), loaded once per run."""
    if lang != "id":
        return dataclasses.replace(situation_inputs(name), lang=lang)
    return _load(name)


@pytest.fixture(scope="module")
def situations():
    return {name: situation_of(situation_inputs(name)) for name in SITUATIONS}


def test_own_files_are_seen_in_every_situation_that_has_them(situations):
    assert [n for n in SITUATIONS if situations[n].own] == list(WITH_OWN)
    assert situations["sendiri_siklus_lalu"].own_cycles == (2024, 2025, 2026)
    assert situations["sendiri"].own_cycles == (2026,)
    assert all(situations[n].own_spd for n in WITH_OWN)


@pytest.mark.parametrize("name", ["sendiri", "sendiri_siklus_lalu"])
def test_no_results_table_gives_the_no_hasil_sentence(situations, name):
    s = situations[name]
    assert s.field is None
    assert s.field_note == no_field_sentence("no_hasil", "id")
    assert s.why_not("field") == s.field_note


def test_own_predicates_only_say_no_other_pemda_with_the_cycle(situations):
    s = situations["sendiri_predikat"]
    assert s.field is None
    assert s.field_note == ("Peringkat tidak dihitung: tabel hasil tidak memuat pemda lain "
                            "untuk siklus 2026 atau sebelumnya.")
    assert "{" not in s.field_note


@pytest.mark.parametrize("name, label, n, cycle", [
    ("sendiri_daftar_skor", "7 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024", 7, 2024),
    ("hasil_saja", "7 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024", 7, 2024),
    ("provinsi_lengkap", "9 kota dalam berkas Anda: Jawa Barat 2025", 9, 2025),
    ("lain", "9 kota dalam berkas Anda: Jawa Barat 2025", 9, 2025),
    ("demo", "98 kota dalam data demo (sintetis) 2026", 98, 2026),
])
def test_field_is_named_with_size_and_cycle(situations, name, label, n, cycle):
    s = situations[name]
    assert (s.field.label, s.field.n, s.field.cycle, s.field.has_scores) == (label, n, cycle, True)
    assert label in s.field_note
    earlier = f"dari siklus {cycle}, bukan 2026"
    assert (earlier in s.field_note) == (cycle < CYCLE)
    assert ("(siklus yang sama)" in s.field_note) == (cycle == CYCLE)


def test_predicates_only_field_gives_counts_not_a_rank(situations):
    s = situations["predikat_lain"]
    assert s.field is not None and not s.field.has_scores
    assert s.field.rank_of(50.0) is None
    expected = read_hasil_daftar()
    expected = expected[~expected["nama_daerah"].str.lower().str.contains("pangkal")]
    counts = expected["predikat"].value_counts()
    assert s.field_note.startswith("Peringkat tidak dihitung: 6 kabupaten dalam berkas Anda: "
                                   "Kepulauan Bangka Belitung 2024 hanya punya predikat")
    for predikat, k in counts.items():
        assert f"{k} {predikat}" in s.field_note
    assert "(siklus 2024, bukan 2026)" in s.field_note


def _kota_with_both(inputs) -> int:
    """Kota with both spd and inovasi rows in the cycle, counted with plain pandas."""
    jenis = load_regions().set_index("kode_wilayah")["jenis"]
    spd, inov = inputs.spd, inputs.inovasi
    both = (set(spd.loc[spd["tahun"] == CYCLE, "kode_wilayah"])
            & set(inov.loc[inov["tahun"] == CYCLE, "kode_wilayah"]))
    return int(sum(jenis.get(c) == "kota" for c in both))


@pytest.mark.parametrize("name, cross", [("sendiri", False), ("sendiri_daftar_skor", False),
                                         ("provinsi_lengkap", True), ("lain", True),
                                         ("demo", True), ("hasil_saja", False)])
def test_cross_region_needs_enough_pemda_of_the_cluster(situations, name, cross):
    s = situations[name]
    assert s.cluster == "kota"
    assert s.cross_need == MIN_CLUSTER_REGIONS
    assert s.cross_n == _kota_with_both(situation_inputs(name))
    assert s.cross is cross
    if not cross:
        assert s.why_not("cross").startswith(
            f"Analisis antar-daerah butuh data indikator (spd dan inovasi) sedikitnya "
            f"{MIN_CLUSTER_REGIONS} pemda klaster kota pada siklus 2026; data ini memuat "
            f"{s.cross_n}.")


def test_cross_threshold_is_inclusive(situations):
    s = situations["provinsi_lengkap"]
    assert s.cross_n == 9  # the 9 kota of Jawa Barat
    assert dataclasses.replace(s, cross_n=MIN_CLUSTER_REGIONS).cross
    assert not dataclasses.replace(s, cross_n=MIN_CLUSTER_REGIONS - 1).cross


def test_no_own_files_sentence_names_region_and_parameter(situations):
    s = situations["hasil_saja"]
    assert not s.own
    assert s.why_not("own").startswith("Berkas inovasi Kota Pangkal Pinang untuk siklus 2026 "
                                       "tidak ada")
    assert "inovasi_path" in s.why_not("own")
    assert s.lines()[0] == s.why_not("own")


def test_lines_one_sentence_per_kind_of_data(situations):
    lines = situations["sendiri_siklus_lalu"].lines(n_own=21)
    assert lines[0] == ("Berkas sendiri: 21 inovasi Kota Pangkal Pinang siklus 2026 "
                        "(data pengguna).")
    assert lines[1] == "Siklus lain dalam berkas inovasi: 2024, 2025."
    assert lines[2] == no_field_sentence("no_hasil", "id")
    assert lines[3] == situations["sendiri_siklus_lalu"].why_not("cross")
    prov = situations["provinsi_lengkap"].lines(n_own=75)
    assert prov[-1] == "Data indikator antar-daerah: 9 pemda klaster kota pada siklus 2026."


def test_english_sentences():
    s = situation_of(situation_inputs("sendiri_predikat", "en"))
    assert s.field_note == ("No rank: the results table holds no other pemda for the 2026 "
                            "cycle or earlier.")
    d = situation_of(situation_inputs("sendiri_daftar_skor", "en"))
    assert d.field_note.startswith("The rank is computed among 7 pemda in your files: "
                                   "Kepulauan Bangka Belitung 2024; their scores are from the "
                                   "2024 cycle, not 2026")
    assert d.why_not("cross").startswith("Cross-region analysis needs indicator data")
