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
    assert "Pemulihan bobot NNLS tidak dapat diestimasi pada data ini." in rep.summary
