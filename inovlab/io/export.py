"""Writing outputs safely: atomic files, run folders, and spreadsheets without formula traps.

* Every file is written to a temporary file in the same folder and moved into place with
  :func:`os.replace`, so a reader never sees half a file.
* :func:`run_folder` builds a run under a hidden ``.<name>.partial`` folder and renames it
  when the run succeeds; on an exception the folder is renamed ``<name>-GAGAL`` with an
  ``ERROR.txt``, so an interrupted run never looks complete.
* Text cells starting with ``= + - @`` (or tab/CR) get a leading apostrophe before they go
  to CSV/Excel (:func:`neutralise`), so names from data cannot become formulas.
* Names from data become file names only through :func:`safe_filename`.
* CSV files start with a UTF-8 BOM so Excel on Windows keeps the accents; ``sep=";"``
  (with a decimal comma) is the variant Indonesian Excel opens in columns, for every CSV
  at once with ``INOVLAB_CSV_SEP=";"``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import traceback
import unicodedata
from pathlib import Path

import numpy as np
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


def _excel_value(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, (list, tuple, set, dict)):
        v = ", ".join(map(str, v)) if not isinstance(v, dict) else str(v)
    return v


def _note_source(ws, source: str) -> None:
    """Say the data source on the sheet: a comment on the first header cell, the printed
    header of every page, and (through :func:`with_source`) a column."""
    from openpyxl.comments import Comment

    ws["A1"].comment = Comment(f"Sumber data / data source: {source}", "inovlab")
    ws.oddHeader.center.text = source


def write_excel(sheets: dict[str, pd.DataFrame], path, neutralise_text: bool = True,
                source: str | None = None) -> Path:
    """Write one or more tables to an XLSX workbook atomically.

    Header bold and frozen, readable column widths, text neutralised (:func:`neutralise`).
    Sheet names are shortened to Excel's 31 characters. With ``source`` (a data-source
    label) every sheet gets a ``sumber_data`` column and a note naming the source.

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
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    used = set()
    for name, df in sheets.items():
        title = re.sub(r"[\[\]:*?/\\]", "-", str(name))[:31] or "Sheet"
        base, k = title, 2
        while title.lower() in used:
            title = f"{base[:28]}-{k}"
            k += 1
        used.add(title.lower())
        ws = wb.create_sheet(title)
        df = with_source(df, source)
        out = neutralise_frame(df) if neutralise_text else df
        ws.append([str(c) for c in out.columns])
        for row in out.itertuples(index=False, name=None):
            ws.append([_excel_value(v) for v in row])
        bold = Font(bold=True)
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        if source:
            _note_source(ws, source)
        for j, col in enumerate(out.columns, start=1):
            sample = out[col].head(200).astype(str)
            width = max([len(str(col))] + sample.str.len().tolist())
            ws.column_dimensions[get_column_letter(j)].width = min(max(8, width + 2), 60)
            if pd.api.types.is_datetime64_any_dtype(out[col]):
                for cell in ws[get_column_letter(j)][1:]:
                    cell.number_format = "yyyy-mm-dd"
    if not wb.sheetnames:
        wb.create_sheet("Sheet")
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
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
    final = parent / stamp
    k = 2
    while final.exists() or (parent / f".{final.name}.partial").exists():
        final = parent / f"{stamp}-{k}"
        k += 1
    partial = parent / f".{final.name}.partial"
    partial.mkdir()
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
