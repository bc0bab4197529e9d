"""The ``inovlab`` command line (see ``data_contract.md``).

Exit codes: 0 ok, 1 data problem or unexpected error, 2 usage problem. No traceback
reaches the terminal: data problems are listed with file, row, column and reason; usage
problems say what was wrong; anything else is one short sentence in the user's language
plus the path of a log file holding the traceback.

Each subcommand lives in its own module ``inovlab.cli.<command>`` with ``SUMMARY`` (the
one-line help), ``add_arguments(parser)`` and ``handle(args) -> int``. Those modules import
the library only inside ``handle``, so start-up stays fast and a broken optional part
breaks only its own command.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from inovlab.errors import DataError, UsageError, format_problems
from inovlab.i18n import message

# subcommand -> module with SUMMARY, add_arguments(parser) and handle(args)
COMMANDS = {name: f"inovlab.cli.{name}" for name in (
    "run", "score", "validate", "rules", "demo", "drivers", "template", "check", "params",
    "deck", "notebooks")}

_MESSAGES = {
    "interrupted": {"id": "inovlab: dihentikan", "en": "inovlab: interrupted"},
    "crash": {"id": "inovlab: terjadi kesalahan tak terduga ({error}). Ini bukan kesalahan "
                    "Anda. Rincian teknis: {log} — lampirkan berkas itu bila melapor.",
              "en": "inovlab: an unexpected error occurred ({error}). This is not your fault. "
                    "Technical details: {log} — attach that file when reporting it."},
    "no_log": {"id": "(log tidak dapat ditulis)", "en": "(the log could not be written)"},
}


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and a short message, never a traceback."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"inovlab: kesalahan penggunaan (usage error): {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand (options declared in each ``inovlab.cli.<command>``).

    Examples
    --------
    >>> build_parser().parse_args(["rules", "--cycle", "2026"]).cycle
    2026
    """
    parser = _Parser(prog="inovlab", description=(
        "inovlab: workbook riset Indeks Inovasi Daerah (IID). "
        "Research workbook for the Regional Innovation Index."))
    parser.add_argument("--version", action="version", version=_version(),
                        help="tampilkan versi lalu keluar / show the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=module.SUMMARY, description=module.SUMMARY)
        module.add_arguments(p)
    return parser


def _version() -> str:
    from inovlab import __version__

    return f"inovlab {__version__}"


def _lang_of(argv: list[str] | None) -> str:
    """``--lang`` read from the raw arguments (the parser may not have run yet)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "id"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1] == "en" else "id"
    return "id"


def check_options(args, lang: str = "id") -> None:
    """Range-check every numeric option of a parsed command line, in place (one
    implementation: :func:`inovlab.ranges.check_ranges`, also used for config files).

    Raises
    ------
    UsageError
        Every option out of its range, with its value and the allowed range.

    Examples
    --------
    >>> ns = argparse.Namespace(workers=0, seed=3, lang="en")
    >>> check_options(ns, "en")
    Traceback (most recent call last):
    inovlab.errors.UsageError: --workers 0: the value must be a whole number from 1 to 64.
    """
    from inovlab.ranges import check_ranges

    values = vars(args)
    labels = {name: "--" + name.replace("_", "-") for name in values}
    checked, problems = check_ranges(values, lang, labels)
    if problems:
        raise UsageError("\n".join(problems))
    for name, value in checked.items():
        setattr(args, name, value)


def _dispatch(args) -> int:
    from inovlab.cli.files import expand_file_arguments

    lang = getattr(args, "lang", "id")
    check_options(args, lang)
    expand_file_arguments(args, lang)
    module = importlib.import_module(COMMANDS[args.command])
    return int(module.handle(args) or 0)


def _crash(exc: BaseException, argv: list[str] | None, lang: str) -> int:
    from inovlab.cli.crashlog import write_crash_log

    try:
        log = write_crash_log(exc, argv)
    except Exception:  # the message below must reach the user whatever happens
        log = None
    error = type(exc).__name__
    detail = str(exc).splitlines()[0][:160] if str(exc) else ""
    print(message(_MESSAGES, "crash", lang, error=f"{error}: {detail}" if detail else error,
                  log=log or message(_MESSAGES, "no_log", lang)), file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``inovlab`` console script; returns the exit code.

    ``DataError`` -> 1 with every problem; ``UsageError`` -> 2; Ctrl-C -> 130; any other
    exception -> 1 with a short message and the path of a log file with the traceback.

    Examples
    --------
    >>> main(["rules", "--cycle", "1999"])
    2
    """
    lang = _lang_of(argv)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return 2
        lang = getattr(args, "lang", lang) or "id"
        from inovlab.io.problems import printed_warnings

        with printed_warnings(lang):  # input warnings (file, row, reason) on stderr, once
            return _dispatch(args)
    except DataError as exc:
        print(format_problems(exc.problems, lang), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"inovlab: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(message(_MESSAGES, "interrupted", lang), file=sys.stderr)
        return 130
    except SystemExit:
        raise
    except Exception as exc:  # the one place that turns a bug into a message + log file
        return _crash(exc, argv, lang)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
