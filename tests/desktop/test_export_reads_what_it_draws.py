"""An export reads only the layers and columns its map draws, from a file validated whole once
per content (issue 29 item 1), and writes the same file as from the whole dataset.

The cache of validated files is this test session's (tests/conftest.py sets XDG_CACHE_HOME).
"""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from desktop.export.formats import format_for
from desktop.export.runner import layers_needed
from desktop.export.spec import ExportSpec
from geodata import BUNDLED_DATASET, Filter, load_dataset
from geodata.loading import ValidatedFiles
from geodata.sources import identity_of

SCENES = {
    "national": {},
    "kinki with tie-ups in Japanese": {"filter": Filter(bureau_id="kinki"), "show_tieups": True,
                                       "language": "ja", "show_north_arrow": True},
    "one field and its program": {"filter": Filter(fields=frozenset({"biotechnology"}))},
}


@pytest.fixture(scope="module")
def whole():
    return load_dataset()


def _warmed(drawn, whole, spec):
    """``drawn`` after drawing ``spec`` once and dropping it: the first time a process draws a
    text with a font it has just registered, a few antialiased pixels differ from every later
    drawing of it, whatever the drawing read (Qt's glyph cache)."""
    drawn(whole, spec)
    return drawn


def _partial(spec: ExportSpec):
    """The bundled dataset as the export of ``spec`` reads it: whole and validated the first
    time its content is met, then only what the map draws."""
    load_dataset(layers=layers_needed(spec))
    ds = load_dataset(layers=layers_needed(spec))
    assert len(ds.participants) and ds.participants["name_en"].isna().all()  # read in part
    assert ds.national_figures.empty
    return ds


def _pdf_page(qapp, document: bytes, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    path = tmp_path / "page.pdf"
    path.write_bytes(document)
    pdf = QPdfDocument()
    pdf.load(str(path))
    return pdf.render(0, pdf.pagePointSize(0).toSize() * 2), pdf.getAllText(0).text()


@pytest.mark.parametrize("scene", SCENES)
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_a_picture_read_for_what_it_draws_is_the_same_file(qapp, tmp_path, whole, scene, suffix):
    spec = ExportSpec(out=tmp_path / f"map{suffix}", size=(800, 450), **SCENES[scene])
    drawn = _warmed(format_for(suffix).document, whole, spec)
    assert drawn(_partial(spec), spec) == drawn(whole, spec)


@pytest.mark.parametrize("scene", SCENES)
def test_a_pdf_read_for_what_it_draws_shows_and_says_the_same(qapp, tmp_path, whole, scene):
    """A PDF stores its time and a random id, so its pages are compared: pixels and text."""
    spec = ExportSpec(out=tmp_path / "map.pdf", size=(800, 450), **SCENES[scene])
    drawn = _warmed(format_for(".pdf").document, whole, spec)
    assert (_pdf_page(qapp, drawn(_partial(spec), spec), tmp_path)
            == _pdf_page(qapp, drawn(whole, spec), tmp_path))


def test_a_deck_reads_the_whole_dataset(tmp_path):
    assert layers_needed(ExportSpec(out=tmp_path / "deck.pptx", per_bureau=True)) is None


def _export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "export", *args],
                          capture_output=True, text=True, timeout=240)


def test_a_file_changed_after_it_was_validated_is_validated_again(tmp_path):
    data = tmp_path / "mine.gpkg"
    shutil.copyfile(BUNDLED_DATASET, data)
    done = _export(str(tmp_path / "first.png"), "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert ValidatedFiles().knows(identity_of(data))
    with sqlite3.connect(data) as database:  # an achievement of a project nobody has
        database.execute("UPDATE achievements SET project_id = 'no-such-project' "
                         "WHERE rowid = (SELECT min(rowid) FROM achievements)")
    database.close()
    assert not ValidatedFiles().knows(identity_of(data))
    done = _export(str(tmp_path / "second.png"), "--data", str(data))
    assert done.returncode == 2
    assert "no-such-project" in done.stderr
    assert not (tmp_path / "second.png").exists()
    assert not ValidatedFiles().knows(identity_of(data))  # a file that fails is not remembered


def test_a_file_is_remembered_only_under_the_rules_that_validated_it(tmp_path):
    memory = ValidatedFiles(tmp_path / "validated.txt")
    memory.add("d" * 64)
    assert memory.knows("d" * 64) and not memory.knows("e" * 64)
    text = memory.path.read_text()
    memory.path.write_text(text.replace(text.split()[0], "0" * 32))  # other rules' digest
    assert not memory.knows("d" * 64)


def test_the_memory_keeps_only_the_newest_files(tmp_path):
    memory = ValidatedFiles(tmp_path / "validated.txt")
    for number in range(ValidatedFiles.MAX_REMEMBERED + 5):
        memory.add(f"{number:064x}")
    assert not memory.knows(f"{0:064x}")
    assert memory.knows(f"{ValidatedFiles.MAX_REMEMBERED + 4:064x}")
    assert len(memory.path.read_text().splitlines()) == ValidatedFiles.MAX_REMEMBERED
