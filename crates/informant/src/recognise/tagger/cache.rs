//! The tagger's per-word cache: most of a token's features depend on one word only.
//!
//! Of the [`N_FEATURES`](super::N_FEATURES) features of a token, 17 depend only on the
//! token's reading (its form, lower case, shape, affixes, cluster, title-word flag, kind
//! and whether the sentence is in capitals: [`OWN`](super::features::OWN)), 4 only on
//! the previous token's and 3 only on the next token's
//! ([`PREV`](super::features::PREV), [`NEXT`](super::features::NEXT)). For each distinct
//! word the cache keeps what the other features read of it and three sums of weights:
//! of its own features, of the features it gives the token after it and of those it
//! gives the token before it. A token's emission scores are then those three sums
//! (from itself and its neighbours) plus the weights of the 23 other features. All
//! are integer sums of the same weights, which do not depend on their order: the
//! scores are bit for bit those of [`Model::emissions`] over
//! [`sentence_features_with`](super::sentence_features_with) (a test checks it).
//!
//! One cache a thread, for one model at a time (it empties itself for another), of at
//! most [`CAPACITY`] words: it empties itself when full, so its memory is bounded
//! (about 2.5 MB for the built-in model's 65 tags).

use crate::document::{Document, TokenKind};
use crate::recognise::phrases::FastMap;

use super::features::{
    CONTEXT, CaseMemory, Ctx, WordFeatures, hs, sentence_context, sentence_edge_buckets,
    word_features,
};
use super::model::Model;

/// Most words kept; the cache empties itself, between sentences, once it holds more.
pub(super) const CAPACITY: usize = 4096;

/// Sums a word keeps: its own features, as the previous token, as the next token.
const SUMS: usize = 3;

#[derive(Clone, Copy)]
struct Entry {
    /// The word's reading in `keys`, and its kind and `caps` as one byte.
    key: (u32, u32, u8),
    ctx: Ctx,
}

/// Per-word features and sums of weights for one model (see the module docs).
#[derive(Default)]
pub(super) struct WordCache {
    /// The model the sums are of (`Model::id`); 0: none yet.
    model: u64,
    n_tags: usize,
    /// Key hash to entry.
    map: FastMap<u64, u32>,
    keys: String,
    entries: Vec<Entry>,
    /// `SUMS * n_tags` integers an entry: own, as previous, as next.
    sums: Vec<i16>,
    /// The sums of a missing previous token (`n_tags`), then of a missing next one.
    edges: Vec<i16>,
    /// Scratch for one sentence.
    chars: Vec<char>,
    info: Vec<Ctx>,
    ids: Vec<u32>,
    /// Summed weights of the cached features of each token of the sentence.
    pub(super) base: Vec<i16>,
}

impl WordCache {
    /// Ready for `model`: emptied if it was another model's, or if it is full.
    fn prepare(&mut self, model: &Model) {
        if self.model == model.id() && self.entries.len() < CAPACITY {
            return;
        }
        if self.model != model.id() {
            self.model = model.id();
            self.n_tags = model.n_tags();
            let (p, n) = sentence_edge_buckets(model.bits());
            self.edges = vec![0; 2 * self.n_tags];
            let (ep, en) = self.edges.split_at_mut(self.n_tags);
            model.sum_buckets(&p, ep);
            model.sum_buckets(&n, en);
        }
        self.map.clear();
        self.keys.clear();
        self.entries.clear();
        self.sums.clear();
    }

    /// The entry of word `w` (kind `kind`, in a sentence in capitals or not), made if
    /// new: its features and its id.
    fn lookup(&mut self, model: &Model, w: &str, kind: TokenKind, caps: bool) -> (Ctx, u32) {
        let tag = kind as u8 | u8::from(caps) << 7;
        let h = hs(w) ^ u64::from(tag).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        if let Some(&id) = self.map.get(&h) {
            let e = &self.entries[id as usize];
            let (at, len, t) = e.key;
            if t == tag && self.keys.get(at as usize..(at + len) as usize) == Some(w) {
                return (e.ctx, id);
            }
        }
        // New (or a hash shared with another word, then kept out of the map).
        let f: WordFeatures = word_features(w, kind, caps, model.bits(), &mut self.chars);
        let id = self.entries.len() as u32;
        let at = self.keys.len() as u32;
        self.keys.push_str(w);
        self.entries.push(Entry {
            key: (at, w.len() as u32, tag),
            ctx: Ctx::of(&f.tok),
        });
        let nt = self.n_tags;
        let start = self.sums.len();
        self.sums.resize(start + SUMS * nt, 0);
        let s = &mut self.sums[start..];
        model.sum_buckets(&f.own, &mut s[..nt]);
        model.sum_buckets(&f.as_prev, &mut s[nt..2 * nt]);
        model.sum_buckets(&f.as_next, &mut s[2 * nt..3 * nt]);
        self.map.entry(h).or_insert(id);
        (Ctx::of(&f.tok), id)
    }

    /// The buckets of the per-token features of sentence `s` of `doc` into `ctx`
    /// ([`CONTEXT`]`.len()` a token), and the summed weights of all the others into
    /// `self.base` (`n_tags` a token). Returns the number of tokens.
    pub(super) fn sentence(
        &mut self,
        model: &Model,
        doc: &Document,
        s: usize,
        mem: &mut CaseMemory,
        ctx: &mut Vec<u32>,
    ) -> usize {
        self.prepare(model);
        ctx.clear();
        let mut info = std::mem::take(&mut self.info);
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        sentence_context(
            doc,
            s,
            model.bits(),
            mem,
            &mut info,
            ctx,
            |w, kind, caps| {
                let (ctx, id) = self.lookup(model, w, kind, caps);
                ids.push(id);
                ctx
            },
        );
        let n = ids.len();
        let nt = self.n_tags;
        self.base.clear();
        self.base.reserve(n * nt);
        let (edge_p, edge_n) = self.edges.split_at(nt);
        for i in 0..n {
            let sums = |id: u32, k: usize| {
                let at = (id as usize * SUMS + k) * nt;
                &self.sums[at..at + nt]
            };
            let own = sums(ids[i], 0);
            let prev = match i.checked_sub(1) {
                Some(j) => sums(ids[j], 1),
                None => edge_p,
            };
            let next = match ids.get(i + 1) {
                Some(&id) => sums(id, 2),
                None => edge_n,
            };
            self.base.extend(
                own.iter()
                    .zip(prev)
                    .zip(next)
                    .map(|((&o, &p), &q)| o.wrapping_add(p).wrapping_add(q)),
            );
        }
        debug_assert_eq!(ctx.len(), n * CONTEXT.len());
        self.info = info;
        self.ids = ids;
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;
    use crate::recognise::tagger::{N_FEATURES, Tagger, sentence_features_with};

    /// Emission scores through the cache, sentence by sentence, against those of the
    /// full feature vectors: bit for bit, with the cache warm, cold and emptied midway.
    #[test]
    fn cached_sums_equal_the_full_features() {
        let tagger = Tagger::builtin().expect("built-in model");
        let m = tagger.model();
        let texts = [
            "President Assad met the Russian envoy in Damascus on Tuesday. He said the \
             talks went well, and the envoy agreed.",
            "FLOODS HIT ITALY AS PO RISES\n\nHeavy rain sent the Po over its banks; \
             officials said the rise would go on. The Po rose.",
            "a\n\n, . ; 18,000 troops @user #tag http://x.org e@x.org — Zorblatt-Qux's",
            "",
        ];
        let mut cache = WordCache::default();
        for round in 0..3 {
            for text in texts {
                let doc = Pipeline::new().prepare_for_tagger(text).expect("doc");
                let (mut m1, mut m2) = (CaseMemory::new(), CaseMemory::new());
                for s in 0..doc.sentences().len() {
                    let mut full = Vec::new();
                    sentence_features_with(&doc, s, m.bits(), &mut m1, &mut full);
                    let mut want = Vec::new();
                    m.emissions(&full, N_FEATURES, &mut want);
                    let mut ctx = Vec::new();
                    let n = cache.sentence(m, &doc, s, &mut m2, &mut ctx);
                    assert_eq!(n * N_FEATURES, full.len());
                    let mut got = Vec::new();
                    m.emissions_onto(&ctx, CONTEXT.len(), Some(&cache.base), &mut got);
                    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(
                        bits(&got),
                        bits(&want),
                        "round {round}: {text:?} sentence {s}"
                    );
                    if round == 2 {
                        // Emptied between sentences: the next one starts cold.
                        cache
                            .entries
                            .extend(std::iter::repeat_n(cache.entries[0], CAPACITY));
                    }
                }
            }
        }
    }
}
