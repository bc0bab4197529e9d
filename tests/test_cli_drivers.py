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
    # ranked by IID points per person-day of the steps still open this cycle
    assert prio["poin_per_biaya"].is_monotonic_decreasing and (prio["n_bisa_naik"] > 0).all()
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


def _split_by_opd(tmp_path):
    """The example inovasi as one file per OPD, beside a file of the previous cycle."""
    inovasi = pd.read_csv(INOVASI)
    files = []
    for i, (_, part) in enumerate(inovasi.groupby("opd")):
        files.append(tmp_path / f"inovasi_{i}.csv")
        part.to_csv(files[-1], index=False)
    files.append(tmp_path / "inovasi_2025.csv")
    inovasi.assign(tahun=2025).to_csv(files[-1], index=False)
    return files


def test_several_files_per_option(tmp_path, capsys):
    files = _split_by_opd(tmp_path)
    spd = pd.read_csv(SPD)
    spd.assign(tahun=2025).to_csv(tmp_path / "spd_2025.csv", index=False)
    code = cli.main(["drivers", "--cycle", "2026", "--inovasi", *map(str, files),
                     "--spd", str(SPD), str(tmp_path / "spd_2025.csv"),
                     "--out", str(tmp_path / "o")])
    out = capsys.readouterr()
    assert code == 0, out.err
    n_prev = len(pd.read_csv(INOVASI))
    assert f"{n_prev} baris inovasi dari siklus lain (2025)" in out.out
    assert "Uraian poin IID Kota Pangkal Pinang 2026 (data pengguna)" in out.out
    assert "Penggerak peringkat" not in out.out
    assert "Skor IID 55,52 (Inovatif)" in out.out


def test_without_spd_counts_spd_as_zero(tmp_path, capsys):
    assert cli.main(["drivers", "--cycle", "2026", "--inovasi", str(INOVASI), "--spd", str(SPD),
                     "--out", str(tmp_path / "a")]) == 0
    capsys.readouterr()
    code = cli.main(["drivers", "--cycle", "2026", "--inovasi", str(INOVASI),
                     "--out", str(tmp_path / "b")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Tanpa --spd: poin SPD dihitung 0")
    full = pd.read_csv(tmp_path / "a" / "poin_daerah.csv")
    spd_points = full.loc[full["bagian"] == "spd", "poin_saat_ini"].sum()
    bare = pd.read_csv(tmp_path / "b" / "poin_daerah.csv")
    assert bare.loc[bare["bagian"] == "spd", "poin_saat_ini"].sum() == 0
    assert abs(bare["poin_saat_ini"].sum() - (55.52 - spd_points)) < 0.006


def test_hasil_of_earlier_cycles_only(tmp_path, capsys):
    hasil = tmp_path / "hasil.csv"
    hasil.write_text("tahun,nama_daerah,skor_iid\n2024,Kota Pangkalpinang,60\n"
                     "2025,Kota Pangkalpinang,58\n")
    code = cli.main(["drivers", "--cycle", "2026", "--inovasi", str(INOVASI), "--spd", str(SPD),
                     "--hasil", str(hasil), "--out", str(tmp_path / "o")])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Berkas hasil tidak memuat siklus 2026 (hanya 2024, 2025)" in out.out
    assert (tmp_path / "o" / "poin_daerah.csv").exists()
