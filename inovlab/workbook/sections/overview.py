"""Notebook 01 (ikhtisar hasil): the results list, the own trajectory, the key numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.i18n import message
from inovlab.workbook.section import Section
from inovlab.workbook.sections.common import (
    current_score,
    own_score_of,
    rank_number,
    rank_summary,
)
from inovlab.workbook.situation import situation_of

_MESSAGES = {
    "no_hasil": {"id": "Tidak ada daftar hasil IID (tabel hasil): gambaran klaster butuh skor "
                       "atau predikat banyak pemda, misalnya lampiran Kepmendagri atau rilis "
                       "provinsi. Taruh berkas hasil*.csv/xlsx di folder data (atau isi "
                       "parameter hasil_path) untuk menampilkannya.",
                 "en": "No IID results list (hasil table): the cluster overview needs scores or "
                       "predicates of many pemda, e.g. a Kepmendagri appendix or a provincial "
                       "release. Put a hasil*.csv/xlsx file in the data folder (or set the "
                       "hasil_path parameter) to show it."},
    "summary": {"id": "Ringkasan {label} ({src}).", "en": "Summary of {label} ({src})."},
    "predicates": {"id": "Jumlah pemda per predikat di {label} ({src}).",
                   "en": "Number of pemda per predicate in {label} ({src})."},
    "no_history": {"id": "Belum ada hasil siklus mana pun untuk {name}: tidak ada baris daerah "
                         "ini di berkas hasil, tidak ada berkas inovasi siklus lain, dan tidak "
                         "ada data resmi terpublikasi.",
                   "en": "No result of any cycle is known for {name}: no row in the results "
                         "file, no innovation file of another cycle, and no published record."},
    "score": {"id": "Skor IID {cycle}", "en": "IID score {cycle}"},
    "pred": {"id": "Predikat {cycle}", "en": "Predicate {cycle}"},
    "from_files": {"id": "dihitung dari berkas inovasi, {src}",
                   "en": "computed from the innovation files, {src}"},
    "reported": {"id": "dari berkas hasil", "en": "from the results file"},
    "no_score": {"id": "Skor IID {cycle} tidak dapat dihitung: tidak ada berkas inovasi daerah "
                       "ini untuk siklus {cycle} dan tidak ada barisnya di berkas hasil.",
                 "en": "The {cycle} IID cannot be computed: no innovation file of this region "
                       "for cycle {cycle} and no row of it in the results file."},
    "key": {"id": "Angka kunci {name} siklus {cycle} ({how}).",
            "en": "Key numbers of {name}, cycle {cycle} ({how})."},
    "col_what": {"id": "angka", "en": "figure"},
    "col_value": {"id": "nilai", "en": "value"},
    "rank": {"id": "Peringkat di antara {label}, bila daerah lain tidak berubah",
             "en": "Rank among {label}, if nobody else changes"},
    "rank_range": {"id": "Peringkat pada hasil {target}: median (rentang 90%)",
                   "en": "Rank in the {target} results: median (90% range)"},
    "rank_chance": {"id": "Peluang masuk {k} besar (galat Monte Carlo)",
                    "en": "Chance of the top {k} (Monte Carlo error)"},
}


def _m(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


def results_overview(inputs, top_k: int = 10) -> Section:
    """The results list the user gave, summarised for the field's cycle."""
    from inovlab.analysis import history
    from inovlab.i18n import source_label
    from inovlab.report import plots

    lang, sit = inputs.lang, situation_of(inputs)
    field = sit.field
    if field is None:
        return Section.missing("ikhtisar_klaster",
                               _m("no_hasil", lang) if not inputs.has("hasil") else sit.field_note)
    src = source_label(field.source, lang)
    if not field.has_scores:
        counts = pd.Series(field.predikat).replace("", pd.NA).dropna().value_counts()
        table = counts.rename_axis("predikat").reset_index(name="jumlah_pemda")
        return Section("ikhtisar_klaster", "\n".join([_m("predicates", lang, label=field.label,
                                                         src=src), sit.field_note]), table,
                       lang=lang)
    # the field is one group, even when it mixes clusters (a province's list)
    panel = inputs.panel[inputs.panel["kode_wilayah"].isin(field.codes)].assign(
        jenis=field.cluster or "pemda")
    table = history.cluster_summary(panel, top_k=top_k)
    table = table[table["tahun"] == field.cycle].reset_index(drop=True)
    mine = inputs.region_code if field.is_member else None
    fig = plots.plot_cluster_distribution(panel, jenis=field.cluster or "pemda",
                                          kode_wilayah=mine, lang=lang, source=field.source)
    return Section("ikhtisar_klaster", "\n".join([_m("summary", lang, label=field.label, src=src),
                                                  sit.field_note]), table, fig, lang=inputs.lang)


def trajectory(inputs) -> Section:
    """The region's known results over the cycles, each row saying where it comes from."""
    from inovlab.analysis.own_history import own_history
    from inovlab.report.history_plots import plot_own_history

    lang = inputs.lang
    hist = own_history(inputs.region_code, hasil=inputs.hasil if inputs.has("hasil") else None,
                       hasil_source=inputs.source_of("hasil"),
                       inovasi=inputs.inovasi if inputs.has("inovasi") else None,
                       spd=inputs.spd if inputs.has("spd") else None,
                       files_source=inputs.source_of("inovasi"), lang=lang)
    if hist.kind() == "none":
        return Section.missing("lintasan", _m("no_history", lang, name=inputs.region_name))
    fig = plot_own_history(hist, inputs.region_name, lang)
    table = hist.table.drop(columns=[c for c in ("asal_kode", "jenis_sumber") if c in hist.table])
    return Section("lintasan", hist.sentence(lang), table, fig, lang=inputs.lang)


def key_numbers(inputs, top_k: int = 10, n_draws: int | None = None, seed: int = 0) -> Section:
    """Score, predicate and rank of the cycle: from the own files, else the reported row."""
    from inovlab.i18n import format_number, format_percent, source_label

    lang, cycle = inputs.lang, inputs.cycle
    score = current_score(inputs)
    if score is None:
        return Section.missing("angka_kunci", _m("no_score", lang, cycle=cycle))
    own = own_score_of(inputs)
    pred = own.predikat if own is not None else str(
        np.asarray(inputs.framework.predicate(pd.Series([score])))[0])
    how = _m("from_files" if own is not None else "reported", lang,
             src=source_label(inputs.source_of("inovasi"), lang))
    rows = {_m("score", lang, cycle=cycle): format_number(score, 2, lang),
            _m("pred", lang, cycle=cycle): pred}
    numbers = {"ikhtisar_skor_iid": (score, _m("score", lang, cycle=cycle)),
               "ikhtisar_predikat": (pred, _m("pred", lang, cycle=cycle))}
    summary = rank_summary(inputs, n_draws=n_draws, seed=seed, top_k=top_k)
    note = [_m("key", lang, name=inputs.region_name, cycle=cycle, how=how)]
    if summary is not None and summary["median"] is not None:
        n = summary["n_bidang"]
        rows[_m("rank_range", lang, target=summary["siklus_sebaran"])] = (
            f"{summary['median']} ({summary['p05']}–{summary['p95']}) / {n}")
        rows[_m("rank_chance", lang, k=summary["top_k"])] = (
            f"{format_percent(summary['p_top_k'], 1, lang)} "
            f"(± {format_percent(summary['mc_se'], 2, lang)})")
    if summary is not None and summary["proyeksi"] is not None:
        label = _m("rank", lang, label=summary["bidang"])
        rows[label] = f"{summary['proyeksi']} / {summary['n_bidang']}"
    if summary is not None:
        numbers["peringkat"] = rank_number(summary, lang)
    note.append(situation_of(inputs).field_note)
    table = pd.DataFrame({_m("col_what", lang): list(rows), _m("col_value", lang): list(rows.values())})
    return Section("angka_kunci", "\n".join(note), table, numbers=numbers, lang=inputs.lang)


def published_record(inputs) -> Section:
    """Officially published figures of the region, kept apart from every other source."""
    from inovlab.i18n import source_label
    from inovlab.sources import published

    resmi = published.load_published()
    cols = ["tahun", "skor_iid", "predikat", "peringkat", "jumlah_inovasi", "sumber"]
    rows = resmi.loc[resmi["kode_wilayah"] == inputs.region_code, cols].reset_index(drop=True)
    return Section("resmi", source_label("published", inputs.lang), rows, lang=inputs.lang)
