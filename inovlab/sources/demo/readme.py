"""The calibration report: every target beside the achieved value, and ``data/demo/README.md``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.resources import data_dir
from inovlab.sources import published
from inovlab.sources.demo.build import achieved_values
from inovlab.sources.demo.cache import load_demo
from inovlab.sources.demo.panel import CYCLES, DemoPanel


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
