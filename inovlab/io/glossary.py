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
    "jenis": ("Jenis", "Type"),
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
    # columns of the notebooks' tables (sections) and of readiness and rank outputs
    "angka": ("Angka", "Figure"),
    "nilai": ("Nilai", "Value"),
    "n_dinilai": ("Daerah dinilai", "Regions assessed"),
    "rata_rata": ("Rata-rata", "Mean"),
    "q1": ("Kuartil bawah", "Lower quartile"),
    "median": ("Median", "Median"),
    "q3": ("Kuartil atas", "Upper quartile"),
    "maks": ("Tertinggi", "Highest"),
    "batas_top_k": ("Batas kelompok teratas", "Top-group cut-off"),
    "batas_sangat_inovatif": ("Batas Sangat Inovatif", "Sangat Inovatif cut-off"),
    "n_sangat_inovatif": ("Sangat Inovatif", "Sangat Inovatif"),
    "n_inovatif": ("Inovatif", "Inovatif"),
    "n_kurang_inovatif": ("Kurang Inovatif", "Kurang Inovatif"),
    "n_tidak_dapat_dinilai": ("Tidak Dapat Dinilai", "Tidak Dapat Dinilai"),
    "masalah": ("Masalah", "Problems"),
    "penjelasan": ("Penjelasan", "Explanation"),
    "skor_impas": ("Skor impas", "Break-even score"),
    "perubahan_iid": ("Perubahan IID", "IID change"),
    "duplikat_dengan": ("Duplikat dengan", "Duplicate of"),
    "diajukan": ("Diajukan", "Submitted"),
    "target": ("Target", "Target"),
    "kekurangan": ("Kekurangan", "Shortfall"),
    "bermasalah": ("Bermasalah", "With problems"),
    "tidak_mengirim": ("Tidak mengirim", "Sent nothing"),
    "di_daftar": ("Di daftar OPD", "In the OPD list"),
    "jenis_rekomendasi": ("Jenis rekomendasi", "Kind of recommendation"),
    "urutan": ("Urutan", "Order"),
    "level_sekarang": ("Level sekarang", "Current level"),
    "tambahan_iid": ("Tambahan IID", "IID gain"),
    "nama": ("Nama", "Name"),
    "nilai_daerah": ("Nilai daerah ini", "This region's value"),
    "median_pembanding": ("Median pembanding", "Peer median"),
    "selisih_iid": ("Selisih IID", "IID difference"),
    "asal": ("Asal", "Origin"),
    "tingkat": ("Tingkat", "Level of detail"),
    "unit": ("Bagian", "Part"),
    "variabel": ("Variabel", "Variable"),
    "bobot": ("Bobot", "Weight"),
    "q_bawah": ("Pembanding, kuartil bawah", "Peers, lower quartile"),
    "q_atas": ("Pembanding, kuartil atas", "Peers, upper quartile"),
    "n_pembanding": ("Jumlah pembanding", "Number of peers"),
    "persentil": ("Persentil", "Percentile"),
    "poin_daerah": ("Poin daerah ini", "This region's points"),
    "poin_pembanding": ("Poin pembanding", "Peers' points"),
    "selisih_poin": ("Selisih poin", "Points difference"),
    "posisi": ("Posisi", "Position"),
    "peringkat_pembanding": ("Urutan di antara pembanding", "Order among peers"),
    "nama_indikator": ("Nama indikator", "Indicator name"),
    "bagian": ("Bagian", "Part"),
    "nama_bagian": ("Bagian skor", "Score part"),
    "metode": ("Metode", "Method"),
    "ci_low": ("Batas bawah 90%", "90% lower bound"),
    "ci_high": ("Batas atas 90%", "90% upper bound"),
    "bobot_nominal": ("Bobot nominal", "Nominal weight"),
    "peringkat_metode": ("Urutan dalam metode", "Order within method"),
    "bidang": ("Dihitung di antara", "Ranked among"),
    "n_bidang": ("Jumlah daerah", "Number of regions"),
    "saat_ini": ("Peringkat saat ini", "Current rank"),
    "proyeksi": ("Peringkat proyeksi", "Projected rank"),
    "p05": ("Peringkat terbaik (5%)", "Best rank (5%)"),
    "p95": ("Peringkat terburuk (95%)", "Worst rank (95%)"),
    "p_top_k": ("Peluang masuk kelompok teratas", "Chance of the top group"),
    "top_k": ("Ukuran kelompok teratas", "Top-group size"),
    "mc_se": ("Galat Monte Carlo", "Monte Carlo error"),
    "n_draws": ("Jumlah simulasi", "Simulations"),
    "bobot_efektif": ("Bobot efektif", "Effective weight"),
    "bobot_efektif_low": ("Bobot efektif, batas bawah 90%", "Effective weight, lower 90% bound"),
    "bobot_efektif_high": ("Bobot efektif, batas atas 90%", "Effective weight, upper 90% bound"),
    "efek_utama": ("Efek utama (terkoreksi bias)", "Main effect (bias-corrected)"),
    "efek_utama_low": ("Efek utama, batas bawah 90%", "Main effect, lower 90% bound"),
    "efek_utama_high": ("Efek utama, batas atas 90%", "Main effect, upper 90% bound"),
    "efek_utama_mentah": ("Efek utama sebelum koreksi", "Main effect before correction"),
    "nilai_mentah": ("Nilai sebelum koreksi", "Value before correction"),
    "rata_nol": ("Rata-rata tanpa keterkaitan (dikurangkan)", "Mean with no association (subtracted)"),
    "p_permutasi": ("p uji permutasi", "Permutation p-value"),
    "bergerak_dengan": ("Bergerak bersama", "Moves with"),
    "nama_bergerak_dengan": ("Bergerak bersama (nama)", "Moves with (name)"),
    "korelasi_bergerak": ("Korelasi dengannya", "Correlation with it"),
    "siklus_bidang": ("Siklus daftar pembanding", "Cycle of the comparison list"),
    "siklus_sebaran": ("Siklus hasil yang disimulasikan", "Cycle of the simulated results"),
    "p_sangat_inovatif": ("Peluang Sangat Inovatif", "Chance of Sangat Inovatif"),
    "p_top_k_tanpa_syarat_level": ("Peluang teratas bila perubahan tanpa memperhatikan level",
                                   "Top-group chance with changes regardless of level"),
    "peluang_turun_level": ("Asumsi peluang level turun saat verifikasi",
                            "Assumed chance a level is scored down"),
    "galat_p_top10": ("Galat Monte Carlo", "Monte Carlo error"),
    "margin": ("Margin pengaman (poin IID)", "Safety margin (IID points)"),
    "target_rencana": ("IID yang dituju rencana", "IID the plan aims at"),
    "skor_iid_dibulatkan": ("IID baru seperti diumumkan (2 desimal)",
                            "New IID as published (2 decimals)"),
    "p_top_k_awal": ("Peluang teratas sekarang", "Top-group chance now"),
    "p_top_k_baru": ("Peluang teratas dengan rencana", "Top-group chance with the plan"),
    "terverifikasi": ("Diperiksa ulang dengan rumus", "Checked by re-scoring"),
    "n_ditarik": ("Inovasi ditarik", "Innovations withdrawn"),
    "n_baru": ("Inovasi baru", "New innovations"),
    "n_simulasi": ("Jumlah simulasi", "Simulations"),
    "tambahan_p_top_k": ("Tambahan peluang masuk kelompok teratas",
                         "Added chance of the top group"),
    "galat_tambahan_p_top_k": ("Galat Monte Carlo tambahan peluang",
                               "Monte Carlo error of the added chance"),
    "level_saat_ini": ("Level saat ini", "Current level"),
    "poin_saat_ini": ("Poin saat ini", "Current points"),
    "poin_maksimum": ("Poin maksimum", "Maximum points"),
    "poin_hilang": ("Poin hilang", "Points lost"),
    "poin_satu_langkah": ("Poin dari satu langkah", "Points from one step"),
    "n_bisa_naik": ("Inovasi yang bisa dinaikkan", "Innovations that can be raised"),
    "poin_iid": ("Poin IID", "IID points"),
    "poin_kekurangan": ("Poin bila kekurangan dipenuhi", "Points if the shortfall is filled"),
    "peringkat_prioritas": ("Prioritas", "Priority"),
    "biaya_per_langkah": ("Biaya per langkah", "Cost per step"),
    "poin_per_biaya": ("Poin per biaya", "Points per cost"),
    "saran": ("Saran", "Advice"),
    "langkah": ("Langkah", "Step"),
    "dari_level": ("Dari level", "From level"),
    "ke_level": ("Ke level", "To level"),
    "biaya": ("Biaya (hari-orang)", "Cost (person-days)"),
    "target_iid": ("Target IID", "IID target"),
    "skor_iid_awal": ("Skor IID awal", "IID before"),
    "skor_iid_baru": ("Skor IID baru", "IID after"),
    "predikat_awal": ("Predikat awal", "Predicate before"),
    "predikat_baru": ("Predikat baru", "Predicate after"),
    "peringkat_awal": ("Peringkat awal", "Rank before"),
    "peringkat_baru": ("Peringkat baru", "Rank after"),
    "n_klaster": ("Daerah dalam klaster", "Regions in the cluster"),
    "total_biaya": ("Total biaya", "Total cost"),
    "satuan_biaya": ("Satuan biaya", "Cost unit"),
    "iid_maksimum": ("IID maksimum", "Maximum IID"),
    "tercapai": ("Tercapai", "Reached"),
    "skenario": ("Skenario", "Scenario"),
    "selisih_peringkat": ("Selisih peringkat", "Rank difference"),
    "n_diajukan": ("Inovasi diajukan", "Innovations submitted"),
    "n_dihitung": ("Inovasi dihitung", "Innovations counted"),
    "n_bermasalah": ("Inovasi bermasalah", "Innovations with problems"),
    "n_opd": ("Jumlah OPD", "Number of OPD"),
    "n_opd_kurang": ("OPD di bawah target", "OPD below target"),
    "n_opd_tanpa_usulan": ("OPD tanpa usulan", "OPD without submissions"),
    "pembagi": ("Pembagi", "Divisor"),
    "pembagi_minimum": ("Pembagi minimum", "Minimum divisor"),
    "sumber_spd": ("Sumber SPD", "SPD source"),
    "urusan_layanan_dasar": ("Urusan layanan dasar", "Basic-service urusan"),
    "jumlah_pembanding": ("Jumlah pembanding", "Number of peers"),
    "peringkat_median": ("Peringkat median", "Median rank"),
    "peringkat_p05": ("Peringkat terbaik (5%)", "Best rank (5%)"),
    "peringkat_p95": ("Peringkat terburuk (95%)", "Worst rank (95%)"),
    "p_top10": ("Peluang 10 besar", "Chance of the top 10"),
    "tenggat": ("Tenggat", "Deadline"),
    "catatan": ("Catatan", "Note"),
    "kematangan_per_inovasi": ("Kematangan per inovasi", "Maturity per innovation"),
    "item": ("Keterangan", "Item"),
    "kurang_dari_pembagi": ("Kurang dari pembagi minimum", "Short of the minimum divisor"),
    "urusan_dasar_tercakup": ("Urusan layanan dasar tercakup", "Basic-service urusan covered"),
    "urusan_minimum": ("Urusan layanan dasar minimum", "Minimum basic-service urusan"),
    "urusan_dasar_kurang": ("Urusan layanan dasar yang kurang", "Basic-service urusan missing"),
    "syarat_urusan_terpenuhi": ("Syarat urusan terpenuhi", "Urusan condition met"),
    "peringkat_proyeksi": ("Peringkat proyeksi", "Projected rank"),
    "sisa_hari": ("Sisa hari", "Days left"),
    "catatan_peringkat": ("Catatan peringkat", "Rank note"),
    "p_top_k_se": ("Galat peluang", "Error of the chance"),
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


# Titles of the tables a run writes (tables/<name>.csv|xlsx, one per notebook section).
TABLE_TITLES = {
    "angka_kunci": ("Angka kunci", "Key numbers"),
    "data": ("Data yang dipakai", "Data used"),
    "ikhtisar_klaster": ("Sebaran skor IID klaster", "IID distribution of the cluster"),
    "kesiapan_inovasi": ("Masalah per inovasi", "Problems per innovation"),
    "kesiapan_opd": ("Kesiapan per OPD", "Readiness per OPD"),
    "kesiapan_pemda": ("Kesiapan pemda", "Readiness of the region"),
    "kesiapan_rekomendasi": ("Rekomendasi sebelum tenggat", "Recommendations before the deadline"),
    "klinik_kelemahan": ("Tiga kelemahan terbesar", "The three largest weaknesses"),
    "lintasan": ("Riwayat skor IID", "IID history"),
    "pembanding_indikator": ("Kekuatan dan kelemahan dibanding pembanding",
                             "Strengths and weaknesses against peers"),
    "pembanding_posisi": ("Posisi di antara pembanding", "Position among peers"),
    "penggerak": ("Penggerak skor antar-daerah", "Score drivers across regions"),
    "peringkat": ("Sebaran peringkat", "Rank distribution"),
    "poin_indikator": ("Poin IID per indikator", "IID points per indicator"),
    "poin_opd": ("Sumbangan tiap OPD", "Contribution of each OPD"),
    "prioritas": ("Prioritas perbaikan", "Improvement priorities"),
    "rencana": ("Langkah rencana", "Plan steps"),
    "rencana_ringkasan": ("Ringkasan rencana", "Plan summary"),
    "resmi": ("Hasil resmi terpublikasi", "Published official results"),
    "skenario": ("Skenario", "Scenarios"),
    "uraian_poin": ("Susunan skor IID", "Make-up of the IID score"),
}


def table_title(name: str, lang: str = "id") -> str:
    """The reader's title of the run table ``tables/<name>.*`` (its name with spaces when
    unknown).

    Examples
    --------
    >>> table_title("angka_kunci", "en"), table_title("tabel_baru")
    ('Key numbers', 'tabel baru')
    """
    if name in TABLE_TITLES:
        return TABLE_TITLES[name][lang == "en"]
    return name.replace("_", " ")


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
