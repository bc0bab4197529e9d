"""One call that loads a notebook's inputs: tables, region and framework, with their sources.

Every cycle notebook starts with::

    inputs = load_inputs(cycle, region, hasil_path=hasil_path, spd_path=spd_path,
                         inovasi_path=inovasi_path, demo=demo, lang=lang)

Each table comes from, in this order: its ``*_path`` parameter; ``<data_dir>/<table>.csv``
(or ``.xlsx``) when a data folder is given; the synthetic demo panel, **only** when ``demo``
is True. With ``demo=False`` a table without a file is an error naming the parameter to set,
so user data and demo data are never combined silently. Files are read and checked with
:func:`inovlab.io.validation.load_table` (every problem at once).

The result, :class:`NotebookInputs`, holds the explicit provenance bundle
(:class:`inovlab.sources.provenance.Inputs`: tables and the source kind of each), the
resolved region, and the cycle's framework. Its :attr:`~NotebookInputs.source` is the kind
every figure and table is labelled with (``"user+demo"`` when they were combined).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from inovlab.errors import UsageError
from inovlab.i18n import message, source_label
from inovlab.sources.provenance import TABLES, Inputs

EXTENSIONS = (".csv", ".xlsx")

_MESSAGES = {
    "no_file": {"id": "Tidak ada berkas untuk tabel '{table}' dan demo=False: isi parameter "
                      "{table}_path (atau folder data) dengan berkas Anda, atau pakai demo=True "
                      "untuk panel demo (sintetis).",
                "en": "No file for table '{table}' and demo=False: set the {table}_path "
                      "parameter (or the data folder) to your file, or use demo=True for the "
                      "(synthetic) demo panel."},
    "unknown_table": {"id": "Tabel tidak dikenal: {table} (pilihan: {valid}).",
                      "en": "Unknown table: {table} (choices: {valid})."},
    "describe": {"id": "{name} ({code}), siklus {cycle}: {label}",
                 "en": "{name} ({code}), cycle {cycle}: {label}"},
    "no_innovations": {"id": "{name} tidak punya inovasi pada siklus {cycle} di data ini; isi "
                             "parameter inovasi_path dengan berkas usulan.",
                       "en": "No innovations for {name} in cycle {cycle} in this data; set "
                             "the inovasi_path parameter to the submission file."},
}


@dataclass(frozen=True)
class NotebookInputs:
    """What a notebook works on: the tables with their sources, the region, the framework.

    Attributes
    ----------
    bundle : Inputs
        The tables and the source kind of each (pass it to analyses and reports).
    region_code : str
        ``kode_wilayah`` of the region (``"19.71"``).
    region_name : str
        Official name (``"Kota Pangkal Pinang"``).
    lang : {"id", "en"}

    Examples
    --------
    >>> inputs = load_inputs(2026, "Pangkalpinang", tables=("hasil",))
    >>> inputs.region_code, inputs.region_name, inputs.source, inputs.cycle
    ('19.71', 'Kota Pangkal Pinang', 'demo', 2026)
    >>> print(inputs.describe())
    Kota Pangkal Pinang (19.71), siklus 2026: data demo (sintetis)
    """

    bundle: Inputs
    region_code: str
    region_name: str
    lang: str = "id"

    @property
    def cycle(self) -> int:
        """The assessment cycle (year) whose framework applies."""
        return self.bundle.cycle

    @property
    def framework(self):
        """The cycle's :class:`~inovlab.rules.framework.Framework` (cached, read-only)."""
        return self.bundle.framework

    @property
    def hasil(self) -> pd.DataFrame:
        """The ``hasil`` table (every cycle it holds)."""
        return self.bundle.table("hasil")

    @property
    def spd(self) -> pd.DataFrame:
        """The ``spd`` table (every cycle it holds)."""
        return self.bundle.table("spd")

    @property
    def inovasi(self) -> pd.DataFrame:
        """The ``inovasi`` table (every cycle it holds)."""
        return self.bundle.table("inovasi")

    @property
    def sources(self) -> dict[str, str]:
        """Source kind per loaded table, e.g. ``{"hasil": "user", "spd": "demo"}``."""
        return dict(self.bundle.sources)

    @property
    def source(self) -> str:
        """The kind of all loaded tables together (``"demo"``, or ``"user+demo"`` when mixed)."""
        return self.bundle.source()

    def source_of(self, *tables: str) -> str:
        """The kind of the named tables only (``source_of("inovasi")``)."""
        return self.bundle.source(*tables)

    def label(self) -> str:
        """The reader-facing label of :attr:`source` (``"data demo (sintetis)"``)."""
        return source_label(self.source, self.lang)

    @cached_property
    def panel(self) -> pd.DataFrame:
        """The region-by-cycle panel of ``hasil`` with region metadata (``history.build_panel``)."""
        from inovlab.analysis.history import build_panel

        return build_panel(self.hasil)

    def of_cycle(self, table: str) -> pd.DataFrame:
        """Rows of ``table`` for :attr:`cycle`."""
        return self.bundle.of_cycle(table)

    def of_region(self, table: str) -> pd.DataFrame:
        """Rows of ``table`` for :attr:`cycle` and this region."""
        rows = self.of_cycle(table)
        return rows[rows["kode_wilayah"] == self.region_code]

    def of_regions(self, table: str, codes) -> pd.DataFrame:
        """Rows of ``table`` for :attr:`cycle` and the regions ``codes`` (``kode_wilayah``)."""
        rows = self.of_cycle(table)
        return rows[rows["kode_wilayah"].isin(list(codes))]

    def rank_range(self, n_draws: int = 500, seed: int = 0, top_k: int = 10) -> dict:
        """Next cycle's plausible rank in the cluster if this region's score stays the same.

        The other regions of the cluster move as regions have moved between cycles
        (``uncertainty.observed_changes``); ``uncertainty.rank_distribution`` draws
        ``n_draws`` such futures. Returns its dict (``median_rank``, ``rank_p05``,
        ``rank_p95``, ``p_top_k`` ...).

        Raises
        ------
        IndexError
            When the region has no score in :attr:`cycle`.
        """
        from inovlab.analysis import uncertainty

        rows = self.panel[self.panel["tahun"] == self.cycle]
        own = rows[rows["kode_wilayah"] == self.region_code].iloc[0]
        rivals = rows[(rows["jenis"] == own["jenis"]) & (rows["kode_wilayah"] != self.region_code)]
        return uncertainty.rank_distribution(
            float(own["skor_iid"]), rivals["skor_iid"].to_numpy(),
            uncertainty.observed_changes(self.hasil, tahun=self.cycle), n_draws=n_draws,
            seed=seed, top_k=top_k, si_cutoff=self.framework.cutoffs["Sangat Inovatif"])

    def submission(self) -> pd.DataFrame:
        """The innovations to check before submission.

        The user's ``inovasi`` file as given; with demo data, this region's demo innovations
        of the cycle.

        Raises
        ------
        UsageError
            When there are no innovations to check (naming the parameter to set).
        """
        rows = self.inovasi if self.source_of("inovasi") == "user" else self.of_region("inovasi")
        if rows.empty:
            raise UsageError(message(_MESSAGES, "no_innovations", self.lang,
                                     name=self.region_name, cycle=self.cycle))
        return rows

    def describe(self) -> str:
        """One line naming the region, the cycle and where the data come from."""
        return message(_MESSAGES, "describe", self.lang, name=self.region_name,
                       code=self.region_code, cycle=self.cycle, label=self.label())


def find_table_file(data_dir: str | Path, table: str) -> Path | None:
    """``<data_dir>/<table>.csv`` or ``.xlsx`` if one exists, else None.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "spd.xlsx").write_bytes(b"")
    >>> find_table_file(d, "spd").name, find_table_file(d, "hasil")
    ('spd.xlsx', None)
    """
    folder = Path(data_dir).expanduser()
    return next((folder / f"{table}{ext}" for ext in EXTENSIONS
                 if (folder / f"{table}{ext}").is_file()), None)


def _user_files(tables: tuple[str, ...], paths: dict[str, str], data_dir) -> dict[str, Path]:
    """The user's file per table: the ``*_path`` parameter, else the data folder's file."""
    found = {}
    for table in tables:
        path = paths.get(table) or (find_table_file(data_dir, table) if data_dir else None)
        if path:
            found[table] = Path(path)
    return found


def _read_user_tables(files: dict[str, Path], cycle: int, lang: str) -> dict[str, pd.DataFrame]:
    from inovlab.io.validation import load_table

    # hasil holds every past cycle; spd and inovasi are read for the cycle's framework
    return {table: load_table(path, table, cycle=None if table == "hasil" else cycle, lang=lang)
            for table, path in files.items()}


def load_inputs(cycle: int, region: str, *, hasil_path: str = "", spd_path: str = "",
                inovasi_path: str = "", data_dir: str | Path | None = None,
                tables: tuple[str, ...] = TABLES, demo: bool = True, lang: str = "id",
                seed: int | None = None) -> NotebookInputs:
    """Load the tables a notebook needs, resolve the region, and label every source.

    Parameters
    ----------
    cycle : int
        Assessment cycle; selects the framework.
    region : str
        Region name as the user writes it (``"Pangkalpinang"``); resolved to the official one.
    hasil_path, spd_path, inovasi_path : str
        The user's files (CSV/XLSX, data contract); empty means "not given".
    data_dir : str or Path, optional
        A folder holding ``hasil``/``spd``/``inovasi`` ``.csv`` or ``.xlsx`` files, used for
        tables without an explicit path.
    tables : tuple of str
        Which tables the notebook needs (default all three).
    demo : bool
        Take tables without a file from the synthetic demo panel (labelled ``demo``).
        False: every needed table must have a file.
    lang : {"id", "en"}
    seed : int, optional
        Demo panel seed (default: the demo's own).

    Returns
    -------
    NotebookInputs

    Raises
    ------
    UsageError
        Unknown region (closest names listed), unknown table, a table without a file while
        ``demo`` is False, or a missing file.
    DataError
        A user file breaks the data contract (every problem listed).

    Examples
    --------
    >>> inputs = load_inputs(2026, "Kota Bogor", tables=("hasil", "spd"))
    >>> sorted(inputs.sources.items())
    [('hasil', 'demo'), ('spd', 'demo')]
    >>> load_inputs(2026, "Kota Bogor", tables=("spd",), demo=False)
    Traceback (most recent call last):
    ...
    inovlab.errors.UsageError: Tidak ada berkas untuk tabel 'spd' dan demo=False: ...
    """
    from inovlab.io.regions import resolve_region

    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise UsageError(message(_MESSAGES, "unknown_table", lang, table=", ".join(unknown),
                                 valid=", ".join(TABLES)))
    code, name = resolve_region(region, lang=lang)
    files = _user_files(tuple(tables), {"hasil": hasil_path, "spd": spd_path,
                                        "inovasi": inovasi_path}, data_dir)
    missing = [t for t in tables if t not in files]
    if missing and not demo:
        raise UsageError(message(_MESSAGES, "no_file", lang, table=missing[0]))
    loaded = _read_user_tables(files, int(cycle), lang)
    kinds = {table: "user" for table in loaded}
    if missing:
        from inovlab.sources import demo as demo_source

        panel = demo_source.load_demo(demo_source.DEFAULT_SEED if seed is None else seed)
        loaded.update({t: panel.tables()[t] for t in missing})
        kinds.update({t: demo_source.SOURCE_KIND for t in missing})
    bundle = Inputs.from_tables(int(cycle), **loaded, source=kinds,
                                allow_mixed=demo and len(set(kinds.values())) > 1)
    return NotebookInputs(bundle, code, name, lang)
