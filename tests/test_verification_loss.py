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
