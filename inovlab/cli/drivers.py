"""``inovlab drivers``: which indicators the IID differences between pemda are associated with.

With indicator data of enough pemda of one cluster (a province's collection, the demo panel)
it writes ``drivers.csv`` (and ``skor_model.csv``, ``prioritas.csv`` with ``--region``); with
a city's own files only it writes the exact decomposition of its own score
(``poin_daerah.csv``) and ``prioritas.csv`` by points per step, and says what cross-region
drivers would need (:func:`inovlab.analysis.drivers_report.analyse_drivers`).

``--inovasi``, ``--spd`` and ``--hasil`` each take several files, which may hold several
cycles (OPD files, ``inovasi_2025.csv`` beside ``inovasi_2026.csv``); ``--spd`` is optional
(SPD points then count as 0), and ``--hasil`` of earlier cycles only is accepted and not
used for the weight recovery of ``--cycle``.

``drivers.csv`` is long, one row per indicator and method; its columns are documented in
:func:`inovlab.analysis.drivers.drivers_table` (``metode = bobot_efektif`` is the headline:
each indicator's share of the score variance; ``efek_utama`` the bias-corrected main effect
with ``p_permutasi`` and the correlation warning in ``catatan``; ``nilai_mentah``,
``rata_nol``, ``bergerak_dengan``, ``nama_bergerak_dengan``, ``korelasi_bergerak`` and
``catatan`` were added beside the older columns, which are unchanged). The
printed summary names the indicators, not their codes.
"""

from __future__ import annotations

from inovlab.cli.options import add_cycle, add_lang, add_region, add_seed
from inovlab.i18n import message

SUMMARY = "penggerak peringkat / ranking drivers"

_MESSAGES = {
    "need_files": {"id": "Analisis penggerak memerlukan --inovasi (atau --demo); --hasil saja "
                         "tidak cukup.",
                   "en": "Driver analysis needs --inovasi (or --demo); --hasil alone is not "
                         "enough."},
    "no_spd": {"id": "Tanpa --spd: poin SPD dihitung 0, jadi skor IID di bawah tidak memuat "
                     "bagian SPD.",
               "en": "Without --spd: SPD points count as 0, so the IID score below has no SPD "
                     "part."},
    "written": {"id": "Ditulis: {files}", "en": "Written: {files}"},
    "nothing": {"id": "Tidak ada berkas yang ditulis.", "en": "No file written."},
}


def add_arguments(p) -> None:
    add_cycle(p)
    p.add_argument("--hasil", nargs="+", metavar="FILE",
                   help="hasil resmi (skor IID) untuk pemulihan bobot; siklus lain diabaikan / "
                        "official results (IID scores) for the weight recovery; other cycles "
                        "are ignored")
    p.add_argument("--spd", nargs="+", metavar="FILE",
                   help="level indikator SPD (pemda sendiri atau banyak pemda; tanpa ini poin "
                        "SPD dihitung 0) / SPD indicator levels (own pemda or many pemda; "
                        "without them SPD points count as 0)")
    p.add_argument("--inovasi", nargs="+", metavar="FILE",
                   help="inovasi (pemda sendiri atau banyak pemda; boleh beberapa berkas dan "
                        "siklus) / innovations (own pemda or many pemda; several files and "
                        "cycles allowed)")
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


def _load_hasil(paths, cycle: int, lang: str):
    """Every cycle of the ``hasil`` files (the analysis keeps the cycle's rows, and says so
    when there are none); files without ``tahun`` are read as ``cycle``."""
    from inovlab.cli.files import read_all_cycles
    from inovlab.io.validation import load_table

    return read_all_cycles(lambda year: load_table(paths, "hasil", cycle=year, lang=lang), cycle)


def _load_inputs(args, lang: str):
    """``(inovasi, spd or None, hasil or None, source kind)`` from the files, or the demo."""
    from inovlab.errors import UsageError

    if args.demo or not any([args.hasil, args.spd, args.inovasi]):
        from inovlab.sources.demo import load_demo

        panel = load_demo()
        return panel.inovasi, panel.spd, panel.hasil, "demo"
    if not args.inovasi:
        raise UsageError(message(_MESSAGES, "need_files", lang))
    from inovlab.cli.files import load_cycle_table

    # Files may hold several cycles (``inovlab demo`` writes all of them, a province keeps
    # its history in one file): every row is checked against its own cycle, only the
    # --cycle rows are used, and one sentence says how many were set aside.
    inovasi = load_cycle_table(args.inovasi, "inovasi", args.cycle, lang)
    spd = load_cycle_table(args.spd, "spd", args.cycle, lang) if args.spd else None
    hasil = _load_hasil(args.hasil, args.cycle, lang) if args.hasil else None
    return inovasi, spd, hasil, "user"


def handle(args) -> int:
    """Analyse, write the tables, print the summary (cross-validated scores, assumed rules)."""
    from inovlab.analysis.drivers_report import analyse_drivers
    from inovlab.rules.framework import load_framework

    lang = args.lang
    fw = load_framework(args.cycle)
    inovasi, spd, hasil, kind = _load_inputs(args, lang)
    if spd is None:
        print(message(_MESSAGES, "no_spd", lang))
    report = analyse_drivers(inovasi, spd, fw, hasil=hasil, region=args.region, source=kind,
                             seed=args.seed, lang=lang)
    written = report.write(args.out)
    done = (message(_MESSAGES, "written", lang, files=", ".join(str(p) for p in written))
            if written else message(_MESSAGES, "nothing", lang))
    lines = [*report.summary, done]
    print("\n".join(lines))
    return 0
