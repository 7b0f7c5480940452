#!/usr/bin/env python3
"""Turns the annotated test texts of this folder (ru.txt, ko.txt: one article per line, places
written {surface|lat,lon}) into the two files ../shared/eval/score.py reads: ARTICLES.jsonl (id,
lang, text) and GOLD.txt (one line per article, toponyms 'name,,surface,,lat,,lon,,start,,end'
joined by '||', offsets in code points).

Usage: make_eval.py SOURCE.txt OUT_DIR   (writes OUT_DIR/articles.jsonl and OUT_DIR/gold.txt)
"""
import json
import os
import re
import sys

PLACE = re.compile(r"\{([^{}|]+)\|(-?[0-9.]+),(-?[0-9.]+)\}")


def convert(line):
    text, gold, pos = [], [], 0
    out_len = 0
    for m in PLACE.finditer(line):
        before = line[pos:m.start()]
        text.append(before)
        out_len += len(before)
        surface = m.group(1)
        gold.append(f"{surface},,{surface},,{float(m.group(2))},,{float(m.group(3))},,{out_len},,{out_len + len(surface)}")
        text.append(surface)
        out_len += len(surface)
        pos = m.end()
    text.append(line[pos:])
    plain = "".join(text)
    if "{" in plain or "}" in plain:
        raise ValueError(f"unbalanced or malformed place markup in: {line[:60]}")
    return plain, gold


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    lang = os.path.splitext(os.path.basename(src))[0]
    os.makedirs(out, exist_ok=True)
    arts, golds = [], []
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            try:
                text, gold = convert(line)
            except ValueError as e:
                sys.exit(f"{src}:{n}: {e}")
            arts.append({"id": f"{lang}-{len(arts)}", "lang": lang, "text": text})
            golds.append("||".join(gold))
    for name, rows in (("articles.jsonl", [json.dumps(a, ensure_ascii=False) for a in arts]), ("gold.txt", golds)):
        tmp = os.path.join(out, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
        os.replace(tmp, os.path.join(out, name))


if __name__ == "__main__":
    main()
