"""The search box: finds projects, organisations, partners and places, English or Japanese.

Typing lists matches in a pop-up; choosing one (or pressing Enter for the first) emits the hit
so the window can select it and move the map there.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from desktop.state import ExplorerState
from geodata.values import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"project": QT_TRANSLATE_NOOP("SearchBox", "Project"),
               "organisation": QT_TRANSLATE_NOOP("SearchBox", "Organisation"),
               "partner": QT_TRANSLATE_NOOP("SearchBox", "Partner"),
               "bureau": QT_TRANSLATE_NOOP("SearchBox", "Region"),
               "prefecture": QT_TRANSLATE_NOOP("SearchBox", "Prefecture")}


class SearchBox(QLineEdit):
    """A line edit whose completer lists search hits rather than prefixes."""

    sig_hit_chosen = Signal(object)
    """The SearchHit the user picked."""

    def __init__(self, state: ExplorerState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setPlaceholderText(self.tr("Search projects, organisations, places…  (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.hits_model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.hits_model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self.update_hits)
        self.returnPressed.connect(self.choose_first)

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.setPlaceholderText(self.tr("Search projects, organisations, places…  "
                                            "(Ctrl+F)"))
        super().changeEvent(event)

    def update_hits(self, text: str) -> list[SearchHit]:
        from geodata import search

        hits = search(self.state.dataset, text) if self.state.dataset is not None else []
        self.hits_model.clear()
        for hit in hits:
            kind = QCoreApplication.translate("SearchBox", KIND_LABELS[hit.kind])
            item = QStandardItem(f"{hit.label}  ·  {kind}"
                                 + (f" — {hit.detail}" if hit.detail else ""))
            item.setData(hit, HIT_ROLE)
            self.hits_model.appendRow(item)
        if hits:
            self.completer_.complete()
        return hits

    def choose_first(self) -> None:
        if self.hits_model.rowCount() == 0:
            self.update_hits(self.text())
        if self.hits_model.rowCount():
            self.sig_hit_chosen.emit(self.hits_model.item(0).data(HIT_ROLE))

    def _on_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.sig_hit_chosen.emit(hit)
