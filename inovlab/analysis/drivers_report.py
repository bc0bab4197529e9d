"""The whole ranking-driver analysis as ``inovlab drivers`` runs it: tables and summary.

:func:`analyse_drivers` builds the region table of one cycle, finds the cluster present in
the data (:func:`cross_region_cluster`) and, when it holds at least
:data:`MIN_CLUSTER_REGIONS` pemda with indicator data, runs every method of
:mod:`inovlab.analysis.drivers` within it (and a region's priorities). With fewer (a city's
own files) it runs no cross-region method and returns the region's own exact score
decomposition (:mod:`inovlab.analysis.own_score`) instead. It labels the tables with the
explicit ``source`` kind and writes nothing itself; :meth:`DriversReport.write` writes the
CSV files. The command line (:mod:`inovlab.cli.drivers`) only loads the files and prints.

Examples
--------
>>> from inovlab.rules.framework import load_framework
>>> from inovlab.testing import synthetic_panel
>>> panel = synthetic_panel(n_regions=60, seed=1)
>>> rep = analyse_drivers(panel["inovasi"], panel["spd"], load_framework(2026), seed=0)
>>> rep.summary[0]
'Penggerak peringkat IID 2026 (data pengguna)'
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from inovlab.analysis.driver_inputs import MODELS, TARGETS, participants
from inovlab.analysis.drivers import drivers_headline, drivers_table
from inovlab.analysis.own_score import own_score
from inovlab.i18n import format_number, message
from inovlab.rules.decomposition import find_region, indicator_catalogue, region_table
from inovlab.rules.framework import Framework
from inovlab.sources.provenance import source_of

_TEXT = {
    "title": {"id": "Penggerak peringkat IID {cycle} ({source})",
              "en": "IID ranking drivers {cycle} ({source})"},
    "top": {"id": "Paling berkaitan dengan perbedaan skor IID antar-daerah (bobot efektif: porsi "
                  "varians skor, selang 90%): {items}",
            "en": "Most associated with the IID differences between regions (effective weight: "
                  "share of the score variance, 90% interval): {items}"},
    "effects": {"id": "Efek utama terkoreksi bias (p uji permutasi): {items}",
                "en": "Main effect, bias-corrected (permutation-test p): {items}"},
    "passengers": {"id": "! Peringatan korelasi: {items}. Efek utama indikator ini tinggi "
                         "terutama karena bergerak bersama indikator yang lebih berat; porsinya "
                         "sendiri adalah bobot efektifnya.",
                   "en": "! Correlation warning: {items}. The main effect of these indicators "
                         "is high mostly because they move with a heavier indicator; their own "
                         "share is their effective weight."},
    "more": {"id": " dan {n} lainnya (lihat kolom Bergerak bersama)",
             "en": " and {n} more (see the Moves with column)"},
    "moves": {"id": "{name} bergerak bersama {other} (r = {r})",
              "en": "{name} moves with {other} (r = {r})"},
    "cv": {"id": "Skor validasi silang {target}, {model}: AUC {auc} (dasar 0,50), "
                 "akurasi seimbang {bacc} (dasar 0,50)",
           "en": "Cross-validated score {target}, {model}: AUC {auc} (baseline 0.50), "
                 "balanced accuracy {bacc} (baseline 0.50)"},
    "nnls": {"id": "Pemulihan bobot NNLS (dengan konstanta): R^2 = {r2}; selisih relatif "
                   "maksimum {dev}; konstanta {const} poin.",
             "en": "NNLS weight recovery (with a constant): R^2 = {r2}; largest relative "
                   "difference {dev}; constant {const} points."},
    "nnls_constant": {"id": "Indikator yang konstan di semua daerah (bobotnya tidak dapat "
                            "dipulihkan): {items}.",
                      "en": "Indicators constant across regions (their weight cannot be "
                            "recovered): {items}."},
    "assumed": {"id": "Aturan diasumsikan (bukan terkonfirmasi) siklus ini: {items}.",
                "en": "Assumed (not confirmed) rules of this cycle: {items}."},
    "prio": {"id": "Prioritas perbaikan {name}: {items}",
             "en": "Improvement priorities for {name}: {items}"},
    "no_data": {"id": "Tidak ada data siklus {cycle} pada {what}.",
                "en": "No data for cycle {cycle} in {what}."},
    "within": {"id": "Dihitung atas {scope}.", "en": "Computed over {scope}."},
    "scope_one": {"id": "{n} {cluster} dalam data", "en": "{n} {cluster} in the data"},
    "scope_all": {"id": "{n} pemda dalam data (semua klaster)",
                  "en": "{n} pemda in the data (all clusters)"},
    "nnls_na": {"id": "Pemulihan bobot NNLS tidak dimasukkan dalam tabel: {why}.",
                "en": "NNLS weight recovery is left out of the table: {why}."},
    "own_only": {"id": "Penggerak lintas daerah tidak dihitung: analisis itu memerlukan data "
                       "indikator banyak pemda dari klaster yang sama (mis. berkas yang "
                       "dihimpun satu provinsi; minimal {min}, di sini {scope}), dan dengan "
                       "data itu akan menunjukkan indikator mana yang paling berkaitan dengan "
                       "perbedaan skor dan peringkat antar-pemda; yang ditulis sekarang adalah "
                       "dekomposisi skor daerah sendiri (poin_daerah.csv) dan prioritas "
                       "menurut poin per langkah (prioritas.csv).",
                 "en": "Cross-region drivers were not computed: they need the indicator data "
                       "of many pemda of the same cluster (e.g. the files a province "
                       "collects; at least {min}, here {scope}), and with such data they "
                       "would show which indicators are most associated with differences in "
                       "score and rank between pemda; written now are the region's own score "
                       "decomposition (poin_daerah.csv) and priorities by points per step "
                       "(prioritas.csv)."},
    "own_title": {"id": "Uraian poin IID {name} {cycle} ({source})",
                  "en": "IID points of {name} {cycle} ({source})"},
    "own_title_any": {"id": "Uraian poin IID {cycle} ({source})",
                      "en": "IID points {cycle} ({source})"},
    "own_no_spd": {"id": "Penggerak lintas daerah tidak dihitung: analisis itu memerlukan level "
                         "SPD banyak pemda dari klaster yang sama, dan tidak ada data SPD; yang "
                         "ditulis sekarang adalah dekomposisi skor daerah sendiri "
                         "(poin_daerah.csv) dan prioritas menurut poin per langkah "
                         "(prioritas.csv).",
                   "en": "Cross-region drivers were not computed: they need the SPD levels of "
                         "many pemda of the same cluster, and there are no SPD data; written "
                         "now are the region's own score decomposition (poin_daerah.csv) and "
                         "priorities by points per step (prioritas.csv)."},
    "hasil_other": {"id": "Berkas hasil tidak memuat siklus {cycle} (hanya {found}); tidak "
                          "dipakai untuk siklus ini.",
                    "en": "The hasil files hold no cycle {cycle} (only {found}); not used for "
                          "this cycle."},
    "own_need_region": {"id": "Sebutkan --region untuk dekomposisi skor satu daerah.",
                        "en": "Name a --region for one region's score decomposition."},
}

MIN_CLUSTER_REGIONS = 8
"""Fewest pemda of one cluster with indicator data before cross-region drivers are computed.

The methods compare pemda: main effects and effective weights are variance shares over
regions (with bootstrap intervals over regions), the NNLS recovery fits up to ~36 weights and
the top-group models need regions both inside and outside the cluster's top group. Below
about eight regions a variance share rests on a handful of differences, the bootstrap
resamples repeat the same few rows and most indicators do not vary at all, so the numbers
would look precise and mean nothing. Eight is a floor (a small province's kota, or a
handful of rivals), not a target: a province's full collection is better. With fewer, the
region's own exact decomposition (:mod:`inovlab.analysis.own_score`) is the honest answer."""


@dataclass(frozen=True)
class ClusterScope:
    """The cluster the cross-region drivers would be computed in, and its size.

    Attributes
    ----------
    cluster : str or None
        ``jenis`` (``provinsi``, ``kabupaten``, ``kota``); None when the data hold several
        clusters and no region was named (then every participant counts).
    n_regions : int
        Participants (``skor_iid > 0``) of that cluster in the data.
    min_regions : int
    kode_wilayah : str or None
        The region named (resolved), else the only region in the data, else None.
    """

    cluster: str | None
    n_regions: int
    min_regions: int = MIN_CLUSTER_REGIONS
    kode_wilayah: str | None = None

    @property
    def enough(self) -> bool:
        """True when the cluster has at least ``min_regions`` pemda with indicator data."""
        return self.n_regions >= self.min_regions

    def label(self, lang: str = "id") -> str:
        """``"9 kota dalam data"`` (or ``"552 pemda dalam data (semua klaster)"``)."""
        if self.cluster is None:
            return _t("scope_all", lang, n=self.n_regions)
        return _t("scope_one", lang, n=self.n_regions, cluster=self.cluster)


def cross_region_cluster(table: pd.DataFrame, region_code: str | None = None,
                         min_regions: int = MIN_CLUSTER_REGIONS) -> ClusterScope:
    """The cluster present in ``table`` (the named region's, or the only one) and its size.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`inovlab.rules.decomposition.region_table`.
    region_code : str, optional
        Code or name of the region; its ``jenis`` is the cluster.
    min_regions : int
        See :data:`MIN_CLUSTER_REGIONS`.

    Examples
    --------
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import example_tables
    >>> scope = cross_region_cluster(region_table(*example_tables(), 2026), "19.71")
    >>> scope.cluster, scope.n_regions, scope.enough, scope.label()
    ('kota', 1, False, '1 kota dalam data')
    """
    part = participants(table)
    code = None
    if region_code is not None:
        row = table.iloc[find_region(table, region_code)]
        code = str(row["kode_wilayah"])
        cluster = row["jenis"] if pd.notna(row["jenis"]) else None
    else:
        kinds = part["jenis"].dropna().unique() if "jenis" in part else []
        cluster = str(kinds[0]) if len(kinds) == 1 else None
        if table["kode_wilayah"].nunique() == 1:
            code = str(table["kode_wilayah"].iloc[0])
    n = len(participants(table, cluster)) if cluster is not None else len(part)
    return ClusterScope(cluster, int(n), int(min_regions), code)


def _t(key: str, lang: str, **kw) -> str:
    return message(_TEXT, key, lang, **kw)


@dataclass
class DriversReport:
    """Result of :func:`analyse_drivers`: the tables to write and a short summary.

    Attributes
    ----------
    drivers : DataFrame
        Long table of every method (``drivers.csv``), with ``sumber_data``,
        ``keyakinan_aturan`` and ``klaster``.
    model_scores : DataFrame or None
        Cross-validated scores of the top-group models (``skor_model.csv``).
    priorities : DataFrame or None
        The region's improvement priorities (``prioritas.csv``), only with a region.
    summary : list of str
        Summary lines in the report language.
    own_points : DataFrame or None
        The region's own points per indicator (``poin_daerah.csv``,
        :attr:`inovlab.analysis.own_score.OwnScore.indicators`), when the cluster is too
        small for cross-region drivers (then ``drivers`` is None).
    scope : ClusterScope or None
        The cluster the drivers were (or would have been) computed in.
    """

    drivers: pd.DataFrame | None
    model_scores: pd.DataFrame | None = None
    priorities: pd.DataFrame | None = None
    summary: list[str] = field(default_factory=list)
    own_points: pd.DataFrame | None = None
    scope: ClusterScope | None = None

    def write(self, out: str | Path) -> list[Path]:
        """Write ``drivers.csv``, ``skor_model.csv``, ``prioritas.csv`` and
        ``poin_daerah.csv`` (those present) into ``out``."""
        from inovlab.io.export import write_csv

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        if self.drivers is not None:
            written.append(write_csv(self.drivers, out / "drivers.csv"))
        if self.model_scores is not None:
            written.append(write_csv(self.model_scores, out / "skor_model.csv"))
        if self.priorities is not None:
            written.append(write_csv(self.priorities, out / "prioritas.csv"))
        if self.own_points is not None:
            written.append(write_csv(self.own_points, out / "poin_daerah.csv"))
        return written


def own_priorities(inovasi, spd, code: str, fw, source, label: str, confidence: str,
                   lang: str):
    """The region's own breakdown and its priorities (IID points per person-day of the open
    steps, from the cost table): the same table whether or not cross-region drivers exist."""
    own = own_score(inovasi, spd, code, fw.cycle, fw, lang=lang, source=source)
    labels = {"sumber_data": label, "keyakinan_aturan": confidence}
    return own, own.priorities(costs=True, lang=lang).assign(**labels)


def _assumed_lines(fw, lang: str) -> list[str]:
    assumed = fw.assumptions()
    if not len(assumed):
        return []
    return [_t("assumed", lang, items=", ".join(assumed["item"].astype(str)))]


def headline_lines(long: pd.DataFrame, lang: str = "id", top: int = 5) -> list[str]:
    """The effective-weight headline, the corrected main effect and the correlation warning.

    Parameters
    ----------
    long : DataFrame
        :func:`inovlab.analysis.drivers.drivers_table`.
    top : int
        Indicators named per line.

    Returns
    -------
    list of str
        Empty when nothing was estimated.

    Examples
    --------
    >>> from inovlab.analysis.drivers import drivers_table
    >>> from inovlab.rules.decomposition import region_table
    >>> from inovlab.testing import correlated_panel
    >>> t = region_table(*[correlated_panel(seed=0)[k] for k in ("inovasi", "spd")], 2026)
    >>> long, _ = drivers_table(t, n_boot=20, n_perm=50, models=False)
    >>> headline_lines(long, top=2)[0].split("): ", 1)[1][:30]
    '1. Video inovasi daerah 0,449 '
    """
    head = drivers_headline(long)
    if not len(head):
        return []
    fmt = lambda v: format_number(v, 3, lang)  # noqa: E731
    items = "; ".join(f"{r.peringkat}. {r.nama_indikator} {fmt(r.bobot_efektif)} "
                      f"({fmt(r.bobot_efektif_low)}–{fmt(r.bobot_efektif_high)})"
                      for r in head.head(top).itertuples())
    by_effect = head.sort_values("efek_utama", ascending=False, kind="stable").head(top)
    effects = "; ".join(f"{r.nama_indikator} {fmt(r.efek_utama)} "
                        f"(p = {format_number(r.p_permutasi, 3, lang)})"
                        for r in by_effect.itertuples())
    lines = [_t("top", lang, items=items), _t("effects", lang, items=effects)]
    flagged = head[head["catatan"].ne("")]
    if len(flagged):
        moves = "; ".join(_t("moves", lang, name=r.nama_indikator, other=r.bergerak_dengan,
                             r=format_number(r.korelasi_bergerak, 2, lang))
                          for r in flagged.head(top).itertuples())
        if len(flagged) > top:
            moves += _t("more", lang, n=len(flagged) - top)
        lines.append(_t("passengers", lang, items=moves))
    return lines


def _nnls_lines(long: pd.DataFrame, fw, lang: str) -> list[str]:
    """The recovery's fit, its constant indicators, or why it is left out."""
    stats = long.attrs.get("nnls", {})
    if not stats.get("estimable"):
        why = stats.get("alasan") or _t("scope_all", lang, n=stats.get("n_daerah", 0))
        return [_t("nnls_na", lang, why=why)]
    lines = [_t("nnls", lang, r2=format_number(stats["r2"], 4, lang),
                dev=format_number(stats["selisih_maksimum"], 3, lang),
                const=format_number(stats["konstanta_iid"], 2, lang))]
    if stats.get("konstan"):
        names = indicator_catalogue(fw, lang).set_index("indikator")["nama_indikator"]
        lines.append(_t("nnls_constant", lang,
                        items=", ".join(str(names.get(c, c)) for c in stats["konstan"])))
    return lines


def _summary_lines(long, result, prio, fw, scope, source, lang) -> list[str]:
    lines = [_t("title", lang, cycle=fw.cycle, source=source),
             _t("within", lang, scope=scope.label(lang)), *headline_lines(long, lang)]
    if result is not None:
        for r in result.scores.itertuples():
            lines.append(_t("cv", lang, target=TARGETS[r.target][lang],
                            model=MODELS[r.model][lang], auc=format_number(r.auc_cv, 2, lang),
                            bacc=format_number(r.balanced_accuracy_cv, 2, lang)))
        lines.extend(f"! {w}" for w in result.warnings)
    lines += _nnls_lines(long, fw, lang)
    lines += _assumed_lines(fw, lang)
    if prio is not None:
        name = prio["nama_daerah"].iloc[0] or prio["kode_wilayah"].iloc[0]
        items = "; ".join(f"{r.peringkat_prioritas}. {r.nama_indikator} ({r.saran})"
                          for r in prio.head(3).itertuples())
        lines.append(_t("prio", lang, name=name, items=items))
    return lines


def _own_only(inovasi, spd, table, fw, scope: ClusterScope, source, label: str,
              lang: str, notes: list[str]) -> DriversReport:
    """Too few pemda of the cluster (or no SPD): the region's own decomposition instead."""
    why = (_t("own_no_spd", lang) if spd is None
           else _t("own_only", lang, min=scope.min_regions, scope=scope.label(lang)))
    if scope.kode_wilayah is None:
        lines = [_t("own_title_any", lang, cycle=fw.cycle, source=label), why, *notes,
                 _t("own_need_region", lang), *_assumed_lines(fw, lang)]
        return DriversReport(None, summary=lines, scope=scope)
    row = table[table["kode_wilayah"].astype(str) == str(scope.kode_wilayah)]
    labels = {"sumber_data": label,
              "keyakinan_aturan": str(row["keyakinan_aturan"].iloc[0]) if len(row) else ""}
    own, prio = own_priorities(inovasi, spd, scope.kode_wilayah, fw, source, label,
                               labels["keyakinan_aturan"], lang)
    lines = [_t("own_title", lang, name=own.nama_daerah or own.kode_wilayah, cycle=fw.cycle,
                source=label), why, *notes]
    points = own.indicators.assign(**labels)
    points.insert(0, "kode_wilayah", own.kode_wilayah)
    points.insert(1, "nama_daerah", own.nama_daerah)
    items = "; ".join(f"{r.peringkat_prioritas}. {r.saran} "
                      f"(+{format_number(r.poin_satu_langkah, 2, lang)})"
                      for r in prio.head(3).itertuples())
    lines += [own.sentence(lang), *_assumed_lines(fw, lang),
              _t("prio", lang, name=own.nama_daerah, items=items)]
    return DriversReport(None, None, prio, lines, own_points=points, scope=scope)


def analyse_drivers(inovasi: pd.DataFrame, spd: pd.DataFrame | None, framework: Framework,
                    hasil: pd.DataFrame | None = None, region: str | None = None,
                    source="user", seed: int = 0, lang: str = "id",
                    min_regions: int = MIN_CLUSTER_REGIONS) -> DriversReport:
    """Every driver method for one cycle (and a region's priorities), labelled by source.

    The estimates are made within the cluster present in the data (the region's cluster
    when ``region`` is named, else the only cluster, else all participants; see
    :func:`cross_region_cluster`), and only when it holds at least ``min_regions`` pemda
    with indicator data (:data:`MIN_CLUSTER_REGIONS`). Otherwise no driver is estimated:
    the report holds the region's own exact decomposition (``own_points``, from
    :func:`inovlab.analysis.own_score.own_score`; the region is ``region`` or the only one
    in the data) and its priorities by points per step, and ``drivers`` is None. Without
    ``spd`` (None) SPD points count as 0 and only that own decomposition is made.
    ``hasil``'s IID of the cycle, when given, is used for the weight recovery; ``hasil`` of
    other cycles only is set aside with one summary line. ``source`` is the
    data-source kind (``"user"``, ``"demo"``, ``"published"``, a combined ``"user+demo"``)
    or an :class:`inovlab.sources.provenance.Inputs` bundle; its label goes into the
    ``sumber_data`` column and the summary title.

    Raises
    ------
    UsageError
        ``spd`` or ``inovasi`` has no row of the framework's cycle.

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> from inovlab.testing import synthetic_panel
    >>> panel = synthetic_panel(n_regions=60, seed=1)
    >>> rep = analyse_drivers(panel["inovasi"], panel["spd"], load_framework(2026), seed=0)
    >>> sorted(set(rep.drivers["metode"]))[:2], rep.priorities is None
    (['bobot_efektif', 'bobot_nominal'], True)
    """
    from inovlab.errors import UsageError

    fw = framework
    for what, df in (("spd", spd), ("inovasi", inovasi)):
        if df is not None and not (df["tahun"].astype(int) == fw.cycle).any():
            raise UsageError(_t("no_data", lang, cycle=fw.cycle, what=what))
    hasil, notes = _hasil_of_cycle(hasil, fw.cycle, lang)
    table = region_table(inovasi, _NO_SPD if spd is None else spd, fw.cycle, fw, hasil=hasil)
    label = source_label_of(source, lang)
    scope = cross_region_cluster(table, region, min_regions)
    if spd is None or not scope.enough:
        return _own_only(inovasi, spd, table, fw, scope, source, label, lang, notes)
    cluster = scope.cluster
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        long, result = drivers_table(table, fw, cluster, seed=seed, lang=lang)
    confidence = str(table["keyakinan_aturan"].iloc[0]) if len(table) else ""
    long["sumber_data"] = label
    long["keyakinan_aturan"] = confidence
    long["klaster"] = cluster or "semua"
    scores = (result.scores.assign(tahun=fw.cycle, sumber_data=label)
              if result is not None else None)
    prio = None
    if region:
        code = str(table["kode_wilayah"].iloc[find_region(table, region)])
        prio = own_priorities(inovasi, spd, code, fw, source, label, confidence, lang)[1]
    lines = _summary_lines(long, result, prio, fw, scope, label, lang)
    return DriversReport(long, scores, prio, lines[:2] + notes + lines[2:], scope=scope)


_NO_SPD = pd.DataFrame({"tahun": pd.Series(dtype="int64"),
                        "kode_wilayah": pd.Series(dtype="string")})
"""An SPD table without rows: every region's SPD levels count as 0."""


def _hasil_of_cycle(hasil: pd.DataFrame | None, cycle: int,
                    lang: str) -> tuple[pd.DataFrame | None, list[str]]:
    """``hasil`` when it holds rows of ``cycle``, else None and the sentence saying so."""
    if hasil is None or not len(hasil):
        return None, []
    years = hasil["tahun"].astype(int)
    if (years == int(cycle)).any():
        return hasil, []
    found = ", ".join(str(y) for y in sorted(years.unique()))
    return None, [_t("hasil_other", lang, cycle=cycle, found=found)]


def source_label_of(source, lang: str) -> str:
    """The reader label of a ``source`` kind or bundle (see :func:`analyse_drivers`)."""
    from inovlab.i18n import source_label

    return source_label(source_of(source), lang)
