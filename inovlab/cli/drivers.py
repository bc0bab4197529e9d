"""``inovlab drivers``: which indicators move the IID and the rank (``drivers.csv``).

With indicator data of enough pemda of one cluster (a province's collection, the demo panel)
it writes ``drivers.csv`` (and ``skor_model.csv``, ``prioritas.csv`` with ``--region``); with
a city's own files only it writes the exact decomposition of its own score
(``poin_daerah.csv``) and ``prioritas.csv`` by points per step, and says what cross-region
drivers would need (:func:`inovlab.analysis.drivers_report.analyse_drivers`).
"""

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
    "nothing": {"id": "Tidak ada berkas yang ditulis.", "en": "No file written."},
}


def add_arguments(p) -> None:
    add_cycle(p)
    p.add_argument("--hasil", metavar="FILE",
                   help="hasil resmi (skor IID) untuk pemulihan bobot / official results (IID "
                        "scores) for the weight recovery")
    p.add_argument("--spd", metavar="FILE",
                   help="level indikator SPD (pemda sendiri atau banyak pemda) / SPD indicator "
                        "levels (own pemda or many pemda)")
    p.add_argument("--inovasi", metavar="FILE",
                   help="inovasi (pemda sendiri atau banyak pemda) / innovations (own pemda "
                        "or many pemda)")
    p.add_argument("--demo", action="store_true",
                   help="pakai panel demo sintetis (juga bila tidak ada berkas) / use the "
                        "synthetic demo panel (also when no file is given)")
    add_region(p, "pemda untuk tabel prioritas perbaikan (dalam klasternya; default: satu-"
                  "satunya pemda dalam data) / pemda for the improvement-priority table (within "
                  "its cluster; default: the only pemda in the data)")
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

    def load(path, kind):
        # Files may hold several cycles (``inovlab demo`` writes all of them, a province keeps
        # its history in one file): every row is checked, only the --cycle rows are used;
        # a file without any is refused by the analysis with a plain message.
        table = load_table(path, kind, lang=lang)
        return table[table["tahun"].astype(int) == int(args.cycle)].reset_index(drop=True)

    spd, inovasi = load(args.spd, "spd"), load(args.inovasi, "inovasi")
    hasil = load(args.hasil, "hasil") if args.hasil else None
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
    done = (message(_MESSAGES, "written", lang, files=", ".join(str(p) for p in written))
            if written else message(_MESSAGES, "nothing", lang))
    lines = [*report.summary, done]
    print("\n".join(lines))
    return 0
