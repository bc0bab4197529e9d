"""Tests of the submission-readiness check (inovlab.analysis.readiness)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from inovlab.analysis.innovation_check import CODES, check_innovations
from inovlab.analysis.readiness import (
    check_opd,
    opd_key,
    read_opd_list,
    recommend,
    run_check,
)
from inovlab.io.validation import load_table
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_regions

DATA = Path(__file__).parent / "data" / "readiness"
INOVASI = DATA / "inovasi_kota.csv"
OPD_LIST = DATA / "opd.txt"
TODAY = dt.date(2026, 11, 23)

# Every planted problem of the fixture portfolio, and nothing else.
EXPECTED = {
    "G01": {"DUPLIKAT"}, "G02": {"DUPLIKAT"},
    "P01": {"TAHAPAN"},
    "P02": {"JENDELA_WAKTU"},
    "P03": {"WAJIB_KOSONG"},
    "P04": {"RANCANG_BANGUN"},
    "P05": {"VIDEO"},
    "P06": {"DI_BAWAH_IMPAS"},
    "P07": {"DI_BAWAH_IMPAS", "DI_BAWAH_MINIMUM"},
    "P08": {"TAHAPAN", "DI_BAWAH_MINIMUM"},
}


@pytest.fixture(scope="module")
def fw():
    return load_framework(2026)


@pytest.fixture(scope="module")
def inovasi():
    return load_table(INOVASI, "inovasi", cycle=2026)


@pytest.fixture(scope="module")
def result(inovasi, fw):
    return run_check(inovasi, fw, opd_list=read_opd_list(OPD_LIST), target_per_opd=2,
                     deadline=dt.date(2026, 12, 15), today=TODAY)


def _codes(checked):
    return {i: set(m.split(";")) - {""} for i, m in zip(checked["id_inovasi"], checked["masalah"], strict=False)}


def test_every_planted_problem_found_and_nothing_else(result):
    found = _codes(result.inovasi)
    expected = {i: EXPECTED.get(i, set()) for i in found}
    assert found == expected
    # every code is planted at least once
    assert set().union(*EXPECTED.values()) == set(CODES)


def test_explanations_name_the_problem(result):
    inn = result.inovasi.set_index("id_inovasi")
    assert "G02" in inn.at["G01", "penjelasan"] and inn.at["G01", "duplikat_dengan"] == "G02"
    assert "16 Regulasi Inovasi Daerah" in inn.at["P03", "penjelasan"]
    assert "150" in inn.at["P04", "penjelasan"] and "300" in inn.at["P04", "penjelasan"]
    assert "420" in inn.at["P05", "penjelasan"]
    # the counted stage is an inferred rule: labelled as such
    assert "diasumsikan" in inn.at["P01", "penjelasan"]
    assert inn.at["G03", "penjelasan"] == ""
    assert inn.at["P01", "keyakinan_aturan"] == "inferred"
    assert inn.at["P05", "keyakinan_aturan"] == "secondary"
    assert inn.at["G03", "keyakinan_aturan"] == ""


def test_dihitung_follows_stage_and_window(result):
    inn = result.inovasi.set_index("id_inovasi")
    assert not inn.loc[["P01", "P02", "P08"], "dihitung"].any()
    assert inn["dihitung"].sum() == 18


def test_break_even_flag_is_exact(result, fw):
    """perubahan_iid = IID with the innovation - IID without it, from scoring itself."""
    inn = result.inovasi
    spd = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "spd_1": [3]})
    base = score_regions(inn, spd, fw)["skor_iid"].iloc[0]
    for i in inn.index[inn["dihitung"]]:
        without = inn.copy()
        without.loc[i, "dihitung"] = False
        iid = score_regions(without, spd, fw)["skor_iid"].iloc[0]
        assert inn.at[i, "perubahan_iid"] == pytest.approx(base - iid, abs=1e-9)
        lowers = base - iid < 0
        assert lowers == ("DI_BAWAH_IMPAS" in inn.at[i, "masalah"])
        assert lowers == (inn.at[i, "skor_kematangan"] < inn.at[i, "skor_impas"])


def test_opd_shortfall_and_missing(result):
    opd = result.opd.set_index("opd")
    assert opd.at["Bappeda", "dihitung"] == 1 and opd.at["Bappeda", "kekurangan"] == 1
    assert opd.at["Dinas Kesehatan", "diajukan"] == 5 and opd.at["Dinas Kesehatan", "dihitung"] == 4
    assert opd.at["Dinas Kesehatan", "kekurangan"] == 0
    missing = set(opd.index[opd["tidak_mengirim"]])
    assert missing == {"Satpol PP", "Dinas Pariwisata"}
    assert (opd.loc[list(missing), "kekurangan"] == 2).all()
    assert result.summary["opd_tidak_mengirim"] == ["Dinas Pariwisata", "Satpol PP"]


def test_opd_not_on_list_is_marked(result):
    opd = check_opd(result.inovasi, ["dinas kesehatan"], 2).set_index("opd")
    assert opd.at["Dinas Kesehatan", "di_daftar"]  # matched ignoring case
    assert not opd.at["Bappeda", "di_daftar"]


def test_opd_key_matches_spellings_of_one_opd():
    keys = opd_key(pd.Series(["Dinas  Kesehatan.", "dinas kesehatan", "Dinas-Sosial", None]))
    assert keys.tolist() == ["dinas kesehatan", "dinas kesehatan", "dinas sosial", ""]
    assert opd_key(pd.Series(["Bappeda"])).iloc[0] != opd_key(pd.Series(["Bapenda"])).iloc[0]


def test_recommendations(result, fw):
    rec = result.rekomendasi
    leave = rec[rec["jenis"] == "keluarkan"]
    assert list(leave["id_inovasi"]) == ["P07", "P06"]  # the one that hurts most first
    raise_ = rec[rec["jenis"] == "naikkan"]
    assert raise_["tambahan_iid"].is_monotonic_decreasing
    top = raise_.iloc[0]
    w = fw.sid_weights[top["indikator"]]
    assert top["tambahan_iid"] == pytest.approx(w * 100 / fw.total_max / max(fw.divisor_floor, 18))
    chase = rec[rec["jenis"] == "kejar_opd"]
    assert set(chase["opd"]) == {"Satpol PP", "Dinas Pariwisata", "Bappeda",
                                 "Dinas Kependudukan dan Pencatatan Sipil"}


def test_recommend_empty_portfolio(fw):
    empty = check_innovations(pd.DataFrame(columns=["tahun", "kode_wilayah", "id_inovasi",
                                                    "nama_inovasi", "opd", "tahapan"]), fw)
    assert recommend(empty, pd.DataFrame(columns=["kurang_dari_pembagi"]),
                     check_opd(empty), fw).empty


@pytest.mark.parametrize("lang, words", [
    ("id", "kematangan 64,00 < impas 83,34"), ("en", "kematangan 64.00 < break-even 83.34")])
def test_leave_out_advice_quotes_scores_as_the_tables_do(inovasi, fw, lang, words):
    rec = run_check(inovasi, fw, today=TODAY, lang=lang).rekomendasi
    advice = rec.loc[rec["id_inovasi"].eq("P07") & rec["jenis"].eq("keluarkan"), "penjelasan"]
    assert words in advice.iloc[0]
