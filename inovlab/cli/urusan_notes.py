"""What ``score`` and ``check`` say about urusan: texts not recognised, and the basic-service
urusan a pemda misses with the IID points they cost (:mod:`inovlab.rules.urusan`)."""

from __future__ import annotations

import pandas as pd

from inovlab.i18n import format_number, message

_MESSAGES = {
    "unknown": {"id": "Peringatan: urusan '{text}' ({n} baris{where}) tidak dikenali dan tidak "
                      "dihitung untuk syarat urusan pelayanan dasar. Urusan resmi yang paling "
                      "mirip: '{closest}'.",
                "en": "Warning: urusan '{text}' ({n} row(s){where}) is not recognised and does "
                      "not count towards the basic-service urusan rule. Closest official "
                      "urusan: '{closest}'."},
    "ambiguous": {"id": "Peringatan: urusan '{text}' ({n} baris{where}) cocok dengan beberapa "
                        "urusan ({closest}) sehingga tidak dihitung; tulis salah satunya.",
                  "en": "Warning: urusan '{text}' ({n} row(s){where}) matches several urusan "
                        "({closest}), so it is not counted; write one of them."},
    "where": {"id": ", mis. {at}", "en": ", e.g. {at}"},
    "gap_cost": {"id": "{nama}: urusan pelayanan dasar tercakup {cov} dari minimal {min}; belum "
                       "ada: {missing}. Syarat urusan tidak terpenuhi, skor jumlah inovasi 0: "
                       "IID berkurang {points} poin.",
                 "en": "{nama}: {cov} basic-service urusan covered, at least {min} needed; "
                       "missing: {missing}. The urusan rule is not met, so the number-of-"
                       "innovations score is 0: the IID loses {points} points."},
    "gap_free": {"id": "{nama}: urusan pelayanan dasar yang belum ada: {missing} (syarat minimal "
                       "{min} sudah terpenuhi; tidak mengurangi IID, 0 poin).",
                 "en": "{nama}: basic-service urusan missing: {missing} (the minimum of {min} "
                       "is met; no IID lost, 0 points)."},
}


def unrecognised_lines(inovasi: pd.DataFrame, fw, lang: str = "id") -> list[str]:
    """One warning per urusan text that is not recognised, naming the closest official one.

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> df = pd.DataFrame({"urusan": ["Ketertiban Lingkungan", "Kesehatan"]})
    >>> unrecognised_lines(df, load_framework(2026), "en")[0][:44]
    "Warning: urusan 'Ketertiban Lingkungan' (1 r"
    """
    from inovlab.rules.urusan import unrecognised_urusan

    lines = []
    for row in unrecognised_urusan(inovasi, fw).itertuples():
        where = message(_MESSAGES, "where", lang, at=row.contoh) if row.contoh else ""
        lines.append(message(_MESSAGES, "ambiguous" if row.ambigu else "unknown", lang,
                             text=row.urusan, n=row.n_baris, where=where,
                             closest=row.terdekat))
    return lines


def gap_table(innovations: pd.DataFrame, fw) -> pd.DataFrame:
    """:func:`inovlab.rules.urusan.basic_urusan_gap` with ``nama_daerah`` when known."""
    from inovlab.rules.urusan import basic_urusan_gap

    gap = basic_urusan_gap(innovations, fw)
    if "nama_daerah" in innovations:
        names = innovations.drop_duplicates("kode_wilayah").set_index("kode_wilayah")[
            "nama_daerah"]
        gap["nama_daerah"] = gap["kode_wilayah"].map(names)
    return gap


def gap_lines(gap: pd.DataFrame, lang: str = "id") -> list[str]:
    """One sentence per pemda missing a basic-service urusan, with the IID points it costs.

    Examples
    --------
    >>> gap = pd.DataFrame({"kode_wilayah": ["19.71"], "urusan_dasar_tercakup": [4],
    ...     "urusan_minimum": [5], "urusan_dasar_belum": ["sosial; kesehatan"],
    ...     "poin_iid_hilang": [5.7]})
    >>> gap_lines(gap, "en")[0].endswith("the IID loses 5.70 points.")
    True
    """
    lines = []
    for row in gap.itertuples():
        if not row.urusan_dasar_belum:
            continue
        nama = getattr(row, "nama_daerah", None) or row.kode_wilayah
        key = "gap_cost" if row.poin_iid_hilang > 0 else "gap_free"
        lines.append(message(_MESSAGES, key, lang, nama=nama, cov=row.urusan_dasar_tercakup,
                             min=row.urusan_minimum, missing=row.urusan_dasar_belum,
                             points=format_number(row.poin_iid_hilang, 2, lang)))
    return lines
