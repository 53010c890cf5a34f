//! Parsers: from raw input to a [`Document`] with its blocks.

mod detect;
#[cfg(feature = "html")]
pub(crate) mod html;
mod markdown;
mod text;

pub use detect::detect_format;

use crate::document::{Document, Format};
use crate::error::Result;

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
        #[cfg(feature = "html")]
        Format::Html => doc = html::parse_str(&doc.text),
        #[cfg(not(feature = "html"))]
        Format::Html => {
            return Err(crate::error::Error::UnsupportedFormat(
                "html (this build has no `html` feature; use --input text)".into(),
            ));
        }
    }
    set_title(&mut doc);
    Ok(doc)
}

/// Parses the bytes of an HTML page, decoding them with the charset it declares
/// (or its BOM, or UTF-8 with a windows-1252 fallback).
#[cfg(feature = "html")]
pub(crate) fn parse_html_bytes(bytes: &[u8]) -> Result<Document> {
    let mut doc = html::parse_bytes(bytes)?;
    set_title(&mut doc);
    Ok(doc)
}

/// Whether bytes look like HTML (for callers holding bytes, before decoding).
pub(crate) fn bytes_look_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    detect::looks_like_html(&String::from_utf8_lossy(head))
}

fn set_title(doc: &mut Document) {
    doc.title = doc
        .blocks
        .iter()
        .find(|b| b.kind == crate::document::BlockKind::Title)
        .map(|b| b.span);
}
