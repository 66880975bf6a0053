"""View ▸ Imported organisations: the map's switch for the organisation layer.

The action lives with the map, not the window: it follows the state (the dataset's imported
organisations, the layer shown or not) and the language on its own, so the window only puts
it in its View menu. A dataset without imported organisations has nothing to show: the action
is then disabled and says so, rather than switching an empty layer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.map.view import MapView
from desktop.state import ExplorerState


class OrganisationLayerAction(QAction):
    """Checked while the map shows the imported organisations (state.show_organisations)."""

    def __init__(self, state: ExplorerState, view: MapView, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName("organisations-layer")
        self.state = state
        self.setCheckable(True)
        self.setChecked(state.show_organisations)
        self.toggled.connect(state.set_show_organisations)
        state.sig_dataset_changed.connect(self.retranslate)
        view.sig_language_changed.connect(self.retranslate)
        self.retranslate()

    def organisation_count(self) -> int:
        """How many imported organisations the dataset holds (0 before one is loaded)."""
        loaded = self.state.loaded
        if loaded is None:
            return 0
        from desktop.map.layers import imported_organisations  # numpy: with the data

        return len(loaded.derived(imported_organisations))

    def retranslate(self) -> None:
        """Its text in the interface's language, with the dataset's count, or 'none' (and
        disabled) for a dataset without imported organisations."""
        count = self.organisation_count()
        self.setEnabled(count > 0)
        if count:
            self.setText(self.tr("Imported &organisations (%n organisation(s))", "", count))
        else:
            self.setText(self.tr("Imported &organisations (none in this dataset)"))
        self.setStatusTip(self.tr("Show the organisations imported from a list on the map"))


def organisations_action(state: ExplorerState, view: MapView,
                         parent: QObject | None = None) -> OrganisationLayerAction:
    """The View menu's switch for the imported organisations' layer."""
    return OrganisationLayerAction(state, view, parent)
