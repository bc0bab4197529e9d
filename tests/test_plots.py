"""Figures: titled, axis-labelled in Indonesian and English, and marked with their source."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from inovlab.i18n import source_label
from inovlab.report.plots import (
    TEXT,
    add_source_note,
    plot_cluster_distribution,
    plot_drivers,
    plot_peer_comparison,
    plot_rank_band,
    plot_trajectory,
    plot_transitions,
    source_kind,
)
from inovlab.sources.provenance import Inputs
from inovlab.testing import legend_between_plot_and_title


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def trajectory_table():
    return pd.DataFrame({
        "tahun": [2024, 2025, 2026], "kode_wilayah": "1.71", "nama_daerah": "Kota E",
        "skor_iid": [55.0, 61.0, 66.5], "peringkat_klaster": [12, 8, 4],
        "median_klaster": [50.0, 52.0, 53.0], "batas_top_k": [63.0, 65.0, 66.0],
        "batas_sangat_inovatif": [60.01, 65.01, 65.01]})


def comparison_table():
    return pd.DataFrame({
        "tingkat": ["indikator", "indikator", "indikator", "variabel"],
        "indikator": ["1", "12", "16", ""], "nama": ["Visi", "Penghargaan", "Regulasi",
                                                   "Institusi"],
        "selisih_iid": [0.8, -1.6, 0.0, 0.8],
        "posisi": ["kekuatan", "kelemahan", "setara", "kekuatan"]})


def band_table():
    return pd.DataFrame({"tahun": [2025, 2026], "peringkat_median": [12, 9],
                              "peringkat_p05": [8, 5], "peringkat_p95": [18, 15],
                              "peringkat_klaster": [11, 10]})


def drivers_table():
    return pd.DataFrame({
        "indikator": ["ind_33", "ind_33", "spd_12", "spd_12", "ind_16", "ind_16"],
        "metode": ["rasio_korelasi", "permutasi"] * 3,
        "nilai": [0.3, 0.25, 0.1, 0.05, 0.2, 0.15],
        "ci_low": [0.2, 0.15, 0.0, 0.0, 0.1, 0.1],
        "ci_high": [0.4, 0.35, 0.2, 0.1, 0.3, 0.2]})


def transitions_table():
    return pd.DataFrame({
        "tahun_dari": [2024, 2024, 2025, 2025], "tahun_ke": [2025, 2025, 2026, 2026],
        "predikat_dari": ["Inovatif", "Inovatif", "Inovatif", "Sangat Inovatif"],
        "predikat_ke": ["Sangat Inovatif", "Inovatif", "Inovatif", "Sangat Inovatif"],
        "jumlah": [3, 7, 5, 2]})


def panel_table():
    return pd.DataFrame({
        "tahun": [2025] * 3 + [2026] * 3, "kode_wilayah": list("abcabc"),
        "nama_daerah": ["Kota A", "Kota B", "Kota C"] * 2, "jenis": "kota",
        "skor_iid": [40.0, 50, 60, 45, 55, 70], "dinilai": True})


def _demo_source(kw):
    return {"source": "demo", **kw}


FIGURES = {
    "trajectory": lambda lang, **kw: plot_trajectory(trajectory_table(), lang=lang,
                                                     **_demo_source(kw)),
    "peers": lambda lang, **kw: plot_peer_comparison(comparison_table(), lang=lang,
                                                     **_demo_source(kw)),
    "band": lambda lang, **kw: plot_rank_band(band_table(), observed="peringkat_klaster",
                                              lang=lang, **_demo_source(kw)),
    "drivers": lambda lang, **kw: plot_drivers(drivers_table(), lang=lang,
                                               weights=pd.Series({"ind_33": 0.1}),
                                               **_demo_source(kw)),
    "transitions": lambda lang, **kw: plot_transitions(transitions_table(), lang=lang,
                                                       **_demo_source(kw)),
    "distribution": lambda lang, **kw: plot_cluster_distribution(panel_table(),
                                                                 kode_wilayah="a",
                                                                 lang=lang, **_demo_source(kw)),
}

EXPECTED_TITLES = {
    "trajectory": ("Perjalanan skor IID: Kota E", "IID trajectory: Kota E"),
    "peers": (TEXT["peer_title"]["id"], TEXT["peer_title"]["en"]),
    "band": (TEXT["band_title"]["id"], TEXT["band_title"]["en"]),
    "drivers": (TEXT["drivers_title"]["id"], TEXT["drivers_title"]["en"]),
    "transitions": ("Perpindahan predikat 2025 → 2026", "Predicate transitions 2025 → 2026"),
    "distribution": ("Sebaran skor IID klaster kota", "IID distribution, city cluster"),
}


def texts(fig):
    return [t.get_text() for t in fig.texts]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_titles_labels_and_source_in_both_languages(name):
    labels = {}
    for i, lang in enumerate(("id", "en")):
        fig = FIGURES[name](lang)
        ax = fig.axes[0]
        assert ax.get_title() == EXPECTED_TITLES[name][i]
        assert ax.get_xlabel().strip() and ax.get_ylabel().strip()
        prefix = "Sumber: " if lang == "id" else "Source: "
        assert prefix + source_label("demo", lang) in texts(fig)
        labels[lang] = (ax.get_xlabel(), ax.get_ylabel())
    assert labels["id"] != labels["en"]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_explicit_source_is_used(name):
    fig = FIGURES[name]("en", source="published")
    assert "Source: published official data" in texts(fig)


def test_axis_labels_are_the_documented_words():
    fig = plot_trajectory(trajectory_table(), source="demo")
    assert fig.axes[0].get_xlabel() == "Siklus (tahun)"
    assert fig.axes[0].get_ylabel() == "Skor IID (0–100)"
    fig = plot_peer_comparison(comparison_table(), lang="en", source="demo")
    assert fig.axes[0].get_xlabel() == "Gap to the peer median (IID points)"
    assert fig.axes[0].get_ylabel() == "Indicator"
    fig = plot_rank_band(band_table(), source="demo")
    assert fig.axes[0].get_ylabel() == "Peringkat dalam klaster (1 = terbaik)"
    assert fig.axes[0].yaxis_inverted()


def test_peer_comparison_draws_one_bar_per_item_coloured_by_position():
    fig = plot_peer_comparison(comparison_table(), source="demo")
    bars = fig.axes[0].patches
    assert len(bars) == 3                     # indicator rows only
    widths = sorted(b.get_width() for b in bars)
    assert widths == [-1.6, 0.0, 0.8]
    fig = plot_peer_comparison(comparison_table(), tingkat="variabel", lang="en",
                               source="demo")
    assert len(fig.axes[0].patches) == 1
    assert fig.axes[0].get_ylabel() == "Variable"


def test_rank_band_with_scenarios_on_x():
    bands = pd.DataFrame({"skenario": ["dasar", "naikkan ind_33"], "peringkat_median": [9, 6],
                          "peringkat_p05": [5, 3], "peringkat_p95": [15, 10]})
    fig = plot_rank_band(bands, x="skenario", source="user")
    assert fig.axes[0].get_xlabel() == "Skenario"
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["dasar", "naikkan ind_33"]
    assert "Sumber: data pengguna" in texts(fig)


def test_transitions_english_predicate_names():
    fig = plot_transitions(transitions_table(), tahun_dari=2024, tahun_ke=2025, lang="en",
                           source="demo")
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["Sangat Inovatif (very innovative)", "Inovatif (innovative)"]
    assert fig.axes[0].get_ylabel() == "Predicate 2024"


def test_draws_into_a_given_axes():
    fig, ax = plt.subplots()
    out = plot_drivers(drivers_table(), ax=ax, source="demo")
    assert out is fig and ax.get_title()


def test_source_helpers():
    assert source_kind("user") == "user"
    assert source_kind(Inputs.from_tables(2026, hasil=pd.DataFrame(), source="demo")) == "demo"
    with pytest.raises(ValueError, match="sumber data"):
        source_kind(None)                  # an unlabelled figure is refused, not "user"
    with pytest.raises(ValueError):
        source_kind(pd.DataFrame())        # a table does not say where it came from
    fig = plt.figure()
    assert add_source_note(fig, "published", "en").get_text() == (
        "Source: published official data")


def test_trajectory_legend_names_the_k_of_the_cutoff():
    fig = plot_trajectory(trajectory_table(), lang="en", top_k=5, source="demo")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "cluster top-5 cut-off" in legend and "Sangat Inovatif cut-off" in legend


def test_drivers_legend_sits_above_the_points():
    fig = plot_drivers(drivers_table(), source="demo", lang="en")
    ax = fig.axes[0]
    assert legend_between_plot_and_title(ax)
    plt.close(fig)
