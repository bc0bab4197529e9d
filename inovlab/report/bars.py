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
    colon of a list. Labels that must never be cut (a list of ids) do not belong here:
    :func:`plan_step_labels` shows a count and leaves the ids to the table.

    Examples
    --------
    >>> wrap_labels(["Rencana Induk dan Peta Jalan Pemajuan Iptek Daerah"])
    ['Rencana Induk dan Peta Jalan Pemajuan\\nIptek Daerah']
    >>> wrap_labels(["Persentase penduduk miskin, tingkat pengangguran terbuka, dan "
    ...              "pertumbuhan ekonomi daerah"])
    ['Persentase penduduk miskin, tingkat\\npengangguran terbuka, dan pertumbuhan …']
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
    "plan_top": {"id": "{top} langkah terbesar dari {n}; semua langkah di tabel",
                 "en": "The {top} largest of {n} steps; every step is in the table"},
    "plan_levels": {"id": "level\u00a0{a}→{b}", "en": "level\u00a0{a}→{b}"},
    "plan_count": {"id": "({n}\u00a0inovasi)", "en": "({n}\u00a0innovations)"},
    "plan_count_1": {"id": "(1\u00a0inovasi)", "en": "(1\u00a0innovation)"},
    "plan_withdraw": {"id": "Tarik {n} inovasi lemah", "en": "Withdraw {n} weak innovations"},
    "plan_withdraw_1": {"id": "Tarik 1 inovasi lemah", "en": "Withdraw 1 weak innovation"},
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


def _height(labels, title: str) -> float:
    """Inches that give every label its lines and every bar a gap (0.3 per one-line bar,
    0.48 per two-line bar: a deck slide shrinks a taller figure and its text with it).

    Examples
    --------
    >>> _height(["a", "b"], "T"), _height(["a\\nb"], "T\\nU")
    (2.1, 2.23)
    """
    lines = sum(str(label).count("\n") + 1 for label in labels)
    return round(0.18 * lines + 0.12 * len(labels) + 1.5 + 0.25 * title.count("\n"), 2)


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
    fig, ax = plt.subplots(figsize=(figsize[0], max(figsize[1], _height(labels, title))))
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


def _fit_two_lines(name: str, tail: str) -> str:
    """``name: tail`` on at most two lines of :data:`LABEL_CHARS`; when it does not fit,
    the name loses its last words (marked "…") and ``tail`` stays whole.

    Examples
    --------
    >>> _fit_two_lines("Visi dan Misi", "level 1→3")
    'Visi dan Misi: level 1→3'
    >>> print(_fit_two_lines("Rencana Induk dan Peta Jalan Pemajuan Iptek Daerah (RIPJ PID) "
    ...                      "untuk lima tahun ke depan", "level 0→3"))
    Rencana Induk dan Peta Jalan Pemajuan
    Iptek Daerah (RIPJ PID) …: level 0→3
    """
    import textwrap

    words = str(name).split()
    for keep in range(len(words), 0, -1):
        head = " ".join(words[:keep]) + ("" if keep == len(words) else " …")
        lines = textwrap.wrap(f"{head}: {tail}" if tail else head, LABEL_CHARS)
        if len(lines) <= 2:
            return "\n".join(lines)
    return "\n".join(textwrap.wrap(tail, LABEL_CHARS))


def _count_words(n, lang: str) -> str:
    return "" if pd.isna(n) else _t("plan_count_1" if n == 1 else "plan_count", lang).format(
        n=int(n))


def plan_step_labels(steps: pd.DataFrame, lang: str = "id") -> list[str]:
    """Bar labels of a plan: each step's indicator with its level change and how many
    innovations it moves, so that two steps of one indicator read apart.

    A withdrawal reads "Tarik 3 inovasi lemah" (which ones: the plan table, which lists
    every id); new innovations keep their name. Labels fit two lines of
    :data:`LABEL_CHARS`: a long indicator name is shortened, the level change never.

    Parameters
    ----------
    steps : DataFrame
        ``planner.plan_target``'s ``rencana``: ``indikator, nama_indikator, dari_level,
        ke_level, jumlah_inovasi`` (the level and count columns may be missing or blank).

    Examples
    --------
    >>> t = pd.DataFrame({"indikator": ["ind_23", "spd_1", "tarik_inovasi"],
    ...                   "nama_indikator": ["Pelaksana inovasi daerah", "Visi dan Misi",
    ...                                      "Tarik 2 inovasi lemah: G01, G02"],
    ...                   "dari_level": [1, 1, pd.NA], "ke_level": [3, 3, pd.NA],
    ...                   "jumlah_inovasi": [15, pd.NA, 2]})
    >>> for label in plan_step_labels(t):  # the level change is never split
    ...     print(label.replace("\\u00a0", " "))
    Pelaksana inovasi daerah: level 1→3
    (15 inovasi)
    Visi dan Misi: level 1→3
    Tarik 2 inovasi lemah
    >>> plan_step_labels(t, "en")[2]
    'Withdraw 2 weak innovations'
    """
    blank = pd.Series(pd.NA, index=steps.index, dtype="object")
    kinds = steps.get("indikator", blank).astype(str)
    lows, highs = steps.get("dari_level", blank), steps.get("ke_level", blank)
    counts = steps.get("jumlah_inovasi", blank)
    columns = (kinds, steps["nama_indikator"], lows, highs, counts)
    return [_step_label(*row, lang) for row in zip(*columns, strict=True)]


def _step_label(kind: str, name, low, high, n, lang: str) -> str:
    from inovlab.analysis.planner import WITHDRAW

    if kind == WITHDRAW:
        return _t("plan_withdraw_1" if n == 1 else "plan_withdraw", lang).format(n=int(n))
    levels = ("" if pd.isna(low) or pd.isna(high)
              else _t("plan_levels", lang).format(a=int(low), b=int(high)))
    count = _count_words(n, lang) if levels else ""
    return _fit_two_lines(name, " ".join(filter(None, [levels, count])))


def largest_steps(steps: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` steps whose ``tambahan_iid`` is largest in size (a withdrawal may cost
    points), in the plan's own order.

    Examples
    --------
    >>> t = pd.DataFrame({"langkah": [1, 2, 3], "tambahan_iid": [0.5, 0.1, -0.3]})
    >>> largest_steps(t, top=2)["langkah"].tolist()
    [1, 3]
    """
    steps = steps.reset_index(drop=True)
    if len(steps) <= top:
        return steps
    chosen = steps["tambahan_iid"].astype(float).abs().nlargest(top, keep="first").index
    return steps.loc[chosen.sort_values()]


def plot_plan_steps(steps: pd.DataFrame, region_name: str, source: str, lang: str = "id",
                    top: int = 10):
    """``tambahan_iid`` per step of ``planner.plan_target``'s plan (:func:`plan_step_labels`).

    A plan of more than ``top`` steps shows its ``top`` largest, and the title says so
    (the notebook and the deck show this one figure; the table keeps every step).

    Examples
    --------
    >>> t = pd.DataFrame({"nama_indikator": ["Regulasi"], "tambahan_iid": [0.8]})
    >>> fig = plot_plan_steps(t, "Kota Bogor", "demo", lang="en")
    >>> fig.axes[0].get_xlabel()
    'IID gained (points)'
    >>> t = pd.DataFrame({"nama_indikator": list("abc"), "tambahan_iid": [0.3, 0.1, 0.2]})
    >>> fig = plot_plan_steps(t, "Kota Bogor", "demo", top=2)
    >>> print(fig.axes[0].get_title())
    Rencana menuju target: Kota Bogor
    2 langkah terbesar dari 3; semua langkah di tabel
    >>> plt.close("all")
    """
    shown = largest_steps(steps, top)
    title = _t("plan_title", lang) + region_name
    if len(shown) < len(steps):
        title += "\n" + _t("plan_top", lang).format(top=len(shown), n=len(steps))
    return barh_figure(plan_step_labels(shown, lang), shown["tambahan_iid"], title=title,
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
