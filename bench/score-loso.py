#!/usr/bin/env python3
"""Scores a leave-one-source-out run (`informant-train loso --out DIR`) with ../shared/tools/score.py.

For every held-out source: names of persons, organisations and places (gold mentions of kind
`name`, predicted mentions of kind `name`), strict and overlap micro F1 and per type; for re3d
sources also every core mention, all kinds, with --ignore-determiners (re3d writes articles into
names). Usage: score-loso.py DIR [--scorer PATH] [--json OUT]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

NAMES = {"Person", "Organisation", "Location"}


def filtered(path, keep):
    out = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            rec["mentions"] = [m for m in rec.get("mentions", []) if keep(m)]
            out.write(json.dumps(rec) + "\n")
    out.close()
    return out.name


def run(scorer, gold, pred, extra):
    r = subprocess.run([sys.executable, scorer, gold, "--pred", pred, "--json", *extra],
                       check=True, capture_output=True, text=True)
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--scorer", default=os.path.join(here, "..", "..", "shared", "tools", "score.py"))
    ap.add_argument("--json")
    a = ap.parse_args()
    if not os.path.exists(a.scorer):
        sys.exit(f"scorer not found: {a.scorer} (it lives in ../shared/tools)")
    sources = sorted(f[:-len(".gold.jsonl")] for f in os.listdir(a.dir) if f.endswith(".gold.jsonl"))
    report = {}
    print(f"{'held-out source':<48}{'names strict':>13}{'overlap':>9}   {'P/O/L strict F1':<22}{'all core strict':>16}{'overlap':>9}")
    for s in sources:
        gold = os.path.join(a.dir, f"{s}.gold.jsonl")
        pred = os.path.join(a.dir, f"{s}.pred.jsonl")
        g = filtered(gold, lambda m: m["type"] in NAMES and m.get("kind") == "name")
        p = filtered(pred, lambda m: m["type"] in NAMES and m.get("kind") == "name")
        names = run(a.scorer, g, p, ["--types", ",".join(sorted(NAMES))])
        os.unlink(g)
        os.unlink(p)
        row = {"names": names}
        per = names["strict"]["per_type"]
        pt = "/".join(f"{per.get(t, {}).get('f1', 0):.2f}" for t in ("Person", "Organisation", "Location"))
        core = ""
        if s.startswith("re3d"):
            allc = run(a.scorer, gold, pred, ["--types", "core", "--ignore-determiners"])
            row["core"] = allc
            core = f"{allc['strict']['micro']['f1']:16.3f}{allc['overlap']['micro']['f1']:9.3f}"
        report[s] = row
        print(f"{s:<48}{names['strict']['micro']['f1']:13.3f}{names['overlap']['micro']['f1']:9.3f}   {pt:<22}{core}")
    if report:
        strict = [r["names"]["strict"]["micro"]["f1"] for r in report.values()]
        core = [r["core"]["strict"]["micro"]["f1"] for r in report.values() if "core" in r]
        line = f"mean names strict over {len(strict)} held-out sources: {sum(strict) / len(strict):.4f}"
        if core:
            line += f"; re3d all core strict: {sum(core) / len(core):.4f}"
        print(line)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
