"""Tests of a pemda's own history from whatever exists (inovlab.analysis.own_history)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.own_history import COLUMNS, own_history
from inovlab.sources.published import load_published
from inovlab.testing import example_tables


@pytest.fixture(scope="module")
def demo():
    from inovlab.sources.demo import load_demo

    return load_demo(seed=2026)


def test_published_record_only_gives_predicates():
    pub = load_published()
    rec = pub[(pub["kode_wilayah"] == "19.71") & (pub["predikat"] != "")]
    h = own_history("19.71")
    assert list(h.table.columns) == COLUMNS
    assert h.table["tahun"].tolist() == sorted(rec["tahun"].unique().tolist())
    expected = rec.groupby("tahun")["predikat"].first()
    assert h.table.set_index("tahun")["predikat"].to_dict() == expected.to_dict()
    assert (h.table["asal"] == "data resmi terpublikasi").all()
    assert h.table["sumber"].str.startswith("http").all()  # the citation is kept
    assert h.kind() == "predicates" and h.source() == "published"
    years = sorted(rec["tahun"].unique())
    listed = ", ".join(map(str, years[:-1])) + f" dan {years[-1]}"
    assert h.sentence().startswith(f"Hanya predikat yang diketahui untuk {listed}; skor IID")


def test_own_files_are_scored_with_each_cycles_framework(demo):
    inv, spd, hasil = demo.inovasi, demo.spd, demo.hasil
    h = own_history("19.71", inovasi=inv[inv["tahun"] < 2026], spd=spd, published=False)
    computed = h.table.set_index("tahun")["skor_iid"]
    assert computed.index.tolist() == [2022, 2023, 2024, 2025]
    ref = hasil[hasil["kode_wilayah"] == "19.71"].set_index("tahun")["skor_iid"]
    np.testing.assert_allclose(computed.to_numpy(), ref.loc[computed.index].to_numpy(), rtol=1e-9)
    assert (h.table["asal"] == "dihitung dari berkas inovasi dan spd Anda").all()
    assert h.kind() == "scores" and h.source() == "user"


def test_origins_are_never_merged(demo):
    inv, spd = demo.inovasi, demo.spd
    mine = pd.DataFrame({"tahun": [2022, 2025], "kode_wilayah": ["19.71", "19.71"],
                         "skor_iid": [60.0, np.nan], "predikat": ["Inovatif", "sangat inovatif"],
                         "peringkat": [20, 9]})
    h = own_history("19.71", hasil=mine, inovasi=inv[inv["tahun"] == 2022], spd=spd)
    t = h.table
    y2022 = t[t["tahun"] == 2022]
    assert y2022["asal"].tolist() == ["berkas hasil Anda",
                                      "dihitung dari berkas inovasi dan spd Anda"]
    assert y2022["skor_iid"].iloc[0] == 60.0 and y2022["skor_iid"].iloc[1] != 60.0
    assert t.loc[t["tahun"] == 2025, "predikat"].tolist() == ["Sangat Inovatif"]
    assert t.loc[t["tahun"] == 2025, "peringkat"].tolist() == [9.0]
    assert "data resmi terpublikasi" in h.origins()
    assert set(h.source().split("+")) == {"user", "published"}
    s = h.sentence()
    assert "skor berbeda" in s and "2022" in s
    assert "your results file" in h.sentence("en")
    assert "berkas hasil Anda" in set(h.table["asal"])  # the table keeps its language


def test_years_without_rules_or_spd_are_said():
    inovasi, spd = example_tables()
    old = inovasi.assign(tahun=2019)
    h = own_history("19.71", inovasi=pd.concat([old, inovasi]), spd=None, published=False)
    assert dict(h.notes) == {"no_framework": (2019,), "no_spd": (2026,)}
    assert h.kind() == "none" and h.table.empty
    s = h.sentence()
    assert "2019 tidak dinilai" in s and "2026 tanpa SPD" in s
    with pytest.raises(ValueError):
        h.source()
    with_spd = own_history("19.71", inovasi=inovasi, spd=spd, published=False)
    assert with_spd.notes == () and with_spd.kind() == "scores"


def test_before_drops_the_cycle_being_prepared():
    inovasi, spd = example_tables()
    h = own_history("19.71", inovasi=inovasi, spd=spd, published=True, before=2026)
    assert (h.table["tahun"] < 2026).all() and "dihitung" not in set(h.table["asal_kode"])


def test_unknown_source_kind_is_refused():
    with pytest.raises(ValueError):
        own_history("19.71", hasil_source="pengguna")
