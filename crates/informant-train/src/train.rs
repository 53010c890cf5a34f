//! Turning documents into training sequences, and the averaged structured perceptron.

use informant::recognise::tagger::model::{self, Part, tag_of, tag_part, viterbi};
use informant::recognise::tagger::{
    CaseMemory, Label, N_FEATURES, sentence_features_with, sentence_tokens,
};
use informant::{Document, EntityType, MentionKind, Pipeline, Span};

use crate::data::GoldDoc;

const fn label(entity_type: EntityType, kind: Option<MentionKind>) -> Label {
    Label { entity_type, kind }
}

/// The labels the tagger learns, in tag order: the types whose kind follows from the
/// text (names of persons, organisations and places; the other types, name or
/// description, and values), then nominal and pronoun persons, organisations, places.
pub const LABELS: [Label; 16] = [
    label(EntityType::Person, None),
    label(EntityType::Organisation, None),
    label(EntityType::Location, None),
    label(EntityType::Nationality, None),
    label(EntityType::Temporal, None),
    label(EntityType::Money, None),
    label(EntityType::Quantity, None),
    label(EntityType::Weapon, None),
    label(EntityType::MilitaryPlatform, None),
    label(EntityType::Vehicle, None),
    label(EntityType::DocumentReference, None),
    label(EntityType::Person, Some(MentionKind::Nominal)),
    label(EntityType::Organisation, Some(MentionKind::Nominal)),
    label(EntityType::Location, Some(MentionKind::Nominal)),
    label(EntityType::Person, Some(MentionKind::Pronoun)),
    label(EntityType::Organisation, Some(MentionKind::Pronoun)),
];

pub fn n_tags() -> usize {
    1 + 4 * LABELS.len()
}

fn is_pol(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Organisation | EntityType::Location
    )
}

/// The label index of a gold mention, if the tagger learns it.
pub fn label_of(t: EntityType, k: MentionKind) -> Option<usize> {
    let want = match k {
        MentionKind::Nominal | MentionKind::Pronoun if is_pol(t) => Some(k),
        _ => None,
    };
    LABELS
        .iter()
        .position(|l| l.entity_type == t && l.kind == want)
}

/// Which labels a group of corpora annotates: the others are neither taught nor
/// penalised on its sentences (their tags are masked out while training).
pub fn annotated(group: &str, l: &Label) -> bool {
    use EntityType as T;
    let pol = is_pol(l.entity_type);
    match group {
        "re3d" => true,
        "gum" => pol || matches!(l.entity_type, T::Temporal | T::Quantity),
        "meantime" => pol || l.entity_type == T::Temporal,
        // spaCy's names, nationalities (NORP) included
        "silver" => (pol || l.entity_type == T::Nationality) && l.kind.is_none(),
        // names only
        _ => pol && l.kind.is_none(),
    }
}

/// Allowed tags of a group as a mask over tag indices.
pub fn tag_mask(group: &str) -> Vec<bool> {
    (0..n_tags())
        .map(|t| {
            let (p, k) = tag_part(t);
            p == Part::O || annotated(group, &LABELS[k])
        })
        .collect()
}

/// One sentence: features (N_FEATURES per token) and gold tags.
pub struct Seq {
    /// `nf` features per token.
    pub feats: Vec<u32>,
    pub nf: usize,
    pub gold: Vec<usize>,
    /// Weight of the sequence's updates (GUM may count less than re3d).
    pub weight: f32,
    /// Tags the sequence's corpus annotates (others are masked out in training).
    pub mask: std::sync::Arc<Vec<bool>>,
    /// Whether it comes from the group the confidences are calibrated on (re3d).
    pub calibrate: bool,
}

/// Counts of gold mentions used and left out while making sequences.
#[derive(Default, Debug)]
pub struct AlignStats {
    pub used: usize,
    pub nested: usize,
    pub unaligned: usize,
}

/// The pipeline that prepares documents for the tagger (with
/// [`Pipeline::prepare_for_tagger`]: the recognisers before the tagger's place, as
/// the tagger sees their mentions when it runs).
pub fn prep_pipeline() -> Pipeline {
    Pipeline::builder()
        .tagger(false)
        .resolve(false)
        .attribute(false)
        .build()
        .expect("the built-in pipeline builds")
}

/// The flat layer of gold mentions the tagger learns: mentions of the model's
/// types, outermost first (longest at each start; a second type on the same
/// span and mentions inside a kept one are left to the other recognisers).
fn flat_layer(
    gold: &[(Span, EntityType, MentionKind)],
    stats: &mut AlignStats,
) -> Vec<(Span, usize)> {
    let mut ms: Vec<(Span, usize)> = gold
        .iter()
        .filter_map(|&(s, t, k)| label_of(t, k).map(|l| (s, l)))
        .collect();
    ms.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out: Vec<(Span, usize)> = Vec::new();
    for m in ms {
        if out.last().is_some_and(|l| l.0.end > m.0.start) {
            stats.nested += 1;
            continue;
        }
        out.push(m);
    }
    out
}

/// Sentences of `doc` (prepared by [`prep_pipeline`]) with gold tags from `gold`.
#[allow(clippy::too_many_arguments)] // one call site, each argument a distinct knob
pub fn sequences(
    doc: &Document,
    gold: &[(Span, EntityType, MentionKind)],
    bits: u32,
    weight: f32,
    twin_key: Option<u64>,
    mask: &std::sync::Arc<Vec<bool>>,
    calibrate: bool,
    stats: &mut AlignStats,
) -> Vec<Seq> {
    let flat = flat_layer(gold, stats);
    let tokens = doc.tokens();
    let mut tags = vec![0usize; tokens.len()];
    for (span, k) in flat {
        let a = tokens.partition_point(|t| t.span.start < span.start);
        let b = tokens.partition_point(|t| t.span.end <= span.end);
        let aligned = a < b
            && tokens[a].span.start == span.start
            && tokens[b - 1].span.end == span.end
            && doc.sentence_at(tokens[a].span.start) == doc.sentence_at(tokens[b - 1].span.start)
            && tags[a..b].iter().all(|&t| t == 0);
        if !aligned {
            stats.unaligned += 1;
            continue;
        }
        stats.used += 1;
        if b == a + 1 {
            tags[a] = tag_of(Part::U, k);
        } else {
            tags[a] = tag_of(Part::B, k);
            for t in &mut tags[a + 1..b - 1] {
                *t = tag_of(Part::I, k);
            }
            tags[b - 1] = tag_of(Part::L, k);
        }
    }
    let mut out = Vec::new();
    let mut mem = CaseMemory::new();
    for s in 0..doc.sentences().len() {
        let (a, b) = sentence_tokens(doc, s);
        if a >= b {
            continue;
        }
        let mut feats = Vec::with_capacity((b - a) * N_FEATURES);
        sentence_features_with(doc, s, bits, &mut mem, &mut feats);
        let nf = if let Some(key) = twin_key {
            // Domain adaptation (Daumé 2007): a token also gets a copy of each
            // feature private to its corpus group, which absorbs the group's own
            // conventions (GUM: every "I" and "you" a person; tweets: lower-case
            // names), so that the shared weights, the only ones used when tagging,
            // learn what the corpora agree on.
            let mask = (1u32 << bits) - 1;
            let mut with = Vec::with_capacity(feats.len() * 2);
            for tok in feats.chunks_exact(N_FEATURES) {
                with.extend_from_slice(tok);
                with.extend(tok.iter().map(|&f| twin(f, key) & mask));
            }
            feats = with;
            2 * N_FEATURES
        } else {
            N_FEATURES
        };
        out.push(Seq {
            feats,
            nf,
            gold: tags[a..b].to_vec(),
            weight,
            mask: std::sync::Arc::clone(mask),
            calibrate,
        });
    }
    out
}

/// Update weight of each corpus group.
#[derive(Debug, Clone, Copy)]
pub struct GroupWeights {
    pub gum: f32,
    pub ner: f32,
    pub meantime: f32,
    pub silver: f32,
}

/// Prepares every document of `docs` as sequences (documents in parallel: the
/// earlier recognisers run on each; the order of the result is the input's).
pub fn prepare(
    docs: &[&GoldDoc],
    bits: u32,
    weights: GroupWeights,
    twins: bool,
) -> (Vec<Seq>, AlignStats) {
    use rayon::prelude::*;
    let p = prep_pipeline();
    let masks: Vec<(&str, std::sync::Arc<Vec<bool>>)> =
        ["re3d", "gum", "ner", "meantime", "silver"]
            .iter()
            .map(|g| (*g, std::sync::Arc::new(tag_mask(g))))
            .collect();
    let per_doc: Vec<(Vec<Seq>, AlignStats)> = docs
        .par_iter()
        .map(|d| {
            let mut stats = AlignStats::default();
            let Ok(doc) = p.prepare_for_tagger(&d.text) else {
                return (Vec::new(), stats);
            };
            let w = match d.group {
                "gum" => weights.gum,
                "ner" => weights.ner,
                "meantime" => weights.meantime,
                "silver" => weights.silver,
                _ => 1.0,
            };
            let mask = masks.iter().find(|(g, _)| *g == d.group).map_or_else(
                || std::sync::Arc::clone(&masks[0].1),
                |(_, m)| std::sync::Arc::clone(m),
            );
            let key = twins.then(|| {
                d.group.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                })
            });
            let seqs = sequences(
                &doc,
                &d.mentions,
                bits,
                w,
                key,
                &mask,
                d.group == "re3d",
                &mut stats,
            );
            (seqs, stats)
        })
        .collect();
    let mut stats = AlignStats::default();
    let mut out = Vec::new();
    for (seqs, s) in per_doc {
        out.extend(seqs);
        stats.used += s.used;
        stats.nested += s.nested;
        stats.unaligned += s.unaligned;
    }
    (out, stats)
}

/// The group-private copy of feature `f`.
fn twin(f: u32, key: u64) -> u32 {
    let x = u64::from(f) ^ key;
    let x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (x >> 32) as u32
}

/// A small deterministic generator (xorshift64*), so runs are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// A feature slot blanked by word dropout: it contributes nothing and is not updated.
const DROPPED: u32 = u32::MAX;

/// Feature slots (of the per-token layout of `features.rs`) that word dropout blanks:
/// the word as written and lower-cased.
const WORD_SLOTS: [usize; 2] = [1, 2];

/// Copies `s.feats` into `out`, blanking, on each token with probability `p`, its word
/// slots in every half of the row (shared and group-private), so that the model learns
/// to tag a word from its context, shape and cluster as if it had never seen it.
fn drop_words(s: &Seq, p: f32, rng: &mut Rng, out: &mut Vec<u32>) {
    out.clear();
    out.extend_from_slice(&s.feats);
    // p in 1/2^24 steps, compared against 24 random bits.
    let threshold = (f64::from(p.clamp(0.0, 1.0)) * f64::from(1u32 << 24)) as u64;
    for row in out.chunks_exact_mut(s.nf) {
        if (rng.next() >> 40) >= threshold {
            continue;
        }
        for half in (0..s.nf).step_by(N_FEATURES) {
            for k in WORD_SLOTS {
                if let Some(f) = row.get_mut(half + k) {
                    *f = DROPPED;
                }
            }
        }
    }
}

/// Float weights of the perceptron: features, start and transitions.
pub struct Weights {
    pub bits: u32,
    pub w: Vec<f32>,
    pub start: Vec<f32>,
    pub trans: Vec<f32>,
}

impl Weights {
    fn emissions(&self, feats: &[u32], nf: usize, em: &mut Vec<f32>) {
        let nt = n_tags();
        let n = feats.len() / nf;
        em.clear();
        em.resize(n * nt, 0.0);
        for i in 0..n {
            let row = &mut em[i * nt..(i + 1) * nt];
            for &f in &feats[i * nf..(i + 1) * nf] {
                if f == DROPPED {
                    continue;
                }
                let w = &self.w[f as usize * nt..(f as usize + 1) * nt];
                for (r, x) in row.iter_mut().zip(w) {
                    *r += x;
                }
            }
        }
    }

    pub fn decode(&self, feats: &[u32], nf: usize, em: &mut Vec<f32>) -> Vec<usize> {
        self.emissions(feats, nf, em);
        viterbi(feats.len() / nf, n_tags(), em, &self.start, &self.trans)
    }

    /// Decodes with only the tags of `mask` possible.
    pub fn decode_masked(
        &self,
        feats: &[u32],
        nf: usize,
        mask: &[bool],
        em: &mut Vec<f32>,
    ) -> Vec<usize> {
        self.emissions(feats, nf, em);
        let nt = n_tags();
        for row in em.chunks_exact_mut(nt) {
            for (e, &ok) in row.iter_mut().zip(mask) {
                if !ok {
                    *e = -1.0e30;
                }
            }
        }
        viterbi(feats.len() / nf, nt, em, &self.start, &self.trans)
    }
}

/// Averaged structured perceptron: `epochs` passes in an order shuffled by `seed`;
/// with `dropout` above 0, each token's word features are blanked with that
/// probability on each pass (see [`drop_words`]; the draws come from `seed` too).
pub fn train(
    seqs: &[Seq],
    bits: u32,
    epochs: usize,
    seed: u64,
    dropout: f32,
    verbose: bool,
) -> Weights {
    let nt = n_tags();
    let nb = 1usize << bits;
    let mut cur = Weights {
        bits,
        w: vec![0.0; nb * nt],
        start: vec![0.0; nt],
        trans: vec![0.0; nt * nt],
    };
    // Sums for averaging, kept lazily: avg = w - u / c.
    let mut uw = vec![0.0f64; nb * nt];
    let mut us = vec![0.0f64; nt];
    let mut ut = vec![0.0f64; nt * nt];
    let mut c = 1.0f64;
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = Rng::new(seed);
    let mut drop_rng = Rng::new(seed ^ 0x5eed_d209_0ff5_e7a1);
    let mut dropped = Vec::new();
    let mut em = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut total = 0usize;
        for &si in &order {
            let s = &seqs[si];
            let feats: &[u32] = if dropout > 0.0 {
                drop_words(s, dropout, &mut drop_rng, &mut dropped);
                &dropped
            } else {
                &s.feats
            };
            let pred = cur.decode_masked(feats, s.nf, &s.mask, &mut em);
            total += s.gold.len();
            if pred == s.gold {
                c += 1.0;
                continue;
            }
            let lr = s.weight;
            let cw = c * f64::from(lr);
            for i in 0..s.gold.len() {
                let (g, p) = (s.gold[i], pred[i]);
                let prev_g = if i == 0 { None } else { Some(s.gold[i - 1]) };
                let prev_p = if i == 0 { None } else { Some(pred[i - 1]) };
                if g != p {
                    errors += 1;
                    for &f in &feats[i * s.nf..(i + 1) * s.nf] {
                        if f == DROPPED {
                            continue;
                        }
                        let f = f as usize * nt;
                        cur.w[f + g] += lr;
                        cur.w[f + p] -= lr;
                        uw[f + g] += cw;
                        uw[f + p] -= cw;
                    }
                }
                if g != p || prev_g != prev_p {
                    match prev_g {
                        None => {
                            cur.start[g] += lr;
                            us[g] += cw;
                        }
                        Some(pg) => {
                            cur.trans[pg * nt + g] += lr;
                            ut[pg * nt + g] += cw;
                        }
                    }
                    match prev_p {
                        None => {
                            cur.start[p] -= lr;
                            us[p] -= cw;
                        }
                        Some(pp) => {
                            cur.trans[pp * nt + p] -= lr;
                            ut[pp * nt + p] -= cw;
                        }
                    }
                }
            }
            c += 1.0;
        }
        if verbose {
            eprintln!(
                "  epoch {:>2}: {:.2}% tokens wrong",
                epoch + 1,
                100.0 * errors as f64 / total.max(1) as f64
            );
        }
    }
    let avg = |w: &[f32], u: &[f64]| -> Vec<f32> {
        w.iter()
            .zip(u)
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect()
    };
    Weights {
        bits,
        w: avg(&cur.w, &uw),
        start: avg(&cur.start, &us),
        trans: avg(&cur.trans, &ut),
    }
}

/// Median absolute emission margin (chosen tag minus the best other tag) over
/// the re3d tokens of `seqs` tagged as part of a mention, scored as the shipped
/// model scores them (shared features only): the temperature that turns margins
/// into confidences.
pub fn median_margin(wts: &Weights, seqs: &[Seq]) -> f32 {
    let nt = n_tags();
    let mut em = Vec::new();
    let mut margins = Vec::new();
    for s in seqs.iter().filter(|s| s.calibrate) {
        // Shared features only, as the shipped model scores them.
        let shared: Vec<u32> = s
            .feats
            .chunks_exact(s.nf)
            .flat_map(|t| t[..N_FEATURES].iter().copied())
            .collect();
        let tags = wts.decode(&shared, N_FEATURES, &mut em);
        for (i, &t) in tags.iter().enumerate() {
            if t == 0 {
                continue;
            }
            let row = &em[i * nt..(i + 1) * nt];
            let other = row
                .iter()
                .enumerate()
                .filter(|&(x, _)| x != t)
                .fold(f32::MIN, |b, (_, &v)| b.max(v));
            margins.push((row[t] - other).abs());
        }
    }
    if margins.is_empty() {
        return 1.0;
    }
    margins.sort_by(f32::total_cmp);
    margins[margins.len() / 2].max(1e-3)
}

/// Encodes trained weights as the embedded model format.
pub fn encode(wts: &Weights, temperature: f32, min_q: i8) -> Vec<u8> {
    model::Model::encode(
        min_q,
        wts.bits,
        &LABELS,
        temperature,
        &wts.start,
        &wts.trans,
        &wts.w,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(tokens: usize, nf: usize) -> Seq {
        Seq {
            feats: (0..(tokens * nf) as u32).collect(),
            nf,
            gold: vec![0; tokens],
            weight: 1.0,
            mask: std::sync::Arc::new(vec![true; n_tags()]),
            calibrate: false,
        }
    }

    #[test]
    fn word_dropout_blanks_only_word_slots_in_both_halves() {
        let s = seq(200, 2 * N_FEATURES);
        let mut out = Vec::new();
        drop_words(&s, 0.3, &mut Rng::new(7), &mut out);
        let mut dropped_tokens = 0;
        for (row, orig) in out.chunks_exact(s.nf).zip(s.feats.chunks_exact(s.nf)) {
            let blank: Vec<usize> = (0..s.nf).filter(|&k| row[k] == DROPPED).collect();
            if blank.is_empty() {
                assert_eq!(row, orig);
                continue;
            }
            dropped_tokens += 1;
            assert_eq!(blank, vec![1, 2, N_FEATURES + 1, N_FEATURES + 2]);
            for k in (0..s.nf).filter(|k| !blank.contains(k)) {
                assert_eq!(row[k], orig[k]);
            }
        }
        // About 30% of 200 tokens.
        assert!((35..=85).contains(&dropped_tokens), "{dropped_tokens}");
    }

    #[test]
    fn word_dropout_is_seeded_and_zero_keeps_everything() {
        let s = seq(50, N_FEATURES);
        let (mut a, mut b, mut z) = (Vec::new(), Vec::new(), Vec::new());
        drop_words(&s, 0.5, &mut Rng::new(11), &mut a);
        drop_words(&s, 0.5, &mut Rng::new(11), &mut b);
        drop_words(&s, 0.0, &mut Rng::new(11), &mut z);
        assert_eq!(a, b);
        assert_ne!(a, s.feats);
        assert_eq!(z, s.feats);
    }
}
