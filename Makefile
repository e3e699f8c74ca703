# `make run` installs and starts the dashboard; `make test` installs and runs the tests;
# `make serve` is the production start (gunicorn, several workers).
# `make install` installs what running needs, from requirements.lock; `make install-dev` adds the
# test and benchmark tools, from requirements-dev.lock (a superset, the same versions). Both are
# the whole tree, pinned with hashes (`make lock` regenerates them).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pybabel -q compile -d dashboard/locale -D messages
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python app.py $(ARGS)

# Test tiers (pytest markers, pyproject.toml): `make test` is unit + integration (no browser, no
# live servers: about 2 min on 2 CPUs); `make test-browser` drives headless Chromium;
# `make test-live` starts gunicorn, nginx and redis-server on OS-assigned ports; `make test-all`
# runs all three (as .ci/run does). Browser and Redis tests skip outside CI without their tools.
PYTEST := $(BIN)/python -m pytest -q -rs
test: install-dev
	$(PYTEST) -m "not browser and not live" $(ARGS)

test-browser: install-dev
	$(PYTEST) -m browser $(ARGS)

test-live: install-dev
	$(PYTEST) -m live $(ARGS)

test-all: install-dev
	$(PYTEST) $(ARGS)

serve: install
	$(BIN)/python -m geodata build
	$(BIN)/python -m dashboard.web.compress
	$(BIN)/gunicorn -c python:dashboard.web.gunicorn_conf dashboard.wsgi:server

# The production start behind the buffering front server (nginx, required in production: see
# README). LISTEN=0.0.0.0:80 for the public address; gunicorn stays on 127.0.0.1:$PORT.
serve-nginx: install
	$(BIN)/python -m geodata build
	$(BIN)/python -m dashboard.web.compress
	deploy/serve-nginx.sh

build-data: install
	$(BIN)/python -m geodata build

# The link-preview images of a fixed set of views (city map and chart per indicator, the facts;
# both languages), rendered ahead of time into the cache: a no-op when already there for this data.
previews: install
	$(BIN)/python -m dashboard.web.prerender

# Re-pin the whole dependency tree after changing pyproject.toml: the dev lock (everything) first,
# then the runtime lock constrained to the same versions.
LOCK_FLAGS := --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28
# The UI's strings (dashboard/locale): extract the keys the code uses into messages.pot and add new
# ones to both catalogues (untranslated, so that tests/dashboard/test_i18n.py names them), compile.
messages: install
	$(BIN)/pybabel -q extract -F babel.cfg -o dashboard/locale/messages.pot --omit-header \
		--sort-output --no-location .
	$(BIN)/pybabel -q update -i dashboard/locale/messages.pot -d dashboard/locale -D messages \
		--no-fuzzy-matching --width 100
	$(BIN)/pybabel -q compile -d dashboard/locale -D messages

lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra test --extra bench $(LOCK_FLAGS) \
		-o requirements-dev.lock
	$(BIN)/uv pip compile pyproject.toml -c requirements-dev.lock $(LOCK_FLAGS) -o requirements.lock


# The lean plotly.js (only the app's trace types) that Dash loads from assets/ instead of the full
# plotly.min.js; the build is pinned by frontend/plotly/package-lock.json. Needs node >= 18 and npm.
PLOTLY_DIR := frontend/plotly
plotly-bundle:
	cd $(PLOTLY_DIR) && npm ci --ignore-scripts --no-audit --no-fund && node build.mjs
	mkdir -p assets/vendor
	rm -f assets/vendor/plotly-hanoi*.min.js
	cp $(PLOTLY_DIR)/dist/plotly-hanoi*.min.js $(PLOTLY_DIR)/dist/plotly.LICENSE.txt assets/vendor/

# axe-core for the accessibility tests (tests/e2e/test_a11y.py), vendored in tests/e2e/vendor/ and
# pinned by tests/e2e/js/package-lock.json. Lighthouse for benchmarks/lighthouse.py (pinned by
# benchmarks/js/package-lock.json). Both need node >= 18.16 and npm.
AXE_DIR := tests/e2e/js
axe-update:
	cd $(AXE_DIR) && npm install --ignore-scripts --no-audit --no-fund --save-exact
	cp $(AXE_DIR)/node_modules/axe-core/axe.min.js tests/e2e/vendor/axe.min.js
	cp $(AXE_DIR)/node_modules/axe-core/LICENSE tests/e2e/vendor/axe-core.LICENSE.txt
	cp $(AXE_DIR)/node_modules/axe-core/LICENSE-3RD-PARTY.txt tests/e2e/vendor/axe-core.LICENSE-3RD-PARTY.txt

lighthouse: install-dev
	cd benchmarks/js && npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python benchmarks/lighthouse.py

.PHONY: messages install install-dev run serve serve-nginx test test-browser test-live test-all build-data previews lock plotly-bundle axe-update lighthouse
