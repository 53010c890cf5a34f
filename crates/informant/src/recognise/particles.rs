//! Person names with a lower-case particle: `Louis van Gaal`, `Nikolaus van der Pas`,
//! `Charles de Gaulle`, `Leonardo da Vinci`, `Mohammed bin Salman`.
//!
//! The particle breaks a name for the other recognisers: the tagger ends the name before
//! it or drops it, and a particle that is also a gazetteer's class word (`van`, a
//! Vehicle) becomes a mention of its own, which a later `it` then stands for. Here such
//! a name is made one Person mention, whatever stood inside it.
//!
//! When: a capitalised word, one or two particles, one capitalised word that ends the
//! name (the word after it is not capitalised). For the Dutch and German particles
//! (`van`, `von`, `ter`, `ten`, `van der`, ...) the word before must not be a function
//! word (`In`, `The`); for the others (`de`, `da`, `di`, `del`, `bin`, ...), which also
//! join the words of places and bodies (`Rio de Janeiro`, `Banco de Portugal`, `Tour de
//! France`), it must be a first name of the census lists or already part of a Person
//! name. A name or place a list or rule found across the words is left as it is
//! (`Charles de Gaulle airport`); only the tagger's pieces give way.
//!
//! Linear: one pass over the tokens, a binary search into the mentions a candidate.

use crate::document::{Document, EntityType, Mention, MentionKind};
use crate::resolve::names::is_first_name;
use crate::span::Span;

use super::spans::{drop_marked, spaced, token_text};

/// Particles that start Dutch and German surnames: they join no place's or body's words.
const GERMANIC: &[&str] = &["van", "von", "ter", "ten", "vander"];

/// Second particles after `van` or `von` (`van der`, `von dem`, `van 't` aside); alone
/// they are German articles (`der Väter`).
const SECOND: &[&str] = &["der", "den", "de", "dem", "het", "ter", "ten"];

/// Particles that also join the words of places and bodies.
const OTHERS: &[&str] = &[
    "de", "da", "di", "del", "della", "dos", "das", "du", "la", "le", "bin", "ibn",
];

/// Capitalised words that start sentences and names' contexts, never a first name.
const FUNCTION_WORDS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "And", "But", "Or", "Of",
    "To", "As", "His", "Her", "Its", "Their", "This", "That", "These", "Those", "When", "While",
    "After", "Before", "If", "Under", "Over", "Like", "Mr", "Mrs", "Ms", "Dr",
];

/// Confidence of a name joined over its particle.
const PARTICLE_NAME_CONFIDENCE: f32 = 0.75;

/// Joins person names over their particles (see the module's documentation). Mentions
/// sorted in text order on entry and on return.
pub(crate) fn names_with_particles(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let capital = |i: usize| {
        let w = word(i);
        w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    // every particle is two to six lower-case ASCII letters: most words fail that first
    let particle = |i: usize| {
        let w = word(i);
        (2..=6).contains(&w.len())
            && w.as_bytes()[0].is_ascii_lowercase()
            && (GERMANIC.contains(&w) || OTHERS.contains(&w))
    };
    let joined = |i: usize| spaced(text, tokens, i);
    // the mentions overlapping bytes `span`
    let overlapping = |mentions: &[Mention], span: Span| -> Vec<usize> {
        let first = mentions.partition_point(|m| m.span.start < span.start);
        let mut out: Vec<usize> = mentions[..first]
            .iter()
            .enumerate()
            .rev()
            .take(8)
            .filter(|(_, m)| m.span.end > span.start)
            .map(|(n, _)| n)
            .collect();
        out.extend(
            (first..mentions.len())
                .take_while(|&n| mentions[n].span.start < span.end)
                .filter(|&n| mentions[n].span.end > span.start),
        );
        out
    };
    let mut found: Vec<(Span, Vec<usize>)> = Vec::new();
    let mut i = 1;
    while i + 1 < tokens.len() {
        if !particle(i) || !capital(i - 1) || !joined(i - 1) || !joined(i) {
            i += 1;
            continue;
        }
        // one or two particles, then the surname, which ends the name
        let mut k = i + 1;
        if (particle(k) || GERMANIC.contains(&word(i)) && SECOND.contains(&word(k))) && joined(k) {
            k += 1;
        }
        if !capital(k) || joined(k) && capital(k + 1) {
            i += 1;
            continue;
        }
        let germanic = GERMANIC.contains(&word(i));
        let left = word(i - 1);
        if FUNCTION_WORDS.contains(&left) {
            i = k;
            continue;
        }
        // the first names before: back over first names and Person words
        let in_person = |t: usize| {
            let s = tokens[t].span;
            overlapping(&doc.mentions, s).iter().any(|&n| {
                doc.mentions[n].entity_type == EntityType::Person
                    && doc.mentions[n].kind == MentionKind::Name
            })
        };
        let named = |t: usize| is_first_name(word(t)) || in_person(t);
        if !germanic && !named(i - 1) {
            i = k;
            continue;
        }
        let mut start = i - 1;
        while start > 0
            && start + 3 > i
            && capital(start - 1)
            && joined(start - 1)
            && !FUNCTION_WORDS.contains(&word(start - 1))
            && named(start - 1)
        {
            start -= 1;
        }
        let span = Span::new(tokens[start].span.start, tokens[k].span.end);
        let over = overlapping(&doc.mentions, span);
        // a list's or rule's name across the words, or one reaching out of them, stays
        let blocked = over.iter().any(|&n| {
            let m = &doc.mentions[n];
            let sure = m.recogniser != "tagger" && m.kind == MentionKind::Name;
            let beyond = m.span.start < span.start || m.span.end > span.end;
            m.span == span && m.entity_type == EntityType::Person
                || sure
                    && (beyond || m.entity_type != EntityType::Person && !is_particle_word(text, m))
        });
        if !blocked {
            found.push((span, over));
        }
        i = k + 1;
    }
    if found.is_empty() {
        return;
    }
    let mut gone = vec![false; doc.mentions.len()];
    let mut added = Vec::with_capacity(found.len());
    for (span, over) in found {
        for n in over {
            gone[n] = true;
        }
        let mut m = Mention::new(span, EntityType::Person, PARTICLE_NAME_CONFIDENCE, "rule");
        m.kind = MentionKind::Name;
        added.push(m);
    }
    drop_marked(&mut doc.mentions, &gone);
    doc.mentions.extend(added);
    doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
}

/// Drops the tagger's names inside a person's name (`Ursula` and `Leyen` inside the
/// gazetteer's `Ursula von der Leyen`): a person's name holds no other name. Mentions
/// sorted in text order; one pass.
pub(crate) fn nothing_inside_persons(doc: &mut Document) {
    let mut gone = vec![false; doc.mentions.len()];
    let mut open: Option<Span> = None;
    let mut any = false;
    for (n, m) in doc.mentions.iter().enumerate() {
        if let Some(p) = open
            && p.contains(m.span)
            && p != m.span
        {
            if m.recogniser == "tagger" && m.kind == MentionKind::Name {
                gone[n] = true;
                any = true;
            }
            continue;
        }
        open =
            (m.entity_type == EntityType::Person && m.kind == MentionKind::Name).then_some(m.span);
    }
    if any {
        drop_marked(&mut doc.mentions, &gone);
    }
}

/// True when mention `m` is a particle alone (`van` read as a Vehicle).
fn is_particle_word(text: &str, m: &Mention) -> bool {
    text.get(m.span.range())
        .is_some_and(|w| GERMANIC.contains(&w) || OTHERS.contains(&w))
}

#[cfg(test)]
mod tests {
    use crate::recognise::names_and_types as names;

    fn person(found: &[(String, &'static str)], name: &str) -> bool {
        found.iter().any(|(t, ty)| t == name && *ty == "Person")
    }

    #[test]
    fn a_particle_does_not_break_a_persons_name() {
        let found = names(
            "Coach Louis van Gaal met Ruud van Nistelrooy. The Commission's chief spokesman \
             Nikolaus van der Pas told a news briefing. Vincent van Gogh painted it. Charles \
             de Gaulle spoke.",
        );
        for name in [
            "Louis van Gaal",
            "Ruud van Nistelrooy",
            "Nikolaus van der Pas",
            "Vincent van Gogh",
            "Charles de Gaulle",
        ] {
            assert!(person(&found, name), "{name}: {found:?}");
        }
        // the particle is no vehicle
        assert!(!found.iter().any(|(t, _)| t == "van"), "{found:?}");
        // and no name stands inside a person's
        let found =
            names("Coach Louis van Gaal met Ruud van Nistelrooy. Ursula von der Leyen said.");
        assert!(person(&found, "Ursula von der Leyen"), "{found:?}");
        assert!(
            !found.iter().any(|(t, _)| t == "Ursula" || t == "Leyen"),
            "{found:?}"
        );
    }

    #[test]
    fn places_and_bodies_with_particles_are_left_alone() {
        let found = names(
            "He flew from Rio de Janeiro to the Tour de France. The Banco de Portugal said \
             so. He drove a white van to the border.",
        );
        assert!(!found.iter().any(|(_, ty)| *ty == "Person"), "{found:?}");
    }
}
