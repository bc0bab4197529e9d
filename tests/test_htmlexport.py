"""Offline one-language HTML reports: header, language cells, tables in the report's language."""

import datetime as dt
import json
import re

import nbformat
import pandas as pd
import pytest

from inovlab.i18n import catalogue_phrases
from inovlab.report import context, htmlexport, tables
from inovlab.report.context import ReportContext
from inovlab.report.htmlexport import external_resources, notebook_to_html, select_language
from inovlab.report.tables import ShownTable
from inovlab.resources import notebooks_dir

NOTEBOOKS = sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
CATALOGUES = [htmlexport._MESSAGES, context._MESSAGES,
              {k: {"id": v[0], "en": v[1]} for k, v in tables.VALUE_WORDS.items()}]
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def _narrative(nb, lang):
    return [c.source for c in nb.cells if f"lang-{lang}" in c.metadata.get("tags", [])]


def _context(lang):
    return ReportContext("Kota Pangkal Pinang", 2026, lang, "demo", dt.date(2026, 12, 2),
                         "inferred", 1)


def _with_table(nb, lang="id"):
    bundle = json.loads(json.dumps(ShownTable(pd.DataFrame(
        {"peringkat": [19.0], "dihitung": [True], "keyakinan_aturan": ["inferred"]}),
        lang=lang)._repr_mimebundle_()))
    nb.cells.append(nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("execute_result", data=bundle, execution_count=1)]))
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_narrative_cells_come_in_both_languages(path):
    nb = nbformat.read(path, as_version=4)
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert all({"lang-id", "lang-en"} & set(c.metadata.get("tags", [])) for c in markdown)
    ident, english = _narrative(nb, "id"), _narrative(nb, "en")
    assert len(ident) == len(english) and ident[0].startswith("# ") and english[0].startswith("# ")
    assert [s.count("Cara membaca") for s in ident] == [s.count("How to read it") for s in english]
    assert not any("Cara membaca" in s for s in english)
    for text in ident + english:
        assert SNAKE.findall(text) == [], text  # no column code names in the narrative


@pytest.mark.parametrize("path", NOTEBOOKS[:2], ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_report_is_in_one_language(path, lang):
    nb = _with_table(nbformat.read(path, as_version=4))
    page = notebook_to_html(nb, lang=lang, context=_context(lang))
    other = "en" if lang == "id" else "id"
    text = re.sub(r"<[^>]+>", " ", page)
    for sentence in _narrative(nb, other):
        for line in sentence.splitlines():
            if line.strip() and line.strip() not in _narrative(nb, lang)[0]:
                assert line.strip() not in page
    leaked = [p for p in catalogue_phrases(CATALOGUES, other) if p in text]
    assert leaked == []
    assert f'<html lang="{lang}">' in page and external_resources(page) == []


def test_header_and_tables_follow_the_report_language():
    nb = _with_table(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 02 · Daerah pembanding", metadata={"tags": ["lang-id"]}),
        nbformat.v4.new_markdown_cell("# 02 · Peer regions", metadata={"tags": ["lang-en"]})]))
    page = notebook_to_html(nb, lang="en", context=_context("en"))
    assert "<title>02 · Peer regions</title>" in page
    assert "Kota Pangkal Pinang" in page and "Cycle 2026" in page and "2 December 2026" in page
    assert "demo data (synthetic)" in page and "assumed" in page
    assert "<th>Rank</th>" in page and ">19<" in page and ">yes<" in page
    for bad in ("Peringkat", "inferred", "19.0", "True", "NaN", "PosixPath"):
        assert bad not in re.sub(r"<style>.*?</style>", "", page, flags=re.S)


def test_select_language_keeps_untagged_cells():
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    kept = select_language(nb, "en")
    assert len(kept.cells) == len(nb.cells) - len(_narrative(nb, "id"))
    assert len(nb.cells) > len(kept.cells)  # the input notebook is not changed


def test_one_exporter_serves_every_report_without_carrying_anything_over():
    def page(heading, lang):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(heading)])
        html = notebook_to_html(_with_table(nb, lang), context=_context(lang))
        return re.sub(r'id="cell-id=[^"]*"', "", html)  # new cells get random ids

    page_one = page("# 01 · Pertama", "id")
    page_two = page("# 02 · Second", "en")
    assert htmlexport._exporter() is htmlexport._exporter()
    assert "<title>02 · Second</title>" in page_two and "Pertama" not in page_two
    assert '<html lang="en">' in page_two
    assert page("# 01 · Pertama", "id") == page_one


@pytest.mark.parametrize("lang, fallback", [("id", "Grafik"), ("en", "Chart")])
def test_figures_carry_their_title_as_alt_text_in_the_report_language(lang, fallback):
    png = "iVBORw0KGgo="  # any base64: the page only embeds it
    titled = nbformat.v4.new_output("display_data", data={"image/png": png},
                                    metadata={"image/png": {"alt": 'Skor <IID> & "predikat"',
                                                            "width": 698}})
    untitled = nbformat.v4.new_output("display_data", data={"image/png": png})
    nb = _with_table(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("fig", outputs=[titled, untitled])]), lang)
    page = notebook_to_html(nb, lang=lang, context=_context(lang))
    images = re.findall(r"<img\b[^>]*>", page)
    assert len(images) == 2 and all(f'src="data:image/png;base64,{png}"' in i for i in images)
    assert 'alt="Skor &lt;IID&gt; &amp; &quot;predikat&quot;"' in images[0]
    assert 'width="698"' in images[0] and f'alt="{fallback}"' in images[1]
    assert "No description" not in page  # nbconvert's English placeholder
    outputs = re.findall(r'<div class="[^"]*\bjp-OutputArea-output\b[^"]*"[^>]*>', page)
    assert outputs and all('tabindex="0"' in o for o in outputs)  # wide tables scroll by key


def test_notes_for_the_researcher_stay_in_the_notebook_not_the_report():
    nb = nbformat.read(next(p for p in NOTEBOOKS if p.name.startswith("06")), as_version=4)
    notes = [c for c in nb.cells if htmlexport.RESEARCHER_NOTE in c.metadata.get("tags", [])]
    assert len(notes) == 2 and all("inovlab run" in c.source for c in notes)
    for lang in ("id", "en"):
        page = notebook_to_html(_with_table(nbformat.read(NOTEBOOKS[5], as_version=4), lang),
                                lang=lang, context=_context(lang))
        assert "inovlab run" not in page and "--cluster" not in page
