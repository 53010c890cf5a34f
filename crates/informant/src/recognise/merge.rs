//! Combining the output of several recognisers into one consistent list.
//!
//! Policy (documented in `docs/architecture.md`):
//! 1. The same span and type found twice is one mention: the more confident one
//!    is kept, and attributes are merged.
//! 2. The same span with two types keeps the more confident; on a tie, the
//!    recogniser that ran later wins (rules run after gazetteers, because they
//!    see more context).
//! 3. Crossing spans (overlapping, neither inside the other): the more
//!    confident wins; on a tie, the longer.
//! 4. A span inside another is kept only where the schema nests (a Nationality
//!    or Location inside an Organisation, a Person inside a Person with title,
//!    ...); otherwise the outer span wins.

use crate::document::{EntityType, Mention};

/// Whether a mention of type `inner` may stay inside one of type `outer`.
pub(crate) fn may_nest(outer: EntityType, inner: EntityType) -> bool {
    use EntityType::*;
    matches!(
        (outer, inner),
        (Organisation, Nationality | Location | Person | Organisation)
            | (Person, Person | Nationality | Organisation | Location)
            | (Location, Location | Nationality)
            | (
                Weapon | MilitaryPlatform | Vehicle,
                Nationality | Organisation | Location
            )
            | (DocumentReference, Organisation | Temporal)
            | (Temporal, Temporal)
    )
}

/// Orders mentions by start, longer first, and removes conflicts (see module docs).
/// `order` of each mention is its position in the recogniser sequence (later wins ties).
pub(crate) fn merge(mentions: Vec<(usize, Mention)>) -> Vec<Mention> {
    let mut ms = mentions;
    ms.sort_by(|(oa, a), (ob, b)| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(ob.cmp(oa))
    });
    let max_len = ms.iter().map(|(_, m)| m.span.len()).max().unwrap_or(0);
    let mut kept: Vec<(usize, Mention)> = Vec::with_capacity(ms.len());
    'next: for (order, m) in ms {
        // Kept mentions are sorted by start; scan back only while one could still reach `m`.
        let mut i = kept.len();
        while i > 0 {
            i -= 1;
            let (ko, k) = &mut kept[i];
            if k.span.start + max_len <= m.span.start {
                break;
            }
            if !k.span.overlaps(m.span) {
                continue;
            }
            if k.span == m.span {
                if k.entity_type == m.entity_type {
                    for (key, v) in m.attributes {
                        k.attributes.entry(key).or_insert(v);
                    }
                    continue 'next;
                }
                let m_wins =
                    m.confidence > k.confidence || (m.confidence == k.confidence && order > *ko);
                if m_wins {
                    *k = m;
                    *ko = order;
                }
                continue 'next;
            }
            if k.span.contains(m.span) {
                if may_nest(k.entity_type, m.entity_type) {
                    continue;
                }
                continue 'next;
            }
            // Crossing: k starts first (sorted), m ends later.
            let m_wins = m.confidence > k.confidence;
            if m_wins {
                kept.remove(i);
                continue;
            }
            continue 'next;
        }
        kept.push((order, m));
    }
    kept.sort_by(|(_, a), (_, b)| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    kept.into_iter().map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn m(start: usize, end: usize, t: EntityType, conf: f32) -> Mention {
        Mention::new(Span::new(start, end), t, conf, "test")
    }

    fn spans(v: &[Mention]) -> Vec<(usize, usize, EntityType)> {
        v.iter()
            .map(|m| (m.span.start, m.span.end, m.entity_type))
            .collect()
    }

    #[test]
    fn policy() {
        use EntityType::*;
        // Duplicate: one kept.
        let out = merge(vec![
            (0, m(0, 5, Location, 0.8)),
            (1, m(0, 5, Location, 0.9)),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].confidence, 0.9);
        // Same span, two types: the more confident.
        let out = merge(vec![
            (0, m(0, 5, Location, 0.8)),
            (1, m(0, 5, Organisation, 0.7)),
        ]);
        assert_eq!(spans(&out), [(0, 5, Location)]);
        // Tie: the later recogniser.
        let out = merge(vec![
            (0, m(0, 5, Location, 0.8)),
            (1, m(0, 5, Organisation, 0.8)),
        ]);
        assert_eq!(spans(&out), [(0, 5, Organisation)]);
        // Nesting allowed: Nationality inside Organisation.
        let out = merge(vec![
            (0, m(4, 11, Nationality, 0.9)),
            (1, m(0, 16, Organisation, 0.8)),
        ]);
        assert_eq!(spans(&out), [(0, 16, Organisation), (4, 11, Nationality)]);
        // Nesting not allowed: Quantity inside Temporal is dropped.
        let out = merge(vec![
            (0, m(0, 2, Quantity, 0.9)),
            (1, m(0, 9, Temporal, 0.8)),
        ]);
        assert_eq!(spans(&out), [(0, 9, Temporal)]);
        // Crossing: the more confident.
        let out = merge(vec![
            (0, m(0, 6, Person, 0.6)),
            (1, m(3, 10, Location, 0.9)),
        ]);
        assert_eq!(spans(&out), [(3, 10, Location)]);
    }
}
