# Kennisbank onderwijsinnovatie met ict: set-up, build, test.
# `make site` and `make test` do all set-up themselves on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
# The site configuration: an institution's own copy sets its file (content/zelf-hosten.md), e.g.
# `make site KENNISBANK_CONFIG=instelling/mkdocs.yml` or a CI variable of that name.
KENNISBANK_CONFIG ?= mkdocs.yml
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup site test serve bench linkcheck lint lock clean system

# wheel: the editable install below builds with the venv's own setuptools (65 on Python 3.11), which needs it.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock wheel==0.45.1
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

# Debian's Chromium and nginx, and axe-core from npm, for the browser tests.
system:
	bash scripts/setup-system.sh

site: setup
	$(BIN)/kennisbank validate --config $(KENNISBANK_CONFIG)
	$(BIN)/kennisbank build --config $(KENNISBANK_CONFIG)

test: setup system
	$(BIN)/python -m pytest

# --dirty: after an edit only the pages that show it are rebuilt (generator/adapters/mkdocs/preview.py keeps that exact).
serve: setup
	$(BIN)/mkdocs serve --dirty --config-file $(KENNISBANK_CONFIG) --dev-addr 127.0.0.1:8000

# About 6 minutes on 2 cores (the 10,000-instrument build is a third of it); make bench BENCH_ARGS=--quick: 2.
bench: setup system
	$(BIN)/python bench/run.py $(BENCH_ARGS)

linkcheck: site
	$(BIN)/python -m generator.adapters.cli.linkcheck site --status linkstatus.json

lint: setup
	$(BIN)/python -m mypy

lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -r requirements.in
	(echo "# Exact versions of every package, direct and indirect (from requirements.in)."; \
	 echo "# Regenerate: make lock"; .lockvenv/bin/pip freeze) > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf site site.old .site-* .pytest_cache
