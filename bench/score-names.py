#!/usr/bin/env python3
"""Names only: scores `informant extract --input jsonl` output against a gold JSONL with
../shared/tools/score.py, keeping Person, Organisation and Location mentions of kind `name`.

Gold and predicted documents are matched by their text (the CLI keeps each input line's text),
so the gold file can be fed to the CLI as it is. Gold mentions without a `kind` field count as
names (ner-open); with one, only `kind == "name"` counts (MEANTIME). Usage:

  ./target/release/informant extract --input jsonl GOLD.jsonl > PRED.jsonl
  python3 bench/score-names.py GOLD.jsonl PRED.jsonl [--scorer PATH]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

NAMES = {"Person", "Organisation", "Location"}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--scorer", default=os.path.join(here, "..", "..", "shared", "tools", "score.py"))
    a = ap.parse_args()
    with open(a.pred, encoding="utf-8") as f:
        pred = {p["text"]: p for p in map(json.loads, f) if "text" in p}
    g = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    q = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    with open(a.gold, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            p = pred.get(d["text"])
            if p is None:
                continue
            gold = [m for m in d.get("mentions", d.get("entities", []))
                    if m.get("type") in NAMES and m.get("kind", "name") == "name"]
            g.write(json.dumps({"id": d["id"], "text": d["text"], "mentions": gold}) + "\n")
            names = [m for m in p["mentions"] if m["type"] in NAMES and m["kind"] == "name"]
            q.write(json.dumps({"id": d["id"], "mentions": names}) + "\n")
    g.close()
    q.close()
    sys.exit(subprocess.run([sys.executable, a.scorer, g.name, "--pred", q.name]).returncode)


if __name__ == "__main__":
    main()
