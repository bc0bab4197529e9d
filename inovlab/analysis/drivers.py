"""Ranking drivers: which indicators really move the IID and the rank, and how sure we are.

Every function starts from the region-level indicator table of one cycle
(:func:`inovlab.rules.decomposition.region_table`: SPD levels, mean SID levels over counted
innovations, ``n_inovasi_dihitung`` and the engine's scores) and returns a tidy DataFrame.
Where the data came from is not read from the tables: the caller keeps it in an
:class:`inovlab.sources.provenance.Inputs` bundle and passes ``source=`` to reports.

Methods
-------
- :func:`effective_weights`: each indicator's share of the IID variance,
  ``cov(P_i, Y) / var(Y)`` with ``P_i`` its IID points (exact decomposition, so the
  shares sum to 1); bootstrap 90% interval.
- :func:`main_effects`: first-order sensitivity (correlation ratio)
  ``S_i = Var(E[Y | x_i]) / Var(Y)`` (Paruolo, Saisana & Saltelli 2013, "Ratings and
  rankings: voodoo or science?", JRSS A 176(3), 609-634), by group means for discrete levels
  and a penalised cubic spline for continuous ones; bootstrap 90% interval; beside the
  normalised nominal weights.
- :func:`inovlab.analysis.top_group.top_group_models`: cross-validated classifiers of "in
  the cluster's top 10" and "Sangat Inovatif", with permutation importance (re-exported here).
- :func:`inovlab.analysis.weight_recovery.recover_weights`: non-negative least squares of
  the IID on the indicator scores (re-exported here).
- :func:`priorities`: importance x the region's gap, the "prioritas perbaikan" table.
- :func:`drivers_table`: every estimate in one long table (``drivers.csv``);
  :func:`inovlab.analysis.drivers_report.analyse_drivers` runs it as ``inovlab drivers`` does.

Shared helpers (participants, features, bootstrap) live in :mod:`inovlab.analysis.driver_inputs`.

Examples
--------
>>> from inovlab.rules.decomposition import region_table
>>> from inovlab.testing import synthetic_panel
>>> panel = synthetic_panel(n_regions=120, seed=1)
>>> table = region_table(panel["inovasi"], panel["spd"], 2026)
>>> ew = effective_weights(table, n_boot=20, seed=0)
>>> round(float(ew["nilai"].sum()), 6)
1.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.analysis.driver_inputs import (
    METHODS,
    MODELS,
    TARGETS,
    bootstrap_weights,
    cluster_rank,
    indicator_features,
    participants,
    percentile_interval,
    with_indicator_names,
)
from inovlab.analysis.top_group import BASELINE_MARGIN, TopGroupResult, top_group_models
from inovlab.analysis.weight_recovery import recover_weights
from inovlab.i18n import format_number
from inovlab.rules.decomposition import (
    JUMLAH,
    find_region,
    framework_of,
    indicator_catalogue,
    indicator_points,
    point_values,
    points_available,
)
from inovlab.rules.framework import Framework

__all__ = ["MIN_REGIONS_ESTIMABLE", "effective_weights", "main_effects", "top_group_models", "recover_weights",
           "priorities", "drivers_table", "TopGroupResult", "METHODS", "TARGETS", "MODELS",
           "BASELINE_MARGIN"]

MIN_REGIONS_ESTIMABLE = 3
"""Fewest participating regions for any cross-region estimate: with one region nothing
varies, with two every variance share is a single difference. A floor against crashes and
meaningless numbers, not a recommendation (``inovlab drivers`` asks for far more, see
:data:`inovlab.analysis.drivers_report.MIN_CLUSTER_REGIONS`)."""

# ---------------------------------------------------------------------------------------
# effective weights


def effective_weights(table: pd.DataFrame, framework: Framework | None = None,
                      cluster: str | None = None, n_boot: int = 200, seed=0,
                      lang: str = "id") -> pd.DataFrame:
    """Each indicator's share of the variance of the IID in a cycle (covariance share).

    With ``P_i`` the IID points of indicator ``i`` (:func:`inovlab.rules.decomposition.
    indicator_points`) and ``Y = sum_i P_i`` the IID::

        EW_i = cov(P_i, Y) / var(Y),      sum_i EW_i = 1

    (the covariance decomposition of a variance; an indicator can have a small or negative
    share when it varies little or against the rest). Computed over participants
    (``skor_iid > 0``); the 90% interval is a percentile bootstrap over regions.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`inovlab.rules.decomposition.region_table` (one cycle).
    cluster : {"provinsi", "kabupaten", "kota"}, optional
        Restrict to one cluster.
    n_boot : int
        Bootstrap resamples (0: no interval).
    seed : int or Generator

    Returns
    -------
    DataFrame
        ``indikator, nama_indikator, bagian, metode ("bobot_efektif"), nilai, ci_low,
        ci_high, bobot_nominal``, largest ``nilai`` first.

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import synthetic_panel
    >>> p = synthetic_panel(80, seed=2)
    >>> t = region_table(p["inovasi"], p["spd"], 2026)
    >>> ew = effective_weights(t, n_boot=0)
    >>> ew.columns.tolist()[:5]
    ['indikator', 'nama_indikator', 'bagian', 'metode', 'nilai']
    """
    fw = framework_of(table, framework)
    part = participants(table, cluster)
    points = indicator_points(part, fw)
    p = points.to_numpy(float)
    y = p.sum(axis=1)
    yc = y - y.mean()
    est = ((p - p.mean(axis=0)) * yc[:, None]).mean(axis=0) / (yc ** 2).mean()
    w = bootstrap_weights(len(y), n_boot, seed)
    my = w @ y
    cov = w @ (p * y[:, None]) - (w @ p) * my[:, None]
    var = w @ (y ** 2) - my ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        boot = cov / var[:, None]
    low, high = percentile_interval(boot)
    out = pd.DataFrame({"indikator": points.columns, "metode": "bobot_efektif", "nilai": est,
                        "ci_low": low, "ci_high": high})
    out = with_indicator_names(out, fw, lang)
    out = out.sort_values("nilai", ascending=False, ignore_index=True)
    out.attrs["n_daerah"] = len(y)
    return out


# ---------------------------------------------------------------------------------------
# main effects (correlation ratio)


def _group_effects(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Var_w(E[Y|x]) / Var_w(Y) by weighted group means; rows of ``w`` sum to 1."""
    groups = np.unique(x)
    onehot = (x[:, None] == groups[None, :]).astype(float)
    counts = w @ onehot
    sums = w @ (onehot * y[:, None])
    ybar = w @ y
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, 0.0)
    between = (counts * (means - ybar[:, None]) ** 2).sum(axis=1)
    var = w @ (y ** 2) - ybar ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return between / var


def _spline_basis(x: np.ndarray, n_knots: int = 8) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = x.min(), x.max()
    z = (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)
    knots = np.unique(np.quantile(z, np.linspace(0, 1, n_knots + 2)[1:-1]))
    basis = np.column_stack([np.ones_like(z), z, z ** 2, z ** 3]
                            + [np.clip(z - k, 0, None) ** 3 for k in knots])
    penalty = np.diag([0.0] * 4 + [1.0] * len(knots))
    return basis, penalty


def _solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``solve(a, b)``, falling back to the pseudo-inverse for a singular system.

    A bootstrap resample of a small cluster can hold fewer distinct values than the
    spline's unpenalised cubic part needs (4); the minimum-norm solution then keeps the fit
    defined instead of raising ``LinAlgError``.
    """
    try:
        return np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(a) @ b


def _spline_effects(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Var_w(f(x)) / Var_w(Y) for a penalised cubic spline f fitted by weighted ridge.

    The penalty ``lam`` is chosen once, on the full sample (``w`` row 0), by generalised
    cross-validation over a grid, then kept for every bootstrap row.
    """
    basis, penalty = _spline_basis(x)
    full = np.full(len(y), 1.0 / len(y))
    xtx = basis.T @ (basis * full[:, None])
    xty = basis.T @ (full * y)
    best, lam = np.inf, 1e-3
    for cand in 10.0 ** np.arange(-8, 1):
        a = _solve(xtx + cand * penalty, np.eye(len(penalty)))
        beta = a @ xty
        resid = y - basis @ beta
        df = np.trace(a @ xtx)
        gcv = np.mean(resid ** 2) / max(1e-12, (1 - df / len(y))) ** 2
        if gcv < best:
            best, lam = gcv, cand
    a_b = np.einsum("bn,ni,nj->bij", w, basis, basis) + lam * penalty
    r_b = np.einsum("bn,ni->bi", w * y[None, :], basis)
    beta_b = _solve(a_b, r_b[..., None])[..., 0]
    fit = beta_b @ basis.T
    fbar = (w * fit).sum(axis=1)
    var_f = (w * fit ** 2).sum(axis=1) - fbar ** 2
    ybar = w @ y
    var = w @ (y ** 2) - ybar ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.clip(var_f / var, 0, 1)


def _is_discrete(x: np.ndarray) -> bool:
    values = np.unique(x)
    return len(values) <= 6 and bool(np.allclose(values, np.round(values)))


def main_effects(table: pd.DataFrame, framework: Framework | None = None,
                 cluster: str | None = None, outcome: str = "skor_iid", n_boot: int = 200,
                 seed=0, lang: str = "id") -> pd.DataFrame:
    """First-order sensitivity (correlation ratio) of the IID to each indicator.

    Following Paruolo, Saisana & Saltelli (2013), "Ratings and rankings: voodoo or
    science?", J. R. Stat. Soc. A 176(3), 609-634, the *main effect* of indicator ``x_i``
    on the index ``Y`` is the correlation ratio (Pearson's eta squared)::

        S_i = Var_{x_i}( E[Y | x_i] ) / Var(Y)

    the share of the IID variance that ``x_i`` alone explains, including its correlation
    with the others; compare it with the nominal weight to see which indicators matter more
    (or less) than the formula says. ``E[Y | x_i]`` is estimated

    - for discrete levels (SPD 0-3, at most 6 integer values): exactly, by group means;
    - for continuous values (mean SID levels, counted innovations): by a penalised cubic
      regression spline (truncated-power basis, knots at quantiles, ridge penalty on the
      knot terms, penalty chosen by generalised cross-validation).

    The 90% interval is a percentile bootstrap over regions (the spline penalty is kept).
    Over participants (``skor_iid > 0``).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`inovlab.rules.decomposition.region_table`.
    cluster : str, optional
        Restrict to one cluster (``jenis``).
    outcome : str
        Column of ``Y`` (default ``skor_iid``).
    n_boot : int
    seed : int or Generator

    Returns
    -------
    DataFrame
        ``indikator, nama_indikator, bagian, metode ("efek_utama"), nilai, ci_low, ci_high,
        bobot_nominal, penaksir`` (``rata-rata kelompok`` or ``spline terpenalti``),
        largest first.

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import synthetic_panel
    >>> p = synthetic_panel(80, seed=2)
    >>> t = region_table(p["inovasi"], p["spd"], 2026)
    >>> me = main_effects(t, n_boot=10, seed=0)
    >>> bool(me["nilai"].between(0, 1).all())
    True
    """
    fw = framework_of(table, framework)
    part = participants(table, cluster)
    x = indicator_features(part, fw)
    y = part[outcome].to_numpy(float)
    w_all = np.vstack([np.full(len(y), 1.0 / len(y)), bootstrap_weights(len(y), n_boot, seed)])
    est, low, high, how = [], [], [], []
    for col in x.columns:
        xi = x[col].to_numpy(float)
        if np.ptp(xi) == 0:
            values = np.zeros(len(w_all))
            how.append("konstan")
        elif _is_discrete(xi):
            values = _group_effects(xi, y, w_all)
            how.append("rata-rata kelompok")
        else:
            values = _spline_effects(xi, y, w_all)
            how.append("spline terpenalti")
        est.append(values[0])
        lo, hi = percentile_interval(values[1:, None])
        low.append(lo[0])
        high.append(hi[0])
    out = pd.DataFrame({"indikator": x.columns, "metode": "efek_utama", "nilai": est,
                        "ci_low": low, "ci_high": high})
    out = with_indicator_names(out, fw, lang)
    out["penaksir"] = how
    out = out.sort_values("nilai", ascending=False, ignore_index=True)
    out.attrs["n_daerah"] = len(y)
    return out


# ---------------------------------------------------------------------------------------
# priorities


def _suggestion(row, lang: str) -> str:
    ind, now, goal = row["indikator"], row["level_saat_ini"], row["level_sasaran"]
    if row["poin_celah"] <= 0:
        return "sudah setara sasaran" if lang == "id" else "already at the target"
    now_t, goal_t = format_number(now, 1, lang), format_number(goal, 1, lang)
    code = ind.split("_", 1)[-1]
    if ind == JUMLAH:
        return (f"tambah inovasi tahap penerapan yang dihitung: {int(now)} -> "
                f"{int(np.ceil(goal))}" if lang == "id" else
                f"add counted (implemented) innovations: {int(now)} -> {int(np.ceil(goal))}")
    if ind.startswith("spd_"):
        return (f"naikkan bukti SPD {code} dari level {now_t} ke {goal_t}" if lang == "id"
                else f"raise the evidence of SPD {code} from level {now_t} to {goal_t}")
    return (f"perkuat bukti indikator {code} pada inovasi yang dihitung (rata-rata level "
            f"{now_t} -> {goal_t})" if lang == "id" else
            f"strengthen indicator {code} on the counted innovations (mean level "
            f"{now_t} -> {goal_t})")


def priorities(table: pd.DataFrame, region: str, framework: Framework | None = None,
               importance: pd.DataFrame | None = None, gap: str = "top10",
               top_k: int = 10, lang: str = "id") -> pd.DataFrame:
    """Ranked "prioritas perbaikan" for one region: importance x the region's gap.

    For indicator ``i`` of region ``r`` in cluster ``c``::

        level_sasaran_i = mean of x_i over the cluster's top ``top_k`` (gap="top10")
                          or the maximum (3; the cap for jumlah_inovasi) (gap="max")
        poin_celah_i    = max(level_sasaran_i - x_ri, 0) * v_ri          (IID points)
        skor_prioritas  = kepentingan_i * poin_celah_i

    with ``v_ri`` the IID points of one level step for the region
    (:func:`inovlab.rules.decomposition.point_values`) and ``kepentingan_i`` the importance scaled
    to a maximum of 1 (default: the main effect ``S_i`` of :func:`main_effects` within the
    cluster; any table with ``indikator, nilai`` can be passed, negatives count as 0). An
    indicator that matters and where the region lags far behind comes first.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`inovlab.rules.decomposition.region_table`.
    region : str
        Code or name of the region.
    importance : DataFrame, optional
    gap : {"top10", "max"}

    Returns
    -------
    DataFrame
        ``peringkat_prioritas, indikator, nama_indikator, bagian, level_saat_ini,
        level_sasaran, poin_celah, poin_iid_tersedia, kepentingan, skor_prioritas, saran``.

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import synthetic_panel
    >>> p = synthetic_panel(120, seed=5)
    >>> t = region_table(p["inovasi"], p["spd"], 2026)
    >>> p = priorities(t, t["kode_wilayah"].iloc[-1])
    >>> p["peringkat_prioritas"].tolist()[:3]
    [1, 2, 3]
    """
    fw = framework_of(table, framework)
    pos = find_region(table, region)
    one = table.iloc[[pos]]
    cluster = one["jenis"].iloc[0] if "jenis" in one and pd.notna(one["jenis"].iloc[0]) else None
    peers = participants(table, cluster)
    if importance is None:
        importance = main_effects(table, fw, cluster=cluster, n_boot=0, lang=lang)
    imp = importance.groupby("indikator")["nilai"].mean().clip(lower=0)
    imp = imp / imp.max() if imp.max() > 0 else imp
    x_one = indicator_features(one, fw).iloc[0]
    if gap == "top10":
        top = peers[cluster_rank(peers) <= top_k]
        goal = indicator_features(top, fw).mean()
    elif gap == "max":
        goal = pd.Series(3.0, index=x_one.index)
        goal[JUMLAH] = float(fw.jumlah_cap)
    else:
        raise ValueError("gap must be 'top10' or 'max'")
    goal[JUMLAH] = min(goal[JUMLAH], fw.jumlah_cap)
    step = point_values(one, fw).iloc[0].copy()
    avail = points_available(table, region, fw, lang).set_index("indikator")
    out = pd.DataFrame({"indikator": x_one.index})
    out["level_saat_ini"] = x_one.to_numpy(float)
    out["level_sasaran"] = out["indikator"].map(goal).astype(float)
    diff = (out["level_sasaran"] - out["level_saat_ini"]).clip(lower=0)
    out["poin_celah"] = diff * out["indikator"].map(step).astype(float)
    out["poin_iid_tersedia"] = out["indikator"].map(avail["poin_iid_tersedia"]).astype(float)
    out["kepentingan"] = out["indikator"].map(imp).fillna(0.0).astype(float)
    out["skor_prioritas"] = out["kepentingan"] * out["poin_celah"]
    out = with_indicator_names(out, fw, lang).drop(columns="bobot_nominal")
    out["saran"] = [_suggestion(r, lang) for r in out.to_dict("records")]
    out = out.sort_values(["skor_prioritas", "poin_iid_tersedia"], ascending=False,
                          ignore_index=True)
    out.insert(0, "peringkat_prioritas", np.arange(1, len(out) + 1))
    out.attrs["kode_wilayah"] = str(one["kode_wilayah"].iloc[0])
    out.attrs["klaster"] = cluster
    return out


# ---------------------------------------------------------------------------------------
# all methods in one long table


def drivers_table(table: pd.DataFrame, framework: Framework | None = None,
                  cluster: str | None = None, n_boot: int = 200, n_repeats: int = 5,
                  n_estimators: int = 100, seed=0, lang: str = "id",
                  models: bool = True) -> tuple[pd.DataFrame, TopGroupResult | None]:
    """Every driver estimate in one long table (the content of ``drivers.csv``).

    Returns
    -------
    (DataFrame, TopGroupResult or None)
        Long table ``tahun, indikator, nama_indikator, bagian, metode, nilai, ci_low,
        ci_high, bobot_nominal, peringkat_metode`` (rank within the method, 1 = largest);
        methods ``bobot_nominal``, ``bobot_efektif``, ``efek_utama``, ``bobot_pulih_nnls``
        and ``permutasi_<model>_<target>``. And the model result (scores and warnings).

        With fewer than :data:`MIN_REGIONS_ESTIMABLE` participants nothing is estimated:
        only the nominal weights are returned, the model result is None and
        ``attrs["estimable"]`` is False (``attrs["n_daerah"]``: participants used). The NNLS
        rows are left out when the recovery is not estimable
        (:func:`inovlab.analysis.weight_recovery.estimable`).

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import example_tables
    >>> long, result = drivers_table(region_table(*example_tables(), 2026).iloc[[0]])
    >>> sorted(set(long["metode"])), result is None, long.attrs["estimable"]
    (['bobot_nominal'], True, False)
    """
    fw = framework_of(table, framework)
    cat = indicator_catalogue(fw, lang)
    nominal = cat[["indikator", "nama_indikator", "bagian", "bobot_nominal"]].assign(
        metode="bobot_nominal", nilai=cat["bobot_nominal"], ci_low=np.nan, ci_high=np.nan)
    n_regions = len(participants(table, cluster))
    parts, result = [nominal], None
    if n_regions >= MIN_REGIONS_ESTIMABLE:
        recovered = recover_weights(table if cluster is None
                                    else table[table["jenis"] == cluster],
                                    fw, n_boot=min(n_boot, 50), seed=seed, lang=lang)
        parts += [effective_weights(table, fw, cluster, n_boot=n_boot, seed=seed, lang=lang),
                  main_effects(table, fw, cluster, n_boot=n_boot, seed=seed, lang=lang)]
        if recovered.attrs["estimable"]:
            parts.append(recovered)
    if models and n_regions >= MIN_REGIONS_ESTIMABLE:
        result = top_group_models(table, fw, cluster, n_repeats=n_repeats,
                                  n_estimators=n_estimators, seed=seed, lang=lang)
        parts.append(result.importance)
    cols = ["indikator", "nama_indikator", "bagian", "metode", "nilai", "ci_low", "ci_high",
            "bobot_nominal"]
    long = pd.concat([p[cols] for p in parts if len(p)], ignore_index=True)
    long["peringkat_metode"] = long.groupby("metode")["nilai"].rank(
        ascending=False, method="min", na_option="bottom").astype(int)
    long.insert(0, "tahun", fw.cycle)
    long = long.sort_values(["metode", "peringkat_metode"], ignore_index=True)
    long.attrs["n_daerah"] = n_regions
    long.attrs["estimable"] = n_regions >= MIN_REGIONS_ESTIMABLE
    return long, result
