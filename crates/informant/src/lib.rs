//! # informant
//!
//! informant turns raw news and intelligence reports into structured,
//! analyst-ready data: the document's structure (title, headings, paragraphs,
//! list items), its sentences and tokens, all with exact byte offsets into the
//! original, unaltered text.
//!
//! The pipeline reads in stages, and the module list follows it:
//! parse (plain text, Markdown) → segment (sentences, tokens) → recognise →
//! resolve → attribute. [`Span`] is the common currency: a byte range into
//! [`Document::text`]. [`OffsetMap`] converts to the Unicode code-point
//! offsets that Python and the JSON contract use.
//!
//! # Example
//! ```
//! use informant::{BlockKind, Pipeline};
//!
//! let text = "Assad Flees to Moscow\n\n\
//!             Syria’s President Bashar al-Assad arrived in Russia. He was granted asylum.\n\n\
//!             • Hmeimim Airbase: the main Russian air base.";
//! let doc = Pipeline::new().parse(text)?;
//!
//! assert_eq!(doc.title_text(), Some("Assad Flees to Moscow"));
//! let kinds: Vec<BlockKind> = doc.blocks().iter().map(|b| b.kind).collect();
//! assert_eq!(kinds, [BlockKind::Title, BlockKind::Paragraph, BlockKind::ListItem]);
//! let label = doc.blocks()[2].label.map(|l| doc.span_text(l));
//! assert_eq!(label, Some("Hmeimim Airbase"));
//! assert_eq!(doc.sentence_text(2), Some("He was granted asylum."));
//!
//! // JSON with code-point offsets, as Python sees them.
//! let json = informant::to_json(&doc, &informant::JsonOptions::default());
//! assert_eq!(json["title"]["end"], 21);
//! # Ok::<(), informant::Error>(())
//! ```
//!
//! # Crate features
//! - `parallel` (default): batch calls run on all cores with rayon, and the
//!   [`stream`] module streams an input of any length through them in order
//!   ([`Pipeline::extract_iter`]).
//! - `html` (default): HTML pages (`Format::Html`) through html5ever and
//!   encoding_rs: the article, its [`Metadata`] and each block's source range
//!   ([`Block::source`]). Without it, HTML input is [`Error::UnsupportedFormat`].

#![deny(missing_docs)]

mod attribute;
mod document;
mod error;
pub mod geo;
mod json;
mod parse;
mod pipeline;
pub mod recognise;
mod resolve;
mod segment;
mod span;
mod steps;
#[cfg(feature = "parallel")]
pub mod stream;
mod timex;

pub use document::{
    Attributes, Attribution, Block, BlockKind, Document, Entity, EntityType, Format, Mention,
    MentionKind, Metadata, Resolution, Sentence, Token, TokenKind,
};
pub use error::{Error, Result};
pub use json::{JsonOptions, from_json, to_json, write_json};
pub use parse::{InputFormat, detect_format};
pub use pipeline::{DEFAULT_MAX_BYTES, Pipeline, PipelineBuilder, PipelineConfig};
pub use segment::{split_sentences, tokenize};
pub use span::{OffsetMap, Span, is_space};
pub use timex::{Date, DateSource, Timex, TimexType};

/// Parses `text` with the default [`Pipeline`] (format detected, tokens on).
///
/// # Errors
/// As [`Pipeline::parse`].
pub fn parse(text: &str) -> Result<Document> {
    Pipeline::new().parse(text)
}

#[cfg(test)]
mod api_tests {
    #[test]
    fn public_types_are_send_sync_unwind_safe() {
        fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        check::<crate::Document>();
        check::<crate::Pipeline>();
        // Error holds an io::Error, which is Send + Sync but not UnwindSafe.
        fn send_sync<T: Send + Sync>() {}
        send_sync::<crate::Error>();
        check::<crate::OffsetMap>();
    }
}

/// The README's examples, compiled and run as doctests so it never drifts from the code.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
