"""The run's landing page (index.html) and the batch index."""

import json
import re

import pytest

from inovlab.i18n import catalogue_phrases
from inovlab.report import landing
from inovlab.report.htmlexport import external_resources

RANK = {"bidang": "98 kota dalam data demo (sintetis) 2026", "n_bidang": 98, "saat_ini": 17,
        "proyeksi": 16, "median": 19, "p05": 14, "p95": 23, "p_top_k": 0.0004, "top_k": 10,
        "mc_se": 0.0002, "n_draws": 10000, "sumber": "data demo (sintetis)"}


@pytest.fixture
def run(tmp_path):
    def make(lang):
        folder = tmp_path / lang
        (folder / "figures").mkdir(parents=True)
        (folder / "tables").mkdir()
        (folder / "figures" / "lintasan.png").write_bytes(b"png")
        (folder / "tables" / "lintasan.csv").write_text("a\n1\n")
        (folder / "tables" / "lintasan.xlsx").write_bytes(b"x")
        manifest = {"region": "Kota Pangkal Pinang", "cycle": 2026, "lang": lang,
                    "started": "2026-12-02T14:00:00", "parameters": {"demo": True},
                    "deck": {"status": "ok", "file": "deck_klinik.pptx"},
                    "notebooks": [{"notebook": "01_ikhtisar_hasil", "output": "01_ikhtisar_hasil.ipynb",
                                   "html": "01_ikhtisar_hasil.html", "status": "ok", "duration_s": 3.2},
                                  {"notebook": "02_pembanding", "output": "02_pembanding.ipynb",
                                   "status": "failed", "duration_s": 1.0}]}
        (folder / "manifest.json").write_text(json.dumps(manifest))
        (folder / "ringkasan.json").write_text(json.dumps({
            "peringkat": {"value": RANK, "label": RANK["bidang"], "notebook": "06"},
            "ikhtisar_skor_iid": {"value": 69.28725, "label": "Skor IID 2026", "notebook": "01"},
            "rencana_total_biaya": {"value": 573.0, "label": "hari-orang", "notebook": "04"},
            "kesiapan_diajukan": {"value": 146, "label": "n_diajukan", "notebook": "05"}}))
        return folder, landing.write_run_index(folder, manifest).read_text(encoding="utf-8")
    return make


def test_landing_page_has_header_key_numbers_and_links(run):
    folder, page = run("id")
    for text in ("Kota Pangkal Pinang", "Siklus 2026", "2 Desember 2026", "data demo (sintetis)",
                 "16 dari 98 (98 kota dalam data demo (sintetis) 2026)", "14–23, median 19",
                 "0,04%", "69,29", "Biaya rencana (hari-orang)", "Inovasi diajukan", "GAGAL"):
        assert text in page, text
    for link in ("01_ikhtisar_hasil.html", "figures/lintasan.png", "tables/lintasan.csv",
                 "tables/lintasan.xlsx", "deck_klinik.pptx"):
        assert f'href="{link}"' in page
    assert external_resources(page) == [] and "n_diajukan" not in page


def test_english_landing_page_has_no_indonesian_catalogue_text(run):
    _, page = run("en")
    text = re.sub(r"<[^>]+>", " ", page)
    assert "16 of 98" in text and "Plan cost (person-days)" in text and "Made 2 December 2026" in text
    assert [p for p in catalogue_phrases([landing._MESSAGES], "id") if p in text] == []


def test_batch_index_links_each_region(tmp_path):
    folder = tmp_path / "2026" / "kota-bogor" / "x"
    folder.mkdir(parents=True)
    page = landing.write_batch_index(tmp_path, 2026, [
        {"region": "Kota Bogor", "folder": str(folder), "status": "ok"}], "en").read_text()
    assert 'href="kota-bogor/x/index.html"' in page and ">ok<" in page


def test_figures_and_tables_are_listed_by_title_with_their_files(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from inovlab.workbook.outputs import save_figure

    fig, ax = plt.subplots()
    ax.set_title("Riwayat skor IID: Kota <Bogor>")
    save_figure(fig, "lintasan", tmp_path)
    plt.close(fig)
    (tmp_path / "tables").mkdir()
    for name in ("lintasan.csv", "lintasan.xlsx", "angka_kunci.csv"):
        (tmp_path / "tables" / name).write_text("a\n1\n")
    figures, tables = landing._figure_links(tmp_path), landing._table_links(tmp_path)
    assert '<a href="figures/lintasan.png">Riwayat skor IID: Kota &lt;Bogor&gt;</a>' in figures
    assert ('Riwayat skor IID: Kota &lt;Bogor&gt;: <a href="tables/lintasan.csv">CSV</a> · '
            '<a href="tables/lintasan.xlsx">Excel</a>') in tables
    assert 'Angka kunci: <a href="tables/angka_kunci.csv">CSV</a>' in tables  # no figure
    assert "Key numbers: " in landing._table_links(tmp_path, "en")


def test_key_numbers_follow_the_notebook_order_whoever_finished_first():
    numbers = {"b": {"value": 2, "label": "Dua", "notebook": "05_kesiapan_usulan"},
               "a": {"value": 1, "label": "Satu", "notebook": "01_ikhtisar_hasil"},
               "c": {"value": 3, "label": "Tiga", "notebook": "05_kesiapan_usulan"}}
    assert [name for name, _ in landing.key_number_rows(numbers)] == ["Satu", "Dua", "Tiga"]
