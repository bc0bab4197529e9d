"""Every notebook of the cycle runs on the bundled data (demo panel), the way `inovlab run` runs it.

Marked ``slow`` (a minute or so): ``pytest -m slow tests/test_notebooks.py``. Also checks the
house style statically (fast): one tagged ``parameters`` cell first, typed and commented plain
literals, no function definitions, outputs cleared.
"""

import ast
import json
from pathlib import Path

import nbformat
import pytest

from inovlab import cli
from inovlab.report.htmlexport import external_resources
from inovlab.workbook import runner
from inovlab.workbook.params import parameters_cell, read_parameters

NOTEBOOKS = runner.list_notebooks(runner.NOTEBOOK_DIR)
EXPECTED = ["01_ikhtisar_hasil", "02_pembanding", "03_penggerak_peringkat", "04_simulasi_target",
            "05_kesiapan_usulan", "06_ringkasan_klinik"]


def test_the_six_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_style(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert parameters_cell(nb) == 1
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    params = read_parameters(path)
    for name in ("cycle", "region", "lang", "seed", "output_dir"):
        assert name in params, name
    for p in params.values():
        assert p.type != "object" and p.comment, p.name
    assert params["output_dir"].default == ""
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None
            tree = ast.parse(cell.source)
            assert not any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                          ast.ClassDef)) for n in ast.walk(tree))


@pytest.mark.slow
def test_all_notebooks_run_on_bundled_data(tmp_path, capsys):
    code = cli.main(["run", "--region", "Kota Pangkal Pinang", "--out", str(tmp_path)])
    folder = next((tmp_path / "2026" / "kota-pangkal-pinang").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    failed = {r["notebook"]: r.get("error") for r in manifest["notebooks"] if r["status"] != "ok"}
    assert code == 0, (failed, capsys.readouterr().err)
    assert manifest["complete"] is True and not folder.name.endswith("-GAGAL")
    assert [r["notebook"] for r in manifest["notebooks"]] == EXPECTED
    assert manifest["deck"]["status"] == "ok", manifest["deck"]
    for name in EXPECTED:
        html = (folder / f"{name}.html").read_text()
        assert external_resources(html) == []
    assert list((folder / "figures").glob("*.png"))
    assert list((folder / "tables").glob("*.xlsx"))
    numbers = json.loads((folder / "ringkasan.json").read_text())
    assert 0 <= numbers["ikhtisar_skor_iid"]["value"] <= 100


@pytest.mark.slow
def test_brief_runs_in_english(tmp_path):
    code = cli.main(["run", "--notebooks", "06", "--lang", "en", "--region", "Kota Bogor",
                     "Kota Administrasi Jakarta Pusat",  # not assessed in 2026: no rank
                     "--out", str(tmp_path), "--no-deck"])
    assert code == 0
    assert Path(tmp_path / "2026" / "kota-bogor").exists()
    assert (tmp_path / "2026" / "index.html").exists()


def test_bundled_config_fits_the_notebooks(tmp_path):
    import argparse

    args = argparse.Namespace(cycle=None, region=None, cluster=None, notebooks=None, param=[],
                              config=str(runner.REPO_ROOT / "config" / "2026.yaml"), data=None,
                              out=str(tmp_path), workers=None, no_deck=False, lang="id")
    plan = runner.plan_runs(args)[0]
    assert plan.region == "Kota Pangkal Pinang" and plan.cycle == 2026
    assert plan.values["target_peringkat"] == 10
