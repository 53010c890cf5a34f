//! Third-person pronouns: their agreement features, and the occurrences in the text
//! that no recogniser marked (the tagger leaves most `it`, `its` and `they` out).

use crate::document::{EntityType, Mention, Sentence};
use crate::span::Span;

/// Grammatical gender of a person, where something tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

/// What a pronoun agrees with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Agreement {
    /// `he`, `she`: one person (of that gender).
    Person(Gender),
    /// `it`, `its`: one organisation, place or thing, never a person.
    Thing,
    /// `they`, `their`: an organisation or several of anything.
    Plural,
}

/// First- and second-person pronouns by person and number: `I`/`me`/`my` (0),
/// `we`/`us`/`our` (1), `you`/`your` (2). They are linked only to the same
/// person's pronouns in the same block (one speaker's turn, one quote).
pub(super) fn speaker(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "i" | "me" | "my" | "mine" | "myself" => Some(0),
        "we" | "us" | "our" | "ours" | "ourselves" => Some(1),
        "you" | "your" | "yours" | "yourself" | "yourselves" => Some(2),
        _ => None,
    }
}

/// The agreement of a third-person pronoun; `None` for any other word (first and
/// second person pronouns: see [`speaker`]).
pub(super) fn agreement(word: &str) -> Option<Agreement> {
    let lower = word.to_ascii_lowercase();
    Some(match lower.as_str() {
        "he" | "him" | "his" | "himself" => Agreement::Person(Gender::Male),
        "she" | "her" | "hers" | "herself" => Agreement::Person(Gender::Female),
        "it" | "its" | "itself" => Agreement::Thing,
        // Not "them": an object pronoun is far more often people or things no
        // recogniser saw than an organisation (GUM, development).
        "they" | "their" | "theirs" | "themselves" => Agreement::Plural,
        _ => return None,
    })
}

/// How many sentences back a pronoun looks: three for `he` and `she`; one for `it`
/// and `they`, which stand for things no recogniser marked far more often than
/// persons do, so a near antecedent is the only safe one.
pub(super) fn window(agreement: Agreement) -> usize {
    match agreement {
        Agreement::Person(_) => 3,
        Agreement::Thing | Agreement::Plural => 1,
    }
}

/// Whether a group of `entity_type` can be what a pronoun with `agreement` stands for.
pub(super) fn fits(
    agreement: Agreement,
    entity_type: EntityType,
    gender: Option<Gender>,
    plural: bool,
) -> bool {
    match agreement {
        Agreement::Person(g) => {
            entity_type == EntityType::Person && !plural && gender.is_none_or(|x| x == g)
        }
        Agreement::Thing => !plural && thing(entity_type),
        Agreement::Plural => {
            entity_type == EntityType::Organisation
                || (plural && (entity_type == EntityType::Person || thing(entity_type)))
        }
    }
}

/// Types an `it` can stand for. Not places: in news an `it` after a place is far more
/// often the organisation or thing in it ("In Hong Kong, the Hang Seng fell ... its").
fn thing(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Organisation
            | EntityType::Weapon
            | EntityType::MilitaryPlatform
            | EntityType::Vehicle
            | EntityType::Product
            | EntityType::Financial
            | EntityType::DocumentReference
    )
}

/// Words after `it is` that make the `it` pleonastic (`it is likely that ...`).
const PLEONASTIC: &[&str] = &[
    "likely",
    "unlikely",
    "clear",
    "unclear",
    "possible",
    "impossible",
    "probable",
    "expected",
    "believed",
    "thought",
    "said",
    "reported",
    "understood",
    "known",
    "important",
    "necessary",
    "difficult",
    "hard",
    "easy",
    "time",
    "true",
    "hoped",
    "feared",
    "estimated",
    "rumoured",
    "rumored",
    "worth",
    "too",
    "not",
    "now",
];

/// Whether `it` at `end` (its end offset) is pleonastic: `it is likely`, `it seems`,
/// `it's time`, `it rained`.
fn pleonastic(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'));
    let first = words.next().unwrap_or("").to_ascii_lowercase();
    let first = first.as_str();
    if matches!(
        first,
        "seems" | "seemed" | "appears" | "appeared" | "rained" | "snowed" | "emerged"
    ) {
        return true;
    }
    let verb = if let Some(s) = first.strip_prefix('\'').or_else(|| first.strip_prefix('’')) {
        s == "s"
    } else {
        matches!(
            first,
            "is" | "was" | "will" | "would" | "has" | "had" | "may" | "might"
        )
    };
    if !verb && !first.starts_with("'s") && !first.starts_with("’s") {
        return false;
    }
    // Up to two more words: "is likely", "will be likely", "has been reported".
    for w in words.take(2) {
        let w = w.to_ascii_lowercase();
        if PLEONASTIC.contains(&w.as_str()) {
            return true;
        }
        if !matches!(w.as_str(), "be" | "been" | "being" | "also" | "still") {
            break;
        }
    }
    false
}

/// Third-person pronouns in the sentences that overlap no mention, in text order,
/// each with its agreement; pleonastic `it` left out. One pass over the text.
///
/// `mentions` must be in order of start (as [`crate::Document::mentions`] are).
pub(super) fn unmarked(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
) -> Vec<(Span, Agreement)> {
    let mut out = Vec::new();
    let mut mi = 0;
    let mut covered_to = 0;
    for s in sentences {
        let Some(body) = s.span.slice(text) else {
            continue;
        };
        let mut start = None;
        // Words: maximal runs of ASCII letters; a pronoun is all letters.
        for (i, c) in body
            .char_indices()
            .chain(std::iter::once((body.len(), ' ')))
        {
            if c.is_ascii_alphabetic() {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            let Some(b) = start.take() else {
                continue;
            };
            let word = &body[b..i];
            if word.len() > 10 {
                continue;
            }
            // Part of a longer word (`it-based`, `x4its`)?
            let before = body[..b].chars().next_back();
            if before.is_some_and(|p| p.is_alphanumeric() || p == '-')
                || c.is_alphanumeric()
                || c == '-'
            {
                continue;
            }
            let Some(agreement) = agreement(word) else {
                continue;
            };
            let span = Span::new(s.span.start + b, s.span.start + i);
            // Skip mentions that end before it; any left that starts before its end covers it.
            while let Some(m) = mentions.get(mi) {
                if m.span.start >= span.end {
                    break;
                }
                covered_to = covered_to.max(m.span.end);
                mi += 1;
            }
            if covered_to > span.start {
                continue;
            }
            if agreement == Agreement::Thing
                && word.eq_ignore_ascii_case("it")
                && pleonastic(text, span.end)
            {
                continue;
            }
            out.push((span, agreement));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_of_pronouns() {
        assert_eq!(agreement("He"), Some(Agreement::Person(Gender::Male)));
        assert_eq!(agreement("its"), Some(Agreement::Thing));
        assert_eq!(agreement("Their"), Some(Agreement::Plural));
        assert_eq!(agreement("them"), None);
        assert_eq!(agreement("we"), None);
        assert_eq!(agreement("item"), None);
    }

    #[test]
    fn pleonastic_it() {
        let t = "it is likely that";
        assert!(pleonastic(t, 2));
        assert!(pleonastic("it seems so", 2));
        assert!(pleonastic("it's time", 2));
        assert!(pleonastic("it will be difficult", 2));
        assert!(!pleonastic("it said on Monday", 2));
        assert!(!pleonastic("it is the largest", 2));
    }

    #[test]
    fn fits_by_number_gender_and_animacy() {
        let he = Agreement::Person(Gender::Male);
        assert!(fits(he, EntityType::Person, None, false));
        assert!(!fits(he, EntityType::Person, Some(Gender::Female), false));
        assert!(!fits(he, EntityType::Organisation, None, false));
        assert!(fits(
            Agreement::Thing,
            EntityType::Organisation,
            None,
            false
        ));
        assert!(!fits(Agreement::Thing, EntityType::Person, None, false));
        assert!(fits(
            Agreement::Plural,
            EntityType::Organisation,
            None,
            false
        ));
        assert!(fits(Agreement::Plural, EntityType::Person, None, true));
        assert!(!fits(Agreement::Plural, EntityType::Person, None, false));
    }
}
