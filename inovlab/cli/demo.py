"""``inovlab demo [--out DIR] [--seed N]``: write the synthetic national demo panel."""

from __future__ import annotations

from inovlab.cli.options import add_lang, add_seed

SUMMARY = "tulis panel data demo / write the demo panel"

_SUMMARY = {
    "id": ("Panel {label} ditulis ke {out}: {n_cycles} siklus ({first}-{last}), {n_regions} pemda, "
           "{n_inn} inovasi (seed {seed}). Berkas: hasil.csv, spd.csv, inovasi.csv, "
           "metadata.json. Bukan data resmi."),
    "en": ("Panel of {label} written to {out}: {n_cycles} cycles ({first}-{last}), {n_regions} "
           "pemda, {n_inn} innovations (seed {seed}). Files: hasil.csv, spd.csv, inovasi.csv, "
           "metadata.json. Not official data."),
}


def add_arguments(p) -> None:
    p.add_argument("--out", metavar="DIR", default="demo_panel",
                   help="folder tujuan; ditimpa hanya bila berisi panel demo (default: "
                        "demo_panel) / target folder; replaced only when it holds a demo "
                        "panel (default: demo_panel)")
    add_seed(p, 2026, "benih acak panel sintetis / random seed of the synthetic panel")
    add_lang(p)


def handle(args) -> int:
    """Write ``hasil.csv``, ``spd.csv``, ``inovasi.csv``, ``metadata.json``; print a summary."""
    from inovlab.i18n import format_number, source_label
    from inovlab.sources.demo import CYCLES, SOURCE_KIND, load_demo, write_panel

    lang = args.lang
    panel = load_demo(args.seed)
    out = write_panel(panel, args.out)
    print(_SUMMARY[lang].format(
        label=source_label(SOURCE_KIND, lang), out=out, n_cycles=len(CYCLES), first=CYCLES[0],
        last=CYCLES[-1], n_regions=panel.hasil["kode_wilayah"].nunique(),
        n_inn=format_number(len(panel.inovasi), 0, lang), seed=args.seed))
    return 0
