"""Tests of inovlab.analysis.verification_loss (exact loss distribution, inverse-CDF draws)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from inovlab.analysis.verification_loss import LossSampler, lattice_unit


def test_lattice_unit_of_quarter_weights():
    assert lattice_unit(np.array([0.75, 1.5, 2.0])) == 0.25
    assert lattice_unit(np.array([0.0])) == 1.0


def test_loss_distribution_is_exact():
    # 7 claims of value 2 (p = 0.3) and 4 claims of value 3 (p = 0.3): compare with direct pmf.
    sampler = LossSampler(np.array([[7.0, 4.0]]), np.array([2.0, 3.0]), np.array([0.3, 0.3]))
    values = (sampler.start[0] + np.arange(len(sampler.cdf))) * sampler.unit
    pmf = np.diff(np.concatenate([[0.0], sampler.cdf]))
    a, b = stats.binom.pmf(np.arange(8), 7, 0.3), stats.binom.pmf(np.arange(5), 4, 0.3)
    direct = {}
    for i, pa in enumerate(a):
        for j, pb in enumerate(b):
            direct[2 * i + 3 * j] = direct.get(2 * i + 3 * j, 0.0) + pa * pb
    got = dict(zip(values.tolist(), pmf.tolist(), strict=True))
    for key, prob in direct.items():
        assert got.get(float(key), 0.0) == pytest.approx(prob, abs=1e-12)
    draws = sampler.sample(np.array([0]), np.random.default_rng(0).random((20000, 1)))
    assert draws.mean() == pytest.approx(0.3 * (7 * 2 + 4 * 3), abs=0.1)
    # Inverse CDF on a fine stratified grid of u reproduces the pmf (to 1/M).
    m = 200_000
    grid = ((np.arange(m) + 0.5) / m)[:, None]
    values_drawn, counts = np.unique(sampler.sample(np.array([0]), grid), return_counts=True)
    for value, count in zip(values_drawn.tolist(), counts.tolist(), strict=True):
        assert count / m == pytest.approx(direct[int(round(value))], abs=2.0 / m)


def _direct_inverse_cdf(sampler, rows, u):
    """First k of each region's own CDF with F(k) > u, by a plain binary search per region."""
    ends = np.append(sampler.offset[1:], len(sampler.cdf))
    out = np.empty(u.shape)
    for col, r in enumerate(rows):
        cdf = sampler.cdf[sampler.offset[r]:ends[r]]
        k = sampler.offset[r] + np.searchsorted(cdf, u[:, col], side="right")
        out[:, col] = (sampler.start[r] + k) * sampler.unit
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_guide_table_draws_equal_the_direct_inverse_cdf(seed):
    # Regions of very different sizes (long tails fall in one guide bin), uniforms at the
    # bin edges, at the CDF values themselves and just around them.
    rng = np.random.default_rng(seed)
    m = rng.integers(0, 60, (6, 4)).astype(float)
    m[0] = [400.0, 300.0, 0.0, 0.0]
    sampler = LossSampler(m, np.array([1.0, 2.0, 0.5, 3.0]), np.array([0.1, 0.3, 0.5, 0.05]))
    rows = np.array([0, 1, 2, 3, 4, 5, 5, 0])
    edges = np.arange(1024) / 1024
    at_cdf = sampler.cdf[sampler.cdf < 1.0]
    u = np.concatenate([edges, at_cdf, np.nextafter(at_cdf, 0.0), np.nextafter(at_cdf, 1.0),
                        rng.random(5000), [0.0, np.nextafter(1.0, 0.0)]])
    u = np.tile(u[:, None], (1, len(rows)))
    np.testing.assert_array_equal(sampler.sample(rows, u), _direct_inverse_cdf(sampler, rows, u))
