//! Institutions named by more than one portfolio: `Department of Health and Human
//! Services`, `Ministry of Culture and Tourism`, `Department for Environment, Food and
//! Rural Affairs`.
//!
//! The context rules and the tagger end an institution's name at its first `and` (`Ministry
//! of Culture`), and the tagger reads what follows as a name of its own, often a person
//! (`Human Services`). Here an Organisation name that holds an institution's head and `of`
//! or `for` (`Department of Health`) takes the capitalised runs after it, joined by commas
//! and a last `and` (or `&`), into one name. A run joins only when it is words no list
//! knows: not a name from the gazetteer, the patterns or the context rules (`the Ministry of
//! Defence and Hamas`), no title (`and Foreign Minister Lavrov`), no first name (`and
//! John Kerry`) and no abbreviation (`and FBI`). This runs after the tagger, on the merged
//! mentions, so nothing the tagger reads changes; mentions inside the name give way to it.
//!
//! Linear: a few token looks per Organisation name, a binary search into the mentions per
//! run.

use crate::document::{Document, EntityType, Mention, MentionKind, Token};
use crate::span::Span;

use super::spans::{is_title_head, names_in_place, spaced, token_text};

/// Heads of institutions named after their portfolios.
const HEADS: &[&str] = &[
    "Department",
    "Ministry",
    "Bureau",
    "Office",
    "Secretariat",
    "Directorate",
    "Commission",
    "Committee",
    "Agency",
    "Administration",
    "Institute",
    "Council",
    "Board",
    "School",
    "College",
    "Faculty",
    "Division",
    "Centre",
    "Center",
];

/// The most words of one portfolio (`Rural Affairs`, `Urban Development`).
const MAX_RUN: usize = 3;

/// The most portfolios joined to a name (`Environment, Food and Rural Affairs`: two).
const MAX_RUNS: usize = 4;

/// Capitalised words that start a phrase, never a portfolio.
const NOT_PORTFOLIO: &[&str] = &[
    "The", "A", "An", "His", "Her", "Its", "Their", "This", "That", "These", "Those", "Our", "Mr",
    "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "I",
];

/// Makes one name of each institution and the portfolios after it (see the module's
/// documentation). Mentions sorted in text order on entry and on return.
pub(crate) fn joined_portfolios(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens: &[Token] = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let mut found: Vec<Mention> = Vec::new();
    for m in &doc.mentions {
        if m.entity_type != EntityType::Organisation || m.kind != MentionKind::Name {
            continue;
        }
        let a = tokens.partition_point(|t| t.span.start < m.span.start);
        let b = tokens.partition_point(|t| t.span.start < m.span.end);
        if b < a + 3 || tokens.get(b - 1).is_none_or(|t| t.span.end != m.span.end) {
            continue;
        }
        // A head, then `of` or `for`, then the first portfolio, all inside the name.
        let headed =
            (a..b - 2).any(|i| HEADS.contains(&word(i)) && matches!(word(i + 1), "of" | "for"));
        if !headed || !word(b - 1).starts_with(char::is_uppercase) {
            continue;
        }
        let mut end = b; // the first token after what the name holds so far
        let mut joined_end = None;
        for _ in 0..MAX_RUNS {
            // `Environment, Food and Rural Affairs`: a comma may come before the `and`.
            let (r, last) = match word(end) {
                "and" | "&" => (end + 1, true),
                "," if word(end + 1) == "and" => (end + 2, true),
                "," => (end + 1, false),
                _ => break,
            };
            if !spaced(text, tokens, r - 1) {
                break;
            }
            let Some(run_end) = portfolio_run(doc, r) else {
                break;
            };
            end = run_end;
            if last {
                joined_end = Some(run_end);
                break;
            }
        }
        let Some(e) = joined_end else {
            continue;
        };
        // The name ends with the run: no capitalised word runs on from it.
        if spaced(text, tokens, e - 1) && word(e).starts_with(char::is_uppercase) {
            continue;
        }
        let span = Span::new(m.span.start, tokens[e - 1].span.end);
        let mut joined = Mention::new(span, EntityType::Organisation, m.confidence, "rule");
        joined.kind = MentionKind::Name;
        found.push(joined);
    }
    if found.is_empty() {
        return;
    }
    // A nominal ending inside the name from before it (`the Ministry` of `the Ministry of
    // Culture`) crossed the name already; it would hold the joined name back.
    // `found` is in text order (built from the mentions), so the names starting inside a
    // nominal are a run of it, found by a binary search.
    doc.mentions.retain(|m| {
        let first = found.partition_point(|c| c.span.start <= m.span.start);
        m.kind != MentionKind::Nominal
            || !found[first..]
                .iter()
                .take_while(|c| c.span.start < m.span.end)
                .any(|c| m.span.end < c.span.end)
    });
    names_in_place(doc, found, |c, m| {
        m.kind == MentionKind::Name && m.entity_type == c.entity_type
    });
}

/// Heads of bodies named for a cause or a field, before `for` (`Institute for Advanced
/// Study`, `Campaign for Nuclear Disarmament`, `Office for National Statistics`).
const FOR_HEADS: &[&str] = &[
    "Institute",
    "Institution",
    "Center",
    "Centre",
    "Commission",
    "Office",
    "Council",
    "Agency",
    "Committee",
    "Foundation",
    "Society",
    "Association",
    "Organisation",
    "Organization",
    "Campaign",
    "Fund",
    "Union",
    "Alliance",
    "Coalition",
    "League",
    "Movement",
    "Front",
    "Party",
    "Trust",
    "Board",
    "Authority",
    "Ministry",
    "Department",
    "Bureau",
    "Federation",
    "Academy",
    "School",
    "College",
    "Network",
    "Partnership",
    "Forum",
];

/// Lower-case words a cause's name may hold between its capitalised words (`Prevention
/// of Cruelty to Children`, `Security and Cooperation in Europe`).
const FOR_JOINS: &[&str] = &["of", "and", "to", "in", "on", "the", "&"];

/// The most tokens after `for` (`the Prevention of Cruelty to Children`: six).
const MAX_FOR_TOKENS: usize = 8;

/// The most capitalised words before the head (`National Society`, `Royal Society`).
const MAX_BEFORE_HEAD: usize = 3;

/// A body named for a cause: capitalised words, a head of [`FOR_HEADS`], `for`, and a run
/// of capitalised words, function words between them (`Institute for Advanced Study`,
/// `National Society for the Prevention of Cruelty to Children`, `Organization for
/// Security and Cooperation in Europe`), is one Organisation name where the tagger read
/// the head alone (`Institute` as a place) or the rules ended at the head (`National
/// Society`). No person's name inside, no name that runs on from the run; the names
/// inside give way (`Europe`). After the tagger, so nothing it reads changes. Linear: one
/// pass over the tokens, a binary search into the mentions a name.
pub(crate) fn bodies_for_causes(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens: &[Token] = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let capital = |i: usize| {
        let w = word(i);
        w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && !NOT_PORTFOLIO.contains(&w)
    };
    let mut found: Vec<Mention> = Vec::new();
    for h in 0..tokens.len() {
        // `for` first: one comparison a token, the heads only before it
        if word(h + 1) != "for" || !FOR_HEADS.contains(&word(h)) || !spaced(text, tokens, h) {
            continue;
        }
        // the run after `for`: it ends at a capitalised word
        let mut k = h + 2;
        let mut end = None;
        while k < tokens.len() && k - (h + 2) < MAX_FOR_TOKENS && spaced(text, tokens, k - 1) {
            if capital(k) {
                end = Some(k + 1);
            } else if !FOR_JOINS.contains(&word(k)) {
                break;
            }
            k += 1;
        }
        let Some(e) = end else {
            continue;
        };
        // `for the` and a capitalised word, or two capitalised words at least (`Office
        // for Mac` is a product)
        let the = word(h + 2) == "the" && capital(h + 3);
        let two = capital(h + 2) && (h + 3..e).any(&capital);
        if !(the || two) {
            continue;
        }
        if spaced(text, tokens, e - 1) && capital(e) {
            continue;
        }
        let mut a = h;
        while a > 0 && h - a < MAX_BEFORE_HEAD && spaced(text, tokens, a - 1) && capital(a - 1) {
            a -= 1;
        }
        let span = Span::new(tokens[a].span.start, tokens[e - 1].span.end);
        let person = any_over(&doc.mentions, span, |m| {
            m.entity_type == EntityType::Person && m.kind == MentionKind::Name
        });
        if person {
            continue;
        }
        let mut body = Mention::new(span, EntityType::Organisation, 0.7, "rule");
        body.kind = MentionKind::Name;
        found.push(body);
    }
    if found.is_empty() {
        return;
    }
    names_in_place(doc, found, |c, m| {
        m.kind == MentionKind::Name && m.entity_type == c.entity_type
    });
}

/// The end (one past the last token) of a portfolio's run of capitalised words starting
/// at token `r`, one space apart; `None` when there is none or when it is no portfolio: a
/// title, a first name, an abbreviation, or words a mention of the gazetteer, the patterns
/// or the context rules covers.
fn portfolio_run(doc: &Document, r: usize) -> Option<usize> {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let capital = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.chars().any(char::is_lowercase)
            && !NOT_PORTFOLIO.contains(&w)
            && !is_title_head(w)
    };
    let first = word(r);
    if !capital(first) || crate::resolve::names::is_first_name(first) {
        return None;
    }
    let mut e = r + 1;
    while e - r < MAX_RUN && spaced(text, tokens, e - 1) && capital(word(e)) {
        e += 1;
    }
    let span = Span::new(tokens[r].span.start, tokens[e - 1].span.end);
    let known = any_over(&doc.mentions, span, |m| m.recogniser.as_ref() != "tagger");
    (!known).then_some(e)
}

/// Whether a mention overlapping `span` meets `f`. Mentions are sorted by start; one over
/// the span starts at most a long name (512 bytes) before it: a binary search and a short
/// walk.
fn any_over(mentions: &[Mention], span: Span, f: impl Fn(&Mention) -> bool) -> bool {
    let lo = mentions.partition_point(|m| m.span.start.saturating_add(512) < span.start);
    mentions[lo..]
        .iter()
        .take_while(|m| m.span.start < span.end)
        .any(|m| m.span.overlaps(span) && f(m))
}

#[cfg(test)]
mod tests {
    use crate::recognise::names_and_types as names;

    #[test]
    fn institutions_take_all_their_portfolios() {
        let found = names(
            "The U.S. Department of Health and Human Services and the Ministry of Culture \
             and Tourism met officials of the Department for Environment, Food and Rural \
             Affairs.",
        );
        for name in [
            "Department of Health and Human Services",
            "Ministry of Culture and Tourism",
            "Department for Environment, Food and Rural Affairs",
        ] {
            assert!(
                found
                    .iter()
                    .any(|(t, y)| t.ends_with(name) && *y == "Organisation"),
                "{name}: {found:?}"
            );
        }
        assert!(
            !found
                .iter()
                .any(|(t, _)| t == "Human Services" || t == "Rural Affairs"),
            "{found:?}"
        );
    }

    #[test]
    fn bodies_named_for_a_cause_are_one_name() {
        let found = names(
            "He worked at the Institute for Advanced Study. The Organization for Security \
             and Cooperation in Europe met the Campaign for Nuclear Disarmament, and the \
             National Society for the Prevention of Cruelty to Children agreed.",
        );
        for name in [
            "Institute for Advanced Study",
            "Organization for Security and Cooperation in Europe",
            "Campaign for Nuclear Disarmament",
            "National Society for the Prevention of Cruelty to Children",
        ] {
            assert!(
                found.iter().any(|(t, y)| t == name && *y == "Organisation"),
                "{name}: {found:?}"
            );
        }
        assert!(
            !found
                .iter()
                .any(|(t, _)| t == "Institute" || t == "Europe" || t == "National Society"),
            "{found:?}"
        );
        // a person after `for` is no cause, nor one word (a product)
        let found = names("He used Office for Mac. The Campaign for Hillary Clinton raised money.");
        assert!(
            !found.iter().any(|(t, _)| t == "Office for Mac"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(t, _)| t.starts_with("Campaign for")),
            "{found:?}"
        );
    }

    #[test]
    fn known_names_people_and_titles_are_no_portfolios() {
        for text in [
            "The Ministry of Defence and Hamas traded blame.",
            "The Ministry of Defence and Foreign Minister Sergei Lavrov spoke.",
            "The Department of Justice and John Kerry disagreed.",
            "The Department of Justice and FBI agents searched the house.",
        ] {
            let found = names(text);
            assert!(
                !found.iter().any(|(t, _)| t.contains(" and ")),
                "{text}: {found:?}"
            );
        }
    }
}
