# exit 0
"$BIN" --index "$INDEX" lookup London --near 43,-81 --limit 1 --format geojson
