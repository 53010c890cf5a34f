//! Golden test: the seed document's structure, as written by hand in
//! `seeds/assad-asylum-russia.expected.json`.

use informant::{BlockKind, Pipeline};
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
