"""End-to-end: the real commands on each data situation users hold (tests/data/situations).

The fixtures are made by ``tools/make_situations.py`` and described in
``tests/data/situations/README.md``. Every case runs ``python -m inovlab`` as a subprocess in
a temporary folder, exactly as a user would, and passes explicit file lists (globbed here).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from inovlab.workbook.notebooks import notebook_dir

DATA = Path(__file__).parent / "data" / "situations"
CYCLE = "2026"
TIMEOUT = 1800

# situation -> (region as the user types it, its Kemendagri code)
SITUATIONS = {
    "sendiri": ("Kota Pangkal Pinang", "19.71"),
    "sendiri_daftar_skor": ("Kota Pangkal Pinang", "19.71"),
    "sendiri_predikat": ("Kota Pangkal Pinang", "19.71"),
    "sendiri_siklus_lalu": ("Kota Pangkal Pinang", "19.71"),
    "provinsi_lengkap": ("Kota Bogor", "32.71"),
}

# Key sentences per situation and notebook prefix, looked up in the executed notebooks'
# output text. Every notebook prints ``inputs.describe()``: "<pemda> (<kode>), siklus <c>:
# <source label>", so the data source of each run is pinned first.
_PGK = "Kota Pangkal Pinang (19.71), siklus 2026: data pengguna"
_BOGOR = "Kota Bogor (32.71), siklus 2026: data pengguna"
_NO_FIELD = "Peringkat tidak dihitung"
_OWN = "Uraian persis skor Kota Pangkal Pinang dari berkasnya sendiri"
_NO_CROSS = "Analisis antar-daerah butuh data indikator"
_BABEL = "7 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024"
_JABAR = "9 kota dalam berkas Anda: Jawa Barat 2025"
_EARLIER = "bukan 2026, jadi proyeksi ini menganggap mereka tidak berubah"
_FROM_FILES = "dihitung dari berkas inovasi dan spd Anda"
EXPECTED = {
    "sendiri": {
        "01": [_PGK, _NO_FIELD, "data resmi terpublikasi"], "02": [_PGK, _NO_CROSS],
        "03": [_PGK, _OWN, _NO_CROSS, _NO_FIELD], "04": [_PGK, "Sangat Inovatif"],
        "05": [_PGK, "21 inovasi dari 8 OPD diperiksa"], "06": [_PGK, _NO_FIELD, _NO_CROSS],
    },
    "sendiri_daftar_skor": {
        "01": [_PGK, _BABEL, _EARLIER, "berkas hasil Anda"], "02": [_PGK, _BABEL, "(daerah ini)"],
        "03": [_PGK, _OWN, _BABEL], "04": [_PGK, _BABEL], "05": [_PGK],
        "06": [_PGK, _BABEL, "3 / 7"],
    },
    "sendiri_predikat": {
        "01": [_PGK, "hanya predikat yang diketahui", _NO_FIELD], "02": [_PGK, _NO_FIELD],
        "03": [_PGK, _OWN], "04": [_PGK, _NO_FIELD], "05": [_PGK],
        "06": [_PGK, "hanya predikat yang diketahui"],
    },
    "sendiri_siklus_lalu": {
        "01": [_PGK, "Siklus lain dalam berkas inovasi: 2024, 2025", _FROM_FILES],
        "02": [_PGK], "03": [_PGK, _OWN], "04": [_PGK], "05": [_PGK], "06": [_PGK, _FROM_FILES],
    },
    "provinsi_lengkap": {
        "01": [_BOGOR, _JABAR, _EARLIER], "02": [_BOGOR, _JABAR, "Dibanding median 8 pemda"],
        "03": [_BOGOR, "Dihitung di antara 9 pemda klaster kota dalam data", _JABAR],
        "04": [_BOGOR, _JABAR], "05": [_BOGOR], "06": [_BOGOR, _JABAR],
    },
}
# Never in the output of a run on user data: demo data mixed in behind the user's back
# (data contract: "never mixed silently with user data").
UNEXPECTED = ["data demo (sintetis)"]

# The problems planted in tests/data/situations/rusak (see its README): file, row as the user
# sees it (header = row 1; None = the whole file), and words the message must contain.
PLANTED = [
    ("hasil.csv", {3}, ["Kota Atlantis"]),
    ("hasil.csv", {4}, ["sembilan puluh"]),
    ("hasil.csv", {5}, ["120"]),
    ("spd.csv", {4}, ["7"]),
    ("spd.csv", {7}, ["indikator"]),
    ("spd.csv", {10}, ["99"]),
    ("inovasi.csv", {3}, ["selesai"]),
    ("inovasi.csv", {5, 6}, ["G04"]),
    ("inovasi_dinas_sosial.csv", None, ["opd"]),
]

pytestmark = pytest.mark.slow


def table_files(folder: Path, table: str) -> list[str]:
    """Every ``<table>*.csv`` / ``<table>*.xlsx`` of a data folder, sorted."""
    return sorted(str(p) for p in folder.iterdir()
                  if p.name.startswith(table) and p.suffix in (".csv", ".xlsx"))


def inovlab(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.run([sys.executable, "-m", "inovlab", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=TIMEOUT)


def _why(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\nstdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}"


def notebook_text(path: Path) -> str:
    """All output text of an executed notebook (streams and every ``text/*`` display)."""
    parts = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")))
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/"):
                    parts.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(parts)


def _options(folder: Path, *tables: str) -> list[str]:
    """``--<table> FILE...`` for each table that has files in the folder."""
    args = []
    for table in tables:
        files = table_files(folder, table)
        if files:
            args += [f"--{table}", *files]
    return args


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_run(situation, tmp_path):
    region, _ = SITUATIONS[situation]
    out = tmp_path / "runs"
    proc = inovlab(["run", "--data", str(DATA / situation), "--region", region,
                    "--cycle", CYCLE, "--out", str(out)], tmp_path / "cwd")
    assert proc.returncode == 0, _why(proc)
    manifests = list(out.rglob("manifest.json"))
    assert len(manifests) == 1, manifests
    folder = manifests[0].parent
    manifest = json.loads(manifests[0].read_text(encoding="utf-8"))
    bundled = sorted(p.stem for p in notebook_dir().glob("[0-9][0-9]_*.ipynb"))
    assert sorted(r["notebook"] for r in manifest["notebooks"]) == bundled
    failed = {r["notebook"]: r.get("error") for r in manifest["notebooks"] if r["status"] != "ok"}
    assert not failed, failed
    assert (folder / "ringkasan.json").is_file()
    for prefix, sentences in EXPECTED[situation].items():
        [nb] = folder.glob(f"{prefix}_*.ipynb")
        text = notebook_text(nb)
        missing = [s for s in sentences if s not in text]
        assert not missing, f"{nb.name}: missing {missing}"
        found = [s for s in UNEXPECTED if s in text]
        assert not found, f"{nb.name}: {found}"


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_score(situation, tmp_path):
    folder = DATA / situation
    out = tmp_path / "skor"
    proc = inovlab(["score", "--cycle", CYCLE, *_options(folder, "inovasi", "spd"),
                    "--out", str(out)], tmp_path / "cwd")
    assert proc.returncode == 0, _why(proc)
    [path] = out.rglob("skor_daerah.csv")
    skor = pd.read_csv(path, dtype={"kode_wilayah": str})
    assert SITUATIONS[situation][1] in set(skor["kode_wilayah"]), skor.head().to_string()


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_check(situation, tmp_path):
    region, _ = SITUATIONS[situation]
    folder = DATA / situation
    proc = inovlab(["check", "--cycle", CYCLE, *_options(folder, "inovasi", "spd", "hasil"),
                    "--region", region, "--out", str(tmp_path / "cek")], tmp_path / "cwd")
    assert proc.returncode == 0, _why(proc)


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_drivers(situation, tmp_path):
    region, _ = SITUATIONS[situation]
    folder = DATA / situation
    proc = inovlab(["drivers", "--cycle", CYCLE, *_options(folder, "inovasi", "spd", "hasil"),
                    "--region", region, "--out", str(tmp_path / "penggerak")], tmp_path / "cwd")
    assert proc.returncode == 0, _why(proc)


def test_rusak_run_names_every_problem_and_writes_nothing(tmp_path):
    out, cwd = tmp_path / "runs", tmp_path / "cwd"
    proc = inovlab(["run", "--data", str(DATA / "rusak"), "--region", "Kota Pangkal Pinang",
                    "--cycle", CYCLE, "--out", str(out)], cwd)
    assert proc.returncode == 1, _why(proc)
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text
    lines = text.splitlines()
    for file, rows, words in PLANTED:
        def names_it(line, file=file, rows=rows, words=words):
            where = re.search(rf"(?<![\w.]){re.escape(file)}", line)
            row_ok = rows is None or any(re.search(rf"\b{r}\b", line) for r in rows)
            return bool(where) and row_ok and all(w in line for w in words)

        assert any(names_it(line) for line in lines), f"{file} {rows} {words}:\n{text}"
    assert not out.exists() or not any(out.rglob("*")), sorted(out.rglob("*"))
    assert not any(cwd.rglob("*")), sorted(cwd.rglob("*"))


def test_one_run_agrees_on_every_rank(tmp_path):
    """The notebooks of one run, ringkasan.json, the deck and ``inovlab check`` on the same
    files give the same field, projection, range and P(top 10) (one rank model)."""
    region, _ = SITUATIONS["provinsi_lengkap"]
    folder = DATA / "provinsi_lengkap"
    out = tmp_path / "runs"
    proc = inovlab(["run", "--data", str(folder), "--region", region, "--cycle", CYCLE,
                    "--out", str(out)], tmp_path / "cwd")
    assert proc.returncode == 0, _why(proc)
    run = next(out.rglob("ringkasan.json")).parent
    rank = json.loads((run / "ringkasan.json").read_text(encoding="utf-8"))["peringkat"]["value"]
    assert rank["median"] is not None and rank["n_draws"] == 20_000
    band = f"median {rank['median']}, kemungkinan besar (90%) antara {rank['p05']} dan {rank['p95']}"
    for prefix in ("03", "06"):
        [nb] = run.glob(f"{prefix}_*.ipynb")
        assert band in notebook_text(nb), prefix
    for prefix in ("01", "06"):
        [nb] = run.glob(f"{prefix}_*.ipynb")
        assert f"{rank['proyeksi']} / {rank['n_bidang']}" in notebook_text(nb), prefix
    cek = tmp_path / "cek"
    proc = inovlab(["check", "--cycle", CYCLE, *_options(folder, "inovasi", "spd", "hasil"),
                    "--region", region, "--out", str(cek)], tmp_path / "cwd")
    assert proc.returncode == 0, _why(proc)
    pemda = pd.read_csv(next(cek.rglob("cek_pemda.csv")), dtype={"kode_wilayah": str})
    row = pemda[pemda["kode_wilayah"] == SITUATIONS["provinsi_lengkap"][1]].iloc[0]
    assert row["bidang"] == rank["bidang"]
    assert (int(row["peringkat_proyeksi"]), int(row["peringkat_median"]),
            int(row["peringkat_p05"]), int(row["peringkat_p95"])) == (
        rank["proyeksi"], rank["median"], rank["p05"], rank["p95"])
    assert float(row["p_top10"]) == pytest.approx(rank["p_top_k"], abs=1e-12)
