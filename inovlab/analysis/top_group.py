"""What separates a cluster's top group from the rest: cross-validated classifiers.

:func:`top_group_models` fits, for "in the cluster's top 10" and "Sangat Inovatif", an L2
logistic regression and a random forest in stratified K-fold cross-validation, reports the
held-out scores beside the baseline and the permutation importance of each indicator. It is
one of the ranking-driver methods of :mod:`inovlab.analysis.drivers`.

Examples
--------
>>> from inovlab.rules.decomposition import region_table
>>> from inovlab.testing import synthetic_panel
>>> p = synthetic_panel(150, seed=3)
>>> t = region_table(p["inovasi"], p["spd"], 2026)
>>> r = top_group_models(t, targets=("top10",), n_repeats=2, n_estimators=20)
>>> sorted(r.scores["model"].tolist())
['hutan_acak', 'logistik']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from inovlab.analysis.driver_inputs import (
    MODELS,
    TARGETS,
    cluster_rank,
    indicator_features,
    participants,
    percentile_interval,
    with_indicator_names,
)
from inovlab.i18n import format_number
from inovlab.rules.decomposition import framework_of
from inovlab.rules.framework import Framework

BASELINE_MARGIN = 0.05
"""A CV ROC AUC below 0.5 + this margin counts as "no better than the baseline"."""

SCORE_COLUMNS = ["target", "model", "n_daerah", "n_positif", "auc_cv", "auc_baseline",
                 "balanced_accuracy_cv", "balanced_accuracy_baseline",
                 "lebih_baik_dari_baseline", "peringatan"]


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


def auc_rows(y: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """ROC AUC of each row of ``scores`` against labels ``y`` (Mann-Whitney U / n1 n0).

    Examples
    --------
    >>> auc_rows(np.array([0, 0, 1, 1]), np.array([[0.1, 0.2, 0.8, 0.9], [0.9, 0.8, 0.2, 0.1]]))
    array([1., 0.])
    """
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
    scores = auc_rows(y, prob)
    return (base - scores).reshape(n_repeats, p).T


def _model_makers(n_estimators: int, seed) -> dict:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logistik": lambda: make_pipeline(StandardScaler(), LogisticRegression(
            C=1.0, class_weight="balanced", max_iter=2000)),
        "hutan_acak": lambda: RandomForestClassifier(
            n_estimators=n_estimators, class_weight="balanced", min_samples_leaf=2,
            random_state=seed, n_jobs=1),
    }


def _too_few(name_t: str, n_pos: int, n: int, lang: str) -> str:
    if lang == "id":
        return (f"Target '{name_t}': terlalu sedikit daerah di salah satu kelompok "
                f"({n_pos} dari {n}); model tidak dijalankan.")
    return f"Target '{name_t}': too few regions in one group ({n_pos} of {n}); no model fitted."


def _no_better(model_name: str, name_t: str, auc: float, lang: str) -> str:
    if lang == "id":
        return (f"Model {MODELS[model_name]['id']} untuk '{name_t}' tidak lebih baik dari "
                f"tebakan dasar (AUC {format_number(auc, 2)} vs 0,50): abaikan "
                "kepentingan indikatornya.")
    return (f"The {MODELS[model_name]['en']} model for '{name_t}' does no better than the "
            f"baseline (AUC {auc:.2f} vs 0.50): ignore its importances.")


def _cross_validate(make, folds, x: np.ndarray, yv: np.ndarray, n_repeats: int, rng):
    """Out-of-fold probabilities and the permutation drops of each held-out fold."""
    prob = np.zeros(len(yv))
    drops = []
    for train, test in folds.split(x, yv):
        model = make().fit(x[train], yv[train])
        prob[test] = model.predict_proba(x[test])[:, 1]
        if len(np.unique(yv[test])) == 2 and n_repeats > 0:
            drops.append(_permutation_drops(model, x[test], yv[test], n_repeats, rng))
    return prob, drops


def _fit_target(target: str, yv: np.ndarray, x: np.ndarray, columns, settings: dict,
                rng, lang: str):
    """Score rows, importance frames and warnings of both models for one target."""
    from sklearn.metrics import balanced_accuracy_score, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    n_pos = int(yv.sum())
    n_min = min(n_pos, len(yv) - n_pos)
    name_t = TARGETS[target][lang]
    if n_min < 2:
        return [], [], [_too_few(name_t, n_pos, len(yv), lang)]
    seed = settings["seed"]
    folds = StratifiedKFold(n_splits=min(settings["n_splits"], n_min), shuffle=True,
                            random_state=seed)
    scores, importance, notes = [], [], []
    for model_name, make in _model_makers(settings["n_estimators"], seed).items():
        prob, drops = _cross_validate(make, folds, x, yv, settings["n_repeats"], rng)
        auc = float(roc_auc_score(yv, prob))
        better = auc >= 0.5 + BASELINE_MARGIN
        warn = "" if better else _no_better(model_name, name_t, auc, lang)
        if warn:
            notes.append(warn)
        scores.append({"target": target, "model": model_name, "n_daerah": len(yv),
                       "n_positif": n_pos, "auc_cv": auc, "auc_baseline": 0.5,
                       "balanced_accuracy_cv": float(balanced_accuracy_score(yv, prob >= 0.5)),
                       "balanced_accuracy_baseline": 0.5, "lebih_baik_dari_baseline": better,
                       "peringatan": warn})
        if drops:
            allv = np.concatenate(drops, axis=1)
            low, high = percentile_interval(allv.T)
            importance.append(pd.DataFrame({
                "indikator": columns, "metode": f"permutasi_{model_name}_{target}",
                "nilai": allv.mean(axis=1), "ci_low": low, "ci_high": high,
                "target": target, "model": model_name}))
    return scores, importance, notes


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
    :func:`inovlab.analysis.drivers.main_effects` and
    :func:`inovlab.analysis.drivers.effective_weights`.
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
    """
    fw = framework_of(table, framework)
    rng = np.random.default_rng(seed)
    part = participants(table, cluster)
    x_df = indicator_features(part, fw)
    x_df = x_df.loc[:, x_df.std(ddof=0).to_numpy() > 0]
    x = x_df.to_numpy(float)
    labels = {"top10": cluster_rank(part) <= top_k,
              "sangat_inovatif": part["predikat"].astype(str).eq("Sangat Inovatif").to_numpy()}
    settings = {"seed": seed, "n_splits": n_splits, "n_repeats": n_repeats,
                "n_estimators": n_estimators}
    imp_rows, score_rows, notes = [], [], []
    for target in targets:
        scores, importance, warned = _fit_target(target, labels[target].astype(int), x,
                                                 x_df.columns, settings, rng, lang)
        score_rows += scores
        imp_rows += importance
        notes += warned
    cols = ["indikator", "metode", "nilai", "ci_low", "ci_high", "target", "model"]
    imp = pd.concat(imp_rows, ignore_index=True) if imp_rows else pd.DataFrame(columns=cols)
    imp = with_indicator_names(imp, fw, lang)
    imp = imp.sort_values(["metode", "nilai"], ascending=[True, False], ignore_index=True)
    return TopGroupResult(imp, pd.DataFrame(score_rows, columns=SCORE_COLUMNS), notes)
