"""What the demo panel is: its constants, the :class:`DemoPanel` tables and the targets.

The constants describe the synthetic world (cycles, OPD catalogue, which indicators are made
decisive); :func:`calibration_targets` turns the published record into the numbers the
generator is calibrated to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.resources import data_dir
from inovlab.sources import published

GENERATOR_VERSION = "1.0.0"
DEFAULT_SEED = 2026
CYCLES = (2022, 2023, 2024, 2025, 2026)
SOURCE_KIND = "demo"

# Indicators the generator makes decisive in every cycle; one more is drawn per cycle from
# DECISIVE_POOL (so the drivers move a little between cycles).
DECISIVE_BASE = ("ind_35", "ind_33", "spd_12", "ind_31", "spd_6")
DECISIVE_POOL = ("ind_16", "ind_21", "spd_8", "ind_18", "spd_13a")
DECISIVE_LOADING = 1.0
NOISE_LOADING = 0.08

# DKI Jakarta's administrative kota and kabupaten are not autonomous pemda: never assessed.
NOT_AUTONOMOUS_PREFIX = "31."
# Provinces created in 2022 (UU 14-16/2022, UU 29/2022) could not take part before 2023.
NEW_PROVINCES_FIRST_CYCLE = {"93": 2023, "94": 2023, "95": 2023, "96": 2023}

# OPD catalogue: name, urusan (canonical name in data/framework/urusan.csv), share weight.
OPD_CATALOGUE = (
    ("Dinas Kesehatan", "kesehatan", 15.0),
    ("Rumah Sakit Umum Daerah", "kesehatan", 6.0),
    ("Dinas Pendidikan", "pendidikan", 11.0),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "pekerjaan umum dan penataan ruang", 4.5),
    ("Dinas Perumahan dan Kawasan Permukiman", "perumahan rakyat dan kawasan permukiman", 3.0),
    ("Satuan Polisi Pamong Praja",
     "ketenteraman dan ketertiban umum serta pelindungan masyarakat", 2.5),
    ("Badan Penanggulangan Bencana Daerah",
     "ketenteraman dan ketertiban umum serta pelindungan masyarakat", 1.5),
    ("Dinas Sosial", "sosial", 4.0),
    ("Dinas Kependudukan dan Pencatatan Sipil",
     "administrasi kependudukan dan pencatatan sipil", 5.0),
    ("Badan Perencanaan Pembangunan Daerah", "penunjang urusan pemerintahan", 4.0),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "penunjang urusan pemerintahan", 3.0),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
     "penunjang urusan pemerintahan", 2.5),
    ("Inspektorat Daerah", "penunjang urusan pemerintahan", 1.5),
    ("Sekretariat Daerah", "penunjang urusan pemerintahan", 2.0),
    ("Dinas Komunikasi dan Informatika", "komunikasi dan informatika", 4.0),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "penanaman modal", 3.0),
    ("Dinas Perhubungan", "perhubungan", 2.5),
    ("Dinas Lingkungan Hidup", "lingkungan hidup", 2.5),
    ("Dinas Pertanian", "pertanian", 3.0),
    ("Dinas Kelautan dan Perikanan", "kelautan dan perikanan", 1.5),
    ("Dinas Pariwisata", "pariwisata", 1.5),
    ("Dinas Koperasi dan Usaha Mikro", "koperasi usaha kecil dan menengah", 2.0),
    ("Dinas Tenaga Kerja", "tenaga kerja", 1.5),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
     "pemberdayaan perempuan dan pelindungan anak", 2.0),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana",
     "pengendalian penduduk dan keluarga berencana", 1.5),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "pemberdayaan masyarakat dan desa", 1.5),
    ("Dinas Perpustakaan dan Kearsipan", "perpustakaan", 1.0),
    ("Dinas Ketahanan Pangan", "pangan", 1.0),
    ("Dinas Perdagangan dan Perindustrian", "perdagangan", 1.5),
    ("Dinas Kepemudaan dan Olahraga", "kepemudaan dan olahraga", 1.0),
)

THEMES = {
    "kesehatan": ("Layanan Imunisasi Keliling", "Deteksi Dini Stunting", "Antrean Puskesmas Daring",
                  "Rujukan Ibu Hamil Risiko Tinggi", "Posyandu Remaja", "Telekonsultasi Dokter"),
    "pendidikan": ("Sekolah Ramah Anak", "Gerakan Literasi Sekolah", "Rapor Digital",
                   "Beasiswa Anak Nelayan", "Guru Penggerak Desa"),
    "pekerjaan umum dan penataan ruang": ("Pengaduan Jalan Rusak", "Peta Drainase Kota",
                                          "Izin Tata Ruang Daring"),
    "perumahan rakyat dan kawasan permukiman": ("Bedah Rumah Terpadu", "Kampung Bebas Kumuh"),
    "ketenteraman dan ketertiban umum serta pelindungan masyarakat": (
        "Patroli Siaga Bencana", "Tanggap Darurat Kebakaran", "Ronda Digital"),
    "sosial": ("Data Terpadu Kesejahteraan", "Layanan Disabilitas Terpadu", "Lumbung Sosial"),
}
GENERIC_THEMES = ("Layanan Terpadu", "Aplikasi Pelayanan Publik", "Dasbor Kinerja",
                   "Pengaduan Masyarakat Daring", "Sistem Informasi Terpadu", "Gerakan Bersama")
SYLLABLES = np.array(["SI", "PA", "TA", "MA", "RU", "GE", "DU", "KA", "LA", "NA", "BE", "MO",
                       "SA", "TI", "PU", "RA", "JA", "KE", "TO", "PE"])

CACHE_FILES = ("hasil", "spd", "inovasi")


@dataclass
class DemoPanel:
    """The synthetic panel in the contract's formats.

    Attributes
    ----------
    hasil : DataFrame
        One row per (tahun, kode_wilayah), 552 x 5: ``tahun, kode_wilayah, nama_daerah,
        jenis, provinsi, skor_iid, predikat, peringkat`` (rank within the cluster
        provinsi/kabupaten/kota), ``jumlah_inovasi`` (counted), ``n_inovasi`` (reported),
        ``skor_spd, skor_sid, rata_kematangan, skor_jumlah_inovasi, sumber``.
    spd : DataFrame
        Wide SPD levels: ``tahun, kode_wilayah, nama_daerah, spd_<code>`` (ints 0-3).
    inovasi : DataFrame
        One row per innovation: ``tahun, kode_wilayah, nama_daerah, id_inovasi,
        nama_inovasi, opd, urusan, tahapan, tanggal_penerapan, kata_rancang_bangun,
        durasi_video_detik, ind_16 ... ind_35``.
    metadata : dict
        The generator's parameters (seed, version, decisive indicators per cycle with
        loadings and variance shares, calibration targets and achieved values).
    """

    hasil: pd.DataFrame
    spd: pd.DataFrame
    inovasi: pd.DataFrame
    metadata: dict = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The three tables by contract name."""
        return {"hasil": self.hasil, "spd": self.spd, "inovasi": self.inovasi}


def calibration_targets(cycles=CYCLES) -> pd.DataFrame:
    """Targets per cycle: published where published, else a documented assumption.

    Returns
    -------
    DataFrame
        Indexed by ``tahun``: ``peserta``, ``inovasi``, ``rerata_iid`` (mean IID over
        participants; NaN = no target), ``n_sangat_inovatif``, ``n_kurang_inovatif``,
        ``n_kota_sangat_inovatif``, stage shares ``p_penerapan``, ``p_uji_coba``,
        ``p_inisiatif``, and ``asumsi`` (which values are assumed, not published).

    Examples
    --------
    >>> t = calibration_targets()
    >>> int(t.loc[2022, "peserta"]), int(t.loc[2025, "inovasi"])
    (510, 36742)
    """
    pub = published.targets(cycles)
    out = pd.DataFrame(index=pub.index)
    notes = {c: [] for c in pub.index}
    years = list(pub.index)
    for col in ("peserta", "inovasi"):
        series = pub[col].copy()
        for i, year in enumerate(years):
            if np.isnan(series[year]) and i:
                prev = series[years[i - 1]]
                if col == "inovasi":
                    growth = pub["pertumbuhan_inovasi_pct"].dropna()
                    rate = growth.iloc[-1] / 100 if len(growth) else 0.0
                    series[year] = round(prev * (1 + rate))
                    notes[year].append(f"inovasi = tahun sebelumnya x (1 + {rate:.4f})")
                else:
                    series[year] = prev
                    notes[year].append("peserta = tahun sebelumnya")
        out[col] = series
    for col in ("peserta_provinsi", "peserta_kabupaten", "peserta_kota", "n_sangat_inovatif",
                "n_inovatif", "n_kurang_inovatif", "n_kota_sangat_inovatif", "rerata_iid"):
        out[col] = pub[col]
    # Stage shares: the cycle's own split where published, else the nearest published one.
    stages = pub[["inovasi_penerapan", "inovasi_uji_coba", "inovasi_inisiatif"]]
    known = stages.dropna()
    for year in years:
        if year in known.index:
            row = known.loc[year]
        else:
            nearest = min(known.index, key=lambda y: (abs(y - year), -y))
            row = known.loc[nearest]
            notes[year].append(f"proporsi tahapan = {nearest}")
        total = row.sum()
        out.loc[year, "p_penerapan"] = row["inovasi_penerapan"] / total
        out.loc[year, "p_uji_coba"] = row["inovasi_uji_coba"] / total
        out.loc[year, "p_inisiatif"] = row["inovasi_inisiatif"] / total
    out["asumsi"] = [("; ".join(notes[y])) for y in years]
    return out




def input_fingerprint() -> str:
    """Hash of the inputs the panel depends on (the generator's code, rules, regions, published).

    Examples
    --------
    >>> len(input_fingerprint())
    16
    """
    h = hashlib.sha1()
    for path in sorted(Path(__file__).parent.glob("*.py")):  # the generator's own code
        h.update(path.name.encode())
        h.update(path.read_bytes())
    root = data_dir()
    files = sorted((root / "framework").glob("*.csv")) + [
        root / "regions" / "regions.csv", root / "published" / "hasil_terpublikasi.csv",
        root / "published" / "agregat_nasional.csv"]
    for path in files:
        if path.exists():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]
