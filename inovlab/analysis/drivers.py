"""Ranking drivers: which indicators really move the IID and the rank, and how sure we are.

Every function starts from the region-level indicator table of one cycle
(:func:`inovlab.rules.decomposition.region_table`: SPD levels, mean SID levels over counted
innovations, ``n_inovasi_dihitung`` and the engine's scores) and returns a tidy DataFrame.

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
- :func:`top_group_models`: cross-validated classifiers (L2 logistic regression on
  standardised indicators; random forest) of "in the cluster's top 10" and "Sangat
  Inovatif", with permutation importance on held-out folds and the CV score beside the
  baseline.
- :func:`recover_weights`: non-negative least squares of the IID on the indicator scores.
- :func:`priorities`: importance x the region's gap, the "prioritas perbaikan" table.
- :func:`cli_drivers`: ``inovlab drivers``.

Examples
--------
>>> panel = synthetic_panel(n_regions=120, seed=1)
>>> table = region_table(panel["inovasi"], panel["spd"], 2026)
>>> ew = effective_weights(table, n_boot=20, seed=0)
>>> round(float(ew["nilai"].sum()), 6)
1.0
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import nnls

from inovlab.i18n import format_number, source_label
from inovlab.rules.decomposition import (
    JUMLAH,
    _fw,
    decompose,
    find_region,
    indicator_catalogue,
    indicator_points,
    point_values,
    points_available,
    region_table,
)
from inovlab.rules.framework import Framework, load_framework

__all__ = ["region_table", "decompose", "indicator_points", "points_available", "effective_weights",
           "main_effects", "top_group_models", "recover_weights", "priorities",
           "drivers_table", "synthetic_panel", "cli_drivers", "TopGroupResult"]

METHODS = {
    "bobot_nominal": {"id": "bobot nominal (dinormalkan)", "en": "nominal weight (normalised)"},
    "bobot_efektif": {"id": "bobot efektif (porsi varians IID)",
                      "en": "effective weight (share of IID variance)"},
    "efek_utama": {"id": "efek utama S_i (rasio korelasi)",
                   "en": "main effect S_i (correlation ratio)"},
    "bobot_pulih_nnls": {"id": "bobot hasil pemulihan NNLS", "en": "NNLS recovered weight"},
}

TARGETS = {"top10": {"id": "10 besar klaster", "en": "cluster top 10"},
           "sangat_inovatif": {"id": "Sangat Inovatif", "en": "Very Innovative"}}

MODELS = {"logistik": {"id": "regresi logistik (L2)", "en": "logistic regression (L2)"},
          "hutan_acak": {"id": "hutan acak", "en": "random forest"}}

BASELINE_MARGIN = 0.05
"""A CV ROC AUC below 0.5 + this margin counts as "no better than the baseline"."""


def _participants(table: pd.DataFrame, cluster: str | None = None) -> pd.DataFrame:
    """Regions that took part (IID > 0), optionally of one cluster (``jenis``)."""
    out = table[table["skor_iid"].fillna(0).to_numpy(float) > 0]
    if cluster is not None:
        out = out[out["jenis"] == cluster]
    return out


def _features(table: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Indicator columns for the statistical methods (``jumlah_inovasi`` = counted n)."""
    x = table[fw.spd_columns + fw.sid_columns].astype(float).copy()
    x[JUMLAH] = table["n_inovasi_dihitung"].to_numpy(float)
    return x


def _boot_weights(n: int, n_boot: int, seed) -> np.ndarray:
    """Bootstrap resamples as normalised multinomial count weights, shape (n_boot, n)."""
    rng = np.random.default_rng(seed)
    if n_boot <= 0:
        return np.empty((0, n))
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)
    return counts / n


def _ci(boot: np.ndarray, level: float = 0.90) -> tuple[np.ndarray, np.ndarray]:
    if boot.shape[0] == 0:
        nan = np.full(boot.shape[1], np.nan)
        return nan, nan
    alpha = (1 - level) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN column stays NaN
        return np.nanquantile(boot, alpha, axis=0), np.nanquantile(boot, 1 - alpha, axis=0)


def _label(df: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Carry the data source (``attrs["sumber_data"]``) and the cycle from the input table."""
    df.attrs["sumber_data"] = table.attrs.get("sumber_data", "user")
    if "cycle" in table.attrs:
        df.attrs["cycle"] = table.attrs["cycle"]
    return df


def _with_names(df: pd.DataFrame, fw: Framework, lang: str) -> pd.DataFrame:
    cat = indicator_catalogue(fw, lang).set_index("indikator")
    df.insert(1, "nama_indikator", df["indikator"].map(cat["nama_indikator"]))
    df.insert(2, "bagian", df["indikator"].map(cat["bagian"]))
    df["bobot_nominal"] = df["indikator"].map(cat["bobot_nominal"])
    return df


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
    >>> t = region_table(*_tables(synthetic_panel(80, seed=2)), 2026)
    >>> ew = effective_weights(t, n_boot=0)
    >>> ew.columns.tolist()[:5]
    ['indikator', 'nama_indikator', 'bagian', 'metode', 'nilai']
    """
    fw = _fw(table, framework)
    part = _participants(table, cluster)
    points = indicator_points(part, fw)
    p = points.to_numpy(float)
    y = p.sum(axis=1)
    yc = y - y.mean()
    est = ((p - p.mean(axis=0)) * yc[:, None]).mean(axis=0) / (yc ** 2).mean()
    w = _boot_weights(len(y), n_boot, seed)
    my = w @ y
    cov = w @ (p * y[:, None]) - (w @ p) * my[:, None]
    var = w @ (y ** 2) - my ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        boot = cov / var[:, None]
    low, high = _ci(boot)
    out = pd.DataFrame({"indikator": points.columns, "metode": "bobot_efektif", "nilai": est,
                        "ci_low": low, "ci_high": high})
    out = _with_names(out, fw, lang)
    out = out.sort_values("nilai", ascending=False, ignore_index=True)
    out.attrs["n_daerah"] = len(y)
    return _label(out, table)


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
        a = np.linalg.solve(xtx + cand * penalty, np.eye(len(penalty)))
        beta = a @ xty
        resid = y - basis @ beta
        df = np.trace(a @ xtx)
        gcv = np.mean(resid ** 2) / max(1e-12, (1 - df / len(y))) ** 2
        if gcv < best:
            best, lam = gcv, cand
    a_b = np.einsum("bn,ni,nj->bij", w, basis, basis) + lam * penalty
    r_b = np.einsum("bn,ni->bi", w * y[None, :], basis)
    beta_b = np.linalg.solve(a_b, r_b[..., None])[..., 0]
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
    >>> t = region_table(*_tables(synthetic_panel(80, seed=2)), 2026)
    >>> me = main_effects(t, n_boot=10, seed=0)
    >>> bool(me["nilai"].between(0, 1).all())
    True
    """
    fw = _fw(table, framework)
    part = _participants(table, cluster)
    x = _features(part, fw)
    y = part[outcome].to_numpy(float)
    w_all = np.vstack([np.full(len(y), 1.0 / len(y)), _boot_weights(len(y), n_boot, seed)])
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
        lo, hi = _ci(values[1:, None])
        low.append(lo[0])
        high.append(hi[0])
    out = pd.DataFrame({"indikator": x.columns, "metode": "efek_utama", "nilai": est,
                        "ci_low": low, "ci_high": high})
    out = _with_names(out, fw, lang)
    out["penaksir"] = how
    out = out.sort_values("nilai", ascending=False, ignore_index=True)
    out.attrs["n_daerah"] = len(y)
    return _label(out, table)


# ---------------------------------------------------------------------------------------
# top group models


@dataclass
class TopGroupResult:
    """Result of :func:`top_group_models`.

    Attributes
    ----------
    importance : DataFrame
        ``indikator, nama_indikator, bagian, metode, nilai, ci_low, ci_high, bobot_nominal,
        target, model``: permutation importance (drop of held-out ROC AUC).
    scores : DataFrame
        ``target, model, n_daerah, n_positif, auc_cv, auc_baseline, balanced_accuracy_cv,
        balanced_accuracy_baseline, lebih_baik_dari_baseline, peringatan``.
    warnings : list of str
        Plain-language warnings (Indonesian or English).
    """

    importance: pd.DataFrame
    scores: pd.DataFrame
    warnings: list = field(default_factory=list)


def _auc_rows(y: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """ROC AUC of each row of ``scores`` against labels ``y`` (Mann-Whitney U / n1 n0)."""
    from scipy.stats import rankdata

    pos = y.astype(bool)
    ranks = rankdata(scores, axis=1)
    n1, n0 = pos.sum(), (~pos).sum()
    return (ranks[:, pos].sum(axis=1) - n1 * (n1 + 1) / 2) / (n1 * n0)


def _permutation_drops(model, x: np.ndarray, y: np.ndarray, n_repeats: int,
                       rng: np.random.Generator) -> np.ndarray:
    """Drop of ROC AUC when each column is shuffled, shape (n_features, n_repeats).

    Same quantity as ``sklearn.inspection.permutation_importance(scoring="roc_auc")``, but
    every shuffled copy is stacked into one matrix and scored with one ``predict_proba``.
    """
    from sklearn.metrics import roc_auc_score

    m, p = x.shape
    base = roc_auc_score(y, model.predict_proba(x)[:, 1])
    order = rng.permuted(np.tile(np.arange(m), (n_repeats * p, 1)), axis=1)
    stacked = np.tile(x, (n_repeats * p, 1, 1))
    cols = np.tile(np.arange(p), n_repeats)
    blocks = np.arange(n_repeats * p)
    stacked[blocks[:, None], np.arange(m)[None, :], cols[:, None]] = x[order, cols[:, None]]
    prob = model.predict_proba(stacked.reshape(-1, p))[:, 1].reshape(n_repeats * p, m)
    scores = _auc_rows(y, prob)
    return (base - scores).reshape(n_repeats, p).T


def _cluster_rank(part: pd.DataFrame) -> np.ndarray:
    group = part["jenis"].fillna("?") if "jenis" in part else pd.Series("?", index=part.index)
    return part["skor_iid"].groupby(group).rank(ascending=False, method="min").to_numpy()


def top_group_models(table: pd.DataFrame, framework: Framework | None = None,
                     cluster: str | None = None, targets=("top10", "sangat_inovatif"),
                     top_k: int = 10, n_splits: int = 5, n_repeats: int = 5,
                     n_estimators: int = 100, seed=0, lang: str = "id") -> TopGroupResult:
    """What separates the top group from the rest: cross-validated models and importance.

    Targets: ``top10`` (rank ``<= top_k`` by ``skor_iid`` within the cluster ``jenis``; with
    ``cluster=None`` the top ``top_k`` of every cluster) and ``sangat_inovatif`` (predikat).
    Models, each in stratified K-fold cross-validation (``n_splits`` folds, fewer when the
    smaller class is small):

    - ``logistik``: L2-regularised logistic regression (``C=1``, balanced class weights) on
      standardised indicators;
    - ``hutan_acak``: random forest (balanced class weights, ``n_jobs=1``).

    Reported: out-of-fold ROC AUC and balanced accuracy beside the baseline (0.5 for both:
    a constant or random classifier), and permutation importance on each held-out fold
    (mean drop of ROC AUC over ``n_repeats`` shuffles; interval = 5th-95th percentile over
    folds x repeats). When the CV AUC is below ``0.5 + BASELINE_MARGIN`` a plain warning
    says the model does no better than the baseline and its importance should be ignored.
    Permutation importance understates indicators that are strongly correlated with others
    (shuffling one leaves its twins to carry the signal); read it beside
    :func:`main_effects` and :func:`effective_weights`.
    Reference: Breiman (2001), "Random forests", Machine Learning 45, 5-32 (permutation
    importance); scikit-learn ``sklearn.inspection.permutation_importance``.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`inovlab.rules.decomposition.region_table`.
    cluster : str, optional
    targets : sequence of {"top10", "sangat_inovatif"}
    seed : int
        ``random_state`` of the folds, the forest and the permutations.

    Returns
    -------
    TopGroupResult

    Examples
    --------
    >>> t = region_table(*_tables(synthetic_panel(150, seed=3)), 2026)
    >>> r = top_group_models(t, targets=("top10",), n_repeats=2, n_estimators=20)
    >>> sorted(r.scores["model"].tolist())
    ['hutan_acak', 'logistik']
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import balanced_accuracy_score, roc_auc_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    fw = _fw(table, framework)
    rng = np.random.default_rng(seed)
    part = _participants(table, cluster)
    x_df = _features(part, fw)
    x_df = x_df.loc[:, x_df.std(ddof=0).to_numpy() > 0]
    x = x_df.to_numpy(float)
    labels = {"top10": _cluster_rank(part) <= top_k,
              "sangat_inovatif": part["predikat"].astype(str).eq("Sangat Inovatif").to_numpy()}
    imp_rows, score_rows, notes = [], [], []
    for target in targets:
        yv = labels[target].astype(int)
        n_pos = int(yv.sum())
        n_min = min(n_pos, len(yv) - n_pos)
        name_t = TARGETS[target][lang]
        if n_min < 2:
            msg = (f"Target '{name_t}': terlalu sedikit daerah di salah satu kelompok "
                   f"({n_pos} dari {len(yv)}); model tidak dijalankan." if lang == "id" else
                   f"Target '{name_t}': too few regions in one group ({n_pos} of {len(yv)}); "
                   "no model fitted.")
            notes.append(msg)
            continue
        folds = StratifiedKFold(n_splits=min(n_splits, n_min), shuffle=True, random_state=seed)
        models = {
            "logistik": lambda: make_pipeline(StandardScaler(), LogisticRegression(
                C=1.0, class_weight="balanced", max_iter=2000)),
            "hutan_acak": lambda: RandomForestClassifier(
                n_estimators=n_estimators, class_weight="balanced", min_samples_leaf=2,
                random_state=seed, n_jobs=1),
        }
        for model_name, make in models.items():
            prob = np.zeros(len(yv))
            drops = []
            for train, test in folds.split(x, yv):
                model = make().fit(x[train], yv[train])
                prob[test] = model.predict_proba(x[test])[:, 1]
                if len(np.unique(yv[test])) == 2 and n_repeats > 0:
                    drops.append(_permutation_drops(model, x[test], yv[test], n_repeats, rng))
            auc = float(roc_auc_score(yv, prob))
            bacc = float(balanced_accuracy_score(yv, prob >= 0.5))
            better = auc >= 0.5 + BASELINE_MARGIN
            warn = ""
            if not better:
                warn = (f"Model {MODELS[model_name]['id']} untuk '{name_t}' tidak lebih baik dari "
                        f"tebakan dasar (AUC {format_number(auc, 2)} vs 0,50): abaikan "
                        "kepentingan indikatornya." if lang == "id" else
                        f"The {MODELS[model_name]['en']} model for '{name_t}' does no better "
                        f"than the baseline (AUC {auc:.2f} vs 0.50): ignore its importances.")
                notes.append(warn)
            score_rows.append({"target": target, "model": model_name, "n_daerah": len(yv),
                               "n_positif": n_pos, "auc_cv": auc, "auc_baseline": 0.5,
                               "balanced_accuracy_cv": bacc, "balanced_accuracy_baseline": 0.5,
                               "lebih_baik_dari_baseline": better, "peringatan": warn})
            if drops:
                allv = np.concatenate(drops, axis=1)
                low, high = _ci(allv.T)
                imp_rows.append(pd.DataFrame({
                    "indikator": x_df.columns, "metode": f"permutasi_{model_name}_{target}",
                    "nilai": allv.mean(axis=1), "ci_low": low, "ci_high": high,
                    "target": target, "model": model_name}))
    cols = ["indikator", "metode", "nilai", "ci_low", "ci_high", "target", "model"]
    imp = pd.concat(imp_rows, ignore_index=True) if imp_rows else pd.DataFrame(columns=cols)
    imp = _with_names(imp, fw, lang)
    imp = imp.sort_values(["metode", "nilai"], ascending=[True, False], ignore_index=True)
    scores = pd.DataFrame(score_rows, columns=[
        "target", "model", "n_daerah", "n_positif", "auc_cv", "auc_baseline",
        "balanced_accuracy_cv", "balanced_accuracy_baseline", "lebih_baik_dari_baseline",
        "peringatan"])
    return TopGroupResult(_label(imp, table), _label(scores, table), notes)


# ---------------------------------------------------------------------------------------
# weight recovery


def recover_weights(table: pd.DataFrame, framework: Framework | None = None,
                    outcome: str | None = None, n_boot: int = 0, seed=0,
                    lang: str = "id") -> pd.DataFrame:
    """Recover the indicator weights from the IID by non-negative least squares.

    For cycles whose weights are uncertain, regress the IID on the indicator scores::

        Y * T / 100 = sum_k b_k L_k + sum_i b_i mean_i n / MAX(d, n) + b_J MIN(n, cap) u,
        b >= 0                                                   (scipy.optimize.nnls)

    with ``u`` the urusan rule (1 when met). The structure (``T``, ``d``, ``cap``, the urusan
    rule) is taken from the framework; only the weights ``b`` are estimated and set beside
    the nominal ones. On data scored by the engine the fit is exact and ``b`` equals the
    weights (up to rounding of a published IID); a low ``R^2`` or large differences suggest
    the assumed structure is wrong. Lawson & Hanson (1974), *Solving Least Squares
    Problems*, ch. 23.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`inovlab.rules.decomposition.region_table`.
    outcome : str, optional
        Column of ``Y``: ``skor_iid_hasil`` (e.g. published) when present, else ``skor_iid``.
    n_boot : int
        Bootstrap resamples for a 90% interval (0: none).

    Returns
    -------
    DataFrame
        ``indikator, nama_indikator, bagian, metode ("bobot_pulih_nnls"), nilai`` (recovered
        weight, normalised like ``bobot_nominal``), ``ci_low, ci_high, bobot_nominal, bobot,
        bobot_pulih, selisih_relatif`` (``bobot_pulih / bobot - 1``). ``attrs["r2"]``.

    Examples
    --------
    >>> t = region_table(*_tables(synthetic_panel(120, seed=4)), 2026)
    >>> rw = recover_weights(t)
    >>> float(rw["selisih_relatif"].abs().max()) < 1e-6
    True
    """
    fw = _fw(table, framework)
    if outcome is None:
        outcome = "skor_iid_hasil" if "skor_iid_hasil" in table else "skor_iid"
    part = table[np.isfinite(table[outcome].to_numpy(float))]
    part = part[part[outcome].to_numpy(float) > 0]
    values = point_values(part, fw)
    cols = fw.spd_columns + fw.sid_columns
    n = part["n_inovasi_dihitung"].to_numpy(float)
    ok = part.get("syarat_urusan_terpenuhi", pd.Series(True, index=part.index)).to_numpy(bool)
    scale = 100.0 / fw.total_max
    # regressors per unit weight: levels x (their point value / weight)
    weights = np.concatenate([fw.spd_weights.to_numpy(float), fw.sid_weights.to_numpy(float)])
    design = part[cols].to_numpy(float) * values[cols].to_numpy() / weights / scale
    design = np.column_stack([design, np.minimum(n, fw.jumlah_cap) * ok])
    y = part[outcome].to_numpy(float) / scale
    truth = np.append(weights, fw.jumlah_points)
    keep = design.std(axis=0) > 0
    coef = np.full(len(truth), np.nan)
    coef[keep], _ = nnls(design[:, keep], y)
    fitted = design[:, keep] @ coef[keep]
    r2 = 1 - np.sum((y - fitted) ** 2) / np.sum((y - y.mean()) ** 2)
    boot = np.empty((0, len(truth)))
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        rows = []
        for _ in range(n_boot):  # one small NNLS per resample
            idx = rng.integers(0, len(y), len(y))
            b = np.full(len(truth), np.nan)
            b[keep], _ = nnls(design[idx][:, keep], y[idx])
            rows.append(b)
        boot = np.array(rows)
    cat = indicator_catalogue(fw, lang)
    maxima = cat["poin_maksimum"].to_numpy() / cat["bobot"].to_numpy()

    def norm(b):
        pts = b * maxima
        return pts / np.nansum(pts, axis=-1, keepdims=True)

    low, high = _ci(norm(boot)) if len(boot) else _ci(boot)
    out = pd.DataFrame({"indikator": cols + [JUMLAH], "metode": "bobot_pulih_nnls",
                        "nilai": norm(coef), "ci_low": low, "ci_high": high})
    out = _with_names(out, fw, lang)
    out["bobot"] = truth
    out["bobot_pulih"] = coef
    with np.errstate(invalid="ignore", divide="ignore"):
        out["selisih_relatif"] = coef / truth - 1
    out.attrs["r2"] = float(r2)
    out.attrs["outcome"] = outcome
    return _label(out, table)


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
    >>> t = region_table(*_tables(synthetic_panel(120, seed=5)), 2026)
    >>> p = priorities(t, t["kode_wilayah"].iloc[-1])
    >>> p["peringkat_prioritas"].tolist()[:3]
    [1, 2, 3]
    """
    fw = _fw(table, framework)
    pos = find_region(table, region)
    one = table.iloc[[pos]]
    cluster = one["jenis"].iloc[0] if "jenis" in one and pd.notna(one["jenis"].iloc[0]) else None
    peers = _participants(table, cluster)
    if importance is None:
        importance = main_effects(table, fw, cluster=cluster, n_boot=0, lang=lang)
    imp = importance.groupby("indikator")["nilai"].mean().clip(lower=0)
    imp = imp / imp.max() if imp.max() > 0 else imp
    x_one = _features(one, fw).iloc[0]
    if gap == "top10":
        top = peers[_cluster_rank(peers) <= top_k]
        goal = _features(top, fw).mean()
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
    out = _with_names(out, fw, lang).drop(columns="bobot_nominal")
    out["saran"] = [_suggestion(r, lang) for r in out.to_dict("records")]
    out = out.sort_values(["skor_prioritas", "poin_iid_tersedia"], ascending=False,
                          ignore_index=True)
    out.insert(0, "peringkat_prioritas", np.arange(1, len(out) + 1))
    out.attrs["kode_wilayah"] = str(one["kode_wilayah"].iloc[0])
    out.attrs["klaster"] = cluster
    return _label(out, table)


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
    """
    fw = _fw(table, framework)
    cat = indicator_catalogue(fw, lang)
    nominal = cat[["indikator", "nama_indikator", "bagian", "bobot_nominal"]].assign(
        metode="bobot_nominal", nilai=cat["bobot_nominal"], ci_low=np.nan, ci_high=np.nan)
    parts = [nominal,
             effective_weights(table, fw, cluster, n_boot=n_boot, seed=seed, lang=lang),
             main_effects(table, fw, cluster, n_boot=n_boot, seed=seed, lang=lang),
             recover_weights(table if cluster is None else table[table["jenis"] == cluster],
                             fw, n_boot=min(n_boot, 50), seed=seed, lang=lang)]
    result = None
    if models:
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
    return _label(long, table), result


# ---------------------------------------------------------------------------------------
# synthetic data with known truth (tests, doctests, the notebook when offline)


def synthetic_panel(n_regions: int = 200, cycle: int = 2026, decisive=("ind_35", "ind_33",
                    "spd_12", "ind_31", "spd_6"), seed=0) -> dict:
    """A small synthetic cycle whose decisive indicators are known.

    The regions are the first ``n_regions`` kabupaten and kota of the reference (at most
    514). Each region has a capacity ``z ~ N(0, 1)``. Decisive indicators take levels from
    ``z`` (strong loading), the others are noise around a common level, and the number of
    innovations is weakly tied to ``z``. Levels are scored by :mod:`inovlab.rules.scoring`.

    Returns
    -------
    dict
        ``inovasi``, ``spd`` (wide) and ``decisive`` (the list passed in).

    Examples
    --------
    >>> p = synthetic_panel(10, seed=0)
    >>> sorted(p)
    ['decisive', 'inovasi', 'spd']
    """
    rng = np.random.default_rng(seed)
    fw = load_framework(cycle)
    from inovlab.io.regions import load_regions

    ref = load_regions()
    codes = ref.loc[ref["jenis"] != "provinsi", "kode_wilayah"].to_numpy()[:n_regions].tolist()
    n_regions = len(codes)
    z = rng.normal(size=n_regions)
    n_inn = np.clip(np.round(rng.normal(20 + 3 * z, 3)), 3, 60).astype(int)

    def levels(latent, loading, size):
        noise = rng.normal(size=size)
        score = loading * latent + noise * (1.0 if loading > 0 else 0.6) + 1.5
        return np.clip(np.round(score), 0, 3).astype(int)

    spd = pd.DataFrame({"tahun": cycle, "kode_wilayah": codes})
    for c in fw.spd_columns:
        spd[c] = levels(z, 1.2 if c in decisive else 0.0, n_regions)
    owner = np.repeat(np.arange(n_regions), n_inn)
    inovasi = pd.DataFrame({"tahun": cycle, "kode_wilayah": np.array(codes)[owner],
                            "tahapan": "penerapan",
                            "urusan": rng.choice(fw.basic_service_urusan, len(owner))})
    inovasi["id_inovasi"] = np.arange(len(owner))
    zi = z[owner] + 0.3 * rng.normal(size=len(owner))
    for c in fw.sid_columns:
        inovasi[c] = levels(zi, 1.2 if c in decisive else 0.0, len(owner))
    spd.attrs["sumber_data"] = inovasi.attrs["sumber_data"] = "user"
    return {"inovasi": inovasi, "spd": spd, "decisive": list(decisive)}


def _tables(panel: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    return panel["inovasi"], panel["spd"]


# ---------------------------------------------------------------------------------------
# command line

_TEXT = {
    "title": {"id": "Penggerak peringkat IID {cycle} ({source})",
              "en": "IID ranking drivers {cycle} ({source})"},
    "scope": {"id": "{n} daerah peserta{cluster}.", "en": "{n} participating regions{cluster}."},
    "top": {"id": "Indikator terpenting ({method}): {items}",
            "en": "Most important indicators ({method}): {items}"},
    "cv": {"id": "Skor validasi silang {target}, {model}: AUC {auc} (dasar 0,50), "
                 "akurasi seimbang {bacc} (dasar 0,50)",
           "en": "Cross-validated score {target}, {model}: AUC {auc} (baseline 0.50), "
                 "balanced accuracy {bacc} (baseline 0.50)"},
    "nnls": {"id": "Pemulihan bobot NNLS: R^2 = {r2}; selisih relatif maksimum {dev}.",
             "en": "NNLS weight recovery: R^2 = {r2}; largest relative difference {dev}."},
    "assumed": {"id": "Aturan diasumsikan (bukan terkonfirmasi) siklus ini: {items}.",
                "en": "Assumed (not confirmed) rules of this cycle: {items}."},
    "written": {"id": "Ditulis: {files}", "en": "Written: {files}"},
    "prio": {"id": "Prioritas perbaikan {name}: {items}",
             "en": "Improvement priorities for {name}: {items}"},
    "no_data": {"id": "Tidak ada data siklus {cycle} pada {what}.",
                "en": "No data for cycle {cycle} in {what}."},
    "need_files": {"id": "Analisis penggerak memerlukan --spd dan --inovasi (atau --demo); "
                           "--hasil saja tidak cukup.",
                   "en": "Driver analysis needs --spd and --inovasi (or --demo); --hasil alone "
                         "is not enough."},
}


def _t(key: str, lang: str, **kw) -> str:
    from inovlab.i18n import message

    return message(_TEXT, key, lang, **kw)


def _load_inputs(args, lang: str):
    from inovlab.errors import UsageError

    files = [args.hasil, args.spd, args.inovasi]
    if args.demo or not any(files):
        from inovlab.sources.demo import load_demo

        panel = load_demo()
        return panel.inovasi, panel.spd, panel.hasil, "demo"
    if not (args.spd and args.inovasi):
        raise UsageError(_t("need_files", lang))
    from inovlab.io.validation import load_table

    spd = load_table(args.spd, "spd", cycle=args.cycle, lang=lang)
    inovasi = load_table(args.inovasi, "inovasi", cycle=args.cycle, lang=lang)
    hasil = load_table(args.hasil, "hasil", cycle=args.cycle, lang=lang) if args.hasil else None
    return inovasi, spd, hasil, "user"


def cli_drivers(args) -> int:
    """``inovlab drivers``: write ``drivers.csv`` (and ``prioritas.csv`` with ``--region``).

    Loads ``--spd``/``--inovasi`` (and optional ``--hasil``, whose IID is used for the
    weight recovery) through :func:`inovlab.io.validation.load_table`, or the demo panel
    (``--demo`` or no files). With ``--region`` the estimates are made within the region's
    cluster and ``prioritas.csv`` is written. Prints a short summary with the cross-validated
    scores, the assumed rules and the data source.
    """
    from inovlab.errors import UsageError
    from inovlab.io.export import write_csv

    lang = getattr(args, "lang", "id") or "id"
    fw = load_framework(args.cycle)
    inovasi, spd, hasil, kind = _load_inputs(args, lang)
    for what, df in (("spd", spd), ("inovasi", inovasi)):
        if not (df["tahun"].astype(int) == args.cycle).any():
            raise UsageError(_t("no_data", lang, cycle=args.cycle, what=what))
    table = region_table(inovasi, spd, args.cycle, fw, hasil=hasil)
    source = source_label(kind, lang)
    cluster, one = None, None
    if args.region:
        one = find_region(table, args.region)
        cluster = table["jenis"].iloc[one] if pd.notna(table["jenis"].iloc[one]) else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        long, result = drivers_table(table, fw, cluster, seed=args.seed, lang=lang)
    assumed = fw.assumptions()
    confidence = str(table["keyakinan_aturan"].iloc[0]) if len(table) else ""
    long["sumber_data"] = source
    long["keyakinan_aturan"] = confidence
    long["klaster"] = cluster or "semua"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = [write_csv(long, out / "drivers.csv")]
    if result is not None:
        sc = result.scores.assign(tahun=fw.cycle, sumber_data=source)
        written.append(write_csv(sc, out / "skor_model.csv"))
    prio = None
    if args.region:
        prio = priorities(table, table["kode_wilayah"].iloc[one], fw, lang=lang)
        prio.insert(0, "kode_wilayah", table["kode_wilayah"].iloc[one])
        prio.insert(1, "nama_daerah", table["nama_daerah"].iloc[one]
                    if "nama_daerah" in table else "")
        prio["sumber_data"] = source
        prio["keyakinan_aturan"] = confidence
        written.append(write_csv(prio, out / "prioritas.csv"))

    n = len(_participants(table, cluster))
    lines = [_t("title", lang, cycle=fw.cycle, source=source),
             _t("scope", lang, n=n, cluster=f" ({cluster})" if cluster else "")]
    for method in ("bobot_efektif", "efek_utama"):
        sub = long[(long["metode"] == method) & (long["indikator"] != JUMLAH)].head(5)
        items = ", ".join(f"{r.indikator} {format_number(r.nilai, 3, lang)}"
                          for r in sub.itertuples())
        lines.append(_t("top", lang, method=METHODS[method][lang], items=items))
    if result is not None:
        for r in result.scores.itertuples():
            lines.append(_t("cv", lang, target=TARGETS[r.target][lang],
                            model=MODELS[r.model][lang], auc=format_number(r.auc_cv, 2, lang),
                            bacc=format_number(r.balanced_accuracy_cv, 2, lang)))
        lines.extend(f"! {w}" for w in result.warnings)
    rw = long[long["metode"] == "bobot_pulih_nnls"]
    if len(rw):
        rec = recover_weights(table if cluster is None else table[table["jenis"] == cluster],
                              fw, lang=lang)
        lines.append(_t("nnls", lang, r2=format_number(rec.attrs["r2"], 4, lang),
                        dev=format_number(float(rec["selisih_relatif"].abs().max()), 3, lang)))
    if len(assumed):
        lines.append(_t("assumed", lang, items=", ".join(assumed["item"].astype(str))))
    if prio is not None:
        name = prio["nama_daerah"].iloc[0] or prio["kode_wilayah"].iloc[0]
        items = "; ".join(f"{r.peringkat_prioritas}. {r.indikator} ({r.saran})"
                          for r in prio.head(3).itertuples())
        lines.append(_t("prio", lang, name=name, items=items))
    lines.append(_t("written", lang, files=", ".join(str(p) for p in written)))
    print("\n".join(lines))
    return 0

