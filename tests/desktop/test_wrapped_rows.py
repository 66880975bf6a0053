"""The filters' wrapped rows: a row's height follows its text, font and width, kept or not."""

import pytest
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QTreeView

from desktop.panels.wrapped_rows import WrappedRowsDelegate

SHORT = "Photonics  (3)"
LONG = "Photonics (optics & optoelectronics) and advanced manufacturing  (12)"


@pytest.fixture
def tree(qtbot):
    view = QTreeView()
    view.setHeaderHidden(True)
    model = QStandardItemModel(view)
    item = QStandardItem(SHORT)
    item.setCheckable(True)
    model.appendRow(item)
    view.setModel(model)
    WrappedRowsDelegate(view)
    qtbot.addWidget(view)
    view.resize(220, 300)
    view.show()
    qtbot.waitExposed(view)
    return view, item


def _height(view) -> int:
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    return view.itemDelegate().sizeHint(option, view.model().index(0, 0)).height()


def test_a_rows_height_follows_its_text_each_time_it_changes(tree):
    view, item = tree
    one_line = _height(view)
    item.setText(LONG)
    assert _height(view) > one_line  # wrapped onto more lines, not the short text's hint
    item.setText(SHORT)
    assert _height(view) == one_line


def test_a_rows_height_follows_the_width_and_the_font(qtbot, tree):
    view, item = tree
    item.setText(LONG)
    wide = _height(view)
    view.resize(120, 300)  # a narrower dock
    qtbot.waitUntil(lambda: view.header().sectionSize(0) < 120)
    narrow = _height(view)
    assert narrow > wide
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    assert _height(view) > narrow
