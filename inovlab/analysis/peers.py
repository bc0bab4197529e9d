"""Peer groups of a region and its strengths and weaknesses against them.

Four ways to choose peers, each returning a table of regions (``kode_wilayah,
nama_daerah, jenis, provinsi, penduduk, luas_km2``, without the region itself, and
``attrs["kelompok"]`` naming the rule):

- :func:`same_cluster`: every region of the same ``jenis`` (provinsi, kabupaten, kota);
- :func:`same_province`: the kabupaten and kota of the same province;
- :func:`most_similar`: the ``k`` regions of the same ``jenis`` nearest in log population
  and log area (standardised);
- :func:`custom`: a list of names or codes, resolved through :mod:`inovlab.io.regions`.

:func:`compare_to_peers` then sets a region's indicator points beside the peer median,
per indicator and per variable, and labels each ``kekuatan`` (strength) or ``kelemahan``
(weakness), with the gap converted to IID points. :func:`indicator_levels` builds its input
from ``spd`` and ``inovasi`` tables; :func:`peer_table` places the region among its peers
on the published scores.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.errors import UsageError
from inovlab.rules.framework import Framework, load_framework
from inovlab.rules.scoring import level_matrix, score_innovations, spd_wide

REGION_COLUMNS = ["kode_wilayah", "nama_daerah", "jenis", "provinsi", "penduduk", "luas_km2"]

POSITION_LABELS = {
    "kekuatan": {"id": "kekuatan", "en": "strength"},
    "kelemahan": {"id": "kelemahan", "en": "weakness"},
    "setara": {"id": "setara", "en": "on par"},
}


# -- helpers ----------------------------------------------------------------------------
def _reference(regions: pd.DataFrame | None) -> pd.DataFrame:
    if regions is None:
        from inovlab.io.regions import load_regions

        regions = load_regions()
    out = regions.copy()
    out["kode_wilayah"] = out["kode_wilayah"].astype(str).str.strip()
    return out


def _code(kode_wilayah, ref: pd.DataFrame) -> str:
    """The code of a region given as a code or a name."""
    text = str(kode_wilayah).strip()
    if text in set(ref["kode_wilayah"]):
        return text
    exact = ref.loc[ref["nama_daerah"].str.lower() == text.lower(), "kode_wilayah"]
    if len(exact) == 1:
        return exact.iloc[0]
    from inovlab.io.regions import resolve_region

    code = resolve_region(text)[0]
    if code not in set(ref["kode_wilayah"]):
        raise UsageError(f"Daerah {text} tidak ada dalam referensi (region not in reference).")
    return code


def _peer_frame(ref: pd.DataFrame, mask, rule: str, code: str) -> pd.DataFrame:
    mask = np.asarray(mask, dtype=bool) & (ref["kode_wilayah"] != code).to_numpy()
    cols = [c for c in REGION_COLUMNS if c in ref]
    out = ref.loc[mask, cols].sort_values("kode_wilayah", ignore_index=True)
    out.attrs = {"kelompok": rule, "kode_wilayah": code}
    return out


def _codes_of(peers) -> list[str]:
    if isinstance(peers, pd.DataFrame):
        peers = peers["kode_wilayah"]
    return [str(p).strip() for p in peers]


# -- peer sets ------------------------------------------------------------------------------
def same_cluster(kode_wilayah: str, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """All other regions of the same cluster (``jenis``).

    Parameters
    ----------
    kode_wilayah : str
        Code (``"19.71"``) or name of the region.
    regions : DataFrame, optional
        Region reference (default :func:`inovlab.io.regions.load_regions`).

    Returns
    -------
    DataFrame
        ``kode_wilayah, nama_daerah, jenis, provinsi, penduduk, luas_km2`` (those in the
        reference), sorted by code; ``attrs["kelompok"] = "same_cluster"``.

    Examples
    --------
    >>> ref = pd.DataFrame({"kode_wilayah": ["1.71", "1.72", "1.01"],
    ...                     "nama_daerah": ["Kota A", "Kota B", "Kab C"],
    ...                     "jenis": ["kota", "kota", "kabupaten"]})
    >>> same_cluster("1.71", ref)["kode_wilayah"].tolist()
    ['1.72']
    """
    ref = _reference(regions)
    code = _code(kode_wilayah, ref)
    jenis = ref.set_index("kode_wilayah").at[code, "jenis"]
    return _peer_frame(ref, ref["jenis"] == jenis, "same_cluster", code)


def same_province(kode_wilayah: str, regions: pd.DataFrame | None = None,
                  same_jenis: bool = False) -> pd.DataFrame:
    """The other kabupaten and kota of the region's province.

    A province government has no peers of this kind (an empty table is returned): it is
    compared with other provinces through :func:`same_cluster` or :func:`most_similar`.

    Parameters
    ----------
    same_jenis : bool
        Keep only regions of the same ``jenis`` (kabupaten with kabupaten).

    Returns
    -------
    DataFrame
        As :func:`same_cluster`; ``attrs["kelompok"] = "same_province"``.

    Examples
    --------
    >>> ref = pd.DataFrame({"kode_wilayah": ["1", "1.01", "1.71", "2.01"],
    ...                     "nama_daerah": ["P", "Kab A", "Kota B", "Kab C"],
    ...                     "jenis": ["provinsi", "kabupaten", "kota", "kabupaten"],
    ...                     "provinsi": ["P", "P", "P", "Q"]})
    >>> same_province("1.01", ref)["kode_wilayah"].tolist()
    ['1.71']
    """
    ref = _reference(regions)
    code = _code(kode_wilayah, ref)
    me = ref.set_index("kode_wilayah").loc[code]
    if me["jenis"] == "provinsi":
        return _peer_frame(ref, np.zeros(len(ref), bool), "same_province", code)
    mask = (ref["provinsi"] == me["provinsi"]) & (ref["jenis"] != "provinsi")
    if same_jenis:
        mask &= ref["jenis"] == me["jenis"]
    return _peer_frame(ref, mask, "same_province", code)


def most_similar(kode_wilayah: str, k: int = 10, by=("penduduk", "luas_km2"),
                 regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``k`` regions of the same cluster most similar in size.

    Each variable in ``by`` is log-transformed and standardised within the cluster, and
    regions are ordered by Euclidean distance to the region::

        z_v(r)  = (log x_v(r) - mean_c log x_v) / sd_c log x_v       (sd over the cluster)
        jarak   = sqrt( sum_v (z_v(r) - z_v(region))^2 )

    Logs because population and area are strongly right-skewed (a city of 100,000 is
    closer to one of 200,000 than 1,100,000 to 1,200,000); standardising gives each
    variable equal say. Regions with a missing or non-positive value are left out. Ties in
    distance are broken by code.

    Parameters
    ----------
    kode_wilayah : str
        Code or name of the region.
    k : int
        Number of peers.
    by : sequence of str
        Numeric columns of the reference (default population and area).

    Returns
    -------
    DataFrame
        As :func:`same_cluster` plus ``jarak``, sorted by ``jarak`` (nearest first);
        ``attrs["kelompok"] = "most_similar"``.

    Examples
    --------
    >>> ref = pd.DataFrame({"kode_wilayah": ["a", "b", "c", "d"], "nama_daerah": list("ABCD"),
    ...                     "jenis": "kota", "penduduk": [100, 110, 1000, 10000],
    ...                     "luas_km2": [10.0, 11.0, 10.0, 100.0]})
    >>> most_similar("a", k=2, regions=ref)["kode_wilayah"].tolist()
    ['b', 'c']
    """
    if k < 1:
        raise UsageError(f"k harus >= 1 (k must be >= 1), got {k}")
    ref = _reference(regions)
    code = _code(kode_wilayah, ref)
    by = list(by)
    missing = [c for c in by if c not in ref]
    if missing:
        raise UsageError(f"regions: kolom {', '.join(missing)} tidak ada (missing columns)")
    jenis = ref.set_index("kode_wilayah").at[code, "jenis"]
    cluster = ref[ref["jenis"] == jenis].copy()
    x = cluster[by].apply(pd.to_numeric, errors="coerce").astype(float)
    logs = np.log(x.where(x > 0))
    sd = logs.std(ddof=0).replace(0, 1.0)
    z = (logs - logs.mean()) / sd
    me = z[cluster["kode_wilayah"] == code].iloc[0]
    if me.isna().any():
        raise UsageError(f"Daerah {code}: nilai {', '.join(by)} tidak lengkap "
                         f"(incomplete size data for the region).")
    cluster["jarak"] = np.sqrt(((z - me) ** 2).sum(axis=1, min_count=len(by)))
    cluster = cluster[cluster["jarak"].notna() & (cluster["kode_wilayah"] != code)]
    cluster = cluster.sort_values(["jarak", "kode_wilayah"]).head(k)
    cols = [c for c in REGION_COLUMNS if c in cluster] + ["jarak"]
    out = cluster[cols].reset_index(drop=True)
    out.attrs = {"kelompok": "most_similar", "kode_wilayah": code, "by": tuple(by)}
    return out


def custom(names, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """A peer group from a list of names or codes, in the order given.

    Names are matched to the reference's codes and official names first, then resolved
    with :func:`inovlab.io.regions.resolve_region` (``Kab. Buton``, ``Pangkalpinang``...);
    an unknown or ambiguous name raises :class:`~inovlab.errors.UsageError` naming the
    closest official names. Duplicates are dropped.

    Returns
    -------
    DataFrame
        As :func:`same_cluster`; ``attrs["kelompok"] = "custom"``.

    Examples
    --------
    >>> ref = pd.DataFrame({"kode_wilayah": ["a", "b"], "nama_daerah": ["Kota A", "Kota B"],
    ...                     "jenis": "kota"})
    >>> custom(["Kota B", "a"], ref)["kode_wilayah"].tolist()
    ['b', 'a']
    """
    ref = _reference(regions)
    codes = list(dict.fromkeys(_code(n, ref) for n in names))
    cols = [c for c in REGION_COLUMNS if c in ref]
    out = ref.set_index("kode_wilayah").loc[codes].reset_index()[cols]
    out.attrs = {"kelompok": "custom"}
    return out


# -- indicator levels and the comparison ---------------------------------------------------
def indicator_levels(spd: pd.DataFrame | None = None, inovasi: pd.DataFrame | None = None,
                     framework: Framework | None = None) -> pd.DataFrame:
    """Per region-year indicator levels: SPD levels and mean SID levels of counted innovations.

    ::

        spd_<k>   = level of SPD indicator k (blank = 0)
        ind_<i>   = (1/n) sum_{j counted} level_ij       (NaN when n = 0)
        n_inovasi_dihitung = n, the counted innovations

    Innovations are scored with :func:`inovlab.rules.scoring.score_innovations` unless the table
    already has ``dihitung``.

    Parameters
    ----------
    spd : DataFrame, optional
        SPD levels, long or wide (data contract).
    inovasi : DataFrame, optional
        Innovations with ``ind_16 .. ind_35`` (and ``tahapan`` etc. to decide counting).
    framework : Framework, optional
        Restricts to its cycle and uses its rules; default: each row's ``tahun``.

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, n_inovasi_dihitung, spd_<code>..., ind_<code>...``. The
        source of the inputs is not carried: keep it in an
        :class:`inovlab.sources.provenance.Inputs` bundle.

    Examples
    --------
    >>> inn = pd.DataFrame({"tahun": 2026, "kode_wilayah": "a", "dihitung": [True, True, False],
    ...                     "ind_16": [3, 1, 3]})
    >>> lv = indicator_levels(inovasi=inn)
    >>> int(lv.loc[0, "n_inovasi_dihitung"]), float(lv.loc[0, "ind_16"])
    (2, 2.0)
    """
    keys = ["tahun", "kode_wilayah"]
    if framework is not None:
        # Only the framework's cycle: do not score other years with its rules.
        if spd is not None and "tahun" in spd:
            spd = spd[pd.to_numeric(spd["tahun"], errors="coerce") == framework.cycle]
        if inovasi is not None and "tahun" in inovasi:
            inovasi = inovasi[pd.to_numeric(inovasi["tahun"], errors="coerce")
                              == framework.cycle]
    parts = []
    if spd is not None:
        wide = spd_wide(spd)
        spd_cols = [c for c in wide.columns if str(c).startswith("spd_")]
        wide[spd_cols] = wide[spd_cols].apply(pd.to_numeric, errors="coerce").fillna(0.0)
        parts.append(wide)
    if inovasi is not None:
        inn = inovasi if "dihitung" in inovasi else score_innovations(inovasi, framework)
        sid_cols = [c for c in inn.columns if str(c).startswith("ind_")]
        counted = inn["dihitung"].to_numpy(dtype=bool)
        levels = pd.DataFrame(level_matrix(inn, sid_cols), columns=sid_cols, index=inn.index)
        base = inn[keys].copy()
        base["n_inovasi_dihitung"] = counted.astype(int)
        sums = levels.mul(counted.astype(float), axis=0)
        agg = pd.concat([base, sums], axis=1).groupby(keys).sum()
        n = agg["n_inovasi_dihitung"]
        means = agg[sid_cols].div(n.where(n > 0), axis=0)
        parts.append(pd.concat([n, means], axis=1).reset_index())
    if not parts:
        raise UsageError("indicator_levels: beri spd dan/atau inovasi (give spd and/or inovasi)")
    out = parts[0]
    for part in parts[1:]:
        out = out.merge(part, on=keys, how="outer")
    if "n_inovasi_dihitung" in out:
        out["n_inovasi_dihitung"] = out["n_inovasi_dihitung"].fillna(0).astype(int)
    if framework is not None:
        out = out[out["tahun"] == framework.cycle]
    first = keys + (["n_inovasi_dihitung"] if "n_inovasi_dihitung" in out else [])
    out = out[first + [c for c in out.columns if c not in first]]
    out = out.sort_values(keys, ignore_index=True)
    out.attrs = {}
    return out


def _position(gap: pd.Series, tol: float, lang: str) -> pd.Series:
    labels = {k: v[lang] for k, v in POSITION_LABELS.items()}
    out = np.select([gap > tol, gap < -tol, gap.notna()],
                    [labels["kekuatan"], labels["kelemahan"], labels["setara"]], default="")
    return pd.Series(out, index=gap.index, dtype=object)


def _stats(own: pd.Series, peers: pd.DataFrame, quantiles) -> pd.DataFrame:
    """Columns of ``peers`` (regions x items) summarised against ``own`` (items)."""
    below = peers.lt(own, axis=1).sum()
    equal = peers.eq(own, axis=1).sum()
    n = peers.notna().sum()
    return pd.DataFrame({
        "nilai_daerah": own,
        "median_pembanding": peers.median(),
        "q_bawah": peers.quantile(quantiles[0]),
        "q_atas": peers.quantile(quantiles[1]),
        "n_pembanding": n,
        "persentil": (100 * (below + 0.5 * equal) / n.where(n > 0)).where(own.notna()),
    })


def _cycle_values(values: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Rows of the framework's cycle, one per region, indexed by ``kode_wilayah``."""
    vals = values[values["tahun"] == fw.cycle] if "tahun" in values else values
    vals = vals.assign(kode_wilayah=vals["kode_wilayah"].astype(str).str.strip())
    return vals.drop_duplicates("kode_wilayah").set_index("kode_wilayah")


def _levels(vals: pd.DataFrame, ind: pd.DataFrame) -> pd.DataFrame:
    """Levels per region (rows) and indicator column (``kolom``); a given SPD blank is 0."""
    levels = vals.reindex(columns=ind["kolom"]).apply(pd.to_numeric, errors="coerce")
    levels = levels.astype(float)
    spd_cols = ind.loc[ind["unit"] == "spd", "kolom"]
    present_spd = [c for c in spd_cols if c in vals.columns]
    levels[present_spd] = levels[present_spd].fillna(0.0)
    return levels


def _to_iid(vals: pd.DataFrame, code: str, fw: Framework) -> dict[str, float]:
    """IID points per skor_total point, per unit, for this region."""
    if "n_inovasi_dihitung" in vals:
        n = float(pd.to_numeric(vals.at[code, "n_inovasi_dihitung"], errors="coerce"))
        sid_factor = n / max(fw.divisor_floor, n) if n > 0 else 0.0
    else:
        sid_factor = 1.0
    return {"spd": 100 / fw.total_max, "sid": sid_factor * 100 / fw.total_max}


def _indicator_rows(levels, ind, code, peer_codes, quantiles, lang) -> pd.DataFrame:
    """One row per indicator: the region's level against the peers', and the points."""
    rows = _stats(levels.loc[code], levels.loc[peer_codes], quantiles)
    rows.index.name = "kolom"
    rows = rows.reset_index().merge(ind, on="kolom")
    rows["poin_daerah"] = rows["weight"] * rows["nilai_daerah"]
    rows["poin_pembanding"] = rows["weight"] * rows["median_pembanding"]
    rows["tingkat"] = "indikator"
    rows["indikator"] = rows["code"]
    rows["bobot"] = rows["weight"]
    rows["nama"] = rows["name_id" if lang == "id" else "name_en"]
    return rows


def _variable_rows(levels, ind, code, peer_codes, quantiles) -> pd.DataFrame:
    """One row per variable: points summed per region, then the region against the peers."""
    weights = ind.set_index("kolom")["weight"]
    points = levels.mul(weights, axis=1)
    groups = ind.set_index("kolom")[["unit", "variable"]]
    var_keys = pd.MultiIndex.from_frame(groups.loc[points.columns])
    by_var = points.T.set_axis(var_keys).groupby(level=[0, 1], sort=False).sum(min_count=1).T
    vstats = _stats(by_var.loc[code], by_var.loc[peer_codes], quantiles).reset_index()
    vstats = vstats.rename(columns={"level_0": "unit", "level_1": "variable"})
    vweights = ind.groupby(["unit", "variable"], sort=False)["weight"].sum().rename("bobot")
    vstats = vstats.merge(vweights.reset_index(), on=["unit", "variable"])
    vstats["poin_daerah"] = vstats["nilai_daerah"]
    vstats["poin_pembanding"] = vstats["median_pembanding"]
    vstats["tingkat"] = "variabel"
    vstats["indikator"] = ""
    vstats["nama"] = vstats["variable"]
    return vstats


def compare_to_peers(values: pd.DataFrame, kode_wilayah: str, peers, framework,
                     lang: str = "id", quantiles=(0.25, 0.75),
                     tol: float = 1e-9) -> pd.DataFrame:
    """Strengths and weaknesses of a region against its peers, per indicator and variable.

    Indicator points are ``weight x level``: the SPD level for SPD indicators, the region's
    mean level over its counted innovations for SID indicators (see
    :func:`indicator_levels`). For each indicator ``i``::

        poin_daerah      = w_i * level_i(region)
        poin_pembanding  = w_i * median_{p in peers} level_i(p)
        selisih_poin     = poin_daerah - poin_pembanding
        selisih_iid      = selisih_poin * 100 / total_max                  (SPD)
        selisih_iid      = selisih_poin * n / max(d, n) * 100 / total_max  (SID)

    with ``n`` the region's counted innovations and ``d`` the cycle's divisor floor: the
    SID term of the IID is ``sum_j kematangan_j / max(d, n)``, so raising the mean level of
    indicator ``i`` over the region's ``n`` innovations by ``delta`` adds
    ``w_i * delta * n / max(d, n)`` to ``skor_total``. ``selisih_iid`` is therefore the
    IID change the region would see by matching (or falling to) the peer median on that
    indicator alone. Per variable, points are summed over the variable's indicators for
    each region and the region's sum is compared with the peers' median sum (the median of
    sums, not the sum of medians).

    ``posisi`` is ``kekuatan`` when ``selisih_poin > tol``, ``kelemahan`` when
    ``< -tol``, else ``setara``; empty when the region has no value (e.g. no counted
    innovation for SID). Peers without a value on an item are left out of that item.

    Parameters
    ----------
    values : DataFrame
        Output of :func:`indicator_levels` (``kode_wilayah``, ``spd_<code>``,
        ``ind_<code>``, ``n_inovasi_dihitung``; rows of other cycles are ignored when
        ``tahun`` is present). Without ``n_inovasi_dihitung``, ``n >= d`` is assumed.
    kode_wilayah : str
        The region.
    peers : DataFrame or sequence of str
        A peer table (``kode_wilayah`` column) or codes; the region itself is ignored.
    framework : Framework or int
        The cycle's rules (weights, variables, ``total_max``, divisor floor).
    lang : {"id", "en"}
        Language of ``nama`` and ``posisi``.
    quantiles : (float, float)
        Lower and upper peer quantiles reported.

    Returns
    -------
    DataFrame
        ``tingkat`` (``indikator`` or ``variabel``), ``unit`` (spd/sid), ``variabel``,
        ``indikator`` (code; empty for variable rows), ``nama``, ``bobot``,
        ``nilai_daerah``, ``median_pembanding``, ``q_bawah``, ``q_atas`` (levels for
        indicator rows, points for variable rows), ``n_pembanding``, ``persentil``
        (0-100, share of peers below plus half the ties), ``poin_daerah``,
        ``poin_pembanding``, ``selisih_poin``, ``selisih_iid``, ``posisi``; indicator rows
        first, each block sorted by ``selisih_iid`` (largest strength first).

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> vals = pd.DataFrame({"kode_wilayah": ["a", "b", "c"], "spd_1": [3, 1, 1],
    ...                      "spd_12": [0, 2, 2], "n_inovasi_dihitung": 20})
    >>> out = compare_to_peers(vals, "a", ["b", "c"], fw)
    >>> out.set_index("indikator").loc[["1", "12"], "posisi"].tolist()
    ['kekuatan', 'kelemahan']
    """
    fw = framework if isinstance(framework, Framework) else load_framework(int(framework))
    if lang not in POSITION_LABELS["kekuatan"]:
        raise ValueError(f"lang must be 'id' or 'en', got {lang!r}")
    vals = _cycle_values(values, fw)
    code = str(kode_wilayah).strip()
    if code not in vals.index:
        raise UsageError(f"Daerah {code} tidak ada dalam data siklus {fw.cycle} "
                         f"(region not in the data for cycle {fw.cycle}).")
    peer_codes = [c for c in dict.fromkeys(_codes_of(peers)) if c != code and c in vals.index]
    ind = fw.indicators[["code", "unit", "name_id", "name_en", "variable", "weight"]].copy()
    ind["kolom"] = np.where(ind["unit"] == "spd", "spd_", "ind_") + ind["code"]
    levels = _levels(vals, ind)
    rows = _indicator_rows(levels, ind, code, peer_codes, quantiles, lang)
    vstats = _variable_rows(levels, ind, code, peer_codes, quantiles)
    out = pd.concat([rows, vstats], ignore_index=True)
    out["variabel"] = out["variable"].map(fw.variable_names(lang))
    out.loc[out["tingkat"] == "variabel", "nama"] = out["variabel"]
    out["selisih_poin"] = out["poin_daerah"] - out["poin_pembanding"]
    out["selisih_iid"] = out["selisih_poin"] * out["unit"].map(_to_iid(vals, code, fw))
    out["posisi"] = _position(out["selisih_poin"], tol, lang)
    out["_t"] = (out["tingkat"] == "variabel").astype(int)
    out = out.sort_values(["_t", "selisih_iid"], ascending=[True, False], ignore_index=True,
                          na_position="last")
    cols = ["tingkat", "unit", "variabel", "indikator", "nama", "bobot", "nilai_daerah",
            "median_pembanding", "q_bawah", "q_atas", "n_pembanding", "persentil",
            "poin_daerah", "poin_pembanding", "selisih_poin", "selisih_iid", "posisi"]
    out = out[cols]
    out["n_pembanding"] = out["n_pembanding"].astype(int)
    out.attrs = {"kode_wilayah": code, "tahun": fw.cycle, "n_pembanding": len(peer_codes)}
    return out


def peer_table(panel: pd.DataFrame, kode_wilayah: str, peers, tahun: int | None = None,
               score: str = "skor_iid") -> pd.DataFrame:
    """The region and its peers in one cycle, ranked among themselves.

    Parameters
    ----------
    panel : DataFrame
        A panel from :func:`inovlab.analysis.history.build_panel` (or any ``hasil`` with
        ``tahun, kode_wilayah`` and ``score``).
    tahun : int, optional
        The cycle (default: the latest cycle in which the region appears).
    score : str
        Column to rank on (``skor_iid`` by default).

    Returns
    -------
    DataFrame
        The panel rows of the region and its peers for that cycle, sorted by ``score``
        descending, plus ``peringkat_pembanding`` (rank within the group, ties ``min``;
        rows without a score unranked) and ``daerah_ini`` (True for the region).

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b", "c"],
    ...                   "skor_iid": [50.0, 70.0, 40.0]})
    >>> t = peer_table(p, "a", ["b", "c"])
    >>> t[["kode_wilayah", "peringkat_pembanding", "daerah_ini"]].values.tolist()
    [['b', 1, False], ['a', 2, True], ['c', 3, False]]
    """
    code = str(kode_wilayah).strip()
    mine = panel[panel["kode_wilayah"] == code]
    if mine.empty:
        raise UsageError(f"Daerah {code} tidak ada dalam panel (region not in the panel).")
    year = int(mine["tahun"].max()) if tahun is None else int(tahun)
    group = [code] + [c for c in _codes_of(peers) if c != code]
    out = panel[(panel["tahun"] == year) & panel["kode_wilayah"].isin(group)].copy()
    out["peringkat_pembanding"] = out[score].rank(ascending=False, method="min").astype("Int64")
    out["daerah_ini"] = out["kode_wilayah"] == code
    out = out.sort_values([score, "kode_wilayah"], ascending=[False, True], ignore_index=True,
                          na_position="last")
    out.attrs = {}
    return out
