# `make run` installs and starts the dashboard; `make test` installs and runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python app.py $(ARGS)

test: install
	$(BIN)/python -m pytest -q $(ARGS)

build-data: install
	$(BIN)/python -m geodata build

.PHONY: install run test build-data
