"""environment.yml parses and names the same runtime dependencies as pyproject.toml."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# conda-forge names that differ from PyPI names
CONDA_NAMES = {"pyyaml": "pyyaml", "python-pptx": "python-pptx"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_part = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "python=3.11" in conda
    named = {_name(d) for d in conda} - {"python", "pip"}
    assert named == {CONDA_NAMES.get(n, n) for n in runtime}
    assert any(p.startswith("-e .") for p in pip_part), "the pip section installs the package"


def test_versions_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d): d for d in env["dependencies"] if isinstance(d, str)}
    for req in project["dependencies"]:
        spec = req[len(_name(req)):]
        assert conda[_name(req)].endswith(spec), f"{req} vs {conda[_name(req)]}"


def test_channels_and_groups():
    """conda-forge only (``nodefaults``); JupyterLab is runtime in both files, test tools are not."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge", "nodefaults"]
    runtime = {_name(r) for r in pyproject["dependencies"]}
    test_extra = {_name(r) for r in pyproject["optional-dependencies"]["test"]}
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    assert {"jupyterlab", "platformdirs"} <= runtime & conda
    assert not test_extra & runtime, "test tools stay in the [test] extra"
    assert not test_extra & conda, "environment.yml gets the test tools through `-e .[test]`"
