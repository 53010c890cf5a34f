//! Parsers: from raw input to a [`Document`] with its blocks.

mod detect;
mod markdown;
mod text;

pub use detect::detect_format;

use crate::document::{Document, Format};
use crate::error::{Error, Result};

/// Which parser to use for an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum InputFormat {
    /// Detect the format from the content ([`detect_format`]).
    #[default]
    Auto,
    /// Force one format.
    Fixed(Format),
}

impl InputFormat {
    /// Parses `auto`, `text`, `markdown` or `html`.
    pub fn from_name(name: &str) -> Option<Self> {
        if name == "auto" {
            Some(InputFormat::Auto)
        } else {
            Format::from_name(name).map(InputFormat::Fixed)
        }
    }
}

/// Parses `text` into a document with its title and blocks (no sentences yet).
pub(crate) fn parse_blocks(text: String, input: InputFormat) -> Result<Document> {
    let format = match input {
        InputFormat::Auto => detect_format(&text),
        InputFormat::Fixed(f) => f,
    };
    let mut doc = Document::new(text, format);
    match format {
        Format::Text => text::parse(&mut doc),
        Format::Markdown => markdown::parse(&mut doc),
        Format::Html => {
            return Err(Error::UnsupportedFormat(
                "html (HTML parsing is not available yet; use --input text)".into(),
            ));
        }
    }
    doc.title = doc
        .blocks
        .iter()
        .find(|b| b.kind == crate::document::BlockKind::Title)
        .map(|b| b.span);
    Ok(doc)
}
