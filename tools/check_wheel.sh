#!/usr/bin/env bash
# Proves the install path of a new user: build the wheel, install it (not editable) into a
# fresh venv outside the clone, and use it from an empty folder. Called by .ci/run.
#
#   tools/check_wheel.sh            # python3 builds and hosts the venv
#   PYTHON=python3.11 tools/check_wheel.sh
#   KEEP=1 tools/check_wheel.sh     # keep the scratch folder for a look afterwards
#
# Dependencies come from PyPI (pip's cache makes the second run quick); nothing is written
# into the clone, and the script fails if anything is written into the installed package.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/inovlab-wheel.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; fi
unset INOVLAB_DATA_DIR INOVLAB_NOTEBOOK_DIR INOVLAB_CACHE_DIR PYTHONPATH JUPYTER_PATH
export XDG_CACHE_HOME="$WORK/user-cache"   # platformdirs' user cache, fresh for this check
export PIP_DISABLE_PIP_VERSION_CHECK=1
start=$(date +%s)
step() { echo "check_wheel [$(( $(date +%s) - start )) s]: $*"; }

step "copy the sources (tracked and new files, no build leftovers) to $WORK/src"
"$PYTHON" - "$REPO" "$WORK/src" <<'EOF'
import shutil, subprocess, sys
from pathlib import Path
repo, dest = Path(sys.argv[1]), Path(sys.argv[2])
names = subprocess.run(["git", "-C", str(repo), "ls-files", "-z", "--cached", "--others",
                        "--exclude-standard"], check=True, capture_output=True).stdout
for name in filter(None, names.decode().split("\0")):
    if (repo / name).is_file():  # a tracked file deleted in the work tree is skipped
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / name, dest / name)
EOF

step "build the wheel"
"$PYTHON" -m pip wheel --quiet --no-deps -w "$WORK/dist" "$WORK/src"
WHEEL=$(ls "$WORK"/dist/inovlab-*.whl)

step "check the wheel's contents ($(basename "$WHEEL"))"
"$PYTHON" - "$WHEEL" <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
must = ["inovlab/__main__.py", "inovlab/resources.py", "inovlab/data/framework/rules.csv",
        "inovlab/data/framework/urusan.csv", "inovlab/data/regions/regions.csv",
        "inovlab/data/published/hasil_terpublikasi.csv", "inovlab/data/planner/biaya_default.csv",
        "inovlab/data/contoh/inovasi_contoh.csv", "inovlab/data/demo/README.md",
        "inovlab/notebooks/01_ikhtisar_hasil.ipynb"]
missing = [n for n in must if n not in names]
license_ok = any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
leaked = [n for n in names if n.startswith(("tests/", "benchmarks/", "tools/", "data/",
                                            "notebooks/"))
          or "/cache/" in n or n.endswith((".parquet", ".pyc"))]
print(f"  {len(names)} files; {sum(n.startswith('inovlab/data/') for n in names)} data files, "
      f"{sum(n.startswith('inovlab/notebooks/') for n in names)} notebooks")
if missing or leaked or not license_ok:
    sys.exit(f"wheel content wrong: missing={missing} leaked={leaked} license={license_ok}")
EOF

step "fresh venv outside the clone; pip install the wheel (not editable)"
"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
[ -x "$VPY" ] || VPY="$WORK/venv/Scripts/python.exe"   # Git Bash on Windows
"$VPY" -m pip install --quiet "$WHEEL"
export PATH="$(dirname "$VPY"):$PATH"
mkdir "$WORK/empty"
cd "$WORK/empty"   # from here on, the clone is not on sys.path
SITE=$("$VPY" -c "import inovlab, pathlib; print(pathlib.Path(inovlab.__file__).parent)")
case "$SITE" in "$REPO"*) echo "inovlab imported from the clone: $SITE" >&2; exit 1;; esac
before=$(find "$SITE" -not -name "*.pyc" -not -path "*/__pycache__*" | sort | sha1sum)

step "from an empty folder: inovlab rules --cycle 2026"
inovlab rules --cycle 2026 > rules.txt
head -n 3 rules.txt
step "inovlab demo --out demo_panel"
inovlab demo --out demo_panel
ls demo_panel
ls "$XDG_CACHE_HOME"/inovlab/demo >/dev/null   # the demo cache is in the user cache folder
step "inovlab run --region \"Kota Bengkulu\" --notebooks 01"
inovlab run --region "Kota Bengkulu" --notebooks 01
step "python -m inovlab --help"
"$VPY" -m inovlab --help > help.txt   # to a file first: `| head` could end it with SIGPIPE
head -n 3 help.txt
step "papermill on an installed notebook"
NB_DIR=$("$VPY" -c "import inovlab.resources as r; print(r.notebooks_dir())")
NB=$(ls "$NB_DIR"/01_*.ipynb)
case "$NB" in "$SITE"*) ;; *) echo "notebook not from the install: $NB" >&2; exit 1;; esac
papermill --help-notebook "$NB" > help_notebook.txt
grep -A 3 "Parameters inferred" help_notebook.txt
papermill --no-progress-bar --log-level WARNING "$NB" papermill_01.ipynb -p region "Kota Bengkulu"
"$VPY" - <<'EOF'
import json
cells = json.load(open("papermill_01.ipynb", encoding="utf-8"))["cells"]
injected = [c for c in cells if "injected-parameters" in c["metadata"].get("tags", [])]
assert injected and "Kota Bengkulu" in "".join(injected[0]["source"]), "parameter not injected"
EOF

after=$(find "$SITE" -not -name "*.pyc" -not -path "*/__pycache__*" | sort | sha1sum)
if [ "$before" != "$after" ]; then
    echo "check_wheel: something was written into the installed package $SITE" >&2
    exit 1
fi
step "ok: the wheel installs and works from an empty folder"
