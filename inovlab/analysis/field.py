"""The comparison field: which pemda a rank is among, named for the reader.

A Litbang office rarely holds the national results. It holds a *partial* ``hasil`` list
(one province, one cluster, a few rivals), often with ``predikat`` only, usually of an
earlier cycle than the one being prepared. :func:`comparison_field` turns whatever list
there is into a :class:`Field` that says who is in it (``label``), how many (``n``), from
which cycle (``cycle``) and where it came from (``source``), so that every rank is given
with the sentence "among whom".

Rules (all vectorised):

1. Usable rows are those with ``skor_iid`` or ``predikat``; the field's cycle is the latest
   ``tahun <= cycle`` that has usable rows of pemda other than the own region.
2. ``jenis`` comes from :func:`inovlab.io.regions.load_regions` when missing. When that
   cycle has at least ``min_cluster`` pemda of the own region's cluster, the field is that
   cluster; otherwise the whole list (mixed clusters, called "pemda").
3. Provinces are named when the field covers one or two of them.
4. Without ``skor_iid`` for every other member, no rank is computed
   (:meth:`Field.rank_of` gives None) and the sentence gives the predikat counts instead.

Examples
--------
>>> hasil = pd.DataFrame({"tahun": [2024] * 3, "kode_wilayah": ["19.01", "19.02", "19.71"],
...                       "skor_iid": [60.0, 40.0, 55.0]})
>>> f = comparison_field(hasil, "19.71", 2026, source="user")
>>> f.label, f.rank_of(50.0), f.rank_now()
('3 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024', 2, 2)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from inovlab.errors import UsageError
from inovlab.i18n import check_lang, format_number, message, source_label
from inovlab.rules.framework import PREDICATES, PREDICATES_EN, load_framework, predicate_label

_MESSAGES = {
    "label": {"id": "{n} {members} dalam {where}{provinces} {cycle}",
              "en": "{n} {members} in {where}{provinces} {cycle}"},
    "where_user": {"id": "berkas Anda", "en": "your files"},
    "and": {"id": " dan ", "en": " and "},
    "pemda": {"id": "pemda", "en": "pemda"},
    "kota": {"id": "kota", "en": "cities"},
    "kabupaten": {"id": "kabupaten", "en": "regencies"},
    "provinsi": {"id": "provinsi", "en": "provinces"},
    "ranked_earlier": {
        "id": "Peringkat dihitung di antara {label}; skor mereka dari siklus {fc}, bukan "
              "{cycle}, jadi proyeksi ini menganggap mereka tidak berubah.",
        "en": "The rank is computed among {label}; their scores are from the {fc} cycle, "
              "not {cycle}, so this projection assumes they stay the same."},
    "ranked_same": {"id": "Peringkat dihitung di antara {label} (siklus yang sama).",
                    "en": "The rank is computed among {label} (the same cycle)."},
    "earlier": {"id": " (siklus {fc}, bukan {cycle})", "en": " ({fc} cycle, not {cycle})"},
    "counts": {"id": " Predikat di bidang ini{when}: {counts}.",
               "en": " Predicates in this field{when}: {counts}."},
    "no_predicate": {"id": "tanpa predikat", "en": "without predicate"},
    "no_hasil": {"id": "Peringkat tidak dihitung: tidak ada tabel hasil, jadi tidak ada pemda "
                       "pembanding. Tambahkan hasil pemda lain (mis. lampiran Kepmendagri) "
                       "untuk mendapat peringkat.",
                 "en": "No rank: there is no results (hasil) table, so no pemda to compare "
                       "with. Add other pemda's results (e.g. a Kepmendagri appendix) to get "
                       "a rank."},
    "no_others": {"id": "Peringkat tidak dihitung: tabel hasil tidak memuat pemda lain untuk "
                        "siklus {cycle} atau sebelumnya.",
                  "en": "No rank: the results table holds no other pemda for the {cycle} "
                        "cycle or earlier."},
    "predicates_only": {"id": "Peringkat tidak dihitung: {label} hanya punya predikat, "
                              "sedangkan peringkat membutuhkan skor_iid.",
                        "en": "No rank: {label} have predicates only, and a rank needs "
                              "skor_iid."},
    "partial_scores": {"id": "Peringkat tidak dihitung: skor_iid hanya ada untuk {k} dari {m} "
                             "pemda pembanding ({label}); peringkat membutuhkan skor_iid "
                             "setiap pembanding.",
                       "en": "No rank: skor_iid is known for only {k} of {m} pemda to compare "
                             "with ({label}); a rank needs every one's skor_iid."},
    "no_own_score": {"id": "Peringkat tidak dihitung: skor IID sendiri tidak diproyeksikan "
                           "(SPD tidak ada).",
                     "en": "No rank: the own IID is not projected (no SPD)."},
    "position": {"id": "Predikat {pred}: di antara {m} pemda lain ({label}), {hi} berpredikat "
                       "lebih tinggi, {same} sama, {lo} lebih rendah{unknown}.",
                 "en": "Predicate {pred}: among {m} other pemda ({label}), {hi} have a higher "
                       "predicate, {same} the same, {lo} a lower one{unknown}."},
    "position_unknown": {"id": ", {k} tanpa predikat", "en": ", {k} without predicate"},
}

NO_FIELD_REASONS = ("no_hasil", "no_others", "predicates_only", "partial_scores",
                    "no_own_score")
"""Keys of :func:`no_field_sentence`."""

_PRED_LOOKUP = {**{p.lower(): p for p in PREDICATES},
                **{en.lower(): p for p, en in PREDICATES_EN.items()}}
_PRED_ORDER = {p: i for i, p in enumerate(PREDICATES)}  # 0 = best


def _t(key: str, lang: str, **kw) -> str:
    return message(_MESSAGES, key, lang, **kw)


def canonical_predikat(values: pd.Series) -> pd.Series:
    """Predikat in their official spelling (any case, English accepted); unknown -> ``""``.

    Examples
    --------
    >>> canonical_predikat(pd.Series(["sangat inovatif", "Innovative", None])).tolist()
    ['Sangat Inovatif', 'Inovatif', '']
    """
    text = values.astype("string").str.strip().str.lower()
    return text.map(_PRED_LOOKUP).fillna("").astype(object)


def _normalise(hasil: pd.DataFrame) -> pd.DataFrame:
    """``tahun, kode_wilayah, nama_daerah, jenis, skor_iid, predikat`` with usable rows only."""
    n = len(hasil)
    h = pd.DataFrame({
        "tahun": pd.to_numeric(hasil["tahun"]).astype(int).to_numpy(),
        "kode_wilayah": hasil["kode_wilayah"].astype(str).str.strip().to_numpy(),
        "nama_daerah": (hasil["nama_daerah"].to_numpy(object) if "nama_daerah" in hasil
                        else np.full(n, None, dtype=object)),
        "jenis": (hasil["jenis"].to_numpy(object) if "jenis" in hasil
                  else np.full(n, None, dtype=object)),
        "skor_iid": (pd.to_numeric(hasil["skor_iid"], errors="coerce").to_numpy(float)
                     if "skor_iid" in hasil else np.full(n, np.nan)),
        "predikat": (canonical_predikat(hasil["predikat"]).to_numpy(object) if "predikat" in hasil
                     else np.full(n, "", dtype=object)),
    })
    h = h[h["skor_iid"].notna() | h["predikat"].ne("")]
    # one row per pemda-year: prefer the row with a score (a list may repeat a pemda)
    h = h.sort_values(["tahun", "kode_wilayah", "skor_iid"], na_position="last")
    return h.drop_duplicates(["tahun", "kode_wilayah"]).reset_index(drop=True)


def _fill_predikat(rows: pd.DataFrame, cycle: int) -> pd.Series:
    """Predikat from the score where only the score is given (the cycle's cut-offs)."""
    missing = rows["predikat"].eq("") & rows["skor_iid"].notna()
    if not missing.any():
        return rows["predikat"]
    try:
        fw = load_framework(cycle)
    except UsageError:  # no rules for that cycle: leave unknown rather than guess
        return rows["predikat"]
    derived = pd.Series(fw.predicate(rows["skor_iid"].to_numpy(float)), index=rows.index)
    return rows["predikat"].where(~missing, derived)


def _with_regions(rows: pd.DataFrame) -> pd.DataFrame:
    """Fill ``jenis`` and ``nama_daerah``, add ``provinsi`` from the regions reference."""
    from inovlab.io.regions import load_regions

    ref = load_regions().set_index("kode_wilayah")
    out = rows.copy()
    out["jenis"] = out["jenis"].astype("string").str.lower().fillna(
        out["kode_wilayah"].map(ref["jenis"])).astype(object)
    out["nama_daerah"] = out["nama_daerah"].fillna(out["kode_wilayah"].map(ref["nama_daerah"]))
    out["provinsi"] = out["kode_wilayah"].map(ref["provinsi"])
    return out


def _own_cluster(region_code: str) -> str | None:
    from inovlab.io.regions import load_regions

    ref = load_regions().set_index("kode_wilayah")["jenis"]
    return ref.get(str(region_code))


@dataclass(frozen=True)
class Field:
    """The pemda a rank is computed among, with a reader-facing name.

    Attributes
    ----------
    label : str
        Names the members and the size, e.g. ``"7 pemda dalam berkas Anda: Kepulauan
        Bangka Belitung 2024"`` or ``"98 kota dalam data demo (sintetis) 2026"``.
    n : int
        Number of pemda in the field (the own region included when it is a member).
    cycle : int
        The field's cycle (latest ``tahun <= cycle`` asked for, with usable rows).
    codes, names : tuple of str
        ``kode_wilayah`` and ``nama_daerah`` of the members.
    scores : ndarray of float, shape (n,)
        ``skor_iid`` per member (NaN where only the predikat is known).
    predikat : tuple of str
        Per member (``""`` when unknown).
    has_scores : bool
        Every member other than the own region has a score.
    cluster : str or None
        ``"kota"``/``"kabupaten"``/``"provinsi"`` when the field is one cluster, else None.
    source : str
        Source kind of the ``hasil`` table (``"user"``, ``"demo"``, ``"published"``).
    region_code : str
        The own region.
    lang : str
        Language of ``label``.
    """

    label: str
    n: int
    cycle: int
    codes: tuple[str, ...]
    names: tuple[str, ...]
    scores: np.ndarray
    predikat: tuple[str, ...]
    has_scores: bool
    cluster: str | None
    source: str
    region_code: str
    lang: str = "id"

    @property
    def _others(self) -> np.ndarray:
        return np.asarray(self.codes, dtype=object) != self.region_code

    @property
    def is_member(self) -> bool:
        """True when the own region is one of the members."""
        return bool((~self._others).any())

    def reason(self) -> str | None:
        """Why no rank is computed (a :data:`NO_FIELD_REASONS` key), or None when it is."""
        if self.has_scores:
            return None
        known = int(np.isfinite(self.scores[self._others]).sum())
        return "partial_scores" if known else "predicates_only"

    def rank_of(self, score) -> int | None:
        """``1 +`` the number of members other than the own region with a higher score
        (as published, to 2 decimals: :func:`inovlab.analysis.rank_model.point_rank`).

        None when the field has no scores or ``score`` is missing.

        Examples
        --------
        >>> h = pd.DataFrame({"tahun": [2025] * 2, "kode_wilayah": ["17.71", "13.71"],
        ...                   "skor_iid": [70.0, 40.0]})
        >>> comparison_field(h, "19.71", 2026, source="user").rank_of(55.0)
        2
        """
        from inovlab.analysis.rank_model import point_rank

        if not self.has_scores or score is None or not np.isfinite(float(score)):
            return None
        return point_rank(float(score), self.scores[self._others])

    def rank_now(self) -> int | None:
        """The own rank in the field's cycle, when the own region is a member with a score."""
        own = self.scores[~self._others]
        return self.rank_of(own[0]) if own.size and np.isfinite(own[0]) else None

    def predicate_counts(self, lang: str = "id") -> str:
        """Predikat counts of the members, best first, e.g. ``"4 Sangat Inovatif, 2 Inovatif"``.

        Examples
        --------
        >>> h = pd.DataFrame({"tahun": [2022] * 3, "kode_wilayah": ["11.01", "11.02", "11.71"],
        ...                   "predikat": ["Inovatif", "inovatif", "Sangat Inovatif"]})
        >>> comparison_field(h, "11.72", 2026, source="published").predicate_counts()
        '1 Sangat Inovatif, 2 Inovatif'
        """
        counts = pd.Series(self.predikat, dtype=object).value_counts()
        order = [p for p in (*PREDICATES, "") if counts.get(p, 0)]
        words = [predicate_label(p, lang) for p in order]
        words = [w or _t("no_predicate", lang) for w in words]
        return ", ".join(f"{int(counts[p])} {w}" for p, w in zip(order, words, strict=True))

    def sentence(self, cycle: int, lang: str = "id") -> str:
        """Among whom the rank is computed and from which cycle; or why there is none.

        Examples
        --------
        >>> h = pd.DataFrame({"tahun": [2024] * 2, "kode_wilayah": ["19.01", "19.02"],
        ...                   "skor_iid": [60.0, 40.0]})
        >>> print(comparison_field(h, "19.71", 2026, source="user").sentence(2026, "en"))
        The rank is computed among 2 regencies in your files: Kepulauan Bangka Belitung 2024; their scores are from the 2024 cycle, not 2026, so this projection assumes they stay the same.
        """
        check_lang(lang)
        label = self._label(lang)
        if self.has_scores:
            key = "ranked_same" if self.cycle >= int(cycle) else "ranked_earlier"
            return _t(key, lang, label=label, fc=self.cycle, cycle=cycle)
        when = _t("earlier", lang, fc=self.cycle, cycle=cycle) if self.cycle < int(cycle) else ""
        return self._no_rank(label, lang) + _t("counts", lang, when=when,
                                                counts=self.predicate_counts(lang))

    def _no_rank(self, label: str, lang: str) -> str:
        others = self._others
        return no_field_sentence(self.reason(), lang, label=label,
                                 k=int(np.isfinite(self.scores[others]).sum()),
                                 m=int(others.sum()))

    def _label(self, lang: str) -> str:
        """The label in ``lang`` (rebuilt only when it differs from the field's language)."""
        if lang == self.lang:
            return self.label
        return _make_label(self.n, self.cluster, self.source, _provinces(self.codes),
                           self.cycle, lang)

    def predicate_position(self, predikat: str, lang: str = "id") -> str:
        """Where a (projected) predikat sits among the other members' predicates.

        Examples
        --------
        >>> h = pd.DataFrame({"tahun": [2022] * 3, "kode_wilayah": ["11.01", "11.02", "11.71"],
        ...                   "predikat": ["Inovatif", "Kurang Inovatif", "Sangat Inovatif"]})
        >>> comparison_field(h, "11.72", 2026, source="published").predicate_position("Inovatif")[:60]
        'Predikat Inovatif: di antara 3 pemda lain (3 pemda dalam dat'
        """
        own = canonical_predikat(pd.Series([predikat])).iloc[0]
        if not own:
            raise ValueError(f"predikat tidak dikenal: {predikat!r} (pilihan: {', '.join(PREDICATES)})")
        pos = pd.Series(self.predikat, dtype=object)[self._others].map(_PRED_ORDER)
        mine = _PRED_ORDER[own]
        unknown = int(pos.isna().sum())
        shown = predicate_label(own, lang)
        return _t("position", lang, pred=shown, m=int(self._others.sum()),
                  label=self._label(lang), hi=int((pos < mine).sum()),
                  same=int((pos == mine).sum()), lo=int((pos > mine).sum()),
                  unknown=_t("position_unknown", lang, k=unknown) if unknown else "")

    def as_dict(self) -> dict:
        """The ``ringkasan.json`` fields about the field (contract ``peringkat`` entry).

        ``sumber`` is the reader-facing source label, ``jenis_sumber`` the kind.
        """
        return {"bidang": self.label, "n_bidang": int(self.n), "tahun_bidang": int(self.cycle),
                "sumber": source_label(self.source, self.lang), "jenis_sumber": self.source,
                "klaster": self.cluster, "punya_skor": bool(self.has_scores),
                "saat_ini": self.rank_now(), "catatan_peringkat": (
                    None if self.has_scores else self._no_rank(self.label, self.lang))}


def _provinces(codes) -> list[str]:
    """The one or two provinces the codes cover (sorted); empty when more."""
    from inovlab.io.regions import load_regions

    ref = load_regions().set_index("kode_wilayah")["provinsi"]
    names = sorted(pd.Series(list(codes), dtype=object).map(ref).dropna().unique())
    return names if 1 <= len(names) <= 2 else []


def _make_label(n: int, cluster: str | None, source: str, provinces: list[str], cycle: int,
                lang: str) -> str:
    where = _t("where_user", lang) if source == "user" else source_label(source, lang)
    prov = (": " + _t("and", lang).join(provinces)) if provinces else ""
    return _t("label", lang, n=format_number(n, 0, lang), members=_t(cluster or "pemda", lang),
              where=where, provinces=prov, cycle=cycle)


def no_field_reason(hasil: pd.DataFrame | None, region_code: str, cycle: int) -> str | None:
    """Why :func:`comparison_field` gives None (``"no_hasil"``/``"no_others"``), else None.

    Examples
    --------
    >>> no_field_reason(None, "19.71", 2026)
    'no_hasil'
    >>> no_field_reason(pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"],
    ...                               "skor_iid": [50.0]}), "19.71", 2026)
    'no_others'
    """
    if hasil is None or hasil.empty or not {"tahun", "kode_wilayah"} <= set(hasil.columns):
        return "no_hasil"
    return None if comparison_field(hasil, region_code, cycle, source="user") else "no_others"


def no_field_sentence(reason_key: str, lang: str = "id", **kw) -> str:
    """One sentence on why no rank is given (a :data:`NO_FIELD_REASONS` key).

    ``no_others`` takes ``cycle``; ``predicates_only`` ``label``; ``partial_scores``
    ``label, k, m``.

    Examples
    --------
    >>> no_field_sentence("no_others", "en", cycle=2025)
    'No rank: the results table holds no other pemda for the 2025 cycle or earlier.'
    """
    check_lang(lang)
    if reason_key not in NO_FIELD_REASONS:
        raise ValueError(f"reason_key must be one of {NO_FIELD_REASONS}, got {reason_key!r}")
    return _t(reason_key, lang, **kw) if kw else _t(reason_key, lang)


def comparison_field(hasil: pd.DataFrame | None, region_code: str, cycle: int, *, source: str,
                     lang: str = "id", min_cluster: int = 5) -> Field | None:
    """The field a rank for ``region_code`` in ``cycle`` is computed among.

    Parameters
    ----------
    hasil : DataFrame or None
        Contract ``hasil`` rows (``tahun, kode_wilayah``; ``skor_iid``, ``predikat``,
        ``jenis``, ``nama_daerah`` optional). Any subset of pemda and cycles.
    region_code : str
        The own region's ``kode_wilayah``.
    cycle : int
        The latest cycle the field may come from (the cycle being prepared, or the one
        before it for "the last published results").
    source : {"user", "demo", "published"}
        Where ``hasil`` came from (named in the label).
    lang : {"id", "en"}
        Language of the label.
    min_cluster : int
        Fewest pemda of the own cluster for the field to be that cluster alone.

    Returns
    -------
    Field or None
        None when ``hasil`` holds no usable row of another pemda up to ``cycle``
        (:func:`no_field_reason` says which case).

    Examples
    --------
    >>> h = pd.DataFrame({"tahun": [2024] * 6, "skor_iid": [70, 60, 50, 40, 30, 20.0],
    ...     "kode_wilayah": ["19.01", "19.02", "19.03", "19.04", "19.05", "19.06"]})
    >>> f = comparison_field(h, "19.06", 2026, source="user")
    >>> f.label, f.cluster, f.n, f.rank_now()
    ('6 kabupaten dalam berkas Anda: Kepulauan Bangka Belitung 2024', 'kabupaten', 6, 6)
    """
    from inovlab.sources.provenance import check_source

    check_lang(lang)
    check_source(source)
    if hasil is None or hasil.empty or not {"tahun", "kode_wilayah"} <= set(hasil.columns):
        return None
    region_code = str(region_code)
    h = _normalise(hasil)
    h = h[h["tahun"] <= int(cycle)]
    others = h[h["kode_wilayah"] != region_code]
    if others.empty:
        return None
    year = int(others["tahun"].max())
    rows = _with_regions(h[h["tahun"] == year])
    rows["predikat"] = _fill_predikat(rows, year)
    own = _own_cluster(region_code)
    same = rows["jenis"].eq(own)
    if own is not None and int(same.sum()) >= min_cluster:
        rows = rows[same]
    clusters = rows["jenis"].dropna().unique()
    cluster = str(clusters[0]) if len(clusters) == 1 and rows["jenis"].notna().all() else None
    is_other = rows["kode_wilayah"].ne(region_code)
    codes = tuple(rows["kode_wilayah"])
    return Field(label=_make_label(len(rows), cluster, source, _provinces(codes), year, lang),
                 n=len(rows), cycle=year, codes=codes,
                 names=tuple(rows["nama_daerah"].fillna(rows["kode_wilayah"]).astype(str)),
                 scores=_read_only(rows["skor_iid"].to_numpy(float)),
                 predikat=tuple(rows["predikat"].astype(str)),
                 has_scores=bool(rows.loc[is_other, "skor_iid"].notna().all()),
                 cluster=cluster, source=source, region_code=region_code, lang=lang)


def _read_only(values: np.ndarray) -> np.ndarray:
    values = np.array(values, dtype=float)
    values.setflags(write=False)
    return values
