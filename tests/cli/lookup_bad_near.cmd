# exit 2
"$BIN" --index "$INDEX" lookup Moscow --near 55
