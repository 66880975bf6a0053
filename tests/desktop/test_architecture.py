"""The shape of the code: geodata free of Qt and of desktop, and SCHEMA.md in step with schema.py.

The import contract lives in pyproject.toml and is checked by import-linter, run here as a user
would run it; a scratch project with a forbidden import shows the contract can fail.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from geodata.schema import ID, ID_LIST, INTEGER, LAYERS, REAL, TEXT
from geodata.vocabulary import LOCATION_BASES

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
SCHEMA_DOC = ROOT / "geodata" / "SCHEMA.md"
DOC_TYPES = {"text": TEXT, "id": ID, "enum": ID, "id list": ID_LIST, "integer": INTEGER,
             "real": REAL}


def lint_imports(cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": str(LINT_IMPORTS.parent), **env})


# --- geodata is free of Qt and desktop ----------------------------------------------------------

def test_the_import_contract_forbids_qt_and_desktop_in_geodata():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    forbidding = [c for c in contracts if c["type"] == "forbidden"
                  and "geodata" in c["source_modules"]]
    assert forbidding, "no import-linter contract guards geodata"
    assert {"PySide6", "desktop"} <= set(forbidding[0]["forbidden_modules"])
    assert config["tool"]["importlinter"]["include_external_packages"] is True


def test_lint_imports_keeps_every_contract():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Contracts: \d+ kept, 0 broken", done.stdout), done.stdout


@pytest.mark.parametrize(("module", "forbidden"), [
    ("import PySide6.QtCore\n", "PySide6"),
    ("from desktop import state\n", "desktop"),
])
def test_the_contract_breaks_on_a_forbidden_import(tmp_path, module, forbidden):
    """The same contract, on a scratch geodata that imports what it must not."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8"),
                                             encoding="utf-8")
    for package in ("geodata", "desktop"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    for layer_module in sorted(_layer_modules()):  # the layers contract needs them all
        path = tmp_path.joinpath(*layer_module.split("."))
        path.mkdir(parents=True, exist_ok=True)
        (path / "__init__.py").write_text("")
    (tmp_path / "geodata" / "leak.py").write_text(module)
    done = lint_imports(tmp_path, PYTHONPATH=str(tmp_path))
    assert done.returncode != 0
    assert "BROKEN" in done.stdout and f"geodata.leak -> {forbidden}" in done.stdout


def _layer_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return {name.strip()
            for contract in config["tool"]["importlinter"]["contracts"]
            for layer in contract.get("layers", [])
            for name in layer.split("|") if name.strip().startswith("desktop.")}


def test_the_layers_contract_orders_the_feature_folders():
    """app above export, export above panels and map, those above state, state above common."""
    assert {"desktop.app", "desktop.export", "desktop.panels", "desktop.map", "desktop.state",
            "desktop.common"} <= _layer_modules()


def test_importing_geodata_loads_neither_qt_nor_desktop():
    code = ("import sys, geodata, geodata.queries, geodata.build.assemble; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'desktop'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


# --- SCHEMA.md says what schema.py checks -------------------------------------------------------

def documented_layers() -> dict[str, dict]:
    """Per ``### `layer` (kind)`` section of SCHEMA.md: its kind and its table's rows."""
    text = SCHEMA_DOC.read_text(encoding="utf-8").split("\n## Layers\n", 1)[1]
    layers = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        heading, *lines = section.splitlines()
        match = re.match(r"`([a-z_]+)` \((\w+)\b", heading)
        assert match, f"unexpected heading in SCHEMA.md: {heading}"
        rows = {}
        for cells in _table_rows(lines):
            for column in re.findall(r"`([a-z0-9_]+)`", cells[0]):
                rows[column] = {"type": cells[1], "required": cells[2], "meaning": cells[3]}
        layers[match[1]] = {"kind": match[2], "rows": rows}
    return layers


def _table_rows(lines: list[str]) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in lines if line.startswith("| `")]


def test_schema_md_documents_exactly_the_layers_of_schema_py():
    assert list(documented_layers()) == [layer.name for layer in LAYERS]


@pytest.mark.parametrize("layer", LAYERS, ids=[layer.name for layer in LAYERS])
def test_schema_md_documents_every_column_of_the_layer(layer):
    documented = documented_layers()[layer.name]
    assert documented["kind"] == (layer.geometry or "attributes")
    rows = dict(documented["rows"])
    geometry = rows.pop("geometry", None)
    assert set(rows) == {column.name for column in layer.columns}
    assert geometry is None or geometry["type"] == layer.geometry


@pytest.mark.parametrize("layer", LAYERS, ids=[layer.name for layer in LAYERS])
def test_schema_md_gives_each_column_its_type_and_whether_it_is_required(layer):
    rows = documented_layers()[layer.name]["rows"]
    for column in layer.columns:
        doc = rows[column.name]
        said_required = doc["required"].startswith("yes")
        assert said_required == column.required, (column.name, doc)
        assert ("unique" in doc["required"]) == (column.name == layer.key), (column.name, doc)
        if doc["type"]:
            assert DOC_TYPES[doc["type"]] == column.kind, (column.name, doc)
            assert (doc["type"] == "enum") == bool(column.choices), (column.name, doc)


def test_schema_md_lists_every_vocabulary():
    """The location bases in their own table; each kind vocabulary in a column's meaning."""
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    bases_table = text.split("### `location_basis` values", 1)[1].split("\n## ", 1)[0]
    documented_bases = [cells[0].strip("`") for cells in _table_rows(bases_table.splitlines())]
    assert documented_bases == list(LOCATION_BASES)
    listed = [re.findall(r"`([a-z-]+)`", row["meaning"])
              for layer in documented_layers().values() for row in layer["rows"].values()]
    for layer in LAYERS:
        for column in layer.columns:
            if column.choices and column.choices != LOCATION_BASES:
                assert list(column.choices) in listed, (layer.name, column.name)


def test_the_layers_contract_breaks_when_a_lower_layer_imports_a_higher_one(tmp_path):
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8"),
                                             encoding="utf-8")
    for layer_module in sorted({"geodata", "desktop"} | _layer_modules()):
        path = tmp_path.joinpath(*layer_module.split("."))
        path.mkdir(parents=True, exist_ok=True)
        (path / "__init__.py").write_text("")
    (tmp_path / "desktop" / "common" / "leak.py").write_text("import desktop.app\n")
    done = lint_imports(tmp_path, PYTHONPATH=str(tmp_path))
    assert done.returncode != 0
    assert "desktop.common.leak -> desktop.app" in done.stdout
