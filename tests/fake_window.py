"""A stand-in for MainWindow with just what its features (WindowExporter, SavedViews) are
given, without the web engine."""

from types import SimpleNamespace

from PySide6.QtWidgets import QMainWindow

from desktop.export.window_context import WindowContext
from geodata import Filter


class FakeWindow(QMainWindow):
    """A state and a map view whose bounds are unknown; ``settings`` may be set after."""

    def __init__(self, ds):
        super().__init__()
        self.settings = None
        self.state = SimpleNamespace(dataset=ds, filter=Filter(), show_tieups=False,
                                     show_places=True, show_organisations=True)
        self.map_view = SimpleNamespace(evaluate=lambda _script, callback: callback(None))

    @property
    def context(self) -> WindowContext:
        """What the window gives a feature, as MainWindow makes it."""
        return WindowContext(parent=self, state=self.state, map_view=self.map_view,
                             status_bar=self.statusBar(), settings=self.settings)
