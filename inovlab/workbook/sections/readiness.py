"""Notebook 05 (kesiapan usulan): the readiness check of this cycle's submission."""

from __future__ import annotations

from inovlab.i18n import message
from inovlab.workbook.section import Section
from inovlab.workbook.sections.common import indicator_labels, with_indicator_names
from inovlab.workbook.situation import situation_of

_MESSAGES = {
    "checked": {"id": "{n} inovasi dari {opd} OPD diperiksa ({src}).",
                "en": "{n} innovations of {opd} OPDs checked ({src})."},
    "pemda": {"id": "Proyeksi bila usulan dikirim apa adanya.",
              "en": "Projection if the submission is sent as it is."},
    "problems": {"id": "Inovasi yang perlu diperbaiki sebelum dikirim; kolom Penjelasan menyebut "
                       "apa yang harus dilakukan.",
                 "en": "Innovations to fix before submission; the Explanation column says what "
                       "to do."},
    "opd": {"id": "OPD dengan kekurangan terbesar masih paling jauh dari target {k} inovasi.",
            "en": "The OPD with the largest shortfall are furthest from the target of {k}."},
    "recs": {"id": "Rekomendasi per jenis; dalam tiap jenis, yang paling menambah skor IID "
                   "lebih dulu.",
             "en": "Recommendations by kind; within each kind, the largest IID gain first."},
    "none": {"id": "Tidak ada inovasi bermasalah.", "en": "No innovation has a problem."},
    "n_submitted": {"id": "Inovasi diajukan", "en": "Innovations submitted"},
    "n_counted": {"id": "Inovasi dihitung", "en": "Innovations counted"},
    "n_problems": {"id": "Inovasi bermasalah", "en": "Innovations with problems"},
    "n_score": {"id": "Skor IID proyeksi usulan", "en": "Projected IID of the submission"},
}


def _m(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


def run(inputs, target_per_opd: int = 2, min_kematangan: float = 70.0, seed: int = 0):
    """The readiness check of this region's innovations of the cycle, or None without them."""
    from inovlab.analysis import readiness

    if not situation_of(inputs).own:
        return None
    hasil = inputs.hasil[inputs.hasil["tahun"] < inputs.cycle] if inputs.has("hasil") else None
    return readiness.run_check(inputs.of_region("inovasi"), inputs.framework,
                               spd=inputs.of_region("spd") if inputs.has("spd") else None,
                               target_per_opd=target_per_opd, min_kematangan=min_kematangan,
                               hasil=hasil, hasil_source=inputs.source_of("hasil"), seed=seed,
                               lang=inputs.lang)


def _missing(inputs, name: str) -> Section:
    return Section.missing(name, situation_of(inputs).why_not("own"))


def _with_rank(inputs, table, seed: int):
    """The check's rank columns replaced by the notebooks' one rank summary
    (:func:`~inovlab.workbook.sections.common.rank_summary`), so that 05 shows the same
    rank as 01, 03 and 06 of the same run."""
    from inovlab.workbook.sections.common import rank_summary

    summary = rank_summary(inputs, seed=seed) or {}
    out = table.copy()
    columns = {"bidang": "bidang", "n_bidang": "n_bidang", "peringkat_proyeksi": "proyeksi",
               "peringkat_median": "median", "peringkat_p05": "p05", "peringkat_p95": "p95",
               "p_top10": "p_top_k", "galat_p_top10": "mc_se", "n_simulasi": "n_draws",
               "p_sangat_inovatif": "p_sangat_inovatif"}
    for col, key in columns.items():
        out[col] = summary.get(key)
    out["catatan_peringkat"] = situation_of(inputs).field_note
    return out.drop(columns=[c for c in ("jumlah_pembanding", "tahun_pembanding") if c in out])


def pemda(inputs, cek, seed: int = 0) -> Section:
    """Projected score, predikat and rank of the submission (one column)."""
    from inovlab.i18n import source_label

    if cek is None:
        return _missing(inputs, "kesiapan_pemda")
    row = cek.pemda.iloc[0]
    note = "\n".join([_m("checked", inputs.lang, n=int(row["n_diajukan"]),
                         opd=cek.opd["opd"].nunique(),
                         src=source_label(inputs.source_of("inovasi"), inputs.lang)),
                      _m("pemda", inputs.lang)])
    lang = inputs.lang
    numbers = {"kesiapan_diajukan": (int(row["n_diajukan"]), _m("n_submitted", lang)),
               "kesiapan_dihitung": (int(row["n_dihitung"]), _m("n_counted", lang)),
               "kesiapan_bermasalah": (int(cek.summary["jumlah_bermasalah"]),
                                       _m("n_problems", lang)),
               "kesiapan_skor_proyeksi": (float(row["skor_iid"]), _m("n_score", lang))}
    table = _with_rank(inputs, cek.pemda, seed)
    return Section("kesiapan_pemda", note, table.T.rename(columns={0: inputs.region_name}),
                   numbers=numbers, lang=inputs.lang)


def problems(inputs, cek) -> Section:
    """The innovations with a problem, and a chart of problem counts."""
    from inovlab.report import bars

    if cek is None:
        return _missing(inputs, "kesiapan_inovasi")
    table = cek.innovation_table()
    fig = bars.plot_problem_counts(cek.summary["masalah_per_kode"], inputs.source_of("inovasi"),
                                   lang=inputs.lang)
    bad = table["masalah"] != ""
    note = _m("problems" if bad.any() else "none", inputs.lang)
    return Section("kesiapan_inovasi", note, table[bad].reset_index(drop=True), fig,
                   lang=inputs.lang, labels=indicator_labels(inputs, table.columns),
                   lead=("id_inovasi", "nama_inovasi", "penjelasan"))


def opd(inputs, cek, target_per_opd: int = 2) -> Section:
    """Per OPD: submitted, counted, target and shortfall."""
    if cek is None:
        return _missing(inputs, "kesiapan_opd")
    table = cek.opd.sort_values("kekurangan", ascending=False, ignore_index=True)
    return Section("kesiapan_opd", _m("opd", inputs.lang, k=target_per_opd), table,
                   lang=inputs.lang, hide=("tahun",))  # always the cycle


def recommendations(inputs, cek) -> Section:
    """What to fix first, by IID gained."""
    if cek is None:
        return _missing(inputs, "kesiapan_rekomendasi")
    return Section("kesiapan_rekomendasi", _m("recs", inputs.lang),
                   with_indicator_names(inputs, cek.rekomendasi), lang=inputs.lang,
                   lead=("urutan", "id_inovasi", "penjelasan"), hide=("kode_wilayah",))
