//! Definite nominals that no recogniser marked and that stand for a product, a vehicle
//! or a company named before: `the device`, `the aircraft`, `the Detroit automaker`.
//!
//! The tagger marks few nominals (`the company` often, `the carmaker`, `the plane`
//! rarely) and the gazetteer marks only the bare class word of some (`aircraft`,
//! `car`, a lower-case name that names no one entity). [`unmarked`] finds the
//! phrases: `the` or `this`, up to two modifiers (lower-case words such as `new`,
//! `long-range`; capitalised ones such as `US`, `Cupertino-based`), then a head of
//! [`Class`]. The head must end the noun phrase: punctuation, a possessive, a
//! capitalised word or a word that is no noun (a function word, a verb in `-ed` or
//! `-s`) follows it, so `the car industry` is none (and `the aircraft maker` a
//! company). A
//! phrase may hold a name of a place or nationality (`the US automaker`) and the
//! gazetteer's class word at its head (which the nominal then replaces); any other
//! mention in it or across it rules it out.
//!
//! The grouping pass (`group.rs`) makes one a mention (recogniser `resolver`) only
//! when a sieve links it: like an unmarked pronoun, a nominal that stands for
//! nothing named is not a mention. [`markets`] finds plural market phrases (`US stock
//! markets`, `Stock markets around the world`), which become mentions whether or not
//! they link. One pass over the text; each phrase looks at no more than the few
//! mentions around it.

use crate::document::{EntityType, Mention, MentionKind, Sentence};
use crate::span::Span;

/// What a class nominal can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// A device or software (`the device`, `the phone`): a Product.
    Product,
    /// An aircraft or car (`the aircraft`, `the plane`, `the car`): a Vehicle.
    Vehicle,
    /// Either (`the model`, `the product`).
    Made,
    /// A company (`the company`, `the carmaker`, `the firm`): an Organisation.
    Company,
    /// A market index (`the index`): a Financial entity.
    Index,
    /// An office (`the chief executive`, `the CEO`, `the company's chairman`): a
    /// Person said before to hold it.
    Role,
}

impl Class {
    /// Whether an entity of `ty` can be what the nominal stands for.
    pub(super) fn fits(self, ty: EntityType) -> bool {
        match self {
            Class::Product => ty == EntityType::Product,
            Class::Vehicle => ty == EntityType::Vehicle,
            Class::Made => matches!(ty, EntityType::Product | EntityType::Vehicle),
            Class::Company => ty == EntityType::Organisation,
            Class::Index => ty == EntityType::Financial,
            Class::Role => ty == EntityType::Person,
        }
    }
}

/// The class of a head noun (lower case), if it has one.
pub(super) fn class_of(head: &str) -> Option<Class> {
    Some(match head {
        "device" | "phone" | "handset" | "smartphone" | "cellphone" | "player" | "console"
        | "computer" | "laptop" | "notebook" | "tablet" | "gadget" | "software" | "handheld"
        | "chip" | "processor" | "browser" => Class::Product,
        "aircraft" | "airliner" | "plane" | "airplane" | "aeroplane" | "jet" | "jetliner"
        | "superjumbo" | "car" | "vehicle" | "sedan" | "hatchback" | "truck" | "pickup" | "suv"
        | "minivan" | "van" | "coupe" | "roadster" | "hybrid" => Class::Vehicle,
        "model" | "product" => Class::Made,
        "index" => Class::Index,
        "ceo" | "cfo" | "coo" | "executive" | "chairman" | "chairwoman" | "chairperson"
        | "president" | "founder" | "co-founder" | "spokesman" | "spokeswoman" | "spokesperson"
        | "director" | "boss" => Class::Role,
        "company" | "firm" | "carmaker" | "automaker" | "manufacturer" | "maker" | "planemaker"
        | "airframer" | "chipmaker" | "corporation" | "conglomerate" | "group" => Class::Company,
        _ => return None,
    })
}

/// The line of business a company nominal's head names (`manufacturer`, `airline`),
/// when it names one; generic heads (`company`, `firm`, `group`) name none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trade {
    /// Makes things: `manufacturer`, `carmaker`, `planemaker`, `chipmaker`.
    Maker,
    /// Flies passengers: `airline`, `carrier`.
    Airline,
    /// Lends money: `bank`, `lender`.
    Bank,
    /// `insurer`.
    Insurer,
    /// `retailer`.
    Retailer,
    /// `broadcaster`, `newspaper`, `publisher`.
    Media,
}

/// The trade a nominal's head (lower case) names, if any.
pub(super) fn trade_of(head: &str) -> Option<Trade> {
    Some(match head {
        "manufacturer" | "maker" | "carmaker" | "automaker" | "planemaker" | "airframer"
        | "chipmaker" | "producer" | "builder" => Trade::Maker,
        "airline" | "carrier" => Trade::Airline,
        "bank" | "lender" => Trade::Bank,
        "insurer" => Trade::Insurer,
        "retailer" => Trade::Retailer,
        "broadcaster" | "newspaper" | "publisher" => Trade::Media,
        _ => return None,
    })
}

/// The trade a word of an organisation's name (lower case) says: `Airlines`,
/// `Airways` an airline, `Bank` a bank, `Motors` a maker.
pub(super) fn trade_of_name_word(word: &str) -> Option<Trade> {
    Some(match word {
        "airlines" | "airways" | "airline" => Trade::Airline,
        "bank" | "bancorp" => Trade::Bank,
        "motors" | "motor" | "automotive" | "aerospace" | "electronics" => Trade::Maker,
        "insurance" => Trade::Insurer,
        _ => return None,
    })
}

/// Subtypes of organisations that no company nominal stands for.
pub(super) fn company_like(subtype: Option<&str>) -> bool {
    !matches!(
        subtype,
        Some(
            "government"
                | "military"
                | "international"
                | "political"
                | "political_party"
                | "intelligence"
                | "people"
                | "country"
                | "armed_group"
        )
    )
}

/// Words that follow a noun phrase's head without being a noun themselves, besides
/// the function words of [`crate::recognise::phrases::is_function_word`]: pronouns,
/// adverbs of time, and irregular past tenses, which no `-ed` tells.
const FUNCTION_MORE: &[&str] = &[
    "being",
    "this",
    "it",
    "itself",
    "through",
    "until",
    "last",
    "next",
    "earlier",
    "later",
    "already",
    "yet",
    "today",
    "yesterday",
    "here",
    "there",
    "rose",
    "fell",
    "grew",
    "sold",
    "made",
    "cut",
    "won",
    "lost",
    "began",
    "became",
    "came",
    "went",
    "saw",
    "gave",
    "got",
    "kept",
    "left",
    "led",
    "put",
    "set",
    "told",
    "thought",
    "bought",
    "brought",
    "built",
    "hit",
    "held",
    "ran",
    "paid",
    "spent",
    "sent",
    "shut",
    "struck",
    "chose",
    "drew",
    "flew",
    "knew",
    "met",
    "stood",
    "wrote",
    "broke",
    "hid",
];

/// Whether a word follows a noun phrase's head without being a noun itself.
fn is_function(w: &str) -> bool {
    crate::recognise::phrases::is_function_word(w) || FUNCTION_MORE.contains(&w)
}

/// Plural nouns in `-s` that continue a compound after a head (`the car sales`).
const NOUNS_IN_S: &[&str] = &[
    "sales",
    "shares",
    "makers",
    "manufacturers",
    "prices",
    "parts",
    "workers",
    "dealers",
    "stocks",
    "markets",
    "plants",
    "models",
    "owners",
    "users",
    "buyers",
    "orders",
    "engines",
    "seats",
    "batteries",
    "services",
    "makes",
    "types",
    "lines",
    "units",
    "products",
];

/// A phrase [`unmarked`] found: its span, its class, the index of the mention of its
/// head word (the gazetteer's lower-case class word) it would replace, and whether a
/// possessor leads it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) span: Span,
    pub(super) class: Class,
    pub(super) replaces: Option<usize>,
    /// It starts with a capitalised possessor, not an article (`Apple's chief
    /// executive`): the possessor's mention starts with it.
    pub(super) possessor: bool,
}

/// A word of a sentence: its byte range in the text, the word without trailing
/// punctuation or possessive, and whether something was trimmed.
struct Word<'a> {
    start: usize,
    bare: &'a str,
    trimmed: bool,
}

/// The words of each sentence of a text, read once for [`unmarked`] and [`markets`].
pub(super) struct SentenceWords<'a> {
    words: Vec<Word<'a>>,
    /// Where each sentence's words end in `words`.
    ends: Vec<usize>,
}

impl<'a> SentenceWords<'a> {
    /// The words of `sentences` of `text`.
    pub(super) fn of(text: &'a str, sentences: &[Sentence]) -> SentenceWords<'a> {
        let mut words = Vec::new();
        let mut ends = Vec::with_capacity(sentences.len());
        for s in sentences {
            words_of(text, s.span, &mut words);
            ends.push(words.len());
        }
        SentenceWords { words, ends }
    }

    /// Each sentence's words, in order.
    fn sentences(&self) -> impl Iterator<Item = &[Word<'a>]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(a, &b)| self.words.get(a..b).unwrap_or(&[]))
    }
}

/// Appends the words of `span` of `text` to `out`.
fn words_of<'a>(text: &'a str, span: Span, out: &mut Vec<Word<'a>>) {
    let Some(body) = span.slice(text) else {
        return;
    };
    let mut pos = 0;
    for raw in body.split(|c: char| c.is_whitespace()) {
        let start = span.start + pos;
        pos += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let lead = raw.trim_start_matches(['"', '(', '“', '\'', '‘']);
        let start = start + (raw.len() - lead.len());
        let no_punct = lead.trim_end_matches(['"', ')', ',', '.', ';', ':', '!', '?', '”', '’']);
        let bare = no_punct
            .strip_suffix("'s")
            .or_else(|| no_punct.strip_suffix("’s"))
            .unwrap_or(no_punct);
        out.push(Word {
            start,
            bare,
            trimmed: bare.len() < lead.len(),
        });
    }
}

/// Whether a word may stand between the determiner and the head: a lower-case
/// adjective (`new`, `long-range`) or a capitalised modifier (`US`, `Detroit-based`).
fn modifier(w: &Word<'_>) -> bool {
    let b = w.bare;
    !w.trimmed
        && !b.is_empty()
        && b.len() <= 20
        && b.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        && !is_function(b)
        && !matches!(b, "the" | "a" | "an")
}

/// Whether the word after a head ends the phrase at the head (see the module docs).
fn ends_phrase(next: Option<&Word<'_>>, head: &Word<'_>) -> bool {
    if head.trimmed {
        return true;
    }
    let Some(n) = next else {
        return true;
    };
    let b = n.bare;
    if b.is_empty() || b.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()) {
        return true;
    }
    is_function(b)
        || b.ends_with("ed")
        || b.ends_with("ly")
        || (b.len() > 3 && b.ends_with('s') && !b.ends_with("ss") && !NOUNS_IN_S.contains(&b))
}

/// The class nominals of the text no recogniser marked (see the module docs), in
/// text order. `mentions` must be in order of start.
pub(super) fn unmarked(
    text: &str,
    sentences: &SentenceWords<'_>,
    mentions: &[Mention],
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for words in sentences.sentences() {
        let mut i = 0;
        while i < words.len() {
            let det = &words[i];
            // A capitalised possessor in place of the article (`Apple's chief
            // executive`), for an office only.
            let possessor = det.trimmed
                && det.bare.starts_with(char::is_uppercase)
                && det.bare.chars().all(|c| c.is_alphabetic() || c == '-')
                && text
                    .get(det.start + det.bare.len()..)
                    .is_some_and(|t| t.starts_with("'s ") || t.starts_with("’s "));
            if !possessor && (det.trimmed || !matches!(det.bare, "the" | "The" | "this" | "This")) {
                i += 1;
                continue;
            }
            let mut found = None;
            // A possessive modifier (`the company's chairman`), for an office only.
            let mut possessive = possessor;
            let office = |w: &Word<'_>| {
                // An acronym (`the CEO`, `the SUV`) in lower case.
                let acronym = (w.bare.len() <= 4 && w.bare.chars().all(|c| c.is_ascii_uppercase()))
                    .then(|| w.bare.to_ascii_lowercase());
                acronym
                    .as_deref()
                    .and_then(class_of)
                    .or_else(|| class_of(w.bare))
            };
            for j in i + 1..(i + 4).min(words.len()) {
                let w = &words[j];
                let owner = w.trimmed
                    && !possessive
                    && text
                        .get(w.start + w.bare.len()..)
                        .is_some_and(|t| t.starts_with("'s ") || t.starts_with("’s "))
                    && w.bare.chars().all(|c| c.is_alphabetic() || c == '-');
                // `the company's chairman`: an office, not `the company's`.
                let office_next = owner
                    && words[j + 1..(j + 3).min(words.len())]
                        .iter()
                        .any(|n| office(n) == Some(Class::Role));
                if let Some(class) = office(w)
                    && !office_next
                    && ends_phrase(words.get(j + 1), w)
                {
                    found = Some((j, class));
                    break;
                }
                if owner {
                    // `the world's largest automaker`: a scope, not an owner.
                    possessive |= !matches!(w.bare, "world" | "nation" | "country");
                    continue;
                }
                if !modifier(w) {
                    break;
                }
            }
            let Some((j, class)) = found.filter(|&(_, c)| !possessive || c == Class::Role) else {
                i += 1;
                continue;
            };
            let head = &words[j];
            let span = Span::new(det.start, head.start + head.bare.len());
            let head_span = Span::new(head.start, span.end);
            // The mentions around it: a place or nationality inside it, or the class
            // word at its head, and nothing else.
            let upto = mentions.partition_point(|m| m.span.start < span.end);
            let mut replaces = None;
            let mut clash = false;
            for (k, m) in mentions[..upto].iter().enumerate().rev().take(8) {
                crate::steps::count();
                if !m.span.overlaps(span) {
                    continue;
                }
                let inside = span.contains(m.span);
                // An office may be a company's (`the Apple chief executive`).
                let modifier_name = (matches!(
                    m.entity_type,
                    EntityType::Location | EntityType::Nationality
                ) || (class == Class::Role
                    && m.entity_type == EntityType::Organisation)
                    // a maker of a product line (`the iPod maker`)
                    || (class == Class::Company && m.entity_type == EntityType::Product))
                    && m.kind == MentionKind::Name
                    && !head_span.overlaps(m.span);
                let class_word = m.span == head_span && m.kind == MentionKind::Name;
                if inside && class_word {
                    replaces = Some(k);
                } else if !(inside && modifier_name) {
                    clash = true;
                    break;
                }
            }
            if !clash {
                out.push(Candidate {
                    span,
                    class,
                    replaces,
                    possessor,
                });
            }
            i = j + 1;
        }
    }
    out
}

/// What a market phrase names: the markets, the stocks, or the indexes of a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum MarketHead {
    /// `markets`, `stock markets`.
    Markets,
    /// `stocks`.
    Stocks,
    /// `indexes`, `indices`.
    Indexes,
}

/// A plural market phrase (`US stock markets`, `Global markets`, `Stock markets around
/// the world`, `Japanese stocks`): its span, head, and scope (a country code, a region
/// in lower case such as `asia`, `world`, or `None` when nothing says whose).
#[derive(Debug, Clone)]
pub(super) struct Market {
    pub(super) span: Span,
    pub(super) head: MarketHead,
    pub(super) scope: Option<String>,
    /// It starts with `the`.
    pub(super) definite: bool,
}

/// Words before a market head that say the markets are the world's.
const WORLD: &[&str] = &["global", "world", "worldwide", "international"];

/// The scope a place or nationality word says (`asia` for `Asian`), from its mention's
/// gazetteer entry (the country code) when it has one.
fn scope_of(word: &str, mention: Option<&Mention>) -> String {
    if let Some(c) = mention
        .and_then(|m| m.entry.as_deref())
        .and_then(|e| e.attributes().get("country"))
        .and_then(|v| v.as_str())
    {
        return c.to_owned();
    }
    let lower = word.to_lowercase();
    match lower.as_str() {
        "asian" => "asia".to_owned(),
        "european" => "europe".to_owned(),
        "african" => "africa".to_owned(),
        _ => lower,
    }
}

/// The market head `w` is, compared case-insensitively in ASCII.
fn market_head(w: &str) -> Option<MarketHead> {
    let is = |h: &str| w.eq_ignore_ascii_case(h);
    if is("markets") {
        Some(MarketHead::Markets)
    } else if is("stocks") {
        Some(MarketHead::Stocks)
    } else if is("indexes") || is("indices") {
        Some(MarketHead::Indexes)
    } else {
        None
    }
}

/// The plural market phrases of the text (see [`Market`]), in text order: an optional
/// `the` or a possessive place (`Russia's`), then modifiers (a place or nationality
/// name, `global`, `world`, `major`, `stock`, `equity`), then `markets`, `stocks` or
/// `indexes` (`markets` only after `stock` or `equity`, or with a scope, or alone), then
/// optionally `worldwide` or `around`/`across the world`/`globe`/a place. A phrase that
/// overlaps any mention but the places inside it is none. `mentions` must be in
/// order of start; each phrase looks at no more than the few mentions around it.
pub(super) fn markets(
    text: &str,
    sentences: &SentenceWords<'_>,
    mentions: &[Mention],
) -> Vec<Market> {
    let mut out = Vec::new();
    for words in sentences.sentences() {
        let mut i = 0;
        while i < words.len() {
            // Lower-cased only when not ASCII (ASCII lower case is `to_lowercase`'s):
            // this runs on every word of the text.
            let bare = words[i].bare;
            let head = if bare.is_ascii() {
                market_head(bare)
            } else {
                market_head(&bare.to_lowercase())
            };
            let Some(head) = head else {
                i += 1;
                continue;
            };
            crate::steps::count();
            let place_at = |k: usize| {
                let w = &words[k];
                let end = w.start + w.bare.len();
                let upto = mentions.partition_point(|m| m.span.start < end);
                mentions[..upto].iter().rev().take(8).find(|m| {
                    m.span.start == w.start
                        && m.span.end == end
                        && m.kind == MentionKind::Name
                        && matches!(
                            m.entity_type,
                            EntityType::Location | EntityType::Nationality
                        )
                })
            };
            // Modifiers, right to left.
            let mut start = i;
            let mut scope: Option<String> = None;
            let mut stock = false;
            while start > 0 && i - start < 4 {
                let k = start - 1;
                let w = &words[k];
                let wl = w.bare.to_lowercase();
                let possessive = w.trimmed
                    && text
                        .get(w.start + w.bare.len()..)
                        .is_some_and(|t| t.starts_with("'s ") || t.starts_with("’s "));
                if w.trimmed && !possessive {
                    break;
                }
                if let Some(m) = place_at(k) {
                    scope.get_or_insert_with(|| scope_of(w.bare, Some(m)));
                } else if w.trimmed {
                    break;
                } else if WORLD.contains(&wl.as_str()) {
                    scope.get_or_insert_with(|| "world".to_owned());
                } else if matches!(wl.as_str(), "stock" | "equity" | "share") {
                    stock = true;
                } else if wl != "major" {
                    break;
                }
                start = k;
                // A possessive place ends the phrase on the left (`Russia's`).
                if w.trimmed {
                    break;
                }
            }
            if start > 0
                && words[start - 1].bare.eq_ignore_ascii_case("the")
                && !words[start - 1].trimmed
            {
                start -= 1;
            }
            let det = words[start].bare.eq_ignore_ascii_case("the");
            // What follows: `worldwide`, `around the world`, `across Asia`.
            let mut end_word = i;
            if !words[i].trimmed {
                let next = |k: usize| words.get(k).map(|w| w.bare.to_lowercase());
                match next(i + 1).as_deref() {
                    Some("worldwide") => {
                        scope.get_or_insert_with(|| "world".to_owned());
                        end_word = i + 1;
                    }
                    Some("around" | "across") => {
                        if next(i + 2).as_deref() == Some("the")
                            && matches!(next(i + 3).as_deref(), Some("world" | "globe"))
                        {
                            scope.get_or_insert_with(|| "world".to_owned());
                            end_word = i + 3;
                        } else if let Some(m) =
                            (i + 2 < words.len()).then(|| place_at(i + 2)).flatten()
                        {
                            scope.get_or_insert_with(|| scope_of(words[i + 2].bare, Some(m)));
                            end_word = i + 2;
                        }
                    }
                    _ => {}
                }
            }
            // A bare `markets` needs a scope, `stock`, or nothing before it at all
            // (`Markets fell`); `the markets` is one too.
            let bare = start == i || (det && start + 1 == i);
            let ok = stock || scope.is_some() || bare;
            let last = &words[end_word];
            let span = Span::new(words[start].start, last.start + last.bare.len());
            i = end_word + 1;
            if !ok {
                continue;
            }
            // No mention but the places inside may overlap it.
            let upto = mentions.partition_point(|m| m.span.start < span.end);
            let clash = mentions[..upto].iter().rev().take(8).any(|m| {
                crate::steps::count();
                m.span.overlaps(span)
                    && !(span.contains(m.span)
                        && matches!(
                            m.entity_type,
                            EntityType::Location | EntityType::Nationality
                        ))
            });
            if !clash {
                out.push(Market {
                    span,
                    head,
                    scope,
                    definite: det,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Sentence;

    fn found(text: &str) -> Vec<&str> {
        let s = Sentence {
            span: Span::new(0, text.len()),
            block: 0,
        };
        unmarked(text, &SentenceWords::of(text, &[s]), &[])
            .into_iter()
            .map(|c| &text[c.span.range()])
            .collect()
    }

    #[test]
    fn phrases_end_at_their_head() {
        assert_eq!(
            found("The new aircraft flew, and the US automaker said the device's screen broke."),
            vec!["The new aircraft", "the US automaker", "the device"]
        );
        assert_eq!(found("the company reported a loss"), vec!["the company"]);
        assert_eq!(found("the company plans cuts"), vec!["the company"]);
        assert_eq!(
            found("shares of the Cupertino-based company rose"),
            vec!["the Cupertino-based company"]
        );
        // A compound or a longer phrase is not the head's; its own head may be one.
        assert_eq!(found("the aircraft maker"), vec!["the aircraft maker"]);
        assert!(found("the car industry grew").is_empty());
        assert!(found("the car sales fell").is_empty());
        assert!(found("a company said").is_empty());
        assert!(found("the first of the planes").is_empty());
        // The world's, the nation's: a scope before the head, not an owner.
        assert_eq!(
            found("The world's largest automaker lost money; the firm's plan failed."),
            vec!["The world's largest automaker", "the firm"]
        );
    }

    #[test]
    fn classes_and_what_they_fit() {
        assert_eq!(class_of("device"), Some(Class::Product));
        assert_eq!(class_of("plane"), Some(Class::Vehicle));
        assert_eq!(class_of("truck"), Some(Class::Vehicle));
        assert_eq!(class_of("browser"), Some(Class::Product));
        assert_eq!(class_of("carmaker"), Some(Class::Company));
        assert_eq!(class_of("president"), Some(Class::Role));
        assert_eq!(class_of("minister"), None);
        assert!(Class::Made.fits(EntityType::Vehicle));
        assert!(!Class::Product.fits(EntityType::Vehicle));
        assert!(company_like(None) && company_like(Some("company")));
        assert!(!company_like(Some("government")));
    }
}
