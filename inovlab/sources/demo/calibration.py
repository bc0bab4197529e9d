"""Calibrating the demo panel to the published aggregates, and pinning published rows.

:func:`calibrate` solves a location shift per cycle, a common spread and a kota effect by
bisection so that the panel matches the targets of
:func:`inovlab.sources.demo.panel.calibration_targets`; :func:`pin` then gives every
published region-year its published score (within 0.5 points) or predikat. Every IID here is
:func:`inovlab.sources.demo.generator.fast_iid`, i.e. :mod:`inovlab.rules.formula`.
"""

from __future__ import annotations

import numpy as np

from inovlab.rules import formula
from inovlab.sources.demo.generator import Generator, Year, bisect, fast_iid


def _iid_part(y: Year, offset: float) -> np.ndarray:
    """IID of the cycle's participants at a level offset."""
    return fast_iid(y, offset)[y.part]


def _offset_for_mean(y: Year, target: float) -> float:
    """Offset at which the participants' mean IID is ``target``."""
    return bisect(lambda o: _iid_part(y, o).mean(), -3.0, 3.0, target)


def _offset_for_sangat_inovatif(y: Year, n_si: float) -> float:
    """Middle of the offsets that give exactly ``n_si`` Sangat Inovatif."""
    si = y.fw.cutoffs["Sangat Inovatif"]

    def count(o):
        return (np.round(_iid_part(y, o), 2) >= si).sum()

    return (bisect(count, -3.0, 3.0, n_si - 0.5, iters=10)
            + bisect(count, -3.0, 3.0, n_si + 0.5, iters=10)) / 2


def _fit_spread(gen: Generator, y: Year, kota: float) -> float:
    """Spread that gives the published Kurang Inovatif count (offset fits Sangat Inovatif)."""
    tg = gen.targets.loc[y.cycle]

    def kurang_for(spread):
        gen.latent(y, spread, kota)
        y.offset = _offset_for_sangat_inovatif(y, tg["n_sangat_inovatif"])
        iid = np.round(_iid_part(y, y.offset), 2)
        return (iid < y.fw.cutoffs["Inovatif"]).sum()

    spread = bisect(kurang_for, 0.3, 2.5, tg["n_kurang_inovatif"], iters=8)
    kurang_for(spread)
    return spread


def _fit_kota(gen: Generator, y: Year, spread: float) -> float:
    """Kota effect that gives the published kota Sangat Inovatif count (offset fits the mean)."""
    tg = gen.targets.loc[y.cycle]
    si = y.fw.cutoffs["Sangat Inovatif"]

    def kota_si(kota):
        gen.latent(y, spread, kota)
        y.offset = _offset_for_mean(y, tg["rerata_iid"])
        iid = np.round(fast_iid(y, y.offset), 2)
        return ((iid >= si) & gen.is_kota & y.part).sum()

    kota = bisect(kota_si, -0.5, 2.5, tg["n_kota_sangat_inovatif"] - 1e-9, iters=8)
    kota_si(kota)
    return kota


def _mean_targets(known: dict[int, float], years, skip) -> dict[int, float]:
    """Mean IID target per remaining cycle: published, else the neighbouring cycles' mean."""
    means = {}
    for t in years:
        if t in skip:
            continue
        if t in known:
            means[t] = known[t]
            continue
        before = [k for k in sorted(known) if k < t]
        after = [k for k in sorted(known) if k > t]
        if before and after:
            means[t] = (known[before[-1]] + known[after[0]]) / 2
        else:
            means[t] = known[(before or after)[-1 if before else 0]]
    return means


def calibrate(gen: Generator, years: dict[int, Year]) -> None:
    """Solve spread, kota effect and each cycle's offset; record them in ``gen.params``."""
    tg = gen.targets
    spread, kota = 1.0, 0.5
    counts_year = next((t for t in years if not np.isnan(tg.loc[t, "n_sangat_inovatif"])
                        and not np.isnan(tg.loc[t, "n_kurang_inovatif"])), None)
    kota_year = next((t for t in years if not np.isnan(tg.loc[t, "n_kota_sangat_inovatif"])
                      and not np.isnan(tg.loc[t, "rerata_iid"])), None)
    # The spread and the kota effect interact: alternate the two fits twice.
    for _ in range(2):
        if counts_year is not None:
            spread = _fit_spread(gen, years[counts_year], kota)
        if kota_year is not None:
            kota = _fit_kota(gen, years[kota_year], spread)
    if counts_year is not None:
        spread = _fit_spread(gen, years[counts_year], kota)
    fitted = (counts_year, kota_year)
    for t in years:
        if t not in fitted:
            gen.latent(years[t], spread, kota)
    achieved = {t: float(_iid_part(years[t], years[t].offset).mean())
                for t in fitted if t is not None}
    known = {t: float(tg.loc[t, "rerata_iid"]) for t in years
             if not np.isnan(tg.loc[t, "rerata_iid"])}
    known.update({t: v for t, v in achieved.items() if t not in known})
    means = _mean_targets(known, years, fitted)
    for t, mean in means.items():
        years[t].offset = _offset_for_mean(years[t], mean)
    gen.params["calibration"] = {
        "spread": spread, "kota_effect": kota,
        "offset": {str(t): float(years[t].offset) for t in years},
        "mean_target": {str(t): float(v) for t, v in {**known, **means}.items()},
        "counts_cycle": counts_year, "kota_cycle": kota_year,
    }


def pin(gen: Generator, years: dict[int, Year]) -> None:
    """Give every published region-year its published score or predikat."""
    report = []
    for t, y in years.items():
        rows = gen.pinned_rows[gen.pinned_rows["tahun"] == t]
        if rows.empty:
            continue
        pinned = set(gen.code_index[rows["kode_wilayah"]].tolist())
        fixed_n = {r for (yy, r) in gen.pinned_n if yy == t}
        used = set()
        cut = y.fw.cutoffs
        bands = {"Sangat Inovatif": (cut["Sangat Inovatif"], 100.0),
                 "Inovatif": (cut["Inovatif"], cut["Sangat Inovatif"] - 0.01),
                 "Kurang Inovatif": (cut["Kurang Inovatif"], cut["Inovatif"] - 0.01)}
        for row in rows.itertuples():
            r = int(gen.code_index[row.kode_wilayah])
            iid = fast_iid(y, 0.0, y.spd_levels, y.sid_levels)
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
                cand = (y.part & (gen.jenis == gen.jenis[r]) & ~np.isin(
                    np.arange(len(y.part)), list(pinned | fixed_n | used)))
                cand_idx = np.flatnonzero(cand)
                if lo == hi:
                    dist = np.abs(iid[cand_idx] - want)
                else:
                    inside = (iid[cand_idx] >= lo + 0.3) & (iid[cand_idx] <= hi - 0.3)
                    dist = np.where(inside, np.abs(iid[cand_idx] - iid[r]), np.inf)
                if len(cand_idx) and np.isfinite(dist.min()):
                    other = int(cand_idx[np.argmin(dist)])
                    _swap(y, r, other)
                    used.add(other)
                    iid = fast_iid(y, 0.0, y.spd_levels, y.sid_levels)
            if lo == hi or not (lo <= round(iid[r], 2) <= hi):
                _tune(y, r, want)
            final = fast_iid(y, 0.0, y.spd_levels, y.sid_levels)[r]
            report.append({"tahun": t, "kode_wilayah": row.kode_wilayah,
                           "target": want if lo == hi else row.predikat,
                           "achieved": round(float(final), 2)})
    gen.params["published_rows"] = report


def _swap(y: Year, a: int, b: int) -> None:
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


def _tune(y: Year, r: int, want: float) -> None:
    """Move SPD levels (then SID levels) of pemda r until its IID is ``want`` +- 0.2."""
    fw = y.fw
    w_spd = fw.spd_weights.to_numpy()
    w_sid = fw.sid_weights.to_numpy()
    rows = np.flatnonzero((y.inn_region == r) & y.counted)

    def current():
        return fast_iid(y, 0.0, y.spd_levels, y.sid_levels)[r]

    gap_total = (want - current()) * fw.total_max / 100
    # Coarse: SID levels when SPD alone cannot close the gap.
    spd_now = y.spd_levels[r] @ w_spd
    room = (fw.spd_max - spd_now) if gap_total > 0 else -spd_now
    if abs(gap_total) > abs(room) - 2 and len(rows):
        need = gap_total - room + (2 if gap_total > 0 else -2)
        divisor = int(formula.divisor(len(rows), fw))
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
