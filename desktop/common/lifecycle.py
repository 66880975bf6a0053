"""Deleting Qt widgets that hold web pages before the application goes away.

A QWebEnginePage must die before its profile, and the profile before the application; Python's
garbage collection at exit does not promise that order and Qt then crashes on the way out.
"""

from PySide6.QtCore import QCoreApplication, QEvent


def dispose(widget) -> None:
    """Delete ``widget`` (and its pages) now rather than at interpreter exit."""
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
