#!/usr/bin/env python3
"""Builds crates/informant/data/model/truecase.tsv: the usual spelling of words not usually lower case.

Development time only; the tagger reads the committed list, and only for a sentence written (nearly)
all in capitals (a news-wire headline), see `recognise/tagger/features.rs`.

Source (PyPI, see requirements.txt): `spacy-lookups-data` 1.0.5 (MIT), table `en_lexeme_prob.json.gz`:
a smoothed log probability for each of about a million case-sensitive English word spellings.

Method: for every word of the tagger's cluster table (`wordclusters.tsv`, lower case), the spelling
among those in the table that share its lower case ("japan", "Japan", "JAPAN", "iPhone") with the
highest probability; a word whose likeliest spelling is its lower case is left out (the tagger reads
an unlisted known word in lower case). Words not in the cluster table are left out as well: the
tagger reads an unknown word in title case. One spelling a line, sorted (byte order).

Usage: build.py [--lookups PATH_TO_en_lexeme_prob.json.gz] [--clusters PATH] [--out PATH]
"""
import argparse
import gzip
import json


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lookups", default=None)
    ap.add_argument("--clusters", default="crates/informant/data/model/wordclusters.tsv")
    ap.add_argument("--out", default="crates/informant/data/model/truecase.tsv")
    o = ap.parse_args()
    path = o.lookups
    if path is None:
        import spacy_lookups_data  # noqa: F401  (only to find the installed file)
        import os
        path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", "en_lexeme_prob.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        prob = json.load(f)
    words = set()
    with open(o.clusters, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            w = line.split("\t", 1)[0]
            if w:
                words.add(w)
    best = {}
    for form, p in prob.items():
        low = form.lower()
        if low not in words:
            continue
        if low not in best or p > best[low][1]:
            best[low] = (form, p)
    out = sorted(form for low, (form, _) in best.items() if form != low)
    with open(o.out, "w", encoding="utf-8") as f:
        f.write("# usual spelling of words not usually lower case; built by tools/truecase/build.py\n")
        for form in out:
            f.write(form + "\n")
    print(f"{len(words)} words, {len(best)} with a probability, {len(out)} not usually lower case")


if __name__ == "__main__":
    main()
