"""The IID rules of each cycle, read from versioned data files.

Nothing here is specific to a year: every number (weights, divisor floor, number-of-
innovations rule, maxima, cut-offs, implementation window) comes from
``data/framework/rules.csv`` and ``data/framework/indicators_<cycle>.csv``, each row with
its ``confidence`` (confirmed, secondary, inferred, unknown) and ``source``. Adding a cycle
means adding rows and a file (see ``data/framework/README.md``), never editing code.

Examples
--------
>>> fw = load_framework(2026)
>>> fw.divisor_floor, fw.total_max
(12, 250.0)
>>> fw.predicate([70.0, 50.0, 10.0, 0.0]).tolist()
['Sangat Inovatif', 'Inovatif', 'Kurang Inovatif', 'Tidak Dapat Dinilai']
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from inovlab.errors import UsageError
from inovlab.resources import framework_dir

CONFIDENCE_ORDER = ("confirmed", "secondary", "inferred", "unknown")
"""From most to least certain. ``inferred`` and ``unknown`` values are assumptions."""

ASSUMED = ("inferred", "unknown")

PREDICATES = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
"""The four predikat, best first."""

PREDICATES_EN = {
    "Sangat Inovatif": "Very Innovative",
    "Inovatif": "Innovative",
    "Kurang Inovatif": "Less Innovative",
    "Tidak Dapat Dinilai": "Cannot Be Assessed",
}



def predicate_label(name: str, lang: str = "id") -> str:
    """A predikat as reports show it: its Indonesian name (a domain term), with its meaning
    added in English reports.

    Examples
    --------
    >>> predicate_label("Sangat Inovatif"), predicate_label("Sangat Inovatif", "en")
    ('Sangat Inovatif', 'Sangat Inovatif (very innovative)')
    >>> predicate_label("", "en")
    ''
    """
    english = PREDICATES_EN.get(name)
    return f"{name} ({english.lower()})" if lang == "en" and english else name


STAGES_EN = {"inisiatif": "initiative", "uji coba": "trial", "penerapan": "implementation"}
"""The innovation stages (``tahapan``, canonical lower case) in English reports."""

CLUSTERS_EN = {"provinsi": "province", "kabupaten": "regency", "kota": "city"}
"""The three clusters (``jenis``) of pemda, in English."""


def cluster_label(jenis: str, lang: str = "id") -> str:
    """A cluster's name in a sentence of ``lang`` (``kota`` / ``city``).

    Examples
    --------
    >>> cluster_label("kota"), cluster_label("kota", "en"), cluster_label("lain", "en")
    ('kota', 'city', 'lain')
    """
    return CLUSTERS_EN.get(jenis, jenis) if lang == "en" else jenis


REQUIRED_RULES = (
    "sid_scheme", "spd_max", "kematangan_max", "total_max", "divisor_floor",
    "jumlah_points_per_innovation", "jumlah_cap_innovations", "jumlah_urusan_min",
    "cutoff_sangat_inovatif", "cutoff_inovatif", "cutoff_kurang_inovatif",
    "window_start", "window_end", "min_design_words", "max_video_seconds", "counted_stage",
)

INDICATOR_COLUMNS = ("code", "unit", "name_id", "name_en", "variable", "variable_en", "weight",
                     "mandatory", "level_1", "level_2", "level_3", "confidence", "source")


def weakest(levels) -> str:
    """The least certain of several confidence levels.

    Examples
    --------
    >>> weakest(["confirmed", "inferred", "secondary"])
    'inferred'
    """
    ranks = [CONFIDENCE_ORDER.index(level) for level in levels]
    return CONFIDENCE_ORDER[max(ranks)] if ranks else "confirmed"


def _frozen_table(table: pd.DataFrame) -> pd.DataFrame:
    """A private deep copy, so the caller's table and the framework never share data.

    The framework hands out only copy-on-write copies of it, and pandas 3 gives read-only
    numpy views (``to_numpy()``), so the private table cannot be written through.
    """
    return table.copy(deep=True)


def _read_only(values) -> np.ndarray:
    array = np.array(values, dtype=float)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False, init=False)
class Framework:
    """The rules of one IID cycle (immutable; :func:`load_framework` shares one per cycle).

    The tables are held privately: ``indicators``, ``rules`` and ``urusan`` hand out a new
    DataFrame on every access (a cheap copy-on-write copy), and the weight arrays are
    read-only, so no caller can change what the next caller sees. Build a changed framework
    with :meth:`replace` (or :func:`dataclasses.replace`).

    Attributes
    ----------
    cycle : int
        Assessment year.
    indicators : DataFrame
        One row per indicator: ``code`` (``"1"``, ``"2a"``, ``"16"`` ...), ``unit``
        (``spd`` region-level or ``sid`` per innovation), ``name_id``, ``name_en``,
        ``variable``, ``variable_en``, ``weight``, ``mandatory``, ``level_1..3`` (evidence
        required per level), ``confidence``, ``source``. Readers get the names in their
        language from :meth:`indicator_names` and :meth:`variable_names`.
    rules : DataFrame
        One row per rule, indexed by ``rule``: ``value``, ``confidence``, ``source``, ``note``.
    urusan : DataFrame
        Government affairs with ``pelayanan_dasar`` flag and name ``aliases``.

    Examples
    --------
    >>> fw = load_framework(2026)
    >>> table = fw.indicators
    >>> table.loc[0, "weight"] = 99.0                  # changes this copy only
    >>> float(load_framework(2026).indicators.loc[0, "weight"]) != 99.0
    True
    >>> fw.sid_weight_array.flags.writeable
    False
    """

    cycle: int
    indicators: pd.DataFrame
    rules: pd.DataFrame
    urusan: pd.DataFrame

    def __init__(self, cycle: int, indicators: pd.DataFrame, rules: pd.DataFrame,
                 urusan: pd.DataFrame):
        object.__setattr__(self, "cycle", int(cycle))
        object.__setattr__(self, "_indicators", _frozen_table(indicators))
        object.__setattr__(self, "_rules", _frozen_table(rules))
        object.__setattr__(self, "_urusan", _frozen_table(urusan))
        object.__setattr__(self, "_parsed_rules", {})  # rule name -> parsed value

    def __repr__(self) -> str:
        return f"Framework(cycle={self.cycle})"

    # The dataclass fields above are served by these properties (copies, never the original).
    indicators = property(lambda self: self._indicators.copy(deep=False),
                          doc="The indicator catalogue (a copy; see the class docstring).")
    rules = property(lambda self: self._rules.copy(deep=False),
                     doc="The rules, indexed by ``rule`` (a copy).")
    urusan = property(lambda self: self._urusan.copy(deep=False),
                      doc="The urusan table (a copy).")

    def replace(self, **changes) -> Framework:
        """A new framework with some of ``cycle, indicators, rules, urusan`` changed.

        Examples
        --------
        >>> fw = load_framework(2026)
        >>> heavier = fw.replace(indicators=fw.indicators.assign(weight=1.0))
        >>> float(heavier.sid_weights.sum()), float(fw.sid_weights.sum()) == 1.0 * 20
        (20.0, False)
        """
        values = {"cycle": self.cycle, "indicators": self._indicators, "rules": self._rules,
                  "urusan": self._urusan}
        unknown = sorted(set(changes) - set(values))
        if unknown:
            raise TypeError(f"Framework.replace: unknown field(s) {', '.join(unknown)}")
        values.update(changes)
        return Framework(**values)

    # -- rule access ---------------------------------------------------------------
    def rule(self, name: str):
        """The value of rule ``name`` parsed to int, float, date, str or None (blank)."""
        if name not in self._parsed_rules:
            self._parsed_rules[name] = self._parse_rule(name)
        return self._parsed_rules[name]

    def _parse_rule(self, name: str):
        raw = self._rules.at[name, "value"]
        if raw is None or (isinstance(raw, float) and np.isnan(raw)) or str(raw).strip() == "":
            return None
        text = str(raw).strip()
        for parse in (int, float):
            try:
                return parse(text)
            except ValueError:
                pass
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text

    def confidence(self, name: str) -> str:
        """Confidence level of rule ``name``."""
        return str(self._rules.at[name, "confidence"])

    def assumptions(self) -> pd.DataFrame:
        """Rules and indicator groups whose values are assumed (inferred or unknown).

        Returns
        -------
        DataFrame
            Columns ``item, value, confidence, source, note``.
        """
        rules = self.rules[self.rules["confidence"].isin(ASSUMED)].reset_index()
        rules = rules.rename(columns={"rule": "item"})
        ind = self.indicators[self.indicators["confidence"].isin(ASSUMED)]
        groups = []
        for unit, g in ind.groupby("unit", sort=False):
            groups.append({"item": f"indicators_{unit}", "value": f"{len(g)} indikator",
                           "confidence": weakest(g["confidence"]), "source": g["source"].iloc[0],
                           "note": g["note"].iloc[0] if "note" in g else ""})
        out = pd.concat([rules, pd.DataFrame(groups)], ignore_index=True)
        return out[["item", "value", "confidence", "source", "note"]]

    # -- indicators --------------------------------------------------------------------
    def _unit(self, unit: str) -> pd.DataFrame:
        return self._indicators[self._indicators["unit"] == unit]

    @functools.cached_property
    def _codes(self) -> dict[str, tuple[str, ...]]:
        return {unit: tuple(self._unit(unit)["code"]) for unit in ("spd", "sid")}

    @functools.cached_property
    def _weights(self) -> dict[str, pd.Series]:
        return {unit: self._unit(unit).set_index("code")["weight"] for unit in ("spd", "sid")}

    @functools.cached_property
    def _weight_arrays(self) -> dict[str, np.ndarray]:
        return {unit: _read_only(w.to_numpy()) for unit, w in self._weights.items()}

    @property
    def spd_codes(self) -> list[str]:
        """Codes of the region-level indicators, in catalogue order (a new list)."""
        return list(self._codes["spd"])

    @property
    def sid_codes(self) -> list[str]:
        """Codes of the per-innovation indicators, in catalogue order (a new list)."""
        return list(self._codes["sid"])

    @property
    def spd_weights(self) -> pd.Series:
        """Weight per SPD indicator code (a copy)."""
        return self._weights["spd"].copy(deep=False)

    @property
    def sid_weights(self) -> pd.Series:
        """Weight per SID indicator code (a copy)."""
        return self._weights["sid"].copy(deep=False)

    @property
    def spd_weight_array(self) -> np.ndarray:
        """SPD weights as a read-only float array, in :attr:`spd_codes` order."""
        return self._weight_arrays["spd"]

    @property
    def sid_weight_array(self) -> np.ndarray:
        """SID weights as a read-only float array, in :attr:`sid_codes` order."""
        return self._weight_arrays["sid"]

    @property
    def sid_columns(self) -> list[str]:
        """Column names of the SID levels in an ``inovasi`` table (``ind_16`` ...)."""
        return [f"ind_{c}" for c in self._codes["sid"]]

    @property
    def spd_columns(self) -> list[str]:
        """Column names of the SPD levels in a wide ``spd`` table (``spd_1`` ...)."""
        return [f"spd_{c}" for c in self._codes["spd"]]

    # -- the numbers of the formula ---------------------------------------------------
    @property
    def divisor_floor(self) -> int:
        return int(self.rule("divisor_floor"))

    @property
    def jumlah_points(self) -> float:
        return float(self.rule("jumlah_points_per_innovation"))

    @property
    def jumlah_cap(self) -> int:
        return int(self.rule("jumlah_cap_innovations"))

    @property
    def urusan_min(self) -> int:
        return int(self.rule("jumlah_urusan_min"))

    @property
    def spd_max(self) -> float:
        return float(self.rule("spd_max"))

    @property
    def kematangan_max(self) -> float:
        return float(self.rule("kematangan_max"))

    @property
    def jumlah_max(self) -> float:
        return self.jumlah_points * self.jumlah_cap

    @property
    def total_max(self) -> float:
        return float(self.rule("total_max"))

    @property
    def cutoffs(self) -> dict[str, float]:
        """Lower bound of each predikat band (IID points)."""
        return {
            "Sangat Inovatif": float(self.rule("cutoff_sangat_inovatif")),
            "Inovatif": float(self.rule("cutoff_inovatif")),
            "Kurang Inovatif": float(self.rule("cutoff_kurang_inovatif")),
        }

    @property
    def window(self) -> tuple[dt.date | None, dt.date | None]:
        """Implementation window (start, end); None where not known."""
        return self.rule("window_start"), self.rule("window_end")

    @property
    def basic_service_urusan(self) -> list[str]:
        """The urusan wajib pelayanan dasar (six of them)."""
        return self._urusan.loc[self._urusan["pelayanan_dasar"], "urusan"].tolist()

    def predicate(self, iid) -> np.ndarray:
        """Predikat of IID values by this cycle's cut-offs.

        IID is rounded to two decimals first, as published (60.005 is not above 60.01).
        Missing IID gives an empty string (unknown, not Tidak Dapat Dinilai).

        Examples
        --------
        >>> load_framework(2023).predicate([60.0, 60.01, 34.99]).tolist()
        ['Inovatif', 'Sangat Inovatif', 'Kurang Inovatif']
        """
        values = np.round(np.asarray(iid, dtype=float), 2)
        cut = self.cutoffs
        out = np.select(
            [np.isnan(values), values >= cut["Sangat Inovatif"], values >= cut["Inovatif"],
             values >= cut["Kurang Inovatif"]],
            ["", "Sangat Inovatif", "Inovatif", "Kurang Inovatif"],
            default="Tidak Dapat Dinilai",
        )
        return out.astype(object)

    def indicator_names(self, lang: str = "id") -> pd.Series:
        """Indicator names in ``lang``, indexed by table column (``spd_1``, ``ind_16``).

        Examples
        --------
        >>> names = load_framework(2026).indicator_names("en")
        >>> names["ind_35"], load_framework(2026).indicator_names()["spd_8"]
        ('Innovation video', 'Opini BPK')
        """
        table = self._indicators
        columns = np.where(table["unit"] == "spd", "spd_", "ind_") + table["code"].astype(str)
        names = table["name_en" if lang == "en" else "name_id"].to_numpy()
        return pd.Series(names, index=pd.Index(columns, name="indikator"), name="nama")

    def variable_names(self, lang: str = "id") -> dict[str, str]:
        """Each variable (the Indonesian name an indicator row carries) as named in ``lang``.

        Examples
        --------
        >>> load_framework(2026).variable_names("en")["Kecanggihan Produk"]
        'Product sophistication'
        """
        table = self._indicators
        if lang != "en" or "variable_en" not in table:  # a catalogue without English names
            return dict(zip(table["variable"], table["variable"], strict=True))
        english = table["variable_en"].fillna(table["variable"])
        return dict(zip(table["variable"], english, strict=True))

    def rules_confidence(self, names) -> str:
        """Weakest confidence among the named rules."""
        return weakest(self.confidence(n) for n in names)

    def describe(self, lang: str = "id") -> pd.DataFrame:
        """The cycle's rules as a readable table (``aturan, nilai, keyakinan, sumber, catatan``)."""
        from inovlab.i18n import confidence_label

        df = self.rules.reset_index()
        labels = RULE_LABELS
        out = pd.DataFrame({
            "aturan" if lang == "id" else "rule": [labels.get(r, {}).get(lang, r) for r in df["rule"]],
            "nilai" if lang == "id" else "value": df["value"].fillna("").astype(str).replace("", "–"),
            "keyakinan" if lang == "id" else "confidence":
                [confidence_label(c, lang) for c in df["confidence"]],
            "sumber" if lang == "id" else "source": df["source"],
            "catatan" if lang == "id" else "note": df["note"].fillna(""),
        })
        return out


RULE_LABELS = {
    "sid_scheme": {"id": "skema indikator inovasi (SID)", "en": "innovation indicator scheme"},
    "spd_max": {"id": "skor SPD maksimum", "en": "maximum SPD score"},
    "kematangan_max": {"id": "skor kematangan maksimum per inovasi", "en": "maximum maturity score"},
    "total_max": {"id": "skor total maksimum", "en": "maximum total score"},
    "divisor_floor": {"id": "pembagi minimum (MAX(pembagi, n))", "en": "divisor floor (MAX(d, n))"},
    "jumlah_points_per_innovation": {"id": "poin jumlah inovasi per inovasi",
                                     "en": "number-of-innovations points per innovation"},
    "jumlah_cap_innovations": {"id": "batas inovasi yang diberi poin",
                               "en": "cap on innovations given points"},
    "jumlah_urusan_min": {"id": "minimal urusan pelayanan dasar tercakup (dari 6)",
                          "en": "minimum basic-service urusan covered (of 6)"},
    "cutoff_sangat_inovatif": {"id": "batas bawah Sangat Inovatif", "en": "Very Innovative from"},
    "cutoff_inovatif": {"id": "batas bawah Inovatif", "en": "Innovative from"},
    "cutoff_kurang_inovatif": {"id": "batas bawah Kurang Inovatif", "en": "Less Innovative from"},
    "window_start": {"id": "awal jendela penerapan", "en": "implementation window start"},
    "window_end": {"id": "akhir jendela penerapan", "en": "implementation window end"},
    "min_design_words": {"id": "minimal kata rancang bangun", "en": "minimum design-narrative words"},
    "max_video_seconds": {"id": "durasi video maksimum (detik)", "en": "maximum video length (s)"},
    "counted_stage": {"id": "tahapan yang dinilai", "en": "stage that is scored"},
}


def available_cycles(directory: Path | None = None) -> list[int]:
    """Cycles that have both rules and an indicator catalogue.

    Examples
    --------
    >>> available_cycles()[:2]
    [2022, 2023]
    """
    directory = Path(directory) if directory else framework_dir()
    rules = _read_rules(directory / "rules.csv")
    with_rules = set(rules["cycle"].astype(int))
    with_catalogue = {int(p.stem.split("_")[1]) for p in directory.glob("indicators_*.csv")
                      if p.stem.split("_")[1].isdigit()}
    return sorted(with_rules & with_catalogue)


@functools.lru_cache(maxsize=32)
def _read_rules(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"value": str, "cycle": int}, keep_default_na=False)


def load_framework(cycle: int, directory: Path | None = None) -> Framework:
    """Load the rules and indicator catalogue of one cycle.

    Parameters
    ----------
    cycle : int
        Assessment year, e.g. 2026.
    directory : path, optional
        Folder with ``rules.csv``, ``urusan.csv`` and ``indicators_<cycle>.csv``;
        defaults to the bundled ``data/framework``.

    Raises
    ------
    UsageError
        When the cycle is not known; the message lists the known cycles.

    Examples
    --------
    >>> fw = load_framework(2023)
    >>> len(fw.sid_codes), len(fw.spd_codes), fw.confidence("divisor_floor")
    (20, 20, 'confirmed')
    """
    directory = Path(directory) if directory else framework_dir()
    return _load(int(cycle), directory.resolve())


@functools.lru_cache(maxsize=32)
def _load(cycle: int, directory: Path) -> Framework:
    known = available_cycles(directory)
    if cycle not in known:
        raise UsageError(
            f"Siklus {cycle} tidak dikenal. Siklus yang tersedia: "
            f"{', '.join(map(str, known))}. (Unknown cycle {cycle}; known cycles are listed.)"
        )
    rules = _read_rules(directory / "rules.csv")
    rules = rules[rules["cycle"] == cycle].set_index("rule")
    missing = [r for r in REQUIRED_RULES if r not in rules.index]
    if missing:
        raise UsageError(f"rules.csv: siklus {cycle} tidak memuat aturan {', '.join(missing)}")
    bad = sorted(set(rules["confidence"]) - set(CONFIDENCE_ORDER))
    if bad:
        raise UsageError(f"rules.csv: tingkat keyakinan tidak dikenal: {', '.join(bad)}")
    indicators = pd.read_csv(directory / f"indicators_{cycle}.csv", dtype={"code": str})
    indicators["mandatory"] = indicators["mandatory"].astype(str).str.lower().eq("true")
    indicators["weight"] = indicators["weight"].astype(float)
    if "note" not in indicators:
        indicators["note"] = ""
    if "variable_en" not in indicators:  # a catalogue written before English variable names
        indicators["variable_en"] = indicators["variable"]
    urusan = pd.read_csv(directory / "urusan.csv")
    urusan["pelayanan_dasar"] = urusan["pelayanan_dasar"].astype(str).str.lower().eq("true")
    return Framework(cycle=cycle, indicators=indicators, rules=rules[
        ["value", "confidence", "source", "note"]], urusan=urusan)
