"""Writing tables to an XLSX workbook quickly: cells built column by column, not one by one.

A readiness check of 20,000 innovations fills about 800,000 cells; spreadsheet libraries
that build one Python object per cell (openpyxl, XlsxWriter) take 10-30 s for that. Here
each column becomes its cells' XML with vectorised string operations, rows are joined in
chunks and streamed into the zip, so memory stays bounded by the chunk, whatever the table.

What the workbook holds, and nothing else:

* one sheet per table, header row bold and frozen, the column widths given;
* text always as text (an inline string, never a formula, whatever it starts with; the
  caller still neutralises formula-like text so the file reads the same in every program),
  numbers as numbers, booleans as booleans, dates and times as Excel serial numbers with a
  date format (``yyyy-mm-dd`` for date columns);
* optionally a comment on cell A1 and a centred page header per sheet (this is how
  :func:`inovlab.io.export.write_excel` names the data source).

Characters XML cannot hold (control characters) are written as Excel's ``_xHHHH_``
escapes; infinite numbers, which a cell cannot hold, are left blank, like missing values.

The parts written are the minimal SpreadsheetML package (ECMA-376 part 1): content types,
relationships, ``workbook.xml``, ``styles.xml``, one ``worksheets/sheetN.xml`` per sheet and,
for a comment, ``commentsN.xml`` with its legacy VML drawing (which Excel needs to show it).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

MAX_ROWS = 1_048_576
"""Rows an Excel sheet holds (the header included)."""

CHUNK_CELLS = 400_000
"""Cells built and joined at once; bounds the memory a large table needs."""

COMPRESSION_LEVEL = 2
"""zlib level: a third larger than the default level 6 at a quarter of its time."""

# cell styles, indices into <cellXfs> of _STYLES
_BOLD, _DATE, _DATETIME, _TIME, _DURATION = 1, 2, 3, 4, 5
_EPOCH = np.datetime64("1899-12-30")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Sheet:
    """One table to write.

    Attributes
    ----------
    title : str
        Sheet name, already valid for Excel (at most 31 characters, none of ``[]:*?/\\``,
        unique in the workbook ignoring case).
    frame : DataFrame
        The table; its column names become the bold header row.
    widths : sequence of float
        Width of each column, in characters.
    comment : str, optional
        Text of a comment on A1.
    page_header : str, optional
        Text printed at the top centre of every page.
    """

    title: str
    frame: pd.DataFrame
    widths: Sequence[float]
    comment: str | None = None
    page_header: str | None = None


def write_workbook(sheets: Sequence[Sheet], path) -> Path:
    """Write ``sheets`` to the XLSX file ``path`` (not atomically: give a temporary path).

    Parameters
    ----------
    sheets : sequence of Sheet
        At least one.
    path : str or Path

    Raises
    ------
    ValueError
        For no sheet, or a table longer than an Excel sheet (1,048,575 rows).

    Examples
    --------
    >>> import tempfile, os
    >>> from openpyxl import load_workbook
    >>> df = pd.DataFrame({"nama": ["=x", "Bau-Bau & Buton"], "skor": [60.01, float("nan")],
    ...                    "dihitung": [True, False]})
    >>> p = write_workbook([Sheet("hasil", df, [12, 8, 10], comment="data pengguna")],
    ...                    os.path.join(tempfile.mkdtemp(), "t.xlsx"))
    >>> ws = load_workbook(p)["hasil"]
    >>> [[c.value for c in row] for row in ws.iter_rows()]
    [['nama', 'skor', 'dihitung'], ['=x', 60.01, True], ['Bau-Bau & Buton', None, False]]
    >>> ws["A2"].data_type, ws["A1"].font.bold, ws.freeze_panes, ws["A1"].comment.text
    ('s', True, 'A2', 'data pengguna')
    """
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    for sheet in sheets:
        if len(sheet.frame) >= MAX_ROWS:
            raise ValueError(f"sheet {sheet.title!r}: {len(sheet.frame):,} rows; an Excel "
                             f"sheet holds at most {MAX_ROWS - 1:,} below its header")
    path = Path(path)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=COMPRESSION_LEVEL) as zf:
        zf.writestr("[Content_Types].xml", _content_types(sheets))
        zf.writestr("_rels/.rels", _relationships(
            [(f"{_REL_NS}/officeDocument", "xl/workbook.xml")]))
        zf.writestr("xl/workbook.xml", _workbook_xml(sheets))
        zf.writestr("xl/_rels/workbook.xml.rels", _relationships(
            [(f"{_REL_NS}/worksheet", f"worksheets/sheet{i}.xml")
             for i in range(1, len(sheets) + 1)] + [(f"{_REL_NS}/styles", "styles.xml")]))
        zf.writestr("xl/styles.xml", _STYLES)
        for i, sheet in enumerate(sheets, start=1):
            _write_sheet(zf, i, sheet)
            if sheet.comment:
                zf.writestr(f"xl/comments{i}.xml", _comments_xml(sheet.comment))
                zf.writestr(f"xl/drawings/vmlDrawing{i}.vml", _VML_NOTE_A1)
                zf.writestr(f"xl/worksheets/_rels/sheet{i}.xml.rels", _relationships(
                    [(f"{_REL_NS}/vmlDrawing", f"../drawings/vmlDrawing{i}.vml"),
                     (f"{_REL_NS}/comments", f"../comments{i}.xml")]))
    return path


# -- cells ----------------------------------------------------------------------------------
def escape_text(text: pd.Series) -> pd.Series:
    """XML-escape a column of text; characters XML cannot hold become ``_xHHHH_``.

    Examples
    --------
    >>> escape_text(pd.Series(["a < b & c", "bel\\x07"])).tolist()
    ['a &lt; b &amp; c', 'bel_x0007_']
    """
    text = text.str.replace("&", "&amp;", regex=False).str.replace(
        "<", "&lt;", regex=False).str.replace(">", "&gt;", regex=False)
    if text.str.contains(_CONTROL.pattern, regex=True).any():
        text = text.str.replace(_CONTROL, lambda m: f"_x{ord(m.group()):04X}_", regex=True)
    return text


def column_letters(n: int) -> list[str]:
    """Excel's letters of the first ``n`` columns.

    Examples
    --------
    >>> column_letters(3), column_letters(28)[-2:], column_letters(703)[-1]
    (['A', 'B', 'C'], ['AA', 'AB'], 'AAA')
    """
    letters = []
    for k in range(1, n + 1):
        name = ""
        while k:
            k, rest = divmod(k - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


# A cell is written as five pieces, ``<c r="`` + letter, its row, the type attributes and
# opening tags (``between``), its value and the closing tags (``close``); the pieces of a
# whole chunk are joined once, so no string is built per cell.
_TEXT = ('" t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>")
_EMPTY_TEXT = ('" t="inlineStr">', "</c>")  # an empty string, as openpyxl writes it


def _number_text(values: np.ndarray) -> np.ndarray:
    """Shortest round-trip text of finite numbers (``repr``: Excel reads back the same float)."""
    return np.array(list(map(repr, values.tolist())), dtype=object)


def _serial(values: pd.Series) -> pd.Series:
    """Datetimes as Excel serial days (the 1900 system, with its fictitious 29 Feb 1900)."""
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)  # a cell holds wall-clock time only
    days = (values.to_numpy("datetime64[ns]") - _EPOCH) / np.timedelta64(1, "D")
    return pd.Series(np.where(days < 61, days - 1, days), index=values.index)


def _column_pieces(col: pd.Series, letter: str, rows: np.ndarray):
    """``(mask, between, values, close)`` of one column's cells (see the pieces above);
    ``values`` (and ``between``/``close`` when arrays) hold the cells where ``mask``.
    ``letter`` and ``rows`` (the row numbers as text) are used by the slow path only."""
    dtype = col.dtype
    if pd.api.types.is_bool_dtype(dtype):
        mask = col.notna().to_numpy(bool)
        values = np.where(col[mask].astype(bool).to_numpy(), "1", "0").astype(object)
        return mask, '" t="b"><v>', values, "</v></c>"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return _numeric_pieces(_serial(col), f' s="{_DATE}"')
    if pd.api.types.is_timedelta64_dtype(dtype):
        return _numeric_pieces(col / pd.Timedelta(days=1), f' s="{_DURATION}"')
    if pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        return _numeric_pieces(col, "")
    if pd.api.types.is_string_dtype(dtype) and pd.api.types.infer_dtype(
            col, skipna=True) in ("string", "empty"):
        return _text_pieces(col)
    cells = np.array([_one_cell(letter + r, v) for r, v in zip(rows, col.tolist(), strict=True)],
                     dtype=object)
    mask = cells != ""
    return mask, "", cells[mask], ""


def _numeric_pieces(col: pd.Series, style: str):
    values = pd.to_numeric(col, errors="coerce").astype(float).to_numpy()
    mask = np.isfinite(values)
    # integers keep their digits; other numbers (and dates) are written as floats
    text = _number_text(col.to_numpy()[mask] if style == "" else values[mask])
    return mask, f'"{style}><v>', text, "</v></c>"


def _text_pieces(col: pd.Series):
    text = col.astype("string")
    mask = text.notna().to_numpy(bool)
    values = escape_text(text[mask]).to_numpy(dtype=object)
    empty = values == ""
    return (mask, np.where(empty, _EMPTY_TEXT[0], _TEXT[0]), values,
            np.where(empty, _EMPTY_TEXT[1], _TEXT[1]))


def _one_cell(ref: str, value) -> str:
    """One cell of a column of mixed values after its ``<c r="{ref}``, or ``""`` for none
    (the slow path, for object columns that are not all text)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return f'" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float, decimal.Decimal)):
        number = float(value)
        if not math.isfinite(number):
            return ""
        return f'"><v>{value if isinstance(value, int) else repr(number)}</v></c>'
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        number, style = _date_number(value)
        return f'" s="{style}"><v>{number!r}</v></c>'
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(map(str, value))
    text = escape_text(pd.Series([str(value)], dtype=object)).iloc[0]
    return (_TEXT[0] + text + _TEXT[1]) if text else (_EMPTY_TEXT[0] + _EMPTY_TEXT[1])


def _date_number(value) -> tuple[float, int]:
    """``(serial, style)`` of a date, datetime, time or duration."""
    if isinstance(value, dt.timedelta):
        return value / dt.timedelta(days=1), _DURATION
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second
                + value.microsecond / 1e6) / 86400, _TIME
    style = _DATETIME if isinstance(value, dt.datetime) else _DATE
    if isinstance(value, dt.datetime):
        value = value.replace(tzinfo=None)
    else:
        value = dt.datetime(value.year, value.month, value.day)
    days = (value - dt.datetime(1899, 12, 30)) / dt.timedelta(days=1)
    return (days - 1 if days < 61 else days), style


# -- one sheet ------------------------------------------------------------------------------
def _write_sheet(zf: zipfile.ZipFile, number: int, sheet: Sheet) -> None:
    """Stream ``xl/worksheets/sheet<number>.xml``: header, then rows in chunks."""
    frame = sheet.frame
    letters = column_letters(len(frame.columns))
    big = len(frame) * max(len(letters), 1) > 20 * CHUNK_CELLS  # may pass 2 GiB unzipped
    with zf.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=big) as fh:
        fh.write(_sheet_start(sheet, letters, number == 1).encode())
        if letters:
            header = "".join(
                f'<c r="{c}1" s="{_BOLD}" t="inlineStr"><is><t xml:space="preserve">{t}</t>'
                "</is></c>" for c, t in zip(letters, escape_text(pd.Series(
                    [str(c) for c in frame.columns], dtype=object)), strict=True))
            fh.write(f'<row r="1">{header}</row>'.encode())
        step = max(1, CHUNK_CELLS // max(len(letters), 1))
        for start in range(0, len(frame) if letters else 0, step):
            fh.write(_rows_xml(frame.iloc[start:start + step], letters, start + 2))
        fh.write(_sheet_end(sheet).encode())


def _rows_xml(chunk: pd.DataFrame, letters: list[str], first_row: int) -> bytes:
    """``<row>`` elements of ``chunk``, whose first row is sheet row ``first_row``."""
    rows = np.arange(first_row, first_row + len(chunk)).astype(str).astype(object)
    grid = np.full((len(chunk), 5 * len(letters) + 2), "", dtype=object)
    grid[:, 0] = '<row r="' + rows + '">'
    for j, letter in enumerate(letters):
        mask, between, values, close = _column_pieces(chunk.iloc[:, j], letter, rows)
        at = slice(None) if mask.all() else np.flatnonzero(mask)
        for k, piece in enumerate(('<c r="' + letter, rows[at], between, values, close)):
            grid[at, 5 * j + 1 + k] = piece
    grid[:, -1] = "</row>"
    return "".join(grid.ravel().tolist()).encode()


def _sheet_start(sheet: Sheet, letters: list[str], first: bool) -> str:
    last = f"{letters[-1]}{len(sheet.frame) + 1}" if letters else "A1"
    cols = "".join(f'<col min="{j}" max="{j}" width="{float(w):g}" customWidth="1"/>'
                   for j, w in enumerate(sheet.widths, start=1))
    selected = ' tabSelected="1"' if first else ""
    return (f'{_HEAD}<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}">'
            f'<dimension ref="A1:{last}"/>'
            f'<sheetViews><sheetView{selected} workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")


def _sheet_end(sheet: Sheet) -> str:
    end = ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
           'header="0.3" footer="0.3"/>')
    if sheet.page_header:
        header = _xml(sheet.page_header.replace("&", "&&"))  # "&" starts a header code
        end += f"<headerFooter><oddHeader>&amp;C{header}</oddHeader></headerFooter>"
    if sheet.comment:
        end += '<legacyDrawing r:id="rId1"/>'
    return end + "</worksheet>"


# -- the package around the sheets ----------------------------------------------------------
def _xml(text: str) -> str:
    return escape_text(pd.Series([str(text)], dtype=object)).iloc[0].replace('"', "&quot;")


def _relationships(targets: list[tuple[str, str]]) -> str:
    items = "".join(f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
                    for i, (kind, target) in enumerate(targets, start=1))
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL_NS}">{items}</Relationships>'


def _content_types(sheets: Sequence[Sheet]) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    parts = [("/xl/workbook.xml", f"{office}.spreadsheetml.sheet.main+xml"),
             ("/xl/styles.xml", f"{office}.spreadsheetml.styles+xml")]
    for i, sheet in enumerate(sheets, start=1):
        parts.append((f"/xl/worksheets/sheet{i}.xml", f"{office}.spreadsheetml.worksheet+xml"))
        if sheet.comment:
            parts.append((f"/xl/comments{i}.xml", f"{office}.spreadsheetml.comments+xml"))
    overrides = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in parts)
    return (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Default Extension="vml" ContentType="{office}.vmlDrawing"/>{overrides}</Types>')


def _workbook_xml(sheets: Sequence[Sheet]) -> str:
    items = "".join(f'<sheet name="{_xml(s.title)}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, s in enumerate(sheets, start=1))
    return (f'{_HEAD}<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}"><bookViews><workbookView/>'
            f'</bookViews><sheets>{items}</sheets><calcPr calcId="124519"/></workbook>')


def _comments_xml(text: str) -> str:
    return (f'{_HEAD}<comments xmlns="{_NS}"><authors><author>inovlab</author></authors>'
            '<commentList><comment ref="A1" authorId="0"><text><t xml:space="preserve">'
            f"{_xml(text)}</t></text></comment></commentList></comments>")


_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_NS}">'
    '<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/>'
    '<numFmt numFmtId="166" formatCode="h:mm:ss"/>'
    '<numFmt numFmtId="167" formatCode="[hh]:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    + "".join(f'<xf numFmtId="{k}" fontId="0" fillId="0" borderId="0" xfId="0" '
              'applyNumberFormat="1"/>' for k in (164, 165, 166, 167))
    + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')
"""Cell styles: 0 plain, 1 bold (header), 2 date, 3 date and time, 4 time, 5 duration."""

# The legacy drawing Excel needs to show the comment on A1: one hidden yellow text box
# anchored beside the cell (the comment's text itself lives in commentsN.xml).
_VML_NOTE_A1 = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:'
    'office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;'
    'margin-left:60pt;margin-top:1.5pt;width:180pt;height:45pt;z-index:1;visibility:hidden" '
    'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
    '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    '<x:Anchor>1, 15, 0, 2, 4, 15, 3, 16</x:Anchor><x:AutoFill>False</x:AutoFill>'
    '<x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>')
