"""Executed notebook -> a self-contained HTML report with the code hidden.

nbconvert's HTML exporter links MathJax, require.js and mermaid from a CDN. A report read
in a district office must open without internet and must not call anyone, so
:func:`notebook_to_html` drops every ``<script>`` (the reports are static: tables and
PNG figures are already inlined), removes ``<link>`` and CSS ``@import``/``url()`` pointing
at the network, and adds a Content-Security-Policy that forbids the browser any fetch.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

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


def notebook_to_html(notebook: str | Path | nbformat.NotebookNode, title: str | None = None) -> str:
    """Render a notebook as offline HTML without code cells or prompts.

    Parameters
    ----------
    notebook : path or NotebookNode
        The executed notebook.
    title : str, optional
        Page title (default: the notebook's file name).

    Returns
    -------
    str
        The HTML page; :func:`external_resources` of it is empty.
    """
    from nbconvert import HTMLExporter

    if isinstance(notebook, (str, Path)):
        title = title or Path(notebook).stem
        notebook = nbformat.read(Path(notebook), as_version=4)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    # papermill's error banner cells stay visible: they say which cell failed
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title or ""}})
    return make_offline(body)


def write_html(notebook: str | Path, target: str | Path, title: str | None = None) -> Path:
    """Write :func:`notebook_to_html` of ``notebook`` to ``target`` (UTF-8)."""
    target = Path(target)
    target.write_text(notebook_to_html(notebook, title), encoding="utf-8")
    return target
