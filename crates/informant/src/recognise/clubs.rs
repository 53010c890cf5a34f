//! Sports clubs named by a club word and their town, as sports pages write them:
//! `Hapoel Tel Aviv`, `Fortuna Duesseldorf`, `Steaua Bucharest`, `Sporting Gijon`,
//! `Oldham Athletic`, `Plymouth Argyle`.
//!
//! The whole name is one Organisation, as news NER types a club, where the tagger read a
//! person (`Hansa Rostock`) or a list found only the town (`Rostock`, `Gijon`). Three
//! shapes:
//! - a word that only clubs start with ([`CLUB_HEADS`]: `Hapoel`, `Dynamo`, `Borussia`)
//!   and one to three capitalised words;
//! - a word that clubs share with other names ([`TOWN_CLUB_HEADS`]: `Real`, `Sporting`,
//!   `Racing`, `Rapid`) and a town a list knows;
//! - a town a list knows and a club's last word ([`CLUB_TAILS`]: `Rovers`, `Athletic`,
//!   `United`), not `City`, `Town` or `County`, which end places too (`Gaza City`).
//!
//! Countries stay places (`Austria Vienna` is left alone), and a name a list knows
//! whole is left to it. Linear: one pass over the tokens with a cursor over the
//! mentions, and a binary search into the mentions a club.

use crate::document::{Document, EntityType, Mention, MentionKind};
use crate::span::Span;

use super::spans::{capital_word, names_in_place, spaced, token_text};
use super::tables::is_national;

/// Confidence of a club found by its club word.
const CLUB_CONFIDENCE: f32 = 0.7;

/// First words that only sports clubs' names take (`Hapoel Tel Aviv`, `Dynamo Kiev`,
/// `Borussia Moenchengladbach`).
const CLUB_HEADS: &[&str] = &[
    "Hapoel",
    "Maccabi",
    "Beitar",
    "Bnei",
    "Dynamo",
    "Dinamo",
    "Lokomotiv",
    "Lokomotiva",
    "Spartak",
    "CSKA",
    "Olympique",
    "Borussia",
    "Eintracht",
    "Werder",
    "Hertha",
    "Fortuna",
    "Hansa",
    "VfB",
    "VfL",
    "TSV",
    "SpVgg",
    "Legia",
    "Steaua",
    "Partizan",
    "Slavia",
    "Deportivo",
    "Atletico",
    "Atlético",
    "Celta",
];

/// First words of clubs that other names take too (`Real Estate`, `Racing Post`,
/// `Sporting News`): a club only before a town a list knows (`Real Betis` is left to
/// the lists).
const TOWN_CLUB_HEADS: &[&str] = &[
    "Real", "Sporting", "Racing", "Rapid", "Inter", "AC", "AS", "FC", "SC", "SV", "Sparta",
    "Torpedo", "Standard", "Athletic", "Vitoria", "Vitória", "Union",
];

/// Last words of clubs after their town (`Blackburn Rovers`, `Oldham Athletic`, `Leeds
/// United`).
const CLUB_TAILS: &[&str] = &[
    "Rovers",
    "Wanderers",
    "Athletic",
    "Albion",
    "Argyle",
    "Hotspur",
    "Alexandra",
    "Orient",
    "United",
    "Rangers",
    "Celtic",
];

/// The most capitalised words after a club word (`Hapoel Kfar Saba`, `Maccabi Petah
/// Tikva`).
const MAX_AFTER_HEAD: usize = 3;

/// Makes Organisations of the clubs named by a club word and their town (see the
/// module's documentation). Mentions sorted in text order on entry and on return.
pub(crate) fn clubs_by_their_words(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    // the town mention (a list's Location name, no country) starting at byte `at`, and
    // its end
    let town_at = |at: usize| -> Option<usize> {
        let first = doc.mentions.partition_point(|m| m.span.start < at);
        doc.mentions[first..]
            .iter()
            .take_while(|m| m.span.start == at)
            .find(|m| is_town(m))
            .map(|m| m.span.end)
    };
    let mut found: Vec<Span> = Vec::new();
    for i in 0..tokens.len() {
        let w = word(i);
        // most tokens start with no capital: no list to compare them with
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        if CLUB_HEADS.contains(&w) {
            let mut j = i + 1;
            while j < tokens.len()
                && j - i <= MAX_AFTER_HEAD
                && spaced(text, tokens, j - 1)
                && capital_word(word(j), false)
            {
                j += 1;
            }
            if j > i + 1 {
                found.push(Span::new(tokens[i].span.start, tokens[j - 1].span.end));
            }
        } else if TOWN_CLUB_HEADS.contains(&w) && spaced(text, tokens, i) {
            let Some(end) = tokens.get(i + 1).and_then(|t| town_at(t.span.start)) else {
                continue;
            };
            // the town ends the name: no capitalised word runs on (`Real Madrid Castilla`
            // is left to the lists)
            let after = tokens.partition_point(|t| t.span.start < end);
            if !(after < tokens.len()
                && spaced(text, tokens, after - 1)
                && capital_word(word(after), false))
            {
                found.push(Span::new(tokens[i].span.start, end));
            }
        }
    }
    // a town and a club's last word
    for m in &doc.mentions {
        if !is_town(m) {
            continue;
        }
        let after = tokens.partition_point(|t| t.span.start < m.span.end);
        if after > 0 && spaced(text, tokens, after - 1) && CLUB_TAILS.contains(&word(after)) {
            found.push(Span::new(m.span.start, tokens[after].span.end));
        }
    }
    if found.is_empty() {
        return;
    }
    found.sort_unstable_by_key(|s| (s.start, s.end));
    found.dedup();
    let clubs = found
        .into_iter()
        .map(|span| {
            let mut club = Mention::new(span, EntityType::Organisation, CLUB_CONFIDENCE, "rule");
            club.kind = MentionKind::Name;
            club.subtype = Some("sports_club".to_owned());
            club
        })
        .collect();
    // a name a list or rule knows whole, of any type, stays
    names_in_place(doc, clubs, |_, m| {
        m.kind == MentionKind::Name
            && (m.entity_type == EntityType::Organisation || m.recogniser != "tagger")
    });
}

/// A town a list knows: a Location name of the gazetteer or the place table, no country.
fn is_town(m: &Mention) -> bool {
    m.entity_type == EntityType::Location
        && m.kind == MentionKind::Name
        && matches!(m.recogniser.as_ref(), "gazetteer" | "geo")
        && !is_national(m)
}

#[cfg(test)]
mod tests {
    use crate::recognise::{names_and_types as typed, types_of};

    #[test]
    fn clubs_named_by_a_club_word_and_their_town_are_organisations() {
        let found = typed(
            "Beitar Jerusalem drew with Bnei Yehuda. Hansa Rostock and Fortuna \
             Duesseldorf drew, Sporting Gijon lost to Racing Santander and Oldham Athletic \
             lost to Plymouth Argyle. Steaua Bucharest beat Rapid Vienna.",
        );
        for club in [
            "Beitar Jerusalem",
            "Bnei Yehuda",
            "Hansa Rostock",
            "Fortuna Duesseldorf",
            "Sporting Gijon",
            "Racing Santander",
            "Oldham Athletic",
            "Plymouth Argyle",
            "Steaua Bucharest",
            "Rapid Vienna",
        ] {
            assert_eq!(
                types_of(&found, club),
                ["Organisation"],
                "{club}: {found:?}"
            );
        }
        for town in ["Jerusalem", "Rostock", "Gijon", "Oldham", "Vienna"] {
            assert!(types_of(&found, town).is_empty(), "{town}: {found:?}");
        }
    }

    #[test]
    fn a_club_word_that_other_names_share_needs_a_town() {
        let doc = crate::Pipeline::new()
            .extract(
                "The Racing Post said Real Estate prices rose in Gaza City, and Sporting \
                 News agreed.",
            )
            .unwrap_or_default();
        let clubs: Vec<&str> = doc
            .mentions()
            .iter()
            .filter(|m| m.subtype.as_deref() == Some("sports_club"))
            .map(|m| doc.span_text(m.span))
            .collect();
        assert!(clubs.is_empty(), "{clubs:?}");
    }
}
