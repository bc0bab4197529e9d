"""A pemda's own trajectory from whatever exists: its results list, its files, the record.

A Litbang office may hold its own ``hasil`` rows, its own ``inovasi``/``spd`` files of
earlier cycles, or nothing but what was published about it. :func:`own_history` gathers all
three without merging them: each row of :attr:`OwnHistory.table` is one (cycle, origin) and
says its origin (``asal``) in words. Own files are scored with each cycle's framework
(:func:`inovlab.rules.framework.load_framework`); a year without rules is skipped and said.

Examples
--------
>>> hasil = pd.DataFrame({"tahun": [2024], "kode_wilayah": ["19.71"], "skor_iid": [58.3],
...                       "predikat": ["Inovatif"]})
>>> h = own_history("19.71", hasil=hasil, published=False)
>>> h.table[["tahun", "skor_iid", "asal"]].values.tolist()
[[2024, 58.3, 'berkas hasil Anda']]
>>> h.kind()
'scores'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from inovlab.analysis.field import canonical_predikat
from inovlab.i18n import check_lang, message, source_label

_MESSAGES = {
    "asal_hasil_user": {"id": "berkas hasil Anda", "en": "your results file"},
    "asal_files_user": {"id": "dihitung dari berkas inovasi dan spd Anda",
                        "en": "computed from your inovasi and spd files"},
    "asal_files_other": {"id": "dihitung dari {src}", "en": "computed from {src}"},
    "scores": {"id": "Lintasan skor IID dibangun dari: {parts}.",
               "en": "The IID trajectory is built from: {parts}."},
    "part": {"id": "{years} ({asal})", "en": "{years} ({asal})"},
    "pred_years": {"id": " Untuk {years} hanya predikat yang diketahui ({asal}).",
                   "en": " For {years} only the predicate is known ({asal})."},
    "predicates": {"id": "Hanya predikat yang diketahui untuk {years}; skor IID tidak ada, jadi "
                         "lintasan ditampilkan sebagai predikat (asal: {asal}).",
                   "en": "Only predicates are known for {years}; there is no IID score, so the "
                         "trajectory is shown as predicates (origin: {asal})."},
    "none": {"id": "Tidak ada riwayat untuk pemda ini: tidak ada baris hasil, berkas inovasi "
                   "dan spd siklus sebelumnya, atau data terpublikasi. Tambahkan salah satunya "
                   "untuk melihat lintasan.",
             "en": "No history for this pemda: no results rows, no inovasi and spd files of "
                   "earlier cycles, no published data. Add any of them to see a trajectory."},
    "conflict": {"id": " Untuk {years} asal yang berbeda memberi skor berbeda; semuanya "
                       "ditampilkan, tidak digabung.",
                 "en": " For {years} different origins give different scores; all are shown, "
                       "not merged."},
    "no_framework": {"id": " Berkas inovasi {years} tidak dinilai: aturan siklus itu tidak ada "
                           "di inovlab.",
                     "en": " The inovasi files of {years} are not scored: inovlab has no rules "
                           "for that cycle."},
    "no_spd": {"id": " Berkas inovasi {years} tanpa SPD: IID tahun itu tidak dihitung.",
               "en": " The inovasi files of {years} have no SPD: that year's IID is not "
                     "computed."},
    "and": {"id": " dan ", "en": " and "},
}

COLUMNS = ["tahun", "skor_iid", "predikat", "peringkat", "asal", "asal_kode", "jenis_sumber",
           "sumber"]
"""Columns of :attr:`OwnHistory.table`: ``asal`` is the reader's label of the origin,
``asal_kode`` one of ``hasil``/``dihitung``/``terpublikasi``, ``jenis_sumber`` the source
kind (``user``/``demo``/``published``), ``sumber`` the cited source where known."""

_ORIGIN_ORDER = {"hasil": 0, "dihitung": 1, "terpublikasi": 2}


def _t(key: str, lang: str, **kw) -> str:
    return message(_MESSAGES, key, lang, **kw)


def _years(values, lang: str) -> str:
    years = [str(int(y)) for y in sorted(set(values))]
    return ", ".join(years[:-1]) + _t("and", lang) + years[-1] if len(years) > 1 else years[0]


def _asal(origin: str, kind: str, lang: str) -> str:
    if origin == "terpublikasi" or (origin == "hasil" and kind != "user"):
        return source_label(kind, lang)
    if origin == "hasil":
        return _t("asal_hasil_user", lang)
    if kind == "user":
        return _t("asal_files_user", lang)
    return _t("asal_files_other", lang, src=source_label(kind, lang))


@dataclass(frozen=True)
class OwnHistory:
    """One pemda's known results per (cycle, origin), never merged across origins.

    Attributes
    ----------
    region_code : str
    table : DataFrame
        :data:`COLUMNS`, one row per (``tahun``, ``asal``), sorted by year then origin.
    notes : tuple of (str, tuple of int)
        What was not used and why: ``("no_framework", years)``, ``("no_spd", years)``.
    lang : str
        Language of ``asal``.
    """

    region_code: str
    table: pd.DataFrame
    notes: tuple = ()
    lang: str = "id"

    def kind(self) -> str:
        """``"scores"`` when any row has ``skor_iid``, ``"predicates"`` when only predikat
        are known, ``"none"`` when the table is empty."""
        if self.table["skor_iid"].notna().any():
            return "scores"
        return "predicates" if len(self.table) else "none"

    def source(self) -> str:
        """Combined source kind of the rows (``"user+published"``), for ``source=``.

        Raises ValueError when the history is empty (nothing to label).
        """
        from inovlab.sources.provenance import combine_sources

        return combine_sources(*self.table["jenis_sumber"])

    def origins(self) -> list[str]:
        """The ``asal`` labels present, in the table's order."""
        return list(dict.fromkeys(self.table["asal"]))

    def sentence(self, lang: str | None = None) -> str:
        """What the trajectory is built from and what is missing, in one short paragraph.

        Examples
        --------
        >>> h = pd.DataFrame({"tahun": [2020, 2021], "kode_wilayah": "19.71",
        ...                   "predikat": ["Inovatif", "Sangat Inovatif"]})
        >>> print(own_history("19.71", hasil=h, published=False).sentence("en"))
        Only predicates are known for 2020 and 2021; there is no IID score, so the trajectory is shown as predicates (origin: your results file).
        """
        lang = check_lang(lang or self.lang)
        tab = self.labelled(lang)
        kind = self.kind()
        if kind == "none":
            text = _t("none", lang)
        elif kind == "predicates":
            text = _t("predicates", lang, years=_years(tab["tahun"], lang),
                      asal="; ".join(dict.fromkeys(tab["asal"])))
        else:
            text = self._scores_sentence(tab, lang)
        for key, years in self.notes:
            text += _t(key, lang, years=_years(years, lang))
        return text

    def labelled(self, lang: str) -> pd.DataFrame:
        """:attr:`table` with ``asal`` in ``lang`` (the table itself when already so)."""
        if lang == self.lang:
            return self.table
        tab = self.table.copy()
        pairs = tab[["asal_kode", "jenis_sumber"]].drop_duplicates()
        labels = {(o, k): _asal(o, k, lang) for o, k in pairs.itertuples(index=False)}
        tab["asal"] = pd.Series(list(zip(tab["asal_kode"], tab["jenis_sumber"], strict=True)),
                                index=tab.index).map(labels)
        return tab

    @staticmethod
    def _scores_sentence(tab: pd.DataFrame, lang: str) -> str:
        scored = tab[tab["skor_iid"].notna()]
        years = scored.groupby("asal", sort=False)["tahun"].agg(list)
        parts = "; ".join(_t("part", lang, years=_years(y, lang), asal=a) for a, y in years.items())
        text = _t("scores", lang, parts=parts)
        pred_only = tab[tab["skor_iid"].isna() & ~tab["tahun"].isin(scored["tahun"])]
        if len(pred_only):
            text += _t("pred_years", lang, years=_years(pred_only["tahun"], lang),
                       asal="; ".join(dict.fromkeys(pred_only["asal"])))
        spread = scored.groupby("tahun")["skor_iid"].agg(lambda s: s.round(2).nunique())
        if (spread > 1).any():
            text += _t("conflict", lang, years=_years(spread.index[spread > 1], lang))
        return text


def _rows(df: pd.DataFrame, origin: str, kind: str, lang: str) -> pd.DataFrame:
    """Canonical :data:`COLUMNS` rows of one origin, usable rows only."""
    n = len(df)
    out = pd.DataFrame({
        "tahun": pd.to_numeric(df["tahun"]).astype(int).to_numpy(),
        "skor_iid": (pd.to_numeric(df["skor_iid"], errors="coerce").to_numpy(float)
                     if "skor_iid" in df else np.full(n, np.nan)),
        "predikat": (canonical_predikat(df["predikat"]).to_numpy(object) if "predikat" in df
                     else np.full(n, "", dtype=object)),
        "peringkat": (pd.to_numeric(df["peringkat"], errors="coerce").to_numpy(float)
                      if "peringkat" in df else np.full(n, np.nan)),
        "sumber": (df["sumber"].fillna("").astype(str).to_numpy(object) if "sumber" in df
                   else np.full(n, "", dtype=object)),
    })
    out = out[out["skor_iid"].notna() | out["predikat"].ne("")]
    return out.assign(asal=_asal(origin, kind, lang), asal_kode=origin, jenis_sumber=kind)


def _one_per_year(rows: pd.DataFrame) -> pd.DataFrame:
    """Several statements of one origin and year (the published record) -> one row.

    The first known score, predikat and rank; every cited source, ``; ``-joined.
    """
    if rows.empty:
        return rows
    r = rows.replace({"predikat": {"": None}, "sumber": {"": None}})
    out = r.groupby(["tahun", "asal", "asal_kode", "jenis_sumber"], as_index=False).agg(
        skor_iid=("skor_iid", "first"), predikat=("predikat", "first"),
        peringkat=("peringkat", "first"),
        sumber=("sumber", lambda s: "; ".join(dict.fromkeys(s.dropna()))))
    out["predikat"] = out["predikat"].fillna("")
    return out


def _of_region(table: pd.DataFrame | None, region_code: str) -> pd.DataFrame | None:
    if table is None or table.empty or "kode_wilayah" not in table:
        return None
    return table[table["kode_wilayah"].astype(str).str.strip() == region_code]


def _scored_files(inovasi: pd.DataFrame | None, spd: pd.DataFrame | None, kind: str,
                  lang: str) -> tuple[pd.DataFrame | None, list]:
    """Own inovasi/spd files scored with each cycle's framework; and what was skipped."""
    from inovlab.rules.framework import available_cycles
    from inovlab.rules.scoring import score

    if inovasi is None or inovasi.empty:
        return None, []
    years = pd.to_numeric(inovasi["tahun"]).astype(int)
    known = set(available_cycles())
    notes = []
    unknown = sorted(int(y) for y in set(years) - known)
    if unknown:
        notes.append(("no_framework", tuple(unknown)))
    inv = inovasi[years.isin(known).to_numpy()]
    if inv.empty:
        return None, notes
    # only the years that have innovations: an SPD file alone is not a submission
    spd_part = None if spd is None else spd[pd.to_numeric(spd["tahun"]).astype(int).isin(
        set(years[years.isin(known)]))]
    regions, _ = score(inv, spd_part if spd_part is not None and len(spd_part) else None)
    missing = sorted(int(y) for y in regions.loc[regions["skor_iid"].isna(), "tahun"].unique())
    if missing:
        notes.append(("no_spd", tuple(missing)))
    return _rows(regions, "dihitung", kind, lang), notes


def own_history(region_code: str, *, hasil: pd.DataFrame | None = None,
                hasil_source: str = "user", inovasi: pd.DataFrame | None = None,
                spd: pd.DataFrame | None = None, files_source: str = "user",
                published: bool = True, before: int | None = None,
                lang: str = "id") -> OwnHistory:
    """Everything known about one pemda's earlier results, one row per (cycle, origin).

    Parameters
    ----------
    region_code : str
        The pemda's ``kode_wilayah``.
    hasil : DataFrame, optional
        A contract ``hasil`` table (any pemda; the region's rows are taken), of kind
        ``hasil_source`` (``"user"``, ``"demo"`` or ``"published"``).
    inovasi, spd : DataFrame, optional
        The pemda's own files (any cycles), of kind ``files_source``; scored per cycle with
        that cycle's framework. Without ``spd`` for a year that year's IID is not computed.
    published : bool
        Add the bundled published record's rows of the region
        (:func:`inovlab.sources.published.load_published`, origin "data resmi terpublikasi",
        with its ``sumber``).
    before : int, optional
        Keep only cycles before this one (e.g. the cycle being prepared).
    lang : {"id", "en"}
        Language of the ``asal`` labels.

    Returns
    -------
    OwnHistory
        ``table`` with :data:`COLUMNS`; ``skor_iid`` NaN and ``peringkat`` NaN when unknown.

    Examples
    --------
    >>> h = own_history("19.71")
    >>> sorted(h.table["tahun"].tolist()), h.origins(), h.kind()
    ([2020, 2021, 2024], ['data resmi terpublikasi'], 'predicates')
    """
    from inovlab.sources.provenance import check_source

    check_lang(lang)
    check_source(hasil_source)
    check_source(files_source)
    region_code = str(region_code)
    parts, notes = [], []
    own = _of_region(hasil, region_code)
    if own is not None:
        parts.append(_one_per_year(_rows(own, "hasil", hasil_source, lang)))
    computed, notes = _scored_files(_of_region(inovasi, region_code),
                                    _of_region(spd, region_code), files_source, lang)
    parts.append(computed)
    if published:
        from inovlab.sources.published import load_published

        rec = _of_region(load_published(), region_code)
        parts.append(_one_per_year(_rows(rec, "terpublikasi", "published", lang)))
    table = pd.concat([p[COLUMNS] for p in parts if p is not None and len(p)]
                      or [pd.DataFrame(columns=COLUMNS)], ignore_index=True)
    if before is not None:
        table = table[table["tahun"] < int(before)]
        notes = [(k, tuple(y for y in ys if y < int(before))) for k, ys in notes]
        notes = [(k, ys) for k, ys in notes if ys]
    order = table["asal_kode"].map(_ORIGIN_ORDER)
    table = (table.assign(_o=order).sort_values(["tahun", "_o"], kind="stable")
             .drop(columns="_o").drop_duplicates(["tahun", "asal"]).reset_index(drop=True))
    table = table.astype({"tahun": int, "skor_iid": float, "peringkat": float})
    return OwnHistory(region_code, table, tuple(notes), lang)
