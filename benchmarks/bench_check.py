"""Benchmark: the whole ``inovlab check`` command on 20,000 innovations of one pemda.

Writes (deterministically, in a temporary folder) a valid ``inovasi`` CSV of 20,000
innovations of Kota Pangkalpinang for cycle 2026 -- 45 OPDs, realistic names with about 2%
near copies (``bench_duplicates.make_names``), every stage, urusan, dates inside and outside
the window, design words, video lengths, blank levels -- plus the city's SPD file
(``data/contoh/spd_contoh.csv``), then runs the real command line
``python -m inovlab check --cycle 2026 --inovasi ... --spd ... --out ...`` in a child
process and measures its wall time and peak resident memory
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``). Run::

    python benchmarks/bench_check.py [ROWS] [--reference CHECKOUT]

``--reference`` also times another checkout of inovlab (for instance the lead's main
branch) on the same file, for a before/after ratio measured side by side; without it the
ratio is against the 29.6 s measured before this work.

Target (issue 13): 20,000 innovations checked in <= 10 s and <= 1 GB peak RSS.

Measured on the shared 2-core development machine (2 Dec 2026), on this script's file:

* before (the main branch of that day, ``--reference``): 43.0 s wall and 29.4 s of CPU
  time at load average 2.5 (29.6 s wall as first measured on a quiet machine), of which
  about 20 s went to writing ``cek_kesiapan.xlsx`` (~800,000 cells, one openpyxl object
  each) and about 9 s to 150,000 Babel number formats in the explanations;
* after: 7.4 s wall and 6.5 s of CPU time at load average 2.5, peak RSS 0.35 GB (9.1 s
  wall for the same 6.9 s of CPU when other jobs held the cores). The workbook now takes
  about 1.5 s (:mod:`inovlab.io.xlsx_writer`), the check itself about 2.8 s of which 2 s
  is the duplicate search, reading and validating the file 0.7 s, importing 0.8 s.

The last line is ``ratio=<before seconds / seconds> seconds=<seconds>``; ``before`` is
29.6 s (the first measurement, close to the CPU time before) unless ``--reference``
times it side by side.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_duplicates import make_names

import inovlab
from inovlab.rules.framework import load_framework

ROWS = 20_000
CYCLE = 2026
REGION = "Kota Pangkalpinang"
TARGET_SECONDS = 10.0
TARGET_GB = 1.0
BEFORE_SECONDS = 29.6  # measured before this work (see the docstring)
ROOT = Path(__file__).resolve().parents[1]

_OPD = ["Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan", "Dinas Sosial",
        "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Perumahan dan Kawasan Permukiman",
        "Satuan Polisi Pamong Praja", "Badan Penanggulangan Bencana Daerah",
        "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Perhubungan",
        "Dinas Komunikasi dan Informatika", "Badan Perencanaan Pembangunan Daerah",
        "Badan Pengelolaan Keuangan dan Aset Daerah", "Badan Pendapatan Daerah",
        "Badan Kepegawaian dan Pengembangan SDM", "Dinas Penanaman Modal dan PTSP",
        "Dinas Lingkungan Hidup", "Dinas Pertanian", "Dinas Kelautan dan Perikanan",
        "Dinas Pariwisata", "Dinas Perdagangan dan Perindustrian",
        "Dinas Koperasi dan UKM", "Dinas Tenaga Kerja", "Dinas Perpustakaan dan Kearsipan",
        "Dinas Pemuda dan Olahraga", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "Dinas Pengendalian Penduduk dan KB", "Dinas Ketahanan Pangan",
        "Inspektorat Daerah", "Sekretariat Daerah", "Sekretariat DPRD", "RSUD Depati Hamzah",
        "Bagian Organisasi", "Bagian Hukum", "Bagian Pengadaan Barang dan Jasa",
        "Badan Kesatuan Bangsa dan Politik", "Dinas Pemadam Kebakaran",
        "Kecamatan Bukit Intan", "Kecamatan Gerunggang", "Kecamatan Girimaya",
        "Kecamatan Pangkalbalam", "Kecamatan Rangkui", "Kecamatan Tamansari",
        "Kecamatan Gabek", "Puskesmas Melintang", "Puskesmas Gerunggang"]
_STAGES = ["penerapan"] * 7 + ["Penerapan", "uji coba", "inisiatif"]
_URUSAN = ["Kesehatan", "Pendidikan", "Sosial", "Pekerjaan Umum dan Penataan Ruang",
           "Perumahan Rakyat dan Kawasan Permukiman",
           "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", "Pariwisata",
           "Perhubungan", "Komunikasi dan Informatika", "Administrasi Kependudukan", ""]


def make_files(folder: Path, rows: int = ROWS, seed: int = 1) -> tuple[Path, Path]:
    """``(inovasi.csv, spd.csv)`` in ``folder``: ``rows`` innovations of one pemda."""
    rng = np.random.default_rng(seed)
    fw = load_framework(CYCLE)
    names = make_names(rows, seed=0)["nama_inovasi"].to_numpy(dtype=object)
    days = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1800, rows), unit="D")
    dates = pd.Series(days.strftime("%Y-%m-%d")).where(rng.random(rows) < 0.9, "")
    frame = pd.DataFrame({
        "tahun": CYCLE, "nama_daerah": REGION,
        "id_inovasi": [f"PGK-{i:05d}" for i in range(rows)],
        "nama_inovasi": names,
        "opd": np.array(_OPD, dtype=object)[rng.integers(0, len(_OPD), rows)],
        "tahapan": np.array(_STAGES, dtype=object)[rng.integers(0, len(_STAGES), rows)],
        "urusan": np.array(_URUSAN, dtype=object)[rng.integers(0, len(_URUSAN), rows)],
        "tanggal_penerapan": dates,
        "kata_rancang_bangun": rng.integers(100, 900, rows),
        "durasi_video_detik": rng.integers(60, 400, rows),
    })
    levels = rng.choice([-1, 0, 1, 2, 3], p=[0.05, 0.1, 0.2, 0.35, 0.3],
                        size=(rows, len(fw.sid_columns)))
    for j, col in enumerate(fw.sid_columns):
        frame[col] = pd.Series(levels[:, j]).astype(str).replace("-1", "")
    inovasi, spd = folder / "inovasi.csv", folder / "spd.csv"
    frame.to_csv(inovasi, index=False)
    shutil.copyfile(ROOT / "data" / "contoh" / "spd_contoh.csv", spd)
    return inovasi, spd


def run_check(checkout: Path, inovasi: Path, spd: Path, out: Path) -> dict:
    """Wall and CPU seconds, peak GB and last printed line of ``inovlab check`` run from
    ``checkout``."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "inovlab", "check", "--cycle", str(CYCLE),
                           "--inovasi", str(inovasi), "--spd", str(spd), "--out", str(out)],
                          capture_output=True, text=True, env=env, cwd=out.parent, check=False)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-3000:])
        raise SystemExit(f"inovlab check failed (exit {done.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far (KiB): a second, smaller run
    # cannot be told apart, so the reference runs after the measured one
    return {"seconds": seconds, "cpu": cpu, "peak_gb": after.ru_maxrss / 1024 ** 2,
            "said": done.stdout.strip().splitlines()[-1]}


def main() -> None:
    args = sys.argv[1:]
    reference = None
    if "--reference" in args:
        k = args.index("--reference")
        reference = Path(args[k + 1]).resolve()
        del args[k:k + 2]
    rows = int(args[0]) if args else ROWS
    here = Path(inovlab.__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        inovasi, spd = make_files(Path(tmp), rows)
        print(f"file: {rows:,} innovations of {REGION}, {len(_OPD)} OPDs, "
              f"{inovasi.stat().st_size / 1e6:.1f} MB")
        load = os.getloadavg()[0]
        now = run_check(here, inovasi, spd, Path(tmp) / "cek")
        seconds, peak_gb = now["seconds"], now["peak_gb"]
        xlsx_mb = (Path(tmp) / "cek" / "cek_kesiapan.xlsx").stat().st_size / 1e6
        print(now["said"])
        # CPU time helps to read a wall time taken on a busy shared machine
        print(f"workbook cek_kesiapan.xlsx {xlsx_mb:.1f} MB; CPU time {now['cpu']:.1f} s; "
              f"load average before the run {load:.1f} on {os.cpu_count()} cores")
        before = BEFORE_SECONDS
        if reference is not None:
            ref = run_check(reference, inovasi, spd, Path(tmp) / "cek_ref")
            before = ref["seconds"]
            print(f"reference {reference}: {before:.2f} s, CPU time {ref['cpu']:.1f} s")
    ok = "ok" if seconds <= TARGET_SECONDS and peak_gb <= TARGET_GB else "ABOVE TARGET"
    print(f"inovlab check: {seconds:.2f} s (target <= {TARGET_SECONDS:.0f} s), peak RSS "
          f"{peak_gb:.2f} GB (target <= {TARGET_GB:.0f} GB): {ok}")
    print(f"ratio={before / seconds:.2f} seconds={seconds:.2f}")


if __name__ == "__main__":
    main()
