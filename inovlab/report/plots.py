"""Figures for the notebooks and reports, from tidy DataFrames.

Every figure has a title and axis labels in the report language (``lang="id"`` first,
``"en"``), and a source note at the bottom (``Sumber: data demo (sintetis)``) from
:func:`inovlab.i18n.source_label`. The source is the explicit ``source`` argument of every
function: a kind (``"published"``, ``"demo"``, ``"user"``, a combined ``"user+demo"``) or an
:class:`inovlab.sources.provenance.Inputs` bundle; a figure without one is refused rather
than silently labelled "data pengguna" (tables carry no provenance). Each function returns
the :class:`matplotlib.figure.Figure`; pass ``ax`` to draw into an existing axes.

The functions are generic: they take the tables of :mod:`inovlab.analysis.history`,
:mod:`inovlab.analysis.peers` and the analysis modules (``drivers.csv``: ``indikator, metode,
nilai, ci_low, ci_high``; rank bands with median and 5-95% columns), with the column names
as keyword arguments where they may differ.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import ScalarFormatter

from inovlab.i18n import check_lang, format_number, source_label
from inovlab.report.tables import value_words
from inovlab.rules.framework import PREDICATES, cluster_label, predicate_label
from inovlab.sources.provenance import source_of

COLORS = {"kekuatan": "#1b7837", "kelemahan": "#b2182b", "setara": "#969696",
          "utama": "#2166ac", "batas": "#762a83", "median": "#737373"}

TEXT = {
    "source": {"id": "Sumber: {label}", "en": "Source: {label}"},
    "year": {"id": "Siklus (tahun)", "en": "Cycle (year)"},
    "iid": {"id": "Skor IID (0–100)", "en": "IID score (0–100)"},
    "trajectory": {"id": "Perjalanan skor IID: {name}", "en": "IID trajectory: {name}"},
    "median_cluster": {"id": "median klaster", "en": "cluster median"},
    "top_k": {"id": "batas {k} besar klaster", "en": "cluster top-{k} cut-off"},
    "sangat": {"id": "batas Sangat Inovatif", "en": "Sangat Inovatif cut-off"},
    "peer_title": {"id": "Kekuatan dan kelemahan dibanding daerah pembanding",
                   "en": "Strengths and weaknesses against peers"},
    "peer_x": {"id": "Selisih terhadap median pembanding (poin IID)",
               "en": "Gap to the peer median (IID points)"},
    "indikator": {"id": "Indikator", "en": "Indicator"},
    "variabel": {"id": "Variabel", "en": "Variable"},
    "kekuatan": {"id": "kekuatan", "en": "strength"},
    "kelemahan": {"id": "kelemahan", "en": "weakness"},
    "setara": {"id": "setara", "en": "on par"},
    "band_title": {"id": "Rentang peringkat (median dan 5–95%)",
                   "en": "Rank band (median and 5–95%)"},
    "band_y": {"id": "Peringkat dalam klaster (1 = terbaik)",
               "en": "Rank in cluster (1 = best)"},
    "band_range": {"id": "rentang 5–95%", "en": "5–95% range"},
    "median": {"id": "median", "en": "median"},
    "observed": {"id": "peringkat teramati", "en": "observed rank"},
    "scenario": {"id": "Skenario", "en": "Scenario"},
    "drivers_title": {"id": "Keterkaitan tiap indikator dengan perbedaan skor IID antar-daerah",
                      "en": "How each indicator is associated with the IID differences "
                            "between regions"},
    "drivers_x": {"id": "Nilai dugaan (dengan interval 90%)",
                  "en": "Estimate (with 90% interval)"},
    "weight": {"id": "bobot nominal", "en": "nominal weight"},
    "transitions_title": {"id": "Perpindahan predikat {a} → {b}",
                          "en": "Predicate transitions {a} → {b}"},
    "from": {"id": "Predikat {a}", "en": "Predicate {a}"},
    "to": {"id": "Predikat {b}", "en": "Predicate {b}"},
    "dist_title": {"id": "Sebaran skor IID klaster {jenis}",
                   "en": "IID distribution, {jenis} cluster"},
}


def _t(key: str, lang: str, **values) -> str:
    text = TEXT[key][lang]
    return text.format(**values) if "{" in text else text


def source_kind(source) -> str:
    """The data-source kind of a figure from its explicit ``source`` (kind or bundle).

    Raises ValueError when ``source`` is None or not a known kind.

    Examples
    --------
    >>> from inovlab.sources.provenance import Inputs
    >>> source_kind("published"), source_kind(Inputs.from_tables(2026, hasil=pd.DataFrame(),
    ...                                                          source="demo"))
    ('published', 'demo')
    """
    return source_of(source)


def add_source_note(fig, kind, lang: str = "id"):
    """Write ``Sumber: <label>`` at the bottom left of ``fig`` and return the text artist.

    ``kind`` is a source kind or an :class:`~inovlab.sources.provenance.Inputs` bundle.

    Examples
    --------
    >>> fig = plt.figure()
    >>> add_source_note(fig, "demo").get_text()
    'Sumber: data demo (sintetis)'
    >>> plt.close(fig)
    """
    label = _t("source", lang, label=source_label(source_of(kind), lang))
    # every figure gets its source note here, so this is also where its number axes learn
    # the report's language (Indonesian: 0,5 and 1.000)
    locale_ticks(fig, lang)
    return fig.text(0.01, 0.005, label, fontsize=8, ha="left", va="bottom", color="#525252")


class _LocaleFormatter(ScalarFormatter):
    """matplotlib's plain tick labels with the Indonesian decimal comma and thousands dot."""

    _SWAP = str.maketrans({".": ",", ",": "."})

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).translate(self._SWAP)


def locale_ticks(fig, lang: str = "id") -> None:
    """Indonesian number format on every numeric axis of ``fig`` (English keeps matplotlib's).

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 0.5, 1.5], [1000, 2000, 3000])
    >>> locale_ticks(fig, "id")
    >>> fig.canvas.draw()
    >>> "0,4" in [t.get_text() for t in ax.get_xticklabels()]
    True
    >>> plt.close(fig)
    """
    if lang != "id":
        return
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                formatter = _LocaleFormatter(useOffset=False)
                formatter.set_scientific(False)
                axis.set_major_formatter(formatter)


def _axes(ax, figsize):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    return fig, ax


def _finish(fig, ax, title: str, xlabel: str, ylabel: str, kind: str, lang: str,
            title_pad: float | None = None):
    ax.set_title(title, pad=title_pad)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    add_source_note(fig, kind, lang)
    return fig


def _predicate_label(p: str, lang: str) -> str:
    return predicate_label(p, lang)


# -- figures -----------------------------------------------------------------------------
def plot_trajectory(traj: pd.DataFrame, lang: str = "id", source=None,
                    ax=None, show_targets: bool = True, top_k: int = 10,
                    title: str | None = None):
    """IID over the cycles for one or more regions, with cluster median and cut-offs.

    Parameters
    ----------
    source : str or Inputs
        Where the data come from (required; see the module docstring).
    traj : DataFrame
        :func:`inovlab.analysis.history.trajectory` output (or any table with ``tahun``,
        ``skor_iid`` and ``kode_wilayah``/``nama_daerah``). Optional columns drawn when
        present: ``peringkat_klaster`` (annotated ``#n``), ``median_klaster``,
        ``batas_top_k``, ``batas_sangat_inovatif`` (the last three for the first region).
    show_targets : bool
        Draw the median and the cut-offs.
    top_k : int
        The k used for ``batas_top_k`` (for the legend only).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"tahun": [2024, 2025], "nama_daerah": "Kota A",
    ...                   "skor_iid": [55.0, 61.2]})
    >>> fig = plot_trajectory(t, lang="en", source="demo")
    >>> fig.axes[0].get_title()
    'IID trajectory: Kota A'
    >>> plt.close(fig)
    """
    check_lang(lang)
    source_kind(source)  # refuse an unlabelled figure before drawing it
    fig, ax = _axes(ax, (7, 4))
    key = "nama_daerah" if "nama_daerah" in traj else "kode_wilayah"
    data = traj.sort_values("tahun")
    names = list(dict.fromkeys(data[key].astype(str)))
    for i, (name, g) in enumerate(data.groupby(data[key].astype(str), sort=False)):
        color = COLORS["utama"] if i == 0 else None
        ax.plot(g["tahun"], g["skor_iid"], marker="o", color=color, label=name)
        if "peringkat_klaster" in g:
            for x, y, r in zip(g["tahun"], g["skor_iid"], g["peringkat_klaster"], strict=True):
                if pd.notna(r) and pd.notna(y):
                    ax.annotate(f"#{int(r)}", (x, y), textcoords="offset points",
                                xytext=(0, 7), ha="center", fontsize=8)
    first = data[data[key].astype(str) == names[0]] if names else data
    if show_targets:
        lines = [("median_klaster", "median_cluster", COLORS["median"], "--"),
                 ("batas_top_k", "top_k", COLORS["batas"], ":"),
                 ("batas_sangat_inovatif", "sangat", COLORS["kekuatan"], "-.")]
        for col, label, color, style in lines:
            if col in first and first[col].notna().any():
                ax.plot(first["tahun"], first[col], linestyle=style, color=color,
                        label=_t(label, lang, k=top_k), linewidth=1.2)
    years = sorted(pd.unique(data["tahun"]))
    ax.set_xticks(years)
    ax.set_xticklabels([str(int(y)) for y in years])
    ax.legend(fontsize=8, loc="best")
    name = title or (", ".join(names) if names else "")
    return _finish(fig, ax, title or _t("trajectory", lang, name=name), _t("year", lang),
                   _t("iid", lang), source_kind(source), lang)


def _balanced(data: pd.DataFrame, top: int | None) -> pd.DataFrame:
    """The ``top`` largest gaps, half of them weaknesses when there are enough (a chart of
    strengths and weaknesses must not show only strengths), sorted by gap."""
    if top is None or len(data) <= top:
        return data.sort_values("selisih_iid")
    weak = data[data["selisih_iid"] < 0].nsmallest(-(-top // 2), "selisih_iid")
    strong = data.drop(weak.index).nlargest(top - len(weak), "selisih_iid")
    return pd.concat([weak, strong]).sort_values("selisih_iid")


def plot_peer_comparison(comparison: pd.DataFrame, lang: str = "id",
                         tingkat: str = "indikator", top: int | None = 15,
                         source=None, ax=None, title: str | None = None):
    """Bars of each indicator's (or variable's) gap to the peer median, in IID points.

    Parameters
    ----------
    source : str or Inputs
        Where the data come from (required; see the module docstring).
    comparison : DataFrame
        :func:`inovlab.analysis.peers.compare_to_peers` output (``tingkat, indikator, nama,
        selisih_iid, posisi``).
    tingkat : {"indikator", "variabel"}
        Which rows to draw.
    top : int or None
        Keep the ``top`` largest gaps in absolute value (None: all).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> c = pd.DataFrame({"tingkat": "indikator", "indikator": ["1", "12"],
    ...                   "nama": ["Visi", "Penghargaan"], "selisih_iid": [0.8, -1.6],
    ...                   "posisi": ["kekuatan", "kelemahan"]})
    >>> fig = plot_peer_comparison(c, source="user")
    >>> fig.axes[0].get_xlabel()
    'Selisih terhadap median pembanding (poin IID)'
    >>> plt.close(fig)
    """
    check_lang(lang)
    source_kind(source)  # refuse an unlabelled figure before drawing it
    data = comparison
    if "tingkat" in data:
        data = data[data["tingkat"] == tingkat]
    data = _balanced(data[data["selisih_iid"].notna()], top)
    fig, ax = _axes(ax, (9, max(3.0, 0.35 * len(data) + 1.5)))
    code = data["indikator"].astype(str) if "indikator" in data else pd.Series("", data.index)
    name = data["nama"].astype(str) if "nama" in data else pd.Series("", data.index)
    labels = (code.where(code == "", code + " ") + name).map(
        lambda text: "\n".join(textwrap.wrap(text, 44)[:2]))
    position = data["posisi"].astype(str) if "posisi" in data else np.where(
        data["selisih_iid"] > 0, "kekuatan", "kelemahan")
    # posisi may be in English already; map both languages to the palette keys.
    back = {v[lang_]: k for k, v in TEXT.items() if k in ("kekuatan", "kelemahan", "setara")
            for lang_ in ("id", "en")}
    keys = pd.Series(position, index=data.index).map(lambda p: back.get(p, "setara"))
    ax.barh(np.arange(len(data)), data["selisih_iid"], color=keys.map(COLORS).tolist())
    ax.set_yticks(np.arange(len(data)))
    ax.set_yticklabels(labels.tolist(), fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=COLORS[k]) for k in ("kekuatan", "kelemahan")]
    ax.legend(handles, [_t("kekuatan", lang), _t("kelemahan", lang)], fontsize=8, loc="best")
    return _finish(fig, ax, title or _t("peer_title", lang), _t("peer_x", lang),
                   _t(tingkat if tingkat in ("indikator", "variabel") else "indikator", lang),
                   source_kind(source), lang)


def plot_rank_band(bands: pd.DataFrame, x: str = "tahun", median: str = "peringkat_median",
                   low: str = "peringkat_p05", high: str = "peringkat_p95",
                   observed: str | None = None, lang: str = "id", source=None,
                   ax=None, title: str | None = None, xlabel: str | None = None):
    """Median rank with its 5-95% band, per cycle or per scenario; rank 1 at the top.

    Parameters
    ----------
    source : str or Inputs
        Where the data come from (required; see the module docstring).
    bands : DataFrame
        One row per ``x`` value with the ``median``, ``low`` and ``high`` rank columns
        (e.g. the rank-uncertainty output), and optionally an ``observed`` rank.
    x : str
        Column on the horizontal axis: numeric (a band is shaded) or labels such as
        scenario names (intervals drawn as error bars).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> b = pd.DataFrame({"tahun": [2025, 2026], "peringkat_median": [12, 9],
    ...                   "peringkat_p05": [8, 5], "peringkat_p95": [18, 15]})
    >>> fig = plot_rank_band(b, lang="en", source="user")
    >>> fig.axes[0].get_ylabel(), bool(fig.axes[0].yaxis_inverted())
    ('Rank in cluster (1 = best)', True)
    >>> plt.close(fig)
    """
    check_lang(lang)
    source_kind(source)  # refuse an unlabelled figure before drawing it
    fig, ax = _axes(ax, (7, 4))
    data = bands.sort_values(x) if pd.api.types.is_numeric_dtype(bands[x]) else bands
    if pd.api.types.is_numeric_dtype(data[x]):
        xs = data[x].to_numpy()
        ax.fill_between(xs, data[low], data[high], color=COLORS["utama"], alpha=0.2,
                        label=_t("band_range", lang))
        ax.plot(xs, data[median], marker="o", color=COLORS["utama"], label=_t("median", lang))
        if x == "tahun":
            ax.set_xticks(xs)
            ax.set_xticklabels([str(int(v)) for v in xs])
    else:
        xs = np.arange(len(data))
        mid = data[median].to_numpy(float)
        err = np.vstack([mid - data[low].to_numpy(float), data[high].to_numpy(float) - mid])
        ax.errorbar(xs, mid, yerr=err, fmt="o", color=COLORS["utama"], capsize=4,
                    label=_t("median", lang) + " · " + _t("band_range", lang))
        ax.set_xticks(xs)
        ax.set_xticklabels(data[x].astype(str).tolist(), rotation=20, ha="right")
    if observed and observed in data:
        ax.plot(xs, data[observed], marker="D", linestyle="none", color="black",
                label=_t("observed", lang))
    ax.invert_yaxis()
    ax.legend(fontsize=8, loc="best")
    default_x = _t("year", lang) if x == "tahun" else (
        _t("scenario", lang) if x in ("skenario", "scenario") else x)
    return _finish(fig, ax, title or _t("band_title", lang), xlabel or default_x,
                   _t("band_y", lang), source_kind(source), lang)


def _indicator_names(table: pd.DataFrame, column: str, codes, lang: str) -> list[str]:
    """Readable labels for indicator codes: the table's ``nama_indikator`` when it has one,
    else the glossary label (``ind_33`` -> ``Indikator 33``); wrapped on two lines."""
    from inovlab.io.glossary import label

    names = {}
    if "nama_indikator" in table:
        names = dict(zip(table[column], table["nama_indikator"], strict=True))
    out = []
    for code in codes:
        name = names.get(code)
        text = str(name) if isinstance(name, str) and name else label(str(code), lang)
        out.append("\n".join(textwrap.wrap(text, 40)[:2]))
    return out


def plot_drivers(drivers: pd.DataFrame, lang: str = "id", source=None,
                 ax=None, value: str = "nilai", low: str = "ci_low", high: str = "ci_high",
                 label: str = "indikator", method: str = "metode",
                 weights: pd.Series | None = None, top: int | None = None,
                 title: str | None = None, xlabel: str | None = None,
                 order_by: str | None = None):
    """Estimates per indicator with their intervals, one marker per method.

    Parameters
    ----------
    source : str or Inputs
        Where the data come from (required; see the module docstring).
    drivers : DataFrame
        ``drivers.csv`` rows: ``indikator, metode, nilai, ci_low, ci_high`` (names
        configurable). Indicators are ordered by their mean estimate over methods, or by
        the estimate of method ``order_by`` when given (e.g. the headline method).
    weights : Series, optional
        Nominal weight share per indicator (index = indicator) drawn as open squares.
    top : int, optional
        Keep the ``top`` indicators with the largest mean estimate.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> d = pd.DataFrame({"indikator": ["ind_33", "ind_33", "spd_12", "spd_12"],
    ...                   "metode": ["korelasi", "permutasi"] * 2, "nilai": [0.3, 0.2, 0.1, 0.05],
    ...                   "ci_low": [0.2, 0.1, 0.0, 0.0], "ci_high": [0.4, 0.3, 0.2, 0.1]})
    >>> fig = plot_drivers(d, source="user")
    >>> fig.axes[0].get_title()
    'Keterkaitan tiap indikator dengan perbedaan skor IID antar-daerah'
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Indikator SPD 12', 'Indikator 33']
    >>> plt.close(fig)
    """
    check_lang(lang)
    source_kind(source)  # refuse an unlabelled figure before drawing it
    ranked = drivers if order_by is None else drivers[drivers[method] == order_by]
    order = ranked.groupby(label)[value].mean().sort_values()
    if top is not None:
        order = order.iloc[-top:]
    pos = {k: i for i, k in enumerate(order.index)}
    data = drivers[drivers[label].isin(pos)]
    methods = list(dict.fromkeys(data[method])) if method in data else [None]
    fig, ax = _axes(ax, (8, max(3.0, 0.35 * len(order) + 1.5)))
    step = 0.6 / max(len(methods), 1)
    for j, m in enumerate(methods):
        g = data if m is None else data[data[method] == m]
        y = g[label].map(pos).to_numpy(float) - 0.3 + step * (j + 0.5)
        v = g[value].to_numpy(float)
        xerr = None
        if low in g and high in g:
            xerr = np.vstack([v - g[low].to_numpy(float), g[high].to_numpy(float) - v])
            xerr = np.nan_to_num(np.clip(xerr, 0, None))
        ax.errorbar(v, y, xerr=xerr, fmt="o", capsize=3,
                    label=value_words(m, lang) if m else None)
    if weights is not None:
        w = weights.reindex(order.index)
        ax.plot(w.to_numpy(float), np.arange(len(order)), marker="s", linestyle="none",
                markerfacecolor="none", color="black", label=_t("weight", lang))
    ax.set_yticks(np.arange(len(order)))
    ax.set_yticklabels(_indicator_names(drivers, label, order.index, lang), fontsize=8)
    ax.axvline(0, color="black", linewidth=0.6)
    pad = None
    if methods != [None] or weights is not None:
        # above the plot, under the title: the points and their intervals stay uncovered
        entries = len(ax.get_legend_handles_labels()[0])
        ax.legend(fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False,
                  borderaxespad=0.2)
        pad = 8 + 12 * entries
    return _finish(fig, ax, title or _t("drivers_title", lang), xlabel or _t("drivers_x", lang),
                   _t("indikator", lang), source_kind(source), lang, title_pad=pad)


def plot_transitions(transitions: pd.DataFrame, tahun_dari: int | None = None,
                     tahun_ke: int | None = None, lang: str = "id", source=None,
                     ax=None, title: str | None = None):
    """Heat map of predicate transitions between two cycles (counts in the cells).

    Parameters
    ----------
    source : str or Inputs
        Where the data come from (required; see the module docstring).
    transitions : DataFrame
        :func:`inovlab.analysis.history.predicate_transitions` output.
    tahun_dari, tahun_ke : int, optional
        The cycle pair (default: the latest pair).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"tahun_dari": 2024, "tahun_ke": 2025,
    ...                   "predikat_dari": ["Inovatif", "Inovatif"],
    ...                   "predikat_ke": ["Sangat Inovatif", "Inovatif"], "jumlah": [3, 7]})
    >>> fig = plot_transitions(t, source="user")
    >>> fig.axes[0].get_title()
    'Perpindahan predikat 2024 → 2025'
    >>> plt.close(fig)
    """
    check_lang(lang)
    source_kind(source)  # refuse an unlabelled figure before drawing it
    data = transitions
    if tahun_ke is None:
        tahun_ke = int(data["tahun_ke"].max())
    data = data[data["tahun_ke"] == tahun_ke]
    if tahun_dari is None:
        tahun_dari = int(data["tahun_dari"].max()) if len(data) else tahun_ke - 1
    data = data[data["tahun_dari"] == tahun_dari]
    present = set(data["predikat_dari"]) | set(data["predikat_ke"])
    cats = [p for p in PREDICATES if p in present] + sorted(present - set(PREDICATES))
    grid = data.pivot_table(index="predikat_dari", columns="predikat_ke", values="jumlah",
                            aggfunc="sum").reindex(index=cats, columns=cats).fillna(0)
    fig, ax = _axes(ax, (6, 5))
    ax.imshow(grid.to_numpy(float), cmap="Blues")
    for (i, j), v in np.ndenumerate(grid.to_numpy(float)):
        ax.text(j, i, format_number(v, 0, lang), ha="center", va="center", fontsize=9,
                color="black" if v <= grid.to_numpy().max() / 2 else "white")
    names = [_predicate_label(p, lang) for p in cats]
    ax.set_xticks(range(len(cats)))
    ax.set_xticklabels(names, rotation=20, ha="right", fontsize=8)
    ax.set_yticks(range(len(cats)))
    ax.set_yticklabels(names, fontsize=8)
    return _finish(fig, ax, title or _t("transitions_title", lang, a=tahun_dari, b=tahun_ke),
                   _t("to", lang, b=tahun_ke), _t("from", lang, a=tahun_dari),
                   source_kind(source), lang)


def plot_cluster_distribution(panel: pd.DataFrame, jenis: str | None = None,
                              kode_wilayah: str | None = None, lang: str = "id",
                              source=None, ax=None, title: str | None = None):
    """Box plots of the IID of one cluster per cycle, with one region highlighted.

    Parameters
    ----------
    source : str or Inputs
        Where the data come from (required; see the module docstring).
    panel : DataFrame
        A panel (``tahun, kode_wilayah, jenis, skor_iid``; ``dinilai`` used when present).
    jenis : str, optional
        The cluster; default the highlighted region's.
    kode_wilayah : str, optional
        Region drawn as a red line over the boxes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> p = pd.DataFrame({"tahun": [2025] * 3 + [2026] * 3, "kode_wilayah": list("abcabc"),
    ...                   "jenis": "kota", "skor_iid": [40.0, 50, 60, 45, 55, 70]})
    >>> fig = plot_cluster_distribution(p, kode_wilayah="a", lang="en", source="demo")
    >>> fig.axes[0].get_title()
    'IID distribution, city cluster'
    >>> plt.close(fig)
    """
    check_lang(lang)
    source_kind(source)  # refuse an unlabelled figure before drawing it
    if jenis is None:
        if kode_wilayah is None:
            raise ValueError("give jenis or kode_wilayah")
        jenis = panel.loc[panel["kode_wilayah"] == kode_wilayah, "jenis"].iloc[0]
    data = panel[panel["jenis"] == jenis]
    if "dinilai" in data:
        data = data[data["dinilai"].astype(bool)]
    years = sorted(pd.unique(data["tahun"]))
    fig, ax = _axes(ax, (7, 4))
    ax.boxplot([data.loc[data["tahun"] == y, "skor_iid"].dropna().to_numpy() for y in years],
               positions=range(len(years)), widths=0.5)
    ax.set_xticks(range(len(years)))
    ax.set_xticklabels([str(int(y)) for y in years])
    if kode_wilayah is not None:
        mine = data[data["kode_wilayah"] == kode_wilayah].set_index("tahun")["skor_iid"]
        mine = mine.reindex(years)
        name = kode_wilayah
        if "nama_daerah" in panel:
            names = panel.loc[panel["kode_wilayah"] == kode_wilayah, "nama_daerah"]
            name = str(names.iloc[0]) if len(names) else name
        ax.plot(range(len(years)), mine.to_numpy(float), marker="o", color=COLORS["kelemahan"],
                label=name)
        ax.legend(fontsize=8, loc="best")
    label = cluster_label(str(jenis), lang)
    return _finish(fig, ax, title or _t("dist_title", lang, jenis=label), _t("year", lang),
                   _t("iid", lang), source_kind(source), lang)
