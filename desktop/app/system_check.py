"""Check that the shared libraries the Qt wheels need are on this machine.

The PySide6 wheels bring Qt itself but rely on a few system libraries (OpenGL, fontconfig,
xkbcommon, NSS for the web engine, …). When one is missing Python only says "cannot open
shared object file"; this check names the library and the Debian package that provides it.
Run as ``python -m desktop.app.system_check`` (``make test`` does); as root on Debian it installs
what is missing, elsewhere it prints the command to run.

``--gui`` (``make run`` does) also checks what the window needs on a desktop: the libraries
the xcb platform plugin links (libxcb-cursor0, libxcb-icccm4, … which the wheels do not bring
and which a machine without a desktop lacks: Qt then only says "no Qt platform plugin could be
initialized"), and, with a display, that Qt really starts on it.

Every start of the window (``cluster-explorer`` from a checkout, an installed wheel or the frozen
app) runs ``check_window_start`` before Qt starts: when the xcb platform plugin will be used and
one of the libraries it links is missing, the start stops with one message on stderr naming the
Debian packages (as root, it installs them and goes on), instead of Qt aborting with "Could not
load the Qt platform plugin xcb". It tries to load each library as the plugin would (a couple of
milliseconds on a usual start: the window loads them all anyway).

apt-get waits for the dpkg lock another apt holds (an unattended upgrade, a software centre) for
up to ``APT_LOCK_TIMEOUT_S`` instead of failing at once with "Could not get lock".

``--test-server`` (``make test`` does) also checks for the PostgreSQL server with PostGIS the
database tests start as a throwaway cluster (Debian's postgresql-15-postgis-3), installing it as
root in the same way.

``--build-tools`` (``make dist`` and ``make test`` do) checks for what the frozen app's build
runs beside PyInstaller: ICU's tools and a C compiler, which rebuild Qt's ICU data with the
app's locales only (packaging/icu_data.py), and binutils' ``strip`` and ``readelf``; as root it
installs them (Debian's icu-devtools, gcc, binutils).
"""

import argparse
import ctypes
import glob
import importlib.util
import os
import re
import shutil
import subprocess
import sys

# Shared library → Debian package, for what the Qt and QtWebEngine wheels load.
LIBRARY_PACKAGES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libnspr4.so": "libnspr4",
    "libasound.so.2": "libasound2",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libXcomposite.so.1": "libxcomposite1",
    "libXdamage.so.1": "libxdamage1",
    "libXrandr.so.2": "libxrandr2",
    "libXfixes.so.3": "libxfixes3",
    "libXext.so.6": "libxext6",
    "libXtst.so.6": "libxtst6",
    "libXi.so.6": "libxi6",
    "libxshmfence.so.1": "libxshmfence1",
    "libgbm.so.1": "libgbm1",
    "libdrm.so.2": "libdrm2",
    "libexpat.so.1": "libexpat1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libkrb5.so.3": "libkrb5-3",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    # the xcb platform plugin (a window on an X11 or XWayland display)
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-util.so.1": "libxcb-util1",
    "libXrender.so.1": "libxrender1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}
# What the xcb platform plugin (libqxcb.so and the libQt6XcbQpa it loads) and Qt's GUI libraries
# link from the system, beyond what any program has (libc, libstdc++);
# tests/desktop/test_system_check.py reads the plugin's ELF dependencies to keep this list whole.
XCB_PLUGIN_LIBRARIES = (
    "libxcb.so.1", "libX11.so.6", "libX11-xcb.so.1", "libxkbcommon.so.0",
    "libxkbcommon-x11.so.0", "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-util.so.1",
    "libxcb-image.so.0", "libxcb-keysyms.so.1", "libxcb-randr.so.0", "libxcb-render.so.0",
    "libxcb-render-util.so.0", "libxcb-shape.so.0", "libxcb-shm.so.0", "libxcb-sync.so.1",
    "libxcb-xfixes.so.0", "libxcb-xkb.so.1", "libGL.so.1", "libglib-2.0.so.0",
    "libgthread-2.0.so.0", "libfontconfig.so.1", "libfreetype.so.6", "libdbus-1.so.3",
)
APT_LOCK_TIMEOUT_S = 300
"""How long apt-get waits for the dpkg lock another apt holds before it gives up."""
MISSING = re.compile(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file")
QT_MODULES = ("PySide6.QtWidgets", "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel")
NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)
# The plugins a window on X11 loads (Wayland sessions use them too, through XWayland).
GUI_PLUGINS = ("platforms/libqxcb.so", "xcbglintegrations/libqxcb-glx-integration.so",
               "xcbglintegrations/libqxcb-egl-integration.so")
START_QT = "from PySide6.QtWidgets import QApplication; QApplication([])"
# The database tests' server: PostgreSQL with PostGIS, started by the tests themselves.
TEST_SERVER_PACKAGE = "postgresql-15-postgis-3"
SERVER_TOOLS = ("initdb", "pg_ctl", "postgres")
# The frozen app's build tools → Debian package (icupkg and genccode live in /usr/sbin).
BUILD_TOOLS = {"icupkg": "icu-devtools", "genccode": "icu-devtools", "cc": "gcc",
               "readelf": "binutils", "strip": "binutils", "objcopy": "binutils"}
BUILD_TOOL_PATH = os.pathsep.join((os.environ.get("PATH", os.defpath), "/usr/sbin",
                                   "/usr/local/sbin"))


def missing_library() -> str | None:
    """The first shared library a Qt module cannot load, or None when all import."""
    probe = "import " + ", ".join(QT_MODULES)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if done.returncode == 0:
        return None
    found = MISSING.search(done.stderr)
    if found:
        return found.group(1)
    raise RuntimeError(f"Qt does not import: {done.stderr.strip().splitlines()[-1]}")


def _can_install() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def apt_get(*args: str) -> int:
    """apt-get, waiting up to APT_LOCK_TIMEOUT_S for the dpkg lock instead of failing at once
    with "Could not get lock" while another apt runs; its exit status."""
    command = ["apt-get", "-o", f"DPkg::Lock::Timeout={APT_LOCK_TIMEOUT_S}", *args]
    return subprocess.run(command, check=False).returncode


def install_packages(packages: list[str]) -> int:
    """``apt-get install`` of ``packages`` after refreshing the package lists; its status."""
    apt_get("update", "-qq")
    return apt_get("install", "-y", "-qq", *packages)


def packages_of(libraries: list[str]) -> list[str]:
    return sorted({LIBRARY_PACKAGES[name] for name in libraries if name in LIBRARY_PACKAGES})


def xcb_platform_expected(environ=os.environ) -> bool:
    """Whether Qt will open the window with its xcb platform plugin (X11, or XWayland where
    the Wayland plugin is absent, as in the frozen app)."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    return not (environ.get("WAYLAND_DISPLAY") and _qt_platform_plugin_present("libqwayland"))


def _qt_platform_plugin_present(stem: str) -> bool:
    spec = importlib.util.find_spec("PySide6")
    folders = spec.submodule_search_locations if spec else None
    return bool(folders) and any(
        glob.glob(os.path.join(folder, "Qt", "plugins", "platforms", f"{stem}*"))
        for folder in folders)


def unloadable_libraries(names: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """The libraries of ``names`` (the xcb plugin's by default) that the dynamic loader cannot
    load, tried as the plugin would load them (by their soname)."""
    missing = []
    for name in XCB_PLUGIN_LIBRARIES if names is None else names:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def check_window_start(environ=os.environ) -> int:
    """Run before QApplication on every start of the window: 0 to go on; 1 after one line on
    stderr naming the Debian packages of the missing libraries (as root, they are installed
    first and the window goes on when that worked)."""
    if not xcb_platform_expected(environ):
        return 0
    missing = unloadable_libraries()
    if not missing:
        return 0
    from desktop.common.i18n import translate  # only now: Qt's translator costs a start

    packages = " ".join(packages_of(missing))
    if packages and _can_install():
        print("cluster-explorer: " + translate("CLI", "installing {packages} for the window")
              .format(packages=packages), file=sys.stderr)
        if install_packages(packages.split()) == 0 and not unloadable_libraries(missing):
            return 0
    print("cluster-explorer: " + translate(
        "CLI", "the window cannot open: this system lacks {libraries}; install them with: "
        "sudo apt-get install {packages}").format(libraries=" ".join(missing),
                                                  packages=packages), file=sys.stderr)
    return 1


def missing_gui_libraries() -> list[str]:
    """The libraries the window's platform plugins link but this machine lacks (by ldd, so
    no display is needed to know)."""
    find = ("from PySide6.QtCore import QLibraryInfo; "
            "print(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))")
    plugins = subprocess.run([sys.executable, "-c", find], capture_output=True, text=True,
                             check=True).stdout.strip()
    missing: list[str] = []
    for relative in GUI_PLUGINS:
        plugin = os.path.join(plugins, relative)
        if os.path.exists(plugin) and shutil.which("ldd"):
            listed = subprocess.run(["ldd", plugin], capture_output=True, text=True).stdout
            missing += [name for name in NOT_FOUND.findall(listed) if name not in missing]
    return missing


def qt_start_failure() -> str | None:
    """Why Qt cannot open a window on this display (None when it can), with the plugin
    loader's own account (QT_DEBUG_PLUGINS) of a library it could not load."""
    env = dict(os.environ, QT_DEBUG_PLUGINS="1")
    done = subprocess.run([sys.executable, "-c", START_QT], capture_output=True, text=True,
                          env=env, timeout=60)
    if done.returncode == 0:
        return None
    found = MISSING.search(done.stderr)
    if found:
        return found.group(1)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return "\n".join(lines[-3:]) or f"exit status {done.returncode}"


def install_or_name(libraries: list[str]) -> int:
    """Install the Debian packages of ``libraries`` as root, else name them; 0 when done."""
    packages = packages_of(libraries)
    unknown = [name for name in libraries if name not in LIBRARY_PACKAGES]
    if unknown:
        print("the window needs these system libraries; install the packages that provide "
              "them (apt-file search NAME): " + " ".join(unknown), file=sys.stderr)
    if packages and _can_install() and not unknown:
        print(f"installing {' '.join(packages)} for the window")
        return install_packages(packages)
    if packages:
        print("the window needs: sudo apt-get install " + " ".join(packages), file=sys.stderr)
    return 1


def check_gui() -> int:
    """What a window needs beyond the Qt imports; 0 when it can open."""
    missing = missing_gui_libraries()
    if missing and install_or_name(missing) != 0:
        return 1
    if missing and missing_gui_libraries():
        print("still missing after installing: " + " ".join(missing_gui_libraries()),
              file=sys.stderr)
        return 1
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux"):
        print("no display: DISPLAY and WAYLAND_DISPLAY are unset (run the window on a desktop, "
              "or use `cluster-explorer export` for maps without one)", file=sys.stderr)
        return 1
    failure = qt_start_failure()
    if failure is None:
        return 0
    if failure in LIBRARY_PACKAGES:
        return install_or_name([failure])
    print(f"Qt cannot open a window here:\n{failure}", file=sys.stderr)
    return 1


def postgres_bin_dir() -> str | None:
    """The folder of initdb, pg_ctl and postgres: pg_config's, else the newest Debian one.

    Never the ``pg_ctl`` on PATH: a machine may have an unrelated one (or Debian's wrapper).
    """
    candidates: list[str] = []
    if shutil.which("pg_config"):
        done = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip():
            candidates.append(done.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda folder: _version(os.path.basename(os.path.dirname(folder))),
                         reverse=True)
    for folder in candidates:
        if all(os.path.isfile(os.path.join(folder, tool)) for tool in SERVER_TOOLS):
            return folder
    return None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def has_postgis(bin_dir: str) -> bool:
    """Whether the server in ``bin_dir`` has the PostGIS extension (its control file) beside it."""
    done = subprocess.run([os.path.join(bin_dir, "postgres"), "--version"],
                          capture_output=True, text=True)
    major = done.stdout.split()[-1].split(".")[0] if done.returncode == 0 and done.stdout else ""
    shares = [f"/usr/share/postgresql/{major}"]
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--sharedir"], capture_output=True, text=True)
        shares.append(found.stdout.strip())
    return any(share and os.path.isfile(os.path.join(share, "extension", "postgis.control"))
               for share in shares)


def check_test_server() -> int:
    """The PostgreSQL server with PostGIS the database tests start; installed as root."""
    bin_dir = postgres_bin_dir()
    if bin_dir is not None and has_postgis(bin_dir):
        return 0
    if not _can_install():
        print("the database tests need PostgreSQL with PostGIS: sudo apt-get install "
              f"{TEST_SERVER_PACKAGE}", file=sys.stderr)
        return 1
    print(f"installing {TEST_SERVER_PACKAGE} for the database tests")
    status = install_packages([TEST_SERVER_PACKAGE])
    bin_dir = postgres_bin_dir()
    if status != 0 or bin_dir is None or not has_postgis(bin_dir):
        print(f"could not install {TEST_SERVER_PACKAGE}: the database tests need PostgreSQL "
              "with PostGIS", file=sys.stderr)
        return 1
    return 0


def missing_build_tools() -> list[str]:
    return [name for name in BUILD_TOOLS if shutil.which(name, path=BUILD_TOOL_PATH) is None]


def check_build_tools() -> int:
    """ICU's tools, a C compiler and binutils for ``make dist``; installed as root."""
    missing = missing_build_tools()
    if not missing:
        return 0
    packages = sorted({BUILD_TOOLS[name] for name in missing})
    if not _can_install():
        print(f"the frozen app's build needs {', '.join(missing)}: sudo apt-get install "
              + " ".join(packages), file=sys.stderr)
        return 1
    print(f"installing {' '.join(packages)} for the frozen app's build")
    status = install_packages(packages)
    if status != 0 or missing_build_tools():
        print(f"could not install {' '.join(packages)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the system libraries Qt needs.")
    parser.add_argument("--gui", action="store_true",
                        help="also check what a window needs (platform plugin, display)")
    parser.add_argument("--test-server", action="store_true",
                        help=f"also check for the database tests' server ({TEST_SERVER_PACKAGE})")
    parser.add_argument("--build-tools", action="store_true",
                        help="also check for the frozen app's build tools (ICU's, a compiler)")
    args = parser.parse_args(argv)
    code = check_imports()
    if code == 0 and args.gui:
        code = check_gui()
    if code == 0 and args.test_server:
        code = check_test_server()
    if code == 0 and args.build_tools:
        code = check_build_tools()
    return code


def check_imports() -> int:
    """Import the Qt modules until they do, installing (as root) or naming what is missing."""
    installed: set[str] = set()
    while (library := missing_library()) is not None:
        package = LIBRARY_PACKAGES.get(library)
        if package is None:
            print(f"Qt needs the system library {library}; install the package that provides "
                  "it (apt-file search " + library + ")", file=sys.stderr)
            return 1
        if not _can_install() or package in installed:
            print(f"Qt needs the system library {library}: apt-get install {package}",
                  file=sys.stderr)
            return 1
        print(f"installing {package} for {library}")
        install_packages([package])
        installed.add(package)
    return 0


if __name__ == "__main__":
    sys.exit(main())
