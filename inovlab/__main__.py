"""``python -m inovlab``: the same command line as the ``inovlab`` script."""

from inovlab.cli import main

raise SystemExit(main())
