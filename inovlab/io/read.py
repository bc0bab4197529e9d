"""Reading input tables as text, exactly as the user sees them, before any checking.

:func:`read_raw_table` reads a CSV (``,``, ``;`` or tab; UTF-8 with or without BOM, with
a Windows-1252 fallback) or an XLSX sheet and returns every cell as a string, with the
Excel row number of each data row, so :mod:`inovlab.io.validation` can point at the row the
user sees. The header row is found by its known column names, so title rows above the
table are skipped. Fully blank rows are dropped. Input files are only ever opened for
reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import io as _io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from inovlab.errors import Problem, UsageError
from inovlab.io import glossary

HEADER_SEARCH_ROWS = 30
"""How many rows from the top are searched for the header."""

_MESSAGES = {
    "not_found": {"id": "Berkas tidak ditemukan: {path}", "en": "File not found: {path}"},
    "no_sheet": {"id": "Sheet '{sheet}' tidak ada di {file}. Sheet yang ada: {sheets}.",
                 "en": "Sheet '{sheet}' not found in {file}. Sheets: {sheets}."},
    "format": {"id": "Format berkas tidak didukung ({ext}). Simpan sebagai .csv atau .xlsx.",
               "en": "Unsupported file format ({ext}). Save it as .csv or .xlsx."},
    "unreadable": {"id": "Berkas tidak dapat dibaca sebagai {what}: {error}",
                   "en": "The file cannot be read as {what}: {error}"},
}


@dataclass
class RawTable:
    """A table read as text.

    Attributes
    ----------
    frame : DataFrame
        One column per header cell (header text as written, stripped; blank or repeated
        headers get ``kolom_<n>`` / ``<name> (2)``), all cells ``str`` (blank = ``""``).
        The index is the Excel row number of each data row.
    header_row : int or None
        Excel row number of the header (None for an empty file).
    name : str
        The file's display name (as the user gave it, without folders).
    headers : list of str
        Header cells exactly as written (stripped), one per column of ``frame``.
    encoding, delimiter, sheet : str or None
        How the file was read (for messages and tests).
    problems : list of Problem
        Problems found while reading (unreadable file, unsupported format).
    """

    frame: pd.DataFrame
    header_row: int | None
    name: str
    headers: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the file has no header at all."""
        return self.header_row is None


def _msg(key, lang, **kw):
    lang = lang if lang in ("id", "en") else "id"
    return _MESSAGES[key][lang].format(**kw)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (with or without BOM), else Windows-1252, else Latin-1.

    Examples
    --------
    >>> decode_bytes("Pangkal Pinang".encode("utf-8-sig"))
    ('Pangkal Pinang', 'utf-8-sig')
    >>> decode_bytes("Kecamatan Âé".encode("cp1252"))[1]
    'cp1252'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _recognised(cells) -> int:
    return sum(1 for c in cells if c and glossary.canonical_name(c) is not None)


def sniff_delimiter(text: str) -> str:
    """Pick ``,``, ``;`` or tab: the one whose rows show most known column names.

    Ties (no known names) go to the delimiter giving the most, and most regular, columns.

    Examples
    --------
    >>> sniff_delimiter("tahun;nama_daerah;skor_iid\\n2024;Baubau;60,01\\n")
    ';'
    >>> sniff_delimiter("tahun,nama_daerah\\n2024,Baubau\\n")
    ','
    """
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    best, best_key = ",", (-1, -1, -1)
    for delim in (",", ";", "\t"):
        rows = list(csv.reader(_io.StringIO(head), delimiter=delim))
        known = max((_recognised(r) for r in rows), default=0)
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        key = (known, mode if mode > 1 else 0, widths.count(mode))
        if key > best_key:
            best, best_key = delim, key
    return best


def _cell_text(value) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def find_header(rows: list[list[str]]) -> int | None:
    """Index of the header among ``rows``: the first row with the most known column names.

    Falls back to the first non-blank row when no row has a known name.

    Examples
    --------
    >>> find_header([["Data inovasi 2024"], [], ["tahun", "nama_daerah", "id_inovasi"]])
    2
    """
    best, best_n = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        n = _recognised(row)
        if n > best_n:
            best, best_n = i, n
    if best is not None:
        return best
    for i, row in enumerate(rows):
        if any(str(c).strip() for c in row):
            return i
    return None


def _build(rows: list[list[str]], name: str) -> tuple[pd.DataFrame, int | None, list[str]]:
    """Header detection, unique column names, blank rows dropped, index = Excel row."""
    h = find_header(rows)
    if h is None:
        return pd.DataFrame(), None, []
    header = [str(c).replace("\ufeff", "").strip() for c in rows[h]]
    body = rows[h + 1:]
    width = max([len(header)] + [len(r) for r in body]) if body else len(header)
    # trailing blank header cells with no data are dropped
    names, seen = [], {}
    for j in range(width):
        text = header[j] if j < len(header) else ""
        base = text or f"kolom_{j + 1}"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    body = [list(r) + [""] * (width - len(r)) for r in body]
    frame = pd.DataFrame(body, columns=names, dtype=object)
    frame = frame.fillna("").astype(str)
    frame = frame.apply(lambda s: s.str.strip())
    frame.index = pd.RangeIndex(h + 2, h + 2 + len(frame))
    if len(frame):
        frame = frame.loc[frame.ne("").any(axis=1)]
    keep = [j for j, n in enumerate(names)
            if j < len(header) and header[j] or (len(frame) and frame.iloc[:, j].ne("").any())]
    frame = frame.iloc[:, keep]
    headers = [header[j] if j < len(header) else "" for j in keep]
    return frame, h + 1, headers


def read_raw_table(path, sheet: str | None = None, lang: str = "id") -> RawTable:
    """Read a CSV or XLSX file as a text table, finding the header row.

    Parameters
    ----------
    path : str or Path
        ``.csv`` (or ``.txt``) or ``.xlsx``/``.xlsm``.
    sheet : str, optional
        Excel sheet name (default: the first sheet). Ignored for CSV.
    lang : str
        Language of problem messages.

    Returns
    -------
    RawTable
        Text cells, header row number, display name; unreadable content is reported in
        ``problems`` rather than raised.

    Raises
    ------
    UsageError
        The file does not exist, or the named sheet is not in the workbook.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "hasil.csv")
    >>> _ = open(p, "w", encoding="utf-8").write("Judul\\ntahun;nama_daerah;skor_iid\\n2024;Baubau;60,01\\n")
    >>> t = read_raw_table(p)
    >>> t.header_row, t.delimiter, t.frame.loc[3, "skor_iid"]
    (2, ';', '60,01')
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise UsageError(_msg("not_found", lang, path=str(path)))
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return _read_xlsx(path, name, sheet, lang)
    if ext in (".csv", ".txt", ".tsv", ""):
        return _read_csv(path, name, lang)
    return RawTable(pd.DataFrame(), None, name, problems=[
        Problem(name, None, None, None, _msg("format", lang, ext=ext or "?"), "FILE_FORMAT")])


def _read_csv(path: Path, name: str, lang: str) -> RawTable:
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":  # an Excel workbook renamed to .csv
        return _read_xlsx(path, name, None, lang)
    text, encoding = decode_bytes(data)
    if not text.strip():
        return RawTable(pd.DataFrame(), None, name, encoding=encoding)
    first, _, rest = text.partition("\n")
    if first.strip().lower() in ("sep=,", "sep=;", "sep=\t"):
        # Excel's delimiter hint: Excel hides this line, so rows are numbered without it
        delim, text = first.strip()[4], rest
    else:
        delim = sniff_delimiter(text)
    try:
        rows = list(csv.reader(_io.StringIO(text, newline=""), delimiter=delim))
    except csv.Error as exc:
        return RawTable(pd.DataFrame(), None, name, encoding=encoding, problems=[
            Problem(name, None, None, None, _msg("unreadable", lang, what="CSV", error=exc),
                    "FILE_UNREADABLE")])
    frame, header_row, headers = _build(rows, name)
    return RawTable(frame, header_row, name, headers, encoding=encoding, delimiter=delim)


def _read_xlsx(path: Path, name: str, sheet: str | None, lang: str) -> RawTable:
    import zipfile

    from openpyxl import load_workbook

    try:
        # read_only streams the sheet; data_only gives formula results as last saved
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        return RawTable(pd.DataFrame(), None, name, problems=[
            Problem(name, None, None, None, _msg("unreadable", lang, what="Excel", error=exc),
                    "FILE_UNREADABLE")])
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise UsageError(_msg("no_sheet", lang, sheet=sheet, file=name,
                                  sheets=", ".join(wb.sheetnames)))
        ws = wb[sheet] if sheet is not None else wb[wb.sheetnames[0]]
        rows = [[_cell_text(v) for v in row]
                for row in ws.iter_rows(min_row=1, values_only=True)]
        title = ws.title
    finally:
        wb.close()
    if _has_formulas(path):
        rows = _formulas_without_value(path, title, rows)
    frame, header_row, headers = _build(rows, name)
    return RawTable(frame, header_row, name, headers, sheet=title)


def _has_formulas(path: Path) -> bool:
    """Cheap check: does any worksheet XML contain a formula element?"""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with z.open(info) as fh:
                        while chunk := fh.read(1 << 20):
                            if b"<f>" in chunk or b"<f " in chunk:
                                return True
    except (zipfile.BadZipFile, OSError):
        return False
    return False


def _formulas_without_value(path: Path, title: str, rows: list[list[str]]) -> list[list[str]]:
    """Show a formula's text where the workbook holds no computed value for it.

    Excel saves each formula's last result, which is what we read. A workbook written by
    a script (never opened in Excel) has formulas without results; reading them as blank
    would silently turn them into 0, so their text (``=SUM(A1)``) is kept and reported.
    """
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[title]
        for i, row in enumerate(ws.iter_rows(min_row=1, values_only=True)):
            if i >= len(rows):
                break
            for j, v in enumerate(row):
                if isinstance(v, str) and v.startswith("=") and j < len(rows[i]) \
                        and rows[i][j] == "":
                    rows[i][j] = v
    finally:
        wb.close()
    return rows
