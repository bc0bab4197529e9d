"""Where an unexpected error's traceback goes: a log file, never the terminal."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path


def log_dir() -> Path:
    """The user's log folder for inovlab (``platformdirs.user_log_dir``).

    Examples
    --------
    >>> log_dir().name in ("inovlab", "log", "Logs", "logs")
    True
    """
    from platformdirs import user_log_dir

    return Path(user_log_dir("inovlab"))


def _fallback_dir() -> Path:
    return Path(tempfile.gettempdir()) / "inovlab-logs"


def write_crash_log(exc: BaseException, argv: list[str] | None) -> Path | None:
    """Write ``exc``'s traceback with the command line and versions; return the file.

    The user log folder is tried first, then a folder in the system temp directory;
    ``None`` when neither is writable (the caller still prints its short message).

    Examples
    --------
    >>> try:
    ...     raise ValueError("boom")
    ... except ValueError as e:
    ...     path = write_crash_log(e, ["rules"])
    >>> "ValueError: boom" in path.read_text(encoding="utf-8")
    True
    """
    from inovlab import __version__

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "\n".join([
        f"inovlab {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"time: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"cwd: {os.getcwd()}",
        f"argv: {sys.argv[:1] + list(argv if argv is not None else sys.argv[1:])}",
        "",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ])
    for folder in (log_dir(), _fallback_dir()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None
