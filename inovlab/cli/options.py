"""Options shared by several subcommands, with the same help text everywhere."""

from __future__ import annotations

import argparse


def add_lang(p: argparse.ArgumentParser) -> None:
    """``--lang id|en``."""
    p.add_argument("--lang", choices=["id", "en"], default="id",
                   help="bahasa keluaran / output language (default: id)")


def add_cycle(p: argparse.ArgumentParser, required: bool = True, extra: str = "") -> None:
    """``--cycle YEAR``: the assessment cycle (its rules are read from the framework)."""
    p.add_argument("--cycle", type=int, required=required, metavar="YEAR",
                   help="siklus penilaian (tahun), mis. 2026 / assessment cycle (year), "
                        f"e.g. 2026{extra}")


def add_region(p: argparse.ArgumentParser, what: str) -> None:
    """``--region NAME`` (one pemda; everyday spellings are resolved)."""
    p.add_argument("--region", metavar="NAME", help=what)


def add_seed(p: argparse.ArgumentParser, default: int, what: str) -> None:
    """``--seed N``: explicit randomness."""
    p.add_argument("--seed", type=int, default=default, metavar="N",
                   help=f"{what} (default: {default})")
