"""``inovlab notebooks [--copy DIR [--force]]``: the bundled notebooks, or editable copies.

The notebooks installed with inovlab sit inside the package (read-only in spirit: an
upgrade replaces them). ``--copy DIR`` gives the researcher copies to open and change in
JupyterLab; without it the command shows where the bundled ones are.
"""

from __future__ import annotations

from inovlab.cli.options import add_lang
from inovlab.i18n import message

SUMMARY = "salin notebook bawaan untuk diubah / copy the bundled notebooks to edit them"

_MESSAGES = {
    "copied": {"id": "{n} notebook disalin ke {dest}. Buka dengan: jupyter lab {dest}",
               "en": "{n} notebook(s) copied to {dest}. Open them with: jupyter lab {dest}"},
    "bundled": {"id": "Notebook bawaan ({path}):", "en": "Bundled notebooks ({path}):"},
    "hint": {"id": "Salinan yang bisa diubah: inovlab notebooks --copy FOLDER",
             "en": "Editable copies: inovlab notebooks --copy FOLDER"},
}


def add_arguments(p) -> None:
    p.add_argument("--copy", metavar="DIR",
                   help="salin semua notebook bawaan ke folder ini / copy every bundled "
                        "notebook into this folder")
    p.add_argument("--force", "--overwrite", dest="force", action="store_true",
                   help="timpa notebook yang sudah ada di folder tujuan / overwrite notebooks "
                        "already in the target folder")
    add_lang(p)


def handle(args) -> int:
    """Copy the notebooks (``--copy``) or list the bundled ones."""
    from pathlib import Path

    from inovlab.workbook.notebooks import copy_notebooks, notebook_dir

    lang = args.lang
    if args.copy:
        dest = Path(args.copy)
        copied = copy_notebooks(dest, overwrite=args.force, lang=lang)
        for path in copied:
            print(f"  {path}")
        print(message(_MESSAGES, "copied", lang, n=len(copied), dest=dest))
        return 0
    folder = notebook_dir()
    print(message(_MESSAGES, "bundled", lang, path=folder))
    for path in sorted(folder.glob("*.ipynb")):
        print(f"  {path.name}")
    print(message(_MESSAGES, "hint", lang))
    return 0
