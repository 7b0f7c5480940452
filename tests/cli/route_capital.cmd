# exit 0
# The capital city wins over the same-named prefecture around it, in every spelling the ambiguity message used to suggest
t=$(mktemp -d); "$BIN" build --quiet --no-defaults --geonames "$DATA/ranking/places.txt" --admin1-codes "$DATA/ranking/admin1CodesASCII.txt" -o "$t/r.gzidx" && "$BIN" --index "$t/r.gzidx" route Tokyo Paris "Tokyo, Tokyo" Paris Tokyo@JP --format csv -o "$t/route.csv" 2>/dev/null && cat "$t/route.csv"; rc=$?; rm -rf "$t"; exit $rc
