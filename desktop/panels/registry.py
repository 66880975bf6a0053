"""The dock panels the window lays out: each declares itself here, the window only places them.

A panel module decorates its widget class with ``@register_panel(...)``, which declares
where its dock goes (its area, its tab group and its ``order``), and is named once in
``desktop/panels/__init__.py``. The window adds the docks by their order (top to bottom in an
area, left to right in a tab group), whatever order the modules were imported in. Every panel
is made as ``widget_class(state)`` and follows the ExplorerState through its signals.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

LAST = 1000
"""The order of a panel that does not say where it goes: after the built-in ones."""
LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
TOP = Qt.DockWidgetArea.TopDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


@dataclass(frozen=True)
class PanelSpec:
    """How one panel is docked.

    ``name`` is the dock's object name: saved window layouts find the dock by it, so it never
    changes once released. Docks sharing a ``tab_group`` are tabbed together, the first
    registered in front. ``refresh_after_map``: the panel refreshes once the map has drawn
    the state that changed (its ``defer`` is set to the map's), so the map comes first.
    ``size``: the area's starting width (left, right) or height (top, bottom), taken from
    the first panel of the area that gives one. ``title`` is the English source text, marked
    ``QT_TRANSLATE_NOOP("Panels", ...)`` where it is registered; the window shows it
    translated in that context. ``order``: where the dock goes among the others (smaller
    first; panels of equal order keep their registration order).
    """

    name: str
    title: str
    area: Qt.DockWidgetArea
    widget_class: type[QWidget]
    tab_group: str | None = None
    refresh_after_map: bool = False
    size: int | None = None
    order: int = LAST


PANELS: list[PanelSpec] = []
"""Every registered panel, in registration order."""


def panels() -> list[PanelSpec]:
    """The registered panels in the order the window adds their docks."""
    return sorted(PANELS, key=lambda spec: spec.order)


def register_panel(name: str, title: str, area: Qt.DockWidgetArea, *,
                   tab_group: str | None = None, refresh_after_map: bool = False,
                   size: int | None = None, order: int = LAST):
    """Class decorator: dock this widget class (made as ``cls(state)``) in the window."""

    def register(widget_class: type[QWidget]) -> type[QWidget]:
        if any(spec.name == name for spec in PANELS):
            raise ValueError(f"a panel named {name!r} is registered already")
        PANELS.append(PanelSpec(name, title, area, widget_class, tab_group, refresh_after_map,
                                size, order))
        return widget_class

    return register
