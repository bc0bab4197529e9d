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
    # priorities come from the region's own points, open steps only, per person-day
    prio = rep.priorities
    assert prio["poin_per_biaya"].is_monotonic_decreasing and (prio["n_bisa_naik"] > 0).all()
    assert "kepentingan" not in prio                   # no cross-region importance x gap
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


# ---------------------------------------------------------------------------------------
# the cluster gate: cross-region drivers only with enough pemda of one cluster

from inovlab.analysis.drivers_report import (  # noqa: E402
    MIN_CLUSTER_REGIONS,
    ClusterScope,
    cross_region_cluster,
)
from inovlab.rules.decomposition import region_table  # noqa: E402
from inovlab.testing import example_tables  # noqa: E402


def _kota(panel, n):
    """The first ``n`` kota (code ``xx.7y``) of a synthetic panel."""
    codes = sorted(c for c in panel["spd"]["kode_wilayah"].astype(str).unique()
                   if c.split(".")[-1].startswith("7"))[:n]
    keep = lambda df: df[df["kode_wilayah"].astype(str).isin(codes)]  # noqa: E731
    return keep(panel["inovasi"]), keep(panel["spd"])


def test_cross_region_cluster(panel):
    table = region_table(*example_tables(), 2026)
    scope = cross_region_cluster(table)  # 19.72 is not in the region reference: no jenis
    assert (scope.cluster, scope.n_regions, scope.kode_wilayah) == ("kota", 1, None)
    assert not scope.enough and MIN_CLUSTER_REGIONS == 8
    one = cross_region_cluster(table.iloc[[0]])
    assert one.kode_wilayah == "19.71" and one.label("en") == "1 kota in the data"
    big = region_table(panel["inovasi"], panel["spd"], 2026)
    mixed = cross_region_cluster(big)
    assert mixed.cluster is None and mixed.n_regions == (big["skor_iid"] > 0).sum()
    assert mixed.label() == f"{mixed.n_regions} pemda dalam data (semua klaster)"
    assert ClusterScope("kota", 8).enough and not ClusterScope("kota", 7).enough


def test_one_region_writes_own_decomposition(tmp_path):
    inovasi, spd = example_tables()
    one = lambda df: df[df["kode_wilayah"] == "19.71"]  # noqa: E731
    rep = analyse_drivers(one(inovasi), one(spd), load_framework(2026), source="user")
    assert rep.drivers is None and rep.model_scores is None
    assert rep.scope.n_regions == 1 and rep.scope.kode_wilayah == "19.71"
    assert rep.summary[0] == "Uraian poin IID Kota Pangkal Pinang 2026 (data pengguna)"
    assert "memerlukan data indikator banyak pemda dari klaster yang sama" in rep.summary[1]
    assert rep.summary[2].startswith("Skor IID 3,87")
    assert rep.priorities["peringkat_prioritas"].iloc[0] == 1
    assert set(rep.priorities["sumber_data"]) == {"data pengguna"}
    written = rep.write(tmp_path)
    assert [p.name for p in written] == ["prioritas.csv", "poin_daerah.csv"]
    assert not (tmp_path / "drivers.csv").exists()
    points = pd.read_csv(tmp_path / "poin_daerah.csv", dtype={"kode_wilayah": str})
    assert points["kode_wilayah"].eq("19.71").all() and len(points) == 41


def test_small_cluster_without_region_writes_nothing():
    rep = analyse_drivers(*example_tables(), load_framework(2026), source="user", lang="en")
    assert rep.drivers is None and rep.priorities is None and rep.own_points is None
    assert rep.summary[0] == "IID points 2026 (user data)"
    assert "1 kota in the data" in rep.summary[1]
    assert any("--region" in line for line in rep.summary)


def test_without_spd_the_spd_points_are_zero():
    inovasi, spd = example_tables()
    one = lambda df: df[df["kode_wilayah"] == "19.71"]  # noqa: E731
    fw = load_framework(2026)
    full = analyse_drivers(one(inovasi), one(spd), fw, source="user")
    bare = analyse_drivers(one(inovasi), None, fw, source="user")
    assert bare.drivers is None and "level SPD" in bare.summary[1]
    pts = lambda rep: rep.own_points.groupby("bagian")["poin_saat_ini"].sum()  # noqa: E731
    assert pts(bare)["spd"] == 0 and pts(full)["spd"] > 0
    # the SID and count parts do not depend on SPD: same points with and without it
    assert pts(bare).drop("spd").round(9).equals(pts(full).drop("spd").round(9))


def test_hasil_of_earlier_cycles_is_set_aside(panel):
    inovasi, spd = _kota(synthetic_panel(n_regions=300, seed=3), 9)
    codes = spd["kode_wilayah"].astype(str).unique()
    hasil = pd.DataFrame({"tahun": 2025, "kode_wilayah": codes, "skor_iid": 50.0})
    rep = analyse_drivers(inovasi, spd, load_framework(2026), hasil=hasil, seed=0, lang="en")
    assert rep.drivers is not None
    assert rep.summary[2] == ("The hasil files hold no cycle 2026 (only 2025); not used for "
                              "this cycle.")
    own = analyse_drivers(*[df[df["kode_wilayah"] == codes[0]] for df in (inovasi, spd)],
                          load_framework(2026), hasil=hasil)
    assert own.own_points is not None and any("hanya 2025" in s for s in own.summary)


def test_drivers_within_the_cluster_present(panel):
    inovasi, spd = _kota(synthetic_panel(n_regions=300, seed=3), 9)
    rep = analyse_drivers(inovasi, spd, load_framework(2026), source="user", seed=0)
    assert rep.scope.cluster == "kota" and rep.scope.n_regions == 9
    assert rep.summary[1] == "Dihitung atas 9 kota dalam data."
    assert set(rep.drivers["klaster"]) == {"kota"}
    # 9 regions, 41 weights: the NNLS recovery is not estimable and is left out
    assert "bobot_pulih_nnls" not in set(rep.drivers["metode"])
    assert ("Pemulihan bobot NNLS tidak dimasukkan dalam tabel: terlalu sedikit daerah (9) "
            "untuk 41 bobot dan satu konstanta." in rep.summary)


# ---------------------------------------------------------------------------------------
# the headline names the weighted drivers, in words that claim no cause

import json  # noqa: E402
from importlib import resources  # noqa: E402

from inovlab.testing import causal_phrases_in, correlated_panel  # noqa: E402


@pytest.fixture(scope="module")
def passengers_report():
    p = correlated_panel(seed=0)
    region = p["spd"]["kode_wilayah"].iloc[0]
    return p, {lang: analyse_drivers(p["inovasi"], p["spd"], load_framework(2026), region=region,
                                     source="user", seed=0, lang=lang) for lang in ("id", "en")}


def test_headline_names_the_weighted_drivers_not_the_passengers(passengers_report):
    p, reports = passengers_report
    rep = reports["id"]
    head = rep.summary[2]
    assert head.startswith("Paling berkaitan dengan perbedaan skor IID antar-daerah (bobot "
                           "efektif")
    assert head.index("1. Video inovasi daerah") < head.index("2. Kemanfaatan inovasi")
    ew = rep.drivers[rep.drivers["metode"] == "bobot_efektif"].sort_values("peringkat_metode")
    assert ew["indikator"].head(2).tolist() == p["drivers"]
    me = rep.drivers[rep.drivers["metode"] == "efek_utama"].set_index("indikator")
    # the plain S_i would put both passengers ahead of the second weighted driver ...
    assert (me.loc[p["passengers"], "nilai_mentah"] > me.loc["ind_33", "nilai_mentah"]).all()
    # ... so they carry the correlation warning, naming the indicator they move with
    assert me.loc[p["passengers"], "bergerak_dengan"].eq("ind_35").all()
    assert me.loc[p["passengers"], "catatan"].str.contains("Video inovasi daerah").all()
    assert me.loc[p["drivers"], "catatan"].eq("").all()
    warning = next(line for line in rep.summary if line.startswith("! Peringatan korelasi"))
    assert "Jejaring inovasi bergerak bersama Video inovasi daerah" in warning
    english = reports["en"].summary
    assert english[2].startswith("Most associated with the IID differences between regions")
    assert "1. Innovation video" in english[2] and "2. Benefit of the innovation" in english[2]


def test_nnls_line_names_the_constant_indicators(passengers_report):
    _, reports = passengers_report
    lines = reports["id"].summary
    assert any(line.startswith("Pemulihan bobot NNLS (dengan konstanta): R^2 = 1,0000") for line in lines)
    constant = next(line for line in lines if line.startswith("Indikator yang konstan"))
    assert "Visi dan Misi" in constant and "jumlah inovasi yang dihitung" in constant
    nnls = reports["id"].drivers.query("metode == 'bobot_pulih_nnls'").set_index("indikator")
    assert nnls.loc["spd_1", "catatan"].startswith("konstan di semua daerah")
    assert nnls.loc["spd_1", "peringkat_metode"] is pd.NA and pd.isna(nnls.loc["spd_1", "nilai"])
    assert nnls.loc["ind_35", "peringkat_metode"] == 1


def _notebook_markdown(name: str) -> str:
    path = resources.files("inovlab") / "notebooks" / f"{name}.ipynb"
    if not path.is_file():  # a source checkout: the notebooks sit beside the package
        from pathlib import Path

        path = Path(__file__).resolve().parents[1] / "notebooks" / f"{name}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_no_causal_wording_in_driver_outputs(passengers_report, tmp_path):
    _, reports = passengers_report
    texts = []
    for lang, rep in reports.items():
        texts += rep.summary
        for path in rep.write(tmp_path / lang):
            texts.append(path.read_text(encoding="utf-8-sig"))
    texts.append(_notebook_markdown("03_penggerak_peringkat"))
    found = {p for text in texts for p in causal_phrases_in(text)}
    assert not found
    assert causal_phrases_in("Indikator yang benar-benar menggerakkan skor") == [
        "benar-benar menggerakkan", "menggerakkan"]
