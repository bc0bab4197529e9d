"""The demo panel on disk: the parquet cache (one folder per seed) and written CSV panels.

The cache folder of a seed is :func:`cache_dir`, the one place that decides where it lives.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.sources.demo.build import generate_panel
from inovlab.sources.demo.panel import (
    CACHE_FILES,
    DEFAULT_SEED,
    GENERATOR_VERSION,
    DemoPanel,
    input_fingerprint,
)


def cache_dir(seed: int = DEFAULT_SEED) -> Path:
    """Folder of the cached panel for ``seed``: ``<user cache>/demo/seed-<seed>``.

    The user cache is :func:`inovlab.resources.cache_dir` (``INOVLAB_CACHE_DIR`` overrides),
    never the install or the clone.
    """
    from inovlab.resources import cache_dir as user_cache

    return user_cache() / "demo" / f"seed-{int(seed)}"


def _cache_valid(folder: Path, seed: int) -> bool:
    meta = folder / "metadata.json"
    if not meta.exists() or not all((folder / f"{n}.parquet").exists() for n in CACHE_FILES):
        return False
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (info.get("generator_version") == GENERATOR_VERSION and info.get("seed") == seed
            and info.get("input_fingerprint") == input_fingerprint())


def write_metadata(metadata: dict, path) -> Path:
    """Write the generator's metadata as UTF-8 JSON."""
    from inovlab.io.export import atomic_write_text

    return atomic_write_text(path, json.dumps(metadata, indent=2, ensure_ascii=False,
                                              default=_json_default) + "\n")


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def load_demo(seed: int = DEFAULT_SEED, refresh: bool = False) -> DemoPanel:
    """The demo panel for ``seed``, from the parquet cache (generated when needed).

    The cache (:func:`cache_dir`) is rebuilt when it is missing, or when the
    generator version, the seed or the input files changed.

    Parameters
    ----------
    seed : int
    refresh : bool
        Regenerate even when the cache is valid.

    Examples
    --------
    >>> panel = load_demo()
    >>> panel.metadata["sumber_data"], panel.metadata["seed"]
    ('demo', 2026)
    """
    seed = int(seed)
    folder = cache_dir(seed)
    if not refresh and _cache_valid(folder, seed):
        try:
            tables = {n: pd.read_parquet(folder / f"{n}.parquet") for n in CACHE_FILES}
            metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):  # replaced by another process while reading
            pass
        else:
            return DemoPanel(tables["hasil"], tables["spd"], tables["inovasi"], metadata)
    panel = generate_panel(seed)
    try:
        write_cache(panel, folder)
    except OSError:  # read-only data folder or a concurrent writer: the cache is optional
        pass
    return panel


def write_cache(panel: DemoPanel, folder: Path) -> None:
    """Write the panel as parquet files and ``metadata.json`` into ``folder`` (atomically)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, df in panel.tables().items():
            df.to_parquet(tmp / f"{name}.parquet", index=False)
        write_metadata(panel.metadata, tmp / "metadata.json")
        replace_dir(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def replace_dir(new: Path, target: Path) -> None:
    """Move folder ``new`` onto ``target`` (an existing ``target`` is replaced)."""
    umask = os.umask(0)
    os.umask(umask)
    # mkdtemp/mkstemp create private (0700/0600) entries; give them the usual permissions.
    os.chmod(new, 0o777 & ~umask)
    for child in new.iterdir():
        os.chmod(child, 0o666 & ~umask)
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        try:
            os.replace(new, target)
        except OSError:
            os.replace(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def write_panel(panel: DemoPanel, out) -> Path:
    """Write ``hasil.csv``, ``spd.csv``, ``inovasi.csv`` and ``metadata.json`` into ``out``.

    The folder is built beside ``out`` and renamed into place, so ``out`` is either the
    complete panel or untouched. An existing ``out`` is replaced only when it holds a demo
    panel written earlier (its ``metadata.json`` names this generator).

    Raises
    ------
    UsageError
        When ``out`` exists and is not an earlier demo panel.
    """
    from inovlab.errors import UsageError
    from inovlab.io.export import write_csv

    out = Path(out)
    if out.exists():
        meta = out / "metadata.json"
        ok = out.is_dir() and (not any(out.iterdir()) or (
            meta.exists() and '"inovlab.sources.demo"' in meta.read_text(encoding="utf-8")))
        if not ok:
            raise UsageError(f"Folder '{out}' sudah ada dan bukan panel demo; pilih --out lain. "
                             f"(Folder exists and is not a demo panel.)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    try:
        for name, df in panel.tables().items():
            write_csv(df, tmp / f"{name}.csv", neutralise_text=False)
        write_metadata(panel.metadata, tmp / "metadata.json")
        replace_dir(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
