#!/usr/bin/env python3
"""Our own narratives (tests/data/itinerary/*.txt with their .json expectations) as a gold file in
the JSON Lines form of ../shared/eval/score_itinerary.py, so the project's narratives are scored
the same way as the shared development set, through the real geoparser:

  python3 bench/itinerary_narratives.py > /tmp/narratives.jsonl
  python3 ../shared/eval/score_itinerary.py /tmp/narratives.jsonl --tool build/bin/gazetteer

Stops are the expected stop names with the coordinates the .json lists for them; a report's date
is its "options.article_date" when it has one (else the dateline in the text anchors it)."""
import glob
import json
import os
import sys


def main():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "itinerary")
    for spec_path in sorted(glob.glob(os.path.join(here, "*.json"))):
        with open(spec_path, encoding="utf-8") as f:
            spec = json.load(f)
        with open(spec_path[:-5] + ".txt", encoding="utf-8") as f:
            text = f.read()
        places, expect = spec["places"], spec["expect"]
        dates = expect.get("stop_dates") or []
        stops = []
        for i, name in enumerate(expect["stops"]):
            p = places[name]
            stops.append([name, p["lat"], p["lon"], dates[i] if i < len(dates) else "", ""])
        rep = {"id": os.path.basename(spec_path)[:-5], "traveller": expect.get("traveller"), "text": text,
               "date": spec.get("options", {}).get("article_date", ""), "stops": stops,
               "not_stops": expect.get("absent", [])}
        sys.stdout.write(json.dumps(rep, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
