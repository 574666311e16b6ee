# Daleel: `make serve` to read the site locally, `make test` to check everything.
# Each target installs what it needs; stamps keep re-runs fast while the locks are unchanged.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# The address the site is published at (canonical links, sitemap, hreflang) is the SITE_URL
# build input, read by mkdocs.yml (default: loopback); `SITE_URL=https://… make build`.
# A production-like address for the CI's second build (make test-site-url).
CHECK_SITE_URL ?= https://daleel.example.gov.jo/

.PHONY: setup build serve test lint clean lock bench system-deps system-deps-setup pdf dev \
	test-fast test-site-url check-js

setup: $(VENV)/.installed node_modules/.installed

# System packages first (order-only: checked every time, never forcing a reinstall). A .venv
# left half-created (no python, or no pip: python3-venv was missing) is rebuilt.
$(VENV)/.installed: requirements.lock | system-deps-setup
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	# The engine package, editable: hooks and scripts import `assessment` (strings, languages).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.installed: package-lock.json | system-deps-setup
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian packages: python3-venv and npm before the virtualenv and node_modules; Chromium
# (PDFs, browser tests), nginx and poppler for the build and tests.
system-deps-setup:
	@PYTHON=$(PYTHON) scripts/ensure-system-deps.sh setup

system-deps:
	@scripts/ensure-system-deps.sh build

build: system-deps setup
	$(BIN)/mkdocs build --strict --quiet
	# Each page's module script and its imports as one file (the sources stay plain modules).
	$(BIN)/python scripts/bundle_modules.py site
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

# Editing the text: mkdocs' own server, rebuilding and reloading the browser on every save
# (no PDFs, no precompression). Its pages carry no CSP <meta>: mkdocs serve injects an inline
# live-reload script the policy would block (make serve and make test keep the policy).
dev: setup
	DALEEL_DEV_SERVER=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check assessment scripts tests overrides/hooks
	$(BIN)/ruff format --check scripts/nginx_server.py tests/conftest.py tests/gates
	$(BIN)/mypy

test: build lint check-js
	$(BIN)/python -m pytest

# The edit loop: engine, strings and Markdown-level content tests; no build, no browser.
test-fast: setup
	$(BIN)/python -m pytest -q -m "not site and not browser"

# A second build for a production-like https address, and the tests of what names the address
# (canonical links, sitemap, hreflang, no foreign URL). CI runs it after `make test`.
test-site-url: setup
	SITE_URL=$(CHECK_SITE_URL) $(BIN)/mkdocs build --strict --quiet --site-dir build/site-url
	SITE_URL=$(CHECK_SITE_URL) DALEEL_SITE=build/site-url $(BIN)/python -m pytest -q \
		tests/gates/test_site_url.py tests/content/test_no_foreign_urls.py

# Browser code: type check of the JSDoc types (tsconfig.json) and unit tests of pure functions.
check-js: node_modules/.installed
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.sw.json
	node --test tests/js/

lock: $(VENV)/.installed
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url \
		--no-emit-find-links --allow-unsafe -o requirements.lock requirements.in

# Build, page weight, assessment load and scoring times beside their references (issue 7).
bench: build
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts
