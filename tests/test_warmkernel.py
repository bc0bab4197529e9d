"""Kernels inovlab starts run in this interpreter, whatever kernelspecs the Jupyter path holds.

A wheel user has only the ``python3`` kernelspec of their own environment, and a ``python3``
kernelspec elsewhere on the Jupyter path may point at a Python without inovlab. Here a
broken ``python3`` spec is put first on ``JUPYTER_PATH``: the runner and the warm kernel must
still start ``sys.executable``.
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
