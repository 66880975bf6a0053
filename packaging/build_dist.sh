#!/usr/bin/env bash
# `make dist`: freeze the app into dist/cluster-explorer/ (packaging/cluster-explorer.spec) and
# pack it as dist/cluster-explorer-VERSION-PLATFORM.tar.gz; prints the build time and sizes.
# Usage: packaging/build_dist.sh PYTHON (the environment holding the app and PyInstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-.venv/bin/python}
started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath dist \
	--workpath build/pyinstaller packaging/cluster-explorer.spec
built=$(date +%s)
version=$("$PYTHON" -c "import desktop; print(desktop.__version__)")
platform=$("$PYTHON" -c "import sysconfig; print(sysconfig.get_platform())")
archive="dist/cluster-explorer-$version-$platform.tar.gz"
tar -C dist -czf "$archive" cluster-explorer
echo "built in $((built - started)) s, packed in $(($(date +%s) - built)) s"
echo "dist/cluster-explorer: $(du -sh dist/cluster-explorer | cut -f1); $archive: $(du -sh "$archive" | cut -f1)"
