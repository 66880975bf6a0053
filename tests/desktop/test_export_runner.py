"""The export runner: a document is made with Python's cycle collector paused (placing labels
and stamping markers make hundreds of thousands of short-lived objects; each few hundred
started a walk over every object of the window), and the collector is left as it was."""

import gc

import pytest

from desktop.export import raster
from desktop.export.runner import run
from desktop.export.safe_write import ExportError
from desktop.export.spec import ExportSpec
from geodata import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_a_document_is_made_with_the_collector_paused_then_it_runs_again(tmp_path, ds,
                                                                          monkeypatch):
    seen = []

    def writer(_ds, _spec) -> bytes:
        seen.append(gc.isenabled())
        return b"\x89PNG"

    monkeypatch.setattr(raster, "png_document", writer)
    assert gc.isenabled()
    run(ds, ExportSpec(tmp_path / "map.png"))
    assert seen == [False]
    assert gc.isenabled()
    assert (tmp_path / "map.png").read_bytes() == b"\x89PNG"


def test_a_failed_document_leaves_the_collector_as_it_was(tmp_path, ds, monkeypatch):
    def writer(_ds, _spec) -> bytes:
        raise ExportError("no room")

    monkeypatch.setattr(raster, "png_document", writer)
    with pytest.raises(ExportError):
        run(ds, ExportSpec(tmp_path / "map.png"))
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(ExportError):
            run(ds, ExportSpec(tmp_path / "map.png"))
        assert not gc.isenabled(), "a collector turned off by the caller stays off"
    finally:
        gc.enable()
