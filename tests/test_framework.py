"""The rules of every cycle load from data, agree with themselves and carry confidence."""

import dataclasses
import shutil

import numpy as np
import pandas as pd
import pytest

from inovlab.errors import UsageError
from inovlab.resources import framework_dir
from inovlab.rules.framework import (
    CONFIDENCE_ORDER,
    PREDICATES,
    available_cycles,
    load_framework,
    weakest,
)

CYCLES = list(range(2022, 2030))


def test_all_cycles_2022_to_2029_load():
    assert set(CYCLES) <= set(available_cycles())
    for cycle in CYCLES:
        fw = load_framework(cycle)
        assert fw.cycle == cycle
        assert len(fw.sid_codes) == 20
        assert fw.sid_columns[0] == "ind_16" and fw.sid_columns[-1] == "ind_35"
        assert len(fw.spd_codes) == 20  # 15 SPD indicators, some split (2a/2b, 5a/5b ...)


@pytest.mark.parametrize("cycle", CYCLES)
def test_maxima_agree_with_weights(cycle):
    fw = load_framework(cycle)
    assert 3 * fw.spd_weights.sum() == pytest.approx(fw.spd_max)
    assert 3 * fw.sid_weights.sum() == pytest.approx(fw.kematangan_max)
    assert fw.spd_max + fw.kematangan_max + fw.jumlah_max == pytest.approx(fw.total_max)


@pytest.mark.parametrize("cycle", CYCLES)
def test_every_rule_and_indicator_has_confidence_and_source(cycle):
    fw = load_framework(cycle)
    assert fw.rules["confidence"].isin(CONFIDENCE_ORDER).all()
    assert fw.rules["source"].str.len().gt(0).all()
    assert fw.indicators["confidence"].isin(CONFIDENCE_ORDER).all()
    assert fw.indicators["source"].str.len().gt(0).all()
    assert fw.indicators[["level_1", "level_2", "level_3"]].notna().all().all()


def test_known_values_per_cycle():
    assert load_framework(2023).divisor_floor == 10
    assert load_framework(2023).confidence("divisor_floor") == "confirmed"
    assert load_framework(2026).divisor_floor == 12
    assert [load_framework(c).divisor_floor for c in (2027, 2028, 2029)] == [14, 16, 18]
    assert load_framework(2024).urusan_min == 2
    assert load_framework(2027).urusan_min == 6
    assert load_framework(2023).cutoffs["Sangat Inovatif"] == 60.01
    assert load_framework(2025).cutoffs["Sangat Inovatif"] == 65.01
    assert load_framework(2026).window == (pd.Timestamp("2024-01-01").date(),
                                           pd.Timestamp("2025-12-31").date())
    assert load_framework(2023).window == (None, None)


def test_mandatory_indicators():
    fw = load_framework(2026)
    sid = fw.indicators[fw.indicators["unit"] == "sid"]
    assert sorted(sid.loc[sid["mandatory"], "code"]) == ["16", "17", "32", "33", "35"]


def test_assumptions_are_listed_and_2023_divisor_is_not_among_them():
    assumed = load_framework(2025).assumptions()
    assert {"divisor_floor", "jumlah_points_per_innovation"} <= set(assumed["item"])
    assert set(assumed["confidence"]) <= {"inferred", "unknown"}
    assert "divisor_floor" not in set(load_framework(2023).assumptions()["item"])


def test_predicate_bands_and_rounding():
    fw = load_framework(2023)
    # IID is compared as published, to two decimals: 60.0099 shows as 60.01, 60.004 as 60.00.
    got = fw.predicate([100, 60.01, 60.0099, 60.004, 35.0, 34.99, 0.01, 0.0, np.nan]).tolist()
    assert got == ["Sangat Inovatif", "Sangat Inovatif", "Sangat Inovatif", "Inovatif", "Inovatif",
                   "Kurang Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai", ""]
    assert set(got) - {""} == set(PREDICATES)


def test_unknown_cycle_lists_known_ones():
    with pytest.raises(UsageError) as info:
        load_framework(2031)
    assert "2022" in str(info.value) and "2029" in str(info.value)


def test_adding_a_cycle_is_adding_files(tmp_path):
    target = tmp_path / "framework"
    shutil.copytree(framework_dir(), target)
    rules = pd.read_csv(target / "rules.csv", dtype=str, keep_default_na=False)
    new = rules[rules["cycle"] == "2029"].assign(cycle="2030")
    new.loc[new["rule"] == "divisor_floor", "value"] = "20"
    pd.concat([rules, new]).to_csv(target / "rules.csv", index=False)
    cat = pd.read_csv(target / "indicators_2029.csv", dtype={"code": str}).assign(cycle=2030)
    cat.to_csv(target / "indicators_2030.csv", index=False)
    assert 2030 in available_cycles(target)
    assert load_framework(2030, target).divisor_floor == 20


def test_weakest():
    assert weakest(["confirmed", "secondary"]) == "secondary"
    assert weakest([]) == "confirmed"


def test_describe_in_both_languages():
    assert "aturan" in load_framework(2026).describe("id").columns
    en = load_framework(2026).describe("en")
    assert "rule" in en.columns and "divisor floor (MAX(d, n))" in set(en["rule"])


def test_rules_cli_prints_assumptions(capsys):
    from inovlab.cli.main import main

    assert main(["rules", "--cycle", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Aturan IID siklus 2025" in out and "asumsi" in out
    assert main(["rules", "--cycle", "1999"]) == 2
    assert main(["rules", "--cycle", "2026", "--indicators", "--lang", "en"]) == 0
    assert "Regional innovation regulation" in capsys.readouterr().out


# -- immutable shared state -------------------------------------------------------------
def test_cached_framework_cannot_be_changed_by_a_caller():
    first = load_framework(2026)
    weights = first.indicators["weight"].tolist()
    table = first.indicators
    table.loc[0, "weight"] = 99.0                     # a caller edits what it was given
    table["unit"] = "x"
    sid_weights, codes, rules, urusan = first.sid_weights, first.spd_codes, first.rules, first.urusan
    sid_weights.iloc[0] = 99.0
    codes.append("99")
    rules.loc["divisor_floor", "value"] = "1"
    urusan.loc[0, "pelayanan_dasar"] = False
    with pytest.raises(ValueError, match="read-only"):
        first.sid_weight_array[0] = 99.0
    with pytest.raises(ValueError, match="read-only"):
        first.indicators["weight"].to_numpy()[0] = 99.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.cycle = 2025

    second = load_framework(2026)                    # the next caller sees the original
    assert second is first
    assert second.indicators["weight"].tolist() == weights
    assert (second.indicators["unit"] != "x").all()
    assert 99.0 not in second.sid_weights.tolist()
    assert "99" not in second.spd_codes
    assert second.divisor_floor == 12
    assert len(second.basic_service_urusan) == 6


def test_replace_builds_a_new_framework_and_leaves_the_cached_one():
    fw = load_framework(2026)
    before = fw.sid_weights.tolist()
    ones = fw.replace(indicators=fw.indicators.assign(weight=1.0))
    also = dataclasses.replace(fw, indicators=fw.indicators.assign(weight=2.0))
    assert ones.sid_weights.tolist() == [1.0] * len(before)
    assert also.sid_weight_array.tolist() == [2.0] * len(before)
    assert load_framework(2026).sid_weights.tolist() == before
    with pytest.raises(TypeError, match="unknown"):
        fw.replace(weights=1)


@pytest.mark.parametrize("cycle", CYCLES)
def test_every_indicator_and_variable_has_an_english_name(cycle):
    fw = load_framework(cycle)
    table = fw.indicators
    assert table["name_en"].notna().all() and (table["name_en"].str.strip() != "").all()
    assert table["variable_en"].notna().all() and (table["variable_en"] != table["variable"]).all()
    names = fw.indicator_names("en")
    assert len(names) == len(table) and names.index.is_unique
    assert set(names.index) == set(fw.spd_columns) | set(fw.sid_columns)
    assert (fw.indicator_names("id").to_numpy() == table["name_id"].to_numpy()).all()
    assert set(fw.variable_names("en")) == set(table["variable"])
    assert fw.variable_names("id") == {v: v for v in table["variable"]}


def test_english_names_are_translations_of_the_indonesian_ones():
    names = load_framework(2026).indicator_names("en")
    assert names["spd_1"] == "Vision and mission"          # Visi dan Misi
    assert names["ind_28"] == "Ease of the process the innovation produces"
    # 2022 code 30 is "Online Sistem", not the later "Layanan Terintegrasi"
    assert load_framework(2022).indicator_names("en")["ind_30"] == "Online system"


def test_a_catalogue_without_english_variables_still_loads(tmp_path):
    target = tmp_path / "framework"
    shutil.copytree(framework_dir(), target)
    path = target / "indicators_2026.csv"
    pd.read_csv(path, dtype={"code": str}).drop(columns="variable_en").to_csv(path, index=False)
    fw = load_framework(2026, target)
    assert fw.variable_names("en")["Institusi"] == "Institusi"


def test_cluster_names_in_english_sentences():
    from inovlab.rules.framework import CLUSTERS_EN, cluster_label

    assert [cluster_label(c, "en") for c in CLUSTERS_EN] == ["province", "regency", "city"]
    assert [cluster_label(c) for c in CLUSTERS_EN] == list(CLUSTERS_EN)
