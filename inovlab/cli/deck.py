"""``inovlab deck RUN_DIR``: (re)build the clinic deck of a run folder."""

from __future__ import annotations

from inovlab.cli.options import add_lang

SUMMARY = "deck klinik dari folder run / clinic deck from a run"


def add_arguments(p) -> None:
    p.add_argument("run_dir", metavar="RUN_DIR",
                   help="folder run (berisi manifest.json) dari inovlab run / a run folder "
                        "(holding manifest.json) made by inovlab run")
    add_lang(p)


def handle(args) -> int:
    """Build the deck and print its path."""
    from inovlab.report.deck import build_deck

    print(build_deck(args.run_dir, lang=args.lang))
    return 0
