"""The one-page HTML summary of the readiness check (``ringkasan.html``).

Self-contained: inline CSS, no script, no image, no link to any network resource. Every
piece of text that comes from data (names of innovations, OPDs, regions) goes through
:func:`html.escape`. Numbers are formatted the Indonesian way (``1.234,56``) unless
``lang="en"``.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from inovlab.analysis.innovation_check import SCORE_DECIMALS
from inovlab.i18n import format_date, format_number, message
from inovlab.report.tables import value_words

_T = {
    "title": {"id": "Kesiapan usulan IID {cycle}", "en": "IID {cycle} submission readiness"},
    "made": {"id": "Dibuat {date}. Sumber data: {src}.", "en": "Made {date}. Data source: {src}."},
    "pemda": {"id": "Pemda", "en": "Pemda"},
    "counted": {"id": "Inovasi dihitung", "en": "Innovations counted"},
    "of_floor": {"id": "dari {n} diajukan; pembagi minimum {d}",
                 "en": "of {n} submitted; divisor floor {d}"},
    "urusan": {"id": "Urusan pelayanan dasar", "en": "Basic-service urusan"},
    "urusan_of": {"id": "tercakup, minimal {m}", "en": "covered, at least {m}"},
    "missing": {"id": "Belum ada: {names}", "en": "Missing: {names}"},
    "iid": {"id": "Proyeksi IID", "en": "Projected IID"},
    "iid_parts": {"id": "SPD {spd} ({src}) + SID {sid}", "en": "SPD {spd} ({src}) + SID {sid}"},
    "no_spd": {"id": "SPD tidak diberikan: IID tidak diproyeksikan",
               "en": "No SPD given: IID not projected"},
    "rank": {"id": "Proyeksi peringkat", "en": "Projected rank"},
    "rank_of": {"id": "dari {n}, di antara {bidang}, bila daerah lain tidak berubah; "
                      "pada hasil berikutnya: median {med} (90%: {lo}–{hi}); peluang 10 besar "
                      "{p} (galat Monte Carlo {se})",
                "en": "of {n}, among {bidang}, if nobody else changes; in the next results: "
                      "median {med} (90%: {lo}–{hi}); chance of the top 10 {p} (Monte Carlo "
                      "error {se})"},
    "rank_of_fixed": {"id": "dari {n}, di antara {bidang}, bila daerah lain tidak berubah",
                      "en": "of {n}, among {bidang}, if nobody else changes"},
    "rank_src": {"id": "Pembanding: hasil {year}, {src}.", "en": "Compared with: {year} results, {src}."},
    "deadline": {"id": "Sisa hari", "en": "Days left"},
    "deadline_of": {"id": "tenggat {date}", "en": "deadline {date}"},
    "no_deadline": {"id": "tenggat tidak diberikan", "en": "no deadline given"},
    "problems": {"id": "Masalah per kode", "en": "Problems by code"},
    "code": {"id": "Kode", "en": "Code"},
    "count": {"id": "Jumlah", "en": "Count"},
    "meaning": {"id": "Arti", "en": "Meaning"},
    "inn": {"id": "Inovasi bermasalah", "en": "Innovations with problems"},
    "none": {"id": "Tidak ada.", "en": "None."},
    "opd": {"id": "OPD di bawah target", "en": "OPDs below target"},
    "rec": {"id": "Rekomendasi", "en": "Recommendations"},
    "assume": {"id": "Aturan yang diasumsikan", "en": "Assumed rules"},
    "more": {"id": "… dan {n} lainnya (lihat cek_inovasi.csv).",
             "en": "… and {n} more (see cek_inovasi.csv)."},
    "cols_inn": {"id": ["ID", "Inovasi", "OPD", "Kematangan", "Dihitung", "Masalah"],
                 "en": ["ID", "Innovation", "OPD", "Kematangan", "Counted", "Problems"]},
    "cols_opd": {"id": ["OPD", "Diajukan", "Dihitung", "Target", "Kurang"],
                 "en": ["OPD", "Submitted", "Counted", "Target", "Short"]},
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "kind": {"id": {"naikkan": "Naikkan dulu", "keluarkan": "Pertimbangkan tidak diusulkan",
                    "tambah": "Tambah", "kejar_opd": "Kejar OPD"},
             "en": {"naikkan": "Raise first", "keluarkan": "Consider leaving out",
                    "tambah": "Add", "kejar_opd": "Chase OPDs"}},
}

CODE_MEANING = {
    "TAHAPAN": {"id": "belum tahap penerapan", "en": "not at the implementation stage"},
    "JENDELA_WAKTU": {"id": "di luar jendela waktu penerapan", "en": "outside the window"},
    "DUPLIKAT": {"id": "kemungkinan duplikat", "en": "likely duplicate"},
    "WAJIB_KOSONG": {"id": "indikator wajib bernilai 0", "en": "mandatory indicator at 0"},
    "RANCANG_BANGUN": {"id": "rancang bangun terlalu pendek", "en": "design narrative too short"},
    "VIDEO": {"id": "video terlalu panjang", "en": "video too long"},
    "DI_BAWAH_IMPAS": {"id": "menurunkan IID (di bawah skor impas)",
                       "en": "lowers the IID (below break-even)"},
    "DI_BAWAH_MINIMUM": {"id": "di bawah minimum internal", "en": "below the house minimum"},
}

_CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:1.5em;color:#222;font-size:13px}
h1{font-size:20px;margin:0 0 .2em}h2{font-size:15px;margin:1.2em 0 .4em;
border-bottom:1px solid #ccc}
.small{color:#555;font-size:11px}.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:.8em 0}
.kpi{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:180px}
.kpi b{display:block;font-size:20px}.bad{color:#b00020}.ok{color:#1b7f3b}
table{border-collapse:collapse;width:100%;margin:.3em 0}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}
@media print{body{margin:0}}
"""

MAX_ROWS = 25


def _e(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return html.escape(str(value), quote=True)


def _num(value, decimals, lang) -> str:
    return _e(format_number(value, decimals, lang))


def _table(headers, rows, numeric=()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for r in rows:
        cells = "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                        for i, c in enumerate(r))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _iid_parts(p, t, lang) -> str:
    """"SPD 40,00 (where the SPD score comes from, in words) + SID 30,00"."""
    return t("iid_parts", spd=format_number(p["skor_spd"], 2, lang), sid=format_number(
        p["skor_sid"], 2, lang), src=value_words(p["sumber_spd"], lang, "sumber_spd"))


def _pemda_block(p, summary, lang) -> str:
    t = lambda key, **kw: message(_T, key, lang, **kw)  # noqa: E731
    kpis = []
    cls = "ok" if p["kurang_dari_pembagi"] == 0 else "bad"
    kpis.append(f'<div class="kpi">{_e(t("counted"))}<b class="{cls}">'
                f'{_num(p["n_dihitung"], 0, lang)}</b><span class="small">'
                f'{_e(t("of_floor", n=format_number(p["n_diajukan"], 0, lang), d=p["pembagi_minimum"]))}'
                f'</span></div>')
    cls = "ok" if p["syarat_urusan_terpenuhi"] else "bad"
    missing = (f'<br><span class="small">{_e(t("missing", names=p["urusan_dasar_kurang"]))}</span>'
               if p["urusan_dasar_kurang"] else "")
    kpis.append(f'<div class="kpi">{_e(t("urusan"))}<b class="{cls}">'
                f'{_num(p["urusan_dasar_tercakup"], 0, lang)}/6</b><span class="small">'
                f'{_e(t("urusan_of", m=p["urusan_minimum"]))}</span>{missing}</div>')
    if pd.notna(p["skor_iid"]):
        from inovlab.rules.framework import predicate_label

        pred = predicate_label(p["predikat"], lang)
        kpis.append(f'<div class="kpi">{_e(t("iid"))}<b>{_num(p["skor_iid"], 2, lang)}</b>'
                    f'{_e(pred)}<br><span class="small">'
                    f'{_e(_iid_parts(p, t, lang))}'
                    f'</span></div>')
    else:
        kpis.append(f'<div class="kpi">{_e(t("iid"))}<b>–</b><span class="small">'
                    f'{_e(t("no_spd"))}</span></div>')
    if pd.notna(p["peringkat_proyeksi"]):
        kpis.append(
            f'<div class="kpi">{_e(t("rank"))}<b>{_num(p["peringkat_proyeksi"], 0, lang)}</b>'
            f'<span class="small">'
            f'{_e(_rank_text(p, t, lang))}'
            f'<br>{_e(t("rank_src", year=p["tahun_pembanding"], src=summary.get("sumber_pembanding")))}'
            f'</span></div>')
    elif isinstance(p.get("catatan_peringkat"), str) and p["catatan_peringkat"]:
        kpis.append(f'<div class="kpi">{_e(t("rank"))}<b>–</b><span class="small">'
                    f'{_e(p["catatan_peringkat"])}</span></div>')
    if p["tenggat"]:
        import datetime as dt

        cls = "bad" if p["sisa_hari"] < 7 else ""
        kpis.append(f'<div class="kpi">{_e(t("deadline"))}<b class="{cls}">'
                    f'{_num(p["sisa_hari"], 0, lang)}</b><span class="small">'
                    f'{_e(t("deadline_of", date=format_date(dt.date.fromisoformat(p["tenggat"]), lang)))}'
                    f'</span></div>')
    else:
        kpis.append(f'<div class="kpi">{_e(t("deadline"))}<b>–</b><span class="small">'
                    f'{_e(t("no_deadline"))}</span></div>')
    title = f'{_e(p["nama_daerah"])} <span class="small">({_e(p["kode_wilayah"])})</span>'
    return f'<h2>{title}</h2><div class="kpis">{"".join(kpis)}</div>'


def render_html(result, lang: str | None = None) -> str:
    """The one-page HTML summary of a :class:`inovlab.analysis.readiness.ReadinessResult`.

    Parameters
    ----------
    result : ReadinessResult
    lang : {"id", "en"}, optional
        Defaults to the result's language.

    Returns
    -------
    str
        A complete HTML document (inline CSS only, every data value escaped).

    Examples
    --------
    >>> import datetime as dt
    >>> from inovlab.rules.framework import load_framework
    >>> from inovlab.analysis.readiness import run_check
    >>> fw = load_framework(2026)
    >>> df = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "id_inovasi": ["a"],
    ...     "nama_inovasi": ["<b>X</b>"], "opd": ["Dinkes"], "tahapan": ["uji coba"],
    ...     **{c: [3] for c in fw.sid_columns}})
    >>> page = render_html(run_check(df, fw, today=dt.date(2026, 1, 1)))
    >>> "<b>X</b>" in page, "&lt;b&gt;X&lt;/b&gt;" in page
    (False, True)
    """
    lang = lang or result.lang
    s = result.summary
    t = lambda key, **kw: message(_T, key, lang, **kw)  # noqa: E731
    import datetime as dt

    made = dt.date.fromisoformat(s["dibuat"])
    parts = [f"<h1>{_e(t('title', cycle=s['siklus']))}</h1>",
             f'<p class="small">{_e(t("made", date=format_date(made, lang), src=s["sumber_data"]))}</p>']
    for _, p in result.pemda.iterrows():
        parts.append(_pemda_block(p, s, lang))

    rows = [(_e(code), _num(n, 0, lang), _e(CODE_MEANING[code][lang]))
            for code, n in s["masalah_per_kode"].items()]
    parts.append(f"<h2>{_e(t('problems'))}</h2>"
                 + _table([t("code"), t("count"), t("meaning")], rows, numeric=(1,)))

    inn = result.inovasi
    bad = inn[inn["masalah"].ne("")]
    parts.append(f"<h2>{_e(t('inn'))} ({_num(len(bad), 0, lang)})</h2>")
    if len(bad):
        rows = [(_e(r.id_inovasi), _e(r.nama_inovasi), _e(r.opd),
                 _num(r.skor_kematangan, SCORE_DECIMALS, lang), _e(t("yes") if r.dihitung else t("no")),
                 _e(r.penjelasan)) for r in bad.head(MAX_ROWS).itertuples()]
        parts.append(_table(_T["cols_inn"][lang], rows, numeric=(3,)))
        if len(bad) > MAX_ROWS:
            parts.append(f'<p class="small">{_e(t("more", n=len(bad) - MAX_ROWS))}</p>')
    else:
        parts.append(f"<p>{_e(t('none'))}</p>")

    short = result.opd[result.opd["kekurangan"] > 0]
    parts.append(f"<h2>{_e(t('opd'))} ({_num(len(short), 0, lang)})</h2>")
    if len(short):
        rows = [(_e(r.opd), _num(r.diajukan, 0, lang), _num(r.dihitung, 0, lang),
                 _num(r.target, 0, lang), _num(r.kekurangan, 0, lang))
                for r in short.head(MAX_ROWS).itertuples()]
        parts.append(_table(_T["cols_opd"][lang], rows, numeric=(1, 2, 3, 4)))
    else:
        parts.append(f"<p>{_e(t('none'))}</p>")

    parts.append(f"<h2>{_e(t('rec'))}</h2>")
    rec = result.rekomendasi
    if len(rec):
        kinds = _T["kind"][lang]
        for kind in ("tambah", "keluarkan", "naikkan", "kejar_opd"):
            sel = rec[rec["jenis"] == kind].head(10)
            if len(sel):
                items = "".join(
                    f"<li>{_e(r.id_inovasi) + ' (' + _e(r.opd) + '): ' if r.id_inovasi else ''}"
                    f"{_e(r.penjelasan)}</li>" for r in sel.astype(object).where(sel.notna(), "").itertuples())
                parts.append(f"<p><b>{_e(kinds[kind])}</b></p><ul>{items}</ul>")
    else:
        parts.append(f"<p>{_e(t('none'))}</p>")

    assumed = s.get("aturan_asumsi", [])
    if assumed:
        from inovlab.i18n import CONFIDENCE_LABELS
        from inovlab.rules.framework import RULE_LABELS

        items = "".join(f"<li>{_e(RULE_LABELS.get(a['item'], {}).get(lang, a['item']))} = "
                        f"{_e(a['value'])} "
                        f"({_e(CONFIDENCE_LABELS.get(a['confidence'], {}).get(lang, a['confidence']))}): "
                        f"{_e(a['note'])}</li>" for a in assumed)
        parts.append(f'<h2>{_e(t("assume"))}</h2><ul class="small">{items}</ul>')

    title = _e(t("title", cycle=s["siklus"]))
    return (f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{_CSS}</style></head><body>"
            + "\n".join(parts) + "</body></html>\n")


def _rank_text(p, t, lang: str) -> str:
    """The projected rank's line: the field, and the next results' range when there is one."""
    n = format_number(p["jumlah_pembanding"], 0, lang)
    bidang = p.get("bidang") or p["jenis"]
    if pd.isna(p["peringkat_median"]):
        return t("rank_of_fixed", n=n, bidang=bidang)
    return t("rank_of", n=n, bidang=bidang, med=format_number(p["peringkat_median"], 0, lang),
             lo=format_number(p["peringkat_p05"], 0, lang),
             hi=format_number(p["peringkat_p95"], 0, lang),
             p=format_number(p["p_top10"], 3, lang),
             se=format_number(p.get("galat_p_top10"), 3, lang))
