"""Executed notebook -> a self-contained HTML report with the code hidden.

nbconvert's HTML exporter links MathJax, require.js and mermaid from a CDN. A report read
in a district office must open without internet and must not call anyone, so
:func:`notebook_to_html` drops every ``<script>`` (the reports are static: tables and
PNG figures are already inlined), removes ``<link>`` and CSS ``@import``/``url()`` pointing
at the network, and adds a Content-Security-Policy that forbids the browser any fetch.
"""

from __future__ import annotations

import functools
import html
import re
import threading
from pathlib import Path

import nbformat

from inovlab.i18n import message
from inovlab.workbook.section import ALT_KEY

# Nothing may be fetched: images are inlined as data: URIs, styles are inline.
CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "img-src data:; style-src 'unsafe-inline'; font-src data:\">")

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.IGNORECASE)
_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?(?:https?:)?//[^;]*;", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//[^)]*\)", re.IGNORECASE)
_EXTERNAL_SRC = re.compile(r"\b(?:src|srcset|data)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)

# External references that make a browser fetch something (what the offline test checks).
EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|img|iframe|embed|source|audio|video)\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//"
    r"|@import\s"
    r"|url\(\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def make_offline(html: str) -> str:
    """Strip everything from an HTML page that would fetch a script, style or font.

    Examples
    --------
    >>> page = '<head><script src="https://cdn.x/require.js"></script></head><p>ok</p>'
    >>> make_offline(page)
    '<head><meta http-equiv="Content-Security-Policy" content="default-src \\'none\\'; img-src data:; style-src \\'unsafe-inline\\'; font-src data:"></head><p>ok</p>'
    """
    html = _SCRIPT.sub("", html)
    html = _LINK.sub("", html)
    html = _IMPORT.sub("", html)
    html = _CSS_URL.sub("none", html)
    html = _EXTERNAL_SRC.sub(lambda m: m.group(0).split("=")[0] + '="about:blank#', html)
    if "<head>" in html:
        html = html.replace("<head>", "<head>" + CSP, 1)
    return html


def external_resources(html: str) -> list[str]:
    """Snippets of ``html`` that reference a network resource (empty when offline-safe).

    Examples
    --------
    >>> external_resources('<img src="data:image/png;base64,AAA">')
    []
    >>> len(external_resources('<link rel="stylesheet" href="https://fonts.example/x.css">'))
    1
    """
    return [m.group(0) for m in EXTERNAL_RESOURCE.finditer(html)]


LANG_TAG = "lang-{lang}"

_MESSAGES = {
    "all_reports": {"id": "← Semua laporan run ini", "en": "← All reports of this run"},
    "figure": {"id": "Grafik", "en": "Chart"},
    "demo_warning": {"id": "Data demo (sintetis): angka ini bukan data resmi dan tidak boleh "
                           "dipakai sebagai data daerah.",
                     "en": "Demo data (synthetic): these numbers are not official and must not "
                           "be used as a region's data."},
}

PAGE_CSS = ("body{font-family:system-ui,'Segoe UI',Roboto,sans-serif;color:#1d2733}"
            ".jp-Notebook{max-width:72em;margin:0 auto}"
            ".kop{max-width:72em;margin:0 auto 1em;padding:.8em 1.2em;border-bottom:3px solid "
            "#1f4e79;font-family:system-ui,'Segoe UI',Roboto,sans-serif}"
            ".kop .pemda{font-size:1.4em;font-weight:600;color:#1f4e79}"
            ".kop .fakta{color:#444;margin:.3em 0}.kop .fakta span+span:before{content:' · '}"
            ".kop .demo{background:#fff3cd;border:1px solid #e0b84c;padding:.3em .6em;margin:.4em 0}"
            ".kop a{color:#1f4e79}.jp-RenderedText,.jp-RenderedText pre{white-space:pre-wrap!important;"
            "font-family:system-ui,'Segoe UI',Roboto,sans-serif!important;"
            "font-size:.95em;color:#333;word-break:normal!important;"
            "overflow-wrap:break-word!important}")


EXPLAINS_OUTPUT = "jelaskan-hasil"
"""Tag of a narrative cell that explains the output of the code cell before it."""


def select_language(notebook: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """A copy of ``notebook`` without the cells tagged for another language.

    Narrative cells carry a ``lang-id`` or ``lang-en`` tag; untagged cells stay.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("Halo", metadata={"tags": ["lang-id"]}),
    ...     nbformat.v4.new_markdown_cell("Hello", metadata={"tags": ["lang-en"]}),
    ...     nbformat.v4.new_code_cell("1 + 1")])
    >>> [c.source for c in select_language(nb, "en").cells]
    ['Hello', '1 + 1']
    """
    import copy

    keep = LANG_TAG.format(lang=lang)
    out = copy.deepcopy(notebook)
    out.cells = [c for c in out.cells
                 if not any(t.startswith("lang-") and t != keep
                            for t in c.get("metadata", {}).get("tags", []))]
    return out


RESEARCHER_NOTE = "untuk-peneliti"
"""Tag of a narrative cell meant for the researcher running the notebook (a command line,
a tip), not for the officials the HTML report is handed to."""


def without_researcher_notes(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``notebook`` without the cells tagged :data:`RESEARCHER_NOTE` (changed in place).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("Ringkasan"),
    ...     nbformat.v4.new_markdown_cell("`inovlab run`", metadata={"tags": [RESEARCHER_NOTE]})])
    >>> [c.source for c in without_researcher_notes(nb).cells]
    ['Ringkasan']
    """
    notebook.cells = [c for c in notebook.cells
                      if RESEARCHER_NOTE not in c.get("metadata", {}).get("tags", [])]
    return notebook


def without_idle_explanations(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``notebook`` without the "how to read it" cells of tables and figures that were not
    shown.

    A cell tagged :data:`EXPLAINS_OUTPUT` explains the table or figure of the code cell before
    it; when the data did not allow that section (the cell printed only why), the
    explanation has nothing to explain and is left out of the report.

    Examples
    --------
    >>> tag = {"tags": [EXPLAINS_OUTPUT]}
    >>> shown = nbformat.v4.new_code_cell("t", outputs=[nbformat.v4.new_output(
    ...     "display_data", data={"text/html": "<table></table>"})])
    >>> said = nbformat.v4.new_code_cell("s", outputs=[nbformat.v4.new_output(
    ...     "stream", text="Tidak ada data pembanding.")])
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     shown, nbformat.v4.new_markdown_cell("Baca tabel", metadata=tag),
    ...     said, nbformat.v4.new_markdown_cell("Baca grafik", metadata=tag)])
    >>> [c.source for c in without_idle_explanations(nb).cells]
    ['t', 'Baca tabel', 's']
    """
    kept, shown = [], True
    for cell in notebook.cells:
        if cell.cell_type == "code":
            shown = any(o.get("output_type") in ("display_data", "execute_result")
                        for o in cell.get("outputs", []))
        elif EXPLAINS_OUTPUT in cell.get("metadata", {}).get("tags", []) and not shown:
            continue
        kept.append(cell)
    notebook.cells = kept
    return notebook


def notebook_title(notebook: nbformat.NotebookNode) -> str | None:
    """The text of the first ``# `` heading of the notebook (None without one).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 02 · Peers")])
    >>> notebook_title(nb)
    '02 · Peers'
    """
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


def header_html(context, lang: str | None = None) -> str:
    """The header every report page starts with: pemda, cycle, date, source, rule confidence.

    Examples
    --------
    >>> import datetime as dt
    >>> from inovlab.report.context import ReportContext
    >>> c = ReportContext("Kota <Bogor>", 2026, "id", "demo", dt.date(2026, 8, 17))
    >>> page = header_html(c)
    >>> "Kota &lt;Bogor&gt;" in page and "17 Agustus 2026" in page and "sintetis" in page
    True
    """
    lang = lang or context.lang
    first, *facts = context.lines()
    spans = "".join(f"<span>{html.escape(f)}</span>" for f in facts)
    demo = (f"<div class=\"demo\">{html.escape(message(_MESSAGES, 'demo_warning', lang))}</div>"
            if "demo" in context.source.split("+") else "")
    return (f"<header class=\"kop\"><div class=\"pemda\">{html.escape(first)}</div>"
            f"<div class=\"fakta\">{spans}</div>{demo}"
            f"<a href=\"index.html\">{html.escape(message(_MESSAGES, 'all_reports', lang))}</a>"
            "</header>")


def _insert_header(body: str, header: str) -> str:
    style = f"<style>{PAGE_CSS}</style>"
    body = body.replace("</head>", style + "</head>", 1) if "</head>" in body else style + body
    match = re.search(r"<body\b[^>]*>", body)
    if match is None:
        return header + body
    return body[:match.end()] + header + body[match.end():]


_EXPORTER_LOCK = threading.Lock()

# JupyterLab's page with one change: a figure's <img> carries the alternative text stored
# with it (or a neutral word in the report's language), instead of the English placeholder
# nbconvert adds in a second pass over the whole page.
_REPORT_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
{%- set width = output | get_metadata('width', 'image/png') %}
{%- set alt = output | get_metadata('""" + ALT_KEY + """', 'image/png') %}
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- if width is not none %} width="{{ width | escape_html }}"{% endif %}
 alt="{{ (alt or resources.inovlab_figure) | escape_html }}">
</div>
{% endblock data_png %}
"""
_TEMPLATE_NAME = "inovlab_report.html.j2"
_FOCUSABLE = re.compile(r'(<div class="[^"]*\bjp-OutputArea-output\b[^"]*")')


@functools.lru_cache(maxsize=1)
def _exporter():
    """The one configured HTML exporter of this process.

    Building one loads and compiles the Jinja templates (about half a second); it holds no
    state between notebooks, so every report of a run reuses it. It validates the notebook
    once, not after each of its dozen preprocessors (``optimistic_validation``).
    """
    import jinja2
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its final pass through BeautifulSoup.

        That pass parses the finished page again only to give every image an English
        placeholder alt text and to make outputs focusable; it took half of each export.
        The template sets each figure's alt text and :func:`notebook_to_html` makes the
        outputs focusable (so a wide table scrolls from the keyboard).
        """

        def from_notebook_node(self, nb, resources=None, **kw):
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            resources = self._init_resources(resources)
            self.register_filter("highlight_code", Highlight2HTML(parent=self))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        embed_images=True, optimistic_validation=True, template_file=_TEMPLATE_NAME,
        extra_loaders=[jinja2.DictLoader({_TEMPLATE_NAME: _REPORT_TEMPLATE})])


def notebook_to_html(notebook: str | Path | nbformat.NotebookNode, title: str | None = None,
                     lang: str | None = None, context=None) -> str:
    """Render a notebook as an offline report in one language, without code cells or prompts.

    Cells tagged for the other language are dropped (:func:`select_language`), and so are
    notes for the researcher (:func:`without_researcher_notes`); every table
    a section showed is rendered again in the report's language
    (:func:`inovlab.report.tables.rerender_outputs`); the page starts with the header of
    :func:`header_html`.

    Parameters
    ----------
    notebook : path or NotebookNode
        The executed notebook. From a path inside a run folder, the context is read from the
        run's ``manifest.json``.
    title : str, optional
        Page title when the notebook has no ``# `` heading (default: the file name).
    lang : {"id", "en"}, optional
        Report language (default: the run's, else the notebook's ``lang`` parameter).
    context : ReportContext, optional
        What the header states (default: from the run folder or the notebook's parameters).

    Returns
    -------
    str
        The HTML page; :func:`external_resources` of it is empty.
    """
    from inovlab.report.context import notebook_context, run_context
    from inovlab.report.tables import rerender_outputs

    if isinstance(notebook, (str, Path)):
        path = Path(notebook)
        title = title or path.stem
        notebook = nbformat.read(path, as_version=4)
        context = context or run_context(path.parent)
    context = context or notebook_context(notebook)
    lang = lang or (context.lang if context else None) or "id"
    notebook = without_researcher_notes(select_language(notebook, lang))
    notebook = without_idle_explanations(notebook)
    rerender_outputs(notebook, lang)
    title = notebook_title(notebook) or title or ""
    # papermill's error banner cells stay visible: they say which cell failed
    with _EXPORTER_LOCK:  # the exporter registers per-notebook filters on itself
        body, _ = _exporter().from_notebook_node(notebook, resources={
            "metadata": {"name": title}, "inovlab_figure": message(_MESSAGES, "figure", lang)})
    body = _FOCUSABLE.sub(r'\1 tabindex="0"', body)
    body = re.sub(r"<html\b[^>]*>", f"<html lang=\"{lang}\">", body, count=1)
    if context is not None:
        body = _insert_header(body, header_html(context, lang))
    return make_offline(body)


def write_html(notebook: str | Path, target: str | Path, title: str | None = None,
               lang: str | None = None) -> Path:
    """Write :func:`notebook_to_html` of ``notebook`` to ``target`` (UTF-8, atomically)."""
    from inovlab.io.export import atomic_write_text

    return atomic_write_text(Path(target), notebook_to_html(notebook, title, lang))
