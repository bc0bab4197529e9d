"""Likely duplicate innovations of one pemda, by fuzzy name similarity, in near-linear time.

An OPD that resubmits last year's innovation under a slightly different name, or two OPDs
that submit the same service, risk both being rejected at verification.
:func:`find_duplicates` finds such pairs within each pemda in two steps:

1. **Blocking** (:func:`candidate_pairs`): only names that share a key are compared. The
   keys of a name are its rarest words (enough of them that two names whose word sets
   overlap by the threshold always share one: prefix filtering), the first and last
   :data:`EDGE_CHARS` letters of the name without spaces (a typo, a changed word or word
   order leaves one end intact) and the whole name without spaces (exact copies). A key
   shared by more than :data:`BLOCK_CAP` names of a pemda (a very common word) picks no
   candidates, so the work grows with the number of names, not its square.
2. **Scoring** (:func:`pair_similarity`): ``max(word-set Jaccard, character similarity)``
   on the normalised names, for all candidate pairs at once; the character similarity is
   rapidfuzz's normalised Indel similarity (``2 * LCS / (len_a + len_b)``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REGION_KEYS = ["tahun", "kode_wilayah"]
"""The columns that identify one pemda in one cycle."""

DUPLICATE_THRESHOLD = 0.85
"""Similarity (0-1) from which two names of the same pemda are called likely duplicates."""

EDGE_CHARS = 6
"""Letters at each end of a name (spaces removed) that form a blocking key."""

BLOCK_CAP = 200
"""A blocking key shared by more names of one pemda than this picks no candidate pairs."""

_COLUMNS = ["tahun", "kode_wilayah", "id_a", "id_b", "kemiripan"]


def normalise_name(names: pd.Series) -> pd.Series:
    """Lower case, punctuation to spaces, single spaces: the form names are compared in.

    Examples
    --------
    >>> normalise_name(pd.Series(["  SiPeKa-Online!", "Si Peka  online"])).tolist()
    ['sipeka online', 'si peka online']
    """
    codes, uniques = pd.factorize(names.astype("string").fillna(""))
    text = pd.Series(uniques, dtype="string").str.lower()  # each distinct name once
    text = text.str.replace(r"[^\w\s]", " ", regex=True).str.replace("_", " ")
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    # hyphenated prefixes ("e-retribusi") compare as one word
    text = text.str.replace(r"\b([a-z]) (?=\w)", r"\1", regex=True)
    return pd.Series(text.to_numpy(dtype=object)[codes], index=names.index, dtype="string")


def name_similarity(x: str, y: str) -> float:
    """``max(word-set Jaccard, Indel similarity)`` of two normalised names (0-1).

    Examples
    --------
    >>> name_similarity("posyandu digital", "digital posyandu")
    1.0
    >>> round(name_similarity("sipeka online", "sipekka online"), 3)
    0.963
    """
    from rapidfuzz import fuzz

    tx, ty = set(x.split()), set(y.split())
    jaccard = len(tx & ty) / len(tx | ty) if tx | ty else 0.0
    return max(jaccard, fuzz.ratio(x, y) / 100.0)


def _word_table(norm: np.ndarray, group: np.ndarray) -> pd.DataFrame:
    """One row per distinct (name, word): ``row, word, group`` with word codes."""
    words = pd.Series(norm, dtype=object).str.split().explode()
    words = words[words.notna() & (words != "")]
    table = pd.DataFrame({"row": words.index.to_numpy(dtype=np.int64),
                          "word": pd.factorize(words.to_numpy())[0]}).drop_duplicates()
    table["group"] = group[table["row"].to_numpy()]
    return table


def _prefix_words(words: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The rarest ``k - ceil(threshold * k) + 1`` words of each name (``k`` its distinct
    words; rarity counted within the pemda, ties by word code): two names with word-set
    Jaccard >= ``threshold`` always share one of them (prefix filtering)."""
    freq = words.groupby(["group", "word"])["row"].transform("size")
    ranked = words.assign(freq=freq).sort_values(["row", "freq", "word"], kind="stable")
    rank = ranked.groupby("row").cumcount().to_numpy()
    k = ranked.groupby("row")["word"].transform("size").to_numpy()
    keep = rank < k - np.ceil(threshold * k - 1e-9) + 1
    return ranked.loc[keep, ["row", "group", "word"]]


def _pairs_in_blocks(rows: np.ndarray, block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(i, j)``, ``i < j``, of rows sharing a block id (no Python loop)."""
    order = np.lexsort((rows, block))
    rows, block = rows[order], block[order]
    starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
    sizes = np.diff(np.r_[starts, len(block)])
    # each member is paired with the members after it in its block
    after = np.repeat(starts + sizes, sizes) - np.arange(len(rows)) - 1
    first = np.repeat(np.arange(len(rows)), after)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after)
    i, j = rows[first], rows[first + 1 + offset]
    return np.minimum(i, j), np.maximum(i, j)


def candidate_pairs(norm, group, threshold: float = DUPLICATE_THRESHOLD,
                    cap: int = BLOCK_CAP) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs ``(i, j)``, ``i < j``, of the same group worth scoring (see module notes).

    Parameters
    ----------
    norm : array of str, shape (n,)
        Normalised names (:func:`normalise_name`).
    group : array of int, shape (n,)
        Pemda of each row (names are only compared within a group).
    threshold : float
        Word-set similarity the word keys must not miss.
    cap : int
        Largest block that is expanded into pairs (exact copies always are).

    Returns
    -------
    (ndarray, ndarray)
        Row positions, each pair once, sorted.

    Examples
    --------
    >>> norm = np.array(["posyandu digital", "digital posyandu", "pasar rakyat", "pasar rakyt"])
    >>> i, j = candidate_pairs(norm, np.zeros(4, dtype=int))
    >>> list(zip(i.tolist(), j.tolist()))
    [(0, 1), (2, 3)]
    """
    norm = np.asarray(norm, dtype=object)
    group = np.asarray(group, dtype=np.int64)
    words = _prefix_words(_word_table(norm, group), threshold)
    squeezed = pd.Series(norm, dtype=object).str.replace(" ", "", regex=False)
    edges = pd.concat([("a" + squeezed.str[:EDGE_CHARS]), ("z" + squeezed.str[-EDGE_CHARS:])])
    keyed = pd.DataFrame({
        "row": np.r_[words["row"].to_numpy(), edges.index.to_numpy(), np.arange(len(norm))],
        "key": np.r_["w" + words["word"].astype(str).to_numpy(), edges.to_numpy(dtype=object),
                     "=" + squeezed.to_numpy(dtype=object)].astype(object),
    })
    keyed = keyed[squeezed.to_numpy()[keyed["row"].to_numpy()] != ""]
    keyed["group"] = group[keyed["row"].to_numpy()]
    block = keyed.groupby(["group", "key"], sort=False).ngroup().to_numpy()
    size = np.bincount(block)[block]
    exact = keyed["key"].str.startswith("=").to_numpy()
    use = (size > 1) & ((size <= cap) | exact)
    i, j = _pairs_in_blocks(keyed["row"].to_numpy()[use], block[use])
    code = np.sort(i * len(norm) + j)  # a pair sharing several keys is kept once
    code = code[np.r_[True, code[1:] != code[:-1]]] if len(code) else code
    return code // len(norm), code % len(norm)


def _word_jaccard(norm: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Word-set Jaccard of each pair ``(i[k], j[k])``, vectorised."""
    words = _word_table(norm, np.zeros(len(norm), dtype=np.int64))
    n_words = np.bincount(words["row"], minlength=len(norm))
    vocab = int(words["word"].max()) + 1 if len(words) else 1
    codes = np.sort(words["row"].to_numpy() * vocab + words["word"].to_numpy())
    by_row = words.sort_values(["row", "word"])
    start = np.r_[0, np.cumsum(n_words)[:-1]]
    reps = n_words[i]
    pair = np.repeat(np.arange(len(i)), reps)
    pos = np.repeat(start[i], reps) + np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps,
                                                                        reps)
    probe = j[pair] * vocab + by_row["word"].to_numpy()[pos]
    found = np.searchsorted(codes, probe)
    hit = (found < len(codes)) & (codes[np.minimum(found, len(codes) - 1)] == probe)
    inter = np.bincount(pair, weights=hit, minlength=len(i))
    union = n_words[i] + n_words[j] - inter
    return np.divide(inter, union, out=np.zeros(len(i)), where=union > 0)


def pair_similarity(norm, i, j) -> np.ndarray:
    """:func:`name_similarity` of every pair ``(norm[i[k]], norm[j[k]])`` at once.

    Examples
    --------
    >>> norm = np.array(["posyandu digital", "digital posyandu", "sipeka online",
    ...                  "sipekka online"])
    >>> pair_similarity(norm, np.array([0, 2]), np.array([1, 3])).round(3).tolist()
    [1.0, 0.963]
    """
    from rapidfuzz import fuzz
    from rapidfuzz.process import cpdist

    norm = np.asarray(norm, dtype=object)
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    if not len(i):
        return np.zeros(0)
    chars = cpdist(norm[i].tolist(), norm[j].tolist(), scorer=fuzz.ratio, dtype=np.float64)
    return np.maximum(_word_jaccard(norm, i, j), np.asarray(chars) / 100.0)


def _brands(names: pd.Series) -> np.ndarray:
    """The brand before `` - `` or ``:`` (``"GEDULA - Pengaduan Daring"``), else ``""``."""
    parts = names.astype("string").fillna("").str.split(r"\s[-–—]\s|:", n=1, regex=True)
    return normalise_name(parts.str[0]).where(parts.str.len() > 1, "").to_numpy(dtype=object)


def _different_brands(brand: np.ndarray, i, j, threshold: float) -> np.ndarray:
    """Pairs whose names carry two clearly different brands."""
    from rapidfuzz import fuzz
    from rapidfuzz.process import cpdist

    both = (brand[i] != "") & (brand[j] != "") & (brand[i] != brand[j])
    out = np.zeros(len(i), dtype=bool)
    if both.any():
        sim = cpdist(brand[i][both].tolist(), brand[j][both].tolist(), scorer=fuzz.ratio)
        out[both] = np.asarray(sim) / 100.0 < threshold
    return out


def find_duplicates(inovasi: pd.DataFrame, threshold: float = DUPLICATE_THRESHOLD) -> pd.DataFrame:
    """Pairs of likely duplicate innovations within each pemda, by fuzzy name.

    Candidates come from blocking (:func:`candidate_pairs`), so 20,000 names of one pemda
    take seconds, not hours; each candidate pair is scored with :func:`pair_similarity`
    (word order does not matter: ``"Posyandu Digital"`` = ``"Digital Posyandu"``). Names
    with a brand before `` - `` or ``:`` (``"GEDULA - Pengaduan Daring"``) are not
    duplicates when the brands differ, however generic the rest is.

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
    if inovasi.empty:
        return pd.DataFrame(columns=_COLUMNS)
    norm = normalise_name(inovasi["nama_inovasi"]).to_numpy(dtype=object)
    group = inovasi.groupby(REGION_KEYS, sort=False).ngroup().to_numpy(dtype=np.int64)
    i, j = candidate_pairs(norm, group, threshold)
    sim = pair_similarity(norm, i, j)
    keep = (sim >= threshold) & ~_different_brands(_brands(inovasi["nama_inovasi"]), i, j,
                                                  threshold)
    i, j, sim = i[keep], j[keep], sim[keep]
    order = np.lexsort((j, i, group[i]))
    i, j, sim = i[order], j[order], sim[order]
    a, b = np.column_stack([i, j]).ravel(), np.column_stack([j, i]).ravel()
    ids = inovasi["id_inovasi"].astype(str).to_numpy()
    return pd.DataFrame({"tahun": inovasi["tahun"].to_numpy()[a],
                         "kode_wilayah": inovasi["kode_wilayah"].to_numpy()[a],
                         "id_a": ids[a], "id_b": ids[b], "kemiripan": np.repeat(sim, 2)},
                        columns=_COLUMNS)

