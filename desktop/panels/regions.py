"""The region list: "Whole country" and the nine bureaus, each with what the filter shows."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelectionModel, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView

from desktop.common import i18n
from desktop.panels.items import ID_ROLE, colour_swatch
from desktop.panels.reader_names import reader_names
from desktop.panels.registry import LEFT, register_panel
from desktop.state import ExplorerState
from geodata.names import display_name


@register_panel("regions", QT_TRANSLATE_NOOP("Panels", "Regions"), LEFT,
                refresh_after_map=True, size=230, order=10)
class RegionList(QListView):
    """Picking a row selects that bureau (or clears the selection for the whole country)."""

    sig_region_picked = Signal(object)
    """bureau_id (None: whole country) the user picked in the list — not a map click."""

    def __init__(self, state: ExplorerState, parent=None):
        super().__init__(parent)
        self.state = state
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A row longer than the list (a Japanese row in a 230 px dock, or at 150 %) wraps
        # onto a second line rather than losing its count of tie-ups to "…".
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self._updating = False
        self._items: list[QStandardItem] = []
        """The rows' items, kept from rebuild (asking the model for them on every click cost
        more than the counts)."""
        self.defer = lambda callback: QTimer.singleShot(0, callback)
        self.selectionModel().currentChanged.connect(self._on_current)
        self.clicked.connect(self._on_clicked)
        state.sig_dataset_changed.connect(self.rebuild)
        # counts follow when ``defer`` runs them (the window: once the map has drawn)
        state.sig_filter_changed.connect(self._schedule_counts)
        state.sig_selection_changed.connect(self.show_selection)

    def rebuild(self) -> None:
        self._updating = True
        self._items = []
        self.model_.clear()
        whole = QStandardItem(self.tr("Whole country"))
        whole.setData(None, ID_ROLE)
        self.model_.appendRow(whole)
        self._items.append(whole)
        language = i18n.current_language()
        for row in self.state.dataset.bureaus.itertuples():
            item = QStandardItem(display_name(row, language))
            item.setData(row.bureau_id, ID_ROLE)
            if isinstance(row.color, str):
                item.setIcon(colour_swatch(row.color))
            self.model_.appendRow(item)
            self._items.append(item)
        self._updating = False
        self.update_counts()
        self.show_selection()

    def _schedule_counts(self) -> None:
        self.defer(self.update_counts)

    def update_counts(self) -> None:
        if self.state.dataset is None:
            return
        from geodata.queries import bureau_counts  # here: the window is built before pandas loads

        # plain counts: the bureau_summaries table and a ``.loc`` per row cost ~10 ms a click
        counts = bureau_counts(self.state.dataset, self.state.filter)  # kept per scope
        names = self.state.loaded.derived(reader_names, i18n.current_language())["bureaus"]
        total = sum(projects for projects, _tieups in counts.values())
        for item in self._items:
            bureau_id = item.data(ID_ROLE)
            if bureau_id is None:
                shown = self.tr("Whole country — %n project(s)", "", total)
            else:
                projects, tieups = counts[bureau_id]
                shown = self.tr("{name} — {projects}, %n tie-up(s)", "", tieups).format(
                    name=names[bureau_id], projects=self.tr("%n project(s)", "", projects))
            if item.text() != shown:  # each change relays the list out
                item.setText(shown)

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.update_counts()
        super().changeEvent(event)

    def show_selection(self) -> None:
        wanted = self.state.filter.bureau_id
        for row, item in enumerate(self._items):
            if item.data(ID_ROLE) == wanted:
                self._updating = True
                self.selectionModel().setCurrentIndex(
                    self.model_.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self._updating = False
                return

    def _on_current(self, current, _previous) -> None:
        if self._updating or not current.isValid():
            return
        bureau_id = current.data(ID_ROLE)
        if bureau_id != self.state.filter.bureau_id or self.state.filter.project_id:
            self.state.select_bureau(bureau_id)
        self.sig_region_picked.emit(bureau_id)

    def _on_clicked(self, index) -> None:
        """A click on the row already current (currentChanged stays silent): pick it again,
        so the map frames the region again."""
        if index.isValid() and index.data(ID_ROLE) == self.state.filter.bureau_id:
            if self.state.filter.project_id:
                self.state.select_bureau(index.data(ID_ROLE))
            self.sig_region_picked.emit(index.data(ID_ROLE))

    def select_row_for(self, bureau_id: str | None) -> None:
        """Pick a bureau as a user would, by making its row current (tests use this)."""
        for row in range(self.model_.rowCount()):
            if self.model_.item(row).data(ID_ROLE) == bureau_id:
                self.setCurrentIndex(self.model_.index(row, 0))
                return
        raise KeyError(bureau_id)
