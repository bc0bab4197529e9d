"""Ranking drivers: which indicators the IID differences between regions are associated with.

Every function starts from the region-level indicator table of one cycle
(:func:`inovlab.rules.decomposition.region_table`: SPD levels, mean SID levels over counted
innovations, ``n_inovasi_dihitung`` and the engine's scores) and returns a tidy DataFrame.
Where the data came from is not read from the tables: the caller keeps it in an
:class:`inovlab.sources.provenance.Inputs` bundle and passes ``source=`` to reports.

These are associations across regions in one cycle, not causes: an indicator's share says
how much of the score differences between regions goes with it, not what raising it would
do (that is the region's own exact breakdown, :mod:`inovlab.analysis.own_score`).

Methods
-------
- :func:`effective_weights` (the headline): each indicator's share of the IID variance,
  ``cov(P_i, Y) / var(Y)`` with ``P_i`` its IID points (exact decomposition, so the
  shares sum to 1); bootstrap 90% interval. A light indicator that merely moves with a
  heavy one keeps a share in proportion to its own weight.
- :func:`main_effects`: first-order sensitivity (correlation ratio)
  ``S_i = Var(E[Y | x_i]) / Var(Y)`` (Paruolo, Saisana & Saltelli 2013, "Ratings and
  rankings: voodoo or science?", JRSS A 176(3), 609-634), by group means for discrete levels
  and a penalised cubic spline for continuous ones, corrected for its small-sample bias by
  a permutation null (with its p-value); bootstrap 90% interval. S_i counts what an
  indicator shares with the others, so :func:`moves_with` and :func:`flag_passengers` name
  the heavier indicator a high S_i may come from.
- :func:`inovlab.analysis.top_group.top_group_models`: cross-validated classifiers of "in
  the cluster's top 10" and "Sangat Inovatif", with permutation importance (re-exported here).
- :func:`inovlab.analysis.weight_recovery.recover_weights`: non-negative least squares of
  the IID on the indicator scores with a free constant (re-exported here); constant
  indicators are dropped and named, and the recovery is left out when the weights are not
  identifiable.
- :func:`drivers_table`: every estimate in one long table (``drivers.csv``, its columns
  documented there); :func:`drivers_headline`: one row per indicator in the headline order;
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
    indicator_features,
    participants,
    percentile_interval,
    with_indicator_names,
)
from inovlab.analysis.top_group import BASELINE_MARGIN, TopGroupResult, top_group_models
from inovlab.analysis.weight_recovery import recover_weights
from inovlab.i18n import format_number, message
from inovlab.rules.decomposition import (
    framework_of,
    indicator_catalogue,
    indicator_points,
)
from inovlab.rules.framework import Framework

__all__ = ["MIN_REGIONS_ESTIMABLE", "MIN_SHARED_VARIANCE", "effective_weights", "main_effects",
           "moves_with", "top_group_models", "recover_weights", "drivers_table",
           "drivers_headline", "TopGroupResult", "METHODS", "TARGETS", "MODELS",
           "BASELINE_MARGIN"]

MIN_REGIONS_ESTIMABLE = 3
"""Fewest participating regions for any cross-region estimate: with one region nothing
varies, with two every variance share is a single difference. A floor against crashes and
meaningless numbers, not a recommendation (``inovlab drivers`` asks for far more, see
:data:`inovlab.analysis.drivers_report.MIN_CLUSTER_REGIONS`)."""

MIN_SHARED_VARIANCE = 0.5
"""Squared correlation from which two indicators "move together" (:func:`moves_with`): they
share more than half of their variance across regions, so a main effect S_i can come
mostly from the other one."""

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


def _gcv_penalty(basis: np.ndarray, penalty: np.ndarray, y: np.ndarray) -> float:
    """Ridge penalty of the spline chosen by generalised cross-validation over a grid."""
    xtx = basis.T @ basis / len(y)
    xty = basis.T @ y / len(y)
    best, lam = np.inf, 1e-3
    for cand in 10.0 ** np.arange(-8, 1):
        a = _solve(xtx + cand * penalty, np.eye(len(penalty)))
        resid = y - basis @ (a @ xty)
        df = np.trace(a @ xtx)
        gcv = np.mean(resid ** 2) / max(1e-12, (1 - df / len(y))) ** 2
        if gcv < best:
            best, lam = gcv, cand
    return lam


def _spline_effects(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Var_w(f(x)) / Var_w(Y) for a penalised cubic spline f fitted by weighted ridge.

    The penalty ``lam`` is chosen once, on the full sample, by generalised cross-validation
    over a grid, then kept for every bootstrap row.
    """
    basis, penalty = _spline_basis(x)
    lam = _gcv_penalty(basis, penalty, y)
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


def _permuted(y: np.ndarray, n_perm: int, seed) -> np.ndarray:
    """``n_perm`` random permutations of ``y`` as rows, shape ``(n_perm, n)``."""
    rng = np.random.default_rng(seed)
    return y[rng.permuted(np.tile(np.arange(len(y)), (n_perm, 1)), axis=1)]


def _group_null(x: np.ndarray, y_perm: np.ndarray) -> np.ndarray:
    """S_i of group means for each permuted outcome row (x fixed, equal weights)."""
    groups = np.unique(x)
    onehot = (x[:, None] == groups[None, :]).astype(float)
    share = onehot.mean(axis=0)
    means = (y_perm @ onehot) / onehot.sum(axis=0)
    between = ((means - y_perm.mean(axis=1)[:, None]) ** 2 * share).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return between / y_perm.var(axis=1)


def _spline_null(x: np.ndarray, y: np.ndarray, y_perm: np.ndarray) -> np.ndarray:
    """S_i of the penalised spline (penalty chosen on the real ``y``) per permuted row."""
    basis, penalty = _spline_basis(x)
    lam = _gcv_penalty(basis, penalty, y)
    n = len(y)
    a = _solve(basis.T @ basis / n + lam * penalty, np.eye(len(penalty)))
    fit = basis @ (a @ (basis.T @ y_perm.T / n))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.clip(fit.var(axis=0) / y_perm.var(axis=1), 0, 1)


def _one_effect(xi: np.ndarray, y: np.ndarray, w_all: np.ndarray,
                y_perm: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    """Full-sample and bootstrap S_i (row 0 = full sample), its permutation null, estimator."""
    if np.ptp(xi) == 0:
        return np.zeros(len(w_all)), np.zeros(max(len(y_perm), 1)), "konstan"
    if _is_discrete(xi):
        return _group_effects(xi, y, w_all), _group_null(xi, y_perm), "rata-rata kelompok"
    return _spline_effects(xi, y, w_all), _spline_null(xi, y, y_perm), "spline terpenalti"


def _corrected(values: np.ndarray, null: np.ndarray) -> dict:
    """Bias-corrected S_i, its interval and the permutation test of one indicator.

    The estimate minus the permutation-null mean (the value S_i takes, on average, when the
    indicator and the IID are unrelated: about ``(G - 1) / N`` for ``G`` groups). The
    bootstrap interval is first re-centred on the estimate (resampling repeats regions and
    inflates S_i once more), then shifted the same way. Shares below 0 are shown as 0.
    """
    raw, boot = values[0], values[1:]
    null_mean = float(np.nanmean(null)) if len(null) else 0.0
    lo, hi = percentile_interval(boot[:, None])
    shift = (float(np.nanmean(boot)) - raw if len(boot) else 0.0) + null_mean
    p_value = (1 + np.count_nonzero(null >= raw - 1e-12)) / (len(null) + 1) if len(null) else np.nan
    return {"nilai": max(raw - null_mean, 0.0), "ci_low": max(lo[0] - shift, 0.0),
            "ci_high": max(hi[0] - shift, 0.0), "nilai_mentah": raw, "rata_nol": null_mean,
            "p_permutasi": p_value}


def main_effects(table: pd.DataFrame, framework: Framework | None = None,
                 cluster: str | None = None, outcome: str = "skor_iid", n_boot: int = 200,
                 seed=0, lang: str = "id", n_perm: int = 200) -> pd.DataFrame:
    """First-order sensitivity (correlation ratio) of the IID to each indicator, bias-corrected.

    Following Paruolo, Saisana & Saltelli (2013), "Ratings and rankings: voodoo or
    science?", J. R. Stat. Soc. A 176(3), 609-634, the *main effect* of indicator ``x_i``
    on the index ``Y`` is the correlation ratio (Pearson's eta squared)::

        S_i = Var_{x_i}( E[Y | x_i] ) / Var(Y)

    the share of the IID variance that ``x_i`` alone is associated with, *including* what it
    shares with the indicators it moves with (so the S_i of all indicators do not add up to
    1, and a light indicator that moves with a heavy one gets a high S_i: read it beside
    :func:`effective_weights` and :func:`moves_with`). ``E[Y | x_i]`` is estimated

    - for discrete levels (SPD 0-3, at most 6 integer values): exactly, by group means;
    - for continuous values (mean SID levels, counted innovations): by a penalised cubic
      regression spline (truncated-power basis, knots at quantiles, ridge penalty on the
      knot terms, penalty chosen by generalised cross-validation).

    On ``N`` regions the estimate is biased upward (about ``(G - 1) / N`` for ``G`` level
    groups, even when ``x_i`` and ``Y`` are unrelated). The reported ``nilai`` is corrected:
    ``S_i`` minus the mean of its permutation null (``Y`` shuffled over regions ``n_perm``
    times, the estimator and spline penalty unchanged), shown as 0 when below; ``p_permutasi``
    is the share of shuffles reaching the raw ``S_i`` (the test of "no association"). The
    90% interval is a percentile bootstrap over regions, re-centred and shifted by the same
    correction. Over participants (``skor_iid > 0``).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`inovlab.rules.decomposition.region_table`.
    cluster : str, optional
        Restrict to one cluster (``jenis``).
    outcome : str
        Column of ``Y`` (default ``skor_iid``).
    n_boot : int
        Bootstrap resamples (0: no interval).
    seed : int or Generator
    n_perm : int
        Permutations of the null (0: no correction, ``p_permutasi`` NaN).

    Returns
    -------
    DataFrame
        ``indikator, nama_indikator, bagian, metode ("efek_utama"), nilai`` (corrected S_i),
        ``ci_low, ci_high, bobot_nominal, penaksir`` (``rata-rata kelompok``, ``spline
        terpenalti`` or ``konstan``), ``nilai_mentah`` (uncorrected S_i), ``rata_nol`` (null
        mean subtracted), ``p_permutasi``; largest ``nilai`` first.

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import synthetic_panel
    >>> p = synthetic_panel(80, seed=2)
    >>> t = region_table(p["inovasi"], p["spd"], 2026)
    >>> me = main_effects(t, n_boot=10, n_perm=20, seed=0)
    >>> bool(me["nilai"].between(0, 1).all()), bool((me["nilai"] <= me["nilai_mentah"]).all())
    (True, True)
    """
    fw = framework_of(table, framework)
    part = participants(table, cluster)
    x = indicator_features(part, fw)
    y = part[outcome].to_numpy(float)
    w_all = np.vstack([np.full(len(y), 1.0 / len(y)), bootstrap_weights(len(y), n_boot, seed)])
    y_perm = _permuted(y, n_perm, np.random.default_rng(seed).integers(2 ** 32))
    rows, how = [], []
    for col in x.columns:
        values, null, kind = _one_effect(x[col].to_numpy(float), y, w_all, y_perm)
        rows.append(_corrected(values, null[:n_perm]))
        how.append(kind)
    out = pd.DataFrame(rows)
    out.insert(0, "indikator", x.columns)
    out.insert(1, "metode", "efek_utama")
    extra = out.pop("nilai_mentah"), out.pop("rata_nol"), out.pop("p_permutasi")
    out = with_indicator_names(out, fw, lang)
    out["penaksir"] = how
    for column in extra:
        out[column.name] = column.to_numpy()
    out = out.sort_values("nilai", ascending=False, ignore_index=True)
    out.attrs["n_daerah"] = len(y)
    return out


def moves_with(table: pd.DataFrame, shares: pd.DataFrame, framework: Framework | None = None,
               cluster: str | None = None, min_r2: float = MIN_SHARED_VARIANCE,
               lang: str = "id") -> pd.DataFrame:
    """For each indicator, the heavier indicator it moves with across regions (if any).

    Indicator ``j`` is *heavier* than ``i`` when its effective weight (``shares``, e.g.
    :func:`effective_weights`) is larger. ``i`` moves with ``j`` when they share at least
    ``min_r2`` of their variance across the participating regions (squared Pearson
    correlation ``r^2 >= min_r2``, by default more than half); of several such ``j`` the
    heaviest is named. Such an ``i`` can show a high main effect S_i mostly through
    ``j``: its own share is its effective weight.

    Returns
    -------
    DataFrame
        ``indikator, bergerak_dengan`` (code, empty when none), ``nama_bergerak_dengan``,
        ``korelasi_bergerak`` (``r``, NaN when none).

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import correlated_panel
    >>> p = correlated_panel(seed=0)
    >>> t = region_table(p["inovasi"], p["spd"], 2026)
    >>> mw = moves_with(t, effective_weights(t, n_boot=0)).set_index("indikator")
    >>> mw.loc[p["passengers"], "bergerak_dengan"].tolist()
    ['ind_35', 'ind_35']
    """
    fw = framework_of(table, framework)
    x = indicator_features(participants(table, cluster), fw)
    share = shares.groupby("indikator")["nilai"].mean().reindex(x.columns).fillna(0).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.nan_to_num(np.corrcoef(x.to_numpy(float), rowvar=False), nan=0.0)
    eligible = (share[None, :] > share[:, None]) & (r ** 2 >= min_r2)
    strength = np.where(eligible, share[None, :], -np.inf)
    best = strength.argmax(axis=1)
    found = eligible.any(axis=1)
    names = indicator_catalogue(fw, lang).set_index("indikator")["nama_indikator"]
    partner = np.where(found, x.columns.to_numpy()[best], "")
    return pd.DataFrame({
        "indikator": x.columns, "bergerak_dengan": partner,
        "nama_bergerak_dengan": [names.get(c, "") for c in partner],
        "korelasi_bergerak": np.where(found, r[np.arange(len(best)), best], np.nan)})


# ---------------------------------------------------------------------------------------
# all methods in one long table


_TEXT = {
    "moves_with": {"id": "S_i tinggi terutama karena bergerak bersama {name} (r = {r}), yang "
                         "bobot efektifnya lebih besar; porsi indikator ini sendiri adalah "
                         "bobot efektifnya ({share}).",
                   "en": "S_i is high mostly because it moves with {name} (r = {r}), which has "
                         "a larger effective weight; this indicator's own share is its "
                         "effective weight ({share})."},
}

LONG_COLUMNS = ["indikator", "nama_indikator", "bagian", "metode", "nilai", "ci_low", "ci_high",
                "bobot_nominal", "nilai_mentah", "rata_nol", "p_permutasi", "bergerak_dengan",
                "nama_bergerak_dengan", "korelasi_bergerak", "catatan"]
"""Columns of :func:`drivers_table` after ``tahun`` (``peringkat_metode`` follows)."""

SIGNIFICANCE = 0.05
"""Permutation p-value below which a main effect counts as "high" (:func:`flag_passengers`)."""


def flag_passengers(effects: pd.DataFrame, partners: pd.DataFrame, shares: pd.DataFrame,
                    lang: str = "id") -> pd.DataFrame:
    """Main effects with the correlation warning: which heavier indicator each moves with.

    An indicator is flagged in ``catatan`` when its S_i is clearly above the null
    (``p_permutasi < SIGNIFICANCE``) and it moves with a heavier indicator
    (:func:`moves_with`): its S_i is then high mostly through that one, and its own share is
    its effective weight.

    Parameters
    ----------
    effects : DataFrame
        :func:`main_effects`.
    partners : DataFrame
        :func:`moves_with`.
    shares : DataFrame
        :func:`effective_weights`.

    Returns
    -------
    DataFrame
        ``effects`` with ``bergerak_dengan, nama_bergerak_dengan, korelasi_bergerak,
        catatan``.

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import correlated_panel
    >>> t = region_table(*[correlated_panel(seed=0)[k] for k in ("inovasi", "spd")], 2026)
    >>> ew = effective_weights(t, n_boot=0)
    >>> me = flag_passengers(main_effects(t, n_boot=0, n_perm=50), moves_with(t, ew), ew)
    >>> me.set_index("indikator").loc["ind_23", "catatan"][:54]
    'S_i tinggi terutama karena bergerak bersama Video inov'
    """
    out = effects.merge(partners, on="indikator", how="left")
    out["bergerak_dengan"] = out["bergerak_dengan"].fillna("")
    share = shares.set_index("indikator")["nilai"]
    flagged = out["bergerak_dengan"].ne("") & (out["p_permutasi"] < SIGNIFICANCE)
    out["catatan"] = [
        message(_TEXT, "moves_with", lang, name=r.nama_bergerak_dengan,
                r=format_number(r.korelasi_bergerak, 2, lang),
                share=format_number(share.get(r.indikator, np.nan), 3, lang)) if flag else ""
        for r, flag in zip(out.itertuples(), flagged, strict=True)]  # one per indicator
    return out


def drivers_headline(long: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator, ordered by effective weight: the drivers table readers see.

    Built from :func:`drivers_table`'s ``bobot_efektif`` and ``efek_utama`` rows. The
    order (``peringkat``) and the "Penggerak 1/2/3" of the clinic and deck come from the
    effective weight, the indicator's share of the IID variance; the bias-corrected main
    effect follows with its correlation warning.

    Returns
    -------
    DataFrame
        ``peringkat, indikator, nama_indikator, bagian, bobot_nominal, bobot_efektif,
        bobot_efektif_low, bobot_efektif_high, efek_utama, efek_utama_low, efek_utama_high,
        efek_utama_mentah, p_permutasi, bergerak_dengan`` (name), ``korelasi_bergerak,
        catatan``. Empty when nothing was estimated.

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import correlated_panel
    >>> t = region_table(*[correlated_panel(seed=0)[k] for k in ("inovasi", "spd")], 2026)
    >>> long, _ = drivers_table(t, n_boot=20, n_perm=50, models=False)
    >>> drivers_headline(long)["nama_indikator"].head(2).tolist()
    ['Video inovasi daerah', 'Kemanfaatan inovasi']
    """
    ew = long[long["metode"] == "bobot_efektif"].set_index("indikator")
    me = long[long["metode"] == "efek_utama"].set_index("indikator").reindex(ew.index)
    out = ew[["nama_indikator", "bagian", "bobot_nominal"]].copy()
    out["bobot_efektif"], out["bobot_efektif_low"], out["bobot_efektif_high"] = (
        ew["nilai"], ew["ci_low"], ew["ci_high"])
    out["efek_utama"], out["efek_utama_low"], out["efek_utama_high"] = (
        me["nilai"], me["ci_low"], me["ci_high"])
    out["efek_utama_mentah"], out["p_permutasi"] = me["nilai_mentah"], me["p_permutasi"]
    out["bergerak_dengan"] = me["nama_bergerak_dengan"].fillna("")
    out["korelasi_bergerak"] = me["korelasi_bergerak"]
    out["catatan"] = me["catatan"].fillna("")
    out = out.sort_values("bobot_efektif", ascending=False).reset_index()
    out.insert(0, "peringkat", np.arange(1, len(out) + 1))
    return out


def _estimates(table: pd.DataFrame, fw: Framework, cluster, n_boot: int, n_perm: int, seed,
               lang: str) -> tuple[list[pd.DataFrame], pd.DataFrame]:
    """Effective weights, flagged main effects and (when identifiable) the NNLS weights."""
    recovered = recover_weights(table if cluster is None else table[table["jenis"] == cluster],
                                fw, n_boot=min(n_boot, 50), seed=seed, lang=lang)
    ew = effective_weights(table, fw, cluster, n_boot=n_boot, seed=seed, lang=lang)
    me = main_effects(table, fw, cluster, n_boot=n_boot, seed=seed, lang=lang, n_perm=n_perm)
    me = flag_passengers(me, moves_with(table, ew, fw, cluster, lang=lang), ew, lang)
    return [ew, me] + ([recovered] if recovered.attrs["estimable"] else []), recovered


def drivers_table(table: pd.DataFrame, framework: Framework | None = None,
                  cluster: str | None = None, n_boot: int = 200, n_repeats: int = 5,
                  n_estimators: int = 100, seed=0, lang: str = "id",
                  models: bool = True, n_perm: int = 200
                  ) -> tuple[pd.DataFrame, TopGroupResult | None]:
    """Every driver estimate in one long table (the content of ``drivers.csv``).

    Returns
    -------
    (DataFrame, TopGroupResult or None)
        Long table, one row per indicator and method (``metode``)::

            tahun               cycle
            indikator           code (spd_<code>, ind_<code>, jumlah_inovasi)
            nama_indikator      name from the framework's indicator table
            bagian              spd / kematangan / jumlah_inovasi
            metode              bobot_nominal, bobot_efektif (the headline: share of the IID
                                variance), efek_utama (bias-corrected S_i),
                                bobot_pulih_nnls, permutasi_<model>_<target>
            nilai, ci_low, ci_high   estimate and its 90% interval
            bobot_nominal       the framework's weight as a share of the maximum
            nilai_mentah        efek_utama only: S_i before the bias correction
            rata_nol            efek_utama only: permutation-null mean subtracted
            p_permutasi         efek_utama only: p-value against "no association"
            bergerak_dengan, nama_bergerak_dengan, korelasi_bergerak
                                the heavier indicator it moves with (:func:`moves_with`)
            catatan             the correlation warning (efek_utama) or why an NNLS weight
                                is missing (a constant indicator)
            peringkat_metode    rank within the method (1 = largest; empty without value)

        And the model result (scores and warnings). With fewer than
        :data:`MIN_REGIONS_ESTIMABLE` participants nothing is estimated: only the nominal
        weights are returned, the model result is None and ``attrs["estimable"]`` is False
        (``attrs["n_daerah"]``: participants used). The NNLS rows are left out when the
        weights are not identifiable (:func:`inovlab.analysis.weight_recovery.
        identifiability`); ``attrs["nnls"]`` holds the recovery's fit statistics and reason.

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
    parts, result, nnls_stats = [nominal], None, {}
    if n_regions >= MIN_REGIONS_ESTIMABLE:
        estimates, recovered = _estimates(table, fw, cluster, n_boot, n_perm, seed, lang)
        parts += estimates
        nnls_stats = dict(recovered.attrs, selisih_maksimum=float(
            recovered["selisih_relatif"].abs().max()))
    if models and n_regions >= MIN_REGIONS_ESTIMABLE:
        result = top_group_models(table, fw, cluster, n_repeats=n_repeats,
                                  n_estimators=n_estimators, seed=seed, lang=lang)
        parts.append(result.importance)
    long = pd.concat([p.reindex(columns=LONG_COLUMNS) for p in parts if len(p)],
                     ignore_index=True)
    long["catatan"] = long["catatan"].astype(object).where(long["catatan"].notna(), "")
    long["peringkat_metode"] = long.groupby("metode")["nilai"].rank(
        ascending=False, method="min").astype("Int64")
    long.insert(0, "tahun", fw.cycle)
    long = long.sort_values(["metode", "peringkat_metode"], ignore_index=True)
    long.attrs.update({"n_daerah": n_regions, "estimable": n_regions >= MIN_REGIONS_ESTIMABLE,
                       "nnls": nnls_stats})
    return long, result
