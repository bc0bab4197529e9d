"""``inovlab run``: the cycle's notebooks for one region (or many) into a run folder.

One run is ``runs/<cycle>/<region>/<timestamp>/`` built atomically with
``export.run_folder``: while it runs the folder is hidden (``.<timestamp>.partial``); it gets
its final name only when every notebook succeeded, otherwise it is renamed
``<timestamp>-GAGAL`` with an ``ERROR.txt`` that names the failing notebook, cell (number and
first line) and error. A complete run holds::

    01_ikhtisar_hasil.ipynb  the executed notebook (parameters injected as papermill does)
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

One region's notebooks run in **warm kernels**, one per core (at most two, ``schedule``),
each taking the next notebook when free (``warmkernel``: a fresh namespace and reset settings
per notebook, a dead kernel replaced), so the kernel start, the imports and the inputs are
paid once per kernel; many regions run in a pool of worker processes, each with its own warm
kernel. Kernels talk over IPC (no network needed), keep
their log off the terminal, and die with their parent, as do the workers.

Notebooks write outputs with ``outputs.save_figure``/``save_table``/``record_number``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from inovlab.errors import UsageError
from inovlab.i18n import message
from inovlab.resources import data_dir
from inovlab.workbook.notebooks import list_notebooks, notebook_dir, relative_cost
from inovlab.workbook.outputs import read_numbers, record_number, save_figure, save_table  # noqa: F401
from inovlab.workbook.params import (  # noqa: F401  (read_config ... are re-exported)
    RUN_OPTIONS,
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
RUNNER_KEYS = RUN_OPTIONS  # config keys of the runner itself (checked by params)
CLAIM_TRIES = 20  # run folders tried when other runs take the same name at the same second

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
    "source_line": {"id": "{where}, baris pertama: {line}", "en": "{where}, first line: {line}"},
    "before_first": {"id": "gagal sebelum sel pertama selesai",
                     "en": "failed before the first cell finished"},
    "in_file": {"id": "{where} di {path}", "en": "{where} in {path}"},
    "not_written": {"id": "{where} (notebook hasil tidak sempat ditulis)",
                    "en": "{where} (the output notebook was not written)"},
    "status_ok": {"id": "berhasil", "en": "ok"},
    "status_failed": {"id": "GAGAL", "en": "FAILED"},
    "busy": {"id": "Folder run di {path} terus dipakai run lain yang berjalan bersamaan; "
                   "tunggu run itu selesai lalu ulangi.",
             "en": "The run folders under {path} keep being taken by other runs started at "
                   "the same time; wait for them to finish and try again."},
    "error_head": {"id": "Run {region}, siklus {cycle}: GAGAL", "en": "Run {region}, cycle {cycle}: FAILED"},
    "interrupted": {"id": "Run dihentikan (Ctrl+C) sebelum selesai; belum selesai: {nb}.",
                    "en": "The run was stopped (Ctrl+C) before it ended; not finished: {nb}."},
    "stopped": {"id": "Run berhenti sebelum selesai (belum selesai: {nb}): {error}",
                "en": "The run stopped before it ended (not finished: {nb}): {error}"},
    "progress_start": {"id": "{region}, siklus {cycle}: {n} notebook",
                       "en": "{region}, cycle {cycle}: {n} notebook(s)"},
    "progress_ok": {"id": "[{i}/{n}] {nb}: berhasil ({s} dtk)", "en": "[{i}/{n}] {nb}: ok ({s} s)"},
    "progress_failed": {"id": "[{i}/{n}] {nb}: GAGAL ({ename}; rincian di akhir, {s} dtk)",
                        "en": "[{i}/{n}] {nb}: FAILED ({ename}; details at the end, {s} s)"},
    "deck_ok": {"id": "deck klinik: berhasil", "en": "clinic deck: ok"},
    "deck_failed": {"id": "deck klinik: GAGAL (lihat manifest.json)",
                    "en": "clinic deck: FAILED (see manifest.json)"},
    "region_chosen": {"id": "{chosen} ({jenis}) dipilih untuk '{name}'; {alternatives}.",
                      "en": "{chosen} ({jenis}) chosen for '{name}'; {alternatives}."},
    "region_other": {"id": "untuk {other} tulis '{other}'", "en": "for {other} write '{other}'"},
    "progress_region": {"id": "[{i}/{n}] {region}: {status}", "en": "[{i}/{n}] {region}: {status}"},
}


def _skip_slow_optional_imports() -> None:
    """Keep jsonschema from loading its optional IRI grammar package, ``rfc3987_syntax``.

    nbformat imports jsonschema, which imports ``rfc3987_syntax`` when it is installed
    (JupyterLab's ``jupyter-events`` brings it) and that compiles 38 lark grammars at import:
    about 4 s of CPU before the first notebook, for an ``iri`` format that no notebook schema
    uses. jsonschema treats the package as optional (it catches the ImportError).
    """
    sys.modules.setdefault("rfc3987_syntax", None)


_skip_slow_optional_imports()


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
    notes: list = field(default_factory=list)            # region names that meant another too


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


def region_notes(names, lang: str = "id") -> list[str]:
    """For each name that could also mean another pemda: which one is run, how to ask for
    the other (a bare ``Bengkulu`` is the province; the kota is ``Kota Bengkulu``).

    Examples
    --------
    >>> region_notes(["bengkulu", "Kota Bogor"], "en")
    ["Bengkulu (provinsi) chosen for 'bengkulu'; for Kota Bengkulu write 'Kota Bengkulu'."]
    """
    from inovlab.io.regions import load_regions, other_matches

    notes = []
    for name in dict.fromkeys(str(n) for n in names):
        others = other_matches(name)
        if not others:
            continue
        chosen = check_values({"region": name}, lang)["region"]
        table = load_regions()
        jenis = table.loc[table["nama_daerah"] == chosen, "jenis"].iloc[0]
        alternatives = ", ".join(message(_MESSAGES, "region_other", lang, other=o) for o in others)
        notes.append(message(_MESSAGES, "region_chosen", lang, chosen=chosen, jenis=jenis,
                             name=name, alternatives=alternatives))
    return notes


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
    cluster = getattr(args, "cluster", None) or runner_cfg.get("cluster")
    notes = [] if cluster else region_notes(names, checked.get("lang", lang))
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
                     command=list(sys.argv), notes=notes) for name in resolved]
    check_input_files([plan.files for plan in plans], checked.get("lang", lang))
    inputs = input_hashes(checked, files)
    for plan in plans:
        plan.inputs = inputs
    return plans


# ---------------------------------------------------------------------------- execution
def _execute_one(nb_path: Path, target: Path, parameters: dict, cwd: Path) -> dict:
    """Run one notebook in a fresh papermill kernel (the cold path); never raises for a
    notebook error.

    ``inovlab run`` runs its notebooks in one warm kernel (:func:`run_region`); this path
    (one kernel start and one round of imports per notebook) is what the benchmark compares
    with, and stays available as ``run_region(plan, execute=_execute_one)``.
    """
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
        executed = _read_nb_or_none(target)
        record.update(status="failed", error={
            "cell_index": _source_index(executed, int(exc.cell_index)),
            "source_line": _cell_line(executed, int(exc.cell_index)),
            "execution_count": exc.exec_count, "ename": exc.ename, "evalue": str(exc.evalue)})
    except Exception as exc:  # kernel died, timeout ...: isolate it too
        record.update(status="failed", error={**running_cell(target), "ename": type(exc).__name__,
                                              "evalue": str(exc)})
    record["duration_s"] = round(time.perf_counter() - start, 3)
    return record


def _html_of(target: Path, title: str) -> dict:
    """Write the offline HTML report of an executed notebook next to it.

    Returns what the notebook's record gains: ``html`` (the file name), ``html_error``
    (a report problem is recorded, not fatal), or nothing when no notebook was written.
    """
    if not target.exists():
        return {}
    try:
        from inovlab.report.htmlexport import write_html

        write_html(target, target.with_suffix(".html"), title=title)
        return {"html": target.with_suffix(".html").name}
    except Exception as exc:
        return {"html_error": f"{type(exc).__name__}: {exc}"}


def _preload_html() -> None:
    """Import papermill (for the parameters cell), build the HTML exporter (nbconvert and its
    templates) and import the deck's python-pptx while the kernels start."""
    with contextlib.suppress(Exception):
        import papermill.parameterize  # noqa: F401
        import pptx  # noqa: F401

        from inovlab.report import htmlexport

        htmlexport._exporter()


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


def _cell_line(executed, index: int) -> str | None:
    """The first line of cell ``index`` of an executed notebook (None when unknown)."""
    from inovlab.workbook.warmkernel import first_line

    cells = executed.cells if executed is not None else []
    return first_line(cells[index].source) if 0 <= index < len(cells) else None


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
        notebook was not written or no cell started; ``running`` True and ``source_line``
        (the cell's first line) when a cell was found.

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
            "execution_count": executed.cells[index].get("execution_count"), "running": True,
            "source_line": _cell_line(executed, index)}


def _write_json(path: Path, data: dict) -> None:
    from inovlab.io.export import atomic_write_text

    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1, default=str))


def run_region(plan: RunPlan, progress=None, execute=None) -> dict:
    """Execute one plan into its run folder; returns the manifest (with ``folder``).

    The folder is complete (final name, ``manifest["complete"] = True``) only when every
    notebook succeeded; otherwise it ends as ``<timestamp>-GAGAL`` with an ``ERROR.txt``
    naming each failed notebook, its cell (number and first line) and its error.

    Parameters
    ----------
    plan : RunPlan
        From :func:`plan_runs`.
    progress : callable, optional
        ``progress(line)`` receives one line of text per notebook (and one for the deck).
    execute : callable or list of callable, optional
        ``execute(nb_path, target, parameters, cwd) -> record`` runs one notebook; with a
        list, the callables run notebooks in parallel (``schedule.execute_in_turn``). By
        default one warm kernel (:class:`~inovlab.workbook.warmkernel.WarmKernel`) per core
        (``schedule.kernel_count``) is started for this region; they share its notebooks, a
        fresh namespace for each, and stop at the end. A batch worker passes its own warm
        kernel's ``execute``, the benchmark the cold :func:`_execute_one`.
    """
    if execute is None:
        from inovlab.workbook.schedule import kernel_count
        from inovlab.workbook.warmkernel import WarmKernel

        kernels = [WarmKernel(KERNEL) for _ in range(kernel_count(len(plan.notebooks)))]
        try:
            return run_region(plan, progress, _Kernels(kernels))
        finally:
            for kernel in kernels:  # stopped already when the run ended normally
                kernel.shutdown()
    manifest = _new_manifest(plan)
    folder = None
    try:
        with contextlib.ExitStack() as stack:
            folder = _claim_folder(stack, plan)
            _run_notebooks(plan, folder, manifest, execute, progress)
            if manifest["status"] != "ok":
                raise NotebooksFailed()
        manifest["folder"] = str(_final_path(folder))
    except NotebooksFailed:
        manifest["folder"] = str(_failed_path(folder))
        _write_error(manifest, failure_summary([manifest], plan.lang))
    except BaseException as exc:  # interrupted, disk full ...: the folder says what stopped
        if folder is not None:
            manifest["folder"] = str(_failed_path(folder))
            _write_error(manifest, _stopped_text(plan, manifest, exc))
        raise
    return manifest


def _new_manifest(plan: RunPlan) -> dict:
    return {
        "inovlab_run": 1, "status": "running", "complete": False,
        "cycle": plan.cycle, "region": plan.region, "lang": plan.lang,
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": plan.command, "parameters": plan.values, "inputs": plan.inputs,
        "packages": package_versions(), "platform": platform.platform(), "notebooks": [],
    }


def _claim_folder(stack: contextlib.ExitStack, plan: RunPlan) -> Path:
    """Enter ``export.run_folder`` for ``plan`` (its partial folder).

    Two runs started in the same second may pick the same ``.<timestamp>.partial`` name;
    the one that creates it second takes the next free name (``<timestamp>-2``) instead of
    failing.
    """
    from inovlab.io.export import run_folder

    for _ in range(CLAIM_TRIES):
        try:
            return stack.enter_context(run_folder(plan.out, str(plan.cycle), plan.region))
        except FileExistsError as exc:
            if not str(exc.filename or "").endswith(".partial"):
                raise
    raise UsageError(message(_MESSAGES, "busy", plan.lang, path=Path(plan.out)))


def _run_notebooks(plan: RunPlan, folder: Path, manifest: dict, execute, progress) -> None:
    """Every notebook of ``plan`` into ``folder``, then the deck and the run index.

    The HTML report of a notebook is written by a helper thread while the kernel runs the
    next notebook (the kernel is another process: the two use both cores).
    """
    _tell(progress, "progress_start", plan.lang, n=len(plan.notebooks), region=plan.region,
          cycle=plan.cycle)
    _write_json(folder / MANIFEST, manifest)
    html = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inovlab-html")
    try:
        html.submit(_preload_html)
        pending = [(record, html.submit(_html_of, folder / record["output"], record["notebook"]))
                   for record in _execute_all(plan, folder, manifest, execute, progress)
                   if "html" not in record]
        if plan.deck:
            manifest["deck"] = _make_deck(folder, plan.lang)
            _tell(progress, f"deck_{manifest['deck']['status']}", plan.lang)
        for record, done in pending:
            record.update(done.result())
    except BaseException:
        manifest["status"] = "interrupted"
        with contextlib.suppress(Exception):
            _write_json(folder / MANIFEST, manifest)
        raise
    finally:
        html.shutdown(wait=True, cancel_futures=True)
    _close_manifest(manifest)
    _write_json(folder / MANIFEST, manifest)
    write_run_index(folder, manifest)


def _execute_all(plan: RunPlan, folder: Path, manifest: dict, execute, progress):
    """Execute the notebooks (in parallel when ``execute`` is a list), yielding each one's
    record when it is done; the manifest lists them in the plan's order."""
    from inovlab.workbook.outputs import claim_numbers
    from inovlab.workbook.schedule import execute_in_turn

    jobs = [_job(plan, nb, folder) for nb in plan.notebooks]
    executors = execute if isinstance(execute, list | tuple) else [execute]
    records: dict[int, dict] = {}
    finishers = getattr(execute, "finishers", None)
    # the order only matters when kernels share the notebooks (read from each notebook then)
    costs = [relative_cost(nb) for nb in plan.notebooks] if len(executors) > 1 else None
    for index, record in execute_in_turn(jobs, executors, finishers, costs):
        claim_numbers(folder, Path(plan.notebooks[index]).stem)
        records[index] = record
        manifest["notebooks"] = [records[i] for i in sorted(records)]
        _write_json(folder / MANIFEST, manifest)
        _tell_notebook(progress, plan, record, len(records))
        yield record


class _Kernels(list):
    """The ``execute`` of each warm kernel of a run, and (``finishers``) their shutdowns: a
    kernel with no notebook left stops while the others finish theirs."""

    def __init__(self, kernels):
        super().__init__(k.execute for k in kernels)
        self.finishers = [k.shutdown for k in kernels]


def _job(plan: RunPlan, nb: str, folder: Path) -> tuple:
    """The arguments of ``execute`` for notebook ``nb``: its parameters, its output file."""
    nb_path = Path(nb)
    names = set(plan.notebook_params.get(nb, []))
    parameters = {k: v for k, v in plan.values.items() if k in names}
    if "output_dir" in names:
        parameters["output_dir"] = str(folder)
    return nb_path, folder / nb_path.name, parameters, folder


def _close_manifest(manifest: dict) -> None:
    failed = [r for r in manifest["notebooks"] if r["status"] != "ok"]
    manifest["status"] = "failed" if failed else "ok"
    manifest["complete"] = not failed
    finished = dt.datetime.now().astimezone()
    manifest["finished"] = finished.isoformat(timespec="seconds")
    manifest["duration_s"] = round(
        (finished - dt.datetime.fromisoformat(manifest["started"])).total_seconds(), 3)


def _final_path(partial: Path) -> Path:
    from inovlab.io.export import final_path

    return final_path(partial)


def _failed_path(partial: Path) -> Path:
    final = _final_path(partial)
    return final.parent / f"{final.name}-GAGAL"


def _write_error(manifest: dict, text: str) -> None:
    """``ERROR.txt`` of a failed run folder: what failed, in words, not a traceback."""
    from inovlab.io.export import atomic_write_text

    head = message(_MESSAGES, "error_head", manifest.get("lang", "id"),
                   region=manifest["region"], cycle=manifest["cycle"])
    with contextlib.suppress(OSError):  # the folder could not be renamed or written
        atomic_write_text(Path(manifest["folder"]) / "ERROR.txt", f"{head}\n\n{text}\n")


def _stopped_text(plan: RunPlan, manifest: dict, exc: BaseException) -> str:
    """Why a run stopped before its end (Ctrl+C, a full disk ...), and in which notebook."""
    finished = {r["notebook"] for r in manifest["notebooks"]}
    running = ", ".join(Path(nb).stem for nb in plan.notebooks
                        if Path(nb).stem not in finished) or "deck"
    if isinstance(exc, KeyboardInterrupt):
        return message(_MESSAGES, "interrupted", plan.lang, nb=running)
    return message(_MESSAGES, "stopped", plan.lang, nb=running,
                   error=f"{type(exc).__name__}: {exc}")


def _tell(progress, key: str, lang: str, **values) -> None:
    if callable(progress):
        progress(message(_MESSAGES, key, lang, **values))


def _tell_notebook(progress, plan: RunPlan, record: dict, done: int) -> None:
    """One progress line for a finished notebook."""
    if not callable(progress):
        return
    from inovlab.i18n import format_number

    values = {"i": done, "n": len(plan.notebooks), "nb": record["notebook"],
              "s": format_number(record.get("duration_s", 0.0), 1, plan.lang)}
    if record["status"] == "ok":
        _tell(progress, "progress_ok", plan.lang, **values)
    else:
        _tell(progress, "progress_failed", plan.lang,
              ename=(record.get("error") or {}).get("ename", "?"), **values)


def _make_deck(folder: Path, lang: str) -> dict:
    try:
        from inovlab.report.deck import build_deck

        path = build_deck(folder, lang=lang)
        return {"status": "ok", "file": Path(path).name}
    except Exception as exc:  # the reports stay useful without the deck
        return {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}


_WARM = None  # this worker process's warm kernel (batch runs)


def _init_worker(parent_pid: int) -> None:
    """A batch worker dies with the process that started it (its kernel with it)."""
    from inovlab.workbook.warmkernel import die_with_parent

    die_with_parent(parent_pid)


def _run_plan_warm(plan: RunPlan) -> dict:
    """Run one region in this process's warm kernel, started on first use."""
    global _WARM
    if _WARM is None:
        from multiprocessing import util

        from inovlab.workbook.warmkernel import WarmKernel

        _WARM = WarmKernel(KERNEL)
        util.Finalize(_WARM, _WARM.shutdown, exitpriority=10)
    return run_region(plan, progress=None, execute=_WARM.execute)


def run_batch(plans: list[RunPlan], workers: int | None = None, progress=None) -> list[dict]:
    """Run the plans; manifests in plan order.

    One region: in this process, its notebooks one after the other in one warm kernel
    (``progress(line)`` gets a line per notebook). Many regions: a pool of ``workers``
    processes (default: the CPU count), each keeping one warm kernel that runs region after
    region (``progress`` gets a line per region). Workers and kernels die with this process.
    """
    if len(plans) == 1:
        return [run_region(plans[0], progress=progress)]
    workers = max(1, min(workers or os.cpu_count() or 1, len(plans)))
    out: dict[int, dict] = {}
    lang = plans[0].lang if plans else "id"
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(_run_plan_warm, p): i for i, p in enumerate(plans)}
        for fut in as_completed(futures):
            out[futures[fut]] = manifest = fut.result()
            status = "status_ok" if manifest["status"] == "ok" else "status_failed"
            _tell(progress, "progress_region", lang, i=len(out), n=len(plans),
                  region=manifest["region"], status=message(_MESSAGES, status, lang))
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
    if isinstance(cell, int) and error.get("source_line"):
        where = message(_MESSAGES, "source_line", lang, where=where, line=error["source_line"])
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


def run(args, notebook_dir: str | Path | None = None, progress=None) -> tuple[int, list[dict]]:
    """Plan, check, execute, index; returns ``(exit_code, manifests)`` (1: a notebook failed).

    Prints nothing (``progress(line)``, when given, receives the progress lines);
    ``inovlab run`` (:mod:`inovlab.cli.run`) reports the outcome.
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

