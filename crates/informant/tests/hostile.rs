//! Hostile and pathological input: every case ends with a valid document or a
//! clear error, never a panic, a hang or a span outside the text.
//!
//! Sizes follow the issue that asked for them (50 MB line, 5 MB token, a million
//! dots, 100,000 bullets, Markdown nested 50,000 deep). They run in release mode
//! in `tests/run.sh`; a debug build divides the big sizes by 10 to stay quick.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.

use informant::{Error, Format, InputFormat, Pipeline};

/// Scale for the big inputs: full size in release, a tenth in debug builds.
const SCALE: usize = if cfg!(debug_assertions) { 10 } else { 1 };

fn check(name: &str, text: &str) {
    // The default pipeline extracts everything; Markdown is parsed too, since its parser differs.
    let markdown = Pipeline::builder()
        .input_format(InputFormat::Fixed(Format::Markdown))
        .build()
        .unwrap();
    let docs = [Pipeline::new().extract(text), markdown.parse(text)];
    for doc in docs {
        let doc = doc.unwrap_or_else(|e| panic!("{name}: {e}"));
        doc.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.text(), text, "{name}: the text is never altered");
        for s in doc.sentences() {
            assert!(
                doc.blocks()[s.block].span.contains(s.span),
                "{name}: sentence outside its block"
            );
        }
        // Tokens lie inside sentences.
        let mut si = 0;
        for t in doc.tokens() {
            while si < doc.sentences().len() && doc.sentences()[si].span.end <= t.span.start {
                si += 1;
            }
            assert!(
                doc.sentences()
                    .get(si)
                    .is_some_and(|s| s.span.contains(t.span)),
                "{name}: token outside sentences"
            );
        }
        // The JSON round trip keeps every span.
        let json = serde_json::to_string(&doc).unwrap();
        let back: informant::Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back.sentences(), doc.sentences(), "{name}");
        assert_eq!(back.mentions().len(), doc.mentions().len(), "{name}");
    }
}

#[test]
fn empty_and_blank() {
    for t in [
        "",
        " ",
        "\n\n\n",
        "\t \u{00A0}\u{200B}\u{FEFF}\r\n",
        "\u{FEFF}",
    ] {
        check("blank", t);
    }
    let doc = Pipeline::new().extract("").unwrap();
    assert!(doc.blocks().is_empty() && doc.sentences().is_empty() && doc.mentions().is_empty());
}

#[test]
fn invalid_utf8_names_the_byte() {
    let e = Pipeline::new()
        .parse_bytes(b"Assad \xF0\x28\x8C\x28 fled")
        .unwrap_err();
    assert!(matches!(e, Error::InvalidUtf8 { position: 6 }), "{e}");
    assert_eq!(e.to_string(), "invalid UTF-8 at byte 6");
}

#[test]
fn nul_bytes_and_controls() {
    check(
        "nul",
        "Assad\0fled\0\0to Moscow.\u{0007}\u{001B}[31m red \u{0008}",
    );
    check("only nul", &"\0".repeat(10_000));
}

#[test]
fn one_huge_line() {
    let sentence =
        "Russian jets struck targets near Idlib on 8 December 2024, killing 18,000 people. ";
    let text = sentence.repeat(50_000_000 / SCALE / sentence.len());
    check("50 MB line", &text);
}

#[test]
fn one_huge_token() {
    check("5 MB token", &"A".repeat(5_000_000 / SCALE));
    check("5 MB hyphenated", &"al-".repeat(5_000_000 / SCALE / 3));
    check("5 MB digits", &"9".repeat(5_000_000 / SCALE));
}

#[test]
fn a_million_dots() {
    check("dots", &".".repeat(1_000_000 / SCALE));
    check("dot-space", &". ".repeat(1_000_000 / SCALE));
    check("initials", &"A. ".repeat(1_000_000 / SCALE));
}

#[test]
fn a_hundred_thousand_bullets() {
    check(
        "bullets",
        &"• Hmeimim Airbase: item\n".repeat(100_000 / SCALE),
    );
    check("numbered", &"1. x\n".repeat(100_000 / SCALE));
}

#[test]
fn deep_markdown() {
    let n = 50_000 / SCALE;
    check("quotes", &format!("{}deep", "> ".repeat(n)));
    check(
        "lists",
        &(0..n)
            .map(|i| format!("{}- x\n", "  ".repeat(i % 200)))
            .collect::<String>(),
    );
    check("brackets", &format!("{}x{}", "[".repeat(n), "]".repeat(n)));
    check("emphasis", &format!("{}x{}", "*".repeat(n), "*".repeat(n)));
}

#[test]
fn right_to_left_and_bidi() {
    check(
        "arabic",
        "قال الرئيس بشار الأسد إن الجيش السوري سيستعيد إدلب. وأكدت روسيا ذلك.",
    );
    check("mixed", "Assad (بشار الأسد) met Putin (Путин) in Moscow.");
    check(
        "bidi controls",
        "\u{202E}Assad\u{202C} \u{2066}Moscow\u{2069} \u{200F}x\u{200E}y",
    );
}

#[test]
fn emoji_and_combining_marks() {
    check(
        "emoji",
        "👩‍👩‍👧 family 🇸🇾🇷🇺 flags 👍🏽 skin. Putin’s 🚀 rockets hit.",
    );
    check("combining", &"e\u{0301}\u{0302}\u{0303}".repeat(10_000));
    check(
        "zalgo",
        &"A\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}\u{0305} ".repeat(10_000),
    );
}

#[test]
fn binary_junk() {
    // Deterministic pseudo-random bytes, read lossily as an analyst's tool would.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..2_000_000 / SCALE)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    assert!(Pipeline::new().parse_bytes(&bytes).is_err());
    check("junk", &String::from_utf8_lossy(&bytes));
}

#[test]
fn size_limit_is_an_error() {
    let p = Pipeline::builder().max_bytes(10).build().unwrap();
    let e = p
        .extract("This text is longer than ten bytes.")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "document of 35 bytes exceeds the limit of 10 bytes"
    );
}
