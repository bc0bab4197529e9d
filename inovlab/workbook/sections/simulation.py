"""Notebook 04 (simulasi): what-if scenarios and the cheapest plan to a target, on the
region's own files; ranks only against the field the user gave."""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.i18n import message
from inovlab.workbook.section import Section
from inovlab.workbook.situation import situation_of

RANK_COLUMNS = ("peringkat", "peringkat_awal", "n_klaster", "selisih_peringkat", "peringkat_baru")

_MESSAGES = {
    "scenarios": {"id": "Setiap skenario dihitung ulang dengan rumus IID dari berkas {name}. {rank}",
                  "en": "Each scenario is re-scored with the IID formula from {name}'s files. {rank}"},
    "no_rank": {"id": "Kolom peringkat kosong: {why}", "en": "Rank columns are empty: {why}"},
    "no_target": {"id": "Tidak ada target: isi parameter target_iid atau target_peringkat "
                        "(lebih dari 0) untuk menghitung rencana.",
                  "en": "No target: set the target_iid or target_peringkat parameter (above 0) "
                        "to compute a plan."},
    "plan": {"id": "Rencana termurah: biaya {cost} {unit}; IID {start} → {end} ({pred}){rank}.",
             "en": "Least-cost plan: cost {cost} {unit}; IID {start} → {end} ({pred}){rank}."},
    "plan_rank": {"id": ", peringkat {a} → {b} di antara {label} (bila daerah lain tidak berubah)",
                  "en": ", rank {a} → {b} among {label} (if nobody else changes)"},
    "plan_checked": {"id": "Terverifikasi: rencana dihitung ulang dengan rumus IID dan dibulatkan "
                           "2 desimal seperti hasil resmi ({end} ≥ target {target}).",
                     "en": "Verified: the plan is re-scored with the IID formula and rounded to 2 "
                           "decimals as published ({end} ≥ target {target})."},
    "plan_chance": {"id": "Peluang masuk {k} besar menurut model peringkat: {p0} → {p1}.",
                    "en": "Chance of the top {k} by the rank model: {p0} → {p1}."},
    "plan_out": {"id": "Rencana ini menarik (tidak mengajukan) {n} inovasi lemah.",
                 "en": "The plan withdraws (does not submit) {n} weak innovations."},
    "plan_new": {"id": "Rencana ini menambah {n} inovasi baru (langkah \"Tambah ... inovasi "
                       "baru\" di tabel, dengan kematangan yang dipilih).",
                 "en": "The plan adds {n} new innovations (the \"Add ... new innovations\" step "
                       "in the table, with the kematangan chosen)."},
    "plan_out_down": {"id": "Penarikan itu sendiri menurunkan IID {x} poin, tetapi karena jumlah "
                            "inovasi yang dihitung berkurang, setiap kenaikan kematangan lain "
                            "bernilai lebih besar. Jumlah kolom Tambahan IID sama dengan "
                            "kenaikan IID seluruh rencana.",
                      "en": "The withdrawal by itself lowers the IID by {x} points, but with "
                            "fewer innovations counted every other kematangan step is worth "
                            "more. The IID gain column adds up to the whole plan's rise in IID."},
    "no_chance": {"id": "Target peluang {q} tidak dipakai: model peringkat tidak tersedia untuk "
                        "data ini.",
                  "en": "The chance target {q} is not used: no rank model is available for "
                        "these data."},
    "plan_big": {"id": "Target peringkat {k} tidak berarti di antara {n} pemda ({label}); "
                       "rencana diarahkan ke batas predikat Sangat Inovatif.",
                 "en": "A rank target of {k} means nothing among {n} pemda ({label}); the plan "
                       "aims at the Sangat Inovatif cut-off instead."},
    "n_reached": {"id": "Target tercapai dengan rencana", "en": "Target reached by the plan"},
    "n_score": {"id": "Skor IID setelah rencana (dibulatkan seperti hasil resmi)",
                "en": "IID after the plan (rounded as published)"},
    "n_cost": {"id": "Biaya rencana ({unit})", "en": "Plan cost ({unit})"},
    "n_rank": {"id": "Peringkat setelah rencana", "en": "Rank after the plan"},
    "n_chance": {"id": "Peluang masuk {k} besar dengan rencana",
                 "en": "Chance of the top {k} with the plan"},
    "plan_si": {"id": "Tanpa daftar skor daerah lain, target peringkat tidak dapat diperiksa; "
                      "rencana diarahkan ke batas predikat Sangat Inovatif.",
                "en": "Without other pemda's scores a rank target cannot be checked; the plan "
                      "aims at the Sangat Inovatif cut-off instead."},
}


def _m(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


def field_hasil(inputs) -> pd.DataFrame | None:
    """The field as a ``hasil`` table the what-if and planner rank against, or None.

    Members keep their scores of the field's cycle, relabelled as this cycle and this
    region's cluster so that the rank is counted among exactly the field (named in the note).
    """
    field = situation_of(inputs).field
    if field is None or not field.has_scores:
        return None
    others = np.asarray(field.codes, dtype=object) != inputs.region_code
    return pd.DataFrame({"tahun": inputs.cycle, "kode_wilayah": np.asarray(field.codes)[others],
                         "skor_iid": np.asarray(field.scores, dtype=float)[others],
                         "jenis": situation_of(inputs).cluster})


def _empty_field(inputs) -> pd.DataFrame:
    return pd.DataFrame({"tahun": pd.Series([], dtype=int), "kode_wilayah": pd.Series([], dtype=object),
                         "skor_iid": pd.Series([], dtype=float), "jenis": pd.Series([], dtype=object)})


def _blank_ranks(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for col in RANK_COLUMNS:
        if col in out:
            out[col] = pd.array([pd.NA] * len(out), dtype="Int64")
    return out


def scenarios(inputs, scenario_rows) -> Section:
    """Re-score each scenario; ranks among the field when there is one."""
    from inovlab.analysis import whatif
    from inovlab.report import bars

    lang, sit = inputs.lang, situation_of(inputs)
    if not sit.own:
        return Section.missing("skenario", sit.why_not("own"))
    hasil = field_hasil(inputs)
    table = whatif.compare_scenarios(inputs.of_cycle("inovasi"), inputs.of_cycle("spd"),
                                     scenario_rows, inputs.region_code, inputs.cycle,
                                     hasil=hasil if hasil is not None else _empty_field(inputs),
                                     framework=inputs.framework, lang=lang)
    rank = sit.field_note if hasil is not None else _m("no_rank", lang, why=sit.field_note)
    if hasil is None:
        table = _blank_ranks(table)
    fig = bars.plot_scenario_impact(table, inputs.region_name, inputs.source_of("inovasi"),
                                    lang=lang)
    return Section("skenario", _m("scenarios", lang, name=inputs.region_name, rank=rank),
                   table, fig, lang=lang)


def _plan_sentence(result, field, top_k: int, lang: str) -> str:
    """The planner's sentences: cost and change (rank named by the field, "if nobody else
    changes"), the published check, withdrawals and new innovations, and the chance."""
    from inovlab.analysis.planner import WITHDRAW
    from inovlab.i18n import format_number, format_percent
    from inovlab.report.tables import value_words

    if not result.tercapai or result.rencana.empty:
        return result.pesan  # "reached" / "infeasible": no rank in them
    s = result.ringkasan.iloc[0]
    rank = "" if field is None else _m("plan_rank", lang, a=int(s["peringkat_awal"]),
                                       b=int(s["peringkat_baru"]), label=field.label)
    cost = float(s["total_biaya"])
    lines = [_m("plan", lang, cost=format_number(cost, 0 if cost.is_integer() else 1, lang),
                unit=value_words(s["satuan_biaya"], lang),
                start=format_number(s["skor_iid_awal"], 2, lang),
                end=format_number(s["skor_iid_baru"], 2, lang), pred=s["predikat_baru"],
                rank=rank),
             _m("plan_checked", lang, end=format_number(s["skor_iid_dibulatkan"], 2, lang),
                target=format_number(s["target_rencana"], 2, lang))]
    lines += [_m(key, lang, n=int(s[col])) for key, col in
              (("plan_out", "n_ditarik"), ("plan_new", "n_baru")) if s[col]]
    withdrawn = result.rencana.loc[result.rencana["indikator"] == WITHDRAW, "tambahan_iid"]
    if len(withdrawn) and withdrawn.iloc[0] < 0:  # why a step that costs points is in it
        lines.append(_m("plan_out_down", lang, x=format_number(-withdrawn.iloc[0], 2, lang)))
    if pd.notna(s["p_top_k_baru"]):
        lines.append(_m("plan_chance", lang, k=top_k,
                        p0=format_percent(s["p_top_k_awal"], 1, lang),
                        p1=format_percent(s["p_top_k_baru"], 1, lang)))
    return " ".join(lines)


def _new_innovations(kematangan_baru):
    """``"pilih"`` (levels chosen by the planner), a fixed kematangan, or None (no new ones)."""
    if kematangan_baru is None:
        return None
    text = str(kematangan_baru).strip().lower()
    if text == "pilih":
        return "pilih"
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return "pilih"
    return value if value > 0 else None


def _chance(inputs, top_k: int):
    """The run's rank model as ``P(top k)`` of candidate scores, or None without one."""
    from inovlab.workbook.sections.common import chance_function

    return chance_function(inputs, top_k=top_k)


def plan(inputs, target_iid=None, target_peringkat=None, cost_path=None,
         kematangan_baru="pilih", *, tarik: bool = True, margin: float = 0.0,
         peluang: float = 0.0, top_k: int = 10, max_baru: int = 50) -> list[Section]:
    """The cheapest plan to the target (its steps, then its summary), verified by re-scoring
    as published; a rank target only with a field; ``peluang`` (P(top k) to reach) only
    with the rank model's chance function."""
    from inovlab.analysis import planner
    from inovlab.i18n import format_percent
    from inovlab.report import bars

    lang, sit = inputs.lang, situation_of(inputs)
    if not sit.own:
        return [Section.missing("rencana", sit.why_not("own")),
                Section.missing("rencana_ringkasan", "")]
    chance = _chance(inputs, top_k)
    wants_chance = bool(peluang) and chance is not None
    notes = [] if not peluang or chance is not None else [
        _m("no_chance", lang, q=format_percent(float(peluang), 0, lang))]
    if not target_iid and not target_peringkat and not wants_chance:
        return [Section.missing("rencana", "\n".join([*notes, _m("no_target", lang)])),
                Section.missing("rencana_ringkasan", "")]
    hasil = field_hasil(inputs)
    si = False
    if hasil is None and target_peringkat:
        target_peringkat, si = None, not target_iid and not wants_chance
        notes.append(_m("plan_si", lang))
    elif hasil is not None and target_peringkat and target_peringkat > len(hasil):
        notes.append(_m("plan_big", lang, k=target_peringkat, n=sit.field.n,
                        label=sit.field.label))
        target_peringkat, si = None, not target_iid and not wants_chance
    # without a field, only the region's own rows: the planner then ranks against nobody
    # (rank columns are blanked) instead of against an unnamed set of scored regions
    inov, spd = ((inputs.of_cycle("inovasi"), inputs.of_cycle("spd")) if hasil is not None
                 else (inputs.of_region("inovasi"), inputs.of_region("spd")))
    result = planner.plan_target(
        inov, spd, inputs.region_code, inputs.cycle,
        target_iid=target_iid or None, target_peringkat=target_peringkat or None,
        sangat_inovatif=si, hasil=hasil, costs=cost_path or None,
        kematangan_baru=_new_innovations(kematangan_baru), max_baru=max_baru, tarik=tarik,
        margin=float(margin or 0.0), chance=chance,
        min_chance=float(peluang) if wants_chance else None, top_k=top_k,
        framework=inputs.framework, lang=lang)
    notes += [_plan_sentence(result, sit.field if hasil is not None else None, top_k, lang),
              sit.field_note]
    steps = Section("rencana", "\n".join(notes), result.rencana,
                    bars.plot_plan_steps(result.rencana, inputs.region_name,
                                         inputs.source_of("inovasi"), lang=lang),
                    numbers=_plan_numbers(result, hasil is not None, top_k, lang),
                    lang=inputs.lang)
    return [steps, Section("rencana_ringkasan", "", _summary_table(result, hasil is not None),
                           lang=inputs.lang)]


def _plan_numbers(result, ranked: bool, top_k: int = 10, lang: str = "id") -> dict:
    """``ringkasan.json`` entries, labelled in ``lang``: reached (verified), the re-scored
    IID as published, cost, rank among the field and the plan's own P(top k) when known."""
    from inovlab.report.tables import value_words

    s = result.ringkasan.iloc[0]
    unit = value_words(str(s["satuan_biaya"]), lang)
    numbers = {"rencana_tercapai": ("ya" if result.tercapai else "tidak", _m("n_reached", lang)),
               "rencana_skor_baru": (float(s["skor_iid_dibulatkan"]), _m("n_score", lang)),
               "rencana_total_biaya": (float(s["total_biaya"]), _m("n_cost", lang, unit=unit))}
    if ranked:
        rank = s["peringkat_baru"]
        numbers["rencana_peringkat_baru"] = (None if pd.isna(rank) else int(rank),
                                             _m("n_rank", lang))
    if pd.notna(s["p_top_k_baru"]):
        numbers["rencana_p_top_k"] = (float(s["p_top_k_baru"]), _m("n_chance", lang, k=top_k))
    return numbers


def _summary_table(result, ranked: bool) -> pd.DataFrame:
    """The summary row; rank columns blank without a field, chance columns only with one."""
    table = result.ringkasan if ranked else _blank_ranks(result.ringkasan)
    if table[["p_top_k_awal", "p_top_k_baru"]].isna().all().all():
        table = table.drop(columns=["p_top_k_awal", "p_top_k_baru"])
    return table
