"""Where inovlab finds its bundled data.

The data lives in the repository's top-level ``data/`` folder (the package is installed
editable, ``pip install -e .``). ``INOVLAB_DATA_DIR`` points elsewhere, e.g. to a copy of
``data/`` with next cycle's rules added.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: ``$INOVLAB_DATA_DIR`` if set, else the repository's ``data/``.

    Examples
    --------
    >>> data_dir().name
    'data'
    """
    override = os.environ.get("INOVLAB_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "data"


def framework_dir() -> Path:
    """Folder with ``rules.csv``, ``urusan.csv`` and ``indicators_<cycle>.csv``."""
    return data_dir() / "framework"
