"""The map's web engine starts with the lighter V8 flags (desktop/map/view.py)."""

import os

from desktop.map.view import (
    ENGINE_FLAGS_ENV,
    LIGHTER_ENGINE_FLAGS,
    V8_FLAGS,
    ask_for_lighter_engine,
)


def _as_qt_splits_them() -> list[str]:
    """The flags as Qt reads the variable: split at each space."""
    return os.environ[ENGINE_FLAGS_ENV].split(" ")


def test_the_lighter_flags_join_the_flags_already_set(monkeypatch):
    monkeypatch.setenv(ENGINE_FLAGS_ENV, "--disable-gpu")
    ask_for_lighter_engine()
    assert _as_qt_splits_them() == ["--disable-gpu", *LIGHTER_ENGINE_FLAGS]


def test_a_persons_own_v8_flags_win(monkeypatch):
    monkeypatch.setenv(ENGINE_FLAGS_ENV, "--js-flags=--max-old-space-size=512")
    ask_for_lighter_engine()
    assert os.environ[ENGINE_FLAGS_ENV] == "--js-flags=--max-old-space-size=512"


def test_without_flags_set_the_lighter_ones_are_the_flags(monkeypatch):
    monkeypatch.delenv(ENGINE_FLAGS_ENV, raising=False)
    ask_for_lighter_engine()
    assert _as_qt_splits_them() == list(LIGHTER_ENGINE_FLAGS)


def test_every_v8_flag_reaches_v8_in_one_chromium_switch(monkeypatch):
    """Qt splits at spaces, V8 at any white space: all the V8 flags in one --js-flags."""
    monkeypatch.delenv(ENGINE_FLAGS_ENV, raising=False)
    ask_for_lighter_engine()
    [switch] = [flag for flag in _as_qt_splits_them() if flag.startswith("--js-flags=")]
    assert switch.removeprefix("--js-flags=").split() == list(V8_FLAGS)
    assert "--no-compilation-cache" in V8_FLAGS
