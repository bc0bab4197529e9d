"""Fixtures of inovlab.testing: small, reproducible, with the documented shape."""

import pandas as pd

from inovlab.rules.framework import load_framework
from inovlab.testing import example_tables, history_hasil, history_regions, synthetic_panel


def test_example_tables():
    inovasi, spd = example_tables()
    assert inovasi["kode_wilayah"].tolist() == ["19.71", "19.71", "19.72"]
    assert spd["kode_wilayah"].tolist() == ["19.71", "19.72"]


def test_synthetic_panel_is_reproducible_and_uses_the_cycle_columns():
    a, b = synthetic_panel(30, cycle=2023, seed=5), synthetic_panel(30, cycle=2023, seed=5)
    pd.testing.assert_frame_equal(a["inovasi"], b["inovasi"])
    fw = load_framework(2023)
    assert set(fw.spd_columns) <= set(a["spd"].columns)
    assert set(fw.sid_columns) <= set(a["inovasi"].columns)
    assert a["spd"]["kode_wilayah"].nunique() == 30
    assert a["inovasi"]["tahun"].eq(2023).all()
    assert "sumber_data" not in a["spd"].attrs


def test_history_fixture():
    regions, hasil = history_regions(), history_hasil()
    assert set(hasil["kode_wilayah"]) == set(regions["kode_wilayah"])
    assert sorted(hasil["tahun"].unique().tolist()) == [2024, 2025]
