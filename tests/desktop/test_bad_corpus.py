"""Each hand-made bad file in tests/data/bad/ gives its own message, from validate and load."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geodata import DatasetError, load_dataset, validate

BAD = Path(__file__).parents[1] / "data" / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "message"), sorted(EXPECTED.items()))
def test_each_bad_file_gives_its_message(name, message):
    problems = [str(problem) for problem in validate(BAD / name)]
    assert any(message in problem for problem in problems), problems
    with pytest.raises(DatasetError) as raised:
        load_dataset(BAD / name)
    assert any(message in line for line in raised.value.messages)


def test_the_command_line_prints_the_messages_without_a_traceback():
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "validate",
                           str(BAD / "unknown-bureau.gpkg")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert EXPECTED["unknown-bureau.gpkg"] in done.stdout.splitlines()[0]
    assert "Traceback" not in done.stdout + done.stderr


def test_the_bundled_dataset_validates():
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "validate",
                           str(Path(__file__).parents[2] / "geodata" / "cluster_explorer.gpkg")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout
    assert "valid — 27 projects" in done.stdout
