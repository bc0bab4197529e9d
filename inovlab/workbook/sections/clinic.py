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
        compared = indicators(inputs, peers, n_peers).table
        rows = compared[(compared["tingkat"] == "indikator") & (compared["selisih_iid"] < 0)]
        top = rows.nsmallest(3, "selisih_iid")
        table = top[["indikator", "nama", "nilai_daerah", "median_pembanding", "selisih_iid"]]
        values = list(zip(top["nama"], top["selisih_iid"], strict=True))
        note = _m("weak_peers", lang)
    else:
        own = own_score_of(inputs)
        top = own.indicators.nlargest(3, "poin_hilang")
        table = top[["indikator", "nama_indikator", "level_saat_ini", "poin_hilang",
                     "poin_satu_langkah"]]
        values = list(zip(top["nama_indikator"], -top["poin_hilang"], strict=True))
        note = "\n".join([sit.why_not("cross"), _m("weak_own", lang)])
    numbers = {f"prioritas_kelemahan_{i}": (f"{name}: {format_number(v, 2, lang)}",
                                            _m("weak", lang, i=i))
               for i, (name, v) in enumerate(values, start=1)}
    return Section("klinik_kelemahan", note, table.reset_index(drop=True), numbers=numbers)
