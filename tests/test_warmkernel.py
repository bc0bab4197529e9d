"""Kernels inovlab starts run in this interpreter, whatever kernelspecs the Jupyter path holds.

A wheel user has only the ``python3`` kernelspec of their own environment, and a ``python3``
kernelspec elsewhere on the Jupyter path may point at a Python without inovlab. Here a
broken ``python3`` spec is put first on ``JUPYTER_PATH``: the runner and the warm kernel must
still start ``sys.executable``.

The warm kernel gives each notebook a fresh namespace and reset settings, isolates a failing
cell, replaces a kernel that died, talks over IPC from a private folder (so it works with no
network interface: checked under ``unshare -n`` where allowed) and keeps its log off the
terminal.
"""

import json
import sys

import nbformat
import pytest

from inovlab.workbook import runner
from inovlab.workbook.warmkernel import (
    KERNEL,
    InterpreterKernelManager,
    WarmKernel,
    interpreter_kernel_spec,
)


@pytest.fixture
def broken_python3_spec(tmp_path, monkeypatch):
    """A ``python3`` kernelspec pointing at a Python that does not exist, first on the path."""
    spec_dir = tmp_path / "jupyter" / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [str(tmp_path / "no-such-python"), "-m", "ipykernel_launcher",
                 "-f", "{connection_file}"],
        "display_name": "Python 3 (elsewhere)", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return spec_dir


def _which_python_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import sys\nprint(sys.executable)")]
    nbformat.write(nb, path)
    return path


def _printed(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for o in nb.cells[-1].outputs).strip()


def test_kernel_spec_is_this_interpreter():
    spec = interpreter_kernel_spec()
    assert spec.argv[:3] == [sys.executable, "-m", "ipykernel_launcher"]
    assert "{connection_file}" in spec.argv and spec.language == "python"
    # the name the notebook asks for does not matter
    assert InterpreterKernelManager(kernel_name="inovlab").kernel_spec.argv[0] == sys.executable


def test_runner_kernel_ignores_other_python3_spec(broken_python3_spec, tmp_path):
    from jupyter_client.kernelspec import KernelSpecManager

    assert KernelSpecManager().get_kernel_spec(KERNEL).argv[0].endswith("no-such-python")
    source = _which_python_notebook(tmp_path / "nb.ipynb")
    record = runner._execute_one(source, tmp_path / "out.ipynb", {"x": 2}, tmp_path)
    assert record["status"] == "ok", record
    assert _printed(tmp_path / "out.ipynb") == sys.executable


def test_warm_kernel_ignores_other_python3_spec(broken_python3_spec, tmp_path):
    source = _which_python_notebook(tmp_path / "nb.ipynb")
    with WarmKernel() as kernel:
        for n in (1, 2):  # the same kernel, reset between notebooks
            record = kernel.execute(source, tmp_path / f"out{n}.ipynb", {"x": n}, tmp_path)
            assert record["status"] == "ok", record
            assert _printed(tmp_path / f"out{n}.ipynb") == sys.executable


# ------------------------------------------------------------ isolation, failures, dead kernel
def _notebook(path, *sources):
    """A notebook with a tagged parameters cell (``x``) and then one code cell per source."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 0  # nilai uji", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


LEAKS = """\
leak = 1
import json as leaked_module
from os import sep as leaked_name
import matplotlib, numpy, warnings, sys
matplotlib.rcParams["lines.linewidth"] = 11.0
matplotlib.use("svg")
numpy.random.seed(7)
warnings.simplefilter("error")
sys.path.insert(0, "/elsewhere")
"""

CHECKS = """\
import os, sys, warnings
import matplotlib, numpy
names = sorted(n for n in ("leak", "leaked_module", "leaked_name") if n in dir())
print(names, matplotlib.rcParams["lines.linewidth"] != 11.0, "svg" not in matplotlib.get_backend(),
      "/elsewhere" not in sys.path, ("error", None, Warning, None, 0) not in warnings.filters,
      os.getcwd() == {cwd!r})
"""


def test_each_notebook_gets_a_fresh_namespace_and_settings(tmp_path):
    first = _notebook(tmp_path / "a.ipynb", LEAKS)
    with WarmKernel() as kernel:
        assert kernel.execute(first, tmp_path / "a_out.ipynb", {"x": 1}, tmp_path)["status"] == "ok"
        run = tmp_path / "run2"
        run.mkdir()
        second = _notebook(tmp_path / "b.ipynb", CHECKS.format(cwd=str(run)))
        record = kernel.execute(second, run / "b_out.ipynb", {"x": 2}, run)
    assert record["status"] == "ok", record
    assert _printed(run / "b_out.ipynb") == "[] True True True True True"


def test_failure_isolated_and_dead_kernel_replaced(tmp_path):
    fails = _notebook(tmp_path / "fails.ipynb", "y = x + 1", "\n1 / 0  # bagi nol\nz = 2")
    dies = _notebook(tmp_path / "dies.ipynb", "import os\nos._exit(1)")
    works = _notebook(tmp_path / "works.ipynb", "print(x * 3)")
    with WarmKernel() as kernel:
        first_pid = kernel.pid
        failed = kernel.execute(fails, tmp_path / "1.ipynb", {"x": 1}, tmp_path)
        after_failure = kernel.execute(works, tmp_path / "2.ipynb", {"x": 2}, tmp_path)
        assert kernel.pid == first_pid  # a cell error keeps the kernel
        died = kernel.execute(dies, tmp_path / "3.ipynb", {"x": 3}, tmp_path)
        replaced = kernel.execute(works, tmp_path / "4.ipynb", {"x": 4}, tmp_path)
        assert kernel.pid not in (None, first_pid)
    assert failed["status"] == "failed"
    assert failed["error"]["ename"] == "ZeroDivisionError"
    assert failed["error"]["cell_index"] == 2  # source cells: parameters, y = ..., 1 / 0
    assert failed["error"]["source_line"] == "1 / 0  # bagi nol"
    assert after_failure["status"] == "ok" and _printed(tmp_path / "2.ipynb") == "6"
    assert died["status"] == "failed" and died["error"]["running"] is True
    assert died["error"]["cell_index"] == 1 and died["error"]["source_line"] == "import os"
    assert replaced["status"] == "ok" and _printed(tmp_path / "4.ipynb") == "12"


# ------------------------------------------------------------ transport, terminal, no network
PROBE = """\
import json, os, stat, sys, tempfile, pathlib
from inovlab.workbook.warmkernel import WarmKernel
d = pathlib.Path(tempfile.mkdtemp())
nb = pathlib.Path(sys.argv[1])
with WarmKernel(startup_timeout=30) as k:
    km = k.client.km
    info = km.get_connection_info()
    private = km.private_dir
    mode = stat.S_IMODE(os.stat(private).st_mode)
    record = k.execute(nb, d / "out.ipynb", {"x": 5}, d)
print(json.dumps({"transport": info["transport"], "ip": info["ip"], "private": str(private),
                  "mode": mode, "status": record["status"], "left": private.exists()}))
"""


def _probe(tmp_path, prefix=()):
    import subprocess

    nb = _notebook(tmp_path / "nb.ipynb", "print(x)")
    done = subprocess.run([*prefix, sys.executable, "-c", PROBE, str(nb)], capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stdout + done.stderr


def test_ipc_in_private_folder_and_quiet_terminal(tmp_path):
    info, output = _probe(tmp_path)
    assert info["transport"] == "ipc" and info["status"] == "ok"
    assert info["ip"].startswith(info["private"]) and info["mode"] & 0o777 == 0o700
    assert info["left"] is False  # removed at shutdown
    assert "without encryption" not in output and "KeyboardInterrupt" not in output


def _unshare_works() -> bool:
    import shutil
    import subprocess

    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="unshare -n is not allowed here")
def test_kernel_runs_with_no_network_interface(tmp_path):
    info, _ = _probe(tmp_path, prefix=("unshare", "-n"))
    assert info["status"] == "ok"


def test_private_folders_of_dead_processes_are_swept(tmp_path, monkeypatch):
    import os
    import subprocess

    from inovlab.workbook.warmkernel import PRIVATE_PREFIX, private_dir

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f"{PRIVATE_PREFIX}{gone}-abc"
    (stale / "kernel-ipc-1").mkdir(parents=True)  # as kill -9 leaves it
    mine = tmp_path / f"{PRIVATE_PREFIX}{os.getpid()}-abc"
    mine.mkdir()
    other = tmp_path / "not-ours"
    other.mkdir()
    new = private_dir()
    assert not stale.exists() and mine.exists() and other.exists()
    assert new.parent == tmp_path and new.name.startswith(f"{PRIVATE_PREFIX}{os.getpid()}-")
