#!/usr/bin/env bash
# `make dist`: freeze the app into dist/cluster-explorer/ (packaging/cluster-explorer.spec) and
# pack it as dist/cluster-explorer-VERSION-PLATFORM.tar.xz; prints the build time and sizes.
# Usage: packaging/build_dist.sh PYTHON (the environment holding the app and PyInstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-.venv/bin/python}
started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath dist \
	--workpath build/pyinstaller packaging/cluster-explorer.spec
# Off Windows the console executable is the windowed one (the spec builds only that).
if [ ! -e dist/cluster-explorer/cluster-explorer-cli ]; then
	ln -s cluster-explorer dist/cluster-explorer/cluster-explorer-cli
fi
# Qt's ICU data with the app's locales only (packaging/icu_data.py: 32 MB → 14).
icu_data=$(ls dist/cluster-explorer/_internal/PySide6/Qt/lib/libicudata.so.* 2> /dev/null || true)
if [ -n "$icu_data" ]; then
	"$PYTHON" packaging/icu_data.py "$icu_data"
fi
# The libraries' symbol tables (about 60 MB, the interpreter's and the wheels'), stripped where
# the stripped copy stays loadable (packaging/strip_libraries.py says which do not).
if command -v strip > /dev/null && [ "$(uname)" = Linux ]; then
	"$PYTHON" packaging/strip_libraries.py dist/cluster-explorer/_internal
fi
built=$(date +%s)
version=$("$PYTHON" -c "import desktop; print(desktop.__version__)")
platform=$("$PYTHON" -c "import sysconfig; print(sysconfig.get_platform())")
archive="dist/cluster-explorer-$version-$platform.tar.xz"
rm -f dist/cluster-explorer-*.tar.gz dist/cluster-explorer-*.tar.xz
# xz packs the libraries a third smaller than gzip; every Linux desktop unpacks it (tar xf).
tar -C dist -cf - cluster-explorer | xz -T0 -6 > "$archive"
echo "built in $((built - started)) s, packed in $(($(date +%s) - built)) s"
echo "dist/cluster-explorer: $(du -sh dist/cluster-explorer | cut -f1); $archive: $(du -sh "$archive" | cut -f1)"
