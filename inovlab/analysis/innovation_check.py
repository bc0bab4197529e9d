"""Submission check per innovation: its score, whether it counts, and its problems.

:func:`check_innovations` scores every innovation of a portfolio with the cycle's rules
and flags each problem code (see :data:`CODES` and :mod:`inovlab.analysis.readiness`) with
an explanation in the report language. Each code is one small ``_flag_<code>`` step
returning ``(flags, texts)``; the break-even step is exact (leave-one-out with the SID
formula of :mod:`inovlab.rules.scoring`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.analysis.duplicates import DUPLICATE_THRESHOLD, REGION_KEYS, find_duplicates
from inovlab.i18n import confidence_label, format_dates, format_number, format_numbers, message
from inovlab.rules.framework import ASSUMED, CONFIDENCE_ORDER, Framework, weakest
from inovlab.rules.scoring import (
    RULE_OF_THUMB,
    break_even,
    canonical_urusan,
    score_innovations,
    sid_score,
)

CODES = ("TAHAPAN", "JENDELA_WAKTU", "DUPLIKAT", "WAJIB_KOSONG", "RANCANG_BANGUN", "VIDEO",
         "DI_BAWAH_IMPAS", "DI_BAWAH_MINIMUM")
"""Problem codes, in the order they are listed."""

SCORE_DECIMALS = 2
"""Decimals of a score in reader text, as in the report tables' score columns."""

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
    "span": {"id": "{start} s.d. {end}", "en": "{start} to {end}"},
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
}


def score_words(values, lang: str = "id") -> list[str]:
    """Kematangan scores as the report tables show them: two decimals, as published.

    The one table formatter (:mod:`inovlab.report.tables`) shows every score column with
    two decimals even when whole; explanations quote the same numbers the same way.

    Examples
    --------
    >>> score_words([64.0, 33.333, float("nan")]), score_words([64.0], "en")
    (['64,00', '33,33', '–'], ['64.00'])
    """
    return format_numbers(values, SCORE_DECIMALS, lang)


def _assumed_note(fw: Framework, rules, lang: str) -> str:
    used = [r for r in rules if fw.rule(r) is not None] or list(rules)
    conf = fw.rules_confidence(used)
    if conf in ASSUMED:
        return message(_MSG, "assumed", lang, conf=confidence_label(conf, lang))
    return ""


def join_keys(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """One string key per row from several columns (vectorised).

    Examples
    --------
    >>> join_keys(pd.DataFrame({"a": [2026], "b": ["19.71"]}), ["a", "b"]).tolist()
    ['2026|19.71']
    """
    out = df[columns[0]].astype(str)
    for c in columns[1:]:
        out = out + "|" + df[c].astype(str)
    return out.astype(object)


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
    keys = join_keys(scored, REGION_KEYS)
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


# -- one step per problem code: each returns (flags, texts) aligned with ``scored`` -------------
def _blank(scored: pd.DataFrame, value="") -> pd.Series:
    return pd.Series(value, index=scored.index, dtype=object)


def _numeric(scored: pd.DataFrame, column: str) -> pd.Series:
    raw = scored[column] if column in scored else pd.Series(np.nan, index=scored.index)
    return pd.to_numeric(raw, errors="coerce").astype(float)


def _flag_stage(scored, fw, lang):
    wanted = str(fw.rule("counted_stage"))
    stage = scored.get("tahapan", _blank(scored)).astype("string").str.strip().str.lower() \
        .fillna("")
    template = message(_MSG, "TAHAPAN", lang, stage="{}", wanted=_stage_words(wanted, lang)) \
        + _assumed_note(fw, _CODE_RULES["TAHAPAN"], lang)
    return (stage != wanted).to_numpy(), \
        stage.map(lambda v: template.format(_stage_words(v, lang))).astype(object)


def _stage_words(stage: str, lang: str) -> str:
    """A stage as a reader of ``lang`` says it; in English the file's word in brackets."""
    from inovlab.rules.framework import STAGES_EN

    if lang != "en" or stage not in STAGES_EN:
        return stage
    return f"{STAGES_EN[stage]} ({stage})"


def _flag_window(scored, fw, lang):
    start, end = fw.window
    outside = np.zeros(len(scored), bool)
    dates = scored["tanggal_penerapan"] if "tanggal_penerapan" in scored else pd.Series(
        pd.NaT, index=scored.index)
    when = pd.to_datetime(dates, errors="coerce")
    if start:
        outside |= (when < pd.Timestamp(start)).fillna(False).to_numpy(bool)
    if end:
        outside |= (when > pd.Timestamp(end)).fillna(False).to_numpy(bool)
    span = message(_MSG, "span", lang, start=_date_words([start], lang)[0],
                   end=_date_words([end], lang)[0])
    tmpl = message(_MSG, "JENDELA_WAKTU", lang, span=span, date="{}") + _assumed_note(
        fw, _CODE_RULES["JENDELA_WAKTU"], lang)
    return outside, pd.Series([tmpl.format(v) for v in _date_words(when, lang)],
                              index=scored.index, dtype=object)


def _date_words(values, lang: str) -> list[str]:
    """Dates as a reader of ``lang`` writes them (``7 Juni 2023``); ``…`` where unknown.

    Examples
    --------
    >>> _date_words(pd.Series(pd.to_datetime(["2023-06-07", None, "2023-06-07"])), "id")
    ['7 Juni 2023', '…', '7 Juni 2023']
    >>> _date_words([None], "en")
    ['…']
    """
    return format_dates(values, lang, missing="…")


def _duplicate_partners(scored, threshold, lang) -> tuple[pd.Series, pd.Series]:
    """Per row: the ids of its likely duplicates (``;``) and the explanation."""
    pairs = find_duplicates(scored, threshold)
    if pairs.empty:
        return _blank(scored), _blank(scored)
    key = join_keys(scored, REGION_KEYS + ["id_inovasi"])
    info = scored.assign(_key=key).drop_duplicates("_key").set_index("_key")
    pairs = pairs.sort_values("kemiripan", ascending=False)
    partner = pd.DataFrame({"a": join_keys(pairs, REGION_KEYS + ["id_a"]).to_numpy(),
                            "b": join_keys(pairs, REGION_KEYS + ["id_b"]).to_numpy(),
                            "id_b": pairs["id_b"].to_numpy(),
                            "sim": pairs["kemiripan"].to_numpy()})
    partner["nama"] = partner["b"].map(info["nama_inovasi"]).astype(str).to_numpy()
    partner["opd"] = partner["b"].map(info["opd"]).astype(str).to_numpy() \
        if "opd" in info else ""
    partner["text"] = [message(_MSG, "DUPLIKAT", lang, other=nm, other_id=i, other_opd=o,
                               sim=int(round(100 * sm)))
                       for nm, i, o, sm in zip(partner["nama"], partner["id_b"],
                                               partner["opd"], partner["sim"], strict=False)]
    # a group's sum of strings is their concatenation in order (most similar first): prefix
    # each with its separator, then drop the first one
    by_row = partner["a"].to_numpy()
    ids = (";" + partner["id_b"].astype(str)).groupby(by_row, sort=False).sum().str[1:]
    text = (" " + partner["text"].astype(str)).groupby(by_row, sort=False).sum().str[1:]
    return (key.map(ids).fillna("").astype(object), key.map(text).fillna("").astype(object))


def _mandatory(fw: Framework) -> pd.DataFrame:
    return fw.indicators[(fw.indicators["unit"] == "sid") & fw.indicators["mandatory"]]


def _flag_mandatory(scored, fw, lang):
    mand = _mandatory(fw)
    names = _blank(scored)
    any_zero = np.zeros(len(scored), bool)
    for row in mand.itertuples():  # one pass per mandatory indicator (a handful)
        col = f"ind_{row.code}"
        lvl = pd.to_numeric(scored[col], errors="coerce").fillna(0) if col in scored \
            else pd.Series(0, index=scored.index)
        zero = (lvl <= 0).to_numpy()
        any_zero |= zero
        label = f"{row.code} {row.name_id if lang == 'id' else row.name_en}"
        names = names.where(~zero, names + np.where(names == "", "", ", ") + label)
    note = ""
    assumed = mand["confidence"][mand["confidence"].isin(ASSUMED)]
    if len(assumed):
        note = message(_MSG, "assumed", lang, conf=confidence_label(assumed.iloc[0], lang))
    tmpl = message(_MSG, "WAJIB_KOSONG", lang, names="{}") + note
    return any_zero, names.map(lambda v: tmpl.format(v))


def _flag_design(scored, fw, lang):
    min_words = fw.rule("min_design_words")
    words = _numeric(scored, "kata_rancang_bangun")
    flags = ((words < min_words).fillna(False).to_numpy(bool) if min_words is not None
             else np.zeros(len(scored), bool))
    tmpl = message(_MSG, "RANCANG_BANGUN", lang, words="{}", min=min_words) + _assumed_note(
        fw, _CODE_RULES["RANCANG_BANGUN"], lang)
    return flags, pd.Series([tmpl.format(w) for w in format_numbers(words, 0, lang)],
                            index=scored.index, dtype=object)


def _flag_video(scored, fw, lang):
    max_secs = fw.rule("max_video_seconds")
    secs = _numeric(scored, "durasi_video_detik")
    flags = ((secs > max_secs).fillna(False).to_numpy(bool) if max_secs is not None
             else np.zeros(len(scored), bool))
    tmpl = message(_MSG, "VIDEO", lang, secs="{}", max=max_secs) + _assumed_note(
        fw, _CODE_RULES["VIDEO"], lang)
    return flags, pd.Series([tmpl.format(v) for v in format_numbers(secs, 0, lang)],
                            index=scored.index, dtype=object)


def _flag_break_even(scored, loo, change_iid, fw, lang):
    counted = scored["dihitung"].to_numpy(bool)
    note = _assumed_note(fw, _CODE_RULES["DI_BAWAH_IMPAS"], lang)
    texts = pd.Series(
        [message(_MSG, "DI_BAWAH_IMPAS", lang, score=s, be=b, loss=c) + note
         for s, b, c in zip(score_words(scored["skor_kematangan"], lang),
                            score_words(loo["skor_impas"], lang),
                            format_numbers(-change_iid, 3, lang), strict=True)],
        index=scored.index, dtype=object)
    return counted & (loo["selisih_sid"].to_numpy() < -1e-9), texts


def _flag_minimum(scored, min_kematangan, lang):
    score = scored["skor_kematangan"].to_numpy(float)
    minimum = format_number(min_kematangan, 0, lang)
    texts = pd.Series([message(_MSG, "DI_BAWAH_MINIMUM", lang, score=s, min=minimum)
                       for s in score_words(score, lang)],
                      index=scored.index, dtype=object)
    return score < float(min_kematangan), texts


# -- assembling the table ---------------------------------------------------------------------
def _join_codes(flags, texts, index) -> tuple[pd.Series, pd.Series]:
    """``masalah`` (codes joined by ``;``) and ``penjelasan`` (``CODE: text | ...``)."""
    masalah = np.full(len(index), "", dtype=object)
    penjelasan = np.full(len(index), "", dtype=object)
    for code in CODES:
        f = np.asarray(flags[code], dtype=bool)
        if not f.any():
            continue
        had = masalah[f] != ""  # only the flagged rows are touched
        masalah[f] = np.where(had, masalah[f] + ";", "") + code
        text = (code + ": ") + np.asarray(texts[code], dtype=object)[f]
        penjelasan[f] = np.where(had, penjelasan[f] + " | ", "") + text
    return pd.Series(masalah, index=index), pd.Series(penjelasan, index=index)


def _row_confidence(flags, fw: Framework, n_rows: int) -> np.ndarray:
    """Weakest confidence among the rules behind each row's problems ('' when none).

    DUPLIKAT and DI_BAWAH_MINIMUM rest on no official rule and are left out.
    """
    code_conf = {c: fw.rules_confidence([r for r in rules if fw.rule(r) is not None] or rules)
                 for c, rules in _CODE_RULES.items()}
    mand = _mandatory(fw)
    code_conf["WAJIB_KOSONG"] = weakest(mand["confidence"]) if len(mand) else "confirmed"
    rank = np.full(n_rows, -1)
    for code, conf in code_conf.items():
        rank = np.where(flags[code], np.maximum(rank, CONFIDENCE_ORDER.index(conf)), rank)
    labels = np.array(list(CONFIDENCE_ORDER) + [""], dtype=object)
    return labels[rank]


def _output_table(scored, flags, masalah, penjelasan, loo, change_iid, dup_with,
                  fw: Framework) -> pd.DataFrame:
    """The columns of :func:`check_innovations`, in their documented order."""
    empty = _blank(scored)
    out = pd.DataFrame({
        "id_inovasi": scored["id_inovasi"].astype(str),
        "opd": scored.get("opd", empty),
        "skor_kematangan": scored["skor_kematangan"].to_numpy(float),
        "dihitung": scored["dihitung"].to_numpy(bool),
        "masalah": masalah,
        "penjelasan": penjelasan,
        "nama_inovasi": scored.get("nama_inovasi", empty),
        "tahapan": scored.get("tahapan", empty),
        "urusan": scored.get("urusan", empty),
        "skor_impas": loo["skor_impas"].to_numpy(),
        "perubahan_iid": change_iid,
        "duplikat_dengan": dup_with,
        "keyakinan_aturan": _row_confidence(flags, fw, len(scored)),
    }, index=scored.index)
    for col in ("tahun", "kode_wilayah", "nama_daerah", "berkas", "baris"):
        if col in scored:
            out[col] = scored[col]
    for col in fw.sid_columns:
        out[col] = scored[col] if col in scored else 0
    for code in CODES:
        out[f"m_{code}"] = flags[code]
    return out


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
    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["uji coba"],
    ...     **{c: [3] for c in fw.sid_columns}})
    >>> check_innovations(df, fw)[["id_inovasi", "skor_kematangan", "masalah"]].values.tolist()
    [['a', 111.0, 'TAHAPAN']]
    """
    scored = score_innovations(inovasi.reset_index(drop=True), fw)
    flags: dict[str, np.ndarray] = {}
    texts: dict[str, pd.Series] = {}
    for code, step in (("TAHAPAN", _flag_stage), ("JENDELA_WAKTU", _flag_window),
                       ("WAJIB_KOSONG", _flag_mandatory), ("RANCANG_BANGUN", _flag_design),
                       ("VIDEO", _flag_video)):
        flags[code], texts[code] = step(scored, fw, lang)
    dup_with, dup_text = _duplicate_partners(scored, duplicate_threshold, lang)
    flags["DUPLIKAT"] = (dup_with != "").to_numpy()
    texts["DUPLIKAT"] = dup_text + message(_MSG, "estimate", lang)
    loo = _leave_one_out(scored, fw)
    counted = scored["dihitung"].to_numpy(bool)
    change_iid = np.where(counted, loo["selisih_sid"].to_numpy() * 100 / fw.total_max, np.nan)
    flags["DI_BAWAH_IMPAS"], texts["DI_BAWAH_IMPAS"] = _flag_break_even(
        scored, loo, change_iid, fw, lang)
    flags["DI_BAWAH_MINIMUM"], texts["DI_BAWAH_MINIMUM"] = _flag_minimum(
        scored, min_kematangan, lang)

    masalah, penjelasan = _join_codes(flags, texts, scored.index)
    return _output_table(scored, flags, masalah, penjelasan, loo, change_iid, dup_with, fw)
