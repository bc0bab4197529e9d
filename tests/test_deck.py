"""The clinic deck: every slide has a title and its picture or table; PDF via LibreOffice."""

import json
import shutil
import subprocess

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from inovlab import cli
from inovlab.report.deck import SLIDES, build_deck
from inovlab.workbook.outputs import record_number, save_figure


@pytest.fixture
def run_dir(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({
        "cycle": 2026, "region": "Kota Pangkal Pinang", "parameters": {"hasil_path": ""},
        "packages": {"inovlab": "0.1.0"}}))
    for _, stems, prefix in SLIDES:
        fig, ax = plt.subplots()
        ax.plot([1, 2], [1, 2])
        save_figure(fig, stems[0], tmp_path)
        plt.close(fig)
        record_number(f"{prefix[0]}angka", 61.25, tmp_path, label=f"Angka {prefix[0]}")
    return tmp_path


def _kinds(slide):
    return {s.shape_type for s in slide.shapes}


def test_every_slide_has_title_and_content(run_dir):
    path = build_deck(run_dir)
    prs = Presentation(str(path))
    slides = list(prs.slides)
    assert len(slides) == 2 + len(SLIDES)
    assert "Kota Pangkal Pinang" in slides[0].shapes.title.text
    subtitle = slides[0].placeholders[1].text
    assert "Keyakinan aturan siklus: " in subtitle   # as the HTML header says it
    from inovlab.report.context import context_from

    assert context_from("x", 2026, "id", {}).confidence_text in subtitle
    assert "data demo (sintetis)" in slides[0].placeholders[1].text
    for slide in slides:
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()
    for slide in slides[1:-1]:
        kinds = _kinds(slide)
        assert MSO_SHAPE_TYPE.PICTURE in kinds
        tables = [s for s in slide.shapes if s.has_table]
        assert tables and tables[0].table.cell(1, 1).text == "61,25"
    notes = " ".join(s.text_frame.text for s in slides[-1].shapes if s.has_text_frame)
    assert "Sumber data" in notes and "Aturan siklus 2026" in notes


def test_missing_sections_say_so(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"cycle": 2026, "region": "Kota Bogor"}))
    prs = Presentation(str(build_deck(tmp_path, lang="en")))
    texts = [s.text_frame.text for s in list(prs.slides)[1].shapes if s.has_text_frame]
    assert any("no result" in t for t in texts)


def test_cli_deck(run_dir, capsys):
    assert cli.main(["deck", str(run_dir)]) == 0
    assert (run_dir / "deck_klinik.pptx").exists()


def test_cli_deck_not_a_run(tmp_path, capsys):
    assert cli.main(["deck", str(tmp_path)]) == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_deck_converts_to_pdf(run_dir, tmp_path):
    path = build_deck(run_dir)
    out = tmp_path / "pdf"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    str(path)], check=True, timeout=180, capture_output=True)
    assert (out / "deck_klinik.pdf").stat().st_size > 0


def test_drivers_slide_without_cross_region_drivers_is_titled_as_own_points(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"cycle": 2026, "region": "Kota Bogor"}))
    fig, ax = plt.subplots()
    save_figure(fig, "uraian_poin", tmp_path)
    plt.close(fig)
    titles = [s.shapes.title.text for s in Presentation(str(build_deck(tmp_path))).slides]
    assert "Uraian poin skor daerah ini" in titles
    assert "Penggerak peringkat utama" not in titles
    # no peer comparison either: the weaknesses slide does not claim a position among peers
    assert "Kelemahan terbesar" in titles and "Posisi di antara daerah pembanding" not in titles


def _texts(prs):
    out = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out.extend(c.text for row in shape.table.rows for c in row.cells)
    return " ".join(out)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_shape_lies_inside_the_slide(run_dir, lang):
    prs = Presentation(str(build_deck(run_dir, lang=lang)))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_wide_and_tall_figures_are_scaled_into_the_free_area(run_dir):
    for stem, size in (("lintasan", (20, 2)), ("pembanding_indikator", (3, 12))):
        fig, ax = plt.subplots(figsize=size)
        save_figure(fig, stem, run_dir)
        plt.close(fig)
    prs = Presentation(str(build_deck(run_dir)))
    pictures = [s for slide in prs.slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures and all(p.top + p.height <= prs.slide_height for p in pictures)


def test_speaker_notes_title_slide_and_no_internal_names(tmp_path_factory, run_dir):
    import shutil

    partial = tmp_path_factory.mktemp("runs") / ".20261202-140205.partial"
    shutil.copytree(run_dir, partial)
    prs = Presentation(str(build_deck(partial)))
    slides = list(prs.slides)
    assert "Kota Pangkal Pinang" in slides[0].shapes.title.text
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in slides)
    text = _texts(prs)
    for internal in ("counted_stage", ".partial", "bobot_efektif", "ind_33", "spd_6"):
        assert internal not in text
    assert "klaster kota" in text  # the drivers slide says it is per cluster


def test_english_deck_has_no_indonesian_catalogue_text(run_dir):
    from inovlab.i18n import catalogue_phrases
    from inovlab.report import deck

    prs = Presentation(str(build_deck(run_dir, lang="en")))
    text = _texts(prs) + " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    assert [p for p in catalogue_phrases([deck._MESSAGES, deck._READ], "id") if p in text] == []


@pytest.mark.parametrize("lang, title", [("id", "Kelemahan terbesar"),
                                         ("en", "Largest weaknesses")])
def test_own_data_weakness_slide_shows_its_figure_inside_the_slide(tmp_path, lang, title):
    (tmp_path / "manifest.json").write_text(json.dumps({"cycle": 2026, "region": "Kota Bogor"}))
    fig, ax = plt.subplots(figsize=(8, 9))  # tall, as a bar figure of 15 weaknesses is
    ax.barh(range(3), [3, 2, 1])
    save_figure(fig, "klinik_kelemahan", tmp_path)
    plt.close(fig)
    record_number("prioritas_kelemahan_1", "Opini BPK: -1,20", tmp_path, label="Kelemahan 1")
    prs = Presentation(str(build_deck(tmp_path, lang=lang)))
    slide = list(prs.slides)[2]
    assert slide.shapes.title.text == title
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    tables = [s for s in slide.shapes if s.has_table]
    assert len(pictures) == 1 and len(tables) == 1
    for shape in slide.shapes:
        assert shape.left >= 0 and shape.top >= 0
        assert shape.left + shape.width <= prs.slide_width
        assert shape.top + shape.height <= prs.slide_height
    picture, table = pictures[0], tables[0]
    assert picture.left + picture.width <= table.left  # side by side, not overlapping


@pytest.mark.parametrize("lang, rules, run", [
    ("id", "Aturan siklus 2026 yang masih diasumsikan: ",
     "Laporan lengkap ada di halaman utama run (index.html)."),
    ("en", "Rules of cycle 2026 that are still assumed: ",
     "The full reports are on the run's main page (index.html).")])
def test_notes_slide_reads_as_plain_sentences(run_dir, lang, rules, run):
    prs = Presentation(str(build_deck(run_dir, lang=lang)))
    lines = [p.text for s in list(prs.slides)[-1].shapes if s.has_text_frame
             for p in s.text_frame.paragraphs]
    text = " ".join(lines)
    assert rules in text and run in text
    assert not any(line.count(":") > 1 for line in lines)  # no "Aturan: diasumsikan: ..."
    assert "folder run" not in text and "run folder" not in text


def test_rule_sentence_without_a_readable_cycle():
    from inovlab.report.deck import _assumptions

    assert _assumptions({"cycle": "x"}, "id") == ("Status aturan siklus x tidak dapat dibaca "
                                                  "pada run ini.")
