# inovlab — two commands for a fresh machine: `make run` and `make test`.
# Both create .venv when missing and (re)install only when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint lab bench wheel clean-runs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name inovlab --display-name "inovlab" >/dev/null
	touch $(STAMP)

## run: the main job on the bundled data (Kota Pangkal Pinang, latest cycle)
run: $(STAMP)
	$(BIN)/inovlab run --region "Kota Pangkal Pinang"

## test: the whole test suite, notebooks included
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check inovlab tests benchmarks tools

## wheel: build the wheel, install it into a fresh venv outside the clone, try it (as CI does)
wheel:
	PYTHON=$(PYTHON) tools/check_wheel.sh

## lab: JupyterLab on notebooks/ with the project's kernel
lab: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(BIN)/jupyter lab --notebook-dir=notebooks

## bench: the benchmarks named in the issues (each prints ratio=<x> seconds=<y> last)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_demo.py
	$(BIN)/python benchmarks/bench_uncertainty.py
	$(BIN)/python benchmarks/bench_rank_model.py
	$(BIN)/python benchmarks/bench_cycle.py
