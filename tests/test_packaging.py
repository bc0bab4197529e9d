"""The wheel's contents and metadata, checked from pyproject.toml and the source tree.

Building the wheel needs a newer setuptools from PyPI; ``tools/check_wheel.sh`` (run by
``.ci/run``) builds and installs it. These tests check offline what decides its contents.
"""

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "inovlab"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _shipped(package: str, folder: Path) -> set[Path]:
    return {p for pattern in SETUPTOOLS["package-data"][package]
            for p in folder.glob(pattern) if p.is_file()}


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def test_every_subpackage_is_listed():
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"])
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert not any(name.startswith(("tests", "benchmarks", "tools")) for name in listed)


def test_data_and_notebooks_ship_inside_the_package():
    assert SETUPTOOLS["package-dir"] == {"inovlab.data": "data", "inovlab.notebooks": "notebooks"}
    data = ROOT / "data"
    shipped = _shipped("inovlab.data", data)
    cache = data / "demo" / "cache"
    wanted = {p for p in data.rglob("*") if p.is_file() and cache not in p.parents
              and not p.name.startswith(".")}
    assert wanted - shipped == set(), "a data file would be missing from the wheel"
    assert not any(cache in p.parents for p in shipped), "the demo cache must not ship"
    notebooks = _shipped("inovlab.notebooks", ROOT / "notebooks")
    assert {p.name for p in notebooks} == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}


def test_metadata():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "inovlab contributors" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert {"Homepage", "Documentation", "Issues"} <= set(project["urls"])
    for classifier in ("Programming Language :: Python :: 3.11",
                       "Operating System :: OS Independent",
                       "Natural Language :: Indonesian",
                       "Intended Audience :: Science/Research",
                       "Topic :: Scientific/Engineering"):
        assert classifier in project["classifiers"]
    assert project["scripts"]["inovlab"] == "inovlab.cli:main"
    build = PYPROJECT["build-system"]["requires"]
    assert any(re.fullmatch(r"setuptools>=(\d+)", r) and int(r.split(">=")[1]) >= 77
               for r in build), "SPDX license strings need setuptools 77"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_clone_path_at_run_time(path):
    """Only inovlab.resources knows the clone; other modules may name REPO_ROOT in doctests."""
    if path.name == "resources.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses = [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Name) and node.id == "REPO_ROOT"]
    assert uses == [], f"REPO_ROOT used at run time on lines {uses}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_glibc_only_date_formats(path):
    """``strftime("%-d")`` and friends fail on Windows."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [node.lineno for node in ast.walk(tree)
           if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "strftime"
           and any(isinstance(a, ast.Constant) and re.search(r"%-[a-zA-Z]", str(a.value))
                   for a in node.args)]
    assert bad == [], f"glibc-only strftime format on lines {bad}"
