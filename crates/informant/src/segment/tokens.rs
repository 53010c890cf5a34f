//! Tokenization that keeps analysts' units together.

use crate::document::{Token, TokenKind};
use crate::span::{Span, is_space};

/// Appends the tokens of the text under `span` to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    // Placeholder: white-space split. Replaced by the real tokenizer.
    let Some(s) = span.slice(text) else { return };
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if is_space(c) {
            if let Some(st) = start.take() {
                out.push(Token {
                    span: Span::new(span.start + st, span.start + i),
                    kind: TokenKind::Word,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
}
