"""Run the same notebook for many regions in one warm kernel (batch runs).

Starting a kernel and importing pandas, scikit-learn and matplotlib costs seconds; for a
batch over 98 kota that dominates. A :class:`WarmKernel` starts one kernel and executes
notebook after notebook in it, each with fresh parameters injected by papermill's own
``parameterize_notebook`` (so the executed notebook looks as papermill would write it).

Between notebooks the kernel is reset: ``%reset -f`` empties the user namespace, all
figures are closed, the working directory is set to the new run folder and the execution
counter restarts. Imported modules stay loaded (that is the saving); inovlab's modules keep
no state between calls apart from read-only caches of bundled data.

Every kernel inovlab starts (here and in ``runner``) is a kernel of **this** interpreter
(:class:`InterpreterKernelManager`): the notebooks say ``python3``, but a ``python3``
kernelspec found on the Jupyter path may point at another Python (a system Jupyter, a
conda base) that has no inovlab. Starting ``sys.executable -m ipykernel_launcher`` directly
makes ``inovlab run`` work from a wheel in any venv, with no ``ipykernel install`` step.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec

KERNEL = "python3"
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"


def interpreter_kernel_spec(executable: str | None = None) -> KernelSpec:
    """The kernelspec of an ipykernel running in ``executable`` (default: this interpreter).

    Examples
    --------
    >>> import sys
    >>> spec = interpreter_kernel_spec()
    >>> spec.argv[0] == sys.executable, spec.argv[1:3], spec.display_name
    (True, ['-m', 'ipykernel_launcher'], 'Python 3 (ipykernel)')
    """
    return KernelSpec(argv=[executable or sys.executable, "-m", "ipykernel_launcher",
                            "-f", "{connection_file}"],
                      display_name=KERNEL_DISPLAY_NAME, language="python", name=KERNEL,
                      metadata={"debugger": True})


class InterpreterKernelManager(AsyncKernelManager):
    """A kernel manager that always starts a kernel of this interpreter.

    Whatever kernel name the notebook names, the kernel runs in ``sys.executable``, so it
    imports the same inovlab as the runner. Pass it to papermill or nbclient as
    ``kernel_manager_class``.

    Examples
    --------
    >>> import sys
    >>> InterpreterKernelManager(kernel_name="inovlab").kernel_spec.argv[0] == sys.executable
    True
    """

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            self._kernel_spec = interpreter_kernel_spec()
        return self._kernel_spec

_RESET = """\
get_ipython().run_line_magic("reset", "-f")
import os as _os
import matplotlib.pyplot as _plt
_plt.close("all")
_os.chdir({cwd!r})
del _os, _plt
get_ipython().execution_count = 1
"""


class WarmKernel:
    """One reusable kernel executing parameterised notebooks one after the other.

    Examples
    --------
    >>> from inovlab.resources import REPO_ROOT
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> nb = REPO_ROOT / "tests/data/notebooks/03_uji_ok.ipynb"
    >>> with WarmKernel() as k:  # doctest: +SKIP
    ...     k.execute(nb, d / "out.ipynb", {"region": "Kota Bogor"}, d)["status"]
    'ok'
    """

    def __init__(self, kernel_name: str = KERNEL, timeout: int = 600):
        self.kernel_name = kernel_name
        self.timeout = timeout
        self.client = None

    def start(self) -> WarmKernel:
        from nbclient import NotebookClient

        self.client = NotebookClient(nbformat.v4.new_notebook(), kernel_name=self.kernel_name,
                                     timeout=self.timeout, allow_errors=False,
                                     kernel_manager_class=InterpreterKernelManager)
        self.client.km = self.client.create_kernel_manager()
        self.client.start_new_kernel()
        self.client.start_new_kernel_client()
        return self

    def shutdown(self) -> None:
        """Stop the kernel (safe to call twice)."""
        client, self.client = self.client, None
        if client is None:
            return
        try:
            client._cleanup_kernel()  # nbclient's own shutdown of kernel and channels
        except Exception:  # the process is exiting anyway
            pass

    def __enter__(self) -> WarmKernel:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.shutdown()

    def _run_source(self, source: str) -> None:
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb = nbformat.v4.new_notebook(cells=[cell])
        self.client.execute_cell(cell, 0)

    def execute(self, nb_path: str | Path, target: str | Path, parameters: dict,
                cwd: str | Path) -> dict:
        """Execute ``nb_path`` with ``parameters`` into ``target``; never raises for a cell error.

        Returns the same record as the papermill path of ``inovlab.workbook.runner``: ``status``,
        ``duration_s`` and, on failure, ``error`` with the failing cell of the source notebook.
        """
        from nbclient.exceptions import CellExecutionError
        from papermill.parameterize import parameterize_notebook

        if self.client is None:
            self.start()
        start = time.perf_counter()
        nb_path, target = Path(nb_path), Path(target)
        record = {"notebook": nb_path.stem, "output": target.name, "status": "ok",
                  "parameters": {k: v for k, v in parameters.items() if k != "output_dir"}}
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:  # papermill expects every cell to carry a tags list
            cell.metadata.setdefault("tags", [])
        nb.metadata.setdefault("papermill", {})
        nb = parameterize_notebook(nb, parameters, kernel_name=self.kernel_name, language="python")
        injected = next((i for i, c in enumerate(nb.cells)
                         if "injected-parameters" in c.get("metadata", {}).get("tags", [])), None)
        self._run_source(_RESET.format(cwd=str(cwd)))
        self.client.nb = nb
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                self.client.execute_cell(cell, index)
            except CellExecutionError as exc:
                record.update(status="failed", error={
                    "cell_index": _source_index(index, injected),
                    "execution_count": cell.get("execution_count"),
                    "ename": getattr(exc, "ename", type(exc).__name__),
                    "evalue": str(getattr(exc, "evalue", exc))})
                break
            except Exception as exc:  # kernel died, timeout: record, restart on next use
                record.update(status="failed", error={
                    "cell_index": _source_index(index, injected), "execution_count": None,
                    "running": True, "ename": type(exc).__name__, "evalue": str(exc)})
                self.shutdown()
                break
        nbformat.write(nb, target)
        record["duration_s"] = round(time.perf_counter() - start, 3)
        return record


def _source_index(index: int, injected: int | None) -> int:
    """Cell index in the source notebook: papermill's injected parameters cell removed.

    Examples
    --------
    >>> _source_index(5, 2), _source_index(1, 2), _source_index(3, None)
    (4, 1, 3)
    """
    return index - 1 if injected is not None and index > injected else index
