"""Regenerate the committed ``--data`` fixtures of ``tests/data/situations/`` (deterministic).

Each sub-folder is one data situation that users really hold (data contract, "What users
actually hold"); ``tests/test_situations.py`` runs the real commands on each, and
``tests/data/situations/README.md`` describes them. The fixtures are *user-shaped* files:
their numbers come from ``data/contoh/`` (synthetic example submission), from the synthetic
demo panel (``inovlab.sources.demo``, seed ``DEFAULT_SEED``) or from the published record
(``data/published/hasil_terpublikasi.csv``), never from real submissions.

Usage (from the repository root)::

    .venv/bin/python tools/make_situations.py            # rewrite every situation
    .venv/bin/python tools/make_situations.py --check    # exit 1 if a committed file differs

Running it twice gives byte-identical files: XLSX files get a fixed creation time, CSV rows a
fixed order, and the demo panel a fixed seed. The README is written by hand, not by this tool.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import io
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "situations"
CONTOH = ROOT / "data" / "contoh"
PUBLISHED = ROOT / "data" / "published" / "hasil_terpublikasi.csv"
CYCLE = 2026                      # the cycle being prepared in every situation
OWN_CODE = "19.71"                # Kota Pangkal Pinang
OWN_PROVINCE = "Kepulauan Bangka Belitung"
PROVINCE_FULL = "Jawa Barat"
EARLIER = (2024, 2025)            # earlier cycles taken from the demo panel
FIXED_TIME = dt.datetime(2026, 1, 1)
# How a Bappeda clerk types the seven kab/kota of Bangka Belitung (Kepmendagri appendix style).
USER_SPELLING = {
    "19.01": "KAB. BANGKA", "19.02": "KAB. BELITUNG", "19.03": "KAB. BANGKA SELATAN",
    "19.04": "Kab. Bangka Tengah", "19.05": "KAB. BANGKA BARAT",
    "19.06": "KAB. BELITUNG TIMUR", "19.71": "Kota Pangkalpinang",
}


def _contoh_inovasi() -> pd.DataFrame:
    return pd.read_csv(CONTOH / "inovasi_contoh.csv", dtype=str, keep_default_na=False)


def _contoh_spd() -> pd.DataFrame:
    return pd.read_csv(CONTOH / "spd_contoh.csv", dtype=str, keep_default_na=False)


def _cell_value(text: str):
    """A CSV text cell as Excel would hold it: ints as numbers, ISO dates as dates."""
    if text == "":
        return None
    if text.isdigit():
        return int(text)
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return text


def write_xlsx(df: pd.DataFrame, path: Path, sheet: str = "Inovasi") -> None:
    """One sheet; text that starts with ``=`` stays text (as typed in Excel), fixed timestamps."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(df.columns))
    for values in df.itertuples(index=False):  # a few dozen rows of a fixture, not data
        ws.append([_cell_value(v) for v in values])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    _write_zip_fixed(buffer.getvalue(), path)


def _write_zip_fixed(data: bytes, path: Path) -> None:
    """Re-pack an XLSX with fixed member timestamps so reruns are byte-identical."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" at save
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            dst.writestr(fixed, content)


def _opd_slug(opd: str) -> str:
    from inovlab.io.export import safe_filename

    return safe_filename(opd).replace("-", "_")


def write_own_per_opd(folder: Path) -> list[str]:
    """Situation 1's files: one ``inovasi_<opd>.xlsx`` per OPD plus ``spd.csv``."""
    inovasi = _contoh_inovasi()
    names = []
    for opd, rows in inovasi.groupby("opd", sort=True):
        name = f"inovasi_{_opd_slug(opd)}.xlsx"
        write_xlsx(rows, folder / name)
        names.append(name)
    _contoh_spd().to_csv(folder / "spd.csv", index=False)
    return names + ["spd.csv"]


def _framework_columns(cycle: int) -> tuple[list[str], list[str]]:
    """The cycle's SID columns (``ind_<code>``) and SPD codes, read from its framework."""
    from inovlab.rules.framework import load_framework

    ind = load_framework(cycle).indicators
    return ([f"ind_{c}" for c in ind.loc[ind["unit"] == "sid", "code"]],
            list(ind.loc[ind["unit"] == "spd", "code"]))


INOVASI_ID_COLUMNS = ["tahun", "nama_daerah", "id_inovasi", "nama_inovasi", "opd", "tahapan",
                      "urusan", "tanggal_penerapan", "kata_rancang_bangun", "durasi_video_detik"]


def demo_inovasi(panel, cycle: int, codes) -> pd.DataFrame:
    """The demo innovations of ``codes`` in ``cycle``, with that cycle's indicator columns."""
    sid, _ = _framework_columns(cycle)
    rows = panel.inovasi[(panel.inovasi["tahun"] == cycle)
                         & panel.inovasi["kode_wilayah"].isin(list(codes))]
    rows = rows.sort_values(["kode_wilayah", "id_inovasi"])
    out = rows[["kode_wilayah"] + INOVASI_ID_COLUMNS + sid].copy()
    out["tanggal_penerapan"] = out["tanggal_penerapan"].dt.strftime("%Y-%m-%d")
    return out


def demo_spd_long(panel, cycle: int, codes) -> pd.DataFrame:
    """The demo SPD levels of ``codes`` in ``cycle`` in long form (``indikator``, ``level``)."""
    _, spd_codes = _framework_columns(cycle)
    wide = panel.spd[(panel.spd["tahun"] == cycle) & panel.spd["kode_wilayah"].isin(list(codes))]
    long = wide.melt(id_vars=["tahun", "nama_daerah"], value_vars=[f"spd_{c}" for c in spd_codes],
                     var_name="indikator", value_name="level")
    long["indikator"] = long["indikator"].str.removeprefix("spd_")
    long["_order"] = long["indikator"].map({c: i for i, c in enumerate(spd_codes)})
    long = long.sort_values(["nama_daerah", "_order"]).drop(columns="_order")
    return long.reset_index(drop=True)


def situation_daftar_skor(panel, folder: Path) -> None:
    """``hasil.csv`` as Indonesian Excel writes it: ``;``, decimal comma, BOM, CRLF."""
    h = panel.hasil
    rows = h[(h["tahun"] == EARLIER[0]) & (h["provinsi"] == OWN_PROVINCE)
             & (h["jenis"] != "provinsi")].sort_values("kode_wilayah")
    table = pd.DataFrame({
        "Tahun": rows["tahun"].to_numpy(),
        "Nama Daerah": rows["kode_wilayah"].map(USER_SPELLING).to_numpy(),
        "Skor IID": rows["skor_iid"].map(lambda v: f"{v:.2f}".replace(".", ",")).to_numpy(),
        "Predikat": rows["predikat"].to_numpy(),
    })
    if table["Nama Daerah"].isna().any():
        raise SystemExit("USER_SPELLING lacks a kab/kota of " + OWN_PROVINCE)
    text = table.to_csv(sep=";", index=False, lineterminator="\r\n")
    (folder / "hasil.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def situation_predikat(folder: Path) -> None:
    """``hasil.csv`` with the city's published predicates (no score column at all)."""
    pub = pd.read_csv(PUBLISHED, dtype=str, keep_default_na=False)
    own = pub[(pub["kode_wilayah"] == OWN_CODE) & (pub["predikat"] != "")].sort_values("tahun")
    own = own.assign(nama_daerah=USER_SPELLING[OWN_CODE])
    own[["tahun", "nama_daerah", "predikat", "sumber"]].to_csv(folder / "hasil.csv", index=False)


def situation_siklus_lalu(panel, folder: Path) -> None:
    """Own files of earlier cycles (demo panel) plus this cycle's (``data/contoh``)."""
    for cycle in EARLIER:
        inov = demo_inovasi(panel, cycle, [OWN_CODE]).drop(columns="kode_wilayah")
        inov.to_csv(folder / f"inovasi_{cycle}.csv", index=False)
        demo_spd_long(panel, cycle, [OWN_CODE]).to_csv(folder / f"spd_{cycle}.csv", index=False)
    _contoh_inovasi().to_csv(folder / f"inovasi_{CYCLE}.csv", index=False)
    _contoh_spd().to_csv(folder / f"spd_{CYCLE}.csv", index=False)


def situation_provinsi(panel, folder: Path) -> None:
    """A province's kab/kota: this cycle's ``inovasi``/``spd`` (wide), earlier ``hasil``."""
    h = panel.hasil
    members = h[(h["provinsi"] == PROVINCE_FULL) & (h["jenis"] != "provinsi")]
    codes = sorted(members["kode_wilayah"].unique())
    demo_inovasi(panel, CYCLE, codes).to_csv(folder / "inovasi.csv", index=False)
    spd = panel.spd[(panel.spd["tahun"] == CYCLE) & panel.spd["kode_wilayah"].isin(codes)]
    spd.sort_values("kode_wilayah").to_csv(folder / "spd.csv", index=False)
    past = members[members["tahun"].isin(EARLIER)].sort_values(["tahun", "kode_wilayah"])
    past = past[["tahun", "kode_wilayah", "nama_daerah", "skor_iid", "predikat"]].copy()
    past["skor_iid"] = past["skor_iid"].round(2)
    past.to_csv(folder / "hasil.csv", index=False)


def situation_rusak(folder: Path) -> None:
    """Broken files: every planted problem is listed in the README (file, row, why)."""
    hasil = pd.DataFrame({
        "tahun": ["2024", "2024", "2024", "2025"],
        "nama_daerah": ["Kota Pangkal Pinang", "Kota Atlantis", "Kabupaten Bangka",
                        "Kota Pangkal Pinang"],
        "skor_iid": ["60.64", "55.10", "sembilan puluh", "120"],
        "predikat": ["Sangat Inovatif", "Inovatif", "Sangat Inovatif", "Sangat Inovatif"],
    })
    hasil.to_csv(folder / "hasil.csv", index=False)           # rows 3, 4, 5 broken
    spd = _contoh_spd()
    spd.loc[2, "level"] = "7"                                 # row 4: level 7
    spd.loc[5, "indikator"] = ""                              # row 7: no indikator
    spd.loc[8, "indikator"] = "99"                            # row 10: unknown code
    spd.to_csv(folder / "spd.csv", index=False)
    inovasi = _contoh_inovasi()
    main = inovasi[inovasi["opd"] != "Dinas Sosial"].reset_index(drop=True)
    main.loc[1, "tahapan"] = "selesai"                        # row 3: unknown tahapan
    main.loc[4, "id_inovasi"] = main.loc[3, "id_inovasi"]     # rows 5 and 6: same id
    main.to_csv(folder / "inovasi.csv", index=False)
    sosial = inovasi[inovasi["opd"] == "Dinas Sosial"].drop(columns="opd")
    sosial.to_csv(folder / "inovasi_dinas_sosial.csv", index=False)  # no 'opd' column


def build(out: Path) -> None:
    """Write every situation folder under ``out`` (replacing the data files, keeping README)."""
    from inovlab.sources.demo import DEFAULT_SEED, load_demo

    panel = load_demo(DEFAULT_SEED)
    makers = {
        "sendiri": lambda f: None,
        "sendiri_daftar_skor": lambda f: situation_daftar_skor(panel, f),
        "sendiri_predikat": situation_predikat,
        "sendiri_siklus_lalu": lambda f: situation_siklus_lalu(panel, f),
        "provinsi_lengkap": lambda f: situation_provinsi(panel, f),
        "rusak": situation_rusak,
    }
    for name, make in makers.items():
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        if name.startswith("sendiri") and name != "sendiri_siklus_lalu":
            write_own_per_opd(folder)
        make(folder)


def _differences(a: Path, b: Path) -> list[str]:
    """Files (relative paths) that differ between two trees, README excluded."""
    files = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files |= {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    files = {f for f in files if f.name != "README.md"}
    return sorted(str(f) for f in files if not ((a / f).exists() and (b / f).exists()
                                                and filecmp.cmp(a / f, b / f, shallow=False)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed fixtures instead of writing them")
    args = parser.parse_args(argv)
    if not args.check:
        build(OUT)
        print(f"written: {OUT}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        diff = _differences(Path(tmp), OUT)
    print("\n".join(diff) if diff else "fixtures up to date")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
