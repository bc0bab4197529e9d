"""The whole driver analysis (inovlab.analysis.drivers_report): tables, labels, files."""

import pandas as pd
import pytest

from inovlab.analysis.drivers_report import analyse_drivers
from inovlab.errors import UsageError
from inovlab.rules.framework import load_framework
from inovlab.sources.provenance import Inputs
from inovlab.testing import synthetic_panel


@pytest.fixture(scope="module")
def panel():
    return synthetic_panel(n_regions=80, seed=1)


def test_labels_come_from_the_explicit_source(panel, tmp_path):
    fw = load_framework(2026)
    region = panel["spd"]["kode_wilayah"].iloc[3]
    bundle = Inputs.from_tables(2026, spd=panel["spd"], inovasi=panel["inovasi"],
                                source="demo")
    rep = analyse_drivers(bundle.inovasi, bundle.spd, fw, region=region, source=bundle,
                          seed=0)
    assert set(rep.drivers["sumber_data"]) == {"data demo (sintetis)"}
    assert set(rep.priorities["sumber_data"]) == {"data demo (sintetis)"}
    assert rep.summary[0] == "Penggerak peringkat IID 2026 (data demo (sintetis))"
    written = rep.write(tmp_path)
    assert [p.name for p in written] == ["drivers.csv", "skor_model.csv", "prioritas.csv"]
    assert pd.read_csv(tmp_path / "drivers.csv")["sumber_data"].eq(
        "data demo (sintetis)").all()


def test_mixed_source_names_both_kinds(panel):
    rep = analyse_drivers(panel["inovasi"], panel["spd"], load_framework(2026),
                          source="user+demo", seed=0, lang="en")
    assert set(rep.drivers["sumber_data"]) == {"user data + demo data (synthetic)"}


def test_no_rows_of_the_cycle(panel):
    with pytest.raises(UsageError):
        analyse_drivers(panel["inovasi"], panel["spd"], load_framework(2025), source="user")
