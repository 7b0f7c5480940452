# exit 1
printf 'Kim Jong Un left Pyongyang by armored train on Monday and reached Khasan on Tuesday.' | "$BIN" --index "$INDEX" itinerary - --format json >/dev/full
