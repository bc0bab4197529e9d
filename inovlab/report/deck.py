"""The coaching-clinic deck: a PowerPoint built from a run folder (``inovlab deck RUN_DIR``).

The deck reads only what the run left behind, so it can be rebuilt without re-running:
figures (``figures/<name>.png``), key numbers (``ringkasan.json``, written by
``outputs.record_number``) and ``manifest.json`` (region, cycle, data source, assumed rules).
One slide per question the clinic asks; each shows its figure when the run made it and a
table of its key numbers (the numbers are matched by name prefix, e.g. ``kesiapan_*``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from inovlab.errors import UsageError
from inovlab.i18n import message, source_label
from inovlab.rules.framework import cluster_label
from inovlab.workbook.outputs import FIGURES, read_numbers

DECK_FILE = "deck_klinik.pptx"

# A slide whose figure is the region's own breakdown (no cross-region drivers in the run)
# is titled as such, not as "drivers".
OWN_POINT_FIGURES = {"uraian_poin": "own_points", "poin_indikator": "own_points"}

# Without peers the peer slide shows the region's own weaknesses (points lost against the
# maximum), titled as such.
OWN_WEAKNESS_FIGURE = "klinik_kelemahan"

# (key, figure stems tried in order, number-name prefixes)
SLIDES = (
    ("trajectory", ("lintasan", "ikhtisar_klaster"), ("ikhtisar_", "peringkat")),
    ("peers", ("pembanding_indikator", "pembanding", OWN_WEAKNESS_FIGURE),
     ("pembanding_", "prioritas_kelemahan_")),
    ("drivers", ("penggerak", "uraian_poin", "poin_indikator"), ("penggerak_",)),
    ("priorities", ("prioritas", "poin_indikator", OWN_WEAKNESS_FIGURE),
     ("prioritas_1", "prioritas_2", "prioritas_3")),
    ("readiness", ("kesiapan_inovasi", "kesiapan"), ("kesiapan_",)),
    ("plan", ("rencana", "skenario"), ("rencana_",)),
)

_MESSAGES = {
    "title": {"id": "Klinik Inovasi Daerah", "en": "Regional Innovation Clinic"},
    "subtitle": {"id": "Indeks Inovasi Daerah, siklus {cycle}\n{date} · Sumber data: {source}"
                       "\n{rules}",
                 "en": "Regional Innovation Index, cycle {cycle}\n{date} · Data source: {source}"
                       "\n{rules}"},
    "demo": {"id": "Data demo (sintetis): bukan data resmi daerah.",
             "en": "Demo data (synthetic): not the region's official data."},
    "trajectory": {"id": "Lintasan skor dan predikat", "en": "Score and predikat trajectory"},
    "peers": {"id": "Posisi di antara daerah pembanding", "en": "Position among peers"},
    "weaknesses": {"id": "Kelemahan terbesar", "en": "Largest weaknesses"},
    "drivers": {"id": "Penggerak skor antar-daerah dalam klaster {cluster}",
                "en": "Score drivers across the {cluster} cluster"},
    "own_points": {"id": "Uraian poin skor daerah ini", "en": "Breakdown of this region's points"},
    "priorities": {"id": "Prioritas perbaikan", "en": "Improvement priorities"},
    "readiness": {"id": "Kesiapan usulan inovasi", "en": "Submission readiness"},
    "plan": {"id": "Rencana menuju target", "en": "Plan to the target"},
    "notes": {"id": "Sumber data dan asumsi", "en": "Data sources and assumptions"},
    "no_content": {"id": "Belum ada hasil untuk bagian ini pada run ini.",
                   "en": "This run has no result for this section."},
    "number": {"id": "Angka kunci", "en": "Key number"},
    "value": {"id": "Nilai", "en": "Value"},
    "source_line": {"id": "Sumber data: {source}.", "en": "Data source: {source}."},
    "all_confirmed": {"id": "Aturan siklus {cycle} semuanya sudah terkonfirmasi atau berasal "
                            "dari sumber sekunder.",
                      "en": "Every rule of cycle {cycle} is confirmed or comes from a secondary "
                            "source."},
    "assumed": {"id": "Aturan siklus {cycle} yang masih diasumsikan: {items}.",
                "en": "Rules of cycle {cycle} that are still assumed: {items}."},
    "rules_unknown": {"id": "Status aturan siklus {cycle} tidak dapat dibaca pada run ini.",
                      "en": "The status of the rules of cycle {cycle} could not be read in this "
                            "run."},
    "run_line": {"id": "Dibuat oleh inovlab {version} pada {date}. Laporan lengkap ada di halaman "
                       "utama run (index.html).",
                 "en": "Made by inovlab {version} on {date}. The full reports are on the run's "
                       "main page (index.html)."},
    "not_run": {"id": "{path} bukan folder run inovlab (tidak ada manifest.json).",
                "en": "{path} is not an inovlab run folder (no manifest.json)."},
}

# The "how to read it" sentence of each slide, in the speaker notes.
_READ = {
    "title": {"id": "Semua angka berasal dari satu run inovlab; sumber data tertulis di bawah judul.",
              "en": "Every number comes from one inovlab run; the data source is named under the title."},
    "trajectory": {"id": "Setiap titik adalah satu siklus dari satu asal data; asal yang berbeda "
                         "tidak dicampur.",
                   "en": "Each point is one cycle from one data origin; origins are never merged."},
    "peers": {"id": "Batang ke kiri adalah kelemahan: poin IID yang didapat bila daerah ini "
                    "menyamai median pembanding; batang ke kanan adalah kekuatan.",
              "en": "Bars to the left are weaknesses: the IID points this region would gain by "
                    "matching the peer median; bars to the right are strengths."},
    "weaknesses": {"id": "Tanpa data pembanding: poin IID yang hilang dibanding nilai maksimum, "
                         "yang terbesar lebih dulu.",
                   "en": "Without peer data: the IID points lost against the maximum, largest "
                         "first."},
    "drivers": {"id": "Dihitung di antara pemda satu klaster: porsi perbedaan skor yang berkaitan "
                      "dengan tiap indikator, dengan selang 90%; keterkaitan, bukan sebab-akibat.",
                "en": "Computed among the pemda of one cluster: the share of score differences "
                      "associated with each indicator, with a 90% interval; association, not cause."},
    "own_points": {"id": "Skor IID adalah jumlah tepat poin SPD, kematangan dan jumlah inovasi; "
                         "batang yang belum penuh adalah poin yang masih hilang.",
                   "en": "The IID is exactly the sum of SPD, kematangan and number-of-innovations "
                         "points; the unfilled part of a bar is the points still lost."},
    "priorities": {"id": "Kerjakan dari atas: langkah dengan tambahan poin IID terbesar per "
                         "hari-orang lebih dulu.",
                   "en": "Work from the top: the steps adding the most IID points per person-day "
                         "first."},
    "readiness": {"id": "Batang terpanjang adalah masalah yang paling sering pada usulan; perbaiki "
                        "sebelum dikirim.",
                  "en": "The longest bar is the most frequent problem in the submission; fix it "
                        "before sending."},
    "plan": {"id": "Setiap langkah menaikkan satu indikator; biaya dalam hari-orang adalah "
                   "asumsi yang dapat diubah; rencana dihitung ulang dengan rumus IID.",
             "en": "Each step raises one indicator; the cost in person-days is an editable "
                   "assumption; the plan is re-scored with the IID formula."},
    "notes": {"id": "Aturan yang diasumsikan dapat mengubah skor bila aturan resmi berbeda.",
              "en": "Assumed rules can change the score if the official rule differs."},
}

SLIDE_W, SLIDE_H = 13.333, 7.5          # inches (16:9)
MARGIN = 0.5
TITLE_TOP, TITLE_H = 0.35, 0.95
BODY_TOP, BODY_BOTTOM = 1.55, 6.85
FOOTER_TOP = 6.95
MAX_NUMBERS = 5                          # rows of the key-number table (about 6 lines)
NAVY, GREY, ACCENT = "1F4E79", "595959", "C9A227"


def _rgb(hex_code: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_code)


def title_size(text: str) -> int:
    """Font size (pt) that keeps a title on at most two lines of the title box.

    Examples
    --------
    >>> title_size("Prioritas perbaikan"), title_size("x" * 70), title_size("x" * 120)
    (30, 24, 20)
    """
    return 30 if len(text) <= 50 else 24 if len(text) <= 80 else 20


def fit_box(image_w: float, image_h: float, left: float, top: float, width: float,
            height: float) -> tuple[float, float, float, float]:
    """The largest box of the image's aspect inside (left, top, width, height), centred.

    Examples
    --------
    >>> fit_box(800, 400, 0, 0, 8, 8)
    (0.0, 2.0, 8.0, 4.0)
    >>> fit_box(400, 800, 0, 0, 8, 8)
    (2.0, 0.0, 4.0, 8.0)
    """
    scale = min(width / image_w, height / image_h)
    w, h = image_w * scale, image_h * scale
    return (left + (width - w) / 2, top + (height - h) / 2, w, h)


def _source_kind(manifest: dict) -> str:
    """``user``, ``demo`` or ``user+demo`` from the run's file parameters and ``demo``."""
    from inovlab.report.context import source_kind

    return source_kind(manifest.get("parameters", {}))


def _number_rows(numbers: dict, prefixes: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    from inovlab.report.landing import key_number_rows

    chosen = {k: v for k, v in numbers.items() if k.startswith(prefixes)}
    return key_number_rows(chosen, lang)[:MAX_NUMBERS]


def _assumptions(manifest: dict, lang: str) -> str:
    """One plain sentence on the cycle's rules: which are still assumed, or that all are
    confirmed.

    Examples
    --------
    >>> _assumptions({"cycle": 2026}, "id")
    'Aturan siklus 2026 yang masih diasumsikan: tahapan yang dinilai.'
    >>> _assumptions({}, "en")
    'The status of the rules of cycle ? could not be read in this run.'
    """
    cycle = manifest.get("cycle", "?")
    try:
        from inovlab.io.glossary import label
        from inovlab.rules.framework import RULE_LABELS, load_framework

        table = load_framework(int(cycle)).assumptions()
    except Exception:  # the deck must not fail on a missing rule file
        return message(_MESSAGES, "rules_unknown", lang, cycle=cycle)
    if table.empty:
        return message(_MESSAGES, "all_confirmed", lang, cycle=cycle)
    items = [RULE_LABELS.get(i, {}).get(lang) or label(str(i), lang) for i in table["item"]]
    return message(_MESSAGES, "assumed", lang, cycle=cycle, items="; ".join(items[:6]))


def _cluster(region: str) -> str:
    """The region's cluster (``kota``, ``kabupaten``, ``provinsi``), '' when unknown."""
    try:
        from inovlab.io.regions import load_regions

        table = load_regions()
        hit = table.loc[table["nama_daerah"] == region, "jenis"]
        return str(hit.iloc[0]) if len(hit) else ""
    except Exception:  # a title without the cluster name is still right
        return ""


def _title(slide, text: str) -> None:
    from pptx.util import Inches, Pt

    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(TITLE_TOP)
    shape.width, shape.height = Inches(SLIDE_W - 2 * MARGIN), Inches(TITLE_H)
    shape.text = text
    frame = shape.text_frame
    frame.word_wrap = True
    for para in frame.paragraphs:
        para.alignment = 1  # left
        para.font.size = Pt(title_size(text))
        para.font.bold = True
        para.font.color.rgb = _rgb(NAVY)
    bar = slide.shapes.add_shape(1, Inches(MARGIN), Inches(TITLE_TOP + TITLE_H + 0.05),
                                 Inches(1.2), Inches(0.06))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(ACCENT)
    bar.line.fill.background()


def _text(slide, left, top, width, height, lines, size=14, color=GREY):
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.font.size = Pt(size)
        para.font.color.rgb = _rgb(color)
    return box


def _picture(slide, path: Path, left, top, width, height) -> None:
    from PIL import Image
    from pptx.util import Inches

    with Image.open(path) as img:
        w, h = img.size
    x, y, bw, bh = fit_box(w, h, left, top, width, height)
    slide.shapes.add_picture(str(path), Inches(x), Inches(y), Inches(bw), Inches(bh))


def _numbers_table(slide, rows, left, top, width, lang) -> None:
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_table(len(rows) + 1, 2, Inches(left), Inches(top), Inches(width),
                                   Inches(0.45) * (len(rows) + 1))
    table = shape.table
    table.columns[0].width = Inches(width * 0.45)
    table.columns[1].width = Inches(width * 0.55)
    table.cell(0, 0).text = message(_MESSAGES, "number", lang)
    table.cell(0, 1).text = message(_MESSAGES, "value", lang)
    for i, (name, value) in enumerate(rows, start=1):
        table.cell(i, 0).text, table.cell(i, 1).text = _keep_sign(name), _keep_sign(value)
    for row in table.rows:
        for cell in row.cells:
            for para in cell.text_frame.paragraphs:
                para.font.size = Pt(12)


def _keep_sign(text) -> str:
    """``text`` with the minus of each negative number as U+2212, which a line never breaks
    after (a hyphen-minus may end a line and leave the number on the next).

    Examples
    --------
    >>> _keep_sign("Kelemahan 1: jumlah inovasi: -27,66"), _keep_sign("2024-2026")
    ('Kelemahan 1: jumlah inovasi: −27,66', '2024-2026')
    """
    return re.sub(r"(?<![\w)])-(?=\d)", "\u2212", str(text))


def _footer(slide, text: str) -> None:
    _text(slide, MARGIN, FOOTER_TOP, SLIDE_W - 2 * MARGIN, 0.4, [text], size=10)


def _notes(slide, key: str, lang: str) -> None:
    slide.notes_slide.notes_text_frame.text = message(_READ, key, lang)


def _content_slide(prs, run_dir: Path, key, stems, prefixes, numbers, lang, cluster, footer):
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    figure = next((run_dir / FIGURES / f"{s}.png" for s in stems
                   if (run_dir / FIGURES / f"{s}.png").exists()), None)
    shown = OWN_POINT_FIGURES.get(figure.stem, key) if key == "drivers" and figure else key
    if key == "peers" and (figure is None or figure.stem == OWN_WEAKNESS_FIGURE):
        shown = "weaknesses"  # no peer comparison: the slide claims no position among peers
    title = message(_MESSAGES, shown, lang, cluster=cluster_label(cluster or "", lang))
    _title(slide, title.replace("  ", " "))  # no cluster known: no double space
    rows = _number_rows(numbers, prefixes, lang)
    width = SLIDE_W - 2 * MARGIN
    if figure is not None:
        area = width - 4.6 if rows else width
        _picture(slide, figure, MARGIN, BODY_TOP, area, BODY_BOTTOM - BODY_TOP)
    if rows:
        left = MARGIN + (width - 4.3 if figure is not None else 0)
        _numbers_table(slide, rows, left, BODY_TOP + 0.2, 4.3 if figure is not None else width, lang)
    if figure is None and not rows:
        _text(slide, MARGIN, BODY_TOP + 0.5, width, 1.0, [message(_MESSAGES, "no_content", lang)], 18)
    _footer(slide, footer)
    _notes(slide, shown, lang)


def build_deck(run_dir: str | Path, lang: str = "id", out: str | Path | None = None) -> Path:
    """Build the clinic deck of a run folder; returns the ``.pptx`` path.

    Slides: title (pemda, cycle, date, data source, rule confidence); trajectory; peers; drivers (per
    cluster); priorities; readiness; plan to target; data sources and assumed rules. Every
    shape lies inside the 13.33 x 7.5 inch slide: titles get a size that keeps them on two
    lines of their box, figures are scaled to the free area, at most
    :data:`MAX_NUMBERS` key numbers (from ``ringkasan.json``) per slide. Each slide's
    speaker notes hold its "how to read it" sentence.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "manifest.json").write_text(json.dumps({"cycle": 2026, "region": "Kota Bogor"}))
    >>> build_deck(d).name
    'deck_klinik.pptx'
    """
    from pptx import Presentation
    from pptx.util import Inches

    from inovlab.i18n import format_date
    from inovlab.report.context import _made

    run_dir = Path(run_dir)
    manifest_path = run_dir / "manifest.json"
    if not manifest_path.exists():
        raise UsageError(message(_MESSAGES, "not_run", lang, path=run_dir))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    numbers = read_numbers(run_dir)
    region, cycle = manifest.get("region", "?"), manifest.get("cycle", "?")
    kind = _source_kind(manifest)
    source = source_label(kind, lang)
    date = format_date(_made(manifest.get("started")), lang)
    footer = f"{region} · {message(_MESSAGES, 'source_line', lang, source=source)}"

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    _title_slide(prs, region, cycle, date, source, kind, lang, _rules_line(manifest, lang))
    cluster = _cluster(region)
    for key, stems, prefixes in SLIDES:
        _content_slide(prs, run_dir, key, stems, prefixes, numbers, lang, cluster, footer)

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _title(slide, message(_MESSAGES, "notes", lang))
    lines = [message(_MESSAGES, "source_line", lang, source=source),
             _assumptions(manifest, lang),
             message(_MESSAGES, "run_line", lang,
                     version=manifest.get("packages", {}).get("inovlab", "?"), date=date)]
    _text(slide, MARGIN, BODY_TOP + 0.2, SLIDE_W - 2 * MARGIN, 4.5, lines, size=18)
    _notes(slide, "notes", lang)

    target = Path(out) if out else run_dir / DECK_FILE
    from inovlab.io.export import atomic_path

    with atomic_path(target) as tmp:
        prs.save(str(tmp))
    return target


def _rules_line(manifest: dict, lang: str) -> str:
    """The rule confidence of the run's cycle in words, as every report's header says it
    (``Keyakinan aturan siklus: diasumsikan (1 aturan atau indikator diasumsikan)``)."""
    from inovlab.report.context import context_from

    try:
        context = context_from(manifest.get("region", ""), int(manifest.get("cycle", 0)), lang,
                               manifest.get("parameters", {}), manifest.get("started"))
    except (TypeError, ValueError):  # a manifest without a cycle: the header says nothing
        return ""
    return context.lines()[-1]


def _title_slide(prs, region, cycle, date, source, kind, lang, rules: str = "") -> None:
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, sub = slide.shapes.title, slide.placeholders[1]
    width = SLIDE_W - 2 * MARGIN
    title.left, title.top, title.width, title.height = (Inches(MARGIN), Inches(2.0),
                                                        Inches(width), Inches(1.6))
    title.text = f"{message(_MESSAGES, 'title', lang)}: {region}"
    title.text_frame.word_wrap = True
    for para in title.text_frame.paragraphs:
        para.font.size = Pt(title_size(title.text) + 6)
        para.font.bold = True
        para.font.color.rgb = _rgb(NAVY)
    sub.left, sub.top, sub.width, sub.height = (Inches(MARGIN), Inches(3.9), Inches(width),
                                                Inches(1.3))
    sub.text = message(_MESSAGES, "subtitle", lang, cycle=cycle, date=date, source=source,
                       rules=rules).rstrip("\n")
    for para in sub.text_frame.paragraphs:
        para.font.size = Pt(20)
        para.font.color.rgb = _rgb(GREY)
    if "demo" in kind.split("+"):
        _text(slide, MARGIN, 5.5, width, 0.6, [message(_MESSAGES, "demo", lang)], 16, "8A6D00")
    _notes(slide, "title", lang)
