"""Tests of the command-line entry point (inovlab.cli.main): dispatch, exit codes, the guard."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from inovlab.cli import crashlog
from inovlab.cli import rules as rules_cli
from inovlab.cli.main import COMMANDS, build_parser, main
from inovlab.errors import DataError, Problem, UsageError


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_declared_and_has_a_handler():
    subs = _subparsers(build_parser())
    assert set(subs) == set(COMMANDS)
    assert "notebooks" in subs


def test_every_option_of_every_subcommand_has_bilingual_help():
    for name, sub in _subparsers(build_parser()).items():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            label = f"{name} {'/'.join(action.option_strings) or action.dest}"
            assert action.help, f"no help text: {label}"
            assert " / " in action.help, f"help not Indonesian / English: {label}"


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "inovlab" in capsys.readouterr().out


def test_unexpected_error_is_a_short_message_and_a_log(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(crashlog, "log_dir", lambda: tmp_path / "logs")

    def boom(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(rules_cli, "handle", boom)
    assert main(["rules", "--cycle", "2026"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "kesalahan tak terduga" in captured.err and "ZeroDivisionError" in captured.err
    logs = list((tmp_path / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in captured.err
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: division by zero" in text
    assert "'rules', '--cycle', '2026'" in text


def test_unexpected_error_in_english_and_unwritable_log_folder(monkeypatch, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(crashlog, "log_dir", lambda: blocker / "logs")  # cannot be created
    monkeypatch.setattr(crashlog, "_fallback_dir", lambda: tmp_path / "tmp-logs")
    monkeypatch.setattr(rules_cli, "handle", lambda args: {}["missing"])
    assert main(["rules", "--cycle", "2026", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "unexpected error" in err and "KeyError" in err and "Traceback" not in err
    assert list((tmp_path / "tmp-logs").glob("crash-*.log"))


def test_no_log_folder_at_all_still_gives_the_message(monkeypatch, capsys):
    monkeypatch.setattr("inovlab.cli.crashlog.write_crash_log", lambda exc, argv: None)
    monkeypatch.setattr(rules_cli, "handle", lambda args: 1 / 0)
    assert main(["rules", "--cycle", "2026"]) == 1
    assert "log tidak dapat ditulis" in capsys.readouterr().err


def test_data_error_lists_every_problem_exit_1(monkeypatch, capsys):
    problems = [Problem("a.csv", 2, "tahun", "x", "bukan angka"),
                Problem("b.csv", 5, "ind_16", "4", "level harus 0-3")]

    def bad_data(args):
        raise DataError(problems)

    monkeypatch.setattr(rules_cli, "handle", bad_data)
    assert main(["rules", "--cycle", "2026"]) == 1
    err = capsys.readouterr().err
    assert "a.csv, baris 2" in err and "b.csv, baris 5" in err


def test_usage_error_exit_2(monkeypatch, capsys):
    def wrong(args):
        raise UsageError("pilihan salah")

    monkeypatch.setattr(rules_cli, "handle", wrong)
    assert main(["rules", "--cycle", "2026"]) == 2
    assert "inovlab: pilihan salah" in capsys.readouterr().err


def test_keyboard_interrupt_exit_130(monkeypatch, capsys):
    def stop(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(rules_cli, "handle", stop)
    assert main(["rules", "--cycle", "2026", "--lang", "en"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_argparse_errors_exit_2_without_traceback(capsys):
    with pytest.raises(SystemExit) as info:
        main(["rules"])  # --cycle is required
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_python_dash_m_inovlab_help():
    done = subprocess.run([sys.executable, "-m", "inovlab", "--help"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0
    assert "notebooks" in done.stdout and "Traceback" not in done.stderr


# the smallest valid command line of each subcommand (its handler is replaced below)
_MINIMAL = {
    "run": ["run"], "score": ["score", "--cycle", "2026", "--inovasi", "a.csv"],
    "validate": ["validate", "a.csv"], "rules": ["rules", "--cycle", "2026"],
    "demo": ["demo"], "drivers": ["drivers", "--cycle", "2026"],
    "template": ["template", "--cycle", "2026", "--out", "t.xlsx"],
    "check": ["check", "--cycle", "2026", "--inovasi", "a.csv"],
    "params": ["params", "01"], "deck": ["deck", "runs/x"], "notebooks": ["notebooks"],
}


def test_minimal_command_lines_cover_every_subcommand():
    assert set(_MINIMAL) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(_MINIMAL))
def test_guard_catches_any_error_of_every_subcommand(command, monkeypatch, tmp_path, capsys):
    import importlib

    monkeypatch.setattr(crashlog, "log_dir", lambda: tmp_path / "logs")
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(COMMANDS[command])

    def broken(args):
        raise RuntimeError(f"rusak di {command}")

    monkeypatch.setattr(module, "handle", broken)
    assert main(_MINIMAL[command] + ["--lang", "en"] * (command != "deck")) == 1
    err = capsys.readouterr().err
    assert ("unexpected error" in err or "tak terduga" in err) and "Traceback" not in err
    log = next((tmp_path / "logs").glob("crash-*.log"))
    assert str(log) in err and f"rusak di {command}" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, words", [
    (["run", "--workers", "0"], ["--workers 0", "1 to 64"]),
    (["check", "--cycle", "2026", "--inovasi", "a.csv", "--target-per-opd", "-5"],
     ["--target-per-opd -5", "0 to 1,000"]),
    (["check", "--cycle", "2026", "--inovasi", "a.csv", "--min-kematangan", "nan"],
     ["--min-kematangan nan", "a number from 0"]),
    (["check", "--cycle", "2026", "--inovasi", "a.csv", "--min-kematangan", "inf"],
     ["--min-kematangan inf"]),
    (["demo", "--seed", "-1"], ["--seed -1", "4,294,967,295"]),
    (["drivers", "--cycle", "2026", "--demo", "--seed", "99999999999"], ["--seed 99999999999"]),
])
def test_numeric_options_out_of_range_exit_2(argv, words, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv + ["--lang", "en"]) == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_option_range_message_in_indonesian(capsys):
    assert main(["check", "--cycle", "2026", "--inovasi", "a.csv", "--target-per-opd",
                 "-5"]) == 2
    assert "--target-per-opd -5: nilai harus bilangan bulat dari 0 sampai 1.000" in \
        capsys.readouterr().err
