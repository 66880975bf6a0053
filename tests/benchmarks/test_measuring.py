"""The bench's own rules for what it measures: the environment of the processes it times or
weighs whole, and when it starts weighing a window (benchmarks/measure.py, anchor.py)."""

import os
import threading

import pytest

from benchmarks import anchor, suite
from benchmarks.anchor import APP_READY, QGIS_READY, settle_when_ready
from benchmarks.measure import NO_BYTECODE_ENV, whole_process_env


def test_whole_processes_write_and_read_bytecode(monkeypatch, tmp_path):
    monkeypatch.setenv(NO_BYTECODE_ENV, "1")
    env = whole_process_env(tmp_path, CLUSTER_EXPLORER_REPORT_DRAWN="quit")
    assert NO_BYTECODE_ENV not in env
    assert env["CLUSTER_EXPLORER_REPORT_DRAWN"] == "quit"
    assert env["XDG_CONFIG_HOME"] == str(tmp_path / "config")
    assert env["XDG_CACHE_HOME"] == str(tmp_path / "cache")
    assert os.environ[NO_BYTECODE_ENV] == "1"  # the bench's own process is left as it is


def test_the_app_starts_measured_with_the_rule(monkeypatch, tmp_path):
    """suite.cold_start (``make bench``'s start-up figures), its environment caught at spawn."""
    monkeypatch.setenv(NO_BYTECODE_ENV, "1")
    spawned = {}

    class Spawned:
        def __init__(self, command, env=None, **_options):
            spawned.update(env)
            self.stdout = iter(["map-drawn 0.5 markers=1 from=kept\n"])

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(suite.subprocess, "Popen", Spawned)
    suite.cold_start(tmp_path / "data.gpkg", 0, tmp_path)
    assert spawned and NO_BYTECODE_ENV not in spawned
    assert spawned["XDG_CACHE_HOME"] == str(tmp_path / "cache")


def test_both_sides_against_qgis_take_the_rule(monkeypatch, tmp_path):
    monkeypatch.setenv(NO_BYTECODE_ENV, "1")
    assert NO_BYTECODE_ENV not in anchor._headless_env(tmp_path)


class Stream:
    """A window's standard output, line by line, remembering how far it was read."""

    def __init__(self, lines):
        self.lines, self.read = lines, 0

    def __iter__(self):
        for line in self.lines:
            self.read += 1
            yield line


class Memory:
    """A PeakMemory stand-in that notes how much of the stream was read at its first sample."""

    def __init__(self, stream):
        self.stream, self.read_at_first_sample, self.peak_bytes = stream, None, 100

    def sample(self):
        if self.read_at_first_sample is None:
            self.read_at_first_sample = self.stream.read
        return self.peak_bytes


@pytest.fixture
def quick_settle(monkeypatch):
    monkeypatch.setattr(anchor, "SETTLE_S", 0.05)


def test_the_app_is_weighed_once_its_dataset_is_shown_not_at_the_kept_map(quick_settle):
    stream = Stream(["map-drawn 0.8 markers=120 from=kept\n", "dataset-shown 2.1\n",
                     "map-drawn-again\n"])
    memory = Memory(stream)
    settle_when_ready(stream, APP_READY, memory)
    assert memory.read_at_first_sample == 2  # the kept map's line and the dataset's


def test_qgis_is_weighed_once_it_has_drawn_its_loaded_layers(quick_settle):
    stream = Stream(["some plugin chatter\n", "map-drawn\n"])
    memory = Memory(stream)
    settle_when_ready(stream, QGIS_READY, memory)
    assert memory.read_at_first_sample == 2


def test_a_window_that_never_shows_its_dataset_is_not_weighed(quick_settle):
    stream = Stream(["map-drawn 0.8 markers=120 from=kept\n"])  # then it ended
    memory = Memory(stream)
    with pytest.raises(RuntimeError, match=APP_READY):
        settle_when_ready(stream, APP_READY, memory)
    assert memory.read_at_first_sample is None


def test_windows_are_weighed_one_at_a_time(monkeypatch, tmp_path):
    """A second run's windows wait until the first run's are weighed (WINDOW_LOCK)."""
    monkeypatch.setattr(anchor, "WINDOW_LOCK", tmp_path / "windows.lock")
    entered = threading.Event()

    def second_run():
        with anchor.one_window_at_a_time():
            entered.set()

    with anchor.one_window_at_a_time():
        other = threading.Thread(target=second_run)
        other.start()
        assert not entered.wait(0.3)
    assert entered.wait(5)
    other.join()
