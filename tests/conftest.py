"""Test set-up: headless Qt and WebEngine (set here, never on users' machines), shared fixtures."""

import os
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
# The page data kept for the next start goes to a folder of this session, not the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cluster-explorer-cache-")
# English whatever this machine's locale: the command line follows LC_ALL, LC_MESSAGES and LANG
# (tests that want Japanese ask for it), the window follows QLocale.system().
for _variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"

import pytest  # noqa: E402
from PySide6 import QtWebEngineWidgets  # noqa: E402, F401 - must precede the QApplication


@pytest.fixture
def sample_gpkg(tmp_path):
    """A small valid dataset written to a fresh GeoPackage."""
    from factories import write_sample_dataset

    return write_sample_dataset(tmp_path / "sample.gpkg")


@pytest.fixture(scope="session", autouse=True)
def no_network():
    """The whole session runs with the network unavailable to the app.

    Python code may only reach loopback (Qt's own IPC); the web engine's requests go through the
    local-only interceptor, whose log of blocked requests must be empty at the end.
    """
    import ipaddress
    import socket

    real_connect = socket.socket.connect
    attempts: list = []

    def guarded_connect(sock, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None:
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = host == "localhost"
            if not local:
                attempts.append(address)
                raise OSError(f"network access refused in tests: {address}")
        return real_connect(sock, address)

    socket.socket.connect = guarded_connect
    yield
    socket.socket.connect = real_connect
    assert attempts == [], f"code tried to reach the network: {attempts}"


@pytest.fixture(scope="session", autouse=True)
def web_engine_teardown(qapp):
    """Delete every window and page before the shared web profile, and that before the app.

    Left to interpreter exit, the order is arbitrary and QtWebEngine crashes on the way out.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.map import view as map_view
    interceptor = map_view._SHARED.get("interceptor")
    assert interceptor is None or interceptor.blocked == [], "the map page requested the network"
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    profile = map_view._SHARED.pop("profile", None)
    map_view._SHARED.pop("interceptor", None)
    if profile is not None:
        profile.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session", autouse=True)
def english_interface(qapp):
    """The interface in English, as the app starts on an English system: the English catalogue
    gives the plural forms ("1 project", "3 projects") that the panels' ``%n`` strings take."""
    from desktop.common import i18n

    i18n.set_language(i18n.ENGLISH)


_SESSION_STATUS: dict = {}


def pytest_sessionfinish(session, exitstatus):
    _SESSION_STATUS["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Leave without Python's finalisation: after the explicit teardown above, PySide6 and
    QtWebEngine can still crash while the interpreter collects their wrappers (a refcount
    error in the bindings, not in the code under test), which would turn a green run red."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_SESSION_STATUS.get("status", 0))
