"""Small synthetic fixtures for tests, doctests and benchmarks (public, documented).

Nothing here is real data and nothing in the analyses depends on it: production modules
only import it inside their doctest examples.

- :func:`example_tables`: two tiny regions (``inovasi``, ``spd``) for the decomposition
  doctests.
- :func:`synthetic_panel`: one synthetic cycle whose decisive indicators are known, so the
  driver analyses can be checked against the truth.
- :data:`CAUSAL_PHRASES`, :func:`causal_phrases_in`: words that claim a cause, which the
  driver outputs must not use.
- :func:`correlated_panel`: 60 kabupaten where two light indicators move with a heavy one
  ("passengers"), to check that the drivers' headline names the weighted drivers.
- :func:`history_regions`, :func:`history_hasil`: a hand-checkable panel of 10 regions over
  two cycles for the history and panel tests.

Examples
--------
>>> inovasi, spd = example_tables()
>>> len(inovasi), len(spd)
(3, 2)
>>> sorted(synthetic_panel(10, seed=0))
['decisive', 'inovasi', 'spd']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.rules.framework import load_framework

__all__ = ["example_tables", "synthetic_panel", "correlated_panel", "history_regions",
           "history_hasil", "HISTORY_SCORES", "CAUSAL_PHRASES", "causal_phrases_in"]

CAUSAL_PHRASES = (
    "benar-benar menggerakkan", "menggerakkan", "menyebabkan", "mengakibatkan", "berdampak",
    "dampak", "pengaruh", "memengaruhi", "mempengaruhi", "mendorong", "pendorong",
    "sebab utama", "really move", "really drive", "drives the", "drive the", "causes",
    "caused by", "leads to", "impact", "influence", "effect of each", "moves the score",
)
"""Words that claim a cause. Cross-region drivers are associations: their outputs say
"berkaitan dengan" / "associated with" and tests scan them for these phrases."""


def causal_phrases_in(text: str) -> list[str]:
    """The :data:`CAUSAL_PHRASES` found in ``text`` (case-insensitive), in list order.

    Examples
    --------
    >>> causal_phrases_in("Indikator yang benar-benar menggerakkan skor")
    ['benar-benar menggerakkan', 'menggerakkan']
    >>> causal_phrases_in("Paling berkaitan dengan perbedaan skor")
    []
    """
    low = text.lower()
    return [p for p in CAUSAL_PHRASES if p in low]

HISTORY_SCORES = {  # kode: (2024, 2025); None = no row
    "1": (70.0, 62.0), "2": (50.0, 68.0), "3": (0.0, 30.0),
    "1.01": (60.0, 45.0), "1.02": (40.0, 50.0), "2.01": (60.0, 70.0), "2.02": (30.0, 20.0),
    "1.71": (66.0, 66.0), "2.71": (55.0, 70.0), "2.72": (None, 40.0),
}
"""IID of the :func:`history_regions` per cycle (2024, 2025); None = no row."""


def legend_between_plot_and_title(ax) -> bool:
    """True when the legend of ``ax`` sits above the plotting area and below the title (so
    it covers no bar or point), once the figure is drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar([0, 1], [1, 2], label="x"); _ = ax.set_title("T")
    >>> _ = ax.legend(loc="upper left")  # inside the plotting area
    >>> legend_between_plot_and_title(ax)
    False
    >>> plt.close(fig)
    """
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    return bool(legend.y0 >= ax.get_window_extent(renderer).y1 - 1
                and legend.y1 <= ax.title.get_window_extent(renderer).y0 + 1)


def history_regions() -> pd.DataFrame:
    """A region reference of 3 provinces, 4 kabupaten and 3 kota (codes ``1`` ... ``2.72``).

    Examples
    --------
    >>> history_regions()["jenis"].value_counts().to_dict()
    {'kabupaten': 4, 'provinsi': 3, 'kota': 3}
    """
    return pd.DataFrame({
        "kode_wilayah": ["1", "2", "3", "1.01", "1.02", "2.01", "2.02", "1.71", "2.71", "2.72"],
        "nama_daerah": ["Prov P", "Prov Q", "Prov R", "Kabupaten A", "Kabupaten B",
                        "Kabupaten C", "Kabupaten D", "Kota E", "Kota F", "Kota G"],
        "jenis": ["provinsi"] * 3 + ["kabupaten"] * 4 + ["kota"] * 3,
        "provinsi": ["Prov P", "Prov Q", "Prov R", "Prov P", "Prov P", "Prov Q", "Prov Q",
                     "Prov P", "Prov Q", "Prov Q"],
        "penduduk": [5_000_000, 3_000_000, 1_000_000, 400_000, 300_000, 500_000, 200_000,
                     150_000, 120_000, 90_000],
        "luas_km2": [50_000.0, 30_000, 20_000, 4_000, 3_000, 5_000, 2_000, 50, 40, 30],
    })


def history_hasil() -> pd.DataFrame:
    """``hasil`` rows (``tahun, kode_wilayah, skor_iid``) of :data:`HISTORY_SCORES`.

    Kota 2.72 is missing in 2024; province 3 scores 0 in 2024 (not assessed).

    Examples
    --------
    >>> len(history_hasil())
    19
    """
    rows = [{"tahun": year, "kode_wilayah": code, "skor_iid": s[i]}
            for code, s in HISTORY_SCORES.items() for i, year in enumerate((2024, 2025))
            if s[i] is not None]
    return pd.DataFrame(rows)


def example_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two tiny regions of cycle 2026: ``(inovasi, spd)``.

    ``inovasi`` holds three counted innovations (two of 19.71, one of 19.72) with levels for
    ``ind_16`` and ``ind_35``; ``spd`` the wide levels ``spd_1`` and ``spd_12``. Columns not
    given count as level 0.

    Examples
    --------
    >>> inovasi, spd = example_tables()
    >>> spd.columns.tolist()
    ['tahun', 'kode_wilayah', 'spd_1', 'spd_12']
    """
    inovasi = pd.DataFrame({
        "tahun": [2026] * 3, "kode_wilayah": ["19.71", "19.71", "19.72"],
        "tahapan": ["penerapan"] * 3, "ind_16": [3, 1, 2], "ind_35": [3, 2, 1]})
    spd = pd.DataFrame({"tahun": [2026] * 2, "kode_wilayah": ["19.71", "19.72"],
                        "spd_1": [3, 1], "spd_12": [2, 0]})
    return inovasi, spd


def _levels(rng: np.random.Generator, latent: np.ndarray, loading: float) -> np.ndarray:
    """Levels 0-3 from a latent capacity (``loading`` 0 = noise around a common level)."""
    noise = rng.normal(size=len(latent))
    score = loading * latent + noise * (1.0 if loading > 0 else 0.6) + 1.5
    return np.clip(np.round(score), 0, 3).astype(int)


def synthetic_panel(n_regions: int = 200, cycle: int = 2026,
                    decisive=("ind_35", "ind_33", "spd_12", "ind_31", "spd_6"),
                    seed=0) -> dict:
    """A small synthetic cycle whose decisive indicators are known.

    The regions are the first ``n_regions`` kabupaten and kota of the reference (at most
    514). Each region has a capacity ``z ~ N(0, 1)``. Decisive indicators take levels from
    ``z`` (strong loading), the others are noise around a common level, and the number of
    innovations is weakly tied to ``z``. Levels are scored by :mod:`inovlab.rules.scoring`.

    Parameters
    ----------
    n_regions : int
    cycle : int
        Framework cycle whose indicator columns are generated.
    decisive : sequence of str
        Column names (``ind_<code>`` / ``spd_<code>``) driven by the capacity.
    seed : int or numpy Generator seed

    Returns
    -------
    dict
        ``inovasi``, ``spd`` (wide) and ``decisive`` (the list passed in). The tables are
        user-format tables; wrap them with
        ``inovlab.sources.provenance.Inputs.from_tables(cycle, ..., source="user")`` when a
        labelled bundle is needed.

    Examples
    --------
    >>> p = synthetic_panel(10, seed=0)
    >>> p["spd"]["kode_wilayah"].nunique(), p["decisive"][0]
    (10, 'ind_35')
    """
    from inovlab.io.regions import load_regions

    rng = np.random.default_rng(seed)
    fw = load_framework(cycle)
    ref = load_regions()
    codes = ref.loc[ref["jenis"] != "provinsi", "kode_wilayah"].to_numpy()[:n_regions].tolist()
    n_regions = len(codes)
    z = rng.normal(size=n_regions)
    n_inn = np.clip(np.round(rng.normal(20 + 3 * z, 3)), 3, 60).astype(int)

    spd = pd.DataFrame({"tahun": cycle, "kode_wilayah": codes})
    for c in fw.spd_columns:
        spd[c] = _levels(rng, z, 1.2 if c in decisive else 0.0)
    owner = np.repeat(np.arange(n_regions), n_inn)
    inovasi = pd.DataFrame({"tahun": cycle, "kode_wilayah": np.array(codes)[owner],
                            "tahapan": "penerapan",
                            "urusan": rng.choice(fw.basic_service_urusan, len(owner))})
    inovasi["id_inovasi"] = np.arange(len(owner))
    zi = z[owner] + 0.3 * rng.normal(size=len(owner))
    for c in fw.sid_columns:
        inovasi[c] = _levels(rng, zi, 1.2 if c in decisive else 0.0)
    return {"inovasi": inovasi, "spd": spd, "decisive": list(decisive)}


def _innovation_levels(rng: np.random.Generator, centre: np.ndarray, spread: float) -> np.ndarray:
    """Levels 0-3 of innovations around their region's ``centre`` (one value per innovation)."""
    return np.clip(np.round(centre + spread * rng.normal(size=len(centre))), 0, 3).astype(int)


def correlated_panel(n_regions: int = 60, cycle: int = 2026, driver: str = "ind_35",
                     passengers=("ind_23", "ind_24"), independent=("ind_33", "spd_12"),
                     null: str = "ind_20", n_innovations: int = 12, seed=0) -> dict:
    """Kabupaten whose light "passenger" indicators move with one heavy indicator.

    Every region submits ``n_innovations`` counted innovations (so ``jumlah_inovasi`` is the
    same everywhere). A regional capacity ``z ~ N(0, 1)`` sets the innovation levels of
    ``driver`` (weight 4 in 2026) and of the ``passengers`` (weight 1; region means
    correlate with the driver's at about r = 0.95). Each of ``independent`` (``ind_33``,
    weight 3; ``spd_12``, weight 2) follows its own capacity, unrelated to ``z``. ``null``
    (weight 1) varies a little at random and barely moves the score. Every other indicator
    is at level 1 everywhere (constant). So the score variance is carried, in order, by
    ``driver`` and ``independent[0]``, while a plain main effect S_i puts the passengers
    next to the driver, ahead of ``independent[0]``.

    Parameters
    ----------
    n_regions : int
        First ``n_regions`` kabupaten of the region reference (at most 416).
    cycle : int
    driver, passengers, independent, null : column names (``ind_<code>`` / ``spd_<code>``)
    n_innovations : int
    seed : int

    Returns
    -------
    dict
        ``inovasi``, ``spd`` (wide), and the names ``drivers`` (``[driver,
        independent[0]]``, the true weighted drivers in order), ``passengers``,
        ``independent`` and ``null``.

    Examples
    --------
    >>> p = correlated_panel(seed=0)
    >>> p["spd"]["kode_wilayah"].nunique(), p["drivers"], p["passengers"]
    (60, ['ind_35', 'ind_33'], ['ind_23', 'ind_24'])
    """
    from inovlab.io.regions import load_regions

    rng = np.random.default_rng(seed)
    fw = load_framework(cycle)
    ref = load_regions()
    codes = ref.loc[ref["jenis"] == "kabupaten", "kode_wilayah"].to_numpy()[:n_regions]
    n = len(codes)
    z, own = rng.normal(size=n), rng.normal(size=(len(independent), n))
    owner = np.repeat(np.arange(n), n_innovations)
    inovasi = pd.DataFrame({"tahun": cycle, "kode_wilayah": codes[owner], "tahapan": "penerapan",
                            "id_inovasi": np.arange(len(owner)),
                            "urusan": np.resize(fw.basic_service_urusan, len(owner))})
    spd = pd.DataFrame({"tahun": cycle, "kode_wilayah": codes})
    for c in fw.sid_columns:
        inovasi[c] = 1
    for c in fw.spd_columns:
        spd[c] = 1
    inovasi[driver] = _innovation_levels(rng, 1.5 + 0.9 * z[owner], 0.4)
    for c in passengers:
        inovasi[c] = _innovation_levels(rng, 1.5 + 0.6 * z[owner], 0.4)
    for c, u in zip(independent, own, strict=True):
        if c.startswith("spd_"):
            spd[c] = np.clip(np.round(1.5 + 0.9 * u), 0, 3).astype(int)
        else:
            inovasi[c] = _innovation_levels(rng, 1.5 + 1.1 * u[owner], 0.4)
    inovasi[null] = rng.integers(1, 3, len(owner))
    return {"inovasi": inovasi, "spd": spd, "drivers": [driver, independent[0]],
            "passengers": list(passengers), "independent": list(independent), "null": null}
