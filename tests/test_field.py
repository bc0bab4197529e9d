"""Tests of the comparison field (inovlab.analysis.field)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inovlab.analysis.field import (
    NO_FIELD_REASONS,
    canonical_predikat,
    comparison_field,
    no_field_reason,
    no_field_sentence,
)
from inovlab.sources.published import load_published

BABEL = ["19.01", "19.02", "19.03", "19.04", "19.05", "19.06", "19.71"]
BABEL_SCORES = [61.5, 48.25, 55.0, 39.9, 70.1, 52.0, 58.3]


@pytest.fixture()
def babel():
    """A hand-made partial list: 7 Bangka Belitung kab/kota with scores for 2024."""
    return pd.DataFrame({"tahun": 2024, "kode_wilayah": BABEL, "skor_iid": BABEL_SCORES})


def test_partial_province_list_is_mixed_for_the_only_city(babel):
    f = comparison_field(babel, "19.71", 2026, source="user")
    assert f.label == "7 pemda dalam berkas Anda: Kepulauan Bangka Belitung 2024"
    assert (f.n, f.cycle, f.cluster, f.has_scores, f.is_member) == (7, 2024, None, True, True)
    others = [s for c, s in zip(BABEL, BABEL_SCORES, strict=True) if c != "19.71"]
    assert f.rank_now() == 1 + sum(s > 58.3 for s in others) == 3
    assert f.rank_of(60.0) == 3 and f.rank_of(71.0) == 1 and f.rank_of(0.0) == 7
    assert f.rank_of(float("nan")) is None
    s = f.sentence(2026)
    assert s.startswith("Peringkat dihitung di antara 7 pemda dalam berkas Anda")
    assert "dari siklus 2024, bukan 2026" in s
    assert "same cycle" in f.sentence(2024, "en")
    assert f.reason() is None


def test_own_cluster_when_enough_members(babel):
    f = comparison_field(babel, "19.01", 2026, source="user")
    assert f.cluster == "kabupaten" and f.n == 6 and "19.71" not in f.codes
    assert f.label == "6 kabupaten dalam berkas Anda: Kepulauan Bangka Belitung 2024"
    # min_cluster above the cluster size: the whole (mixed) list
    g = comparison_field(babel, "19.01", 2026, source="user", min_cluster=7)
    assert g.cluster is None and g.n == 7
    assert comparison_field(babel, "19.01", 2026, source="user",
                            lang="en").label.startswith("6 regencies in your files")


def test_latest_cycle_with_other_pemda_and_not_later(babel):
    own_only = pd.DataFrame({"tahun": [2025], "kode_wilayah": ["19.71"], "skor_iid": [60.0]})
    later = babel.assign(tahun=2027, skor_iid=99.0)
    f = comparison_field(pd.concat([babel, own_only, later]), "19.71", 2026, source="user")
    assert f.cycle == 2024 and f.rank_now() == 3
    assert comparison_field(later, "19.71", 2026, source="user") is None
    assert no_field_reason(later, "19.71", 2026) == "no_others"
    assert no_field_reason(own_only, "19.71", 2026) == "no_others"
    assert no_field_reason(None, "19.71", 2026) == "no_hasil"
    assert no_field_reason(babel, "19.71", 2026) is None


def test_predicates_only_from_the_published_record():
    pub = load_published()
    aceh = pub[(pub["tahun"] == 2022) & (pub["provinsi"] == "Aceh")]
    kab = aceh[aceh["jenis"] == "kabupaten"]
    f = comparison_field(aceh, "11.01", 2026, source="published")
    assert f.cluster == "kabupaten" and f.n == len(kab)
    assert f.label == f"{len(kab)} kabupaten dalam data resmi terpublikasi: Aceh 2022"
    assert not f.has_scores and f.rank_of(60.0) is None and f.rank_now() is None
    counts = kab["predikat"].value_counts()
    expected = ", ".join(f"{counts[p]} {p}" for p in ("Sangat Inovatif", "Inovatif",
                                                      "Kurang Inovatif") if p in counts)
    assert f.predicate_counts() == expected
    s = f.sentence(2026)
    assert "skor_iid" in s and expected in s and "2022, bukan 2026" in s
    assert f.as_dict()["catatan_peringkat"].startswith("Peringkat tidak dihitung")


def test_partial_scores_are_not_ranked(babel):
    h = babel.assign(skor_iid=babel["skor_iid"].where(babel.index < 3),
                     predikat=["Sangat Inovatif", "Inovatif", "Inovatif", "Inovatif",
                               "Sangat Inovatif", "Kurang Inovatif", "Inovatif"])
    f = comparison_field(h, "19.71", 2026, source="user")
    assert f.reason() == "partial_scores" and f.rank_of(50.0) is None
    assert "3 dari 6" in f.sentence(2026)


def test_predicate_position_and_normalised_predikat(babel):
    h = babel.assign(skor_iid=np.nan, predikat=["SANGAT INOVATIF", "inovatif", "Inovatif",
                                                 "Kurang Inovatif", "Very Innovative", "",
                                                 "Inovatif"])
    f = comparison_field(h, "19.71", 2026, source="user")
    assert f.n == 6  # the row with neither score nor predikat is not usable
    assert f.predicate_counts() == "2 Sangat Inovatif, 3 Inovatif, 1 Kurang Inovatif"
    s = f.predicate_position("Inovatif")
    assert "5 pemda lain" in s and "2 berpredikat lebih tinggi, 2 sama, 1 lebih rendah" in s
    with pytest.raises(ValueError):
        f.predicate_position("Bagus")


def test_predikat_derived_from_score_when_missing(babel):
    f = comparison_field(babel, "19.71", 2026, source="user")
    from inovlab.rules.framework import load_framework

    assert list(f.predikat) == load_framework(2024).predicate(BABEL_SCORES).tolist()


def test_duplicate_rows_and_provinces():
    h = pd.DataFrame({"tahun": 2025, "kode_wilayah": ["19.71", "19.71", "17.71", "11.71"],
                      "skor_iid": [np.nan, 50.0, 60.0, 70.0],
                      "predikat": ["Inovatif", "", "", ""]})
    f = comparison_field(h, "19.71", 2026, source="user")
    assert f.n == 3 and f.rank_now() == 3 and f.cluster == "kota"
    assert f.label == "3 kota dalam berkas Anda 2025"  # three provinces: none named
    two = comparison_field(h[h["kode_wilayah"] != "11.71"], "19.71", 2026, source="user")
    assert two.label == "2 kota dalam berkas Anda: Bengkulu dan Kepulauan Bangka Belitung 2025"
    with pytest.raises(ValueError):
        f.scores[0] = 1.0


def test_national_demo_panel_is_the_own_cluster():
    from inovlab.sources.demo import load_demo

    hasil = load_demo(seed=2026).hasil
    f = comparison_field(hasil, "19.71", 2026, source="demo")
    assert f.label == "98 kota dalam data demo (sintetis) 2026" and f.cluster == "kota"
    demo_rank = hasil.query("tahun == 2026 and kode_wilayah == '19.71'")["peringkat"].item()
    assert f.rank_now() == demo_rank
    d = f.as_dict()
    assert d["n_bidang"] == 98 and d["sumber"] == "data demo (sintetis)" and d["saat_ini"] == demo_rank


def test_no_field_sentences():
    for key in NO_FIELD_REASONS:
        for lang in ("id", "en"):
            text = no_field_sentence(key, lang, cycle=2025, label="x", k=1, m=2)
            assert text and "{" not in text
    with pytest.raises(ValueError):
        no_field_sentence("nope", "id")
    assert canonical_predikat(pd.Series(["Less Innovative"])).tolist() == ["Kurang Inovatif"]
