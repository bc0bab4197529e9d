"""Recover the indicator weights from the IID by non-negative least squares.

For cycles whose weights are uncertain, :func:`recover_weights` regresses the IID on the
indicator scores with the framework's structure fixed and only the weights free; it is one
of the ranking-driver methods of :mod:`inovlab.analysis.drivers`.

Examples
--------
>>> from inovlab.rules.decomposition import region_table
>>> from inovlab.testing import synthetic_panel
>>> p = synthetic_panel(120, seed=4)
>>> rw = recover_weights(region_table(p["inovasi"], p["spd"], 2026))
>>> float(rw["selisih_relatif"].abs().max()) < 1e-6
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import nnls

from inovlab.analysis.driver_inputs import percentile_interval, with_indicator_names
from inovlab.rules.decomposition import JUMLAH, framework_of, indicator_catalogue, point_values
from inovlab.rules.framework import Framework


def _design(part: pd.DataFrame, outcome: str, fw: Framework):
    """Regressors per unit weight, the outcome in score points, and the true weights."""
    values = point_values(part, fw)
    cols = fw.spd_columns + fw.sid_columns
    n = part["n_inovasi_dihitung"].to_numpy(float)
    ok = part.get("syarat_urusan_terpenuhi", pd.Series(True, index=part.index)).to_numpy(bool)
    scale = 100.0 / fw.total_max
    # regressors per unit weight: levels x (their point value / weight)
    weights = np.concatenate([fw.spd_weight_array, fw.sid_weight_array])
    design = part[cols].to_numpy(float) * values[cols].to_numpy() / weights / scale
    design = np.column_stack([design, np.minimum(n, fw.jumlah_cap) * ok])
    y = part[outcome].to_numpy(float) / scale
    return design, y, np.append(weights, fw.jumlah_points)


def estimable(design: np.ndarray, keep: np.ndarray | None = None) -> bool:
    """Whether NNLS may be called: more rows than free columns, none constant, all finite.

    ``scipy.optimize.nnls`` on an empty or degenerate matrix (one region: no column varies)
    can abort the whole process (``free(): double free``), so it is never called then.

    Examples
    --------
    >>> estimable(np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0]]))
    True
    >>> estimable(np.array([[1.0, 2.0]]))   # one region
    False
    """
    design = np.asarray(design, dtype=float)
    if design.ndim != 2 or not design.size:
        return False
    if keep is None:
        keep = design.std(axis=0) > 0
    n_free = int(np.count_nonzero(keep))
    return (n_free > 0 and design.shape[0] >= n_free + 1
            and bool(np.isfinite(design[:, keep]).all())
            and bool((design[:, keep].std(axis=0) > 0).all()))


def _fit(design: np.ndarray, y: np.ndarray, keep: np.ndarray) -> np.ndarray:
    coef = np.full(design.shape[1], np.nan)
    if not (estimable(design, keep) and np.isfinite(y).all()):
        return coef  # a degenerate (bootstrap) sample: no estimate rather than a crash
    coef[keep], _ = nnls(np.ascontiguousarray(design[:, keep]), np.ascontiguousarray(y))
    return coef


def _bootstrap(design: np.ndarray, y: np.ndarray, keep: np.ndarray, n_boot: int,
               seed) -> np.ndarray:
    """NNLS weights of ``n_boot`` resamples of the regions, shape ``(n_boot, n_weights)``."""
    if n_boot <= 0:
        return np.empty((0, design.shape[1]))
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n_boot):  # one small NNLS per resample
        idx = rng.integers(0, len(y), len(y))
        rows.append(_fit(design[idx], y[idx], keep))
    return np.array(rows)


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
        bobot_pulih, selisih_relatif`` (``bobot_pulih / bobot - 1``). ``attrs``: ``r2`` and
        ``outcome`` (fit statistics, not provenance).
    """
    fw = framework_of(table, framework)
    if outcome is None:
        outcome = "skor_iid_hasil" if "skor_iid_hasil" in table else "skor_iid"
    part = table[np.isfinite(table[outcome].to_numpy(float))]
    part = part[part[outcome].to_numpy(float) > 0]
    design, y, truth = _design(part, outcome, fw)
    keep = design.std(axis=0) > 0 if len(design) else np.zeros(design.shape[1], bool)
    ok = estimable(design, keep)
    coef = _fit(design, y, keep)
    r2 = np.nan
    if ok:
        fitted = design[:, keep] @ coef[keep]
        r2 = 1 - np.sum((y - fitted) ** 2) / np.sum((y - y.mean()) ** 2)
    boot = _bootstrap(design, y, keep, n_boot if ok else 0, seed)
    cat = indicator_catalogue(fw, lang)
    maxima = cat["poin_maksimum"].to_numpy() / cat["bobot"].to_numpy()

    def norm(b):
        pts = b * maxima
        with np.errstate(invalid="ignore", divide="ignore"):
            return pts / np.nansum(pts, axis=-1, keepdims=True)

    low, high = percentile_interval(norm(boot)) if len(boot) else percentile_interval(boot)
    out = pd.DataFrame({"indikator": fw.spd_columns + fw.sid_columns + [JUMLAH],
                        "metode": "bobot_pulih_nnls", "nilai": norm(coef), "ci_low": low,
                        "ci_high": high})
    out = with_indicator_names(out, fw, lang)
    out["bobot"] = truth
    out["bobot_pulih"] = coef
    with np.errstate(invalid="ignore", divide="ignore"):
        out["selisih_relatif"] = coef / truth - 1
    out.attrs["r2"] = float(r2)
    out.attrs["outcome"] = outcome
    out.attrs["estimable"] = ok
    out.attrs["n_daerah"] = len(y)
    return out
