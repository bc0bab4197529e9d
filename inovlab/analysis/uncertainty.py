"""Rank uncertainty: how sure is a region of its rank and predikat?

A Monte Carlo over three sources of uncertainty (issue 4, section 3):

(a) **verification risk**: every claimed evidence level (SPD levels of the region, SID levels
    of each counted innovation) may be scored down by the verifiers with a user-set
    probability ``p``; ``downgrade="satu"`` takes one level off (``l -> l - 1``),
    ``downgrade="nol"`` sets the level to 0. Downgrades are independent across indicators
    and innovations.
(b) **the field moves**: the other regions of the cluster (provinsi, kabupaten, kota) change
    their IID by a year-on-year change drawn with replacement (bootstrap) from the observed
    changes between two cycles;
(c) optionally **weight uncertainty**: each indicator weight is multiplied by lognormal noise
    ``exp(s z - s^2 / 2)`` (``z`` standard normal, ``s`` the user-set scale) and the weights
    of each unit (SPD, SID) are rescaled to their nominal total, so the maxima (63, 111, 250)
    are unchanged. The same weights apply to every region in a draw.

Method (why it is fast)
-----------------------
Everything is computed at region level from level matrices, never per innovation per draw.

* The claimed scores of every region are ``L @ w'`` (SPD levels, regions x indicators) and
  ``A @ w'`` with ``A[r, i] = sum_j level_ij`` over the region's counted innovations, so a
  weight draw costs one matrix product.
* The verification loss of a region is a sum of independent binomials: on indicator ``i``,
  with ``m`` claims at level ``l`` and downgrade probability ``p``, the loss in score units
  is ``v * Binomial(m, p)`` with ``v = w_i`` (one level) or ``v = w_i * l`` (to zero). Claims
  with the same ``(v, p)`` are pooled (a sum of independent binomials with the same ``p`` is
  binomial). The exact distribution of the region's total loss is obtained once from its
  characteristic function ``prod_c (1 - p_c + p_c exp(-i t v_c))^m_c`` by an inverse FFT on
  the score lattice (probabilities below 1e-13 are set to zero), and each draw is one
  uniform number mapped through the inverse CDF (guide table, Chen & Asau 1974). The SPD and
  SID losses are drawn separately (they are independent); the SID loss is divided by
  ``MAX(d, n)`` like the SID sum. Downgrades change levels only: ``n`` and the urusan
  coverage (the jumlah-inovasi term) stay as claimed.
* With weight noise, the loss drawn at nominal weights is rescaled by
  ``(E[D_r] . w') / (E[D_r] . w)`` (``E[D_r]`` the expected downgraded units per
  indicator). This is exact when ``p`` is 0 or 1 or without weight noise; otherwise it
  ignores the (second-order) interaction between which indicators were downgraded and how
  their weights moved.
* Ranks: the field of every draw is sorted once and the region's IID is located by a
  binary search (``numpy.searchsorted``), in chunks of draws.

Rank convention: ``1 + the number of regions of the field with a strictly higher IID`` (ties
share the better rank). Predikat by the cycle's cut-offs on the IID rounded to 2 decimals.

References
----------
* Saisana, M., Saltelli, A. & Tarantola, S. (2005). Uncertainty and sensitivity analysis
  techniques as tools for the quality assessment of composite indicators. *J. R. Stat. Soc.
  A* 168(2), 307-323 (Monte Carlo of ranks under weight and input uncertainty; rank bands).
* OECD/JRC (2008). *Handbook on Constructing Composite Indicators*, section 7.
* Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap* (resampling the
  observed changes).
* Chen, H.-C. & Asau, Y. (1974). On generating random variates from an empirical
  distribution. *AIIE Trans.* 6(2), 163-166 (guide-table inverse CDF).
* BSKDN (2023) formula, see ``docs``/methodology section 3.3 and :mod:`inovlab.rules.formula`.

Layout: the region-level claims are :mod:`inovlab.analysis.claims`, the exact loss
distribution and its sampler :mod:`inovlab.analysis.verification_loss`; this module holds the
Monte Carlo and the rank summaries.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from inovlab.analysis.claims import RegionClaims, region_claims
from inovlab.analysis.verification_loss import LossSampler, expected_units, loss_classes
from inovlab.errors import UsageError
from inovlab.rules.framework import Framework
from inovlab.rules.scoring import level_matrix, score_innovations, score_regions

__all__ = ["rank_distribution", "observed_changes", "region_claims", "rank_uncertainty",
           "RegionClaims"]

DOWNGRADES = ("satu", "nol")
_CHUNK = 500            # draws per block (fixed, so results do not depend on memory)
_RANK_BLOCK = 8         # draws per binary search (keeps the searched array in cache)


def _quantile_int(values: np.ndarray, q: float, axis: int = 0) -> np.ndarray:
    """Quantile that is one of the observed values (inverse empirical CDF)."""
    return np.quantile(values, q, axis=axis, method="inverted_cdf")


def _sorted_quantile(ordered: np.ndarray, q: float, discrete: bool = False) -> np.ndarray:
    """Quantile along axis 0 of an array already sorted along axis 0.

    ``discrete``: inverse empirical CDF (an observed value, like numpy's ``inverted_cdf``);
    else linear interpolation (numpy's default).
    """
    n = ordered.shape[0]
    if discrete:
        return ordered[max(int(math.ceil(q * n)) - 1, 0)].astype(int)
    pos = q * (n - 1)
    lo = int(math.floor(pos))
    hi = min(lo + 1, n - 1)
    return ordered[lo] + (pos - lo) * (ordered[hi] - ordered[lo])


def rank_distribution(own_iid, field_iid, yoy_changes, n_draws: int = 2000, seed: int = 0,
                      top_k: int = 10, si_cutoff: float | None = None) -> dict:
    """Distribution of a region's rank when the other regions move by year-on-year changes.

    Each draw adds to every other region's IID an independent change drawn with replacement
    from ``yoy_changes`` (bootstrap of the observed changes), clips the result to [0, 100]
    and ranks the region against it::

        IID'_j = clip(IID_j + c_j, 0, 100),   c_j ~ U{yoy_changes}   (i.i.d.)
        rank   = 1 + #{j : IID'_j > own}

    Parameters
    ----------
    own_iid : float or array of shape (n_draws,)
        The region's IID; an array gives one value per draw (e.g. from a verification-risk
        simulation), so its own uncertainty is carried along.
    field_iid : array-like of float
        IID of the other regions of the cluster (the region itself excluded). NaN dropped.
    yoy_changes : array-like of float
        Observed year-on-year IID changes (IID_t - IID_{t-1} of regions present in both
        cycles). NaN dropped; empty means no movement.
    n_draws : int
        Number of Monte Carlo draws.
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same result.
    top_k : int
        Size of the top group for ``p_top_k`` (10: the cluster's top 10).
    si_cutoff : float, optional
        Lower bound of Sangat Inovatif (``load_framework(cycle).cutoffs["Sangat Inovatif"]``).
        Without it ``p_sangat_inovatif`` is NaN.

    Returns
    -------
    dict
        ``median_rank`` (int), ``rank_p05`` and ``rank_p95`` (int; the 5 % and 95 %
        quantiles of the rank, inverse empirical CDF, so ``rank_p05`` is the optimistic
        end), ``p_top_k`` = P(rank <= top_k) and ``p_sangat_inovatif`` =
        P(round(own, 2) >= si_cutoff), both in [0, 1].

    Notes
    -----
    Ties share the better rank. Vectorised: one ``(n_draws, n_field)`` matrix. The method is
    a nonparametric bootstrap of the changes (Efron & Tibshirani 1993); it assumes the
    other regions' changes are independent of each other and of their level.

    Examples
    --------
    >>> out = rank_distribution(70.0, [80.0, 60.0, 50.0], [0.0], n_draws=10, si_cutoff=65.01)
    >>> out["median_rank"], out["p_top_k"], out["p_sangat_inovatif"]
    (2, 1.0, 1.0)
    >>> r = rank_distribution(70.0, [69.0] * 20, [-2.0, 2.0], seed=1)
    >>> r["rank_p05"], r["median_rank"], r["rank_p95"], r["p_top_k"]
    (7, 11, 15, 0.4345)
    """
    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    field = np.asarray(field_iid, dtype=float).ravel()
    field = field[~np.isnan(field)]
    changes = np.asarray(yoy_changes, dtype=float).ravel()
    changes = changes[~np.isnan(changes)]
    if changes.size == 0:
        changes = np.zeros(1)
    own = np.asarray(own_iid, dtype=float)
    own = np.broadcast_to(own.ravel() if own.ndim else own, (n_draws,))
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, changes.size, size=(n_draws, field.size))
    moved = np.clip(field[None, :] + changes[pick], 0.0, 100.0)
    rank = 1 + (moved > own[:, None]).sum(axis=1)
    if si_cutoff is None:
        p_si = float("nan")
    else:
        p_si = float(np.mean(np.round(own, 2) >= si_cutoff))
    return {
        "median_rank": int(_quantile_int(rank, 0.5)),
        "rank_p05": int(_quantile_int(rank, 0.05)),
        "rank_p95": int(_quantile_int(rank, 0.95)),
        "p_top_k": float(np.mean(rank <= top_k)),
        "p_sangat_inovatif": p_si,
    }


def observed_changes(hasil: pd.DataFrame, tahun: int | None = None,
                     jenis: str | None = None) -> np.ndarray:
    """Observed year-on-year IID changes, the bootstrap pool of :func:`rank_distribution`.

    ``IID_t - IID_{t-1}`` for every region assessed in two consecutive cycles.

    Parameters
    ----------
    hasil : DataFrame
        ``tahun, kode_wilayah, skor_iid`` (optionally ``jenis``).
    tahun : int, optional
        Only the changes into this cycle (from ``tahun - 1``); by default all pairs.
    jenis : str, optional
        Only regions of this cluster (needs a ``jenis`` column).

    Returns
    -------
    numpy.ndarray of float

    Examples
    --------
    >>> h = pd.DataFrame({"tahun": [2024, 2025, 2024, 2025, 2025],
    ...                   "kode_wilayah": ["a", "a", "b", "b", "c"],
    ...                   "skor_iid": [40.0, 45.5, 50.0, 48.0, 60.0]})
    >>> observed_changes(h).tolist()
    [5.5, -2.0]
    """
    cols = ["tahun", "kode_wilayah", "skor_iid"] + (["jenis"] if jenis else [])
    data = hasil[cols].dropna(subset=["skor_iid"])
    if jenis:
        data = data[data["jenis"] == jenis]
    data = data.sort_values(["kode_wilayah", "tahun"])
    prev = data.groupby("kode_wilayah", sort=False)[["tahun", "skor_iid"]].shift(1)
    ok = (data["tahun"] - prev["tahun"]) == 1
    if tahun is not None:
        ok &= data["tahun"] == int(tahun)
    return (data["skor_iid"] - prev["skor_iid"])[ok].to_numpy(dtype=float)


# -- inputs of the Monte Carlo (the loss distribution is in verification_loss) -------------

def _probabilities(columns: list[str], downgrade_prob) -> np.ndarray:
    """Downgrade probability per indicator column from a float or a mapping."""
    if isinstance(downgrade_prob, dict):
        default = float(downgrade_prob.get("default", 0.0))
        p = np.array([float(downgrade_prob.get(c, default)) for c in columns])
    else:
        p = np.full(len(columns), float(downgrade_prob))
    if np.any((p < 0) | (p > 1)) or np.any(np.isnan(p)):
        raise UsageError("Peluang penurunan level harus di antara 0 dan 1 "
                         "(downgrade probability must be in [0, 1]).")
    return p


def _weight_draws(rng, w: np.ndarray, scale: float, n: int) -> np.ndarray:
    """Lognormal noise around nominal weights, rescaled to the nominal total (n, K)."""
    noise = np.exp(scale * rng.standard_normal((n, len(w))) - scale ** 2 / 2.0)
    drawn = w[None, :] * noise
    return drawn * (w.sum() / drawn.sum(axis=1, keepdims=True))


# -- the Monte Carlo -----------------------------------------------------------------------

@dataclasses.dataclass
class _Setup:
    claims: RegionClaims
    focal: np.ndarray
    p_spd: np.ndarray
    p_sid: np.ndarray
    downgrade: str
    weight_noise: float
    changes: np.ndarray | None


def _ranks_in_field(field: np.ndarray, own: np.ndarray, setup: _Setup) -> np.ndarray:
    """Rank of each focal region (columns of ``own``) among its cluster in ``field`` (b, R).

    All clusters at once: cluster ``c`` is shifted by ``200 c`` (IID lies in [0, 100]) so one
    sort per draw puts each cluster in its own segment; each draw of a block of
    ``_RANK_BLOCK`` draws is shifted again so that one binary search serves the block.
    """
    table = setup.claims.table
    cluster_id, names = pd.factorize(table["jenis"])
    sizes = np.bincount(cluster_id, minlength=len(names))
    seg_end = np.cumsum(sizes)
    shift = 200.0 * cluster_id
    width = 200.0 * len(names)
    n_regions = field.shape[1]
    ordered = np.sort(field + shift[None, :], axis=1)
    mine = own + shift[setup.focal][None, :]
    end = seg_end[cluster_id[setup.focal]][None, :]
    b = len(field)
    greater = np.empty(own.shape, dtype=np.int64)
    for s in range(0, b, _RANK_BLOCK):
        e = min(s + _RANK_BLOCK, b)
        off = (np.arange(e - s, dtype=float) * width)[:, None]
        pos = np.searchsorted((ordered[s:e] + off).ravel(), (mine[s:e] + off).ravel(),
                              side="right").reshape(e - s, own.shape[1])
        greater[s:e] = end - (pos - np.arange(e - s)[:, None] * n_regions)
    # The region itself sits in the field at its moved IID; it does not count.
    greater -= field[:, setup.focal] > own
    return (1 + greater).astype(np.int32)


def _simulate_fast(setup: _Setup, n_draws: int, seed: int):
    """(IID, rank) draws of the focal regions, shape (n_draws, n_focal); vectorised."""
    claims, focal = setup.claims, setup.focal
    fw = claims.framework
    rng = np.random.default_rng(seed)
    w_spd, w_sid = fw.spd_weights.to_numpy(), fw.sid_weights.to_numpy()
    sub = dataclasses.replace(claims, spd_levels=claims.spd_levels[focal],
                              sid_counts=claims.sid_counts[focal])
    samplers = [LossSampler(*loss_classes(sub, "spd", setup.p_spd, setup.downgrade)),
                LossSampler(*loss_classes(sub, "sid", setup.p_sid, setup.downgrade))]
    expected = [expected_units(sub, "spd", setup.p_spd, setup.downgrade),
                expected_units(sub, "sid", setup.p_sid, setup.downgrade)]
    nominal_loss = [expected[0] @ w_spd, expected[1] @ w_sid]
    rows = np.arange(len(focal))
    scale = 100.0 / fw.total_max
    base = claims.iid()
    iid_out = np.empty((n_draws, len(focal)))
    rank_out = np.empty((n_draws, len(focal)), dtype=np.int32)
    if setup.weight_noise > 0:
        # All weight draws first: three matrix products for the whole run.
        ws = _weight_draws(rng, w_spd, setup.weight_noise, n_draws)
        wi = _weight_draws(rng, w_sid, setup.weight_noise, n_draws)
        claimed_all = claims.iid(ws, wi)                                     # (D, R)
        ratio_all = []
        for unit, w_draw in ((0, ws), (1, wi)):
            ok = nominal_loss[unit] > 0
            ratio = np.ones((n_draws, len(focal)))
            ratio[:, ok] = (w_draw @ expected[unit][ok].T) / nominal_loss[unit][ok]
            ratio_all.append(ratio)
    for start in range(0, n_draws, _CHUNK):
        b = min(_CHUNK, n_draws - start)
        if setup.weight_noise > 0:
            claimed = claimed_all[start:start + b]
            ratio = [ratio_all[0][start:start + b], ratio_all[1][start:start + b]]
        else:
            claimed = np.broadcast_to(base, (b, len(base)))
            ratio = [1.0, 1.0]
        loss = samplers[0].sample(rows, rng.random((b, len(focal))))
        loss *= ratio[0]
        loss_sid = samplers[1].sample(rows, rng.random((b, len(focal))))
        loss_sid *= ratio[1] / claims.divisor[focal][None, :]
        loss += loss_sid
        loss *= scale
        own = claimed if len(focal) == len(base) and not np.any(focal - rows) else \
            claimed[:, focal]
        own = own - loss
        np.clip(own, 0.0, 100.0, out=own)
        if setup.changes is not None:
            field = setup.changes[rng.integers(0, len(setup.changes), size=claimed.shape)]
            field += claimed
            np.clip(field, 0.0, 100.0, out=field)
        else:
            field = np.ascontiguousarray(claimed)
        iid_out[start:start + b] = own
        rank_out[start:start + b] = _ranks_in_field(field, own, setup)
    return iid_out, rank_out


def _downgrade_levels(levels: np.ndarray, p: np.ndarray, downgrade: str, rng) -> np.ndarray:
    hit = (rng.random(levels.shape) < p[None, :]) & (levels > 0)
    return (levels - hit * (levels if downgrade == "nol" else 1.0)).astype(np.int64)


def _simulate_naive(setup: _Setup, inovasi: pd.DataFrame, spd: pd.DataFrame, n_draws: int,
                    seed: int):
    """Reference path: per draw, downgrade every claim and re-score with :mod:`scoring`.

    Slow on purpose (one :func:`inovlab.rules.scoring.score_regions` call per draw, two with weight
    noise); used to validate and benchmark :func:`_simulate_fast`.
    """
    claims, focal = setup.claims, setup.focal
    fw = claims.framework
    rng = np.random.default_rng(seed)
    codes = claims.table["kode_wilayah"].astype(str)
    scored = score_innovations(inovasi[inovasi["tahun"] == fw.cycle], fw)
    counted = scored[scored["dihitung"].to_numpy(dtype=bool)].reset_index(drop=True)
    counted = counted.drop(columns=["skor_kematangan", "dihitung", "alasan"])
    sid_lev = np.clip(np.rint(level_matrix(counted, fw.sid_columns)), 0, 3).astype(np.int64)
    spd_lev = np.rint(claims.spd_levels).astype(np.int64)
    counted[fw.sid_columns] = sid_lev
    spd_frame = pd.DataFrame(spd_lev, columns=fw.spd_columns)
    spd_frame.insert(0, "kode_wilayah", codes.to_numpy())
    spd_frame.insert(0, "tahun", fw.cycle)
    w = fw.indicators["weight"].to_numpy()
    is_spd = (fw.indicators["unit"] == "spd").to_numpy()
    iid_out = np.empty((n_draws, len(focal)))
    rank_out = np.empty((n_draws, len(focal)), dtype=np.int32)
    base = claims.iid()
    for d in range(n_draws):
        fw_d = fw
        if setup.weight_noise > 0:
            new_w = w.copy()
            new_w[is_spd] = _weight_draws(rng, w[is_spd], setup.weight_noise, 1)[0]
            new_w[~is_spd] = _weight_draws(rng, w[~is_spd], setup.weight_noise, 1)[0]
            fw_d = dataclasses.replace(fw, indicators=fw.indicators.assign(weight=new_w))
        inn_d = counted.copy()
        inn_d[fw.sid_columns] = _downgrade_levels(sid_lev, setup.p_sid, setup.downgrade, rng)
        spd_d = spd_frame.copy()
        spd_d[fw.spd_columns] = _downgrade_levels(spd_lev, setup.p_spd, setup.downgrade, rng)
        verified = score_regions(score_innovations(inn_d, fw_d), spd_d, fw_d)
        own = verified.set_index(verified["kode_wilayah"].astype(str))["skor_iid"].reindex(
            codes).to_numpy()[focal]
        if setup.weight_noise > 0:
            again = score_regions(score_innovations(counted, fw_d), spd_frame, fw_d)
            claimed = again.set_index(again["kode_wilayah"].astype(str))["skor_iid"].reindex(
                codes).to_numpy()
        else:
            claimed = base
        field = claimed[None, :].copy()
        if setup.changes is not None:
            field = np.clip(field + rng.choice(setup.changes, size=field.shape), 0.0, 100.0)
        iid_out[d] = own
        rank_out[d] = _ranks_in_field(field, own[None, :], setup)[0]
    return iid_out, rank_out


def _select_focal(table: pd.DataFrame, region, cluster) -> np.ndarray:
    if region is not None:
        wanted = [region] if isinstance(region, str) else list(region)
        codes = table["kode_wilayah"].astype(str)
        names = table["nama_daerah"].astype(str).str.lower()
        hits = []
        for item in wanted:
            found = np.flatnonzero((codes == str(item)).to_numpy()
                                   | (names == str(item).strip().lower()).to_numpy())
            if not len(found):  # everyday spellings: "Pangkalpinang" -> 19.71
                from inovlab.io.regions import resolve_names
                code = resolve_names([str(item)])["kode_wilayah"].iloc[0]
                found = np.flatnonzero((codes == str(code)).to_numpy()) if code else found
            if not len(found):
                raise UsageError(f"Daerah '{item}' tidak ada dalam data siklus ini "
                                 f"(region not found in this cycle's data).")
            hits.extend(found.tolist())
        return np.array(sorted(set(hits)))
    if cluster is not None:
        found = np.flatnonzero((table["jenis"] == cluster).to_numpy())
        if not len(found):
            raise UsageError(f"Klaster '{cluster}' tidak ada dalam data "
                             f"(cluster not found); pilih provinsi, kabupaten atau kota.")
        return found
    return np.arange(len(table))


def rank_uncertainty(inovasi: pd.DataFrame, spd: pd.DataFrame, tahun: int | None = None, *,
                     region=None, cluster: str | None = None, yoy_changes=None,
                     downgrade_prob=0.1, downgrade: str = "satu", weight_noise: float = 0.0,
                     n_draws: int = 10_000, seed: int = 0, top_k: int = 10,
                     framework: Framework | None = None, jenis=None,
                     method: str = "fast") -> pd.DataFrame:
    """Monte Carlo of rank and predikat under verification risk, the field's moves and weights.

    For every focal region and draw ``d`` (see the module docstring for the method)::

        IID_rd   = [sum_k w'_kd (L_rk - D_rkd) + sum_i w'_id (A_ri - E_rid) / MAX(d, n_r)
                    + J_r] / T * 100                                  (own, verified)
        IID'_jd  = clip(IID_jd(w'_d) + c_jd, 0, 100), c_jd ~ U{yoy_changes}   (field)
        rank_rd  = 1 + #{j in cluster(r), j != r : IID'_jd > IID_rd}

    ``D``/``E`` are the downgraded level units: each claim is scored down with probability
    ``p`` by one level (``downgrade="satu"``) or to 0 (``"nol"``).

    Parameters
    ----------
    inovasi, spd : DataFrame
        Canonical tables of the cycle (demo: ``panel.inovasi``, ``panel.spd``).
    tahun : int, optional
        The cycle (needed when the tables hold several).
    region : str or list of str, optional
        Kode wilayah or official name(s) of the region(s) to study.
    cluster : str, optional
        ``provinsi``, ``kabupaten`` or ``kota``: all regions of that cluster. Without
        ``region`` and ``cluster`` every region is simulated.
    yoy_changes : array-like, optional
        Observed year-on-year IID changes (:func:`observed_changes`); without them the
        other regions keep their IID.
    downgrade_prob : float or dict
        Probability that a claimed level is scored down; a dict maps column names
        (``spd_12``, ``ind_33``) to probabilities, with key ``default`` for the rest.
    downgrade : {"satu", "nol"}
        One level down, or to level 0.
    weight_noise : float
        Scale ``s`` of the lognormal weight noise (0 = nominal weights; 0.2 is about +-20 %).
    n_draws, seed : int
        Number of draws; seed of ``numpy.random.default_rng`` (same seed, same result).
    top_k : int
        Size of the top group (10).
    method : {"fast", "naive"}
        ``naive`` re-scores every draw with :func:`inovlab.rules.scoring.score_regions` (slow; a
        reference for tests and the benchmark).

    Returns
    -------
    DataFrame
        One row per focal region: ``tahun, kode_wilayah, nama_daerah, jenis, n_klaster,
        skor_iid, predikat, peringkat`` (deterministic, at the claimed levels),
        ``iid_median, iid_p05, iid_p95, peringkat_median, peringkat_p05, peringkat_p95,
        p_top_k, p_sangat_inovatif``. ``attrs`` records the settings (``top_k``,
        ``n_draws``, ``seed``, ``downgrade``, ...).

    References
    ----------
    Saisana, Saltelli & Tarantola (2005), JRSS A 168(2); OECD/JRC Handbook (2008), sec. 7.

    Examples
    --------
    >>> inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"] * 12 + ["b"] * 12,
    ...                      "tahapan": "penerapan", "ind_33": [3] * 12 + [2] * 12})
    >>> spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b"], "spd_1": [3, 3]})
    >>> out = rank_uncertainty(inov, spd, downgrade_prob=0.0, n_draws=50, jenis={"a": "kota",
    ...                        "b": "kota"})
    >>> out[["kode_wilayah", "peringkat", "peringkat_median", "p_top_k"]].values.tolist()
    [['a', 1, 1, 1.0], ['b', 2, 2, 1.0]]
    """
    if downgrade not in DOWNGRADES:
        raise UsageError(f"downgrade harus salah satu dari {DOWNGRADES} (got {downgrade!r}).")
    if weight_noise < 0:
        raise UsageError("weight_noise tidak boleh negatif (must be >= 0).")
    if n_draws < 1:
        raise UsageError("n_draws minimal 1 (must be at least 1).")
    claims = region_claims(inovasi, spd, tahun, framework, jenis)
    fw = claims.framework
    table = claims.table
    changes = None
    if yoy_changes is not None:
        changes = np.asarray(yoy_changes, dtype=float).ravel()
        changes = changes[~np.isnan(changes)]
        changes = changes if changes.size else None
    setup = _Setup(claims, _select_focal(table, region, cluster),
                   _probabilities(fw.spd_columns, downgrade_prob),
                   _probabilities(fw.sid_columns, downgrade_prob), downgrade,
                   float(weight_noise), changes)
    if method == "fast":
        iid, rank = _simulate_fast(setup, n_draws, seed)
    elif method == "naive":
        iid, rank = _simulate_naive(setup, inovasi, spd, n_draws, seed)
    else:
        raise UsageError("method harus 'fast' atau 'naive'.")
    out = table.iloc[setup.focal].reset_index(drop=True)
    out.insert(4, "n_klaster", table["jenis"].value_counts().reindex(out["jenis"]).to_numpy())
    # Sorting contiguous rows (one per region) is much faster than along axis 0.
    iid_sorted = np.sort(np.ascontiguousarray(iid.T), axis=1).T
    rank_sorted = np.sort(np.ascontiguousarray(rank.T), axis=1).T
    out["iid_median"] = _sorted_quantile(iid_sorted, 0.5)
    out["iid_p05"] = _sorted_quantile(iid_sorted, 0.05)
    out["iid_p95"] = _sorted_quantile(iid_sorted, 0.95)
    out["peringkat_median"] = _sorted_quantile(rank_sorted, 0.5, discrete=True)
    out["peringkat_p05"] = _sorted_quantile(rank_sorted, 0.05, discrete=True)
    out["peringkat_p95"] = _sorted_quantile(rank_sorted, 0.95, discrete=True)
    out["p_top_k"] = (rank <= top_k).mean(axis=0)
    out["p_sangat_inovatif"] = (np.round(iid, 2) >= fw.cutoffs["Sangat Inovatif"]).mean(axis=0)
    out.attrs.update({"top_k": top_k, "n_draws": n_draws, "seed": seed, "downgrade": downgrade,
                      "downgrade_prob": downgrade_prob, "weight_noise": weight_noise,
                      "yoy": changes is not None, "method": method, "tahun": fw.cycle})
    return out

