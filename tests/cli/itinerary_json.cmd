# exit 0
printf 'Kim Jong Un left Pyongyang by armored train on Monday, Sept. 11, 2023, and crossed the border at Khasan on Tuesday, Sept. 12. On Wednesday, Sept. 13, he toured the Vostochny Cosmodrome, where he met officials. He last visited Vladivostok in 2019.' | "$BIN" --index "$INDEX" itinerary - --format json
