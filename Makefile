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

# The lean plotly.js (only the app's trace types) that Dash loads from assets/ instead of the full
# plotly.min.js; the build is pinned by frontend/plotly/package-lock.json. Needs node >= 18 and npm.
PLOTLY_DIR := frontend/plotly
plotly-bundle:
	cd $(PLOTLY_DIR) && npm ci --ignore-scripts --no-audit --no-fund && node build.mjs
	mkdir -p assets/vendor
	cp $(PLOTLY_DIR)/dist/plotly-hanoi.min.js $(PLOTLY_DIR)/dist/plotly.LICENSE.txt assets/vendor/

.PHONY: install run serve test build-data plotly-bundle
