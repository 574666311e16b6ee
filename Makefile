# Daleel: `make serve` to read the site locally, `make test` to check everything.
# Each target installs what it needs; stamps keep re-runs fast while the locks are unchanged.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup build serve test lint clean lock bench system-deps pdf check-js

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	# The engine package, editable: hooks and scripts import `assessment` (strings, languages).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian packages the build and tests need: Chromium (PDFs, browser tests), nginx, poppler.
system-deps:
	@scripts/ensure-system-deps.sh

build: setup system-deps
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python scripts/build_pdfs.py
	$(BIN)/python scripts/precompress.py --quiet site

# Re-render only the PDF editions (and their sizes in the links) from the current site/.
pdf: setup
	$(BIN)/python scripts/build_pdfs.py
	$(BIN)/python scripts/precompress.py --quiet site

serve: build
	$(BIN)/python scripts/serve.py $(PORT) site

lint: setup
	$(BIN)/ruff check assessment scripts tests overrides/hooks
	$(BIN)/mypy

test: build lint check-js
	$(BIN)/python -m pytest

# Browser code: type check of the JSDoc types (tsconfig.json) and unit tests of pure functions.
check-js: node_modules/.installed
	node_modules/.bin/tsc -p tsconfig.json
	node --test tests/js/

lock: $(VENV)/.installed
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url \
		--no-emit-find-links --allow-unsafe -o requirements.lock requirements.in

# Build, page weight, assessment load and scoring times beside their references (issue 7).
bench: build
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts
