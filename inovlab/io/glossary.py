"""One glossary: column names in files (Indonesian, English, everyday) -> canonical names.

Canonical names are the data contract's (``tahun``, ``kode_wilayah``, ``nama_daerah``,
``skor_iid``, ``ind_16`` ...). Matching is case- and space-insensitive: ``Nama Daerah``,
``NAMA_DAERAH`` and ``nama-daerah`` are all ``nama_daerah``; English aliases (``region``,
``year``, ``score`` ...) are accepted. :func:`label` gives display labels for output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("hasil", "spd", "inovasi")


@dataclass(frozen=True)
class Column:
    """A canonical column of an input table.

    ``dtype`` is one of ``int``, ``float``, ``level``, ``text``, ``date``, ``region``,
    ``stage``, ``predicate``, ``urusan``.
    """

    name: str
    dtype: str
    required: bool = False


_REGION = (Column("kode_wilayah", "region"), Column("nama_daerah", "region"),
           Column("jenis", "text"))

TABLES: dict[str, tuple[Column, ...]] = {
    "hasil": (
        Column("tahun", "int", True), *_REGION,
        Column("skor_iid", "float"), Column("predikat", "predicate"),
        Column("peringkat", "int"), Column("skor_spd", "float"), Column("skor_sid", "float"),
        Column("jumlah_inovasi", "int"), Column("sumber", "text"),
    ),
    "spd": (
        Column("tahun", "int", True), *_REGION,
        Column("indikator", "text"), Column("level", "level"),
    ),
    "inovasi": (
        Column("tahun", "int", True), *_REGION,
        Column("id_inovasi", "text", True), Column("nama_inovasi", "text", True),
        Column("opd", "text", True), Column("tahapan", "stage", True),
        Column("urusan", "urusan"), Column("tanggal_penerapan", "date"),
        Column("kata_rancang_bangun", "int"), Column("rancang_bangun", "text"),
        Column("durasi_video_detik", "float"),
    ),
}
"""Canonical columns per table kind. Levels ``ind_<code>`` (inovasi) and ``spd_<code>``
(wide spd) come from the cycle's framework and are matched by pattern."""

# Aliases after normalisation (see :func:`normalise_header`).
_ALIASES = {
    "tahun": ["year", "cycle", "siklus", "tahun_penilaian", "tahun_siklus", "periode"],
    "kode_wilayah": ["region_code", "kode", "kode_daerah", "kode_pemda", "kode_kemendagri",
                     "code", "kode_wil", "kd_wilayah"],
    "nama_daerah": ["region", "region_name", "daerah", "pemda", "nama_pemda", "nama_wilayah",
                    "wilayah", "pemerintah_daerah", "nama_pemerintah_daerah"],
    "jenis": ["jenis_daerah", "region_type", "jenis_pemda"],
    "skor_iid": ["score", "iid", "skor", "nilai_iid", "skor_indeks", "indeks", "iid_score",
                 "skor_akhir", "indeks_inovasi_daerah"],
    "predikat": ["predicate", "kategori", "category", "predikat_iid"],
    "peringkat": ["rank", "ranking", "urutan"],
    "skor_spd": ["spd_score", "nilai_spd"],
    "skor_sid": ["sid_score", "nilai_sid"],
    "jumlah_inovasi": ["n_innovations", "innovations", "number_of_innovations",
                       "jumlah_inovasi_dinilai", "jml_inovasi"],
    "sumber": ["source", "referensi"],
    "indikator": ["indicator", "kode_indikator", "indicator_code", "no_indikator"],
    "level": ["tingkat", "evidence_level", "level_bukti", "nilai_level"],
    "id_inovasi": ["innovation_id", "kode_inovasi", "no_inovasi", "id"],
    "nama_inovasi": ["innovation_name", "innovation", "judul_inovasi", "inovasi", "judul"],
    "opd": ["perangkat_daerah", "agency", "opd_pengampu", "unit_kerja", "skpd", "nama_opd"],
    "tahapan": ["stage", "tahap", "tahapan_inovasi"],
    "urusan": ["affair", "urusan_pemerintahan", "government_affair", "urusan_inovasi"],
    "tanggal_penerapan": ["implementation_date", "start_date", "tgl_penerapan",
                          "tanggal_mulai", "waktu_penerapan", "tanggal_mulai_penerapan"],
    "kata_rancang_bangun": ["design_words", "jumlah_kata_rancang_bangun",
                            "jumlah_kata", "word_count"],
    "rancang_bangun": ["design", "design_narrative", "rancangan"],
    "durasi_video_detik": ["video_seconds", "durasi_video", "video_duration",
                           "video_length_seconds", "durasi_video_(detik)"],
}

_LOOKUP = {name: name for cols in TABLES.values() for name in (c.name for c in cols)}
for _canon, _names in _ALIASES.items():
    for _alias in _names:
        _LOOKUP.setdefault(_alias, _canon)

_IND = re.compile(r"^(?:ind|indikator|indicator|sid)_?(\d+[a-z]?)$")
_SPD = re.compile(r"^spd_?(\d+[a-z]?)$")

_LABELS = {
    "tahun": ("Tahun", "Year"),
    "kode_wilayah": ("Kode wilayah", "Region code"),
    "nama_daerah": ("Nama daerah", "Region"),
    "jenis": ("Jenis daerah", "Region type"),
    "provinsi": ("Provinsi", "Province"),
    "penduduk": ("Penduduk", "Population"),
    "luas_km2": ("Luas (km²)", "Area (km²)"),
    "skor_iid": ("Skor IID", "IID score"),
    "predikat": ("Predikat", "Predicate"),
    "peringkat": ("Peringkat", "Rank"),
    "skor_spd": ("Skor SPD", "SPD score"),
    "skor_sid": ("Skor SID", "SID score"),
    "jumlah_inovasi": ("Jumlah inovasi", "Number of innovations"),
    "sumber": ("Sumber", "Source"),
    "indikator": ("Indikator", "Indicator"),
    "level": ("Level", "Level"),
    "id_inovasi": ("ID inovasi", "Innovation ID"),
    "nama_inovasi": ("Nama inovasi", "Innovation name"),
    "opd": ("OPD", "Agency (OPD)"),
    "tahapan": ("Tahapan", "Stage"),
    "urusan": ("Urusan", "Government affair"),
    "tanggal_penerapan": ("Tanggal penerapan", "Implementation date"),
    "kata_rancang_bangun": ("Kata rancang bangun", "Design narrative words"),
    "rancang_bangun": ("Rancang bangun", "Design narrative"),
    "durasi_video_detik": ("Durasi video (detik)", "Video length (seconds)"),
    "berkas": ("Berkas", "File"),
    "baris": ("Baris", "Row"),
    # outputs of scoring and analyses
    "skor_kematangan": ("Skor kematangan", "Maturity score"),
    "dihitung": ("Dihitung", "Counted"),
    "alasan": ("Alasan", "Reason"),
    "n_inovasi_dihitung": ("Inovasi dihitung", "Innovations counted"),
    "rata_kematangan": ("Rata-rata kematangan", "Mean maturity"),
    "skor_jumlah_inovasi": ("Skor jumlah inovasi", "Number-of-innovations score"),
    "skor_total": ("Skor total", "Total score"),
    "keyakinan_aturan": ("Keyakinan aturan", "Rule confidence"),
    "sumber_data": ("Sumber data", "Data source"),
}


def normalise_header(text) -> str:
    """Lower case, trimmed, runs of spaces/dashes/dots turned into one underscore.

    Examples
    --------
    >>> normalise_header("  Nama  Daerah ")
    'nama_daerah'
    >>> normalise_header("IND-16")
    'ind_16'
    """
    text = str(text).replace("\ufeff", "").strip().lower()
    text = re.sub(r"[\s\-.:/]+", "_", text)
    return text.strip("_")


def canonical_name(header) -> str | None:
    """The canonical column name for a header as written in a file, or None if unknown.

    ``ind 16``/``IND_16``/``indikator 16`` -> ``ind_16``; ``spd 2a`` -> ``spd_2a``.

    Examples
    --------
    >>> canonical_name("Nama Daerah"), canonical_name("year"), canonical_name("IND 16")
    ('nama_daerah', 'tahun', 'ind_16')
    >>> canonical_name("keterangan") is None
    True
    """
    key = normalise_header(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    m = _IND.match(key)
    if m:
        return f"ind_{m.group(1)}"
    m = _SPD.match(key)
    if m:
        return f"spd_{m.group(1)}"
    return None


def map_columns(headers) -> dict[str, str]:
    """Map each recognised header to its canonical name (unrecognised ones are left out).

    Examples
    --------
    >>> map_columns(["Tahun", "Region", "catatan"])
    {'Tahun': 'tahun', 'Region': 'nama_daerah'}
    """
    out = {}
    for h in headers:
        c = canonical_name(h)
        if c is not None:
            out[h] = c
    return out


def columns(kind: str) -> tuple[Column, ...]:
    """Canonical columns of a table kind (without the framework's level columns).

    Examples
    --------
    >>> [c.name for c in columns("inovasi") if c.required]
    ['tahun', 'id_inovasi', 'nama_inovasi', 'opd', 'tahapan']
    """
    if kind not in TABLES:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    return TABLES[kind]


def required_columns(kind: str) -> list[str]:
    """Required canonical columns; a region column (name or code) is required as well.

    Examples
    --------
    >>> required_columns("hasil")
    ['tahun']
    """
    return [c.name for c in columns(kind) if c.required]


def guess_kind(headers) -> str | None:
    """Guess the table kind from its headers (None when it cannot tell).

    Examples
    --------
    >>> guess_kind(["tahun", "nama_daerah", "id_inovasi", "ind_16"])
    'inovasi'
    >>> guess_kind(["year", "region", "score"])
    'hasil'
    >>> guess_kind(["tahun", "daerah", "indikator", "level"])
    'spd'
    """
    canon = set(map_columns(headers).values())
    if canon & {"id_inovasi", "nama_inovasi", "tahapan", "opd"} or any(
            c.startswith("ind_") for c in canon):
        return "inovasi"
    if {"indikator", "level"} <= canon or any(c.startswith("spd_") for c in canon):
        return "spd"
    if canon & {"skor_iid", "predikat", "peringkat", "skor_spd", "skor_sid", "jumlah_inovasi"}:
        return "hasil"
    return None


def label(column: str, lang: str = "id") -> str:
    """Display label of a canonical column (Indonesian or English).

    Level columns get ``Indikator 16`` / ``Indicator 16``; unknown names are returned as is.

    Examples
    --------
    >>> label("nama_daerah", "en"), label("skor_iid"), label("ind_16", "en")
    ('Region', 'Skor IID', 'Indicator 16')
    >>> label("spd_2a")
    'Indikator SPD 2a'
    """
    i = 1 if lang == "en" else 0
    if column in _LABELS:
        return _LABELS[column][i]
    m = re.match(r"^ind_(\w+)$", column)
    if m:
        return ("Indikator ", "Indicator ")[i] + m.group(1)
    m = re.match(r"^spd_(\w+)$", column)
    if m:
        return ("Indikator SPD ", "SPD indicator ")[i] + m.group(1)
    return column


def labels(columns, lang: str = "id") -> dict[str, str]:
    """``{column: label}`` for renaming a table for display.

    Examples
    --------
    >>> labels(["tahun", "skor_iid"], "en")
    {'tahun': 'Year', 'skor_iid': 'IID score'}
    """
    return {c: label(c, lang) for c in columns}
