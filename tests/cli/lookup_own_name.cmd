# exit 0
# A place whose own name matches (Khasan, 776 people) beats one reached only through an alternate name (Hassan, India)
t=$(mktemp -d); "$BIN" build --quiet --no-defaults --geonames "$DATA/ranking/places.txt" --admin1-codes "$DATA/ranking/admin1CodesASCII.txt" -o "$t/r.gzidx" && "$BIN" --index "$t/r.gzidx" lookup Khasan; rc=$?; rm -rf "$t"; exit $rc
