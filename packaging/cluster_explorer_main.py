"""Entry point of both frozen executables: the same command as the installed ``cluster-explorer``.

PyInstaller needs a script, not a console-script entry point; the windowed and the console
executable run this same file (packaging/cluster-explorer.spec).
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
