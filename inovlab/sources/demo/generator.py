"""The demo generator's world: persistent capacity, each cycle's innovations, and the tables.

Everything is vectorised over the 552 pemda and their innovations, with one explicit seed.
The levels come from an ordinal model on latent scores (:func:`ordinal_levels`); the IID of
the arrays during calibration is :func:`fast_iid`, which calls :mod:`inovlab.rules.formula`
like every other IID in inovlab.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from inovlab.resources import data_dir
from inovlab.rules import formula
from inovlab.rules.framework import load_framework
from inovlab.sources import published
from inovlab.sources.demo.panel import (
    CYCLES,
    DECISIVE_BASE,
    DECISIVE_LOADING,
    DECISIVE_POOL,
    GENERIC_THEMES,
    NEW_PROVINCES_FIRST_CYCLE,
    NOISE_LOADING,
    NOT_AUTONOMOUS_PREFIX,
    OPD_CATALOGUE,
    SYLLABLES,
    THEMES,
    calibration_targets,
)


@dataclass
class Year:
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


LEVEL_CUTS = np.array([-1.0, 0.0, 1.0])


def ordinal_levels(z: np.ndarray, offset: float) -> np.ndarray:
    """Ordinal levels 0-3: how many of the cuts lie below ``z + offset``."""
    x = z + offset
    out = (x > LEVEL_CUTS[0]).view(np.int8).copy()
    out += (x > LEVEL_CUTS[1]).view(np.int8)
    out += (x > LEVEL_CUTS[2]).view(np.int8)
    return out


def year_rules(fw) -> dict:
    """Weights and formula parameters of a cycle, read once (the calibration loops reuse them)."""
    return {"w_spd": fw.spd_weights.to_numpy(), "w_sid": fw.sid_weights.to_numpy(),
            "formula": formula.formula_rules(fw)}


def fast_iid(y: Year, offset: float, spd_levels=None, sid_levels=None):
    """IID per region with :mod:`inovlab.rules.formula` on the generator's arrays.

    Without explicit levels, only the counted innovations are levelled (the others do
    not enter the index), from the latent scores at ``offset``.
    """
    r = y.rules
    n_regions = len(y.part)
    spd_l = ordinal_levels(y.spd_z, offset) if spd_levels is None else spd_levels
    spd_score = np.where(y.part, formula.kematangan(spd_l, r["w_spd"]), 0.0)
    if sid_levels is None:
        k = formula.kematangan(ordinal_levels(y.sid_zc, offset), r["w_sid"])
        region = y.region_c
    else:
        k = formula.kematangan(sid_levels[y.counted], r["w_sid"])
        region = y.inn_region[y.counted]
    sum_k, n_c = formula.group_totals(k, region, n_regions)
    return formula.region_iid(spd_score, sum_k, n_c, y.covered, r["formula"])


def covered_urusan(y: Year) -> np.ndarray:
    """Basic-service urusan covered per region by its counted innovations (via their OPD)."""
    basic = y.fw.basic_service_urusan
    opd_basic = np.array([basic.index(o[1]) if o[1] in basic else -1 for o in OPD_CATALOGUE])
    return formula.basic_urusan_covered(opd_basic[y.opd], y.inn_region, len(y.part),
                                        len(basic), y.counted)


def bisect(fn, lo, hi, target, iters=11):
    """Root of an increasing ``fn(x) - target`` on [lo, hi] by bisection."""
    for _ in range(iters):
        mid = (lo + hi) / 2
        if fn(mid) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


class Generator:
    """The synthetic world of one seed: persistent structure, then one :class:`Year` per cycle.

    Calibration and pinning of published rows are in :mod:`inovlab.sources.demo.calibration`.
    """


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
            "level_cuts": LEVEL_CUTS.tolist(), "decisive_loading": DECISIVE_LOADING,
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
    def draw_year(self, t: int) -> Year:
        """Who takes part, how many innovations, and each innovation's attributes."""
        rng, fw = self.rng, self.frameworks[t]
        cap0 = self.capacity(t, 0.5)
        part = self._participants(t, cap0)
        n = self._innovation_counts(t, part, cap0)
        inn_region = np.repeat(np.arange(len(self.regions)), n)
        m = len(inn_region)
        opd_w = np.array([o[2] for o in OPD_CATALOGUE])
        opd = rng.choice(len(OPD_CATALOGUE), size=m, p=opd_w / opd_w.sum())
        p_stage = self.targets.loc[t, ["p_penerapan", "p_uji_coba", "p_inisiatif"]].to_numpy(
            float)
        stage = rng.choice(3, size=m, p=p_stage / p_stage.sum())
        date, counted = self._dates(t, fw, stage)
        weak = rng.random(m) < 0.015
        words = np.round(np.exp(rng.normal(np.log(450), 0.25, m))).astype(np.int64)
        words[weak] = rng.integers(120, 300, weak.sum())
        video = np.clip(np.round(rng.normal(215, 45, m)), 45, 300).astype(np.int64)
        long_video = rng.random(m) < 0.05
        video[long_video] = rng.integers(301, 480, long_video.sum())
        y = Year(t, fw, part, n, inn_region, opd, stage, date, counted, weak, words, video)
        y.rules = year_rules(fw)
        y.covered = covered_urusan(y)
        return y

    def _participants(self, t: int, cap0: np.ndarray) -> np.ndarray:
        """Published count (per cluster where published); the weakest stay out."""
        tg = self.targets.loc[t]
        n_reg = len(self.regions)
        able = self.eligible.copy()
        first = np.array([NEW_PROVINCES_FIRST_CYCLE.get(p, 0) for p in self.prov_code])
        able &= ~(self.is_prov & (first > t))
        forced = np.zeros(n_reg, bool)
        pinned = self.pinned_rows[self.pinned_rows["tahun"] == t]
        forced[self.code_index[pinned["kode_wilayah"]].to_numpy()] = True
        for (yy, r) in self.pinned_n:
            forced[r] |= yy == t
        propensity = cap0 + self.rng.gumbel(0, 0.6, n_reg) - 1.5 * self.papua + 100.0 * forced
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
        return part & able

    def _innovation_counts(self, t: int, part: np.ndarray, cap0: np.ndarray) -> np.ndarray:
        """The published total shared out by capacity, cluster and population."""
        n = np.zeros(len(self.regions), np.int64)
        fixed = {r: v for (yy, r), v in self.pinned_n.items() if yy == t and part[r]}
        free = part.copy()
        free[list(fixed)] = False
        weight = np.exp(0.4 * cap0 + 0.15 * self.log_pop) * np.where(
            self.is_prov, 2.2, np.where(self.is_kota, 1.3, 1.0))
        weight = np.where(free, weight, 0.0)
        total = int(self.targets.loc[t, "inovasi"]) - sum(fixed.values())
        minimum = 3
        n[free] = minimum
        n += self.rng.multinomial(total - minimum * free.sum(), weight / weight.sum())
        for r, v in fixed.items():
            n[r] = v
        return n

    def _dates(self, t: int, fw, stage: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Implementation dates and whether each innovation counts.

        Inside the window (T-2 .. T-1 where the cycle has none), a few older ones; trials
        and initiatives are recent; an initiative has no date.
        """
        rng, m = self.rng, len(stage)
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
        date[stage == 2] = np.datetime64("NaT")
        inside = np.ones(m, bool)
        if fw.window[0]:
            inside &= date >= np.datetime64(fw.window[0])
        if fw.window[1]:
            inside &= date <= np.datetime64(fw.window[1])
        return date, (stage == 0) & inside


    def latent(self, y: Year, spread: float, kota_effect: float, full: bool = False):
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

    def finalise_levels(self, y: Year):
        cal = self.params["calibration"]
        self.latent(y, cal["spread"], cal["kota_effect"], full=True)
        y.spd_levels = ordinal_levels(y.spd_z, y.offset)
        y.spd_levels[~y.part] = 0
        y.sid_levels = ordinal_levels(y.sid_z, y.offset)

    # -- calibration --------------------------------------------------------------------

    def tables(self, years: dict[int, Year]):
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

    def _names(self, y: Year) -> np.ndarray:
        rng = np.random.default_rng([self.seed, y.cycle, 11])
        m = len(y.inn_region)
        acronym = (SYLLABLES[rng.integers(0, len(SYLLABLES), m)].astype(object)
                   + SYLLABLES[rng.integers(0, len(SYLLABLES), m)].astype(object)
                   + SYLLABLES[rng.integers(0, len(SYLLABLES), m)].astype(object))
        pick = rng.integers(0, 1_000_000, m)
        theme = np.empty(m, dtype=object)
        for k, (_, urusan, _) in enumerate(OPD_CATALOGUE):
            rows = y.opd == k
            options = np.array(THEMES.get(urusan, GENERIC_THEMES), dtype=object)
            theme[rows] = options[pick[rows] % len(options)]
        return acronym + " - " + theme

