"""Reading input tables as text, exactly as the user sees them, before any checking.

:func:`read_raw_table` reads a CSV (``,``, ``;`` or tab; UTF-8 with or without BOM, with
a Windows-1252 fallback) or an XLSX sheet (:mod:`inovlab.io.xlsx`) and returns every cell
as a string, with the Excel row number of each data row, so :mod:`inovlab.io.validation`
can point at the row the user sees. The header row is found by its known column names, so
title rows above the table are skipped. Fully blank rows are dropped. Input files are only
ever opened for reading.

What is refused (a :class:`~inovlab.errors.Problem` in ``RawTable.problems``) and what is
accepted with a warning (``RawTable.warnings``):

* a file saved as UTF-16 ("Unicode Text"), a binary file, a password-protected or old
  ``.xls`` workbook, an unclosed quote, more than :data:`MAX_COLUMNS` columns or a cell
  longer than :data:`MAX_CELL_CHARS` characters are refused with what to do about it;
* a CSV mixing UTF-8 lines and Windows-1252 lines is decoded line by line and the
  Windows-1252 rows are named (no ``â€“`` mojibake);
* NUL and other control characters are removed from the cells, naming each cell;
* in a workbook, other sheets holding a table and hidden rows are named (hidden rows are
  **kept**: hiding a row in Excel does not remove it from the submission, so it is
  counted; the warning lets the user delete it if it should not be).

Memory stays proportional to the real content: a CSV is parsed by pandas' C reader into
Arrow-backed strings, and a workbook is read cell by cell, ignoring the sheet's stated
dimensions.
"""

from __future__ import annotations

import csv
import io as _io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.errors import Problem, UsageError
from inovlab.io import glossary

HEADER_SEARCH_ROWS = 30
"""How many rows from the top are searched for the header."""
MAX_COLUMNS = 1000
"""More columns than this in a row is refused (an input table has about 30)."""
MAX_CELL_CHARS = 32_767
"""Excel's own limit for one cell; a longer field means a broken file (often a stray quote)."""
MAX_LISTED = 20
"""Row numbers or cells named in one warning; the rest are counted."""

CONTROL_CHARS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL_BYTES = re.compile(CONTROL_CHARS.encode())
_CONTROL_SET = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_MARK = "\ue000"  # private-use character standing for a removed control character

_MESSAGES = {
    "not_found": {"id": "Berkas tidak ditemukan: {path}", "en": "File not found: {path}"},
    "no_sheet": {"id": "Sheet '{sheet}' tidak ada di {file}. Sheet yang ada: {sheets}.",
                 "en": "Sheet '{sheet}' not found in {file}. Sheets: {sheets}."},
    "format": {"id": "Format berkas tidak didukung ({ext}). Simpan sebagai .csv atau .xlsx.",
               "en": "Unsupported file format ({ext}). Save it as .csv or .xlsx."},
    "unreadable": {"id": "Berkas tidak dapat dibaca sebagai {what}: {error}",
                   "en": "The file cannot be read as {what}: {error}"},
    "utf16": {"id": "Berkas ini tersimpan sebagai UTF-16 (pilihan 'Unicode Text' di Excel), "
                    "bukan CSV biasa. Di Excel pilih File > Save As > 'CSV UTF-8 (Comma "
                    "delimited) (*.csv)', atau simpan sebagai .xlsx.",
              "en": "This file is saved as UTF-16 (Excel's 'Unicode Text'), not a plain CSV. "
                    "In Excel choose File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)', "
                    "or save it as .xlsx."},
    "binary": {"id": "Berkas ini bukan teks CSV (berisi data biner). Periksa apakah berkas "
                     "yang dipilih benar; simpan tabelnya sebagai .csv atau .xlsx.",
               "en": "This file is not CSV text (it holds binary data). Check that the right "
                     "file was chosen; save the table as .csv or .xlsx."},
    "unclosed_quote": {"id": "Tanda kutip (\") yang dibuka di baris {row} tidak pernah ditutup, "
                             "sehingga sisa berkas terbaca sebagai satu sel. Tambahkan tanda "
                             "kutip penutup atau hapus tanda kutip itu.",
                       "en": "The quote (\") opened in row {row} is never closed, so the rest "
                             "of the file reads as one cell. Add the closing quote or remove "
                             "that quote."},
    "too_many_columns": {"id": "Baris {row} berisi data di luar {max} kolom pertama; berkas "
                               "selebar itu tidak dibaca. Hapus isi kolom-kolom berlebih itu "
                               "(tabel masukan hanya sekitar 30 kolom).",
                         "en": "Row {row} holds data beyond the first {max} columns; a file "
                               "that wide is not read. Delete the content of those extra "
                               "columns (an input table has about 30 columns)."},
    "cell_too_long": {"id": "Isi sel terlalu panjang ({n} karakter; batas Excel {max}). "
                            "Berkas mungkin rusak atau ada tanda kutip (\") yang tidak "
                            "ditutup.",
                      "en": "The cell is too long ({n} characters; Excel's limit is {max}). "
                            "The file may be broken or hold an unclosed quote (\")."},
    "mixed_encoding": {"id": "Berkas mencampur dua pengodean: {n} baris tidak tersimpan sebagai "
                             "UTF-8 dan dibaca sebagai Windows-1252 (baris {rows}). Periksa "
                             "huruf khusus (é, –, ’) di baris itu; sebaiknya simpan ulang "
                             "seluruh berkas sebagai 'CSV UTF-8'.",
                       "en": "The file mixes two encodings: {n} row(s) are not UTF-8 and were "
                             "read as Windows-1252 (rows {rows}). Check special letters (é, "
                             "–, ’) in those rows; better save the whole file again as "
                             "'CSV UTF-8'."},
    "control_chars": {"id": "Karakter kontrol tak terlihat (mis. NUL) dihapus dari sel ini.",
                      "en": "Invisible control characters (e.g. NUL) were removed from this "
                            "cell."},
    "control_more": {"id": "Karakter kontrol juga dihapus dari {n} sel lain.",
                     "en": "Control characters were also removed from {n} more cell(s)."},
    "more": {"id": "{shown} dan {n} lainnya", "en": "{shown} and {n} more"},
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
        Problems that stop the file being used (unreadable file, unsupported format ...).
    warnings : list of Problem
        Things the user should know although the file was read (mixed encodings, removed
        control characters, other data sheets, hidden rows).
    """

    frame: pd.DataFrame
    header_row: int | None
    name: str
    headers: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the file has no header at all."""
        return self.header_row is None


def _msg(key, lang, **kw):
    lang = lang if lang in ("id", "en") else "id"
    return _MESSAGES[key][lang].format(**kw)


def _failed(name: str, key: str, lang: str, code: str, row=None, **kw) -> RawTable:
    """A table that could not be read, with the one problem saying why."""
    return RawTable(pd.DataFrame(), None, name, problems=[
        Problem(name, row, None, None, _msg(key, lang, row=row, **kw), code)])


def row_list(rows, lang: str = "id") -> str:
    """Row numbers as ``3, 5–7, 10``; beyond :data:`MAX_LISTED` runs the rest are counted.

    Examples
    --------
    >>> row_list([3, 5, 6, 7, 10])
    '3, 5–7, 10'
    >>> row_list(range(2, 200, 2), "en")[-11:]
    'and 79 more'
    """
    rows = sorted({int(r) for r in rows})
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs[:MAX_LISTED])
    if len(runs) > MAX_LISTED:
        n = sum(b - a + 1 for a, b in runs[MAX_LISTED:])
        text = _msg("more", lang, shown=text, n=n)
    return text


# ------------------------------------------------------------------ decoding bytes
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
    return _single_byte(data)


def _single_byte(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _line_bounds(body: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Start and end byte offset of every ``\\n``-separated line."""
    newlines = np.flatnonzero(np.frombuffer(body, np.uint8) == 10)
    return np.r_[0, newlines + 1], np.r_[newlines, len(body)]


def to_utf8(data: bytes) -> tuple[bytes, str, np.ndarray]:
    """File bytes as UTF-8 bytes, decoding each line on its own when the file mixes encodings.

    A file that is all UTF-8 is returned as is (BOM removed); one with no valid UTF-8 line
    is decoded as Windows-1252. A file in which some lines are UTF-8 and others are not
    (rows pasted from two sources) has only the non-UTF-8 lines decoded as Windows-1252.

    Returns
    -------
    tuple
        ``(utf8_bytes, encoding, bad_lines)``: ``encoding`` is ``utf-8``, ``utf-8-sig``,
        ``cp1252``, ``latin-1`` or ``utf-8+cp1252``; ``bad_lines`` the 0-based numbers of
        the lines read as Windows-1252 in a mixed file (empty otherwise).

    Examples
    --------
    >>> data = "Café–1\\n".encode() + "Café–2\\n".encode("cp1252")
    >>> text, enc, bad = to_utf8(data)
    >>> text.decode(), enc, bad.tolist()
    ('Café–1\\nCafé–2\\n', 'utf-8+cp1252', [1])
    """
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    none = np.array([], dtype=np.int64)
    try:
        body.decode("utf-8")
        return body, "utf-8-sig" if bom else "utf-8", none
    except UnicodeDecodeError:
        pass
    starts, ends = _line_bounds(body)
    high = np.flatnonzero(np.frombuffer(body, np.uint8) >= 0x80)
    candidates = np.unique(np.searchsorted(ends, high))  # lines holding non-ASCII bytes
    bad = np.array([i for i in candidates if not _is_utf8(body[starts[i]:ends[i]])],
                   dtype=np.int64)
    if len(bad) == len(candidates) and not bom:  # no UTF-8 line at all: one legacy encoding
        text, encoding = _single_byte(body)
        return text.encode("utf-8"), encoding, none
    pieces, pos = [], 0
    for i in bad:
        pieces.append(body[pos:starts[i]])
        pieces.append(_single_byte(body[starts[i]:ends[i]])[0].encode("utf-8"))
        pos = ends[i]
    pieces.append(body[pos:])
    return b"".join(pieces), "utf-8+cp1252", bad


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def looks_utf16(data: bytes) -> bool:
    """True for UTF-16 text (BOM, or a NUL byte beside most ASCII characters).

    Examples
    --------
    >>> looks_utf16("tahun\\tnama_daerah".encode("utf-16")), looks_utf16(b"tahun,nama")
    (True, False)
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:4096]
    return len(head) >= 8 and head.count(0) >= 0.3 * len(head)


def looks_binary(data: bytes) -> bool:
    """True when many of the first 4 KB are control bytes (not text).

    Examples
    --------
    >>> looks_binary(bytes(range(256)) * 4), looks_binary(b"tahun,nama\\r\\n")
    (True, False)
    """
    head = data[:4096]
    return len(_CONTROL_BYTES.findall(head)) > 0.05 * max(len(head), 1)


# ------------------------------------------------------------------ delimiter and header
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
        try:
            rows = list(csv.reader(_io.StringIO(head), delimiter=delim))
        except csv.Error:
            continue
        known = max((_recognised(r) for r in rows), default=0)
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        key = (known, mode if mode > 1 else 0, widths.count(mode))
        if key > best_key:
            best, best_key = delim, key
    return best


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


def _unique_names(header: list[str]) -> list[str]:
    names, seen = [], {}
    for j, text in enumerate(header):
        base = text or f"kolom_{j + 1}"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return names


def build_table(cells: pd.DataFrame):
    """Header detection, unique column names, blank rows and columns dropped.

    Parameters
    ----------
    cells : DataFrame
        The records of the file or sheet, columns ``0..n-1``, text cells (``""`` blank),
        indexed by Excel row number.

    Returns
    -------
    tuple
        ``(frame, header_row, headers)`` as in :class:`RawTable` (index = Excel row).

    Examples
    --------
    >>> cells = pd.DataFrame([["Judul", ""], ["tahun", "skor_iid"], ["2024", " 60,1 "]],
    ...                      index=[1, 2, 3])
    >>> frame, header_row, headers = build_table(cells)
    >>> header_row, headers, frame.loc[3].tolist()
    (2, ['tahun', 'skor_iid'], ['2024', '60,1'])
    """
    top = cells.head(HEADER_SEARCH_ROWS).astype(object).fillna("")
    h = find_header([[str(c) for c in row] for row in top.itertuples(index=False)])
    if h is None:
        return pd.DataFrame(), None, []
    header = [str(c).replace("\ufeff", "").strip() for c in top.iloc[h].tolist()]
    body = cells.iloc[h + 1:]
    body = pd.DataFrame({j: _stripped(body[c]) for j, c in enumerate(cells.columns)},
                        index=body.index)
    body.columns = _unique_names(header)
    if len(body):
        body = body.loc[body.ne("").any(axis=1).to_numpy()]
    keep = [j for j in range(len(header)) if header[j] or body.iloc[:, j].ne("").any()]
    return body.iloc[:, keep], int(cells.index[h]), [header[j] for j in keep]


def _stripped(column: pd.Series) -> pd.Series:
    """Text with outer spaces removed; missing cells (short rows) become ``""``."""
    return column.astype("str").fillna("").str.strip()


# ------------------------------------------------------------------ the public reader
def read_raw_table(path, sheet: str | None = None, lang: str = "id") -> RawTable:
    """Read a CSV or XLSX file as a text table, finding the header row.

    Parameters
    ----------
    path : str or Path
        ``.csv`` (or ``.txt``) or ``.xlsx``/``.xlsm``.
    sheet : str, optional
        Excel sheet name (default: the first visible sheet). Ignored for CSV.
    lang : str
        Language of problem messages.

    Returns
    -------
    RawTable
        Text cells, header row number, display name; unreadable content is reported in
        ``problems`` and things worth knowing in ``warnings``, rather than raised.

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
    from inovlab.io import xlsx

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise UsageError(_msg("not_found", lang, path=str(path)))
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return xlsx.read_xlsx(path, name, sheet, lang)
    if ext in (".csv", ".txt", ".tsv", ""):
        return _read_csv(path, name, lang)
    return _failed(name, "format", lang, "FILE_FORMAT", ext=ext or "?")


def _read_csv(path: Path, name: str, lang: str) -> RawTable:
    from inovlab.io import xlsx

    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04" or data[:4] == xlsx.OLE_MAGIC:  # a workbook named .csv
        return xlsx.read_xlsx(path, name, None, lang)
    if looks_utf16(data):
        return _failed(name, "utf16", lang, "FILE_UTF16")
    if looks_binary(data):
        return _failed(name, "binary", lang, "FILE_BINARY")
    payload, encoding, bad_lines = to_utf8(data)
    if not payload.strip():
        return RawTable(pd.DataFrame(), None, name, encoding=encoding)
    first, _, rest = payload.partition(b"\n")
    if first.strip().lower() in (b"sep=,", b"sep=;", b"sep=\t"):
        # Excel's delimiter hint: Excel hides this line, so rows are numbered without it
        delim, payload, bad_lines = chr(first.strip()[4]), rest, bad_lines[bad_lines > 0] - 1
    else:
        delim = sniff_delimiter(payload[:1 << 16].decode("utf-8", errors="ignore"))
    table = _parse_csv(payload, delim, name, lang)
    table.encoding = encoding
    if len(bad_lines) and not table.problems:
        rows = record_of_line(payload, bad_lines) + 1
        table.warnings.insert(0, Problem(name, None, None, None, _msg(
            "mixed_encoding", lang, n=len(rows), rows=row_list(rows, lang)), "MIXED_ENCODING"))
    return table


def _parse_csv(payload: bytes, delim: str, name: str, lang: str) -> RawTable:
    """Every cell of the CSV as text; structure problems reported; control characters removed."""
    control = len(payload.translate(None, _CONTROL_SET)) != len(payload)
    if control:  # stand-in characters, so the removed ones can be located after parsing
        payload = _CONTROL_BYTES.sub(_MARK.encode(), payload)
    try:
        cells = _cells_arrow(payload, delim)
        if cells is None:
            cells = _cells_pandas(payload, delim)
    except pd.errors.ParserError as exc:
        m = re.search(r"EOF inside string starting at row (\d+)", str(exc))
        if m:
            return _failed(name, "unclosed_quote", lang, "UNCLOSED_QUOTE", row=int(m.group(1)) + 1)
        return _failed(name, "unreadable", lang, "FILE_UNREADABLE", what="CSV", error=exc)
    cells, problems = structure_problems(cells, name, lang,
                                         check_lengths=longest_line(payload) > MAX_CELL_CHARS)
    if problems:
        return RawTable(pd.DataFrame(), None, name, delimiter=delim, problems=problems)
    frame, header_row, headers = build_table(cells)
    table = RawTable(frame, header_row, name, headers, delimiter=delim)
    if control:
        table.frame, table.warnings = strip_marks(frame, name, lang)
    return table


def _text_dtype(arrow_type):
    import pyarrow as pa

    if arrow_type in (pa.string(), pa.large_string()):
        return pd.StringDtype("pyarrow", na_value=np.nan)
    return None


def _cells_arrow(payload: bytes, delim: str) -> pd.DataFrame | None:
    """Fast path (Arrow's multi-threaded reader) for a regular file: every row from the header
    on has the header's width, no blank line, no odd quote. None when the file is not so."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    head = payload[:1 << 16].decode("utf-8", errors="ignore").splitlines()[:HEADER_SEARCH_ROWS]
    try:
        rows = list(csv.reader(head, delimiter=delim))
    except csv.Error:
        return None
    h = find_header(rows)
    if (h is None or payload.count(b'"') % 2 or '"' in "\n".join(head[:h])
            or not 1 < len(rows[h]) <= MAX_COLUMNS):
        return None
    names = [str(j) for j in range(len(rows[h]))]
    try:
        table = pacsv.read_csv(
            _io.BytesIO(payload),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=h),
            parse_options=pacsv.ParseOptions(delimiter=delim, newlines_in_values=True,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False))
    except pa.lib.ArrowException:  # irregular rows, a bad quote...: the general path reads it
        return None
    cells = table.to_pandas(types_mapper=_text_dtype)
    cells.columns = range(len(names))
    cells.index = pd.RangeIndex(h + 1, h + 1 + len(cells))
    return cells


def _cells_pandas(payload: bytes, delim: str) -> pd.DataFrame:
    """General path: ragged rows, blank lines, title rows; pandas' C reader."""
    width = _max_fields(payload, delim)
    try:
        cells = _read_fields(payload, delim, width)
    except pd.errors.ParserError as exc:  # a stray quote counted differently: use pandas' count
        m = re.search(r"Too many columns specified: expected \d+ and found (\d+)", str(exc))
        if not m:
            raise
        cells = _read_fields(payload, delim, int(m.group(1)))
    cells = cells.fillna("") if cells.isna().to_numpy().any() else cells
    cells.index = pd.RangeIndex(1, 1 + len(cells))
    return cells


def _read_fields(payload: bytes, delim: str, width: int) -> pd.DataFrame:
    return pd.read_csv(
        _io.BytesIO(payload), sep=delim, header=None, names=range(width),
        usecols=range(min(width, MAX_COLUMNS + 1)), dtype="str", na_filter=False,
        skip_blank_lines=False, engine="c", encoding="utf-8", encoding_errors="replace")


def _max_fields(payload: bytes, delim: str) -> int:
    """Fields of the widest record: delimiters and line breaks inside quotes do not count.

    Examples
    --------
    >>> _max_fields(b'a,b\\n"x,y\\nz",1,2\\n', ",")
    3
    """
    arr = np.frombuffer(payload, np.uint8)
    delims = np.flatnonzero(arr == ord(delim))
    breaks = np.flatnonzero(arr == 10)
    quotes = np.flatnonzero(arr == 34)
    if len(quotes):  # an odd number of quotes before a character puts it inside quotes
        delims = delims[np.searchsorted(quotes, delims) % 2 == 0]
        breaks = breaks[np.searchsorted(quotes, breaks) % 2 == 0]
    per_record = np.bincount(np.searchsorted(breaks, delims), minlength=1)
    return int(per_record.max()) + 1


def record_of_line(payload: bytes, lines: np.ndarray) -> np.ndarray:
    """0-based record (row) number of each 0-based line, a quoted line break not ending a row.

    Examples
    --------
    >>> record_of_line(b'a,b\\n"x\\ny",1\\nz,2\\n', np.array([0, 2, 3])).tolist()
    [0, 1, 2]
    """
    arr = np.frombuffer(payload, np.uint8)
    newlines = np.flatnonzero(arr == 10)
    quotes = np.flatnonzero(arr == 34)
    # a line break inside quotes (odd number of quotes before it) does not end a record
    ends_record = np.searchsorted(quotes, newlines) % 2 == 0
    before = np.r_[0, np.cumsum(ends_record)]
    return before[np.minimum(lines, len(before) - 1)]


def structure_problems(cells: pd.DataFrame, name: str, lang: str, check_lengths: bool = True):
    """``(cells, problems)``: more than :data:`MAX_COLUMNS` columns with content, or cells
    longer than Excel allows (the first few of each); empty extra columns are dropped."""
    problems = []
    if cells.shape[1] > MAX_COLUMNS:
        extra = cells.iloc[:, MAX_COLUMNS:].ne("").any(axis=1)
        if extra.any():
            i = int(np.argmax(extra.to_numpy()))
            row = int(cells.index[i])
            problems.append(Problem(name, row, None, None, _msg(
                "too_many_columns", lang, row=row, max=MAX_COLUMNS), "TOO_MANY_COLUMNS"))
            return cells, problems
        cells = cells.iloc[:, :MAX_COLUMNS]
    if not check_lengths:
        return cells, problems
    for j, column in enumerate(cells.columns):
        lengths = cells[column].str.len()
        long = np.flatnonzero(lengths.to_numpy() > MAX_CELL_CHARS)
        problems.extend(Problem(name, int(cells.index[i]), f"kolom {j + 1}", None, _msg(
            "cell_too_long", lang, n=int(lengths.iloc[i]), max=MAX_CELL_CHARS), "CELL_TOO_LONG")
            for i in long[:MAX_LISTED])
    return cells, problems


def longest_line(payload: bytes) -> int:
    """Bytes of the longest line: no cell can be longer (so most files skip the cell check).

    Examples
    --------
    >>> longest_line(b"ab\\nabcd\\nx")
    4
    """
    starts, ends = _line_bounds(payload)
    return int((ends - starts).max(initial=0))


def strip_marks(frame: pd.DataFrame, name: str, lang: str, mark: str = _MARK):
    """Remove ``mark`` (a removed control character) from every cell, one warning per cell.

    Returns ``(frame, warnings)``; after :data:`MAX_LISTED` cells the rest are counted.
    """
    warnings, more = [], 0
    out = frame.copy()
    for column in frame.columns:
        hit = frame[column].str.contains(mark, regex=False).to_numpy()
        if not hit.any():
            continue
        out[column] = frame[column].str.replace(mark, "", regex=False).str.strip()
        rows = frame.index[hit][:max(MAX_LISTED - len(warnings), 0)]
        more += int(hit.sum()) - len(rows)
        warnings.extend(Problem(name, int(r), column, None, _msg("control_chars", lang),
                                "CONTROL_CHARS") for r in rows)
    if more:
        warnings.append(Problem(name, None, None, None, _msg("control_more", lang, n=more),
                                "CONTROL_CHARS"))
    return out, warnings
