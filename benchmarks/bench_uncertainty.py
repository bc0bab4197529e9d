"""Benchmark of the rank-uncertainty Monte Carlo (issue 4, section 3).

Times, in the same run and on the same data:

* the vectorised path, ``rank_uncertainty(..., method="fast")``: 10,000 draws for all 552
  regions of the demo panel's 2026 cycle (20 SPD + 20 SID indicators, ~42,000 innovations),
  with all three sources on (verification risk p = 0.1, the observed year-on-year changes,
  weight noise 0.1), end to end (scoring the claims included); best wall-clock time of 5
  runs (the machine is shared, so the load average and CPU time are printed too);
* the naive path, ``method="naive"``, which re-scores every draw with
  ``inovlab.rules.scoring.score_regions`` (two calls per draw with weight noise). It is timed on a
  few draws and **extrapolated** linearly to 10,000 draws.

If the demo panel is not available a synthetic national panel of the same size is used.
The last line is ``ratio=<naive/fast> seconds=<fast>``.

Measured (demo panel, 2-core machine shared with other sessions; best of the 5 calls,
minimum over 3 runs of the script):

* before (commit 5a60d5e: binary searches per draw, (draws x regions) arrays for the whole
  run): 2.64 s on a quiet machine (issue 11's closing note); 2.86 s here at load 2.3;
* after (one sort per draw with run lengths only for ties, blocks of 500 draws, BLAS on one
  thread for a block's small products, per-region rows for the summaries, a leaner loss
  sampler): 1.19 s at load 2.5 (CPU 1.19 s); old and new run one after the other at load
  2.3: 2.86 s against 1.20 s. Draws and results are identical to the old code's, bit for
  bit (same random stream).
"""

from __future__ import annotations

import os
import time

import numpy as np
import pandas as pd

from inovlab.analysis.uncertainty import observed_changes, rank_uncertainty
from inovlab.rules.framework import load_framework

N_DRAWS = 10_000
NAIVE_DRAWS = 4
SETTINGS = {"downgrade_prob": 0.1, "downgrade": "satu", "weight_noise": 0.1, "seed": 0}


def _synthetic(tahun: int = 2026, seed: int = 1):
    from inovlab.io.regions import load_regions
    rng = np.random.default_rng(seed)
    fw = load_framework(tahun)
    codes = load_regions()["kode_wilayah"].to_numpy()
    skill = rng.uniform(0.3, 0.95, len(codes))
    n = rng.poisson(75, len(codes)) + 1
    rid = np.repeat(np.arange(len(codes)), n)
    inov = pd.DataFrame(rng.binomial(3, skill[rid][:, None], (len(rid), 20)),
                        columns=fw.sid_columns)
    inov.insert(0, "urusan", rng.choice(["pendidikan", "kesehatan", "sosial"], len(rid)))
    inov.insert(0, "tahapan", "penerapan")
    inov.insert(0, "kode_wilayah", codes[rid])
    inov.insert(0, "tahun", tahun)
    spd = pd.DataFrame(rng.binomial(3, skill[:, None], (len(codes), 20)),
                       columns=fw.spd_columns)
    spd.insert(0, "kode_wilayah", codes)
    spd.insert(0, "tahun", tahun)
    return inov, spd, rng.normal(0, 10, 552), "synthetic"


def _data():
    try:
        from inovlab.sources.demo import load_demo
        panel = load_demo()
    except Exception as exc:  # fall back to synthetic data when the demo is unavailable
        print(f"demo unavailable ({exc}); synthetic panel")
        return _synthetic()
    tahun = int(panel.hasil["tahun"].max())
    return (panel.inovasi[panel.inovasi["tahun"] == tahun],
            panel.spd[panel.spd["tahun"] == tahun],
            observed_changes(panel.hasil, tahun), "demo")


def main() -> None:
    inov, spd, yoy, kind = _data()
    print(f"data: {kind}; {spd['kode_wilayah'].nunique()} regions, {len(inov)} innovations, "
          f"{N_DRAWS} draws, settings {SETTINGS}")
    times, cpu = [], []
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = rank_uncertainty(inov, spd, yoy_changes=yoy, n_draws=N_DRAWS, **SETTINGS)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    fast = min(times)
    print(f"fast: wall {', '.join(f'{t:.2f}' for t in times)} s (best {fast:.2f} s, median "
          f"{sorted(times)[2]:.2f} s); CPU {', '.join(f'{t:.2f}' for t in cpu)} s; "
          f"{len(out)} regions; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    start = time.perf_counter()
    rank_uncertainty(inov, spd, yoy_changes=yoy, n_draws=NAIVE_DRAWS, method="naive",
                     **SETTINGS)
    per_draw = (time.perf_counter() - start) / NAIVE_DRAWS
    naive = per_draw * N_DRAWS
    print(f"naive: {per_draw:.3f} s per draw, timed on {NAIVE_DRAWS} draws and extrapolated "
          f"to {N_DRAWS} draws = {naive:.0f} s")
    print(f"ratio={naive / fast:.0f} seconds={fast:.2f}")


if __name__ == "__main__":
    main()
