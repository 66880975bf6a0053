"""The display check every start of the window runs before Qt: it knows every library the xcb
platform plugin links, stops a start that lacks one with a single line naming the Debian
packages, and lets apt-get wait for the dpkg lock instead of failing."""

import struct
from pathlib import Path

import PySide6

from desktop.app import system_check
from desktop.cli import main

PLUGIN_FILES = ("plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6")
# What every program on Linux has: never missing on a desktop, never in the list.
BASE_LIBRARIES = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
                  "libpthread.so.0", "libdl.so.2", "librt.so.1", "ld-linux-x86-64.so.2"}
ABSENT = "libcluster-explorer-absent.so.0"  # a soname no machine has


def needed_libraries(path: Path) -> set[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (its direct dependencies)."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, path
    section_offset, = struct.unpack_from("<Q", data, 0x28)
    entry_size, count, names_index = struct.unpack_from("<HHH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, section_offset + index * entry_size)
                for index in range(count)]
    dynamic = next(section for section in sections if section[1] == 6)  # SHT_DYNAMIC
    strings = sections[dynamic[6]]  # sh_link: its string table
    needed = set()
    for at in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, at)
        if tag == 1:  # DT_NEEDED
            start = strings[4] + value
            needed.add(data[start:data.index(b"\0", start)].decode())
    return needed


def test_the_window_check_knows_every_system_library_the_xcb_plugin_links():
    qt = Path(PySide6.__file__).parent / "Qt"
    linked = set().union(*(needed_libraries(qt / name) for name in PLUGIN_FILES))
    system = {name for name in linked if not name.startswith("libQt6")} - BASE_LIBRARIES
    assert "libxcb-cursor.so.0" in system  # the one a fresh desktop most often lacks
    assert system - set(system_check.XCB_PLUGIN_LIBRARIES) == set()
    assert set(system_check.XCB_PLUGIN_LIBRARIES) <= set(system_check.LIBRARY_PACKAGES)


def test_libraries_are_tried_as_the_plugin_loads_them():
    assert system_check.unloadable_libraries(["libc.so.6", ABSENT]) == [ABSENT]


def test_the_xcb_plugin_is_expected_unless_another_platform_is_chosen(monkeypatch):
    monkeypatch.setattr(system_check, "_qt_platform_plugin_present", lambda stem: False)
    assert system_check.xcb_platform_expected({"DISPLAY": ":0"})
    assert system_check.xcb_platform_expected({"QT_QPA_PLATFORM": "xcb"})
    assert not system_check.xcb_platform_expected({"QT_QPA_PLATFORM": "offscreen"})
    assert not system_check.xcb_platform_expected({"QT_QPA_PLATFORM": "wayland;xcb"})
    # A Wayland session without the Wayland plugin (the frozen app) runs xcb on XWayland.
    assert system_check.xcb_platform_expected({"WAYLAND_DISPLAY": "wayland-0"})


def test_a_start_without_a_window_library_stops_before_qt_with_one_line_naming_the_package(
        monkeypatch, capsys):
    """``cluster-explorer`` started directly (not through ``make run``) on a desktop lacking a
    library: one line on stderr with the apt-get command, exit status 1, Qt never started."""
    monkeypatch.setattr(system_check, "XCB_PLUGIN_LIBRARIES",
                        (*system_check.XCB_PLUGIN_LIBRARIES, ABSENT))
    monkeypatch.setitem(system_check.LIBRARY_PACKAGES, ABSENT, "libcluster-explorer-absent0")
    monkeypatch.setattr(system_check, "_can_install", lambda: False)  # never apt in a test
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    import desktop.app.loader as loader

    monkeypatch.setattr(loader.DatasetLoader, "start", lambda self: (_ for _ in ()).throw(
        AssertionError("the start went on past the check")))
    assert main([]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert ABSENT in err[0]
    assert "sudo apt-get install libcluster-explorer-absent0" in err[0]


def test_apt_get_waits_for_the_dpkg_lock_instead_of_failing(monkeypatch):
    ran = []

    class Done:
        returncode = 0

    monkeypatch.setattr(system_check.subprocess, "run", lambda command, **_: ran.append(command)
                        or Done())
    assert system_check.install_packages(["libxcb-cursor0"]) == 0
    assert [command[:3] for command in ran] == [
        ["apt-get", "-o", f"DPkg::Lock::Timeout={system_check.APT_LOCK_TIMEOUT_S}"]] * 2
    assert ran[-1][3:] == ["install", "-y", "-qq", "libxcb-cursor0"]


def test_the_builds_missing_tools_are_named_with_their_debian_packages(monkeypatch, capsys):
    monkeypatch.setattr(system_check.shutil, "which",
                        lambda name, path=None: None if name in ("icupkg", "cc") else name)
    monkeypatch.setattr(system_check, "_can_install", lambda: False)  # never apt in a test
    assert system_check.missing_build_tools() == ["icupkg", "cc"]
    assert system_check.check_build_tools() == 1
    assert "apt-get install gcc icu-devtools" in capsys.readouterr().err


def test_the_builds_tools_are_found_in_sbin_where_debian_puts_icupkg():
    assert "/usr/sbin" in system_check.BUILD_TOOL_PATH.split(system_check.os.pathsep)
