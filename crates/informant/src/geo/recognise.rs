//! The place-qualifier recogniser: `Town, St.` and `City, Country`.
//!
//! After a comma, a US state (name, AP or postal abbreviation: `La.`, `Calif.`, `TX`),
//! a country or a first-order division qualifies the place before it. The recogniser
//! makes both Location names: the qualifier (`La.`), and the capitalised words before
//! the comma (`Pineville`) when they name a populated place of the embedded table
//! inside that state or country and no Location mention covers them yet. Cost: one
//! look at each comma token.

use crate::document::{Document, EntityType, Mention, MentionKind, TokenKind};
use crate::geo::resolve::qualifier;
use crate::geo::table::{normalise_into, table};
use crate::recognise::Recogniser;
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
        let covered = |s: Span| {
            let i = places.partition_point(|p| p.start <= s.start);
            places[..i].iter().rev().take(4).any(|p| p.contains(s))
        };
        let mut norm = String::new();
        for (i, tok) in tokens.iter().enumerate() {
            if tok.kind != TokenKind::Punctuation || doc.span_text(tok.span) != "," || i == 0 {
                continue;
            }
            let Some(q) = qualifier(t, text, tok.span.start) else {
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
                if covered(span) {
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
}
