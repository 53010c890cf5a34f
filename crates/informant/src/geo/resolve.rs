//! The geo stage: each Location entity gets the GeoNames place it most likely names.
//!
//! Candidates are the places of the embedded table (see [`super::table`]) one of
//! whose names equals one of the entity's mention texts (or its gazetteer name),
//! normalised. The namesake is chosen by a score per candidate, the sum of:
//!
//! - **prior**: `0.35 * log10(1 + population)`, plus a bonus by feature (countries
//!   and continents 3, US states 2, other first-order divisions 1, curated sites 2.5,
//!   capitals 0.5): an unqualified name is more often the big, well-known place;
//! - **pattern**: a mention followed by `, Qualifier` (`Alexandria, La.`,
//!   `Paris, Texas`, `Tripoli, Lebanon`) whose qualifier is a US state, a country or
//!   a first-order division: +4 for candidates inside it, -3 for the others;
//! - **dateline**: a dateline without qualifier (`WASHINGTON (AP) —`) names a city in
//!   news style: +2.5 for populated places of 100,000 people or more;
//! - **context**: a cue before or inside the mention (`the city of`, `town of`,
//!   `X province`, `X County`, `state of`) favours the feature type it names;
//! - **document**: countries and first-order divisions the rest of the document names
//!   (by candidates in the first pass, by the chosen places in the second), with the
//!   dateline's place counted twice: `1.2 * ln(1 + weight)` for a candidate in such
//!   a country, `1.5 * ln(1 + weight)` in such a division;
//! - **spatial minimality** (second pass): `2 * exp(-d / 250 km)` where `d` is the
//!   distance to the nearest place the document's other entities resolved to.
//!
//! The highest score wins; `confidence` is its softmax share over the candidates;
//! `evidence` lists the parts that favoured it. The cost is linear in the mentions:
//! candidates come from a sorted index, are capped per entity ([`MAX_CANDIDATES`]),
//! the document's evidence lives in hash maps and the anchors of spatial minimality
//! are capped ([`MAX_ANCHORS`]).

use crate::document::{Attributes, Document, EntityType, MentionKind};
use crate::geo::table::{Place, Table, normalise_into, table};
use crate::recognise::phrases::FastMap as HashMap;
use crate::span::Span;

/// Most candidates scored per entity (the most populous are kept).
pub(crate) const MAX_CANDIDATES: usize = 256;
/// Most candidates carried into the second pass.
const MAX_SECOND: usize = 48;
/// Most other places a candidate is measured against for spatial minimality.
pub(crate) const MAX_ANCHORS: usize = 48;

const W_PATTERN: f64 = 4.0;
const W_PATTERN_MISS: f64 = -3.0;
/// A town whose own name is a dateline without qualifier (`WASHINGTON (AP) —`).
const W_BARE_DATELINE: f64 = 2.5;
/// A US town and its county both named in the document (see `link_counties`).
const W_LINKED: f64 = 2.0;
/// News style keeps bare datelines for large cities: smaller namesakes get no bonus.
const BARE_DATELINE_POP: u64 = 100_000;

/// Feature a context cue asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    City,
    Admin1,
    Admin2,
}

/// What the text around an entity's mentions says.
#[derive(Debug, Default)]
struct Context {
    /// `, Qualifier` after a mention: the (country, admin1) it names (admin1 may be empty).
    qualifiers: Vec<(&'static str, &'static str)>,
    cues: Vec<Cue>,
    dateline: bool,
    /// A dateline without a qualifier (`WASHINGTON (AP) —`): news style keeps those for
    /// cities, so the city comes before a state or division of that name.
    bare_dateline: bool,
}

struct Cand {
    place: u32,
    /// The place, read from the table once (`Table::get` builds it from its record).
    p: Place,
    /// The candidate's primary name equals a mention text.
    exact: bool,
    /// A US town in a county another entity may name, or a county another entity's
    /// town may lie in (`Birmingham` and `Jefferson County`).
    linked: bool,
}

struct Work {
    entity: usize,
    /// Entities that share a lookup form share a group: they are one place to the
    /// evidence (`Tripoli` and `the city of Tripoli` do not vouch for each other).
    group: usize,
    cands: Vec<Cand>,
    ctx: Context,
    weight: f64,
    /// (country, admin1) of the populated places among the candidates: a division
    /// named like one of its towns (Aleppo, Idlib) is that town unless a cue says otherwise.
    towns: Vec<(&'static str, &'static str)>,
    /// Some populated candidate's own name equals a mention text.
    town_exact: bool,
    /// (candidate index into `cands`, score, parts) of the choice
    choice: Option<(usize, f64, f64, Vec<&'static str>)>,
}

fn feature_prior(p: &Place) -> f64 {
    if p.is_country() || p.feature == "L.CONT" {
        3.0
    } else if p.is_admin1() {
        if p.country == "US" { 2.0 } else { 0.5 }
    } else if p.geonames.is_none() && !p.is_admin2() {
        2.5 // curated site or region
    } else if p.feature == "P.PPLC" {
        0.5
    } else {
        0.0
    }
}

fn pop_prior(p: &Place) -> f64 {
    // A division's population is the sum over its towns: a third of it weighs like a town's.
    let pop = if p.is_admin1() || p.is_admin2() {
        p.population / 3
    } else {
        p.population
    };
    0.35 * ((1 + pop) as f64).log10()
}

/// Great-circle distance in km.
pub(crate) fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

/// Suffix words that name a feature type: stripped for the lookup, kept as a cue.
const SUFFIXES: &[(&str, Cue)] = &[
    (" province", Cue::Admin1),
    (" governorate", Cue::Admin1),
    (" oblast", Cue::Admin1),
    (" region", Cue::Admin1),
    (" state", Cue::Admin1),
    (" county", Cue::Admin2),
    (" parish", Cue::Admin2),
    (" city", Cue::City),
];

/// Cue phrases just before a mention (lower case, ending where the mention starts).
const BEFORE: &[(&str, Cue)] = &[
    ("city of ", Cue::City),
    ("town of ", Cue::City),
    ("village of ", Cue::City),
    ("suburb of ", Cue::City),
    ("capital ", Cue::City),
    ("province of ", Cue::Admin1),
    ("governor of ", Cue::Admin1),
    ("state of ", Cue::Admin1),
    ("governorate of ", Cue::Admin1),
    ("region of ", Cue::Admin1),
    ("county of ", Cue::Admin2),
    ("parish of ", Cue::Admin2),
];

/// The lookup forms of a mention text: itself, without a possessive, without a
/// feature suffix (with the cue it gives).
pub(crate) fn surfaces(text: &str, out: &mut Vec<String>, cues: &mut Vec<Cue>) {
    let mut norm = String::new();
    normalise_into(text, &mut norm);
    for p in ["'s", "'"] {
        if let Some(s) = norm.strip_suffix(p) {
            norm = s.to_owned();
        }
    }
    if norm.is_empty() {
        return;
    }
    // "northern Lebanon" as a name: the place after the direction word
    if let Some((first, rest)) = norm.split_once(' ') {
        if DIRECTIONS.contains(&first) && !rest.is_empty() {
            out.push(rest.to_owned());
        }
    }
    // A feature suffix is stripped only when the whole is no place's name: "Mexico
    // City" is the city, not the country the stripped "Mexico" would name.
    let whole_is_a_name = table().lookup_normalised(&norm).next().is_some();
    for &(suf, cue) in SUFFIXES {
        if let Some(s) = norm.strip_suffix(suf) {
            cues.push(cue);
            let keeps_whole = whole_is_a_name && cue == Cue::City;
            if !s.is_empty() && !keeps_whole {
                out.push(s.to_owned());
            }
        }
    }
    if let Some(s) = norm.strip_prefix("city of ") {
        cues.push(Cue::City);
        out.push(s.to_owned());
    }
    out.push(norm);
}

/// A country or division named after a comma (`Alexandria, La.`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Qualifier {
    pub(crate) country: &'static str,
    /// Empty for a country.
    pub(crate) admin1: &'static str,
    pub(crate) span: Span,
    pub(crate) is_country: bool,
    /// A second-order division (only when asked for: see [`qualifier`]).
    pub(crate) is_county: bool,
}

/// Direction words that make a nominal of a place name (`northern Lebanon`).
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "rural",
    "greater",
    "downtown",
];

/// The place name inside a nominal Location mention, with the cue it carries:
/// `northern Lebanon` -> `Lebanon`, `the city of Tripoli` -> (`Tripoli`, city).
/// `None` when there is no capitalised name left (`the border`, `the town`).
fn strip_nominal(s: &str) -> Option<(&str, Option<Cue>)> {
    let mut rest = s.trim();
    for art in ["the ", "The "] {
        if let Some(r) = rest.strip_prefix(art) {
            rest = r;
        }
    }
    // "the capital of Sinaloa": the division or country it is the capital of
    for p in ["capital of ", "outskirts of ", "edge of "] {
        if rest.len() > p.len()
            && rest.is_char_boundary(p.len())
            && rest[..p.len()].eq_ignore_ascii_case(p)
        {
            rest = &rest[p.len()..];
        }
    }
    let mut cue = None;
    for &(p, c) in BEFORE {
        if rest.len() > p.len()
            && rest.is_char_boundary(p.len())
            && rest[..p.len()].eq_ignore_ascii_case(p)
        {
            rest = &rest[p.len()..];
            cue = Some(c);
            break;
        }
    }
    let first = rest.split(' ').next().unwrap_or("");
    if DIRECTIONS.iter().any(|d| first.eq_ignore_ascii_case(d)) {
        rest = rest[first.len()..].trim_start();
    }
    rest.starts_with(|c: char| c.is_uppercase())
        .then_some((rest, cue))
}

/// A `, Qualifier` right after `end`: up to three capitalised words (`La.`, `Texas`,
/// `New Mexico`, `N.Y.`) naming a country or a first-order division, or with `counties`
/// a second-order one too (`West Sussex`, `Warwickshire`); the longest wins, and a longer
/// name the table knows as anything else leaves no shorter qualifier (`West Bank`, `West
/// Yorkshire`: no `West`).
pub(crate) fn qualifier(t: &Table, text: &str, end: usize, counties: bool) -> Option<Qualifier> {
    let after = text.get(end..)?;
    let rest = after.strip_prefix(',')?;
    let rest = rest.trim_start_matches(' ');
    let offset = end + (after.len() - rest.len());
    if !rest.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // Word ends: a word is letters, dots and apostrophes.
    let mut ends = Vec::new();
    let mut pos = 0;
    for _ in 0..3 {
        let w = rest[pos..]
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '.' || c == '\''))
            .map_or(rest.len() - pos, |(i, _)| i);
        if w == 0 {
            break;
        }
        ends.push(pos + w);
        pos += w;
        match rest[pos..].strip_prefix(' ') {
            Some(r) if r.starts_with(|c: char| c.is_uppercase()) => pos += 1,
            _ => break,
        }
    }
    let mut norm = String::new();
    for (n, &e) in ends.iter().enumerate().rev() {
        let q = &rest[..e];
        // "Tex" and "La" without their dot are rarely abbreviations; "Texas" is fine.
        let mut named = false;
        for form in [q, q.trim_end_matches('.')] {
            normalise_into(form, &mut norm);
            let mut best: Option<Place> = None;
            for i in t.lookup_normalised(&norm) {
                let Some(p) = t.get(i) else { continue };
                named = true;
                if !(p.is_country() || p.is_admin1() || counties && p.is_admin2()) {
                    continue;
                }
                // Two-letter postal codes only in capitals ("TX", not "Tx").
                if form.len() == 2 && form.chars().any(|c| c.is_lowercase()) {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some(b) => {
                        (
                            p.country == "US",
                            p.is_country(),
                            p.is_admin1(),
                            p.population,
                        ) > (
                            b.country == "US",
                            b.is_country(),
                            b.is_admin1(),
                            b.population,
                        )
                    }
                };
                if better {
                    best = Some(p);
                }
            }
            if let Some(p) = best {
                let a1 = if p.is_country() { "" } else { p.admin1 };
                // The span keeps the dot of an abbreviation ("La."), not a full
                // stop ("in Texas.": "texas." is no name, "Texas" is).
                return Some(Qualifier {
                    country: p.country,
                    admin1: a1,
                    span: Span::new(offset, offset + form.len()),
                    is_country: p.is_country(),
                    is_county: p.is_admin2(),
                });
            }
        }
        // A longer name the table knows as something else (`West Bank`, a town) is no
        // division's first words: `Ramallah, West Bank` is not qualified by a `West`;
        // nor is a compass word before another name (`Leeds, West Yorkshire`).
        if named && n > 0
            || n == 1
                && DIRECTIONS
                    .iter()
                    .any(|d| rest[..ends[0]].eq_ignore_ascii_case(d))
        {
            return None;
        }
    }
    None
}

/// A context cue in the lower-cased text before `start`.
fn cue_before(text: &str, start: usize) -> Option<Cue> {
    let from = start.saturating_sub(20);
    let from = (from..=start).find(|&i| text.is_char_boundary(i))?;
    let before = text.get(from..start)?.to_lowercase();
    BEFORE
        .iter()
        .find(|(p, _)| before.ends_with(p))
        .map(|&(_, c)| c)
}

/// Whether a mention at `span` is a dateline: it starts its block (or the text) and is
/// followed, after an optional qualifier and agency, by a dash.
fn is_dateline(doc: &Document, span: Span) -> bool {
    let starts_block = span.start == 0
        || doc
            .blocks()
            .iter()
            .take(3)
            .any(|b| b.span.start == span.start);
    if !starts_block {
        return false;
    }
    let text = doc.text();
    let tail: String = text
        .get(span.end..)
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    tail.find(['—', '–']).is_some() || tail.contains(" - ") || tail.contains("(AP)")
}

/// Document evidence: weights by country and by (country, admin1), and by entity the
/// entity's own contributions (subtracted when that entity is scored).
#[derive(Default)]
struct Evidence {
    country: HashMap<&'static str, f64>,
    admin1: HashMap<(&'static str, &'static str), f64>,
}

impl Evidence {
    fn add(&mut self, cc: &'static str, a1: &'static str, w: f64, e: &mut Evidence) {
        if cc.is_empty() {
            return;
        }
        *self.country.entry(cc).or_default() += w;
        *e.country.entry(cc).or_default() += w;
        if !a1.is_empty() {
            *self.admin1.entry((cc, a1)).or_default() += w;
            *e.admin1.entry((cc, a1)).or_default() += w;
        }
    }
    fn country(&self, own: &Evidence, cc: &str) -> f64 {
        (self.country.get(cc).copied().unwrap_or(0.0) - own.country.get(cc).copied().unwrap_or(0.0))
            .max(0.0)
    }
    fn admin1(&self, own: &Evidence, cc: &'static str, a1: &'static str) -> f64 {
        let k = (cc, a1);
        (self.admin1.get(&k).copied().unwrap_or(0.0) - own.admin1.get(&k).copied().unwrap_or(0.0))
            .max(0.0)
    }
}

/// A US county: country, admin1, county name.
type CountyKey = (&'static str, &'static str, &'static str);

/// Marks the candidates that a county and a town of two entities share: a US town whose
/// county is a candidate of another entity, and that county (`Jefferson County` and
/// `Birmingham`: Alabama's, not Kentucky's and England's). Linear in the candidates.
/// Counties named inside organisation names (`Jefferson County Commission`) count as
/// another entity's (`org_counties`).
fn link_counties(works: &mut [Work], org_counties: &[CountyKey]) {
    type Key = CountyKey;
    // key -> (first group seen, whether a second group has it too)
    let mut counties: HashMap<Key, (usize, bool)> = HashMap::default();
    for &k in org_counties {
        counties.insert(k, (usize::MAX, true));
    }
    let mut towns: HashMap<Key, (usize, bool)> = HashMap::default();
    for w in works.iter() {
        for c in &w.cands {
            let p = c.p;
            if p.country != "US" || p.admin2.is_empty() {
                continue;
            }
            let map = if p.is_admin2() {
                &mut counties
            } else if p.is_populated() {
                &mut towns
            } else {
                continue;
            };
            let e = map
                .entry((p.country, p.admin1, p.admin2))
                .or_insert((w.group, false));
            e.1 |= e.0 != w.group;
        }
    }
    if counties.is_empty() || towns.is_empty() {
        return;
    }
    for w in works.iter_mut() {
        for c in &mut w.cands {
            let p = c.p;
            if p.country != "US" || p.admin2.is_empty() {
                continue;
            }
            let other = if p.is_admin2() { &towns } else { &counties };
            c.linked = other
                .get(&(p.country, p.admin1, p.admin2))
                .is_some_and(|&(g, multi)| multi || g != w.group);
        }
    }
}

fn score(
    w: &Work,
    c: &Cand,
    ev: &Evidence,
    own: &Evidence,
    anchors: &[(usize, (f64, f64))],
) -> Option<(f64, Vec<&'static str>)> {
    let p = c.p;
    let mut parts = Vec::new();
    let mut s = pop_prior(&p) + feature_prior(&p);
    // A division named like one of its towns (Aleppo, Birmingham) is the town unless a
    // cue says otherwise.
    if (p.is_admin1() || p.is_admin2()) && w.towns.contains(&(p.country, p.admin1)) {
        s -= 1.5;
    }
    if c.exact {
        s += 0.3;
    } else if w.town_exact && p.is_populated() {
        // The mention is some town's own name: a town that has it only as an alternate
        // name (Tīrān, "Tehran") comes after that one.
        s -= 1.0;
    }
    if !w.ctx.qualifiers.is_empty() {
        let hit = w.ctx.qualifiers.iter().any(|&(cc, a1)| {
            p.country == cc
                && (a1.is_empty() || p.admin1 == a1)
                && (a1.is_empty() || !p.is_country())
        });
        if hit {
            s += W_PATTERN;
            parts.push("pattern");
        } else {
            s += W_PATTERN_MISS;
        }
    }
    if c.linked {
        s += W_LINKED;
        parts.push("county in document");
    }
    if w.ctx.bare_dateline && p.is_populated() && p.population >= BARE_DATELINE_POP {
        s += W_BARE_DATELINE;
        parts.push("dateline");
    }
    for &cue in &w.ctx.cues {
        let fits = match cue {
            Cue::City => p.is_populated(),
            Cue::Admin1 => p.is_admin1(),
            Cue::Admin2 => p.is_admin2(),
        };
        if fits {
            s += match cue {
                Cue::City => 1.0,
                Cue::Admin1 => 2.0,
                Cue::Admin2 => 3.0,
            };
            if !parts.contains(&"context") {
                parts.push("context");
            }
        } else {
            s -= 1.0;
        }
    }
    if !p.country.is_empty() {
        let cw = ev.country(own, p.country);
        if cw > 0.0 {
            s += 1.2 * (1.0 + cw).ln();
            parts.push("country in document");
        }
        if !p.admin1.is_empty() {
            let aw = ev.admin1(own, p.country, p.admin1);
            if aw > 0.0 {
                s += 1.5 * (1.0 + aw).ln();
                parts.push("division in document");
            }
        }
    }
    if !(anchors.is_empty() || p.is_country() || p.feature == "L.CONT") {
        let d = anchors
            .iter()
            .filter(|(g, _)| *g != w.group)
            .map(|(_, pt)| distance_km((p.lat, p.lon), *pt))
            .fold(f64::INFINITY, f64::min);
        if d.is_finite() {
            let b = 2.0 * (-d / 250.0).exp();
            s += b;
            if b > 0.5 {
                parts.push("nearby places");
            }
        }
    }
    Some((s, parts))
}

/// Chooses the best candidate of `w`; returns (index, score, confidence, evidence).
fn choose(
    w: &Work,
    ev: &Evidence,
    own: &Evidence,
    anchors: &[(usize, (f64, f64))],
) -> Option<(usize, f64, f64, Vec<&'static str>)> {
    let mut scored: Vec<(usize, f64, Vec<&'static str>)> = w
        .cands
        .iter()
        .enumerate()
        .filter_map(|(i, c)| score(w, c, ev, own, anchors).map(|(s, p)| (i, s, p)))
        .collect();
    if scored.is_empty() {
        return None;
    }
    let best = scored
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.1.total_cmp(&b.1.1))
        .map(|(i, _)| i)?;
    let top = scored[best].1;
    let z: f64 = scored.iter().map(|(_, s, _)| (s - top).exp()).sum();
    let (i, s, mut parts) = scored.swap_remove(best);
    let chosen = w.cands.get(i).map(|c| c.p.population);
    let most_populous = w
        .cands
        .iter()
        .all(|c| chosen.is_some_and(|p| p >= c.p.population));
    if w.cands.len() == 1 {
        parts.insert(0, "only candidate");
    } else if most_populous {
        parts.push("population");
    }
    if let Some(p) = w.cands.get(i).map(|c| c.p) {
        if feature_prior(&p) >= 2.0 && !most_populous {
            parts.push("feature");
        }
    }
    Some((i, s, 1.0 / z, parts))
}

/// The evidence each group gave, from what each work gave (same order as `works`).
fn by_group(works: &[Work], owns: Vec<Evidence>) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = (0..works.len()).map(|_| Evidence::default()).collect();
    for (w, own) in works.iter().zip(owns) {
        let Some(g) = out.get_mut(w.group) else {
            continue;
        };
        for (k, v) in own.country {
            *g.country.entry(k).or_default() += v;
        }
        for (k, v) in own.admin1 {
            *g.admin1.entry(k).or_default() += v;
        }
    }
    out
}

/// Whether `s` (normalised) is the place's own name: its GeoNames name or that name's
/// ASCII folding (`Kandahar` for Kandahār; the table writes the folding first among the
/// alternates), not one of its other alternate names.
fn own_name(p: &Place, s: &str, norm: &mut String) -> bool {
    normalise_into(p.name, norm);
    if norm == s {
        return true;
    }
    if p.name.is_ascii() {
        return false;
    }
    match p.alternates.split('|').next() {
        Some(a) if a.is_ascii() && a.len() == p.name.chars().count() => {
            normalise_into(a, norm);
            norm == s
        }
        _ => false,
    }
}

/// Runs the stage on a resolved document (see the module docs).
pub(crate) fn resolve_places(doc: &mut Document) {
    if doc.entities.is_empty() {
        return;
    }
    let t = table();
    if t.is_empty() {
        return;
    }
    let text = doc.text.as_str();
    let mut works: Vec<Work> = Vec::new();
    let mut surf = Vec::new();
    let mut groups: HashMap<String, usize> = HashMap::default();
    for (ei, e) in doc.entities.iter().enumerate() {
        if e.entity_type != EntityType::Location {
            continue;
        }
        let mut ctx = Context::default();
        surf.clear();
        let mut names = 0usize;
        for &mi in &e.mentions {
            let Some(m) = doc.mentions.get(mi) else {
                continue;
            };
            let mention_text = doc.span_text(m.span);
            if m.kind == MentionKind::Nominal {
                // "northern Lebanon", "the city of Tripoli": the name inside.
                match strip_nominal(mention_text) {
                    Some((rest, cue)) => {
                        ctx.cues.extend(cue);
                        surfaces(rest, &mut surf, &mut ctx.cues);
                    }
                    None => continue,
                }
            } else if m.kind == MentionKind::Name {
                surfaces(mention_text, &mut surf, &mut ctx.cues);
            } else {
                continue;
            }
            names += 1;
            let q = qualifier(t, text, m.span.end, false);
            let dateline = is_dateline(doc, m.span);
            ctx.bare_dateline |= dateline && q.is_none();
            if let Some(q) = q {
                ctx.qualifiers.push((q.country, q.admin1));
            }
            if let Some(c) = cue_before(text, m.span.start) {
                ctx.cues.push(c);
            }
            ctx.dateline |= dateline;
        }
        if names == 0 {
            continue;
        }
        let mut canon = String::new();
        normalise_into(&e.name, &mut canon);
        surf.push(canon);
        surf.sort();
        surf.dedup();
        ctx.cues.sort_by_key(|c| *c as u8);
        ctx.cues.dedup();
        // A region, sea or other feature of the curated gazetteer ("Middle East", "Lake
        // Tahoe") is not the town that shares its name (a Baltimore neighbourhood): no
        // populated place for it. A division from ISO 3166 ("New York") may be its city.
        let curated = |pred: fn(&str) -> bool| {
            e.mentions.iter().any(|&mi| {
                doc.mentions
                    .get(mi)
                    .and_then(|m| m.entry.as_deref())
                    .is_some_and(|en| {
                        en.attributes()
                            .get("source")
                            .is_some_and(|s| s == "curated")
                            && en.subtype.as_deref().is_some_and(pred)
                    })
            })
        };
        let physical = curated(|s| {
            matches!(
                s,
                "river" | "lake" | "mountain" | "mountains" | "desert" | "valley" | "island"
            )
        });
        let region = physical || curated(|s| matches!(s, "region" | "body_of_water"));
        let division_cue = ctx.cues.contains(&Cue::Admin1) || ctx.cues.contains(&Cue::Admin2);
        let mut cands: Vec<Cand> = Vec::new();
        let mut seen: HashMap<u32, usize> = HashMap::default();
        let mut norm = String::new();
        for s in &surf {
            for i in t.lookup_normalised(s) {
                let Some(p) = t.get(i) else { continue };
                let exact = own_name(&p, s, &mut norm);
                if region && p.is_populated() {
                    continue;
                }

                // A county by its bare name ("Red River" for Red River Parish) only with a cue.
                if p.is_admin2() && !exact && !ctx.cues.contains(&Cue::Admin2) {
                    continue;
                }
                match seen.get(&i) {
                    Some(&k) => cands[k].exact |= exact,
                    None => {
                        seen.insert(i, cands.len());
                        cands.push(Cand {
                            place: i,
                            p,
                            exact,
                            linked: false,
                        });
                    }
                }
            }
        }
        // A river, lake or mountain by its own name ("Blue Nile") is not the town or
        // division named after it (Blue Nile state) unless the words say so (`Blue Nile
        // state`, `Lake Geneva, Wis.`).
        let physical = physical
            || cands.iter().any(|c| {
                c.exact
                    && c.p.geonames.is_none()
                    && (c.p.feature.starts_with("H.") || c.p.feature.starts_with("T."))
            });
        if physical && !division_cue && ctx.qualifiers.is_empty() {
            cands.retain(|c| !(c.p.is_populated() || c.p.is_admin1() || c.p.is_admin2()));
        }
        if cands.is_empty() {
            continue;
        }
        if cands.len() > MAX_CANDIDATES {
            cands.sort_by_key(|c| std::cmp::Reverse(c.p.population));
            cands.truncate(MAX_CANDIDATES);
        }
        let weight = names as f64 * if ctx.dateline { 2.0 } else { 1.0 };
        let mut towns: Vec<(&'static str, &'static str)> = cands
            .iter()
            .map(|c| c.p)
            .filter(|p| p.is_populated())
            .map(|p| (p.country, p.admin1))
            .collect();
        towns.sort_unstable();
        towns.dedup();
        let group = surf
            .iter()
            .find_map(|s| groups.get(s.as_str()).copied())
            .unwrap_or(works.len());
        for s in &surf {
            groups.entry(s.clone()).or_insert(group);
        }
        let town_exact = cands.iter().any(|c| c.exact && c.p.is_populated());
        works.push(Work {
            entity: ei,
            group,
            town_exact,
            cands,
            ctx,
            weight,
            towns,
            choice: None,
        });
    }
    if works.is_empty() {
        link_nationalities(t, doc);
        return;
    }
    let (in_orgs, org_counties) = org_places(t, doc);
    link_counties(&mut works, &org_counties);
    // Pass 1: evidence from every entity's country and division candidates, shared
    // among them, and from the qualifiers; nationalities name their country.
    let mut ev = Evidence::default();
    let mut owns: Vec<Evidence> = Vec::with_capacity(works.len());
    for w in &works {
        let mut own = Evidence::default();
        for &(cc, a1) in &w.ctx.qualifiers {
            ev.add(cc, a1, 1.0, &mut own);
        }
        let levels: Vec<Place> = w
            .cands
            .iter()
            .map(|c| c.p)
            .filter(|p| p.is_country() || p.is_admin1())
            .collect();
        let n = levels.len() as f64;
        for p in levels {
            let a1 = if p.is_admin1() { p.admin1 } else { "" };
            ev.add(p.country, a1, w.weight / n, &mut own);
        }
        owns.push(own);
    }
    let mut scratch = Evidence::default();
    for e in &doc.entities {
        if e.entity_type == EntityType::Nationality {
            if let Some(cc) = e.attributes.get("country").and_then(|v| v.as_str()) {
                if let Some(p) = t.country(cc) {
                    ev.add(p.country, "", 0.5 * e.mentions.len() as f64, &mut scratch);
                }
            }
        }
    }
    for &(cc, a1, w) in &in_orgs {
        ev.add(cc, a1, w, &mut scratch);
    }
    let owns = by_group(&works, owns);
    for w in &mut works {
        w.choice = choose(w, &ev, &owns[w.group], &[]);
    }
    // Passes 2 and 3: evidence from the places chosen in the pass before, weighted by
    // confidence; the chosen points are the anchors of spatial minimality.
    for _pass in 0..2 {
        let mut ev2 = Evidence::default();
        let mut owns2: Vec<Evidence> = Vec::with_capacity(works.len());
        let mut anchors: Vec<(usize, (f64, f64), f64)> = Vec::new();
        for w in &works {
            let mut own = Evidence::default();
            for &(cc, a1) in &w.ctx.qualifiers {
                ev2.add(cc, a1, 1.0, &mut own);
            }
            if let Some((i, _, conf, _)) = &w.choice {
                if let Some(p) = w.cands.get(*i).map(|c| c.p) {
                    ev2.add(p.country, p.admin1, w.weight * conf, &mut own);
                    if *conf >= 0.5 && !(p.is_country() || p.feature == "L.CONT") {
                        anchors.push((w.group, (p.lat, p.lon), *conf * w.weight));
                    }
                }
            }
            owns2.push(own);
        }
        for e in &doc.entities {
            if e.entity_type == EntityType::Nationality {
                if let Some(cc) = e.attributes.get("country").and_then(|v| v.as_str()) {
                    if let Some(p) = t.country(cc) {
                        ev2.add(p.country, "", 0.5 * e.mentions.len() as f64, &mut scratch);
                    }
                }
            }
        }
        for &(cc, a1, w) in &in_orgs {
            ev2.add(cc, a1, w, &mut scratch);
        }
        anchors.sort_by(|a, b| b.2.total_cmp(&a.2));
        anchors.truncate(MAX_ANCHORS);
        let anchors: Vec<(usize, (f64, f64))> =
            anchors.into_iter().map(|(e, p, _)| (e, p)).collect();
        let owns2 = by_group(&works, owns2);
        for w in &mut works {
            let own = &owns2[w.group];
            if w.cands.len() > MAX_SECOND {
                // keep the first pass's best and the most populous others
                let keep = w.choice.as_ref().map(|c| w.cands[c.0].place);
                w.cands
                    .sort_by_key(|c| (Some(c.place) != keep, std::cmp::Reverse(c.p.population)));
                w.cands.truncate(MAX_SECOND);
            }
            w.choice = choose(w, &ev2, own, &anchors);
        }
    }
    for w in &works {
        let Some((i, _, conf, parts)) = &w.choice else {
            continue;
        };
        let Some(p) = w.cands.get(*i).map(|c| c.p) else {
            continue;
        };
        if let Some(e) = doc.entities.get_mut(w.entity) {
            write_place(&mut e.attributes, &p, *conf, parts);
        }
    }
    link_nationalities(t, doc);
}

/// Nationalities link to their country (`Syrian territory`), whether or not the
/// document has a Location.
fn link_nationalities(t: &Table, doc: &mut Document) {
    for e in &mut doc.entities {
        if e.entity_type != EntityType::Nationality {
            continue;
        }
        let Some(cc) = e.attributes.get("country").and_then(|v| v.as_str()) else {
            continue;
        };
        if let Some(p) = t.country(cc) {
            write_place(&mut e.attributes, &p, 0.9, &["demonym"]);
        }
    }
}

/// Most organisation names that carry a place (the attribute `place`, set where the
/// place inside the name was dropped: `University of Mississippi Medical Center`)
/// looked at: bounds the work.
const MAX_ORG_PLACES: usize = 64;

/// The countries and first-order divisions the places inside organisation names
/// (`Mississippi Highway Patrol`) name, each mention's weight 0.5 shared among its
/// namesakes of those levels: document evidence like a Nationality's; and the US
/// counties they name as counties (`Jefferson County Commission`), for the county link.
type OrgPlaces = (Vec<(&'static str, &'static str, f64)>, Vec<CountyKey>);

fn org_places(t: &Table, doc: &Document) -> OrgPlaces {
    let mut out = Vec::new();
    let mut counties = Vec::new();
    let mut norm = String::new();
    let mut levels = Vec::new();
    for m in doc
        .mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Organisation)
        .filter_map(|m| m.attributes.get("place").and_then(|v| v.as_str()))
        .take(MAX_ORG_PLACES)
    {
        normalise_into(m, &mut norm);
        if [" county", " parish"].iter().any(|c| norm.ends_with(c)) {
            counties.extend(
                t.lookup_normalised(&norm)
                    .take(MAX_CANDIDATES)
                    .filter_map(|k| t.get(k))
                    .filter(|p| p.country == "US" && p.is_admin2())
                    .map(|p| (p.country, p.admin1, p.admin2)),
            );
        }
        levels.clear();
        levels.extend(
            t.lookup_normalised(&norm)
                .take(MAX_CANDIDATES)
                .filter_map(|k| t.get(k))
                .filter(|p| p.is_country() || p.is_admin1())
                .map(|p| (p.country, if p.is_admin1() { p.admin1 } else { "" })),
        );
        let n = levels.len() as f64;
        out.extend(levels.iter().map(|&(cc, a1)| (cc, a1, 0.5 / n)));
    }
    (out, counties)
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Writes a place's fields into attributes (replacing a gazetteer's coordinates and id).
pub(crate) fn write_place(a: &mut Attributes, p: &Place, confidence: f64, evidence: &[&str]) {
    match p.geonames {
        Some(g) => {
            a.insert("geonames".into(), g.into());
            if a.get("id")
                .and_then(|v| v.as_str())
                .is_some_and(|s| s.starts_with("geonames:"))
            {
                a.insert("id".into(), format!("geonames:{g}").into());
            }
        }
        None => {
            a.remove("geonames");
            if a.get("id")
                .and_then(|v| v.as_str())
                .is_some_and(|s| s.starts_with("geonames:"))
            {
                a.remove("id");
            }
        }
    }
    a.insert("lat".into(), p.lat.into());
    a.insert("lon".into(), p.lon.into());
    a.insert("feature".into(), p.feature.into());
    a.insert("place_name".into(), p.name.into());
    if p.country.is_empty() {
        a.remove("country");
    } else {
        a.insert("country".into(), p.country.into());
    }
    for (k, v) in [("admin1", p.admin1), ("admin2", p.admin2)] {
        if v.is_empty() {
            a.remove(k);
        } else {
            a.insert(k.into(), v.into());
        }
    }
    if p.population > 0 {
        a.insert("population".into(), p.population.into());
    }
    a.insert(
        "evidence".into(),
        serde_json::Value::Array(evidence.iter().map(|&s| s.into()).collect()),
    );
    a.insert("confidence".into(), round(confidence, 3).into());
}
