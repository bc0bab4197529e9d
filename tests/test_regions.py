"""Tests for inovlab.io.regions: the reference table and resolving everyday names."""

import pytest

from inovlab.errors import UsageError
from inovlab.io.regions import describe_problem, load_regions, resolve_names, resolve_region


def test_load_regions_shape_and_types():
    r = load_regions()
    assert len(r) == 552
    assert list(r.columns) == ["kode_wilayah", "nama_daerah", "jenis", "provinsi",
                               "penduduk", "luas_km2"]
    assert r["jenis"].value_counts().to_dict() == {"kabupaten": 416, "kota": 98, "provinsi": 38}
    assert r["kode_wilayah"].is_unique
    # codes keep their trailing zero ("11.10", not 11.1)
    assert "11.10" in set(r["kode_wilayah"])


def test_load_regions_returns_a_copy():
    r = load_regions()
    r.loc[0, "nama_daerah"] = "x"
    assert load_regions().loc[0, "nama_daerah"] == "Aceh"


@pytest.mark.parametrize("name, code, official", [
    ("Pangkalpinang", "19.71", "Kota Pangkal Pinang"),
    ("Kota Pangkalpinang", "19.71", "Kota Pangkal Pinang"),
    ("Pangkal Pinang", "19.71", "Kota Pangkal Pinang"),
    ("  pangkal   PINANG ", "19.71", "Kota Pangkal Pinang"),
    ("Kab. Buton", "74.04", "Kabupaten Buton"),
    ("Kab Buton", "74.04", "Kabupaten Buton"),
    ("KABUPATEN BUTON", "74.04", "Kabupaten Buton"),
    ("Prov. Bengkulu", "17", "Bengkulu"),
    ("Provinsi Bengkulu", "17", "Bengkulu"),
    ("Bengkulu", "17", "Bengkulu"),  # the official name wins: the province
    ("Kota Bengkulu", "17.71", "Kota Bengkulu"),
    ("Bau-Bau", "74.72", "Kota Bau Bau"),
    ("Baubau", "74.72", "Kota Bau Bau"),
    ("Kota Baubau", "74.72", "Kota Bau Bau"),
    ("19.71", "19.71", "Kota Pangkal Pinang"),
    ("1971", "19.71", "Kota Pangkal Pinang"),
    ("11.1", "11.10", "Kabupaten Aceh Singkil"),
    ("Pemkab Bogor", "32.01", "Kabupaten Bogor"),
    ("Pemerintah Kota Bekasi", "32.75", "Kota Bekasi"),
    ("DKI Jakarta", "31", "Daerah Khusus Ibukota Jakarta"),
    ("Tolitoli", "72.04", "Kabupaten Toli-Toli"),
    ("Kepulauan Seribu", "31.01", "Kabupaten Administrasi Kepulauan Seribu"),
    ("Jakarta Selatan", "31.74", "Kota Administrasi Jakarta Selatan"),
    ("Kota Jakarta Utara", "31.72", "Kota Administrasi Jakarta Utara"),
    ("Kab. Kep. Selayar", "73.01", "Kabupaten Kepulauan Selayar"),
    ("Kab Pangkep", "73.10", "Kabupaten Pangkajene dan Kepulauan"),
    ("Kota Jogja", "34.71", "Kota Yogyakarta"),
    ("DIY", "34", "Daerah Istimewa Yogyakarta"),
    ("Kab Labuhan Batu", "12.10", "Kabupaten Labuhanbatu"),
    ("Kotabaru", "63.02", "Kabupaten Kotabaru"),
    ("Kotamobagu", "71.74", "Kota Kotamobagu"),
])

def test_resolve_everyday_spellings(name, code, official):
    row = resolve_names([name]).iloc[0]
    assert (row["status"], row["kode_wilayah"], row["nama_daerah"]) == ("ok", code, official)


def test_every_official_name_and_code_resolves_to_itself():
    r = load_regions()
    for variant in (r["nama_daerah"], r["nama_daerah"].str.upper(),
                    r["nama_daerah"].str.replace("Kabupaten ", "Kab. "), r["kode_wilayah"]):
        res = resolve_names(variant.tolist())
        assert (res["status"] == "ok").all()
        assert res["kode_wilayah"].tolist() == r["kode_wilayah"].tolist()


@pytest.mark.parametrize("name", ["Bekasi", "Bogor", "bandung", "Malang"])
def test_bare_name_of_kabupaten_and_kota_is_ambiguous(name):
    row = resolve_names([name]).iloc[0]
    assert row["status"] == "ambiguous"
    assert row["kode_wilayah"] is None
    assert sorted(row["candidates"]) == sorted([f"Kabupaten {name.title()}", f"Kota {name.title()}"])


def test_jenis_hint_resolves_ambiguity():
    r = resolve_names(["Bekasi", "Bekasi", "Bengkulu"], jenis=["kabupaten", "kota", "kota"])
    assert r["kode_wilayah"].tolist() == ["32.16", "32.75", "17.71"]
    # a prefix in the name wins over the hint
    assert resolve_names(["Kab. Bekasi"], jenis="kota").loc[0, "kode_wilayah"] == "32.16"


def test_unknown_name_lists_closest_official_names():
    row = resolve_names(["Pangkalpinangg"]).iloc[0]
    assert row["status"] == "unknown"
    assert row["candidates"][0] == "Kota Pangkal Pinang"
    assert 1 <= len(row["candidates"]) <= 5
    wrong_kind = resolve_names(["Kota Buton"]).iloc[0]
    assert wrong_kind["status"] == "unknown"
    assert "Kabupaten Buton" in wrong_kind["candidates"]


def test_unknown_code_blank_and_missing():
    r = resolve_names(["99.99", "", None, float("nan")])
    assert r["status"].tolist() == ["unknown"] * 4
    assert r["kode_wilayah"].isna().all()


def test_output_aligned_with_input_and_repeats():
    names = ["Baubau", "Bekasi", "Baubau"] * 1000
    r = resolve_names(names)
    assert len(r) == 3000
    assert r["input"].tolist() == names
    assert (r.loc[r["input"] == "Baubau", "kode_wilayah"] == "74.72").all()


def test_bad_jenis_hint():
    with pytest.raises(ValueError):
        resolve_names(["Bekasi"], jenis="desa")


def test_resolve_region():
    assert resolve_region("Pangkalpinang") == ("19.71", "Kota Pangkal Pinang")
    with pytest.raises(UsageError, match="Kabupaten Bogor, Kota Bogor"):
        resolve_region("Bogor")
    with pytest.raises(UsageError, match="Closest official names"):
        resolve_region("Pangkalpinan", lang="en")


def test_describe_problem_without_candidates():
    assert "Tidak ada nama resmi" in describe_problem("zzz", "unknown", [])


def test_closest_names_for_misspelt_names():
    from inovlab.io.regions import closest_names

    found = closest_names(["Kota Pangkal Pinnang", "Kab. Bantl", "", "zzzzqqqq"], n=2)
    assert [f[:1] for f in found] == [["Kota Pangkal Pinang"], ["Kabupaten Bantul"], [], []]
    assert all(len(f) <= 2 for f in found)
    r = resolve_names(["Kota Pangkal Pinnang", "Kab. Bantl", "zzzzqqqq"])
    assert r["status"].tolist() == ["unknown"] * 3
    assert r.loc[0, "candidates"][0] == "Kota Pangkal Pinang"
    assert r.loc[1, "candidates"][0] == "Kabupaten Bantul"
    assert r.loc[2, "candidates"] == []


def test_every_region_misspelt_once_gets_its_own_name_first():
    import numpy as np

    rng = np.random.default_rng(0)
    names = load_regions()["nama_daerah"].tolist()
    slips = []
    for n in names:  # one letter of the name replaced by "q" (never a space)
        i = int(rng.integers(len(n) - 3, len(n)))
        slips.append(n[:i] + ("q" if n[i] != " " else " ") + n[i + 1:])
    r = resolve_names(slips)
    unknown = r["status"].eq("unknown")
    firsts = [c[0] if c else None for c in r.loc[unknown, "candidates"]]
    hits = np.mean([f == n for f, n, u in zip(firsts, np.array(names)[unknown], unknown[unknown],
                                              strict=True)])
    assert unknown.sum() > 500 and hits > 0.97
