"""Rows of a tree view that wrap their text onto more lines, whole, in a narrow dock.

QTreeView wraps an item's text when word wrap is on, but it asks a row's height without
telling the delegate how wide the row is, so a long name ("Photonics (optics &
optoelectronics)") kept one line and was cut. This delegate gives the style the row's real
width, and the view lays its rows out again when its width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

KEPT_HINTS = 2_000
"""Row hints kept at most (texts with their counts); all are measured again past it."""


class WrappedRowsDelegate(QStyledItemDelegate):
    """Row heights that hold a row's text wrapped to the view's width (one column)."""

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setItemDelegate(self)
        self._hints: dict[tuple, QSize] = {}
        view.viewport().installEventFilter(self)

    def sizeHint(self, option: QStyleOptionViewItem, index):  # noqa: N802 - Qt override
        """The style's hint, as tall as the row's text wrapped to the width it is painted in
        (the row less its check box, icon and margins: the style's own text rectangle).

        Kept per row look (text, font, icon, check box, width, style): every click changes
        the filters' counts, and measuring each changed row again took ~5 ms a click."""
        key = self._look(option, index)
        hint = self._hints.get(key)
        if hint is None:
            if len(self._hints) >= KEPT_HINTS:
                self._hints.clear()
            hint = self._hints[key] = self._measured(option, index)
        return QSize(hint)

    def _look(self, option: QStyleOptionViewItem, index) -> tuple:
        """What a row's hint depends on."""
        font = index.data(Qt.ItemDataRole.FontRole)
        return (index.data(Qt.ItemDataRole.DisplayRole),
                option.font.key() if font is None else font.key(),
                index.data(Qt.ItemDataRole.DecorationRole) is not None,
                index.data(Qt.ItemDataRole.CheckStateRole) is not None,
                option.decorationSize.width(), option.decorationSize.height(),
                self._row_width(index), id(self.view.style()))

    def _measured(self, option: QStyleOptionViewItem, index) -> QSize:
        hint = super().sizeHint(option, index)
        painted = QStyleOptionViewItem(option)
        self.initStyleOption(painted, index)
        painted.rect = QRect(0, 0, self._row_width(index), hint.height())
        style = self.view.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, painted,
                                         self.view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        wrapped = QFontMetrics(painted.font).boundingRect(
            QRect(0, 0, max(text_rect.width() - 2 * margin, 1), 100_000),
            Qt.TextFlag.TextWordWrap, painted.text)
        return QSize(min(hint.width(), painted.rect.width()),
                     max(hint.height(), wrapped.height() + 2))

    def _row_width(self, index) -> int:
        """The width the row at ``index`` is painted in: the column less its indentation
        (one more level where the top rows have their branch marks)."""
        depth, parent = int(self.view.rootIsDecorated()), index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return max(self.view.header().sectionSize(0) - depth * self.view.indentation(), 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.view.scheduleDelayedItemsLayout()  # the rows' heights follow the new width
        return super().eventFilter(watched, event)
