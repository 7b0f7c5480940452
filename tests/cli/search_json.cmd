# exit 0
"$BIN" --index "$INDEX" search komso --format json --limit 1
