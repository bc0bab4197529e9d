"""History of the index: ranks, changes, predicate transitions and distances to targets.

Every function takes and returns a tidy panel, one row per region and cycle (``tahun``,
``kode_wilayah``), built by :func:`inovlab.analysis.panel.build_panel` (re-exported here with
:func:`~inovlab.analysis.panel.coverage` and :func:`~inovlab.analysis.panel.missing_regions`)
from any ``hasil`` table: the published record (partial years), the demo panel or the
user's own file. The tables do not say where their data came from; the caller keeps that in
an :class:`inovlab.sources.provenance.Inputs` bundle and passes ``source=`` to reports.

Clusters are the three kinds of pemda (``jenis``: provinsi, kabupaten, kota), the groups
within which Kemendagri ranks and nominates regions for the Innovative Government Award
(``../shared/domain/iid_methodology.md``, section "Clusters and counts"). Ranks are
computed only among assessed regions with a known IID (:func:`inovlab.analysis.panel.ranked`),
by ``skor_iid`` descending, ties sharing the best rank (``min``), as in a competition ranking.

Typical use::

    panel = build_panel(hasil)            # + jenis, provinsi, dinilai; attrs["cakupan"]
    panel = add_ranks(panel)              # peringkat_klaster, peringkat_provinsi
    panel = changes(panel)                # perubahan_iid, perubahan_peringkat
    panel = distance_to_targets(panel)    # jarak_top_k, jarak_sangat_inovatif
    predicate_transitions(panel)          # counts from -> to per cycle pair
    trajectory(panel, "19.71")            # one region over the cycles
    coverage(panel); missing_regions(panel)   # what the data cover
    cluster_summary(panel); leaders(panel)    # distribution and top k per cluster
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.analysis.panel import (
    CLUSTER,
    KEYS,
    META_COLUMNS,
    NOT_ASSESSED,
    build_panel,
    coverage,
    missing_regions,
    ranked,
    sangat_inovatif_cutoffs,
)
from inovlab.errors import UsageError
from inovlab.rules.framework import PREDICATES

__all__ = ["build_panel", "coverage", "missing_regions", "add_ranks", "changes",
           "predicate_transitions", "distance_to_targets", "cluster_summary", "trajectory",
           "leaders", "KEYS", "CLUSTER", "META_COLUMNS", "NOT_ASSESSED"]


# -- ranks, changes, transitions, distances -------------------------------------------------
def add_ranks(panel: pd.DataFrame) -> pd.DataFrame:
    """Rank each assessed region within its cluster and within its province, per cycle.

    ``peringkat_klaster`` ranks by ``skor_iid`` descending within (``tahun``, ``jenis``);
    ``peringkat_provinsi`` within (``tahun``, ``provinsi``) among kabupaten and kota only
    (a province government is not ranked against its own kabupaten/kota). Ties share the
    best rank (``method="min"``: 1, 2, 2, 4). Regions not assessed, or without a known
    IID, get no rank (``<NA>``) and are not counted. Ranks are computed from the rows present, so with partial
    (published) years they are ranks *within the available data*; the published
    ``peringkat`` column, when given, is kept untouched.

    Returns
    -------
    DataFrame
        The panel plus ``peringkat_klaster``, ``n_klaster`` (ranked regions in the
        cluster-cycle), ``peringkat_provinsi`` and ``n_provinsi`` (Int64).

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": 2024, "kode_wilayah": ["a", "b", "c", "d"],
    ...                   "jenis": "kota", "provinsi": ["P", "P", "Q", "Q"],
    ...                   "skor_iid": [70.0, 50.0, 70.0, 0.0]})
    >>> r = add_ranks(p)
    >>> r["peringkat_klaster"].tolist(), r["peringkat_provinsi"].tolist()
    ([1, 3, 1, <NA>], [1, 2, 1, <NA>])
    """
    out = panel.copy()
    ok = ranked(out)
    score = pd.to_numeric(out["skor_iid"], errors="coerce").where(ok)
    groups = [out["tahun"], out[CLUSTER]]
    out["peringkat_klaster"] = score.groupby(groups).rank(ascending=False, method="min")
    out["n_klaster"] = ok.groupby(groups).transform("sum").where(ok)
    if "provinsi" in out:
        sub = out[CLUSTER].ne("provinsi")
        pscore = score.where(sub)
        pgroups = [out["tahun"], out["provinsi"]]
        out["peringkat_provinsi"] = pscore.groupby(pgroups).rank(ascending=False, method="min")
        out["n_provinsi"] = pscore.notna().groupby(pgroups).transform("sum").where(sub)
    else:
        out["peringkat_provinsi"] = np.nan
        out["n_provinsi"] = np.nan
    for col in ("peringkat_klaster", "n_klaster", "peringkat_provinsi", "n_provinsi"):
        out[col] = out[col].round().astype("Int64")
    return out


def changes(panel: pd.DataFrame) -> pd.DataFrame:
    """Change in IID, rank and predikat from each region's previous cycle in the panel.

    The previous cycle is the latest earlier ``tahun`` present for the same region (so a
    gap in partial data is bridged, and ``tahun_sebelumnya`` says which year was used)::

        perubahan_iid       = skor_iid(t) - skor_iid(t_prev)
        perubahan_peringkat = peringkat_klaster(t_prev) - peringkat_klaster(t)

    so a positive ``perubahan_peringkat`` means the region climbed. Ranks are added by
    :func:`add_ranks` when missing. Rank changes also reflect changes in who was assessed.

    Returns
    -------
    DataFrame
        The panel plus ``tahun_sebelumnya`` (Int64), ``skor_iid_sebelumnya``,
        ``perubahan_iid``, ``predikat_sebelumnya``, ``peringkat_klaster_sebelumnya``,
        ``perubahan_peringkat`` (Int64).

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": [2023, 2024, 2023, 2024], "kode_wilayah": ["a", "a", "b", "b"],
    ...                   "jenis": "kota", "skor_iid": [50.0, 60.0, 55.0, 58.0]})
    >>> c = changes(p)
    >>> c["perubahan_iid"].tolist()[1], c["perubahan_peringkat"].tolist()[1]
    (10.0, 1)
    """
    out = panel if "peringkat_klaster" in panel else add_ranks(panel)
    out = out.sort_values(KEYS).copy()
    if "predikat" not in out:
        out["predikat"] = ""
    grouped = out.groupby("kode_wilayah", sort=False)
    out["tahun_sebelumnya"] = grouped["tahun"].shift(1).astype("Int64")
    out["skor_iid_sebelumnya"] = grouped["skor_iid"].shift(1)
    out["perubahan_iid"] = out["skor_iid"] - out["skor_iid_sebelumnya"]
    out["predikat_sebelumnya"] = grouped["predikat"].shift(1)
    out["peringkat_klaster_sebelumnya"] = grouped["peringkat_klaster"].shift(1).astype("Int64")
    out["perubahan_peringkat"] = (out["peringkat_klaster_sebelumnya"]
                                  - out["peringkat_klaster"]).astype("Int64")
    return out.sort_index()


def predicate_transitions(panel: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counts of regions moving from one predikat to another between consecutive cycles.

    Pairs are (``tahun_sebelumnya`` -> ``tahun``) as defined in :func:`changes`; rows
    with an unknown predikat on either side are left out.

    Parameters
    ----------
    panel : DataFrame
        Output of :func:`build_panel` (or of :func:`changes`).
    by : str, optional
        An extra grouping column, e.g. ``"jenis"``.

    Returns
    -------
    DataFrame
        ``tahun_dari, tahun_ke, [by,] predikat_dari, predikat_ke, jumlah`` and
        ``proporsi`` (share of the regions in ``predikat_dari`` that moved to
        ``predikat_ke``), predicates ordered best first.

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": [2023, 2024, 2023, 2024], "kode_wilayah": ["a", "a", "b", "b"],
    ...                   "jenis": "kota", "skor_iid": [50.0, 70.0, 50.0, 55.0],
    ...                   "predikat": ["Inovatif", "Sangat Inovatif", "Inovatif", "Inovatif"]})
    >>> predicate_transitions(p)[["predikat_ke", "jumlah", "proporsi"]].values.tolist()
    [['Sangat Inovatif', 1, 0.5], ['Inovatif', 1, 0.5]]
    """
    c = panel if "predikat_sebelumnya" in panel else changes(panel)
    keep = c["tahun_sebelumnya"].notna() & c["predikat"].fillna("").ne("") \
        & c["predikat_sebelumnya"].fillna("").ne("")
    c = c[keep]
    cols = ["tahun_dari", "tahun_ke"] + ([by] if by else []) + ["predikat_dari", "predikat_ke"]
    t = pd.DataFrame({"tahun_dari": c["tahun_sebelumnya"].astype(int), "tahun_ke": c["tahun"],
                      "predikat_dari": c["predikat_sebelumnya"], "predikat_ke": c["predikat"]})
    if by:
        t[by] = c[by]
    out = t.groupby(cols, sort=False).size().rename("jumlah").reset_index()
    origin = [x for x in cols if x != "predikat_ke"]
    out["proporsi"] = out["jumlah"] / out.groupby(origin)["jumlah"].transform("sum")
    order = {p: i for i, p in enumerate(PREDICATES)}
    out["_d"] = out["predikat_dari"].map(order).fillna(len(order))
    out["_k"] = out["predikat_ke"].map(order).fillna(len(order))
    sort = ["tahun_dari", "tahun_ke"] + ([by] if by else []) + ["_d", "_k"]
    out = out.sort_values(sort, ignore_index=True).drop(columns=["_d", "_k"])
    return out[cols + ["jumlah", "proporsi"]]


def distance_to_targets(panel: pd.DataFrame, top_k: int = 10) -> pd.DataFrame:
    """Distance of each region's IID to its cluster's top-k cut-off and to Sangat Inovatif.

    ::

        batas_top_k            = k-th highest skor_iid among assessed regions of the
                                 same (tahun, jenis); NaN when fewer than k are assessed
        jarak_top_k            = batas_top_k - skor_iid
        batas_sangat_inovatif  = load_framework(tahun).cutoffs["Sangat Inovatif"]
        jarak_sangat_inovatif  = batas_sangat_inovatif - skor_iid

    A distance <= 0 means the target is reached (a tie at the k-th score is inside the
    top k, consistent with ``min`` ranks). Distances are IID points (0-100). The top-k
    cut-off uses the regions present in the panel: with partial data it is the cut-off
    of the available regions only.

    Returns
    -------
    DataFrame
        The panel plus ``batas_top_k``, ``jarak_top_k``, ``dalam_top_k`` (bool),
        ``batas_sangat_inovatif``, ``jarak_sangat_inovatif``.

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b", "c"], "jenis": "kota",
    ...                   "skor_iid": [80.0, 60.0, 40.0]})
    >>> d = distance_to_targets(p, top_k=2)
    >>> d["jarak_top_k"].tolist(), d["jarak_sangat_inovatif"].round(2).tolist()
    ([-20.0, 0.0, 20.0], [-14.99, 5.01, 25.01])
    """
    if top_k < 1:
        raise UsageError(f"top_k harus >= 1 (top_k must be >= 1), got {top_k}")
    out = panel.drop(columns=["batas_top_k", "jarak_top_k", "dalam_top_k",
                              "batas_sangat_inovatif", "jarak_sangat_inovatif"],
                     errors="ignore").copy()
    ok = ranked(out)
    score = pd.to_numeric(out["skor_iid"], errors="coerce")
    order = pd.DataFrame({"tahun": out["tahun"], CLUSTER: out[CLUSTER],
                          "skor": score})[ok].sort_values("skor", ascending=False)
    order["_pos"] = order.groupby(["tahun", CLUSTER]).cumcount()
    cut = order.loc[order["_pos"] == top_k - 1, ["tahun", CLUSTER, "skor"]]
    cut = cut.rename(columns={"skor": "batas_top_k"})
    idx = out.index
    out = out.merge(cut, on=["tahun", CLUSTER], how="left")
    out = out.merge(sangat_inovatif_cutoffs(out["tahun"]), on="tahun", how="left")
    out.index = idx
    out["jarak_top_k"] = out["batas_top_k"] - score
    out["dalam_top_k"] = (out["jarak_top_k"] <= 0) & ok
    out["jarak_sangat_inovatif"] = out["batas_sangat_inovatif"] - score
    return out


def cluster_summary(panel: pd.DataFrame, top_k: int = 10) -> pd.DataFrame:
    """Distribution of the IID per cycle and cluster, over assessed regions.

    Returns
    -------
    DataFrame
        One row per (``tahun``, ``jenis``): ``n_dinilai`` (regions with an IID that are
        assessed), ``rata_rata``, ``q1``,
        ``median``, ``q3``, ``maks``, ``batas_top_k`` (k-th highest IID, NaN if fewer
        than k), ``batas_sangat_inovatif`` and the count per predikat
        (``n_sangat_inovatif``, ``n_inovatif``, ``n_kurang_inovatif``,
        ``n_tidak_dapat_dinilai``, over all rows present).

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b", "c"], "jenis": "kota",
    ...                   "skor_iid": [80.0, 60.0, 40.0]})
    >>> s = cluster_summary(p, top_k=2)
    >>> float(s.loc[0, "median"]), float(s.loc[0, "batas_top_k"])
    (60.0, 60.0)
    """
    sub = panel[ranked(panel)]
    g = sub.groupby(["tahun", CLUSTER])["skor_iid"]
    out = pd.DataFrame({"n_dinilai": g.size(), "rata_rata": g.mean(), "q1": g.quantile(0.25),
                        "median": g.median(), "q3": g.quantile(0.75), "maks": g.max()})
    out = out.reset_index()
    cut = distance_to_targets(panel, top_k)[["tahun", CLUSTER, "batas_top_k",
                                             "batas_sangat_inovatif"]]
    out = out.merge(cut.drop_duplicates(["tahun", CLUSTER]), on=["tahun", CLUSTER], how="left")
    if "predikat" in panel:
        pred = panel.assign(_p=panel["predikat"].fillna(""))
        counts = pd.crosstab([pred["tahun"], pred[CLUSTER]], pred["_p"])
        for p in PREDICATES:
            col = "n_" + p.lower().replace(" ", "_")
            series = counts[p] if p in counts else pd.Series(0, index=counts.index)
            out = out.merge(series.rename(col).reset_index(), on=["tahun", CLUSTER],
                            how="left")
            out[col] = out[col].fillna(0).astype(int)
    return out.sort_values(["tahun", CLUSTER], ignore_index=True)


def trajectory(panel: pd.DataFrame, kode_wilayah: str) -> pd.DataFrame:
    """One region over the cycles: IID, predikat, rank, changes and distances to targets.

    Parameters
    ----------
    panel : DataFrame
        Output of :func:`build_panel` (ranks, changes and distances are added when absent).
    kode_wilayah : str
        The region's code; or its name as in the panel's ``nama_daerah``, else resolved
        with :func:`inovlab.io.regions.resolve_region`.

    Returns
    -------
    DataFrame
        One row per cycle present for the region, by ``tahun``: ``tahun, kode_wilayah,
        nama_daerah, jenis, skor_iid, predikat, peringkat_klaster, n_klaster,
        perubahan_iid, perubahan_peringkat, median_klaster, batas_top_k, jarak_top_k,
        batas_sangat_inovatif, jarak_sangat_inovatif`` (those available).

    Raises
    ------
    UsageError
        When the region is not in the panel.

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": [2023, 2024, 2023, 2024], "kode_wilayah": ["a", "a", "b", "b"],
    ...                   "jenis": "kota", "skor_iid": [50.0, 60.0, 55.0, 58.0]})
    >>> trajectory(p, "a")[["tahun", "peringkat_klaster", "perubahan_peringkat"]].values.tolist()
    [[2023, 2, <NA>], [2024, 1, 1]]
    """
    code = str(kode_wilayah).strip()
    if code not in set(panel["kode_wilayah"]) and "nama_daerah" in panel:
        named = panel.loc[panel["nama_daerah"].astype(str).str.lower() == code.lower(),
                          "kode_wilayah"].unique()
        code = named[0] if len(named) == 1 else code
    if code not in set(panel["kode_wilayah"]):
        from inovlab.io.regions import resolve_region

        code = resolve_region(code)[0]
        if code not in set(panel["kode_wilayah"]):
            raise UsageError(f"Daerah {kode_wilayah} tidak ada dalam panel "
                             f"(region not in the panel).")
    full = panel
    if "peringkat_klaster" not in full:
        full = add_ranks(full)
    if "perubahan_iid" not in full:
        full = changes(full)
    if "jarak_top_k" not in full:
        full = distance_to_targets(full)
    med = full[ranked(full)].groupby(["tahun", CLUSTER])["skor_iid"].median()
    full = full.merge(med.rename("median_klaster").reset_index(), on=["tahun", CLUSTER],
                      how="left")
    cols = ["tahun", "kode_wilayah", "nama_daerah", CLUSTER, "skor_iid", "predikat",
            "peringkat_klaster", "n_klaster", "perubahan_iid", "perubahan_peringkat",
            "median_klaster", "batas_top_k", "jarak_top_k", "batas_sangat_inovatif",
            "jarak_sangat_inovatif"]
    out = full.loc[full["kode_wilayah"] == code, [c for c in cols if c in full]]
    return out.sort_values("tahun", ignore_index=True)


def leaders(panel: pd.DataFrame, tahun: int | None = None, top_k: int = 10) -> pd.DataFrame:
    """The top ``k`` regions of each cluster in one cycle (ties at the k-th place included).

    Parameters
    ----------
    panel : DataFrame
        Output of :func:`build_panel` (ranks are added when absent).
    tahun : int, optional
        The cycle; default the latest in the panel.
    top_k : int
        How many per cluster.

    Returns
    -------
    DataFrame
        The panel rows with ``peringkat_klaster <= top_k``, sorted by ``jenis`` (provinsi,
        kabupaten, kota) and rank.

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b", "c"], "jenis": "kota",
    ...                   "skor_iid": [80.0, 60.0, 80.0]})
    >>> leaders(p, top_k=1)["kode_wilayah"].tolist()
    ['a', 'c']
    """
    full = panel if "peringkat_klaster" in panel else add_ranks(panel)
    year = int(full["tahun"].max()) if tahun is None else int(tahun)
    out = full[(full["tahun"] == year) & (full["peringkat_klaster"] <= top_k).fillna(False)]
    order = {"provinsi": 0, "kabupaten": 1, "kota": 2}
    out = out.assign(_j=out[CLUSTER].map(order)).sort_values(
        ["_j", "peringkat_klaster", "kode_wilayah"]).drop(columns="_j")
    return out.reset_index(drop=True)
