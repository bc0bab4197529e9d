"""The synthetic national demo panel: all 552 pemda, cycles 2022-2026, calibrated to the record.

Nothing here is real data: every table says ``attrs["sumber_data"] = "demo"`` and is shown
as ``i18n.source_label("demo")`` ("data demo (sintetis)"). The panel lets the notebooks run
out of the box on a believable national picture.

How the panel is made (all vectorised, one explicit ``seed``):

1. **Capacity.** Each pemda has a persistent capacity = province effect (Jawa-Bali higher,
   Tanah Papua lower) + cluster effect (kota higher) + own level, plus a fresh shock each
   cycle (so ranks persist but move).
2. **Participation.** Exactly the published number of pemda take part (the weakest are the
   likeliest to stay out); the six DKI administrative units never do (they are not
   autonomous pemda). Non-participants have no innovations and SPD level 0, so the scoring
   engine gives IID 0, "Tidak Dapat Dinilai".
3. **Innovations.** The published total per cycle is shared out in proportion to capacity,
   cluster and population. Each innovation gets an OPD (with its urusan), a tahapan, an
   implementation date (a few outside the cycle's window), design-narrative words, a video
   length and the 20 SID levels. Levels come from an ordinal model on a latent quality
   = region capacity + OPD strength (stronger and weaker OPDs within a pemda) + noise;
   indicators of the same variable share a factor (they correlate).
4. **Decisive indicators.** A few indicators per cycle load strongly on capacity and vary
   a lot (:data:`DECISIVE_BASE` plus one drawn per cycle); the others are mostly noise around
   a common level. Their true share of IID variance is written to the metadata.
5. **Calibration.** A location shift per cycle, and a common spread and kota effect, are
   solved so that the panel matches the published aggregates (:func:`inovlab.sources.published.targets`).
6. **Published rows.** Every published score (cycles 2022-2026) is reproduced within 0.5
   points and every published predikat exactly, by giving the pemda a region-year with the
   right result and then fine-tuning its SPD levels. Published innovation counts are used
   as they are.
7. **Scoring.** The ``hasil`` table is computed from the generated ``spd`` and ``inovasi``
   with :mod:`inovlab.rules.scoring`; re-scoring the panel gives the same numbers.

Examples
--------
>>> panel = load_demo()
>>> panel.hasil.attrs["sumber_data"], len(panel.hasil)
('demo', 2760)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.i18n import format_number, source_label
from inovlab.resources import data_dir
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_innovations, score_regions
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

_THEMES = {
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
_GENERIC_THEMES = ("Layanan Terpadu", "Aplikasi Pelayanan Publik", "Dasbor Kinerja",
                   "Pengaduan Masyarakat Daring", "Sistem Informasi Terpadu", "Gerakan Bersama")
_SYLLABLES = np.array(["SI", "PA", "TA", "MA", "RU", "GE", "DU", "KA", "LA", "NA", "BE", "MO",
                       "SA", "TI", "PU", "RA", "JA", "KE", "TO", "PE"])

_CACHE_FILES = ("hasil", "spd", "inovasi")


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


# ---------------------------------------------------------------------------------------
# targets


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


# ---------------------------------------------------------------------------------------
# generation


@dataclass
class _Year:
    """Arrays of one cycle during generation (regions indexed 0..551)."""

    cycle: int
    fw: object
    part: np.ndarray            # bool per region
    n: np.ndarray               # innovations per region
    inn_region: np.ndarray      # region index per innovation
    opd: np.ndarray             # OPD index per innovation
    stage: np.ndarray           # 0 penerapan, 1 uji coba, 2 inisiatif
    date: np.ndarray            # datetime64[D]
    counted: np.ndarray         # bool per innovation (penerapan and inside the window)
    weak: np.ndarray            # bool per innovation (planted weak)
    words: np.ndarray
    video: np.ndarray
    spd_z: np.ndarray = None    # latent before offset (regions x spd)
    sid_z: np.ndarray = None
    spd_levels: np.ndarray = None
    sid_levels: np.ndarray = None
    covered: np.ndarray = None  # basic urusan covered per region
    loadings: dict = None
    decisive: list = None
    offset: float = 0.0
    rules: dict = None
    static_spd: np.ndarray = None
    static_sid: np.ndarray = None
    static_sid_c: np.ndarray = None
    region_c: np.ndarray = None
    sid_zc: np.ndarray = None
    lam_spd: np.ndarray = None
    lam_sid: np.ndarray = None


_CUTS = np.array([-1.0, 0.0, 1.0])


def _levels(z: np.ndarray, offset: float) -> np.ndarray:
    """Ordinal levels 0-3: how many of the cuts lie below ``z + offset``."""
    x = z + offset
    out = (x > _CUTS[0]).view(np.int8).copy()
    out += (x > _CUTS[1]).view(np.int8)
    out += (x > _CUTS[2]).view(np.int8)
    return out


def _rules(fw) -> dict:
    return {"w_spd": fw.spd_weights.to_numpy(), "w_sid": fw.sid_weights.to_numpy(),
            "d": fw.divisor_floor, "p": fw.jumlah_points, "cap": fw.jumlah_cap,
            "urusan_min": fw.urusan_min, "total_max": fw.total_max}


def _fast_iid(y: _Year, offset: float, spd_levels=None, sid_levels=None):
    """IID per region with the scoring formula (for calibration loops only).

    Without explicit levels, only the counted innovations are levelled (the others do
    not enter the index).
    """
    r = y.rules
    n_regions = len(y.part)
    spd_l = _levels(y.spd_z, offset) if spd_levels is None else spd_levels
    # einsum, not matmul: with int8 levels matmul takes a slow path, and a BLAS call from
    # a busy 2-core machine can stall on its threads (measured 20x slower here).
    spd_score = np.where(y.part, np.einsum("ij,j->i", spd_l, r["w_spd"]), 0.0)
    if sid_levels is None:
        k = np.einsum("ij,j->i", _levels(y.sid_zc, offset), r["w_sid"])
        region = y.region_c
    else:
        k = np.einsum("ij,j->i", sid_levels[y.counted], r["w_sid"])
        region = y.inn_region[y.counted]
    sum_k = np.bincount(region, weights=k, minlength=n_regions)
    n_c = np.bincount(region, minlength=n_regions)
    jumlah = np.where(y.covered >= r["urusan_min"], r["p"] * np.minimum(n_c, r["cap"]), 0.0)
    total = spd_score + sum_k / np.maximum(r["d"], n_c) + jumlah
    return total / r["total_max"] * 100


def _bisect(fn, lo, hi, target, iters=11):
    """Root of an increasing ``fn(x) - target`` on [lo, hi] by bisection."""
    for _ in range(iters):
        mid = (lo + hi) / 2
        if fn(mid) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


class _Generator:
    def __init__(self, seed: int):
        self.seed = int(seed)
        self.rng = np.random.default_rng(self.seed)
        # The reference file is read directly (not via regions.load_regions) so the demo
        # only depends on data/regions/regions.csv.
        raw = pd.read_csv(data_dir() / "regions" / "regions.csv", dtype=str,
                          keep_default_na=False)
        self.regions = pd.DataFrame({
            "kode_wilayah": raw["kode"].str.strip(), "nama_daerah": raw["nama"].str.strip(),
            "jenis": raw["jenis"].str.strip().str.lower(), "provinsi": raw["provinsi"].str.strip(),
            "penduduk": pd.to_numeric(raw["penduduk"].replace("", np.nan)),
        }).sort_values("kode_wilayah", ignore_index=True)
        self.targets = calibration_targets(CYCLES)
        self.frameworks = {c: load_framework(c) for c in CYCLES}
        self.params = {}

    # -- persistent structure ------------------------------------------------------------
    def structure(self):
        rng, reg = self.rng, self.regions
        n = len(reg)
        self.jenis = reg["jenis"].to_numpy()
        self.is_kota = self.jenis == "kota"
        self.is_prov = self.jenis == "provinsi"
        prov_code = reg["kode_wilayah"].str.split(".").str[0].to_numpy()
        self.prov_code = prov_code
        codes, uniq = pd.factorize(prov_code, sort=True)
        prov_eff = rng.normal(0, 0.35, len(uniq))
        prov_names = reg.drop_duplicates("provinsi").set_index(
            reg.drop_duplicates("provinsi")["kode_wilayah"].str.split(".").str[0])["provinsi"]
        names = prov_names.reindex(uniq).fillna("").to_numpy()
        jawa_bali = np.char.startswith(names.astype(str), "Jawa") | (names == "Bali") | (
            names == "Daerah Istimewa Yogyakarta") | (names == "Banten") | (
            names == "Daerah Khusus Ibukota Jakarta")
        papua = np.char.find(names.astype(str), "Papua") >= 0
        prov_eff = prov_eff + 0.35 * jawa_bali - 0.8 * papua
        self.prov_eff = prov_eff[codes]
        self.papua = papua[codes]
        self.base = rng.normal(0, 0.8, n)
        self.eligible = ~reg["kode_wilayah"].str.startswith(NOT_AUTONOMOUS_PREFIX).to_numpy()
        pop = reg["penduduk"].fillna(reg["penduduk"].median()).to_numpy(float)
        self.log_pop = np.log(pop / np.median(pop))
        self.shock = rng.normal(0, 0.5, (len(CYCLES), n))
        self.opd_strength = rng.normal(0, 1.0, (n, len(OPD_CATALOGUE)))
        self.params["structure"] = {
            "province_sd": 0.35, "jawa_bali_effect": 0.35, "papua_effect": -0.8,
            "own_level_sd": 0.8, "yearly_shock_sd": 0.5, "provinsi_effect": 0.15,
            "opd_strength_sd": 0.5, "innovation_noise_sd": 0.6, "variable_factor_sd": 0.3,
            "level_cuts": _CUTS.tolist(), "decisive_loading": DECISIVE_LOADING,
            "noise_loading": NOISE_LOADING,
        }
        self._pin_capacity()

    def _pin_capacity(self):
        """Start pemda with published results near their published level."""
        rows = published.scored_rows(CYCLES)
        code_index = pd.Series(np.arange(len(self.regions)),
                               index=self.regions["kode_wilayah"])
        rows = rows[rows["kode_wilayah"].isin(code_index.index)]
        z = np.where(rows["skor_iid"].notna(), (rows["skor_iid"] - 47) / 11,
                     rows["predikat"].map({"Sangat Inovatif": 1.6, "Inovatif": 0.0,
                                           "Kurang Inovatif": -1.2}).fillna(0.0))
        want = pd.Series(z, index=rows["kode_wilayah"].to_numpy()).groupby(level=0).mean()
        idx = code_index[want.index].to_numpy()
        self.base[idx] = want.to_numpy() - self.prov_eff[idx] - 0.5 * self.is_kota[idx]
        self.pinned_rows = rows
        counts = published.load_published()
        counts = counts[counts["tahun"].isin(CYCLES) & counts["jumlah_inovasi"].notna()
                        & counts["kode_wilayah"].isin(code_index.index)]
        self.pinned_n = {(int(r.tahun), code_index[r.kode_wilayah]): int(r.jumlah_inovasi)
                         for r in counts.drop_duplicates(["tahun", "kode_wilayah"]).itertuples()}
        self.code_index = code_index

    def capacity(self, t: int, kota_effect: float) -> np.ndarray:
        i = CYCLES.index(t)
        return (self.prov_eff + self.base + self.shock[i] + 0.15 * self.is_prov
                + kota_effect * self.is_kota)

    # -- one cycle --------------------------------------------------------------------
    def draw_year(self, t: int) -> _Year:
        rng, fw, tg = self.rng, self.frameworks[t], self.targets.loc[t]
        n_reg = len(self.regions)
        cap0 = self.capacity(t, 0.5)
        # Participation: published count (per cluster where published); weakest stay out.
        able = self.eligible.copy()
        first = np.array([NEW_PROVINCES_FIRST_CYCLE.get(p, 0) for p in self.prov_code])
        able &= ~(self.is_prov & (first > t))
        forced = np.zeros(n_reg, bool)
        pinned = self.pinned_rows[self.pinned_rows["tahun"] == t]
        forced[self.code_index[pinned["kode_wilayah"]].to_numpy()] = True
        for (yy, r) in self.pinned_n:
            forced[r] |= yy == t
        propensity = cap0 + rng.gumbel(0, 0.6, n_reg) - 1.5 * self.papua + 100.0 * forced
        propensity[~able] = -np.inf
        part = np.zeros(n_reg, bool)
        per_cluster = [tg.get(f"peserta_{j}") for j in ("provinsi", "kabupaten", "kota")]
        if all(v is not None and not np.isnan(v) for v in per_cluster):
            for j, k in zip(("provinsi", "kabupaten", "kota"), per_cluster, strict=True):
                cand = np.flatnonzero(self.jenis == j)
                order = cand[np.argsort(-propensity[cand], kind="stable")]
                part[order[: int(k)]] = True
        else:
            order = np.argsort(-propensity, kind="stable")
            part[order[: int(tg["peserta"])]] = True
        part &= able
        # Innovations per pemda: published total, shared by capacity, cluster, population.
        n = np.zeros(n_reg, np.int64)
        fixed = {r: v for (yy, r), v in self.pinned_n.items() if yy == t and part[r]}
        free = part.copy()
        free[list(fixed)] = False
        weight = np.exp(0.4 * cap0 + 0.15 * self.log_pop) * np.where(
            self.is_prov, 2.2, np.where(self.is_kota, 1.3, 1.0))
        weight = np.where(free, weight, 0.0)
        total = int(tg["inovasi"]) - sum(fixed.values())
        minimum = 3
        n[free] = minimum
        n += rng.multinomial(total - minimum * free.sum(), weight / weight.sum())
        for r, v in fixed.items():
            n[r] = v
        inn_region = np.repeat(np.arange(n_reg), n)
        m = len(inn_region)
        opd_w = np.array([o[2] for o in OPD_CATALOGUE])
        opd = rng.choice(len(OPD_CATALOGUE), size=m, p=opd_w / opd_w.sum())
        p_stage = tg[["p_penerapan", "p_uji_coba", "p_inisiatif"]].to_numpy(float)
        stage = rng.choice(3, size=m, p=p_stage / p_stage.sum())
        # Implementation dates: inside the window (T-2 .. T-1 where the cycle has none),
        # a few older ones; trials and initiatives are recent.
        start, end = fw.window
        start = np.datetime64(start or f"{t - 2}-01-01")
        end = np.datetime64(end or f"{t - 1}-12-31")
        span = int((end - start).astype(int))
        day = rng.integers(0, span + 1, m)
        date = start + day.astype("timedelta64[D]")
        old = (stage == 0) & (rng.random(m) < 0.04)
        date[old] = start - rng.integers(30, 3 * 365, old.sum()).astype("timedelta64[D]")
        recent = stage > 0
        date[recent] = np.datetime64(f"{t - 1}-01-01") + rng.integers(
            0, 540, recent.sum()).astype("timedelta64[D]")
        date = date.astype("datetime64[D]")
        date[stage == 2] = np.datetime64("NaT")  # an initiative is not implemented yet
        inside = np.ones(m, bool)
        if fw.window[0]:
            inside &= date >= np.datetime64(fw.window[0])
        if fw.window[1]:
            inside &= date <= np.datetime64(fw.window[1])
        counted = (stage == 0) & inside
        weak = rng.random(m) < 0.015
        words = np.round(np.exp(rng.normal(np.log(450), 0.25, m))).astype(np.int64)
        words[weak] = rng.integers(120, 300, weak.sum())
        video = np.clip(np.round(rng.normal(215, 45, m)), 45, 300).astype(np.int64)
        long_video = rng.random(m) < 0.05
        video[long_video] = rng.integers(301, 480, long_video.sum())
        y = _Year(t, fw, part, n, inn_region, opd, stage, date, counted, weak, words, video)
        y.rules = _rules(fw)
        y.covered = self._covered(y)
        return y

    def _covered(self, y: _Year) -> np.ndarray:
        basic = y.fw.basic_service_urusan
        opd_basic = np.array([basic.index(o[1]) if o[1] in basic else -1
                              for o in OPD_CATALOGUE])
        which = opd_basic[y.opd]
        keep = y.counted & (which >= 0)
        pairs = np.unique(y.inn_region[keep] * len(basic) + which[keep])
        return np.bincount(pairs // len(basic), minlength=len(y.part))

    def latent(self, y: _Year, spread: float, kota_effect: float, full: bool = False):
        """Latent scores (before the cycle's offset) for SPD and SID levels.

        The random parts are drawn once per cycle (same draws for every call); only the
        capacity part changes with ``spread`` and ``kota_effect``. Without ``full`` only the
        counted innovations are computed (all the calibration needs).
        """
        fw = y.fw
        spd_cols, sid_cols = fw.spd_columns, fw.sid_columns
        if y.static_sid is None:
            rng = np.random.default_rng([self.seed, y.cycle, 7])
            extra = rng.choice([c for c in DECISIVE_POOL if c in spd_cols + sid_cols])
            y.decisive = list(DECISIVE_BASE) + [str(extra)]
            y.loadings = {c: (DECISIVE_LOADING if c in y.decisive else NOISE_LOADING)
                          for c in spd_cols + sid_cols}
            y.lam_spd = np.array([y.loadings[c] for c in spd_cols])
            dec_spd = y.lam_spd > NOISE_LOADING
            u = rng.normal(0, 1, (len(y.part), len(spd_cols)))
            y.static_spd = u * np.where(dec_spd, 0.5, 0.9) + np.where(dec_spd, 0.0, 0.45)
            m = len(y.inn_region)
            rest = (0.5 * self.opd_strength[y.inn_region, y.opd] + 0.6 * rng.normal(0, 1, m))
            y.lam_sid = np.array([y.loadings[c] for c in sid_cols])
            dec_sid = y.lam_sid > NOISE_LOADING
            variables = fw.indicators.set_index("code").loc[fw.sid_codes, "variable"]
            var_code, var_uniq = pd.factorize(variables.to_numpy())
            g = rng.normal(0, 0.3, (m, len(var_uniq)))[:, var_code]
            static = (rest[:, None] * y.lam_sid
                      + rng.normal(0, 1, (m, len(sid_cols))) * np.where(dec_sid, 0.6, 0.45)
                      + g + np.where(dec_sid, 0.0, 0.55))
            static[y.weak] -= 2.5  # planted weak innovations: mostly levels 0-1
            y.static_sid = static.astype(np.float32)
            y.static_sid_c = y.static_sid[y.counted]
            y.region_c = y.inn_region[y.counted]
        q_region = spread * self.capacity(y.cycle, kota_effect)
        y.spd_z = q_region[:, None] * y.lam_spd + y.static_spd
        lam = y.lam_sid.astype(np.float32)
        y.sid_zc = q_region.astype(np.float32)[y.region_c][:, None] * lam + y.static_sid_c
        if full:
            y.sid_z = q_region.astype(np.float32)[y.inn_region][:, None] * lam + y.static_sid

    def finalise_levels(self, y: _Year):
        cal = self.params["calibration"]
        self.latent(y, cal["spread"], cal["kota_effect"], full=True)
        y.spd_levels = _levels(y.spd_z, y.offset)
        y.spd_levels[~y.part] = 0
        y.sid_levels = _levels(y.sid_z, y.offset)

    # -- calibration --------------------------------------------------------------------
    def calibrate(self, years: dict[int, _Year]):
        tg = self.targets
        spread, kota = 1.0, 0.5

        def iid_part(y, off):
            return _fast_iid(y, off)[y.part]

        def solve_offset_mean(y, target):
            return _bisect(lambda o: iid_part(y, o).mean(), -3.0, 3.0, target)

        def solve_offset_si(y, n_si):
            # Middle of the offsets that give exactly n_si Sangat Inovatif.
            si = y.fw.cutoffs["Sangat Inovatif"]

            def count(o):
                return (np.round(iid_part(y, o), 2) >= si).sum()

            return (_bisect(count, -3.0, 3.0, n_si - 0.5, iters=10)
                    + _bisect(count, -3.0, 3.0, n_si + 0.5, iters=10)) / 2

        counts_year = next((t for t in years if not np.isnan(tg.loc[t, "n_sangat_inovatif"])
                            and not np.isnan(tg.loc[t, "n_kurang_inovatif"])), None)
        kota_year = next((t for t in years if not np.isnan(tg.loc[t, "n_kota_sangat_inovatif"])
                          and not np.isnan(tg.loc[t, "rerata_iid"])), None)

        def fit_counts(spread_fixed=None):
            y = years[counts_year]
            n_ki = tg.loc[counts_year, "n_kurang_inovatif"]

            def ki_for(s):
                self.latent(y, s, kota)
                y.offset = solve_offset_si(y, tg.loc[counts_year, "n_sangat_inovatif"])
                iid = np.round(iid_part(y, y.offset), 2)
                return (iid < y.fw.cutoffs["Inovatif"]).sum()

            if spread_fixed is None:
                s = _bisect(ki_for, 0.3, 2.5, n_ki, iters=8)
            else:
                s = spread_fixed
            ki_for(s)
            return s

        def fit_kota():
            y = years[kota_year]
            si = y.fw.cutoffs["Sangat Inovatif"]

            def kota_si(k):
                self.latent(y, spread, k)
                y.offset = solve_offset_mean(y, tg.loc[kota_year, "rerata_iid"])
                iid = np.round(_fast_iid(y, y.offset), 2)
                return ((iid >= si) & self.is_kota & y.part).sum()

            k = _bisect(kota_si, -0.5, 2.5, tg.loc[kota_year, "n_kota_sangat_inovatif"] - 1e-9,
                        iters=8)
            kota_si(k)
            return k

        # The spread and the kota effect interact: alternate the two fits twice.
        for _ in range(2):
            if counts_year is not None:
                spread = fit_counts()
            if kota_year is not None:
                kota = fit_kota()
        if counts_year is not None:
            spread = fit_counts()
        # Mean targets: published, else the mean of the neighbouring cycles' values.
        means = {}
        for t in years:
            if t in (counts_year, kota_year):
                continue
            y = years[t]
            self.latent(y, spread, kota)
        achieved = {t: float(iid_part(years[t], years[t].offset).mean())
                    for t in (counts_year, kota_year) if t is not None}
        known = {t: float(tg.loc[t, "rerata_iid"]) for t in years
                 if not np.isnan(tg.loc[t, "rerata_iid"])}
        known.update({t: v for t, v in achieved.items() if t not in known})
        for t in years:
            if t in (counts_year, kota_year):
                continue
            if t in known:
                means[t] = known[t]
            else:
                before = [k for k in sorted(known) if k < t]
                after = [k for k in sorted(known) if k > t]
                if before and after:
                    means[t] = (known[before[-1]] + known[after[0]]) / 2
                else:
                    means[t] = known[(before or after)[-1 if before else 0]]
            years[t].offset = solve_offset_mean(years[t], means[t])
        self.params["calibration"] = {
            "spread": spread, "kota_effect": kota,
            "offset": {str(t): float(years[t].offset) for t in years},
            "mean_target": {str(t): float(v) for t, v in {**known, **means}.items()},
            "counts_cycle": counts_year, "kota_cycle": kota_year,
        }

    # -- published rows -----------------------------------------------------------------
    def pin(self, years: dict[int, _Year]):
        """Give every published region-year its published score or predikat."""
        report = []
        for t, y in years.items():
            rows = self.pinned_rows[self.pinned_rows["tahun"] == t]
            if rows.empty:
                continue
            pinned = set(self.code_index[rows["kode_wilayah"]].tolist())
            fixed_n = {r for (yy, r) in self.pinned_n if yy == t}
            used = set()
            cut = y.fw.cutoffs
            bands = {"Sangat Inovatif": (cut["Sangat Inovatif"], 100.0),
                     "Inovatif": (cut["Inovatif"], cut["Sangat Inovatif"] - 0.01),
                     "Kurang Inovatif": (cut["Kurang Inovatif"], cut["Inovatif"] - 0.01)}
            for row in rows.itertuples():
                r = int(self.code_index[row.kode_wilayah])
                iid = _fast_iid(y, 0.0, y.spd_levels, y.sid_levels)
                if not np.isnan(row.skor_iid):
                    lo = hi = float(row.skor_iid)
                    want = float(row.skor_iid)
                elif row.predikat in bands and not row.konflik:
                    lo, hi = bands[row.predikat]
                    want = min(max(iid[r], lo + 1.0), hi - 1.0)
                else:
                    continue
                if r not in fixed_n and (abs(iid[r] - want) > 0.3 if lo == hi
                                         else not (lo + 0.3 <= iid[r] <= hi - 0.3)):
                    cand = (y.part & (self.jenis == self.jenis[r]) & ~np.isin(
                        np.arange(len(y.part)), list(pinned | fixed_n | used)))
                    cand_idx = np.flatnonzero(cand)
                    if lo == hi:
                        dist = np.abs(iid[cand_idx] - want)
                    else:
                        inside = (iid[cand_idx] >= lo + 0.3) & (iid[cand_idx] <= hi - 0.3)
                        dist = np.where(inside, np.abs(iid[cand_idx] - iid[r]), np.inf)
                    if len(cand_idx) and np.isfinite(dist.min()):
                        other = int(cand_idx[np.argmin(dist)])
                        self._swap(y, r, other)
                        used.add(other)
                        iid = _fast_iid(y, 0.0, y.spd_levels, y.sid_levels)
                if lo == hi or not (lo <= round(iid[r], 2) <= hi):
                    self._tune(y, r, want)
                final = _fast_iid(y, 0.0, y.spd_levels, y.sid_levels)[r]
                report.append({"tahun": t, "kode_wilayah": row.kode_wilayah,
                               "target": want if lo == hi else row.predikat,
                               "achieved": round(float(final), 2)})
        self.params["published_rows"] = report

    def _swap(self, y: _Year, a: int, b: int):
        """Exchange the whole region-year of pemda a and b (innovations, SPD, flags)."""
        ia, ib = y.inn_region == a, y.inn_region == b
        y.inn_region = np.where(ia, b, np.where(ib, a, y.inn_region))
        for arr in (y.spd_levels, y.spd_z):
            arr[[a, b]] = arr[[b, a]]
        for arr in (y.part, y.n, y.covered):
            arr[[a, b]] = arr[[b, a]]
        # Keep innovations grouped by pemda (stable order by region index).
        order = np.argsort(y.inn_region, kind="stable")
        for name in ("inn_region", "opd", "stage", "date", "counted", "weak", "words",
                     "video", "sid_z", "sid_levels"):
            setattr(y, name, getattr(y, name)[order])

    def _tune(self, y: _Year, r: int, want: float):
        """Move SPD levels (then SID levels) of pemda r until its IID is ``want`` +- 0.2."""
        fw = y.fw
        w_spd = fw.spd_weights.to_numpy()
        w_sid = fw.sid_weights.to_numpy()
        rows = np.flatnonzero((y.inn_region == r) & y.counted)

        def current():
            return _fast_iid(y, 0.0, y.spd_levels, y.sid_levels)[r]

        gap_total = (want - current()) * fw.total_max / 100
        # Coarse: SID levels when SPD alone cannot close the gap.
        spd_now = y.spd_levels[r] @ w_spd
        room = (fw.spd_max - spd_now) if gap_total > 0 else -spd_now
        if abs(gap_total) > abs(room) - 2 and len(rows):
            need = gap_total - room + (2 if gap_total > 0 else -2)
            divisor = max(fw.divisor_floor, len(rows))
            step = 1 if need > 0 else -1
            for j in np.argsort(-w_sid):
                if abs(need) < 0.5:
                    break
                col = y.sid_levels[rows, j]
                movable = np.flatnonzero(col < 3) if step > 0 else np.flatnonzero(col > 0)
                k = int(min(len(movable), np.ceil(abs(need) * divisor / w_sid[j])))
                y.sid_levels[rows[movable[:k]], j] += step
                need -= step * k * w_sid[j] / divisor
        # Fine: greedy single SPD steps.
        for _ in range(80):
            gap = (want - current()) * fw.total_max / 100
            if abs(gap) < 0.25:
                break
            levels = y.spd_levels[r].astype(float)
            up = np.where(levels < 3, np.abs(gap - w_spd), np.inf)
            down = np.where(levels > 0, np.abs(gap + w_spd), np.inf)
            best_up, best_down = up.min(), down.min()
            if min(best_up, best_down) >= abs(gap):
                break
            if best_up <= best_down:
                y.spd_levels[r, int(np.argmin(up))] += 1
            else:
                y.spd_levels[r, int(np.argmin(down))] -= 1

    # -- tables --------------------------------------------------------------------------
    def tables(self, years: dict[int, _Year]):
        reg = self.regions
        spd_parts, inn_parts = [], []
        for t, y in years.items():
            fw = y.fw
            spd = pd.DataFrame(y.spd_levels, columns=fw.spd_columns)
            spd.insert(0, "nama_daerah", reg["nama_daerah"].to_numpy())
            spd.insert(0, "kode_wilayah", reg["kode_wilayah"].to_numpy())
            spd.insert(0, "tahun", t)
            spd_parts.append(spd)
            m = len(y.inn_region)
            seq = np.arange(m) - np.repeat(np.cumsum(y.n) - y.n, y.n) + 1
            codes = reg["kode_wilayah"].to_numpy()[y.inn_region]
            inn = pd.DataFrame({
                "tahun": np.full(m, t),
                "kode_wilayah": codes,
                "nama_daerah": reg["nama_daerah"].to_numpy()[y.inn_region],
                "id_inovasi": pd.Series(codes, dtype=object) + f"-{t}-" + pd.Series(
                    seq).astype(str).str.zfill(4),
                "nama_inovasi": self._names(y),
                "opd": np.array([o[0] for o in OPD_CATALOGUE], dtype=object)[y.opd],
                "urusan": np.array([o[1] for o in OPD_CATALOGUE], dtype=object)[y.opd],
                "tahapan": np.array(["penerapan", "uji coba", "inisiatif"],
                                    dtype=object)[y.stage],
                "tanggal_penerapan": y.date.astype("datetime64[ms]"),  # what parquet keeps
                "kata_rancang_bangun": y.words,
                "durasi_video_detik": y.video,
            })
            levels = pd.DataFrame(y.sid_levels, columns=fw.sid_columns)
            inn_parts.append(pd.concat([inn, levels], axis=1))
        spd = pd.concat(spd_parts, ignore_index=True)
        inovasi = pd.concat(inn_parts, ignore_index=True)
        for col in inovasi.columns:
            if col.startswith("ind_"):
                inovasi[col] = inovasi[col].fillna(0).astype(np.int8)
        for col in spd.columns:
            if col.startswith("spd_"):
                spd[col] = spd[col].fillna(0).astype(np.int8)
        return spd, inovasi

    def _names(self, y: _Year) -> np.ndarray:
        rng = np.random.default_rng([self.seed, y.cycle, 11])
        m = len(y.inn_region)
        acronym = (_SYLLABLES[rng.integers(0, len(_SYLLABLES), m)].astype(object)
                   + _SYLLABLES[rng.integers(0, len(_SYLLABLES), m)].astype(object)
                   + _SYLLABLES[rng.integers(0, len(_SYLLABLES), m)].astype(object))
        pick = rng.integers(0, 1_000_000, m)
        theme = np.empty(m, dtype=object)
        for k, (_, urusan, _) in enumerate(OPD_CATALOGUE):
            rows = y.opd == k
            options = np.array(_THEMES.get(urusan, _GENERIC_THEMES), dtype=object)
            theme[rows] = options[pick[rows] % len(options)]
        return acronym + " - " + theme


def _hasil(spd: pd.DataFrame, inovasi: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Score the panel with inovlab.rules.scoring and add cluster, rank and source."""
    scored = score_innovations(inovasi)
    regions_scored = score_regions(scored, spd)
    meta = regions.set_index("kode_wilayah")
    out = regions_scored.copy()
    out["nama_daerah"] = meta.loc[out["kode_wilayah"], "nama_daerah"].to_numpy()
    out["jenis"] = meta.loc[out["kode_wilayah"], "jenis"].to_numpy()
    out["provinsi"] = meta.loc[out["kode_wilayah"], "provinsi"].to_numpy()
    out["peringkat"] = out.groupby(["tahun", "jenis"])["skor_iid"].rank(
        method="min", ascending=False).astype(int)
    out["jumlah_inovasi"] = out["n_inovasi_dihitung"].astype(int)
    out["n_inovasi"] = out["n_inovasi"].astype(int)
    out["sumber"] = source_label(SOURCE_KIND)
    cols = ["tahun", "kode_wilayah", "nama_daerah", "jenis", "provinsi", "skor_iid", "predikat",
            "peringkat", "jumlah_inovasi", "n_inovasi", "skor_spd", "skor_sid",
            "rata_kematangan", "skor_jumlah_inovasi", "sumber"]
    return out[cols].sort_values(["tahun", "kode_wilayah"], ignore_index=True)


def variance_shares(hasil: pd.DataFrame, spd: pd.DataFrame, inovasi: pd.DataFrame,
                    cycle: int) -> pd.Series:
    """Each term's share of the IID variance among participants of one cycle.

    With ``skor_total = sum_k c_k`` (SPD terms ``w_k L_k``, SID terms ``w_i sum_j L_ij /
    MAX(d, n)`` over counted innovations, and the number-of-innovations term), the share of
    term ``k`` is ``cov(c_k, skor_total) / var(skor_total)``; the shares sum to 1.

    Returns
    -------
    Series
        Indexed by ``spd_<code>``, ``ind_<code>`` and ``jumlah_inovasi``, largest first.
    """
    fw = load_framework(cycle)
    h = hasil[(hasil["tahun"] == cycle) & (hasil["skor_iid"] > 0)].set_index("kode_wilayah")
    s = spd[spd["tahun"] == cycle].set_index("kode_wilayah").loc[h.index]
    terms = {c: s[c].to_numpy(float) * w for c, w in zip(fw.spd_columns, fw.spd_weights,
                                                          strict=True)}
    scored = score_innovations(inovasi[inovasi["tahun"] == cycle])
    counted = scored[scored["dihitung"]]
    sums = counted[fw.sid_columns].astype(float).groupby(counted["kode_wilayah"]).sum().reindex(h.index).fillna(0)
    divisor = np.maximum(fw.divisor_floor, h["jumlah_inovasi"].to_numpy(float))
    for c, w in zip(fw.sid_columns, fw.sid_weights, strict=True):
        terms[c] = sums[c].to_numpy(float) * w / divisor
    terms["jumlah_inovasi"] = h["skor_jumlah_inovasi"].to_numpy(float)
    total = h["skor_iid"].to_numpy(float) * fw.total_max / 100
    var = total.var()
    shares = {k: float(np.cov(v, total, bias=True)[0, 1] / var) for k, v in terms.items()}
    return pd.Series(shares).sort_values(ascending=False)


def generate_panel(seed: int = DEFAULT_SEED) -> DemoPanel:
    """Generate the demo panel (2022-2026, 552 pemda) for one seed.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same panel.

    Returns
    -------
    DemoPanel
        ``hasil``, ``spd``, ``inovasi`` (each with ``attrs["sumber_data"] = "demo"``) and
        ``metadata``.

    Examples
    --------
    >>> p = generate_panel(7)
    >>> sorted(p.hasil["tahun"].unique().tolist()) == list(CYCLES)
    True
    """
    started = time.perf_counter()
    gen = _Generator(seed)
    gen.structure()
    years = {t: gen.draw_year(t) for t in CYCLES}
    for y in years.values():
        gen.latent(y, 1.0, 0.5)
    gen.calibrate(years)
    for y in years.values():
        gen.finalise_levels(y)
    gen.pin(years)
    spd, inovasi = gen.tables(years)
    hasil = _hasil(spd, inovasi, gen.regions)
    metadata = _metadata(gen, years, hasil, spd, inovasi)
    metadata["generation_seconds"] = round(time.perf_counter() - started, 2)
    panel = DemoPanel(hasil, spd, inovasi, metadata)
    _label(panel)
    return panel


def _metadata(gen: _Generator, years, hasil, spd, inovasi) -> dict:
    decisive, loadings, shares, planted = {}, {}, {}, {}
    for t, y in years.items():
        share = variance_shares(hasil, spd, inovasi, t)
        ordered = [c for c in share.index if c in y.decisive]
        decisive[str(t)] = ordered
        loadings[str(t)] = {c: float(v) for c, v in y.loadings.items()}
        shares[str(t)] = {c: round(float(v), 5) for c, v in share.items()}
        planted[str(t)] = int(y.weak.sum())
    return {
        "generator": "inovlab.sources.demo",
        "generator_version": GENERATOR_VERSION,
        "seed": gen.seed,
        "sumber_data": SOURCE_KIND,
        "label": source_label(SOURCE_KIND),
        "cycles": list(CYCLES),
        "decisive_indicators": decisive,
        "loadings": loadings,
        "variance_share": shares,
        "mean_iid_over": "peserta (pemda dengan skor_iid > 0)",
        "planted_weak_innovations": planted,
        "never_participating": "6 unit administratif DKI Jakarta (kode 31.xx), bukan daerah otonom",
        "targets": {str(t): {k: (None if isinstance(v, float) and np.isnan(v) else
                                 (v if isinstance(v, str) else float(v)))
                             for k, v in gen.targets.loc[t].items()} for t in CYCLES},
        "achieved": achieved_values(hasil, inovasi),
        **gen.params,
        "input_fingerprint": _fingerprint(),
    }


def achieved_values(hasil: pd.DataFrame, inovasi: pd.DataFrame) -> dict:
    """The panel's values of the calibration targets, per cycle.

    Examples
    --------
    >>> v = achieved_values(load_demo().hasil, load_demo().inovasi)
    >>> v["2022"]["peserta"]
    510
    """
    out = {}
    for t, h in hasil.groupby("tahun"):
        part = h[h["skor_iid"] > 0]
        pred = part["predikat"].value_counts()
        kota = part[part["jenis"] == "kota"]
        stages = inovasi.loc[inovasi["tahun"] == t, "tahapan"].value_counts()
        out[str(t)] = {
            "peserta": int(len(part)),
            "tidak_dapat_dinilai": int((h["predikat"] == "Tidak Dapat Dinilai").sum()),
            "inovasi": int((inovasi["tahun"] == t).sum()),
            "rerata_iid": round(float(part["skor_iid"].mean()), 2),
            "n_sangat_inovatif": int(pred.get("Sangat Inovatif", 0)),
            "n_inovatif": int(pred.get("Inovatif", 0)),
            "n_kurang_inovatif": int(pred.get("Kurang Inovatif", 0)),
            "n_kota_sangat_inovatif": int((kota["predikat"] == "Sangat Inovatif").sum()),
            "inovasi_penerapan": int(stages.get("penerapan", 0)),
            "inovasi_uji_coba": int(stages.get("uji coba", 0)),
            "inovasi_inisiatif": int(stages.get("inisiatif", 0)),
        }
    return out


def calibration_table(panel: DemoPanel) -> pd.DataFrame:
    """Every calibration target beside the panel's achieved value.

    Returns
    -------
    DataFrame
        ``target`` (what), ``tahun``, ``nilai_target``, ``toleransi``, ``tercapai``,
        ``sumber`` (``terpublikasi`` or ``asumsi``) and ``ok`` (within tolerance).

    Examples
    --------
    >>> table = calibration_table(load_demo())
    >>> bool(table["ok"].all())
    True
    """
    from scipy.stats import spearmanr

    pub = published.targets(CYCLES)
    tg = panel.metadata.get("targets") or {}
    got = achieved_values(panel.hasil, panel.inovasi)
    rows = []

    def add(what, year, target, tol, achieved, source):
        ok = bool(abs(achieved - target) <= tol) if tol is not None else True
        rows.append({"target": what, "tahun": year, "nilai_target": target, "toleransi": tol,
                     "tercapai": achieved, "sumber": source, "ok": ok})

    for t in CYCLES:
        key = str(t)
        src = "terpublikasi" if not np.isnan(pub.loc[t, "peserta"]) else "asumsi"
        add("pemda peserta", t, tg[key]["peserta"], 0, got[key]["peserta"], src)
        add("Tidak Dapat Dinilai (552 - peserta)", t, 552 - tg[key]["peserta"], 0,
            got[key]["tidak_dapat_dinilai"], src)
    for t in CYCLES:
        key = str(t)
        src = "terpublikasi" if not np.isnan(pub.loc[t, "inovasi"]) else "asumsi"
        add("inovasi dilaporkan", t, tg[key]["inovasi"], round(0.02 * tg[key]["inovasi"], 1),
            got[key]["inovasi"], src)
    for t in CYCLES:
        for col, label in (("n_sangat_inovatif", "Sangat Inovatif"), ("n_inovatif", "Inovatif"),
                           ("n_kurang_inovatif", "Kurang Inovatif")):
            if not np.isnan(pub.loc[t, col]):
                add(f"predikat {label}", t, pub.loc[t, col], 3, got[str(t)][col], "terpublikasi")
        if not np.isnan(pub.loc[t, "n_kota_sangat_inovatif"]):
            add("kota Sangat Inovatif", t, pub.loc[t, "n_kota_sangat_inovatif"], 2,
                got[str(t)]["n_kota_sangat_inovatif"], "terpublikasi")
    mean_targets = panel.metadata.get("calibration", {}).get("mean_target", {})
    for t in CYCLES:
        if not np.isnan(pub.loc[t, "rerata_iid"]):
            add("rerata IID nasional (peserta)", t, pub.loc[t, "rerata_iid"], 1.0,
                got[str(t)]["rerata_iid"], "terpublikasi")
        elif str(t) in mean_targets:
            add("rerata IID nasional (peserta)", t, round(mean_targets[str(t)], 2), None,
                got[str(t)]["rerata_iid"], "asumsi")
    for t in CYCLES:
        if not np.isnan(pub.loc[t, "inovasi_penerapan"]):
            total = pub.loc[t, ["inovasi_penerapan", "inovasi_uji_coba",
                                "inovasi_inisiatif"]].sum()
            add("porsi penerapan (%)", t, round(100 * pub.loc[t, "inovasi_penerapan"] / total, 1),
                2.0, round(100 * got[str(t)]["inovasi_penerapan"] / got[str(t)]["inovasi"], 1),
                "terpublikasi")
    rows_pub = published.scored_rows(CYCLES).merge(panel.hasil, on=["tahun", "kode_wilayah"],
                                                   suffixes=("_pub", ""))
    scored = rows_pub[rows_pub["skor_iid_pub"].notna()]
    add(f"selisih maks. skor terpublikasi ({len(scored)} pemda-tahun)", None, 0.0, 0.5,
        round(float((scored["skor_iid"] - scored["skor_iid_pub"]).abs().max()), 2),
        "terpublikasi")
    pred = rows_pub[(rows_pub["predikat_pub"] != "") & (rows_pub["konflik"] == "")]
    add(f"predikat terpublikasi sama ({len(pred)} pemda-tahun)", None, len(pred), 0,
        int((pred["predikat"] == pred["predikat_pub"]).sum()), "terpublikasi")
    wide = panel.hasil.pivot(index="kode_wilayah", columns="tahun", values="skor_iid")
    for a, b in zip(CYCLES[:-1], CYCLES[1:], strict=True):
        both = (wide[a] > 0) & (wide[b] > 0)
        rho = spearmanr(wide.loc[both, a], wide.loc[both, b])[0]
        add(f"korelasi peringkat (Spearman) {a}-{b}", b, 0.725, 0.125, round(float(rho), 3),
            "desain (0,6-0,85)")
    return pd.DataFrame(rows)


def render_readme_table(panel: DemoPanel) -> str:
    """The calibration table and the decisive indicators as Markdown (for data/demo/README.md)."""
    table = calibration_table(panel)

    def fmt(v):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return "–"
        if isinstance(v, float) and v.is_integer():
            return f"{int(v):,}".replace(",", ".")
        if isinstance(v, float):
            text = f"{v:,.3f}".rstrip("0").rstrip(".")
            return text.replace(",", "X").replace(".", ",").replace("X", ".")
        if isinstance(v, (int, np.integer)):
            return f"{int(v):,}".replace(",", ".")
        return str(v)

    lines = ["| target | tahun | nilai target | toleransi | tercapai | sumber | ok |",
             "|---|---|---|---|---|---|---|"]
    for r in table.itertuples():
        year = "semua" if pd.isna(r.tahun) else str(int(r.tahun))
        tol = "info" if pd.isna(r.toleransi) else "±" + fmt(float(r.toleransi))
        lines.append(f"| {r.target} | {year} | {fmt(r.nilai_target)} | {tol} | "
                     f"{fmt(r.tercapai)} | {r.sumber} | {'ya' if r.ok else 'TIDAK'} |")
    lines += ["", "Indikator penentu (decisive) per siklus, urut menurut porsi varians IID "
              "(`metadata.json`, `decisive_indicators` dan `variance_share`):", "",
              "| tahun | indikator penentu (porsi varians) | porsi terbesar indikator lain | "
              "porsi jumlah inovasi |", "|---|---|---|---|"]
    meta = panel.metadata
    for t in CYCLES:
        key = str(t)
        shares = pd.Series(meta["variance_share"][key])
        dec = meta["decisive_indicators"][key]
        other = shares.drop(dec + ["jumlah_inovasi"])
        text = ", ".join(f"`{c}` {shares[c]:.3f}" for c in dec)
        lines.append(f"| {t} | {text} | `{other.idxmax()}` {other.max():.3f} | "
                     f"{shares['jumlah_inovasi']:.3f} |")
    return "\n".join(lines) + "\n"


README_BEGIN = "<!-- calibration:begin -->"
README_END = "<!-- calibration:end -->"


def update_readme(panel: DemoPanel | None = None, path=None) -> Path:
    """Rewrite the generated part of ``data/demo/README.md`` (between the markers)."""
    from inovlab.io.export import atomic_write_text

    panel = panel or load_demo()
    path = Path(path) if path else data_dir() / "demo" / "README.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    body = (f"{README_BEGIN}\n_Dibuat oleh `python -m inovlab.sources.demo --readme` (seed "
            f"{panel.metadata['seed']}, generator {panel.metadata['generator_version']})._\n\n"
            + render_readme_table(panel) + README_END)
    return atomic_write_text(path, head + body + tail)


def _label(panel: DemoPanel) -> None:
    for df in panel.tables().values():
        df.attrs["sumber_data"] = SOURCE_KIND


# ---------------------------------------------------------------------------------------
# cache


def _fingerprint() -> str:
    """Hash of the inputs the panel depends on (this module, rules, regions, published)."""
    h = hashlib.sha1(Path(__file__).read_bytes())  # the generator's own code
    root = data_dir()
    files = sorted((root / "framework").glob("*.csv")) + [
        root / "regions" / "regions.csv", root / "published" / "hasil_terpublikasi.csv",
        root / "published" / "agregat_nasional.csv"]
    for path in files:
        if path.exists():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_dir(seed: int = DEFAULT_SEED) -> Path:
    """Folder of the cached panel for ``seed`` (``data/demo/cache/seed-<seed>``, git-ignored)."""
    return data_dir() / "demo" / "cache" / f"seed-{int(seed)}"


def _cache_valid(folder: Path, seed: int) -> bool:
    meta = folder / "metadata.json"
    if not meta.exists() or not all((folder / f"{n}.parquet").exists() for n in _CACHE_FILES):
        return False
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (info.get("generator_version") == GENERATOR_VERSION and info.get("seed") == seed
            and info.get("input_fingerprint") == _fingerprint())


def write_metadata(metadata: dict, path) -> Path:
    """Write the generator's metadata as UTF-8 JSON."""
    from inovlab.io.export import atomic_write_text

    return atomic_write_text(path, json.dumps(metadata, indent=2, ensure_ascii=False,
                                              default=_json_default) + "\n")


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def load_demo(seed: int = DEFAULT_SEED, refresh: bool = False) -> DemoPanel:
    """The demo panel for ``seed``, from the parquet cache (generated when needed).

    The cache under ``data/demo/cache/`` is rebuilt when it is missing, or when the
    generator version, the seed or the input files changed.

    Parameters
    ----------
    seed : int
    refresh : bool
        Regenerate even when the cache is valid.

    Examples
    --------
    >>> panel = load_demo()
    >>> panel.inovasi.attrs["sumber_data"], panel.metadata["seed"]
    ('demo', 2026)
    """
    seed = int(seed)
    folder = cache_dir(seed)
    if not refresh and _cache_valid(folder, seed):
        try:
            tables = {n: pd.read_parquet(folder / f"{n}.parquet") for n in _CACHE_FILES}
            metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):  # replaced by another process while reading
            pass
        else:
            panel = DemoPanel(tables["hasil"], tables["spd"], tables["inovasi"], metadata)
            _label(panel)
            return panel
    panel = generate_panel(seed)
    try:
        _write_cache(panel, folder)
    except OSError:  # read-only data folder or a concurrent writer: the cache is optional
        pass
    return panel


def _write_cache(panel: DemoPanel, folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, df in panel.tables().items():
            df.to_parquet(tmp / f"{name}.parquet", index=False)
        write_metadata(panel.metadata, tmp / "metadata.json")
        _replace_dir(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _replace_dir(new: Path, target: Path) -> None:
    """Move folder ``new`` onto ``target`` (an existing ``target`` is replaced)."""
    umask = os.umask(0)
    os.umask(umask)
    # mkdtemp/mkstemp create private (0700/0600) entries; give them the usual permissions.
    os.chmod(new, 0o777 & ~umask)
    for child in new.iterdir():
        os.chmod(child, 0o666 & ~umask)
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        try:
            os.replace(new, target)
        except OSError:
            os.replace(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


# ---------------------------------------------------------------------------------------
# files and command line


def write_panel(panel: DemoPanel, out) -> Path:
    """Write ``hasil.csv``, ``spd.csv``, ``inovasi.csv`` and ``metadata.json`` into ``out``.

    The folder is built beside ``out`` and renamed into place, so ``out`` is either the
    complete panel or untouched. An existing ``out`` is replaced only when it holds a demo
    panel written earlier (its ``metadata.json`` names this generator).

    Raises
    ------
    UsageError
        When ``out`` exists and is not an earlier demo panel.
    """
    from inovlab.errors import UsageError
    from inovlab.io.export import write_csv

    out = Path(out)
    if out.exists():
        meta = out / "metadata.json"
        ok = out.is_dir() and (not any(out.iterdir()) or (
            meta.exists() and '"inovlab.sources.demo"' in meta.read_text(encoding="utf-8")))
        if not ok:
            raise UsageError(f"Folder '{out}' sudah ada dan bukan panel demo; pilih --out lain. "
                             f"(Folder exists and is not a demo panel.)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    try:
        for name, df in panel.tables().items():
            write_csv(df, tmp / f"{name}.csv", neutralise_text=False)
        write_metadata(panel.metadata, tmp / "metadata.json")
        _replace_dir(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


_SUMMARY = {
    "id": ("Panel {label} ditulis ke {out}: {n_cycles} siklus ({first}-{last}), {n_regions} pemda, "
           "{n_inn} inovasi (seed {seed}). Berkas: hasil.csv, spd.csv, inovasi.csv, "
           "metadata.json. Bukan data resmi."),
    "en": ("Panel of {label} written to {out}: {n_cycles} cycles ({first}-{last}), {n_regions} "
           "pemda, {n_inn} innovations (seed {seed}). Files: hasil.csv, spd.csv, inovasi.csv, "
           "metadata.json. Not official data."),
}


def cli_demo(args) -> int:
    """``inovlab demo [--out DIR] [--seed N] [--lang id|en]``: write the demo panel."""
    lang = getattr(args, "lang", "id") or "id"
    panel = load_demo(args.seed)
    out = write_panel(panel, args.out)
    print(_SUMMARY[lang].format(
        label=source_label(SOURCE_KIND, lang), out=out, n_cycles=len(CYCLES), first=CYCLES[0],
        last=CYCLES[-1], n_regions=panel.hasil["kode_wilayah"].nunique(),
        n_inn=format_number(len(panel.inovasi), 0, lang), seed=args.seed))
    return 0


if __name__ == "__main__":  # pragma: no cover
    import sys

    if "--readme" in sys.argv:
        print(update_readme(load_demo(refresh="--refresh" in sys.argv)))
