"""``inovlab score``: score a pemda's innovations (and SPD) for one cycle.

Writes ``skor_daerah.csv`` and ``skor_inovasi.csv`` (data contract) into ``--out`` or, by
default, a new run folder ``runs/skor/<cycle>/<timestamp>``; prints a short summary with
the break-even score beside the rule of thumb of 70 and the rules that are assumed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from inovlab.errors import DataError, Problem
from inovlab.i18n import confidence_label, format_number, message
from inovlab.rules.framework import load_framework
from inovlab.rules.scoring import score

REGION_COLUMNS = ["tahun", "kode_wilayah", "nama_daerah", "skor_spd", "n_inovasi_dihitung",
                  "rata_kematangan", "skor_jumlah_inovasi", "skor_total", "skor_iid",
                  "predikat", "n_inovasi", "kematangan_per_inovasi", "skor_sid",
                  "urusan_dasar_tercakup", "syarat_urusan_terpenuhi", "skor_impas",
                  "keyakinan_aturan", "aturan_asumsi"]
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


def _check_year(inovasi: pd.DataFrame, cycle: int, lang: str) -> None:
    wrong = inovasi[inovasi["tahun"] != cycle]
    if wrong.empty:
        return
    problems = [Problem(str(r.get("berkas", "")), _int_or_none(r.get("baris")), "tahun",
                        str(r["tahun"]), message(MESSAGES, "wrong_year", lang,
                                                 value=r["tahun"], cycle=cycle), "TAHUN_SIKLUS")
                for _, r in wrong.iterrows()]
    raise DataError(problems, lang)


def _int_or_none(value):
    return None if value is None or pd.isna(value) else int(value)


def cli_score(args) -> int:
    from inovlab.io.export import final_path, run_folder, write_csv
    from inovlab.io.validation import load_table

    lang = args.lang
    fw = load_framework(args.cycle)
    inovasi = load_table(args.inovasi, "inovasi", cycle=args.cycle, lang=lang)
    _check_year(inovasi, args.cycle, lang)
    spd = load_table([args.spd], "spd", cycle=args.cycle, lang=lang) if args.spd else None
    regions, innovations = score(inovasi, spd, fw)

    region_cols = [c for c in REGION_COLUMNS if c in regions.columns]
    inn_cols = [c for c in INNOVATION_IDS if c in innovations.columns] + [
        "skor_kematangan", "dihitung", "alasan"]

    def write(folder: Path) -> None:
        write_csv(regions[region_cols], folder / "skor_daerah.csv")
        write_csv(innovations[inn_cols], folder / "skor_inovasi.csv")

    if args.out:
        folder = Path(args.out)
        folder.mkdir(parents=True, exist_ok=True)
        write(folder)
    else:
        with run_folder(Path("runs"), "skor", str(args.cycle)) as folder:
            write(folder)
        folder = final_path(folder)

    print(message(MESSAGES, "header", lang, cycle=args.cycle, n=len(regions),
                  m=len(innovations), k=int(innovations["dihitung"].sum())))
    if spd is None:
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
    return 0

