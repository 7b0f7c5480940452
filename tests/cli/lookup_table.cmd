# exit 0
"$BIN" --index "$INDEX" lookup Moscow --limit 3
