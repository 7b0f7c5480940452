# exit 2
"$BIN" route 1,2 3,4 --format gpkg
