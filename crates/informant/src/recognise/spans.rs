//! Span conventions, applied once after every recogniser and the merge, before
//! resolution (see `docs/spans.md`):
//!
//! - **Names carry no leading determiner** ("Kremlin", not "The Kremlin";
//!   "United Nations", not "the United Nations") unless it is part of the name:
//!   the gazetteer's canonical name starts with it (`The Times`, `The Hague`) or
//!   the name is one of a few whose article is official (`The Gambia`,
//!   `The New York Times`). Gazetteer aliases such as `the Kremlin` or `the States`
//!   stay in the lists: the article is context that makes the match safe; the span
//!   is trimmed here.
//! - **Names carry no trailing possessive** (`Assad’s` → `Assad`).
//! - **A phrase the built-in rules or tagger took for a name but whose first or
//!   last word is a common word is a nominal** (`the Syrian army`, `The group`,
//!   `Russian war bloggers`): its kind becomes [`MentionKind::Nominal`] and it keeps
//!   its determiner, as nominals do in re3d and MEANTIME. Gazetteer names
//!   (`Syrian army` is an alias of the Syrian Arab Army) and facility or region
//!   names (`Hmeimim airbase`) stay names.
//! - **One mention per thing**: a mention that is only a determiner before a name
//!   of the same type (`the Syrian army` around the gazetteer's `Syrian army`) is
//!   dropped, and of two names with the same span and type one is kept.
//!
//! The cost is linear in the number of mentions (one hash map, one sort).

use crate::document::{Document, EntityType, Mention, MentionKind, Token};
use crate::recognise::phrases::FastMap as HashMap;
use crate::span::Span;

/// Names whose leading `the` is part of the name, lower-cased, without it.
const KEEP_THE: &[&str] = &[
    "hague",
    "gambia",
    "bahamas",
    "times",
    "new york times",
    "economist",
    "guardian",
];

/// Applies the conventions to `doc.mentions`, keeping them sorted (start, then longer first).
pub(crate) fn normalise(doc: &mut Document) {
    if doc.mentions.is_empty() {
        return;
    }
    let text = doc.text.as_str();
    let mut moved = false;
    for m in &mut doc.mentions {
        if m.kind != MentionKind::Name {
            continue;
        }
        let before = m.span;
        if is_common_phrase(m, &text[m.span.range()]) || is_title_alone(m, &text[m.span.range()]) {
            m.kind = MentionKind::Nominal;
            continue;
        }
        if let Some(rest) = after_determiner(text, m.span) {
            if !keeps_determiner(m, text, m.span, rest) {
                m.span = Span::new(rest, m.span.end);
            }
        }
        if let Some(end) = before_possessive(text, m.span) {
            m.span = Span::new(m.span.start, end);
        }
        m.span = without_open_bracket(text, m.span);
        moved |= m.span != before;
    }
    moved |= possessives_in_organisations(doc);
    moved |= acronyms_before_organisations(doc);
    dedup(doc);
    if moved {
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
    roles_alone(doc);
    one_place_per_name(doc);
    names_that_are_no_places(doc);
    companies_after_their_trade(doc);
    organisations_after_trade_words(doc);
    names_inside_titles(doc);
    super::datelines::dateline_places(doc);
    teams_in_results(doc);
    super::tables::teams_in_tables(doc);
    super::clubs::clubs_by_their_words(doc);
    places_in_organisations(doc);
    names_in_events(doc);
    super::particles::names_with_particles(doc);
    super::particles::nothing_inside_persons(doc);
    super::offices::bodies_before_offices(doc);
    super::heads::names_by_their_heads(doc);
    super::portfolios::joined_portfolios(doc);
    super::portfolios::bodies_for_causes(doc);
    surnames_again(doc);
    places_before_place_nouns(doc);
    party_adjectives(doc);
    banks_by_their_word(doc);
    camel_case_companies(doc);
    companies_before_roles(doc);
    media_after_reporting_cues(doc);
    plural_openers_cut(doc);
    organisations_after_company_cues(doc);
    // the steps above may make two names of one span and type (`Los Angeles Times`)
    dedup(doc);
}

/// Confidence of a company's name found by its inner capital alone.
const CAMEL_COMPANY_CONFIDENCE: f32 = 0.4;

/// Starts of surnames with an inner capital (`McKinley`, `DeBose`, `MacArthur`): no
/// company's name.
const CAMEL_NAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von",
];

/// A word with a capital inside after lower-case letters (`WeWork`, `SunExpress`,
/// `PolitiFact`), no digits or signs, not all capitals, and no surname's prefix.
fn is_camel_name(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 5
        && b[0].is_ascii_uppercase()
        && b.iter().all(u8::is_ascii_alphabetic)
        && b.windows(2)
            .skip(1)
            .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
        && b[1..].iter().filter(|c| c.is_ascii_uppercase()).count() <= 2
        && !CAMEL_NAME_PREFIXES.iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        })
}

/// A word written with a capital inside (see [`is_camel_name`]) that the document uses
/// twice or more, that no mention covers and that stands alone (no capitalised word
/// beside it, not a handle or hashtag after `@` or `#`) is a company's name, as news
/// writes the new ones (`WeWork`): an Organisation name. Once is not enough: tweets run
/// names and phrases together (`MileyCyrus`, `HappyNewYear`). Linear: a count of the
/// camel words, then one pass over the tokens with a cursor over the mentions.
fn camel_case_companies(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let touches_name = |a: usize, b: usize| {
        word(a).starts_with(char::is_uppercase)
            && word(b).starts_with(char::is_uppercase)
            && text.get(tokens[a].span.end..tokens[b].span.start) == Some(" ")
    };
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for i in 0..tokens.len() {
        if is_camel_name(word(i)) {
            *seen.entry(word(i)).or_default() += 1;
        }
    }
    if seen.values().all(|&n| n < 2) {
        return;
    }
    let mut added: Vec<Mention> = Vec::new();
    let (mut m, mut reach) = (0, 0);
    for (i, t) in tokens.iter().enumerate() {
        while m < doc.mentions.len() && doc.mentions[m].span.start <= t.span.start {
            reach = reach.max(doc.mentions[m].span.end);
            m += 1;
        }
        if reach > t.span.start
            || seen.get(word(i)).is_none_or(|&n| n < 2)
            || i > 0 && (matches!(word(i - 1), "@" | "#") || touches_name(i - 1, i))
            || i + 1 < tokens.len() && touches_name(i, i + 1)
            || text[..t.span.start].ends_with(['@', '#', '/', '.', '_'])
        {
            continue;
        }
        let mut x = Mention::new(
            t.span,
            EntityType::Organisation,
            CAMEL_COMPANY_CONFIDENCE,
            "rule",
        );
        x.kind = MentionKind::Name;
        x.subtype = Some("company".to_owned());
        added.push(x);
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// Lower-case role nouns after a company's name in a person's nominal (`WeWork
/// founder`, `Met chief`, `Acme spokeswoman`).
const COMPANY_ROLES: &[&str] = &[
    "founder",
    "co-founder",
    "cofounder",
    "ceo",
    "chief",
    "chairman",
    "chairwoman",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "executive",
    "executives",
    "employee",
    "employees",
    "owner",
    "boss",
    "engineer",
    "engineers",
    "staff",
    "workers",
    "shareholders",
    "investors",
];

/// A word of a capitalised run that may name an organisation: a capital first, letters,
/// digits, `-`, `&` or `.` after it, and no role, title or determiner (`The`, `CEO`).
fn is_run_word(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '.'))
        && !is_no_trade_name(w)
        && !ROLES.contains(&w.to_lowercase().as_str())
}

/// Whether no name mention covers a byte of `span`, by the table `covered` of the bytes
/// name mentions cover.
fn uncovered(covered: &[bool], span: Span) -> bool {
    covered
        .get(span.range())
        .is_some_and(|c| !c.contains(&true))
}

/// The table of the bytes of `doc.text` that the mentions `keep` takes cover.
fn covered_bytes(doc: &Document, keep: impl Fn(&Mention) -> bool) -> Vec<bool> {
    let mut covered = vec![false; doc.text.len()];
    for m in doc.mentions.iter().filter(|m| keep(m)) {
        if let Some(c) = covered.get_mut(m.span.range()) {
            c.fill(true);
        }
    }
    covered
}

/// The table of the bytes of `doc.text` that name mentions cover.
fn name_bytes(doc: &Document) -> Vec<bool> {
    covered_bytes(doc, |m| m.kind == MentionKind::Name)
}

/// A capitalised word that may stand in a name: letters (and digits when `digits`),
/// `-`, `&` and `.` only (`Sony`, `AT&T`, `U.S.`, `3M` with digits).
pub(crate) fn capital_word(w: &str, digits: bool) -> bool {
    w.starts_with(char::is_uppercase)
        && w.chars().all(|c| {
            c.is_alphabetic() || (digits && c.is_numeric()) || matches!(c, '-' | '&' | '.')
        })
}

/// Whether tokens `i` and `i + 1` are one space apart (no line break, no punctuation).
pub(crate) fn spaced(text: &str, tokens: &[Token], i: usize) -> bool {
    i + 1 < tokens.len() && text.get(tokens[i].span.end..tokens[i + 1].span.start) == Some(" ")
}

/// A tagger's Person nominal that is a capitalised run and a role noun of a company
/// (`WeWork founder`, `Met chief`; see [`COMPANY_ROLES`]) holds the company's name: the
/// run, up to three words after an optional `the` or `former`, becomes an Organisation
/// name nested in the nominal, unless a name covers any of it (`Obama adviser`, `Texas
/// governor`). News corpora mark the company there; before, it was lost inside the
/// nominal. Linear: one look at each nominal's words and a table of the bytes names
/// cover.
fn companies_before_roles(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut covered: Option<Vec<bool>> = None;
    let mut added = Vec::new();
    for m in &doc.mentions {
        if m.kind != MentionKind::Nominal
            || m.entity_type != EntityType::Person
            || m.recogniser.as_ref() != "tagger"
        {
            continue;
        }
        let Some(surface) = text.get(m.span.range()) else {
            continue;
        };
        let (mut run, mut role) = (None::<(usize, usize)>, false);
        let mut at = 0;
        for (k, w) in surface.split(' ').enumerate() {
            let here = at;
            at += w.len() + 1;
            if run.is_none() && k == 0 && matches!(w, "the" | "The" | "former" | "Former") {
                continue;
            }
            match run {
                None if is_run_word(w) => run = Some((here, here + w.len())),
                None => break,
                Some((start, _))
                    if is_run_word(w) && surface[start..here].matches(' ').count() < 3 =>
                {
                    run = Some((start, here + w.len()));
                }
                Some(_) => {
                    role = COMPANY_ROLES.contains(&w.to_lowercase().as_str());
                    break;
                }
            }
        }
        let Some((start, end)) = run.filter(|_| role) else {
            continue;
        };
        let span = Span::new(m.span.start + start, m.span.start + end);
        let covered = covered.get_or_insert_with(|| name_bytes(doc));
        if !uncovered(covered, span) {
            continue;
        }
        let mut x = Mention::new(span, EntityType::Organisation, 0.5, "rule");
        x.kind = MentionKind::Name;
        added.push(x);
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// Whether the two words before a `the` are a cue of a newspaper, broadcaster or other
/// body one tells or quotes (`told the`, `according to the`, `seen by The`, `wrote in
/// the`): `before2` and `before` are the words, `before2` may be empty.
fn is_reporting_cue(before2: &str, before: &str) -> bool {
    if !matches!(before, "told" | "Told" | "by" | "to" | "with" | "in") {
        return false;
    }
    let b2 = before2.to_ascii_lowercase();
    match before {
        "told" | "Told" => true,
        "by" => matches!(
            b2.as_str(),
            "seen" | "reported" | "quoted" | "cited" | "obtained" | "published" | "interviewed"
        ),
        "to" => matches!(
            b2.as_str(),
            "according" | "statement" | "spoke" | "speaking" | "talking" | "confirmed"
        ),
        "with" => matches!(b2.as_str(), "interview" | "spoke" | "speaking"),
        "in" => matches!(
            b2.as_str(),
            "wrote"
                | "writing"
                | "published"
                | "story"
                | "report"
                | "article"
                | "op-ed"
                | "column"
                | "editorial"
                | "appeared"
        ),
        _ => false,
    }
}

/// Lower-case words that may follow a newspaper's or body's name after a reporting cue
/// (`told The Hill in a statement`); any other lower-case word makes the capitalised
/// run a modifier (`told the US house science committee`).
const AFTER_TOLD_NAME: &[&str] = &[
    "in",
    "on",
    "that",
    "last",
    "this",
    "earlier",
    "after",
    "before",
    "about",
    "for",
    "when",
    "while",
    "and",
    "but",
    "which",
    "who",
    "at",
    "by",
    "from",
    "of",
    "as",
    "via",
    "during",
    "over",
    "late",
    "early",
    "recently",
    "yesterday",
    "today",
    "tonight",
    "it",
    "he",
    "she",
    "they",
    "there",
    "is",
    "was",
    "said",
    "reported",
    "reports",
];

/// The capitalised run of up to four words (see [`is_run_word`]) from `words[from]`, the
/// words of a block with their offsets: the offset where it ends, before any
/// punctuation or possessive, and the word after it if the run ends at a space
/// (`None` after punctuation). `None` when `words[from]` starts no run.
fn capitalised_run<'t>(
    words: &[(usize, &'t str)],
    from: usize,
) -> Option<(usize, Option<&'t str>)> {
    let mut end = None;
    let mut next = None;
    for (k, &(at, w)) in words.iter().enumerate().skip(from).take(4) {
        next = words.get(k + 1).map(|x| x.1);
        let core = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w)
            .trim_end_matches(|c: char| {
                matches!(c, ',' | '.' | ';' | ':' | ')' | '"' | '”' | '’' | '?' | '!')
            });
        if !is_run_word(core) {
            next = Some(w);
            break;
        }
        end = Some(at + core.len());
        if core.len() < w.len() {
            next = None;
            break;
        }
    }
    end.map(|e| (e, next))
}

/// Whether `w`, a sentence's first word, reads as a plural common noun (`Shares`,
/// `Members`, `Officials`): a capital, then four or more lower-case letters ending in
/// one `s`.
fn is_plural_opener(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase)
        && w.len() > 4
        && c.all(|c| c.is_ascii_lowercase())
        && w.ends_with('s')
        && !w.ends_with("ss")
}

/// A tagger's or rule's name that starts a sentence with a plural common noun and `of`
/// (`Shares of Justice Department fell`: the capital is the sentence's) is the name
/// after `of`, when that is capitalised (`Justice Department`); the company cue step
/// then reads the cue. Linear: one look at each name.
fn plural_openers_cut(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut moved = false;
    for m in &mut doc.mentions {
        if m.kind != MentionKind::Name || !matches!(m.recogniser.as_ref(), "tagger" | "rule") {
            continue;
        }
        let Some(surface) = text.get(m.span.range()) else {
            continue;
        };
        let Some((first, rest)) = surface.split_once(" of ") else {
            continue;
        };
        let starts_sentence = text[..m.span.start]
            .trim_end_matches([' ', '"', '“', '‘', '\''])
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':'));
        if !starts_sentence
            || !is_plural_opener(first)
            || !rest.starts_with(char::is_uppercase)
            || !rest
                .split(' ')
                .all(|w| w.starts_with(char::is_uppercase) || matches!(w, "of" | "&" | "and"))
        {
            continue;
        }
        m.span = Span::new(m.span.end - rest.len(), m.span.end);
        moved = true;
    }
    if moved {
        dedup(doc);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// The whitespace-separated words of `slice` with their byte offsets in it.
fn offset_words(slice: &str) -> impl Iterator<Item = (usize, &str)> {
    slice
        .split_whitespace()
        .map(move |w| (w.as_ptr() as usize - slice.as_ptr() as usize, w))
}

/// The first words of `slice` after byte `from` (enough for [`capitalised_run`]: a run
/// of four and the word after it), with their offsets in `slice`. Cues are rare, so the
/// steps that read them collect words only here, not a block's every word.
fn words_after(slice: &str, from: usize) -> Vec<(usize, &str)> {
    slice
        .get(from..)
        .map(|rest| {
            offset_words(rest)
                .take(6)
                .map(|(at, w)| (from + at, w))
                .collect()
        })
        .unwrap_or_default()
}

/// How sure a company's cue is of the name after it: a person may follow too
/// (`a spokesman for Johnson`), or no person (`a stake in`, `shares in`: a place may,
/// `shares in London fell`), or neither (`shares of`, `a unit of`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CueStrength {
    Personal,
    NoPerson,
    NoPersonNoPlace,
}

/// Two words before a company's name (`shares of`, `a stake in`, `a spokeswoman for`)
/// and how sure they are ([`CueStrength`]).
fn company_cue(before2: &str, before: &str) -> Option<CueStrength> {
    // most words are no cue: look at the second word before lower-casing the first
    if !matches!(before, "of" | "in" | "for") || before2.len() > 12 {
        return None;
    }
    match (before2.to_ascii_lowercase().as_str(), before) {
        ("shares" | "stock", "of") | ("subsidiary" | "unit" | "division", "of") => {
            Some(CueStrength::NoPersonNoPlace)
        }
        ("shares" | "stock", "in") | ("stake", "in") => Some(CueStrength::NoPerson),
        ("spokesman" | "spokeswoman" | "spokesperson" | "spokesmen", "for") => {
            Some(CueStrength::Personal)
        }
        _ => None,
    }
}

/// The name after a company's cue ([`company_cue`]: `Shares of Uber fell`, `a stake in
/// Lyft`, `a spokesman for Deloitte`), with an optional `the`, is an Organisation, as
/// news corpora mark it: a capitalised run of up to four words that no mention covers
/// is added; a tagger's Person name of that exact span becomes the Organisation after
/// cues no person takes (shares, stakes, units: not `a spokesman for X`), and a tagger's
/// place that no list knows after cues no place takes either (`shares of X`). Linear: one
/// pass over each block's words and a table of the bytes mentions cover.
fn organisations_after_company_cues(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut found: Vec<(Span, CueStrength)> = Vec::new();
    for block in &doc.blocks {
        let Some(slice) = text.get(block.span.range()) else {
            continue;
        };
        let base = block.span.start;
        let (a, b) = token_bounds(&doc.tokens, block.span);
        for t in a + 1..b {
            let w = token_text(text, &doc.tokens, t);
            let Some(strength) = company_cue(token_text(text, &doc.tokens, t - 1), w) else {
                continue;
            };
            let words = words_after(slice, doc.tokens[t].span.end - base);
            let from = usize::from(words.first().is_some_and(|w| w.1 == "the"));
            let Some((end, _)) = capitalised_run(&words, from) else {
                continue;
            };
            let start = words[from].0;
            found.push((
                Span::new(block.span.start + start, block.span.start + end),
                strength,
            ));
        }
    }
    if found.is_empty() {
        return;
    }
    let covered = covered_bytes(doc, |_| true);
    let mut added = Vec::new();
    for (span, strength) in found {
        if uncovered(&covered, span) {
            let mut x = Mention::new(span, EntityType::Organisation, 0.5, "rule");
            x.kind = MentionKind::Name;
            added.push(x);
            continue;
        }
        if strength == CueStrength::Personal {
            continue;
        }
        let i = doc.mentions.partition_point(|m| m.span.start < span.start);
        for m in doc.mentions[i..]
            .iter_mut()
            .take_while(|m| m.span.start == span.start)
        {
            let place = m.entity_type == EntityType::Location
                && m.entry.is_none()
                && strength == CueStrength::NoPersonNoPlace;
            if m.span == span
                && m.kind == MentionKind::Name
                && (m.entity_type == EntityType::Person || place)
                && m.recogniser.as_ref() == "tagger"
            {
                m.entity_type = EntityType::Organisation;
                m.subtype = None;
                m.entry = None;
            }
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// The name after a reporting cue and `the` (`told The Hill`, `according to the
/// Intelligencer`, `seen by The Real Deal`; [`is_reporting_cue`]) is the body told or
/// quoted, an Organisation, as news corpora mark it: a capitalised run of up to four
/// words that no name covers is added; a place name of that exact span (the tagger reads
/// `Hill` as a place) becomes the Organisation; a run that a lower-case word other than
/// a function word follows is a modifier and left alone. Countries and persons stay.
/// Linear: one pass over each block's words and a table of the bytes names cover.
fn media_after_reporting_cues(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut found: Vec<Span> = Vec::new();
    for block in &doc.blocks {
        let Some(slice) = text.get(block.span.range()) else {
            continue;
        };
        let base = block.span.start;
        let (a, b) = token_bounds(&doc.tokens, block.span);
        for t in a + 1..b {
            let word = |k: usize| token_text(text, &doc.tokens, k);
            let before2 = if t >= a + 2 { word(t - 2) } else { "" };
            if !matches!(word(t), "the" | "The") || !is_reporting_cue(before2, word(t - 1)) {
                continue;
            }
            let words = words_after(slice, doc.tokens[t].span.end - base);
            let Some((end, next)) = capitalised_run(&words, 0) else {
                continue;
            };
            if next
                .is_some_and(|n| n.starts_with(char::is_lowercase) && !AFTER_TOLD_NAME.contains(&n))
            {
                continue;
            }
            let start = words[0].0;
            found.push(Span::new(block.span.start + start, block.span.start + end));
        }
    }
    if found.is_empty() {
        return;
    }
    let covered = name_bytes(doc);
    let mut added = Vec::new();
    for span in found {
        if uncovered(&covered, span) {
            let mut x = Mention::new(span, EntityType::Organisation, 0.5, "rule");
            x.kind = MentionKind::Name;
            added.push(x);
            continue;
        }
        let i = doc.mentions.partition_point(|m| m.span.start < span.start);
        for m in doc.mentions[i..]
            .iter_mut()
            .take_while(|m| m.span.start == span.start)
        {
            if m.span == span
                && m.kind == MentionKind::Name
                && m.entity_type == EntityType::Location
                && m.subtype.as_deref() != Some("country")
            {
                retype(m, EntityType::Organisation);
            }
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// A name's span without a bracket it opens or closes but does not match
/// (`[National Society` -> `National Society`, as an editor's insertion starts it).
fn without_open_bracket(text: &str, span: Span) -> Span {
    let Some(surface) = text.get(span.range()) else {
        return span;
    };
    let mut span = span;
    for (open, close) in [('[', ']'), ('(', ')')] {
        let opens = surface.matches(open).count();
        let closes = surface.matches(close).count();
        if opens > closes && surface.starts_with(open) && surface.len() > 1 {
            span = Span::new(span.start + 1, span.end);
        } else if closes > opens && surface.ends_with(close) && surface.len() > 1 {
            span = Span::new(span.start, span.end - 1);
        }
    }
    span
}

/// An organisation's acronym right before an organisation's name is one name
/// (`UN Security Council`, `EU Commission`), as CoNLL and the news sets write it: the
/// name starts at the acronym, whose own mention goes. Returns whether a span moved.
/// Linear: one look at each acronym's next mentions.
fn acronyms_before_organisations(doc: &mut Document) -> bool {
    let text = doc.text.as_str();
    let is_org =
        |m: &Mention| m.entity_type == EntityType::Organisation && m.kind == MentionKind::Name;
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (a, m) in doc.mentions.iter().enumerate() {
        let Some(w) = text.get(m.span.range()) else {
            continue;
        };
        let acronym = (2..=5).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_uppercase());
        if !is_org(m) || !acronym || text.get(m.span.end..m.span.end + 1) != Some(" ") {
            continue;
        }
        let start = m.span.end + 1;
        let next = doc.mentions[a + 1..]
            .iter()
            .enumerate()
            .take(8)
            .filter(|(_, o)| o.span.start == start && is_org(o))
            .max_by_key(|(_, o)| o.span.end);
        if let Some((k, o)) = next
            && text.get(o.span.range()).is_some_and(|n| {
                n.split(' ').next().is_some_and(|f| {
                    f.starts_with(char::is_uppercase) && f.contains(char::is_lowercase)
                })
            })
        {
            joins.push((a, a + 1 + k));
        }
    }
    if joins.is_empty() {
        return false;
    }
    let mut gone = vec![false; doc.mentions.len()];
    for (a, o) in joins {
        let start = doc.mentions[a].span.start;
        let m = &mut doc.mentions[o];
        m.span = Span::new(start, m.span.end);
        gone[a] = true;
    }
    drop_marked(&mut doc.mentions, &gone);
    true
}

/// An Organisation name of the tagger or a rule that holds a possessive (`NASA’s Science
/// Mission Directorate`, `Vietnam’s Communist Party`) is two names, as CoNLL and the news
/// sets write them: the organisation starts after the possessive when what comes before
/// it is a name of its own (a mention with that span) or an acronym (`NASA`, made an
/// Organisation name); names whose possessive is their own (`People’s Daily`,
/// `McDonald's Corp.`) have neither. Returns whether a span moved (the caller sorts).
/// Linear: one look at each organisation and the mentions starting with it.
fn possessives_in_organisations(doc: &mut Document) -> bool {
    let text = doc.text.as_str();
    let mut cuts: Vec<(usize, Span, usize, bool)> = Vec::new();
    for (n, m) in doc.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Organisation
            || m.kind != MentionKind::Name
            || !matches!(m.recogniser.as_ref(), "rule" | "tagger")
        {
            continue;
        }
        let Some(surface) = text.get(m.span.range()) else {
            continue;
        };
        let Some((at, mark)) = ["’s ", "'s "]
            .iter()
            .filter_map(|p| surface.find(p).map(|i| (i, p.len())))
            .min()
        else {
            continue;
        };
        let rest = &surface[at + mark..];
        if at == 0 || !rest.starts_with(char::is_uppercase) {
            continue;
        }
        let left = Span::new(m.span.start, m.span.start + at);
        let named = doc
            .mentions
            .iter()
            .skip(n.saturating_sub(8))
            .take(16)
            .any(|o| {
                o.span == left
                    && o.kind == MentionKind::Name
                    && matches!(
                        o.entity_type,
                        EntityType::Person | EntityType::Organisation | EntityType::Location
                    )
            });
        let word = &surface[..at];
        let acronym = word.chars().count() >= 2 && word.chars().all(|c| c.is_ascii_uppercase());
        if named || acronym {
            cuts.push((n, left, m.span.start + at + mark, !named));
        }
    }
    let moved = !cuts.is_empty();
    for (n, left, start, add) in cuts {
        let m = &mut doc.mentions[n];
        m.span = Span::new(start, m.span.end);
        m.attributes.remove("place");
        if add {
            let mut x = Mention::new(left, EntityType::Organisation, m.confidence, "rule");
            x.kind = MentionKind::Name;
            doc.mentions.push(x);
        }
    }
    moved
}

/// Confidence of a person's surname found again on its own.
const SURNAME_AGAIN_CONFIDENCE: f32 = 0.5;

/// A tagger's place or organisation below this confidence that is a person's surname
/// seen in the same document is the person.
const SURNAME_RETYPE_BELOW: f32 = 0.5;

/// The surname of a person named in full is the person where the text repeats it alone,
/// as news writes them (`Rep. David McKinley ... McKinley said`): a word equal to the
/// last word of a Person name of two or more capitalised words (`Jr.` and the like
/// skipped), with no mention over it, becomes a Person name; a tagger's one-word place or
/// organisation of that surname, below [`SURNAME_RETYPE_BELOW`], becomes the Person
/// (`Omar` read as a place after `Ilhan Omar`), as does its one-word reading of the
/// surname as a thing, a value or a demonym (`Fillmore` a MilitaryPlatform, `Rathbun` a
/// date) and its one-word pronoun or nominal of any type. In a sentence written in
/// capitals (a headline, a table) the surname is found in capitals too (`SAMPRAS BEATS
/// KRAJICEK` over a story naming Richard Krajicek), where every word runs on. Not a word that runs on from or into
/// another capitalised word (`Webb Simpson`, `Forest Hill`), nor a surname that is a
/// title or an abbreviation. A town a list knows is the person too after a verb of saying
/// (`said Angers` after `Spokeswoman Sandy Angers`), with no comma after it (`said Angers,
/// France`) and no country. Linear: one set of surnames, one pass over the tokens with
/// a cursor over the mentions.
fn surnames_again(doc: &mut Document) {
    use crate::geo::recognise::SPEECH_VERBS;
    let text = doc.text.as_str();
    let mut surnames: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for m in &doc.mentions {
        if m.entity_type != EntityType::Person || m.kind != MentionKind::Name {
            continue;
        }
        let Some(name) = text.get(m.span.range()) else {
            continue;
        };
        let words: Vec<&str> = name.split(' ').collect();
        if words.len() < 2 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
            continue;
        }
        let Some(last) = words
            .iter()
            .rev()
            .find(|w| !NAME_SUFFIXES.contains(w))
            .filter(|w| {
                w.chars().count() >= 3
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            })
            .filter(|w| w.chars().skip(1).any(char::is_lowercase))
            .filter(|w| !is_title_word(w) && !is_title_head(w))
        else {
            continue;
        };
        surnames.insert(last);
    }
    if surnames.is_empty() {
        return;
    }
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    // whether tokens `a` and `b` are one space apart, both capitalised words
    let runs_on = |a: usize, b: usize| {
        word(a).starts_with(char::is_uppercase)
            && word(b).starts_with(char::is_uppercase)
            && text.get(tokens[a].span.end..tokens[b].span.start) == Some(" ")
    };
    // the surnames in capitals, for headlines and tables written in them
    let loud: std::collections::HashSet<String> =
        surnames.iter().map(|w| w.to_uppercase()).collect();
    let sentences = &doc.sentences;
    // the last sentence asked about, and whether it is written in capitals
    let mut asked: Option<(usize, bool)> = None;
    let mut added: Vec<Mention> = Vec::new();
    let mut retyped: Vec<usize> = Vec::new();
    let (mut m, mut reach) = (0, 0);
    for (i, t) in tokens.iter().enumerate() {
        while m < doc.mentions.len() && doc.mentions[m].span.start <= t.span.start {
            reach = reach.max(doc.mentions[m].span.end);
            m += 1;
        }
        let w = word(i);
        let plain = surnames.contains(w);
        // `SAMPRAS BEATS KRAJICEK`: in a sentence in capitals every word runs on into
        // the next, so the run-on test cannot hold there. Rare: a binary search for
        // the sentence, once per sentence.
        let in_capitals = !plain && !w.chars().any(char::is_lowercase) && loud.contains(w) && {
            let k = sentences.partition_point(|x| x.span.end <= t.span.start);
            match asked {
                Some((j, loud)) if j == k => loud,
                _ => {
                    let loud = sentences.get(k).is_some_and(|x| {
                        let a = tokens.partition_point(|y| y.span.start < x.span.start);
                        let b = tokens.partition_point(|y| y.span.start < x.span.end);
                        x.span.start <= t.span.start
                            && crate::recognise::tagger::features::shouting(
                                text,
                                &tokens[a..b.max(a)],
                            )
                    });
                    asked = Some((k, loud));
                    loud
                }
            }
        };
        if !(plain || in_capitals)
            || plain && (i > 0 && runs_on(i - 1, i) || i + 1 < tokens.len() && runs_on(i, i + 1))
        {
            continue;
        }
        if reach <= t.span.start {
            let mut x = Mention::new(t.span, EntityType::Person, SURNAME_AGAIN_CONFIDENCE, "rule");
            x.kind = MentionKind::Name;
            added.push(x);
            continue;
        }
        // mentions starting here are just before the cursor
        let here = doc.mentions[..m]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, x)| x.span.start == t.span.start);
        let mut only = None;
        let mut count = 0;
        for (j, x) in here {
            count += 1;
            let other_type = x.kind == MentionKind::Name
                && x.confidence < SURNAME_RETYPE_BELOW
                && matches!(
                    x.entity_type,
                    EntityType::Location | EntityType::Organisation
                );
            // the model's one-word readings of a surname as a thing, a value or a
            // demonym (`Fillmore` a MilitaryPlatform, `Rathbun` a date or a document)
            let artefact = matches!(
                x.entity_type,
                EntityType::MilitaryPlatform
                    | EntityType::Weapon
                    | EntityType::Vehicle
                    | EntityType::DocumentReference
                    | EntityType::Temporal
                    | EntityType::Money
                    | EntityType::Quantity
                    | EntityType::Nationality
            );
            // a capitalised surname is no pronoun nor nominal
            let other_kind = x.kind == MentionKind::Pronoun || x.kind == MentionKind::Nominal;
            if x.span == t.span
                && x.recogniser == "tagger"
                && (other_type || artefact || other_kind)
            {
                only = Some(j);
            }
            // a town a list knows, where a verb of saying says the person (`said Angers`
            // after `Sandy Angers`; not `in Angers`, `Angers, France` or a country)
            if x.span == t.span
                && plain
                && x.kind == MentionKind::Name
                && x.entity_type == EntityType::Location
                && x.recogniser == "gazetteer"
                && !super::tables::is_national(x)
                && i > 0
                && SPEECH_VERBS.contains(&word(i - 1))
                && word(i + 1) != ","
            {
                only = Some(j);
            }
        }
        // the one mention over the word, and nothing longer before it
        if let Some(j) = only.filter(|_| count == 1 && reach == t.span.end) {
            retyped.push(j);
        }
    }
    for j in retyped {
        let x = &mut doc.mentions[j];
        retype(x, EntityType::Person);
        x.kind = MentionKind::Name;
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// Lower-case nouns that a place's name modifies and a person's does not (`Forest Hill
/// police`, `the Gush Etzion settlement`, `Ferguson residents`).
const PLACE_NOUNS: &[&str] = &[
    "police",
    "policemen",
    "residents",
    "settlement",
    "settlements",
    "neighborhood",
    "neighbourhood",
    "suburb",
    "township",
    "village",
    "villagers",
    "municipality",
    "skyline",
    "airport",
];

/// A tagger's one-word Person or Location name that ends in `bank` joined to its first
/// part (`Bundesbank`, `Rabobank`, `Riksbank`) is the bank, an Organisation: no person's
/// or place's name is so written.
fn banks_by_their_word(doc: &mut Document) {
    let text = doc.text.as_str();
    for m in &mut doc.mentions {
        if m.kind != MentionKind::Name
            || !matches!(m.entity_type, EntityType::Person | EntityType::Location)
            || m.recogniser != "tagger"
        {
            continue;
        }
        let Some(w) = text.get(m.span.range()) else {
            continue;
        };
        if w.len() > 6
            && w.ends_with("bank")
            && w.starts_with(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
        {
            retype(m, EntityType::Organisation);
        }
    }
}

/// A tagger's or rule's one-word Person or Organisation name that is a party word before a
/// lower-case word (`Republican challenger Bob Dole`, `Democratic senators`) is the
/// party's adjective, as a nationality is one: a Nationality name of subtype
/// `political` (CoNLL's MISC, OntoNotes' NORP), no person or organisation.
fn party_adjectives(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    for m in &mut doc.mentions {
        if m.kind != MentionKind::Name
            || !matches!(m.entity_type, EntityType::Person | EntityType::Organisation)
            || !matches!(m.recogniser.as_ref(), "tagger" | "rule")
            || !text
                .get(m.span.range())
                .is_some_and(|w| super::gazetteer::PARTY_ADJECTIVES.contains(&w))
        {
            continue;
        }
        let (_, after) = token_bounds(tokens, m.span);
        if after > 0
            && spaced(text, tokens, after - 1)
            && token_text(text, tokens, after).starts_with(char::is_lowercase)
        {
            retype(m, EntityType::Nationality);
            m.subtype = Some("political".to_owned());
        }
    }
}

/// Lower-case nouns whose `of` a place's name follows (`the settlement of Maale Adumim`,
/// `the city of Homs`).
const PLACES_OF: &[&str] = &[
    "city",
    "town",
    "village",
    "settlement",
    "province",
    "district",
    "suburb",
    "port",
    "island",
    "islands",
    "county",
    "municipality",
    "governorate",
    "region",
];

/// A tagger's Person name right before a place noun (`Forest Hill police officers`, `the
/// Gush Etzion settlement bloc`) or after a place noun's `of` (`the settlement of Maale
/// Adumim`; see [`PLACES_OF`]) is the place: no person's name modifies those nouns. Not
/// when it is the surname of a person the document names in full (`Ferguson residents`
/// after `Alex Ferguson`). Linear: one look after each Person name, one set of surnames.
fn places_before_place_nouns(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let surnames: std::collections::HashSet<&str> = doc
        .mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Person && m.kind == MentionKind::Name)
        .filter_map(|m| {
            text.get(m.span.range())?
                .rsplit_once(' ')
                .map(|(_, last)| last)
        })
        .collect();
    let mut places = Vec::new();
    for (n, m) in doc.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Person
            || m.kind != MentionKind::Name
            || m.recogniser != "tagger"
        {
            continue;
        }
        let Some(name) = text.get(m.span.range()) else {
            continue;
        };
        if name.split(' ').count() > 3
            || !name.split(' ').all(|w| capital_word(w, false))
            || surnames.contains(name)
        {
            continue;
        }
        let (first, after) = token_bounds(tokens, m.span);
        let before_noun = after > 0
            && spaced(text, tokens, after - 1)
            && PLACE_NOUNS.contains(&token_text(text, tokens, after));
        // `the settlement of Maale Adumim`, `the town of Ma'arrat`
        let after_noun = first >= 2
            && token_text(text, tokens, first - 1) == "of"
            && PLACES_OF.contains(&token_text(text, tokens, first - 2));
        if before_noun || after_noun {
            places.push(n);
        }
    }
    for n in places {
        retype(&mut doc.mentions[n], EntityType::Location);
    }
}

/// Whether the words after a name that starts a person's span are a title and then a
/// name (` Defense Secretary Mark Esper` after `U.S.`, ` Secretary General Kofi Annan`
/// after `UN`): the country or body whose office it is, a name of its own, not a first
/// name (`Paris` in `Paris Hilton`). A title word as the last word is no title before a
/// name (`Jordan King`).
fn title_then_name(after: &str) -> bool {
    let words: Vec<&str> = after.split_whitespace().collect();
    words
        .iter()
        .rposition(|w| TITLE_WORDS.contains(&w.trim_end_matches(',').to_lowercase()))
        .is_some_and(|i| i + 1 < words.len())
}

/// One name where names nest without meaning to, as news corpora mark them (flat):
/// - a place or organisation name inside the one name of its type that holds it is
///   dropped (`Boeing` in `Boeing Commercial Airplanes`, `London` in `Central London`),
///   unless the outer adds only lower-case words (`Sindh` in `Sindh province` stays);
///   an outer name holding two or more names of its type is a list or a run-on
///   (`Tories and Lib Dems`) and is dropped instead;
/// - any name at the start of a person's plain name (every word capitalised) is
///   dropped (`Paris Hilton`, `Jordan Rhodes`), unless a title and a name follow it
///   (`U.S. Defense Secretary Mark Esper`: see [`title_then_name`]); a place at its end
///   is `places_in_organisations`'s (`Tyler Austin`).
///
/// Other names inside a person's are left for `titled` (`Bush` in `President Bush`), and
/// names of other types nested by the schema (see `places_in_organisations`) are left
/// alone. One pass with a stack of open names: linear in the mentions times the nesting
/// depth. Runs after the geo stage's `one_mention_per_nested_place`, which settles a
/// tagger place around a place by the place table first (`Santa Barbara Zoo` -> `Santa
/// Barbara`).
pub(crate) fn flat_names(doc: &mut Document) {
    let text = doc.text.as_str();
    let is_name = |m: &Mention| {
        m.kind == MentionKind::Name
            && matches!(
                m.entity_type,
                EntityType::Person | EntityType::Organisation | EntityType::Location
            )
    };
    let mut gone = vec![false; doc.mentions.len()];
    // Per open outer name: its same-type inner names seen so far.
    let mut inner: Vec<Vec<usize>> = vec![Vec::new(); doc.mentions.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut outers: Vec<usize> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if !is_name(m) {
            continue;
        }
        while open
            .last()
            .is_some_and(|&o| doc.mentions[o].span.end <= m.span.start)
        {
            open.pop();
        }
        if let Some(&o) = open.last() {
            let outer = &doc.mentions[o];
            if outer.span.contains(m.span) && outer.span != m.span {
                // A person in a person is a title's bare name, for `titled` later.
                if outer.entity_type == m.entity_type && m.entity_type != EntityType::Person {
                    if inner[o].is_empty() {
                        outers.push(o);
                    }
                    inner[o].push(i);
                } else if outer.entity_type == EntityType::Person
                    && m.span.start == outer.span.start
                    && text.get(outer.span.range()).is_some_and(|t| {
                        t.split_whitespace()
                            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                    })
                    && !text
                        .get(m.span.end..outer.span.end)
                        .is_some_and(title_then_name)
                {
                    gone[i] = true;
                }
            }
        }
        open.push(i);
    }
    // What the outer name adds to its one inner name: capitalised words make one name
    // (`Central London`); lower-case heads only (`Sindh province`) leave both, as before.
    let adds_a_name = |o: usize, i: usize| {
        let (outer, inner) = (doc.mentions[o].span, doc.mentions[i].span);
        let before = text.get(outer.start..inner.start).unwrap_or("");
        let after = text.get(inner.end..outer.end).unwrap_or("");
        before
            .split_whitespace()
            .chain(after.split_whitespace())
            .any(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    for o in outers {
        match inner[o].as_slice() {
            [one] if !adds_a_name(o, *one) => {}
            [one] => gone[*one] = true,
            _ => gone[o] = true,
        }
    }
    if gone.contains(&true) {
        drop_marked(&mut doc.mentions, &gone);
    }
}

/// Verbs of a game's result (`Kentucky beat Tennessee 78-70`).
const RESULT_VERBS: &[&str] = &[
    "beat",
    "beats",
    "defeated",
    "defeats",
    "edged",
    "edges",
    "routed",
    "topped",
    "downed",
    "blanked",
    "upset",
    "outlasted",
    "stunned",
    "crushed",
    "whipped",
    "thumped",
    "outscored",
];

/// Nouns or verbs before `over` or `to` that tell a game's result (`a win over
/// Tennessee`, `lost to Memphis`).
const RESULT_BEFORE_PREPOSITION: &[&str] =
    &["win", "victory", "loss", "lost", "fell", "falls", "loses"];

/// Capitalised words after a place name that make a company of it (`Georgia Power`,
/// `Alaska Airlines`): the place stays only as the company's attribute `place`.
const COMPANY_HEADS: &[&str] = &[
    "Power",
    "Electric",
    "Energy",
    "Gas",
    "Airlines",
    "Airways",
    "Railroad",
    "Railway",
    "Telecom",
    // newspapers named after their town (`Los Angeles Times`, `Jerusalem Post`)
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Journal",
    "Gazette",
    "Chronicle",
    "Examiner",
    "Courier",
    "Inquirer",
    "Telegraph",
    "Star",
    "Globe",
    "Sun",
    "Sun-Times",
    "Star-Tribune",
    "Star-Telegram",
    "Post-Gazette",
    "Observer",
    "Register",
    "Dispatch",
    "Enquirer",
    "Independent",
    "Standard",
    "Bee",
    "News",
];

/// Capitalised words that end an event's name (`Davis Cup`, `Dubai Air Show`, `Vietnam
/// War`): a name just before them, or before an [`EVENT_KINDS`] word and them, is part
/// of the event's name (CoNLL's MISC), no person, place or organisation of its own.
const EVENT_HEADS: &[&str] = &[
    "Cup",
    "Trophy",
    "War",
    "Show",
    "Games",
    "Olympics",
    "Championship",
    "Championships",
    "Marathon",
    "Festival",
    "Prize",
    "Awards",
    // tournaments (`U.S. Open`, `Brussels Grand Prix`; stop 32)
    "Open",
    "Prix",
    "Tournament",
];

/// Capitalised words between a name and an event's head that say what the event is
/// (`Dubai Air Show`, `Chelsea Flower Show`); other words between make the name a
/// modifier of its own (`England World Cup squad`, `NBC Today Show`).
const EVENT_KINDS: &[&str] = &[
    "Air", "Auto", "Motor", "Boat", "Flower", "Film", "Book", "Grand",
];

/// Drops a person's, place's or organisation's name that starts an event's name (see
/// [`EVENT_HEADS`]): `Davis` in `the Davis Cup Finals`, `Dubai` in `the Dubai Air
/// Show`. Linear: a few token looks a mention.
fn names_in_events(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    // token `b` follows token or span end `end` after one space
    let next_to = |end: usize, b: usize| {
        tokens
            .get(b)
            .is_some_and(|t| text.get(end..t.span.start) == Some(" "))
    };
    let mut gone = vec![false; doc.mentions.len()];
    for (n, m) in doc.mentions.iter().enumerate() {
        if m.kind != MentionKind::Name
            || !matches!(
                m.entity_type,
                EntityType::Person | EntityType::Organisation | EntityType::Location
            )
        {
            continue;
        }
        let (first, mut k) = token_bounds(tokens, m.span);
        // the event's whole name read as a name (`FA Cup`, `Asian Cup`, `Vietnam War`): of
        // two capitalised words or more, no lower-case word inside
        if k >= first + 2
            && EVENT_HEADS.contains(&word(k - 1))
            && (first..k).all(|i| !word(i).starts_with(char::is_lowercase))
        {
            gone[n] = true;
            continue;
        }
        let mut end = m.span.end;
        for _ in 0..2 {
            if !next_to(end, k) {
                break;
            }
            if EVENT_HEADS.contains(&word(k)) {
                gone[n] = true;
                break;
            }
            if !EVENT_KINDS.contains(&word(k)) {
                break;
            }
            end = tokens[k].span.end;
            k += 1;
        }
    }
    if gone.contains(&true) {
        drop_marked(&mut doc.mentions, &gone);
    }
}

/// Whether `s` has a game's score: one to three digits, a hyphen or en dash, one to three
/// digits (`78-70`, `28–14`), no digit around.
fn has_score(s: &str) -> bool {
    const EN_DASH: &[u8] = "\u{2013}".as_bytes();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Bytes, not `s[i..]`: `i` may fall inside a multi-byte character.
        let dash = if b[i] == b'-' {
            1
        } else if b[i..].starts_with(EN_DASH) {
            EN_DASH.len()
        } else {
            i += 1;
            continue;
        };
        let before = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let after = b[i + dash..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if (1..=3).contains(&before) && (1..=3).contains(&after) {
            return true;
        }
        i += dash;
    }
    false
}

/// Place names that are no places where they stand (after the tagger, so its features
/// do not change; linear in the mentions, a few token looks each):
///
/// - a town or state beside a game's result verb in a sentence with a score is a team,
///   an Organisation (`Kentucky beat Tennessee 78-70`, `a win over Memphis`; CoNLL types
///   such teams so); a country stays (national teams are places there);
/// - `U.S.` before a route number (`U.S. 45`) is a highway, no country: dropped;
/// - a place name and a company head (`Georgia Power`, `Los Angeles Times`), or `Air` and
///   a place name (`Air Astana`), is an Organisation whose attribute `place` keeps the
///   place; a tagger's place name that ends in a company head is the company.
fn names_that_are_no_places(doc: &mut Document) {
    let mut gone = vec![false; doc.mentions.len()];
    let mut moved = false;
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let orgs: Vec<Span> = doc
        .mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Organisation)
        .map(|m| m.span)
        .collect();
    for (n, m) in doc.mentions.iter_mut().enumerate() {
        if m.entity_type != EntityType::Location || m.kind != MentionKind::Name {
            continue;
        }
        let Some(name) = text.get(m.span.range()) else {
            continue;
        };
        let (first, after) = token_bounds(tokens, m.span);
        let next = tokens.get(after);
        let adjacent = next.is_some_and(|t| t.span.start == m.span.end + 1);
        if matches!(name, "U.S." | "US")
            && adjacent
            && (1..=3).contains(&word(after).len())
            && word(after).bytes().all(|c| c.is_ascii_digit())
        {
            gone[n] = true;
            continue;
        }
        // the tagger's place that ends in a company head is the company (`Los Angeles
        // Times`), once
        if m.recogniser == "tagger"
            && name
                .rsplit_once(' ')
                .is_some_and(|(_, last)| COMPANY_HEADS.contains(&last))
        {
            let i = orgs.partition_point(|o| o.start <= m.span.start);
            if orgs[..i].iter().rev().take(8).any(|o| *o == m.span) {
                gone[n] = true;
            } else {
                m.entity_type = EntityType::Organisation;
                m.subtype = None;
                m.entry = None;
            }
            continue;
        }
        // `Air Astana`, `Air France`: an airline named after its country or town
        let airline =
            first > 0 && word(first - 1) == "Air" && tokens[first - 1].span.end + 1 == m.span.start;
        if airline || adjacent && COMPANY_HEADS.contains(&word(after)) {
            let whole = if airline {
                Span::new(tokens[first - 1].span.start, m.span.end)
            } else {
                Span::new(m.span.start, tokens[after].span.end)
            };
            // an Organisation there already: the nesting walk below settles it
            let i = orgs.partition_point(|o| o.start <= m.span.start);
            if orgs[..i].iter().rev().take(8).any(|o| o.contains(whole)) {
                continue;
            }
            let place = name.to_owned();
            m.span = whole;
            retype(m, EntityType::Organisation);
            m.recogniser = "rule".into();
            m.attributes.insert("place".into(), place.into());
            moved = true;
            continue;
        }
        if m.subtype.as_deref() == Some("country") || !name.starts_with(char::is_uppercase) {
            continue;
        }
        let before = first.checked_sub(1).map_or("", word);
        let before2 = first.checked_sub(2).map_or("", word);
        let result = RESULT_VERBS.contains(&word(after))
            || RESULT_VERBS.contains(&before)
            || (matches!(before, "over" | "to") && RESULT_BEFORE_PREPOSITION.contains(&before2));
        let sentence = doc.sentences.get(
            doc.sentences
                .partition_point(|s| s.span.end <= m.span.start),
        );
        if result
            && sentence
                .filter(|s| s.span.contains(m.span))
                .and_then(|s| text.get(s.span.range()))
                .is_some_and(has_score)
        {
            m.entity_type = EntityType::Organisation;
            m.subtype = None;
            m.entry = None;
        }
    }
    if gone.contains(&true) {
        drop_marked(&mut doc.mentions, &gone);
    }
    if moved {
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// Words before a town that keep it a place where a team of its name plays (`in Leeds`).
const LOCATIVES: &[&str] = &["in", "at", "near", "outside", "around"];

/// Words that join two teams in a fixture list (`Leeds v Southampton`).
const VERSUS: &[&str] = &["v", "vs", "vs.", "v."];

/// Towns that are teams in a sports results table, as news wire writes them (`Leeds 2
/// Southampton 1`, a standings line `Leeds 5 4 1 0 14 5 13`, a fixture `Leeds v
/// Southampton`): Organisations, as CoNLL and news NER type them. A Location name (not a
/// country: national teams are places there) is a team when, on its line, it is followed
/// by a score (one to three digits) and the line goes on as a table: another team and
/// score, another number, or a team and score before it. Capitalised words between the
/// town and its score are the club's name (`Sheffield Wednesday 1`): the span takes them
/// and mentions inside it (`Wednesday` as a day) go. The same town written elsewhere in
/// the document is the team too, unless after `in` or `at` (`a stadium in Leeds`) or in a
/// dateline (`LEEDS 1996-09-14`, `LEEDS , England`).
///
/// Linear: a few token looks a mention, one set of team names.
fn teams_in_results(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let score = |i: usize| {
        let w = word(i);
        (1..=3).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit())
    };
    let capital = |i: usize| word(i).starts_with(|c: char| c.is_uppercase());
    // token `i` on the same line as the text before byte `from`
    let same_line = |from: usize, i: usize| {
        tokens
            .get(i)
            .and_then(|t| text.get(from..t.span.start))
            .is_some_and(|between| !between.contains('\n'))
    };
    let is_town = |m: &Mention| {
        m.entity_type == EntityType::Location
            && m.kind == MentionKind::Name
            && !super::tables::is_national(m)
            && text
                .get(m.span.range())
                .is_some_and(|n| n.starts_with(char::is_uppercase))
    };
    let mut teams: Vec<(usize, Span)> = Vec::new();
    for (n, m) in doc.mentions.iter().enumerate() {
        if !is_town(m) {
            continue;
        }
        let (first, after) = token_bounds(tokens, m.span);
        if VERSUS.contains(&word(after)) && capital(after + 1) && same_line(m.span.end, after + 1)
            || first >= 2 && VERSUS.contains(&word(first - 1)) && capital(first - 2)
        {
            teams.push((n, m.span));
            continue;
        }
        // the club's other words, then its score
        let mut k = after;
        while k < after + 2 && capital(k) && !score(k) {
            k += 1;
        }
        if !score(k) || !same_line(m.span.end, k) {
            continue;
        }
        // `Newcastle 5 4 1 0`, `NEW YORK 74 56 .569`
        let standings = score(k + 1) && same_line(m.span.end, k + 1);
        let next_team = capital(k + 1) && (k + 2..k + 6).any(score) && same_line(m.span.end, k + 1);
        let team_before = first >= 2 && score(first - 1) && capital(first - 2);
        if standings || next_team || team_before {
            let end = if k > after {
                tokens[k - 1].span.end
            } else {
                m.span.end
            };
            teams.push((n, Span::new(m.span.start, end)));
        }
    }
    if teams.is_empty() {
        return;
    }
    let mut gone = vec![false; doc.mentions.len()];
    // a town's lower-cased name -> the club's whole name, lower-cased (`sheffield` ->
    // `sheffield wednesday`), the longest seen
    let mut names: HashMap<String, String> = HashMap::default();
    let mut team = vec![false; doc.mentions.len()];
    for &(n, _) in &teams {
        team[n] = true;
    }
    for &(n, span) in &teams {
        if let (Some(town), Some(club)) = (
            text.get(doc.mentions[n].span.range()),
            text.get(span.range()),
        ) {
            let club = club.to_lowercase();
            let longest = names.entry(town.to_lowercase()).or_default();
            if club.len() > longest.len() {
                *longest = club;
            }
        }
        mark_inside(&doc.mentions, n, span, &mut gone, |j| !team[j]);
        let m = &mut doc.mentions[n];
        m.span = span;
        become_team(m);
    }
    for n in 0..doc.mentions.len() {
        let m = &doc.mentions[n];
        if team[n] || gone[n] || !is_town(m) {
            continue;
        }
        let Some(club) = text
            .get(m.span.range())
            .and_then(|w| names.get(&w.to_lowercase()))
        else {
            continue;
        };
        let (first, after) = token_bounds(tokens, m.span);
        // a place where it stands: `in Leeds`, or a dateline (`LEEDS 1996-09-14`, `LEEDS ,
        // England`)
        let locative = first
            .checked_sub(1)
            .is_some_and(|i| LOCATIVES.iter().any(|l| word(i).eq_ignore_ascii_case(l)));
        let next = word(after);
        let dateline = next == "," || next.contains(|c: char| c.is_ascii_digit()) && !score(after);
        if locative || dateline {
            continue;
        }
        // the club's whole name written here too (`by Sheffield Wednesday`)
        let end = m.span.start + club.len();
        let span = match text.get(m.span.start..end) {
            Some(t)
                if end > m.span.end
                    && t.eq_ignore_ascii_case(club)
                    && !text[end..].starts_with(|c: char| c.is_alphanumeric()) =>
            {
                Span::new(m.span.start, end)
            }
            _ => m.span,
        };
        mark_inside(&doc.mentions, n, span, &mut gone, |_| true);
        let m = &mut doc.mentions[n];
        m.span = span;
        become_team(m);
    }
    drop_marked(&mut doc.mentions, &gone);
    doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
}

/// Puts each candidate name of `found` in place of the mentions inside its span, unless a
/// mention crosses the span's edges, or `known(candidate, m)` says that a mention `m` of
/// exactly that span is the name already. The steps that find names by their place in a
/// line or phrase (tables, datelines, heads) share it. Mentions sorted in text order on
/// entry and on return; a binary search and a few looks a candidate.
pub(crate) fn names_in_place(
    doc: &mut Document,
    found: Vec<Mention>,
    known: impl Fn(&Mention, &Mention) -> bool,
) {
    let mut gone = vec![false; doc.mentions.len()];
    let mut added = Vec::new();
    for candidate in found {
        let span = candidate.span;
        let first = doc.mentions.partition_point(|m| m.span.start < span.start);
        let across_start = doc.mentions[..first]
            .iter()
            .rev()
            .take(8)
            .any(|m| m.span.end > span.start);
        let inside: Vec<usize> = (first..doc.mentions.len())
            .take_while(|&n| doc.mentions[n].span.start < span.end)
            .collect();
        let across_end = inside.iter().any(|&n| doc.mentions[n].span.end > span.end);
        let is_known = inside
            .iter()
            .any(|&n| doc.mentions[n].span == span && known(&candidate, &doc.mentions[n]));
        if across_start || across_end || is_known {
            continue;
        }
        for &n in &inside {
            gone[n] = true;
        }
        added.push(candidate);
    }
    drop_marked(&mut doc.mentions, &gone);
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// The text of token `i`, or `""` past the last token.
pub(crate) fn token_text<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    tokens
        .get(i)
        .map_or("", |t| text.get(t.span.range()).unwrap_or(""))
}

/// A span's first token and the first token at or after its end.
fn token_bounds(tokens: &[Token], span: Span) -> (usize, usize) {
    (
        tokens.partition_point(|t| t.span.start < span.start),
        tokens.partition_point(|t| t.span.start < span.end),
    )
}

/// Marks in `gone` the mentions after the `n`th (sorted in text order) that lie inside
/// `span` and that `may_go` lets go: those nested in a mention that grows to `span`.
fn mark_inside(
    mentions: &[Mention],
    n: usize,
    span: Span,
    gone: &mut [bool],
    may_go: impl Fn(usize) -> bool,
) {
    for (j, inner) in mentions.iter().enumerate().skip(n + 1) {
        if inner.span.start >= span.end {
            break;
        }
        if span.contains(inner.span) && may_go(j) {
            gone[j] = true;
        }
    }
}

/// Gives `m` another type, with nothing its old type's entry said: no subtype, entry
/// or attributes.
fn retype(m: &mut Mention, entity_type: EntityType) {
    m.entity_type = entity_type;
    m.subtype = None;
    m.entry = None;
    m.attributes.clear();
}

/// Makes a town's mention its team: an Organisation name with no place entry.
fn become_team(m: &mut Mention) {
    m.entity_type = EntityType::Organisation;
    m.subtype = None;
    m.entry = None;
    m.recogniser = "rule".into();
}

/// Last words that make an institution of a tagger's or rule's Location name
/// (`Starkville High School`, `First Baptist Church of Starkville`): an Organisation,
/// as in news NER (CoNLL, re3d), not a place on the map.
const INSTITUTION_HEADS: &[&str] = &[
    "school",
    "university",
    "college",
    "academy",
    "institute",
    "church",
    "hospital",
    "clinic",
    "council",
    "commission",
    "board",
    "court",
    "department",
    "patrol",
    "authority",
    "agency",
    "committee",
    "bank",
];

/// Whether `w` is one of [`INSTITUTION_HEADS`], in any case.
fn is_institution_head(w: &str) -> bool {
    INSTITUTION_HEADS.iter().any(|h| w.eq_ignore_ascii_case(h))
}

/// Whether a name of two words or more ends in an institution's head (`Starkville High
/// School`) or has one before its first `of` (`First Baptist Church of Starkville`).
fn is_institution(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return false;
    }
    let (head, before) = match words.iter().position(|w| *w == "of") {
        Some(0) | None => (words[words.len() - 1], words[words.len() - 2]),
        Some(i) => (
            words[i - 1],
            words.get(i.wrapping_sub(2)).copied().unwrap_or(""),
        ),
    };
    // `West Bank`, `South Bank`: a bank of a river
    let direction = ["west", "east", "north", "south", "left", "right"]
        .iter()
        .any(|d| before.eq_ignore_ascii_case(d));
    is_institution_head(head) && !(direction && head.eq_ignore_ascii_case("bank"))
}

/// Words before an institution's head that make a nominal one of a place's
/// institutions (`the city council`, `the county commission`, `the school board`).
const INSTITUTION_OWNERS: &[&str] = &[
    "city", "county", "town", "village", "state", "parish", "borough", "township", "school",
];

/// Whether a nominal ends in a place's institution (`the city council`).
fn is_nominal_institution(phrase: &str) -> bool {
    let mut words = phrase.split_whitespace().rev();
    let (Some(head), Some(owner)) = (words.next(), words.next()) else {
        return false;
    };
    is_institution_head(head)
        && INSTITUTION_OWNERS
            .iter()
            .any(|o| owner.eq_ignore_ascii_case(o))
}

/// Whether the place after the text `before` inside an organisation's name stays a
/// place: after `of` and a word that is no institution's head (`the Government of Iraq`,
/// `Commissioners of Jefferson County`, `Islamic State of Iraq`: the organisation
/// described by its place, which re3d marks as a place; not `University of Georgia`),
/// or after a locative word (a run-on span: `the army in Aleppo`).
fn place_stays(before: &str) -> bool {
    let b = before.trim_end();
    if [" in", " at", " near", " from"]
        .iter()
        .any(|w| b.ends_with(w))
    {
        return true;
    }
    let Some(head) = b.strip_suffix(" of") else {
        return false;
    };
    let head = head.rsplit(' ').next().unwrap_or(head);
    !is_institution_head(head)
}

/// One mention per place name, organisations and people: a Location name that ends a
/// Person name (`Austin` of `Tyler Austin`) goes, and so does a Location name strictly
/// inside an Organisation name (`Georgia` in `University of Georgia`, `Memphis` in `Memphis
/// Grizzlies`, `Paducah City` in `Paducah City Council`) is no extra place; the
/// organisation keeps its text as the attribute `place`. Not for a list (`the Foreign
/// Ministers of Iran, Saudi Arabia`) or `the Government of Iraq` ([`place_stays`]). A rule's or the
/// tagger's Location name that ends in an institution's head (`High School`,
/// `Church`) becomes an Organisation first, and so does a nominal one of a place's
/// institutions (`the city council`; [`is_nominal_institution`]). One walk with a stack of open
/// organisations: linear in the mentions times the depth of nesting.
fn places_in_organisations(doc: &mut Document) {
    let text = doc.text.as_str();
    for m in &mut doc.mentions {
        if m.entity_type == EntityType::Location
            && m.kind == MentionKind::Name
            && m.entry.is_none()
            && matches!(m.recogniser.as_ref(), "rule" | "tagger")
            && text.get(m.span.range()).is_some_and(is_institution)
        {
            m.entity_type = EntityType::Organisation;
            m.subtype = None;
        }
        if m.entity_type == EntityType::Location
            && m.kind == MentionKind::Nominal
            && matches!(m.recogniser.as_ref(), "rule" | "tagger")
            && text.get(m.span.range()).is_some_and(is_nominal_institution)
        {
            m.entity_type = EntityType::Organisation;
            m.subtype = None;
        }
    }
    let mut gone = vec![false; doc.mentions.len()];
    let mut places: Vec<(usize, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        while open
            .last()
            .is_some_and(|&o| doc.mentions[o].span.end <= m.span.start)
        {
            open.pop();
        }
        if m.kind != MentionKind::Name {
            continue;
        }
        if matches!(m.entity_type, EntityType::Organisation | EntityType::Person) {
            open.push(i);
            continue;
        }
        if m.entity_type != EntityType::Location {
            continue;
        }
        let Some(&o) = open.iter().rev().find(|&&o| {
            let org = doc.mentions[o].span;
            org.contains(m.span) && org != m.span
        }) else {
            continue;
        };
        let org = doc.mentions[o].span;
        if doc.mentions[o].entity_type == EntityType::Person {
            // `Tyler Austin`, `Jesse Jackson`: the surname is no town; `Lawrence of
            // Arabia` keeps its place.
            let before = text.get(org.start..m.span.start).unwrap_or("");
            if m.span.end == org.end && !before.trim_end().ends_with(" of") {
                gone[i] = true;
            }
            continue;
        }
        let whole = text.get(org.range()).unwrap_or(", ");
        let before = text.get(org.start..m.span.start).unwrap_or("");
        if whole.contains(", ") || place_stays(before) {
            continue;
        }
        gone[i] = true;
        places.push((o, i));
    }
    if !gone.contains(&true) {
        return;
    }
    for (o, i) in places {
        let place = doc.span_text(doc.mentions[i].span).to_owned();
        doc.mentions[o]
            .attributes
            .entry("place".into())
            .or_insert(place.into());
    }
    drop_marked(&mut doc.mentions, &gone);
}

/// Words that make a place name of a place name (`Mississippi` -> `Mississippi River`,
/// `Huntsville` -> `Huntsville Road`).
const FEATURE_WORDS: &[&str] = &[
    "river",
    "lake",
    "sea",
    "gulf",
    "bay",
    "strait",
    "straits",
    "valley",
    "mountains",
    "mountain",
    "desert",
    "basin",
    "canal",
    "peninsula",
    "island",
    "islands",
    "creek",
    "delta",
    "plain",
    "plains",
    "coast",
    "highlands",
    "hills",
    // US divisions: `Washington County` is no Washington (state); not `province` or
    // `district` (re3d marks `Mosul` inside `Mosul district`)
    "county",
    "parish",
    "borough",
    "township",
    // streets: `Huntsville Road` is no Huntsville
    "street",
    "st.",
    "road",
    "rd.",
    "avenue",
    "ave.",
    "boulevard",
    "blvd.",
    "drive",
    "lane",
    "highway",
    "parkway",
    "pike",
];

/// Words before a place name that make a feature of it (`Lake Michigan`, `Gulf of Mexico`).
const FEATURE_HEADS: &[&str] = &[
    "lake", "mount", "mt.", "gulf", "bay", "sea", "strait", "straits", "isle", "river", "cape",
];

/// Whether `outer` is `inner` followed by feature words only (`Mississippi River`), or
/// a feature head (`Lake`, `Gulf of`, `the Sea of`) followed by `inner` only.
fn feature_of(text: &str, outer: Span, inner: Span) -> bool {
    let is_feature = |w: &str| FEATURE_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f));
    let head = text.get(outer.start..inner.start).unwrap_or("x");
    let tail = text.get(inner.end..outer.end).unwrap_or("x");
    let mut hw = head.split_whitespace().peekable();
    if hw.peek().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        hw.next();
    }
    if tail.trim().is_empty() {
        // `Lake Michigan`, `Gulf of Mexico`, `the Sea of Japan`.
        let Some(first) = hw.next() else {
            return false;
        };
        let rest: Vec<&str> = hw.collect();
        return FEATURE_HEADS.iter().any(|f| first.eq_ignore_ascii_case(f))
            && (rest.is_empty() || (rest.len() == 1 && rest[0] == "of"));
    }
    if hw.next().is_some() {
        return false;
    }
    let mut words = tail.split_whitespace().peekable();
    words.peek().is_some() && words.all(is_feature)
}

/// One mention per place name: a Location name inside another that is it plus a
/// feature word (`Mississippi` in `Mississippi River`) goes; of a Location name that
/// lists places (`Paris, Texas`, `Homs and Hama`) the places inside stay and the list
/// goes, and so does a name with two places inside it (`Mississippi River past Memphis`,
/// a run-on span). Other nestings stay (`the city of Mosul` around `Mosul`, annotated so in
/// re3d). Mentions are sorted (start, longer first), so one walk with a stack of the
/// open outer names does it: linear in the mentions times the depth of nesting.
fn one_place_per_name(doc: &mut Document) {
    let text = doc.text.as_str();
    let is_place = |m: &Mention| {
        m.entity_type == EntityType::Location
            && matches!(m.kind, MentionKind::Name | MentionKind::Nominal)
    };
    let lists = |m: &Mention| {
        text.get(m.span.range())
            .is_some_and(|t| t.contains(", ") || t.contains(" and "))
    };
    let mut gone = vec![false; doc.mentions.len()];
    let mut inside = vec![0u8; doc.mentions.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if !is_place(m) {
            continue;
        }
        while open
            .last()
            .is_some_and(|&o| doc.mentions[o].span.end <= m.span.start)
        {
            open.pop();
        }
        // The innermost open place that contains this one.
        if let Some(&o) = open
            .iter()
            .rev()
            .find(|&&o| doc.mentions[o].span.contains(m.span))
        {
            let outer = &doc.mentions[o];
            if outer.kind == MentionKind::Name && m.kind == MentionKind::Name {
                inside[o] = inside[o].saturating_add(1);
                // Two places inside one name: a list or a run-on span
                // (`Mississippi River past Memphis`).
                if lists(outer) || inside[o] >= 2 {
                    gone[o] = true;
                } else if !gone[o] && feature_of(text, outer.span, m.span) {
                    gone[i] = true;
                    continue;
                }
            }
        }
        open.push(i);
    }
    if gone.contains(&true) {
        drop_marked(&mut doc.mentions, &gone);
    }
}

/// Where the rest of the span starts, when it begins with `the`, `a` or `an`
/// and a space and something follows.
fn after_determiner(text: &str, span: Span) -> Option<usize> {
    let s = text.get(span.range())?;
    let word_end = s.find(char::is_whitespace)?;
    if !is_determiner(&s[..word_end]) {
        return None;
    }
    let rest = s[word_end..].trim_start();
    if rest.is_empty() {
        return None;
    }
    Some(span.end - rest.len())
}

fn is_determiner(w: &str) -> bool {
    ["the", "a", "an"].iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// Whether a name keeps its leading determiner (`The Hague`, `The Times`), or
/// cannot lose it: a capital `A` or `An` before a person may be an initial (`A Q Khan`).
fn keeps_determiner(m: &Mention, text: &str, span: Span, rest: usize) -> bool {
    let det = text[span.start..rest].trim_end();
    if m.entity_type == EntityType::Person && matches!(det, "A" | "An" | "AN") {
        return true;
    }
    let canonical = m.entry.as_deref().map(|e| e.name.as_str());
    if canonical.is_some_and(|c| {
        c.split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case(det))
    }) {
        return true;
    }
    if !det.eq_ignore_ascii_case("the") {
        return false;
    }
    let rest = text[rest..span.end].to_lowercase();
    let rest = rest.trim_end_matches("’s").trim_end_matches("'s");
    KEEP_THE.contains(&rest)
}

/// The end of the span without a trailing `’s` or `'s` (or the bare apostrophe of
/// `Forces’`), when something is left.
fn before_possessive(text: &str, span: Span) -> Option<usize> {
    let s = text.get(span.range())?;
    let cut = ["’s", "'s", "’S", "'S"]
        .iter()
        .find_map(|p| s.strip_suffix(p))
        .or_else(|| {
            ["’", "'"]
                .iter()
                .find_map(|p| s.strip_suffix(p))
                .filter(|r| r.ends_with(['s', 'S']))
        })?;
    let cut = cut.trim_end();
    (cut.chars().any(char::is_alphanumeric)).then_some(span.start + cut.len())
}

/// A word with letters, none upper-case, and no digits: `army`, `group`, `war`.
fn is_common_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A built-in rule's or the tagger's "name" whose first or last word (after a
/// determiner) is a common word, or that is written in capitals and ends in an
/// organisation's head (`CHECHEN REBELS`, `SYRIAN ARMY`): a description, not a name.
fn is_common_phrase(m: &Mention, surface: &str) -> bool {
    if m.entry.is_some()
        || !matches!(m.recogniser.as_ref(), "rule" | "tagger")
        || matches!(m.subtype.as_deref(), Some("facility" | "region"))
    {
        return false;
    }
    let mut words = surface.split_whitespace();
    let Some(mut first) = words.next() else {
        return false;
    };
    if is_determiner(first) {
        match words.next() {
            Some(w) => first = w,
            None => return false,
        }
    }
    let last = words.next_back().unwrap_or(first);
    // in capitals (a headline), a nationality's group by its head: `CHECHEN REBELS`, as
    // `Chechen rebels` is a nominal
    let shouted_head = last != first
        && !surface.contains(char::is_lowercase)
        && super::rules::is_org_head_word(&last.to_lowercase());
    is_common_word(first) || is_common_word(last) || shouted_head
}

/// A tagger's or rule's Person or Organisation "name" that is one title word alone
/// (`Director` in `Sanjiv Bhasin, Director, IIFL Securities`, `Commissioner`), not in
/// capitals (`MS` may be Microsoft): a description, not a name.
fn is_title_alone(m: &Mention, surface: &str) -> bool {
    m.entry.is_none()
        && matches!(m.recogniser.as_ref(), "rule" | "tagger")
        && matches!(m.entity_type, EntityType::Person | EntityType::Organisation)
        && !surface.contains(' ')
        && surface.contains(char::is_lowercase)
        && is_title_head(surface)
}

/// Words of the built-in titles (`President`, `Prime`, `Minister`, `Gen.`), lower-cased,
/// from `data/gazetteer/titles.tsv` (names and aliases).
static TITLE_WORDS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        let tsv = include_str!("../../data/gazetteer/titles.tsv");
        tsv.lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .flat_map(|l| {
                let mut f = l.split('\t');
                let name = f.next().unwrap_or("");
                let aliases = f.nth(2).unwrap_or("");
                std::iter::once(name).chain(aliases.split('|'))
            })
            .flat_map(str::split_whitespace)
            .map(str::to_lowercase)
            .filter(|w| !matches!(w.as_str(), "of" | "the" | "at" | "in"))
            .collect()
    });

/// Words for a role that name nobody on their own (`Ryanair CEO, Michael O'Leary`:
/// the tagger, seeing the company's name before it, may call `CEO` a name).
const ROLES: &[&str] = &[
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "chairperson",
    "chief",
    "president",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "secretary",
    "governor",
    "mayor",
    "senator",
    "executive",
    "founder",
    "manager",
];

/// The tagger's one-word person, organisation and place names that are a role word
/// alone ([`ROLES`]) name nobody: a Person one (`the President has said`) becomes a
/// nominal, with the `the` before it, for resolution to link; an organisation or place
/// one (`Ryanair CEO`) is dropped. Linear: one look at each such mention.
fn roles_alone(doc: &mut Document) {
    let text = doc.text.as_str();
    let is_role = |m: &Mention| {
        m.kind == MentionKind::Name
            && m.recogniser.as_ref() == "tagger"
            && matches!(
                m.entity_type,
                EntityType::Person | EntityType::Organisation | EntityType::Location
            )
            && text
                .get(m.span.range())
                .is_some_and(|w| ROLES.iter().any(|r| w.eq_ignore_ascii_case(r)))
    };
    let mut gone = vec![false; doc.mentions.len()];
    let mut moved = false;
    for (n, m) in doc.mentions.iter_mut().enumerate() {
        if !is_role(m) {
            continue;
        }
        if m.entity_type != EntityType::Person {
            gone[n] = true;
            continue;
        }
        m.kind = MentionKind::Nominal;
        let before = text.get(..m.span.start).unwrap_or("");
        if let Some(the) = before
            .strip_suffix("the ")
            .or_else(|| before.strip_suffix("The "))
            .filter(|b| b.is_empty() || b.ends_with(|c: char| !c.is_alphanumeric()))
        {
            m.span = Span::new(the.len(), m.span.end);
            moved = true;
        }
    }
    if gone.contains(&true) {
        drop_marked(&mut doc.mentions, &gone);
    }
    if moved {
        dedup(doc);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// Suffixes after a person's name (`Martin Luther King Jr.`): no name of their own.
const NAME_SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Titles that are also common given names (`Amir Khan`, `Sultan Ahmed`): no title
/// at the start of a name.
const GIVEN_NAME_TITLES: &[&str] = &["amir", "sultan", "imam", "major", "king", "earl"];

/// A capitalised word of the built-in titles (`Prime`, `Foreign`, `Minister`), not one
/// that is also a common given name: it may lead a title run (`Foreign Minister`).
fn is_title_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    w.starts_with(char::is_uppercase)
        && TITLE_WORDS.contains(&lower)
        && !GIVEN_NAME_TITLES.contains(&lower.as_str())
}

/// Titles of one word (`President`, `Rep.`, `Minister`, `Dr`), lower-cased, from
/// `data/gazetteer/titles.tsv` (names and aliases), and `Attorney` (`U.S. Attorney`):
/// the word that ends a title before a name (`Prime Minister`, not `Royal` in `Royal
/// Philips` nor `Lance` in `Lance Stephenson`).
static TITLE_HEADS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        let tsv = include_str!("../../data/gazetteer/titles.tsv");
        tsv.lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .flat_map(|l| {
                let mut f = l.split('\t');
                let name = f.next().unwrap_or("");
                let aliases = f.nth(2).unwrap_or("");
                std::iter::once(name).chain(aliases.split('|'))
            })
            .filter(|t| !t.is_empty() && !t.contains(' '))
            .chain(std::iter::once("Attorney"))
            .map(str::to_lowercase)
            .collect()
    });

/// A capitalised one-word title (see [`TITLE_HEADS`]), not one that is also a common
/// given name.
pub(crate) fn is_title_head(w: &str) -> bool {
    let lower = w.to_lowercase();
    w.starts_with(char::is_uppercase)
        && TITLE_HEADS.contains(&lower)
        && !GIVEN_NAME_TITLES.contains(&lower.as_str())
}

/// A capitalised abbreviation of two or more letters before a title (`U.S.`, `UN`,
/// `N.Y.`): it may lead the title run (`U.S. Attorney`) without ending it.
fn is_abbreviation(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Lower-case words inside people's names (`Ludwig van Beethoven`, `Osama bin Laden`).
const NAME_PARTICLES: &[&str] = &[
    "al", "abu", "bin", "ibn", "bint", "ben", "de", "del", "della", "der", "den", "van", "von",
    "la", "le", "da", "di", "du", "dos", "das", "el", "y", "zu", "ter", "ten",
];

/// Lower-case words that join, not describe (`Duchess of Cambridge`, `Minister for
/// Central Asia`, `Clive Owen and Juliette Binoche`): no role before a name.
const JOINING_WORDS: &[&str] = &[
    "of", "for", "to", "and", "or", "from", "with", "by", "at", "in", "on", "as", "who", "that",
    "the", "a", "an", "alias", "aka", "nee", "née", "vs", "versus",
];

/// Whether a word of a person's span says a role (`negotiator`, `chief`, `former`): a
/// lower-case word of letters (a hyphen or full stop inside), neither a name particle
/// (`bin`, `van`) nor a joining word (`of`, `and`).
fn is_role_word(w: &str) -> bool {
    w.starts_with(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        && !w.chars().any(char::is_uppercase)
        && !w.ends_with('-')
        && !NAME_PARTICLES.contains(&w)
        && !JOINING_WORDS.contains(&w)
}

/// Heads of a company's trade before its name (`German carmaker Volkswagen`, `US
/// chipmaker Intel`, `budget airline Ryanair`, `oil giant BP`).
const TRADE_HEADS: &[&str] = &[
    "company",
    "firm",
    "carmaker",
    "automaker",
    "manufacturer",
    "maker",
    "planemaker",
    "chipmaker",
    "airline",
    "carrier",
    "bank",
    "giant",
    "retailer",
    "insurer",
    "lender",
    "conglomerate",
    "group",
    "operator",
    "supplier",
    "producer",
    "broker",
    "brokerage",
];

/// Lower-case words for an organisation's trade that its name may follow directly
/// (`budget airline Ryanair`). Heads that also stand before ships or people are left out:
/// `carrier`, `maker`, `producer`, `publisher`, `broker` (`aircraft carrier Admiral
/// Kuznetsov`, `film maker Ridley Scott`).
const NAMING_TRADES: &[&str] = &[
    "company",
    "firm",
    "startup",
    "start-up",
    "airline",
    "carmaker",
    "automaker",
    "chipmaker",
    "planemaker",
    "manufacturer",
    "retailer",
    "insurer",
    "lender",
    "conglomerate",
    "brokerage",
    "broadcaster",
    "newspaper",
    "website",
    "subsidiary",
    "giant",
    "maker",
    "producer",
    "supplier",
    "publisher",
    "consultancy",
    "operator",
];

/// Whether the word before `carrier` makes it an airline, not a warship (`Turkish-based
/// carrier SunExpress`, `budget carrier`, `flag carrier`; not `aircraft carrier`).
fn is_airline_cue(before: &str) -> bool {
    before.ends_with("-based")
        || matches!(
            before,
            "budget"
                | "low-cost"
                | "low-fare"
                | "no-frills"
                | "discount"
                | "flag"
                | "regional"
                | "state-owned"
        )
}

/// Capitalised words that follow a trade word without being a name (`the company Monday`,
/// `the firm CEO`).
fn is_no_trade_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        "i" | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "the"
            | "a"
            | "an"
    ) || ROLES.contains(&lower.as_str())
        || TITLE_WORDS.contains(&lower)
}

/// A capitalised run that directly follows a trade word and that no recogniser named is
/// that organisation's name (`the London-based fact-checking website Full Fact`,
/// `law firm Baker & McKenzie`), as news corpora mark it: up to four words that start
/// with a capital (joined by `&`), the last one before any punctuation or possessive; not a day,
/// month, role or title (`the company CEO`). A tagger's one-word Person name there that
/// is no first name becomes the Organisation (`aerospace subsidiary Dasa`). Linear: one
/// pass over each block's words and a table of the bytes mentions cover.
fn organisations_after_trade_words(doc: &mut Document) {
    let text = doc.text.as_str();
    let covered = covered_bytes(doc, |_| true);
    let mut added = Vec::new();
    let mut retyped = Vec::new();
    for block in &doc.blocks {
        let Some(slice) = text.get(block.span.range()) else {
            continue;
        };
        let words: Vec<(usize, &str)> = slice
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - slice.as_ptr() as usize, w))
            .collect();
        for i in 1..words.len() {
            let airline = words[i].1 == "carrier" && is_airline_cue(words[i - 1].1);
            if !NAMING_TRADES.contains(&words[i].1) && !airline {
                continue;
            }
            let mut end = None;
            for &(at, w) in words.iter().skip(i + 1).take(5) {
                if w == "&" {
                    continue; // `law firm Baker & McKenzie`
                }
                let core = w
                    .strip_suffix("’s")
                    .or_else(|| w.strip_suffix("'s"))
                    .unwrap_or(w)
                    .trim_end_matches(|c: char| {
                        matches!(c, ',' | '.' | ';' | ':' | ')' | '"' | '”' | '’')
                    });
                let capitalised = core.starts_with(|c: char| c.is_uppercase())
                    && core
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&'));
                if !capitalised || is_no_trade_name(core) {
                    break;
                }
                end = Some(at + core.len());
                if core.len() < w.len() {
                    break;
                }
            }
            let (Some(start), Some(end)) = (words.get(i + 1).map(|w| w.0), end) else {
                continue;
            };
            let span = Span::new(block.span.start + start, block.span.start + end);
            if covered.get(span.range()).is_none_or(|c| c.contains(&true)) {
                // the tagger's reading of a one-word name as a person (`aerospace
                // subsidiary Dasa`), not a first name
                let at = doc.mentions.partition_point(|m| m.span.start < span.start);
                if doc.mentions.get(at).is_some_and(|m| {
                    m.span == span
                        && m.entity_type == EntityType::Person
                        && m.kind == MentionKind::Name
                        && m.recogniser == "tagger"
                        && doc
                            .mentions
                            .get(at + 1)
                            .is_none_or(|x| x.span.start >= span.end)
                        && !text[span.range()].contains(' ')
                        && !crate::resolve::names::is_first_name(&text[span.range()])
                }) {
                    retyped.push(at);
                }
                continue;
            }
            let mut m = Mention::new(span, EntityType::Organisation, 0.5, "rule");
            m.kind = MentionKind::Name;
            added.push(m);
        }
    }
    for n in retyped {
        retype(&mut doc.mentions[n], EntityType::Organisation);
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// A tagger's Person or Organisation name that runs over a company's trade and its name
/// (`German carmaker Volkswagen`, `electronics group Sony`) is the name alone, an
/// Organisation, as news corpora mark it: the words after the last trade head, when
/// they are capitalised to the end. An earlier recogniser's mention of that name is
/// kept in its place; otherwise the mention is cut to it. (Before, `German carmaker
/// Daimler-Benz` was a titled Person and `Daimler-Benz` a person inside it.) Linear: a
/// look at each tagger name's words.
fn companies_after_their_trade(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut gone = vec![false; doc.mentions.len()];
    let mut cut: Vec<(usize, Span)> = Vec::new();
    for (n, m) in doc.mentions.iter().enumerate() {
        if m.kind != MentionKind::Name
            || m.recogniser.as_ref() != "tagger"
            || !matches!(m.entity_type, EntityType::Person | EntityType::Organisation)
        {
            continue;
        }
        let Some(surface) = text.get(m.span.range()) else {
            continue;
        };
        let mut tail = None;
        let mut at = 0;
        for w in surface.split(' ') {
            if TRADE_HEADS.contains(&w) {
                tail = Some(at + w.len() + 1);
            } else if tail.is_some() && !w.starts_with(char::is_uppercase) {
                tail = None;
            }
            at += w.len() + 1;
        }
        let Some(tail) = tail.filter(|&t| t < surface.len()) else {
            continue;
        };
        let span = Span::new(m.span.start + tail, m.span.end);
        let known = doc.mentions[n + 1..]
            .iter()
            .take_while(|o| o.span.start <= span.start)
            .any(|o| {
                o.span == span && o.kind == MentionKind::Name && o.recogniser.as_ref() != "tagger"
            });
        if known {
            gone[n] = true;
        } else {
            cut.push((n, span));
        }
    }
    let moved = !cut.is_empty();
    for (n, span) in cut {
        let m = &mut doc.mentions[n];
        m.span = span;
        m.entity_type = EntityType::Organisation;
    }
    if gone.contains(&true) {
        drop_marked(&mut doc.mentions, &gone);
    }
    if moved {
        dedup(doc);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// Role nouns, beside [`ROLES`] and the built-in titles, that may head a tagger's
/// Person nominal ending in the person's name (`adviser Karen Hughes`, `police chief K
/// K Paul`): see [`names_inside_titles`].
const NOMINAL_ROLE_HEADS: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "attorney",
    "author",
    "coach",
    "commander",
    "correspondent",
    "economist",
    "editor",
    "envoy",
    "head",
    "lawyer",
    "leader",
    "negotiator",
    "official",
    "owner",
    "player",
    "professor",
    "reporter",
    "striker",
];

/// The bare name inside a tagger's or rule's Person name that carries its role in
/// common words (`Palestinian negotiator Saeb Erekat`, `Leeds striker Tony Yeboah`): a
/// Person name of its own, nested, so that [`titled`] can tell the two apart. The
/// capitalised words after the last common word, if they start with a capital; the
/// outer mention stays as it is, except that a tagger's Person *nominal* ending in
/// such a name of two words or more (`chairman Marcelo Claure`, which the model labels
/// a nominal for its lower-case start) gives way to the bare name: resolution reads the
/// role right before a name (`GM chairman Rick Wagoner`) on its own. Linear: one look
/// at each Person name and its neighbours.
fn names_inside_titles(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut inner: Vec<Mention> = Vec::new();
    let mut named: Vec<usize> = Vec::new();
    for (n, m) in doc.mentions.iter().enumerate() {
        let nominal = m.kind == MentionKind::Nominal && m.recogniser.as_ref() == "tagger";
        if m.entity_type != EntityType::Person
            || !(m.kind == MentionKind::Name || nominal)
            || !matches!(m.recogniser.as_ref(), "rule" | "tagger" | "gazetteer")
        {
            continue;
        }
        let Some(surface) = text.get(m.span.range()) else {
            continue;
        };
        // start of the word after the last role word, if no other lower-case word
        // or sign comes after it (`chief executive Noel Forgeard`, not `Minister for
        // Central Asia`); capitalised title words count only in the span's leading
        // run of capitalised words that are titles or abbreviations (`President
        // Trump`, `Rep. Ilhan Omar`, `U.S. Attorney James Kennedy Jr.`), not inside
        // the name (`Kevin King`)
        let mut tail = None;
        let mut at = 0;
        let mut leading = true;
        for w in surface.split(' ') {
            if is_role_word(w) {
                tail = Some(at + w.len() + 1);
            } else if !w.starts_with(char::is_uppercase) {
                tail = None;
                leading = false;
            } else if leading && is_title_head(w) {
                tail = Some(at + w.len() + 1);
            } else if leading && !is_abbreviation(w) && !is_title_word(w) {
                leading = false;
            }
            at += w.len() + 1;
        }
        let Some(tail) = tail.filter(|t| *t < surface.len()) else {
            continue;
        };
        let name = &surface[tail..];
        if !name.starts_with(char::is_uppercase)
            || name.split(' ').all(|w| NAME_SUFFIXES.contains(&w))
        {
            continue;
        }
        // a nominal's name: after a role noun, two capitalised words at least, none a
        // possessive (`the company's chairman Smith` stays a nominal for resolution;
        // `Aussies who want World Heritage` holds no name)
        if nominal {
            let head = surface[..tail].trim_end().rsplit(' ').next().unwrap_or("");
            let lower = head.to_lowercase();
            let role = ROLES.contains(&lower.as_str())
                || NOMINAL_ROLE_HEADS.contains(&lower.as_str())
                || TITLE_HEADS.contains(&lower);
            if !role || !name.contains(' ') || name.contains('’') || name.contains('\'') {
                continue;
            }
        }
        let span = Span::new(m.span.start + tail, m.span.end);
        let known = doc.mentions[n + 1..]
            .iter()
            .take_while(|o| o.span.start <= span.start)
            .any(|o| o.span == span && o.entity_type == EntityType::Person);
        if nominal {
            named.push(n);
        }
        if !known {
            let mut bare = Mention::new(span, EntityType::Person, m.confidence, "rule");
            bare.kind = MentionKind::Name;
            inner.push(bare);
        }
    }
    if !named.is_empty() {
        let mut gone = vec![false; doc.mentions.len()];
        for n in named {
            gone[n] = true;
        }
        drop_marked(&mut doc.mentions, &gone);
    }
    if !inner.is_empty() {
        doc.mentions.extend(inner);
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
    }
}

/// A Person name that holds a shorter Person name ending where it ends, after a title
/// or role (`President Bashar al-Assad` around `Bashar al-Assad`, `Palestinian
/// negotiator Saeb Erekat`), is [`MentionKind::Titled`]: names alone then follow the
/// news convention, which leaves titles out, and the titled span stays for re3d's.
/// Run after resolution, so both mentions keep their entity; an entity named by the
/// titled span is named by the bare name instead. What comes before the
/// bare name must be a title: a title rule's span (attribute `title`), a role word,
/// a word of the built-in titles or an abbreviation (`Gen.`); `Mary Ann Smith` around
/// `Ann Smith` stays a name. Linear: a look at the mentions nested in each Person name.
pub(crate) fn titled(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut titled = Vec::new();
    for (n, m) in doc.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Person || m.kind != MentionKind::Name {
            continue;
        }
        // The bare name may sit inside a shorter titled span (`Economy Minister Mariusz
        // Haladyj` holds `Minister Mariusz Haladyj` and `Mariusz Haladyj`): the first
        // inner name ending here whose prefix holds a title.
        let is_title = |prefix: &str| {
            m.attributes.contains_key("title")
                || prefix.split_whitespace().any(|w| {
                    is_role_word(w) || w.ends_with('.') || TITLE_WORDS.contains(&w.to_lowercase())
                })
        };
        let bare = doc.mentions[n + 1..]
            .iter()
            .take_while(|o| o.span.start < m.span.end)
            .filter(|o| {
                o.span.start > m.span.start
                    && o.span.end == m.span.end
                    && o.entity_type == EntityType::Person
                    && o.kind == MentionKind::Name
            })
            .find(|o| text.get(m.span.start..o.span.start).is_some_and(is_title));
        if let Some(bare) = bare {
            titled.push((n, bare.span));
        }
    }
    for (n, bare) in titled {
        let m = &mut doc.mentions[n];
        m.kind = MentionKind::Titled;
        // the entity is named by the bare name, not the title and name
        let (Some(outer), Some(bare)) = (text.get(m.span.range()), text.get(bare.range())) else {
            continue;
        };
        if let Some(e) = m.entity.and_then(|e| doc.entities.get_mut(e))
            && e.name == outer
        {
            e.name = bare.to_owned();
        }
    }
}

/// Removes the mentions marked in `gone` (one flag per mention, in order).
pub(crate) fn drop_marked(mentions: &mut Vec<Mention>, gone: &[bool]) {
    let mut i = 0;
    mentions.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
}

/// Drops a mention that is a determiner before a name of the same type, and the
/// worse of two names with the same span and type (its attributes go to the one kept).
fn dedup(doc: &mut Document) {
    let text = doc.text.as_str();
    // The best name at each (span, type).
    let mut best: HashMap<(Span, EntityType), usize> = HashMap::default();
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.kind != MentionKind::Name {
            continue;
        }
        best.entry((m.span, m.entity_type))
            .and_modify(|b| {
                if better(m, &doc.mentions[*b]) {
                    *b = i;
                }
            })
            .or_insert(i);
    }
    let mut gone = vec![false; doc.mentions.len()];
    let mut gifts: Vec<(usize, usize)> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.kind == MentionKind::Name {
            if let Some(&b) = best.get(&(m.span, m.entity_type)) {
                if b != i {
                    gone[i] = true;
                    gifts.push((i, b));
                    continue;
                }
            }
        }
        // A name that kept its determiner ("The Hague") kept it on purpose.
        if m.kind == MentionKind::Nominal {
            if let Some(rest) = after_determiner(text, m.span) {
                if best.contains_key(&(Span::new(rest, m.span.end), m.entity_type)) {
                    gone[i] = true;
                }
            }
        }
    }
    if gifts.is_empty() && !gone.contains(&true) {
        return;
    }
    for (from, to) in gifts {
        let attrs = doc.mentions[from].attributes.clone();
        let keep = &mut doc.mentions[to];
        for (k, v) in attrs {
            keep.attributes.entry(k).or_insert(v);
        }
    }
    drop_marked(&mut doc.mentions, &gone);
}

/// Which of two names of one span to keep: a gazetteer match, then the surer one.
fn better(a: &Mention, b: &Mention) -> bool {
    match (a.entry.is_some(), b.entry.is_some()) {
        (true, false) => true,
        (false, true) => false,
        _ => a.confidence > b.confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    fn names(text: &str) -> Vec<(String, &'static str, &'static str)> {
        let doc = Pipeline::new().extract(text).unwrap_or_default();
        doc.validate().unwrap_or_else(|e| panic!("{e}"));
        doc.mentions()
            .iter()
            .map(|m| {
                (
                    doc.span_text(m.span).to_owned(),
                    m.entity_type.as_str(),
                    m.kind.as_str(),
                )
            })
            .collect()
    }

    fn has(found: &[(String, &str, &str)], text: &str, kind: &str) -> bool {
        found.iter().any(|(t, _, k)| t == text && *k == kind)
    }

    fn typed(found: &[(String, &str, &str)], text: &str) -> Vec<&'static str> {
        found
            .iter()
            .filter(|(t, _, _)| t == text)
            .map(|(_, ty, _)| match *ty {
                "Organisation" => "Organisation",
                "Location" => "Location",
                _ => "other",
            })
            .collect()
    }

    #[test]
    fn towns_in_a_results_table_are_teams() {
        let text = "LEEDS GO TOP\n\n\
                    SOUTHAMPTON 1996-09-14\n\n\
                    Leeds moved top on Saturday after fans in Leeds saw a win, while Arsenal \
                    were held by Sheffield Wednesday. Police in Baghdad said 12 people died.\n\n\
                    Results on Saturday:\n\n\
                    Arsenal 1 Sheffield Wednesday 1\n\n\
                    Leeds 2 Southampton 1\n\n\
                    Japan 2 Syria 1\n\n\
                    Standings: Newcastle 5 4 1 0 14 5 13\n\n\
                    BALTIMORE 70 61 .534\n\n\
                    Fixtures: Chelsea v Everton\n";
        let found = names(text);
        // every Leeds but the one after `in`, the headline's too
        let leeds = typed(&found, "Leeds");
        assert_eq!(
            leeds.iter().filter(|t| **t == "Organisation").count(),
            2,
            "{found:?}"
        );
        assert_eq!(
            leeds.iter().filter(|t| **t == "Location").count(),
            1,
            "{found:?}"
        );
        assert!(
            typed(&found, "LEEDS").iter().all(|t| *t == "Organisation"),
            "{found:?}"
        );
        // the club's whole name, in the table and in prose, and no day inside it
        let sheffield = typed(&found, "Sheffield Wednesday");
        assert_eq!(sheffield, ["Organisation", "Organisation"], "{found:?}");
        assert!(!found.iter().any(|(t, _, _)| t == "Wednesday"), "{found:?}");
        assert!(
            typed(&found, "Southampton")
                .iter()
                .all(|t| *t == "Organisation")
        );
        assert!(
            typed(&found, "Newcastle")
                .iter()
                .all(|t| *t == "Organisation")
        );
        assert_eq!(typed(&found, "BALTIMORE"), ["Organisation"], "{found:?}");
        // a dateline stays a place
        assert_eq!(typed(&found, "SOUTHAMPTON"), ["Location"], "{found:?}");
        // national teams stay places; a town in prose before a number stays a place
        assert!(
            typed(&found, "Japan").iter().all(|t| *t == "Location"),
            "{found:?}"
        );
        assert!(
            typed(&found, "Syria").iter().all(|t| *t == "Location"),
            "{found:?}"
        );
        assert!(
            typed(&found, "Baghdad").iter().all(|t| *t == "Location"),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_that_starts_an_event_is_no_name() {
        let found = names(
            "Spain beat Russia in the Davis Cup Finals. Emirates signed at the Dubai Air Show. \
             He served in the Vietnam War. Roy Hodgson named his England World Cup squad.",
        );
        for gone in ["Davis", "Dubai", "Vietnam"] {
            assert!(!has(&found, gone, "name"), "{gone}: {found:?}");
        }
        for kept in ["Spain", "Russia", "England"] {
            assert!(has(&found, kept, "name"), "{kept}: {found:?}");
        }
        // an event's whole name is no person's, place's or organisation's (CoNLL's MISC)
        let found = names(
            "Arsenal won the FA Cup. Sampras won the U.S. Open. He ran at the Brussels Grand Prix and the Asian Cup.",
        );
        for gone in [
            "FA Cup",
            "U.S.",
            "Brussels",
            "Asian Cup",
            "Brussels Grand Prix",
        ] {
            assert!(!has(&found, gone, "name"), "{gone}: {found:?}");
        }
        assert!(has(&found, "Sampras", "name"), "{found:?}");
    }

    #[test]
    fn a_newspaper_or_an_airline_named_after_a_town_is_an_organisation() {
        let found = names(
            "The Los Angeles Times said Air France and the Jerusalem Post agreed. \
             “We talked,” Lynn said, via the Los Angeles Times.",
        );
        for org in ["Air France", "Jerusalem Post"] {
            assert_eq!(typed(&found, org), ["Organisation"], "{org}: {found:?}");
        }
        // one name each time, whoever found it
        assert_eq!(
            typed(&found, "Los Angeles Times"),
            ["Organisation", "Organisation"],
            "{found:?}"
        );
    }

    #[test]
    fn an_acronym_before_an_organisation_is_one_name() {
        let found = names("The UN Security Council met. The [National Society] said so.");
        assert_eq!(
            typed(&found, "UN Security Council"),
            ["Organisation"],
            "{found:?}"
        );
        assert!(!has(&found, "UN", "name"), "{found:?}");
        assert!(
            !found.iter().any(|(t, _, _)| t.starts_with('[')),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_alone_is_no_name() {
        let found = names(
            "\"Markets run ahead,\" said Sanjiv Bhasin, Director, IIFL Securities. \
             The United Nations High Commissioner for Human Rights spoke.",
        );
        for title in ["Director", "Commissioner"] {
            assert!(!has(&found, title, "name"), "{title}: {found:?}");
        }
    }

    #[test]
    fn us_federal_agencies_are_organisations() {
        let found = names(
            "NASA, the Drug Enforcement Administration and Customs and Border Protection \
             briefed the FAA.",
        );
        for org in [
            "NASA",
            "Drug Enforcement Administration",
            "Customs and Border Protection",
            "FAA",
        ] {
            assert_eq!(typed(&found, org), ["Organisation"], "{org}: {found:?}");
        }
    }

    #[test]
    fn a_camel_case_word_used_twice_is_a_company() {
        let found = names(
            "WeWork is headquartered in New York City. Investors said WeWork would cut jobs. \
             Tim McKinley met McKinley. I love MileyCyrus.",
        );
        let weworks = found
            .iter()
            .filter(|(t, ty, k)| t == "WeWork" && *ty == "Organisation" && *k == "name")
            .count();
        assert_eq!(weworks, 2, "{found:?}");
        assert!(
            !found
                .iter()
                .any(|(t, ty, _)| t == "McKinley" && *ty == "Organisation")
        );
        assert!(
            !found
                .iter()
                .any(|(t, ty, _)| t == "MileyCyrus" && *ty == "Organisation")
        );
    }

    #[test]
    fn a_possessive_splits_an_organisation_after_a_name() {
        let found = names(
            "NASA’s Office of the Inspector General spoke at Vietnam’s Communist Party \
             headquarters. The People’s Liberation Army and McDonald's Corp. agreed.",
        );
        assert_eq!(typed(&found, "NASA"), ["Organisation"], "{found:?}");
        assert!(
            has(&found, "Office of the Inspector General", "name"),
            "{found:?}"
        );
        assert_eq!(typed(&found, "Vietnam"), ["Location"], "{found:?}");
        assert!(
            !found.iter().any(|(t, _, _)| t.contains("NASA’s")),
            "{found:?}"
        );
        // a possessive of the name's own stays
        assert!(!has(&found, "Liberation Army", "name"), "{found:?}");
        assert!(!has(&found, "Corp.", "name"), "{found:?}");
    }

    #[test]
    fn a_surname_repeated_alone_is_the_person() {
        let found = names(
            "Rep. David McKinley visited the border. McKinley said the flow was large, \
             and McKinley's office did not reply. Webb Simpson played golf.",
        );
        let alone = found
            .iter()
            .filter(|(t, ty, k)| t == "McKinley" && *ty == "Person" && *k == "name")
            .count();
        assert_eq!(alone, 2, "{found:?}");
        assert!(
            !found
                .iter()
                .any(|(t, _, k)| t == "McKinley" && *k != "name"),
            "{found:?}"
        );
        // no surname of a name never given in full, nor inside a longer name
        assert!(!has(&found, "Webb", "name"), "{found:?}");
    }

    #[test]
    fn a_surname_that_names_a_town_is_the_person_where_no_place_stands() {
        let found = names(
            "Spokeswoman Sandy Angers said the team would grow. \"We are ready,\" said \
             Angers. The plant in Angers opened, and Angers, France, cheered. Tourists love \
             Angers.",
        );
        let angers: Vec<&str> = found
            .iter()
            .filter(|(t, _, k)| t == "Angers" && *k == "name")
            .map(|(_, ty, _)| *ty)
            .collect();
        assert_eq!(
            angers,
            ["Person", "Location", "Location", "Location"],
            "{found:?}"
        );
    }

    #[test]
    fn a_party_word_before_a_noun_and_a_headline_group_are_no_names() {
        let found = names(
            "RUSSIA SAYS CHECHEN REBELS BROKE TRUCE .\n\nPresident Bill Clinton and \
             Republican challenger Bob Dole clashed on Friday.",
        );
        assert!(!has(&found, "CHECHEN REBELS", "name"), "{found:?}");
        assert!(
            found
                .iter()
                .all(|(t, ty, _)| t != "Republican" || *ty == "Nationality"),
            "{found:?}"
        );
        assert!(has(&found, "Bob Dole", "name"), "{found:?}");
        let found = names(
            "The Bundesbank left its key rates unchanged. Bundesbank council member Reimut \
             Jochimsen said inflation was under control.",
        );
        assert_eq!(
            typed(&found, "Bundesbank"),
            ["Organisation", "Organisation"],
            "{found:?}"
        );
    }

    #[test]
    fn a_name_before_a_place_noun_is_the_place() {
        let found = names(
            "It was around midnight when a tip led Forest Hill police officers to the \
             room. Netanyahu visited the Gush Etzion settlement bloc and approved homes \
             in the West Bank settlement of Maale Adumim. Alex Ferguson \
             spoke, and Ferguson residents listened.",
        );
        let typed_name = |name: &str| -> Vec<&str> {
            found
                .iter()
                .filter(|(t, _, k)| t == name && *k == "name")
                .map(|(_, ty, _)| *ty)
                .collect()
        };
        assert_eq!(typed_name("Forest Hill"), ["Location"], "{found:?}");
        assert_eq!(typed_name("Gush Etzion"), ["Location"], "{found:?}");
        assert_eq!(typed_name("Maale Adumim"), ["Location"], "{found:?}");
        assert!(!typed_name("Ferguson").contains(&"Location"), "{found:?}");
    }

    #[test]
    fn a_surname_in_a_headline_in_capitals_is_the_person() {
        let found = names(
            "TENNIS - SAMPRAS BEATS KRAJICEK IN STRAIGHT SETS .\n\n\
             Top seed Pete Sampras beat Richard Krajicek on Saturday. \
             The KRAJICEK fund paid.",
        );
        let loud: Vec<&(String, &str, &str)> =
            found.iter().filter(|(t, _, _)| t == "KRAJICEK").collect();
        assert_eq!(loud.len(), 1, "{found:?}");
        assert_eq!((loud[0].1, loud[0].2), ("Person", "name"), "{found:?}");
        assert!(has(&found, "Richard Krajicek", "name"), "{found:?}");
    }

    #[test]
    fn a_surname_read_as_a_thing_or_a_value_is_the_person() {
        let text = "Charles J. Fillmore wrote it. Fillmore left Berkeley. Rathbun said so, \
                    and Fillmore 1968 is a book. Mark Rathbun agreed.";
        let at = |s: &str, n: usize| text.match_indices(s).nth(n).map_or(0, |(i, _)| i);
        let m = |s: &str, n: usize, ty: EntityType, kind: MentionKind| {
            let mut x = mention(at(s, n), at(s, n) + s.len(), ty, "tagger");
            x.kind = kind;
            x
        };
        let mut doc = Document::new(text, crate::Format::Text);
        crate::segment::tokenize(text, Span::new(0, text.len()), &mut doc.tokens);
        doc.mentions = vec![
            m(
                "Charles J. Fillmore",
                0,
                EntityType::Person,
                MentionKind::Name,
            ),
            m(
                "Fillmore",
                1,
                EntityType::MilitaryPlatform,
                MentionKind::Name,
            ),
            m("Berkeley", 0, EntityType::Location, MentionKind::Name),
            m("Rathbun", 0, EntityType::Temporal, MentionKind::Value),
            m("Fillmore 1968", 0, EntityType::Temporal, MentionKind::Value),
            m("Mark Rathbun", 0, EntityType::Person, MentionKind::Name),
        ];
        surnames_again(&mut doc);
        let left: Vec<(&str, &str)> = doc
            .mentions
            .iter()
            .map(|x| (doc.span_text(x.span), x.entity_type.as_str()))
            .collect();
        assert_eq!(
            left,
            [
                ("Charles J. Fillmore", "Person"),
                ("Fillmore", "Person"),
                ("Berkeley", "Location"),
                ("Rathbun", "Person"),
                // a longer value over the surname is left alone
                ("Fillmore 1968", "Temporal"),
                ("Mark Rathbun", "Person"),
            ]
        );
    }

    #[test]
    fn a_capitalised_title_before_a_name_leaves_the_bare_name() {
        let found = names(
            "President Trump spoke to U.S. Attorney James Kennedy Jr. on Monday. \
             Rep. Ilhan Omar replied. Kevin King and Martin Luther King Jr. were there.",
        );
        for bare in ["Trump", "James Kennedy Jr.", "Ilhan Omar"] {
            assert!(has(&found, bare, "name"), "{bare}: {found:?}");
        }
        assert!(!has(&found, "President Trump", "name"), "{found:?}");
        // a title word inside a name, or a suffix alone, is no title
        assert!(!has(&found, "Jr.", "name"), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|(t, _, k)| t == "Kevin King" && *k == "titled"),
            "{found:?}"
        );
        // a word of a longer title is no title on its own
        let found = names("Keynote customer Royal Philips spoke, and Lance Stephenson played.");
        assert!(!found.iter().any(|(_, _, k)| *k == "titled"), "{found:?}");
    }

    #[test]
    fn a_name_with_its_title_is_titled_and_holds_the_bare_name() {
        let text = "Israeli Prime Minister Benjamin Netanyahu met Palestinian negotiator \
                    Saeb Erekat on Thursday. Mary Ann Smith and the Duchess of Cambridge came.";
        let doc = Pipeline::new().extract(text).unwrap_or_default();
        let kind = |t: &str| {
            doc.mentions()
                .iter()
                .filter(|m| doc.span_text(m.span) == t && m.entity_type == EntityType::Person)
                .map(|m| m.kind)
                .collect::<Vec<_>>()
        };
        assert_eq!(kind("Benjamin Netanyahu"), [MentionKind::Name]);
        assert_eq!(kind("Saeb Erekat"), [MentionKind::Name]);
        assert!(
            kind("Palestinian negotiator Saeb Erekat")
                .iter()
                .all(|k| *k == MentionKind::Titled)
        );
        assert!(
            !doc.mentions().iter().any(|m| m.kind == MentionKind::Titled
                && !doc.span_text(m.span).contains("Netanyahu")
                && !doc.span_text(m.span).contains("Erekat")),
            "only the two titled spans"
        );
        // the entity is named by the bare name, and holds both mentions
        let erekat = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == "Saeb Erekat")
            .and_then(|m| m.entity)
            .map(|e| &doc.entities()[e]);
        assert_eq!(erekat.map(|e| e.name.as_str()), Some("Saeb Erekat"));
        // names alone: no title inside
        let names = Pipeline::builder()
            .kinds(&[MentionKind::Name])
            .build()
            .unwrap_or_default()
            .extract(text)
            .unwrap_or_default();
        assert!(names.mentions().iter().all(|m| {
            let t = names.span_text(m.span);
            !t.contains("Minister") && !t.contains("negotiator")
        }));
    }

    #[test]
    fn a_score_is_found_past_multibyte_characters() {
        assert!(has_score("Tennessee’s Vols 78-70"));
        assert!(has_score("Köln won 2–1"));
        assert!(!has_score("Tennessee’s Vols – 1234-5 – é-"));
        // A result verb, a place and a curly apostrophe before the score: no panic.
        let found = names("Kentucky beat Tennessee’s Vols 78-70 on Saturday.");
        assert!(found.iter().any(|(t, _, _)| t == "Kentucky"), "{found:?}");
    }

    #[test]
    fn names_lose_their_determiner() {
        let found =
            names("The Kremlin spoke to the United Nations and the EU about the Netherlands.");
        for n in ["Kremlin", "United Nations", "EU", "Netherlands"] {
            assert!(has(&found, n, "name"), "{n}: {found:?}");
        }
        assert!(
            !found
                .iter()
                .any(|(t, _, k)| *k == "name" && t.to_lowercase().starts_with("the ")),
            "{found:?}"
        );
    }

    #[test]
    fn some_names_keep_it() {
        // Only spans a recogniser found with the article: the tagger, trained on the
        // news convention, gives "Gambia" for "The Gambia", which is the country's name too.
        let found = names("Envoys met in The Hague. The Times agreed.");
        for n in ["The Hague", "The Times"] {
            assert!(has(&found, n, "name"), "{n}: {found:?}");
        }
    }

    #[test]
    fn nominals_keep_it_and_descriptions_are_nominals() {
        let found =
            names("The regime shelled the town. A spokesman for the Syrian army denied it.");
        assert!(has(&found, "The regime", "nominal"), "{found:?}");
        assert!(
            !found.iter().any(|(t, _, _)| t == "regime"),
            "nominals keep their determiner: {found:?}"
        );
        // "the Syrian army" around the gazetteer's "Syrian army": one mention, the name.
        assert!(has(&found, "Syrian army", "name"), "{found:?}");
        assert!(
            !found.iter().any(|(t, _, _)| t == "the Syrian army"),
            "{found:?}"
        );
        assert!(has(&found, "Syrian", "name"), "nested: {found:?}");
    }

    fn mention(start: usize, end: usize, ty: EntityType, rec: &'static str) -> Mention {
        Mention::new(Span::new(start, end), ty, 0.7, rec)
    }

    #[test]
    fn a_title_before_a_shorter_titled_span_finds_the_bare_name() {
        let text = "Economy Minister Mariusz Haladyj spoke.";
        let at = text.find("Minister").unwrap_or(0);
        let bare = text.find("Mariusz").unwrap_or(0);
        let end = at + "Minister Mariusz Haladyj".len();
        let mut doc = Document::new(text, crate::Format::Text);
        doc.mentions = vec![
            mention(0, end, EntityType::Person, "tagger"),
            mention(at, end, EntityType::Person, "rule"),
            mention(bare, end, EntityType::Person, "rule"),
        ];
        titled(&mut doc);
        let kinds: Vec<MentionKind> = doc.mentions.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [MentionKind::Titled, MentionKind::Titled, MentionKind::Name]
        );
    }

    #[test]
    fn a_role_nominal_ending_in_a_name_gives_way_to_the_name() {
        let text =
            "Sent by chairman Marcelo Claure to Aussies who want World Heritage and the CEO.";
        let at = |s: &str| text.find(s).unwrap_or(0);
        let nominal = |s: &str| {
            let mut m = mention(at(s), at(s) + s.len(), EntityType::Person, "tagger");
            m.kind = MentionKind::Nominal;
            m
        };
        let mut doc = Document::new(text, crate::Format::Text);
        doc.mentions = vec![
            nominal("chairman Marcelo Claure"),
            nominal("Aussies who want World Heritage"),
            nominal("the CEO"),
        ];
        names_inside_titles(&mut doc);
        let left: Vec<(&str, MentionKind)> = doc
            .mentions
            .iter()
            .map(|m| (doc.span_text(m.span), m.kind))
            .collect();
        assert_eq!(
            left,
            [
                ("Marcelo Claure", MentionKind::Name),
                ("Aussies who want World Heritage", MentionKind::Nominal),
                ("the CEO", MentionKind::Nominal)
            ]
        );
    }

    #[test]
    fn a_company_after_its_trade_is_the_name_alone() {
        let text =
            "German carmaker Daimler-Benz and US chipmaker Intel beat rebel group leader Ali.";
        let at = |s: &str| text.find(s).unwrap_or(0);
        let m = |s: &str, ty: EntityType, r: &'static str| mention(at(s), at(s) + s.len(), ty, r);
        let mut doc = Document::new(text, crate::Format::Text);
        doc.mentions = vec![
            m("German carmaker Daimler-Benz", EntityType::Person, "tagger"),
            m("Daimler-Benz", EntityType::Organisation, "gazetteer"),
            m("US chipmaker Intel", EntityType::Organisation, "tagger"),
            m("rebel group leader Ali", EntityType::Person, "tagger"),
        ];
        companies_after_their_trade(&mut doc);
        let left: Vec<(&str, EntityType)> = doc
            .mentions
            .iter()
            .map(|m| (doc.span_text(m.span), m.entity_type))
            .collect();
        assert_eq!(
            left,
            [
                ("Daimler-Benz", EntityType::Organisation),
                ("Intel", EntityType::Organisation),
                ("rebel group leader Ali", EntityType::Person)
            ]
        );
    }

    #[test]
    fn a_role_word_alone_is_no_name() {
        let text = "Ryanair CEO, Michael O'Leary, and the Chairman spoke.";
        let at = |s: &str| text.find(s).unwrap_or(0);
        let m = |s: &str, ty: EntityType, r: &'static str| mention(at(s), at(s) + s.len(), ty, r);
        let mut doc = Document::new(text, crate::Format::Text);
        doc.mentions = vec![
            m("Ryanair", EntityType::Organisation, "gazetteer"),
            m("CEO", EntityType::Organisation, "tagger"),
            m("Michael O'Leary", EntityType::Person, "tagger"),
            m("Chairman", EntityType::Person, "tagger"),
        ];
        roles_alone(&mut doc);
        let left: Vec<(&str, MentionKind)> = doc
            .mentions
            .iter()
            .map(|m| (doc.span_text(m.span), m.kind))
            .collect();
        assert_eq!(
            left,
            [
                ("Ryanair", MentionKind::Name),
                ("Michael O'Leary", MentionKind::Name),
                ("the Chairman", MentionKind::Nominal)
            ]
        );
    }

    #[test]
    fn nested_names_of_one_type_are_one_name() {
        let text = "Boeing Commercial Airplanes met Tories and Lib Dems in Central London; \
                    Paris Hilton and President Bush watched Georgia Tech in Sindh province.";
        let at = |s: &str| text.find(s).unwrap_or(0);
        let m = |s: &str, ty: EntityType| mention(at(s), at(s) + s.len(), ty, "tagger");
        let mut doc = Document::new(text, crate::Format::Text);
        doc.mentions = vec![
            m("Boeing Commercial Airplanes", EntityType::Organisation),
            m("Boeing", EntityType::Organisation),
            m("Tories and Lib Dems", EntityType::Organisation),
            m("Tories", EntityType::Organisation),
            m("Lib Dems", EntityType::Organisation),
            m("Central London", EntityType::Location),
            m("London", EntityType::Location),
            m("Sindh province", EntityType::Location),
            m("Sindh", EntityType::Location),
            m("Paris Hilton", EntityType::Person),
            m("Paris", EntityType::Location),
            m("President Bush", EntityType::Person),
            m("Bush", EntityType::Person),
            m("Georgia Tech", EntityType::Organisation),
            m("Georgia", EntityType::Location),
        ];
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
        flat_names(&mut doc);
        let got: Vec<&str> = doc.mentions.iter().map(|m| doc.span_text(m.span)).collect();
        assert_eq!(
            got,
            [
                "Boeing Commercial Airplanes",
                "Tories",
                "Lib Dems",
                "Central London",
                "Paris Hilton",
                "President Bush",
                "Bush",
                "Georgia Tech",
                "Georgia",
                "Sindh province",
                "Sindh",
            ]
        );
    }

    #[test]
    fn a_country_or_body_before_a_title_and_a_name_stays_a_name() {
        let text = "U.S. Defense Secretary Mark Esper met UN Secretary General Kofi Annan, \
                    Paris Hilton and Jordan King.";
        let at = |s: &str| text.find(s).unwrap_or(0);
        let m = |s: &str, ty: EntityType| mention(at(s), at(s) + s.len(), ty, "tagger");
        let mut doc = Document::new(text, crate::Format::Text);
        doc.mentions = vec![
            m("U.S. Defense Secretary Mark Esper", EntityType::Person),
            m("U.S.", EntityType::Location),
            m("Mark Esper", EntityType::Person),
            m("UN Secretary General Kofi Annan", EntityType::Person),
            m("UN", EntityType::Organisation),
            m("Kofi Annan", EntityType::Person),
            m("Paris Hilton", EntityType::Person),
            m("Paris", EntityType::Location),
            m("Jordan King", EntityType::Person),
            m("Jordan", EntityType::Location),
        ];
        doc.mentions.sort_by(|a, b| a.span.text_order(&b.span));
        flat_names(&mut doc);
        let got: Vec<&str> = doc.mentions.iter().map(|m| doc.span_text(m.span)).collect();
        assert_eq!(
            got,
            [
                "U.S. Defense Secretary Mark Esper",
                "U.S.",
                "Mark Esper",
                "UN Secretary General Kofi Annan",
                "UN",
                "Kofi Annan",
                "Paris Hilton",
                "Jordan King",
            ]
        );
        let found = names("U.S. Defense Secretary Mark Esper said on Wednesday.");
        assert!(has(&found, "U.S.", "name"), "{found:?}");
        assert!(has(&found, "Mark Esper", "name"), "{found:?}");
    }

    #[test]
    fn an_unnamed_run_after_a_trade_word_is_the_organisation() {
        let text = "He works for the fact-checking website Full Fact, which the airline \
                    Zentravia’s staff, law firm Baker & McKenzie and the company CEO praised \
                    on the firm Monday.";
        let Ok(mut doc) = Pipeline::new().parse(text) else {
            panic!("parse failed");
        };
        organisations_after_trade_words(&mut doc);
        let got: Vec<&str> = doc.mentions.iter().map(|m| doc.span_text(m.span)).collect();
        assert_eq!(
            got,
            ["Full Fact", "Zentravia", "Baker & McKenzie"],
            "{got:?}"
        );
        assert!(
            doc.mentions
                .iter()
                .all(|m| m.entity_type == EntityType::Organisation && m.kind == MentionKind::Name)
        );
        // A name another recogniser found is left to it.
        let found = names("Shares of the carmaker Volkswagen rose.");
        assert_eq!(typed(&found, "Volkswagen"), ["Organisation"], "{found:?}");
        // A tagger's one-word person there is the company; a company's legal form alone
        // no name
        let found =
            names("German carmaker Daimler-Benz AG said sales rose at aerospace subsidiary Dasa.");
        assert_eq!(typed(&found, "Dasa"), ["Organisation"], "{found:?}");
        assert_eq!(
            typed(&found, "Daimler-Benz AG"),
            ["Organisation"],
            "{found:?}"
        );
        assert!(typed(&found, "AG").is_empty(), "{found:?}");
    }

    #[test]
    fn a_company_before_a_role_and_a_name_after_a_reporting_cue_are_organisations() {
        let found = names(
            "The questions include whether Zentravia founder and former CEO Adam Neumann \
             engaged in self-dealing, his lawyer told The Hill in a statement.",
        );
        assert_eq!(typed(&found, "Zentravia"), ["Organisation"], "{found:?}");
        assert_eq!(typed(&found, "Hill"), ["Organisation"], "{found:?}");
        let found = names("The plan was seen by The Real Deal on Monday.");
        assert_eq!(typed(&found, "Real Deal"), ["Organisation"], "{found:?}");
        // a run that a lower-case noun follows is a modifier, no name told
        let found = names("Griffin told the US house science committee about it.");
        assert!(!has(&found, "US house", "name"), "{found:?}");
        assert_ne!(typed(&found, "US"), ["Organisation"], "{found:?}");
        // an airline after `-based carrier`; a warship after `aircraft carrier` is no company
        let found = names("It sold jets to Turkish-based carrier SunExpress last week.");
        assert_eq!(typed(&found, "SunExpress"), ["Organisation"], "{found:?}");
        let found = names("The aircraft carrier Ronald Reagan sailed.");
        assert_ne!(
            typed(&found, "Ronald Reagan"),
            ["Organisation"],
            "{found:?}"
        );
    }

    #[test]
    fn names_after_company_cues_are_organisations() {
        let found = names("Shares of Zentravia fell 5% on Monday.");
        assert_eq!(typed(&found, "Zentravia"), ["Organisation"], "{found:?}");
        let found = names("A spokeswoman for Qorbital Labs declined to comment.");
        assert_eq!(
            typed(&found, "Qorbital Labs"),
            ["Organisation"],
            "{found:?}"
        );
        // a plural first word and `of` are no part of the name after them
        let found = names("Shares of Justice Department contractors fell.");
        assert!(
            !has(&found, "Shares of Justice Department", "name"),
            "{found:?}"
        );
        assert!(is_plural_opener("Shares") && is_plural_opener("Officials"));
        assert!(
            !is_plural_opener("Congress") && !is_plural_opener("Bus") && !is_plural_opener("NATO")
        );
    }

    #[test]
    fn trims_possessives_and_merges_duplicates() {
        let text = "The Kremlin’s view and Kremlin aides and the group.";
        let mut doc = Document::new(text, crate::Format::Text);
        let k2 = text.find("Kremlin aides").unwrap_or(0);
        let g = text.find("the group").unwrap_or(0);
        doc.mentions = vec![
            mention(0, "The Kremlin’s".len(), EntityType::Organisation, "tagger"),
            mention(4, 11, EntityType::Organisation, "mine"),
            mention(k2, k2 + 7, EntityType::Organisation, "tagger"),
            mention(g, g + 9, EntityType::Organisation, "tagger"),
        ];
        doc.mentions[1].confidence = 0.9;
        normalise(&mut doc);
        let got: Vec<(&str, &str, &str)> = doc
            .mentions
            .iter()
            .map(|m| {
                (
                    doc.span_text(m.span),
                    m.kind.as_str(),
                    m.recogniser.as_ref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Kremlin", "name", "mine"),
                ("Kremlin", "name", "tagger"),
                ("the group", "nominal", "tagger"),
            ]
        );
        assert!(doc.validate().is_ok());
    }

    #[test]
    fn person_initials_and_lone_determiners_stay() {
        let text = "A Q Khan and The";
        let mut doc = Document::new(text, crate::Format::Text);
        doc.mentions = vec![
            mention(0, 8, EntityType::Person, "mine"),
            mention(13, 16, EntityType::Organisation, "mine"),
        ];
        normalise(&mut doc);
        let got: Vec<&str> = doc.mentions.iter().map(|m| doc.span_text(m.span)).collect();
        assert_eq!(got, ["A Q Khan", "The"]);
    }
}
