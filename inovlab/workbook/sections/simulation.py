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
    "plan": {"id": "Rencana termurah: biaya {cost} {unit}; IID {start} -> {end} ({pred}){rank}.",
             "en": "Least-cost plan: cost {cost} {unit}; IID {start} -> {end} ({pred}){rank}."},
    "plan_rank": {"id": ", peringkat {a} -> {b} di antara {label}",
                  "en": ", rank {a} -> {b} among {label}"},
    "plan_big": {"id": "Target peringkat {k} tidak berarti di antara {n} pemda ({label}); "
                       "rencana diarahkan ke batas predikat Sangat Inovatif.",
                 "en": "A rank target of {k} means nothing among {n} pemda ({label}); the plan "
                       "aims at the Sangat Inovatif cut-off instead."},
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
                   table, fig)


def _plan_sentence(result, field, lang: str) -> str:
    """The planner's sentence, its rank named by the field (no rank without one)."""
    from inovlab.i18n import format_number
    from inovlab.report.tables import value_words

    if not result.tercapai or result.rencana.empty:
        return result.pesan  # "reached" / "infeasible": no rank in them
    s = result.ringkasan.iloc[0]
    rank = "" if field is None else _m("plan_rank", lang, a=int(s["peringkat_awal"]),
                                       b=int(s["peringkat_baru"]), label=field.label)
    return _m("plan", lang, cost=format_number(s["total_biaya"], 1, lang),
              unit=value_words(s["satuan_biaya"], lang),
              start=format_number(s["skor_iid_awal"], 2, lang),
              end=format_number(s["skor_iid_baru"], 2, lang), pred=s["predikat_baru"],
              rank=rank)


def plan(inputs, target_iid=None, target_peringkat=None, cost_path=None,
         kematangan_baru=None) -> list[Section]:
    """The cheapest plan to the target (its steps, then its summary), re-scored; a rank
    target only with a field."""
    from inovlab.analysis import planner
    from inovlab.report import bars

    lang, sit = inputs.lang, situation_of(inputs)
    if not sit.own:
        return [Section.missing("rencana", sit.why_not("own")),
                Section.missing("rencana_ringkasan", "")]
    if not target_iid and not target_peringkat:
        return [Section.missing("rencana", _m("no_target", lang)),
                Section.missing("rencana_ringkasan", "")]
    hasil = field_hasil(inputs)
    notes = []
    si = False
    if hasil is None and target_peringkat:
        target_peringkat, notes = None, [_m("plan_si", lang)]
        si = not target_iid
    elif hasil is not None and target_peringkat and target_peringkat > len(hasil):
        notes = [_m("plan_big", lang, k=target_peringkat, n=sit.field.n, label=sit.field.label)]
        target_peringkat, si = None, not target_iid
    # without a field, only the region's own rows: the planner then ranks against nobody
    # (rank columns are blanked) instead of against an unnamed set of scored regions
    inov, spd = ((inputs.of_cycle("inovasi"), inputs.of_cycle("spd")) if hasil is not None
                 else (inputs.of_region("inovasi"), inputs.of_region("spd")))
    result = planner.plan_target(
        inov, spd, inputs.region_code, inputs.cycle,
        target_iid=target_iid or None, target_peringkat=target_peringkat or None,
        sangat_inovatif=si, hasil=hasil, costs=cost_path or None,
        kematangan_baru=kematangan_baru or None, framework=inputs.framework, lang=lang)
    summary = result.ringkasan.iloc[0]
    notes += [_plan_sentence(result, sit.field if hasil is not None else None, lang),
              sit.field_note]
    numbers = {"rencana_tercapai": ("ya" if result.tercapai else "tidak", "tercapai"),
               "rencana_skor_baru": (float(summary["skor_iid_baru"]), "skor_iid_baru"),
               "rencana_total_biaya": (float(summary["total_biaya"]), str(summary["satuan_biaya"]))}
    if hasil is not None:
        new_rank = summary["peringkat_baru"]
        numbers["rencana_peringkat_baru"] = (None if pd.isna(new_rank) else int(new_rank),
                                             "peringkat_baru")
    table = result.rencana
    fig = bars.plot_plan_steps(table, inputs.region_name, inputs.source_of("inovasi"), lang=lang)
    steps = Section("rencana", "\n".join(notes), table, fig, numbers=numbers)
    summary_table = result.ringkasan if hasil is not None else _blank_ranks(result.ringkasan)
    return [steps, Section("rencana_ringkasan", "", summary_table)]
