"""One part of a notebook: what it found, or one sentence saying what the data lacks.

Every analysis a notebook shows is built by a function in :mod:`inovlab.workbook.sections`
that returns a :class:`Section`. The notebook cell is then one line::

    sections.overview.trajectory(inputs).show(output_dir)

:meth:`Section.show` writes the table and figure to the run folder, records the key numbers
in ``ringkasan.json``, prints the section's note (how the numbers were obtained, or what
is missing and what it would add), and returns the table so that Jupyter displays it.
A section the data cannot support is built with :meth:`Section.missing`: it shows only
its sentence and writes nothing, so a notebook never crashes on missing data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from inovlab.workbook import outputs

ALT_KEY = "alt"
"""Key, under an image output's ``metadata["image/png"]``, of the figure's alternative text
(what a screen reader says instead of the picture): :func:`show_saved_png` sets it to the
figure's titles and the HTML report writes it into the ``<img>``."""


@dataclass
class Section:
    """A table and/or figure with its note, or just the sentence saying why not.

    Attributes
    ----------
    name : str
        File stem for ``tables/<name>.csv`` and ``figures/<name>.png``.
    note : str
        Plain sentence(s) shown above the result: what it is built from, or what is missing.
    table : DataFrame, optional
    figure : matplotlib Figure, optional
    numbers : dict
        Key numbers for ``ringkasan.json``: ``{key: (value, label)}``; the label is a
        reader's words in the run's language, never a code name.
    available : bool
        False when the data do not allow this section (:meth:`missing`).
    lang : {"id", "en"}
        Language of the notebook (``inputs.lang``): the table Jupyter shows live speaks it.
    labels : dict
        Reader labels (in ``lang``) for columns the glossary names only by code, e.g. the
        ``ind_16`` ... columns named by the cycle's framework; the saved table keeps its
        column names.
    lead, hide : tuple of str
        Columns the displayed table shows first (its key and its advice or explanation,
        when present) and columns it leaves out; the saved CSV/XLSX keep every column in
        the analysis' order (:func:`inovlab.report.tables.lead_columns`).

    Examples
    --------
    >>> import pandas as pd, tempfile, json, pathlib
    >>> s = Section("uji", "Dihitung dari berkas Anda.", pd.DataFrame({"a": [1]}),
    ...             numbers={"skor": (61.5, "Skor IID")})
    >>> d = tempfile.mkdtemp()
    >>> s.show(d)["a"].tolist()
    Dihitung dari berkas Anda.
    [1]
    >>> json.loads((pathlib.Path(d) / "ringkasan.json").read_text())["skor"]["value"]
    61.5
    >>> Section.missing("peringkat", "Tidak ada daftar hasil daerah lain.").show(d) is None
    Tidak ada daftar hasil daerah lain.
    True
    """

    name: str
    note: str = ""
    table: pd.DataFrame | None = None
    figure: object = None
    numbers: dict = field(default_factory=dict)
    available: bool = True
    lang: str = "id"
    labels: dict = field(default_factory=dict)
    lead: tuple = ()
    hide: tuple = ()

    @classmethod
    def missing(cls, name: str, sentence: str) -> Section:
        """A section the data cannot support: only ``sentence`` is shown."""
        return cls(name, sentence, available=False)

    def show(self, output_dir: str | Path | None = "", notebook: str = "",
             excel: bool = True, lang: str | None = None) -> pd.DataFrame | None:
        """Save, record, print the note, and return the table for display.

        The table comes back as a :class:`inovlab.report.tables.ShownTable`: Jupyter shows
        it through the one table formatter (labels, locale formats, no index) in the
        section's language, so a notebook opened in JupyterLab with ``lang = "en"`` shows
        English tables; the HTML export renders it again in the report's language.

        Parameters
        ----------
        output_dir : str or Path or None
            The notebook's ``output_dir`` parameter (empty: nothing is written).
        notebook : str
            Notebook name recorded next to each key number.
        excel : bool
            Also write ``tables/<name>.xlsx``.
        lang : {"id", "en"}, optional
            Language of the displayed table (default: the section's ``lang``).
        """
        if self.note:
            print(self.note)
        if not self.available:
            return None
        if self.table is not None:
            outputs.save_table(self.table, self.name, output_dir, excel=excel)
        if self.figure is not None:
            png = outputs.save_figure(self.figure, self.name, output_dir)
            if png is not None:
                show_saved_png(self.figure, png)
        for key, (value, label) in self.numbers.items():
            outputs.record_number(key, value, output_dir, label=label, notebook=notebook)
        if self.table is None:
            return None
        from inovlab.report.tables import ShownTable, lead_columns

        shown = lead_columns(self.table, self.lead, self.hide)
        return ShownTable(shown, lang=lang or self.lang, labels=self.labels)


def show_saved_png(figure, png: str | Path) -> None:
    """Show the PNG just saved instead of the figure, and close the figure.

    The inline backend would otherwise draw every open figure a second time at the end of
    the cell; the saved PNG is the same picture. Inside IPython the image is displayed
    after the cell's result (a one-shot ``post_execute`` callback, the moment the inline
    backend would have shown the figure), so a table still comes before its figure.
    Outside IPython the figure is only closed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, tempfile
    >>> fig, ax = plt.subplots()
    >>> png = outputs.save_figure(fig, "uji", tempfile.mkdtemp())
    >>> show_saved_png(fig, png); plt.fignum_exists(fig.number)
    False
    """
    import matplotlib.pyplot as plt

    screen_dpi, alt = figure.dpi, outputs.figure_title(figure)
    plt.close(figure)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook stack
        return
    shell = get_ipython()
    if shell is None:
        return
    from IPython.display import Image, display

    image = Image(filename=str(png))
    # shown as large as the inline backend showed the figure (the PNG has more pixels)
    image.width = round(int.from_bytes(image.data[16:20], "big") * screen_dpi
                        / outputs.FIGURE_DPI)

    def _show_once(*_args) -> None:
        shell.events.unregister("post_execute", _show_once)
        display(image, metadata={"image/png": {ALT_KEY: alt}} if alt else None)

    shell.events.register("post_execute", _show_once)
