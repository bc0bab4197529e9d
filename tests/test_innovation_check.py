"""Tests of the per-innovation submission check (inovlab.analysis.innovation_check)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inovlab.analysis.innovation_check import check_innovations, join_keys
from inovlab.io.validation import load_table
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_regions

INOVASI = Path(__file__).parent / "data" / "readiness" / "inovasi_kota.csv"


@pytest.fixture(scope="module")
def fw():
    return load_framework(2026)


@pytest.fixture(scope="module")
def inovasi():
    return load_table(INOVASI, "inovasi", cycle=2026)


def test_min_kematangan_parameter(inovasi, fw):
    out = check_innovations(inovasi, fw, min_kematangan=95)
    assert out["m_DI_BAWAH_MINIMUM"].all()


def test_rules_checked_only_where_known(inovasi):
    fw23 = load_framework(2023)  # no window, no design-word minimum known
    out = check_innovations(inovasi.assign(tahun=2023), fw23)
    assert not out["m_JENDELA_WAKTU"].any()
    assert not out["m_RANCANG_BANGUN"].any()
    assert out["m_VIDEO"].sum() == 1


def test_english_explanations(inovasi, fw):
    out = check_innovations(inovasi, fw, lang="en").set_index("id_inovasi")
    assert "Mandatory indicator at level 0" in out.at["P03", "penjelasan"]
    assert out.at["P03", "masalah"] == "WAJIB_KOSONG"


def test_stage_explanation_names_the_stage_in_the_reports_language(inovasi, fw):
    trial = inovasi.assign(tahapan="uji coba").head(1)
    english = check_innovations(trial, fw, lang="en")["penjelasan"].iloc[0]
    assert "Stage 'trial (uji coba)', not implementation (penerapan)" in english
    indonesian = check_innovations(trial, fw)["penjelasan"].iloc[0]
    assert "Tahapan 'uji coba', bukan penerapan" in indonesian


def test_join_keys_one_string_per_row():
    df = pd.DataFrame({"tahun": [2026, 2026], "kode_wilayah": ["19.71", "17.71"]})
    assert join_keys(df, ["tahun", "kode_wilayah"]).tolist() == ["2026|19.71", "2026|17.71"]


# -- property: the break-even flag is exact, whatever the portfolio ----------------------
_URUSAN = ["pendidikan", "kesehatan", "pupr", "perkim", "trantibum", "sosial", "pariwisata"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.sampled_from(_URUSAN)),
                min_size=1, max_size=25))
def test_break_even_flag_matches_removal(rows):
    fw = load_framework(2026)
    n = len(rows)
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                       "id_inovasi": [f"i{k}" for k in range(n)],
                       "nama_inovasi": [f"inovasi nomor {k} " + "abcdefghij"[k % 10] * (k + 1)
                                        for k in range(n)],
                       "opd": "Dinas X", "tahapan": "penerapan",
                       "urusan": [r[2] for r in rows]})
    for j, c in enumerate(fw.sid_columns):
        df[c] = [r[j % 2] for r in rows]
    out = check_innovations(df, fw)
    spd = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "spd_1": [3]})
    base = score_regions(out, spd, fw)["skor_iid"].iloc[0]
    for i in out.index:
        without = out.copy()
        without.loc[i, "dihitung"] = False
        delta = base - score_regions(without, spd, fw)["skor_iid"].iloc[0]
        assert out.at[i, "perubahan_iid"] == pytest.approx(delta, abs=1e-9)
        assert out.at[i, "m_DI_BAWAH_IMPAS"] == (delta < -1e-9)


@pytest.mark.parametrize("lang, date, span", [
    ("id", "1 Maret 2023", "1 Januari 2024 s.d. 31 Desember 2025"),
    ("en", "1 March 2023", "1 January 2024 to 31 December 2025")])
def test_window_explanation_writes_dates_in_the_reports_language(inovasi, fw, lang, date, span):
    out = check_innovations(inovasi, fw, lang=lang).set_index("id_inovasi")
    text = out.at["P02", "penjelasan"]
    assert out.at["P02", "masalah"] == "JENDELA_WAKTU"
    assert f" {date} " in text and f" {span}:" in text
    assert "2023-03-01" not in text and "2024-01-01" not in text


@pytest.mark.parametrize("lang, score", [("id", "Kematangan 64,00 "),
                                         ("en", "Kematangan 64.00 ")])
def test_kematangan_in_explanations_has_the_tables_two_decimals(inovasi, fw, lang, score):
    text = check_innovations(inovasi, fw, lang=lang).set_index("id_inovasi").at[
        "P07", "penjelasan"]
    assert text.count(score) == 2  # below break-even and below the house minimum
    assert "64,0 " not in text and "64.0 " not in text
