"""Benchmark: likely-duplicate innovation names of one pemda, 20,000 innovations.

``inovlab check`` looks for names an OPD submitted twice (``analysis.duplicates``). The
earlier method built a dense n x n trigram-similarity matrix per pemda (1,000 innovations
7.7 s / 0.43 GB, 4,000 70 s / 2.95 GB, 20,000 never finished). This script times
:func:`inovlab.analysis.duplicates.find_duplicates` on 20,000 synthetic names of ONE pemda
(the worst case: national files hold fewer per pemda) in a child process that reports its
peak memory, and compares it on 1,000 names with :func:`dense_reference`, the dense method
written out here, checking that both find the same pairs. Run::

    python benchmarks/bench_duplicates.py

The last line is ``ratio=<dense/current on 1,000 names> seconds=<current on 20,000>``.
Target (issue 13): 20,000 innovations in <= 10 s and <= 1 GB.

Measured on the shared 2-core development machine (2 Dec 2026): the earlier dense method
took 5.8 s and 0.45 GB peak for 4,000 names of one pemda (455 pairs); this one takes 2.25 s
and 0.28 GB peak for 20,000 names (3,743 pairs), and on 1,000 names finds the dense
method's 47 pairs plus one (rapidfuzz's similarity is at least difflib's).
"""

from __future__ import annotations

import difflib
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

N_LARGE = 20_000
N_SMALL = 1_000
THRESHOLD = 0.85

_LEAD = ["Sistem Informasi", "Layanan", "Aplikasi", "Gerakan", "Program", "Inovasi",
         "Pelayanan", "Sistem", "Klinik", "Rumah", "Sekolah", "Kampung", "Desa", "Pojok"]
_TOPIC = ["antrean", "puskesmas", "pajak", "retribusi", "sampah", "posyandu", "stunting",
          "perizinan", "pengaduan", "pasar", "air bersih", "jalan", "irigasi", "beasiswa",
          "kependudukan", "akta kelahiran", "bansos", "lansia", "disabilitas", "UMKM",
          "pertanian", "nelayan", "pariwisata", "perpustakaan", "arsip", "kesehatan ibu",
          "imunisasi", "gizi", "sanitasi", "rumah layak huni", "kebakaran", "bencana",
          "ketertiban", "parkir", "angkutan", "data terpadu", "kepegawaian", "keuangan desa"]
_TAIL = ["online", "digital", "terpadu", "keliling", "cepat", "mandiri", "berbasis web",
         "satu pintu", "ramah anak", "tanpa kertas", "", "", ""]


def _brand(rng) -> str:
    letters = list("ABDEGIKLMNOPRSTU")
    return "".join(rng.choice(letters, rng.integers(4, 8)))


def make_names(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` innovations of one pemda; about 2% are near copies of another (typo, order,
    case, punctuation), as in real files."""
    rng = np.random.default_rng(seed)
    names = []
    for i in range(n):
        if i > 10 and rng.random() < 0.02:
            base = names[rng.integers(0, len(names))]
            k = rng.integers(0, 3)
            if k == 0 and len(base) > 6:  # a typo
                j = rng.integers(1, len(base) - 1)
                base = base[:j] + base[j + 1:]
            elif k == 1:
                base = base.upper()
            else:
                base = base.replace(" - ", ": ")
            names.append(base)
            continue
        words = [rng.choice(_LEAD), *rng.choice(_TOPIC, rng.integers(1, 3), replace=False),
                 rng.choice(_TAIL)]
        text = " ".join(w for w in words if w)
        names.append(f"{_brand(rng)} - {text}" if rng.random() < 0.7 else text)
    return pd.DataFrame({"tahun": 2026, "kode_wilayah": "19.71",
                         "id_inovasi": [f"I{i:05d}" for i in range(n)], "nama_inovasi": names})


def dense_reference(df: pd.DataFrame, threshold: float = THRESHOLD) -> set[tuple[str, str]]:
    """The earlier method: dense trigram Dice matrix, then difflib on candidates."""
    from inovlab.analysis.duplicates import normalise_name

    norm = normalise_name(df["nama_inovasi"]).tolist()
    parts = df["nama_inovasi"].str.split(r"\s[-–—]\s|:", n=1, regex=True)
    brand = normalise_name(parts.str[0]).where(parts.str.len() > 1, "").tolist()
    grams = [{s[i:i + 3] for i in range(max(len(s) - 2, 1))} for s in (f" {x} " for x in norm)]
    vocab = {g: i for i, g in enumerate(sorted(set().union(*grams)))}
    m = np.zeros((len(norm), len(vocab)), dtype=np.float32)
    for r, gs in enumerate(grams):
        m[r, [vocab[g] for g in gs]] = 1.0
    size = m.sum(axis=1)
    dice = 2 * (m @ m.T) / np.maximum(size[:, None] + size[None, :], 1)
    ids = df["id_inovasi"].tolist()
    found = set()
    for i, j in zip(*np.nonzero(np.triu(dice >= 0.5, k=1)), strict=True):
        x, y = norm[i], norm[j]
        if brand[i] and brand[j] and brand[i] != brand[j] and difflib.SequenceMatcher(
                None, brand[i], brand[j]).ratio() < threshold:
            continue
        tx, ty = set(x.split()), set(y.split())
        sim = max(len(tx & ty) / len(tx | ty), difflib.SequenceMatcher(None, x, y).ratio())
        if sim >= threshold:
            found.add((ids[i], ids[j]))
    return found


def _pairs(out: pd.DataFrame) -> set[tuple[str, str]]:
    return {(a, b) for a, b in zip(out["id_a"], out["id_b"], strict=True) if a < b}


def _child(n: int) -> None:
    """Time the current method on ``n`` names; print seconds, pairs and peak memory (JSON)."""
    from inovlab.analysis.duplicates import find_duplicates

    df = make_names(n)
    find_duplicates(df.head(50))  # warm-up (imports)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    out = find_duplicates(df)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "pairs": len(out) // 2,
                      "peak_gb": peak / 2**20, "extra_gb": (peak - base) / 2**20}))


def _measure(n: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    from inovlab.analysis.duplicates import find_duplicates

    small = make_names(N_SMALL)
    t0 = time.perf_counter()
    reference = dense_reference(small)
    dense_s = time.perf_counter() - t0
    find_duplicates(small.head(50))
    t0 = time.perf_counter()
    current = _pairs(find_duplicates(small))
    current_s = time.perf_counter() - t0
    print(f"{N_SMALL} names: dense {dense_s:.2f} s, current {current_s:.3f} s; pairs dense "
          f"{len(reference)}, current {len(current)}, both {len(reference & current)}")
    large = _measure(N_LARGE)
    print(f"{N_LARGE} names in one pemda: {large['seconds']:.2f} s, {large['pairs']} pairs, "
          f"peak memory {large['peak_gb']:.2f} GB (+{large['extra_gb']:.2f} GB for the search)")
    print(f"ratio={dense_s / current_s:.1f} seconds={large['seconds']:.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(int(sys.argv[2]))
    else:
        main()
