"""Read, check and canonicalise input tables (``hasil``, ``spd``, ``inovasi``).

:func:`load_table` reads one or several files (several OPD files are checked together),
checks every cell with vectorised pandas, and either returns the canonical table of the
data contract or raises :class:`~inovlab.errors.DataError` carrying *every* problem of
every file: file, Excel row number as the user sees it (the header is its own row, the
first data row is the header's row + 1), column as written in the file, value, a reason
in plain Indonesian (English with ``lang="en"``) and a stable ``code``.

Problem codes
-------------
``EMPTY_FILE``, ``HEADER_ONLY``, ``DELIMITER``, ``FILE_FORMAT``, ``FILE_UNREADABLE``,
``MISSING_COLUMN``, ``DUPLICATE_COLUMN``, ``REQUIRED_BLANK``, ``NOT_NUMBER``,
``NOT_INTEGER``, ``FORMULA``, ``NEGATIVE``, ``LEVEL_RANGE``, ``SCORE_RANGE``,
``RANK_RANGE``, ``YEAR_RANGE``, ``UNKNOWN_CYCLE``, ``CYCLE_MISMATCH``, ``REGION_UNKNOWN``,
``REGION_AMBIGUOUS``, ``REGION_MISMATCH``, ``STAGE_UNKNOWN``, ``PREDICATE_UNKNOWN``,
``DATE_INVALID``, ``INDICATOR_UNKNOWN``, ``DUPLICATE_ID``, ``DUPLICATE_ROW``.

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
``sumber_data = "user"`` and ``kind``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.errors import DataError, Problem, UsageError
from inovlab.io import glossary
from inovlab.io.read import RawTable, read_raw_table
from inovlab.io.regions import JENIS, describe_problem, resolve_names

STAGES = {
    "inisiatif": "inisiatif", "initiative": "inisiatif", "inisiasi": "inisiatif",
    "ujicoba": "uji coba", "trial": "uji coba", "pilot": "uji coba", "pilottest": "uji coba",
    "penerapan": "penerapan", "implementation": "penerapan", "diterapkan": "penerapan",
    "implemented": "penerapan",
}
PREDICATES = {
    "sangat inovatif": "Sangat Inovatif", "very innovative": "Sangat Inovatif",
    "inovatif": "Inovatif", "innovative": "Inovatif",
    "kurang inovatif": "Kurang Inovatif", "less innovative": "Kurang Inovatif",
    "tidak dapat dinilai": "Tidak Dapat Dinilai", "not assessable": "Tidak Dapat Dinilai",
    "cannot be assessed": "Tidak Dapat Dinilai",
}

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
    "WRITTEN": {"id": "Tabel bersih ditulis ke {path}", "en": "Clean table written to {path}"},
    "NO_KIND": {"id": "Jenis tabel tidak dapat ditebak dari kolom {file} ({found}). "
                      "Pakai --kind hasil|spd|inovasi.",
                "en": "Cannot tell the table kind from the columns of {file} ({found}). "
                      "Use --kind hasil|spd|inovasi."},
    "MIXED_KIND": {"id": "Berkas berisi jenis tabel berbeda ({kinds}); periksa satu jenis sekaligus.",
                   "en": "The files hold different table kinds ({kinds}); check one kind at a "
                         "time."},
    "BAD_KIND": {"id": "Jenis tabel harus salah satu dari: hasil, spd, inovasi.",
                 "en": "Table kind must be one of: hasil, spd, inovasi."},
    "OUT_IS_INPUT": {"id": "--out {path} sama dengan berkas masukan; berkas masukan tidak "
                           "pernah ditimpa. Pilih nama lain.",
                     "en": "--out {path} is one of the input files; inputs are never "
                           "overwritten. Choose another name."},
    "NO_FILES": {"id": "Tidak ada berkas yang diberikan.", "en": "No file given."},
}

_MAX_VALUE = 60


def _m(key: str, lang: str, **kw) -> str:
    text = MESSAGES[key]["en" if lang == "en" else "id"]
    return text.format(**kw) if kw else text


def _short(value) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE - 1] + "…"


# -- vectorised parsers -------------------------------------------------------------------
def parse_numbers(text: pd.Series, integer: bool = False) -> pd.DataFrame:
    """Parse text numbers with a decimal comma or point; vectorised.

    ``60,01`` and ``60.01`` are 60.01; ``1.234,5`` and ``1,234.5`` are 1234.5; in integer
    columns ``1.234`` is 1234 (thousands separator). Blank gives NaN.

    Returns
    -------
    DataFrame
        ``value`` (float), ``blank``, ``formula`` (text starting with ``=``), ``bad`` (not
        a number), ``not_integer`` (a fraction where an integer is required).

    Examples
    --------
    >>> r = parse_numbers(pd.Series(["60,01", "1.234", "", "=SUM(A1)", "abc", "2,5"]), integer=True)
    >>> r["value"].tolist()[:2], r["bad"].tolist(), r["not_integer"].tolist()[-1]
    ([60.01, 1234.0], [False, False, False, False, True, False], True)
    """
    raw = text.astype(str)
    blank = raw.str.strip().eq("")
    # fast path: plain numbers (most cells); only the rest goes through text rules
    value = pd.to_numeric(raw.mask(blank), errors="coerce").astype(float)
    value[np.isinf(value)] = np.nan
    slow = value.isna() & ~blank
    if integer:
        # "5.000" is a whole number to to_numeric, but in a count it means five thousand
        grouped = raw.str.strip().str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+")
        slow |= (value.notna() & (np.floor(value) != value)) | grouped
    formula = pd.Series(False, index=text.index)
    if slow.any():
        s = raw[slow].str.replace(r"[\s\u00a0]", "", regex=True)
        formula[slow] = s.str.startswith("=").to_numpy()
        if integer:
            thousands = s.str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+")
            s = s.mask(thousands, s.str.replace(".", "", regex=False))
        both = s.str.contains(",", regex=False) & s.str.contains(".", regex=False)
        comma_last = s.str.rfind(",") > s.str.rfind(".")
        s = s.mask(both & comma_last, s.str.replace(".", "", regex=False))
        s = s.mask(both & ~comma_last, s.str.replace(",", "", regex=False))
        s = s.str.replace(",", ".", regex=False)
        parsed = pd.to_numeric(s.mask(formula[slow]), errors="coerce").astype(float)
        parsed[np.isinf(parsed)] = np.nan
        value[slow] = parsed.to_numpy()
    bad = ~blank & ~formula & value.isna()
    not_integer = value.notna() & (np.floor(value) != value) if integer else pd.Series(
        False, index=text.index)
    return pd.DataFrame({"value": value, "blank": blank, "formula": formula, "bad": bad,
                         "not_integer": not_integer}, index=text.index)


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse ISO (``2024-03-31``) or day-first (``31/03/2024``, ``31-03-2024``) dates.

    Returns ``(dates, bad)``; blank gives NaT and is not bad.

    Examples
    --------
    >>> d, bad = parse_dates(pd.Series(["2024-03-31", "1/4/2024", "", "kemarin"]))
    >>> [str(x.date()) if pd.notna(x) else None for x in d], bad.tolist()
    (['2024-03-31', '2024-04-01', None, None], [False, False, False, True])
    """
    s = text.astype(str).str.strip()
    blank = s.eq("")
    iso_src = s.str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T][\d:.]+)?$")[0]
    iso = pd.to_datetime(iso_src, format="%Y-%m-%d", errors="coerce")
    dmy_src = s.where(s.str.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}")).str.replace(
        r"[.\-]", "/", regex=True)
    dmy = pd.to_datetime(dmy_src, format="%d/%m/%Y", errors="coerce")
    dates = iso.fillna(dmy).astype("datetime64[ns]")
    return dates, ~blank & dates.isna()


# -- problem collection -------------------------------------------------------------------
class _Collector:
    """Collects problems for one file from boolean masks (one Problem per flagged row)."""

    def __init__(self, raw: RawTable, written: dict[str, str], lang: str):
        self.raw = raw
        self.written = written  # canonical -> header as written
        self.lang = lang
        self.problems: list[Problem] = []

    def file(self, code: str, column: str | None = None, value=None, **kw) -> None:
        self.problems.append(Problem(self.raw.name, None, column, _short(value),
                                     _m(code, self.lang, value=value, **kw), code))

    def rows(self, mask: pd.Series, canon: str, code: str, reason=None, values=None) -> None:
        """``reason``: None (message of ``code``) or a Series of texts aligned with mask."""
        if not mask.any():
            return
        idx = mask.index[mask.to_numpy()]
        col = self.written.get(canon, canon)
        vals = (values if values is not None else self.raw.frame[col]).loc[idx]
        if reason is None:
            text = _m(code, self.lang)
            reasons = [text] * len(idx)
        else:
            reasons = reason.loc[idx].tolist()
        name = self.raw.name
        self.problems.extend(Problem(name, int(r), col, _short(v), t, code)
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


# -- the checks ---------------------------------------------------------------------------
def _map_headers(raw: RawTable, col: _Collector) -> dict[str, str]:
    """canonical -> frame column; reports two file columns meaning the same thing."""
    mapping: dict[str, str] = {}
    for frame_col, written in zip(raw.frame.columns, raw.headers, strict=True):
        canon = glossary.canonical_name(written) if written else None
        if canon is None:
            continue
        if canon in mapping:
            col.file("DUPLICATE_COLUMN", column=written, a=col.written[canon], b=written,
                     canon=canon)
            continue
        mapping[canon] = frame_col
        col.written[canon] = frame_col
    return mapping


def _cycles() -> list[int]:
    from inovlab.rules.framework import available_cycles

    return available_cycles()


def _framework(cycle: int):
    from inovlab.rules.framework import load_framework

    return load_framework(int(cycle))


def _check_tahun(raw, col, mapping, kind, cycle) -> pd.Series:
    index = raw.frame.index
    if "tahun" not in mapping:
        if cycle is not None:
            return pd.Series(float(cycle), index=index)
        return pd.Series(np.nan, index=index)
    known = _cycles()
    if kind == "hasil":
        tahun = col.numbers("tahun", integer=True, minimum=2000, maximum=2100,
                            range_code="YEAR_RANGE", required=True)
        return tahun
    tahun = col.numbers("tahun", integer=True, required=True)
    unknown = tahun.notna() & ~tahun.isin(known)
    if unknown.any():
        cycles = ", ".join(map(str, known))
        reasons = tahun.loc[unknown].map(
            lambda v: _m("UNKNOWN_CYCLE", col.lang, value=int(v), cycles=cycles))
        col.rows(unknown, "tahun", "UNKNOWN_CYCLE", reason=reasons.reindex(index))
    if cycle is not None:
        other = tahun.notna() & tahun.isin(known) & (tahun != cycle)
        reasons = tahun.loc[other].map(
            lambda v: _m("CYCLE_MISMATCH", col.lang, value=int(v), cycle=cycle))
        col.rows(other, "tahun", "CYCLE_MISMATCH", reason=reasons.reindex(index))
    return tahun.mask(unknown)


def _jenis_hint(text: pd.Series) -> pd.Series:
    t = text.str.lower().str.strip()
    out = pd.Series(None, index=text.index, dtype=object)
    out[t.str.startswith("kab")] = "kabupaten"
    out[t.str.startswith("kot")] = "kota"
    out[t.str.startswith("prov") | t.str.startswith("prop")] = "provinsi"
    return out.where(out.isin(JENIS), None)


def _check_region(raw, col, mapping) -> tuple[pd.Series, pd.Series]:
    """kode_wilayah and official nama_daerah per row (None where unresolved)."""
    index = raw.frame.index
    hint = _jenis_hint(col.text("jenis")) if "jenis" in mapping else pd.Series(
        None, index=index, dtype=object)
    kode = pd.Series(None, index=index, dtype=object)
    nama = pd.Series(None, index=index, dtype=object)

    def resolve(canon, rows_mask):
        text = col.text(canon)
        res = resolve_names(text.to_numpy(), jenis=hint.to_numpy())
        res.index = index
        given = text.ne("") & rows_mask
        for status, code in (("unknown", "REGION_UNKNOWN"), ("ambiguous", "REGION_AMBIGUOUS")):
            bad = given & res["status"].eq(status)
            if bad.any():
                reasons = pd.Series([describe_problem(n, s, c, col.lang) for n, s, c in zip(
                    text[bad], res.loc[bad, "status"], res.loc[bad, "candidates"], strict=True)],
                    index=index[bad.to_numpy()])
                col.rows(bad, canon, code, reason=reasons.reindex(index))
        return text, res

    if "kode_wilayah" in mapping:
        k_text, k_res = resolve("kode_wilayah", pd.Series(True, index=index))
        kode = k_res["kode_wilayah"].where(k_res["status"].eq("ok"), None)
        nama = k_res["nama_daerah"].where(k_res["status"].eq("ok"), None)
    if "nama_daerah" in mapping:
        use_name = kode.isna()
        if "kode_wilayah" in mapping:
            use_name &= k_text.eq("")
        n_text, n_res = resolve("nama_daerah", use_name)
        ok = n_res["status"].eq("ok")
        fill = use_name & ok
        kode = kode.mask(fill, n_res["kode_wilayah"])
        nama = nama.mask(fill, n_res["nama_daerah"])
        if "kode_wilayah" in mapping:
            both = ~use_name & kode.notna() & ok & n_res["kode_wilayah"].ne(kode)
            if both.any():
                reasons = pd.Series([_m("REGION_MISMATCH", col.lang, kode=k, official=o, name=n,
                                        other=x) for k, o, n, x in zip(
                    kode[both], nama[both], n_text[both], n_res.loc[both, "nama_daerah"], strict=True)],
                    index=index[both.to_numpy()])
                col.rows(both, "nama_daerah", "REGION_MISMATCH", reason=reasons.reindex(index))
    blank = kode.isna()
    if "kode_wilayah" in mapping:
        blank &= col.text("kode_wilayah").eq("")
    if "nama_daerah" in mapping:
        blank &= col.text("nama_daerah").eq("")
    region_col = "nama_daerah" if "nama_daerah" in mapping else "kode_wilayah"
    col.rows(blank, region_col, "REQUIRED_BLANK")
    return kode, nama


def _missing(col, raw, missing: list[str]) -> None:
    found = ", ".join(h for h in raw.headers if h) or "-"
    for name in missing:
        col.file("MISSING_COLUMN", column=name, missing=name, found=found)


def _check_file(raw: RawTable, kind: str, cycle: int | None, lang: str):
    """Canonical partial table of one file plus its problems."""
    col = _Collector(raw, {}, lang)
    if raw.problems:
        return None, raw.problems
    if raw.empty:
        col.file("EMPTY_FILE")
        return None, col.problems
    mapping = _map_headers(raw, col)
    named = [h for h in raw.headers if h]
    if len(named) <= 1 and (not mapping or any(ch in "".join(named) for ch in "|;,\t:")):
        col.file("DELIMITER", column=raw.headers[0] if raw.headers else None)
        return None, col.problems
    if raw.frame.empty:
        col.file("HEADER_ONLY")
        return None, col.problems

    missing = [c for c in glossary.required_columns(kind)
               if c not in mapping and not (c == "tahun" and cycle is not None)]
    if "kode_wilayah" not in mapping and "nama_daerah" not in mapping:
        missing.append("nama_daerah / kode_wilayah")
    _missing(col, raw, missing)

    out = pd.DataFrame(index=raw.frame.index)
    out["tahun"] = _check_tahun(raw, col, mapping, kind, cycle)
    if "kode_wilayah" in mapping or "nama_daerah" in mapping:
        out["kode_wilayah"], out["nama_daerah"] = _check_region(raw, col, mapping)
    else:
        out["kode_wilayah"] = out["nama_daerah"] = None

    if kind == "hasil":
        _hasil(raw, col, mapping, out)
    elif kind == "spd":
        _spd(raw, col, mapping, out, cycle)
    else:
        _inovasi(raw, col, mapping, out, cycle)
    out["berkas"] = raw.name
    out["baris"] = out.index.astype("int64")
    return out, col.problems


def _hasil(raw, col, mapping, out):
    idx = raw.frame.index
    if "skor_iid" in mapping:
        out["skor_iid"] = col.numbers("skor_iid", minimum=0, maximum=100, range_code="SCORE_RANGE")
    else:
        out["skor_iid"] = np.nan
    for name, integer in (("skor_spd", False), ("skor_sid", False), ("jumlah_inovasi", True)):
        out[name] = (col.numbers(name, integer=integer, minimum=0) if name in mapping
                     else np.nan)
    out["peringkat"] = (col.numbers("peringkat", integer=True, minimum=1, range_code="RANK_RANGE")
                        if "peringkat" in mapping else np.nan)
    out["sumber"] = col.text("sumber") if "sumber" in mapping else ""
    pred = pd.Series(None, index=idx, dtype=object)
    if "predikat" in mapping:
        text = col.text("predikat")
        key = text.str.lower().str.replace(r"\s+", " ", regex=True)
        pred = key.map(PREDICATES)
        col.rows(text.ne("") & pred.isna(), "predikat", "PREDICATE_UNKNOWN")
        pred = pred.astype(object).where(pred.notna(), None)
    out["predikat"] = pred


def _spd(raw, col, mapping, out, cycle):
    idx = raw.frame.index
    known = _cycles()
    tahun = out["tahun"]
    years = sorted({int(y) for y in tahun.dropna().unique()} | ({cycle} if cycle else set()))
    years = [y for y in years if y in known]
    codes = {y: _framework(y).spd_codes for y in years}
    wide_cols = [c for c in mapping if c.startswith("spd_")]
    if {"indikator", "level"} & set(mapping) or not wide_cols:
        missing = [c for c in ("indikator", "level") if c not in mapping]
        if missing and not wide_cols:
            _missing(col, raw, missing)
        if "indikator" in mapping:
            text = col.text("indikator", required=True)
            code = text.str.lower().str.replace(r"^(spd|indikator|ind)[\s_]*", "", regex=True)
            code = code.str.replace(r"\s+", "", regex=True)
            code = code.str.replace(r"^0+(?=\d)", "", regex=True)
            out["indikator"] = code
            valid = pd.Series(True, index=idx)
            for y, cs in codes.items():
                rows = tahun.eq(y) & text.ne("") & ~code.isin(cs)
                valid &= ~rows
                if rows.any():
                    reasons = text[rows].map(lambda v, y=y, cs=cs: _m(
                        "INDICATOR_UNKNOWN", col.lang, value=v, cycle=y, known=", ".join(cs)))
                    col.rows(rows, "indikator", "INDICATOR_UNKNOWN", reason=reasons.reindex(idx))
            out["indikator"] = code.where(valid & text.ne(""), None)
        out["level"] = col.levels("level") if "level" in mapping else 0
        out.attrs["spd_form"] = "long"
        out.attrs["spd_codes"] = _union(codes)
        return
    for c in wide_cols:
        out[c] = col.levels(c)
    for y, cs in codes.items():
        extra = [c for c in wide_cols if c[4:] not in cs]
        for c in extra:
            col.file("INDICATOR_UNKNOWN", column=col.written[c], value=c[4:], cycle=y,
                     known=", ".join(cs))
        absent = [f"spd_{c}" for c in cs if f"spd_{c}" not in mapping]
        if absent:
            _missing(col, raw, [", ".join(absent)])
            break
    out.attrs["spd_form"] = "wide"
    out.attrs["spd_codes"] = _union(codes) or [c[4:] for c in wide_cols]


def _union(codes: dict[int, list[str]]) -> list[str]:
    seen: list[str] = []
    for cs in codes.values():
        seen.extend(c for c in cs if c not in seen)
    return seen


def _inovasi(raw, col, mapping, out, cycle):
    idx = raw.frame.index
    known = _cycles()
    years = sorted({int(y) for y in out["tahun"].dropna().unique()} | ({cycle} if cycle else set()))
    years = [y for y in years if y in known] or known[-1:]
    frameworks = {y: _framework(y) for y in years}
    for name in ("id_inovasi", "nama_inovasi", "opd"):
        out[name] = col.text(name, required=True) if name in mapping else None
    if "tahapan" in mapping:
        text = col.text("tahapan", required=True)
        stage = text.str.lower().str.replace(r"[^a-z]", "", regex=True).map(STAGES)
        col.rows(text.ne("") & stage.isna(), "tahapan", "STAGE_UNKNOWN")
        out["tahapan"] = stage.astype(object).where(stage.notna(), None)
    else:
        out["tahapan"] = None
    if "urusan" in mapping:
        from inovlab.rules.scoring import canonical_urusan

        fw = next(iter(frameworks.values()))
        text = col.text("urusan")
        canon = canonical_urusan(text, fw)
        matched = canon.isin(set(fw.urusan["urusan"]))
        out["urusan"] = text.where(~matched, canon).astype(object).where(text.ne(""), None)
    else:
        out["urusan"] = None
    if "tanggal_penerapan" in mapping:
        dates, bad = parse_dates(col.text("tanggal_penerapan"))
        col.rows(bad, "tanggal_penerapan", "DATE_INVALID")
        out["tanggal_penerapan"] = dates
    else:
        out["tanggal_penerapan"] = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]")
    words = pd.Series(np.nan, index=idx)
    if "kata_rancang_bangun" in mapping:
        words = col.numbers("kata_rancang_bangun", integer=True, minimum=0)
    if "rancang_bangun" in mapping:
        counted = col.text("rancang_bangun").str.count(r"\S+").astype(float)
        counted = counted.where(col.text("rancang_bangun").ne(""))
        words = words.fillna(counted)
    out["kata_rancang_bangun"] = words.astype("Int64")
    if "durasi_video_detik" in mapping:
        # "2:30" (minutes:seconds) is accepted as 150 seconds
        text = col.text("durasi_video_detik")
        mmss = text.str.extract(r"^(\d+):(\d{1,2})$").astype(float)
        source = text.mask(mmss[0].notna(), (mmss[0] * 60 + mmss[1]).astype(str))
        out["durasi_video_detik"] = col.numbers("durasi_video_detik", minimum=0, source=source)
    else:
        out["durasi_video_detik"] = np.nan

    needed: list[str] = []
    for fw in frameworks.values():
        needed.extend(c for c in fw.sid_columns if c not in needed)
    present = [c for c in mapping if c.startswith("ind_")]
    absent = [c for c in needed if c not in mapping]
    if absent:
        _missing(col, raw, [", ".join(absent)])
    for c in present:
        if c not in needed:
            col.file("INDICATOR_UNKNOWN", column=col.written[c], value=c[4:],
                     cycle="/".join(map(str, frameworks)),
                     known=", ".join(x[4:] for x in needed))
    for c in needed:
        out[c] = col.levels(c) if c in mapping else 0


def _duplicates(df: pd.DataFrame, keys: list[str], lang: str, code: str,
                column_of: dict[str, str], column: str, what=None) -> list[Problem]:
    """One problem per row whose ``keys`` repeat, naming the other rows."""
    valid = df[keys].notna().all(axis=1)
    sub = df.loc[valid]
    dup = sub.duplicated(keys, keep=False)
    if not dup.any():
        return []
    sub = sub.loc[dup].copy()
    single_file = df["berkas"].nunique() == 1
    row_word = _m("ROW", lang)
    sub["_where"] = (row_word + " " + sub["baris"].astype(str)) if single_file else (
        sub["berkas"] + " " + row_word + " " + sub["baris"].astype(str))
    groups = sub.groupby(keys, sort=False)["_where"].transform(lambda s: "|".join(s))
    problems = []
    for (_, r), allw in zip(sub.iterrows(), groups, strict=True):
        others = ", ".join(w for w in allw.split("|") if w != r["_where"])
        if code == "DUPLICATE_ID":
            reason = _m(code, lang, value=r["id_inovasi"], region=r["nama_daerah"],
                        tahun=int(r["tahun"]), others=others)
            value = r["id_inovasi"]
        else:
            reason = _m(code, lang, what=what(r), others=others)
            value = None
        problems.append(Problem(r["berkas"], int(r["baris"]),
                                column_of.get((r["berkas"], column), column), _short(value),
                                reason, code))
    return problems


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
        The canonical table (see the module docstring), ``attrs["sumber_data"] = "user"``.

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
        raise UsageError(_m("NO_FILES", lang))
    if kind is not None and kind not in glossary.KINDS:
        raise UsageError(_m("BAD_KIND", lang))
    if cycle is not None:
        cycle = int(cycle)
        _framework(cycle)  # UsageError listing the known cycles
    raws = [read_raw_table(p, sheet=sheet, lang=lang) for p in files]
    if kind is None:
        guesses = {}
        for raw in raws:
            if raw.empty or raw.problems:
                continue
            g = glossary.guess_kind(raw.headers)
            if g is None and len([h for h in raw.headers if h]) > 1:
                raise UsageError(_m("NO_KIND", lang, file=raw.name,
                                    found=", ".join(h for h in raw.headers if h)))
            if g is not None:
                guesses[raw.name] = g
        kinds = sorted(set(guesses.values()))
        if len(kinds) > 1:
            raise UsageError(_m("MIXED_KIND", lang, kinds=", ".join(kinds)))
        kind = kinds[0] if kinds else None
    problems: list[Problem] = []
    parts = []
    written: dict[tuple[str, str], str] = {}
    for raw in raws:
        if kind is None:  # nothing readable to guess from: report the files themselves
            part, probs = _check_file(raw, "hasil", cycle, lang)
            problems.extend(p for p in probs if p.code != "MISSING_COLUMN")
            continue
        part, probs = _check_file(raw, kind, cycle, lang)
        problems.extend(probs)
        if part is not None:
            parts.append(part)
            for h in raw.headers:
                c = glossary.canonical_name(h) if h else None
                if c:
                    written.setdefault((raw.name, c), h)
    if kind is None and not problems:
        raise UsageError(_m("NO_KIND", lang, file=raws[0].name, found="-"))
    if problems and not parts:
        raise DataError(_sorted(problems, [r.name for r in raws]), lang)
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    table = _finish(table, kind, parts, written, problems, lang)
    if problems:
        raise DataError(_sorted(problems, [r.name for r in raws]), lang)
    return table


def _sorted(problems: list[Problem], files: list[str]) -> list[Problem]:
    """File order as given, whole-file problems first, then by row (stable otherwise)."""
    order = {f: i for i, f in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)),
                                           -1 if p.row is None else p.row))


def _finish(table, kind, parts, written, problems, lang) -> pd.DataFrame:
    if kind == "inovasi":
        problems.extend(_duplicates(table, ["tahun", "kode_wilayah", "id_inovasi"], lang,
                                    "DUPLICATE_ID", written, "id_inovasi"))
    elif kind == "hasil":
        problems.extend(_duplicates(table, ["tahun", "kode_wilayah"], lang, "DUPLICATE_ROW",
                                    written, "nama_daerah" if any(
                                        k[1] == "nama_daerah" for k in written) else
                                    "kode_wilayah",
                                    what=lambda r: f"{r['nama_daerah']} {int(r['tahun'])}"))
    elif kind == "spd":
        long = any(p.attrs.get("spd_form") == "long" for p in parts)
        keys = ["tahun", "kode_wilayah"] + (["indikator"] if long else [])
        problems.extend(_duplicates(
            table, keys, lang, "DUPLICATE_ROW", written, "indikator" if long else "nama_daerah",
            what=lambda r: " ".join(str(r[k]) for k in ["nama_daerah", "tahun"] + keys[2:])
            .replace(".0", "")))
    if problems:
        return table
    table = table.reset_index(drop=True)
    table["tahun"] = table["tahun"].astype("int64")
    table["kode_wilayah"] = table["kode_wilayah"].astype(object)
    table["nama_daerah"] = table["nama_daerah"].astype(object)
    if kind == "hasil":
        missing = table["predikat"].isna() & table["skor_iid"].notna()
        known = set(_cycles())
        for y in table.loc[missing, "tahun"].unique():
            if int(y) in known:
                rows = missing & table["tahun"].eq(y)
                table.loc[rows, "predikat"] = _framework(int(y)).predicate(
                    table.loc[rows, "skor_iid"].to_numpy())
        for c in ("peringkat", "jumlah_inovasi"):
            table[c] = table[c].astype("Int64")
        cols = ["tahun", "kode_wilayah", "nama_daerah", "skor_iid", "predikat", "peringkat",
                "skor_spd", "skor_sid", "jumlah_inovasi", "sumber"]
        table = table[cols]
    elif kind == "spd":
        codes = []
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
        table = table.sort_values(["tahun", "kode_wilayah"], kind="stable").reset_index(drop=True)
    else:
        ind_cols = [c for c in table.columns if c.startswith("ind_")]
        cols = ["tahun", "kode_wilayah", "nama_daerah", "id_inovasi", "nama_inovasi", "opd",
                "tahapan", "urusan", "tanggal_penerapan", "kata_rancang_bangun",
                "durasi_video_detik"] + ind_cols + ["berkas", "baris"]
        for c in ind_cols:
            table[c] = table[c].fillna(0).astype("int64")
        table = table[cols]
    table.attrs = {"sumber_data": "user", "kind": kind}
    return table


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
    return _m("OK", lang, files=n_files, rows=format_number(len(table), 0, lang),
              regions=format_number(table["kode_wilayah"].nunique(), 0, lang), years=span,
              kind=table.attrs.get("kind", "?"))


def cli_validate(args) -> int:
    """``inovlab validate FILE... [--kind] [--cycle] [--sheet] [--out] [--lang]``.

    Prints a one-line summary and returns 0; with ``--out`` writes the cleaned canonical
    table (CSV, or XLSX by extension) atomically. A :class:`DataError` propagates to the
    CLI (exit 1, nothing written).
    """
    from inovlab.io.export import write_table

    lang = getattr(args, "lang", "id") or "id"
    out = getattr(args, "out", None)
    if out and any(Path(out).resolve() == Path(f).resolve() for f in args.files):
        raise UsageError(_m("OUT_IS_INPUT", lang, path=out))
    table = load_table(args.files, kind=args.kind, cycle=getattr(args, "cycle", None),
                       lang=lang, sheet=getattr(args, "sheet", None))
    print(summary(table, len(args.files), lang))
    if out:
        path = write_table(table, out, sheet=table.attrs.get("kind", "data"))
        print(_m("WRITTEN", lang, path=path))
    return 0
