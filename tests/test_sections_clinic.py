"""Tests of inovlab.workbook.sections.clinic on every data situation."""

import matplotlib.pyplot as plt
import pytest
from test_situation import SITUATIONS, WITHOUT_OWN, situation_inputs

from inovlab.workbook.sections import clinic, common, peers
from inovlab.workbook.situation import situation_of


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", SITUATIONS)
def test_weaknesses(name):
    inputs = situation_inputs(name)
    s = clinic.weaknesses(inputs)
    sit = situation_of(inputs)
    if name in WITHOUT_OWN:
        assert not s.available and s.note == sit.why_not("own")
        return
    assert len(s.table) == 3 and len(s.numbers) == 3
    if sit.cross:
        compared = peers.indicators(inputs).table
        rows = compared[(compared["tingkat"] == "indikator") & (compared["selisih_iid"] < 0)]
        assert s.table["selisih_iid"].tolist() == sorted(rows["selisih_iid"])[:3]
        assert s.note.startswith("Tiga indikator yang paling tertinggal dari median pembanding")
    else:
        own = common.own_score_of(inputs).indicators
        expected = sorted(own["poin_hilang"], reverse=True)[:3]
        assert s.table["poin_hilang"].tolist() == pytest.approx(expected)
        assert s.note.splitlines()[0] == sit.why_not("cross")


def test_weaknesses_numbers_are_readable():
    s = clinic.weaknesses(situation_inputs("sendiri"))
    assert s.numbers["prioritas_kelemahan_1"] == ("jumlah inovasi yang dihitung (18 dari maks. 200): -27,66",
                                                  "Kelemahan 1 (poin IID)")


def test_weaknesses_in_english():
    s = clinic.weaknesses(situation_inputs("sendiri", "en"))
    assert s.numbers["prioritas_kelemahan_1"][1] == "Weakness 1 (IID points)"
    assert s.note.splitlines()[1].startswith("The three indicators losing the most IID points")
