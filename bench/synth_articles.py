#!/usr/bin/python3
"""Synthetic news-style articles as JSON Lines, for the bulk tests and benchmarks.

Each article mixes paragraphs of the project's own sample texts (data/samples/*.txt) with
sentences made from templates and a list of well-known places, so that articles differ in length
and in the places they mention. Seeded: the same arguments give the same file.

    bench/synth_articles.py N OUT.jsonl [--seed S] [--prefix ID_PREFIX]
"""

import argparse
import glob
import json
import os
import random

PLACES = ["Paris", "Berlin", "Madrid", "Lisbon", "Rome", "Vienna", "Warsaw", "Prague", "Budapest", "Athens",
          "Cairo", "Nairobi", "Lagos", "Accra", "Dakar", "Johannesburg", "Addis Ababa", "Khartoum", "Tunis",
          "Moscow", "Kyiv", "Minsk", "Tbilisi", "Yerevan", "Baku", "Tehran", "Baghdad", "Damascus", "Beirut",
          "Amman", "Riyadh", "Doha", "Dubai", "Karachi", "Lahore", "Delhi", "Mumbai", "Dhaka", "Kathmandu",
          "Colombo", "Bangkok", "Hanoi", "Manila", "Jakarta", "Singapore", "Kuala Lumpur", "Seoul", "Tokyo",
          "Osaka", "Beijing", "Shanghai", "Sydney", "Melbourne", "Auckland", "Honolulu", "Anchorage",
          "Vancouver", "Toronto", "Chicago", "Boston", "Houston", "Mexico City", "Bogota", "Lima", "Quito",
          "Santiago", "Buenos Aires", "Montevideo", "Havana", "Caracas", "Oslo", "Stockholm", "Helsinki",
          "Copenhagen", "Dublin", "Edinburgh", "Brussels", "Amsterdam", "Geneva", "Zurich"]
COUNTRIES = ["France", "Germany", "Spain", "Italy", "Poland", "Egypt", "Kenya", "Nigeria", "Russia", "Ukraine",
             "Iran", "Iraq", "Syria", "Pakistan", "India", "Japan", "China", "Australia", "Canada", "Mexico",
             "Brazil", "Argentina", "Peru", "Chile", "Norway", "Sweden", "Ireland", "Belgium", "Switzerland"]
TEMPLATES = [
    "Officials in {a} said talks with delegates from {b} would resume next week.",
    "The minister flew from {a} to {b} on {day}, aides said.",
    "Flooding near {a} forced thousands to leave their homes, according to local authorities in {c}.",
    "Prices rose sharply in {a} after shipments from {c} were delayed.",
    "A train carrying aid left {a} for {b} early on {day}.",
    "Protesters gathered outside the embassy of {c} in {a}.",
    "The company, based in {a}, plans to open an office in {b}.",
    "Researchers from {a} and {b} published the study on {day}.",
    "{c} and {d} signed a trade agreement in {a}.",
    "Storms closed the airport in {a}, stranding travellers bound for {b}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sample_paragraphs():
    here = os.path.dirname(os.path.abspath(__file__))
    paras = []
    for path in sorted(glob.glob(os.path.join(here, "..", "data", "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            paras += [p.strip() for p in f.read().split("\n\n") if len(p.strip()) > 80]
    return paras


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--prefix", default="synth")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    paras = sample_paragraphs()
    with open(a.out, "w", encoding="utf-8") as out:
        for i in range(a.count):
            sentences = []
            for _ in range(rng.randint(3, 9)):
                t = rng.choice(TEMPLATES)
                a_, b_ = rng.sample(PLACES, 2)
                c_, d_ = rng.sample(COUNTRIES, 2)
                sentences.append(t.format(a=a_, b=b_, c=c_, d=d_, day=rng.choice(DAYS)))
            body = " ".join(sentences)
            if paras and rng.random() < 0.5:
                body += "\n\n" + rng.choice(paras)
            title = sentences[0].split(",")[0]
            rec = {"id": f"{a.prefix}-{i:06d}", "title": title, "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                   "text": body}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
