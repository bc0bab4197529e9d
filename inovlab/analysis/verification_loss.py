"""The exact distribution of a region's verification loss, and fast draws from it.

Each claimed level may be scored down with probability ``p``. On indicator ``i`` with ``m``
claims and loss ``v`` per downgrade the loss is ``v * Binomial(m, p)``; claims with the same
``(v, p)`` are pooled. :class:`LossSampler` gets the exact pmf of a region's total loss from
the characteristic function by an inverse FFT on the score lattice and draws from it by
inverse CDF with a guide table (Chen & Asau 1974). Used by
:func:`inovlab.analysis.uncertainty.rank_uncertainty`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from inovlab.analysis.claims import RegionClaims

__all__ = ["LossSampler", "loss_classes", "expected_units", "lattice_unit"]

_PMF_FLOOR = 1e-13      # loss probabilities below this are set to zero
_TAIL = math.log(1e16)  # Hoeffding: tail mass outside the lattice window < 2e-16
_GUIDE = 1024           # guide-table bins of the inverse-CDF sampler


def lattice_unit(values: np.ndarray) -> float:
    """Largest u with every value an integer multiple of u (values rational, denom <= 1000)."""
    fr = [Fraction(float(v)).limit_denominator(1000) for v in np.unique(values) if v > 0]
    if not fr:
        return 1.0
    den = math.lcm(*[f.denominator for f in fr])
    num = math.gcd(*[int(f * den) for f in fr])
    return num / den


def loss_classes(claims: RegionClaims, unit: str, p: np.ndarray, downgrade: str):
    """Claims as (count matrix M (R, C), loss value v (C,), probability (C,)) per class."""
    fw = claims.framework
    if unit == "spd":
        w = fw.spd_weights.to_numpy()
        lev = np.rint(claims.spd_levels).astype(int)
        onehot = np.stack([(lev == k) for k in (1, 2, 3)], axis=2).astype(float)  # (R, K, 3)
    else:
        w = fw.sid_weights.to_numpy()
        onehot = claims.sid_counts.astype(float)
    if downgrade == "satu":
        m = onehot.sum(axis=2)
        v, prob = w, p
    else:
        m = onehot.reshape(len(onehot), -1)
        v = (w[:, None] * np.array([1.0, 2.0, 3.0])[None, :]).ravel()
        prob = np.repeat(p, 3)
    return m, v, prob


class LossSampler:
    """Exact distribution of ``sum_c v_c Binomial(M_rc, p_c)`` per region; inverse-CDF draws.

    The pmf on the lattice ``u * (start_r + k)``, ``k = 0..L-1`` is the inverse FFT of the
    characteristic function ``prod_c (1 - p_c + p_c exp(-2 pi i f v_c / u / L))^M_rc``,
    shifted by ``start_r``. ``L`` covers the mean +- the Hoeffding bound for tail mass 1e-16.

    A draw ``u`` of region ``r`` is the first support point with ``F(k) > u``. The guide
    table gives, for each of ``Q = 1024`` equal bins of ``u``, the first candidate; a bin
    with a jump of ``F`` inside it is searched by bisection up to the next bin's candidate.
    Attributes: ``cdf`` (every region's support, one flat array; region ``r`` starts at
    ``offset[r]``), ``values`` (loss of each flat point), ``start``, ``unit``.
    """

    def __init__(self, m: np.ndarray, v: np.ndarray, p: np.ndarray):
        active = (p > 0) & (v > 0) & (m.sum(axis=0) > 0)
        self.n_regions = m.shape[0]
        self.zero = not active.any()
        if self.zero:
            return
        m, v, p = m[:, active], v[active], p[active]
        u = lattice_unit(v)
        steps = np.rint(v / u).astype(np.int64)
        mean = m @ (p * steps)
        top = m @ steps
        half = np.sqrt(_TAIL / 2.0 * (m @ steps.astype(float) ** 2))
        start = np.maximum(0, np.floor(mean - half)).astype(np.int64)
        stop = np.minimum(top, np.ceil(mean + half)).astype(np.int64)
        length = 1 << int(max(1, int((stop - start).max()) + 1) - 1).bit_length()
        freq = np.arange(length // 2 + 1)
        theta = -2j * np.pi * np.outer(steps, freq) / length                  # (C, F)
        base = 1.0 - p[:, None] + p[:, None] * np.exp(theta)
        logb = np.log(np.maximum(np.abs(base), 1e-300)) + 1j * np.angle(base)
        phi = np.exp(m @ logb + 2j * np.pi * np.outer(start, freq) / length)   # shift
        pmf = np.fft.irfft(phi, n=length, axis=1)
        pmf[pmf < _PMF_FLOOR] = 0.0
        pmf /= pmf.sum(axis=1, keepdims=True)
        # Keep each region's support only (first to last point with mass), one flat array.
        has = pmf > 0
        first = has.argmax(axis=1)
        last = length - 1 - has[:, ::-1].argmax(axis=1)
        size = last - first + 1
        offset = np.concatenate([[0], np.cumsum(size)[:-1]])
        keep = (np.arange(length)[None, :] >= first[:, None]) & (
            np.arange(length)[None, :] <= last[:, None])
        cdf = np.cumsum(pmf, axis=1)[keep]
        cdf[offset + size - 1] = 1.0
        self.unit = u
        self.start = start + first - offset      # value of flat index k is (start + k) * u
        self.cdf = cdf
        self.offset = offset                     # flat index of each region's first point
        # Guide table: first k with F(k) > j / Q, per region (Chen & Asau 1974), and after
        # each region's Q bins its last index (every draw of the last bin stops there).
        region = np.repeat(np.arange(len(size)), size)
        self.values = (self.start[region] + np.arange(len(cdf))) * u     # loss of each k
        grid = (np.arange(_GUIDE)[None, :] / _GUIDE + np.arange(len(size))[:, None]).ravel()
        guide = np.searchsorted(cdf + region, grid, side="right").reshape(len(size), _GUIDE)
        # A bin whose first candidate already has F(k) >= upper edge needs no check; the
        # others are stored as ~k = -(k + 1) and searched at sampling time between k and
        # the next bin's first candidate.
        sure = cdf[guide] > (np.arange(1, _GUIDE + 1) / _GUIDE)[None, :]
        kind = np.int32 if len(cdf) < 2 ** 31 else np.int64
        table = np.empty((len(size), _GUIDE + 1), dtype=kind)
        table[:, :_GUIDE] = np.where(sure, guide, ~guide)
        table[:, _GUIDE] = offset + size - 1
        self.guide = table.ravel()

    def sample(self, rows: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Loss (score points) for regions ``rows`` and uniforms ``u`` of shape (D, len(rows))."""
        if self.zero:
            return np.zeros_like(u)
        j = (u * _GUIDE).astype(np.intp)
        np.minimum(j, _GUIDE - 1, out=j)
        j += (rows * (_GUIDE + 1))[None, :]
        k = self.guide[j]
        flat_k = k.reshape(-1)
        todo = np.flatnonzero(flat_k < 0)
        if todo.size:
            flat_k[todo] = self._search(~flat_k[todo], j.reshape(-1)[todo] + 1,
                                        u.reshape(-1)[todo])
        return self.values[k]

    def _search(self, low: np.ndarray, bin_after: np.ndarray, u: np.ndarray) -> np.ndarray:
        """First flat index ``k`` in ``[low, first candidate of bin_after]`` with F(k) > u
        (bisection of all draws at once; that candidate is known to have F > u)."""
        high = self.guide[bin_after]
        high = np.where(high < 0, ~high, high)
        # Most such bins hold one jump of F: one comparison with F(low) settles them.
        right = self.cdf[low] <= u
        high = np.where(right, high, low)
        low += right
        while (open_ := np.flatnonzero(low < high)).size:
            mid = (low[open_] + high[open_]) >> 1
            right = self.cdf[mid] <= u[open_]
            low[open_[right]] = mid[right] + 1
            high[open_[~right]] = mid[~right]
        return low


def expected_units(claims: RegionClaims, unit: str, p: np.ndarray, downgrade: str):
    """Expected downgraded level units per region and indicator (R, K)."""
    if unit == "spd":
        lev = claims.spd_levels
        units = lev if downgrade == "nol" else (lev > 0).astype(float)
    else:
        c = claims.sid_counts
        units = c @ np.array([1.0, 2.0, 3.0]) if downgrade == "nol" else c.sum(axis=2)
    return units * p[None, :]
