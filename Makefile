# `make run` installs and starts the dashboard; `make test` installs and runs the tests;
# `make serve` is the production start (gunicorn, several workers).
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

serve: install
	$(BIN)/python -m geodata build
	$(BIN)/gunicorn -c python:dashboard.gunicorn_conf dashboard.wsgi:server

build-data: install
	$(BIN)/python -m geodata build

.PHONY: install run serve test build-data
