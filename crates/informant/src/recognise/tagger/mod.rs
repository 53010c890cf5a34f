//! The statistical mention tagger: finds the names, nominals and pronouns no list
//! or rule knows ("a spokesman", "the regime", "he", a new commander's name).
//!
//! A linear sequence labeller over BILOU tags (one tag per token: Begin, Inside,
//! Last, Unit, or O), trained as an averaged structured perceptron and decoded
//! with Viterbi under the BILOU constraints. Its features (see
//! [`features`]) are hashed into `1 << bits` buckets; its weights are quantised
//! to i8 and only the non-zero ones are stored. The built-in model is embedded
//! in the crate (`data/model/tagger.bin`, about a megabyte), so the default
//! pipeline needs no file and no network; `docs/model.md` is its model card and
//! `crates/informant-train` rebuilds it.
//!
//! # Place in the pipeline
//! The tagger runs last among the built-in recognisers, after the patterns, the
//! gazetteer and the context rules, and reads what they found: the type and
//! BILOU position of the mentions covering each token are features. It learns
//! from the annotated data when to agree with them, when to extend them ("the
//! Syrian regime" around "Syrian") and when to add what they missed.
//!
//! # Conflicts and confidence
//! A mention's confidence is `cap × σ(margin / temperature)`, where the margin
//! is the mean, over the mention's tokens, of the score of the chosen tag minus
//! the best other tag's, and the temperature is fixed at training time. With
//! the default cap (0.8, chosen by cross-validation, see `docs/model.md`) a
//! tagger mention stays below a multi-word gazetteer name (0.9) and most
//! single-word ones (0.85); it beats rules of 0.5 to 0.75 only when the
//! model is sure. Before handing its mentions to the merge
//! (`recognise/merge.rs`), the tagger drops those that would only repeat or
//! destroy better-founded ones:
//! - the same span and type as an earlier mention: nothing new;
//! - a span crossing an earlier mention at least as confident: the merge would
//!   drop it anyway;
//! - a span containing an earlier mention at least as confident that may not
//!   nest inside it (a Weapon inside a tagger's Organisation): the merge keeps
//!   outer spans whatever their confidence, so the tagger holds back instead.
//!
//! Everything else goes to the merge as usual: the same span with another type
//! is decided by confidence (ties go to the tagger, which runs later), and a
//! tagger mention inside an earlier one stays only where the schema nests.
//!
//! Mentions get subtype `pronoun` for a personal pronoun and `nominal` for a
//! phrase that starts in lower case ("the regime", "a spokesman"); the resolver
//! links some of them to named entities.

mod cache;
pub mod clusters;
pub mod features;
pub mod model;

use std::sync::{Arc, LazyLock};

use crate::document::{Attributes, Document, EntityType, Mention, MentionKind};
use crate::recognise::Recogniser;
use crate::recognise::merge::may_nest;
use crate::span::Span;

pub use features::{
    CaseMemory, Label, N_FEATURES, sentence_features, sentence_features_with, sentence_tokens,
};
pub use model::{Model, ModelError};

thread_local! {
    /// The thread's per-word cache of features and summed weights (`cache.rs`).
    static CACHE: std::cell::RefCell<cache::WordCache> = std::cell::RefCell::new(cache::WordCache::default());
}

/// The embedded model (rebuilt by `cargo run --release -p informant-train -- train`).
const BUILTIN_MODEL: &[u8] = include_bytes!("../../../data/model/tagger.bin");

static BUILTIN: LazyLock<Option<Arc<Model>>> =
    LazyLock::new(|| Model::from_bytes(BUILTIN_MODEL).ok().map(Arc::new));

/// How the tagger turns scores into mentions.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct TaggerParams {
    /// Highest confidence a tagger mention can have.
    pub cap: f32,
    /// Mentions below this confidence are not emitted.
    pub min_confidence: f32,
}

impl Default for TaggerParams {
    fn default() -> Self {
        TaggerParams {
            cap: 0.8,
            min_confidence: 0.0,
        }
    }
}

/// The tagger recogniser; see the module docs.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Arc<Model>,
    params: TaggerParams,
}

/// Personal pronouns (lower case) that the tagger marks with subtype `pronoun`; the
/// trainer reads kinds with the same list.
pub const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "it",
    "its",
    "itself",
];

impl Tagger {
    /// The tagger with the embedded model; `None` only if the embedded model is corrupt
    /// (the test suite checks it is not).
    pub fn builtin() -> Option<Tagger> {
        BUILTIN.as_ref().map(|m| Tagger {
            model: Arc::clone(m),
            params: TaggerParams::default(),
        })
    }

    /// A tagger with a model of your own (e.g. from `informant-train`).
    pub fn with_model(model: Model) -> Tagger {
        Tagger {
            model: Arc::new(model),
            params: TaggerParams::default(),
        }
    }

    /// Changes how scores become mentions.
    pub fn with_params(mut self, params: TaggerParams) -> Tagger {
        self.params = params;
        self
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags the tokens of sentence `s`: `(first token, end token, type, confidence)`,
    /// token indices into `doc.tokens()`. Before any conflict handling. `mem` is the
    /// document's [`CaseMemory`] (one for all its sentences).
    pub fn tag_sentence(
        &self,
        doc: &Document,
        s: usize,
        mem: &mut CaseMemory,
        feats: &mut Vec<u32>,
        em: &mut Vec<f32>,
    ) -> Vec<(usize, usize, Label, f32)> {
        let m = &*self.model;
        // Per-word sums from the thread's cache, then the per-token features.
        let n = CACHE.with_borrow_mut(|c| {
            let n = c.sentence(m, doc, s, mem, feats);
            if n > 0 {
                m.emissions_onto(feats, features::CONTEXT.len(), Some(&c.base), em);
            }
            n
        });
        if n == 0 {
            return Vec::new();
        }
        let (a, _) = sentence_tokens(doc, s);
        let tags = m.decode_emitted(em);
        let n_tags = m.n_tags();
        let temp = m.temperature().max(1e-6);
        model::spans(&tags)
            .into_iter()
            .map(|(i, j, k)| {
                let mut margin = 0.0;
                for (t, &tag) in tags.iter().enumerate().take(j).skip(i) {
                    let row = &em[t * n_tags..(t + 1) * n_tags];
                    let (before, rest) = row.split_at(tag);
                    let best_other = max_of(before).max(max_of(rest.get(1..).unwrap_or(&[])));
                    margin += rest.first().copied().unwrap_or(0.0) - best_other;
                }
                margin /= (j - i) as f32;
                // Two decimals: the JSON contract writes four, so documents round-trip exactly.
                let conf =
                    (self.params.cap / (1.0 + (-margin / temp).exp()) * 100.0).round() / 100.0;
                (a + i, a + j, m.labels()[k], conf)
            })
            .collect()
    }
}

/// The greatest of `v` (`f32::MIN` if empty), eight lanes at a time. Scores are never
/// NaN, so the maximum does not depend on the order it is taken in.
fn max_of(v: &[f32]) -> f32 {
    let mut m = [f32::MIN; 8];
    let mut chunks = v.chunks_exact(8);
    for c in &mut chunks {
        for (a, &x) in m.iter_mut().zip(c) {
            *a = a.max(x);
        }
    }
    let r = chunks.remainder().iter().fold(f32::MIN, |b, &x| b.max(x));
    m.iter().fold(r, |b, &x| b.max(x))
}

fn is_pol(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Organisation | EntityType::Location
    )
}

/// One type per name in a document: where the same name (case-insensitively) was
/// tagged with several name types, every occurrence takes the type with the most
/// confidence summed over its occurrences ("Barnsley" a team throughout, not a team
/// in one sentence and a town in the next). Linear: one map from name to votes.
fn consistent_types(
    text: &str,
    tokens: &[crate::document::Token],
    found: &mut [(usize, usize, Label, f32)],
) {
    use crate::recognise::phrases::FastMap;
    let key = |i: usize, j: usize| -> String {
        text[tokens[i].span.start..tokens[j - 1].span.end].to_lowercase()
    };
    let mut votes: FastMap<String, [f32; 3]> = FastMap::default();
    let slot = |t: EntityType| match t {
        EntityType::Person => 0,
        EntityType::Organisation => 1,
        _ => 2,
    };
    for &(i, j, l, c) in found.iter() {
        if l.kind.is_none() && is_pol(l.entity_type) {
            votes.entry(key(i, j)).or_default()[slot(l.entity_type)] += c;
        }
    }
    if votes.len() == found.len() {
        return;
    }
    const TYPES: [EntityType; 3] = [
        EntityType::Person,
        EntityType::Organisation,
        EntityType::Location,
    ];
    for (i, j, l, _) in found.iter_mut() {
        if l.kind.is_some() || !is_pol(l.entity_type) {
            continue;
        }
        if let Some(v) = votes.get(&key(*i, *j)) {
            let best = (0..3).fold(0, |b, k| if v[k] > v[b] { k } else { b });
            l.entity_type = TYPES[best];
        }
    }
}

/// The subtype the tagger gives a mention of `text`.
fn subtype(text: &str, one_token: bool) -> Option<&'static str> {
    if one_token {
        let lower = text.to_lowercase();
        if PRONOUNS.contains(&lower.as_str()) {
            return Some("pronoun");
        }
    }
    text.starts_with(char::is_lowercase).then_some("nominal")
}

/// True when `outer` adds nothing to `inner` but an article or a possessive.
fn only_article_around(text: &str, outer: Span, inner: Span) -> bool {
    // Compared in place: lowercasing a copy of `before` cost the length of the outer
    // span for every mention inside it (quadratic for one span over a long list).
    let before = text.get(outer.start..inner.start).unwrap_or("x").trim();
    let after = text.get(inner.end..outer.end).unwrap_or("x").trim();
    ["", "the", "a", "an"]
        .iter()
        .any(|w| before.eq_ignore_ascii_case(w))
        && matches!(after, "" | "’s" | "'s" | "’" | "'")
}

/// Months, days of the week, seasons and day words, with their abbreviations and
/// plurals, in lower case: the one-word Temporals a tagger may find on a capitalised word.
const TEMPORAL_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "sundays",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "springs",
    "summers",
    "autumns",
    "winters",
    "today",
    "tonight",
    "tomorrow",
    "yesterday",
    "midnight",
    "noon",
    "weekend",
    "weekends",
    "morning",
    "afternoon",
    "evening",
    "night",
    "dawn",
    "dusk",
    "now",
    "currently",
    "recently",
    "nowadays",
    "formerly",
    "previously",
    "later",
    "earlier",
    "then",
    "once",
    "daily",
    "weekly",
    "monthly",
    "annually",
    "yearly",
    "holiday",
    "holidays",
];

/// Legal forms of companies: a tagger's Organisation of one of them alone is an artefact.
/// Not the forms that are also acronyms (`SA` for South Australia, `AB`, `ASA`).
const LEGAL_FORMS: &[&str] = &[
    "AG", "Co", "Co.", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "PLC", "Plc", "plc", "LLC",
    "GmbH", "S.A.", "N.V.", "SpA",
];

/// Whether a one-token tagger mention is a model artefact: a value (Money, Quantity,
/// DocumentReference), a thing (Weapon, MilitaryPlatform, Vehicle) or a Nationality read
/// on one capitalised word with no digit that is no number word (`Omar’s hijab` as Money,
/// `Teachers` as a document, `Fillmore` as a MilitaryPlatform, `Merlot` as a
/// Nationality). On the development sets the 106 value spans of this shape were all
/// wrong; held out (leave-one-source-out, stop 30's folds) so were all 111 things and
/// 176 nationalities, in the re3d folds that annotate those types too. The right ones of
/// this shape come from the gazetteer (`Tornado`, `Syrian`, `Yazidi`), which this leaves
/// alone; gold one-word values are digits or number words (`two`, `Dozens`), and a
/// capitalised pronoun (`It` for a vehicle) is left to resolution.
///
/// A one-word Temporal of that shape is an artefact too unless it is a month, a day of
/// the week, a season or a day word ([`TEMPORAL_WORDS`], any case) or an era (`-era`):
/// held out (stop 33's folds) the tagger's other ones were `Broadway`, `Subway`,
/// `University`, `Newsday`, `Ray`, `Apple`, `South` (22, none right), and `Ford` in
/// `while Ford is rolling out`, which the vehicle recogniser then makes the company.
/// So is an Organisation that is only a company's legal form ([`LEGAL_FORMS`]: `AG` of
/// `Daimler-Benz AG`).
fn one_word_artefact(surface: &str, ty: EntityType, one_token: bool) -> bool {
    let temporal_artefact = || {
        ty == EntityType::Temporal && {
            let w = surface.to_lowercase();
            !w.ends_with("-era") && !TEMPORAL_WORDS.contains(&w.trim_end_matches('.'))
        }
    };
    // `AG` of `Daimler-Benz AG` alone: a company's legal form names no company
    if one_token && ty == EntityType::Organisation && LEGAL_FORMS.contains(&surface) {
        return true;
    }
    one_token
        && (matches!(
            ty,
            EntityType::Money
                | EntityType::Quantity
                | EntityType::DocumentReference
                | EntityType::Weapon
                | EntityType::MilitaryPlatform
                | EntityType::Vehicle
                | EntityType::Nationality
        ) || temporal_artefact())
        && surface.starts_with(char::is_uppercase)
        && !surface.chars().any(|c| c.is_ascii_digit())
        && crate::recognise::patterns::numeric::word_value(surface).is_none()
        && !PRONOUNS.contains(&surface.to_lowercase().as_str())
}

/// Whether a tagger mention `(span, ty, conf)` should go to the merge, given the
/// earlier mentions (sorted by start); see the module docs.
fn keep(text: &str, earlier: &[Mention], span: Span, ty: EntityType, conf: f32) -> bool {
    // Earlier mentions that could overlap: starting before the span's end.
    let hi = earlier.partition_point(|m| m.span.start < span.end);
    let lo = earlier[..hi].partition_point(|m| m.span.start + 512 < span.start);
    for m in &earlier[lo..hi] {
        if !m.span.overlaps(span) {
            continue;
        }
        if m.span == span {
            if m.entity_type == ty {
                return false;
            }
            continue;
        }
        if span.contains(m.span) {
            if !may_nest(ty, m.entity_type) && m.confidence >= conf {
                return false;
            }
            // "The Hmeimim airbase" around a known facility is the same name with
            // its article, not an organisation around a place.
            if m.entity_type != ty
                && m.confidence >= conf
                && only_article_around(text, span, m.span)
            {
                return false;
            }
            continue;
        }
        if m.span.contains(span) {
            continue;
        }
        if m.confidence >= conf {
            return false;
        }
    }
    true
}

impl Recogniser for Tagger {
    fn name(&self) -> &str {
        "tagger"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let mut feats = Vec::new();
        let mut em = Vec::new();
        let mut found = Vec::new();
        let mut mem = CaseMemory::new();
        for s in 0..doc.sentences().len() {
            found.extend(self.tag_sentence(doc, s, &mut mem, &mut feats, &mut em));
        }
        consistent_types(text, tokens, &mut found);
        {
            for (i, j, label, conf) in found {
                let ty = label.entity_type;
                if conf < self.params.min_confidence {
                    continue;
                }
                let span = Span::new(tokens[i].span.start, tokens[j - 1].span.end);
                // A sentence may run over a line break (a title and the date line under
                // it, joined by one newline); a mention does not.
                if text.get(span.range()).is_some_and(|t| t.contains('\n')) {
                    continue;
                }
                if one_word_artefact(text.get(span.range()).unwrap_or(""), ty, j == i + 1)
                    || !keep(doc.text(), doc.mentions(), span, ty, conf)
                {
                    continue;
                }
                let kind = label.kind.unwrap_or_else(|| {
                    match subtype(&text[span.range()], j == i + 1) {
                        Some("pronoun") => MentionKind::Pronoun,
                        // The model has labels of its own for nominal persons,
                        // organisations and places: these are names, in any case.
                        _ if is_pol(ty) => MentionKind::Name,
                        Some(_) if MentionKind::default_for(ty) == MentionKind::Name => {
                            MentionKind::Nominal
                        }
                        _ => MentionKind::default_for(ty),
                    }
                });
                let sub = match kind {
                    MentionKind::Pronoun => Some("pronoun"),
                    MentionKind::Nominal => Some("nominal"),
                    _ => None,
                };
                out.push(Mention {
                    entry: None,
                    timex: None,
                    span,
                    entity_type: ty,
                    kind,
                    subtype: sub.map(str::to_owned),
                    confidence: conf,
                    recogniser: "tagger".into(),
                    entity: None,
                    attributes: Attributes::new(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    fn m(start: usize, end: usize, t: EntityType, conf: f32) -> Mention {
        Mention::new(Span::new(start, end), t, conf, "gazetteer")
    }

    #[test]
    fn a_capitalised_word_is_no_value() {
        assert!(one_word_artefact("Omar", EntityType::Money, true));
        assert!(one_word_artefact(
            "Teachers",
            EntityType::DocumentReference,
            true
        ));
        assert!(!one_word_artefact("two", EntityType::Quantity, true));
        assert!(one_word_artefact("AG", EntityType::Organisation, true));
        assert!(!one_word_artefact("BMW", EntityType::Organisation, true));
        assert!(!one_word_artefact("Dozens", EntityType::Quantity, true));
        assert!(!one_word_artefact("Thousands", EntityType::Quantity, true));
        assert!(!one_word_artefact("$5", EntityType::Money, true));
        assert!(!one_word_artefact(
            "2254",
            EntityType::DocumentReference,
            true
        ));
        assert!(!one_word_artefact(
            "The Constitution",
            EntityType::DocumentReference,
            false
        ));
        assert!(!one_word_artefact("Omar", EntityType::Person, true));
        assert!(one_word_artefact(
            "Fillmore",
            EntityType::MilitaryPlatform,
            true
        ));
        assert!(one_word_artefact("Merlot", EntityType::Nationality, true));
        // A capitalised word is a Temporal only as a month, a weekday, a season, a day
        // word or an era.
        for w in ["Ford", "Broadway", "University", "South"] {
            assert!(one_word_artefact(w, EntityType::Temporal, true), "{w}");
        }
        for w in [
            "April",
            "May",
            "FRIDAY",
            "Sundays",
            "Sept.",
            "Winter",
            "Today",
            "Romantic-era",
        ] {
            assert!(!one_word_artefact(w, EntityType::Temporal, true), "{w}");
        }
        assert!(!one_word_artefact("1990s", EntityType::Temporal, true));
        assert!(!one_word_artefact("Ford", EntityType::Temporal, false));
        assert!(!one_word_artefact(
            "F-16",
            EntityType::MilitaryPlatform,
            true
        ));
        assert!(!one_word_artefact("Friday", EntityType::Temporal, true));
        // `It` for a vehicle is a pronoun to resolve
        assert!(!one_word_artefact("It", EntityType::Vehicle, true));
    }

    #[test]
    fn embedded_model_loads() {
        let t = Tagger::builtin().expect("the embedded model loads");
        assert!(t.model().n_weights() > 10_000);
        assert!(t.model().types().contains(&EntityType::Person));
        assert!(t.model().temperature() > 0.0);
    }

    #[test]
    fn model_round_trip_and_bad_bytes() {
        let types = [Label {
            entity_type: EntityType::Person,
            kind: None,
        }];
        let nt = 5;
        let mut w = vec![0.0f32; 256 * nt];
        w[7 * nt + 4] = 2.0;
        w[9 * nt] = 1.0;
        let bytes = Model::encode(1, 8, &types, 1.0, &[0.0; 5], &[0.0; 25], &w);
        let model = Model::from_bytes(&bytes).unwrap();
        assert_eq!(model.n_weights(), 2);
        let mut em = Vec::new();
        model.emissions(&[7, 9], 1, &mut em);
        assert_eq!(em.len(), 2 * nt);
        assert!((em[4] - 2.0).abs() < 0.02 && (em[nt] - 1.0).abs() < 0.02);
        assert_eq!(model.decode(&em), [4, 0]); // U-Person, O
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn viterbi_keeps_bilou_well_formed() {
        // Emissions favour I-Person alone; the constraints forbid it without B.
        let nt = 5;
        let mut em = vec![0.0f32; 2 * nt];
        em[2] = 5.0; // token 0: I
        em[nt + 3] = 5.0; // token 1: L
        let tags = model::viterbi(2, nt, &em, &[0.0; 5], &[0.0; 25]);
        assert!(model::allowed(None, tags[0]));
        assert!(model::allowed(Some(tags[0]), tags[1]) && model::may_end(tags[1]));
        assert_eq!(model::spans(&[1, 2, 3, 0, 4]), [(0, 3, 0), (4, 5, 0)]);
    }

    #[test]
    fn conflict_policy() {
        use EntityType::*;
        let earlier = vec![
            m(0, 5, Location, 0.85),
            m(10, 20, Weapon, 0.9),
            m(30, 40, Organisation, 0.5),
        ];
        // Same span and type: nothing new.
        assert!(!keep(
            &"x".repeat(64),
            &earlier,
            Span::new(0, 5),
            Location,
            0.7
        ));
        // Same span, other type: left to the merge (confidence decides).
        assert!(keep(
            &"x".repeat(64),
            &earlier,
            Span::new(0, 5),
            Organisation,
            0.7
        ));
        // Around an earlier mention that nests: kept ("the Location" in an Organisation).
        assert!(keep(
            &"x".repeat(64),
            &earlier,
            Span::new(0, 8),
            Organisation,
            0.7
        ));
        // Around a more confident mention that may not nest: held back.
        assert!(!keep(
            &"x".repeat(64),
            &earlier,
            Span::new(8, 20),
            Organisation,
            0.7
        ));
        // Crossing a more confident mention: dropped; a less confident one: kept.
        assert!(!keep(
            &"x".repeat(64),
            &earlier,
            Span::new(3, 8),
            Person,
            0.7
        ));
        assert!(keep(
            &"x".repeat(64),
            &earlier,
            Span::new(35, 45),
            Person,
            0.7
        ));
        // Elsewhere: kept.
        assert!(keep(
            &"x".repeat(64),
            &earlier,
            Span::new(50, 55),
            Person,
            0.1
        ));
    }

    #[test]
    fn subtypes() {
        assert_eq!(subtype("He", true), Some("pronoun"));
        assert_eq!(subtype("a spokesman", false), Some("nominal"));
        assert_eq!(subtype("Abu Mohammed", false), None);
    }

    #[test]
    fn finds_what_lists_and_rules_miss_and_respects_them() {
        let text = "Syria’s President Bashar al-Assad arrived in Moscow. \
                    A spokesman said he had been granted asylum by the regime.";
        let with = Pipeline::new().extract(text).unwrap();
        let without = Pipeline::builder()
            .tagger(false)
            .build()
            .unwrap()
            .extract(text)
            .unwrap();
        let tagged: Vec<(&str, EntityType, Option<&str>)> = with
            .mentions()
            .iter()
            .filter(|m| m.recogniser == "tagger")
            .map(|m| (with.span_text(m.span), m.entity_type, m.subtype.as_deref()))
            .collect();
        assert!(
            tagged
                .iter()
                .any(|(t, ty, _)| *t == "he" && *ty == EntityType::Person),
            "{tagged:?}"
        );
        for m in with.mentions().iter().filter(|m| m.recogniser == "tagger") {
            assert!(m.confidence <= TaggerParams::default().cap);
        }
        // Gazetteer names survive the tagger.
        {
            let name = "Moscow";
            assert!(
                with.mentions()
                    .iter()
                    .any(|m| with.span_text(m.span) == name)
            );
            assert!(
                without
                    .mentions()
                    .iter()
                    .any(|m| without.span_text(m.span) == name)
            );
        }
        let p = Pipeline::new();
        // The tagger runs after the lists and rules; only the `Town, St.` recogniser
        // (geo), which reads the places found before it, and the vehicle models,
        // products and market indices, which must not feed the tagger, come after it.
        let names = p.recogniser_names();
        assert_eq!(
            names[names.len() - 5..],
            ["tagger", "geo", "vehicle", "product", "index"]
        );
        let off = Pipeline::builder().tagger(false).build().unwrap();
        assert!(!off.recogniser_names().contains(&"tagger"));
    }

    #[test]
    fn a_tagger_of_ones_own_takes_the_builtin_place_and_training_sees_what_it_sees() {
        let m = Model::from_bytes(BUILTIN_MODEL).unwrap();
        let own = Pipeline::builder()
            .tagger(false)
            .tagger_model(Tagger::with_model(m))
            .build()
            .unwrap();
        assert_eq!(own.recogniser_names(), Pipeline::new().recogniser_names());
        // What the trainer prepares: only the recognisers before the tagger's place ran.
        let prep = Pipeline::builder().tagger(false).build().unwrap();
        let text = "Air France flew the Airbus A380 from Paris, Texas, to Boston.";
        let full = prep.extract(text).unwrap();
        let before = prep.prepare_for_tagger(text).unwrap();
        assert!(full.mentions().iter().any(|m| m.recogniser == "vehicle"));
        assert!(!before.mentions().is_empty());
        assert!(
            before
                .mentions()
                .iter()
                .all(|m| !matches!(&*m.recogniser, "vehicle" | "geo" | "tagger"))
        );
    }
}
