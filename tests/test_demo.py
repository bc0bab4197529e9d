"""The demo panel: calibration targets, structure, determinism, re-scoring, CLI."""

import json

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from inovlab.cli.main import main
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_innovations, score_regions
from inovlab.sources import demo, published


@pytest.fixture(scope="session")
def panel():
    # Generated once per session (not from the cache) so the generator itself is tested.
    return demo.generate_panel(demo.DEFAULT_SEED)


@pytest.fixture(scope="session")
def achieved(panel):
    return demo.achieved_values(panel.hasil, panel.inovasi)


def _participants(panel, year):
    h = panel.hasil
    return h[(h["tahun"] == year) & (h["skor_iid"] > 0)]


# -- shape and labels --------------------------------------------------------------------

def test_all_pemda_all_cycles_and_demo_label(panel):
    h = panel.hasil
    assert len(h) == 552 * len(demo.CYCLES)
    assert not h.duplicated(["tahun", "kode_wilayah"]).any()
    assert sorted(h["tahun"].unique()) == list(demo.CYCLES)
    for df in panel.tables().values():
        assert "sumber_data" not in df.attrs    # provenance travels in Inputs, not attrs
    assert set(h["sumber"]) == {"data demo (sintetis)"}
    assert panel.metadata["label"] == "data demo (sintetis)"


def test_contract_columns_and_types(panel):
    inn = panel.inovasi
    fw = load_framework(2025)
    for col in ["tahun", "kode_wilayah", "nama_daerah", "id_inovasi", "nama_inovasi", "opd",
                "urusan", "tahapan", "tanggal_penerapan", "kata_rancang_bangun",
                "durasi_video_detik", *fw.sid_columns]:
        assert col in inn.columns
    assert pd.api.types.is_datetime64_any_dtype(inn["tanggal_penerapan"])
    assert set(inn["tahapan"]) == {"penerapan", "uji coba", "inisiatif"}
    levels = inn[fw.sid_columns].to_numpy()
    assert levels.min() >= 0 and levels.max() <= 3
    assert not inn.duplicated(["tahun", "kode_wilayah", "id_inovasi"]).any()
    assert set(fw.spd_columns) <= set(panel.spd.columns)
    assert isinstance(panel.hasil["kode_wilayah"].iloc[0], str)


def test_non_participants_are_tidak_dapat_dinilai(panel):
    h = panel.hasil
    out = h[h["skor_iid"] == 0]
    assert (out["predikat"] == "Tidak Dapat Dinilai").all()
    assert (out["n_inovasi"] == 0).all()
    spd = panel.spd.merge(out[["tahun", "kode_wilayah"]])
    assert (spd.filter(like="spd_").to_numpy() == 0).all()
    # DKI's administrative units are never assessed.
    assert (h.loc[h["kode_wilayah"].str.startswith("31."), "skor_iid"] == 0).all()


# -- calibration targets -----------------------------------------------------------------

@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_participants_as_published(achieved, year):
    target = published.targets([year]).loc[year, "peserta"]
    assert achieved[str(year)]["peserta"] == target


def test_participants_2026_documented(achieved, panel):
    assert achieved["2026"]["peserta"] == panel.metadata["targets"]["2026"]["peserta"]
    for year in demo.CYCLES:
        a = achieved[str(year)]
        assert a["peserta"] + a["tidak_dapat_dinilai"] == 552


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_innovations_within_two_percent(achieved, year):
    target = published.targets([year]).loc[year, "inovasi"]
    assert abs(achieved[str(year)]["inovasi"] - target) <= 0.02 * target


def test_predicate_counts_2022(achieved):
    t = published.targets([2022]).loc[2022]
    a = achieved["2022"]
    assert abs(a["n_sangat_inovatif"] - t["n_sangat_inovatif"]) <= 3
    assert abs(a["n_inovatif"] - t["n_inovatif"]) <= 3
    assert abs(a["n_kurang_inovatif"] - t["n_kurang_inovatif"]) <= 3


def test_kota_sangat_inovatif_2024(achieved):
    assert abs(achieved["2024"]["n_kota_sangat_inovatif"] - 24) <= 2


@pytest.mark.parametrize("year", [2024, 2025])
def test_national_mean_iid_over_participants(achieved, year):
    target = published.targets([year]).loc[year, "rerata_iid"]
    assert abs(achieved[str(year)]["rerata_iid"] - target) <= 1.0


def test_stage_split_2023_close_to_published(achieved):
    t = published.targets([2023]).loc[2023]
    a = achieved["2023"]
    total = a["inovasi"]
    assert abs(a["inovasi_penerapan"] / total - t["inovasi_penerapan"] / 27111) < 0.02


def test_published_scores_and_predicates_reproduced(panel):
    rows = published.scored_rows(demo.CYCLES)
    merged = rows.merge(panel.hasil, on=["tahun", "kode_wilayah"], suffixes=("_pub", ""))
    assert len(merged) == len(rows)
    scored = merged[merged["skor_iid_pub"].notna()]
    assert len(scored) == rows["skor_iid"].notna().sum() >= 14
    assert (scored["skor_iid"] - scored["skor_iid_pub"]).abs().max() <= 0.5
    with_pred = merged[(merged["predikat_pub"] != "") & (merged["konflik"] == "")]
    assert (with_pred["predikat"] == with_pred["predikat_pub"]).all()


def test_focus_cities_plausible(panel):
    h = panel.hasil.set_index(["tahun", "kode_wilayah"])
    assert h.loc[(2024, "19.71"), "predikat"] == "Sangat Inovatif"
    assert h.loc[(2024, "61.71"), "predikat"] == "Sangat Inovatif"
    for year in (2022, 2023, 2024, 2025):
        assert h.loc[(year, "17.71"), "predikat"] == "Sangat Inovatif"
    assert h.loc[(2022, "17.71"), "n_inovasi"] == 202
    assert h.loc[(2024, "17.71"), "n_inovasi"] == 275
    inn = panel.inovasi
    for code in ("19.71", "17.71", "61.71"):
        mine = inn[(inn["kode_wilayah"] == code) & (inn["tahun"] == 2025)]
        assert mine["opd"].nunique() >= 8
        assert mine["urusan"].isin(load_framework(2025).basic_service_urusan).any()


# -- structure -----------------------------------------------------------------------------

def test_persistent_capacity_rank_correlation(panel):
    wide = panel.hasil.pivot(index="kode_wilayah", columns="tahun", values="skor_iid")
    for a, b in zip(demo.CYCLES[:-1], demo.CYCLES[1:], strict=True):
        both = (wide[a] > 0) & (wide[b] > 0)
        rho = spearmanr(wide.loc[both, a], wide.loc[both, b])[0]
        assert 0.6 <= rho <= 0.85, (a, b, rho)


def test_clusters_differ(panel):
    part = panel.hasil[panel.hasil["skor_iid"] > 0]
    means = part.groupby("jenis")["skor_iid"].mean()
    assert means["kota"] > means["kabupaten"] + 3
    assert means["provinsi"] > means["kabupaten"]


def test_stronger_and_weaker_opds(panel):
    inn = score_innovations(panel.inovasi[panel.inovasi["tahun"] == 2025])
    by_opd = inn.groupby(["kode_wilayah", "opd"])["skor_kematangan"].mean()
    spread = by_opd.groupby(level=0).agg(lambda s: s.max() - s.min())
    assert spread.median() > 15


def test_indicators_correlate(panel):
    inn = panel.inovasi[panel.inovasi["tahun"] == 2025]
    corr = inn[["ind_35", "ind_33", "ind_31"]].astype(float).corr().to_numpy()
    assert corr[np.triu_indices(3, 1)].min() > 0.3


def test_decisive_indicators_clearly_decisive(panel):
    meta = panel.metadata
    for year in demo.CYCLES:
        key = str(year)
        decisive = meta["decisive_indicators"][key]
        assert len(decisive) >= 5
        assert all(c.startswith(("ind_", "spd_")) for c in decisive)
        shares = pd.Series(meta["variance_share"][key])
        others = shares.drop(decisive + ["jumlah_inovasi"])
        assert shares[decisive].min() > 2 * others.max()
        # Ordered by their true share of IID variance.
        assert list(shares[decisive].sort_values(ascending=False).index) == decisive
        assert set(meta["loadings"][key]) >= set(decisive)
        assert abs(shares.sum() - 1) < 1e-3  # shares are stored rounded to 5 decimals


def test_realistic_innovation_rows(panel):
    inn = panel.inovasi
    assert inn["opd"].str.startswith(("Dinas", "Badan", "Rumah Sakit", "Satuan", "Inspektorat",
                                      "Sekretariat")).all()
    assert (inn.loc[inn["opd"] == "Dinas Kesehatan", "urusan"] == "kesehatan").all()
    assert (inn.loc[inn["opd"] == "Dinas Pendidikan", "urusan"] == "pendidikan").all()
    assert inn["kata_rancang_bangun"].median() > 300
    assert 0.02 < (inn["kata_rancang_bangun"] < 300).mean() < 0.2
    assert 0.8 < (inn["durasi_video_detik"] <= 300).mean() < 1.0
    fw = load_framework(2025)
    start, end = (np.datetime64(d) for d in fw.window)
    applied = inn[(inn["tahun"] == 2025) & (inn["tahapan"] == "penerapan")]
    inside = applied["tanggal_penerapan"].between(start, end)
    assert 0.9 < inside.mean() < 1.0
    assert sum(panel.metadata["planted_weak_innovations"].values()) > 100


# -- reproducibility -------------------------------------------------------------------------

def test_rescoring_reproduces_hasil(panel):
    regions = score_regions(score_innovations(panel.inovasi), panel.spd)
    merged = panel.hasil.merge(regions, on=["tahun", "kode_wilayah"], suffixes=("", "_new"))
    assert len(merged) == len(panel.hasil)
    np.testing.assert_allclose(merged["skor_iid"], merged["skor_iid_new"], atol=1e-9)
    assert (merged["predikat"] == merged["predikat_new"]).all()
    np.testing.assert_allclose(merged["skor_spd"], merged["skor_spd_new"], atol=1e-9)


def test_deterministic_for_a_seed_and_cache_round_trip(panel):
    cached = demo.load_demo(demo.DEFAULT_SEED)
    for name, df in panel.tables().items():
        pd.testing.assert_frame_equal(df.reset_index(drop=True),
                                      cached.tables()[name].reset_index(drop=True),
                                      check_dtype=True)
    assert cached.metadata["decisive_indicators"] == panel.metadata["decisive_indicators"]
    assert cached.metadata["seed"] == demo.DEFAULT_SEED
    assert cached.metadata["generator_version"] == demo.GENERATOR_VERSION


def test_cli_writes_three_files_and_metadata(tmp_path, capsys):
    out = tmp_path / "x"
    assert main(["demo", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["hasil.csv", "inovasi.csv",
                                                     "metadata.json", "spd.csv"]
    assert "data demo (sintetis)" in capsys.readouterr().out
    hasil = pd.read_csv(out / "hasil.csv", dtype={"kode_wilayah": str})
    assert len(hasil) == 552 * len(demo.CYCLES)
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["seed"] == demo.DEFAULT_SEED and "2025" in meta["decisive_indicators"]
    # Writing again over an earlier panel is fine; over a foreign folder it is not.
    assert main(["demo", "--out", str(out)]) == 0
    foreign = tmp_path / "lain"
    foreign.mkdir()
    (foreign / "catatan.txt").write_text("milik orang lain")
    assert main(["demo", "--out", str(foreign)]) == 2
    assert (foreign / "catatan.txt").exists()


def test_calibration_targets_fill_gaps_with_documented_assumptions():
    t = demo.calibration_targets()
    assert t.loc[2026, "peserta"] == t.loc[2025, "peserta"]
    assert t.loc[2026, "inovasi"] > t.loc[2025, "inovasi"]
    assert t.loc[2026, "asumsi"] != ""
    assert t.loc[2023, "asumsi"] == ""


def test_readme_lists_the_achieved_values(panel):
    readme = (demo.data_dir() / "demo" / "README.md").read_text(encoding="utf-8")
    # Regenerate with: python -m inovlab.sources.demo --readme
    assert demo.render_readme_table(panel) in readme
    assert demo.calibration_table(panel)["ok"].all()
