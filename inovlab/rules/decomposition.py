"""Exact decomposition of each region's IID into parts and into points per indicator.

The IID is linear in the evidence levels once the counted innovations are fixed
(methodology §3.3)::

    skor_iid = 100 / T * ( sum_k w_k L_k                                  SPD, k = 1..15
                         + sum_i w_i * sum_j L_ij / MAX(d, n)             SID, i = 16..35
                         + p * MIN(n, cap) * [urusan rule met] )          jumlah inovasi

with ``T`` the maximum total score, ``d`` the divisor floor, ``n`` the counted innovations
and ``sum_j L_ij = n * mean_i`` (``mean_i`` the mean level of indicator ``i`` over the
counted innovations). Each term is an indicator's *IID points*; the points sum exactly to
``skor_iid``. Grouped, they give the three parts of methodology §9: SPD, the averaged
kematangan (``rata_kematangan``) and the number-of-innovations term.

:func:`region_table` builds the region-level indicator table every analysis in
:mod:`inovlab.analysis.drivers` starts from; :func:`indicator_points` and :func:`decompose` split
the IID; :func:`points_available` lists what one region can still gain per indicator.

Examples
--------
>>> from inovlab.testing import example_tables
>>> inovasi, spd = example_tables()
>>> table = region_table(inovasi, spd, 2026)
>>> parts = decompose(table)
>>> bool(np.allclose(parts[["poin_spd", "poin_kematangan", "poin_jumlah_inovasi"]].sum(axis=1),
...                  parts["skor_iid"]))
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.rules.framework import Framework, load_framework
from inovlab.rules.scoring import level_matrix, score_innovations, score_regions, spd_wide

KEYS = ["tahun", "kode_wilayah"]
JUMLAH = "jumlah_inovasi"
"""Name of the number-of-innovations term among the indicators."""

PART_SPD, PART_SID, PART_JUMLAH = "spd", "kematangan", "jumlah_inovasi"


def framework_of(table: pd.DataFrame, framework: Framework | None = None) -> Framework:
    """``framework`` when given, else the framework of the one cycle (``tahun``) in ``table``.

    Examples
    --------
    >>> framework_of(pd.DataFrame({"tahun": [2023, 2023]})).cycle
    2023
    """
    if framework is not None:
        return framework
    if "tahun" not in table or table["tahun"].nunique() != 1:
        raise ValueError("table must hold exactly one cycle (tahun) or pass framework=")
    return load_framework(int(table["tahun"].iloc[0]))


def region_table(inovasi: pd.DataFrame, spd: pd.DataFrame, cycle: int,
                 framework: Framework | None = None, hasil: pd.DataFrame | None = None,
                 regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Region-level indicator table of one cycle: levels, counts and the engine's scores.

    Parameters
    ----------
    inovasi : DataFrame
        Canonical ``inovasi`` table (``tahun, kode_wilayah, tahapan, ind_16..ind_35`` ...).
    spd : DataFrame
        SPD levels, wide (``spd_<code>``) or long (``indikator, level``).
    cycle : int
        The cycle; rows of other years are ignored.
    framework : Framework, optional
        Rules (default: ``load_framework(cycle)``).
    hasil : DataFrame, optional
        A ``hasil`` table; its ``skor_iid`` is kept as ``skor_iid_hasil`` (e.g. the published
        score, for :func:`inovlab.analysis.drivers.recover_weights`) and its ``jenis`` used if present.
    regions : DataFrame, optional
        Region reference with ``kode_wilayah, jenis`` (default
        :func:`inovlab.io.regions.load_regions`).

    Returns
    -------
    DataFrame
        One row per region: ``tahun, kode_wilayah, nama_daerah, jenis``, the SPD levels
        ``spd_<code>`` (0-3), the *mean* SID levels ``ind_<code>`` over counted innovations
        (0 when none), ``n_inovasi_dihitung``, ``syarat_urusan_terpenuhi`` and the engine's
        ``skor_spd, rata_kematangan, skor_jumlah_inovasi, skor_total, skor_iid, predikat,
        keyakinan_aturan`` (:func:`inovlab.rules.scoring.score_regions`). Where the
        inputs came from is not carried here: keep it in an
        :class:`inovlab.sources.provenance.Inputs` bundle.

    Examples
    --------
    >>> from inovlab.testing import example_tables
    >>> inovasi, spd = example_tables()
    >>> t = region_table(inovasi, spd, 2026)
    >>> t[["kode_wilayah", "n_inovasi_dihitung", "ind_35"]].values.tolist()
    [['19.71', 2, 2.5], ['19.72', 1, 1.0]]
    """
    fw = framework or load_framework(cycle)
    inv = inovasi[inovasi["tahun"].astype(int) == int(cycle)]
    wide = spd_wide(spd)
    wide = wide[wide["tahun"].astype(int) == int(cycle)]
    scored = score_innovations(inv, fw)
    scores = score_regions(scored, wide, fw)
    keep = ["skor_spd", "n_inovasi_dihitung", "syarat_urusan_terpenuhi", "rata_kematangan",
            "skor_jumlah_inovasi", "skor_total", "skor_iid", "predikat", "keyakinan_aturan"]
    out = scores[KEYS + [c for c in ["nama_daerah"] if c in scores] + keep].copy()
    out["kode_wilayah"] = out["kode_wilayah"].astype(str)
    spd_levels, sid_means = _region_levels(scored, wide, fw)
    codes = out["kode_wilayah"]
    out = pd.concat([out.reset_index(drop=True),
                     spd_levels.reindex(codes).fillna(0.0).reset_index(drop=True),
                     sid_means.reindex(codes).fillna(0.0).reset_index(drop=True)], axis=1)
    out = _with_region_meta(out, regions)
    if hasil is not None:
        out = _with_hasil(out, hasil, cycle)
    front = KEYS + ["nama_daerah", "jenis"]
    return out[[c for c in front if c in out] + [c for c in out if c not in front]]


def _region_levels(scored: pd.DataFrame, wide: pd.DataFrame,
                   fw: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """SPD levels and mean SID levels over counted innovations, indexed by ``kode_wilayah``."""
    counted = scored[scored["dihitung"].to_numpy(bool)]
    means = pd.DataFrame(level_matrix(counted, fw.sid_columns), columns=fw.sid_columns)
    means["kode_wilayah"] = counted["kode_wilayah"].astype(str).to_numpy()
    spd_levels = pd.DataFrame(level_matrix(wide, fw.spd_columns), columns=fw.spd_columns)
    spd_levels["kode_wilayah"] = wide["kode_wilayah"].astype(str).to_numpy()
    return spd_levels.groupby("kode_wilayah").max(), means.groupby("kode_wilayah").mean()


def _with_region_meta(out: pd.DataFrame, regions: pd.DataFrame | None) -> pd.DataFrame:
    """Join ``jenis`` (and ``nama_daerah`` when missing) from the region reference."""
    if regions is None:
        from inovlab.io.regions import load_regions

        regions = load_regions()
    ref = regions[["kode_wilayah", "nama_daerah", "jenis"]].drop_duplicates("kode_wilayah")
    ref = ref.assign(kode_wilayah=ref["kode_wilayah"].astype(str))
    if "nama_daerah" in out:
        ref = ref.drop(columns="nama_daerah")
    return out.merge(ref, on="kode_wilayah", how="left")


def _with_hasil(out: pd.DataFrame, hasil: pd.DataFrame, cycle: int) -> pd.DataFrame:
    """Keep the ``hasil`` IID as ``skor_iid_hasil``; fill ``jenis`` from it."""
    h = hasil[hasil["tahun"].astype(int) == int(cycle)].copy()
    h["kode_wilayah"] = h["kode_wilayah"].astype(str)
    h = h.drop_duplicates("kode_wilayah").set_index("kode_wilayah")
    if "skor_iid" in h:
        out["skor_iid_hasil"] = out["kode_wilayah"].map(h["skor_iid"]).astype(float)
    if "jenis" in h:
        out["jenis"] = out["jenis"].fillna(out["kode_wilayah"].map(h["jenis"]))
    return out


def point_values(table: pd.DataFrame, framework: Framework | None = None) -> pd.DataFrame:
    """IID points that one level step of each indicator is worth, per region.

    SPD: ``w_k * 100 / T``. SID (one step on *every* counted innovation):
    ``w_i * n / MAX(d, n) * 100 / T``. ``jumlah_inovasi`` (one more counted innovation,
    below the cap, urusan rule met): ``p * 100 / T``.

    Returns
    -------
    DataFrame
        Same rows as ``table``; one column per indicator (``spd_*``, ``ind_*``,
        ``jumlah_inovasi``).
    """
    fw = framework_of(table, framework)
    scale = 100.0 / fw.total_max
    n = table["n_inovasi_dihitung"].to_numpy(float)
    share = np.divide(n, np.maximum(fw.divisor_floor, n))
    cols = {c: np.full(len(table), w * scale) for c, w in zip(fw.spd_columns, fw.spd_weights,
                                                               strict=True)}
    for c, w in zip(fw.sid_columns, fw.sid_weights, strict=True):
        cols[c] = w * share * scale
    ok = table.get("syarat_urusan_terpenuhi", pd.Series(True, index=table.index))
    cols[JUMLAH] = fw.jumlah_points * scale * ok.to_numpy(bool) * (n < fw.jumlah_cap)
    return pd.DataFrame(cols, index=table.index)


def indicator_points(table: pd.DataFrame, framework: Framework | None = None) -> pd.DataFrame:
    """IID points of every indicator per region (they sum to ``skor_iid``).

    Formula (``T`` maximum total, ``d`` divisor floor, ``n`` counted innovations)::

        SPD k:   w_k * L_k * 100 / T
        SID i:   w_i * mean_i * n / MAX(d, n) * 100 / T  (= w_i sum_j L_ij / MAX(d, n) ...)
        jumlah:  skor_jumlah_inovasi * 100 / T

    Parameters
    ----------
    table : DataFrame
        Output of :func:`region_table`.

    Returns
    -------
    DataFrame
        Same index as ``table``; columns ``spd_*``, ``ind_*``, ``jumlah_inovasi``.

    Examples
    --------
    >>> from inovlab.testing import example_tables
    >>> inovasi, spd = example_tables()
    >>> t = region_table(inovasi, spd, 2026)
    >>> bool(np.allclose(indicator_points(t).sum(axis=1), t["skor_iid"]))
    True
    """
    fw = framework_of(table, framework)
    values = point_values(table, fw)
    levels = table[fw.spd_columns + fw.sid_columns].to_numpy(float)
    out = pd.DataFrame(levels * values[fw.spd_columns + fw.sid_columns].to_numpy(),
                       columns=fw.spd_columns + fw.sid_columns, index=table.index)
    out[JUMLAH] = table["skor_jumlah_inovasi"].to_numpy(float) * 100.0 / fw.total_max
    return out


def indicator_catalogue(framework: Framework, lang: str = "id") -> pd.DataFrame:
    """Indicator names, parts and nominal weights, one row per column of the region table.

    ``bobot_nominal`` is the indicator's maximum IID points divided by the sum of all
    maxima (SPD and SID ``3 w``, jumlah ``p * cap``; at ``n >= d``), i.e. its normalised
    nominal weight.

    Returns
    -------
    DataFrame
        ``indikator, kode, bagian, variabel, nama_indikator, bobot, poin_maksimum,
        bobot_nominal``.

    Examples
    --------
    >>> c = indicator_catalogue(load_framework(2026))
    >>> round(float(c["bobot_nominal"].sum()), 6), c.iloc[-1]["indikator"]
    (1.0, 'jumlah_inovasi')
    """
    fw = framework
    ind = fw.indicators.copy()
    name = "name_id" if lang == "id" else "name_en"
    ind["indikator"] = np.where(ind["unit"] == "spd", "spd_", "ind_") + ind["code"].astype(str)
    ind["bagian"] = np.where(ind["unit"] == "spd", PART_SPD, PART_SID)
    ind = ind.set_index("indikator").loc[fw.spd_columns + fw.sid_columns].reset_index()
    scale = 100.0 / fw.total_max
    out = pd.DataFrame({
        "indikator": ind["indikator"], "kode": ind["code"].astype(str), "bagian": ind["bagian"],
        "variabel": ind["variable"].map(fw.variable_names(lang)), "nama_indikator": ind[name],
        "bobot": ind["weight"].astype(float), "poin_maksimum": 3 * ind["weight"] * scale})
    jumlah = pd.DataFrame([{
        "indikator": JUMLAH, "kode": JUMLAH, "bagian": PART_JUMLAH, "variabel": "",
        "nama_indikator": ("jumlah inovasi yang dihitung" if lang == "id"
                           else "number of counted innovations"),
        "bobot": fw.jumlah_points, "poin_maksimum": fw.jumlah_max * scale}])
    out = pd.concat([out, jumlah], ignore_index=True)
    out["bobot_nominal"] = out["poin_maksimum"] / out["poin_maksimum"].sum()
    return out


def decompose(table: pd.DataFrame, framework: Framework | None = None,
              by: str = "part") -> pd.DataFrame:
    """Exact decomposition of each region's IID.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`region_table`.
    framework : Framework, optional
    by : {"part", "indicator"}
        ``"part"``: one row per region, wide, with ``poin_spd = skor_spd * 100/T``,
        ``poin_kematangan = rata_kematangan * 100/T`` and ``poin_jumlah_inovasi =
        skor_jumlah_inovasi * 100/T``; ``indicator``: long, one row per region and indicator
        (:func:`indicator_points`).

    Returns
    -------
    DataFrame
        ``by="part"``: ``tahun, kode_wilayah, nama_daerah, jenis, poin_spd,
        poin_kematangan, poin_jumlah_inovasi, skor_iid``. ``by="indicator"``: ``tahun,
        kode_wilayah, nama_daerah, jenis, indikator, bagian, poin_iid`` (sum per region =
        ``skor_iid``).

    Examples
    --------
    >>> from inovlab.testing import example_tables
    >>> inovasi, spd = example_tables()
    >>> long = decompose(region_table(inovasi, spd, 2026), by="indicator")
    >>> sorted(long["bagian"].unique().tolist())
    ['jumlah_inovasi', 'kematangan', 'spd']
    """
    fw = framework_of(table, framework)
    ids = [c for c in KEYS + ["nama_daerah", "jenis"] if c in table]
    scale = 100.0 / fw.total_max
    if by == "part":
        out = table[ids].copy()
        out["poin_spd"] = table["skor_spd"].to_numpy(float) * scale
        out["poin_kematangan"] = table["rata_kematangan"].to_numpy(float) * scale
        out["poin_jumlah_inovasi"] = table["skor_jumlah_inovasi"].to_numpy(float) * scale
        out["skor_iid"] = table["skor_iid"].to_numpy(float)
        return out
    if by != "indicator":
        raise ValueError("by must be 'part' or 'indicator'")
    points = indicator_points(table, fw)
    long = pd.concat([table[ids], points], axis=1).melt(
        id_vars=ids, var_name="indikator", value_name="poin_iid")
    part = {c: PART_SPD for c in fw.spd_columns} | {c: PART_SID for c in fw.sid_columns}
    long.insert(len(ids) + 1, "bagian", long["indikator"].map(part).fillna(PART_JUMLAH))
    return long


def find_region(table: pd.DataFrame, region: str) -> int:
    """Row position of ``region`` (code, official name or everyday spelling) in ``table``.

    Raises
    ------
    UsageError
        When the region is not in the table (the message says so in Indonesian).
    """
    from inovlab.errors import UsageError

    text = str(region).strip()
    codes = table["kode_wilayah"].astype(str).to_numpy()
    hit = np.flatnonzero(codes == text)
    if not len(hit) and "nama_daerah" in table:
        names = table["nama_daerah"].astype(str).str.lower().to_numpy()
        hit = np.flatnonzero(names == text.lower())
    if not len(hit):
        from inovlab.io.regions import resolve_region

        kode, _ = resolve_region(text)
        hit = np.flatnonzero(codes == kode)
    if not len(hit):
        raise UsageError(f"Daerah '{text}' tidak ada dalam data siklus ini. "
                         f"(Region '{text}' is not in this cycle's data.)")
    return int(hit[0])


def points_available(table: pd.DataFrame, region: str, framework: Framework | None = None,
                     lang: str = "id") -> pd.DataFrame:
    """IID points one region can still gain per indicator, everything else unchanged.

    SPD: ``w_k (3 - L_k) 100/T``. SID: ``w_i (3 - mean_i) n / MAX(d, n) 100/T`` (all counted
    innovations raised to level 3; below the divisor floor only ``n/d`` of it counts, which
    is why adding innovations also helps). ``jumlah_inovasi``: ``p (cap - MIN(n, cap))
    100/T`` when the urusan rule is met (0 otherwise: meet the rule first); adding
    innovations also changes ``MAX(d, n)``, which this row ignores.

    Returns
    -------
    DataFrame
        ``indikator, nama_indikator, bagian, level_saat_ini, poin_saat_ini, poin_maksimum,
        poin_iid_tersedia``, largest available first.

    Examples
    --------
    >>> from inovlab.testing import example_tables
    >>> inovasi, spd = example_tables()
    >>> t = region_table(inovasi, spd, 2026)
    >>> pa = points_available(t, "19.71")
    >>> bool((pa["poin_iid_tersedia"] >= 0).all())
    True
    """
    fw = framework_of(table, framework)
    row = find_region(table, region)
    one = table.iloc[[row]]
    values = point_values(one, fw).iloc[0]
    points = indicator_points(one, fw).iloc[0]
    cat = indicator_catalogue(fw, lang).set_index("indikator")
    n = float(one["n_inovasi_dihitung"].iloc[0])
    cols = fw.spd_columns + fw.sid_columns
    level = one[cols].iloc[0].astype(float).to_dict()
    level[JUMLAH] = n
    avail = {c: (3 - level[c]) * values[c] for c in cols}
    ok = bool(one.get("syarat_urusan_terpenuhi", pd.Series([True])).iloc[0])
    avail[JUMLAH] = (fw.jumlah_points * (fw.jumlah_cap - min(n, fw.jumlah_cap))
                     * 100.0 / fw.total_max * ok)
    out = pd.DataFrame({"indikator": cols + [JUMLAH]})
    out["nama_indikator"] = out["indikator"].map(cat["nama_indikator"])
    out["bagian"] = out["indikator"].map(cat["bagian"])
    out["level_saat_ini"] = out["indikator"].map(level)
    out["poin_saat_ini"] = out["indikator"].map(points)
    out["poin_iid_tersedia"] = out["indikator"].map(avail).clip(lower=0)
    out["poin_maksimum"] = out["poin_saat_ini"] + out["poin_iid_tersedia"]
    out = out[["indikator", "nama_indikator", "bagian", "level_saat_ini", "poin_saat_ini",
               "poin_maksimum", "poin_iid_tersedia"]]
    out.attrs["kode_wilayah"] = str(one["kode_wilayah"].iloc[0])
    return out.sort_values("poin_iid_tersedia", ascending=False, ignore_index=True)
