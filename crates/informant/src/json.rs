//! The JSON contract: documents with Unicode code-point offsets.
//!
//! Rust works in byte offsets; JSON and Python in code points, so that Python's
//! `text[start:end]` is the span. This module is the one place that converts a
//! whole document, through [`OffsetMap`]. The contract is documented in `docs/json.md`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::document::{
    Attributes, Attribution, Block, BlockKind, Document, Entity, EntityType, Format, Mention,
    MentionKind, Metadata, Resolution, Sentence, Token, TokenKind,
};
use crate::error::{Error, Result};
use crate::span::{OffsetMap, Span};
use crate::timex::{Date, DateSource, Timex, TimexType};

/// What to include when writing a document as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct JsonOptions {
    /// Include `tokens` (default `false`: they multiply the output size).
    pub tokens: bool,
}

impl JsonOptions {
    /// Options with tokens included or not.
    pub const fn with_tokens(tokens: bool) -> Self {
        JsonOptions { tokens }
    }
}

#[derive(Serialize, Deserialize)]
struct WSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
struct WBlock {
    kind: String,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    label: Option<WSpan>,
    /// Byte offsets into the original page (not code points into `text`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    source: Option<WSpan>,
}

#[derive(Serialize, Deserialize, Default)]
struct WMetadata {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    title: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    site: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    language: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct WSentence {
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
struct WToken {
    start: usize,
    end: usize,
    kind: String,
}

#[derive(Serialize, Deserialize)]
struct WMention {
    start: usize,
    end: usize,
    // Written for readers; on reading, the span decides (hand-made gold
    // annotations may give offsets and a type alone).
    #[serde(default)]
    text: String,
    #[serde(rename = "type")]
    entity_type: String,
    // Absent in hand-made annotations: then the type and subtype decide.
    #[serde(default)]
    kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    subtype: Option<String>,
    #[serde(default = "certain")]
    confidence: f64,
    #[serde(default = "external")]
    recogniser: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    entity: Option<String>,
    /// How the mention joined its entity (the resolution sieve); absent for none.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    resolution: Option<String>,
    #[serde(skip_serializing_if = "Attributes::is_empty", default)]
    attributes: Attributes,
    /// TIMEX3 type of a Temporal mention.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    timex_type: Option<String>,
    /// TIMEX3 value of a Temporal mention (ISO 8601), when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    value: Option<String>,
}

fn certain() -> f64 {
    1.0
}

fn external() -> String {
    "external".into()
}

#[derive(Serialize, Deserialize)]
struct WEntity {
    id: String,
    #[serde(rename = "type")]
    entity_type: String,
    name: String,
    mentions: Vec<usize>,
    #[serde(default)]
    attributes: Attributes,
}

#[derive(Serialize, Deserialize)]
struct WSource {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    entity: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct WAttribution {
    source: WSource,
    cue: WSpan,
    claim: WSpan,
}

#[derive(Serialize, Deserialize)]
struct WDocument {
    /// Any JSON value: a JSONL record's id is echoed as it came (number or string).
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default = "default_format")]
    format: String,
    text: String,
    #[serde(default)]
    title: Option<WSpan>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    metadata: Option<WMetadata>,
    /// The document's date, ISO 8601 (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    date: Option<String>,
    /// Where the date came from: `input`, `metadata` or `dateline`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    date_source: Option<String>,
    #[serde(default)]
    blocks: Vec<WBlock>,
    #[serde(default)]
    sentences: Vec<WSentence>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    tokens: Option<Vec<WToken>>,
    #[serde(default)]
    mentions: Vec<WMention>,
    #[serde(default)]
    entities: Vec<WEntity>,
    #[serde(default)]
    attributions: Vec<WAttribution>,
}

fn default_format() -> String {
    "text".into()
}

/// A sequence serialised straight from an iterator: no `Vec` of wire records.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// [`WMetadata`] borrowed from the document.
#[derive(Serialize)]
struct OutMetadata<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

/// [`WBlock`] with its kind's static name.
#[derive(Serialize)]
struct OutBlock {
    kind: &'static str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<WSpan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<WSpan>,
}

/// [`WToken`] with its kind's static name.
#[derive(Serialize)]
struct OutToken {
    start: usize,
    end: usize,
    kind: &'static str,
}

fn no_attributes(a: &&Attributes) -> bool {
    a.is_empty()
}

/// [`WMention`] borrowed from the document: same fields, same order, same skips.
#[derive(Serialize)]
struct OutMention<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    entity_type: &'static str,
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtype: Option<&'a str>,
    confidence: f64,
    recogniser: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolution: Option<&'static str>,
    #[serde(skip_serializing_if = "no_attributes")]
    attributes: &'a Attributes,
    #[serde(skip_serializing_if = "Option::is_none")]
    timex_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
}

/// [`WEntity`] borrowed from the document.
#[derive(Serialize)]
struct OutEntity<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    entity_type: &'static str,
    name: &'a str,
    mentions: &'a [usize],
    attributes: &'a Attributes,
}

/// [`WSource`] borrowed from the document.
#[derive(Serialize)]
struct OutSource<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
}

/// [`WAttribution`] borrowed from the document.
#[derive(Serialize)]
struct OutAttribution<'a> {
    source: OutSource<'a>,
    cue: WSpan,
    claim: WSpan,
}

/// The document in the contract's shape, serialised straight from the
/// [`Document`]: the fields, their order and what is skipped are those of
/// [`WDocument`] (which reads them back), but nothing is copied first.
struct Wire<'a> {
    doc: &'a Document,
    opts: &'a JsonOptions,
    /// Replaces the document's id (the CLI echoes a JSONL record's id as it came).
    id: Option<&'a serde_json::Value>,
    map: OffsetMap,
    /// Each mention's resolution evidence, by mention index.
    resolution: Vec<Option<&'static str>>,
}

impl<'a> Wire<'a> {
    fn new(doc: &'a Document, opts: &'a JsonOptions, id: Option<&'a serde_json::Value>) -> Self {
        // Each mention's evidence, from its entity's list: one pass, not a search per mention.
        let mut resolution: Vec<Option<&'static str>> = vec![None; doc.mentions.len()];
        for e in &doc.entities {
            for (k, &i) in e.mentions.iter().enumerate() {
                if let Some(r) = resolution.get_mut(i) {
                    *r = Some(
                        e.evidence
                            .get(k)
                            .copied()
                            .unwrap_or(Resolution::Unstated)
                            .as_str(),
                    );
                }
            }
        }
        Wire {
            doc,
            opts,
            id,
            map: OffsetMap::new(&doc.text),
            resolution,
        }
    }

    fn ws(&self, s: Span) -> WSpan {
        let (start, end) = self.map.span_to_chars(s);
        WSpan { start, end }
    }

    fn entity_id(&self, i: Option<usize>) -> Option<&'a str> {
        let doc = self.doc;
        i.and_then(|i| doc.entities.get(i)).map(|e| e.id.as_str())
    }
}

impl Serialize for Wire<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let doc = self.doc;
        let mut st = s.serialize_struct("WDocument", 14)?;
        match self.id {
            Some(id) => st.serialize_field("id", id)?,
            None => st.serialize_field("id", &doc.id.as_deref())?,
        }
        st.serialize_field("format", doc.format.as_str())?;
        st.serialize_field("text", doc.text.as_str())?;
        st.serialize_field("title", &doc.title.map(|t| self.ws(t)))?;
        if doc.metadata.is_empty() {
            st.skip_field("metadata")?;
        } else {
            let m = &doc.metadata;
            st.serialize_field(
                "metadata",
                &OutMetadata {
                    title: m.title.as_deref(),
                    authors: &m.authors,
                    published: m.published.as_deref(),
                    url: m.url.as_deref(),
                    site: m.site.as_deref(),
                    language: m.language.as_deref(),
                },
            )?;
        }
        match doc.date {
            Some(d) => st.serialize_field("date", &d.to_string())?,
            None => st.skip_field("date")?,
        }
        match doc.date_source {
            Some(ds) => st.serialize_field("date_source", ds.as_str())?,
            None => st.skip_field("date_source")?,
        }
        st.serialize_field(
            "blocks",
            &Seq(|| {
                doc.blocks.iter().map(|b| {
                    let WSpan { start, end } = self.ws(b.span);
                    OutBlock {
                        kind: b.kind.as_str(),
                        start,
                        end,
                        level: b.level,
                        label: b.label.map(|l| self.ws(l)),
                        source: b.source.map(|s| WSpan {
                            start: s.start,
                            end: s.end,
                        }),
                    }
                })
            }),
        )?;
        st.serialize_field(
            "sentences",
            &Seq(|| {
                doc.sentences.iter().map(|s| {
                    let WSpan { start, end } = self.ws(s.span);
                    WSentence { start, end }
                })
            }),
        )?;
        if self.opts.tokens {
            st.serialize_field(
                "tokens",
                &Seq(|| {
                    doc.tokens.iter().map(|t| {
                        let WSpan { start, end } = self.ws(t.span);
                        OutToken {
                            start,
                            end,
                            kind: t.kind.as_str(),
                        }
                    })
                }),
            )?;
        } else {
            st.skip_field("tokens")?;
        }
        st.serialize_field(
            "mentions",
            &Seq(|| {
                doc.mentions.iter().enumerate().map(|(i, m)| {
                    let WSpan { start, end } = self.ws(m.span);
                    OutMention {
                        start,
                        end,
                        text: doc.span_text(m.span),
                        entity_type: m.entity_type.as_str(),
                        kind: Some(m.kind.as_str()),
                        subtype: m.subtype.as_deref(),
                        // Four decimals: an f32 printed as f64 would show 0.8500000238418579.
                        confidence: (f64::from(m.confidence) * 1e4).round() / 1e4,
                        recogniser: &m.recogniser,
                        entity: self.entity_id(m.entity),
                        resolution: self.resolution.get(i).copied().flatten(),
                        attributes: &m.attributes,
                        timex_type: m.timex.as_ref().map(|t| t.timex_type.as_str()),
                        value: m.timex.as_ref().and_then(|t| t.value.as_deref()),
                    }
                })
            }),
        )?;
        st.serialize_field(
            "entities",
            &Seq(|| {
                doc.entities.iter().map(|e| OutEntity {
                    id: &e.id,
                    entity_type: e.entity_type.as_str(),
                    name: &e.name,
                    mentions: &e.mentions,
                    attributes: &e.attributes,
                })
            }),
        )?;
        st.serialize_field(
            "attributions",
            &Seq(|| {
                doc.attributions.iter().map(|a| {
                    let WSpan { start, end } = self.ws(a.source);
                    OutAttribution {
                        source: OutSource {
                            start,
                            end,
                            entity: self.entity_id(a.source_entity),
                        },
                        cue: self.ws(a.cue),
                        claim: self.ws(a.claim),
                    }
                })
            }),
        )?;
        st.end()
    }
}

fn unwire(w: WDocument) -> Result<Document> {
    let map = OffsetMap::new(&w.text);
    let span = |start: usize, end: usize| -> Result<Span> {
        map.chars_to_span(start, end)
            .ok_or_else(|| Error::InvalidSpan {
                start,
                end,
                message: format!("does not fit a text of {} code points", map.char_len()),
            })
    };
    let bad = |what: &str, v: &str| Error::Json {
        line: None,
        message: format!("unknown {what} {v:?}"),
    };
    let format = Format::from_name(&w.format).ok_or_else(|| bad("format", &w.format))?;
    let mut doc = Document::new(String::new(), format);
    doc.id = match w.id {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    };
    doc.title = w.title.map(|t| span(t.start, t.end)).transpose()?;
    if let Some(m) = w.metadata {
        doc.metadata = Metadata {
            title: m.title,
            authors: m.authors,
            published: m.published,
            url: m.url,
            site: m.site,
            language: m.language,
        };
    }
    doc.date = w.date.as_deref().map(Date::parse).transpose()?;
    doc.date_source = match w.date_source.as_deref() {
        Some(s) => Some(DateSource::from_name(s).ok_or_else(|| bad("date source", s))?),
        None => doc.date.map(|_| DateSource::Input),
    };
    for b in w.blocks {
        let kind = BlockKind::from_name(&b.kind).ok_or_else(|| bad("block kind", &b.kind))?;
        doc.blocks.push(Block {
            kind,
            span: span(b.start, b.end)?,
            level: b.level,
            label: b.label.map(|l| span(l.start, l.end)).transpose()?,
            source: b.source.map(|s| Span::new(s.start, s.end)),
        });
    }
    for s in w.sentences {
        let sp = span(s.start, s.end)?;
        let block = doc
            .blocks
            .partition_point(|b| b.span.end < sp.end)
            .min(doc.blocks.len().saturating_sub(1));
        doc.sentences.push(Sentence { span: sp, block });
    }
    for t in w.tokens.unwrap_or_default() {
        let kind = TokenKind::from_name(&t.kind).ok_or_else(|| bad("token kind", &t.kind))?;
        doc.tokens.push(Token {
            span: span(t.start, t.end)?,
            kind,
        });
    }
    // A map, not a scan per mention: hostile JSON may carry 100k of each.
    let mut ids: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(w.entities.len());
    for (i, e) in w.entities.iter().enumerate() {
        ids.entry(e.id.as_str()).or_insert(i);
    }
    let entity_index = |id: &Option<String>| -> Option<usize> {
        id.as_deref().and_then(|id| ids.get(id).copied())
    };
    for m in &w.mentions {
        let entity_type = EntityType::from_name(&m.entity_type)
            .ok_or_else(|| bad("entity type", &m.entity_type))?;
        let kind = match m.kind.as_deref() {
            Some(k) => MentionKind::from_name(k).ok_or_else(|| bad("mention kind", k))?,
            None => match m.subtype.as_deref() {
                Some("pronoun") => MentionKind::Pronoun,
                Some("nominal") => MentionKind::Nominal,
                _ => MentionKind::default_for(entity_type),
            },
        };
        let timex = match (m.timex_type.as_deref(), &m.value) {
            (Some(t), value) => Some(Timex::new(
                TimexType::from_name(t).ok_or_else(|| bad("TIMEX3 type", t))?,
                value.clone(),
            )),
            (None, Some(v)) => Some(Timex::new(TimexType::Date, Some(v.clone()))),
            (None, None) => None,
        };
        doc.mentions.push(Mention {
            timex,
            entry: None,
            span: span(m.start, m.end)?,
            entity_type,
            kind,
            subtype: m.subtype.clone(),
            confidence: m.confidence as f32,
            recogniser: m.recogniser.clone().into(),
            entity: entity_index(&m.entity),
            attributes: m.attributes.clone(),
        });
    }
    for a in &w.attributions {
        doc.attributions.push(Attribution {
            source: span(a.source.start, a.source.end)?,
            source_entity: entity_index(&a.source.entity),
            cue: span(a.cue.start, a.cue.end)?,
            claim: span(a.claim.start, a.claim.end)?,
        });
    }
    for e in w.entities {
        let entity_type = EntityType::from_name(&e.entity_type)
            .ok_or_else(|| bad("entity type", &e.entity_type))?;
        if let Some(&i) = e.mentions.iter().find(|&&i| i >= doc.mentions.len()) {
            return Err(bad("mention index", &i.to_string()));
        }
        let evidence = e
            .mentions
            .iter()
            .map(|&i| {
                w.mentions[i]
                    .resolution
                    .as_deref()
                    .and_then(Resolution::from_name)
                    .unwrap_or(Resolution::Unstated)
            })
            .collect();
        doc.entities.push(Entity {
            id: e.id,
            entity_type,
            name: e.name,
            mentions: e.mentions,
            evidence,
            attributes: e.attributes,
        });
    }
    doc.text = w.text;
    doc.validate()?;
    Ok(doc)
}

/// Writes the document as JSON to `w` without building an intermediate value
/// (much less memory for large documents). `id`, when given, replaces the
/// document's id (the CLI echoes a JSONL record's id, number or string, as it came).
///
/// # Errors
/// The writer's I/O errors.
pub fn write_json<W: std::io::Write>(
    w: W,
    doc: &Document,
    opts: &JsonOptions,
    id: Option<&serde_json::Value>,
    pretty: bool,
) -> std::io::Result<()> {
    let wd = Wire::new(doc, opts, id);
    if pretty {
        serde_json::to_writer_pretty(w, &wd)?;
    } else {
        serde_json::to_writer(w, &wd)?;
    }
    Ok(())
}

/// The document as a JSON value in the contract's shape (code-point offsets).
///
/// # Example
/// ```
/// let doc = informant::parse("Syria’s army")?;
/// let v = informant::to_json(&doc, &informant::JsonOptions::with_tokens(true));
/// assert_eq!(v["tokens"][1]["start"], 5); // ’s, in code points
/// # Ok::<(), informant::Error>(())
/// ```
pub fn to_json(doc: &Document, opts: &JsonOptions) -> serde_json::Value {
    serde_json::to_value(Wire::new(doc, opts, None)).unwrap_or(serde_json::Value::Null)
}

/// Reads a document written by [`to_json`] (or by hand, following `docs/json.md`).
///
/// Only `"text"` is required; missing lists are empty.
///
/// # Errors
/// [`Error::Json`] for malformed JSON or unknown names, [`Error::InvalidSpan`]
/// for offsets that do not fit the text.
pub fn from_json(json: &str) -> Result<Document> {
    let w: WDocument = serde_json::from_str(json).map_err(|e| Error::Json {
        line: None,
        message: e.to_string(),
    })?;
    unwire(w)
}

impl Serialize for Document {
    /// Serialises to the JSON contract, tokens included.
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Wire::new(self, &JsonOptions::with_tokens(true), None).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let w = WDocument::deserialize(d)?;
        unwire(w).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value tree `write_json` built before it streamed: the reference the
    /// streaming writer must match byte for byte.
    fn wire(doc: &Document, opts: &JsonOptions) -> WDocument {
        let map = OffsetMap::new(&doc.text);
        let ws = |s: Span| {
            let (start, end) = map.span_to_chars(s);
            WSpan { start, end }
        };
        let entity_id =
            |i: Option<usize>| i.and_then(|i| doc.entities.get(i)).map(|e| e.id.clone());
        // Each mention's evidence, from its entity's list: one pass, not a search per mention.
        let mut resolution: Vec<Option<&'static str>> = vec![None; doc.mentions.len()];
        for e in &doc.entities {
            for (k, &i) in e.mentions.iter().enumerate() {
                if let Some(r) = resolution.get_mut(i) {
                    *r = Some(
                        e.evidence
                            .get(k)
                            .copied()
                            .unwrap_or(Resolution::Unstated)
                            .as_str(),
                    );
                }
            }
        }
        WDocument {
            id: doc
                .id
                .clone()
                .map_or(serde_json::Value::Null, serde_json::Value::String),
            format: doc.format.as_str().into(),
            text: doc.text.clone(),
            title: doc.title.map(ws),
            metadata: (!doc.metadata.is_empty()).then(|| {
                let m = &doc.metadata;
                WMetadata {
                    title: m.title.clone(),
                    authors: m.authors.clone(),
                    published: m.published.clone(),
                    url: m.url.clone(),
                    site: m.site.clone(),
                    language: m.language.clone(),
                }
            }),
            date: doc.date.map(|d| d.to_string()),
            date_source: doc.date_source.map(|s| s.as_str().into()),
            blocks: doc
                .blocks
                .iter()
                .map(|b| {
                    let WSpan { start, end } = ws(b.span);
                    WBlock {
                        kind: b.kind.as_str().into(),
                        start,
                        end,
                        level: b.level,
                        label: b.label.map(ws),
                        source: b.source.map(|s| WSpan {
                            start: s.start,
                            end: s.end,
                        }),
                    }
                })
                .collect(),
            sentences: doc
                .sentences
                .iter()
                .map(|s| {
                    let WSpan { start, end } = ws(s.span);
                    WSentence { start, end }
                })
                .collect(),
            tokens: opts.tokens.then(|| {
                doc.tokens
                    .iter()
                    .map(|t| {
                        let WSpan { start, end } = ws(t.span);
                        WToken {
                            start,
                            end,
                            kind: t.kind.as_str().into(),
                        }
                    })
                    .collect()
            }),
            mentions: doc
                .mentions
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let WSpan { start, end } = ws(m.span);
                    WMention {
                        start,
                        end,
                        text: doc.span_text(m.span).into(),
                        entity_type: m.entity_type.as_str().into(),
                        kind: Some(m.kind.as_str().into()),
                        subtype: m.subtype.clone(),
                        // Four decimals: an f32 printed as f64 would show 0.8500000238418579.
                        confidence: (f64::from(m.confidence) * 1e4).round() / 1e4,
                        recogniser: m.recogniser.to_string(),
                        entity: entity_id(m.entity),
                        resolution: resolution[i].map(str::to_owned),
                        attributes: m.attributes.clone(),
                        timex_type: m.timex.as_ref().map(|t| t.timex_type.as_str().into()),
                        value: m.timex.as_ref().and_then(|t| t.value.clone()),
                    }
                })
                .collect(),
            entities: doc
                .entities
                .iter()
                .map(|e| WEntity {
                    id: e.id.clone(),
                    entity_type: e.entity_type.as_str().into(),
                    name: e.name.clone(),
                    mentions: e.mentions.clone(),
                    attributes: e.attributes.clone(),
                })
                .collect(),
            attributions: doc
                .attributions
                .iter()
                .map(|a| {
                    let WSpan { start, end } = ws(a.source);
                    WAttribution {
                        source: WSource {
                            start,
                            end,
                            entity: entity_id(a.source_entity),
                        },
                        cue: ws(a.cue),
                        claim: ws(a.claim),
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn streaming_writes_the_bytes_of_the_value_tree() {
        let texts = [
            "Title 👩‍👩‍👧 Here\n\nSyria’s army — مرحبا — fled. It said so.\n\n• Label: item",
            include_str!("../../../seeds/assad-asylum-russia.txt"),
            "On 3 May 2021 Apple Inc. said it paid $5 million. \"We won,\" Tim Cook told Reuters.",
            "",
            "<html><head><title>T</title><meta name=\"author\" content=\"A B\"></head>\
             <body><article><h1>Paris</h1><p>Macron met Merkel in Berlin on Monday.</p>\
             </article></body></html>",
        ];
        // Input auto-detected: the last text is read as HTML, with metadata.
        let pipeline = crate::Pipeline::new();
        let id = serde_json::json!(17);
        let (mut metadata, mut dated, mut attributes) = (false, false, false);
        for (k, text) in texts.iter().enumerate() {
            let date = (k == 2).then(|| Date::parse("2021-05-04").unwrap());
            let mut doc = pipeline.extract_dated(text.to_string(), date).unwrap();
            if k == 1 {
                doc.set_id(Some("seed".into()));
            }
            metadata |= !doc.metadata.is_empty();
            dated |= doc.date.is_some();
            attributes |= doc.mentions.iter().any(|m| !m.attributes.is_empty());
            for tokens in [false, true] {
                let opts = JsonOptions::with_tokens(tokens);
                for pretty in [false, true] {
                    for id in [None, Some(&id)] {
                        let mut expected = wire(&doc, &opts);
                        if let Some(id) = id {
                            expected.id = id.clone();
                        }
                        let expected = if pretty {
                            serde_json::to_vec_pretty(&expected).unwrap()
                        } else {
                            serde_json::to_vec(&expected).unwrap()
                        };
                        let mut got = Vec::new();
                        write_json(&mut got, &doc, &opts, id, pretty).unwrap();
                        assert_eq!(
                            String::from_utf8(got).unwrap(),
                            String::from_utf8(expected).unwrap()
                        );
                    }
                }
                assert_eq!(
                    to_json(&doc, &opts),
                    serde_json::to_value(wire(&doc, &opts)).unwrap()
                );
            }
        }
        // The optional parts were written, not only skipped.
        assert!(metadata && dated && attributes);
    }

    #[test]
    fn roundtrip_with_multibyte_text() {
        let text = "Title 👩‍👩‍👧 Here\n\nSyria’s army — مرحبا — fled. It said so.\n\n• Label: item";
        let doc = crate::parse(text).unwrap();
        let json = serde_json::to_string(&doc).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
        // Code points, not bytes.
        let v = to_json(&doc, &JsonOptions::default());
        let chars: Vec<char> = text.chars().collect();
        for s in v["sentences"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let sub: String = chars[a..b].iter().collect();
            assert!(text.contains(&sub));
        }
        assert!(v.get("tokens").is_none());
    }

    #[test]
    fn rejects_bad_offsets() {
        let e = from_json(r#"{"text": "abc", "sentences": [{"start": 1, "end": 9}]}"#).unwrap_err();
        assert!(matches!(e, Error::InvalidSpan { .. }), "{e}");
        let e = from_json(r#"{"text": "abc", "format": "pdf"}"#).unwrap_err();
        assert!(e.to_string().contains("pdf"));
        assert!(from_json("not json").is_err());
    }

    #[test]
    fn rejects_entities_and_mentions_that_disagree() {
        // Found by fuzzing: e1 lists mention 0, which names e2.
        let json = r#"{"text": "Assad fled.",
            "mentions": [{"start": 0, "end": 5, "type": "Person", "entity": "e2"}],
            "entities": [{"id": "e1", "type": "Person", "name": "Assad", "mentions": [0]},
                         {"id": "e2", "type": "Person", "name": "Assad", "mentions": []}]}"#;
        let e = from_json(json).unwrap_err();
        assert!(e.to_string().contains("names another entity"), "{e}");
        // Tokens out of order, or outside every sentence.
        let json = r#"{"text": "ab cd", "blocks": [{"kind": "paragraph", "start": 0, "end": 5}],
            "sentences": [{"start": 0, "end": 2}],
            "tokens": [{"start": 3, "end": 5, "text": "cd", "kind": "word"}]}"#;
        assert!(
            from_json(json)
                .unwrap_err()
                .to_string()
                .contains("outside every sentence")
        );
        // Agreeing references read back.
        let json = r#"{"text": "Assad fled.",
            "mentions": [{"start": 0, "end": 5, "type": "Person", "entity": "e1"}],
            "entities": [{"id": "e1", "type": "Person", "name": "Assad", "mentions": [0]}]}"#;
        assert_eq!(from_json(json).unwrap().entities().len(), 1);
    }
}
