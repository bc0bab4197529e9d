"""Submission readiness: check every OPD's innovations before the IID deadline.

Litbang collects innovations from every OPD and must know, within days, what will count,
what will pull the average down, and whom to chase. The check works on the canonical
``inovasi`` table (see :mod:`inovlab.io.validation`) and the cycle's :class:`Framework`:

* :func:`check_innovations` -- per innovation: ``skor_kematangan``, ``dihitung``, and the
  problem codes in ``masalah`` (``;``-separated) with an explanation per code.
* :func:`check_opd` -- per OPD: submitted, counted, target, shortfall; OPDs on the list
  with nothing submitted.
* :func:`check_pemda` -- per pemda: n against the divisor floor, basic-service urusan,
  projected SPD/SID/IID and predikat, projected rank and P(top 10), days to the deadline.
* :func:`recommend` -- which innovations to raise first, which to leave out, which OPDs
  to chase.
* :func:`run_check` -- all of the above as a :class:`ReadinessResult` (``write(out)``
  writes the CSV/JSON/Excel/HTML outputs atomically).

Problem codes
-------------
``TAHAPAN``          not at the counted stage (``penerapan``)
``JENDELA_WAKTU``    implementation date outside the cycle's window (only where known)
``DUPLIKAT``         likely duplicate (fuzzy name) of another innovation of the same pemda
``WAJIB_KOSONG``     a mandatory SID indicator at level 0
``RANCANG_BANGUN``   design narrative shorter than the cycle's minimum (only where known)
``VIDEO``            video longer than the cycle's maximum
``DI_BAWAH_IMPAS``   counted, and its kematangan is below the exact break-even for the
                     pemda's other counted innovations: including it lowers the IID
``DI_BAWAH_MINIMUM`` kematangan below the house minimum (``--min-kematangan``, default 70;
                     a local rule, not the pedoman)

``dihitung`` follows :func:`inovlab.rules.scoring.score_innovations` (stage and window), so the
projection equals ``inovlab score``; the other problems are risks at verification.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.analysis.uncertainty import rank_distribution
from inovlab.i18n import confidence_label, message, source_label
from inovlab.rules.framework import ASSUMED, Framework, load_framework
from inovlab.rules.scoring import (
    RULE_OF_THUMB,
    break_even,
    canonical_urusan,
    score_innovations,
    score_regions,
    sid_score,
)

CODES = ("TAHAPAN", "JENDELA_WAKTU", "DUPLIKAT", "WAJIB_KOSONG", "RANCANG_BANGUN", "VIDEO",
         "DI_BAWAH_IMPAS", "DI_BAWAH_MINIMUM")
"""Problem codes, in the order they are listed."""

REGION_KEYS = ["tahun", "kode_wilayah"]
DUPLICATE_THRESHOLD = 0.85
"""Similarity (0-1) from which two names of the same pemda are called likely duplicates."""

# The rules each code rests on; an assumed (inferred/unknown) rule is said in the text.
_CODE_RULES = {
    "TAHAPAN": ("counted_stage",),
    "JENDELA_WAKTU": ("window_start", "window_end"),
    "RANCANG_BANGUN": ("min_design_words",),
    "VIDEO": ("max_video_seconds",),
    "DI_BAWAH_IMPAS": ("divisor_floor", "jumlah_points_per_innovation", "jumlah_cap_innovations",
                       "jumlah_urusan_min"),
}

_MSG = {
    "TAHAPAN": {"id": "Tahapan '{stage}', bukan {wanted}: tidak dihitung dalam indeks.",
                "en": "Stage '{stage}', not {wanted}: not counted in the index."},
    "JENDELA_WAKTU": {"id": "Tanggal penerapan {date} di luar jendela {span}: tidak dihitung "
                            "(kecuali ada pengembangan di dalam jendela).",
                      "en": "Implementation date {date} outside the window {span}: not counted "
                            "(unless developed further inside the window)."},
    "DUPLIKAT": {"id": "Kemungkinan duplikat dari '{other}' ({other_id}, {other_opd}); "
                       "kemiripan nama {sim}%.",
                 "en": "Likely duplicate of '{other}' ({other_id}, {other_opd}); "
                       "name similarity {sim}%."},
    "WAJIB_KOSONG": {"id": "Indikator wajib bernilai 0: {names}.",
                     "en": "Mandatory indicator at level 0: {names}."},
    "RANCANG_BANGUN": {"id": "Rancang bangun {words} kata, minimal {min} kata.",
                       "en": "Design narrative has {words} words; at least {min} required."},
    "VIDEO": {"id": "Video {secs} detik, maksimal {max} detik.",
              "en": "Video is {secs} seconds; at most {max} allowed."},
    "DI_BAWAH_IMPAS": {"id": "Kematangan {score} di bawah skor impas {be}: menurunkan IID "
                             "sebesar {loss} poin bila diikutkan.",
                       "en": "Kematangan {score} is below the break-even {be}: including it "
                             "lowers the IID by {loss} points."},
    "DI_BAWAH_MINIMUM": {"id": "Kematangan {score} di bawah minimum internal {min} "
                               "(aturan daerah, bukan pedoman resmi).",
                         "en": "Kematangan {score} is below the house minimum {min} "
                               "(local rule, not the official guideline)."},
    "assumed": {"id": " (keyakinan aturan: {conf})", "en": " (rule confidence: {conf})"},
    "estimate": {"id": " (perkiraan otomatis, periksa manual)",
                 "en": " (automatic estimate, check by hand)"},
    "kejar": {"id": "OPD {opd}: belum mengirim; kurang {short} inovasi yang dihitung.",
              "en": "OPD {opd}: nothing submitted; {short} counted innovation(s) short."},
    "kejar_kurang": {"id": "OPD {opd}: {counted} dari {target} inovasi dihitung; kurang {short}.",
                     "en": "OPD {opd}: {counted} of {target} innovations count; {short} short."},
    "naikkan": {"id": "Naikkan indikator {code} {name} dari level {lvl} ke {nxt}: +{gain} poin "
                      "IID per level.",
                "en": "Raise indicator {code} {name} from level {lvl} to {nxt}: +{gain} IID "
                      "points per level."},
    "keluarkan": {"id": "Pertimbangkan tidak mengusulkan: kematangan {score} < impas {be}; "
                        "IID naik {gain} poin tanpanya.",
                  "en": "Consider leaving it out: kematangan {score} < break-even {be}; the IID "
                        "rises {gain} points without it."},
    "tambah_n": {"id": "Inovasi dihitung {n} < pembagi minimum {d}: setiap inovasi penerapan "
                       "tambahan menaikkan IID.",
                 "en": "Counted innovations {n} < divisor floor {d}: every extra implemented "
                       "innovation raises the IID."},
    "tambah_urusan": {"id": "Urusan pelayanan dasar tercakup {cov} dari minimal {min}: usulkan "
                            "inovasi penerapan untuk {missing}; tanpa itu skor jumlah inovasi 0.",
                      "en": "Basic-service urusan covered {cov} of at least {min}: submit "
                            "implemented innovations for {missing}; otherwise the "
                            "number-of-innovations score is 0."},
}


def _fmt(x, decimals=2, lang="id"):
    from inovlab.i18n import format_number

    return format_number(x, decimals, lang)


def _assumed_note(fw: Framework, rules, lang: str) -> str:
    used = [r for r in rules if fw.rule(r) is not None] or list(rules)
    conf = fw.rules_confidence(used)
    if conf in ASSUMED:
        return message(_MSG, "assumed", lang, conf=confidence_label(conf, lang))
    return ""


def _join_keys(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """One string key per row from several columns (vectorised)."""
    out = df[columns[0]].astype(str)
    for c in columns[1:]:
        out = out + "|" + df[c].astype(str)
    return out.astype(object)


# -- duplicates ---------------------------------------------------------------------------
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
        names = norm.iloc[idx].tolist()
        m = _trigram_matrix(names)
        inter = m @ m.T
        size = m.sum(axis=1)
        dice = 2 * inter / np.maximum(size[:, None] + size[None, :], 1)
        a, b = np.nonzero(np.triu(dice >= 0.5, k=1))
        ids = inovasi["id_inovasi"].iloc[idx].astype(str).to_numpy()
        brands = brand.iloc[idx].tolist()
        for i, j in zip(a, b, strict=False):
            x, y = names[i], names[j]
            if not x or not y:
                continue
            if brands[i] and brands[j] and brands[i] != brands[j] and difflib.SequenceMatcher(
                    None, brands[i], brands[j]).ratio() < threshold:
                continue
            tx, ty = set(x.split()), set(y.split())
            sim = len(tx & ty) / len(tx | ty)
            if sim < threshold:
                matcher = difflib.SequenceMatcher(None, x, y)
                if matcher.quick_ratio() >= threshold:  # an upper bound of ratio(): cheap skip
                    sim = max(sim, matcher.ratio())
            if sim >= threshold:
                rows.append((year, kode, ids[i], ids[j], sim))
                rows.append((year, kode, ids[j], ids[i], sim))
    return pd.DataFrame(rows, columns=cols)


# -- per innovation -----------------------------------------------------------------------
def _leave_one_out(scored: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Break-even of each innovation against the pemda's other counted innovations.

    For a counted innovation j with ``n`` counted in its pemda and sum ``S``, the others are
    ``n - 1`` with mean ``(S - s_j) / (n - 1)``; ``skor_impas = break_even(n - 1, mean, fw,
    urusan_ok)`` with the urusan rule judged without j. ``selisih_sid`` is the exact change
    of the SID (with minus without j); it also catches the case where j alone keeps the
    urusan rule met. For a row that is not counted, the break-even is against all counted.
    """
    if scored.empty:
        return pd.DataFrame({"skor_impas": [], "selisih_sid": [], "n_dihitung_pemda": []})
    counted = scored["dihitung"].to_numpy(bool)
    s = scored["skor_kematangan"].to_numpy(float)
    keys = _join_keys(scored, REGION_KEYS)
    n = pd.Series(counted.astype(float)).groupby(keys.to_numpy()).transform("sum").to_numpy()
    total = pd.Series(np.where(counted, s, 0.0)).groupby(keys.to_numpy()).transform("sum").to_numpy()

    # urusan coverage, with and without each innovation
    basic = set(fw.basic_service_urusan)
    raw_urusan = scored["urusan"] if "urusan" in scored else pd.Series("", index=scored.index)
    urusan = canonical_urusan(raw_urusan.fillna(""), fw).fillna("").astype(str)
    is_basic = (urusan.isin(basic).to_numpy() & counted)
    pair = (keys.astype(str) + "#" + urusan).to_numpy()
    per_pair = pd.Series(is_basic.astype(int)).groupby(pair).transform("sum").to_numpy()
    cover_df = pd.DataFrame({"k": keys.to_numpy(), "u": urusan.to_numpy(), "b": is_basic})
    cover = cover_df[cover_df["b"]].drop_duplicates(["k", "u"]).groupby("k").size()
    coverage = keys.map(cover).fillna(0).to_numpy()
    sole = is_basic & (per_pair == 1)
    cov_without = np.where(counted, coverage - sole, coverage)
    ok_with = coverage >= fw.urusan_min
    ok_without = cov_without >= fw.urusan_min

    n_wo = np.where(counted, n - 1, n)
    total_wo = np.where(counted, total - s, total)
    mean_wo = np.divide(total_wo, n_wo, out=np.zeros_like(total_wo), where=n_wo > 0)
    be = break_even(n_wo, mean_wo, fw, ok_without)

    sid_with = sid_score(total_wo + s, n_wo + 1, fw, ok_with)
    sid_wo = sid_score(total_wo, n_wo, fw, ok_without)
    return pd.DataFrame({"skor_impas": be, "selisih_sid": sid_with - sid_wo,
                         "n_dihitung_pemda": n}, index=scored.index)


def check_innovations(inovasi: pd.DataFrame, fw: Framework, min_kematangan: float = RULE_OF_THUMB,
                      lang: str = "id", duplicate_threshold: float = DUPLICATE_THRESHOLD
                      ) -> pd.DataFrame:
    """Score every innovation and list its problems with an explanation per code.

    Parameters
    ----------
    inovasi : DataFrame
        Canonical ``inovasi`` table of one cycle (see :func:`inovlab.io.validation.load_table`).
    fw : Framework
        The cycle's rules.
    min_kematangan : float
        House minimum (``DI_BAWAH_MINIMUM``); 70 by default, a local rule.
    lang : {"id", "en"}
        Language of the explanations.
    duplicate_threshold : float
        See :func:`find_duplicates`.

    Returns
    -------
    DataFrame
        One row per innovation, in input order: ``id_inovasi, opd, skor_kematangan,
        dihitung, masalah`` (codes joined by ``;``, empty when none), ``penjelasan``
        (explanations joined by `` | ``), ``nama_inovasi, tahapan, urusan, skor_impas,
        perubahan_iid`` (IID change from including it, counted rows only), ``duplikat_dengan``,
        ``keyakinan_aturan`` (weakest confidence of the rules behind the row's problems),
        ``tahun, kode_wilayah, nama_daerah`` and ``berkas, baris`` when present; one bool
        column per code (``m_TAHAPAN`` ...).

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["uji coba"],
    ...     **{c: [3] for c in fw.sid_columns}})
    >>> check_innovations(df, fw)[["id_inovasi", "skor_kematangan", "masalah"]].values.tolist()
    [['a', 111.0, 'TAHAPAN']]
    """
    scored = score_innovations(inovasi.reset_index(drop=True), fw)
    n_rows = len(scored)
    flags: dict[str, np.ndarray] = {}
    texts: dict[str, pd.Series] = {}
    empty = pd.Series("", index=scored.index, dtype=object)

    # TAHAPAN
    wanted = str(fw.rule("counted_stage"))
    stage = scored.get("tahapan", empty).astype("string").str.strip().str.lower().fillna("")
    flags["TAHAPAN"] = (stage != wanted).to_numpy()
    note = _assumed_note(fw, _CODE_RULES["TAHAPAN"], lang)
    template = message(_MSG, "TAHAPAN", lang, stage="{}", wanted=wanted) + note
    texts["TAHAPAN"] = stage.map(lambda v: template.format(v)).astype(object)

    # JENDELA_WAKTU
    start, end = fw.window
    outside = np.zeros(n_rows, bool)
    if "tanggal_penerapan" in scored and (start or end):
        when = pd.to_datetime(scored["tanggal_penerapan"], errors="coerce")
        if start:
            outside |= (when < pd.Timestamp(start)).fillna(False).to_numpy(bool)
        if end:
            outside |= (when > pd.Timestamp(end)).fillna(False).to_numpy(bool)
    flags["JENDELA_WAKTU"] = outside
    span = f"{start or '…'} s.d. {end or '…'}" if lang == "id" else f"{start or '…'} to {end or '…'}"
    tmpl = message(_MSG, "JENDELA_WAKTU", lang, span=span, date="{}") + _assumed_note(
        fw, _CODE_RULES["JENDELA_WAKTU"], lang)
    when_text = pd.to_datetime(scored.get("tanggal_penerapan", pd.Series(pd.NaT, index=scored.index)),
                               errors="coerce").dt.strftime("%Y-%m-%d").fillna("–")
    texts["JENDELA_WAKTU"] = when_text.map(lambda v: tmpl.format(v)).astype(object)

    # DUPLIKAT
    pairs = find_duplicates(scored, duplicate_threshold)
    dup_with = pd.Series("", index=scored.index, dtype=object)
    dup_text = pd.Series("", index=scored.index, dtype=object)
    if not pairs.empty:
        key = _join_keys(scored, REGION_KEYS + ["id_inovasi"])
        info = scored.assign(_key=key).drop_duplicates("_key").set_index("_key")
        pairs = pairs.sort_values("kemiripan", ascending=False)
        pkey_a = _join_keys(pairs, REGION_KEYS + ["id_a"])
        pkey_b = _join_keys(pairs, REGION_KEYS + ["id_b"])
        partner = pd.DataFrame({"a": pkey_a.to_numpy(), "b": pkey_b.to_numpy(),
                                "id_b": pairs["id_b"].to_numpy(),
                                "sim": pairs["kemiripan"].to_numpy()})
        partner["nama"] = partner["b"].map(info["nama_inovasi"]).astype(str).to_numpy()
        partner["opd"] = partner["b"].map(info["opd"]).astype(str).to_numpy() \
            if "opd" in info else ""
        partner["text"] = [message(_MSG, "DUPLIKAT", lang, other=nm, other_id=i, other_opd=o,
                                   sim=int(round(100 * sm)))
                           for nm, i, o, sm in zip(partner["nama"], partner["id_b"],
                                                   partner["opd"], partner["sim"], strict=False)]
        grouped = partner.groupby("a", sort=False).agg(
            ids=("id_b", lambda v: ";".join(v)), text=("text", lambda v: " ".join(v)))
        dup_with = key.map(grouped["ids"]).fillna("").astype(object)
        dup_text = key.map(grouped["text"]).fillna("").astype(object)
    flags["DUPLIKAT"] = (dup_with != "").to_numpy()
    texts["DUPLIKAT"] = dup_text + message(_MSG, "estimate", lang)

    # WAJIB_KOSONG
    mand = fw.indicators[(fw.indicators["unit"] == "sid") & fw.indicators["mandatory"]]
    names = pd.Series("", index=scored.index, dtype=object)
    any_zero = np.zeros(n_rows, bool)
    for row in mand.itertuples():
        col = f"ind_{row.code}"
        lvl = pd.to_numeric(scored[col], errors="coerce").fillna(0) if col in scored \
            else pd.Series(0, index=scored.index)
        zero = (lvl <= 0).to_numpy()
        any_zero |= zero
        label = f"{row.code} {row.name_id if lang == 'id' else row.name_en}"
        names = names.where(~zero, names + np.where(names == "", "", ", ") + label)
    flags["WAJIB_KOSONG"] = any_zero
    mand_note = ""
    if len(mand) and mand["confidence"].isin(ASSUMED).any():
        mand_note = message(_MSG, "assumed", lang, conf=confidence_label(
            mand["confidence"][mand["confidence"].isin(ASSUMED)].iloc[0], lang))
    tmpl = message(_MSG, "WAJIB_KOSONG", lang, names="{}") + mand_note
    texts["WAJIB_KOSONG"] = names.map(lambda v: tmpl.format(v))

    # RANCANG_BANGUN
    min_words = fw.rule("min_design_words")
    words = pd.to_numeric(scored.get("kata_rancang_bangun", pd.Series(np.nan, index=scored.index)),
                          errors="coerce").astype(float)
    flags["RANCANG_BANGUN"] = ((words < min_words).fillna(False).to_numpy(bool)
                               if min_words is not None else np.zeros(n_rows, bool))
    tmpl = message(_MSG, "RANCANG_BANGUN", lang, words="{}", min=min_words) + _assumed_note(
        fw, _CODE_RULES["RANCANG_BANGUN"], lang)
    texts["RANCANG_BANGUN"] = words.map(lambda v: tmpl.format(_fmt(v, 0, lang)))

    # VIDEO
    max_secs = fw.rule("max_video_seconds")
    secs = pd.to_numeric(scored.get("durasi_video_detik", pd.Series(np.nan, index=scored.index)),
                         errors="coerce").astype(float)
    flags["VIDEO"] = ((secs > max_secs).fillna(False).to_numpy(bool) if max_secs is not None
                      else np.zeros(n_rows, bool))
    tmpl = message(_MSG, "VIDEO", lang, secs="{}", max=max_secs) + _assumed_note(
        fw, _CODE_RULES["VIDEO"], lang)
    texts["VIDEO"] = secs.map(lambda v: tmpl.format(_fmt(v, 0, lang)))

    # DI_BAWAH_IMPAS
    loo = _leave_one_out(scored, fw)
    counted = scored["dihitung"].to_numpy(bool)
    change_iid = np.where(counted, loo["selisih_sid"].to_numpy() * 100 / fw.total_max, np.nan)
    flags["DI_BAWAH_IMPAS"] = counted & (loo["selisih_sid"].to_numpy() < -1e-9)
    note = _assumed_note(fw, _CODE_RULES["DI_BAWAH_IMPAS"], lang)
    texts["DI_BAWAH_IMPAS"] = pd.Series(
        [message(_MSG, "DI_BAWAH_IMPAS", lang, score=_fmt(s, 1, lang), be=_fmt(b, 1, lang),
                 loss=_fmt(-c, 3, lang)) + note
         for s, b, c in zip(scored["skor_kematangan"], loo["skor_impas"], change_iid, strict=False)],
        index=scored.index, dtype=object)

    # DI_BAWAH_MINIMUM
    score = scored["skor_kematangan"].to_numpy(float)
    flags["DI_BAWAH_MINIMUM"] = score < float(min_kematangan)
    texts["DI_BAWAH_MINIMUM"] = pd.Series(
        [message(_MSG, "DI_BAWAH_MINIMUM", lang, score=_fmt(s, 1, lang),
                 min=_fmt(min_kematangan, 0, lang)) for s in score],
        index=scored.index, dtype=object)

    masalah = pd.Series("", index=scored.index, dtype=object)
    penjelasan = pd.Series("", index=scored.index, dtype=object)
    for code in CODES:
        f = flags[code]
        sep_m = np.where(masalah == "", "", ";")
        sep_p = np.where(penjelasan == "", "", " | ")
        masalah = masalah.where(~f, masalah + sep_m + code)
        penjelasan = penjelasan.where(~f, penjelasan + sep_p + code + ": " + texts[code])

    # weakest confidence among the rules behind the row's problems (DUPLIKAT and
    # DI_BAWAH_MINIMUM rest on no official rule and are left out)
    from inovlab.rules.framework import CONFIDENCE_ORDER, weakest

    code_conf = {c: fw.rules_confidence([r for r in rules if fw.rule(r) is not None] or rules)
                 for c, rules in _CODE_RULES.items()}
    code_conf["WAJIB_KOSONG"] = weakest(mand["confidence"]) if len(mand) else "confirmed"
    rank = np.full(n_rows, -1)
    for code, conf in code_conf.items():
        rank = np.where(flags[code], np.maximum(rank, CONFIDENCE_ORDER.index(conf)), rank)
    labels = np.array(list(CONFIDENCE_ORDER) + [""], dtype=object)
    out = pd.DataFrame({
        "id_inovasi": scored["id_inovasi"].astype(str),
        "opd": scored.get("opd", empty),
        "skor_kematangan": score,
        "dihitung": counted,
        "masalah": masalah,
        "penjelasan": penjelasan,
        "nama_inovasi": scored.get("nama_inovasi", empty),
        "tahapan": scored.get("tahapan", empty),
        "urusan": scored.get("urusan", empty),
        "skor_impas": loo["skor_impas"].to_numpy(),
        "perubahan_iid": change_iid,
        "duplikat_dengan": dup_with,
        "keyakinan_aturan": labels[rank],
    }, index=scored.index)
    for col in ("tahun", "kode_wilayah", "nama_daerah", "berkas", "baris"):
        if col in scored:
            out[col] = scored[col]
    for col in fw.sid_columns:
        out[col] = scored[col] if col in scored else 0
    for code in CODES:
        out[f"m_{code}"] = flags[code]
    out.attrs["sumber_data"] = inovasi.attrs.get("sumber_data", "user")
    return out


# -- per OPD -------------------------------------------------------------------------------
def _opd_key(names: pd.Series) -> pd.Series:
    return names.astype("string").fillna("").str.lower().str.replace(r"[^\w]+", " ", regex=True) \
        .str.strip()


def check_opd(checked: pd.DataFrame, opd_list=None, target_per_opd: int = 2) -> pd.DataFrame:
    """Per OPD: innovations submitted, counted, target and shortfall.

    Parameters
    ----------
    checked : DataFrame
        Output of :func:`check_innovations`.
    opd_list : list of str or DataFrame, optional
        Every OPD expected to submit (column ``opd``; optionally ``kode_wilayah`` to give a
        list per pemda; otherwise the list applies to every pemda checked). Names match
        ignoring case, spaces and punctuation.
    target_per_opd : int
        Counted innovations each OPD should deliver (a local rule, often 2).

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, nama_daerah`` (those present), ``opd, diajukan, dihitung,
        target, kekurangan, bermasalah, tidak_mengirim, di_daftar`` sorted by shortfall (largest first).

    Examples
    --------
    >>> c = pd.DataFrame({"tahun": [2026] * 3, "kode_wilayah": ["19.71"] * 3,
    ...     "opd": ["Dinkes", "Dinkes", "Disdik"], "dihitung": [True, False, True],
    ...     "masalah": ["", "TAHAPAN", ""]})
    >>> t = check_opd(c, ["Dinkes", "Disdik", "Dinsos"])
    >>> t[["opd", "diajukan", "dihitung", "kekurangan"]].values.tolist()
    [['Dinsos', 0, 0, 2], ['Dinkes', 2, 1, 1], ['Disdik', 1, 1, 1]]
    """
    keys = [k for k in REGION_KEYS if k in checked]
    df = checked.assign(_k=_opd_key(checked["opd"]),
                        _bad=checked["masalah"].astype(str).ne(""))
    agg = df.groupby(keys + ["_k"], sort=False, dropna=False).agg(
        opd=("opd", "first"), diajukan=("_k", "size"), dihitung=("dihitung", "sum"),
        bermasalah=("_bad", "sum")).reset_index()
    agg["di_daftar"] = opd_list is None
    if opd_list is not None:
        listed = opd_list if isinstance(opd_list, pd.DataFrame) else pd.DataFrame(
            {"opd": list(opd_list)})
        listed = listed.assign(_k=_opd_key(listed["opd"]))
        listed = listed.drop_duplicates([c for c in ("kode_wilayah", "_k") if c in listed])
        regions = checked[keys].drop_duplicates()
        if "kode_wilayah" in listed and "kode_wilayah" in keys:
            expected = listed[["kode_wilayah", "_k", "opd"]].merge(regions, on="kode_wilayah")
        else:
            expected = regions.merge(listed[["_k", "opd"]], how="cross")
        expected = expected.rename(columns={"opd": "_opd_list"})
        agg = agg.merge(expected, on=keys + ["_k"], how="outer", indicator=True)
        agg["di_daftar"] = agg["_merge"].ne("left_only")
        agg["opd"] = agg["opd"].fillna(agg["_opd_list"])
        for c in ("diajukan", "dihitung", "bermasalah"):
            agg[c] = agg[c].fillna(0)
        agg = agg.drop(columns=["_merge", "_opd_list"])
    for c in ("diajukan", "dihitung", "bermasalah"):
        agg[c] = agg[c].astype(int)
    agg["target"] = int(target_per_opd)
    agg["kekurangan"] = (agg["target"] - agg["dihitung"]).clip(lower=0)
    agg["tidak_mengirim"] = agg["diajukan"].eq(0)
    agg = agg.sort_values(["kekurangan", "tidak_mengirim", "opd"],
                          ascending=[False, False, True], kind="stable")
    if "nama_daerah" in checked and "kode_wilayah" in agg:
        names = checked.drop_duplicates("kode_wilayah").set_index("kode_wilayah")["nama_daerah"]
        agg["nama_daerah"] = agg["kode_wilayah"].map(names)
        keys = keys + ["nama_daerah"]
    cols = keys + ["opd", "diajukan", "dihitung", "target", "kekurangan", "bermasalah",
                   "tidak_mengirim", "di_daftar"]
    return agg[cols].reset_index(drop=True)


# -- per pemda -----------------------------------------------------------------------------
def previous_distribution(hasil: pd.DataFrame, cycle: int) -> tuple[pd.DataFrame, np.ndarray, int | None]:
    """The last cycle before ``cycle`` in ``hasil`` (with ``jenis``) and the observed
    year-on-year IID changes.

    Returns
    -------
    (field, yoy, year) : DataFrame, array, int or None
        ``field`` has ``kode_wilayah, jenis, skor_iid`` (and ``skor_spd`` when present).

    Examples
    --------
    >>> h = pd.DataFrame({"tahun": [2024, 2025], "kode_wilayah": ["19.71"] * 2,
    ...                   "skor_iid": [50.0, 55.0]})
    >>> f, yoy, year = previous_distribution(h, 2026)
    >>> year, yoy.tolist()
    (2025, [5.0])
    """
    from inovlab.io.regions import load_regions

    h = hasil[hasil["skor_iid"].notna()] if "skor_iid" in hasil else hasil.iloc[0:0]
    years = sorted(int(y) for y in h["tahun"].unique() if int(y) < int(cycle))
    if not years:
        return h.iloc[0:0].assign(jenis=pd.Series(dtype=object)), np.array([]), None
    year = years[-1]
    last = h[h["tahun"] == year].copy()
    if "jenis" not in last:
        jen = load_regions().set_index("kode_wilayah")["jenis"]
        last["jenis"] = last["kode_wilayah"].map(jen)
    yoy = np.array([])
    if len(years) > 1:
        prev = h[h["tahun"] == years[-2]].set_index("kode_wilayah")["skor_iid"]
        cur = last.set_index("kode_wilayah")["skor_iid"]
        both = cur.index.intersection(prev.index)
        yoy = (cur.loc[both] - prev.loc[both]).to_numpy(float)
    keep = [c for c in ("kode_wilayah", "nama_daerah", "jenis", "skor_iid", "skor_spd") if c in last]
    return last[keep].reset_index(drop=True), yoy, year


def check_pemda(checked: pd.DataFrame, fw: Framework, spd: pd.DataFrame | None = None,
                hasil: pd.DataFrame | None = None, deadline: dt.date | None = None,
                today: dt.date | None = None, seed: int = 0, top_k: int = 10,
                n_draws: int = 2000, lang: str = "id") -> pd.DataFrame:
    """Per pemda: counts, urusan coverage, projected score, rank and days left.

    Parameters
    ----------
    checked : DataFrame
        Output of :func:`check_innovations`.
    fw : Framework
    spd : DataFrame, optional
        SPD levels (long or wide). Without it the SPD is taken from ``hasil``'s previous
        cycle (``skor_spd``) when there, else the IID is not projected.
    hasil : DataFrame, optional
        Results of earlier cycles (``tahun, kode_wilayah, skor_iid``; ``jenis`` optional):
        the distribution the projected IID is ranked in, within the pemda's cluster.
    deadline, today : date, optional
        For ``sisa_hari``; ``today`` defaults to the system date.
    seed, top_k, n_draws
        For :func:`inovlab.analysis.uncertainty.rank_distribution`.

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, nama_daerah, jenis, n_diajukan, n_dihitung, pembagi_minimum,
        kurang_dari_pembagi, urusan_dasar_tercakup, urusan_minimum, urusan_dasar_kurang,
        syarat_urusan_terpenuhi, skor_spd, sumber_spd, kematangan_per_inovasi,
        rata_kematangan, skor_jumlah_inovasi, skor_sid, skor_iid, predikat, skor_impas,
        tahun_pembanding, jumlah_pembanding, peringkat_proyeksi (against the previous
        cycle's field as it was), peringkat_median, peringkat_p05, peringkat_p95 (with the
        other regions moved by observed year-on-year changes), p_top10, p_sangat_inovatif, tenggat, sisa_hari, keyakinan_aturan``.

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["penerapan"],
    ...     "urusan": ["kesehatan"], **{c: [3] for c in fw.sid_columns}})
    >>> p = check_pemda(check_innovations(df, fw), fw).iloc[0]
    >>> int(p.n_dihitung), int(p.pembagi_minimum), int(p.urusan_dasar_tercakup)
    (1, 12, 1)
    """
    inn = checked.copy()
    regions = score_regions(inn, spd, fw)
    regions = regions[regions["kode_wilayah"].isin(inn["kode_wilayah"])].reset_index(drop=True)
    regions["sumber_spd"] = np.where(regions["skor_spd"].notna(), "spd", "")
    from inovlab.io.regions import load_regions

    meta = load_regions().set_index("kode_wilayah")
    regions["jenis"] = regions["kode_wilayah"].map(meta["jenis"])
    if "nama_daerah" not in regions or regions["nama_daerah"].isna().any():
        names = regions["kode_wilayah"].map(meta["nama_daerah"])
        regions["nama_daerah"] = regions.get("nama_daerah", names).fillna(names)

    # urusan missing (names)
    basic = fw.basic_service_urusan
    urusan = canonical_urusan(inn["urusan"] if "urusan" in inn else pd.Series(
        None, index=inn.index, dtype=object), fw)
    covered = pd.DataFrame({"kode_wilayah": inn["kode_wilayah"], "u": urusan})[
        inn["dihitung"].to_numpy(bool)]
    covered = covered.groupby("kode_wilayah")["u"].agg(set)
    regions["urusan_dasar_kurang"] = regions["kode_wilayah"].map(
        lambda k: "; ".join(u for u in basic if u not in covered.get(k, set())))
    regions["urusan_minimum"] = fw.urusan_min
    regions["pembagi_minimum"] = fw.divisor_floor
    regions["kurang_dari_pembagi"] = (fw.divisor_floor - regions["n_inovasi_dihitung"]).clip(lower=0)

    field_year = None
    field = None
    yoy = np.array([])
    if hasil is not None and len(hasil):
        field, yoy, field_year = previous_distribution(hasil, fw.cycle)
        if spd is None and "skor_spd" in field:
            prev_spd = field.set_index("kode_wilayah")["skor_spd"]
            fill = regions["skor_spd"].isna() & regions["kode_wilayah"].isin(prev_spd.index)
            if fill.any():
                regions.loc[fill, "skor_spd"] = regions.loc[fill, "kode_wilayah"].map(prev_spd)
                regions.loc[fill, "sumber_spd"] = f"hasil {field_year}"
                regions["skor_total"] = regions["skor_spd"] + regions["skor_sid"]
                regions["skor_iid"] = regions["skor_total"] / fw.total_max * 100
                regions["predikat"] = fw.predicate(regions["skor_iid"])

    res = {k: [] for k in ("jumlah_pembanding", "peringkat_proyeksi", "peringkat_median",
                           "peringkat_p05",
                           "peringkat_p95", "p_top10", "p_sangat_inovatif")}
    for row in regions.itertuples():  # one row per pemda checked (a handful)
        vals = dict.fromkeys(res, np.nan)
        if field is not None and not np.isnan(row.skor_iid):
            others = field[(field["jenis"] == row.jenis) & (field["kode_wilayah"] != row.kode_wilayah)]
            dist = rank_distribution(float(row.skor_iid), others["skor_iid"].to_numpy(float), yoy,
                                     n_draws=n_draws, seed=seed, top_k=top_k,
                                     si_cutoff=fw.cutoffs["Sangat Inovatif"])
            vals = {"jumlah_pembanding": len(others) + 1,
                    "peringkat_proyeksi": 1 + int((others["skor_iid"] > row.skor_iid).sum()),
                    "peringkat_median": dist["median_rank"],
                    "peringkat_p05": dist["rank_p05"], "peringkat_p95": dist["rank_p95"],
                    "p_top10": dist["p_top_k"], "p_sangat_inovatif": dist["p_sangat_inovatif"]}
        for k in res:
            res[k].append(vals[k])
    for k, v in res.items():
        regions[k] = v
    regions["tahun_pembanding"] = field_year
    regions["tenggat"] = deadline.isoformat() if deadline else None
    today = today or dt.date.today()
    regions["sisa_hari"] = (deadline - today).days if deadline else np.nan
    regions = regions.rename(columns={"n_inovasi": "n_diajukan", "n_inovasi_dihitung": "n_dihitung"})
    cols = ["tahun", "kode_wilayah", "nama_daerah", "jenis", "n_diajukan", "n_dihitung",
            "pembagi_minimum", "kurang_dari_pembagi", "urusan_dasar_tercakup", "urusan_minimum",
            "urusan_dasar_kurang", "syarat_urusan_terpenuhi", "skor_spd", "sumber_spd",
            "kematangan_per_inovasi", "rata_kematangan", "skor_jumlah_inovasi", "skor_sid",
            "skor_iid", "predikat", "skor_impas", "tahun_pembanding", "jumlah_pembanding",
            "peringkat_proyeksi", "peringkat_median", "peringkat_p05", "peringkat_p95",
            "p_top10", "p_sangat_inovatif", "tenggat", "sisa_hari", "keyakinan_aturan"]
    return regions[cols]


# -- recommendations -----------------------------------------------------------------------
def recommend(checked: pd.DataFrame, pemda: pd.DataFrame, opd: pd.DataFrame, fw: Framework,
              lang: str = "id", max_raise: int = 20) -> pd.DataFrame:
    """What to do before the deadline, most useful first within each kind.

    * ``naikkan``: for each counted innovation, its next level step with the most IID per
      step, ``weight * 100 / total_max / max(d, n)`` (every step is one level of evidence,
      so the cheapest IID comes from the heaviest indicators; ties go to mandatory
      indicators at 0, then to lower current levels, then to the weakest innovations).
      Top ``max_raise`` rows, one per innovation.
    * ``keluarkan``: counted innovations whose inclusion lowers the IID (``DI_BAWAH_IMPAS``),
      with the IID gained by leaving each out (one at a time).
    * ``tambah``: when n is below the divisor floor, or basic-service urusan are missing.
    * ``kejar_opd``: OPDs short of their target, those that sent nothing first.

    Returns
    -------
    DataFrame
        ``jenis, urutan, kode_wilayah, id_inovasi, opd, indikator, level_sekarang,
        tambahan_iid, penjelasan``.

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["penerapan"],
    ...     "urusan": ["kesehatan"], **{c: [2] for c in fw.sid_columns}})
    >>> c = check_innovations(df, fw)
    >>> r = recommend(c, check_pemda(c, fw), check_opd(c), fw)
    >>> r.iloc[0][["jenis", "indikator"]].tolist()
    ['naikkan', '35']
    """
    cols = ["jenis", "urutan", "kode_wilayah", "id_inovasi", "opd", "indikator",
            "level_sekarang", "tambahan_iid", "penjelasan"]
    parts = []
    sid = fw.indicators[fw.indicators["unit"] == "sid"].reset_index(drop=True)
    counted = checked[checked["dihitung"]]
    if len(counted):
        n = counted.groupby("kode_wilayah")["id_inovasi"].transform("size").to_numpy(float)
        levels = counted[fw.sid_columns].apply(pd.to_numeric, errors="coerce").fillna(0)
        long = levels.assign(_row=np.arange(len(counted))).melt(
            id_vars="_row", var_name="col", value_name="lvl")
        long = long[long["lvl"] < 3]
        long["code"] = long["col"].str[4:]
        w = sid.set_index("code")
        long["weight"] = long["code"].map(w["weight"]).to_numpy()
        long["mandatory"] = long["code"].map(w["mandatory"]).astype(bool).to_numpy()
        long["name"] = long["code"].map(w["name_id" if lang == "id" else "name_en"]).to_numpy()
        long["gain"] = long["weight"] * 100 / fw.total_max / np.maximum(
            fw.divisor_floor, n[long["_row"].to_numpy()])
        long["mand0"] = long["mandatory"] & long["lvl"].eq(0)
        long["score"] = counted["skor_kematangan"].to_numpy(float)[long["_row"].to_numpy()]
        long = long.sort_values(["gain", "mand0", "lvl", "score", "_row"],
                                ascending=[False, False, True, True, True], kind="stable")
        best = long.drop_duplicates("_row").head(max_raise)
        src = counted.iloc[best["_row"].to_numpy()]
        parts.append(pd.DataFrame({
            "jenis": "naikkan", "kode_wilayah": src["kode_wilayah"].to_numpy(),
            "id_inovasi": src["id_inovasi"].to_numpy(), "opd": src["opd"].to_numpy(),
            "indikator": best["code"].to_numpy(), "level_sekarang": best["lvl"].astype(int).to_numpy(),
            "tambahan_iid": best["gain"].to_numpy(),
            "penjelasan": [message(_MSG, "naikkan", lang, code=c, name=nm, lvl=int(lv),
                                   nxt=int(lv) + 1, gain=_fmt(g, 3, lang))
                           for c, nm, lv, g in zip(best["code"], best["name"], best["lvl"],
                                                   best["gain"], strict=False)]}))
    drop = checked[checked["m_DI_BAWAH_IMPAS"]].sort_values("perubahan_iid")
    if len(drop):
        parts.append(pd.DataFrame({
            "jenis": "keluarkan", "kode_wilayah": drop["kode_wilayah"].to_numpy(),
            "id_inovasi": drop["id_inovasi"].to_numpy(), "opd": drop["opd"].to_numpy(),
            "indikator": "", "level_sekarang": np.nan,
            "tambahan_iid": -drop["perubahan_iid"].to_numpy(),
            "penjelasan": [message(_MSG, "keluarkan", lang, score=_fmt(s, 1, lang),
                                   be=_fmt(b, 1, lang), gain=_fmt(-c, 3, lang))
                           for s, b, c in zip(drop["skor_kematangan"], drop["skor_impas"],
                                              drop["perubahan_iid"], strict=False)]}))
    add = []
    for row in pemda.itertuples():
        if row.kurang_dari_pembagi > 0:
            add.append(("tambah", row.kode_wilayah, message(
                _MSG, "tambah_n", lang, n=int(row.n_dihitung), d=int(row.pembagi_minimum))))
        if row.urusan_dasar_tercakup < row.urusan_minimum:
            add.append(("tambah", row.kode_wilayah, message(
                _MSG, "tambah_urusan", lang, cov=int(row.urusan_dasar_tercakup),
                min=int(row.urusan_minimum), missing=row.urusan_dasar_kurang)))
    if add:
        parts.append(pd.DataFrame({"jenis": [a[0] for a in add],
                                   "kode_wilayah": [a[1] for a in add],
                                   "penjelasan": [a[2] for a in add]}))
    chase = opd[opd["kekurangan"] > 0]
    if len(chase):
        parts.append(pd.DataFrame({
            "jenis": "kejar_opd", "kode_wilayah": chase.get("kode_wilayah"),
            "opd": chase["opd"].to_numpy(),
            "penjelasan": [message(_MSG, "kejar" if t else "kejar_kurang", lang, opd=o,
                                   short=int(k), counted=int(c), target=int(g))
                           for o, k, c, g, t in zip(chase["opd"], chase["kekurangan"],
                                                    chase["dihitung"], chase["target"],
                                                    chase["tidak_mengirim"], strict=False)]}))
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat([p.reset_index(drop=True) for p in parts], ignore_index=True)
    out["urutan"] = out.groupby("jenis").cumcount() + 1
    for c in cols:
        if c not in out:
            out[c] = np.nan
        if c not in ("urutan", "level_sekarang", "tambahan_iid"):
            out[c] = out[c].astype(object).where(out[c].notna(), "")
    return out[cols]


# -- the whole check -------------------------------------------------------------------------
@dataclass
class ReadinessResult:
    """Everything the check found, ready to write.

    Attributes
    ----------
    inovasi, opd, pemda, rekomendasi : DataFrame
        See :func:`check_innovations`, :func:`check_opd`, :func:`check_pemda`,
        :func:`recommend`.
    summary : dict
        What goes to ``ringkasan.json``.
    lang : str
    """

    inovasi: pd.DataFrame
    opd: pd.DataFrame
    pemda: pd.DataFrame
    rekomendasi: pd.DataFrame
    summary: dict = field(default_factory=dict)
    lang: str = "id"

    def innovation_table(self) -> pd.DataFrame:
        """``cek_inovasi.csv``: the check per innovation without the helper flag columns."""
        return self.inovasi[[c for c in self.inovasi.columns if not c.startswith("m_")]]

    def write(self, out_dir) -> dict[str, Path]:
        """Write ``cek_inovasi.csv``, ``cek_opd.csv``, ``cek_pemda.csv``,
        ``rekomendasi.csv``, ``ringkasan.json``, ``cek_kesiapan.xlsx`` and
        ``ringkasan.html`` (each atomically) into ``out_dir``; returns the paths."""
        from inovlab.io.export import atomic_write_text, write_csv, write_excel
        from inovlab.report.readiness_report import render_html

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = {
            "cek_inovasi": write_csv(self.innovation_table(), out / "cek_inovasi.csv"),
            "cek_opd": write_csv(self.opd, out / "cek_opd.csv"),
            "cek_pemda": write_csv(self.pemda, out / "cek_pemda.csv"),
            "rekomendasi": write_csv(self.rekomendasi, out / "rekomendasi.csv"),
        }
        paths["ringkasan"] = atomic_write_text(
            out / "ringkasan.json", json.dumps(self.summary, ensure_ascii=False, indent=2,
                                               default=_json_default))
        paths["excel"] = write_excel({
            "cek_inovasi": self.innovation_table(), "cek_opd": self.opd,
            "cek_pemda": self.pemda, "rekomendasi": self.rekomendasi,
        }, out / "cek_kesiapan.xlsx")
        paths["html"] = atomic_write_text(out / "ringkasan.html", render_html(self))
        return paths


def _json_default(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (dt.date, pd.Timestamp)):
        return v.isoformat()
    return str(v)


def _records(df: pd.DataFrame) -> list[dict]:
    clean = df.astype(object).where(df.notna(), None)
    return clean.to_dict(orient="records")


def run_check(inovasi: pd.DataFrame, fw: Framework, spd: pd.DataFrame | None = None,
              opd_list=None, target_per_opd: int = 2, min_kematangan: float = RULE_OF_THUMB,
              deadline: dt.date | None = None, hasil: pd.DataFrame | None = None,
              hasil_source: str = "user", today: dt.date | None = None, seed: int = 0,
              lang: str = "id") -> ReadinessResult:
    """Run the whole readiness check on one cycle's innovations.

    Parameters
    ----------
    inovasi : DataFrame
        Canonical ``inovasi`` rows (several OPD files concatenated by ``load_table``).
    fw : Framework
    spd, hasil : DataFrame, optional
        SPD levels; results of earlier cycles (for the rank projection).
    hasil_source : {"user", "demo", "published"}
        Where ``hasil`` comes from (labelled in the outputs).
    opd_list, target_per_opd, min_kematangan, deadline, today, seed, lang
        See :func:`check_opd`, :func:`check_innovations`, :func:`check_pemda`.

    Returns
    -------
    ReadinessResult

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["penerapan"],
    ...     "urusan": ["kesehatan"], **{c: [3] for c in fw.sid_columns}})
    >>> r = run_check(df, fw, opd_list=["Dinkes", "Dinsos"], today=dt.date(2026, 1, 1))
    >>> r.summary["jumlah_inovasi"], r.summary["opd_tidak_mengirim"]
    (1, ['Dinsos'])
    """
    checked = check_innovations(inovasi, fw, min_kematangan, lang)
    opd = check_opd(checked, opd_list, target_per_opd)
    pemda = check_pemda(checked, fw, spd, hasil, deadline, today, seed, lang=lang)
    rec = recommend(checked, pemda, opd, fw, lang)
    counts = {code: int(checked[f"m_{code}"].sum()) for code in CODES}
    assumptions = fw.assumptions()
    summary = {
        "siklus": fw.cycle,
        "dibuat": (today or dt.date.today()).isoformat(),
        "bahasa": lang,
        "parameter": {"target_per_opd": target_per_opd, "min_kematangan": min_kematangan,
                      "tenggat": deadline.isoformat() if deadline else None, "seed": seed},
        "sumber_data": source_label("user", lang),
        "sumber_pembanding": source_label(hasil_source, lang) if hasil is not None else None,
        "jumlah_inovasi": len(checked),
        "jumlah_dihitung": int(checked["dihitung"].sum()),
        "jumlah_bermasalah": int(checked["masalah"].ne("").sum()),
        "masalah_per_kode": counts,
        "opd_tidak_mengirim": opd.loc[opd["tidak_mengirim"], "opd"].astype(str).tolist(),
        "opd_kurang": int((opd["kekurangan"] > 0).sum()),
        "pemda": _records(pemda),
        "rekomendasi": _records(rec.head(30)),
        "aturan_asumsi": _records(assumptions.astype(str)),
    }
    return ReadinessResult(checked, opd, pemda, rec, summary, lang)


# -- command line ------------------------------------------------------------------------------
def read_opd_list(path) -> pd.DataFrame:
    """Read the list of OPDs: a ``.txt`` with one name per line, or a CSV/XLSX with a column
    ``opd`` (or ``nama_opd``, ``perangkat_daerah``; else the first column).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "opd.txt")
    >>> _ = open(p, "w").write("Dinas Kesehatan\\n\\nDinas Sosial\\n")
    >>> read_opd_list(p)["opd"].tolist()
    ['Dinas Kesehatan', 'Dinas Sosial']
    """
    from inovlab.errors import DataError, Problem

    path = Path(path)
    if not path.exists():
        from inovlab.errors import UsageError

        raise UsageError(f"Berkas daftar OPD tidak ada / OPD list not found: {path.name}")
    if path.suffix.lower() in (".txt", ""):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8-sig").splitlines()]
        names = [ln for ln in lines if ln]
    else:
        from inovlab.io.read import read_raw_table

        frame = read_raw_table(path).frame
        cols = {re.sub(r"[^a-z]", "", str(c).lower()): c for c in frame.columns}
        col = next((cols[k] for k in ("opd", "namaopd", "perangkatdaerah") if k in cols),
                   frame.columns[0] if len(frame.columns) else None)
        names = [] if col is None else [str(v).strip() for v in frame[col] if str(v).strip()]
    if not names:
        raise DataError([Problem(path.name, None, None, None,
                                 "daftar OPD kosong / the OPD list is empty", "EMPTY_FILE")])
    return pd.DataFrame({"opd": names})


def _sheet_for(path, wanted: str) -> str | None:
    """``wanted`` when ``path`` is an XLSX with such a sheet (the OPD template), else None."""
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        try:
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True)
            names = wb.sheetnames
            wb.close()
            return wanted if wanted in names else None
        except Exception:  # unreadable files are reported by load_table
            return None
    return None


def _load(paths, kind, cycle, lang, sheet_name):
    from inovlab.io.validation import load_table

    paths = list(paths) if isinstance(paths, (list, tuple)) else [paths]
    sheets = {_sheet_for(p, sheet_name) for p in paths}
    if len(sheets) == 1:
        return load_table(paths, kind, cycle=cycle, lang=lang, sheet=sheets.pop())
    parts = [load_table(p, kind, cycle=cycle, lang=lang, sheet=_sheet_for(p, sheet_name))
             for p in paths]
    return pd.concat(parts, ignore_index=True)


def cli_check(args) -> int:
    """``inovlab check``: read, check, write the outputs; exit 0 even when problems are found."""
    from inovlab.errors import DataError, Problem, UsageError

    lang = getattr(args, "lang", "id")
    fw = load_framework(args.cycle)
    deadline = None
    if args.deadline:
        try:
            deadline = dt.date.fromisoformat(args.deadline)
        except ValueError:
            raise UsageError(f"--deadline harus berformat YYYY-MM-DD, bukan '{args.deadline}'") \
                from None
    inovasi = _load(args.inovasi, "inovasi", args.cycle, lang, "Inovasi")
    spd = _load(args.spd, "spd", args.cycle, lang, "SPD") if args.spd else None
    opd_list = read_opd_list(args.opd_list) if args.opd_list else None
    if args.hasil:
        hasil = _load(args.hasil, "hasil", None, lang, "hasil")
        source = hasil.attrs.get("sumber_data", "user")
    else:
        from inovlab.sources.demo import load_demo

        hasil = load_demo(seed=2026).hasil
        source = "demo"
    if args.region:
        from inovlab.io.regions import resolve_region

        kode, _ = resolve_region(args.region, lang=lang)
        inovasi = inovasi[inovasi["kode_wilayah"] == kode]
        if spd is not None:
            spd = spd[spd["kode_wilayah"] == kode]
    inovasi = inovasi[inovasi["tahun"] == args.cycle]
    if inovasi.empty:
        raise DataError([Problem(", ".join(Path(p).name for p in args.inovasi), None, None, None,
                                 f"tidak ada inovasi untuk siklus {args.cycle}"
                                 + (f" dan daerah {args.region}" if args.region else ""),
                                 "NO_ROWS")], lang)
    result = run_check(inovasi, fw, spd, opd_list, args.target_per_opd, args.min_kematangan,
                       deadline, hasil, source, seed=args.seed, lang=lang)
    paths = result.write(args.out)
    s = result.summary
    print(message(_CLI, "done", lang, n=s["jumlah_inovasi"], counted=s["jumlah_dihitung"],
                  bad=s["jumlah_bermasalah"], opd=s["opd_kurang"], out=paths["html"].parent))
    return 0


_CLI = {"done": {
    "id": "{n} inovasi diperiksa: {counted} dihitung, {bad} bermasalah; {opd} OPD belum "
          "memenuhi target. Hasil di {out}",
    "en": "{n} innovations checked: {counted} counted, {bad} with problems; {opd} OPD(s) below "
          "target. Output in {out}"}}
