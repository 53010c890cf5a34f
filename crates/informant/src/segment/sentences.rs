//! Rule-based sentence boundary detection.

use crate::span::Span;

/// Splits the text under `span` (one block) into sentences.
///
/// Sentences are trimmed of surrounding white space, never empty, in order, and
/// together cover every non-space character of the block.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    // Placeholder: one sentence per block. Replaced by the rule-based splitter.
    let s = span.trim(text);
    if s.is_empty() { Vec::new() } else { vec![s] }
}
