"""Every notebook of the cycle runs on the bundled data (demo panel), the way `inovlab run` runs it.

Marked ``slow`` (a minute or so): ``pytest -m slow tests/test_notebooks.py``. Also checks the
house style statically (fast): one tagged ``parameters`` cell first, typed and commented plain
literals that papermill's own parser reads exactly as inovlab does, the ``python3`` kernel,
one import cell and one ``load_inputs`` call, no function definitions or plotting code,
outputs cleared.
"""

import ast
import json
from pathlib import Path

import nbformat
import pytest

from inovlab import cli
from inovlab.report.htmlexport import external_resources
from inovlab.resources import REPO_ROOT
from inovlab.workbook import runner
from inovlab.workbook.notebooks import list_notebooks, notebook_dir
from inovlab.workbook.params import parameters_cell, read_parameters

NOTEBOOKS = list_notebooks(notebook_dir())
TEST_NOTEBOOKS = list_notebooks(Path(__file__).parent / "data" / "notebooks")
EXPECTED = ["01_ikhtisar_hasil", "02_pembanding", "03_penggerak_peringkat", "04_simulasi_target",
            "05_kesiapan_usulan", "06_ringkasan_klinik"]


def test_the_six_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_style(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    # the title (one cell per language when the narrative is split), then the parameters
    titles = [c for c in nb.cells[:parameters_cell(nb)] if c.cell_type == "markdown"]
    assert 1 <= parameters_cell(nb) <= 2 and len(titles) == parameters_cell(nb)
    assert all(c.source.startswith("# ") for c in titles)
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


@pytest.mark.parametrize("path", NOTEBOOKS + TEST_NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_reads_the_same_parameters(path):
    """Plain papermill (``--help-notebook``, ``-p``) sees every parameter inovlab sees."""
    import ast as _ast

    import papermill

    ours = read_parameters(path)
    theirs = papermill.inspect_notebook(str(path))
    assert list(theirs) == list(ours)
    for name, p in ours.items():
        assert _ast.literal_eval(theirs[name]["default"]) == p.default, name
        assert theirs[name]["inferred_type_name"] == p.type, name
        assert theirs[name]["help"] == p.comment, name


@pytest.mark.parametrize("path", NOTEBOOKS + TEST_NOTEBOOKS, ids=lambda p: p.stem)
def test_kernelspec_is_python3(path):
    spec = nbformat.read(path, as_version=4).metadata["kernelspec"]
    assert spec["name"] == "python3" and spec["language"] == "python"
    assert spec["display_name"] == "Python 3 (ipykernel)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_import_cell_one_load_call_no_plotting(path):
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"][1:]  # after the parameters
    imports = [i for i, src in enumerate(code)
               if all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.parse(src).body)]
    assert imports == [0], "one import cell, right after the parameters"
    assert code[1].startswith("inputs = load_inputs(")
    assert sum("load_inputs(" in src for src in code) == 1
    for src in code:
        assert "load_table(" not in src and "load_demo(" not in src
        assert "plt." not in src and "ax." not in src and "matplotlib" not in src


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
                              config=str(REPO_ROOT / "config" / "2026.yaml"), data=None,
                              out=str(tmp_path), workers=None, no_deck=False, lang="id")
    plan = runner.plan_runs(args)[0]
    assert plan.region == "Kota Pangkal Pinang" and plan.cycle == 2026
    assert plan.values["target_peringkat"] == 10


# ------------------------------------------------------------ workbook.notebooks (copies)
def test_notebook_dir_override(monkeypatch, tmp_path):
    assert [p.stem for p in list_notebooks()] == EXPECTED
    monkeypatch.setenv("INOVLAB_NOTEBOOK_DIR", str(tmp_path))
    assert notebook_dir() == tmp_path and list_notebooks() == []


def test_copy_notebooks_cleared_and_refuses_to_overwrite(tmp_path):
    from inovlab.errors import UsageError
    from inovlab.workbook.notebooks import copy_notebooks

    dest = tmp_path / "salinan"
    written = copy_notebooks(dest)
    assert [p.name for p in written] == [f"{n}.ipynb" for n in EXPECTED]
    for path in written:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        assert read_parameters(path) == read_parameters(notebook_dir() / path.name)
    (dest / "02_pembanding.ipynb").write_text("edited")
    with pytest.raises(UsageError, match="01_ikhtisar_hasil.ipynb, 02_pembanding.ipynb"):
        copy_notebooks(dest)
    assert (dest / "02_pembanding.ipynb").read_text() == "edited"  # nothing written
    copy_notebooks(dest, overwrite=True)
    assert nbformat.read(dest / "02_pembanding.ipynb", as_version=4).cells
    (tmp_path / "berkas").write_text("")
    with pytest.raises(UsageError):
        copy_notebooks(tmp_path / "berkas")


def test_runner_uses_the_bundled_notebooks():
    assert runner.notebook_dir is notebook_dir and runner.list_notebooks is list_notebooks
    assert [p.stem for p in runner.select_notebooks("01,pembanding")] == EXPECTED[:2]


def test_every_notebook_states_its_relative_cost(tmp_path):
    from inovlab.workbook.notebooks import relative_cost

    costs = {p.name[:2]: relative_cost(p) for p in list_notebooks()}
    assert len(costs) == 6 and all(c >= 1 for c in costs.values())
    assert max(costs, key=costs.get) == "03"  # the drivers' bootstrap is the longest
    bare = tmp_path / "x.ipynb"
    bare.write_text('{"metadata": {}}', encoding="utf-8")
    assert relative_cost(bare) == 1.0 and relative_cost(tmp_path / "none.ipynb") == 1.0


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.name)
def test_explanations_of_outputs_are_tagged_in_both_languages(path):
    from inovlab.report.htmlexport import EXPLAINS_OUTPUT

    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if EXPLAINS_OUTPUT in c.metadata.get("tags", [])]
    assert tagged and all(c.cell_type == "markdown" for c in tagged)
    assert all(c.source.startswith(("**Cara membaca:**", "**How to read it:**")) for c in tagged)
    langs = [t for c in tagged for t in c.metadata["tags"] if t.startswith("lang-")]
    assert langs.count("lang-id") == langs.count("lang-en")
