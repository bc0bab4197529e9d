"""Submission readiness: check every OPD's innovations before the IID deadline.

Litbang collects innovations from every OPD and must know, within days, what will count,
what will pull the average down, and whom to chase. The check works on the canonical
``inovasi`` table (see :mod:`inovlab.io.validation`) and the cycle's :class:`Framework`:

* :func:`inovlab.analysis.innovation_check.check_innovations` -- per innovation:
  ``skor_kematangan``, ``dihitung``, and the problem codes in ``masalah`` (``;``-separated) with an explanation per code.
* :func:`check_opd` -- per OPD: submitted, counted, target, shortfall; OPDs on the list
  with nothing submitted.
* :func:`inovlab.analysis.pemda_check.check_pemda` -- per pemda: n against the divisor
  floor, basic-service urusan, projected SPD/SID/IID and predikat, projected rank and P(top 10), days to the deadline.
* :func:`recommend` -- which innovations to raise first, which to leave out, which OPDs
  to chase.
* :func:`run_check` -- all of the above as a :class:`ReadinessResult` (``write(out)``
  writes the CSV/JSON/Excel/HTML outputs atomically).
* :func:`load_submissions`, :func:`read_opd_list` -- the OPD files (CSV, XLSX or filled-in
  templates) and the list of OPDs expected to submit.

Likely duplicates are found by :mod:`inovlab.analysis.duplicates`.

Problem codes
-------------
``TAHAPAN``          not at the counted stage (``penerapan``)
``JENDELA_WAKTU``    implementation date outside the cycle's window (only where known)
``DUPLIKAT``         likely duplicate (fuzzy name) of another innovation of the same pemda
``WAJIB_KOSONG``     a mandatory SID indicator at level 0
``RANCANG_BANGUN``   design narrative shorter than the cycle's minimum (only where known)
``VIDEO``            video longer than the cycle's maximum
``DI_BAWAH_IMPAS``   counted, and its kematangan is below the exact break-even for the
                     pemda's other counted innovations: including it lowers the IID
``DI_BAWAH_MINIMUM`` kematangan below the house minimum (``--min-kematangan``, default 70;
                     a local rule, not the pedoman)

``dihitung`` follows :func:`inovlab.rules.scoring.score_innovations` (stage and window), so the
projection equals ``inovlab score``; the other problems are risks at verification.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.analysis.duplicates import REGION_KEYS
from inovlab.analysis.innovation_check import CODES, check_innovations, score_words
from inovlab.analysis.pemda_check import check_pemda
from inovlab.i18n import format_number, format_numbers, message, source_label
from inovlab.rules.framework import Framework
from inovlab.rules.scoring import RULE_OF_THUMB

__all__ = ["CODES", "ReadinessResult", "check_opd", "load_submissions", "read_opd_list",
           "recommend", "run_check"]

_MSG = {
    "kejar": {"id": "OPD {opd}: belum mengirim; kurang {short} inovasi yang dihitung.",
              "en": "OPD {opd}: nothing submitted; {short} counted innovation(s) short."},
    "kejar_kurang": {"id": "OPD {opd}: {counted} dari {target} inovasi dihitung; kurang {short}.",
                     "en": "OPD {opd}: {counted} of {target} innovations count; {short} short."},
    "naikkan": {"id": "Naikkan indikator {code} {name} dari level {lvl} ke {nxt}: +{gain} poin "
                      "IID per level.",
                "en": "Raise indicator {code} {name} from level {lvl} to {nxt}: +{gain} IID "
                      "points per level."},
    "keluarkan": {"id": "Pertimbangkan tidak mengusulkan: kematangan {score} < impas {be}; "
                        "IID naik {gain} poin tanpanya.",
                  "en": "Consider leaving it out: kematangan {score} < break-even {be}; the IID "
                        "rises {gain} points without it."},
    "tambah_n": {"id": "Inovasi dihitung {n} < pembagi minimum {d}: setiap inovasi penerapan "
                       "tambahan menaikkan IID.",
                 "en": "Counted innovations {n} < divisor floor {d}: every extra implemented "
                       "innovation raises the IID."},
    "tambah_urusan": {"id": "Urusan pelayanan dasar tercakup {cov} dari minimal {min}: usulkan "
                            "inovasi penerapan untuk {missing}; tanpa itu skor jumlah inovasi 0.",
                      "en": "Basic-service urusan covered {cov} of at least {min}: submit "
                            "implemented innovations for {missing}; otherwise the "
                            "number-of-innovations score is 0."},
}


# -- per OPD ------------------------------------------------------------------------------
def opd_key(names: pd.Series) -> pd.Series:
    """Matching key of OPD names: lower case, punctuation and runs of spaces made one space.

    Two spellings of one OPD (``"Dinas Kesehatan"``, ``" dinas  kesehatan."``) get the same
    key, so tables from different files group and join on it; missing names become ``""``.

    Examples
    --------
    >>> names = pd.Series(["Dinas Kesehatan", " dinas  KESEHATAN.", "DPMPTSP/Perizinan", None])
    >>> opd_key(names).tolist()
    ['dinas kesehatan', 'dinas kesehatan', 'dpmptsp perizinan', '']
    """
    return names.astype("string").fillna("").str.lower().str.replace(r"[^\w]+", " ", regex=True) \
        .str.strip()


def check_opd(checked: pd.DataFrame, opd_list=None, target_per_opd: int = 2) -> pd.DataFrame:
    """Per OPD: innovations submitted, counted, target and shortfall.

    Parameters
    ----------
    checked : DataFrame
        Output of :func:`check_innovations`.
    opd_list : list of str or DataFrame, optional
        Every OPD expected to submit (column ``opd``; optionally ``kode_wilayah`` to give a
        list per pemda; otherwise the list applies to every pemda checked). Names match
        ignoring case, spaces and punctuation.
    target_per_opd : int
        Counted innovations each OPD should deliver (a local rule, often 2).

    Returns
    -------
    DataFrame
        ``tahun, kode_wilayah, nama_daerah`` (those present), ``opd, diajukan, dihitung,
        target, kekurangan, bermasalah, tidak_mengirim, di_daftar`` sorted by shortfall (largest first).

    Examples
    --------
    >>> c = pd.DataFrame({"tahun": [2026] * 3, "kode_wilayah": ["19.71"] * 3,
    ...     "opd": ["Dinkes", "Dinkes", "Disdik"], "dihitung": [True, False, True],
    ...     "masalah": ["", "TAHAPAN", ""]})
    >>> t = check_opd(c, ["Dinkes", "Disdik", "Dinsos"])
    >>> t[["opd", "diajukan", "dihitung", "kekurangan"]].values.tolist()
    [['Dinsos', 0, 0, 2], ['Dinkes', 2, 1, 1], ['Disdik', 1, 1, 1]]
    """
    keys = [k for k in REGION_KEYS if k in checked]
    df = checked.assign(_k=opd_key(checked["opd"]),
                        _bad=checked["masalah"].astype(str).ne(""))
    agg = df.groupby(keys + ["_k"], sort=False, dropna=False).agg(
        opd=("opd", "first"), diajukan=("_k", "size"), dihitung=("dihitung", "sum"),
        bermasalah=("_bad", "sum")).reset_index()
    agg["di_daftar"] = opd_list is None
    if opd_list is not None:
        listed = opd_list if isinstance(opd_list, pd.DataFrame) else pd.DataFrame(
            {"opd": list(opd_list)})
        listed = listed.assign(_k=opd_key(listed["opd"]))
        listed = listed.drop_duplicates([c for c in ("kode_wilayah", "_k") if c in listed])
        regions = checked[keys].drop_duplicates()
        if "kode_wilayah" in listed and "kode_wilayah" in keys:
            expected = listed[["kode_wilayah", "_k", "opd"]].merge(regions, on="kode_wilayah")
        else:
            expected = regions.merge(listed[["_k", "opd"]], how="cross")
        expected = expected.rename(columns={"opd": "_opd_list"})
        agg = agg.merge(expected, on=keys + ["_k"], how="outer", indicator=True)
        agg["di_daftar"] = agg["_merge"].ne("left_only")
        agg["opd"] = agg["opd"].fillna(agg["_opd_list"])
        for c in ("diajukan", "dihitung", "bermasalah"):
            agg[c] = agg[c].fillna(0)
        agg = agg.drop(columns=["_merge", "_opd_list"])
    for c in ("diajukan", "dihitung", "bermasalah"):
        agg[c] = agg[c].astype(int)
    agg["target"] = int(target_per_opd)
    agg["kekurangan"] = (agg["target"] - agg["dihitung"]).clip(lower=0)
    agg["tidak_mengirim"] = agg["diajukan"].eq(0)
    agg = agg.sort_values(["kekurangan", "tidak_mengirim", "opd"],
                          ascending=[False, False, True], kind="stable")
    if "nama_daerah" in checked and "kode_wilayah" in agg:
        names = checked.drop_duplicates("kode_wilayah").set_index("kode_wilayah")["nama_daerah"]
        agg["nama_daerah"] = agg["kode_wilayah"].map(names)
        keys = keys + ["nama_daerah"]
    cols = keys + ["opd", "diajukan", "dihitung", "target", "kekurangan", "bermasalah",
                   "tidak_mengirim", "di_daftar"]
    return agg[cols].reset_index(drop=True)


# -- recommendations -----------------------------------------------------------------------
def recommend(checked: pd.DataFrame, pemda: pd.DataFrame, opd: pd.DataFrame, fw: Framework,
              lang: str = "id", max_raise: int = 20) -> pd.DataFrame:
    """What to do before the deadline, most useful first within each kind.

    * ``naikkan``: for each counted innovation, its next level step with the most IID per
      step, ``weight * 100 / total_max / max(d, n)`` (every step is one level of evidence,
      so the cheapest IID comes from the heaviest indicators; ties go to mandatory
      indicators at 0, then to lower current levels, then to the weakest innovations).
      Top ``max_raise`` rows, one per innovation.
    * ``keluarkan``: counted innovations whose inclusion lowers the IID (``DI_BAWAH_IMPAS``),
      with the IID gained by leaving each out (one at a time).
    * ``tambah``: when n is below the divisor floor, or basic-service urusan are missing.
    * ``kejar_opd``: OPDs short of their target, those that sent nothing first.

    Returns
    -------
    DataFrame
        ``jenis, urutan, kode_wilayah, id_inovasi, opd, indikator, level_sekarang,
        tambahan_iid, penjelasan``.

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["penerapan"],
    ...     "urusan": ["kesehatan"], **{c: [2] for c in fw.sid_columns}})
    >>> c = check_innovations(df, fw)
    >>> r = recommend(c, check_pemda(c, fw), check_opd(c), fw)
    >>> r.iloc[0][["jenis", "indikator"]].tolist()
    ['naikkan', '35']
    """
    parts = [_raise_steps(checked, fw, lang, max_raise), _leave_out(checked, lang),
             _additions(pemda, lang), _chase(opd, lang)]
    parts = [p for p in parts if p is not None]
    if not parts:
        return pd.DataFrame(columns=RECOMMEND_COLUMNS)
    out = pd.concat([p.reset_index(drop=True) for p in parts], ignore_index=True)
    out["urutan"] = out.groupby("jenis").cumcount() + 1
    for c in RECOMMEND_COLUMNS:
        if c not in out:
            out[c] = np.nan
        if c not in ("urutan", "level_sekarang", "tambahan_iid"):
            out[c] = out[c].astype(object).where(out[c].notna(), "")
    return out[RECOMMEND_COLUMNS]


RECOMMEND_COLUMNS = ["jenis", "urutan", "kode_wilayah", "id_inovasi", "opd", "indikator",
                     "level_sekarang", "tambahan_iid", "penjelasan"]
"""Columns of :func:`recommend` (``rekomendasi.csv``)."""


def _raise_steps(checked, fw: Framework, lang: str, max_raise: int) -> pd.DataFrame | None:
    """``naikkan``: per counted innovation, its next level step with the most IID."""
    counted = checked[checked["dihitung"]]
    if not len(counted):
        return None
    sid = fw.indicators[fw.indicators["unit"] == "sid"].reset_index(drop=True)
    n = counted.groupby("kode_wilayah")["id_inovasi"].transform("size").to_numpy(float)
    levels = counted[fw.sid_columns].apply(pd.to_numeric, errors="coerce").fillna(0)
    long = levels.assign(_row=np.arange(len(counted))).melt(
        id_vars="_row", var_name="col", value_name="lvl")
    long = long[long["lvl"] < 3]
    long["code"] = long["col"].str[4:]
    w = sid.set_index("code")
    long["weight"] = long["code"].map(w["weight"]).to_numpy()
    long["mandatory"] = long["code"].map(w["mandatory"]).astype(bool).to_numpy()
    long["name"] = long["code"].map(w["name_id" if lang == "id" else "name_en"]).to_numpy()
    long["gain"] = long["weight"] * 100 / fw.total_max / np.maximum(
        fw.divisor_floor, n[long["_row"].to_numpy()])
    long["mand0"] = long["mandatory"] & long["lvl"].eq(0)
    long["score"] = counted["skor_kematangan"].to_numpy(float)[long["_row"].to_numpy()]
    long = long.sort_values(["gain", "mand0", "lvl", "score", "_row"],
                            ascending=[False, False, True, True, True], kind="stable")
    best = long.drop_duplicates("_row").head(max_raise)
    src = counted.iloc[best["_row"].to_numpy()]
    return pd.DataFrame({
        "jenis": "naikkan", "kode_wilayah": src["kode_wilayah"].to_numpy(),
        "id_inovasi": src["id_inovasi"].to_numpy(), "opd": src["opd"].to_numpy(),
        "indikator": best["code"].to_numpy(), "level_sekarang": best["lvl"].astype(int).to_numpy(),
        "tambahan_iid": best["gain"].to_numpy(),
        "penjelasan": [message(_MSG, "naikkan", lang, code=c, name=nm, lvl=int(lv),
                               nxt=int(lv) + 1, gain=format_number(g, 3, lang))
                       for c, nm, lv, g in zip(best["code"], best["name"], best["lvl"],
                                               best["gain"], strict=False)]})


def _leave_out(checked, lang: str) -> pd.DataFrame | None:
    """``keluarkan``: counted innovations whose inclusion lowers the IID."""
    drop = checked[checked["m_DI_BAWAH_IMPAS"]].sort_values("perubahan_iid")
    if not len(drop):
        return None
    return pd.DataFrame({
        "jenis": "keluarkan", "kode_wilayah": drop["kode_wilayah"].to_numpy(),
        "id_inovasi": drop["id_inovasi"].to_numpy(), "opd": drop["opd"].to_numpy(),
        "indikator": "", "level_sekarang": np.nan,
        "tambahan_iid": -drop["perubahan_iid"].to_numpy(),
        "penjelasan": [message(_MSG, "keluarkan", lang, score=s, be=b, gain=c)
                       for s, b, c in zip(score_words(drop["skor_kematangan"], lang),
                                          score_words(drop["skor_impas"], lang),
                                          format_numbers(-drop["perubahan_iid"], 3, lang),
                                          strict=True)]})


def _additions(pemda, lang: str) -> pd.DataFrame | None:
    """``tambah``: n below the divisor floor, or basic-service urusan missing."""
    add = []
    for row in pemda.itertuples():  # one row per pemda checked (a handful)
        if row.kurang_dari_pembagi > 0:
            add.append((row.kode_wilayah, message(
                _MSG, "tambah_n", lang, n=int(row.n_dihitung), d=int(row.pembagi_minimum))))
        if row.urusan_dasar_tercakup < row.urusan_minimum:
            add.append((row.kode_wilayah, message(
                _MSG, "tambah_urusan", lang, cov=int(row.urusan_dasar_tercakup),
                min=int(row.urusan_minimum), missing=row.urusan_dasar_kurang)))
    if not add:
        return None
    return pd.DataFrame({"jenis": "tambah", "kode_wilayah": [a[0] for a in add],
                         "penjelasan": [a[1] for a in add]})


def _chase(opd, lang: str) -> pd.DataFrame | None:
    """``kejar_opd``: OPDs short of their target, those that sent nothing first."""
    chase = opd[opd["kekurangan"] > 0]
    if not len(chase):
        return None
    return pd.DataFrame({
        "jenis": "kejar_opd", "kode_wilayah": chase.get("kode_wilayah"),
        "opd": chase["opd"].to_numpy(),
        "penjelasan": [message(_MSG, "kejar" if t else "kejar_kurang", lang, opd=o,
                               short=int(k), counted=int(c), target=int(g))
                       for o, k, c, g, t in zip(chase["opd"], chase["kekurangan"],
                                                chase["dihitung"], chase["target"],
                                                chase["tidak_mengirim"], strict=False)]})


# -- the whole check -------------------------------------------------------------------------
@dataclass
class ReadinessResult:
    """Everything the check found, ready to write.

    Attributes
    ----------
    inovasi, opd, pemda, rekomendasi : DataFrame
        See :func:`check_innovations`, :func:`check_opd`, :func:`check_pemda`,
        :func:`recommend`.
    summary : dict
        What goes to ``ringkasan.json``.
    lang : str
    """

    inovasi: pd.DataFrame
    opd: pd.DataFrame
    pemda: pd.DataFrame
    rekomendasi: pd.DataFrame
    summary: dict = field(default_factory=dict)
    lang: str = "id"

    def innovation_table(self) -> pd.DataFrame:
        """``cek_inovasi.csv``: the check per innovation without the helper flag columns."""
        return self.inovasi[[c for c in self.inovasi.columns if not c.startswith("m_")]]

    def write(self, out_dir) -> dict[str, Path]:
        """Write ``cek_inovasi.csv``, ``cek_opd.csv``, ``cek_pemda.csv``,
        ``rekomendasi.csv``, ``ringkasan.json``, ``cek_kesiapan.xlsx`` and
        ``ringkasan.html`` (each atomically) into ``out_dir``; returns the paths."""
        from inovlab.io.export import atomic_write_text, write_csv, write_excel
        from inovlab.report.readiness_report import render_html

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        src = self.summary.get("sumber_data")  # every table names its data source
        paths = {
            "cek_inovasi": write_csv(self.innovation_table(), out / "cek_inovasi.csv", source=src),
            "cek_opd": write_csv(self.opd, out / "cek_opd.csv", source=src),
            "cek_pemda": write_csv(self.pemda, out / "cek_pemda.csv", source=src),
            "rekomendasi": write_csv(self.rekomendasi, out / "rekomendasi.csv", source=src),
        }
        paths["ringkasan"] = atomic_write_text(
            out / "ringkasan.json", json.dumps(self.summary, ensure_ascii=False, indent=2,
                                               default=_json_default))
        paths["excel"] = write_excel({
            "cek_inovasi": self.innovation_table(), "cek_opd": self.opd,
            "cek_pemda": self.pemda, "rekomendasi": self.rekomendasi,
        }, out / "cek_kesiapan.xlsx", source=src)
        paths["html"] = atomic_write_text(out / "ringkasan.html", render_html(self))
        return paths


def _json_default(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (dt.date, pd.Timestamp)):
        return v.isoformat()
    return str(v)


def _records(df: pd.DataFrame) -> list[dict]:
    clean = df.astype(object).where(df.notna(), None)
    return clean.to_dict(orient="records")


def run_check(inovasi: pd.DataFrame, fw: Framework, spd: pd.DataFrame | None = None,
              opd_list=None, target_per_opd: int = 2, min_kematangan: float = RULE_OF_THUMB,
              deadline: dt.date | None = None, hasil: pd.DataFrame | None = None,
              hasil_source: str = "user", today: dt.date | None = None, seed: int = 0,
              lang: str = "id") -> ReadinessResult:
    """Run the whole readiness check on one cycle's innovations.

    Parameters
    ----------
    inovasi : DataFrame
        Canonical ``inovasi`` rows (several OPD files concatenated by ``load_table``).
    fw : Framework
    spd, hasil : DataFrame, optional
        SPD levels; results of earlier cycles (for the rank projection).
    hasil_source : {"user", "demo", "published"}
        Where ``hasil`` comes from (labelled in the outputs).
    opd_list, target_per_opd, min_kematangan, deadline, today, seed, lang
        See :func:`check_opd`, :func:`check_innovations`, :func:`check_pemda`.

    Returns
    -------
    ReadinessResult

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["X"], "opd": ["Dinkes"], "tahapan": ["penerapan"],
    ...     "urusan": ["kesehatan"], **{c: [3] for c in fw.sid_columns}})
    >>> r = run_check(df, fw, opd_list=["Dinkes", "Dinsos"], today=dt.date(2026, 1, 1))
    >>> r.summary["jumlah_inovasi"], r.summary["opd_tidak_mengirim"]
    (1, ['Dinsos'])
    """
    checked = check_innovations(inovasi, fw, min_kematangan, lang)
    opd = check_opd(checked, opd_list, target_per_opd)
    pemda = check_pemda(checked, fw, spd, hasil, deadline, today, seed, lang=lang,
                        hasil_source=hasil_source)
    rec = recommend(checked, pemda, opd, fw, lang)
    counts = {code: int(checked[f"m_{code}"].sum()) for code in CODES}
    assumptions = fw.assumptions()
    summary = {
        "siklus": fw.cycle,
        "dibuat": (today or dt.date.today()).isoformat(),
        "bahasa": lang,
        "parameter": {"target_per_opd": target_per_opd, "min_kematangan": min_kematangan,
                      "tenggat": deadline.isoformat() if deadline else None, "seed": seed},
        "sumber_data": source_label("user", lang),
        "sumber_pembanding": source_label(hasil_source, lang) if hasil is not None else None,
        "jumlah_inovasi": len(checked),
        "jumlah_dihitung": int(checked["dihitung"].sum()),
        "jumlah_bermasalah": int(checked["masalah"].ne("").sum()),
        "masalah_per_kode": counts,
        "opd_tidak_mengirim": opd.loc[opd["tidak_mengirim"], "opd"].astype(str).tolist(),
        "opd_kurang": int((opd["kekurangan"] > 0).sum()),
        "pemda": _records(pemda),
        "rekomendasi": _records(rec.head(30)),
        "aturan_asumsi": _records(assumptions.astype(str)),
    }
    return ReadinessResult(checked, opd, pemda, rec, summary, lang)


# -- reading the OPD files --------------------------------------------------------------------
def read_opd_list(path) -> pd.DataFrame:
    """Read the list of OPDs: a ``.txt`` with one name per line, or a CSV/XLSX with a column
    ``opd`` (or ``nama_opd``, ``perangkat_daerah``; else the first column). A ``.txt`` may be
    UTF-8 or Windows-1252; a binary file is a located ``DataError``.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "opd.txt")
    >>> _ = open(p, "w").write("Dinas Kesehatan\\n\\nDinas Sosial\\n")
    >>> read_opd_list(p)["opd"].tolist()
    ['Dinas Kesehatan', 'Dinas Sosial']
    """
    from inovlab.errors import DataError, Problem

    path = Path(path)
    if not path.exists():
        from inovlab.errors import UsageError

        raise UsageError(f"Berkas daftar OPD tidak ada / OPD list not found: {path.name}")
    if path.suffix.lower() in (".txt", ""):
        names = [ln.strip() for ln in _opd_text(path).splitlines() if ln.strip()]
    else:
        from inovlab.io.read import read_raw_table

        frame = read_raw_table(path).frame
        cols = {re.sub(r"[^a-z]", "", str(c).lower()): c for c in frame.columns}
        col = next((cols[k] for k in ("opd", "namaopd", "perangkatdaerah") if k in cols),
                   frame.columns[0] if len(frame.columns) else None)
        names = [] if col is None else [str(v).strip() for v in frame[col] if str(v).strip()]
    if not names:
        raise DataError([Problem(path.name, None, None, None,
                                 "daftar OPD kosong / the OPD list is empty", "EMPTY_FILE")])
    return pd.DataFrame({"opd": names})


def _opd_text(path: Path) -> str:
    """A ``.txt`` OPD list as text: UTF-8, else Windows-1252 (the data contract's fallback,
    what Notepad's "ANSI" writes); a binary file is a located DataError."""
    from inovlab.errors import DataError, Problem

    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = raw[:exc.start].count(b"\n") + 1
    if b"\x00" not in raw:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise DataError([Problem(path.name, where, None, None,
                             "bukan berkas teks (mungkin berkas biner atau Excel yang diberi "
                             "nama .txt); simpan daftar OPD sebagai teks, satu nama per baris"
                             " / not a text file (perhaps a binary or Excel file named .txt); "
                             "save the OPD list as text, one name per line", "NOT_TEXT")])


def _sheet_for(path, wanted: str) -> str | None:
    """``wanted`` when ``path`` is an XLSX with such a sheet (the OPD template), else None."""
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        try:
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True)
            names = wb.sheetnames
            wb.close()
            return wanted if wanted in names else None
        except Exception:  # unreadable files are reported by load_table
            return None
    return None


def load_submissions(paths, kind: str, cycle: int | None = None, lang: str = "id",
                     sheet: str | None = None) -> pd.DataFrame:
    """Load one table kind from OPD files: CSV, XLSX, or filled-in OPD templates.

    A workbook made by ``inovlab template`` holds each table on its own sheet (``Inovasi``,
    ``SPD``); ``sheet`` names it, and files without such a sheet are read from their first
    sheet. Files that agree are checked together by
    :func:`inovlab.io.validation.load_table` (so a duplicate id across files is found).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "hasil.csv")
    >>> _ = open(p, "w").write("tahun,nama_daerah,skor_iid\\n2025,Kota Bengkulu,55\\n")
    >>> load_submissions(p, "hasil", sheet="hasil")["kode_wilayah"].tolist()
    ['17.71']
    """
    from inovlab.io.validation import load_table

    sheet_name = sheet

    paths = list(paths) if isinstance(paths, (list, tuple)) else [paths]
    sheets = {_sheet_for(p, sheet_name) for p in paths}
    if len(sheets) == 1:
        return load_table(paths, kind, cycle=cycle, lang=lang, sheet=sheets.pop())
    parts = [load_table(p, kind, cycle=cycle, lang=lang, sheet=_sheet_for(p, sheet_name))
             for p in paths]
    return pd.concat(parts, ignore_index=True)


