//! Attribution: who claims what.
//!
//! Within each sentence, four constructions are recognised:
//! - `According to X, CLAIM.` and `CLAIM, according to X.`
//! - `As X have pointed out/said/noted, CLAIM.`
//! - `X said/told/reported/claimed/indicated/suggested/... (that) CLAIM.`,
//!   including a participle (`with some experts suggesting that CLAIM`);
//! - `CLAIM, X said.` and `“CLAIM,” said X.`
//!
//! Each attribution has a source span (linked to the entity of the mention it
//! overlaps most, where one does), a cue span and a claim span.

use std::sync::LazyLock;

use crate::document::{Attribution, Document, EntityType, Token, TokenKind};
use crate::recognise::phrases::Phrases;
use crate::span::Span;
use crate::steps::count as count_step;

static CUES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(CUE_VERBS));
static AUX_SET: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(AUX));
static STOPS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(SOURCE_STOPS));

/// Reporting verbs and the like that introduce a claim.
const CUE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "reported",
    "reports",
    "report",
    "reporting",
    "claimed",
    "claims",
    "claim",
    "claiming",
    "indicated",
    "indicates",
    "indicate",
    "indicating",
    "suggested",
    "suggests",
    "suggest",
    "suggesting",
    "stated",
    "states",
    "state",
    "announced",
    "announces",
    "announce",
    "warned",
    "warns",
    "warn",
    "warning",
    "added",
    "adds",
    "noted",
    "notes",
    "note",
    "noting",
    "confirmed",
    "confirms",
    "confirm",
    "denied",
    "denies",
    "deny",
    "insisted",
    "insists",
    "insist",
    "argued",
    "argues",
    "argue",
    "arguing",
    "believe",
    "believes",
    "believed",
    "explained",
    "explains",
    "acknowledged",
    "acknowledges",
    "alleged",
    "alleges",
    "estimated",
    "estimates",
    "predicted",
    "predicts",
    "wrote",
    "writes",
    "tweeted",
    "asserted",
    "asserts",
    "maintained",
    "maintains",
    "revealed",
    "reveals",
    "express",
    "expressed",
    "expresses",
    "expressing",
    "contend",
    "contends",
    "contended",
    "fear",
    "fears",
    "feared",
    "expect",
    "expects",
    "expected",
    "think",
    "thinks",
    "thought",
    "assess",
    "assessed",
    "assesses",
    "concluded",
    "concludes",
    "admitted",
    "admits",
    "emphasised",
    "emphasized",
    "stressed",
    "stresses",
    "declared",
    "declares",
    "accused",
    "accuses",
    "pointed out",
    "point out",
    "points out",
];

/// Auxiliaries and adverbs between a source and its verb ("have long", "has also").
const AUX: &[&str] = &[
    "have",
    "has",
    "had",
    "will",
    "would",
    "also",
    "reportedly",
    "previously",
    "repeatedly",
    "have been",
    "has been",
    "is",
    "are",
    "was",
    "were",
    "may",
    "might",
    "could",
    "can",
    "did",
    "do",
    "does",
    "long",
    "already",
    "publicly",
    "recently",
    "earlier",
    "later",
    "then",
    "now",
    "often",
    "privately",
    "openly",
    "allegedly",
    "further",
];

/// Words that end a source phrase when walking back from the verb.
const SOURCE_STOPS: &[&str] = &[
    "that", "and", "but", "with", "while", "as", "because", "which", "who", "where", "when", "if",
    "although", "though", "whereas", "since", "after", "before", "so",
];

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.span.range()]
}

fn is_boundary_punct(w: &str) -> bool {
    matches!(
        w,
        "," | ";" | ":" | "—" | "–" | "(" | ")" | "“" | "”" | "\"" | "‘" | "’"
    )
}

/// Answers "the first token at or after `k` that matches" (or the last one before
/// `k`) for one predicate over one sentence, remembering every answer it walks
/// past: each token is tested at most once, so any number of questions costs time
/// linear in the sentence (a scan per question was quadratic for a long sentence
/// full of cues). Built lazily: a sentence that asks nothing allocates nothing.
struct Memo {
    /// Per position: unknown, or the answer.
    known: Vec<usize>,
}

const UNKNOWN: usize = usize::MAX;
const NONE: usize = usize::MAX - 1;

impl Memo {
    fn new() -> Self {
        Memo { known: Vec::new() }
    }

    /// The first index in `k..n` where `is` holds, or `n`.
    fn next(&mut self, k: usize, n: usize, is: impl Fn(usize) -> bool) -> usize {
        if self.known.len() < n {
            self.known = vec![UNKNOWN; n];
        }
        let mut j = k;
        while j < n && self.known[j] == UNKNOWN && !is(j) {
            count_step();
            j += 1;
        }
        let r = if j >= n {
            n
        } else if self.known[j] == UNKNOWN {
            j
        } else {
            self.known[j]
        };
        for x in k..j.min(n) {
            self.known[x] = r;
        }
        if j < n {
            self.known[j] = r;
        }
        r
    }

    /// The last index in `0..k` where `is` holds.
    fn prev(&mut self, k: usize, n: usize, is: impl Fn(usize) -> bool) -> Option<usize> {
        let k = k.min(n);
        if k == 0 {
            return None;
        }
        if self.known.len() < n {
            self.known = vec![UNKNOWN; n];
        }
        // known[x]: the last match in 0..=x.
        let mut j = k - 1;
        let r = loop {
            count_step();
            if self.known[j] != UNKNOWN {
                break self.known[j];
            }
            if is(j) {
                break j;
            }
            if j == 0 {
                break NONE;
            }
            j -= 1;
        };
        for x in j..k {
            self.known[x] = r;
        }
        (r != NONE).then_some(r)
    }
}

/// One sentence's tokens, with the searches attribution repeats remembered.
struct Sentence<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// First token that leading trimming keeps.
    lead: Memo,
    /// Last token that trailing trimming keeps.
    trail: Memo,
    /// Label colons, looking back.
    colon: Memo,
    /// Commas, looking ahead.
    comma: Memo,
    /// `.`, `,` or `;`, looking ahead.
    stop: Memo,
    /// `,` or a closing quote, looking back.
    clause: Memo,
}

impl<'a> Sentence<'a> {
    fn new(text: &'a str, toks: &'a [Token]) -> Self {
        Sentence {
            text,
            toks,
            lead: Memo::new(),
            trail: Memo::new(),
            colon: Memo::new(),
            comma: Memo::new(),
            stop: Memo::new(),
            clause: Memo::new(),
        }
    }

    /// A span over the non-punctuation content of `toks[a..b]`, trimmed of edge punctuation.
    fn content(&mut self, a: usize, b: usize) -> Option<Span> {
        let (text, toks) = (self.text, self.toks);
        let n = toks.len();
        let b = b.min(n);
        // Leading: skip punctuation other than opening quotes.
        let first_kept = self.lead.next(a.min(n), n, |k| {
            toks[k].kind != TokenKind::Punctuation
                || matches!(word(text, &toks[k]), "“" | "\"" | "‘")
        });
        let mut a = first_kept.min(b).max(a);
        // Trailing: drop punctuation other than closing quotes.
        let last_kept = self.trail.prev(b, n, |k| {
            toks[k].kind != TokenKind::Punctuation || matches!(word(text, &toks[k]), "”" | "\"")
        });
        let mut b = last_kept.map_or(a, |k| (k + 1).max(a));
        // Keep quotes only when both ends have one.
        if a < b {
            let first = word(text, &toks[a]);
            let last = word(text, &toks[b - 1]);
            let opens = matches!(first, "“" | "\"" | "‘");
            let closes = matches!(last, "”" | "\"");
            if opens != closes {
                if opens {
                    a += 1;
                } else {
                    b -= 1;
                }
            }
        }
        (a < b).then(|| Span::new(toks[a].span.start, toks[b - 1].span.end))
    }

    /// The first comma at or after `k`.
    fn next_comma(&mut self, k: usize) -> Option<usize> {
        let (text, toks, n) = (self.text, self.toks, self.toks.len());
        let r = self.comma.next(k, n, |x| word(text, &toks[x]) == ",");
        (r < n).then_some(r)
    }

    /// The first `.`, `,` or `;` at or after `k`.
    fn next_stop(&mut self, k: usize) -> Option<usize> {
        let (text, toks, n) = (self.text, self.toks, self.toks.len());
        let r = self
            .stop
            .next(k, n, |x| matches!(word(text, &toks[x]), "." | "," | ";"));
        (r < n).then_some(r)
    }

    /// The last `,` or closing quote before `k`.
    fn prev_clause(&mut self, k: usize) -> Option<usize> {
        let (text, toks, n) = (self.text, self.toks, self.toks.len());
        self.clause
            .prev(k, n, |x| matches!(word(text, &toks[x]), "," | "”" | "\""))
    }

    /// The last label colon before `k`.
    fn prev_colon(&mut self, k: usize) -> Option<usize> {
        let (text, toks, n) = (self.text, self.toks, self.toks.len());
        self.colon.prev(k, n, |x| word(text, &toks[x]) == ":")
    }
}

/// Finds the attributions in `doc` and links sources to entities.
pub(crate) fn attribute(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut out: Vec<Attribution> = Vec::new();
    for s in &doc.sentences {
        let a = doc.tokens.partition_point(|t| t.span.start < s.span.start);
        let b = doc.tokens.partition_point(|t| t.span.end <= s.span.end);
        if a >= b {
            continue;
        }
        let toks = &doc.tokens[a..b];
        sentence(text, toks, &mut out);
    }
    // Link each source to the entity of the mention overlapping it most.
    for at in &mut out {
        let mut best: Option<(usize, usize)> = None;
        let first = doc
            .mentions
            .partition_point(|m| m.span.end <= at.source.start.saturating_sub(256));
        for m in &doc.mentions[first..] {
            if m.span.start >= at.source.end {
                break;
            }
            if m.span.overlaps(at.source) {
                let ov = m.span.end.min(at.source.end) - m.span.start.max(at.source.start);
                // A source is an actor: a person or organisation in it, or a mention
                // covering most of it ("Russian" alone does not make "Russian news
                // agencies" the Russian nationality).
                let actor = matches!(m.entity_type, EntityType::Person | EntityType::Organisation);
                if !actor && ov * 5 < at.source.len() * 3 {
                    continue;
                }
                if let Some(e) = m.entity {
                    if best.is_none_or(|(b, _)| ov > b) {
                        best = Some((ov, e));
                    }
                }
            }
        }
        at.source_entity = best.map(|(_, e)| e);
    }
    doc.attributions = out;
}

fn sentence(text: &str, toks: &[Token], out: &mut Vec<Attribution>) {
    let mut st = Sentence::new(text, toks);
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let w = word(text, &toks[i]);
        // According to X, CLAIM.  /  CLAIM, according to X.
        if w.eq_ignore_ascii_case("according")
            && toks.get(i + 1).is_some_and(|t| word(text, t) == "to")
        {
            let src_start = i + 2;
            let mut j = src_start;
            while j < n && !matches!(word(text, &toks[j]), "," | ";" | "." | ":" | "!" | "?") {
                count_step();
                j += 1;
            }
            let cue = Span::new(toks[i].span.start, toks[i + 1].span.end);
            if let Some(source) = st.content(src_start, j) {
                let claim = if j + 1 < n && word(text, &toks[j]) == "," {
                    st.content(j + 1, n)
                } else {
                    // Claim before: from the sentence start (or after a label colon) to the comma.
                    let start = st.prev_colon(i).map_or(0, |c| c + 1);
                    st.content(start, i)
                };
                if let Some(claim) = claim {
                    out.push(Attribution {
                        source,
                        source_entity: None,
                        cue,
                        claim,
                    });
                }
            }
            i = j.max(i + 1);
            continue;
        }
        if let Some(vend) = CUES.longest_at(i, |j| toks.get(j).map_or("", |t| word(text, t))) {
            if let Some(at) = verb_attribution(&mut st, i, vend) {
                out.push(at);
                i = vend;
                continue;
            }
        }
        i += 1;
    }
}

/// An attribution around the cue verb at `toks[v..vend]`, if the construction fits.
fn verb_attribution(st: &mut Sentence<'_>, v: usize, vend: usize) -> Option<Attribution> {
    let (text, toks) = (st.text, st.toks);
    let n = toks.len();
    // Walk back over auxiliaries to find the source's end.
    let mut src_end = v;
    let mut cue_start = v;
    while src_end > 0 {
        count_step();
        if AUX_SET.contains_word(word(text, &toks[src_end - 1])) {
            src_end -= 1;
            cue_start = src_end;
        } else {
            break;
        }
    }
    // "As X have pointed out, CLAIM": the source follows "As".
    let mut src_start = src_end;
    while src_start > 0 {
        let p = &toks[src_start - 1];
        let pw = word(text, p);
        if is_boundary_punct(pw) || matches!(pw, "." | "!" | "?") || STOPS.contains_word(pw) {
            break;
        }
        if src_end - src_start >= 10 {
            return None;
        }
        src_start -= 1;
    }
    let after_as = src_start > 0 && word(text, &toks[src_start - 1]).eq_ignore_ascii_case("as");
    let cue = Span::new(toks[cue_start].span.start, toks[vend - 1].span.end);
    let mut after = vend;
    // "told reporters that": skip a short object before "that".
    if let Some(k) = (after..n.min(after + 5)).find(|&k| word(text, &toks[k]) == "that") {
        if (after..k).all(|x| toks[x].kind == TokenKind::Word) {
            after = k + 1;
        }
    }
    let next = toks.get(after).map(|t| word(text, t));
    if src_start < src_end && !is_pronoun_object(text, toks, src_start, src_end) {
        let source = st.content(src_start, src_end)?;
        if !looks_like_source(text, toks, src_start, src_end) {
            return None;
        }
        let claim = if after_as {
            // "As X have pointed out, CLAIM."
            let comma = st.next_comma(vend)?;
            st.content(comma + 1, n)
        } else if matches!(next, None | Some("." | "!" | "?"))
            || short_tail(text, toks, after) && src_start > 0
        {
            // "CLAIM, X said."
            let end = st.prev_clause(src_start)?;
            st.content(0, end + 1)
        } else {
            st.content(after, n)
        }?;
        return Some(Attribution {
            source,
            source_entity: None,
            cue,
            claim,
        });
    }
    // "“CLAIM,” said X."
    if v > 0 && matches!(word(text, &toks[v - 1]), "," | "”" | "\"") {
        let end = st.next_stop(vend)?;
        let source = st.content(vend, end)?;
        let claim = st.content(0, v)?;
        return Some(Attribution {
            source,
            source_entity: None,
            cue,
            claim,
        });
    }
    None
}

/// True when at most three words (an object: "told reporters") end the sentence after `i`.
/// Stops at the fourth word or the first other token, so a cue costs no more than its tail.
fn short_tail(text: &str, toks: &[Token], i: usize) -> bool {
    let rest = &toks[i.min(toks.len())..];
    let ends = rest
        .last()
        .is_some_and(|t| matches!(word(text, t), "." | "!" | "?"));
    if !ends {
        return false;
    }
    let mut words = 0;
    for t in rest {
        count_step();
        if t.kind == TokenKind::Word {
            words += 1;
            if words > 3 {
                return false;
            }
        } else if !matches!(word(text, t), "." | "!" | "?") {
            return false;
        }
    }
    true
}

/// Rejects sources that are really objects or clauses: they must hold a word, start
/// a noun phrase, and not be a bare preposition phrase.
fn looks_like_source(text: &str, toks: &[Token], a: usize, b: usize) -> bool {
    let first = word(text, &toks[a]).to_ascii_lowercase();
    let has_word = (a..b).any(|k| toks[k].kind == TokenKind::Word);
    has_word
        && !matches!(
            first.as_str(),
            "to" | "of" | "in" | "on" | "for" | "by" | "from" | "at" | "it" | "there" | "this"
        )
}

fn is_pronoun_object(text: &str, toks: &[Token], a: usize, b: usize) -> bool {
    b == a + 1
        && matches!(
            word(text, &toks[a]).to_ascii_lowercase().as_str(),
            "me" | "him" | "them" | "us"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, InputFormat, Pipeline};

    /// Steps the searches take to attribute `text` (one long sentence when it has no stop).
    fn steps_for(p: &Pipeline, text: &str) -> (u64, usize) {
        let mut doc = p.parse(text).unwrap();
        let before = crate::steps::total();
        attribute(&mut doc);
        (crate::steps::total() - before, doc.attributions.len())
    }

    #[test]
    fn work_grows_linearly_in_a_long_sentence() {
        let p = Pipeline::builder()
            .input_format(InputFormat::Fixed(Format::Text))
            .build()
            .unwrap();
        for unit in [
            "Assad said, ",
            "we said that ",
            "Assad told reporters that ",
            "x: according to Assad, ",
            "“Yes,” said Assad ",
            "as Assad said ",
            "has has said Putin ; ",
        ] {
            let (mut last, _) = steps_for(&p, &unit.repeat(500));
            let mut n = 500;
            for _ in 0..4 {
                n *= 2;
                let (now, found) = steps_for(&p, &unit.repeat(n));
                assert!(
                    now <= last * 2 + 64,
                    "{unit:?}: {now} steps for {n} repeats, {last} for half as many ({found} attributions)"
                );
                last = now;
            }
            assert!(
                last <= 40 * n as u64,
                "{unit:?}: {last} steps for {n} repeats"
            );
        }
    }
}
