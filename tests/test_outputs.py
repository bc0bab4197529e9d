"""Tests of inovlab.workbook.outputs: figures, tables and key numbers in the run folder."""

import json

import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image

from inovlab.workbook import outputs


def _figure():
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.barh(["jumlah inovasi yang dihitung", "Video inovasi daerah"], [0.47, 0.1])
    ax.set_title("Keterkaitan indikator")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.text(0.01, 0.005, "Sumber: data demo (sintetis)", fontsize=8)
    return fig


def test_figure_is_cropped_like_bbox_tight(tmp_path):
    fig = _figure()
    path = outputs.save_figure(fig, "uji", tmp_path)
    fig.savefig(tmp_path / "tight.png", dpi=120, bbox_inches="tight")
    plt.close(fig)
    ours, tight = Image.open(path).size, Image.open(tmp_path / "tight.png").size
    assert abs(ours[0] - tight[0]) <= 6 and abs(ours[1] - tight[1]) <= 6, (ours, tight)
    assert ours[0] < 6 * 120  # margins trimmed, not the whole 6-inch canvas


def test_figure_name_is_sanitised_and_no_temp_file_left(tmp_path):
    fig = _figure()
    path = outputs.save_figure(fig, "../luar/uji gambar", tmp_path)
    plt.close(fig)
    assert path.parent == tmp_path / "figures"
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_no_output_dir_saves_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig = _figure()
    assert outputs.save_figure(fig, "uji", "") is None
    plt.close(fig)
    assert list(tmp_path.iterdir()) == []


def test_numbers_are_recorded_and_claimed(tmp_path):
    outputs.record_number("skor_iid", 61.5, tmp_path, label="Skor IID")
    outputs.record_number("peringkat", pd.NA, tmp_path)
    outputs.claim_numbers(tmp_path, "01_ikhtisar_hasil")
    data = json.loads((tmp_path / outputs.SUMMARY_FILE).read_text(encoding="utf-8"))
    assert data["skor_iid"] == {"value": 61.5, "label": "Skor IID", "notebook": "01_ikhtisar_hasil"}
    assert data["peringkat"]["value"] is None


def test_two_kernels_writing_key_numbers_at_once_lose_none(tmp_path, monkeypatch):
    import threading

    monkeypatch.setenv(outputs.RUNNING_ENV, "03_penggerak_peringkat")

    def write(prefix):
        for i in range(40):
            outputs.record_number(f"{prefix}_{i}", i, tmp_path)

    threads = [threading.Thread(target=write, args=(p,)) for p in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    data = outputs.read_numbers(tmp_path)
    assert len(data) == 120
    assert {v["notebook"] for v in data.values()} == {"03_penggerak_peringkat"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [outputs.SUMMARY_FILE]  # no lock left


def test_a_lock_left_by_a_dead_writer_is_taken_over(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "LOCK_WAIT_S", 0.05)
    (tmp_path / f".{outputs.SUMMARY_FILE}.lock").write_text("")
    outputs.record_number("skor_iid", 1.0, tmp_path)
    assert outputs.read_numbers(tmp_path)["skor_iid"]["value"] == 1.0
