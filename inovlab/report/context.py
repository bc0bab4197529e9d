"""What every page of a run says at its top: pemda, cycle, date, data source, rule confidence.

The context is read from what the run left behind (``manifest.json``: region, cycle,
language, parameters), so reports, the deck, the landing page and exported tables all name
the same source, and a report can be rebuilt from the run folder alone. Outside a run (a
notebook executed by plain papermill) it is read from the notebook's own parameters.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from inovlab.i18n import confidence_label, format_date, message, source_label

TABLE_PATHS = ("hasil_path", "spd_path", "inovasi_path")

_MESSAGES = {
    "cycle": {"id": "Siklus {cycle}", "en": "Cycle {cycle}"},
    "made": {"id": "Dibuat {date}", "en": "Made {date}"},
    "source": {"id": "Sumber data: {source}", "en": "Data source: {source}"},
    "rules": {"id": "Keyakinan aturan siklus: {level}", "en": "Rule confidence of the cycle: {level}"},
    "assumed": {"id": "{level} ({n} aturan atau indikator diasumsikan)",
                "en": "{level} (assumed rules or indicators: {n})"},
}


def source_kind(parameters: dict) -> str:
    """``user``, ``demo`` or ``user+demo`` from a run's table-file parameters and ``demo``.

    Examples
    --------
    >>> source_kind({"demo": True}), source_kind({"inovasi_path": "a.csv", "demo": True})
    ('demo', 'user+demo')
    >>> source_kind({"hasil_path": "h.csv", "demo": False})
    'user'
    """
    given = [k for k in TABLE_PATHS if parameters.get(k)]
    if not given:
        return "demo" if parameters.get("demo", True) else "user"
    return "user+demo" if parameters.get("demo", True) and len(given) < len(TABLE_PATHS) else "user"


@dataclass(frozen=True)
class ReportContext:
    """The facts a report's header states.

    Examples
    --------
    >>> c = ReportContext("Kota Bogor", 2026, "en", "demo", dt.date(2026, 8, 17), "confirmed", 0)
    >>> c.lines()
    ['Kota Bogor', 'Cycle 2026', 'Made 17 August 2026', 'Data source: demo data (synthetic)', 'Rule confidence of the cycle: confirmed']
    """

    region: str
    cycle: int
    lang: str
    source: str
    made: dt.date
    confidence: str = "confirmed"
    n_assumed: int = 0

    @property
    def source_label(self) -> str:
        """The reader's label of the data source (``data demo (sintetis)``)."""
        return source_label(self.source, self.lang)

    @property
    def confidence_text(self) -> str:
        """The weakest rule confidence of the cycle in words, with how many are assumed."""
        level = confidence_label(self.confidence, self.lang)
        if not self.n_assumed:
            return level
        return message(_MESSAGES, "assumed", self.lang, level=level, n=self.n_assumed)

    def lines(self) -> list[str]:
        """Region, cycle, date, source and rule confidence, one phrase each."""
        lang = self.lang
        return [self.region, message(_MESSAGES, "cycle", lang, cycle=self.cycle),
                message(_MESSAGES, "made", lang, date=format_date(self.made, lang)),
                message(_MESSAGES, "source", lang, source=self.source_label),
                message(_MESSAGES, "rules", lang, level=self.confidence_text)]


def rule_confidence(cycle: int) -> tuple[str, int]:
    """The weakest confidence among the cycle's rules and indicators, and how many are assumed.

    Examples
    --------
    >>> level, n = rule_confidence(2026)
    >>> level in ("confirmed", "secondary", "inferred", "unknown") and n >= 0
    True
    """
    try:
        from inovlab.rules.framework import load_framework, weakest

        fw = load_framework(int(cycle))
        levels = list(fw.rules["confidence"]) + list(fw.indicators["confidence"])
        return weakest(levels), len(fw.assumptions())
    except Exception:  # an unknown cycle: say nothing rather than fail the report
        return "unknown", 0


def _made(text: str | None) -> dt.date:
    try:
        return dt.datetime.fromisoformat(str(text)).date()
    except (TypeError, ValueError):
        return dt.date.today()


def context_from(region: str, cycle, lang: str, parameters: dict,
                 started: str | None = None) -> ReportContext:
    """Build the context from a run's region, cycle, language and parameters."""
    level, n = rule_confidence(int(cycle))
    return ReportContext(str(region), int(cycle), lang if lang in ("id", "en") else "id",
                         source_kind(parameters), _made(started), level, n)


def run_context(run_dir: str | Path) -> ReportContext | None:
    """The context of a run folder (from ``manifest.json``), or None outside a run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "manifest.json").write_text(json.dumps({"region": "Kota Bogor", "cycle": 2026,
    ...     "lang": "id", "started": "2026-08-17T10:00:00", "parameters": {"demo": True}}))
    >>> run_context(d).lines()[:3]
    ['Kota Bogor', 'Siklus 2026', 'Dibuat 17 Agustus 2026']
    >>> run_context(d / "nothing") is None
    True
    """
    path = Path(run_dir) / "manifest.json"
    if not path.is_file():
        return None
    m = json.loads(path.read_text(encoding="utf-8"))
    return context_from(m.get("region", ""), m.get("cycle", 0), m.get("lang", "id"),
                        m.get("parameters", {}), m.get("started"))


def notebook_context(notebook) -> ReportContext | None:
    """The context of an executed notebook from its papermill parameters (None without)."""
    params = (notebook.get("metadata", {}).get("papermill") or {}).get("parameters") or {}
    if "region" not in params or "cycle" not in params:
        return None
    return context_from(params["region"], params["cycle"], params.get("lang", "id"), params)
