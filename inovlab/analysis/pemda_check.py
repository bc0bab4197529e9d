"""Submission check per pemda: counts, urusan coverage, projected IID, rank and days left.

:func:`check_pemda` projects each pemda's score from the checked innovations (the scoring
engine's formula) and ranks it with the one rank model
(:func:`inovlab.analysis.rank_model.rank_entry`) against the comparison field of the latest
results up to the cycle checked (:func:`inovlab.analysis.field.comparison_field`: the own
cluster when the list holds enough of it, else the whole list, always named in ``bidang``),
exactly as the notebooks do. Without a field, or with predicates only, the rank columns are
empty and ``catatan_peringkat`` says why.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from inovlab.analysis.claims import one_region_claims
from inovlab.analysis.field import comparison_field, no_field_reason, no_field_sentence
from inovlab.analysis.rank_model import DEFAULT_DRAWS, ChangeModel, RankSettings, rank_entry
from inovlab.rules.framework import Framework
from inovlab.rules.scoring import canonical_urusan, score_regions

PEMDA_COLUMNS = ["tahun", "kode_wilayah", "nama_daerah", "jenis", "n_diajukan", "n_dihitung",
                 "pembagi_minimum", "kurang_dari_pembagi", "urusan_dasar_tercakup",
                 "urusan_minimum", "urusan_dasar_kurang", "syarat_urusan_terpenuhi", "skor_spd",
                 "sumber_spd", "kematangan_per_inovasi", "rata_kematangan",
                 "skor_jumlah_inovasi", "skor_sid", "skor_iid", "predikat", "skor_impas",
                 "tahun_pembanding", "jumlah_pembanding", "peringkat_proyeksi",
                 "peringkat_median", "peringkat_p05", "peringkat_p95", "p_top10",
                 "p_sangat_inovatif", "tenggat", "sisa_hari", "keyakinan_aturan",
                 "bidang", "n_bidang", "catatan_peringkat", "galat_p_top10", "n_simulasi"]
"""Columns of :func:`check_pemda` (``cek_pemda.csv``)."""


def previous_results(hasil: pd.DataFrame, cycle: int) -> tuple[pd.DataFrame, int | None]:
    """The results of the last cycle before ``cycle`` in ``hasil`` (for the SPD fallback).

    Returns
    -------
    (results, year) : DataFrame, int or None
        ``results`` has ``kode_wilayah`` (and ``skor_iid``, ``skor_spd`` when present).

    Examples
    --------
    >>> h = pd.DataFrame({"tahun": [2024, 2025], "kode_wilayah": ["19.71"] * 2,
    ...                   "skor_iid": [50.0, 55.0]})
    >>> r, year = previous_results(h, 2026)
    >>> year, r["skor_iid"].tolist()
    (2025, [55.0])
    """
    h = hasil[hasil["skor_iid"].notna()] if "skor_iid" in hasil else hasil.iloc[0:0]
    years = sorted(int(y) for y in h["tahun"].unique() if int(y) < int(cycle))
    if not years:
        return h.iloc[0:0], None
    last = h[h["tahun"] == years[-1]]
    keep = [c for c in ("kode_wilayah", "nama_daerah", "skor_iid", "skor_spd") if c in last]
    return last[keep].reset_index(drop=True), years[-1]


def check_pemda(checked: pd.DataFrame, fw: Framework, spd: pd.DataFrame | None = None,
                hasil: pd.DataFrame | None = None, deadline: dt.date | None = None,
                today: dt.date | None = None, seed: int = 0, top_k: int = 10,
                n_draws: int = DEFAULT_DRAWS, lang: str = "id",
                hasil_source: str = "user") -> pd.DataFrame:
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
        the field the projected IID is ranked in (:func:`inovlab.analysis.field.comparison_field`
        of the latest results up to ``fw.cycle``) and the observed changes between cycles.
    deadline, today : date, optional
        For ``sisa_hari``; ``today`` defaults to the system date.
    seed, top_k, n_draws
        For the rank model (:class:`inovlab.analysis.rank_model.RankSettings`).
    hasil_source : {"user", "demo", "published"}
        Where ``hasil`` came from (named in ``bidang``).

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, nama_daerah, jenis, n_diajukan, n_dihitung, pembagi_minimum,
        kurang_dari_pembagi, urusan_dasar_tercakup, urusan_minimum, urusan_dasar_kurang,
        syarat_urusan_terpenuhi, skor_spd, sumber_spd, kematangan_per_inovasi,
        rata_kematangan, skor_jumlah_inovasi, skor_sid, skor_iid, predikat, skor_impas,
        tahun_pembanding (the field's cycle), jumlah_pembanding (others + 1),
        peringkat_proyeksi (against the field as it was), peringkat_median, peringkat_p05,
        peringkat_p95 (the next results, :func:`inovlab.analysis.rank_model.rank_entry`), p_top10,
        galat_p_top10 (its Monte Carlo standard error), n_simulasi, p_sangat_inovatif, tenggat, sisa_hari, keyakinan_aturan, bidang (the field's label),
        n_bidang, catatan_peringkat`` (the sentence on the field, or on why no rank).

    Examples
    --------
    >>> from inovlab.analysis.innovation_check import check_innovations
    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["penerapan"],
    ...     "urusan": ["kesehatan"], **{c: [3] for c in fw.sid_columns}})
    >>> p = check_pemda(check_innovations(df, fw), fw).iloc[0]
    >>> int(p.n_dihitung), int(p.pembagi_minimum), int(p.urusan_dasar_tercakup)
    (1, 12, 1)
    >>> p.catatan_peringkat[:37]
    'Peringkat tidak dihitung: tidak ada t'

    """
    regions = score_regions(checked.copy(), spd, fw)
    checked_codes = checked["kode_wilayah"].unique()  # isin on 20,000 strings takes 0.25 s
    regions = regions[regions["kode_wilayah"].isin(checked_codes)].reset_index(drop=True)
    regions["sumber_spd"] = np.where(regions["skor_spd"].notna(), "spd", "")
    _add_region_metadata(regions)
    regions["urusan_dasar_kurang"] = _urusan_missing(checked, regions["kode_wilayah"], fw)
    regions["urusan_minimum"] = fw.urusan_min
    regions["pembagi_minimum"] = fw.divisor_floor
    regions["kurang_dari_pembagi"] = (fw.divisor_floor - regions["n_inovasi_dihitung"]).clip(lower=0)

    if hasil is not None and len(hasil):
        previous, year = previous_results(hasil, fw.cycle)
        if spd is None and "skor_spd" in previous:
            _fill_spd_from_previous(regions, previous, year, fw)
    settings = RankSettings(n_draws=n_draws, seed=seed, top_k=top_k)
    projection = _rank_projection(regions, checked, spd, hasil, hasil_source, fw, settings, lang)
    for k, v in projection.items():
        regions[k] = v
    regions["tenggat"] = deadline.isoformat() if deadline else None
    today = today or dt.date.today()
    regions["sisa_hari"] = (deadline - today).days if deadline else np.nan
    regions = regions.rename(columns={"n_inovasi": "n_diajukan", "n_inovasi_dihitung": "n_dihitung"})
    return regions[PEMDA_COLUMNS]


def _add_region_metadata(regions: pd.DataFrame) -> None:
    """``jenis`` and (where missing) the official ``nama_daerah``, in place."""
    from inovlab.io.regions import load_regions

    meta = load_regions().set_index("kode_wilayah")
    regions["jenis"] = regions["kode_wilayah"].map(meta["jenis"])
    if "nama_daerah" not in regions or regions["nama_daerah"].isna().any():
        names = regions["kode_wilayah"].map(meta["nama_daerah"])
        regions["nama_daerah"] = regions.get("nama_daerah", names).fillna(names)


def _urusan_missing(checked: pd.DataFrame, kode: pd.Series, fw: Framework) -> pd.Series:
    """Per pemda: the basic-service urusan no counted innovation covers (``; ``-joined)."""
    basic = fw.basic_service_urusan
    urusan = canonical_urusan(checked["urusan"] if "urusan" in checked else pd.Series(
        None, index=checked.index, dtype=object), fw)
    covered = pd.DataFrame({"kode_wilayah": checked["kode_wilayah"], "u": urusan})[
        checked["dihitung"].to_numpy(bool)]
    covered = covered.groupby("kode_wilayah")["u"].agg(set)
    return kode.map(lambda k: "; ".join(u for u in basic if u not in covered.get(k, set())))


def _fill_spd_from_previous(regions, field, field_year, fw: Framework) -> None:
    """Without an SPD file, take the SPD score of the previous cycle (labelled), in place."""
    prev_spd = field.set_index("kode_wilayah")["skor_spd"]
    fill = regions["skor_spd"].isna() & regions["kode_wilayah"].isin(prev_spd.index)
    if fill.any():
        regions.loc[fill, "skor_spd"] = regions.loc[fill, "kode_wilayah"].map(prev_spd)
        regions.loc[fill, "sumber_spd"] = f"hasil {field_year}"
        regions["skor_total"] = regions["skor_spd"] + regions["skor_sid"]
        regions["skor_iid"] = regions["skor_total"] / fw.total_max * 100
        regions["predikat"] = fw.predicate(regions["skor_iid"])


_RANK_COLUMNS = ("jumlah_pembanding", "peringkat_proyeksi", "peringkat_median",
                 "peringkat_p05", "peringkat_p95", "p_top10", "galat_p_top10", "n_simulasi",
                 "p_sangat_inovatif")
_FIELD_COLUMNS = ("tahun_pembanding", "bidang", "n_bidang", "catatan_peringkat")
_FROM_ENTRY = {"peringkat_proyeksi": "proyeksi", "peringkat_median": "median",
               "peringkat_p05": "p05", "peringkat_p95": "p95", "p_top10": "p_top_k",
               "galat_p_top10": "mc_se", "n_simulasi": "n_draws",
               "p_sangat_inovatif": "p_sangat_inovatif"}


def _rank_projection(regions, checked, spd, hasil, hasil_source, fw: Framework,
                     settings: RankSettings, lang: str) -> dict:
    """Projected rank and its spread in each pemda's comparison field, with the field named."""
    res = {k: [] for k in (*_RANK_COLUMNS, *_FIELD_COLUMNS)}
    for row in regions.itertuples():  # one row per pemda checked (a handful)
        vals = dict.fromkeys(res, np.nan)
        vals.update(_project_one(row, checked, spd, hasil, hasil_source, fw, settings, lang))
        for k in res:
            res[k].append(vals[k])
    return res


def _project_one(row, checked, spd, hasil, hasil_source, fw: Framework,
                 settings: RankSettings, lang: str) -> dict:
    """One pemda: the field's columns, and the rank columns when a rank can be computed."""
    field = (comparison_field(hasil, row.kode_wilayah, fw.cycle, source=hasil_source, lang=lang)
             if hasil is not None else None)
    if field is None:
        reason = no_field_reason(hasil, row.kode_wilayah, fw.cycle)
        return {"catatan_peringkat": no_field_sentence(reason, lang, cycle=fw.cycle),
                "bidang": None, "n_bidang": np.nan, "tahun_pembanding": np.nan}
    out = {"bidang": field.label, "n_bidang": field.n, "tahun_pembanding": field.cycle,
           "catatan_peringkat": field.sentence(fw.cycle, lang)}
    if not field.has_scores:
        return out
    if np.isnan(row.skor_iid):
        return {**out, "catatan_peringkat": no_field_sentence("no_own_score", lang)}
    entry = rank_entry(field, fw.cycle, float(row.skor_iid),
                       claims=one_region_claims(checked, spd, row.kode_wilayah, fw.cycle, fw,
                                                row.jenis),
                       changes=ChangeModel.from_hasil(hasil, until=field.cycle),
                       settings=settings, si_cutoff=fw.cutoffs["Sangat Inovatif"], lang=lang)
    if entry is None:
        return out
    out["jumlah_pembanding"] = field.n if field.is_member else field.n + 1
    out.update({col: entry[key] for col, key in _FROM_ENTRY.items()
                if entry[key] is not None})
    return out
