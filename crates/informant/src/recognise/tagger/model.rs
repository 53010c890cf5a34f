//! The tagger's model: quantised sparse weights, BILOU tags, constrained Viterbi decoding.
//!
//! # Tags
//! Tag 0 is `O`; entity type `k` (in the model's type list) has tags
//! `1 + 4k + {0: B, 1: I, 2: L, 3: U}`.
//!
//! # File format (little-endian)
//! ```text
//! b"INFTAG01"
//! u32 bits                         feature buckets = 1 << bits
//! u32 n_types, then per type: u8 length, name bytes (UTF-8)
//! f32 scale                        weight = quantised value * scale
//! f32 temperature                  margin scale for confidences
//! i16 start[n_tags]                 transition weights from the sentence start
//! i16 trans[n_tags * n_tags]        trans[prev * n_tags + next]
//! u8  count[1 << bits]             non-zero weights per bucket
//! then, bucket by bucket, count × (u8 tag, i8 weight)
//! ```
//! Only non-zero weights are stored; a bucket's list is usually a few tags long,
//! so scoring a token costs a few dozen additions per feature at most.

use crate::document::EntityType;

use super::features::{Label, parse_labels};

/// A model that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "tagger model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

const MAGIC: &[u8; 8] = b"INFTAG01";

/// A disallowed transition in Viterbi.
const NEG: f32 = -1.0e30;

/// The part of a BILOU tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Outside any mention.
    O,
    /// Begins a mention of several tokens.
    B,
    /// Inside a mention.
    I,
    /// Last token of a mention of several tokens.
    L,
    /// A mention of one token.
    U,
}

/// Part and type index of tag `t`.
pub fn tag_part(t: usize) -> (Part, usize) {
    if t == 0 {
        return (Part::O, 0);
    }
    let k = (t - 1) / 4;
    let p = match (t - 1) % 4 {
        0 => Part::B,
        1 => Part::I,
        2 => Part::L,
        _ => Part::U,
    };
    (p, k)
}

/// Tag of part `p` (not `O`) for type index `k`.
pub fn tag_of(p: Part, k: usize) -> usize {
    match p {
        Part::O => 0,
        Part::B => 1 + 4 * k,
        Part::I => 2 + 4 * k,
        Part::L => 3 + 4 * k,
        Part::U => 4 + 4 * k,
    }
}

/// Whether tag `next` may follow tag `prev` (`None`: the sentence start).
pub fn allowed(prev: Option<usize>, next: usize) -> bool {
    let (np, nk) = tag_part(next);
    let open = prev
        .map(tag_part)
        .filter(|(p, _)| matches!(p, Part::B | Part::I));
    match open {
        Some((_, pk)) => matches!(np, Part::I | Part::L) && nk == pk,
        None => matches!(np, Part::O | Part::B | Part::U),
    }
}

/// Whether tag `t` may end a sentence.
pub fn may_end(t: usize) -> bool {
    matches!(tag_part(t).0, Part::O | Part::L | Part::U)
}

/// Best tag sequence for `n` tokens given emission scores `em[i * n_tags + t]`,
/// start scores and transition scores `trans[prev * n_tags + next]`, under the
/// BILOU constraints.
///
/// Builds a [`Lattice`] for `trans` each call; a caller decoding many sentences
/// with the same transitions keeps one and calls [`Lattice::decode`].
pub fn viterbi(n: usize, n_tags: usize, em: &[f32], start: &[f32], trans: &[f32]) -> Vec<usize> {
    Lattice::new(n_tags, trans).decode(n, em, start, trans)
}

/// How many opening tags one pass of the Viterbi inner loop scores at once: their
/// running maxima stay in vector registers (10 SSE registers for 40 lanes).
const OPEN_BLOCK: usize = 40;

/// Transition scores laid out for a fast BILOU Viterbi.
///
/// Under BILOU, a tag that opens (`O`, `B-k`, `U-k`) may only follow a tag that
/// closes (`O`, `L-j`, `U-j`), and `I-k`/`L-k` only follow `B-k` or `I-k`. The
/// opening tags' predecessors are therefore one fixed set. Its transitions are
/// kept here predecessor-major, in blocks of 40 opening tags padded
/// with `NEG`: for each closing tag, its score is broadcast and added to the
/// block's row, and the block's maxima are updated lane by lane, with no
/// horizontal reduction (the maximum of a set does not depend on the order it is
/// taken in, so the scores are exactly those of the plain algorithm). A closing
/// tag's row is skipped when its score plus its greatest transition into the block
/// is below what every opening tag of the block is sure to get (see
/// [`Lattice::decode`]): usually all but a few rows, since emission scores spread
/// wider than transitions. Back-pointers
/// are not stored: the backtrace recomputes the one predecessor it needs per
/// token, with the same sums and the same tie-breaking (the first predecessor in
/// tag order), so the result is exactly that of the plain algorithm.
#[derive(Debug, Clone)]
pub struct Lattice {
    n_tags: usize,
    /// Tags that close: `O`, then `L-k`, `U-k` for each type `k`.
    ends: Vec<usize>,
    /// Tags that open: `O`, then `B-k`, `U-k`.
    opens: Vec<usize>,
    /// `tr[(b * ends.len() + e) * OPEN_BLOCK + j] = trans[ends[e] * n_tags + opens[b * OPEN_BLOCK + j]]`,
    /// `NEG` past the last opening tag.
    tr: Vec<f32>,
    /// Per type `k`, the transitions into its inner tags: `B-k → I-k`, `I-k → I-k`,
    /// `B-k → L-k`, `I-k → L-k`.
    inner: Vec<[f32; 4]>,
    /// `lo[b * ends.len() + e]`, `hi[...]`: the least and the greatest transition from
    /// closing tag `e` into the opening tags of block `b` (see [`Lattice::decode`]).
    lo: Vec<f32>,
    hi: Vec<f32>,
    /// Every transition is below [`SMALL`] in magnitude (see [`Lattice::decode`]).
    small_trans: bool,
}

/// Scores below this in magnitude add to [`NEG`] without moving it, and sums of fewer
/// than `2^41` of them stay far above `NEG / 2`.
const SMALL: f32 = 1.0e16;

impl Lattice {
    /// Lays out `trans` (`n_tags * n_tags`, `n_tags = 1 + 4 * types`).
    pub fn new(n_tags: usize, trans: &[f32]) -> Lattice {
        let k = n_tags.saturating_sub(1) / 4;
        let mut ends = vec![0];
        let mut opens = vec![0];
        for kk in 0..k {
            ends.extend([tag_of(Part::L, kk), tag_of(Part::U, kk)]);
            opens.extend([tag_of(Part::B, kk), tag_of(Part::U, kk)]);
        }
        let blocks = opens.len().div_ceil(OPEN_BLOCK);
        let mut tr = vec![NEG; blocks * ends.len() * OPEN_BLOCK];
        for (o, &t) in opens.iter().enumerate() {
            let (b, j) = (o / OPEN_BLOCK, o % OPEN_BLOCK);
            for (e, &p) in ends.iter().enumerate() {
                tr[(b * ends.len() + e) * OPEN_BLOCK + j] =
                    trans.get(p * n_tags + t).copied().unwrap_or(NEG);
            }
        }
        let mut lo = vec![NEG; blocks * ends.len()];
        let mut hi = vec![NEG; blocks * ends.len()];
        for (b, (l, h)) in lo
            .chunks_exact_mut(ends.len())
            .zip(hi.chunks_exact_mut(ends.len()))
            .enumerate()
        {
            let n_open = opens.len().saturating_sub(b * OPEN_BLOCK).min(OPEN_BLOCK);
            for e in 0..ends.len() {
                let row = &tr[(b * ends.len() + e) * OPEN_BLOCK..][..n_open];
                l[e] = row.iter().copied().fold(f32::INFINITY, f32::min);
                h[e] = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            }
        }
        let at = |p: usize, t: usize| trans.get(p * n_tags + t).copied().unwrap_or(NEG);
        let inner = (0..k)
            .map(|kk| {
                let (b, i, l) = (
                    tag_of(Part::B, kk),
                    tag_of(Part::I, kk),
                    tag_of(Part::L, kk),
                );
                [at(b, i), at(i, i), at(b, l), at(i, l)]
            })
            .collect();
        Lattice {
            small_trans: trans.iter().all(|x| x.abs() < SMALL),
            n_tags,
            ends,
            opens,
            tr,
            inner,
            lo,
            hi,
        }
    }

    /// Best tag sequence for `n` tokens (see [`viterbi`]); `start` and `trans`
    /// must be those the lattice was built with.
    pub fn decode(&self, n: usize, em: &[f32], start: &[f32], trans: &[f32]) -> Vec<usize> {
        let small = em
            .iter()
            .take(n.saturating_mul(self.n_tags))
            .chain(start)
            .all(|x| x.abs() < SMALL);
        self.decode_checked(n, em, start, trans, small)
    }

    /// [`Lattice::decode`]; `small`: every emission and start score is below [`SMALL`]
    /// in magnitude (the caller knows it, or it was checked).
    fn decode_checked(
        &self,
        n: usize,
        em: &[f32],
        start: &[f32],
        trans: &[f32],
        small: bool,
    ) -> Vec<usize> {
        let nt = self.n_tags;
        if n == 0 || nt == 0 || em.len() < n * nt || start.len() < nt || trans.len() < nt * nt {
            return vec![0; n];
        }
        let k = (nt - 1) / 4;
        let mut scores = vec![NEG; n * nt];
        for t in 0..nt {
            if allowed(None, t) {
                scores[t] = start[t] + em[t];
            }
        }
        let ne = self.ends.len();
        let no = self.opens.len();
        // When every emission, start and transition score is below `SMALL` in magnitude
        // (and `n` below `2^40`), a reachable tag's score stays above `NEG / 2`, every
        // unreachable one is `NEG` itself (`NEG + x` rounds back to `NEG`: `SMALL` is far
        // below half its ulp, about 3.8e22), and so is any best reaching a tag at or
        // below `NEG / 2`: adding the emission to it unchecked gives `NEG` as well, and
        // the row is written with plain sums (the same floats as the checked ones).
        let small = small && self.small_trans && (n as u64) < 1 << 40;
        let mut pe = vec![NEG; ne];
        // Per token, the best score reaching each opening tag before its emission
        // (`opens` order: `O`, then `B-k`, `U-k`), kept for the backtrace.
        let mut reach = vec![NEG; n * no];
        for i in 1..n {
            let (done, rest) = scores.split_at_mut(i * nt);
            let prev = &done[(i - 1) * nt..];
            let cur = &mut rest[..nt];
            let emi = &em[i * nt..(i + 1) * nt];
            for (p, &e) in pe.iter_mut().zip(&self.ends) {
                *p = prev[e];
            }
            let ri = &mut reach[i * no..(i + 1) * no];
            for (((block, lo), hi), r) in self
                .tr
                .chunks_exact(ne * OPEN_BLOCK)
                .zip(self.lo.chunks_exact(ne))
                .zip(self.hi.chunks_exact(ne))
                .zip(ri.chunks_mut(OPEN_BLOCK))
            {
                // Every opening tag of the block scores at least `floor` (through the
                // closing tag that gives it); a closing tag whose best transition
                // cannot reach it cannot give any of them its maximum, so its row is
                // skipped. Rounding is monotone, so each skipped sum is strictly below
                // the maximum it would have been compared with: the maxima, and which
                // equal value is taken first, are those of the full loop.
                let floor = pe
                    .iter()
                    .zip(lo)
                    .fold(f32::NEG_INFINITY, |m, (&p, &l)| m.max(p + l));
                let mut acc = [NEG; OPEN_BLOCK];
                for ((row, &s), &h) in block.chunks_exact(OPEN_BLOCK).zip(&pe).zip(hi) {
                    if s + h < floor {
                        continue;
                    }
                    for (a, &r) in acc.iter_mut().zip(row) {
                        let v = s + r;
                        *a = if v > *a { v } else { *a };
                    }
                }
                r.copy_from_slice(&acc[..r.len()]);
            }
            // Then the scores in tag order: `O`, and per type `B`, `I`, `L`, `U`,
            // where `I-k` and `L-k` follow `B-k` or `I-k` only.
            if small {
                // `NEG + x` is `NEG` for every small `x`, so the plain sums are those
                // of `with` below (see `small`).
                cur[0] = ri[0] + emi[0];
                for ((((c, e), p), w), o) in cur[1..]
                    .chunks_exact_mut(4)
                    .zip(emi[1..].chunks_exact(4))
                    .zip(prev[1..].chunks_exact(4))
                    .zip(&self.inner)
                    .zip(ri[1..].chunks_exact(2))
                    .take(k)
                {
                    let (pb, pi) = (p[0], p[1]);
                    c[0] = o[0] + e[0];
                    c[1] = (pb + w[0]).max(pi + w[1]) + e[1];
                    c[2] = (pb + w[2]).max(pi + w[3]) + e[2];
                    c[3] = o[1] + e[3];
                }
                continue;
            }
            let with = |best: f32, e: f32| if best > NEG / 2.0 { best + e } else { NEG };
            cur[0] = with(ri[0], emi[0]);
            for ((((c, e), p), w), o) in cur[1..]
                .chunks_exact_mut(4)
                .zip(emi[1..].chunks_exact(4))
                .zip(prev[1..].chunks_exact(4))
                .zip(&self.inner)
                .zip(ri[1..].chunks_exact(2))
                .take(k)
            {
                let (pb, pi) = (p[0], p[1]);
                c[0] = with(o[0], e[0]);
                c[1] = with((pb + w[0]).max(pi + w[1]), e[1]);
                c[2] = with((pb + w[2]).max(pi + w[3]), e[2]);
                c[3] = with(o[1], e[3]);
            }
        }
        let last_row = &scores[(n - 1) * nt..];
        let mut last = 0;
        let mut best = NEG;
        for (t, &s) in last_row.iter().enumerate() {
            if may_end(t) && s > best {
                best = s;
                last = t;
            }
        }
        let mut out = vec![0usize; n];
        out[n - 1] = last;
        for i in (1..n).rev() {
            let prev = &scores[(i - 1) * nt..i * nt];
            let t = out[i];
            let mut best = NEG;
            let mut arg = 0usize;
            let mut consider = |p: usize| {
                let s = prev[p] + trans[p * nt + t];
                if s > best {
                    best = s;
                    arg = p;
                }
            };
            let (part, kk) = tag_part(t);
            match part {
                Part::I | Part::L => {
                    consider(tag_of(Part::B, kk));
                    consider(tag_of(Part::I, kk));
                }
                _ => {
                    // The first closing tag (in tag order) whose sum equals the best
                    // one: the one the plain `>` scan would keep, with the same sums.
                    let j = match part {
                        Part::O => 0,
                        Part::B => 1 + 2 * kk,
                        _ => 2 + 2 * kk,
                    };
                    // (A tag past the model's types, for a lattice of another
                    // size, has no kept maximum: the plain scan.)
                    let target = if j < no {
                        reach.get(i * no + j).copied().unwrap_or(NEG)
                    } else {
                        NEG
                    };
                    let found = (target > NEG)
                        .then(|| {
                            self.ends
                                .iter()
                                .copied()
                                .find(|&p| prev[p] + trans[p * nt + t] == target)
                        })
                        .flatten();
                    match found {
                        Some(p) => arg = p,
                        None => self.ends.iter().for_each(|&p| consider(p)),
                    }
                }
            }
            out[i - 1] = arg;
        }
        out
    }
}

/// Mentions in a tag sequence: `(first token, end token exclusive, type index)`.
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (p, k) = tag_part(t);
        match p {
            Part::O => open = None,
            Part::U => {
                out.push((i, i + 1, k));
                open = None;
            }
            Part::B => open = Some((i, k)),
            Part::I => {
                if open.is_none_or(|(_, ok)| ok != k) {
                    open = Some((i, k));
                }
            }
            Part::L => {
                let s = match open {
                    Some((s, ok)) if ok == k => s,
                    _ => i,
                };
                out.push((s, i + 1, k));
                open = None;
            }
        }
    }
    out
}

/// A trained model, ready to score tokens.
#[derive(Debug, Clone)]
pub struct Model {
    /// Tells models apart (a clone keeps its original's): the tagger's per-word cache of
    /// summed weights belongs to one model.
    id: u64,
    bits: u32,
    types: Vec<EntityType>,
    labels: Vec<Label>,
    scale: f32,
    temperature: f32,
    start: Vec<f32>,
    trans: Vec<f32>,
    /// `trans` laid out for decoding.
    lattice: Lattice,
    /// Every start score, and every emission score the model can give (`32768 *
    /// scale`), is below [`SMALL`] in magnitude: the decoder's plain sums apply.
    small_scores: bool,
    /// Per bucket, one word (one memory access): `DENSE_BIT | row` for a
    /// bucket kept as a dense row, else `offset << 8 | count` into `pairs`. With 65
    /// tags and at most 2^16 rows, a dense row's word also holds its 65th weight:
    /// `DENSE_BIT | (weight as u8) << 16 | row` (see `hi_in_index`).
    index: Vec<u32>,
    /// The bits of a dense row's index word that give the row: `0xffff` when the
    /// word also holds the row's one weight past its line, else `!DENSE_BIT`.
    row_mask: u32,
    /// `(tag, weight)` side by side.
    pairs: Vec<(u8, i8)>,
    /// Full rows of the weights of tags `0..ROW`, added with vector instructions:
    /// each row one aligned cache line (an 80-byte row always straddled two).
    dense: Vec<Row>,
    /// The dense rows' weights of tags `ROW..n_tags`, `n_tags - ROW` a row (one byte
    /// for 65 tags; the array is small enough to stay in cache).
    dense_hi: Vec<i8>,
}

/// Tags of a dense row's cache line.
const ROW: usize = 64;

/// A dense row's weights of tags `0..ROW`, each plus 128 (`0..=255`): unsigned bytes
/// widen to 16 bits with one instruction each 8 lanes where signed ones took two, and the
/// sum of a token's rows is that of the weights plus 128 per row, taken off at the end.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Row([u8; ROW]);

/// Most tags a model may have (`1 + 4 * 19`; sums are kept in arrays of this size).
const DENSE: usize = 80;

/// Buckets with at least this many weights are stored as dense rows too.
const DENSE_FROM: usize = 6;

const DENSE_BIT: u32 = 1 << 31;

/// Most dense rows whose index words can hold a 65th weight beside the row (16 bits).
const HI_IN_INDEX_ROWS: usize = 1 << 16;

fn take<'a>(b: &mut &'a [u8], n: usize) -> Result<&'a [u8], ModelError> {
    if b.len() < n {
        return Err(ModelError("model file is truncated".into()));
    }
    let (h, t) = b.split_at(n);
    *b = t;
    Ok(h)
}

fn u32_le(b: &mut &[u8]) -> Result<u32, ModelError> {
    let s = take(b, 4)?;
    Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn f32_le(b: &mut &[u8]) -> Result<f32, ModelError> {
    Ok(f32::from_bits(u32_le(b)?))
}

fn i16s(b: &mut &[u8], n: usize, scale: f32) -> Result<Vec<f32>, ModelError> {
    let s = take(b, 2 * n)?;
    Ok(s.chunks_exact(2)
        .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
        .collect())
}

impl Model {
    /// Reads a model from its bytes (format in the module docs).
    ///
    /// # Errors
    /// [`ModelError`] for a malformed or truncated model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut b = bytes;
        if take(&mut b, 8)? != MAGIC {
            return Err(ModelError("not an informant tagger model".into()));
        }
        let bits = u32_le(&mut b)?;
        if !(8..=24).contains(&bits) {
            return Err(ModelError(format!("bad bucket bits {bits}")));
        }
        let n_types = u32_le(&mut b)? as usize;
        if n_types == 0 || 1 + 4 * n_types > DENSE {
            return Err(ModelError(format!("bad type count {n_types}")));
        }
        let mut names = Vec::with_capacity(n_types);
        for _ in 0..n_types {
            let len = take(&mut b, 1)?[0] as usize;
            let s = take(&mut b, len)?;
            names.push(String::from_utf8_lossy(s).into_owned());
        }
        let labels = parse_labels(&names)
            .ok_or_else(|| ModelError(format!("unknown entity type in {names:?}")))?;
        let types = labels.iter().map(|l| l.entity_type).collect();
        let scale = f32_le(&mut b)?;
        let temperature = f32_le(&mut b)?;
        let n_tags = 1 + 4 * n_types;
        let start = i16s(&mut b, n_tags, scale)?;
        let trans = i16s(&mut b, n_tags * n_tags, scale)?;
        let counts = take(&mut b, 1usize << bits)?;
        let mut offsets = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        offsets.push(0);
        for &c in counts {
            total += u32::from(c);
            offsets.push(total);
        }
        let pairs = take(&mut b, 2 * total as usize)?;
        let mut list = Vec::with_capacity(total as usize);
        for p in pairs.chunks_exact(2) {
            if p[0] as usize >= n_tags {
                return Err(ModelError(format!("tag {} out of range", p[0])));
            }
            list.push((p[0], p[1] as i8));
        }
        if total >= 1 << 23 {
            return Err(ModelError("too many weights".into()));
        }
        let mut index = vec![0u32; counts.len()];
        let n_dense = counts
            .iter()
            .filter(|&&c| usize::from(c) >= DENSE_FROM)
            .count();
        let mut dense = Vec::with_capacity(n_dense);
        let hi_w = n_tags.saturating_sub(ROW);
        let mut dense_hi = Vec::with_capacity(n_dense * hi_w);
        for (b, d) in index.iter_mut().enumerate() {
            let (lo, hi) = (offsets[b] as usize, offsets[b + 1] as usize);
            if hi - lo >= DENSE_FROM {
                let mut row = [0i8; DENSE];
                for &(t, w) in &list[lo..hi] {
                    row[usize::from(t) % DENSE] = w;
                }
                *d = DENSE_BIT | dense.len() as u32;
                let mut r = Row([0; ROW]);
                for (x, &w) in r.0.iter_mut().zip(&row) {
                    *x = (i16::from(w) + 128) as u8;
                }
                dense.push(r);
                dense_hi.extend_from_slice(row.get(ROW..n_tags).unwrap_or(&[]));
                debug_assert_eq!(dense_hi.len(), dense.len() * hi_w);
            } else {
                *d = (lo as u32) << 8 | (hi - lo) as u32;
            }
        }
        // The built-in model's one weight past the line goes into the index word the
        // sums read anyway: no load from `dense_hi` (34 KB, a cache miss a row).
        let row_mask = if hi_w == 1 && dense.len() <= HI_IN_INDEX_ROWS {
            for d in index.iter_mut().filter(|d| **d & DENSE_BIT != 0) {
                let r = (*d & !DENSE_BIT) as usize;
                let h = dense_hi.get(r).copied().unwrap_or(0);
                *d = DENSE_BIT | u32::from(h as u8) << 16 | r as u32;
            }
            0xffff
        } else {
            !DENSE_BIT
        };
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Model {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            index,
            row_mask,
            dense,
            dense_hi,
            bits,
            types,
            labels,
            scale,
            temperature,
            lattice: Lattice::new(n_tags, &trans),
            small_scores: 32768.0 * scale.abs() < SMALL && start.iter().all(|x| x.abs() < SMALL),
            start,
            trans,
            pairs: list,
        })
    }

    /// Writes a model from float weights: `w(bucket, tag)` for features,
    /// `start[tag]`, `trans[prev * n_tags + next]`. Weights are quantised to
    /// i8 (transitions to i16) with one scale; those whose quantised magnitude is
    /// below `min_q` (at least 1) are dropped.
    pub fn encode(
        min_q: i8,
        bits: u32,
        labels: &[Label],
        temperature: f32,
        start: &[f32],
        trans: &[f32],
        w: &[f32],
    ) -> Vec<u8> {
        let n_tags = 1 + 4 * labels.len();
        let n_buckets = 1usize << bits;
        debug_assert_eq!(w.len(), n_buckets * n_tags);
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&(labels.len() as u32).to_le_bytes());
        for l in labels {
            let name = l.name();
            out.push(name.len() as u8);
            out.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&temperature.to_le_bytes());
        for &x in start.iter().chain(trans) {
            let q = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        let mut pairs = Vec::new();
        for b in 0..n_buckets {
            let mut count = 0u8;
            for t in 0..n_tags {
                let q = (w[b * n_tags + t] / scale).round().clamp(-127.0, 127.0) as i8;
                if q != 0 && q.unsigned_abs() >= min_q.unsigned_abs() {
                    pairs.push(t as u8);
                    pairs.push(q as u8);
                    count += 1;
                }
            }
            out.push(count);
        }
        out.extend_from_slice(&pairs);
        out
    }

    /// Bucket bits: feature indices are below `1 << bits`.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The entity types, in tag order.
    pub fn types(&self) -> &[EntityType] {
        &self.types
    }

    /// The labels (type and, where learnt, kind), in tag order.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// Number of tags: `1 + 4 * types`.
    pub fn n_tags(&self) -> usize {
        1 + 4 * self.types.len()
    }

    /// Scale of margins when turning them into confidences.
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// Number of non-zero feature weights stored.
    pub fn n_weights(&self) -> usize {
        self.pairs.len()
    }

    /// Emission scores for `n` tokens with `nf` features each, into `em[i * n_tags + t]`.
    pub fn emissions(&self, feats: &[u32], nf: usize, em: &mut Vec<f32>) {
        self.emissions_onto(feats, nf, None, em);
    }

    /// This model's identity: a clone shares it, any other model has another.
    pub(super) fn id(&self) -> u64 {
        self.id
    }

    /// The summed weights of `buckets`, `n_tags` integers (the weights as stored,
    /// before the scale), into `out`.
    pub(super) fn sum_buckets(&self, buckets: &[u32], out: &mut [i16]) {
        let ds: Vec<u32> = buckets
            .iter()
            .map(|&f| self.index.get(f as usize).copied().unwrap_or(0))
            .collect();
        let mut acc = [0i16; DENSE];
        self.add_token(&ds, &mut acc);
        for (o, &a) in out.iter_mut().zip(&acc[..self.n_tags()]) {
            *o = a;
        }
    }

    /// [`Model::emissions`], each token's integer sums starting from its `n_tags`
    /// values in `base` (the summed weights of features the caller summed itself; all
    /// integers, so the order of the sums does not change them).
    pub(super) fn emissions_onto(
        &self,
        feats: &[u32],
        nf: usize,
        base: Option<&[i16]>,
        em: &mut Vec<f32>,
    ) {
        let n_tags = self.n_tags();
        let n = feats.len() / nf.max(1);
        em.clear();
        em.reserve(n * n_tags);
        // Tags are below 80 (at most 19 labels): fixed arrays, no bounds checks.
        // i16 sums cannot overflow: at most 256 features of at most 127 each.
        let nf = nf.clamp(1, 256);
        // First every bucket's index word for the whole sentence, in one tight loop
        // of independent loads, so the memory system fetches many at once (the
        // index and rows do not fit in cache; this stage is bound by memory).
        // An unknown bucket reads as an empty run of pairs.
        let ds: Vec<u32> = feats
            .iter()
            .map(|&f| self.index.get(f as usize).copied().unwrap_or(0))
            .collect();
        // Then, one token ahead of the sums, one byte of each line the next token's
        // weights sit on is read: those loads do not wait on one another, so the
        // misses overlap, and the sums find the weights in cache (measured: the
        // tagger alone about 5-10% faster on the re3d batch, `informant-bench
        // --stage tagger`; a pass over the whole sentence first did as well).
        let touch = |di: &[u32]| -> u8 {
            let mut t = 0u8;
            for &d in di {
                if d & DENSE_BIT != 0 {
                    if let Some(row) = self.dense.get((d & self.row_mask) as usize) {
                        t ^= row.0[0];
                    }
                } else if let Some(&(x, _)) = self.pairs.get((d >> 8) as usize) {
                    t ^= x;
                }
            }
            t
        };
        let mut touched = touch(ds.get(..nf).unwrap_or(&[]));
        for (i, di) in ds.chunks_exact(nf).enumerate().take(n) {
            touched ^= touch(ds.get((i + 1) * nf..(i + 2) * nf).unwrap_or(&[]));
            let mut acc = [0i16; DENSE];
            if let Some(b) = base.and_then(|b| b.get(i * n_tags..(i + 1) * n_tags)) {
                acc[..n_tags].copy_from_slice(b);
            }
            self.add_token(di, &mut acc);
            // Every token has its chunk (`n` of them): the scores are appended,
            // with no zero-filling first.
            em.extend(acc[..n_tags].iter().map(|&a| f32::from(a) * self.scale));
        }
        // The touched bytes are kept, so the loads are not optimised away.
        std::hint::black_box(touched);
    }

    /// Adds the weights of one token's buckets (their index words `di`, at most 256)
    /// to `acc`, wrapping (the true sums fit in an i16).
    #[inline]
    fn add_token(&self, di: &[u32], acc: &mut [i16; DENSE]) {
        let hi_w = self.n_tags().saturating_sub(ROW);
        // The dense rows first, in a loop of their own so that the sums of the
        // cache line stay in registers; then the short lists of pairs.
        let mut lo = [0u16; ROW];
        let mut rows = 0i32;
        if hi_w == 1 && self.row_mask != !DENSE_BIT {
            // The built-in model's 65 tags: one weight past the line, read from the
            // index word and summed in a register (wrapping sums do not depend on
            // their order).
            let mut hi = 0i16;
            for &d in di {
                if d & DENSE_BIT != 0 {
                    if let Some(row) = self.dense.get((d & self.row_mask) as usize) {
                        for (a, &w) in lo.iter_mut().zip(&row.0) {
                            *a = a.wrapping_add(u16::from(w));
                        }
                        rows += 1;
                    }
                    hi = hi.wrapping_add(i16::from((d >> 16) as u8 as i8));
                }
            }
            acc[ROW] = acc[ROW].wrapping_add(hi);
        } else if hi_w == 1 {
            // 65 tags but too many rows for the index words: the same from `dense_hi`.
            let mut hi = 0i16;
            for &d in di {
                if d & DENSE_BIT != 0 {
                    let r = (d & !DENSE_BIT) as usize;
                    if let Some(row) = self.dense.get(r) {
                        for (a, &w) in lo.iter_mut().zip(&row.0) {
                            *a = a.wrapping_add(u16::from(w));
                        }
                        rows += 1;
                    }
                    if let Some(&h) = self.dense_hi.get(r) {
                        hi = hi.wrapping_add(i16::from(h));
                    }
                }
            }
            acc[ROW] = acc[ROW].wrapping_add(hi);
        } else {
            for &d in di {
                if d & DENSE_BIT != 0 {
                    let r = (d & !DENSE_BIT) as usize;
                    if let Some(row) = self.dense.get(r) {
                        for (a, &w) in lo.iter_mut().zip(&row.0) {
                            *a = a.wrapping_add(u16::from(w));
                        }
                        rows += 1;
                    }
                    if let Some(h) = self.dense_hi.get(r * hi_w..(r + 1) * hi_w) {
                        for (a, &w) in acc[ROW..].iter_mut().zip(h) {
                            *a = a.wrapping_add(i16::from(w));
                        }
                    }
                }
            }
        }
        for &d in di {
            if d & DENSE_BIT == 0 {
                let (a, n) = ((d >> 8) as usize, (d & 0xff) as usize);
                for &(t, w) in self.pairs.get(a..a + n).unwrap_or(&[]) {
                    // Tags were checked below `n_tags <= DENSE` when loading.
                    if let Some(x) = acc.get_mut(usize::from(t)) {
                        *x = x.wrapping_add(i16::from(w));
                    }
                }
            }
        }
        // At most 256 rows of at most 255 each: the sums fit in 16 bits, and less
        // 128 a row they are the sums of the rows' weights, which fit in an i16.
        for (a, &l) in acc.iter_mut().zip(&lo) {
            *a = a.wrapping_add((i32::from(l) - 128 * rows) as i16);
        }
    }

    /// Best tags for `n` tokens given their emission scores.
    pub fn decode(&self, em: &[f32]) -> Vec<usize> {
        let n_tags = self.n_tags();
        self.lattice
            .decode(em.len() / n_tags, em, &self.start, &self.trans)
    }

    /// [`Model::decode`] of the scores [`Model::emissions_onto`] wrote: integer sums
    /// times the scale, so below `32768 * scale` in magnitude, with no need to check.
    pub(super) fn decode_emitted(&self, em: &[f32]) -> Vec<usize> {
        let n_tags = self.n_tags();
        let small = self.small_scores;
        self.lattice
            .decode_checked(em.len() / n_tags, em, &self.start, &self.trans, small)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Emission scores read straight off the model file: for each token, every
    /// feature's listed `(tag, weight)` pairs summed per tag, times the scale.
    fn plain_emissions(bytes: &[u8], feats: &[u32], nf: usize) -> Vec<f32> {
        let u32_at =
            |o: usize| u32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
        let bits = u32_at(8);
        let n_types = u32_at(12) as usize;
        let mut o = 16;
        for _ in 0..n_types {
            o += 1 + bytes[o] as usize;
        }
        let scale = f32::from_bits(u32_at(o));
        let nt = 1 + 4 * n_types;
        o += 8 + 2 * (nt + nt * nt);
        let counts = &bytes[o..o + (1 << bits)];
        let pairs = &bytes[o + (1 << bits)..];
        let mut offsets = vec![0usize];
        for &c in counts {
            offsets.push(offsets.last().unwrap() + c as usize);
        }
        let mut em = Vec::new();
        for tok in feats.chunks_exact(nf) {
            let mut acc = vec![0i32; nt];
            for &f in tok {
                let Some(&c) = counts.get(f as usize) else {
                    continue;
                };
                let a = offsets[f as usize];
                for k in a..a + c as usize {
                    acc[pairs[2 * k] as usize] += i32::from(pairs[2 * k + 1] as i8);
                }
            }
            em.extend(acc.iter().map(|&a| f32::from(a as i16) * scale));
        }
        em
    }

    /// Labels for a model of `n` of them (types, then types again with a kind).
    fn labels(n: usize) -> Vec<Label> {
        EntityType::ALL
            .iter()
            .map(|&t| Label {
                entity_type: t,
                kind: None,
            })
            .chain(EntityType::ALL.iter().map(|&t| Label {
                entity_type: t,
                kind: Some(crate::document::MentionKind::Nominal),
            }))
            .take(n)
            .collect()
    }

    #[test]
    fn emissions_are_the_sums_of_the_listed_weights() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // The built-in model, and models with fewer and more tags than a row holds.
        let mut models = vec![super::super::BUILTIN_MODEL.to_vec()];
        for n_labels in [1, 3, 15, 16, 17, 19] {
            let bits = 10;
            let nt = 1 + 4 * n_labels;
            // Dense buckets (every tag, weights to the extremes), short lists, empty buckets.
            let w: Vec<f32> = (0..(1usize << bits) * nt)
                .map(|i| match (i / nt) % 3 {
                    0 => (next() % 255) as f32 - 127.0,
                    1 if next() % 8 == 0 => (next() % 255) as f32 - 127.0,
                    _ => 0.0,
                })
                .collect();
            let trans = vec![0.0; nt * nt];
            models.push(Model::encode(
                1,
                bits,
                &labels(n_labels),
                1.0,
                &vec![0.0; nt],
                &trans,
                &w,
            ));
        }
        // 65 tags with more dense rows than the index words can hold beside their 65th
        // weight (2^16): the weights past the line are read from `dense_hi` instead.
        {
            let (bits, n_labels) = (17, 16);
            let nt = 1 + 4 * n_labels;
            let w: Vec<f32> = (0..(1usize << bits) * nt)
                .map(|i| match (i / nt) % 3 {
                    0 | 1 => (next() % 255) as f32 - 127.0,
                    _ => 0.0,
                })
                .collect();
            let bytes = Model::encode(
                1,
                bits,
                &labels(n_labels),
                1.0,
                &vec![0.0; nt],
                &vec![0.0; nt * nt],
                &w,
            );
            let m = Model::from_bytes(&bytes).expect("model loads");
            assert!(m.dense.len() > HI_IN_INDEX_ROWS && m.row_mask == !DENSE_BIT);
            models.push(bytes);
        }
        let m = Model::from_bytes(&models[0]).expect("built-in model");
        assert_eq!(
            m.row_mask, 0xffff,
            "the built-in model's 65th weights are in its index"
        );
        for bytes in &models {
            let m = Model::from_bytes(bytes).expect("model loads");
            for nf in [1, 47, 256] {
                for n in [1, 2, 9] {
                    let feats: Vec<u32> = (0..n * nf)
                        .map(|_| match next() % 16 {
                            // Past the last bucket: an empty feature.
                            0 => u32::MAX - (next() % 7) as u32,
                            _ => (next() % (1u64 << m.bits())) as u32,
                        })
                        .collect();
                    let mut em = Vec::new();
                    m.emissions(&feats, nf, &mut em);
                    let plain = plain_emissions(bytes, &feats, nf);
                    assert_eq!(
                        em.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                        plain.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                        "{} tags, nf {nf}, n {n}",
                        m.n_tags()
                    );
                }
            }
        }
    }

    /// The textbook algorithm: every legal predecessor, in tag order.
    fn reference(n: usize, nt: usize, em: &[f32], start: &[f32], trans: &[f32]) -> Vec<usize> {
        let mut score: Vec<f32> = (0..nt)
            .map(|t| {
                if allowed(None, t) {
                    start[t] + em[t]
                } else {
                    NEG
                }
            })
            .collect();
        let mut back = vec![0usize; n * nt];
        for i in 1..n {
            let mut next = vec![NEG; nt];
            for t in 0..nt {
                let mut best = NEG;
                for p in 0..nt {
                    let s = score[p] + trans[p * nt + t];
                    if allowed(Some(p), t) && s > best {
                        best = s;
                        back[i * nt + t] = p;
                    }
                }
                if best > NEG / 2.0 {
                    next[t] = best + em[i * nt + t];
                }
            }
            score = next;
        }
        let mut last = 0;
        let mut best = NEG;
        for (t, &s) in score.iter().enumerate() {
            if may_end(t) && s > best {
                best = s;
                last = t;
            }
        }
        let mut out = vec![0; n];
        out[n - 1] = last;
        for i in (1..n).rev() {
            out[i - 1] = back[i * nt + out[i]];
        }
        out
    }

    /// The lattice Viterbi and the textbook one on the same `1 + 4k` tags and `n` tokens,
    /// with weights cycled from `seed`.
    fn both_viterbis(k: usize, n: usize, seed: &[i8]) -> (Vec<usize>, Vec<usize>) {
        both_viterbis_scaled(k, n, seed, 1.0)
    }

    /// [`both_viterbis`] with the emissions `em_scale` times as large as the transitions
    /// (large: most closing tags' rows are skipped).
    fn both_viterbis_scaled(
        k: usize,
        n: usize,
        seed: &[i8],
        em_scale: f32,
    ) -> (Vec<usize>, Vec<usize>) {
        let nt = 1 + 4 * k;
        let mut w = seed.iter().cycle().map(|&x| f32::from(x) * 0.37);
        let em: Vec<f32> = (0..n * nt)
            .map(|_| w.next().unwrap_or(0.0) * em_scale)
            .collect();
        let start: Vec<f32> = (0..nt).map(|_| w.next().unwrap_or(0.0)).collect();
        let trans: Vec<f32> = (0..nt * nt).map(|_| w.next().unwrap_or(0.0)).collect();
        (
            viterbi(n, nt, &em, &start, &trans),
            reference(n, nt, &em, &start, &trans),
        )
    }

    proptest! {
        #[test]
        fn lattice_viterbi_matches_with_more_opening_tags_than_a_block(
            k in 19usize..26,
            n in 1usize..6,
            seed in proptest::collection::vec(-8i8..8, 3000),
        ) {
            // 39 to 51 opening tags: one block of 40 or two.
            let (fast, textbook) = both_viterbis(k, n, &seed);
            prop_assert_eq!(fast, textbook);
        }

        #[test]
        fn lattice_viterbi_matches_with_rows_skipped(
            k in 1usize..20,
            n in 1usize..12,
            em_scale in 2.0f32..40.0,
            seed in proptest::collection::vec(-8i8..8, 3000),
        ) {
            let (fast, textbook) = both_viterbis_scaled(k, n, &seed, em_scale);
            prop_assert_eq!(fast, textbook);
        }

        #[test]
        fn lattice_viterbi_matches_with_emissions_too_large_for_plain_sums(
            k in 1usize..20,
            n in 1usize..12,
            em_scale in 1.0e16f32..1.0e21,
            seed in proptest::collection::vec(-8i8..8, 3000),
        ) {
            // Emissions of `SMALL` and more: the checked sums.
            let (fast, textbook) = both_viterbis_scaled(k, n, &seed, em_scale);
            prop_assert_eq!(fast, textbook);
        }

        #[test]
        fn lattice_viterbi_matches_the_textbook_algorithm(
            k in 1usize..6,
            n in 1usize..12,
            seed in proptest::collection::vec(-8i8..8, 2000),
        ) {
            let (fast, textbook) = both_viterbis(k, n, &seed);
            prop_assert_eq!(fast, textbook);
        }
    }
}
