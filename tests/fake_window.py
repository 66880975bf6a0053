"""A stand-in for MainWindow with just what WindowExporter needs, without the web engine."""

from types import SimpleNamespace

from PySide6.QtWidgets import QMainWindow

from geodata import Filter


class FakeWindow(QMainWindow):
    """Menus to add the export actions to, a state, and a map view whose bounds are unknown."""

    def __init__(self, ds):
        super().__init__()
        self.file_menu = self.menuBar().addMenu("File")
        self.quit_action = self.file_menu.addAction("Quit")
        self.edit_menu = self.menuBar().addMenu("Edit")
        self.find_action = self.edit_menu.addAction("Find")
        self.state = SimpleNamespace(dataset=ds, filter=Filter(), show_tieups=False,
                                     show_places=True, show_organisations=True)
        self.map_view = SimpleNamespace(evaluate=lambda _script, callback: callback(None))
