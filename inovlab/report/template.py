"""The Excel template an OPD fills in for one IID cycle (``inovlab template``).

Sheets, in order:

1. ``Inovasi`` -- the ``inovasi`` contract columns (header in row 1, so the file reads back
   with :func:`inovlab.io.validation.load_table` unchanged), with drop-down lists for
   ``tahapan``, ``urusan`` (the framework's urusan), ``opd`` (from ``--opd-list``),
   ``tahun`` and ``nama_daerah``, and levels 0-3 for ``ind_16`` ... with the cycle's level
   descriptions as input help (shortened to Excel's 255 characters) and in full as header
   comments.
2. ``Petunjuk`` -- how to fill it in, the cycle's rules that decide what counts.
3. ``Indikator`` -- every indicator of the cycle: code, name, weight, mandatory, levels 1-3,
   rule confidence.
4. ``SPD`` -- region-level indicators in the long form (``tahun, nama_daerah, indikator,
   level``) pre-filled with codes; ``nama_indikator`` is a helper column the reader drops.
5. ``Daftar`` (hidden) -- the lists behind the drop-downs.

Text from user files (OPD names, the region) is neutralised in every sheet, the hidden one
included: a name starting with ``= + - @`` gets a leading ``'`` and is stored as text.

Several OPD files can be checked together: ``inovlab check --inovasi opd_*.xlsx``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from inovlab.i18n import confidence_label, message
from inovlab.rules.framework import ASSUMED, Framework, load_framework

SHEET_INNOVATIONS = "Inovasi"
SHEET_SPD = "SPD"
N_ROWS = 300
"""Rows prepared with drop-downs on the ``Inovasi`` sheet."""

STAGES = ("inisiatif", "uji coba", "penerapan")

BASE_COLUMNS = ("tahun", "nama_daerah", "id_inovasi", "nama_inovasi", "opd", "tahapan", "urusan",
                "tanggal_penerapan", "kata_rancang_bangun", "durasi_video_detik")

_HELP = {
    "tahun": {"id": "Tahun siklus IID ({cycle}).", "en": "IID cycle year ({cycle})."},
    "nama_daerah": {"id": "Nama pemda, mis. 'Kota Pangkalpinang'.",
                    "en": "Region name, e.g. 'Kota Pangkalpinang'."},
    "id_inovasi": {"id": "Kode unik inovasi di pemda, mis. DINKES-01 (awali dengan singkatan OPD).",
                   "en": "Unique innovation code in the region, e.g. DINKES-01."},
    "nama_inovasi": {"id": "Nama inovasi seperti di portal IID.", "en": "Innovation name."},
    "opd": {"id": "Perangkat daerah penanggung jawab.", "en": "Responsible OPD."},
    "tahapan": {"id": "Pilih: inisiatif / uji coba / penerapan. Hanya penerapan yang dinilai.",
                "en": "Choose: inisiatif / uji coba / penerapan. Only penerapan is scored."},
    "urusan": {"id": "Urusan pemerintahan (pilih dari daftar).",
               "en": "Government affair (choose from the list)."},
    "tanggal_penerapan": {"id": "Tanggal mulai penerapan (dd/mm/yyyy). Jendela siklus ini: {window}.",
                          "en": "Date implementation started (dd/mm/yyyy). Window: {window}."},
    "kata_rancang_bangun": {"id": "Jumlah kata rancang bangun (minimal: {words}).",
                            "en": "Words in the design narrative (minimum: {words})."},
    "durasi_video_detik": {"id": "Durasi video dalam detik (maksimal {secs}; 4:30 juga boleh).",
                           "en": "Video length in seconds (at most {secs}; 4:30 accepted)."},
}

_TEXT = {
    "title": {"id": "Templat usulan inovasi daerah — IID {cycle}",
              "en": "Regional innovation submission template — IID {cycle}"},
    "steps": {"id": [
        "Isi satu baris per inovasi di sheet 'Inovasi', mulai baris 2. Jangan ubah judul kolom di baris 1 dan jangan sisipkan baris di atasnya.",
        "Kolom tahun, nama_daerah, id_inovasi, nama_inovasi, opd dan tahapan wajib diisi di setiap baris.",
        "id_inovasi harus unik di seluruh pemda: awali dengan singkatan OPD (mis. DINKES-01), karena berkas semua OPD diperiksa bersama.",
        "tahapan, urusan, opd dan level indikator dipilih dari daftar (klik sel, lalu panah di kanan).",
        "ind_16 ... ind_35: level bukti dukung 0-3 per indikator. 0 atau kosong = tidak ada bukti dukung yang sah. Arti tiap level ada di sheet 'Indikator' dan muncul saat sel dipilih.",
        "Isi level sesuai bukti dukung yang benar-benar diunggah: tim verifikasi menilai ulang, klaim tanpa bukti diturunkan.",
        "Sheet 'SPD' untuk indikator tingkat pemda (diisi Litbang/Bappeda/BRIDA, bukan OPD): isi kolom level 0-3 untuk setiap kode indikator.",
        "Simpan sebagai .xlsx dan kirim ke Litbang/BRIDA. Jangan mengubah nama sheet.",
    ], "en": [
        "Fill one row per innovation on the 'Inovasi' sheet, from row 2. Do not change the headers in row 1 or insert rows above them.",
        "tahun, nama_daerah, id_inovasi, nama_inovasi, opd and tahapan are required on every row.",
        "id_inovasi must be unique across the region: start it with the OPD's abbreviation (e.g. DINKES-01), because all OPD files are checked together.",
        "tahapan, urusan, opd and indicator levels are chosen from drop-down lists.",
        "ind_16 ... ind_35: evidence level 0-3 per indicator. 0 or blank = no valid evidence. The meaning of each level is on the 'Indikator' sheet and shows when a cell is selected.",
        "Enter the level your uploaded evidence supports: the verification team re-scores and claims without evidence are scored down.",
        "The 'SPD' sheet holds the region-level indicators (filled by Litbang/Bappeda/BRIDA, not by OPDs): enter level 0-3 for each indicator code.",
        "Save as .xlsx and send to Litbang/BRIDA. Do not rename the sheets.",
    ]},
    "rules": {"id": "Aturan siklus {cycle} yang menentukan inovasi dihitung",
              "en": "Rules of cycle {cycle} that decide whether an innovation counts"},
    "rule_rows": {"id": [
        ("Tahapan yang dinilai", "{stage}", "counted_stage"),
        ("Jendela waktu penerapan", "{window}", "window_start"),
        ("Minimal kata rancang bangun", "{words}", "min_design_words"),
        ("Durasi video maksimal (detik)", "{secs}", "max_video_seconds"),
        ("Pembagi minimum MAX(d, n)", "{floor}", "divisor_floor"),
        ("Minimal urusan pelayanan dasar tercakup (dari 6)", "{urusan}", "jumlah_urusan_min"),
        ("Skor kematangan maksimum per inovasi", "{kmax}", "kematangan_max"),
    ], "en": [
        ("Stage that is scored", "{stage}", "counted_stage"),
        ("Implementation window", "{window}", "window_start"),
        ("Minimum design-narrative words", "{words}", "min_design_words"),
        ("Maximum video length (s)", "{secs}", "max_video_seconds"),
        ("Divisor floor MAX(d, n)", "{floor}", "divisor_floor"),
        ("Basic-service urusan to cover (of 6)", "{urusan}", "jumlah_urusan_min"),
        ("Maximum kematangan per innovation", "{kmax}", "kematangan_max"),
    ]},
    "rule_head": {"id": ["Aturan", "Nilai", "Keyakinan"], "en": ["Rule", "Value", "Confidence"]},
    "unknown": {"id": "tidak diketahui (tidak diperiksa)", "en": "unknown (not checked)"},
    "note_house": {"id": "Catatan: batas kematangan 70 dan '2 inovasi per OPD' adalah aturan daerah, bukan pedoman resmi; inovasi di bawah skor impas menurunkan IID.",
                   "en": "Note: the kematangan floor of 70 and '2 innovations per OPD' are local rules, not the official guideline; innovations below the break-even lower the IID."},
    "ind_head": {"id": ["kode", "jenis", "nama indikator", "bobot", "wajib", "level 1", "level 2",
                        "level 3", "skor maksimum", "keyakinan aturan"],
                 "en": ["code", "unit", "indicator", "weight", "mandatory", "level 1", "level 2",
                        "level 3", "maximum score", "rule confidence"]},
    "unit": {"id": {"spd": "SPD (pemda)", "sid": "SID (per inovasi)"},
             "en": {"spd": "SPD (region)", "sid": "SID (per innovation)"}},
    "yes": {"id": "ya", "en": "yes"}, "no": {"id": "tidak", "en": "no"},
    "level_prompt": {"id": "0 = tidak ada bukti. 1: {l1} 2: {l2} 3: {l3}",
                     "en": "0 = no evidence. 1: {l1} 2: {l2} 3: {l3}"},
}


def _rule_text(fw: Framework, lang: str) -> dict:
    start, end = fw.window
    unknown = message(_TEXT, "unknown", lang)
    window = f"{start or '…'} s.d. {end or '…'}" if (start or end) else unknown
    return {"stage": fw.rule("counted_stage") or unknown, "window": window,
            "words": fw.rule("min_design_words") or unknown,
            "secs": fw.rule("max_video_seconds") or unknown, "floor": fw.divisor_floor,
            "urusan": fw.urusan_min, "kmax": fw.kematangan_max}


def indicator_sheet(fw: Framework, lang: str = "id") -> pd.DataFrame:
    """The ``Indikator`` sheet: every indicator of the cycle with its levels.

    Examples
    --------
    >>> t = indicator_sheet(load_framework(2026))
    >>> t.columns[:5].tolist(), len(t)
    (['kode', 'jenis', 'nama indikator', 'bobot', 'wajib'], 40)
    """
    ind = fw.indicators
    head = _TEXT["ind_head"][lang]
    units = _TEXT["unit"][lang]
    yes, no = message(_TEXT, "yes", lang), message(_TEXT, "no", lang)
    return pd.DataFrame({
        head[0]: ind["code"].astype(str),
        head[1]: ind["unit"].map(units),
        head[2]: ind["name_id" if lang == "id" else "name_en"],
        head[3]: ind["weight"],
        head[4]: ind["mandatory"].map({True: yes, False: no}),
        head[5]: ind["level_1"].fillna(""),
        head[6]: ind["level_2"].fillna(""),
        head[7]: ind["level_3"].fillna(""),
        head[8]: ind["weight"] * 3,
        head[9]: [confidence_label(c, lang) for c in ind["confidence"]],
    })


def spd_sheet(fw: Framework, region: str | None = None) -> pd.DataFrame:
    """The ``SPD`` sheet: one row per region-level indicator, ``level`` left blank.

    Examples
    --------
    >>> spd_sheet(load_framework(2026), "Kota Pangkal Pinang")["indikator"].tolist()[:3]
    ['1', '2a', '2b']
    """
    spd = fw.indicators[fw.indicators["unit"] == "spd"]
    return pd.DataFrame({"tahun": fw.cycle, "nama_daerah": region or "",
                         "indikator": spd["code"].astype(str).to_numpy(), "level": None,
                         "nama_indikator": spd["name_id"].to_numpy()})


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_template(cycle: int, opd_list=None, region: str | None = None, lang: str = "id",
                   n_rows: int = N_ROWS):
    """Build the OPD workbook in memory.

    Parameters
    ----------
    cycle : int
        IID cycle; the indicators, levels and rules come from its framework.
    opd_list : list of str, optional
        OPD names for the ``opd`` drop-down (otherwise free text).
    region : str, optional
        Official region name pre-filled on the SPD sheet and offered on ``nama_daerah``.
    lang : {"id", "en"}
        Language of the help text; column names stay the contract's.
    n_rows : int
        Rows prepared with drop-downs.

    Returns
    -------
    openpyxl.Workbook

    Examples
    --------
    >>> wb = build_template(2026)
    >>> wb.sheetnames
    ['Inovasi', 'Petunjuk', 'Indikator', 'SPD', 'Daftar']
    >>> [c.value for c in wb["Inovasi"][1]][:6]
    ['tahun', 'nama_daerah', 'id_inovasi', 'nama_inovasi', 'opd', 'tahapan']
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from inovlab.io.export import neutralise_workbook

    fw = load_framework(cycle)
    rules = _rule_text(fw, lang)
    sid = fw.indicators[fw.indicators["unit"] == "sid"]
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    mand_fill = PatternFill("solid", fgColor="FCE4D6")

    # hidden lists behind the drop-downs
    lists = wb.create_sheet("Daftar")
    urusan = fw.urusan["urusan"].tolist()
    opds = [str(o) for o in (opd_list or []) if str(o).strip()]
    columns_lists = {"A": ["tahapan", *STAGES], "B": ["urusan", *urusan], "C": ["opd", *opds],
                     "D": ["nama_daerah", *([region] if region else [])]}
    for col, values in columns_lists.items():
        for i, v in enumerate(values, start=1):
            lists[f"{col}{i}"] = v
    lists.sheet_state = "hidden"

    ws = wb.active
    ws.title = SHEET_INNOVATIONS
    headers = list(BASE_COLUMNS) + fw.sid_columns
    last = n_rows + 1
    for j, name in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=j, value=name)
        cell.font = bold
        cell.fill = fill
        ws.column_dimensions[get_column_letter(j)].width = max(12, len(name) + 2)
    ws.column_dimensions["D"].width = 40
    ws.column_dimensions["E"].width = 30
    ws.column_dimensions["G"].width = 30
    ws.freeze_panes = "D2"

    def add_dv(dv: DataValidation, col: int, title: str, prompt: str):
        dv.promptTitle = _short(title, 32)
        dv.prompt = _short(prompt, 255)
        dv.showInputMessage = True
        dv.showErrorMessage = True
        dv.errorTitle = _short(title, 32)
        dv.error = _short(prompt, 255)
        ws.add_data_validation(dv)
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}{last}")

    fmt = {"cycle": cycle, "window": rules["window"], "words": rules["words"], "secs": rules["secs"]}
    col_of = {name: j for j, name in enumerate(headers, start=1)}
    for name in BASE_COLUMNS:
        help_text = message(_HELP, name, lang, **fmt)
        ws.cell(row=1, column=col_of[name]).comment = Comment(help_text, "inovlab")
    add_dv(DataValidation(type="list", formula1=f'"{cycle}"', allow_blank=True),
           col_of["tahun"], "tahun", message(_HELP, "tahun", lang, **fmt))
    if region:
        add_dv(DataValidation(type="list", formula1="Daftar!$D$2:$D$2", allow_blank=True),
               col_of["nama_daerah"], "nama_daerah", message(_HELP, "nama_daerah", lang))
    add_dv(DataValidation(type="list", formula1=f"Daftar!$A$2:$A${len(STAGES) + 1}",
                          allow_blank=True),
           col_of["tahapan"], "tahapan", message(_HELP, "tahapan", lang))
    dv = DataValidation(type="list", formula1=f"Daftar!$B$2:$B${len(urusan) + 1}",
                        allow_blank=True)
    add_dv(dv, col_of["urusan"], "urusan", message(_HELP, "urusan", lang))
    dv.showErrorMessage = False  # other wording of an urusan is still accepted by the reader
    if opds:
        add_dv(DataValidation(type="list", formula1=f"Daftar!$C$2:$C${len(opds) + 1}",
                              allow_blank=True), col_of["opd"], "opd", message(_HELP, "opd", lang))
    add_dv(DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True),
           col_of["tanggal_penerapan"], "tanggal_penerapan",
           message(_HELP, "tanggal_penerapan", lang, **fmt))
    for name in ("kata_rancang_bangun",):
        add_dv(DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True), col_of[name], name,
               message(_HELP, name, lang, **fmt))
    add_dv(DataValidation(type="custom", formula1="TRUE", allow_blank=True),
           col_of["durasi_video_detik"], "durasi_video_detik",
           message(_HELP, "durasi_video_detik", lang, **fmt))
    for row in sid.itertuples():
        col = col_of[f"ind_{row.code}"]
        name = row.name_id if lang == "id" else row.name_en
        title = f"{row.code} {name}"
        wajib = " (WAJIB)" if row.mandatory else ""
        prompt = message(_TEXT, "level_prompt", lang, l1=_short(row.level_1, 70),
                         l2=_short(row.level_2, 70), l3=_short(row.level_3, 70))
        add_dv(DataValidation(type="list", formula1='"0,1,2,3"', allow_blank=True), col,
               title + wajib, prompt)
        full = (f"{title}{wajib}\nbobot {row.weight:g}\n1: {row.level_1}\n2: {row.level_2}\n"
                f"3: {row.level_3}")
        if row.confidence in ASSUMED:
            full += f"\n({confidence_label(row.confidence, lang)})"
        comment = Comment(full, "inovlab")
        comment.width, comment.height = 420, 260
        head = ws.cell(row=1, column=col)
        head.comment = comment
        if row.mandatory:
            head.fill = mand_fill

    # Petunjuk
    guide = wb.create_sheet("Petunjuk")
    guide["A1"] = message(_TEXT, "title", lang, cycle=cycle)
    guide["A1"].font = Font(bold=True, size=14)
    r = 3
    for i, step in enumerate(_TEXT["steps"][lang], start=1):
        guide.cell(row=r, column=1, value=f"{i}. {step}").alignment = Alignment(wrap_text=True)
        guide.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        guide.row_dimensions[r].height = 32
        r += 1
    r += 1
    guide.cell(row=r, column=1, value=message(_TEXT, "rules", lang, cycle=cycle)).font = bold
    r += 1
    for j, h in enumerate(_TEXT["rule_head"][lang], start=1):
        guide.cell(row=r, column=j, value=h).font = bold
    for label, value, rule in _TEXT["rule_rows"][lang]:
        r += 1
        guide.cell(row=r, column=1, value=label)
        guide.cell(row=r, column=2, value=str(value.format(**rules)))
        guide.cell(row=r, column=3, value=confidence_label(fw.confidence(rule), lang))
    r += 2
    guide.cell(row=r, column=1, value=message(_TEXT, "note_house", lang))
    guide.column_dimensions["A"].width = 60
    guide.column_dimensions["B"].width = 30
    guide.column_dimensions["C"].width = 30

    # Indikator
    ind = wb.create_sheet("Indikator")
    table = indicator_sheet(fw, lang)
    for j, h in enumerate(table.columns, start=1):
        ind.cell(row=1, column=j, value=h).font = bold
    for i, values in enumerate(table.itertuples(index=False), start=2):
        for j, v in enumerate(values, start=1):
            ind.cell(row=i, column=j, value=v).alignment = Alignment(wrap_text=True,
                                                                     vertical="top")
    for letter, width in zip("ABCDEFGHIJ", (7, 16, 40, 7, 7, 40, 40, 40, 9, 22), strict=False):
        ind.column_dimensions[letter].width = width
    ind.freeze_panes = "C2"

    # SPD
    spd = wb.create_sheet(SHEET_SPD)
    table = spd_sheet(fw, region)
    for j, h in enumerate(table.columns, start=1):
        spd.cell(row=1, column=j, value=h).font = bold
    spd_ind = fw.indicators[fw.indicators["unit"] == "spd"].reset_index(drop=True)
    for i, values in enumerate(table.itertuples(index=False), start=2):
        for j, v in enumerate(values, start=1):
            if v is not None and v != "":
                spd.cell(row=i, column=j, value=v)
        row = spd_ind.iloc[i - 2]
        spd.cell(row=i, column=3).comment = Comment(
            f"{row['name_id']}\n1: {row['level_1']}\n2: {row['level_2']}\n3: {row['level_3']}",
            "inovlab")
    dv = DataValidation(type="list", formula1='"0,1,2,3"', allow_blank=True)
    spd.add_data_validation(dv)
    dv.add(f"D2:D{len(table) + 1}")
    for letter, width in zip("ABCDE", (8, 30, 10, 8, 60), strict=False):
        spd.column_dimensions[letter].width = width

    wb.move_sheet("Daftar", offset=len(wb.sheetnames))
    wb.active = 0
    # OPD and region names come from user files: none may become a formula, hidden sheet
    # included (the drop-down lists are data validations, not cell values)
    return neutralise_workbook(wb)


def write_template(cycle: int, path, opd_list=None, region: str | None = None,
                   lang: str = "id") -> Path:
    """Build the template and save it atomically to ``path`` (``.xlsx``).

    Examples
    --------
    >>> import tempfile, os
    >>> p = write_template(2026, os.path.join(tempfile.mkdtemp(), "t.xlsx"))
    >>> p.suffix
    '.xlsx'
    """
    from inovlab.io.export import atomic_path

    wb = build_template(cycle, opd_list, region, lang)
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
