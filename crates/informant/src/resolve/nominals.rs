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
//! nothing named is not a mention. One pass over the text; each phrase looks at no
//! more than the few mentions around it.

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
        }
    }
}

/// The class of a head noun (lower case), if it has one.
pub(super) fn class_of(head: &str) -> Option<Class> {
    Some(match head {
        "device" | "phone" | "handset" | "smartphone" | "cellphone" | "player" | "console"
        | "computer" | "laptop" | "notebook" | "tablet" | "gadget" | "software" => Class::Product,
        "aircraft" | "airliner" | "plane" | "airplane" | "aeroplane" | "jet" | "jetliner"
        | "superjumbo" | "car" | "vehicle" | "sedan" | "hatchback" => Class::Vehicle,
        "model" | "product" => Class::Made,
        "index" => Class::Index,
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

/// Words that follow a noun phrase's head without being a noun themselves.
const FUNCTION: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "has",
    "had",
    "have",
    "did",
    "does",
    "do",
    "said",
    "says",
    "also",
    "which",
    "that",
    "who",
    "whose",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "of",
    "and",
    "or",
    "but",
    "as",
    "than",
    "into",
    "over",
    "after",
    "before",
    "since",
    "when",
    "while",
    "because",
    "if",
    "its",
    "their",
    "this",
    "it",
    "not",
    "now",
    "still",
    "then",
    "itself",
    "about",
    "under",
    "through",
    "during",
    "until",
    "against",
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
    "so",
    // Irregular past tenses, which no `-ed` tells.
    "rose",
    "fell",
    "grew",
    "sold",
    "made",
    "took",
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

/// A phrase [`unmarked`] found: its span, its class, and the index of the mention
/// of its head word (the gazetteer's lower-case class word) it would replace.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) span: Span,
    pub(super) class: Class,
    pub(super) replaces: Option<usize>,
}

/// A word of a sentence: its byte range in the text, the word without trailing
/// punctuation or possessive, and whether something was trimmed.
struct Word<'a> {
    start: usize,
    bare: &'a str,
    trimmed: bool,
}

fn words_of(text: &str, span: Span) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let Some(body) = span.slice(text) else {
        return out;
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
    out
}

/// Whether a word may stand between the determiner and the head: a lower-case
/// adjective (`new`, `long-range`) or a capitalised modifier (`US`, `Detroit-based`).
fn modifier(w: &Word<'_>) -> bool {
    let b = w.bare;
    !w.trimmed
        && !b.is_empty()
        && b.len() <= 20
        && b.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        && !FUNCTION.contains(&b)
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
    FUNCTION.contains(&b)
        || b.ends_with("ed")
        || b.ends_with("ly")
        || (b.len() > 3 && b.ends_with('s') && !b.ends_with("ss") && !NOUNS_IN_S.contains(&b))
}

/// The class nominals of the text no recogniser marked (see the module docs), in
/// text order. `mentions` must be in order of start.
pub(super) fn unmarked(text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for s in sentences {
        let words = words_of(text, s.span);
        let mut i = 0;
        while i < words.len() {
            let det = &words[i];
            if det.trimmed || !matches!(det.bare, "the" | "The" | "this" | "This") {
                i += 1;
                continue;
            }
            let mut found = None;
            for j in i + 1..(i + 4).min(words.len()) {
                let w = &words[j];
                if let Some(class) = class_of(w.bare)
                    && ends_phrase(words.get(j + 1), w)
                {
                    found = Some((j, class));
                    break;
                }
                if !modifier(w) {
                    break;
                }
            }
            let Some((j, class)) = found else {
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
                let modifier_name = matches!(
                    m.entity_type,
                    EntityType::Location | EntityType::Nationality
                ) && m.kind == MentionKind::Name
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
                });
            }
            i = j + 1;
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
        unmarked(text, &[s], &[])
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
    }

    #[test]
    fn classes_and_what_they_fit() {
        assert_eq!(class_of("device"), Some(Class::Product));
        assert_eq!(class_of("plane"), Some(Class::Vehicle));
        assert_eq!(class_of("carmaker"), Some(Class::Company));
        assert_eq!(class_of("president"), None);
        assert!(Class::Made.fits(EntityType::Vehicle));
        assert!(!Class::Product.fits(EntityType::Vehicle));
        assert!(company_like(None) && company_like(Some("company")));
        assert!(!company_like(Some("government")));
    }
}
