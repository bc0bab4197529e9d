"""load_inputs: one call loads a notebook's tables, region and framework, each source labelled."""

import pytest

from inovlab.errors import DataError, UsageError
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


def test_no_demo_leaves_a_table_without_file_absent(tmp_path):
    hasil = _write_hasil(tmp_path / "hasil.csv")
    inputs = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil", "spd"),
                         demo=False)
    assert inputs.sources == {"hasil": "user"} and not inputs.has("spd")
    assert inputs.spd.empty and inputs.of_region("spd").empty and inputs.source_of("spd") == "user"
    inputs = load_inputs(2026, "Kota Bogor", data_dir=tmp_path, tables=("hasil",), demo=False)
    assert inputs.source == "user"


def test_folder_with_one_file_per_opd_and_several_cycles(tmp_path):
    head = "tahun,nama_daerah,indikator,level\n"
    (tmp_path / "spd_2025.csv").write_text(head + "2025,Kota Bogor,1,2\n", encoding="utf-8")
    (tmp_path / "spd_2026.csv").write_text(head + "2026,Kota Bogor,1,3\n", encoding="utf-8")
    inputs = load_inputs(2026, "Kota Bogor", data_dir=tmp_path, tables=("spd",), demo=False)
    assert sorted(inputs.spd["tahun"].unique().tolist()) == [2025, 2026]
    assert inputs.of_region("spd")["spd_1"].tolist() == [3]


def test_every_problem_of_every_table_at_once(tmp_path):
    (tmp_path / "hasil.csv").write_text("tahun,nama_daerah,skor_iid\n2024,Kota Atlantis,50\n",
                                        encoding="utf-8")
    (tmp_path / "spd.csv").write_text("tahun,nama_daerah,indikator,level\n2026,Kota Bogor,1,7\n",
                                      encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_inputs(2026, "Kota Bogor", data_dir=tmp_path, demo=False)
    assert {(p.file, p.row) for p in err.value.problems} >= {("hasil.csv", 2), ("spd.csv", 2)}


def test_data_folder_and_unknown_names(tmp_path):
    _write_hasil(tmp_path / "hasil.csv")
    assert find_table_file(tmp_path, "hasil").name == "hasil.csv"
    assert find_table_file(tmp_path, "spd") is None
    with pytest.raises(UsageError, match="Kota Pangkal Pinang"):
        load_inputs(2026, "Pangkal Pinangg", tables=("hasil",))
    with pytest.raises(UsageError, match="hasill"):
        load_inputs(2026, "Kota Bogor", tables=("hasill",))


def test_english_description():
    inputs = load_inputs(2026, "Kota Bogor", lang="en", tables=("hasil",))
    assert inputs.describe().startswith("Kota Bogor (32.71), cycle 2026: ")


def test_submission_is_the_region_demo_innovations_or_the_user_file():
    inputs = load_inputs(2026, "Kota Pangkal Pinang")
    rows = inputs.submission()
    assert set(rows["kode_wilayah"]) == {"19.71"} and set(rows["tahun"]) == {2026}


def test_the_next_notebook_reuses_inputs_but_cannot_change_them(tmp_path):
    hasil = _write_hasil(tmp_path / "hasil.csv")
    first = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",))
    calls = []

    def compute(inputs):
        calls.append(1)
        return {"table": inputs.hasil.copy()}

    first.derived("k", compute)["table"].loc[:, "skor_iid"] = -1.0  # one notebook's edits ...
    first.hasil.loc[:, "skor_iid"] = -2.0
    again = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",))
    assert again.hasil is not first.hasil
    assert again.hasil["skor_iid"].tolist() == [60.01, 55.5]  # ... never reach the next one
    assert again.derived("k", compute)["table"]["skor_iid"].tolist() == [60.01, 55.5]
    assert len(calls) == 1  # computed once for both
    assert again.derived("k", compute) is again.derived("k", compute)


def test_changed_file_or_parameters_are_read_again(tmp_path):
    hasil = _write_hasil(tmp_path / "hasil.csv")
    first = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",))
    first.derived("k", lambda i: 1)
    text = hasil.read_text(encoding="utf-8").replace("60,01", "61,01")  # same size, same second
    hasil.write_text(text, encoding="utf-8")
    again = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",))
    assert again.hasil["skor_iid"].tolist() == [61.01, 55.5]
    assert again.derived("k", lambda i: 2) == 2
    english = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",),
                          lang="en")
    assert english.lang == "en" and english.derived("k", lambda i: 3) == 3


def test_the_next_region_reuses_the_tables_but_not_what_was_derived(tmp_path):
    hasil = _write_hasil(tmp_path / "hasil.csv")
    bogor = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",))
    bogor.derived("k", lambda i: i.region_code)
    pangkal = load_inputs(2026, "Pangkalpinang", hasil_path=str(hasil), tables=("hasil",))
    assert pangkal.region_code == "19.71" and len(pangkal.hasil) == 2
    assert pangkal.derived("k", lambda i: i.region_code) == "19.71"


def test_a_copy_in_another_language_derives_afresh(tmp_path):
    import dataclasses

    hasil = _write_hasil(tmp_path / "hasil.csv")
    first = load_inputs(2026, "Kota Bogor", hasil_path=str(hasil), tables=("hasil",))
    first.derived("k", lambda i: i.lang)
    english = dataclasses.replace(first, lang="en")
    assert english.derived("k", lambda i: i.lang) == "en"
