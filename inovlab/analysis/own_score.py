"""What makes up one pemda's own IID, from its own files only: the exact decomposition.

A Litbang office usually holds only its own ``inovasi`` (and ``spd``) files for the cycle;
no other pemda's indicators are public. The honest answer to "what is our score made of,
and where are the points" is then the exact decomposition of the city's own score by the
one formula (:mod:`inovlab.rules.formula`), with ``T`` the maximum total, ``d`` the divisor
floor, ``n`` the counted innovations and ``D = MAX(d, n)``::

    skor_iid = 100/T * ( sum_k w_k L_k                      SPD
                       + sum_i w_i sum_j L_ij / D           kematangan (SID 16-35)
                       + p MIN(n, cap) [urusan rule met] )  jumlah inovasi

The value of one step (``poin_satu_langkah``)::

    SPD k:           w_k * 100/T                  (when L_k < 3)
    SID i:           w_i / D * 100/T              one level on ONE counted innovation below
                                                  3 (``n_bisa_naik`` of them)
    jumlah_inovasi:  IID(S + mean, n + 1) - IID(S, n)   re-scored by the formula, the new
                     innovation at the city's mean kematangan, urusan coverage unchanged

Every number here comes from that formula: the parts and indicator points from
:mod:`inovlab.rules.decomposition`, and every "what if one more" by re-scoring with
:func:`inovlab.rules.formula.region_iid`. Nothing is compared with other pemda (that is
:mod:`inovlab.analysis.drivers`, which needs the indicator data of many pemda).

Examples
--------
>>> from inovlab.testing import example_tables
>>> inovasi, spd = example_tables()
>>> own = own_score(inovasi, spd, "19.71", 2026)
>>> round(own.skor_iid, 4), own.n_dihitung, own.pembagi
(3.8667, 2, 12)
>>> bool(abs(own.parts["poin_iid"].iloc[:3].sum() - own.skor_iid) < 1e-9)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from inovlab.analysis.readiness import check_opd, opd_key
from inovlab.i18n import check_lang, format_number, message
from inovlab.rules import formula
from inovlab.rules.decomposition import (
    JUMLAH,
    PART_JUMLAH,
    PART_SID,
    PART_SPD,
    decompose,
    find_region,
    indicator_catalogue,
    indicator_points,
    region_table,
)
from inovlab.rules.framework import Framework, load_framework
from inovlab.rules.scoring import level_matrix, score_innovations, spd_wide, urusan_position
from inovlab.sources.provenance import source_of

__all__ = ["OwnScore", "own_score", "PART_TOTAL"]

PART_TOTAL = "total"
"""``bagian`` of the total row of :attr:`OwnScore.parts`."""

_MESSAGES = {
    "part_spd": {"id": "SPD (satuan pemerintahan daerah)",
                 "en": "SPD (regional government unit)"},
    "part_kematangan": {"id": "Kematangan inovasi (SID)", "en": "Innovation maturity (SID)"},
    "part_jumlah_inovasi": {"id": "Jumlah inovasi", "en": "Number of innovations"},
    "part_total": {"id": "Total", "en": "Total"},
    "sentence": {"id": "Skor IID {iid} ({pred}) = SPD {spd} + kematangan {sid} + jumlah inovasi "
                       "{jml} poin; poin terbesar yang masih hilang: {lost} ({lost_pts} poin); "
                       "satu langkah paling bernilai: {best} (+{best_pts} poin).{spd_note}",
                 "en": "IID {iid} ({pred}) = SPD {spd} + maturity {sid} + number of innovations "
                       "{jml} points; most points still lost: {lost} ({lost_pts} points); most "
                       "valuable single step: {best} (+{best_pts} points).{spd_note}"},
    "spd_missing": {"id": " Data SPD tidak ada: bagian SPD dihitung 0.",
                    "en": " No SPD data: the SPD part counts as 0."},
    "saran_spd": {"id": "naikkan bukti SPD {code} ({name}) dari level {now} ke {next}",
                  "en": "raise the evidence of SPD {code} ({name}) from level {now} to {next}"},
    "saran_sid": {"id": "naikkan indikator {code} ({name}) satu level pada satu inovasi yang "
                        "dihitung ({k} inovasi masih di bawah level 3)",
                  "en": "raise indicator {code} ({name}) by one level on one counted "
                        "innovation ({k} innovations still below level 3)"},
    "saran_jumlah": {"id": "tambah satu inovasi tahap penerapan yang dihitung (kematangan "
                           "setara rata-rata {mean}): {n} → {n1}",
                     "en": "add one counted (implemented) innovation (maturity at the mean "
                           "{mean}): {n} → {n1}"},
    "saran_urusan": {"id": "; syarat urusan pelayanan dasar belum terpenuhi ({covered} dari "
                           "{need}): tanpa itu skor jumlah inovasi 0",
                     "en": "; the basic-service urusan rule is not met ({covered} of {need}): "
                           "without it the number-of-innovations score is 0"},
    "count_row": {"id": "{name} ({n} dari maks. {cap})", "en": "{name} ({n} of max. {cap})"},
    "no_region": {"id": "Data memuat {n} pemda; sebutkan satu daerah (kode atau nama).",
                  "en": "The data hold {n} pemda; name one region (code or name)."},
    "no_rows": {"id": "Tidak ada inovasi {region} pada siklus {cycle}.",
                "en": "No innovation of {region} in cycle {cycle}."},
}


def _m(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


@dataclass(frozen=True)
class OwnScore:
    """The exact decomposition of one pemda's IID (:func:`own_score`).

    Attributes
    ----------
    kode_wilayah, nama_daerah : str
    cycle : int
    parts : DataFrame
        ``bagian, nama_bagian, poin_iid, poin_maksimum, poin_hilang``: rows ``spd``,
        ``kematangan``, ``jumlah_inovasi`` and ``total`` (IID points, 0-100 scale).
    indicators : DataFrame
        ``indikator, nama_indikator, bagian, level_saat_ini, poin_saat_ini, poin_maksimum,
        poin_hilang, poin_satu_langkah, n_bisa_naik``, largest one-step gain first. The
        ``jumlah_inovasi`` row has no level: its ``level_saat_ini`` and ``n_bisa_naik`` are
        blank and its ``nama_indikator`` states the count and the cap.
    opd : DataFrame
        ``opd, diajukan, dihitung, target, kekurangan, poin_iid, poin_hilang,
        poin_kekurangan``, largest contribution first.
    skor_iid : float
    predikat : str
    n_dihitung : int
        Counted innovations ``n``.
    pembagi : int
        The divisor ``MAX(d, n)``.
    skor_spd_ada : bool
        False when no SPD levels were given (SPD points are then 0).
    sources : dict
        Source kind per table (``{"inovasi": "user", "spd": "user" or None}``).
    rata_kematangan_inovasi : float
        Plain mean kematangan of the counted innovations (0 without any).
    urusan_tercakup : int
        Distinct basic-service urusan among the counted innovations.
    syarat_urusan_terpenuhi : bool
    urusan_minimum : int
    lang : str
    """

    kode_wilayah: str
    nama_daerah: str
    cycle: int
    parts: pd.DataFrame
    indicators: pd.DataFrame
    opd: pd.DataFrame
    skor_iid: float
    predikat: str
    n_dihitung: int
    pembagi: int
    skor_spd_ada: bool
    sources: dict
    rata_kematangan_inovasi: float
    urusan_tercakup: int
    syarat_urusan_terpenuhi: bool
    urusan_minimum: int
    lang: str = "id"

    def sentence(self, lang: str | None = None) -> str:
        """One plain sentence: the parts, the largest loss and the most valuable step.

        Examples
        --------
        >>> from inovlab.testing import example_tables
        >>> own = own_score(*example_tables(), "19.71", 2026)
        >>> own.sentence().startswith("Skor IID 3,87 (Kurang Inovatif) = SPD 2,80")
        True
        """
        lang = check_lang(lang or self.lang)
        pts = self.parts.set_index("bagian")["poin_iid"]
        parts = self.parts[self.parts["bagian"] != PART_TOTAL]
        lost = parts.loc[parts["poin_hilang"].idxmax()]
        best = self.indicators.iloc[0]
        num = lambda v: format_number(v, 2, lang)  # noqa: E731
        return _m("sentence", lang, iid=num(self.skor_iid), pred=self.predikat or "–",
                  spd=num(pts[PART_SPD]), sid=num(pts[PART_SID]), jml=num(pts[PART_JUMLAH]),
                  lost=_m(f"part_{lost['bagian']}", lang), lost_pts=num(lost["poin_hilang"]),
                  best=best["nama_indikator"], best_pts=num(best["poin_satu_langkah"]),
                  spd_note="" if self.skor_spd_ada else _m("spd_missing", lang))

    def priorities(self, top: int | None = 10, costs=None, lang: str | None = None,
                   outlook=None) -> pd.DataFrame:
        """Reachable steps ranked by the IID points they win (per unit of cost with costs).

        Only steps that exist this cycle: levels below 3 (``n_bisa_naik > 0``), innovations
        below the cycle's cap; with a cost table, steps that cannot change this cycle
        (``dapat_diubah`` false) are left out.

        Parameters
        ----------
        top : int or None
            Rows to return (None: every indicator that can still gain).
        costs : DataFrame, path or True, optional
            The planner's cost table (:func:`inovlab.analysis.planner.load_costs`; ``True``:
            the bundled ``biaya_default.csv``, in person-days). Then the ranking is by
            ``poin_per_biaya`` (IID points per person-day).
        outlook : rank_model.Outlook, optional
            The run's rank model; adds ``tambahan_p_top_k`` (the change in P(top k) one step
            brings, same draws) with its Monte Carlo error ``galat_tambahan_p_top_k``.

        Returns
        -------
        DataFrame
            ``peringkat_prioritas, kode_wilayah, nama_daerah, indikator, nama_indikator,
            bagian, level_saat_ini, poin_satu_langkah, n_bisa_naik, poin_hilang, saran``
            (plus ``biaya_per_langkah, poin_per_biaya`` with costs and the P(top k) columns
            with an outlook).

        Examples
        --------
        >>> from inovlab.testing import example_tables
        >>> own = own_score(*example_tables(), "19.71", 2026)
        >>> p = own.priorities(top=3)
        >>> p["peringkat_prioritas"].tolist(), bool(p["poin_satu_langkah"].is_monotonic_decreasing)
        ([1, 2, 3], True)
        >>> bool((own.priorities(top=None)["n_bisa_naik"] > 0).all())
        True
        """
        lang = check_lang(lang or self.lang)
        # the jumlah row has no n_bisa_naik: its gain is 0 once n reaches the cap
        can_raise = self.indicators["n_bisa_naik"].gt(0).fillna(True).astype(bool)
        out = self.indicators[(self.indicators["poin_satu_langkah"] > 0) & can_raise].copy()
        order = ["poin_satu_langkah", "poin_hilang"]
        if costs is not None:
            out = _with_costs(out, costs, self.indicators.set_index("indikator")[
                "level_saat_ini"].astype(float))
            order = ["poin_per_biaya", "poin_satu_langkah"]
        out = out.sort_values(order, ascending=False, ignore_index=True, kind="stable")
        if outlook is not None:
            delta, se = outlook.chance_gain(out["poin_satu_langkah"])
            out["tambahan_p_top_k"], out["galat_tambahan_p_top_k"] = delta, se
        out["saran"] = [_suggestion(r, self, lang) for r in out.to_dict("records")]
        out = out.drop(columns=["poin_saat_ini", "poin_maksimum"])
        if top is not None:
            out = out.head(top)
        out.insert(0, "peringkat_prioritas", np.arange(1, len(out) + 1))
        out.insert(1, "kode_wilayah", self.kode_wilayah)
        out.insert(2, "nama_daerah", self.nama_daerah)
        return out.reset_index(drop=True)


def _with_costs(table: pd.DataFrame, costs, levels: pd.Series) -> pd.DataFrame:
    """Join the planner's cost per step.

    One more innovation costs what the planner charges for it: ``inovasi_baru`` plus its
    evidence at the city's mean level on every SID indicator (``levels``: mean level per
    indicator code), at the cost table's price per level step.
    """
    from inovlab.analysis.planner import NEW, load_costs

    if not isinstance(costs, pd.DataFrame) or "biaya_per_langkah" not in costs:
        costs = load_costs(None if costs is True else costs)
    price = costs["biaya_per_langkah"].astype(float)
    sid = levels[levels.index.str.startswith("ind_")]
    new = price.get(NEW, np.nan) + float((sid * price.reindex(sid.index).fillna(0.0)).sum())
    key = table["indikator"].where(table["indikator"] != JUMLAH, NEW)
    cost = key.map(price.drop(NEW, errors="ignore")).astype(float)
    cost[key.eq(NEW).to_numpy()] = new
    changeable = key.map(costs["dapat_diubah"]).fillna(True).astype(bool)
    out = table.assign(biaya_per_langkah=cost.to_numpy())
    with np.errstate(divide="ignore", invalid="ignore"):
        out["poin_per_biaya"] = out["poin_satu_langkah"] / out["biaya_per_langkah"]
    return out[changeable.to_numpy() & out["poin_per_biaya"].notna().to_numpy()]


def _suggestion(row: dict, own: OwnScore, lang: str) -> str:
    """What to do for one priority row (one row per indicator, not per data row)."""
    code, name = row["indikator"].split("_", 1)[-1], row["nama_indikator"]
    now = row["level_saat_ini"]
    if row["indikator"] == JUMLAH:
        text = _m("saran_jumlah", lang, mean=format_number(own.rata_kematangan_inovasi, 1, lang),
                  n=own.n_dihitung, n1=own.n_dihitung + 1)
        if not own.syarat_urusan_terpenuhi:
            text += _m("saran_urusan", lang, covered=own.urusan_tercakup,
                       need=own.urusan_minimum)
        return text
    if row["bagian"] == PART_SPD:
        return _m("saran_spd", lang, code=code, name=name, now=int(now), next=int(now) + 1)
    return _m("saran_sid", lang, code=code, name=name, k=int(row["n_bisa_naik"]))


# -- selecting the region -----------------------------------------------------------------
def _region_rows(inovasi: pd.DataFrame, region_code, cycle: int, lang: str):
    """``(kode_wilayah, nama_daerah, the region's innovations of the cycle)``."""
    from inovlab.errors import UsageError

    inv = inovasi[inovasi["tahun"].astype(int) == int(cycle)]
    names = inv[[c for c in ("kode_wilayah", "nama_daerah") if c in inv]].assign(
        kode_wilayah=inv["kode_wilayah"].astype(str)).drop_duplicates("kode_wilayah")
    if region_code is None:
        if len(names) != 1:
            raise UsageError(_m("no_region", lang, n=len(names)))
        pos = 0
    else:
        if not len(names):
            raise UsageError(_m("no_rows", lang, region=region_code, cycle=cycle))
        pos = find_region(names.reset_index(drop=True), str(region_code))
    code = str(names["kode_wilayah"].iloc[pos])
    name = str(names["nama_daerah"].iloc[pos]) if "nama_daerah" in names else code
    return code, name, inv[inv["kode_wilayah"].astype(str) == code]


def _region_spd(spd: pd.DataFrame | None, code: str, cycle: int) -> pd.DataFrame | None:
    """The region's SPD levels of the cycle (wide), or None when none were given."""
    if spd is None or not len(spd):
        return None
    wide = spd_wide(spd)
    wide = wide[(wide["tahun"].astype(int) == int(cycle))
                & (wide["kode_wilayah"].astype(str) == code)]
    return wide if len(wide) else None


def _sources(source) -> dict:
    """Source kind per table from a kind, a ``{table: kind}`` mapping or an Inputs bundle."""
    if isinstance(source, str):
        kind = source_of(source)
        return {"inovasi": kind, "spd": kind}
    if isinstance(source, dict):
        return {k: source_of(v) for k, v in source.items()}
    return dict(source.sources)


# -- the tables ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Terms:
    """The formula's inputs for the region, to re-score "what if" with ``region_iid``."""

    spd: float
    total: float        # S, summed kematangan of counted innovations
    n: int
    covered: int
    fw: Framework

    @property
    def divisor(self) -> int:
        return int(formula.divisor(self.n, self.fw))

    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else 0.0

    def iid(self, extra_n=0, extra_total=0.0) -> np.ndarray:
        """IID with ``extra_n`` more counted innovations of summed kematangan ``extra_total``
        (urusan coverage unchanged)."""
        extra_n = np.asarray(extra_n, dtype=float)
        return formula.region_iid(self.spd, self.total + np.asarray(extra_total, float),
                                  self.n + extra_n, self.covered, self.fw)


def _parts(table: pd.DataFrame, fw: Framework, lang: str) -> pd.DataFrame:
    """Points per part (``decompose``) beside each part's maximum, plus the total row."""
    dec = decompose(table, fw, by="part").iloc[0]
    scale = 100.0 / fw.total_max
    bagian = [PART_SPD, PART_SID, PART_JUMLAH]
    points = [dec["poin_spd"], dec["poin_kematangan"], dec["poin_jumlah_inovasi"]]
    maxima = [fw.spd_max * scale, fw.kematangan_max * scale, fw.jumlah_max * scale]
    out = pd.DataFrame({"bagian": bagian + [PART_TOTAL],
                        "poin_iid": np.append(points, dec["skor_iid"]).astype(float),
                        "poin_maksimum": np.append(maxima, sum(maxima)).astype(float)})
    out.insert(1, "nama_bagian", [_m(f"part_{b}", lang) for b in out["bagian"]])
    out["poin_hilang"] = out["poin_maksimum"] - out["poin_iid"]
    return out


def _indicators(table: pd.DataFrame, counted: pd.DataFrame, terms: _Terms,
                lang: str) -> pd.DataFrame:
    """One row per indicator: level, points now, maximum, lost, gain of one step."""
    fw = terms.fw
    scale = 100.0 / fw.total_max
    cat = indicator_catalogue(fw, lang)
    row = table.iloc[0]
    level = np.append(row[fw.spd_columns + fw.sid_columns].to_numpy(float), terms.n)
    spd_up = (level[:len(fw.spd_columns)] < 3).astype(int)
    sid_up = (level_matrix(counted, fw.sid_columns) < 3).sum(axis=0)
    jumlah_up = max(fw.jumlah_cap - terms.n, 0)
    jumlah_gain = float(terms.iid(1, terms.mean)[()] - terms.iid()[()])
    gain = np.concatenate([fw.spd_weight_array * scale * spd_up,
                           fw.sid_weight_array * scale / terms.divisor * (sid_up > 0),
                           [max(jumlah_gain, 0.0) if jumlah_up else 0.0]])
    out = cat[["indikator", "nama_indikator", "bagian"]].copy()
    out["level_saat_ini"] = level
    out["poin_saat_ini"] = indicator_points(table, fw).iloc[0].reindex(out["indikator"]) \
        .to_numpy(float)
    out["poin_maksimum"] = cat["poin_maksimum"].to_numpy(float)
    out["poin_hilang"] = (out["poin_maksimum"] - out["poin_saat_ini"]).clip(lower=0)
    out["poin_satu_langkah"] = gain
    out["n_bisa_naik"] = pd.array(np.concatenate([spd_up, sid_up, [jumlah_up]]), dtype="Int64")
    out = _count_row_in_words(out, terms, lang)
    return out.sort_values(["poin_satu_langkah", "poin_hilang"], ascending=False,
                           ignore_index=True, kind="stable")


def _count_row_in_words(out: pd.DataFrame, terms: _Terms, lang: str) -> pd.DataFrame:
    """The ``jumlah_inovasi`` row has no level and no innovation to raise: its
    ``level_saat_ini`` and ``n_bisa_naik`` are blank and its name states the count ``n``
    and the cap up to which more innovations add points."""
    row = (out["indikator"] == JUMLAH).to_numpy()
    out.loc[row, "level_saat_ini"] = np.nan
    out.loc[row, "n_bisa_naik"] = pd.NA
    out.loc[row, "nama_indikator"] = [
        _m("count_row", lang, name=name, n=terms.n, cap=terms.fw.jumlah_cap)
        for name in out.loc[row, "nama_indikator"]]
    return out


def _opd_table(scored: pd.DataFrame, terms: _Terms, jumlah_points: float,
               target_per_opd: int, opd_list) -> pd.DataFrame:
    """Per OPD: counts (``check_opd``), contribution, points lost, value of the shortfall.

    ``poin_iid = sum_j k_j / D * 100/T + poin_jumlah * dihitung / n`` (its counted
    innovations' kematangan and its proportional share of the jumlah term; the rows sum to
    the kematangan + jumlah points). ``poin_hilang = (dihitung * K - sum_j k_j) / D * 100/T
    + (diajukan - dihitung) * K / D * 100/T`` with ``K`` the maximum kematangan (uncounted
    innovations lose all of it). ``poin_kekurangan``: exact IID change when the shortfall is
    filled with counted innovations at the city's mean kematangan (re-scored).
    """
    fw = terms.fw
    scale = 100.0 / fw.total_max
    checked = scored.assign(masalah=scored["alasan"].fillna(""))
    opd = check_opd(checked, opd_list, target_per_opd)
    k = scored["skor_kematangan"].where(scored["dihitung"].to_numpy(bool), 0.0)
    k_sum = k.groupby(opd_key(scored["opd"]).to_numpy()).sum()
    k_opd = opd_key(opd["opd"]).map(k_sum).fillna(0.0).to_numpy(float)
    share = opd["dihitung"].to_numpy(float) / terms.n if terms.n else 0.0
    out = opd[["opd", "diajukan", "dihitung", "target", "kekurangan"]].copy()
    out["poin_iid"] = k_opd / terms.divisor * scale + jumlah_points * share
    lost = (out["dihitung"] * fw.kematangan_max - k_opd
            + (out["diajukan"] - out["dihitung"]) * fw.kematangan_max)
    out["poin_hilang"] = lost.to_numpy(float) / terms.divisor * scale
    short = out["kekurangan"].to_numpy(float)
    out["poin_kekurangan"] = terms.iid(short, short * terms.mean) - terms.iid()
    return out.sort_values(["poin_iid", "opd"], ascending=[False, True], ignore_index=True)


def _formula_terms(scored: pd.DataFrame, spd_score: float, fw: Framework) -> _Terms:
    """``S``, ``n`` and the urusan coverage of the counted innovations (formula helpers)."""
    counted = scored["dihitung"].to_numpy(bool)
    covered = 0
    if "urusan" in scored and len(scored):
        covered = int(formula.basic_urusan_covered(
            urusan_position(scored["urusan"], fw), np.zeros(len(scored), dtype=np.int64), 1,
            len(fw.basic_service_urusan), counted)[0])
    total = float(scored["skor_kematangan"].to_numpy(float)[counted].sum())
    return _Terms(spd=spd_score, total=total, n=int(counted.sum()), covered=covered, fw=fw)


def own_score(inovasi: pd.DataFrame, spd: pd.DataFrame | None, region_code: str | None,
              cycle: int, framework: Framework | None = None, *, target_per_opd: int = 2,
              lang: str = "id", source="user", opd_list=None) -> OwnScore:
    """Exact decomposition of one pemda's IID from its own ``inovasi`` and ``spd`` files.

    Parts and indicator points are :func:`inovlab.rules.decomposition.decompose` and
    :func:`~inovlab.rules.decomposition.indicator_points` of the region's row of
    :func:`~inovlab.rules.decomposition.region_table`, so they sum to its ``skor_iid``; the
    value of one step is given in the module docstring.

    Parameters
    ----------
    inovasi : DataFrame
        Canonical ``inovasi`` table (:func:`inovlab.io.validation.load_table`); rows of
        other cycles or pemda are ignored.
    spd : DataFrame or None
        The pemda's SPD levels (long or wide). None or no row of the region: SPD points are
        0 and ``skor_spd_ada`` is False.
    region_code : str or None
        Code or name of the pemda; None when the data hold exactly one.
    cycle : int
    framework : Framework, optional
        Default ``load_framework(cycle)``.
    target_per_opd : int
        Counted innovations each OPD should deliver (a local rule; see
        :func:`inovlab.analysis.readiness.check_opd`).
    lang : {"id", "en"}
    source : str, mapping or Inputs
        Data-source kind (``"user"``, ``"demo"``) or an Inputs bundle; kept in ``sources``.
    opd_list : list of str or DataFrame, optional
        OPDs expected to submit (those without innovations get a row).

    Returns
    -------
    OwnScore

    Raises
    ------
    UsageError
        No innovation of the region in the cycle, or several pemda and no ``region_code``.

    Examples
    --------
    >>> from inovlab.testing import example_tables
    >>> inovasi, spd = example_tables()
    >>> own = own_score(inovasi, None, "19.71", 2026)
    >>> own.skor_spd_ada, float(own.parts.set_index("bagian").loc["spd", "poin_iid"])
    (False, 0.0)
    """
    lang = check_lang(lang)
    fw = framework or load_framework(int(cycle))
    code, name, inv = _region_rows(inovasi, region_code, cycle, lang)
    spd_r = _region_spd(spd, code, cycle)
    spd_use = spd_r if spd_r is not None else pd.DataFrame(
        {"tahun": [int(cycle)], "kode_wilayah": [code]})
    table = region_table(inv, spd_use, cycle, fw)
    table = table[table["kode_wilayah"].astype(str) == code].reset_index(drop=True)
    if pd.notna(table["nama_daerah"].iloc[0]):
        name = str(table["nama_daerah"].iloc[0])
    scored = score_innovations(inv.reset_index(drop=True), fw)
    missing_opd = "(OPD tidak diisi)" if lang == "id" else "(OPD not given)"
    scored["opd"] = (scored["opd"] if "opd" in scored else pd.Series(
        np.nan, index=scored.index, dtype=object)).fillna(missing_opd)
    terms = _formula_terms(scored, float(table["skor_spd"].iloc[0]), fw)
    parts = _parts(table, fw, lang)
    jumlah_points = float(parts.set_index("bagian").loc[PART_JUMLAH, "poin_iid"])
    sources = _sources(source)
    if spd_r is None:
        sources["spd"] = None
    return OwnScore(
        kode_wilayah=code, nama_daerah=name, cycle=int(cycle), parts=parts,
        indicators=_indicators(table, scored[scored["dihitung"].to_numpy(bool)], terms, lang),
        opd=_opd_table(scored, terms, jumlah_points, target_per_opd, opd_list),
        skor_iid=float(table["skor_iid"].iloc[0]), predikat=str(table["predikat"].iloc[0]),
        n_dihitung=terms.n, pembagi=terms.divisor, skor_spd_ada=spd_r is not None,
        sources=sources, rata_kematangan_inovasi=terms.mean, urusan_tercakup=terms.covered,
        syarat_urusan_terpenuhi=bool(formula.urusan_rule_met(terms.covered, fw)),
        urusan_minimum=int(fw.urusan_min), lang=lang)
