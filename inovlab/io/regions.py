"""The 552 pemda (regional governments) and resolving everyday names to official ones.

The reference is ``data/regions/regions.csv`` (Kepmendagri 300.2.2-2138/2025; see the
README beside it). People write region names in many ways: ``Pangkalpinang``,
``Kota Pangkalpinang``, ``Pangkal Pinang``, ``Kab. Buton``, ``Prov. Bengkulu``,
``Bau-Bau``. :func:`resolve_names` maps them to the Kemendagri code and official name.

How a name is resolved (first rule that applies wins):

1. A Kemendagri code (``19.71``; ``1971`` and ``11.1`` as Excel shortens ``11.10`` are
   accepted too).
2. The official name itself, ignoring case, spaces and punctuation. So a bare ``Bengkulu``
   is the *province* Bengkulu (its official name), and ``Kota Bengkulu`` is the kota.
3. The name without its prefix (``Kabupaten``, ``Kab.``, ``Kota``, ``Provinsi``, ``Prov.``,
   ``Pemkab``, ``Pemerintah Kota`` ...) compared with spaces and hyphens removed, so that
   ``Pangkalpinang`` = ``Pangkal Pinang`` and ``Baubau`` = ``Bau-Bau`` = ``Bau Bau``. A
   prefix, or the ``jenis`` hint, restricts the match to that kind of region. A bare name
   shared by a kabupaten and a kota (``Bekasi``, ``Bogor``) is *ambiguous* unless a
   prefix or hint decides.
4. A few common province short names (``DKI Jakarta``, ``DIY``, ``Jabar``, ``NTB``,
   ``Babel`` ...).

Anything else is *unknown*; the closest official names are offered instead: the
similarity is rapidfuzz's normalised Indel ratio (``2 * LCS / (len(a) + len(b))``, close to
difflib's ratio) of the written name to each official name, with and without the kind
prefix, computed for all unknown names at once. No fuzzy match is ever accepted silently.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from inovlab.errors import UsageError
from inovlab.resources import data_path

JENIS = ("provinsi", "kabupaten", "kota")

# Leading words that say which kind of region follows (after normalisation:
# lower case, punctuation replaced by spaces).
_PREFIXES = (
    (("pemerintah", "provinsi"), "provinsi"), (("pemerintah", "propinsi"), "provinsi"),
    (("pemerintah", "kabupaten"), "kabupaten"), (("pemerintah", "kab"), "kabupaten"),
    (("pemerintah", "kota"), "kota"),
    (("pemerintah", "daerah", "provinsi"), "provinsi"),
    (("pemerintah", "daerah", "kabupaten"), "kabupaten"), (("pemerintah", "daerah", "kab"), "kabupaten"),
    (("pemerintah", "daerah", "kota"), "kota"),
    (("pemprov",), "provinsi"), (("pemkab",), "kabupaten"), (("pemkot",), "kota"),
    (("provinsi",), "provinsi"), (("propinsi",), "provinsi"), (("prov",), "provinsi"),
    (("prop",), "provinsi"),
    (("kabupaten",), "kabupaten"), (("kab",), "kabupaten"), (("kabupaten", "adm"), "kabupaten"),
    (("kabupaten", "administrasi"), "kabupaten"), (("kab", "adm"), "kabupaten"),
    (("kab", "administrasi"), "kabupaten"),
    (("kota", "administrasi"), "kota"), (("kota", "adm"), "kota"), (("kota",), "kota"),
    (("kot",), "kota"),
)
_PREFIXES = tuple(sorted(_PREFIXES, key=lambda p: -len(p[0])))

# Abbreviated words inside names.
_TOKEN_EXPANSIONS = {"kep": "kepulauan", "kepl": "kepulauan"}

# Common everyday names (compact key -> code, or several codes when it is ambiguous).
_ALIASES = {
    "jogja": ("34", "34.71"), "yogya": ("34", "34.71"), "jogjakarta": ("34", "34.71"),
    "pangkep": "73.10", "pangkajenekepulauan": "73.10", "selayar": "73.01",
    "dkijakarta": "31", "jakarta": "31", "dki": "31",
    "diyogyakarta": "34", "diy": "34", "daerahistimewayogya": "34",
    "nad": "11", "nanggroeacehdarussalam": "11",
    "sumut": "12", "sumbar": "13", "sumsel": "16", "babel": "19", "bangkabelitung": "19",
    "kepri": "21", "jabar": "32", "jateng": "33", "jatim": "35",
    "ntb": "52", "ntt": "53", "kalbar": "61", "kalteng": "62", "kalsel": "63",
    "kaltim": "64", "kaltara": "65", "sulut": "71", "sulteng": "72", "sulsel": "73",
    "sultra": "74", "sulbar": "76", "malut": "82", "pabar": "92", "papuabarat": "92",
}

_MESSAGES = {
    "unknown": {"id": "Nama daerah '{name}' tidak dikenal.",
                "en": "Unknown region name '{name}'."},
    "ambiguous": {"id": "Nama daerah '{name}' ambigu.",
                  "en": "Region name '{name}' is ambiguous."},
    "closest": {"id": " Nama resmi terdekat: {names}.", "en": " Closest official names: {names}."},
    "none": {"id": " Tidak ada nama resmi yang mirip.", "en": " No similar official name."},
}


@functools.lru_cache(maxsize=1)
def _load_regions_cached(path: str) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    out = pd.DataFrame({
        "kode_wilayah": raw["kode"].str.strip(),
        "nama_daerah": raw["nama"].str.strip(),
        "jenis": raw["jenis"].str.strip().str.lower(),
        "provinsi": raw["provinsi"].str.strip(),
        "penduduk": pd.to_numeric(raw["penduduk"].replace("", np.nan)).astype("Int64"),
        "luas_km2": pd.to_numeric(raw["luas_km2"].replace("", np.nan)),
    })
    return out


def load_regions() -> pd.DataFrame:
    """The 552 pemda with their Kemendagri code and metadata.

    Returns
    -------
    DataFrame
        Columns ``kode_wilayah`` (str, ``"19.71"``), ``nama_daerah`` (official name),
        ``jenis`` (``provinsi``/``kabupaten``/``kota``), ``provinsi``, ``penduduk``
        (Int64) and ``luas_km2`` (float, NaN where unknown). A fresh copy each call
        (the file is read once).

    Examples
    --------
    >>> r = load_regions()
    >>> len(r), r["jenis"].value_counts()["kota"]
    (552, np.int64(98))
    >>> r.set_index("kode_wilayah").loc["19.71", "nama_daerah"]
    'Kota Pangkal Pinang'
    """
    return _load_regions_cached(str(data_path("regions", "regions.csv"))).copy()


def _normalise(text: str) -> str:
    text = str(text).lower()
    text = re.sub(r"[.\-_,/'’`()\"]", " ", text)
    return " ".join(text.split())


def _split_prefix(norm: str) -> tuple[str | None, list[str]]:
    tokens = norm.split()
    for words, jenis in _PREFIXES:
        n = len(words)
        if tuple(tokens[:n]) == words and len(tokens) > n:
            return jenis, tokens[n:]
    return None, tokens


def _compact(tokens: list[str]) -> str:
    return "".join(_TOKEN_EXPANSIONS.get(t, t) for t in tokens)


@functools.lru_cache(maxsize=1)
def _index(path: str):
    regions = _load_regions_cached(path)
    codes = dict(zip(regions["kode_wilayah"], regions.index, strict=True))
    full = {}
    core: dict[str, list[int]] = {}
    for i, (name, jenis) in enumerate(zip(regions["nama_daerah"], regions["jenis"], strict=True)):
        norm = _normalise(name)
        full.setdefault(_compact(norm.split()), []).append(i)
        _, tokens = _split_prefix(norm) if jenis != "provinsi" else (None, norm.split())
        core.setdefault(_compact(tokens), []).append(i)
    for alias, code in _ALIASES.items():
        for c in (code,) if isinstance(code, str) else code:
            i = codes[c]
            if i not in core.get(alias, []):
                core.setdefault(alias, []).append(i)
    choices = [_normalise(n) for n in regions["nama_daerah"]]
    bare = [" ".join(_split_prefix(c)[1]) for c in choices]
    arrays = (regions["kode_wilayah"].to_numpy(dtype=object),
              regions["nama_daerah"].to_numpy(dtype=object),
              regions["jenis"].to_numpy(dtype=object))
    return arrays, codes, full, core, (choices, bare)


def closest_names(texts, n: int = 5, cutoff: float = 0.5) -> list[list[str]]:
    """Up to ``n`` official names closest to each of ``texts`` (similarity >= ``cutoff``).

    The similarity is the larger of the written name against the official name and of
    the name without its kind prefix against the official name without it (so ``Kab.
    Bantl`` finds ``Kabupaten Bantul``); ties keep the reference order.

    Examples
    --------
    >>> closest_names(["Pangkal Pinangg", "Kab. Bantl"], n=1)
    [['Kota Pangkal Pinang'], ['Kabupaten Bantul']]
    """
    from rapidfuzz import fuzz, process

    idx = _index(str(data_path("regions", "regions.csv")))
    names, (choices, bare_choices) = idx[0][1], idx[4]
    norms = [_normalise(t) for t in texts]
    bares = [" ".join(_split_prefix(t)[1]) for t in norms]
    if not norms:
        return []
    full = process.cdist(norms, choices, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    part = process.cdist(bares, bare_choices, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    score = np.maximum(full, part) / 100.0
    order = np.argsort(-score, axis=1, kind="stable")[:, :n]
    top = np.take_along_axis(score, order, axis=1)
    return [[names[j] for j, sc in zip(row, sc_row, strict=True) if sc >= cutoff] if norm else []
            for row, sc_row, norm in zip(order, top, norms, strict=True)]


def _resolve_one(value, hint, idx) -> tuple[str | None, str | None, str, list[str]]:
    (kode, names, jenis), codes, full, core, _ = idx
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None, None, "unknown", []
    text = str(value).strip()
    if not text:
        return None, None, "unknown", []
    hint = str(hint).strip().lower() if isinstance(hint, str) and hint.strip() else None

    code = text
    if re.fullmatch(r"\d{4}", code):
        code = f"{code[:2]}.{code[2:]}"
    elif re.fullmatch(r"\d{2}\.\d", code):
        code = code + "0"
    if re.fullmatch(r"\d{2}(\.\d{2})?", code):
        if code in codes:
            i = codes[code]
            return code, names[i], "ok", []
        return None, None, "unknown", []

    norm = _normalise(text)

    def ok(i):
        return kode[i], names[i], "ok", []

    exact = [i for i in full.get(_compact(norm.split()), []) if hint is None or jenis[i] == hint]
    if len(exact) == 1:
        return ok(exact[0])
    prefix_jenis, tokens = _split_prefix(norm)
    want = prefix_jenis or hint
    found = core.get(_compact(tokens), [])
    if want:
        found = [i for i in found if jenis[i] == want]
    if len(found) == 1:
        return ok(found[0])
    if len(found) > 1:
        return None, None, "ambiguous", [names[i] for i in found][:5]
    return None, None, "unknown", None  # closest names: computed for all unknowns at once


def resolve_names(names, jenis=None) -> pd.DataFrame:
    """Resolve region names (or codes) to Kemendagri codes and official names.

    Each distinct (name, jenis) pair is resolved once, so long columns are cheap.

    Parameters
    ----------
    names : sequence of str
        Names as people write them, or codes (``"19.71"``).
    jenis : str or sequence of str, optional
        ``provinsi``, ``kabupaten`` or ``kota``: restricts the match (a prefix such as
        ``Kab.`` in the name itself wins over the hint). One value for all names, or one
        per name.

    Returns
    -------
    DataFrame
        One row per input, in order: ``input``, ``kode_wilayah``, ``nama_daerah``,
        ``status`` (``ok``, ``unknown``, ``ambiguous``) and ``candidates`` (list of
        official names: the competing ones when ambiguous, the closest ones when unknown).

    Examples
    --------
    >>> r = resolve_names(["Pangkalpinang", "Kab. Buton", "Baubau", "Bekasi", "19.71"])
    >>> r[["kode_wilayah", "status"]].values.tolist()
    [['19.71', 'ok'], ['74.04', 'ok'], ['74.72', 'ok'], [None, 'ambiguous'], ['19.71', 'ok']]
    >>> r.loc[3, "candidates"]
    ['Kabupaten Bekasi', 'Kota Bekasi']
    >>> resolve_names(["Bekasi"], jenis="kota")["nama_daerah"].tolist()
    ['Kota Bekasi']
    """
    values = (names.reset_index(drop=True) if isinstance(names, pd.Series)
              else pd.Series(list(names), dtype=object))
    if jenis is None or isinstance(jenis, str):
        hints = pd.Series([jenis] * len(values), dtype=object)
    else:
        hints = pd.Series(list(jenis), dtype=object)
        if len(hints) != len(values):
            raise ValueError("jenis must be one value or one per name")
    if isinstance(jenis, str) and jenis.strip().lower() not in JENIS:
        raise ValueError(f"jenis must be one of {JENIS}, got {jenis!r}")
    idx = _index(str(data_path("regions", "regions.csv")))
    # each distinct (name, hint) pair is resolved once; rows take their pair's result
    codes, first = _pair_codes(values, hints)
    results = [_resolve_one(v, h, idx) for v, h in zip(
        values.iloc[first].tolist(), hints.iloc[first].tolist(), strict=True)]
    unknown = [k for k, r in enumerate(results) if r[2] == "unknown" and r[3] is None]
    unknown_text = values.iloc[first[unknown]].astype(str).str.strip().tolist() if unknown else []
    for k, cands in zip(unknown, closest_names(unknown_text), strict=True):
        results[k] = (*results[k][:3], cands)
    columns = list(zip(*results, strict=True)) if results else [(), (), (), ()]
    take = [np.array(list(c) + [None], dtype=object)[codes] for c in columns]
    return pd.DataFrame({
        "input": values.astype(object),
        "kode_wilayah": pd.Series(take[0], dtype=object),
        "nama_daerah": pd.Series(take[1], dtype=object),
        "status": take[2],
        "candidates": take[3],  # rows of one distinct name share its list
    })


def _pair_codes(values: pd.Series, hints: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Code of each row's distinct (name, hint) pair, and the first row of each pair."""
    name_codes, _ = pd.factorize(values, use_na_sentinel=False)
    hint_codes, hint_uniques = pd.factorize(hints, use_na_sentinel=False)
    pair = name_codes.astype(np.int64) * (len(hint_uniques) + 1) + hint_codes
    codes, uniques = pd.factorize(pair)
    first = np.full(len(uniques), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    return codes, first


def describe_problem(name: str, status: str, candidates: list[str], lang: str = "id") -> str:
    """Plain-language reason for an unresolved name, naming the closest official names.

    Examples
    --------
    >>> describe_problem("Bekasi", "ambiguous", ["Kabupaten Bekasi", "Kota Bekasi"], "en")
    "Region name 'Bekasi' is ambiguous. Closest official names: Kabupaten Bekasi, Kota Bekasi."
    """
    lang = lang if lang in ("id", "en") else "id"
    text = _MESSAGES["ambiguous" if status == "ambiguous" else "unknown"][lang].format(name=name)
    if candidates:
        text += _MESSAGES["closest"][lang].format(names=", ".join(candidates))
    else:
        text += _MESSAGES["none"][lang]
    return text


def resolve_region(name: str, jenis: str | None = None, lang: str = "id") -> tuple[str, str]:
    """Resolve one region name for a command-line option such as ``--region``.

    Returns
    -------
    tuple of str
        ``(kode_wilayah, nama_daerah)``.

    Raises
    ------
    UsageError
        When the name is unknown or ambiguous; the message names the closest official names.

    Examples
    --------
    >>> resolve_region("Kota Pangkalpinang")
    ('19.71', 'Kota Pangkal Pinang')
    >>> resolve_region("Prov. Bengkulu")
    ('17', 'Bengkulu')
    """
    row = resolve_names([name], jenis=jenis).iloc[0]
    if row["status"] != "ok":
        raise UsageError(describe_problem(str(name), row["status"], row["candidates"], lang))
    return row["kode_wilayah"], row["nama_daerah"]


def other_matches(name: str) -> list[str]:
    """Official names of the other pemda a bare name could also mean.

    A bare name that is an official name resolves to that region (rule 2 above:
    ``Bengkulu`` is the province), although a kota or kabupaten carries the same name
    after its prefix (``Kota Bengkulu``). This lists those others, so a command can say
    which one it chose and how to ask for the other; [] when the name has a prefix, is a
    code, or can mean one region only.

    Examples
    --------
    >>> other_matches("bengkulu")
    ['Kota Bengkulu']
    >>> other_matches("Kota Bengkulu"), other_matches("Pangkalpinang"), other_matches("19.71")
    ([], [], [])
    """
    (_, names, _), _, full, core, _ = _index(str(data_path("regions", "regions.csv")))
    prefix, tokens = _split_prefix(_normalise(name))
    exact = full.get(_compact(tokens), [])
    if prefix is not None or len(exact) != 1:
        return []
    return [names[i] for i in core.get(_compact(tokens), []) if i != exact[0]]
