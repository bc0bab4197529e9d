"""Reading one sheet of an Excel workbook as text, by its real content, in bounded memory.

A worksheet states its size (``<dimension ref="A1:XFD1048576"/>``) and openpyxl pads every
row to it: one space in cell XFD1048576 of a 6 KB file then asks for 17 billion cells.
:func:`read_xlsx` walks the sheet's cells as they are stored instead, keeps only cells
with visible content, and refuses a row with content beyond :data:`~inovlab.io.read.
MAX_COLUMNS` columns with a located message; empty trailing rows and columns cost nothing.

It also says what a reader should know about the workbook: other visible sheets that hold
a table of the same kind (only one sheet is read; ``--sheet``/``sheet=`` chooses it; a
table of another kind, such as the template's ``SPD`` beside ``Inovasi``, is not the
same data and is not warned about), a first sheet that is
not a table (instructions) while another one is, hidden rows (kept and counted, see
:mod:`inovlab.io.read`), a password-protected or old-format (``.xls``) file.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd

from inovlab.errors import Problem, UsageError
from inovlab.io import glossary
from inovlab.io.read import (
    _MARK,
    CONTROL_CHARS,
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    RawTable,
    _failed,
    build_table,
    find_header,
    row_list,
    strip_marks,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
"""First bytes of an OLE container: an old ``.xls`` or a password-protected ``.xlsx``."""

_MESSAGES = {
    "encrypted": {"id": "Berkas Excel ini dilindungi kata sandi (terenkripsi), sehingga isinya "
                        "tidak dapat dibaca. Buka di Excel, hapus kata sandinya (File > Info > "
                        "Protect Workbook > Encrypt with Password, kosongkan), simpan, lalu "
                        "coba lagi.",
                  "en": "This Excel file is password-protected (encrypted), so its content "
                        "cannot be read. Open it in Excel, remove the password (File > Info > "
                        "Protect Workbook > Encrypt with Password, clear it), save, and try "
                        "again."},
    "old_xls": {"id": "Berkas ini berformat Excel lama (.xls) walau namanya berakhiran .xlsx. "
                      "Buka di Excel lalu simpan sebagai 'Excel Workbook (*.xlsx)'.",
                "en": "This file is in the old Excel format (.xls) although its name ends in "
                      ".xlsx. Open it in Excel and save it as 'Excel Workbook (*.xlsx)'."},
    "not_data": {"id": "Sheet pertama '{sheet}' tidak berisi tabel data (tidak ada judul kolom "
                       "yang dikenali); tabel ada di sheet {others}. Pilih sheet itu dengan "
                       "opsi --sheet (mis. --sheet \"{first}\"), atau pindahkan sheet data ke "
                       "urutan pertama.",
                 "en": "The first sheet '{sheet}' holds no data table (no known column "
                       "headers); a table is on sheet {others}. Choose that sheet with the "
                       "--sheet option (e.g. --sheet \"{first}\"), or move the data sheet to "
                       "the front."},
    "several": {"id": "Buku kerja ini juga berisi tabel di sheet {others}; hanya sheet "
                      "'{sheet}' yang dibaca. Pilih sheet lain dengan opsi --sheet, atau "
                      "simpan tiap tabel sebagai berkas sendiri.",
                "en": "The workbook also holds a table on sheet {others}; only sheet '{sheet}' "
                      "was read. Choose another sheet with the --sheet option, or save each "
                      "table as its own file."},
    "hidden": {"id": "Sheet '{sheet}' memiliki {n} baris tersembunyi berisi data (baris "
                     "{rows}). Baris itu tetap dibaca dan dihitung; hapus barisnya bila tidak "
                     "ikut diajukan.",
               "en": "Sheet '{sheet}' has {n} hidden row(s) holding data (rows {rows}). They "
                     "are still read and counted; delete them if they are not part of the "
                     "submission."},
    "too_many_columns": {"id": "Sheet '{sheet}' baris {row} berisi data di kolom ke-{n}; lebih "
                               "dari {max} kolom tidak dibaca. Hapus isi kolom-kolom berlebih "
                               "itu (tabel masukan hanya sekitar 30 kolom).",
                         "en": "Sheet '{sheet}' row {row} holds data in column {n}; more than "
                               "{max} columns are not read. Delete the content of those extra "
                               "columns (an input table has about 30 columns)."},
    "cell_too_long": {"id": "Isi sel terlalu panjang ({n} karakter; batas Excel {max}).",
                      "en": "The cell is too long ({n} characters; Excel's limit is {max})."},
}


def _msg(key, lang, **kw):
    return _MESSAGES[key]["en" if lang == "en" else "id"].format(**kw)


def cell_text(value) -> str:
    """A cell value as the text Excel shows (dates ISO, whole floats without ``.0``).

    Examples
    --------
    >>> cell_text(2024.0), cell_text(60.01), cell_text(dt.datetime(2025, 3, 31)), cell_text(True)
    ('2024', '60.01', '2025-03-31', 'TRUE')
    """
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


# ------------------------------------------------------------------ one sheet, cell by cell
class SheetCells:
    """The cells with content of one sheet: ``rows`` maps Excel row -> list of texts.

    Attributes
    ----------
    rows : dict
        Excel row number -> cell texts from column A to the row's last cell with content.
    hidden : set of int
        Excel rows marked hidden.
    beyond : tuple or None
        ``(row, column)`` of the first content past :data:`MAX_COLUMNS`, else None.
    """

    def __init__(self):
        self.rows: dict[int, list[str]] = {}
        self.hidden: set[int] = set()
        self.beyond: tuple[int, int] | None = None


def _parser(wb, ws, data_only: bool):
    from openpyxl.worksheet._reader import WorkSheetParser

    src = wb._archive.open(ws._worksheet_path)
    return src, WorkSheetParser(src, wb.shared_strings, data_only=data_only, epoch=wb.epoch,
                                date_formats=wb._date_formats,
                                timedelta_formats=wb._timedelta_formats)


def read_cells(wb, ws, max_rows: int | None = None, data_only: bool = True) -> SheetCells:
    """Walk the stored cells of ``ws`` (stated dimensions ignored); stop past ``max_rows``."""
    out = SheetCells()
    src, parser = _parser(wb, ws, data_only)
    with src:
        for r, cells in parser.parse():
            if max_rows is not None and r > max_rows:
                break
            # row attributes are kept only for hidden rows (a million styled empty rows
            # must not pile up in memory)
            attrs = parser.row_dimensions.pop(str(r), None)
            if attrs and str(attrs.get("hidden", "")).lower() in ("1", "true"):
                out.hidden.add(r)
            texts = {c["column"]: cell_text(c["value"]) for c in cells if c["value"] is not None}
            texts = {j: t for j, t in texts.items() if t.strip()}
            if not texts:
                continue
            last = max(texts)
            if last > MAX_COLUMNS:
                out.beyond = (r, last)
                break
            row = [""] * last
            for j, t in texts.items():
                row[j - 1] = t
            out.rows[r] = row
    return out


def _has_formulas(path: Path, ws) -> bool:
    """Cheap check: does the sheet's XML contain a formula element?"""
    try:
        with zipfile.ZipFile(path) as z, z.open(ws._worksheet_path) as fh:
            tail = b""
            while chunk := fh.read(1 << 20):
                if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                    return True
                tail = chunk[-4:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return False


def _formulas_without_value(wb, ws, cells: SheetCells) -> None:
    """Show a formula's text where the workbook holds no computed value for it.

    Excel saves each formula's last result, which is what we read. A workbook written by
    a script (never opened in Excel) has formulas without results; reading them as blank
    would silently turn them into 0, so their text (``=SUM(A1)``) is kept and reported.
    """
    src, parser = _parser(wb, ws, data_only=False)
    with src:
        for r, row in parser.parse():
            for c in row:
                v, j = c["value"], c["column"]
                if not (isinstance(v, str) and v.startswith("=")) or j > MAX_COLUMNS:
                    continue
                texts = cells.rows.setdefault(r, [])
                if j > len(texts):
                    texts.extend([""] * (j - len(texts)))
                if not texts[j - 1].strip():
                    texts[j - 1] = v
    cells.rows = dict(sorted(cells.rows.items()))


def cells_frame(cells: SheetCells) -> pd.DataFrame:
    """The rows with content as a text DataFrame indexed by Excel row number."""
    if not cells.rows:
        return pd.DataFrame()
    width = max(len(r) for r in cells.rows.values())
    padded = [r + [""] * (width - len(r)) for r in cells.rows.values()]
    return pd.DataFrame(padded, index=list(cells.rows), dtype=object).astype("str")


# ------------------------------------------------------------------ choosing the sheet
def sheet_kind(wb, ws) -> str | None:
    """The table kind the sheet's header points to (None: no table on it)."""
    top = read_cells(wb, ws, max_rows=HEADER_SEARCH_ROWS)
    rows = list(top.rows.values())
    h = find_header(rows)
    if h is None:
        return None
    return glossary.guess_kind([t for t in rows[h] if t])


def _quoted(titles) -> str:
    return ", ".join(f"'{t}'" for t in titles)


def _choose_sheet(wb, sheet, name, lang):
    """``(worksheet, problems, warnings)``: the named sheet, or the first visible one."""
    if sheet is not None:
        if sheet not in wb.sheetnames:
            from inovlab.io.read import _msg as read_msg

            raise UsageError(read_msg("no_sheet", lang, sheet=sheet, file=name,
                                      sheets=", ".join(wb.sheetnames)))
        return wb[sheet], [], []
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"] or wb.worksheets[:1]
    first = visible[0]
    if len(visible) == 1:
        return first, [], []
    kinds = {ws.title: sheet_kind(wb, ws) for ws in visible[1:]}
    others = [t for t, k in kinds.items() if k]
    if not others:
        return first, [], []
    first_kind = sheet_kind(wb, first)
    if first_kind is None:
        return first, [Problem(name, None, None, None, _msg(
            "not_data", lang, sheet=first.title, others=_quoted(others), first=others[0]),
            "SHEET_NOT_DATA")], []
    # another table of the same kind would be lost; another kind (the template's 'SPD'
    # beside 'Inovasi') is a different table, read with its own option
    same = [t for t in others if kinds[t] == first_kind]
    if not same:
        return first, [], []
    return first, [], [Problem(name, None, None, None, _msg(
        "several", lang, sheet=first.title, others=_quoted(same)), "SEVERAL_SHEETS")]


# ------------------------------------------------------------------ the reader
def read_xlsx(path: Path, name: str, sheet: str | None, lang: str) -> RawTable:
    """Read one sheet of an ``.xlsx`` as a :class:`~inovlab.io.read.RawTable`.

    Examples
    --------
    >>> import tempfile, os
    >>> from openpyxl import Workbook
    >>> wb = Workbook(); ws = wb.active; ws.title = "Data"
    >>> ws.append(["tahun", "nama_daerah", "skor_iid"]); ws.append([2024, "Baubau", 60.01])
    >>> ws["XFD1048576"] = " "   # a stray space far away costs nothing
    >>> p = os.path.join(tempfile.mkdtemp(), "hasil.xlsx"); wb.save(p)
    >>> t = read_xlsx(Path(p), "hasil.xlsx", None, "id")
    >>> t.sheet, t.header_row, t.frame.loc[2].tolist(), t.problems
    ('Data', 1, ['2024', 'Baubau', '60.01'], [])
    """
    with open(path, "rb") as fh:
        if fh.read(4) == OLE_MAGIC:
            return _ole_problem(path, name, lang)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        return _failed(name, "unreadable", lang, "FILE_UNREADABLE", what="Excel", error=exc)
    try:
        ws, problems, warnings = _choose_sheet(wb, sheet, name, lang)
        if problems:
            return RawTable(pd.DataFrame(), None, name, sheet=ws.title, problems=problems)
        cells = read_cells(wb, ws)
        if cells.beyond is None and _has_formulas(path, ws):
            _formulas_without_value(wb, ws, cells)
    finally:
        wb.close()
    return _table(cells, ws.title, name, lang, warnings)


def _table(cells: SheetCells, title: str, name: str, lang: str, warnings) -> RawTable:
    """Frame, header and the sheet's own problems and warnings."""
    if cells.beyond is not None:
        r, j = cells.beyond
        return RawTable(pd.DataFrame(), None, name, sheet=title, problems=[Problem(
            name, r, None, None, _msg("too_many_columns", lang, sheet=title, row=r, n=j,
                                      max=MAX_COLUMNS), "TOO_MANY_COLUMNS")])
    raw = cells_frame(cells)
    too_long = _long_cells(raw, name, lang)
    if too_long:
        return RawTable(pd.DataFrame(), None, name, sheet=title, problems=too_long)
    control = raw.apply(lambda s: s.str.contains(CONTROL_CHARS, regex=True)).to_numpy().any() \
        if len(raw) else False
    if control:
        raw = raw.apply(lambda s: s.str.replace(CONTROL_CHARS, _MARK, regex=True))
    frame, header_row, headers = build_table(raw) if len(raw) else (pd.DataFrame(), None, [])
    table = RawTable(frame, header_row, name, headers, sheet=title, warnings=list(warnings))
    if control:
        table.frame, removed = strip_marks(frame, name, lang)
        table.warnings.extend(removed)
    hidden = sorted(cells.hidden & set(frame.index))
    if hidden:
        table.warnings.append(Problem(name, None, None, None, _msg(
            "hidden", lang, sheet=title, n=len(hidden), rows=row_list(hidden, lang)),
            "HIDDEN_ROWS"))
    return table


def _long_cells(raw: pd.DataFrame, name: str, lang: str) -> list[Problem]:
    problems = []
    for j, column in enumerate(raw.columns):
        lengths = raw[column].str.len()
        for r in raw.index[(lengths > MAX_CELL_CHARS).to_numpy()][:5]:
            problems.append(Problem(name, int(r), f"kolom {j + 1}", None, _msg(
                "cell_too_long", lang, n=int(lengths.loc[r]), max=MAX_CELL_CHARS),
                "CELL_TOO_LONG"))
    return problems


def _ole_problem(path: Path, name: str, lang: str) -> RawTable:
    """An OLE container: a password-protected xlsx (``EncryptedPackage``) or an old .xls."""
    needle = "EncryptedPackage".encode("utf-16-le")
    encrypted, tail = False, b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if needle in tail + chunk:
                encrypted = True
                break
            tail = chunk[-len(needle):]
    key, code = ("encrypted", "FILE_ENCRYPTED") if encrypted else ("old_xls", "FILE_XLS_OLD")
    return RawTable(pd.DataFrame(), None, name, problems=[
        Problem(name, None, None, None, _msg(key, lang), code)])
