"""The bench's outside anchor: QGIS drawing the map the app draws, run by the system's Python
with Debian's ``python3-qgis`` (``make bench-anchor`` installs it when asked).

Draws the same three layers as the app's map — bureaus, prefectures, projects — from a
dataset's GeoPackage, framed on the bureaus, as officials would with QGIS:

- ``png DATASET OUT [WIDTHxHEIGHT]``: one PNG, as ``cluster-explorer export`` makes one (drawn
  on one thread, as the app's export is; QGIS's parallel job needs an event loop to finish);
- ``window DATASET [WIDTHxHEIGHT]``: a map canvas in a window; prints ``map-drawn SECONDS`` once
  the layers are drawn and stays open until its standard input closes, so that the bench can
  read the memory of a window showing the map;
- run by the QGIS application itself (``qgis --code qgis_map.py`` with ``QGIS_ANCHOR_DATASET``
  set): adds the layers to the project and prints ``map-drawn`` once its canvas has drawn them:
  the whole QGIS a person would start, plugins and panels included.

This file imports nothing of the project (it runs outside the project's environment).
"""

import os
import sys
import time

PROCESS_START = time.perf_counter()

from qgis.core import (  # noqa: E402 - the clock starts before QGIS loads, as the app's does
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize, QSocketNotifier, QTimer  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

LAYERS = ("projects", "prefectures", "bureaus")
"""Top first, as QGIS lists them."""
STYLES = {
    "bureaus": lambda: QgsFillSymbol.createSimple(
        {"color": "#dfe8d8", "outline_color": "#5b6b57", "outline_width": "0.4"}),
    "prefectures": lambda: QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#9a9a9a", "outline_width": "0.15"}),
    "projects": lambda: QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "#d95f02", "outline_color": "#ffffff", "size": "2.2"}),
}
PADDING = 0.05
"""Room around the bureaus, as a share of their extent."""


def parse_size(text: str) -> QSize:
    width, height = (int(side) for side in text.lower().split("x"))
    return QSize(width, height)


def load_layers(dataset: str) -> list:
    layers = []
    for name in LAYERS:
        layer = QgsVectorLayer(f"{dataset}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise SystemExit(f"QGIS cannot read the layer {name} of {dataset}")
        layer.renderer().setSymbol(STYLES[name]())
        layers.append(layer)
    return layers


def framed_extent(layers: list) -> QgsRectangle:
    extent = QgsRectangle(layers[-1].extent())  # the bureaus
    extent.grow(max(extent.width(), extent.height()) * PADDING)
    return extent


def map_settings(layers: list, size: QSize) -> QgsMapSettings:
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    settings.setExtent(framed_extent(layers))
    settings.setOutputSize(size)
    settings.setBackgroundColor(QColor("#f4f6f8"))
    return settings


def write_png(dataset: str, out: str, size: QSize) -> int:
    layers = load_layers(dataset)  # held here: the settings keep only weak references
    job = QgsMapRendererSequentialJob(map_settings(layers, size))
    job.start()
    job.waitForFinished()
    if not job.renderedImage().save(out, "PNG"):
        raise SystemExit(f"QGIS could not write {out}")
    return 0


def show_window(dataset: str, size: QSize) -> int:
    from qgis.gui import QgsMapCanvas

    layers = load_layers(dataset)
    canvas = QgsMapCanvas()
    canvas.resize(size)
    canvas.setCanvasColor(QColor("#f4f6f8"))
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setLayers(layers)
    canvas.setExtent(framed_extent(layers))

    def drawn() -> None:
        print(f"map-drawn {time.perf_counter() - PROCESS_START:.3f}", flush=True)
        canvas.mapCanvasRefreshed.disconnect(drawn)

    canvas.mapCanvasRefreshed.connect(drawn)
    canvas.show()
    canvas.refresh()
    # Stays open until the bench closes our standard input.
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Read)
    notifier.activated.connect(lambda *_: QgsApplication.instance().quit()
                               if not sys.stdin.buffer.read1(1) else None)
    QTimer.singleShot(120_000, QgsApplication.instance().quit)  # never left behind
    return QgsApplication.instance().exec_()


def hook_into_qgis(dataset: str) -> None:
    """Inside the QGIS application: show the layers, say when the canvas has drawn them."""
    from qgis.core import QgsProject
    from qgis.utils import iface

    layers = load_layers(dataset)
    for layer in reversed(layers):
        QgsProject.instance().addMapLayer(layer)
    canvas = iface.mapCanvas()

    def drawn() -> None:
        os.write(1, b"map-drawn\n")  # QGIS takes Python's sys.stdout for its console
        canvas.mapCanvasRefreshed.disconnect(drawn)

    canvas.mapCanvasRefreshed.connect(drawn)
    canvas.setExtent(framed_extent(layers))
    canvas.refresh()


def main(argv: list[str]) -> int:
    mode, dataset, *rest = argv
    gui = mode == "window"
    app = QgsApplication([], gui)
    app.initQgis()
    if mode == "png":
        out, *size = rest
        code = write_png(dataset, out, parse_size(size[0] if size else "1920x1080"))
    elif gui:
        code = show_window(dataset, parse_size(rest[0] if rest else "1600x1000"))
    else:
        raise SystemExit(f"unknown mode {mode!r}: png or window")
    sys.stdout.flush()
    os._exit(code)  # as the app's command does: no teardown counted


if os.environ.get("QGIS_ANCHOR_DATASET"):
    hook_into_qgis(os.environ["QGIS_ANCHOR_DATASET"])
elif __name__ == "__main__":
    main(sys.argv[1:])
