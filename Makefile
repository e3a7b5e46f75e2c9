# Tasks: `make demo` (set up, start Neo4j, load, run the flagship query), `make test`,
# `make lint`, `make bench`. Everything installs into .venv on first use.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench docs

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

demo: install
	$(BIN)/explorer server status >/dev/null 2>&1 || $(BIN)/explorer server start
	$(BIN)/explorer load
	$(BIN)/explorer links Gazprombank Rosatom

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/cli_startup.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/bulk.py
	$(BIN)/python benchmarks/verbs.py
	$(BIN)/python benchmarks/resolve.py
	$(BIN)/python benchmarks/combined.py
	$(BIN)/python benchmarks/ftm_peer.py
	$(BIN)/python benchmarks/read.py

docs: install
	$(BIN)/cog -r README.md
	$(BIN)/python -c "from explorer.browser.guide import guide; print(guide(), end='')" > explorer/browser/guide.html
	$(BIN)/python -c "from explorer.browser.style import grass; print(grass(), end='')" > explorer/browser/style.grass
