"""The export format registry: the formats the app ships, and a format registered by one line
reaching the command line's help, the Save dialog, the spec check and the runner."""

from pathlib import Path

import pytest
from fake_window import FakeWindow
from PySide6.QtWidgets import QFileDialog

from desktop.cli import build_parser
from desktop.export.formats import (
    ExportFormat,
    export_formats,
    format_for,
    register_format,
    unregister_format,
)
from desktop.export.runner import run
from desktop.export.spec import ExportSpec, SpecError, check_spec, title_for
from geodata import Filter, load_dataset

TITLE_ONLY = ExportFormat(
    ".txt", "TXT", "Title as text (*.txt)", "the map's title as plain text, nothing drawn",
    raster=False, write=lambda ds, spec: title_for(ds, spec).encode())


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture
def title_only_format():
    """A throwaway format, registered for one test and withdrawn after it."""
    register_format(TITLE_ONLY)
    try:
        yield TITLE_ONLY
    finally:
        unregister_format(TITLE_ONLY.suffix)


def export_help(capsys) -> str:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_the_shipped_formats_in_the_order_users_see_them():
    assert [(each.suffix, each.raster, each.per_bureau) for each in export_formats()] == [
        (".png", True, False), (".svg", False, False), (".pdf", False, False),
        (".pptx", True, True)]
    assert format_for(".PNG") is format_for(".png")
    assert format_for(".gif") is None


def test_a_suffix_is_registered_once(title_only_format):
    with pytest.raises(ValueError, match="registered already"):
        register_format(title_only_format)


def test_the_help_lists_every_format_and_its_limits(capsys):
    usage = export_help(capsys)
    assert ".png, .svg, .pdf or .pptx" in usage
    assert "pixel multiplier for PNG and PPTX" in usage
    assert "with .pptx: a national map, then per bureau a map and a figures page" in usage
    assert ".svg a vector drawing, its text kept as text" in usage


def test_a_registered_format_reaches_the_help(capsys, title_only_format):
    usage = export_help(capsys)
    assert ".pdf, .pptx or .txt" in usage
    assert ".txt the map's title as plain text, nothing drawn" in usage
    assert "pixel multiplier for PNG and PPTX," in usage  # not raster: --scale is not for it


def test_a_registered_format_is_checked_and_run(tmp_path, ds, title_only_format):
    out = tmp_path / "map.txt"
    spec = check_spec(ExportSpec(out, Filter(bureau_id="kinki")), ds)
    assert run(ds, spec) == out
    assert out.read_text() == "Industrial clusters — Kinki"
    with pytest.raises(SpecError, match="--per-bureau needs a .pptx output"):
        check_spec(ExportSpec(out, per_bureau=True), ds)


def test_a_registered_format_is_offered_and_written_by_the_window(
        qtbot, tmp_path, monkeypatch, ds, title_only_format):
    from desktop.export.actions import WindowExporter

    window = FakeWindow(ds)
    qtbot.addWidget(window)
    exporter = WindowExporter(window)
    offered = []

    def save_file_name(_parent, _caption, _name, filters):
        offered.extend(filters.split(";;"))
        return str(tmp_path / "from-window"), "Title as text (*.txt)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_name)
    with qtbot.waitSignal(exporter.sig_exported) as exported:
        exporter.choose_and_export()
    assert offered == ["PNG image (*.png)", "SVG vector (*.svg)", "PDF (*.pdf)",
                       "PowerPoint slide (*.pptx)", "Title as text (*.txt)"]
    assert exported.args == [str(tmp_path / "from-window.txt")]
    assert Path(exported.args[0]).read_text() == "Industrial clusters — Japan"


def test_after_unregistering_the_format_is_unknown_again(tmp_path, ds):
    register_format(TITLE_ONLY)
    unregister_format(TITLE_ONLY.suffix)
    with pytest.raises(SpecError, match=r"unknown format '\.txt'.*valid: \.png, \.svg, \.pdf, "
                                        r"\.pptx$"):
        check_spec(ExportSpec(tmp_path / "map.txt"), ds)
