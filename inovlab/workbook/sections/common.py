"""Pieces several notebooks share: the data section, the own score, the rank summary.

The rank summary (:func:`rank_summary`) is the one place a rank is computed for the
notebooks; it is written to ``ringkasan.json`` as the ``peringkat`` entry of the data
contract, so that every report and the deck show the same numbers.
"""

from __future__ import annotations

import math

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
    "range_note": {"id": "Bila daerah lain berubah seperti biasanya, peringkat siklus berikutnya "
                         "kemungkinan besar (90%) antara {p05} dan {p95}, median {median}; "
                         "peluang masuk {k} besar {p} (galat Monte Carlo {se}, {n} simulasi).",
                   "en": "If the others change as regions usually do, next cycle's rank most "
                         "likely (90%) lies between {p05} and {p95}, median {median}; chance of "
                         "the top {k} {p} (Monte Carlo error {se}, {n} draws)."},
    "none": {"id": "–", "en": "–"},
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
    return Section("data", "\n".join([inputs.describe(), *sit.lines(n_own)]), available=False)


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


def _distribution(inputs, field, score, n_draws, seed, top_k) -> dict | None:
    """Next-cycle rank distribution among the field, or None without observed changes."""
    from inovlab.analysis import uncertainty

    if not inputs.has("hasil") or score is None:
        return None
    changes = uncertainty.observed_changes(inputs.hasil, tahun=field.cycle)
    if len(changes) < 2:
        return None
    others = np.asarray(field.codes, dtype=object) != inputs.region_code
    rivals = np.asarray(field.scores, dtype=float)[others]
    return uncertainty.rank_distribution(
        score, rivals[np.isfinite(rivals)], changes, n_draws=n_draws, seed=seed, top_k=top_k,
        si_cutoff=inputs.framework.cutoffs["Sangat Inovatif"])


def rank_summary(inputs, n_draws: int = 10_000, seed: int = 0, top_k: int = 10) -> dict | None:
    """The ``peringkat`` entry of ``ringkasan.json`` (data contract), or None without a rank.

    ``saat_ini`` is the rank in the field's own cycle; ``proyeksi`` this cycle's score
    (from the own files) against the field as it stands (``1 +`` the members other than
    this region with a higher score); ``median``, ``p05``, ``p95``, ``p_top_k`` the
    next-cycle distribution (None, and ``n_draws`` 0, when the data hold no changes
    between cycles), with its Monte Carlo standard error
    ``mc_se = sqrt(p_top_k (1 - p_top_k) / n_draws)``. None when there is no field with
    scores, or the region is neither a member of it nor has a score of its own.

    Examples
    --------
    >>> from inovlab.workbook.inputs import load_inputs
    >>> r = rank_summary(load_inputs(2026, "Pangkalpinang"), n_draws=500)
    >>> r["bidang"], r["n_bidang"], r["p05"] <= r["median"] <= r["p95"]
    ('98 kota dalam data demo (sintetis) 2026', 98, True)
    """
    from inovlab.i18n import source_label

    field = situation_of(inputs).field
    if field is None or not field.has_scores:
        return None
    score = current_score(inputs)
    now = field.rank_now()
    projected = None if score is None else field.rank_of(score)
    if now is None and projected is None:  # neither a member nor a score of its own
        return None
    dist = _distribution(inputs, field, score, n_draws, seed, top_k)
    p = None if dist is None else float(dist["p_top_k"])
    out = {"bidang": field.label, "n_bidang": int(field.n), "saat_ini": now,
           "proyeksi": projected,
           "median": None, "p05": None, "p95": None, "p_top_k": p, "top_k": int(top_k),
           "mc_se": None if p is None else math.sqrt(p * (1 - p) / n_draws),
           "n_draws": int(n_draws) if dist else 0,
           "sumber": source_label(field.source, inputs.lang)}
    if dist is not None:
        out.update(median=int(dist["median_rank"]), p05=int(dist["rank_p05"]),
                   p95=int(dist["rank_p95"]))
    return out


def rank_section(inputs, n_draws: int = 10_000, seed: int = 0, top_k: int = 10) -> Section:
    """The rank now, the projection and the next-cycle range, with the field named."""
    from inovlab.i18n import format_number

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
        lines.append(msg("range_note", lang, p05=summary["p05"], p95=summary["p95"],
                         median=summary["median"], k=top_k,
                         p=format_number(summary["p_top_k"], 3, lang),
                         se=format_number(summary["mc_se"], 3, lang), n=summary["n_draws"]))
    table = pd.DataFrame([summary])
    return Section("peringkat", "\n".join(lines), table,
                   numbers={"peringkat": (summary, summary["bidang"])})
