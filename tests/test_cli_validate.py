"""Tests of ``inovlab validate`` (inovlab.cli.validate): exit codes, output, no traceback."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from inovlab.cli.main import main

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"
VALID = DATA / "valid"


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_cli_ok_prints_summary_and_writes_clean_table(tmp_path, capsys):
    out = tmp_path / "bersih.csv"
    assert main(["validate", str(VALID / "hasil_decimal_comma.csv"), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "OK: 1 berkas, 3 baris, 3 daerah, tahun 2024–2025 (tabel hasil)." in text
    clean = pd.read_csv(out, dtype={"kode_wilayah": str})
    assert clean["kode_wilayah"].tolist() == ["19.71", "74.04", "17"]
    assert clean["skor_iid"].tolist() == [60.01, 45.5, 12.3]


def test_cli_writes_xlsx(tmp_path):
    out = tmp_path / "bersih.xlsx"
    assert main(["validate", str(VALID / "spd_long.csv"), "--kind", "spd", "--out", str(out)]) == 0
    t = pd.read_excel(out, dtype={"kode_wilayah": str})
    assert t["kode_wilayah"].tolist() == ["19.71", "74.04"]


def test_cli_data_problem_exit_1_nothing_written(tmp_path, capsys):
    out = tmp_path / "bersih.csv"
    src = BROKEN / "level_4.csv"
    before = digest(src)
    assert main(["validate", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "level_4.csv, baris 2, kolom 'ind_17', nilai '4'" in err
    assert "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert digest(src) == before


def test_cli_english(capsys):
    assert main(["validate", str(BROKEN / "level_4.csv"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Found 1 problem(s)" in err and "row 2, column 'ind_17'" in err
    assert main(["validate", str(VALID / "hasil_bom.csv"), "--lang", "en"]) == 0
    assert "OK: 1 file(s), 2 rows" in capsys.readouterr().out


def test_cli_usage_exit_2(tmp_path):
    assert main(["validate", str(tmp_path / "tidak_ada.csv")]) == 2
    with pytest.raises(SystemExit) as info:  # argparse rejects the choice
        main(["validate", str(VALID / "hasil_bom.csv"), "--kind", "salah"])
    assert info.value.code == 2
    assert main(["validate", str(VALID / "inovasi_ok.csv"), "--cycle", "1990"]) == 2


def test_cli_refuses_to_overwrite_input(tmp_path):
    p = tmp_path / "h.csv"
    p.write_bytes((VALID / "hasil_bom.csv").read_bytes())
    before = digest(p)
    assert main(["validate", str(p), "--out", str(p)]) == 2
    assert digest(p) == before


def test_cli_expands_wildcards_itself(tmp_path, capsys):
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_bytes((VALID / "hasil_bom.csv").read_bytes())
    (tmp_path / "c.txt").write_text("x", encoding="utf-8")
    code = main(["validate", str(tmp_path / "*.csv"), "--out", str(tmp_path / "out.xlsx")])
    assert code == 1  # the same rows twice: DUPLICATE_ROW across the two matched files
    err = capsys.readouterr().err
    assert "a.csv" in err and "b.csv" in err and "c.txt" not in err


def test_cli_pattern_without_match_is_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "*.csv"), "--lang", "en"]) == 2
    assert "matches no file" in capsys.readouterr().err
