//! Fast case-insensitive lookup of short word phrases at a token position.
//!
//! The context rules and attribution test dozens of cue phrases ("naval base",
//! "according to", "pointed out") at every token; indexing them by their first
//! word makes each test one hash lookup instead of a scan of the list.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the keys are short words, where SipHash's start-up cost dominates.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The pieces of `s` between bytes `sep` (an ASCII byte), as `s.split(char::from(sep))`
/// yields them: a byte loop, for the short pieces of the embedded tables (the place
/// table's 208,000 lines of ten fields and 400,000 alternate names: `str::split` paid
/// a searcher's set-up for each piece, about 10% of the load).
pub(crate) fn split_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            // `sep` is ASCII: both sides of it are on char boundaries.
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A plain decimal `d+(.d+)?` of at most `max_digits` digits (`max_digits` at most 19):
/// its digits as an integer and how many of them follow the point (`"12.5"` is
/// `(125, 1)`); `None` for anything else (a sign, an exponent, a point first or last,
/// more digits), which the table parsers leave to `str::parse`.
pub(crate) fn decimal_digits(b: &[u8], max_digits: usize) -> Option<(u64, usize)> {
    let (mut m, mut n, mut dot) = (0u64, 0usize, None);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' if n < max_digits => {
                m = m * 10 + u64::from(c - b'0');
                n += 1;
            }
            b'.' if dot.is_none() && i > 0 => dot = Some(i),
            _ => return None,
        }
    }
    let frac = match dot {
        Some(i) if i + 1 == b.len() => return None,
        Some(i) => b.len() - i - 1,
        None => 0,
    };
    (n > 0).then_some((m, frac))
}

/// The lines of `text`, as `text.lines()` yields them (a `\r` before a `\n` is dropped),
/// found with `memchr`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            // A newline is ASCII: both sides of it are on char boundaries.
            Some(i) => {
                let line = rest.get(..i).unwrap_or("");
                (
                    line.strip_suffix('\r').unwrap_or(line),
                    rest.get(i + 1..).unwrap_or(""),
                )
            }
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// A hash map keyed by short strings, hashed with [`Fnv`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A set of phrases of ASCII words, matched case-insensitively on token boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Phrases {
    by_first: FastMap<String, Vec<Vec<String>>>,
    /// Which (lower-cased ASCII) bytes start a first word: most tokens fail this
    /// test and skip the lower-casing and hashing.
    starts: [bool; 128],
    /// Lengths of first words, as a bit set (bit n: some first word has n bytes).
    lengths: u64,
}

/// Longest word we try to look up; every phrase word is shorter.
const MAX_WORD: usize = 32;

/// Lower-cases an ASCII word into `buf`; `None` for long or non-ASCII words.
fn lower<'b>(w: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b str> {
    if w.len() > MAX_WORD || !w.is_ascii() {
        return None;
    }
    let out = &mut buf[..w.len()];
    out.copy_from_slice(w.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

impl Phrases {
    /// Indexes `list` (each phrase: words separated by single spaces).
    pub(crate) fn new(list: &[&str]) -> Self {
        let mut by_first: FastMap<String, Vec<Vec<String>>> = FastMap::default();
        let mut starts = [false; 128];
        let mut lengths = 0u64;
        for p in list {
            let words: Vec<String> = p.split(' ').map(str::to_ascii_lowercase).collect();
            if let Some(first) = words.first() {
                if let Some(&b) = first.as_bytes().first() {
                    starts[usize::from(b & 0x7f)] = true;
                }
                lengths |= 1u64 << first.len().min(63);
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        Phrases {
            by_first,
            starts,
            lengths,
        }
    }

    /// A cheap test that `w` cannot be a first word (wrong first byte or length).
    fn cannot_start(&self, w: &str) -> bool {
        let Some(&b) = w.as_bytes().first() else {
            return true;
        };
        !b.is_ascii()
            || !self.starts[usize::from(b.to_ascii_lowercase())]
            || self.lengths & (1u64 << w.len().min(63)) == 0
    }

    /// The end (exclusive token index) of the longest phrase starting at token `i`,
    /// where `word(j)` gives the text of token `j` (empty past the end).
    pub(crate) fn longest_at<'a>(
        &self,
        i: usize,
        word: impl Fn(usize) -> &'a str,
    ) -> Option<usize> {
        let w = word(i);
        if self.cannot_start(w) {
            return None;
        }
        let mut buf = [0u8; MAX_WORD];
        let first = lower(w, &mut buf)?;
        let candidates = self.by_first.get(first)?;
        candidates
            .iter()
            .filter(|p| {
                p[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, w)| word(i + 1 + k).eq_ignore_ascii_case(w))
            })
            .map(|p| i + p.len())
            .max()
    }

    /// True when the single word `w` is one of the phrases.
    pub(crate) fn contains_word(&self, w: &str) -> bool {
        if self.cannot_start(w) {
            return false;
        }
        let mut buf = [0u8; MAX_WORD];
        lower(w, &mut buf)
            .and_then(|l| self.by_first.get(l))
            .is_some_and(|ps| ps.iter().any(|p| p.len() == 1))
    }
}

/// Verbs, auxiliaries and function words that can follow a noun phrase's head
/// (so a preceding word was a noun, not an adjective).
const FUNCTION_WORDS: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "did",
    "does",
    "do",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "which",
    "who",
    "whose",
    "said",
    "says",
    "say",
    "continues",
    "continued",
    "also",
    "still",
    "now",
    "then",
    "into",
    "over",
    "under",
    "about",
    "against",
    "after",
    "before",
    "since",
    "during",
    "while",
    "when",
    "where",
    "if",
    "than",
    "because",
    "so",
    "not",
    "no",
    "its",
    "their",
    "reportedly",
    "announced",
    "claimed",
    "reported",
    "stated",
    "added",
    "took",
    "launched",
];

static FUNCTION_SET: std::sync::LazyLock<Phrases> =
    std::sync::LazyLock::new(|| Phrases::new(FUNCTION_WORDS));

/// True for a verb, auxiliary or function word: one that ends a noun phrase.
pub(crate) fn is_function_word(w: &str) -> bool {
    FUNCTION_SET.contains_word(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match() {
        let p = Phrases::new(&["base", "naval base", "naval facility", "air base"]);
        let words = ["the", "Naval", "Base", "is", "here"];
        let w = |i: usize| words.get(i).copied().unwrap_or("");
        assert_eq!(p.longest_at(1, w), Some(3));
        assert_eq!(p.longest_at(2, w), Some(3));
        assert_eq!(p.longest_at(0, w), None);
        assert!(p.contains_word("BASE"));
        assert!(!p.contains_word("naval"));
    }
}
