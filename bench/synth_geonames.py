#!/usr/bin/python3
"""Synthetic gazetteers in the GeoNames dump format, for the scale curve (bench/scale_curve.sh).

    synth_geonames.py PLACES OUT.txt [QUERIES.tsv] [--seed N]

Writes PLACES rows of the 19 tab-separated columns the GeoNames dump README describes
(geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code,
country code, cc2, admin1..admin4, population, elevation, dem, timezone, modification date).
The stream is deterministic for a seed, and the first N rows are the same whatever PLACES is, so
a small gazetteer is a prefix of a large one and one query set serves every size.

Shape, after GeoNames (cities500 and allCountries):
  * names: 1-3 words of 2-4 syllables, median 8 characters, 90th percentile 15 (cities500: 9
    and 17);
    shared words ("San", "Nova", "-upon-") make the many duplicate and near-duplicate names a
    real gazetteer has;
  * feature classes mixed roughly as in allCountries (populated places, water, terrain, spots, ...),
    population only for populated places and divisions, log-normal;
  * alternate names: none for about half the places, a long tail up to 40; mostly Latin
    variants (diacritics, ASCII, other-language forms), some Cyrillic, CJK and Arabic.
QUERIES.tsv (bench/queries.tsv format) gets 200 queries drawn from the first 200,000 places:
exact primary names, alternate names, one-edit typos of names of 7+ characters, and 5-character
prefixes, each with the place's coordinates.
"""

import random
import sys

SYLLABLES = ("ka ra to mi no sa ri ta na be lo ve de mar san tor vil ber gen sk burg ov ino"
             " al el an or ur ton ham ley ford wick dorf hau sen ka ya mo ru po ga ze lu ni"
             " stra chen kov grad pol mir sel ma la ko").split()
PREFIXES = ["San", "Santa", "Nova", "Novo", "Bad", "Saint", "Port", "Ciudad", "New", "Al", "Ban", "Kampung"]
SUFFIXES = ["upon-Tyne", "am Main", "de Abajo", "Kecil", "Nord", "Sur", "Mare", "Selo"]
CLASSES = [("P", ["PPL", "PPLA", "PPLX", "PPLL"], 0.40), ("H", ["STM", "LK", "RSV", "SPNG"], 0.20),
           ("T", ["MT", "HLL", "PASS", "VAL"], 0.15), ("S", ["SCH", "CH", "FRM", "HTL"], 0.10),
           ("L", ["AREA", "PRK", "LCTY"], 0.05), ("A", ["ADM2", "ADM3", "ADM4"], 0.05),
           ("V", ["FRST", "GRSLD"], 0.03), ("R", ["RD", "RR"], 0.02)]
COUNTRIES = ("US CN IN RU BR ID MX DE FR GB IT ES PL UA TR IR JP KR KP VN TH PH EG NG ZA KE AR CO PE"
             " CL CA AU SE NO FI DZ MA SA IQ PK BD AF KZ UZ MN NZ CU VE BO EC").split()
TIMEZONES = ["Europe/Berlin", "Asia/Tokyo", "America/New_York", "Africa/Nairobi", "Asia/Kolkata"]
LATIN_VARIANTS = str.maketrans({"a": "á", "e": "é", "o": "ö", "u": "ü", "i": "í", "s": "ş", "c": "č", "n": "ñ"})
CYRILLIC = dict(zip("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцы"))


def word(rng):
    w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
    return w.capitalize()


def place_name(rng):
    r = rng.random()
    if r < 0.70:
        return word(rng)
    if r < 0.85:
        return rng.choice(PREFIXES) + " " + word(rng)
    if r < 0.95:
        return word(rng) + " " + word(rng)
    return word(rng) + " " + rng.choice(SUFFIXES)


def alternates(rng, name):
    r = rng.random()
    n = 0 if r < 0.50 else rng.randint(1, 2) if r < 0.80 else rng.randint(3, 8) if r < 0.97 else rng.randint(10, 40)
    out = []
    for _ in range(n):
        s = rng.random()
        if s < 0.45:  # diacritic or spelling variant
            chars = list(name)
            for i in rng.sample(range(len(chars)), k=min(2, len(chars))):
                chars[i] = chars[i].translate(LATIN_VARIANTS)
            out.append("".join(chars))
        elif s < 0.65:  # another Latin-script form
            out.append(word(rng) if rng.random() < 0.5 else name + rng.choice(["a", "o", "en", "sk"]))
        elif s < 0.82:  # Cyrillic transliteration
            out.append("".join(CYRILLIC.get(ch, ch) for ch in name.lower()).capitalize())
        elif s < 0.93:  # CJK: 2-4 ideographs from the common block
            out.append("".join(chr(0x4E00 + rng.randrange(3500)) for _ in range(rng.randint(2, 4))))
        else:  # Arabic letters
            out.append("".join(chr(0x0621 + rng.randrange(26)) for _ in range(rng.randint(3, 8))))
    seen, uniq = {name}, []
    for a in out:  # commas separate alternate names in the dump
        a = a.replace(",", "")
        if a not in seen:
            seen.add(a)
            uniq.append(a)
    return uniq


def typo(rng, s):
    i = rng.randrange(1, len(s) - 1)
    if rng.random() < 0.5:
        return s[:i] + s[i + 1:]  # deletion
    return s[:i] + rng.choice("aeiouklmnrst") + s[i + 1:]  # substitution


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    places = int(float(argv[1]))
    out_path = argv[2]
    queries_path = argv[3] if len(argv) > 3 and not argv[3].startswith("--") else None
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 20231
    rng = random.Random(seed)
    qrng = random.Random(seed + 1)  # queries draw from their own stream: the places do not depend on them
    weights = [c[2] for c in CLASSES]
    queries = []
    query_every = max(1, min(places, 200_000) // 200)
    with open(out_path, "w", encoding="utf-8", buffering=1 << 20) as out:
        for i in range(places):
            name = place_name(rng)
            alts = alternates(rng, name)
            fclass, codes, _ = rng.choices(CLASSES, weights)[0]
            fcode = rng.choice(codes)
            lat = round(rng.uniform(-56, 72), 5)
            lon = round(rng.uniform(-180, 180), 5)
            pop = int(rng.lognormvariate(7, 2)) if fclass in "PA" else 0
            cc = rng.choice(COUNTRIES)
            out.write(f"{i + 1}\t{name}\t{name}\t{','.join(alts)}\t{lat}\t{lon}\t{fclass}\t{fcode}\t{cc}\t\t"
                      f"{rng.randint(1, 20):02d}\t\t\t\t{pop}\t\t{rng.randint(0, 3000)}\t{rng.choice(TIMEZONES)}\t2024-01-01\n")
            if queries_path and i < 200_000 and i % query_every == 0:
                kind = ("exact", "alternate", "typo", "prefix")[len(queries) % 4]
                if kind == "alternate" and not alts:
                    kind = "exact"
                if kind == "typo" and len(name) < 7:
                    kind = "exact"
                text = {"exact": name, "alternate": alts[0] if alts else name,
                        "typo": typo(qrng, name) if len(name) >= 7 else name, "prefix": name[:5]}[kind]
                queries.append(f"{text}\t{kind}\t{lat}\t{lon}\t\n")
    if queries_path:
        with open(queries_path, "w", encoding="utf-8") as q:
            q.write("# query\tkind\texpected_lat\texpected_lon\tcountry_filter (synthetic, synth_geonames.py)\n")
            q.writelines(queries)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
