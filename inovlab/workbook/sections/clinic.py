"""Notebook 06 (ringkasan klinik): the one-page summary for a coaching clinic."""

from __future__ import annotations

from inovlab.i18n import format_number, message
from inovlab.workbook.section import Section
from inovlab.workbook.sections.common import own_score_of
from inovlab.workbook.situation import situation_of

_MESSAGES = {
    "weak_peers": {"id": "Tiga indikator yang paling tertinggal dari median pembanding "
                         "(poin IID bila menyamai median).",
                   "en": "The three indicators furthest behind the peer median (IID points if "
                         "the median were matched)."},
    "weak_own": {"id": "Tiga indikator dengan poin IID terbanyak yang masih hilang dibanding "
                       "nilai maksimumnya (dari berkas daerah ini sendiri).",
                 "en": "The three indicators losing the most IID points against their maximum "
                       "(from this region's own files)."},
    "weak": {"id": "Kelemahan {i} (poin IID)", "en": "Weakness {i} (IID points)"},
    "title": {"id": "Tiga kelemahan terbesar", "en": "The three largest weaknesses"},
    "x_peers": {"id": "Selisih terhadap median pembanding (poin IID)",
                "en": "Gap to the peer median (IID points)"},
    "x_own": {"id": "Poin IID yang masih hilang", "en": "IID points still lost"},
    "y": {"id": "Indikator", "en": "Indicator"},
}


def _m(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


def weaknesses(inputs, peers=(), n_peers: int = 10) -> Section:
    """Three largest weaknesses: against peers with indicator data, else against the maximum."""
    from inovlab.workbook.sections.peers import indicators

    lang, sit = inputs.lang, situation_of(inputs)
    if not sit.own:
        return Section.missing("klinik_kelemahan", sit.why_not("own"))
    if sit.cross:
        section = indicators(inputs, peers, n_peers)
        _close(section.figure)  # the 15-indicator chart belongs to notebook 02, not here
        compared = section.table
        rows = compared[(compared["tingkat"] == "indikator") & (compared["selisih_iid"] < 0)]
        top = rows.nsmallest(3, "selisih_iid")
        table = top[["indikator", "nama", "nilai_daerah", "median_pembanding", "selisih_iid"]] \
            .rename(columns={"nama": "nama_indikator"})
        values = list(zip(top["nama"], top["selisih_iid"], strict=True))
        note = _m("weak_peers", lang)
        fig = _figure(top["nama"], top["selisih_iid"], "x_peers", inputs.source_of("spd", "inovasi"), lang)
    else:
        own = own_score_of(inputs)
        top = own.indicators.nlargest(3, "poin_hilang")
        table = top[["indikator", "nama_indikator", "level_saat_ini", "poin_hilang",
                     "poin_satu_langkah"]]
        values = list(zip(top["nama_indikator"], -top["poin_hilang"], strict=True))
        note = "\n".join([sit.why_not("cross"), _m("weak_own", lang)])
        fig = _figure(top["nama_indikator"], top["poin_hilang"], "x_own", inputs.source_of("inovasi"), lang)
    numbers = {f"prioritas_kelemahan_{i}": (f"{name}: {format_number(v, 2, lang)}",
                                            _m("weak", lang, i=i))
               for i, (name, v) in enumerate(values, start=1)}
    return Section("klinik_kelemahan", note, table.reset_index(drop=True), fig, numbers=numbers,
                   lang=lang)


def _close(fig) -> None:
    if fig is not None:
        import matplotlib.pyplot as plt

        plt.close(fig)


def _figure(names, values, xlabel: str, source: str, lang: str):
    """One bar per weakness (all of them, up to three), the largest on top."""
    import textwrap

    from inovlab.report.bars import barh_figure

    labels = ["\n".join(textwrap.wrap(str(n), 40)[:2]) for n in names]
    return barh_figure(labels, list(values), title=_m("title", lang), xlabel=_m(xlabel, lang),
                       ylabel=_m("y", lang), source=source, lang=lang, color="#b2182b",
                       figsize=(8, 3.2), zero_line=True)
