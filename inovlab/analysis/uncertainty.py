"""Rank uncertainty: how sure is a region of its rank and predikat?

A Monte Carlo over three sources of uncertainty (issue 4, section 3):

(a) **verification risk**, for every region alike: every claimed evidence level (SPD levels,
    SID levels of each counted innovation) may be scored down by the verifiers with a
    user-set probability ``p``; ``downgrade="satu"`` takes one level off (``l -> l - 1``),
    ``downgrade="nol"`` sets the level to 0. Downgrades are independent across indicators,
    innovations and regions.
(b) **the field moves** (optional): every region of the cluster, the focal one included,
    changes its IID by a year-on-year change drawn by the one change model
    (:class:`inovlab.analysis.rank_model.ChangeModel`: conditional on the level when the
    starting levels are known);
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
* Ranks: every draw is sorted once on one integer per region (cluster, published IID in
  hundredths, region; int32 when it fits). A region alone at its IID has the regions after
  it in its cluster above it; only the few that share an IID with a neighbour need their
  run of equal IIDs (its end: how many are above; its length: how many are level).
* Draws are made in blocks of 500 (weights drawn first for the whole run), so every
  (draws x regions) temporary stays the size of a block; the small matrix products of a
  block run BLAS on one thread. The summaries sort each region's draws (one contiguous
  row per region) and count P(top k) and P(sangat inovatif) by bisection of those rows.

Ranks follow :mod:`inovlab.analysis.rank_model`: IIDs compared as published (2 decimals),
ties in a draw broken at random, so a symmetric field gives symmetric chances. Predikat by
the cycle's cut-offs on the IID rounded to 2 decimals.

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
from threadpoolctl import threadpool_limits

from inovlab.analysis.claims import RegionClaims, region_claims
from inovlab.analysis.rank_model import ChangeModel, published
from inovlab.analysis.verification_loss import LossSampler, expected_units, loss_classes
from inovlab.errors import UsageError
from inovlab.rules.framework import Framework
from inovlab.rules.scoring import level_matrix, score_innovations, score_regions

__all__ = ["observed_changes", "region_claims", "rank_uncertainty", "RegionClaims"]

DOWNGRADES = ("satu", "nol")
_CHUNK = 500            # draws per block (fixed, so results do not depend on memory)


def _sorted_quantile(ordered: np.ndarray, q: float, discrete: bool = False) -> np.ndarray:
    """Quantile of each row of an array whose rows are sorted.

    ``discrete``: inverse empirical CDF (an observed value, like numpy's ``inverted_cdf``);
    else linear interpolation (numpy's default).
    """
    n = ordered.shape[1]
    if discrete:
        return ordered[:, max(int(math.ceil(q * n)) - 1, 0)].astype(int)
    pos = q * (n - 1)
    lo = int(math.floor(pos))
    hi = min(lo + 1, n - 1)
    return ordered[:, lo] + (pos - lo) * (ordered[:, hi] - ordered[:, lo])


def observed_changes(hasil: pd.DataFrame, tahun: int | None = None,
                     jenis: str | None = None) -> np.ndarray:
    """Observed year-on-year IID changes (the pool behind
    :class:`inovlab.analysis.rank_model.ChangeModel`, which also keeps the starting levels).

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
    changes: ChangeModel | None


def _ranks_in_field(field: np.ndarray, setup: _Setup, rng) -> np.ndarray:
    """Rank of each focal region among its cluster in every draw of ``field`` (b, R).

    ``rank = 1 + (cluster rivals published higher) + a uniform position among the level
    ones``. Each draw is sorted once on an integer key (cluster, published IID in hundredths,
    region), so the equal IIDs of a cluster form one run of the sorted draw: the regions after
    the run's end and before the cluster's end are above, the run's length less the region
    itself are level. Returns shape (b, len(setup.focal)).
    """
    cluster_id, seg_end = _cluster_segments(setup.claims.table)
    b, n = field.shape
    bits = max(1, (n - 1).bit_length())
    key = _sorted_keys(field, cluster_id, bits)
    at = np.bitwise_and(key, (1 << bits) - 1, dtype=np.intp)  # each sorted key's region...
    at += (np.arange(b) * n)[:, None]                 # ... as a flat (draw, region) index
    key >>= bits
    # Most regions are alone at their IID: their run ends just after them and has length 1.
    run_end = np.empty(b * n, dtype=np.int32)
    run_end[at] = np.arange(1, n + 1, dtype=np.int32)
    run_length = np.ones(b * n, dtype=np.int32)
    tied, tied_end, tied_length = _tied_runs(key)
    at = at.reshape(-1)[tied]
    run_end[at] = tied_end
    run_length[at] = tied_length
    above, level = run_end.reshape(b, n), run_length.reshape(b, n)
    focal = setup.focal
    if len(focal) < n:
        above, level = above[:, focal], level[:, focal]
    ties = rng.random(above.shape)
    ties *= level                                     # a position among the run, uniform
    rank = np.floor(ties, out=ties).astype(np.int32)
    rank += (1 + seg_end[cluster_id[focal]]).astype(np.int32)[None, :]
    rank -= above
    return rank


def _cluster_segments(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Cluster number of each region, and where each cluster's part of a sorted draw ends."""
    cluster_id, names = pd.factorize(table["jenis"])
    return cluster_id, np.cumsum(np.bincount(cluster_id, minlength=len(names)))


def _sorted_keys(field: np.ndarray, cluster_id: np.ndarray, bits: int) -> np.ndarray:
    """Per draw, sorted ``(cluster, published IID + 1, region)`` packed in one integer.

    Published IIDs are whole hundredths in [0, 10000] (-1 missing), so ``10002`` values per
    cluster keep clusters apart; the low ``bits`` hold the region. int32 when it fits.
    """
    stride = 10_002
    fits = (int(cluster_id.max(initial=0)) + 1) * stride << bits < 2 ** 31
    key = published(field).astype(np.int32 if fits else np.int64)
    key <<= bits
    region = np.arange(field.shape[1], dtype=np.int64)
    key += (((cluster_id * stride + 1) << bits) + region).astype(key.dtype)[None, :]
    key.sort(axis=1)
    return key


def _tied_runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The elements of the sorted rows of ``values`` that equal a neighbour: their flat
    positions, where their run of equal values ends (position in the row just past it) and
    the run's length. Every other element is a run of its own and needs no bookkeeping."""
    n = values.shape[1]
    equal = values[:, 1:] == values[:, :-1]
    tied = np.zeros(values.shape, dtype=bool)
    tied[:, 1:] = equal
    tied[:, :-1] |= equal
    where = np.flatnonzero(tied)
    first = np.ones(values.shape, dtype=bool)         # first of its run
    first[:, 1:] = ~equal
    first = first.reshape(-1)[where]
    run = np.cumsum(first) - 1
    length = np.bincount(run).astype(np.int32)
    end = (where[first] % n).astype(np.int32) + length
    return where, end[run], length[run]


def _loss_ratio(w_draw: np.ndarray, expected: np.ndarray, nominal: np.ndarray) -> np.ndarray:
    """``(E[D_r] . w') / (E[D_r] . w)`` per draw and region (b, R); 1 where no loss is expected."""
    ok = nominal > 0
    ratio = w_draw @ expected.T
    ratio /= np.where(ok, nominal, 1.0)[None, :]
    if not ok.all():
        ratio[:, ~ok] = 1.0
    return ratio


def _simulate_fast(setup: _Setup, n_draws: int, seed: int):
    """(IID, rank) draws, one row per focal region: shape (n_focal, n_draws); vectorised.

    Draws are made in blocks of ``_CHUNK`` so every (draws x regions) array stays small; the
    weight draws of the whole run come first, so blocks do not change the random stream.
    The matrix products of a block are small: BLAS threads cost more than they save there
    (on a busy 2-core machine four times more), so BLAS runs on one thread meanwhile.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        return _simulate_blocks(setup, n_draws, seed)


def _simulate_blocks(setup: _Setup, n_draws: int, seed: int):
    """The body of :func:`_simulate_fast`."""
    claims, focal = setup.claims, setup.focal
    fw = claims.framework
    rng = np.random.default_rng(seed)
    samplers = [LossSampler(*loss_classes(claims, "spd", setup.p_spd, setup.downgrade)),
                LossSampler(*loss_classes(claims, "sid", setup.p_sid, setup.downgrade))]
    expected = [expected_units(claims, "spd", setup.p_spd, setup.downgrade),
                expected_units(claims, "sid", setup.p_sid, setup.downgrade)]
    w_spd, w_sid = fw.spd_weights.to_numpy(), fw.sid_weights.to_numpy()
    nominal_loss = [expected[0] @ w_spd, expected[1] @ w_sid]
    divisor = claims.divisor[None, :]
    iid_out = np.empty((len(focal), n_draws))
    rank_out = np.empty((len(focal), n_draws), dtype=np.int32)
    if setup.weight_noise > 0:
        ws = _weight_draws(rng, w_spd, setup.weight_noise, n_draws)
        wi = _weight_draws(rng, w_sid, setup.weight_noise, n_draws)
    else:
        claimed, ratio = claims.iid()[None, :], [1.0, 1.0]
    for start in range(0, n_draws, _CHUNK):
        b = min(_CHUNK, n_draws - start)
        if setup.weight_noise > 0:
            block = slice(start, start + b)
            claimed = claims.iid(ws[block], wi[block])                      # (b, R)
            ratio = [_loss_ratio(ws[block], expected[0], nominal_loss[0]),
                     _loss_ratio(wi[block], expected[1], nominal_loss[1])]
        field = _verified(claims, claimed, samplers, ratio, rng, b, divisor)
        if setup.changes is not None:
            field = setup.changes.move(field, rng).astype(np.float64, copy=False)
        iid_out[:, start:start + b] = (field if len(focal) == field.shape[1]
                                       else field[:, focal]).T
        rank_out[:, start:start + b] = _ranks_in_field(field, setup, rng).T
    return iid_out, rank_out


def _verified(claims: RegionClaims, claimed, samplers, ratio, rng, b: int,
              divisor: np.ndarray) -> np.ndarray:
    """IID of every region after verification in ``b`` draws, clipped to [0, 100] (b, R):
    the claimed IID less the SPD loss and the SID loss (divided by ``divisor``,
    ``MAX(d, n)``), each rescaled by its weight ratio, in IID points."""
    rows = np.arange(len(claims.table))
    loss = samplers[0].sample(rows, rng.random((b, len(rows))))
    loss *= ratio[0]
    loss_sid = samplers[1].sample(rows, rng.random((b, len(rows))))
    loss_sid *= ratio[1] / divisor
    loss += loss_sid
    loss *= 100.0 / claims.framework.total_max
    field = np.subtract(claimed, loss, out=loss)
    return np.clip(field, 0.0, 100.0, out=field)


def _change_model(yoy_changes) -> ChangeModel | None:
    """The change model from a :class:`ChangeModel` or plain changes (drawn regardless of level)."""
    if yoy_changes is None or isinstance(yoy_changes, ChangeModel):
        return yoy_changes
    values = np.asarray(yoy_changes, dtype=float).ravel()
    return ChangeModel.from_pairs(np.full(values.size, np.nan), values)


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
    iid_out = np.empty((len(focal), n_draws))
    rank_out = np.empty((len(focal), n_draws), dtype=np.int32)
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
        field = verified.set_index(verified["kode_wilayah"].astype(str))["skor_iid"].reindex(
            codes).to_numpy()[None, :]
        if setup.changes is not None:
            field = setup.changes.move(field, rng).astype(np.float64)
        own = field[0, focal]
        iid_out[:, d] = own
        rank_out[:, d] = _ranks_in_field(field, setup, rng)[0]
    return iid_out, rank_out


def _summarise(out: pd.DataFrame, iid: np.ndarray, rank: np.ndarray, top_k: int,
               cutoff: float) -> None:
    """Add the quantiles and probabilities of the draws (one row per region, sorted in place:
    contiguous rows sort much faster than columns) to ``out``."""
    n_draws = iid.shape[1]
    iid.sort(axis=1)
    rank.sort(axis=1)
    for name, q in (("median", 0.5), ("p05", 0.05), ("p95", 0.95)):
        out[f"iid_{name}"] = _sorted_quantile(iid, q)
    for name, q in (("median", 0.5), ("p05", 0.05), ("p95", 0.95)):
        out[f"peringkat_{name}"] = _sorted_quantile(rank, q, discrete=True)
    out["p_top_k"] = (n_draws - _count_from(rank, lambda r: r > top_k)) / n_draws
    # NaN sorts last, so "not below the cut-off" stays monotone; NaN then counts as below.
    above = _count_from(iid, lambda x: ~(np.round(x, 2) < cutoff)) - _count_from(iid, np.isnan)
    out["p_sangat_inovatif"] = above / n_draws


def _count_from(ordered: np.ndarray, predicate) -> np.ndarray:
    """How many values of each sorted row satisfy ``predicate``, which must be False then
    True along a row: a bisection of all rows at once (log2(n) small steps, no full pass)."""
    n_rows, n = ordered.shape
    rows = np.arange(n_rows)
    lo, hi = np.zeros(n_rows, dtype=np.int64), np.full(n_rows, n, dtype=np.int64)
    while (searching := lo < hi).any():
        mid = (lo + hi) // 2
        hit = predicate(ordered[rows, np.minimum(mid, n - 1)])
        hi = np.where(searching & hit, mid, hi)
        lo = np.where(searching & ~hit, mid + 1, lo)
    return n - lo


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

        IID_jd   = [sum_k w'_kd (L_jk - D_jkd) + sum_i w'_id (A_ji - E_jid) / MAX(d, n_j)
                    + J_j] / T * 100                       (every region j, verified)
        IID'_jd  = clip(IID_jd + c_jd, 0, 100)             (optional move, c from ChangeModel)
        rank_rd  = 1 + #{j in cluster(r), j != r : IID'_jd > IID'_rd} + random tie position

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
    yoy_changes : ChangeModel or array-like, optional
        How regions move to the next cycle: a :class:`~inovlab.analysis.rank_model.ChangeModel`
        (conditional on the level; ``ChangeModel.from_hasil``) or plain observed changes
        (:func:`observed_changes`, drawn regardless of level). Every region moves, the focal
        ones included; without it the cycle's verified claims are ranked as they are.
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
    changes = _change_model(yoy_changes)
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
    _summarise(out, iid, rank, top_k, fw.cutoffs["Sangat Inovatif"])
    out.attrs.update({"top_k": top_k, "n_draws": n_draws, "seed": seed, "downgrade": downgrade,
                      "downgrade_prob": downgrade_prob, "weight_noise": weight_noise,
                      "yoy": changes is not None, "method": method, "tahun": fw.cycle})
    return out

