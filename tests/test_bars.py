"""Bar figures of the notebooks: titled, labelled in the report language, source-marked."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from inovlab.report import bars


def _texts(fig):
    return [t.get_text() for t in fig.texts]


@pytest.mark.parametrize("lang, title", [("id", "Prioritas perbaikan: Kota Bogor"),
                                         ("en", "Improvement priorities: Kota Bogor")])
def test_priorities_top_rows_first_row_on_top(lang, title):
    table = pd.DataFrame({"nama_indikator": [f"indikator {i}" for i in range(12)],
                          "poin_satu_langkah": list(range(12, 0, -1))})
    fig = bars.plot_priorities(table, "Kota Bogor", "demo", lang=lang, top=10)
    ax = fig.axes[0]
    assert ax.get_title() == title and len(ax.patches) == 10
    assert ax.get_yticklabels()[-1].get_text() == "indikator 0"  # top bar
    assert any("demo" in t for t in _texts(fig))
    plt.close(fig)


def test_scenario_impact_has_zero_line_and_long_names_are_wrapped():
    table = pd.DataFrame({"skenario": ["dasar", "x"], "selisih_iid": [0.0, -2.0]})
    fig = bars.plot_scenario_impact(table, "Kota Bogor", "user")
    assert fig.axes[0].lines  # the zero line
    plt.close(fig)
    steps = pd.DataFrame({"nama_indikator": ["a" * 80], "tambahan_iid": [1.0]})
    fig = bars.plot_plan_steps(steps, "Kota Bogor", "demo")
    assert fig.axes[0].get_yticklabels()[0].get_text().split("\n") == ["a" * bars.LABEL_CHARS] * 2
    plt.close(fig)


def test_problem_counts_most_frequent_on_top():
    fig = bars.plot_problem_counts({"A": 1, "B": 7, "C": 3}, "user", lang="en")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["A", "C", "B"]
    assert fig.axes[0].get_title() == "Problems in the submitted innovations"
    plt.close(fig)
    few = bars.plot_problem_counts({"A": 1, "B": 2}, "user")
    assert all(float(t).is_integer() for t in few.axes[0].get_xticks())  # counts, not 0,25
    plt.close(few)


def test_a_cut_label_ends_in_an_ellipsis_not_a_comma():
    withdraw = ("Tarik 5 inovasi lemah: 19.71-2026-0014, 19.71-2026-0024, 19.71-2026-0113, "
                "19.71-2026-0140, 19.71-2026-0141")
    for label in bars.wrap_labels([withdraw, "Tarik 2 inovasi lemah: A-1, B-2,"]):
        assert not label.rstrip().endswith((",", ";", ":"))
    assert bars.wrap_labels([withdraw])[0].endswith(" …")
    assert bars.wrap_labels(["Tarik 2 inovasi lemah: A-1, B-2"]) == ["Tarik 2 inovasi lemah: A-1, B-2"]


def _plan(n_extra=0):
    """A plan as ``planner.plan_target`` returns it: one indicator in three level steps,
    an SPD step, a withdrawal of long ids, then ``n_extra`` small steps."""
    rows = [("ind_23", "Pelaksana inovasi daerah", 2, 3, 53, 0.17),
            ("ind_23", "Pelaksana inovasi daerah", 1, 3, 15, 0.10),
            ("ind_23", "Pelaksana inovasi daerah", 1, 2, 11, 0.04),
            ("spd_14", "Rencana Induk dan Peta Jalan Pemajuan Iptek Daerah (RIPJ PID)", 0, 3,
             pd.NA, 1.2),
            ("tarik_inovasi", "Tarik 3 inovasi lemah: 19.71-2026-0014, 19.71-2026-0024, "
             "19.71-2026-0113", pd.NA, pd.NA, 3, 0.23)]
    rows += [("ind_35", "Video inovasi", 2, 3, 1, 0.001 * (i + 1)) for i in range(n_extra)]
    table = pd.DataFrame(rows, columns=["indikator", "nama_indikator", "dari_level", "ke_level",
                                        "jumlah_inovasi", "tambahan_iid"])
    return table.assign(langkah=range(1, len(table) + 1))


def _labels(fig):
    """Bar labels top to bottom, with the non-breaking spaces read as spaces."""
    return [t.get_text().replace("\u00a0", " ") for t in fig.axes[0].get_yticklabels()][::-1]


@pytest.mark.parametrize("lang, count, withdraw", [
    ("id", "(15 inovasi)", "Tarik 3 inovasi lemah"),
    ("en", "(15 innovations)", "Withdraw 3 weak innovations")])
def test_plan_labels_tell_steps_of_one_indicator_apart(lang, count, withdraw):
    fig = bars.plot_plan_steps(_plan(), "Kota Pangkal Pinang", "demo", lang=lang)
    labels = _labels(fig)
    plt.close(fig)
    assert len(set(labels)) == len(labels) == 5
    assert any("level 1→3" in s and count in s.replace("\n", " ") for s in labels)
    assert withdraw in labels                      # short: the table lists every id
    assert not any("19.71-2026" in s or "…" in s for s in labels)
    assert all(s.count("\n") <= 1 for s in labels)
    assert any(s.endswith("level 0→3") and "RIPJ PID" in s for s in labels)


def test_a_long_name_is_shortened_but_its_level_change_is_whole():
    name = "Indikator dengan nama yang sangat panjang sekali " * 3
    [label] = bars.plan_step_labels(pd.DataFrame({
        "indikator": ["ind_9"], "nama_indikator": [name], "dari_level": [0], "ke_level": [3],
        "jumlah_inovasi": [120]}), "en")
    lines = label.split("\n")
    assert len(lines) == 2 and all(len(s) <= bars.LABEL_CHARS for s in lines)
    assert label.replace("\u00a0", " ").endswith("…: level 0→3 (120 innovations)")


@pytest.mark.parametrize("lang, note", [
    ("id", "10 langkah terbesar dari 17; semua langkah di tabel"),
    ("en", "The 10 largest of 17 steps; every step is in the table")])
def test_a_long_plan_shows_its_ten_largest_steps_and_says_so(lang, note):
    plan = _plan(n_extra=12)
    fig = bars.plot_plan_steps(plan, "Kota Pangkal Pinang", "demo", lang=lang)
    ax = fig.axes[0]
    assert len(ax.patches) == 10 and ax.get_title().split("\n")[1] == note
    heights = sorted(p.get_width() for p in ax.patches)
    assert heights[0] == pytest.approx(0.008)      # the smallest kept; 0.001..0.007 dropped
    assert _labels(fig)[0].startswith("Pelaksana")  # the plan's own order, not re-sorted
    plt.close(fig)
    short = bars.plot_plan_steps(_plan(), "Kota Pangkal Pinang", "demo", lang=lang)
    assert "\n" not in short.axes[0].get_title()   # nothing left out: no note
    plt.close(short)
