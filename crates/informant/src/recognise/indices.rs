//! The market-index recogniser: stock-market indices by name (`the Dow Jones Industrial
//! Average`, `the FTSE 100`, `Japan's Nikkei 225`, `the Hang Seng index`), type
//! Financial, kind name, subtype `index`.
//!
//! The forms of `data/gazetteer/market_indices.tsv` (hand-written from general
//! knowledge), the longest first, each with the index's name as its `name` attribute,
//! so resolution links `the Dow` to `the Dow Jones Industrial Average` by exact name.
//! A following `index` or `Index` joins the name; a following capitalised word makes
//! it a longer name that is no index (`Dow Jones Newswires`, `Nasdaq Stock Market`), as
//! does `&` (`Dow Jones & Company`). `Dow` alone only after `the`. Runs after the
//! tagger (its output is no tagger feature). Cost: one look at each word, and a hash
//! look-up.

use std::sync::LazyLock;

use crate::document::{Document, EntityType, Mention, MentionKind, TokenKind};
use crate::recognise::Recogniser;
use crate::recognise::phrases::FastMap as HashMap;
use crate::span::Span;

const INDICES: &str = include_str!("../../data/gazetteer/market_indices.tsv");

/// Confidence of an index name: above the tagger's cap (0.8).
const CONFIDENCE: f32 = 0.85;

/// The leading run of letters and digits of a word (`S` of `S&P`, `FTSE` of `FTSE-100`).
fn lead(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The forms by their leading run: (form, index name), longest form first.
static TABLE: LazyLock<HashMap<&'static str, Vec<(&'static str, &'static str)>>> =
    LazyLock::new(|| {
        let mut map: HashMap<&'static str, Vec<(&'static str, &'static str)>> = HashMap::default();
        for line in INDICES.lines().skip_while(|l| l.starts_with('#')).skip(1) {
            let Some((form, name)) = line.split_once('\t') else {
                continue;
            };
            if !form.is_empty() {
                map.entry(lead(form)).or_default().push((form, name.trim()));
            }
        }
        for v in map.values_mut() {
            v.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        }
        map
    });

/// Finds market indices (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct MarketIndices;

impl MarketIndices {
    /// The recogniser.
    pub const fn new() -> Self {
        MarketIndices
    }
}

impl Recogniser for MarketIndices {
    fn name(&self) -> &str {
        "index"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let mut k = 0;
        let mut next_free = 0;
        while k < tokens.len() {
            let t = tokens[k];
            k += 1;
            if t.kind != TokenKind::Word || t.span.start < next_free {
                continue;
            }
            let word = doc.span_text(t.span);
            let Some(forms) = TABLE.get(lead(word)) else {
                continue;
            };
            let rest = &text[t.span.start..];
            let Some(&(form, name)) = forms.iter().find(|(f, _)| {
                rest.starts_with(f) && !rest[f.len()..].starts_with(|c: char| c.is_alphanumeric())
            }) else {
                continue;
            };
            let mut end = t.span.start + form.len();
            let after = &text[end..];
            let next_word = after
                .strip_prefix(' ')
                .map(|a| a.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""));
            match next_word {
                Some("index" | "Index") => end += " index".len(),
                Some(w) if w.starts_with(|c: char| c.is_uppercase()) => continue,
                Some("") if after.starts_with(" &") => continue,
                _ => {}
            }
            if form == "Dow" {
                let before = text[..t.span.start].trim_end();
                let the = before
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("the"));
                if !the {
                    continue;
                }
            }
            let span = Span::new(t.span.start, end);
            let mut m = Mention::new(span, EntityType::Financial, CONFIDENCE, "index");
            m.kind = MentionKind::Name;
            m.subtype = Some("index".to_owned());
            m.attributes.insert("name".into(), name.into());
            out.push(m);
            next_free = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::EntityType;
    use crate::{Document, Pipeline};

    fn run(text: &str) -> Document {
        Pipeline::new().extract(text).expect("extract")
    }

    fn indices(doc: &Document) -> Vec<&str> {
        doc.mentions()
            .iter()
            .filter(|m| m.entity_type == EntityType::Financial)
            .map(|m| doc.span_text(m.span))
            .collect()
    }

    #[test]
    fn indices_by_name_with_index_after() {
        let doc = run(
            "The Dow Jones Industrial Average fell 4%, the S&P 500 lost 3% and the Hang Seng \
             index rose. In London the FTSE 100 slipped.",
        );
        assert_eq!(
            indices(&doc),
            vec![
                "Dow Jones Industrial Average",
                "S&P 500",
                "Hang Seng index",
                "FTSE 100"
            ]
        );
    }

    #[test]
    fn the_dow_is_the_same_index() {
        let doc = run("The Dow Jones Industrial Average fell. Later the Dow rose again.");
        let of = |s: &str| {
            doc.mentions()
                .iter()
                .find(|m| doc.span_text(m.span) == s)
                .and_then(|m| m.entity)
        };
        assert!(of("Dow").is_some());
        assert_eq!(of("Dow"), of("Dow Jones Industrial Average"));
    }

    #[test]
    fn longer_names_and_a_bare_dow_are_no_index() {
        for text in [
            "Dow Jones Newswires reported it.",
            "Dow Jones & Company owns the paper.",
            "Dow Chemical cut jobs.",
            "Shares on the Nasdaq Stock Market fell.",
        ] {
            let doc = run(text);
            assert!(indices(&doc).is_empty(), "{text}: {:?}", indices(&doc));
        }
    }
}
