# exit 0
"$BIN" route "Suva=-18.1416,178.4419" "Taveuni=-16.8,-179.97"
