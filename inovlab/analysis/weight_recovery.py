"""Recover the indicator weights from the IID by non-negative least squares.

For cycles whose weights are uncertain, :func:`recover_weights` regresses the IID on the
indicator scores with the framework's structure fixed and only the weights (and a constant)
free; it is one of the ranking-driver methods of :mod:`inovlab.analysis.drivers`. Indicators
at the same level everywhere are set aside and named; when the remaining weights are not
identifiable (:func:`identifiability`) nothing is fitted and the reason is given.

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


NOT_IDENTIFIABLE = {
    "ok": {"id": "", "en": ""},
    "few": {"id": "terlalu sedikit daerah ({n}) untuk {k} bobot dan satu konstanta",
            "en": "too few regions ({n}) for {k} weights and one constant"},
    "collinear": {"id": "indikator yang bervariasi saling kolinear (satu dapat ditulis dari "
                        "yang lain), jadi bobotnya tidak dapat dipisahkan",
                  "en": "the indicators that vary are collinear (one can be written from the "
                        "others), so their weights cannot be told apart"},
    "nothing": {"id": "tidak ada indikator yang bervariasi antar-daerah",
                "en": "no indicator varies between regions"},
    "not_finite": {"id": "ada nilai yang tidak terhingga atau kosong",
                   "en": "some values are infinite or missing"},
}
"""Why a recovery is not identifiable (``attrs["alasan"]``), in reader words."""

_CONSTANT = {"id": "konstan di semua daerah: bobotnya tidak dapat dipulihkan (sumbangannya "
                   "masuk ke konstanta)",
             "en": "constant across regions: its weight cannot be recovered (its contribution "
                   "goes into the constant)"}


def identifiability(design: np.ndarray, keep: np.ndarray | None = None) -> str:
    """Whether the weights of the varying columns are identifiable with an intercept.

    With an intercept the slopes are identified exactly when the centred design of the
    varying columns has full column rank, which needs at least ``k + 1`` rows for ``k``
    columns. Returns a key of :data:`NOT_IDENTIFIABLE` (``"ok"`` when identifiable).

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 3.0]])
    >>> identifiability(x), identifiability(x[:2]), identifiability(np.c_[x, 2 * x[:, 0]])
    ('ok', 'few', 'collinear')
    """
    design = np.asarray(design, dtype=float)
    if design.ndim != 2 or not design.size:
        return "nothing"
    if not np.isfinite(design).all():
        return "not_finite"
    if keep is None:
        keep = design.std(axis=0) > 0
    sub = design[:, keep]
    n_free = sub.shape[1]
    if n_free == 0:
        return "nothing"
    if design.shape[0] < n_free + 1:
        return "few"
    centred = sub - sub.mean(axis=0)
    scale = np.abs(centred).max(axis=0)
    if np.linalg.matrix_rank(centred / scale, tol=1e-9 * np.sqrt(len(sub))) < n_free:
        return "collinear"
    return "ok"


def estimable(design: np.ndarray, keep: np.ndarray | None = None) -> bool:
    """Whether NNLS may be called: :func:`identifiability` is ``"ok"``.

    ``scipy.optimize.nnls`` on an empty or degenerate matrix (one region: no column varies)
    can abort the whole process (``free(): double free``), so it is never called then.

    Examples
    --------
    >>> estimable(np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0]]))
    True
    >>> estimable(np.array([[1.0, 2.0]]))   # one region
    False
    """
    return identifiability(design, keep) == "ok"


def _fit(design: np.ndarray, y: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, float]:
    """NNLS slopes of the varying columns with a free intercept, and that intercept.

    Centring ``y`` and the columns removes the intercept exactly (it is the mean residual),
    so the non-negative slopes are those of ``min ||y - c - X b||, b >= 0``.
    """
    coef = np.full(design.shape[1], np.nan)
    if not (estimable(design, keep) and np.isfinite(y).all()):
        return coef, np.nan  # a degenerate (bootstrap) sample: no estimate, not a crash
    sub = design[:, keep]
    means = sub.mean(axis=0)
    coef[keep], _ = nnls(np.ascontiguousarray(sub - means), np.ascontiguousarray(y - y.mean()))
    return coef, float(y.mean() - means @ coef[keep])


def _bootstrap(design: np.ndarray, y: np.ndarray, keep: np.ndarray, n_boot: int,
               seed) -> np.ndarray:
    """NNLS weights of ``n_boot`` resamples of the regions, shape ``(n_boot, n_weights)``."""
    if n_boot <= 0:
        return np.empty((0, design.shape[1]))
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n_boot):  # one small NNLS per resample
        idx = rng.integers(0, len(y), len(y))
        rows.append(_fit(design[idx], y[idx], keep)[0])
    return np.array(rows)


def _r2(design: np.ndarray, y: np.ndarray, keep: np.ndarray, coef: np.ndarray,
        intercept: float) -> float:
    fitted = intercept + design[:, keep] @ coef[keep]
    total = np.sum((y - y.mean()) ** 2)
    return float(1 - np.sum((y - fitted) ** 2) / total) if total > 0 else np.nan


def _participants(table: pd.DataFrame, outcome: str) -> pd.DataFrame:
    values = table[outcome].to_numpy(float)
    return table[np.isfinite(values) & (values > 0)]


def recover_weights(table: pd.DataFrame, framework: Framework | None = None,
                    outcome: str | None = None, n_boot: int = 0, seed=0,
                    lang: str = "id") -> pd.DataFrame:
    """Recover the indicator weights from the IID by non-negative least squares.

    For cycles whose weights are uncertain, regress the IID on the indicator scores with a
    free constant ``c``::

        Y * T / 100 = c + sum_k b_k L_k + sum_i b_i mean_i n / MAX(d, n)
                      + b_J MIN(n, cap) u,            b >= 0        (scipy.optimize.nnls)

    with ``u`` the urusan rule (1 when met). The structure (``T``, ``d``, ``cap``, the urusan
    rule) is taken from the framework; only the weights ``b`` are estimated and set beside
    the nominal ones. The constant is fitted by centring (Lawson & Hanson 1974, *Solving
    Least Squares Problems*, ch. 23, on the centred columns): an indicator at the same level
    in every region adds the same points everywhere, which only the constant can absorb, so
    such columns are dropped, named in ``catatan`` and get no weight (forcing their points
    onto the other columns, as a fit without a constant does, misstates those weights).
    When the weights of the varying columns are not identifiable (:func:`identifiability`:
    too few regions, collinear columns) nothing is fitted, every ``nilai`` is NaN and
    ``attrs["alasan"]`` says why. On data scored by the engine the fit is exact and ``b``
    equals the weights (up to rounding of a published IID); a low ``R^2`` or large
    differences suggest the assumed structure is wrong.

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
        weight as a share of the nominal maximum total, like ``bobot_nominal``), ``ci_low,
        ci_high, bobot_nominal, bobot, bobot_pulih, selisih_relatif`` (``bobot_pulih / bobot
        - 1``), ``catatan`` (why a weight is missing, else empty). ``attrs``: ``r2``,
        ``konstanta_iid`` (the fitted constant in IID points), ``outcome``, ``estimable``,
        ``alasan`` (reader sentence, empty when identifiable), ``konstan`` (codes of the
        dropped constant columns) and ``n_daerah`` (fit statistics, not provenance).
    """
    fw = framework_of(table, framework)
    if outcome is None:
        outcome = "skor_iid_hasil" if "skor_iid_hasil" in table else "skor_iid"
    design, y, truth = _design(_participants(table, outcome), outcome, fw)
    keep = design.std(axis=0) > 0 if len(design) else np.zeros(design.shape[1], bool)
    why = identifiability(design, keep)
    coef, intercept = _fit(design, y, keep)
    boot = _bootstrap(design, y, keep, n_boot if why == "ok" else 0, seed)
    cat = indicator_catalogue(fw, lang)
    per_weight = cat["poin_maksimum"].to_numpy() / cat["bobot"].to_numpy()
    total = cat["poin_maksimum"].sum()
    low, high = percentile_interval(boot * per_weight / total)
    columns = fw.spd_columns + fw.sid_columns + [JUMLAH]
    out = pd.DataFrame({"indikator": columns, "metode": "bobot_pulih_nnls",
                        "nilai": coef * per_weight / total, "ci_low": low, "ci_high": high})
    out = with_indicator_names(out, fw, lang)
    out["bobot"] = truth
    out["bobot_pulih"] = coef
    with np.errstate(invalid="ignore", divide="ignore"):
        out["selisih_relatif"] = coef / truth - 1
    out["catatan"] = np.where(keep, "", _CONSTANT[lang]) if len(design) else ""
    out.attrs.update({
        "r2": _r2(design, y, keep, coef, intercept) if why == "ok" else np.nan,
        "konstanta_iid": intercept * 100.0 / fw.total_max, "outcome": outcome,
        "estimable": why == "ok", "n_daerah": len(y),
        "alasan": NOT_IDENTIFIABLE[why][lang].format(n=len(y), k=int(keep.sum())),
        "konstan": [c for c, k in zip(columns, keep, strict=True) if not k] if len(y) else []})
    return out
