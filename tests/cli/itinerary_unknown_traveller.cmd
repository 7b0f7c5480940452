# exit 2
# A traveller the article never names is a bad argument (usage), not a failed job.
printf 'Kim Jong Un left Pyongyang by armored train on Monday and arrived in Vladivostok on Tuesday.' | "$BIN" --index "$INDEX" itinerary - --traveller "Napoleon Bonaparte"
