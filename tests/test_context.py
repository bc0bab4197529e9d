"""The report context: what every page's header says."""

import datetime as dt
import json

from inovlab.report.context import ReportContext, notebook_context, run_context, source_kind


def test_source_kind_from_parameters():
    assert source_kind({}) == "demo"
    assert source_kind({"hasil_path": "h.csv", "spd_path": "s.csv", "inovasi_path": "i.csv"}) == "user"
    assert source_kind({"inovasi_path": "i.csv", "demo": False}) == "user"
    assert source_kind({"inovasi_path": "i.csv", "demo": True}) == "user+demo"


def test_run_context_reads_the_manifest(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({
        "region": "Kota Pangkal Pinang", "cycle": 2026, "lang": "en",
        "started": "2026-12-02T14:00:00+00:00", "parameters": {"inovasi_path": "x.csv"}}))
    c = run_context(tmp_path)
    assert (c.region, c.cycle, c.lang, c.source, c.made) == (
        "Kota Pangkal Pinang", 2026, "en", "user+demo", dt.date(2026, 12, 2))
    lines = c.lines()
    assert lines[2] == "Made 2 December 2026"
    assert "user data + demo data (synthetic)" in lines[3]
    assert lines[4].startswith("Rule confidence of the cycle: ")


def test_assumed_rules_are_words():
    c = ReportContext("Kota Bogor", 2026, "id", "demo", dt.date(2026, 1, 5), "inferred", 1)
    assert c.confidence_text == "diasumsikan (1 aturan atau indikator diasumsikan)"
    assert "inferred" not in " ".join(c.lines())


def test_notebook_context_needs_region_and_cycle():
    nb = {"metadata": {"papermill": {"parameters": {"region": "Kota Bogor", "cycle": 2026}}}}
    assert notebook_context(nb).region == "Kota Bogor"
    assert notebook_context({"metadata": {}}) is None
