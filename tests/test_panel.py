"""The region-by-cycle panel (inovlab.analysis.panel) on a hand-checkable fixture.

The fixture (:func:`inovlab.testing.history_regions`, :func:`inovlab.testing.history_hasil`)
has 3 provinces, 4 kabupaten and 3 kota over two cycles (2024, 2025). Kota 2.72 is missing
in 2024; province 3 scores 0 in 2024 (Tidak Dapat Dinilai, not assessed).
"""

import pandas as pd
import pytest

from inovlab.analysis.panel import assessed, build_panel, coverage, missing_regions, ranked
from inovlab.errors import DataError, UsageError
from inovlab.testing import history_hasil, history_regions

REGIONS = history_regions()


@pytest.fixture
def panel():
    return build_panel(history_hasil(), REGIONS)


def value(df, year, code, column):
    row = df[(df["tahun"] == year) & (df["kode_wilayah"] == code)]
    assert len(row) == 1
    return row.iloc[0][column]


# -- build_panel and coverage -----------------------------------------------------------
def test_build_panel_joins_metadata_and_predicates(panel):
    assert len(panel) == 19
    assert value(panel, 2024, "1.71", "jenis") == "kota"
    assert value(panel, 2024, "1.71", "provinsi") == "Prov P"
    assert value(panel, 2024, "1.71", "nama_daerah") == "Kota E"
    # Cut-offs from the framework: 2024 SI >= 60.01, 2025 SI >= 65.01, I >= 40.01.
    assert value(panel, 2024, "1.01", "predikat") == "Inovatif"        # 60.00
    assert value(panel, 2024, "1.71", "predikat") == "Sangat Inovatif"
    assert value(panel, 2025, "1", "predikat") == "Inovatif"           # 62 < 65.01
    assert value(panel, 2025, "2.72", "predikat") == "Kurang Inovatif"  # 40 < 40.01
    assert value(panel, 2024, "3", "predikat") == "Tidak Dapat Dinilai"
    assert not value(panel, 2024, "3", "dinilai")
    assert panel["dinilai"].sum() == 18


def test_build_panel_resolves_names_and_keeps_given_predikat():
    hasil = pd.DataFrame({"tahun": ["2025", "2025"], "nama_daerah": ["kota e", "Kabupaten A"],
                          "skor_iid": [66.0, 45.0],
                          "predikat": ["sangat inovatif", None]})
    p = build_panel(hasil, REGIONS)
    assert p["kode_wilayah"].tolist() == ["1.01", "1.71"]
    assert p["nama_daerah"].tolist() == ["Kabupaten A", "Kota E"]
    assert p["predikat"].tolist() == ["Inovatif", "Sangat Inovatif"]
    assert p["tahun"].dtype.kind == "i"
    assert "sumber_data" not in p.attrs        # provenance travels in Inputs, not attrs


def test_build_panel_rejects_unknown_code_and_duplicates():
    with pytest.raises(DataError):
        build_panel(pd.DataFrame({"tahun": [2025], "kode_wilayah": ["9.99"],
                                  "skor_iid": [1.0]}), REGIONS)
    dup = pd.DataFrame({"tahun": [2025, 2025], "kode_wilayah": ["1.01", "1.01"],
                        "skor_iid": [1.0, 2.0]})
    with pytest.raises(DataError) as err:
        build_panel(dup, REGIONS)
    assert err.value.problems[0].code == "DUPLICATE_ROW"
    with pytest.raises(UsageError):
        build_panel(pd.DataFrame({"kode_wilayah": ["1.01"]}), REGIONS)


def test_coverage_reports_present_and_missing(panel):
    assert panel.attrs["cakupan"] == {2024: {"ada": 9, "dinilai": 8, "hilang": 1},
                                      2025: {"ada": 10, "dinilai": 10, "hilang": 0}}
    cov = coverage(panel, REGIONS).set_index(["tahun", "jenis"])
    assert cov.loc[(2024, "kota"), "n_ada"] == 2
    assert cov.loc[(2024, "kota"), "n_hilang"] == 1
    assert cov.loc[(2024, "provinsi"), "n_dinilai"] == 2
    assert cov.loc[(2025, "kota"), "persen_ada"] == 100.0
    missing = missing_regions(panel, REGIONS)
    assert missing[["tahun", "kode_wilayah"]].values.tolist() == [[2024, "2.72"]]
    assert "sumber_data" not in missing.attrs


def test_assessed_and_ranked_rows():
    p = pd.DataFrame({"skor_iid": [50.0, 0.0, None, 20.0],
                      "predikat": ["", "", "Inovatif", "Tidak Dapat Dinilai"]})
    assert assessed(p).tolist() == [True, False, True, False]
    assert ranked(p).tolist() == [True, False, False, False]


def test_stale_attrs_of_the_input_are_not_passed_on():
    hasil = history_hasil()
    hasil.attrs["sumber_data"] = "user"
    assert build_panel(hasil, REGIONS).attrs.keys() == {"cakupan"}
