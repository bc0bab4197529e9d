"""The whole ranking-driver analysis as ``inovlab drivers`` runs it: tables and summary.

:func:`analyse_drivers` builds the region table of one cycle, runs every method of
:mod:`inovlab.analysis.drivers` (and a region's priorities), labels the tables with the
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

from inovlab.analysis.driver_inputs import METHODS, MODELS, TARGETS, participants
from inovlab.analysis.drivers import drivers_table, priorities
from inovlab.analysis.weight_recovery import recover_weights
from inovlab.i18n import format_number, message
from inovlab.rules.decomposition import JUMLAH, find_region, region_table
from inovlab.rules.framework import Framework
from inovlab.sources.provenance import source_of

_TEXT = {
    "title": {"id": "Penggerak peringkat IID {cycle} ({source})",
              "en": "IID ranking drivers {cycle} ({source})"},
    "scope": {"id": "{n} daerah peserta{cluster}.", "en": "{n} participating regions{cluster}."},
    "top": {"id": "Indikator terpenting ({method}): {items}",
            "en": "Most important indicators ({method}): {items}"},
    "cv": {"id": "Skor validasi silang {target}, {model}: AUC {auc} (dasar 0,50), "
                 "akurasi seimbang {bacc} (dasar 0,50)",
           "en": "Cross-validated score {target}, {model}: AUC {auc} (baseline 0.50), "
                 "balanced accuracy {bacc} (baseline 0.50)"},
    "nnls": {"id": "Pemulihan bobot NNLS: R^2 = {r2}; selisih relatif maksimum {dev}.",
             "en": "NNLS weight recovery: R^2 = {r2}; largest relative difference {dev}."},
    "assumed": {"id": "Aturan diasumsikan (bukan terkonfirmasi) siklus ini: {items}.",
                "en": "Assumed (not confirmed) rules of this cycle: {items}."},
    "prio": {"id": "Prioritas perbaikan {name}: {items}",
             "en": "Improvement priorities for {name}: {items}"},
    "no_data": {"id": "Tidak ada data siklus {cycle} pada {what}.",
                "en": "No data for cycle {cycle} in {what}."},
}


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
    """

    drivers: pd.DataFrame
    model_scores: pd.DataFrame | None = None
    priorities: pd.DataFrame | None = None
    summary: list[str] = field(default_factory=list)

    def write(self, out: str | Path) -> list[Path]:
        """Write ``drivers.csv`` (and ``skor_model.csv``, ``prioritas.csv``) into ``out``."""
        from inovlab.io.export import write_csv

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = [write_csv(self.drivers, out / "drivers.csv")]
        if self.model_scores is not None:
            written.append(write_csv(self.model_scores, out / "skor_model.csv"))
        if self.priorities is not None:
            written.append(write_csv(self.priorities, out / "prioritas.csv"))
        return written


def _region_priorities(table, one: int, fw, source: str, confidence: str, lang: str):
    prio = priorities(table, table["kode_wilayah"].iloc[one], fw, lang=lang)
    prio.insert(0, "kode_wilayah", table["kode_wilayah"].iloc[one])
    prio.insert(1, "nama_daerah", table["nama_daerah"].iloc[one]
                if "nama_daerah" in table else "")
    prio["sumber_data"] = source
    prio["keyakinan_aturan"] = confidence
    return prio


def _summary_lines(table, long, result, prio, fw, cluster, source, lang) -> list[str]:
    n = len(participants(table, cluster))
    lines = [_t("title", lang, cycle=fw.cycle, source=source),
             _t("scope", lang, n=n, cluster=f" ({cluster})" if cluster else "")]
    for method in ("bobot_efektif", "efek_utama"):
        sub = long[(long["metode"] == method) & (long["indikator"] != JUMLAH)].head(5)
        items = ", ".join(f"{r.indikator} {format_number(r.nilai, 3, lang)}"
                          for r in sub.itertuples())
        lines.append(_t("top", lang, method=METHODS[method][lang], items=items))
    if result is not None:
        for r in result.scores.itertuples():
            lines.append(_t("cv", lang, target=TARGETS[r.target][lang],
                            model=MODELS[r.model][lang], auc=format_number(r.auc_cv, 2, lang),
                            bacc=format_number(r.balanced_accuracy_cv, 2, lang)))
        lines.extend(f"! {w}" for w in result.warnings)
    if len(long[long["metode"] == "bobot_pulih_nnls"]):
        rec = recover_weights(table if cluster is None else table[table["jenis"] == cluster],
                              fw, lang=lang)
        lines.append(_t("nnls", lang, r2=format_number(rec.attrs["r2"], 4, lang),
                        dev=format_number(float(rec["selisih_relatif"].abs().max()), 3, lang)))
    assumed = fw.assumptions()
    if len(assumed):
        lines.append(_t("assumed", lang, items=", ".join(assumed["item"].astype(str))))
    if prio is not None:
        name = prio["nama_daerah"].iloc[0] or prio["kode_wilayah"].iloc[0]
        items = "; ".join(f"{r.peringkat_prioritas}. {r.indikator} ({r.saran})"
                          for r in prio.head(3).itertuples())
        lines.append(_t("prio", lang, name=name, items=items))
    return lines


def analyse_drivers(inovasi: pd.DataFrame, spd: pd.DataFrame, framework: Framework,
                    hasil: pd.DataFrame | None = None, region: str | None = None,
                    source="user", seed: int = 0, lang: str = "id") -> DriversReport:
    """Every driver method for one cycle (and a region's priorities), labelled by source.

    With ``region`` the estimates are made within the region's cluster and its
    priorities are added. ``hasil``'s IID, when given, is used for the weight recovery.
    ``source`` is the data-source kind (``"user"``, ``"demo"``, ``"published"``, a combined
    ``"user+demo"``) or an :class:`inovlab.sources.provenance.Inputs` bundle; its label goes
    into the ``sumber_data`` column and the summary title.

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
        if not (df["tahun"].astype(int) == fw.cycle).any():
            raise UsageError(_t("no_data", lang, cycle=fw.cycle, what=what))
    table = region_table(inovasi, spd, fw.cycle, fw, hasil=hasil)
    label = source_label_of(source, lang)
    cluster, one = None, None
    if region:
        one = find_region(table, region)
        cluster = table["jenis"].iloc[one] if pd.notna(table["jenis"].iloc[one]) else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        long, result = drivers_table(table, fw, cluster, seed=seed, lang=lang)
    confidence = str(table["keyakinan_aturan"].iloc[0]) if len(table) else ""
    long["sumber_data"] = label
    long["keyakinan_aturan"] = confidence
    long["klaster"] = cluster or "semua"
    scores = (result.scores.assign(tahun=fw.cycle, sumber_data=label)
              if result is not None else None)
    prio = (_region_priorities(table, one, fw, label, confidence, lang)
            if region else None)
    lines = _summary_lines(table, long, result, prio, fw, cluster, label, lang)
    return DriversReport(long, scores, prio, lines)



def source_label_of(source, lang: str) -> str:
    """The reader label of a ``source`` kind or bundle (see :func:`analyse_drivers`)."""
    from inovlab.i18n import source_label

    return source_label(source_of(source), lang)
