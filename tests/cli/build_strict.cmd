# exit 1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; printf '1\tGood\tGood\t\t42.5\t130.5\tP\tPPL\tRU\t\t59\t\t\t\t10\t\t\t\t\n2\tBad\tBad\t\tnorth\t130.5\tP\tPPL\tRU\t\t59\t\t\t\t10\t\t\t\t\n' > "$t/dump.txt"; "$BIN" build --strict --geonames "$t/dump.txt" -o "$t/x.gzidx"; s=$?; test ! -e "$t/x.gzidx" || echo "index written despite error"; exit $s
