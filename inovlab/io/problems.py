"""The words of input validation, and the collector that turns bad cells into Problems.

:data:`MESSAGES` holds every reason a check can give (Indonesian and English), keyed by
the stable problem ``code``; :class:`CellChecker` parses and checks the columns of one
file and records one :class:`~inovlab.errors.Problem` per bad cell, with the Excel row
number and the column as the user wrote it.
"""

from __future__ import annotations

import pandas as pd

from inovlab.errors import Problem
from inovlab.io.parsing import parse_numbers
from inovlab.io.read import RawTable

MESSAGES = {
    "EMPTY_FILE": {"id": "Berkas kosong.", "en": "The file is empty."},
    "HEADER_ONLY": {"id": "Berkas hanya berisi judul kolom, tanpa baris data.",
                    "en": "The file has column headers but no data rows."},
    "DELIMITER": {"id": "Hanya satu kolom terbaca. Pisahkan kolom dengan koma (,) atau titik "
                        "koma (;), atau simpan sebagai .xlsx.",
                  "en": "Only one column could be read. Separate columns with a comma (,) or "
                        "semicolon (;), or save as .xlsx."},
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
        raw = self.raw.frame[self.written[canon]]
        p = parse_numbers(raw, integer=True)
        self.rows(p["formula"], canon, "FORMULA")
        self.rows(p["bad"], canon, "NOT_NUMBER")
        v = p["value"]
        out = v.notna() & ~v.isin([0, 1, 2, 3])
        self.rows(out, canon, "LEVEL_RANGE")
        return v.where(v.isin([0, 1, 2, 3]), 0).astype("int64")

    def text(self, canon: str, required=False) -> pd.Series:
        s = self.raw.frame[self.written[canon]].str.replace(r"\s+", " ", regex=True).str.strip()
        if required:
            self.rows(s.eq(""), canon, "REQUIRED_BLANK")
        return s
