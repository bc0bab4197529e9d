"""File arguments: ``*``, ``?`` and ``[...]`` are expanded by inovlab itself.

cmd.exe and PowerShell hand ``data\\*.csv`` to the program unexpanded (bash expands it
before inovlab sees it), so ``inovlab validate data\\*.csv`` must expand the pattern here
for the command to mean the same on a Windows laptop and on Linux.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from inovlab.errors import UsageError
from inovlab.i18n import message

FILE_OPTIONS = ("files", "inovasi", "spd", "hasil")
"""Attributes of a parsed command line that hold input file names (or lists of them)."""

_PATTERN_CHARS = frozenset("*?[")

_MESSAGES = {
    "no_match": {"id": "Pola berkas '{pattern}' tidak cocok dengan berkas apa pun (folder "
                       "kerja: {cwd}). Periksa nama folder dan ekstensinya.",
                 "en": "File pattern '{pattern}' matches no file (working folder: {cwd}). "
                       "Check the folder name and the extension."},
}


def is_pattern(name: str) -> bool:
    """True when ``name`` contains a wildcard (``*``, ``?`` or ``[``).

    Examples
    --------
    >>> is_pattern("data/*.csv"), is_pattern("data/inovasi.csv")
    (True, False)
    """
    return any(ch in _PATTERN_CHARS for ch in str(name))


def expand_globs(names: list[str] | str, lang: str = "id") -> list[str]:
    """Expand wildcard file names the way a Unix shell would, in sorted order.

    A name without a wildcard, or one that exists as written (a file literally called
    ``hasil [1].csv``), is kept unchanged; a missing plain file is left for the reader to
    report. A pattern that matches nothing raises :class:`~inovlab.errors.UsageError`.

    Parameters
    ----------
    names : str or list of str
        File names as typed on the command line.
    lang : {"id", "en"}
        Language of the error message.

    Returns
    -------
    list of str
        The names with every pattern replaced by the files it matches (duplicates removed,
        first occurrence kept).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ("b.csv", "a.csv", "c.txt"):
    ...     _ = (d / n).write_text("x")
    >>> [pathlib.Path(p).name for p in expand_globs([str(d / "*.csv")])]
    ['a.csv', 'b.csv']
    """
    out: list[str] = []
    for name in [names] if isinstance(names, (str, os.PathLike)) else list(names):
        name = os.fspath(name)
        if not is_pattern(name) or os.path.exists(name):
            matches = [name]
        else:
            matches = sorted(glob.glob(os.path.expanduser(name)))
            if not matches:
                raise UsageError(message(_MESSAGES, "no_match", lang, pattern=name,
                                         cwd=os.getcwd()))
        out.extend(m for m in matches if m not in out)
    return out


def expand_file_arguments(args, lang: str = "id") -> None:
    """Expand the wildcards of every file option of a parsed command line, in place.

    A single-file option (``--spd FILE``) stays a string unless its pattern matched
    several files, in which case it becomes a list (every reader accepts both).

    Examples
    --------
    >>> import argparse
    >>> ns = argparse.Namespace(inovasi=["a.csv"], spd=None)
    >>> expand_file_arguments(ns); ns.inovasi, ns.spd
    (['a.csv'], None)
    """
    for attr in FILE_OPTIONS:
        value = getattr(args, attr, None)
        if value is None:
            continue
        expanded = expand_globs(value, lang)
        if isinstance(value, str):
            setattr(args, attr, expanded[0] if len(expanded) == 1 else expanded)
        else:
            setattr(args, attr, expanded)


_CYCLE_MESSAGES = {
    "no_rows": {"id": "Berkas hanya memuat siklus {found}, bukan siklus {cycle} yang diminta "
                      "(--cycle).",
                "en": "The files hold cycle {found} only, not the requested cycle {cycle} "
                      "(--cycle)."},
    "other_cycles": {"id": "{n} baris {kind} dari siklus lain ({years}) tidak dipakai untuk "
                           "siklus {cycle}.",
                     "en": "{n} {kind} rows of other cycles ({years}) are not used for cycle "
                           "{cycle}."},
}


def read_all_cycles(read, cycle: int):
    """``read(None)``: every cycle, each row checked against its own cycle's framework;
    files without a ``tahun`` column (the only problem) are read again as ``read(cycle)``.

    Examples
    --------
    >>> from inovlab.errors import DataError, Problem
    >>> def read(year):
    ...     if year is None:
    ...         raise DataError([Problem("a.csv", None, "tahun", None, "-", "MISSING_COLUMN")])
    ...     return year
    >>> read_all_cycles(read, 2026)
    2026
    """
    from inovlab.errors import DataError

    try:
        return read(None)
    except DataError as err:
        if not all(p.code == "MISSING_COLUMN" and p.column == "tahun" for p in err.problems):
            raise
        return read(cycle)


def _as_paths(paths) -> list:
    return list(paths) if isinstance(paths, (list, tuple)) else [paths]


def load_cycle_table(paths, kind: str, cycle: int, lang: str = "id", sheet: str | None = None):
    """Read ``kind`` files that may hold several cycles, and keep the rows of ``cycle``.

    Each row is checked against its own cycle's framework, so files of earlier cycles
    (``inovasi_2025.csv`` beside ``inovasi_2026.csv``) can be passed together; the rows of
    other cycles are set aside with one printed sentence. Files without a ``tahun`` column
    are read as ``cycle``.

    Returns
    -------
    DataFrame
        The canonical table, rows of ``cycle`` only.

    Raises
    ------
    DataError
        Every problem of every file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> head = "tahun,nama_daerah,indikator,level\\n"
    >>> _ = (d / "spd_2025.csv").write_text(head + "2025,Kota Bogor,1,2\\n")
    >>> _ = (d / "spd_2026.csv").write_text(head + "2026,Kota Bogor,1,3\\n")
    >>> t = load_cycle_table([d / "spd_2025.csv", d / "spd_2026.csv"], "spd", 2026)
    1 baris spd dari siklus lain (2025) tidak dipakai untuk siklus 2026.
    >>> t["spd_1"].tolist()
    [3]
    """
    from inovlab.errors import DataError
    from inovlab.io.validation import load_table

    table = read_all_cycles(
        lambda year: load_table(paths, kind, cycle=year, lang=lang, sheet=sheet), cycle)
    other = table["tahun"] != int(cycle)
    if other.all():
        from inovlab.errors import Problem

        found = ", ".join(str(int(y)) for y in sorted(table["tahun"].unique()))
        raise DataError([Problem(", ".join(sorted({Path(p).name for p in _as_paths(paths)})),
                                 None, "tahun", found,
                                 message(_CYCLE_MESSAGES, "no_rows", lang, found=found,
                                         cycle=cycle), "TAHUN_SIKLUS")], lang)
    if other.any():
        years = ", ".join(str(int(y)) for y in sorted(table.loc[other, "tahun"].unique()))
        print(message(_CYCLE_MESSAGES, "other_cycles", lang, n=int(other.sum()), kind=kind,
                      years=years, cycle=cycle))
    return table[~other].reset_index(drop=True)
