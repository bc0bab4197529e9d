"""One table formatter for every table a reader sees (HTML reports, notebooks).

:func:`format_table` turns a canonical DataFrame (contract column names, raw values) into
a reader's table: column labels from the glossary in the report's language, no index,
numbers, percentages and dates in the locale's format (Babel), blanks for missing values,
ya/tidak for booleans, whole numbers for ranks and counts, codes turned into words. The
HTML form (:func:`table_html`) wraps long text instead of cutting it and scrolls
horizontally when the table is wider than the page.

:class:`ShownTable` is what :meth:`inovlab.workbook.section.Section.show` returns: a
DataFrame that Jupyter displays through this formatter, and that carries its raw data in a
JSON display entry so that the HTML export can render it again in the report's language
(:func:`rerender_outputs`).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from inovlab.i18n import SOURCE_LABELS, check_lang, format_date, format_number, format_percent
from inovlab.io.glossary import label
from inovlab.rules.framework import PREDICATES_EN, STAGES_EN, predicate_label

MIME = "application/vnd.inovlab.table+json"

# Years and codes: digits without a thousands separator.
_PLAIN = re.compile(r"^(tahun|tahun_.*|siklus|siklus_.*|kode_wilayah)$")
# Probabilities: percentages.
_PROBABILITY = re.compile(r"^(p_(?!permutasi).*|.*_p_top_k.*|peluang.*|mc_se|galat_p_.*|"
                          r"tambahan_p_.*|galat_tambahan_p_.*)$")
# Scores: two decimals as published, even a whole one ("70,00").
_SCORE = re.compile(r"^(skor.*|.*_skor.*|.*_iid(_.*)?|iid.*)$")
# Standard errors and test p-values: three decimals.
_THREE = re.compile(r"^(.*_se|p_permutasi)$")
# Levels: whole SPD levels and average SID levels side by side ("1" beside "2,77"). The
# peer comparison's value columns hold levels too (and summed points on its variable rows).
_LEVEL = re.compile(r"^(level|level_.*|.*_level|nilai_daerah|median_pembanding|q_bawah|q_atas)$")
# A web address inside a cell (a source), shown in HTML as a link named by its host.
_URL = re.compile(r"https?://[^\s<>\"']+")

_YES_NO = {True: ("ya", "yes"), False: ("tidak", "no")}

# Codes that analyses put in cells, as words (Indonesian, English).
VALUE_WORDS = {
    "ya": ("ya", "yes"), "tidak": ("tidak", "no"),
    "kekuatan": ("kekuatan", "strength"), "kelemahan": ("kelemahan", "weakness"),
    "setara": ("setara", "on par"),
    "indikator": ("indikator", "indicator"), "variabel": ("variabel", "variable"),
    "spd": ("SPD", "SPD"), "sid": ("SID", "SID"),
    "kematangan": ("kematangan", "kematangan (maturity)"),
    "jumlah_inovasi": ("jumlah inovasi", "number of innovations"),
    "total": ("total", "total"),
    "naikkan": ("naikkan level", "raise a level"),
    "keluarkan": ("jangan usulkan", "do not submit"),
    "kejar_opd": ("lengkapi OPD", "complete an OPD"),
    "tambah": ("tambah inovasi", "add innovations"),
    "dasar": ("keadaan sekarang", "current state"),
    "bobot_efektif": ("bobot efektif", "effective weight"),
    "bobot_nominal": ("bobot nominal", "nominal weight"),
    "bobot_pulih_nnls": ("bobot pulihan (NNLS)", "recovered weight (NNLS)"),
    "efek_utama": ("efek utama", "main effect"),
    "hari-orang": ("hari-orang", "person-days"),
    "secondary": ("sumber sekunder", "secondary source"),
    "confirmed": ("terkonfirmasi", "confirmed"),
    "inferred": ("diasumsikan", "assumed"),
    "unknown": ("tidak diketahui (asumsi)", "unknown (assumption)"),
    "inovasi_baru": ("inovasi baru", "new innovations"),
    "tarik_inovasi": ("tarik inovasi lemah", "withdraw weak innovations"),
    # the example scenarios of notebook 04
    "spd_14_penuh": ("SPD 14 penuh (level 3)", "SPD 14 at level 3"),
    "tambah_5_inovasi": ("tambah 5 inovasi", "add 5 innovations"),
    "video_level_3": ("video level 3", "video at level 3"),
    "buang_di_bawah_impas": ("buang inovasi di bawah impas", "drop innovations below break-even"),
}
VALUE_WORDS.update({stage: (stage, english) for stage, english in STAGES_EN.items()})
# Codes whose words depend on the column they are in: (column, code) -> words.
COLUMN_VALUE_WORDS = {
    ("sumber_spd", "spd"): ("berkas SPD daerah ini", "the region's own SPD file"),
    ("sumber_spd", ""): ("tidak ada berkas SPD", "no SPD file"),
}
# Same, for codes with a number in them: (column, pattern) -> words with {0} for the number.
_COLUMN_VALUE_PATTERNS = {
    ("sumber_spd", re.compile(r"hasil (\d{4})")): ("skor SPD dari hasil {0}",
                                                   "SPD score from the {0} results"),
}
# Predikat names stay Indonesian (a domain term); English reports add what they mean.
VALUE_WORDS.update({name: (name, predicate_label(name, "en")) for name in PREDICATES_EN})
# Phrases inside longer cells, id -> en (e.g. "dihitung dari data demo (sintetis)").
_PHRASES = [(v["id"], v["en"]) for v in SOURCE_LABELS.values()] + [
    ("dihitung dari", "computed from"), ("daerah ini", "this region"),
    (" dalam ", " in "), (" kota ", " cities "), (" kabupaten ", " regencies "),
    (" provinsi ", " provinces "), ("pemda dalam berkas", "pemda in the file"),
]

# Columns that name the region: shown together on a page that names the region, they repeat it.
REGION_KEYS = ("kode_wilayah", "nama_daerah", "jenis")
_REGION_TYPES = ("provinsi", "kabupaten", "kota")

CSS = (".tabel{overflow-x:auto;max-width:100%;margin:.5em 0 1em}"
       ".tabel table{border-collapse:collapse;font-size:.9em;table-layout:auto}"
       ".tabel th,.tabel td{border-bottom:1px solid #ddd;padding:.3em .6em!important;"
       "vertical-align:top!important;text-align:left!important;white-space:normal!important;"
       "max-width:26em;min-width:3em;overflow-wrap:break-word;word-break:normal!important;"
       "hyphens:none}"
       # numbers stay narrow (their header wraps); names and sentences take the width
       ".tabel th{background:#f2f4f7;font-weight:600}"
       ".tabel td.teks{min-width:6em}"
       ".tabel td.nama{min-width:12em}"
       ".tabel td.panjang{min-width:16em}"
       ".tabel td.angka{text-align:right!important;white-space:nowrap!important}"
       # the first (key) column stays in view while a wide table scrolls sideways
       ".tabel th:first-child,.tabel td:first-child{position:sticky;left:0;z-index:1;"
       "background:#fff;max-width:18em;box-shadow:inset -1px 0 0 #c8ced6}"
       ".tabel th:first-child{background:#f2f4f7}"
       ".tabel td a{color:#1f4e79}")


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def value_words(value, lang: str = "id", column: str | None = None) -> str:
    """A code or phrase from an analysis, in words of ``lang``.

    ``column`` names the column the value comes from, for codes whose words depend on it
    (:data:`COLUMN_VALUE_WORDS`: ``sumber_spd`` ``"spd"`` is the region's own SPD file,
    not the SPD part of the score).

    Examples
    --------
    >>> value_words("bobot_efektif"), value_words("kekuatan", "en")
    ('bobot efektif', 'strength')
    >>> value_words("dihitung dari data demo (sintetis)", "en")
    'computed from demo data (synthetic)'
    >>> value_words("spd_8", "en"), value_words("Visi dan Misi", "en")
    ('SPD indicator 8', 'Visi dan Misi')
    >>> value_words("VIDEO;TAHAPAN", "en")
    'video too long; not at the implementation stage'
    >>> value_words("spd", column="sumber_spd"), value_words("hasil 2025", "en", "sumber_spd")
    ('berkas SPD daerah ini', 'SPD score from the 2025 results')

    """
    text = str(value)
    i = 1 if lang == "en" else 0
    if column is not None:
        words = _column_words(text, column, i)
        if words is not None:
            return words
    if text in VALUE_WORDS:
        return VALUE_WORDS[text][i]
    if re.fullmatch(r"(ind|spd)_\d+[a-z]?", text):
        return label(text, lang)
    from inovlab.report.readiness_report import CODE_MEANING

    if re.fullmatch(r"[A-Z_]+(;[A-Z_]+)*", text):  # readiness problem codes
        return "; ".join(CODE_MEANING.get(c, {}).get(lang, c) for c in text.split(";"))
    # explanations start each sentence with its problem code: the sentence says it in words
    text = re.sub(r"\b(?:" + "|".join(CODE_MEANING) + r"): ", "", text)
    if lang == "en":
        for indonesian, english in _PHRASES:
            text = text.replace(indonesian, english)
    return text


def _column_words(text: str, column: str, i: int) -> str | None:
    """Words for ``text`` in ``column`` (:data:`COLUMN_VALUE_WORDS`), None when it has none."""
    if (column, text) in COLUMN_VALUE_WORDS:
        return COLUMN_VALUE_WORDS[column, text][i]
    for (name, pattern), words in _COLUMN_VALUE_PATTERNS.items():
        match = pattern.fullmatch(text) if name == column else None
        if match:
            return words[i].format(*match.groups())
    return None


def _kind(name: str, series: pd.Series) -> str:
    """How a column is shown: bool, date, plain, int, percent, three, small, level, float or text.

    Whole numbers show without decimals; a column of mostly small values (below 0.1, e.g.
    points per unit of cost) shows three significant digits instead of rounding to 0,00.
    A level column mixing whole levels (SPD) and averages (SID) is ``level``: each cell
    shows a whole value without decimals and a fractional one with two.

    Examples
    --------
    >>> _kind("level_saat_ini", pd.Series([1.0, 2.0])), _kind("biaya", pd.Series([775.0]))
    ('int', 'int')
    >>> _kind("poin_per_biaya", pd.Series([0.08, 0.0005, 0.0, 1.2])), _kind("x", pd.Series([1.5]))
    ('small', 'float')
    >>> _kind("level_saat_ini", pd.Series([1.0, 2.77])), _kind("median_pembanding", pd.Series([1.0, 1.95]))
    ('level', 'level')
    >>> _kind("rencana_skor_baru", pd.Series([70.0])), _kind("rencana_p_top_k", pd.Series([0.49]))
    ('float', 'percent')
    """
    name = str(name)
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    values = series.dropna()
    if (pd.api.types.is_object_dtype(series) and len(values)  # only object columns hold bools
            and values.map(lambda v: isinstance(v, (bool, np.bool_))).all()):
        return "bool"
    if not pd.api.types.is_numeric_dtype(series):
        return "text"
    if _PLAIN.match(name):
        return "plain"
    if _PROBABILITY.match(name):
        return "percent"
    if _THREE.match(name):
        return "three"
    whole = len(values) == 0 or bool(np.all(np.mod(values.to_numpy(dtype=float), 1) == 0))
    if pd.api.types.is_integer_dtype(series) or (whole and not _SCORE.match(name)):
        return "int"
    if _LEVEL.match(name):
        return "level"
    nonzero = np.abs(values.to_numpy(dtype=float))
    nonzero = nonzero[nonzero > 0]
    return "small" if len(nonzero) and np.mean(nonzero < 0.1) > 0.5 else "float"


def _significant(value: float, digits: int = 3) -> int:
    """Decimals that show ``digits`` significant digits of ``value`` (2 to 6).

    Examples
    --------
    >>> _significant(0.0125), _significant(0.08), _significant(0.000516), _significant(3.2)
    (4, 4, 6, 2)
    """
    size = abs(float(value))
    if size == 0 or not np.isfinite(size):
        return 2
    return int(min(6, max(2, digits - 1 - np.floor(np.log10(size)))))


def format_value(value, kind: str, lang: str = "id", column: str | None = None) -> str:
    """One cell as text: blank for missing, locale formats, words for codes.

    ``column`` is the column (or field) the cell belongs to, for codes whose words depend
    on it (:func:`value_words`).

    Examples
    --------
    >>> format_value(47.219145, "float"), format_value(19.0, "int"), format_value(0.0004, "percent")
    ('47,22', '19', '0,04%')
    >>> format_value(True, "bool", "en"), format_value(float("nan"), "float"), format_value(2026, "plain")
    ('yes', '', '2026')
    >>> format_value(0.0125, "small"), format_value(0.08, "small"), format_value(0.0, "small")
    ('0,0125', '0,0800', '0')
    >>> format_value(1.0, "level"), format_value(2.7681, "level", "en")
    ('1', '2.77')
    >>> format_value("spd", "text", column="sumber_spd")
    'berkas SPD daerah ini'
    """
    if _missing(value):
        return ""
    if kind == "bool":
        return _YES_NO[bool(value)][1 if lang == "en" else 0]
    if kind == "date":
        return format_date(pd.Timestamp(value).date(), lang)
    if kind == "plain":
        return str(int(value)) if isinstance(value, (int, float, np.number)) else str(value)
    if kind == "int":
        return format_number(value, 0, lang)
    if kind == "percent":
        return format_percent(value, 2 if abs(float(value)) < 0.01 else 1, lang)
    if kind == "three":
        return format_number(value, 3, lang)
    if kind == "float":
        return format_number(value, 2, lang)
    if kind == "level":
        return format_number(value, 0 if float(value).is_integer() else 2, lang)
    if kind == "small":
        size = float(value)
        return "0" if size == 0 else format_number(size, _significant(size), lang)
    if isinstance(value, (dt.date, pd.Timestamp)):
        return format_date(pd.Timestamp(value).date(), lang)
    if isinstance(value, (list, tuple, set)):
        return ", ".join(value_words(v, lang) for v in value)
    if isinstance(value, (bool, np.bool_)):
        return _YES_NO[bool(value)][1 if lang == "en" else 0]
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return format_value(value, "int" if float(value).is_integer() else "float", lang)
    return value_words(value, lang, column)


def _with_index(df: pd.DataFrame) -> pd.DataFrame:
    """A meaningful index (not 0..n-1) becomes the first column; a default one is dropped."""
    if isinstance(df.index, pd.RangeIndex) and df.index.name is None:
        return df.reset_index(drop=True)
    name = df.index.name or "item"
    out = df.copy()
    out.index = out.index.rename(name)
    out = out.reset_index()
    return out


def _heading(name: str, lang: str, labels: dict | None = None) -> str:
    """The given label, else the glossary's; a name neither knows is shown as words."""
    if labels and name in labels:
        return str(labels[name])
    text = label(name, lang)
    if text == name:
        text = name.replace("_", " ")
        text = text[:1].upper() + text[1:]
    return text


def format_table(df: pd.DataFrame, lang: str = "id", labels: dict | None = None) -> pd.DataFrame:
    """The reader's version of ``df``: labelled columns, every cell a formatted string.

    A transposed one-column table (field names in the index) keeps the field names as a
    labelled first column; the default 0..n-1 index is dropped.

    Parameters
    ----------
    df : DataFrame
        Canonical table (contract column names, raw values).
    lang : {"id", "en"}
    labels : dict, optional
        Labels that replace the glossary's for some columns (or fields of a transposed
        table), e.g. indicator columns named by the cycle's framework.

    Returns
    -------
    DataFrame
        Same rows; column labels from :func:`inovlab.io.glossary.label`; text cells.

    Examples
    --------
    >>> df = pd.DataFrame({"tahun": [2026], "peringkat": [19.0], "skor_iid": [47.219145],
    ...                    "p_top_k": [0.25], "dihitung": [True], "bidang": [None]})
    >>> format_table(df).iloc[0].tolist()
    ['2026', '19', '47,22', '25,0%', 'ya', '']
    >>> list(format_table(df, "en").columns)
    ['Year', 'Rank', 'IID score', 'Chance of the top group', 'Counted', 'Ranked among']
    """
    check_lang(lang)
    transposed = (not isinstance(df.index, pd.RangeIndex)
                  and (df.index.dtype == object or pd.api.types.is_string_dtype(df.index)))
    fields = [str(v) for v in df.index]
    df = _with_index(df)
    out = {}
    for position, name in enumerate(df.columns):
        series = df.iloc[:, position]
        kind = _kind(name, series)
        if position == 0 and transposed:
            cells = [_heading(str(v), lang, labels) for v in series]
        elif transposed:  # one field per row: each cell formatted as its field
            cells = [format_value(v, _kind(f, pd.Series([v])), lang, f)
                     for f, v in zip(fields, series, strict=True)]
        else:
            cells = [format_value(v, kind, lang, str(name)) for v in series]
        heading = _heading(str(name), lang, labels)
        while heading in out:
            heading += " "
        out[heading] = cells
    return pd.DataFrame(out, index=range(len(df)))


def drop_repeated_region(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` without the region's code, name and type when they only repeat one region.

    Region columns (:data:`REGION_KEYS`) holding one value on every row of a table of
    several rows, or two or more of them on a single row, repeat what the page header
    says; they (or, in a table of fields by row, those rows) are left out of the display.
    Exported CSV/XLSX keep them.

    Examples
    --------
    >>> t = pd.DataFrame({"kode_wilayah": ["19.71"] * 2, "nama_daerah": ["Kota X"] * 2,
    ...                   "jenis": ["kota"] * 2, "saran": ["a", "b"]})
    >>> list(drop_repeated_region(t).columns)
    ['saran']
    >>> list(drop_repeated_region(t.assign(nama_daerah=["Kota X", "Kota Y"])).columns)
    ['kode_wilayah', 'nama_daerah', 'jenis', 'saran']
    >>> list(drop_repeated_region(t[["kode_wilayah", "saran"]].assign(kode_wilayah=["19.71", ""]))
    ...      .columns)
    ['saran']
    >>> list(drop_repeated_region(t[["jenis", "saran"]].head(1)).columns)  # one row, one key
    ['jenis', 'saran']
    >>> list(drop_repeated_region(t.assign(jenis="naikkan")).columns)  # advice, not region type
    ['jenis', 'saran']
    >>> fields = pd.DataFrame({"Kota X": ["19.71", "Kota X", 61.5]},
    ...                       index=["kode_wilayah", "nama_daerah", "skor_iid"])
    >>> drop_repeated_region(fields).index.tolist()
    ['skor_iid']
    """
    if isinstance(df.index, pd.RangeIndex) or df.shape[1] != 1:
        present = [c for c in REGION_KEYS if c in df.columns]
        kinds = df["jenis"].fillna("").astype(str).str.strip().str.lower() if "jenis" in df else None
        if kinds is not None and not kinds.isin(_REGION_TYPES + ("",)).all():
            present.remove("jenis")  # a kind of advice (naikkan, keluarkan), not the region's
        # a blank cell (a row about the whole submission) names no other region
        if (len(df) < 2 and len(present) < 2) or any(
                df[c].replace("", pd.NA).nunique() > 1 for c in present):
            return df
        return df.drop(columns=present)
    present = [k for k in REGION_KEYS if k in df.index]  # one column, one field per row
    return df.drop(index=present) if len(present) >= 2 else df


def _width_class(cells: pd.Series, numeric: bool) -> str:
    """CSS class of a column: narrow numbers, wider names, widest sentences.

    Examples
    --------
    >>> _width_class(pd.Series(["1,00"]), True), _width_class(pd.Series(["ya"]), False)
    ('angka', 'teks')
    >>> _width_class(pd.Series(["Dinas Pekerjaan Umum dan Penataan Ruang"]), False)
    'teks nama'
    """
    if numeric:
        return "angka"
    longest = cells.str.len().max() if len(cells) else 0
    return "teks panjang" if longest > 60 else "teks nama" if longest > 25 else "teks"


def lead_columns(df: pd.DataFrame, lead=(), hide=()) -> pd.DataFrame:
    """``df`` for display: the ``lead`` columns first (those present), ``hide`` left out.

    A wide table puts its key and its advice or explanation first, so that what to do is
    in view without scrolling; exported CSV/XLSX keep the analysis' own order.

    Examples
    --------
    >>> t = pd.DataFrame({"tahun": [2026], "skor": [1.0], "saran": ["a"], "id": ["x"]})
    >>> list(lead_columns(t, lead=("id", "saran", "tidak_ada"), hide=("tahun",)).columns)
    ['id', 'saran', 'skor']
    """
    first = [c for c in lead if c in df.columns]
    rest = [c for c in df.columns if c not in first and c not in hide]
    return df[first + rest]


def _host(url: str) -> str:
    """The site a web address points to, without ``www.`` (the address itself if none).

    Examples
    --------
    >>> _host("https://www.jurnalmojo.id/2022/12/kota-mojokerto.html"), _host("http://")
    ('jurnalmojo.id', 'http://')
    """
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed address (e.g. a bad port) stays as written
        host = ""
    return host.removeprefix("www.") or url


def shown_text(cell: str) -> str:
    """The text a reader sees of a cell: each web address as its site's name.

    Examples
    --------
    >>> shown_text("https://news.example.co.id/berita/123 | Kepmendagri 100.4-123")
    'news.example.co.id | Kepmendagri 100.4-123'
    """
    return _URL.sub(lambda m: _host(m.group(0)), cell)


def cell_html(cell: str) -> str:
    """One text cell as HTML: escaped, each web address a short link named by its site.

    The link text is the host; the full address stays in ``href`` (and its tooltip), so a
    150-character source does not fill the cell. A link is not a fetch: the page stays
    offline-safe. Text without an address is only escaped.

    Examples
    --------
    >>> cell_html("https://www.example.id/a?b=1&c=<2> dan SK 5")
    '<a href="https://www.example.id/a?b=1&amp;c=" title="https://www.example.id/a?b=1&amp;c=">example.id</a>&lt;2&gt; dan SK 5'
    >>> cell_html("<b>naikkan</b>")
    '&lt;b&gt;naikkan&lt;/b&gt;'
    """
    parts, last = [], 0
    for m in _URL.finditer(cell):
        url = html.escape(m.group(0))
        parts += [html.escape(cell[last:m.start()]),
                  f'<a href="{url}" title="{url}">{html.escape(_host(m.group(0)))}</a>']
        last = m.end()
    return "".join(parts) + html.escape(cell[last:])


def table_html(df: pd.DataFrame, lang: str = "id", labels: dict | None = None) -> str:
    """``df`` as an HTML table: formatted (:func:`format_table`), escaped, scrollable.

    Numbers are right-aligned; text wraps (never cut); the table scrolls horizontally
    inside its ``div.tabel`` when it is wider than the page, its first column staying in
    view. Columns that only repeat the page's region are left out
    (:func:`drop_repeated_region`). A web address in a text cell (a source) becomes a link
    named by its site (:func:`cell_html`).

    Examples
    --------
    >>> page = table_html(pd.DataFrame({"skor_iid": [61.5], "saran": ["<b>naikkan</b>"]}))
    >>> "Skor IID" in page and "61,50" in page and "&lt;b&gt;" in page and "<th>" in page
    True
    """
    df = drop_repeated_region(df)
    shown = format_table(df, lang, labels)
    full = _with_index(df)
    numeric = [_kind(c, full.iloc[:, i]) not in ("text", "bool")
               for i, c in enumerate(full.columns)]
    css = [_width_class(shown.iloc[:, i].map(shown_text), num) for i, num in enumerate(numeric)]
    # a column's width follows its cells' class: headers carry none (a long header wraps)
    head = "".join(f"<th>{html.escape(str(c).strip())}</th>" for c in shown.columns)
    rows = []
    for row in shown.itertuples(index=False, name=None):
        cells = "".join(f"<td class=\"{c}\">{cell_html(v) if c != 'angka' else html.escape(v)}</td>"
                        for v, c in zip(row, css, strict=True))
        rows.append(f"<tr>{cells}</tr>")
    return (f"<div class=\"tabel\"><style>{CSS}</style><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def table_payload(df: pd.DataFrame, labels: dict | None = None) -> dict:
    """The raw table as JSON-safe data (what :func:`table_from_payload` reads back).

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1.5, None], "d": pd.to_datetime(["2026-01-02", None])})
    >>> back = table_from_payload(json.loads(json.dumps(table_payload(df))))
    >>> back["a"].tolist()[0], str(back["d"].iloc[0].date()), bool(back["d"].isna().iloc[1])
    (1.5, '2026-01-02', True)
    """
    index = None
    if not (isinstance(df.index, pd.RangeIndex) and df.index.name is None):
        index = [_json_value(v) for v in df.index]
    kinds = {str(c): _kind(c, df.iloc[:, i]) for i, c in enumerate(df.columns)}
    data = df.astype(object).where(df.notna(), None)
    records = [[_json_value(v) for v in row] for row in data.itertuples(index=False, name=None)]
    return {"columns": [str(c) for c in df.columns], "kinds": kinds, "data": records,
            "index": index, "index_name": df.index.name,
            "labels": {str(k): str(v) for k, v in (labels or {}).items()}}


def _json_value(value):
    if isinstance(value, (pd.Timestamp, dt.date)):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple, set)):
        return [_json_value(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def table_from_payload(payload: dict) -> pd.DataFrame:
    """Inverse of :func:`table_payload` (dates and booleans restored by column kind)."""
    df = pd.DataFrame(payload["data"], columns=payload["columns"])
    if payload.get("index") is not None:
        df.index = pd.Index(payload["index"], dtype=object, name=payload.get("index_name"))
    for name, kind in payload.get("kinds", {}).items():
        if kind == "date":
            df[name] = pd.to_datetime(df[name])
        elif kind == "bool":
            df[name] = df[name].astype(object)
        elif kind != "text":
            df[name] = pd.to_numeric(df[name])
    return df


class ShownTable(pd.DataFrame):
    """A DataFrame that Jupyter shows through :func:`table_html` (see module docstring).

    Any operation on it gives a plain DataFrame back.

    Examples
    --------
    >>> t = ShownTable(pd.DataFrame({"peringkat": [19.0]}), lang="en")
    >>> "<th>Rank</th>" in t._repr_html_(), sorted(t._repr_mimebundle_())[0]
    (True, 'application/vnd.inovlab.table+json')
    >>> type(t[["peringkat"]]).__name__
    'DataFrame'
    """

    _metadata = ["report_lang", "column_labels"]

    def __init__(self, data=None, *args, lang: str = "id", labels: dict | None = None,
                 **kwargs):
        super().__init__(data, *args, **kwargs)
        self.report_lang = lang
        self.column_labels = dict(labels or {})

    @property
    def _constructor(self):
        return pd.DataFrame

    def _repr_html_(self) -> str:
        return table_html(pd.DataFrame(self), getattr(self, "report_lang", "id"),
                          getattr(self, "column_labels", None))

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        table = pd.DataFrame(self)
        try:
            payload = table_payload(table, getattr(self, "column_labels", None))
            payload["lang"] = getattr(self, "report_lang", "id")  # the language of text/html
            return {MIME: payload, "text/html": self._repr_html_()}
        except Exception:  # showing a table must never fail the notebook: pandas' own view
            return {"text/html": table.to_html(index=False, na_rep="")}


def rerender_outputs(notebook, lang: str = "id") -> int:
    """Render every table output of an executed notebook again in ``lang``; returns how many.

    Outputs that carry :data:`MIME` get their ``text/html`` replaced by :func:`table_html`
    of the raw table, so a report's tables speak the report's language. A table the notebook
    already showed in ``lang`` keeps its HTML (the same :func:`table_html`, rendered once).
    """
    count = 0
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if MIME in data:
                payload = data[MIME]
                payload = json.loads(payload) if isinstance(payload, str) else payload
                if payload.get("lang") != lang or "text/html" not in data:
                    data["text/html"] = table_html(table_from_payload(payload), lang,
                                                   payload.get("labels"))
                data.pop("text/plain", None)
                count += 1
    return count
