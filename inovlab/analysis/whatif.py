"""What-if scenarios: change a region's evidence, re-score, compare (issue 4, section 4).

A scenario is data: a small table (DataFrame, CSV or YAML) with one row per action::

    skenario, aksi, target, nilai, opd, urusan, jumlah

read and checked by :func:`inovlab.analysis.scenarios.load_scenarios`. Rows with the same ``skenario`` are applied in table order to a copy of the region's
``inovasi`` and ``spd`` tables, which are then re-scored with :mod:`inovlab.rules.scoring` (same
pipeline, one thing changed, as in COINr). Actions (``aksi``; English aliases in brackets):

``naikkan_sid`` (``raise_sid``)
    Raise SID indicator ``target`` (``ind_33`` or ``33``) to level ``nilai`` on every counted
    innovation matching ``opd`` / ``urusan`` (blank = all); levels already higher are kept:
    ``l' = max(l, nilai)``.
``atur_sid`` (``set_sid``)
    Set it to exactly ``nilai`` (may lower).
``atur_spd`` (``set_spd``)
    Set SPD indicator ``target`` (``spd_12`` or ``12``) to level ``nilai``.
``tambah_inovasi`` (``add_innovations``)
    Add ``jumlah`` implemented innovations of kematangan ``nilai`` in ``urusan`` (and
    ``opd``). Their levels are built greedily (heaviest indicators first) so that
    ``sum_i w_i l_i = nilai`` exactly; the cycle's weights must allow it.
``buang_di_bawah_impas`` (``drop_below_break_even``)
    Drop the counted innovations (among those matching ``opd``/``urusan``) whose absence
    raises the IID most: exact over every subset (:func:`best_drop`). For each number ``r``
    kept the best set is the ``r`` highest, or, when the jumlah-inovasi term needs the
    basic-service urusan they cover, the highest of each needed urusan plus the highest of
    the rest (:func:`best_kept_sums`); the exact formula then scores every ``r``::

        IID(r) = [SPD + (S_other + best sum of r) / MAX(d, n_other + r) + J] / T * 100

    (for ``n >= d`` and unchanged coverage an innovation of score ``s`` lowers the IID iff
    ``s`` is below the break-even of :func:`inovlab.rules.scoring.break_even`,
    ``mean - p (n + 1)``, of the set without it). Exact for any number of innovations
    (at most ``C(6, need)`` urusan sets are tried), so the output says ``tepat``.

The result of a scenario: new ``skor_spd``, ``skor_sid``, ``skor_iid``, ``predikat`` and the
rank against the cycle's distribution (the other regions of the cluster keep their IID).

References
----------
Becker, W. et al. (2022). COINr: An R package for developing composite indicators. *Journal
of Open Source Software* 7(78), 4567 (scenario = copy, change, rebuild, compare).
BSKDN (2023) IID formula, methodology section 3.3; :mod:`inovlab.rules.scoring`.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd

from inovlab.analysis.claims import region_meta
from inovlab.analysis.scenarios import BASELINE, kematangan_levels, load_scenarios
from inovlab.errors import DataError, Problem, UsageError
from inovlab.i18n import check_lang, message
from inovlab.rules import formula
from inovlab.rules.framework import Framework, load_framework
from inovlab.rules.scoring import (
    canonical_urusan,
    level_matrix,
    score_innovations,
    score_regions,
    spd_wide,
    urusan_position,
)

__all__ = ["apply_scenario", "compare_scenarios", "ScenarioResult", "cluster_distribution",
           "rank_in_distribution", "prepare_region", "spd_score_of", "drop_scenarios",
           "best_kept_sums", "KeptSums", "best_drop"]

MESSAGES = {
    "no_match": {"id": "tidak ada inovasi dihitung yang cocok dengan opd/urusan ini",
                 "en": "no counted innovation matches this opd/urusan"},
    "region": {"id": "Daerah '{region}' tidak ada dalam data siklus {tahun}.",
               "en": "Region '{region}' is not in the data of cycle {tahun}."},
    "exact": {"id": "tepat: himpunan terbaik dari semua pilihan inovasi yang ditarik",
              "en": "exact: the best of every choice of innovations to drop"},
    "cycles": {"id": "Data memuat beberapa siklus ({years}); pilih satu dengan tahun=.",
               "en": "The data hold several cycles ({years}); choose one with tahun=."},
}


def _msg(key: str, lang: str, **values) -> str:
    return message(MESSAGES, key, lang, **values)


# -- the region and its cycle -------------------------------------------------------------

def _cycle(inovasi: pd.DataFrame, spd: pd.DataFrame, tahun, lang) -> int:
    if tahun is not None:
        return int(tahun)
    years = sorted(set(pd.unique(inovasi["tahun"])) | set(pd.unique(spd["tahun"])))
    if len(years) != 1:
        raise UsageError(_msg("cycles", lang, years=years))
    return int(years[0])


def _region_code(region, tables: list[pd.DataFrame], tahun: int, lang: str) -> str:
    wanted = str(region).strip()
    for table in tables:
        if table is None:
            continue
        codes = table["kode_wilayah"].astype(str)
        if (codes == wanted).any():
            return wanted
        if "nama_daerah" in table:
            hit = codes[table["nama_daerah"].astype(str).str.lower() == wanted.lower()]
            if len(hit):
                return str(hit.iloc[0])
    try:
        from inovlab.io.regions import resolve_names
        found = resolve_names([wanted])
        code = found["kode_wilayah"].iloc[0]
        if isinstance(code, str) and any(
                t is not None and (t["kode_wilayah"].astype(str) == code).any() for t in tables):
            return code
    except (UsageError, KeyError, ValueError):
        pass
    raise UsageError(_msg("region", lang, region=region, tahun=tahun))


def cluster_distribution(hasil: pd.DataFrame, tahun: int, kode_wilayah: str,
                         jenis: str | None = None) -> tuple[np.ndarray, str]:
    """IID of the *other* regions of the region's cluster in cycle ``tahun``.

    Parameters
    ----------
    hasil : DataFrame
        ``tahun, kode_wilayah, skor_iid`` and ``jenis`` (else taken from
        :func:`inovlab.io.regions.load_regions`).
    tahun : int
        The cycle whose distribution is used.
    kode_wilayah : str
        The region (excluded from the field).
    jenis : str, optional
        The cluster; by default the region's own.

    Returns
    -------
    (numpy.ndarray, str)
        The field's IID values and the cluster name.

    Examples
    --------
    >>> h = pd.DataFrame({"tahun": 2025, "kode_wilayah": ["a", "b", "c"],
    ...                   "jenis": ["kota", "kota", "kabupaten"], "skor_iid": [50., 60., 70.]})
    >>> cluster_distribution(h, 2025, "a")
    (array([60.]), 'kota')
    """
    table = hasil[hasil["tahun"] == tahun]
    codes = table["kode_wilayah"].astype(str)
    if "jenis" in table:
        clusters = table["jenis"]
    else:
        from inovlab.io.regions import load_regions
        ref = load_regions().set_index("kode_wilayah")["jenis"]
        clusters = codes.map(ref)
    clusters = clusters.fillna("semua")
    if jenis is None:
        own = clusters[codes == str(kode_wilayah)]
        if not len(own):
            from inovlab.io.regions import load_regions
            ref = load_regions().set_index("kode_wilayah")["jenis"]
            jenis = ref.get(str(kode_wilayah), "semua")
        else:
            jenis = own.iloc[0]
    keep = (clusters == jenis) & (codes != str(kode_wilayah)) & table["skor_iid"].notna()
    return table.loc[keep, "skor_iid"].to_numpy(dtype=float), str(jenis)


def rank_in_distribution(iid, field: np.ndarray) -> np.ndarray:
    """Rank ``1 + #{field > iid}`` (ties share the better rank), vectorised over ``iid``.

    Examples
    --------
    >>> rank_in_distribution([55.0, 70.0], np.array([60.0, 50.0, 55.0])).tolist()
    [2, 1]
    """
    ordered = np.sort(np.asarray(field, dtype=float))
    values = np.asarray(iid, dtype=float)
    return 1 + len(ordered) - np.searchsorted(ordered, values, side="right")


@dataclasses.dataclass
class ScenarioResult:
    """One scenario applied to one region.

    Attributes
    ----------
    ringkasan : DataFrame
        One row: ``skenario, kode_wilayah, nama_daerah, jenis, n_inovasi_dihitung,
        skor_spd, rata_kematangan, skor_jumlah_inovasi, skor_sid, skor_iid, predikat,
        peringkat, n_klaster``.
    inovasi, spd : DataFrame
        The region's tables after the scenario (added innovations have ``id_inovasi``
        ``SIM-<n>``).
    langkah : DataFrame
        What each row did: ``baris, aksi, target, inovasi_berubah, catatan``.
    """

    ringkasan: pd.DataFrame
    inovasi: pd.DataFrame
    spd: pd.DataFrame
    langkah: pd.DataFrame


def _matching(inov: pd.DataFrame, row, fw: Framework) -> np.ndarray:
    keep = np.ones(len(inov), dtype=bool)
    if row["opd"]:
        keep &= (inov["opd"].astype(str).str.strip().str.lower() == row["opd"].lower()
                 ).to_numpy() if "opd" in inov else False
    if row["urusan"]:
        if "urusan" in inov:
            mine = canonical_urusan(inov["urusan"], fw).to_numpy(dtype=object)
            want = canonical_urusan(pd.Series([row["urusan"]]), fw).iloc[0]
            keep &= mine == want
        else:
            keep &= False
    return keep


def _coverage_after_drops(ordered_pos: np.ndarray, other_pos: np.ndarray,
                          n_basic: int) -> np.ndarray:
    """Basic urusan covered after dropping the ``k`` lowest candidates, ``k = 0 .. m``.

    Urusan ``u`` stays covered after dropping ``k`` iff a candidate of ``u`` sits at sorted
    position ``>= k`` (``k <= last_u``), or a non-candidate covers it. Scenario ``k`` becomes
    group ``k`` with one row per urusan it keeps, counted by
    :func:`inovlab.rules.formula.basic_urusan_covered`.
    """
    m = len(ordered_pos)
    last = np.full(n_basic, -1)
    basic_rows = np.flatnonzero(ordered_pos >= 0)
    np.maximum.at(last, ordered_pos[basic_rows], basic_rows)
    span = last + 1                                   # scenarios 0 .. last_u keep urusan u
    cand_pos = np.repeat(np.arange(n_basic), span)
    cand_k = np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
    kept = np.unique(other_pos[other_pos >= 0])
    pos = np.concatenate([cand_pos, np.repeat(kept, m + 1)])
    group = np.concatenate([cand_k, np.tile(np.arange(m + 1), len(kept))])
    return formula.basic_urusan_covered(pos, group, m + 1, n_basic)


def drop_scenarios(scores: np.ndarray, urusan_pos: np.ndarray, other_scores: np.ndarray,
                   other_pos: np.ndarray, spd_score: float,
                   fw: Framework) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The region's formula terms after dropping its ``k`` lowest candidates, ``k = 0 .. m``.

    "Drop the ``k`` lowest" is not always the best drop (the lowest may hold a basic urusan
    the jumlah-inovasi term needs): the what-if uses :func:`best_drop`, exact over every
    subset; this path stays as the formula-parity check of dropping in score order.

    Parameters
    ----------
    scores, urusan_pos : array (m,)
        Kematangan and basic-urusan position (-1: other) of the candidate innovations.
    other_scores, other_pos : array
        The same for the region's other counted innovations (never dropped).
    spd_score : float
    fw : Framework

    Returns
    -------
    (order, terms)
        Candidates from lowest score up, and :func:`inovlab.rules.formula.region_terms`
        with one entry per ``k``.

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> order, terms = drop_scenarios(np.array([111.0, 10.0]), np.array([0, 1]),
    ...                               np.zeros(0), np.zeros(0, dtype=int), 0.0, fw)
    >>> order.tolist(), terms["skor_total"].round(3).tolist()
    ([1, 0], [10.083, 9.25, 0.0])
    """
    order = np.argsort(scores, kind="stable")
    s = scores[order]
    k = np.arange(len(s) + 1)
    remaining_sum = other_scores.sum() + (s.sum() - np.concatenate([[0.0], np.cumsum(s)]))
    n = len(other_scores) + len(s) - k
    covered = _coverage_after_drops(urusan_pos[order], other_pos,
                                    len(fw.basic_service_urusan))
    return order, formula.region_terms(np.full(len(k), spd_score), remaining_sum, n, covered,
                                       fw)


# -- the best set of innovations to keep (exact) ------------------------------------------

@dataclasses.dataclass
class KeptSums:
    """The largest kematangan sum of ``r`` kept innovations, ``r = 0 .. m`` (exact).

    Attributes
    ----------
    order : array (m,)
        Candidates from the highest score down.
    plain : array (m + 1,)
        Sum of the ``r`` highest scores.
    plain_covered : array of int (m + 1,)
        Basic urusan covered by those ``r`` together with the fixed innovations.
    ruled : array (m + 1,)
        Largest sum of ``r`` candidates that, with the fixed innovations, cover the
        urusan minimum (``-inf`` where no choice of ``r`` does).
    choice : array of int (m + 1,)
        Which urusan set of ``sets`` gives ``ruled`` (-1: none).
    sets : list of tuple
        Urusan positions that must each keep one candidate.
    """

    order: np.ndarray
    plain: np.ndarray
    plain_covered: np.ndarray
    ruled: np.ndarray
    choice: np.ndarray
    sets: list

    def kept(self, r: int, ruled: bool, positions: np.ndarray) -> np.ndarray:
        """Candidate indices of the best ``r`` (``ruled``: the one meeting the urusan rule)."""
        if not ruled or self.choice[r] < 0 or not self.sets[self.choice[r]]:
            return self.order[:r]
        reps = _representatives(self.order, positions, self.sets[self.choice[r]])
        rest = self.order[~np.isin(self.order, reps)]
        return np.concatenate([reps, rest[:r - len(reps)]])


def _representatives(order: np.ndarray, positions: np.ndarray, urusan: tuple) -> np.ndarray:
    """The highest-scoring candidate of each urusan in ``urusan`` (``order``: best first)."""
    sorted_pos = positions[order]
    return np.array([order[np.flatnonzero(sorted_pos == u)[0]] for u in urusan], dtype=np.int64)


def best_kept_sums(scores, positions, fixed_positions, fw: Framework) -> KeptSums:
    """For every number ``r`` of kept candidates, the best sum with and without the urusan rule.

    Which ``r`` of ``m`` candidates to keep so that their kematangan sum is largest? Without
    the urusan rule: the ``r`` highest. With it (the jumlah-inovasi term needs
    ``urusan_min`` basic urusan, the fixed innovations cover some): for each set ``U`` of
    ``need`` missing urusan, the best choice keeps the highest candidate of each urusan of
    ``U`` and the ``r - need`` highest of the rest (exchanging any other member of urusan
    ``u`` for its highest only raises the sum); the best over every ``U`` (at most
    ``C(6, need)`` sets) is exact. Coverage is counted by
    :func:`inovlab.rules.formula.basic_urusan_covered`.

    Parameters
    ----------
    scores, positions : array (m,)
        Kematangan and basic-urusan position (-1: other) of the candidates.
    fixed_positions : array of int
        Basic-urusan positions of innovations that stay whatever is chosen.
    fw : Framework

    Returns
    -------
    KeptSums

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> s = best_kept_sums(np.array([90.0, 80.0, 10.0]), np.array([0, 0, 4]),
    ...                    np.array([1, 2, 3]), fw)
    >>> s.plain.tolist(), s.plain_covered.tolist(), s.ruled.tolist()
    ([0.0, 90.0, 170.0, 180.0], [3, 4, 4, 5], [-inf, -inf, 100.0, 180.0])
    """
    scores = np.asarray(scores, dtype=float)
    positions = np.asarray(positions, dtype=np.int64)
    n_basic = len(fw.basic_service_urusan)
    order = np.argsort(-scores, kind="stable")
    m = len(order)
    plain = np.concatenate([[0.0], np.cumsum(scores[order])])
    covered = _covered_by_top(positions[order], np.asarray(fixed_positions, dtype=np.int64),
                              n_basic)
    fixed = np.unique(np.asarray(fixed_positions)[np.asarray(fixed_positions) >= 0])
    need = int(fw.urusan_min) - len(fixed)
    ruled, choice, sets = np.full(m + 1, -np.inf), np.full(m + 1, -1), []
    if need <= 0:
        return KeptSums(order, plain, covered, plain.copy(), np.zeros(m + 1, int), [()])
    present = sorted(set(positions[positions >= 0].tolist()) - set(fixed.tolist()))
    for urusan in itertools.combinations(present, need):
        reps = _representatives(order, positions, urusan)
        rest = scores[order[~np.isin(order, reps)]]
        total = np.full(m + 1, -np.inf)
        total[need:] = scores[reps].sum() + np.concatenate([[0.0], np.cumsum(rest)])
        better = total > ruled
        ruled[better], choice[better] = total[better], len(sets)
        sets.append(urusan)
    return KeptSums(order, plain, covered, ruled, choice, sets)


def _covered_by_top(sorted_pos: np.ndarray, fixed_pos: np.ndarray, n_basic: int) -> np.ndarray:
    """Basic urusan covered by the ``r`` first candidates and the fixed ones, ``r = 0 .. m``.

    Urusan ``u`` is covered by the first ``r`` iff its first occurrence is before ``r``;
    group ``r`` gets one row per urusan it covers.
    """
    m = len(sorted_pos)
    first = np.full(n_basic, m + 1)
    rows = np.flatnonzero(sorted_pos >= 0)[::-1]
    first[sorted_pos[rows]] = rows              # the last write is the earliest row
    span = np.clip(m - first, 0, None)          # groups first_u + 1 .. m cover u
    pos = np.repeat(np.arange(n_basic), span)
    group = np.concatenate([np.arange(first[u] + 1, m + 1) for u in range(n_basic)]
                           ).astype(np.int64)
    kept = np.unique(fixed_pos[fixed_pos >= 0])
    pos = np.concatenate([pos, np.repeat(kept, m + 1)])
    group = np.concatenate([group, np.tile(np.arange(m + 1), len(kept))])
    return formula.basic_urusan_covered(pos, group, m + 1, n_basic)


def best_drop(scores, urusan_pos, other_scores, other_pos, spd_score,
              fw: Framework) -> tuple[np.ndarray, float]:
    """The candidates to drop so that the IID is highest: exact over every subset.

    For each number ``r`` of kept candidates the best set is known exactly
    (:func:`best_kept_sums`: the ``r`` highest, or the best set that keeps the urusan rule);
    the formula (:func:`inovlab.rules.formula.region_terms`) then scores every ``r`` both
    ways and the highest total wins (ties: fewer drops, then the plain choice).

    Parameters
    ----------
    scores, urusan_pos : array (m,)
        Kematangan and basic-urusan position (-1: other) of the candidates.
    other_scores, other_pos : array
        The region's other counted innovations (never dropped).
    spd_score : float
    fw : Framework

    Returns
    -------
    (dropped, skor_total)
        Indices of the candidates to drop (sorted) and the total score after dropping them.

    Examples
    --------
    The weakest innovation is the only one of the fifth basic urusan: dropping the second
    weakest instead keeps the jumlah-inovasi points (dropping the lowest gives 92.083):

    >>> fw = load_framework(2026)
    >>> scores = np.array([100.0] * 11 + [4.0, 5.0])
    >>> pos = np.array([0, 1, 2, 3] + [0] * 7 + [4, 0])
    >>> dropped, total = best_drop(scores, pos, np.zeros(0), np.zeros(0, int), 0.0, fw)
    >>> dropped.tolist(), round(total, 3)
    ([12], 96.56)
    """
    scores = np.asarray(scores, dtype=float)
    sums = best_kept_sums(scores, urusan_pos, other_pos, fw)
    r = np.arange(len(scores) + 1)
    count = len(other_scores) + r
    spd = np.full(len(r), float(spd_score))
    s_other = float(np.sum(other_scores))
    plain = formula.region_terms(spd, s_other + sums.plain, count, sums.plain_covered,
                                 fw)["skor_total"]
    with np.errstate(invalid="ignore"):
        ruled = formula.region_terms(spd, s_other + sums.ruled, count,
                                     np.full(len(r), fw.urusan_min), fw)["skor_total"]
    ruled = np.where(np.isfinite(sums.ruled), ruled, -np.inf)
    best = max(plain.max(), ruled.max())
    # most kept first; the plain choice before the ruled one at the same r
    options = [(k, False) for k in r[::-1]] + [(k, True) for k in r[::-1]]
    values = np.concatenate([plain[::-1], ruled[::-1]])
    pick = int(np.flatnonzero(values >= best - 1e-12)[0])
    kept_r, use_rule = options[pick]
    kept = sums.kept(int(kept_r), use_rule, np.asarray(urusan_pos, dtype=np.int64))
    return np.setdiff1d(np.arange(len(scores)), kept), float(best)


def _apply_rows(inov: pd.DataFrame, spd: pd.DataFrame, rows: pd.DataFrame, fw: Framework,
                code: str, lang: str):
    """Apply scenario rows to copies of a region's tables."""
    inov = inov.copy()
    spd = spd.copy()
    steps = []
    problems = []
    file = rows.attrs.get("berkas", "skenario")
    added = 0
    for row in rows.to_dict("records"):
        scored = score_innovations(inov, fw)
        counted = scored["dihitung"].to_numpy(dtype=bool)
        note = ""
        changed = 0
        if row["aksi"] in ("naikkan_sid", "atur_sid"):
            hit = counted & _matching(inov, row, fw)
            if not hit.any():
                problems.append(Problem(file, row["baris"], "opd" if row["opd"] else "urusan",
                                        row["opd"] or row["urusan"] or None,
                                        _msg("no_match", lang), "NO_MATCH"))
                continue
            col = row["target"]
            old = pd.to_numeric(inov[col], errors="coerce").fillna(0).to_numpy(dtype=float) \
                if col in inov else np.zeros(len(inov))
            new = np.maximum(old, row["nilai"]) if row["aksi"] == "naikkan_sid" else np.full(
                len(inov), row["nilai"])
            new = np.where(hit, new, old)
            changed = int((new != old).sum())
            inov[col] = new.astype(int)
        elif row["aksi"] == "atur_spd":
            col = row["target"]
            old = float(pd.to_numeric(spd[col], errors="coerce").fillna(0).iloc[0]) \
                if col in spd else 0.0
            spd[col] = int(row["nilai"])
            changed = int(old != row["nilai"])
            note = f"{old:g} → {row['nilai']:g}"
        elif row["aksi"] == "tambah_inovasi":
            levels = kematangan_levels(row["nilai"], fw)
            new = pd.DataFrame(np.repeat(levels[None, :], row["jumlah"], axis=0).astype(int),
                               columns=fw.sid_columns)
            new["tahun"] = fw.cycle
            new["kode_wilayah"] = code
            new["tahapan"] = str(fw.rule("counted_stage"))
            new["id_inovasi"] = [f"SIM-{added + i + 1}" for i in range(row["jumlah"])]
            new["urusan"] = row["urusan"] or None
            new["opd"] = row["opd"] or None
            if "nama_daerah" in inov and len(inov):
                new["nama_daerah"] = inov["nama_daerah"].iloc[0]
            added += row["jumlah"]
            inov = pd.concat([inov, new], ignore_index=True)
            changed = row["jumlah"]
        elif row["aksi"] == "buang_di_bawah_impas":
            cand = counted & _matching(inov, row, fw)
            upos = (urusan_position(inov["urusan"], fw) if "urusan" in inov
                    else np.full(len(inov), -1, dtype=np.int64))
            other = counted & ~cand
            k_score = scored["skor_kematangan"].to_numpy(float)
            dropped, _ = best_drop(k_score[cand], upos[cand], k_score[other], upos[other],
                                   spd_score_of(spd, fw), fw)
            drop_idx = np.flatnonzero(cand)[dropped]
            inov = inov.drop(index=inov.index[drop_idx]).reset_index(drop=True)
            changed = len(dropped)
            note = _msg("exact", lang)
        steps.append({"baris": row["baris"], "aksi": row["aksi"], "target": row["target"],
                      "inovasi_berubah": changed, "catatan": note})
    if problems:
        raise DataError(problems, lang)
    return inov, spd, pd.DataFrame(steps, columns=["baris", "aksi", "target",
                                                   "inovasi_berubah", "catatan"])


def spd_score_of(spd: pd.DataFrame, fw: Framework) -> float:
    """SPD score of a one-region wide table (``sum_k w_k l_k``).

    Examples
    --------
    >>> spd_score_of(pd.DataFrame({"spd_1": [3], "spd_12": [2]}), load_framework(2026))
    7.0
    """
    return float(formula.kematangan(level_matrix(spd, fw.spd_columns),
                                    fw.spd_weights.to_numpy())[0])


def _summary(inov, spd, fw, name, code, field, jenis, nama) -> pd.DataFrame:
    scored = score_innovations(inov, fw) if len(inov) else None
    if scored is None:
        scored = pd.DataFrame({"tahun": [fw.cycle], "kode_wilayah": [code],
                               "skor_kematangan": [0.0], "dihitung": [False]})
    region = score_regions(scored, spd, fw)
    region = region[region["kode_wilayah"].astype(str) == code].iloc[0]
    iid = float(region["skor_iid"])
    return pd.DataFrame([{
        "skenario": name, "kode_wilayah": code, "nama_daerah": nama, "jenis": jenis,
        "n_inovasi_dihitung": int(region["n_inovasi_dihitung"]),
        "skor_spd": float(region["skor_spd"]), "rata_kematangan": float(region["rata_kematangan"]),
        "skor_jumlah_inovasi": float(region["skor_jumlah_inovasi"]),
        "skor_sid": float(region["skor_sid"]), "skor_iid": iid,
        "predikat": fw.predicate([iid])[0],
        "peringkat": int(rank_in_distribution([iid], field)[0]), "n_klaster": len(field) + 1}])


def prepare_region(inovasi, spd, region, tahun=None, framework=None, hasil=None, jenis=None,
                   lang="id"):
    """One region's tables of one cycle, and the field its rank is taken in.

    Shared by :func:`apply_scenario`, :func:`compare_scenarios` and
    :func:`inovlab.analysis.planner.plan_target`.

    Returns
    -------
    tuple
        ``(framework, kode_wilayah, inovasi, spd, field, cluster, nama_daerah)``: the region's
        ``inovasi`` rows and its one-row wide ``spd``; ``field`` the IID of the other regions
        of its cluster (from ``hasil``, else every region of the inputs scored).

    Examples
    --------
    >>> inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b"], "tahapan": "penerapan",
    ...                      "ind_33": [3, 1]})
    >>> spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b"], "spd_1": [3, 3]})
    >>> fw, code, mine, spd_a, field, cluster, nama = prepare_region(inov, spd, "a",
    ...                                                              jenis="semua")
    >>> code, len(mine), field.round(2).tolist(), cluster
    ('a', 1, [1.3], 'semua')
    """
    check_lang(lang)
    tahun = _cycle(inovasi, spd, tahun, lang)
    fw = framework or load_framework(tahun)
    inov_all = inovasi[inovasi["tahun"] == tahun]
    spd_all = spd_wide(spd[spd["tahun"] == tahun])
    code = _region_code(region, [inov_all, spd_all, hasil], tahun, lang)
    inov = inov_all[inov_all["kode_wilayah"].astype(str) == code].reset_index(drop=True)
    spd_r = spd_all[spd_all["kode_wilayah"].astype(str) == code].reset_index(drop=True)
    if not len(spd_r):
        spd_r = pd.DataFrame({"tahun": [tahun], "kode_wilayah": [code]})
    if hasil is None:
        regions = score_regions(score_innovations(inov_all, fw), spd_all, fw)
        codes = regions["kode_wilayah"].astype(str)
        _, clusters = region_meta(codes, inov_all, spd[spd["tahun"] == tahun], None)
        reference = regions.assign(kode_wilayah=codes, jenis=clusters)
    else:
        reference = hasil
    field, cluster = cluster_distribution(reference, tahun, code, jenis)
    nama = code
    for table in (hasil, inov_all, spd):
        if table is not None and "nama_daerah" in table:
            names = table.loc[table["kode_wilayah"].astype(str) == code, "nama_daerah"]
            if len(names):
                nama = str(names.iloc[0])
                break
    return fw, code, inov, spd_r, field, cluster, nama


def apply_scenario(inovasi: pd.DataFrame, spd: pd.DataFrame, scenario, region: str,
                   tahun: int | None = None, *, hasil: pd.DataFrame | None = None,
                   framework: Framework | None = None, jenis: str | None = None,
                   lang: str = "id") -> ScenarioResult:
    """Apply one scenario (all its rows) to a region and re-score it.

    Parameters
    ----------
    inovasi, spd : DataFrame
        Canonical tables (may hold every region; the region's rows are used, and every
        region's when ``hasil`` is not given, to build the cycle's distribution).
    scenario : DataFrame, path or list of dict
        Scenario rows (see the module docstring); if several scenario names are present,
        all rows are applied in order.
    region : str
        Kode wilayah or name.
    tahun : int, optional
        The cycle (required when the tables hold several).
    hasil : DataFrame, optional
        Published/demo results of the cycle (``tahun, kode_wilayah, skor_iid, jenis``): the
        distribution the rank is taken in. Default: all regions of ``inovasi``/``spd``
        scored with :mod:`inovlab.rules.scoring`.
    jenis : str, optional
        Cluster to rank in (default: the region's own).

    Returns
    -------
    ScenarioResult

    Raises
    ------
    DataError
        An invalid scenario row (row, column and reason in Indonesian), or a row whose
        ``opd``/``urusan`` matches no counted innovation.

    Examples
    --------
    >>> inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"] * 12 + ["b"] * 12,
    ...                      "tahapan": "penerapan", "ind_33": [1] * 12 + [3] * 12})
    >>> spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a", "b"], "spd_12": [1, 1]})
    >>> sc = pd.DataFrame({"skenario": ["S"], "aksi": ["atur_spd"], "target": ["spd_12"],
    ...                    "nilai": [3]})
    >>> r = apply_scenario(inov, spd, sc, "a", jenis="semua").ringkasan.iloc[0]
    >>> float(r.skor_spd), round(float(r.skor_iid), 2)
    (6.0, 3.6)
    """
    fw, code, inov, spd_r, field, cluster, nama = prepare_region(inovasi, spd, region, tahun,
                                                           framework, hasil, jenis, lang)
    rows = load_scenarios(scenario, fw, lang)
    new_inov, new_spd, steps = _apply_rows(inov, spd_r, rows, fw, code, lang)
    names = rows["skenario"].unique().tolist()
    summary = _summary(new_inov, new_spd, fw, names[0] if len(names) == 1 else " + ".join(names),
                       code, field, cluster, nama)
    return ScenarioResult(summary, new_inov, new_spd, steps)


def compare_scenarios(inovasi: pd.DataFrame, spd: pd.DataFrame, scenarios, region: str,
                      tahun: int | None = None, *, hasil: pd.DataFrame | None = None,
                      framework: Framework | None = None, jenis: str | None = None,
                      lang: str = "id") -> pd.DataFrame:
    """Every scenario of a table side by side, the baseline (``dasar``) first.

    Each scenario (rows sharing ``skenario``) starts from the region's actual data.

    Returns
    -------
    DataFrame
        One row per scenario: the columns of :attr:`ScenarioResult.ringkasan` plus
        ``selisih_iid`` (IID minus the baseline's) and ``selisih_peringkat`` (baseline rank
        minus the scenario's: positive = climbs). ``attrs["langkah"]`` is the per-row log
        (the data source is the caller's :class:`inovlab.sources.provenance.Inputs`).

    Raises
    ------
    DataError
        Every invalid row of every scenario, at once.

    Examples
    --------
    >>> inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"] * 12,
    ...                      "tahapan": "penerapan", "ind_33": [1] * 12})
    >>> spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"], "spd_12": [1]})
    >>> sc = pd.DataFrame({"skenario": ["S", "T"], "aksi": ["atur_spd", "naikkan_sid"],
    ...                    "target": ["12", "33"], "nilai": [3, 3]})
    >>> out = compare_scenarios(inov, spd, sc, "a")
    >>> out[["skenario", "selisih_iid"]].round(2).values.tolist()
    [['dasar', 0.0], ['S', 1.6], ['T', 2.4]]
    """
    fw, code, inov, spd_r, field, cluster, nama = prepare_region(inovasi, spd, region, tahun,
                                                           framework, hasil, jenis, lang)
    rows = load_scenarios(scenarios, fw, lang)
    parts = [_summary(inov, spd_r, fw, BASELINE, code, field, cluster, nama)]
    logs = []
    problems = []
    for name, group in rows.groupby("skenario", sort=False):
        group.attrs = rows.attrs
        try:
            new_inov, new_spd, steps = _apply_rows(inov, spd_r, group, fw, code, lang)
        except DataError as err:
            problems.extend(err.problems)
            continue
        parts.append(_summary(new_inov, new_spd, fw, name, code, field, cluster, nama))
        logs.append(steps.assign(skenario=name))
    if problems:
        raise DataError(problems, lang)
    out = pd.concat(parts, ignore_index=True)
    out["selisih_iid"] = out["skor_iid"] - out["skor_iid"].iloc[0]
    out["selisih_peringkat"] = out["peringkat"].iloc[0] - out["peringkat"]
    out.attrs["langkah"] = pd.concat(logs, ignore_index=True) if logs else pd.DataFrame()
    return out
