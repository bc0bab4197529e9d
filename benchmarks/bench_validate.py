"""Benchmark: validate 1,000,000 innovation rows (CSV) with ``load_table``.

Writes a synthetic national ``inovasi`` CSV (1,000,000 rows, 20 indicator columns,
region names written the everyday ways: ``Kab. X``, upper case, official name; dates ISO
and day-first; blank levels), then reads and checks it with
:func:`inovlab.io.validation.load_table` in a fresh Python process, so that the peak
resident memory (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``) is that of the
validation alone (plus the interpreter and imports). Run::

    python benchmarks/bench_validate.py [ROWS [EXISTING.csv]]

(an existing file made by an earlier run can be given to skip writing it again).

Target (issue 13): 1,000,000 rows in <= 20 s and <= 1.5 GB peak RSS on a 2-core machine.
Measured before the issue-13 work: about 80 s and 2.4 GB (as filed in the issue); on the
shared build machine (load average 10 on 2 cores) 85 s of CPU time, 377 s wall, 2.24 GB.
After: 12 s of CPU time, 1.25 GB; wall 13.2 s at load average 2.7 (50 s at load average
7, when the machine's two cores were shared by several jobs).
The last line is ``ratio=<target seconds / seconds> seconds=<seconds>`` (ratio >= 1 meets
the goal); the line before it gives the peak memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import inovlab
from inovlab.io.regions import load_regions
from inovlab.rules.framework import load_framework

ROWS = 1_000_000
CYCLE = 2026
TARGET_SECONDS = 20.0
TARGET_GB = 1.5
LOAD = 0.0
STAGES = ["penerapan", "Penerapan", "uji coba", "Uji Coba", "inisiatif"]
URUSAN = ["Kesehatan", "pendidikan", "Sosial", "Pekerjaan Umum dan Penataan Ruang",
          "pariwisata", "perhubungan", ""]

CHILD = """
import sys, time
t0 = time.perf_counter()
from inovlab.io.validation import load_table
table = load_table(sys.argv[1], "inovasi", cycle=None)
print(f"rows={len(table)} regions={table['kode_wilayah'].nunique()}")
print(f"child_seconds={time.perf_counter() - t0:.2f}")
"""


def _everyday_names(rng, n: int) -> np.ndarray:
    """Official names, ``Kab.``/``Kota`` short forms and upper case, mixed."""
    regions = load_regions()
    official = regions["nama_daerah"].to_numpy(dtype=object)
    short = regions["nama_daerah"].str.replace("Kabupaten ", "Kab. ", regex=False)
    upper = regions["nama_daerah"].str.upper()
    pool = np.concatenate([official, short.to_numpy(dtype=object), upper.to_numpy(dtype=object)])
    return pool[rng.integers(0, len(pool), n)]


def make_csv(path: Path, rows: int, seed: int = 0) -> None:
    """A valid national ``inovasi`` file of ``rows`` rows."""
    rng = np.random.default_rng(seed)
    fw = load_framework(CYCLE)
    days = pd.Timestamp("2023-06-01") + pd.to_timedelta(rng.integers(0, 900, rows), unit="D")
    iso = pd.Series(days.strftime("%Y-%m-%d"))
    dmy = pd.Series(days.strftime("%d/%m/%Y"))
    frame = pd.DataFrame({
        "tahun": CYCLE,
        "nama_daerah": _everyday_names(rng, rows),
        "id_inovasi": [f"INV-{i:07d}" for i in range(rows)],
        "nama_inovasi": pd.Series(rng.integers(0, 50_000, rows)).map("Layanan {}".format),
        "opd": np.array(["Dinas Kesehatan", "Dinas Pendidikan", "Bappeda", "Dinas Sosial"],
                        dtype=object)[rng.integers(0, 4, rows)],
        "tahapan": np.array(STAGES, dtype=object)[rng.integers(0, len(STAGES), rows)],
        "urusan": np.array(URUSAN, dtype=object)[rng.integers(0, len(URUSAN), rows)],
        "tanggal_penerapan": iso.where(rng.random(rows) < 0.5, dmy),
    })
    levels = rng.integers(-1, 4, size=(rows, len(fw.sid_columns)))
    for j, col in enumerate(fw.sid_columns):
        frame[col] = pd.Series(levels[:, j]).astype(str).replace("-1", "")
    frame.to_csv(path, index=False)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tmp) / "inovasi_nasional.csv"
        t0 = time.perf_counter()
        if len(sys.argv) <= 2:
            make_csv(path, rows)
        size_mb = path.stat().st_size / 1e6
        print(f"file: {rows:,} rows, {size_mb:.0f} MB, written in {time.perf_counter() - t0:.1f} s")
        global LOAD
        LOAD = os.getloadavg()[0]
        t0 = time.perf_counter()
        # the child imports the same inovlab as this script, whatever the working folder
        env = {**os.environ, "PYTHONPATH": str(Path(inovlab.__file__).resolve().parents[1])}
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                              text=True, check=False, cwd=tmp, env=env)
        seconds = time.perf_counter() - t0
    if done.returncode != 0:
        print(done.stderr[-3000:])
        raise SystemExit("validation failed")
    print(done.stdout.strip())
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_gb = usage.ru_maxrss / 1024 ** 2  # KiB on Linux
    ok = "ok" if seconds <= TARGET_SECONDS and peak_gb <= TARGET_GB else "ABOVE TARGET"
    # CPU time (all threads) helps to read a wall time taken on a busy shared machine
    print(f"CPU time {usage.ru_utime + usage.ru_stime:.1f} s; load average before the run "
          f"{LOAD:.1f} on {os.cpu_count()} cores")
    print(f"peak RSS {peak_gb:.2f} GB (target <= {TARGET_GB} GB); {seconds:.1f} s "
          f"(target <= {TARGET_SECONDS:.0f} s): {ok}")
    print(f"ratio={TARGET_SECONDS / seconds:.2f} seconds={seconds:.2f}")


if __name__ == "__main__":
    main()
