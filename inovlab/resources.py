"""Where inovlab finds its bundled data, its notebooks and its cache.

The data (``framework/``, ``regions/``, ``published/``, ``planner/``, ``contoh/``, ...) and
the cycle's notebooks live at the top of the repository (``data/``, ``notebooks/``) and ship
inside the wheel as ``inovlab/data/`` and ``inovlab/notebooks/``. Every read goes through the
functions here, which look in this order:

1. an environment variable (``INOVLAB_DATA_DIR``, ``INOVLAB_NOTEBOOK_DIR``), e.g. a copy of
   the data with next cycle's rules added;
2. the installed package (``importlib.resources``; a wheel install);
3. the source checkout's top-level folder (an editable install from a git clone).

The demo cache is not data: it goes to the user's cache folder (:func:`cache_dir`), never
into the install or the clone.
"""

from __future__ import annotations

import os
from importlib import resources as _resources
from pathlib import Path

DATA_ENV = "INOVLAB_DATA_DIR"
NOTEBOOK_ENV = "INOVLAB_NOTEBOOK_DIR"
CACHE_ENV = "INOVLAB_CACHE_DIR"

# The top of a source checkout. Only tests, doctests and tools/ use it (for tests/data,
# config/ ...); the package itself never reads from it except through the fallbacks below.
REPO_ROOT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    """``inovlab/<name>`` of the installed package if it is there, else the clone's ``<name>``."""
    installed = Path(str(_resources.files("inovlab") / name))
    return installed if installed.is_dir() else REPO_ROOT / name


def data_dir() -> Path:
    """The data folder: ``$INOVLAB_DATA_DIR``, else the installed or the clone's ``data``.

    Examples
    --------
    >>> data_dir().name
    'data'
    >>> (data_dir() / "framework" / "rules.csv").is_file()
    True
    """
    override = os.environ.get(DATA_ENV)
    return Path(override).expanduser() if override else _bundled("data")


def data_path(*parts: str) -> Path:
    """A path inside :func:`data_dir`, e.g. ``data_path("regions", "regions.csv")``.

    Examples
    --------
    >>> data_path("planner", "biaya_default.csv").name
    'biaya_default.csv'
    """
    return data_dir().joinpath(*parts)


def framework_dir() -> Path:
    """Folder with ``rules.csv``, ``urusan.csv`` and ``indicators_<cycle>.csv``.

    Examples
    --------
    >>> framework_dir().name
    'framework'
    """
    return data_path("framework")


def notebooks_dir() -> Path:
    """The cycle's notebooks: ``$INOVLAB_NOTEBOOK_DIR``, else the installed or the clone's.

    Examples
    --------
    >>> sorted(p.name for p in notebooks_dir().glob("01_*.ipynb"))
    ['01_ikhtisar_hasil.ipynb']
    """
    override = os.environ.get(NOTEBOOK_ENV)
    return Path(override).expanduser() if override else _bundled("notebooks")


def cache_dir() -> Path:
    """inovlab's cache folder: ``$INOVLAB_CACHE_DIR``, else the user cache folder.

    The user cache folder comes from :mod:`platformdirs` (``~/.cache/inovlab`` on Linux,
    ``%LOCALAPPDATA%\\inovlab\\Cache`` on Windows, ``~/Library/Caches/inovlab`` on macOS).
    The folder is not created here.

    Examples
    --------
    >>> (cache_dir() / "demo").parts[-1]
    'demo'
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("inovlab", appauthor=False))
