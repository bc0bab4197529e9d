"""Tests of inovlab.workbook.section.Section: what show() writes, prints and returns."""

import json

import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from inovlab.workbook.section import Section


def _section() -> Section:
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    table = pd.DataFrame({"indikator": ["spd_1", "ind_16"], "poin_iid": [1.5, 2.25]})
    return Section("uji", "Dihitung dari berkas Anda.", table, fig,
                   numbers={"skor": (61.5, "Skor IID"), "predikat": ("Inovatif", "Predikat")})


def test_show_writes_table_figure_and_numbers(tmp_path, capsys):
    out = _section().show(tmp_path, notebook="01_ikhtisar_hasil")
    assert capsys.readouterr().out == "Dihitung dari berkas Anda.\n"
    assert out["poin_iid"].tolist() == [1.5, 2.25]
    csv = pd.read_csv(tmp_path / "tables" / "uji.csv", encoding="utf-8-sig")
    assert csv["indikator"].tolist() == ["spd_1", "ind_16"]
    assert pd.read_excel(tmp_path / "tables" / "uji.xlsx")["poin_iid"].tolist() == [1.5, 2.25]
    assert (tmp_path / "figures" / "uji.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    numbers = json.loads((tmp_path / "ringkasan.json").read_text(encoding="utf-8"))
    assert numbers["skor"] == {"value": 61.5, "label": "Skor IID", "notebook": "01_ikhtisar_hasil"}
    assert numbers["predikat"]["value"] == "Inovatif"


def test_show_without_excel_writes_csv_only(tmp_path):
    _section().show(tmp_path, excel=False)
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["uji.csv"]


def test_missing_section_prints_its_sentence_and_writes_nothing(tmp_path, capsys):
    s = Section.missing("peringkat", "Tidak ada daftar hasil daerah lain.")
    assert (s.available, s.table, s.figure, s.numbers) == (False, None, None, {})
    assert s.show(tmp_path) is None
    assert capsys.readouterr().out == "Tidak ada daftar hasil daerah lain.\n"
    assert list(tmp_path.iterdir()) == []


def test_no_output_dir_writes_nothing_but_returns_the_table(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    out = _section().show("")
    assert len(out) == 2
    assert list(tmp_path.iterdir()) == []


def test_section_without_note_prints_nothing(tmp_path, capsys):
    Section("leer", "", pd.DataFrame({"a": [1]})).show(tmp_path)
    assert capsys.readouterr().out == ""
    assert (tmp_path / "tables" / "leer.csv").exists()


def test_saved_figure_is_closed_so_it_is_not_drawn_again(tmp_path):
    s = _section()
    s.show(tmp_path)
    assert not plt.fignum_exists(s.figure.number)


def test_figure_stays_open_without_output_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = _section()
    s.show("")
    assert plt.fignum_exists(s.figure.number)  # the inline backend shows it as usual
    plt.close(s.figure)


def test_in_ipython_the_saved_png_is_shown_once_after_the_cell(tmp_path, monkeypatch):
    import types

    import IPython
    import IPython.display
    from IPython.core.events import EventManager, available_events

    shell = types.SimpleNamespace()
    shell.events = EventManager(shell, available_events)
    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    monkeypatch.setattr(IPython.display, "display",
                        lambda obj, metadata=None: shown.append((obj, metadata)))
    section = _section()
    section.figure.axes[0].set_title("Skor IID\nper tahun")
    section.show(tmp_path)
    assert shown == []  # the table (the cell's result) comes first
    shell.events.trigger("post_execute")
    shell.events.trigger("post_execute")
    assert len(shown) == 1
    image, metadata = shown[0]
    png = (tmp_path / "figures" / "uji.png").read_bytes()
    assert image.data == png
    pixels = int.from_bytes(png[16:20], "big")  # PNG header: width
    assert image.width == round(pixels * 100 / 120)  # the size the inline backend shows
    assert metadata == {"image/png": {"alt": "Skor IID per tahun"}}  # the report's alt text


def test_live_table_speaks_the_sections_language(tmp_path):
    """In JupyterLab (no HTML export) the table a section returns is shown in its language."""
    table = pd.DataFrame({"peringkat": [19.0], "skor_iid": [61.5], "dihitung": [True]})
    shown = Section("uji", table=table, lang="en").show("")
    page = shown._repr_html_()
    assert "<th>Rank</th>" in page and "<th>IID score</th>" in page and ">61.50<" in page
    assert ">yes<" in page and "Peringkat" not in page
    bundle = shown._repr_mimebundle_()
    assert bundle["text/html"] == page
    indonesian = Section("uji", table=table).show("")._repr_html_()
    assert "<th>Peringkat</th>" in indonesian and ">61,50<" in indonesian
    # an explicit language still wins
    assert "<th>Rank</th>" in Section("uji", table=table).show("", lang="en")._repr_html_()


def test_live_table_of_a_built_section_follows_the_inputs_language():
    from test_situation import situation_inputs

    from inovlab.workbook.sections import readiness

    inputs = situation_inputs("sendiri", "en")
    page = readiness.opd(inputs, readiness.run(inputs)).show("")._repr_html_()
    assert "<th>Shortfall</th>" in page and "Kekurangan" not in page


def test_labels_name_columns_the_glossary_knows_only_by_code():
    table = pd.DataFrame({"opd": ["Dinas A"], "ind_35": [2]})
    page = Section("uji", table=table, lang="en",
                   labels={"ind_35": "35 Innovation video"}).show("")._repr_html_()
    assert "<th>35 Innovation video</th>" in page


def test_displayed_table_leads_with_its_advice_while_the_saved_one_keeps_its_order(tmp_path):
    table = pd.DataFrame({"tahun": [2026], "skor": [1.5], "saran": ["naikkan"]})
    shown = Section("uji", table=table, lead=("saran",), hide=("tahun",)).show(tmp_path)
    assert list(shown.columns) == ["saran", "skor"]
    saved = pd.read_csv(tmp_path / "tables" / "uji.csv", encoding="utf-8-sig")
    assert list(saved.columns) == ["tahun", "skor", "saran"]
