#!/usr/bin/env python3
"""GUM coreference (CoNLL-U, ../shared/data/gum) as the JSONL that informant and score_coref.py read.

Writes two files: the texts (one {"id", "text"} a line, for `informant extract --input jsonl`) and
the gold ({"id", "text", "mentions": [{"start", "end", "text", "type", "kind", "entity"}]}, code
point offsets, for `../shared/tools/score_coref.py`).

- Text: each token followed by a space unless its MISC says SpaceAfter=No (multi-word tokens are
  written once, their words share its span); sentences joined by a space, paragraphs (`# newpar`)
  by a blank line.
- Mentions: the `Entity=` brackets of MISC; only the types informant resolves (person, place,
  organization -> Person, Location, Organisation) unless --all-types.
- Kind: `pronoun` for a one-word mention tagged PRON, `name` for a mention with an entity link
  (IDENTITY) or whose first word past a determiner is PROPN, else `nominal`.

Usage:
  python3 bench/gum_coref.py [--genres news,bio,...] [--all-types] TEXTS.jsonl GOLD.jsonl
  cargo run --release -p informant-cli -- extract --input jsonl TEXTS.jsonl > PRED.jsonl
  python3 ../shared/tools/score_coref.py GOLD.jsonl --pred PRED.jsonl \\
      --pred-types Person,Organisation,Location,Nationality
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys

TYPES = {"person": "Person", "place": "Location", "organization": "Organisation"}


def parse_entity(value):
    """Events in one MISC Entity value, in order: ("open", id, spec, closes_here) or ("close", id)."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            spec = value[i + 1:j]
            closes = j < len(value) and value[j] == ")"
            out.append(("open", spec.split("-")[0], spec, closes))
            i = j + 1 if closes else j
        else:
            j = value.find(")", i)
            if j < 0:
                break
            out.append(("close", value[i:j], None, False))
            i = j + 1
    return out


def convert(path, all_types):
    doc_id = os.path.basename(path).rsplit(".", 1)[0]
    text = []  # pieces
    pos = 0
    words = []  # (start, end, upos)
    mentions = []
    stack = {}  # id -> list of (start word index, spec)
    mwt_end = -1
    mwt_span = None
    first_par = True
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id"):
                doc_id = line.split("=", 1)[1].strip()
            if line.startswith("# newpar") and not line.startswith("# newpar_block"):
                if not first_par and text:
                    text.append("\n\n" if not text[-1].endswith(" ") else "\n\n")
                    pos += 2
                first_par = False
            if not line or line.startswith("#"):
                if not line and text and not text[-1].endswith(("\n", " ")):
                    text.append(" ")
                    pos += 1
                continue
            cols = line.split("\t")
            if len(cols) < 10 or "." in cols[0]:
                continue
            misc = cols[9]
            space = "SpaceAfter=No" not in misc
            if "-" in cols[0]:
                a, b = cols[0].split("-")
                mwt_end = int(b)
                start = pos
                text.append(cols[1])
                pos += len(cols[1])
                mwt_span = (start, pos)
                if space:
                    text.append(" ")
                    pos += 1
                continue
            wid = int(cols[0])
            if mwt_span is not None and wid <= mwt_end:
                span = mwt_span
                if wid == mwt_end:
                    mwt_span = None
            else:
                start = pos
                text.append(cols[1])
                pos += len(cols[1])
                span = (start, pos)
                if space:
                    text.append(" ")
                    pos += 1
            words.append((span[0], span[1], cols[3]))
            wi = len(words) - 1
            ent = next((x[len("Entity="):] for x in misc.split("|") if x.startswith("Entity=")), None)
            if not ent:
                continue
            for kind, eid, spec, closes in parse_entity(ent):
                if kind == "open":
                    if closes:
                        mentions.append((wi, wi, eid, spec))
                    else:
                        stack.setdefault(eid, []).append((wi, spec))
                elif stack.get(eid):
                    s, spec = stack[eid].pop()
                    mentions.append((s, wi, eid, spec))
    full = "".join(text).rstrip()
    out = []
    for s, e, eid, spec in mentions:
        parts = spec.split("-")
        etype = parts[1] if len(parts) > 1 else ""
        if not all_types and etype not in TYPES:
            continue
        identity = len(parts) >= 8 and parts[7] not in ("", "_")
        ws = words[s:e + 1]
        upos = [w[2] for w in ws]
        if len(ws) == 1 and upos[0] == "PRON":
            mkind = "pronoun"
        else:
            first = next((u for u in upos if u != "DET"), "")
            mkind = "name" if identity or first == "PROPN" else "nominal"
        start, end = ws[0][0], ws[-1][1]
        out.append({"start": start, "end": end, "text": full[start:end],
                    "type": TYPES.get(etype, etype), "kind": mkind, "entity": f"{doc_id}#{eid}"})
    out.sort(key=lambda m: (m["start"], -m["end"]))
    return {"id": doc_id, "text": full, "mentions": out}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts")
    ap.add_argument("gold")
    ap.add_argument("--gum", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "gum"))
    ap.add_argument("--genres", default="news", help="comma-separated GUM genres (default news), or 'all'")
    ap.add_argument("--all-types", action="store_true", help="keep every GUM entity type")
    args = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(args.gum, "GUM_*.conllu")))
    if not paths:
        sys.exit(f"no GUM files in {args.gum} (see ../shared/data/gum/README.md)")
    if args.genres != "all":
        genres = set(args.genres.split(","))
        paths = [p for p in paths if os.path.basename(p).split("_")[1] in genres]
    with open(args.texts, "w", encoding="utf-8") as t, open(args.gold, "w", encoding="utf-8") as g:
        for p in paths:
            doc = convert(p, args.all_types)
            t.write(json.dumps({"id": doc["id"], "text": doc["text"]}, ensure_ascii=False) + "\n")
            g.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{len(paths)} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
