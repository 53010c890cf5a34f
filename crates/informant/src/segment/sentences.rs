//! Rule-based sentence boundary detection.
//!
//! The splitter is a single forward byte scan over one block. A 256-entry
//! table picks out the few bytes that can end a sentence (`.`, `?`, `!`, a
//! newline, and the lead bytes of `…`, `‼`, `⁇`, `⁈`, `⁉`, `。`, `！`, `？`
//! and `؟`); everything else is skipped without inspection. Each candidate is
//! then judged by a handful of local rules, every one of which looks at a
//! bounded window (at most 64 bytes back, a few bytes forward), so the whole
//! split is linear in the block's length and allocates only the output.
//!
//! The rules, in the order they apply to a `.`:
//!
//! 1. The dot must be followed (after any closing quotes and brackets such as
//!    `"` `’` `”` `)` `]`) by white space; `3.14`, `U.S.A.`, e-mail addresses,
//!    URLs and `Jr.'s` therefore never split.
//! 2. A following word that begins in lower case never starts a sentence.
//! 3. Runs of dots are ellipses. `...` and `....` followed by a capital end the
//!    sentence; the spaced `. . .` does not, but the spaced four-dot `. . . .`
//!    does: after the run when it stands alone, after the first dot when that
//!    dot is attached to the preceding word (`words. . . . The` keeps the
//!    ellipsis with the next sentence). An ellipsis right after `[` or `(`
//!    (an omission mark) never ends a sentence.
//! 4. The word before the dot decides the rest:
//!    * titles and other prefix abbreviations (`Mr.`, `Gen.`, `Lt.`, `Dr.`,
//!      `Mt.`, `vs.`, `e.g.`, `i.e.`) never end a sentence;
//!    * number abbreviations (`No.`, `Vol.`, `Art.`, `Fig.`, `pp.`, `para.`,
//!      `approx.`, `est.`, `N°.`) do not end one before a number;
//!    * ambiguous abbreviations — single initials (`E.`, `I.`), dotted
//!      initialisms (`U.S.`, `E.U.`, `U.S.A.`), lower-case `a.m.`/`p.m.`,
//!      months (`Jan.`, `Sept.`), `St.`, company and name suffixes (`Co.`,
//!      `Inc.`, `Ltd.`, `Corp.`, `Jr.`, `Sr.`), U.S. state abbreviations —
//!      end a sentence only when the next word is a common sentence starter
//!      (`The`, `He`, `It`, `How`, `Did`, …): `in the U.S. The next day` splits,
//!      `the U.S. Government` does not; a state abbreviation after a place and a
//!      comma also ends one before a capitalised word, not a day's name, that a
//!      lower-case word follows (`in Atlanta, Ga. Police said` splits,
//!      `the Atlanta, Ga. Police Department` and `Salem, Ore. Sunday at` do not);
//!    * every other word (including `etc.`, upper-case `A.M.`/`P.M.`, numbers
//!      such as `$100.00` and URLs) ends the sentence.
//!
//! `?` and `!` (and runs of them, `?!`, `!!`) end a sentence unless the next
//! word begins in lower case (`Yahoo! in`), or unless they close a quotation
//! that the next words attribute (`“Why?” Putin asked.`: up to three
//! capitalised words and a reporting verb; the same holds for `...` and `…`).
//! The CJK full stop and full-width
//! `！`/`？` always end one. A blank line inside a block is a hard break.
//!
//! Numbered and lettered lists written on one line (`1.) a 2.) b`,
//! `1) a 2) b`, `a. x b. y`, `• 9. x • 10. y`) are recognised when the block
//! starts with a list marker: each following marker in sequence (or each
//! following bullet of the same kind) starts a new sentence, and the dots of
//! the markers themselves never end one.

use crate::span::{Span, is_space};

/// Splits the text under `span` (one block) into sentences.
///
/// Sentences are trimmed of surrounding white space, never empty, in order, and
/// together cover every non-space character of the block. A `span` that runs
/// past the text or cuts a character is narrowed to the characters it fully
/// covers.
///
/// # Example
/// ```
/// use informant::{Span, split_sentences};
/// let text = "I live in the U.S. How about you? He said “No.” Then left.";
/// let sentences: Vec<&str> = split_sentences(text, Span::new(0, text.len()))
///     .iter()
///     .map(|s| &text[s.range()])
///     .collect();
/// assert_eq!(
///     sentences,
///     ["I live in the U.S.", "How about you?", "He said “No.”", "Then left."]
/// );
/// ```
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let Some((start, end)) = clamp(text, span) else {
        return Vec::new();
    };
    let mut splitter = Splitter {
        text,
        bytes: text.as_bytes(),
        start,
        end,
        spans: Vec::new(),
        last: start,
        list_cuts: Vec::new(),
        next_list_cut: 0,
        marker_dots: Vec::new(),
        next_marker_dot: 0,
    };
    splitter.find_list();
    splitter.scan();
    splitter.cut(end);
    splitter.spans
}

/// Narrows `span` to the text and to char boundaries; `None` when nothing is left.
fn clamp(text: &str, span: Span) -> Option<(usize, usize)> {
    let len = text.len();
    let mut start = span.start.min(len);
    let mut end = span.end.min(len);
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

/// Bytes that may start a sentence terminator (or a blank line).
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xD8] = true; // ؟ (D8 9F)
    t[0xE2] = true; // … ‼ ⁇ ⁈ ⁉ (E2 80 A6, E2 80 BC, E2 81 87..89)
    t[0xE3] = true; // 。 (E3 80 82)
    t[0xEF] = true; // ！ ？ (EF BC 81, EF BC 9F)
    t
};

/// How the word before a dot affects a possible boundary.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Abbrev {
    /// An ordinary word: the dot ends the sentence.
    None,
    /// A prefix abbreviation (title, `e.g.`): the dot never ends the sentence.
    Never,
    /// Precedes numbers (`No. 5`): no boundary before a number.
    Numeric,
    /// Ambiguous: a boundary only before a common sentence starter.
    Weak,
    /// A U.S. state abbreviation (`Ga.`, `Calif.`): as [`Abbrev::Weak`], and also a
    /// boundary after a place (`Atlanta, Ga.`) before a capitalised word that a
    /// lower-case word follows (`Atlanta, Ga. Police said`), which cannot continue
    /// a name (`Atlanta, Ga. Police Department` does not split).
    State,
}

struct Splitter<'t> {
    text: &'t str,
    bytes: &'t [u8],
    start: usize,
    end: usize,
    spans: Vec<Span>,
    /// Where the current (not yet emitted) sentence began.
    last: usize,
    /// Positions where list items begin, ascending.
    list_cuts: Vec<usize>,
    next_list_cut: usize,
    /// Positions of the dots of list markers (`1.`, `a.`), ascending.
    marker_dots: Vec<usize>,
    next_marker_dot: usize,
}

impl Splitter<'_> {
    fn byte(&self, i: usize) -> Option<u8> {
        if i < self.end {
            self.bytes.get(i).copied()
        } else {
            None
        }
    }

    /// True when the bytes at `i` are `pat` (within the block).
    fn has(&self, i: usize, pat: &[u8]) -> bool {
        i.checked_add(pat.len())
            .is_some_and(|e| e <= self.end && self.bytes.get(i..e) == Some(pat))
    }

    /// The char at `i`, if `i` is a char boundary inside the block.
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..self.end)?.chars().next()
    }

    /// Ends the current sentence at `at` (and any list item starting before it).
    fn cut(&mut self, at: usize) {
        while let Some(&lc) = self.list_cuts.get(self.next_list_cut) {
            if lc > at {
                break;
            }
            self.next_list_cut += 1;
            self.raw_cut(lc);
        }
        self.raw_cut(at);
    }

    fn raw_cut(&mut self, at: usize) {
        if at <= self.last {
            return;
        }
        let s = Span::new(self.last, at).trim(self.text);
        if !s.is_empty() {
            self.spans.push(s);
        }
        self.last = at;
    }

    /// The main scan: visits every candidate byte once.
    fn scan(&mut self) {
        let mut i = self.start;
        while i < self.end {
            let Some(rest) = self.bytes.get(i..self.end) else {
                return;
            };
            let Some(off) = rest.iter().position(|&b| CANDIDATE[b as usize]) else {
                return;
            };
            i += off;
            let next = match rest.get(off) {
                Some(b'.') => self.on_dot(i),
                Some(b'?' | b'!') => self.on_bang(i + 1),
                Some(b'\n') => self.on_newline(i),
                _ => match self.terminator_at(i) {
                    Some((Term::Bang, len)) => self.on_bang(i + len),
                    Some((Term::Ellipsis, _)) => self.on_dot(i),
                    Some((Term::Cjk, len)) => self.on_cjk(i + len),
                    None => i + 1,
                },
            };
            i = next.max(i + 1);
        }
    }

    /// Classifies a non-ASCII terminator at `i` and returns its byte length.
    fn terminator_at(&self, i: usize) -> Option<(Term, usize)> {
        let b = self.bytes.get(i..self.end.min(i + 3))?;
        match b {
            [0xD8, 0x9F, ..] => Some((Term::Bang, 2)),
            [0xE2, 0x80, 0xA6] => Some((Term::Ellipsis, 3)),
            [0xE2, 0x80, 0xBC] | [0xE2, 0x81, 0x87..=0x89] => Some((Term::Bang, 3)),
            [0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81] | [0xEF, 0xBC, 0x9F] => Some((Term::Cjk, 3)),
            _ => None,
        }
    }

    /// `?`, `!` and their kin: `j` is just past the first mark.
    fn on_bang(&mut self, mut j: usize) -> usize {
        loop {
            match self.byte(j) {
                Some(b'?' | b'!' | b'.') => j += 1,
                Some(_) => match self.terminator_at(j) {
                    Some((Term::Bang | Term::Ellipsis, len)) => j += len,
                    _ => break,
                },
                None => break,
            }
        }
        if let Some((cut, k)) = self.after_terminator(j) {
            // Not before "in" (`Yahoo! in`) nor before an attribution (`“Why?” Putin asked`).
            let continues = self.starts_lowercase(k) || (cut > j && self.attribution_at(k));
            if !continues {
                self.cut(cut);
            }
        }
        j
    }

    /// `。`, `！`, `？`: always a boundary; `j` is just past the mark.
    fn on_cjk(&mut self, mut j: usize) -> usize {
        while let Some((Term::Cjk | Term::Bang, len)) = self.terminator_at(j) {
            j += len;
        }
        let cut = self.skip_closers(j);
        if cut < self.end {
            self.cut(cut);
        }
        j
    }

    /// A blank line (newline, optional spaces, newline) is a hard break.
    fn on_newline(&mut self, i: usize) -> usize {
        let mut k = i + 1;
        while let Some(b' ' | b'\t' | b'\r') = self.byte(k) {
            k += 1;
        }
        if self.byte(k) == Some(b'\n') {
            self.cut(i);
        }
        k
    }

    /// A `.` (or `…`) at `i`.
    fn on_dot(&mut self, i: usize) -> usize {
        if self.is_marker_dot(i) {
            return i + 1;
        }
        // Measure the run of dots: `...`, `. . .`, `…`.
        let mut j = i;
        let mut dots = 0usize;
        let mut spaced = false;
        loop {
            match self.byte(j) {
                Some(b'.') => {
                    dots += 1;
                    j += 1;
                }
                Some(b' ')
                    if dots > 0
                        && self.byte(j + 1) == Some(b'.')
                        && !self.byte(j + 2).is_some_and(|b| b.is_ascii_alphanumeric()) =>
                {
                    spaced = true;
                    dots += 1;
                    j += 2;
                }
                Some(0xE2) if self.has(j, "…".as_bytes()) => {
                    dots += 3;
                    j += 3;
                }
                _ => break,
            }
        }
        if dots > 1 {
            self.on_ellipsis(i, j, dots, spaced);
            return j;
        }
        let Some((cut, k)) = self.after_terminator(j) else {
            return j;
        };
        let next = self.next_char(k);
        if next.is_some_and(char::is_lowercase) {
            return j;
        }
        let boundary = match self.word_before(i) {
            Abbrev::None => true,
            Abbrev::Never => false,
            Abbrev::Numeric => !(next.is_some_and(|c| c.is_ascii_digit()) || self.roman_at(k)),
            Abbrev::Weak => self.starter_at(k),
            Abbrev::State => {
                self.starter_at(k) || (self.place_before_state(i) && self.new_clause_at(k))
            }
        };
        if boundary {
            self.cut(cut);
        }
        j
    }

    /// True when the state abbreviation ending at the dot `i` follows a place and a
    /// comma (`Atlanta, Ga.`).
    fn place_before_state(&self, i: usize) -> bool {
        const MAX: usize = 64;
        let mut lo = i.saturating_sub(MAX).max(self.start);
        while lo < i && !self.text.is_char_boundary(lo) {
            lo += 1;
        }
        let Some(window) = self.text.get(lo..i) else {
            return false;
        };
        let Some(p) = window.rfind(is_space) else {
            return false;
        };
        let Some(before) = window.get(..p).map(str::trim_end) else {
            return false;
        };
        let Some(before) = before.strip_suffix(',') else {
            return false;
        };
        let place = match before.rfind(is_space) {
            Some(q) => before
                .get(q..)
                .unwrap_or_default()
                .trim_start_matches(is_space),
            None => before,
        };
        place.starts_with(|c: char| c.is_uppercase())
    }

    /// True when the text at `k` is a capitalised word, not a day's name, followed by
    /// one space and a lower-case word (`Police said`, not `Sunday at`).
    fn new_clause_at(&self, k: usize) -> bool {
        const DAYS: [&[u8]; 7] = [
            b"Monday",
            b"Tuesday",
            b"Wednesday",
            b"Thursday",
            b"Friday",
            b"Saturday",
            b"Sunday",
        ];
        let (word, e) = self.next_word(k);
        word.first().is_some_and(u8::is_ascii_uppercase)
            && !DAYS.contains(&word)
            && self.byte(e) == Some(b' ')
            && self.byte(e + 1).is_some_and(|b| b.is_ascii_lowercase())
    }

    /// An ellipsis from `i` to `j` holding `dots` dots.
    fn on_ellipsis(&mut self, i: usize, j: usize, dots: usize, spaced: bool) {
        let prev = self.char_before(i);
        if matches!(prev, Some('[' | '(')) {
            return; // an omission mark: "[...]"
        }
        let Some((cut, k)) = self.after_terminator(j) else {
            return;
        };
        if self.starts_lowercase(k) {
            return;
        }
        if !spaced {
            let attributed = cut > j && self.attribution_at(k); // `“Stop…” Putin said`
            if !attributed {
                self.cut(cut);
            }
        } else if dots >= 4 {
            let attached = prev.is_some_and(|c| !is_space(c));
            if attached && cut == j {
                // "words. . . . The": the ellipsis opens the next sentence. Its first
                // mark is a '.' or a '…' (three bytes): cut after it, on a char boundary.
                let first = if self.byte(i) == Some(b'.') {
                    1
                } else {
                    "…".len()
                };
                self.cut(i + first);
            } else {
                self.cut(cut);
            }
        }
    }

    fn is_marker_dot(&mut self, i: usize) -> bool {
        while let Some(&d) = self.marker_dots.get(self.next_marker_dot) {
            if d >= i {
                return d == i;
            }
            self.next_marker_dot += 1;
        }
        false
    }

    fn char_before(&self, i: usize) -> Option<char> {
        if i <= self.start {
            return None;
        }
        self.text.get(self.start..i)?.chars().next_back()
    }

    /// Skips closing quotes and brackets from `j`.
    fn skip_closers(&self, mut j: usize) -> usize {
        loop {
            let len = match self.byte(j) {
                Some(b')' | b']' | b'}' | b'"' | b'\'') => 1,
                Some(0xC2) if self.has(j, "»".as_bytes()) => 2,
                Some(0xE2)
                    if self.has(j, "”".as_bytes())
                        || self.has(j, "’".as_bytes())
                        || self.has(j, "›".as_bytes()) =>
                {
                    3
                }
                Some(0xE3)
                    if self.has(j, "」".as_bytes())
                        || self.has(j, "』".as_bytes())
                        || self.has(j, "】".as_bytes()) =>
                {
                    3
                }
                Some(0xEF) if self.has(j, "）".as_bytes()) => 3,
                _ => return j,
            };
            j += len;
        }
    }

    /// Byte length of the white-space char at `j`, or 0.
    fn space_len(&self, j: usize) -> usize {
        match self.byte(j) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) => 1,
            Some(b) if b >= 0x80 => match self.char_at(j) {
                Some(c) if is_space(c) => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        }
    }

    /// After a terminator ending at `j`: skips closers, then requires white
    /// space and something after it. Returns (cut position, start of the next
    /// word) or `None` when this cannot be a boundary inside the block.
    fn after_terminator(&self, j: usize) -> Option<(usize, usize)> {
        let cut = self.skip_closers(j);
        let mut k = cut;
        loop {
            let n = self.space_len(k);
            if n == 0 {
                break;
            }
            k += n;
        }
        (k > cut && k < self.end).then_some((cut, k))
    }

    /// Skips opening quotes and brackets from `k`.
    fn skip_openers(&self, mut k: usize) -> usize {
        loop {
            let len = match self.byte(k) {
                Some(b'(' | b'[' | b'{' | b'"' | b'\'') => 1,
                Some(0xC2) if self.has(k, "«".as_bytes()) => 2,
                Some(0xE2)
                    if self.has(k, "“".as_bytes())
                        || self.has(k, "‘".as_bytes())
                        || self.has(k, "‹".as_bytes()) =>
                {
                    3
                }
                _ => return k,
            };
            k += len;
        }
    }

    /// The first char of the next word (after opening quotes and brackets).
    fn next_char(&self, k: usize) -> Option<char> {
        self.char_at(self.skip_openers(k))
    }

    fn starts_lowercase(&self, k: usize) -> bool {
        self.next_char(k).is_some_and(char::is_lowercase)
    }

    /// The ASCII word at `k` (after openers) and the byte after it.
    /// The ASCII letters at `k` (after openers, at most 17) and where they end.
    fn next_word(&self, k: usize) -> (&[u8], usize) {
        let k = self.skip_openers(k);
        let mut e = k;
        while self.byte(e).is_some_and(|b| b.is_ascii_alphabetic()) && e - k <= 16 {
            e += 1;
        }
        (self.bytes.get(k..e).unwrap_or_default(), e)
    }

    /// True when the next word is a word that commonly starts a sentence.
    fn starter_at(&self, k: usize) -> bool {
        let (word, e) = self.next_word(k);
        let ends_word = match self.byte(e) {
            None => true,
            Some(b'.') => false, // "J. A. Smith": "A." is another initial
            Some(b) if b.is_ascii_alphanumeric() => false,
            Some(b) if b < 0x80 => true,
            Some(_) => self.has(e, "’".as_bytes()) || self.space_len(e) > 0,
        };
        ends_word && is_sentence_starter(word)
    }

    /// True when the text at `k` reads like the attribution of a quotation
    /// just closed: one to three capitalised words and a reporting verb
    /// (`“Why?” Putin asked.`, `“Go!” Gen. Ali shouted.`).
    fn attribution_at(&self, k: usize) -> bool {
        const WINDOW: usize = 96;
        let mut hi = k.saturating_add(WINDOW).min(self.end);
        while hi > k && !self.text.is_char_boundary(hi) {
            hi -= 1;
        }
        let Some(window) = self.text.get(k..hi) else {
            return false;
        };
        let mut names = 0;
        for word in window.split(' ') {
            let word = word.trim_end_matches([',', '.', ';', ':']);
            if word.chars().next().is_some_and(char::is_uppercase) {
                let name_like = word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'));
                names += 1;
                if !name_like || names > 3 {
                    return false;
                }
            } else {
                return names > 0 && is_reporting_verb(word);
            }
        }
        false
    }

    /// True when the next word is a Roman numeral (`Vol. II`, `Art. IV`).
    fn roman_at(&self, k: usize) -> bool {
        let (word, e) = self.next_word(k);
        let after = self.byte(e);
        !word.is_empty()
            && (word.len() > 1 || matches!(word, b"V" | b"X"))
            && word
                .iter()
                .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
            && !after.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80)
    }

    /// Classifies the word that ends just before the dot at `i`.
    fn word_before(&self, i: usize) -> Abbrev {
        const MAX: usize = 64;
        let mut lo = i.saturating_sub(MAX).max(self.start);
        while lo < i && !self.text.is_char_boundary(lo) {
            lo += 1;
        }
        let Some(window) = self.text.get(lo..i) else {
            return Abbrev::None;
        };
        let word = match window.rfind(is_space) {
            Some(p) => window
                .get(p..)
                .unwrap_or_default()
                .trim_start_matches(is_space),
            None if lo == self.start => window,
            None => return Abbrev::None, // longer than any abbreviation
        };
        let word = word
            .trim_start_matches(['(', '[', '{', '"', '\'', '“', '‘', '«', '‹'])
            .trim_end_matches([')', ']', '}', '"', '\'', '”', '’', '»', '›']);
        classify(word)
    }

    /// Finds one-line lists when the block starts with a list marker or bullet.
    fn find_list(&mut self) {
        let mut p = self.start;
        while self.space_len(p) > 0 {
            p += self.space_len(p);
        }
        let bullet = self.bullet_len(p);
        if bullet > 0 {
            let Some(bullet_bytes) = self.bytes.get(p..p + bullet) else {
                return;
            };
            let first_marker = self.skip_inline_space(p + bullet);
            if let Some(m) = self.marker_at(first_marker) {
                self.marker_dots.extend(m.dot);
            }
            let mut from = p + bullet;
            while let Some(off) = self
                .bytes
                .get(from..self.end)
                .and_then(|h| memchr::memmem::find(h, bullet_bytes))
            {
                let q = from + off;
                from = q + bullet;
                if self.after_space(q) {
                    self.list_cuts.push(q);
                    if let Some(m) = self.marker_at(self.skip_inline_space(from)) {
                        self.marker_dots.extend(m.dot);
                    }
                }
            }
            return;
        }
        let Some(first) = self.marker_at(p) else {
            return;
        };
        self.marker_dots.extend(first.dot);
        let mut value = first.value;
        let mut from = first.end;
        let mut needle = [0u8; 8];
        while let Some(next) = value.succ() {
            let len = next.write(first.style, &mut needle);
            let Some(pat) = needle.get(..len) else {
                return;
            };
            let mut found = None;
            while let Some(off) = self
                .bytes
                .get(from..self.end)
                .and_then(|h| memchr::memmem::find(h, pat))
            {
                let q = from + off;
                from = q + 1;
                if self.after_space(q) {
                    if let Some(m) = self.marker_at(q).filter(|m| m.value == next) {
                        found = Some((q, m));
                        break;
                    }
                }
            }
            let Some((q, m)) = found else {
                return;
            };
            self.list_cuts.push(q);
            self.marker_dots.extend(m.dot);
            value = next;
            from = m.end;
        }
    }

    fn skip_inline_space(&self, mut p: usize) -> usize {
        while let Some(b' ' | b'\t') = self.byte(p) {
            p += 1;
        }
        p
    }

    /// True when the byte before `q` is white space.
    fn after_space(&self, q: usize) -> bool {
        q > self.start && self.char_before(q).is_some_and(is_space)
    }

    /// Byte length of a bullet char at `p`, or 0.
    fn bullet_len(&self, p: usize) -> usize {
        const BULLETS: [&str; 6] = ["•", "⁃", "◦", "▪", "‣", "●"];
        if self.byte(p) != Some(0xE2) {
            return 0;
        }
        BULLETS
            .iter()
            .find(|b| self.has(p, b.as_bytes()))
            .map_or(0, |b| b.len())
    }

    /// A list marker at `p`: `12.`, `12)`, `12.)`, `a.`, `a)`, `a.)`,
    /// followed by white space.
    fn marker_at(&self, p: usize) -> Option<Marker> {
        let mut e = p;
        let value = match self.byte(p)? {
            b'0'..=b'9' => {
                let mut n = 0u32;
                while let Some(d @ b'0'..=b'9') = self.byte(e) {
                    n = n * 10 + u32::from(d - b'0');
                    e += 1;
                    if e - p > 3 {
                        return None;
                    }
                }
                MarkerValue::Number(n)
            }
            b @ b'a'..=b'z' => {
                e += 1;
                MarkerValue::Letter(b)
            }
            _ => return None,
        };
        let (style, dot) = match (self.byte(e), self.byte(e + 1)) {
            (Some(b'.'), Some(b')')) => (Style::DotParen, Some(e)),
            (Some(b'.'), _) => (Style::Dot, Some(e)),
            (Some(b')'), _) => (Style::Paren, None),
            _ => return None,
        };
        let end = e + style.len();
        (self.space_len(end) > 0).then_some(Marker {
            value,
            style,
            dot,
            end,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Term {
    Bang,
    Ellipsis,
    Cjk,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MarkerValue {
    Number(u32),
    Letter(u8),
}

impl MarkerValue {
    fn succ(self) -> Option<Self> {
        match self {
            MarkerValue::Number(n) if n < 999 => Some(MarkerValue::Number(n + 1)),
            MarkerValue::Letter(b) if b < b'z' => Some(MarkerValue::Letter(b + 1)),
            _ => None,
        }
    }

    /// Writes the marker text (`12.)`) into `buf`; returns its length.
    fn write(self, style: Style, buf: &mut [u8; 8]) -> usize {
        let mut len = 0;
        let mut push = |b: u8| {
            if let Some(slot) = buf.get_mut(len) {
                *slot = b;
                len += 1;
            }
        };
        match self {
            MarkerValue::Number(n) => {
                for (i, d) in [n / 100, n / 10 % 10, n % 10].into_iter().enumerate() {
                    if d > 0 || i == 2 || (i == 1 && n >= 100) {
                        push(b'0' + d as u8);
                    }
                }
            }
            MarkerValue::Letter(b) => push(b),
        }
        match style {
            Style::Dot => push(b'.'),
            Style::Paren => push(b')'),
            Style::DotParen => {
                push(b'.');
                push(b')');
            }
        }
        len
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Dot,
    Paren,
    DotParen,
}

impl Style {
    fn len(self) -> usize {
        match self {
            Style::Dot | Style::Paren => 1,
            Style::DotParen => 2,
        }
    }
}

struct Marker {
    value: MarkerValue,
    style: Style,
    dot: Option<usize>,
    end: usize,
}

/// Classifies a word (without its final dot and surrounding quotes).
fn classify(word: &str) -> Abbrev {
    let bytes = word.as_bytes();
    match bytes {
        [] => return Abbrev::None,
        [b] if b.is_ascii_alphabetic() => return Abbrev::Weak, // an initial: "E.", "I.", "p."
        _ => {}
    }
    if bytes.contains(&b'.') {
        return classify_dotted(word);
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // One non-ASCII letter, e.g. "É."
        return if c.is_alphabetic() {
            Abbrev::Weak
        } else {
            Abbrev::None
        };
    }
    let mut buf = [0u8; 8];
    let Some(lower) = buf.get_mut(..bytes.len()) else {
        return Abbrev::None;
    };
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let capital = bytes.first().is_some_and(u8::is_ascii_uppercase);
    let (class, needs_capital) =
        match &*lower {
            // Titles and ranks: always followed by a name.
            b"mr" | b"mrs" | b"ms" | b"messrs" | b"mme" | b"mlle" | b"dr" | b"drs" | b"prof"
            | b"profs" | b"gen" | b"gens" | b"lt" | b"col" | b"maj" | b"capt" | b"cpt" | b"sgt"
            | b"cpl" | b"pvt" | b"spc" | b"adm" | b"brig" | b"cmdr" | b"cdr" | b"comdr"
            | b"lieut" | b"sen" | b"sens" | b"rep" | b"reps" | b"gov" | b"govs" | b"pres"
            | b"supt" | b"insp" | b"det" | b"amb" | b"atty" | b"rev" | b"hon" | b"fr" | b"mt"
            | b"ft" | b"sec" => (Abbrev::Never, true),
            b"vs" | b"cf" | b"viz" => (Abbrev::Never, false),
            // Before numbers.
            b"no" | b"nos" | b"nr" | b"vol" | b"vols" | b"art" | b"arts" | b"fig" | b"figs"
            | b"pp" | b"para" | b"paras" | b"approx" | b"est" | b"ca" | b"ch" | b"chap"
            | b"n\xC2\xB0" | b"n\xC2\xBA" => (Abbrev::Numeric, false),
            // Ambiguous: may well end a sentence.
            b"co" | b"cos" | b"inc" | b"ltd" | b"corp" | b"bros" | b"llc" | b"plc" | b"jr"
            | b"sr" | b"st" | b"al" | b"dept" | b"univ" | b"assn" | b"ave" | b"blvd" | b"rd"
            | b"hwy" => (Abbrev::Weak, false),
            b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept"
            | b"oct" | b"nov" | b"dec" => (Abbrev::Weak, true),
            b"ala" | b"ariz" | b"ark" | b"calif" | b"colo" | b"conn" | b"del" | b"fla" | b"ga"
            | b"ill" | b"ind" | b"kan" | b"kans" | b"ky" | b"la" | b"md" | b"mass" | b"mich"
            | b"minn" | b"miss" | b"mo" | b"mont" | b"neb" | b"nev" | b"okla" | b"ore" | b"pa"
            | b"tenn" | b"tex" | b"va" | b"vt" | b"wash" | b"wis" | b"wyo" => (Abbrev::State, true),
            _ => return Abbrev::None,
        };
    if needs_capital && !capital {
        Abbrev::None
    } else {
        class
    }
}

/// Words with inner dots: initialisms (`U.S`, `e.g`, `a.m`, `Ph.D`) or not
/// (numbers, addresses).
fn classify_dotted(word: &str) -> Abbrev {
    let initialism = word
        .split('.')
        .all(|part| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic()));
    if !initialism {
        // "Lt.Gen": judge by the last part when it looks like a word.
        return match word.rsplit('.').next() {
            Some(last) if last.as_bytes().first().is_some_and(u8::is_ascii_uppercase) => {
                classify(last)
            }
            _ => Abbrev::None,
        };
    }
    match word {
        "e.g" | "i.e" | "E.g" | "I.e" => Abbrev::Never,
        "A.M" | "P.M" => Abbrev::None,
        _ => Abbrev::Weak,
    }
}

/// Verbs that attribute a quotation ("…?” Putin asked").
fn is_reporting_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "asked"
            | "asks"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "replied"
            | "shouted"
            | "wrote"
            | "writes"
            | "tweeted"
            | "posted"
            | "declared"
            | "insisted"
            | "warned"
            | "explained"
            | "continued"
            | "cried"
            | "yelled"
            | "exclaimed"
            | "demanded"
            | "wondered"
            | "stated"
            | "noted"
    )
}

/// Words that commonly open a sentence, so that an ambiguous abbreviation
/// before them ends one ("I live in the U.S. How about you?").
fn is_sentence_starter(word: &[u8]) -> bool {
    matches!(
        word,
        b"A" | b"About"
            | b"According"
            | b"After"
            | b"Afterwards"
            | b"Again"
            | b"All"
            | b"Also"
            | b"Although"
            | b"Among"
            | b"An"
            | b"And"
            | b"Another"
            | b"Any"
            | b"As"
            | b"At"
            | b"Because"
            | b"Before"
            | b"Being"
            | b"Both"
            | b"But"
            | b"By"
            | b"Despite"
            | b"Did"
            | b"During"
            | b"Each"
            | b"Earlier"
            | b"Either"
            | b"Even"
            | b"Every"
            | b"Following"
            | b"For"
            | b"From"
            | b"Further"
            | b"Furthermore"
            | b"He"
            | b"Her"
            | b"Here"
            | b"His"
            | b"How"
            | b"However"
            | b"I"
            | b"If"
            | b"In"
            | b"Instead"
            | b"It"
            | b"Its"
            | b"Last"
            | b"Later"
            | b"Many"
            | b"Meanwhile"
            | b"Millions"
            | b"More"
            | b"Moreover"
            | b"Most"
            | b"Much"
            | b"Nevertheless"
            | b"Not"
            | b"Now"
            | b"On"
            | b"Once"
            | b"One"
            | b"Only"
            | b"Other"
            | b"Our"
            | b"She"
            | b"Since"
            | b"So"
            | b"Some"
            | b"Still"
            | b"Such"
            | b"That"
            | b"The"
            | b"Their"
            | b"Then"
            | b"There"
            | b"These"
            | b"They"
            | b"This"
            | b"Those"
            | b"Though"
            | b"Thus"
            | b"To"
            | b"Today"
            | b"Under"
            | b"Until"
            | b"We"
            | b"What"
            | b"When"
            | b"Where"
            | b"Whether"
            | b"Which"
            | b"While"
            | b"Who"
            | b"Why"
            | b"With"
            | b"Within"
            | b"Without"
            | b"Yesterday"
            | b"Yet"
            | b"You"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits the whole of `text` and returns the sentences' text.
    fn split(text: &str) -> Vec<&str> {
        let spans = split_sentences(text, Span::new(0, text.len()));
        check_invariants(text, Span::new(0, text.len()), &spans);
        spans.iter().map(|s| &text[s.range()]).collect()
    }

    /// The contract: inside the block, trimmed, non-empty, ordered,
    /// non-overlapping, on char boundaries, covering every non-space char.
    fn check_invariants(text: &str, block: Span, spans: &[Span]) {
        let (lo, hi) = clamp(text, block).unwrap_or((0, 0));
        let mut prev_end = lo;
        for s in spans {
            assert!(s.start < s.end, "empty span {s:?}");
            assert!(s.start >= prev_end, "overlap or disorder at {s:?}");
            assert!(s.end <= hi, "span {s:?} past block end {hi}");
            let t = s.slice(text).expect("span on char boundaries");
            assert_eq!(t.trim_matches(is_space), t, "untrimmed span {s:?}");
            let gap = text.get(prev_end..s.start).expect("gap on char boundaries");
            assert!(gap.chars().all(is_space), "uncovered text {gap:?}");
            prev_end = s.end;
        }
        let tail = text.get(prev_end..hi).expect("tail on char boundaries");
        assert!(tail.chars().all(is_space), "uncovered tail {tail:?}");
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            // Curly quotes close sentences like straight ones.
            ("He said “No.” Then left.", &["He said “No.”", "Then left."]),
            (
                "He said: “We will win.” The crowd cheered.",
                &["He said: “We will win.”", "The crowd cheered."],
            ),
            (
                "‘We will win.’ The crowd cheered.",
                &["‘We will win.’", "The crowd cheered."],
            ),
            ("He said “no”. Then left.", &["He said “no”.", "Then left."]),
            (
                "“Will they come?” he asked. “Yes!” She left.",
                &["“Will they come?” he asked.", "“Yes!”", "She left."],
            ),
            // Abbreviations that end a sentence before a clear starter.
            (
                "Troops landed in the U.S. The next day they left.",
                &["Troops landed in the U.S.", "The next day they left."],
            ),
            (
                "The U.K., the U.N. and the E.U. met. The U.S. Navy sent ships.",
                &[
                    "The U.K., the U.N. and the E.U. met.",
                    "The U.S. Navy sent ships.",
                ],
            ),
            (
                "The attack began in Dec. The next day it stopped.",
                &["The attack began in Dec.", "The next day it stopped."],
            ),
            (
                "The deal went to Acme Inc. It closed on Friday.",
                &["The deal went to Acme Inc.", "It closed on Friday."],
            ),
            (
                "At 5 a.m. The convoy left at 6 p.m. yesterday.",
                &["At 5 a.m.", "The convoy left at 6 p.m. yesterday."],
            ),
            (
                "The plan was called Plan B. It failed. It ended in World War I. Then peace.",
                &[
                    "The plan was called Plan B.",
                    "It failed.",
                    "It ended in World War I.",
                    "Then peace.",
                ],
            ),
            (
                "Tanks, guns, etc. Russia also sent troops.",
                &["Tanks, guns, etc.", "Russia also sent troops."],
            ),
            (
                "He answered no. Then he left.",
                &["He answered no.", "Then he left."],
            ),
            // Abbreviations that do not end a sentence.
            (
                "Gen. Smith met Lt. Col. Jones and Capt. Brown at Fort Bragg.",
                &["Gen. Smith met Lt. Col. Jones and Capt. Brown at Fort Bragg."],
            ),
            (
                "Maj. Gen. Ivanov, Sgt. Petrov, Adm. Kuznetsov, Brig. Gen. Lee and Cmdr. Reyes arrived.",
                &[
                    "Maj. Gen. Ivanov, Sgt. Petrov, Adm. Kuznetsov, Brig. Gen. Lee and Cmdr. Reyes arrived.",
                ],
            ),
            (
                "Sen. Graham, Rep. Smith, Gov. Abbott and Pres. Biden spoke.",
                &["Sen. Graham, Rep. Smith, Gov. Abbott and Pres. Biden spoke."],
            ),
            (
                "Dr. Ali, Mr. Khan, Mrs. Khan, Ms. Lee and Prof. Tan met at St. Mary's.",
                &["Dr. Ali, Mr. Khan, Mrs. Khan, Ms. Lee and Prof. Tan met at St. Mary's."],
            ),
            (
                "Martin Luther King Jr. Day and John Smith Sr. Memorial Hall were named.",
                &["Martin Luther King Jr. Day and John Smith Sr. Memorial Hall were named."],
            ),
            (
                "Acme Inc. Chief Executive Jane Doe and Foo Ltd. Chairman Bo Li met Baz Corp. Director Li.",
                &[
                    "Acme Inc. Chief Executive Jane Doe and Foo Ltd. Chairman Bo Li met Baz Corp. Director Li.",
                ],
            ),
            (
                "Smith vs. Jones, e.g. Paris, i.e. France, cf. Berlin.",
                &["Smith vs. Jones, e.g. Paris, i.e. France, cf. Berlin."],
            ),
            (
                "Sec. Blinken met Lt.Gen. Smith and a Ph.D. Student at www.example.com. Then they left.",
                &[
                    "Sec. Blinken met Lt.Gen. Smith and a Ph.D. Student at www.example.com.",
                    "Then they left.",
                ],
            ),
            (
                "They flew to the U.S. “We are home,” he said. Back in the U.S.\u{00A0}It’s late.",
                &[
                    "They flew to the U.S.",
                    "“We are home,” he said.",
                    "Back in the U.S.",
                    "It’s late.",
                ],
            ),
            (
                "It weighs approx. 300 kg and was est. 1990 in Vol. 2, Art. 5, para. 4 of No. 10.",
                &[
                    "It weighs approx. 300 kg and was est. 1990 in Vol. 2, Art. 5, para. 4 of No. 10.",
                ],
            ),
            (
                "See Fig. 3, Nos. 3 and 4, and Art. IV of the treaty.",
                &["See Fig. 3, Nos. 3 and 4, and Art. IV of the treaty."],
            ),
            (
                "On Jan. 5, Feb. 6, Sept. 11 and Dec. 25 nothing happened.",
                &["On Jan. 5, Feb. 6, Sept. 11 and Dec. 25 nothing happened."],
            ),
            (
                "J. K. Rowling met George W. Bush in Washington, D.C. on Friday.",
                &["J. K. Rowling met George W. Bush in Washington, D.C. on Friday."],
            ),
            (
                "The U.S. Army and the U.N. Security Council met in Los Angeles, Calif. He said so.",
                &[
                    "The U.S. Army and the U.N. Security Council met in Los Angeles, Calif.",
                    "He said so.",
                ],
            ),
            // A state after a place ends a sentence before a new clause, not before a
            // name that goes on or a day.
            (
                "Troops landed in Atlanta, Ga. Police said nothing. The Macon, Ga. Police Department agreed. \
                 He died in Salem, Ore. Sunday at home. Staff in Calif. Officials wards left.",
                &[
                    "Troops landed in Atlanta, Ga.",
                    "Police said nothing.",
                    "The Macon, Ga. Police Department agreed.",
                    "He died in Salem, Ore. Sunday at home.",
                    "Staff in Calif. Officials wards left.",
                ],
            ),
            // Numbers, addresses and ellipses.
            (
                "Prices rose 3.5 percent. Analysts expected 1.5. Email press@mod.gov.uk. Visit https://example.org/a.b. Thanks.",
                &[
                    "Prices rose 3.5 percent.",
                    "Analysts expected 1.5.",
                    "Email press@mod.gov.uk.",
                    "Visit https://example.org/a.b.",
                    "Thanks.",
                ],
            ),
            (
                "It ended in 2019. 5 people died.",
                &["It ended in 2019.", "5 people died."],
            ),
            (
                "He hesitated… Then he spoke. Wait… what?",
                &["He hesitated…", "Then he spoke.", "Wait… what?"],
            ),
            (
                "Is it? Yes! Really?! OK.",
                &["Is it?", "Yes!", "Really?!", "OK."],
            ),
            // A quotation ending in ? or ! and then its attribution.
            (
                "“Why?” Putin asked. “Go!” Gen. Ali shouted. “Stop…” Vladimir V. Putin said.",
                &[
                    "“Why?” Putin asked.",
                    "“Go!” Gen. Ali shouted.",
                    "“Stop…” Vladimir V. Putin said.",
                ],
            ),
            (
                "“Why?” Putin Foundation officials gathered. Why? Putin said nothing.",
                &[
                    "“Why?”",
                    "Putin Foundation officials gathered.",
                    "Why?",
                    "Putin said nothing.",
                ],
            ),
            // Other scripts and spaces.
            ("我们走了。他们来了。", &["我们走了。", "他们来了。"]),
            ("你好！真的吗？是的。", &["你好！", "真的吗？", "是的。"]),
            ("هل هذا صحيح؟ نعم.", &["هل هذا صحيح؟", "نعم."]),
            (
                "Москва заявила об этом. Киев промолчал.",
                &["Москва заявила об этом.", "Киев промолчал."],
            ),
            (
                "It ended.\u{00A0}Then it began.",
                &["It ended.", "Then it began."],
            ),
            ("Done.\u{200B}Next one.", &["Done.", "Next one."]),
            ("First line\n\nSecond line", &["First line", "Second line"]),
            (
                "First line \n \t\r\n Second line",
                &["First line", "Second line"],
            ),
            ("First line\nsecond line", &["First line\nsecond line"]),
            // Lists and bullets inside one block.
            (
                "• Hmeimim Airbase: the main base.\n  • Tartous Naval Facility: the port",
                &[
                    "• Hmeimim Airbase: the main base.",
                    "• Tartous Naval Facility: the port",
                ],
            ),
            (
                "1. Russia moved troops. 2. Syria fell. 3. Assad fled",
                &["1. Russia moved troops.", "2. Syria fell.", "3. Assad fled"],
            ),
            ("a) one b) two c) three", &["a) one", "b) two", "c) three"]),
            // Degenerate blocks.
            ("", &[]),
            ("   \n\t ", &[]),
            ("...", &["..."]),
            (". . . .", &[". . . ."]),
            ("?!", &["?!"]),
            ("Mr.", &["Mr."]),
            ("  Hello.  ", &["Hello."]),
        ];
        let mut failures = Vec::new();
        for (input, expected) in cases {
            let got = split(input);
            if got != *expected {
                failures.push(format!(
                    "input: {input:?}\n  expected: {expected:?}\n  got:      {got:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn seed_document_blocks() {
        let seed = include_str!("../../../../seeds/assad-asylum-russia.txt");
        let mut counts = Vec::new();
        let mut offset = 0;
        for block in seed.split("\n\n") {
            let span = Span::new(offset, offset + block.len());
            offset += block.len() + 2;
            let spans = split_sentences(seed, span);
            check_invariants(seed, span, &spans);
            counts.push(spans.len());
            if block.starts_with("Syria’s President") {
                let got: Vec<&str> = spans.iter().map(|s| &seed[s.range()]).collect();
                assert_eq!(
                    got,
                    [
                        "Syria’s President Bashar al-Assad has recently made headlines after arriving in Russia, where he was granted asylum by the authorities.",
                        "This development comes as Russian military facilities in Syria, particularly in Latakia and Tartous, are facing increasing threats from advancing insurgents.",
                    ]
                );
            }
        }
        // Title, paragraph, heading, paragraph, heading, paragraph, two
        // bullets, heading, paragraph, heading, paragraph.
        assert_eq!(counts, [1, 2, 1, 2, 1, 3, 2, 1, 2, 1, 2]);
    }

    #[test]
    fn spans_are_relative_to_the_whole_text() {
        let text = "Before. Hello there. Bye now. After.";
        let block = Span::new(8, 29);
        let got: Vec<&str> = split_sentences(text, block)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(got, ["Hello there.", "Bye now."]);
    }

    #[test]
    fn bad_spans_do_not_panic() {
        let text = "Syria’s army. It left.";
        for span in [
            Span::new(0, 1000),
            Span::new(500, 1000),
            Span::new(6, 7), // inside ’
            Span::new(5, 8),
            Span::new(7, 20),
            Span::new(10, 3),
        ] {
            let spans = split_sentences(text, span);
            check_invariants(text, span, &spans);
        }
    }

    #[test]
    fn ellipsis_char_then_spaced_dots_cuts_on_a_char_boundary() {
        // Found by tests/properties.rs: the cut after a '…' fell inside it.
        let t = "he said…. .   • ";
        let spans = split_sentences(t, Span::new(0, t.len()));
        assert!(!spans.is_empty());
        for s in spans {
            assert!(s.slice(t).is_some(), "{s:?}");
        }
    }

    #[test]
    fn pathological_inputs_finish_and_stay_valid() {
        let inputs = [
            ".".repeat(1_000_000),
            ". ".repeat(500_000),
            "a.".repeat(500_000),
            "A. ".repeat(300_000),
            "U.S. ".repeat(200_000),
            "x".repeat(1_000_000),
            "abc.def".repeat(150_000),
            "?! ".repeat(300_000),
            "\n".repeat(1_000_000),
            "1. a ".repeat(200_000),
            "• 1. x ".repeat(100_000),
            "…".repeat(300_000),
            "?” Putin Ali Bo ".repeat(100_000),
            format!("1. {}", "2.2.".repeat(250_000)),
            format!("a.{}", " ".repeat(1_000_000)),
        ];
        for text in &inputs {
            let started = std::time::Instant::now();
            let spans = split_sentences(text, Span::new(0, text.len()));
            check_invariants(text, Span::new(0, text.len()), &spans);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(10),
                "too slow on {:?}…",
                &text[..20]
            );
        }
    }

    #[test]
    fn scrambled_inputs_stay_valid() {
        // Deterministic pseudo-random texts over the characters the rules look at.
        const ALPHABET: [&str; 32] = [
            ".", ". ", "?", "!", " ", "\n", "a", "B", "1", "…", "“", "”", "’", "‘", "\"", "'", "(",
            ")", "[", "]", "•", "。", "？", "؟", "\u{00A0}", "\u{200B}", "Mr", "U.S", "e.g", "No",
            "é", "日",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(state % 60) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(ALPHABET[(state % ALPHABET.len() as u64) as usize]);
            }
            let spans = split_sentences(&text, Span::new(0, text.len()));
            check_invariants(&text, Span::new(0, text.len()), &spans);
            // Every sub-block too, including ones that cut characters.
            let mid = text.len() / 3;
            let span = Span::new(mid, text.len() - mid / 2);
            check_invariants(&text, span, &split_sentences(&text, span));
        }
    }
}
