# exit 0
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; true & dead=$!; wait $dead; touch "$t/.out.jsonl.tmp-$dead" "$t/.other.csv.tmp-$$"; mkdir "$t/.gazetteer-write-$dead-Ab12Cd"; touch "$t/.gazetteer-write-$dead-Ab12Cd/route.gpkg"; printf 'Officials met in Vladivostok.' | "$BIN" --index "$INDEX" geoparse -q - -o "$t/out.jsonl"; ls -A "$t" | sed "s/-$$\$/-LIVEPID/"
