"""Exports under hostile conditions: a full disk, file modes and links, long names, a killed
export, huge or control-character text, absurd sizes. Each test is named for the item of the
export review it guards."""

import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from factories import with_text
from fake_window import FakeWindow
from pptx import Presentation
from PySide6.QtWidgets import QFileDialog

from desktop.export.runner import run
from desktop.export.safe_write import write_atomically
from desktop.export.spec import ExportSpec, SpecError, check_spec, parse_size
from desktop.export.vector import write_vector
from geodata import Filter, load_dataset

CLI = [sys.executable, "-m", "desktop.cli", "export"]
TESTS = Path(__file__).parents[1]  # factories.py
SMALL = ["--size", "320x180"]
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
ONE_HUNDRED_KB = 100_000


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def run_cli(*args: str, limits: dict | None = None) -> subprocess.CompletedProcess:
    """The export command in a child process, with ``limits`` ({RLIMIT_*: soft}) applied and
    SIGXFSZ ignored, so a file-size limit acts like a full disk instead of killing it."""

    def apply_limits():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        for which, soft in (limits or {}).items():
            resource.setrlimit(which, (soft, resource.getrlimit(which)[1]))

    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=240,
                          preexec_fn=apply_limits)


def small(out: Path, **kwargs) -> ExportSpec:
    return ExportSpec(Path(out), size=(320, 180), **kwargs)


def svg_texts(path: Path) -> list[str]:
    return ["".join(element.itertext()) for element in ET.parse(path).iter()
            if element.tag.endswith(("text", "title", "desc"))]


def pptx_texts(path: Path) -> list[str]:
    return [shape.text_frame.text for slide in Presentation(str(path)).slides
            for shape in slide.shapes if shape.has_text_frame]


def hostile(ds, text: str):
    """The bundled dataset with ``text`` as Kinki's name, a field's name and every source's
    title: each kind of dataset text an export draws."""
    hostile_ds = with_text(ds, "bureaus", "bureau_id", "kinki", "name_en", text)
    hostile_ds = with_text(hostile_ds, "fields", "field_id", "biotechnology", "name_en", text)
    for source_id in ds.sources["source_id"]:
        hostile_ds = with_text(hostile_ds, "sources", "source_id", source_id, "title", text)
    return hostile_ds


# --- 1. write errors -------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png", ".pptx"])
def test_item01_a_failed_write_fails_every_format_and_keeps_the_old_file(tmp_path, suffix):
    target = tmp_path / f"m{suffix}"
    target.write_bytes(b"previous export")
    done = run_cli(str(target), limits={resource.RLIMIT_FSIZE: 64 * 1024})
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"cluster-explorer export: cannot export to {target}: ")
    assert "wrote" not in done.stdout
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# --- 2. modes, groups and links --------------------------------------------------------------
def test_item02_a_new_file_gets_the_mode_the_umask_allows(qapp, ds, tmp_path):
    before = os.umask(0o027)
    try:
        run(ds, small(tmp_path / "new.png"))
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "new.png").stat().st_mode) == 0o640


def test_item02_a_replaced_file_keeps_its_mode_and_group(qapp, ds, tmp_path):
    target = tmp_path / "m.png"
    target.write_bytes(b"old")
    os.chmod(target, 0o604)
    other_groups = [gid for gid in os.getgroups() if gid != os.getegid()]
    group = 4242 if os.geteuid() == 0 else (other_groups or [os.getegid()])[0]
    os.chown(target, -1, group)
    run(ds, small(target))
    assert target.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.stat().st_gid == group


def test_item02_writing_through_a_symlink_replaces_its_target(qapp, ds, tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "map.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(Path("real") / "map.png")
    run(ds, small(link))
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "map.png")
    assert real.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.png", "real"]
    assert [p.name for p in real.parent.iterdir()] == ["map.png"]


# --- 3. the dialog asks before replacing the file it will write --------------------------------
@pytest.fixture
def exporter(qtbot, ds):
    from desktop.export.actions import WindowExporter

    window = FakeWindow(ds)
    qtbot.addWidget(window)
    return WindowExporter(window.context)


@pytest.mark.parametrize(("answer", "replaced"), [(False, False), (True, True)])
def test_item03_a_suffix_added_after_the_dialog_asks_before_replacing(
        exporter, tmp_path, monkeypatch, answer, replaced):
    existing = tmp_path / "japan.png"
    existing.write_bytes(b"old")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(tmp_path / "japan"), "PNG image (*.png)"))
    asked = []
    monkeypatch.setattr(exporter, "confirm_replace", lambda path: asked.append(path) or answer)
    exporter.choose_and_export()
    assert asked == [existing]
    assert existing.read_bytes().startswith(b"\x89PNG") is replaced


def test_item03_a_name_the_dialog_already_asked_about_is_not_asked_again(
        exporter, tmp_path, monkeypatch):
    existing = tmp_path / "japan.png"
    existing.write_bytes(b"old")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(existing), "PNG image (*.png)"))
    monkeypatch.setattr(exporter, "confirm_replace", lambda path: pytest.fail("asked twice"))
    exporter.choose_and_export()
    assert existing.read_bytes().startswith(b"\x89PNG")


# --- 4. long file names ----------------------------------------------------------------------
def test_item04_the_longest_legal_name_is_written(tmp_path):
    target = tmp_path / ("a" * 251 + ".png")
    write_atomically(target, lambda path: path.write_bytes(b"x"))
    assert target.read_bytes() == b"x"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_item04_a_249_character_svg_name_exports_from_the_command_line(tmp_path):
    target = tmp_path / ("m" * 245 + ".svg")
    done = run_cli(str(target), *SMALL)
    assert done.returncode == 0, done.stderr
    ET.parse(target)


def test_item04_a_name_too_long_fails_in_one_line(tmp_path):
    target = tmp_path / ("m" * 300 + ".svg")
    done = run_cli(str(target), *SMALL)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"cluster-explorer export: cannot export to {target}: the file name is too long"]
    assert "Traceback" not in done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []


# --- 5. a killed export ----------------------------------------------------------------------
KILLED_WHILE_WRITING = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from desktop.export.safe_write import write_atomically

    def half_then_killed(path):
        path.write_bytes(b"<svg half written")
        os.kill(os.getpid(), signal.SIGKILL)

    write_atomically(Path(sys.argv[1]), half_then_killed)
""")


def _killed_export(target: Path) -> Path:
    """Run an export that is killed mid-write; return the temporary file it left."""
    before = set(target.parent.iterdir())
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_WRITING, str(target)],
                            timeout=60)
    assert killed.returncode == -signal.SIGKILL
    (left,) = set(target.parent.iterdir()) - before
    return left


def test_item05_a_killed_export_keeps_the_old_file_and_the_next_one_cleans_up(qapp, ds,
                                                                               tmp_path):
    target = tmp_path / "m.svg"
    target.write_bytes(b"previous export")
    stale = _killed_export(target)
    assert target.read_bytes() == b"previous export", "a partial file under the target's name"
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    running = _killed_export(target)  # as fresh as one another export is writing now
    unrelated = [tmp_path / ".notes.tmp", tmp_path / ".m-abcd1234.svg"]
    for path in unrelated:
        path.write_bytes(b"not ours")
        os.utime(path, (an_hour_ago, an_hour_ago))
    run(ds, small(target))
    ET.parse(target)
    assert not stale.exists(), "the stale temporary of a killed export was left behind"
    assert running.exists(), "a temporary another export may be writing was removed"
    assert all(path.exists() for path in unrelated)


# --- 12. huge names --------------------------------------------------------------------------
HUGE_NAME = ("Kinki regional bureau " * 5000)[:ONE_HUNDRED_KB]
UNBROKEN_NAME = "K" * ONE_HUNDRED_KB

MEASURE_PEAK = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from PySide6.QtGui import QGuiApplication
    from desktop.export.runner import run
    from desktop.export.spec import ExportSpec
    from factories import with_text
    from geodata import Filter, load_dataset

    app = QGuiApplication([])
    out, suffix = Path(sys.argv[2]), sys.argv[3]
    ds = load_dataset()
    spec = ExportSpec(out / f"plain{suffix}", Filter(bureau_id="kinki"))
    run(ds, spec)  # warm up: fonts, caches, the libraries' own memory
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    huge = with_text(ds, "bureaus", "bureau_id", "kinki", "name_en", "K" * 100_000)
    run(huge, ExportSpec(out / f"huge{suffix}", Filter(bureau_id="kinki")))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_mb": (after - before) / 1024, "peak_mb": after / 1024,
                      "size": (out / f"huge{suffix}").stat().st_size}))
""")


def measure_huge_name_export(tmp_path: Path, suffix: str) -> dict:
    """Peak memory growth of exporting a 100 KB bureau name, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", MEASURE_PEAK, str(TESTS), str(tmp_path),
                           suffix], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"100 KB bureau name, {suffix}: {figures}")
    return figures


@pytest.mark.parametrize("name", [HUGE_NAME, UNBROKEN_NAME], ids=["words", "one-word"])
def test_item12_a_100kb_name_gives_a_small_svg_with_the_name_elided(qapp, ds, tmp_path, name):
    out = tmp_path / "m.svg"
    write_vector(hostile(ds, name), ExportSpec(out, Filter(bureau_id="kinki")), out)
    assert out.stat().st_size < 5_000_000
    texts = svg_texts(out)
    assert any(text.startswith("Kinki regional" if " " in name else "KKK") for text in texts)
    assert max(len(text) for text in texts) < 1000


def test_item12_a_100kb_name_png_export_stays_small_in_memory(tmp_path):
    figures = measure_huge_name_export(tmp_path, ".png")
    assert figures["growth_mb"] < 150


def test_item12_a_100kb_name_svg_export_stays_small_in_memory(tmp_path):
    figures = measure_huge_name_export(tmp_path, ".svg")
    assert figures["size"] < 5_000_000
    assert figures["growth_mb"] < 150


def test_item12_pptx_text_boxes_are_elided(qapp, ds, tmp_path):
    out = tmp_path / "m.pptx"
    run(hostile(ds, HUGE_NAME), small(out, filter=Filter(bureau_id="kinki")))
    texts = pptx_texts(out)
    assert any("— Kinki regional" in text for text in texts), texts
    assert max(len(text) for text in texts) < 1000


# --- 13. control characters ------------------------------------------------------------------
CONTROL_TEXT = "Kin\x0bki\x01 \x1f\x7f\x85bureau\n"


def test_item13_control_characters_never_reach_the_svg(qapp, ds, tmp_path):
    hostile_ds = hostile(ds, CONTROL_TEXT)
    for out, title in ((tmp_path / "default.svg", None), (tmp_path / "given.svg", "a\x01\x0b")):
        write_vector(hostile_ds, small(out, filter=Filter(bureau_id="kinki"), title=title), out)
        texts = svg_texts(out)  # parses: the file is well-formed XML
        assert not [text for text in texts if CONTROLS.search(text)]
        assert any(text.startswith("Kin ki") for text in texts)


def test_item13_control_characters_never_reach_the_pptx(qapp, ds, tmp_path):
    out = tmp_path / "m.pptx"
    run(hostile(ds, CONTROL_TEXT), small(out, filter=Filter(bureau_id="kinki"),
                                         title="a\x01\x0bb"))
    texts = pptx_texts(out)
    assert not [text for text in texts if "_x00" in text or CONTROLS.search(text)], texts
    assert "a  b" in texts


def test_item13_a_control_character_title_from_the_command_line(tmp_path):
    out = tmp_path / "m.svg"
    done = run_cli(str(out), *SMALL, "--title", "a\x01")
    assert done.returncode == 0, done.stderr
    assert "a " in svg_texts(out)


# --- issue 23, low: bidirectional controls ------------------------------------------------
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_TEXT = "Kinki \u202eorehtlaes\u202c \u2067bureau\u2069 \u202abio\u202c"


def test_item23_low_bidi_overrides_never_reach_the_svg(qapp, ds, tmp_path):
    out = tmp_path / "m.svg"
    write_vector(hostile(ds, BIDI_TEXT), small(out, filter=Filter(bureau_id="kinki")), out)
    texts = svg_texts(out)
    assert not [text for text in texts if BIDI.search(text)], texts
    assert any("Kinki orehtlaes bureau bio" in text for text in texts)


def test_item23_low_bidi_overrides_never_reach_the_pptx(qapp, ds, tmp_path):
    out = tmp_path / "m.pptx"
    run(hostile(ds, BIDI_TEXT), small(out, filter=Filter(bureau_id="kinki"),
                                      title="\u202eevil\u202c title"))
    texts = pptx_texts(out)
    assert not [text for text in texts if BIDI.search(text)], texts
    assert "evil title" in texts


# --- 14. absurd sizes ------------------------------------------------------------------------
def test_item14_a_picture_over_100_megapixels_is_refused(ds):
    with pytest.raises(SpecError, match="100 megapixels"):
        check_spec(ExportSpec(Path("m.png"), size=parse_size("16384x16384"), scale=4), ds)
    with pytest.raises(SpecError, match="100 megapixels"):
        check_spec(ExportSpec(Path("m.pptx"), size=(10000, 10001)), ds)
    check_spec(ExportSpec(Path("m.png"), size=(5000, 5000), scale=2), ds)


def test_item14_the_command_line_refuses_it_and_says_the_limit(tmp_path):
    out = tmp_path / "m.png"
    done = run_cli(str(out), "--size", "16384x16384", "--scale", "4",
                   limits={resource.RLIMIT_AS: 4 * 1024 ** 3})  # old code must not eat RAM
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "100 megapixels" in lines[0], done.stderr
    assert not out.exists()
    usage = subprocess.run([*CLI, "--help"], capture_output=True, text=True, timeout=60)
    assert "100 megapixels" in " ".join(usage.stdout.split())
