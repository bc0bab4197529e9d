"""inovlab run / params: strict parameters, failure isolation, manifest, atomic folders, offline HTML.

Uses the three tiny notebooks in ``tests/data/notebooks`` (01 ok, 02 fails in its 4th cell,
03 ok) so each run takes seconds.
"""

import argparse
import json
import time
from pathlib import Path

import pytest

from inovlab import cli
from inovlab.errors import UsageError
from inovlab.report.htmlexport import external_resources, make_offline
from inovlab.resources import REPO_ROOT
from inovlab.workbook import runner
from inovlab.workbook.params import Parameter, coerce, parse_parameters, read_parameters

NB_DIR = Path(__file__).parent / "data" / "notebooks"


@pytest.fixture
def test_notebooks(monkeypatch):
    monkeypatch.setenv("INOVLAB_NOTEBOOK_DIR", str(NB_DIR))
    return NB_DIR


def _args(tmp_path, **kw):
    base = dict(cycle=None, region=None, cluster=None, notebooks=None, param=[], config=None,
                data=None, out=str(tmp_path / "runs"), workers=None, no_deck=True, lang="id")
    base.update(kw)
    return argparse.Namespace(**base)


# ------------------------------------------------------------------ parameters (no kernel)
def test_parse_parameters_types_defaults_comments():
    params = read_parameters(NB_DIR / "01_uji_ok.ipynb")
    assert list(params)[:3] == ["cycle", "region", "peers"]
    assert params["peers"] == Parameter("peers", "list", [], "daerah pembanding; kosong berarti otomatis")
    assert params["share"].default == 0.5 and params["share"].type == "float"


def test_parameters_cell_must_be_literal():
    with pytest.raises(UsageError, match="literal"):
        parse_parameters("x: int = 1 + len('a')")


@pytest.mark.parametrize("text, param, expected", [
    ("3", Parameter("seed", "int", 0, ""), 3),
    ("0,25", Parameter("share", "float", 0.5, ""), 0.25),
    ("ya", Parameter("flag", "bool", False, ""), True),
    ("[Kota Bogor, Kota Bekasi]", Parameter("peers", "list", [], ""), ["Kota Bogor", "Kota Bekasi"]),
])
def test_coerce_text(text, param, expected):
    assert coerce(text, param) == expected


def test_unknown_parameter_exit_2_names_closest(test_notebooks, tmp_path, capsys):
    code = cli.main(["run", "-p", "sed=3", "--out", str(tmp_path / "runs"), "--no-deck"])
    err = capsys.readouterr().err
    assert code == 2
    assert "'sed'" in err and "'seed'" in err            # the closest match
    assert "cycle, lang, peers, region, seed, share" in err  # the valid names
    assert not (tmp_path / "runs").exists()               # no kernel, no folder


@pytest.mark.parametrize("param, word", [("seed=tiga", "int"), ("share=banyak", "float"),
                                         ("lang=fr", "lang"), ("output_dir=/tmp", "runner")])
def test_wrong_type_or_value_exit_2(test_notebooks, tmp_path, capsys, param, word):
    code = cli.main(["run", "-p", param, "--out", str(tmp_path / "runs"), "--no-deck"])
    assert code == 2
    assert word in capsys.readouterr().err
    assert not (tmp_path / "runs").exists()


def test_unknown_region_exit_2_lists_candidates(test_notebooks, tmp_path, capsys):
    code = cli.main(["run", "--region", "Pangkal Pinangg", "--out", str(tmp_path / "r")])
    assert code == 2
    assert "Kota Pangkal Pinang" in capsys.readouterr().err


def test_unknown_notebook_exit_2(test_notebooks, tmp_path, capsys):
    assert cli.main(["run", "--notebooks", "07", "--out", str(tmp_path / "r")]) == 2
    assert "01_uji_ok" in capsys.readouterr().err


def test_config_then_flags_override(test_notebooks, tmp_path):
    cfg = tmp_path / "2026.yaml"
    cfg.write_text("region: Pangkalpinang\nseed: 5\nshare: 0.1\nnotebooks: '03'\n")
    plan = runner.plan_runs(_args(tmp_path, config=str(cfg), param=["share=0.9"]))[0]
    assert plan.region == "Kota Pangkal Pinang"
    assert plan.values["seed"] == 5 and plan.values["share"] == 0.9
    assert [Path(n).name for n in plan.notebooks] == ["03_uji_ok.ipynb"]
    plan = runner.plan_runs(_args(tmp_path, config=str(cfg), region=["Kota Bogor"]))[0]
    assert plan.region == "Kota Bogor"


def test_bundled_config_is_valid():
    cfg = runner.read_config(REPO_ROOT / "config" / "2026.yaml")
    assert cfg["cycle"] == 2026 and cfg["region"] == "Kota Pangkal Pinang"


def test_params_command_lists_parameters(test_notebooks, capsys):
    assert cli.main(["params", str(NB_DIR / "01_uji_ok.ipynb")]) == 0
    out = capsys.readouterr().out
    assert "share" in out and "float" in out and "0.5" in out and "porsi contoh" in out


# ------------------------------------------------------------------ one real run (kernels)
@pytest.fixture(scope="module")
def failed_run(tmp_path_factory):
    """One run of 01 (ok), 02 (fails), 03 (ok) shared by the tests below."""
    import os

    tmp = tmp_path_factory.mktemp("run")
    os.environ["INOVLAB_NOTEBOOK_DIR"] = str(NB_DIR)
    try:
        code = cli.main(["run", "--region", "Pangkalpinang", "-p", "seed=4",
                         "--out", str(tmp / "runs"), "--no-deck"])
    finally:
        del os.environ["INOVLAB_NOTEBOOK_DIR"]
    region_dir = tmp / "runs" / "2026" / "kota-pangkal-pinang"
    folders = list(region_dir.iterdir())
    assert len(folders) == 1
    return code, folders[0]


def test_failure_isolated_exit_1(failed_run):
    code, folder = failed_run
    assert code == 1
    manifest = json.loads((folder / "manifest.json").read_text())
    status = {r["notebook"]: r["status"] for r in manifest["notebooks"]}
    assert status == {"01_uji_ok": "ok", "02_uji_gagal": "failed", "03_uji_ok": "ok"}
    assert (folder / "03_uji_ok.ipynb").exists()  # ran after the failure


def test_failed_run_never_looks_complete(failed_run):
    _, folder = failed_run
    assert folder.name.endswith("-GAGAL")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["complete"] is False and manifest["status"] == "failed"


def test_summary_points_at_failing_cell(failed_run, capsys):
    _, folder = failed_run
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["folder"] = str(folder)
    error = manifest["notebooks"][1]["error"]
    assert error["cell_index"] == 3 and error["ename"] == "ValueError"
    text = runner.failure_summary([manifest])
    assert "02_uji_gagal" in text and "sel ke-4" in text and "gagal disengaja" in text
    assert str(folder / "02_uji_gagal.ipynb") in text


def test_error_txt_states_notebook_cell_and_error(failed_run):
    _, folder = failed_run
    text = (folder / "ERROR.txt").read_text(encoding="utf-8")
    assert text.startswith("Run Kota Pangkal Pinang, siklus 2026: GAGAL")
    assert "02_uji_gagal: ValueError: gagal disengaja" in text
    assert "sel ke-4 di notebook sumber" in text
    assert "baris pertama: raise ValueError('gagal disengaja')" in text
    assert "Traceback" not in text and "NotebooksFailed" not in text
    assert "01_uji_ok" not in text and "03_uji_ok" not in text  # only what failed


def test_manifest_contents(failed_run):
    _, folder = failed_run
    m = json.loads((folder / "manifest.json").read_text())
    assert m["cycle"] == 2026 and m["region"] == "Kota Pangkal Pinang"
    assert m["parameters"]["seed"] == 4 and "output_dir" not in m["parameters"]
    assert {"pandas", "papermill", "inovlab", "python"} <= set(m["packages"])
    hashes = {i["path"]: i["sha256"] for i in m["inputs"]}
    assert "data/framework/rules.csv" in hashes
    assert all(len(h) == 64 for h in hashes.values())
    for r in m["notebooks"]:
        assert r["duration_s"] > 0 and r["html"].endswith(".html")


def test_outputs_written(failed_run):
    _, folder = failed_run
    assert (folder / "figures" / "uji_garis.png").read_bytes()[:4] == b"\x89PNG"
    assert (folder / "tables" / "uji_tabel.csv").exists()
    assert (folder / "tables" / "uji_tabel.xlsx").exists()
    numbers = json.loads((folder / "ringkasan.json").read_text())
    assert numbers["skor_uji"]["value"] == 50.0


def test_html_is_offline_and_hides_code(failed_run):
    _, folder = failed_run
    for page in folder.glob("*.html"):
        text = page.read_text()
        assert external_resources(text) == [], page.name
        assert "<script" not in text.lower()
    report = (folder / "01_uji_ok.html").read_text()
    assert "save_figure" not in report            # code hidden
    assert "data:image/png;base64" in report       # figure inlined


def test_make_offline_strips_network():
    page = ('<html><head><link rel="stylesheet" href="https://fonts.x/f.css">'
            '<style>@import url("https://x/y.css"); a{background:url(http://x/i.png)}</style>'
            '<script src="https://cdn/require.js"></script></head><body>'
            '<img src="https://x/a.png"></body></html>')
    assert external_resources(page)
    assert external_resources(make_offline(page)) == []


def test_interrupted_run_is_not_complete(test_notebooks, tmp_path):
    def boom(*a, **k):
        raise KeyboardInterrupt

    plan = runner.plan_runs(_args(tmp_path, notebooks="01,03"))[0]
    with pytest.raises(KeyboardInterrupt):
        runner.run_region(plan, execute=boom)
    folders = list((tmp_path / "runs" / "2026" / "kota-pangkal-pinang").iterdir())
    assert len(folders) == 1 and folders[0].name.endswith("-GAGAL")
    text = (folders[0] / "ERROR.txt").read_text(encoding="utf-8")
    assert "Run dihentikan (Ctrl+C) sebelum selesai; belum selesai: 01_uji_ok" in text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    assert json.loads((folders[0] / "manifest.json").read_text())["status"] == "interrupted"


def test_successful_run_and_batch_index(test_notebooks, tmp_path):
    args = _args(tmp_path, notebooks="03", region=["Kota Bogor", "Kota Bekasi"], workers=2)
    code, manifests = runner.run(args)
    assert code == 0
    for m in manifests:
        folder = Path(m["folder"])
        assert folder.exists() and not folder.name.endswith(("-GAGAL", ".partial"))
        assert json.loads((folder / "manifest.json").read_text())["complete"] is True
        assert (folder / "index.html").exists()
    index = (tmp_path / "runs" / "2026" / "index.html").read_text()
    assert "Kota Bogor" in index and "Kota Bekasi" in index
    assert "kota-bogor/" in index and external_resources(index) == []


def test_cluster_plans_every_kota(test_notebooks, tmp_path):
    plans = runner.plan_runs(_args(tmp_path, cluster="kota", notebooks="03"))
    assert len(plans) == 98
    assert len({p.region for p in plans}) == 98 and "Kota Pangkal Pinang" in {p.region for p in plans}


def test_batch_failure_isolated_in_warm_kernel(test_notebooks, tmp_path):
    args = _args(tmp_path, notebooks="02,03", region=["Kota Bogor", "Kota Bekasi"], workers=1)
    code, manifests = runner.run(args)
    assert code == 1
    for m in manifests:
        assert [r["status"] for r in m["notebooks"]] == ["failed", "ok"]
        assert m["notebooks"][0]["error"]["cell_index"] == 3
        assert Path(m["folder"]).name.endswith("-GAGAL") and Path(m["folder"]).exists()
    index = (tmp_path / "runs" / "2026" / "index.html").read_text()
    assert "GAGAL" in index


# ------------------------------------------------------------------ input files (no kernel)
BROKEN = Path(__file__).parent / "data" / "broken"
VALID = Path(__file__).parent / "data" / "valid"

# The problems of hasil.csv (broken/negative_or_text.csv), inovasi_dinkes.csv
# (broken/level_4.csv) and inovasi_disdik.csv (broken/bad_stage_and_date.csv), read off the
# files by hand: both inovasi files use INV-01 for Kota Pangkalpinang 2026.
EXPECTED_PROBLEMS = {
    "id": ["- hasil.csv, baris 2, kolom 'skor_iid', nilai '-5': ",
           "- hasil.csv, baris 3, kolom 'skor_iid', nilai 'abc': ",
           "- hasil.csv, baris 4, kolom 'skor_iid', nilai '120': ",
           "- hasil.csv, baris 4, kolom 'jumlah_inovasi', nilai '-1': ",
           "- inovasi_dinkes.csv, baris 2, kolom 'ind_17', nilai '4': ",
           "- inovasi_dinkes.csv, baris 2, kolom 'id_inovasi', nilai 'INV-01': ",
           "- inovasi_disdik.csv, baris 2, kolom 'tahapan', nilai 'selesai': ",
           "- inovasi_disdik.csv, baris 2, kolom 'tanggal_penerapan', nilai '31/31/2025': ",
           "- inovasi_disdik.csv, baris 2, kolom 'id_inovasi', nilai 'INV-01': "],
}
EXPECTED_PROBLEMS["en"] = [line.replace("baris", "row").replace("kolom", "column")
                           .replace("nilai", "value") for line in EXPECTED_PROBLEMS["id"]]


def _broken_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "hasil.csv").write_bytes((BROKEN / "negative_or_text.csv").read_bytes())
    (folder / "inovasi_dinkes.csv").write_bytes((BROKEN / "level_4.csv").read_bytes())
    (folder / "inovasi_disdik.csv").write_bytes((BROKEN / "bad_stage_and_date.csv").read_bytes())
    (folder / "catatan.txt").write_text("bukan tabel")
    return folder


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if a run would start (the checks must stop it before)."""
    def refuse(*args, **kwargs):
        pytest.fail("a run started although the input is invalid")

    monkeypatch.setattr(runner, "run_batch", refuse)
    monkeypatch.setattr(runner, "run_region", refuse)


@pytest.mark.parametrize("lang, sentence", [("id", "Tidak ada berkas yang ditulis."),
                                            ("en", "Nothing was written.")])
def test_broken_data_folder_lists_every_problem_once_and_writes_nothing(
        tmp_path, monkeypatch, capsys, no_kernel, lang, sentence):
    data = _broken_folder(tmp_path / "data")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "runs"
    code = cli.main(["run", "--data", str(data), "--region", "Pangkalpinang", "--cycle", "2026",
                     "--out", str(out), "--lang", lang])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert code == 1
    lines = text.splitlines()
    for expected in EXPECTED_PROBLEMS[lang]:
        assert sum(line.startswith(expected) for line in lines) == 1, (expected, text)
    assert sum(line.startswith("- ") for line in lines) == len(EXPECTED_PROBLEMS[lang])
    assert text.count(sentence) == 1
    assert "9" in lines[0] and "Traceback" not in text
    assert not out.exists()
    assert list(cwd.iterdir()) == []


def test_table_no_chosen_notebook_reads_is_still_checked(tmp_path, capsys, no_kernel):
    # 01 declares hasil_path only: the folder's inovasi files are not passed on, but checked
    data = _broken_folder(tmp_path / "data")
    (data / "hasil.csv").write_bytes((VALID / "hasil_decimal_comma.csv").read_bytes())
    code = cli.main(["run", "--notebooks", "01", "--data", str(data), "--out",
                     str(tmp_path / "runs")])
    err = capsys.readouterr().err
    assert code == 1
    assert "inovasi_dinkes.csv, baris 2, kolom 'ind_17'" in err and "hasil.csv" not in err
    assert not (tmp_path / "runs").exists()


def test_several_files_of_a_table_are_all_passed_on(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    first = (VALID / "inovasi_ok.csv").read_text(encoding="utf-8")
    (data / "inovasi_a.csv").write_text(first, encoding="utf-8")
    (data / "inovasi_b.csv").write_text(first.replace("INV-0", "INV-1"), encoding="utf-8")
    (data / "spd.csv").write_bytes((VALID / "spd_long.csv").read_bytes())
    plan = runner.plan_runs(_args(tmp_path, data=str(data)))[0]
    names = [data.resolve() / "inovasi_a.csv", data.resolve() / "inovasi_b.csv"]
    assert plan.values["inovasi_path"] == ";".join(map(str, names))
    assert plan.values["spd_path"] == str(data.resolve() / "spd.csv")
    assert plan.values["hasil_path"] == "" and plan.values["demo"] is False
    assert plan.files == {"spd": [str(data.resolve() / "spd.csv")],
                          "inovasi": [str(n) for n in names]}
    hashed = {i["path"] for i in plan.inputs}
    assert {str(n) for n in names} <= hashed
    assert not (tmp_path / "runs").exists()


def test_data_folder_without_tables_exit_2_names_expected_files(tmp_path, capsys, no_kernel):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "catatan.txt").write_text("x")
    (tmp_path / "data" / "skor.csv").write_text("x")
    assert cli.main(["run", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "catatan.txt, skor.csv" in err and "inovasi_dinas_kesehatan.xlsx" in err
    assert cli.main(["run", "--data", str(tmp_path / "nope"), "--lang", "en"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_missing_file_of_several_exit_2_names_parameter(tmp_path, capsys, no_kernel):
    good = tmp_path / "inovasi_a.csv"
    good.write_bytes((VALID / "inovasi_ok.csv").read_bytes())
    code = cli.main(["run", "-p", f"inovasi_path={good};{tmp_path / 'hilang.csv'}",
                     "--out", str(tmp_path / "runs")])
    err = capsys.readouterr().err
    assert code == 2
    assert "'inovasi_path'" in err and "hilang.csv" in err and "inovasi_a.csv" not in err
    assert not (tmp_path / "runs").exists()


def test_config_table_paths_relative_and_checked(tmp_path, capsys, no_kernel):
    data = _broken_folder(tmp_path / "data")
    cfg = tmp_path / "2026.yaml"
    cfg.write_text("region: Pangkalpinang\n"
                   "inovasi_path: data/inovasi_dinkes.csv; data/inovasi_disdik.csv\n")
    assert runner.read_config(cfg)["inovasi_path"] == (
        f"{data.resolve() / 'inovasi_dinkes.csv'};{data.resolve() / 'inovasi_disdik.csv'}")
    assert cli.main(["run", "--config", str(cfg), "--out", str(tmp_path / "runs")]) == 1
    err = capsys.readouterr().err
    assert [line for line in EXPECTED_PROBLEMS["id"] if line.startswith("- inovasi")] == [
        line for line in EXPECTED_PROBLEMS["id"] if line in err]
    assert "hasil.csv" not in err and not (tmp_path / "runs").exists()


def test_table_paths_are_the_contract_tables():
    from inovlab.sources.provenance import TABLES
    from inovlab.workbook.params import TABLE_PATHS

    assert TABLE_PATHS == tuple(f"{t}_path" for t in TABLES)


# ------------------------------------------------------------------ failure report (no kernel)
def _partial_notebook(target: Path, started: int, status: str = "completed") -> None:
    """02_uji_gagal as papermill leaves it when the kernel dies in executed cell ``started``."""
    import nbformat

    nb = nbformat.read(NB_DIR / "02_uji_gagal.ipynb", as_version=4)
    injected = nbformat.v4.new_code_cell("seed = 4", metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(2, injected)  # papermill puts it after the parameters cell
    for i, cell in enumerate(nb.cells):
        ran = i <= started
        cell.metadata["papermill"] = {
            "start_time": "2026-01-01T00:00:00" if ran else None, "exception": None,
            "status": (status if i == started else "completed") if ran else "pending"}
    nbformat.write(nb, target)


@pytest.mark.parametrize("status", ["completed", "running"])
def test_dead_kernel_summary_names_the_running_cell(tmp_path, monkeypatch, status):
    import papermill
    from nbclient.exceptions import DeadKernelError

    def dies(source, target, **kwargs):
        _partial_notebook(Path(target), started=3, status=status)  # executed 3 = "x = seed + 1"
        raise DeadKernelError("Kernel died")

    monkeypatch.setattr(papermill, "execute_notebook", dies)
    target = tmp_path / "02_uji_gagal.ipynb"
    record = runner._execute_one(NB_DIR / "02_uji_gagal.ipynb", target, {"seed": 4}, tmp_path)
    assert record["status"] == "failed"
    assert record["error"]["cell_index"] == 2 and record["error"]["ename"] == "DeadKernelError"
    manifest = {"region": "Kota Pangkal Pinang", "folder": str(tmp_path), "notebooks": [record]}
    text = runner.failure_summary([manifest])
    assert "02_uji_gagal: DeadKernelError: Kernel died" in text
    assert "kernel berhenti saat menjalankan sel ke-3 di notebook sumber" in text
    assert f"di {target}" in text
    assert "None" not in text and "?" not in text
    en = runner.failure_summary([manifest], "en")
    assert "the kernel stopped while running cell 3 of the source notebook" in en


def test_failure_before_the_notebook_was_written(tmp_path, monkeypatch):
    import papermill

    def never_starts(source, target, **kwargs):
        raise RuntimeError("kernel tidak dapat dimulai")

    monkeypatch.setattr(papermill, "execute_notebook", never_starts)
    target = tmp_path / "03_uji_ok.ipynb"
    record = runner._execute_one(NB_DIR / "03_uji_ok.ipynb", target, {}, tmp_path)
    assert record["error"]["cell_index"] is None and not target.exists()
    manifest = {"region": "Kota Bogor", "folder": str(tmp_path), "notebooks": [record]}
    text = runner.failure_summary([manifest])
    assert "RuntimeError: kernel tidak dapat dimulai" in text
    assert "gagal sebelum sel pertama selesai (notebook hasil tidak sempat ditulis)" in text
    assert str(target) not in text and "None" not in text and "?" not in text
    en = runner.failure_summary([manifest], "en")
    assert "failed before the first cell finished (the output notebook was not written)" in en


def test_written_notebook_with_no_started_cell_is_before_first_cell(tmp_path):
    _partial_notebook(tmp_path / "nb.ipynb", started=-1)
    assert runner.running_cell(tmp_path / "nb.ipynb") == {"cell_index": None,
                                                          "execution_count": None}
    where = runner.failure_where({"cell_index": None}, tmp_path / "nb.ipynb")
    assert where == f"gagal sebelum sel pertama selesai di {tmp_path / 'nb.ipynb'}"


def test_long_error_message_is_not_cut(tmp_path, monkeypatch):
    import papermill

    long = "; ".join(f"masalah {i}" for i in range(200))

    def fails(source, target, **kwargs):
        raise RuntimeError(long)

    monkeypatch.setattr(papermill, "execute_notebook", fails)
    record = runner._execute_one(NB_DIR / "03_uji_ok.ipynb", tmp_path / "x.ipynb", {}, tmp_path)
    assert record["error"]["evalue"] == long


# ------------------------------------------------------------ progress, races, help (no kernel)
def _copy_execute(nb_path, target, parameters, cwd):
    """Stands in for a kernel: the notebook is "executed" by copying it."""
    import shutil

    shutil.copy(nb_path, target)
    return {"notebook": nb_path.stem, "output": target.name, "status": "ok",
            "parameters": parameters, "duration_s": 1.25}


def test_progress_line_per_notebook(test_notebooks, tmp_path):
    lines = []
    plan = runner.plan_runs(_args(tmp_path, notebooks="01,03"))[0]
    manifest = runner.run_region(plan, progress=lines.append, execute=_copy_execute)
    assert manifest["status"] == "ok"
    assert lines == ["Kota Pangkal Pinang, siklus 2026: 2 notebook",
                     "[1/2] 01_uji_ok: berhasil (1,2 dtk)", "[2/2] 03_uji_ok: berhasil (1,2 dtk)"]
    assert [r["html"] for r in manifest["notebooks"]] == ["01_uji_ok.html", "03_uji_ok.html"]


def test_progress_printed_on_a_terminal_only(monkeypatch, capsys):
    from inovlab.cli import run as run_cli

    assert run_cli._progress_printer() is None  # captured stderr is not a terminal
    monkeypatch.setattr(run_cli.sys.stderr, "isatty", lambda: True)
    run_cli._progress_printer()("[1/6] 01_ikhtisar_hasil: berhasil (2,0 dtk)")
    assert capsys.readouterr().err == "[1/6] 01_ikhtisar_hasil: berhasil (2,0 dtk)\n"


def test_racing_runs_take_distinct_folders(test_notebooks, tmp_path, monkeypatch):
    """Another run creates the same ``.partial`` folder between our check and our mkdir."""
    real_mkdir = Path.mkdir
    taken = []

    def racing_mkdir(self, *args, **kwargs):
        if self.name.endswith(".partial") and not taken:
            real_mkdir(self)  # the other run was faster
            taken.append(self)
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", racing_mkdir)
    plan = runner.plan_runs(_args(tmp_path, notebooks="03"))[0]
    manifest = runner.run_region(plan, execute=_copy_execute)
    assert manifest["status"] == "ok" and taken
    other = taken[0].name[1:-len(".partial")]
    assert Path(manifest["folder"]).name == f"{other}-2"
    assert taken[0].exists()  # the other run's folder is left alone


def test_every_run_option_has_help():
    from inovlab.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    parser = sub.choices["run"]
    options = [a for a in parser._actions if a.option_strings and a.dest != "help"]
    assert len(options) >= 11
    for action in options:  # Indonesian / English
        assert action.help and " / " in action.help.strip(" /"), action.option_strings
    assert "exit codes" in parser.format_help()


def test_ambiguous_region_says_which_was_chosen(test_notebooks, tmp_path, monkeypatch, capsys):
    plan = runner.plan_runs(_args(tmp_path, region=["bengkulu"], notebooks="03"))[0]
    assert plan.region == "Bengkulu"
    assert plan.notes == ["Bengkulu (provinsi) dipilih untuk 'bengkulu'; untuk Kota Bengkulu "
                          "tulis 'Kota Bengkulu'."]
    plans = runner.plan_runs(_args(tmp_path, region=["Gorontalo"], notebooks="03", lang="en"))
    assert plans[0].notes == ["Gorontalo (provinsi) chosen for 'Gorontalo'; for Kabupaten "
                              "Gorontalo write 'Kabupaten Gorontalo', for Kota Gorontalo write "
                              "'Kota Gorontalo'."]
    assert runner.plan_runs(_args(tmp_path, region=["Kota Bengkulu"], notebooks="03"))[0].notes == []
    assert runner.plan_runs(_args(tmp_path, cluster="provinsi", notebooks="03"))[0].notes == []

    monkeypatch.setattr(runner, "run_batch", lambda plans, *a, **k: [
        {"region": p.region, "status": "ok", "folder": str(tmp_path), "notebooks": []}
        for p in plans])
    assert cli.main(["run", "--region", "bengkulu", "--notebooks", "03",
                     "--out", str(tmp_path / "runs")]) == 0
    assert "untuk Kota Bengkulu tulis 'Kota Bengkulu'" in capsys.readouterr().err


# ------------------------------------------------------------ kill -9 (kernels, workers)
SLEEPER_PARAMS = ('cycle: int = 2026  # siklus penilaian (tahun)\n'
                  'region: str = "Kota Bogor"  # nama daerah')


def _sleeper_notebooks(folder: Path) -> Path:
    import nbformat

    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# 01_tidur\nMenunggu."),
                nbformat.v4.new_code_cell(SLEEPER_PARAMS, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import time\ntime.sleep(600)")]
    nbformat.write(nb, folder / "01_tidur.ipynb")
    return folder


def _kernels(processes) -> list:
    import psutil

    found = []
    for p in processes:
        try:
            if "ipykernel_launcher" in " ".join(p.cmdline()):
                found.append(p)
        except psutil.Error:
            continue
    return found


def _still_running(processes) -> list:
    import psutil

    alive = []
    for p in processes:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(p)
        except psutil.Error:
            continue
    return alive


@pytest.mark.parametrize("regions, kernels", [(["Kota Bogor"], 1),
                                              (["Kota Bogor", "Kota Bekasi"], 2)],
                         ids=["one-region", "batch"])
def test_kill_9_leaves_no_worker_or_kernel(tmp_path, regions, kernels):
    import os
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    env = {**os.environ, "INOVLAB_NOTEBOOK_DIR": str(_sleeper_notebooks(tmp_path / "nb"))}
    proc = subprocess.Popen([sys.executable, "-m", "inovlab", "run", "--region", *regions,
                             "--workers", "2", "--no-deck", "--out", str(tmp_path / "runs")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    family = []
    try:
        deadline = time.monotonic() + 240
        while len(_kernels(family)) < kernels:
            assert proc.poll() is None, "the run ended before its kernels started"
            assert time.monotonic() < deadline, "the kernels did not start"
            time.sleep(0.5)
            family = psutil.Process(proc.pid).children(recursive=True)
        assert len(family) == kernels + (kernels if len(regions) > 1 else 0)  # + workers
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while _still_running(family) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _still_running(family) == []
    finally:
        for p in [*_still_running(family), psutil.Process(os.getpid())][:-1]:
            p.kill()
        if proc.poll() is None:
            proc.kill()


def test_two_kernels_share_the_notebooks_and_the_manifest_keeps_the_plan_order(
        test_notebooks, tmp_path):
    def slow_execute(nb_path, target, parameters, cwd):
        time.sleep(0.4 if nb_path.stem.startswith("01") else 0.0)
        return _copy_execute(nb_path, target, parameters, cwd)

    lines = []
    plan = runner.plan_runs(_args(tmp_path, notebooks="01,03"))[0]
    manifest = runner.run_region(plan, progress=lines.append,
                                 execute=[slow_execute, slow_execute])
    assert manifest["status"] == "ok"
    assert [r["notebook"] for r in manifest["notebooks"]] == ["01_uji_ok", "03_uji_ok"]
    assert lines[1:] == ["[1/2] 03_uji_ok: berhasil (1,2 dtk)",
                         "[2/2] 01_uji_ok: berhasil (1,2 dtk)"]  # in the order they ended
