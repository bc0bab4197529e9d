"""Read, check and canonicalise input tables (``hasil``, ``spd``, ``inovasi``).

:func:`load_table` reads one or several files (several OPD files are checked together),
checks every cell with vectorised pandas, and either returns the canonical table of the
data contract or raises :class:`~inovlab.errors.DataError` carrying *every* problem of
every file: file, Excel row number as the user sees it (the header is its own row, the
first data row is the header's row + 1), column as written in the file, value, a reason
in plain Indonesian (English with ``lang="en"``) and a stable ``code``.

Problem codes
-------------
``EMPTY_FILE``, ``HEADER_ONLY``, ``DELIMITER``, ``NO_TABLE``, ``FILE_FORMAT``,
``FILE_UNREADABLE``, ``FILE_UTF16``, ``FILE_BINARY``, ``FILE_ENCRYPTED``, ``FILE_XLS_OLD``,
``UNCLOSED_QUOTE``, ``TOO_MANY_COLUMNS``, ``CELL_TOO_LONG``, ``SHEET_NOT_DATA``,
``MISSING_COLUMN``, ``DUPLICATE_COLUMN``, ``REQUIRED_BLANK``, ``NOT_NUMBER``,
``NOT_INTEGER``, ``FORMULA``, ``NEGATIVE``, ``LEVEL_RANGE``, ``SCORE_RANGE``,
``RANK_RANGE``, ``YEAR_RANGE``, ``UNKNOWN_CYCLE``, ``CYCLE_MISMATCH``, ``REGION_UNKNOWN``,
``REGION_AMBIGUOUS``, ``REGION_MISMATCH``, ``STAGE_UNKNOWN``, ``PREDICATE_UNKNOWN``,
``DATE_INVALID``, ``INDICATOR_UNKNOWN``, ``DUPLICATE_ID``, ``DUPLICATE_ROW``.

Warnings (the file is still read; each is raised as an
:class:`~inovlab.io.problems.InputWarning`, which the command line prints and a notebook
shows): ``MIXED_ENCODING``, ``CONTROL_CHARS``, ``SEVERAL_SHEETS``, ``HIDDEN_ROWS``.

Canonical output (see DEVELOPING.md)
------------------------------------
* ``hasil``: ``tahun, kode_wilayah, nama_daerah, skor_iid, predikat, peringkat,
  skor_spd, skor_sid, jumlah_inovasi, sumber`` (``predikat`` official spelling, computed
  from ``skor_iid`` by the cycle's cut-offs where missing).
* ``spd``: always wide, ``tahun, kode_wilayah, nama_daerah, spd_<code>...`` (levels 0-3;
  in the long form an indicator without a row is 0, i.e. no valid evidence).
* ``inovasi``: ``tahun, kode_wilayah, nama_daerah, id_inovasi, nama_inovasi, opd,
  tahapan, urusan, tanggal_penerapan, kata_rancang_bangun, durasi_video_detik,
  ind_<code>..., berkas, baris``.

Columns not in the glossary (notes, remarks) are dropped. A ``jenis`` column
(provinsi/kabupaten/kota) is used only to resolve ambiguous names. ``df.attrs`` holds
``kind``; where the table came from is said by the caller's
:class:`inovlab.sources.provenance.Inputs` bundle (``source="user"``), not by the table.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.errors import DataError, Problem, UsageError
from inovlab.io import glossary
from inovlab.io.problems import emit_warnings, problem_text, short_value
from inovlab.io.read import read_raw_table
from inovlab.io.table_checks import check_file, framework_for, known_cycles


def _duplicates(df: pd.DataFrame, keys: list[str], lang: str, code: str,
                column_of: dict[str, str], column: str, what=None) -> list[Problem]:
    """One problem per row whose ``keys`` repeat, naming the other rows."""
    valid = df[keys].notna().all(axis=1)
    sub = df.loc[valid]
    dup = pd.Series(_repeated(sub, keys), index=sub.index)
    if not dup.any():
        return []
    sub = sub.loc[dup].copy()
    single_file = df["berkas"].nunique() == 1
    row_word = problem_text("ROW", lang)
    sub["_where"] = (row_word + " " + sub["baris"].astype(str)) if single_file else (
        sub["berkas"] + " " + row_word + " " + sub["baris"].astype(str))
    groups = sub.groupby(keys, sort=False)["_where"].transform(lambda s: "|".join(s))
    problems = []
    for (_, r), allw in zip(sub.iterrows(), groups, strict=True):
        others = ", ".join(w for w in allw.split("|") if w != r["_where"])
        if code == "DUPLICATE_ID":
            reason = problem_text(code, lang, value=r["id_inovasi"], region=r["nama_daerah"],
                        tahun=int(r["tahun"]), others=others)
            value = r["id_inovasi"]
        else:
            reason = problem_text(code, lang, what=what(r), others=others)
            value = None
        problems.append(Problem(r["berkas"], int(r["baris"]),
                                column_of.get((r["berkas"], column), column), short_value(value),
                                reason, code))
    return problems


def _repeated(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """True for rows whose ``keys`` occur more than once (integer codes, not string hashing
    of the whole key, so a national table is quick).

    Examples
    --------
    >>> _repeated(pd.DataFrame({"a": ["x", "x", "y"], "b": [1, 1, 1]}), ["a", "b"]).tolist()
    [True, True, False]
    """
    combined = np.zeros(len(df), dtype=np.int64)
    for k in keys:
        codes, uniques = pd.factorize(df[k])
        combined = pd.factorize(combined * (len(uniques) + 1) + codes)[0].astype(np.int64)
    counts = np.bincount(combined) if len(combined) else np.array([], dtype=np.int64)
    return counts[combined] > 1


def _as_list(paths) -> list:
    if isinstance(paths, (str, Path)):
        return [paths]
    return list(paths)


def load_table(paths, kind: str | None = None, cycle: int | None = None, lang: str = "id",
               sheet: str | None = None) -> pd.DataFrame:
    """Read, check and canonicalise one or several input files of one table kind.

    Parameters
    ----------
    paths : str, Path or list of them
        CSV or XLSX files; several files (e.g. one per OPD) are checked together, so a
        duplicate ``id_inovasi`` across files is found too.
    kind : {"hasil", "spd", "inovasi"}, optional
        Table kind; guessed from the columns when omitted.
    cycle : int, optional
        The cycle the data is for. Selects the framework for indicator codes; fills
        ``tahun`` when the file has no such column; rows of another year are reported.
    lang : {"id", "en"}
        Language of problem reasons.
    sheet : str, optional
        Excel sheet name (default: the first sheet).

    Returns
    -------
    DataFrame
        The canonical table (see the module docstring), ``attrs["kind"]`` set.

    Warns
    -----
    InputWarning
        For what was read but should be known (mixed encodings, removed control
        characters, other data sheets, hidden rows), one per finding.

    Raises
    ------
    DataError
        With every problem of every file (nothing is returned then).
    UsageError
        A file does not exist, a sheet is missing, the kind cannot be guessed, or the
        cycle is unknown.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "hasil.csv")
    >>> _ = open(p, "w").write("Tahun;Nama Daerah;Skor IID\\n2024;Pangkalpinang;60,01\\n")
    >>> load_table(p, "hasil")[["tahun", "kode_wilayah", "nama_daerah", "skor_iid", "predikat"]]
       tahun kode_wilayah          nama_daerah  skor_iid         predikat
    0   2024        19.71  Kota Pangkal Pinang     60.01  Sangat Inovatif
    """
    lang = "en" if lang == "en" else "id"
    files = _as_list(paths)
    if not files:
        raise UsageError(problem_text("NO_FILES", lang))
    if kind is not None and kind not in glossary.KINDS:
        raise UsageError(problem_text("BAD_KIND", lang))
    if cycle is not None:
        cycle = int(cycle)
        framework_for(cycle)  # UsageError listing the known cycles
    raws = [read_raw_table(p, sheet=sheet, lang=lang) for p in files]
    emit_warnings([w for raw in raws for w in raw.warnings], lang)
    if kind is None:
        kind = _guess_kind(raws, lang)
    parts, written, problems = _check_files(raws, kind, cycle, lang)
    if kind is None and not problems:
        raise UsageError(problem_text("NO_KIND", lang, file=raws[0].name, found="-"))
    if problems and not parts:
        raise DataError(_sorted(problems, [r.name for r in raws]), lang)
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    problems.extend(_cross_file_problems(table, kind, parts, written, lang))
    if problems:
        raise DataError(_sorted(problems, [r.name for r in raws]), lang)
    return _finish(table, kind, parts)


def _guess_kind(raws, lang: str) -> str | None:
    """The one table kind the readable files' headers point to (None: nothing readable)."""
    guesses = {}
    for raw in raws:
        if raw.empty or raw.problems:
            continue
        g = glossary.guess_kind(raw.headers)
        if g is None and len([h for h in raw.headers if h]) > 1:
            raise UsageError(problem_text("NO_KIND", lang, file=raw.name,
                                          found=", ".join(h for h in raw.headers if h)))
        if g is not None:
            guesses[raw.name] = g
    kinds = sorted(set(guesses.values()))
    if len(kinds) > 1:
        raise UsageError(problem_text("MIXED_KIND", lang, kinds=", ".join(kinds)))
    return kinds[0] if kinds else None


def _check_files(raws, kind, cycle, lang):
    """``(parts, written, problems)``: each file checked; ``written`` maps
    ``(file, canonical column)`` to the header as written in that file."""
    problems: list[Problem] = []
    parts = []
    written: dict[tuple[str, str], str] = {}
    for raw in raws:
        if kind is None:  # nothing readable to guess from: report the files themselves
            _, probs = check_file(raw, "hasil", cycle, lang)
            problems.extend(p for p in probs if p.code != "MISSING_COLUMN")
            continue
        part, probs = check_file(raw, kind, cycle, lang)
        problems.extend(probs)
        if part is not None:
            parts.append(part)
            for h in raw.headers:
                c = glossary.canonical_name(h) if h else None
                if c:
                    written.setdefault((raw.name, c), h)
    return parts, written, problems


def _sorted(problems: list[Problem], files: list[str]) -> list[Problem]:
    """File order as given, whole-file problems first, then by row (stable otherwise)."""
    order = {f: i for i, f in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)),
                                           -1 if p.row is None else p.row))


def _cross_file_problems(table, kind, parts, written, lang) -> list[Problem]:
    """Repeated ids or rows, across all files of the table."""
    if kind == "inovasi":
        return _duplicates(table, ["tahun", "kode_wilayah", "id_inovasi"], lang,
                           "DUPLICATE_ID", written, "id_inovasi")
    if kind == "hasil":
        column = ("nama_daerah" if any(k[1] == "nama_daerah" for k in written)
                  else "kode_wilayah")
        return _duplicates(table, ["tahun", "kode_wilayah"], lang, "DUPLICATE_ROW", written,
                           column, what=lambda r: f"{r['nama_daerah']} {int(r['tahun'])}")
    if kind == "spd":
        long = any(p.attrs.get("spd_form") == "long" for p in parts)
        keys = ["tahun", "kode_wilayah"] + (["indikator"] if long else [])
        return _duplicates(
            table, keys, lang, "DUPLICATE_ROW", written, "indikator" if long else "nama_daerah",
            what=lambda r: " ".join(str(r[k]) for k in ["nama_daerah", "tahun"] + keys[2:])
            .replace(".0", ""))
    return []


def _finish(table, kind, parts) -> pd.DataFrame:
    """Canonical dtypes and column order of a table without problems."""
    table = table.reset_index(drop=True)
    table["tahun"] = table["tahun"].astype("int64")
    table["kode_wilayah"] = table["kode_wilayah"].astype(object)
    table["nama_daerah"] = table["nama_daerah"].astype(object)
    if kind == "hasil":
        table = _finish_hasil(table)
    elif kind == "spd":
        table = _finish_spd(parts)
    else:
        table = _finish_inovasi(table)
    table.attrs = {"kind": kind}
    return table


def _finish_hasil(table) -> pd.DataFrame:
    """Predikat from the cycle's cut-offs where missing; nullable integer columns."""
    missing = table["predikat"].isna() & table["skor_iid"].notna()
    known = set(known_cycles())
    for y in table.loc[missing, "tahun"].unique():  # one pass per cycle
        if int(y) in known:
            rows = missing & table["tahun"].eq(y)
            table.loc[rows, "predikat"] = framework_for(int(y)).predicate(
                table.loc[rows, "skor_iid"].to_numpy())
    for c in ("peringkat", "jumlah_inovasi"):
        table[c] = table[c].astype("Int64")
    cols = ["tahun", "kode_wilayah", "nama_daerah", "skor_iid", "predikat", "peringkat",
            "skor_spd", "skor_sid", "jumlah_inovasi", "sumber"]
    return table[cols]


def _finish_spd(parts) -> pd.DataFrame:
    """Every part wide (long parts pivoted; a missing indicator is level 0), sorted."""
    codes: list[str] = []
    for p in parts:
        codes.extend(c for c in p.attrs.get("spd_codes", []) if c not in codes)
    spd_cols = [f"spd_{c}" for c in codes]
    frames = []
    for p in parts:
        p = p.reset_index(drop=True)
        if p.attrs.get("spd_form") == "long":
            p = p.dropna(subset=["indikator"])
            w = p.pivot_table(index=["tahun", "kode_wilayah", "nama_daerah"],
                              columns="indikator", values="level", aggfunc="max",
                              fill_value=0)
            w.columns = [f"spd_{c}" for c in w.columns]
            frames.append(w.reset_index())
        else:
            frames.append(p)
    table = pd.concat(frames, ignore_index=True)
    for c in spd_cols:
        table[c] = table[c].fillna(0).astype("int64") if c in table else 0
    table["tahun"] = table["tahun"].astype("int64")
    table = table[["tahun", "kode_wilayah", "nama_daerah"] + spd_cols]
    return table.sort_values(["tahun", "kode_wilayah"], kind="stable").reset_index(drop=True)


def _finish_inovasi(table) -> pd.DataFrame:
    ind_cols = [c for c in table.columns if c.startswith("ind_")]
    cols = ["tahun", "kode_wilayah", "nama_daerah", "id_inovasi", "nama_inovasi", "opd",
            "tahapan", "urusan", "tanggal_penerapan", "kata_rancang_bangun",
            "durasi_video_detik"] + ind_cols + ["berkas", "baris"]
    for c in ind_cols:
        table[c] = table[c].fillna(0).astype("int64")
    return table[cols]


def summary(table: pd.DataFrame, n_files: int, lang: str = "id") -> str:
    """One-line OK summary of a validated table.

    Examples
    --------
    >>> t = pd.DataFrame({"tahun": [2024, 2025], "kode_wilayah": ["19.71", "19.71"]})
    >>> t.attrs["kind"] = "hasil"
    >>> summary(t, 1)
    'OK: 1 berkas, 2 baris, 1 daerah, tahun 2024–2025 (tabel hasil).'
    """
    from inovlab.i18n import format_number

    years = sorted(table["tahun"].unique()) if len(table) else []
    span = (str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}") if years else "-"
    return problem_text("OK", lang, files=n_files, rows=format_number(len(table), 0, lang),
              regions=format_number(table["kode_wilayah"].nunique(), 0, lang), years=span,
              kind=table.attrs.get("kind", "?"))
