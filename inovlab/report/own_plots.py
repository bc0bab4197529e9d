"""Figures of one pemda's own score (:func:`inovlab.analysis.own_score.own_score`).

Like every figure of :mod:`inovlab.report.plots`: a title, labelled axes with units (IID
points on the 0-100 scale) in the report's language, and a source note at the bottom from
the explicit ``source`` argument (a kind or an ``Inputs`` bundle; a figure without one is
refused). Indicators are shown by their names, not their codes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from inovlab.analysis.own_score import PART_TOTAL, OwnScore
from inovlab.i18n import check_lang, format_number, message
from inovlab.report.bars import barh_figure, wrap_labels
from inovlab.report.plots import add_source_note, source_kind

__all__ = ["plot_own_parts", "plot_points_lost", "plot_opd_points"]

_MESSAGES = {
    "parts_title": {"id": "Susunan skor IID {name}: {iid} dari 100",
                    "en": "Make-up of the IID of {name}: {iid} of 100"},
    "points_x": {"id": "Poin IID (skala 0–100)", "en": "IID points (0–100 scale)"},
    "part_y": {"id": "Bagian skor", "en": "Score part"},
    "now": {"id": "poin saat ini", "en": "points now"},
    "lost": {"id": "poin yang hilang (terhadap maksimum)",
             "en": "points lost (against the maximum)"},
    "step_title": {"id": "Poin IID dari satu langkah perbaikan: {name}",
                   "en": "IID points from one improvement step: {name}"},
    "lost_title": {"id": "Indikator dengan poin hilang terbesar: {name}",
                   "en": "Indicators losing the most points: {name}"},
    "step_x": {"id": "Tambahan skor IID dari satu langkah (poin)",
               "en": "IID gained by one step (points)"},
    "lost_x": {"id": "Poin IID yang hilang terhadap maksimum",
               "en": "IID points lost against the maximum"},
    "indikator": {"id": "Indikator", "en": "Indicator"},
    "opd_title": {"id": "Sumbangan tiap OPD pada skor IID: {name}",
                  "en": "Contribution of each OPD to the IID: {name}"},
    "opd_y": {"id": "OPD (perangkat daerah)", "en": "OPD (regional agency)"},
}

_COLORS = {"now": "#0f766e", "lost": "#d4d4d4"}


def _t(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


def _stacked(labels, now, lost, *, title: str, ylabel: str, kind: str, lang: str,
             figsize=(8, 4)):
    """Horizontal stacked bars (points now, then points lost), first label on top."""
    labels = wrap_labels(labels)[::-1]
    now, lost = np.asarray(now, float)[::-1], np.asarray(lost, float)[::-1]
    fig, ax = plt.subplots(figsize=figsize)
    ax.barh(labels, now, color=_COLORS["now"], label=_t("now", lang))
    ax.barh(labels, lost, left=now, color=_COLORS["lost"], label=_t("lost", lang))
    for y, value in enumerate(now):
        ax.text(value, y, " " + format_number(value, 1, lang), va="center", fontsize=8)
    # above the bars, under the title: never over the first bar (the SPD part)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, fontsize=8, frameon=False,
              borderaxespad=0.2)
    ax.set_title(title, pad=22)
    ax.set_xlabel(_t("points_x", lang))
    ax.set_ylabel(ylabel)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    add_source_note(fig, kind, lang)
    return fig


def plot_own_parts(own: OwnScore, region_name: str, source, lang: str = "id"):
    """Points of each part (SPD, kematangan, jumlah inovasi) against the part's maximum.

    Examples
    --------
    >>> from inovlab.analysis.own_score import own_score
    >>> from inovlab.testing import example_tables
    >>> own = own_score(*example_tables(), "19.71", 2026)
    >>> fig = plot_own_parts(own, "Kota X", "user")
    >>> fig.axes[0].get_title()
    'Susunan skor IID Kota X: 3,87 dari 100'
    >>> plt.close(fig)
    """
    lang = check_lang(lang)
    kind = source_kind(source)
    parts = own.parts[own.parts["bagian"] != PART_TOTAL]
    title = _t("parts_title", lang, name=region_name, iid=format_number(own.skor_iid, 2, lang))
    return _stacked(parts["nama_bagian"], parts["poin_iid"], parts["poin_hilang"], title=title,
                    ylabel=_t("part_y", lang), kind=kind, lang=lang, figsize=(8, 3.5))


def plot_points_lost(own: OwnScore, region_name: str, source, lang: str = "id",
                     top: int = 12, by: str = "poin_satu_langkah"):
    """Indicators with the largest one-step gain (``by="poin_satu_langkah"``, default) or the
    most points lost against the maximum (``by="poin_hilang"``), largest on top.

    Examples
    --------
    >>> from inovlab.analysis.own_score import own_score
    >>> from inovlab.testing import example_tables
    >>> own = own_score(*example_tables(), "19.71", 2026)
    >>> fig = plot_points_lost(own, "Kota X", "user", top=3)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][-1]
    'Penghargaan bagi inovator'
    >>> plt.close(fig)
    """
    lang = check_lang(lang)
    source_kind(source)
    if by not in ("poin_satu_langkah", "poin_hilang"):
        raise ValueError("by must be 'poin_satu_langkah' or 'poin_hilang'")
    rows = own.indicators.sort_values(by, ascending=False, kind="stable").head(top)
    key = "step" if by == "poin_satu_langkah" else "lost"
    return barh_figure(wrap_labels(rows["nama_indikator"]), rows[by],
                       title=_t(f"{key}_title", lang, name=region_name),
                       xlabel=_t(f"{key}_x", lang), ylabel=_t("indikator", lang),
                       source=source, lang=lang, color="#2563eb", figsize=(8, 5))


def plot_opd_points(own: OwnScore, region_name: str, source, lang: str = "id", top: int = 15):
    """Each OPD's contribution to the IID (``poin_iid``) and the points it loses.

    Examples
    --------
    >>> from inovlab.analysis.own_score import own_score
    >>> from inovlab.testing import example_tables
    >>> own = own_score(*example_tables(), "19.71", 2026, lang="en")
    >>> fig = plot_opd_points(own, "City X", "demo", lang="en")
    >>> fig.axes[0].get_xlabel()
    'IID points (0–100 scale)'
    >>> plt.close(fig)
    """
    lang = check_lang(lang)
    kind = source_kind(source)
    rows = own.opd.head(top)
    return _stacked(rows["opd"], rows["poin_iid"], rows["poin_hilang"],
                    title=_t("opd_title", lang, name=region_name), ylabel=_t("opd_y", lang),
                    kind=kind, lang=lang, figsize=(9.5, max(3.0, 0.35 * len(rows) + 1.5)))
