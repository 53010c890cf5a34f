//! Context rules: names no list contains, found from the words around them.
//!
//! Each rule is general English or analyst usage, never aimed at one document:
//! - title cues: `President X`, `Gen. X`, `Russian Foreign Minister X` → Person
//!   (the span keeps the title, as analysts' gold data does; the bare name is
//!   also emitted, nested); `the Foreign Secretary` → Person;
//! - organisation cues: `the Syrian army`, `Russian forces`, `the Asad regime`,
//!   `the Government of Iraq`, `Ministry of X`, capitalised names ending in
//!   `Regiment`, `Command`, `Front`, ... → Organisation;
//! - facility cues: `Hmeimim airbase`, `Tartous naval base`, `Camp X` → Location (facility);
//!   `Idlib province` → Location;
//! - place cues: `in/near/west of X` with X capitalised and unknown → Location.
//!
//! Rules see the mentions found by the recognisers that ran before them
//! (gazetteers, patterns) through [`Document::mentions`].

use std::sync::LazyLock;

use crate::document::{Attributes, Document, EntityType, Mention, MentionKind, Token, TokenKind};
use crate::recognise::phrases::{Phrases, is_function_word};
use crate::recognise::{Gazetteer, GazetteerEntry, Recogniser};
use crate::span::Span;

static ORG_HEAD_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(ORG_HEADS));
static PERSON_ORG_HEAD_SET: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(&["regime", "government", "administration"]));
static FACILITY_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(FACILITY_HEADS));
static REGION_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(REGION_HEADS));
static PLACE_CUE_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(PLACE_CUES));
static NOMINAL_ORG_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(NOMINAL_ORG_HEADS));
static NOMINAL_LOC_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(NOMINAL_LOC_HEADS));
static NOT_NAME_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(NOT_NAMES));
static PARTICLE_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(PARTICLES));
static ORG_SUFFIX_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(ORG_SUFFIXES));
static COMPANY_SUFFIX_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(COMPANY_SUFFIXES));
static STAFF_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(STAFF_WORDS));
static OF_HEAD_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(OF_HEADS));

/// Confidence of a capitalised name after a place cue (`in X`, `near X`: `place_rule`).
const PLACE_CUE_CONFIDENCE: f32 = 0.5;

/// Longest name the rules build from capitalised words; bounds every walk over tokens.
const MAX_NAME_WORDS: usize = 8;

/// The context-rule recogniser; see the module docs.
#[derive(Debug, Clone)]
pub struct ContextRules {
    /// Titles and roles (`President`, `Gen.`), from the gazetteer entries with subtype `title`.
    titles: Gazetteer,
}

/// Words after a nationality or country that make an organisation ("the Syrian army").
const ORG_HEADS: &[&str] = &[
    "army",
    "armed forces",
    "forces",
    "air force",
    "navy",
    "military",
    "government",
    "regime",
    "authorities",
    "security forces",
    "troops",
    "police",
    "intelligence",
    "opposition",
    "people",
    "leadership",
    "parliament",
    "coalition",
    "militias",
    "militia",
    "rebels",
    "embassy",
    "ministry",
    "foreign ministry",
    "defence ministry",
    "defense ministry",
    "special forces",
    "marines",
    "coast guard",
    "border guards",
    "air defences",
    "air defenses",
    "aerospace forces",
    "naval forces",
    "ground forces",
    "state media",
    "officials",
    "delegation",
    "administration",
];

/// Whether `word` (lower case) is the last word of one of [`ORG_HEADS`] (`rebels`,
/// `forces`, `government`).
pub(crate) fn is_org_head_word(word: &str) -> bool {
    ORG_HEADS.iter().any(|h| h.rsplit(' ').next() == Some(word))
}

/// Last words of capitalised organisation names ("321st Field Artillery Regiment").
const ORG_SUFFIXES: &[&str] = &[
    "Army",
    "Forces",
    "Force",
    "Corps",
    "Brigade",
    "Brigades",
    "Division",
    "Regiment",
    "Battalion",
    "Command",
    "Agency",
    "Ministry",
    "Council",
    "Committee",
    "Party",
    "Front",
    "Movement",
    "Organisation",
    "Organization",
    "Group",
    "Union",
    "Coalition",
    "Alliance",
    "Association",
    "Institute",
    "University",
    "Bank",
    "Company",
    "Corporation",
    "Wing",
    "Squadron",
    "Fleet",
    "Navy",
    "Guard",
    "Guards",
    "Office",
    "Department",
    "Commission",
    "Court",
    "Parliament",
    "Assembly",
    "Authority",
    "Service",
    "Services",
    "Foundation",
    "Fund",
    "Programme",
    "Program",
    "Mission",
    "Centre",
    "Center",
    "Unit",
    "Units",
    "Police",
    "Observatory",
    "Network",
    "Agency",
    "Cabinet",
    "Directorate",
    "Secretariat",
    "Bureau",
    "Embassy",
    "League",
    "Federation",
    "Confederation",
    "Club",
    "Society",
    "Board",
];

/// Last words of company names (`Ford Motor Co.`, `Deutsche Bank AG`): a name of
/// capitalised words (joined by `&` only, so `GM and Ford Motor Co` stays two) ends there.
pub(crate) const COMPANY_SUFFIXES: &[&str] = &[
    "Co",
    "Co.",
    "Corp",
    "Corp.",
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "PLC",
    "Plc",
    "LLC",
    "AG",
    "GmbH",
    "Holdings",
    "Industries",
    "Airlines",
    "Airways",
    "Bancorp",
    "Securities",
    "Technologies",
    "Pharmaceuticals",
    "Laboratories",
];

/// Words that make a facility of the name before them ("Hmeimim airbase").
const FACILITY_HEADS: &[&str] = &[
    "airbase",
    "air base",
    "airfield",
    "airport",
    "naval base",
    "naval facility",
    "military base",
    "army base",
    "base",
    "port",
    "camp",
    "barracks",
    "prison",
    "dam",
    "refinery",
    "power plant",
    "power station",
    "hospital",
    "air field",
    "naval station",
    "checkpoint",
    "crossing",
    "border crossing",
];

/// Heads of definite noun phrases that refer to an organisation ("the regime").
const NOMINAL_ORG_HEADS: &[&str] = &[
    "regime",
    "international community",
    "government",
    "coalition",
    "opposition",
    "alliance",
    "militants",
    "insurgents",
    "rebels",
    "ministry",
    "military",
];

/// Heads of definite noun phrases that refer to a place ("the city of Mosul").
const NOMINAL_LOC_HEADS: &[&str] = &[
    "city",
    "camp",
    "town",
    "village",
    "country",
    "area",
    "region",
    "capital",
    "province",
    "airfield",
    "airport",
    "base",
    "compound",
    "headquarters",
    "border",
];

/// Words followed by `of` and a name that make an organisation ("the Government of Iraq").
const OF_HEADS: &[&str] = &[
    "ministry",
    "department",
    "government",
    "office",
    "council",
    "committee",
    "commission",
    "embassy",
    "bank",
    "university",
    "agency",
    "court",
    "parliament",
    "secretary",
    "house",
];

/// Words that make a region of the name before them ("Idlib province").
const REGION_HEADS: &[&str] = &[
    "province",
    "governorate",
    "district",
    "region",
    "county",
    "valley",
    "river",
    "mountains",
    "desert",
    "countryside",
    "city",
    "town",
    "village",
    "oblast",
    "sea",
    "gulf",
];

/// Prepositions after which a capitalised unknown name is a place.
const PLACE_CUES: &[&str] = &[
    "in",
    "near",
    "outside",
    "around",
    "across",
    "into",
    "towards",
    "toward",
    "from",
    "through",
    "inside",
    "north of",
    "south of",
    "east of",
    "west of",
    "northeast of",
    "northwest of",
    "southeast of",
    "southwest of",
    "north-east of",
    "north-west of",
    "south-east of",
    "south-west of",
    "outskirts of",
    "city of",
    "town of",
    "village of",
    "province of",
];

/// People who work for a firm: the name after `at`/`with` is the firm (`analysts at
/// Merrill Lynch`), not a person or a place.
const STAFF_WORDS: &[&str] = &[
    "analyst",
    "analysts",
    "economist",
    "economists",
    "strategist",
    "strategists",
    "trader",
    "traders",
    "dealer",
    "dealers",
    "broker",
    "brokers",
    "banker",
    "bankers",
    "executive",
    "executives",
    "researcher",
    "researchers",
    "consultant",
    "consultants",
];

/// Heads of place names that go on with `of` and a name (`Gulf of Mexico`, `Isle of Man`).
const GEO_OF_HEADS: &[&str] = &[
    "Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Island", "Islands", "Cape", "Lake", "Horn",
    "Mouth", "Bight", "Sound",
];

/// Capitalised words that start sentences or name months and days, never names on their own.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Your",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "With",
    "Without",
    "To",
    "From",
    "By",
    "Of",
    "During",
    "Under",
    "Over",
    "Between",
    "There",
    "Here",
    "Some",
    "Many",
    "All",
    "Both",
    "Each",
    "Every",
    "No",
    "Not",
    "According",
    "However",
    "Meanwhile",
    "Today",
    "Yesterday",
    "Tomorrow",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Is",
    "Was",
    "Are",
    "Were",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "May",
    "Might",
    "Must",
    "Also",
    "Then",
    "Now",
    "What",
    "Who",
    "Which",
    "Where",
    "Why",
    "How",
    "Our",
    "Such",
    "Other",
    "Another",
    "More",
    "Most",
    "First",
    "Last",
    "Next",
    "New",
    "Former",
    "Chief",
    "Senior",
    "Deputy",
];

/// Name particles that join the words of a name ("Abu Bakr al-Baghdadi", "Staffan de Mistura").
const PARTICLES: &[&str] = &[
    "al", "al-", "el", "bin", "ibn", "abu", "Abu", "de", "del", "van", "von", "der", "da", "la",
    "le", "di", "bint",
];

impl ContextRules {
    /// Rules using the titles of `gazetteer` (entries with subtype `title`).
    pub fn new(gazetteer: &Gazetteer) -> Self {
        let mut b = Gazetteer::builder();
        for e in gazetteer.entries() {
            if e.subtype.as_deref() == Some("title") {
                b = b.add_entry(GazetteerEntry::clone(e));
            }
        }
        // More than 4 billion titles is the only failure: then no title cues.
        let titles = b.build().unwrap_or_else(|_| Gazetteer::empty());
        ContextRules { titles }
    }
}

/// A sentence's tokens with lookups the rules share.
struct View<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// For each token, the type of the longest earlier mention covering it.
    cover: Vec<Option<(EntityType, Span)>>,
    /// In a sentence in capitals (a headline), whether each token reads with a
    /// capital once truecased (`tagger::features::truecased_capitals`); else `None`
    /// and the text's own case counts.
    caps: Option<Vec<bool>>,
}

impl<'a> View<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.span.range()])
    }

    fn is_cap(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let w = self.word(i);
        matches!(t.kind, TokenKind::Word) && self.upper_initial(i) && !NOT_NAME_SET.contains_word(w)
    }

    /// True when token `i` starts with a capital: as written, or, in a sentence in
    /// capitals, as truecased.
    fn upper_initial(&self, i: usize) -> bool {
        match &self.caps {
            Some(c) => c.get(i).copied().unwrap_or(false),
            None => self.word(i).starts_with(char::is_uppercase),
        }
    }

    /// True when token `i` is a word in lower case (hyphens allowed): as written, or,
    /// in a sentence in capitals, as truecased.
    fn lower_word(&self, i: usize) -> bool {
        let w = self.word(i);
        match &self.caps {
            Some(_) => {
                !w.is_empty()
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !self.upper_initial(i)
            }
            None => !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-'),
        }
    }

    /// The longest phrase of `set` at token `i`: its end token.
    fn longest_at(&self, i: usize, set: &Phrases) -> Option<usize> {
        set.longest_at(i, |j| self.word(j))
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].span.start, self.toks[to - 1].span.end)
    }

    /// Index of the token starting at byte `pos`.
    fn token_at(&self, pos: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.span.start < pos);
        (self.toks.get(i)?.span.start == pos).then_some(i)
    }

    /// Index of the token ending at byte `pos`.
    fn token_ending(&self, pos: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.span.end < pos);
        (self.toks.get(i)?.span.end == pos).then_some(i)
    }

    /// Extends a capitalised name from token `i`: returns the end token, or `i` if none.
    fn name_from(&self, i: usize, max: usize) -> usize {
        let mut j = i;
        let mut end = i;
        while j < self.toks.len() && j - i < max {
            let w = self.word(j);
            let initial =
                w.len() == 2 && w.ends_with('.') && w.starts_with(|c: char| c.is_ascii_uppercase());
            if self.is_cap(j) || initial && j > i {
                if !initial {
                    end = j + 1;
                }
                j += 1;
            } else if j > i && PARTICLE_SET.contains_word(w) && self.is_cap(j + 1) {
                j += 1;
            } else {
                break;
            }
        }
        end
    }

    fn covered_by(&self, i: usize, t: EntityType) -> bool {
        self.cover
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|(ty, _)| ty == t)
    }

    fn covered(&self, i: usize) -> bool {
        self.cover.get(i).copied().flatten().is_some()
    }
}

fn mention(
    span: Span,
    t: EntityType,
    subtype: Option<&str>,
    confidence: f32,
    attributes: Attributes,
) -> Mention {
    Mention {
        entry: None,
        timex: None,
        span,
        entity_type: t,
        kind: if subtype == Some("nominal") {
            MentionKind::Nominal
        } else {
            MentionKind::default_for(t)
        },
        subtype: subtype.map(str::to_owned),
        confidence,
        recogniser: "rule".into(),
        entity: None,
        attributes,
    }
}

impl Recogniser for ContextRules {
    fn name(&self) -> &str {
        "rule"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let mentions = doc.mentions();
        let titles = self.titles.find(text);
        let mut mem = crate::recognise::tagger::CaseMemory::new();
        for (si, s) in doc.sentences().iter().enumerate() {
            let a = tokens.partition_point(|t| t.span.start < s.span.start);
            let b = tokens.partition_point(|t| t.span.end <= s.span.end);
            if a >= b {
                continue;
            }
            let toks = &tokens[a..b];
            let mut cover = vec![None; toks.len()];
            // Mentions are sorted by start; a long one may start a little before the sentence.
            let m0 = mentions.partition_point(|m| m.span.start < s.span.start.saturating_sub(512));
            for m in mentions[m0..]
                .iter()
                .take_while(|m| m.span.start < s.span.end)
            {
                if m.span.end <= s.span.start {
                    continue;
                }
                let first = toks.partition_point(|t| t.span.start < m.span.start);
                for (t, c) in toks[first..].iter().zip(&mut cover[first..]) {
                    if t.span.end > m.span.end {
                        break;
                    }
                    if c.is_none_or(|(_, sp): (EntityType, Span)| sp.len() < m.span.len()) {
                        *c = Some((m.entity_type, m.span));
                    }
                }
            }
            let caps = crate::recognise::tagger::features::truecased_capitals(doc, si, &mut mem);
            let v = View {
                text,
                toks,
                cover,
                caps,
            };
            let t0 = titles.partition_point(|(sp, _)| sp.start < s.span.start);
            let sentence_titles = titles[t0..]
                .iter()
                .take_while(|(sp, _)| sp.end <= s.span.end);
            for (tspan, _) in sentence_titles {
                title_rule(&v, *tspan, out);
            }
            for i in 0..v.toks.len() {
                org_rules(&v, i, out);
                facility_rules(&v, i, out);
                place_rule(&v, i, out);
                nominal_rule(&v, i, out);
            }
        }
    }
}

/// Words that make a company's name after a title word (`General Motors`, `General
/// Electric`, `General Mills`, `General Dynamics`), never a person's name.
const COMPANY_WORDS: &[&str] = &[
    "Motors",
    "Motor",
    "Electric",
    "Mills",
    "Dynamics",
    "Atomics",
    "Foods",
    "Instruments",
    "Instrument",
];

/// `[Nationality] Title Name` → Person; `the Title` → Person.
fn title_rule(v: &View<'_>, tspan: Span, out: &mut Vec<Mention>) {
    let (Some(ti), Some(te)) = (v.token_at(tspan.start), v.token_ending(tspan.end)) else {
        return;
    };
    // `03:16 PM`, `5 AM`: a clock time's abbreviation, not a title.
    let before = if ti > 0 { v.word(ti - 1) } else { "" };
    if before.starts_with(|c: char| c.is_ascii_digit())
        && before
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
    {
        return;
    }
    let after = te + 1;
    let end = v.name_from(after, 5);
    // Extend back over a nationality, country or organisation directly before the title.
    let mut start = ti;
    if ti > 0 {
        if let Some((ty, sp)) = v.cover[ti - 1] {
            if matches!(
                ty,
                EntityType::Nationality | EntityType::Location | EntityType::Organisation
            ) && sp.end == v.toks[ti - 1].span.end
            {
                if let Some(s) = v.token_at(sp.start) {
                    start = s;
                }
            }
        }
    }
    let title = &v.text[tspan.range()];
    // "General Motors", "General Electric": a company's name, not a titled person.
    if end > after && COMPANY_WORDS.contains(&v.word(after)) {
        return;
    }
    // "Martin Luther King Jr.": a name's suffix after a title word is no name.
    if end > after
        && (after..end).all(|i| matches!(v.word(i), "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III"))
    {
        return;
    }
    if end > after {
        // A name follows, unless it is already something else or an organisation's
        // (`Major League Baseball`, `Premier League`).
        if (after..end)
            .any(|i| (v.covered(i) && !v.covered_by(i, EntityType::Person)) || org_word(v.word(i)))
        {
            return;
        }
        let name_span = v.span(after, end);
        let mut attrs = Attributes::new();
        attrs.insert("title".into(), title.into());
        attrs.insert("name".into(), v.text[name_span.range()].into());
        out.push(mention(
            v.span(start, end),
            EntityType::Person,
            None,
            0.8,
            attrs.clone(),
        ));
        if !(after..end).all(|i| v.covered_by(i, EntityType::Person)) {
            out.push(mention(name_span, EntityType::Person, None, 0.75, attrs));
        }
    } else if ti > 0 && v.word(ti - 1).eq_ignore_ascii_case("the") && v.upper_initial(ti) {
        let mut attrs = Attributes::new();
        attrs.insert("title".into(), title.into());
        out.push(mention(
            v.span(ti - 1, te + 1),
            EntityType::Person,
            Some("nominal"),
            0.6,
            attrs,
        ));
    }
}

/// Starts a phrase at `i`, or at the `the` just before it.
fn with_the(v: &View<'_>, i: usize) -> usize {
    if i > 0 && v.word(i - 1).eq_ignore_ascii_case("the") {
        i - 1
    } else {
        i
    }
}

fn org_rules(v: &View<'_>, i: usize, out: &mut Vec<Mention>) {
    // (a) Nationality/country + head: "the Syrian army", "Russian forces".
    if let Some((ty, sp)) = v.cover[i] {
        let starts_here = v.toks[i].span.start == sp.start;
        if starts_here
            && matches!(
                ty,
                EntityType::Nationality | EntityType::Location | EntityType::Person
            )
        {
            let mut j = i;
            while j < v.toks.len() && v.toks[j].span.end <= sp.end {
                j += 1;
            }
            let heads: &Phrases = if ty == EntityType::Person {
                &PERSON_ORG_HEAD_SET
            } else {
                &ORG_HEAD_SET
            };
            let adjectival = |end: usize| {
                let head = &v.text[v.span(j, end).range()];
                let after = &v.text[v.toks[end - 1].span.end..];
                crate::recognise::gazetteer::modifies_noun(head, after)
            };
            if let Some(end) = v.longest_at(j, heads).filter(|&e| !adjectival(e)) {
                let start = with_the(v, i);
                out.push(mention(
                    v.span(start, end),
                    EntityType::Organisation,
                    None,
                    0.75,
                    Attributes::new(),
                ));
            }
        }
    }
    // (d) A firm's staff: "analysts at Merrill Lynch", "an economist with Smith Barney".
    if matches!(v.word(i), "at" | "with")
        && i > 0
        && STAFF_SET.contains_word(v.word(i - 1))
        && v.is_cap(i + 1)
    {
        let end = v.name_from(i + 1, 4);
        if end > i + 1 && !(i + 1..end).any(|k| v.covered(k)) {
            out.push(mention(
                v.span(i + 1, end),
                EntityType::Organisation,
                None,
                0.7,
                Attributes::new(),
            ));
        }
    }
    // (b) "the Government of Iraq", "Ministry of Foreign Affairs".
    let w = v.word(i);
    if OF_HEAD_SET.contains_word(w) && v.word(i + 1) == "of" {
        let mut j = i + 2;
        if v.word(j) == "the" {
            j += 1;
        }
        let mut end = v.name_from(j, 6).max(covered_end(v, j));
        // A person's name inside makes it a title before the person (`Secretary of
        // State Mike Pompeo`), no organisation.
        if (j + 1..end).any(|k| v.covered_by(k, EntityType::Person)) {
            end = j;
        }
        if end > j && (v.upper_initial(i) || (j..end).any(|k| v.covered(k))) {
            let start = with_the(v, i);
            out.push(mention(
                v.span(start, end),
                EntityType::Organisation,
                None,
                0.75,
                Attributes::new(),
            ));
        }
    }
    // (c) Capitalised name ending in an organisation word: "321st Field Artillery Regiment".
    let company = COMPANY_SUFFIX_SET.contains_word(w);
    if i > 0 && v.upper_initial(i) && org_word(w) {
        let mut s = i;
        while s > 0 && i - s < MAX_NAME_WORDS {
            let p = v.word(s - 1);
            let ordinal =
                p.starts_with(|c: char| c.is_ascii_digit()) && p.ends_with(['t', 'd', 'h']);
            let joins = if company {
                p == "&"
            } else {
                matches!(p, "of" | "and" | "for" | "&")
            };
            // `New` and `First` start sentences but also organisations' names
            // (`New England Inc.`, `First Union Securities`): the name starts there.
            if matches!(p, "New" | "First") && s < i {
                s -= 1;
                break;
            }
            if v.is_cap(s - 1) || ordinal || (joins && s >= 2 && v.is_cap(s - 2)) {
                s -= 1;
            } else {
                break;
            }
        }
        // Connectors cannot start the name.
        while s < i && matches!(v.word(s), "of" | "and" | "for" | "&") {
            s += 1;
        }
        if s < i {
            out.push(mention(
                v.span(s, i + 1),
                EntityType::Organisation,
                None,
                0.7,
                Attributes::new(),
            ));
        }
    }
}

/// Whether `w` ends organisations' names: an organisation word (`Regiment`, `League`)
/// or a company suffix (`Co.`, `AG`).
fn org_word(w: &str) -> bool {
    ORG_SUFFIX_SET.contains_word(w) || COMPANY_SUFFIX_SET.contains_word(w)
}

/// End token of the mention covering token `i`, or `i`.
fn covered_end(v: &View<'_>, i: usize) -> usize {
    match v.cover.get(i).copied().flatten() {
        Some((_, sp)) => v.token_ending(sp.end).map_or(i, |e| e + 1),
        None => i,
    }
}

fn facility_rules(v: &View<'_>, i: usize, out: &mut Vec<Mention>) {
    // The name: a known location or capitalised words ending at token i.
    let name_end = i + 1;
    if !(v.is_cap(i) || v.covered_by(i, EntityType::Location)) {
        // "Camp X"
        if v.word(i) == "Camp" {
            let end = v.name_from(i + 1, 3);
            if end > i + 1 {
                out.push(mention(
                    v.span(i, end),
                    EntityType::Location,
                    Some("facility"),
                    0.75,
                    Attributes::new(),
                ));
            }
        }
        return;
    }
    let facility = v.longest_at(name_end, &FACILITY_SET);
    let region = facility.map_or_else(|| v.longest_at(name_end, &REGION_SET), |_| None);
    let Some(head_end) = facility.or(region) else {
        return;
    };
    // The head already belongs to a name: one that goes on past it (`the Gulf of
    // Mexico`) or the name before it that reaches it (`the Gulf`).
    let head_end_byte = v.toks[head_end - 1].span.end;
    let inside = |k: usize| v.cover[k].is_some_and(|(_, sp)| sp.end > head_end_byte);
    let reaches = v.cover[i].is_some_and(|(_, sp)| sp.end >= head_end_byte);
    if (name_end..head_end).any(inside) || reaches {
        return;
    }
    let mut start = i;
    if let Some((EntityType::Location, sp)) = v.cover[i] {
        if let Some(s) = v.token_at(sp.start) {
            start = s;
        }
    } else {
        // Names are short: walking back is bounded, so runs of capitals stay linear.
        while start > 0
            && i - start < MAX_NAME_WORDS
            && v.is_cap(start - 1)
            && !v.covered(start - 1)
        {
            start -= 1;
        }
    }
    if let Some(end) = facility {
        let mut attrs = Attributes::new();
        if let Some((EntityType::Location, sp)) = v.cover[i] {
            attrs.insert("place".into(), v.text[sp.range()].into());
        }
        out.push(mention(
            v.span(start, end),
            EntityType::Location,
            Some("facility"),
            0.8,
            attrs,
        ));
    } else if let Some(end) = region {
        out.push(mention(
            v.span(start, end),
            EntityType::Location,
            Some("region"),
            0.7,
            Attributes::new(),
        ));
    }
}

fn place_rule(v: &View<'_>, i: usize, out: &mut Vec<Mention>) {
    let Some(after) = v.longest_at(i, &PLACE_CUE_SET) else {
        return;
    };
    let mut j = after;
    if v.word(j) == "the" {
        j += 1;
    }
    if v.covered(j) || !v.is_cap(j) {
        return;
    }
    let mut end = v.name_from(j, 3);
    if end == j || (j..end).any(|k| v.covered(k)) {
        return;
    }
    // `the Gulf of Mexico`, `the Bay of Bengal`: a water or land head takes its `of` name.
    if end - j == 1 && v.word(end) == "of" && GEO_OF_HEADS.contains(&v.word(j)) {
        let tail = v.name_from(end + 1, 3).max(covered_end(v, end + 1));
        if tail > end + 1 {
            end = tail;
        }
    }
    // A name followed by an organisation or facility word is not a bare place.
    if ORG_SUFFIX_SET.contains_word(v.word(end - 1)) {
        return;
    }
    // `competition from Microsoft`: a name the place table does not know, in a context
    // that points elsewhere, is left to the tagger (`geo::weak_unknown_place`).
    if crate::geo::weak_unknown_place(v.text, v.toks, v.span(j, end), &mut String::new()) {
        return;
    }
    out.push(mention(
        v.span(j, end),
        EntityType::Location,
        None,
        PLACE_CUE_CONFIDENCE,
        Attributes::new(),
    ));
}

/// `the (adjective) regime` → Organisation; `the (adjective) city (of X)` → Location.
fn nominal_rule(v: &View<'_>, i: usize, out: &mut Vec<Mention>) {
    if !v.word(i).eq_ignore_ascii_case("the") {
        return;
    }
    // Up to two lower-case modifiers: "the ancient city", "the Syrian regime" is a rule of its own.
    for skip in 0..=2 {
        let h = i + 1 + skip;
        let is_modifier = |k: usize| v.lower_word(k) && !is_function_word(v.word(k));
        if !(i + 1..h).all(is_modifier) {
            return;
        }
        // A head followed by another noun is a modifier ("the military community").
        // ... unless a noun such adjectives modify follows ("the military community").
        let head_is_noun =
            |end: usize| !crate::recognise::gazetteer::MODIFIED_NOUNS.contains_word(v.word(end));
        if v.covered(h) {
            return;
        }
        if let Some(end) = v.longest_at(h, &NOMINAL_ORG_SET) {
            if v.covered(end - 1) || !head_is_noun(end) {
                return;
            }
            out.push(mention(
                v.span(i, end),
                EntityType::Organisation,
                Some("nominal"),
                0.5,
                Attributes::new(),
            ));
            return;
        }
        if let Some(mut end) = v.longest_at(h, &NOMINAL_LOC_SET) {
            if !head_is_noun(end) {
                return;
            }
            // "the city of Mosul": the name belongs to the phrase.
            if v.word(end) == "of" && v.covered_by(end + 1, EntityType::Location) {
                end = covered_end(v, end + 1);
            }
            out.push(mention(
                v.span(i, end),
                EntityType::Location,
                Some("nominal"),
                0.5,
                Attributes::new(),
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Pipeline;
    use crate::document::EntityType;

    /// The context rules' mentions of type `t` in `text`, as the tagger's input sees them.
    fn rule_mentions(text: &str, t: EntityType) -> Vec<String> {
        let doc = Pipeline::new().prepare_for_tagger(text).unwrap();
        doc.mentions()
            .iter()
            .filter(|m| m.recogniser == "rule" && m.entity_type == t)
            .map(|m| doc.span_text(m.span).to_owned())
            .collect()
    }

    fn rule_persons(text: &str) -> Vec<String> {
        rule_mentions(text, EntityType::Person)
    }

    #[test]
    fn a_weak_place_cue_before_an_unknown_name_is_left_to_the_tagger() {
        let places = rule_mentions(
            "The firm faces competition from Microsoft. A letter from Pauline came. \
             Troops moved into Qarvistan. Fighting went on in Qarvistan.",
            EntityType::Location,
        );
        // `from`, `into` and a first name point elsewhere; `in` still guesses the place.
        assert_eq!(places, ["Qarvistan"], "{places:?}");
        let doc = Pipeline::new()
            .extract("The firm faces competition from Microsoft.")
            .unwrap();
        assert!(
            doc.mentions()
                .iter()
                .any(|m| doc.span_text(m.span) == "Microsoft"
                    && m.entity_type == EntityType::Organisation),
            "{:?}",
            doc.mentions()
        );
    }

    #[test]
    fn a_clock_time_and_an_organisation_take_no_title() {
        let persons = rule_persons(
            "Janette Elbertson\n02/28/2001 03:16 PM\nPlease use the form.\n\n\
             Major League Baseball and the Premier League resumed. Major Tom Kent spoke.",
        );
        assert!(!persons.iter().any(|m| m.contains("Please")), "{persons:?}");
        assert!(!persons.iter().any(|m| m.contains("League")), "{persons:?}");
        assert!(persons.iter().any(|m| m == "Major Tom Kent"), "{persons:?}");
    }

    #[test]
    fn a_person_after_an_office_of_ends_the_organisation() {
        let orgs = rule_mentions(
            "US Secretary of State Mike Pompeo said the Ministry of Foreign Affairs agreed.",
            EntityType::Organisation,
        );
        assert!(!orgs.iter().any(|m| m.contains("Pompeo")), "{orgs:?}");
        assert!(
            orgs.iter()
                .any(|m| m.ends_with("Ministry of Foreign Affairs")),
            "{orgs:?}"
        );
    }

    #[test]
    fn a_company_suffix_ends_an_organisation_name() {
        let orgs = rule_mentions(
            "Analysts said General Motors and Hartwell Motor Co. would gain, as would \
             Deutsche Bank AG and First Union Securities.",
            EntityType::Organisation,
        );
        for want in [
            "Hartwell Motor Co.",
            "Deutsche Bank AG",
            "First Union Securities",
        ] {
            assert!(orgs.iter().any(|m| m == want), "{want}: {orgs:?}");
        }
        assert!(!orgs.iter().any(|m| m.contains(" and ")), "{orgs:?}");
        let staff = rule_mentions(
            "Analysts at Kessler Brown and an economist with Smith Barney agreed.",
            EntityType::Organisation,
        );
        assert!(staff.iter().any(|m| m == "Kessler Brown"), "{staff:?}");
        assert!(staff.iter().any(|m| m == "Smith Barney"), "{staff:?}");
    }

    #[test]
    fn a_region_head_inside_a_longer_name_makes_no_region() {
        let locs = rule_mentions(
            "Storms hit oil rigs in the Gulf of Mexico. Fighting went on in Kafr Nabl district.",
            EntityType::Location,
        );
        assert!(!locs.iter().any(|m| m == "Gulf"), "{locs:?}");
        assert!(locs.iter().any(|m| m == "Kafr Nabl district"), "{locs:?}");
    }

    #[test]
    fn a_headline_in_capitals_ends_a_name_where_the_body_would() {
        let body = "\n\nGeneral Robert Kane said the troops were ready.";
        let written = rule_persons(&format!("General Robert Kane visits troops{body}"));
        assert!(
            written.iter().any(|m| m == "General Robert Kane"),
            "{written:?}"
        );
        let shouted = rule_persons(&format!("GENERAL ROBERT KANE VISITS TROOPS{body}"));
        assert!(
            shouted.iter().any(|m| m == "GENERAL ROBERT KANE"),
            "{shouted:?}"
        );
        assert!(!shouted.iter().any(|m| m.contains("VISITS")), "{shouted:?}");
    }
}
