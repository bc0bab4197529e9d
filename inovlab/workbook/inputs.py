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

import copy
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from inovlab.errors import DataError, UsageError
from inovlab.i18n import message, source_label
from inovlab.sources.provenance import TABLES, Inputs

EXTENSIONS = (".csv", ".xlsx")

_MESSAGES = {
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
    # what the notebooks of a run derive from the same files (set by load_inputs only: a
    # copy made with dataclasses.replace, e.g. in another language, starts afresh)
    _shared: dict | None = field(default=None, init=False, repr=False, compare=False)
    _derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key, compute):
        """``compute(self)``, computed once per ``key`` for these inputs.

        A notebook's sections share one situation and one own-score breakdown instead of
        recomputing them. Inputs loaded again from the same files and parameters (the next
        notebook of a run, in the same warm kernel: :func:`load_inputs`) start from a deep
        copy of what the earlier notebook computed, so no notebook can change what the next
        one sees.
        """
        if key not in self._derived:
            shared = self._shared
            if shared is not None and key in shared:
                self._derived[key] = _private_copy(shared[key], self.framework)
            else:
                self._derived[key] = value = compute(self)
                if shared is not None:
                    shared[key] = _private_copy(value, self.framework)
        return self._derived[key]

    @property
    def cycle(self) -> int:
        """The assessment cycle (year) whose framework applies."""
        return self.bundle.cycle

    @property
    def framework(self):
        """The cycle's :class:`~inovlab.rules.framework.Framework` (cached, read-only)."""
        return self.bundle.framework

    def has(self, table: str) -> bool:
        """True when ``table`` was given (a user file, or the demo panel when asked for)."""
        return table in self.bundle.sources

    def table(self, table: str) -> pd.DataFrame:
        """Table ``table`` (every cycle it holds); an empty table when it was not given."""
        if not self.has(table):
            return _empty_table()
        return self.bundle.table(table)

    @property
    def hasil(self) -> pd.DataFrame:
        """The ``hasil`` table (every cycle it holds; empty when not given)."""
        return self.table("hasil")

    @property
    def spd(self) -> pd.DataFrame:
        """The ``spd`` table (every cycle it holds; empty when not given)."""
        return self.table("spd")

    @property
    def inovasi(self) -> pd.DataFrame:
        """The ``inovasi`` table (every cycle it holds; empty when not given)."""
        return self.table("inovasi")

    @property
    def sources(self) -> dict[str, str]:
        """Source kind per loaded table, e.g. ``{"hasil": "user", "spd": "demo"}``."""
        return dict(self.bundle.sources)

    @property
    def source(self) -> str:
        """The kind of all loaded tables together (``"demo"``, or ``"user+demo"`` when mixed).

        ``"user"`` when no table was given at all (everything shown is then from the
        package's own rules and published record, each labelled where it appears).
        """
        return self.bundle.source() if self.bundle.sources else "user"

    def source_of(self, *tables: str) -> str:
        """The kind of the named tables that were given (``source_of("inovasi")``)."""
        if not tables:
            return self.source
        given = tuple(t for t in tables if self.has(t))
        return self.bundle.source(*given) if given else "user"

    def label(self) -> str:
        """The reader-facing label of :attr:`source` (``"data demo (sintetis)"``)."""
        return source_label(self.source, self.lang)

    @property
    def panel(self) -> pd.DataFrame:
        """The region-by-cycle panel of ``hasil`` with region metadata (``history.build_panel``)."""
        from inovlab.analysis.history import build_panel

        return self.derived("panel", lambda i: build_panel(i.hasil))

    def of_cycle(self, table: str) -> pd.DataFrame:
        """Rows of ``table`` for :attr:`cycle` (empty when the table was not given)."""
        rows = self.table(table)
        return rows[rows["tahun"] == self.cycle]

    def of_region(self, table: str) -> pd.DataFrame:
        """Rows of ``table`` for :attr:`cycle` and this region."""
        rows = self.of_cycle(table)
        return rows[rows["kode_wilayah"] == self.region_code]

    def of_regions(self, table: str, codes) -> pd.DataFrame:
        """Rows of ``table`` for :attr:`cycle` and the regions ``codes`` (``kode_wilayah``)."""
        rows = self.of_cycle(table)
        return rows[rows["kode_wilayah"].isin(list(codes))]

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


def _empty_table() -> pd.DataFrame:
    """An empty table with the key columns every contract table has."""
    return pd.DataFrame({"tahun": pd.Series(dtype="Int64"),
                         "kode_wilayah": pd.Series(dtype=object),
                         "nama_daerah": pd.Series(dtype=object)})


def find_table_file(data_dir: str | Path, table: str) -> Path | None:
    """The first file of ``table`` in ``data_dir`` (see :func:`table_files`), else None.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "spd.xlsx").write_bytes(b"")
    >>> find_table_file(d, "spd").name, find_table_file(d, "hasil")
    ('spd.xlsx', None)
    """
    files = table_files(data_dir).get(table, [])
    return files[0] if files else None


def table_files(data_dir: str | Path) -> dict[str, list[Path]]:
    """The files of each table in a data folder.

    Every ``.csv`` or ``.xlsx`` file whose name starts with a table name belongs to that
    table: ``inovasi.csv``, ``inovasi_dinas_kesehatan.xlsx`` (one workbook per OPD) and
    ``inovasi_2025.csv`` (an earlier cycle) are all ``inovasi``. Office lock files
    (``~$...``) and hidden files are skipped. Files are sorted by name.

    Returns
    -------
    dict
        ``{table: [paths]}`` for the tables that have at least one file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("inovasi_dinkes.xlsx", "inovasi_bappeda.csv", "spd.csv", "catatan.txt",
    ...              "~$inovasi_dinkes.xlsx", "Hasil_2024.CSV"):
    ...     _ = (d / name).write_bytes(b"")
    >>> {k: [p.name for p in v] for k, v in table_files(d).items()}
    {'hasil': ['Hasil_2024.CSV'], 'spd': ['spd.csv'], 'inovasi': ['inovasi_bappeda.csv', 'inovasi_dinkes.xlsx']}
    """
    folder = Path(data_dir).expanduser()
    if not folder.is_dir():
        return {}
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        name = path.name.lower()
        if (not path.is_file() or name.startswith(("~$", "."))
                or path.suffix.lower() not in EXTENSIONS):
            continue
        table = next((t for t in TABLES if name.startswith(t)), None)
        if table:
            found.setdefault(table, []).append(path)
    return {t: found[t] for t in TABLES if t in found}


def _user_files(tables: tuple[str, ...], paths: dict[str, str], data_dir) -> dict[str, list[Path]]:
    """The user's files per table: the ``*_path`` parameter, else the data folder's files.

    A ``*_path`` may name several files separated by ``;`` (one workbook per OPD).
    """
    in_folder = table_files(data_dir) if data_dir else {}
    found = {}
    for table in tables:
        given = [Path(p.strip()) for p in str(paths.get(table) or "").split(";") if p.strip()]
        files = given or in_folder.get(table, [])
        if files:
            found[table] = files
    return found


def read_tables(files: dict[str, list[Path]], lang: str = "id") -> dict[str, pd.DataFrame]:
    """Read and check every table's files; every problem of every file in one error.

    Each table is read with :func:`inovlab.io.validation.load_table` (all its files at once,
    every cycle they hold, each row checked against its own cycle's framework). Problems
    of all tables are collected before anything is returned.

    Raises
    ------
    DataError
        With the problems of every file of every table.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "hasil.csv").write_text("tahun,nama_daerah,skor_iid\\n2024,Kota Atlantis,50\\n")
    >>> _ = (d / "spd.csv").write_text("tahun,nama_daerah,indikator,level\\n2026,Kota Bogor,1,7\\n")
    >>> try:
    ...     read_tables(table_files(d))
    ... except DataError as err:
    ...     sorted({p.file for p in err.problems})
    ['hasil.csv', 'spd.csv']
    """
    from inovlab.io.validation import load_table

    tables, problems = {}, []
    for table, paths in files.items():
        try:
            tables[table] = load_table(paths, table, cycle=None, lang=lang)
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems, lang)
    return tables


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
        False: a table without a file stays absent (:meth:`NotebookInputs.has` is False,
        its accessors give an empty table) and each analysis says what it would add.
    lang : {"id", "en"}
    seed : int, optional
        Demo panel seed (default: the demo's own).

    Returns
    -------
    NotebookInputs

    Raises
    ------
    UsageError
        Unknown region (closest names listed), unknown table, or a missing file.
    DataError
        A user file breaks the data contract (every problem listed).

    Examples
    --------
    >>> inputs = load_inputs(2026, "Kota Bogor", tables=("hasil", "spd"))
    >>> sorted(inputs.sources.items())
    [('hasil', 'demo'), ('spd', 'demo')]
    >>> own = load_inputs(2026, "Kota Bogor", tables=("spd",), demo=False)
    >>> own.has("spd"), len(own.spd)
    (False, 0)
    """
    from inovlab.io.regions import resolve_region

    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise UsageError(message(_MESSAGES, "unknown_table", lang, table=", ".join(unknown),
                                 valid=", ".join(TABLES)))
    code, name = resolve_region(region, lang=lang)
    files = _user_files(tuple(tables), {"hasil": hasil_path, "spd": spd_path,
                                        "inovasi": inovasi_path}, data_dir)
    key = _cache_key(int(cycle), tuple(tables), files, demo, lang, seed)
    if key is not None and _LAST.get("key") == key:
        return _sharing(NotebookInputs(_copy_bundle(_LAST["bundle"]), code, name, lang))
    loaded = read_tables(files, lang)
    kinds = {table: "user" for table in loaded}
    missing = [t for t in tables if t not in files]
    if missing and demo:
        from inovlab.sources import demo as demo_source

        panel = demo_source.load_demo(demo_source.DEFAULT_SEED if seed is None else seed)
        loaded.update({t: panel.tables()[t] for t in missing})
        kinds.update({t: demo_source.SOURCE_KIND for t in missing})
    bundle = Inputs.from_tables(int(cycle), **loaded, source=kinds,
                                allow_mixed=demo and len(set(kinds.values())) > 1)
    if key is None:
        return NotebookInputs(bundle, code, name, lang)
    _LAST.clear()
    _LAST.update(key=key, bundle=_copy_bundle(bundle))
    return _sharing(NotebookInputs(bundle, code, name, lang))


# The inputs last loaded in this process, kept for the next notebook (a warm kernel runs a
# region's notebooks, and a batch worker region after region, one after the other): the key
# (parameters and the content of every file read), a pristine copy of the tables, and what
# was derived from them for the region last asked for. One entry of each, so memory stays
# bounded: another key replaces the tables, another region what was derived.
_LAST: dict = {}


def _sharing(inputs: NotebookInputs) -> NotebookInputs:
    """``inputs`` sharing what was derived for its region from the cached tables (a new
    region empties it)."""
    if _LAST.get("code") != inputs.region_code:
        _LAST.update(code=inputs.region_code, derived={})
    object.__setattr__(inputs, "_shared", _LAST["derived"])
    return inputs


def _cache_key(cycle: int, tables: tuple, files: dict, demo: bool, lang: str,
               seed) -> tuple | None:
    """What decides the result of :func:`load_inputs`: the parameters and the bytes of each
    file (SHA-256), or None when a file cannot be read (then nothing is cached)."""
    import hashlib

    digests = []
    try:
        for table, paths in sorted(files.items()):
            for path in paths:
                with open(path, "rb") as handle:
                    digests.append((table, str(path), hashlib.file_digest(handle, "sha256")
                                    .hexdigest()))
    except OSError:
        return None
    return (cycle, tables, tuple(digests), bool(demo), lang, seed)


def _copy_bundle(bundle: Inputs) -> Inputs:
    """The bundle with a copy of each table (a notebook may change its tables in place)."""
    from dataclasses import replace

    return replace(bundle, **{name: table.copy() for name, table in bundle.tables().items()})


def _private_copy(value, framework):
    """A deep copy of ``value`` that still shares ``framework`` (read-only and cached)."""
    return copy.deepcopy(value, {id(framework): framework})
