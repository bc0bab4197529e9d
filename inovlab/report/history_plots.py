"""The figure of a pemda's own history (:class:`inovlab.analysis.own_history.OwnHistory`).

Scores are drawn as a line per origin (one marker shape per origin, never joined across
origins); a history of predicates only as a step chart on the four predikat levels. The
source line at the bottom names every origin present, grouped by source kind
(:func:`inovlab.i18n.source_label`), as :func:`inovlab.report.plots.plot_trajectory` does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.errors import UsageError
from inovlab.i18n import check_lang, message, source_label
from inovlab.report.plots import COLORS, _axes, _predicate_label
from inovlab.rules.framework import PREDICATES, load_framework
from inovlab.sources.provenance import source_of

_MESSAGES = {
    "title_scores": {"id": "Riwayat skor IID: {name}", "en": "IID history: {name}"},
    "title_pred": {"id": "Riwayat predikat: {name}", "en": "Predicate history: {name}"},
    "title_none": {"id": "Riwayat: {name}", "en": "History: {name}"},
    "year": {"id": "Siklus (tahun)", "en": "Cycle (year)"},
    "iid": {"id": "Skor IID (0–100)", "en": "IID score (0–100)"},
    "predikat": {"id": "Predikat", "en": "Predicate"},
    "source": {"id": "Sumber: {label}", "en": "Source: {label}"},
    "cutoff": {"id": "batas Sangat Inovatif (per siklus)",
               "en": "Sangat Inovatif cut-off (per cycle)"},
    "pred_only": {"id": "hanya predikat: {p}", "en": "predicate only: {p}"},
}

LEVELS = tuple(reversed(PREDICATES))
"""Predikat from lowest (0, Tidak Dapat Dinilai) to highest (3, Sangat Inovatif)."""

_MARKERS = ("o", "s", "^", "D", "v")
_PALETTE = (COLORS["utama"], "#e08214", COLORS["batas"], COLORS["kekuatan"], COLORS["median"])
_LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)))
DODGE = 0.07
"""Sideways shift (in years) between the lines of two origins, so that origins giving the
same score (a results file and the score computed from the same cycle's files) both show."""


def _origin_style(i: int, n: int) -> dict:
    """Marker, colour, line style and sideways shift of the ``i``-th of ``n`` origins: every
    origin stays visible where its values equal another's (later ones drawn hollow, on top).

    Examples
    --------
    >>> [round(_origin_style(i, 2)["shift"], 3) for i in range(2)]
    [-0.035, 0.035]
    """
    return {"marker": _MARKERS[i % len(_MARKERS)], "color": _PALETTE[i % len(_PALETTE)],
            "linestyle": _LINESTYLES[i % len(_LINESTYLES)], "shift": (i - (n - 1) / 2) * DODGE,
            "markerfacecolor": "white" if i else _PALETTE[0], "zorder": 3 + i}


def _t(key: str, lang: str, **kw) -> str:
    return message(_MESSAGES, key, lang, **kw)


def source_line(table: pd.DataFrame, kind: str, lang: str = "id") -> str:
    """``Sumber: ...`` naming each source kind and, in brackets, its origins.

    Examples
    --------
    >>> t = pd.DataFrame({"asal": ["berkas hasil Anda", "data resmi terpublikasi"],
    ...                   "jenis_sumber": ["user", "published"]})
    >>> source_line(t, "user+published")
    'Sumber: data pengguna (berkas hasil Anda) + data resmi terpublikasi'
    """
    parts = []
    for part in kind.split("+"):
        label = source_label(part, lang)
        origins = [a for a in dict.fromkeys(table.loc[table["jenis_sumber"] == part, "asal"])
                   if a != label]
        parts.append(f"{label} ({'; '.join(origins)})" if origins else label)
    return _t("source", lang, label=" + ".join(parts))


_CUTOFF_HALF_WIDTH = 0.4
"""Half the width, in years, of a cycle's cut-off segment (the axis reaches 0.6 beyond)."""


def _cutoff_line(ax, years, lang: str) -> None:
    """The Sangat Inovatif cut-off of each cycle with rules (steps where it changes)."""
    xs, ys = [], []
    for year in years:  # a handful of cycles
        try:
            ys.append(load_framework(int(year)).cutoffs["Sangat Inovatif"])
            xs.append(int(year))
        except UsageError:
            continue
    if xs:
        # each cycle's level spans its own year: padding both ends keeps a single cycle
        # (a step through one point draws nothing) and the outer cycles visible
        xs = [xs[0] - _CUTOFF_HALF_WIDTH, *xs, xs[-1] + _CUTOFF_HALF_WIDTH]
        ys = [ys[0], *ys, ys[-1]]
        ax.step(xs, ys, where="mid", linestyle="-.", color=COLORS["kekuatan"], linewidth=1.1,
                label=_t("cutoff", lang))


def _with_gaps(g: pd.DataFrame, column: str) -> pd.Series:
    """``column`` by year over the full year range: a missing year breaks the line."""
    years = g["tahun"].astype(int)
    return g.set_index(years)[column].reindex(range(years.min(), years.max() + 1))


def _draw_scores(ax, table: pd.DataFrame, lang: str) -> None:
    scored = table[table["skor_iid"].notna()]
    groups = list(scored.groupby("asal", sort=False))
    for i, (asal, g) in enumerate(groups):
        line = _with_gaps(g, "skor_iid")
        style = _origin_style(i, len(groups))
        shift = style.pop("shift")
        ax.plot(line.index + shift, line.to_numpy(float), label=asal, **style)
    _cutoff_line(ax, sorted(scored["tahun"].unique()), lang)
    pred_only = table[table["skor_iid"].isna() & ~table["tahun"].isin(scored["tahun"])]
    pred_only = pred_only.drop_duplicates("tahun")
    for year, p in zip(pred_only["tahun"], pred_only["predikat"], strict=True):
        ax.annotate(_t("pred_only", lang, p=_predicate_label(p, lang)), (year, 0.02),
                    xycoords=("data", "axes fraction"), rotation=90, fontsize=7,
                    ha="center", va="bottom", color=COLORS["median"])
    ax.set_ylim(0, 100)
    ax.set_ylabel(_t("iid", lang))


def _draw_predicates(ax, table: pd.DataFrame, lang: str) -> None:
    level = table["predikat"].map({p: i for i, p in enumerate(LEVELS)})
    data = table.assign(_level=level)[level.notna()]
    groups = list(data.groupby("asal", sort=False))
    for i, (asal, g) in enumerate(groups):
        line = _with_gaps(g, "_level")
        style = _origin_style(i, len(groups))
        shift = style.pop("shift")
        ax.step(line.index + shift, line.to_numpy(float), where="mid", label=asal, **style)
    ax.set_yticks(range(len(LEVELS)))
    ax.set_yticklabels([_predicate_label(p, lang) for p in LEVELS])
    ax.set_ylim(-0.5, len(LEVELS) - 0.5)
    ax.set_ylabel(_t("predikat", lang))


def plot_own_history(history, region_name: str, lang: str = "id", source=None, ax=None):
    """A pemda's own history: IID per origin, or its predikat when no score is known.

    Parameters
    ----------
    history : OwnHistory
        From :func:`inovlab.analysis.own_history.own_history`.
    region_name : str
        For the title.
    lang : {"id", "en"}
    source : str or Inputs, optional
        Source kind; by default the history's own (every origin's kind,
        :meth:`OwnHistory.source`). An empty history draws its sentence and no source.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from inovlab.analysis.own_history import own_history
    >>> fig = plot_own_history(own_history("19.71"), "Kota Pangkal Pinang", "en")
    >>> fig.axes[0].get_title(), fig.texts[-1].get_text()
    ('Predicate history: Kota Pangkal Pinang', 'Source: published official data')
    >>> plt.close(fig)
    """
    check_lang(lang)
    kind = history.kind()
    fig, ax = _axes(ax, (7, 4))
    table = history.labelled(lang).sort_values("tahun")
    if kind == "none":
        ax.set_axis_off()
        ax.text(0.5, 0.5, history.sentence(lang), ha="center", va="center", wrap=True,
                fontsize=9, transform=ax.transAxes)
        ax.set_title(_t("title_none", lang, name=region_name))
        return fig
    src = source_of(history if source is None else source)
    if kind == "scores":
        _draw_scores(ax, table, lang)
    else:
        _draw_predicates(ax, table, lang)
    years = sorted(int(y) for y in np.unique(table["tahun"]))
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years])
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.set_xlabel(_t("year", lang))
    ax.legend(fontsize=8, loc="best")
    ax.set_title(_t("title_scores" if kind == "scores" else "title_pred", lang, name=region_name))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.text(0.01, 0.005, source_line(table, src, lang), fontsize=8, ha="left", va="bottom",
             color="#525252")
    return fig
