"""``--out`` of every command: checked before any work, written as a whole, failures in words.

* :func:`check_out_file` / :func:`check_out_folder` run before the inputs are read: an
  ``--out`` that is the wrong kind of thing (a folder for a file, a file for a folder), lies
  in a folder that cannot be written, or would overwrite a workbook without ``--force`` is a
  :class:`~inovlab.errors.UsageError` (exit 2) and nothing is written.
* :func:`output_folder` builds a multi-file output in a hidden folder and puts the whole set
  in place (:func:`inovlab.io.export.atomic_folder`).
* :func:`writing` turns an ``OSError`` while writing (a full disk, a folder made read-only
  meanwhile) into a located :class:`~inovlab.errors.DataError` (exit 1): the target is left
  as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from inovlab.errors import DataError, Problem, UsageError
from inovlab.i18n import message

_MESSAGES = {
    "is_dir": {"id": "--out {path} adalah folder; tulis nama berkas{ext}.",
               "en": "--out {path} is a folder; give a file name{ext}."},
    "is_file": {"id": "--out {path} adalah berkas, bukan folder; beri nama folder.",
                "en": "--out {path} is a file, not a folder; give a folder name."},
    "exists": {"id": "--out {path} sudah ada dan tidak ditimpa (mungkin sudah diisi). Pakai "
                     "nama lain, atau tambahkan --force untuk menimpanya.",
               "en": "--out {path} already exists and is not overwritten (it may have been "
                     "filled in). Use another name, or add --force to overwrite it."},
    "not_writable": {"id": "--out {path}: folder {folder} tidak dapat ditulis (izin ditolak "
                           "atau hanya-baca). Pilih folder lain.",
                     "en": "--out {path}: the folder {folder} cannot be written (permission "
                           "denied or read-only). Choose another folder."},
    "blocked": {"id": "--out {path}: {blocker} adalah berkas, jadi folder tidak dapat dibuat "
                      "di dalamnya.",
                "en": "--out {path}: {blocker} is a file, so no folder can be made inside "
                      "it."},
    "in_use": {"id": "--out {path} memuat berkas lain ({files}); inovlab tidak menghapus "
                     "berkas yang bukan keluarannya. Pilih folder baru atau kosong.",
               "en": "--out {path} holds other files ({files}); inovlab never deletes files "
                     "it did not write. Choose a new or empty folder."},
    "write_failed": {"id": "gagal menulis keluaran: {reason}. Tidak ada berkas yang diubah "
                           "di {path}.",
                     "en": "could not write the output: {reason}. No file was changed in "
                           "{path}."},
    "disk_full": {"id": "disk penuh", "en": "the disk is full"},
    "denied": {"id": "izin ditolak", "en": "permission denied"},
    "read_only": {"id": "disk hanya-baca", "en": "the disk is read-only"},
}


def _existing_ancestor(path: Path) -> Path:
    """The nearest part of ``path`` that exists (``path`` itself when it does)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_parent(path: Path, lang: str) -> None:
    """The folder that will hold ``path`` (or its nearest existing part) must be writable."""
    base = _existing_ancestor(path.parent)
    if not base.is_dir():
        raise UsageError(message(_MESSAGES, "blocked", lang, path=path, blocker=base))
    if not os.access(base, os.W_OK | os.X_OK):
        raise UsageError(message(_MESSAGES, "not_writable", lang, path=path, folder=base))


def check_out_file(path, lang: str = "id", force: bool = True, ext: str = "") -> Path:
    """Check a single-file ``--out`` before any work; returns it as a Path.

    Parameters
    ----------
    path : str or Path
    lang : {"id", "en"}
    force : bool
        ``False``: an existing file is refused (a filled-in workbook is never overwritten
        without ``--force``).
    ext : str
        The expected extension, named in the message when ``path`` is a folder.

    Raises
    ------
    UsageError
        ``path`` is a folder, exists (without ``force``), or its folder cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> check_out_file(d / "t.xlsx", force=False).name
    't.xlsx'
    >>> check_out_file(d, ext=" .xlsx")
    Traceback (most recent call last):
    inovlab.errors.UsageError: --out ... adalah folder; tulis nama berkas .xlsx.
    """
    path = Path(path)
    if path.is_dir():
        raise UsageError(message(_MESSAGES, "is_dir", lang, path=path, ext=ext))
    if path.exists() and not force:
        raise UsageError(message(_MESSAGES, "exists", lang, path=path))
    _check_parent(path, lang)
    return path


def check_out_folder(path, owned, lang: str = "id") -> Path:
    """Check a multi-file ``--out`` folder before any work; returns it as a Path.

    An existing folder is accepted when it is empty or holds only ``owned`` files (the same
    command's earlier outputs, replaced as a whole later).

    Raises
    ------
    UsageError
        ``path`` is a file, lies under a file, cannot be written, or holds other files.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("x")
    >>> check_out_folder(d / "hasil", {"skor.csv"}).name
    'hasil'
    >>> check_out_folder(d, {"skor.csv"}, lang="en")
    Traceback (most recent call last):
    inovlab.errors.UsageError: --out ... holds other files (a.txt); ...
    """
    from inovlab.io.export import foreign_files

    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(message(_MESSAGES, "is_file", lang, path=path))
    _check_parent(path, lang)
    if path.is_dir() and not os.access(path, os.W_OK | os.X_OK):
        raise UsageError(message(_MESSAGES, "not_writable", lang, path=path, folder=path))
    foreign = foreign_files(path, owned)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
        raise UsageError(message(_MESSAGES, "in_use", lang, path=path, files=shown))
    return path


def _reason(exc: OSError, lang: str) -> str:
    key = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EACCES: "denied",
           errno.EPERM: "denied", errno.EROFS: "read_only"}.get(exc.errno)
    return message(_MESSAGES, key, lang) if key else (exc.strerror or type(exc).__name__)


@contextlib.contextmanager
def writing(target, lang: str = "id"):
    """Turn an ``OSError`` raised while writing ``target`` into a located ``DataError``.

    Examples
    --------
    >>> import errno
    >>> try:
    ...     with writing("hasil", "en"):
    ...         raise OSError(errno.ENOSPC, "No space left on device")
    ... except DataError as err:
    ...     print(err.problems[0].reason)
    could not write the output: the disk is full. No file was changed in hasil.
    """
    try:
        yield
    except OSError as exc:
        reason = message(_MESSAGES, "write_failed", lang, reason=_reason(exc, lang),
                         path=target)
        raise DataError([Problem(str(target), None, None, None, reason, "WRITE_FAILED")],
                        lang) from exc


@contextlib.contextmanager
def output_folder(target, owned, lang: str = "id"):
    """Yield a temporary folder; its files replace ``target`` as a whole on success.

    On any error (a full disk included) ``target`` is unchanged and the temporary folder
    removed; an ``OSError`` becomes a located ``DataError`` (:func:`writing`).

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "skor"
    >>> with output_folder(out, {"a.csv"}) as d:
    ...     _ = (d / "a.csv").write_text("x")
    >>> [p.name for p in out.iterdir()]
    ['a.csv']
    """
    from inovlab.io.export import FolderInUse, atomic_folder

    try:
        with writing(target, lang), atomic_folder(target, owned) as folder:
            yield folder
    except FolderInUse as exc:  # a file appeared in the folder since the first check
        raise UsageError(message(_MESSAGES, "in_use", lang, path=target,
                                 files=", ".join(exc.files[:5]))) from None
