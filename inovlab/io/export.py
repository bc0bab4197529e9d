"""Writing outputs safely: atomic files, run folders, and spreadsheets without formula traps.

* Every file is written to a temporary file in the same folder and moved into place with
  :func:`os.replace`, so a reader never sees half a file.
* :func:`run_folder` builds a run under a hidden ``.<name>.partial`` folder and renames it
  when the run succeeds; on an exception the folder is renamed ``<name>-GAGAL`` with an
  ``ERROR.txt``, so an interrupted run never looks complete.
* Text cells starting with ``= + - @`` (or tab/CR) get a leading apostrophe before they go
  to CSV/Excel (:func:`neutralise`), so names from data cannot become formulas.
* Names from data become file names only through :func:`safe_filename`.
* A command that writes several files (``score``, ``check``) builds them in a hidden folder
  and puts the whole set in place at once (:func:`atomic_folder`): never old and new files
  mixed, never a partial set after a full disk.
* CSV files start with a UTF-8 BOM so Excel on Windows keeps the accents; ``sep=";"``
  (with a decimal comma) is the variant Indonesian Excel opens in columns, for every CSV
  at once with ``INOVLAB_CSV_SEP=";"``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import shutil
import tempfile
import traceback
import unicodedata
from pathlib import Path

import pandas as pd

_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
CSV_SEP_ENV = "INOVLAB_CSV_SEP"


def safe_filename(text, max_length: int = 80, default: str = "tanpa-nama") -> str:
    """A readable, safe file name from any text (region names, OPD names ...).

    Lower case ASCII letters, digits, ``-`` and ``_`` only: accents are folded, path
    separators, ``..`` and control characters removed, runs of other characters become
    one ``-``. Never empty, never a hidden file, at most ``max_length`` characters.

    Examples
    --------
    >>> safe_filename("Kota Pangkal Pinang")
    'kota-pangkal-pinang'
    >>> safe_filename("../../etc/passwd")
    'etc-passwd'
    >>> safe_filename("Dinas P&K / Bidang 2")
    'dinas-p-k-bidang-2'
    >>> safe_filename("...")
    'tanpa-nama'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9_]+", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    text = text[:max_length].strip("-_")
    return text or default


def neutralise(value):
    """Make a cell value safe for spreadsheets: formula-like text gets a leading ``'``.

    Real numbers (and text that is just a number such as ``-5``) are left alone.

    Examples
    --------
    >>> neutralise("=SUM(A1:A9)"), neutralise("@cmd"), neutralise("-5"), neutralise(-5)
    ("'=SUM(A1:A9)", "'@cmd", '-5', -5)
    >>> neutralise("Kota Bau Bau")
    'Kota Bau Bau'
    """
    if isinstance(value, str) and value.startswith(_DANGEROUS_START):
        if _NUMBER.match(value.strip()):
            return value
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell (and column name) neutralised; vectorised.

    Examples
    --------
    >>> neutralise_frame(pd.DataFrame({"a": ["=1+1", "ok"], "b": [1, 2]}))["a"].tolist()
    ["'=1+1", 'ok']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            text = s.astype("string")
            risky = text.str.match(r"^[=+\-@\t\r]").fillna(False)
            if not risky.any():  # the usual case: skip the number and type checks
                continue
            risky &= ~text.str.strip().str.match(_NUMBER.pattern).fillna(False)
            risky &= s.map(lambda v: isinstance(v, str)).astype(bool)
            if risky.any():
                s = s.astype(object).copy()
                s[risky] = "'" + text[risky].astype(str)
                out[col] = s
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out


def user_file_mode() -> int:
    """Permissions a new file gets under the user's umask (``0o666 & ~umask``).

    Examples
    --------
    >>> old = os.umask(0o022)
    >>> oct(user_file_mode())
    '0o644'
    >>> _ = os.umask(old)
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _tmp_path(path: Path) -> Path:
    # mkstemp creates 0600; the final file must get the permissions the user's umask allows
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, user_file_mode())
    except (AttributeError, OSError):  # pragma: no cover - Windows has no fchmod
        pass
    os.close(fd)
    return Path(tmp)


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; move it onto ``path`` if the block succeeds.

    Examples
    --------
    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "x.txt")
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("ok")
    >>> open(target).read()
    'ok'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_path(path)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(path, data: bytes) -> Path:
    """Write bytes atomically (temp file in the same folder, then ``os.replace``).

    Examples
    --------
    >>> import tempfile, os
    >>> p = atomic_write_bytes(os.path.join(tempfile.mkdtemp(), "a.bin"), b"abc")
    >>> p.read_bytes()
    b'abc'
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return path


def atomic_write_text(path, text: str, encoding: str = "utf-8") -> Path:
    """Write text atomically (UTF-8 by default).

    Examples
    --------
    >>> import tempfile, os
    >>> atomic_write_text(os.path.join(tempfile.mkdtemp(), "a.txt"), "halo").read_text()
    'halo'
    """
    return atomic_write_bytes(path, text.encode(encoding))


def csv_separator(sep: str | None = None) -> str:
    """The CSV column separator: ``sep``, else ``$INOVLAB_CSV_SEP``, else ``","``.

    ``INOVLAB_CSV_SEP=";"`` makes every CSV inovlab writes (runs, ``score``, ``check``,
    ``demo`` ...) the variant Indonesian Excel opens in columns.

    Raises
    ------
    ValueError
        For a separator other than ``","`` or ``";"``.

    Examples
    --------
    >>> csv_separator(";")
    ';'
    """
    sep = sep or os.environ.get(CSV_SEP_ENV, "").strip() or ","
    if sep not in (",", ";"):
        raise ValueError(f"CSV separator must be ',' or ';' (see {CSV_SEP_ENV}), not {sep!r}")
    return sep


def with_source(df: pd.DataFrame, source: str | None) -> pd.DataFrame:
    """``df`` with a last ``sumber_data`` column holding ``source`` (unchanged when None).

    An exported table names where its data come from, so a table of demo data cannot be
    forwarded as a region's real data. An existing ``sumber_data`` column is kept.

    Examples
    --------
    >>> with_source(pd.DataFrame({"a": [1, 2]}), "data demo (sintetis)")["sumber_data"].tolist()
    ['data demo (sintetis)', 'data demo (sintetis)']
    """
    if not source or "sumber_data" in df.columns:
        return df
    return df.assign(sumber_data=source)


def write_csv(df: pd.DataFrame, path, neutralise_text: bool = True, bom: bool = True,
              sep: str | None = None, source: str | None = None) -> Path:
    """Write a DataFrame to CSV atomically (UTF-8 with BOM, dates ISO, no index).

    The BOM makes Excel on Windows read the file as UTF-8 (accents intact); every CSV
    reader in inovlab and pandas' default reader skip it. Indonesian Excel expects ``;``
    between columns and a decimal comma: ``sep=";"`` writes exactly that, so the file
    opens in columns with a double click.

    Parameters
    ----------
    df : DataFrame
    path : str or Path
    neutralise_text : bool
        Prefix formula-like text with ``'`` (:func:`neutralise`).
    bom : bool
        Start the file with a UTF-8 BOM (default). ``False`` for data files read by tools
        that do not expect one.
    sep : {",", ";"}, optional
        Column separator (default :func:`csv_separator`: ``$INOVLAB_CSV_SEP`` or ``","``).
        With ``";"`` numbers get a decimal comma (``60,01``).
    source : str, optional
        The data-source label (``i18n.source_label``) added as a ``sumber_data`` column.

    Examples
    --------
    >>> import codecs, tempfile, os
    >>> df = pd.DataFrame({"nama": ["=cmd", "Bau-Bau"], "skor": [1.5, 60.01]})
    >>> p = write_csv(df, os.path.join(tempfile.mkdtemp(), "t.csv"))
    >>> p.read_bytes().startswith(codecs.BOM_UTF8)
    True
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['nama,skor', "'=cmd,1.5", 'Bau-Bau,60.01']
    >>> p = write_csv(df, os.path.join(tempfile.mkdtemp(), "t.csv"), sep=";")
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['nama;skor', "'=cmd;1,5", 'Bau-Bau;60,01']
    """
    sep = csv_separator(sep)
    df = with_source(df, source)
    out = neutralise_frame(df) if neutralise_text else df
    text = out.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n", sep=sep,
                      decimal="," if sep == ";" else ".")
    return atomic_write_bytes(path, text.encode("utf-8-sig" if bom else "utf-8"))


def _sheet_title(name, used: set) -> str:
    """Excel's rules for a sheet name: no ``[]:*?/\\``, at most 31 characters, unique
    ignoring case (a repeat gets ``-2``, ``-3`` ...); ``used`` collects the lower-case names."""
    title = re.sub(r"[\[\]:*?/\\]", "-", str(name))[:31] or "Sheet"
    base, k = title, 2
    while title.lower() in used:
        title = f"{base[:28]}-{k}"
        k += 1
    used.add(title.lower())
    return title


def _column_widths(df: pd.DataFrame) -> list[float]:
    """Readable widths: the longest of the header and the first 200 values, 8 to 60."""
    widths = []
    for col in df.columns:
        sample = df[col].head(200).astype(str)
        width = max([len(str(col))] + sample.str.len().tolist())
        widths.append(min(max(8, width + 2), 60))
    return widths


def write_excel(sheets: dict[str, pd.DataFrame], path, neutralise_text: bool = True,
                source: str | None = None) -> Path:
    """Write one or more tables to an XLSX workbook atomically.

    Header bold and frozen, readable column widths, text neutralised (:func:`neutralise`),
    date columns shown ``yyyy-mm-dd``. Sheet names are shortened to Excel's 31 characters.
    With ``source`` (a data-source label) every sheet gets a ``sumber_data`` column and a
    note naming the source (a comment on A1 and the printed page header). The cells are
    written column by column (:mod:`inovlab.io.xlsx_writer`), so a table of 20,000 rows
    takes a second, not half a minute.

    Examples
    --------
    >>> import tempfile, os
    >>> p = write_excel({"hasil": pd.DataFrame({"nama": ["@x"], "skor": [60.01]})},
    ...                 os.path.join(tempfile.mkdtemp(), "t.xlsx"))
    >>> from openpyxl import load_workbook
    >>> ws = load_workbook(p)["hasil"]
    >>> ws["A2"].value, ws["B2"].value, ws.freeze_panes
    ("'@x", 60.01, 'A2')
    >>> p = write_excel({"t": pd.DataFrame({"a": [1]})}, os.path.join(tempfile.mkdtemp(), "s.xlsx"),
    ...                 source="data demo (sintetis)")
    >>> ws = load_workbook(p)["t"]
    >>> ws["B1"].value, ws["B2"].value, "demo" in ws["A1"].comment.text
    ('sumber_data', 'data demo (sintetis)', True)
    """
    from inovlab.io.xlsx_writer import Sheet, write_workbook

    used: set[str] = set()
    comment = f"Sumber data / data source: {source}" if source else None
    specs = []
    for name, df in sheets.items():
        df = with_source(df, source)
        out = neutralise_frame(df) if neutralise_text else df
        specs.append(Sheet(_sheet_title(name, used), out, _column_widths(out), comment,
                           source or None))
    if not specs:
        specs.append(Sheet("Sheet", pd.DataFrame(), []))
    path = Path(path)
    with atomic_path(path) as tmp:
        write_workbook(specs, tmp)
    return path


def write_table(df: pd.DataFrame, path, sheet: str = "data", sep: str | None = None) -> Path:
    """Write a table as CSV or XLSX depending on the extension of ``path``.

    ``sep`` is passed to :func:`write_csv` (``";"`` for Indonesian Excel).

    Examples
    --------
    >>> import tempfile, os
    >>> write_table(pd.DataFrame({"a": [1]}), os.path.join(tempfile.mkdtemp(), "t.csv")).suffix
    '.csv'
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return write_excel({sheet: df}, path)
    return write_csv(df, path, sep=sep)


def neutralise_workbook(wb, keep_formulas: frozenset = frozenset()):
    """Neutralise every text cell of an openpyxl workbook, hidden sheets included; in place.

    openpyxl stores any text starting with ``=`` as a live formula, so a name from data
    written into a cell (an OPD list behind a drop-down, a region name) must pass here
    before the workbook is saved. Formulas inovlab writes on purpose are listed in
    ``keep_formulas`` (``"Sheet!A1"`` keys) and left alone.

    Returns
    -------
    openpyxl.Workbook
        The same workbook.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook()
    >>> wb.active["A1"] = '=HYPERLINK("http://x","x")'
    >>> hidden = wb.create_sheet("Daftar"); hidden["A1"] = "@cmd"; hidden.sheet_state = "hidden"
    >>> _ = neutralise_workbook(wb)
    >>> wb.active["A1"].value[:11], wb.active["A1"].data_type, hidden["A1"].value
    ("'=HYPERLINK", 's', "'@cmd")
    """
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str) or f"{ws.title}!{cell.coordinate}" in keep_formulas:
                    continue
                safe = neutralise(value)
                if safe is not value or cell.data_type == "f":
                    cell.value = safe
                    cell.data_type = "s"
    return wb


class FolderInUse(Exception):
    """The output folder holds files inovlab did not write there (``files``: their names)."""

    def __init__(self, folder: Path, files: list[str]):
        super().__init__(f"{folder}: {', '.join(files)}")
        self.folder, self.files = folder, files


def foreign_files(folder, owned) -> list[str]:
    """Names in ``folder`` that are not in ``owned`` (sorted; [] for a missing folder).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a.csv").write_text("x")
    >>> foreign_files(d, {"a.csv"}), foreign_files(d, set()), foreign_files(d / "no", set())
    ([], ['a.csv'], [])
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name not in set(owned))


@contextlib.contextmanager
def atomic_folder(target, owned=()):
    """Build a set of output files in a temporary folder, then put it in place as a whole.

    The block writes into a hidden folder beside ``target``. When it ends normally the
    folder becomes ``target``: an existing ``target`` that holds only files named in
    ``owned`` (an earlier set of the same outputs) is swapped out and removed, so old and
    new files never mix. When the block raises (a full disk, a data problem) the temporary
    folder is removed and ``target`` is left exactly as it was.

    Parameters
    ----------
    target : str or Path
        The output folder.
    owned : iterable of str
        File names the command writes; any other file in an existing ``target`` raises
        :class:`FolderInUse` before anything is written (the user's files are never
        deleted).

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "hasil"
    >>> out.mkdir(); _ = (out / "lama.csv").write_text("old")
    >>> with atomic_folder(out, owned={"lama.csv", "baru.csv"}) as d:
    ...     _ = (d / "baru.csv").write_text("new")
    >>> sorted(p.name for p in out.iterdir())
    ['baru.csv']
    """
    target = Path(target)
    foreign = foreign_files(target, owned)
    if foreign:
        raise FolderInUse(target, foreign)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _fresh_sibling(target, "partial")
    try:
        yield tmp
        _swap_in(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fresh_sibling(target: Path, kind: str) -> Path:
    """A new hidden folder beside ``target`` (created with the user's usual permissions,
    unlike ``mkdtemp``'s private ones, because it becomes the output folder)."""
    while True:
        folder = target.parent / f".{target.name}.{secrets.token_hex(4)}.{kind}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue


def _swap_in(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` to ``target``; an existing ``target`` is moved aside, then removed."""
    if not target.exists():
        os.replace(tmp, target)
        return
    old = _fresh_sibling(target, "old")
    os.replace(target, old / target.name)
    try:
        os.replace(tmp, target)
    except BaseException:
        os.replace(old / target.name, target)  # put the previous set back
        shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def run_folder(base, *parts, timestamp: str | None = None):
    """Create ``base/<parts...>/<timestamp>`` for one run, complete only on success.

    The run is built in a hidden ``.<timestamp>.partial`` folder and renamed to
    ``<timestamp>`` when the block ends normally. If the block raises, the folder is
    renamed ``<timestamp>-GAGAL`` with an ``ERROR.txt`` describing the error, and the
    exception propagates. Parts are passed through :func:`safe_filename`.

    Yields
    ------
    Path
        The (partial) folder to write into; :func:`final_path` gives its name after
        success.

    Examples
    --------
    >>> import tempfile
    >>> base = tempfile.mkdtemp()
    >>> with run_folder(base, "Kota Bau Bau", timestamp="20261123-1000") as d:
    ...     _ = (d / "hasil.csv").write_text("x")
    >>> sorted(p.name for p in (Path(base) / "kota-bau-bau").iterdir())
    ['20261123-1000']
    """
    stamp = timestamp or dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    stamp = safe_filename(stamp)
    parent = Path(base).joinpath(*[safe_filename(p) for p in parts])
    parent.mkdir(parents=True, exist_ok=True)
    final, partial = _claim_run_name(parent, stamp)
    try:
        yield partial
    except BaseException as exc:
        failed = parent / f"{final.name}-GAGAL"
        with contextlib.suppress(OSError):
            (partial / "ERROR.txt").write_text(
                "Run ini GAGAL / This run FAILED\n\n"
                + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
                encoding="utf-8")
            os.replace(partial, failed)
        raise
    os.replace(partial, final)


def _claim_run_name(parent: Path, stamp: str) -> tuple[Path, Path]:
    """``(final, partial)`` for a new run: the partial folder is created here, and creating
    it is the claim, so two runs started in the same second get ``stamp`` and ``stamp-2``
    instead of racing on one folder."""
    k = 1
    while True:
        final = parent / (stamp if k == 1 else f"{stamp}-{k}")
        partial = parent / f".{final.name}.partial"
        k += 1
        if final.exists():
            continue
        try:
            partial.mkdir()
        except FileExistsError:
            continue
        if final.exists():  # finished by another run between the two checks
            partial.rmdir()
            continue
        return final, partial


def final_path(partial) -> Path:
    """The folder a :func:`run_folder` partial folder becomes on success.

    Examples
    --------
    >>> final_path("runs/kota-bau-bau/.20261123-1000.partial").name
    '20261123-1000'
    """
    partial = Path(partial)
    name = partial.name
    if name.startswith(".") and name.endswith(".partial"):
        name = name[1:-len(".partial")]
    return partial.parent / name
