"""What one notebook may change in a warm kernel, put back before the next one runs.

Runs **inside** the kernel of :class:`inovlab.workbook.warmkernel.WarmKernel`, so it imports
nothing heavy of its own (matplotlib and numpy are loaded by every notebook anyway). After
``%reset -f`` has emptied the user namespace, :func:`restore_state` puts back the global
settings a notebook can change without naming them in its namespace.
"""

from __future__ import annotations

import os
import sys

_STATE: dict = {}
RUNNING_ENV = "INOVLAB_RUNNING_NOTEBOOK"
"""Environment variable naming the notebook a warm kernel runs now (``restore_state`` sets
it; ``outputs.record_number`` writes it next to each key number)."""


def snapshot_state() -> None:
    """Remember the kernel's global settings as they are before the first notebook.

    Runs inside the kernel when it starts: matplotlib's ``rcParams`` (after pyplot chose its
    backend) and that backend, warning filters, ``sys.path`` and numpy's global random state.
    """
    import warnings

    import matplotlib
    import matplotlib.pyplot  # its backend sets rcParams first
    import numpy as np

    with warnings.catch_warnings():  # reading deprecated keys warns
        warnings.simplefilter("ignore")
        rc = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
    # the legacy global random state is the one a notebook could change by accident
    random = np.random.get_state()  # noqa: NPY002
    _STATE.update(rc=rc, backend=matplotlib.get_backend(), filters=list(warnings.filters),
                  path=list(sys.path), random=random)


def restore_state(cwd: str, notebook: str = "") -> None:
    """Put the settings of :func:`snapshot_state` back, close figures, change to ``cwd``.

    Runs inside the kernel before each notebook, after ``%reset -f``. A notebook that
    changes a matplotlib setting or backend, a warning filter, ``sys.path`` or numpy's
    global seed cannot change how the next one runs. ``notebook`` (the name of the notebook
    about to run) is set as :data:`RUNNING_ENV` for ``outputs.record_number``.

    Examples
    --------
    >>> import os, tempfile, warnings
    >>> import matplotlib
    >>> snapshot_state()
    >>> here = os.getcwd()
    >>> matplotlib.rcParams["lines.linewidth"] = 9.0
    >>> restore_state(tempfile.gettempdir()); matplotlib.rcParams["lines.linewidth"] != 9.0
    True
    >>> os.chdir(here)
    """
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np

    plt.close("all")
    if _STATE:
        if matplotlib.get_backend() != _STATE["backend"]:  # e.g. matplotlib.use("Agg")
            plt.switch_backend(_STATE["backend"])
        with warnings.catch_warnings():  # deprecated keys warn when set back
            warnings.simplefilter("ignore")
            matplotlib.rcParams.update(_STATE["rc"])
        warnings.filters[:] = _STATE["filters"]
        sys.path[:] = _STATE["path"]
        np.random.set_state(_STATE["random"])  # noqa: NPY002
    os.environ[RUNNING_ENV] = notebook
    os.chdir(cwd)
