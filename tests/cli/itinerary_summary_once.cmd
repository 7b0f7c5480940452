# exit 0
set -o pipefail; printf 'Kim Jong Un left Pyongyang by armored train on Monday, Sept. 11, 2023, and crossed the border at Khasan on Tuesday, Sept. 12.' | "$BIN" --index "$INDEX" itinerary - --format geojson 2>&1 >/dev/null | grep -c '^itinerary:'
