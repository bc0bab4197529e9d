"""Least-cost target planner that verifies itself (issue 4 §4, issue 11).

Targets: ``IID >= x``; ``rank <= k`` among the field (by default the latest cycle of
``hasil``); Sangat Inovatif; ``P(top k) >= q`` through a rank model's ``chance`` function.
Several targets combine (the highest IID needed), plus an optional safety ``margin``. The
changes and their costs come from an editable table (``data/planner/biaya_default.csv``;
assumed defaults, see its README).

Compared as published
---------------------
A plan counts as reaching its target only when the changed tables, re-scored by the one
formula (:mod:`inovlab.rules.scoring`), reach it the way results are published: the IID
rounded to 2 decimals, the rank ``1 +`` the number of others whose rounded IID is strictly
higher (:func:`published_rank`). ``tercapai`` comes only from that check, never from the
solver. The program aims ``TOLERANCE`` above the least IID that is published at the target
(``60.00`` is published for any IID from ``59.995``); should the re-scored plan still miss,
it is solved again with a raised aim, so a reported plan never misses. A ``margin`` asks for
more than the target when a published number must not be the only safeguard.

Integer program (``scipy.optimize.milp``, HiGHS branch and bound), one per final count ``m``
--------------------------------------------------------------------------------------------
For a region with SPD levels ``L_k`` and ``n`` counted innovations with levels ``l_ji`` and
kematangan ``K_j``; ``D = MAX(d, m)`` and ``J = p MIN(m, cap)``::

    minimise  sum_k c_k x_k + sum_i c_i (z_i + u_i) + c_new a + c_out sum_j (1 - y_j)
    s.t.      D sum_k w_k x_k + sum_j K_j y_j + sum_i w_i (z_i + u_i) + D J b
                  >= D (T total_max / 100 - SPD)                          (target)
              z_i <= sum_j (3 - l_ji) y_j                 (steps only on kept innovations)
              u_i <= 3 a  (levels chosen)  or  u_i = l_i a  (kematangan fixed)
              cov_u <= sum_{j in u} y_j + [u = urusan_baru] a,  urusan_min b <= sum_u cov_u
              sum_j y_j + a = m
              x, z, u, a integers >= 0 (bounded); y, cov, b binary

``x_k`` level steps of SPD indicator ``k``; ``y_j`` keep (1) or withdraw (0) innovation
``j`` (fixed at 1 when withdrawing is not allowed); ``z_i`` level steps on SID indicator
``i`` summed over the kept innovations (raising ``i`` by one level on any kept innovation
adds ``w_i / D`` points, so the aggregation is exact); ``a`` new innovations whose levels
sum to ``u_i`` on indicator ``i`` (any spread with every level <= 3 gives the same score);
``b`` whether the basic-service urusan rule holds (the jumlah term). Indicators marked
``dapat_diubah = tidak`` get no steps. The divisor and ``J`` depend on ``m`` only, so the
program is solved for every ``m`` whose best possible IID (:func:`_max_totals`, exact)
reaches the target, in the order of the linear relaxation's bound, each time asking to
beat the cheapest plan so far, until the bound reaches it; the optimum is exact. Ties in cost prefer fewer withdrawn and fewer added innovations.

References
----------
Wolsey, L. A. (2020). *Integer Programming*, 2nd ed., Wiley (knapsack-type covering
programs). Huangfu, Q. & Hall, J. A. J. (2018). Parallelizing the dual revised simplex
method. *Math. Prog. Comp.* 10, 119-142 (HiGHS, behind ``scipy.optimize.milp``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from inovlab.analysis.scenarios import kematangan_levels
from inovlab.analysis.whatif import (
    best_kept_sums,
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

__all__ = ["load_costs", "plan_target", "PlanResult", "PLAN_COLUMNS", "published_rank",
           "chance_target", "scores_with_new", "CHOOSE", "TOLERANCE"]

NEW = "inovasi_baru"
WITHDRAW = "tarik_inovasi"
CHOOSE = "pilih"
"""``kematangan_baru=CHOOSE``: the planner chooses the evidence levels of new innovations."""
TOLERANCE = 1e-6
"""IID points the program aims above the published threshold of the target (the least IID
that rounds to it, :func:`_published_floor`); the solver's own tolerance is far below."""
MAX_RESOLVES = 6
TIE_BREAK = 1e-5  # cost units per withdrawn or added innovation: equal costs prefer fewer
PLAN_COLUMNS = ["langkah", "indikator", "nama_indikator", "dari_level", "ke_level",
                "jumlah_inovasi", "biaya", "tambahan_iid"]
ALLOCATION_COLUMNS = ["id_inovasi", "indikator", "dari_level", "ke_level"]

MESSAGES = {
    "no_target": {"id": "Tentukan minimal satu target: target_iid, target_peringkat, "
                        "sangat_inovatif=True atau min_chance (dengan chance).",
                  "en": "Give at least one target: target_iid, target_peringkat, "
                        "sangat_inovatif=True or min_chance (with chance)."},
    "no_chance": {"id": "min_chance membutuhkan fungsi peluang (chance).",
                  "en": "min_chance needs a chance function."},
    "column": {"id": "kolom wajib '{col}' tidak ada", "en": "required column '{col}' missing"},
    "unknown": {"id": "indikator tidak dikenal pada siklus ini",
                "en": "unknown indicator for this cycle"},
    "cost": {"id": "biaya harus angka >= 0", "en": "cost must be a number >= 0"},
    "flag": {"id": "dapat_diubah harus 'ya' atau 'tidak'", "en": "dapat_diubah must be ya/tidak"},
    "reached": {"id": "Target sudah tercapai tanpa perubahan: IID {iid} (target {target}).",
                "en": "Target already met without changes: IID {iid} (target {target})."},
    "plan": {"id": "Rencana termurah: biaya {cost} {unit}; IID {start} → {end} ({pred}), "
                   "peringkat {rank_from} → {rank_to} dari {n} di klaster {cluster}.",
             "en": "Least-cost plan: cost {cost} {unit}; IID {start} → {end} ({pred}), "
                   "rank {rank_from} → {rank_to} of {n} in cluster {cluster}."},
    "verified": {"id": "Diperiksa ulang dengan rumus IID dan dibulatkan 2 desimal seperti "
                       "hasil resmi: {end} >= {target}.",
                 "en": "Re-scored with the IID formula and rounded to 2 decimals as published: "
                       "{end} >= {target}."},
    "unverified": {"id": "Rencana yang ditemukan tidak lolos pemeriksaan ulang dengan rumus IID "
                         "(IID {end}, target {target}); tidak ada rencana yang dilaporkan.",
                   "en": "The plan found failed the re-scoring check (IID {end}, target "
                         "{target}); no plan is reported."},
    "chance": {"id": "Peluang masuk {k} besar: {p0} → {p1}.",
               "en": "Chance of the top {k}: {p0} → {p1}."},
    "chance_out": {"id": "Target peluang {q} tidak dapat dicapai: bahkan IID 100 memberi peluang "
                         "{p}.",
                   "en": "The chance target {q} cannot be reached: even an IID of 100 gives "
                         "{p}."},
    "infeasible": {"id": "Target tidak dapat dicapai: IID yang diperlukan {target}, sedangkan "
                         "IID tertinggi yang mungkin dengan semua perubahan yang diizinkan "
                         "adalah {best}. Longgarkan target, izinkan indikator lain diubah, "
                         "atau izinkan menambah inovasi.",
                   "en": "Target cannot be reached: IID needed {target}, but the highest IID "
                         "possible with every allowed change is {best}. Relax the target, "
                         "allow more indicators to change, or allow new innovations."},
    "new_name": {"id": "Tambah {a} inovasi baru (kematangan {s})",
                 "en": "Add {a} new innovations (kematangan {s})"},
    "out_name": {"id": "Tarik {a} inovasi lemah: {ids}",
                 "en": "Withdraw {a} weak innovations: {ids}"},
    "chance_top": {"id": "Peluang masuk kelompok teratas: {p0} → {p1}.",
                   "en": "Chance of the top group: {p0} → {p1}."},
}


def _msg(key, lang, **values):
    return message(MESSAGES, key, lang, **values)


def load_costs(source=None, framework: Framework | None = None, lang: str = "id") -> pd.DataFrame:
    """Read and check the cost table (default ``data/planner/biaya_default.csv``).

    Parameters
    ----------
    source : path or DataFrame, optional
        Columns ``indikator`` (``spd_12``, ``ind_33``, ``inovasi_baru``),
        ``biaya_per_langkah`` (cost of one level step; for SID indicators per innovation,
        also on a new innovation; for ``inovasi_baru`` per new innovation before its
        evidence levels; for ``tarik_inovasi`` per withdrawn innovation) and
        ``dapat_diubah`` (``ya``/``tidak``).
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
        known = set(framework.spd_columns) | set(framework.sid_columns) | {NEW, WITHDRAW}
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


def published_rank(iid, field) -> np.ndarray:
    """Rank as published: ``1 +`` the others whose IID, rounded to 2 decimals, is higher.

    Ties share the better rank, and a difference that disappears in the rounding is a tie.

    Examples
    --------
    >>> published_rank([60.004, 60.0], np.array([60.001, 59.5, 60.02])).tolist()
    [2, 2]
    """
    return rank_in_distribution(np.round(np.asarray(iid, dtype=float), 2),
                                np.round(np.asarray(field, dtype=float), 2))


def chance_target(chance: Callable[[np.ndarray], np.ndarray], q: float,
                  top: float = 100.0) -> float | None:
    """The least IID on the published 0.01 grid with ``chance(IID) >= q``, or None.

    ``chance`` must be non-decreasing in the score (a higher IID never lowers the chance of
    the top ``k``), so bisection over the grid ``0.00 .. top`` is exact in about 14 calls.

    Examples
    --------
    >>> chance_target(lambda s: np.clip((s - 50.0) / 20.0, 0, 1), 0.5)
    60.0
    >>> chance_target(lambda s: np.zeros(len(s)), 0.5) is None
    True
    """
    def ok(hundredths: int) -> bool:
        return bool(np.asarray(chance(np.array([hundredths / 100.0])))[0] >= q)

    high = int(round(top * 100))
    if not ok(high):
        return None
    low = -1                      # ok(high) holds; ok(low) is taken as false
    while high - low > 1:
        mid = (low + high) // 2
        if ok(mid):
            high = mid
        else:
            low = mid
    return high / 100.0


@dataclasses.dataclass
class PlanResult:
    """A least-cost plan, verified by re-scoring (or why there is none).

    Attributes
    ----------
    tercapai : bool
        Whether the re-scored plan reaches the target as published (2 decimals).
    pesan : str
        One-paragraph explanation (Indonesian by default).
    rencana : DataFrame
        Columns ``langkah, indikator, nama_indikator, dari_level, ke_level, jumlah_inovasi,
        biaya, tambahan_iid``; withdrawals (``tarik_inovasi``) and new innovations
        (``inovasi_baru``) are steps too. Empty when unreachable or already met.
    ringkasan : DataFrame
        One row: ``kode_wilayah, nama_daerah, jenis, target_iid, margin, target_rencana,
        skor_iid_awal, skor_iid_baru, skor_iid_dibulatkan, predikat_awal, predikat_baru,
        peringkat_awal, peringkat_baru, n_klaster, p_top_k_awal, p_top_k_baru,
        terverifikasi, n_ditarik, n_baru, total_biaya, satuan_biaya, iid_maksimum``.
        Ranks are as published (:func:`published_rank`) among the field "if nobody else
        changes"; ``p_top_k_*`` only with a ``chance`` function.
    alokasi : DataFrame
        Which innovation gets which step: ``id_inovasi, indikator, dari_level, ke_level``
        (withdrawn ones under ``tarik_inovasi``; new ones ``BARU-<j>`` from level 0).
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


def plan_target(inovasi: pd.DataFrame, spd: pd.DataFrame, region: str,
                tahun: int | None = None, *, target_iid: float | None = None,
                target_peringkat: int | None = None, sangat_inovatif: bool = False,
                hasil: pd.DataFrame | None = None, siklus_peringkat: int | None = None,
                costs=None, kematangan_baru: float | str | None = None,
                urusan_baru: str | None = None, max_baru: int = 50, tarik: bool = True,
                margin: float = 0.0, chance: Callable | None = None,
                min_chance: float | None = None, top_k: int | None = None,
                framework: Framework | None = None, jenis: str | None = None,
                lang: str = "id") -> PlanResult:
    """Find the least-cost changes that reach a target, exactly, and verify them.

    Parameters
    ----------
    inovasi, spd : DataFrame
        Canonical tables (the region's rows are used; every region's when ``hasil`` is not
        given, for the rank field).
    region : str
        Kode wilayah or name.
    tahun : int, optional
        The cycle of the evidence (required when the tables hold several).
    target_iid : float, optional
        IID to reach (``round(IID, 2) >= target_iid``).
    target_peringkat : int, optional
        Rank to reach among the field, as published (:func:`published_rank`).
    sangat_inovatif : bool
        Reach the Sangat Inovatif cut-off of the cycle.
    hasil : DataFrame, optional
        Results (``tahun, kode_wilayah, skor_iid, jenis``) giving the rank field.
    siklus_peringkat : int, optional
        Cycle of ``hasil`` to rank against; default the latest cycle in ``hasil``.
    costs : path or DataFrame, optional
        Cost table (default ``data/planner/biaya_default.csv``; see :func:`load_costs`).
    kematangan_baru : float or ``"pilih"``, optional
        Allow adding up to ``max_baru`` new innovations: of this kematangan, or with levels
        the planner chooses (``"pilih"``). Each costs ``inovasi_baru`` plus its levels at
        the ``ind_*`` step costs. Without it no innovation is added.
    urusan_baru : str, optional
        Urusan of the new innovations (counts towards the basic-service coverage).
    tarik : bool
        Allow withdrawing (not submitting) counted innovations when that raises the IID
        (cost ``tarik_inovasi`` each, 0 when the table has no such row).
    margin : float
        Safety margin: the plan must reach ``target + margin`` IID points.
    chance : callable, optional
        ``chance(scores) -> P(top k)`` per candidate own IID, non-decreasing (the rank
        model's); the plan's chance is reported as ``p_top_k_baru``.
    min_chance : float, optional
        Target ``P(top k) >= min_chance`` (needs ``chance``): the least IID with that
        chance (:func:`chance_target`) becomes a target.
    top_k : int, optional
        The ``k`` of ``chance``, for the sentence only.
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
    >>> plan.ringkasan[["skor_iid_dibulatkan", "terverifikasi"]].values.tolist()
    [[4.0, 'ya']]
    >>> plan_target(inov, spd, "a", target_iid=90.0).tercapai
    False
    """
    check_lang(lang)
    if min_chance is not None and chance is None:
        raise UsageError(_msg("no_chance", lang))
    if target_iid is None and target_peringkat is None and not sangat_inovatif \
            and min_chance is None:
        raise UsageError(_msg("no_target", lang))
    fw, code, inov, spd_r, field, cluster, nama = prepare_region(inovasi, spd, region, tahun,
                                                           framework, hasil, jenis, lang)
    if hasil is not None:
        cycle = siklus_peringkat or int(hasil["tahun"].max())
        field, cluster = cluster_distribution(hasil, cycle, code, jenis)
    table = load_costs(costs, fw, lang)
    goal = _Goal(target_iid, target_peringkat, sangat_inovatif, field, fw, chance, min_chance,
                 float(margin))
    model = _build_model(inov, spd_r, table, fw, kematangan_baru, urusan_baru, max_baru, tarik)
    start = _region_iid(inov, spd_r, fw, code)
    summary = _start_summary(goal, model, start, code, nama, cluster, table, fw)
    if goal.needed is None:
        text = _msg("chance_out", lang, q=format_number(min_chance, 2, lang),
                    p=format_number(float(np.asarray(chance(np.array([100.0])))[0]), 3, lang))
        return _no_plan(text, summary, inov, spd_r)
    found = _verified_plan(model, goal, inov, spd_r, fw, code, urusan_baru, lang)
    if found is None or not found[-1]:
        key = "infeasible" if found is None else "unverified"
        text = _msg(key, lang, target=format_number(goal.needed, 2, lang),
                    best=format_number(summary["iid_maksimum"], 2, lang),
                    end=format_number(np.nan if found is None else found[4], 2, lang))
        return _no_plan(text, summary, inov, spd_r)
    rows, alloc, new_inov, new_spd, end, ok = found
    summary.update(_end_summary(goal, model, start, end, rows, alloc, fw))
    plan = _plan_table(rows)
    text = _sentence(plan, summary, goal, cluster, top_k, lang)
    allocation = (pd.concat(alloc, ignore_index=True) if alloc
                  else pd.DataFrame(columns=ALLOCATION_COLUMNS))
    return PlanResult(True, text, plan, pd.DataFrame([summary]), allocation, new_inov, new_spd)


# -- the target, checked as published ---------------------------------------------------------

class _Goal:
    """What the plan must reach, and the published check of a re-scored IID."""

    def __init__(self, target_iid, target_peringkat, sangat_inovatif, field, fw, chance,
                 min_chance, margin):
        self.field = np.round(np.asarray(field, dtype=float), 2)
        self.rank = None if target_peringkat is None else int(target_peringkat)
        self.si = fw.cutoffs["Sangat Inovatif"] if sangat_inovatif else None
        self.iid = None if target_iid is None else float(target_iid)
        self.chance, self.min_chance, self.margin = chance, min_chance, margin
        wanted = [v for v in (self.iid, self.si) if v is not None]
        if self.rank is not None:  # a rank beyond the field needs nothing
            wanted.append(float(np.sort(self.field)[::-1][self.rank - 1])
                          if len(self.field) >= self.rank else 0.0)
        self.by_chance = None
        if min_chance is not None:
            self.by_chance = chance_target(chance, float(min_chance))
            wanted.append(np.inf if self.by_chance is None else self.by_chance)
        target = max(wanted)
        self.target = target
        self.needed = None if not np.isfinite(target) else target + margin

    def met(self, iid: float) -> bool:
        """Every target (and the margin) holds for ``iid`` rounded to 2 decimals."""
        shown = float(np.round(iid, 2))
        checks = [shown >= self.needed - 1e-9]
        if self.iid is not None:
            checks.append(shown >= self.iid - 1e-9)
        if self.rank is not None:
            checks.append(int(published_rank([iid], self.field)[0]) <= self.rank)
        if self.si is not None:
            checks.append(shown >= self.si - 1e-9)
        if self.min_chance is not None:
            checks.append(float(np.asarray(self.chance(np.array([shown])))[0])
                          >= self.min_chance)
        return all(checks)

    def p_top_k(self, iid: float) -> float:
        """``chance`` at the published (rounded) IID; NaN without a chance function."""
        if self.chance is None:
            return np.nan
        return float(np.asarray(self.chance(np.array([float(np.round(iid, 2))])))[0])


def _verified_plan(model, goal: _Goal, inov, spd_r, fw, code, urusan_baru, lang):
    """Solve, apply, re-score and check; aim higher and solve again while the check fails.

    Returns ``(rows, alloc, inovasi, spd, end, verified)``, or None when no plan reaches
    the aim.
    """
    aim = _published_floor(goal.needed) + TOLERANCE
    found = None
    for attempt in range(MAX_RESOLVES):
        best = _solve_plan(model, aim * fw.total_max / 100.0)
        if best is None:
            return None if found is None else found
        rows, alloc, new_inov, new_spd = _apply_plan(model, best, inov, spd_r, fw, code,
                                                     urusan_baru, lang)
        end = _region_iid(new_inov, new_spd, fw, code)
        found = (rows, alloc, new_inov, new_spd, end, goal.met(end))
        if found[-1]:
            return found
        # every target is "round(IID, 2) >= needed": aim past it, a little more each time
        aim = max(aim, end, _published_floor(goal.needed)) + TOLERANCE * 10 ** (attempt + 1)
    return found


def _published_floor(target: float) -> float:
    """The least IID that is published (rounded to 2 decimals) at or above ``target``,
    less the half-hundredth the rounding forgives: ``ceil(100 target) / 100 - 0.005``.

    Examples
    --------
    >>> round(_published_floor(60.0), 6), round(_published_floor(60.001), 6)
    (59.995, 60.005)
    """
    return float(np.ceil(round(target * 100, 6)) / 100 - 0.005)


def _start_summary(goal: _Goal, model, start: float, code, nama, cluster, table, fw) -> dict:
    """The summary row before any change (filled in by :func:`_end_summary`)."""
    return {"kode_wilayah": code, "nama_daerah": nama, "jenis": cluster,
            "target_iid": goal.target, "margin": goal.margin,
            "target_rencana": goal.needed if goal.needed is not None else np.nan,
            "skor_iid_awal": start, "skor_iid_baru": np.nan, "skor_iid_dibulatkan": np.nan,
            "predikat_awal": fw.predicate([start])[0], "predikat_baru": "",
            "peringkat_awal": int(published_rank([start], goal.field)[0]),
            "peringkat_baru": pd.NA, "n_klaster": len(goal.field) + 1,
            "p_top_k_awal": goal.p_top_k(start), "p_top_k_baru": np.nan,
            "terverifikasi": "tidak", "n_ditarik": 0, "n_baru": 0, "total_biaya": np.nan,
            "satuan_biaya": table.attrs.get("satuan", ""),
            "iid_maksimum": float(formula.iid_from_total(np.max(_max_totals(model)), fw))}


def _end_summary(goal: _Goal, model, start, end, rows, alloc, fw) -> dict:
    """The verified plan's numbers for the summary row."""
    kinds = pd.DataFrame(rows, columns=PLAN_COLUMNS[1:])
    count = kinds.set_index("indikator")["jumlah_inovasi"]
    return {"skor_iid_baru": end, "skor_iid_dibulatkan": float(np.round(end, 2)),
            "predikat_baru": fw.predicate([end])[0],
            "peringkat_baru": int(published_rank([end], goal.field)[0]),
            "p_top_k_baru": goal.p_top_k(end), "terverifikasi": "ya",
            "n_ditarik": int(count.get(WITHDRAW, 0)), "n_baru": int(count.get(NEW, 0)),
            "total_biaya": float(kinds["biaya"].sum())}


def _no_plan(text, summary, inov, spd_r) -> PlanResult:
    return PlanResult(False, text, pd.DataFrame(columns=PLAN_COLUMNS), pd.DataFrame([summary]),
                      pd.DataFrame(columns=ALLOCATION_COLUMNS), inov, spd_r)


def _sentence(plan, s: dict, goal: _Goal, cluster, top_k, lang) -> str:
    """The plan in words: cost and change, the published check, the chance when known."""
    if not len(plan):
        text = _msg("reached", lang, iid=format_number(s["skor_iid_awal"], 2, lang),
                    target=format_number(goal.target, 2, lang))
    else:
        text = _msg("plan", lang, cost=format_number(s["total_biaya"], 1, lang),
                    unit=s["satuan_biaya"], start=format_number(s["skor_iid_awal"], 2, lang),
                    end=format_number(s["skor_iid_baru"], 2, lang), pred=s["predikat_baru"],
                    rank_from=s["peringkat_awal"], rank_to=s["peringkat_baru"],
                    n=s["n_klaster"], cluster=cluster)
    text += " " + _msg("verified", lang, end=format_number(s["skor_iid_dibulatkan"], 2, lang),
                       target=format_number(goal.needed, 2, lang))
    if goal.chance is not None:
        text += " " + _msg("chance" if top_k else "chance_top", lang, k=top_k,
                           p0=format_number(s["p_top_k_awal"], 2, lang),
                           p1=format_number(s["p_top_k_baru"], 2, lang))
    return text


# -- the integer program -----------------------------------------------------------------------

@dataclasses.dataclass
class _Model:
    """One region's data for the programs (module docstring), counted innovations only.

    ``lev`` (n, I) SID levels and ``k_now``/``pos`` kematangan and basic-urusan position of
    the counted innovations (``rows`` in the region's table); ``cap`` the steps each may
    take per indicator; ``new_levels`` the fixed levels of a new innovation (None: chosen).
    """

    rows: np.ndarray
    lev: np.ndarray
    k_now: np.ndarray
    pos: np.ndarray
    cap: np.ndarray
    spd0: float
    spd_lev: np.ndarray
    w_spd: np.ndarray
    c_spd: np.ndarray
    up_spd: np.ndarray
    w_sid: np.ndarray
    c_sid: np.ndarray
    ok_sid: np.ndarray
    withdraw: bool
    c_out: float
    max_new: int
    c_new: float
    new_levels: np.ndarray | None
    new_pos: int
    fw: Framework
    n_basic: int
    bounds: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.k_now)

    def sizes(self) -> dict[str, slice]:
        """Where each variable group sits in the solution vector."""
        out, at = {}, 0
        for name, size in (("x", len(self.w_spd)), ("z", len(self.w_sid)), ("y", self.n),
                           ("a", 1), ("u", len(self.w_sid)), ("cov", self.n_basic), ("b", 1)):
            out[name] = slice(at, at + size)
            at += size
        return out


def _step_costs(table: pd.DataFrame, cols: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Cost per step and whether the indicator may change (unlisted: may not)."""
    c = table.reindex(cols)
    ok = c["dapat_diubah"].fillna(False).to_numpy(dtype=bool)
    return c["biaya_per_langkah"].fillna(0.0).to_numpy(dtype=float), ok


def _allowed(table: pd.DataFrame, code: str, default: bool) -> bool:
    return bool(table["dapat_diubah"].get(code, default))


def _new_levels(kematangan_baru, fw: Framework) -> np.ndarray | None:
    """Fixed levels of a new innovation (None when the planner chooses them)."""
    if isinstance(kematangan_baru, str) and kematangan_baru.strip().lower() == CHOOSE:
        return None
    levels = kematangan_levels(float(kematangan_baru), fw)
    if levels is None:
        raise UsageError(f"kematangan_baru {kematangan_baru} tidak dapat dicapai tepat dengan "
                         f"bobot siklus ini (not reachable with this cycle's weights).")
    return levels


def _build_model(inov: pd.DataFrame, spd_r: pd.DataFrame, table: pd.DataFrame, fw: Framework,
                 kematangan_baru, urusan_baru, max_baru: int, tarik: bool) -> _Model:
    """Levels, costs and bounds of the region's programs (module docstring)."""
    scored = score_innovations(inov, fw) if len(inov) else None
    counted = (scored["dihitung"].to_numpy(dtype=bool) if scored is not None
               else np.zeros(0, dtype=bool))
    rows = np.flatnonzero(counted)
    lev = np.clip(np.rint(level_matrix(inov, fw.sid_columns)), 0, 3)[rows]
    spd_lev = np.clip(np.rint(level_matrix(spd_r, fw.spd_columns)[0]), 0, 3)
    c_spd, ok_spd = _step_costs(table, fw.spd_columns)
    c_sid, ok_sid = _step_costs(table, fw.sid_columns)
    pos = (urusan_position(inov["urusan"], fw)[rows] if "urusan" in inov
           else np.full(len(rows), -1, dtype=np.int64))
    add = kematangan_baru is not None and _allowed(table, NEW, False) and max_baru > 0
    return _Model(
        rows=rows, lev=lev,
        k_now=(scored["skor_kematangan"].to_numpy(float)[rows] if len(rows) else np.zeros(0)),
        pos=pos, cap=np.where(ok_sid, 3 - lev, 0), spd0=spd_score_of(spd_r, fw),
        spd_lev=spd_lev, w_spd=fw.spd_weights.to_numpy(dtype=float), c_spd=c_spd,
        up_spd=np.where(ok_spd, 3 - spd_lev, 0), w_sid=fw.sid_weights.to_numpy(dtype=float),
        c_sid=c_sid, ok_sid=ok_sid, withdraw=bool(tarik) and _allowed(table, WITHDRAW, True),
        c_out=float(table["biaya_per_langkah"].get(WITHDRAW, 0.0)),
        max_new=int(max_baru) if add else 0,
        c_new=float(table["biaya_per_langkah"].get(NEW, 0.0)),
        new_levels=_new_levels(kematangan_baru, fw) if add else None,
        new_pos=int(urusan_position(pd.Series([urusan_baru]), fw)[0]) if urusan_baru else -1,
        fw=fw, n_basic=len(fw.basic_service_urusan))


def _new_value(model: _Model) -> float:
    """Kematangan of one new innovation at its highest allowed levels."""
    if model.new_levels is not None:
        return float(model.w_sid @ model.new_levels)
    return float(model.w_sid @ np.where(model.ok_sid, 3.0, 0.0))


def _max_totals(model: _Model) -> np.ndarray:
    """The highest total score any allowed change reaches, per final count ``m`` (exact).

    Every SPD step taken; a kept innovation fully raised; for ``r`` kept of ``n`` and ``a``
    new, the best ``r`` (:func:`inovlab.analysis.whatif.best_kept_sums`, with and without
    the urusan rule). ``-inf`` where no choice has ``m`` innovations.
    """
    if model.bounds is not None:
        return model.bounds
    fw = model.fw
    full = model.k_now + model.cap @ model.w_sid
    r = np.arange(model.n + 1)[:, None]
    a = np.arange(model.max_new + 1)[None, :]
    spd = model.spd0 + model.w_spd @ model.up_spd
    best = np.full(model.n + model.max_new + 1, -np.inf)
    for fixed, cols in ((np.zeros(0, dtype=np.int64), a[:, :1]),
                        (np.array([model.new_pos]), a[:, 1:])):
        if not cols.size:
            continue
        sums = best_kept_sums(full, model.pos, fixed, fw)
        count = r + cols
        kematangan = cols * _new_value(model)
        with np.errstate(invalid="ignore"):
            plain = formula.region_terms(spd, sums.plain[:, None] + kematangan, count,
                                         sums.plain_covered[:, None], fw)["skor_total"]
            ruled = formula.region_terms(spd, sums.ruled[:, None] + kematangan, count,
                                         np.full(count.shape, fw.urusan_min), fw)["skor_total"]
        total = np.fmax(plain, np.where(np.isfinite(sums.ruled)[:, None], ruled, -np.inf))
        total[r[:, 0] < (0 if model.withdraw else model.n)] = -np.inf
        np.maximum.at(best, count.ravel(), total.ravel())
    model.bounds = best
    return best


def _program(model: _Model, m: int, need: float):
    """Constraint matrix ``lo <= A v <= hi`` and bounds of the program with ``m`` final
    innovations (rows: target; steps on kept innovations; new levels; urusan covered;
    urusan rule; count)."""
    s, fw = model.sizes(), model.fw
    n_sid, n_basic = len(model.w_sid), model.n_basic
    div = float(max(fw.divisor_floor, m))
    jumlah = fw.jumlah_points * min(m, fw.jumlah_cap)
    a_mat = np.zeros((3 + 2 * n_sid + n_basic, s["b"].stop))
    a_mat[0, s["x"]], a_mat[0, s["z"]], a_mat[0, s["y"]] = div * model.w_spd, model.w_sid, \
        model.k_now
    a_mat[0, s["u"]], a_mat[0, s["b"]] = model.w_sid, div * jumlah
    steps = slice(1, 1 + n_sid)                   # z_i <= sum_j cap_ji y_j
    a_mat[steps, s["z"]], a_mat[steps, s["y"]] = np.eye(n_sid), -model.cap.T
    new = slice(1 + n_sid, 1 + 2 * n_sid)         # u_i <= 3 a, or u_i = l_i a
    a_mat[new, s["u"]] = np.eye(n_sid)
    a_mat[new, s["a"]] = (-3.0 * model.ok_sid if model.new_levels is None
                          else -model.new_levels)[:, None]
    cover = slice(1 + 2 * n_sid, 1 + 2 * n_sid + n_basic)   # cov_u <= kept or new of u
    a_mat[cover, s["cov"]] = np.eye(n_basic)
    a_mat[cover, s["y"]] = -(model.pos[None, :] == np.arange(n_basic)[:, None]).astype(float)
    a_mat[cover, s["a"]] = -(np.arange(n_basic) == model.new_pos).astype(float)[:, None]
    a_mat[-2, s["cov"]], a_mat[-2, s["b"]] = -1.0, fw.urusan_min
    a_mat[-1, s["y"]], a_mat[-1, s["a"]] = 1.0, 1.0
    lo = np.full(len(a_mat), -np.inf)
    hi = np.zeros(len(a_mat))
    lo[0], hi[0] = div * (need - model.spd0), np.inf
    if model.new_levels is not None:
        lo[new] = 0.0
    lo[-1], hi[-1] = m, m
    lower, upper = _variable_bounds(model)
    return a_mat, lo, hi, lower, upper


def _variable_bounds(model: _Model) -> tuple[np.ndarray, np.ndarray]:
    """Bounds of every variable (keep variables fixed at 1 when withdrawing is not allowed)."""
    s = model.sizes()
    upper = np.zeros(s["b"].stop)
    upper[s["x"]], upper[s["z"]] = model.up_spd, model.cap.sum(axis=0)
    upper[s["y"]], upper[s["a"]] = 1.0, model.max_new
    upper[s["u"]] = np.where(model.ok_sid | (model.new_levels is not None), 3 * model.max_new,
                             0)
    upper[s["cov"]], upper[s["b"]] = 1.0, 1.0
    lower = np.zeros(s["b"].stop)
    lower[s["y"]] = 0.0 if model.withdraw else 1.0
    return lower, upper


def _objective(model: _Model) -> np.ndarray:
    """Cost of each variable; withdrawing and adding carry a tie-break of ``TIE_BREAK``."""
    s = model.sizes()
    c = np.zeros(s["b"].stop)
    c[s["x"]], c[s["z"]], c[s["u"]] = model.c_spd, model.c_sid, model.c_sid
    c[s["y"]] = -(model.c_out + TIE_BREAK)     # a constant n (c_out + TIE_BREAK) is left out
    c[s["a"]] = model.c_new + TIE_BREAK
    return c


def _solve_count(model: _Model, m: int, need: float, cutoff: float | None = None,
                 relaxed: bool = False):
    """The cheapest solution with ``m`` final innovations (objective below ``cutoff``).

    ``relaxed``: the linear relaxation, whose objective bounds the integer one from below.
    """
    a_mat, lo, hi, lower, upper = _program(model, m, need)
    cost = _objective(model)
    if cutoff is not None:
        a_mat, lo, hi = (np.vstack([a_mat, cost]), np.append(lo, -np.inf),
                         np.append(hi, cutoff))
    res = milp(c=cost, constraints=LinearConstraint(a_mat, lo, hi),
               integrality=np.zeros(len(cost)) if relaxed else np.ones(len(cost)),
               bounds=Bounds(lower, upper),
               options={"presolve": False} if relaxed else {"mip_rel_gap": 0.0})
    if res.status != 0 or res.x is None:
        return None
    v = res.x if relaxed else np.rint(res.x)
    return float(cost @ v), v


def _solve_plan(model: _Model, need: float):
    """Cheapest ``(objective, v, m)`` over every final count ``m`` (None if none reaches).

    Counts whose best IID (:func:`_max_totals`) falls short are skipped; the others are
    solved in the order of their linear-relaxation bound, and the search stops once that
    bound reaches the cheapest plan found (no later count can be cheaper).
    """
    counts = np.flatnonzero(_max_totals(model) >= need - 1e-9).tolist()
    relaxed = [(_solve_count(model, m, need, relaxed=True), m) for m in counts]
    order = sorted((found[0], m) for found, m in relaxed if found is not None)
    best = None
    for bound, m in order:
        if best is not None and bound >= best[0] - 1e-6:
            break
        found = _solve_count(model, m, need, None if best is None else best[0] - 1e-7)
        if found is not None and (best is None or found[0] < best[0] - 1e-7):
            best = (found[0], found[1], m)
    return best


# -- the solution as tables --------------------------------------------------------------------

def _indicator_names(fw: Framework, lang: str) -> pd.Series:
    """Indicator name by column (``spd_12``, ``ind_33``) in the report's language."""
    return fw.indicator_names(lang)


def _apply_plan(model: _Model, best, inov: pd.DataFrame, spd_r: pd.DataFrame, fw: Framework,
                code: str, urusan_baru, lang: str):
    """The solution applied to copies of the tables: ``(rows, alloc, inovasi, spd)``.

    SPD steps set the indicator's level; the steps on a SID indicator are spread over the
    kept innovations lowest level first (:func:`_spread`); withdrawn innovations leave the
    table; new innovations ``BARU-<j>`` share the chosen levels evenly. The IID gain of the
    level steps is exact at the final divisor; withdrawals and new innovations get the
    rest, measured by re-scoring (so the gains add up to the change of the IID).
    """
    _, v, m = best
    s = model.sizes()
    div = float(max(fw.divisor_floor, m))
    names = _indicator_names(fw, lang)
    keep = v[s["y"]].astype(bool)
    rows = _spd_rows(model, v[s["x"]].astype(int), names, fw)
    new_spd = spd_r.copy()
    for r in rows:
        new_spd[r["indikator"]] = r["ke_level"]
    sid_rows, alloc, new_inov = _sid_rows(model, v[s["z"]].astype(int), keep, inov, div,
                                          names, fw)
    rows += sid_rows
    ids = _ids(inov)
    out_ids = ids[model.rows[~keep]]
    new_inov = new_inov.drop(index=new_inov.index[model.rows[~keep]]).reset_index(drop=True)
    a = int(v[s["a"]][0])
    extra = _new_innovations(v[s["u"]].astype(int), a, code, urusan_baru, fw)
    after = pd.concat([new_inov, extra], ignore_index=True) if a else new_inov
    rest = _region_iid(after, new_spd, fw, code) - _region_iid(inov, spd_r, fw, code) - sum(
        r["tambahan_iid"] for r in rows)
    if len(out_ids):
        gain = rest
        if a:   # withdrawing alone, measured on the tables as they were
            gain = _region_iid(inov.drop(index=inov.index[model.rows[~keep]]), spd_r, fw,
                               code) - _region_iid(inov, spd_r, fw, code)
        rows.append({"indikator": WITHDRAW,  # every id: the reader must know which ones
                     "nama_indikator": _msg("out_name", lang, a=len(out_ids),
                                            ids=", ".join(out_ids)),
                     "dari_level": pd.NA, "ke_level": pd.NA, "jumlah_inovasi": len(out_ids),
                     "biaya": model.c_out * len(out_ids), "tambahan_iid": gain})
        alloc.append(pd.DataFrame({"id_inovasi": out_ids, "indikator": WITHDRAW,
                                   "dari_level": pd.NA, "ke_level": pd.NA}))
        rest -= gain
    if a:
        rows.append(_new_row(model, extra, v[s["u"]].astype(int), a, rest, fw, lang))
        alloc.append(_new_allocation(extra, fw))
    return rows, alloc, after, new_spd


def _ids(inov: pd.DataFrame) -> np.ndarray:
    if "id_inovasi" in inov:
        return inov["id_inovasi"].astype(str).to_numpy()
    return np.array([f"baris {i + 1}" for i in range(len(inov))], dtype=object)


def _spd_rows(model: _Model, x: np.ndarray, names, fw: Framework) -> list[dict]:
    scale = 100.0 / fw.total_max
    return [{"indikator": fw.spd_columns[k], "nama_indikator": names[fw.spd_columns[k]],
             "dari_level": int(model.spd_lev[k]), "ke_level": int(model.spd_lev[k] + x[k]),
             "jumlah_inovasi": pd.NA, "biaya": model.c_spd[k] * x[k],
             "tambahan_iid": model.w_spd[k] * x[k] * scale} for k in np.flatnonzero(x)]


def _sid_rows(model: _Model, z: np.ndarray, keep: np.ndarray, inov: pd.DataFrame, div: float,
              names, fw: Framework):
    """Plan rows (one per indicator and level pair), allocations and the raised table."""
    scale = 100.0 / fw.total_max
    new_inov = inov.copy()
    ids = _ids(inov)
    kept_rows = model.rows[keep]
    rows, alloc = [], []
    for i in np.flatnonzero(z):
        col = fw.sid_columns[i]
        before = model.lev[keep, i]
        after = _spread(before, z[i])
        values = np.clip(np.rint(level_matrix(inov, [col])[:, 0]), 0, 3)
        values[kept_rows] = after
        new_inov[col] = values.astype(int)
        moved = after != before
        pairs = pd.DataFrame({"dari": before[moved].astype(int), "ke": after[moved].astype(int)})
        for (lo, hi), grp in pairs.groupby(["dari", "ke"]):
            rows.append({"indikator": col, "nama_indikator": names[col], "dari_level": lo,
                         "ke_level": hi, "jumlah_inovasi": len(grp),
                         "biaya": model.c_sid[i] * (hi - lo) * len(grp),
                         "tambahan_iid": model.w_sid[i] * (hi - lo) * len(grp) / div * scale})
        alloc.append(pd.DataFrame({"id_inovasi": ids[kept_rows][moved], "indikator": col,
                                   "dari_level": before[moved].astype(int),
                                   "ke_level": after[moved].astype(int)}))
    return rows, alloc, new_inov


def _new_innovations(u: np.ndarray, a: int, code: str, urusan_baru, fw: Framework):
    """``a`` implemented innovations ``BARU-<j>`` whose levels sum to ``u`` per indicator.

    Indicator ``i`` gets ``u_i // a`` on every new innovation and one more on the first
    ``u_i % a`` (every level stays <= 3 because ``u_i <= 3 a``).
    """
    j = np.arange(a)[:, None]
    levels = (u[None, :] // max(a, 1)) + (j < (u[None, :] % max(a, 1)))
    extra = pd.DataFrame(levels.astype(int), columns=fw.sid_columns)
    extra["tahun"], extra["kode_wilayah"] = fw.cycle, code
    extra["tahapan"] = str(fw.rule("counted_stage"))
    extra["id_inovasi"] = [f"BARU-{k + 1}" for k in range(a)]
    extra["urusan"] = urusan_baru
    return extra


def _new_row(model: _Model, extra: pd.DataFrame, u: np.ndarray, a: int, gain: float,
             fw: Framework, lang: str) -> dict:
    values = extra[fw.sid_columns].to_numpy(dtype=float) @ model.w_sid
    low, high = f"{values.min():g}", f"{values.max():g}"
    return {"indikator": NEW,
            "nama_indikator": _msg("new_name", lang, a=a,
                                   s=low if low == high else f"{low}–{high}"),
            "dari_level": pd.NA, "ke_level": pd.NA, "jumlah_inovasi": a,
            "biaya": a * model.c_new + float(model.c_sid @ u), "tambahan_iid": gain}


def _new_allocation(extra: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """The levels of each new innovation, from level 0."""
    long = extra.melt(id_vars="id_inovasi", value_vars=fw.sid_columns, var_name="indikator",
                      value_name="ke_level")
    long = long[long["ke_level"] > 0]
    return long.assign(dari_level=0)[ALLOCATION_COLUMNS]


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
