"""Building the demo panel: generate, calibrate, pin, score, and describe what was achieved."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from inovlab.i18n import source_label
from inovlab.rules import formula
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_innovations, score_regions
from inovlab.sources.demo.calibration import calibrate, pin
from inovlab.sources.demo.generator import Generator
from inovlab.sources.demo.panel import (
    CYCLES,
    DEFAULT_SEED,
    GENERATOR_VERSION,
    SOURCE_KIND,
    DemoPanel,
    input_fingerprint,
)


def score_hasil(spd: pd.DataFrame, inovasi: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
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
    n = h["jumlah_inovasi"].to_numpy(float)
    for c, w in zip(fw.sid_columns, fw.sid_weights, strict=True):
        terms[c] = formula.rata_kematangan(sums[c].to_numpy(float) * w, n, fw)
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
        ``hasil``, ``spd``, ``inovasi`` and ``metadata`` (``sumber_data``: ``"demo"``); wrap
        the tables in :meth:`inovlab.sources.provenance.Inputs.demo` to label them.

    Examples
    --------
    >>> p = generate_panel(7)
    >>> sorted(p.hasil["tahun"].unique().tolist()) == list(CYCLES)
    True
    """
    started = time.perf_counter()
    gen = Generator(seed)
    gen.structure()
    years = {t: gen.draw_year(t) for t in CYCLES}
    for y in years.values():
        gen.latent(y, 1.0, 0.5)
    calibrate(gen, years)
    for y in years.values():
        gen.finalise_levels(y)
    pin(gen, years)
    spd, inovasi = gen.tables(years)
    hasil = score_hasil(spd, inovasi, gen.regions)
    metadata = _metadata(gen, years, hasil, spd, inovasi)
    metadata["generation_seconds"] = round(time.perf_counter() - started, 2)
    return DemoPanel(hasil, spd, inovasi, metadata)


def _metadata(gen: Generator, years, hasil, spd, inovasi) -> dict:
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
        "input_fingerprint": input_fingerprint(),
    }


def achieved_values(hasil: pd.DataFrame, inovasi: pd.DataFrame) -> dict:
    """The panel's values of the calibration targets, per cycle.

    Examples
    --------
    >>> from inovlab.sources.demo import load_demo
    >>> panel = load_demo()
    >>> v = achieved_values(panel.hasil, panel.inovasi)
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

