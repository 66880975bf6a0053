# The two set-up commands of the README: `make run` and `make test`.
# Both create .venv when missing and reinstall only when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
HEADLESS := QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \
	QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu --no-sandbox"

.PHONY: run test bench lint dataset page clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/cluster-explorer $(ARGS)

test: $(STAMP_TEST)
	$(BIN)/python -m desktop.app.system_check
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(HEADLESS) $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP_TEST)
	$(HEADLESS) $(BIN)/python -m benchmarks

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Regenerates geodata/cluster_explorer.gpkg from geodata/curated/ and the boundary packages
# (see geodata/PROVENANCE.md); the app never needs this step.
dataset: $(STAMP_TEST)
	$(BIN)/python -m geodata.build

# Regenerates resources/map/map.html, the map page shell, from desktop/map/page_builder.py (a test
# fails while the file and the builder disagree).
page: $(STAMP_TEST)
	$(BIN)/python -m desktop.map.page_builder

clean:
	rm -rf $(VENV) .pytest_cache
