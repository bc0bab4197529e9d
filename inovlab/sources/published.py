"""The published IID record: region results and national aggregates, with their sources.

Both tables are built from the project's shared research notes by
``tools/build_published.py`` and bundled in ``data/published/`` (see the README there). They
are real, cited facts and must never be mixed with synthetic rows: every table here is of
source kind :data:`SOURCE_KIND` (``"published"``, shown as "data resmi terpublikasi").
:func:`published_inputs` gives them in an explicit
:class:`inovlab.sources.provenance.Inputs` bundle that says so (tables carry no provenance).

Examples
--------
>>> bundle = published_inputs(2025)
>>> bundle.source(), bundle.label()
('published', 'data resmi terpublikasi')
>>> targets().loc[2022, "peserta"]
np.float64(510.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.resources import data_dir

SOURCE_KIND = "published"
"""Source kind of every table here (:mod:`inovlab.sources.provenance`)."""

# National metric names (as in the aggregates file) -> calibration target column.
_TARGET_METRICS = {
    "participating_pemda": "peserta",
    "participating_provinsi": "peserta_provinsi",
    "participating_kabupaten": "peserta_kabupaten",
    "participating_kota": "peserta_kota",
    "innovations_reported": "inovasi",
    "regions_sangat_inovatif": "n_sangat_inovatif",
    "regions_inovatif": "n_inovatif",
    "regions_kurang_inovatif": "n_kurang_inovatif",
    "kota_sangat_inovatif_awarded": "n_kota_sangat_inovatif",
    "national_mean_iid": "rerata_iid",
    "innovations_growth_pct_vs_prev_year": "pertumbuhan_inovasi_pct",
}
# Innovations per tahapan: final counts, else the latest interim count of the cycle.
_STAGE_PREFIXES = {"penerapan": "penerapan", "uji_coba": "uji coba", "inisiatif": "inisiatif"}

TARGET_COLUMNS = list(_TARGET_METRICS.values()) + [
    "inovasi_penerapan", "inovasi_uji_coba", "inovasi_inisiatif"]


def _folder():
    return data_dir() / "published"


def load_published() -> pd.DataFrame:
    """Published region results (one row per region-year and source statement).

    Returns
    -------
    DataFrame
        ``tahun`` (int), ``kode_wilayah`` (str), ``nama_daerah`` (official), ``skor_iid``
        (float, NaN when not published), ``predikat`` (str, empty when not published),
        ``peringkat`` (Int64, IID rank within the cluster), ``jumlah_inovasi`` (Int64,
        innovations reported as quoted), ``sumber`` (URLs), ``jenis``, ``provinsi``,
        ``penghargaan_iga`` (IGA award text, not an IID rank), ``catatan`` and ``konflik``
        (what the sources disagree on; empty when nothing).

    Examples
    --------
    >>> df = load_published()
    >>> row = df[(df.tahun == 2025) & (df.nama_daerah == "Kota Tangerang")].iloc[0]
    >>> row.kode_wilayah, float(row.skor_iid), row.predikat
    ('36.71', 72.94, 'Sangat Inovatif')
    """
    df = pd.read_csv(_folder() / "hasil_terpublikasi.csv",
                     dtype={"kode_wilayah": str, "predikat": str, "sumber": str,
                            "penghargaan_iga": str, "catatan": str, "konflik": str},
                     keep_default_na=False, na_values={"skor_iid": [""], "peringkat": [""],
                                                       "jumlah_inovasi": [""]})
    df["tahun"] = df["tahun"].astype(int)
    df["skor_iid"] = pd.to_numeric(df["skor_iid"], errors="coerce")
    for col in ("peringkat", "jumlah_inovasi"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    return df


def load_aggregates() -> pd.DataFrame:
    """Published national counts (participants, innovations, predicates, mean IID ...).

    Returns
    -------
    DataFrame
        ``tahun`` (int), ``metrik`` (str, e.g. ``participating_pemda``), ``nilai`` (float),
        ``sumber`` (URLs), ``catatan``, ``konflik`` (empty when the sources agree).

    Examples
    --------
    >>> agg = load_aggregates()
    >>> agg.query("tahun == 2025 and metrik == 'national_mean_iid'")["nilai"].item()
    49.43
    """
    df = pd.read_csv(_folder() / "agregat_nasional.csv", keep_default_na=False,
                     dtype={"metrik": str, "sumber": str, "catatan": str, "konflik": str},
                     na_values={"nilai": [""]})
    df["tahun"] = df["tahun"].astype(int)
    df["nilai"] = pd.to_numeric(df["nilai"], errors="coerce")
    return df


def targets(cycles=None) -> pd.DataFrame:
    """Calibration targets per cycle, read from the published aggregates.

    Parameters
    ----------
    cycles : iterable of int, optional
        Cycles to return (rows are added, all NaN, for cycles without any figure).

    Returns
    -------
    DataFrame
        Indexed by ``tahun``; columns ``peserta`` (participating pemda),
        ``peserta_provinsi/kabupaten/kota``, ``inovasi`` (innovations reported),
        ``n_sangat_inovatif``, ``n_inovatif``, ``n_kurang_inovatif``,
        ``n_kota_sangat_inovatif``, ``rerata_iid`` (national mean IID),
        ``pertumbuhan_inovasi_pct`` and ``inovasi_penerapan/uji_coba/inisiatif``
        (per tahapan; the final count, else the latest interim count of the cycle).
        NaN where nothing was published.

    Examples
    --------
    >>> t = targets([2023, 2024])
    >>> t.loc[2023, ["peserta", "inovasi", "inovasi_penerapan"]].tolist()
    [527.0, 28539.0, 24699.0]
    >>> t.loc[2024, "rerata_iid"]
    np.float64(46.01)
    """
    agg = load_aggregates()
    wanted = agg[agg["metrik"].isin(_TARGET_METRICS)]
    out = wanted.assign(col=wanted["metrik"].map(_TARGET_METRICS)).pivot_table(
        index="tahun", columns="col", values="nilai", aggfunc="first")
    for key, stage in _STAGE_PREFIXES.items():
        final = agg[agg["metrik"] == f"innovations_{key}"]
        interim = agg[agg["metrik"].str.startswith(f"interim_innovations_{key}_")]
        # The latest interim date sorts last; a final count wins over any interim one.
        interim = interim.sort_values("metrik").drop_duplicates("tahun", keep="last")
        both = pd.concat([interim, final]).drop_duplicates("tahun", keep="last")
        out = out.join(both.set_index("tahun")["nilai"].rename(f"inovasi_{stage.replace(' ', '_')}"),
                       how="outer")
    out = out.reindex(columns=TARGET_COLUMNS)
    if cycles is not None:
        out = out.reindex(sorted({int(c) for c in cycles}))
    out.index.name = "tahun"
    out = out.astype(float)
    return out


def scored_rows(cycles=None) -> pd.DataFrame:
    """Published region-years that have a score or a predicate (the rows a model must match).

    Returns
    -------
    DataFrame
        Subset of :func:`load_published` with a ``skor_iid`` or a ``predikat``, one row per
        (tahun, kode_wilayah) (a published score wins over a predicate-only statement).

    Examples
    --------
    >>> rows = scored_rows([2024])
    >>> sorted(rows["predikat"].unique().tolist())
    ['', 'Sangat Inovatif']
    """
    df = load_published()
    keep = df["skor_iid"].notna() | df["predikat"].ne("")
    df = df[keep]
    if cycles is not None:
        df = df[df["tahun"].isin([int(c) for c in cycles])]
    df = df.assign(_has=np.where(df["skor_iid"].notna(), 0, 1)).sort_values(
        ["tahun", "kode_wilayah", "_has"]).drop_duplicates(["tahun", "kode_wilayah"])
    out = df.drop(columns="_has").reset_index(drop=True)
    return out


def published_inputs(cycle: int | None = None, cycles=None):
    """The published region results as a ``published`` :class:`~inovlab.sources.provenance.Inputs`.

    The bundle's ``hasil`` is :func:`scored_rows` (one row per region-year with a score or
    a predikat, ready for :func:`inovlab.analysis.panel.build_panel`).

    Parameters
    ----------
    cycle : int, optional
        The bundle's framework cycle; default the latest published cycle.
    cycles : iterable of int, optional
        Cycles of ``hasil`` to keep (default all).

    Examples
    --------
    >>> b = published_inputs(2024, cycles=[2024])
    >>> b.sources["hasil"], sorted(b.hasil["tahun"].unique().tolist())
    ('published', [2024])
    """
    from inovlab.sources.provenance import Inputs

    hasil = scored_rows(cycles)
    if cycle is None:
        cycle = int(hasil["tahun"].max())
    return Inputs.from_tables(int(cycle), hasil=hasil, source=SOURCE_KIND)
