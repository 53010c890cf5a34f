//! Gazetteers: lists of real-world names matched on word boundaries, case aware.
//!
//! The built-in lists (countries, nationalities, places, facilities, organisations,
//! weapons and platforms, people, titles) live in `crates/informant/data/gazetteer/`
//! with a README giving their sources, licences and the command that rebuilds them.
//! Users add their own lists at run time from TSV, CSV or JSON ([`GazetteerBuilder`]).
//!
//! # Matching
//! Every surface form (name and aliases) of every entry goes into one byte trie,
//! walked from each word start of the text (the matches an Aho-Corasick automaton
//! would find on word boundaries, without the automaton's 35 ms build; see
//! `recognise/trie.rs`). A form matches ASCII-case-insensitively, and then:
//! - the match must start and end at a word boundary (a hyphen counts as one,
//!   so `pro-Assad` yields `Assad`);
//! - an all-capitals form (`TASS`, `SDF`) must match exactly;
//! - a form with a capital after a small letter (`LeT`, `McCain`) must match exactly,
//!   or in all capitals when it has five letters or more, so `Let me know` names no
//!   Lashkar-e-Taiba;
//! - a form that starts with a capital (`Turkey`) must match text that starts
//!   with a capital, so the bird does not become the country;
//! - a lower-case form (`rockets`) matches any case (`Rockets` opening a sentence).
//!
//! Among the matches that survive, the longest leftmost wins (`Syrian Democratic
//! Forces` over `Syrian`).

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use super::trie::Trie;

use crate::document::{Attributes, Document, EntityType, Mention, MentionKind};
use crate::error::{Error, Result};
use crate::recognise::Recogniser;
use crate::span::Span;

/// One entry of a gazetteer: a real-world thing with its names.
///
/// # Example
/// ```
/// use informant::EntityType;
/// use informant::recognise::GazetteerEntry;
/// let mut attrs = informant::Attributes::new();
/// attrs.insert("country".into(), "SY".into());
/// let e = GazetteerEntry::new("Hmeimim Air Base", EntityType::Location)
///     .with_subtype("facility")
///     .with_aliases(["Khmeimim", "Hmeimim"])
///     .with_attributes(attrs);
/// assert_eq!(e.attributes()["country"], "SY");
/// ```
#[derive(Debug, Clone)]
pub struct GazetteerEntry {
    /// Canonical name.
    pub name: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Finer type (`country`, `facility`, `armed_group`, `title`, ...).
    pub subtype: Option<String>,
    /// Other surface forms: spellings, transliterations, acronyms.
    pub aliases: Vec<String>,
    /// Known attributes, parsed on first use: the built-in data keep them as
    /// JSON text until a match needs them, so loading stays fast.
    attributes: OnceLock<Attributes>,
    /// The attributes' JSON, for built-in entries not yet parsed.
    raw_attributes: Option<Box<str>>,
}

impl PartialEq for GazetteerEntry {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.entity_type == other.entity_type
            && self.subtype == other.subtype
            && self.aliases == other.aliases
            && self.attributes() == other.attributes()
    }
}

impl GazetteerEntry {
    /// Its name (`which` 0) or alias `which - 1`, trimmed; empty past the last alias.
    fn form(&self, which: u32) -> &str {
        match which {
            0 => &self.name,
            k => self.aliases.get(k as usize - 1).map_or("", String::as_str),
        }
        .trim()
    }

    /// An entry with a name and type, no subtype, alias or attribute.
    pub fn new(name: impl Into<String>, entity_type: EntityType) -> Self {
        GazetteerEntry {
            name: name.into(),
            entity_type,
            subtype: None,
            aliases: Vec::new(),
            attributes: OnceLock::new(),
            raw_attributes: None,
        }
    }

    /// Sets the subtype.
    pub fn with_subtype(mut self, subtype: impl Into<String>) -> Self {
        self.subtype = Some(subtype.into());
        self
    }

    /// Sets the aliases.
    pub fn with_aliases<S: Into<String>>(mut self, aliases: impl IntoIterator<Item = S>) -> Self {
        self.aliases = aliases.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the attributes.
    pub fn with_attributes(mut self, attributes: Attributes) -> Self {
        self.attributes = OnceLock::from(attributes);
        self.raw_attributes = None;
        self
    }

    /// Known attributes (ids, country code, coordinates).
    pub fn attributes(&self) -> &Attributes {
        self.attributes.get_or_init(|| {
            // Built-in JSON is checked by the test suite; anything else was parsed eagerly.
            self.raw_attributes
                .as_deref()
                .and_then(|raw| serde_json::from_str(raw).ok())
                .unwrap_or_default()
        })
    }
}

/// How the case of the text must agree with a surface form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CaseRule {
    /// All capitals: exact match only.
    Exact,
    /// A capital after a small letter (`LeT`, `McCain`, `iPhone`): the case is part of
    /// the name, so the text must match exactly, or be all capitals when the form has
    /// five letters or more (`MCCAIN` in a headline, not `LET`).
    Camel,
    /// Starts with a capital: the text must too.
    Capital,
    /// Lower case: any case.
    Any,
}

impl CaseRule {
    fn of(form: &str) -> Self {
        // Every letter a capital (one or more letters): an acronym or initial.
        let mut letters = form.chars().filter(|c| c.is_alphabetic()).peekable();
        let has_letter = letters.peek().is_some();
        if has_letter && letters.all(char::is_uppercase) {
            CaseRule::Exact
        } else if form
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        {
            CaseRule::Camel
        } else if form.chars().next().is_some_and(char::is_uppercase) {
            CaseRule::Capital
        } else {
            CaseRule::Any
        }
    }

    fn accepts(self, form: &str, found: &str) -> bool {
        match self {
            CaseRule::Exact => form == found,
            CaseRule::Camel => {
                form == found
                    || (form.chars().filter(|c| c.is_alphabetic()).count() >= 5
                        && !found.chars().any(char::is_lowercase))
            }
            CaseRule::Capital => found.chars().next().is_some_and(char::is_uppercase),
            CaseRule::Any => true,
        }
    }
}

/// One distinct surface form. Its text is the entry's own string (no copy).
#[derive(Debug)]
struct Form {
    /// The entry whose name (`which` 0) or alias (`which` k + 1) is the text.
    entry: u32,
    which: u32,
    rule: CaseRule,
    /// Entries with this form (more than one when a name is ambiguous), as a
    /// range of [`Inner::form_entries`].
    entries: Range<u32>,
}

/// A compiled gazetteer: entries and a trie over all their surface forms.
///
/// Cheap to clone (shared internally); `Send` and `Sync`.
///
/// # Example
/// ```
/// use informant::recognise::Gazetteer;
/// let gaz = Gazetteer::builder()
///     .add_tsv("mine", "name\ttype\tsubtype\taliases\tattributes\nHmeimim Air Base\tLocation\tfacility\tKhmeimim|Hmeimim\t{}\n")?
///     .build()?;
/// let hits = gaz.find("Jets left Khmeimim on Monday.");
/// assert_eq!(hits.len(), 1);
/// assert_eq!(gaz.entry(hits[0].1).name, "Hmeimim Air Base");
/// # Ok::<(), informant::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Gazetteer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    entries: Vec<Arc<GazetteerEntry>>,
    forms: Vec<Form>,
    form_entries: Vec<u32>,
    trie: Trie,
    /// The keys with a form that text starting with a small letter can match (a
    /// lower-case form, any case; `iPhone`), each with its forms from the first
    /// such one on: most words start with a small letter, and this trie is a
    /// small part of the whole.
    lower_trie: Trie,
}

impl Inner {
    fn text(&self, f: &Form) -> &str {
        self.entries[f.entry as usize].form(f.which)
    }

    fn entries_of(&self, f: &Form) -> &[u32] {
        self.form_entries
            .get(f.entries.start as usize..f.entries.end as usize)
            .unwrap_or_default()
    }
}

/// The built-in data files, embedded at compile time.
const BUILTIN: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../data/gazetteer/countries.tsv"),
    ),
    (
        "nationalities.tsv",
        include_str!("../../data/gazetteer/nationalities.tsv"),
    ),
    (
        "places.tsv",
        include_str!("../../data/gazetteer/places.tsv"),
    ),
    (
        "facilities.tsv",
        include_str!("../../data/gazetteer/facilities.tsv"),
    ),
    (
        "organisations.tsv",
        include_str!("../../data/gazetteer/organisations.tsv"),
    ),
    (
        "weapons.tsv",
        include_str!("../../data/gazetteer/weapons.tsv"),
    ),
    (
        "people.tsv",
        include_str!("../../data/gazetteer/people.tsv"),
    ),
    (
        "titles.tsv",
        include_str!("../../data/gazetteer/titles.tsv"),
    ),
];

static BUILTIN_GAZETTEER: LazyLock<Result<Gazetteer>> = LazyLock::new(|| {
    let mut b = Gazetteer::builder();
    for (name, content) in BUILTIN {
        b = b.add_tsv_with(name, content, false)?;
    }
    b.build()
});

impl Gazetteer {
    /// A builder starting empty.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// The built-in gazetteer, compiled once per process on first use.
    ///
    /// # Errors
    /// Only if the embedded data were corrupt, which the test suite rules out.
    pub fn builtin() -> Result<Gazetteer> {
        match &*BUILTIN_GAZETTEER {
            Ok(g) => Ok(g.clone()),
            Err(e) => Err(Error::Gazetteer {
                path: "<built-in>".into(),
                line: 0,
                message: e.to_string(),
            }),
        }
    }

    /// A gazetteer with no entry, matching nothing.
    pub fn empty() -> Gazetteer {
        Gazetteer {
            inner: Arc::new(Inner {
                entries: Vec::new(),
                forms: Vec::new(),
                form_entries: Vec::new(),
                trie: Trie::default(),
                lower_trie: Trie::default(),
            }),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.inner.entries.len()
    }

    /// Number of distinct surface forms (names and aliases) it matches.
    pub fn form_count(&self) -> usize {
        self.inner.forms.len()
    }

    /// True when the gazetteer has no entry.
    pub fn is_empty(&self) -> bool {
        self.inner.entries.is_empty()
    }

    /// Entry `i`. Panics if `i` is not an index returned by this gazetteer.
    pub fn entry(&self, i: usize) -> &GazetteerEntry {
        &self.inner.entries[i]
    }

    /// All entries.
    pub fn entries(&self) -> &[Arc<GazetteerEntry>] {
        &self.inner.entries
    }

    /// Finds the names in `text`: `(byte span, entry index)` pairs, longest leftmost,
    /// not overlapping. An ambiguous form yields its first entry.
    pub fn find(&self, text: &str) -> Vec<(Span, usize)> {
        let mut out = Vec::new();
        self.find_into(text, 0, &mut |span, entries| {
            out.push((span, entries[0] as usize))
        });
        out
    }

    /// Calls `emit(span, entries)` for each accepted match in `text`, with spans shifted by `base`.
    fn find_into(&self, text: &str, base: usize, emit: &mut dyn FnMut(Span, &[u32])) {
        let cands = self.candidates(text);
        let mut last_end = 0usize;
        for (s, e, f) in cands {
            if s < last_end {
                continue;
            }
            last_end = e;
            emit(
                Span::new(base + s, base + e),
                self.inner.entries_of(&self.inner.forms[f]),
            );
        }
    }

    /// Every accepted match in `text` as `(start, end, form)`, by start, longest first.
    fn candidates(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut cands: Vec<(usize, usize, usize)> = Vec::new();
        if self.inner.forms.is_empty() {
            return cands;
        }
        let bytes = text.as_bytes();
        let forms = &self.inner.forms;
        // A word starts wherever no letter or digit precedes (hyphens count, so
        // `pro-Assad` yields `Assad`).
        let mut prev_alnum = false;
        for (s, c) in text.char_indices() {
            if !prev_alnum {
                // Forms that need a capital cannot match a word starting with a small letter.
                let trie = if c.is_lowercase() {
                    &self.inner.lower_trie
                } else {
                    &self.inner.trie
                };
                trie.walk(bytes, s, &mut |e, ids: Range<u32>| {
                    let Some(found) = text.get(s..e) else {
                        return; // not on a char boundary
                    };
                    if !boundary_after(text, e) {
                        return;
                    }
                    for f in ids {
                        let form = &forms[f as usize];
                        let form_text = self.inner.text(form);
                        if form.rule.accepts(form_text, found)
                            && !modifies_noun(form_text, &text[e..])
                        {
                            cands.push((s, e, f as usize));
                        }
                    }
                });
            }
            prev_alnum = c.is_alphanumeric();
        }
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        cands
    }
}

/// Words after which a lower-case class word is a verb: modals, negation and subject
/// pronouns (`would ship`, `won't bomb`, `they train`), and, for a form without a
/// final `s`, the infinitive's `to` (`to ship`, not `damage to ships`).
const VERB_BEFORE: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "not", "never",
    "he", "she", "it", "they", "we", "i", "you", "who",
];

/// True when the class word `slice[s..e]` (`ship`, `trains`, `bomb`), written in
/// lower case and one word, follows a word that makes it a verb ([`VERB_BEFORE`]):
/// `the company would ship it`, `they train recruits`. Looks at one word before.
fn used_as_verb(slice: &str, s: usize, e: usize) -> bool {
    let Some(form) = slice.get(s..e) else {
        return false;
    };
    if !form.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let Some(before) = slice.get(..s).and_then(|b| b.strip_suffix(' ')) else {
        return false;
    };
    let prev = before.rsplit(' ').next().unwrap_or("");
    if prev.ends_with("n't") || prev.ends_with("n\u{2019}t") {
        return true;
    }
    if prev == "to" {
        return !form.ends_with('s');
    }
    VERB_BEFORE.iter().any(|w| prev.eq_ignore_ascii_case(w))
}

/// Capitalised words that go on a company's name into a longer one (`Sony Pictures`,
/// `Toyota Motor Sales`, `Deutsche Bank AG`), besides the company suffixes of the
/// context rules.
const COMPANY_NAME_WORDS: &[&str] = &[
    "Pictures",
    "Entertainment",
    "Music",
    "Records",
    "Studios",
    "Electronics",
    "Motor",
    "Motors",
    "Research",
    "Labs",
    "Capital",
    "Bank",
    "Financial",
    "Energy",
    "Communications",
    "Networks",
    "Systems",
    "Semiconductor",
    "Chemicals",
    "Steel",
    "Foundation",
    "Games",
    "Interactive",
    "Mobile",
    "Sales",
    "Services",
    "Solutions",
    "Europe",
    "Group",
];

/// True when the text after a listed company's name (`after`) goes on with a word that
/// makes it a longer name: the company is then left to the tagger and the context rules,
/// which read the whole name (`Sony Pictures`, not `Sony`).
fn continues_company_name(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let next = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | '\''))
        .next()
        .unwrap_or("");
    COMPANY_NAME_WORDS.contains(&next) || crate::recognise::rules::COMPANY_SUFFIXES.contains(&next)
}

/// Last words that make a name an adjective when a noun follows:
/// "the Russian military" is an organisation, "Russian military facilities" is not.
const ADJECTIVAL_ENDINGS: &[&str] = &[
    "intelligence",
    "police",
    "military",
    "naval",
    "air",
    "government",
    "opposition",
    "coalition",
];

/// True when a form ending in an adjectival word is followed by a lower-case word
/// (other than a verb or function word, which would end the noun phrase).
pub(crate) fn modifies_noun(form: &str, after: &str) -> bool {
    let Some(last) = form.rsplit(' ').next() else {
        return false;
    };
    if !ADJECTIVAL_ENDINGS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(last))
    {
        return false;
    }
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let next: &str = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // Title case ("Russian Military Bases") or a noun that such adjectives modify.
    next.starts_with(char::is_uppercase) && !crate::recognise::phrases::is_function_word(next)
        || MODIFIED_NOUNS.contains_word(next)
}

/// Nouns that follow "military", "government", "opposition"... used as adjectives.
pub(crate) static MODIFIED_NOUNS: LazyLock<crate::recognise::phrases::Phrases> =
    LazyLock::new(|| {
        crate::recognise::phrases::Phrases::new(&[
            "forces",
            "force",
            "troops",
            "officials",
            "official",
            "facilities",
            "facility",
            "bases",
            "base",
            "operations",
            "operation",
            "sources",
            "source",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "officers",
            "officer",
            "personnel",
            "aircraft",
            "vehicles",
            "vehicle",
            "equipment",
            "assets",
            "presence",
            "campaign",
            "intervention",
            "action",
            "activity",
            "targets",
            "target",
            "positions",
            "position",
            "leaders",
            "leader",
            "commanders",
            "commander",
            "units",
            "unit",
            "convoy",
            "convoys",
            "strikes",
            "strike",
            "fighters",
            "advisers",
            "advisors",
            "experts",
            "analysts",
            "bloggers",
            "blogger",
            "community",
            "engagements",
            "engagement",
            "capabilities",
            "capability",
            "hardware",
            "installations",
            "installation",
            "infrastructure",
            "policy",
            "policies",
            "spending",
            "budget",
            "court",
            "courts",
            "service",
            "services",
            "intelligence",
            "aid",
            "support",
            "offensive",
            "offensives",
            "advance",
            "advances",
            "buildup",
            "build-up",
            "exercises",
            "drills",
            "deployment",
            "deployments",
            "contractors",
            "planners",
            "doctrine",
            "camp",
            "camps",
            "airfield",
            "airfields",
            "port",
            "ports",
            "ships",
            "vessels",
            "jets",
            "helicopters",
            "control",
            "controlled",
            "held",
            "areas",
            "territory",
            "ministers",
            "minister",
            "employees",
            "workers",
            "building",
            "buildings",
            "headquarters",
            "figures",
            "supporters",
            "groups",
            "group",
            "factions",
            "faction",
            "rebels",
            "militias",
        ])
    });

/// True when no letter or digit comes just before byte `s` (a word starts there).
pub(crate) fn boundary_before(text: &str, s: usize) -> bool {
    text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// True when no letter or digit comes just after byte `e` (a word ends there).
pub(crate) fn boundary_after(text: &str, e: usize) -> bool {
    text[e..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Builds a [`Gazetteer`] from entries and files.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entries: Vec<GazetteerEntry>,
}

impl GazetteerBuilder {
    /// Adds one entry.
    pub fn add_entry(mut self, entry: GazetteerEntry) -> Self {
        self.entries.push(entry);
        self
    }

    /// Adds every entry of another gazetteer (to extend the built-in one).
    pub fn extend(mut self, other: &Gazetteer) -> Self {
        self.entries
            .extend(other.entries().iter().map(|e| GazetteerEntry::clone(e)));
        self
    }

    /// Adds entries from TSV: a header line, then `name, type, subtype, aliases, attributes`
    /// separated by tabs; aliases separated by `|`; attributes a JSON object; `#` lines are comments.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] naming `source`, the line and the problem.
    pub fn add_tsv(self, source: &str, content: &str) -> Result<Self> {
        self.add_tsv_with(source, content, true)
    }

    fn add_tsv_with(mut self, source: &str, content: &str, validate: bool) -> Result<Self> {
        let mut header: Option<Vec<String>> = None;
        for (i, line) in content.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            match &header {
                None => header = Some(cols.iter().map(|c| c.trim().to_ascii_lowercase()).collect()),
                Some(h) => self
                    .entries
                    .push(row_to_entry_with(source, i + 1, h, &cols, validate)?),
            }
        }
        Ok(self)
    }

    /// Adds entries from CSV (RFC 4180 quoting) with a header naming at least
    /// `name` and `type`, and optionally `subtype`, `aliases` (`|`-separated) and
    /// `attributes` (a JSON object).
    ///
    /// # Errors
    /// [`Error::Gazetteer`] naming `source`, the line and the problem.
    pub fn add_csv(mut self, source: &str, content: &str) -> Result<Self> {
        let rows = parse_csv(source, content)?;
        let mut rows = rows.into_iter();
        let Some((_, header)) = rows.next() else {
            return Ok(self);
        };
        let header: Vec<String> = header
            .iter()
            .map(|c| c.trim().to_ascii_lowercase())
            .collect();
        for (line, row) in rows {
            let cols: Vec<&str> = row.iter().map(String::as_str).collect();
            self.entries
                .push(row_to_entry(source, line, &header, &cols)?);
        }
        Ok(self)
    }

    /// Adds entries from JSON: an array of objects, or one object a line (JSONL), each
    /// `{"name", "type", "subtype"?, "aliases"?: [..], "attributes"?: {..}}`.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] naming `source`, the line and the problem.
    pub fn add_json(mut self, source: &str, content: &str) -> Result<Self> {
        let trimmed = content.trim_start();
        let values: Vec<(usize, serde_json::Value)> = if trimmed.starts_with('[') {
            let v: serde_json::Value =
                serde_json::from_str(content).map_err(|e| Error::Gazetteer {
                    path: source.into(),
                    line: e.line(),
                    message: e.to_string(),
                })?;
            let arr = v.as_array().cloned().unwrap_or_default();
            arr.into_iter().map(|v| (0, v)).collect()
        } else {
            let mut out = Vec::new();
            for (i, line) in content.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let v = serde_json::from_str(line).map_err(|e| Error::Gazetteer {
                    path: source.into(),
                    line: i + 1,
                    message: e.to_string(),
                })?;
                out.push((i + 1, v));
            }
            out
        };
        for (line, v) in values {
            let err = |message: String| Error::Gazetteer {
                path: source.into(),
                line,
                message,
            };
            let name = v["name"]
                .as_str()
                .ok_or_else(|| err("missing \"name\"".into()))?;
            let ty = v["type"]
                .as_str()
                .ok_or_else(|| err("missing \"type\"".into()))?;
            let entity_type =
                EntityType::from_name(ty).ok_or_else(|| err(format!("unknown type {ty:?}")))?;
            let aliases = match &v["aliases"] {
                serde_json::Value::Null => Vec::new(),
                serde_json::Value::Array(a) => a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect(),
                serde_json::Value::String(s) => split_aliases(s),
                _ => return Err(err("\"aliases\" must be a list of strings".into())),
            };
            let attributes = match &v["attributes"] {
                serde_json::Value::Null => Attributes::new(),
                serde_json::Value::Object(o) => {
                    o.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
                }
                _ => return Err(err("\"attributes\" must be an object".into())),
            };
            let mut entry = GazetteerEntry::new(name, entity_type)
                .with_aliases(aliases)
                .with_attributes(attributes);
            entry.subtype = v["subtype"]
                .as_str()
                .filter(|s| !s.is_empty())
                .map(str::to_owned);
            self.entries.push(entry);
        }
        Ok(self)
    }

    /// Adds entries from `content`, choosing the reader by the extension of `name`.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] if it is malformed or the extension is unknown.
    pub fn add_source(self, name: &str, content: &str) -> Result<Self> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("tsv") => self.add_tsv(name, content),
            Some("csv") => self.add_csv(name, content),
            Some("json" | "jsonl") => self.add_json(name, content),
            _ => Err(Error::Gazetteer {
                path: name.into(),
                line: 0,
                message: "unknown extension: expected .tsv, .csv, .json or .jsonl".into(),
            }),
        }
    }

    /// Adds a file, choosing the reader by extension: `.tsv`, `.csv`, `.json` or `.jsonl`.
    ///
    /// # Errors
    /// [`Error::Io`] if it cannot be read, [`Error::Gazetteer`] if it is malformed
    /// or has another extension.
    pub fn add_file(self, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let content = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: name.clone(),
            source,
        })?;
        self.add_source(&name, &content)
    }

    /// Indexes every surface form.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] if there are more than 4 billion entries or forms.
    pub fn build(self) -> Result<Gazetteer> {
        let too_many = || Error::Gazetteer {
            path: "<build>".into(),
            line: 0,
            message: "more than 4 billion entries or forms".into(),
        };
        // Every (form, entry) pair, with the form ASCII-lower-cased into one buffer.
        struct Raw {
            lower: Range<usize>,
            /// The first 8 bytes of the lower-cased form, big-endian, zero-padded.
            prefix: u64,
            rule: CaseRule,
            entry: u32,
            which: u32,
        }
        let mut lower: Vec<u8> = Vec::new();
        let mut raw: Vec<Raw> = Vec::new();
        for (ei, e) in self.entries.iter().enumerate() {
            let entry = u32::try_from(ei).map_err(|_| too_many())?;
            for (which, f) in std::iter::once(&e.name).chain(&e.aliases).enumerate() {
                let f = f.trim();
                if !f.is_empty() {
                    let start = lower.len();
                    lower.extend(f.bytes().map(|b| b.to_ascii_lowercase()));
                    let which = u32::try_from(which).map_err(|_| too_many())?;
                    let rule = CaseRule::of(f);
                    let mut p = [0u8; 8];
                    for (d, &b) in p.iter_mut().zip(&lower[start..]) {
                        *d = b;
                    }
                    raw.push(Raw {
                        lower: start..lower.len(),
                        prefix: u64::from_be_bytes(p),
                        rule,
                        entry,
                        which,
                    });
                }
            }
        }
        // Sorted by lower-cased form, then case rule, then entry and alias (a
        // total order, so the unstable sort is deterministic): equal forms
        // become neighbours, and a form's entries come in entry order. Two forms
        // whose 8-byte prefixes differ compare as those prefixes do (a zero pad sorts
        // first, as the shorter form does), so most comparisons read no text.
        raw.sort_unstable_by(|a, b| {
            a.prefix
                .cmp(&b.prefix)
                .then_with(|| lower[a.lower.clone()].cmp(&lower[b.lower.clone()]))
                .then(a.rule.cmp(&b.rule))
                .then(a.entry.cmp(&b.entry))
                .then(a.which.cmp(&b.which))
        });
        // Distinct forms differ in lower-cased text or case rule ("US" exact vs
        // "Us"); two all-capital forms equal when lower-cased are one text.
        let mut forms: Vec<Form> = Vec::new();
        let mut form_entries: Vec<u32> = Vec::with_capacity(raw.len());
        let mut keys: Vec<(&[u8], Range<u32>)> = Vec::new();
        for r in &raw {
            let key = &lower[r.lower.clone()];
            let fi = u32::try_from(forms.len()).map_err(|_| too_many())?;
            let new_key = keys.last().is_none_or(|(k, _)| *k != key);
            if new_key {
                keys.push((key, fi..fi));
            }
            let n = u32::try_from(form_entries.len()).map_err(|_| too_many())?;
            match forms.last_mut() {
                Some(f) if !new_key && f.rule == r.rule => {
                    if form_entries.last() != Some(&r.entry) {
                        form_entries.push(r.entry);
                        f.entries.end = n + 1;
                    }
                }
                _ => {
                    form_entries.push(r.entry);
                    forms.push(Form {
                        entry: r.entry,
                        which: r.which,
                        rule: r.rule,
                        entries: n..n + 1,
                    });
                    if let Some((_, range)) = keys.last_mut() {
                        range.end = fi + 1;
                    }
                }
            }
        }
        let trie = Trie::from_sorted(&keys);
        // A form can match text that starts with a small letter only when it may be
        // in any case or itself starts with no capital (see `CaseRule::accepts`).
        let lower_ok = |f: &Form| {
            f.rule == CaseRule::Any
                || !self.entries[f.entry as usize]
                    .form(f.which)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        };
        let lower_keys: Vec<(&[u8], Range<u32>)> = keys
            .iter()
            .filter_map(|(k, range)| {
                let first = range
                    .clone()
                    .find(|&fi| forms.get(fi as usize).is_some_and(lower_ok))?;
                Some((*k, first..range.end))
            })
            .collect();
        let lower_trie = Trie::from_sorted(&lower_keys);
        Ok(Gazetteer {
            inner: Arc::new(Inner {
                entries: self.entries.into_iter().map(Arc::new).collect(),
                forms,
                form_entries,
                trie,
                lower_trie,
            }),
        })
    }
}

fn split_aliases(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

fn row_to_entry(
    source: &str,
    line: usize,
    header: &[String],
    cols: &[&str],
) -> Result<GazetteerEntry> {
    row_to_entry_with(source, line, header, cols, true)
}

/// A row as an entry; with `validate` false the attributes stay unparsed JSON
/// until first use (for the built-in data, which the test suite checks).
fn row_to_entry_with(
    source: &str,
    line: usize,
    header: &[String],
    cols: &[&str],
    validate: bool,
) -> Result<GazetteerEntry> {
    let err = |message: String| Error::Gazetteer {
        path: source.into(),
        line,
        message,
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .and_then(|i| cols.get(i))
            .map(|s| s.trim())
    };
    if cols.len() > header.len() {
        return Err(err(format!(
            "{} columns, but the header has {}",
            cols.len(),
            header.len()
        )));
    }
    let name = col("name")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| err("missing name".into()))?;
    let ty = col("type")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| err("missing type".into()))?;
    let entity_type =
        EntityType::from_name(ty).ok_or_else(|| err(format!("unknown type {ty:?}")))?;
    let mut entry = GazetteerEntry::new(name, entity_type);
    entry.subtype = col("subtype").filter(|s| !s.is_empty()).map(str::to_owned);
    entry.aliases = col("aliases").map(split_aliases).unwrap_or_default();
    match col("attributes").filter(|s| !s.is_empty() && *s != "{}") {
        None => {}
        Some(a) if !a.starts_with('{') => {
            return Err(err("attributes must be a JSON object".into()));
        }
        Some(a) if !validate => entry.raw_attributes = Some(a.into()),
        Some(a) => {
            let attributes = serde_json::from_str::<Attributes>(a)
                .map_err(|e| err(format!("attributes are not JSON: {e}")))?;
            entry = entry.with_attributes(attributes);
        }
    }
    Ok(entry)
}

/// Minimal RFC 4180 CSV: returns `(line number, fields)` per record.
fn parse_csv(source: &str, content: &str) -> Result<Vec<(usize, Vec<String>)>> {
    let mut rows = Vec::new();
    let mut field = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut in_quotes = false;
    let mut line = 1usize;
    let mut row_line = 1usize;
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].trim().is_empty()) {
                    rows.push((row_line, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                row_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(Error::Gazetteer {
            path: source.into(),
            line: row_line,
            message: "unterminated quoted field".into(),
        });
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    Ok(rows)
}

/// The recogniser that emits gazetteer matches as mentions.
#[derive(Debug, Clone)]
pub struct GazetteerRecogniser {
    gazetteer: Gazetteer,
}

impl GazetteerRecogniser {
    /// A recogniser over `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Self {
        GazetteerRecogniser { gazetteer }
    }

    /// The gazetteer it matches.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }
}

/// The type a match takes in context: a country stays a Location even as a modifier
/// ("U.S. forces", "UK Government"), as news corpora annotate it; a plural demonym ("Syrians", "Kurds") names a group of people,
/// an organisation; otherwise the entry's own type.
fn schema_type(entry: &GazetteerEntry, found: &str) -> (EntityType, Option<String>) {
    if is_plural_demonym(entry, found) {
        return (EntityType::Organisation, Some("people".into()));
    }
    (entry.entity_type, entry.subtype.clone())
}

/// Whether `found` is the plural of a demonym entry ("Syrians" of `Syrian`, "Muslims").
fn is_plural_demonym(entry: &GazetteerEntry, found: &str) -> bool {
    entry.entity_type == EntityType::Nationality
        && found.ends_with('s')
        && !found.eq_ignore_ascii_case(&entry.name)
        && !entry.name.ends_with('s')
}

/// A party's members in the plural, as written: groups of people, not the party's name
/// (OntoNotes' NORP; UNER, WNUT and the news sets leave them unmarked). Not the British
/// `Tories`, `Conservatives` or `Liberals`, which BTC marks as the party four times in five.
pub(crate) const PARTY_MEMBERS: &[&str] = &["Republicans", "Democrats", "Socialists", "Communists"];

/// The same parties' words used as adjectives (`Republican challenger Bob Dole`), which
/// `spans.rs` makes Nationalities of subtype `political`.
pub(crate) const PARTY_ADJECTIVES: &[&str] = &[
    "Republican",
    "Democrat",
    "Democratic",
    "Socialist",
    "Communist",
];

/// After resolution, a plural demonym ("Palestinians", "the Kurds") becomes a nominal: a
/// group described by a noun, which CoNLL, OntoNotes and the news sets do not count among
/// the names of people, organisations or places, while re3d types it an organisation. It
/// keeps its type, subtype `people` and entity (it resolved as a name: "they" may still
/// refer to it), and falls outside `--kinds name`.
///
/// So do a party's members named in the plural (`Republicans`, `the Democrats`; see
/// [`PARTY_MEMBERS`]), whoever found them.
pub(crate) fn plural_demonyms_nominal(doc: &mut Document) {
    let text = doc.text.as_str();
    for m in &mut doc.mentions {
        if m.kind != MentionKind::Name {
            continue;
        }
        if matches!(m.entity_type, EntityType::Organisation | EntityType::Person)
            && text.get(m.span.range()).is_some_and(|t| {
                let t = t
                    .strip_prefix("the ")
                    .or(t.strip_prefix("The "))
                    .unwrap_or(t);
                PARTY_MEMBERS.contains(&t)
            })
        {
            m.kind = MentionKind::Nominal;
            continue;
        }
        if m.entity_type != EntityType::Organisation {
            continue;
        }
        let (Some(entry), Some(found)) = (m.entry.as_deref(), text.get(m.span.range())) else {
            continue;
        };
        if is_plural_demonym(entry, found) {
            m.kind = MentionKind::Nominal;
        }
    }
}

/// Confidence of a gazetteer match: high for multi-word and unambiguous names.
fn confidence(found: &str, n_entries: usize) -> f32 {
    let base = if found.contains(' ') { 0.9 } else { 0.85 };
    if n_entries > 1 { base - 0.2 } else { base }
}

impl Recogniser for GazetteerRecogniser {
    fn name(&self) -> &str {
        "gazetteer"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        let text = doc.text();
        let g = &self.gazetteer;
        for block in doc.blocks() {
            let Some(slice) = block.span.slice(text) else {
                continue;
            };
            // Longest leftmost matches, plus matches nested inside them where the
            // schema nests ("Syrian" inside "the Syrian army").
            let mut outer: Option<(usize, usize, EntityType)> = None;
            let mut inner_end = 0usize;
            for (s, e, f) in g.candidates(slice) {
                let entries = g.inner.entries_of(&g.inner.forms[f]);
                let Some(entry) = entries
                    .first()
                    .and_then(|&i| g.inner.entries.get(i as usize))
                else {
                    continue;
                };
                if entry.subtype.as_deref() == Some("title") {
                    continue;
                }
                if entry.subtype.as_deref() == Some("class") && used_as_verb(slice, s, e) {
                    continue;
                }
                if entry.subtype.as_deref() == Some("company")
                    && continues_company_name(slice.get(e..).unwrap_or(""))
                {
                    continue;
                }
                match outer {
                    Some((_, oe, ot)) if s < oe => {
                        // Country names hold demonyms ("Saudi Arabia"): nothing nests in a place.
                        // A name inside a name of the same type is an alias of it
                        // ("Putin" in "Vladimir Putin"), not a second mention.
                        let nests = e <= oe
                            && s >= inner_end
                            && ot != EntityType::Location
                            && ot != entry.entity_type
                            && super::merge::may_nest(ot, entry.entity_type);
                        if !nests {
                            continue;
                        }
                        inner_end = e;
                    }
                    _ => {
                        outer = Some((s, e, entry.entity_type));
                        inner_end = s;
                    }
                }
                let span = Span::new(block.span.start + s, block.span.start + e);
                // The entry (shared) carries the canonical name and facts.
                let attributes = Attributes::new();
                let (entity_type, subtype) = schema_type(entry, &slice[s..e]);
                out.push(Mention {
                    entry: Some(Arc::clone(entry)),
                    timex: None,
                    span,
                    entity_type,
                    kind: MentionKind::Name,
                    subtype,
                    confidence: confidence(&text[span.range()], entries.len()),
                    recogniser: "gazetteer".into(),
                    entity: None,
                    attributes,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "name\ttype\tsubtype\taliases\tattributes\n\
        # a comment\n\
        Turkey\tLocation\tcountry\tTürkiye\t{\"country\":\"TR\"}\n\
        Syria\tLocation\tcountry\t\t{}\n\
        Syrian Democratic Forces\tOrganisation\tarmed_group\tSDF\t{}\n\
        Syrian\tNationality\t\tSyrians\t{}\n\
        rocket\tWeapon\tclass\trockets\t{}\n\
        Bashar al-Assad\tPerson\t\tAssad|al-Assad|Asad\t{}\n\
        Lashkar-e-Taiba\tOrganisation\tarmed_group\tLeT\t{}\n\
        John McCain\tPerson\t\tMcCain\t{}\n";

    fn gaz() -> Gazetteer {
        Gazetteer::builder()
            .add_tsv("test", TSV)
            .unwrap()
            .build()
            .unwrap()
    }

    fn names(text: &str) -> Vec<(String, String)> {
        let g = gaz();
        g.find(text)
            .into_iter()
            .map(|(s, e)| (text[s.range()].to_string(), g.entry(e).name.clone()))
            .collect()
    }

    #[test]
    fn matching_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("We ate turkey in Turkey.", &["Turkey"]),
            ("TURKEY and Türkiye", &["TURKEY", "Türkiye"]),
            (
                "The Syrian Democratic Forces (SDF) and the sdf",
                &["Syrian Democratic Forces", "SDF"],
            ),
            ("Rockets hit; more rockets.", &["Rockets", "rockets"]),
            (
                "Syrians and Syria’s army, pro-Assad forces",
                &["Syrians", "Syria", "Assad"],
            ),
            (
                "Bashar al-Assad and al-Assad and Asad",
                &["Bashar al-Assad", "al-Assad", "Asad"],
            ),
            ("Syriac Turkeys Assadi", &[]),
            // A capital inside the word is part of the name.
            ("Let me know. LET US GO. LeT claimed it.", &["LeT"]),
            ("McCain, MCCAIN and Mccain", &["McCain", "MCCAIN"]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = names(text).into_iter().map(|x| x.0).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn a_word_with_a_small_first_letter_meets_only_forms_that_allow_it() {
        // Words starting with a small letter are looked up in a trie of their own.
        let g = Gazetteer::builder()
            .add_tsv(
                "t",
                "name\ttype\nTurkey\tLocation\niPhone\tProduct\ndrone\tWeapon\nNATO\tOrganisation\n",
            )
            .unwrap()
            .build()
            .unwrap();
        let found = |t: &str| -> Vec<String> {
            g.find(t)
                .into_iter()
                .map(|(s, _)| t[s.range()].to_string())
                .collect()
        };
        assert_eq!(
            found("turkey, nato, an iPhone, a drone; IPHONE, Drone, DRONE, NATO, Turkey"),
            [
                "iPhone", "drone", "IPHONE", "Drone", "DRONE", "NATO", "Turkey"
            ]
        );
    }

    #[test]
    fn a_class_word_used_as_a_verb_is_no_mention() {
        let doc = crate::Pipeline::new()
            .extract(
                "The company would ship the player this week. They train recruits and \
                 it ships parts. The ships docked, a ship sank and damage to ships and \
                 trains was light. He tried to bomb it; the bomb failed.",
            )
            .unwrap();
        let classes: Vec<&str> = doc
            .mentions()
            .iter()
            .filter(|m| m.recogniser == "gazetteer")
            .map(|m| doc.span_text(m.span))
            .collect();
        assert_eq!(
            classes,
            ["ships", "ship", "ships", "trains", "bomb"],
            "{classes:?}"
        );
    }

    #[test]
    fn a_partys_members_in_the_plural_are_no_name() {
        let doc = crate::Pipeline::new()
            .extract(
                "Republicans also questioned Morrison. The account was linked to the \
                 Communists, and Democrats met the Republican Party.",
            )
            .unwrap();
        let names: Vec<&str> = doc.names().map(|m| doc.span_text(m.span)).collect();
        for group in ["Republicans", "Communists", "Democrats"] {
            assert!(!names.contains(&group), "{group}: {names:?}");
        }
        assert!(names.contains(&"Republican Party"), "{names:?}");
    }

    #[test]
    fn a_plural_demonym_is_an_organisation_nominal_not_a_name() {
        let doc = crate::Pipeline::new()
            .extract(
                "Palestinians protested in Gaza while Syrian officials met the Americans \
                 and the Kurds.",
            )
            .unwrap();
        let found: Vec<(&str, EntityType, MentionKind)> = doc
            .mentions()
            .iter()
            .filter(|m| m.recogniser == "gazetteer")
            .map(|m| (doc.span_text(m.span), m.entity_type, m.kind))
            .collect();
        for plural in ["Palestinians", "Americans", "Kurds"] {
            assert!(
                found.contains(&(plural, EntityType::Organisation, MentionKind::Nominal)),
                "{plural}: {found:?}"
            );
        }
        // The singular demonym stays a Nationality name, the place a Location name.
        assert!(
            found.contains(&("Syrian", EntityType::Nationality, MentionKind::Name)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Gaza", EntityType::Location, MentionKind::Name)),
            "{found:?}"
        );
    }

    #[test]
    fn csv_and_json_and_errors() {
        let g = Gazetteer::builder()
            .add_csv("x.csv", "name,type,aliases,attributes\n\"Hmeimim Air Base\",Location,\"Khmeimim|Hmeimim\",\"{\"\"lat\"\":35.4}\"\n")
            .unwrap()
            .add_json("y.jsonl", "{\"name\":\"Wagner Group\",\"type\":\"Organisation\",\"aliases\":[\"Wagner\"]}\n")
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g.entry(0).attributes()["lat"], 35.4);
        assert_eq!(g.find("Wagner fighters at Khmeimim").len(), 2);

        let e = Gazetteer::builder()
            .add_csv("bad.csv", "name,type\nX,Planet\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "gazetteer bad.csv, line 2: unknown type \"Planet\""
        );
        let e = Gazetteer::builder()
            .add_tsv("bad.tsv", "name\ttype\tattributes\nX\tPerson\t{oops\n")
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("gazetteer bad.tsv, line 2: attributes are not JSON"),
            "{e}"
        );
        let e = Gazetteer::builder()
            .add_json("bad.jsonl", "{\"name\":\"X\"}\n")
            .unwrap_err();
        assert!(e.to_string().contains("line 1: missing \"type\""), "{e}");
        let e = Gazetteer::builder()
            .add_csv("q.csv", "name,type\n\"open,Person\n")
            .unwrap_err();
        assert!(e.to_string().contains("unterminated"), "{e}");
    }

    #[test]
    fn builtin_loads_and_every_attribute_parses() {
        let g = Gazetteer::builtin().unwrap();
        assert!(g.len() > 10_000);
        // The built-in attributes are parsed lazily; check them all here, strictly.
        let mut b = Gazetteer::builder();
        for (name, content) in BUILTIN {
            b = b.add_tsv(name, content).unwrap();
        }
        assert_eq!(b.entries.len(), g.len());
        let tartus = g.entries().iter().find(|e| e.name == "Tartus").unwrap();
        assert_eq!(tartus.attributes()["country"], "SY");
    }
}
