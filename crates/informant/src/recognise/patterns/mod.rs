//! The pattern recogniser: regular expressions for the entity types whose
//! surface form is regular enough to match without a model or a gazetteer.
//!
//! | type | examples | submodule |
//! |---|---|---|
//! | Temporal | `8 December 2024`, `Dec. 8`, `mid-2016`, `14:00 GMT`, `the past 20-plus months`, `2011–2014` | `temporal` |
//! | Money | `US$1.2 billion`, `£300m`, `5 million euros` | `numeric` |
//! | Quantity | `18,000 square kilometers`, `40 percent`, `34`, `three`, `tens of thousands` | `numeric` |
//! | Frequency | `145.500 MHz`, `7.2 GHz` | `numeric` |
//! | Coordinate | `34.889°N 35.886°E`, `35°24′04″N 35°56′55″E`, `37S BU 12345 67890` | `geo` |
//! | CommsIdentifier | `press@example.org`, `+44 20 7946 0958`, `(202) 555-0143`, `@CENTCOM` | `comms` |
//! | Url | `https://example.org/a`, `www.example.com/path` | `comms` |
//! | DocumentReference | `UN Security Council Resolution 2254`, `Executive Order 13894`, `S/2018/1040` | `comms` |
//!
//! # Span conventions
//! They follow the re3d annotations an analyst would make: a mention covers the
//! expression itself, not the preposition before it (`on [8 December 2024]`),
//! and not a vague modifier before a number (`more than [$4 million]`,
//! `about [300 square miles]`); the modifier is kept in the `modifier`
//! attribute instead. A count covers the number only (`[34] strikes`), a
//! measure the number and its unit (`[18,000 square kilometers]`). Relative
//! expressions keep their determiner (`[the past 24 hours]`, `[last year]`).
//! A range is one mention (`[October 25-26, 2016]`, `[from 2011 to 2014]`):
//! here the connective words belong to the expression, unlike a lone preposition.
//!
//! Deliberately not recognised: `soon`, `now` and similar adverbs (they anchor
//! nothing an analyst can put on a timeline; `recently` is the exception, as
//! TimeML marks it, value `PAST_REF`); band names such as
//! `VHF` without a number (a band, not a frequency); the articles `a`/`an` as
//! counts; ordinals (`1st Class`, `93rd`), which re3d marks only now and then.
//!
//! # Overlaps
//! Within one block every family proposes candidates; the longest candidate
//! wins, ties go to the more specific family (URL and e-mail over phone, date
//! over year over count). So `Resolution 2254 (2015)` is one document
//! reference, not a reference plus a year, and `$5 million` is money, not a
//! quantity. The only exception is a numeric duration (`24 hours`), which
//! re3d marks both as Temporal and as Quantity, so both mentions are emitted.
//!
//! # Confidence
//! Each pattern has a fixed confidence reflecting how often its matches are
//! right in news text: 0.95 for e-mail, URLs and full dates, about 0.9 for
//! money with a currency and unambiguous coordinates, 0.7–0.8 for years and
//! measures, 0.6 for bare counts and 0.5 for bare number words and vague
//! relative expressions. User patterns get 0.9.
//!
//! # Normalisation (attributes)
//! Temporal: `iso` when the value is determined (`2024-12-08`, `2011-03`,
//! `2011`, `P18M`, `2011/2014`, `T14:00`), plus `month`/`day` when the year is
//! unknown. Money: `currency` (ISO 4217) and `amount`. Quantity: `value` and
//! `unit`. Frequency: `hz`. Coordinate: `lat`/`lon` (and `mgrs`/`utm`).

mod comms;
mod geo;
pub(crate) mod numeric;
mod temporal;

pub(crate) use numeric::word_value;
pub(crate) use temporal::{duration_unit, month_num};

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Attributes, Document, EntityType, Mention, MentionKind};
use crate::error::{Error, Result};
use crate::recognise::Recogniser;
use crate::span::Span;

/// A candidate mention inside one block, before overlaps are resolved.
///
/// Offsets are relative to the block text.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub ty: EntityType,
    pub subtype: Option<Cow<'static, str>>,
    pub confidence: f32,
    /// Breaks ties between candidates of the same length (higher wins).
    pub prio: u8,
    pub attrs: Attributes,
    /// A second mention emitted with this one if it wins: re3d marks the
    /// numeric duration in `the past [24 hours]` also as a Quantity.
    pub also: Option<(usize, usize, EntityType)>,
}

impl Cand {
    /// A candidate with no attributes.
    pub fn new(start: usize, end: usize, ty: EntityType, confidence: f32, prio: u8) -> Self {
        Cand {
            start,
            end,
            ty,
            subtype: None,
            confidence,
            prio,
            attrs: Attributes::new(),
            also: None,
        }
    }

    /// Builder-style subtype.
    pub fn sub(mut self, s: &'static str) -> Self {
        self.subtype = Some(Cow::Borrowed(s));
        self
    }

    /// Builder-style attribute.
    pub fn attr(mut self, k: &str, v: impl Into<serde_json::Value>) -> Self {
        self.attrs.insert(k.to_owned(), v.into());
        self
    }
}

/// Compiles a built-in pattern.
///
/// `\b` becomes an ASCII word boundary and `\d` an ASCII digit: a Unicode `\b`
/// stops the regex crate's DFA on non-ASCII text (and curly quotes are
/// everywhere in news), which would cost an order of magnitude in speed, and
/// Unicode digits (Arabic-Indic, ...) would not parse as numbers anyway.
pub(crate) fn compile(pattern: &str) -> Regex {
    let p = pattern.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]");
    // Built-in patterns are constants covered by the unit tests: a failure here
    // is a programming error, never a consequence of the input text.
    #[allow(clippy::expect_used)]
    Regex::new(&p).expect("built-in pattern compiles")
}

/// A user-supplied pattern; see [`PatternRecogniser::with_pattern`].
#[derive(Debug, Clone)]
struct UserPattern {
    entity_type: EntityType,
    subtype: Option<String>,
    regex: Regex,
}

/// Recognises Temporal, Money, Quantity, Coordinate, CommsIdentifier,
/// Frequency, Url and DocumentReference mentions with regular expressions.
///
/// The built-in patterns are compiled once per process, so constructing a
/// recogniser is cheap. All patterns run in linear time, each block of the
/// document separately, so no mention crosses a block boundary. See the
/// [module documentation](self) for span conventions, confidences and attributes.
///
/// # Example
/// ```
/// use informant::EntityType;
/// use informant::recognise::{PatternRecogniser, Recogniser};
///
/// let doc = informant::parse("On 8 December 2024, the UK pledged £300m.")?;
/// let mut out = Vec::new();
/// PatternRecogniser::new().recognise(&doc, &mut out);
/// let found: Vec<(&str, EntityType)> =
///     out.iter().map(|m| (doc.span_text(m.span), m.entity_type)).collect();
/// assert_eq!(found, [("8 December 2024", EntityType::Temporal), ("£300m", EntityType::Money)]);
/// assert_eq!(out[0].attributes["iso"], "2024-12-08");
/// # Ok::<(), informant::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct PatternRecogniser {
    user: Vec<UserPattern>,
    builtin: bool,
}

impl Default for PatternRecogniser {
    fn default() -> Self {
        PatternRecogniser::new()
    }
}

impl PatternRecogniser {
    /// A recogniser with the built-in patterns only.
    pub fn new() -> Self {
        // Touch the shared compiled patterns so their cost is paid here, once
        // per process, rather than inside the first `recognise` call.
        temporal::force();
        numeric::force();
        geo::force();
        comms::force();
        LazyLock::force(&MODIFIER);
        PatternRecogniser {
            user: Vec::new(),
            builtin: true,
        }
    }

    /// A recogniser with no built-in pattern, for user patterns only
    /// ([`PatternRecogniser::with_pattern`]).
    pub fn user_only() -> Self {
        PatternRecogniser {
            user: Vec::new(),
            builtin: false,
        }
    }

    /// Adds a user pattern: every match becomes a mention of `entity_type`
    /// (with `subtype`), confidence 0.9.
    ///
    /// User patterns take part in overlap resolution like the built-in ones,
    /// winning ties. Matches are searched within each block.
    ///
    /// # Errors
    /// [`Error::Pattern`] when `pattern` is not a valid regular expression.
    ///
    /// # Example
    /// ```
    /// use informant::EntityType;
    /// use informant::recognise::{PatternRecogniser, Recogniser};
    ///
    /// let r = PatternRecogniser::new().with_pattern(
    ///     EntityType::MilitaryPlatform, Some("ship".into()), r"\bDDG-\d+\b")?;
    /// let doc = informant::parse("USS Carney (DDG-64) fired.")?;
    /// let mut out = Vec::new();
    /// r.recognise(&doc, &mut out);
    /// assert_eq!(doc.span_text(out[0].span), "DDG-64");
    /// assert!(PatternRecogniser::new().with_pattern(EntityType::Url, None, "(").is_err());
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn with_pattern(
        mut self,
        entity_type: EntityType,
        subtype: Option<String>,
        pattern: &str,
    ) -> Result<Self> {
        let regex = Regex::new(pattern).map_err(|e| Error::Pattern {
            pattern: pattern.to_owned(),
            message: e.to_string(),
        })?;
        self.user.push(UserPattern {
            entity_type,
            subtype,
            regex,
        });
        Ok(self)
    }

    /// Finds the candidates of one block (offsets relative to `text`), overlaps resolved.
    fn block_candidates(&self, text: &str) -> Vec<Cand> {
        let mut cands = Vec::new();
        if self.builtin {
            comms::find(text, &mut cands);
            geo::find(text, &mut cands);
            numeric::find(text, &mut cands);
            temporal::find(text, &mut cands);
        }
        for u in &self.user {
            for m in u.regex.find_iter(text) {
                if m.is_empty() {
                    continue;
                }
                let mut c = Cand::new(m.start(), m.end(), u.entity_type, 0.9, u8::MAX);
                c.subtype = u.subtype.clone().map(Cow::Owned);
                cands.push(c);
            }
        }
        resolve(cands)
    }
}

/// Keeps the longest candidates that do not overlap, ties to higher priority.
fn resolve(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.retain(|c| c.start < c.end);
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.prio.cmp(&a.prio))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans by start; since kept spans never overlap, only the one
    // starting last before a candidate's end can overlap it.
    let mut kept: BTreeMap<usize, Cand> = BTreeMap::new();
    for c in cands {
        let clash = kept
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > c.start);
        if !clash {
            kept.insert(c.start, c);
        }
    }
    kept.into_values().collect()
}

impl Recogniser for PatternRecogniser {
    fn name(&self) -> &str {
        "pattern"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        let text = doc.text();
        // Like every recogniser, only inside blocks: text outside them (a code
        // fence's info string, markup) is not part of the document's content.
        for span in doc.blocks().iter().map(|b| b.span) {
            let Some(block) = span.slice(text) else {
                continue;
            };
            for c in self.block_candidates(block) {
                let s = Span::new(span.start + c.start, span.start + c.end);
                // Every candidate comes from regex match or capture bounds,
                // which lie on char boundaries; check anyway rather than emit
                // a span the document would reject.
                if s.slice(text).is_none() {
                    continue;
                }
                let mention = Mention {
                    entry: None,
                    timex: None,
                    span: s,
                    entity_type: c.ty,
                    kind: MentionKind::default_for(c.ty),
                    subtype: c.subtype.map(Cow::into_owned),
                    confidence: c.confidence,
                    recogniser: "pattern".into(),
                    entity: None,
                    attributes: c.attrs,
                };
                let twin = c.also.map(|(a, b, ty)| Mention {
                    entry: None,
                    timex: None,
                    span: Span::new(span.start + a, span.start + b),
                    entity_type: ty,
                    kind: MentionKind::default_for(ty),
                    subtype: None,
                    attributes: Attributes::new(),
                    ..mention.clone()
                });
                out.push(mention);
                out.extend(twin.filter(|t| t.span.slice(text).is_some()));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Small text helpers shared by the families.

/// The char before byte `i`, if any.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The char at byte `i`, if any.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The word (letters, digits, `.`, `'`) ending just before byte `i`, skipping spaces.
pub(crate) fn word_before(text: &str, i: usize) -> &str {
    let Some(head) = text.get(..i) else {
        return "";
    };
    let head = head.trim_end_matches(crate::span::is_space);
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '-'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    &head[start..]
}

/// True when byte `i` starts a sentence: block start, or after `.`/`!`/`?`/`:` and space.
pub(crate) fn at_sentence_start(text: &str, i: usize) -> bool {
    let Some(head) = text.get(..i) else {
        return false;
    };
    let head = head.trim_end_matches(|c: char| {
        crate::span::is_space(c) || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '•' | '-' | '*')
    });
    head.is_empty() || head.ends_with(['.', '!', '?', ':', ';', '\n'])
}

/// Parses a decimal number with optional thousands commas.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let clean: String = s.chars().filter(|&c| c != ',').collect();
    clean.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Modifier words that may precede a number; kept as an attribute, not in the span.
pub(crate) static MODIFIER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(more than|less than|fewer than|over|under|about|around|approximately|roughly|nearly|almost|at least|at most|up to|some|an estimated|an additional|as many as|as much as|close to)\s*$",
    )
});

/// The modifier right before byte `i` (`more than`, `about`, ...), if any.
pub(crate) fn modifier_before(text: &str, i: usize) -> Option<String> {
    let head = text
        .get(i.saturating_sub(24)..i)
        .or_else(|| text.get(..i))?;
    MODIFIER
        .captures(head)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_ascii_lowercase())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod test_util {
    use super::*;

    /// Runs the recogniser on `text`, returning (text, type, mention) triples.
    pub fn run(text: &str) -> Vec<(String, EntityType, Mention)> {
        let doc = crate::parse(text).expect("parses");
        let mut out = Vec::new();
        PatternRecogniser::new().recognise(&doc, &mut out);
        out.into_iter()
            .map(|m| (doc.span_text(m.span).to_owned(), m.entity_type, m))
            .collect()
    }

    /// The mentions of `ty` in `text`, as strings.
    pub fn texts(text: &str, ty: EntityType) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|(_, t, _)| *t == ty)
            .map(|(s, _, _)| s)
            .collect()
    }

    /// The single mention of `ty` whose text is `want`, or panics.
    pub fn find(text: &str, ty: EntityType, want: &str) -> Mention {
        let all = run(text);
        all.iter()
            .find(|(s, t, _)| *t == ty && s == want)
            .map(|(_, _, m)| m.clone())
            .unwrap_or_else(|| panic!("{want:?} as {ty} not in {text:?}: {all:?}"))
    }
}

#[cfg(test)]
// Tests may unwrap: a panic is a failed test.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::test_util::*;
    use super::*;

    #[test]
    fn user_pattern_and_errors() {
        let r = PatternRecogniser::new()
            .with_pattern(EntityType::Weapon, Some("missile".into()), r"\bSS-\d+\b")
            .unwrap();
        let doc = crate::parse("An SS-21 was fired.").unwrap();
        let mut out = Vec::new();
        r.recognise(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(doc.span_text(out[0].span), "SS-21");
        assert_eq!(out[0].subtype.as_deref(), Some("missile"));
        assert_eq!(r.name(), "pattern");
        let err = PatternRecogniser::new()
            .with_pattern(EntityType::Url, None, "a(")
            .unwrap_err();
        assert!(matches!(err, Error::Pattern { ref pattern, .. } if pattern == "a("));
    }

    #[test]
    fn construction_is_cheap() {
        let _ = PatternRecogniser::new();
        let t = std::time::Instant::now();
        for _ in 0..100 {
            let _ = PatternRecogniser::new();
        }
        assert!(t.elapsed().as_millis() < 20);
    }

    #[test]
    fn never_panics_and_spans_are_valid() {
        let inputs = [
            "",
            "€",
            "$",
            "£1",
            "1",
            "Dec.",
            "on 31 February 2024 at 25:99",
            "日本 2011年 ١٢٣ ‘2011’ “$5” 35°24′04″N",
            "+",
            "@",
            "http://",
            "37S",
            "x\u{200b}2011\u{a0}2012–",
            "99999999999999999999999999999999999999 billion dollars",
        ];
        for text in inputs {
            let doc = crate::parse(text).unwrap();
            let mut out = Vec::new();
            PatternRecogniser::new().recognise(&doc, &mut out);
            for m in &out {
                assert!(m.span.slice(text).is_some(), "{text:?} {m:?}");
            }
        }
    }

    #[test]
    fn no_mention_crosses_a_block() {
        let text = "It ended in March\n\n2011 was different.";
        for (s, _, _) in run(text) {
            assert!(!s.contains('\n'), "{s:?}");
        }
    }

    #[test]
    fn modifiers_are_attributes() {
        let m = find(
            "They seized more than $4 million.",
            EntityType::Money,
            "$4 million",
        );
        assert_eq!(m.attributes["modifier"], "more than");
    }
}
