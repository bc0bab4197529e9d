"""``inovlab run``: the cycle's notebooks for one region (or many) into a run folder.

One run is ``runs/<cycle>/<region>/<timestamp>/`` built atomically with
``export.run_folder``: while it runs the folder is hidden (``.<timestamp>.partial``); it gets
its final name only when every notebook succeeded, otherwise it is renamed
``<timestamp>-GAGAL``. A complete run holds::

    01_ikhtisar_hasil.ipynb  the executed notebook (papermill)
    01_ikhtisar_hasil.html   the report, code hidden, opens offline (``htmlexport``)
    figures/*.png tables/*.csv tables/*.xlsx ringkasan.json   (``outputs``)
    manifest.json            parameters, input hashes, package versions, per-notebook status
    index.html               links to the reports; deck_klinik.pptx (``deck``)

Everything the user typed is checked **before any kernel starts** (``params``), and every
user table file (``--data``, ``--config``, ``-p *_path=``) is read and checked once
(``params.check_input_files``): a broken file stops the run with every problem of every file, and
nothing is written under ``--out``. A failing notebook never stops the next one; the run
then exits 1 with a summary naming, for each failed notebook, the failing cell (or the
cell that was running when the kernel died or timed out).

Notebooks write outputs with ``outputs.save_figure``/``save_table``/``record_number``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from inovlab.errors import UsageError
from inovlab.i18n import message
from inovlab.resources import data_dir
from inovlab.workbook.notebooks import list_notebooks, notebook_dir
from inovlab.workbook.outputs import read_numbers, record_number, save_figure, save_table  # noqa: F401
from inovlab.workbook.params import (  # noqa: F401  (read_config ... are re-exported)
    TABLE_PATHS,
    check_input_files,
    check_values,
    coerce_overrides,
    data_folder_paths,
    format_parameters,
    merge_overrides,
    notebook_parameters,
    read_config,
    read_parameters,
    split_assignments,
    split_paths,
    table_paths,
)

KERNEL = "python3"
MANIFEST = "manifest.json"
DEFAULT_REGION = "Kota Pangkal Pinang"
DEFAULT_CYCLE = 2026  # fallback only; the latest cycle of the demo panel wins when known
PACKAGES = ("inovlab", "pandas", "numpy", "scipy", "scikit-learn", "matplotlib", "openpyxl",
            "papermill", "nbconvert", "nbclient", "ipykernel", "python-pptx", "pyyaml")
# Keys of a --config file that steer the runner; every other key is a notebook parameter.
RUNNER_KEYS = ("notebooks", "out", "workers", "data", "cluster", "deck")

_MESSAGES = {
    "no_notebook": {"id": "Notebook '{sel}' tidak ada. Notebook yang tersedia: {valid}.",
                    "en": "No notebook '{sel}'. Available notebooks: {valid}."},
    "no_notebooks": {"id": "Tidak ada notebook di {dir}.", "en": "No notebooks in {dir}."},
    "workers": {"id": "--workers harus 1 atau lebih.", "en": "--workers must be 1 or more."},
    "failed_head": {"id": "{n} notebook GAGAL (notebook lain tetap dijalankan):",
                    "en": "{n} notebook(s) FAILED (the others still ran):"},
    "failed_line": {"id": "- {nb}: {ename}: {evalue}\n  {where}", "en": "- {nb}: {ename}: {evalue}\n  {where}"},
    "at_cell": {"id": "lihat sel In [{count}] (sel ke-{cell} di notebook sumber)",
                "en": "see cell In [{count}] (cell {cell} of the source notebook)"},
    "at_cell_nocount": {"id": "lihat sel ke-{cell} di notebook sumber", "en": "see cell {cell} of the source notebook"},
    "running": {"id": "kernel berhenti saat menjalankan sel ke-{cell} di notebook sumber",
                "en": "the kernel stopped while running cell {cell} of the source notebook"},
    "before_first": {"id": "gagal sebelum sel pertama selesai",
                     "en": "failed before the first cell finished"},
    "in_file": {"id": "{where} di {path}", "en": "{where} in {path}"},
    "not_written": {"id": "{where} (notebook hasil tidak sempat ditulis)",
                    "en": "{where} (the output notebook was not written)"},
}


class NotebooksFailed(Exception):
    """Raised inside the run folder when a notebook failed, so the folder is not complete."""


# ---------------------------------------------------------------------------- selection
# notebook_dir() and list_notebooks() live in inovlab.workbook.notebooks (re-exported here).
def select_notebooks(selection: str | None, directory: str | Path | None = None,
                     lang: str = "id") -> list[Path]:
    """Pick notebooks by number or name (``"01,03"``, ``"pembanding"``); all when empty.

    Raises
    ------
    UsageError
        For a selection that matches no notebook (naming the available ones).

    Examples
    --------
    >>> from inovlab.resources import REPO_ROOT
    >>> [p.name for p in select_notebooks("03", REPO_ROOT / "tests/data/notebooks")]
    ['03_uji_ok.ipynb']
    """
    available = list_notebooks(directory)
    if not available:
        raise UsageError(message(_MESSAGES, "no_notebooks", lang, dir=directory or notebook_dir()))
    if not selection:
        return available
    chosen = []
    for item in (s.strip() for s in selection.split(",") if s.strip()):
        hits = [p for p in available
                if p.stem == item or p.stem.split("_", 1)[0] == item.zfill(2) or
                p.stem.split("_", 1)[1] == item]
        if not hits:
            raise UsageError(message(_MESSAGES, "no_notebook", lang, sel=item,
                                     valid=", ".join(p.stem for p in available)))
        chosen.extend(h for h in hits if h not in chosen)
    return chosen


# ---------------------------------------------------------------------------- planning
@dataclass
class RunPlan:
    """Everything one region's run needs, checked, picklable for a worker process."""

    notebooks: list[str]
    values: dict            # checked parameter values (only names some notebook declares)
    out: str
    cycle: int
    region: str
    lang: str = "id"
    deck: bool = True
    notebook_params: dict = field(default_factory=dict)  # notebook -> its parameter names
    inputs: list = field(default_factory=list)           # [{"path", "sha256", "bytes"}]
    files: dict = field(default_factory=dict)            # table -> the user's files (str)
    command: list = field(default_factory=list)


def default_cycle() -> int:
    """The latest cycle of the bundled demo panel (2026 when it cannot be read)."""
    try:
        from inovlab.sources import demo

        latest = getattr(demo, "LATEST_CYCLE", None) or getattr(demo, "CYCLES", [None])[-1]
        if latest:
            return int(latest)
    except Exception:  # a missing demo module must not break `run`
        pass
    return DEFAULT_CYCLE


def sha256(path: str | Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_hashes(values: dict, files: dict | None = None) -> list[dict]:
    """Hashes of every input the run reads: the user's files and bundled data.

    The user's files are every ``*_path`` value (a table's several files split at ``;``)
    and the table files ``files`` (``{table: [paths]}``, e.g. of a ``--data`` folder).
    """
    named = [p for k, v in sorted(values.items()) if k.endswith("_path") and v
             for p in (split_paths(v) if k in TABLE_PATHS else [v])]
    named += [p for paths in (files or {}).values() for p in paths]
    user = [Path(p) for p in dict.fromkeys(str(Path(p)) for p in named)]
    bundled = sorted(p for p in data_dir().rglob("*") if p.is_file() and p.suffix.lower()
                     in (".csv", ".xlsx", ".json", ".yaml", ".yml", ".parquet"))
    out = []
    for path in user + bundled:
        try:  # bundled data is named as in the repository and the wheel: data/...
            shown = path.relative_to(data_dir().parent).as_posix()
        except ValueError:
            shown = str(path)
        out.append({"path": shown, "sha256": sha256(path), "bytes": path.stat().st_size})
    return out


def package_versions() -> dict[str, str]:
    """Installed versions of the packages a run depends on."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "-"
    return out


def _region_names(args, runner_cfg: dict, regions, base: dict) -> list[str]:
    """The regions to run, as asked (``--cluster``, ``--region``, config, the default)."""
    cluster = getattr(args, "cluster", None) or runner_cfg.get("cluster")
    if cluster:
        from inovlab.io.regions import load_regions

        table = load_regions()
        return table.loc[table["jenis"] == cluster, "nama_daerah"].tolist()
    if regions:
        return [regions] if isinstance(regions, str) else list(regions)
    return [base.get("region") or DEFAULT_REGION]


def plan_runs(args, notebook_dir: str | Path | None = None) -> list[RunPlan]:
    """Turn ``inovlab run`` options into checked plans, one per region. No kernel starts.

    Precedence (last wins): notebook defaults < ``--config`` file < ``--cycle``/``--region``/
    ``--lang``/``--data`` < ``-p name=value``. The user's table files are read and checked
    once (``params.check_input_files``); nothing is created under ``--out``.

    Raises
    ------
    UsageError
        Unknown parameter (closest match named), wrong type or value, unknown region,
        unknown notebook, a missing file (naming its parameter), a data folder without tables.
    DataError
        A user file breaks the data contract (every problem of every file).
    """
    lang = getattr(args, "lang", "id") or "id"
    config = read_config(args.config, lang) if getattr(args, "config", None) else {}
    runner_cfg = {k: config.pop(k) for k in RUNNER_KEYS if k in config}
    notebooks = select_notebooks(getattr(args, "notebooks", None) or runner_cfg.get("notebooks"),
                                 notebook_dir, lang)
    declared = notebook_parameters(notebooks, lang)
    overrides, regions, folder = merge_overrides(args, config, runner_cfg, declared, lang)
    values = coerce_overrides(overrides, declared, lang)
    base = {name: p.default for name, p in declared.items()}
    if "cycle" in declared and "cycle" not in values:
        base["cycle"] = default_cycle()
    base.update(values)
    base.pop("output_dir", None)

    names = _region_names(args, runner_cfg, regions, base)
    checked = check_values({k: v for k, v in base.items() if k != "region"}, lang)
    resolved = list(dict.fromkeys(check_values({"region": n}, lang)["region"] for n in names))
    workers = getattr(args, "workers", None) or runner_cfg.get("workers")
    if workers is not None and int(workers) < 1:
        raise UsageError(message(_MESSAGES, "workers", lang))
    deck = not getattr(args, "no_deck", False) and runner_cfg.get("deck", True)
    out = str(Path(getattr(args, "out", None) or runner_cfg.get("out") or "runs").resolve())
    per_nb = {str(nb): sorted(read_parameters(nb, lang)) for nb in notebooks}
    files = table_paths(checked, folder)
    cycle = int(checked.get("cycle") or default_cycle())
    plans = [RunPlan(notebooks=[str(nb) for nb in notebooks],
                     values={**checked, "region": name} if "region" in declared else dict(checked),
                     out=out, cycle=cycle, region=name, lang=checked.get("lang", lang),
                     deck=bool(deck), notebook_params=per_nb, files=files,
                     command=list(sys.argv)) for name in resolved]
    check_input_files([plan.files for plan in plans], checked.get("lang", lang))
    inputs = input_hashes(checked, files)
    for plan in plans:
        plan.inputs = inputs
    return plans


# ---------------------------------------------------------------------------- execution
def _execute_one(nb_path: Path, target: Path, parameters: dict, cwd: Path) -> dict:
    """Run one notebook with papermill; never raises for a notebook error."""
    import logging

    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from inovlab.workbook.warmkernel import InterpreterKernelManager

    # papermill's own parameter parser warns about lines ours reads fine (``x: list = []``)
    logging.getLogger("papermill").setLevel(logging.ERROR)
    start = time.perf_counter()
    record = {"notebook": nb_path.stem, "output": target.name, "status": "ok",
              "parameters": {k: v for k, v in parameters.items() if k != "output_dir"}}
    try:
        pm.execute_notebook(str(nb_path), str(target), parameters=parameters,
                            kernel_name=KERNEL, kernel_manager_class=InterpreterKernelManager,
                            progress_bar=False, log_output=False,
                            request_save_on_cell_execute=False, cwd=str(cwd))
    except PapermillExecutionError as exc:
        record.update(status="failed", error={
            "cell_index": _source_index(_read_nb_or_none(target), int(exc.cell_index)),
            "execution_count": exc.exec_count, "ename": exc.ename, "evalue": str(exc.evalue)})
    except Exception as exc:  # kernel died, timeout ...: isolate it too
        record.update(status="failed", error={**running_cell(target), "ename": type(exc).__name__,
                                              "evalue": str(exc)})
    record["duration_s"] = round(time.perf_counter() - start, 3)
    return record


def _add_html(record: dict, target: Path, title: str) -> None:
    """Write the offline HTML report of an executed notebook next to it."""
    if not target.exists():
        return
    try:
        from inovlab.report.htmlexport import write_html

        write_html(target, target.with_suffix(".html"), title=title)
        record["html"] = target.with_suffix(".html").name
    except Exception as exc:  # a report problem is recorded, not fatal
        record["html_error"] = f"{type(exc).__name__}: {exc}"


def _read_nb(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


def _read_nb_or_none(path: Path):
    """The notebook at ``path``, or None when it was not written (or is unreadable)."""
    try:
        return _read_nb(path)
    except Exception:  # not written, or cut off mid-write: there is nothing to point at
        return None


def _source_index(executed, index: int) -> int:
    """Index ``index`` of an executed notebook as a cell of the source notebook.

    papermill inserts its ``injected-parameters`` cell after ours; the cells after it move
    down one (the injected cell itself is reported as our parameters cell).
    """
    cells = executed.cells if executed is not None else []
    injected = next((i for i, c in enumerate(cells)
                     if "injected-parameters" in c.get("metadata", {}).get("tags", [])), None)
    return max(0, index - 1) if injected is not None and index >= injected else index


def running_cell(path: str | Path) -> dict:
    """The cell that was running when execution stopped, read from papermill's output notebook.

    papermill stamps ``metadata.papermill.start_time`` on each cell it starts and saves the
    notebook as it goes; the last stamped cell is the one the kernel died in (or timed out
    in). Its status may already read ``completed``: papermill finalises every cell it
    started, so the stamp, not the status, is the evidence.

    Returns
    -------
    dict
        ``cell_index`` (of the source notebook) and ``execution_count``, both None when the
        notebook was not written or no cell started; ``running`` True when a cell was found.

    Examples
    --------
    >>> running_cell("no-such-notebook.ipynb")
    {'cell_index': None, 'execution_count': None}
    """
    executed = _read_nb_or_none(Path(path))
    started = [i for i, c in enumerate(executed.cells if executed is not None else [])
               if (c.get("metadata", {}).get("papermill") or {}).get("start_time")]
    if not started:
        return {"cell_index": None, "execution_count": None}
    index = started[-1]
    return {"cell_index": _source_index(executed, index),
            "execution_count": executed.cells[index].get("execution_count"), "running": True}


def _write_json(path: Path, data: dict) -> None:
    from inovlab.io.export import atomic_write_text

    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1, default=str))


def run_region(plan: RunPlan, progress: bool = False, execute=None) -> dict:
    """Execute one plan into its run folder; returns the manifest (with ``folder``).

    The folder is complete (final name, ``manifest["complete"] = True``) only when every
    notebook succeeded; otherwise it ends as ``<timestamp>-GAGAL``.

    ``execute(nb_path, target, parameters, cwd) -> record`` runs one notebook: papermill
    with a fresh kernel by default; a batch passes ``WarmKernel.execute``.
    """
    execute = execute or _execute_one
    from inovlab.io.export import final_path, run_folder
    from inovlab.workbook.outputs import claim_numbers

    started = dt.datetime.now().astimezone()
    manifest = {
        "inovlab_run": 1, "status": "running", "complete": False,
        "cycle": plan.cycle, "region": plan.region, "lang": plan.lang,
        "started": started.isoformat(timespec="seconds"), "command": plan.command,
        "parameters": plan.values, "inputs": plan.inputs, "packages": package_versions(),
        "platform": platform.platform(), "notebooks": [],
    }
    folder = None
    try:
        with run_folder(plan.out, str(plan.cycle), plan.region) as partial:
            folder = partial
            _write_json(partial / MANIFEST, manifest)
            bar = _progress(plan.notebooks, progress, plan.region)
            for nb in bar:
                nb_path = Path(nb)
                names = set(plan.notebook_params.get(nb, []))
                parameters = {k: v for k, v in plan.values.items() if k in names}
                if "output_dir" in names:
                    parameters["output_dir"] = str(partial)
                record = execute(nb_path, partial / nb_path.name, parameters, partial)
                claim_numbers(partial, nb_path.stem)
                if "html" not in record:
                    _add_html(record, partial / nb_path.name, nb_path.stem)
                manifest["notebooks"].append(record)
                _write_json(partial / MANIFEST, manifest)
            if plan.deck:
                manifest["deck"] = _make_deck(partial, plan.lang)
            failed = [r for r in manifest["notebooks"] if r["status"] != "ok"]
            manifest["status"] = "failed" if failed else "ok"
            manifest["complete"] = not failed
            manifest["finished"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            manifest["duration_s"] = round((dt.datetime.now().astimezone() - started)
                                           .total_seconds(), 3)
            _write_json(partial / MANIFEST, manifest)
            write_run_index(partial, manifest)
            if failed:
                raise NotebooksFailed()
        manifest["folder"] = str(final_path(folder))
    except NotebooksFailed:
        manifest["folder"] = str(final_path(folder).parent / f"{final_path(folder).name}-GAGAL")
    return manifest


def _make_deck(folder: Path, lang: str) -> dict:
    try:
        from inovlab.report.deck import build_deck

        path = build_deck(folder, lang=lang)
        return {"status": "ok", "file": Path(path).name}
    except Exception as exc:  # the reports stay useful without the deck
        return {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}


def _progress(items, enabled: bool, desc: str):
    if not enabled:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc[:30], unit="notebook", leave=False, file=sys.stderr)


_WARM = None  # this worker process's warm kernel (batch runs)


def _run_plan_warm(plan: RunPlan) -> dict:
    """Run one region in this process's warm kernel, started on first use."""
    global _WARM
    if _WARM is None or _WARM.client is None:
        from multiprocessing import util

        from inovlab.workbook.warmkernel import WarmKernel

        _WARM = WarmKernel(KERNEL).start()
        util.Finalize(_WARM, _WARM.shutdown, exitpriority=10)
    return run_region(plan, progress=False, execute=_WARM.execute)


def run_batch(plans: list[RunPlan], workers: int | None = None, progress: bool = True) -> list[dict]:
    """Run the plans; manifests in plan order.

    One region: each notebook in a fresh papermill kernel. Many regions: a pool of
    ``workers`` processes (default: the CPU count), each keeping one warm kernel that runs
    region after region (``warmkernel``), reset between notebooks.
    """
    if len(plans) == 1:
        return [run_region(plans[0], progress=progress)]
    from tqdm.auto import tqdm

    workers = max(1, min(workers or os.cpu_count() or 1, len(plans)))
    out: dict[int, dict] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_run_plan_warm, p): i for i, p in enumerate(plans)}
        for fut in tqdm(as_completed(futures), total=len(futures), desc="daerah", unit="daerah",
                        disable=not progress, file=sys.stderr):
            out[futures[fut]] = fut.result()
    return [out[i] for i in range(len(plans))]


# ---------------------------------------------------------------------------- HTML indexes
def write_run_index(folder: Path, manifest: dict) -> Path:
    """``index.html`` of one run (the landing page, :mod:`inovlab.report.landing`)."""
    from inovlab.report.landing import write_run_index as write

    return write(folder, manifest)


def write_batch_index(out: str | Path, cycle: int, manifests: list[dict], lang: str = "id") -> Path:
    """``<out>/<cycle>/index.html`` linking every region's run (:mod:`inovlab.report.landing`)."""
    from inovlab.report.landing import write_batch_index as write

    return write(out, cycle, manifests, lang)


# ---------------------------------------------------------------------------- summary + CLI
def failure_where(error: dict, output: str | Path, lang: str = "id") -> str:
    """Where a notebook failed: the failing cell, the cell running when the kernel stopped,
    or "before the first cell finished"; and the output notebook, only when it was written.

    Examples
    --------
    >>> print(failure_where({"cell_index": None, "execution_count": None}, "no/such.ipynb", "en"))
    failed before the first cell finished (the output notebook was not written)
    >>> print(failure_where({"cell_index": 3, "execution_count": 2}, "no/such.ipynb"))
    lihat sel In [2] (sel ke-4 di notebook sumber) (notebook hasil tidak sempat ditulis)
    """
    cell, count = error.get("cell_index"), error.get("execution_count")
    if not isinstance(cell, int):
        where = message(_MESSAGES, "before_first", lang)
    elif error.get("running"):
        where = message(_MESSAGES, "running", lang, cell=cell + 1)
    elif count is None:
        where = message(_MESSAGES, "at_cell_nocount", lang, cell=cell + 1)
    else:
        where = message(_MESSAGES, "at_cell", lang, count=count, cell=cell + 1)
    key = "in_file" if Path(output).is_file() else "not_written"
    return message(_MESSAGES, key, lang, where=where, path=output)


def failure_summary(manifests: list[dict], lang: str = "id") -> str:
    """Text naming each failed notebook, its error and where it failed ('' when none)."""
    failed = [(m, r) for m in manifests for r in m["notebooks"] if r["status"] != "ok"]
    if not failed:
        return ""
    lines = [message(_MESSAGES, "failed_head", lang, n=len(failed))]
    for m, r in failed:
        err = r.get("error") or {}
        lines.append(message(_MESSAGES, "failed_line", lang,
                             nb=f"{m['region']} / {r['notebook']}" if len(manifests) > 1
                             else r["notebook"],
                             ename=err.get("ename", "?"), evalue=err.get("evalue", ""),
                             where=failure_where(err, Path(m["folder"]) / r["output"], lang)))
    return "\n".join(lines)


def run(args, notebook_dir: str | Path | None = None, progress: bool = True) -> tuple[int, list[dict]]:
    """Plan, check, execute, index; returns ``(exit_code, manifests)`` (1: a notebook failed).

    Prints nothing; ``inovlab run`` (:mod:`inovlab.cli.run`) reports the outcome.
    """
    plans = plan_runs(args, notebook_dir)
    lang = plans[0].lang if plans else "id"
    manifests = run_batch(plans, getattr(args, "workers", None), progress=progress)
    if len(manifests) > 1:
        write_batch_index(plans[0].out, plans[0].cycle, manifests, lang)
    return (1 if failure_summary(manifests, lang) else 0), manifests


def resolve_notebook(name: str, lang: str = "id") -> Path:
    """A notebook path from a path, a file name or a number (``03``) in ``notebooks/``."""
    path = Path(name)
    if path.exists():
        return path
    return select_notebooks(name.removesuffix(".ipynb"), None, lang)[0]

