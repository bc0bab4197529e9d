"""The bundled cycle notebooks: where they are, and editable copies for JupyterLab.

``inovlab run`` executes the notebooks in :func:`notebook_dir` (``$INOVLAB_NOTEBOOK_DIR``
overrides, e.g. for a folder of your own edited notebooks). A researcher who wants to
change a notebook copies them with :func:`copy_notebooks` (``inovlab notebooks --copy
DIR``) and opens the copies in JupyterLab; the installed ones stay untouched.
"""

from __future__ import annotations

from pathlib import Path

from inovlab.errors import UsageError
from inovlab.i18n import message

NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"

_MESSAGES = {
    "exists": {"id": "Berkas sudah ada di {dest}: {files}. Pakai --overwrite untuk menimpanya.",
               "en": "Files already exist in {dest}: {files}. Use --overwrite to replace them."},
    "not_dir": {"id": "{dest} bukan folder.", "en": "{dest} is not a folder."},
}


def notebook_dir() -> Path:
    """The cycle's notebooks: ``$INOVLAB_NOTEBOOK_DIR`` if set, else the bundled ones.

    The bundled ones are inside the installed package (a wheel) or the clone's
    ``notebooks/`` (an editable install); see :func:`inovlab.resources.notebooks_dir`.

    Examples
    --------
    >>> sorted(p.name for p in notebook_dir().glob("0[1-2]_*.ipynb"))
    ['01_ikhtisar_hasil.ipynb', '02_pembanding.ipynb']
    """
    from inovlab.resources import notebooks_dir

    return Path(notebooks_dir())


def list_notebooks(directory: str | Path | None = None) -> list[Path]:
    """The ``NN_*.ipynb`` notebooks in ``directory`` (default :func:`notebook_dir`), sorted.

    Examples
    --------
    >>> [p.name for p in list_notebooks()][-1]
    '06_ringkasan_klinik.ipynb'
    """
    folder = Path(directory) if directory else notebook_dir()
    return sorted(p for p in folder.glob(NOTEBOOK_PATTERN) if p.is_file())


def relative_cost(path: str | Path) -> float:
    """How much work a notebook is, relative to the others: its metadata ``inovlab.cost``
    (seconds in a warm kernel on the demo data, measured), else 1. ``inovlab run`` shares a
    region's notebooks out by these when several kernels run them (``schedule``).

    Examples
    --------
    >>> {p.name[:2]: relative_cost(p) for p in list_notebooks()}["03"] > 1
    True
    """
    import json

    try:
        metadata = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
        return float(metadata.get("inovlab", {}).get("cost", 1.0))
    except (OSError, ValueError, TypeError, AttributeError):
        return 1.0


def cleared(path: str | Path):
    """A notebook read from ``path`` with every output and execution count removed.

    Examples
    --------
    >>> nb = cleared(list_notebooks()[0])
    >>> all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    True
    """
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("papermill", None)
    return nb


def copy_notebooks(dest: str | Path, overwrite: bool = False, lang: str = "id") -> list[Path]:
    """Copy the bundled notebooks, outputs cleared, into ``dest`` (created when missing).

    The copies are the researcher's to edit in JupyterLab; run them with
    ``INOVLAB_NOTEBOOK_DIR=dest inovlab run`` or plain papermill.

    Parameters
    ----------
    dest : str or Path
        Target folder.
    overwrite : bool
        Replace notebooks of the same name already in ``dest``.
    lang : {"id", "en"}
        Language of the error message.

    Returns
    -------
    list of Path
        The written notebooks, sorted.

    Raises
    ------
    UsageError
        When ``dest`` already holds a notebook of the same name and ``overwrite`` is False
        (naming those files; nothing is written), or ``dest`` is a file.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> [p.name for p in copy_notebooks(d)][:1]
    ['01_ikhtisar_hasil.ipynb']
    >>> copy_notebooks(d)
    Traceback (most recent call last):
    ...
    inovlab.errors.UsageError: Berkas sudah ada di ...
    """
    import nbformat

    from inovlab.io.export import atomic_write_text

    dest = Path(dest).expanduser()
    if dest.exists() and not dest.is_dir():
        raise UsageError(message(_MESSAGES, "not_dir", lang, dest=dest))
    sources = list_notebooks()
    existing = [p.name for p in sources if (dest / p.name).exists()]
    if existing and not overwrite:
        raise UsageError(message(_MESSAGES, "exists", lang, dest=dest,
                                 files=", ".join(existing)))
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        target = dest / source.name
        atomic_write_text(target, nbformat.writes(cleared(source)) + "\n")
        written.append(target)
    return written
