"""The one table formatter: labels, locale formats, blanks, booleans, ranks, no reprs."""

import json

import numpy as np
import pandas as pd
import pytest

from inovlab.report import tables
from inovlab.report.tables import ShownTable, format_table, table_html


def _raw():
    return pd.DataFrame({
        "tahun": [2026, 2025], "peringkat": [19.0, np.nan], "skor_iid": [47.219145, 1234.5],
        "p_top_k": [0.25, 0.0004], "dihitung": [True, False],
        "predikat": ["Sangat Inovatif", None], "n_dinilai": pd.array([90, pd.NA], dtype="Int64"),
        "tanggal_penerapan": pd.to_datetime(["2026-08-17", None]),
        "keyakinan_aturan": ["inferred", "confirmed"], "metode": ["bobot_efektif", "efek_utama"],
    })


def test_indonesian_formats_and_labels():
    shown = format_table(_raw(), "id")
    assert list(shown.columns)[:4] == ["Tahun", "Peringkat", "Skor IID", "Peluang masuk kelompok teratas"]
    assert shown.iloc[0].tolist() == ["2026", "19", "47,22", "25,0%", "ya", "Sangat Inovatif", "90",
                                      "17 Agustus 2026", "diasumsikan", "bobot efektif"]
    assert shown.iloc[1].tolist() == ["2025", "", "1.234,50", "0,04%", "tidak", "", "", "",
                                      "terkonfirmasi", "efek utama"]


def test_english_formats_and_labels():
    shown = format_table(_raw(), "en")
    assert "Rule confidence" in shown.columns and "Counted" in shown.columns
    assert shown.iloc[0].tolist()[:5] == ["2026", "19", "47.22", "25.0%", "yes"]
    assert shown.iloc[0]["Rule confidence"] == "assumed"
    assert shown.iloc[1]["IID score"] == "1,234.50"


def test_no_missing_markers_no_index_no_snake_case():
    page = table_html(_raw(), "id")
    for bad in ("NaN", "&lt;NA&gt;", "None", "NaT", "True", "False", "19.0", "_"):
        assert bad not in page.replace("class=\"tabel\"", "")
    assert page.count("<th>") == len(_raw().columns)  # no index column


def test_every_column_of_a_run_has_a_label():
    """The columns the notebooks' sections show all have glossary labels (no snake_case)."""
    from inovlab.io.glossary import label

    shown = ["angka", "nilai", "tahun", "jenis", "n_dinilai", "rata_rata", "q1", "median", "q3",
             "maks", "batas_top_k", "batas_sangat_inovatif", "n_sangat_inovatif", "n_inovatif",
             "n_kurang_inovatif", "n_tidak_dapat_dinilai", "id_inovasi", "opd", "skor_kematangan",
             "dihitung", "masalah", "penjelasan", "nama_inovasi", "tahapan", "urusan",
             "skor_impas", "perubahan_iid", "duplikat_dengan", "keyakinan_aturan", "diajukan",
             "target", "kekurangan", "bermasalah", "tidak_mengirim", "di_daftar", "urutan",
             "level_sekarang", "tambahan_iid", "nama", "nilai_daerah", "median_pembanding",
             "selisih_iid", "asal", "sumber", "tingkat", "unit", "variabel", "indikator", "bobot",
             "q_bawah", "q_atas", "n_pembanding", "persentil", "poin_daerah", "poin_pembanding",
             "selisih_poin", "posisi", "peringkat_pembanding", "nama_daerah", "predikat",
             "nama_indikator", "bagian", "metode", "ci_low", "ci_high", "bobot_nominal",
             "peringkat_metode", "bidang", "n_bidang", "saat_ini", "proyeksi", "p05", "p95",
             "p_top_k", "top_k", "mc_se", "n_draws", "level_saat_ini", "poin_saat_ini",
             "poin_maksimum", "poin_hilang", "poin_satu_langkah", "n_bisa_naik", "poin_iid",
             "poin_kekurangan", "peringkat_prioritas", "biaya_per_langkah", "poin_per_biaya",
             "saran", "langkah", "dari_level", "ke_level", "jumlah_inovasi", "biaya",
             "target_iid", "skor_iid_awal", "skor_iid_baru", "predikat_awal", "predikat_baru",
             "peringkat_awal", "peringkat_baru", "n_klaster", "total_biaya", "satuan_biaya",
             "iid_maksimum", "skenario", "n_inovasi_dihitung", "skor_spd", "rata_kematangan",
             "skor_jumlah_inovasi", "skor_sid", "skor_iid", "peringkat", "selisih_peringkat",
             "kode_wilayah", "nama_bagian"]
    for lang in ("id", "en"):
        unlabelled = [c for c in shown if "_" in label(c, lang) or label(c, lang) == c and "_" in c]
        assert unlabelled == []


def test_transposed_table_keeps_field_names_as_labels():
    series = pd.Series({"skor_iid": 69.28, "predikat": "Sangat Inovatif"}, name="Kota Bogor")
    shown = format_table(series.to_frame(), "en")
    assert shown.iloc[:, 0].tolist() == ["IID score", "Predicate"]
    assert shown.iloc[0, 1] == "69.28"


def test_long_text_is_wrapped_not_cut_and_wide_tables_scroll():
    text = "Naikkan indikator 35 Video inovasi daerah dari level 0 ke 1: " * 4
    page = table_html(pd.DataFrame({"saran": [text]}), "id")
    assert text.strip() in page and "…" not in page
    assert "overflow-x:auto" in page and "white-space:normal" in page


def test_objects_are_not_shown_as_reprs(tmp_path):
    page = table_html(pd.DataFrame({"berkas": [tmp_path / "x.png"], "daftar": [["a", "b"]]}))
    assert "PosixPath" not in page and "a, b" in page


def test_shown_table_renders_again_in_the_reports_language():
    import nbformat

    bundle = ShownTable(_raw(), lang="id")._repr_mimebundle_()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("execute_result", data=json.loads(json.dumps(bundle)))])])
    assert tables.rerender_outputs(nb, "en") == 1
    page = nb.cells[0].outputs[0]["data"]["text/html"]
    assert "IID score" in page and "Skor IID" not in page and "47.22" in page


def test_a_table_shown_in_the_reports_language_keeps_its_html():
    import nbformat

    bundle = json.loads(json.dumps(ShownTable(_raw(), lang="en")._repr_mimebundle_()))
    bundle["text/html"] = "<p>as the notebook showed it</p>"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("execute_result", data=bundle)])])
    assert tables.rerender_outputs(nb, "en") == 1
    assert nb.cells[0].outputs[0]["data"]["text/html"] == "<p>as the notebook showed it</p>"
    tables.rerender_outputs(nb, "id")
    assert "Skor IID" in nb.cells[0].outputs[0]["data"]["text/html"]


@pytest.mark.parametrize("value, words", [("kejar_opd", "lengkapi OPD"), ("spd_8", "Indikator SPD 8")])
def test_codes_become_words(value, words):
    assert tables.value_words(value) == words


def test_transposed_table_renders_as_html():
    series = pd.Series({"tahun": 2026, "skor_iid": 69.28}, name="Kota Bogor")
    page = ShownTable(series.to_frame(), lang="id")._repr_html_()
    assert "Skor IID" in page and "69,28" in page


def test_transposed_mixed_table_formats_each_field():
    series = pd.Series({"tahun": 2026, "skor_iid": 69.28724999, "dihitung": True,
                        "p_top10": 0.25, "peringkat": 17.0}, name="Kota Bogor")
    shown = format_table(series.to_frame(), "id")
    assert shown.iloc[:, 1].tolist() == ["2026", "69,29", "ya", "25,0%", "17"]


def test_transposed_table_survives_the_payload():
    series = pd.Series({"skor_iid": 69.28724999, "p_top10": 0.0004}, name="Kota Bogor")
    back = tables.table_from_payload(json.loads(json.dumps(tables.table_payload(series.to_frame()))))
    assert format_table(back, "en").iloc[:, 1].tolist() == ["69.29", "0.04%"]
    assert format_table(back, "en").iloc[:, 0].tolist() == ["IID score", "Chance of the top 10"]


def test_wide_tables_keep_their_first_column_in_view():
    page = table_html(pd.DataFrame({"opd": ["Dinas A"], **{f"ind_{i}": [2] for i in range(16, 36)}}))
    css = page[page.index("<style>"):page.index("</style>")]
    assert ".tabel td:first-child" in css and "position:sticky" in css and "left:0" in css


def test_columns_repeating_the_one_region_are_not_displayed():
    raw = pd.DataFrame({"tahun": [2026, 2026], "kode_wilayah": ["19.71", "19.71"],
                        "nama_daerah": ["Kota Pangkal Pinang"] * 2, "jenis": ["kota", "kota"],
                        "opd": ["Dinas A", "Dinas B"]})
    shown = ShownTable(raw, lang="en")
    page = shown._repr_html_()
    assert "<th>Year</th>" in page and "<th>Agency (OPD)</th>" in page
    assert "Region" not in page and "Kota Pangkal Pinang" not in page and ">kota<" not in page
    assert list(pd.DataFrame(shown).columns) == list(raw.columns)     # the data keep them
    # a list of several regions keeps its region columns
    many = raw.assign(nama_daerah=["Kota A", "Kota B"])
    assert "Kota A" in table_html(many, "en") and "<th>Region</th>" in table_html(many, "en")
    # a table of fields (one column headed by the region) drops the repeated fields
    fields = raw.iloc[[0]].T.rename(columns={0: "Kota Pangkal Pinang"})
    page = table_html(fields, "en")
    assert "Region code" not in page and "19.71" not in page and "2026" in page


def test_given_labels_survive_the_payload_and_the_rerender():
    import nbformat

    bundle = ShownTable(pd.DataFrame({"ind_16": [2]}), lang="id",
                        labels={"ind_16": "16 Regulasi Inovasi Daerah"})._repr_mimebundle_()
    assert "<th>16 Regulasi Inovasi Daerah</th>" in bundle["text/html"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("execute_result", data=json.loads(json.dumps(bundle)))])])
    tables.rerender_outputs(nb, "id")
    assert "<th>16 Regulasi Inovasi Daerah</th>" in nb.cells[0].outputs[0]["data"]["text/html"]


@pytest.mark.parametrize("value, english", [
    ("uji coba", "trial"), ("penerapan", "implementation"), ("inisiatif", "initiative"),
    ("Sangat Inovatif", "Sangat Inovatif (very innovative)")])
def test_stages_in_english_and_predikat_explained(value, english):
    assert tables.value_words(value, "en") == english
    assert tables.value_words(value, "id") == value


def test_whole_floats_show_without_decimals_and_small_values_keep_their_digits():
    raw = pd.DataFrame({"level_saat_ini": [1.0, 2.0], "biaya_rencana": [775.0, 12.0],
                        "poin_per_biaya": [0.08, 0.000516], "tambahan_iid": [0.0125, 0.0],
                        "skor_iid": [47.219145, 3.5], "peringkat": [1.0, 2.0],
                        "p_top_k": [0.25, 0.0004]})
    shown = format_table(raw, "id")
    assert shown.iloc[0].tolist() == ["1", "775", "0,0800", "0,0125", "47,22", "1", "25,0%"]
    assert shown.iloc[1].tolist() == ["2", "12", "0,000516", "0", "3,50", "2", "0,04%"]
    # a column of mostly large values keeps two decimals even if one value is small
    assert format_table(pd.DataFrame({"x": [3.25, 12.5, 0.01]})).iloc[2, 0] == "0,01"


def test_numbers_are_narrow_and_names_and_sentences_take_the_width():
    raw = pd.DataFrame({"opd": ["Dinas Pekerjaan Umum dan Penataan Ruang"],
                        "saran": ["naikkan bukti SPD 1 (Visi dan Misi) dari level 1 ke 2 "
                                  "dengan dokumen yang sah"],
                        "kode": ["ya"], "n_bisa_naik": [3]})
    page = table_html(raw, "id")
    assert ('<td class="teks nama">Dinas' in page and '<td class="teks panjang">naikkan' in page
            and '<td class="teks">ya' in page and '<td class="angka">3' in page)
    css = tables.CSS
    assert "td.nama{min-width:12em}" in css and "td.panjang{min-width:16em}" in css
    assert ".tabel th{background:#f2f4f7;font-weight:600}" in css  # no min-width on headers


def test_lead_columns_come_first_and_hidden_ones_are_left_out():
    raw = pd.DataFrame({"tahun": [2026], "skor": [1.5], "penjelasan": ["x"], "id_inovasi": ["a"]})
    shown = tables.lead_columns(raw, lead=("id_inovasi", "nama_inovasi", "penjelasan"),
                                hide=("tahun",))
    assert list(shown.columns) == ["id_inovasi", "penjelasan", "skor"]
    assert list(raw.columns) == ["tahun", "skor", "penjelasan", "id_inovasi"]  # not modified


@pytest.mark.parametrize("lang, own, previous, none", [
    ("id", "berkas SPD daerah ini", "skor SPD dari hasil 2025", "tidak ada berkas SPD"),
    ("en", "the region's own SPD file", "SPD score from the 2025 results", "no SPD file"),
])
def test_spd_source_says_where_the_score_comes_from(lang, own, previous, none):
    fields = pd.DataFrame({"Kota X": [40.0, "spd"]}, index=["skor_spd", "sumber_spd"])
    shown = format_table(fields, lang).iloc[:, 1].tolist()
    assert shown[1] == own
    rows = pd.DataFrame({"skor_spd": [40.0, 38.5, None], "sumber_spd": ["spd", "hasil 2025", ""]})
    assert format_table(rows, lang).iloc[:, 1].tolist() == [own, previous, none]
    assert tables.value_words("spd", lang) == "SPD"  # the SPD part of a score keeps its name


@pytest.mark.parametrize("lang", ["id", "en"])
def test_web_sources_are_short_links_and_the_page_stays_offline(lang):
    from inovlab.report.htmlexport import external_resources

    url = "https://www.example-news.co.id/berita/" + "x" * 120 + "?a=1&b=2"
    table = pd.DataFrame({"tahun": [2024, 2025],
                          "sumber": [f"{url} | https://bangka.example.id/read/1",
                                     "Kepmendagri 100.4-123 <2025>"]})
    page = table_html(table, lang)
    escaped = url.replace("&", "&amp;")
    assert f'<a href="{escaped}" title="{escaped}">example-news.co.id</a>' in page
    assert ">bangka.example.id</a>" in page
    assert "Kepmendagri 100.4-123 &lt;2025&gt;" in page and "<2025>" not in page
    assert f">{url}<" not in page.replace("&amp;", "&")   # the address is never the link text
    assert external_resources(page) == []
    assert 'class="teks panjang"' not in page              # the column is as wide as the hosts
    assert format_table(table, lang).iloc[0, 1].startswith(url)  # plain text keeps it whole


@pytest.mark.parametrize("lang, fraction", [("id", "2,77"), ("en", "2.77")])
def test_levels_show_whole_values_plain_and_averages_with_two_decimals(lang, fraction):
    table = pd.DataFrame({"indikator": ["spd_1", "ind_16"], "level_saat_ini": [1.0, 2.7681],
                          "poin_saat_ini": [1.0, 2.7681]})
    shown = format_table(table, lang)
    assert shown.iloc[:, 1].tolist() == ["1", fraction]
    assert shown.iloc[:, 2].tolist()[0] in ("1,00", "1.00")  # other numbers keep one format


@pytest.mark.parametrize("lang, median", [("id", "1,95"), ("en", "1.95")])
def test_peer_comparison_levels_show_whole_values_plain(lang, median):
    table = pd.DataFrame({"indikator": ["29", "13b"], "bobot": [1.0, 1.0],
                          "nilai_daerah": [1.0, 3.0], "median_pembanding": [1.95, 1.0],
                          "q_bawah": [1.83, 1.0], "q_atas": [1.96, 2.0]})
    shown = format_table(table, lang)
    assert shown.iloc[:, 2:].to_numpy().tolist() == [["1", median, shown.iat[0, 4],
                                                      shown.iat[0, 5]], ["3", "1", "1", "2"]]
    assert shown.iat[0, 4] in ("1,83", "1.83")
