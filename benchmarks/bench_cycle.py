"""Benchmark of the cycle runner (``inovlab run``).

1. A full single-region cycle (every notebook in ``notebooks/``, HTML, deck) against the
   *floor*: the same number of notebooks that only import pandas, scikit-learn and
   matplotlib, run the same way (same runner, same options). Target: ratio <= 1.5.
2. The clinic brief (``06``) for all 98 kota with 2 workers. Target: <= 2 s per region.

Usage: ``python benchmarks/bench_cycle.py [--regions N] [--workers 2]``.
Last line: ``ratio=<cycle/floor> seconds=<batch seconds per region>``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from inovlab.io.regions import load_regions
from inovlab.workbook import runner

FLOOR_PARAMS = '''cycle: int = 2026  # siklus
region: str = "Kota Pangkal Pinang"  # daerah
lang: str = "id"  # bahasa
output_dir: str = ""  # folder run'''


def _args(out: Path, **kw) -> argparse.Namespace:
    base = dict(cycle=None, region=None, cluster=None, notebooks=None, param=[], config=None,
                data=None, out=str(out), workers=None, no_deck=False, lang="id")
    base.update(kw)
    return argparse.Namespace(**base)


def _floor_notebooks(folder: Path, n: int) -> None:
    for i in range(1, n + 1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        params = nbformat.v4.new_code_cell(FLOOR_PARAMS)
        params.metadata["tags"] = ["parameters"]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# Lantai {i:02d}"), params,
                    nbformat.v4.new_code_cell("import pandas\nimport sklearn\n"
                                              "import matplotlib.pyplot as plt")]
        nbformat.write(nb, folder / f"{i:02d}_lantai.ipynb")


def _timed_run(args, notebook_dir=None) -> tuple[float, int, list[dict]]:
    if notebook_dir:
        os.environ["INOVLAB_NOTEBOOK_DIR"] = str(notebook_dir)
    try:
        start = time.perf_counter()
        code, manifests = runner.run(args, progress=None)
        return time.perf_counter() - start, code, manifests
    finally:
        os.environ.pop("INOVLAB_NOTEBOOK_DIR", None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=None, help="only the first N kota")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-batch", action="store_true")
    opts = parser.parse_args(argv)

    n = len(runner.list_notebooks())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floor_dir = tmp / "lantai"
        floor_dir.mkdir()
        _floor_notebooks(floor_dir, n)
        # warm the OS file cache and the demo cache once, outside the timings
        _timed_run(_args(tmp / "warm", notebooks="06", no_deck=True))

        cycle_s, code, _ = _timed_run(_args(tmp / "cycle"))
        floor_s, _, _ = _timed_run(_args(tmp / "floor"), floor_dir)
        ratio = cycle_s / floor_s
        print(f"cycle: {n} notebooks in {cycle_s:.1f} s (exit {code}); "
              f"floor: {n} import-only notebooks in {floor_s:.1f} s; ratio {ratio:.2f} "
              f"(target <= 1.5)")

        per_region = float("nan")
        if not opts.skip_batch:
            regions = load_regions()
            kota = regions.loc[regions["jenis"] == "kota", "nama_daerah"].tolist()
            if opts.regions:
                kota = kota[:opts.regions]
            batch_s, code, manifests = _timed_run(_args(tmp / "batch", notebooks="06",
                                                        region=kota, workers=opts.workers))
            ok = sum(m["status"] == "ok" for m in manifests)
            per_region = batch_s / len(kota)
            print(f"batch: clinic brief for {len(kota)} kota with {opts.workers} workers in "
                  f"{batch_s:.1f} s ({ok} ok, exit {code}); {per_region:.2f} s per region "
                  f"(target <= 2 s)")
    print(f"ratio={ratio:.2f} seconds={per_region:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
