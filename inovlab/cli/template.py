"""``inovlab template --cycle YEAR --out FILE.xlsx``: the Excel workbook OPDs fill in.

An existing ``--out`` is never overwritten without ``--force`` (it may be a filled-in copy).
"""

from __future__ import annotations

from inovlab.cli.options import add_cycle, add_lang, add_region
from inovlab.i18n import message

SUMMARY = "templat Excel untuk OPD / OPD workbook template"

_MESSAGES = {
    "not_xlsx": {"id": "--out harus berakhiran .xlsx: {path}",
                 "en": "--out must end in .xlsx: {path}"},
    "written": {"id": "Templat ditulis: {path}", "en": "Template written: {path}"},
}


def add_arguments(p) -> None:
    add_cycle(p)
    p.add_argument("--out", required=True, metavar="FILE.xlsx",
                   help="berkas templat yang ditulis / the template file to write")
    p.add_argument("--opd-list", metavar="FILE",
                   help="daftar OPD (.txt satu nama per baris, atau CSV/XLSX dengan kolom "
                        "opd) untuk daftar pilihan / list of OPDs (.txt one name per line, or "
                        "CSV/XLSX with an opd column) for the drop-down list")
    add_region(p, "pemda yang diisikan ke templat / the pemda filled into the template")
    p.add_argument("--force", action="store_true",
                   help="timpa --out yang sudah ada (mungkin sudah diisi OPD) / overwrite an "
                        "existing --out (it may have been filled in)")
    add_lang(p)


def handle(args) -> int:
    """Check the options, then write the template and print its path."""
    from inovlab.cli.output import check_out_file, writing
    from inovlab.errors import UsageError
    from inovlab.report.template import write_template
    from inovlab.rules.framework import load_framework

    lang = args.lang
    if not str(args.out).lower().endswith(".xlsx"):
        raise UsageError(message(_MESSAGES, "not_xlsx", lang, path=args.out))
    check_out_file(args.out, lang, force=args.force, ext=" .xlsx")
    load_framework(args.cycle)  # unknown cycle -> UsageError before anything else
    opds = None
    if args.opd_list:
        from inovlab.analysis.readiness import read_opd_list

        opds = read_opd_list(args.opd_list)["opd"].tolist()
    region = None
    if args.region:
        from inovlab.io.regions import resolve_region

        region = resolve_region(args.region, lang=lang)[1]
    with writing(args.out, lang):
        path = write_template(args.cycle, args.out, opds, region, lang)
    print(message(_MESSAGES, "written", lang, path=path))
    return 0
