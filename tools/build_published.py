"""Convert the shared published IID record to the bundled ``data/published`` tables.

Reads ``iid_results.csv`` and ``iid_aggregates.csv`` from the project's shared research
folder (``../shared/domain/published`` by default) and writes:

- ``data/published/hasil_terpublikasi.csv``: the ``hasil`` contract (``tahun, kode_wilayah,
  nama_daerah, skor_iid, predikat, peringkat, jumlah_inovasi, sumber``) plus ``jenis,
  provinsi, penghargaan_iga, catatan, konflik``. Names and codes are the official ones from
  :func:`inovlab.io.regions.resolve_names`; the name as written in the source is kept in the
  note when it differs.
- ``data/published/agregat_nasional.csv``: ``tahun, metrik, nilai, sumber, catatan, konflik``.

Known conflicts between sources are *kept*: the ``konflik`` column says what disagrees, and
nothing is resolved silently.

Usage::

    python tools/build_published.py [--src DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from inovlab.io.export import write_csv
from inovlab.io.regions import resolve_names
from inovlab.resources import REPO_ROOT, data_dir

DEFAULT_SRC = REPO_ROOT.parent / "shared" / "domain" / "published"

# Conflicts between sources named in the shared README (section 3). Key: (year, name as
# written in the source) or (year, metric). Value: what disagrees, in Indonesian.
RESULT_CONFLICTS = {
    (2022, "Kota Serang"): "Skor 60,56 berada di pita Sangat Inovatif (>= 60,01), tetapi BSKDN "
                           "menyebut semua kab/kota Banten 'inovatif'; predikat dibiarkan kosong.",
    (2025, "Kota Surabaya"): "Rilis Surabaya menyebut 'Peringkat 1 Kota Terinovatif', sedangkan "
                             "sumber lain menyatakan IGA 2025 tanpa pemeringkatan.",
    (2021, "Kota Bengkulu"): "Klaim wali kota 'selalu 10 besar sejak 2021' bertentangan dengan "
                             "daftar 12 nominasi kota IGA 2021 yang tidak memuat Kota Bengkulu.",
    (2021, "Kota Tanjungpinang"): "Judul berita menyebut peringkat 38, isi berita 39 dari 93 kota.",
}
AGGREGATE_CONFLICTS = {
    (2019, "innovations_reported"): "8.016 (BSKDN) vs 8.014 (Kompas/bisnis/gpriority).",
    (2020, "innovations_reported"): "14.897 pada malam penghargaan vs 17.779 dalam seri BSKDN "
                                    "berikutnya (innovations_reported_alt).",
    (2020, "innovations_reported_alt"): "17.779 (seri BSKDN) vs 14.897 pada malam penghargaan.",
    (2020, "participating_pemda"): "484 (BSKDN) vs 485 (liputanglobal/Pelalawan).",
    (2020, "participating_kabupaten"): "360 (BSKDN) vs 358 (liputanglobal/Pelalawan).",
    (2025, "participating_pemda"): "531 (resmi) vs 541 dalam satu rilis lokal.",
}

RESULT_COLUMNS = ["tahun", "kode_wilayah", "nama_daerah", "skor_iid", "predikat", "peringkat",
                  "jumlah_inovasi", "sumber", "jenis", "provinsi", "penghargaan_iga", "catatan",
                  "konflik"]
AGGREGATE_COLUMNS = ["tahun", "metrik", "nilai", "sumber", "catatan", "konflik"]


def convert_results(raw: pd.DataFrame) -> pd.DataFrame:
    """The shared ``iid_results.csv`` as a ``hasil`` table with official names and codes.

    Raises
    ------
    ValueError
        When a region name does not resolve (the message lists them), so that a new row
        with an unknown spelling is fixed at the source rather than dropped.
    """
    resolved = resolve_names(raw["region_name"], jenis=raw["region_type"].str.lower())
    bad = resolved[resolved["status"] != "ok"]
    if len(bad):
        raise ValueError("Nama daerah tidak terpecahkan: " + "; ".join(
            f"{r.input} ({r.status}: {', '.join(r.candidates)})" for r in bad.itertuples()))
    from inovlab.io.regions import load_regions

    meta = load_regions().set_index("kode_wilayah")
    codes = resolved["kode_wilayah"].to_numpy()
    note = raw["note"].fillna("").astype(str).str.strip()
    renamed = resolved["nama_daerah"].to_numpy() != raw["region_name"].to_numpy()
    written = "Nama di sumber: " + raw["region_name"].astype(str) + "."
    note = note.where(~renamed, (note + " " + written).str.strip())
    conflicts = [RESULT_CONFLICTS.get((int(y), n), "") for y, n in
                 zip(raw["year"], raw["region_name"], strict=True)]
    out = pd.DataFrame({
        "tahun": raw["year"].astype(int),
        "kode_wilayah": codes,
        "nama_daerah": resolved["nama_daerah"].to_numpy(),
        "skor_iid": pd.to_numeric(raw["iid_score"], errors="coerce"),
        "predikat": raw["predicate"].fillna(""),
        "peringkat": pd.to_numeric(raw["rank_in_cluster"], errors="coerce").astype("Int64"),
        "jumlah_inovasi": pd.to_numeric(raw["n_innovations"], errors="coerce").astype("Int64"),
        "sumber": raw["source_url"].fillna("").str.strip(),
        "jenis": meta.loc[codes, "jenis"].to_numpy(),
        "provinsi": meta.loc[codes, "provinsi"].to_numpy(),
        "penghargaan_iga": raw["iga_award"].fillna(""),
        "catatan": note,
        "konflik": conflicts,
    })
    return out[RESULT_COLUMNS].sort_values(["tahun", "kode_wilayah"], kind="stable",
                                           ignore_index=True)


def convert_aggregates(raw: pd.DataFrame) -> pd.DataFrame:
    """The shared ``iid_aggregates.csv`` with Indonesian column names and conflict notes."""
    out = pd.DataFrame({
        "tahun": raw["year"].astype(int),
        "metrik": raw["metric"].astype(str).str.strip(),
        "nilai": pd.to_numeric(raw["value"], errors="coerce"),
        "sumber": raw["source_url"].fillna("").str.strip(),
        "catatan": raw["note"].fillna("").str.strip(),
    })
    out["konflik"] = [AGGREGATE_CONFLICTS.get((int(y), m), "") for y, m in
                      zip(out["tahun"], out["metrik"], strict=True)]
    return out[AGGREGATE_COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=data_dir() / "published")
    args = parser.parse_args(argv)
    results = convert_results(pd.read_csv(args.src / "iid_results.csv"))
    aggregates = convert_aggregates(pd.read_csv(args.src / "iid_aggregates.csv"))
    write_csv(results, args.out / "hasil_terpublikasi.csv", neutralise_text=False, bom=False,
              sep=",")
    write_csv(aggregates, args.out / "agregat_nasional.csv", neutralise_text=False, bom=False,
              sep=",")
    print(f"{len(results)} baris hasil, {len(aggregates)} baris agregat -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
