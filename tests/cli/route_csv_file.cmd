# exit 0
d=$(mktemp -d); "$BIN" --quiet route "A=10,20" "B=10.5,20.5" --modes ship -o "$d/trip.csv" && cat "$d/trip.csv" "$d/trip.legs.csv" "$d/trip.route.csv"; s=$?; rm -rf "$d"; exit $s
