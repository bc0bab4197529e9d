"""What the data given allow: decided once per notebook, said in plain sentences.

A Litbang office holds its own files (this cycle's ``inovasi`` and ``spd``, sometimes
earlier cycles), sometimes a partial results list (one province, a few rivals, often only
``predikat``, usually an earlier cycle), and only rarely indicator data of many pemda
(data contract, "What users actually hold"). :func:`situation_of` looks at a
:class:`~inovlab.workbook.inputs.NotebookInputs` and records what can be computed:

- ``own``: this region's innovations for the cycle (its score is computed exactly);
- ``field``: the pemda a rank can be counted among (:mod:`inovlab.analysis.field`);
- ``cross``: indicator data of enough pemda of the region's cluster for cross-region
  analyses (drivers, comparison with peers' indicators).

:meth:`Situation.why_not` gives the one sentence a section shows instead of a result.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from inovlab.i18n import message

_MESSAGES = {
    "own": {"id": "Berkas inovasi {name} untuk siklus {cycle} tidak ada, jadi skor proyeksi, "
                  "uraian poin dan rencana tidak dapat dihitung. Isi parameter inovasi_path "
                  "(atau taruh berkas inovasi*.csv/xlsx di folder data) untuk mendapatkannya.",
            "en": "There is no innovation file of {name} for cycle {cycle}, so the projected "
                  "score, the breakdown of points and the plan cannot be computed. Set the "
                  "inovasi_path parameter (or put inovasi*.csv/xlsx files in the data folder) "
                  "to get them."},
    "spd": {"id": "Berkas SPD {name} untuk siklus {cycle} tidak ada: poin SPD dihitung 0. "
                  "Isi parameter spd_path agar skor proyeksi lengkap.",
            "en": "There is no SPD file of {name} for cycle {cycle}: SPD points count as 0. "
                  "Set the spd_path parameter for a complete projected score."},
    "cross": {"id": "Analisis antar-daerah butuh data indikator (spd dan inovasi) sedikitnya "
                    "{need} pemda klaster {cluster} pada siklus {cycle}; data ini memuat {have}. "
                    "Dengan data satu provinsi atau lebih, terlihat indikator mana yang paling "
                    "membedakan skor antar daerah. Yang ditampilkan: uraian poin daerah Anda "
                    "sendiri.",
              "en": "Cross-region analysis needs indicator data (spd and inovasi) of at least "
                    "{need} pemda of the {cluster} cluster in cycle {cycle}; this data holds "
                    "{have}. With one or more provinces' data it shows which indicators most "
                    "separate regions' scores. Shown instead: your own region's breakdown of "
                    "points."},
    "own_line": {"id": "Berkas sendiri: {n} inovasi {name} siklus {cycle} ({src}).",
                 "en": "Own files: {n} innovations of {name} for cycle {cycle} ({src})."},
    "cycles_line": {"id": "Siklus lain dalam berkas inovasi: {cycles}.",
                    "en": "Other cycles in the innovation files: {cycles}."},
    "cross_line": {"id": "Data indikator antar-daerah: {have} pemda klaster {cluster} pada "
                         "siklus {cycle}.",
                   "en": "Cross-region indicator data: {have} pemda of the {cluster} cluster "
                         "in cycle {cycle}."},
}


@dataclass(frozen=True)
class Situation:
    """What one notebook's inputs allow.

    Attributes
    ----------
    own : bool
        This region has innovations for the cycle (its score is computed from them).
    own_spd : bool
        This region has SPD levels for the cycle.
    own_cycles : tuple of int
        Every cycle with innovations of this region (earlier cycles give a history).
    field : Field or None
        Who a rank is counted among (:func:`inovlab.analysis.field.comparison_field`).
    field_note : str
        The sentence naming the field, or saying why there is none.
    cluster : str
        The region's cluster (``kota``, ``kabupaten``, ``provinsi``).
    cross_n : int
        Pemda of that cluster with both ``spd`` and ``inovasi`` rows in the cycle.
    cross_need : int
        The minimum for cross-region analyses.
    """

    region_code: str
    region_name: str
    cycle: int
    lang: str
    own: bool
    own_spd: bool
    own_cycles: tuple
    field: object
    field_note: str
    cluster: str
    cross_n: int
    cross_need: int
    source: str

    @property
    def cross(self) -> bool:
        """True when cross-region analyses are possible within the region's cluster."""
        return self.cross_n >= self.cross_need

    def why_not(self, what: str) -> str:
        """The sentence a section shows when ``what`` (``own``, ``spd``, ``cross``,
        ``field``) is not available."""
        if what == "field":
            return self.field_note
        return message(_MESSAGES, what, self.lang, name=self.region_name, cycle=self.cycle,
                       need=self.cross_need, have=self.cross_n, cluster=self.cluster)

    def lines(self, n_own: int = 0) -> list[str]:
        """What the data allow, one sentence per kind of data (for the data section)."""
        from inovlab.i18n import source_label

        out = [message(_MESSAGES, "own_line", self.lang, n=n_own, name=self.region_name,
                       cycle=self.cycle, src=source_label(self.source, self.lang))
               if self.own else self.why_not("own")]
        if self.own and not self.own_spd:
            out.append(self.why_not("spd"))
        other = [c for c in self.own_cycles if c != self.cycle]
        if other:
            out.append(message(_MESSAGES, "cycles_line", self.lang,
                               cycles=", ".join(map(str, other))))
        out.append(self.field_note)
        out.append(message(_MESSAGES, "cross_line", self.lang, have=self.cross_n,
                           cluster=self.cluster, cycle=self.cycle) if self.cross
                   else self.why_not("cross"))
        return out


def _cross_count(inputs, cluster: str) -> int:
    """Pemda of ``cluster`` with both ``spd`` and ``inovasi`` rows in the cycle."""
    from inovlab.io.regions import load_regions

    spd, inov = inputs.of_cycle("spd"), inputs.of_cycle("inovasi")
    both = set(spd["kode_wilayah"]) & set(inov["kode_wilayah"])
    jenis = load_regions().set_index("kode_wilayah")["jenis"]
    return int(pd.Series(sorted(both), dtype=object).map(jenis).eq(cluster).sum())


def situation_of(inputs) -> Situation:
    """Decide what ``inputs`` allow (see the module docstring).

    Examples
    --------
    >>> from inovlab.workbook.inputs import load_inputs
    >>> s = situation_of(load_inputs(2026, "Pangkalpinang"))
    >>> s.own, s.cross, s.field.n > 50
    (True, True, True)
    """
    return inputs.derived("situation", _decide)


def _decide(inputs) -> Situation:
    from inovlab.analysis.drivers_report import MIN_CLUSTER_REGIONS
    from inovlab.analysis.field import comparison_field, no_field_sentence
    from inovlab.io.regions import load_regions

    code, lang = inputs.region_code, inputs.lang
    cluster = str(load_regions().set_index("kode_wilayah").loc[code, "jenis"])
    inov = inputs.inovasi
    own_rows = inov[inov["kode_wilayah"] == code]
    own_cycles = tuple(sorted(int(y) for y in own_rows["tahun"].dropna().unique()))
    field = note = None
    if inputs.has("hasil"):
        field = comparison_field(inputs.hasil, code, inputs.cycle,
                                 source=inputs.source_of("hasil"), lang=lang)
    if field is not None:
        note = field.sentence(inputs.cycle, lang)
    else:
        note = no_field_sentence("no_hasil" if not inputs.has("hasil") else "no_others", lang,
                                 cycle=inputs.cycle)
    return Situation(code, inputs.region_name, inputs.cycle, lang,
                     own=inputs.cycle in own_cycles,
                     own_spd=not inputs.of_region("spd").empty, own_cycles=own_cycles,
                     field=field, field_note=note, cluster=cluster,
                     cross_n=_cross_count(inputs, cluster), cross_need=MIN_CLUSTER_REGIONS,
                     source=inputs.source_of("inovasi"))
