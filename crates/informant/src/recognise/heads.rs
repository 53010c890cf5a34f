//! Names known by their last word: media companies (`Universal Pictures`, `DGC Records`,
//! `Walt Disney Studios`) and realms (`Ottoman Empire`, `Abbasid Caliphate`).
//!
//! A run of one to three capitalised words right before such a head is one name with it:
//! an Organisation for a media company's word, a Location for a realm's. This runs after
//! the tagger, on the merged mentions, so it changes nothing the tagger reads (as context
//! rules it moved every retrained fold's model; see docs/accuracy.md, stop 32). Mentions
//! inside the name give way to it (`Sony` in `Sony Pictures`, flat as news corpora mark
//! names); a mention across its edge leaves it be.
//!
//! Linear: one look at each token, a binary search into the mentions a head.

use crate::document::{Document, EntityType, Mention, MentionKind, Token};
use crate::span::Span;

use super::spans::{capital_word, names_in_place, spaced, token_text};

/// Last words of media and entertainment companies' names.
const MEDIA_HEADS: &[&str] = &[
    "Pictures",
    "Records",
    "Studios",
    "Entertainment",
    "Films",
    "Publishing",
    "Publishers",
    "Broadcasting",
];

/// Last words of realms' names: places in news NER.
const REALM_HEADS: &[&str] = &["Empire", "Caliphate", "Sultanate", "Khanate"];

/// Capitalised words that start sentences or phrases but no such name.
const NOT_IN_NAME: &[&str] = &[
    "The", "A", "An", "In", "At", "By", "For", "From", "With", "And", "But", "Of", "To", "As",
    "His", "Her", "Its", "Their", "This", "That", "When", "After", "Before", "Under", "Both",
];

/// Confidence of a name found by its head.
const HEAD_CONFIDENCE: f32 = 0.7;

/// The most capitalised words before a head.
const MAX_RUN: usize = 3;

/// Makes one name of each capitalised run and its head (see the module's documentation).
/// Mentions sorted in text order on entry and on return.
pub(crate) fn names_by_their_heads(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens: &[Token] = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let joined = |i: usize| spaced(text, tokens, i);
    let capital = |i: usize| {
        let w = word(i);
        capital_word(w, false) && !NOT_IN_NAME.contains(&w)
    };
    let mut found: Vec<(Span, EntityType)> = Vec::new();
    for h in 1..tokens.len() {
        let head = word(h);
        let entity_type = if MEDIA_HEADS.contains(&head) {
            EntityType::Organisation
        } else if REALM_HEADS.contains(&head) {
            EntityType::Location
        } else {
            continue;
        };
        let mut s = h;
        while s > 0 && h - s < MAX_RUN && capital(s - 1) && joined(s - 1) {
            s -= 1;
        }
        if s < h {
            found.push((
                Span::new(tokens[s].span.start, tokens[h].span.end),
                entity_type,
            ));
        }
    }
    if found.is_empty() {
        return;
    }
    let found = found
        .into_iter()
        .map(|(span, entity_type)| {
            let mut m = Mention::new(span, entity_type, HEAD_CONFIDENCE, "rule");
            m.kind = MentionKind::Name;
            m
        })
        .collect();
    names_in_place(doc, found, |c, m| {
        m.kind == MentionKind::Name && m.entity_type == c.entity_type
    });
}

#[cfg(test)]
mod tests {
    use crate::recognise::names_and_types as names;

    #[test]
    fn media_companies_and_realms_are_named_by_their_heads() {
        let found = names(
            "The film was distributed by Universal Pictures and DGC Records. The Ottoman \
             Empire besieged Vienna.",
        );
        for (name, ty) in [
            ("Universal Pictures", "Organisation"),
            ("DGC Records", "Organisation"),
            ("Ottoman Empire", "Location"),
        ] {
            assert!(
                found.iter().any(|(t, y)| t == name && *y == ty),
                "{name}: {found:?}"
            );
        }
    }
}
