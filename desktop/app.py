"""Starting the application: Qt set-up, the window, the first dataset."""

import logging
import os
import sys
import time
from pathlib import Path

PROCESS_START = time.perf_counter()
READY_ENV = "CLUSTER_EXPLORER_REPORT_DRAWN"


def run_app(data_path: Path | None = None, argv: list[str] | None = None) -> int:
    """Open the window on ``data_path`` (or the bundled dataset) and run the event loop."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before QApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Cluster Explorer")
    app.setOrganizationName("ClusterExplorer")

    from desktop.lifecycle import dispose
    from desktop.main_window import MainWindow

    window = MainWindow()
    if os.environ.get(READY_ENV):
        _report_first_draw(window)
    if not window.open_dataset(data_path) and data_path is not None:
        window.open_dataset(None)
    window.show()
    code = app.exec()
    dispose(window)
    return code


def _report_first_draw(window) -> None:
    """Print the seconds from process start to the first drawn map (for the benchmarks)."""

    def report(seq: int, markers: int) -> None:
        elapsed = time.perf_counter() - PROCESS_START
        print(f"map-drawn {elapsed:.3f} markers={markers}", flush=True)
        window.map_controller.sig_drawn.disconnect(report)
        if os.environ.get(READY_ENV) == "quit":
            window.close()

    window.map_controller.sig_drawn.connect(report)
