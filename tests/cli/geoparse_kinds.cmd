# exit 0
# --kinds keeps only the named kinds: the metonymy ("Moscow said") and the demonym ("Russian")
# leave the mentions and the places; "Officials in Seoul said" is the city itself (literal).
set -o pipefail; printf 'Moscow said the delegation would fly from Vladivostok. Russian officials in Seoul said nothing.' | "$BIN" --index "$INDEX" geoparse -q --kinds literal - | python3 -c 'import json, sys; r = json.load(sys.stdin); print([(m["text"], m["kind"]) for m in r["mentions"]], [p["name"] for p in r["places"]])'
