"""The checks of one input file: headers, year, region, and the columns of each table kind.

:func:`check_file` turns one :class:`~inovlab.io.read.RawTable` into the canonical partial
table of its kind (``hasil``, ``spd`` or ``inovasi``) plus the list of its problems; the
checks across files (duplicates) and the final dtypes are done by
:func:`inovlab.io.validation.load_table`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.io import glossary
from inovlab.io.parsing import parse_dates
from inovlab.io.problems import CellChecker, map_text, problem_text
from inovlab.io.read import RawTable
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

def _map_headers(raw: RawTable, col: CellChecker) -> dict[str, str]:
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


def known_cycles() -> list[int]:
    """The cycles with a framework (``tahun`` of another year is reported)."""
    from inovlab.rules.framework import available_cycles

    return available_cycles()


def framework_for(cycle: int):
    """The cycle's :class:`~inovlab.rules.framework.Framework` (UsageError when unknown)."""
    from inovlab.rules.framework import load_framework

    return load_framework(int(cycle))


def _check_tahun(raw, col, mapping, kind, cycle) -> pd.Series:
    index = raw.frame.index
    if "tahun" not in mapping:
        if cycle is not None:
            return pd.Series(float(cycle), index=index)
        return pd.Series(np.nan, index=index)
    known = known_cycles()
    if kind == "hasil":
        tahun = col.numbers("tahun", integer=True, minimum=2000, maximum=2100,
                            range_code="YEAR_RANGE", required=True)
        return tahun
    tahun = col.numbers("tahun", integer=True, required=True)
    unknown = tahun.notna() & ~tahun.isin(known)
    if unknown.any():
        cycles = ", ".join(map(str, known))
        reasons = tahun.loc[unknown].map(
            lambda v: problem_text("UNKNOWN_CYCLE", col.lang, value=int(v), cycles=cycles))
        col.rows(unknown, "tahun", "UNKNOWN_CYCLE", reason=reasons.reindex(index))
    if cycle is not None:
        other = tahun.notna() & tahun.isin(known) & (tahun != cycle)
        reasons = tahun.loc[other].map(
            lambda v: problem_text("CYCLE_MISMATCH", col.lang, value=int(v), cycle=cycle))
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
        res = resolve_names(text, jenis=hint.to_numpy())
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
                reasons = pd.Series([problem_text("REGION_MISMATCH", col.lang, kode=k, official=o, name=n,
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


def check_file(raw: RawTable, kind: str, cycle: int | None, lang: str):
    """Canonical partial table of one file plus its problems."""
    col = CellChecker(raw, {}, lang)
    if raw.problems:
        return None, raw.problems
    if raw.empty:
        col.file("EMPTY_FILE")
        return None, col.problems
    mapping = _map_headers(raw, col)
    named = [h for h in raw.headers if h]
    if len(named) <= 1 and (not mapping or any(ch in "".join(named) for ch in "|;,\t:")):
        if raw.sheet is not None:  # a workbook: the delimiter is not the problem, the sheet is
            col.file("NO_TABLE", sheet=raw.sheet)
        else:
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
        key = text.str.lower()  # spaces already made single by col.text
        pred = map_text(key, PREDICATES)
        col.rows(text.ne("") & pred.isna(), "predikat", "PREDICATE_UNKNOWN")
    out["predikat"] = pred


def _spd(raw, col, mapping, out, cycle):
    idx = raw.frame.index
    known = known_cycles()
    tahun = out["tahun"]
    years = sorted({int(y) for y in tahun.dropna().unique()} | ({cycle} if cycle else set()))
    years = [y for y in years if y in known]
    codes = {y: framework_for(y).spd_codes for y in years}
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
                    reasons = text[rows].map(lambda v, y=y, cs=cs: problem_text(
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
    known = known_cycles()
    years = sorted({int(y) for y in out["tahun"].dropna().unique()} | ({cycle} if cycle else set()))
    years = [y for y in years if y in known] or known[-1:]
    frameworks = {y: framework_for(y) for y in years}
    for name in ("id_inovasi", "nama_inovasi", "opd"):
        out[name] = col.text(name, required=True) if name in mapping else None
    if "tahapan" in mapping:
        text = col.text("tahapan", required=True)
        stage = map_text(text.str.lower().str.replace(r"[^a-z]", "", regex=True), STAGES)
        col.rows(text.ne("") & stage.isna(), "tahapan", "STAGE_UNKNOWN")
        out["tahapan"] = stage
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
