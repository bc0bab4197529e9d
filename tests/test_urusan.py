"""Tests of urusan recognition and the cost of a missing basic-service urusan
(inovlab.rules.urusan)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from inovlab.cli.main import main
from inovlab.io.validation import load_table
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score
from inovlab.rules.urusan import (
    basic_urusan_gap,
    entries,
    load_variants,
    recognise_urusan,
    unrecognised_urusan,
    urusan_key,
)

FW = load_framework(2026)
TRANTIB = "ketenteraman dan ketertiban umum serta pelindungan masyarakat"
PUPR = "pekerjaan umum dan penataan ruang"
PERKIM = "perumahan rakyat dan kawasan permukiman"
FIXTURE = Path(__file__).parent / "data" / "urusan" / "inovasi_urusan.csv"


@pytest.mark.parametrize("text, official", [
    ("Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", TRANTIB),
    ("Ketentraman dan Ketertiban Umum serta Perlindungan Masyarakat", TRANTIB),
    ("KETENTRAMAN DAN KETERTIBAN UMUM", TRANTIB),
    ("Trantibumlinmas", TRANTIB), ("Satpol PP", TRANTIB), ("Pelindungan Masyarakat", TRANTIB),
    ("Dinas PUPR", PUPR), ("Pekerjaan Umum & Penataan Ruang", PUPR), ("Perkim", PERKIM),
    ("Perumahan dan Kawasan Pemukiman", PERKIM), ("Dinas Perumahan Rakyat", PERKIM),
    ("Urusan Kesehatan", "kesehatan"), ("Kesehatan Masyarakat", "kesehatan"),
    ("Dinas Sosial", "sosial"), ("pariwisata", "pariwisata"),
])
def test_variants_map_to_the_official_urusan(text, official):
    assert recognise_urusan(pd.Series([text]), FW)["urusan"].iloc[0] == official


@pytest.mark.parametrize("text, closest, how", [
    ("Kesehatn", "kesehatan", ""), ("Ketertiban Lingkungan", TRANTIB, ""),
    ("Pendidikan dan Kebudayaan", "kebudayaan / pendidikan", "ambigu"),
])
def test_unrecognised_text_names_the_closest(text, closest, how):
    row = recognise_urusan(pd.Series([text]), FW).iloc[0]
    assert row["urusan"] is None and row["terdekat"] == closest and row["cara"] == how


def test_blank_and_missing_are_not_warned_about():
    df = pd.DataFrame({"urusan": [None, "", "  ", "Kesehatn", "Kesehatn"],
                       "berkas": "a.csv", "baris": [2, 3, 4, 5, 6]})
    out = unrecognised_urusan(df, FW)
    assert out[["urusan", "n_baris", "contoh"]].values.tolist() == [["Kesehatn", 2, "a.csv:5"]]


def test_variants_are_data_with_a_source_and_no_conflict():
    variants = load_variants()
    assert (variants["sumber"].str.len() > 0).all()
    assert set(variants["tingkat"]) == {"kata", "abaikan", "urusan"}
    phrases = variants[variants["tingkat"] == "urusan"]
    assert set(phrases["baku"]) <= set(FW.urusan["urusan"])
    table = entries(FW)
    assert not table.duplicated("key").any(), "one key, two urusan"
    assert urusan_key("Dinas  PUPR!") == urusan_key("pupr")


def test_uu_wording_counts_for_the_urusan_rule():
    inovasi = load_table(FIXTURE, "inovasi", cycle=2026)
    regions, _ = score(inovasi, None, FW)
    assert int(regions["urusan_dasar_tercakup"].iloc[0]) == 6
    assert bool(regions["syarat_urusan_terpenuhi"].iloc[0])


def test_missing_basic_urusan_costs_what_rescoring_says():
    inovasi = load_table(FIXTURE, "inovasi", cycle=2026)
    broken = inovasi.copy()
    trantib_or_perkim = recognise_urusan(broken["urusan"], FW)["urusan"].isin([TRANTIB, PERKIM])
    broken.loc[trantib_or_perkim, "urusan"] = "Ketertiban Lingkungan"
    regions, innovations = score(broken, None, FW)
    gap = basic_urusan_gap(innovations, FW).iloc[0]
    assert int(gap.urusan_dasar_tercakup) == 4 and TRANTIB in gap.urusan_dasar_belum
    # the same innovations with one more basic urusan meet the rule: the points differ by
    # exactly the IID the rule costs, computed by the one scoring engine
    fixed = broken.copy()
    fixed.loc[trantib_or_perkim, "urusan"] = TRANTIB
    regions_fixed, _ = score(fixed, None, FW)
    expected = (regions_fixed["skor_sid"] - regions["skor_sid"]).iloc[0] / FW.total_max * 100
    assert gap.poin_iid_hilang == pytest.approx(expected)
    assert gap.poin_iid_hilang == pytest.approx(0.38 * 18 / 250 * 100)


def test_gap_is_zero_when_the_rule_is_met():
    inovasi = load_table(FIXTURE, "inovasi", cycle=2026)
    _, innovations = score(inovasi, None, FW)
    gap = basic_urusan_gap(innovations, FW)
    assert gap["poin_iid_hilang"].tolist() == [0.0] and gap["urusan_dasar_belum"].tolist() == [""]


def test_score_and_check_state_urusan_warnings_and_points(tmp_path, capsys):
    src = tmp_path / "inovasi.csv"
    text = FIXTURE.read_text(encoding="utf-8")
    for written in ("Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",
                    "Trantibumlinmas", "Ketentraman dan Ketertiban Umum serta Perlindungan "
                    "Masyarakat"):
        text = text.replace(written, "Ketertiban Lingkungan")
    src.write_text(text.replace('"Ketertiban Lingkungan"', "Ketertiban Lingkungan"),
                   encoding="utf-8")
    assert main(["score", "--cycle", "2026", "--inovasi", str(src), "--out",
                 str(tmp_path / "skor"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "urusan 'Ketertiban Lingkungan' (4 row(s)" in out and TRANTIB in out
    table = pd.read_csv(tmp_path / "skor" / "skor_daerah.csv")
    assert table["urusan_dasar_tercakup"].iloc[0] == 5  # still met: min 5 in 2026
    assert main(["check", "--cycle", "2026", "--inovasi", str(src), "--out",
                 str(tmp_path / "cek")]) == 0
    out = capsys.readouterr().out
    assert "tidak dikenali" in out and "belum ada" in out and "0 poin" in out


def test_positions_use_the_same_recognition():
    from inovlab.rules.scoring import urusan_position

    pos = urusan_position(pd.Series(["Trantibumlinmas", "Dinas PUPR", "Kesehatn", None]), FW)
    basic = FW.basic_service_urusan
    assert pos.tolist() == [basic.index(TRANTIB), basic.index(PUPR), -1, -1]
    assert np.issubdtype(pos.dtype, np.integer)
