"""Tests of ``--out`` handling (inovlab.cli.output) and of formula-free workbooks.

Every workbook inovlab writes (template, check workbook, clean table) is opened sheet by
sheet, hidden sheets included, and no cell may start with ``= + - @``; a refused or failed
``--out`` exits 1 or 2 with a located message, writes nothing and changes no input.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inovlab.cli.main import main

DATA = Path(__file__).parent / "data"
HOSTILE = DATA / "hostile_cli"
INOVASI = DATA / "readiness" / "inovasi_kota.csv"
FORMULA_START = re.compile(r"^[=+\-@]")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def _formula_like_cells(path: Path) -> list[str]:
    """``sheet!cell = value`` of every cell that starts like a formula (hidden sheets too)."""
    wb = load_workbook(path)  # formulas come back as their text, starting with "="
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str) and FORMULA_START.match(v) and not PLAIN_NUMBER.match(v):
                    found.append(f"{ws.title}!{cell.coordinate} = {v!r}")
                elif cell.data_type == "f":
                    found.append(f"{ws.title}!{cell.coordinate} formula {v!r}")
    return found


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_template_hidden_list_holds_no_formula(tmp_path):
    opd = HOSTILE / "opd_formula.txt"
    before = _digest(opd)
    out = tmp_path / "t.xlsx"
    assert main(["template", "--cycle", "2026", "--out", str(out), "--opd-list", str(opd),
                 "--region", "Pangkalpinang"]) == 0
    assert _formula_like_cells(out) == []
    wb = load_workbook(out)
    assert wb["Daftar"].sheet_state == "hidden"
    listed = [c.value for c in wb["Daftar"]["C"][1:] if c.value]
    assert listed[0].startswith("'=HYPERLINK") and "'@Bappeda" in listed
    assert _digest(opd) == before


def test_check_workbook_and_clean_table_hold_no_formula(tmp_path):
    src = HOSTILE / "inovasi_formula.csv"
    before = _digest(src)
    out = tmp_path / "cek"
    assert main(["check", "--cycle", "2026", "--inovasi", str(src), "--opd-list",
                 str(HOSTILE / "opd_formula.txt"), "--out", str(out)]) == 0
    assert _formula_like_cells(out / "cek_kesiapan.xlsx") == []
    clean = tmp_path / "bersih.xlsx"
    assert main(["validate", str(src), "--out", str(clean)]) == 0
    assert _formula_like_cells(clean) == []
    values = [c.value for row in load_workbook(clean).active.iter_rows() for c in row]
    assert any(str(v).startswith("'=HYPERLINK") for v in values)
    assert _digest(src) == before


def test_template_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"filled in by an OPD")
    assert main(["template", "--cycle", "2026", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == b"filled in by an OPD"
    assert main(["template", "--cycle", "2026", "--out", str(out), "--force"]) == 0
    assert load_workbook(out).sheetnames[0] == "Inovasi"


def test_template_out_that_is_a_folder(tmp_path, capsys):
    folder = tmp_path / "x.xlsx"
    folder.mkdir()
    assert main(["template", "--cycle", "2026", "--out", str(folder), "--lang", "en"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def _score(out, *extra):
    return main(["score", "--cycle", "2026", "--inovasi", str(INOVASI), "--out", str(out),
                 *extra])


def test_score_replaces_an_earlier_set_as_a_whole(tmp_path):
    out = tmp_path / "skor"
    assert _score(out) == 0
    (out / "skor_daerah.csv").write_text("old", encoding="utf-8")
    assert _score(out) == 0
    assert (out / "skor_daerah.csv").read_text(encoding="utf-8-sig").startswith("tahun")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skor"]  # no temporary leftovers


def test_out_folder_with_other_files_is_refused(tmp_path, capsys):
    mine = tmp_path / "catatan.docx"
    mine.write_text("the user's own file")
    assert _score(tmp_path, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "catatan.docx" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catatan.docx"]


def test_out_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "hasil"
    target.write_text("x")
    assert main(["check", "--cycle", "2026", "--inovasi", str(INOVASI), "--out",
                 str(target)]) == 2
    assert "bukan folder" in capsys.readouterr().err
    assert _score(target / "sub") == 2
    assert target.read_text() == "x"


def test_unwritable_out_folder(tmp_path, capsys, monkeypatch):
    real_access = os.access
    locked = tmp_path / "terkunci"
    locked.mkdir()
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked
                        else real_access(p, mode))
    assert _score(locked / "skor", "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "cannot be written" in err and str(locked) in err
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("command", ["score", "check"])
def test_full_disk_leaves_the_earlier_set_untouched(tmp_path, capsys, monkeypatch, command):
    out = tmp_path / "hasil"
    args = [command, "--cycle", "2026", "--inovasi", str(INOVASI), "--out", str(out)]
    assert main(args) == 0
    before = {p.name: _digest(p) for p in out.iterdir()}
    import inovlab.io.export as export

    calls = {"n": 0}
    real = export.atomic_write_bytes

    def fill_up(path, data):
        calls["n"] += 1
        if calls["n"] == 2:  # the second file of the set hits a full disk
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(export, "atomic_write_bytes", fill_up)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "disk penuh" in err and "Traceback" not in err
    assert {p.name: _digest(p) for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil"]


def test_validate_out_full_disk_and_folder(tmp_path, capsys, monkeypatch):
    assert main(["validate", str(INOVASI), "--out", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err
    import inovlab.io.export as export

    def full(*_args, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "atomic_write_bytes", full)
    out = tmp_path / "bersih.csv"
    assert main(["validate", str(INOVASI), "--out", str(out), "--lang", "en"]) == 1
    assert "the disk is full" in capsys.readouterr().err
    assert not out.exists()
