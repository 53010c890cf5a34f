#!/usr/bin/env python3
"""Place names only: scores `informant extract --input jsonl` output against a gold JSONL with
../shared/tools/score.py --types Location, keeping gold Location mentions of kind `name` (and
MEANTIME's `pre.nam`; gold without a `kind` counts as names: ner-open, re3d, GUM's names) and
predicted Location mentions of kind `name`. With --errors, lists the predicted names that overlap
no gold Location (false positives) and the gold names no prediction overlaps (misses), counted by
text, for looking at errors in bulk (development data: docs/geo.md).

Gold and predicted documents are matched by their text (the CLI keeps each input line's text).

  ./target/release/informant extract --input jsonl GOLD.jsonl > PRED.jsonl
  python3 bench/score-places.py GOLD.jsonl PRED.jsonl [--errors N] [--scorer PATH]
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

KINDS = {None, "", "name", "pre.nam"}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--errors", type=int, default=0, help="list the N commonest errors of each kind")
    ap.add_argument("--scorer", default=os.path.join(here, "..", "..", "shared", "tools", "score.py"))
    a = ap.parse_args()
    with open(a.pred, encoding="utf-8") as f:
        pred = {p["text"]: p for p in map(json.loads, f) if "text" in p}
    g = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    q = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    fp, fn = collections.Counter(), collections.Counter()
    with open(a.gold, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            p = pred.get(d["text"])
            if p is None:
                continue
            gold = [m for m in d.get("mentions", d.get("entities", []))
                    if m.get("type") == "Location" and m.get("kind") in KINDS]
            names = [m for m in p["mentions"] if m["type"] == "Location" and m["kind"] == "name"]
            g.write(json.dumps({"id": d["id"], "text": d["text"], "mentions": gold}) + "\n")
            q.write(json.dumps({"id": d["id"], "mentions": names}) + "\n")
            if a.errors:
                text = d["text"]
                for m in names:
                    if not any(x["start"] < m["end"] and m["start"] < x["end"] for x in gold):
                        fp[text[m["start"]:m["end"]]] += 1
                for x in gold:
                    if not any(x["start"] < m["end"] and m["start"] < x["end"] for m in names):
                        fn[text[x["start"]:x["end"]]] += 1
    g.close()
    q.close()
    rc = subprocess.run([sys.executable, a.scorer, g.name, "--pred", q.name, "--types", "Location"]).returncode
    if a.errors:
        print(f"false positives ({sum(fp.values())}):", ", ".join(f"{t} {n}" for t, n in fp.most_common(a.errors)))
        print(f"misses ({sum(fn.values())}):", ", ".join(f"{t} {n}" for t, n in fn.most_common(a.errors)))
    os.unlink(g.name)
    os.unlink(q.name)
    sys.exit(rc)


if __name__ == "__main__":
    main()
