# The two set-up commands of the README: `make run` and `make test`; `make dist` freezes the app.
# Each creates .venv when missing and reinstalls only when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_DIST := $(VENV)/.installed-dist
STAMP_BENCH := $(VENV)/.installed-bench
HEADLESS := QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \
	QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu --no-sandbox"

.PHONY: run test bench bench-smoke bench-anchor lint dataset page translations dist dist-check screenshots \
	clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

$(STAMP_BENCH): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@ $(STAMP_TEST) $(STAMP_RUN)

$(STAMP_DIST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dist]"
	touch $@ $(STAMP_RUN)

# The window needs more of the system than the imports (display libraries, the Qt platform
# plugin): checked first, naming (or as root installing) the Debian packages missing. The tests
# also need PostgreSQL with PostGIS (a throwaway server they start): installed the same way.
run: $(STAMP_RUN)
	$(BIN)/python -m desktop.app.system_check --gui
	$(BIN)/cluster-explorer $(ARGS)

test: $(STAMP_TEST)
	$(BIN)/python -m desktop.app.system_check --test-server --build-tools
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(HEADLESS) $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The bench's exit status (make shows it as "Error N"): 0 every target met, 1 some target
# missed, 2 the bench could not run. Its PostGIS figures need the database tests' server.
# bench-smoke (CI): the bundled dataset, a few repeats of each step, so that a step which no
# longer runs fails; missed targets do not (a few repeats on a shared machine prove nothing).
bench: $(STAMP_BENCH)
	$(BIN)/python -m desktop.app.system_check --test-server
	$(HEADLESS) $(BIN)/python -m benchmarks $(BENCH_ARGS)

bench-smoke: $(STAMP_BENCH)
	$(BIN)/python -m desktop.app.system_check
	$(HEADLESS) $(BIN)/python -m benchmarks --smoke || [ $$? -eq 1 ]

# bench-anchor: the app side by side with QGIS (benchmarks/anchor.py), installing Debian's
# python3-qgis first when it is missing; `make bench` adds the same table where QGIS is installed.
bench-anchor: $(STAMP_BENCH)
	$(BIN)/python -m desktop.app.system_check
	$(HEADLESS) $(BIN)/python -m benchmarks.anchor --install-qgis $(BENCH_ARGS)

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

# Refreshes the translation sources resources/i18n/*.ts from the strings in desktop/ (new ones
# arrive unfinished, vanished ones are dropped; English keeps only the plural forms) and compiles
# them into the .qm files the app loads. Translate in Qt Linguist (.venv/bin/pyside6-linguist
# resources/i18n/cluster_explorer_ja.ts), then run it again; a test fails while they lag behind.
I18N := resources/i18n
LUPDATE := $(BIN)/pyside6-lupdate -silent -extensions py -locations none -no-obsolete desktop \
	geodata/sources
translations: $(STAMP_RUN)
	$(LUPDATE) -ts $(I18N)/cluster_explorer_ja.ts
	$(LUPDATE) -pluralonly -ts $(I18N)/cluster_explorer_en.ts
	$(BIN)/pyside6-lrelease -silent $(I18N)/cluster_explorer_ja.ts $(I18N)/cluster_explorer_en.ts

# The frozen app (PyInstaller, packaging/cluster-explorer.spec) in dist/cluster-explorer/ and
# its archive dist/cluster-explorer-VERSION-PLATFORM.tar.gz.
dist: $(STAMP_DIST)
	$(BIN)/python -m desktop.app.system_check --build-tools
	packaging/build_dist.sh $(BIN)/python

# The frozen app, from another folder with a fresh home and no network, exports every format
# and draws the map; prints its size and its times next to the environment's (CI runs this).
dist-check: dist
	$(BIN)/python packaging/smoke_frozen.py dist/cluster-explorer --venv $(BIN)/python

# The screenshot gallery: every window state, dock tab, dialog and menu in Japanese and English
# at 1366x768 and 1920x1080, the window on a laptop at 150 % and 200 %, the national map in
# normal and deuteranopic vision, as PNGs with an index.html, in build/screenshots/ (make test
# runs a smaller set of the same module).
screenshots: $(STAMP_TEST)
	CX_GALLERY_DIR=build/screenshots CX_GALLERY_FULL=1 $(HEADLESS) $(BIN)/python -m pytest -q \
		-p no:cacheprovider tests/webengine/test_screenshot_gallery.py

clean:
	rm -rf $(VENV) .pytest_cache build dist
