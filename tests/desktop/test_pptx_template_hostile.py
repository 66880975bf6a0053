"""A hostile or damaged PowerPoint template (issue 23, item 8 and the low item on external
links): refused in one line when chosen in the export dialog and again at export, never a
traceback or gigabytes of memory. Each test is named for the item of the issue it guards."""

import io
import os
import tracemalloc
import zipfile

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.export.export_dialog import ExportDialog
from desktop.export.pptx_template import MAX_INFLATED_BYTES, check_template
from desktop.export.runner import run
from desktop.export.safe_write import ExportError
from desktop.export.spec import ExportSpec
from geodata import Filter, load_dataset

SMALL = (320, 180)
ZEROS = bytes(16 * 1024 * 1024)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def plain_template() -> bytes:
    data = io.BytesIO()
    Presentation().save(data)
    return data.getvalue()


def rewritten(path, changes: dict) -> object:
    """python-pptx's default deck with ``changes`` ({part name: new bytes, or None to drop
    it}) written to ``path``."""
    with zipfile.ZipFile(io.BytesIO(plain_template())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = changes.get(item.filename, source.read(item.filename))
            if content is not None:
                target.writestr(item.filename, content)
    return path


def bomb(path, inflated: int):
    """A template whose one picture inflates to ``inflated`` bytes of zeros: a few hundred KB
    on disk."""
    rewritten(path, {})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package, \
            package.open("ppt/media/image1.png", "w", force_zip64=True) as media:
        for _ in range(inflated // len(ZEROS)):
            media.write(ZEROS)
    return path


def export_with(ds, tmp_path, template):
    out = tmp_path / "deck.pptx"
    run(ds, ExportSpec(out, Filter(bureau_id="kinki"), size=SMALL, template=template))
    return out


def test_item23_08_a_template_that_inflates_past_the_bound_is_refused_before_reading(
        ds, qapp, tmp_path):
    template = bomb(tmp_path / "bomb.pptx", MAX_INFLATED_BYTES + 2 * len(ZEROS))
    assert template.stat().st_size < 3 * 1024 * 1024
    with pytest.raises(ExportError, match=r"would inflate to [\d,]+ MB; a template may hold"):
        export_with(ds, tmp_path, template)
    assert not (tmp_path / "deck.pptx").exists()


def lying(path, inflated: int):
    """A bomb whose picture's entries (local and central) say it inflates to 1,000 bytes."""
    bomb(path, inflated)
    data = bytearray(path.read_bytes())
    name = b"ppt/media/image1.png"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        header = data.rfind(signature + b"", 0, data.rfind(name))
        while data[header:header + 4] != signature:
            header = data.rfind(signature, 0, header)
        data[header + size_at:header + size_at + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo(name.decode()).file_size == 1000
    return path


def test_item23_08_a_part_that_inflates_past_its_declared_size_never_inflates_in_memory(
        qapp, tmp_path):
    template = lying(tmp_path / "lying.pptx", 3 * 16 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ExportError, match="lying.pptx"):
            check_template(template)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB held at once"


@pytest.mark.parametrize("changes, reason", [
    ({"ppt/slideMasters/slideMaster1.xml": None}, "no relationship with key 'rId1'"),
    ({"ppt/slideLayouts/slideLayout6.xml": None}, "no relationship with key"),
    ({"ppt/presentation.xml": b"<?xml version='1.0'?><p:presentation xmlns:p="},
     "damaged"),
    ({"[Content_Types].xml": b"<Types"}, "damaged"),
])
def test_item23_08_a_damaged_template_is_one_line_at_export(ds, qapp, tmp_path, changes,
                                                            reason):
    template = rewritten(tmp_path / "damaged.pptx", changes)
    with pytest.raises(ExportError, match=reason) as refused:
        export_with(ds, tmp_path, template)
    assert "\n" not in str(refused.value) and "damaged.pptx" in str(refused.value)
    assert not (tmp_path / "deck.pptx").exists()


def test_item23_08_no_part_missing_or_cut_short_gets_past_as_anything_but_an_export_error(
        qapp, tmp_path):
    """Every part of a template dropped, then cut in half, in turn: each template works or is
    refused with an ExportError, never another exception."""
    names = zipfile.ZipFile(io.BytesIO(plain_template())).namelist()
    refused = 0
    for number, name in enumerate(names):
        source = zipfile.ZipFile(io.BytesIO(plain_template()))
        cut = source.read(name)[:len(source.read(name)) // 2]
        for change in (None, cut):
            template = rewritten(tmp_path / f"t{number}-{change is None}.pptx", {name: change})
            try:
                check_template(template)
            except ExportError as error:
                assert "\n" not in str(error)
                refused += 1
    assert refused >= len(names)  # most parts matter: cut XML never parses


def test_item23_08_the_dialog_refuses_a_damaged_template_when_it_is_chosen(
        qtbot, ds, tmp_path, monkeypatch):
    template = rewritten(tmp_path / "no-master.pptx",
                         {"ppt/slideMasters/slideMaster1.xml": None})
    dialog = ExportDialog(ds, Filter(), False, None,
                          QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".pptx"))
    assert dialog.export_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(template), ""))
    QTest.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    message = dialog.message_label.text()
    assert message.startswith("This template cannot be used:") and "no-master.pptx" in message
    assert "\n" not in message and dialog.message_label.isVisible()
    assert not dialog.export_button.isEnabled()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are made with os.mkfifo (POSIX)")
def test_item23_08_a_template_that_is_a_fifo_is_refused_without_waiting(ds, qapp, tmp_path):
    fifo = tmp_path / "template.pptx"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="it is not a file"):
        check_template(fifo)


def test_item23_low_a_template_linking_a_picture_outside_itself_is_refused(ds, qapp, tmp_path):
    deck = Presentation()
    master = deck.slide_master
    master.part.relate_to(r"\\fileserver\share\logo.png", RELATIONSHIP_TYPE.IMAGE,
                          is_external=True)
    master.part.relate_to("https://www.meti.go.jp/", RELATIONSHIP_TYPE.HYPERLINK,
                          is_external=True)
    template = tmp_path / "linked.pptx"
    deck.save(str(template))
    with pytest.raises(ExportError, match=r"links to \\\\fileserver\\share\\logo.png outside"):
        export_with(ds, tmp_path, template)
    assert not (tmp_path / "deck.pptx").exists()


def test_item23_low_a_hyperlink_in_a_template_is_not_refused(ds, qapp, tmp_path):
    deck = Presentation()
    deck.slide_master.part.relate_to("https://www.meti.go.jp/", RELATIONSHIP_TYPE.HYPERLINK,
                                     is_external=True)
    template = tmp_path / "hyperlink.pptx"
    deck.save(str(template))
    check_template(template)
