#!/usr/bin/env python3
"""Turn the hand-written geo test sentences into a gold file for ../shared/tools/score_geo.py.

    python3 tools/gazetteer/geo_gold.py            # sentences.txt -> geo-gold.jsonl, geo-input.jsonl
    python3 tools/gazetteer/geo_gold.py heldout    # heldout.txt -> heldout-gold.jsonl, heldout-input.jsonl
    python3 tools/gazetteer/geo_gold.py articles-dev      # articles-dev.txt -> articles-dev-*.jsonl

Input: crates/informant/tests/fixtures/geo/sentences.txt, one sentence per line with
[Surface|Name@CC/ADMIN1] or [Surface|Name@CC/ADMIN1/FEATURE] marks saying which place is
meant (a place the table lacks may carry written coordinates and no id:
[Luzon|Luzon@PH//L.ISL#16.0,121.0]). The place is looked up in the embedded table (geonames.tsv.gz) by its GeoNames
name (or an alternate name), country, admin1 code and feature (default: a populated place), the most
populous such place when several match; its id and coordinates become the gold. Only
the standard library is needed.
"""
import gzip
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "crates/informant/data/gazetteer/geonames.tsv.gz"
FIX = REPO / "crates/informant/tests/fixtures/geo"
MARK = re.compile(r"\[([^|\]]+)\|([^@\]]+)@([A-Z]{0,2})/([^/\]]*)(?:/([A-Z0-9.]+))?(?:#(-?[0-9.]+),(-?[0-9.]+))?\]")


def main():
    places = {}
    for line in gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        f = line.split("\t")
        for nm in {f[1], *filter(None, f[2].split("|"))}:
            places.setdefault(nm, []).append(f)
    name = sys.argv[1] if len(sys.argv) > 1 else "sentences"
    prefix = "geo" if name == "sentences" else name
    out = []
    n = 0
    for lineno, line in enumerate((FIX / f"{name}.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, tops, pos, last = "", [], 0, 0
        for m in MARK.finditer(line):
            text += line[last:m.start()]
            surface, pname, cc, a1, feat, glat, glon = m.groups()
            feat = feat or "P."
            cands = [f for f in places.get(pname, []) if f[6] == cc and (f[7] == a1 or not a1)
                     and f[5].startswith(feat)]
            if not cands and glat is not None:
                # a place the table lacks (an island, a river): written coordinates, no id
                cands = [["0", pname, "", glat, glon, feat, cc, a1, "", "0"]]
            if not cands:
                sys.exit(f"{name}.txt:{lineno}: no place {pname}@{cc}/{a1}/{feat}")
            best = max(cands, key=lambda f: int(f[9]))
            start = len(text)
            text += surface
            gid = int(best[0])
            tops.append({"start": start, "end": start + len(surface), "text": surface,
                         "geonames": gid or None, "lat": float(best[3]), "lon": float(best[4]),
                         "type": best[5]})
            last = m.end()
        text += line[last:]
        n += 1
        out.append({"id": f"{prefix}-{n:02d}", "text": text, "toponyms": tops})
    with open(FIX / f"{prefix}-gold.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(FIX / f"{prefix}-input.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(out)} documents, {sum(len(r['toponyms']) for r in out)} toponyms")


if __name__ == "__main__":
    main()
