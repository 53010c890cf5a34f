//! The place-qualifier recogniser: `Town, St.` and `City, Country`.
//!
//! After a comma, a US state (name, AP or postal abbreviation: `La.`, `Calif.`, `TX`),
//! a country or a first-order division qualifies the place before it. The recogniser
//! makes both Location names: the qualifier (`La.`), and the capitalised words before
//! the comma (`Pineville`) when they name a populated place of the embedded table
//! inside that state or country and no Location mention covers them yet. Cost: one
//! look at each comma token.

use std::collections::BTreeSet;

use crate::document::{Document, EntityType, Mention, MentionKind, TokenKind};
use crate::geo::resolve::{qualifier, surfaces};
use crate::geo::table::{normalise_into, table};
use crate::recognise::Recogniser;
use crate::recognise::spans::{drop_marked, token_text};
use crate::resolve::names::is_first_name;
use crate::span::Span;

/// Confidence of a qualifier (`La.`) or qualified town (`Pineville`) found this way.
const CONFIDENCE: f32 = 0.8;

/// Finds `Town, St.` and `City, Country` places (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct PlaceQualifiers;

impl PlaceQualifiers {
    /// The recogniser.
    pub const fn new() -> Self {
        PlaceQualifiers
    }
}

fn place_mention(span: Span, subtype: &str, attrs: Option<(&str, &str)>) -> Mention {
    let mut m = Mention::new(span, EntityType::Location, CONFIDENCE, "geo");
    m.kind = MentionKind::Name;
    m.subtype = Some(subtype.to_owned());
    if let Some((cc, a1)) = attrs {
        m.attributes.insert("country".into(), cc.into());
        if !a1.is_empty() {
            m.attributes.insert("admin1".into(), a1.into());
        }
    }
    m
}

impl Recogniser for PlaceQualifiers {
    fn name(&self) -> &str {
        "geo"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        qualified(doc, out);
        neighbours(doc, out);
        home_towns(doc, out);
        people_named_like_towns(doc, out);
    }
}

/// `Town, St.` and `City, Country`.
fn qualified(doc: &Document, out: &mut Vec<Mention>) {
    let text = doc.text();
    if !text.contains(", ") {
        return;
    }
    let t = table();
    let tokens = doc.tokens();
    // Location names found so far, by span, for "is it covered?" (sorted by start).
    let places: Vec<Span> = doc
        .mentions()
        .iter()
        .filter(|m| m.entity_type == EntityType::Location && m.kind == MentionKind::Name)
        .map(|m| m.span)
        .collect();
    // A Location that lists places (`Mobile and Pensacola`, a tagger's run-on span) does
    // not cover them: it gives way to the places inside it (`recognise/spans.rs`).
    let lists = |p: Span| {
        text.get(p.range())
            .is_some_and(|t| t.contains(", ") || t.contains(" and "))
    };
    let covered = |s: Span| {
        let i = places.partition_point(|p| p.start <= s.start);
        places[..i]
            .iter()
            .rev()
            .take(4)
            .any(|&p| p.contains(s) && (p == s || !lists(p)))
    };
    let mut norm = String::new();
    for (i, tok) in tokens.iter().enumerate() {
        if tok.kind != TokenKind::Punctuation || doc.span_text(tok.span) != "," || i == 0 {
            continue;
        }
        let Some(q) = qualifier(t, text, tok.span.start, true) else {
            continue;
        };
        // The words before the comma: up to three capitalised word tokens.
        let mut start = None;
        let mut found = false;
        let mut j = i;
        let mut words = 0;
        while j > 0 && words < 3 {
            j -= 1;
            let w = &tokens[j];
            let s = doc.span_text(w.span);
            if w.kind != TokenKind::Word || !s.starts_with(|c: char| c.is_uppercase()) {
                break;
            }
            if j + 1 < i && tokens[j + 1].span.start != w.span.end + 1 {
                break; // words one space apart
            }
            words += 1;
            let span = Span::new(w.span.start, tokens[i - 1].span.end);
            let known = covered(span);
            if known && !q.is_county {
                found = true;
                break;
            }
            normalise_into(doc.span_text(span), &mut norm);
            let inside = t.lookup_normalised(&norm).any(|k| {
                t.get(k).is_some_and(|p| {
                    p.is_populated()
                        && p.country == q.country
                        && (q.admin1.is_empty() || p.admin1 == q.admin1)
                })
            });
            // a county qualifies only a town the table has inside it (`Crawley, West
            // Sussex`; not `near Sarmada, Syria, Cook said`)
            if known {
                found = inside;
                break;
            }
            if inside {
                start = Some(span);
            }
        }
        if let Some(span) = start.filter(|_| !found) {
            out.push(place_mention(span, "city", None));
            found = true;
        }
        // The qualifier is a place when what it qualifies is one.
        if found && !covered(q.span) {
            let subtype = if q.is_country { "country" } else { "region" };
            out.push(place_mention(q.span, subtype, Some((q.country, q.admin1))));
        }
    }
}

/// Confidence of a town found beside a place (`Waco and Temple`, `a Lafayette man`).
const NEIGHBOUR_CONFIDENCE: f32 = 0.6;

/// Seeds looked at (Location names and the towns found from them): bounds the work.
const MAX_SEEDS: usize = 512;

/// Candidates of one name looked at for its divisions.
const MAX_LOOKUP: usize = 64;

/// Nouns after `a Lafayette ...` that make the name before them a place of origin.
const ORIGIN_NOUNS: &[&str] = &[
    "man",
    "woman",
    "men",
    "women",
    "teen",
    "teenager",
    "boy",
    "girl",
    "resident",
    "residents",
    "couple",
    "family",
    "native",
    "firm",
    "company",
    "business",
    "student",
    "driver",
    "mother",
    "father",
    "youth",
];

/// Words after which a town of a division the document names is a place (`reached
/// Natchez`); the rule recogniser's cues (`in`, `near`) without the table are others.
const LOCATIVE_CUES: &[&str] = &[
    "in", "near", "outside", "from", "to", "between", "reached", "hit", "across", "toward",
    "towards", "around", "into", "through", "via", "visited", "leaving", "left",
];

/// The (country, admin1) of the places of the table named `norm`, if it names few.
fn divisions(norm: &str, out: &mut Vec<(&'static str, &'static str)>) {
    let t = table();
    for k in t.lookup_normalised(norm).take(MAX_LOOKUP) {
        if let Some(p) = t.get(k) {
            if !p.country.is_empty() && !p.admin1.is_empty() {
                out.push((p.country, p.admin1));
            }
        }
    }
}

/// Whether the table has a populated place named `norm` in one of `divs` (or a county,
/// parish or borough when `norm` says so: `St. Martin Parish`).
fn town_in(norm: &str, divs: &[(&'static str, &'static str)]) -> bool {
    let t = table();
    let county = [" county", " parish", " borough"]
        .iter()
        .any(|s| norm.ends_with(s));
    t.lookup_normalised(norm).take(MAX_LOOKUP).any(|k| {
        t.get(k).is_some_and(|p| {
            (p.is_populated() || (county && p.is_admin2())) && divs.contains(&(p.country, p.admin1))
        })
    })
}

/// The capitalised words (one to three, one space apart) ending at token `end` (exclusive)
/// going back, or starting at token `start` going on: the whole run, `None` if longer.
fn run(doc: &Document, from: usize, forward: bool) -> Option<(usize, usize)> {
    let tokens = doc.tokens();
    let is_word = |j: usize| {
        tokens.get(j).is_some_and(|w| {
            w.kind == TokenKind::Word
                && doc
                    .span_text(w.span)
                    .starts_with(|c: char| c.is_uppercase())
        })
    };
    let (mut a, mut b) = (from, from); // tokens a..b
    if forward {
        while is_word(b) && b - a < 4 {
            if b > a && tokens[b].span.start != tokens[b - 1].span.end + 1 {
                break;
            }
            b += 1;
        }
    } else {
        while a > 0 && is_word(a - 1) && b - a < 4 {
            if a < b && tokens[a].span.start != tokens[a - 1].span.end + 1 {
                break;
            }
            a -= 1;
        }
    }
    (b > a && b - a <= 3).then_some((a, b))
}

/// Towns beside a Location name: coordinated or listed with it (`Waco and Temple`,
/// `Metairie and Kenner`, `Olathe, Overland Park and Lenexa`) when the table has a
/// populated place of that name in a division one of the Location's namesakes lies in;
/// and `a Lafayette man` when the town lies in a division the document's places name.
/// Nothing another mention covers. Cost: a few token looks and index lookups per
/// Location name (at most [`MAX_SEEDS`]) and per `a`/`an`.
fn neighbours(doc: &Document, out: &mut Vec<Mention>) {
    let tokens = doc.tokens();
    if tokens.is_empty() {
        return;
    }
    // Spans other mentions hold; a weak tagger guess of another type (`Kenner` as a
    // Person at 0.17) does not hold its span against the table and a neighbour.
    let mut taken: BTreeSet<(usize, usize)> = doc
        .mentions()
        .iter()
        .chain(out.iter())
        .filter(|m| {
            !(m.recogniser.as_ref() == "tagger"
                && m.entity_type != EntityType::Location
                && m.confidence < NEIGHBOUR_CONFIDENCE)
        })
        .map(|m| (m.span.start, m.span.end))
        .collect();
    // Shorter place names a longer town may hold inside it (`Springs` of the gazetteer in
    // `High Springs`): the town's one mention is settled after the merge
    // ([`one_mention_per_nested_place`]).
    let place_names: BTreeSet<(usize, usize)> = doc
        .mentions()
        .iter()
        .filter(|m| m.entity_type == EntityType::Location && m.kind == MentionKind::Name)
        .map(|m| (m.span.start, m.span.end))
        .collect();
    // Free: no held span overlaps but a place name strictly inside. Held spans starting
    // before `s` ends, nearest first; they barely nest, so a few looks settle it (the
    // work stays linear).
    let free = |taken: &BTreeSet<(usize, usize)>, s: Span| {
        !taken.range(..(s.end, 0)).rev().take(16).any(|&(a, b)| {
            a < s.end
                && s.start < b
                && !(s.start <= a
                    && b <= s.end
                    && (a, b) != (s.start, s.end)
                    && place_names.contains(&(a, b)))
        })
    };
    let first_tok = |pos: usize| tokens.partition_point(|t| t.span.start < pos);
    let mut seeds: Vec<Span> = doc
        .mentions()
        .iter()
        .chain(out.iter())
        .filter(|m| m.entity_type == EntityType::Location && m.kind == MentionKind::Name)
        .map(|m| m.span)
        .collect();
    seeds.sort_by_key(|s| s.start);
    seeds.dedup();
    let mut norm = String::new();
    let mut divs = Vec::new();
    let mut doc_divs = Vec::new();
    let mut found: Vec<Span> = Vec::new();
    let mut k = 0;
    let mut locatives_done = false;
    loop {
        while k < seeds.len() && k < MAX_SEEDS {
            let seed = seeds[k];
            k += 1;
            normalise_into(doc.span_text(seed), &mut norm);
            divs.clear();
            divisions(&norm, &mut divs);
            doc_divs.extend_from_slice(&divs);
            if divs.is_empty() {
                continue;
            }
            let a = first_tok(seed.start);
            let b = first_tok(seed.end);
            // after the seed: ", X", " and X", " or X", ", and X"
            let mut j = b;
            let mut conn = 0;
            while let Some(t) = tokens.get(j) {
                let w = doc.span_text(t.span);
                if conn < 2 && (w == "," || w == "and" || w == "or") {
                    j += 1;
                    conn += 1;
                } else {
                    break;
                }
            }
            let mut cands = Vec::new();
            if conn > 0 {
                cands.extend(run(doc, j, true));
            }
            // before the seed: "X and ", "X, ", "X or "
            let mut i = a;
            let mut conn = 0;
            while i > 0 && conn < 2 {
                let w = doc.span_text(tokens[i - 1].span);
                if w == "," || w == "and" || w == "or" {
                    i -= 1;
                    conn += 1;
                } else {
                    break;
                }
            }
            if conn > 0 {
                cands.extend(run(doc, i, false));
            }
            for (x, y) in cands {
                let span = Span::new(tokens[x].span.start, tokens[y - 1].span.end);
                if !free(&taken, span) {
                    continue;
                }
                // "Paris, Texas": the qualifier recogniser's business
                if tokens
                    .get(x.wrapping_sub(1))
                    .is_some_and(|t| doc.span_text(t.span) == ",")
                    && qualifier(table(), doc.text(), tokens[x - 1].span.start, false).is_some()
                {
                    continue;
                }
                normalise_into(doc.span_text(span), &mut norm);
                if town_in(&norm, &divs) {
                    taken.insert((span.start, span.end));
                    found.push(span);
                    seeds.push(span);
                }
            }
        }
        doc_divs.sort_unstable();
        doc_divs.dedup();
        if locatives_done || doc_divs.is_empty() {
            break;
        }
        locatives_done = true;
        // "reached Natchez", "between Hattiesburg and ...": a town of a division the
        // document names, after a locative word; its neighbours are looked at next.
        for (i, t) in tokens.iter().enumerate() {
            if !LOCATIVE_CUES.contains(&doc.span_text(t.span)) {
                continue;
            }
            let Some((x, y)) = run(doc, i + 1, true) else {
                continue;
            };
            let span = Span::new(tokens[x].span.start, tokens[y - 1].span.end);
            if !free(&taken, span) {
                continue;
            }
            let words = doc.span_text(span);
            if y == x + 1 && is_first_name(words) {
                continue; // "to Laurel" may be a person
            }
            // "of Georgia's", "Paris, Texas": the possessive and the qualifier are others' business
            if tokens.get(y).is_some_and(|n| {
                let n = doc.span_text(n.span);
                n == "'s" || n == "’s" || n == "'" || n == "’"
            }) {
                continue;
            }
            normalise_into(words, &mut norm);
            if town_in(&norm, &doc_divs) {
                taken.insert((span.start, span.end));
                found.push(span);
                seeds.push(span);
            }
        }
    }
    // "a Lafayette man"
    if !doc_divs.is_empty() {
        for (i, t) in tokens.iter().enumerate() {
            let w = doc.span_text(t.span);
            if !matches!(w, "a" | "A" | "an" | "An") {
                continue;
            }
            let Some((x, y)) = run(doc, i + 1, true) else {
                continue;
            };
            let Some(next) = tokens.get(y) else { continue };
            if !ORIGIN_NOUNS.contains(&doc.span_text(next.span)) {
                continue;
            }
            let span = Span::new(tokens[x].span.start, tokens[y - 1].span.end);
            if !free(&taken, span) {
                continue;
            }
            normalise_into(doc.span_text(span), &mut norm);
            if town_in(&norm, &doc_divs) {
                taken.insert((span.start, span.end));
                found.push(span);
            }
        }
    }
    for span in found {
        let mut m = place_mention(span, "city", None);
        m.confidence = NEIGHBOUR_CONFIDENCE;
        out.push(m);
    }
}

/// `Madison Pierce, 17, of Starkville`: the capitalised words (one to three) after a
/// person's age and `of`, followed by a comma, a full stop, a semicolon or the end, are
/// a town when the table has a populated place of that name (the news style of an age
/// and a home town). Nothing another mention holds. Cost: a few token looks per `of`.
fn home_towns(doc: &Document, out: &mut Vec<Mention>) {
    let tokens = doc.tokens();
    let t = table();
    let held: BTreeSet<(usize, usize)> = doc
        .mentions()
        .iter()
        .chain(out.iter())
        .filter(|m| !(m.recogniser.as_ref() == "tagger" && m.confidence < NEIGHBOUR_CONFIDENCE))
        .map(|m| (m.span.start, m.span.end))
        .collect();
    let mut norm = String::new();
    let mut found = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        if i < 3 || doc.span_text(tok.span) != "of" {
            continue;
        }
        let age = doc.span_text(tokens[i - 2].span);
        if doc.span_text(tokens[i - 1].span) != ","
            || doc.span_text(tokens[i - 3].span) != ","
            || !(1..=3).contains(&age.len())
            || !age.bytes().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let Some((x, y)) = run(doc, i + 1, true) else {
            continue;
        };
        if !tokens
            .get(y)
            .is_none_or(|n| matches!(doc.span_text(n.span), "," | "." | ";"))
        {
            continue;
        }
        let span = Span::new(tokens[x].span.start, tokens[y - 1].span.end);
        if held
            .range(..(span.end, 0))
            .rev()
            .take(8)
            .any(|&(a, b)| a < span.end && span.start < b)
        {
            continue;
        }
        normalise_into(doc.span_text(span), &mut norm);
        if t.lookup_normalised(&norm)
            .any(|k| t.get(k).is_some_and(|p| p.is_populated()))
        {
            found.push(span);
        }
    }
    for span in found {
        let mut m = place_mention(span, "city", None);
        m.confidence = NEIGHBOUR_CONFIDENCE;
        out.push(m);
    }
}

/// Confidence of a person found in place of a town (`Sheriff Tyler Austin`).
const PERSON_CONFIDENCE: f32 = 0.9;

/// Words of the first-names table that are common words or name parts before a town
/// (`In Olathe`, `Santa Fe`), never taken for a first name here.
const NOT_FIRST_NAMES: &[&str] = &[
    "in", "so", "will", "may", "long", "glen", "santa", "major", "general", "young", "king", "van",
    "de", "del", "la", "le",
];

/// Words after a bare surname that say a person, not a town (`Austin said`, `Paris
/// claims`): verbs of saying and recalling in the third person (a town standing for its
/// government announces, reports and warns, so those are left out).
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "testified",
    "claimed",
    "claims",
    "wrote",
    "writes",
    "recalled",
    "recalls",
    "explained",
    "explains",
    "admitted",
    "admits",
    "replied",
    "recounted",
    "remembered",
    "remembers",
];

/// Words that may stand between a bare surname and its speech verb (`Paris also claims`,
/// `Austin has said`).
const BEFORE_SPEECH: &[&str] = &["also", "later", "then", "has", "had", "once", "previously"];

/// True when the tokens from `a` on are a speech verb, or one of [`BEFORE_SPEECH`] and a
/// speech verb, or `was born` (`Paris was born in Switzerland`).
fn speech_follows(doc: &Document, tokens: &[crate::document::Token], a: usize) -> bool {
    let word = |i: usize| tokens.get(i).map_or("", |k| doc.span_text(k.span));
    let w = word(a);
    SPEECH_VERBS.contains(&w)
        || (BEFORE_SPEECH.contains(&w) && SPEECH_VERBS.contains(&word(a + 1)))
        || (w == "was" && word(a + 1) == "born")
}

/// People whose surname is a town: a first name of the names table right before a
/// one-word gazetteer town (`Tyler Austin`, `Chelsea Clinton`), the two no place of the
/// table together (`Glen Burnie`) and the first name no Location itself (`Austin
/// Texas`), is a Person; so is the bare surname later in the document when a speech
/// verb follows it (`Austin said`, `Paris also claims`, `Paris was born`), for such a person or any two-word Person name of
/// the document. The town inside the person goes in `recognise/spans.rs`. Cost: one
/// look back per one-word town mention and one hash set of surnames.
fn people_named_like_towns(doc: &Document, out: &mut Vec<Mention>) {
    let tokens = doc.tokens();
    let text = doc.text();
    let t = table();
    let is_town = |m: &Mention| {
        m.entity_type == EntityType::Location
            && m.kind == MentionKind::Name
            && m.subtype.as_deref() == Some("city")
            && text
                .get(m.span.range())
                .is_some_and(|w| !w.contains(' ') && w.starts_with(|c: char| c.is_uppercase()))
    };
    let places: BTreeSet<(usize, usize)> = doc
        .mentions()
        .iter()
        .filter(|m| m.entity_type == EntityType::Location)
        .map(|m| (m.span.start, m.span.end))
        .collect();
    let in_place = |s: Span| {
        places
            .range(..(s.end, 0))
            .rev()
            .take(8)
            .any(|&(a, b)| a < s.end && s.start < b)
    };
    let mut surnames: std::collections::HashSet<&str> = doc
        .mentions()
        .iter()
        .filter(|m| m.entity_type == EntityType::Person && m.kind == MentionKind::Name)
        .filter_map(|m| {
            let s = text.get(m.span.range())?;
            let mut w = s.split_whitespace();
            let (first, last) = (w.next()?, w.next_back()?);
            (first != last).then_some(last)
        })
        .collect();
    let mut norm = String::new();
    let mut people = Vec::new();
    for m in doc.mentions().iter().filter(|m| is_town(m)) {
        let a = tokens.partition_point(|k| k.span.start < m.span.start);
        if a == 0 || tokens.get(a).is_none_or(|k| k.span != m.span) {
            continue;
        }
        let p = &tokens[a - 1];
        let first = doc.span_text(p.span);
        if p.kind != TokenKind::Word
            || p.span.end + 1 != m.span.start
            || !first.starts_with(|c: char| c.is_uppercase())
            || !is_first_name(first)
            || NOT_FIRST_NAMES
                .iter()
                .any(|w| first.eq_ignore_ascii_case(w))
            || in_place(p.span)
        {
            continue;
        }
        let span = Span::new(p.span.start, m.span.end);
        normalise_into(doc.span_text(span), &mut norm);
        if t.lookup_normalised(&norm).next().is_some() {
            continue;
        }
        people.push(span);
        surnames.insert(doc.span_text(m.span));
    }
    if surnames.is_empty() {
        return;
    }
    // the people named in full, whose surname is no person of its own
    let named: BTreeSet<(usize, usize)> = doc
        .mentions()
        .iter()
        .filter(|m| m.entity_type == EntityType::Person && m.kind == MentionKind::Name)
        .map(|m| (m.span.start, m.span.end))
        .chain(people.iter().map(|s| (s.start, s.end)))
        .collect();
    let in_person = |s: Span| {
        named
            .range(..(s.start, 0))
            .rev()
            .take(8)
            .any(|&(_, b)| s.end <= b)
    };
    for m in doc.mentions().iter().filter(|m| is_town(m)) {
        if !surnames.contains(doc.span_text(m.span)) || in_person(m.span) {
            continue;
        }
        let a = tokens.partition_point(|k| k.span.start < m.span.end);
        if speech_follows(doc, tokens, a) {
            people.push(m.span);
        }
    }
    for span in people {
        let mut m = Mention::new(span, EntityType::Person, PERSON_CONFIDENCE, "geo");
        m.kind = MentionKind::Name;
        out.push(m);
    }
}

/// Place cues after which a name the place table does not know is seldom a place:
/// `from` names sources and people (`a header from Kevin De Bruyne`, `a quote from
/// NTRC`), `into` and `through` media and products (`Covert into DVD`).
const WEAK_CUES: &[&str] = &["from", "into", "through"];

/// First names that are also Arabic or Spanish articles of place names (`Al Huwayjah`).
const ARTICLES: &[&str] = &["Al", "El"];

/// Whether a capitalised name after a place cue (`in X`, `from X`: `span`, in `text`
/// tokenised as `tokens`) is no place: the place table does not know it and its context
/// points elsewhere:
///
/// - a weak cue before it (`from`, `into`, `through`: `a quote from NTRC`);
/// - `the` before it (`in the Congressional Record`, `in the HR department`: an
///   unknown place name seldom takes an article; `the Hague` is in the table);
/// - a possessive after it (`from Warhol's photographs`);
/// - a first name of the names table as its first word (`from Pauline`, `from Eden
///   Hazard`), not the articles `Al`, `El`.
///
/// The context rules ask it before they guess a place, so the tagger, which reads their
/// guesses, decides such a name alone (`competition from Microsoft`, which the tagger
/// used to leave to the guess). Development figures on third-party annotation
/// (MEANTIME, GUM, EWT, BTC, re3d): of the 389 such guesses the table does not know,
/// these contexts pick 192, of which 145 are no gold Location (docs/geo.md, fifth
/// round). `norm` is a scratch buffer. A few token looks and, for a weak context only,
/// one index lookup.
pub(crate) fn weak_unknown_place(
    text: &str,
    tokens: &[crate::document::Token],
    span: Span,
    norm: &mut String,
) -> bool {
    let word = |i: usize| token_text(text, tokens, i);
    let Some(name) = text.get(span.range()) else {
        return false;
    };
    let first = tokens.partition_point(|k| k.span.start < span.start);
    let before = first.checked_sub(1).map_or("", word);
    let the = before.eq_ignore_ascii_case("the");
    let cue = if the {
        first.checked_sub(2).map_or("", word)
    } else {
        before
    };
    let rest = text.get(span.end..).unwrap_or("");
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let possessive = ["'s", "\u{2019}s"].iter().any(|p| {
        rest.strip_prefix(p)
            .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
    });
    let first_word = name.split_whitespace().next().unwrap_or("");
    let person = is_first_name(first_word) && !ARTICLES.contains(&first_word);
    let weak = WEAK_CUES.iter().any(|w| cue.eq_ignore_ascii_case(w));
    if !(weak || the || possessive || person) {
        return false;
    }
    normalise_into(name, norm);
    table().lookup_normalised(norm).next().is_none()
}

/// Longest run of mentions looked at inside one tagger Location name.
const MAX_NESTED: usize = 8;

/// One mention per place name where the tagger's Location name (or a town this module
/// found, `High Springs` around the gazetteer's `Springs`) holds another Location
/// name (`Washington D.C.` around `Washington`, `Santa Barbara Zoo` around `Santa
/// Barbara`, `Warren County Regional Jail` around `Warren County`): the outer stays
/// when the place table knows it (its name, or a direction word or feature suffix
/// away: `Eastern Ukraine`), else the inner place the table knows, else the outer.
/// So the mention kept is the one that goes on the map, and nested duplicates do not
/// count twice. Rule and gazetteer names around places (`Mosul district` around
/// `Mosul`, `Gulf of Mexico`) are settled by `recognise/spans.rs` and stay.
///
/// Development figures (overlap F1 of Location names, with the weak place guesses gone):
/// MEANTIME dev 0.748 -> 0.751, GUM 0.622 -> 0.620, EWT 0.813 -> 0.821, BTC 0.741 ->
/// 0.750 (docs/geo.md, fifth round). Linear: at most [`MAX_NESTED`] mentions looked
/// at per tagger name, a few index lookups each.
pub(crate) fn one_mention_per_nested_place(doc: &mut Document) {
    let is_name =
        |m: &Mention| m.entity_type == EntityType::Location && m.kind == MentionKind::Name;
    // the tagger's names, and the towns found beside places or after locative words
    let is_outer = |m: &Mention| matches!(m.recogniser.as_ref(), "tagger" | "geo");
    let mentions = &doc.mentions;
    if !mentions.iter().any(|m| is_name(m) && is_outer(m)) {
        return;
    }
    let t = table();
    let text = doc.text.as_str();
    let (mut forms, mut cues, mut norm) = (Vec::new(), Vec::new(), String::new());
    let mut known = |s: Span| {
        forms.clear();
        cues.clear();
        surfaces(text.get(s.range()).unwrap_or(""), &mut forms, &mut cues);
        forms.iter().any(|f| {
            normalise_into(f, &mut norm);
            t.lookup_normalised(&norm).next().is_some()
        })
    };
    let mut gone = vec![false; mentions.len()];
    for (n, o) in mentions.iter().enumerate() {
        if gone[n] || !is_name(o) || !is_outer(o) {
            continue;
        }
        let mut outer_known = None;
        for (j, inner) in mentions.iter().enumerate().skip(n + 1).take(MAX_NESTED) {
            if inner.span.start >= o.span.end {
                break;
            }
            if gone[j] || !is_name(inner) || inner.span == o.span || !o.span.contains(inner.span) {
                continue;
            }
            let outer = *outer_known.get_or_insert_with(|| known(o.span));
            if !outer && known(inner.span) {
                gone[n] = true;
                break;
            }
            gone[j] = true;
        }
    }
    if gone.contains(&true) {
        drop_marked(&mut doc.mentions, &gone);
    }
}
