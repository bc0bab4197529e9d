"""Tests for inovlab.io.glossary: aliases in, labels out."""

import pytest

from inovlab.io import glossary
from inovlab.rules.framework import load_framework


@pytest.mark.parametrize("header, canon", [
    ("Nama Daerah", "nama_daerah"), ("  NAMA_DAERAH ", "nama_daerah"), ("nama-daerah", "nama_daerah"),
    ("region", "nama_daerah"), ("Year", "tahun"), ("score", "skor_iid"), ("rank", "peringkat"),
    ("predicate", "predikat"), ("innovation_id", "id_inovasi"), ("stage", "tahapan"),
    ("Kode Wilayah", "kode_wilayah"), ("region code", "kode_wilayah"),
    ("IND 16", "ind_16"), ("ind16", "ind_16"), ("Indikator 35", "ind_35"),
    ("SPD 2a", "spd_2a"), ("spd_13b", "spd_13b"), ("Tanggal Penerapan", "tanggal_penerapan"),
    ("catatan", None), ("", None),
])
def test_canonical_name(header, canon):
    assert glossary.canonical_name(header) == canon


def test_every_canonical_column_has_an_english_label():
    names = {c.name for kind in glossary.KINDS for c in glossary.columns(kind)}
    for name in names:
        en = glossary.label(name, "en")
        assert en and en != name or name == "level"
        assert glossary.label(name, "id")
    for c in load_framework(2026).sid_columns + load_framework(2026).spd_columns:
        assert glossary.label(c, "en") != c


def test_required_columns_match_contract():
    assert glossary.required_columns("inovasi") == ["tahun", "id_inovasi", "nama_inovasi",
                                                    "opd", "tahapan"]
    assert glossary.required_columns("hasil") == ["tahun"]
    with pytest.raises(ValueError):
        glossary.columns("lain")


def test_guess_kind():
    assert glossary.guess_kind(["tahun", "daerah", "spd_1"]) == "spd"
    assert glossary.guess_kind(["a", "b"]) is None


def test_map_columns_and_labels():
    assert glossary.map_columns(["Year", "x"]) == {"Year": "tahun"}
    assert glossary.labels(["tahun", "unknown"], "en") == {"tahun": "Year", "unknown": "unknown"}


@pytest.mark.parametrize("lang, words", [("id", "efek utama"), ("en", "main effect")])
def test_main_effect_columns_have_reader_words(lang, words):
    for column in ("efek_utama", "efek_utama_low", "efek_utama_high", "efek_utama_mentah"):
        text = glossary.label(column, lang)
        assert "S_i" not in text and text.lower().startswith(words)


def test_every_section_table_has_a_title_in_both_languages():
    import re

    from inovlab.io.glossary import TABLE_TITLES
    from inovlab.resources import REPO_ROOT

    source = "".join(p.read_text(encoding="utf-8")
                     for p in (REPO_ROOT / "inovlab" / "workbook" / "sections").glob("*.py"))
    names = set(re.findall(r'Section(?:\.missing)?\("([a-z_]+)"', source))
    assert len(names) > 15 and names <= set(TABLE_TITLES)
    assert all(i != e for i, e in TABLE_TITLES.values())  # English is written, not copied
