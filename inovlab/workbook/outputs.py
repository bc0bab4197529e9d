"""What a notebook leaves in its run folder: figures, tables and key numbers.

Notebooks call these with their ``output_dir`` parameter (set by ``inovlab run``). When
``output_dir`` is empty (the notebook is opened in JupyterLab or run by plain ``papermill``
without it) nothing is written and ``None`` is returned, so the same notebook works in both.

Layout of a run folder::

    figures/<name>.png     save_figure (its title in the PNG: saved_figure_title)
    tables/<name>.csv      save_table (also tables/<name>.xlsx)
    ringkasan.json         record_number: {"<name>": {"value": ..., "label": ..., "notebook": ...}}

Every file is written atomically (a unique temporary file, then a rename), and
``ringkasan.json`` is updated under a lock file: two notebooks of one run may write into the
same folder at the same time (``inovlab run`` runs a region's notebooks in two kernels).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from pathlib import Path

from inovlab.io.export import atomic_path, atomic_write_text, safe_filename
from inovlab.workbook.isolation import RUNNING_ENV  # the notebook a kernel runs now

SUMMARY_FILE = "ringkasan.json"
FIGURES = "figures"
TABLES = "tables"
FIGURE_DPI = 120  # saved PNGs are sharper than the screen's 100 dpi
LOCK_WAIT_S = 30.0  # a lock older than this was left by a writer that died


def save_figure(fig, name: str, output_dir: str | Path | None,
                dpi: int = FIGURE_DPI) -> Path | None:
    """Save a matplotlib figure as ``figures/<name>.png`` in the run folder.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem; sanitised with ``export.safe_filename``.
    output_dir : str or Path or None
        The notebook's ``output_dir`` parameter; empty means "do not save".

    Returns
    -------
    Path or None

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, tempfile
    >>> fig, ax = plt.subplots()
    >>> save_figure(fig, "uji", tempfile.mkdtemp()).name
    'uji.png'
    >>> save_figure(fig, "uji", "") is None
    True
    """
    if not output_dir:
        return None
    folder = Path(output_dir) / FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_filename(name)}.png"
    box = _tight_box(fig)
    title = figure_title(fig)  # kept in the PNG: the run's index page lists figures by it
    with atomic_path(path) as tmp, _laid_out(fig):
        fig.savefig(tmp, dpi=dpi, bbox_inches=box, format="png",
                    metadata={"Title": title} if title else None)
    return path


def figure_title(figure) -> str:
    """The titles of ``figure`` (its own, then each plot's), joined: its alternative text.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, (a, b) = plt.subplots(1, 2)
    >>> _ = a.set_title("Skor IID"), b.set_title("Predikat")
    >>> figure_title(fig)
    'Skor IID; Predikat'
    >>> plt.close(fig)
    """
    titles = [figure.get_suptitle()] + [ax.get_title() for ax in figure.get_axes()]
    return "; ".join(" ".join(t.split()) for t in titles if t and t.strip())


def saved_figure_title(png: str | Path) -> str:
    """The title :func:`save_figure` stored in a PNG ('' when it has none or is unreadable).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, tempfile
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Skor IID")
    >>> saved_figure_title(save_figure(fig, "uji", tempfile.mkdtemp()))
    'Skor IID'
    >>> plt.close(fig)
    """
    from PIL import Image

    try:
        with Image.open(png) as image:
            return str(image.info.get("Title", ""))
    except (OSError, ValueError):
        return ""


@contextlib.contextmanager
def _laid_out(fig):
    """Save ``fig`` as it is laid out now.

    ``tight_layout()`` leaves a place-holder layout engine on the figure, and matplotlib
    draws a figure with any layout engine once more before saving it (a pass that does
    nothing for a place-holder but costs a third of the save). It is taken off while saving.
    """
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = fig.get_layout_engine()
    if not isinstance(engine, PlaceHolderLayoutEngine):
        yield
        return
    fig.set_layout_engine(None)
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def _tight_box(fig):
    """The figure's content box plus the usual margin, in inches (what ``"tight"`` gives).

    ``bbox_inches="tight"`` lays the figure out again in a throw-away draw; the plot
    functions have just laid it out (``tight_layout``), so the text sizes are cached on the
    figure's own renderer and this box costs almost nothing.
    """
    import matplotlib

    return fig.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])


def run_source_label(output_dir: str | Path) -> str | None:
    """The data-source label of the run in ``output_dir`` (None outside a run folder)."""
    from inovlab.report.context import run_context

    context = run_context(output_dir)
    return context.source_label if context is not None else None


def save_table(table, name: str, output_dir: str | Path | None, excel: bool = True,
               source: str | None = None) -> Path | None:
    """Save a DataFrame as ``tables/<name>.csv`` and ``tables/<name>.xlsx``.

    Written through ``export.write_csv`` / ``export.write_excel`` (atomic, spreadsheet
    formulas neutralised). Every table carries its data-source label (a ``sumber_data``
    column, and a note on the XLSX sheet): ``source``, else the run's
    (:func:`run_source_label`). Returns the CSV path, or None when ``output_dir`` is empty.

    Examples
    --------
    >>> import pandas as pd, tempfile
    >>> save_table(pd.DataFrame({"a": [1]}), "uji", tempfile.mkdtemp()).name
    'uji.csv'
    """
    if not output_dir:
        return None
    from pandas import RangeIndex

    if not isinstance(table.index, RangeIndex):  # a table keyed by field names keeps them
        table = table.rename_axis(table.index.name or "kolom").reset_index()
    folder = Path(output_dir) / TABLES
    folder.mkdir(parents=True, exist_ok=True)
    from inovlab.io.export import write_csv, write_excel

    stem = safe_filename(name)
    csv_path = folder / f"{stem}.csv"
    source = source or run_source_label(output_dir)
    write_csv(table, csv_path, source=source)
    if excel:
        write_excel({stem[:31]: table}, folder / f"{stem}.xlsx", source=source)
    return csv_path


def _plain(value):
    """JSON-friendly value (numpy scalars -> Python; NaN, NA, NaT -> None)."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):  # a region not ranked this cycle
        return None
    return value


def record_number(name: str, value, output_dir: str | Path | None, label: str = "",
                  notebook: str = "") -> None:
    """Record one key number in ``ringkasan.json`` of the run (read by the deck).

    The file maps ``name -> {"value", "label", "notebook"}``; a later call with the same
    name replaces the value. Text values (a predikat, a region name) are allowed.

    Examples
    --------
    >>> import tempfile, json, pathlib
    >>> d = tempfile.mkdtemp()
    >>> record_number("skor_iid", 61.5, d, label="Skor IID")
    >>> json.loads((pathlib.Path(d) / "ringkasan.json").read_text())["skor_iid"]["value"]
    61.5
    """
    if not output_dir:
        return
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    notebook = notebook or os.environ.get(RUNNING_ENV, "")
    with _locked(output_dir):
        data = read_numbers(output_dir)
        data[str(name)] = {"value": _plain(value), "label": label, "notebook": notebook}
        _write_numbers(output_dir, data)


def _write_numbers(output_dir: str | Path, data: dict) -> None:
    atomic_write_text(Path(output_dir) / SUMMARY_FILE,
                      json.dumps(data, ensure_ascii=False, indent=1, default=str))


@contextlib.contextmanager
def _locked(output_dir: str | Path):
    """Hold the lock of ``ringkasan.json`` in ``output_dir`` (a lock file made exclusively,
    so it works on every system); a lock left by a writer that died is taken over after
    :data:`LOCK_WAIT_S` seconds."""
    lock = Path(output_dir) / f".{SUMMARY_FILE}.lock"
    deadline = time.monotonic() + LOCK_WAIT_S
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                with contextlib.suppress(OSError):
                    lock.unlink()
                deadline = time.monotonic() + LOCK_WAIT_S
            time.sleep(0.005)
    try:
        yield
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            lock.unlink()


def read_numbers(output_dir: str | Path) -> dict:
    """The key numbers recorded in a run folder (empty dict when none)."""
    path = Path(output_dir) / SUMMARY_FILE
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def claim_numbers(output_dir: str | Path, notebook: str) -> None:
    """Name ``notebook`` on every key number recorded without one (the runner calls this
    after each notebook, so every ``ringkasan.json`` entry says which notebook made it).

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> record_number("skor_iid", 61.5, d)
    >>> claim_numbers(d, "01_ikhtisar_hasil")
    >>> read_numbers(d)["skor_iid"]["notebook"]
    '01_ikhtisar_hasil'
    """
    with _locked(output_dir):
        data = read_numbers(output_dir)
        unnamed = [k for k, v in data.items() if isinstance(v, dict) and not v.get("notebook")]
        if not unnamed:
            return
        for key in unnamed:
            data[key]["notebook"] = notebook
        _write_numbers(output_dir, data)
