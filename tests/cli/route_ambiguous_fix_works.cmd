# exit 0
# The fix route_ambiguous_fixes suggests resolves the stop
t=$(mktemp -d); "$BIN" build --quiet --no-defaults --geonames "$DATA/ranking/places.txt" --admin1-codes "$DATA/ranking/admin1CodesASCII.txt" -o "$t/r.gzidx" && "$BIN" --index "$t/r.gzidx" route "Springfield, Illinois" Paris --format csv -o "$t/route.csv" 2>/dev/null && cat "$t/route.csv"; rc=$?; rm -rf "$t"; exit $rc
