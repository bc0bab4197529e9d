"""``index.html`` of a run (the landing page) and of a batch of runs.

The run's landing page is what a civil servant opens first: the report header (pemda,
cycle, date, data source, rule confidence), the key numbers from ``ringkasan.json`` (the
rank entry ``peringkat`` read as the data contract describes it), and links to every
report, figure, table and the deck, all relative so the folder can be copied or zipped.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from inovlab.i18n import format_number, format_percent, message

_MESSAGES = {
    "index_title": {"id": "Laporan siklus {cycle}", "en": "Cycle {cycle} reports"},
    "run_title": {"id": "Laporan {region}, siklus {cycle}", "en": "Reports for {region}, cycle {cycle}"},
    "status_ok": {"id": "berhasil", "en": "ok"},
    "status_failed": {"id": "GAGAL", "en": "FAILED"},
    "deck": {"id": "Deck klinik (PowerPoint)", "en": "Clinic deck (PowerPoint)"},
    "key_numbers": {"id": "Angka kunci", "en": "Key numbers"},
    "reports": {"id": "Laporan", "en": "Reports"},
    "figures": {"id": "Grafik", "en": "Figures"},
    "tables": {"id": "Tabel (CSV dan Excel)", "en": "Tables (CSV and Excel)"},
    "presentation": {"id": "Presentasi", "en": "Presentation"},
    "region": {"id": "Daerah", "en": "Region"},
    "status": {"id": "Status", "en": "Status"},
    "duration": {"id": "Lama", "en": "Time"},
    "rank": {"id": "Peringkat", "en": "Rank"},
    "rank_value": {"id": "{rank} dari {n} ({field})", "en": "{rank} of {n} ({field})"},
    "rank_range": {"id": "Peringkat siklus berikutnya (rentang 90%)",
                   "en": "Next cycle's rank (90% range)"},
    "rank_range_value": {"id": "{lo}–{hi}, median {med}", "en": "{lo}–{hi}, median {med}"},
    "top_k": {"id": "Peluang masuk {k} besar", "en": "Chance of the top {k}"},
    "top_k_value": {"id": "{p} (galat Monte Carlo {se})", "en": "{p} (Monte Carlo error {se})"},
}

# Key numbers whose recorded label names something else (the field, a unit): shown as
KEY_LABELS = {
    "pembanding_peringkat": ("Urutan di antara pembanding", "Order among the peers"),
    "rencana_tercapai": ("Target tercapai dengan rencana", "Target reached by the plan"),
    "rencana_skor_baru": ("Skor IID setelah rencana", "IID after the plan"),
    "rencana_total_biaya": ("Biaya rencana (hari-orang)", "Plan cost (person-days)"),
    "rencana_peringkat_baru": ("Peringkat setelah rencana", "Rank after the plan"),
    "kesiapan_skor_proyeksi": ("Skor IID proyeksi usulan", "Projected IID of the submission"),
}

CSS = ("body{font-family:system-ui,'Segoe UI',Roboto,sans-serif;color:#1d2733;max-width:64em;"
       "margin:1.5em auto;padding:0 1em}h1{color:#1f4e79;font-size:1.6em}"
       "h2{color:#1f4e79;font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #dde3ea}"
       "td,th{padding:.25em .8em;text-align:left;vertical-align:top}"
       "table{border-collapse:collapse}tr:nth-child(even){background:#f6f8fa}"
       ".angka td:last-child{font-weight:600}ul.berkas li{margin:.15em 0}"
       ".berkas .file{color:#6b7280;font-size:.85em;margin-left:.4em}"
       ".GAGAL,.FAILED{color:#b00020;font-weight:bold}a{color:#1f4e79}"
       ".kop .fakta span+span:before{content:' · '}.kop .fakta{color:#444}"
       ".kop .demo{background:#fff3cd;border:1px solid #e0b84c;padding:.3em .6em;margin:.4em 0}")


def _e(text) -> str:
    return html.escape(str(text))


def page(title: str, body: str, lang: str) -> str:
    """A complete offline HTML page (no fetch allowed by its Content-Security-Policy).

    Examples
    --------
    >>> "<title>Laporan</title>" in page("Laporan", "<p>x</p>", "id")
    True
    """
    from inovlab.report.htmlexport import CSP

    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">{CSP}"
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{_e(title)}</h1>{body}</body></html>")


def rank_lines(rank: dict, lang: str = "id") -> list[tuple[str, str]]:
    """The ``peringkat`` entry of ``ringkasan.json`` as (label, text) lines.

    Examples
    --------
    >>> r = {"bidang": "98 kota", "n_bidang": 98, "saat_ini": 17, "proyeksi": 16, "median": 19,
    ...      "p05": 14, "p95": 23, "p_top_k": 0.0004, "top_k": 10, "mc_se": 0.0002}
    >>> rank_lines(r, "en")[0]
    ('Rank', '16 of 98 (98 kota)')
    >>> rank_lines(r)[2]
    ('Peluang masuk 10 besar', '0,04% (galat Monte Carlo 0,02%)')
    """
    out = []
    shown = rank.get("proyeksi") if rank.get("proyeksi") is not None else rank.get("saat_ini")
    if shown is not None:
        out.append((message(_MESSAGES, "rank", lang),
                    message(_MESSAGES, "rank_value", lang, rank=shown, n=rank.get("n_bidang"),
                            field=rank.get("bidang", ""))))
    if rank.get("median") is not None:
        out.append((message(_MESSAGES, "rank_range", lang),
                    message(_MESSAGES, "rank_range_value", lang, lo=rank.get("p05"),
                            hi=rank.get("p95"), med=rank.get("median"))))
    if rank.get("p_top_k") is not None:
        p, se = rank["p_top_k"], rank.get("mc_se") or 0.0
        digits = 2 if p < 0.01 else 1
        out.append((message(_MESSAGES, "top_k", lang, k=rank.get("top_k", "")),
                    message(_MESSAGES, "top_k_value", lang, p=format_percent(p, digits, lang),
                            se=format_percent(se, 2, lang))))
    return out


def _value(value, lang: str, key: str = "") -> str:
    """One key number as text, formatted as a table cell of a column named ``key`` would be
    (:func:`inovlab.report.tables.format_value`): probabilities as percentages, scores with
    two decimals, whole counts and costs without.

    Examples
    --------
    >>> _value(0.49, "id", "rencana_p_top_k"), _value(775.0, "id", "rencana_total_biaya")
    ('49,0%', '775')
    >>> _value(70.0, "en", "rencana_skor_baru"), _value(True, "en"), _value("ya", "en")
    ('70.00', 'yes', 'yes')
    """
    import pandas as pd

    from inovlab.report.tables import _kind, format_value, value_words

    if isinstance(value, (bool, int, float)):
        return format_value(value, _kind(key, pd.Series([value])), lang, key)
    return value_words(value, lang) if value is not None else ""


def key_number_rows(numbers: dict, lang: str = "id") -> list[tuple[str, str]]:
    """Every key number of a run as (label, text); the rank entry first, spelled out.

    Examples
    --------
    >>> key_number_rows({"skor": {"value": 61.5, "label": "Skor IID 2026"}})
    [('Skor IID 2026', '61,50')]
    """
    from inovlab.io.glossary import label

    rows, rank = [], None
    # in the order of the notebooks that wrote them (two kernels finish in either order)
    for key, entry in sorted(numbers.items(), key=lambda item: str(
            item[1].get("notebook") or "") if isinstance(item[1], dict) else ""):
        if not isinstance(entry, dict):
            continue
        value = entry.get("value")
        if isinstance(value, dict) and "bidang" in value:
            rank = value
            continue
        name = KEY_LABELS[key][lang == "en"] if key in KEY_LABELS else \
            label(entry.get("label") or key, lang)
        rows.append((name, _value(value, lang, key)))
    return (rank_lines(rank, lang) if rank else []) + rows


def _table(rows: list[tuple[str, str]], css: str = "") -> str:
    body = "".join(f"<tr><td>{_e(a)}</td><td>{_e(b)}</td></tr>" for a, b in rows)
    return f"<table class=\"{css}\">{body}</table>"


def _report_title(folder: Path, record: dict, lang: str) -> str:
    """The report's own heading in the run's language (the notebook name when unreadable)."""
    try:
        import nbformat

        from inovlab.report.htmlexport import notebook_title, select_language

        nb = nbformat.read(folder / record["output"], as_version=4)
        return notebook_title(select_language(nb, lang)) or record["notebook"]
    except Exception:  # a missing or broken notebook still gets its link
        return record["notebook"]


def _files(folder: Path, sub: str, suffixes: tuple[str, ...]) -> list[str]:
    where = folder / sub
    if not where.is_dir():
        return []
    return sorted(f"{sub}/{p.name}" for p in where.iterdir() if p.suffix in suffixes)


def _figure_titles(folder: Path) -> dict[str, str]:
    """``{stem: title}`` of the run's figures, each read once from its PNG ('' when none)."""
    from inovlab.workbook.outputs import FIGURES, saved_figure_title

    return {Path(path).stem: saved_figure_title(folder / path)
            for path in _files(folder, FIGURES, (".png",))}


def _figure_links(folder: Path, titles: dict[str, str] | None = None) -> str:
    """Each figure by its title (stored in the PNG), its file name beside it."""
    from inovlab.workbook.outputs import FIGURES

    titles = _figure_titles(folder) if titles is None else titles
    items = [f"<li><a href=\"{FIGURES}/{_e(stem)}.png\">{_e(title or stem.replace('_', ' '))}"
             f"</a> <span class=\"file\">{_e(stem)}.png</span></li>"
             for stem, title in titles.items()]
    return f"<ul class=\"berkas\">{''.join(items)}</ul>"


def _table_links(folder: Path, lang: str = "id", titles: dict[str, str] | None = None) -> str:
    """One line per table: its figure's title when it has one (else the glossary's title of
    the table), then its CSV and Excel files."""
    from inovlab.io.glossary import table_title
    from inovlab.workbook.outputs import TABLES

    titles = _figure_titles(folder) if titles is None else titles
    stems: dict[str, list[str]] = {}
    for path in _files(folder, TABLES, (".csv", ".xlsx")):
        stems.setdefault(Path(path).stem, []).append(path)
    items = []
    for stem, paths in stems.items():
        title = titles.get(stem) or table_title(stem, lang)
        files = " · ".join(f"<a href=\"{_e(p)}\">{_e('Excel' if p.endswith('.xlsx') else 'CSV')}"
                           "</a>" for p in paths)
        items.append(f"<li>{_e(title)}: {files} <span class=\"file\">{_e(stem)}</span></li>")
    return f"<ul class=\"berkas\">{''.join(items)}</ul>"


def _reports(folder: Path, manifest: dict, lang: str) -> str:
    rows = []
    for r in manifest.get("notebooks", []):
        ok = r["status"] == "ok"
        status = message(_MESSAGES, "status_ok" if ok else "status_failed", lang)
        name = _report_title(folder, r, lang)
        link = f"<a href=\"{_e(r['html'])}\">{_e(name)}</a>" if r.get("html") else _e(name)
        rows.append(f"<tr><td>{link}</td><td class=\"{_e(status)}\">{_e(status)}</td>"
                    f"<td>{_e(format_number(r.get('duration_s', 0), 1, lang))} s</td></tr>")
    return f"<table>{''.join(rows)}</table>"


def write_run_index(folder: Path, manifest: dict) -> Path:
    """``index.html`` of one run: header, key numbers, reports, figures, tables and deck."""
    from inovlab.io.export import atomic_write_text
    from inovlab.report.context import run_context
    from inovlab.report.htmlexport import header_html
    from inovlab.workbook.outputs import read_numbers

    folder = Path(folder)
    lang = manifest.get("lang", "id")
    context = run_context(folder)
    parts = [header_html(context, lang).replace('<a href="index.html">', '<a hidden href="#">')
             if context else ""]
    numbers = key_number_rows(read_numbers(folder), lang)
    if numbers:
        parts.append(f"<h2>{_e(message(_MESSAGES, 'key_numbers', lang))}</h2>"
                     + _table(numbers, "angka"))
    parts.append(f"<h2>{_e(message(_MESSAGES, 'reports', lang))}</h2>"
                 + _reports(folder, manifest, lang))
    deck = manifest.get("deck") or {}
    if deck.get("status") == "ok":
        parts.append(f"<h2>{_e(message(_MESSAGES, 'presentation', lang))}</h2><p><a href=\""
                     f"{_e(deck['file'])}\">{_e(message(_MESSAGES, 'deck', lang))}</a></p>")
    titles = _figure_titles(folder)
    for key, links in (("figures", _figure_links(folder, titles)),
                       ("tables", _table_links(folder, lang, titles))):
        if "<li>" in links:
            parts.append(f"<h2>{_e(message(_MESSAGES, key, lang))}</h2>{links}")
    title = message(_MESSAGES, "run_title", lang, region=manifest["region"],
                    cycle=manifest["cycle"])
    return atomic_write_text(folder / "index.html", page(title, "".join(parts), lang))


def write_batch_index(out: str | Path, cycle: int, manifests: list[dict], lang: str = "id") -> Path:
    """``<out>/<cycle>/index.html`` linking every region's run, with its score (relative links)."""
    from inovlab.io.export import atomic_write_text
    from inovlab.workbook.outputs import read_numbers

    base = Path(out) / str(cycle)
    base.mkdir(parents=True, exist_ok=True)
    head = "".join(f"<th>{_e(message(_MESSAGES, k, lang))}</th>" for k in ("region", "status"))
    rows = []
    for m in sorted(manifests, key=lambda m: m["region"]):
        rel = Path(os.path.relpath(m["folder"], base)) / "index.html"
        ok = m.get("status") == "ok"
        status = message(_MESSAGES, "status_ok" if ok else "status_failed", lang)
        first = key_number_rows(_numbers(m["folder"], read_numbers), lang)[:1]
        extra = f"<td>{_e(first[0][1])}</td>" if first else "<td></td>"
        rows.append(f"<tr><td><a href=\"{_e(rel.as_posix())}\">{_e(m['region'])}</a></td>"
                    f"<td class=\"{_e(status)}\">{_e(status)}</td>{extra}</tr>")
    title = message(_MESSAGES, "index_title", lang, cycle=cycle)
    body = f"<table><tr>{head}<th></th></tr>{''.join(rows)}</table>"
    return atomic_write_text(base / "index.html", page(title, body, lang))


def _numbers(folder, read) -> dict:
    try:
        return read(folder)
    except (OSError, json.JSONDecodeError):
        return {}
