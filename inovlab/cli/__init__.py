"""The ``inovlab`` command line: the only layer that parses options, prints and sets exit codes."""

from inovlab.cli.main import main

__all__ = ["main"]
