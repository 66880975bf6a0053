"""The map's web engine starts with the lighter V8 flags (desktop/map/view.py)."""

import os

from desktop.map.view import ENGINE_FLAGS_ENV, LIGHTER_ENGINE_FLAGS, ask_for_lighter_engine


def test_the_lighter_flags_join_the_flags_already_set(monkeypatch):
    monkeypatch.setenv(ENGINE_FLAGS_ENV, "--disable-gpu")
    ask_for_lighter_engine()
    assert os.environ[ENGINE_FLAGS_ENV].split() == ["--disable-gpu", *LIGHTER_ENGINE_FLAGS]


def test_a_persons_own_v8_flags_win(monkeypatch):
    monkeypatch.setenv(ENGINE_FLAGS_ENV, "--js-flags=--max-old-space-size=512")
    ask_for_lighter_engine()
    assert os.environ[ENGINE_FLAGS_ENV] == "--js-flags=--max-old-space-size=512"


def test_without_flags_set_the_lighter_ones_are_the_flags(monkeypatch):
    monkeypatch.delenv(ENGINE_FLAGS_ENV, raising=False)
    ask_for_lighter_engine()
    assert os.environ[ENGINE_FLAGS_ENV].split() == list(LIGHTER_ENGINE_FLAGS)
