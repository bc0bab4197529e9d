"""``inovlab score`` writes the contract's two files, or nothing when the input is bad."""

from pathlib import Path

import pandas as pd
import pytest

from inovlab.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
INOVASI = ROOT / "data" / "contoh" / "inovasi_contoh.csv"
SPD = ROOT / "data" / "contoh" / "spd_contoh.csv"


def test_score_writes_contract_files(tmp_path, capsys):
    out = tmp_path / "skor"
    assert main(["score", "--cycle", "2026", "--inovasi", str(INOVASI), "--spd", str(SPD),
                 "--out", str(out)]) == 0
    regions = pd.read_csv(out / "skor_daerah.csv", dtype={"kode_wilayah": str})
    contract = ["tahun", "kode_wilayah", "nama_daerah", "skor_spd", "n_inovasi_dihitung",
                "rata_kematangan", "skor_jumlah_inovasi", "skor_total", "skor_iid", "predikat"]
    assert list(regions.columns[: len(contract)]) == contract
    row = regions.iloc[0]
    assert row.kode_wilayah == "19.71" and row.nama_daerah == "Kota Pangkal Pinang"
    assert row.skor_total == pytest.approx(row.skor_spd + row.rata_kematangan
                                           + row.skor_jumlah_inovasi)
    assert row.skor_iid == pytest.approx(row.skor_total / 250 * 100)
    inn = pd.read_csv(out / "skor_inovasi.csv")
    assert {"id_inovasi", "skor_kematangan", "dihitung", "alasan"} <= set(inn.columns)
    assert len(inn) == len(pd.read_csv(INOVASI))
    assert "skor impas" in capsys.readouterr().out


def test_score_without_spd_reports_missing_not_zero(tmp_path, capsys):
    out = tmp_path / "skor"
    assert main(["score", "--cycle", "2026", "--inovasi", str(INOVASI), "--out", str(out)]) == 0
    regions = pd.read_csv(out / "skor_daerah.csv")
    assert regions["skor_spd"].isna().all() and regions["skor_iid"].isna().all()
    assert regions["rata_kematangan"].notna().all()
    assert "bukan nol" in capsys.readouterr().out


def test_score_default_run_folder_is_complete(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["score", "--cycle", "2026", "--inovasi", str(INOVASI)]) == 0
    folders = list((tmp_path / "runs" / "skor" / "2026").iterdir())
    assert len(folders) == 1 and not folders[0].name.startswith(".")
    assert (folders[0] / "skor_daerah.csv").exists()
    assert str(folders[0].name) in capsys.readouterr().out


def test_score_wrong_cycle_is_a_data_problem_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "skor"
    assert main(["score", "--cycle", "2025", "--inovasi", str(INOVASI), "--out", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Traceback" not in err and "2025" in err


def test_score_unknown_cycle_is_usage_error(tmp_path):
    assert main(["score", "--cycle", "1999", "--inovasi", str(INOVASI)]) == 2
