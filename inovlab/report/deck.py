"""The coaching-clinic deck: a PowerPoint built from a run folder (``inovlab deck RUN_DIR``).

The deck reads only what the run left behind, so it can be rebuilt without re-running:
figures (``figures/<name>.png``), key numbers (``ringkasan.json``, written by
``outputs.record_number``) and ``manifest.json`` (region, cycle, data source, assumed rules).
One slide per question the clinic asks; each shows its figure when the run made it and a
table of its key numbers (the numbers are matched by name prefix, e.g. ``kesiapan_*``).
"""

from __future__ import annotations

import json
from pathlib import Path

from inovlab.errors import UsageError
from inovlab.i18n import format_number, message, source_label
from inovlab.workbook.outputs import FIGURES, read_numbers

DECK_FILE = "deck_klinik.pptx"

# A slide whose figure is the region's own breakdown (no cross-region drivers in the run)
# is titled as such, not as "drivers".
OWN_POINT_FIGURES = {"uraian_poin": "own_points", "poin_indikator": "own_points"}

# (key, figure stems tried in order, number-name prefixes)
SLIDES = (
    ("trajectory", ("lintasan", "ikhtisar_klaster"), ("ikhtisar_", "peringkat")),
    ("peers", ("pembanding_indikator", "pembanding"), ("pembanding_",)),
    ("drivers", ("penggerak", "uraian_poin", "poin_indikator"), ("penggerak_",)),
    ("priorities", ("prioritas", "poin_indikator", "klinik_kelemahan"), ("prioritas_",)),
    ("readiness", ("kesiapan_inovasi", "kesiapan"), ("kesiapan_",)),
    ("plan", ("rencana", "skenario"), ("rencana_",)),
)

_MESSAGES = {
    "title": {"id": "Klinik Inovasi Daerah: {region}", "en": "Regional Innovation Clinic: {region}"},
    "subtitle": {"id": "Indeks Inovasi Daerah, siklus {cycle} · {source}",
                 "en": "Regional Innovation Index, cycle {cycle} · {source}"},
    "trajectory": {"id": "Lintasan skor dan predikat", "en": "Score and predicate trajectory"},
    "peers": {"id": "Posisi di antara daerah pembanding", "en": "Position among peers"},
    "drivers": {"id": "Penggerak peringkat utama", "en": "Top ranking drivers"},
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
    "rules_line": {"id": "Aturan siklus {cycle}: {text}", "en": "Rules of cycle {cycle}: {text}"},
    "run_line": {"id": "Dibuat oleh inovlab {version} dari run {folder}.",
                 "en": "Made by inovlab {version} from run {folder}."},
    "not_run": {"id": "{path} bukan folder run inovlab (tidak ada manifest.json).",
                "en": "{path} is not an inovlab run folder (no manifest.json)."},
}


def _source_kind(manifest: dict) -> str:
    """``user``, ``demo`` or ``user+demo`` from the run's file parameters and ``demo``."""
    params = manifest.get("parameters", {})
    files = [k for k in ("hasil_path", "spd_path", "inovasi_path") if params.get(k)]
    if not files:
        return "demo" if params.get("demo", True) else "user"
    return "user+demo" if params.get("demo") and len(files) < 3 else "user"


def _rank_text(rank: dict, lang: str) -> str:
    """The ``peringkat`` entry of ``ringkasan.json`` in one line, the field named."""
    shown = rank.get("proyeksi") or rank.get("saat_ini")
    text = f"{shown if shown is not None else '–'} / {rank.get('n_bidang')} ({rank.get('bidang')})"
    if rank.get("median") is not None:
        text += f"; {rank['p05']}–{rank['p95']}"
    return text


def _value_text(value, lang: str) -> str:
    if isinstance(value, dict) and "bidang" in value:
        return _rank_text(value, lang)
    if isinstance(value, bool) or value is None:
        return "–" if value is None else str(value)
    if isinstance(value, int):
        return format_number(value, 0, lang)
    if isinstance(value, float):
        return format_number(value, 2, lang)
    return str(value)


def _assumptions(manifest: dict, numbers: dict, lang: str) -> str:
    if "aturan_asumsi" in numbers:
        return str(numbers["aturan_asumsi"]["value"])
    try:
        from inovlab.rules.framework import load_framework

        table = load_framework(int(manifest["cycle"])).assumptions()
        if hasattr(table, "empty"):
            if table.empty:
                return "semua terkonfirmasi" if lang == "id" else "all confirmed"
            col = next((c for c in ("item", "aturan", "rule") if c in table.columns),
                       table.columns[0])
            return ", ".join(map(str, table[col].head(8)))
        return ", ".join(map(str, list(table)[:8]))
    except Exception:  # the deck must not fail on a missing rule file
        return "–"


def build_deck(run_dir: str | Path, lang: str = "id", out: str | Path | None = None) -> Path:
    """Build the clinic deck of a run folder; returns the ``.pptx`` path.

    Slides: title; trajectory; peers; drivers; priorities; readiness; plan to target;
    data sources and assumed rules. Every slide has a title; a content slide holds its
    figure (picture) and/or a table of key numbers, or a one-line note when the run had
    nothing for it.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "manifest.json").write_text(json.dumps({"cycle": 2026, "region": "Kota Bogor"}))
    >>> build_deck(d).name
    'deck_klinik.pptx'
    """
    from pptx import Presentation
    from pptx.util import Inches, Pt

    run_dir = Path(run_dir)
    manifest_path = run_dir / "manifest.json"
    if not manifest_path.exists():
        raise UsageError(message(_MESSAGES, "not_run", lang, path=run_dir))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    numbers = read_numbers(run_dir)
    region, cycle = manifest.get("region", "?"), manifest.get("cycle", "?")
    source = source_label(_source_kind(manifest), lang)

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title_layout, content_layout = prs.slide_layouts[0], prs.slide_layouts[5]  # 5: title only

    slide = prs.slides.add_slide(title_layout)
    slide.shapes.title.text = message(_MESSAGES, "title", lang, region=region)
    slide.placeholders[1].text = message(_MESSAGES, "subtitle", lang, cycle=cycle, source=source)

    for key, stems, prefix in SLIDES:
        slide = prs.slides.add_slide(content_layout)
        figure = next((run_dir / FIGURES / f"{s}.png" for s in stems
                       if (run_dir / FIGURES / f"{s}.png").exists()), None)
        title = OWN_POINT_FIGURES.get(figure.stem, key) if key == "drivers" and figure else key
        slide.shapes.title.text = message(_MESSAGES, title, lang)
        rows = [(v.get("label") or k, _value_text(v.get("value"), lang))
                for k, v in numbers.items() if k.startswith(prefix)][:8]
        left = Inches(0.5)
        if figure is not None:
            width = Inches(8.3) if rows else Inches(12.3)
            slide.shapes.add_picture(str(figure), left, Inches(1.5), width=width)
            left = Inches(9.0)
        if rows:
            shape = slide.shapes.add_table(len(rows) + 1, 2, left, Inches(1.6),
                                           Inches(12.8) - left, Inches(0.4) * (len(rows) + 1))
            table = shape.table
            table.cell(0, 0).text = message(_MESSAGES, "number", lang)
            table.cell(0, 1).text = message(_MESSAGES, "value", lang)
            for i, (label, value) in enumerate(rows, start=1):
                table.cell(i, 0).text, table.cell(i, 1).text = str(label), value
            for row in table.rows:
                for cell in row.cells:
                    for para in cell.text_frame.paragraphs:
                        para.font.size = Pt(13)
        if figure is None and not rows:
            box = slide.shapes.add_textbox(Inches(0.5), Inches(2.0), Inches(12), Inches(1))
            box.text_frame.text = message(_MESSAGES, "no_content", lang)

    slide = prs.slides.add_slide(content_layout)
    slide.shapes.title.text = message(_MESSAGES, "notes", lang)
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.6), Inches(12.3), Inches(5))
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = message(_MESSAGES, "source_line", lang, source=source)
    for text in (message(_MESSAGES, "rules_line", lang, cycle=cycle,
                         text=_assumptions(manifest, numbers, lang)),
                 message(_MESSAGES, "run_line", lang,
                         version=manifest.get("packages", {}).get("inovlab", "?"),
                         folder=run_dir.name)):
        frame.add_paragraph().text = text
    for para in frame.paragraphs:
        para.font.size = Pt(16)

    target = Path(out) if out else run_dir / DECK_FILE
    tmp = target.with_suffix(".pptx.tmp")
    prs.save(str(tmp))
    tmp.replace(target)
    return target
