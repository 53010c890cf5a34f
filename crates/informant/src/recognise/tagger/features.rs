//! Feature extraction: a fixed number of hashed features per token.
//!
//! Every token gets exactly [`N_FEATURES`] features, each a bucket index below
//! `1 << bits`. A feature is a template number mixed with the hashes of the
//! strings it looks at (word, lower case, shape, affixes, neighbours) and of the
//! mentions the earlier recognisers left in [`Document::mentions`]. Absent
//! context (past the sentence's edge) is a feature value of its own.
//!
//! The trainer (`crates/informant-train`) calls [`sentence_features`] too, so
//! training and tagging see the same numbers.

use std::sync::LazyLock;

use crate::document::{BlockKind, Document, EntityType, Mention, MentionKind, Token, TokenKind};
use crate::recognise::Gazetteer;
use crate::recognise::phrases::FastMap;
use crate::span::Span;

/// Features per token.
pub const N_FEATURES: usize = 47;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

const fn fnv(h: u64, bytes: &[u8]) -> u64 {
    let mut h = h;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

fn fnv_char(h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    fnv(h, c.encode_utf8(&mut buf).as_bytes())
}

/// Mixes two hashes (order matters); a 64-bit finaliser keeps the low bits well spread.
#[inline]
const fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b
        .wrapping_add(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(a << 6)
        .wrapping_add(a >> 2);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// FNV-1a hash of a string: constant strings ("none" values, mention codes), and the
/// word-cluster table's keys, which equal the `lower` hash of a lower-cased token.
pub(super) const fn hs(s: &str) -> u64 {
    fnv(FNV_OFFSET, s.as_bytes())
}

/// What the tagger knows of one token before combining features.
#[derive(Clone, Copy, Default)]
pub(super) struct Tok {
    word: u64,
    lower: u64,
    shape: u64,
    pre: [u64; 3],
    suf: [u64; 3],
    flags: u64,
    title: bool,
    /// Word cluster (fine, coarse) and frequency band, from [`super::clusters`].
    fine: u64,
    coarse: u64,
    freq: u64,
}

/// What the [`CONTEXT`] features read of one token: some of its [`Tok`] and the
/// earlier mentions covering it (half the size of a `Tok`, which the tagger's
/// per-word cache copies once a token).
#[derive(Clone, Copy, Default)]
pub(super) struct Ctx {
    lower: u64,
    shape: u64,
    flags: u64,
    coarse: u64,
    freq: u64,
    /// Longest earlier mention covering the token: type+position, and with recogniser and subtype.
    cover: u64,
    cover_full: u64,
    cover_type: u64,
    /// Shortest covering mention, if different from the longest.
    inner: u64,
}

impl Ctx {
    /// What the context features read of `t`, before the mentions covering it.
    pub(super) fn of(t: &Tok) -> Ctx {
        Ctx {
            lower: t.lower,
            shape: t.shape,
            flags: t.flags,
            coarse: t.coarse,
            freq: t.freq,
            ..Ctx::default()
        }
    }
}

/// Lower-cased single words of the built-in gazetteer's titles ("president", "gen.").
static TITLE_WORDS: LazyLock<FastMap<u64, ()>> = LazyLock::new(|| {
    let mut set = FastMap::default();
    if let Ok(g) = Gazetteer::builtin() {
        for e in g.entries() {
            if e.subtype.as_deref() != Some("title") {
                continue;
            }
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                for w in form.split_whitespace() {
                    set.insert(lower_hash(w), ());
                }
            }
        }
    }
    set
});

fn lower_hash(w: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in w.chars() {
        if c.is_ascii() {
            h = fnv(h, &[c.to_ascii_lowercase() as u8]);
        } else {
            for l in c.to_lowercase() {
                h = fnv_char(h, l);
            }
        }
    }
    h
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Frequency band of a Zipf value times ten: 0 unknown, then 1 (rare) to 5 (very common).
fn freq_band(zipf10: u8) -> u64 {
    match zipf10 {
        0..=24 => 1,
        25..=34 => 2,
        35..=44 => 3,
        45..=54 => 4,
        _ => 5,
    }
}

/// True when the sentence is written in capitals (a headline, a table): at least three
/// cased words of two letters or more, four in five of them in capitals. Then case says
/// nothing, and the tagger reads each word as [`truecase`] spells it. (Counting also
/// shorter lines all in capitals cost 0.004 of LOSO names F1: see `docs/model.md`.)
pub(crate) fn shouting(text: &str, toks: &[Token]) -> bool {
    let (mut upper, mut cased) = (0usize, 0usize);
    for (j, t) in toks.iter().enumerate() {
        let w = &text[t.span.range()];
        if !w.chars().any(char::is_alphabetic) || w.chars().count() < 2 {
            continue;
        }
        if w.chars().any(char::is_lowercase) {
            cased += 1;
            // Each later token adds at most 1 to `5 * upper - 4 * cased` (a word in
            // capitals: +5 - 4), so once even all of them cannot lift it to 0 the
            // answer is no: the same answer, without reading the rest.
            if upper * 5 + (toks.len() - 1 - j) < cased * 4 {
                return false;
            }
        } else if w.chars().any(char::is_uppercase) {
            cased += 1;
            upper += 1;
        }
    }
    cased >= 3 && upper * 5 >= cased * 4
}

/// `w` with the first letter of each hyphen-joined part upper case and the rest lower
/// case ("AL-AIN" → "Al-Ain"), into `out`.
fn title_case(w: &str, out: &mut String) {
    out.clear();
    let mut first = true;
    for c in w.chars() {
        if first && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            first = false;
        } else {
            out.extend(c.to_lowercase());
            if c == '-' {
                first = true;
            }
        }
    }
}

/// The usual spelling of the words of the cluster table that are not usually written in
/// lower case ("Japan", "NATO", "iPhone"), keyed by the lower-case hash; built by
/// `tools/truecase/build.py` from spaCy's case-sensitive word probabilities (sources in
/// `data/model/README.md`). Parsed on first use, that is on the first sentence in capitals.
static TRUECASE: LazyLock<FastMap<u64, &'static str>> = LazyLock::new(|| {
    include_str!("../../../data/model/truecase.tsv")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| (lower_hash(l), l))
        .collect()
});

/// How a document writes one word (by lower-case hash) outside its sentences in capitals
/// and away from a sentence's start: how often in lower case, how often with a capital,
/// and where it first had one.
#[derive(Clone, Copy)]
struct Seen {
    lower: u32,
    cased: u32,
    first_cased: Span,
}

/// What a document says of how its words are written, for reading its sentences in
/// capitals (`truecase`). Built from the whole document on the first such sentence,
/// so a document without one never builds it; one map, linear in the document. Use one
/// memory per document: it rebuilds itself if handed another document's text.
#[derive(Default)]
pub struct CaseMemory {
    /// Address and length of the text it was built from; `None` until built.
    built: Option<(usize, usize)>,
    seen: FastMap<u64, Seen>,
}

impl CaseMemory {
    /// An empty memory; it fills itself on the first sentence in capitals.
    pub fn new() -> CaseMemory {
        CaseMemory::default()
    }

    fn ensure(&mut self, doc: &Document) {
        let text = doc.text();
        let key = (text.as_ptr() as usize, text.len());
        if self.built == Some(key) {
            return;
        }
        self.built = Some(key);
        self.seen.clear();
        let tokens = doc.tokens();
        for s in 0..doc.sentences().len() {
            let (a, b) = sentence_tokens(doc, s);
            let toks = &tokens[a..b];
            if shouting(text, toks) {
                continue;
            }
            // After the first word: a sentence's first capital says nothing.
            let mut after_first = false;
            for t in toks {
                if t.kind != TokenKind::Word {
                    continue;
                }
                if !after_first {
                    after_first = true;
                    continue;
                }
                let w = &text[t.span.range()];
                let has_upper = w.chars().any(char::is_uppercase);
                if !has_upper && !w.chars().any(char::is_lowercase) {
                    continue;
                }
                let e = self.seen.entry(lower_hash(w)).or_insert(Seen {
                    lower: 0,
                    cased: 0,
                    first_cased: t.span,
                });
                if has_upper {
                    if e.cased == 0 {
                        e.first_cased = t.span;
                    }
                    e.cased += 1;
                } else {
                    e.lower += 1;
                }
            }
        }
    }
}

/// How the tagger reads word `w` of a sentence in capitals, into `out`: as the document
/// writes it elsewhere (the commoner of lower case and its first capitalised spelling,
/// away from sentences' starts and from other sentences in capitals); else, for a word of
/// the cluster table, its usual spelling (lower case unless [`TRUECASE`] lists another);
/// else, an unknown word, in title case. The first word of the sentence then takes a
/// capital, as sentences do.
fn truecase(text: &str, mem: &CaseMemory, w: &str, lower: u64, first: bool, out: &mut String) {
    out.clear();
    match mem.seen.get(&lower) {
        Some(s) if s.cased > s.lower => out.push_str(text.get(s.first_cased.range()).unwrap_or(w)),
        Some(s) if s.lower > 0 => out.extend(w.chars().flat_map(char::to_lowercase)),
        _ => match TRUECASE.get(&lower) {
            Some(form) => out.push_str(form),
            None if super::clusters::lookup_hash(lower).is_some() => {
                out.extend(w.chars().flat_map(char::to_lowercase));
            }
            None => title_case(w, out),
        },
    }
    if first && out.starts_with(char::is_lowercase) {
        let mut cs = out.chars();
        if let Some(c) = cs.next() {
            let rest = cs.as_str().to_owned();
            out.clear();
            out.extend(c.to_uppercase());
            out.push_str(&rest);
        }
    }
}

/// For sentence `s` when it is in capitals (see [`truecase`]): whether each of its tokens
/// reads with a capital once truecased ("MINISTER TOBIAS ELLWOOD WELCOMES" → yes, yes, yes,
/// no), so that the context rules judge names as in ordinary text; `None` for any other
/// sentence. Builds `mem` on the first such sentence.
pub(crate) fn truecased_capitals(
    doc: &Document,
    s: usize,
    mem: &mut CaseMemory,
) -> Option<Vec<bool>> {
    let (a, b) = sentence_tokens(doc, s);
    let text = doc.text();
    let toks = doc.tokens().get(a..b)?;
    if !shouting(text, toks) {
        return None;
    }
    mem.ensure(doc);
    let first = toks.iter().position(|t| t.kind == TokenKind::Word);
    let mut buf = String::new();
    Some(
        toks.iter()
            .enumerate()
            .map(|(j, t)| {
                reading(
                    text,
                    mem,
                    true,
                    first == Some(j),
                    &text[t.span.range()],
                    &mut buf,
                )
                .starts_with(char::is_uppercase)
            })
            .collect(),
    )
}

/// How the tagger reads word `w`: as written, or, in a sentence in capitals (`caps`),
/// as [`truecase`] spells it (`first`: the sentence's first word), into `buf`.
fn reading<'a>(
    text: &str,
    mem: &CaseMemory,
    caps: bool,
    first: bool,
    w: &'a str,
    buf: &'a mut String,
) -> &'a str {
    if caps && w.chars().any(char::is_uppercase) {
        truecase(text, mem, w, lower_hash(w), first, buf);
        buf.as_str()
    } else {
        w
    }
}

fn token_info(w: &str, kind: TokenKind, buf: &mut Vec<char>) -> Tok {
    buf.clear();
    let mut lower = FNV_OFFSET;
    let mut shape = FNV_OFFSET;
    let mut last_shape = '\0';
    let mut run = 0;
    let (mut upper, mut lowr, mut digit, mut hyphen) = (0usize, 0usize, false, false);
    for c in w.chars() {
        if c.is_ascii() {
            let l = c.to_ascii_lowercase();
            lower = fnv(lower, &[l as u8]);
            buf.push(l);
        } else {
            for l in c.to_lowercase() {
                lower = fnv_char(lower, l);
                buf.push(l);
            }
        }
        let s = shape_class(c);
        if s == last_shape {
            run += 1;
        } else {
            run = 1;
            last_shape = s;
        }
        // Short shape: runs longer than two collapse ("Xxxxx" → "Xxx" → "Xx").
        if run <= 2 {
            shape = fnv_char(shape, s);
        }
        upper += usize::from(c.is_uppercase());
        lowr += usize::from(c.is_lowercase());
        digit |= c.is_numeric();
        hyphen |= c == '-';
    }
    let mut pre = [0u64; 3];
    let mut h = FNV_OFFSET;
    for (k, p) in pre.iter_mut().enumerate() {
        if let Some(&c) = buf.get(k) {
            h = fnv_char(h, c);
        }
        *p = h;
    }
    let mut suf = [0u64; 3];
    for (k, s) in suf.iter_mut().enumerate() {
        let n = buf.len().min(k + 1);
        let mut h = FNV_OFFSET ^ 0x55;
        for &c in &buf[buf.len() - n..] {
            h = fnv_char(h, c);
        }
        *s = h;
    }
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    let flags = (first_upper as u64)
        | ((upper > 1 && lowr == 0) as u64) << 1
        | (digit as u64) << 2
        | (hyphen as u64) << 3
        | (kind as u64) << 4;
    let (fine, coarse, freq) = match super::clusters::lookup_hash(lower) {
        Some(c) => (
            u64::from(c.fine) + 1,
            u64::from(c.coarse) + 1,
            freq_band(c.zipf10),
        ),
        None => (0, 0, 0),
    };
    Tok {
        word: fnv(FNV_OFFSET, w.as_bytes()),
        fine,
        coarse,
        freq,
        lower,
        shape,
        pre,
        suf,
        flags,
        title: false,
    }
}

/// BILOU position of token `t` in mention span `m`.
fn position(t: Span, m: Span) -> u8 {
    match (t.start == m.start, t.end == m.end) {
        (true, true) => b'U',
        (true, false) => b'B',
        (false, true) => b'L',
        (false, false) => b'I',
    }
}

fn cover_codes(m: &Mention, t: Span) -> (u64, u64, u64) {
    let pos = position(t, m.span);
    let ty = hs(m.entity_type.as_str());
    let code = mix(ty, u64::from(pos));
    let full = mix(
        mix(code, hs(&m.recogniser)),
        hs(m.subtype.as_deref().unwrap_or("")),
    );
    (code, full, ty)
}

/// Token range `[a, b)` of sentence `s` in `doc.tokens()`.
pub fn sentence_tokens(doc: &Document, s: usize) -> (usize, usize) {
    let tokens = doc.tokens();
    let sp = doc.sentences()[s].span;
    let a = tokens.partition_point(|t| t.span.start < sp.start);
    let b = tokens.partition_point(|t| t.span.end <= sp.end);
    (a, b.max(a))
}

fn bucket_pos(i: usize) -> u64 {
    match i {
        0..=2 => i as u64,
        3..=5 => 3,
        _ => 4,
    }
}

/// Appends the features of the tokens of sentence `s` (token range as
/// [`sentence_tokens`]) to `out`, [`N_FEATURES`] per token, each below `1 << bits`.
/// Builds a [`CaseMemory`] of the document if the sentence is in capitals: to featurise
/// several sentences of one document, use [`sentence_features_with`] and one memory.
pub fn sentence_features(doc: &Document, s: usize, bits: u32, out: &mut Vec<u32>) {
    sentence_features_with(doc, s, bits, &mut CaseMemory::new(), out);
}

/// Features that depend only on the token's own reading (and whether the sentence is
/// in capitals): the tagger sums their weights once per distinct word.
pub(super) const OWN: [usize; 17] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 25, 30, 36, 37, 42, 44, 45];
/// Features that depend only on the previous token's reading.
pub(super) const PREV: [usize; 4] = [10, 14, 26, 38];
/// Features that depend only on the next token's reading.
pub(super) const NEXT: [usize; 3] = [11, 15, 39];
/// The other features, computed per token: the tokens two away, pairs of tokens, the
/// earlier mentions and the token's place in its sentence and block.
pub(super) const CONTEXT: [usize; 23] = [
    12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 27, 28, 29, 31, 32, 33, 34, 35, 40, 41, 43, 46,
];

const EDGE_L: u64 = hs("<s>");
const EDGE_R: u64 = hs("</s>");
const NONE: u64 = hs("<none>");

/// Bucket of feature `k` of value `v`, below `1 << bits` (`mask = (1 << bits) - 1`).
#[inline]
fn bucket(k: usize, v: u64, mask: u64) -> u32 {
    (mix(k as u64 + 1, v) & mask) as u32
}

/// Values of the [`OWN`] features of token `x`.
fn own_values(x: &Tok, caps: bool) -> [u64; 17] {
    [
        1,
        x.lower,
        x.word,
        x.shape,
        x.pre[0],
        x.pre[1],
        x.pre[2],
        x.suf[0],
        x.suf[1],
        x.suf[2],
        u64::from(x.title),
        x.flags,
        mix(const { hs("fine") }, x.fine),
        mix(const { hs("coarse") }, x.coarse),
        mix(mix(const { hs("freq,shape") }, x.freq), x.shape),
        mix(mix(const { hs("fine,shape") }, x.fine), x.shape),
        mix(mix(const { hs("caps") }, u64::from(caps)), x.shape),
    ]
}

/// Values of the [`PREV`] features of a token after `p1` (`None`: the sentence start).
fn prev_values(p1: Option<&Tok>) -> [u64; 4] {
    [
        p1.map_or(EDGE_L, |t| t.lower),
        p1.map_or(EDGE_L, |t| t.shape),
        u64::from(p1.is_some_and(|t| t.title)),
        mix(const { hs("fine-1") }, p1.map_or(EDGE_L, |t| t.fine)),
    ]
}

/// Values of the [`NEXT`] features of a token before `n1` (`None`: the sentence end).
fn next_values(n1: Option<&Tok>) -> [u64; 3] {
    [
        n1.map_or(EDGE_R, |t| t.lower),
        n1.map_or(EDGE_R, |t| t.shape),
        mix(const { hs("fine+1") }, n1.map_or(EDGE_R, |t| t.fine)),
    ]
}

/// What the [`CONTEXT`] features read of the sentence beyond its tokens.
#[derive(Clone, Copy)]
struct SentenceContext {
    block_kind: u64,
    /// Sentence index within its block: 0, 1, 2+.
    sib: u64,
}

/// Values of the [`CONTEXT`] features of token `i` of `info`.
fn context_values(info: &[Ctx], i: usize, cx: SentenceContext) -> [u64; 23] {
    let x = &info[i];
    let p1 = i.checked_sub(1).and_then(|j| info.get(j));
    let p2 = i.checked_sub(2).and_then(|j| info.get(j));
    let n1 = info.get(i + 1);
    let n2 = info.get(i + 2);
    let lw = |t: Option<&Ctx>, edge: u64| t.map_or(edge, |t| t.lower);
    let sh = |t: Option<&Ctx>, edge: u64| t.map_or(edge, |t| t.shape);
    let cv = |t: Option<&Ctx>, edge: u64| t.map_or(edge, |t| t.cover_type);
    let cc = |t: Option<&Ctx>, edge: u64| t.map_or(edge, |t| t.coarse);
    let (edge_l, edge_r) = (EDGE_L, EDGE_R);
    [
        lw(p2, edge_l),
        lw(n2, edge_r),
        mix(mix(sh(p1, edge_l), x.shape), sh(n1, edge_r)),
        mix(lw(p1, edge_l), x.lower),
        mix(x.lower, lw(n1, edge_r)),
        x.cover,
        x.cover_full,
        x.inner,
        cv(p1, edge_l),
        cv(n1, edge_r),
        mix(x.cover, x.shape),
        mix(bucket_pos(i), x.shape),
        mix(cx.block_kind, x.shape),
        mix(cx.sib, u64::from(i == 0)),
        mix(lw(p1, edge_l), x.shape),
        mix(x.shape, lw(n1, edge_r)),
        mix(x.cover, lw(p1, edge_l)),
        mix(x.cover, lw(n1, edge_r)),
        mix(cx.block_kind, x.cover),
        mix(mix(const { hs("coarse-1,0") }, cc(p1, edge_l)), x.coarse),
        mix(mix(const { hs("coarse0,+1") }, x.coarse), cc(n1, edge_r)),
        mix(
            mix(const { hs("freq,first") }, x.freq),
            u64::from(i == 0) | (x.flags & 1) << 1,
        ),
        mix(mix(const { hs("coarse,cover") }, x.coarse), x.cover),
    ]
}

/// [`sentence_features`] with the document's [`CaseMemory`], built (once) only when a
/// sentence in capitals needs it.
pub fn sentence_features_with(
    doc: &Document,
    s: usize,
    bits: u32,
    mem: &mut CaseMemory,
    out: &mut Vec<u32>,
) {
    let mut buf = Vec::with_capacity(32);
    let titles = &*TITLE_WORDS;
    let mut info = Vec::new();
    let mut full = Vec::new();
    let Some((caps, cx)) = sentence_toks(doc, s, mem, &mut info, |w, kind, _| {
        let mut x = token_info(w, kind, &mut buf);
        x.title = titles.contains_key(&x.lower);
        full.push(x);
        Ctx::of(&x)
    }) else {
        return;
    };
    let info = &info[..];
    let mask = (1u64 << bits) - 1;
    for (i, x) in full.iter().enumerate() {
        let mut f = [0u64; N_FEATURES];
        for (&k, v) in OWN.iter().zip(own_values(x, caps)) {
            f[k] = v;
        }
        let p1 = i.checked_sub(1).and_then(|j| full.get(j));
        for (&k, v) in PREV.iter().zip(prev_values(p1)) {
            f[k] = v;
        }
        for (&k, v) in NEXT.iter().zip(next_values(full.get(i + 1))) {
            f[k] = v;
        }
        for (&k, v) in CONTEXT.iter().zip(context_values(info, i, cx)) {
            f[k] = v;
        }
        for (k, v) in f.iter().enumerate() {
            out.push(bucket(k, *v, mask));
        }
    }
}

/// A word's features as the tagger caches them: what the [`CONTEXT`] features read of
/// it, and the buckets of its [`OWN`] features and of the [`PREV`] and [`NEXT`]
/// features of its neighbours.
#[derive(Clone, Copy)]
pub(super) struct WordFeatures {
    /// What the [`CONTEXT`] features read of the word.
    pub tok: Tok,
    /// Buckets of the word's [`OWN`] features.
    pub own: [u32; 17],
    /// Buckets of the [`PREV`] features of the token after the word.
    pub as_prev: [u32; 4],
    /// Buckets of the [`NEXT`] features of the token before the word.
    pub as_next: [u32; 3],
}

/// The features of word `w` (as the tagger reads it) of kind `kind`, in a sentence in
/// capitals or not (`caps`); `buf` is scratch.
pub(super) fn word_features(
    w: &str,
    kind: TokenKind,
    caps: bool,
    bits: u32,
    buf: &mut Vec<char>,
) -> WordFeatures {
    let mut tok = token_info(w, kind, buf);
    tok.title = TITLE_WORDS.contains_key(&tok.lower);
    let mask = (1u64 << bits) - 1;
    let mut own = [0u32; 17];
    for ((o, &k), v) in own.iter_mut().zip(&OWN).zip(own_values(&tok, caps)) {
        *o = bucket(k, v, mask);
    }
    let (as_prev, as_next) = edge_buckets(Some(&tok), Some(&tok), bits);
    WordFeatures {
        tok,
        own,
        as_prev,
        as_next,
    }
}

/// Buckets of the [`PREV`] features of a token after `p1` and of the [`NEXT`] features
/// of a token before `n1` (`None`: the sentence's edge).
fn edge_buckets(p1: Option<&Tok>, n1: Option<&Tok>, bits: u32) -> ([u32; 4], [u32; 3]) {
    let mask = (1u64 << bits) - 1;
    let mut p = [0u32; 4];
    for ((o, &k), v) in p.iter_mut().zip(&PREV).zip(prev_values(p1)) {
        *o = bucket(k, v, mask);
    }
    let mut n = [0u32; 3];
    for ((o, &k), v) in n.iter_mut().zip(&NEXT).zip(next_values(n1)) {
        *o = bucket(k, v, mask);
    }
    (p, n)
}

/// Buckets of the [`PREV`] features of a sentence's first token and of the [`NEXT`]
/// features of its last.
pub(super) fn sentence_edge_buckets(bits: u32) -> ([u32; 4], [u32; 3]) {
    edge_buckets(None, None, bits)
}

/// For the tagger's cached path: reads sentence `s` as [`sentence_features_with`]
/// does, asks `word` for each token's cached features (by reading, kind and `caps`, in
/// token order) and pushes the [`CONTEXT`] features' buckets ([`CONTEXT`]`.len()` a
/// token) to `out`. `info` is scratch. Pushes nothing for a sentence without tokens.
pub(super) fn sentence_context<F>(
    doc: &Document,
    s: usize,
    bits: u32,
    mem: &mut CaseMemory,
    info: &mut Vec<Ctx>,
    out: &mut Vec<u32>,
    word: F,
) where
    F: FnMut(&str, TokenKind, bool) -> Ctx,
{
    let Some((_, cx)) = sentence_toks(doc, s, mem, info, word) else {
        return;
    };
    let mask = (1u64 << bits) - 1;
    out.reserve(info.len() * CONTEXT.len());
    for i in 0..info.len() {
        let mut b = [0u32; CONTEXT.len()];
        for ((o, &k), v) in b.iter_mut().zip(&CONTEXT).zip(context_values(info, i, cx)) {
            *o = bucket(k, v, mask);
        }
        out.extend_from_slice(&b);
    }
}

/// The tokens of sentence `s` as the features see them, into `info`: each token's
/// reading handed to `word` (with its kind and whether the sentence is in capitals),
/// then the earlier mentions covering it. Returns whether the sentence is in capitals
/// and what the features read of the sentence, or `None` if it has no tokens.
fn sentence_toks<F>(
    doc: &Document,
    s: usize,
    mem: &mut CaseMemory,
    info: &mut Vec<Ctx>,
    mut word: F,
) -> Option<(bool, SentenceContext)>
where
    F: FnMut(&str, TokenKind, bool) -> Ctx,
{
    info.clear();
    let (a, b) = sentence_tokens(doc, s);
    if a >= b {
        return None;
    }
    let text = doc.text();
    let toks: &[Token] = &doc.tokens()[a..b];
    let sentence = doc.sentences()[s];
    let block = doc.blocks().get(sentence.block);
    let block_kind = hs(block.map_or(BlockKind::Paragraph, |b| b.kind).as_str());
    // Sentence index within its block: 0, 1, 2+.
    let mut sib = 0u64;
    let mut k = s;
    while k > 0 && sib < 2 && doc.sentences()[k - 1].block == sentence.block {
        sib += 1;
        k -= 1;
    }
    let caps = shouting(text, toks);
    if caps {
        mem.ensure(doc);
    }
    let mem = &*mem;
    let mut tc = String::new();
    let first_word = toks.iter().position(|t| t.kind == TokenKind::Word);
    info.extend(toks.iter().enumerate().map(|(j, t)| {
        let w = reading(
            text,
            mem,
            caps,
            first_word == Some(j),
            &text[t.span.range()],
            &mut tc,
        );
        word(w, t.kind, caps)
    }));
    // Mentions covering each token: the longest and the shortest.
    let none = NONE;
    let mentions = doc.mentions();
    let sp = sentence.span;
    let m0 = mentions.partition_point(|m| m.span.start < sp.start.saturating_sub(512));
    let mut longest: Vec<Option<usize>> = vec![None; toks.len()];
    let mut shortest: Vec<Option<usize>> = vec![None; toks.len()];
    for (mi, m) in mentions[m0..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.span.start < sp.end)
    {
        if m.span.end <= sp.start {
            continue;
        }
        let first = toks.partition_point(|t| t.span.start < m.span.start);
        for (j, t) in toks.iter().enumerate().skip(first) {
            if t.span.end > m.span.end {
                break;
            }
            let len = m.span.len();
            if longest[j].is_none_or(|o| mentions[m0 + o].span.len() < len) {
                longest[j] = Some(mi);
            }
            if shortest[j].is_none_or(|o| mentions[m0 + o].span.len() > len) {
                shortest[j] = Some(mi);
            }
        }
    }
    for (j, x) in info.iter_mut().enumerate() {
        let t = toks[j].span;
        match longest[j] {
            Some(mi) => {
                let (c, f, ty) = cover_codes(&mentions[m0 + mi], t);
                x.cover = c;
                x.cover_full = f;
                x.cover_type = ty;
            }
            None => {
                x.cover = none;
                x.cover_full = none;
                x.cover_type = none;
            }
        }
        x.inner = match (shortest[j], longest[j]) {
            (Some(s), Some(l)) if s != l => cover_codes(&mentions[m0 + s], t).0,
            _ => none,
        };
    }
    Some((caps, SentenceContext { block_kind, sib }))
}

/// A model's labels in order, parsed from their names: `Person` (the kind follows from
/// the text), or `Person:nominal` (the kind is part of the label).
pub(crate) fn parse_labels(names: &[String]) -> Option<Vec<Label>> {
    names
        .iter()
        .map(|n| {
            let (t, k) = match n.split_once(':') {
                Some((t, k)) => (t, Some(MentionKind::from_name(k)?)),
                None => (n.as_str(), None),
            };
            Some(Label {
                entity_type: EntityType::from_name(t)?,
                kind: k,
            })
        })
        .collect()
}

/// What a tagger tag stands for: an entity type and, where the model learnt it, a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// The entity type.
    pub entity_type: EntityType,
    /// The mention kind the label fixes; `None`: decided from the text.
    pub kind: Option<MentionKind>,
}

impl Label {
    /// The label's name in the model file: `Person` or `Person:nominal`.
    pub fn name(&self) -> String {
        match self.kind {
            Some(k) => format!("{}:{}", self.entity_type.as_str(), k.as_str()),
            None => self.entity_type.as_str().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    /// How the tagger reads each word token of sentence `s` (as written outside capitals).
    fn view(doc: &Document, s: usize, mem: &mut CaseMemory) -> Vec<String> {
        let (a, b) = sentence_tokens(doc, s);
        let text = doc.text();
        let toks = &doc.tokens()[a..b];
        let caps = shouting(text, toks);
        if caps {
            mem.ensure(doc);
        }
        let first = toks.iter().position(|t| t.kind == TokenKind::Word);
        let mut out = String::new();
        toks.iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word)
            .map(|(j, t)| {
                reading(
                    text,
                    mem,
                    caps,
                    first == Some(j),
                    &text[t.span.range()],
                    &mut out,
                )
                .to_owned()
            })
            .collect()
    }

    #[test]
    fn reads_a_headline_in_capitals_as_the_body_writes_its_words() {
        let text = "FLOODS HIT ITALY AS PO AND ZORBLATT RISE\n\n\
                    Heavy rain sent the Po over its banks on Tuesday, and officials \
                    said the rise would go on. The Zorblatt also rose and the floods spread.";
        let doc = Pipeline::new().prepare_for_tagger(text).unwrap();
        let mut mem = CaseMemory::new();
        assert_eq!(
            view(&doc, 0, &mut mem),
            [
                "Floods", "hit", "Italy", "as", "Po", "and", "Zorblatt", "rise"
            ]
        );
        // The body is read as written.
        assert_eq!(view(&doc, 1, &mut mem)[..2], ["Heavy", "rain"]);
    }

    #[test]
    fn unknown_words_take_title_case_and_listed_ones_their_spelling() {
        let doc = Pipeline::new()
            .prepare_for_tagger("QWERTAX-BLORV MEETS NATO CHIEF IN JAPAN")
            .unwrap();
        let mut mem = CaseMemory::new();
        assert_eq!(
            view(&doc, 0, &mut mem),
            ["Qwertax-Blorv", "meets", "NATO", "chief", "in", "Japan"]
        );
    }

    #[test]
    fn ordinary_text_builds_no_memory() {
        let doc = Pipeline::new()
            .prepare_for_tagger("The rain fell on Turin. NATO met in Brussels.")
            .unwrap();
        let mut mem = CaseMemory::new();
        let mut out = Vec::new();
        for s in 0..doc.sentences().len() {
            sentence_features_with(&doc, s, 18, &mut mem, &mut out);
        }
        assert!(mem.built.is_none());
        assert_eq!(out.len() % N_FEATURES, 0);
        // A line of capitals builds it, once, and the features stay in range.
        let doc = Pipeline::new()
            .prepare_for_tagger("RAIN IN TURIN\n\nThe rain fell on Turin.")
            .unwrap();
        out.clear();
        for s in 0..doc.sentences().len() {
            sentence_features_with(&doc, s, 18, &mut mem, &mut out);
        }
        assert!(mem.built.is_some());
        assert!(out.iter().all(|&f| f < 1 << 18));
    }
    /// The early return of [`shouting`] gives the answer of counting every token.
    #[test]
    fn shouting_stops_early_with_the_same_answer() {
        fn counted(text: &str, toks: &[Token]) -> bool {
            let (mut upper, mut cased) = (0usize, 0usize);
            for t in toks {
                let w = &text[t.span.range()];
                if !w.chars().any(char::is_alphabetic) || w.chars().count() < 2 {
                    continue;
                }
                if w.chars().any(char::is_lowercase) {
                    cased += 1;
                } else if w.chars().any(char::is_uppercase) {
                    cased += 1;
                    upper += 1;
                }
            }
            cased >= 3 && upper * 5 >= cased * 4
        }
        let words = [
            "NATO", "nato", "Nato", "A", "a", "12", "--", "ÉTÉ", "été", "X1", "x1",
        ];
        let mut seed = 7u64;
        let (mut yes, mut no) = (0, 0);
        for _ in 0..400 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let n = 1 + (seed >> 59) as usize;
            for _ in 0..n {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                // Mostly capitals, so that both answers come up.
                let k = (seed >> 60) as usize;
                let w = if k < 7 {
                    words[0]
                } else {
                    words[k % words.len()]
                };
                text.push_str(w);
                text.push(' ');
            }
            let doc = Pipeline::new().prepare_for_tagger(&text).unwrap();
            for s in 0..doc.sentences().len() {
                let (a, b) = sentence_tokens(&doc, s);
                let toks = &doc.tokens()[a..b];
                let want = counted(doc.text(), toks);
                assert_eq!(shouting(doc.text(), toks), want, "{text:?}");
                if want { yes += 1 } else { no += 1 }
            }
        }
        assert!(yes > 20 && no > 20, "{yes} {no}");
    }
}
