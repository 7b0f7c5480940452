#!/usr/bin/env bash
# Installs the QGIS plugin zip (build/plugin/article_gazetteer-<version>.zip, target plugin_zip)
# into a QGIS profile: unzips it into <profile>/python/plugins/, replacing an older copy.
#   scripts/install-plugin.sh ZIP [PROFILE_DIR]
# PROFILE_DIR defaults to ~/.local/share/QGIS/QGIS3/profiles/default. Enable the plugin in
# Plugins > Manage and Install Plugins afterwards (or restart QGIS).
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 ZIP [PROFILE_DIR]" >&2
  exit 2
fi
zip=$1
profile=${2:-$HOME/.local/share/QGIS/QGIS3/profiles/default}
if [ ! -f "$zip" ]; then
  echo "install-plugin: $zip: no such file (build it: cmake --build build --target plugin_zip)" >&2
  exit 1
fi
plugins="$profile/python/plugins"
mkdir -p "$plugins"
# Unpack beside the target and swap, so an interrupted install never leaves half a plugin.
staging=$(mktemp -d "$plugins/.install-XXXXXX")
trap 'rm -rf "$staging"' EXIT
if command -v unzip >/dev/null 2>&1; then
  unzip -q "$zip" -d "$staging"
else
  python3 -m zipfile -e "$zip" "$staging"
fi
shopt -s nullglob
packages=("$staging"/*/)
if [ ${#packages[@]} -eq 0 ]; then
  echo "install-plugin: $zip holds no plugin folder" >&2
  exit 1
fi
for package in "${packages[@]}"; do
  name=$(basename "$package")
  if [ ! -f "$package/metadata.txt" ]; then
    echo "install-plugin: $zip: $name has no metadata.txt, not a QGIS plugin" >&2
    exit 1
  fi
  rm -rf "${plugins:?}/$name"
  mv "$package" "$plugins/$name"
  echo "installed $name into $plugins"
done
