"""Tests of likely-duplicate detection by name (inovlab.analysis.duplicates)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.analysis.duplicates import (
    BLOCK_CAP,
    candidate_pairs,
    find_duplicates,
    name_similarity,
    normalise_name,
    pair_similarity,
)


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


def _brute_force(df: pd.DataFrame, threshold: float = 0.85) -> set:
    """Every pair of a pemda scored one by one (the definition blocking must reproduce)."""
    from rapidfuzz import fuzz

    norm = normalise_name(df["nama_inovasi"]).tolist()
    parts = df["nama_inovasi"].str.split(r"\s[-–—]\s|:", n=1, regex=True)
    brand = normalise_name(parts.str[0]).where(parts.str.len() > 1, "").tolist()
    kode, ids = df["kode_wilayah"].tolist(), df["id_inovasi"].tolist()
    found = set()
    for i in range(len(df)):
        for j in range(i + 1, len(df)):
            if kode[i] != kode[j] or not norm[i]:
                continue
            if brand[i] and brand[j] and fuzz.ratio(brand[i], brand[j]) / 100 < threshold:
                continue
            if name_similarity(norm[i], norm[j]) >= threshold:
                found.add((ids[i], ids[j]))
    return found


def test_blocking_finds_what_comparing_every_pair_finds():
    rng = np.random.default_rng(3)
    words = ["layanan", "antrean", "puskesmas", "pajak", "sampah", "posyandu", "desa", "air",
             "online", "digital", "terpadu", "keliling", "sekolah", "gizi", "pasar"]
    names = []
    for k in range(160):
        if k > 5 and rng.random() < 0.25:  # near copies: typo, case, order, punctuation
            base = names[rng.integers(0, len(names))]
            pick = rng.integers(0, 4)
            if pick == 0:
                cut = rng.integers(1, len(base) - 1)
                base = base[:cut] + base[cut + 1:]
            elif pick == 1:
                base = base.upper()
            elif pick == 2:
                base = " ".join(reversed(base.split()))
            else:
                base = base.replace(" ", "-", 1)
            names.append(base)
        else:
            names.append(" ".join(rng.choice(words, rng.integers(2, 5), replace=False)))
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": rng.choice(["19.71", "11.01"], 160),
                       "id_inovasi": [f"x{k:03d}" for k in range(160)], "nama_inovasi": names})
    got = find_duplicates(df)
    assert {(a, b) for a, b in zip(got["id_a"], got["id_b"], strict=True) if a < b} == \
        _brute_force(df)


def test_typo_in_the_rarest_word_and_exact_copies_among_common_words():
    common = [f"layanan digital {k}" for k in range(400)]  # "layanan digital" in 400 names
    names = common + ["Layanan Digital", "LAYANAN DIGITAL", "Sipeka Online", "Sipekka online"]
    df = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                       "id_inovasi": [f"i{k}" for k in range(len(names))], "nama_inovasi": names})
    pairs = find_duplicates(df)
    found = set(zip(pairs["id_a"], pairs["id_b"], strict=True))
    assert ("i400", "i401") in found and ("i402", "i403") in found


def test_candidate_pairs_stay_within_a_pemda_and_grow_linearly():
    norm = np.array(["posyandu digital"] * 4)
    i, j = candidate_pairs(norm, np.array([0, 0, 1, 1]))
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 1), (2, 3)]
    rng = np.random.default_rng(0)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    chars = rng.choice(letters, (5000, 3, 6))
    many = np.array([" ".join("".join(w) for w in name) for name in chars.tolist()])
    i, _ = candidate_pairs(many, np.zeros(5000, dtype=int))
    assert len(i) < 5000 * 4 * BLOCK_CAP  # never the 12.5 million pairs of all against all


def test_pair_similarity_matches_name_similarity():
    norm = np.array(["posyandu digital", "digital posyandu", "sipeka online", "pasar rakyat"])
    i, j = np.array([0, 0, 2, 1]), np.array([1, 2, 3, 3])
    expected = [name_similarity(norm[a], norm[b]) for a, b in zip(i, j, strict=True)]
    assert np.allclose(pair_similarity(norm, i, j), expected)
