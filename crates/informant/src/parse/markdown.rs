//! CommonMark Markdown through pulldown-cmark, with spans mapped to the source text.

use crate::document::Document;

/// Fills `doc.blocks` from Markdown.
pub(super) fn parse(doc: &mut Document) {
    super::text::parse(doc);
}
