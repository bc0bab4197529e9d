"""Run notebook after notebook in one warm kernel (every ``inovlab run``).

Starting a kernel and importing pandas, scikit-learn and matplotlib costs seconds, and the
bundled demo panel is read once per process; six notebooks in six fresh kernels pay that six
times. A :class:`WarmKernel` starts one kernel and executes notebook after notebook in it, each
with fresh parameters injected by papermill's own ``parameterize_notebook`` (so the executed
notebook looks as papermill would write it).

Isolation between notebooks (run in the kernel before each notebook): the user namespace is
emptied (``%reset -f``: no variable and no imported name survives), then
:func:`inovlab.workbook.isolation.restore_state` closes figures and puts matplotlib's
settings, warning filters, ``sys.path``, numpy's global random state and the working
directory back as they were when the kernel started; the execution counter restarts. Imported modules stay loaded (that is the saving);
inovlab's modules keep no state between calls apart from read-only caches of bundled data.
A cell error fails that notebook only; a kernel that dies is replaced before the next one.

Every kernel inovlab starts (here and in ``runner``) is a kernel of **this** interpreter
(:class:`InterpreterKernelManager`): the notebooks say ``python3``, but a ``python3``
kernelspec found on the Jupyter path may point at another Python (a system Jupyter, a conda
base) that has no inovlab. The kernel talks to inovlab over Unix sockets (IPC) in a private
temporary folder, not TCP, so it works with no network interface at all; its own log goes
to a file there instead of the user's terminal; on Linux it is killed when its parent dies.
"""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec

KERNEL = "python3"
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"
PR_SET_PDEATHSIG = 1  # linux/prctl.h
LOG_NAME = "kernel.log"
PRIVATE_PREFIX = "inovlab-kernel-"


def _load_prctl():
    """libc's ``prctl`` (Linux), looked up once in the parent: never after a fork."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()


def die_with_parent(parent_pid: int | None = None) -> bool:
    """Ask Linux to kill this process (SIGKILL) as soon as its parent process dies.

    Used in batch workers and (through ``preexec_fn``) in kernels, so that ``kill -9`` of
    ``inovlab run`` leaves no worker or kernel running on. When ``parent_pid`` is given and
    the parent already died before the request took effect, the process ends at once.

    Returns
    -------
    bool
        True when the request was accepted (Linux); False elsewhere (nothing is done).

    Examples
    --------
    >>> import sys
    >>> die_with_parent() == sys.platform.startswith("linux")  # doctest: +SKIP
    True
    """
    if _PRCTL is None or _PRCTL(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        return False
    if parent_pid is not None and os.getppid() != parent_pid:
        os.kill(os.getpid(), signal.SIGKILL)
    return True


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
    """A kernel manager for a kernel of this interpreter, over IPC, quiet, tied to its parent.

    - Whatever kernel name the notebook names, the kernel runs in ``sys.executable``, so it
      imports the same inovlab as the runner.
    - Transport ``ipc``: the connection file and the sockets live in a private temporary
      folder (mode 0700, :func:`private_dir`) removed at shutdown, or by a later run when
      this process was killed; no TCP port, so no network interface is needed.
    - The kernel's stdout and stderr go to ``kernel.log`` in that folder, not to the user's
      terminal (its TCP and ``KeyboardInterrupt`` notices are of no use to a reader);
      :meth:`log_tail` gives the end of it to explain a kernel that died.
    - On Linux the kernel gets ``PR_SET_PDEATHSIG`` (:func:`die_with_parent`).

    Pass it to papermill or nbclient as ``kernel_manager_class``.

    Examples
    --------
    >>> import sys
    >>> km = InterpreterKernelManager(kernel_name="inovlab")
    >>> km.kernel_spec.argv[0] == sys.executable, km.transport, km.private_dir
    (True, 'ipc', None)
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)
        self.private_dir: Path | None = None  # made when the kernel starts
        self._log = None

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            self._kernel_spec = interpreter_kernel_spec()
        return self._kernel_spec

    async def start_kernel(self, **kw) -> None:
        """Start the kernel with its output in ``kernel.log`` and tied to this process."""
        if self.private_dir is None:
            self.private_dir = private_dir()
            self.connection_file = str(self.private_dir / "kernel.json")
            self.ip = str(self.private_dir / "kernel-ipc")  # the sockets' path prefix
        if self._log is None:
            self._log = open(self.private_dir / LOG_NAME, "ab")  # closed at cleanup
        kw.setdefault("stdout", self._log)
        kw.setdefault("stderr", subprocess.STDOUT)
        kw.setdefault("preexec_fn", functools.partial(die_with_parent, os.getpid()))
        await super().start_kernel(**kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self.cleanup_private_dir()

    cleanup_resources = _async_cleanup_resources

    def log_tail(self, lines: int = 8) -> str:
        """The last ``lines`` lines the kernel wrote ('' when none or already removed)."""
        if self.private_dir is None:
            return ""
        try:
            text = (self.private_dir / LOG_NAME).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    def cleanup_private_dir(self) -> None:
        """Close the log and remove the private folder (safe to call twice)."""
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.private_dir is not None:
            shutil.rmtree(self.private_dir, ignore_errors=True)
            self.private_dir = None


def private_dir() -> Path:
    """A new private folder (0700) for one kernel's connection file, sockets and log.

    Its name carries this process's id; folders left by processes that no longer exist
    (``kill -9`` leaves no one to clean up) are removed first.

    Examples
    --------
    >>> import os
    >>> d = private_dir()
    >>> d.name.startswith(f"{PRIVATE_PREFIX}{os.getpid()}-"), oct(d.stat().st_mode & 0o777)
    (True, '0o700')
    >>> d.rmdir()
    """
    for old in Path(tempfile.gettempdir()).glob(f"{PRIVATE_PREFIX}*"):
        owner = old.name[len(PRIVATE_PREFIX):].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive, and not ours to clean
        return True
    return True


# Kernel side: ``isolation`` is a small module (the kernel must not import this one, which
# pulls in jupyter_client and nbformat).
_PREPARE = """\
from inovlab.workbook import isolation as _isolation
_isolation.snapshot_state()
del _isolation
"""

_RESET = """\
get_ipython().run_line_magic("reset", "-f")
from inovlab.workbook import isolation as _isolation
_isolation.restore_state({cwd!r}, {notebook!r})
del _isolation
get_ipython().execution_count = 1
"""


# ---------------------------------------------------------------------------- warm kernel
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

    def __init__(self, kernel_name: str = KERNEL, timeout: int = 600, startup_timeout: int = 60):
        self.kernel_name = kernel_name
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.client = None

    def start(self) -> WarmKernel:
        """Start the kernel and load what every notebook needs (raises when it cannot)."""
        from nbclient import NotebookClient

        self.client = NotebookClient(nbformat.v4.new_notebook(), kernel_name=self.kernel_name,
                                     timeout=self.timeout, startup_timeout=self.startup_timeout,
                                     allow_errors=False, shutdown_kernel="immediate",
                                     kernel_manager_class=InterpreterKernelManager)
        try:
            self.client.km = self.client.create_kernel_manager()
            self.client.start_new_kernel()
            self.client.start_new_kernel_client()
            self._run_source(_PREPARE)
        except BaseException as exc:
            tail = self.log_tail()
            self.shutdown()
            if tail and not isinstance(exc, KeyboardInterrupt):
                raise RuntimeError(f"{exc}\n{tail}") from exc
            raise
        return self

    @property
    def pid(self) -> int | None:
        """The kernel's process id (None when no kernel runs)."""
        km = getattr(self.client, "km", None)
        provisioner = getattr(km, "provisioner", None)
        return getattr(provisioner, "pid", None)

    def log_tail(self) -> str:
        """The end of the kernel's own log ('' when there is none)."""
        km = getattr(self.client, "km", None)
        return km.log_tail() if km is not None else ""

    def shutdown(self) -> None:
        """Stop the kernel and remove its private folder (safe to call twice).

        The kernel is killed at once: it holds nothing to save, and a polite shutdown
        waits for it.
        """
        client, self.client = self.client, None
        if client is None:
            return
        km = getattr(client, "km", None)
        try:
            client._cleanup_kernel()  # nbclient's own shutdown of kernel and channels
        except Exception:  # the process is exiting anyway
            pass
        if km is not None:
            km.cleanup_private_dir()

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
        """Execute ``nb_path`` with ``parameters`` into ``target``; never raises for a notebook
        error (a failing cell, a kernel that died or would not start).

        Returns the same record as the papermill path of ``inovlab.workbook.runner``: ``status``,
        ``duration_s`` and, on failure, ``error`` with the failing cell of the source notebook
        (``cell_index``, ``execution_count``, ``source_line``: its first line), ``ename``
        and ``evalue``.
        """
        start = time.perf_counter()
        nb_path, target = Path(nb_path), Path(target)
        record = {"notebook": nb_path.stem, "output": target.name, "status": "ok",
                  "parameters": {k: v for k, v in parameters.items() if k != "output_dir"}}
        try:
            if self.client is None:  # started first: papermill loads while the kernel boots
                self.start()
        except Exception as exc:
            return self._no_kernel(record, exc, start)
        nb, injected = _parameterized(nb_path, parameters, self.kernel_name)
        try:
            self._run_source(_RESET.format(cwd=str(cwd), notebook=nb_path.stem))
        except Exception as exc:
            return self._no_kernel(record, exc, start)
        error = self._run_cells(nb, injected)
        if error:
            record.update(status="failed", error=error)
        nbformat.write(nb, target)
        record["duration_s"] = round(time.perf_counter() - start, 3)
        return record

    def _no_kernel(self, record: dict, exc: Exception, start: float) -> dict:
        """The record of a notebook that could not run at all: no kernel (it is stopped)."""
        record.update(status="failed", error={"cell_index": None, "execution_count": None,
                                              "ename": type(exc).__name__, "evalue": str(exc)})
        self.shutdown()
        record["duration_s"] = round(time.perf_counter() - start, 3)
        return record

    def _run_cells(self, nb, injected: int | None) -> dict | None:
        """Execute the code cells of ``nb`` in order; the error of the first that fails."""
        from nbclient.exceptions import CellExecutionError

        self.client.nb = nb
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            where = {"cell_index": _source_index(index, injected),
                     "source_line": first_line(cell.source)}
            try:
                self.client.execute_cell(cell, index)
            except CellExecutionError as exc:
                return {**where, "execution_count": cell.get("execution_count"),
                        "ename": getattr(exc, "ename", type(exc).__name__),
                        "evalue": str(getattr(exc, "evalue", exc))}
            except Exception as exc:  # kernel died, timeout: record, restart on next use
                tail = self.log_tail()
                self.shutdown()
                return {**where, "execution_count": None, "running": True,
                        "ename": type(exc).__name__,
                        "evalue": f"{exc}\n{tail}".strip() if tail else str(exc)}
        return None


def _parameterized(nb_path: Path, parameters: dict, kernel_name: str):
    """The notebook with papermill's injected parameters cell, and that cell's index."""
    from papermill.parameterize import parameterize_notebook

    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:  # papermill expects every cell to carry a tags list
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    nb = parameterize_notebook(nb, parameters, kernel_name=kernel_name, language="python")
    injected = next((i for i, c in enumerate(nb.cells)
                     if "injected-parameters" in c.get("metadata", {}).get("tags", [])), None)
    return nb, injected


def first_line(source: str, width: int = 80) -> str:
    """The first non-empty line of a cell's source, cut to ``width`` characters.

    Examples
    --------
    >>> first_line("\\n  x = 1 / 0\\ny = 2")
    'x = 1 / 0'
    >>> first_line("a" * 100, width=10)
    'aaaaaaaaa…'
    """
    line = next((s.strip() for s in str(source).splitlines() if s.strip()), "")
    return line if len(line) <= width else line[:width - 1] + "…"


def _source_index(index: int, injected: int | None) -> int:
    """Cell index in the source notebook: papermill's injected parameters cell removed.

    Examples
    --------
    >>> _source_index(5, 2), _source_index(1, 2), _source_index(3, None)
    (4, 1, 3)
    """
    return index - 1 if injected is not None and index > injected else index
