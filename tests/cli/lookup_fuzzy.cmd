# exit 0
# A typo-corrected match says so, with its edit distance
t=$(mktemp -d); "$BIN" build --quiet --no-defaults --geonames "$DATA/ranking/places.txt" --admin1-codes "$DATA/ranking/admin1CodesASCII.txt" -o "$t/r.gzidx" && "$BIN" --index "$t/r.gzidx" lookup Springfeld --format json --limit 1; rc=$?; rm -rf "$t"; exit $rc
