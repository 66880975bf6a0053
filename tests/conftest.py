"""Test set-up: headless Qt and WebEngine (set here, never on users' machines), shared fixtures."""

import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")

import pytest  # noqa: E402


@pytest.fixture
def sample_gpkg(tmp_path):
    """A small valid dataset written to a fresh GeoPackage."""
    from factories import write_sample_dataset

    return write_sample_dataset(tmp_path / "sample.gpkg")
