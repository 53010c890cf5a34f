//! Segmentation: sentences inside blocks, tokens inside sentences.

mod sentences;
mod tokens;

pub use sentences::split_sentences;
pub use tokens::tokenize;

use crate::document::{Document, Sentence};

/// Fills `doc.sentences` (never crossing a block) and, when `with_tokens`, `doc.tokens`.
pub(crate) fn segment(doc: &mut Document, with_tokens: bool) {
    let mut sentences = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        for span in split_sentences(&doc.text, block.span) {
            sentences.push(Sentence { span, block: bi });
        }
    }
    if with_tokens {
        let mut tokens = Vec::with_capacity(doc.text.len() / 5);
        for s in &sentences {
            tokenize(&doc.text, s.span, &mut tokens);
        }
        doc.tokens = tokens;
    }
    doc.sentences = sentences;
}
