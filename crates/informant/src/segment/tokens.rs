//! Tokenization that keeps analysts' units together.
//!
//! A hand-written, single-pass scanner over the bytes of the text with an
//! ASCII fast path; non-ASCII characters are decoded only where they occur.
//! It allocates nothing per token and every look-ahead is bounded by a small
//! constant, so it runs in linear time on any input (a 5 MB "word", a million
//! dots, binary junk).
//!
//! What stays one token, and the choices made where the text is ambiguous:
//!
//! * Hyphenated words and designators stay whole (`al-Assad`, `state-of-the-art`,
//!   `F-16`, `60-plus`, `U.S.-backed`): a hyphen joins when letters or digits
//!   stand on both sides. `--`, a free-standing `-`, `—` and `–` are punctuation.
//! * English clitics split off as words, Penn-Treebank style: `Syria’s` →
//!   `Syria` `’s`, `don't` → `do` `n't`, `they're` → `they` `'re` (also `'ve 'll
//!   'd 'm`, straight or curly apostrophe). An apostrophe between letters that
//!   does not start a clitic stays inside the word (`O'Brien`, `D’Souza`,
//!   `Sana'a`, `Qur'an`).
//! * A trailing apostrophe (`bloggers’`, `Insurgents’`) is its own punctuation
//!   token: a plural possessive cannot be told from a closing single quote
//!   without parsing, and a separate token keeps the word itself matchable.
//! * Abbreviations keep their period: initialisms of one- or two-letter groups
//!   (`U.S.`, `e.g.`, `a.m.`, `Ph.D.`), single capital initials (`George W.`
//!   but not `I.`), and a small list of titles, months and Latin abbreviations
//!   (`Gen.`, `Mr.`, `Jan.`, `etc.`; `No.` only before a digit). Any other word
//!   ending a sentence leaves its period as punctuation.
//! * Numbers keep separators and units: `18,000`, `1,200.50`, `5.56mm`,
//!   `7.62x39mm`, `1990s`, `4th`, times `10:30`, dates `08/12/2024` and
//!   `2024-12-08`, signed `+44` and `-5` (a sign counts only at the start of a
//!   token). A hyphen between digits joins like any other, so `10-20` and
//!   `+44-20-7946-0958` stay whole; an en dash (`2010–2015`) splits. Currency and percent signs are separate symbols (`$` `1.2`, `40` `%`).
//! * URLs start with `http://`, `https://`, `ftp://` or `www.`; trailing
//!   sentence punctuation and an unbalanced closing bracket are left out. A
//!   bare host name (`state.gov`) is a URL when its last label is a common
//!   top-level domain. E-mail addresses, `@handles` and `#hashtags` are single
//!   tokens.
//! * Runs of the same mark are one token (`...`, `--`, `***`, `——`), as is a
//!   run of `?` and `!` (`?!`); `…` is one token.
//! * Letters of any script form words; a run of CJK characters with no space or
//!   punctuation is one word. Emoji and other symbols are symbol tokens, with
//!   combining marks, variation selectors and skin-tone modifiers kept on their
//!   base; a pair of regional indicators (a flag) is one token. The zero-width
//!   joiner counts as space (see [`is_space`]), so ZWJ emoji sequences yield one
//!   token per pictograph.
//! * Control and bidirectional-formatting characters separate tokens and are
//!   never part of one.

use memchr::memchr;

use crate::document::{Token, TokenKind};
use crate::span::{Span, is_space};

/// Appends the tokens of the text under `span` to `out`.
///
/// Tokens come in order, never overlap, are never empty, lie inside `span` on
/// char boundaries and never contain space (as defined by [`is_space`]). A span
/// that is out of bounds or not on char boundaries yields no token.
///
/// # Example
/// ```
/// use informant::Span;
/// use informant::tokenize;
/// let text = "Syria’s al-Assad left.";
/// let mut out = Vec::new();
/// tokenize(text, Span::new(0, text.len()), &mut out);
/// let words: Vec<&str> = out.iter().map(|t| &text[t.span.range()]).collect();
/// assert_eq!(words, ["Syria", "’s", "al-Assad", "left", "."]);
/// ```
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    if span.is_empty() || span.slice(text).is_none() {
        return;
    }
    let b = text.as_bytes();
    let mut t = Tokenizer {
        text,
        b,
        start: span.start,
        end: span.end,
        out,
        prev_end: usize::MAX,
        next_at: next_at(b, span.start, span.end),
    };
    t.run();
}

/// ASCII character classes for the fast path.
const SEP: u8 = 0; // space and control characters: never inside a token
const LET: u8 = 1;
const DIG: u8 = 2;
const PUN: u8 = 3;
const SYM: u8 = 4;

static CLASS: [u8; 128] = {
    let mut t = [PUN; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c <= b' ' || c == 0x7f {
            SEP
        } else if c.is_ascii_alphabetic() {
            LET
        } else if c.is_ascii_digit() {
            DIG
        } else if matches!(
            c,
            b'$' | b'%' | b'+' | b'<' | b'=' | b'>' | b'^' | b'|' | b'~' | b'&' | b'@' | b'#'
        ) {
            SYM
        } else {
            PUN
        };
        i += 1;
    }
    t
};

/// Longest e-mail local part (RFC 5321); bounds the look-back from an `@`.
const MAX_LOCAL: usize = 64;
/// Longest e-mail domain (RFC 1035); bounds the look-ahead past an `@`.
const MAX_DOMAIN: usize = 253;
/// Most groups in an initialism (`U.S.A.` has three); bounds that look-ahead.
const MAX_INITIALISM_GROUPS: usize = 8;

/// Position of the next `@` at or after `from`, or `usize::MAX`.
fn next_at(b: &[u8], from: usize, end: usize) -> usize {
    b.get(from..end)
        .and_then(|s| memchr(b'@', s))
        .map_or(usize::MAX, |p| from + p)
}

struct Tokenizer<'a> {
    text: &'a str,
    b: &'a [u8],
    start: usize,
    end: usize,
    out: &'a mut Vec<Token>,
    /// End of the last token pushed by this call, to tell a clitic (`U.S.’s`)
    /// from an opening quote and to glue stray combining marks.
    prev_end: usize,
    /// Next `@` at or after the scan position; e-mail checks run only near one.
    next_at: usize,
}

/// What an apostrophe inside a word means.
enum Apostrophe {
    /// Part of the word (`O'Brien`).
    Join,
    /// Ends the word; the apostrophe is a separate token.
    Stop,
    /// Starts a clitic ending at the given offset (`’s`).
    Clitic(usize),
    /// The word ends one char earlier with `n't`, which ends at the given offset.
    Nt(usize),
}

impl Tokenizer<'_> {
    fn run(&mut self) {
        let mut i = self.start;
        while i < self.end {
            let b = self.b[i];
            let next = if b < 0x80 {
                match CLASS[b as usize] {
                    SEP => i + 1,
                    LET => self.letter(i),
                    DIG => self.digit(i),
                    _ => self.ascii_other(i, b),
                }
            } else {
                self.non_ascii(i)
            };
            // Every branch consumes at least one char; the guard keeps a logic
            // slip from turning into an endless loop on hostile input.
            i = if next > i { next } else { self.next_char(i) };
        }
    }

    // ---- small helpers -------------------------------------------------

    fn push(&mut self, s: usize, e: usize, kind: TokenKind) {
        if e > s {
            self.out.push(Token {
                span: Span::new(s, e),
                kind,
            });
            self.prev_end = e;
        }
    }

    /// Pushes a punctuation or symbol token after gluing on any combining marks.
    fn push_mark(&mut self, s: usize, e: usize, kind: TokenKind) -> usize {
        let e = self.absorb_marks(e);
        self.push(s, e, kind);
        e
    }

    /// The byte at `k`, or 0 past the span.
    #[inline]
    fn byte(&self, k: usize) -> u8 {
        if k < self.end { self.b[k] } else { 0 }
    }

    /// The char at `k` (a char boundary) and its length, or `None` past the span.
    #[inline]
    fn char_at(&self, k: usize) -> Option<(char, usize)> {
        let c = self.text.get(k..self.end)?.chars().next()?;
        Some((c, c.len_utf8()))
    }

    fn next_char(&self, i: usize) -> usize {
        self.char_at(i).map_or(self.end, |(_, n)| i + n)
    }

    #[inline]
    fn alnum_at(&self, k: usize) -> bool {
        let c = self.byte(k);
        if c < 0x80 {
            c.is_ascii_alphanumeric()
        } else {
            self.char_at(k).is_some_and(|(ch, _)| ch.is_alphanumeric())
        }
    }

    #[inline]
    fn letter_at(&self, k: usize) -> bool {
        let c = self.byte(k);
        if c < 0x80 {
            c.is_ascii_alphabetic()
        } else {
            self.char_at(k).is_some_and(|(ch, _)| ch.is_alphabetic())
        }
    }

    /// True when the char just before `i` (inside the span) is a letter or digit.
    fn prev_is_alnum(&self, i: usize) -> bool {
        i > self.start
            && self
                .text
                .get(self.start..i)
                .and_then(|s| s.chars().next_back())
                .is_some_and(char::is_alphanumeric)
    }

    /// End of the run of byte `c` starting at `i`.
    fn run_of(&self, i: usize, c: u8) -> usize {
        let mut k = i;
        while k < self.end && self.b[k] == c {
            k += 1;
        }
        k
    }

    fn absorb_marks(&self, mut e: usize) -> usize {
        while self.byte(e) >= 0x80 {
            match self.char_at(e) {
                Some((c, n)) if is_mark(c) => e += n,
                _ => break,
            }
        }
        e
    }

    // ---- words and numbers ---------------------------------------------

    fn letter(&mut self, i: usize) -> usize {
        if matches!(self.b[i] | 0x20, b'h' | b'w' | b'f') {
            if let Some(e) = self.url(i) {
                self.push(i, e, TokenKind::Url);
                return e;
            }
        }
        if let Some(e) = self.email(i) {
            self.push(i, e, TokenKind::Email);
            return e;
        }
        if let Some(e) = self.initialism(i) {
            // `U.S.-backed` is one compound, like any hyphenated word.
            if self.byte(e) == b'-' && self.alnum_at(e + 1) {
                return self.scan(i, e + 1);
            }
            self.push(i, e, TokenKind::Word);
            return e;
        }
        self.scan(i, i)
    }

    fn digit(&mut self, i: usize) -> usize {
        if let Some(e) = self.email(i) {
            self.push(i, e, TokenKind::Email);
            return e;
        }
        self.scan(i, i)
    }

    /// Scans a word or number that starts at `start`, resuming at `j`; pushes
    /// it (and any clitic split off it) and returns where scanning stopped.
    fn scan(&mut self, start: usize, mut j: usize) -> usize {
        let b = self.b;
        let end = self.end;
        let mut has_dot = false;
        loop {
            while j < end && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            if j >= end {
                break;
            }
            let c = b[j];
            if c < 0x80 {
                // `c` follows a letter, digit or mark, so `j > start` here.
                let p = b[j - 1];
                let joins = match c {
                    b'-' | b'_' => self.alnum_at(j + 1),
                    b'.' => {
                        let n = self.byte(j + 1);
                        // Decimals (`3.5`), versions and host names
                        // (`centcom.mil`); a capital after the dot is more
                        // likely a missing space than one token.
                        let ok = if p.is_ascii_digit() {
                            n.is_ascii_digit()
                        } else {
                            n.is_ascii_lowercase() || n.is_ascii_digit()
                        };
                        has_dot |= ok;
                        ok
                    }
                    // Thousands separator: exactly three digits follow.
                    b',' => {
                        p.is_ascii_digit()
                            && self.byte(j + 1).is_ascii_digit()
                            && self.byte(j + 2).is_ascii_digit()
                            && self.byte(j + 3).is_ascii_digit()
                            && !self.byte(j + 4).is_ascii_digit()
                    }
                    // Times, ratios and dates.
                    b':' | b'/' => p.is_ascii_digit() && self.byte(j + 1).is_ascii_digit(),
                    // `AT&T`, `R&D`.
                    b'&' => p.is_ascii_uppercase() && self.byte(j + 1).is_ascii_uppercase(),
                    b'\'' => match self.apostrophe(start, j, 1) {
                        Apostrophe::Join => true,
                        Apostrophe::Stop => false,
                        Apostrophe::Clitic(e) => return self.split_clitic(start, j, e, has_dot),
                        Apostrophe::Nt(e) => return self.split_clitic(start, j - 1, e, has_dot),
                    },
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += 1;
            } else {
                let Some((ch, n)) = self.char_at(j) else {
                    break;
                };
                if ch.is_alphanumeric() || is_mark(ch) {
                    j += n;
                    continue;
                }
                match ch {
                    '\u{2019}' => match self.apostrophe(start, j, n) {
                        Apostrophe::Join => j += n,
                        Apostrophe::Stop => break,
                        Apostrophe::Clitic(e) => return self.split_clitic(start, j, e, has_dot),
                        Apostrophe::Nt(e) => return self.split_clitic(start, j - 1, e, has_dot),
                    },
                    // Unicode hyphen and non-breaking hyphen join like `-`.
                    '\u{2010}' | '\u{2011}' if self.alnum_at(j + n) => j += n,
                    _ => break,
                }
            }
        }
        if self.byte(j) == b'.' && self.keeps_period(start, j) {
            j += 1;
        }
        let kind = self.word_kind(start, j, has_dot);
        self.push(start, j, kind);
        j
    }

    /// Pushes the word `start..j` and the clitic `j..e`; returns `e`.
    fn split_clitic(&mut self, start: usize, j: usize, e: usize, has_dot: bool) -> usize {
        let kind = self.word_kind(start, j, has_dot);
        self.push(start, j, kind);
        self.push(j, e, TokenKind::Word);
        e
    }

    fn word_kind(&self, start: usize, end: usize, has_dot: bool) -> TokenKind {
        let c = self.b[start];
        if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') {
            return TokenKind::Number;
        }
        if c >= 0x80 && self.char_at(start).is_some_and(|(ch, _)| ch.is_numeric()) {
            return TokenKind::Number;
        }
        if has_dot {
            let tok = &self.b[start..end];
            if let Some(d) = memchr::memrchr(b'.', tok) {
                if is_tld(&tok[d + 1..]) {
                    return TokenKind::Url;
                }
            }
        }
        TokenKind::Word
    }

    /// Decides what the apostrophe at `j` (of `alen` bytes) does to the word
    /// `start..j`.
    fn apostrophe(&self, start: usize, j: usize, alen: usize) -> Apostrophe {
        let k = j + alen;
        let p = self.b[j - 1];
        if matches!(p, b'n' | b'N')
            && j - 1 > start
            && matches!(self.byte(k), b't' | b'T')
            && !self.alnum_at(k + 1)
        {
            return Apostrophe::Nt(k + 1);
        }
        if let Some(n) = self.clitic(k) {
            return Apostrophe::Clitic(k + n);
        }
        // A name such as `O'Brien` or `Sana'a`: letters on both sides.
        if !p.is_ascii_digit() && self.letter_at(k) {
            return Apostrophe::Join;
        }
        Apostrophe::Stop
    }

    /// Length of an English clitic (`s`, `re`, `ve`, `ll`, `d`, `m`) at `k`
    /// that is not the start of a longer word.
    fn clitic(&self, k: usize) -> Option<usize> {
        let l = |o: usize| self.byte(k + o).to_ascii_lowercase();
        let n = match (l(0), l(1)) {
            (b's' | b'd' | b'm', _) => 1,
            (b'r' | b'v', b'e') | (b'l', b'l') => 2,
            _ => return None,
        };
        (!self.alnum_at(k + n)).then_some(n)
    }

    /// Whether the word `start..j`, followed by a period at `j`, is an
    /// abbreviation that keeps it.
    fn keeps_period(&self, start: usize, j: usize) -> bool {
        let w = &self.b[start..j];
        if w.len() > 6 || !w.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        // `...` after a word is an ellipsis, not an abbreviation's period.
        if self.byte(j + 1) == b'.' {
            return false;
        }
        let cap = w[0].is_ascii_uppercase();
        if w.len() == 1 {
            // An initial (`George W. Bush`); `I.` is far more often a pronoun.
            return cap && w[0] != b'I';
        }
        let mut buf = [0u8; 6];
        let low = &mut buf[..w.len()];
        low.copy_from_slice(w);
        low.make_ascii_lowercase();
        match &*low {
            b"mr" | b"mrs" | b"ms" | b"messrs" | b"mme" | b"dr" | b"prof" | b"rev" | b"hon"
            | b"pres" | b"gov" | b"govt" | b"sen" | b"rep" | b"amb" | b"gen" | b"gens" | b"lt"
            | b"col" | b"maj" | b"capt" | b"cpt" | b"sgt" | b"cpl" | b"pvt" | b"adm" | b"cmdr"
            | b"cdr" | b"brig" | b"insp" | b"supt" | b"jr" | b"sr" | b"st" | b"mt" | b"ft"
            | b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept"
            | b"oct" | b"nov" | b"dec" | b"mon" | b"tue" | b"tues" | b"wed" | b"thu" | b"thur"
            | b"thurs" | b"fri" | b"inc" | b"ltd" | b"co" | b"corp" | b"bros" | b"dept"
            | b"univ" | b"ave" | b"blvd" | b"rd" | b"fig" | b"vol" => cap,
            b"etc" | b"vs" | b"al" | b"approx" | b"cf" | b"viz" | b"ca" | b"est" => true,
            // `No. 10` but not "the answer was No."
            b"no" | b"nos" => {
                cap && (self.byte(j + 1).is_ascii_digit()
                    || (self.byte(j + 1) == b' ' && self.byte(j + 2).is_ascii_digit()))
            }
            _ => false,
        }
    }

    /// End of an initialism such as `U.S.`, `e.g.`, `Ph.D.` starting at `i`:
    /// two or more groups of one or two ASCII letters, each with its period,
    /// at least one group a single letter.
    fn initialism(&self, i: usize) -> Option<usize> {
        let b = self.b;
        let mut k = i;
        let mut groups = 0;
        let mut single = false;
        loop {
            let gs = k;
            while k < self.end && k - gs < 3 && b[k].is_ascii_alphabetic() {
                k += 1;
            }
            let n = k - gs;
            if n == 0 || n > 2 {
                return None;
            }
            if self.byte(k) != b'.' {
                // Sloppy `U.S` without its last period is still the initialism.
                let ok = groups >= 1 && n == 1 && !self.alnum_at(k) && !self.apostrophe_at(k);
                return ok.then_some(k);
            }
            k += 1;
            groups += 1;
            single |= n == 1;
            if !self.byte(k).is_ascii_alphabetic() || groups == MAX_INITIALISM_GROUPS {
                break;
            }
        }
        (groups >= 2 && single && !self.alnum_at(k)).then_some(k)
    }

    /// True when an apostrophe (straight or curly) starts at `k`.
    fn apostrophe_at(&self, k: usize) -> bool {
        self.byte(k) == b'\''
            || self
                .b
                .get(k..self.end)
                .is_some_and(|r| r.starts_with("’".as_bytes()))
    }

    // ---- URLs, e-mail, handles, hashtags -------------------------------

    /// End of a URL starting at `i` with a scheme or `www.`.
    fn url(&self, i: usize) -> Option<usize> {
        let rest = self.b.get(i..self.end)?;
        let plen = [&b"https://"[..], b"http://", b"ftp://", b"www."]
            .iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?
            .len();
        let min = i + plen;
        if !self.alnum_at(min) {
            return None;
        }
        let mut k = min;
        let (mut paren, mut bracket) = (0u32, 0u32);
        while k < self.end {
            let c = self.b[k];
            if c < 0x80 {
                match c {
                    b'(' => paren += 1,
                    b'[' => bracket += 1,
                    // A closing bracket the URL did not open belongs to the text.
                    b')' if paren == 0 => break,
                    b')' => paren -= 1,
                    b']' if bracket == 0 => break,
                    b']' => bracket -= 1,
                    b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'\\' | b'^' => break,
                    _ if CLASS[c as usize] == SEP => break,
                    _ => {}
                }
                k += 1;
            } else {
                match self.char_at(k) {
                    // Internationalised paths keep their letters; quotes,
                    // dashes, spaces and symbols end the URL.
                    Some((ch, n)) if ch.is_alphanumeric() || is_mark(ch) => k += n,
                    _ => break,
                }
            }
        }
        // Sentence punctuation after a URL is not part of it.
        while k > min
            && matches!(
                self.b[k - 1],
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*'
            )
        {
            k -= 1;
        }
        Some(k)
    }

    /// End of an e-mail address starting at `i`, if the next `@` is close.
    fn email(&mut self, i: usize) -> Option<usize> {
        if self.next_at < i {
            self.next_at = next_at(self.b, i, self.end);
        }
        let at = self.next_at;
        if at == usize::MAX || at - i > MAX_LOCAL || at == i {
            return None;
        }
        let local = &self.b[i..at];
        if !local
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-'))
            || local.last() == Some(&b'.')
        {
            return None;
        }
        // Domain: labels of letters, digits and hyphens joined by single dots.
        let lim = self.end.min(at + 1 + MAX_DOMAIN);
        let mut k = at + 1;
        let mut dots = 0;
        let mut last_label = k;
        loop {
            let ls = k;
            while k < lim && (self.b[k].is_ascii_alphanumeric() || self.b[k] == b'-') {
                k += 1;
            }
            if k == ls {
                return None;
            }
            if k + 1 < lim && self.b[k] == b'.' && self.b[k + 1].is_ascii_alphanumeric() {
                dots += 1;
                k += 1;
                last_label = k;
            } else {
                break;
            }
        }
        let tld = &self.b[last_label..k];
        (dots > 0 && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)).then_some(k)
    }

    // ---- everything else -----------------------------------------------

    fn ascii_other(&mut self, i: usize, c: u8) -> usize {
        use TokenKind::{Punctuation, Symbol};
        match c {
            b'.' | b'-' | b'+' => {
                // A sign or leading decimal point starts a number (`+44`, `-5`,
                // `.45`) only where a token could start.
                if self.byte(i + 1).is_ascii_digit() && !self.prev_is_alnum(i) {
                    return self.scan(i, i + 1);
                }
                let e = self.run_of(i, c);
                self.push_mark(i, e, if c == b'+' { Symbol } else { Punctuation })
            }
            b'?' | b'!' => {
                let mut e = i;
                while matches!(self.byte(e), b'?' | b'!') {
                    e += 1;
                }
                self.push_mark(i, e, Punctuation)
            }
            b'\'' => self.quote(i, 1),
            b'@' => {
                let mut e = i + 1;
                while self.byte(e).is_ascii_alphanumeric() || self.byte(e) == b'_' {
                    e += 1;
                }
                if e > i + 1 && !self.prev_is_alnum(i) {
                    self.push(i, e, TokenKind::Handle);
                    e
                } else {
                    self.push_mark(i, i + 1, Symbol)
                }
            }
            b'#' => self.hashtag(i),
            b'*' | b'_' | b'=' | b'~' => {
                let e = self.run_of(i, c);
                let kind = if CLASS[c as usize] == SYM {
                    Symbol
                } else {
                    Punctuation
                };
                self.push_mark(i, e, kind)
            }
            _ => {
                let kind = if CLASS[c as usize] == SYM {
                    Symbol
                } else {
                    Punctuation
                };
                self.push_mark(i, i + 1, kind)
            }
        }
    }

    /// An apostrophe not inside a word: a clitic right after a token
    /// (`U.S.’s`, `1990's`), otherwise a quote.
    fn quote(&mut self, i: usize, alen: usize) -> usize {
        if self.prev_end == i {
            if let Some(n) = self.clitic(i + alen) {
                self.push(i, i + alen + n, TokenKind::Word);
                return i + alen + n;
            }
        }
        self.push_mark(i, i + alen, TokenKind::Punctuation)
    }

    fn hashtag(&mut self, i: usize) -> usize {
        let mut e = i + 1;
        let mut letter = false;
        while e < self.end {
            let c = self.b[e];
            if c < 0x80 {
                if c.is_ascii_alphanumeric() || c == b'_' {
                    letter |= c.is_ascii_alphabetic();
                    e += 1;
                } else {
                    break;
                }
            } else {
                match self.char_at(e) {
                    Some((ch, n)) if ch.is_alphanumeric() || is_mark(ch) => {
                        letter |= ch.is_alphabetic();
                        e += n;
                    }
                    _ => break,
                }
            }
        }
        // `#1` is "number one" and `C#` a language, not hashtags.
        if letter && !self.prev_is_alnum(i) {
            self.push(i, e, TokenKind::Hashtag);
            e
        } else {
            let e = self.run_of(i, b'#');
            self.push_mark(i, e, TokenKind::Symbol)
        }
    }

    fn non_ascii(&mut self, i: usize) -> usize {
        let Some((c, n)) = self.char_at(i) else {
            return self.end;
        };
        if is_space(c) || is_ignorable(c) {
            return i + n;
        }
        if c.is_alphanumeric() {
            return self.scan(i, i);
        }
        if is_mark(c) {
            // A mark the previous token did not take (after a URL or handle)
            // still belongs to its base character.
            if self.prev_end == i {
                if let Some(t) = self.out.last_mut() {
                    t.span.end = i + n;
                    self.prev_end = i + n;
                    return i + n;
                }
            }
            return self.push_mark(i, i + n, TokenKind::Symbol);
        }
        match c {
            '\u{2019}' => self.quote(i, n),
            '\u{1F1E6}'..='\u{1F1FF}' => {
                // Two regional indicators make one flag.
                let mut e = i + n;
                if let Some((c2, n2)) = self.char_at(e) {
                    if ('\u{1F1E6}'..='\u{1F1FF}').contains(&c2) {
                        e += n2;
                    }
                }
                self.push_mark(i, e, TokenKind::Symbol)
            }
            '—' | '–' | '―' | '…' | '⸺' | '⸻' => {
                let mut e = i + n;
                while self.char_at(e).is_some_and(|(c2, _)| c2 == c) {
                    e += n;
                }
                self.push_mark(i, e, TokenKind::Punctuation)
            }
            _ if is_punct(c) => self.push_mark(i, i + n, TokenKind::Punctuation),
            _ => self.push_mark(i, i + n, TokenKind::Symbol),
        }
    }
}

/// Combining marks, variation selectors, emoji modifiers and tags that belong
/// to the preceding base character but are not alphanumeric themselves. (Most
/// Indic and Arabic vowel signs are `Alphabetic` and need no entry.)
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x00AD // soft hyphen: invisible, and must not break a word
        | 0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x05BF
        | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5
        | 0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED
        | 0x0E31
        | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0x302A..=0x302F
        | 0x3099..=0x309A
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// Invisible controls that separate tokens without being space: C1 controls
/// and bidirectional formatting marks pasted from web pages.
fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x0080..=0x009F | 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// Non-ASCII punctuation (approximating Unicode's P* categories for the
/// scripts news text uses); other non-alphanumeric characters are symbols.
fn is_punct(c: char) -> bool {
    matches!(c as u32,
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF
        | 0x037E | 0x0387 | 0x055A..=0x055F | 0x0589 | 0x058A
        | 0x05BE | 0x05C0 | 0x05C3 | 0x05C6 | 0x05F3 | 0x05F4
        | 0x060C | 0x060D | 0x061B | 0x061D..=0x061F | 0x066B | 0x066C | 0x06D4
        | 0x0964 | 0x0965 | 0x0970 | 0x0E4F | 0x0E5A | 0x0E5B | 0x104A..=0x104F
        | 0x10FB | 0x1360..=0x1368 | 0x166E | 0x1800..=0x180A
        | 0x2010..=0x2027 | 0x2032..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E
        | 0x207D | 0x207E | 0x208D | 0x208E | 0x2308..=0x230B | 0x2329 | 0x232A
        | 0x2768..=0x2775 | 0x27C5 | 0x27C6 | 0x27E6..=0x27EF | 0x2983..=0x2998
        | 0x29D8..=0x29DB | 0x29FC | 0x29FD | 0x2CF9..=0x2CFF | 0x2E00..=0x2E7F
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x3030 | 0x303D
        | 0x30A0 | 0x30FB | 0xFD3E | 0xFD3F | 0xFE10..=0xFE19 | 0xFE30..=0xFE52
        | 0xFE54..=0xFE61 | 0xFE63 | 0xFE68 | 0xFE6A | 0xFE6B
        | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B
        | 0xFF1F | 0xFF20 | 0xFF3B..=0xFF3D | 0xFF3F | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65)
}

/// Top-level domains common enough in news text that `name.tld` is read as a
/// host name (lower case only: `Syria.The` is a missing space, not a host).
fn is_tld(s: &[u8]) -> bool {
    matches!(
        s,
        b"com"
            | b"org"
            | b"net"
            | b"gov"
            | b"mil"
            | b"edu"
            | b"int"
            | b"info"
            | b"io"
            | b"uk"
            | b"us"
            | b"ru"
            | b"ua"
            | b"sy"
            | b"ir"
            | b"il"
            | b"iq"
            | b"tr"
            | b"fr"
            | b"de"
            | b"eu"
            | b"cn"
            | b"news"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        check_invariants(text, Span::new(0, text.len()), &out);
        out.iter()
            .map(|t| (&text[t.span.range()], t.kind))
            .collect()
    }

    fn check_invariants(text: &str, span: Span, out: &[Token]) {
        let mut last = span.start;
        for t in out {
            assert!(!t.span.is_empty(), "empty token in {text:?}");
            assert!(
                t.span.start >= last,
                "overlap/order at {:?} in {text:?}",
                t.span
            );
            assert!(span.contains(t.span), "outside span: {:?}", t.span);
            let s = t.span.slice(text).expect("token on char boundaries");
            assert!(!s.chars().any(is_space), "token {s:?} contains space");
            last = t.span.end;
        }
    }

    fn check(cases: &[(&str, &[(&str, TokenKind)])]) {
        for (text, want) in cases {
            assert_eq!(toks(text), want.to_vec(), "tokenizing {text:?}");
        }
    }

    #[test]
    fn hyphenated_words_and_dashes() {
        check(&[
            ("al-Assad", &[("al-Assad", Word)]),
            ("al-Nusra", &[("al-Nusra", Word)]),
            ("Counter-Daesh", &[("Counter-Daesh", Word)]),
            ("state-of-the-art", &[("state-of-the-art", Word)]),
            (
                "F-16 and Su-35",
                &[("F-16", Word), ("and", Word), ("Su-35", Word)],
            ),
            (
                "Syria--Russia",
                &[("Syria", Word), ("--", Punctuation), ("Russia", Word)],
            ),
            (
                "Syria - Russia",
                &[("Syria", Word), ("-", Punctuation), ("Russia", Word)],
            ),
            (
                "Syria—Russia",
                &[("Syria", Word), ("—", Punctuation), ("Russia", Word)],
            ),
            (
                "2010–2015",
                &[("2010", Number), ("–", Punctuation), ("2015", Number)],
            ),
            (
                "pro- and anti-",
                &[
                    ("pro", Word),
                    ("-", Punctuation),
                    ("and", Word),
                    ("anti", Word),
                    ("-", Punctuation),
                ],
            ),
            ("U.S.-backed", &[("U.S.-backed", Word)]),
            ("U.S-led", &[("U.S-led", Word)]),
            ("MiG-29s COVID-19", &[("MiG-29s", Word), ("COVID-19", Word)]),
            ("non\u{2011}state", &[("non\u{2011}state", Word)]),
        ]);
    }

    #[test]
    fn clitics_and_apostrophes() {
        check(&[
            ("Syria’s", &[("Syria", Word), ("’s", Word)]),
            ("Russia's", &[("Russia", Word), ("'s", Word)]),
            ("don't", &[("do", Word), ("n't", Word)]),
            ("don’t", &[("do", Word), ("n’t", Word)]),
            ("can't", &[("ca", Word), ("n't", Word)]),
            ("they're", &[("they", Word), ("'re", Word)]),
            ("we’ve", &[("we", Word), ("’ve", Word)]),
            ("she'll", &[("she", Word), ("'ll", Word)]),
            ("I'd", &[("I", Word), ("'d", Word)]),
            ("I’m", &[("I", Word), ("’m", Word)]),
            ("ASSAD'S", &[("ASSAD", Word), ("'S", Word)]),
            ("O'Brien", &[("O'Brien", Word)]),
            ("D’Souza", &[("D’Souza", Word)]),
            ("Sana'a", &[("Sana'a", Word)]),
            (
                "Ta'izz, al-Nu'man",
                &[("Ta'izz", Word), (",", Punctuation), ("al-Nu'man", Word)],
            ),
            ("rock'n'roll", &[("rock'n'roll", Word)]),
            (
                "the S-400’s radar",
                &[
                    ("the", Word),
                    ("S-400", Word),
                    ("’s", Word),
                    ("radar", Word),
                ],
            ),
            ("O'Brien's", &[("O'Brien", Word), ("'s", Word)]),
            (
                "bloggers’ claims",
                &[("bloggers", Word), ("’", Punctuation), ("claims", Word)],
            ),
            (
                "‘quoted’",
                &[("‘", Punctuation), ("quoted", Word), ("’", Punctuation)],
            ),
            (
                "'single'",
                &[("'", Punctuation), ("single", Word), ("'", Punctuation)],
            ),
            ("U.S.’s", &[("U.S.", Word), ("’s", Word)]),
            ("1990's", &[("1990", Number), ("'s", Word)]),
            ("@CENTCOM's", &[("@CENTCOM", Handle), ("'s", Word)]),
            ("the ’s", &[("the", Word), ("’", Punctuation), ("s", Word)]),
        ]);
    }

    #[test]
    fn abbreviations_and_sentence_periods() {
        check(&[
            ("U.S.", &[("U.S.", Word)]),
            ("U.K.", &[("U.K.", Word)]),
            ("e.g.", &[("e.g.", Word)]),
            ("i.e.,", &[("i.e.", Word), (",", Punctuation)]),
            ("a.m.", &[("a.m.", Word)]),
            ("Ph.D.", &[("Ph.D.", Word)]),
            ("U.S.A.", &[("U.S.A.", Word)]),
            (
                "Gen. Mr. Jan. etc.",
                &[
                    ("Gen.", Word),
                    ("Mr.", Word),
                    ("Jan.", Word),
                    ("etc.", Word),
                ],
            ),
            ("Syria.", &[("Syria", Word), (".", Punctuation)]),
            (
                "George W. Bush",
                &[("George", Word), ("W.", Word), ("Bush", Word)],
            ),
            (
                "so did I.",
                &[("so", Word), ("did", Word), ("I", Word), (".", Punctuation)],
            ),
            ("No. 10", &[("No.", Word), ("10", Number)]),
            (
                "said No.",
                &[("said", Word), ("No", Word), (".", Punctuation)],
            ),
            ("gen.", &[("gen", Word), (".", Punctuation)]),
            ("Gen...", &[("Gen", Word), ("...", Punctuation)]),
            (
                "Syria.The",
                &[("Syria", Word), (".", Punctuation), ("The", Word)],
            ),
        ]);
    }

    #[test]
    fn numbers() {
        check(&[
            ("18,000", &[("18,000", Number)]),
            ("3.5", &[("3.5", Number)]),
            ("1,200.50", &[("1,200.50", Number)]),
            ("60-plus", &[("60-plus", Number)]),
            ("20-plus", &[("20-plus", Number)]),
            ("5.56mm", &[("5.56mm", Number)]),
            ("7.62x39mm", &[("7.62x39mm", Number)]),
            ("9mm", &[("9mm", Number)]),
            ("145.500", &[("145.500", Number)]),
            ("2016.", &[("2016", Number), (".", Punctuation)]),
            ("1990s", &[("1990s", Number)]),
            ("4th 21st", &[("4th", Number), ("21st", Number)]),
            ("+44 20", &[("+44", Number), ("20", Number)]),
            ("-5", &[("-5", Number)]),
            ("x+5", &[("x", Word), ("+", Symbol), ("5", Number)]),
            ("40%", &[("40", Number), ("%", Symbol)]),
            ("$1.2", &[("$", Symbol), ("1.2", Number)]),
            ("£300m", &[("£", Symbol), ("300m", Number)]),
            ("1,2", &[("1", Number), (",", Punctuation), ("2", Number)]),
            (
                "2016,2017",
                &[("2016", Number), (",", Punctuation), ("2017", Number)],
            ),
            ("10:30", &[("10:30", Number)]),
            ("08/12/2024", &[("08/12/2024", Number)]),
            ("2024-12-08", &[("2024-12-08", Number)]),
            (
                "(10)",
                &[("(", Punctuation), ("10", Number), (")", Punctuation)],
            ),
            (".45 calibre", &[(".45", Number), ("calibre", Word)]),
            ("٢٠٢٤", &[("٢٠٢٤", Number)]),
            ("pages 10-20", &[("pages", Word), ("10-20", Number)]),
            ("+44-20-7946-0958", &[("+44-20-7946-0958", Number)]),
            ("192.168.0.1", &[("192.168.0.1", Number)]),
            ("$1.2bn", &[("$", Symbol), ("1.2bn", Number)]),
            ("5°C", &[("5", Number), ("°", Symbol), ("C", Word)]),
            ("’90s", &[("’", Punctuation), ("90s", Number)]),
        ]);
    }

    #[test]
    fn urls_emails_handles_hashtags() {
        check(&[
            (
                "https://example.com/a?b=c",
                &[("https://example.com/a?b=c", Url)],
            ),
            (
                "See https://example.com/a?b=c.",
                &[
                    ("See", Word),
                    ("https://example.com/a?b=c", Url),
                    (".", Punctuation),
                ],
            ),
            (
                "(www.centcom.mil)",
                &[
                    ("(", Punctuation),
                    ("www.centcom.mil", Url),
                    (")", Punctuation),
                ],
            ),
            (
                "www.centcom.mil.",
                &[("www.centcom.mil", Url), (".", Punctuation)],
            ),
            (
                "https://en.wikipedia.org/wiki/Foo_(bar)",
                &[("https://en.wikipedia.org/wiki/Foo_(bar)", Url)],
            ),
            (
                "“http://x.org”",
                &[
                    ("“", Punctuation),
                    ("http://x.org", Url),
                    ("”", Punctuation),
                ],
            ),
            ("state.gov", &[("state.gov", Url)]),
            ("press@state.gov", &[("press@state.gov", Email)]),
            (
                "Mail press@state.gov.",
                &[
                    ("Mail", Word),
                    ("press@state.gov", Email),
                    (".", Punctuation),
                ],
            ),
            (
                "john.smith+x@mail.example.co.uk",
                &[("john.smith+x@mail.example.co.uk", Email)],
            ),
            ("@CENTCOM", &[("@CENTCOM", Handle)]),
            ("@CENTCOM:", &[("@CENTCOM", Handle), (":", Punctuation)]),
            ("a @ b", &[("a", Word), ("@", Symbol), ("b", Word)]),
            ("#Syria", &[("#Syria", Hashtag)]),
            (
                "#Syria2024!",
                &[("#Syria2024", Hashtag), ("!", Punctuation)],
            ),
            (
                "<https://x.com>",
                &[("<", Symbol), ("https://x.com", Url), (">", Symbol)],
            ),
            ("CENTCOM.mil", &[("CENTCOM.mil", Url)]),
            ("#سوريا", &[("#سوريا", Hashtag)]),
            (
                "#1 C#",
                &[("#", Symbol), ("1", Number), ("C", Word), ("#", Symbol)],
            ),
            (
                "http://",
                &[
                    ("http", Word),
                    (":", Punctuation),
                    ("/", Punctuation),
                    ("/", Punctuation),
                ],
            ),
        ]);
    }

    #[test]
    fn punctuation() {
        check(&[
            (
                "“Yes,” he said;",
                &[
                    ("“", Punctuation),
                    ("Yes", Word),
                    (",", Punctuation),
                    ("”", Punctuation),
                    ("he", Word),
                    ("said", Word),
                    (";", Punctuation),
                ],
            ),
            (
                "\"a\"",
                &[("\"", Punctuation), ("a", Word), ("\"", Punctuation)],
            ),
            (
                "[a]{b}",
                &[
                    ("[", Punctuation),
                    ("a", Word),
                    ("]", Punctuation),
                    ("{", Punctuation),
                    ("b", Word),
                    ("}", Punctuation),
                ],
            ),
            ("wait...", &[("wait", Word), ("...", Punctuation)]),
            ("wait…", &[("wait", Word), ("…", Punctuation)]),
            ("what?!", &[("what", Word), ("?!", Punctuation)]),
            (
                "Note: yes",
                &[("Note", Word), (":", Punctuation), ("yes", Word)],
            ),
            (
                "«non»",
                &[("«", Punctuation), ("non", Word), ("»", Punctuation)],
            ),
            ("a & b", &[("a", Word), ("&", Symbol), ("b", Word)]),
            ("AT&T", &[("AT&T", Word)]),
        ]);
    }

    #[test]
    fn other_scripts_and_emoji() {
        check(&[
            (
                "بشار الأسد، رئيس",
                &[
                    ("بشار", Word),
                    ("الأسد", Word),
                    ("،", Punctuation),
                    ("رئيس", Word),
                ],
            ),
            (
                "Башар Асад.",
                &[("Башар", Word), ("Асад", Word), (".", Punctuation)],
            ),
            (
                "日本語のテキスト。次",
                &[
                    ("日本語のテキスト", Word),
                    ("。", Punctuation),
                    ("次", Word),
                ],
            ),
            ("e\u{301}te\u{301}", &[("e\u{301}te\u{301}", Word)]),
            (
                "ok 👍🏽!",
                &[("ok", Word), ("👍🏽", Symbol), ("!", Punctuation)],
            ),
            ("🇸🇾🇷🇺", &[("🇸🇾", Symbol), ("🇷🇺", Symbol)]),
            ("❤️", &[("❤️", Symbol)]),
            (
                "👩\u{200D}👩\u{200D}👧",
                &[("👩", Symbol), ("👩", Symbol), ("👧", Symbol)],
            ),
            (
                "a\u{00A0}b\u{200B}c",
                &[("a", Word), ("b", Word), ("c", Word)],
            ),
            ("\u{0301}x", &[("\u{0301}", Symbol), ("x", Word)]),
            ("©2024", &[("©", Symbol), ("2024", Number)]),
        ]);
    }

    #[test]
    fn respects_span_and_appends() {
        let text = "ignored Syria’s army ignored";
        let mut out = vec![Token {
            span: Span::new(0, 7),
            kind: Word,
        }];
        let span = Span::new(8, 22);
        tokenize(text, span, &mut out);
        check_invariants(text, span, &out[1..]);
        let got: Vec<&str> = out.iter().map(|t| &text[t.span.range()]).collect();
        assert_eq!(got, ["ignored", "Syria", "’s", "army"]);
        // Out of bounds or off a char boundary: nothing, and no panic.
        let before = out.len();
        tokenize(text, Span::new(10, 500), &mut out);
        tokenize(text, Span::new(14, 16), &mut out);
        assert_eq!(out.len(), before);
    }

    #[test]
    fn seed_document() {
        let text = include_str!("../../../../seeds/assad-asylum-russia.txt");
        let span = Span::new(0, text.len());
        let mut out = Vec::new();
        tokenize(text, span, &mut out);
        check_invariants(text, span, &out);
        let strs: Vec<&str> = out.iter().map(|t| &text[t.span.range()]).collect();
        for want in [
            "al-Assad",
            "Syria",
            "’s",
            "Al-Assad",
            "Kremlin",
            "Hmeimim",
            "Tartous",
            "Insurgents",
            "’",
        ] {
            assert!(strs.contains(&want), "missing {want:?}");
        }
        assert_eq!(&strs[..4], ["Syria", "’s", "Bashar", "al-Assad"]);
        assert!(!strs.contains(&"Syria’s"));
        assert!(out.iter().all(|t| t.kind != Url && t.kind != Email));
        // Every non-space character is covered by some token.
        let covered: usize = out.iter().map(|t| t.span.len()).sum();
        let non_space: usize = text
            .chars()
            .filter(|c| !is_space(*c))
            .map(char::len_utf8)
            .sum();
        assert_eq!(covered, non_space);
    }

    /// A tiny deterministic generator, so the fuzz test needs no dependency.
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn fuzz_invariants() {
        let alphabet: Vec<char> =
            "aZ09 .,-'’@#:/+$%?!()_&\u{301}\u{200D}\u{A0}\u{FE0F}👍🇸é日ب—…\u{0}\u{1F3FD}nstwh"
                .chars()
                .collect();
        let mut st = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..3000 {
            let len = (xorshift(&mut st) % 40) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(xorshift(&mut st) % alphabet.len() as u64) as usize])
                .collect();
            let mut prefixed = String::from("www.");
            prefixed.push_str(&s);
            for text in [
                s.as_str(),
                prefixed.as_str(),
                &format!("http://{s}"),
                &format!("a{s}@b.com"),
            ] {
                let mut out = Vec::new();
                tokenize(text, Span::new(0, text.len()), &mut out);
                check_invariants(text, Span::new(0, text.len()), &out);
            }
        }
    }

    #[test]
    fn pathological_inputs_are_linear() {
        // Each would take minutes if any look-ahead were quadratic.
        let n = 1 << 20;
        let cases = [
            "a".repeat(n),
            ".".repeat(n),
            "A.".repeat(n / 2),
            "a.".repeat(n / 2),
            "a@".repeat(n / 2),
            "a-".repeat(n / 2),
            "1,".repeat(n / 2),
            format!("http://{}", ".".repeat(n)),
            format!("www.{}", "(".repeat(n)),
            "\u{301}".repeat(n / 2),
            "👍\u{1F3FD}\u{200D}".repeat(n / 8),
            (0..n).map(|i| char::from((i * 7919 % 256) as u8)).collect(),
        ];
        for text in &cases {
            let mut out = Vec::new();
            tokenize(text, Span::new(0, text.len()), &mut out);
            check_invariants(text, Span::new(0, text.len()), &out);
        }
        let dots = ".".repeat(n);
        assert_eq!(toks(&dots), [(dots.as_str(), Punctuation)]);
    }

    /// Throughput check, run by hand:
    /// `cargo test --release -p informant --lib segment::tokens::tests::throughput -- --ignored --nocapture`
    #[test]
    #[ignore = "measures speed; run by hand in release mode"]
    fn throughput() {
        let seed = include_str!("../../../../seeds/assad-asylum-russia.txt");
        let mut text = String::with_capacity(51 << 20);
        while text.len() < 50 << 20 {
            text.push_str(seed);
            text.push_str("\n\n");
        }
        let mut out = Vec::with_capacity(text.len() / 4);
        let mut best = f64::MAX;
        for _ in 0..5 {
            out.clear();
            let t = std::time::Instant::now();
            tokenize(&text, Span::new(0, text.len()), &mut out);
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "whole text: {} MB, {} tokens, {:.0} MB/s",
            text.len() >> 20,
            out.len(),
            text.len() as f64 / best / 1e6
        );
        // The pipeline calls once per sentence; lines are a close stand-in.
        let mut spans = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            spans.push(Span::new(start, start + line.len()));
            start += line.len();
        }
        let mut best = f64::MAX;
        for _ in 0..5 {
            out.clear();
            let t = std::time::Instant::now();
            for &s in &spans {
                tokenize(&text, s, &mut out);
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "per line: {} spans, {:.0} MB/s",
            spans.len(),
            text.len() as f64 / best / 1e6
        );
    }
}
