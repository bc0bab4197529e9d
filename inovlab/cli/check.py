"""``inovlab check``: submission readiness per innovation, OPD and pemda.

Writes ``cek_inovasi.csv``, ``cek_opd.csv``, ``cek_pemda.csv``, ``rekomendasi.csv``,
``ringkasan.json``, ``cek_kesiapan.xlsx`` and ``ringkasan.html`` into ``--out`` (the set
is built in a hidden folder and put in place as a whole; a folder holding other files is
refused); exit 0 even when problems are found (finding them is the point).
"""

from __future__ import annotations

import datetime as dt

from inovlab.cli.options import add_cycle, add_lang, add_region, add_seed
from inovlab.i18n import message

SUMMARY = "cek kesiapan usulan / submission readiness"

OUTPUT_FILES = ("cek_inovasi.csv", "cek_opd.csv", "cek_pemda.csv", "rekomendasi.csv",
                "ringkasan.json", "cek_kesiapan.xlsx", "ringkasan.html")
"""What ``--out`` receives; an earlier set there is replaced as a whole."""

_MESSAGES = {
    "done": {"id": "{n} inovasi diperiksa: {counted} dihitung, {bad} bermasalah; {opd} OPD "
                   "belum memenuhi target. Hasil di {out}",
             "en": "{n} innovations checked: {counted} counted, {bad} with problems; {opd} "
                   "OPD(s) below target. Output in {out}"},
    "bad_deadline": {"id": "--deadline harus berformat YYYY-MM-DD, bukan '{value}'",
                     "en": "--deadline must be written YYYY-MM-DD, not '{value}'"},
    "no_rows": {"id": "tidak ada inovasi untuk siklus {cycle}{region}",
                "en": "no innovation for cycle {cycle}{region}"},
    "and_region": {"id": " dan daerah {region}", "en": " and region {region}"},
}


def add_arguments(p) -> None:
    add_cycle(p)
    p.add_argument("--inovasi", nargs="+", required=True, metavar="FILE",
                   help="berkas inovasi OPD (CSV/XLSX atau templat terisi; boleh beberapa atau "
                        "pola seperti opd/*.xlsx) / the OPDs' innovation files (CSV/XLSX or "
                        "filled-in templates; several, or a pattern such as opd/*.xlsx)")
    p.add_argument("--spd", nargs="+", metavar="FILE",
                   help="level indikator SPD (default: SPD siklus sebelumnya dari --hasil) / "
                        "SPD indicator levels (default: the previous cycle's SPD from --hasil)")
    p.add_argument("--opd-list", metavar="FILE",
                   help="daftar OPD yang wajib mengirim (.txt satu per baris, atau CSV/XLSX) / "
                        "OPDs expected to submit (.txt one per line, or CSV/XLSX)")
    p.add_argument("--target-per-opd", type=int, default=2, metavar="N",
                   help="inovasi dihitung yang diharapkan per OPD, aturan daerah (default: 2) / "
                        "counted innovations expected per OPD, a local rule (default: 2)")
    p.add_argument("--min-kematangan", type=float, default=70.0, metavar="SKOR",
                   help="minimum kematangan internal, bukan pedoman resmi (default: 70) / "
                        "house minimum kematangan, not the official rule (default: 70)")
    p.add_argument("--deadline", metavar="YYYY-MM-DD",
                   help="tenggat pengiriman, untuk sisa hari / submission deadline, for the "
                        "days left")
    p.add_argument("--hasil", nargs="+", metavar="FILE",
                   help="hasil siklus sebelumnya untuk proyeksi peringkat (tanpa ini: tidak ada "
                        "peringkat) / earlier results for the rank projection (without it: no "
                        "rank)")
    add_region(p, "pemda yang diperiksa (jika berkas memuat banyak) / the pemda to check "
                  "(when the files hold several)")
    add_seed(p, 0, "benih acak proyeksi peringkat / random seed of the rank projection")
    p.add_argument("--out", metavar="DIR", default="cek_kesiapan",
                   help="folder keluaran (default: cek_kesiapan) / output folder (default: "
                        "cek_kesiapan)")
    p.add_argument("--sheet", metavar="NAME",
                   help="sheet Excel berkas --inovasi (default: 'Inovasi' dari templat, atau "
                        "sheet pertama) / Excel sheet of the --inovasi files (default: the "
                        "template's 'Inovasi', else the first sheet)")
    add_lang(p)


def _deadline(text: str | None, lang: str) -> dt.date | None:
    from inovlab.errors import UsageError

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(message(_MESSAGES, "bad_deadline", lang, value=text)) from None


def _comparison(args, lang: str):
    """``(hasil, source kind)``: the user's earlier results; ``(None, "user")`` without them
    (then no rank is projected and the output says why; demo data never fill the gap)."""
    if args.hasil:
        from inovlab.analysis.readiness import load_submissions

        return load_submissions(args.hasil, "hasil", None, lang, "hasil"), "user"
    return None, "user"


def _load(paths, kind: str, cycle: int, lang: str, sheet: str):
    """Files of ``kind`` that may hold several cycles (each row checked against its own);
    files without ``tahun`` are read as ``cycle``."""
    from inovlab.analysis.readiness import load_submissions
    from inovlab.cli.files import read_all_cycles

    return read_all_cycles(lambda year: load_submissions(paths, kind, year, lang, sheet), cycle)


def _select(inovasi, spd, args, lang: str):
    """Keep the cycle's rows (and ``--region``'s); no row left is a data problem."""
    from pathlib import Path

    from inovlab.errors import DataError, Problem

    if args.region:
        from inovlab.io.regions import resolve_region

        kode, _ = resolve_region(args.region, lang=lang)
        inovasi = inovasi[inovasi["kode_wilayah"] == kode]
        if spd is not None:
            spd = spd[spd["kode_wilayah"] == kode]
    inovasi = inovasi[inovasi["tahun"] == args.cycle]
    if inovasi.empty:
        files = args.inovasi if isinstance(args.inovasi, list) else [args.inovasi]
        region = message(_MESSAGES, "and_region", lang, region=args.region) if args.region else ""
        raise DataError([Problem(", ".join(Path(p).name for p in files), None, None, None,
                                 message(_MESSAGES, "no_rows", lang, cycle=args.cycle,
                                         region=region), "NO_ROWS")], lang)
    return inovasi, spd


def _urusan_notes(inovasi, fw, result, lang: str) -> list[str]:
    """Warnings on urusan texts not recognised and on missing basic-service urusan (with the
    IID points they cost), also recorded in ``ringkasan.json`` under ``urusan``."""
    from inovlab.cli.urusan_notes import gap_lines, gap_table, unrecognised_lines
    from inovlab.rules.scoring import score_innovations

    gap = gap_table(score_innovations(inovasi, fw), fw)
    unknown, missing = unrecognised_lines(inovasi, fw, lang), gap_lines(gap, lang)
    result.summary["urusan"] = {
        "tidak_dikenali": unknown,
        "pelayanan_dasar": [
            {"kode_wilayah": r.kode_wilayah, "tercakup": int(r.urusan_dasar_tercakup),
             "minimum": int(r.urusan_minimum), "belum": r.urusan_dasar_belum,
             "poin_iid_hilang": round(float(r.poin_iid_hilang), 4)}
            for r in gap.itertuples()]}
    return unknown + missing


def handle(args) -> int:
    """Read, check, write the outputs and print a one-line summary."""
    from inovlab.analysis.readiness import read_opd_list, run_check
    from inovlab.cli.output import check_out_folder, output_folder
    from inovlab.rules.framework import load_framework

    lang = args.lang
    check_out_folder(args.out, OUTPUT_FILES, lang)
    fw = load_framework(args.cycle)
    deadline = _deadline(args.deadline, lang)
    inovasi = _load(args.inovasi, "inovasi", args.cycle, lang,
                    getattr(args, "sheet", None) or "Inovasi")
    spd = _load(args.spd, "spd", args.cycle, lang, "SPD") if args.spd else None
    if spd is not None:
        spd = spd[spd["tahun"] == args.cycle]
    opd_list = read_opd_list(args.opd_list) if args.opd_list else None
    hasil, source = _comparison(args, lang)
    inovasi, spd = _select(inovasi, spd, args, lang)
    result = run_check(inovasi, fw, spd, opd_list, args.target_per_opd, args.min_kematangan,
                       deadline, hasil, source, seed=args.seed, lang=lang)
    notes = _urusan_notes(inovasi, fw, result, lang)
    with output_folder(args.out, OUTPUT_FILES, lang) as folder:
        result.write(folder)
    for line in notes:
        print(line)
    s = result.summary
    print(message(_MESSAGES, "done", lang, n=s["jumlah_inovasi"], counted=s["jumlah_dihitung"],
                  bad=s["jumlah_bermasalah"], opd=s["opd_kurang"], out=args.out))
    return 0
