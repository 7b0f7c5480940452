# exit 1
# An ambiguous stop suggests only fixes that work
t=$(mktemp -d); "$BIN" build --quiet --no-defaults --geonames "$DATA/ranking/places.txt" --admin1-codes "$DATA/ranking/admin1CodesASCII.txt" -o "$t/r.gzidx" && "$BIN" --index "$t/r.gzidx" route Springfield Paris; rc=$?; rm -rf "$t"; exit $rc
