"""Recognising the urusan written in a file, and what a missing basic-service urusan costs.

Files write an urusan in many ways: the wording of UU 23/2014 Pasal 12 (``Ketenteraman,
Ketertiban Umum, dan Pelindungan Masyarakat``), everyday spellings (``Ketentraman``,
``Perlindungan``), abbreviations (``Trantibumlinmas``, ``Perkim``) or the OPD's name
(``Dinas PUPR``). Each text is reduced to a **key**: lower case, accents and punctuation
removed, spelling variants replaced, filler words dropped (``dinas``, ``urusan``, ``dan``),
the remaining words sorted. The variants and filler words are data
(``data/framework/urusan_variants.csv``, with a source per row), together with the
catalogue's names and ``aliases`` (``urusan.csv``). A text is recognised when

1. its key is the key of an official name, an alias or a variant; or
2. it holds every word of exactly one urusan's name, alias or variant (``kesehatan
   masyarakat`` -> kesehatan), or most of them (at least :data:`PART_SHARE`: ``perumahan
   kawasan permukiman`` -> perumahan rakyat dan kawasan permukiman).

A text that matches nothing, or several urusan at once, is not counted as a basic-service
urusan; :func:`unrecognised_urusan` lists it with the closest official urusan for a warning.
:func:`basic_urusan_gap` states per pemda which basic-service urusan no counted innovation
covers and how many IID points that costs, by re-scoring with
:mod:`inovlab.rules.formula` (never a second formula).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import pandas as pd

from inovlab.rules import formula
from inovlab.rules.framework import Framework

PART_SHARE = 0.6
"""Share of an urusan's words a shorter text must hold to be recognised as that urusan."""

MIN_WORD = 4
"""Words shorter than this (``pu``, ``kb``, ``lh``) match only as a whole key, never as part
of a longer text."""


@functools.lru_cache(maxsize=4)
def load_variants(path: str | None = None) -> pd.DataFrame:
    """The variants table: ``varian, baku, tingkat (kata/abaikan/urusan), sumber``.

    Examples
    --------
    >>> v = load_variants()
    >>> sorted(v["tingkat"].unique())
    ['abaikan', 'kata', 'urusan']
    """
    from inovlab.resources import data_path

    table = pd.read_csv(path or data_path("framework", "urusan_variants.csv"), dtype=str,
                        keep_default_na=False)
    table["varian"] = table["varian"].str.strip().str.lower()
    table["baku"] = table["baku"].str.strip().str.lower()
    return table


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


@functools.lru_cache(maxsize=1)
def _word_rules() -> tuple[dict, frozenset]:
    """Spelling variants (``kata``) and filler words (``abaikan``) of the variants table."""
    variants = load_variants()
    words = variants[variants["tingkat"] == "kata"]
    spelling = dict(zip(words["varian"], words["baku"], strict=True))
    return spelling, frozenset(variants.loc[variants["tingkat"] == "abaikan", "varian"])


def urusan_key(text) -> str:
    """The comparison key of an urusan text (see the module notes).

    Examples
    --------
    >>> urusan_key("Ketenteraman, Ketertiban Umum, dan Perlindungan Masyarakat")
    'ketenteraman ketertiban masyarakat pelindungan umum'
    >>> urusan_key("Dinas PUPR")
    'pupr'
    """
    spelling, ignored = _word_rules()
    words = {spelling.get(w, w) for w in _words(text)}
    return " ".join(sorted(w for w in words if w not in ignored))


@functools.lru_cache(maxsize=8)
def _entries_for(urusan_rows: tuple) -> pd.DataFrame:
    """``key, urusan`` of every official name, alias and variant (cached per catalogue)."""
    variants = load_variants()
    texts, targets = [], []
    for name, aliases in urusan_rows:
        for text in [name, *str(aliases or "").split("|")]:
            if text.strip():
                texts.append(text)
                targets.append(name)
    phrases = variants[variants["tingkat"] == "urusan"]
    texts += phrases["varian"].tolist()
    targets += phrases["baku"].tolist()
    table = pd.DataFrame({"key": [urusan_key(t) for t in texts], "urusan": targets})
    return table[table["key"] != ""].drop_duplicates()


def _catalogue(fw: Framework) -> tuple:
    """The framework's urusan names and aliases as a hashable cache key."""
    return tuple(zip(fw.urusan["urusan"], fw.urusan["aliases"].fillna(""), strict=True))


def entries(fw: Framework) -> pd.DataFrame:
    """Every recognised key and its official urusan, for ``fw``'s catalogue.

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> t = entries(load_framework(2026))
    >>> t.loc[t["key"] == "trantibumlinmas", "urusan"].tolist()
    ['ketenteraman dan ketertiban umum serta pelindungan masyarakat']
    """
    return _entries_for(_catalogue(fw))


def _match_one(key: str, table: pd.DataFrame) -> tuple[str | None, str, list[str]]:
    """``(urusan or None, how, candidates)`` for one key."""
    exact = table.loc[table["key"] == key, "urusan"].unique().tolist()
    if len(exact) == 1:
        return exact[0], "nama", exact
    words = set(key.split())
    found = set()
    for entry, target in zip(table["key"], table["urusan"], strict=True):
        parts = set(entry.split())
        if parts <= words and any(len(p) >= MIN_WORD for p in parts):
            found.add(target)  # the text holds every word of the entry
        elif words <= parts and len(words) >= PART_SHARE * len(parts):
            found.add(target)  # the text is most of the entry
    if len(found) == 1:
        return next(iter(found)), "bagian", sorted(found)
    return None, "ambigu" if found else "", sorted(found)


@functools.lru_cache(maxsize=4096)
def _recognise_text(text: str, catalogue: tuple) -> tuple[str | None, str, str]:
    """``(urusan, cara, terdekat)`` of one distinct text (cached: files repeat a few dozen
    urusan texts across any number of rows and calls)."""
    from rapidfuzz import fuzz, process

    key = urusan_key(text)
    if not key:
        return None, "", ""
    table = _entries_for(catalogue)
    urusan, how, candidates = _match_one(key, table)
    if urusan:
        return urusan, how, ""
    if candidates:
        return None, how, " / ".join(candidates)
    best = process.extractOne(key, table["key"].tolist(), scorer=fuzz.token_set_ratio)
    return None, how, table["urusan"].iloc[best[2]]


def _distinct(values, fw: Framework):
    """``(codes, uniques, results)``: factorised values and one result per distinct text
    (the last row of ``results`` stands for a missing value)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    catalogue = _catalogue(fw)
    results = [_recognise_text(str(u), catalogue) for u in uniques] + [(None, "", "")]
    return codes, uniques, results


def recognise_urusan(values: pd.Series, fw: Framework) -> pd.DataFrame:
    """Recognise each urusan text; work is done once per distinct text.

    Returns
    -------
    DataFrame
        Same index as ``values``: ``urusan`` (official name, None when not recognised or
        blank), ``cara`` (``nama``: key matched; ``bagian``: by its words; ``ambigu``:
        several urusan; ``""``: nothing), ``terdekat`` (for an unrecognised text: the
        closest official urusan; several joined by `` / `` when ambiguous).

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> r = recognise_urusan(pd.Series(["Trantibumlinmas", "Dinas PUPR", "Kesehatn"]),
    ...                      load_framework(2026))
    >>> r["urusan"].tolist()
    ['ketenteraman dan ketertiban umum serta pelindungan masyarakat', 'pekerjaan umum dan penataan ruang', None]
    >>> r["terdekat"].iloc[2]
    'kesehatan'
    """
    codes, _, results = _distinct(values, fw)
    columns = np.array(results, dtype=object).reshape(-1, 3)[codes]
    index = pd.Series(values).index
    return pd.DataFrame({name: pd.Series(columns[:, k], index=index, dtype=object)
                         for k, name in enumerate(("urusan", "cara", "terdekat"))})


def canonical_urusan(values: pd.Series, fw: Framework) -> pd.Series:
    """Official urusan name of each text (unrecognised text kept, lower-cased).

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> canonical_urusan(pd.Series(["Kesehatan", "PUPR", "pariwisata", "Lainnya"]),
    ...                  load_framework(2026)).tolist()
    ['kesehatan', 'pekerjaan umum dan penataan ruang', 'pariwisata', 'lainnya']
    """
    codes, uniques, results = _distinct(values, fw)
    names = [found or " ".join(str(text).lower().split())
             for text, (found, _, _) in zip(uniques, results, strict=False)] + [None]
    return pd.Series(np.array(names, dtype=object)[codes], index=pd.Series(values).index,
                     dtype=object)


def urusan_position(values, fw: Framework) -> np.ndarray:
    """Index of each urusan in ``fw.basic_service_urusan`` (-1: not a basic-service urusan).

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> urusan_position(pd.Series(["PUPR", "Ketentraman dan Ketertiban Umum", None]),
    ...                 load_framework(2026)).tolist()
    [2, 4, -1]
    """
    lookup = {name: k for k, name in enumerate(fw.basic_service_urusan)}
    codes, _, results = _distinct(values, fw)
    position = np.array([lookup.get(found, -1) for found, _, _ in results], dtype=np.int64)
    return position[codes]


def unrecognised_urusan(inovasi: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Distinct urusan texts that are not recognised, with where they occur.

    Returns
    -------
    DataFrame
        ``urusan`` (as written), ``terdekat`` (closest official urusan), ``ambigu`` (bool),
        ``n_baris``, ``contoh`` (the first ``berkas:baris`` when the table has them).

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> df = pd.DataFrame({"urusan": ["Kesehatan", "Ketertiban Lingkungan", None]})
    >>> unrecognised_urusan(df, load_framework(2026))[["urusan", "n_baris"]].values.tolist()
    [['Ketertiban Lingkungan', 1]]
    """
    cols = ["urusan", "terdekat", "ambigu", "n_baris", "contoh"]
    if "urusan" not in inovasi or inovasi.empty:
        return pd.DataFrame(columns=cols)
    found = recognise_urusan(inovasi["urusan"], fw)
    text = inovasi["urusan"].astype("string").str.strip()
    bad = found["urusan"].isna() & text.fillna("").ne("")
    if not bad.any():
        return pd.DataFrame(columns=cols)
    where = (inovasi["berkas"].astype(str) + ":" + inovasi["baris"].astype(str)
             if {"berkas", "baris"} <= set(inovasi.columns) else pd.Series("", inovasi.index))
    table = pd.DataFrame({"urusan": text[bad], "terdekat": found.loc[bad, "terdekat"],
                          "ambigu": found.loc[bad, "cara"].eq("ambigu"), "contoh": where[bad]})
    grouped = table.groupby("urusan", sort=True)
    out = grouped.first().assign(n_baris=grouped.size()).reset_index()
    return out[cols]


def basic_urusan_gap(innovations: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Per pemda: basic-service urusan no counted innovation covers, and the IID they cost.

    ``poin_iid_hilang`` is the IID gained if the urusan rule were met, all else equal:
    the region is re-scored with :func:`inovlab.rules.formula.region_terms` once as it is
    and once with the minimum coverage (the SPD score cancels out, so it is not needed).
    It is 0 when the rule is already met, however many basic urusan are missing.

    Parameters
    ----------
    innovations : DataFrame
        Scored innovations (:func:`inovlab.rules.scoring.score_innovations`): ``tahun,
        kode_wilayah, skor_kematangan, dihitung`` and ``urusan``.
    fw : Framework

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, urusan_dasar_tercakup, urusan_minimum, urusan_dasar_belum``
        (``; ``-joined) and ``poin_iid_hilang``.

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> inn = pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71", "dihitung": True,
    ...     "skor_kematangan": 80.0, "urusan": ["Kesehatan", "Pendidikan", "Dinas Sosial",
    ...     "PUPR"] * 3})
    >>> gap = basic_urusan_gap(inn, fw).iloc[0]
    >>> int(gap.urusan_dasar_tercakup), int(gap.urusan_minimum), round(float(gap.poin_iid_hilang), 3)
    (4, 5, 1.824)
    >>> gap.urusan_dasar_belum.split("; ")[0]
    'perumahan rakyat dan kawasan permukiman'

    Twelve counted innovations in 2026 are worth ``0.38 * 12 = 4.56`` points of the total,
    ``4.56 / 250 * 100 = 1.824`` IID points, lost while only 4 of the 5 required basic
    urusan are covered.
    """
    keys = ["tahun", "kode_wilayah"]
    group = innovations.groupby(keys, sort=True).ngroup().to_numpy()
    regions = innovations[keys].drop_duplicates().sort_values(keys, ignore_index=True)
    counted = innovations["dihitung"].to_numpy(dtype=bool)
    basic = fw.basic_service_urusan
    position = urusan_position(innovations.get("urusan", pd.Series(None, index=innovations.index)),
                               fw)
    covered = formula.basic_urusan_covered(position, group, len(regions), len(basic), counted)
    total_k, n = formula.group_totals(innovations["skor_kematangan"].to_numpy(float), group,
                                      len(regions), counted)
    zero = np.zeros(len(regions))
    now = formula.region_terms(zero, total_k, n, covered, fw)["skor_iid"]
    met = formula.region_terms(zero, total_k, n, np.maximum(covered, fw.urusan_min), fw)
    have = pd.DataFrame({"g": group, "p": position})[counted & (position >= 0)]
    have = have.groupby("g")["p"].agg(set)
    regions["urusan_dasar_tercakup"] = covered
    regions["urusan_minimum"] = fw.urusan_min
    regions["urusan_dasar_belum"] = ["; ".join(u for k, u in enumerate(basic)
                                               if k not in have.get(g, set()))
                                     for g in range(len(regions))]
    regions["poin_iid_hilang"] = met["skor_iid"] - now
    return regions
