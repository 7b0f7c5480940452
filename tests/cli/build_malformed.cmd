# exit 0
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; printf '1\tGood\tGood\t\t42.5\t130.5\tP\tPPL\tRU\t\t59\t\t\t\t10\t\t\t\t\n2\tBad\tBad\t\tnorth\t130.5\tP\tPPL\tRU\t\t59\t\t\t\t10\t\t\t\t\n' > "$t/dump.txt"; "$BIN" build --geonames "$t/dump.txt" -o "$t/x.gzidx" 2>&1 | sed -e "s|$t|TMP|g" -e "s| in [0-9.]* s| in N s|"
