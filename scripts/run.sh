#!/usr/bin/env bash
# The main job on the embedded default data: set up, build the index, then find and resolve the
# places of the articles (the seed article from ../shared when it is there, else the project's
# own sample texts) and write them as GeoJSON layers under build/out/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${GAZETTEER_BUILD_DIR:-$here/build}
bash "$here/scripts/setup.sh"
gz="$build/bin/gazetteer"
out="$build/out"
mkdir -p "$out"
"$gz" info
articles=("$here"/data/samples/*.txt)
seed="$here/../shared/articles/kim-putin-vostochny-2023.txt"
[ -f "$seed" ] && articles=("$seed" "${articles[@]}")
if "$gz" geoparse --help >/dev/null 2>&1; then
  "$gz" geoparse "${articles[@]}" --format geojson -o "$out/places.geojson"
  "$gz" geoparse "${articles[@]}" --format jsonl > "$out/mentions.jsonl"
  echo "run: places layer $out/places.geojson, mentions $out/mentions.jsonl" >&2
fi
if "$gz" itinerary --help >/dev/null 2>&1 && [ -f "$seed" ]; then
  "$gz" itinerary "$seed" --format geojson -o "$out/itinerary.geojson"
  "$gz" itinerary "$seed" --format json
fi
for q in "Vostochny Cosmodrome" "Khasan@RU" "Komsomolsk-on-Amur" "Vladivostok" "Pyongyang"; do
  name=${q%@*}; cc=""; [[ "$q" == *@* ]] && cc="--country ${q#*@}"
  "$gz" lookup "$name" $cc --limit 1
done
