"""Least-cost target planner: the cheapest evidence changes that reach a target (issue 4, §4).

Targets: ``IID >= x``; ``rank <= k`` in the cluster against a cycle's distribution (by default
the latest cycle of ``hasil``); Sangat Inovatif. Several targets combine (the highest IID
needed). The changes and their costs come from an editable table
(``data/planner/biaya_default.csv``; assumed defaults, see its README).

Integer program (solved exactly with ``scipy.optimize.milp``, HiGHS branch and bound)
--------------------------------------------------------------------------------------
For a region with SPD levels ``L_k``, ``n`` counted innovations with levels ``l_ij``,
kematangan sum ``S``, divisor floor ``d``, and ``a`` added innovations of kematangan ``s``:

    minimise   sum_k c_k x_k + sum_i c_i z_i + c_new a
    subject to sum_k w_k x_k + sum_i w_i z_i / D_a >= T * target / 100 - base_a
               0 <= x_k <= 3 - L_k,  0 <= z_i <= sum_j (3 - l_ij),  integers
    with       D_a = MAX(d, n + a),  base_a = SPD + (S + a s) / D_a + J(n + a)

``x_k`` are level steps of SPD indicator ``k``; ``z_i`` the level steps on SID indicator
``i`` summed over the region's innovations (raising ``i`` by one level on ``m`` innovations
adds ``w_i m / D_a`` SID points, whichever innovations they are, so the aggregation is
exact); indicators marked ``dapat_diubah = tidak`` have no steps. The divisor and the
jumlah-inovasi term ``J`` are not linear in ``a``, so the program is solved once for each
``a = 0 .. max_new`` and the cheapest is kept: the optimum is exact. Ties in cost prefer
fewer added innovations. The steps on an indicator are spread over the innovations lowest
level first (any spread gives the same score).

The plan is verified by re-scoring the changed tables with :mod:`inovlab.rules.scoring`.

References
----------
Wolsey, L. A. (2020). *Integer Programming*, 2nd ed., Wiley (knapsack-type covering
programs). Huangfu, Q. & Hall, J. A. J. (2018). Parallelizing the dual revised simplex
method. *Math. Prog. Comp.* 10, 119-142 (HiGHS, behind ``scipy.optimize.milp``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from inovlab.analysis.scenarios import kematangan_levels
from inovlab.analysis.whatif import (
    cluster_distribution,
    prepare_region,
    rank_in_distribution,
    spd_score_of,
)
from inovlab.errors import DataError, Problem, UsageError
from inovlab.i18n import check_lang, format_number, message
from inovlab.resources import data_dir
from inovlab.rules import formula
from inovlab.rules.framework import Framework
from inovlab.rules.scoring import (
    level_matrix,
    score_innovations,
    score_regions,
    urusan_position,
)

__all__ = ["load_costs", "plan_target", "PlanResult", "PLAN_COLUMNS"]

NEW = "inovasi_baru"
PLAN_COLUMNS = ["langkah", "indikator", "nama_indikator", "dari_level", "ke_level",
                "jumlah_inovasi", "biaya", "tambahan_iid"]
ALLOCATION_COLUMNS = ["id_inovasi", "indikator", "dari_level", "ke_level"]

MESSAGES = {
    "no_target": {"id": "Tentukan minimal satu target: target_iid, target_peringkat atau "
                        "sangat_inovatif=True.",
                  "en": "Give at least one target: target_iid, target_peringkat or "
                        "sangat_inovatif=True."},
    "column": {"id": "kolom wajib '{col}' tidak ada", "en": "required column '{col}' missing"},
    "unknown": {"id": "indikator tidak dikenal pada siklus ini",
                "en": "unknown indicator for this cycle"},
    "cost": {"id": "biaya harus angka >= 0", "en": "cost must be a number >= 0"},
    "flag": {"id": "dapat_diubah harus 'ya' atau 'tidak'", "en": "dapat_diubah must be ya/tidak"},
    "reached": {"id": "Target sudah tercapai tanpa perubahan: IID {iid} (target {target}).",
                "en": "Target already met without changes: IID {iid} (target {target})."},
    "plan": {"id": "Rencana termurah: biaya {cost} {unit}; IID {start} -> {end} ({pred}), "
                   "peringkat {rank_from} -> {rank_to} dari {n} di klaster {cluster}.",
             "en": "Least-cost plan: cost {cost} {unit}; IID {start} -> {end} ({pred}), "
                   "rank {rank_from} -> {rank_to} of {n} in cluster {cluster}."},
    "infeasible": {"id": "Target tidak dapat dicapai: IID yang diperlukan {target}, sedangkan "
                         "IID tertinggi yang mungkin dengan semua perubahan yang diizinkan "
                         "adalah {best}. Longgarkan target, izinkan indikator lain diubah, "
                         "atau izinkan menambah inovasi.",
                   "en": "Target cannot be reached: IID needed {target}, but the highest IID "
                         "possible with every allowed change is {best}. Relax the target, "
                         "allow more indicators to change, or allow new innovations."},
    "new_name": {"id": "Tambah inovasi baru (kematangan {s})",
                 "en": "Add new innovations (kematangan {s})"},
}


def _msg(key, lang, **values):
    return message(MESSAGES, key, lang, **values)


def load_costs(source=None, framework: Framework | None = None, lang: str = "id") -> pd.DataFrame:
    """Read and check the cost table (default ``data/planner/biaya_default.csv``).

    Parameters
    ----------
    source : path or DataFrame, optional
        Columns ``indikator`` (``spd_12``, ``ind_33``, ``inovasi_baru``),
        ``biaya_per_langkah`` (cost of one level step; for SID indicators per innovation;
        for ``inovasi_baru`` per new innovation) and ``dapat_diubah`` (``ya``/``tidak``).
    framework : Framework, optional
        Checks the indicator codes.

    Returns
    -------
    DataFrame
        Indexed by ``indikator``: ``biaya_per_langkah`` (float), ``dapat_diubah`` (bool),
        ``catatan``. ``attrs["satuan"]`` is the unit (``hari-orang``).

    Raises
    ------
    DataError
        Every bad row (row, column, reason).

    Examples
    --------
    >>> c = load_costs()
    >>> float(c.loc["ind_33", "biaya_per_langkah"]), bool(c.loc["spd_8", "dapat_diubah"])
    (3.0, False)
    """
    check_lang(lang)
    name = "biaya_default.csv"
    if source is None:
        source = data_dir() / "planner" / "biaya_default.csv"
    if isinstance(source, (str, Path)):
        name = Path(source).name
        if not Path(source).exists():
            raise UsageError(f"Berkas biaya tidak ditemukan: {name} (file not found)")
        table = pd.read_csv(source, sep=None, engine="python", dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
    else:
        table = source.copy()
    table.columns = [str(c).strip().lower() for c in table.columns]
    problems = [Problem(name, None, col, None, _msg("column", lang, col=col), "COLUMN")
                for col in ("indikator", "biaya_per_langkah") if col not in table]
    if problems:
        raise DataError(problems, lang)
    if "dapat_diubah" not in table:
        table["dapat_diubah"] = "ya"
    if "catatan" not in table:
        table["catatan"] = ""
    known = None
    if framework is not None:
        known = set(framework.spd_columns) | set(framework.sid_columns) | {NEW}
    rows = []
    for pos, rec in enumerate(table.to_dict("records")):
        row = pos + 2
        code = str(rec["indikator"]).strip().lower()
        cost = pd.to_numeric(str(rec["biaya_per_langkah"]).replace(",", "."), errors="coerce")
        flag = str(rec["dapat_diubah"]).strip().lower() or "ya"
        bad = len(problems)
        if known is not None and code not in known:
            problems.append(Problem(name, row, "indikator", code, _msg("unknown", lang),
                                    "UNKNOWN"))
        if pd.isna(cost) or cost < 0:
            problems.append(Problem(name, row, "biaya_per_langkah", str(rec["biaya_per_langkah"]),
                                    _msg("cost", lang), "COST"))
        if flag not in ("ya", "tidak", "true", "false", "yes", "no", "1", "0"):
            problems.append(Problem(name, row, "dapat_diubah", flag, _msg("flag", lang), "FLAG"))
        if len(problems) == bad:
            rows.append({"indikator": code, "biaya_per_langkah": float(cost),
                         "dapat_diubah": flag in ("ya", "true", "yes", "1"),
                         "catatan": rec["catatan"]})
    if problems:
        raise DataError(problems, lang)
    out = pd.DataFrame(rows).drop_duplicates("indikator", keep="last").set_index("indikator")
    out.attrs["satuan"] = "hari-orang"
    return out


@dataclasses.dataclass
class PlanResult:
    """A least-cost plan (or why there is none).

    Attributes
    ----------
    tercapai : bool
        Whether the target can be reached.
    pesan : str
        One-paragraph explanation (Indonesian by default).
    rencana : DataFrame
        Columns ``langkah, indikator, nama_indikator, dari_level, ke_level, jumlah_inovasi,
        biaya, tambahan_iid`` (empty when unreachable or already met).
    ringkasan : DataFrame
        One row: ``kode_wilayah, nama_daerah, jenis, target_iid, skor_iid_awal,
        skor_iid_baru, predikat_awal, predikat_baru, peringkat_awal, peringkat_baru,
        n_klaster, total_biaya, satuan_biaya, iid_maksimum``.
    alokasi : DataFrame
        Which innovation gets which step: ``id_inovasi, indikator, dari_level, ke_level``.
    inovasi, spd : DataFrame
        The region's tables after the plan.
    """

    tercapai: bool
    pesan: str
    rencana: pd.DataFrame
    ringkasan: pd.DataFrame
    alokasi: pd.DataFrame
    inovasi: pd.DataFrame
    spd: pd.DataFrame


def _spread(levels: np.ndarray, steps: int) -> np.ndarray:
    """Raise the lowest levels first, one step at a time (column of one indicator)."""
    out = levels.copy()
    for _ in range(int(steps)):  # at most 3 n steps on one indicator of one region
        j = int(np.argmin(np.where(out < 3, out, 99)))
        out[j] += 1
    return out


def _solve(costs, gains, upper, need):
    """min c.x  s.t.  g.x >= need, 0 <= x <= u integer; (cost, x) or None if infeasible."""
    if need <= 1e-12:
        return 0.0, np.zeros(len(costs))
    if gains @ upper < need - 1e-9:
        return None
    res = milp(c=costs, constraints=LinearConstraint(gains[None, :], lb=need, ub=np.inf),
               integrality=np.ones(len(costs)), bounds=Bounds(np.zeros(len(costs)), upper),
               options={"mip_rel_gap": 0.0})
    if res.status != 0 or res.x is None:
        return None
    x = np.rint(res.x)
    return float(costs @ x), x


def plan_target(inovasi: pd.DataFrame, spd: pd.DataFrame, region: str,
                tahun: int | None = None, *, target_iid: float | None = None,
                target_peringkat: int | None = None, sangat_inovatif: bool = False,
                hasil: pd.DataFrame | None = None, siklus_peringkat: int | None = None,
                costs=None, kematangan_baru: float | None = None,
                urusan_baru: str | None = None, max_baru: int = 50,
                framework: Framework | None = None, jenis: str | None = None,
                lang: str = "id") -> PlanResult:
    """Find the least-cost changes that reach a target, exactly (integer program).

    Parameters
    ----------
    inovasi, spd : DataFrame
        Canonical tables (the region's rows are used; every region's when ``hasil`` is not
        given, for the rank distribution).
    region : str
        Kode wilayah or name.
    tahun : int, optional
        The cycle of the evidence (required when the tables hold several).
    target_iid : float, optional
        IID to reach (``IID >= target_iid``).
    target_peringkat : int, optional
        Rank to reach in the cluster: ``IID >= k-th highest IID of the other regions``.
    sangat_inovatif : bool
        Reach the Sangat Inovatif cut-off of the cycle.
    hasil : DataFrame, optional
        Results (``tahun, kode_wilayah, skor_iid, jenis``) giving the rank distribution.
    siklus_peringkat : int, optional
        Cycle of ``hasil`` to rank against; default the latest cycle in ``hasil`` (the last
        cycle's distribution), or ``tahun`` scored from the inputs without ``hasil``.
    costs : path or DataFrame, optional
        Cost table (default ``data/planner/biaya_default.csv``; see :func:`load_costs`).
    kematangan_baru : float, optional
        Allow adding up to ``max_baru`` new innovations of this kematangan (cost
        ``inovasi_baru`` each). Without it no innovation is added.
    urusan_baru : str, optional
        Urusan of the new innovations (counts towards the basic-service coverage).
    lang : {"id", "en"}

    Returns
    -------
    PlanResult
        Never raises when the target is out of reach: ``tercapai`` is False and ``pesan``
        says how far the best possible IID falls short.

    Examples
    --------
    >>> inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": "a", "tahapan": "penerapan",
    ...                      "id_inovasi": [f"a{i}" for i in range(12)], "ind_35": [1] * 12})
    >>> spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"], "spd_12": [1]})
    >>> plan = plan_target(inov, spd, "a", target_iid=4.0)   # now 2.4: needs 4 more points
    >>> plan.rencana[["indikator", "dari_level", "ke_level", "biaya"]].values.tolist()
    [['spd_12', 1, 3, 10.0]]
    >>> plan_target(inov, spd, "a", target_iid=90.0).tercapai
    False
    """
    check_lang(lang)
    if target_iid is None and target_peringkat is None and not sangat_inovatif:
        raise UsageError(_msg("no_target", lang))
    fw, code, inov, spd_r, field, cluster, nama = prepare_region(inovasi, spd, region, tahun,
                                                           framework, hasil, jenis, lang)
    if hasil is not None:
        cycle = siklus_peringkat or int(hasil["tahun"].max())
        field, cluster = cluster_distribution(hasil, cycle, code, jenis)
    table = load_costs(costs, fw, lang)
    target = _target_iid(target_iid, target_peringkat, sangat_inovatif, field, fw)
    model = _build_model(inov, spd_r, table, fw, kematangan_baru, urusan_baru, max_baru)
    best, best_iid = _solve_plan(model, target * fw.total_max / 100.0, fw)

    start = _region_iid(inov, spd_r, fw, code)
    start_rank = int(rank_in_distribution([start], field)[0])
    summary = {"kode_wilayah": code, "nama_daerah": nama, "jenis": cluster,
               "target_iid": target, "skor_iid_awal": start, "skor_iid_baru": np.nan,
               "predikat_awal": fw.predicate([start])[0], "predikat_baru": "",
               "peringkat_awal": start_rank, "peringkat_baru": pd.NA,
               "n_klaster": len(field) + 1, "total_biaya": np.nan,
               "satuan_biaya": table.attrs.get("satuan", ""), "iid_maksimum": best_iid}
    if best is None:
        text = _msg("infeasible", lang, target=format_number(target, 2, lang),
                    best=format_number(best_iid, 2, lang))
        return PlanResult(False, text, pd.DataFrame(columns=PLAN_COLUMNS),
                          pd.DataFrame([summary]), pd.DataFrame(columns=ALLOCATION_COLUMNS),
                          inov, spd_r)

    cost, a, x, div = best
    rows, alloc, new_inov, new_spd = _apply_plan(model, x, div, inov, spd_r, fw, lang)
    if a:
        new_inov = pd.concat([new_inov, _new_innovations(model.s_new, a, code, urusan_baru, fw)],
                             ignore_index=True)
    end = _region_iid(new_inov, new_spd, fw, code)
    if a:  # what the steps above do not explain is the added innovations' share
        rest = end - start - sum(r["tambahan_iid"] for r in rows)
        rows.append({"indikator": NEW, "nama_indikator": _msg("new_name", lang,
                                                              s=f"{model.s_new:g}"),
                     "dari_level": pd.NA, "ke_level": pd.NA, "jumlah_inovasi": a,
                     "biaya": a * model.c_new, "tambahan_iid": rest})
    end_rank = int(rank_in_distribution([end], field)[0])
    summary.update({"skor_iid_baru": end, "predikat_baru": fw.predicate([end])[0],
                    "peringkat_baru": end_rank, "total_biaya": cost})
    plan = _plan_table(rows)
    if not len(plan):
        text = _msg("reached", lang, iid=format_number(start, 2, lang),
                    target=format_number(target, 2, lang))
    else:
        text = _msg("plan", lang, cost=format_number(cost, 1, lang),
                    unit=summary["satuan_biaya"], start=format_number(start, 2, lang),
                    end=format_number(end, 2, lang), pred=summary["predikat_baru"],
                    rank_from=start_rank, rank_to=end_rank, n=len(field) + 1, cluster=cluster)
    allocation = (pd.concat(alloc, ignore_index=True) if alloc
                  else pd.DataFrame(columns=ALLOCATION_COLUMNS))
    return PlanResult(True, text, plan, pd.DataFrame([summary]), allocation, new_inov, new_spd)


# -- the steps of plan_target -----------------------------------------------------------------

def _target_iid(target_iid, target_peringkat, sangat_inovatif, field: np.ndarray,
                fw: Framework) -> float:
    """The highest IID any of the given targets needs (a rank beyond the field needs 0)."""
    wanted = []
    if target_iid is not None:
        wanted.append(float(target_iid))
    if target_peringkat is not None and len(field) >= int(target_peringkat):
        wanted.append(float(np.sort(field)[::-1][int(target_peringkat) - 1]))
    elif target_peringkat is not None:
        wanted.append(0.0)
    if sangat_inovatif:
        wanted.append(fw.cutoffs["Sangat Inovatif"])
    return max(wanted)


@dataclasses.dataclass
class _Model:
    """One region's integer programs, one per number ``a`` of added innovations.

    ``c_*`` cost per level step, ``up_*`` steps allowed, ``w_*`` weights (SPD: per indicator;
    SID: summed over the counted innovations); ``bases[j]``/``divs[j]`` the total score and
    divisor with ``added[j]`` new innovations of kematangan ``s_new`` at cost ``c_new`` each.
    """

    counted: np.ndarray
    sid_lev: np.ndarray
    spd_lev: np.ndarray
    w_spd: np.ndarray
    w_sid: np.ndarray
    c_spd: np.ndarray
    c_sid: np.ndarray
    up_spd: np.ndarray
    up_sid: np.ndarray
    added: np.ndarray
    bases: np.ndarray
    divs: np.ndarray
    c_new: float
    s_new: float


def _step_costs(table: pd.DataFrame, cols: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Cost per step and whether the indicator may change (unlisted: may not)."""
    c = table.reindex(cols)
    ok = c["dapat_diubah"].fillna(False).to_numpy(dtype=bool)
    return c["biaya_per_langkah"].fillna(0.0).to_numpy(dtype=float), ok


def _build_model(inov: pd.DataFrame, spd_r: pd.DataFrame, table: pd.DataFrame, fw: Framework,
                 kematangan_baru, urusan_baru, max_baru: int) -> _Model:
    """Levels, costs, bounds and the per-``a`` base score of the region (module docstring)."""
    scored = score_innovations(inov, fw) if len(inov) else None
    counted = (scored["dihitung"].to_numpy(dtype=bool) if scored is not None
               else np.zeros(0, dtype=bool))
    sid_lev = np.clip(np.rint(level_matrix(inov, fw.sid_columns)), 0, 3)
    spd_lev = np.clip(np.rint(level_matrix(spd_r, fw.spd_columns)[0]), 0, 3)
    c_spd, ok_spd = _step_costs(table, fw.spd_columns)
    c_sid, ok_sid = _step_costs(table, fw.sid_columns)

    n = int(counted.sum())
    s_sum = float(scored["skor_kematangan"].to_numpy(float)[counted].sum()) if n else 0.0
    have = (urusan_position(inov["urusan"], fw)[counted] if n and "urusan" in inov
            else np.zeros(0, dtype=np.int64))
    new_pos = int(urusan_position(pd.Series([urusan_baru]), fw)[0]) if urusan_baru else -1
    allow_new = kematangan_baru is not None and bool(table.reindex([NEW])["dapat_diubah"]
                                                      .fillna(False).iloc[0])
    if kematangan_baru is not None and kematangan_levels(kematangan_baru, fw) is None:
        raise UsageError(f"kematangan_baru {kematangan_baru} tidak dapat dicapai tepat dengan "
                         f"bobot siklus ini (not reachable with this cycle's weights).")
    s_new = float(kematangan_baru or 0.0)
    added = np.arange(0, (max_baru if allow_new else 0) + 1)
    bases, divs = scores_with_new(added, spd_score_of(spd_r, fw), s_sum, n, have, s_new,
                                  new_pos, fw)
    return _Model(counted=counted, sid_lev=sid_lev, spd_lev=spd_lev,
                  w_spd=fw.spd_weights.to_numpy(), w_sid=fw.sid_weights.to_numpy(),
                  c_spd=c_spd, c_sid=c_sid, up_spd=np.where(ok_spd, 3 - spd_lev, 0),
                  up_sid=np.where(ok_sid, (3 - sid_lev[counted]).sum(axis=0), 0),
                  added=added, bases=bases, divs=divs,
                  c_new=float(table["biaya_per_langkah"].get(NEW, 0.0)), s_new=s_new)


def _solve_plan(model: _Model, total_needed: float, fw: Framework):
    """Cheapest ``(cost, a, x, divisor)`` over every ``a`` (None if none reaches the target),
    and the highest IID any allowed change reaches."""
    best = None
    best_iid = -np.inf
    costs = np.concatenate([model.c_spd, model.c_sid])
    upper = np.concatenate([model.up_spd, model.up_sid]).astype(float)
    for a, base, div in zip(model.added.tolist(), model.bases.tolist(), model.divs.tolist(),
                            strict=True):
        # one small MILP per number of added innovations
        gains = np.concatenate([model.w_spd, model.w_sid / div])
        best_iid = max(best_iid, float(formula.iid_from_total(base + gains @ upper, fw)))
        # Scale by the divisor so that the coefficients are (quarter-)integers.
        found = _solve(costs, gains * div, upper, (total_needed - base) * div - 1e-9)
        if found is None:
            continue
        cost = found[0] + a * model.c_new
        if best is None or cost < best[0] - 1e-9:
            best = (cost, a, found[1], div)
    return best, best_iid


def _indicator_names(fw: Framework, lang: str) -> pd.Series:
    """Indicator name by column (``spd_12``, ``ind_33``) in the report's language."""
    cols = np.where(fw.indicators["unit"] == "spd", "spd_", "ind_") + fw.indicators["code"]
    return fw.indicators.assign(col=cols).set_index("col")[
        "name_en" if lang == "en" else "name_id"]


def _apply_plan(model: _Model, x: np.ndarray, div: float, inov: pd.DataFrame,
                spd_r: pd.DataFrame, fw: Framework, lang: str):
    """The solution's steps applied to copies of the tables: ``(rows, alloc, inov, spd)``.

    SPD steps set the indicator's level; the steps on a SID indicator are spread over the
    counted innovations lowest level first (:func:`_spread`), one plan row per
    ``(from, to)`` level pair, and one allocation table per indicator.
    """
    k_spd = len(fw.spd_columns)
    x_spd, z_sid = x[:k_spd].astype(int), x[k_spd:].astype(int)
    new_spd, new_inov = spd_r.copy(), inov.copy()
    names = _indicator_names(fw, lang)
    scale = 100.0 / fw.total_max
    rows, alloc = [], []
    for k in np.flatnonzero(x_spd):
        col, lo = fw.spd_columns[k], model.spd_lev[k]
        new_spd[col] = int(lo + x_spd[k])
        rows.append({"indikator": col, "nama_indikator": names[col], "dari_level": int(lo),
                     "ke_level": int(lo + x_spd[k]), "jumlah_inovasi": pd.NA,
                     "biaya": model.c_spd[k] * x_spd[k],
                     "tambahan_iid": model.w_spd[k] * x_spd[k] * scale})
    idx = np.flatnonzero(model.counted)
    ids = (inov["id_inovasi"].astype(str).to_numpy() if "id_inovasi" in inov
           else np.array([f"baris {i + 1}" for i in range(len(inov))]))
    for i in np.flatnonzero(z_sid):
        col = fw.sid_columns[i]
        before = model.sid_lev[idx, i]
        after = _spread(before, z_sid[i])
        values = model.sid_lev[:, i].copy()
        values[idx] = after
        new_inov[col] = values.astype(int)
        moved = after != before
        pairs = pd.DataFrame({"dari": before[moved].astype(int), "ke": after[moved].astype(int)})
        for (lo, hi), grp in pairs.groupby(["dari", "ke"]):
            m = len(grp)
            rows.append({"indikator": col, "nama_indikator": names[col], "dari_level": lo,
                         "ke_level": hi, "jumlah_inovasi": m,
                         "biaya": model.c_sid[i] * (hi - lo) * m,
                         "tambahan_iid": model.w_sid[i] * (hi - lo) * m / div * scale})
        alloc.append(pd.DataFrame({"id_inovasi": ids[idx][moved], "indikator": col,
                                   "dari_level": before[moved].astype(int),
                                   "ke_level": after[moved].astype(int)}))
    return rows, alloc, new_inov, new_spd


def _new_innovations(s_new: float, a: int, code: str, urusan_baru, fw: Framework):
    """``a`` implemented innovations ``BARU-<j>`` of kematangan ``s_new``."""
    levels = kematangan_levels(s_new, fw).astype(int)
    extra = pd.DataFrame(np.repeat(levels[None, :], a, axis=0), columns=fw.sid_columns)
    extra["tahun"], extra["kode_wilayah"] = fw.cycle, code
    extra["tahapan"] = str(fw.rule("counted_stage"))
    extra["id_inovasi"] = [f"BARU-{j + 1}" for j in range(a)]
    extra["urusan"] = urusan_baru
    return extra


def _plan_table(rows: list[dict]) -> pd.DataFrame:
    """Plan rows, largest IID gain first, numbered ``langkah`` 1.."""
    plan = pd.DataFrame(rows, columns=PLAN_COLUMNS[1:])
    plan = plan.sort_values("tambahan_iid", ascending=False, ignore_index=True)
    plan.insert(0, "langkah", np.arange(1, len(plan) + 1))
    for col in ("dari_level", "ke_level", "jumlah_inovasi"):
        plan[col] = plan[col].astype("Int64")
    return plan


def scores_with_new(added: np.ndarray, spd0: float, s_sum: float, n: int, have: np.ndarray,
                   s_new: float, new_pos: int, fw: Framework) -> tuple[np.ndarray, np.ndarray]:
    """Total score and divisor with ``a`` added innovations of kematangan ``s_new``, per ``a``.

    ``base_a = SPD + (S + a s) / MAX(d, n + a) + J(n + a)`` by
    :func:`inovlab.rules.formula.region_terms`, one group per ``a``; the added innovations
    cover urusan ``new_pos`` (when ``a > 0``) besides the region's own.

    Examples
    --------
    Four basic urusan now; the added ones bring a fifth, so the jumlah term switches on
    (``1260 / 12 + 0.38 * 11 + 40 = 149.18``):

    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> base, div = scores_with_new(np.arange(3), 40.0, 1200.0, 10, np.array([0, 1, 2, 3]),
    ...                            60.0, 4, fw)
    >>> base.round(3).tolist(), div.tolist()
    ([140.0, 149.18, 154.56], [12, 12, 12])
    """
    kept = np.unique(have[have >= 0])
    pos = np.concatenate([np.repeat(kept, len(added)), np.full(int((added > 0).sum()), new_pos)])
    group = np.concatenate([np.tile(np.arange(len(added)), len(kept)),
                            np.flatnonzero(added > 0)])
    covered = formula.basic_urusan_covered(pos, group, len(added), len(fw.basic_service_urusan))
    counts = n + added
    terms = formula.region_terms(np.full(len(added), spd0), s_sum + added * s_new, counts,
                                 covered, fw)
    return terms["skor_total"], formula.divisor(counts, fw)


def _region_iid(inov: pd.DataFrame, spd_r: pd.DataFrame, fw: Framework, code: str) -> float:
    """IID of one region's tables, re-scored with :mod:`inovlab.rules.scoring`."""
    if len(inov):
        scored = score_innovations(inov, fw)
    else:
        scored = pd.DataFrame({"tahun": [fw.cycle], "kode_wilayah": [code],
                               "skor_kematangan": [0.0], "dihitung": [False]})
    out = score_regions(scored, spd_r, fw)
    return float(out.loc[out["kode_wilayah"].astype(str) == code, "skor_iid"].iloc[0])
