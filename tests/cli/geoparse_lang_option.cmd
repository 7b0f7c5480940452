# exit 2
"$BIN" --index "$INDEX" geoparse --lang fr -
