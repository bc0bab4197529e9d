"""What every ranking-driver method shares: the vocabulary, the regions and the resampling.

The driver methods (:mod:`inovlab.analysis.drivers`, :mod:`inovlab.analysis.top_group`,
:mod:`inovlab.analysis.weight_recovery`) all start from the region-level indicator table of
:func:`inovlab.rules.decomposition.region_table` and use the helpers here to pick the
participants, build the indicator matrix, draw bootstrap weights and name the indicators.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"skor_iid": [0.0, 40.0, 55.0], "jenis": ["kota", "kota", "kabupaten"]})
>>> participants(t)["skor_iid"].tolist(), participants(t, "kota")["skor_iid"].tolist()
([40.0, 55.0], [40.0])
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from inovlab.rules.decomposition import JUMLAH, indicator_catalogue
from inovlab.rules.framework import Framework

METHODS = {
    "bobot_nominal": {"id": "bobot nominal (dinormalkan)", "en": "nominal weight (normalised)"},
    "bobot_efektif": {"id": "bobot efektif (porsi varians IID)",
                      "en": "effective weight (share of IID variance)"},
    "efek_utama": {"id": "efek utama terkoreksi bias (rasio korelasi)",
                   "en": "main effect, bias-corrected (correlation ratio)"},
    "bobot_pulih_nnls": {"id": "bobot hasil pemulihan NNLS", "en": "NNLS recovered weight"},
}
"""Reader labels of the estimate kinds in ``drivers.csv`` (column ``metode``)."""

TARGETS = {"top10": {"id": "10 besar klaster", "en": "cluster top 10"},
           "sangat_inovatif": {"id": "Sangat Inovatif", "en": "Sangat Inovatif (very innovative)"}}
"""Reader labels of the top-group targets."""

MODELS = {"logistik": {"id": "regresi logistik (L2)", "en": "logistic regression (L2)"},
          "hutan_acak": {"id": "hutan acak", "en": "random forest"}}
"""Reader labels of the top-group classifiers."""


def participants(table: pd.DataFrame, cluster: str | None = None) -> pd.DataFrame:
    """Regions that took part (IID > 0), optionally of one cluster (``jenis``)."""
    out = table[table["skor_iid"].fillna(0).to_numpy(float) > 0]
    if cluster is not None:
        out = out[out["jenis"] == cluster]
    return out


def indicator_features(table: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Indicator columns for the statistical methods (``jumlah_inovasi`` = counted n).

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import example_tables
    >>> t = region_table(*example_tables(), 2026)
    >>> from inovlab.rules.framework import load_framework
    >>> indicator_features(t, load_framework(2026))["jumlah_inovasi"].tolist()
    [2.0, 1.0]
    """
    x = table[fw.spd_columns + fw.sid_columns].astype(float).copy()
    x[JUMLAH] = table["n_inovasi_dihitung"].to_numpy(float)
    return x


def bootstrap_weights(n: int, n_boot: int, seed) -> np.ndarray:
    """Bootstrap resamples as normalised multinomial count weights, shape ``(n_boot, n)``.

    Each row sums to 1: row ``b`` gives each region the share of draws it got in resample
    ``b``, so a weighted mean over a row is the resample's mean.

    Examples
    --------
    >>> w = bootstrap_weights(5, 3, seed=0)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1))
    ((3, 5), True)
    """
    rng = np.random.default_rng(seed)
    if n_boot <= 0:
        return np.empty((0, n))
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)
    return counts / n


def percentile_interval(boot: np.ndarray, level: float = 0.90) -> tuple[np.ndarray, np.ndarray]:
    """Per-column percentile interval of bootstrap estimates ``boot`` (rows = resamples).

    No resamples give NaN bounds.

    Examples
    --------
    >>> low, high = percentile_interval(np.arange(101.0)[:, None])
    >>> round(float(low[0]), 6), round(float(high[0]), 6)
    (5.0, 95.0)
    """
    if boot.shape[0] == 0:
        nan = np.full(boot.shape[1], np.nan)
        return nan, nan
    alpha = (1 - level) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN column stays NaN
        return np.nanquantile(boot, alpha, axis=0), np.nanquantile(boot, 1 - alpha, axis=0)


def with_indicator_names(df: pd.DataFrame, fw: Framework, lang: str) -> pd.DataFrame:
    """Insert ``nama_indikator`` and ``bagian`` after ``indikator``; add ``bobot_nominal``."""
    cat = indicator_catalogue(fw, lang).set_index("indikator")
    df.insert(1, "nama_indikator", df["indikator"].map(cat["nama_indikator"]))
    df.insert(2, "bagian", df["indikator"].map(cat["bagian"]))
    df["bobot_nominal"] = df["indikator"].map(cat["bobot_nominal"])
    return df


def cluster_rank(part: pd.DataFrame) -> np.ndarray:
    """Rank by ``skor_iid`` within each cluster (``jenis``; 1 = best, ties share the best).

    Examples
    --------
    >>> t = pd.DataFrame({"skor_iid": [50.0, 60.0, 40.0], "jenis": ["kota", "kota", "kabupaten"]})
    >>> cluster_rank(t).tolist()
    [2.0, 1.0, 1.0]
    """
    group = part["jenis"].fillna("?") if "jenis" in part else pd.Series("?", index=part.index)
    return part["skor_iid"].groupby(group).rank(ascending=False, method="min").to_numpy()
