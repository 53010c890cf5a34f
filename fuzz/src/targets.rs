//! What each fuzz target does with its input, and the invariants it checks.
//!
//! The same functions run under libFuzzer (`fuzz/fuzz_targets/*.rs`, nightly)
//! and on stable in the test suite, which replays the committed seed corpus
//! and every past finding (`crates/informant/tests/fuzz_replay.rs`). A broken
//! invariant panics: that is what libFuzzer reports as a crash.

use std::sync::OnceLock;

use informant::recognise::{
    ContextRules, Gazetteer, GazetteerRecogniser, PatternRecogniser, Tagger,
};
use informant::{Document, Format, InputFormat, Pipeline, Span, Token};

/// A fuzz target: takes any bytes, panics only when an invariant breaks.
pub type Target = fn(&[u8]);

/// Every fuzz target, by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("parse_text", parse_text),
    ("parse_markdown", parse_markdown),
    ("parse_html", parse_html),
    ("parse_auto", parse_auto),
    ("sentences", sentences),
    ("tokens", tokens),
    ("patterns", patterns),
    ("gazetteer", gazetteer),
    ("rules", rules),
    ("tagger", tagger),
    ("pipeline", pipeline),
    ("user_gazetteer", user_gazetteer),
    ("from_json", from_json),
];

/// Inputs larger than this are cut: libFuzzer's own limit is set lower, and the
/// replay test must stay fast on big seed files.
const MAX_INPUT: usize = 1 << 20;

fn clip(data: &[u8]) -> &[u8] {
    &data[..data.len().min(MAX_INPUT)]
}

/// Builds a pipeline once per process (the gazetteer and model load once).
macro_rules! pipeline {
    ($build:expr) => {{
        static P: OnceLock<Pipeline> = OnceLock::new();
        P.get_or_init(|| $build.build().expect("the built-in pipeline builds"))
    }};
}

/// A builder with every recogniser and later stage off: the parsers alone.
fn bare(format: InputFormat) -> informant::PipelineBuilder {
    Pipeline::builder()
        .input_format(format)
        .patterns(false)
        .builtin_gazetteer(false)
        .rules(false)
        .tagger(false)
        .resolve(false)
        .attribute(false)
}

/// The invariants of a document the pipeline made from `input`: those of any
/// document ([`round_trip`]), and what the pipeline promises besides.
fn check(doc: &Document, input: Option<&str>) {
    round_trip(doc);
    // The text is never altered (an HTML page's text is its extracted article).
    if let Some(input) = input {
        if doc.format() != Format::Html {
            assert_eq!(doc.text(), input, "the parser altered the text");
        }
    }
    for m in doc.mentions() {
        assert!(!m.span.is_empty(), "empty mention {:?}", m.span);
        assert!(
            doc.blocks().iter().any(|b| b.span.contains(m.span)),
            "mention {:?} crosses a block boundary",
            m.span
        );
        assert!(
            (0.0..=1.0).contains(&m.confidence),
            "confidence {}",
            m.confidence
        );
        check_attributes(&m.attributes);
    }
    // That each listed mention names its entity back, `validate` checked.
    for e in doc.entities() {
        assert!(!e.mentions.is_empty(), "entity {} has no mentions", e.id);
    }
}

/// What the pattern recognisers compute must make sense: positions on the
/// globe, positive frequencies and amounts, ISO dates that exist.
fn check_attributes(a: &informant::Attributes) {
    let number = |k: &str| a.get(k).map(|v| v.as_f64().unwrap_or(f64::NAN));
    if let Some(lat) = number("lat") {
        assert!((-90.0..=90.0).contains(&lat), "latitude {lat}");
    }
    if let Some(lon) = number("lon") {
        assert!((-180.0..=180.0).contains(&lon), "longitude {lon}");
    }
    if let Some(hz) = number("hz") {
        assert!(hz.is_finite() && hz > 0.0, "frequency {hz} Hz");
    }
    if let Some(amount) = number("amount") {
        assert!(amount.is_finite() && amount >= 0.0, "amount {amount}");
    }
    if let Some(iso) = a.get("iso").and_then(|v| v.as_str()) {
        for part in iso.split('/') {
            assert!(iso_part_is_valid(part), "ISO value {iso:?}");
        }
    }
}

/// A calendar date, month or year (`2024-02-29`, `2024-02`, `2024`, `-0574`,
/// or a decade or century prefix like `199`), a time (`T10:30`, `T10:30:15`), a
/// date and time, or a duration (`P18M`); whatever has a month or day must exist.
fn iso_part_is_valid(part: &str) -> bool {
    if part.starts_with('P') {
        return part.len() > 1;
    }
    let (date, time) = match part.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (part, None),
    };
    // Years before the common era carry a sign (`-0574`).
    let date = date.strip_prefix('-').unwrap_or(date);
    let num = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let date_ok = match date.split('-').collect::<Vec<_>>()[..] {
        [""] => time.is_some(),
        [y] => !y.is_empty() && y.len() <= 4 && num(y).is_some(),
        [y, m] => y.len() == 4 && num(y).is_some() && num(m).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => match (num(y), num(m), num(d)) {
            (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => {
                let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
                let days = [
                    31,
                    if leap { 29 } else { 28 },
                    31,
                    30,
                    31,
                    30,
                    31,
                    31,
                    30,
                    31,
                    30,
                    31,
                ];
                d >= 1 && d <= days[m as usize - 1]
            }
            _ => false,
        },
        _ => false,
    };
    let time_ok = time.is_none_or(|t| {
        let t = t.trim_end_matches('Z');
        match t.split(':').map(num).collect::<Vec<_>>()[..] {
            [Some(h), Some(m)] => h <= 24 && m < 60,
            [Some(h), Some(m), Some(s)] => h <= 24 && m < 60 && s <= 60,
            _ => false,
        }
    });
    date_ok && time_ok
}

/// The invariants of any document, however made ([`Document::validate`]), and
/// the JSON contract's promise: the JSON of a document reads back the same.
fn round_trip(doc: &Document) {
    if let Err(e) = doc.validate() {
        panic!("invalid document: {e}");
    }
    // The JSON contract (code points) reads back to the same document.
    let json = match serde_json::to_string(doc) {
        Ok(json) => json,
        Err(e) => panic!("a document failed to serialise: {e}"),
    };
    match informant::from_json(&json) {
        Ok(back) => {
            assert_eq!(back.text(), doc.text());
            assert_eq!(back.blocks(), doc.blocks());
            assert_eq!(back.sentences(), doc.sentences());
            assert_eq!(back.tokens(), doc.tokens());
            let spans = |d: &Document| d.mentions().iter().map(|m| m.span).collect::<Vec<_>>();
            assert_eq!(spans(&back), spans(doc));
            assert_eq!(back.attributions(), doc.attributions());
        }
        Err(e) => panic!("the JSON of a document did not read back: {e}"),
    }
}

fn parse_with(p: &Pipeline, data: &[u8], extract: bool) {
    let data = clip(data);
    let result = if extract {
        p.extract_bytes(data)
    } else {
        p.parse_bytes(data)
    };
    match result {
        Ok(doc) => check(&doc, std::str::from_utf8(data).ok()),
        // Errors are fine (invalid UTF-8, binary given as HTML); panics are not.
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// The plain-text parser, sentence splitter and tokenizer.
pub fn parse_text(data: &[u8]) {
    parse_with(
        pipeline!(bare(InputFormat::Fixed(Format::Text))),
        data,
        false,
    );
}

/// The Markdown parser (pulldown-cmark, spans mapped back to the source).
pub fn parse_markdown(data: &[u8]) {
    parse_with(
        pipeline!(bare(InputFormat::Fixed(Format::Markdown))),
        data,
        false,
    );
}

/// The HTML reader: charset sniffing, html5ever, article scoring, metadata.
pub fn parse_html(data: &[u8]) {
    parse_with(
        pipeline!(bare(InputFormat::Fixed(Format::Html))),
        data,
        false,
    );
}

/// Format detection, then whichever parser it picks.
pub fn parse_auto(data: &[u8]) {
    let text = String::from_utf8_lossy(clip(data));
    let _ = informant::detect_format(&text);
    parse_with(pipeline!(bare(InputFormat::Auto)), data, false);
}

/// The text, always valid UTF-8 so the stages after the parser are reached.
fn lossy(data: &[u8]) -> String {
    String::from_utf8_lossy(clip(data)).into_owned()
}

/// A sub-range of `text` chosen by the input's first bytes, on char boundaries.
fn sub_span(text: &str, data: &[u8]) -> Span {
    let pick = |b: Option<&u8>| b.map_or(0, |&b| usize::from(b) * text.len() / 255);
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (
        floor(pick(data.first()).min(text.len())),
        floor(text.len() - pick(data.get(1)).min(text.len())),
    );
    if a <= b {
        Span::new(a, b)
    } else {
        Span::new(b, a)
    }
}

fn assert_ordered(text: &str, within: Span, spans: &[Span], what: &str) {
    let mut prev = within.start;
    for &s in spans {
        assert!(
            s.start >= prev && s.start < s.end,
            "{what} {s:?} empty or out of order"
        );
        assert!(within.contains(s), "{what} {s:?} outside {within:?}");
        assert!(
            s.slice(text).is_some(),
            "{what} {s:?} not on char boundaries"
        );
        prev = s.end;
    }
}

/// The sentence splitter, on the whole text and on a sub-range.
pub fn sentences(data: &[u8]) {
    let text = lossy(data);
    for span in [Span::new(0, text.len()), sub_span(&text, data)] {
        let out = informant::split_sentences(&text, span);
        assert_ordered(&text, span, &out, "sentence");
        for s in &out {
            let t = s.slice(&text).unwrap_or_default();
            assert!(
                !t.starts_with(informant::is_space) && !t.ends_with(informant::is_space),
                "sentence {s:?} has untrimmed spaces"
            );
        }
        assert_eq!(
            out,
            informant::split_sentences(&text, span),
            "not deterministic"
        );
    }
}

/// The tokenizer, on the whole text and on a sub-range.
pub fn tokens(data: &[u8]) {
    let text = lossy(data);
    for span in [Span::new(0, text.len()), sub_span(&text, data)] {
        let mut out: Vec<Token> = Vec::new();
        informant::tokenize(&text, span, &mut out);
        let spans: Vec<Span> = out.iter().map(|t| t.span).collect();
        assert_ordered(&text, span, &spans, "token");
        for s in &spans {
            let t = s.slice(&text).unwrap_or_default();
            assert!(
                !t.chars().all(informant::is_space),
                "whitespace token {s:?}"
            );
        }
    }
}

fn one_recogniser(p: &Pipeline, data: &[u8]) {
    let text = lossy(data);
    match p.extract(&text) {
        Ok(doc) => check(&doc, Some(&text)),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// The pattern recognisers alone (dates, money, quantities, coordinates, ...).
pub fn patterns(data: &[u8]) {
    one_recogniser(
        pipeline!(bare(InputFormat::Fixed(Format::Text)).recogniser(PatternRecogniser::new())),
        data,
    );
}

fn builtin() -> Gazetteer {
    Gazetteer::builtin().expect("the built-in gazetteer loads")
}

/// The built-in gazetteer alone.
pub fn gazetteer(data: &[u8]) {
    one_recogniser(
        pipeline!(
            bare(InputFormat::Fixed(Format::Text)).recogniser(GazetteerRecogniser::new(builtin()))
        ),
        data,
    );
}

/// The context rules alone (title, organisation, facility and place cues).
pub fn rules(data: &[u8]) {
    one_recogniser(
        pipeline!(bare(InputFormat::Fixed(Format::Text)).recogniser(ContextRules::new(&builtin()))),
        data,
    );
}

/// The trained tagger alone.
pub fn tagger(data: &[u8]) {
    one_recogniser(
        pipeline!(
            bare(InputFormat::Fixed(Format::Text))
                .recogniser(Tagger::builtin().expect("the model is embedded"))
        ),
        data,
    );
}

/// The whole default pipeline (every recogniser, merge, resolution,
/// attribution) with the format detected, run twice: it must be deterministic.
pub fn pipeline(data: &[u8]) {
    let p = pipeline!(Pipeline::builder());
    let data = clip(data);
    match p.extract_bytes(data) {
        Ok(doc) => {
            check(&doc, std::str::from_utf8(data).ok());
            assert!(
                p.extract_bytes(data).is_ok_and(|again| again == doc),
                "not deterministic"
            );
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// A user gazetteer file (CSV, TSV, JSON or JSONL, chosen by the first byte),
/// then the recogniser it builds run over the rest of the input as text.
pub fn user_gazetteer(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = ["user.csv", "user.tsv", "user.json", "user.jsonl"][usize::from(first % 4)];
    let content = lossy(rest);
    let built = Gazetteer::builder()
        .add_source(name, &content)
        .and_then(informant::recognise::GazetteerBuilder::build);
    let Ok(g) = built else { return };
    let found = g.find(&content);
    let spans: Vec<Span> = found.iter().map(|&(s, _)| s).collect();
    assert_ordered(
        &content,
        Span::new(0, content.len()),
        &spans,
        "gazetteer match",
    );
    assert!(
        found.iter().all(|&(_, i)| i < g.len()),
        "entry index out of range"
    );
    if let Ok(p) = bare(InputFormat::Fixed(Format::Text))
        .recogniser(GazetteerRecogniser::new(g))
        .build()
    {
        if let Ok(doc) = p.extract(&content) {
            check(&doc, Some(&content));
        }
    }
}

/// The JSON reader: whatever it accepts is a valid document that writes back
/// to JSON that reads back the same. (Hand-made JSON need not keep what only
/// the pipeline promises, such as mentions inside blocks: gold annotations
/// often come as text and mentions alone.)
pub fn from_json(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(clip(data)) else {
        return;
    };
    match informant::from_json(json) {
        Ok(doc) => round_trip(&doc),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}
