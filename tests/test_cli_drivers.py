"""``inovlab drivers`` on one pemda's own files: exit 0, own decomposition, no drivers.csv."""

import pandas as pd

from inovlab import cli
from inovlab.resources import data_path

INOVASI = data_path("contoh", "inovasi_contoh.csv")
SPD = data_path("contoh", "spd_contoh.csv")


def test_own_files_only(tmp_path, capsys):
    code = cli.main(["drivers", "--cycle", "2026", "--inovasi", str(INOVASI), "--spd", str(SPD),
                     "--out", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert not (tmp_path / "drivers.csv").exists()
    prio = pd.read_csv(tmp_path / "prioritas.csv", dtype={"kode_wilayah": str})
    points = pd.read_csv(tmp_path / "poin_daerah.csv", dtype={"kode_wilayah": str})
    assert prio["kode_wilayah"].eq("19.71").all() and prio["peringkat_prioritas"].iloc[0] == 1
    assert prio["poin_satu_langkah"].is_monotonic_decreasing
    assert set(points["sumber_data"]) == {"data pengguna"}
    assert "banyak pemda dari klaster yang sama" in out.out
    assert "Skor IID 55,52 (Inovatif)" in out.out and "poin_daerah.csv" in out.out


def test_own_files_named_region_english(tmp_path, capsys):
    code = cli.main(["drivers", "--cycle", "2026", "--inovasi", str(INOVASI), "--spd", str(SPD),
                     "--region", "Pangkalpinang", "--out", str(tmp_path), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "1 kota in the data" in out and "Written:" in out


def test_file_with_several_cycles_uses_the_cycle(tmp_path, capsys):
    inovasi = pd.read_csv(INOVASI)
    spd = pd.read_csv(SPD)
    pd.concat([inovasi, inovasi.assign(tahun=2025)]).to_csv(tmp_path / "i.csv", index=False)
    pd.concat([spd, spd.assign(tahun=2025)]).to_csv(tmp_path / "s.csv", index=False)
    code = cli.main(["drivers", "--cycle", "2026", "--inovasi", str(tmp_path / "i.csv"),
                     "--spd", str(tmp_path / "s.csv"), "--out", str(tmp_path / "o")])
    assert code == 0, capsys.readouterr().err
    assert "Skor IID 55,52" in capsys.readouterr().out
