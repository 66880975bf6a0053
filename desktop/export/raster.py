"""PNG: the same Leaflet page the window shows, drawn in an off-screen view of the target size.

The view is sized to the export's CSS pixels times the scale and zoomed by the scale, so the map
is laid out exactly as at 1× and rendered with scale× the pixels: a 1920x1080 export at scale 2
is exactly 3840x2160. The page is put in export mode (title, legend, scale bar, caption, no
controls) and the picture is taken after the page acknowledges having drawn the final state.
"""

import json

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.export.spec import ExportSpec, default_title, source_caption
from desktop.map_state import map_state
from desktop.map_view import MapView
from geodata import Dataset

FINAL_SEQ = 2
SETTLE_MS = 200


class RasterRenderer(QObject):
    """Renders one spec to a QImage, asynchronously; emits sig_done or sig_failed."""

    sig_done = Signal(QImage)
    """The finished picture, composited on white, exactly the spec's pixel size."""
    sig_failed = Signal(str)
    """Why the picture could not be made (one line)."""

    def __init__(self, ds: Dataset, spec: ExportSpec, with_text: bool = True, parent=None):
        super().__init__(parent)
        self.ds = ds
        self.spec = spec
        self.with_text = with_text
        self.view = MapView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        width, height = spec.pixel_size
        self.view.resize(width, height)
        self.view.setZoomFactor(spec.scale)
        self.view.sig_ready.connect(self._on_ready)
        self.view.bridge.sig_state_applied.connect(self._on_applied)
        self.view.bridge.sig_js_error.connect(self.sig_failed.emit)

    def start(self) -> None:
        self.view.show()
        self.view.show_dataset(self.ds)

    def _payload(self, seq: int) -> str:
        return json.dumps(map_state(self.ds, self.spec.filter, None, self.spec.show_tieups,
                                    True, seq))

    def _on_ready(self) -> None:
        spec = self.spec
        mode = {"legend": True,
                "title": (spec.title or default_title(self.ds, spec.filter))
                if self.with_text else "",
                "caption": source_caption(self.ds, spec.filter, spec.show_tieups)
                if self.with_text else ""}
        self.view.call("setExportMode", json.dumps(mode))
        self.view.call("setState", self._payload(1))
        if spec.bounds:
            self.view.call("fitBounds", json.dumps(spec.bounds))
        elif spec.show_tieups:
            self.view.call("fitTieups")
        elif spec.filter.bureau_id:
            self.view.call("fitBureau", spec.filter.bureau_id)
        else:
            self.view.call("resetView")
        self.view.call("setState", self._payload(FINAL_SEQ))

    def _on_applied(self, seq: int, _markers: int) -> None:
        if seq == FINAL_SEQ:
            # The page has drawn the state; Chromium hands the composited frame to the widget
            # a few frames later, so the picture is taken after a short settle time.
            QTimer.singleShot(SETTLE_MS, self._grab)

    def _grab(self) -> None:
        grabbed = self.view.grab()  # painted as is: a QImage copy would be 33 MB more at 2x
        width, height = self.spec.pixel_size
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawPixmap(0, 0, grabbed)
        painter.end()
        del grabbed
        self.sig_done.emit(image)

    def dispose(self) -> None:
        from desktop.lifecycle import dispose

        self.view.close()
        dispose(self.view)
