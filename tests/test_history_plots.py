"""Tests of the own-history figure (inovlab.report.history_plots)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.own_history import own_history
from inovlab.report.history_plots import LEVELS, plot_own_history
from inovlab.testing import example_tables


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _mixed_history():
    inovasi, spd = example_tables()
    hasil = pd.DataFrame({"tahun": [2024, 2025], "kode_wilayah": "19.71",
                          "skor_iid": [58.3, 61.0]})
    return own_history("19.71", hasil=hasil, inovasi=inovasi, spd=spd, published=True)


def test_scores_one_line_per_origin_and_every_origin_in_the_source_line():
    h = _mixed_history()
    fig = plot_own_history(h, "Kota Pangkal Pinang")
    ax = fig.axes[0]
    assert ax.get_title() == "Riwayat skor IID: Kota Pangkal Pinang"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "berkas hasil Anda" in labels and "dihitung dari berkas inovasi dan spd Anda" in labels
    hasil_line = next(li for li in ax.get_lines() if li.get_label() == "berkas hasil Anda")
    # each origin sits a little beside its cycle (see test_equal_scores_of_two_origins_both_show)
    np.testing.assert_allclose(hasil_line.get_xdata(), [2024, 2025], atol=0.1)
    np.testing.assert_allclose(hasil_line.get_ydata(), [58.3, 61.0])
    src = fig.texts[-1].get_text()
    for origin in h.origins():
        assert origin in src
    assert src.startswith("Sumber: ") and "data pengguna" in src
    # predicate-only years (published 2020, 2021) are annotated, not drawn as scores
    notes = [t.get_text() for t in ax.texts]
    assert sum(n.startswith("hanya predikat") for n in notes) == 2


def test_equal_scores_of_two_origins_both_show():
    """A results file and the score computed from the same files agree: both lines show."""
    inovasi, spd = example_tables()
    computed = own_history("19.71", inovasi=inovasi, spd=spd).table
    hasil = computed[["tahun", "skor_iid"]].assign(kode_wilayah="19.71")
    h = own_history("19.71", hasil=hasil, inovasi=inovasi, spd=spd)
    ax = plot_own_history(h, "Kota Pangkal Pinang").axes[0]
    lines = [li for li in ax.get_lines() if not li.get_label().startswith(("_", "batas"))]
    assert len(lines) == 2
    a, b = lines
    np.testing.assert_allclose(a.get_ydata(), b.get_ydata())           # the same scores ...
    assert np.all(np.abs(np.asarray(a.get_xdata()) - b.get_xdata()) > 0.05)  # ... side by side
    assert a.get_marker() != b.get_marker() and a.get_linestyle() != b.get_linestyle()


def test_predicates_as_ordered_levels_with_gaps():
    h = own_history("19.71")  # published record: predicates only
    fig = plot_own_history(h, "Kota Pangkal Pinang", lang="en")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Tidak Dapat Dinilai (cannot be assessed)", "Kurang Inovatif (less innovative)",
        "Inovatif (innovative)", "Sangat Inovatif (very innovative)"]
    assert LEVELS[0] == "Tidak Dapat Dinilai" and LEVELS[-1] == "Sangat Inovatif"
    line = ax.get_lines()[0]
    y = np.asarray(line.get_ydata(), float)
    assert np.isnan(y).any()  # 2022-2023 unknown: the line is broken, not joined
    assert fig.texts[-1].get_text() == "Source: published official data"


def test_empty_history_draws_its_sentence():
    h = own_history("19.71", published=False)
    fig = plot_own_history(h, "Kota Pangkal Pinang")
    assert "Tidak ada riwayat" in fig.axes[0].texts[0].get_text()


def test_bad_language_and_source_are_refused():
    h = own_history("19.71")
    with pytest.raises(ValueError):
        plot_own_history(h, "X", lang="fr")
    with pytest.raises(ValueError):
        plot_own_history(h, "X", source="pengguna")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cutoff_of_a_single_scored_cycle_is_drawn_across_its_year(lang):
    from inovlab.report.history_plots import _t
    from inovlab.rules.framework import load_framework

    h = own_history("19.71", inovasi=example_tables()[0], spd=example_tables()[1])
    ax = plot_own_history(h, "Kota Pangkal Pinang", lang).axes[0]
    cutoff = next(li for li in ax.get_lines() if li.get_label() == _t("cutoff", lang))
    assert cutoff.get_label() in [t.get_text() for t in ax.get_legend().get_texts()]
    xs, ys = np.asarray(cutoff.get_xdata(), float), np.asarray(cutoff.get_ydata(), float)
    assert xs.min() <= 2026 - 0.3 and xs.max() >= 2026 + 0.3   # a visible segment, not a point
    assert ax.get_xlim()[0] < xs.min() and xs.max() < ax.get_xlim()[1]
    np.testing.assert_allclose(ys, load_framework(2026).cutoffs["Sangat Inovatif"])


def test_cutoff_steps_where_the_cycles_rules_change():
    h = _mixed_history()
    ax = plot_own_history(h, "Kota Pangkal Pinang").axes[0]
    cutoff = next(li for li in ax.get_lines() if li.get_label().startswith("batas"))
    xs = np.asarray(cutoff.get_xdata(), float)
    assert xs.min() < 2024 and xs.max() > 2026       # the outer cycles keep a whole segment
    assert cutoff.get_drawstyle() == "steps-mid"
