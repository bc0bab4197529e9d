"""``inovlab rules --cycle YEAR``: print a cycle's rules and what is assumed."""

from __future__ import annotations

from inovlab.cli.options import add_cycle, add_lang

SUMMARY = "aturan satu siklus / a cycle's rules"

_TEXT = {
    "title": {"id": "Aturan IID siklus {cycle}", "en": "IID rules, cycle {cycle}"},
    "assumed": {"id": "Diasumsikan (belum terkonfirmasi) — hasil yang bergantung padanya "
                      "diberi label:",
                "en": "Assumed (not confirmed) — results that depend on these are labelled:"},
    "none": {"id": "Tidak ada aturan yang diasumsikan.", "en": "No rule is assumed."},
    "indicators": {"id": "Indikator", "en": "Indicators"},
}


def add_arguments(p) -> None:
    add_cycle(p)
    p.add_argument("--indicators", action="store_true",
                   help="tampilkan juga daftar indikator dan bobotnya / also list the "
                        "indicators and their weights")
    add_lang(p)


def handle(args) -> int:
    """Print the cycle's rules, what is assumed, and (``--indicators``) the indicators."""
    from inovlab.i18n import confidence_label
    from inovlab.rules.framework import load_framework

    lang = args.lang
    fw = load_framework(args.cycle)
    print(_TEXT["title"][lang].format(cycle=fw.cycle))
    print("=" * 60)
    table = fw.describe(lang)
    name_col, value_col, conf_col = table.columns[:3]
    width = int(table[name_col].str.len().max())
    for row in table.itertuples(index=False):
        print(f"{row[0]:<{width}}  {row[1]:<12} [{row[2]}]")
    assumed = fw.assumptions()
    print()
    if assumed.empty:
        print(_TEXT["none"][lang])
    else:
        print(_TEXT["assumed"][lang])
        for row in assumed.itertuples(index=False):
            note = f" — {row.note}" if row.note else ""
            print(f"  - {row.item} = {row.value} ({confidence_label(row.confidence, lang)}){note}")
    if args.indicators:
        print()
        print(_TEXT["indicators"][lang])
        name = "name_id" if lang == "id" else "name_en"
        for row in fw.indicators.itertuples(index=False):
            star = "*" if row.mandatory else " "
            print(f"  {row.unit.upper()} {row.code:>4}{star} w={row.weight:<5g} "
                  f"{getattr(row, name)}")
    return 0
