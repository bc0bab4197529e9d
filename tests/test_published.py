"""The bundled published record: conversion, official codes, notes, conflicts, targets."""

import importlib.util

import pandas as pd
import pytest

from inovlab.i18n import source_label
from inovlab.io.regions import load_regions
from inovlab.resources import REPO_ROOT
from inovlab.sources import published

SHARED = REPO_ROOT.parent / "shared" / "domain" / "published"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_published",
                                                  REPO_ROOT / "tools" / "build_published.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hasil():
    return published.load_published()


def test_every_row_has_an_official_code_and_a_source(hasil):
    regions = load_regions().set_index("kode_wilayah")
    assert hasil["kode_wilayah"].isin(regions.index).all()
    assert (regions.loc[hasil["kode_wilayah"], "nama_daerah"].to_numpy()
            == hasil["nama_daerah"].to_numpy()).all()
    assert hasil["sumber"].str.startswith("http").all()
    assert published.SOURCE_KIND == "published"
    assert source_label(published.published_inputs().source()) == "data resmi terpublikasi"


def test_everyday_spellings_become_official_names(hasil):
    pangkal = hasil[hasil["kode_wilayah"] == "19.71"]
    assert set(pangkal["nama_daerah"]) == {"Kota Pangkal Pinang"}
    assert pangkal["catatan"].str.contains("Nama di sumber: Kota Pangkalpinang").all()
    jatim = hasil[(hasil["kode_wilayah"] == "35") & (hasil["tahun"] == 2025)].iloc[0]
    assert jatim["nama_daerah"] == "Jawa Timur" and jatim["jumlah_inovasi"] == 679


def test_contract_columns_and_types(hasil):
    for col in ("tahun", "kode_wilayah", "nama_daerah", "skor_iid", "predikat", "peringkat",
                "jumlah_inovasi", "sumber", "jenis", "provinsi", "penghargaan_iga", "catatan",
                "konflik"):
        assert col in hasil.columns
    assert hasil["tahun"].dtype.kind == "i"
    assert set(hasil["predikat"]) <= {"", "Sangat Inovatif", "Inovatif", "Kurang Inovatif",
                                      "Tidak Dapat Dinilai"}
    tangerang = hasil[(hasil["tahun"] == 2025) & (hasil["kode_wilayah"] == "36.71")].iloc[0]
    assert tangerang["skor_iid"] == 72.94 and tangerang["peringkat"] == 21


def test_known_conflicts_are_kept_not_resolved(hasil):
    serang = hasil[(hasil["tahun"] == 2022) & (hasil["kode_wilayah"] == "36.73")].iloc[0]
    assert serang["skor_iid"] == 60.56
    assert serang["predikat"] == ""  # not silently set to Sangat Inovatif
    assert "inovatif" in serang["konflik"]
    surabaya = hasil[(hasil["tahun"] == 2025) & (hasil["nama_daerah"] == "Kota Surabaya")]
    assert surabaya["konflik"].str.len().gt(0).all()
    agg = published.load_aggregates()
    assert "sumber_data" not in agg.attrs      # provenance is explicit, not in attrs
    conflicted = agg[agg["konflik"] != ""]
    assert {(2020, "participating_pemda"), (2020, "innovations_reported"),
            (2019, "innovations_reported"), (2025, "participating_pemda")} <= set(
        zip(conflicted["tahun"], conflicted["metrik"], strict=True))
    # Both 2020 innovation figures stay in the table.
    both = agg[(agg["tahun"] == 2020) & agg["metrik"].str.startswith("innovations_reported")]
    assert sorted(both["nilai"]) == [14897.0, 17779.0]


def test_targets_are_read_from_the_aggregates():
    t = published.targets(range(2022, 2027))
    assert t.loc[2022, ["peserta", "inovasi", "n_sangat_inovatif", "n_inovatif",
                        "n_kurang_inovatif"]].tolist() == [510, 26900, 44, 365, 101]
    assert t.loc[2023, ["peserta", "inovasi"]].tolist() == [527, 28539]
    assert t.loc[2023, ["inovasi_penerapan", "inovasi_uji_coba",
                        "inovasi_inisiatif"]].tolist() == [24699, 1039, 1373]
    assert t.loc[2024, ["peserta", "inovasi", "n_kota_sangat_inovatif", "rerata_iid"]].tolist() \
        == [529, 31719, 24, 46.01]
    assert t.loc[2025, ["peserta", "inovasi", "rerata_iid"]].tolist() == [531, 36742, 49.43]
    assert t.loc[2026].isna().all()


def test_scored_rows_one_per_region_year():
    rows = published.scored_rows(range(2022, 2027))
    assert not rows.duplicated(["tahun", "kode_wilayah"]).any()
    assert (rows["skor_iid"].notna() | rows["predikat"].ne("")).all()


@pytest.mark.skipif(not SHARED.exists(), reason="shared research folder not available")
def test_bundled_files_are_the_conversion_of_the_shared_record(tmp_path):
    build = _build_module()
    assert build.main(["--src", str(SHARED), "--out", str(tmp_path)]) == 0
    for name in ("hasil_terpublikasi.csv", "agregat_nasional.csv"):
        fresh = pd.read_csv(tmp_path / name, dtype=str, keep_default_na=False)
        bundled = pd.read_csv(published.data_dir() / "published" / name, dtype=str,
                              keep_default_na=False)
        pd.testing.assert_frame_equal(fresh, bundled)


def test_unresolvable_name_is_an_error():
    build = _build_module()
    raw = pd.DataFrame({"year": [2024], "region_name": ["Kota Atlantis"],
                        "region_type": ["kota"], "province": [""], "iid_score": [None],
                        "predicate": [None], "rank_in_cluster": [None], "cluster": ["kota"],
                        "iga_award": [None], "n_innovations": [None], "source_url": ["x"],
                        "note": [None]})
    with pytest.raises(ValueError, match="Atlantis"):
        build.convert_results(raw)
