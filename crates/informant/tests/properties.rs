//! Property tests for the invariants every document keeps, on generated text
//! mixing news prose, Markdown and HTML markup, scripts, emoji and control characters.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.

use informant::{Format, InputFormat, OffsetMap, Pipeline, Span};
use proptest::prelude::*;

/// Pieces that exercise every parser and recogniser when strung together.
const PIECES: &[&str] = &[
    "Syria’s President Bashar al-Assad",
    " fled to Moscow",
    ". ",
    "\n\n",
    "\n",
    "  • ",
    "- ",
    "1. ",
    "Hmeimim Airbase: ",
    "According to Russian news agencies, ",
    "he said",
    " on 8 December 2024",
    " $1.2 billion",
    " 18,000 square kilometers",
    " 35°24′04″N 35°56′55″E",
    " press@state.gov",
    " https://example.com/a?b=c",
    " U.S.",
    " Gen. Joseph Votel",
    " the Syrian army",
    "# ",
    "> ",
    "**",
    "[x](y)",
    "```",
    "|---|",
    "<p>",
    "</div>",
    "&amp;",
    "مرحبا",
    "Путин",
    "👩‍👩‍👧",
    "🇸🇾",
    "e\u{0301}",
    "\u{200B}",
    "\u{00A0}",
    "\u{FEFF}",
    "\u{202E}",
    "\r\n",
    "\t",
    "\0",
    "...",
    "…",
    "“",
    "”",
    "(",
    ")",
    "A. ",
    "'s",
    "al-",
    "?!",
    "Mr.",
    " ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..60)
        .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
}

fn input() -> impl Strategy<Value = InputFormat> {
    prop_oneof![
        Just(InputFormat::Auto),
        Just(InputFormat::Fixed(Format::Text)),
        Just(InputFormat::Fixed(Format::Markdown)),
        Just(InputFormat::Fixed(Format::Html)),
    ]
}

/// 256 cases per run, or `PROPTEST_CASES` (an explicit `cases` would override it).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn documents_keep_their_invariants(t in text(), format in input()) {
        let p = Pipeline::builder().input_format(format).build().unwrap();
        let doc = p.extract(&t).unwrap();
        // Spans in bounds and on char boundaries; blocks ordered; sentences in blocks.
        doc.validate().unwrap();
        // The text is never altered, except that an HTML page's text is its extracted article.
        if doc.format() != Format::Html {
            prop_assert_eq!(doc.text(), t.as_str());
        }
        let mut si = 0;
        for tok in doc.tokens() {
            while si < doc.sentences().len() && doc.sentences()[si].span.end <= tok.span.start {
                si += 1;
            }
            prop_assert!(doc.sentences().get(si).is_some_and(|s| s.span.contains(tok.span)));
        }
        for m in doc.mentions() {
            prop_assert!(doc.blocks().iter().any(|b| b.span.contains(m.span)));
            prop_assert!(m.entity.is_some_and(|e| e < doc.entities().len()));
        }
        // Deterministic.
        prop_assert_eq!(&p.extract(&t).unwrap(), &doc);
        // The JSON contract (code points) round-trips to the same bytes.
        let back: informant::Document = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        prop_assert_eq!(back.sentences(), doc.sentences());
        prop_assert_eq!(back.blocks(), doc.blocks());
        prop_assert_eq!(back.tokens(), doc.tokens());
        let spans: Vec<Span> = back.mentions().iter().map(|m| m.span).collect();
        let want: Vec<Span> = doc.mentions().iter().map(|m| m.span).collect();
        prop_assert_eq!(spans, want);
    }

    #[test]
    fn offsets_round_trip(t in text()) {
        let map = OffsetMap::new(&t);
        prop_assert_eq!(map.char_len(), t.chars().count());
        for (ci, (b, _)) in t.char_indices().enumerate() {
            prop_assert_eq!(map.to_char(b), ci);
            prop_assert_eq!(map.to_byte(ci), Some(b));
        }
    }
}
