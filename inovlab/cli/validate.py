"""``inovlab validate FILE...``: check input files and optionally write the clean table."""

from __future__ import annotations

from pathlib import Path

from inovlab.cli.options import add_lang
from inovlab.i18n import message

SUMMARY = "periksa berkas masukan / check input files"

_MESSAGES = {
    "written": {"id": "Tabel bersih ditulis ke {path}", "en": "Clean table written to {path}"},
    "out_is_input": {"id": "--out {path} sama dengan berkas masukan; berkas masukan tidak "
                           "pernah ditimpa. Pilih nama lain.",
                     "en": "--out {path} is one of the input files; inputs are never "
                           "overwritten. Choose another name."},
}


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="berkas CSV/XLSX (boleh beberapa, atau pola seperti data/*.csv) / "
                        "CSV/XLSX files (several, or a pattern such as data/*.csv)")
    p.add_argument("--kind", choices=["hasil", "spd", "inovasi"],
                   help="jenis tabel (default: ditebak dari kolom) / table kind (default: "
                        "guessed from the columns)")
    p.add_argument("--cycle", type=int, metavar="YEAR",
                   help="siklus untuk kode indikator SPD/SID; mengisi tahun bila tidak ada "
                        "kolomnya / cycle for the SPD/SID indicator codes; fills in the year "
                        "when the file has no such column")
    p.add_argument("--sheet", metavar="NAME",
                   help="nama sheet Excel (default: sheet pertama) / Excel sheet name "
                        "(default: the first sheet)")
    p.add_argument("--out", metavar="FILE",
                   help="tulis tabel bersih ke berkas ini (.csv atau .xlsx) / write the clean "
                        "table to this file (.csv or .xlsx)")
    add_lang(p)


def handle(args) -> int:
    """Print a one-line summary; with ``--out`` write the canonical table atomically.

    A :class:`~inovlab.errors.DataError` propagates to :func:`inovlab.cli.main.main`
    (exit 1, nothing written).
    """
    from inovlab.cli.output import check_out_file, writing
    from inovlab.errors import UsageError
    from inovlab.io.export import write_table
    from inovlab.io.validation import load_table, summary

    lang = args.lang
    files = list(args.files)
    if args.out and any(Path(args.out).resolve() == Path(f).resolve() for f in files):
        raise UsageError(message(_MESSAGES, "out_is_input", lang, path=args.out))
    if args.out:
        check_out_file(args.out, lang, ext=" .csv / .xlsx")
    table = load_table(files, kind=args.kind, cycle=args.cycle, lang=lang, sheet=args.sheet)
    print(summary(table, len(files), lang))
    if args.out:
        with writing(args.out, lang):
            path = write_table(table, args.out, sheet=table.attrs.get("kind", "data"))
        print(message(_MESSAGES, "written", lang, path=path))
    return 0
