"""``inovlab drivers``: which indicators move the IID and the rank (``drivers.csv``)."""

from __future__ import annotations

from inovlab.cli.options import add_cycle, add_lang, add_region, add_seed
from inovlab.i18n import message

SUMMARY = "penggerak peringkat / ranking drivers"

_MESSAGES = {
    "need_files": {"id": "Analisis penggerak memerlukan --spd dan --inovasi (atau --demo); "
                         "--hasil saja tidak cukup.",
                   "en": "Driver analysis needs --spd and --inovasi (or --demo); --hasil alone "
                         "is not enough."},
    "written": {"id": "Ditulis: {files}", "en": "Written: {files}"},
}


def add_arguments(p) -> None:
    add_cycle(p)
    p.add_argument("--hasil", metavar="FILE",
                   help="hasil resmi (skor IID) untuk pemulihan bobot / official results (IID "
                        "scores) for the weight recovery")
    p.add_argument("--spd", metavar="FILE",
                   help="level indikator SPD semua pemda / SPD indicator levels of every pemda")
    p.add_argument("--inovasi", metavar="FILE",
                   help="inovasi semua pemda / innovations of every pemda")
    p.add_argument("--demo", action="store_true",
                   help="pakai panel demo sintetis (juga bila tidak ada berkas) / use the "
                        "synthetic demo panel (also when no file is given)")
    add_region(p, "pemda untuk tabel prioritas perbaikan (dalam klasternya) / pemda for the "
                  "improvement-priority table (within its cluster)")
    add_seed(p, 0, "benih acak bootstrap dan validasi silang / random seed of the bootstrap "
                   "and cross-validation")
    p.add_argument("--out", metavar="DIR", default=".",
                   help="folder keluaran (default: folder kerja) / output folder (default: "
                        "the working folder)")
    add_lang(p)


def _load_inputs(args, lang: str):
    """``(inovasi, spd, hasil, source kind)`` from the files, or the demo panel."""
    from inovlab.errors import UsageError

    if args.demo or not any([args.hasil, args.spd, args.inovasi]):
        from inovlab.sources.demo import load_demo

        panel = load_demo()
        return panel.inovasi, panel.spd, panel.hasil, "demo"
    if not (args.spd and args.inovasi):
        raise UsageError(message(_MESSAGES, "need_files", lang))
    from inovlab.io.validation import load_table

    spd = load_table(args.spd, "spd", cycle=args.cycle, lang=lang)
    inovasi = load_table(args.inovasi, "inovasi", cycle=args.cycle, lang=lang)
    hasil = load_table(args.hasil, "hasil", cycle=args.cycle, lang=lang) if args.hasil else None
    return inovasi, spd, hasil, "user"


def handle(args) -> int:
    """Analyse, write the tables, print the summary (cross-validated scores, assumed rules)."""
    from inovlab.analysis.drivers_report import analyse_drivers
    from inovlab.rules.framework import load_framework

    lang = args.lang
    fw = load_framework(args.cycle)
    inovasi, spd, hasil, kind = _load_inputs(args, lang)
    report = analyse_drivers(inovasi, spd, fw, hasil=hasil, region=args.region, source=kind,
                             seed=args.seed, lang=lang)
    written = report.write(args.out)
    lines = [*report.summary,
             message(_MESSAGES, "written", lang, files=", ".join(str(p) for p in written))]
    print("\n".join(lines))
    return 0
