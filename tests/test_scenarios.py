"""Tests of inovlab.analysis.scenarios (reading and checking what-if scenario tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from inovlab.analysis.scenarios import (
    ACTIONS,
    SCENARIO_COLUMNS,
    kematangan_levels,
    load_scenarios,
)
from inovlab.errors import DataError, UsageError
from inovlab.rules.framework import load_framework

FW = load_framework(2026)


def _problems(source, lang="id"):
    with pytest.raises(DataError) as err:
        load_scenarios(source, FW, lang=lang)
    return err.value.to_frame()


def test_canonical_rows_from_aliases_and_short_codes():
    sc = pd.DataFrame({"Skenario ": [" A ", "B", "C"],
                       "AKSI": ["Raise_SID", "set_spd", "add_innovations"],
                       "target": ["33", "SPD 12", ""], "nilai": ["2", "3,0", "80"],
                       "opd": [" Dinas Kesehatan ", None, ""], "urusan": ["", "", "sosial"],
                       "jumlah": [None, None, "5"]})
    out = load_scenarios(sc, FW)
    assert out.columns.tolist() == SCENARIO_COLUMNS + ["baris"]
    assert out["skenario"].tolist() == ["A", "B", "C"]
    assert out["aksi"].tolist() == ["naikkan_sid", "atur_spd", "tambah_inovasi"]
    assert out["target"].tolist() == ["ind_33", "spd_12", ""]
    assert out["nilai"].tolist() == [2.0, 3.0, 80.0]
    assert out["opd"].tolist() == ["Dinas Kesehatan", "", ""]
    assert out["urusan"].tolist() == ["", "", "sosial"]
    assert out["jumlah"].tolist() == [1, 1, 5]
    assert out["baris"].tolist() == [2, 3, 4]          # header is row 1
    assert out.attrs["berkas"] == "skenario"


def test_every_alias_maps_to_a_canonical_action():
    assert set(ACTIONS.values()) <= set(ACTIONS)
    assert all(ACTIONS[v] == v for v in ACTIONS.values())


def test_list_of_dict_source():
    out = load_scenarios([{"skenario": "D", "aksi": "buang_di_bawah_impas", "target": "",
                           "nilai": None}], FW)
    assert out[["aksi", "target", "jumlah"]].values.tolist() == [["buang_di_bawah_impas", "", 1]]
    assert np.isnan(out["nilai"].iloc[0])


def test_yaml_mapping_list_and_csv_agree(tmp_path):
    mapping = tmp_path / "peta.yaml"
    mapping.write_text("SPD naik:\n  - {aksi: atur_spd, target: spd_12, nilai: 3}\n",
                       encoding="utf-8")
    rows = tmp_path / "baris.yml"
    rows.write_text("- {skenario: SPD naik, aksi: atur_spd, target: 12, nilai: 3}\n",
                    encoding="utf-8")
    csv = tmp_path / "s.csv"
    csv.write_text("\ufeffskenario;aksi;target;nilai\nSPD naik;atur_spd;12;3\n",
                   encoding="utf-8")
    cols = SCENARIO_COLUMNS + ["baris"]
    got = [load_scenarios(path, FW)[cols] for path in (mapping, rows, csv)]
    pd.testing.assert_frame_equal(got[0], got[1])
    pd.testing.assert_frame_equal(got[0], got[2])
    assert load_scenarios(csv, FW).attrs["berkas"] == "s.csv"


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="tidak ditemukan: tidak_ada.csv"):
        load_scenarios(tmp_path / "tidak_ada.csv", FW)


def test_missing_required_columns_reported_together():
    table = _problems(pd.DataFrame({"skenario": ["A"], "aksi": ["atur_spd"]}))
    assert table["column"].tolist() == ["target", "nilai"]
    assert table["row"].isna().all()
    assert (table["code"] == "COLUMN").all()


def test_every_bad_row_reported_with_row_column_reason():
    sc = pd.DataFrame({"skenario": ["A", "B", "C", "", "dasar", "F", "G"],
                       "aksi": ["terbang", "atur_sid", "atur_spd", "atur_spd", "atur_spd",
                                "tambah_inovasi", "tambah_inovasi"],
                       "target": ["", "ind_99", "spd_12", "spd_1", "spd_1", "", ""],
                       "nilai": [1, 1.5, 5, 1, 1, 0.5, 200],
                       "jumlah": [None, None, None, None, None, 3, 1001]})
    table = _problems(sc)
    got = list(zip(table["row"], table["column"], table["code"], strict=True))
    assert got == [(2, "aksi", "ACTION"), (3, "target", "SID_TARGET"), (3, "nilai", "LEVEL"),
                   (4, "nilai", "LEVEL"), (5, "skenario", "BLANK"),
                   (6, "skenario", "RESERVED"), (7, "nilai", "KEMATANGAN_EXACT"),
                   (8, "nilai", "KEMATANGAN"), (8, "jumlah", "JUMLAH")]
    assert table.loc[0, "value"] == "terbang"
    assert pd.isna(table.loc[4, "value"])
    assert table["reason"].iloc[-2] == "kematangan harus angka 0-111"


def test_messages_in_english():
    table = _problems(pd.DataFrame({"skenario": ["A"], "aksi": ["atur_spd"],
                                    "target": ["spd_99"], "nilai": [1]}), lang="en")
    assert table["reason"].tolist() == ["unknown SPD indicator (e.g. spd_12)"]


@pytest.mark.parametrize("value", [0, 1, 37, 80, 111])
def test_kematangan_levels_exact(value):
    levels = kematangan_levels(value, FW)
    assert levels @ FW.sid_weights.to_numpy() == pytest.approx(value)
    assert levels.min() >= 0 and levels.max() <= 3


@given(st.integers(0, int(FW.kematangan_max)))
@example(0)
@example(int(FW.kematangan_max))
def test_every_whole_kematangan_is_reachable(value):
    levels = kematangan_levels(value, FW)
    assert levels is not None
    assert levels @ FW.sid_weights.to_numpy() == pytest.approx(value)
    assert set(np.unique(levels)) <= {0.0, 1.0, 2.0, 3.0}


@pytest.mark.parametrize("value", [0.5, 110.5, 112])
def test_unreachable_kematangan_is_none(value):
    assert kematangan_levels(value, FW) is None
