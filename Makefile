# Daleel: `make serve` to read the site locally, `make test` to check everything.
# Each target installs what it needs; stamps keep re-runs fast while the locks are unchanged.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup build serve test lint clean lock bench system-deps pdf

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
	# Fonts cut to the characters of every built page (print pages included) before the PDFs.
	$(BIN)/python scripts/subset_fonts.py --quiet site
	# Material's search index requested when search is opened, not on every page.
	$(BIN)/python scripts/search_on_demand.py site
	$(BIN)/python scripts/build_pdfs.py
	$(BIN)/python scripts/precompress.py --quiet site
	# Last: the service worker lists every file above with its SHA-256 (its build id).
	$(BIN)/python scripts/build_service_worker.py site

# Re-render only the PDF editions (and their sizes in the links) from the current site/.
pdf: setup
	$(BIN)/python scripts/build_pdfs.py
	$(BIN)/python scripts/precompress.py --quiet site
	$(BIN)/python scripts/build_service_worker.py --no-icons site

serve: build
	$(BIN)/python scripts/serve.py $(PORT) site

lint: setup
	$(BIN)/ruff check assessment scripts tests overrides/hooks
	$(BIN)/mypy

test: build lint
	$(BIN)/python -m pytest

lock: $(VENV)/.installed
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url \
		--no-emit-find-links --allow-unsafe -o requirements.lock requirements.in

# Build, page weight, assessment load and scoring times beside their references (issue 7).
bench: build
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts
