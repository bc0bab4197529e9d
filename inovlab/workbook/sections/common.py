"""Pieces several notebooks share: the data section, the own score, the rank summary.

The rank summary (:func:`rank_summary`) is the one place a rank is computed for the
notebooks; it is written to ``ringkasan.json`` as the ``peringkat`` entry of the data
contract, so that every report and the deck show the same numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.i18n import message
from inovlab.workbook.section import Section
from inovlab.workbook.situation import situation_of

_MESSAGES = {
    "no_changes": {"id": "Rentang peringkat siklus berikutnya butuh perubahan skor antar dua "
                         "siklus untuk daerah-daerah yang sama; data hasil ini tidak memuatnya.",
                   "en": "The next cycle's rank range needs score changes between two cycles "
                         "for the same regions; this results data does not hold them."},
    "rank_note": {"id": "Peringkat di antara {label}: pada hasil {fc} {now}; proyeksi usulan "
                        "siklus {cycle} ini {proj} (bila daerah lain tidak berubah).",
                  "en": "Rank among {label}: in the {fc} results {now}; this cycle {cycle} "
                        "submission's projection {proj} (if nobody else changes)."},
    "range_note": {"id": "Sebaran peringkat pada hasil {target}: median {median}, kemungkinan "
                         "besar (90%) antara {p05} dan {p95}; peluang masuk {k} besar {p} "
                         "(galat Monte Carlo {se}, {n} simulasi).",
                   "en": "Rank in the {target} results: median {median}, most likely (90%) "
                         "between {p05} and {p95}; chance of the top {k} {p} (Monte Carlo "
                         "error {se}, {n} draws)."},
    "model_moves": {"id": "Cara menghitung: skor daerah lain adalah skor terpublikasi "
                          "(terverifikasi) yang bergerak selama {steps} siklus seperti "
                          "perubahan antar-siklus yang teramati pada daerah dengan skor serupa "
                          "({m} perubahan teramati).",
                    "en": "How it is computed: the other regions' scores are published "
                          "(verified) scores, moved over {steps} cycle{s} like the observed "
                          "changes between cycles of regions at a similar score ({m} observed "
                          "changes)."},
    "model_fixed": {"id": "Cara menghitung: skor daerah lain adalah skor terpublikasi "
                          "(terverifikasi) siklus yang sama dan tidak berubah.",
                    "en": "How it is computed: the other regions' scores are published "
                          "(verified) scores of the same cycle and do not change."},
    "model_own_claim": {"id": " Skor sendiri dari berkas Anda belum diverifikasi: diasumsikan "
                              "setiap level yang diklaim berpeluang {p} turun satu level saat "
                              "verifikasi (asumsi, bukan angka resmi).",
                        "en": " Your own score from your files is not yet verified: every "
                              "claimed level is assumed to have a {p} chance of being scored "
                              "one level down (an assumption, not an official rate)."},
    "model_own_moves": {"id": " Skor sendiri bergerak dengan cara yang sama.",
                        "en": " Your own score moves the same way."},
    "model_uncond": {"id": " Bila perubahan ditarik tanpa memperhatikan tingkat skor, peluang "
                           "masuk {k} besar menjadi {p}: skor tinggi cenderung turun dan skor "
                           "rendah cenderung naik (regresi ke rata-rata), jadi pilihan ini "
                           "penting.",
                     "en": " Drawing the changes regardless of the score level would give a "
                           "top-{k} chance of {p}: high scores tend to fall back and low ones "
                           "to rise (regression to the mean), so this choice matters."},
    "none": {"id": "–", "en": "–"},
    "rank_label": {"id": "Peringkat di antara {label}", "en": "Rank among {label}"},
}


def msg(key: str, lang: str, **values) -> str:
    """A message of this module's catalogue."""
    return message(_MESSAGES, key, lang, **values)


def data_section(inputs) -> Section:
    """What was loaded and what it allows, one sentence per kind of data.

    Examples
    --------
    >>> from inovlab.workbook.inputs import load_inputs
    >>> s = data_section(load_inputs(2026, "Pangkalpinang", tables=("hasil",)))
    >>> s.note.splitlines()[0]
    'Kota Pangkal Pinang (19.71), siklus 2026: data demo (sintetis)'
    """
    sit = situation_of(inputs)
    n_own = len(inputs.of_region("inovasi"))
    return Section("data", "\n".join([inputs.describe(), *sit.lines(n_own)]), available=False,
                   lang=inputs.lang)


def indicator_labels(inputs, columns) -> dict[str, str]:
    """Headers for the indicator columns among ``columns``: number and name in the run's
    language (``16 Regulasi Inovasi Daerah``), from the cycle's framework.

    Examples
    --------
    >>> from inovlab.workbook.inputs import load_inputs
    >>> indicator_labels(load_inputs(2026, "Pangkalpinang", tables=("hasil",), lang="en"),
    ...                  ["opd", "ind_35"])
    {'ind_35': '35 Innovation video'}
    """
    names = inputs.framework.indicator_names(inputs.lang)
    return {c: f"{c.split('_', 1)[1]} {names[c]}" for c in columns if c in names.index}


def with_indicator_names(inputs, table: pd.DataFrame, column: str = "indikator") -> pd.DataFrame:
    """``table`` with a ``nama_indikator`` column after its indicator codes (``"35"``), in
    the run's language; rows without an indicator get a blank name.

    Examples
    --------
    >>> from inovlab.workbook.inputs import load_inputs
    >>> inputs = load_inputs(2026, "Pangkalpinang", tables=("hasil",))
    >>> named = with_indicator_names(inputs, pd.DataFrame({"indikator": ["8", ""]}))
    >>> named["nama_indikator"].tolist()
    ['Opini BPK', '']
    """
    fw = inputs.framework.indicators
    names = pd.Series(fw["name_en" if inputs.lang == "en" else "name_id"].to_numpy(),
                      index=fw["code"].astype(str))
    out = table.copy()
    codes = out[column].astype("string").fillna("")
    out.insert(out.columns.get_loc(column) + 1, "nama_indikator",
               codes.map(names).fillna("").astype(object).to_numpy())
    return out


def own_score_of(inputs, target_per_opd: int = 2):
    """This region's exact decomposition for the cycle, or None without its innovations
    (computed once per inputs and target)."""
    return inputs.derived(("own_score", target_per_opd),
                          lambda i: _own_score(i, target_per_opd))


def _own_score(inputs, target_per_opd: int):
    from inovlab.analysis.own_score import own_score

    if inputs.of_region("inovasi").empty:
        return None
    spd = inputs.of_region("spd") if inputs.has("spd") else None
    return own_score(inputs.of_region("inovasi"), spd, inputs.region_code, inputs.cycle,
                     inputs.framework, target_per_opd=target_per_opd, lang=inputs.lang,
                     source=inputs.source_of("inovasi"))


def current_score(inputs) -> float | None:
    """The score this cycle: computed from own files, else the reported one, else None."""
    own = own_score_of(inputs)
    if own is not None:
        return float(own.skor_iid)
    rows = inputs.of_region("hasil")
    if "skor_iid" in rows and rows["skor_iid"].notna().any():
        return float(rows["skor_iid"].dropna().iloc[0])
    return None


def own_claims_of(inputs):
    """This region's claims for the cycle (verification risk of its own score), or None."""
    return inputs.derived("own_claims", _own_claims)


def _own_claims(inputs):
    from inovlab.analysis.claims import one_region_claims

    spd = inputs.of_region("spd") if inputs.has("spd") else None
    return one_region_claims(inputs.of_region("inovasi"), spd, inputs.region_code,
                             inputs.cycle, inputs.framework, situation_of(inputs).cluster)


def changes_of(inputs):
    """Observed year-on-year score changes in the results data (up to the field's cycle)."""
    from inovlab.analysis.rank_model import ChangeModel

    field = situation_of(inputs).field
    if field is None or not inputs.has("hasil"):
        return None
    return ChangeModel.from_hasil(inputs.hasil, until=field.cycle)


def rank_summary(inputs, n_draws: int | None = None, seed: int = 0,
                 top_k: int = 10) -> dict | None:
    """The ``peringkat`` entry of ``ringkasan.json`` (data contract), or None without a rank.

    Computed once per inputs and settings by the one rank model
    (:func:`inovlab.analysis.rank_model.rank_entry`): every notebook of a run, the deck and
    ``ringkasan.json`` show these numbers. ``n_draws`` defaults to
    :data:`~inovlab.analysis.rank_model.DEFAULT_DRAWS`.

    Examples
    --------
    >>> from inovlab.workbook.inputs import load_inputs
    >>> r = rank_summary(load_inputs(2026, "Pangkalpinang"), n_draws=2000)
    >>> r["bidang"], r["n_bidang"], r["p05"] <= r["median"] <= r["p95"]
    ('98 kota dalam data demo (sintetis) 2026', 98, True)
    """
    from inovlab.analysis.rank_model import DEFAULT_DRAWS, RankSettings

    settings = RankSettings(n_draws=n_draws or DEFAULT_DRAWS, seed=seed, top_k=top_k)
    return inputs.derived(("rank_summary", settings), lambda i: _rank_summary(i, settings))


def _rank_summary(inputs, settings) -> dict | None:
    from inovlab.analysis.rank_model import rank_entry

    return rank_entry(situation_of(inputs).field, inputs.cycle, current_score(inputs),
                      settings=settings,
                      si_cutoff=inputs.framework.cutoffs["Sangat Inovatif"], lang=inputs.lang,
                      drawn=rank_outlook_of(inputs, settings.n_draws, settings.seed,
                                            settings.top_k))


def rank_outlook_of(inputs, n_draws: int | None = None, seed: int = 0, top_k: int = 10):
    """The Monte Carlo behind :func:`rank_summary` (same settings, same draws), or None."""
    from inovlab.analysis.rank_model import DEFAULT_DRAWS, RankSettings, field_outlook

    field = situation_of(inputs).field
    if field is None or not field.has_scores:
        return None
    settings = RankSettings(n_draws=n_draws or DEFAULT_DRAWS, seed=seed, top_k=top_k)
    return inputs.derived(("rank_outlook", settings), lambda i: field_outlook(
        field, i.cycle, current_score(i), claims=own_claims_of(i), changes=changes_of(i),
        settings=settings))


def chance_function(inputs, n_draws: int | None = None, seed: int = 0, top_k: int = 10):
    """P(top k) of candidate own projected scores under the run's rank model, or None.

    For the planner: ``chance(np.array([60.0, 70.0]))`` gives one probability per score,
    with the same draws as :func:`rank_summary` (None without a field that can move, or when
    the own score is a published one rather than a projection from the own files).
    """
    drawn = rank_outlook_of(inputs, n_draws, seed, top_k)
    if drawn is None or own_claims_of(inputs) is None:
        return None
    shift = current_score(inputs) - drawn.own_base     # candidates are own projected scores
    return lambda scores: drawn.chance(np.asarray(scores, dtype=float) - shift)


def rank_section(inputs, n_draws: int | None = None, seed: int = 0,
                 top_k: int = 10) -> Section:
    """The rank now, the projection and the next results' range, with the field named."""
    lang = inputs.lang
    sit = situation_of(inputs)
    summary = rank_summary(inputs, n_draws, seed, top_k)
    if summary is None:
        lacking = [sit.field_note] if sit.own or sit.field is None or not sit.field.has_scores \
            else [sit.field_note, sit.why_not("own")]
        return Section.missing("peringkat", "\n".join(lacking))
    none = msg("none", lang)
    lines = [sit.field_note, msg("rank_note", lang, label=summary["bidang"], fc=sit.field.cycle,
                                 cycle=inputs.cycle, now=summary["saat_ini"] or none,
                                 proj=summary["proyeksi"] or none)]
    if summary["proyeksi"] is None and not sit.own:
        lines.append(sit.why_not("own"))
    if summary["median"] is None:
        lines.append(msg("no_changes", lang))
    else:
        lines += range_sentences(summary, changes_of(inputs), lang)
    table = pd.DataFrame([summary])
    return Section("peringkat", "\n".join(lines), table,
                   numbers={"peringkat": rank_number(summary, lang)}, lang=lang)


def rank_number(summary: dict, lang: str) -> tuple[dict, str]:
    """The ``peringkat`` entry of ``ringkasan.json`` with its label in ``lang``."""
    return summary, msg("rank_label", lang, label=summary["bidang"])


def range_sentences(summary: dict, changes, lang: str) -> list[str]:
    """The next results' range and how it was computed (model and assumptions, in words)."""
    from inovlab.i18n import format_number, format_percent

    steps = summary["siklus_sebaran"] - summary["siklus_bidang"]
    lines = [msg("range_note", lang, target=summary["siklus_sebaran"], p05=summary["p05"],
                 p95=summary["p95"], median=summary["median"], k=summary["top_k"],
                 p=format_percent(summary["p_top_k"], 1, lang),
                 se=format_percent(summary["mc_se"], 2, lang),
                 n=format_number(summary["n_draws"], 0, lang))]
    how = msg("model_moves", lang, steps=steps, s="s" if steps > 1 else "",
              m=format_number(changes.n, 0, lang)) if steps > 0 and changes \
        else msg("model_fixed", lang)
    if summary["peluang_turun_level"] is not None:
        how += msg("model_own_claim", lang,
                   p=format_percent(summary["peluang_turun_level"], 0, lang))
    elif steps > 0:
        how += msg("model_own_moves", lang)
    if summary["p_top_k_tanpa_syarat_level"] is not None:
        how += msg("model_uncond", lang, k=summary["top_k"],
                   p=format_percent(summary["p_top_k_tanpa_syarat_level"], 1, lang))
    return lines + [how]
