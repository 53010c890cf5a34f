//! Third-person pronouns: their agreement features, and the occurrences in the text
//! that no recogniser marked (the tagger leaves most `it`, `its` and `they` out).

use crate::document::{EntityType, Mention, Sentence};
use crate::span::Span;

/// Grammatical gender of a person, where something tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

/// What a pronoun agrees with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Agreement {
    /// `he`, `she`: one person (of that gender).
    Person(Gender),
    /// `it`, `its`: one organisation, place or thing, never a person.
    Thing,
    /// `they`, `their`: an organisation or several of anything.
    Plural,
}

/// First- and second-person pronouns by person and number: `I`/`me`/`my` (0),
/// `we`/`us`/`our` (1), `you`/`your` (2). They are linked only to the same
/// person's pronouns in the same block (one speaker's turn, one quote).
pub(super) fn speaker(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "i" | "me" | "my" | "mine" | "myself" => Some(0),
        "we" | "us" | "our" | "ours" | "ourselves" => Some(1),
        "you" | "your" | "yours" | "yourself" | "yourselves" => Some(2),
        _ => None,
    }
}

/// The agreement of a third-person pronoun; `None` for any other word (first and
/// second person pronouns: see [`speaker`]).
pub(super) fn agreement(word: &str) -> Option<Agreement> {
    // Lower-cased on the stack (it was a `String` a call, for every mention): no
    // pronoun is longer than "themselves", 10 bytes.
    let mut buf = [0u8; 10];
    let lower = buf.get_mut(..word.len())?;
    for (l, &c) in lower.iter_mut().zip(word.as_bytes()) {
        *l = c.to_ascii_lowercase();
    }
    Some(match &*lower {
        b"he" | b"him" | b"his" | b"himself" => Agreement::Person(Gender::Male),
        b"she" | b"her" | b"hers" | b"herself" => Agreement::Person(Gender::Female),
        b"it" | b"its" | b"itself" => Agreement::Thing,
        // Not "them": an object pronoun is far more often people or things no
        // recogniser saw than an organisation (GUM, development).
        b"they" | b"their" | b"theirs" | b"themselves" => Agreement::Plural,
        _ => return None,
    })
}

/// How many sentences back a pronoun looks: three for `he` and `she`; one for `it`
/// and `they`, which stand for things no recogniser marked far more often than
/// persons do, so a near antecedent is the only safe one.
pub(super) fn window(agreement: Agreement) -> usize {
    match agreement {
        Agreement::Person(_) => 3,
        Agreement::Thing | Agreement::Plural => 1,
    }
}

/// Whether a group of `entity_type` can be what a pronoun with `agreement` stands for.
pub(super) fn fits(
    agreement: Agreement,
    entity_type: EntityType,
    gender: Option<Gender>,
    plural: bool,
) -> bool {
    match agreement {
        Agreement::Person(g) => {
            entity_type == EntityType::Person && !plural && gender.is_none_or(|x| x == g)
        }
        Agreement::Thing => !plural && thing(entity_type),
        Agreement::Plural => {
            entity_type == EntityType::Organisation
                || (plural && (entity_type == EntityType::Person || thing(entity_type)))
        }
    }
}

/// Types an `it` can stand for. Not places: in news an `it` after a place is far more
/// often the organisation or thing in it ("In Hong Kong, the Hang Seng fell ... its").
fn thing(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Organisation
            | EntityType::Weapon
            | EntityType::MilitaryPlatform
            | EntityType::Vehicle
            | EntityType::Product
            | EntityType::Financial
            | EntityType::DocumentReference
    )
}

/// Words after `it is` that make the `it` pleonastic (`it is likely that ...`).
const PLEONASTIC: &[&str] = &[
    "likely",
    "unlikely",
    "clear",
    "unclear",
    "possible",
    "impossible",
    "probable",
    "expected",
    "believed",
    "thought",
    "said",
    "reported",
    "understood",
    "known",
    "important",
    "necessary",
    "difficult",
    "hard",
    "easy",
    "time",
    "true",
    "hoped",
    "feared",
    "estimated",
    "rumoured",
    "rumored",
    "worth",
    "too",
    "not",
    "now",
];

/// Whether `it` at `end` (its end offset) is pleonastic: `it is likely`, `it seems`,
/// `it's time`, `it rained`.
fn pleonastic(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'));
    let first = words.next().unwrap_or("").to_ascii_lowercase();
    let first = first.as_str();
    if matches!(
        first,
        "seems" | "seemed" | "appears" | "appeared" | "rained" | "snowed" | "emerged"
    ) {
        return true;
    }
    let verb = if let Some(s) = first.strip_prefix('\'').or_else(|| first.strip_prefix('’')) {
        s == "s"
    } else {
        matches!(
            first,
            "is" | "was" | "will" | "would" | "has" | "had" | "may" | "might"
        )
    };
    if !verb && !first.starts_with("'s") && !first.starts_with("’s") {
        return false;
    }
    // Up to two more words: "is likely", "will be likely", "has been reported".
    for w in words.take(2) {
        let w = w.to_ascii_lowercase();
        if PLEONASTIC.contains(&w.as_str()) {
            return true;
        }
        if !matches!(w.as_str(), "be" | "been" | "being" | "also" | "still") {
            break;
        }
    }
    false
}

/// Adjectives that, after `it is` (or `it became`, `made it`) and before `that`, `to`,
/// `whether` or `for`, make the `it` a placeholder for the clause that follows
/// (`it is reasonable to assume`, `it is crucial that`, `it became apparent that`).
const EXTRAPOSING: &[&str] = &[
    "reasonable",
    "unreasonable",
    "crucial",
    "essential",
    "vital",
    "critical",
    "good",
    "better",
    "best",
    "bad",
    "worse",
    "nice",
    "great",
    "fair",
    "unfair",
    "wise",
    "unwise",
    "safe",
    "unsafe",
    "dangerous",
    "interesting",
    "surprising",
    "unsurprising",
    "remarkable",
    "ironic",
    "odd",
    "strange",
    "sad",
    "fortunate",
    "unfortunate",
    "lucky",
    "appropriate",
    "inappropriate",
    "useful",
    "helpful",
    "common",
    "rare",
    "natural",
    "normal",
    "unusual",
    "apparent",
    "obvious",
    "evident",
    "undisputed",
    "undeniable",
    "doubtful",
    "questionable",
    "inevitable",
    "imperative",
    "desirable",
    "advisable",
    "preferable",
    "acceptable",
    "unacceptable",
    "sensible",
    "logical",
    "tempting",
    "wrong",
    "right",
    "amazing",
    "incredible",
    "shocking",
    "disappointing",
    "encouraging",
    "frustrating",
    "confusing",
    "fun",
    "clear",
    "clearer",
    "unclear",
    "possible",
    "impossible",
    "important",
    "necessary",
    "unnecessary",
    "difficult",
    "hard",
    "harder",
    "easy",
    "easier",
    "true",
    "likely",
    "unlikely",
    "certain",
    "uncertain",
    "worth",
    "time",
];

/// The lower-cased words and punctuation marks after `end` on its line, at most `n`.
fn tokens_after(text: &str, end: usize, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.get(end..).unwrap_or("").chars() {
        if out.len() >= n || c == '\n' {
            break;
        }
        if c.is_alphanumeric() || c == '-' || ((c == '\'' || c == '’') && !word.is_empty()) {
            word.extend(c.to_lowercase());
            continue;
        }
        if c == '\'' || c == '’' {
            // `it's`: the clitic is a word of its own.
            word.push('\'');
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word).replace('’', "'"));
        }
        if !c.is_whitespace() {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() && out.len() < n {
        out.push(word.replace('’', "'"));
    }
    out.truncate(n);
    out
}

/// How many of `words` make a form of `be` (`is`, `'s`, `was`, `will be`, `has
/// been`, `isn't`), counting adverbs after it (`is also`, `was not`); 0 when they
/// start with none.
fn be_form(words: &[String]) -> usize {
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let mut i = match w(0) {
        "is" | "was" | "'s" | "isn't" | "wasn't" => 1,
        "will" | "would" | "may" | "might" | "could" | "can" | "must" | "should" | "won't"
        | "wouldn't" | "can't" | "couldn't" => {
            let j = usize::from(w(1) == "not") + 1;
            if w(j) == "be" { j + 1 } else { return 0 }
        }
        "has" | "had" | "hasn't" | "hadn't" => {
            let j = usize::from(w(1) == "not") + 1;
            if w(j) == "been" { j + 1 } else { return 0 }
        }
        _ => return 0,
    };
    while adverb(w(i)) {
        i += 1;
    }
    i
}

/// Adverbs that may stand between a verb and its complement (`is also`, `made it
/// abundantly clear`).
fn adverb(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "also"
            | "still"
            | "now"
            | "very"
            | "so"
            | "quite"
            | "too"
            | "already"
            | "just"
            | "even"
            | "rather"
            | "pretty"
            | "more"
            | "less"
            | "most"
            | "all"
            | "then"
    ) || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "likely" | "unlikely" | "early"))
}

/// Whether the word at `i` of `words` is followed by what an extraposed clause starts
/// with (`that`, `to`, `whether`, `for`, `if`, `how`, `why`, `when`).
fn clause_after(words: &[String], i: usize) -> bool {
    words.get(i + 1).is_some_and(|w| {
        matches!(
            w.as_str(),
            "that" | "to" | "whether" | "for" | "if" | "how" | "why" | "when" | "what"
        )
    })
}

/// Whether `words` from `i` on, past any adverbs, hold an extraposing adjective and
/// the clause it announces (`clear that`, `really difficult to`).
fn extraposed_from(words: &[String], mut i: usize) -> bool {
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    while adverb(w(i)) {
        i += 1;
    }
    EXTRAPOSING.contains(&w(i)) && clause_after(words, i)
}

/// Whether `it` spanning `start..end` stands for no entity by the shape of the
/// clause around it: an extraposed subject (`it is reasonable to assume`, `it was
/// decided that`, `it became apparent that`, `made it clear that`), a span of time
/// (`it took too long`), the weather (`it was raining`).
fn placeholder(text: &str, start: usize, end: usize) -> bool {
    let words = tokens_after(text, end, 10);
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let be = be_form(&words);
    if be > 0 {
        let x = w(be);
        if EXTRAPOSING.contains(&x) && clause_after(&words, be) {
            return true;
        }
        // A participle before `that` or `whether`: `it was decided that`.
        if (x.ends_with("ed") || x.ends_with("en"))
            && x.len() > 4
            && matches!(w(be + 1), "that" | "whether")
        {
            return true;
        }
        if matches!(
            x,
            "raining" | "snowing" | "sunny" | "cloudy" | "windy" | "foggy" | "dark"
        ) {
            return true;
        }
    }
    // `it became apparent that`, `it remains unclear whether`, `it turned out`.
    if matches!(
        w(0),
        "became"
            | "becomes"
            | "become"
            | "remains"
            | "remained"
            | "looks"
            | "looked"
            | "sounds"
            | "sounded"
            | "seem"
            | "appear"
    ) && extraposed_from(&words, 1)
    {
        return true;
    }
    if matches!(w(0), "turns" | "turned" | "follows") && w(1) != "to" {
        return true;
    }
    // `it took too long`, `it will take years`.
    let took = match w(0) {
        "took" | "takes" => 1,
        "will" | "would" | "could" | "may" | "might" if w(1) == "take" => 2,
        _ => 0,
    };
    if took > 0
        && words.iter().skip(took).take(4).any(|x| {
            matches!(
                x.as_str(),
                "long"
                    | "while"
                    | "time"
                    | "years"
                    | "months"
                    | "weeks"
                    | "days"
                    | "hours"
                    | "minutes"
                    | "decades"
            )
        })
    {
        return true;
    }
    // `made it clear that`, `find it difficult to`.
    let before = text.get(..start).unwrap_or("");
    let prev = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(
        prev.as_str(),
        "make"
            | "made"
            | "makes"
            | "making"
            | "find"
            | "found"
            | "finds"
            | "consider"
            | "considered"
            | "considers"
            | "deem"
            | "deemed"
            | "deems"
            | "think"
            | "thought"
    ) && extraposed_from(&words, 0)
    {
        return true;
    }
    false
}

/// Heads of a predicate nominal (`it is the biggest contract`, `it was the 7th largest
/// decline`) that name an event, an amount or a time, which no entity is: the `it`
/// stands for that, not for a company or index named before.
const EVENT_HEADS: &[&str] = &[
    "contract",
    "deal",
    "order",
    "agreement",
    "decision",
    "move",
    "step",
    "decline",
    "drop",
    "fall",
    "rise",
    "gain",
    "loss",
    "jump",
    "plunge",
    "slump",
    "increase",
    "decrease",
    "rally",
    "surge",
    "crash",
    "ending",
    "close",
    "finish",
    "level",
    "record",
    "time",
    "day",
    "week",
    "month",
    "year",
    "event",
    "case",
    "question",
    "problem",
    "issue",
    "result",
    "mistake",
    "error",
    "matter",
    "change",
    "plan",
    "process",
    "effort",
    "attempt",
    "story",
    "announcement",
    "delay",
    "setback",
    "blow",
    "failure",
    "success",
    "victory",
    "defeat",
    "sign",
    "signal",
    "way",
    "reason",
    "idea",
    "point",
    "fact",
    "thing",
    "flight",
    "trip",
    "visit",
    "meeting",
    "sale",
    "purchase",
    "acquisition",
    "merger",
    "offer",
    "bid",
    "percent",
];

/// The head (lower case) of the predicate nominal after `it` at `end`: `it is the
/// biggest contract of its kind` gives `contract`, `It was the world's largest
/// carmaker` gives `carmaker`; `None` when no `be` and article follow.
pub(super) fn predicate_head(text: &str, end: usize) -> Option<String> {
    let words = tokens_after(text, end, 12);
    let be = be_form(&words);
    if be == 0 || !matches!(words.get(be).map(String::as_str), Some("the" | "a" | "an")) {
        return None;
    }
    let mut head = None;
    for w in words.iter().skip(be + 1) {
        let stop = !w.starts_with(|c: char| c.is_alphanumeric())
            || matches!(
                w.as_str(),
                "of" | "in"
                    | "to"
                    | "that"
                    | "since"
                    | "for"
                    | "with"
                    | "on"
                    | "at"
                    | "which"
                    | "who"
                    | "by"
                    | "from"
                    | "as"
                    | "than"
                    | "and"
                    | "or"
                    | "but"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "is"
                    | "was"
                    | "has"
                    | "had"
                    | "will"
                    | "ever"
                    | "this"
                    | "so"
            );
        if stop {
            break;
        }
        if w == "'s" {
            continue;
        }
        head = Some(w.trim_end_matches("'s").to_owned());
    }
    head
}

/// Whether a predicate nominal's head names an event, amount or time (see
/// [`EVENT_HEADS`]).
fn event_head(head: &str) -> bool {
    EVENT_HEADS.contains(&head)
        || head
            .strip_suffix('s')
            .is_some_and(|h| EVENT_HEADS.contains(&h))
}

/// Third-person pronouns in the sentences that overlap no mention, in text order,
/// each with its agreement and, for `it`, the head of its predicate nominal (`it is
/// the first model`: `model`); pleonastic `it` left out. One pass over the text.
///
/// `mentions` must be in order of start (as [`crate::Document::mentions`] are).
pub(super) fn unmarked(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
) -> Vec<(Span, Agreement, Option<String>)> {
    let mut out = Vec::new();
    let mut mi = 0;
    let mut covered_to = 0;
    for s in sentences {
        let Some(body) = s.span.slice(text) else {
            continue;
        };
        let mut start = None;
        // Words: maximal runs of ASCII letters; a pronoun is all letters.
        for (i, c) in body
            .char_indices()
            .chain(std::iter::once((body.len(), ' ')))
        {
            if c.is_ascii_alphabetic() {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            let Some(b) = start.take() else {
                continue;
            };
            let word = &body[b..i];
            if word.len() > 10 {
                continue;
            }
            // Part of a longer word (`it-based`, `x4its`)?
            let before = body[..b].chars().next_back();
            if before.is_some_and(|p| p.is_alphanumeric() || p == '-')
                || c.is_alphanumeric()
                || c == '-'
            {
                continue;
            }
            let Some(agreement) = agreement(word) else {
                continue;
            };
            let span = Span::new(s.span.start + b, s.span.start + i);
            // Skip mentions that end before it; any left that starts before its end covers it.
            while let Some(m) = mentions.get(mi) {
                if m.span.start >= span.end {
                    break;
                }
                covered_to = covered_to.max(m.span.end);
                mi += 1;
            }
            if covered_to > span.start {
                continue;
            }
            if agreement == Agreement::Thing
                && word.eq_ignore_ascii_case("it")
                && (pleonastic(text, span.end)
                    || placeholder(text, span.start, span.end)
                    || predicate_head(text, span.end).is_some_and(|h| event_head(&h)))
            {
                continue;
            }
            let head = (agreement == Agreement::Thing)
                .then(|| predicate_head(text, span.end))
                .flatten();
            out.push((span, agreement, head));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_of_pronouns() {
        assert_eq!(agreement("He"), Some(Agreement::Person(Gender::Male)));
        assert_eq!(agreement("its"), Some(Agreement::Thing));
        assert_eq!(agreement("Their"), Some(Agreement::Plural));
        assert_eq!(agreement("them"), None);
        assert_eq!(agreement("we"), None);
        assert_eq!(agreement("item"), None);
        assert_eq!(agreement("THEMSELVES"), Some(Agreement::Plural));
        assert_eq!(agreement("themselvess"), None);
        assert_eq!(agreement(""), None);
        assert_eq!(agreement("Hé"), None);
    }

    #[test]
    fn pleonastic_it() {
        let t = "it is likely that";
        assert!(pleonastic(t, 2));
        assert!(pleonastic("it seems so", 2));
        assert!(pleonastic("it's time", 2));
        assert!(pleonastic("it will be difficult", 2));
        assert!(!pleonastic("it said on Monday", 2));
        assert!(!pleonastic("it is the largest", 2));
    }

    #[test]
    fn placeholder_it() {
        let p = |t: &str| placeholder(t, 0, 2);
        assert!(p("it is reasonable to assume"));
        assert!(p("it is crucial that children"));
        assert!(p("it was decided that a review"));
        assert!(p("it became apparent that most"));
        assert!(p("It took too long for the money"));
        assert!(p("it's good to be able"));
        assert!(p("it couldn't be clearer that"));
        let t = "has made it abundantly clear that";
        assert!(placeholder(t, 9, 11));
        assert!(!p("it is the first model"));
        assert!(!p("it was designed to carry"));
        assert!(!p("it is good value"));
        assert!(!p("it took the lead"));
        assert!(!p("it found that sales"));
    }

    #[test]
    fn predicate_heads() {
        let h = |t: &str| predicate_head(t, 2);
        assert_eq!(
            h("It is the biggest contract of its kind").as_deref(),
            Some("contract")
        );
        assert_eq!(
            h("It was the 7th largest single-day decline in history").as_deref(),
            Some("decline")
        );
        assert_eq!(
            h("it is the world's largest carmaker.").as_deref(),
            Some("carmaker")
        );
        assert_eq!(h("it said the deal"), None);
        assert!(event_head("contract"));
        assert!(!event_head("carmaker"));
    }

    #[test]
    fn fits_by_number_gender_and_animacy() {
        let he = Agreement::Person(Gender::Male);
        assert!(fits(he, EntityType::Person, None, false));
        assert!(!fits(he, EntityType::Person, Some(Gender::Female), false));
        assert!(!fits(he, EntityType::Organisation, None, false));
        assert!(fits(
            Agreement::Thing,
            EntityType::Organisation,
            None,
            false
        ));
        assert!(!fits(Agreement::Thing, EntityType::Person, None, false));
        assert!(fits(
            Agreement::Plural,
            EntityType::Organisation,
            None,
            false
        ));
        assert!(fits(Agreement::Plural, EntityType::Person, None, true));
        assert!(!fits(Agreement::Plural, EntityType::Person, None, false));
    }
}
