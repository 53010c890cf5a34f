//! The place of a news wire dateline: `AL-AIN , United Arab Emirates 1996-12-06`,
//! `SAN SEBASTIAN , Spain 1996-08-22`, `LONDON (Reuters) -`, `KHARTOUM, Aug 22 -`.
//!
//! A line that starts with a run of words in capitals, followed on the same line by a
//! date (or an agency in brackets), names the place the story was filed from: a
//! Location, whatever the place table knows of it (`Al Ain` is written `AL-AIN`) and
//! whatever the tagger made of it (a person's name of two capitalised words).
//!
//! Linear: one look at the first tokens of each line, a binary search into the mentions.

use crate::document::{Document, EntityType, Mention, MentionKind, Token};
use crate::span::Span;

use super::spans::{names_in_place, token_text};

/// Confidence of a dateline's place.
const DATELINE_CONFIDENCE: f32 = 0.8;

/// The most words of a dateline's place (`RIO DE JANEIRO`, `PORT OF SPAIN`).
const MAX_PLACE_TOKENS: usize = 4;

/// How many tokens after the place the date or agency may start (`, United Arab
/// Emirates 1996-12-06`).
const MAX_GAP: usize = 6;

/// News agencies a dateline names in brackets (`LONDON (Reuters) -`).
const AGENCIES: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "UPI",
    "Xinhua",
    "Bloomberg",
    "Interfax",
    "ITAR-TASS",
    "Tass",
    "ANSA",
    "DPA",
    "dpa",
    "Kyodo",
    "Yonhap",
    "IANS",
    "PTI",
    "CNN",
    "BBC",
];

/// Words that a capitals run of a headline holds but no place's name does.
const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "CORRECTED",
    "REFILE",
    "URGENT",
    "FLASH",
    "BULLETIN",
];

/// A word of a dateline's place: capitals (with `-`, `'`, `.`), at least two letters,
/// or a joining word in capitals (`OF`, `DE`, `EL`).
fn caps_word(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '.' | '’'))
        && !NOT_PLACES.contains(&w)
}

/// Finds dateline places and makes each a Location name (see the module's
/// documentation). Mentions sorted in text order on entry and on return.
pub(crate) fn dateline_places(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens: &[Token] = &doc.tokens;
    if tokens.len() < 2 {
        return;
    }
    let word = |i: usize| token_text(text, tokens, i);
    let is_date_at = |i: usize| {
        let start = tokens[i].span.start;
        let at = doc.mentions.partition_point(|m| m.span.start < start);
        doc.mentions[at..]
            .iter()
            .take_while(|m| m.span.start == start)
            .any(|m| {
                m.entity_type == EntityType::Temporal
                    && text
                        .get(m.span.range())
                        .is_some_and(|t| t.bytes().any(|c| c.is_ascii_digit()))
            })
    };
    let mut places: Vec<Span> = Vec::new();
    for line in super::tables::line_starts(text, tokens).windows(2) {
        let (i, end) = (line[0], line[1]);
        if !caps_word(word(i)) {
            continue;
        }
        let same_line = |k: usize| k < end;
        let mut j = i + 1;
        while same_line(j) && j - i < MAX_PLACE_TOKENS && caps_word(word(j)) {
            j += 1;
        }
        // the run ends the place: a comma, a bracket or a date comes next
        if !same_line(j) {
            continue;
        }
        let next = word(j);
        if !matches!(next, "," | "(") && !is_date_at(j) {
            continue;
        }
        let dated = (j..tokens.len().min(j + MAX_GAP + 1))
            .take_while(|&k| same_line(k))
            .any(|k| {
                is_date_at(k)
                    || word(k) == "(" && AGENCIES.contains(&word(k + 1)) && word(k + 2) == ")"
            });
        if dated {
            places.push(Span::new(tokens[i].span.start, tokens[j - 1].span.end));
        }
    }
    if places.is_empty() {
        return;
    }
    let found = places
        .into_iter()
        .map(|span| {
            let mut m = Mention::new(span, EntityType::Location, DATELINE_CONFIDENCE, "rule");
            m.kind = MentionKind::Name;
            m
        })
        .collect();
    names_in_place(doc, found, |_, m| m.entity_type == EntityType::Location);
}

#[cfg(test)]
mod tests {
    use crate::recognise::names_and_types as names;

    #[test]
    fn a_datelines_place_is_a_location() {
        for (text, place) in [
            (
                "SOCCER - JAPAN GET LUCKY WIN .\nAL-AIN , United Arab Emirates 1996-12-06\nJapan won.",
                "AL-AIN",
            ),
            (
                "TENNIS - RESULTS .\nSAN SEBASTIAN , Spain 1996-08-22\nResults follow.",
                "SAN SEBASTIAN",
            ),
            (
                "ZUMBROVILLE (Reuters) - Officials said on Monday.",
                "ZUMBROVILLE",
            ),
        ] {
            let found = names(text);
            assert!(
                found.iter().any(|(t, ty)| t == place && *ty == "Location"),
                "{place}: {found:?}"
            );
        }
    }

    #[test]
    fn a_headline_in_capitals_is_no_dateline() {
        let found = names("US SAYS NO TO IRAQ\nThe talks failed on Monday.");
        assert!(
            !found.iter().any(|(t, _)| t == "US SAYS NO TO"),
            "{found:?}"
        );
    }
}
