"""Horizontal bar figures of the notebooks: scenario impact, plan steps, priorities, problems.

Each figure is titled, has labelled axes in the report's language and a source note
(``Sumber: ...``) at the bottom, like every figure of :mod:`inovlab.report.plots`. The
functions take the tables the analyses return and draw them as they are (no re-sorting
beyond putting the first row on top).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from inovlab.report.plots import add_source_note

LABEL_CHARS = 40  # longer indicator names wrap onto a second line


def wrap_labels(names) -> list[str]:
    """Bar labels on at most two lines of :data:`LABEL_CHARS` characters.

    A label too long for two lines ends in "…" where it is cut, never in the comma or
    colon of a list (the planner's "tarik ..." step names the innovations it withdraws).

    Examples
    --------
    >>> wrap_labels(["Rencana Induk dan Peta Jalan Pemajuan Iptek Daerah"])
    ['Rencana Induk dan Peta Jalan Pemajuan\\nIptek Daerah']
    >>> wrap_labels(["Tarik 4 inovasi lemah: 19.71-2026-0014, 19.71-2026-0024, "
    ...              "19.71-2026-0113, 19.71-2026-0140"])
    ['Tarik 4 inovasi lemah: 19.71-2026-0014,\\n19.71-2026-0024, 19.71-2026-0113 …']
    """
    import textwrap

    out = []
    for name in names:
        lines = textwrap.wrap(str(name), LABEL_CHARS)
        if len(lines) > 2:
            lines = [lines[0], lines[1].rstrip(" ,;:·-") + " …"]
        elif lines:
            lines[-1] = lines[-1].rstrip(" ,;:")
        out.append("\n".join(lines))
    return out


_TEXT = {
    "scenario_title": {"id": "Dampak skenario pada skor IID: ", "en": "Scenario impact on the IID: "},
    "scenario_x": {"id": "Perubahan skor IID (poin)", "en": "Change in IID (points)"},
    "scenario_y": {"id": "Skenario", "en": "Scenario"},
    "plan_title": {"id": "Rencana menuju target: ", "en": "Plan to the target: "},
    "plan_x": {"id": "Tambahan skor IID (poin)", "en": "IID gained (points)"},
    "plan_y": {"id": "Langkah (indikator)", "en": "Step (indicator)"},
    "priority_title": {"id": "Prioritas perbaikan: ", "en": "Improvement priorities: "},
    "priority_x": {"id": "Poin IID dari satu langkah (urut menurut poin per hari-orang)",
                   "en": "IID points from one step (ordered by points per person-day)"},
    "priority_y": {"id": "Indikator", "en": "Indicator"},
    "problem_title": {"id": "Masalah pada usulan inovasi",
                      "en": "Problems in the submitted innovations"},
    "problem_x": {"id": "Jumlah inovasi", "en": "Number of innovations"},
    "problem_y": {"id": "Masalah", "en": "Problem"},
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key]["en" if lang == "en" else "id"]


def barh_figure(labels, values, *, title: str, xlabel: str, ylabel: str, source: str,
                lang: str = "id", color: str = "#0f766e", figsize=(8, 4), zero_line: bool = False):
    """A horizontal bar chart with the first label on top and a source note.

    Parameters
    ----------
    labels, values : sequence
        Bar labels and lengths, first bar drawn on top.
    title, xlabel, ylabel : str
    source : str
        Data-source kind (``demo``, ``user``, ``published``) for the note.
    zero_line : bool
        Draw a thin vertical line at 0 (for signed values).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = barh_figure(["a", "b"], [2, -1], title="T", xlabel="x", ylabel="y", source="demo")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # bottom to top
    ['b', 'a']
    >>> plt.close(fig)
    """
    labels, values = list(labels)[::-1], list(values)[::-1]
    # tall enough that every (possibly two-line) label has its own room
    lines = sum(str(label).count("\n") + 1 for label in labels)
    fig, ax = plt.subplots(figsize=(figsize[0], max(figsize[1], 0.3 * lines + 1.5)))
    # positions, not the labels themselves: two bars with the same label stay two bars
    ax.barh(range(len(values)), values, color=color)
    ax.set_yticks(range(len(values)), labels)
    if zero_line:
        ax.axvline(0, color="#525252", linewidth=0.8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    add_source_note(fig, source, lang)
    return fig


def plot_scenario_impact(comparison: pd.DataFrame, region_name: str, source: str,
                         lang: str = "id"):
    """``selisih_iid`` per ``skenario`` of ``whatif.compare_scenarios`` (right = score rises).

    Examples
    --------
    >>> t = pd.DataFrame({"skenario": ["dasar", "s1"], "selisih_iid": [0.0, 1.5]})
    >>> fig = plot_scenario_impact(t, "Kota Bogor", "demo")
    >>> fig.axes[0].get_title()
    'Dampak skenario pada skor IID: Kota Bogor'
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][-1]
    'keadaan sekarang'
    >>> plt.close(fig)
    """
    from inovlab.report.tables import value_words

    names = wrap_labels(value_words(n, lang) for n in comparison["skenario"])
    return barh_figure(names, comparison["selisih_iid"],
                       title=_t("scenario_title", lang) + region_name,
                       xlabel=_t("scenario_x", lang), ylabel=_t("scenario_y", lang),
                       source=source, lang=lang, color="#0f766e", zero_line=True)


def plot_plan_steps(steps: pd.DataFrame, region_name: str, source: str, lang: str = "id"):
    """``tambahan_iid`` per step (``nama_indikator``) of ``planner.plan_target``'s plan.

    Examples
    --------
    >>> t = pd.DataFrame({"nama_indikator": ["Regulasi"], "tambahan_iid": [0.8]})
    >>> fig = plot_plan_steps(t, "Kota Bogor", "demo", lang="en")
    >>> fig.axes[0].get_xlabel()
    'IID gained (points)'
    >>> plt.close(fig)
    """
    return barh_figure(wrap_labels(steps["nama_indikator"]),
                       steps["tambahan_iid"], title=_t("plan_title", lang) + region_name,
                       xlabel=_t("plan_x", lang), ylabel=_t("plan_y", lang), source=source,
                       lang=lang, color="#7c3aed")


def plot_priorities(priorities: pd.DataFrame, region_name: str, source: str,
                    lang: str = "id", top: int = 10):
    """``poin_satu_langkah`` of the first ``top`` rows of ``OwnScore.priorities`` in their
    priority order (top priority on top).

    Examples
    --------
    >>> t = pd.DataFrame({"nama_indikator": ["A", "B"], "poin_satu_langkah": [0.4, 1.0]})
    >>> fig = plot_priorities(t, "Kota Bogor", "demo")
    >>> len(fig.axes[0].patches)
    2
    >>> plt.close(fig)
    """
    rows = priorities.head(top)
    return barh_figure(wrap_labels(rows["nama_indikator"]),
                       rows["poin_satu_langkah"], title=_t("priority_title", lang) + region_name,
                       xlabel=_t("priority_x", lang), ylabel=_t("priority_y", lang),
                       source=source, lang=lang, color="#2563eb", figsize=(8, 5))


def plot_problem_counts(counts: dict, source: str, lang: str = "id"):
    """Innovations per problem code (``readiness`` summary ``masalah_per_kode``), most on top.

    Examples
    --------
    >>> fig = plot_problem_counts({"R1": 3, "R2": 5}, "user")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # bottom to top
    ['R1', 'R2']
    >>> fig = plot_problem_counts({"VIDEO": 2}, "user", "en")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['video too long']
    >>> plt.close(fig)
    """
    from matplotlib.ticker import MaxNLocator

    from inovlab.report.readiness_report import CODE_MEANING

    ordered = pd.Series(counts, dtype="int64").sort_values(ascending=False, kind="stable")
    names = [CODE_MEANING.get(c, {}).get(lang, c) for c in ordered.index]
    fig = barh_figure(names, ordered.to_numpy(), title=_t("problem_title", lang),
                      xlabel=_t("problem_x", lang), ylabel=_t("problem_y", lang),
                      source=source, lang=lang, color="#c2410c")
    fig.axes[0].xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0,25 ticks
    return fig
