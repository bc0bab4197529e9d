"""What a cycle's regions claim: level counts per region, scored once (for the Monte Carlo).

:func:`region_claims` summarises the claimed evidence of every region of one cycle at
region level (SPD levels, counts of SID levels over counted innovations, counted number,
urusan coverage), so that a Monte Carlo draw or a weight change costs one matrix product;
its IID is :func:`inovlab.rules.formula.region_iid`. :func:`region_meta` finds each region's
name and cluster from the inputs or the bundled region list.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from inovlab.errors import UsageError
from inovlab.rules import formula
from inovlab.rules.framework import Framework, load_framework
from inovlab.rules.scoring import level_matrix, score_innovations, score_regions, spd_wide

__all__ = ["RegionClaims", "region_claims", "one_region_claims", "region_meta", "cluster_ranks"]


@dataclasses.dataclass
class RegionClaims:
    """Region-level summary of the claimed evidence of one cycle (what the simulation needs).

    Attributes
    ----------
    table : DataFrame
        One row per region: ``tahun, kode_wilayah, nama_daerah, jenis, skor_iid, predikat,
        peringkat`` (deterministic rank in the cluster at the claimed levels).
    spd_levels : array (R, K)
        SPD levels.
    sid_counts : array (R, I, 3) of int
        Number of counted innovations at level 1, 2, 3 on each SID indicator.
    n_counted : array (R,) of int
        Counted innovations (unchanged by downgrades).
    covered : array (R,) of int
        Basic-service urusan they cover (unchanged by downgrades).
    framework : Framework
    """

    table: pd.DataFrame
    spd_levels: np.ndarray
    sid_counts: np.ndarray
    n_counted: np.ndarray
    covered: np.ndarray
    framework: Framework

    @property
    def sid_sums(self) -> np.ndarray:
        """``A[r, i] = sum_j level_ij`` over the counted innovations."""
        return self.sid_counts @ np.array([1.0, 2.0, 3.0])

    @property
    def divisor(self) -> np.ndarray:
        """``MAX(d, n)`` per region."""
        return formula.divisor(self.n_counted.astype(float), self.framework)

    @property
    def jumlah(self) -> np.ndarray:
        """The number-of-innovations points per region (unchanged by downgrades)."""
        return formula.jumlah_score(self.n_counted, self.framework,
                                    formula.urusan_rule_met(self.covered, self.framework))

    def iid(self, w_spd=None, w_sid=None) -> np.ndarray:
        """IID at the claimed levels (:func:`inovlab.rules.formula.region_iid`).

        Parameters
        ----------
        w_spd, w_sid : array, shape (K,) or (D, K), optional
            Weights (default: the cycle's); a matrix gives one weight vector per draw.

        Returns
        -------
        numpy.ndarray
            Shape (R,), or (D, R) for weight matrices.
        """
        fw = self.framework
        w_spd = fw.spd_weights.to_numpy() if w_spd is None else w_spd
        w_sid = fw.sid_weights.to_numpy() if w_sid is None else w_sid
        # The formula's parameters once, not once per term (the Monte Carlo calls this often).
        return formula.region_iid(formula.kematangan(self.spd_levels, w_spd),
                                  formula.kematangan(self.sid_sums, w_sid), self.n_counted,
                                  self.covered, formula.formula_rules(fw))


def cluster_ranks(iid: np.ndarray, cluster: np.ndarray) -> np.ndarray:
    """1 + number of regions of the same cluster with a strictly higher IID."""
    out = np.zeros(len(iid), dtype=int)
    for c in pd.unique(cluster):
        sel = np.flatnonzero((cluster == c) & ~np.isnan(iid))
        v = np.sort(iid[sel])
        out[sel] = 1 + len(v) - np.searchsorted(v, iid[sel], side="right")
    return out


def region_meta(codes: pd.Series, inovasi: pd.DataFrame, spd: pd.DataFrame,
                 jenis) -> tuple[np.ndarray, np.ndarray]:
    """Names and clusters: given, else from the inputs, else from ``regions.load_regions()``."""
    found = {"nama_daerah": pd.Series(np.nan, index=codes.index, dtype=object),
             "jenis": pd.Series(np.nan, index=codes.index, dtype=object)}
    if jenis is not None:
        given = pd.Series(jenis) if isinstance(jenis, dict) else jenis
        found["jenis"] = codes.map(given).astype(object)
    for src in (spd, inovasi):
        for col in found:
            if col in src.columns:
                lookup = src.drop_duplicates("kode_wilayah").set_index(
                    src.drop_duplicates("kode_wilayah")["kode_wilayah"].astype(str))[col]
                found[col] = found[col].fillna(codes.map(lookup))
    if found["nama_daerah"].isna().any() or found["jenis"].isna().any():
        from inovlab.io.regions import load_regions
        try:
            ref = load_regions().set_index("kode_wilayah")
        except (OSError, ValueError, KeyError):  # reference list optional for synthetic data
            ref = None
        if ref is not None:
            for col in found:
                found[col] = found[col].fillna(codes.map(ref[col]))
    return (found["nama_daerah"].fillna(codes).to_numpy(dtype=object),
            found["jenis"].fillna("semua").to_numpy(dtype=object))


def region_claims(inovasi: pd.DataFrame, spd: pd.DataFrame, tahun: int | None = None,
                  framework: Framework | None = None, jenis=None) -> RegionClaims:
    """Summarise one cycle's claims per region (level counts), scored by :mod:`inovlab.rules.scoring`.

    Parameters
    ----------
    inovasi, spd : DataFrame
        Canonical ``inovasi`` (``tahun, kode_wilayah, tahapan, ind_16..``) and ``spd``
        (wide ``spd_<code>`` or long) tables.
    tahun : int, optional
        The cycle; required when the tables hold several.
    framework : Framework, optional
        Defaults to ``load_framework(tahun)``.
    jenis : Series or dict, optional
        Cluster per ``kode_wilayah``; else a ``jenis`` column of the inputs, else the
        bundled region list; regions still unknown form one cluster ``semua``.

    Returns
    -------
    RegionClaims
        Its ``table.skor_iid`` equals :func:`inovlab.rules.scoring.score_regions` exactly.
    """
    years = sorted(set(pd.unique(inovasi["tahun"])) | set(pd.unique(spd["tahun"])))
    if tahun is None:
        if len(years) != 1:
            raise UsageError(f"Data memuat beberapa siklus ({years}); pilih satu dengan tahun=.")
        tahun = int(years[0])
    inovasi = inovasi[inovasi["tahun"] == tahun]
    spd = spd[spd["tahun"] == tahun]
    fw = framework or load_framework(tahun)
    scored = score_innovations(inovasi, fw)
    regions = score_regions(scored, spd, fw)
    regions = regions[~regions["skor_iid"].isna()].reset_index(drop=True)
    codes = regions["kode_wilayah"].astype(str)
    r_count, n_sid = len(regions), len(fw.sid_columns)

    counted = scored[scored["dihitung"].to_numpy(dtype=bool)]
    row = pd.Index(codes).get_indexer(counted["kode_wilayah"].astype(str))
    keep = row >= 0
    lev = np.clip(np.rint(level_matrix(counted, fw.sid_columns)[keep]), 0, 3).astype(np.int64)
    flat = (row[keep, None] * n_sid + np.arange(n_sid)[None, :]) * 4 + lev
    counts = np.bincount(flat.ravel(), minlength=r_count * n_sid * 4).reshape(
        r_count, n_sid, 4)[:, :, 1:]

    wide = spd_wide(spd).drop_duplicates(["tahun", "kode_wilayah"])
    wide = wide.set_index(wide["kode_wilayah"].astype(str)).reindex(codes)
    spd_levels = np.clip(level_matrix(wide, fw.spd_columns), 0, 3)
    names, clusters = region_meta(codes, inovasi, spd, jenis)
    table = pd.DataFrame({
        "tahun": int(tahun), "kode_wilayah": codes.to_numpy(), "nama_daerah": names,
        "jenis": clusters, "skor_iid": regions["skor_iid"].to_numpy(dtype=float),
        "predikat": regions["predikat"].to_numpy(dtype=object)})
    table["peringkat"] = cluster_ranks(table["skor_iid"].to_numpy(), clusters)
    return RegionClaims(table=table, spd_levels=spd_levels, sid_counts=counts,
                        n_counted=regions["n_inovasi_dihitung"].to_numpy(dtype=np.int64),
                        covered=regions["urusan_dasar_tercakup"].to_numpy(dtype=np.int64),
                        framework=fw)


def one_region_claims(inovasi: pd.DataFrame, spd: pd.DataFrame | None, code: str, cycle: int,
                      framework: Framework, cluster: str) -> RegionClaims | None:
    """One region's claims for ``cycle`` (the verification risk of its projected score).

    Without SPD rows its SPD levels count as 0; columns a previous scoring added
    (``skor_kematangan``, ``dihitung``, ``alasan``) are ignored. None without innovations.

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": "a", "tahapan": "penerapan",
    ...                      "ind_33": [3] * 12})
    >>> c = one_region_claims(inov, None, "a", 2026, load_framework(2026), "kota")
    >>> c.table["kode_wilayah"].tolist(), int(c.n_counted[0])
    (['a'], 12)
    """
    own = inovasi[inovasi["kode_wilayah"] == code].drop(
        columns=["skor_kematangan", "dihitung", "alasan"], errors="ignore")
    if own.empty:
        return None
    own_spd = None if spd is None else spd[spd["kode_wilayah"] == code]
    if own_spd is None or own_spd.empty:
        own_spd = pd.DataFrame({"tahun": [cycle], "kode_wilayah": [code]})
    return region_claims(own.assign(tahun=cycle), own_spd.assign(tahun=cycle), cycle,
                         framework, jenis={code: cluster})
