"""``inovlab score``: score a pemda's innovations (and SPD) for one cycle.

Writes ``skor_daerah.csv`` and ``skor_inovasi.csv`` (data contract) into ``--out`` (both
files put in place together; a folder holding other files is refused) or, by default, a new
run folder ``runs/skor/<cycle>/<timestamp>``; prints a short summary with
the break-even score beside the rule of thumb of 70 and the rules that are assumed, and
warns about urusan it does not recognise and basic-service urusan a pemda misses (with the
IID points they cost; also in ``skor_daerah.csv``: ``urusan_dasar_belum``,
``poin_iid_hilang_urusan``).
"""

from __future__ import annotations

from pathlib import Path

from inovlab.cli.options import add_cycle, add_lang
from inovlab.errors import DataError, Problem
from inovlab.i18n import confidence_label, format_number, message

SUMMARY = "hitung skor IID / score innovations and regions"

REGION_COLUMNS = ["tahun", "kode_wilayah", "nama_daerah", "skor_spd", "n_inovasi_dihitung",
                  "rata_kematangan", "skor_jumlah_inovasi", "skor_total", "skor_iid",
                  "predikat", "n_inovasi", "kematangan_per_inovasi", "skor_sid",
                  "urusan_dasar_tercakup", "syarat_urusan_terpenuhi", "urusan_dasar_belum",
                  "poin_iid_hilang_urusan", "skor_impas",
                  "keyakinan_aturan", "aturan_asumsi"]
OUTPUT_FILES = ("skor_daerah.csv", "skor_inovasi.csv")
"""What ``--out`` receives; an earlier set there is replaced as a whole."""
INNOVATION_IDS = ["tahun", "kode_wilayah", "nama_daerah", "id_inovasi", "nama_inovasi", "opd",
                  "tahapan", "urusan", "berkas", "baris"]

MESSAGES = {
    "wrong_year": {"id": "tahun {value} berbeda dengan siklus yang diminta (--cycle {cycle})",
                   "en": "year {value} differs from the requested cycle (--cycle {cycle})"},
    "header": {"id": "Skor IID siklus {cycle} — {n} pemda, {m} inovasi ({k} dihitung)",
               "en": "IID scores, cycle {cycle} — {n} regions, {m} innovations ({k} counted)"},
    "no_spd": {"id": "Tanpa berkas SPD: skor SPD, total, IID dan predikat tidak dihitung "
                     "(bukan nol). Skor SID tetap dihitung.",
               "en": "No SPD file: SPD, total, IID and predicate are missing (not zero). "
                     "The SID score is still computed."},
    "line": {"id": "{nama}: IID {iid} ({predikat}); SID {sid}; n dihitung {n}; skor impas "
                   "inovasi berikutnya {impas} (aturan praktis 70)",
             "en": "{nama}: IID {iid} ({predikat}); SID {sid}; counted n {n}; break-even of "
                   "the next innovation {impas} (rule of thumb 70)"},
    "assumed": {"id": "Aturan yang diasumsikan pada siklus ini ({label}): {rules}",
                "en": "Rules assumed in this cycle ({label}): {rules}"},
    "written": {"id": "Ditulis ke {path}", "en": "Written to {path}"},
}


def add_arguments(p) -> None:
    add_cycle(p)
    p.add_argument("--inovasi", nargs="+", required=True, metavar="FILE",
                   help="berkas inovasi (CSV/XLSX; boleh beberapa, mis. satu per OPD, atau "
                        "pola seperti data/*.csv) / innovation files (several allowed, or a "
                        "pattern such as data/*.csv)")
    p.add_argument("--spd", nargs="+", metavar="FILE",
                   help="berkas level indikator SPD; tanpa ini skor SPD, total, IID dan "
                        "predikat kosong / SPD indicator levels; without it SPD, total, IID "
                        "and predicate stay empty")
    p.add_argument("--sheet", metavar="NAME",
                   help="sheet Excel yang dibaca (default: sheet pertama) / Excel sheet to "
                        "read (default: the first sheet)")
    p.add_argument("--out", metavar="DIR",
                   help="folder keluaran (default: folder run baru runs/skor/<siklus>/<waktu>) "
                        "/ output folder (default: a new run folder runs/skor/<cycle>/<time>)")
    add_lang(p)


def _check_year(inovasi, cycle: int, lang: str) -> None:
    wrong = inovasi[inovasi["tahun"] != cycle]
    if wrong.empty:
        return
    problems = [Problem(str(r.get("berkas", "")), _int_or_none(r.get("baris")), "tahun",
                        str(r["tahun"]), message(MESSAGES, "wrong_year", lang,
                                                 value=r["tahun"], cycle=cycle), "TAHUN_SIKLUS")
                for _, r in wrong.iterrows()]
    raise DataError(problems, lang)


def _int_or_none(value):
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


def _write(regions, innovations, cycle: int, out: str | None, lang: str) -> Path:
    """Write both tables into ``out`` (replaced as a whole) or a new run folder; returns
    the folder."""
    from inovlab.cli.output import output_folder, writing
    from inovlab.io.export import final_path, run_folder, write_csv

    region_cols = [c for c in REGION_COLUMNS if c in regions.columns]
    inn_cols = [c for c in INNOVATION_IDS if c in innovations.columns] + [
        "skor_kematangan", "dihitung", "alasan"]

    def write(folder: Path) -> None:
        write_csv(regions[region_cols], folder / "skor_daerah.csv")
        write_csv(innovations[inn_cols], folder / "skor_inovasi.csv")

    if out:
        with output_folder(out, OUTPUT_FILES, lang) as folder:
            write(folder)
        return Path(out)
    with writing(Path("runs"), lang), run_folder(Path("runs"), "skor", str(cycle)) as folder:
        write(folder)
    return final_path(folder)


def _report(regions, innovations, fw, has_spd: bool, folder: Path, lang: str) -> None:
    print(message(MESSAGES, "header", lang, cycle=fw.cycle, n=len(regions),
                  m=len(innovations), k=int(innovations["dihitung"].sum())))
    if not has_spd:
        print(message(MESSAGES, "no_spd", lang))
    for r in regions.itertuples(index=False):
        print(message(MESSAGES, "line", lang, nama=getattr(r, "nama_daerah", r.kode_wilayah),
                      iid=format_number(r.skor_iid, 2, lang), predikat=r.predikat or "–",
                      sid=format_number(r.skor_sid, 2, lang), n=r.n_inovasi_dihitung,
                      impas=format_number(max(r.skor_impas, 0.0), 1, lang)))
    assumed = fw.assumptions()
    if not assumed.empty:
        print(message(MESSAGES, "assumed", lang, label=confidence_label("inferred", lang),
                      rules=", ".join(assumed["item"])))
    print(message(MESSAGES, "written", lang, path=folder))


def handle(args) -> int:
    """Score, write ``skor_daerah.csv`` and ``skor_inovasi.csv``, print the summary."""
    from inovlab.cli.files import load_cycle_table
    from inovlab.cli.output import check_out_folder
    from inovlab.cli.urusan_notes import gap_lines, gap_table, unrecognised_lines
    from inovlab.rules.framework import load_framework
    from inovlab.rules.scoring import score

    lang = args.lang
    if args.out:
        check_out_folder(args.out, OUTPUT_FILES, lang)
    fw = load_framework(args.cycle)
    sheet = getattr(args, "sheet", None)
    inovasi = load_cycle_table(args.inovasi, "inovasi", args.cycle, lang, sheet=sheet)
    _check_year(inovasi, args.cycle, lang)
    spd = load_cycle_table(args.spd, "spd", args.cycle, lang, sheet=sheet) if args.spd else None
    regions, innovations = score(inovasi, spd, fw)
    gap = gap_table(innovations, fw)
    regions = regions.merge(gap[["tahun", "kode_wilayah", "urusan_dasar_belum", "poin_iid_hilang"]]
                            .rename(columns={"poin_iid_hilang": "poin_iid_hilang_urusan"}),
                            on=["tahun", "kode_wilayah"], how="left")
    folder = _write(regions, innovations, args.cycle, args.out, lang)
    for line in unrecognised_lines(inovasi, fw, lang) + gap_lines(gap, lang):
        print(line)
    _report(regions, innovations, fw, spd is not None, folder, lang)
    return 0
