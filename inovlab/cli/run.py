"""``inovlab run``: execute the cycle's notebooks for one or more regions (one warm kernel each).

Exit 0 when every notebook succeeded, 1 when one failed (the others still run; each
failure names its notebook, error and cell), 2 on a usage problem.

Every user file (``--data``, ``--config``, ``-p *_path=``) is read and checked before any
kernel starts: a broken file exits 1 with every problem of every file, listed once by the
top-level guard (``cli.main``), and nothing is written under ``--out``.

On a terminal, one progress line per notebook (per region in a batch) goes to stderr;
redirected or in CI nothing but the outcome is printed. A region name that can mean two
pemda (``Bengkulu``: the province or the kota) says which one was chosen and how to ask for
the other.
"""

from __future__ import annotations

import sys

from inovlab.cli.options import add_cycle, add_lang
from inovlab.i18n import message

SUMMARY = "jalankan semua notebook siklus / run the cycle's notebooks"

_MESSAGES = {
    "done": {"id": "Selesai: {n} notebook berhasil. Laporan: {path}",
             "en": "Done: {n} notebook(s) succeeded. Reports: {path}"},
    "batch": {"id": "{ok} dari {n} daerah selesai tanpa kesalahan. Indeks: {path}",
              "en": "{ok} of {n} regions finished without errors. Index: {path}"},
}


EPILOG = ("Hasil / output: <out>/<siklus>/<pemda>/<waktu>/ (index.html, laporan HTML, "
          "figures/, tables/, deck_klinik.pptx). Kode keluar / exit codes: 0 berhasil / ok, "
          "1 notebook atau data GAGAL / a notebook or the data failed, 2 pilihan salah / "
          "wrong option.")


def add_arguments(p) -> None:
    p.epilog = EPILOG
    add_cycle(p, required=False, extra=" (default: siklus terbaru / the latest cycle)")
    p.add_argument("--region", nargs="+", metavar="NAME",
                   help="satu atau beberapa pemda (ejaan sehari-hari diterima; 'Bengkulu' "
                        "berarti provinsi, tulis 'Kota Bengkulu' untuk kotanya) / one or more "
                        "pemda (everyday spellings accepted; 'Bengkulu' is the province, write "
                        "'Kota Bengkulu' for the kota)")
    p.add_argument("--cluster", choices=["provinsi", "kabupaten", "kota"],
                   help="jalankan untuk setiap pemda dalam klaster ini / run for every pemda "
                        "of this cluster")
    p.add_argument("--notebooks", metavar="LIST",
                   help="nomor notebook yang dijalankan, mis. 01,03 (default: semua) / "
                        "notebook numbers to run, e.g. 01,03 (default: all)")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="isi parameter notebook; boleh berulang; daftarnya: inovlab params "
                        "NOTEBOOK / set a notebook parameter; may be repeated; list them with "
                        "inovlab params NOTEBOOK")
    p.add_argument("--config", metavar="FILE.yaml",
                   help="berkas YAML berisi parameter dan pilihan run / YAML file with "
                        "parameters and run options")
    p.add_argument("--data", metavar="DIR",
                   help="folder berkas Anda: setiap .csv/.xlsx yang namanya diawali hasil, spd "
                        "atau inovasi (mis. inovasi_dinas_kesehatan.xlsx) / folder of your "
                        "files: every .csv/.xlsx whose name starts with hasil, spd or inovasi "
                        "(e.g. inovasi_dinas_kesehatan.xlsx)")
    # no default here: an ``out:`` key of --config applies unless --out is given
    p.add_argument("--out", metavar="DIR",
                   help="folder induk hasil run (default: out di --config, atau runs) / "
                        "parent folder of the run folders (default: out in --config, or runs)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="jumlah proses paralel untuk banyak pemda (default: otomatis) / "
                        "parallel processes for many pemda (default: automatic)")
    p.add_argument("--no-deck", action="store_true",
                   help="jangan buat deck PowerPoint / do not build the PowerPoint deck")
    add_lang(p)


def _progress_printer():
    """Print progress lines to a terminal; nothing when stderr is a file or pipe (tests, CI)."""
    if not sys.stderr.isatty():
        return None
    return lambda line: print(line, file=sys.stderr, flush=True)


def handle(args) -> int:
    """Plan (all checks before any kernel starts), execute, index, report.

    ``plan_runs`` raises ``UsageError``/``DataError`` before any folder exists; ``cli.main``
    prints them (every problem, once) with exit 2/1.
    """
    from inovlab.workbook.runner import failure_summary, plan_runs, run_batch, write_batch_index

    plans = plan_runs(args)
    lang = plans[0].lang if plans else args.lang
    for note in plans[0].notes if plans else []:
        print(note, file=sys.stderr)
    manifests = run_batch(plans, args.workers, progress=_progress_printer())
    if len(manifests) > 1:
        index = write_batch_index(plans[0].out, plans[0].cycle, manifests, lang)
        ok = sum(m["status"] == "ok" for m in manifests)
        print(message(_MESSAGES, "batch", lang, ok=ok, n=len(manifests), path=index))
    elif manifests and manifests[0]["status"] == "ok":
        m = manifests[0]
        print(message(_MESSAGES, "done", lang, n=len(m["notebooks"]), path=m["folder"]))
    failures = failure_summary(manifests, lang)
    if failures:
        print(failures, file=sys.stderr)
        return 1
    return 0
