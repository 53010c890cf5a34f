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

/// A span over the non-punctuation content of `toks[a..b]`, trimmed of edge punctuation.
fn content(text: &str, toks: &[Token], a: usize, b: usize) -> Option<Span> {
    let (mut a, mut b) = (a, b.min(toks.len()));
    while a < b
        && toks[a].kind == TokenKind::Punctuation
        && !matches!(word(text, &toks[a]), "“" | "\"" | "‘")
    {
        a += 1;
    }
    while b > a
        && toks[b - 1].kind == TokenKind::Punctuation
        && !matches!(word(text, &toks[b - 1]), "”" | "\"")
    {
        b -= 1;
    }
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
                j += 1;
            }
            let cue = Span::new(toks[i].span.start, toks[i + 1].span.end);
            if let Some(source) = content(text, toks, src_start, j) {
                let claim = if j + 1 < n && word(text, &toks[j]) == "," {
                    content(text, toks, j + 1, n)
                } else {
                    // Claim before: from the sentence start (or after a label colon) to the comma.
                    let start = toks[..i]
                        .iter()
                        .rposition(|t| word(text, t) == ":")
                        .map_or(0, |c| c + 1);
                    content(text, toks, start, i)
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
            if let Some(at) = verb_attribution(text, toks, i, vend) {
                out.push(at);
                i = vend;
                continue;
            }
        }
        i += 1;
    }
}

/// An attribution around the cue verb at `toks[v..vend]`, if the construction fits.
fn verb_attribution(text: &str, toks: &[Token], v: usize, vend: usize) -> Option<Attribution> {
    let n = toks.len();
    // Walk back over auxiliaries to find the source's end.
    let mut src_end = v;
    let mut cue_start = v;
    while src_end > 0 {
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
        let source = content(text, toks, src_start, src_end)?;
        if !looks_like_source(text, toks, src_start, src_end) {
            return None;
        }
        let claim = if after_as {
            // "As X have pointed out, CLAIM."
            let comma = (vend..n).find(|&k| word(text, &toks[k]) == ",")?;
            content(text, toks, comma + 1, n)
        } else if matches!(next, None | Some("." | "!" | "?"))
            || short_tail(text, toks, after) && src_start > 0
        {
            // "CLAIM, X said."
            let end = (0..src_start)
                .rev()
                .find(|&k| matches!(word(text, &toks[k]), "," | "”" | "\""))?;
            content(text, toks, 0, end + 1)
        } else {
            content(text, toks, after, n)
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
        let end = (vend..n).find(|&k| matches!(word(text, &toks[k]), "." | "," | ";"))?;
        let source = content(text, toks, vend, end)?;
        let claim = content(text, toks, 0, v)?;
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
fn short_tail(text: &str, toks: &[Token], i: usize) -> bool {
    let rest = &toks[i.min(toks.len())..];
    let words = rest.iter().filter(|t| t.kind == TokenKind::Word).count();
    let ends = rest
        .last()
        .is_some_and(|t| matches!(word(text, t), "." | "!" | "?"));
    words <= 3
        && ends
        && rest
            .iter()
            .all(|t| t.kind == TokenKind::Word || matches!(word(text, t), "." | "!" | "?"))
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
