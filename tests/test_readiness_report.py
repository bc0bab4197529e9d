"""Tests of the one-page HTML summary of the readiness check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pandas as pd
import pytest

from inovlab.analysis.readiness import read_opd_list, run_check
from inovlab.io.validation import load_table
from inovlab.report.readiness_report import render_html
from inovlab.rules.framework import load_framework

DATA = Path(__file__).parent / "data" / "readiness"
MALICIOUS = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def result():
    fw = load_framework(2026)
    inovasi = load_table(DATA / "inovasi_kota.csv", "inovasi", cycle=2026)
    # a malicious OPD name too, and a problem on the malicious innovation so it is listed
    inovasi = inovasi.copy()
    inovasi.loc[inovasi["id_inovasi"] == "G12", "tahapan"] = "uji coba"
    inovasi.loc[inovasi["id_inovasi"] == "G12", "opd"] = '"><img src=x onerror=alert(2)>'
    hasil = pd.DataFrame({"tahun": [2025, 2025, 2024, 2024],
                          "kode_wilayah": ["19.71", "17.71"] * 2,
                          "skor_iid": [50.0, 70.0, 48.0, 66.0], "skor_spd": [40.0, 45.0] * 2})
    return run_check(inovasi, fw, opd_list=read_opd_list(DATA / "opd.txt"),
                     deadline=dt.date(2026, 12, 15), hasil=hasil, today=dt.date(2026, 11, 23))


def test_user_text_is_escaped(result):
    page = render_html(result)
    assert MALICIOUS not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    assert "<script" not in page.lower()


def test_self_contained(result):
    page = render_html(result)
    assert not re.search(r"https?://", page)
    assert "<link" not in page and "src=" not in page.replace("src=x", "")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_indonesian_numbers_and_words(result):
    page = render_html(result)
    iid = result.pemda["skor_iid"].iloc[0]
    assert f"{iid:.2f}".replace(".", ",") in page
    assert "Proyeksi IID" in page and "Kota Pangkal Pinang" in page
    assert "Satpol PP" in page  # OPD to chase
    assert "15 Desember 2026" in page


def test_english(result):
    page = render_html(result, lang="en")
    iid = result.pemda["skor_iid"].iloc[0]
    assert "Projected IID" in page and f"{iid:.2f}" in page
    assert 'lang="en"' in page


def test_rank_names_its_field(result):
    p = result.pemda.iloc[0]
    assert p["bidang"] == "2 kota dalam berkas Anda: Bengkulu dan Kepulauan Bangka Belitung 2025"
    page = render_html(result)
    assert f"dari {int(p['jumlah_pembanding'])}, di antara 2 kota dalam berkas Anda: Bengkulu dan Kepulauan Bangka Belitung 2025" in page


def test_no_rank_says_why():
    fw = load_framework(2026)
    inovasi = load_table(DATA / "inovasi_kota.csv", "inovasi", cycle=2026)
    r = run_check(inovasi, fw, today=dt.date(2026, 11, 23))
    page = render_html(r)
    assert "Proyeksi peringkat" in page and "tidak ada tabel hasil" in page


@pytest.mark.parametrize("lang, words", [("id", "(skor SPD dari hasil 2025)"),
                                         ("en", "(SPD score from the 2025 results)")])
def test_spd_source_is_said_in_words(result, lang, words):
    assert result.pemda["sumber_spd"].iloc[0] == "hasil 2025"  # the saved code is unchanged
    page = render_html(result, lang=lang)
    assert words in page and "(hasil 2025)" not in page


@pytest.mark.parametrize("lang, words", [("id", "(berkas SPD daerah ini)"),
                                         ("en", "(the region's own SPD file)")])
def test_own_spd_file_is_said_in_words(result, lang, words):
    own = dataclasses.replace(result, pemda=result.pemda.assign(sumber_spd="spd"))
    page = html.unescape(render_html(own, lang=lang))
    assert words in page and "(spd)" not in page
