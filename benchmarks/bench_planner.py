"""Benchmark: the self-verifying planner and the exact drop what-if on a large city.

A synthetic city of 300 counted innovations (random evidence levels, some weak ones, seven
urusan) and one SPD row. Times:

1. ``plan_target`` to ``IID + 3`` with every decision open (withdrawals, new innovations
   whose levels the planner chooses): one exact MILP per final count, pruned by the exact
   best IID per count and the linear-relaxation bound; the plan is verified by re-scoring.
2. The same target with the old decisions only (no withdrawal, fixed kematangan 80).
3. ``whatif.best_drop`` (exact over every subset) against "drop the k lowest".

Run::

    python benchmarks/bench_planner.py

The last line is ``ratio=<seconds all decisions / seconds old decisions> seconds=<seconds
all decisions>``. No target is set by the issue; the figures go into its closing note.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from inovlab.analysis.planner import plan_target
from inovlab.analysis.whatif import best_drop, drop_scenarios
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score_innovations, urusan_position

N = 300
URUSAN = ["kesehatan", "pendidikan", "sosial", "pekerjaan umum dan penataan ruang",
          "perumahan rakyat dan kawasan permukiman", "pariwisata", "perhubungan"]


def make_city(fw, seed: int = 0):
    rng = np.random.default_rng(seed)
    levels = rng.integers(1, 4, size=(N, len(fw.sid_columns)))
    levels[rng.random(N) < 0.05] = 0                # a few weak innovations
    inov = pd.DataFrame(levels, columns=fw.sid_columns)
    inov["tahun"], inov["kode_wilayah"], inov["tahapan"] = fw.cycle, "x", "penerapan"
    inov["id_inovasi"] = [f"x{j}" for j in range(N)]
    # the fifth basic urusan rests on one weak innovation
    inov["urusan"] = rng.choice(URUSAN[:4] + URUSAN[5:], size=N)
    inov.loc[0, "urusan"], inov.loc[0, fw.sid_columns] = URUSAN[4], 0
    spd = pd.DataFrame({"tahun": [fw.cycle], "kode_wilayah": ["x"]})
    for col in fw.spd_columns:
        spd[col] = 1
    return inov, spd


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main() -> None:
    fw = load_framework(2026)
    inov, spd = make_city(fw)
    first, _ = timed(lambda: plan_target(inov, spd, "x", target_iid=1.0, framework=fw))
    start = first.ringkasan["skor_iid_awal"].iloc[0]
    target = round(start + 3.0, 2)
    full, t_full = timed(lambda: plan_target(inov, spd, "x", target_iid=target,
                                             kematangan_baru="pilih", urusan_baru="sosial",
                                             framework=fw))
    old, t_old = timed(lambda: plan_target(inov, spd, "x", target_iid=target,
                                           kematangan_baru=80, urusan_baru="sosial",
                                           tarik=False, framework=fw))
    for name, plan, secs in (("all decisions", full, t_full), ("old decisions", old, t_old)):
        s = plan.ringkasan.iloc[0]
        print(f"{name}: {secs:.2f} s, cost {s['total_biaya']:.1f}, IID {start:.3f} -> "
              f"{s['skor_iid_baru']:.3f} (published {s['skor_iid_dibulatkan']:.2f}, target "
              f"{target:.2f}), verified {s['terverifikasi']}, withdrawn {s['n_ditarik']}, "
              f"new {s['n_baru']}")
    scored = score_innovations(inov, fw)
    k = scored["skor_kematangan"].to_numpy(float)
    pos = urusan_position(inov["urusan"], fw)
    spd_score = float(spd[fw.spd_columns].to_numpy()[0] @ fw.spd_weights.to_numpy())
    (dropped, total), t_drop = timed(lambda: best_drop(k, pos, np.zeros(0), np.zeros(0, int),
                                                       spd_score, fw))
    _, terms = drop_scenarios(k, pos, np.zeros(0), np.zeros(0, int), spd_score, fw)
    lowest = float(np.max(terms["skor_total"]))
    print(f"best_drop over {N} innovations: {t_drop * 1000:.1f} ms, drops {len(dropped)}; "
          f"IID exact {total / fw.total_max * 100:.3f} vs drop-the-k-lowest "
          f"{lowest / fw.total_max * 100:.3f}")
    print(f"ratio={t_full / t_old:.2f} seconds={t_full:.2f}")


if __name__ == "__main__":
    main()
