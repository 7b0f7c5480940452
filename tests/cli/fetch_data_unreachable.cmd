# exit 1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; npm_config_registry=http://127.0.0.1:9/ npm_config_fetch_retries=0 bash "$GAZETTEER_SOURCE_DIR/scripts/fetch-data.sh" "$t/data"
