"""Tests of likely-duplicate detection by name (inovlab.analysis.duplicates)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.analysis.duplicates import find_duplicates, name_similarity, normalise_name


def test_duplicates_word_order_and_no_false_pairs():
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["19.71"] * 4 + ["11.01"],
                       "id_inovasi": list("abcde"),
                       "nama_inovasi": ["Posyandu Digital", "digital posyandu",
                                        "Pasar Rakyat Online", "Layanan Pajak Keliling",
                                        "Posyandu Digital"]})
    pairs = find_duplicates(df)
    assert sorted(map(tuple, pairs[["id_a", "id_b"]].values)) == [("a", "b"), ("b", "a")]


def test_duplicates_different_brands_are_different():
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71", "id_inovasi": list("abcd"),
                       "nama_inovasi": ["GEDULA - Pengaduan Masyarakat Daring",
                                        "PEPERU - Pengaduan Masyarakat Daring",
                                        "Gedula: pengaduan masyarakat daring",
                                        "E-Retribusi Pasar"]})
    pairs = find_duplicates(df)
    assert sorted(map(tuple, pairs[["id_a", "id_b"]].values)) == [("a", "c"), ("c", "a")]


def test_duplicates_scale_to_hundreds():
    rng = np.random.default_rng(0)
    words = ["layanan", "sistem", "digital", "pasar", "sekolah", "sehat", "desa", "pajak",
             "antrean", "data", "kota", "warga", "bank", "sampah", "air", "jalan"]
    names = [" ".join(rng.choice(words, 4, replace=False)) + f" {i}" for i in range(400)]
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                       "id_inovasi": [f"x{i}" for i in range(400)], "nama_inovasi": names})
    out = find_duplicates(df)
    assert set(out.columns) >= {"id_a", "id_b", "kemiripan"}


def test_normalise_name_and_similarity_ignore_case_punctuation_and_order():
    a, b = normalise_name(pd.Series(["E-Retribusi: Pasar!", "pasar  e retribusi"]))
    assert a == "eretribusi pasar" and name_similarity(a, "pasar eretribusi") == 1.0
    assert name_similarity("posyandu digital", "pasar rakyat") < 0.85
    assert b == "pasar eretribusi"
