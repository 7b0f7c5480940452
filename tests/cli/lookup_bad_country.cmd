# exit 2
"$BIN" --index "$INDEX" lookup Moscow --country Russia
