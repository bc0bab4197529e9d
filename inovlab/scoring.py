"""The IID arithmetic: per innovation, per region, and the break-even of one more innovation.

The formula (confirmed for 2023 by the BSKDN socialisation slides; parameters per cycle from
:mod:`inovlab.framework`)::

    skor_kematangan_j = sum_i weight_i * level_ij                 (SID indicators 16-35)
    skor_spd          = sum_k weight_k * level_k                  (SPD indicators 1-15)
    rata_kematangan   = sum_{j counted} skor_kematangan_j / MAX(d, n)
    skor_jumlah       = p * MIN(n, cap)   if enough basic-service urusan are covered, else 0
    skor_total        = skor_spd + rata_kematangan + skor_jumlah
    skor_iid          = skor_total / total_max * 100

with ``n`` the counted (``dihitung``) innovations, ``d`` the cycle's divisor floor. Note that
``rata_kematangan`` is the formula's averaged term (divided by ``MAX(d, n)``), so
``skor_total = skor_spd + rata_kematangan + skor_jumlah_inovasi`` holds row by row; the plain
mean over counted innovations is ``kematangan_per_inovasi``.

Everything is vectorised: a matrix product for the levels and one ``groupby`` per table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.framework import Framework, load_framework

RULE_OF_THUMB = 70.0
"""The house minimum many cities use; no official basis (methodology section 5)."""

REGION_KEYS = ["tahun", "kode_wilayah"]

# Rules each output depends on; their weakest confidence travels with the result.
_REGION_RULES = ("spd_max", "kematangan_max", "total_max", "divisor_floor",
                 "jumlah_points_per_innovation", "jumlah_cap_innovations", "jumlah_urusan_min",
                 "cutoff_sangat_inovatif", "cutoff_inovatif", "counted_stage")


def _frameworks(tahun: pd.Series, framework: Framework | None) -> dict[int, Framework]:
    if framework is not None:
        return {int(y): framework for y in pd.unique(tahun)}
    return {int(y): load_framework(int(y)) for y in pd.unique(tahun)}


def level_matrix(table: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Evidence levels as a float matrix (rows x indicators); blank counts as level 0.

    Examples
    --------
    >>> level_matrix(pd.DataFrame({"a": [1, None], "b": [3, 2]}), ["a", "b"]).tolist()
    [[1.0, 3.0], [0.0, 2.0]]
    """
    present = [c for c in columns if c in table.columns]
    out = np.zeros((len(table), len(columns)), dtype=float)
    if present:
        idx = [columns.index(c) for c in present]
        values = table[present].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        out[:, idx] = np.nan_to_num(values, nan=0.0)
    return out


def kematangan(levels: np.ndarray, weights) -> np.ndarray:
    """Maturity score per innovation: ``levels @ weights``.

    Parameters
    ----------
    levels : array, shape (n_innovations, n_indicators)
        Evidence levels 0-3.
    weights : array, shape (n_indicators,)
        Indicator weights of the cycle.

    Examples
    --------
    >>> kematangan(np.array([[3, 3], [1, 0]]), [2.0, 1.0]).tolist()
    [9.0, 2.0]
    """
    return np.asarray(levels, dtype=float) @ np.asarray(weights, dtype=float)


def canonical_urusan(values: pd.Series, fw: Framework) -> pd.Series:
    """Map free-text urusan to the catalogue's canonical name (unmatched text kept, lowered).

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> canonical_urusan(pd.Series(["Kesehatan", "PUPR", "pariwisata"]), fw).tolist()
    ['kesehatan', 'pekerjaan umum dan penataan ruang', 'pariwisata']
    """
    lookup = {}
    for row in fw.urusan.itertuples():
        lookup[row.urusan] = row.urusan
        for alias in str(row.aliases).split("|"):
            lookup.setdefault(alias.strip().lower(), row.urusan)
    text = values.astype("string").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    return text.map(lambda v: lookup.get(v, v) if isinstance(v, str) else v)


def score_innovations(inovasi: pd.DataFrame, framework: Framework | None = None) -> pd.DataFrame:
    """Score every innovation and decide whether it counts towards the index.

    Parameters
    ----------
    inovasi : DataFrame
        Canonical ``inovasi`` table: ``tahun``, ``kode_wilayah``, ``tahapan``,
        ``ind_16`` ... ``ind_35`` (levels 0-3, blank = 0), optionally
        ``tanggal_penerapan`` (datetime) and ``urusan``.
    framework : Framework, optional
        Rules to use; by default each row's ``tahun`` selects its cycle.

    Returns
    -------
    DataFrame
        The input columns plus ``skor_kematangan`` (0 to the cycle's maximum),
        ``dihitung`` (bool) and ``alasan`` (why not counted, Indonesian; empty if counted).

    Examples
    --------
    >>> df = pd.DataFrame({"tahun": [2026, 2026], "kode_wilayah": ["19.71"] * 2,
    ...                    "tahapan": ["penerapan", "uji coba"], "ind_16": [3, 3]})
    >>> out = score_innovations(df)
    >>> out["skor_kematangan"].tolist(), out["dihitung"].tolist()
    ([9.0, 9.0], [True, False])
    """
    out = inovasi.copy()
    out["skor_kematangan"] = np.nan
    out["dihitung"] = False
    out["alasan"] = ""
    if out.empty:
        return out
    for year, fw in _frameworks(out["tahun"], framework).items():
        rows = (out["tahun"] == year).to_numpy() if framework is None else np.ones(len(out), bool)
        part = out.loc[rows]
        score = kematangan(level_matrix(part, fw.sid_columns), fw.sid_weights.to_numpy())
        stage = part.get("tahapan", pd.Series("", index=part.index)).astype("string")
        stage = stage.str.strip().str.lower().fillna("")
        wanted = str(fw.rule("counted_stage"))
        bad_stage = (stage != wanted).to_numpy()
        reason = np.where(bad_stage, "tahapan '" + stage.to_numpy(dtype=object).astype(str)
                          + f"' belum {wanted}", "")
        start, end = fw.window
        outside = np.zeros(len(part), dtype=bool)
        if "tanggal_penerapan" in part and (start or end):
            when = pd.to_datetime(part["tanggal_penerapan"], errors="coerce")
            if start:
                outside |= (when < pd.Timestamp(start)).fillna(False).to_numpy()
            if end:
                outside |= (when > pd.Timestamp(end)).fillna(False).to_numpy()
            conf = fw.rules_confidence(["window_start", "window_end"])
            span = f"{start or '…'} s.d. {end or '…'}"
            note = f"penerapan di luar jendela {span}"
            if conf in ("inferred", "unknown"):
                note += " (aturan diasumsikan)"
            reason = np.where(outside, np.where(reason == "", note,
                                                reason.astype(object) + "; " + note), reason)
        out.loc[rows, "skor_kematangan"] = score
        out.loc[rows, "dihitung"] = ~bad_stage & ~outside
        out.loc[rows, "alasan"] = reason
    out["dihitung"] = out["dihitung"].astype(bool)
    return out


def spd_wide(spd: pd.DataFrame) -> pd.DataFrame:
    """SPD levels as one row per (tahun, kode_wilayah) with ``spd_<code>`` columns.

    Accepts the long form (``indikator``, ``level``) or the wide form of the contract.

    Examples
    --------
    >>> long = pd.DataFrame({"tahun": [2026, 2026], "kode_wilayah": ["19.71"] * 2,
    ...                      "indikator": ["1", "2a"], "level": [3, 1]})
    >>> spd_wide(long).columns.tolist()
    ['tahun', 'kode_wilayah', 'spd_1', 'spd_2a']
    """
    if "indikator" in spd.columns and "level" in spd.columns:
        long = spd.assign(indikator="spd_" + spd["indikator"].astype(str).str.strip().str.lower(),
                          level=pd.to_numeric(spd["level"], errors="coerce"))
        wide = long.pivot_table(index=REGION_KEYS, columns="indikator", values="level",
                                aggfunc="max")
        wide.columns = list(wide.columns)
        return wide.reset_index()
    keep = REGION_KEYS + [c for c in spd.columns if str(c).startswith("spd_")]
    return spd[keep].copy()


def score_spd(spd: pd.DataFrame, framework: Framework | None = None) -> pd.DataFrame:
    """SPD score per region-year: ``sum_k weight_k * level_k``.

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, skor_spd``.

    Examples
    --------
    >>> wide = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "spd_1": [3],
    ...                      "spd_12": [2]})
    >>> score_spd(wide)["skor_spd"].tolist()
    [7.0]
    """
    wide = spd_wide(spd)
    wide["skor_spd"] = np.nan
    for year, fw in _frameworks(wide["tahun"], framework).items():
        rows = (wide["tahun"] == year).to_numpy() if framework is None else np.ones(len(wide), bool)
        levels = level_matrix(wide.loc[rows], fw.spd_columns)
        wide.loc[rows, "skor_spd"] = kematangan(levels, fw.spd_weights.to_numpy())
    return wide[REGION_KEYS + ["skor_spd"]]


def score_regions(innovations: pd.DataFrame, spd: pd.DataFrame | None = None,
                  framework: Framework | None = None) -> pd.DataFrame:
    """The IID of every region-year from its scored innovations and SPD levels.

    Parameters
    ----------
    innovations : DataFrame
        Output of :func:`score_innovations` (needs ``skor_kematangan``, ``dihitung``).
    spd : DataFrame, optional
        SPD levels (long or wide). Without it the SPD parts are missing (NaN), not zero,
        and so are ``skor_total``, ``skor_iid`` and ``predikat``.
    framework : Framework, optional
        Rules; by default each ``tahun`` selects its cycle.

    Returns
    -------
    DataFrame
        One row per (tahun, kode_wilayah): ``skor_spd, n_inovasi, n_inovasi_dihitung,
        kematangan_per_inovasi, rata_kematangan, urusan_dasar_tercakup,
        syarat_urusan_terpenuhi, skor_jumlah_inovasi, skor_sid, skor_total, skor_iid,
        predikat, skor_impas, keyakinan_aturan`` (plus ``nama_daerah`` when given).

    Examples
    --------
    >>> inn = score_innovations(pd.DataFrame({
    ...     "tahun": [2023] * 2, "kode_wilayah": ["19.71"] * 2,
    ...     "tahapan": ["penerapan"] * 2, "ind_16": [3, 3], "ind_35": [3, 3]}))
    >>> spd = pd.DataFrame({"tahun": [2023], "kode_wilayah": ["19.71"], "spd_1": [3]})
    >>> r = score_regions(inn, spd).iloc[0]
    >>> float(r.rata_kematangan), float(r.skor_jumlah_inovasi), round(float(r.skor_iid), 3)
    (4.2, 0.76, 3.184)
    """
    inn = innovations
    counted = inn["dihitung"].to_numpy(dtype=bool)
    base = inn[REGION_KEYS].copy()
    base["n_inovasi"] = 1
    base["n_inovasi_dihitung"] = counted.astype(int)
    base["jumlah_kematangan"] = np.where(counted, inn["skor_kematangan"].to_numpy(float), 0.0)
    agg = base.groupby(REGION_KEYS, sort=True).sum().reset_index()

    names = None
    if "nama_daerah" in inn.columns:
        names = inn[REGION_KEYS + ["nama_daerah"]].drop_duplicates(REGION_KEYS)
    spd_scores = None
    if spd is not None:
        spd_scores = score_spd(spd, framework)
        if "nama_daerah" in spd.columns:
            more = spd[REGION_KEYS + ["nama_daerah"]].drop_duplicates(REGION_KEYS)
            names = more if names is None else pd.concat([names, more]).drop_duplicates(
                REGION_KEYS)
        agg = agg.merge(spd_scores, on=REGION_KEYS, how="outer")
        for col in ("n_inovasi", "n_inovasi_dihitung", "jumlah_kematangan"):
            agg[col] = agg[col].fillna(0)
    else:
        agg["skor_spd"] = np.nan
    agg["n_inovasi"] = agg["n_inovasi"].astype(int)
    agg["n_inovasi_dihitung"] = agg["n_inovasi_dihitung"].astype(int)

    # Basic-service urusan covered by counted innovations.
    agg["urusan_dasar_tercakup"] = 0
    out_parts = []
    for year, fw in _frameworks(agg["tahun"], framework).items():
        part = agg[agg["tahun"] == year].copy() if framework is None else agg.copy()
        if "urusan" in inn.columns:
            sel = inn[counted & (inn["tahun"] == year).to_numpy()] if framework is None \
                else inn[counted]
            urusan = canonical_urusan(sel["urusan"], fw)
            basic = sel.loc[urusan.isin(fw.basic_service_urusan).to_numpy(), REGION_KEYS]
            basic = basic.assign(urusan=urusan[urusan.isin(fw.basic_service_urusan)].to_numpy())
            cover = basic.drop_duplicates().groupby(REGION_KEYS).size().rename("_cov")
            part = part.merge(cover.reset_index(), on=REGION_KEYS, how="left")
            part["urusan_dasar_tercakup"] = part["_cov"].fillna(0).astype(int)
            part = part.drop(columns="_cov")
        out_parts.append(_apply_formula(part, fw))
    out = pd.concat(out_parts, ignore_index=True) if out_parts else agg
    if names is not None:
        out = out.merge(names, on=REGION_KEYS, how="left")
        cols = ["tahun", "kode_wilayah", "nama_daerah"]
        out = out[cols + [c for c in out.columns if c not in cols]]
    return out.sort_values(REGION_KEYS, ignore_index=True)


def _apply_formula(part: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    n = part["n_inovasi_dihitung"].to_numpy(dtype=float)
    total_k = part["jumlah_kematangan"].to_numpy(dtype=float)
    covered = part["urusan_dasar_tercakup"].to_numpy() >= fw.urusan_min
    part["kematangan_per_inovasi"] = np.divide(total_k, n, out=np.full_like(n, np.nan),
                                               where=n > 0)
    part["rata_kematangan"] = total_k / np.maximum(fw.divisor_floor, n)
    part["syarat_urusan_terpenuhi"] = covered
    part["skor_jumlah_inovasi"] = np.where(covered, fw.jumlah_points
                                           * np.minimum(n, fw.jumlah_cap), 0.0)
    part["skor_sid"] = part["rata_kematangan"] + part["skor_jumlah_inovasi"]
    part["skor_total"] = part["skor_spd"] + part["skor_sid"]
    part["skor_iid"] = part["skor_total"] / fw.total_max * 100
    part["predikat"] = fw.predicate(part["skor_iid"])
    part["skor_impas"] = break_even(n, part["kematangan_per_inovasi"].fillna(0).to_numpy(),
                                    fw, covered)
    part["keyakinan_aturan"] = fw.rules_confidence(_REGION_RULES)
    return part.drop(columns="jumlah_kematangan")


def break_even(n, mean_kematangan, framework: Framework, urusan_ok=True) -> np.ndarray:
    """Kematangan an extra innovation needs so that the IID does not fall.

    With ``S = n * mean`` the current sum, ``d`` the divisor floor, ``p`` the points per
    innovation and ``c`` the cap, one more innovation of score ``s`` changes the SID from
    ``S / max(d, n) + p min(n, c)`` to ``(S + s) / max(d, n+1) + p min(n+1, c)``; the two are
    equal at::

        s* = max(d, n+1) * (S / max(d, n) - p * [min(n+1, c) - min(n, c)]) - S

    For ``n >= d`` this is ``mean - p (n + 1)`` (below the cap). Above ``s*`` the IID rises,
    below it falls. A negative value means any innovation helps. The urusan coverage is
    assumed unchanged by the extra innovation.

    Parameters
    ----------
    n : array-like of int
        Counted innovations now.
    mean_kematangan : array-like of float
        Their mean kematangan (``kematangan_per_inovasi``).
    framework : Framework
    urusan_ok : bool or array of bool
        Whether the urusan rule is met (else the number-of-innovations term is zero).

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> break_even([25, 50], [80.0, 85.0], fw).round(2).tolist()
    [70.12, 65.62]
    """
    n = np.asarray(n, dtype=float)
    mean = np.asarray(mean_kematangan, dtype=float)
    ok = np.asarray(urusan_ok, dtype=bool)
    d, p, cap = framework.divisor_floor, framework.jumlah_points, framework.jumlah_cap
    total = n * mean
    step = p * (np.minimum(n + 1, cap) - np.minimum(n, cap)) * ok
    return np.maximum(d, n + 1) * (total / np.maximum(d, n) - step) - total


def break_even_table(regions: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Break-even score of each region beside the rule of thumb of 70.

    Parameters
    ----------
    regions : DataFrame
        Output of :func:`score_regions`.

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, nama_daerah, n_inovasi_dihitung, kematangan_per_inovasi,
        skor_impas, aturan_praktis, selisih`` where ``selisih = aturan_praktis - skor_impas``
        (positive: the rule of thumb is stricter than needed).
    """
    cols = [c for c in ["tahun", "kode_wilayah", "nama_daerah", "n_inovasi_dihitung",
                        "kematangan_per_inovasi", "skor_impas"] if c in regions]
    out = regions[cols].copy()
    out["aturan_praktis"] = RULE_OF_THUMB
    out["selisih"] = out["aturan_praktis"] - out["skor_impas"]
    return out


def score(inovasi: pd.DataFrame, spd: pd.DataFrame | None = None,
          framework: Framework | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score innovations and regions in one call.

    Returns
    -------
    (regions, innovations) : tuple of DataFrame
        See :func:`score_regions` and :func:`score_innovations`.
    """
    innovations = score_innovations(inovasi, framework)
    return score_regions(innovations, spd, framework), innovations
