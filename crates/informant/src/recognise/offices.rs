//! The body before an office and a person's name: `Chelsea manager Ruud Gullit`,
//! `Barcelona coach Bobby Robson`, `Amvescap chairman Charles Brady`.
//!
//! A capitalised name right before a lower-case office (`manager`, `chairman`,
//! `spokesman`, ...) that a person's name follows is the body the person serves: an
//! Organisation, as news NER types it. The titled mention (`Chelsea manager Ruud
//! Gullit`) and the bare name stay; this adds the body. A name nothing found becomes an
//! Organisation; a town before a sports office (`Barcelona coach`) is its club; a
//! country, a nationality or a person (`Clinton spokesman Mike McCurry`) stays what it
//! is.
//!
//! Linear: one look before each person's name, a binary search into the mentions.

use crate::document::{Document, EntityType, Mention, MentionKind, Token};
use crate::span::Span;

use super::spans::{capital_word, spaced, token_text};
use super::tables::is_national;

/// Offices in a sports club: a town before one is the club (`Barcelona coach`).
const SPORTS_OFFICES: &[&str] = &[
    "manager",
    "coach",
    "trainer",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "captain",
    "winger",
    "forward",
    "skipper",
    "playmaker",
    "full-back",
    "fullback",
    "sweeper",
    "centre-back",
];

/// Offices in companies and other bodies.
const OFFICES: &[&str] = &[
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "economist",
    "strategist",
    "executive",
    "director",
    "founder",
    "president",
    "owner",
    "boss",
    "official",
    "treasurer",
];

/// Capitalised words that start an office's phrase but name no body (`Former coach`,
/// `Assistant manager`, `The chairman`).
const NO_BODY: &[&str] = &[
    "The",
    "A",
    "An",
    "His",
    "Her",
    "Its",
    "Their",
    "Former",
    "Assistant",
    "Head",
    "Interim",
    "General",
    "Team",
    "Club",
    "National",
    "Senior",
    "Deputy",
    "Vice",
    "Acting",
    "Chief",
    "Then",
    "New",
    "Joint",
    "Caretaker",
    "Player",
    "Executive",
    "Managing",
    "Company",
    "Party",
    "Group",
    "Board",
    "Bank",
    "Fund",
    "Chairman",
    "President",
    "When",
    "After",
    "Before",
    "As",
    "But",
    "And",
    "Or",
    "If",
    "While",
    "Rival",
    "Veteran",
    "Local",
    "Opposition",
    "State",
    "Government",
    "Union",
    "Campaign",
    "Sales",
    "Marketing",
    "Finance",
    "Research",
    "Project",
    "Programme",
    "Program",
    "Art",
    "Music",
    "Film",
    "Sports",
    "Sporting",
    "Design",
    "Technical",
    "Creative",
    "Editorial",
    "Communications",
    "Operations",
    "Production",
    "Casting",
    "Artistic",
    "Musical",
    "Medical",
    "Legal",
    "Regional",
    "Country",
    "Area",
    "Division",
    "Department",
    "Office",
    "Football",
    "Youth",
    "Reserve",
    "Fitness",
    "Goalkeeping",
    "Batting",
    "Bowling",
    "Defensive",
    "Offensive",
    "Athletic",
    "Academy",
    "Store",
    "Plant",
    "Branch",
    "Hotel",
    "Restaurant",
    "Funeral",
    "Museum",
    "School",
    "Police",
    "Fire",
    "Account",
    "Brand",
    "Product",
    "Programs",
    "Policy",
    "Public",
    "Press",
    "Media",
    "News",
    "Senate",
];

/// Confidence of a body found before an office.
const BODY_CONFIDENCE: f32 = 0.6;

/// The most words of a body's name before an office.
const MAX_BODY_TOKENS: usize = 3;

/// Adds the bodies before offices and persons' names (see the module's documentation).
/// Mentions sorted in text order on entry and on return.
pub(crate) fn bodies_before_offices(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens: &[Token] = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let joined = |i: usize| spaced(text, tokens, i);
    let capital = |i: usize| {
        let w = word(i);
        capital_word(w, true) && !NO_BODY.contains(&w)
    };
    let mut bodies: Vec<(Span, bool)> = Vec::new();
    for m in &doc.mentions {
        if m.entity_type != EntityType::Person || m.kind != MentionKind::Name {
            continue;
        }
        let first = tokens.partition_point(|t| t.span.start < m.span.start);
        if first < 2 || !joined(first - 1) {
            continue;
        }
        let office = word(first - 1);
        let sports = SPORTS_OFFICES.contains(&office);
        if !sports && !OFFICES.contains(&office) {
            continue;
        }
        let end = first - 1;
        let mut start = end;
        while start > 0 && end - start < MAX_BODY_TOKENS && capital(start - 1) && joined(start - 1)
        {
            start -= 1;
        }
        if start == end {
            continue;
        }
        bodies.push((
            Span::new(tokens[start].span.start, tokens[end - 1].span.end),
            sports,
        ));
    }
    if bodies.is_empty() {
        return;
    }
    let mut added = Vec::new();
    let mut any = false;
    for (span, sports) in bodies {
        let first = doc.mentions.partition_point(|m| m.span.start < span.start);
        // mentions across the body's words, the person holding the office aside (`Chelsea
        // manager Ruud Gullit`, titled)
        let near: Vec<usize> = doc.mentions[..first]
            .iter()
            .enumerate()
            .rev()
            .take(8)
            .map(|(n, _)| n)
            .chain(
                (first..doc.mentions.len()).take_while(|&n| doc.mentions[n].span.start < span.end),
            )
            .filter(|&n| {
                let m = &doc.mentions[n];
                let holder = m.entity_type == EntityType::Person
                    && m.span.start <= span.start
                    && m.span.end > span.end;
                m.span.end > span.start && m.span.start < span.end && !holder
            })
            .collect();
        if near.is_empty() {
            let mut body = Mention::new(span, EntityType::Organisation, BODY_CONFIDENCE, "rule");
            body.kind = MentionKind::Name;
            added.push(body);
            continue;
        }
        // a town before a sports office is its club
        if let [n] = near[..] {
            let m = &mut doc.mentions[n];
            if sports
                && m.span == span
                && m.kind == MentionKind::Name
                && m.entity_type == EntityType::Location
                && !is_national(m)
            {
                m.entity_type = EntityType::Organisation;
                m.subtype = Some("sports_club".to_owned());
                m.entry = None;
                m.recogniser = "rule".into();
                any = true;
            }
        }
    }
    if !added.is_empty() || any {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

#[cfg(test)]
mod tests {
    use crate::recognise::{names_and_types as names, types_of};

    #[test]
    fn the_body_before_an_office_and_a_name_is_an_organisation() {
        let found = names(
            "Zorbling manager Ruud Gullit said he was pleased. Barcelona coach Bobby Robson \
             agreed. Clinton spokesman Mike McCurry said so. Italian trainer George Coste \
             spoke. Former coach John Smith left.",
        );
        assert_eq!(types_of(&found, "Zorbling"), ["Organisation"], "{found:?}");
        assert_eq!(types_of(&found, "Barcelona"), ["Organisation"], "{found:?}");
        assert_eq!(types_of(&found, "Ruud Gullit"), ["Person"], "{found:?}");
        assert!(
            !types_of(&found, "Clinton").contains(&"Organisation"),
            "{found:?}"
        );
        assert!(
            !types_of(&found, "Italian").contains(&"Organisation"),
            "{found:?}"
        );
        assert!(types_of(&found, "Former").is_empty(), "{found:?}");
    }
}
