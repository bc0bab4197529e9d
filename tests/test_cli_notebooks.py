"""Tests of ``inovlab notebooks`` (inovlab.cli.notebooks): editable copies of the notebooks."""

from __future__ import annotations

from inovlab.cli.main import main
from inovlab.workbook.notebooks import notebook_dir


def _bundled():
    return sorted(p.name for p in notebook_dir().glob("[0-9][0-9]_*.ipynb"))


def test_copy_then_refuse_then_force(tmp_path, capsys):
    dest = tmp_path / "nb"
    assert main(["notebooks", "--copy", str(dest)]) == 0
    assert sorted(p.name for p in dest.glob("*.ipynb")) == _bundled()
    assert "jupyter lab" in capsys.readouterr().out
    assert main(["notebooks", "--copy", str(dest)]) == 2  # never overwrites silently
    assert "Traceback" not in capsys.readouterr().err
    assert main(["notebooks", "--copy", str(dest), "--force", "--lang", "en"]) == 0
    assert "copied to" in capsys.readouterr().out


def test_without_copy_lists_the_bundled_notebooks(capsys):
    assert main(["notebooks"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in _bundled()) and "--copy" in out
