"""Notebook 02 (pembanding): the position among the pemda of the field, and strengths and
weaknesses per indicator against peers (with their indicator data) or the maximum."""

from __future__ import annotations

import numpy as np
import pandas as pd

from inovlab.i18n import message
from inovlab.workbook.section import Section
from inovlab.workbook.sections.common import current_score
from inovlab.workbook.situation import situation_of

_MESSAGES = {
    "position": {"id": "Posisi di antara {n} pemda pembanding dari {label}; baris daerah ini "
                       "memakai skor {how}.",
                 "en": "Position among {n} comparison pemda from {label}; this region's row uses "
                       "the score {how}."},
    "how_own": {"id": "proyeksi siklus {cycle} dari berkas inovasi, {src}",
                "en": "projected for cycle {cycle} from the innovation files, {src}"},
    "how_field": {"id": "siklus {cycle} di daftar hasil", "en": "of cycle {cycle} in the results list"},
    "self": {"id": "daerah ini", "en": "this region"},
    "n_order": {"id": "Urutan di antara pembanding dari {label}",
                "en": "Order among the peers from {label}"},
    "versus_max": {"id": "Yang dapat dibandingkan tanpa data pembanding: poin setiap indikator "
                         "daerah ini terhadap nilai maksimumnya.",
                   "en": "What can be compared without peers' data: each indicator's points "
                         "against its maximum."},
    "peers_note": {"id": "Dibanding median {n} pemda pembanding dengan data indikator ({src}). "
                         "Selisih IID = poin daerah ini dikurangi poin median pembanding: "
                         "negatif berarti kelemahan (daerah ini akan naik sebanyak angka itu, "
                         "tanpa tanda minus, bila menyamai median), positif berarti kekuatan.",
                   "en": "Against the median of {n} comparison pemda with indicator data "
                         "({src}). IID difference = this region's points minus the peer "
                         "median's: negative means a weakness (matching the median would add "
                         "that many points, without the minus sign), positive a strength."},
}


def _m(key: str, lang: str, **values) -> str:
    return message(_MESSAGES, key, lang, **values)


def peer_codes(inputs, peers=(), n_peers: int = 10) -> list[str]:
    """The comparison pemda: ``peers`` if named, else the field's members most similar in
    population and area (the whole field when it is small)."""
    from inovlab.analysis import peers as peer_analysis

    if peers:
        return peer_analysis.custom(peers)["kode_wilayah"].tolist()
    field = situation_of(inputs).field
    members = [] if field is None else [c for c in field.codes if c != inputs.region_code]
    if field is not None and len(members) <= n_peers:
        return members
    similar = peer_analysis.most_similar(inputs.region_code, k=n_peers)["kode_wilayah"].tolist()
    if field is None:
        return similar
    inside = [c for c in similar if c in set(members)]
    return inside if len(inside) >= 3 else members[:n_peers]


def position(inputs, peers=(), n_peers: int = 10) -> Section:
    """The comparison pemda sorted by score, this region's row included."""
    from inovlab.i18n import source_label

    lang, sit = inputs.lang, situation_of(inputs)
    field = sit.field
    if field is None or not field.has_scores:
        return Section.missing("pembanding_posisi", sit.field_note)
    codes = peer_codes(inputs, peers, n_peers)
    keep = np.isin(np.asarray(field.codes, dtype=object), codes)
    table = pd.DataFrame({"nama_daerah": np.asarray(field.names, dtype=object)[keep],
                          "skor_iid": np.asarray(field.scores)[keep],
                          "predikat": np.asarray(field.predikat, dtype=object)[keep]})
    own = current_score(inputs)
    how = _m("how_own", lang, cycle=inputs.cycle,
             src=source_label(inputs.source_of("inovasi"), lang)) if own is not None else \
        _m("how_field", lang, cycle=field.cycle)
    if own is None:
        own_rows = [s for c, s in zip(field.codes, field.scores, strict=True)
                    if c == inputs.region_code]
        own = own_rows[0] if own_rows else None
    if own is None:
        return Section.missing("pembanding_posisi", "\n".join([sit.field_note,
                                                                sit.why_not("own")]))
    pred = str(np.asarray(inputs.framework.predicate(pd.Series([own])))[0])
    mine = pd.DataFrame({"nama_daerah": [f"{inputs.region_name} ({_m('self', lang)})"],
                         "skor_iid": [own], "predikat": [pred]})
    table = pd.concat([table, mine], ignore_index=True).sort_values(
        "skor_iid", ascending=False, ignore_index=True)
    table.insert(0, "peringkat_pembanding", np.arange(1, len(table) + 1))
    rank = int(table.index[table["nama_daerah"].str.endswith(f"({_m('self', lang)})")][0]) + 1
    note = "\n".join([_m("position", lang, n=len(table) - 1, label=field.label, how=how),
                      sit.field_note])
    return Section("pembanding_posisi", note, table,
                   numbers={"pembanding_peringkat": (rank, _m("n_order", lang, label=field.label))},
                   lang=lang)


def indicators(inputs, peers=(), n_peers: int = 10) -> Section:
    """Strengths and weaknesses against the peers' median; against the maximum without them."""
    from inovlab.analysis import peers as peer_analysis
    from inovlab.i18n import source_label
    from inovlab.report import plots
    from inovlab.workbook.sections.drivers import own_indicators

    lang, sit = inputs.lang, situation_of(inputs)
    if not sit.own:
        lacking = [sit.why_not("own")] if sit.cross else [sit.why_not("cross"), sit.why_not("own")]
        return Section.missing("pembanding_indikator", "\n".join(lacking))
    if not sit.cross:
        fallback = own_indicators(inputs)  # keeps its own name: it is not a peer comparison
        fallback.note = "\n".join([sit.why_not("cross"), _m("versus_max", lang), fallback.note])
        return fallback
    with_data = set(inputs.of_cycle("spd")["kode_wilayah"]) & set(inputs.of_cycle("inovasi")["kode_wilayah"])
    codes = [c for c in peer_codes(inputs, peers, n_peers) if c in with_data]
    if not codes:
        codes = peer_analysis.most_similar(inputs.region_code, k=n_peers)["kode_wilayah"].tolist()
        codes = [c for c in codes if c in with_data]
    grup = peer_analysis.custom(codes)
    group = [inputs.region_code, *codes]
    level = peer_analysis.indicator_levels(inputs.of_regions("spd", group),
                                           inputs.of_regions("inovasi", group), inputs.framework)
    table = peer_analysis.compare_to_peers(level, inputs.region_code, grup, inputs.framework,
                                           lang=lang)
    src = inputs.source_of("spd", "inovasi")
    fig = plots.plot_peer_comparison(table, lang=lang, tingkat="indikator", top=15, source=src)
    return Section("pembanding_indikator",
                   _m("peers_note", lang, n=len(codes), src=source_label(src, lang)), table, fig,
                   lang=lang)
