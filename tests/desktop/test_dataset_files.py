"""The window opens the files of every registered data source: the Open dialog lists them
and a drop takes them, read from the registry (desktop/app/dataset_files.py)."""

import pytest
from PySide6.QtCore import QMimeData, QUrl

from desktop.app.dataset_files import dropped_dataset, open_filter
from geodata.sources import DataSource, file_sources, register_source, unregister_source


def _mime(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


@pytest.fixture
def demo_source():
    """A throwaway source of '.cxdemo' files, registered for one test."""
    source = register_source(DataSource(
        name="Demo", description="a .cxdemo file", handles=lambda location: False,
        open=lambda location: None, identity=lambda location: "", suffixes=(".cxdemo",),
        files_title="Demo files"))
    try:
        yield source
    finally:
        unregister_source(source.name)


def test_every_file_source_is_offered_by_the_open_dialog_and_a_drop(qapp, tmp_path):
    entries = open_filter().split(";;")
    assert file_sources(), "no source opens files"
    for source in file_sources():
        assert source.files_title and all(
            suffix == suffix.lower() and suffix.startswith(".") for suffix in source.suffixes)
        patterns = " ".join(f"*{suffix}" for suffix in source.suffixes)
        assert patterns in entries[0]  # "Datasets (…)": every dataset file at once
        assert any(entry.endswith(f"({patterns})") for entry in entries[1:-1])
        for suffix in source.suffixes:
            dropped = tmp_path / f"Dropped{suffix.upper()}"
            assert dropped_dataset(_mime(tmp_path / "notes.txt", dropped)) == dropped
    assert entries[-1].endswith("(*)")
    assert dropped_dataset(_mime(tmp_path / "notes.txt")) is None


def test_a_registered_source_s_files_open_without_touching_the_window(qapp, tmp_path,
                                                                      demo_source):
    assert "*.cxdemo" in open_filter().split(";;")[0]
    assert "Demo files (*.cxdemo)" in open_filter().split(";;")
    assert dropped_dataset(_mime(tmp_path / "a.cxdemo")) == tmp_path / "a.cxdemo"


def test_every_file_source_s_title_is_in_the_japanese_catalogue():
    """A source marks its title in its own module (geodata.sources.QT_TRANSLATE_NOOP), and
    make translations finds it there: no list elsewhere to keep."""
    import xml.etree.ElementTree as ET

    from desktop.common.resources import resources_dir

    catalogue = ET.parse(resources_dir() / "i18n" / "cluster_explorer_ja.ts")
    domain = {message.findtext("source"): message.find("translation")
              for context in catalogue.iter("context") if context.findtext("name") == "Domain"
              for message in context.iter("message")}
    for source in file_sources():
        translation = domain.get(source.files_title)
        assert translation is not None and translation.text, source.files_title
        assert translation.get("type") is None, source.files_title


def test_the_open_dialog_speaks_japanese(qapp):
    from desktop.common import i18n

    try:
        i18n.set_language(i18n.JAPANESE)
        assert "名簿" in open_filter()
    finally:
        i18n.set_language(i18n.ENGLISH)
