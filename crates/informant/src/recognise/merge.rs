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
//!    ...); otherwise the outer span wins, unless the outer one is the tagger's
//!    and the inner one is at least as confident: then the inner one stays (the
//!    rule the tagger applies to the recognisers before it, here for those after
//!    it too).

use crate::document::{EntityType, Mention};

use crate::steps::count as count_step;

/// Whether a mention of type `inner` may stay inside one of type `outer`.
pub(crate) fn may_nest(outer: EntityType, inner: EntityType) -> bool {
    use EntityType::*;
    matches!(
        (outer, inner),
        (Organisation, Nationality | Location | Person | Organisation)
            | (Person, Person | Nationality | Organisation | Location)
            | (Location, Location | Nationality)
            | (
                Weapon | MilitaryPlatform | Vehicle | Product,
                Nationality | Organisation | Location
            )
            | (DocumentReference, Organisation | Temporal)
            | (Temporal, Temporal)
    )
}

/// Whether the tagger's `outer` mention gives way to `inner`, inside it, which may not
/// nest in it and is at least as confident: the tagger holds back for such a mention of
/// the recognisers before it (`recognise/tagger/mod.rs`, `keep`), and this is the same
/// rule for those after it (the product recogniser's `Windows Vista` inside the tagger's
/// `Users of Windows Vista`), so the order of the recognisers does not decide.
fn tagger_yields(outer: &Mention, inner: &Mention) -> bool {
    &*outer.recogniser == "tagger"
        && inner.confidence >= outer.confidence
        && !may_nest(outer.entity_type, inner.entity_type)
}

/// Orders mentions by start, longer first, and removes conflicts (see module docs).
/// `order` of each mention is its position in the recogniser sequence (later wins ties).
pub(crate) fn merge(mentions: Vec<(usize, Mention)>) -> Vec<Mention> {
    let mut ms = mentions;
    ms.sort_by(|(oa, a), (ob, b)| {
        a.span
            .text_order(&b.span)
            .then(b.confidence.total_cmp(&a.confidence))
            .then(ob.cmp(oa))
    });
    // Kept mentions never cross (a crossing pair loses one), so those reaching past a
    // position all contain it and nest in one another: `open` holds them, outermost
    // first, as indices into `kept`. Mentions come in order of start, so one that ends
    // before the current start can never overlap a later one and leaves `open` for
    // good. Each mention is compared only with the open mentions it overlaps, innermost
    // first (the order of the scan back over every kept mention this replaces): the
    // work is linear in the number of mentions times the depth of nesting, whatever
    // the length of the spans.
    let mut kept: Vec<Option<(usize, Mention)>> = Vec::with_capacity(ms.len());
    let mut open: Vec<usize> = Vec::new();
    'next: for (order, m) in ms {
        while let Some(&top) = open.last() {
            match &kept[top] {
                Some((_, k)) if k.span.end > m.span.start => break,
                _ => {
                    open.pop();
                }
            }
        }
        let mut j = open.len();
        while j > 0 {
            j -= 1;
            count_step();
            let i = open[j];
            let Some((ko, k)) = kept[i].as_mut() else {
                continue;
            };
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
                if tagger_yields(k, &m) {
                    kept[i] = None;
                    open.remove(j);
                    continue;
                }
                continue 'next;
            }
            // Crossing: k starts first (sorted), m ends later.
            let m_wins = m.confidence > k.confidence;
            if m_wins {
                kept[i] = None;
                open.remove(j);
                continue;
            }
            continue 'next;
        }
        open.push(kept.len());
        kept.push(Some((order, m)));
    }
    let mut kept: Vec<(usize, Mention)> = kept.into_iter().flatten().collect();
    kept.sort_by(|(_, a), (_, b)| a.span.text_order(&b.span));
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
        // A tagger mention around a more confident one that may not nest in it gives way,
        // whichever ran first; another recogniser's outer mention wins.
        let mut outer = m(0, 22, Organisation, 0.6);
        outer.recogniser = "tagger".into();
        let inner = m(9, 22, Product, 0.85);
        for (a, b) in [(0, 1), (1, 0)] {
            let out = merge(vec![(a, outer.clone()), (b, inner.clone())]);
            assert_eq!(spans(&out), [(9, 22, Product)]);
        }
        let out = merge(vec![(0, m(0, 22, Organisation, 0.6)), (1, inner.clone())]);
        assert_eq!(spans(&out), [(0, 22, Organisation)]);
        // ... but not when the inner one is less sure, or may nest.
        let out = merge(vec![(0, outer.clone()), (1, m(9, 22, Product, 0.5))]);
        assert_eq!(spans(&out), [(0, 22, Organisation)]);
        let out = merge(vec![(0, outer.clone()), (1, m(9, 22, Location, 0.85))]);
        assert_eq!(spans(&out), [(0, 22, Organisation), (9, 22, Location)]);
    }

    /// The scan this module replaced: every kept mention within the longest span's
    /// length, newest first. Kept as the reference the indexed merge must equal.
    fn merge_by_scan(mentions: Vec<(usize, Mention)>) -> Vec<Mention> {
        let mut ms = mentions;
        ms.sort_by(|(oa, a), (ob, b)| {
            a.span
                .text_order(&b.span)
                .then(b.confidence.total_cmp(&a.confidence))
                .then(ob.cmp(oa))
        });
        let mut kept: Vec<(usize, Mention)> = Vec::new();
        'next: for (order, m) in ms {
            let mut i = kept.len();
            while i > 0 {
                i -= 1;
                let (ko, k) = &mut kept[i];
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
                    if m.confidence > k.confidence || (m.confidence == k.confidence && order > *ko)
                    {
                        *k = m;
                        *ko = order;
                    }
                    continue 'next;
                }
                if k.span.contains(m.span) {
                    if may_nest(k.entity_type, m.entity_type) {
                        continue;
                    }
                    if tagger_yields(k, &m) {
                        kept.remove(i);
                        continue;
                    }
                    continue 'next;
                }
                if m.confidence > k.confidence {
                    kept.remove(i);
                    continue;
                }
                continue 'next;
            }
            kept.push((order, m));
        }
        kept.sort_by(|(_, a), (_, b)| a.span.text_order(&b.span));
        kept.into_iter().map(|(_, m)| m).collect()
    }

    fn detail(v: &[Mention]) -> Vec<(usize, usize, EntityType, u32, String)> {
        v.iter()
            .map(|m| {
                (
                    m.span.start,
                    m.span.end,
                    m.entity_type,
                    m.confidence.to_bits(),
                    m.recogniser.to_string(),
                )
            })
            .collect()
    }

    const TYPES: [EntityType; 6] = [
        EntityType::Person,
        EntityType::Organisation,
        EntityType::Location,
        EntityType::Nationality,
        EntityType::Temporal,
        EntityType::Quantity,
    ];

    proptest::proptest! {
        #[test]
        fn equals_the_scan(raw in proptest::collection::vec(
            (0usize..60, 0usize..12, 0usize..6, 0u8..4, 0usize..4), 0..60)
        ) {
            let ms: Vec<(usize, Mention)> = raw
                .iter()
                .enumerate()
                .map(|(n, &(start, len, t, conf, order))| {
                    let mut x = m(start, start + len, TYPES[t], f32::from(conf) / 4.0);
                    // Every third a tagger's, whose outer mentions may give way.
                    x.recogniser = if n % 3 == 0 { "tagger".into() } else { format!("r{n}").into() };
                    (order, x)
                })
                .collect();
            proptest::prop_assert_eq!(detail(&merge(ms.clone())), detail(&merge_by_scan(ms)));
        }
    }

    /// Comparisons made by merging `ms`.
    fn steps_for(ms: Vec<(usize, Mention)>) -> u64 {
        let before = crate::steps::total();
        let _ = merge(ms);
        crate::steps::total() - before
    }

    #[test]
    fn work_grows_linearly() {
        use EntityType::*;
        // One name repeated, and the tagger's one span over all of it (what
        // `"Assad " * n` gave); and ordinary text: short mentions, some nested.
        let repeated = |n: usize| -> Vec<(usize, Mention)> {
            let mut v: Vec<(usize, Mention)> = (0..n)
                .map(|i| (0, m(6 * i, 6 * i + 5, Person, 0.9)))
                .collect();
            v.push((1, m(0, 6 * n - 1, Person, 0.6)));
            v
        };
        let ordinary = |n: usize| -> Vec<(usize, Mention)> {
            (0..n)
                .flat_map(|i| {
                    let s = 40 * i;
                    [
                        (0, m(s, s + 20, Organisation, 0.8)),
                        (0, m(s + 4, s + 11, Nationality, 0.9)),
                        (1, m(s + 15, s + 25, Location, 0.7)),
                        (2, m(s + 30, s + 35, Temporal, 0.9)),
                    ]
                })
                .collect()
        };
        for (name, make) in [
            (
                "repeated name",
                &repeated as &dyn Fn(usize) -> Vec<(usize, Mention)>,
            ),
            ("ordinary", &ordinary),
        ] {
            let mut last = steps_for(make(1000));
            let mut n = 1000;
            for _ in 0..5 {
                n *= 2;
                let now = steps_for(make(n));
                assert!(
                    now <= last * 2 + 8,
                    "{name}: {now} comparisons for {n} mentions, {last} for half as many"
                );
                last = now;
            }
            assert!(last <= 4 * n as u64, "{name}: {last} comparisons for {n}");
        }
    }
}
