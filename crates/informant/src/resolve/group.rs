//! Grouping mentions into entities: deterministic sieves in the Stanford style
//! (Lee et al. 2013), run in one pass in text order.
//!
//! Each mention tries the sieves from the most precise down and joins the entity of
//! the first that finds one; the sieve is kept as its [`Resolution`]:
//!
//! - **names** ([`Resolution::ExactName`], [`Resolution::Acronym`],
//!   [`Resolution::RelaxedName`]): the same gazetteer entry or normalised text; a
//!   defined acronym; a person's words as a subset of an earlier person's (or the
//!   reverse); an organisation's words, company suffixes aside, as the start of an
//!   earlier one's (or the reverse); the name after a lower-case description
//!   (`Irish national airline Aer Lingus`);
//! - **appositives** ([`Resolution::Appositive`]): a name and a nominal of one type
//!   side by side in a sentence, parted by a comma or nothing (`Bashar al-Assad,
//!   the Syrian president`; `Ryanair CEO, Michael O'Leary`);
//! - **titles** ([`Resolution::Title`]): a person nominal whose head is the title
//!   an earlier person carried (`the senator` after `Senator John McCain`);
//! - **nominal heads** ([`Resolution::Nominal`]): a definite singular nominal whose
//!   head was said of an entity (an appositive's head, a word of its name: `the
//!   bank` after `Bank of America`), else whose head is a class word for the type
//!   (`the company`, `the carmaker`, `the country`), for the nearest such entity
//!   named in this or the three sentences before; `the regime` for the one
//!   government named; a class nominal no recogniser marked (`the device`, `the
//!   plane`, `the automaker`: `nominals.rs`) for the nearest named product, vehicle
//!   or company, a mention only when it links; a company nominal passes over a
//!   company its trade (`manufacturer`, `airline`) or its modifier's country (`the US
//!   manufacturer`) contradicts and prefers one that agrees; plural market phrases
//!   (`US stock markets`, `Global markets`) are Financial nominals, one entity per
//!   head and scope;
//!   an office nominal no recogniser marked (`the CEO`, `the company's chairman`)
//!   only for a person said before to hold the office (a title, an appositive, or a
//!   role said in or right before the name: `Apple CEO Steve Jobs`);
//! - **pronouns** ([`Resolution::Pronoun`]): `he`/`she` for a person (gender from a
//!   title or a role noun where one tells it), `it` for an organisation, place or
//!   thing, `they` for an organisation or a plural, the one fitting entity of the
//!   nearest sentence that has one (this one before the pronoun, or up to three
//!   before). Two fitting persons there: the subject of their sentence, else no
//!   guess; `it` and `they` never stand for an entity that was only a pronoun.
//!
//! What the sieves do not link starts an entity of its own ([`Resolution::First`]).
//! Pronouns no recogniser marked (`it`, `its`, `they`) become mentions only when
//! they link.
//!
//! Cost: every lookup is a hash-map probe on a key (name, word, title, head) whose
//! candidate list is capped ([`MAX_PER_KEY`]), or a walk back through the last
//! mentions capped at [`MAX_BACK`]; so the work per mention is bounded and the
//! whole pass is linear in the number of mentions.

use crate::document::{Attributes, Document, Entity, EntityType, Mention, MentionKind, Resolution};
use crate::recognise::phrases::FastMap as HashMap;
use crate::span::Span;
use crate::steps;

use super::nominals::{self, Candidate};
use super::pronouns::{self, Agreement, Gender};
use super::{canonical, name_words, person_or_surface, strip_article};

/// Entities kept per index key (the most recent): a word shared by many names
/// (`Air` in every air force) costs no more than this per lookup.
const MAX_PER_KEY: usize = 8;
/// Mentions a pronoun or nominal walks back through at most.
const MAX_BACK: usize = 64;
/// Sentences back a pronoun or a class nominal looks for its entity.
const WINDOW: usize = 3;

/// Heads of definite nominals that stand for an organisation named just before.
const ORG_HEADS: &[&str] = &[
    "company",
    "firm",
    "corporation",
    "group",
    "business",
    "carmaker",
    "automaker",
    "manufacturer",
    "maker",
    "airline",
    "carrier",
    "airframer",
    "planemaker",
    "bank",
    "lender",
    "insurer",
    "retailer",
    "giant",
    "conglomerate",
    "agency",
    "organisation",
    "organization",
    "organisers",
    "producer",
    "supplier",
    "operator",
    "developer",
    "publisher",
    "network",
    "broadcaster",
    "newspaper",
    "party",
    "ministry",
    "department",
    "militia",
    "movement",
    "alliance",
    "coalition",
    "union",
    "club",
    "consortium",
    "subsidiary",
    "unit",
    "division",
    "court",
    "council",
    "committee",
    "board",
    "army",
    "force",
];

/// Heads of definite nominals that stand for a country named just before.
const COUNTRY_HEADS: &[&str] = &["country", "nation", "republic", "kingdom"];

/// Heads of definite nominals that stand for any place named just before.
/// (Not `area`, `region`, `village`, `town`: on GUM those were wrong more often than right.)
const PLACE_HEADS: &[&str] = &["city", "capital", "island", "airport", "airbase", "port"];

/// Words of organisation names that say what they are, not which: left out of keys.
const ORG_SUFFIXES: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "co",
    "ltd",
    "plc",
    "llc",
    "group",
    "company",
    "sa",
    "ag",
    "nv",
    "n.v",
    "gmbh",
    "limited",
    "holdings",
];

/// Words of names that say nothing of the entity, left out of the head index.
const STOPWORDS: &[&str] = &["of", "the", "and", "for", "de", "in", "on", "&"];

/// Role nouns: the heads of nominals that describe a person (`the Syrian president`,
/// `Apple's chief executive`), looked for after a person's name (`X, the Y,`).
const ROLE_NOUNS: &[&str] = &[
    "president",
    "president-elect",
    "vice-president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "ceo",
    "cfo",
    "coo",
    "executive",
    "director",
    "chief",
    "head",
    "leader",
    "founder",
    "co-founder",
    "cofounder",
    "commander",
    "general",
    "colonel",
    "captain",
    "admiral",
    "lieutenant",
    "sergeant",
    "senator",
    "congressman",
    "congresswoman",
    "governor",
    "mayor",
    "ambassador",
    "envoy",
    "diplomat",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "monarch",
    "emir",
    "sheikh",
    "cleric",
    "imam",
    "ruler",
    "dictator",
    "manager",
    "officer",
    "official",
    "owner",
    "boss",
    "editor",
    "correspondent",
    "journalist",
    "reporter",
    "analyst",
    "economist",
    "professor",
    "researcher",
    "judge",
    "prosecutor",
    "lawyer",
    "attorney",
    "adviser",
    "advisor",
    "commissioner",
    "inspector",
    "candidate",
    "activist",
    "member",
    "representative",
    "deputy",
    "engineer",
    "pilot",
    "author",
    "writer",
    "actor",
    "actress",
    "singer",
    "player",
    "coach",
    "partner",
    "employee",
];

/// Role nouns that never head an organisation's name: a nominal headed by one is a
/// person whatever type the recogniser gave it (`the Syrian president`).
fn person_role(head: &str) -> bool {
    ROLE_NOUNS.contains(&head)
        && !matches!(
            head,
            "executive" | "head" | "partner" | "member" | "representative" | "chair"
        )
}

/// The role a person nominal says, as a key that its other wordings share: `the chief
/// executive`, `Apple's CEO` and `chief executive officer` are `ceo`; `chief financial
/// officer` and `CFO` are `cfo`; a chairwoman is a `chairman`; else the head, when it
/// is a role noun. `None` when the nominal ends in no role noun.
fn role_key(surface: &str) -> Option<String> {
    let words: Vec<String> = surface
        .split_whitespace()
        .map(|w| {
            w.trim_end_matches("’s")
                .trim_end_matches("'s")
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    let head = words.last()?;
    if !ROLE_NOUNS.contains(&head.as_str()) {
        return None;
    }
    // The run of role nouns that ends the phrase ("chief executive officer").
    let run: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| {
            ROLE_NOUNS.contains(&w.as_str()) || matches!(w.as_str(), "financial" | "operating")
        })
        .map(String::as_str)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(
        match run.as_slice() {
            [.., "ceo"] | [.., "chief", "executive"] | [.., "chief", "executive", "officer"] => {
                "ceo"
            }
            [.., "cfo"] | [.., "chief", "financial", "officer"] => "cfo",
            [.., "coo"] | [.., "chief", "operating", "officer"] => "coo",
            [.., "chairwoman" | "chairperson"] => "chairman",
            _ => head.as_str(),
        }
        .to_owned(),
    )
}

/// The keys a nominal is indexed and looked up under in `by_head`: its head and, for a
/// person, also the role in other words ([`role_key`]: `the CEO` after `the chief
/// executive`) when that differs from the head.
///
/// A person nominal led by a capitalised owner (`Apple's chief executive`, `the GM
/// chairman`, `Apple CEO`) is also indexed under each key with the owner before it
/// (`apple ceo`), which is what an office led by a possessor looks up (see
/// [`Resolver::class_nominal`]): `GM's chief executive` is not Apple's.
fn head_keys(head: String, surface: &str, person: bool) -> impl Iterator<Item = String> {
    let role = person
        .then(|| role_key(surface))
        .flatten()
        .filter(|k| *k != head);
    let owner = person.then(|| role_owner(surface)).flatten();
    let plain = [Some(head), role];
    let owned = owner.map(|o| {
        plain
            .iter()
            .flatten()
            .map(|k| format!("{o} {k}"))
            .collect::<Vec<_>>()
    });
    plain
        .into_iter()
        .flatten()
        .chain(owned.into_iter().flatten())
}

/// The capitalised owner that leads a role phrase (`Apple` in `Apple's chief
/// executive`, `the Airbus chief executive`, `GM chairman`), in lower case; `None`
/// when the phrase starts with no such word.
fn role_owner(surface: &str) -> Option<String> {
    let mut words = surface.split_whitespace();
    let mut first = words.next()?;
    if matches!(first, "the" | "The") {
        first = words.next()?;
    }
    let bare = first.trim_end_matches("’s").trim_end_matches("'s");
    let lower = bare.to_lowercase();
    (bare.starts_with(char::is_uppercase)
        && bare.chars().all(|c| c.is_alphanumeric() || c == '-')
        && words.next().is_some()
        && !ROLE_NOUNS.contains(&lower.as_str())
        && !OFFICE_ROLES.contains(&lower.as_str()))
    .then_some(lower)
}

/// Role nouns that tell a person's gender.
fn role_gender(word: &str) -> Option<Gender> {
    match word {
        "mr" | "sir" | "lord" | "king" | "prince" | "man" | "father" | "son" | "husband"
        | "brother" | "spokesman" | "chairman" | "businessman" | "congressman" | "boy" => {
            Some(Gender::Male)
        }
        "mrs" | "ms" | "miss" | "madam" | "lady" | "dame" | "queen" | "princess" | "woman"
        | "mother" | "daughter" | "wife" | "sister" | "spokeswoman" | "chairwoman"
        | "businesswoman" | "congresswoman" | "girl" | "actress" => Some(Gender::Female),
        _ => None,
    }
}

struct Group {
    entity_type: EntityType,
    subtype: Option<String>,
    /// The longest person name's words (for relaxed matching).
    words: Vec<String>,
    /// The name came from a gazetteer entry (then no surface form replaces it).
    authoritative: bool,
    /// A gazetteer entry's facts were copied into the attributes.
    entry_seen: bool,
    /// Some mention names a government ("the Kremlin", "the Syrian government").
    government: bool,
    name: String,
    /// What kind of mention gave the name: 3 a name, 2 a nominal, 1 a pronoun.
    name_rank: u8,
    title: Option<String>,
    gender: Option<Gender>,
    /// The line of business a nominal, a description or a name word said of it
    /// (`the manufacturer`, `Irish airline Aer Lingus`, `Singapore Airlines`).
    trade: Option<nominals::Trade>,
    /// Every mention so far is a plural nominal ("investors").
    plural: bool,
    /// Some mention is a name.
    named: bool,
    /// The sentence (ordinal) of its latest mention.
    last_sentence: usize,
    /// Heads and role keys of its nominals said before it had a name (`Apple CEO` in
    /// `Apple CEO Steve Jobs`), indexed once a name joins it.
    unnamed_heads: Vec<String>,
    /// The latest sentence it was the subject of (its first mention, at most two
    /// words and no comma before it).
    subject: Option<usize>,
    mentions: Vec<usize>,
    evidence: Vec<Resolution>,
    attributes: Attributes,
}

impl Group {
    fn new(m: &Mention) -> Group {
        Group {
            entity_type: m.entity_type,
            subtype: m.subtype.clone(),
            words: Vec::new(),
            authoritative: false,
            entry_seen: false,
            government: false,
            name: String::new(),
            name_rank: 0,
            title: None,
            gender: None,
            trade: None,
            plural: false,
            named: false,
            last_sentence: 0,
            unnamed_heads: Vec::new(),
            subject: None,
            mentions: Vec::new(),
            evidence: Vec::new(),
            attributes: Attributes::new(),
        }
    }
}

/// One mention already placed, for the walk back of pronouns and nominals.
#[derive(Clone, Copy)]
struct Placed {
    /// Sentences that ended before it (an ordinal, not an index into the sentences).
    sentence: usize,
    group: usize,
    /// It lies inside an earlier mention ("Singapore" in "Singapore Airlines").
    nested: bool,
    /// A possessive `'s` follows it ("Apple's chief executive"): a modifier of another
    /// noun phrase, seldom what a later `it` stands for.
    possessor: bool,
}

/// The previous mention that was not nested, for appositives.
#[derive(Clone, Copy)]
struct Prev {
    end: usize,
    sentence: usize,
    kind: MentionKind,
    entity_type: EntityType,
    group: usize,
}

#[derive(Default)]
struct Index {
    /// (type, normalised name or canonical entry) -> entity.
    by_key: HashMap<(EntityType, String), usize>,
    /// A person-name word -> the persons whose names hold it.
    by_word: HashMap<String, Vec<usize>>,
    /// (type, first word of a name without suffixes) -> entities, for prefix matches.
    by_first: HashMap<(EntityType, String), Vec<usize>>,
    /// Full title (lower case) -> the person who last carried it.
    by_title: HashMap<String, usize>,
    /// A title's last word -> the person who last carried it.
    by_title_head: HashMap<String, usize>,
    /// (type, head noun or name word) -> the entities said to be one.
    by_head: HashMap<(EntityType, String), Vec<usize>>,
    /// Governments named so far (two are enough to know it is ambiguous).
    governments: Vec<usize>,
    /// The initials of an organisation's name of two words or more (`GM` for `General
    /// Motors`) -> that organisation.
    by_initials: HashMap<String, usize>,
    /// An organisation named by an acronym alone (`GM`), by the acronym -> it.
    by_acronym: HashMap<String, usize>,
    /// Market phrases (`US stock markets`) by head and scope -> their entity.
    markets: HashMap<(nominals::MarketHead, Option<String>), usize>,
    /// The latest market entity of each head, for a phrase that says no scope.
    last_market: HashMap<nominals::MarketHead, usize>,
}

/// Whether a name is an acronym: two to five capital letters (`GM`, `IBM`).
fn is_acronym(surface: &str) -> bool {
    (2..=5).contains(&surface.len()) && surface.bytes().all(|b| b.is_ascii_uppercase())
}

/// The initials of an organisation's name words of two or more (`gm` for `general
/// motors`; `of`, `the`, company suffixes aside), `None` for one word.
fn initials(words: &[String]) -> Option<String> {
    let w = org_words(words);
    let letters: String = w
        .iter()
        .filter(|x| !STOPWORDS.contains(&x.as_str()))
        .filter_map(|x| x.chars().next())
        .collect();
    (letters.chars().count() >= 2 && letters.chars().all(|c| c.is_alphabetic())).then_some(letters)
}

fn push_capped(v: &mut Vec<usize>, gi: usize) {
    if v.last() == Some(&gi) {
        return;
    }
    v.retain(|&x| x != gi);
    if v.len() >= MAX_PER_KEY {
        v.remove(0);
    }
    v.push(gi);
}

/// The lower-case head (last word) of a nominal, without a possessive.
fn head_of(surface: &str) -> String {
    let last = surface
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_matches(|c: char| !c.is_alphanumeric());
    last.to_lowercase()
}

/// Whether a nominal is definite: `the`, `this`, `that` or no determiner at all.
fn definite(surface: &str) -> bool {
    let first = surface
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    !matches!(
        first.as_str(),
        "a" | "an"
            | "another"
            | "one"
            | "some"
            | "any"
            | "many"
            | "several"
            | "each"
            | "every"
            | "no"
            | "other"
            | "such"
    )
}

/// A plural head: `investors`, `lawmakers` (not `press`, `news`, `series`).
fn plural_head(head: &str) -> bool {
    head.len() > 3
        && head.ends_with('s')
        && !head.ends_with("ss")
        && !head.ends_with("us")
        && !head.ends_with("is")
        && !matches!(
            head,
            "news" | "series" | "species" | "headquarters" | "airways"
        )
}

/// An organisation's name words without company suffixes.
fn org_words(words: &[String]) -> Vec<String> {
    let mut w: Vec<String> = words.to_vec();
    while w.len() > 1
        && w.last()
            .is_some_and(|x| ORG_SUFFIXES.contains(&x.trim_end_matches('.')))
    {
        w.pop();
    }
    w
}

/// Where the proper-name core of an organisation's name starts when a lower-case
/// description leads it: `Irish national airline Aer Lingus`, `aircraft manufacturer
/// Boeing`, `European aircraft manufacturer, Airbus`, `Airbus parent EADS` (the byte
/// offset of `Aer`, `Boeing`, `Airbus`, `EADS`). `None` when no description leads
/// (`Bank of America`: `of` is part of the name) or nothing capitalised follows it.
fn descriptor_core(surface: &str) -> Option<usize> {
    let mut core = None;
    let mut pos = 0;
    for word in surface.split(' ') {
        pos += word.len() + 1;
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        // A description word is all lower case ("airline", "low-cost"; not "eBay").
        let lower = !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-');
        if lower && !STOPWORDS.contains(&w) {
            core = Some(pos);
        }
    }
    let c = core?;
    let rest = surface.get(c..)?;
    let words = name_words(rest);
    let only_suffixes = words
        .iter()
        .all(|w| ORG_SUFFIXES.contains(&w.trim_end_matches('.')));
    (rest.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit()) && !only_suffixes)
        .then_some(c)
}

/// A definite nominal for a government: "the regime", "the government", "the administration".
fn is_government_nominal(surface: &str) -> bool {
    let s = surface.to_ascii_lowercase();
    (s.starts_with("the ") || s.starts_with("this "))
        && ["regime", "government", "administration"]
            .iter()
            .any(|h| s.ends_with(h))
        && s.split_whitespace().count() <= 3
}

/// A role nominal right after a person's name, as an appositive: `X, the Syrian
/// president,`; `X, Apple's chief executive.`; `X, minister of transport`. `None` when
/// there is none or a mention already covers or crosses it (`next`: the mentions
/// after the name, in order).
fn role_after(
    text: &str,
    name: &Mention,
    sentence_end: usize,
    next: &[Option<Mention>],
) -> Option<Mention> {
    let rest = text.get(name.span.end..sentence_end)?;
    let body = rest.strip_prefix(", ")?;
    let start = name.span.end + 2;
    let mut offset = 0;
    let mut end = None;
    for word in body.split(' ').take(6) {
        steps::count();
        let w = word.trim_end_matches([',', '.', ';', ':', ')']);
        let bare = w.trim_end_matches("'s").trim_end_matches("’s");
        if bare.is_empty() || !bare.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        let lower = bare.to_lowercase();
        if ROLE_NOUNS.contains(&lower.as_str()) && bare.len() == w.len() {
            // The longest run of role nouns: "chief executive", "prime minister".
            end = Some(start + offset + w.len());
            if w.len() < word.len() {
                break;
            }
            offset += word.len() + 1;
            continue;
        }
        if end.is_some() {
            break;
        }
        // A word with punctuation after it ends the phrase before any role noun.
        if w.len() < word.len() {
            return None;
        }
        offset += word.len() + 1;
    }
    let end = end?;
    // Then punctuation, the sentence's end, or a word in lower case ("of Syria"):
    // not a name, for which the role noun would be a title ("Russian President Putin").
    let tail = &text[end..sentence_end];
    let ok = match tail.chars().next() {
        None => true,
        Some(' ') => tail[1..].starts_with(|c: char| c.is_lowercase()),
        Some(c) => matches!(c, ',' | '.' | ';' | ':' | ')'),
    };
    if !ok {
        return None;
    }
    let span = crate::span::Span::new(start, end);
    for m in next.iter().flatten().take(8) {
        steps::count();
        if m.span.start >= end {
            break;
        }
        // Already found (perhaps shorter: the tagger's "Apple's chief"), or crossing.
        if (m.span.start == start && m.kind == MentionKind::Nominal) || m.span.end > end {
            return None;
        }
    }
    let mut m = Mention::new(span, EntityType::Person, 0.6, "resolver");
    m.kind = MentionKind::Nominal;
    m.subtype = Some("nominal".into());
    Some(m)
}

/// A role nominal right before a person's name, as an appositive: `The Syrian
/// president, Bashar al-Assad, ...`; `Its chief executive, Tom Enders`. The phrase
/// starts the sentence or follows `, ` or `(`, begins with a determiner or a possessive,
/// and ends in role nouns; at most six words, so the look-back is bounded.
fn role_before(text: &str, sentence_start: usize, name: &Mention) -> Option<Span> {
    let before = text.get(sentence_start..name.span.start)?;
    let body = before.strip_suffix(", ")?;
    // Where the phrase starts: after the last ", " or "(" in a bounded window, else the
    // sentence start.
    let window = body.len().saturating_sub(80);
    let window = (window..=body.len()).find(|&i| body.is_char_boundary(i))?;
    let tail = &body[window..];
    let from = [
        tail.rfind(", ").map(|i| i + 2),
        tail.rfind('(').map(|i| i + 1),
    ]
    .into_iter()
    .flatten()
    .max();
    let phrase_start = match from {
        Some(i) => window + i,
        None if window == 0 => 0,
        None => return None,
    };
    let phrase = &body[phrase_start..];
    let words: Vec<&str> = phrase.split(' ').collect();
    steps::count();
    if words.len() < 2 || words.len() > 6 {
        return None;
    }
    let first = words[0];
    let lower_first = first.to_lowercase();
    let det = matches!(
        lower_first.as_str(),
        "the" | "a" | "an" | "its" | "his" | "her" | "their"
    ) || first.ends_with("'s")
        || first.ends_with("’s");
    if !det {
        return None;
    }
    if !words.iter().all(|w| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    }) {
        return None;
    }
    let last = words[words.len() - 1].to_lowercase();
    if !ROLE_NOUNS.contains(&last.as_str()) {
        return None;
    }
    let start = sentence_start + phrase_start;
    Some(Span::new(start, start + phrase.len()))
}

/// Roles in a company or an office that a phrase before a person's name may say
/// (`Apple CEO Steve Jobs`, `Toyota president Akio Toyoda`); not ranks and titles
/// (`General`, `Senator`), which are part of the name, nor professions (`actor`,
/// `professor`), which are seldom an entity's mention of their own.
const OFFICE_ROLES: &[&str] = &[
    "ceo",
    "cfo",
    "coo",
    "chief",
    "executive",
    "officer",
    "chairman",
    "chairwoman",
    "chairperson",
    "president",
    "director",
    "founder",
    "co-founder",
    "cofounder",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "boss",
    "head",
    "manager",
    "analyst",
    "economist",
    "owner",
];

/// How many of `words` (the words right before a person's name, nearest last) are a
/// role phrase said of that person with nothing between: office roles
/// ([`OFFICE_ROLES`]: `CEO`, `chief executive`, `chairman`), at least one in lower case
/// or an acronym, after up to a few modifiers (`Apple`, `GM's`, `US bank`, `former`)
/// and perhaps a determiner (`the Airbus chief executive`); at most five words. A
/// capitalised title (`President`, `US President`, `Chief Justice`) is no such phrase:
/// it is part of the name. `None` when the words end in no such role.
fn role_prefix_len(words: &[&str]) -> Option<usize> {
    let mut n = 0;
    let mut descriptive = false;
    for w in words.iter().rev().take(3) {
        let lower = w.to_lowercase();
        let role = OFFICE_ROLES.contains(&lower.as_str())
            || (n > 0 && matches!(lower.as_str(), "financial" | "operating"));
        if !role {
            break;
        }
        // A role in lower case (`chief executive`) or an acronym (`CEO`) describes;
        // `President` may be a title.
        if w.chars().all(|c| c.is_lowercase() || c == '-')
            || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
        {
            descriptive = true;
        }
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let mut m = 0;
    for w in words[..words.len() - n].iter().rev() {
        if n + m >= 5 {
            break;
        }
        let bare = w.trim_end_matches("'s").trim_end_matches("’s");
        if bare.is_empty()
            || !bare
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '&'))
        {
            break;
        }
        let lower = bare.to_lowercase();
        if matches!(
            lower.as_str(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their"
        ) {
            m += 1;
            break;
        }
        if crate::recognise::phrases::is_function_word(&lower) {
            break;
        }
        let capital = bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        // A plural or a verb in `-s` ends the phrase (`analysts`, `meets`).
        if !capital && bare.ends_with('s') && !bare.ends_with("ss") {
            break;
        }
        m += 1;
    }
    descriptive.then_some(n + m)
}

/// Splits `s` at single spaces into (byte offset, word); `None` when any other
/// whitespace or an empty word is in it.
fn spaced_words(s: &str) -> Option<Vec<(usize, &str)>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for w in s.split(' ') {
        if w.is_empty() || w.contains(char::is_whitespace) {
            return None;
        }
        out.push((pos, w));
        pos += w.len() + 1;
    }
    Some(out)
}

/// A role phrase said right before a person's name with nothing between (`Apple CEO
/// Steve Jobs`; see [`role_prefix_len`]): its span, within the sentence.
fn role_adjacent(text: &str, sentence_start: usize, name: &Mention) -> Option<Span> {
    let before = text
        .get(sentence_start..name.span.start)?
        .strip_suffix(' ')?;
    // The last six words at most.
    let from = before
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ')
        .nth(5)
        .map_or(0, |(i, _)| i + 1);
    let tail = before.get(from..)?;
    // Words with other whitespace in them end the look-back at that word.
    let words = spaced_words(tail).or_else(|| {
        let i = tail.rfind(char::is_whitespace)?;
        spaced_words(tail.get(i + 1..)?).map(|v| {
            v.into_iter()
                .map(|(o, w)| (o + i + 1, w))
                .collect::<Vec<_>>()
        })
    })?;
    steps::count();
    let plain: Vec<&str> = words.iter().map(|&(_, w)| w).collect();
    let n = role_prefix_len(&plain)?;
    let (first, _) = words[words.len() - n];
    let start = sentence_start + from + first;
    Some(Span::new(start, sentence_start + before.len()))
}

/// A name that holds a role phrase before the person's name (`GM chairman Rick
/// Wagoner`, `Chief executive Thomas Enders`; see [`role_prefix_len`]): the role
/// phrase's span. `None` when the name holds none or something else.
fn role_inside(text: &str, name: &Mention) -> Option<Span> {
    let surface = text.get(name.span.range())?;
    let words = spaced_words(surface)?;
    steps::count();
    // The last role noun with only capitalised words after it.
    let i = (0..words.len().saturating_sub(1))
        .rev()
        .find(|&i| ROLE_NOUNS.contains(&words[i].1.to_lowercase().as_str()))?;
    let rest = &words[i + 1..];
    if !rest.iter().all(|&(_, w)| {
        w.starts_with(char::is_uppercase) && !ROLE_NOUNS.contains(&w.to_lowercase().as_str())
    }) {
        return None;
    }
    let plain: Vec<&str> = words[..=i].iter().map(|&(_, w)| w).collect();
    (role_prefix_len(&plain)? == plain.len())
        .then(|| Span::new(name.span.start, name.span.start + words[i + 1].0 - 1))
}

/// Adds the role nominals found by [`role_before`] to `old` (in text order), unless a
/// mention already covers that span as a nominal or crosses it.
fn with_roles_before(
    text: &str,
    sentences: &[crate::document::Sentence],
    old: Vec<Mention>,
) -> Vec<Mention> {
    let mut found: Vec<Span> = Vec::new();
    let mut si = 0;
    for (i, m) in old.iter().enumerate() {
        if m.entity_type != EntityType::Person || m.kind != MentionKind::Name {
            continue;
        }
        while sentences
            .get(si)
            .is_some_and(|s| s.span.end <= m.span.start)
        {
            si += 1;
        }
        let Some(sentence) = sentences.get(si) else {
            break;
        };
        let Some(span) = role_before(text, sentence.span.start, m) else {
            continue;
        };
        // The mentions before the name (at most 8 looked at): none may cross or cover the
        // phrase (one inside it, "Syrian", is fine).
        let clash = old[..i].iter().rev().take(8).any(|o| {
            steps::count();
            let overlap = o.span.end > span.start && o.span.start < span.end;
            let inside = o.span.start >= span.start && o.span.end <= span.end;
            overlap && (!inside || o.span == span)
        });
        if !clash && found.last().is_none_or(|f| f.end <= span.start) {
            found.push(span);
        }
    }
    if found.is_empty() {
        return old;
    }
    let mut out = Vec::with_capacity(old.len() + found.len());
    let mut added = found.into_iter().peekable();
    for m in old {
        while let Some(&f) = added.peek() {
            if f.start < m.span.start || (f.start == m.span.start && f.end > m.span.end) {
                let mut n = Mention::new(f, EntityType::Person, 0.6, "resolver");
                n.kind = MentionKind::Nominal;
                n.subtype = Some("nominal".into());
                out.push(n);
                added.next();
            } else {
                break;
            }
        }
        out.push(m);
    }
    out
}

/// The country a place or nationality named inside a nominal's span tells (`US` in
/// `the US manufacturer`, by its gazetteer entry), from the mentions after it (`next`,
/// in order; at most 8 looked at).
fn modifier_country(next: &[Option<Mention>], span: Span) -> Option<&str> {
    for m in next.iter().flatten().take(8) {
        steps::count();
        if m.span.start >= span.end {
            break;
        }
        if span.contains(m.span)
            && matches!(
                m.entity_type,
                EntityType::Location | EntityType::Nationality
            )
            && let Some(c) = m
                .entry
                .as_deref()
                .and_then(|e| e.attributes().get("country"))
                .and_then(|v| v.as_str())
        {
            return Some(c);
        }
    }
    None
}

/// The class a predicate nominal's head (`it is the first model`) gives what the `it`
/// stands for: a class noun's, or a company for an organisation head (`airline`,
/// `bank`); `None` for any other head.
fn predicate_class(head: &str) -> Option<nominals::Class> {
    nominals::class_of(head)
        .filter(|c| *c != nominals::Class::Role)
        .or_else(|| {
            ORG_HEADS
                .contains(&head)
                .then_some(nominals::Class::Company)
        })
}

/// What the grouping pass finds in the text besides the recognisers' mentions.
enum Extra {
    /// A pronoun no recogniser marked, with the head of its predicate nominal.
    Pronoun(Agreement, Option<String>),
    /// A class nominal no recogniser marked.
    Nominal(Candidate),
    /// A plural market phrase (`US stock markets`).
    Market(nominals::Market),
}

struct Resolver<'a> {
    text: &'a str,
    groups: Vec<Group>,
    index: Index,
    placed: Vec<Placed>,
    prev: Option<Prev>,
}

impl Resolver<'_> {
    fn new_group(&mut self, m: &Mention) -> usize {
        self.groups.push(Group::new(m));
        self.groups.len() - 1
    }

    /// Walks back from the newest placed mention (at most [`MAX_BACK`], within
    /// [`WINDOW`] sentences of `sentence`) and returns the entities `accept`s of the
    /// nearest sentence that has any, nearest first (so the leftmost last); nested
    /// mentions and, with `named_only`, entities without a name are passed over.
    fn walk_back(
        &self,
        sentence: usize,
        window: usize,
        accept: impl Fn(&Group) -> bool,
        named_only: bool,
    ) -> Vec<usize> {
        self.walk_back_preferring(false, sentence, window, accept, named_only)
    }

    /// [`Resolver::walk_back`]; with `heads`, the entities of the nearest sentence that
    /// were said there as no possessor (`Apple` in `Apple's chief executive`), when
    /// there are any.
    fn walk_back_preferring(
        &self,
        heads: bool,
        sentence: usize,
        window: usize,
        accept: impl Fn(&Group) -> bool,
        named_only: bool,
    ) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        let mut not_possessed: Vec<usize> = Vec::new();
        let mut at: Option<usize> = None;
        for p in self.placed.iter().rev().take(MAX_BACK) {
            steps::count();
            if sentence.saturating_sub(p.sentence) > window {
                break;
            }
            if at.is_some_and(|s| s != p.sentence) {
                break;
            }
            if p.nested {
                continue;
            }
            let g = &self.groups[p.group];
            if named_only && !g.named {
                continue;
            }
            if accept(g) {
                at = Some(p.sentence);
                if !found.contains(&p.group) {
                    found.push(p.group);
                }
                if heads && !p.possessor && !not_possessed.contains(&p.group) {
                    not_possessed.push(p.group);
                }
            }
        }
        if heads && !not_possessed.is_empty() {
            return not_possessed;
        }
        found
    }

    /// The entity a company nominal stands for among the entities `accept`s within
    /// [`WINDOW`] sentences (at most [`MAX_BACK`] mentions back): what its trade or its
    /// modifier's country contradicts is passed over (`the US manufacturer` is not an
    /// airline, nor a French company); of those that agree in one (Boeing, a US maker),
    /// the leftmost of the nearest sentence; else the leftmost of the nearest sentence
    /// that has any.
    fn company_back(
        &self,
        sentence: usize,
        accept: impl Fn(&Group) -> bool,
        trade: Option<nominals::Trade>,
        country: Option<&str>,
    ) -> Option<usize> {
        // (sentence, entity) of the latest fitting candidates, nearest first.
        let mut agree: Option<(usize, usize)> = None;
        let mut neutral: Option<(usize, usize)> = None;
        for p in self.placed.iter().rev().take(MAX_BACK) {
            steps::count();
            if sentence.saturating_sub(p.sentence) > WINDOW {
                break;
            }
            if p.nested {
                continue;
            }
            let g = &self.groups[p.group];
            if !g.named || !accept(g) {
                continue;
            }
            let theirs = g.attributes.get("country").and_then(|v| v.as_str());
            let by_trade = trade.zip(g.trade).map(|(a, b)| a == b);
            let by_country = country.zip(theirs).map(|(a, b)| a == b);
            if by_trade == Some(false) || by_country == Some(false) {
                continue;
            }
            let slot = if by_trade == Some(true) || by_country == Some(true) {
                &mut agree
            } else {
                &mut neutral
            };
            // The leftmost of the nearest sentence: a later (leftward) one of the same
            // sentence replaces it.
            if slot.is_none_or(|(s, _)| s == p.sentence) {
                *slot = Some((p.sentence, p.group));
            }
        }
        agree.or(neutral).map(|(_, gi)| gi)
    }

    /// The entity a pronoun stands for; `predicate` is the head of an `it`'s
    /// predicate nominal (`it is the first model`), whose class the entity must fit.
    fn pronoun(
        &self,
        agreement: Agreement,
        sentence: usize,
        predicate: Option<&str>,
    ) -> Option<usize> {
        let class = predicate.and_then(predicate_class);
        let found = self.walk_back_preferring(
            agreement == Agreement::Thing,
            sentence,
            pronouns::window(agreement),
            |g| {
                pronouns::fits(agreement, g.entity_type, g.gender, g.plural)
                    // `it` and `they` stand for what was named or described, not for
                    // what was only ever a pronoun (`we`, an `it` that stood alone).
                    && (g.name_rank >= 2 || matches!(agreement, Agreement::Person(_)))
                    && class.is_none_or(|c| c.fits(g.entity_type))
            },
            false,
        );
        let leftmost = found.last().copied()?;
        if found.len() > 1 && matches!(agreement, Agreement::Person(_)) {
            // Several persons: the subject of their sentence ("Putin met Assad. He
            // ..."), else no guess.
            let g = &self.groups[leftmost];
            return (g.subject == Some(g.last_sentence)).then_some(leftmost);
        }
        // Several things: the leftmost, the subject most often.
        Some(leftmost)
    }

    /// The sieves for a nominal; `None` when none links it.
    fn nominal(
        &self,
        m: &Mention,
        surface: &str,
        sentence: usize,
        country: Option<&str>,
    ) -> Option<(usize, Resolution)> {
        if let Some(gi) = self.appositive(m, sentence) {
            return Some((gi, Resolution::Appositive));
        }
        if !definite(surface) {
            return None;
        }
        let head = head_of(surface);
        if head.is_empty() || plural_head(&head) {
            return None;
        }
        let ty = m.entity_type;
        if ty == EntityType::Person {
            let title = strip_article(surface).to_lowercase();
            steps::count();
            if let Some(&gi) = self
                .index
                .by_title
                .get(&title)
                .or_else(|| self.index.by_title_head.get(&head))
            {
                return Some((gi, Resolution::Title));
            }
        }
        if ty == EntityType::Organisation && is_government_nominal(surface) {
            // "the regime", "the government": the one government named so far, if one is;
            // else the country named nearest before it (news says "the government" for
            // the state it has just named).
            if let [g] = self.index.governments.as_slice() {
                return Some((*g, Resolution::Nominal));
            }
            if self.index.governments.is_empty() {
                let found = self.walk_back(
                    sentence,
                    WINDOW,
                    |g| {
                        g.entity_type == EntityType::Location
                            && g.subtype.as_deref() == Some("country")
                    },
                    true,
                );
                if let Some(&gi) = found.last() {
                    return Some((gi, Resolution::Nominal));
                }
            }
            // Two governments: no guess.
            return None;
        }
        // A head said of an entity: an appositive's, a name's word ("the bank"); for a
        // person, also the role in other words (`the CEO` after `the chief executive`).
        for h in head_keys(head.clone(), surface, ty == EntityType::Person) {
            steps::count();
            if let Some(&gi) = self.index.by_head.get(&(ty, h)).and_then(|l| l.last()) {
                return Some((gi, Resolution::Nominal));
            }
        }
        // A class word: the nearest named entity of the type.
        let class = match ty {
            EntityType::Organisation => ORG_HEADS.contains(&head.as_str()),
            EntityType::Location => {
                COUNTRY_HEADS.contains(&head.as_str()) || PLACE_HEADS.contains(&head.as_str())
            }
            _ => false,
        };
        if !class {
            return None;
        }
        let in_country = COUNTRY_HEADS.contains(&head.as_str());
        // `the company` stands for no government, armed force or the like.
        let company = ty == EntityType::Organisation
            && nominals::class_of(&head) == Some(nominals::Class::Company);
        let accept = |g: &Group| {
            g.entity_type == ty
                && !g.plural
                && (!in_country || g.subtype.as_deref() == Some("country"))
                && (!company || nominals::company_like(g.subtype.as_deref()))
        };
        if company {
            return self
                .company_back(sentence, accept, nominals::trade_of(&head), country)
                .map(|gi| (gi, Resolution::Nominal));
        }
        let found = self.walk_back(sentence, WINDOW, accept, true);
        // Several: the leftmost of the nearest sentence, as for pronouns.
        found.last().map(|&gi| (gi, Resolution::Nominal))
    }

    /// The entity a class nominal no recogniser marked stands for (`the device`, `the
    /// carmaker`): an entity its head was said of, else the nearest named entity its
    /// class fits (a company nominal: an organisation that is no government, armed
    /// force or the like) in this sentence or up to [`WINDOW`] before.
    fn class_nominal(
        &self,
        c: &Candidate,
        sentence: usize,
        country: Option<&str>,
    ) -> Option<usize> {
        let surface = &self.text[c.span.range()];
        let head = head_of(surface);
        if c.class == nominals::Class::Role {
            // An office: only a person said before to hold it (`Rick Wagoner, GM's
            // chief executive` ... `the CEO`), never the nearest person.
            let title = strip_article(surface).to_lowercase();
            steps::count();
            if let Some(&gi) = self
                .index
                .by_title
                .get(&title)
                .or_else(|| self.index.by_title_head.get(&head))
            {
                return Some(gi);
            }
            // Led by a possessor (`GM's chief executive`): only a person said to hold
            // that office of that owner.
            let owner = c.possessor.then(|| role_owner(surface)).flatten();
            for h in head_keys(head, surface, true) {
                if owner
                    .as_deref()
                    .is_some_and(|o| !h.strip_prefix(o).is_some_and(|r| r.starts_with(' ')))
                {
                    continue;
                }
                steps::count();
                if let Some(&gi) = self
                    .index
                    .by_head
                    .get(&(EntityType::Person, h))
                    .and_then(|l| l.last())
                {
                    return Some(gi);
                }
            }
            return None;
        }
        for ty in [
            EntityType::Organisation,
            EntityType::Product,
            EntityType::Vehicle,
            EntityType::Financial,
        ] {
            if !c.class.fits(ty) {
                continue;
            }
            steps::count();
            if let Some(&gi) = self
                .index
                .by_head
                .get(&(ty, head.clone()))
                .and_then(|l| l.last())
            {
                return Some(gi);
            }
        }
        let accept = |g: &Group| {
            c.class.fits(g.entity_type)
                && !g.plural
                // Not a lower-case class word ("passenger plane"), which names no
                // one entity; a camel-case product ("iPhone") does.
                && g.name.chars().any(|ch| ch.is_uppercase() || ch.is_ascii_digit())
                && (c.class != nominals::Class::Company
                    || nominals::company_like(g.subtype.as_deref()))
        };
        if c.class == nominals::Class::Company {
            return self.company_back(sentence, accept, nominals::trade_of(&head), country);
        }
        let found = self.walk_back(sentence, WINDOW, accept, true);
        found.last().copied()
    }

    /// A name and a nominal of one type side by side: `X, the Y` or `the Y, X`,
    /// or `Y X` with nothing between.
    fn appositive(&self, m: &Mention, sentence: usize) -> Option<usize> {
        let p = self.prev?;
        if p.sentence != sentence || p.entity_type != m.entity_type || p.end > m.span.start {
            return None;
        }
        let pair = matches!(
            (p.kind, m.kind),
            (MentionKind::Name, MentionKind::Nominal) | (MentionKind::Nominal, MentionKind::Name)
        );
        let kinds = matches!(
            m.entity_type,
            EntityType::Person
                | EntityType::Organisation
                | EntityType::Financial
                | EntityType::Product
                | EntityType::Vehicle
        );
        if !pair || !kinds {
            return None;
        }
        let between = &self.text[p.end..m.span.start];
        let sep = between.trim();
        // `The primary UK index, the FTSE 100`: a name may leave its article out.
        let article = sep == ", the" && m.kind == MentionKind::Name;
        (sep == "," || article || (sep.is_empty() && !between.contains('\n'))).then_some(p.group)
    }

    /// The sieves for a name; `None` when none links it.
    fn name(
        &self,
        m: &Mention,
        key: &(EntityType, String),
        aliased: bool,
        words: &[String],
        sentence: usize,
    ) -> Option<(usize, Resolution)> {
        steps::count();
        if let Some(&gi) = self.index.by_key.get(key) {
            let how = if aliased {
                Resolution::Acronym
            } else {
                Resolution::ExactName
            };
            return Some((gi, how));
        }
        if m.entity_type == EntityType::Person {
            // A bare title taken for a name ("Foreign Secretary"): its carrier.
            let bare = strip_article(&self.text[m.span.range()]).to_lowercase();
            if let Some(&gi) = self.index.by_title.get(&bare) {
                return Some((gi, Resolution::Title));
            }
        }
        if m.entity_type == EntityType::Person && !words.is_empty() {
            let mut best: Option<usize> = None;
            for w in words {
                for &gi in self.index.by_word.get(w).into_iter().flatten() {
                    steps::count();
                    let g = &self.groups[gi];
                    if !g.words.is_empty()
                        && (words.iter().all(|w| g.words.contains(w))
                            || g.words.iter().all(|w| words.contains(w)))
                    {
                        best = best.max(Some(gi));
                    }
                }
            }
            if let Some(gi) = best {
                return Some((gi, Resolution::RelaxedName));
            }
        }
        if m.entity_type == EntityType::Organisation && !words.is_empty() {
            // An acronym of an organisation named before (`GM` after `General Motors`),
            // or the reverse.
            let surface = self.text[m.span.range()].trim_end_matches("'s");
            steps::count();
            let by_initials = if is_acronym(surface) {
                self.index.by_initials.get(&surface.to_ascii_lowercase())
            } else {
                initials(words).and_then(|i| self.index.by_acronym.get(&i))
            };
            if let Some(&gi) = by_initials {
                return Some((gi, Resolution::Acronym));
            }
            let mine = org_words(words);
            let mut best: Option<usize> = None;
            for &gi in self
                .index
                .by_first
                .get(&(m.entity_type, mine[0].clone()))
                .into_iter()
                .flatten()
            {
                steps::count();
                let theirs = org_words(&self.groups[gi].words);
                let n = mine.len().min(theirs.len());
                if n > 0 && mine[..n] == theirs[..n] {
                    best = best.max(Some(gi));
                }
            }
            if let Some(gi) = best {
                return Some((gi, Resolution::RelaxedName));
            }
        }
        self.appositive(m, sentence)
            .map(|gi| (gi, Resolution::Appositive))
    }

    /// Adds mention `mi` to group `gi` and updates the group's facts and the indexes.
    fn join(
        &mut self,
        gi: usize,
        mi: usize,
        m: &Mention,
        how: Resolution,
        key: Option<(EntityType, String)>,
        words: Vec<String>,
    ) {
        let text = self.text;
        let surface = &text[m.span.range()];
        let g = &mut self.groups[gi];
        g.mentions.push(mi);
        g.evidence.push(how);
        let title = m
            .attributes
            .get("title")
            .and_then(|v| v.as_str())
            .map(str::to_lowercase);
        match m.kind {
            MentionKind::Name | MentionKind::Value | MentionKind::Titled => {
                if g.mentions.len() == 1 || !g.named {
                    g.plural = false;
                }
                g.named = true;
                // The heads of its nominals said before the name (`Apple CEO Steve
                // Jobs`): now said of a named entity.
                for h in std::mem::take(&mut g.unnamed_heads) {
                    let list = self.index.by_head.entry((g.entity_type, h)).or_default();
                    push_capped(list, gi);
                }
                // A first name before a surname tells the gender ("John Smith" ... "he").
                if g.entity_type == EntityType::Person && g.gender.is_none() && words.len() >= 2 {
                    g.gender = words
                        .first()
                        .and_then(|w| super::names::first_name_gender(w));
                }
                if m.subtype.as_deref() == Some("government")
                    || m.entry
                        .as_deref()
                        .is_some_and(|e| e.subtype.as_deref() == Some("government"))
                    || (m.recogniser == "rule"
                        && m.subtype.is_none()
                        && surface.to_ascii_lowercase().ends_with("government"))
                {
                    if !g.government {
                        self.index.governments.push(gi);
                        self.index.governments.truncate(2);
                    }
                    g.government = true;
                }
                if g.subtype.is_none() {
                    g.subtype.clone_from(&m.subtype);
                }
                if let Some(e) = m.entry.as_deref() {
                    if e.subtype.as_deref() == Some("country") {
                        g.subtype = Some("country".into());
                    }
                }
                if g.entity_type == EntityType::Organisation && g.trade.is_none() {
                    let bare = surface.trim_end_matches("'s").trim_end_matches("’s");
                    g.trade = words
                        .iter()
                        .find_map(|w| nominals::trade_of_name_word(w))
                        .or_else(|| {
                            crate::recognise::vehicles::is_maker(bare)
                                .then_some(nominals::Trade::Maker)
                        });
                }
                if words.len() > g.words.len() {
                    g.words = words;
                }
                // The name: a gazetteer's canonical name, else the longest name seen.
                match canonical(m) {
                    Some(c) if m.recogniser == "gazetteer" => {
                        if !g.authoritative || g.name.is_empty() {
                            c.clone_into(&mut g.name);
                        }
                        g.authoritative = true;
                        g.name_rank = 3;
                    }
                    // A bare title ("Foreign Secretary") does not name its carrier.
                    _ if how == Resolution::Title => {}
                    _ => {
                        let name = strip_article(person_or_surface(m, surface));
                        if g.name_rank < 3 || (!g.authoritative && name.len() > g.name.len()) {
                            name.clone_into(&mut g.name);
                        }
                        g.name_rank = 3;
                    }
                }
            }
            MentionKind::Nominal => {
                let head = head_of(surface);
                if g.mentions.len() == 1 {
                    g.plural = plural_head(&head);
                }
                // "the Russian government": a government said with whose it is, for a
                // later bare "the government".
                if g.entity_type == EntityType::Organisation
                    && !g.government
                    && is_government_nominal(surface)
                    && surface.split_whitespace().count() >= 3
                {
                    self.index.governments.push(gi);
                    self.index.governments.truncate(2);
                    g.government = true;
                }
                if let Some(x) = role_gender(&head) {
                    g.gender.get_or_insert(x);
                }
                if g.entity_type == EntityType::Organisation && g.trade.is_none() {
                    g.trade = nominals::trade_of(&head);
                }
                if g.name_rank < 2 || (g.name_rank == 2 && surface.len() > g.name.len()) {
                    strip_article(surface).clone_into(&mut g.name);
                    g.name_rank = 2;
                }
                for h in head_keys(head, surface, g.entity_type == EntityType::Person) {
                    if h.is_empty() {
                        continue;
                    }
                    if g.named {
                        let list = self.index.by_head.entry((g.entity_type, h)).or_default();
                        push_capped(list, gi);
                    } else if g.unnamed_heads.len() < 4 && !g.unnamed_heads.contains(&h) {
                        g.unnamed_heads.push(h);
                    }
                }
            }
            MentionKind::Pronoun => {
                if let Some(Agreement::Person(x)) = pronouns::agreement(surface) {
                    g.gender.get_or_insert(x);
                }
                if g.name_rank < 1 {
                    surface.clone_into(&mut g.name);
                    g.name_rank = 1;
                }
            }
        }
        let g = &mut self.groups[gi];
        if let Some(t) = title {
            if let Some(x) = t.split_whitespace().next().and_then(role_gender) {
                g.gender.get_or_insert(x);
            }
            if let Some(last) = t.split_whitespace().next_back() {
                self.index.by_title_head.insert(last.to_owned(), gi);
            }
            self.index.by_title.insert(t.clone(), gi);
            g.title = Some(t);
        }
        if !g.entry_seen {
            if let Some(e) = &m.entry {
                for (k, v) in e.attributes() {
                    g.attributes.entry(k.clone()).or_insert_with(|| v.clone());
                }
                g.entry_seen = true;
            }
        }
        for (k, v) in &m.attributes {
            if k != "name" && k != "title" && k != "expansion" {
                g.attributes.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        if m.kind == MentionKind::Name {
            let ty = g.entity_type;
            if ty == EntityType::Person {
                for w in &g.words {
                    let list = self.index.by_word.entry(w.clone()).or_default();
                    push_capped(list, gi);
                }
            } else {
                let ow = org_words(&g.words);
                if let Some(first) = ow.first() {
                    let list = self.index.by_first.entry((ty, first.clone())).or_default();
                    push_capped(list, gi);
                }
                for w in &ow {
                    if !STOPWORDS.contains(&w.as_str()) {
                        // "Airlines" is said "the airline".
                        let singular = match w.strip_suffix('s') {
                            Some(x) if plural_head(w) => x.to_owned(),
                            _ if w == "airways" => "airline".to_owned(),
                            _ => w.clone(),
                        };
                        let list = self.index.by_head.entry((ty, singular)).or_default();
                        push_capped(list, gi);
                    }
                }
            }
        }
        if m.kind == MentionKind::Name && self.groups[gi].entity_type == EntityType::Organisation {
            let surface = surface.trim_end_matches("'s");
            if is_acronym(surface) {
                self.index
                    .by_acronym
                    .insert(surface.to_ascii_lowercase(), gi);
            } else if let Some(i) = initials(&name_words(surface)) {
                self.index.by_initials.insert(i, gi);
            }
        }
        if let Some(k) = key {
            self.index.by_key.insert(k, gi);
        }
    }
}

/// Groups mentions into entities (see the module docs).
pub(super) fn group(doc: &mut Document, aliases: &HashMap<String, String>) {
    let text = doc.text.as_str();
    let sentences = &doc.sentences;
    let old = with_roles_before(text, sentences, std::mem::take(&mut doc.mentions));
    let pronouns_left = pronouns::unmarked(text, sentences, &old);
    let words = nominals::SentenceWords::of(text, sentences);
    let nominals_left = nominals::unmarked(text, &words, &old);
    // Both in text order: one list, in text order.
    let mut extra: Vec<(Span, Extra)> =
        Vec::with_capacity(pronouns_left.len() + nominals_left.len());
    {
        let mut a = pronouns_left.into_iter().peekable();
        let mut b = nominals_left.into_iter().peekable();
        loop {
            let take_a = match (a.peek(), b.peek()) {
                (Some((sa, _, _)), Some(c)) => sa.start <= c.span.start,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_a {
                if let Some((sp, ag, head)) = a.next() {
                    extra.push((sp, Extra::Pronoun(ag, head)));
                }
            } else if let Some(c) = b.next() {
                extra.push((c.span, Extra::Nominal(c)));
            }
        }
    }
    for mk in nominals::markets(text, &words, &old) {
        extra.push((mk.span, Extra::Market(mk)));
    }
    extra.sort_by_key(|(s, _)| s.start);
    let mut out: Vec<Mention> = Vec::with_capacity(old.len() + extra.len() / 4);
    let mut r = Resolver {
        text,
        groups: Vec::new(),
        index: Index::default(),
        placed: Vec::new(),
        prev: None,
    };
    let mut si = 0;
    // Line breaks inside sentences, and how many of them lie before the current item.
    let lines: Vec<usize> = sentences
        .iter()
        .flat_map(|s| {
            text.get(s.span.range())
                .unwrap_or("")
                .match_indices('\n')
                .map(move |(i, _)| s.span.start + i)
                .filter(move |&p| p > s.span.start)
        })
        .collect();
    let mut li = 0;
    let mut unit_start = 0;
    let mut outer_end = 0;
    // The sentence whose first mention was seen (that mention may be its subject).
    let mut subject_seen: Option<usize> = None;
    // (block, grammatical person) -> the entity of that speaker's pronouns there.
    let mut speakers: HashMap<(usize, u8), usize> = HashMap::default();
    let mut extra = extra.into_iter().peekable();
    let mut old: Vec<Option<Mention>> = old.into_iter().map(Some).collect();
    let mut oi = 0;
    // A role nominal found after a name (`X, the Syrian president`), waiting its turn.
    let mut pending: Option<Mention> = None;
    loop {
        // A mention a class nominal replaced (`aircraft` in `the aircraft`) is gone.
        while old.get(oi).is_some_and(Option::is_none) {
            oi += 1;
        }
        // The next item in text order: a mention (found, or found here), or a
        // pronoun or class nominal no recogniser marked.
        let next_old = old.get(oi).and_then(Option::as_ref).map(|m| m.span);
        let next = match (pending.as_ref().map(|m| m.span), next_old) {
            (Some(p), Some(o)) => Some(
                if p.start < o.start || (p.start == o.start && p.end > o.end) {
                    (p, true)
                } else {
                    (o, false)
                },
            ),
            (Some(p), None) => Some((p, true)),
            (None, Some(o)) => Some((o, false)),
            (None, None) => None,
        };
        let take_extra = match (next, extra.peek()) {
            (None, None) => break,
            (Some((m, _)), Some((s, _))) => s.start < m.start,
            (None, Some(_)) => true,
            (Some(_), None) => false,
        };
        let start = if take_extra {
            extra.peek().map_or(0, |(s, _)| s.start)
        } else {
            next.map_or(0, |(s, _)| s.start)
        };
        while sentences.get(si).is_some_and(|s| s.span.end <= start) {
            si += 1;
        }
        while lines.get(li).is_some_and(|&p| p < start) {
            unit_start = lines[li] + 1;
            li += 1;
        }
        // The unit: the sentence, or the line of it (a headline the sentence splitter
        // left joined to the first sentence is a unit of its own).
        let u = si + li;
        if sentences.get(si).is_some_and(|s| s.span.start > unit_start) {
            unit_start = sentences.get(si).map_or(0, |s| s.span.start);
        }
        if take_extra {
            let Some((span, item)) = extra.next() else {
                break;
            };
            let (agreement, predicate) = match item {
                Extra::Pronoun(a, head) => (a, head),
                Extra::Market(mk) => {
                    // One entity per head and scope; a phrase that says no scope is the
                    // latest of its head, and a first one without scope takes the scope
                    // said next (`Markets fell ... Global stock markets`).
                    let unscoped = (mk.head, None);
                    let found = match &mk.scope {
                        Some(sc) => r
                            .index
                            .markets
                            .get(&(mk.head, Some(sc.clone())))
                            .or_else(|| r.index.markets.get(&unscoped))
                            .copied(),
                        None => r.index.last_market.get(&mk.head).copied(),
                    };
                    let mut m = Mention::new(span, EntityType::Financial, 0.6, "resolver");
                    m.kind = MentionKind::Nominal;
                    m.subtype = Some("nominal".into());
                    let (gi, how) = match found {
                        Some(gi) => (gi, Resolution::Nominal),
                        None => (r.new_group(&m), Resolution::First),
                    };
                    if mk.scope.is_some() && r.index.markets.get(&unscoped) == Some(&gi) {
                        r.index.markets.remove(&unscoped);
                    }
                    // Only a first bare phrase (a headline's `Markets`) waits for a scope;
                    // `the markets` may be another's.
                    if mk.scope.is_some() || (found.is_none() && !mk.definite) {
                        r.index.markets.insert((mk.head, mk.scope.clone()), gi);
                    }
                    r.index.last_market.insert(mk.head, gi);
                    let mi = out.len();
                    r.join(gi, mi, &m, how, None, Vec::new());
                    r.groups[gi].last_sentence = u;
                    r.placed.push(Placed {
                        sentence: u,
                        group: gi,
                        nested: span.start < outer_end,
                        possessor: false,
                    });
                    outer_end = outer_end.max(span.end);
                    out.push(m);
                    continue;
                }
                // Inside or across a mention already placed (a role nominal found after
                // a name, `X, the Airbus chief executive`): not another mention.
                // An office led by a possessor (`Apple's chief executive`) holds the
                // possessor's name, placed just before it.
                Extra::Nominal(c) if span.start < outer_end && !c.possessor => continue,
                Extra::Nominal(c) => {
                    let country = modifier_country(old.get(oi..).unwrap_or(&[]), span);
                    let found = r.class_nominal(&c, u, country);
                    // Nothing before it, but a name of its kind right after it, parted by
                    // a comma (`The primary UK index, the FTSE 100,`): an appositive, which
                    // the name joins (see `Resolver::appositive`).
                    let ahead = found.is_none().then(|| {
                        old.get(oi..)
                            .unwrap_or(&[])
                            .iter()
                            .flatten()
                            .take(8)
                            .find(|n| n.span.start >= span.end)
                            .filter(|n| {
                                n.kind == MentionKind::Name
                                    && c.class.fits(n.entity_type)
                                    && c.class != nominals::Class::Company
                                    && matches!(
                                        text.get(span.end..n.span.start),
                                        Some(", " | ", the ")
                                    )
                            })
                            .map(|n| n.entity_type)
                    });
                    let (gi, how, ty) = match (found, ahead.flatten()) {
                        (Some(gi), _) => (gi, Resolution::Nominal, r.groups[gi].entity_type),
                        (None, Some(ty)) => {
                            let probe = Mention::new(span, ty, 0.6, "resolver");
                            (r.new_group(&probe), Resolution::First, ty)
                        }
                        (None, None) => continue,
                    };
                    if let Some(k) = c.replaces {
                        old.get_mut(k).and_then(Option::take);
                    }
                    let mut m = Mention::new(span, ty, 0.6, "resolver");
                    m.kind = MentionKind::Nominal;
                    m.subtype = Some("nominal".into());
                    let mi = out.len();
                    r.join(gi, mi, &m, how, None, Vec::new());
                    r.groups[gi].last_sentence = u;
                    r.placed.push(Placed {
                        sentence: u,
                        group: gi,
                        nested: span.start < outer_end && !c.possessor,
                        possessor: false,
                    });
                    outer_end = outer_end.max(span.end);
                    r.prev = Some(Prev {
                        end: span.end,
                        sentence: u,
                        kind: MentionKind::Nominal,
                        entity_type: m.entity_type,
                        group: gi,
                    });
                    out.push(m);
                    continue;
                }
            };
            let Some(gi) = r.pronoun(agreement, u, predicate.as_deref()) else {
                continue;
            };
            let mut m = Mention::new(span, r.groups[gi].entity_type, 0.6, "resolver");
            m.kind = MentionKind::Pronoun;
            m.subtype = Some("pronoun".into());
            let mi = out.len();
            r.join(gi, mi, &m, Resolution::Pronoun, None, Vec::new());
            r.groups[gi].last_sentence = u;
            r.placed.push(Placed {
                sentence: u,
                group: gi,
                nested: false,
                possessor: false,
            });
            out.push(m);
            continue;
        }
        let m = if next.is_some_and(|(_, p)| p) {
            pending.take()
        } else {
            oi += 1;
            old.get_mut(oi - 1).and_then(Option::take)
        };
        let Some(mut m) = m else {
            break;
        };
        if m.kind == MentionKind::Nominal
            && m.entity_type != EntityType::Person
            && person_role(&head_of(&text[m.span.range()]))
        {
            m.entity_type = EntityType::Person;
        }
        let mi = out.len();
        let surface = &text[m.span.range()];
        let nested = m.span.start < outer_end;
        outer_end = outer_end.max(m.span.end);
        // The head of a description leading a name, indexed as the entity's head.
        let mut described: Option<String> = None;
        let (gi, how, key, words) = match m.kind {
            MentionKind::Pronoun => {
                let block = sentences.get(si).map(|s| s.block);
                let found = match pronouns::speaker(surface) {
                    // "I ... my ... me" in one block: one speaker.
                    Some(p) => block.and_then(|b| speakers.get(&(b, p)).copied()),
                    None => pronouns::agreement(surface).and_then(|a| r.pronoun(a, u, None)),
                };
                if let (Some(p), Some(b)) = (pronouns::speaker(surface), block) {
                    let gi = found.unwrap_or(r.groups.len());
                    speakers.insert((b, p), gi);
                }
                match found {
                    Some(gi) => (gi, Resolution::Pronoun, None, Vec::new()),
                    None => (r.new_group(&m), Resolution::First, None, Vec::new()),
                }
            }
            MentionKind::Nominal => {
                // The same description twice ("the Syrian army"): one entity.
                let words = name_words(surface);
                let key = (definite(surface) && words.len() > 1)
                    .then(|| (m.entity_type, words.join(" ")));
                let exact = key.as_ref().and_then(|k| r.index.by_key.get(k).copied());
                match exact.map(|gi| (gi, Resolution::ExactName)).or_else(|| {
                    let country = modifier_country(old.get(oi..).unwrap_or(&[]), m.span);
                    r.nominal(&m, surface, u, country)
                }) {
                    Some((gi, how)) => (gi, how, key, Vec::new()),
                    None => (r.new_group(&m), Resolution::First, key, Vec::new()),
                }
            }
            _ => {
                let mut words = name_words(person_or_surface(&m, surface));
                // `Ford president Alan Mulally`: the person's name is `Alan Mulally`
                // (so `Ford` is none of its words).
                if m.entity_type == EntityType::Person
                    && let Some(role) = role_inside(text, &m)
                {
                    words = name_words(text.get(role.end + 1..m.span.end).unwrap_or(""));
                }
                let from_entry = canonical(&m).filter(|_| m.recogniser != "rule");
                // "Irish national airline Aer Lingus": the name is "Aer Lingus", the
                // description tells what it is ("the airline").
                let core = (m.entity_type == EntityType::Organisation && from_entry.is_none())
                    .then(|| descriptor_core(surface))
                    .flatten();
                if let Some(c) = core {
                    words = name_words(&surface[c..]);
                    described = Some(head_of(&surface[..c]));
                }
                let mut k = match from_entry {
                    Some(c) => c.to_lowercase(),
                    None => words.join(" "),
                };
                let mut aliased = false;
                if let Some(a) = aliases.get(&k) {
                    k.clone_from(a);
                    aliased = true;
                }
                // A class word in lower case ("aircraft", "jets") names no one entity; a
                // product in camel case ("iPhone") does.
                let common = m.kind == MentionKind::Name
                    && surface.starts_with(|c: char| c.is_lowercase())
                    && m.entity_type != EntityType::Product;
                let key = (m.entity_type, k);
                if common {
                    (r.new_group(&m), Resolution::First, None, Vec::new())
                } else {
                    match r.name(&m, &key, aliased, &words, u) {
                        Some((gi, Resolution::ExactName)) if core.is_some() => {
                            (gi, Resolution::RelaxedName, Some(key), words)
                        }
                        Some((gi, how)) => (gi, how, Some(key), words),
                        None => (r.new_group(&m), Resolution::First, Some(key), words),
                    }
                }
            }
        };
        r.join(gi, mi, &m, how, key, words);
        if let Some(head) = described.filter(|h| !h.is_empty() && !STOPWORDS.contains(&h.as_str()))
        {
            if r.groups[gi].trade.is_none() {
                r.groups[gi].trade = nominals::trade_of(&head);
            }
            let list = r.index.by_head.entry((m.entity_type, head)).or_default();
            push_capped(list, gi);
        }
        // A role said in or right before a person's name (`Apple CEO Steve Jobs`, `GM
        // chairman Rick Wagoner`): said of the person, for a later `the CEO`.
        if m.entity_type == EntityType::Person && m.kind == MentionKind::Name {
            let from = unit_start.min(m.span.start);
            if let Some(role) = role_inside(text, &m).or_else(|| role_adjacent(text, from, &m)) {
                let phrase = &text[role.range()];
                for h in head_keys(head_of(phrase), phrase, true) {
                    let list = r.index.by_head.entry((EntityType::Person, h)).or_default();
                    push_capped(list, gi);
                }
            }
        }
        let possessor = text
            .get(m.span.end..)
            .is_some_and(|t| t.starts_with("'s") || t.starts_with("’s"))
            || surface.ends_with("'s")
            || surface.ends_with("’s");
        r.placed.push(Placed {
            sentence: u,
            group: gi,
            nested,
            possessor,
        });
        r.groups[gi].last_sentence = u;
        if !nested && subject_seen != Some(u) {
            subject_seen = Some(u);
            let lead = text.get(unit_start..m.span.start).unwrap_or(",");
            if !lead.contains(',') && lead.split_whitespace().count() <= 2 {
                r.groups[gi].subject = Some(u);
            }
        }
        if !nested
            && pending.is_none()
            && m.entity_type == EntityType::Person
            && m.kind == MentionKind::Name
        {
            let end = sentences.get(si).map_or(text.len(), |s| s.span.end);
            pending = role_after(text, &m, end.max(m.span.end), old.get(oi..).unwrap_or(&[]));
        }
        if !nested {
            r.prev = Some(Prev {
                end: m.span.end,
                sentence: u,
                kind: m.kind,
                entity_type: m.entity_type,
                group: gi,
            });
        }
        out.push(m);
    }
    let groups = r.groups;
    let mut entities = Vec::with_capacity(groups.len());
    for (gi, mut g) in groups.into_iter().enumerate() {
        for &mi in &g.mentions {
            out[mi].entity = Some(gi);
        }
        if g.name.is_empty() {
            g.name = g.mentions.first().map_or_else(String::new, |&mi| {
                strip_article(&text[out[mi].span.range()]).to_owned()
            });
        }
        if let Some(t) = g.title {
            g.attributes.insert("title".into(), t.into());
        }
        entities.push(Entity {
            id: format!("e{gi}"),
            entity_type: g.entity_type,
            name: g.name,
            mentions: g.mentions,
            evidence: g.evidence,
            attributes: g.attributes,
        });
    }
    doc.mentions = out;
    doc.entities = entities;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pipeline;

    /// The entity of the first mention of `doc` whose text is `t`.
    fn entity_of(doc: &Document, t: &str) -> Option<usize> {
        doc.mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == t)
            .and_then(|m| m.entity)
    }

    /// Resolves hand-placed mentions (`(surface, type, kind)`, each found at its
    /// first occurrence after the previous one) over `text`'s sentences, and returns
    /// each mention's entity and sieve.
    fn resolve_marked(
        text: &str,
        marks: &[(&str, EntityType, MentionKind)],
    ) -> Vec<(usize, Resolution)> {
        let p = Pipeline::builder()
            .resolve(false)
            .attribute(false)
            .build()
            .unwrap();
        let mut doc = p.extract(text).unwrap();
        let mut from = 0;
        doc.mentions = marks
            .iter()
            .map(|&(surface, ty, kind)| {
                let start = from + text[from..].find(surface).unwrap();
                from = start + surface.len();
                let mut m = Mention::new(Span::new(start, from), ty, 0.9, "tagger");
                m.kind = kind;
                m
            })
            .collect();
        group(&mut doc, &HashMap::default());
        doc.mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.recogniser == "tagger")
            .map(|(i, m)| (m.entity.unwrap(), doc.resolution(i).unwrap()))
            .collect()
    }

    #[test]
    fn it_prefers_what_was_no_possessor() {
        let p = Pipeline::new();
        let doc = p
            .extract("Apple's chief Steve Jobs said the iPod touch is fine. It will go on sale.")
            .unwrap();
        assert!(entity_of(&doc, "iPod touch").is_some());
        assert_eq!(entity_of(&doc, "It"), entity_of(&doc, "iPod touch"));
        // A possessor alone is still the antecedent.
        let doc = p
            .extract("Apple's chief Steve Jobs spoke. It said no.")
            .unwrap();
        assert!(entity_of(&doc, "Apple").is_some());
        assert_eq!(entity_of(&doc, "It"), entity_of(&doc, "Apple"));
    }

    #[test]
    fn a_company_nominal_takes_the_company_its_trade_and_country_fit() {
        let p = Pipeline::new();
        let doc = p
            .extract(
                "Ryanair said it will buy five planes from Boeing. This brings Ryanair's \
                 orders with the US manufacturer to 230.",
            )
            .unwrap();
        assert!(entity_of(&doc, "Boeing").is_some());
        assert_eq!(
            entity_of(&doc, "the US manufacturer"),
            entity_of(&doc, "Boeing")
        );
        assert_eq!(nominals::trade_of("carmaker"), Some(nominals::Trade::Maker));
        assert_eq!(nominals::trade_of("company"), None);
        assert!(crate::recognise::vehicles::is_maker("Boeing"));
        assert!(!crate::recognise::vehicles::is_maker("Ryanair"));
    }

    #[test]
    fn market_phrases_of_one_head_and_scope_are_one_entity() {
        let p = Pipeline::new();
        let doc = p
            .extract(
                "Markets fall\nGlobal stock markets fell on Monday. Asian markets slid, \
                 and stock markets around the world closed lower. US stocks rose.",
            )
            .unwrap();
        let financial_of = |t: &str| {
            doc.mentions()
                .iter()
                .find(|m| doc.span_text(m.span) == t && m.entity_type == EntityType::Financial)
                .and_then(|m| m.entity)
        };
        let world = financial_of("Global stock markets");
        assert!(world.is_some());
        assert_eq!(financial_of("Markets"), world);
        assert_eq!(financial_of("stock markets around the world"), world);
        assert!(financial_of("Asian markets").is_some());
        assert_ne!(financial_of("Asian markets"), world);
        assert!(financial_of("US stocks").is_some());
        assert_ne!(financial_of("US stocks"), world);
        // Nothing says markets: no phrase.
        let doc = p.extract("The supermarkets opened.").unwrap();
        assert!(
            doc.mentions()
                .iter()
                .all(|m| m.entity_type != EntityType::Financial)
        );
    }

    #[test]
    fn a_class_nominal_before_its_name_is_an_appositive() {
        let p = Pipeline::new();
        let doc = p
            .extract("Shares fell. The primary UK index, the FTSE 100, dropped by 2%.")
            .unwrap();
        assert!(entity_of(&doc, "FTSE 100").is_some());
        assert_eq!(
            entity_of(&doc, "The primary UK index"),
            entity_of(&doc, "FTSE 100")
        );
        // Nothing after it and nothing before it: no mention.
        let doc = p
            .extract("Shares fell. The primary UK index dropped.")
            .unwrap();
        assert!(
            doc.mentions()
                .iter()
                .all(|m| doc.span_text(m.span) != "The primary UK index")
        );
    }

    #[test]
    fn an_acronym_of_an_organisation_named_before_or_after() {
        use EntityType::Organisation as O;
        use MentionKind::Name as N;
        let text = "General Motors cut jobs. GM said so. Bank of America and BA fell.";
        let r = resolve_marked(
            text,
            &[
                ("General Motors", O, N),
                ("GM", O, N),
                ("Bank of America", O, N),
                ("BA", O, N),
            ],
        );
        assert_eq!(r[1], (r[0].0, Resolution::Acronym));
        assert_eq!(r[3].0, r[2].0, "{r:?}");
        // The acronym first (a headline), the name later.
        let r = resolve_marked(
            "GM cuts jobs. General Motors said so.",
            &[("GM", O, N), ("General Motors", O, N)],
        );
        assert_eq!(r[1], (r[0].0, Resolution::Acronym));
        // Not for places, nor for letters that are no one's initials.
        let r = resolve_marked(
            "United States troops left. US and IBM said so.",
            &[
                ("United States", EntityType::Location, N),
                ("US", EntityType::Location, N),
                ("IBM", O, N),
            ],
        );
        assert_ne!(r[1].0, r[0].0);
        assert_ne!(r[2].0, r[0].0);
        assert_eq!(
            initials(&["general".into(), "motors".into(), "corp".into()]).as_deref(),
            Some("gm")
        );
        assert_eq!(initials(&["boeing".into()]), None);
        assert!(is_acronym("GM") && !is_acronym("G") && !is_acronym("Gm"));
    }

    #[test]
    fn the_core_of_a_described_name() {
        fn core(s: &str) -> Option<&str> {
            descriptor_core(s).map(|c| &s[c..])
        }
        assert_eq!(
            core("Irish national airline Aer Lingus"),
            Some("Aer Lingus")
        );
        assert_eq!(core("aircraft manufacturer Boeing"), Some("Boeing"));
        assert_eq!(
            core("European aircraft manufacturer, Airbus"),
            Some("Airbus")
        );
        assert_eq!(core("Airbus parent EADS"), Some("EADS"));
        assert_eq!(core("Bank of America"), None);
        assert_eq!(core("the European Union"), None);
        assert_eq!(core("eBay Inc"), None);
        assert_eq!(core("AirTran Airways, an EADS-led consortium"), None);
    }

    #[test]
    fn a_described_name_is_its_core() {
        let text = "Aer Lingus buys jets. Irish national airline Aer Lingus has ordered twelve \
                    aircraft. The airline said so.";
        let org = EntityType::Organisation;
        let got = resolve_marked(
            text,
            &[
                ("Aer Lingus", org, MentionKind::Name),
                ("Irish national airline Aer Lingus", org, MentionKind::Name),
                ("The airline", org, MentionKind::Nominal),
            ],
        );
        assert_eq!(got[1], (got[0].0, Resolution::RelaxedName));
        assert_eq!(got[2].0, got[0].0);
    }

    #[test]
    fn a_government_said_with_its_country_is_the_government() {
        let text = "The Russian government closed the markets. Facing a crisis, the \
                    government acted.";
        let org = EntityType::Organisation;
        let got = resolve_marked(
            text,
            &[
                ("The Russian government", org, MentionKind::Nominal),
                ("the government", org, MentionKind::Nominal),
            ],
        );
        assert_eq!(got[1], (got[0].0, Resolution::Nominal));
    }

    #[test]
    fn of_two_persons_a_pronoun_takes_the_subject() {
        let text = "Putin met Assad in Moscow. He said nothing. On the day, Obama and Biden \
                    flew out. He said nothing.";
        let per = EntityType::Person;
        let got = resolve_marked(
            text,
            &[
                ("Putin", per, MentionKind::Name),
                ("Assad", per, MentionKind::Name),
                ("He", per, MentionKind::Pronoun),
                ("Obama", per, MentionKind::Name),
                ("Biden", per, MentionKind::Name),
                ("He", per, MentionKind::Pronoun),
            ],
        );
        assert_eq!(got[2], (got[0].0, Resolution::Pronoun));
        // Neither is the subject (a comma before them): no guess.
        assert_eq!(got[5].1, Resolution::First);
    }

    #[test]
    fn it_stands_for_no_entity_that_was_only_ever_a_pronoun() {
        let text = "We met the board. It was late.";
        let got = resolve_marked(
            text,
            &[
                ("We", EntityType::Organisation, MentionKind::Pronoun),
                ("It", EntityType::Organisation, MentionKind::Pronoun),
            ],
        );
        assert_eq!(got[1].1, Resolution::First);
    }

    #[test]
    fn a_role_said_before_the_name_or_in_other_words_names_its_carrier() {
        let per = EntityType::Person;
        let org = EntityType::Organisation;
        // The role before the name: indexed once the name joins it.
        let got = resolve_marked(
            "US bank chief Ben Bernanke spoke. Markets rose. Later the bank chief left.",
            &[
                ("US bank chief", per, MentionKind::Nominal),
                ("Ben Bernanke", per, MentionKind::Name),
                ("the bank chief", per, MentionKind::Nominal),
            ],
        );
        assert_eq!(got[1].0, got[0].0);
        assert_eq!(got[2], (got[0].0, Resolution::Nominal));
        // `the CEO` after `the chief executive`.
        let got = resolve_marked(
            "Rick Wagoner, the chief executive of GM, spoke. The CEO said GM would cut jobs.",
            &[
                ("Rick Wagoner", per, MentionKind::Name),
                ("the chief executive", per, MentionKind::Nominal),
                ("GM", org, MentionKind::Name),
                ("The CEO", per, MentionKind::Nominal),
                ("GM", org, MentionKind::Name),
            ],
        );
        assert_eq!(got[1].0, got[0].0);
        assert_eq!(got[3], (got[0].0, Resolution::Nominal));
        assert_eq!(
            role_key("Toyota's chief financial officer").as_deref(),
            Some("cfo")
        );
        assert_eq!(role_key("the chairwoman").as_deref(), Some("chairman"));
        assert_eq!(role_key("the company"), None);
    }

    #[test]
    fn an_office_said_with_a_name_is_found_again_unmarked() {
        let text = "Apple CEO Steve Jobs spoke. Ford president Alan Mulally spoke too. \
                    Later the CEO said Ford was fine. The company's president agreed.";
        let p = Pipeline::builder()
            .resolve(false)
            .attribute(false)
            .build()
            .unwrap();
        let mut doc = p.extract(text).unwrap();
        let at = |s: &str, from: usize| from + text[from..].find(s).unwrap();
        let mark = |s: &str, from: usize, ty: EntityType| {
            let start = at(s, from);
            let mut m = Mention::new(Span::new(start, start + s.len()), ty, 0.9, "tagger");
            m.kind = MentionKind::Name;
            m
        };
        doc.mentions = vec![
            mark("Apple", 0, EntityType::Organisation),
            mark("Steve Jobs", 0, EntityType::Person),
            mark("Ford president Alan Mulally", 0, EntityType::Person),
            mark("Ford", 60, EntityType::Person),
        ];
        group(&mut doc, &HashMap::default());
        assert!(entity_of(&doc, "Steve Jobs").is_some());
        // `Apple CEO` before the name: `the CEO` is Jobs, found though no one marked it.
        assert_eq!(entity_of(&doc, "the CEO"), entity_of(&doc, "Steve Jobs"));
        // The president is Mulally; `Ford` is no word of his name.
        assert_eq!(
            entity_of(&doc, "The company's president"),
            entity_of(&doc, "Ford president Alan Mulally")
        );
        assert_ne!(
            entity_of(&doc, "Ford"),
            entity_of(&doc, "Ford president Alan Mulally")
        );
        // A title is no office phrase: `Prime Minister`, `US President`.
        assert_eq!(role_prefix_len(&["US", "President"]), None);
        assert_eq!(
            role_prefix_len(&["the", "Airbus", "chief", "executive"]),
            Some(4)
        );
        assert_eq!(role_prefix_len(&["said", "CEO"]), Some(1));
    }
}
