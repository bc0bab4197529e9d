"""Benchmark of the one rank model (issue 11): the national field, 20,000 draws.

Times :func:`inovlab.analysis.rank_model.outlook` plus its summary for one region against
the other 551 pemda of the demo panel (2026 scores, moved once by the observed changes of
2022-2026 conditional on the level, the own score losing points to verification), end to end
including the twin run that draws the changes regardless of level (reported beside
P(top 10)). Goal: <= 2 s on the 2-core machine. Best wall-clock time of 5 runs; CPU time and
the load average are printed too, because the machine may be shared.

The last line is ``ratio=<goal / best> seconds=<best>`` (ratio >= 1 meets the goal).

Run: ``python benchmarks/bench_rank_model.py``
"""

from __future__ import annotations

import os
import time

import numpy as np

from inovlab.analysis.claims import region_claims
from inovlab.analysis.rank_model import ChangeModel, RankSettings, outlook
from inovlab.sources.demo import load_demo

GOAL = 2.0
REGION = "19.71"


def main() -> None:
    panel = load_demo()
    hasil = panel.hasil
    now = hasil[hasil["tahun"] == 2026]
    rivals = now.loc[now["kode_wilayah"] != REGION, "skor_iid"].to_numpy(float)
    own_inov = panel.inovasi[(panel.inovasi["kode_wilayah"] == REGION)
                             & (panel.inovasi["tahun"] == 2026)]
    own_spd = panel.spd[(panel.spd["kode_wilayah"] == REGION) & (panel.spd["tahun"] == 2026)]
    claims = region_claims(own_inov, own_spd, 2026, jenis={REGION: "kota"})
    changes = ChangeModel.from_hasil(hasil, until=2025)
    settings = RankSettings(n_draws=20_000)
    walls, cpus = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time()
        drawn = outlook(rivals, float(claims.iid()[0]), own_is_claim=True, steps=1,
                        changes=changes, claims=claims, settings=settings)
        summary = drawn.summary(si_cutoff=65.01)
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    best = min(walls)
    print(f"field: {len(rivals) + 1} pemda, {settings.n_draws:,} draws, "
          f"{changes.n} observed changes (corr level/change {changes.correlation:.2f})")
    print(f"P(top 10) = {summary['p_top_k']:.4f} (MC se {summary['mc_se']:.4f}); "
          f"regardless of level {summary['p_top_k_tanpa_syarat_level']:.4f}; "
          f"rank median {summary['median']} [{summary['p05']}, {summary['p95']}]")
    print(f"wall s: {', '.join(f'{w:.2f}' for w in walls)}; "
          f"cpu s: {', '.join(f'{c:.2f}' for c in cpus)}; load {os.getloadavg()[0]:.2f}")
    print(f"ratio={GOAL / best:.2f} seconds={best:.3f}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
