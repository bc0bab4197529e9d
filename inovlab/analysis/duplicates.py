"""Likely duplicate innovations of one pemda, by fuzzy name similarity.

An OPD that resubmits last year's innovation under a slightly different name, or two OPDs
that submit the same service, risk both being rejected at verification.
:func:`find_duplicates` finds such pairs within each pemda: trigram Dice similarity picks
candidates cheaply, :func:`name_similarity` scores them (word order does not matter).
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

REGION_KEYS = ["tahun", "kode_wilayah"]
"""The columns that identify one pemda in one cycle."""

DUPLICATE_THRESHOLD = 0.85
"""Similarity (0-1) from which two names of the same pemda are called likely duplicates."""


def normalise_name(names: pd.Series) -> pd.Series:
    """Lower case, punctuation to spaces, single spaces: the form names are compared in.

    Examples
    --------
    >>> normalise_name(pd.Series(["  SiPeKa-Online!", "Si Peka  online"])).tolist()
    ['sipeka online', 'si peka online']
    """
    text = names.astype("string").fillna("").str.lower()
    text = text.str.replace(r"[^\w\s]", " ", regex=True).str.replace("_", " ")
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    # hyphenated prefixes ("e-retribusi") compare as one word
    return text.str.replace(r"\b([a-z]) (?=\w)", r"\1", regex=True)


def _trigram_matrix(names: list[str]) -> np.ndarray:
    grams = [{s[i:i + 3] for i in range(max(len(s) - 2, 1))} for s in (f" {n} " for n in names)]
    vocab = {g: i for i, g in enumerate(sorted(set().union(*grams)))} if grams else {}
    m = np.zeros((len(names), len(vocab)), dtype=np.float32)
    for r, gs in enumerate(grams):
        m[r, [vocab[g] for g in gs]] = 1.0
    return m


def find_duplicates(inovasi: pd.DataFrame, threshold: float = DUPLICATE_THRESHOLD) -> pd.DataFrame:
    """Pairs of likely duplicate innovations within each pemda, by fuzzy name.

    Candidates come from a character-trigram Dice matrix per pemda (one matrix product, so
    hundreds of names per pemda are cheap); each candidate pair is then scored with
    ``max(difflib ratio, token-set Jaccard)`` on the normalised names, so word order does
    not matter (``"Posyandu Digital"`` = ``"Digital Posyandu"``). Names with a brand before
    `` - `` or ``:`` (``"GEDULA - Pengaduan Daring"``) are not duplicates when the brands
    differ, however generic the rest is.

    Parameters
    ----------
    inovasi : DataFrame
        ``tahun, kode_wilayah, id_inovasi, nama_inovasi`` (and ``opd``).
    threshold : float
        Similarity from which a pair is reported.

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, id_a, id_b, kemiripan`` (both orders, so each innovation can
        look up its partner).

    Examples
    --------
    >>> df = pd.DataFrame({"tahun": [2026] * 3, "kode_wilayah": ["19.71"] * 3,
    ...     "id_inovasi": ["a", "b", "c"],
    ...     "nama_inovasi": ["SiPeKa Online", "Sipeka-online", "Pasar Rakyat Digital"]})
    >>> find_duplicates(df)[["id_a", "id_b"]].values.tolist()
    [['a', 'b'], ['b', 'a']]
    """
    cols = ["tahun", "kode_wilayah", "id_a", "id_b", "kemiripan"]
    if inovasi.empty:
        return pd.DataFrame(columns=cols)
    norm = normalise_name(inovasi["nama_inovasi"])
    # "GEDULA - Pengaduan Masyarakat Daring": the acronym before " - " or ":" is the brand;
    # two names with different brands are different innovations even if the rest is generic.
    parts = inovasi["nama_inovasi"].astype("string").fillna("").str.split(r"\s[-–—]\s|:", n=1,
                                                                          regex=True)
    has_brand = parts.str.len() > 1
    brand = normalise_name(parts.str[0]).where(has_brand, "")
    rows = []
    for (year, kode), idx in inovasi.groupby(REGION_KEYS, sort=False).indices.items():
        if len(idx) < 2:
            continue
        ids = inovasi["id_inovasi"].iloc[idx].astype(str).to_numpy()
        for i, j, sim in _similar_pairs(norm.iloc[idx].tolist(), brand.iloc[idx].tolist(),
                                        threshold):
            rows.append((year, kode, ids[i], ids[j], sim))
            rows.append((year, kode, ids[j], ids[i], sim))
    return pd.DataFrame(rows, columns=cols)


def name_similarity(x: str, y: str, threshold: float = DUPLICATE_THRESHOLD) -> float:
    """``max(token-set Jaccard, difflib ratio)`` of two normalised names.

    The difflib ratio is computed only when it could reach ``threshold`` (its quick upper
    bound), so clearly different names cost little.

    Examples
    --------
    >>> name_similarity("posyandu digital", "digital posyandu")
    1.0
    """
    tx, ty = set(x.split()), set(y.split())
    sim = len(tx & ty) / len(tx | ty)
    if sim < threshold:
        matcher = difflib.SequenceMatcher(None, x, y)
        if matcher.quick_ratio() >= threshold:  # an upper bound of ratio(): cheap skip
            sim = max(sim, matcher.ratio())
    return sim


def _similar_pairs(names: list[str], brands: list[str], threshold: float):
    """``(i, j, similarity)`` for the likely duplicates among one pemda's names (i < j)."""
    m = _trigram_matrix(names)
    inter = m @ m.T
    size = m.sum(axis=1)
    dice = 2 * inter / np.maximum(size[:, None] + size[None, :], 1)
    a, b = np.nonzero(np.triu(dice >= 0.5, k=1))
    for i, j in zip(a, b, strict=False):
        x, y = names[i], names[j]
        if not x or not y:
            continue
        if brands[i] and brands[j] and brands[i] != brands[j] and difflib.SequenceMatcher(
                None, brands[i], brands[j]).ratio() < threshold:
            continue
        sim = name_similarity(x, y, threshold)
        if sim >= threshold:
            yield int(i), int(j), sim
