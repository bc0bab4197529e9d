"""Benchmark: score 40,000 innovations x 20 indicators across 552 regions.

Compares the vectorised engine (``inovlab.rules.scoring.score``) with a straightforward
row-by-row implementation of the same formula, timed in the same run, and checks that
both give the same IID. Run::

    python benchmarks/bench_scoring.py

The last line is ``ratio=<naive/vectorised> seconds=<vectorised>``.
Target (issue 2): seconds <= 0.3 and ratio >= 20 on a 2-core machine.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from inovlab.io.regions import load_regions
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score

N_INNOVATIONS = 40_000
CYCLE = 2026
URUSAN = ["kesehatan", "pendidikan", "sosial", "pekerjaan umum dan penataan ruang",
          "perumahan rakyat dan kawasan permukiman", "pariwisata", "perhubungan"]


def make_data(seed: int = 0):
    rng = np.random.default_rng(seed)
    fw = load_framework(CYCLE)
    codes = load_regions()["kode_wilayah"].to_numpy()
    inn = pd.DataFrame(rng.integers(0, 4, size=(N_INNOVATIONS, 20)), columns=fw.sid_columns)
    inn.insert(0, "tahun", CYCLE)
    inn.insert(1, "kode_wilayah", rng.choice(codes, N_INNOVATIONS))
    inn["tahapan"] = rng.choice(["penerapan"] * 8 + ["uji coba", "inisiatif"], N_INNOVATIONS)
    inn["urusan"] = rng.choice(URUSAN, N_INNOVATIONS)
    inn["tanggal_penerapan"] = pd.Timestamp("2023-06-01") + pd.to_timedelta(
        rng.integers(0, 900, N_INNOVATIONS), unit="D")
    spd = pd.DataFrame(rng.integers(0, 4, size=(len(codes), len(fw.spd_columns))),
                       columns=fw.spd_columns)
    spd.insert(0, "tahun", CYCLE)
    spd.insert(1, "kode_wilayah", codes)
    return fw, inn, spd


def naive_score(inn: pd.DataFrame, spd: pd.DataFrame, fw) -> dict[str, float]:
    """The formula written the obvious way: one Python loop over rows."""
    sid_w = dict(zip(fw.sid_columns, fw.sid_weights, strict=True))
    spd_w = dict(zip(fw.spd_columns, fw.spd_weights, strict=True))
    start, end = (pd.Timestamp(d) for d in fw.window)
    basic = set(fw.basic_service_urusan)
    sid_cols, spd_cols = list(fw.sid_columns), list(fw.spd_columns)
    acc: dict[str, list] = {}
    for row in inn.to_dict("records"):
        counted = row["tahapan"] == "penerapan" and start <= row["tanggal_penerapan"] <= end
        k = sum(sid_w[c] * float(row[c]) for c in sid_cols)
        a = acc.setdefault(row["kode_wilayah"], [0.0, 0, set()])
        if counted:
            a[0] += k
            a[1] += 1
            if row["urusan"] in basic:
                a[2].add(row["urusan"])
    out = {}
    for row in spd.to_dict("records"):
        s_spd = sum(spd_w[c] * float(row[c]) for c in spd_cols)
        total_k, n, urusan = acc.get(row["kode_wilayah"], [0.0, 0, set()])
        jumlah = fw.jumlah_points * min(n, fw.jumlah_cap) if len(urusan) >= fw.urusan_min else 0
        sid = total_k / max(fw.divisor_floor, n) + jumlah
        out[row["kode_wilayah"]] = (s_spd + sid) / fw.total_max * 100
    return out


def main() -> None:
    fw, inn, spd = make_data()
    score(inn.head(100), spd, fw)  # warm-up (imports, caches)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        regions, _ = score(inn, spd, fw)
        runs.append(time.perf_counter() - t0)
    fast = min(runs)
    t0 = time.perf_counter()
    reference = naive_score(inn, spd, fw)
    slow = time.perf_counter() - t0
    got = regions.set_index("kode_wilayah")["skor_iid"]
    diff = max(abs(got[k] - v) for k, v in reference.items())
    print(f"innovations={len(inn)} regions={len(spd)} indicators={len(fw.sid_columns)}")
    print(f"vectorised best of 5: {fast:.3f} s (median {np.median(runs):.3f} s)")
    print(f"row-by-row: {slow:.3f} s; max IID difference {diff:.2e}")
    assert diff < 1e-9, "vectorised and row-by-row results differ"
    print(f"ratio={slow / fast:.1f} seconds={fast:.3f}")


if __name__ == "__main__":
    main()
