"""Figures of one pemda's own score (inovlab.report.own_plots): labels, units, source."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from inovlab.analysis.own_score import own_score
from inovlab.io.validation import load_table
from inovlab.report.own_plots import plot_opd_points, plot_own_parts, plot_points_lost
from inovlab.resources import data_path
from inovlab.testing import legend_between_plot_and_title


@pytest.fixture(scope="module")
def own():
    inv = load_table(data_path("contoh", "inovasi_contoh.csv"), "inovasi", cycle=2026)
    spd = load_table(data_path("contoh", "spd_contoh.csv"), "spd", cycle=2026)
    return own_score(inv, spd, None, 2026)


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_parts_figure(own):
    fig = plot_own_parts(own, own.nama_daerah, "user")
    ax = fig.axes[0]
    assert ax.get_title() == "Susunan skor IID Kota Pangkal Pinang: 55,52 dari 100"
    assert ax.get_xlabel() == "Poin IID (skala 0–100)"
    assert "Sumber: data pengguna" in _texts(fig)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1].startswith("SPD") and len(ax.patches) == 6  # 3 parts x (now, lost)
    widths = sorted(round(p.get_width(), 6) for p in ax.patches[:3])
    parts = own.parts[own.parts["bagian"] != "total"]
    assert widths == sorted(round(v, 6) for v in parts["poin_iid"])
    # the legend sits above the bars (below the title), never over one of them
    assert legend_between_plot_and_title(ax)
    plt.close(fig)


def test_points_lost_uses_names(own):
    fig = plot_points_lost(own, own.nama_daerah, "demo", lang="en", top=5)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == own.indicators["nama_indikator"].iloc[0]
    assert not any(lab.startswith(("spd_", "ind_")) for lab in labels)
    assert ax.get_xlabel() == "IID gained by one step (points)"
    assert "Source: demo data (synthetic)" in _texts(fig)
    plt.close(fig)
    fig = plot_points_lost(own, own.nama_daerah, "user", by="poin_hilang", top=3)
    assert fig.axes[0].get_title().startswith("Indikator dengan poin hilang terbesar")
    plt.close(fig)
    with pytest.raises(ValueError):
        plot_points_lost(own, "X", "user", by="nilai")


def test_opd_figure_and_source_required(own):
    fig = plot_opd_points(own, own.nama_daerah, "user", top=4)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 4
    assert ax.get_ylabel() == "OPD (perangkat daerah)"
    plt.close(fig)
    with pytest.raises(ValueError):
        plot_own_parts(own, own.nama_daerah, None)
