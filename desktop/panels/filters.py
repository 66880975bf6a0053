"""Fields and programs as checkable items with live counts, and a clear-all button.

The counts are faceted: next to each field, how many projects it would show given the
programs ticked (and vice versa), so the numbers answer "what do I get if I tick this".
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTreeView, QVBoxLayout, QWidget

from desktop.common import i18n
from desktop.common.field_cues import in_legend_order, legend_field_glyphs
from desktop.common.glyph_drawing import field_swatch_icon
from desktop.common.text import is_blank, tooltip
from desktop.panels.items import ID_ROLE
from desktop.panels.registry import LEFT, register_panel
from desktop.panels.wrapped_rows import WrappedRowsDelegate
from desktop.state import ExplorerState
from geodata.names import display_name, names_by_id

FACET_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 3  # the name, shown with the count after it
UNSTATED_PROGRAM = "unstated"
"""The curators' placeholder program (geodata/curated/NOTES.md): not a name the sources give."""


@register_panel("filters", QT_TRANSLATE_NOOP("Panels", "Filters"), LEFT, order=20)
class FilterPanel(QWidget):
    """Checkable fields and programs; ticking one filters the map and panels at once."""

    def __init__(self, state: ExplorerState, parent=None):
        super().__init__(parent)
        self.state = state
        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        WrappedRowsDelegate(self.view)  # a long name wraps onto a second line, whole
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(state.clear_filters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.clear_button)
        self._updating = False
        self._items: dict[str, list[QStandardItem]] = {"fields": [], "programs": []}
        """Each group's items, kept from rebuild (asking the model for them cost ~1 ms a
        click)."""
        self.model.itemChanged.connect(self._on_item_changed)
        state.sig_dataset_changed.connect(self.rebuild)
        state.sig_filter_changed.connect(self.update_checks_and_counts)
        self.retranslate()

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear all filters"))
        for row, title in enumerate((self.tr("Fields"), self.tr("Programs"))):
            group = self.model.item(row)
            if group is not None:
                group.setText(title)
        self._name_items()

    def _name_items(self) -> None:
        """Each field and program by its name in the interface's language (with its count)."""
        ds = self.state.dataset
        if ds is None:
            return
        language = i18n.current_language()
        self._updating = True  # relabelling is not the user ticking an item
        for facet, frame, id_column in (("fields", ds.fields, "field_id"),
                                        ("programs", ds.filter_programs, "program_id")):
            names = names_by_id(frame, id_column, language)
            for item in self.items(facet):
                name = names.get(item.data(ID_ROLE), item.data(ID_ROLE))
                item.setData(name, LABEL_ROLE)
                item.setToolTip(tooltip(name))  # whole, where a narrow dock cuts it
        self._updating = False
        self.update_checks_and_counts()

    def rebuild(self) -> None:
        """New dataset: one group of fields, one of programs."""
        ds = self.state.dataset
        self._updating = True
        self._items = {"fields": [], "programs": []}
        self.model.clear()
        fields = QStandardItem(self.tr("Fields"))
        programs = QStandardItem(self.tr("Programs"))
        for group in (fields, programs):
            group.setSelectable(False)
            self.model.appendRow(group)
        language = i18n.current_language()
        glyphs = legend_field_glyphs(ds.fields)  # the map's markers and legend carry the same
        for row in in_legend_order(ds.fields).itertuples():
            item = self._checkable("fields", row.field_id, display_name(row, language))
            item.setIcon(field_swatch_icon(row.color, glyphs[row.field_id]))
            fields.appendRow(item)
            self._items["fields"].append(item)
        for row in ds.filter_programs.itertuples():
            name, description = self._program_name(row, language)
            item = self._checkable("programs", row.program_id, name)
            item.setToolTip(tooltip(name, description))  # Qt reads a tooltip as HTML if it can
            programs.appendRow(item)
            self._items["programs"].append(item)
        self._updating = False
        self.view.expandAll()
        self.update_checks_and_counts()

    def _program_name(self, row, language: str) -> tuple[str, str]:
        """A program's name in ``language`` (geodata/names.py) and, where the sources name it
        only in English, a line in the reader's language saying what it is. The curators'
        placeholder for projects whose program the sources do not state is the interface's
        own words, not a name."""
        if row.program_id == UNSTATED_PROGRAM and is_blank(getattr(row, "name_ja", None)):
            return self.tr("Program not stated in the sources"), ""
        name = display_name(row, language)
        if language == i18n.JAPANESE and is_blank(getattr(row, "name_ja", None)):
            return name, self.tr("A program the sources name only in English")
        return name, ""

    def _checkable(self, facet: str, item_id: str, label: str) -> QStandardItem:
        item = QStandardItem(label)
        item.setCheckable(True)
        item.setData(facet, FACET_ROLE)
        item.setData(item_id, ID_ROLE)
        item.setData(label, LABEL_ROLE)
        return item

    def items(self, facet: str) -> list[QStandardItem]:
        return list(self._items[facet])

    def item_for(self, facet: str, item_id: str) -> QStandardItem | None:
        return next((item for item in self.items(facet) if item.data(ID_ROLE) == item_id), None)

    def update_checks_and_counts(self) -> None:
        ds = self.state.dataset
        if ds is None:
            return
        from geodata import facet_counts

        counts = facet_counts(ds, self.state.filter)
        chosen = {"fields": self.state.filter.fields, "programs": self.state.filter.programs}
        self._updating = True
        for facet in ("fields", "programs"):
            for item in self.items(facet):
                item_id = item.data(ID_ROLE)
                label = item.data(LABEL_ROLE)
                # set only what changed: each change repaints the item and signals itemChanged
                shown = f"{label}  ({counts[facet].get(item_id, 0)})"
                if item.text() != shown:
                    item.setText(shown)
                checked = item_id in chosen[facet]
                check = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                if item.checkState() != check:
                    item.setCheckState(check)
        self._updating = False
        self.clear_button.setEnabled(bool(chosen["fields"] or chosen["programs"]))

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._updating or not item.isCheckable():
            return
        checked = item.checkState() == Qt.CheckState.Checked
        if item.data(FACET_ROLE) == "fields":
            self.state.set_field(item.data(ID_ROLE), checked)
        else:
            self.state.set_program(item.data(ID_ROLE), checked)
