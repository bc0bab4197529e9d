"""load_inputs: one call loads a notebook's tables, region and framework, each source labelled."""

import pytest

from inovlab.errors import UsageError
from inovlab.workbook.inputs import find_table_file, load_inputs


def _write_hasil(path):
    path.write_text("Tahun;Nama Daerah;Skor IID\n2025;Pangkalpinang;60,01\n2026;Kota Bogor;55,5\n",
                    encoding="utf-8")
    return path


def test_demo_by_default_all_labelled_demo():
    inputs = load_inputs(2026, "Pangkalpinang")
    assert (inputs.region_code, inputs.region_name) == ("19.71", "Kota Pangkal Pinang")
    assert inputs.sources == {"hasil": "demo", "spd": "demo", "inovasi": "demo"}
    assert inputs.source == "demo" and inputs.framework.cycle == 2026
    assert set(inputs.of_cycle("spd")["tahun"]) == {2026}
    assert set(inputs.of_region("inovasi")["kode_wilayah"]) == {"19.71"}
    assert inputs.describe() == "Kota Pangkal Pinang (19.71), siklus 2026: data demo (sintetis)"


def test_user_file_is_user_and_mixing_is_labelled(tmp_path):
    hasil = _write_hasil(tmp_path / "hasil.csv")
    only = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",))
    assert only.sources == {"hasil": "user"} and len(only.hasil) == 2
    mixed = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil", "spd"))
    assert mixed.sources == {"hasil": "user", "spd": "demo"}
    assert mixed.source == "user+demo" and "data demo" in mixed.label()


def test_no_demo_means_every_table_needs_a_file(tmp_path):
    hasil = _write_hasil(tmp_path / "hasil.csv")
    with pytest.raises(UsageError, match="spd_path"):
        load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil", "spd"),
                    demo=False)
    inputs = load_inputs(2026, "Kota Bogor", data_dir=tmp_path, tables=("hasil",), demo=False)
    assert inputs.source == "user"


def test_data_folder_and_unknown_names(tmp_path):
    _write_hasil(tmp_path / "hasil.csv")
    assert find_table_file(tmp_path, "hasil").name == "hasil.csv"
    assert find_table_file(tmp_path, "spd") is None
    with pytest.raises(UsageError, match="Kota Pangkal Pinang"):
        load_inputs(2026, "Pangkal Pinangg", tables=("hasil",))
    with pytest.raises(UsageError, match="hasill"):
        load_inputs(2026, "Kota Bogor", tables=("hasill",))


def test_english_and_rank_range():
    inputs = load_inputs(2026, "Kota Bogor", lang="en", tables=("hasil",))
    assert inputs.describe().startswith("Kota Bogor (32.71), cycle 2026: ")
    outlook = inputs.rank_range(n_draws=50, seed=1)
    assert outlook["rank_p05"] <= outlook["median_rank"] <= outlook["rank_p95"]
    assert outlook == inputs.rank_range(n_draws=50, seed=1)  # seeded


def test_submission_is_the_region_demo_innovations_or_the_user_file():
    inputs = load_inputs(2026, "Kota Pangkal Pinang")
    rows = inputs.submission()
    assert set(rows["kode_wilayah"]) == {"19.71"} and set(rows["tahun"]) == {2026}
