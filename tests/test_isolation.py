"""isolation: what one notebook changes in a warm kernel is put back before the next one.

Runs in this process (no kernel): the warm-kernel tests (``test_warmkernel``) show the same
through a real kernel.
"""
# ruff: noqa: NPY002  (the legacy global random state is exactly what is under test)

import os
import sys
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from inovlab.workbook import isolation


@pytest.fixture
def snapshot(tmp_path):
    """A snapshot of this process's settings, and everything put back after the test."""
    here = os.getcwd()
    saved = (dict(isolation._STATE), list(sys.path), list(warnings.filters),
             matplotlib.rcParams.copy(), matplotlib.get_backend(), np.random.get_state())
    isolation._STATE.clear()
    isolation.snapshot_state()
    yield tmp_path
    os.chdir(here)
    state, path, filters, rc, backend, random = saved
    isolation._STATE.clear()
    isolation._STATE.update(state)
    sys.path[:] = path
    warnings.filters[:] = filters
    plt.switch_backend(backend)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(rc)
    np.random.set_state(random)


def test_everything_a_notebook_changed_is_put_back(snapshot, monkeypatch):
    monkeypatch.setenv("INOVLAB_RUNNING_NOTEBOOK", "")  # put back after the test
    width = matplotlib.rcParams["lines.linewidth"]
    backend = matplotlib.get_backend()
    draws = np.random.get_state()[1][:5].copy()
    filters = list(warnings.filters)
    path = list(sys.path)
    # what a careless notebook could do
    matplotlib.rcParams["lines.linewidth"] = width + 7
    plt.switch_backend("svg")
    plt.figure()
    np.random.seed(123)
    warnings.simplefilter("error")
    sys.path.insert(0, "/elsewhere")

    isolation.restore_state(str(snapshot), "02_pembanding")

    assert os.environ["INOVLAB_RUNNING_NOTEBOOK"] == "02_pembanding"
    assert matplotlib.rcParams["lines.linewidth"] == width
    assert matplotlib.get_backend() == backend
    assert plt.get_fignums() == []
    assert (np.random.get_state()[1][:5] == draws).all()
    assert warnings.filters == filters
    assert sys.path == path
    assert os.getcwd() == str(snapshot)


def test_without_snapshot_only_figures_and_folder(tmp_path):
    here = os.getcwd()
    saved = dict(isolation._STATE)
    isolation._STATE.clear()
    try:
        plt.figure()
        isolation.restore_state(str(tmp_path))
        assert plt.get_fignums() == [] and os.getcwd() == str(tmp_path)
    finally:
        os.chdir(here)
        isolation._STATE.update(saved)
