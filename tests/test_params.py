"""Tests of ``--config`` and parameter checks (inovlab.workbook.params).

Broken config files (tests/data/config) give exit 2 with a sentence naming the file, the
key or line and what to do; nothing is created under ``--out``; the file is unchanged.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from inovlab.cli.main import main
from inovlab.errors import UsageError
from inovlab.workbook import runner
from inovlab.workbook.params import RUN_OPTIONS, check_values, read_config

CONFIGS = Path(__file__).parent / "data" / "config"
NB_DIR = Path(__file__).parent / "data" / "notebooks"


@pytest.fixture
def test_notebooks(monkeypatch):
    monkeypatch.setenv("INOVLAB_NOTEBOOK_DIR", str(NB_DIR))


@pytest.mark.parametrize("name, words", [
    ("workers_text.yaml", ["workers (workers_text.yaml) two", "1 to 64"]),
    ("duplicate_key.yaml", ["'seed'", "lines 2 and 3"]),
    ("cp1252.yaml", ["line 2", "0xE9", "UTF-8"]),
    ("binary.yaml", ["binary file"]),
    ("out_of_range.yaml", ["seed (out_of_range.yaml) -1", "n_draws (out_of_range.yaml) nan"]),
])
def test_broken_config_exit_2_with_a_located_message(test_notebooks, tmp_path, capsys, name,
                                                      words):
    path = CONFIGS / name
    before = path.read_bytes()
    code = main(["run", "--config", str(path), "--out", str(tmp_path / "runs"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and name in err
    for word in words:
        assert word in err
    assert not (tmp_path / "runs").exists()
    assert path.read_bytes() == before


def test_unknown_config_key_names_the_closest_run_option(test_notebooks, tmp_path, capsys):
    code = main(["run", "--config", str(CONFIGS / "unknown_key.yaml"), "--out",
                 str(tmp_path / "runs"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "'worker'" in err and "'workers'" in err


def _args(tmp_path, **kw):
    base = dict(cycle=None, region=None, cluster=None, notebooks=None, param=[], config=None,
                data=None, out=None, workers=None, no_deck=True, lang="id")
    base.update(kw)
    return argparse.Namespace(**base)


def test_config_out_is_used_when_no_out_option(test_notebooks, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"region: Pangkalpinang\nout: {tmp_path / 'hasil_run'}\nworkers: '2'\n")
    plan = runner.plan_runs(_args(tmp_path, config=str(cfg)))[0]
    assert plan.out == str(tmp_path / "hasil_run")
    assert read_config(cfg)["workers"] == 2
    plan = runner.plan_runs(_args(tmp_path, config=str(cfg), out=str(tmp_path / "cli")))[0]
    assert plan.out == str(tmp_path / "cli")


def test_run_options_are_the_runners():
    assert set(RUN_OPTIONS) == set(runner.RUNNER_KEYS)


def test_parameters_checked_like_options():
    assert check_values({"seed": 3, "n_draws": 1000})["seed"] == 3
    with pytest.raises(UsageError, match="target_per_opd -5"):
        check_values({"target_per_opd": -5})
    with pytest.raises(UsageError, match="min_kematangan nan"):
        check_values({"min_kematangan": float("nan")})


def test_text_parameter_with_a_numeric_name_elsewhere_is_left_to_its_notebook():
    assert check_values({"min_kematangan": 70.0, "kematangan_baru": "pilih"})[
        "kematangan_baru"] == "pilih"
