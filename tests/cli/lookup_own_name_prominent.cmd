# exit 0
# ...unless the alternate-name place is far more prominent: Roma is Rome (Italy) first
t=$(mktemp -d); "$BIN" build --quiet --no-defaults --geonames "$DATA/ranking/places.txt" --admin1-codes "$DATA/ranking/admin1CodesASCII.txt" -o "$t/r.gzidx" && "$BIN" --index "$t/r.gzidx" lookup Roma; rc=$?; rm -rf "$t"; exit $rc
