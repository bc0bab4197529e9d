"""The explicit provenance bundle (inovlab.sources.provenance): kinds, labels, no silent mixing."""

import dataclasses

import pandas as pd
import pytest

from inovlab.sources.provenance import (
    SOURCE_KINDS,
    TABLES,
    Inputs,
    check_source,
    combine_sources,
    source_of,
)


def table(year=2026):
    return pd.DataFrame({"tahun": [year - 1, year], "kode_wilayah": ["19.71", "19.71"],
                         "skor_iid": [50.0, 55.0]})


def test_one_kind_for_every_table():
    b = Inputs.from_tables(2026, hasil=table(), spd=table(), source="user")
    assert dict(b.sources) == {"hasil": "user", "spd": "user"}
    assert b.source() == "user" and b.source("spd") == "user"
    assert b.label() == "data pengguna" and b.label(lang="en") == "user data"
    assert not b.is_demo
    assert list(b.tables()) == ["hasil", "spd"]


def test_mixing_user_and_demo_needs_saying_so():
    with pytest.raises(ValueError, match="allow_mixed"):
        Inputs.from_tables(2026, hasil=table(), spd=table(),
                           source={"hasil": "user", "spd": "demo"})
    user = Inputs.from_tables(2026, hasil=table(), source="user")
    with pytest.raises(ValueError, match="allow_mixed"):
        user.with_table("inovasi", table(), "demo")
    with pytest.raises(ValueError, match="allow_mixed"):
        Inputs(2026, hasil=table(), spd=table(), sources={"hasil": "user", "spd": "demo"})


def test_a_labelled_demo_comparison_names_both_kinds_everywhere():
    b = Inputs.from_tables(2026, hasil=table(), spd=table(),
                           source={"hasil": "user", "spd": "demo"}, allow_mixed=True)
    assert b.source() == "user+demo"
    assert b.label() == "data pengguna + data demo (sintetis)"
    assert b.label(lang="en") == "user data + demo data (synthetic)"
    assert b.source("hasil") == "user" and b.label("spd") == "data demo (sintetis)"
    assert b.is_demo
    # the setting travels with the bundle
    assert b.with_table("inovasi", table(), "published").source() == "user+demo+published"


def test_published_and_demo_mix_is_refused_too():
    with pytest.raises(ValueError, match="allow_mixed"):
        Inputs.from_tables(2026, hasil=table(), inovasi=table(),
                           source={"hasil": "published", "inovasi": "demo"})


def test_provenance_survives_what_drops_attrs():
    b = Inputs.from_tables(2026, hasil=table(), source="demo")
    joined = pd.concat([b.hasil, b.hasil])              # concat and groupby drop attrs
    grouped = joined.groupby("kode_wilayah", as_index=False)["skor_iid"].mean()
    assert "sumber_data" not in grouped.attrs
    assert b.with_table("hasil", grouped, b.source("hasil")).label() == "data demo (sintetis)"


def test_every_present_table_needs_a_kind_and_kinds_are_checked():
    with pytest.raises(ValueError, match="spd"):
        Inputs.from_tables(2026, hasil=table(), spd=table(), source={"hasil": "user"})
    with pytest.raises(ValueError, match="tidak dikenal"):
        Inputs.from_tables(2026, hasil=table(), source="pengguna")
    with pytest.raises(ValueError, match="tidak dikenal"):
        Inputs(2026, sources={"regions": "user"})
    with pytest.raises(ValueError, match="kosong"):
        Inputs(2026).source()


def test_bundle_is_frozen_and_sources_read_only():
    b = Inputs.from_tables(2026, hasil=table(), source="user")
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.cycle = 2025
    with pytest.raises(TypeError):
        b.sources["hasil"] = "demo"
    assert b.with_table("hasil", None, "user").tables() == {}


def test_table_access_and_cycle_rows():
    b = Inputs.from_tables(2026, hasil=table(), source="user")
    assert b.of_cycle("hasil")["tahun"].tolist() == [2026]
    assert b.of_cycle("hasil", 2025)["tahun"].tolist() == [2025]
    with pytest.raises(ValueError, match="spd"):
        b.table("spd")
    with pytest.raises(ValueError):
        b.with_table("regions", table(), "user")
    assert b.framework.cycle == 2026


def test_demo_bundle():
    b = Inputs.demo(2026)
    assert set(b.tables()) == set(TABLES)
    assert b.source() == "demo" and b.label() == "data demo (sintetis)"
    assert set(b.of_cycle("inovasi")["tahun"]) == {2026}


def test_kind_helpers():
    assert set(SOURCE_KINDS) == {"published", "demo", "user"}
    assert combine_sources("demo", "demo") == "demo"
    assert combine_sources("user", "demo+user") == "user+demo"
    assert check_source("published+demo") == "published+demo"
    with pytest.raises(ValueError):
        check_source("user+pengguna")
    with pytest.raises(ValueError):
        combine_sources()
    assert source_of(Inputs.from_tables(2026, hasil=table(), source="published")) == "published"
    with pytest.raises(ValueError):
        source_of(None)
