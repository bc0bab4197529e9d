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
