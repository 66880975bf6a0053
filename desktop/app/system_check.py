"""Check that the shared libraries the Qt wheels need are on this machine.

The PySide6 wheels bring Qt itself but rely on a few system libraries (OpenGL, fontconfig,
xkbcommon, NSS for the web engine, …). When one is missing Python only says "cannot open
shared object file"; this check names the library and the Debian package that provides it.
Run as ``python -m desktop.app.system_check`` (``make test`` does); as root on Debian it installs
what is missing, elsewhere it prints the command to run.
"""

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
}
MISSING = re.compile(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file")
QT_MODULES = ("PySide6.QtWidgets", "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel")


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


def main() -> int:
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
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False)
        installed.add(package)
    return 0


if __name__ == "__main__":
    sys.exit(main())
