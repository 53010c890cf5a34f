//! Golden test: the seed document's structure, as written by hand in
//! `seeds/assad-asylum-russia.expected.json`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.
use informant::{BlockKind, EntityType, Pipeline};
use serde_json::Value;

const SEED: &str = include_str!("../../../seeds/assad-asylum-russia.txt");
const EXPECTED: &str = include_str!("../../../seeds/assad-asylum-russia.expected.json");

#[test]
fn seed_structure() {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let doc = Pipeline::new().parse(SEED).unwrap();
    doc.validate().unwrap();
    assert_eq!(doc.text(), SEED, "the text is never altered");
    assert_eq!(doc.title_text(), expected["title"].as_str());

    let blocks: Vec<(&str, &str)> = doc
        .blocks()
        .iter()
        .map(|b| (b.kind.as_str(), doc.span_text(b.span)))
        .collect();
    let want = expected["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), want.len(), "{blocks:#?}");
    for ((kind, text), w) in blocks.iter().zip(want) {
        assert_eq!(*kind, w[0].as_str().unwrap(), "{text}");
        if let Some(t) = w[1].as_str() {
            assert_eq!(*text, t);
        }
    }
    let count = |k: BlockKind| doc.blocks().iter().filter(|b| b.kind == k).count();
    assert_eq!(count(BlockKind::Heading), 4);
    assert_eq!(count(BlockKind::Paragraph), 5);
    assert_eq!(count(BlockKind::ListItem), 2);

    let labels: Vec<&str> = doc
        .blocks()
        .iter()
        .filter_map(|b| b.label.map(|l| doc.span_text(l)))
        .collect();
    assert_eq!(labels, ["Hmeimim Airbase", "Tartous Naval Facility"]);

    let sentences: Vec<&str> = doc
        .sentences()
        .iter()
        .map(|s| doc.span_text(s.span))
        .collect();
    let want: Vec<&str> = expected["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(sentences, want);
    assert_eq!(sentences.len(), 18);
    // Each heading and the title is a sentence of its own.
    for s in doc.sentences() {
        let b = &doc.blocks()[s.block];
        if matches!(b.kind, BlockKind::Title | BlockKind::Heading) {
            assert_eq!(s.span, b.span);
        }
    }
}

#[test]
fn seed_json_offsets_are_code_points() {
    let doc = Pipeline::new().parse(SEED).unwrap();
    let v = informant::to_json(&doc, &informant::JsonOptions::with_tokens(true));
    let chars: Vec<char> = SEED.chars().collect();
    let slice = |s: &Value| -> String {
        let a = s["start"].as_u64().unwrap() as usize;
        let b = s["end"].as_u64().unwrap() as usize;
        chars[a..b].iter().collect()
    };
    for (s, json) in doc
        .sentences()
        .iter()
        .zip(v["sentences"].as_array().unwrap())
    {
        assert_eq!(slice(json), doc.span_text(s.span));
    }
    for (t, json) in doc.tokens().iter().zip(v["tokens"].as_array().unwrap()) {
        assert_eq!(slice(json), doc.span_text(t.span));
    }
}

/// The analyst's findings: every person, place, facility, organisation and
/// nationality with its type; the Assad mentions as one entity; six attributed claims.
#[test]
fn seed_extraction() {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let doc = Pipeline::new().extract(SEED).unwrap();
    doc.validate().unwrap();
    let found = |text: &str, ty: &str, subtype: Option<&str>| {
        doc.mentions().iter().any(|m| {
            // "the Middle East" and "The Kremlin" may keep their article.
            let t = doc.span_text(m.span);
            let t = t
                .strip_prefix("the ")
                .or_else(|| t.strip_prefix("The "))
                .unwrap_or(t);
            t == text
                && m.entity_type.as_str() == ty
                && (subtype.is_none() || m.subtype.as_deref() == subtype)
        })
    };
    let mut missing = Vec::new();
    for m in expected["mentions"].as_array().unwrap() {
        let (text, ty, sub) = (
            m[0].as_str().unwrap(),
            m[1].as_str().unwrap(),
            m[2].as_str(),
        );
        if !found(text, ty, sub) {
            missing.push(format!("{text} ({ty})"));
        }
    }
    assert!(missing.is_empty(), "not found: {missing:?}");

    let entity_of = |text: &str| -> Vec<usize> {
        doc.mentions()
            .iter()
            .filter(|m| doc.span_text(m.span) == text)
            .filter_map(|m| m.entity)
            .collect()
    };
    for group in expected["same_entity"].as_array().unwrap() {
        let ids: Vec<Vec<usize>> = group
            .as_array()
            .unwrap()
            .iter()
            .map(|t| entity_of(t.as_str().unwrap()))
            .collect();
        let first = ids[0][0];
        assert!(
            ids.iter().flatten().all(|&e| e == first),
            "{group} split over entities {ids:?}"
        );
    }
    let assad = &doc.entities()[entity_of("Assad")[0]];
    assert_eq!(assad.name, "Bashar al-Assad");
    assert_eq!(assad.entity_type.as_str(), "Person");

    let want = expected["attributions"].as_array().unwrap();
    let got: Vec<(&str, &str)> = doc
        .attributions()
        .iter()
        .map(|a| (doc.span_text(a.source), doc.span_text(a.claim)))
        .collect();
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for (w, (source, claim)) in want.iter().zip(&got) {
        assert_eq!(*source, w[0].as_str().unwrap());
        assert!(claim.starts_with(w[1].as_str().unwrap()), "{claim}");
    }
    // A source that links to an entity links to one that is mentioned in it.
    for a in doc.attributions() {
        if let Some(e) = a.source_entity {
            let mentioned = doc.entities()[e]
                .mentions
                .iter()
                .any(|&m| doc.mentions()[m].span.overlaps(a.source));
            assert!(
                mentioned,
                "{} links to {}",
                doc.span_text(a.source),
                doc.entities()[e].name
            );
        }
    }
}

/// The seed's time expressions carry their TIMEX3 type and value (`recently`: DATE
/// PAST_REF, which needs no document date), with or without a date given.
#[test]
fn seed_time_expressions_carry_values() {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let want = expected["timexes"].as_array().unwrap();
    assert!(!want.is_empty());
    let mut doc = Pipeline::new().extract(SEED).unwrap();
    assert_eq!(doc.date(), None, "the seed gives no date of its own");
    for date in [None, Some("2024-12-09".parse().unwrap())] {
        doc.set_date(date);
        for w in want {
            let (text, ty, value) = (
                w[0].as_str().unwrap(),
                w[1].as_str().unwrap(),
                w[2].as_str().unwrap(),
            );
            let m = doc
                .mentions()
                .iter()
                .find(|m| m.entity_type == EntityType::Temporal && doc.span_text(m.span) == text)
                .unwrap_or_else(|| panic!("{text:?} is not a Temporal mention"));
            let t = m.timex.as_ref().unwrap();
            assert_eq!(t.timex_type.as_str(), ty, "{text}");
            assert_eq!(t.value.as_deref(), Some(value), "{text}");
        }
        // Every time expression found has a type and, in this text, a value.
        for m in doc.mentions() {
            if m.entity_type == EntityType::Temporal {
                let t = m.timex.as_ref().unwrap();
                assert!(t.value.is_some(), "{} has no value", doc.span_text(m.span));
            } else {
                assert!(m.timex.is_none());
            }
        }
    }
    let v = informant::to_json(&doc, &informant::JsonOptions::default());
    assert_eq!(v["date"], "2024-12-09");
    let recently = v["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "recently")
        .unwrap();
    assert_eq!(recently["timex_type"], "DATE");
    assert_eq!(recently["value"], "PAST_REF");
}

#[test]
fn attribution_links_named_sources() {
    let text = "Gen. Joseph Votel said the strikes would continue. \
                According to the Kremlin, the base is secure. \
                The offensive will fail, Assad told reporters.";
    let doc = Pipeline::new().extract(text).unwrap();
    let got: Vec<(&str, &str, Option<&str>)> = doc
        .attributions()
        .iter()
        .map(|a| {
            let entity = a.source_entity.map(|e| doc.entities()[e].name.as_str());
            (doc.span_text(a.source), doc.span_text(a.claim), entity)
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Gen. Joseph Votel",
                "the strikes would continue",
                Some("Joseph Votel")
            ),
            ("the Kremlin", "the base is secure", Some("Kremlin")),
            ("Assad", "The offensive will fail", Some("Bashar al-Assad")),
        ]
    );
}

#[test]
fn pronouns_link_to_the_one_person_or_the_subject_named_just_before() {
    let text = "President Bashar al-Assad fled to Moscow. He was granted asylum. \
                Putin met Assad. He said nothing.";
    let doc = Pipeline::new().extract(text).unwrap();
    let entity_name = |surface: &str, nth: usize| {
        let m = doc
            .mentions()
            .iter()
            .filter(|m| doc.span_text(m.span) == surface)
            .nth(nth)
            .unwrap();
        doc.entities()[m.entity.unwrap()].name.clone()
    };
    // One person named in the sentence before: linked.
    assert_eq!(entity_name("He", 0), "Bashar al-Assad");
    // Two persons named just before: the subject of their sentence.
    assert_eq!(entity_name("He", 1), "Vladimir Putin");
    // Two persons, neither the subject: not linked to either.
    let text = "President Bashar al-Assad fled to Moscow. After the talks between Putin and \
                Assad ended, he said nothing.";
    let doc = Pipeline::new().extract(text).unwrap();
    let he = doc
        .mentions()
        .iter()
        .find(|m| doc.span_text(m.span) == "he")
        .unwrap();
    let name = &doc.entities()[he.entity.unwrap()].name;
    assert!(
        name != "Bashar al-Assad" && name != "Vladimir Putin",
        "{name}"
    );
}

#[test]
fn the_regime_joins_the_one_government_named() {
    let doc = Pipeline::new()
        .extract("The Kremlin backed the offensive. The regime denied it.")
        .unwrap();
    let regime = doc
        .mentions()
        .iter()
        .find(|m| doc.span_text(m.span) == "The regime")
        .unwrap();
    assert_eq!(doc.entities()[regime.entity.unwrap()].name, "Kremlin");
    // Two governments named: no guess.
    let doc = Pipeline::new()
        .extract("The Kremlin and the White House met. The regime denied it.")
        .unwrap();
    if let Some(r) = doc
        .mentions()
        .iter()
        .find(|m| doc.span_text(m.span) == "The regime")
    {
        let name = &doc.entities()[r.entity.unwrap()].name;
        assert!(name != "Kremlin" && name != "White House", "{name}");
    }
}
