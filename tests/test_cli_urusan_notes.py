"""Tests of the urusan sentences of ``score`` and ``check`` (inovlab.cli.urusan_notes)."""

from __future__ import annotations

import pandas as pd

from inovlab.cli.urusan_notes import gap_lines, gap_table, unrecognised_lines
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_innovations

FW = load_framework(2026)


def _innovations(urusan: list[str]) -> pd.DataFrame:
    table = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                          "nama_daerah": "Kota Pangkal Pinang", "tahapan": "penerapan",
                          "urusan": urusan, "berkas": "opd.xlsx",
                          "baris": range(2, 2 + len(urusan))})
    for col in FW.sid_columns:
        table[col] = 2
    return score_innovations(table, FW)


def test_points_lost_are_stated_per_pemda_in_both_languages():
    inn = _innovations(["Kesehatan", "Pendidikan", "Dinas Sosial", "Ketertiban Lingkungan"] * 5)
    gap = gap_table(inn, FW)
    assert gap["nama_daerah"].tolist() == ["Kota Pangkal Pinang"]
    points = 0.38 * 20 / 250 * 100
    (line_id,) = gap_lines(gap, "id")
    (line_en,) = gap_lines(gap, "en")
    assert line_id.startswith("Kota Pangkal Pinang: urusan pelayanan dasar tercakup 3 dari "
                              "minimal 5")
    assert f"IID berkurang {points:.2f}".replace(".", ",") in line_id
    assert f"the IID loses {points:.2f} points" in line_en


def test_unrecognised_text_is_located_and_named_once():
    inn = _innovations(["Ketertiban Lingkungan", "Kesehatan", "Ketertiban Lingkungan"])
    lines = unrecognised_lines(inn, FW, "id")
    assert len(lines) == 1 and "(2 baris, mis. opd.xlsx:2)" in lines[0]
    assert "'ketenteraman dan ketertiban umum serta pelindungan masyarakat'" in lines[0]


def test_nothing_said_when_every_basic_urusan_is_covered():
    inn = _innovations(["Kesehatan", "Pendidikan", "Dinas Sosial", "PUPR", "Perkim",
                        "Trantibumlinmas"])
    assert gap_lines(gap_table(inn, FW), "id") == [] and unrecognised_lines(inn, FW) == []
