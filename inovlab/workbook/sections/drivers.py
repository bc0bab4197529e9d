"""Notebook 03 (penggerak): cross-region drivers when the data allow, and always the
region's own exact breakdown of points, its OPDs and its priorities."""

from __future__ import annotations

from inovlab.i18n import message
from inovlab.workbook.section import Section
from inovlab.workbook.sections.common import own_score_of
from inovlab.workbook.situation import situation_of

_MESSAGES = {
    "scope": {"id": "Dihitung di antara {n} pemda klaster {cluster} dalam data ({src}) pada "
                    "siklus {cycle}. Ini keterkaitan dalam data, bukan bukti sebab-akibat.",
              "en": "Computed among {n} pemda of the {cluster} cluster in the data ({src}), "
                    "cycle {cycle}. These are associations in the data, not proof of cause."},
    "moves_once": {"id": "Di tabel, kolom Bergerak bersama menyebut indikator yang lebih berat "
                         "itu untuk setiap baris dengan p uji permutasi di bawah {p}; "
                         "korelasinya ada di kolom sebelahnya.",
                   "en": "In the table, the Moves with column names that heavier indicator for "
                         "every row whose permutation p is below {p}; the correlation is in the "
                         "next column."},
    "driver": {"id": "Penggerak {i} (bobot efektif: porsi varians skor)",
               "en": "Driver {i} (effective weight: share of the score variance)"},
    "parts": {"id": "Uraian persis skor {name} dari berkasnya sendiri ({src}): {sentence}",
              "en": "Exact breakdown of {name}'s score from its own files ({src}): {sentence}"},
    "indicators": {"id": "Per indikator: poin yang hilang dibanding nilai maksimum dan poin yang "
                         "didapat dari satu langkah level (satu inovasi untuk indikator SID); "
                         "{divisor}.",
                   "en": "Per indicator: points lost against the maximum and points one level "
                         "step wins (one innovation for SID indicators); {divisor}."},
    "divisor_n": {"id": "kematangan dijumlah lalu dibagi {n}, jumlah inovasi yang dihitung",
                  "en": "kematangan is summed and divided by {n}, the number of counted "
                        "innovations"},
    "divisor_floor": {"id": "kematangan dijumlah lalu dibagi {div}, pembagi minimum siklus ini, "
                            "karena baru {n} inovasi yang dihitung",
                      "en": "kematangan is summed and divided by {div}, this cycle's minimum "
                            "divisor, because only {n} innovations are counted"},
    "opd": {"id": "Per OPD: sumbangan poin IID, poin yang hilang, dan tambahan poin bila "
                  "kekurangan dari target {target} inovasi per OPD dipenuhi.",
            "en": "Per OPD: its IID points, points lost, and the points gained if its shortfall "
                  "against the target of {target} innovations per OPD were filled."},
    "priorities": {"id": "Prioritas dari poin daerah ini sendiri: hanya langkah yang masih "
                         "bisa diambil siklus ini (level di bawah 3, jumlah inovasi di bawah "
                         "batas), diurutkan menurut tambahan poin IID per {unit} (biaya dari "
                         "tabel biaya, angka asumsi yang dapat diubah).",
                   "en": "Priorities from this region's own points: only steps still open this "
                         "cycle (levels below 3, innovations below the cap), ranked by IID "
                         "points gained per {unit} (costs from the cost table, assumed figures "
                         "you can edit)."},
    "priorities_chance": {"id": " Kolom tambahan peluang: perubahan peluang masuk {k} besar "
                                "dari satu langkah, dengan model peringkat yang sama (galat "
                                "Monte Carlo di kolom sebelahnya).",
                          "en": " The chance column: the change in the top-{k} chance one step "
                                "brings, by the same rank model (Monte Carlo error beside it)."},
    "priority": {"id": "Prioritas {i}", "en": "Priority {i}"},
}


def _m(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


def _driver_numbers(head, lang: str) -> dict:
    """``penggerak_1..3`` for ``ringkasan.json``: name, effective weight and its interval."""
    from inovlab.i18n import format_number

    fmt = lambda v: format_number(v, 2, lang)  # noqa: E731
    return {f"penggerak_{r.peringkat}": (
        f"{r.nama_indikator}: {fmt(r.bobot_efektif)} (90%: {fmt(r.bobot_efektif_low)}–"
        f"{fmt(r.bobot_efektif_high)})", _m("driver", lang, i=r.peringkat))
        for r in head.head(3).itertuples()}


def table_note(head, lang: str) -> str | None:
    """The headline's ``catatan`` said once for the whole table, or None to keep it per row.

    A note that is the same on every row it fills is said once. The correlation warnings
    differ only by what the table already shows beside them (the indicator moved with, the
    correlation, the effective weight), so they become one sentence on how to read those
    columns. Notes that say anything else stay in their rows.

    Examples
    --------
    >>> import pandas as pd
    >>> head = pd.DataFrame({"catatan": ["", "x"], "bergerak_dengan": ["", "A"],
    ...                      "p_permutasi": [0.5, 0.01]})
    >>> table_note(head, "en")
    'x'
    >>> moves = pd.DataFrame({"catatan": ["A (r = 0,8)", "B (r = 0,7)", ""],
    ...                       "bergerak_dengan": ["A", "B", ""], "p_permutasi": [0.01, 0.01, 0.5]})
    >>> table_note(moves, "en")[:35]
    'In the table, the Moves with column'
    >>> table_note(head.assign(catatan=["y", "x"]), "en") is None
    True
    """
    from inovlab.analysis.drivers import SIGNIFICANCE
    from inovlab.i18n import format_number

    notes = head["catatan"].fillna("").astype(str)
    filled = notes[notes.ne("")]
    if filled.nunique() <= 1:
        return filled.iloc[0] if len(filled) else ""
    flagged = head["bergerak_dengan"].fillna("").ne("") & (head["p_permutasi"] < SIGNIFICANCE)
    if notes.ne("").equals(flagged):
        return _m("moves_once", lang, p=format_number(SIGNIFICANCE, 2, lang))
    return None


def _drivers_figure(long, lang: str, src):
    """Effective weight (the order) and corrected main effect per indicator, 12 largest."""
    from inovlab.analysis.driver_inputs import METHODS
    from inovlab.report import plots

    rows = long[long["metode"].isin(["bobot_efektif", "efek_utama"])].copy()
    headline = METHODS["bobot_efektif"][lang]
    rows["metode"] = rows["metode"].map(lambda m: METHODS[m][lang])
    return plots.plot_drivers(rows, lang=lang, source=src, top=12, label="nama_indikator",
                              order_by=headline)


def cross_region(inputs, n_boot: int = 50, seed: int = 0, models: bool = False) -> Section:
    """Cross-region drivers within the region's cluster, only with enough pemda's data.

    The table is :func:`inovlab.analysis.drivers.drivers_headline` (one row per indicator,
    ordered by effective weight, with the bias-corrected main effect and its correlation
    warning); ``penggerak_1..3`` in ``ringkasan.json`` are its first three rows.
    """
    from inovlab.analysis import drivers
    from inovlab.analysis.drivers_report import headline_lines
    from inovlab.i18n import source_label
    from inovlab.rules import decomposition
    from inovlab.rules.framework import cluster_label

    lang, sit = inputs.lang, situation_of(inputs)
    if not sit.cross:
        return Section.missing("penggerak", sit.why_not("cross"))
    table = decomposition.region_table(inputs.of_cycle("inovasi"), inputs.of_cycle("spd"),
                                       inputs.cycle, inputs.framework)
    long, _ = drivers.drivers_table(table, inputs.framework, cluster=sit.cluster,
                                    n_boot=n_boot, seed=seed, lang=lang, models=models)
    head = drivers.drivers_headline(long)
    src = inputs.source_of("inovasi", "spd")
    once = table_note(head, lang)  # the saved table keeps every row's note
    cluster = cluster_label(sit.cluster, lang)
    note = "\n".join([_m("scope", lang, n=sit.cross_n, cluster=cluster,
                         src=source_label(src, lang), cycle=inputs.cycle),
                      *headline_lines(long, lang, top=3), *([once] if once else [])])
    return Section("penggerak", note, head, _drivers_figure(long, lang, src),
                   numbers=_driver_numbers(head, lang), lang=inputs.lang,
                   hide=("catatan",) if once is not None else ())


def own_parts(inputs) -> Section:
    """The score split into SPD, kematangan (SID) and jumlah inovasi points."""
    from inovlab.i18n import source_label
    from inovlab.report.own_plots import plot_own_parts

    own = own_score_of(inputs)
    if own is None:
        return Section.missing("uraian_poin", situation_of(inputs).why_not("own"))
    src = inputs.source_of("inovasi")
    note = _m("parts", inputs.lang, name=inputs.region_name, src=source_label(src, inputs.lang),
              sentence=own.sentence(inputs.lang))
    return Section("uraian_poin", note, own.parts,
                   plot_own_parts(own, inputs.region_name, src, inputs.lang), lang=inputs.lang)


def own_indicators(inputs) -> Section:
    """Per indicator: points now, lost against the maximum, and one step's gain."""
    from inovlab.report.own_plots import plot_points_lost

    own = own_score_of(inputs)
    if own is None:
        return Section.missing("poin_indikator", situation_of(inputs).why_not("own"))
    divisor = _m("divisor_floor" if own.pembagi > own.n_dihitung else "divisor_n", inputs.lang,
                 div=own.pembagi, n=own.n_dihitung)
    note = _m("indicators", inputs.lang, divisor=divisor)
    return Section("poin_indikator", note, own.indicators,
                   plot_points_lost(own, inputs.region_name, inputs.source_of("inovasi"),
                                    inputs.lang), lang=inputs.lang)


def own_opd(inputs, target_per_opd: int = 2) -> Section:
    """Per OPD: its contribution and its shortfall, in IID points."""
    from inovlab.report.own_plots import plot_opd_points

    own = own_score_of(inputs, target_per_opd=target_per_opd)
    if own is None:
        return Section.missing("poin_opd", situation_of(inputs).why_not("own"))
    return Section("poin_opd", _m("opd", inputs.lang, target=target_per_opd), own.opd,
                   plot_opd_points(own, inputs.region_name, inputs.source_of("inovasi"),
                                   inputs.lang), lang=inputs.lang)


def priorities(inputs, top: int = 10, seed: int = 0) -> Section:
    """The reachable steps worth most IID points per unit of cost, from the region's own
    breakdown (with the change in P(top k) by the run's rank model when there is one)."""
    own = own_score_of(inputs)
    if own is None:
        return Section.missing("prioritas", situation_of(inputs).why_not("own"))
    from inovlab.analysis.planner import load_costs
    from inovlab.report.bars import plot_priorities
    from inovlab.workbook.sections.common import chance_function, rank_outlook_of

    costs = load_costs(None, inputs.framework, inputs.lang)
    drawn = rank_outlook_of(inputs, seed=seed) if chance_function(inputs, seed=seed) else None
    table = own.priorities(top=top, costs=costs, lang=inputs.lang, outlook=drawn)
    numbers = {f"prioritas_{i}": (str(row["saran"]), _m("priority", inputs.lang, i=i))
               for i, row in enumerate(table.head(3).to_dict("records"), start=1)}
    from inovlab.report.tables import value_words

    unit = value_words(costs.attrs.get("satuan", "") or "-", inputs.lang)  # person-days
    note = _m("priorities", inputs.lang, unit=unit)
    if drawn is not None:
        note += _m("priorities_chance", inputs.lang, k=drawn.settings.top_k)
    fig = plot_priorities(table, inputs.region_name, inputs.source_of("inovasi"), inputs.lang)
    return Section("prioritas", note, table, fig, numbers=numbers, lang=inputs.lang,
                   lead=("peringkat_prioritas", "saran"))
