"""Scenario tables: read and check the what-if rows that :mod:`inovlab.analysis.whatif` applies.

A scenario is data: a small table (DataFrame, list of dict, CSV or YAML) with one row per
action::

    skenario, aksi, target, nilai, opd, urusan, jumlah

``aksi`` is one of ``naikkan_sid``, ``atur_sid``, ``atur_spd``, ``tambah_inovasi``,
``buang_di_bawah_impas`` (or its English alias, see :data:`ACTIONS`); what each does is
described in :mod:`inovlab.analysis.whatif`. :func:`load_scenarios` reads such a table into
canonical rows and reports every invalid row at once (row, column, reason);
:func:`kematangan_levels` builds the SID levels of an added innovation of a given kematangan.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.errors import DataError, Problem, UsageError
from inovlab.i18n import check_lang, message
from inovlab.rules.framework import Framework

__all__ = ["ACTIONS", "BASELINE", "SCENARIO_COLUMNS", "load_scenarios", "kematangan_levels"]

SCENARIO_COLUMNS = ["skenario", "aksi", "target", "nilai", "opd", "urusan", "jumlah"]
REQUIRED_COLUMNS = ("skenario", "aksi", "target", "nilai")
ACTIONS = {
    "naikkan_sid": "naikkan_sid", "raise_sid": "naikkan_sid",
    "atur_sid": "atur_sid", "set_sid": "atur_sid",
    "atur_spd": "atur_spd", "set_spd": "atur_spd",
    "tambah_inovasi": "tambah_inovasi", "add_innovations": "tambah_inovasi",
    "buang_di_bawah_impas": "buang_di_bawah_impas",
    "drop_below_break_even": "buang_di_bawah_impas",
}
BASELINE = "dasar"

MESSAGES = {
    "no_column": {"id": "kolom wajib '{col}' tidak ada", "en": "required column '{col}' missing"},
    "blank": {"id": "nama skenario kosong", "en": "scenario name is blank"},
    "action": {"id": "aksi tidak dikenal; pilih salah satu: {choices}",
               "en": "unknown action; choose one of: {choices}"},
    "sid_target": {"id": "indikator SID tidak dikenal (contoh: ind_33)",
                   "en": "unknown SID indicator (e.g. ind_33)"},
    "spd_target": {"id": "indikator SPD tidak dikenal (contoh: spd_12)",
                   "en": "unknown SPD indicator (e.g. spd_12)"},
    "level": {"id": "level harus bilangan bulat 0-3", "en": "level must be an integer 0-3"},
    "kematangan": {"id": "kematangan harus angka 0-{max}", "en": "kematangan must be 0-{max}"},
    "kematangan_exact": {"id": "kematangan {value} tidak dapat dicapai tepat dengan bobot "
                               "siklus ini", "en": "kematangan {value} cannot be reached "
                               "exactly with this cycle's weights"},
    "jumlah": {"id": "jumlah harus bilangan bulat 1-1000",
               "en": "jumlah must be an integer 1-1000"},
    "reserved": {"id": "nama skenario '{name}' dipakai untuk kondisi dasar",
                 "en": "scenario name '{name}' is reserved for the baseline"},
}


def _msg(key: str, lang: str, **values) -> str:
    return message(MESSAGES, key, lang, **values)


# -- cell parsing ---------------------------------------------------------------------------

def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or (
        isinstance(value, str) and not value.strip()) or value is pd.NA


def _code(value, prefix: str, columns: list[str]) -> str | None:
    """``33``, ``ind_33``, ``IND 33`` -> ``ind_33`` if it is a column of the cycle."""
    if _blank(value):
        return None
    text = str(value).strip().lower().replace(" ", "_")
    if text.endswith(".0"):
        text = text[:-2]
    if not text.startswith(prefix + "_"):
        text = f"{prefix}_{text}"
    return text if text in columns else None


def _integer(value, low: int, high: int) -> int | None:
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        return None
    if not number.is_integer() or not low <= number <= high:
        return None
    return int(number)


def _text(value) -> str:
    return "" if _blank(value) else str(value).strip()


# -- the steps of load_scenarios ------------------------------------------------------------

def _read_table(source) -> tuple[pd.DataFrame, str]:
    """The raw table and the name problems are reported under (the file name, or ``skenario``)."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise UsageError(f"Berkas skenario tidak ditemukan: {path.name} (file not found)")
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(raw, dict):  # {skenario: [rows]} -> one row list
                raw = [{"skenario": key, **row} for key, rows in raw.items() for row in rows]
            return pd.DataFrame(raw), path.name
        return pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False,
                           encoding="utf-8-sig"), path.name
    if isinstance(source, pd.DataFrame):
        return source.copy(), "skenario"
    return pd.DataFrame(list(source)), "skenario"


def _with_columns(table: pd.DataFrame, name: str, lang: str) -> pd.DataFrame:
    """Lower-case headers, reject missing required columns, add the optional ones empty."""
    table.columns = [str(c).strip().lower() for c in table.columns]
    problems = [Problem(name, None, col, None, _msg("no_column", lang, col=col), "COLUMN")
                for col in REQUIRED_COLUMNS if col not in table]
    if problems:
        raise DataError(problems, lang)
    for col in ("opd", "urusan", "jumlah"):
        if col not in table:
            table[col] = None
    return table[SCENARIO_COLUMNS]


def _check_fields(action: str | None, rec: dict, framework: Framework,
                  report) -> tuple[str, float, int]:
    """``(target, nilai, jumlah)`` of one row by its action; ``report(col, key)`` each fault."""
    target, value, count = "", np.nan, 1
    if action in ("naikkan_sid", "atur_sid", "atur_spd"):
        sid = action != "atur_spd"
        target = _code(rec["target"], "ind" if sid else "spd",
                       framework.sid_columns if sid else framework.spd_columns)
        if target is None:
            report("target", "sid_target" if sid else "spd_target")
        value = _integer(rec["nilai"], 0, 3)
        if value is None:
            report("nilai", "level")
    elif action == "tambah_inovasi":
        kmax = framework.kematangan_max
        try:
            value = float(str(rec["nilai"]).replace(",", "."))
        except (TypeError, ValueError):
            value = np.nan
        if not 0 <= value <= kmax:
            report("nilai", "kematangan", max=f"{kmax:g}")
        elif kematangan_levels(value, framework) is None:
            report("nilai", "kematangan_exact", value=f"{value:g}")
        count = _integer(rec["jumlah"], 1, 1000)
        if count is None:
            report("jumlah", "jumlah")
    return target or "", value, count


def _check_row(rec: dict, row: int, framework: Framework, name: str,
               lang: str) -> tuple[dict | None, list[Problem]]:
    """One canonical row (None if invalid) and its problems."""
    problems = []

    def report(col, key, **values):
        shown = None if _blank(rec.get(col)) else str(rec.get(col))[:40]
        problems.append(Problem(name, row, col, shown, _msg(key, lang, **values), key.upper()))

    if _blank(rec["skenario"]):
        report("skenario", "blank")
    elif str(rec["skenario"]).strip().lower() == BASELINE:
        report("skenario", "reserved", name=BASELINE)
    action = None if _blank(rec["aksi"]) else ACTIONS.get(str(rec["aksi"]).strip().lower())
    if action is None:
        report("aksi", "action", choices=", ".join(sorted(set(ACTIONS.values()))))
    target, value, count = _check_fields(action, rec, framework, report)
    if problems:
        return None, problems
    return {"skenario": str(rec["skenario"]).strip(), "aksi": action, "target": target,
            "nilai": float(value), "opd": _text(rec["opd"]), "urusan": _text(rec["urusan"]),
            "jumlah": int(count), "baris": row}, problems


def load_scenarios(source, framework: Framework, lang: str = "id") -> pd.DataFrame:
    """Read and check a scenario table.

    Parameters
    ----------
    source : DataFrame, list of dict, or path to a CSV (``,``/``;``) or YAML file
        Columns ``skenario, aksi, target, nilai`` and optionally ``opd, urusan, jumlah``.
        YAML: a list of rows, or a mapping ``{skenario: [rows without skenario]}``.
    framework : Framework
        The cycle (indicator codes, maximum kematangan).
    lang : {"id", "en"}

    Returns
    -------
    DataFrame
        Canonical rows: ``skenario, aksi`` (canonical name), ``target`` (``ind_33``,
        ``spd_12`` or empty), ``nilai`` (float), ``opd``, ``urusan`` (text or empty),
        ``jumlah`` (int), ``baris`` (row number in the file, header = row 1).
        ``attrs["berkas"]`` is the file name (``skenario`` for in-memory tables).

    Raises
    ------
    UsageError
        The file does not exist.
    DataError
        With every invalid row: row, column and reason (Indonesian by default).

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> s = load_scenarios(pd.DataFrame({"skenario": ["A"], "aksi": ["atur_spd"],
    ...                                  "target": ["12"], "nilai": [3]}), fw)
    >>> s[["skenario", "aksi", "target", "nilai"]].values.tolist()
    [['A', 'atur_spd', 'spd_12', 3.0]]
    """
    check_lang(lang)
    table, name = _read_table(source)
    table = _with_columns(table, name, lang)
    rows, problems = [], []
    for pos, rec in enumerate(table.to_dict("records")):
        canonical, found = _check_row(rec, pos + 2, framework, name, lang)
        problems.extend(found)
        if canonical is not None:
            rows.append(canonical)
    if problems:
        raise DataError(problems, lang)
    out = pd.DataFrame(rows, columns=SCENARIO_COLUMNS + ["baris"])
    out.attrs["berkas"] = name
    return out


def kematangan_levels(target: float, framework: Framework) -> np.ndarray | None:
    """SID levels whose kematangan is exactly ``target`` (heaviest indicators first), or None.

    Greedy: for indicators by decreasing weight, ``l_i = min(3, floor(rest / w_i))``; the
    levels are returned when ``sum_i w_i l_i = target`` exactly.

    Parameters
    ----------
    target : float
        Kematangan to reach (``0 .. framework.kematangan_max``).
    framework : Framework
        The cycle's SID weights.

    Returns
    -------
    numpy.ndarray or None
        Shape (I,): one level 0-3 per SID indicator, in ``framework.sid_columns`` order;
        None when the weights cannot add up to ``target``.

    Examples
    --------
    >>> from inovlab.rules.framework import load_framework
    >>> fw = load_framework(2026)
    >>> lv = kematangan_levels(80, fw)
    >>> float(lv @ fw.sid_weights.to_numpy()), int(lv.max())
    (80.0, 3)
    """
    weights = framework.sid_weights.to_numpy(dtype=float)
    order = np.argsort(-weights, kind="stable")
    levels = np.zeros(len(weights))
    rest = float(target)
    for i in order:  # 20 indicators: a plain loop is clearest
        levels[i] = min(3.0, np.floor(rest / weights[i] + 1e-9))
        rest -= levels[i] * weights[i]
    return levels if abs(rest) < 1e-9 else None
