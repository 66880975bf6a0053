"""The export format registry: every format it holds is whole (a suffix, translated names, a
writer), and a format registered by one line reaches the command line's help, the Save dialog,
the spec check and the runner."""

import re
from pathlib import Path

import pytest
from fake_window import FakeWindow
from PySide6.QtWidgets import QFileDialog

from desktop.cli import build_parser
from desktop.common import i18n
from desktop.export.formats import (
    CONTEXT,
    ExportFormat,
    export_formats,
    format_for,
    register_format,
    spoken_list,
    suffixes,
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


@pytest.mark.parametrize("export_format", export_formats(), ids=suffixes())
def test_every_format_is_whole_and_translated(export_format):
    """A suffix found again whatever its case, a filter that names it, a writer that loads,
    and a name, filter and help in Japanese (the catalogue has them: test_translations)."""
    suffix = export_format.suffix
    assert format_for(suffix.upper()) is export_format
    assert f"(*{suffix})" in export_format.dialog_filter
    assert export_format.name and export_format.help
    write = export_format.write
    if isinstance(write, str):
        module, function = write.split(":")
        write = getattr(__import__(module, fromlist=[function]), function)
    assert callable(write)
    japanese = i18n.speaker(i18n.JAPANESE)
    assert f"(*{suffix})" in japanese.translate(CONTEXT, export_format.dialog_filter)
    for text in (export_format.help, export_format.dialog_filter):
        assert japanese.translate(CONTEXT, text) != text, f"{text!r} is not translated"


def test_an_unknown_suffix_has_no_format():
    assert format_for(".gif") is None


def test_a_suffix_is_registered_once(title_only_format):
    with pytest.raises(ValueError, match="registered already"):
        register_format(title_only_format)


def test_the_help_lists_every_format_and_its_limits(capsys):
    usage = export_help(capsys)
    assert spoken_list(suffixes()) in usage
    raster = [each.name for each in export_formats() if each.raster]
    assert f"pixel multiplier for {spoken_list(raster, 'and')}" in usage
    for each in export_formats():
        assert f"{each.suffix} {' '.join(each.help.split())}" in usage
    paged = spoken_list([each.suffix for each in export_formats() if each.per_bureau])
    assert f"with {paged}: a national map, then per bureau a map" in usage


def test_a_registered_format_reaches_the_help(capsys, title_only_format):
    usage = export_help(capsys)
    assert spoken_list(suffixes()) in usage and suffixes()[-1] == ".txt"
    assert ".txt the map's title as plain text, nothing drawn" in usage
    raster = [each.name for each in export_formats() if each.raster]
    assert f"pixel multiplier for {spoken_list(raster, 'and')}," in usage  # not for .txt


def test_a_registered_format_is_checked_and_run(tmp_path, ds, title_only_format):
    out = tmp_path / "map.txt"
    spec = check_spec(ExportSpec(out, Filter(bureau_id="kinki")), ds)
    assert run(ds, spec) == out
    assert out.read_text() == "Industrial clusters — Kinki"
    paged = spoken_list([each.suffix for each in export_formats() if each.per_bureau])
    with pytest.raises(SpecError, match=f"--per-bureau needs a {paged} output"):
        check_spec(ExportSpec(out, per_bureau=True), ds)


def test_a_registered_format_is_offered_and_written_by_the_window(
        qtbot, tmp_path, monkeypatch, ds, title_only_format):
    from desktop.export.actions import WindowExporter

    window = FakeWindow(ds)
    qtbot.addWidget(window)
    exporter = WindowExporter(window.context)
    offered = []

    def save_file_name(_parent, _caption, _name, filters):
        offered.extend(filters.split(";;"))
        return str(tmp_path / "from-window"), "Title as text (*.txt)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_name)
    with qtbot.waitSignal(exporter.sig_exported) as exported:
        exporter.choose_and_export()
    assert offered == [each.dialog_filter for each in export_formats()]
    assert offered[-1] == "Title as text (*.txt)"
    assert exported.args == [str(tmp_path / "from-window.txt")]
    assert Path(exported.args[0]).read_text() == "Industrial clusters — Japan"


def test_after_unregistering_the_format_is_unknown_again(tmp_path, ds):
    register_format(TITLE_ONLY)
    unregister_format(TITLE_ONLY.suffix)
    assert ".txt" not in suffixes()
    with pytest.raises(SpecError, match=r"unknown format '\.txt'.*valid: " +
                       re.escape(", ".join(suffixes())) + "$"):
        check_spec(ExportSpec(tmp_path / "map.txt"), ds)
