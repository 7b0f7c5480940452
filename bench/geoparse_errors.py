#!/usr/bin/env python3
"""Where a geoparser's F1@161 goes: the errors of one prediction file against a gold file, by kind.

Usage: bench/geoparse_errors.py GOLD.txt ARTICLES.jsonl PREDICTIONS.jsonl [--list]

Reads the same files as ../shared/eval/score.py and matches mentions by its rule (same lower-cased
surface, offset midpoints less than 10 code points apart). Prints:
  - found but placed 161 km or more from the gold point, split by the feature code of the place
    chosen: areas (countries, first-level divisions, continents, regions, seas, oceans, rivers),
    whose point is a convention of the gazetteer, and everything else, where the wrong place was
    chosen;
  - found but not resolved; missed (gold mentions no prediction matches); spurious predictions;
  - F1@161 as scored, and what it would be if every area placed beyond 161 km sat at the gold's
    point (the ceiling that better area points alone could reach).
With --list, one line per error. Nothing is written; the gold is read where it lies.
"""
import json
import math
import sys

AREA_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "ADM1", "CONT", "RGN", "SEA",
              "OCN", "STM", "GULF", "BAY", "STRT", "LK", "MTS", "DSRT", "PEN", "ISLS"}


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def read_gold(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    gold = []
    for n, line in enumerate(lines, 1):
        items = []
        for t in line.split("||"):
            f = t.split(",,")
            if len(f) < 6 or not f[2] or not f[3] or f[2].lower() == "null":
                continue
            try:
                items.append({"surface": f[1], "lat": float(f[2]), "lon": float(f[3]),
                              "start": int(f[4]), "end": int(f[5])})
            except ValueError as e:
                sys.exit(f"{path}:{n}: bad toponym field ({e})")
        gold.append(items)
    return gold


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    listing = "--list" in argv
    gold = read_gold(args[0])
    ids = [str(json.loads(l)["id"]) for l in open(args[1], encoding="utf-8") if l.strip()]
    if len(ids) != len(gold):
        print(f"{args[1]}: {len(ids)} articles but {len(gold)} gold lines in {args[0]}", file=sys.stderr)
        return 2
    preds = {}
    for n, l in enumerate(open(args[2], encoding="utf-8"), 1):
        if l.strip():
            try:
                o = json.loads(l)
            except json.JSONDecodeError as e:
                print(f"{args[2]}:{n}: not JSON ({e})", file=sys.stderr)
                return 2
            preds[str(o.get("id"))] = list(o.get("mentions") or [])
    counts = {"area_far": 0, "other_far": 0, "unresolved": 0, "missed": 0, "spurious": 0, "tp161": 0}
    predicted = gold_total = 0
    for aid, g in zip(ids, gold):
        pm = preds.get(aid, [])
        predicted += len(pm)
        gold_total += len(g)
        for gt in g:
            mid = (gt["start"] + gt["end"]) / 2
            hit = next((p for p in pm if abs(mid - (int(p["start"]) + int(p["end"])) / 2) < 10
                        and str(p.get("text", "")).lower() == gt["surface"].lower()), None)
            if hit is None:
                counts["missed"] += 1
                if listing:
                    print(f"missed      {aid}: {gt['surface']}")
                continue
            pm.remove(hit)
            if hit.get("lat") is None or hit.get("lon") is None:
                counts["unresolved"] += 1
                if listing:
                    print(f"unresolved  {aid}: {gt['surface']}")
                continue
            km = haversine(float(hit["lat"]), float(hit["lon"]), gt["lat"], gt["lon"])
            if km < 161:
                counts["tp161"] += 1
                continue
            kind = "area_far" if hit.get("feature_code") in AREA_CODES else "other_far"
            counts[kind] += 1
            if listing:
                print(f"{kind:<11} {aid}: {gt['surface']} -> {hit.get('name')} {hit.get('feature_code')} {km:.0f} km")
        counts["spurious"] += len(pm)
        if listing:
            for p in pm:
                print(f"spurious    {aid}: {p.get('text')} -> {p.get('name')}")
    total = predicted + gold_total
    f1 = 2 * counts["tp161"] / total if total else 0.0
    ceiling = 2 * (counts["tp161"] + counts["area_far"]) / total if total else 0.0
    print(f"gold {gold_total}, predicted {predicted}, within 161 km {counts['tp161']}")
    print(f"placed >=161 km off: areas {counts['area_far']}, other places {counts['other_far']}; "
          f"unresolved {counts['unresolved']}; missed {counts['missed']}; spurious {counts['spurious']}")
    print(f"F1@161 {f1:.3f}; with every area at the gold's point {ceiling:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
