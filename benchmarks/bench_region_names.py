"""Benchmark: suggest the closest official names for 552 misspelt region names.

Every one of the 552 pemda is written with one typing slip (a letter dropped, doubled,
swapped or replaced; fixed seed), and :func:`inovlab.io.regions.resolve_names` must call
each one unknown and offer the closest official names. The same suggestions are computed
the way inovlab did before issue 13 (difflib ``SequenceMatcher.ratio``, one name at a time)
in the same run, to compare speed and quality: how often the intended official name is
the first suggestion, and how often it is among the five. Run::

    python benchmarks/bench_region_names.py

Target (issue 13): <= 1 s for the 552 names (difflib took about 26 s).
The last line is ``ratio=<difflib seconds / rapidfuzz seconds> seconds=<rapidfuzz seconds>``.
"""

from __future__ import annotations

import difflib
import time

import numpy as np

from inovlab.io import regions as reg


def misspell(name: str, rng) -> str:
    """One typing slip inside the name (not in its ``Kabupaten``/``Kota`` prefix)."""
    prefix, _, core = name.rpartition(" ") if name.startswith(("Kabupaten ", "Kota ")) \
        else ("", "", name)
    i = int(rng.integers(0, max(len(core) - 1, 1)))
    kind = rng.integers(0, 4)
    if kind == 0:
        core = core[:i] + core[i + 1:]
    elif kind == 1:
        core = core[:i] + core[i] + core[i:]
    elif kind == 2 and len(core) > 1:
        core = core[:i] + core[i + 1] + core[i] + core[i + 2:]
    else:
        core = core[:i] + "xq"[i % 2] + core[i + 1:]
    return f"{prefix} {core}".strip()


def difflib_closest(text: str, choices: list[str], names, n: int = 5) -> list[str]:
    """The suggestion rule inovlab used before: difflib ratio on full and bare name."""
    norm = reg._normalise(text)
    _, tokens = reg._split_prefix(norm)
    bare = " ".join(tokens)
    matcher = difflib.SequenceMatcher(autojunk=False)
    scores = []
    for i, choice in enumerate(choices):
        best = 0.0
        for target, probe in ((choice, norm), (" ".join(reg._split_prefix(choice)[1]), bare)):
            matcher.set_seqs(probe, target)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        scores.append((best, i))
    scores.sort(key=lambda t: (-t[0], t[1]))
    return [names[i] for score, i in scores[:n] if score >= 0.5]


def quality(suggestions: list[list[str]], truth: list[str]) -> tuple[float, float]:
    first = np.mean([bool(s) and s[0] == t for s, t in zip(suggestions, truth, strict=True)])
    top5 = np.mean([t in s for s, t in zip(suggestions, truth, strict=True)])
    return float(first), float(top5)


def main() -> None:
    rng = np.random.default_rng(13)
    official = reg.load_regions()["nama_daerah"].tolist()
    written = [misspell(n, rng) for n in official]
    reg.resolve_names(["Kota Bogor"])  # warm-up: reference index, rapidfuzz import

    t0 = time.perf_counter()
    result = reg.resolve_names(written)
    fast = time.perf_counter() - t0
    unknown = result["status"].eq("unknown").to_numpy()
    fast_q = quality(result.loc[unknown, "candidates"].tolist(),
                     [t for t, u in zip(official, unknown, strict=True) if u])

    choices = [reg._normalise(n) for n in official]
    t0 = time.perf_counter()
    old = [difflib_closest(w, choices, official) for w, u in zip(written, unknown, strict=True)
           if u]
    slow = time.perf_counter() - t0
    old_q = quality(old, [t for t, u in zip(official, unknown, strict=True) if u])

    print(f"names={len(written)} unknown={int(unknown.sum())} "
          f"(the rest resolved anyway: a slip in a space or hyphen)")
    print(f"rapidfuzz (resolve_names, all steps): {fast:.3f} s; intended name first "
          f"{fast_q[0]:.1%}, among five {fast_q[1]:.1%}")
    print(f"difflib (suggestions only): {slow:.2f} s; intended name first {old_q[0]:.1%}, "
          f"among five {old_q[1]:.1%}")
    print(f"ratio={slow / fast:.1f} seconds={fast:.3f}")


if __name__ == "__main__":
    main()
