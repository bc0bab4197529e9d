"""``python -m inovlab.sources.demo --readme [--refresh]``: rewrite data/demo/README.md's table."""

import sys

from inovlab.sources.demo import load_demo, update_readme

if __name__ == "__main__":  # pragma: no cover
    if "--readme" in sys.argv:
        print(update_readme(load_demo(refresh="--refresh" in sys.argv)))
