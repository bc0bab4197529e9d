"""The ``inovlab`` command line (see ``data_contract.md``).

Exit codes: 0 ok, 1 data problem, 2 usage problem. No traceback reaches the user: data
problems are listed with file, row, column and reason; usage problems say what was wrong.

Every subcommand is declared here; its work is done by a ``cli_<name>(args)`` function in
the module named for what it does, imported only when the subcommand runs (start-up stays
fast and a broken optional module does not break the other commands).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from inovlab.errors import DataError, UsageError, format_problems

# subcommand -> module holding cli_<subcommand>
COMMANDS = {
    "run": "inovlab.workbook.runner",
    "score": "inovlab.cli.score",
    "validate": "inovlab.io.validation",
    "rules": "inovlab.cli.rules",
    "demo": "inovlab.sources.demo",
    "drivers": "inovlab.analysis.drivers",
    "template": "inovlab.report.template",
    "check": "inovlab.analysis.readiness",
    "params": "inovlab.workbook.runner",
    "deck": "inovlab.report.deck",
}


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and a short message, never a traceback."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"inovlab: kesalahan penggunaan (usage error): {message}", file=sys.stderr)
        raise SystemExit(2)


def _lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["id", "en"], default="id",
                   help="bahasa keluaran / output language (default: id)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="inovlab", description=(
        "inovlab: workbook riset Indeks Inovasi Daerah (IID). "
        "Research workbook for the Regional Innovation Index."))
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("run", help="jalankan semua notebook siklus / run the cycle's notebooks")
    p.add_argument("--cycle", type=int)
    p.add_argument("--region", nargs="+", metavar="NAME")
    p.add_argument("--cluster", choices=["provinsi", "kabupaten", "kota"])
    p.add_argument("--notebooks", help="e.g. 01,03")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--config", metavar="FILE.yaml")
    p.add_argument("--data", metavar="DIR")
    p.add_argument("--out", metavar="DIR", default="runs")
    p.add_argument("--workers", type=int)
    p.add_argument("--no-deck", action="store_true", help="jangan buat deck PowerPoint")
    _lang(p)

    p = sub.add_parser("score", help="hitung skor IID / score innovations and regions")
    p.add_argument("--cycle", type=int, required=True)
    p.add_argument("--inovasi", nargs="+", required=True, metavar="FILE")
    p.add_argument("--spd", metavar="FILE")
    p.add_argument("--out", metavar="DIR")
    _lang(p)

    p = sub.add_parser("validate", help="periksa berkas masukan / check input files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--kind", choices=["hasil", "spd", "inovasi"])
    p.add_argument("--cycle", type=int, help="siklus untuk kode indikator SPD/SID")
    p.add_argument("--sheet", help="nama sheet Excel")
    p.add_argument("--out", metavar="FILE")
    _lang(p)

    p = sub.add_parser("rules", help="aturan satu siklus / a cycle's rules")
    p.add_argument("--cycle", type=int, required=True)
    p.add_argument("--indicators", action="store_true", help="tampilkan juga indikator")
    _lang(p)

    p = sub.add_parser("demo", help="tulis panel data demo / write the demo panel")
    p.add_argument("--out", metavar="DIR", default="demo_panel")
    p.add_argument("--seed", type=int, default=2026)
    _lang(p)

    p = sub.add_parser("drivers", help="penggerak peringkat / ranking drivers")
    p.add_argument("--cycle", type=int, required=True)
    p.add_argument("--hasil", metavar="FILE")
    p.add_argument("--spd", metavar="FILE")
    p.add_argument("--inovasi", metavar="FILE")
    p.add_argument("--demo", action="store_true", help="pakai panel demo (bawaan)")
    p.add_argument("--region", metavar="NAME")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", metavar="DIR", default=".")
    _lang(p)

    p = sub.add_parser("template", help="templat Excel untuk OPD / OPD workbook template")
    p.add_argument("--cycle", type=int, required=True)
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--opd-list", metavar="FILE")
    p.add_argument("--region", metavar="NAME")
    _lang(p)

    p = sub.add_parser("check", help="cek kesiapan usulan / submission readiness")
    p.add_argument("--cycle", type=int, required=True)
    p.add_argument("--inovasi", nargs="+", required=True, metavar="FILE")
    p.add_argument("--spd", metavar="FILE")
    p.add_argument("--opd-list", metavar="FILE")
    p.add_argument("--target-per-opd", type=int, default=2)
    p.add_argument("--min-kematangan", type=float, default=70.0)
    p.add_argument("--deadline", metavar="YYYY-MM-DD")
    p.add_argument("--hasil", metavar="FILE",
                   help="hasil siklus sebelumnya untuk proyeksi peringkat (default: panel demo)")
    p.add_argument("--region", metavar="NAME", help="pemda yang diperiksa (jika berkas memuat banyak)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", metavar="DIR", default="cek_kesiapan")
    _lang(p)

    p = sub.add_parser("params", help="parameter sebuah notebook / a notebook's parameters")
    p.add_argument("notebook")
    _lang(p)

    p = sub.add_parser("deck", help="deck klinik dari folder run / clinic deck from a run")
    p.add_argument("run_dir")
    _lang(p)
    return parser


def _version() -> str:
    from inovlab import __version__

    return f"inovlab {__version__}"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``inovlab`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    lang = getattr(args, "lang", "id")
    try:
        module = importlib.import_module(COMMANDS[args.command])
        handler = getattr(module, f"cli_{args.command}")
        code = handler(args)
        return int(code or 0)
    except DataError as exc:
        print(format_problems(exc.problems, lang), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"inovlab: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("inovlab: dihentikan / interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
