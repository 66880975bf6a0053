#!/usr/bin/env bash
# Menu entry and icon for the current user on a Linux desktop (no root): the .desktop file in
# ~/.local/share/applications, the icon renders in the hicolor theme. With the frozen app,
# pass its folder so the entry starts that executable:
#   packaging/install-desktop-entry.sh [FROZEN_FOLDER]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
icons="$here/../resources/icons"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
[ -d "$icons" ] || icons="${1:?give the frozen folder}/_internal/cluster_explorer_resources/icons"
for png in "$icons"/cluster-explorer-*.png; do
	size="$(basename "$png" .png)"; size="${size##*-}"
	install -Dm644 "$png" "$data/icons/hicolor/${size}x${size}/apps/cluster-explorer.png"
done
install -Dm644 "$icons/cluster-explorer.svg" "$data/icons/hicolor/scalable/apps/cluster-explorer.svg"
entry="$data/applications/cluster-explorer.desktop"
install -Dm644 "$here/cluster-explorer.desktop" "$entry"
if [ $# -ge 1 ]; then
	sed -i "s|^Exec=cluster-explorer|Exec=$(cd "$1" && pwd)/cluster-explorer|" "$entry"
fi
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "installed $entry"
