"""The words of input validation, and the collector that turns bad cells into Problems.

:data:`MESSAGES` holds every reason a check can give (Indonesian and English), keyed by
the stable problem ``code``; :class:`CellChecker` parses and checks the columns of one
file and records one :class:`~inovlab.errors.Problem` per bad cell, with the Excel row
number and the column as the user wrote it.
"""

from __future__ import annotations

import contextlib
import sys
import warnings

import numpy as np
import pandas as pd

from inovlab.errors import Problem
from inovlab.io.parsing import RARE_SPACES, SPACES, as_text, parse_numbers
from inovlab.io.read import RawTable

MESSAGES = {
    "EMPTY_FILE": {"id": "Berkas kosong.", "en": "The file is empty."},
    "HEADER_ONLY": {"id": "Berkas hanya berisi judul kolom, tanpa baris data.",
                    "en": "The file has column headers but no data rows."},
    "DELIMITER": {"id": "Hanya satu kolom terbaca. Pisahkan kolom dengan koma (,) atau titik "
                        "koma (;), atau simpan sebagai .xlsx.",
                  "en": "Only one column could be read. Separate columns with a comma (,) or "
                        "semicolon (;), or save as .xlsx."},
    "NO_TABLE": {"id": "Sheet '{sheet}' tidak memuat tabel dengan judul kolom yang dikenali. "
                       "Bila tabelnya ada di sheet lain, pilih sheet itu dengan opsi --sheet.",
                 "en": "Sheet '{sheet}' holds no table with known column headers. If the "
                       "table is on another sheet, choose that sheet with the --sheet option."},
    "MISSING_COLUMN": {"id": "Kolom wajib tidak ada: {missing}. Kolom yang ditemukan: {found}.",
                       "en": "Required column missing: {missing}. Columns found: {found}."},
    "DUPLICATE_COLUMN": {"id": "Kolom '{a}' dan '{b}' sama-sama berarti '{canon}'; hapus salah "
                               "satunya.",
                         "en": "Columns '{a}' and '{b}' both mean '{canon}'; remove one."},
    "REQUIRED_BLANK": {"id": "Wajib diisi.", "en": "Must not be blank."},
    "NOT_NUMBER": {"id": "Bukan angka.", "en": "Not a number."},
    "NOT_INTEGER": {"id": "Harus bilangan bulat.", "en": "Must be a whole number."},
    "FORMULA": {"id": "Berisi rumus Excel, bukan nilai. Salin lalu tempel sebagai nilai "
                      "(Paste Values).",
                "en": "Contains an Excel formula, not a value. Copy and paste as values."},
    "NEGATIVE": {"id": "Tidak boleh negatif.", "en": "Must not be negative."},
    "LEVEL_RANGE": {"id": "Level harus 0, 1, 2 atau 3 (kosong = 0).",
                    "en": "Level must be 0, 1, 2 or 3 (blank = 0)."},
    "SCORE_RANGE": {"id": "Skor IID harus antara 0 dan 100.",
                    "en": "IID score must be between 0 and 100."},
    "RANK_RANGE": {"id": "Peringkat harus 1 atau lebih.", "en": "Rank must be 1 or more."},
    "YEAR_RANGE": {"id": "Tahun tidak masuk akal (harus antara 2000 dan 2100).",
                   "en": "Implausible year (must be between 2000 and 2100)."},
    "UNKNOWN_CYCLE": {"id": "Tahun {value} bukan siklus yang dikenal. Siklus yang tersedia: "
                            "{cycles}.",
                      "en": "Year {value} is not a known cycle. Known cycles: {cycles}."},
    "CYCLE_MISMATCH": {"id": "Tahun {value} berbeda dengan siklus yang diminta ({cycle}).",
                       "en": "Year {value} differs from the requested cycle ({cycle})."},
    "REGION_MISMATCH": {"id": "Kode wilayah {kode} ({official}) tidak cocok dengan nama daerah "
                              "'{name}' ({other}).",
                        "en": "Region code {kode} ({official}) does not match the region name "
                              "'{name}' ({other})."},
    "STAGE_UNKNOWN": {"id": "Tahapan tidak dikenal; isi salah satu: inisiatif, uji coba, "
                            "penerapan.",
                      "en": "Unknown stage; use one of: inisiatif, uji coba, penerapan."},
    "PREDICATE_UNKNOWN": {"id": "Predikat tidak dikenal; isi salah satu: Sangat Inovatif, "
                                "Inovatif, Kurang Inovatif, Tidak Dapat Dinilai.",
                          "en": "Unknown predicate; use one of: Sangat Inovatif, Inovatif, "
                                "Kurang Inovatif, Tidak Dapat Dinilai."},
    "DATE_INVALID": {"id": "Tanggal tidak dikenali; tulis 2024-03-31 atau 31/03/2024.",
                     "en": "Date not recognised; write 2024-03-31 or 31/03/2024."},
    "INDICATOR_UNKNOWN": {"id": "Kode indikator '{value}' tidak ada pada kerangka tahun {cycle}. "
                                "Kode yang dikenal: {known}.",
                          "en": "Indicator code '{value}' is not in the {cycle} framework. "
                                "Known codes: {known}."},
    "DUPLICATE_ID": {"id": "id_inovasi '{value}' dipakai lebih dari sekali untuk {region} tahun "
                           "{tahun} (juga di {others}).",
                     "en": "id_inovasi '{value}' is used more than once for {region} in "
                           "{tahun} (also at {others})."},
    "DUPLICATE_ROW": {"id": "Data yang sama ({what}) muncul lebih dari sekali (juga di {others}).",
                      "en": "The same entry ({what}) appears more than once (also at {others})."},
    "ROW": {"id": "baris", "en": "row"},
    "OK": {"id": "OK: {files} berkas, {rows} baris, {regions} daerah, tahun {years} "
                 "(tabel {kind}).",
           "en": "OK: {files} file(s), {rows} rows, {regions} region(s), year(s) {years} "
                 "({kind} table)."},
    "NO_KIND": {"id": "Jenis tabel tidak dapat ditebak dari kolom {file} ({found}). "
                      "Pakai --kind hasil|spd|inovasi.",
                "en": "Cannot tell the table kind from the columns of {file} ({found}). "
                      "Use --kind hasil|spd|inovasi."},
    "MIXED_KIND": {"id": "Berkas berisi jenis tabel berbeda ({kinds}); periksa satu jenis sekaligus.",
                   "en": "The files hold different table kinds ({kinds}); check one kind at a "
                         "time."},
    "BAD_KIND": {"id": "Jenis tabel harus salah satu dari: hasil, spd, inovasi.",
                 "en": "Table kind must be one of: hasil, spd, inovasi."},
    "NO_FILES": {"id": "Tidak ada berkas yang diberikan.", "en": "No file given."},
}

MAX_VALUE = 60
_LEVEL_TEXTS = ["", "0", "1", "2", "3"]
"""Characters of an offending value shown in a message."""


def problem_text(key: str, lang: str, **kw) -> str:
    """The reason for problem ``key`` in ``lang``.

    Examples
    --------
    >>> problem_text("NEGATIVE", "en")
    'Must not be negative.'
    """
    text = MESSAGES[key]["en" if lang == "en" else "id"]
    return text.format(**kw) if kw else text


def short_value(value) -> str | None:
    """``value`` as text, cut to :data:`MAX_VALUE` characters for display.

    Examples
    --------
    >>> short_value("x" * 70)[-2:]
    'x…'
    """
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 1] + "…"


class CellChecker:
    """Collects the problems of one file from boolean masks (one Problem per flagged row).

    Examples
    --------
    >>> from inovlab.io.read import RawTable
    >>> frame = pd.DataFrame({"Level": ["1", "5"]}, index=[2, 3])
    >>> raw = RawTable(frame, header_row=1, name="a.csv", headers=["Level"])
    >>> col = CellChecker(raw, {"level": "Level"}, "id")
    >>> col.levels("level").tolist(), [(p.row, p.code) for p in col.problems]
    ([1, 0], [(3, 'LEVEL_RANGE')])
    """

    def __init__(self, raw: RawTable, written: dict[str, str], lang: str):
        self.raw = raw
        self.written = written  # canonical -> header as written
        self.lang = lang
        self.problems: list[Problem] = []
        self._texts: dict[str, pd.Series] = {}

    def file(self, code: str, column: str | None = None, value=None, **kw) -> None:
        self.problems.append(Problem(self.raw.name, None, column, short_value(value),
                                     problem_text(code, self.lang, value=value, **kw), code))

    def rows(self, mask: pd.Series, canon: str, code: str, reason=None, values=None) -> None:
        """``reason``: None (message of ``code``) or a Series of texts aligned with mask."""
        if not mask.any():
            return
        idx = mask.index[mask.to_numpy()]
        col = self.written.get(canon, canon)
        vals = (values if values is not None else self.raw.frame[col]).loc[idx]
        if reason is None:
            text = problem_text(code, self.lang)
            reasons = [text] * len(idx)
        else:
            reasons = reason.loc[idx].tolist()
        name = self.raw.name
        self.problems.extend(Problem(name, int(r), col, short_value(v), t, code)
                             for r, v, t in zip(idx, vals.tolist(), reasons, strict=True))

    def numbers(self, canon: str, integer=False, minimum=None, maximum=None,
                range_code="NEGATIVE", required=False, source=None) -> pd.Series:
        """Parse a numeric column, reporting formula/text/fraction/range problems."""
        raw = self.raw.frame[self.written[canon]] if source is None else source
        p = parse_numbers(raw, integer=integer)
        self.rows(p["formula"], canon, "FORMULA")
        self.rows(p["bad"], canon, "NOT_NUMBER")
        self.rows(p["not_integer"], canon, "NOT_INTEGER")
        if required:
            self.rows(p["blank"], canon, "REQUIRED_BLANK")
        v = p["value"]
        out_of_range = pd.Series(False, index=v.index)
        if minimum is not None:
            out_of_range |= v < minimum
        if maximum is not None:
            out_of_range |= v > maximum
        self.rows(out_of_range & ~p["not_integer"], canon, range_code)
        return v.mask(out_of_range | p["not_integer"])

    def levels(self, canon: str) -> pd.Series:
        """Evidence levels 0-3 (blank = 0) as int; bad cells become 0 after reporting."""
        import pyarrow as pa
        import pyarrow.compute as pc

        raw = as_text(self.raw.frame[self.written[canon]])
        # most cells are "", "0".."3": read those directly, parse only the rest
        codes = pc.index_in(pa.array(raw), value_set=pa.array(_LEVEL_TEXTS)).fill_null(-1).to_numpy()
        out = np.maximum(codes.astype("int64") - 1, 0)
        other = codes < 0
        if other.any():
            p = parse_numbers(raw[other], integer=True)
            self.rows(p["formula"], canon, "FORMULA")
            self.rows(p["bad"], canon, "NOT_NUMBER")
            v = p["value"]
            self.rows(v.notna() & ~v.isin([0, 1, 2, 3]), canon, "LEVEL_RANGE")
            out[other] = v.where(v.isin([0, 1, 2, 3]), 0).to_numpy(dtype="int64")
        return pd.Series(out, index=raw.index)

    def text(self, canon: str, required=False) -> pd.Series:
        """A text column with runs of spaces made one and ends stripped (read once)."""
        if canon not in self._texts:
            self._texts[canon] = squeeze_spaces(as_text(self.raw.frame[self.written[canon]]))
        s = self._texts[canon]
        if required:
            self.rows(s.eq(""), canon, "REQUIRED_BLANK")
        return s


def squeeze_spaces(text: pd.Series) -> pd.Series:
    """Runs of spaces, tabs, line breaks and no-break spaces made one space; ends stripped.

    Only the cells that need it are rewritten (most cells are already clean).

    Examples
    --------
    >>> squeeze_spaces(pd.Series(["Dinas  Kesehatan ", "Bappeda", "a\u00a0\tb"])).tolist()
    ['Dinas Kesehatan', 'Bappeda', 'a b']
    """
    text = text.str.strip()
    messy = text.str.contains("  |" + RARE_SPACES[:-1] + "\t\n\r\xa0]", regex=True).to_numpy(
        dtype=bool, na_value=False)
    if messy.any():
        text = text.copy()
        text[messy] = text[messy].str.replace(SPACES + "+", " ", regex=True)
    return text


def map_text(text: pd.Series, mapping: dict) -> pd.Series:
    """``text.map(mapping)`` computed once per distinct value (None where unmapped).

    Examples
    --------
    >>> map_text(pd.Series(["a", "b", "a", "c"]), {"a": 1, "b": 2}).tolist()
    [1, 2, 1, None]
    """
    codes, uniques = pd.factorize(text)
    mapped = np.array([mapping.get(u) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=text.index, dtype=object)


# ------------------------------------------------------------------ warnings
class InputWarning(UserWarning):
    """Something the user should know about an input file that was still read.

    Carries the :class:`~inovlab.errors.Problem` (file, row, column, reason, code), so
    the command line can print it like a problem, and a notebook shows it as a warning.
    """

    def __init__(self, problem: Problem, lang: str = "id"):
        super().__init__(format_warning(problem, lang))
        self.problem = problem


_WARNING_WORD = {"id": "Peringatan", "en": "Warning"}
_ROW_WORD = {"id": ("baris", "kolom"), "en": ("row", "column")}


def format_warning(problem: Problem, lang: str = "id") -> str:
    """One line: ``Peringatan: file, baris 3, kolom 'x': reason``.

    Examples
    --------
    >>> format_warning(Problem("a.csv", 3, "opd", None, "karakter kontrol dihapus", "CONTROL_CHARS"))
    "Peringatan: a.csv, baris 3, kolom 'opd': karakter kontrol dihapus"
    """
    lang = "en" if lang == "en" else "id"
    row_word, col_word = _ROW_WORD[lang]
    where = [problem.file]
    if problem.row is not None:
        where.append(f"{row_word} {problem.row}")
    if problem.column is not None:
        where.append(f"{col_word} '{problem.column}'")
    return f"{_WARNING_WORD[lang]}: {', '.join(where)}: {problem.reason}"


def emit_warnings(problems: list[Problem], lang: str = "id") -> None:
    """Raise each problem as an :class:`InputWarning` (Python's warnings machinery)."""
    for p in problems:
        warnings.warn(InputWarning(p, lang), stacklevel=3)


@contextlib.contextmanager
def printed_warnings(lang: str = "id", stream=None):
    """Print every :class:`InputWarning` raised inside the block once, as it happens.

    The command line wraps each command in this, so every reader (``validate``, ``score``,
    ``check``, ``run`` planning) shows its warnings the same way; other warnings keep
    Python's usual display.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with printed_warnings("en", out):
    ...     emit_warnings([Problem("a.csv", None, None, None, "hidden rows", "HIDDEN_ROWS")] * 2)
    >>> print(out.getvalue().strip())
    Warning: a.csv: hidden rows
    """
    seen: set = set()
    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        previous = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if not issubclass(category, InputWarning):
                return previous(message, category, filename, lineno, file, line)
            p = message.problem
            key = (p.file, p.row, p.column, p.code, p.reason)
            if key not in seen:
                seen.add(key)
                print(format_warning(p, lang), file=stream or sys.stderr)
            return None

        warnings.showwarning = show
        yield
