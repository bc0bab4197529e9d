"""The one rank model: a region's rank now, as projected, and at the next results.

Every rank inovlab shows (notebooks, ``inovlab check``, the deck, ``ringkasan.json``) comes
from this module, so one run never gives one region two ranks.

The rank rule (as results are published)
----------------------------------------
Scores are compared as published, rounded to 2 decimals::

    rank = 1 + #{others j : round(IID_j, 2) > round(IID, 2)}

so ties share the better rank (:func:`point_rank`). A point projection ("if nobody else
changes") is this rank of the own projected score among the field as it stands.

The next results (Monte Carlo)
------------------------------
The distribution is for the first results after the field's cycle: the cycle being prepared
when the field is from an earlier cycle, else the cycle after the field's.

* **Rivals** are taken as their published (verified) scores. When the field is ``s`` cycles
  older than the target, each rival moves ``s`` times by a change drawn from the observed
  year-on-year changes of regions *at a similar level* (:class:`ChangeModel`: a nearest-
  neighbour bootstrap on the starting level). Observed changes regress to the mean (high scores tend to fall back), so
  drawing them regardless of level flatters low regions and punishes high ones;
  :attr:`Outlook.p_top_k_unconditional` shows how much that choice moves P(top k).
* **The own region**, when its score is projected from its own files (claims not yet
  verified), loses points to verification: every claimed level is scored down by one level
  with probability ``downgrade_prob`` (an assumption, said in the outputs), drawn exactly
  with :class:`inovlab.analysis.verification_loss.LossSampler`. When its score is a
  published one, it moves like every rival (the model is then symmetric: in a field of
  ``n`` identical regions P(top k) = k / n).
* **Ties** in a draw are broken at random (every order of tied regions equally likely), so
  that symmetric fields give symmetric chances; P(top k) is estimated by its conditional
  expectation given the draw, ``clip((k - g) / (t + 1), 0, 1)`` with ``g`` rivals above and
  ``t`` level with the region, which has a smaller Monte Carlo error than the indicator.
* Monte Carlo standard error of P(top k): the standard deviation of those per-draw
  probabilities over ``sqrt(n_draws)``. The default 20,000 draws keep it below 0.0036.

Weight uncertainty needs every region's indicator levels; it is in
:func:`inovlab.analysis.uncertainty.rank_uncertainty`, which uses this module's rank rule
and change model.

References
----------
Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 9 (resampling
observed changes). Lall, U. & Sharma, A. (1996). A nearest neighbor
bootstrap for resampling hydrologic time series. *Water Resour. Res.* 32(3), 679-693
(drawing the next value among the neighbours of the current one).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from inovlab.errors import UsageError

__all__ = ["DEFAULT_DRAWS", "DEFAULT_DOWNGRADE_PROB", "ChangeModel", "RankSettings",
           "Outlook", "point_rank", "published", "outlook", "own_loss_draws"]

DEFAULT_DRAWS = 20_000
"""Draws of every rank distribution (Monte Carlo error of P(top k) <= 0.0036)."""

DEFAULT_DOWNGRADE_PROB = 0.1
"""Assumed chance that verification scores a claimed level down by one (no published rate)."""

MIN_WINDOW = 10
"""Fewest observed changes a conditional draw chooses among."""

WINDOW_SHARE = 0.2
"""Share of the observed changes that are 'at a similar level' (the neighbour window)."""

_CHUNK = 1000           # draws per block when counting (bounded memory)


def published(scores) -> np.ndarray:
    """Scores as published: in hundredths of a point, whole numbers (exact comparisons).

    Stored as float32, which holds every whole number up to 10,000 exactly; missing is -1.

    Examples
    --------
    >>> published([61.004, 61.006, np.nan]).tolist()
    [6100.0, 6101.0, -1.0]
    """
    values = np.asarray(scores)
    out = np.multiply(values, 100.0, dtype=np.float32 if values.dtype == np.float32
                      else np.float64)
    np.rint(out, out=out)
    out[np.isnan(out)] = -1
    return out.astype(np.float32, copy=False)


def point_rank(score: float, others) -> int:
    """``1 +`` the number of ``others`` with a higher published (2-decimal) score.

    Examples
    --------
    >>> point_rank(70.0, [80.0, 69.999, 70.004, 60.0])   # 69.999 and 70.004 publish as 70.00
    2
    """
    others = np.asarray(others, dtype=float)
    others = others[np.isfinite(others)]
    return 1 + int((published(others) > published([score])[0]).sum())


# -- how scores change between cycles -------------------------------------------------------

@dataclass(frozen=True)
class ChangeModel:
    """Year-on-year IID changes, drawn conditional on the starting level.

    Attributes
    ----------
    start : ndarray
        Observed starting scores (sorted ascending); NaN when levels are unknown.
    change : ndarray
        The observed change of each (same order).
    conditional : bool
        Draw among the ``window`` observations nearest in starting level (else among all).
    window : int
        ``min(m, max(MIN_WINDOW, ceil(WINDOW_SHARE * m)))`` for ``m`` observations.

    Examples
    --------
    >>> h = pd.DataFrame({"tahun": [2024] * 3 + [2025] * 3, "kode_wilayah": list("abc") * 2,
    ...                   "skor_iid": [80.0, 50.0, 20.0, 70.0, 52.0, 35.0]})
    >>> m = ChangeModel.from_hasil(h)
    >>> m.change.tolist(), round(m.correlation, 2)
    ([15.0, 2.0, -10.0], -1.0)
    """

    start: np.ndarray
    change: np.ndarray
    conditional: bool = True
    window: int = 0

    @classmethod
    def from_pairs(cls, start, change, conditional: bool = True) -> ChangeModel | None:
        """From observed (starting score, change) pairs; None with fewer than two."""
        start = np.asarray(start, dtype=float)
        change = np.asarray(change, dtype=float)
        keep = np.isfinite(change)
        start, change = start[keep], change[keep]
        if change.size < 2:
            return None
        order = np.argsort(start, kind="stable")
        start, change = start[order], change[order]
        m = change.size
        window = min(m, max(MIN_WINDOW, math.ceil(WINDOW_SHARE * m)))
        known = bool(np.isfinite(start).all())
        return cls(start, change, conditional and known, window)

    @classmethod
    def from_hasil(cls, hasil: pd.DataFrame | None, until: int | None = None,
                   conditional: bool = True) -> ChangeModel | None:
        """The changes between consecutive cycles in ``hasil`` (into cycles ``<= until``).

        None when fewer than two regions have scores in two consecutive cycles.
        """
        if hasil is None or hasil.empty or "skor_iid" not in hasil:
            return None
        data = hasil[["tahun", "kode_wilayah", "skor_iid"]].dropna(subset=["skor_iid"])
        data = data.assign(tahun=pd.to_numeric(data["tahun"]).astype(int),
                           kode_wilayah=data["kode_wilayah"].astype(str))
        if until is not None:
            data = data[data["tahun"] <= int(until)]
        data = data.drop_duplicates(["kode_wilayah", "tahun"]).sort_values(
            ["kode_wilayah", "tahun"])
        prev = data.groupby("kode_wilayah", sort=False)[["tahun", "skor_iid"]].shift(1)
        ok = ((data["tahun"] - prev["tahun"]) == 1).to_numpy()
        before = prev["skor_iid"].to_numpy(dtype=float)[ok]
        return cls.from_pairs(before, data["skor_iid"].to_numpy(dtype=float)[ok] - before,
                              conditional)

    @property
    def n(self) -> int:
        """Number of observed changes."""
        return int(self.change.size)

    @property
    def correlation(self) -> float:
        """Correlation of starting level and change (negative: regression to the mean)."""
        if not np.isfinite(self.start).all() or np.std(self.start) == 0:
            return float("nan")
        return float(np.corrcoef(self.start, self.change)[0, 1])

    def unconditional(self) -> ChangeModel:
        """The same changes drawn regardless of level."""
        return replace(self, conditional=False)

    def move(self, scores: np.ndarray, rng: np.random.Generator,
             draws: int | None = None) -> np.ndarray:
        """``scores`` plus one drawn change each, clipped to [0, 100].

        With ``draws``, ``scores`` is one vector (the field now) and the result has shape
        ``(draws, len(scores))``: the neighbours are then looked up once per region.
        """
        scores = np.asarray(scores)
        scores = scores if scores.dtype == np.float32 else scores.astype(np.float64)
        shape = scores.shape if draws is None else (draws, scores.size)
        m = self.n
        if self.conditional:
            pos = np.searchsorted(self.start, scores)
            low = np.clip(pos - self.window // 2, 0, m - self.window).astype(np.int32)
            pick = low + rng.integers(0, self.window, size=shape, dtype=np.int32)
        else:
            pick = rng.integers(0, m, size=shape, dtype=np.int32)
        # float32 input stays float32 (the national Monte Carlo), anything else float64
        kind = np.float32 if scores.dtype == np.float32 else np.float64
        moved = self.change.astype(kind)[pick]
        moved += scores
        return np.clip(moved, 0.0, 100.0, out=moved)


# -- settings and the own region's verification loss -----------------------------------------

@dataclass(frozen=True)
class RankSettings:
    """How a rank distribution is drawn (validated on creation).

    Examples
    --------
    >>> RankSettings().n_draws
    20000
    >>> RankSettings(n_draws=0)
    Traceback (most recent call last):
    ...
    inovlab.errors.UsageError: n_draws harus bilangan bulat >= 1 (n_draws must be >= 1); diberikan 0.
    """

    n_draws: int = DEFAULT_DRAWS
    seed: int = 0
    top_k: int = 10
    downgrade_prob: float = DEFAULT_DOWNGRADE_PROB
    conditional: bool = True

    def __post_init__(self):
        for name, low in (("n_draws", 1), ("top_k", 1), ("seed", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
                raise UsageError(f"{name} harus bilangan bulat >= {low} ({name} must be "
                                 f">= {low}); diberikan {value!r}.")
        p = float(self.downgrade_prob)
        if not 0.0 <= p <= 1.0:
            raise UsageError(f"downgrade_prob harus di antara 0 dan 1 (must be in [0, 1]); "
                             f"diberikan {self.downgrade_prob!r}.")


def own_loss_draws(claims, settings: RankSettings, rng: np.random.Generator) -> np.ndarray:
    """Verification loss of one region's claims in IID points, one value per draw.

    Parameters
    ----------
    claims : RegionClaims
        The region's claims (:func:`inovlab.analysis.claims.region_claims`, one row).
    settings : RankSettings
    rng : numpy.random.Generator

    Returns
    -------
    ndarray, shape (n_draws,)

    Examples
    --------
    >>> from inovlab.analysis.claims import region_claims
    >>> inov = pd.DataFrame({"tahun": 2026, "kode_wilayah": "a", "tahapan": "penerapan",
    ...                      "ind_33": [3] * 12})
    >>> spd = pd.DataFrame({"tahun": 2026, "kode_wilayah": ["a"], "spd_1": [3]})
    >>> c = region_claims(inov, spd, jenis={"a": "kota"})
    >>> loss = own_loss_draws(c, RankSettings(n_draws=2000), np.random.default_rng(0))
    >>> bool(loss.min() >= 0), bool(0 < loss.mean() < 1)
    (True, True)
    """
    from inovlab.analysis.verification_loss import LossSampler, loss_classes

    fw = claims.framework
    rows = np.arange(claims.spd_levels.shape[0])
    u = rng.random((settings.n_draws, len(rows), 2))
    p_spd = np.full(len(fw.spd_columns), float(settings.downgrade_prob))
    p_sid = np.full(len(fw.sid_columns), float(settings.downgrade_prob))
    spd = LossSampler(*loss_classes(claims, "spd", p_spd, "satu")).sample(rows, u[..., 0])
    sid = LossSampler(*loss_classes(claims, "sid", p_sid, "satu")).sample(rows, u[..., 1])
    loss = (spd + sid / claims.divisor[None, :]) * (100.0 / fw.total_max)
    return loss[:, 0]


# -- the outlook -----------------------------------------------------------------------------

@dataclass
class Outlook:
    """Monte Carlo draws of the next results: the field's and the own region's scores.

    Use :func:`outlook` to build one. ``rivals`` holds each draw's rival scores as
    published integers (hundredths), sorted; ``own`` the own region's score per draw.
    """

    rivals: np.ndarray
    own: np.ndarray
    own_base: float
    loss: np.ndarray | None
    settings: RankSettings
    steps: int
    changes: ChangeModel | None
    p_top_k_unconditional: float | None = None
    _counts: tuple | None = field(default=None, repr=False)

    @property
    def n_field(self) -> int:
        """Regions in the field, the own region included."""
        return int(self.rivals.shape[1]) + 1

    def counts(self, own: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Per draw: rivals above and level with ``own`` (default: the drawn own scores)."""
        if own is None and self._counts is not None:
            return self._counts
        mine = published(self.own if own is None else own)
        above = np.empty(len(mine), dtype=np.int64)
        level = np.empty(len(mine), dtype=np.int64)
        for s in range(0, len(mine), _CHUNK):
            block, key = self.rivals[s:s + _CHUNK], mine[s:s + _CHUNK, None]
            above[s:s + _CHUNK] = np.count_nonzero(block > key, axis=1)
            level[s:s + _CHUNK] = np.count_nonzero(block == key, axis=1)
        if own is None:
            self._counts = (above, level)
        return above, level

    def ranks(self) -> np.ndarray:
        """One rank per draw (ties broken at random, with the settings' seed)."""
        above, level = self.counts()
        rng = np.random.default_rng([self.settings.seed, 1])
        return 1 + above + np.floor(rng.random(len(above)) * (level + 1)).astype(np.int64)

    def chance_per_draw(self, own: np.ndarray | None = None) -> np.ndarray:
        """P(rank <= k) given each draw: ``clip((k - above) / (level + 1), 0, 1)``."""
        above, level = self.counts(own)
        return np.clip((self.settings.top_k - above) / (level + 1.0), 0.0, 1.0)

    def p_top_k(self) -> tuple[float, float]:
        """P(top k) and its Monte Carlo standard error."""
        per = self.chance_per_draw()
        return float(per.mean()), float(per.std(ddof=1) / math.sqrt(len(per))) \
            if len(per) > 1 else 0.0

    def chance(self, scores) -> np.ndarray:
        """P(top k) if the own score were each of ``scores`` instead of ``own_base``.

        Every draw of the own score is shifted by the same amount (common random numbers:
        the curve is monotone in the score and free of Monte Carlo jitter between scores).
        """
        scores = np.atleast_1d(np.asarray(scores, dtype=float))
        return np.array([self.chance_per_draw(self._shifted(s - self.own_base)).mean()
                         for s in scores])

    def chance_gain(self, gains) -> tuple[np.ndarray, np.ndarray]:
        """Change in P(top k) when the own score rises by each of ``gains``, with its error.

        Same draws for every candidate, so the differences are far less noisy than two
        separate estimates; returns the changes and their Monte Carlo standard errors.

        Examples
        --------
        >>> m = ChangeModel.from_pairs(np.linspace(30, 90, 80), np.linspace(-6, 6, 80))
        >>> o = outlook(np.linspace(30, 90, 40), 70.0, own_is_claim=True, steps=1, changes=m,
        ...             settings=RankSettings(n_draws=2000))
        >>> delta, se = o.chance_gain([0.0, 12.0])
        >>> float(delta[0]), bool(delta[1] > 0), bool(se[1] < 0.02)
        (0.0, True, True)
        """
        base = self.chance_per_draw()
        deltas, errors = [], []
        for g in np.atleast_1d(np.asarray(gains, dtype=float)):
            per = self.chance_per_draw(self._shifted(g)) - base
            deltas.append(per.mean())
            errors.append(per.std(ddof=1) / math.sqrt(len(per)) if len(per) > 1 else 0.0)
        return np.array(deltas), np.array(errors)

    def _shifted(self, gain: float) -> np.ndarray:
        return np.clip(self.own + gain, 0.0, 100.0)

    def summary(self, si_cutoff: float | None = None) -> dict:
        """``median``, ``p05``, ``p95`` (ranks), ``p_top_k``, ``mc_se``, ``p_sangat_inovatif``."""
        ranks = self.ranks()
        p, se = self.p_top_k()
        p_si = None if si_cutoff is None else float(
            np.mean(published(self.own) >= published([si_cutoff])[0]))
        return {"median": int(np.quantile(ranks, 0.5, method="inverted_cdf")),
                "p05": int(np.quantile(ranks, 0.05, method="inverted_cdf")),
                "p95": int(np.quantile(ranks, 0.95, method="inverted_cdf")),
                "p_top_k": p, "mc_se": se, "p_sangat_inovatif": p_si,
                "p_top_k_tanpa_syarat_level": self.p_top_k_unconditional,
                "n_draws": int(len(self.own)), "top_k": int(self.settings.top_k),
                "langkah_siklus": int(self.steps),
                "peluang_turun_level": float(self.settings.downgrade_prob)
                if self.loss is not None else None}


def outlook(rivals, own_score: float, *, own_is_claim: bool, steps: int,
            changes: ChangeModel | None, claims=None,
            settings: RankSettings | None = None) -> Outlook | None:
    """Draw the next results of a field and of the own region (see the module docstring).

    Parameters
    ----------
    rivals : array-like of float
        Published scores of the other members of the field (NaN dropped).
    own_score : float
        The own region's projected score from its files (``own_is_claim=True``) or its
        published score in the field (``False``).
    own_is_claim : bool
        True: the own score loses points to verification (needs ``claims``) and does not
        move; False: it moves ``steps`` times like the rivals.
    steps : int
        Cycles between the field's results and the results drawn (>= 0).
    changes : ChangeModel or None
        Observed changes; required when ``steps > 0``.
    claims : RegionClaims, optional
        The own region's claims, for the verification loss.
    settings : RankSettings, optional

    Returns
    -------
    Outlook or None
        None when the field must move (``steps > 0``) but no changes were observed.

    Examples
    --------
    Thirty regions at the same score, all moving alike: each has a 10 / 30 chance.

    >>> m = ChangeModel.from_pairs(np.linspace(40, 60, 50), np.linspace(-5, 5, 50))
    >>> o = outlook(np.full(29, 50.0), 50.0, own_is_claim=False, steps=1, changes=m,
    ...             settings=RankSettings(n_draws=20_000))
    >>> p, se = o.p_top_k()
    >>> abs(p - 1 / 3) < 4 * se
    True
    """
    settings = settings or RankSettings()
    rivals = np.asarray(rivals, dtype=float)
    rivals = rivals[np.isfinite(rivals)]
    if steps < 0:
        raise ValueError("steps must be >= 0")
    if steps > 0 and changes is None:
        return None
    rng = np.random.default_rng(settings.seed)
    d = settings.n_draws
    moved = _moved(rivals.astype(np.float32), steps, changes, rng, draws=d)
    loss = None
    if own_is_claim:
        own = np.full(d, float(own_score))
        if claims is not None and settings.downgrade_prob > 0:
            loss = own_loss_draws(claims, settings, rng)
            own = np.clip(own - loss, 0.0, 100.0)
    else:
        own = _moved(np.array([own_score], dtype=np.float32), steps, changes, rng,
                     draws=d)[:, 0].astype(np.float64)
    result = Outlook(published(moved), own, float(own_score), loss, settings, steps, changes)
    if steps > 0 and changes.conditional:
        other = outlook(rivals, own_score, own_is_claim=own_is_claim, steps=steps,
                        changes=changes.unconditional(), claims=claims, settings=settings)
        result.p_top_k_unconditional = other.p_top_k()[0]
    return result


def _moved(scores: np.ndarray, steps: int, changes: ChangeModel | None, rng,
           draws: int) -> np.ndarray:
    """``(draws, n)`` scores after ``steps`` moves (the first from the one vector given)."""
    if steps == 0:
        return np.broadcast_to(np.asarray(scores, dtype=float), (draws, len(scores)))
    out = changes.move(scores, rng, draws=draws)
    for _ in range(steps - 1):
        out = changes.move(out, rng)
    return out


# -- a field, a cycle and an own score: the run's one ``peringkat`` entry ----------------------

def field_outlook(field, cycle: int, own_score: float | None, *, claims=None,
                  changes: ChangeModel | None = None,
                  settings: RankSettings | None = None) -> Outlook | None:
    """The next results for a :class:`~inovlab.analysis.field.Field` (see the module docstring).

    * own region a member of a field of ``cycle`` itself: its result is known, so the draw is
      the cycle after, every region (own included) moving once;
    * own score projected from its files (``claims``): the results of ``cycle``, rivals moving
      ``cycle - field.cycle`` times, the own score losing points to verification;
    * otherwise (no own files, a member of an earlier field): the results of ``cycle``, the own
      published score moving like the rivals.

    None when there is nothing to draw from (no score, or the field must move and no changes
    were observed).
    """
    others = np.asarray(field.codes, dtype=object) != field.region_code
    rivals = np.asarray(field.scores, dtype=float)[others]
    member = np.asarray(field.scores, dtype=float)[~others]
    published_own = float(member[0]) if member.size and np.isfinite(member[0]) else None
    gap = int(cycle) - int(field.cycle)
    if published_own is not None and gap <= 0:
        return outlook(rivals, published_own, own_is_claim=False, steps=1, changes=changes,
                       settings=settings)
    if own_score is not None and np.isfinite(own_score):
        return outlook(rivals, float(own_score), own_is_claim=True, steps=max(gap, 0),
                       changes=changes, claims=claims, settings=settings)
    if published_own is not None:
        return outlook(rivals, published_own, own_is_claim=False, steps=gap, changes=changes,
                       settings=settings)
    return None


def target_cycle(field, cycle: int) -> int:
    """The cycle whose results :func:`field_outlook` draws."""
    member = np.asarray(field.codes, dtype=object) == field.region_code
    known = bool(member.any() and np.isfinite(np.asarray(field.scores, float)[member]).all())
    return int(field.cycle) + 1 if known and int(cycle) <= int(field.cycle) else int(cycle)


def rank_entry(field, cycle: int, own_score: float | None, *, claims=None,
               changes: ChangeModel | None = None, settings: RankSettings | None = None,
               si_cutoff: float | None = None, lang: str = "id",
               drawn: Outlook | None = None) -> dict | None:
    """The ``peringkat`` entry of ``ringkasan.json`` (data contract), or None without a rank.

    ``saat_ini`` is the rank in the field's own results; ``proyeksi`` the own projected score
    against the field as it stands ("if nobody else changes"); ``median``, ``p05``, ``p95``,
    ``p_top_k`` and ``mc_se`` the next results (:func:`field_outlook`; None, and ``n_draws``
    0, when the data hold no changes between cycles). Extra keys: ``siklus_bidang``,
    ``siklus_sebaran`` (the cycle drawn), ``p_sangat_inovatif``,
    ``p_top_k_tanpa_syarat_level`` (P(top k) with changes drawn regardless of level),
    ``peluang_turun_level`` (the assumed verification risk, None when not applied).
    ``drawn``: the :func:`field_outlook` of the same arguments when the caller already has
    it (its draws are then summarised instead of drawn again).

    Examples
    --------
    >>> from inovlab.analysis.field import comparison_field
    >>> h = pd.DataFrame({"tahun": [2024] * 3 + [2025] * 3,
    ...                   "kode_wilayah": ["19.01", "19.02", "19.71"] * 2,
    ...                   "skor_iid": [60.0, 40.0, 55.0, 62.0, 45.0, 50.0]})
    >>> f = comparison_field(h, "19.71", 2026, source="user")
    >>> e = rank_entry(f, 2026, None, changes=ChangeModel.from_hasil(h),
    ...                settings=RankSettings(n_draws=2000))
    >>> e["saat_ini"], e["proyeksi"], e["siklus_sebaran"], e["p05"] <= e["median"] <= e["p95"]
    (2, None, 2026, True)
    """
    from inovlab.i18n import source_label

    settings = settings or RankSettings()
    if field is None or not field.has_scores:
        return None
    now = field.rank_now()
    projected = None if own_score is None or not np.isfinite(own_score) else \
        field.rank_of(own_score)
    if now is None and projected is None:
        return None
    entry = {"bidang": field.label, "n_bidang": int(field.n), "saat_ini": now,
             "proyeksi": projected, "median": None, "p05": None, "p95": None,
             "p_top_k": None, "top_k": int(settings.top_k), "mc_se": None, "n_draws": 0,
             "sumber": source_label(field.source, lang), "siklus_bidang": int(field.cycle),
             "siklus_sebaran": target_cycle(field, cycle), "p_sangat_inovatif": None,
             "p_top_k_tanpa_syarat_level": None, "peluang_turun_level": None}
    if drawn is None:
        drawn = field_outlook(field, cycle, own_score, claims=claims, changes=changes,
                              settings=settings)
    if drawn is not None:
        summary = drawn.summary(si_cutoff)
        entry.update({k: summary[k] for k in ("median", "p05", "p95", "p_top_k", "mc_se",
                                              "n_draws", "p_sangat_inovatif",
                                              "p_top_k_tanpa_syarat_level",
                                              "peluang_turun_level")})
    return entry
