"""A notebook's parameters: read them from its tagged cell, check values before a kernel starts.

Every inovlab notebook has one code cell tagged ``parameters`` (papermill's convention)
holding typed, commented plain literals::

    cycle: int = 2026  # siklus penilaian (tahun)
    region: str = "Kota Pangkal Pinang"  # nama daerah

:func:`read_parameters` parses that cell with :mod:`ast` (no code runs);
:func:`coerce_overrides` turns command-line text (``-p seed=3``) or YAML values into the
declared types and refuses unknown names (naming the closest one) and wrong types, so a
mistake costs a second, not a kernel start. :func:`check_values` applies the domain checks
shared by all notebooks (region names resolve as in the data contract, ``lang``, files exist).
:func:`read_config` reads a ``--config`` YAML file and :func:`data_folder_paths` turns a
``--data`` folder into the ``hasil_path``/``spd_path``/``inovasi_path`` parameters.
"""

from __future__ import annotations

import ast
import difflib
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

from inovlab.errors import UsageError
from inovlab.i18n import message
from inovlab.ranges import RANGES, check_range

# Keys of a --config file that are run options, not notebook parameters (the runner's
# RUNNER_KEYS, which is this tuple).
RUN_OPTIONS = ("notebooks", "out", "workers", "data", "cluster", "deck")

# Parameters the runner sets itself; a user cannot override them.
RESERVED = ("output_dir",)

# Parameters holding an input file path (checked to exist when not empty).
PATH_SUFFIX = "_path"

# The ``*_path`` parameters of the contract tables (``provenance.TABLES``): each may name
# several files separated by ``;`` (one workbook per OPD), which the loader combines.
TABLE_PATHS = ("hasil_path", "spd_path", "inovasi_path")
PATH_SEPARATOR = ";"

_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict}

_MESSAGES = {
    "no_cell": {"id": "Notebook {nb} tidak punya sel bertag 'parameters'.",
                "en": "Notebook {nb} has no cell tagged 'parameters'."},
    "not_literal": {"id": "Sel parameters {nb}, baris {line}: '{name}' harus literal sederhana.",
                    "en": "Parameters cell of {nb}, line {line}: '{name}' must be a plain literal."},
    "unknown": {"id": "Parameter '{name}' tidak dikenal.{hint} Parameter yang sah: {valid}.",
                "en": "Unknown parameter '{name}'.{hint} Valid parameters: {valid}."},
    "hint": {"id": " Mungkin maksud Anda '{close}'?", "en": " Did you mean '{close}'?"},
    "reserved": {"id": "Parameter '{name}' diisi oleh runner dan tidak boleh diubah.",
                 "en": "Parameter '{name}' is set by the runner and cannot be changed."},
    "type": {"id": "Parameter '{name}' harus bertipe {type}, bukan {value!r}.",
             "en": "Parameter '{name}' must be of type {type}, not {value!r}."},
    "format": {"id": "Parameter harus berbentuk NAMA=NILAI, bukan {value!r}.",
               "en": "A parameter must look like NAME=VALUE, not {value!r}."},
    "lang": {"id": "Parameter 'lang' harus 'id' atau 'en', bukan {value!r}.",
             "en": "Parameter 'lang' must be 'id' or 'en', not {value!r}."},
    "missing_file": {"id": "Berkas untuk '{name}' tidak ditemukan: {value}.",
                     "en": "File for '{name}' not found: {value}."},
    "cycle": {"id": "Siklus {value} tidak dikenal; siklus yang tersedia: {valid}.",
              "en": "Unknown cycle {value}; available cycles: {valid}."},
    "negative": {"id": "Parameter '{name}' tidak boleh negatif ({value}).",
                 "en": "Parameter '{name}' must not be negative ({value})."},
    "config": {"id": "Berkas konfigurasi {file} tidak dapat dibaca: {why}",
               "en": "Cannot read config file {file}: {why}"},
    "not_mapping": {"id": "isinya bukan daftar nama: nilai", "en": "it is not a list of name: value"},
    "binary": {"id": "ini berkas biner, bukan teks YAML (simpan sebagai teks .yaml)",
               "en": "it is a binary file, not YAML text (save it as a .yaml text file)"},
    "not_utf8": {"id": "baris {line} memuat byte {byte} yang bukan UTF-8 (mungkin disimpan "
                       "sebagai ANSI/Windows-1252); simpan ulang sebagai UTF-8",
                 "en": "line {line} holds byte {byte}, which is not UTF-8 (perhaps saved as "
                       "ANSI/Windows-1252); save it again as UTF-8"},
    "duplicate_key": {"id": "kunci '{name}' ditulis dua kali (baris {first} dan {line}); "
                            "hapus salah satunya",
                      "en": "key '{name}' is written twice (lines {first} and {line}); "
                            "remove one of them"},
    "data_missing": {"id": "Folder data {dir} tidak ada. {expected}",
                     "en": "Data folder {dir} does not exist. {expected}"},
    "data_empty": {"id": "Folder data {dir} tidak memuat tabel hasil, spd atau inovasi "
                         "(berkas di sana: {found}). {expected}",
                   "en": "Data folder {dir} holds no hasil, spd or inovasi table "
                         "(files there: {found}). {expected}"},
    "expected": {"id": "Yang dicari: berkas .csv atau .xlsx yang namanya diawali hasil, spd atau "
                       "inovasi, mis. hasil.csv, spd.csv, inovasi.csv, "
                       "inovasi_dinas_kesehatan.xlsx, inovasi_2025.csv.",
                 "en": "Expected: .csv or .xlsx files whose names start with hasil, spd or "
                       "inovasi, e.g. hasil.csv, spd.csv, inovasi.csv, "
                       "inovasi_dinas_kesehatan.xlsx, inovasi_2025.csv."},
    "nothing": {"id": "tidak ada", "en": "none"},
    "param_head": {"id": "Parameter {nb}:", "en": "Parameters of {nb}:"},
}

_TRUE = {"true", "ya", "yes", "1", "benar"}
_FALSE = {"false", "tidak", "no", "0", "salah"}


@dataclass(frozen=True)
class Parameter:
    """One parameter of a notebook.

    Attributes
    ----------
    name : str
    type : str
        Declared type name (``int``, ``float``, ``str``, ``bool``, ``list``, ``list[str]`` ...).
    default : object
        The literal value in the cell.
    comment : str
        The comment after the value (what the parameter means).
    """

    name: str
    type: str
    default: object
    comment: str

    @property
    def base_type(self) -> type:
        """The Python type behind :attr:`type` (``list[str]`` -> ``list``)."""
        return _TYPES.get(self.type.split("[", 1)[0].strip(), object)


def parameters_cell(nb) -> int:
    """Index of the first code cell tagged ``parameters`` in a notebook node, or -1."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    return -1


def _comments(source: str) -> dict[int, str]:
    found = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                found[tok.start[0]] = tok.string.lstrip("#").strip()
    except (tokenize.TokenError, IndentationError):  # pragma: no cover - ast fails first
        pass
    return found


def parse_parameters(source: str, where: str = "notebook", lang: str = "id") -> dict[str, Parameter]:
    """Parse the source of a parameters cell.

    Parameters
    ----------
    source : str
        Python source of ``name: type = literal  # comment`` lines (annotation optional).
    where : str
        Notebook name for messages.

    Returns
    -------
    dict of str to Parameter, in cell order.

    Raises
    ------
    UsageError
        When a value is not a plain literal (the cell must not compute anything).

    Examples
    --------
    >>> p = parse_parameters('seed: int = 3  # benih acak')
    >>> p["seed"].type, p["seed"].default, p["seed"].comment
    ('int', 3, 'benih acak')
    """
    tree = ast.parse(source)
    comments = _comments(source)
    params: dict[str, Parameter] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name, annotation, value = node.target.id, ast.unparse(node.annotation), node.value
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1
              and isinstance(node.targets[0], ast.Name)):
            name, annotation, value = node.targets[0].id, "", node.value
        else:
            continue
        try:
            default = ast.literal_eval(value) if value is not None else None
        except ValueError:
            raise UsageError(message(_MESSAGES, "not_literal", lang, nb=where,
                                     line=node.lineno, name=name)) from None
        if not annotation:
            annotation = type(default).__name__ if default is not None else "object"
        params[name] = Parameter(name, annotation, default, comments.get(node.end_lineno, ""))
    return params


def read_parameters(notebook: str | Path, lang: str = "id") -> dict[str, Parameter]:
    """Read a notebook's parameters from its cell tagged ``parameters``.

    Examples
    --------
    >>> from inovlab.resources import REPO_ROOT
    >>> nb = REPO_ROOT / "tests" / "data" / "notebooks" / "01_uji_ok.ipynb"
    >>> read_parameters(nb)["region"].default
    'Kota Pangkal Pinang'
    """
    import nbformat  # imported here: it is slow to import and notebooks never need it

    path = Path(notebook)
    nb = nbformat.read(path, as_version=4)
    index = parameters_cell(nb)
    if index < 0:
        raise UsageError(message(_MESSAGES, "no_cell", lang, nb=path.name))
    return parse_parameters(nb.cells[index].source, path.name, lang)


def split_assignments(items: list[str], lang: str = "id") -> dict[str, str]:
    """Split ``["seed=3", "region=Kota Bogor"]`` into a dict of raw text values.

    Examples
    --------
    >>> split_assignments(["seed=3", "region=Kota Bogor"])
    {'seed': '3', 'region': 'Kota Bogor'}
    """
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(message(_MESSAGES, "format", lang, value=item))
        out[name.strip()] = value.strip()
    return out


def coerce(value, param: Parameter, lang: str = "id"):
    """Convert ``value`` (text from the command line, or a YAML value) to the parameter's type.

    Text is parsed: ``"3"`` for ``int``, ``"0,5"`` or ``"0.5"`` for ``float``, ``ya``/``true``
    for ``bool``, ``"a, b"`` or ``"[a, b]"`` for ``list``. Anything else raises UsageError.

    Examples
    --------
    >>> coerce("0,5", Parameter("share", "float", 0.1, ""))
    0.5
    >>> coerce("Kota Bogor, Kota Bekasi", Parameter("peers", "list", [], ""))
    ['Kota Bogor', 'Kota Bekasi']
    """
    kind = param.base_type
    bad = UsageError(message(_MESSAGES, "type", lang, name=param.name, type=param.type,
                             value=value))
    if kind is object:
        return value
    if isinstance(value, str) and kind is not str:
        text = value.strip()
        try:
            if kind is bool:
                if text.lower() in _TRUE:
                    return True
                if text.lower() in _FALSE:
                    return False
                raise bad
            if kind is int:
                return int(text)
            if kind is float:
                # decimal comma ("0,5") as Indonesian Excel writes it
                return float(text.replace(",", ".") if "." not in text else text)
            if kind is list:
                if text.startswith("["):
                    import yaml

                    parsed = yaml.safe_load(text)
                    if not isinstance(parsed, list):
                        raise bad
                    return parsed
                return [part.strip() for part in text.split(",") if part.strip()]
        except ValueError:
            raise bad from None
        raise bad
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, bool):
        raise bad
    if kind is str and not isinstance(value, str):
        raise bad
    if not isinstance(value, kind):
        raise bad
    return value


def coerce_overrides(overrides: dict, params: dict[str, Parameter], lang: str = "id") -> dict:
    """Check names and convert values of parameter overrides; every problem at once.

    Raises
    ------
    UsageError
        For an unknown name (with the valid names and the closest match), a reserved name,
        or a value of the wrong type.

    Examples
    --------
    >>> ps = {"seed": Parameter("seed", "int", 0, ""), "lang": Parameter("lang", "str", "id", "")}
    >>> coerce_overrides({"seed": "7"}, ps)
    {'seed': 7}
    >>> coerce_overrides({"sed": "7"}, ps)
    Traceback (most recent call last):
    ...
    inovlab.errors.UsageError: Parameter 'sed' tidak dikenal. Mungkin maksud Anda 'seed'? Parameter yang sah: lang, seed.
    """
    problems, out = [], {}
    valid = sorted(n for n in params if n not in RESERVED)
    for name, value in overrides.items():
        if name in RESERVED:
            problems.append(message(_MESSAGES, "reserved", lang, name=name))
            continue
        if name not in params:
            close = difflib.get_close_matches(name, valid + list(RUN_OPTIONS), n=1,
                                              cutoff=0.5)
            hint = message(_MESSAGES, "hint", lang, close=close[0]) if close else ""
            problems.append(message(_MESSAGES, "unknown", lang, name=name, hint=hint,
                                    valid=", ".join(valid)))
            continue
        try:
            out[name] = coerce(value, params[name], lang)
        except UsageError as exc:
            problems.append(str(exc))
    if problems:
        raise UsageError("\n".join(problems))
    return out


def check_values(values: dict, lang: str = "id", base: Path | None = None) -> dict:
    """Domain checks shared by every notebook; returns the values with names made official.

    * ``region`` and each of ``peers`` resolve to an official name (``regions.resolve_region``;
      an unknown name lists the closest official names);
    * ``lang`` is ``id`` or ``en``; ``cycle`` has rules in the framework;
    * every non-empty ``*_path`` exists (made absolute, relative to ``base``); a table path
      (:data:`TABLE_PATHS`) may name several files separated by ``;``, each checked;
    * numbers with a range in :data:`inovlab.ranges.RANGES` (``seed``, ``n_draws``,
      ``target_per_opd`` ...) lie in it, exactly as the same command-line options; other
      counts (``n_*``) are not negative.

    Raises
    ------
    UsageError
        With every problem found.

    Examples
    --------
    >>> check_values({"region": "Pangkalpinang", "lang": "id"})["region"]
    'Kota Pangkal Pinang'
    """
    from inovlab.io.regions import resolve_region

    problems, out = [], dict(values)
    for name, value in values.items():
        try:
            if name == "region" and value:
                out[name] = resolve_region(value, lang=lang)[1]
            elif name == "peers" and value:
                out[name] = [resolve_region(str(v), lang=lang)[1] for v in value]
            elif name == "lang" and value not in ("id", "en"):
                problems.append(message(_MESSAGES, "lang", lang, value=value))
            elif name == "cycle":
                from inovlab.rules.framework import available_cycles

                cycles = available_cycles()
                if value not in cycles:
                    problems.append(message(_MESSAGES, "cycle", lang, value=value,
                                            valid=", ".join(map(str, cycles))))
            elif name.endswith(PATH_SUFFIX) and value:
                out[name] = _check_paths(name, value, base, problems, lang)
            elif name in RANGES and isinstance(value, (int, float)) \
                    and not isinstance(value, bool):
                # a number with a known range; a parameter declared as text is the
                # notebook's own business (its type was checked by coerce)
                out[name] = check_range(name, value, lang)
            elif name.startswith("n_") and isinstance(value, int) and value < 0:
                problems.append(message(_MESSAGES, "negative", lang, name=name, value=value))
        except UsageError as exc:
            problems.append(str(exc))
    if problems:
        raise UsageError("\n".join(problems))
    return out


def split_paths(value) -> list[str]:
    """The file names of a table ``*_path`` value (several separated by ``;``).

    Examples
    --------
    >>> split_paths("inovasi_a.csv; inovasi_b.xlsx"), split_paths("")
    (['inovasi_a.csv', 'inovasi_b.xlsx'], [])
    """
    return [part.strip() for part in str(value or "").split(PATH_SEPARATOR) if part.strip()]


def _check_paths(name: str, value, base: Path | None, problems: list, lang: str) -> str:
    """``value`` made absolute (each ``;`` part of a table path); missing files to ``problems``."""
    parts = split_paths(value) if name in TABLE_PATHS else [str(value)]
    resolved = []
    for part in parts:
        path = Path(part).expanduser()
        if not path.is_absolute():
            path = (base or Path.cwd()) / path
        if not path.is_file():
            problems.append(message(_MESSAGES, "missing_file", lang, name=name, value=part))
        resolved.append(str(path.resolve()))
    return PATH_SEPARATOR.join(resolved)


def read_config(path: str | Path, lang: str = "id") -> dict:
    """Read a per-cycle YAML config; relative ``*_path`` and ``data`` values are taken from its folder.

    Raises
    ------
    UsageError
        When the file cannot be read or is not a mapping of names to values.

    Examples
    --------
    >>> from inovlab.resources import REPO_ROOT
    >>> read_config(REPO_ROOT / "config" / "2026.yaml")["region"]
    'Kota Pangkal Pinang'
    """
    path = Path(path)
    data = _load_yaml(path, lang)
    if not isinstance(data, dict):
        raise UsageError(message(_MESSAGES, "config", lang, file=path,
                                 why=message(_MESSAGES, "not_mapping", lang)))
    data, problems = check_ranges_of(data, path, lang)
    if problems:
        raise UsageError("\n".join(problems))
    for key, value in list(data.items()):
        if not value or not (key.endswith(PATH_SUFFIX) or key == "data"):
            continue
        parts = split_paths(value) if key in TABLE_PATHS else [str(value)]
        data[key] = PATH_SEPARATOR.join(
            part if Path(part).expanduser().is_absolute() else str((path.parent / part).resolve())
            for part in parts)
    return data


def check_ranges_of(config: dict, path: Path, lang: str = "id") -> tuple[dict, list[str]]:
    """Range-check a config's numeric keys exactly like the command-line options.

    Examples
    --------
    >>> check_ranges_of({"workers": "two"}, Path("c.yaml"), "en")[1]
    ['workers (c.yaml) two: the value must be a whole number from 1 to 64.']
    """
    from inovlab.ranges import check_ranges

    labels = {key: f"{key} ({path.name})" for key in config}
    return check_ranges(config, lang, labels)


def _config_text(path: Path, lang: str) -> str:
    """The file as UTF-8 text; a binary or non-UTF-8 file is a located UsageError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(message(_MESSAGES, "config", lang, file=path,
                                 why=exc.strerror or exc)) from None
    if b"\x00" in raw[:8192]:
        raise UsageError(message(_MESSAGES, "config", lang, file=path,
                                 why=message(_MESSAGES, "binary", lang)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise UsageError(message(_MESSAGES, "config", lang, file=path, why=message(
            _MESSAGES, "not_utf8", lang, line=line, byte=f"0x{raw[exc.start]:02X}"))) from None


class _DuplicateKey(Exception):
    """A key written twice in one YAML mapping (``key``, ``first`` and ``line`` numbers)."""


def _unique_keys_loader():
    """A YAML safe loader that refuses a key written twice in one mapping."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(key, seen[key], line)
            seen[key] = line
        return loader.construct_mapping(node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Loader


def _load_yaml(path: Path, lang: str):
    """YAML content of a config file; duplicate keys are an error (YAML keeps the last
    silently, so a value written twice would change without a word)."""
    import yaml

    text = _config_text(path, lang)
    try:
        return yaml.load(text, Loader=_unique_keys_loader()) or {}
    except _DuplicateKey as exc:
        key, first, line = exc.args
        why = message(_MESSAGES, "duplicate_key", lang, name=key, first=first, line=line)
    except yaml.YAMLError as exc:
        why = exc
    raise UsageError(message(_MESSAGES, "config", lang, file=path, why=why))


def data_folder_paths(directory: str | Path, lang: str = "id") -> dict[str, str]:
    """``--data DIR`` -> ``{"hasil_path": ..., "spd_path": ..., "inovasi_path": ...}``.

    Every file of a table (:func:`inovlab.workbook.inputs.table_files`: ``.csv``/``.xlsx``
    whose name starts with ``hasil``, ``spd`` or ``inovasi``) is named, absolute, joined
    with ``;``; tables without a file are left out.

    Raises
    ------
    UsageError
        When the folder does not exist or holds none of the tables (naming what is expected).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("inovasi_dinkes.xlsx", "inovasi_bappeda.csv", "spd.csv"):
    ...     _ = (d / name).write_bytes(b"")
    >>> found = data_folder_paths(d)
    >>> sorted(found), [pathlib.Path(p).name for p in split_paths(found["inovasi_path"])]
    (['inovasi_path', 'spd_path'], ['inovasi_bappeda.csv', 'inovasi_dinkes.xlsx'])
    """
    from inovlab.workbook.inputs import table_files

    folder = Path(directory).expanduser()
    expected = message(_MESSAGES, "expected", lang)
    if not folder.is_dir():
        raise UsageError(message(_MESSAGES, "data_missing", lang, dir=directory, expected=expected))
    files = table_files(folder)
    if not files:
        names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        found = ", ".join(names[:10]) + (", …" if len(names) > 10 else "")
        raise UsageError(message(_MESSAGES, "data_empty", lang, dir=directory, expected=expected,
                                 found=found or message(_MESSAGES, "nothing", lang)))
    return {f"{table}{PATH_SUFFIX}": PATH_SEPARATOR.join(str(p.resolve()) for p in paths)
            for table, paths in files.items()}


def format_parameters(notebook: str | Path, lang: str = "id") -> str:
    """A notebook's parameters as an aligned text table (name, type, default, comment).

    Examples
    --------
    >>> from inovlab.resources import REPO_ROOT
    >>> print(format_parameters(REPO_ROOT / "tests/data/notebooks/03_uji_ok.ipynb").splitlines()[2])
    cycle       int    2026                   siklus penilaian (tahun)
    """
    params = read_parameters(notebook, lang)
    header = ("nama", "tipe", "bawaan", "keterangan") if lang == "id" else \
        ("name", "type", "default", "comment")
    rows = [header] + [(p.name, p.type, repr(p.default), p.comment) for p in params.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [message(_MESSAGES, "param_head", lang, nb=Path(notebook).name)]
    for r in rows:
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3])
    return "\n".join(line.rstrip() for line in lines)


def merge_overrides(args, config: dict, runner_cfg: dict, declared: dict, lang: str = "id"):
    """The parameter overrides of ``inovlab run``: config < flags < ``--data`` < ``-p``.

    ``declared`` are the chosen notebooks' parameters. ``--data`` paths are passed on only
    where a notebook declares them (the others are still checked by the runner).

    Returns
    -------
    tuple
        ``(overrides, regions, folder)``: raw values by name, the regions asked for (or
        None), and the ``--data`` folder's ``*_path`` values (:func:`data_folder_paths`).

    Examples
    --------
    >>> import argparse
    >>> args = argparse.Namespace(cycle=2025, lang="id", data=None, param=["seed=3"], region=None)
    >>> merge_overrides(args, {"region": "Kota Bogor"}, {}, {"cycle": None, "seed": None})
    ({'cycle': 2025, 'seed': '3'}, 'Kota Bogor', {})
    """
    regions = config.pop("region", None)
    overrides: dict = dict(config)
    if getattr(args, "cycle", None) is not None:
        overrides["cycle"] = args.cycle
    if getattr(args, "lang", None) and (args.lang != "id" or "lang" not in overrides):
        overrides["lang"] = args.lang
    folder: dict = {}
    data = getattr(args, "data", None) or runner_cfg.get("data")
    if data:
        folder = data_folder_paths(data, lang)
        # a table no chosen notebook reads is still checked (check_input_files), not passed on
        overrides.update({k: v for k, v in folder.items() if k in declared})
        # the user's folder is the data: no demo table fills a gap unless asked (-p demo=ya)
        if "demo" in declared:
            overrides.setdefault("demo", False)
    overrides.update(split_assignments(getattr(args, "param", None) or [], lang))
    if "region" in overrides:
        regions = overrides.pop("region")
    if getattr(args, "region", None):
        regions = args.region
    # lang/cycle are applied only where declared; give them no "unknown" error
    overrides = {k: v for k, v in overrides.items()
                 if k in declared or k not in ("lang", "cycle")}
    return overrides, regions, folder


def table_paths(values: dict, folder: dict) -> dict[str, list[str]]:
    """The user's files per table: the ``*_path`` value when declared, else the folder's.

    Examples
    --------
    >>> table_paths({"hasil_path": "", "inovasi_path": "a.csv;b.csv"}, {"spd_path": "s.csv"})
    {'spd': ['s.csv'], 'inovasi': ['a.csv', 'b.csv']}
    """
    files = {}
    for key in TABLE_PATHS:
        paths = split_paths(values[key] if key in values else folder.get(key))
        if paths:
            files[key.removesuffix("_path")] = paths
    return files


def notebook_parameters(notebooks: list[Path], lang: str = "id") -> dict[str, Parameter]:
    """Union of the parameters of ``notebooks`` (first declaration wins)."""
    union: dict[str, Parameter] = {}
    for nb in notebooks:
        for name, p in read_parameters(nb, lang).items():
            union.setdefault(name, p)
    return union


def check_input_files(file_sets: list[dict], lang: str = "id") -> None:
    """Read and check the user's table files once, before anything is written.

    ``file_sets`` holds one ``{table: [paths]}`` per run (:func:`table_paths`); a file named
    by several runs is read once (``inputs.read_tables``).

    Raises
    ------
    DataError
        With every problem of every file of every table.

    Examples
    --------
    >>> from inovlab.errors import DataError
    >>> from inovlab.resources import REPO_ROOT
    >>> bad = str(REPO_ROOT / "tests/data/broken/unknown_region.csv")
    >>> try:
    ...     check_input_files([{"hasil": [bad]}, {"hasil": [bad]}])
    ... except DataError as err:
    ...     [(p.file, p.row, p.column) for p in err.problems]
    [('unknown_region.csv', 2, 'nama_daerah')]
    """
    from inovlab.workbook.inputs import read_tables

    files: dict[str, list[Path]] = {}
    for file_set in file_sets:
        for table, paths in file_set.items():
            known = files.setdefault(table, [])
            known.extend(p for p in map(Path, paths) if p not in known)
    if files:
        read_tables(files, lang)
