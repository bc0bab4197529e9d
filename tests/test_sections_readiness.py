"""Tests of inovlab.workbook.sections.readiness on every data situation."""

import matplotlib.pyplot as plt
import pytest
from test_situation import SITUATIONS, WITHOUT_OWN, situation_inputs

from inovlab.workbook.sections import common, readiness
from inovlab.workbook.situation import situation_of


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", SITUATIONS)
def test_readiness_sections(name):
    inputs = situation_inputs(name)
    cek = readiness.run(inputs)
    sections = [readiness.pemda(inputs, cek), readiness.problems(inputs, cek),
                readiness.opd(inputs, cek), readiness.recommendations(inputs, cek)]
    if name in WITHOUT_OWN:
        assert cek is None
        sentence = situation_of(inputs).why_not("own")
        assert all(not s.available and s.note == sentence for s in sections)
        return
    pemda, problems, opd, recs = sections
    own = inputs.of_region("inovasi")
    assert pemda.numbers["kesiapan_diajukan"][0] == len(own)
    assert pemda.numbers["kesiapan_skor_proyeksi"][0] == pytest.approx(
        common.own_score_of(inputs).skor_iid)
    assert pemda.note.splitlines()[0].startswith(
        f"{len(own)} inovasi dari {own['opd'].nunique()} OPD diperiksa")
    assert (problems.table["masalah"] != "").all()
    assert opd.table["kekurangan"].is_monotonic_decreasing
    assert set(opd.table["opd"]) == set(own["opd"])
    assert not recs.table.empty


def test_readiness_names_its_field():
    inputs = situation_inputs("sendiri_daftar_skor")
    row = readiness.run(inputs).pemda.iloc[0]
    assert row["bidang"] == "7 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024"
    assert row["peringkat_proyeksi"] == common.rank_summary(inputs, n_draws=2000)["proyeksi"]


def test_readiness_without_field_has_no_rank():
    row = readiness.run(situation_inputs("sendiri")).pemda.iloc[0]
    assert row["peringkat_proyeksi"] != row["peringkat_proyeksi"]  # NaN


def test_readiness_in_english():
    inputs = situation_inputs("sendiri", "en")
    s = readiness.pemda(inputs, readiness.run(inputs))
    assert s.note.splitlines() == ["21 innovations of 8 OPDs checked (user data).",
                                   "Projection if the submission is sent as it is."]
    assert s.numbers["kesiapan_skor_proyeksi"][1] == "Projected IID of the submission"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_readiness_key_numbers_have_human_labels(lang):
    inputs = situation_inputs("sendiri", lang)
    labels = [label for _, label in readiness.pemda(inputs, readiness.run(inputs)).numbers.values()]
    assert len(labels) == 4
    assert all(" " in label and "_" not in label and label[0].isupper() for label in labels)


def test_readiness_tables_name_their_indicators():
    inputs = situation_inputs("sendiri", "en")
    cek = readiness.run(inputs)
    recs = readiness.recommendations(inputs, cek).table
    raised = recs[recs["indikator"] != ""]
    names = inputs.framework.indicator_names("en")
    assert len(raised) and (raised["nama_indikator"]
                            == ("ind_" + raised["indikator"]).map(names)).all()
    assert (recs.loc[recs["indikator"] == "", "nama_indikator"] == "").all()
    problems = readiness.problems(inputs, cek)
    assert problems.labels["ind_35"] == "35 Innovation video"
    assert "<th>16 Regional innovation regulation</th>" in problems.show("")._repr_html_()


@pytest.mark.parametrize("name", ["demo", "sendiri_daftar_skor", "sendiri"])
def test_readiness_rank_is_the_run_s_one_rank(name):
    """05 shows the same projected rank and field as 01, 03 and 06 (common.rank_summary)."""
    inputs = situation_inputs(name)
    column = readiness.pemda(inputs, readiness.run(inputs)).table.iloc[:, 0]
    summary = common.rank_summary(inputs) or {}
    assert column["peringkat_proyeksi"] == summary.get("proyeksi")
    assert column["bidang"] == summary.get("bidang")
    assert column["peringkat_p05"] == summary.get("p05")


def test_readiness_tables_show_their_explanation_first():
    inputs = situation_inputs("sendiri")
    cek = readiness.run(inputs)
    problems = readiness.problems(inputs, cek)
    assert list(problems.show("").columns)[:3] == ["id_inovasi", "nama_inovasi", "penjelasan"]
    recs = readiness.recommendations(inputs, cek).show("")
    assert list(recs.columns)[:3] == ["urutan", "id_inovasi", "penjelasan"]
    assert "kode_wilayah" not in recs.columns
    opd = readiness.opd(inputs, cek)
    assert "tahun" not in opd.show("").columns and "tahun" in opd.table.columns  # saved keeps it
