"""The IID arithmetic: per innovation, per region, and the break-even of one more innovation.

The formula (confirmed for 2023 by the BSKDN socialisation slides; parameters per cycle from
:mod:`inovlab.rules.framework`)::

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

This module turns tables into arrays and back; the arithmetic itself is
:mod:`inovlab.rules.formula`, the one implementation every caller shares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.rules import formula
from inovlab.rules.formula import break_even, jumlah_score, kematangan, sid_score
from inovlab.rules.framework import Framework, load_framework
from inovlab.rules.urusan import canonical_urusan, urusan_position  # one recognition of urusan

__all__ = ["RULE_OF_THUMB", "REGION_KEYS", "normalised_text", "level_matrix", "kematangan",
           "canonical_urusan", "urusan_position", "score_innovations", "spd_wide", "score_spd",
           "score_regions", "sid_score", "jumlah_score", "break_even", "break_even_table",
           "score"]

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


def normalised_text(values: pd.Series) -> pd.Series:
    """Lower-case, trimmed, single-spaced text; computed once per distinct value.

    Examples
    --------
    >>> normalised_text(pd.Series(["  Uji  Coba", "PENERAPAN", None])).tolist()
    ['uji coba', 'penerapan', None]
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    clean = np.array([" ".join(str(u).lower().split()) for u in uniques] + [None],
                     dtype=object)
    return pd.Series(clean[codes], index=values.index, dtype=object)


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
        block = table[present]
        if all(pd.api.types.is_integer_dtype(t) and not isinstance(t, pd.api.extensions.
               ExtensionDtype) for t in block.dtypes):
            out[:, idx] = block.to_numpy()  # plain int columns: no missing values possible
        else:
            if not all(pd.api.types.is_numeric_dtype(t) for t in block.dtypes):
                block = block.apply(pd.to_numeric, errors="coerce")
            values = block.to_numpy(dtype=float, na_value=np.nan)
            out[:, idx] = np.nan_to_num(values, nan=0.0)
    return out


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
    # Shallow copy: with copy-on-write the caller's frame is never changed, and the
    # level columns are not copied (consolidating them would cost more than the scoring).
    out = inovasi.copy(deep=False)
    n_rows = len(out)
    scores = np.full(n_rows, np.nan)
    counted = np.zeros(n_rows, dtype=bool)
    reasons = np.full(n_rows, "", dtype=object)
    if n_rows:
        years = out["tahun"].to_numpy()
        for year, fw in _frameworks(out["tahun"], framework).items():
            rows = np.flatnonzero(years == year) if framework is None else np.arange(n_rows)
            part = out.iloc[rows] if len(rows) < n_rows else out
            scores[rows], counted[rows], reasons[rows] = _score_part(part, fw)
    out["skor_kematangan"] = scores
    out["dihitung"] = counted
    out["alasan"] = pd.Series(reasons, index=out.index, dtype=object)
    return out


def _score_part(part: pd.DataFrame, fw: Framework):
    """Kematangan, counted flag and reason for the rows of one cycle."""
    score = kematangan(level_matrix(part, fw.sid_columns), fw.sid_weights.to_numpy())
    stage = normalised_text(part["tahapan"]) if "tahapan" in part else pd.Series(
        [None] * len(part), dtype=object)
    stage = stage.fillna("").to_numpy(dtype=object)
    wanted = str(fw.rule("counted_stage"))
    bad_stage = stage != wanted
    reason = np.full(len(part), "", dtype=object)
    reason[bad_stage] = "tahapan '" + stage[bad_stage].astype(str) + f"' belum {wanted}"
    start, end = fw.window
    outside = np.zeros(len(part), dtype=bool)
    if "tanggal_penerapan" in part and (start or end):
        when = pd.to_datetime(part["tanggal_penerapan"], errors="coerce").to_numpy()
        if start:
            outside |= when < np.datetime64(start)
        if end:
            outside |= when > np.datetime64(end)
        conf = fw.rules_confidence(["window_start", "window_end"])
        note = f"penerapan di luar jendela {start or '…'} s.d. {end or '…'}"
        if conf in ("inferred", "unknown"):
            note += " (aturan diasumsikan)"
        both = outside & bad_stage
        reason[outside & ~bad_stage] = note
        reason[both] = reason[both] + "; " + note
    return score, ~bad_stage & ~outside, reason


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
        ``tahun, kode_wilayah, skor_spd`` (and ``nama_daerah`` when the input has it).

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
    out = wide[REGION_KEYS + ["skor_spd"]]
    if "nama_daerah" in spd.columns:
        names = spd[REGION_KEYS + ["nama_daerah"]].drop_duplicates(REGION_KEYS)
        out = out.merge(names, on=REGION_KEYS, how="left")
    return out


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
        predikat, skor_impas, keyakinan_aturan, aturan_asumsi`` (plus ``nama_daerah``
        when given). ``keyakinan_aturan`` is the weakest confidence of the rules used;
        ``aturan_asumsi`` names the rules that are assumed (inferred or unknown).

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
    agg = _region_totals(innovations, framework)
    if spd is not None:
        spd_scores = score_spd(spd, framework).rename(columns={"nama_daerah": "_nama_spd"})
        agg = agg.merge(spd_scores, on=REGION_KEYS, how="outer")
        for col in ("n_inovasi", "n_inovasi_dihitung", "jumlah_kematangan",
                    "urusan_dasar_tercakup"):
            agg[col] = agg[col].fillna(0)
        if "_nama_spd" in agg.columns:
            # Regions with SPD but no innovation take their name from the SPD table.
            agg["nama_daerah"] = (agg["nama_daerah"].fillna(agg["_nama_spd"])
                                  if "nama_daerah" in agg.columns else agg["_nama_spd"])
            agg = agg.drop(columns="_nama_spd")
    else:
        agg["skor_spd"] = np.nan
    for col in ("n_inovasi", "n_inovasi_dihitung", "urusan_dasar_tercakup"):
        agg[col] = agg[col].astype(int)

    years = agg["tahun"].to_numpy()
    parts = []
    for year, fw in _frameworks(agg["tahun"], framework).items():
        part = agg if framework is not None or len(np.unique(years)) == 1 else agg[years == year]
        parts.append(_apply_formula(part.copy(), fw))
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if "nama_daerah" in out.columns:
        cols = [*REGION_KEYS, "nama_daerah"]
        out = out[cols + [c for c in out.columns if c not in cols]]
    return out.sort_values(REGION_KEYS, ignore_index=True)


def _region_totals(inn: pd.DataFrame, framework: Framework | None) -> pd.DataFrame:
    """Per region-year: innovations, counted ones, their kematangan sum, basic urusan covered."""
    counted = inn["dihitung"].to_numpy(dtype=bool)
    # One integer id per region-year; sums with bincount (no Python loop over rows).
    year_code, year_values = pd.factorize(inn["tahun"].to_numpy())
    region_code, region_values = pd.factorize(inn["kode_wilayah"])
    combined = year_code.astype(np.int64) * max(len(region_values), 1) + region_code
    _, first, group = np.unique(combined, return_index=True, return_inverse=True)
    n_groups = len(first)
    total_k, n_counted = formula.group_totals(inn["skor_kematangan"].to_numpy(float), group,
                                              n_groups, counted)
    covered = np.zeros(n_groups, dtype=int)
    if "urusan" in inn.columns and len(inn):
        fw = framework or load_framework(int(inn["tahun"].iloc[0]))
        # The six basic-service urusan are the same list in every cycle's data file.
        covered = formula.basic_urusan_covered(urusan_position(inn["urusan"], fw), group,
                                               n_groups, len(fw.basic_service_urusan), counted)
    agg = pd.DataFrame({
        "tahun": year_values[year_code[first]].astype(int),
        "kode_wilayah": np.asarray(region_values)[region_code[first]],
        "n_inovasi": np.bincount(group, minlength=n_groups),
        "n_inovasi_dihitung": n_counted,
        "jumlah_kematangan": total_k,
        "urusan_dasar_tercakup": covered,
    })
    if "nama_daerah" in inn.columns:
        agg.insert(2, "nama_daerah", inn["nama_daerah"].to_numpy()[first])
    return agg


def _apply_formula(part: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Add the formula's columns to a region table of one cycle (numpy, one frame build)."""
    n = part["n_inovasi_dihitung"].to_numpy(dtype=float)
    terms = formula.region_terms(part["skor_spd"].to_numpy(dtype=float),
                                 part["jumlah_kematangan"].to_numpy(dtype=float), n,
                                 part["urusan_dasar_tercakup"].to_numpy(), fw)
    assumed = [r for r in _REGION_RULES if fw.confidence(r) in ("inferred", "unknown")]
    columns = {c: part[c].to_numpy() for c in part.columns if c != "jumlah_kematangan"}
    columns.update(terms)
    columns.update({
        "predikat": formula.predikat(terms["skor_iid"], fw),
        "skor_impas": break_even(n, np.nan_to_num(terms["kematangan_per_inovasi"]), fw,
                                 terms["syarat_urusan_terpenuhi"]),
        "keyakinan_aturan": fw.rules_confidence(_REGION_RULES),
        "aturan_asumsi": "; ".join(assumed),
    })
    return pd.DataFrame(columns)


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
