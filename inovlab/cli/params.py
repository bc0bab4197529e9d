"""``inovlab params NOTEBOOK``: list a notebook's parameters (name, type, default, comment)."""

from __future__ import annotations

from inovlab.cli.options import add_lang

SUMMARY = "parameter sebuah notebook / a notebook's parameters"


def add_arguments(p) -> None:
    p.add_argument("notebook", metavar="NOTEBOOK",
                   help="path notebook, nama berkas, atau nomor (mis. 03) / a notebook path, "
                        "file name or number (e.g. 03)")
    add_lang(p)


def handle(args) -> int:
    """Print the parameter table of the notebook."""
    from inovlab.workbook.runner import format_parameters, resolve_notebook

    print(format_parameters(resolve_notebook(args.notebook, args.lang), args.lang))
    return 0
