"""Problems found in user input, and the exceptions that carry them.

Every check collects *all* problems of a file before raising, so a civil servant sees
the whole list at once. The CLI turns :class:`DataError` into a table and exit code 1,
and :class:`UsageError` into a message and exit code 2; no traceback reaches the user.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem in one place of an input file.

    Parameters
    ----------
    file : str
        File name as the user gave it (never a resolved absolute path in messages).
    row : int or None
        Row number as the user sees it in Excel (header is row 1), or None for the
        whole file.
    column : str or None
        Column name as written in the file, or None.
    value : str or None
        The offending value, shortened for display.
    reason : str
        Plain-language explanation in the report language.
    code : str
        Stable machine-readable code (e.g. ``LEVEL_RANGE``) for tests and filtering.

    Examples
    --------
    >>> Problem("inovasi.csv", 5, "ind_16", "4", "level harus 0-3", "LEVEL_RANGE").row
    5
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    code: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class DataError(Exception):
    """Raised when input data has problems; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)
    lang: str = "id"

    def __str__(self) -> str:  # pragma: no cover - exercised through format_problems
        return format_problems(self.problems, self.lang)

    def to_frame(self):
        """The problems as a DataFrame (columns ``file, row, column, value, reason, code``).

        Examples
        --------
        >>> DataError([Problem("a.csv", 2, "tahun", "x", "bukan angka")]).to_frame()["row"].tolist()
        [2]
        """
        import pandas as pd

        return pd.DataFrame([p.as_dict() for p in self.problems],
                            columns=["file", "row", "column", "value", "reason", "code"])


class UsageError(Exception):
    """A wrong command, option or parameter (exit code 2)."""


_HEADERS = {
    "id": ("berkas", "baris", "kolom", "nilai", "masalah"),
    "en": ("file", "row", "column", "value", "problem"),
}
_TITLE = {
    "id": "Ditemukan {n} masalah pada data masukan. Tidak ada berkas yang ditulis.",
    "en": "Found {n} problem(s) in the input. Nothing was written.",
}


def format_problems(problems: list[Problem], lang: str = "id") -> str:
    """Render problems as a plain-text list, one line per problem.

    Examples
    --------
    >>> print(format_problems([Problem("a.csv", 3, "tahun", "x", "bukan angka")]))
    Ditemukan 1 masalah pada data masukan. Tidak ada berkas yang ditulis.
    - a.csv, baris 3, kolom 'tahun', nilai 'x': bukan angka
    """
    lang = lang if lang in _HEADERS else "id"
    f_file, f_row, f_col, f_val, _ = _HEADERS[lang]
    lines = [_TITLE[lang].format(n=len(problems))]
    for p in problems:
        where = [p.file]
        if p.row is not None:
            where.append(f"{f_row} {p.row}")
        if p.column is not None:
            where.append(f"{f_col} '{p.column}'")
        if p.value is not None:
            where.append(f"{f_val} '{p.value}'")
        lines.append(f"- {', '.join(where)}: {p.reason}")
    return "\n".join(lines)
