"""The IID formula, once: arrays in, arrays out, every parameter read from the ``Framework``.

Every module that computes an IID calls these functions: the scoring engine
(:mod:`inovlab.rules.scoring`), the demo generator (:mod:`inovlab.sources.demo`), the Monte
Carlo (:mod:`inovlab.analysis.uncertainty`), what-if (:mod:`inovlab.analysis.whatif`) and the
planner (:mod:`inovlab.analysis.planner`). ``tests/test_formula.py`` runs them all on the same
tables and asserts the same IID. The formula (BSKDN; parameters per cycle in
``data/framework/rules.csv``)::

    kematangan_j      = sum_i w_i * level_ij                  per innovation (SID 16-35)
    skor_spd_r        = sum_k w_k * level_rk                  per region (SPD 1-15)
    S_r, n_r          = sum and number of region r's counted innovations' kematangan
    rata_kematangan_r = S_r / MAX(d, n_r)
    urusan_r          = distinct basic-service urusan among r's counted innovations
    skor_jumlah_r     = p * MIN(n_r, cap)   if urusan_r >= urusan_min, else 0
    skor_sid_r        = rata_kematangan_r + skor_jumlah_r
    skor_total_r      = skor_spd_r + skor_sid_r
    skor_iid_r        = skor_total_r / total_max * 100
    predikat_r        = the cycle's band of round(skor_iid_r, 2)

Regions are integer ids ``0 .. n_groups - 1`` (any grouping works: region-years, scenario
rows, Monte Carlo draws along a leading axis), so one call scores a national panel.
The weights of the cycle are multiples of 0.25, so kematangan, SPD scores and their sums are
exact in floating point; only the division and the last sums round, always in the order
written above.

Examples
--------
Two regions of 2026 (divisor floor 12, 0.38 points per innovation, 5 of 6 basic urusan):
region 0 has 148 / 12 + 42 = 54.33 points (urusan rule not met), region 1 has
74 / 12 + 0.38 + 63 = 69.55 points; IID = points / 250 * 100.

>>> fw = load_framework(2026)
>>> levels = np.array([[3] * 20, [1] * 20, [2] * 20])          # three counted innovations
>>> k = kematangan(levels, fw.sid_weights.to_numpy())
>>> k.tolist()
[111.0, 37.0, 74.0]
>>> s, n = group_totals(k, np.array([0, 0, 1]), 2)
>>> s.tolist(), n.tolist()
([148.0, 74.0], [2, 1])
>>> terms = region_terms(np.array([42.0, 63.0]), s, n, np.array([2, 5]), fw)
>>> [round(float(v), 4) for v in terms["skor_iid"]]
[21.7333, 27.8187]
>>> predikat(terms["skor_iid"], fw).tolist()
['Kurang Inovatif', 'Kurang Inovatif']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from inovlab.rules.framework import Framework, load_framework  # noqa: F401 (doctests)

__all__ = ["FormulaRules", "formula_rules", "kematangan", "group_totals",
           "basic_urusan_covered", "divisor", "rata_kematangan", "urusan_rule_met",
           "jumlah_score", "sid_score", "iid_from_total", "region_iid", "region_terms",
           "predikat", "break_even"]


@dataclass(frozen=True)
class FormulaRules:
    """The numbers of one cycle's formula, read once from a :class:`Framework`.

    Loops that evaluate the formula thousands of times (the demo calibration) pass this
    instead of the ``Framework`` so that the rules table is not parsed on every call; every
    function here accepts either.

    Examples
    --------
    >>> r = formula_rules(load_framework(2026))
    >>> r.divisor_floor, r.jumlah_points, r.jumlah_cap, r.urusan_min, r.total_max
    (12, 0.38, 200, 5, 250.0)
    """

    divisor_floor: int
    jumlah_points: float
    jumlah_cap: int
    urusan_min: int
    total_max: float


def formula_rules(framework: Framework | FormulaRules) -> FormulaRules:
    """The formula's parameters of ``framework`` (returned as is when already extracted)."""
    if isinstance(framework, FormulaRules):
        return framework
    return FormulaRules(divisor_floor=framework.divisor_floor,
                        jumlah_points=framework.jumlah_points, jumlah_cap=framework.jumlah_cap,
                        urusan_min=framework.urusan_min, total_max=framework.total_max)


def kematangan(levels, weights) -> np.ndarray:
    """Weighted sum of evidence levels: kematangan per innovation, or the SPD score.

    Parameters
    ----------
    levels : array, shape (n_rows, n_indicators)
        Evidence levels 0-3 (any numeric dtype; ``int8`` stays compact).
    weights : array, shape (n_indicators,) or (n_draws, n_indicators)
        The cycle's weights, or one weight vector per Monte Carlo draw.

    Returns
    -------
    numpy.ndarray
        Shape (n_rows,), or (n_draws, n_rows) for a weight matrix.

    Notes
    -----
    ``einsum`` rather than ``matmul`` for one weight vector: with ``int8`` levels matmul
    takes a slow path, and a BLAS call on a busy 2-core machine can stall on its threads.

    Examples
    --------
    >>> kematangan(np.array([[3, 3], [1, 0]]), [2.0, 1.0]).tolist()
    [9.0, 2.0]
    >>> kematangan(np.array([[3, 3], [1, 0]]), np.array([[2.0, 1.0], [1.0, 1.0]])).tolist()
    [[9.0, 2.0], [6.0, 1.0]]
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim == 2:
        return w @ np.asarray(levels, dtype=float).T
    return np.einsum("ij,j->i", np.asarray(levels), w)


def group_totals(values, group, n_groups: int, counted=None) -> tuple[np.ndarray, np.ndarray]:
    """Sum of ``values`` and number of rows per group, over the counted rows only.

    Parameters
    ----------
    values : array of float, shape (n_rows,)
        Kematangan per innovation.
    group : array of int, shape (n_rows,)
        Group (region) id of each row, ``0 <= group < n_groups``.
    n_groups : int
    counted : array of bool, optional
        Rows that count (default: all).

    Returns
    -------
    (S, n) : tuple of numpy.ndarray
        Float sums and integer counts, shape (n_groups,).

    Examples
    --------
    >>> s, n = group_totals([10.0, 20.0, 5.0], [0, 0, 1], 3, counted=[True, False, True])
    >>> s.tolist(), n.tolist()
    ([10.0, 5.0, 0.0], [1, 1, 0])
    """
    values = np.asarray(values, dtype=float)
    group = np.asarray(group, dtype=np.int64)
    if counted is not None:
        keep = np.asarray(counted, dtype=bool)
        values, group = values[keep], group[keep]
    return (np.bincount(group, weights=values, minlength=n_groups),
            np.bincount(group, minlength=n_groups))


def basic_urusan_covered(position, group, n_groups: int, n_basic: int,
                         counted=None) -> np.ndarray:
    """Number of distinct basic-service urusan per group among the counted rows.

    Parameters
    ----------
    position : array of int, shape (n_rows,)
        Index of the row's urusan in ``framework.basic_service_urusan``; -1 for any other.
    group : array of int, shape (n_rows,)
    n_groups : int
    n_basic : int
        ``len(framework.basic_service_urusan)``.
    counted : array of bool, optional
        Rows that count (default: all).

    Examples
    --------
    >>> basic_urusan_covered([0, 0, 1, -1, 2], [0, 0, 0, 1, 1], 2, 6).tolist()
    [2, 1]
    """
    position = np.asarray(position, dtype=np.int64)
    keep = position >= 0
    if counted is not None:
        keep &= np.asarray(counted, dtype=bool)
    pairs = np.unique(np.asarray(group, dtype=np.int64)[keep] * n_basic + position[keep])
    return np.bincount(pairs // n_basic, minlength=n_groups)


def divisor(n, framework) -> np.ndarray:
    """The SID divisor ``MAX(d, n)``.

    Examples
    --------
    >>> divisor([3, 30], load_framework(2026)).tolist()
    [12, 30]
    """
    return np.maximum(formula_rules(framework).divisor_floor, n)


def rata_kematangan(total_kematangan, n, framework) -> np.ndarray:
    """The formula's averaged kematangan term ``S / MAX(d, n)``.

    Examples
    --------
    >>> rata_kematangan([148.0, 900.0], [2, 12], load_framework(2026)).round(4).tolist()
    [12.3333, 75.0]
    """
    return np.asarray(total_kematangan, dtype=float) / divisor(np.asarray(n, dtype=float),
                                                               framework)


def urusan_rule_met(covered, framework) -> np.ndarray:
    """Whether enough basic-service urusan are covered for the jumlah-inovasi term.

    Examples
    --------
    >>> urusan_rule_met([4, 5], load_framework(2026)).tolist()
    [False, True]
    """
    return np.asarray(covered) >= formula_rules(framework).urusan_min


def jumlah_score(n, framework, urusan_ok=True) -> np.ndarray:
    """Skor jumlah inovasi: ``p * MIN(n, cap)`` when the urusan rule is met, else 0.

    Examples
    --------
    >>> jumlah_score([10, 250], load_framework(2026)).tolist()
    [3.8, 76.0]
    """
    rules = formula_rules(framework)
    n = np.asarray(n, dtype=float)
    ok = np.asarray(urusan_ok, dtype=bool)
    return np.where(ok, rules.jumlah_points * np.minimum(n, rules.jumlah_cap), 0.0)


def sid_score(total_kematangan, n, framework, urusan_ok=True) -> np.ndarray:
    """The SID part of the total: averaged kematangan plus the number-of-innovations term.

    ``SID = S / MAX(d, n) + p * MIN(n, cap) * [urusan rule met]`` with ``S`` the summed
    kematangan of the ``n`` counted innovations.

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> sid_score([148.0, 148.0], [2, 2], fw, [False, True]).round(4).tolist()
    [12.3333, 13.0933]
    """
    n = np.asarray(n, dtype=float)
    return rata_kematangan(total_kematangan, n, framework) + jumlah_score(n, framework,
                                                                          urusan_ok)


def iid_from_total(total, framework) -> np.ndarray:
    """IID on the 0-100 scale: ``skor_total / total_max * 100``.

    Examples
    --------
    >>> iid_from_total([125.0, 250.0], load_framework(2026)).tolist()
    [50.0, 100.0]
    """
    return np.asarray(total, dtype=float) / formula_rules(framework).total_max * 100


def region_iid(spd, total_kematangan, n, covered, framework) -> np.ndarray:
    """IID per region from its SPD score, kematangan sum, counted number and urusan coverage.

    The fast form of :func:`region_terms` (the IID only); arrays broadcast, so ``spd`` and
    ``total_kematangan`` may carry a leading axis of Monte Carlo draws, shape (D, R).

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> region_iid([42.0], [148.0], [2], [2], fw).round(4).tolist()
    [21.7333]
    """
    ok = urusan_rule_met(covered, framework)
    sid = sid_score(total_kematangan, n, framework, ok)
    return iid_from_total(np.asarray(spd, dtype=float) + sid, framework)


def region_terms(spd, total_kematangan, n, covered, framework) -> dict[str, np.ndarray]:
    """Every term of the region formula (same arithmetic as :func:`region_iid`).

    Parameters
    ----------
    spd : array of float, shape (R,)
        SPD score per region (NaN when unknown: the total and IID are then NaN).
    total_kematangan : array of float, shape (R,)
        ``S``: summed kematangan of the counted innovations.
    n : array of int, shape (R,)
        Counted innovations.
    covered : array of int, shape (R,)
        Distinct basic-service urusan among them (:func:`basic_urusan_covered`).
    framework : Framework or FormulaRules

    Returns
    -------
    dict of numpy.ndarray
        ``kematangan_per_inovasi`` (plain mean ``S / n``, NaN without innovations),
        ``rata_kematangan``, ``syarat_urusan_terpenuhi``, ``skor_jumlah_inovasi``,
        ``skor_sid``, ``skor_total``, ``skor_iid``.

    Examples
    --------
    >>> t = region_terms([63.0], [1332.0], [12], [6], load_framework(2026))
    >>> {k: round(float(v[0]), 4) for k, v in t.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'kematangan_per_inovasi': 111.0, 'rata_kematangan': 111.0,
     'syarat_urusan_terpenuhi': 1.0, 'skor_jumlah_inovasi': 4.56, 'skor_sid': 115.56,
     'skor_total': 178.56, 'skor_iid': 71.424}
    """
    n = np.asarray(n, dtype=float)
    total_k = np.asarray(total_kematangan, dtype=float)
    spd = np.asarray(spd, dtype=float)
    ok = urusan_rule_met(covered, framework)
    averaged = rata_kematangan(total_k, n, framework)
    jumlah = jumlah_score(n, framework, ok)
    sid = averaged + jumlah
    total = spd + sid
    return {
        "kematangan_per_inovasi": np.divide(total_k, n, out=np.full_like(n, np.nan),
                                            where=n > 0),
        "rata_kematangan": averaged,
        "syarat_urusan_terpenuhi": ok,
        "skor_jumlah_inovasi": jumlah,
        "skor_sid": sid,
        "skor_total": total,
        "skor_iid": iid_from_total(total, framework),
    }


def predikat(iid, framework: Framework) -> np.ndarray:
    """Predikat by the cycle's cut-offs (:meth:`Framework.predicate`, IID rounded to 2 dp).

    Examples
    --------
    >>> predikat([65.01, 40.0, np.nan], load_framework(2026)).tolist()
    ['Sangat Inovatif', 'Kurang Inovatif', '']
    """
    return framework.predicate(iid)


def break_even(n, mean_kematangan, framework, urusan_ok=True) -> np.ndarray:
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
    framework : Framework or FormulaRules
    urusan_ok : bool or array of bool
        Whether the urusan rule is met (else the number-of-innovations term is zero).

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> break_even([25, 50], [80.0, 85.0], fw).round(2).tolist()
    [70.12, 65.62]
    """
    rules = formula_rules(framework)
    n = np.asarray(n, dtype=float)
    mean = np.asarray(mean_kematangan, dtype=float)
    ok = np.asarray(urusan_ok, dtype=bool)
    d, p, cap = rules.divisor_floor, rules.jumlah_points, rules.jumlah_cap
    total = n * mean
    step = p * (np.minimum(n + 1, cap) - np.minimum(n, cap)) * ok
    return np.maximum(d, n + 1) * (total / np.maximum(d, n) - step) - total
