"""The region-by-cycle panel of IID results, and what it covers.

:func:`build_panel` turns any ``hasil`` table (the published record, partial years, the
demo panel or the user's own file) into a tidy panel, one row per region and cycle
(``tahun``, ``kode_wilayah``), with region metadata and an ``dinilai`` flag;
:func:`coverage` and :func:`missing_regions` say what the data cover. The analyses of the
panel over time are in :mod:`inovlab.analysis.history`. Where the data came from is not
carried by the panel: keep it in an :class:`inovlab.sources.provenance.Inputs` bundle.

A region is *assessed* (``dinilai``) when its IID is above zero or its predikat is Sangat
Inovatif, Inovatif or Kurang Inovatif, and its predikat is not Tidak Dapat Dinilai
(:func:`assessed`); it takes part in a ranking when it is assessed and its IID is known
(:func:`ranked`).

Examples
--------
>>> ref = pd.DataFrame({"kode_wilayah": ["1.01", "1.02"], "nama_daerah": ["A", "B"],
...                     "jenis": "kabupaten"})
>>> p = build_panel(pd.DataFrame({"tahun": [2024], "nama_daerah": ["A"], "skor_iid": [50.0]}), ref)
>>> p[["kode_wilayah", "predikat", "dinilai"]].values.tolist()
[['1.01', 'Inovatif', True]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.errors import DataError, Problem, UsageError
from inovlab.rules.framework import PREDICATES, load_framework

KEYS = ["tahun", "kode_wilayah"]
CLUSTER = "jenis"
"""The cluster column: ``provinsi``, ``kabupaten`` or ``kota``."""

NOT_ASSESSED = "Tidak Dapat Dinilai"
META_COLUMNS = ["nama_daerah", "jenis", "provinsi", "penduduk", "luas_km2"]


# -- helpers ----------------------------------------------------------------------------
def reference(regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The region reference (default :func:`inovlab.io.regions.load_regions`), codes as str."""
    if regions is None:
        from inovlab.io.regions import load_regions

        regions = load_regions()
    missing = [c for c in ("kode_wilayah", "nama_daerah", "jenis") if c not in regions]
    if missing:
        raise UsageError(f"regions: kolom {', '.join(missing)} tidak ada (missing columns)")
    out = regions.copy()
    out["kode_wilayah"] = out["kode_wilayah"].astype(str).str.strip()
    return out


def _resolve_codes(names: pd.Series, ref: pd.DataFrame) -> pd.Series:
    """Kemendagri codes for region names: the reference's official name first, then
    :func:`inovlab.io.regions.resolve_names`. Unresolved names raise :class:`DataError`."""
    by_name = dict(zip(ref["nama_daerah"].str.lower(), ref["kode_wilayah"], strict=True))
    codes = names.astype(str).str.strip().str.lower().map(by_name)
    todo = codes.isna() & names.notna()
    if todo.any():
        from inovlab.io.regions import describe_problem, resolve_names

        resolved = resolve_names(names[todo].tolist())
        codes.loc[todo] = resolved["kode_wilayah"].to_numpy()
        bad = resolved[resolved["status"] != "ok"]
        if len(bad):
            raise DataError([Problem("hasil", None, "nama_daerah", str(r.input),
                                     describe_problem(str(r.input), r.status, r.candidates),
                                     "REGION_UNKNOWN") for r in bad.itertuples()])
    return codes


def assessed(panel: pd.DataFrame) -> pd.Series:
    """Rows that were assessed: the ``dinilai`` column, else from ``skor_iid``/``predikat``.

    Examples
    --------
    >>> assessed(pd.DataFrame({"skor_iid": [50.0, 0.0, None],
    ...                        "predikat": ["", "", "Inovatif"]})).tolist()
    [True, False, True]
    """
    if "dinilai" in panel:
        return panel["dinilai"].astype(bool)
    iid = pd.to_numeric(panel["skor_iid"], errors="coerce")
    ok = iid.notna() & (iid > 0)
    if "predikat" in panel:
        pred = panel["predikat"].astype("string").fillna("")
        ok = (ok | pred.isin(PREDICATES[:3])) & (pred != NOT_ASSESSED)
    return ok.astype(bool)


def ranked(panel: pd.DataFrame) -> pd.Series:
    """Rows that take part in a ranking: assessed and with a known IID."""
    return assessed(panel) & pd.to_numeric(panel["skor_iid"], errors="coerce").notna()


def sangat_inovatif_cutoffs(years) -> pd.DataFrame:
    """Sangat Inovatif lower bound per cycle (NaN for a cycle without rules).

    Examples
    --------
    >>> sangat_inovatif_cutoffs([2026, 1990])["batas_sangat_inovatif"].isna().tolist()
    [True, False]
    """
    rows = []
    for year in sorted({int(y) for y in years}):
        try:
            cut = load_framework(year).cutoffs["Sangat Inovatif"]
        except UsageError:
            cut = np.nan
        rows.append({"tahun": year, "batas_sangat_inovatif": cut})
    return pd.DataFrame(rows, columns=["tahun", "batas_sangat_inovatif"])


# -- the panel ------------------------------------------------------------------------------
def build_panel(hasil: pd.DataFrame, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """A tidy region-by-cycle panel from any ``hasil`` table, with region metadata.

    Parameters
    ----------
    hasil : DataFrame
        ``hasil`` rows (data contract): ``tahun``, ``kode_wilayah`` and/or ``nama_daerah``,
        ``skor_iid``; optionally ``predikat``, ``peringkat``, ``skor_spd``, ``skor_sid``,
        ``jumlah_inovasi``, ``sumber`` and any other columns (kept). Years may be partial.
    regions : DataFrame, optional
        Region reference with ``kode_wilayah, nama_daerah, jenis`` and optionally
        ``provinsi, penduduk, luas_km2``; defaults to :func:`inovlab.io.regions.load_regions`.
        It also defines the universe for the coverage report.

    Returns
    -------
    DataFrame
        One row per (``tahun``, ``kode_wilayah``), sorted: the input columns with the
        official ``nama_daerah`` and ``jenis, provinsi, penduduk, luas_km2`` from the
        reference, a ``predikat`` filled from the cycle's cut-offs where it was blank and
        ``skor_iid`` known, and ``dinilai`` (bool: ``skor_iid > 0`` or an assessed
        predikat, and predikat not Tidak Dapat Dinilai; published rows may carry a
        predikat without a score). ``attrs["cakupan"]`` (per cycle: ``{"ada": rows
        present, "dinilai": assessed, "hilang": reference regions absent}``).

    Raises
    ------
    DataError
        A name that does not resolve to a region, a code not in the reference, or a
        duplicated (tahun, kode_wilayah).

    Examples
    --------
    >>> ref = pd.DataFrame({"kode_wilayah": ["1", "1.01", "1.71"],
    ...                     "nama_daerah": ["Prov A", "Kab B", "Kota C"],
    ...                     "jenis": ["provinsi", "kabupaten", "kota"], "provinsi": "Prov A"})
    >>> hasil = pd.DataFrame({"tahun": [2024, 2024], "nama_daerah": ["Kab B", "Kota C"],
    ...                       "skor_iid": [55.0, 0.0]})
    >>> p = build_panel(hasil, ref)
    >>> p[["kode_wilayah", "jenis", "predikat", "dinilai"]].values.tolist()
    [['1.01', 'kabupaten', 'Inovatif', True], ['1.71', 'kota', 'Tidak Dapat Dinilai', False]]
    >>> p.attrs["cakupan"]
    {2024: {'ada': 2, 'dinilai': 1, 'hilang': 1}}
    """
    if "tahun" not in hasil:
        raise UsageError("hasil: kolom 'tahun' wajib ada (column 'tahun' is required)")
    if "kode_wilayah" not in hasil and "nama_daerah" not in hasil:
        raise UsageError("hasil: perlu 'kode_wilayah' atau 'nama_daerah' "
                         "(needs kode_wilayah or nama_daerah)")
    ref = reference(regions)
    df = hasil.copy()
    df["tahun"] = pd.to_numeric(df["tahun"], errors="raise").astype(int)
    df["kode_wilayah"] = _region_codes(df, ref)
    _check_keys(df, ref)
    df = _with_metadata(df, ref)
    df = _with_predicates(df)
    df["dinilai"] = assessed(df.drop(columns="dinilai", errors="ignore")).to_numpy()
    first = KEYS + [c for c in ("nama_daerah", "jenis", "provinsi") if c in df]
    df = df[first + [c for c in df.columns if c not in first]]
    df = df.sort_values(KEYS, ignore_index=True)
    df.attrs = {"cakupan": _coverage_dict(df, ref)}
    return df


def _region_codes(df: pd.DataFrame, ref: pd.DataFrame) -> pd.Series:
    """``kode_wilayah`` as given, filled (or found) from ``nama_daerah`` where missing."""
    if "kode_wilayah" in df:
        codes = df["kode_wilayah"].astype("string").str.strip()
        if "nama_daerah" in df and codes.isna().any():
            codes = codes.where(codes.notna(), _resolve_codes(df["nama_daerah"], ref))
    else:
        codes = _resolve_codes(df["nama_daerah"], ref)
    return codes.astype(object)


def _check_keys(df: pd.DataFrame, ref: pd.DataFrame) -> None:
    """Raise :class:`DataError` for codes outside the reference or duplicated region-years."""
    unknown = sorted(set(df["kode_wilayah"].dropna()) - set(ref["kode_wilayah"]))
    if unknown or df["kode_wilayah"].isna().any():
        raise DataError([Problem("hasil", None, "kode_wilayah", str(c),
                                 "kode wilayah tidak ada dalam referensi daerah",
                                 "REGION_UNKNOWN") for c in (unknown or ["(kosong)"])])
    dup = df.duplicated(KEYS, keep=False)
    if dup.any():
        pairs = df.loc[dup, KEYS].drop_duplicates()
        raise DataError([Problem("hasil", None, "kode_wilayah", f"{t} {k}",
                                 "baris ganda untuk tahun dan daerah yang sama",
                                 "DUPLICATE_ROW") for t, k in pairs.itertuples(index=False)])


def _with_metadata(df: pd.DataFrame, ref: pd.DataFrame) -> pd.DataFrame:
    """Official name and ``jenis, provinsi, penduduk, luas_km2`` from the reference."""
    meta = [c for c in META_COLUMNS if c in ref]
    original_name = df["nama_daerah"] if "nama_daerah" in df else None
    df = df.drop(columns=[c for c in meta if c in df]).merge(
        ref[["kode_wilayah"] + meta], on="kode_wilayah", how="left")
    if original_name is not None:
        df["nama_daerah"] = df["nama_daerah"].fillna(pd.Series(original_name.to_numpy(),
                                                               index=df.index))
    return df


def _with_predicates(df: pd.DataFrame) -> pd.DataFrame:
    """Numeric ``skor_iid``; canonical ``predikat``, filled from the cycle's cut-offs."""
    df["skor_iid"] = pd.to_numeric(df.get("skor_iid", np.nan), errors="coerce")
    if "predikat" not in df:
        df["predikat"] = ""
    df["predikat"] = df["predikat"].astype(object).where(df["predikat"].notna(), "")
    df["predikat"] = df["predikat"].astype(str).str.strip()
    canon = {p.lower(): p for p in PREDICATES}
    df["predikat"] = df["predikat"].str.lower().map(canon).fillna(df["predikat"])
    blank = (df["predikat"] == "") & df["skor_iid"].notna()
    for year in pd.unique(df.loc[blank, "tahun"]):  # one step per cycle, not per row
        rows = blank & (df["tahun"] == year)
        try:
            df.loc[rows, "predikat"] = load_framework(int(year)).predicate(df.loc[rows, "skor_iid"])
        except UsageError:
            pass
    return df


def _coverage_dict(panel: pd.DataFrame, ref: pd.DataFrame) -> dict:
    present = panel.groupby("tahun").size()
    assessed = panel.groupby("tahun")["dinilai"].sum()
    total = len(ref)
    return {int(y): {"ada": int(present[y]), "dinilai": int(assessed[y]),
                     "hilang": int(total - present[y])} for y in present.index}


def coverage(panel: pd.DataFrame, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much of each cycle and cluster the panel covers.

    Parameters
    ----------
    panel : DataFrame
        Output of :func:`build_panel`.
    regions : DataFrame, optional
        The reference universe (default: the 552 pemda).

    Returns
    -------
    DataFrame
        One row per (``tahun``, ``jenis``): ``n_referensi`` (regions in the reference),
        ``n_ada`` (rows in the panel), ``n_dinilai`` (assessed), ``n_hilang``
        (``n_referensi - n_ada``) and ``persen_ada`` (``100 * n_ada / n_referensi``).

    Examples
    --------
    >>> ref = pd.DataFrame({"kode_wilayah": ["1.01", "1.02"], "nama_daerah": ["A", "B"],
    ...                     "jenis": "kabupaten"})
    >>> p = build_panel(pd.DataFrame({"tahun": [2024], "kode_wilayah": ["1.01"],
    ...                               "skor_iid": [50.0]}), ref)
    >>> c = coverage(p, ref)
    >>> int(c.loc[0, "n_ada"]), int(c.loc[0, "n_hilang"]), float(c.loc[0, "persen_ada"])
    (1, 1, 50.0)
    """
    ref = reference(regions)
    ref_n = ref.groupby(CLUSTER).size().rename("n_referensi")
    years = sorted(panel["tahun"].unique())
    grid = pd.MultiIndex.from_product([years, ref_n.index], names=["tahun", CLUSTER])
    got = panel.groupby(["tahun", CLUSTER]).agg(n_ada=("kode_wilayah", "size"),
                                                n_dinilai=("dinilai", "sum"))
    out = pd.DataFrame(index=grid).join(got).fillna(0).astype(int).reset_index()
    out = out.merge(ref_n.reset_index(), on=CLUSTER)
    out["n_hilang"] = out["n_referensi"] - out["n_ada"]
    out["persen_ada"] = 100 * out["n_ada"] / out["n_referensi"]
    out = out[["tahun", CLUSTER, "n_referensi", "n_ada", "n_dinilai", "n_hilang", "persen_ada"]]
    return out.sort_values(["tahun", CLUSTER], ignore_index=True)


def missing_regions(panel: pd.DataFrame, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reference regions absent from the panel in each of its cycles.

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, nama_daerah, jenis`` (and ``provinsi`` when known).

    Examples
    --------
    >>> ref = pd.DataFrame({"kode_wilayah": ["1.01", "1.02"], "nama_daerah": ["A", "B"],
    ...                     "jenis": "kabupaten"})
    >>> p = build_panel(pd.DataFrame({"tahun": [2024], "kode_wilayah": ["1.01"],
    ...                               "skor_iid": [50.0]}), ref)
    >>> missing_regions(p, ref)["kode_wilayah"].tolist()
    ['1.02']
    """
    ref = reference(regions)
    cols = [c for c in ("kode_wilayah", "nama_daerah", CLUSTER, "provinsi") if c in ref]
    grid = pd.DataFrame({"tahun": sorted(panel["tahun"].unique())}).merge(ref[cols], how="cross")
    seen = panel[KEYS].assign(_ada=True)
    out = grid.merge(seen, on=KEYS, how="left")
    out = out[out["_ada"].isna()].drop(columns="_ada")
    return out.sort_values(KEYS, ignore_index=True)
