//! Byte spans and the one conversion between byte and code-point offsets.
//!
//! Inside Rust every position is a byte offset into the original text, so that
//! `&text[span.range()]` is free. Python and the JSON contract use Unicode
//! code-point offsets instead (so that Python's `text[start:end]` is the span);
//! [`OffsetMap`] is the single place where the two are converted.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's original text.
///
/// Every span produced by informant lies on `char` boundaries of the text it
/// refers to, so `&text[span.range()]` never panics.
///
/// # Example
/// ```
/// use informant::Span;
/// let text = "Syria’s army";
/// let span = Span::new(0, 5);
/// assert_eq!(span.slice(text), Some("Syria"));
/// assert_eq!(span.len(), 5);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Makes a span; `start` greater than `end` is clamped to an empty span at `start`.
    pub const fn new(start: usize, end: usize) -> Self {
        if end < start {
            Span { start, end: start }
        } else {
            Span { start, end }
        }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text under the span, or `None` if it is out of bounds or not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// True when `other` lies wholly inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Text order of mentions' spans: the earlier start first and, at one start, the
    /// longer span first (an outer mention before the ones inside it).
    pub(crate) fn text_order(&self, other: &Span) -> std::cmp::Ordering {
        self.start.cmp(&other.start).then(other.end.cmp(&self.end))
    }

    /// The span with leading and trailing whitespace (including zero-width and
    /// non-breaking spaces) of `text` removed.
    pub fn trim(&self, text: &str) -> Span {
        let Some(s) = self.slice(text) else {
            return *self;
        };
        let trimmed_start = s.trim_start_matches(is_space);
        let start = self.start + (s.len() - trimmed_start.len());
        let trimmed = trimmed_start.trim_end_matches(is_space);
        Span::new(start, start + trimmed.len())
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// True for every character informant treats as inter-word space: Unicode
/// white space plus the zero-width characters and BOM that pasted web text carries.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Converts byte offsets of one text to Unicode code-point offsets and back.
///
/// Building the map costs one pass over the text; each conversion is then a
/// binary search over the positions of multi-byte characters, so a pure-ASCII
/// text converts in O(1).
///
/// # Example
/// ```
/// use informant::OffsetMap;
/// let text = "Syria’s army"; // ’ is three bytes
/// let map = OffsetMap::new(text);
/// assert_eq!(map.to_char(8), 6);   // byte 8 is the 's' after ’
/// assert_eq!(map.to_byte(6), Some(8));
/// assert_eq!(map.to_char(text.len()), text.chars().count());
/// ```
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// For each non-ASCII char: (byte offset just after it, extra bytes so far).
    /// `char = byte - extra` for any byte offset on a boundary.
    marks: Vec<(usize, usize)>,
    len_bytes: usize,
    len_chars: usize,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        let mut extra = 0usize;
        if !text.is_ascii() {
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    marks.push((i + n, extra));
                }
            }
        }
        OffsetMap {
            marks,
            len_bytes: text.len(),
            len_chars: text.len() - extra,
        }
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        self.len_chars
    }

    /// Code-point offset of a byte offset. A byte offset inside a multi-byte
    /// character maps to that character's start; one past the end is clamped.
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // Number of marks whose end <= byte.
        let k = self.marks.partition_point(|&(end, _)| end <= byte);
        let extra = if k == 0 { 0 } else { self.marks[k - 1].1 };
        let c = byte - extra;
        // Inside a multi-byte char: the next mark's char starts before `byte`.
        if let Some(&(end, e)) = self.marks.get(k) {
            let prev_extra = extra;
            let char_len = e - prev_extra + 1;
            let start = end - char_len;
            if byte > start {
                return start - prev_extra;
            }
        }
        c
    }

    /// Byte offset of a code-point offset, or `None` past the end of the text.
    pub fn to_byte(&self, ch: usize) -> Option<usize> {
        if ch > self.len_chars {
            return None;
        }
        // Char offset just after mark i is end_i - extra_i; find marks fully before ch.
        let k = self
            .marks
            .partition_point(|&(end, extra)| end - extra <= ch);
        let extra = if k == 0 { 0 } else { self.marks[k - 1].1 };
        Some(ch + extra)
    }

    /// Converts a byte span to a code-point `(start, end)` pair.
    pub fn span_to_chars(&self, span: Span) -> (usize, usize) {
        (self.to_char(span.start), self.to_char(span.end))
    }

    /// Converts a code-point `(start, end)` pair to a byte span, or `None` when out of bounds.
    pub fn chars_to_span(&self, start: usize, end: usize) -> Option<Span> {
        if start > end {
            return None;
        }
        Some(Span::new(self.to_byte(start)?, self.to_byte(end)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_roundtrip(text: &str) {
        let map = OffsetMap::new(text);
        assert_eq!(map.char_len(), text.chars().count());
        let boundaries = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()));
        for (ci, b) in boundaries.enumerate() {
            assert_eq!(map.to_char(b), ci, "to_char({b}) in {text:?}");
            assert_eq!(map.to_byte(ci), Some(b), "to_byte({ci}) in {text:?}");
        }
        assert_eq!(map.to_byte(map.char_len() + 1), None);
    }

    #[test]
    fn roundtrips() {
        for t in [
            "",
            "ascii only",
            "Syria’s President",
            "é",
            "日本語のテキスト",
            "emoji 👩‍👩‍👧 family and 🇸🇾 flag",
            "مرحبا بشار الأسد",
            "a\u{0301}e\u{0301} combining",
            "\u{FEFF}BOM first",
        ] {
            check_roundtrip(t);
        }
    }

    #[test]
    fn inside_multibyte_maps_to_char_start() {
        let text = "a’b";
        let map = OffsetMap::new(text);
        assert_eq!(map.to_char(1), 1);
        assert_eq!(map.to_char(2), 1);
        assert_eq!(map.to_char(3), 1);
        assert_eq!(map.to_char(4), 2);
        assert_eq!(map.to_char(99), 3);
    }

    #[test]
    fn trim_handles_unicode_space() {
        let text = "\u{00A0} \u{200B}Hello\u{00A0}";
        let s = Span::new(0, text.len()).trim(text);
        assert_eq!(s.slice(text), Some("Hello"));
    }

    #[test]
    fn span_basics() {
        assert!(Span::new(5, 3).is_empty());
        assert!(Span::new(0, 10).contains(Span::new(2, 4)));
        assert!(Span::new(0, 3).overlaps(Span::new(2, 4)));
        assert!(!Span::new(0, 2).overlaps(Span::new(2, 4)));
    }
}
